/* att-reports-page.c: the Reports page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures of a period (this year until another is chosen) for the
 * whole school, by year group, registration group or cohort, with the
 * same period last year beside them; the five charts; the pupils to act
 * on. The core counts everything in one AttReport; on a large school
 * that takes a moment, so it is counted on a thread with a connection of
 * its own, started from a low-priority idle so that the frame showing the
 * page comes first. The newest count wins, and a page disposed meanwhile
 * is left alone. The breakdown and the lists are in
 * att-reports-page-tables.c; the workbook, print and PDF in
 * att-reports-page-export.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-report-item.h"
#include "att-reports-page-private.h"
#include "attendance-core.h"

G_DEFINE_FINAL_TYPE (AttReportsPage, att_reports_page, ATT_TYPE_PAGE)

static const AttReportBy by_choices[] = {
  ATT_REPORT_BY_YEAR, ATT_REPORT_BY_GROUP, ATT_REPORT_BY_COHORT,
};

static AttContext *
get_context (AttReportsPage *self)
{
  return att_page_get_context (ATT_PAGE (self));
}

/* "Mon 1 Sep 2025 – Fri 20 Nov 2026" */
static char *
format_range (AttDate from,
              AttDate to)
{
  g_autofree char *first = att_date_format_long (from);
  g_autofree char *last = att_date_format_long (to);

  /* Translators: a range of dates, "from – to" */
  return g_strdup_printf (_("%s – %s"), first, last);
}

static void
update_subtitle (AttReportsPage *self)
{
  g_autofree char *text = NULL;

  if (self->db == NULL)
    text = NULL;
  else if (self->report != NULL)
    {
      g_autofree char *range = format_range (att_report_get_from (self->report),
                                             att_report_get_to (self->report));

      /* Translators: the Reports page's subtitle: the period and its dates,
       * as in "This year, Mon 1 Sep 2025 – Fri 20 Nov 2026" */
      text = g_strdup_printf (_("%s, %s"), att_report_period_label (self->period), range);
    }
  else if (self->loading)
    text = g_strdup (_("Counting the figures…"));
  att_page_set_subtitle (ATT_PAGE (self), text);
}

/* ------------------------------------------------------------------ */
/* The figures                                                         */

static char *
format_pct (double pct)
{
  /* Translators: a percentage with one decimal place, "94.2%" */
  return g_strdup_printf (_("%.1f%%"), pct);
}

static char *
format_count_pct (guint  count,
                  double pct)
{
  g_autofree char *n = att_text_count (count);

  /* Translators: pupils and their share, "212 (11.3%)" */
  return g_strdup_printf (_("%s (%.1f%%)"), n, pct);
}

static char *
last_text (char *figure)
{
  g_autofree char *owned = figure;

  if (figure == NULL)
    return NULL;
  /* Translators: the same figure over the same period last year, shown
   * under this year's: "93.1% last year" */
  return g_strdup_printf (_("%s last year"), figure);
}

static void
set_figure (AttReportFigure *figure,
            char            *value,
            char            *last_year,
            const char      *working)
{
  att_report_figure_set_figures (figure, value, last_year, working);
  g_free (value);
  g_free (last_year);
}

static void
fill_figures (AttReportsPage *self)
{
  const AttReportGroup *school = att_report_get_school (self->report);
  const AttReportGroup *last = NULL;
  g_autofree char *working = att_report_group_working (self->report, school);

  if (self->last_year != NULL)
    {
      last = att_report_get_school (self->last_year);
      if (last != NULL && last->pupils == 0)
        last = NULL;
    }

  set_figure (self->attendance_figure,
              format_pct (att_report_group_attendance_pct (school)),
              last != NULL ? last_text (format_pct (att_report_group_attendance_pct (last))) : NULL,
              working);
  set_figure (self->authorised_figure,
              format_pct (att_report_group_authorised_pct (school)),
              last != NULL ? last_text (format_pct (att_report_group_authorised_pct (last))) : NULL,
              working);
  set_figure (self->unauthorised_figure,
              format_pct (att_report_group_unauthorised_pct (school)),
              last != NULL ? last_text (format_pct (att_report_group_unauthorised_pct (last))) : NULL,
              working);
  set_figure (self->persistent_figure,
              format_count_pct (school->persistent, att_report_group_persistent_pct (school)),
              last != NULL ? last_text (format_count_pct (last->persistent,
                                                          att_report_group_persistent_pct (last)))
                           : NULL,
              working);
  set_figure (self->severe_figure,
              format_count_pct (school->severe, att_report_group_severe_pct (school)),
              last != NULL ? last_text (format_count_pct (last->severe,
                                                          att_report_group_severe_pct (last)))
                           : NULL,
              working);
  set_figure (self->lates_figure,
              att_text_count (att_report_group_lates (school)),
              last != NULL ? last_text (att_text_count (att_report_group_lates (last))) : NULL,
              working);
}

static void
fill_range (AttReportsPage *self)
{
  const AttReportGroup *school = att_report_get_school (self->report);
  g_autofree char *until = att_date_format_long (att_report_get_until (self->report));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *pupils = att_text_count (school->pupils);

  /* Translators: the line over the Reports page's figures: the pupils
   * counted and the last day counted, as in "1,874 pupils, sessions
   * counted to Fri 20 Nov 2026" */
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s pupil, sessions counted to %s",
                                       "%s pupils, sessions counted to %s",
                                       school->pupils),
                          pupils, until);
  if (att_report_get_flags (self->report) & ATT_REPORT_AGES_5_TO_15)
    g_string_append_printf (text, " · %s",
                            _("only pupils aged 5 to 15 on 31 August before the school year"));
  if (self->last_year != NULL)
    {
      g_autofree char *last = format_range (att_report_get_from (self->last_year),
                                            att_report_get_to (self->last_year));

      g_string_append (text, " · ");
      /* Translators: %s is a range of dates: the period last year whose
       * figures are shown beside this one's */
      g_string_append_printf (text, _("last year: %s"), last);
    }
  gtk_label_set_label (self->range_label, text->str);
}

static void
show_report (AttReportsPage *self)
{
  AttReportChart *charts[] = {
    self->weekly_chart, self->years_chart, self->persistent_chart,
    self->reasons_chart, self->weekdays_chart,
  };

  if (self->report == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
        att_report_chart_set_report (charts[i], NULL);
      g_list_store_remove_all (self->breakdown_store);
      _att_reports_page_fill_lists (self);
      return;
    }

  fill_range (self);
  fill_figures (self);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    att_report_chart_set_report (charts[i], self->report);
  _att_reports_page_fill_breakdown (self);
  _att_reports_page_fill_lists (self);
  gtk_stack_set_visible_child_name (self->state_stack, "report");
}

static void
show_empty (AttReportsPage *self,
            const char     *title,
            const char     *description,
            const char     *icon_name)
{
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  adw_status_page_set_icon_name (self->empty_page, icon_name);
  gtk_stack_set_visible_child_name (self->state_stack, "empty");
}

/* ------------------------------------------------------------------ */
/* Counting                                                            */

/* The connection the counts are made on. It is kept from one count to
 * the next, so that another period is counted from the register already
 * in memory rather than read again from the file (about 0.2 s for 2,000
 * pupils on a connection of its own, a few milliseconds after), and one
 * count at a time uses it. The page and every count running hold a
 * reference. */
struct _AttReportsCounter
{
  GMutex   lock;
  char    *db_path;
  AttDb   *db;
};

static void
counter_clear (AttReportsCounter *counter)
{
  if (counter->db != NULL)
    {
      att_db_close (counter->db);
      g_clear_object (&counter->db);
    }
  g_free (counter->db_path);
  g_mutex_clear (&counter->lock);
}

static AttReportsCounter *
counter_new (void)
{
  AttReportsCounter *counter = g_atomic_rc_box_new0 (AttReportsCounter);

  g_mutex_init (&counter->lock);
  return counter;
}

static void
counter_unref (AttReportsCounter *counter)
{
  g_atomic_rc_box_release_full (counter, (GDestroyNotify)counter_clear);
}

/* The counter's connection to @db_path, opened when it has none or one to
 * another file. Call with the lock held. */
static AttDb *
counter_get_db (AttReportsCounter  *counter,
                const char         *db_path,
                GError            **error)
{
  if (counter->db != NULL && g_strcmp0 (counter->db_path, db_path) != 0)
    {
      att_db_close (counter->db);
      g_clear_object (&counter->db);
    }
  if (counter->db == NULL)
    {
      counter->db = att_db_open (db_path, error);
      g_free (counter->db_path);
      counter->db_path = g_strdup (db_path);
    }
  return counter->db;
}

typedef struct
{
  AttReportsCounter *counter;
  char            *db_path;
  AttReportPeriod  period;
  AttDate          today;
  AttDate          from;
  AttDate          to;
  AttReportFlags   flags;
  guint            serial;
  AttReport       *report;
  AttReport       *last_year;
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->counter, counter_unref);
  g_clear_pointer (&job->report, att_report_unref);
  g_clear_pointer (&job->last_year, att_report_unref);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  CountJob *job = data;
  GError *error = NULL;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&job->counter->lock);
  AttDb *db = counter_get_db (job->counter, job->db_path, &error);

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->period == ATT_REPORT_PERIOD_CUSTOM
      || att_report_period_range (db, job->period, job->today, &job->from, &job->to, &error))
    job->report = att_report_new (db, job->from, job->to, job->flags, &error);

  if (job->report != NULL)
    {
      AttDate last_from, last_to;

      /* Last year's figures are beside this year's where there are any;
       * a school new this year simply has none. */
      att_report_period_last_year (db, job->from, job->to, &last_from, &last_to);
      job->last_year = att_report_new (db, last_from, last_to,
                                       job->flags | ATT_REPORT_FIGURES_ONLY, NULL);
    }

  if (job->report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  AttReportsPage *self = ATT_REPORTS_PAGE (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (self->disposed || job->serial != self->serial)
    return;
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->report, att_report_unref);
  g_clear_pointer (&self->last_year, att_report_unref);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_empty (self, _("The Figures Could Not Be Counted"), error->message,
                  "dialog-error-symbolic");
      show_report (self);
    }
  else
    {
      self->report = g_steal_pointer (&job->report);
      self->last_year = g_steal_pointer (&job->last_year);
      show_report (self);
    }
  update_subtitle (self);
  att_page_actions_update (ATT_PAGE (self));
}

static void
stop_waiting (AttReportsPage *self)
{
  g_clear_handle_id (&self->start_id, g_source_remove);
  if (self->frame_clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
      g_clear_object (&self->frame_clock);
    }
}

static gboolean
start_count (gpointer data)
{
  AttReportsPage *self = data;
  g_autoptr(GTask) task = NULL;
  CountJob *job;

  stop_waiting (self);
  if (self->db == NULL)
    return G_SOURCE_REMOVE;

  job = g_new0 (CountJob, 1);
  if (self->counter == NULL)
    self->counter = counter_new ();
  job->counter = g_atomic_rc_box_acquire (self->counter);
  job->db_path = g_strdup (att_db_get_path (self->db));
  job->period = self->period;
  job->today = att_context_get_today (get_context (self));
  job->from = self->custom_from;
  job->to = self->custom_to;
  job->flags = gtk_switch_get_active (self->ages_switch) ? ATT_REPORT_AGES_5_TO_15 : ATT_REPORT_NONE;
  job->serial = self->serial;
  task = g_task_new (self, NULL, count_done, NULL);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, job, (GDestroyNotify)count_job_free);
  g_task_run_in_thread (task, count_thread);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock  *clock,
                AttReportsPage *self)
{
  start_count (self);
}

static void
load (AttReportsPage *self)
{
  self->serial++;
  stop_waiting (self);

  if (self->db == NULL)
    {
      self->loading = FALSE;
      gtk_spinner_stop (self->spinner);
      g_clear_pointer (&self->report, att_report_unref);
      g_clear_pointer (&self->last_year, att_report_unref);
      show_report (self);
      show_empty (self, _("No School Open"), NULL, "dialog-information-symbolic");
      update_subtitle (self);
      att_page_actions_update (ATT_PAGE (self));
      return;
    }

  /* The figures shown stay until the new ones replace them; the first
   * time, the page says what it is doing. */
  if (self->report == NULL)
    gtk_stack_set_visible_child_name (self->state_stack, "loading");
  self->loading = TRUE;
  gtk_spinner_start (self->spinner);
  /* The count starts once the frame that shows the page is painted, so
   * that it never delays it; a page that is not drawn (hidden meanwhile,
   * or made without a window) starts it a moment later all the same. */
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
      self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                               G_CALLBACK (on_after_paint), self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  self->start_id = g_timeout_add (self->frame_clock != NULL ? 250 : 0, start_count, self);
  update_subtitle (self);
  att_page_actions_update (ATT_PAGE (self));
}

/* ------------------------------------------------------------------ */
/* The controls                                                        */

static void
set_entry_date (GtkEntry *entry,
                AttDate   date)
{
  int y, m, d;
  g_autofree char *text = NULL;

  if (date == ATT_DATE_NONE)
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      return;
    }
  att_date_to_ymd (date, &y, &m, &d);
  text = g_strdup_printf ("%02d/%02d/%04d", d, m, y);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
on_period_selected (GtkDropDown    *dropdown,
                    GParamSpec     *pspec,
                    AttReportsPage *self)
{
  AttReportPeriod period = gtk_drop_down_get_selected (dropdown);

  if (period >= ATT_REPORT_N_PERIODS)
    return;

  if (period == ATT_REPORT_PERIOD_CUSTOM)
    {
      /* The dates shown so far are the place to start from. */
      if (self->report != NULL)
        {
          set_entry_date (self->from_entry, att_report_get_from (self->report));
          set_entry_date (self->to_entry, att_report_get_to (self->report));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->custom_box), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->custom_box), FALSE);
  if (period != self->period)
    att_reports_page_set_period (self, period);
}

/* A date typed into a custom period's field, or an error naming it. */
static AttDate
read_entry (GtkEntry    *entry,
            const char  *what,
            GError     **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) local = NULL;
  AttDate date;

  date = att_date_parse (text, &local);
  if (date == ATT_DATE_NONE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      /* Translators: the first %s names a field ("From"), the second is
       * what was typed */
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s: “%s” is not a date; type it as DD/MM/YYYY, as 01/09/2025"), what, text);
      return ATT_DATE_NONE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return date;
}

static void
apply_custom (AttReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  AttDate from, to;

  from = read_entry (self->from_entry, _("From"), &error);
  if (from != ATT_DATE_NONE)
    to = read_entry (self->to_entry, _("To"), &error);
  else
    to = ATT_DATE_NONE;
  if (from != ATT_DATE_NONE && to != ATT_DATE_NONE && to < from)
    {
      g_autofree char *first = att_date_format_long (from);
      g_autofree char *last = att_date_format_long (to);

      gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
      g_set_error (&error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("To: %s is before the first day, %s"), last, first);
    }
  if (error != NULL)
    {
      _att_reports_page_toast (self, error->message);
      return;
    }
  att_reports_page_set_custom (self, from, to);
}

static void
on_custom_activate (AttReportsPage *self,
                    GtkEntry       *entry)
{
  if (entry == self->from_entry)
    gtk_widget_grab_focus (GTK_WIDGET (self->to_entry));
  else
    apply_custom (self);
}

static void
custom_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  apply_custom (ATT_REPORTS_PAGE (widget));
}

static void
on_ages_changed (AttReportsPage *self)
{
  if (self->period != ATT_REPORT_PERIOD_CUSTOM || self->custom_from != ATT_DATE_NONE)
    load (self);
}

static void
on_by_selected (GtkDropDown    *dropdown,
                GParamSpec     *pspec,
                AttReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < G_N_ELEMENTS (by_choices))
    att_reports_page_set_by (self, by_choices[selected]);
}

/* ------------------------------------------------------------------ */
/* The page                                                            */

static void
att_reports_page_refresh (AttPage *page)
{
  load (ATT_REPORTS_PAGE (page));
}

static void
att_reports_page_actions_update (AttPage *page)
{
  AttReportsPage *self = ATT_REPORTS_PAGE (page);
  gboolean ready = self->db != NULL && self->report != NULL && !self->loading;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.custom", self->db != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save-pdf", ready);
  _att_reports_page_xlsx_actions_update (self, ready);
}

static void
on_db_changed (AttDb          *db,
               guint           changes,
               AttReportsPage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
set_db (AttReportsPage *self,
        AttDb          *db)
{
  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_set_object (&self->db, db);
  if (self->db != NULL)
    self->changed_id = g_signal_connect (self->db, "changed", G_CALLBACK (on_db_changed), self);

  /* Another school: none of the last one's figures stay on screen. */
  g_clear_pointer (&self->report, att_report_unref);
  g_clear_pointer (&self->last_year, att_report_unref);
  att_page_refresh_when_shown (ATT_PAGE (self));
}

static void
on_context_db_changed (AttContext     *context,
                       GParamSpec     *pspec,
                       AttReportsPage *self)
{
  set_db (self, att_context_get_db (context));
}

static void
on_context_today_changed (AttContext     *context,
                          GParamSpec     *pspec,
                          AttReportsPage *self)
{
  if (self->period != ATT_REPORT_PERIOD_CUSTOM)
    att_page_queue_refresh (ATT_PAGE (self));
}

static void
att_reports_page_dispose (GObject *object)
{
  AttReportsPage *self = ATT_REPORTS_PAGE (object);
  GtkWidget *child;

  self->disposed = TRUE;
  _att_reports_page_cancel_export (self);
  g_clear_object (&self->export_cancellable);
  stop_waiting (self);
  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_object (&self->db);
  _att_reports_page_dispose_tables (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_REPORTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->report, att_report_unref);
  g_clear_pointer (&self->last_year, att_report_unref);
  g_clear_pointer (&self->counter, counter_unref);

  G_OBJECT_CLASS (att_reports_page_parent_class)->dispose (object);
}

static void
att_reports_page_constructed (GObject *object)
{
  AttReportsPage *self = ATT_REPORTS_PAGE (object);
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) bys = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (att_reports_page_parent_class)->constructed (object);

  for (guint i = 0; i < ATT_REPORT_N_PERIODS; i++)
    gtk_string_list_append (periods, att_report_period_label (i));
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->period_dropdown, self->period);
  g_signal_connect (self->period_dropdown, "notify::selected",
                    G_CALLBACK (on_period_selected), self);

  gtk_string_list_append (bys, _("By year group"));
  gtk_string_list_append (bys, _("By registration group"));
  gtk_string_list_append (bys, _("By cohort"));
  gtk_drop_down_set_model (self->by_dropdown, G_LIST_MODEL (bys));
  gtk_drop_down_set_selected (self->by_dropdown, 0);
  g_signal_connect (self->by_dropdown, "notify::selected", G_CALLBACK (on_by_selected), self);

  _att_reports_page_init_tables (self);

  g_signal_connect_object (get_context (self), "notify::db",
                           G_CALLBACK (on_context_db_changed), self, 0);
  g_signal_connect_object (get_context (self), "notify::today",
                           G_CALLBACK (on_context_today_changed), self, 0);
  set_db (self, att_context_get_db (get_context (self)));
  if (self->db == NULL)
    load (self);
  att_page_actions_update (ATT_PAGE (self));
}

static void
att_reports_page_class_init (AttReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AttPageClass *page_class = ATT_PAGE_CLASS (klass);

  object_class->dispose = att_reports_page_dispose;
  object_class->constructed = att_reports_page_constructed;
  page_class->refresh = att_reports_page_refresh;
  page_class->actions_update = att_reports_page_actions_update;

  g_type_ensure (ATT_TYPE_REPORT_FIGURE);
  g_type_ensure (ATT_TYPE_REPORT_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/reports/att-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, ages_switch);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, export_label);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, export_progress);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, attendance_figure);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, authorised_figure);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, unauthorised_figure);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, persistent_figure);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, severe_figure);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, lates_figure);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, weekly_chart);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, years_chart);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, persistent_chart);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, reasons_chart);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, weekdays_chart);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, breakdown_view);
  gtk_widget_class_bind_template_child (widget_class, AttReportsPage, lists_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_ages_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_breakdown_activate);

  gtk_widget_class_install_action (widget_class, "reports.custom", NULL, custom_action);
  _att_reports_page_install_export_actions (widget_class);
  _att_reports_page_install_xlsx_actions (widget_class);
}

static void
att_reports_page_init (AttReportsPage *self)
{
  self->period = ATT_REPORT_PERIOD_THIS_YEAR;
  self->by = ATT_REPORT_BY_YEAR;
  self->custom_from = ATT_DATE_NONE;
  self->custom_to = ATT_DATE_NONE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

AttReportPeriod
att_reports_page_get_period (AttReportsPage *self)
{
  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), ATT_REPORT_PERIOD_THIS_YEAR);

  return self->period;
}

void
att_reports_page_set_period (AttReportsPage  *self,
                             AttReportPeriod  period)
{
  g_return_if_fail (ATT_IS_REPORTS_PAGE (self));
  g_return_if_fail (period < ATT_REPORT_N_PERIODS);

  if (period == ATT_REPORT_PERIOD_CUSTOM)
    {
      gtk_drop_down_set_selected (self->period_dropdown, period);
      return;
    }
  self->period = period;
  gtk_widget_set_visible (GTK_WIDGET (self->custom_box), FALSE);
  gtk_drop_down_set_selected (self->period_dropdown, period);
  load (self);
}

void
att_reports_page_set_custom (AttReportsPage *self,
                             AttDate         from,
                             AttDate         to)
{
  g_return_if_fail (ATT_IS_REPORTS_PAGE (self));
  g_return_if_fail (from != ATT_DATE_NONE && to != ATT_DATE_NONE && from <= to);

  self->period = ATT_REPORT_PERIOD_CUSTOM;
  self->custom_from = from;
  self->custom_to = to;
  set_entry_date (self->from_entry, from);
  set_entry_date (self->to_entry, to);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_box), TRUE);
  gtk_drop_down_set_selected (self->period_dropdown, ATT_REPORT_PERIOD_CUSTOM);
  load (self);
}

AttReport *
att_reports_page_get_report (AttReportsPage *self)
{
  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), NULL);

  return self->report;
}

void
att_reports_page_set_by (AttReportsPage *self,
                         AttReportBy     by)
{
  g_return_if_fail (ATT_IS_REPORTS_PAGE (self));

  if (by == self->by)
    return;
  self->by = by;
  for (guint i = 0; i < G_N_ELEMENTS (by_choices); i++)
    if (by_choices[i] == by)
      gtk_drop_down_set_selected (self->by_dropdown, i);
  _att_reports_page_fill_breakdown (self);
}

gboolean
att_reports_page_is_loading (AttReportsPage *self)
{
  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), FALSE);

  return self->loading;
}

const char *
att_reports_page_get_state (AttReportsPage *self)
{
  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

AttReportChart *
att_reports_page_get_chart (AttReportsPage *self,
                            AttChartKind    kind)
{
  AttReportChart *charts[] = {
    self->weekly_chart, self->years_chart, self->persistent_chart,
    self->reasons_chart, self->weekdays_chart,
  };

  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), NULL);
  g_return_val_if_fail (kind < ATT_N_CHARTS, NULL);

  return charts[kind];
}

AttReportFigure *
att_reports_page_get_figure (AttReportsPage *self,
                             guint           index)
{
  AttReportFigure *figures[] = {
    self->attendance_figure, self->authorised_figure, self->unauthorised_figure,
    self->persistent_figure, self->severe_figure, self->lates_figure,
  };

  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (figures), NULL);

  return figures[index];
}
