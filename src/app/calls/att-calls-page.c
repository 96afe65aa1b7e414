/* att-calls-page.c: the Calls page: the GObject, the call log, the late
 * book, the local authority's lists and the page's actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first-day list and its outcome keys are in
 * att-calls-page-firstday.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-call-dialog.h"
#include "att-call-log-document.h"
#include "att-calls-page-private.h"
#include "att-late-dialog.h"
#include "att-print-operation.h"
#include "att-firstday-dialog.h"
#include "att-rollcall-document.h"

G_DEFINE_FINAL_TYPE (AttCallsPage, att_calls_page, ATT_TYPE_PAGE)

static AttContext *
get_context (AttCallsPage *self)
{
  return att_page_get_context (ATT_PAGE (self));
}

const AttUser *
_att_calls_page_get_user (AttCallsPage *self)
{
  return att_context_get_user (get_context (self));
}

GtkWindow *
_att_calls_page_get_window (AttCallsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_att_calls_page_show_error (AttCallsPage *self,
                            const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (_att_calls_page_get_window (self), NULL, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_att_calls_page_show_toast (AttCallsPage *self,
                            const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* A long name ends in an ellipsis on one line in a narrow window; the
   * lines under it wrap. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  return row;
}

/* ------------------------------------------------------------------ */
/* The call log                                                        */

static gboolean
log_filter (GtkListBoxRow *row,
            gpointer       user_data)
{
  AttCallsPage *self = user_data;
  int index = gtk_list_box_row_get_index (row);
  const char *text;
  g_auto(GStrv) words = NULL;

  if (self->log_query == NULL || self->log_query[0] == '\0' || self->log_texts == NULL
      || index < 0 || (guint)index >= self->log_texts->len)
    return TRUE;

  text = g_ptr_array_index (self->log_texts, index);
  words = g_strsplit_set (self->log_query, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (text, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
load_log (AttCallsPage *self)
{
  g_autoptr(GError) error = NULL;

  clear_list (self->log_list);
  g_clear_pointer (&self->calls, g_ptr_array_unref);
  g_clear_pointer (&self->log_texts, g_ptr_array_unref);
  if (self->db == NULL)
    return;

  self->calls = att_calls_list (self->db, self->date, 0, &error);
  if (self->calls == NULL)
    {
      g_warning ("Could not read the call log: %s", error->message);
      return;
    }
  self->log_texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->calls->len; i++)
    {
      g_auto(GStrv) cells = att_call_log_cells (self->db, g_ptr_array_index (self->calls, i));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *all = NULL;

      /* Translators: a call in the log: its time, the pupil, their group */
      title = g_strdup_printf (_("%s  %s, %s"), cells[ATT_CALL_LOG_TIME],
                               cells[ATT_CALL_LOG_PUPIL], cells[ATT_CALL_LOG_GROUP]);
      /* Translators: a call in the log: caller, channel, reason and
       * outcome, who took it */
      subtitle = g_strdup_printf (_("%s · %s · %s · taken by %s"), cells[ATT_CALL_LOG_CALLER],
                                  cells[ATT_CALL_LOG_CHANNEL], cells[ATT_CALL_LOG_OUTCOME],
                                  cells[ATT_CALL_LOG_TAKEN_BY]);
      gtk_list_box_append (self->log_list, new_row (title, subtitle));
      all = g_strjoinv (" ", cells);
      g_ptr_array_add (self->log_texts, att_name_fold (all));
    }
  gtk_stack_set_visible_child_name (self->log_stack, self->calls->len > 0 ? "list" : "empty");
  gtk_list_box_invalidate_filter (self->log_list);
}

static void
on_log_search_changed (GtkSearchEntry *entry,
                       AttCallsPage   *self)
{
  g_free (self->log_query);
  self->log_query = att_name_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_list_box_invalidate_filter (self->log_list);
}

/* ------------------------------------------------------------------ */
/* The late book                                                       */

static void
load_late (AttCallsPage *self)
{
  g_autoptr(GError) error = NULL;

  clear_list (self->late_list);
  g_clear_pointer (&self->late, g_ptr_array_unref);
  if (self->db == NULL)
    return;

  self->late = att_latebook_list (self->db, self->date, &error);
  if (self->late == NULL)
    {
      g_warning ("Could not read the late book: %s", error->message);
      return;
    }
  for (guint i = 0; i < self->late->len; i++)
    {
      g_auto(GStrv) cells = att_late_book_cells (self->db, g_ptr_array_index (self->late, i));
      g_autoptr(GString) subtitle = g_string_new (cells[ATT_LATE_BOOK_WHAT]);
      g_autofree char *title = NULL;

      title = g_strdup_printf (_("%s  %s, %s"), cells[ATT_LATE_BOOK_TIME],
                               cells[ATT_LATE_BOOK_PUPIL], cells[ATT_LATE_BOOK_GROUP]);
      if (cells[ATT_LATE_BOOK_CODE][0] != '\0')
        g_string_append_printf (subtitle, " · %s", cells[ATT_LATE_BOOK_CODE]);
      if (cells[ATT_LATE_BOOK_REASON][0] != '\0')
        g_string_append_printf (subtitle, " · %s", cells[ATT_LATE_BOOK_REASON]);
      if (cells[ATT_LATE_BOOK_PERSON][0] != '\0')
        /* Translators: who brought a late pupil in, or collected them */
        g_string_append_printf (subtitle, _(" · with %s"), cells[ATT_LATE_BOOK_PERSON]);
      /* Translators: who wrote the line in the late book */
      g_string_append_printf (subtitle, _(" · recorded by %s"), cells[ATT_LATE_BOOK_RECORDED_BY]);
      gtk_list_box_append (self->late_list, new_row (title, subtitle->str));
    }
  gtk_stack_set_visible_child_name (self->late_stack, self->late->len > 0 ? "list" : "empty");
}

/* ------------------------------------------------------------------ */
/* The local authority's lists                                         */

static void
load_la (AttCallsPage *self)
{
  g_autoptr(GError) error = NULL;

  clear_list (self->la_list);
  g_clear_pointer (&self->la_cases, g_ptr_array_unref);
  if (self->db == NULL)
    return;

  self->la_cases = att_la_cases (self->db, self->date, &error);
  if (self->la_cases == NULL)
    {
      g_warning ("Could not read the local authority’s lists: %s", error->message);
      return;
    }
  for (guint i = 0; i < self->la_cases->len; i++)
    {
      AttLaCase *la_case = g_ptr_array_index (self->la_cases, i);
      g_autofree char *first = att_date_format_long (la_case->first);
      g_autofree char *told = la_case->told != ATT_DATE_NONE ? att_date_format_long (la_case->told) : NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *told_text = NULL;
      GtkWidget *row, *button;

      title = g_strdup_printf (_("%s, %s"), att_pupil_get_display_name (la_case->pupil),
                               la_case->pupil->reg_group != NULL ? la_case->pupil->reg_group : "");
      if (told != NULL)
        /* Translators: %s is the day the local authority was told */
        told_text = g_strdup_printf (_("LA told on %s"), told);
      else
        told_text = g_strdup (_("LA not told yet"));
      if (la_case->kind == ATT_LA_UNAUTHORISED)
        /* Translators: %u school days of unauthorised absence since a day, then
         * whether the LA was told */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Unauthorised absence: %u school day since %s%s · %s",
                                                 "Unauthorised absence: %u school days in a row since %s%s · %s",
                                                 la_case->days),
                                    la_case->days, first,
                                    la_case->ongoing ? _(", still absent") : "", told_text);
      else
        /* Translators: %u school days of illness this year, since a day,
         * then whether it is expected, then whether the LA was told */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Illness: %u school day this year, since %s%s · %s",
                                                 "Illness: %u school days this year, since %s%s · %s",
                                                 la_case->days),
                                    la_case->days, first,
                                    la_case->expected ? _(", reaching 15 with the days expected") : "",
                                    told_text);
      row = new_row (title, subtitle);
      /* Once the LA has been told, the row says when; there is nothing
       * more to record. */
      if (told == NULL)
        {
          button = gtk_button_new_with_mnemonic (_("_Record LA Told…"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "calls.record-la");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
          gtk_widget_set_tooltip_text (button, self->rights_error != NULL ? self->rights_error
                                       : _("Record the day the local authority was told"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->la_list, row);
    }
  gtk_stack_set_visible_child_name (self->la_stack, self->la_cases->len > 0 ? "list" : "empty");
}

static void
on_la_response (AdwMessageDialog *dialog,
                const char       *response,
                AttCallsPage     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "index"));
  g_autoptr(GError) error = NULL;
  AttLaCase *la_case;
  AttDate told;

  if (g_strcmp0 (response, "record") != 0 || self->la_cases == NULL || index >= self->la_cases->len)
    return;

  la_case = g_ptr_array_index (self->la_cases, index);
  told = att_date_parse (gtk_editable_get_text (entry), &error);
  if (told == ATT_DATE_NONE
      || att_la_record_told (self->db, _att_calls_page_get_user (self), la_case->pupil->id,
                             la_case->kind, told, NULL, &error) == 0)
    _att_calls_page_show_error (self, error->message);
}

static void
record_la_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttCallsPage *self = ATT_CALLS_PAGE (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autofree char *today = att_date_format (self->date);
  g_autofree char *body = NULL;
  AttLaCase *la_case;
  GtkWidget *dialog, *entry;

  if (self->la_cases == NULL || index >= self->la_cases->len)
    return;
  la_case = g_ptr_array_index (self->la_cases, index);

  /* Translators: %s is a pupil's name */
  body = g_strdup_printf (_("The day the local authority was told of %s’s absence."),
                          att_pupil_get_display_name (la_case->pupil));
  dialog = adw_message_dialog_new (_att_calls_page_get_window (self),
                                   _("Record That the LA Was Told"), body);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), today);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The day the LA was told"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "index", GUINT_TO_POINTER (index));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_la_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ------------------------------------------------------------------ */
/* Printing                                                            */

static char *
printed_by (AttCallsPage *self)
{
  const AttUser *user = _att_calls_page_get_user (self);
  g_autofree char *day = att_date_format_long (self->date);
  int clock = att_context_get_clock (get_context (self));

  /* Translators: "Printed by Olive Officer on Tue 10 Sep 2024 10:12" */
  return g_strdup_printf (_("Printed by %s on %s %02d:%02d"),
                          user != NULL ? user->name : _("nobody signed in"),
                          day, clock / 60, clock % 60);
}

static void
print_document (AttCallsPage *self,
                AttDocument  *document,
                GError       *error)
{
  g_autoptr(GError) print_error = error;

  if (document != NULL)
    att_print_operation_print (document, _att_calls_page_get_window (self), &print_error);
  if (print_error != NULL)
    _att_calls_page_show_error (self, print_error->message);
}

AttDocument *
_att_calls_page_make_document (AttCallsPage *self,
                               const char   *what,
                               GError      **error)
{
  g_autoptr(AttSchool) school = NULL;
  g_autofree char *footer = NULL;

  if (self->db == NULL)
    return NULL;
  school = att_school_load (self->db);
  footer = printed_by (self);

  if (g_str_equal (what, "log"))
    {
      g_autoptr(GPtrArray) calls = att_calls_list (self->db, self->date, 0, error);

      return calls != NULL ? att_call_log_document_new (self->db, self->date, calls,
                                                        school != NULL ? school->name : NULL, footer)
                           : NULL;
    }
  if (g_str_equal (what, "late"))
    {
      g_autoptr(GPtrArray) entries = att_latebook_list (self->db, self->date, error);

      return entries != NULL ? att_late_book_document_new (self->db, self->date, entries,
                                                           school != NULL ? school->name : NULL, footer)
                             : NULL;
    }
  else
    {
      /* Who is on site now: the register, less those the late book has
       * out at this minute. */
      int clock = att_context_get_clock (get_context (self));
      AttSession session = att_rollcall_session_at (self->db, clock);
      AttRollCall *rollcall = att_rollcall_new_at (self->db, self->date, session, clock, error);

      return rollcall != NULL ? att_rollcall_document_new (rollcall, school != NULL ? school->name : NULL,
                                                           footer)
                              : NULL;
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttCallsPage *self = ATT_CALLS_PAGE (widget);
  g_autoptr(AttDocument) document = NULL;
  GError *error = NULL;
  const char *what = g_str_equal (action_name, "calls.print-log") ? "log"
                     : g_str_equal (action_name, "calls.print-late") ? "late" : "rollcall";

  document = _att_calls_page_make_document (self, what, &error);
  print_document (self, document, error);
}

/* ------------------------------------------------------------------ */
/* The forms                                                           */

static void
on_call_saved (AttCallDialog *dialog,
               AttCallsPage  *self)
{
  att_page_refresh (ATT_PAGE (self));
}

GtkWindow *
_att_calls_page_open_call_form (AttCallsPage *self,
                                gint64        pupil_id,
                                gint64        contact_id)
{
  AttCallDialog *dialog;

  dialog = att_call_dialog_new (get_context (self), _att_calls_page_get_window (self));
  if (pupil_id != 0)
    att_call_dialog_set_pupil (dialog, pupil_id, contact_id, TRUE);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_call_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

GtkWindow *
att_calls_page_new_call (AttCallsPage *self)
{
  g_return_val_if_fail (ATT_IS_CALLS_PAGE (self), NULL);

  if (self->db == NULL)
    return NULL;
  if (self->rights_error != NULL)
    {
      _att_calls_page_show_error (self, self->rights_error);
      return NULL;
    }
  return _att_calls_page_open_call_form (self, 0, 0);
}

static void
new_call_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  att_calls_page_new_call (ATT_CALLS_PAGE (widget));
}

static void
late_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttCallsPage *self = ATT_CALLS_PAGE (widget);
  AttLateDialog *dialog;

  if (self->db == NULL)
    return;
  dialog = att_late_dialog_new (get_context (self), _att_calls_page_get_window (self),
                                g_str_equal (action_name, "calls.late-arrival")
                                ? ATT_LATE_ARRIVAL : ATT_LATE_SIGN_OUT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
firstday_settings_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AttCallsPage *self = ATT_CALLS_PAGE (widget);
  AttFirstdayDialog *dialog;

  if (self->db == NULL)
    return;
  dialog = att_firstday_dialog_new (get_context (self), _att_calls_page_get_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_texts_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _att_calls_page_export_texts (ATT_CALLS_PAGE (widget));
}

/* ------------------------------------------------------------------ */
/* The page                                                            */

/* Reads the view shown again if the database has changed since it was
 * last read. */
static void
load_view (AttCallsPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->views);

  if (!self->stale || name == NULL)
    return;
  if (g_str_equal (name, "log"))
    {
      load_log (self);
      self->stale_log = FALSE;
    }
  else if (g_str_equal (name, "late"))
    {
      load_late (self);
      self->stale_late = FALSE;
    }
  else if (g_str_equal (name, "la"))
    {
      load_la (self);
      self->stale_la = FALSE;
    }
  self->stale = self->stale_log || self->stale_late || self->stale_la;
}

static void
att_calls_page_refresh (AttPage *page)
{
  AttCallsPage *self = ATT_CALLS_PAGE (page);

  self->date = att_context_get_today (get_context (self));
  /* The first-day list gives the page its subtitle; of the others, only
   * the one shown is read now, and the rest when they are shown: an
   * outcome key on a big school reads one list, not four. */
  _att_calls_page_load_firstday (self);
  self->stale = self->stale_log = self->stale_late = self->stale_la = TRUE;
  load_view (self);
}

/* Every action here writes as the user, who needs the right to log
 * calls (the core's check); printing needs only a school. A disabled
 * button says why. */
static void
att_calls_page_actions_update (AttPage *page)
{
  AttCallsPage *self = ATT_CALLS_PAGE (page);
  const AttUser *user = _att_calls_page_get_user (self);
  g_autoptr(GError) error = NULL;
  gboolean has_db = self->db != NULL;
  gboolean may_log;

  may_log = has_db && (user == NULL || att_user_require (user, ATT_PERM_LOG_CALLS, &error));
  g_clear_pointer (&self->rights_error, g_free);
  if (error != NULL)
    self->rights_error = g_strdup (error->message);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.new-call", may_log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.export-texts", may_log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.late-arrival", may_log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.sign-out", may_log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.record-la", may_log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.print-log", has_db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.print-late", has_db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.print-rollcall", has_db);
  /* The procedure, the text message and the safeguarding lead are the
   * school's settings. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.firstday-settings",
                                 has_db && user != NULL && att_user_require (user, ATT_PERM_SETTINGS, NULL));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_call_button),
                               self->rights_error != NULL ? self->rights_error
                               : _("Log a call about an absence (Ctrl+Shift+N)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button),
                               self->rights_error != NULL ? self->rights_error
                               : _("Save a CSV for the school’s texting service of the first contacts still to be texted, and log a text for each"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->late_button),
                               self->rights_error != NULL ? self->rights_error
                               : _("Sign in a pupil arriving after the register opened"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sign_out_button),
                               self->rights_error != NULL ? self->rights_error
                               : _("Sign out a pupil leaving during the day"));
}

static void
on_db_changed (AttDb        *db,
               guint         changes,
               AttCallsPage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
set_db (AttCallsPage *self,
        AttDb        *db)
{
  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_set_object (&self->db, db);
  if (self->db != NULL)
    self->changed_id = g_signal_connect (self->db, "changed", G_CALLBACK (on_db_changed), self);

  /* Hidden (behind the sign-in, or made for the call form from another
   * page), the lists are read when the page is first shown. */
  att_page_refresh_when_shown (ATT_PAGE (self));
}

static void
on_context_db_changed (AttContext   *context,
                       GParamSpec   *pspec,
                       AttCallsPage *self)
{
  set_db (self, att_context_get_db (context));
}

static void
on_context_today_changed (AttContext   *context,
                          GParamSpec   *pspec,
                          AttCallsPage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
update_subtitle (AttCallsPage *self)
{
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;
  guint n = self->firstday != NULL ? self->firstday->len : 0;

  if (self->db == NULL)
    {
      att_page_set_subtitle (ATT_PAGE (self), NULL);
      return;
    }
  day = att_date_format_long (self->date);
  /* Translators: the Calls page's subtitle: the day, and how many pupils
   * are still to be called */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u pupil to call",
                                       "%s · %u pupils to call", n), day, n);
  att_page_set_subtitle (ATT_PAGE (self), text);
}

/* The views, in the order of the narrow window's drop-down. */
static const char * const view_names[] = { "firstday", "log", "late", "la" };

static void
on_view_changed (GtkStack     *stack,
                 GParamSpec   *pspec,
                 AttCallsPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (view_names); i++)
    if (g_str_equal (name, view_names[i]) && gtk_drop_down_get_selected (self->view_dropdown) != i)
      gtk_drop_down_set_selected (self->view_dropdown, i);
  load_view (self);
  update_subtitle (self);
}

static void
on_view_picked (GtkDropDown  *dropdown,
                GParamSpec   *pspec,
                AttCallsPage *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i < G_N_ELEMENTS (view_names))
    gtk_stack_set_visible_child_name (self->views, view_names[i]);
}

static void
att_calls_page_dispose (GObject *object)
{
  AttCallsPage *self = ATT_CALLS_PAGE (object);
  GtkWidget *child;

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_object (&self->db);
  g_clear_handle_id (&self->firstday_rows_id, g_source_remove);
  g_clear_pointer (&self->firstday, g_ptr_array_unref);
  g_clear_pointer (&self->calls, g_ptr_array_unref);
  g_clear_pointer (&self->log_texts, g_ptr_array_unref);
  g_clear_pointer (&self->late, g_ptr_array_unref);
  g_clear_pointer (&self->la_cases, g_ptr_array_unref);
  g_clear_pointer (&self->log_query, g_free);
  g_clear_pointer (&self->rights_error, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_CALLS_PAGE);
  /* The template's outer box has no name of its own to be cleared by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (att_calls_page_parent_class)->dispose (object);
}

static void
att_calls_page_constructed (GObject *object)
{
  AttCallsPage *self = ATT_CALLS_PAGE (object);

  G_OBJECT_CLASS (att_calls_page_parent_class)->constructed (object);

  self->date = att_context_get_today (get_context (self));
  g_signal_connect_object (get_context (self), "notify::db",
                           G_CALLBACK (on_context_db_changed), self, 0);
  g_signal_connect_object (get_context (self), "notify::today",
                           G_CALLBACK (on_context_today_changed), self, 0);
  /* A register closing puts pupils on the first-day list. */
  g_signal_connect_object (get_context (self), "notify::clock",
                           G_CALLBACK (on_context_today_changed), self, 0);
  set_db (self, att_context_get_db (get_context (self)));
  att_page_actions_update (ATT_PAGE (self));
}

static void
att_calls_page_class_init (AttCallsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AttPageClass *page_class = ATT_PAGE_CLASS (klass);

  object_class->dispose = att_calls_page_dispose;
  object_class->constructed = att_calls_page_constructed;
  page_class->refresh = att_calls_page_refresh;
  page_class->actions_update = att_calls_page_actions_update;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/calls/att-calls-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, views);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, late_bar);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, firstday_stack);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, firstday_list);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, firstday_empty);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, firstday_count);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, log_stack);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, log_search);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, log_list);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, log_empty);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, new_call_button);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, late_stack);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, late_list);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, late_button);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, la_stack);
  gtk_widget_class_bind_template_child (widget_class, AttCallsPage, la_list);
  gtk_widget_class_bind_template_callback (widget_class, on_log_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_picked);
  gtk_widget_class_bind_template_callback (widget_class, _att_calls_page_on_firstday_key);

  gtk_widget_class_install_action (widget_class, "calls.new-call", NULL, new_call_action);
  gtk_widget_class_install_action (widget_class, "calls.export-texts", NULL, export_texts_action);
  gtk_widget_class_install_action (widget_class, "calls.late-arrival", NULL, late_action);
  gtk_widget_class_install_action (widget_class, "calls.sign-out", NULL, late_action);
  gtk_widget_class_install_action (widget_class, "calls.record-la", "u", record_la_action);
  gtk_widget_class_install_action (widget_class, "calls.print-log", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "calls.print-late", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "calls.print-rollcall", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "calls.firstday-settings", NULL, firstday_settings_action);
}

static void
att_calls_page_init (AttCallsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->log_list, log_filter, self, NULL);
  /* The late book's bar only lays its buttons out: Tab goes from button
   * to button, not to the boxes holding them. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->late_bar)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

void
att_calls_page_show_view (AttCallsPage *self,
                          const char   *name)
{
  g_return_if_fail (ATT_IS_CALLS_PAGE (self));

  gtk_stack_set_visible_child_name (self->views, name);
}

const char *
att_calls_page_get_view (AttCallsPage *self)
{
  g_return_val_if_fail (ATT_IS_CALLS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->views);
}

GtkListBox *
att_calls_page_get_firstday_list (AttCallsPage *self)
{
  _att_calls_page_firstday_rows_to (self, -1);
  return self->firstday_list;
}

GtkListBox *
att_calls_page_get_log_list (AttCallsPage *self)
{
  return self->log_list;
}

GtkListBox *
att_calls_page_get_late_list (AttCallsPage *self)
{
  return self->late_list;
}

GtkListBox *
att_calls_page_get_la_list (AttCallsPage *self)
{
  return self->la_list;
}

GPtrArray *
att_calls_page_get_firstday (AttCallsPage *self)
{
  return self->firstday;
}

void
_att_calls_page_update_subtitle (AttCallsPage *self)
{
  update_subtitle (self);
}
