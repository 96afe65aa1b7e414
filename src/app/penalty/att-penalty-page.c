/* att-penalty-page.c: the Penalty Notices page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pupils of compulsory school age at or over the National Framework
 * threshold on a day (today until another is chosen), then those within
 * 2 sessions of it, as att_penalty_list() orders them. Counting the
 * whole school's last 10 school weeks takes a moment on a large school,
 * so the list is read on a thread with its own connection, as the
 * Letters page reads its due list: the newest load wins and a page
 * disposed meanwhile is left alone. A row opens the pupil's case inside
 * the page (the back button, Alt+Left, leaves it).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-penalty-page-private.h"
#include "att-penalty-rows.h"
#include "att-penalty.h"
#include "attendance-core.h"

struct _AttPenaltyPage
{
  AttPage          parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *views;
  GtkMenuButton   *date_button;
  GtkPopover      *date_popover;
  GtkCalendar     *calendar;
  GtkSpinner      *spinner;
  GtkStack        *list_stack;
  AdwStatusPage   *loading_page;
  GtkListBox      *over_list;
  GtkListBox      *near_list;
  AdwStatusPage   *empty_page;
  AttPenaltyCase  *case_view;

  AttDb           *db;
  gulong           changed_id;
  AttDate          as_of;
  gboolean         as_of_chosen;   /* FALSE: follows today */
  guint            serial;
  gboolean         loading;
  gboolean         disposed;
  guint            n_over;
  guint            n_unconsidered;
  gint64           return_pupil;   /* the row to focus again after a case */
  gboolean         syncing_calendar;
};

G_DEFINE_FINAL_TYPE (AttPenaltyPage, att_penalty_page, ATT_TYPE_PAGE)

static AttContext *
get_context (AttPenaltyPage *self)
{
  return att_page_get_context (ATT_PAGE (self));
}

static void
update_subtitle (AttPenaltyPage *self)
{
  g_autofree char *text = NULL;

  if (self->db == NULL)
    text = NULL;
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "case") == 0)
    {
      AttPupil *pupil = att_pupils_get (self->db, att_penalty_case_get_pupil_id (self->case_view));

      text = g_strdup (pupil != NULL ? att_pupil_get_display_name (pupil) : "");
    }
  else if (self->loading)
    text = g_strdup (_("Counting unauthorised absence…"));
  else if (self->n_over == 0)
    text = g_strdup (_("Nobody at the threshold"));
  else
    /* Translators: the Penalty Notices page's subtitle: pupils at the
     * threshold, then how many of them are not considered yet */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u at the threshold, %u not considered",
                                         "%u at the threshold, %u not considered", self->n_over),
                            self->n_over, self->n_unconsidered);
  att_page_set_subtitle (ATT_PAGE (self), text);
}

static void
update_date_button (AttPenaltyPage *self)
{
  g_autofree char *text = att_date_format_long (self->as_of);
  int y, m, d;

  gtk_menu_button_set_label (self->date_button, text);
  att_date_to_ymd (self->as_of, &y, &m, &d);
  self->syncing_calendar = TRUE;
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (y, m, d, 12, 0, 0);

    if (day != NULL)
      gtk_calendar_select_day (self->calendar, day);
  }
  self->syncing_calendar = FALSE;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

typedef struct
{
  char      *db_path;
  AttDate    as_of;
  guint      serial;
  GPtrArray *rows;   /* AttPenaltyRow */
} ListJob;

static void
list_job_free (ListJob *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ListJob *job = data;
  GError *error = NULL;
  AttDb *db = att_db_open (job->db_path, &error);

  if (db != NULL)
    {
      job->rows = att_penalty_list (db, job->as_of, &error);
      att_db_close (db);
      g_object_unref (db);
    }
  if (job->rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_rows (AttPenaltyPage *self,
           GPtrArray      *rows)
{
  GtkWidget *focus_row = NULL;

  att_penalty_clear_list (self->over_list);
  att_penalty_clear_list (self->near_list);
  self->n_over = 0;
  self->n_unconsidered = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      AttPenaltyRow *item = g_ptr_array_index (rows, i);
      GtkWidget *row = att_penalty_list_row_new (item);

      gtk_list_box_append (item->over ? self->over_list : self->near_list, row);
      if (item->over)
        {
          self->n_over++;
          if (item->consideration_id == 0)
            self->n_unconsidered++;
        }
      if (item->pupil_id == self->return_pupil)
        focus_row = row;
    }
  if (rows->len == 0)
    {
      g_autofree char *day = att_date_format_long (self->as_of);
      g_autofree char *description = NULL;

      /* Translators: %s is a date */
      description = g_strdup_printf (_("On %s no pupil of compulsory school age has 8 or more sessions of unauthorised absence in the last 10 school weeks."),
                                     day);
      adw_status_page_set_title (self->empty_page, _("Nobody Near the Threshold"));
      adw_status_page_set_description (self->empty_page, description);
      adw_status_page_set_icon_name (self->empty_page, "emblem-ok-symbolic");
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  if (focus_row != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "list") == 0)
    gtk_widget_grab_focus (focus_row);
}

static gboolean
list_show_idle (gpointer data)
{
  GTask *task = data;
  AttPenaltyPage *self = g_task_get_source_object (task);
  ListJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = G_ASYNC_RESULT (task);

  /* The page was disposed, or a newer load was asked for, meanwhile. */
  if (self->disposed || job->serial != self->serial)
    return G_SOURCE_REMOVE;
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      adw_status_page_set_title (self->empty_page, _("The Threshold Could Not Be Counted"));
      adw_status_page_set_description (self->empty_page, error->message);
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    show_rows (self, job->rows);
  update_subtitle (self);
  return G_SOURCE_REMOVE;
}

/* The rows are made once the frame that was waiting is drawn: a row for
 * each of some hundreds of pupils near the threshold would hold back the
 * page's first frame by a third of a second. */
static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_idle_add_full (G_PRIORITY_LOW, list_show_idle, g_object_ref (result), g_object_unref);
}

static void
load (AttPenaltyPage *self)
{
  g_autoptr(GTask) task = NULL;
  ListJob *job;

  self->serial++;
  if (!self->as_of_chosen)
    self->as_of = att_context_get_today (get_context (self));
  update_date_button (self);
  if (self->db == NULL)
    {
      self->loading = FALSE;
      gtk_spinner_stop (self->spinner);
      att_penalty_clear_list (self->over_list);
      att_penalty_clear_list (self->near_list);
      adw_status_page_set_title (self->empty_page, _("No School Open"));
      adw_status_page_set_description (self->empty_page, NULL);
      adw_status_page_set_icon_name (self->empty_page, "dialog-information-symbolic");
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      gtk_stack_set_visible_child_name (self->views, "list");
      att_page_set_can_go_back (ATT_PAGE (self), FALSE);
      update_subtitle (self);
      return;
    }

  /* The rows shown stay until the new ones replace them; the first
   * time, the page says what it is doing. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "list") != 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  self->loading = TRUE;
  gtk_spinner_start (self->spinner);

  job = g_new0 (ListJob, 1);
  job->db_path = g_strdup (att_db_get_path (self->db));
  job->as_of = self->as_of;
  job->serial = self->serial;
  task = g_task_new (self, NULL, list_done, NULL);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, job, (GDestroyNotify)list_job_free);
  g_task_run_in_thread (task, list_thread);
  update_subtitle (self);
}

/* ------------------------------------------------------------------ */
/* The case                                                            */

void
att_penalty_page_open_case (AttPenaltyPage *self,
                            gint64          pupil_id)
{
  g_return_if_fail (ATT_IS_PENALTY_PAGE (self));

  if (self->db == NULL)
    return;
  self->return_pupil = pupil_id;
  att_penalty_case_show (self->case_view, get_context (self), pupil_id, self->as_of);
  gtk_stack_set_visible_child_name (self->views, "case");
  att_page_set_can_go_back (ATT_PAGE (self), TRUE);
  update_subtitle (self);
  att_penalty_case_focus (self->case_view);
}

static void
focus_return_row (AttPenaltyPage *self)
{
  GtkListBox *lists[] = { self->over_list, self->near_list };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (GtkListBoxRow *row = gtk_list_box_get_row_at_index (lists[l], 0); row != NULL;
         row = gtk_list_box_get_row_at_index (lists[l], gtk_list_box_row_get_index (row) + 1))
      {
        GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));

        if (target != NULL && g_variant_get_int64 (target) == self->return_pupil)
          {
            gtk_widget_grab_focus (GTK_WIDGET (row));
            return;
          }
      }
}

static void
att_penalty_page_go_back (AttPage *page)
{
  AttPenaltyPage *self = ATT_PENALTY_PAGE (page);

  gtk_stack_set_visible_child_name (self->views, "list");
  att_page_set_can_go_back (page, FALSE);
  update_subtitle (self);
  focus_return_row (self);
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  att_penalty_page_open_case (ATT_PENALTY_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttPenaltyPage *self = ATT_PENALTY_PAGE (widget);

  gtk_popover_popdown (self->date_popover);
  self->as_of_chosen = FALSE;
  load (self);
}

static void
on_day_selected (GtkCalendar    *calendar,
                 AttPenaltyPage *self)
{
  g_autoptr(GDateTime) day = NULL;

  if (self->syncing_calendar)
    return;
  day = gtk_calendar_get_date (calendar);
  att_penalty_page_set_as_of (self, att_date_from_ymd (g_date_time_get_year (day),
                                                       g_date_time_get_month (day),
                                                       g_date_time_get_day_of_month (day)));
  gtk_popover_popdown (self->date_popover);
}

/* ------------------------------------------------------------------ */
/* The page                                                            */

static void
att_penalty_page_refresh (AttPage *page)
{
  AttPenaltyPage *self = ATT_PENALTY_PAGE (page);

  load (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "case") == 0)
    att_penalty_case_reload (self->case_view);
}

static void
att_penalty_page_actions_update (AttPage *page)
{
  AttPenaltyPage *self = ATT_PENALTY_PAGE (page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "penalty.open-case", self->db != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "penalty.today", self->db != NULL);
  att_penalty_case_reload (self->case_view);
}

static void
on_db_changed (AttDb          *db,
               guint           changes,
               AttPenaltyPage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
set_db (AttPenaltyPage *self,
        AttDb          *db)
{
  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_set_object (&self->db, db);
  if (self->db != NULL)
    self->changed_id = g_signal_connect (self->db, "changed", G_CALLBACK (on_db_changed), self);

  /* Another school: its own list, not the case of a pupil of the last. */
  gtk_stack_set_visible_child_name (self->views, "list");
  att_page_set_can_go_back (ATT_PAGE (self), FALSE);
  att_page_refresh_when_shown (ATT_PAGE (self));
}

static void
on_context_db_changed (AttContext     *context,
                       GParamSpec     *pspec,
                       AttPenaltyPage *self)
{
  set_db (self, att_context_get_db (context));
}

static void
on_context_today_changed (AttContext     *context,
                          GParamSpec     *pspec,
                          AttPenaltyPage *self)
{
  if (!self->as_of_chosen)
    att_page_queue_refresh (ATT_PAGE (self));
}

static void
att_penalty_page_dispose (GObject *object)
{
  AttPenaltyPage *self = ATT_PENALTY_PAGE (object);
  GtkWidget *child;

  self->disposed = TRUE;
  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_object (&self->db);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_PENALTY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (att_penalty_page_parent_class)->dispose (object);
}

static void
att_penalty_page_constructed (GObject *object)
{
  AttPenaltyPage *self = ATT_PENALTY_PAGE (object);

  G_OBJECT_CLASS (att_penalty_page_parent_class)->constructed (object);

  self->as_of = att_context_get_today (get_context (self));
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
att_penalty_page_class_init (AttPenaltyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AttPageClass *page_class = ATT_PAGE_CLASS (klass);

  object_class->dispose = att_penalty_page_dispose;
  object_class->constructed = att_penalty_page_constructed;
  page_class->refresh = att_penalty_page_refresh;
  page_class->actions_update = att_penalty_page_actions_update;
  page_class->go_back = att_penalty_page_go_back;

  g_type_ensure (ATT_TYPE_PENALTY_CASE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/penalty/att-penalty-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, views);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, loading_page);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, over_list);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, near_list);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyPage, case_view);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);

  gtk_widget_class_install_action (widget_class, "penalty.open-case", "x", open_case_action);
  gtk_widget_class_install_action (widget_class, "penalty.today", NULL, today_action);
}

static void
att_penalty_page_init (AttPenaltyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AttDate
att_penalty_page_get_as_of (AttPenaltyPage *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_PAGE (self), ATT_DATE_NONE);

  return self->as_of;
}

void
att_penalty_page_set_as_of (AttPenaltyPage *self,
                            AttDate         as_of)
{
  g_return_if_fail (ATT_IS_PENALTY_PAGE (self));

  self->as_of_chosen = as_of != att_context_get_today (get_context (self));
  self->as_of = as_of;
  load (self);
}

gboolean
att_penalty_page_is_loading (AttPenaltyPage *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_PAGE (self), FALSE);

  return self->loading;
}

GtkListBox *
att_penalty_page_get_over_list (AttPenaltyPage *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_PAGE (self), NULL);

  return self->over_list;
}

GtkListBox *
att_penalty_page_get_near_list (AttPenaltyPage *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_PAGE (self), NULL);

  return self->near_list;
}

const char *
att_penalty_page_get_state (AttPenaltyPage *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "case") == 0)
    return "case";
  return gtk_stack_get_visible_child_name (self->list_stack);
}

AttPenaltyCase *
att_penalty_page_get_case (AttPenaltyPage *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_PAGE (self), NULL);

  return self->case_view;
}
