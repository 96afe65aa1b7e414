/* att-chart.c: the Reports page's charts, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three charts of attendance (the weekly trend as a line, year groups and
 * weekdays as columns) share a value axis that starts below the lowest
 * figure, as attendance lies between 85% and 100%, with each column's
 * figure written on it so the shortened axis misleads nobody; persistent
 * absence by cohort and absence by reason run across the page as bars
 * from zero, their labels being long.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "att-chart-private.h"
#include "att-text.h"

#define PAD          8.0    /* round the plot, as a fraction of the font */
#define TICK_GAP     0.5    /* between a tick label and the axis, in ems */

/* ------------------------------------------------------------------ */
/* Palettes and text                                                  */
/* ------------------------------------------------------------------ */

static const AttChartPalette light_palette = {
  .background = { 1, 1, 1, 1 },
  .ink = { 0.12, 0.12, 0.14, 1 },
  .muted = { 0.12, 0.12, 0.14, 0.72 },
  .grid = { 0.12, 0.12, 0.14, 0.12 },
  .band = { 0.12, 0.12, 0.14, 0.06 },
  .accent = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 },        /* blue 4 */
  .target = { 0xc6 / 255.0, 0x46 / 255.0, 0x00 / 255.0, 1 },        /* orange 5 */
  .present = { 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0, 1 },       /* green 5 */
  .aea = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 },           /* blue 4 */
  .authorised = { 0xe5 / 255.0, 0xa5 / 255.0, 0x0a / 255.0, 1 },    /* yellow 5 */
  .unauthorised = { 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0, 1 },  /* red 4 */
  .not_possible = { 0.37, 0.36, 0.39, 1 },                          /* dark 1 */
  .window = { 0x61 / 255.0, 0x35 / 255.0, 0x83 / 255.0, 1 },        /* purple 4 */
};

static const AttChartPalette dark_palette = {
  .background = { 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1 },
  .ink = { 1, 1, 1, 0.92 },
  .muted = { 1, 1, 1, 0.7 },
  .grid = { 1, 1, 1, 0.14 },
  .band = { 1, 1, 1, 0.07 },
  .accent = { 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0, 1 },        /* blue 2 */
  .target = { 0xff / 255.0, 0xa3 / 255.0, 0x48 / 255.0, 1 },        /* orange 2 */
  .present = { 0x57 / 255.0, 0xe3 / 255.0, 0x89 / 255.0, 1 },       /* green 2 */
  .aea = { 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0, 1 },           /* blue 2 */
  .authorised = { 0xf8 / 255.0, 0xe4 / 255.0, 0x5c / 255.0, 1 },    /* yellow 2 */
  .unauthorised = { 0xf6 / 255.0, 0x61 / 255.0, 0x51 / 255.0, 1 },  /* red 2 */
  .not_possible = { 0.75, 0.74, 0.72, 1 },                          /* light 4 */
  .window = { 0xdc / 255.0, 0x8a / 255.0, 0xdd / 255.0, 1 },        /* purple 2 */
};

const AttChartPalette *
_att_chart_palette (const AttChartStyle *style)
{
  return style != NULL && style->dark ? &dark_palette : &light_palette;
}

void
_att_chart_set_source (cairo_t       *cr,
                       const AttRgba *colour)
{
  cairo_set_source_rgba (cr, colour->r, colour->g, colour->b, colour->a);
}

static double
font_size (const AttChartStyle *style)
{
  return style != NULL && style->font_size > 0 ? style->font_size : 9.0;
}

PangoLayout *
_att_chart_layout (cairo_t             *cr,
                   const AttChartStyle *style,
                   double               scale,
                   gboolean             bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, style != NULL && style->font != NULL ? style->font : "Sans");
  pango_font_description_set_size (desc, (int)(font_size (style) * scale * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

void
_att_chart_text_size (PangoLayout *layout,
                      double      *width,
                      double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double)logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double)logical.height / PANGO_SCALE;
}

void
_att_chart_text (cairo_t     *cr,
                 PangoLayout *layout,
                 const char  *text,
                 double       x,
                 double       y,
                 double       xalign,
                 double       yalign)
{
  double w, h;

  pango_layout_set_text (layout, text, -1);
  _att_chart_text_size (layout, &w, &h);
  cairo_move_to (cr, x - w * xalign, y - h * yalign);
  pango_cairo_show_layout (cr, layout);
}

static double
text_width (PangoLayout *layout,
            const char  *text)
{
  double w;

  pango_layout_set_text (layout, text, -1);
  _att_chart_text_size (layout, &w, NULL);
  return w;
}

/* ------------------------------------------------------------------ */
/* Names                                                              */
/* ------------------------------------------------------------------ */

const char *
att_chart_to_string (AttChartKind kind)
{
  static const char *const names[] = {
    [ATT_CHART_WEEKLY] = "weekly",
    [ATT_CHART_YEAR_GROUPS] = "year-groups",
    [ATT_CHART_PERSISTENT] = "persistent",
    [ATT_CHART_REASONS] = "reasons",
    [ATT_CHART_WEEKDAYS] = "weekdays",
  };

  g_return_val_if_fail (kind < ATT_N_CHARTS, NULL);
  return names[kind];
}

const char *
att_chart_title (AttChartKind kind)
{
  switch (kind)
    {
    case ATT_CHART_WEEKLY:
      return _("Attendance week by week");
    case ATT_CHART_YEAR_GROUPS:
      return _("Attendance by year group");
    case ATT_CHART_PERSISTENT:
      return _("Persistent absence by group of pupils");
    case ATT_CHART_REASONS:
      return _("Absence by reason");
    case ATT_CHART_WEEKDAYS:
      return _("Attendance by day of the week");
    case ATT_N_CHARTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
att_chart_value_label (AttChartKind kind)
{
  switch (kind)
    {
    case ATT_CHART_WEEKLY:
    case ATT_CHART_YEAR_GROUPS:
    case ATT_CHART_WEEKDAYS:
      return _("Attendance (%)");
    case ATT_CHART_PERSISTENT:
      return _("Pupils persistently absent (%)");
    case ATT_CHART_REASONS:
      return _("Sessions");
    case ATT_N_CHARTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The title of the axis of labels. */
static const char *
category_label (AttChartKind kind)
{
  switch (kind)
    {
    case ATT_CHART_WEEKLY:
      return _("Week beginning");
    case ATT_CHART_YEAR_GROUPS:
      return _("Year group");
    case ATT_CHART_PERSISTENT:
      return _("Group of pupils");
    case ATT_CHART_REASONS:
      return _("Reason (code)");
    case ATT_CHART_WEEKDAYS:
    case ATT_N_CHARTS:
    default:
      return _("Day of the week");
    }
}

static gboolean
is_percentage (AttChartKind kind)
{
  return kind != ATT_CHART_REASONS;
}

char *
att_chart_format_value (AttChartKind kind,
                        double       value)
{
  if (is_percentage (kind))
    /* Translators: a percentage in a chart or its table, "94.2%" */
    return g_strdup_printf (_("%.1f%%"), value);

  /* Sessions, with their thousands marked: "1,204". */
  return att_text_count ((guint64)MAX (value + 0.5, 0));
}

/* ------------------------------------------------------------------ */
/* Points                                                             */
/* ------------------------------------------------------------------ */

static void
point_clear (AttChartPoint *point)
{
  g_free (point->label);
  g_free (point->long_label);
}

static void
add_point (GArray     *points,
           char       *label,
           char       *long_label,
           double      value,
           gboolean    gap)
{
  AttChartPoint point = { label, long_label, value, gap };

  g_array_append_val (points, point);
}

static double
pct (guint part,
     guint whole)
{
  /* Rounded to one place, as every figure is shown. */
  return whole > 0 ? round (1000.0 * part / whole) / 10.0 : 0;
}

static char *
format_date (AttDate     date,
             const char *format)
{
  g_autoptr(GDateTime) time = NULL;
  int y, m, d;

  att_date_to_ymd (date, &y, &m, &d);
  time = g_date_time_new_utc (y, m, d, 12, 0, 0);
  return g_date_time_format (time, format);
}

static void
weekly_points (AttReport *report,
               GArray    *points)
{
  const AttReportWeek *weeks;
  AttDate until = att_report_get_until (report);
  guint n;

  weeks = att_report_get_weeks (report, &n);
  for (guint i = 0; i < n; i++)
    {
      const AttReportWeek *week = &weeks[i];
      g_autofree char *day = NULL;
      char *label, *long_label;
      gboolean gap = !week->school || week->possible == 0;

      /* The trend runs to the week of the last day counted. */
      if (week->monday > until)
        break;
      /* Translators: a week on a chart's axis, "7 Sep"; see g_date_time_format() */
      label = format_date (week->monday, _("%-d %b"));
      /* Translators: a week in a chart's table, "7 September 2026"; see g_date_time_format() */
      day = format_date (week->monday, _("%-d %B %Y"));
      if (!week->school)
        /* Translators: a holiday week in a chart's table */
        long_label = g_strdup_printf (_("Week of %s (holiday)"), day);
      else
        /* Translators: a school week in a chart's table */
        long_label = g_strdup_printf (_("Week of %s"), day);
      add_point (points, label, long_label, gap ? 0 : pct (week->attended, week->possible), gap);
    }
}

static void
year_group_points (AttReport *report,
                   GArray    *points)
{
  const AttReportGroup *groups;
  guint n;

  groups = att_report_get_groups (report, ATT_REPORT_BY_YEAR, &n);
  for (guint i = 0; i < n; i++)
    {
      if (groups[i].pupils == 0)
        continue;
      add_point (points, g_strdup (groups[i].label),
                 /* Translators: a year group in a chart's table, "Year 7 (182 pupils)" */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u pupil)", "%s (%u pupils)",
                                               groups[i].pupils),
                                  groups[i].label, groups[i].pupils),
                 att_report_group_attendance_pct (&groups[i]), FALSE);
    }
}

static void
persistent_points (AttReport *report,
                   GArray    *points)
{
  const AttReportGroup *groups;
  guint n;

  groups = att_report_get_groups (report, ATT_REPORT_BY_COHORT, &n);
  for (guint i = 0; i < n; i++)
    {
      if (groups[i].pupils == 0)
        continue;
      add_point (points, g_strdup (groups[i].label),
                 /* Translators: a group of pupils in a chart's table, "Boys: 23 of 512 pupils" */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u pupil", "%s: %u of %u pupils",
                                               groups[i].pupils),
                                  groups[i].label, groups[i].persistent, groups[i].pupils),
                 att_report_group_persistent_pct (&groups[i]), FALSE);
    }
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const guint *counts = data;
  AttCode ca = *(const AttCode *)a, cb = *(const AttCode *)b;

  if (counts[ca] != counts[cb])
    return counts[ca] > counts[cb] ? -1 : 1;
  return ca < cb ? -1 : ca > cb;
}

/* The absence codes with sessions, most first. */
static GArray *
reason_codes (AttReport *report)
{
  const guint *counts = att_report_get_codes (report);
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (AttCode));

  for (AttCode code = ATT_CODE_NONE + 1; code < ATT_CODE_N_CODES; code++)
    {
      AttCodeMeaning meaning = att_code_info (code)->meaning;

      if (counts[code] > 0 && (meaning == ATT_MEANING_AUTHORISED || meaning == ATT_MEANING_UNAUTHORISED))
        g_array_append_val (codes, code);
    }
  g_array_sort_with_data (codes, compare_reasons, (gpointer)counts);
  return codes;
}

static void
reason_points (AttReport *report,
               GArray    *points)
{
  const guint *counts = att_report_get_codes (report);
  g_autoptr(GArray) codes = reason_codes (report);

  for (guint i = 0; i < codes->len; i++)
    {
      AttCode code = g_array_index (codes, AttCode, i);
      gboolean authorised = att_code_info (code)->meaning == ATT_MEANING_AUTHORISED;

      add_point (points, g_strdup (att_code_to_string (code)),
                 /* Translators: a reason in a chart's table, "I: Illness (authorised)" */
                 g_strdup_printf (authorised ? _("%s: %s (authorised)") : _("%s: %s (unauthorised)"),
                                  att_code_to_string (code), att_code_describe (code)),
                 counts[code], FALSE);
    }
}

static const char *
weekday_name (guint day)
{
  const char *const names[] = { N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday") };

  return _(names[day]);
}

static void
weekday_points (AttReport *report,
                GArray    *points)
{
  guint possible[5], attended[5];

  att_report_get_weekdays (report, possible, attended);
  for (guint day = 0; day < 5; day++)
    {
      g_autofree char *count = att_chart_format_value (ATT_CHART_REASONS, possible[day]);

      add_point (points, g_strdup (weekday_name (day)),
                 /* Translators: a weekday in a chart's table, "Monday (1,210 sessions possible)" */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s session possible)",
                                               "%s (%s sessions possible)", possible[day]),
                                  weekday_name (day), count),
                 pct (attended[day], possible[day]), possible[day] == 0);
    }
}

GArray *
att_chart_points (AttReport    *report,
                  AttChartKind  kind)
{
  GArray *points = g_array_new (FALSE, TRUE, sizeof (AttChartPoint));

  g_return_val_if_fail (report != NULL, points);

  g_array_set_clear_func (points, (GDestroyNotify)point_clear);
  switch (kind)
    {
    case ATT_CHART_WEEKLY:
      weekly_points (report, points);
      break;
    case ATT_CHART_YEAR_GROUPS:
      year_group_points (report, points);
      break;
    case ATT_CHART_PERSISTENT:
      persistent_points (report, points);
      break;
    case ATT_CHART_REASONS:
      reason_points (report, points);
      break;
    case ATT_CHART_WEEKDAYS:
      weekday_points (report, points);
      break;
    case ATT_N_CHARTS:
    default:
      g_return_val_if_reached (points);
    }
  return points;
}

/* ------------------------------------------------------------------ */
/* Axes                                                               */
/* ------------------------------------------------------------------ */

typedef struct
{
  cairo_t                *cr;
  const AttChartStyle    *style;
  const AttChartPalette  *palette;
  AttChartKind            kind;
  PangoLayout            *tick;     /* tick labels */
  PangoLayout            *label;    /* axis titles, the key */
  PangoLayout            *value;    /* the figures on the columns */
  double                  em;       /* the height of a line of tick labels */
  double                  width;
  double                  height;
  /* The value axis. */
  double                  lo;
  double                  hi;
  double                  step;
  /* The plot. */
  double                  x0, y0, x1, y1;
} Chart;

/* A step of 1, 2, 2.5 or 5 times a power of ten giving about @n ticks. */
static double
nice_step (double range,
           int    n)
{
  double raw = range / MAX (n, 1);
  double power = pow (10, floor (log10 (raw)));
  double f = raw / power;

  if (f <= 1)
    return power;
  if (f <= 2)
    return 2 * power;
  if (f <= 2.5)
    return 2.5 * power;
  if (f <= 5)
    return 5 * power;
  return 10 * power;
}

/* The value axis for @points: attendance from below its lowest figure (or
 * the target) to 100; the others from 0 to above the highest. */
static void
value_range (Chart        *chart,
             const GArray *points,
             double        target,
             double        reference,
             int           n_ticks)
{
  double min = G_MAXDOUBLE, max = 0;

  for (guint i = 0; i < points->len; i++)
    {
      const AttChartPoint *point = &g_array_index (points, AttChartPoint, i);

      if (point->gap)
        continue;
      min = MIN (min, point->value);
      max = MAX (max, point->value);
    }
  if (chart->kind == ATT_CHART_PERSISTENT || chart->kind == ATT_CHART_REASONS)
    {
      max = MAX (max, reference);
      chart->lo = 0;
      chart->step = nice_step (MAX (max, chart->kind == ATT_CHART_REASONS ? 5 : 10), n_ticks);
      if (chart->kind == ATT_CHART_REASONS)
        chart->step = MAX (chart->step, 1);
      chart->hi = ceil (max / chart->step) * chart->step;
      if (chart->hi <= max * 1.02 || chart->hi == 0)
        chart->hi += chart->step;
      /* Few wide steps would leave the bars short: the axis ends a little
       * past the longest, between two ticks. */
      if (max > 0 && chart->hi > max * 1.3)
        chart->hi = MAX (max * 1.12, chart->step);
      if (chart->kind == ATT_CHART_PERSISTENT)
        chart->hi = MIN (chart->hi, 100);
      return;
    }

  if (min == G_MAXDOUBLE)
    min = 90;
  if (target > 0)
    min = MIN (min, target);
  chart->hi = 100;
  /* Room below the lowest figure, at a multiple of 5, and at least 10
   * points shown. */
  chart->lo = MAX (0, floor ((min - 2.0) / 5.0) * 5.0);
  chart->lo = MIN (chart->lo, 90);
  chart->step = nice_step (chart->hi - chart->lo, 5);
  chart->lo = floor (chart->lo / chart->step) * chart->step;
}

static double
value_y (const Chart *chart,
         double       value)
{
  value = CLAMP (value, chart->lo, chart->hi);
  return chart->y1 - (value - chart->lo) / (chart->hi - chart->lo) * (chart->y1 - chart->y0);
}

static double
value_x (const Chart *chart,
         double       value)
{
  value = CLAMP (value, chart->lo, chart->hi);
  return chart->x0 + (value - chart->lo) / (chart->hi - chart->lo) * (chart->x1 - chart->x0);
}

static char *
tick_text (const Chart *chart,
           double       value)
{
  if (chart->kind == ATT_CHART_REASONS)
    return att_chart_format_value (chart->kind, value);
  if (fabs (value - round (value)) < 1e-6)
    /* Translators: a percentage on a chart's axis, "95%" */
    return g_strdup_printf (_("%.0f%%"), value);
  return g_strdup_printf (_("%.1f%%"), value);
}

static double
widest_tick (Chart *chart)
{
  double widest = 0;

  for (double v = chart->lo; v <= chart->hi + chart->step / 1000; v += chart->step)
    {
      g_autofree char *text = tick_text (chart, v);

      widest = MAX (widest, text_width (chart->tick, text));
    }
  return widest;
}

static void
stroke_line (cairo_t       *cr,
             const AttRgba *colour,
             double         x0,
             double         y0,
             double         x1,
             double         y1,
             double         width)
{
  _att_chart_set_source (cr, colour);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

/* The gridlines and tick labels of a vertical value axis, with its title
 * turned up the left side. */
static void
draw_value_axis_left (Chart *chart)
{
  cairo_t *cr = chart->cr;

  for (double v = chart->lo; v <= chart->hi + chart->step / 1000; v += chart->step)
    {
      g_autofree char *text = tick_text (chart, v);
      double y = round (value_y (chart, v)) + 0.5;

      if (v > chart->lo)
        stroke_line (cr, &chart->palette->grid, chart->x0, y, chart->x1, y, 1);
      _att_chart_set_source (cr, &chart->palette->muted);
      _att_chart_text (cr, chart->tick, text, chart->x0 - chart->em * TICK_GAP, y, 1, 0.5);
    }
  cairo_save (cr);
  _att_chart_set_source (cr, &chart->palette->ink);
  cairo_translate (cr, 0, (chart->y0 + chart->y1) / 2);
  cairo_rotate (cr, -G_PI / 2);
  _att_chart_text (cr, chart->label, att_chart_value_label (chart->kind), 0, PAD / 2, 0.5, 0);
  cairo_restore (cr);
  /* The base line. */
  stroke_line (cr, &chart->palette->muted, chart->x0, chart->y1 + 0.5, chart->x1, chart->y1 + 0.5, 1);
}

/* The same across the foot of the plot. */
static void
draw_value_axis_bottom (Chart *chart)
{
  cairo_t *cr = chart->cr;

  for (double v = chart->lo; v <= chart->hi + chart->step / 1000; v += chart->step)
    {
      g_autofree char *text = tick_text (chart, v);
      double x = round (value_x (chart, v)) + 0.5;

      if (v > chart->lo)
        stroke_line (cr, &chart->palette->grid, x, chart->y0, x, chart->y1, 1);
      _att_chart_set_source (cr, &chart->palette->muted);
      _att_chart_text (cr, chart->tick, text, x, chart->y1 + chart->em * TICK_GAP, 0.5, 0);
    }
  _att_chart_set_source (cr, &chart->palette->ink);
  _att_chart_text (cr, chart->label, att_chart_value_label (chart->kind), (chart->x0 + chart->x1) / 2,
                   chart->height - PAD / 2, 0.5, 1);
  stroke_line (cr, &chart->palette->muted, chart->x0 - 0.5, chart->y0, chart->x0 - 0.5, chart->y1, 1);
}

/* A key at the top right: a dashed line for the target or the whole
 * school's figure, and a swatch for each series. */
typedef enum
{
  KEY_LINE,
  KEY_DASH,
  KEY_BOX,
  KEY_HATCH,
} KeyShape;

static void
hatch_rect (cairo_t       *cr,
            const AttRgba *colour,
            double         x,
            double         y,
            double         w,
            double         h,
            double         spacing)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  _att_chart_set_source (cr, colour);
  cairo_set_line_width (cr, MAX (spacing / 3, 0.8));
  for (double d = -h; d < w; d += spacing)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Draws an item ending at @right on the line whose middle is @y; returns
 * where the next one to its left ends. */
static double
draw_key_item (Chart         *chart,
               double         right,
               double         y,
               KeyShape       shape,
               const AttRgba *colour,
               const char    *text)
{
  cairo_t *cr = chart->cr;
  double tw = text_width (chart->label, text);
  double sx = right - tw - chart->em * 2.0;
  double sw = chart->em * 1.5;

  _att_chart_set_source (cr, &chart->palette->ink);
  _att_chart_text (cr, chart->label, text, right, y, 1, 0.5);
  cairo_save (cr);
  switch (shape)
    {
    case KEY_DASH:
      {
        double dash[] = { 4, 3 };

        cairo_set_dash (cr, dash, 2, 0);
        stroke_line (cr, colour, sx, y, sx + sw, y, 2);
      }
      break;
    case KEY_LINE:
      stroke_line (cr, colour, sx, y, sx + sw, y, 2.5);
      _att_chart_set_source (cr, colour);
      cairo_arc (cr, sx + sw / 2, y, 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case KEY_HATCH:
      _att_chart_set_source (cr, colour);
      cairo_rectangle (cr, sx, y - chart->em * 0.35, sw, chart->em * 0.7);
      cairo_set_line_width (cr, 1);
      cairo_stroke_preserve (cr);
      cairo_new_path (cr);
      hatch_rect (cr, colour, sx, y - chart->em * 0.35, sw, chart->em * 0.7, 3);
      break;
    case KEY_BOX:
    default:
      _att_chart_set_source (cr, colour);
      cairo_rectangle (cr, sx, y - chart->em * 0.35, sw, chart->em * 0.7);
      cairo_fill (cr);
      break;
    }
  cairo_restore (cr);
  return sx - chart->em * 1.2;
}

static void
draw_target (Chart      *chart,
             double      target,
             gboolean    across)
{
  cairo_t *cr = chart->cr;
  double dash[] = { 6, 4 };

  if (target <= 0 || target < chart->lo || target > chart->hi)
    return;
  cairo_save (cr);
  cairo_set_dash (cr, dash, 2, 0);
  if (across)
    {
      double y = value_y (chart, target);

      stroke_line (cr, &chart->palette->target, chart->x0, y, chart->x1, y, 2);
    }
  else
    {
      double x = value_x (chart, target);

      stroke_line (cr, &chart->palette->target, x, chart->y0, x, chart->y1, 2);
    }
  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* The charts                                                         */
/* ------------------------------------------------------------------ */

/* The plot's room for a chart whose values run up the left side, with
 * @key_height above it for the key and labels of @label_height below. */
static void
place_vertical (Chart  *chart,
                double  key_height,
                double  label_height)
{
  double title_h;

  pango_layout_set_text (chart->label, "Ag", -1);
  _att_chart_text_size (chart->label, NULL, &title_h);
  chart->x0 = PAD / 2 + title_h + chart->em * 0.6 + widest_tick (chart) + chart->em * TICK_GAP;
  chart->x1 = chart->width - PAD - chart->em * 0.5;
  chart->y0 = PAD + key_height + chart->em * 0.6;
  chart->y1 = chart->height - PAD / 2 - title_h - chart->em * 0.4 - label_height - chart->em * TICK_GAP;
}

static void
draw_category_title (Chart *chart)
{
  _att_chart_set_source (chart->cr, &chart->palette->ink);
  _att_chart_text (chart->cr, chart->label, category_label (chart->kind), (chart->x0 + chart->x1) / 2,
                   chart->height - PAD / 2, 0.5, 1);
}

static void
draw_no_figures (Chart *chart)
{
  _att_chart_set_source (chart->cr, &chart->palette->muted);
  _att_chart_text (chart->cr, chart->label, _("No figures for this period"), chart->width / 2,
                   chart->height / 2, 0.5, 0.5);
}

static char *
target_text (double target)
{
  /* Translators: the key of a chart's dashed line, "Target 96.0%" */
  return g_strdup_printf (_("Target %.1f%%"), target);
}

static void
draw_weekly (Chart     *chart,
             AttReport *report,
             GArray    *points)
{
  cairo_t *cr = chart->cr;
  double target = att_report_get_target (report);
  double slot, widest_label = 0;
  guint every = 1;
  gboolean open = FALSE;

  guint shown = 0;

  for (guint i = 0; i < points->len; i++)
    shown += !g_array_index (points, AttChartPoint, i).gap;
  value_range (chart, points, target, 0, 5);
  place_vertical (chart, chart->em * 1.2, chart->em);
  if (shown == 0 || chart->x1 <= chart->x0 || chart->y1 <= chart->y0)
    {
      draw_no_figures (chart);
      return;
    }
  slot = (chart->x1 - chart->x0) / points->len;

  /* Labels as often as they fit, on a regular beat. */
  for (guint i = 0; i < points->len; i++)
    widest_label = MAX (widest_label, text_width (chart->tick, g_array_index (points, AttChartPoint, i).label));
  while (every * slot < widest_label + chart->em * 0.8 && every < points->len)
    every++;

  /* Holidays as shaded bands, behind everything (a school week with
   * nothing possible is a gap in the line, but no holiday). */
  {
    const AttReportWeek *weeks;
    guint n_weeks;

    weeks = att_report_get_weeks (report, &n_weeks);
    _att_chart_set_source (cr, &chart->palette->band);
    for (guint i = 0; i < points->len && i < n_weeks; i++)
      if (!weeks[i].school)
        cairo_rectangle (cr, chart->x0 + i * slot, chart->y0, slot, chart->y1 - chart->y0);
    cairo_fill (cr);
  }

  draw_value_axis_left (chart);
  for (guint i = 0; i < points->len; i += every)
    {
      double x = chart->x0 + (i + 0.5) * slot;

      stroke_line (cr, &chart->palette->muted, x, chart->y1, x, chart->y1 + chart->em * 0.3, 1);
      _att_chart_set_source (cr, &chart->palette->muted);
      _att_chart_text (cr, chart->tick, g_array_index (points, AttChartPoint, i).label, x,
                       chart->y1 + chart->em * TICK_GAP, 0.5, 0);
    }
  draw_category_title (chart);
  draw_target (chart, target, TRUE);

  /* The line, broken at every holiday. */
  cairo_save (cr);
  _att_chart_set_source (cr, &chart->palette->accent);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < points->len; i++)
    {
      const AttChartPoint *point = &g_array_index (points, AttChartPoint, i);
      double x = chart->x0 + (i + 0.5) * slot;

      if (point->gap)
        {
          open = FALSE;
          continue;
        }
      if (open)
        cairo_line_to (cr, x, value_y (chart, point->value));
      else
        cairo_move_to (cr, x, value_y (chart, point->value));
      open = TRUE;
    }
  cairo_stroke (cr);
  /* A dot on each week, so a week alone between two holidays shows. */
  for (guint i = 0; i < points->len; i++)
    {
      const AttChartPoint *point = &g_array_index (points, AttChartPoint, i);

      if (point->gap)
        continue;
      cairo_arc (cr, chart->x0 + (i + 0.5) * slot, value_y (chart, point->value), MIN (3.0, slot / 3), 0,
                 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  /* The latest week's figure, above its dot. */
  for (guint i = points->len; i > 0; i--)
    {
      const AttChartPoint *point = &g_array_index (points, AttChartPoint, i - 1);
      g_autofree char *value = NULL;
      double x, y, vw, vh;

      if (point->gap)
        continue;
      value = att_chart_format_value (chart->kind, point->value);
      pango_layout_set_text (chart->value, value, -1);
      _att_chart_text_size (chart->value, &vw, &vh);
      x = MIN (chart->x0 + (i - 0.5) * slot, chart->x1 - vw / 2);
      y = value_y (chart, point->value) - 5;
      if (y - vh < chart->y0)
        y = value_y (chart, point->value) + 5 + vh;
      _att_chart_set_source (cr, &chart->palette->background);
      cairo_rectangle (cr, x - vw / 2 - 1, y - vh, vw + 2, vh);
      cairo_fill (cr);
      _att_chart_set_source (cr, &chart->palette->ink);
      _att_chart_text (cr, chart->value, value, x, y, 0.5, 1);
      break;
    }

  /* The key. */
  {
    double right = chart->x1, y = PAD + chart->em * 0.5;

    if (target > 0)
      {
        g_autofree char *text = target_text (target);

        right = draw_key_item (chart, right, y, KEY_DASH, &chart->palette->target, text);
      }
    right = draw_key_item (chart, right, y, KEY_BOX, &chart->palette->band, _("Holiday"));
    draw_key_item (chart, right, y, KEY_LINE, &chart->palette->accent, _("Whole school"));
  }
}

static char *
column_short_label (AttChartKind  kind,
                    guint         index,
                    const char   *label)
{
  const char *space;

  if (kind == ATT_CHART_WEEKDAYS && index < 5)
    {
      const char *const names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri") };

      return g_strdup (_(names[index]));
    }
  space = strrchr (label, ' ');
  if (space != NULL)
    return g_strdup (space + 1);
  return g_utf8_substring (label, 0, MIN (3, g_utf8_strlen (label, -1)));
}

/* Columns, for year groups and weekdays. */
static void
draw_columns (Chart     *chart,
              AttReport *report,
              GArray    *points)
{
  cairo_t *cr = chart->cr;
  double target = att_report_get_target (report);
  double slot, bar;
  guint shown = 0;
  gboolean shorten = FALSE;

  value_range (chart, points, target, 0, 5);
  place_vertical (chart, target > 0 ? chart->em * 1.2 : 0, chart->em);
  for (guint i = 0; i < points->len; i++)
    shown += !g_array_index (points, AttChartPoint, i).gap;
  if (shown == 0 || chart->x1 <= chart->x0 || chart->y1 <= chart->y0)
    {
      draw_no_figures (chart);
      return;
    }
  slot = (chart->x1 - chart->x0) / points->len;
  bar = MIN (slot * 0.62, chart->em * 5);
  for (guint i = 0; i < points->len; i++)
    if (text_width (chart->tick, g_array_index (points, AttChartPoint, i).label) > slot - chart->em * 0.4)
      shorten = TRUE;

  draw_value_axis_left (chart);
  draw_category_title (chart);
  for (guint i = 0; i < points->len; i++)
    {
      const AttChartPoint *point = &g_array_index (points, AttChartPoint, i);
      double cx = chart->x0 + (i + 0.5) * slot;
      const char *label = point->label;
      g_autofree char *value = NULL;
      double y;

      g_autofree char *short_label = NULL;

      /* When a label is too wide for its slot, every label gives way to
       * a short one: "Year 10" to "10", "Reception" to "Rec", "Wednesday"
       * to "Wed". */
      if (shorten)
        label = short_label = column_short_label (chart->kind, i, label);
      _att_chart_set_source (cr, &chart->palette->muted);
      _att_chart_text (cr, chart->tick, label, cx, chart->y1 + chart->em * TICK_GAP, 0.5, 0);
      if (point->gap)
        continue;

      y = value_y (chart, point->value);
      _att_chart_set_source (cr, &chart->palette->accent);
      cairo_rectangle (cr, cx - bar / 2, y, bar, chart->y1 - y);
      cairo_fill (cr);
      value = att_chart_format_value (chart->kind, point->value);
      if (text_width (chart->value, value) <= slot)
        {
          double vh;

          pango_layout_set_text (chart->value, value, -1);
          _att_chart_text_size (chart->value, NULL, &vh);
          _att_chart_set_source (cr, &chart->palette->ink);
          /* Above the column, or inside its top when it reaches the top. */
          if (y - vh - 2 >= chart->y0 - chart->em * 0.5)
            _att_chart_text (cr, chart->value, value, cx, y - 2, 0.5, 1);
          else
            {
              _att_chart_set_source (cr, &chart->palette->background);
              _att_chart_text (cr, chart->value, value, cx, y + 2, 0.5, 0);
            }
        }
    }
  draw_target (chart, target, TRUE);
  if (target > 0)
    {
      g_autofree char *text = target_text (target);

      draw_key_item (chart, chart->x1, PAD + chart->em * 0.5, KEY_DASH, &chart->palette->target, text);
    }
}

/* Bars across, for cohorts and reasons: @authorised says which reasons
 * are authorised (NULL for cohorts), hatching the others. */
static void
draw_bars (Chart     *chart,
           AttReport *report,
           GArray    *points)
{
  cairo_t *cr = chart->cr;
  const AttReportGroup *school = att_report_get_school (report);
  gboolean reasons = chart->kind == ATT_CHART_REASONS;
  double reference = !reasons && school != NULL ? att_report_group_persistent_pct (school) : 0;
  double widest = 0, title_h, key_h, slot, bar, value_w = 0;
  g_autoptr(GArray) codes = reasons ? reason_codes (report) : NULL;

  if (points->len == 0)
    {
      draw_no_figures (chart);
      return;
    }
  value_range (chart, points, 0, reference, 5);
  pango_layout_set_text (chart->label, "Ag", -1);
  _att_chart_text_size (chart->label, NULL, &title_h);
  for (guint i = 0; i < points->len; i++)
    {
      const AttChartPoint *point = &g_array_index (points, AttChartPoint, i);
      g_autofree char *value = att_chart_format_value (chart->kind, point->value);
      g_autofree char *label = reasons
        ? g_strdup_printf ("%s  %s", point->label, att_code_describe (g_array_index (codes, AttCode, i)))
        : g_strdup (point->label);

      widest = MAX (widest, text_width (chart->tick, label));
      value_w = MAX (value_w, text_width (chart->value, value));
    }
  key_h = chart->em * 1.2;
  chart->x0 = PAD + MIN (widest, chart->width * 0.42) + chart->em * TICK_GAP;
  chart->x1 = chart->width - PAD - MAX (value_w + 4, widest_tick (chart) / 2);
  chart->y0 = PAD + key_h + chart->em * 0.6;
  chart->y1 = chart->height - PAD / 2 - title_h - chart->em * 0.4 - chart->em - chart->em * TICK_GAP;
  if (chart->x1 <= chart->x0 || chart->y1 <= chart->y0)
    return;
  /* Fewer ticks across a narrow plot, so their labels never touch. */
  for (int n = 4; n >= 1; n--)
    {
      double tick_w = widest_tick (chart);
      double ticks = round ((chart->hi - chart->lo) / chart->step) + 1;

      if (ticks * (tick_w + chart->em) <= chart->x1 - chart->x0)
        break;
      value_range (chart, points, 0, reference, n);
    }
  slot = (chart->y1 - chart->y0) / points->len;
  bar = MIN (slot * 0.7, chart->em * 1.6);

  draw_value_axis_bottom (chart);
  if (!reasons)
    draw_target (chart, reference, FALSE);
  pango_layout_set_ellipsize (chart->tick, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (chart->tick, (int)((chart->x0 - PAD - chart->em * TICK_GAP) * PANGO_SCALE));
  pango_layout_set_alignment (chart->tick, PANGO_ALIGN_RIGHT);
  for (guint i = 0; i < points->len; i++)
    {
      const AttChartPoint *point = &g_array_index (points, AttChartPoint, i);
      double cy = chart->y0 + (i + 0.5) * slot;
      double x = value_x (chart, point->value);
      gboolean authorised = TRUE;
      g_autofree char *value = att_chart_format_value (chart->kind, point->value);
      g_autofree char *label = NULL;
      const AttRgba *colour = &chart->palette->accent;

      if (reasons)
        {
          AttCode code = g_array_index (codes, AttCode, i);

          authorised = att_code_info (code)->meaning == ATT_MEANING_AUTHORISED;
          colour = authorised ? &chart->palette->authorised : &chart->palette->unauthorised;
          label = g_strdup_printf ("%s  %s", point->label, att_code_describe (code));
        }
      else
        label = g_strdup (point->label);

      _att_chart_set_source (cr, &chart->palette->ink);
      _att_chart_text (cr, chart->tick, label, PAD, cy, 0, 0.5);
      if (x - chart->x0 > 0.5)
        {
          if (authorised)
            {
              _att_chart_set_source (cr, colour);
              cairo_rectangle (cr, chart->x0, cy - bar / 2, x - chart->x0, bar);
              cairo_fill (cr);
            }
          else
            {
              /* Unauthorised absence hatched as well as coloured. */
              _att_chart_set_source (cr, colour);
              cairo_set_line_width (cr, 1.2);
              cairo_rectangle (cr, chart->x0 + 0.6, cy - bar / 2 + 0.6, x - chart->x0 - 1.2, bar - 1.2);
              cairo_stroke (cr);
              hatch_rect (cr, colour, chart->x0, cy - bar / 2, x - chart->x0, bar, 4);
            }
        }
      /* The figure, on the background so a line behind it does not
       * cross it. */
      {
        double vw, vh;

        pango_layout_set_text (chart->value, value, -1);
        _att_chart_text_size (chart->value, &vw, &vh);
        _att_chart_set_source (cr, &chart->palette->background);
        cairo_rectangle (cr, x + 2, cy - vh / 2, vw + 4, vh);
        cairo_fill (cr);
        _att_chart_set_source (cr, &chart->palette->ink);
        _att_chart_text (cr, chart->value, value, x + 4, cy, 0, 0.5);
      }
    }
  pango_layout_set_width (chart->tick, -1);
  pango_layout_set_alignment (chart->tick, PANGO_ALIGN_LEFT);

  /* The key. */
  if (reasons)
    {
      double right = draw_key_item (chart, chart->x1, PAD + chart->em * 0.5, KEY_HATCH,
                                    &chart->palette->unauthorised, _("Unauthorised"));

      draw_key_item (chart, right, PAD + chart->em * 0.5, KEY_BOX, &chart->palette->authorised,
                     _("Authorised"));
    }
  else if (school != NULL)
    {
      /* Translators: the key of the dashed line on the persistent absence chart, "Whole school 18.2%" */
      g_autofree char *text = g_strdup_printf (_("Whole school %.1f%%"), reference);

      draw_key_item (chart, chart->x1, PAD + chart->em * 0.5, KEY_DASH, &chart->palette->target, text);
    }
}

void
att_chart_draw (cairo_t             *cr,
                AttReport           *report,
                AttChartKind         kind,
                double               width,
                double               height,
                const AttChartStyle *style)
{
  static const AttChartStyle default_style = { 0, };
  g_autoptr(GArray) points = NULL;
  g_autoptr(PangoLayout) tick = NULL;
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) value = NULL;
  Chart chart = { 0, };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (report != NULL);
  g_return_if_fail (kind < ATT_N_CHARTS);

  if (style == NULL)
    style = &default_style;
  chart.cr = cr;
  chart.style = style;
  chart.palette = _att_chart_palette (style);
  chart.kind = kind;
  chart.width = width;
  chart.height = height;
  chart.tick = tick = _att_chart_layout (cr, style, 0.9, FALSE);
  chart.label = label = _att_chart_layout (cr, style, 1.0, FALSE);
  chart.value = value = _att_chart_layout (cr, style, 0.85, TRUE);
  pango_layout_set_text (tick, "0123456789%", -1);
  _att_chart_text_size (tick, NULL, &chart.em);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background)
    {
      _att_chart_set_source (cr, &chart.palette->background);
      cairo_paint (cr);
    }
  points = att_chart_points (report, kind);
  switch (kind)
    {
    case ATT_CHART_WEEKLY:
      draw_weekly (&chart, report, points);
      break;
    case ATT_CHART_YEAR_GROUPS:
    case ATT_CHART_WEEKDAYS:
      draw_columns (&chart, report, points);
      break;
    case ATT_CHART_PERSISTENT:
    case ATT_CHART_REASONS:
      draw_bars (&chart, report, points);
      break;
    case ATT_N_CHARTS:
    default:
      break;
    }
  cairo_restore (cr);
}
