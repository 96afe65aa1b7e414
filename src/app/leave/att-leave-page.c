/* att-leave-page.c: the Leave page: every request, the headteacher's
 * queue and what to follow up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page only lists: a request is recorded in the new-request form
 * (att-leave-dialog.c) and decided, withdrawn or printed in the request's
 * own window (att-leave-decision-dialog.c). After either, the focus comes
 * back to the request's row, or to the row that took its place.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-leave-decision-dialog.h"
#include "att-leave-dialog.h"
#include "att-leave-page-private.h"
#include "att-leave-review-form.h"
#include "att-leave-rows.h"

struct _AttLeavePage
{
  AttPage          parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwViewStack    *views;
  AdwViewStackPage *queue_view;
  GtkSearchEntry  *search;
  GtkDropDown     *status_dropdown;
  GtkButton       *new_button;
  GtkButton       *new_icon_button;
  GtkStack        *requests_stack;
  GtkListBox      *requests_list;
  AdwStatusPage   *requests_empty;
  GtkStack        *queue_stack;
  GtkListBox      *queue_list;
  AdwPreferencesGroup *part_time_group;
  GtkListBox      *part_time_list;
  GtkListBox      *not_back_list;
  GtkListBox      *taken_list;

  AttDb           *db;
  gulong           changed_id;
  AttDate          date;            /* today */
  int              status;          /* the filter: an AttLeaveStatus or -1 */
  char            *query;           /* folded */
  GPtrArray       *requests;        /* AttLeave, as the requests list's rows */
  GPtrArray       *request_texts;   /* folded pupil, UPN and group of each */
  GPtrArray       *queue;           /* AttLeave, as the queue's rows */
  GPtrArray       *part_time;       /* AttLeave, as the part-time rows */
  GPtrArray       *not_back;        /* AttLeave, as the not-back rows */
  GPtrArray       *taken;           /* AttLeaveCase, as the rows */
  char            *record_error;    /* why the user may not record leave, or NULL */
  char            *decide_error;    /* why the user may not decide leave, or NULL */

  /* Where the focus goes back to when a form closes. */
  GtkListBox      *return_list;
  gint64           return_id;
  int              return_index;
};

G_DEFINE_FINAL_TYPE (AttLeavePage, att_leave_page, ATT_TYPE_PAGE)

/* The status filter's entries after "All": the statuses in this order. */
static const AttLeaveStatus filter_statuses[] = {
  ATT_LEAVE_SUBMITTED,
  ATT_LEAVE_APPROVED,
  ATT_LEAVE_PARTLY_APPROVED,
  ATT_LEAVE_DECLINED,
  ATT_LEAVE_WITHDRAWN,
};

static AttContext *
get_context (AttLeavePage *self)
{
  return att_page_get_context (ATT_PAGE (self));
}

static GtkWindow *
get_window (AttLeavePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (AttLeavePage *self,
            const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), NULL, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Removes the rows, and keeps the placeholder that says the list is
 * empty. */
static void
clear_list (GtkListBox *list)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      child = next;
    }
}

/* The rows of @list's model, as the page keeps them. */
static GPtrArray *
leaves_of (AttLeavePage *self,
           GtkListBox   *list)
{
  if (list == self->requests_list)
    return self->requests;
  if (list == self->queue_list)
    return self->queue;
  if (list == self->part_time_list)
    return self->part_time;
  if (list == self->not_back_list)
    return self->not_back;
  return NULL;
}

static gint64
leave_id_at (AttLeavePage *self,
             GtkListBox   *list,
             int           index)
{
  GPtrArray *leaves = leaves_of (self, list);

  if (index < 0)
    return 0;
  if (list == self->taken_list)
    return self->taken != NULL && (guint)index < self->taken->len
           ? ((AttLeaveCase *)g_ptr_array_index (self->taken, index))->leave_id : 0;
  return leaves != NULL && (guint)index < leaves->len
         ? ((AttLeave *)g_ptr_array_index (leaves, index))->id : 0;
}

/* ------------------------------------------------------------------ */
/* Every request                                                       */

static gboolean
requests_filter (GtkListBoxRow *row,
                 gpointer       user_data)
{
  AttLeavePage *self = user_data;
  int index = gtk_list_box_row_get_index (row);
  const char *text;
  g_auto(GStrv) words = NULL;

  if (self->query == NULL || self->query[0] == '\0' || self->request_texts == NULL
      || index < 0 || (guint)index >= self->request_texts->len)
    return TRUE;

  text = g_ptr_array_index (self->request_texts, index);
  words = g_strsplit_set (self->query, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (text, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
update_requests_state (AttLeavePage *self)
{
  guint shown = att_leave_page_count_shown (self);

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->requests_stack, "list");
      return;
    }

  if (self->query != NULL && self->query[0] != '\0')
    {
      adw_status_page_set_icon_name (self->requests_empty, "edit-find-symbolic");
      adw_status_page_set_title (self->requests_empty, _("No Request Found"));
      adw_status_page_set_description (self->requests_empty,
                                       _("No request of a pupil matches the search. Try part of a name, a UPN or a group."));
    }
  else if (self->status >= 0)
    {
      g_autofree char *description = NULL;

      /* Translators: %s is a status such as “Refused” */
      description = g_strdup_printf (_("No request is “%s”. Choose “All Statuses” to see every request."),
                                     att_leave_status_describe (self->status));
      adw_status_page_set_icon_name (self->requests_empty, "x-office-calendar-symbolic");
      adw_status_page_set_title (self->requests_empty, _("No Request With This Status"));
      adw_status_page_set_description (self->requests_empty, description);
    }
  else
    {
      adw_status_page_set_icon_name (self->requests_empty, "x-office-calendar-symbolic");
      adw_status_page_set_title (self->requests_empty, _("No Requests for Leave"));
      adw_status_page_set_description (self->requests_empty,
                                       _("When a parent asks in writing for leave in term time, record the request with New Request (Ctrl+Shift+L); the headteacher then decides it under To Decide."));
    }
  gtk_stack_set_visible_child_name (self->requests_stack, "empty");
}

static void
load_requests (AttLeavePage *self)
{
  g_autoptr(GError) error = NULL;
  AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;

  clear_list (self->requests_list);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->request_texts, g_ptr_array_unref);
  if (self->db == NULL)
    {
      update_requests_state (self);
      return;
    }

  filter.status = self->status;
  self->requests = att_leave_list (self->db, &filter, &error);
  if (self->requests == NULL)
    {
      g_warning ("Could not read the requests for leave: %s", error->message);
      update_requests_state (self);
      return;
    }
  /* The latest leave first: the office looks for what is coming up. */
  for (guint i = 0; i < self->requests->len / 2; i++)
    {
      gpointer tmp = self->requests->pdata[i];

      self->requests->pdata[i] = self->requests->pdata[self->requests->len - 1 - i];
      self->requests->pdata[self->requests->len - 1 - i] = tmp;
    }

  self->request_texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->requests->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (self->requests, i);
      g_autofree char *all = g_strdup_printf ("%s %s %s", leave->pupil_name,
                                              leave->upn != NULL ? leave->upn : "",
                                              leave->reg_group != NULL ? leave->reg_group : "");

      gtk_list_box_append (self->requests_list, att_leave_row_new (leave, ATT_LEAVE_ROW_LIST, NULL));
      g_ptr_array_add (self->request_texts, att_name_fold (all));
    }
  gtk_list_box_invalidate_filter (self->requests_list);
  update_requests_state (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   AttLeavePage   *self)
{
  g_free (self->query);
  self->query = att_name_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_list_box_invalidate_filter (self->requests_list);
  update_requests_state (self);
}

static void
on_status_changed (GtkDropDown  *dropdown,
                   GParamSpec   *pspec,
                   AttLeavePage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  int status = selected >= 1 && selected <= G_N_ELEMENTS (filter_statuses)
               ? (int)filter_statuses[selected - 1] : -1;

  if (status == self->status)
    return;
  self->status = status;
  load_requests (self);
}

/* ------------------------------------------------------------------ */
/* The headteacher's queue                                             */

static void
load_queue (AttLeavePage *self)
{
  g_autoptr(GError) error = NULL;
  AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;

  clear_list (self->queue_list);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  if (self->db != NULL)
    {
      filter.status = ATT_LEAVE_SUBMITTED;
      self->queue = att_leave_list (self->db, &filter, &error);
      if (self->queue == NULL)
        g_warning ("Could not read the requests waiting for a decision: %s", error->message);
    }
  for (guint i = 0; self->queue != NULL && i < self->queue->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (self->queue, i);
      AttLeaveFigures figures = { 0, };
      g_autoptr(GError) figures_error = NULL;
      gboolean has_figures = att_leave_figures (self->db, leave->id, &figures, &figures_error);

      gtk_list_box_append (self->queue_list,
                           att_leave_row_new (leave, ATT_LEAVE_ROW_QUEUE, has_figures ? &figures : NULL));
    }
  gtk_stack_set_visible_child_name (self->queue_stack,
                                    self->queue != NULL && self->queue->len > 0 ? "list" : "empty");
}

/* ------------------------------------------------------------------ */
/* What to follow up                                                   */

static void
load_follow_up (AttLeavePage *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->part_time_list);
  clear_list (self->not_back_list);
  clear_list (self->taken_list);
  g_clear_pointer (&self->part_time, g_ptr_array_unref);
  g_clear_pointer (&self->not_back, g_ptr_array_unref);
  g_clear_pointer (&self->taken, g_ptr_array_unref);
  if (self->db == NULL)
    return;

  /* Part-time timetables agreed and not yet ended. */
  self->part_time = g_ptr_array_new_with_free_func ((GDestroyNotify)att_leave_free);
  all = att_leave_list (self->db, NULL, &error);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (all, i);

      if (leave->type == ATT_LEAVE_PART_TIME
          && (leave->status == ATT_LEAVE_APPROVED || leave->status == ATT_LEAVE_PARTLY_APPROVED)
          && leave->last_date >= self->date)
        g_ptr_array_add (self->part_time, g_steal_pointer (&all->pdata[i]));
    }
  for (guint i = 0; i < self->part_time->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (self->part_time, i);
      GtkWidget *row = att_leave_row_new (leave, ATT_LEAVE_ROW_PART_TIME, NULL);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Review…"));

      if (leave->review_date != ATT_DATE_NONE && leave->review_date <= self->date)
        {
          g_autofree char *pattern = att_leave_pattern_describe (leave->pattern);
          g_autofree char *dates = att_leave_dates_text (leave);
          g_autofree char *due = att_date_format_long (leave->review_date);
          g_autofree char *subtitle = NULL;

          /* Translators: a part-time timetable whose review is due: its
           * pattern, its dates, the day the review was due */
          subtitle = g_strdup_printf (_("%s · %s · review due since %s"), pattern, dates, due);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_widget_add_css_class (button, "suggested-action");
        }
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "leave.review");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", leave->id);
      gtk_widget_set_tooltip_text (button, self->decide_error != NULL ? self->decide_error
                                   : _("Record the review of the timetable and set the next one"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->part_time_list, row);
    }
  adw_preferences_group_set_description (self->part_time_group, NULL);
  {
    g_autofree char *description = NULL;
    guint weeks = att_leave_get_review_days (self->db) / 7;

    /* Translators: %u is a number of weeks */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Agreed part-time timetables not yet ended, with their next review. Reviews are at most %u week apart.",
                                                "Agreed part-time timetables not yet ended, with their next review. Reviews are at most %u weeks apart.",
                                                weeks),
                                   weeks);
    adw_preferences_group_set_description (self->part_time_group, description);
  }

  g_clear_error (&error);
  self->not_back = att_leave_not_back (self->db, self->date, &error);
  if (self->not_back == NULL)
    g_warning ("Could not read the pupils not back from leave: %s", error->message);
  for (guint i = 0; self->not_back != NULL && i < self->not_back->len; i++)
    gtk_list_box_append (self->not_back_list,
                         att_leave_row_new (g_ptr_array_index (self->not_back, i),
                                            ATT_LEAVE_ROW_NOT_BACK, NULL));

  g_clear_error (&error);
  self->taken = att_leave_refused_taken (self->db, self->date, &error);
  if (self->taken == NULL)
    g_warning ("Could not read the refused leave taken anyway: %s", error->message);
  for (guint i = 0; self->taken != NULL && i < self->taken->len; i++)
    gtk_list_box_append (self->taken_list, att_leave_case_row_new (g_ptr_array_index (self->taken, i)));
}

/* ------------------------------------------------------------------ */
/* The forms                                                           */

/* Puts the focus back on the row of request @id in @list, or on the row
 * now at @index (the next one, when the request left the list), or on
 * the list's view when it is empty. */
static void
focus_row (AttLeavePage *self,
           GtkListBox   *list,
           gint64        id,
           int           index)
{
  GtkListBoxRow *row = NULL;
  GPtrArray *leaves = leaves_of (self, list);
  guint n = list == self->taken_list ? (self->taken != NULL ? self->taken->len : 0)
            : leaves != NULL ? leaves->len : 0;

  for (guint i = 0; id != 0 && i < n && row == NULL; i++)
    if (leave_id_at (self, list, i) == id)
      {
        row = gtk_list_box_get_row_at_index (list, i);
        if (row != NULL && !gtk_widget_get_child_visible (GTK_WIDGET (row)))
          row = NULL;
      }
  if (row == NULL && n > 0)
    row = gtk_list_box_get_row_at_index (list, MIN ((guint)MAX (index, 0), n - 1));

  if (row != NULL)
    {
      if (gtk_list_box_get_selection_mode (list) != GTK_SELECTION_NONE)
        gtk_list_box_select_row (list, row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  else if (list == self->requests_list)
    gtk_widget_grab_focus (gtk_widget_get_mapped (GTK_WIDGET (self->new_button))
                           ? GTK_WIDGET (self->new_button) : GTK_WIDGET (self->new_icon_button));
  else
    /* Nothing left in the list: the view switcher, first on the page. */
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static gboolean
on_form_close_request (GtkWindow    *form,
                       AttLeavePage *self)
{
  /* The form may have changed the lists: read them first, so the focus
   * lands on a row that is there. */
  if (ATT_IS_LEAVE_DIALOG (form) && self->return_id == 0)
    /* Nothing recorded: back to the button that opened the form. */
    gtk_widget_grab_focus (gtk_widget_get_mapped (GTK_WIDGET (self->new_button))
                           ? GTK_WIDGET (self->new_button) : GTK_WIDGET (self->new_icon_button));
  else if (self->return_list != NULL)
    {
      att_page_refresh (ATT_PAGE (self));
      focus_row (self, self->return_list, self->return_id, self->return_index);
    }
  return FALSE;
}

static void
on_form_saved (GtkWindow    *form,
               AttLeavePage *self)
{
  att_page_refresh (ATT_PAGE (self));
}

static void
on_request_recorded (AttLeaveDialog *dialog,
                     AttLeavePage   *self)
{
  GArray *ids = att_leave_dialog_get_leave_ids (dialog);

  /* Back on the list, the focus goes to the new request. */
  att_leave_page_set_status_filter (self, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  self->return_list = self->requests_list;
  self->return_id = ids != NULL && ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
  self->return_index = 0;
  att_page_refresh (ATT_PAGE (self));
}

GtkWindow *
att_leave_page_new_request (AttLeavePage *self)
{
  AttLeaveDialog *dialog;

  g_return_val_if_fail (ATT_IS_LEAVE_PAGE (self), NULL);

  if (self->db == NULL)
    return NULL;
  if (self->record_error != NULL)
    {
      show_error (self, self->record_error);
      return NULL;
    }

  self->return_list = self->requests_list;
  self->return_id = 0;
  self->return_index = 0;
  dialog = att_leave_dialog_new (get_context (self), get_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_request_recorded), self, 0);
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (on_form_close_request), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static GtkWindow *
open_request (AttLeavePage *self,
              gint64        id)
{
  AttLeaveDecisionDialog *dialog;

  if (self->db == NULL || id == 0)
    return NULL;
  dialog = att_leave_decision_dialog_new (get_context (self), get_window (self), id);
  if (dialog == NULL)
    return NULL;
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_form_saved), self, 0);
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (on_form_close_request), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  AttLeavePage  *self)
{
  int index = gtk_list_box_row_get_index (row);
  gint64 id = leave_id_at (self, list, index);

  if (id == 0)
    return;
  self->return_list = list;
  self->return_id = id;
  self->return_index = index;
  open_request (self, id);
}

static void
new_request_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  att_leave_page_new_request (ATT_LEAVE_PAGE (widget));
}

static void
open_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttLeavePage *self = ATT_LEAVE_PAGE (widget);

  self->return_list = NULL;
  open_request (self, g_variant_get_int64 (parameter));
}

static void
on_review_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AttLeavePage     *self)
{
  AttLeaveReviewForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autoptr(GError) error = NULL;

  if (form == NULL)
    return;
  if (g_strcmp0 (response, "record") == 0
      && !att_leave_review_form_save (form, self->db, att_context_get_user (get_context (self)), &error))
    show_error (self, error->message);
  /* The list is read again (the next review moved), and the focus goes
   * back to the timetable's row. */
  att_page_refresh (ATT_PAGE (self));
  focus_row (self, self->part_time_list, att_leave_review_form_get_leave_id (form), 0);
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttLeavePage *self = ATT_LEAVE_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AttLeave) leave = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *pattern = NULL;
  AttLeaveReviewForm *form;
  GtkWidget *dialog;

  if (self->db == NULL)
    return;
  leave = att_leave_get (self->db, id, &error);
  if (leave == NULL)
    {
      show_error (self, error->message);
      return;
    }

  pattern = att_leave_pattern_describe (leave->pattern);
  /* Translators: a pupil's name, then the pattern of their part-time
   * timetable such as “Every afternoon” */
  body = g_strdup_printf (_("The review of %s’s part-time timetable (%s): the day it was reviewed, what was decided and the next review, unless the timetable ends first."),
                          leave->pupil_name, pattern);
  dialog = adw_message_dialog_new (get_window (self), _("Record a Review"), body);
  form = att_leave_review_form_new (leave, self->date, att_leave_get_review_days (self->db));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (form));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "form", form);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_review_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  att_leave_review_form_focus (form);
}

/* ------------------------------------------------------------------ */
/* The page                                                            */

static void
update_subtitle (AttLeavePage *self)
{
  g_autofree char *text = NULL;
  guint n = self->queue != NULL ? self->queue->len : 0;

  if (self->db == NULL)
    {
      att_page_set_subtitle (ATT_PAGE (self), NULL);
      return;
    }
  if (n == 0)
    text = g_strdup (_("No request waiting for a decision"));
  else
    /* Translators: the Leave page's subtitle */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request waiting for a decision",
                                         "%u requests waiting for a decision", n), n);
  att_page_set_subtitle (ATT_PAGE (self), text);
  adw_view_stack_page_set_badge_number (self->queue_view, n);
}

static void
att_leave_page_refresh (AttPage *page)
{
  AttLeavePage *self = ATT_LEAVE_PAGE (page);

  self->date = att_context_get_today (get_context (self));
  load_requests (self);
  load_queue (self);
  load_follow_up (self);
  update_subtitle (self);
}

/* Recording and withdrawing need the right to record leave; deciding
 * and reviewing, the right to decide it (the core's checks, which also
 * refuse anyone else when they write). A disabled button says why. */
static void
att_leave_page_actions_update (AttPage *page)
{
  AttLeavePage *self = ATT_LEAVE_PAGE (page);
  const AttUser *user = att_context_get_user (get_context (self));
  g_autoptr(GError) record_error = NULL;
  g_autoptr(GError) decide_error = NULL;
  gboolean has_db = self->db != NULL;
  gboolean may_record, may_decide;

  may_record = has_db && (user == NULL || att_user_require (user, ATT_PERM_RECORD_LEAVE, &record_error));
  may_decide = has_db && (user == NULL || att_user_require (user, ATT_PERM_DECIDE_LEAVE, &decide_error));
  g_clear_pointer (&self->record_error, g_free);
  g_clear_pointer (&self->decide_error, g_free);
  if (record_error != NULL)
    self->record_error = g_strdup (record_error->message);
  if (decide_error != NULL)
    self->decide_error = g_strdup (decide_error->message);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leave.new-request", may_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leave.review", may_decide);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leave.open-request", has_db);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button),
                               self->record_error != NULL ? self->record_error
                               : _("Record a parent’s request for leave of absence (Ctrl+Shift+L)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_icon_button),
                               gtk_widget_get_tooltip_text (GTK_WIDGET (self->new_button)));
  /* The review buttons' tooltips say why too. */
  if (has_db)
    load_follow_up (self);
}

static void
on_db_changed (AttDb        *db,
               guint         changes,
               AttLeavePage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
set_db (AttLeavePage *self,
        AttDb        *db)
{
  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_set_object (&self->db, db);
  if (self->db != NULL)
    self->changed_id = g_signal_connect (self->db, "changed", G_CALLBACK (on_db_changed), self);

  att_page_refresh (ATT_PAGE (self));
}

static void
on_context_db_changed (AttContext   *context,
                       GParamSpec   *pspec,
                       AttLeavePage *self)
{
  set_db (self, att_context_get_db (context));
}

static void
on_context_today_changed (AttContext   *context,
                          GParamSpec   *pspec,
                          AttLeavePage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
on_view_changed (AdwViewStack *stack,
                 GParamSpec   *pspec,
                 AttLeavePage *self)
{
  update_subtitle (self);
}

static void
att_leave_page_dispose (GObject *object)
{
  AttLeavePage *self = ATT_LEAVE_PAGE (object);
  GtkWidget *child;

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_object (&self->db);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->request_texts, g_ptr_array_unref);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->part_time, g_ptr_array_unref);
  g_clear_pointer (&self->not_back, g_ptr_array_unref);
  g_clear_pointer (&self->taken, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->record_error, g_free);
  g_clear_pointer (&self->decide_error, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_LEAVE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (att_leave_page_parent_class)->dispose (object);
}

static void
att_leave_page_constructed (GObject *object)
{
  AttLeavePage *self = ATT_LEAVE_PAGE (object);

  G_OBJECT_CLASS (att_leave_page_parent_class)->constructed (object);

  self->date = att_context_get_today (get_context (self));
  g_signal_connect_object (get_context (self), "notify::db",
                           G_CALLBACK (on_context_db_changed), self, 0);
  g_signal_connect_object (get_context (self), "notify::today",
                           G_CALLBACK (on_context_today_changed), self, 0);
  set_db (self, att_context_get_db (get_context (self)));
  att_page_actions_update (ATT_PAGE (self));
}

static void
att_leave_page_class_init (AttLeavePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AttPageClass *page_class = ATT_PAGE_CLASS (klass);

  object_class->dispose = att_leave_page_dispose;
  object_class->constructed = att_leave_page_constructed;
  page_class->refresh = att_leave_page_refresh;
  page_class->actions_update = att_leave_page_actions_update;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/leave/att-leave-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, views);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, search);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, new_button);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, new_icon_button);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, queue_view);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, requests_stack);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, requests_list);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, requests_empty);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, part_time_group);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, part_time_list);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, not_back_list);
  gtk_widget_class_bind_template_child (widget_class, AttLeavePage, taken_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_status_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  gtk_widget_class_install_action (widget_class, "leave.new-request", NULL, new_request_action);
  gtk_widget_class_install_action (widget_class, "leave.open-request", "x", open_request_action);
  gtk_widget_class_install_action (widget_class, "leave.review", "x", review_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "leave.new-request", NULL);
}

static void
att_leave_page_init (AttLeavePage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->status = -1;
  gtk_string_list_append (statuses, _("All Statuses"));
  for (guint i = 0; i < G_N_ELEMENTS (filter_statuses); i++)
    gtk_string_list_append (statuses, att_leave_status_describe (filter_statuses[i]));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_list_box_set_filter_func (self->requests_list, requests_filter, self, NULL);
}

void
att_leave_page_show_view (AttLeavePage *self,
                          const char   *name)
{
  g_return_if_fail (ATT_IS_LEAVE_PAGE (self));

  adw_view_stack_set_visible_child_name (self->views, name);
}

const char *
att_leave_page_get_view (AttLeavePage *self)
{
  g_return_val_if_fail (ATT_IS_LEAVE_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->views);
}

GtkListBox *
att_leave_page_get_requests_list (AttLeavePage *self)
{
  return self->requests_list;
}

GtkListBox *
att_leave_page_get_queue_list (AttLeavePage *self)
{
  return self->queue_list;
}

GtkListBox *
att_leave_page_get_part_time_list (AttLeavePage *self)
{
  return self->part_time_list;
}

GtkListBox *
att_leave_page_get_not_back_list (AttLeavePage *self)
{
  return self->not_back_list;
}

GPtrArray *
att_leave_page_get_requests (AttLeavePage *self)
{
  return self->requests;
}

void
att_leave_page_set_status_filter (AttLeavePage *self,
                                  int           status)
{
  guint selected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (filter_statuses); i++)
    if ((int)filter_statuses[i] == status)
      selected = i + 1;
  gtk_drop_down_set_selected (self->status_dropdown, selected);
}

void
att_leave_page_set_search (AttLeavePage *self,
                           const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), text);
  /* The entry waits a moment before it says the text changed. */
  on_search_changed (self->search, self);
}

guint
att_leave_page_count_shown (AttLeavePage *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->requests_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && requests_filter (GTK_LIST_BOX_ROW (child), self))
      n++;
  return n;
}
