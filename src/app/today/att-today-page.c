/* att-today-page.c: the morning dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-consideration-dialog.h"
#include "att-firstday-card.h"
#include "att-leave-card.h"
#include "att-penalty.h"
#include "att-register-grid.h"
#include "att-today-page-private.h"

struct _AttTodayPage
{
  AttPage         parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkLabel       *date_label;
  GtkLabel       *on_roll_value;
  GtkLabel       *on_roll_detail;
  GtkLabel       *week_value;
  GtkLabel       *week_detail;
  GtkLabel       *year_value;
  GtkLabel       *year_detail;
  GtkLabel       *pa_value;
  GtkLabel       *pa_detail;
  AdwPreferencesGroup *registers_group;
  AttFirstdayCard     *firstday_card;
  AttLeaveCard        *leave_card;
  GtkListBox     *registers_list;
  AdwPreferencesGroup *threshold_group;
  GtkListBox     *threshold_list;

  AttDb          *db;
  gulong          changed_id;
  guint           tick_id;
  AttDate         shown_date;

  GtkLabel       *threshold_placeholder;

  /* The breaches of the penalty notice threshold not yet considered
   * whose rows are still to be made, and the next of them; the count
   * running on its thread, and whether the page was disposed meanwhile. */
  GPtrArray      *breaches;     /* AttPenaltyRow */
  guint           next_breach;
  guint           breach_rows_id;
  int             focus_breach;  /* the row to focus once made, or -1 */
  guint           breach_serial;
  gboolean        counting;
  gboolean        disposed;
};

/* The breaches not yet considered are counted on a thread (every school
 * day of the last 10 school weeks: about 110 ms in the 2,000-pupil demo),
 * so the frame that shows the page does not wait for them. Their rows
 * come when the count does, the first few at once (the card sits below
 * the others, so a few at most are seen without scrolling) and the
 * others (80 in the demo, about 4 ms each) a few at a time. */
#define BREACH_ROWS_FIRST 3
#define BREACH_ROWS_CHUNK 16

G_DEFINE_FINAL_TYPE (AttTodayPage, att_today_page, ATT_TYPE_PAGE)

static AttContext *
get_context (AttTodayPage *self)
{
  return att_page_get_context (ATT_PAGE (self));
}

static void
show_empty (AttTodayPage *self,
            const char   *icon_name,
            const char   *title,
            const char   *description)
{
  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static char *
format_pct (double pct)
{
  /* Translators: a percentage with one decimal, as in "94.3%" */
  return g_strdup_printf (_("%.1f%%"), pct);
}

static void
sum_figures (GArray     *all,
             AttFigures *sum)
{
  memset (sum, 0, sizeof *sum);
  for (guint i = 0; all != NULL && i < all->len; i++)
    att_figures_add (sum, &g_array_index (all, AttFigures, i));
}

static void
clear_threshold_list (AttTodayPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  g_clear_handle_id (&self->breach_rows_id, g_source_remove);
  g_clear_pointer (&self->breaches, g_ptr_array_unref);
  self->next_breach = 0;

  /* Where the keyboard was, to give it back once the rows are made
   * again (kept from an earlier clearing while they are counted). */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->threshold_list)))
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

      if (row != NULL)
        self->focus_breach = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
    }
  else if (focus != NULL && focus != GTK_WIDGET (self->threshold_list)
           && !gtk_widget_is_ancestor (GTK_WIDGET (self->threshold_list), focus))
    self->focus_breach = -1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->threshold_list))) != NULL)
    gtk_list_box_remove (self->threshold_list, child);
}

/* A breach of the penalty notice threshold with no consideration
 * recorded: the pupil, the day it was met and the count on that day.
 * Activating the row opens the pupil's record; its "Consider…" button
 * opens the consideration form for that breach. */
static GtkWidget *
create_breach_row (AttTodayPage        *self,
                   const AttPenaltyRow *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count;
  GtkWidget *consider;
  g_autofree char *met = att_date_format_long (item->met);
  g_autofree char *from = att_date_format_long (item->breach.window_start);
  g_autofree char *to = att_date_format_long (item->breach.window_end);
  g_autofree char *count_text = NULL;
  GString *subtitle = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->name != NULL ? item->name : "?");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (item->met == att_context_get_today (get_context (self)))
    /* Translators: the window of the penalty-notice count, two dates */
    g_string_append_printf (subtitle, _("At the threshold today, from %s to %s"), from, to);
  else
    /* Translators: the last day a pupil was at the penalty-notice
     * threshold, then the window of that day's count, two dates */
    g_string_append_printf (subtitle, _("Last at the threshold on %s, from %s to %s"), met, from, to);
  if (item->group != NULL && item->group[0] != '\0')
    g_string_append_printf (subtitle, " · %s", item->group);
  if (item->breach.includes_n)
    g_string_append_printf (subtitle, " · %s", _("includes unresolved N codes"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);

  count_text = g_strdup_printf (ngettext ("%u session", "%u sessions", item->breach.sessions),
                                item->breach.sessions);
  count = gtk_label_new (count_text);
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);

  consider = gtk_button_new_with_mnemonic (_("_Consider…"));
  gtk_widget_set_valign (consider, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (consider, _("Record the school’s consideration of this breach and its decision"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (consider), "today.consider");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (consider), "(xi)", item->pupil_id, (gint32)item->met);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), consider);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  /* Activating the row opens the pupil's record. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-pupil");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", item->pupil_id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

/* The "Consider…" button of a row of the breach list. */
static GtkWidget *
breach_row_button (GtkListBoxRow *row)
{
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (row)); w != NULL; )
    {
      if (GTK_IS_BUTTON (w)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "today.consider") == 0)
        return w;
      /* Depth first through the row's children. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            {
              w = gtk_widget_get_parent (w);
              if (w == GTK_WIDGET (row))
                return NULL;
            }
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

/* Makes the rows of the next @n breaches; whether some are still to be
 * made. The row that had the focus before the list was made again (a
 * breach considered leaves it) gets it back, or the one in its place. */
static gboolean
append_breach_rows (AttTodayPage *self,
                    guint         n)
{
  for (; self->breaches != NULL && n > 0 && self->next_breach < self->breaches->len; n--)
    {
      const AttPenaltyRow *item = g_ptr_array_index (self->breaches, self->next_breach);
      GtkWidget *row = create_breach_row (self, item);

      gtk_list_box_append (self->threshold_list, row);
      if ((int)self->next_breach == self->focus_breach
          || ((int)self->next_breach + 1 == self->focus_breach
              && self->next_breach + 1 == self->breaches->len))
        {
          GtkWidget *button = breach_row_button (GTK_LIST_BOX_ROW (row));

          self->focus_breach = -1;
          gtk_widget_grab_focus (button != NULL ? button : row);
        }
      self->next_breach++;
    }
  return self->breaches != NULL && self->next_breach < self->breaches->len;
}

static gboolean
on_breach_rows_idle (gpointer user_data)
{
  AttTodayPage *self = user_data;

  if (append_breach_rows (self, BREACH_ROWS_CHUNK))
    return G_SOURCE_CONTINUE;
  self->breach_rows_id = 0;
  g_clear_pointer (&self->breaches, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

/* A row of the register list that opens the register: activating it
 * (a click, Enter or Space) runs @action_name with @target. */
static GtkWidget *
create_register_row (const char *title,
                     const char *subtitle,
                     const char *action_name,
                     GVariant   *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), target);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

/* The one row shown when there is nothing to do: why, in a sentence. */
static void
append_info_row (AttTodayPage *self,
                 const char   *icon_name,
                 const char   *title,
                 const char   *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_name (row, "registers-info");
  gtk_list_box_append (self->registers_list, row);
}

/* Registers not complete for the session now, and pupils still N once
 * its register has closed (the grid's core works both out). When there
 * is none, one row says why: no school today, the register not open yet,
 * or every register complete. */
static void
update_current_registers (AttTodayPage *self)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GArray) still_n = NULL;
  g_autoptr(AttSchool) school = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  AttCalendar *calendar;
  AttDate today = att_context_get_today (get_context (self));
  int clock = att_context_get_clock (get_context (self));
  AttSession session;
  int opens;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->registers_list))) != NULL)
    gtk_list_box_remove (self->registers_list, child);
  if (self->db == NULL)
    return;

  school = att_school_load (self->db);
  session = school != NULL && clock >= school->pm_open ? ATT_SESSION_PM : ATT_SESSION_AM;
  opens = school != NULL ? (session == ATT_SESSION_AM ? school->am_open : school->pm_open) : 0;
  adw_preferences_group_set_description (self->registers_group,
                                         session == ATT_SESSION_AM
                                         ? _("Registration groups with a pupil not yet marked this "
                                             "morning, and pupils still N after the register closed.")
                                         : _("Registration groups with a pupil not yet marked this "
                                             "afternoon, and pupils still N after the register closed."));

  /* No school today, or not this session: say why, as the calendar
   * knows it. */
  calendar = att_db_get_calendar (self->db);
  if (calendar != NULL && !att_calendar_is_school_session (calendar, today, session))
    {
      g_autofree char *reason = NULL;

      if (att_calendar_day_sessions (calendar, today) == 0)
        {
          reason = att_calendar_describe_no_school (calendar, today, -1);
          append_info_row (self, "x-office-calendar-symbolic", _("No school today"), reason);
        }
      else
        {
          reason = att_calendar_describe_no_school (calendar, today, session);
          append_info_row (self, "x-office-calendar-symbolic",
                           session == ATT_SESSION_AM ? _("No morning register today")
                                                     : _("No afternoon register today"),
                           reason);
        }
      return;
    }

  /* Before the register opens every group is still to be marked: that is
   * not news, so say when it opens instead. */
  if (school != NULL && clock < opens)
    {
      g_autofree char *time = att_time_format (opens);
      g_autofree char *title = NULL;

      /* Translators: %s is a time, as in "08:40" */
      title = g_strdup_printf (session == ATT_SESSION_AM ? _("The morning register opens at %s")
                                                         : _("The afternoon register opens at %s"),
                               time);
      append_info_row (self, "alarm-symbolic", title,
                       _("Registers not complete will be listed here once it opens"));
      return;
    }

  missing = att_register_incomplete (self->db, today, session, &error);
  if (missing == NULL)
    {
      append_info_row (self, "dialog-error-symbolic", _("The registers could not be checked"),
                       error != NULL ? error->message : NULL);
      return;
    }
  for (guint i = 0; i < missing->len; i++)
    {
      AttRegisterStatus *status = g_ptr_array_index (missing, i);
      g_autoptr(AttGridFilter) filter = att_grid_filter_new_group (status->group);
      g_autofree char *target = att_grid_filter_to_string (filter);
      g_autofree char *subtitle = NULL;

      /* Translators: as in "25 of 28 pupils marked" */
      subtitle = g_strdup_printf (ngettext ("%u of %u pupil marked", "%u of %u pupils marked",
                                            status->on_roll),
                                  status->marked, status->on_roll);
      gtk_list_box_append (self->registers_list,
                           create_register_row (status->group, subtitle, "win.show-register",
                                                g_variant_new_string (target)));
    }

  still_n = att_register_still_n (self->db, today, session, today, clock, NULL);
  /* A long list is summed up after the first few: the register page
   * lists them all. */
  if (still_n != NULL && still_n->len > 12)
    {
      g_autoptr(AttGridFilter) filter = att_grid_filter_new ();
      g_autofree char *target = att_grid_filter_to_string (filter);
      g_autofree char *title = g_strdup_printf (ngettext ("%u pupil still N after the register closed",
                                                          "%u pupils still N after the register closed",
                                                          still_n->len),
                                                still_n->len);

      gtk_list_box_append (self->registers_list,
                           create_register_row (title,
                                                _("Replace N with the right code as soon as the reason is known"),
                                                "win.show-register",
                                                g_variant_new_string (target)));
      return;
    }
  for (guint i = 0; still_n != NULL && i < still_n->len; i++)
    {
      gint64 id = g_array_index (still_n, gint64, i);
      AttPupil *pupil = att_pupils_get (self->db, id);
      g_autofree char *title = NULL;

      if (pupil == NULL)
        continue;
      /* Translators: a pupil's name and registration group, as in "Amy Lee (7A)" */
      title = g_strdup_printf (_("%s (%s)"), att_pupil_get_display_name (pupil),
                               pupil->reg_group != NULL ? pupil->reg_group : "");
      gtk_list_box_append (self->registers_list,
                           create_register_row (title, _("Still N after the register closed"),
                                                "win.show-register-pupil",
                                                g_variant_new_int64 (id)));
    }

  if (missing->len == 0 && (still_n == NULL || still_n->len == 0))
    append_info_row (self, "emblem-ok-symbolic", _("Every register is complete"),
                     session == ATT_SESSION_AM
                     ? _("Every pupil on roll has a mark for this morning")
                     : _("Every pupil on roll has a mark for this afternoon"));
}

/* Sessions of the last week whose register closed incomplete, as the
 * register's status module lists them (the session now excepted: it is
 * listed above, group by group). Each opens the register on its day. */
static void
append_past_gaps (AttTodayPage *self)
{
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(AttSchool) school = NULL;
  AttDate today = att_context_get_today (get_context (self));
  int clock = att_context_get_clock (get_context (self));
  AttSession now;

  if (self->db == NULL)
    return;
  school = att_school_load (self->db);
  now = school != NULL && clock >= school->pm_open ? ATT_SESSION_PM : ATT_SESSION_AM;
  gaps = att_register_incomplete_past (self->db, today - 7, today, clock, NULL);
  for (guint i = 0; gaps != NULL && i < gaps->len; i++)
    {
      const AttRegisterGap *gap = g_ptr_array_index (gaps, i);
      g_autoptr(AttGridFilter) filter = NULL;
      g_autofree char *target = NULL;
      g_autofree char *day = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (gap->date == today && gap->session == now)
        continue;
      /* One group opens on that group, several on the whole school. */
      filter = gap->groups->len == 1
               ? att_grid_filter_new_group (((AttRegisterStatus *)g_ptr_array_index (gap->groups, 0))->group)
               : att_grid_filter_new ();
      target = att_grid_filter_to_string (filter);
      day = att_date_format_long (gap->date);
      /* Translators: a past session and how many registers it left
       * incomplete, as in "Mon 7 Dec 2026 AM: 2 registers not complete" */
      title = g_strdup_printf (ngettext ("%s %s: %u register not complete",
                                         "%s %s: %u registers not complete", gap->groups->len),
                               day, gap->session == ATT_SESSION_AM ? _("AM") : _("PM"), gap->groups->len);
      g_string_append_printf (subtitle, ngettext ("%u pupil without a mark", "%u pupils without a mark",
                                                  gap->unmarked),
                              gap->unmarked);
      for (guint g = 0; g < gap->groups->len && g < 6; g++)
        g_string_append_printf (subtitle, g == 0 ? " · %s" : ", %s",
                                ((AttRegisterStatus *)g_ptr_array_index (gap->groups, g))->group);
      if (gap->groups->len > 6)
        g_string_append (subtitle, ", …");
      gtk_list_box_append (self->registers_list,
                           create_register_row (title, subtitle->str, "win.show-register-day",
                                                g_variant_new ("(si)", target, (gint32)gap->date)));
    }
}

typedef struct
{
  char      *db_path;
  AttDate    today;
  guint      serial;
  GPtrArray *breaches;   /* AttPenaltyRow */
} BreachJob;

static void
breach_job_free (BreachJob *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->breaches, g_ptr_array_unref);
  g_free (job);
}

static void
breach_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  BreachJob *job = data;
  GError *error = NULL;
  AttDb *db = att_db_open (job->db_path, &error);

  if (db != NULL)
    {
      job->breaches = att_penalty_unconsidered (db, job->today, &error);
      att_db_close (db);
      g_object_unref (db);
    }
  if (job->breaches == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_counting (AttTodayPage *self,
              gboolean      counting)
{
  self->counting = counting;
  gtk_label_set_label (self->threshold_placeholder,
                       counting ? _("Looking for breaches not yet considered…")
                                : _("Every breach of the threshold has been considered."));
}

static void
breaches_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  AttTodayPage *self = ATT_TODAY_PAGE (source);
  BreachJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* The page was disposed, or counted again, meanwhile. */
  if (self->disposed || job->serial != self->breach_serial)
    return;
  set_counting (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_label_set_label (self->threshold_placeholder, error->message);
      return;
    }
  clear_threshold_list (self);
  self->breaches = g_steal_pointer (&job->breaches);
  if (append_breach_rows (self, BREACH_ROWS_FIRST))
    self->breach_rows_id = g_idle_add_full (G_PRIORITY_LOW, on_breach_rows_idle, self, NULL);
  else
    g_clear_pointer (&self->breaches, g_ptr_array_unref);
}

/* Counts every breach of the penalty notice threshold met in the last 10
 * school weeks that the school has not considered yet, on a thread with
 * a connection of its own; the rows shown stay until the new ones
 * replace them. */
static void
load_breaches (AttTodayPage *self)
{
  g_autoptr(GTask) task = NULL;
  BreachJob *job;

  self->breach_serial++;
  if (self->db == NULL)
    {
      set_counting (self, FALSE);
      return;
    }
  set_counting (self, TRUE);
  job = g_new0 (BreachJob, 1);
  job->db_path = g_strdup (att_db_get_path (self->db));
  job->today = att_context_get_today (get_context (self));
  job->serial = self->breach_serial;
  task = g_task_new (self, NULL, breaches_done, NULL);
  g_task_set_source_tag (task, load_breaches);
  g_task_set_task_data (task, job, (GDestroyNotify)breach_job_free);
  g_task_run_in_thread (task, breach_thread);
}

/* A consideration recorded: its breach leaves the list, and the keyboard
 * goes to the row in its place. */
static void
on_consideration_recorded (AttTodayPage *self)
{
  load_breaches (self);
}

static void
consider_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttTodayPage *self = ATT_TODAY_PAGE (widget);
  AttConsiderationDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);
  gint64 pupil_id;
  gint32 met;

  g_variant_get (parameter, "(xi)", &pupil_id, &met);
  dialog = att_consideration_dialog_new (get_context (self), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         pupil_id, (AttDate)met);
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_consideration_recorded), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_registers (AttTodayPage *self)
{
  update_current_registers (self);
  append_past_gaps (self);
  att_firstday_card_update (self->firstday_card, self->db, att_context_get_today (get_context (self)),
                            att_context_get_clock (get_context (self)));
}

static void
refresh (AttTodayPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) week = NULL;
  g_autoptr(GArray) year = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  AttCalendar *calendar;
  g_autoptr(GPtrArray) pupils = NULL;
  AttDate today = att_context_get_today (get_context (self));
  AttDate monday = att_date_monday (today);
  AttDate first, last;
  AttFigures sum;
  guint n_terms = 0;
  guint on_roll = 0;
  guint persistent = 0, severe = 0;

  self->shown_date = today;
  today_text = att_date_format_long (today);
  gtk_label_set_label (self->date_label, today_text);
  /* The breaches shown stay until they are counted again (below). */
  if (self->db == NULL)
    clear_threshold_list (self);
  update_registers (self);
  att_leave_card_update (self->leave_card, self->db, today);

  if (self->db == NULL)
    {
      att_page_set_subtitle (ATT_PAGE (self), NULL);
      show_empty (self, "go-home-symbolic", _("No School Open"), NULL);
      return;
    }

  /* Only the pupils on roll today are read; the whole list only when
   * there is nobody, to tell an empty school from one on holiday. */
  pupils = att_pupils_list_on_roll (self->db, today, today, &error);
  if (pupils != NULL && pupils->len == 0)
    {
      g_ptr_array_unref (pupils);
      pupils = att_pupils_list (self->db, &error);
      if (pupils != NULL)
        g_ptr_array_ref (pupils);
    }
  if (pupils == NULL)
    {
      show_empty (self, "dialog-error-symbolic", _("The Pupils Could Not Be Read"),
                  error->message);
      return;
    }

  /* The header bar names the school, for offices that run more than one. */
  {
    g_autoptr(AttSchool) school = att_school_load (self->db);

    att_page_set_subtitle (ATT_PAGE (self), school != NULL ? school->name : NULL);
  }

  calendar = att_db_get_calendar (self->db);
  if (calendar != NULL)
    att_calendar_get_terms (calendar, &n_terms);

  for (guint i = 0; i < pupils->len; i++)
    if (att_pupil_on_roll (g_ptr_array_index (pupils, i), today))
      on_roll++;

  if (n_terms == 0)
    {
      show_empty (self, "x-office-calendar-symbolic", _("No Terms Yet"),
                  _("Attendance counts school sessions from the school’s terms, and none "
                    "are set up. Add each term with “attendance-cli calendar term add NAME "
                    "START END”, then come back here."));
      return;
    }

  if (pupils->len == 0)
    {
      show_empty (self, "system-users-symbolic", _("No Pupils Yet"),
                  _("Nobody is on the admission register. Import your pupils from the "
                    "school’s management system with “attendance-cli pupils import FILE.csv”."));
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "main");

  /* On roll today */
  text = g_strdup_printf ("%'u", on_roll);
  gtk_label_set_label (self->on_roll_value, text);
  g_clear_pointer (&text, g_free);
  detail = g_strdup (_("Pupils on the admission register today"));
  gtk_label_set_label (self->on_roll_detail, detail);
  g_clear_pointer (&detail, g_free);

  /* This week, Monday to today */
  week = att_stats_all (self->db, monday, today, &error);
  if (week == NULL)
    {
      g_warning ("Could not count this week: %s", error->message);
      g_clear_error (&error);
    }
  sum_figures (week, &sum);
  if (sum.possible > 0)
    {
      g_autofree char *since = att_date_format_long (monday);

      int clock = att_context_get_clock (get_context (self));
      gboolean complete = TRUE;
      guint sessions = 0;

      text = format_pct (att_figures_attendance_pct (&sum));
      /* While today's registers are still being taken the figure moves
       * as they fill: say how many sessions it rests on. */
      for (AttDate d = monday; d <= today; d++)
        for (AttSession s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
          {
            if (calendar == NULL || !att_calendar_is_school_session (calendar, d, s)
                || !att_register_opened (self->db, d, s, today, clock))
              continue;
            sessions++;
            if (d == today && complete)
              {
                g_autoptr(GPtrArray) missing = att_register_incomplete (self->db, d, s, NULL);
                complete = missing != NULL && missing->len == 0;
              }
          }
      if (complete)
        /* Translators: %s is a date */
        detail = g_strdup_printf (_("Whole school since %s"), since);
      else
        /* Translators: the number of sessions a week's attendance is
         * worked out from, and the Monday it starts */
        detail = g_strdup_printf (ngettext ("Based on %u session since %s; today’s registers are not complete yet",
                                            "Based on %u sessions since %s; today’s registers are not complete yet",
                                            sessions),
                                  sessions, since);
    }
  else
    {
      guint sessions = 0;

      /* A week of holidays is not a week nobody has marked yet. */
      for (AttDate d = monday; calendar != NULL && d < monday + 7; d++)
        sessions += att_calendar_day_sessions (calendar, d);
      text = g_strdup ("—");
      detail = g_strdup (sessions == 0 ? _("No school this week")
                                       : _("No sessions marked this week yet"));
    }
  gtk_label_set_label (self->week_value, text);
  gtk_label_set_label (self->week_detail, detail);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&detail, g_free);

  /* This school year, and persistent absence in it */
  if (calendar != NULL && att_calendar_school_year_range (calendar, today, &first, &last))
    {
      year = att_stats_all (self->db, first, MIN (last, today), &error);
      if (year == NULL)
        {
          g_warning ("Could not count this school year: %s", error->message);
          g_clear_error (&error);
        }
    }
  sum_figures (year, &sum);
  for (guint i = 0; year != NULL && i < year->len; i++)
    {
      const AttFigures *f = &g_array_index (year, AttFigures, i);

      if (att_figures_persistent (f))
        persistent++;
      if (att_figures_severe (f))
        severe++;
    }

  if (sum.possible > 0)
    {
      g_autofree char *since = att_date_format_long (first);

      text = format_pct (att_figures_attendance_pct (&sum));
      detail = g_strdup_printf (_("Whole school since %s"), since);
    }
  else
    {
      text = g_strdup ("—");
      detail = g_strdup (_("No sessions marked this school year yet"));
    }
  gtk_label_set_label (self->year_value, text);
  gtk_label_set_label (self->year_detail, detail);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&detail, g_free);

  text = g_strdup_printf ("%'u", persistent);
  gtk_label_set_label (self->pa_value, text);
  g_clear_pointer (&text, g_free);
  detail = g_strdup_printf (ngettext ("Missed 10%% or more this year; %'u of them severely (50%% or more)",
                                      "Missed 10%% or more this year; %'u of them severely (50%% or more)",
                                      severe),
                            severe);
  gtk_label_set_label (self->pa_detail, detail);
  g_clear_pointer (&detail, g_free);

  load_breaches (self);
}

static void
att_today_page_refresh_page (AttPage *page)
{
  refresh (ATT_TODAY_PAGE (page));
}

static void
on_db_changed (AttDb        *db,
               guint         changes,
               AttTodayPage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

/* The page is left open all morning: once a minute it catches up with
 * the clock (a register opening or closing, a new day), unless the list
 * has the keyboard focus, which rebuilding it would take away. */
static gboolean
on_tick (gpointer user_data)
{
  att_today_page_tick (user_data);
  return G_SOURCE_CONTINUE;
}

void
att_today_page_tick (AttTodayPage *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (ATT_IS_TODAY_PAGE (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (att_context_get_today (get_context (self)) != self->shown_date)
    refresh (self);
  else if (focus == NULL ||
           (focus != GTK_WIDGET (self->registers_list) &&
            !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->registers_list))))
    update_registers (self);
}

static void
att_today_page_map (GtkWidget *widget)
{
  AttTodayPage *self = (AttTodayPage *) widget;

  GTK_WIDGET_CLASS (att_today_page_parent_class)->map (widget);

  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (60, on_tick, self);
}

static void
att_today_page_unmap (GtkWidget *widget)
{
  AttTodayPage *self = (AttTodayPage *) widget;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (att_today_page_parent_class)->unmap (widget);
}

static void
set_db (AttTodayPage *self,
        AttDb        *db)
{
  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_set_object (&self->db, db);
  if (self->db != NULL)
    self->changed_id = g_signal_connect (self->db, "changed",
                                         G_CALLBACK (on_db_changed), self);

  /* A page the window holds but does not show (behind the sign-in, or
   * another page on screen) counts its figures when it is first shown. */
  att_page_refresh_when_shown (ATT_PAGE (self));
}

static void
on_context_db_changed (AttContext   *context,
                       GParamSpec   *pspec,
                       AttTodayPage *self)
{
  set_db (self, att_context_get_db (context));
}

const char *
att_today_page_get_on_roll_text (AttTodayPage *self)
{
  g_return_val_if_fail (ATT_IS_TODAY_PAGE (self), NULL);

  return gtk_label_get_label (self->on_roll_value);
}

const char *
att_today_page_get_state_name (AttTodayPage *self)
{
  g_return_val_if_fail (ATT_IS_TODAY_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkListBox *
att_today_page_get_threshold_list (AttTodayPage *self)
{
  g_return_val_if_fail (ATT_IS_TODAY_PAGE (self), NULL);

  return self->threshold_list;
}

gboolean
att_today_page_is_counting_breaches (AttTodayPage *self)
{
  g_return_val_if_fail (ATT_IS_TODAY_PAGE (self), FALSE);

  return self->counting;
}

GtkListBox *
att_today_page_get_registers_list (AttTodayPage *self)
{
  g_return_val_if_fail (ATT_IS_TODAY_PAGE (self), NULL);

  return self->registers_list;
}

void
att_today_page_update_registers (AttTodayPage *self)
{
  g_return_if_fail (ATT_IS_TODAY_PAGE (self));

  update_registers (self);
}

void
att_today_page_refresh (AttTodayPage *self)
{
  g_return_if_fail (ATT_IS_TODAY_PAGE (self));

  refresh (self);
}

const char *
att_today_page_get_week_detail (AttTodayPage *self)
{
  g_return_val_if_fail (ATT_IS_TODAY_PAGE (self), NULL);

  return gtk_label_get_label (self->week_detail);
}

static void
att_today_page_dispose (GObject *object)
{
  AttTodayPage *self = ATT_TODAY_PAGE (object);

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_object (&self->db);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->breach_rows_id, g_source_remove);
  g_clear_pointer (&self->breaches, g_ptr_array_unref);
  self->disposed = TRUE;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_TODAY_PAGE);

  G_OBJECT_CLASS (att_today_page_parent_class)->dispose (object);
}

static void
att_today_page_constructed (GObject *object)
{
  AttTodayPage *self = ATT_TODAY_PAGE (object);

  G_OBJECT_CLASS (att_today_page_parent_class)->constructed (object);

  g_signal_connect_object (get_context (self), "notify::db",
                           G_CALLBACK (on_context_db_changed), self, 0);
  set_db (self, att_context_get_db (get_context (self)));
  if (self->db == NULL)
    refresh (self);
}

static void
att_today_page_class_init (AttTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_today_page_dispose;
  object_class->constructed = att_today_page_constructed;
  widget_class->map = att_today_page_map;
  widget_class->unmap = att_today_page_unmap;
  ATT_PAGE_CLASS (klass)->refresh = att_today_page_refresh_page;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (ATT_TYPE_FIRSTDAY_CARD);
  g_type_ensure (ATT_TYPE_LEAVE_CARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/today/att-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, on_roll_value);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, on_roll_detail);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, week_value);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, week_detail);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, year_value);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, year_detail);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, pa_value);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, pa_detail);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, registers_group);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, firstday_card);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, leave_card);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, registers_list);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, threshold_group);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, threshold_list);
  gtk_widget_class_bind_template_child (widget_class, AttTodayPage, threshold_placeholder);

  gtk_widget_class_install_action (widget_class, "today.consider", "(xi)", consider_action);
}

static void
att_today_page_init (AttTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->focus_breach = -1;
}
