/* test-charts.c: the report's charts drawn to images, the governors'
 * report written to PDF and read back with pdftotext, and the year at a
 * glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With $ATTENDANCE_TEST_OUTPUT set to a folder, the images and PDFs are
 * kept there to be looked at.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "att-chart.h"
#include "att-db-private.h"
#include "att-demo.h"
#include "att-report-document.h"
#include "att-year-calendar.h"
#include "att-test-util.h"

/* ------------------------------------------------------------------ */
/* A demo school, made once                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  char      *dir;
  AttDb     *db;
  AttReport *report;      /* this school year to Friday 5 December 2025 */
  AttReport *last_year;   /* the same dates a year before */
} Demo;

static Demo demo;

static void
demo_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AttDemoOptions options;
  AttDate from, to, last_from, last_to;

  if (demo.db != NULL)
    return;
  demo.dir = g_dir_make_tmp ("att-charts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (demo.dir, "demo.attendance", NULL);
  att_demo_options_init (&options);
  options.pupils = 400;
  options.years = 2;
  g_assert_true (att_demo_create (path, &options, &error));
  g_assert_no_error (error);
  demo.db = att_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (att_db_put_setting (demo.db, "attendance_target", "96", &error));
  g_assert_no_error (error);

  g_assert_true (att_report_period_range (demo.db, ATT_REPORT_PERIOD_THIS_YEAR, att_date_today (),
                                          &from, &to, &error));
  g_assert_no_error (error);
  demo.report = att_report_new (demo.db, from, to, ATT_REPORT_NONE, &error);
  g_assert_no_error (error);
  att_report_period_last_year (demo.db, from, to, &last_from, &last_to);
  demo.last_year = att_report_new (demo.db, last_from, last_to, ATT_REPORT_FIGURES_ONLY, &error);
  g_assert_no_error (error);
}

static void
demo_close (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (demo.db == NULL)
    return;
  g_clear_pointer (&demo.report, att_report_unref);
  g_clear_pointer (&demo.last_year, att_report_unref);
  g_clear_object (&demo.db);
  dir = g_dir_open (demo.dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (demo.dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (demo.dir);
  g_free (demo.dir);
}

/* Where a file the test makes goes: the output folder when one is given. */
static char *
output_path (const char *name)
{
  const char *keep = g_getenv ("ATTENDANCE_TEST_OUTPUT");

  if (keep != NULL && keep[0] != '\0')
    {
      g_mkdir_with_parents (keep, 0700);
      return g_build_filename (keep, name, NULL);
    }
  return g_build_filename (demo.dir, name, NULL);
}

/* ------------------------------------------------------------------ */
/* Images                                                             */
/* ------------------------------------------------------------------ */

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *)(void *)(data + y * stride + x * 4) & 0xffffff;
}

/* The colours covering at least @min_pixels pixels each. */
static guint
count_colours (cairo_surface_t *surface,
               guint            min_pixels)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        gpointer k = GUINT_TO_POINTER (pixel (surface, x, y) + 1);

        g_hash_table_insert (counts, k, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, k)) + 1));
      }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    n += GPOINTER_TO_UINT (value) >= min_pixels;
  return n;
}

/* How many pixels are exactly @rgb. */
static guint
count_pixels (cairo_surface_t *surface,
              guint32          rgb)
{
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      n += pixel (surface, x, y) == rgb;
  return n;
}

#define WIDTH  720
#define HEIGHT 360

/* The accents of the two styles (GNOME blue 4 and blue 2), the bars of
 * authorised absence (yellow 5 and 2), and the backgrounds. */
#define LIGHT_ACCENT  0x1c71d8
#define DARK_ACCENT   0x78aeed
#define LIGHT_AUTH    0xe5a50a
#define DARK_AUTH     0xf8e45c
#define LIGHT_BG      0xffffff
#define DARK_BG       0x1e1e1e

static cairo_surface_t *
draw_chart (AttChartKind kind,
            gboolean     dark)
{
  AttChartStyle style = { dark, NULL, 0, TRUE };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *name = g_strdup_printf ("chart-%s-%s.png", att_chart_to_string (kind), dark ? "dark" : "light");
  g_autofree char *path = output_path (name);

  att_chart_draw (cr, demo.report, kind, WIDTH, HEIGHT, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* Every chart in both styles: the size asked for, the background of its
 * style filling most of it, the figures drawn in the style's own colour
 * (a chart drawn light on dark would fail), and several colours besides:
 * ink, grid, figures, the target. */
static void
test_chart_images (void)
{
  demo_open ();
  for (AttChartKind kind = 0; kind < ATT_N_CHARTS; kind++)
    for (int dark = 0; dark <= 1; dark++)
      {
        cairo_surface_t *surface = draw_chart (kind, dark);
        guint32 figures = kind == ATT_CHART_REASONS ? (dark ? DARK_AUTH : LIGHT_AUTH)
                                                    : (dark ? DARK_ACCENT : LIGHT_ACCENT);
        guint32 other = kind == ATT_CHART_REASONS ? (dark ? LIGHT_AUTH : DARK_AUTH)
                                                  : (dark ? LIGHT_ACCENT : DARK_ACCENT);
        guint background = count_pixels (surface, dark ? DARK_BG : LIGHT_BG);

        g_test_message ("%s %s", att_chart_to_string (kind), dark ? "dark" : "light");
        g_assert_cmpint (cairo_image_surface_get_width (surface), ==, WIDTH);
        g_assert_cmpint (cairo_image_surface_get_height (surface), ==, HEIGHT);
        /* Mostly background, but far from all of it. */
        g_assert_cmpuint (background, >, WIDTH * HEIGHT / 3);
        g_assert_cmpuint (background, <, WIDTH * HEIGHT * 97 / 100);
        /* A line of 2.5 points over 14 weeks, or bars: hundreds of pixels
         * in the figures' colour, none in the other style's. */
        g_assert_cmpuint (count_pixels (surface, figures), >, 200);
        g_assert_cmpuint (count_pixels (surface, other), ==, 0);
        g_assert_cmpuint (count_colours (surface, 20), >=, 4);
        cairo_surface_destroy (surface);
      }
}

/* A report with nothing in it still draws its message, not a blank. */
static void
test_chart_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttReport) report = att_report_new (t->db, D (2025, 9, 1), D (2025, 12, 5), ATT_REPORT_NONE, &error);

  g_assert_no_error (error);
  for (AttChartKind kind = 0; kind < ATT_N_CHARTS; kind++)
    {
      AttChartStyle style = { FALSE, NULL, 0, TRUE };
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 240);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(GArray) points = att_chart_points (report, kind);

      att_chart_draw (cr, report, kind, 400, 240, &style);
      cairo_destroy (cr);
      /* White, and the message's grey text. */
      g_assert_cmpuint (count_pixels (surface, LIGHT_BG), <, 400 * 240);
      g_assert_cmpuint (count_pixels (surface, LIGHT_ACCENT), ==, 0);
      cairo_surface_destroy (surface);
    }
}

/* ------------------------------------------------------------------ */
/* Points                                                             */
/* ------------------------------------------------------------------ */

static void
test_format_value (void)
{
  g_autofree char *a = att_chart_format_value (ATT_CHART_WEEKLY, 94.25);
  g_autofree char *b = att_chart_format_value (ATT_CHART_REASONS, 1204);
  g_autofree char *c = att_chart_format_value (ATT_CHART_REASONS, 999);
  g_autofree char *d = att_chart_format_value (ATT_CHART_REASONS, 1234567);
  g_autofree char *e = att_chart_format_value (ATT_CHART_PERSISTENT, 0);

  /* 94.25 to one place: printf's rounding of the double 94.25 gives
   * 94.2 (round half to even); a figure shown is rounded before. */
  g_assert_cmpstr (a, ==, "94.2%");
  g_assert_cmpstr (b, ==, "1,204");
  g_assert_cmpstr (c, ==, "999");
  g_assert_cmpstr (d, ==, "1,234,567");
  g_assert_cmpstr (e, ==, "0.0%");
  g_assert_cmpstr (att_chart_to_string (ATT_CHART_YEAR_GROUPS), ==, "year-groups");
  g_assert_cmpstr (att_chart_value_label (ATT_CHART_REASONS), ==, "Sessions");
}

/* The points are the report's own figures: each week's attended over
 * possible, holidays as gaps; each year group's attendance; each
 * cohort's persistent absence; each absence code's sessions, most
 * first; each weekday's attendance. */
static void
test_points (void)
{
  g_autoptr(GArray) weekly = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) cohorts = NULL;
  g_autoptr(GArray) reasons = NULL;
  g_autoptr(GArray) weekdays = NULL;
  const AttReportWeek *weeks;
  const AttReportGroup *groups;
  const guint *codes;
  guint possible[5], attended[5];
  guint n, gaps = 0, shown = 0, sum = 0, absent;

  demo_open ();

  /* Weeks from the first of the school year to the week of 5 December:
   * 1 September 2025 is a Monday, so 14 weeks, the half-term week of
   * 27 October among them a gap. */
  weekly = att_chart_points (demo.report, ATT_CHART_WEEKLY);
  weeks = att_report_get_weeks (demo.report, &n);
  g_assert_cmpuint (weekly->len, ==, 14);
  g_assert_cmpuint (n, >=, weekly->len);
  for (guint i = 0; i < weekly->len; i++)
    {
      const AttChartPoint *p = &g_array_index (weekly, AttChartPoint, i);

      g_assert_cmpint (weeks[i].monday, ==, D (2025, 9, 1) + 7 * (int)i);
      g_assert_cmpint (p->gap, ==, !weeks[i].school || weeks[i].possible == 0);
      if (p->gap)
        gaps++;
      else
        g_assert_cmpfloat_with_epsilon (p->value, round (1000.0 * weeks[i].attended / weeks[i].possible) / 10,
                                        1e-9);
    }
  g_assert_cmpuint (gaps, >=, 1);
  g_assert_true (g_array_index (weekly, AttChartPoint, 8).gap);   /* 27 October */
  g_assert_cmpstr (g_array_index (weekly, AttChartPoint, 0).label, ==, "1 Sep");
  g_assert_cmpstr (g_array_index (weekly, AttChartPoint, 0).long_label, ==, "Week of 1 September 2025");

  years = att_chart_points (demo.report, ATT_CHART_YEAR_GROUPS);
  groups = att_report_get_groups (demo.report, ATT_REPORT_BY_YEAR, &n);
  for (guint i = 0; i < n; i++)
    if (groups[i].pupils > 0)
      {
        const AttChartPoint *p = &g_array_index (years, AttChartPoint, shown++);

        g_assert_cmpstr (p->label, ==, groups[i].label);
        g_assert_cmpfloat (p->value, ==, att_report_group_attendance_pct (&groups[i]));
      }
  g_assert_cmpuint (shown, ==, years->len);
  /* 400 pupils make a primary school: Reception to Year 6. */
  g_assert_cmpuint (years->len, ==, 7);

  cohorts = att_chart_points (demo.report, ATT_CHART_PERSISTENT);
  groups = att_report_get_groups (demo.report, ATT_REPORT_BY_COHORT, &n);
  g_assert_cmpuint (cohorts->len, <=, n);
  g_assert_cmpstr (g_array_index (cohorts, AttChartPoint, 0).label, ==, groups[0].label);
  g_assert_cmpfloat (g_array_index (cohorts, AttChartPoint, 0).value, ==,
                     att_report_group_persistent_pct (&groups[0]));

  /* The reasons add up to the whole school's absent sessions. */
  reasons = att_chart_points (demo.report, ATT_CHART_REASONS);
  codes = att_report_get_codes (demo.report);
  absent = att_report_get_school (demo.report)->figures.authorised +
           att_report_get_school (demo.report)->figures.unauthorised;
  for (guint i = 0; i < reasons->len; i++)
    {
      const AttChartPoint *p = &g_array_index (reasons, AttChartPoint, i);
      AttCode code = att_code_lookup (p->label);

      g_assert_cmpint (code, !=, ATT_CODE_NONE);
      g_assert_cmpfloat (p->value, ==, codes[code]);
      if (i > 0)
        g_assert_cmpfloat (p->value, <=, g_array_index (reasons, AttChartPoint, i - 1).value);
      sum += (guint)p->value;
    }
  g_assert_cmpuint (sum, ==, absent);
  g_assert_cmpuint (sum, >, 0);

  weekdays = att_chart_points (demo.report, ATT_CHART_WEEKDAYS);
  att_report_get_weekdays (demo.report, possible, attended);
  g_assert_cmpuint (weekdays->len, ==, 5);
  g_assert_cmpstr (g_array_index (weekdays, AttChartPoint, 0).label, ==, "Monday");
  g_assert_cmpstr (g_array_index (weekdays, AttChartPoint, 4).label, ==, "Friday");
  for (guint d = 0; d < 5; d++)
    g_assert_cmpfloat_with_epsilon (g_array_index (weekdays, AttChartPoint, d).value,
                                    round (1000.0 * attended[d] / possible[d]) / 10, 1e-9);
}

/* ------------------------------------------------------------------ */
/* The governors' report                                              */
/* ------------------------------------------------------------------ */

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
write_report (gboolean    with_names,
              const char *name,
              guint      *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttReportDocument) document = att_report_document_new (demo.report, demo.last_year,
                                                                   "Millbrook Primary", with_names);
  g_autofree char *path = output_path (name);
  gint64 start = g_get_monotonic_time ();

  g_assert_true (att_document_write_pdf (ATT_DOCUMENT (document), path, n_pages, &error));
  g_assert_no_error (error);
  g_test_message ("%s: %u pages in %.0f ms", name, *n_pages, (g_get_monotonic_time () - start) / 1000.0);
  return pdf_text (path);
}

static void
test_report_document (void)
{
  g_autofree char *text = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *attendance = NULL;
  g_autofree char *last = NULL;
  const AttReportGroup *school;
  const AttReportListEntry *entries;
  guint n_pages = 0, n_counts = 0, n;

  demo_open ();
  text = write_report (TRUE, "governors-report.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 4);

  /* The title, every chart's title and axis labels. */
  g_assert_nonnull (strstr (text, "Attendance report: Millbrook Primary"));
  for (AttChartKind kind = 0; kind < ATT_N_CHARTS; kind++)
    {
      g_assert_nonnull (strstr (text, att_chart_title (kind)));
      g_assert_nonnull (strstr (text, att_chart_value_label (kind)));
    }
  g_assert_nonnull (strstr (text, "Week beginning"));
  g_assert_nonnull (strstr (text, "Year group"));
  g_assert_nonnull (strstr (text, "Day of the week"));
  g_assert_nonnull (strstr (text, "Target 96.0%"));
  /* The weekly table: the half-term week a holiday, a school week its
   * figure (week 1, 1 September, as the points give it). */
  g_assert_true (g_regex_match_simple ("27 Oct +holiday", text, 0, 0));
  {
    g_autoptr(GArray) weekly = att_chart_points (demo.report, ATT_CHART_WEEKLY);
    g_autofree char *first = att_chart_format_value (ATT_CHART_WEEKLY,
                                                     g_array_index (weekly, AttChartPoint, 0).value);
    g_autofree char *pattern = g_strdup_printf ("1 Sep +%s", first);

    g_assert_true (g_regex_match_simple (pattern, text, 0, 0));
  }

  /* The headline: this year's attendance beside last year's. */
  school = att_report_get_school (demo.report);
  attendance = g_strdup_printf ("%.1f%%", att_report_group_attendance_pct (school));
  last = g_strdup_printf ("%.1f%%", att_report_group_attendance_pct (att_report_get_school (demo.last_year)));
  {
    g_autofree char *line = NULL;
    const char *at = strstr (text, "Attendance  ");

    g_assert_nonnull (at);
    line = g_strndup (at, strcspn (at, "\n"));
    g_test_message ("%s", line);
    g_assert_nonnull (strstr (line, attendance));
    g_assert_nonnull (strstr (line, last));
  }
  g_assert_nonnull (strstr (text, "Headline figures"));
  g_assert_nonnull (strstr (text, "By registration group"));
  g_assert_nonnull (strstr (text, "What each measure means"));

  /* The persistently absent are named, and left out of the copy with
   * counts only. */
  entries = att_report_get_list (demo.report, ATT_REPORT_LIST_PERSISTENT, &n);
  g_assert_cmpuint (n, >, 0);
  g_assert_nonnull (strstr (text, entries[0].name));
  counts = write_report (FALSE, "governors-report-counts.pdf", &n_counts);
  g_assert_null (strstr (counts, entries[0].name));
  for (AttReportList list = 0; list < ATT_REPORT_N_LISTS; list++)
    {
      const AttReportListEntry *e = att_report_get_list (demo.report, list, &n);

      for (guint i = 0; i < n; i++)
        g_assert_null (strstr (counts, e[i].name));
    }
  {
    g_autofree char *heading = g_strdup_printf ("%s (%u)", att_report_list_label (ATT_REPORT_LIST_PERSISTENT),
                                                school->persistent);

    g_assert_nonnull (strstr (counts, heading));
  }
  g_assert_nonnull (strstr (counts, "Names are left out of this copy."));
  g_assert_cmpuint (n_counts, <, n_pages);
}

/* ------------------------------------------------------------------ */
/* The year at a glance                                               */
/* ------------------------------------------------------------------ */

/* The first pupil persistently absent this year: one with absences to
 * draw. */
static AttPupilYear *
absent_pupil_year (void)
{
  g_autoptr(GError) error = NULL;
  const AttReportListEntry *entries;
  AttPupilYear *year;
  guint n;

  entries = att_report_get_list (demo.report, ATT_REPORT_LIST_PERSISTENT, &n);
  g_assert_cmpuint (n, >, 0);
  year = att_pupil_year_new (demo.db, entries[0].pupil_id, 2025, att_date_today (), &error);
  g_assert_no_error (error);
  return year;
}

#define LIGHT_PRESENT      0x26a269
#define LIGHT_UNAUTHORISED 0xc01c28
#define DARK_PRESENT       0x57e389

static void
test_calendar_image (void)
{
  g_autoptr(AttPupilYear) year = NULL;
  const AttFigures *figures;

  demo_open ();
  year = absent_pupil_year ();
  figures = att_pupil_year_get_figures (year);
  for (int dark = 0; dark <= 1; dark++)
    {
      AttChartStyle style = { dark, NULL, 0, TRUE };
      double height = att_year_calendar_height (960);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 960, (int)ceil (height));
      cairo_t *cr = cairo_create (surface);
      g_autofree char *name = g_strdup_printf ("calendar-%s.png", dark ? "dark" : "light");
      g_autofree char *path = output_path (name);

      att_year_calendar_draw (cr, year, 960, height, &style);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      /* At 960 wide: months' names 76.8, 31 days of 28.5, rows of 22.8
       * (0.8 of a day, at most 26): 12 rows and the days' numbers (18)
       * and the key (three lines of 16, 4 and 10 above it) make 335.6. */
      g_assert_cmpfloat_with_epsilon (height, 18 + 12 * 0.8 * (960 - 76.8) / 31 + 10 + 3 * 16 + 4, 1e-6);
      /* Present sessions filled green, the unauthorised ones red. */
      g_assert_cmpuint (count_pixels (surface, dark ? DARK_PRESENT : LIGHT_PRESENT), >, figures->present * 20);
      if (!dark && figures->unauthorised > 0)
        g_assert_cmpuint (count_pixels (surface, LIGHT_UNAUTHORISED), >, figures->unauthorised * 20);
      g_assert_cmpuint (count_pixels (surface, dark ? LIGHT_PRESENT : DARK_PRESENT), ==, 0);
      g_assert_cmpuint (count_colours (surface, 20), >=, 6);
      cairo_surface_destroy (surface);
    }
}

/* A click on the box of any session finds that session again; a click on
 * a weekend, a month's name or a day a month lacks finds none. */
static void
test_calendar_hit (void)
{
  g_autoptr(AttPupilYear) year = NULL;
  const AttPupilYearSession *sessions;
  AttDate date;
  AttSession session;
  double width = 700, height = 400, x, y, w, h;
  double row_h, day_w;
  guint n;

  demo_open ();
  year = absent_pupil_year ();
  sessions = att_pupil_year_get_sessions (year, &n);
  /* 1 September 2025 to 31 August 2026: 261 weekdays, two sessions each. */
  g_assert_cmpuint (n, ==, 2 * 261);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (att_year_calendar_session_box (year, width, height, sessions[i].date, sessions[i].session,
                                                    &x, &y, &w, &h));
      g_assert_cmpfloat (w, >, 2);
      g_assert_cmpfloat (h, >, 2);
      g_assert_true (att_year_calendar_hit (year, width, height, x + w / 2, y + h / 2, &date, &session));
      g_assert_cmpint (date, ==, sessions[i].date);
      g_assert_cmpint (session, ==, sessions[i].session);
      /* The edges of the box too. */
      g_assert_true (att_year_calendar_hit (year, width, height, x + 0.1, y + 0.1, &date, &session));
      g_assert_cmpint (date, ==, sessions[i].date);
      g_assert_cmpint (session, ==, sessions[i].session);
      g_assert_true (att_year_calendar_hit (year, width, height, x + w - 0.1, y + h - 0.1, &date, &session));
      g_assert_cmpint (date, ==, sessions[i].date);
      g_assert_cmpint (session, ==, sessions[i].session);
    }

  /* Saturday 6 September 2025 is no session, nor is it drawn. */
  g_assert_false (att_year_calendar_session_box (year, width, height, D (2025, 9, 6), ATT_SESSION_AM,
                                                 NULL, NULL, NULL, NULL));
  g_assert_true (att_year_calendar_session_box (year, width, height, D (2025, 9, 5), ATT_SESSION_PM,
                                                &x, &y, &w, &h));
  day_w = w * 2;
  g_assert_false (att_year_calendar_hit (year, width, height, x + day_w, y + h / 2, &date, &session));
  /* The month's name, left of 1 September. */
  g_assert_true (att_year_calendar_session_box (year, width, height, D (2025, 9, 1), ATT_SESSION_AM,
                                                &x, &y, &w, &h));
  g_assert_false (att_year_calendar_hit (year, width, height, x - 10, y + h / 2, &date, &session));
  /* 31 September does not exist: right of Tuesday 30 September. */
  g_assert_true (att_year_calendar_session_box (year, width, height, D (2025, 9, 30), ATT_SESSION_PM,
                                                &x, &y, &w, &h));
  g_assert_false (att_year_calendar_hit (year, width, height, x + w * 2, y + h / 2, &date, &session));
  /* Below August's row: the key. */
  g_assert_true (att_year_calendar_session_box (year, width, height, D (2026, 8, 3), ATT_SESSION_AM,
                                                &x, &y, &w, &h));
  g_assert_true (att_year_calendar_session_box (year, width, height, D (2026, 7, 3), ATT_SESSION_AM,
                                                NULL, &row_h, NULL, NULL));
  row_h = y - row_h;
  g_assert_false (att_year_calendar_hit (year, width, height, x + w / 2, y + row_h, &date, &session));
  /* Another school year is not drawn. */
  g_assert_false (att_year_calendar_session_box (year, width, height, D (2026, 9, 1), ATT_SESSION_AM,
                                                 NULL, NULL, NULL, NULL));
}

static void
test_calendar_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupilYear) year = NULL;
  g_autoptr(AttYearCalendarDocument) document = NULL;
  g_autofree char *path = output_path ("year-calendar.pdf");
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *figures = NULL;
  guint n_pages = 0;

  demo_open ();
  year = absent_pupil_year ();
  document = att_year_calendar_document_new (year, "Millbrook Primary");
  g_assert_cmpint (att_document_get_orientation (ATT_DOCUMENT (document)), ==, ATT_PAGE_LANDSCAPE);
  g_assert_true (att_document_write_pdf (ATT_DOCUMENT (document), path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
  text = pdf_text (path);
  title = g_strdup_printf ("Attendance 2025/26: %s", att_pupil_year_get_title (year));
  g_assert_nonnull (strstr (text, title));
  g_assert_nonnull (strstr (text, "Millbrook Primary"));
  figures = g_strdup_printf ("Attendance %.1f%%", att_figures_attendance_pct (att_pupil_year_get_figures (year)));
  g_assert_nonnull (strstr (text, figures));
  g_assert_nonnull (strstr (text, "Sep 2025"));
  g_assert_nonnull (strstr (text, "Aug 2026"));
  g_assert_nonnull (strstr (text, "Unauthorised absence"));
  g_assert_nonnull (strstr (text, "Last 10 school weeks"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Friday 5 December 2025, a school day of the demo's autumn term. */
  g_setenv ("ATTENDANCE_TODAY", "2025-12-05", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/format-value", test_format_value);
  g_test_add_func ("/charts/points", test_points);
  g_test_add_func ("/charts/images", test_chart_images);
  g_test_add_func ("/charts/empty", test_chart_empty);
  g_test_add_func ("/charts/report-document", test_report_document);
  g_test_add_func ("/charts/calendar-image", test_calendar_image);
  g_test_add_func ("/charts/calendar-hit", test_calendar_hit);
  g_test_add_func ("/charts/calendar-document", test_calendar_document);
  status = g_test_run ();
  demo_close ();
  return status;
}
