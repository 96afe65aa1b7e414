/* att-year-calendar.c: a pupil's school year at a glance, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The months run down the left from September; a column per day of the
 * month, split into its morning (left) and afternoon (right). Each code
 * group has a shape of its own as well as a colour: present filled,
 * approved educational activity a dot in a box, authorised absence half
 * filled, unauthorised absence filled and crossed, not a possible session
 * an empty box, a session not yet marked a dotted box. Weekends and
 * holidays are shaded, and the rolling window of the National Framework
 * is boxed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "att-chart-private.h"
#include "att-document.h"
#include "att-year-calendar.h"

#define N_MONTHS 12
#define N_DAYS   31

/* Where everything is, from the width and the height alone, so that the
 * drawing and the hit test agree. */
typedef struct
{
  double label_w;    /* the months' names */
  double day_w;
  double header_h;   /* the days' numbers */
  double row_h;
  double top;        /* of September's row */
  double key_top;
  double key_h;
  guint  key_columns;
} Geometry;

typedef enum
{
  SHAPE_PRESENT,
  SHAPE_AEA,
  SHAPE_AUTHORISED,
  SHAPE_UNAUTHORISED,
  SHAPE_NOT_POSSIBLE,
  SHAPE_UNMARKED,
  SHAPE_FUTURE,
  SHAPE_NONE,
} Shape;

#define N_KEY_ITEMS 10
#define KEY_LINE_H  16.0

static void
geometry (double    width,
          double    height,
          Geometry *g)
{
  double row_pref;
  guint key_rows;

  g->label_w = CLAMP (width * 0.08, 48, 84);
  g->day_w = MAX (width - g->label_w, 1) / N_DAYS;
  g->header_h = CLAMP (g->day_w * 0.9, 12, 18);
  row_pref = CLAMP (g->day_w * 0.8, 12, 26);
  g->key_columns = CLAMP ((guint)(width / 210), 1, 5);
  key_rows = (N_KEY_ITEMS + g->key_columns - 1) / g->key_columns;
  g->key_h = key_rows * KEY_LINE_H + 4;
  g->top = g->header_h;
  /* Given more height than it wants, the rows grow a little; given less,
   * they shrink. */
  if (height > 0)
    g->row_h = MIN (MAX (row_pref, MIN (g->day_w * 1.1, 32)),
                    MAX (height - g->header_h - 10 - g->key_h, N_MONTHS * 4.0) / N_MONTHS);
  else
    g->row_h = row_pref;
  g->key_top = g->top + N_MONTHS * g->row_h + 10;
}

double
att_year_calendar_height (double width)
{
  Geometry g;

  geometry (width, -1, &g);
  return g.key_top + g.key_h;
}

/* The month row (0 for September) and year and month of the calendar. */
static void
row_month (int  school_year,
           int  row,
           int *year,
           int *month)
{
  *month = (row + 8) % 12 + 1;
  *year = school_year + (*month < 9);
}

static int
date_row (AttDate date,
          int     school_year,
          int    *day)
{
  int y, m, d;

  att_date_to_ymd (date, &y, &m, &d);
  *day = d;
  return (y - school_year) * 12 + m - 9;
}

/* The box of a session. */
static void
session_box (const Geometry *g,
             int             row,
             int             day,
             AttSession      session,
             double         *x,
             double         *y,
             double         *w,
             double         *h)
{
  double half = g->day_w / 2;
  double gap = MAX (g->day_w * 0.06, 0.8);
  double pad = MAX (g->day_w * 0.08, 0.8);

  *w = half - pad - gap / 2;
  *x = g->label_w + (day - 1) * g->day_w + (session == ATT_SESSION_AM ? pad : half + gap / 2);
  /* The top seven tenths of the row, the term's bar below. */
  *h = MIN (g->row_h * 0.62, *w * 1.9);
  *y = g->top + row * g->row_h + g->row_h * 0.08 + (g->row_h * 0.7 - *h) / 2;
}

static Shape
session_shape (const AttPupilYearSession *s)
{
  if (!(s->flags & ATT_PUPIL_YEAR_ON_ROLL))
    return SHAPE_NONE;
  if (s->code != ATT_CODE_NONE)
    {
      if (att_code_info (s->code)->group == ATT_GROUP_AEA)
        return SHAPE_AEA;
      switch (att_code_info (s->code)->meaning)
        {
        case ATT_MEANING_PRESENT:
          return SHAPE_PRESENT;
        case ATT_MEANING_AEA:
          return SHAPE_AEA;
        case ATT_MEANING_AUTHORISED:
          return SHAPE_AUTHORISED;
        case ATT_MEANING_UNAUTHORISED:
          return SHAPE_UNAUTHORISED;
        case ATT_MEANING_NOT_POSSIBLE:
        default:
          return SHAPE_NOT_POSSIBLE;
        }
    }
  if (s->flags & ATT_PUPIL_YEAR_CLOSED)
    return SHAPE_NOT_POSSIBLE;
  if (!(s->flags & ATT_PUPIL_YEAR_SCHOOL))
    return SHAPE_NONE;
  if (s->flags & ATT_PUPIL_YEAR_FUTURE)
    return SHAPE_FUTURE;
  return SHAPE_UNMARKED;
}

static void
draw_shape (cairo_t               *cr,
            const AttChartPalette *palette,
            Shape                  shape,
            double                 x,
            double                 y,
            double                 w,
            double                 h)
{
  double line = CLAMP (w * 0.14, 0.7, 1.4);

  cairo_save (cr);
  cairo_set_line_width (cr, line);
  switch (shape)
    {
    case SHAPE_PRESENT:
      _att_chart_set_source (cr, &palette->present);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      break;
    case SHAPE_AEA:
      _att_chart_set_source (cr, &palette->aea);
      cairo_rectangle (cr, x + line / 2, y + line / 2, w - line, h - line);
      cairo_stroke (cr);
      cairo_arc (cr, x + w / 2, y + h / 2, MIN (w, h) * 0.28, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case SHAPE_AUTHORISED:
      _att_chart_set_source (cr, &palette->authorised);
      cairo_rectangle (cr, x + line / 2, y + line / 2, w - line, h - line);
      cairo_stroke (cr);
      cairo_rectangle (cr, x, y + h / 2, w, h / 2);
      cairo_fill (cr);
      break;
    case SHAPE_UNAUTHORISED:
      _att_chart_set_source (cr, &palette->unauthorised);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      _att_chart_set_source (cr, &palette->background);
      cairo_set_line_width (cr, MAX (line, w * 0.18));
      cairo_move_to (cr, x + w * 0.2, y + h / 2 - w * 0.3);
      cairo_line_to (cr, x + w * 0.8, y + h / 2 + w * 0.3);
      cairo_move_to (cr, x + w * 0.8, y + h / 2 - w * 0.3);
      cairo_line_to (cr, x + w * 0.2, y + h / 2 + w * 0.3);
      cairo_stroke (cr);
      break;
    case SHAPE_NOT_POSSIBLE:
      _att_chart_set_source (cr, &palette->not_possible);
      cairo_rectangle (cr, x + line / 2, y + line / 2, w - line, h - line);
      cairo_stroke (cr);
      break;
    case SHAPE_UNMARKED:
      {
        double dash[] = { line, line * 1.5 };

        _att_chart_set_source (cr, &palette->ink);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_rectangle (cr, x + line / 2, y + line / 2, w - line, h - line);
        cairo_stroke (cr);
      }
      break;
    case SHAPE_FUTURE:
      _att_chart_set_source (cr, &palette->grid);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      break;
    case SHAPE_NONE:
    default:
      break;
    }
  cairo_restore (cr);
}

static void
draw_key (cairo_t               *cr,
          const Geometry        *g,
          const AttChartPalette *palette,
          PangoLayout           *layout,
          double                 width)
{
  const struct
  {
    Shape       shape;
    const char *text;
  } items[N_KEY_ITEMS] = {
    { SHAPE_PRESENT, N_("Present") },
    { SHAPE_AEA, N_("Approved educational activity") },
    { SHAPE_AUTHORISED, N_("Authorised absence") },
    { SHAPE_UNAUTHORISED, N_("Unauthorised absence") },
    { SHAPE_NOT_POSSIBLE, N_("Not a possible session") },
    { SHAPE_UNMARKED, N_("Not yet marked") },
    { SHAPE_FUTURE, N_("To come") },
    { SHAPE_NONE, N_("Weekend or holiday") },
    { SHAPE_NONE, N_("Last 10 school weeks") },
    { SHAPE_NONE, N_("Term") },
  };
  double column_w = width / g->key_columns;
  double sw = 7, sh = 11;

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, (int)((column_w - sw * 2 - 10) * PANGO_SCALE));
  for (guint i = 0; i < N_KEY_ITEMS; i++)
    {
      double x = (i % g->key_columns) * column_w;
      double y = g->key_top + (i / g->key_columns) * KEY_LINE_H;
      double cy = y + KEY_LINE_H / 2;

      if (i == 7)
        {
          _att_chart_set_source (cr, &palette->band);
          cairo_rectangle (cr, x, y + 1, sw * 2 + 2, KEY_LINE_H - 2);
          cairo_fill (cr);
        }
      else if (i == 8)
        {
          _att_chart_set_source (cr, &palette->window);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, x + 1, y + 2, sw * 2, KEY_LINE_H - 4);
          cairo_stroke (cr);
        }
      else if (i == 9)
        {
          _att_chart_set_source (cr, &palette->accent);
          cairo_rectangle (cr, x + 1, cy + sh / 2 - 2, sw * 2 + 1, 2.5);
          cairo_fill (cr);
        }
      else
        {
          draw_shape (cr, palette, items[i].shape, x + 1, cy - sh / 2, sw, sh);
          draw_shape (cr, palette, items[i].shape, x + sw + 2, cy - sh / 2, sw, sh);
        }
      _att_chart_set_source (cr, &palette->ink);
      _att_chart_text (cr, layout, _(items[i].text), x + sw * 2 + 8, cy, 0, 0.5);
    }
  pango_layout_set_width (layout, -1);
}

void
att_year_calendar_draw (cairo_t             *cr,
                        AttPupilYear        *year,
                        double               width,
                        double               height,
                        const AttChartStyle *style)
{
  static const AttChartStyle default_style = { 0, };
  const AttChartPalette *palette;
  const AttPupilYearSession *sessions;
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) small = NULL;
  int school_year;
  guint n;
  Geometry g;
  double window_x0[N_MONTHS], window_x1[N_MONTHS];

  g_return_if_fail (cr != NULL);
  g_return_if_fail (year != NULL);

  if (style == NULL)
    style = &default_style;
  palette = _att_chart_palette (style);
  geometry (width, height, &g);
  school_year = att_pupil_year_get_school_year (year);
  label = _att_chart_layout (cr, style, 0.9, FALSE);
  small = _att_chart_layout (cr, style, CLAMP (g.day_w / 22, 0.55, 0.8), FALSE);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background)
    {
      _att_chart_set_source (cr, &palette->background);
      cairo_paint (cr);
    }

  /* The days' numbers across the top. */
  _att_chart_set_source (cr, &palette->muted);
  for (int d = 1; d <= N_DAYS; d++)
    {
      char text[4];

      g_snprintf (text, sizeof text, "%d", d);
      _att_chart_text (cr, small, text, g.label_w + (d - 0.5) * g.day_w, g.header_h / 2, 0.5, 0.5);
    }

  /* Each month: its name, its weekends and holidays shaded, days it does
   * not have left empty. */
  pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (label, (int)((g.label_w - 6) * PANGO_SCALE));
  for (int row = 0; row < N_MONTHS; row++)
    {
      double y = g.top + row * g.row_h;
      int yy, mm;

      row_month (school_year, row, &yy, &mm);
      {
        g_autofree char *name = NULL;
        g_autoptr(GDateTime) time = g_date_time_new_utc (yy, mm, 1, 12, 0, 0);

        /* Translators: a month's row in the year calendar, "Sep 2026"; see g_date_time_format() */
        name = g_date_time_format (time, _("%b %Y"));
        _att_chart_set_source (cr, &palette->ink);
        _att_chart_text (cr, label, name, 0, y + g.row_h / 2, 0, 0.5);

        for (int d = 1; d <= N_DAYS; d++)
          {
            AttDate date = att_date_from_ymd (yy, mm, d);
            double x = g.label_w + (d - 1) * g.day_w;

            if (date == ATT_DATE_NONE)
              continue;
            if (att_date_weekday (date) > 5)
              {
                _att_chart_set_source (cr, &palette->band);
                cairo_rectangle (cr, x, y + 1, g.day_w, g.row_h - 2);
                cairo_fill (cr);
              }
          }
      }
      /* A rule between the months. */
      _att_chart_set_source (cr, &palette->grid);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, 0, round (y) + 0.5);
      cairo_line_to (cr, width, round (y) + 0.5);
      cairo_stroke (cr);
      window_x0[row] = G_MAXDOUBLE;
      window_x1[row] = -1;
    }
  _att_chart_set_source (cr, &palette->grid);
  cairo_move_to (cr, 0, round (g.top + N_MONTHS * g.row_h) + 0.5);
  cairo_line_to (cr, width, round (g.top + N_MONTHS * g.row_h) + 0.5);
  cairo_stroke (cr);

  sessions = att_pupil_year_get_sessions (year, &n);
  /* Holidays shaded, by day (both sessions share the flag). */
  for (guint i = 0; i < n; i++)
    {
      const AttPupilYearSession *s = &sessions[i];
      int day, row;

      if (s->session != ATT_SESSION_AM || !(s->flags & ATT_PUPIL_YEAR_HOLIDAY))
        continue;
      row = date_row (s->date, school_year, &day);
      if (row < 0 || row >= N_MONTHS)
        continue;
      _att_chart_set_source (cr, &palette->band);
      cairo_rectangle (cr, g.label_w + (day - 1) * g.day_w, g.top + row * g.row_h + 1, g.day_w, g.row_h - 2);
      cairo_fill (cr);
    }
  for (guint i = 0; i < n; i++)
    {
      const AttPupilYearSession *s = &sessions[i];
      double x, y, w, h;
      int day, row;

      row = date_row (s->date, school_year, &day);
      if (row < 0 || row >= N_MONTHS)
        continue;
      session_box (&g, row, day, s->session, &x, &y, &w, &h);
      draw_shape (cr, palette, session_shape (s), x, y, w, h);
      if (s->flags & ATT_PUPIL_YEAR_WINDOW)
        {
          double left = g.label_w + (day - 1) * g.day_w;

          window_x0[row] = MIN (window_x0[row], left);
          window_x1[row] = MAX (window_x1[row], left + g.day_w);
        }
    }

  /* The terms: a bar under their days, every other term lighter, so
   * where one ends and the next begins shows. */
  {
    const AttPupilYearTerm *terms;
    guint n_terms;

    terms = att_pupil_year_get_terms (year, &n_terms);
    for (guint t = 0; t < n_terms; t++)
      {
        AttRgba colour = palette->accent;

        colour.a = t % 2 == 0 ? 1.0 : 0.55;
        _att_chart_set_source (cr, &colour);
        for (AttDate d = terms[t].start; d <= terms[t].end; d++)
          {
            int day, row = date_row (d, school_year, &day);

            if (row < 0 || row >= N_MONTHS || att_date_weekday (d) > 5)
              continue;
            cairo_rectangle (cr, g.label_w + (day - 1) * g.day_w, g.top + row * g.row_h + g.row_h * 0.8 - 1.25,
                             g.day_w, 2.5);
          }
        cairo_fill (cr);
      }
  }

  /* The rolling window, boxed on each month it covers. */
  _att_chart_set_source (cr, &palette->window);
  cairo_set_line_width (cr, 2);
  for (int row = 0; row < N_MONTHS; row++)
    if (window_x1[row] > window_x0[row])
      cairo_rectangle (cr, window_x0[row] + 1, g.top + row * g.row_h + 1,
                       window_x1[row] - window_x0[row] - 2, g.row_h - 2);
  cairo_stroke (cr);

  draw_key (cr, &g, palette, label, width);
  cairo_restore (cr);
}

gboolean
att_year_calendar_hit (AttPupilYear *year,
                       double        width,
                       double        height,
                       double        x,
                       double        y,
                       AttDate      *date,
                       AttSession   *session)
{
  Geometry g;
  int row, day, yy, mm;
  AttDate found;
  double left;

  g_return_val_if_fail (year != NULL, FALSE);

  geometry (width, height, &g);
  if (x < g.label_w || x >= g.label_w + N_DAYS * g.day_w || y < g.top || y >= g.top + N_MONTHS * g.row_h)
    return FALSE;
  row = (int)floor ((y - g.top) / g.row_h);
  day = (int)floor ((x - g.label_w) / g.day_w) + 1;
  row_month (att_pupil_year_get_school_year (year), row, &yy, &mm);
  found = att_date_from_ymd (yy, mm, day);
  if (found == ATT_DATE_NONE || att_date_weekday (found) > 5)
    return FALSE;
  left = g.label_w + (day - 1) * g.day_w;
  if (date != NULL)
    *date = found;
  if (session != NULL)
    *session = x - left < g.day_w / 2 ? ATT_SESSION_AM : ATT_SESSION_PM;
  return TRUE;
}

gboolean
att_year_calendar_session_box (AttPupilYear *year,
                               double        width,
                               double        height,
                               AttDate       date,
                               AttSession    session,
                               double       *x,
                               double       *y,
                               double       *box_width,
                               double       *box_height)
{
  Geometry g;
  double bx, by, bw, bh;
  int row, day;

  g_return_val_if_fail (year != NULL, FALSE);

  row = date_row (date, att_pupil_year_get_school_year (year), &day);
  if (date == ATT_DATE_NONE || row < 0 || row >= N_MONTHS || att_date_weekday (date) > 5)
    return FALSE;
  geometry (width, height, &g);
  session_box (&g, row, day, session, &bx, &by, &bw, &bh);
  if (x != NULL)
    *x = bx;
  if (y != NULL)
    *y = by;
  if (box_width != NULL)
    *box_width = bw;
  if (box_height != NULL)
    *box_height = bh;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The one-page document                                              */
/* ------------------------------------------------------------------ */

struct _AttYearCalendarDocument
{
  GObject       parent_instance;

  AttPupilYear *year;
  char         *school_name;
  char         *title;
};

static void att_year_calendar_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttYearCalendarDocument, att_year_calendar_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_year_calendar_document_iface_init))

static void
att_year_calendar_document_finalize (GObject *object)
{
  AttYearCalendarDocument *self = ATT_YEAR_CALENDAR_DOCUMENT (object);

  g_clear_pointer (&self->year, att_pupil_year_unref);
  g_free (self->school_name);
  g_free (self->title);
  G_OBJECT_CLASS (att_year_calendar_document_parent_class)->finalize (object);
}

static void
att_year_calendar_document_class_init (AttYearCalendarDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_year_calendar_document_finalize;
}

static void
att_year_calendar_document_init (AttYearCalendarDocument *self)
{
}

static const char *
get_title (AttDocument *document)
{
  return ATT_YEAR_CALENDAR_DOCUMENT (document)->title;
}

static AttPageOrientation
get_orientation (AttDocument *document)
{
  return ATT_PAGE_LANDSCAPE;
}

static guint
count_pages (AttDocument *document,
             double       width,
             double       height)
{
  return 1;
}

/* "Attendance 94.2% · 240 possible sessions · ...": the year's figures
 * to as-of. */
static char *
figures_text (const AttFigures *f)
{
  double possible = f->possible;

  if (f->possible == 0)
    return g_strdup (_("No possible sessions yet this school year"));
  return g_strdup_printf (_("Attendance %.1f%% · %u possible sessions · %u attended · "
                            "authorised absence %u (%.1f%%) · unauthorised absence %u (%.1f%%) · "
                            "late %u · persistently absent: %s"),
                          att_figures_attendance_pct (f), f->possible, att_figures_attended (f),
                          f->authorised, 100.0 * f->authorised / possible,
                          f->unauthorised, 100.0 * f->unauthorised / possible,
                          f->late + f->late_after_close,
                          att_figures_severe (f) ? _("yes, severely")
                          : att_figures_persistent (f) ? _("yes") : _("no"));
}

static char *
terms_text (AttPupilYear *year)
{
  const AttPupilYearTerm *terms;
  GString *text = g_string_new (_("Terms: "));
  guint n;

  terms = att_pupil_year_get_terms (year, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      char *format = _("%-d %b");
      int y, m, d;
      GDateTime *t;

      att_date_to_ymd (terms[i].start, &y, &m, &d);
      t = g_date_time_new_utc (y, m, d, 12, 0, 0);
      start = g_date_time_format (t, format);
      g_date_time_unref (t);
      att_date_to_ymd (terms[i].end, &y, &m, &d);
      t = g_date_time_new_utc (y, m, d, 12, 0, 0);
      end = g_date_time_format (t, format);
      g_date_time_unref (t);
      /* Translators: a term in the year calendar's document, "Autumn 1 2 Sep–23 Oct" */
      g_string_append_printf (text, _("%s%s %s–%s"), i > 0 ? "; " : "", terms[i].name, start, end);
    }
  if (n == 0)
    g_string_append (text, _("none in the calendar"));
  return g_string_free (text, FALSE);
}

static void
draw_page (AttDocument *document,
           cairo_t     *cr,
           double       width,
           double       height,
           guint        page)
{
  AttYearCalendarDocument *self = ATT_YEAR_CALENDAR_DOCUMENT (document);
  AttChartStyle style = { FALSE, NULL, 7.0, FALSE };
  g_autoptr(PangoLayout) big = _att_chart_layout (cr, &style, 1.7, TRUE);
  g_autoptr(PangoLayout) text = _att_chart_layout (cr, &style, 1.0, FALSE);
  g_autofree char *figures = figures_text (att_pupil_year_get_figures (self->year));
  g_autofree char *terms = terms_text (self->year);
  g_autofree char *as_of = att_date_format_long (att_pupil_year_get_as_of (self->year));
  g_autofree char *sub = NULL;
  g_autofree char *window = NULL;
  AttDate wstart, wend;
  double y = 0, h, cal_h;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  pango_layout_set_width (big, (int)(width * PANGO_SCALE));
  pango_layout_set_ellipsize (big, PANGO_ELLIPSIZE_END);
  _att_chart_text (cr, big, self->title, 0, y, 0, 0);
  _att_chart_text_size (big, NULL, &h);
  y += h + 2;

  att_pupil_year_get_window (self->year, &wstart, &wend);
  if (wstart != ATT_DATE_NONE)
    {
      g_autofree char *a = att_date_format_long (wstart);
      g_autofree char *b = att_date_format_long (wend);

      /* Translators: the rolling window in the year calendar's document */
      window = g_strdup_printf (_(" · rolling window %s to %s"), a, b);
    }
  /* Translators: under the title of the year calendar, "Riverside Academy · as of Mon 7 Dec 2026" */
  sub = g_strdup_printf (_("%s · as of %s%s"), self->school_name != NULL ? self->school_name : "", as_of,
                         window != NULL ? window : "");
  pango_layout_set_width (text, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (text, PANGO_WRAP_WORD);
  for (guint i = 0; i < 3; i++)
    {
      const char *line = i == 0 ? sub : i == 1 ? figures : terms;

      _att_chart_text (cr, text, line, 0, y, 0, 0);
      _att_chart_text_size (text, NULL, &h);
      y += h + 2;
    }
  y += 8;
  cal_h = height - y;
  cairo_translate (cr, 0, y);
  att_year_calendar_draw (cr, self->year, width, cal_h, &style);
  cairo_restore (cr);
}

static void
att_year_calendar_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = get_title;
  iface->get_orientation = get_orientation;
  iface->count_pages = count_pages;
  iface->draw_page = draw_page;
}

AttYearCalendarDocument *
att_year_calendar_document_new (AttPupilYear *year,
                                const char   *school_name)
{
  AttYearCalendarDocument *self;
  int school_year;

  g_return_val_if_fail (year != NULL, NULL);

  self = g_object_new (ATT_TYPE_YEAR_CALENDAR_DOCUMENT, NULL);
  self->year = att_pupil_year_ref (year);
  self->school_name = g_strdup (school_name);
  school_year = att_pupil_year_get_school_year (year);
  /* Translators: the title of a pupil's year calendar, "Attendance 2026/27: Amina Khan (A123456789012)" */
  self->title = g_strdup_printf (_("Attendance %d/%02d: %s"), school_year, (school_year + 1) % 100,
                                 att_pupil_year_get_title (year));
  return self;
}
