/* att-letters-page-due.c: the Letters page's letters due on a day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows the core gives for the day (att_letters_due()) are shown in
 * two lists: the letters to send, each kept unless the officer removes or
 * postpones it, and below them every pupil who meets a stage but gets no
 * letter this time, with the reason. Nothing the core lists is hidden.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-letter-due-row.h"
#include "att-letters-form.h"
#include "att-letters-page-private.h"

/* The figure a stage turns on, for the row's subtitle. */
static char *
key_figure (const AttLetterDue *due,
            GHashTable         *conditions)
{
  gpointer value;
  AttLadderCondition condition;

  if (!g_hash_table_lookup_extended (conditions, due->stage, NULL, &value))
    return NULL;
  condition = GPOINTER_TO_INT (value);
  switch (condition)
    {
    case ATT_LADDER_UNAUTHORISED:
      /* Translators: the key figure of a letter due */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u unauthorised session in 10 school weeks",
                                           "%u unauthorised sessions in 10 school weeks",
                                           due->figures.rolling_unauthorised),
                              due->figures.rolling_unauthorised);
    case ATT_LADDER_LATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u late mark", "%u late marks",
                                           due->figures.lates),
                              due->figures.lates);
    case ATT_LADDER_IMPROVED:
      /* Translators: attendance up by some percentage points */
      return g_strdup_printf (_("up %.1f points to %.1f%%"), due->figures.improvement,
                              due->figures.attendance);
    case ATT_LADDER_BELOW:
    case ATT_LADDER_PERSISTENT:
    case ATT_LADDER_SEVERE:
    case ATT_LADDER_AT_LEAST:
    case ATT_LADDER_N_CONDITIONS:
    default:
      /* Translators: the key figure of a letter due */
      return g_strdup_printf (_("%.1f%% attendance"), due->figures.attendance);
    }
}

static gboolean
due_filter (gpointer item,
            gpointer user_data)
{
  AttLettersPage *self = user_data;
  const char *text = att_letter_due_item_get_text (item);

  /* The headings stay. */
  if (text == NULL)
    return TRUE;
  return _att_letters_page_words_match (self->due_query, text);
}

static void
update_state (AttLettersPage *self)
{
  g_autofree char *day = att_date_format_long (self->due_date);
  g_autofree char *heading = NULL;
  guint n_due = self->due_shown != NULL ? self->due_shown->len : 0;
  guint n_other = self->other_shown != NULL ? self->other_shown->len : 0;

  if (self->due_error != NULL)
    {
      adw_status_page_set_icon_name (self->due_empty, "dialog-warning-symbolic");
      adw_status_page_set_title (self->due_empty, _("The Letters Due Could Not Be Worked Out"));
      adw_status_page_set_description (self->due_empty, self->due_error);
      gtk_stack_set_visible_child_name (self->due_stack, "empty");
      return;
    }
  if (n_due == 0 && n_other == 0)
    {
      g_autofree char *description = NULL;

      /* Translators: %s is a day */
      description = g_strdup_printf (_("No pupil meets a stage of the school’s ladder on %s. Letters already sent are on the Sent tab."),
                                     day);
      adw_status_page_set_icon_name (self->due_empty, "emblem-ok-symbolic");
      adw_status_page_set_title (self->due_empty, _("No Letters Due"));
      adw_status_page_set_description (self->due_empty, description);
      gtk_stack_set_visible_child_name (self->due_stack, "empty");
      return;
    }

  if (n_due == 0)
    /* Translators: %s is a day */
    heading = g_strdup_printf (_("No Letter to Send on %s"), day);
  else
    /* Translators: the number of letters, then a day */
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Letter to Send on %s",
                                            "%u Letters to Send on %s", n_due),
                               n_due, day);
  gtk_label_set_label (self->due_heading, heading);
  gtk_stack_set_visible_child_name (self->due_stack, "list");
}

void
_att_letters_page_due_update_date (AttLettersPage *self)
{
  g_autofree char *day = att_date_format_long (self->due_date);
  g_autoptr(GDateTime) when = NULL;
  int year, month, mday;

  gtk_menu_button_set_label (self->date_button, day);
  att_date_to_ymd (self->due_date, &year, &month, &mday);
  when = g_date_time_new_local (year, month, mday, 12, 0, 0);
  g_signal_handlers_block_matched (self->due_calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_calendar_select_day (self->due_calendar, when);
  g_signal_handlers_unblock_matched (self->due_calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

/* The due list is read on a thread with its own connection (a few
 * hundred pupils' figures take a moment on a large school), and shown
 * in one change when it arrives. Each load has a serial: a newer one
 * asked for meanwhile wins, and a page disposed meanwhile is left alone. */
typedef struct
{
  char      *db_path;
  AttDate    date;
  guint      serial;
  GPtrArray *due;      /* AttLetterDue */
  GPtrArray *stages;   /* AttLadderStage, or NULL */
} DueJob;

static void
due_job_free (DueJob *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->due, g_ptr_array_unref);
  g_clear_pointer (&job->stages, g_ptr_array_unref);
  g_free (job);
}

static void
due_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  DueJob *job = data;
  GError *error = NULL;
  AttDb *db = att_db_open (job->db_path, &error);

  if (db != NULL)
    {
      job->due = att_letters_due (db, job->date, &error);
      if (job->due != NULL)
        job->stages = att_ladder_load (db, NULL);
      att_db_close (db);
      g_object_unref (db);
    }
  if (job->due == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
due_clear (AttLettersPage *self)
{
  g_list_store_remove_all (self->due_store);
  g_clear_pointer (&self->due, g_ptr_array_unref);
  g_clear_pointer (&self->due_error, g_free);
  g_ptr_array_set_size (self->due_shown, 0);
  g_ptr_array_set_size (self->other_shown, 0);
}

static void
due_loaded (AttLettersPage *self,
            GPtrArray      *due,
            GPtrArray      *stages)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) conditions = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_other = 0;

  due_clear (self);
  self->due = due;
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (stages, i);

      g_hash_table_insert (conditions, stage->name, GINT_TO_POINTER (stage->condition));
    }

  /* The letters to send first, then the others under their heading. */
  for (guint i = 0; i < self->due->len; i++)
    {
      AttLetterDue *row = g_ptr_array_index (self->due, i);
      g_autofree char *figure = NULL;

      if (row->status != ATT_LETTER_DUE_DUE)
        {
          g_ptr_array_add (self->other_shown, row);
          continue;
        }
      figure = key_figure (row, conditions);
      g_ptr_array_add (self->due_shown, row);
      g_ptr_array_add (items, att_letter_due_item_new (row, figure));
    }
  n_other = self->other_shown->len;
  if (n_other > 0)
    {
      g_autofree char *title = NULL;

      /* Translators: a heading of the due list */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Not Sent This Time", "%u Not Sent This Time",
                                            n_other),
                               n_other);
      g_ptr_array_add (items,
                       att_letter_due_item_new_heading (title,
                                                        _("Pupils who meet a stage but get no letter on this day, each with the reason: not of compulsory school age, absences the office has medical evidence for, “do not send”, waiting for an earlier stage or the gap after the last letter, postponed or removed.")));
      for (guint i = 0; i < n_other; i++)
        g_ptr_array_add (items, att_letter_due_item_new (g_ptr_array_index (self->other_shown, i), NULL));
    }
  /* The view lets go of the model while hundreds of rows arrive, and
   * takes it back whole: one change instead of one per row. */
  gtk_list_view_set_model (self->due_list, NULL);
  g_list_store_splice (self->due_store, 0, 0, items->pdata, items->len);
  gtk_list_view_set_model (self->due_list, GTK_SELECTION_MODEL (self->due_selection));
}

static gboolean
due_show_idle (gpointer data)
{
  GTask *task = data;
  AttLettersPage *self = g_task_get_source_object (task);
  DueJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A newer load was asked for, or the page went, meanwhile. */
  if (self->due_store == NULL || job->serial != self->due_serial)
    {
      self->due_n_dropped++;
      return G_SOURCE_REMOVE;
    }
  self->due_loading = FALSE;
  gtk_spinner_stop (self->due_spinner);
  self->due_loaded_date = job->date;
  if (!g_task_propagate_boolean (task, &error))
    {
      due_clear (self);
      self->due_error = g_strdup (error->message);
    }
  else
    due_loaded (self, g_steal_pointer (&job->due), job->stages);
  update_state (self);
  _att_letters_page_update_subtitle (self);
  att_page_actions_update (ATT_PAGE (self));
  return G_SOURCE_REMOVE;
}

static void
due_done (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (source);
  DueJob *job = g_task_get_task_data (G_TASK (result));

  /* The page was disposed, or a newer load was asked for, meanwhile. */
  self->due_n_arrived++;
  if (self->due_store == NULL || job->serial != self->due_serial)
    {
      self->due_n_dropped++;
      return;
    }
  /* The rows are made once the frame that was waiting is drawn: a
   * template for each of some 200 rows would hold back the page's first
   * frame (or the next one) by a fifth of a second. */
  g_idle_add_full (G_PRIORITY_LOW, due_show_idle, g_object_ref (result), g_object_unref);
}

void
_att_letters_page_due_load (AttLettersPage *self)
{
  g_autoptr(GTask) task = NULL;
  DueJob *job;

  self->due_serial++;
  if (self->db == NULL || self->letters_error != NULL)
    {
      self->due_loading = FALSE;
      self->due_loaded_date = 0;
      gtk_spinner_stop (self->due_spinner);
      due_clear (self);
      update_state (self);
      return;
    }

  /* Another day's rows are not left showing while this day's are read;
   * the same day's stay until the new ones replace them. */
  if (self->due_loaded_date != self->due_date)
    {
      due_clear (self);
      self->due_loaded_date = 0;
      gtk_stack_set_visible_child_name (self->due_stack, "loading");
      gtk_spinner_start (self->due_spinner);
    }
  self->due_loading = TRUE;

  job = g_new0 (DueJob, 1);
  job->db_path = g_strdup (att_db_get_path (self->db));
  job->date = self->due_date;
  job->serial = self->due_serial;
  task = g_task_new (self, NULL, due_done, NULL);
  g_task_set_source_tag (task, _att_letters_page_due_load);
  g_task_set_task_data (task, job, (GDestroyNotify)due_job_free);
  g_task_run_in_thread (task, due_thread);
}

static void
on_due_search_changed (GtkSearchEntry *entry,
                       AttLettersPage *self)
{
  g_free (self->due_query);
  self->due_query = att_name_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->due_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
att_letters_page_set_due_date (AttLettersPage *self,
                               AttDate         date)
{
  g_return_if_fail (ATT_IS_LETTERS_PAGE (self));

  self->due_date = date;
  self->due_date_chosen = date != self->today;
  att_page_refresh (ATT_PAGE (self));
}

void
att_letters_page_set_due_search (AttLettersPage *self,
                                 const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->due_search), text);
  /* The entry waits a moment before it says the text changed. */
  on_due_search_changed (self->due_search, self);
}

static void
on_due_day_selected (GtkCalendar    *calendar,
                     AttLettersPage *self)
{
  g_autoptr(GDateTime) when = gtk_calendar_get_date (calendar);
  AttDate date = att_date_from_ymd (g_date_time_get_year (when), g_date_time_get_month (when),
                                    g_date_time_get_day_of_month (when));

  gtk_menu_button_popdown (self->date_button);
  if (date != self->due_date)
    att_letters_page_set_due_date (self, date);
}

/* ------------------------------------------------------------------ */
/* Keep, remove, postpone                                              */

static const AttLetterDue *
find_due (AttLettersPage *self,
          GVariant       *parameter)
{
  gint64 pupil_id;
  const char *stage;

  g_variant_get (parameter, "(x&s)", &pupil_id, &stage);
  for (guint i = 0; self->due != NULL && i < self->due->len; i++)
    {
      AttLetterDue *due = g_ptr_array_index (self->due, i);

      if (due->pupil_id == pupil_id && g_strcmp0 (due->stage, stage) == 0)
        return due;
    }
  return NULL;
}

/* After a row leaves the list, the keyboard goes to the row that took
 * its place (or the one before it at the end). */
static void
focus_row_at (AttLettersPage *self,
              int             index)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->due_filtered));

  if (index < 0 || n == 0)
    return;
  if ((guint)index >= n)
    index = (int)n - 1;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->due_selection), (guint)index, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->due_list), "list.scroll-to-item", "u", (guint)index);
}

/* The position of a row in the list as shown. */
static int
index_of (AttLettersPage *self,
          gint64          pupil_id,
          const char     *stage)
{
  GListModel *model = G_LIST_MODEL (self->due_filtered);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttLetterDueItem) item = g_list_model_get_item (model, i);
      const AttLetterDue *due = att_letter_due_item_get_due (item);

      if (due != NULL && due->pupil_id == pupil_id && g_strcmp0 (due->stage, stage) == 0)
        return (int)i;
    }
  return -1;
}

static void
reload_keeping_focus (AttLettersPage *self,
                      int             index)
{
  att_page_refresh (ATT_PAGE (self));
  focus_row_at (self, index);
}

typedef struct
{
  AttLettersPage *page;
  AttLettersForm *form;
  gint64          pupil_id;
  char           *stage;
  int             index;
} DueDialog;

static void
due_dialog_free (gpointer  data,
                 GClosure *closure)
{
  DueDialog *d = data;

  g_object_unref (d->page);
  g_free (d->stage);
  g_free (d);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DueDialog        *d)
{
  AttLettersPage *self = d->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->db == NULL)
    return;
  reason = att_letters_form_get_reason (d->form);
  if (!att_letters_due_remove (self->db, att_context_get_user (att_page_get_context (ATT_PAGE (self))),
                               d->pupil_id, d->stage, self->due_date, reason, &error))
    {
      _att_letters_page_show_error (self, error->message);
      return;
    }
  reload_keeping_focus (self, d->index);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);
  const AttLetterDue *due = find_due (self, parameter);
  g_autofree char *body = NULL;
  DueDialog *d;
  GtkWidget *dialog;

  if (due == NULL || due->status != ATT_LETTER_DUE_DUE)
    return;
  /* Translators: a pupil's name, then a stage's title */
  body = g_strdup_printf (_("%s will not get “%s” for this drop in attendance: it is due again only once they recover above its line and qualify anew. Say why, for the log."),
                          due->name, due->stage_title != NULL ? due->stage_title : due->stage);
  dialog = adw_message_dialog_new (_att_letters_page_get_window (self), _("Remove the Letter?"), body);
  d = g_new0 (DueDialog, 1);
  d->page = g_object_ref (self);
  d->form = att_letters_form_new (ATT_LETTERS_FORM_REASON, NULL, ATT_DATE_NONE);
  d->pupil_id = due->pupil_id;
  d->stage = g_strdup (due->stage);
  d->index = index_of (self, due->pupil_id, due->stage);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (d->form));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response), d,
                         due_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  att_letters_form_focus (d->form);
}

static void
on_postpone_response (AdwMessageDialog *dialog,
                      const char       *response,
                      DueDialog        *d)
{
  AttLettersPage *self = d->page;
  g_autoptr(GError) error = NULL;
  AttDate until;

  if (g_strcmp0 (response, "postpone") != 0 || self->db == NULL)
    return;
  until = att_letters_form_get_date (d->form, &error);
  if (until == ATT_DATE_NONE && error == NULL)
    g_set_error (&error, ATT_ERROR, ATT_ERROR_INVALID,
                 _("Give the day the letter is due again, as DD/MM/YYYY."));
  if (error != NULL
      || !att_letters_due_postpone (self->db, att_context_get_user (att_page_get_context (ATT_PAGE (self))),
                                    d->pupil_id, d->stage, until, &error))
    {
      _att_letters_page_show_error (self, error->message);
      return;
    }
  reload_keeping_focus (self, d->index);
}

static void
postpone_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);
  const AttLetterDue *due = find_due (self, parameter);
  g_autofree char *body = NULL;
  DueDialog *d;
  GtkWidget *dialog;

  if (due == NULL || due->status != ATT_LETTER_DUE_DUE)
    return;
  /* Translators: a stage's title, then a pupil's name */
  body = g_strdup_printf (_("“%s” for %s leaves the list until the day you give, and is due again then if the figures still call for it."),
                          due->stage_title != NULL ? due->stage_title : due->stage, due->name);
  dialog = adw_message_dialog_new (_att_letters_page_get_window (self), _("Postpone the Letter"), body);
  d = g_new0 (DueDialog, 1);
  d->page = g_object_ref (self);
  /* Two weeks on by default: long enough for a promised doctor's note. */
  d->form = att_letters_form_new (ATT_LETTERS_FORM_DATE, _("Due again on (DD/MM/YYYY)"), self->due_date + 14);
  d->pupil_id = due->pupil_id;
  d->stage = g_strdup (due->stage);
  d->index = index_of (self, due->pupil_id, due->stage);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (d->form));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "postpone", _("_Postpone"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "postpone",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "postpone");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_postpone_response), d,
                         due_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  att_letters_form_focus (d->form);
}

/* A postponed or removed letter kept after all: the postponement or the
 * removal is ended and the row is due again at once. */
static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);
  const AttLetterDue *due = find_due (self, parameter);
  g_autoptr(GError) error = NULL;
  const AttUser *user = att_context_get_user (att_page_get_context (ATT_PAGE (self)));

  if (due == NULL || self->db == NULL
      || (due->status != ATT_LETTER_DUE_POSTPONED && due->status != ATT_LETTER_DUE_REMOVED))
    return;
  if (due->status == ATT_LETTER_DUE_POSTPONED
      ? !att_letters_due_postpone (self->db, user, due->pupil_id, due->stage, ATT_DATE_NONE, &error)
      : !att_letters_due_unremove (self->db, user, due->pupil_id, due->stage, &error))
    {
      _att_letters_page_show_error (self, error->message);
      return;
    }
  att_page_refresh (ATT_PAGE (self));
}

/* Enter on a row opens it on the figures behind it, or closes it. */
static void
on_due_activate (GtkListView    *list,
                 guint           position,
                 AttLettersPage *self)
{
  g_autoptr(AttLetterDueItem) item = g_list_model_get_item (G_LIST_MODEL (self->due_filtered), position);

  if (item != NULL)
    att_letter_due_item_set_expanded (item, !att_letter_due_item_get_expanded (item));
}

/* Delete and P on the row with the keyboard: what its buttons do. */
static gboolean
on_due_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    AttLettersPage        *self)
{
  g_autoptr(AttLetterDueItem) item = gtk_single_selection_get_selected_item (self->due_selection) != NULL
                                     ? g_object_ref (gtk_single_selection_get_selected_item (self->due_selection))
                                     : NULL;
  const AttLetterDue *due = item != NULL ? att_letter_due_item_get_due (item) : NULL;
  const char *action = NULL;

  if (due == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
    action = "letters.remove";
  else if (keyval == GDK_KEY_p || keyval == GDK_KEY_P)
    action = "letters.postpone";
  if (action == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), action, "(xs)", due->pupil_id, due->stage);
  return TRUE;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, att_letter_due_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  AttLetterDueItem *item = gtk_list_item_get_item (list_item);
  gboolean heading = att_letter_due_item_get_due (item) == NULL;

  gtk_list_item_set_selectable (list_item, !heading);
  gtk_list_item_set_activatable (list_item, !heading);
  att_letter_due_row_bind (ATT_LETTER_DUE_ROW (gtk_list_item_get_child (list_item)), item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  att_letter_due_row_unbind (ATT_LETTER_DUE_ROW (gtk_list_item_get_child (list_item)));
}

static void
prepare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _att_letters_page_batch_make (ATT_LETTERS_PAGE (widget), FALSE);
}

void
_att_letters_page_due_init (AttLettersPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->due_shown = g_ptr_array_new ();
  self->other_shown = g_ptr_array_new ();
  self->due_store = g_list_store_new (ATT_TYPE_LETTER_DUE_ITEM);
  self->due_filter = gtk_custom_filter_new (due_filter, self, NULL);
  self->due_filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->due_store)),
                                                  GTK_FILTER (g_object_ref (self->due_filter)));
  self->due_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->due_filtered)));
  gtk_single_selection_set_autoselect (self->due_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->due_selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->due_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->due_list, GTK_SELECTION_MODEL (self->due_selection));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_due_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->due_list), keys);
}

void
_att_letters_page_due_dispose (AttLettersPage *self)
{
  if (self->due_list != NULL)
    gtk_list_view_set_model (self->due_list, NULL);
  g_clear_object (&self->due_selection);
  g_clear_object (&self->due_filtered);
  g_clear_object (&self->due_filter);
  g_clear_object (&self->due_store);
  g_clear_pointer (&self->due_shown, g_ptr_array_unref);
  g_clear_pointer (&self->other_shown, g_ptr_array_unref);
  g_clear_pointer (&self->due, g_ptr_array_unref);
  g_clear_pointer (&self->due_query, g_free);
  g_clear_pointer (&self->due_error, g_free);
  /* A load still under way finds the page gone and drops its rows. */
  self->due_loading = FALSE;
}

void
_att_letters_page_due_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_due_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_due_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_due_activate);
  gtk_widget_class_install_action (widget_class, "letters.prepare", NULL, prepare_action);
  gtk_widget_class_install_action (widget_class, "letters.remove", "(xs)", remove_action);
  gtk_widget_class_install_action (widget_class, "letters.postpone", "(xs)", postpone_action);
  gtk_widget_class_install_action (widget_class, "letters.keep", "(xs)", keep_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "letters.prepare", NULL);
}
