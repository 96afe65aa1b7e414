/* test-reports-page.c: the Reports page and the pupil's year at a glance,
 * in the real window on the demo school, driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo school has 80 pupils and two school years of registers, made
 * up to Friday 20 November 2026, which the app takes as today. Every
 * figure the page shows is checked against att_report_new() on a
 * connection of the test's own: the page must show the core's figures,
 * never figures of its own making.
 *
 * The tests run in order.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-application.h"
#include "att-auth-private.h"
#include "att-chart.h"
#include "att-demo.h"
#include "att-pupil-view.h"
#include "att-pupils-page-private.h"
#include "att-register-page-private.h"
#include "att-report-item.h"
#include "att-reports-page-private.h"
#include "att-sign-in-view-private.h"
#include "att-test-keys.h"
#include "att-test-app.h"
#include "att-test-util.h"
#include "att-window-private.h"
#include "att-year-calendar.h"

#define TODAY_TEXT "2026-11-20"

static char           *tmp_dir;
static char           *db_path;
static AttDb          *check_db;
static AttApplication *app;
static AttWindow      *window;

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static AttReportsPage *
reports_page (void)
{
  GtkWidget *page = att_window_get_page (window, "reports");

  g_assert_true (ATT_IS_REPORTS_PAGE (page));
  return ATT_REPORTS_PAGE (page);
}

/* Until the page has counted its figures on its thread. */
static void
wait_loaded (void)
{
  AttReportsPage *page = reports_page ();
  gboolean reached = FALSE;
  guint id = g_timeout_add (60000, timeout_reached, &reached);

  att_test_flush_events ();
  while (!reached && att_reports_page_is_loading (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  att_test_flush_events ();
}

/* "94.2%", as the page and the breakdown write a rate. */
static char *
pct (double value)
{
  return g_strdup_printf ("%.1f%%", value);
}

static AttReport *
expected_report (AttReportPeriod period,
                 AttReportFlags  flags)
{
  AttDate from, to;
  g_autoptr(GError) error = NULL;
  AttReport *report;

  g_assert_true (att_report_period_range (check_db, period, att_date_today (), &from, &to, &error));
  g_assert_no_error (error);
  report = att_report_new (check_db, from, to, flags, &error);
  g_assert_no_error (error);
  return report;
}

/* ------------------------------------------------------------------ */
/* The tests                                                           */

/* Alt+8 opens Reports, on this school year; the headline figures are the
 * core's, last year's beside them, and each figure shows its working. */
static void
test_reports_open (void)
{
  AttReportsPage *page;
  g_autoptr(AttReport) expected = expected_report (ATT_REPORT_PERIOD_THIS_YEAR, ATT_REPORT_NONE);
  g_autoptr(AttReport) last = NULL;
  const AttReportGroup *school = att_report_get_school (expected);
  const AttReportGroup *last_school;
  AttDate last_from, last_to;
  g_autofree char *attendance = pct (att_report_group_attendance_pct (school));
  g_autofree char *persistent = g_strdup_printf ("%u (%.1f%%)", school->persistent,
                                                 att_report_group_persistent_pct (school));
  g_autofree char *last_text = NULL;
  g_autofree char *working = att_report_group_working (expected, school);
  AttReport *shown;

  /* Reports is the eighth area of the sidebar. */
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (gtk_list_box_get_row_at_index (att_window_get_sidebar (window), 7))),
                   ==, "reports");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "reports");
  att_test_flush_events ();
  page = reports_page ();
  g_assert_cmpstr (att_window_get_visible_page_name (window), ==, "reports");
  wait_loaded ();
  g_assert_cmpstr (att_reports_page_get_state (page), ==, "report");
  g_assert_cmpint (att_reports_page_get_period (page), ==, ATT_REPORT_PERIOD_THIS_YEAR);

  shown = att_reports_page_get_report (page);
  g_assert_nonnull (shown);
  /* This school year: 1 September 2026 to today, Friday 20 November. */
  g_assert_cmpint (att_report_get_from (shown), ==, D (2026, 9, 1));
  g_assert_cmpint (att_report_get_until (shown), ==, D (2026, 11, 20));
  g_assert_cmpuint (att_report_get_school (shown)->pupils, ==, school->pupils);
  g_assert_cmpuint (att_report_get_school (shown)->figures.possible, ==, school->figures.possible);

  g_assert_cmpstr (att_report_figure_get_value (att_reports_page_get_figure (page, 0)), ==, attendance);
  g_assert_cmpstr (att_report_figure_get_value (att_reports_page_get_figure (page, 3)), ==, persistent);
  g_assert_cmpstr (att_report_figure_get_working (att_reports_page_get_figure (page, 0)), ==, working);

  /* Last year's figure under this year's: the same dates a year before. */
  att_report_period_last_year (check_db, att_report_get_from (expected), att_report_get_to (expected),
                               &last_from, &last_to);
  last = att_report_new (check_db, last_from, last_to, ATT_REPORT_FIGURES_ONLY, NULL);
  g_assert_nonnull (last);
  last_school = att_report_get_school (last);
  g_assert_cmpuint (last_school->pupils, >, 0);
  last_text = g_strdup_printf ("%.1f%% last year", att_report_group_attendance_pct (last_school));
  g_assert_cmpstr (att_report_figure_get_last_year (att_reports_page_get_figure (page, 0)), ==, last_text);

  /* The page says what it shows. */
  g_assert_true (g_str_has_prefix (att_page_get_subtitle (ATT_PAGE (page)), "This school year, "));
}

/* The breakdown: the whole school first, then each year group, with last
 * year's attendance; by cohort, one row per cohort. Enter on a row shows
 * its working. */
static void
test_reports_breakdown (void)
{
  AttReportsPage *page = reports_page ();
  GtkColumnView *view = att_reports_page_get_breakdown (page);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  AttReport *report = att_reports_page_get_report (page);
  const AttReportGroup *groups;
  guint n, with_last = 0;
  g_autoptr(AttReportItem) second = NULL;

  groups = att_report_get_groups (report, ATT_REPORT_BY_YEAR, &n);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  second = g_list_model_get_item (model, 1);
  g_assert_cmpstr (att_report_item_get_group (second)->key, ==, groups[0].key);
  /* Last year's row of a group is the one with its key, where there is
   * one (a year group new to the school has none). */
  for (guint i = 1; i <= n; i++)
    {
      g_autoptr(AttReportItem) item = g_list_model_get_item (model, i);

      if (att_report_item_get_last (item) != NULL)
        {
          g_assert_cmpstr (att_report_item_get_last (item)->key, ==, groups[i - 1].key);
          with_last++;
        }
    }
  g_assert_cmpuint (with_last, >, 0);

  att_reports_page_set_by (page, ATT_REPORT_BY_COHORT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, ATT_N_COHORTS + 1);
  att_reports_page_set_by (page, ATT_REPORT_BY_YEAR);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);

  /* Scrolled to the breakdown, as a user reaches it; a popover over a
   * row off the screen has no monitor to open on. */
  {
    GtkWidget *outer = gtk_widget_get_ancestor (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (view))),
                                                GTK_TYPE_SCROLLED_WINDOW);
    graphene_rect_t bounds;

    g_assert_nonnull (outer);
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (view), gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (outer)),
                                              &bounds));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (outer)),
                              bounds.origin.y - 50);
    att_test_flush_events ();
  }
  /* The keyboard on the rows, as Tab takes it there, then Enter. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  att_test_flush_events ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (view)));
  /* Until the row in focus is laid out where the popover points. */
  {
    gboolean reached = FALSE;
    guint id = g_timeout_add (5000, timeout_reached, &reached);

    while (!reached && gtk_widget_get_width (gtk_root_get_focus (GTK_ROOT (window))) == 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (reached);
    g_source_remove (id);
  }
  g_signal_emit_by_name (view, "activate", 1);
  att_test_flush_events ();
  {
    g_autofree char *working = att_report_group_working (report, &groups[0]);
    GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (view));
    GtkWidget *label;

    g_assert_true (GTK_IS_POPOVER (child));
    g_assert_true (gtk_widget_get_visible (child));
    label = gtk_widget_get_first_child (gtk_popover_get_child (GTK_POPOVER (child)));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, working);
    gtk_popover_popdown (GTK_POPOVER (child));
  }
}

/* The first widget of @type inside @widget, depth first. */
static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_child (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* Each chart's "Show as Table" gives the chart's own points, the values
 * written as the chart writes them; a holiday week says so. */
static void
test_reports_tables (void)
{
  AttReportsPage *page = reports_page ();
  AttReport *report = att_reports_page_get_report (page);

  for (AttChartKind kind = 0; kind < ATT_N_CHARTS; kind++)
    {
      AttReportChart *chart = att_reports_page_get_chart (page, kind);
      g_autoptr(GArray) points = att_chart_points (report, kind);
      GListModel *table = att_report_chart_get_table (chart);

      g_assert_false (att_report_chart_get_show_table (chart));
      /* A button activated from the keyboard shows itself pressed for a
       * moment before it is clicked. */
      gtk_widget_activate (find_child (GTK_WIDGET (chart), GTK_TYPE_TOGGLE_BUTTON));
      {
        gboolean reached = FALSE;
        guint id = g_timeout_add (2000, timeout_reached, &reached);

        while (!reached && !att_report_chart_get_show_table (chart))
          g_main_context_iteration (NULL, TRUE);
        if (!reached)
          g_source_remove (id);
      }
      g_assert_true (att_report_chart_get_show_table (chart));
      g_assert_cmpuint (points->len, >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (table), ==, points->len);
      for (guint i = 0; i < points->len; i++)
        {
          const AttChartPoint *point = &g_array_index (points, AttChartPoint, i);
          g_autofree char *value = att_report_chart_dup_value_text (chart, i);
          g_autofree char *expected = point->gap ? g_strdup ("No school")
                                                 : att_chart_format_value (kind, point->value);
          g_autoptr(GtkStringObject) label = g_list_model_get_item (table, i);

          g_assert_cmpstr (gtk_string_object_get_string (label), ==,
                           point->long_label != NULL ? point->long_label : point->label);
          g_assert_cmpstr (value, ==, expected);
        }
      att_report_chart_set_show_table (chart, FALSE);
    }
}

/* The period chosen from the keyboard: Space opens the chooser, End and
 * Up move to "Last school year" (the one before "Chosen dates") and
 * Return takes it: all of last year, against the core. */
static void
test_reports_period_keyboard (void)
{
  AttReportsPage *page = reports_page ();
  g_autoptr(AttReport) expected = expected_report (ATT_REPORT_PERIOD_LAST_YEAR, ATT_REPORT_NONE);
  g_autofree char *attendance = pct (att_report_group_attendance_pct (att_report_get_school (expected)));
  AttReport *shown;

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (page->period_dropdown)));
  g_assert_true (att_test_press_key (GTK_WINDOW (window), GDK_KEY_space, 0));
  /* The choices open in a popover, which takes the keyboard once shown. */
  {
    gboolean reached = FALSE;
    guint id = g_timeout_add (5000, timeout_reached, &reached);

    while (!reached && (gtk_root_get_focus (GTK_ROOT (window)) == NULL ||
                        gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                                 GTK_TYPE_POPOVER) == NULL))
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (reached);
    g_source_remove (id);
    att_test_flush_events ();
  }
  /* End goes to the last choice, "Chosen dates"; Up to the one before. */
  g_assert_true (att_test_press_key (GTK_WINDOW (window), GDK_KEY_End, 0));
  g_assert_true (att_test_press_key (GTK_WINDOW (window), GDK_KEY_Up, 0));
  g_assert_true (att_test_press_key (GTK_WINDOW (window), GDK_KEY_Return, 0));
  g_assert_cmpint (att_reports_page_get_period (page), ==, ATT_REPORT_PERIOD_LAST_YEAR);
  wait_loaded ();
  shown = att_reports_page_get_report (page);
  /* Last school year: 1 September 2025 to 31 August 2026. */
  g_assert_cmpint (att_report_get_from (shown), ==, D (2025, 9, 1));
  g_assert_cmpint (att_report_get_to (shown), ==, D (2026, 8, 31));
  g_assert_cmpuint (att_report_get_school (shown)->figures.possible, ==,
                    att_report_get_school (expected)->figures.possible);
  g_assert_cmpstr (att_report_figure_get_value (att_reports_page_get_figure (page, 0)), ==, attendance);

  /* Ages 5 to 15 only: the national statistics' count. */
  gtk_switch_set_active (page->ages_switch, TRUE);
  wait_loaded ();
  g_assert_true (att_report_get_flags (att_reports_page_get_report (page)) & ATT_REPORT_AGES_5_TO_15);
  gtk_switch_set_active (page->ages_switch, FALSE);
  wait_loaded ();
}

/* Dates of one's own: a date that does not exist is refused in place,
 * and the first half of the autumn term is counted once both are right. */
static void
test_reports_custom (void)
{
  AttReportsPage *page = reports_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttReport) expected = att_report_new (check_db, D (2026, 9, 1), D (2026, 10, 23),
                                                  ATT_REPORT_NONE, &error);
  AttReport *shown;

  g_assert_no_error (error);
  gtk_drop_down_set_selected (page->period_dropdown, ATT_REPORT_PERIOD_CUSTOM);
  att_test_flush_events ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->custom_box)));
  /* The keyboard goes to the first date. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (page->from_entry)));

  gtk_editable_set_text (GTK_EDITABLE (page->from_entry), "31/09/2026");
  gtk_editable_set_text (GTK_EDITABLE (page->to_entry), "23/10/2026");
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.custom", NULL);
  att_test_flush_events ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (page->from_entry), "error"));
  g_assert_cmpint (att_reports_page_get_period (page), ==, ATT_REPORT_PERIOD_LAST_YEAR);

  gtk_editable_set_text (GTK_EDITABLE (page->from_entry), "01/09/2026");
  g_signal_emit_by_name (page->to_entry, "activate");
  wait_loaded ();
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (page->from_entry), "error"));
  g_assert_cmpint (att_reports_page_get_period (page), ==, ATT_REPORT_PERIOD_CUSTOM);
  shown = att_reports_page_get_report (page);
  g_assert_cmpint (att_report_get_from (shown), ==, D (2026, 9, 1));
  g_assert_cmpint (att_report_get_to (shown), ==, D (2026, 10, 23));
  g_assert_cmpuint (att_report_get_school (shown)->figures.possible, ==,
                    att_report_get_school (expected)->figures.possible);

  att_reports_page_set_period (page, ATT_REPORT_PERIOD_THIS_YEAR);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->custom_box)));
  wait_loaded ();
}

/* Enter on a pupil of a list opens their record on the Pupils page. */
static void
test_reports_list_opens_pupil (void)
{
  AttReportsPage *page = reports_page ();
  GtkColumnView *view = att_reports_page_get_list_view (page, ATT_REPORT_LIST_PERSISTENT);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  const AttReportListEntry *entries;
  g_autoptr(AttReportItem) first = NULL;
  AttPupilsPage *pupils;
  guint n;

  entries = att_report_get_list (att_reports_page_get_report (page), ATT_REPORT_LIST_PERSISTENT, &n);
  /* The demo school always has persistently absent pupils. */
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (att_report_item_get_entry (first)->pupil_id, ==, entries[0].pupil_id);

  g_signal_emit_by_name (view, "activate", 0);
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_visible_page_name (window), ==, "pupils");
  pupils = ATT_PUPILS_PAGE (att_window_get_page (window, "pupils"));
  g_assert_cmpint (att_pupil_view_get_pupil_id (att_pupils_page_get_pupil_view (pupils)), ==,
                   entries[0].pupil_id);
}

/* The governors' report as a PDF, from the figures shown. */
static void
test_reports_pdf (void)
{
  AttReportsPage *page = reports_page ();
  g_autofree char *path = g_build_filename (tmp_dir, "governors.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (att_reports_page_save_pdf (page, path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

/* The workbook is written on a thread while the page shows its progress,
 * then the bar goes and the file is there. */
static void
test_reports_xlsx (void)
{
  AttReportsPage *page = reports_page ();
  g_autofree char *path = g_build_filename (tmp_dir, "figures.xlsx", NULL);
  gboolean reached = FALSE;
  guint id;
  g_autofree char *contents = NULL;
  gsize length = 0;

  att_reports_page_export_xlsx (page, path);
  g_assert_true (att_reports_page_is_exporting (page));
  g_assert_true (gtk_revealer_get_reveal_child (page->export_revealer));
  /* Another export waits for this one. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (page->export_button)));
  id = g_timeout_add (60000, timeout_reached, &reached);
  while (!reached && att_reports_page_is_exporting (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  att_test_flush_events ();
  g_assert_false (gtk_revealer_get_reveal_child (page->export_revealer));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page->export_button)));
  /* An .xlsx file is a zip archive. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (contents, "PK", 2) == 0);

  /* Cancel, pressed as the workbook starts (the thread is still opening
   * its connection), leaves no file, and the page says so. */
  {
    g_autofree char *cancelled = g_build_filename (tmp_dir, "cancelled.xlsx", NULL);

    att_reports_page_export_xlsx (page, cancelled);
    gtk_widget_activate_action (GTK_WIDGET (page), "reports.cancel-export", NULL);
    reached = FALSE;
    id = g_timeout_add (60000, timeout_reached, &reached);
    while (!reached && att_reports_page_is_exporting (page))
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (reached);
    g_source_remove (id);
    g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
    /* Nor the temporary it was being written to beside it. */
    {
      g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_null (strstr (name, "cancelled"));
    }
    g_assert_false (gtk_revealer_get_reveal_child (page->export_revealer));
  }
}

/* A point of the drawing on the session (@date, @session). */
static gboolean
find_point (AttYearCalendarView *view,
            AttDate              date,
            AttSession           session,
            double              *px,
            double              *py)
{
  AttPupilYear *year = att_year_calendar_view_get_year (view);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        AttDate d;
        AttSession s;

        if (att_year_calendar_hit (year, width, height, x, y, &d, &s) && d == date && s == session)
          {
            *px = x;
            *py = y;
            return TRUE;
          }
      }
  return FALSE;
}

/* The pupil's year at a glance: a click on a session opens the register
 * on its day with the pupil's row; from the keyboard, Left moves to the
 * session before and Enter opens its day. */
static void
test_reports_year_glance (void)
{
  AttPupilsPage *pupils = ATT_PUPILS_PAGE (att_window_get_page (window, "pupils"));
  AttPupilView *pupil_view = att_pupils_page_get_pupil_view (pupils);
  AttYearGlance *glance = att_pupil_view_get_year_glance (pupil_view);
  AttYearCalendarView *view = att_year_glance_get_view (glance);
  AttRegisterPage *register_page;
  AttPupilYear *year;
  AttDate date;
  AttSession session;
  double x = 0, y = 0;
  g_autofree char *text = NULL;

  /* The record of the first pupil of the list, from the last test. */
  g_assert_cmpstr (att_window_get_visible_page_name (window), ==, "pupils");
  year = att_year_calendar_view_get_year (view);
  g_assert_nonnull (year);
  g_assert_cmpint (att_pupil_year_get_pupil_id (year), ==, att_pupil_view_get_pupil_id (pupil_view));
  /* This school year, 2026 to 2027, as of today. */
  g_assert_cmpint (att_year_glance_get_school_year (glance), ==, 2026);
  g_assert_cmpint (att_pupil_year_get_as_of (year), ==, D (2026, 11, 20));
  /* The cursor starts on the last session to today: Friday afternoon. */
  g_assert_true (att_year_calendar_view_get_cursor (view, &date, &session));
  g_assert_cmpint (date, ==, D (2026, 11, 20));
  g_assert_cmpint (session, ==, ATT_SESSION_PM);
  text = att_year_calendar_view_describe_cursor (view);
  g_assert_nonnull (strstr (text, "Fri 20 Nov 2026, afternoon: "));

  /* Wednesday 7 October 2026, a school day, in the morning. */
  g_assert_true (gtk_widget_get_width (GTK_WIDGET (view)) > 0);
  g_assert_true (find_point (view, D (2026, 10, 7), ATT_SESSION_AM, &x, &y));
  g_assert_true (att_year_calendar_view_click (view, x, y));
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_visible_page_name (window), ==, "register");
  register_page = ATT_REGISTER_PAGE (att_window_get_page (window, "register"));
  g_assert_cmpint (att_register_page_get_date (register_page), ==, D (2026, 10, 7));

  /* Back on the record: Left from Wednesday morning is Tuesday 6
   * October's afternoon, and Return opens that day. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "pupils");
  att_test_flush_events ();
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  g_assert_true (att_test_press_key (GTK_WINDOW (window), GDK_KEY_Left, 0));
  g_assert_true (att_year_calendar_view_get_cursor (view, &date, &session));
  g_assert_cmpint (date, ==, D (2026, 10, 6));
  g_assert_cmpint (session, ==, ATT_SESSION_PM);
  /* Down is the same place a month on: Friday 6 November's afternoon. */
  g_assert_true (att_test_press_key (GTK_WINDOW (window), GDK_KEY_Down, 0));
  g_assert_true (att_year_calendar_view_get_cursor (view, &date, &session));
  g_assert_cmpint (date, ==, D (2026, 11, 6));
  g_assert_cmpint (session, ==, ATT_SESSION_PM);
  g_assert_true (att_test_press_key (GTK_WINDOW (window), GDK_KEY_Return, 0));
  g_assert_cmpstr (att_window_get_visible_page_name (window), ==, "register");
  g_assert_cmpint (att_register_page_get_date (register_page), ==, D (2026, 11, 6));

  /* Last school year from the chooser. */
  att_year_glance_set_school_year (glance, 2025);
  g_assert_cmpint (att_pupil_year_get_school_year (att_year_calendar_view_get_year (view)), ==, 2025);

  /* The year shown, on one page of PDF. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "year.pdf", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    gsize length = 0;

    g_assert_true (att_year_glance_save_pdf (glance, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    g_assert_cmpuint (length, >, 1000);
  }
}

/* A school whose calendar holds no term: "This term" is refused with
 * the core's own message, said on the page, and nothing is exported or
 * printed; "This school year" is counted all the same (no pupils). */
static void
test_reports_no_term (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  AttReportsPage *page = g_object_ref_sink (g_object_new (ATT_TYPE_REPORTS_PAGE, NULL));
  AttDate from, to;
  g_autoptr(GError) error = NULL;

  g_assert_false (att_report_period_range (t->db, ATT_REPORT_PERIOD_THIS_TERM, att_date_today (),
                                           &from, &to, &error));
  g_assert_nonnull (error);

  att_context_set_db (att_page_get_context (ATT_PAGE (page)), t->db);
  att_reports_page_set_period (page, ATT_REPORT_PERIOD_THIS_TERM);
  {
    gboolean reached = FALSE;
    guint id = g_timeout_add (20000, timeout_reached, &reached);

    while (!reached && att_reports_page_is_loading (page))
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (reached);
    g_source_remove (id);
  }
  g_assert_cmpstr (att_reports_page_get_state (page), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_description (page->empty_page), ==, error->message);
  g_assert_null (att_reports_page_get_report (page));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (page->export_button)));
  {
    g_autoptr(GError) pdf_error = NULL;
    g_autofree char *path = g_build_filename (tmp_dir, "none.pdf", NULL);

    g_assert_false (att_reports_page_save_pdf (page, path, TRUE, &pdf_error));
    g_assert_error (pdf_error, ATT_ERROR, ATT_ERROR_INVALID);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  att_reports_page_set_period (page, ATT_REPORT_PERIOD_THIS_YEAR);
  {
    gboolean reached = FALSE;
    guint id = g_timeout_add (20000, timeout_reached, &reached);

    while (!reached && att_reports_page_is_loading (page))
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (reached);
    g_source_remove (id);
  }
  g_assert_cmpstr (att_reports_page_get_state (page), ==, "report");
  g_assert_cmpuint (att_report_get_school (att_reports_page_get_report (page))->pupils, ==, 0);
  /* Nothing possible: 0.0%, and no figures last year to set beside it. */
  g_assert_cmpstr (att_report_figure_get_value (att_reports_page_get_figure (page, 0)), ==, "0.0%");
  g_assert_cmpstr (att_report_figure_get_last_year (att_reports_page_get_figure (page, 0)), ==, "");

  att_context_set_db (att_page_get_context (ATT_PAGE (page)), NULL);
  att_test_flush_events ();
  g_assert_finalize_object (page);
}

/* The window, and with it the page, goes without leaking. */
static void
test_reports_finalize (void)
{
  AttReportsPage *page = reports_page ();

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *)&page);
  gtk_window_destroy (GTK_WINDOW (window));
  window = NULL;
  att_test_flush_events ();
  g_assert_null (page);
}

/* ------------------------------------------------------------------ */

static void
sign_in (void)
{
  AttSignInView *view = att_window_get_sign_in_view (window);
  g_autoptr(GPtrArray) users = att_users_list (check_db, NULL);
  GtkListBox *list = att_sign_in_view_get_users_list (view);
  int index = 0;

  for (guint i = 0; i < users->len; i++)
    if (((const AttUser *)g_ptr_array_index (users, i))->role == ATT_ROLE_HEADTEACHER)
      index = (int)i;
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, index));
  gtk_editable_set_text (GTK_EDITABLE (att_sign_in_view_get_password_row (view)), ATT_DEMO_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (view), "sign-in.submit", NULL);
  while (att_sign_in_view_is_checking (view))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_state_name (window), ==, "main");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  att_test_widget_init (&argc, &argv, TODAY_TEXT);
  tmp_dir = g_dir_make_tmp ("attendance-reports-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = att_test_demo_create (tmp_dir, "demo.db", 80, 2, 42, att_date_from_ymd (2026, 11, 20));
  check_db = att_db_open (db_path, &error);
  g_assert_no_error (error);
  window = att_test_open_window (db_path, &app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  att_test_flush_events ();
  sign_in ();

  g_test_add_func ("/reports/open", test_reports_open);
  g_test_add_func ("/reports/breakdown", test_reports_breakdown);
  g_test_add_func ("/reports/tables", test_reports_tables);
  g_test_add_func ("/reports/period-keyboard", test_reports_period_keyboard);
  g_test_add_func ("/reports/custom", test_reports_custom);
  g_test_add_func ("/reports/pdf", test_reports_pdf);
  g_test_add_func ("/reports/xlsx", test_reports_xlsx);
  g_test_add_func ("/reports/list-opens-pupil", test_reports_list_opens_pupil);
  g_test_add_func ("/reports/year-glance", test_reports_year_glance);
  g_test_add_func ("/reports/no-term", test_reports_no_term);
  g_test_add_func ("/reports/finalize", test_reports_finalize);

  result = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  g_clear_object (&app);
  g_clear_object (&check_db);
  att_test_remove_dir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return result;
}
