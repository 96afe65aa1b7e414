/* att-case-view.c: one pupil's case: meetings, support, the chronology,
 * the registration certificate and the referral pack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everyone signed in may read a case; recording in it (a meeting, a
 * support entry, a family's details confirmed) needs ATT_PERM_CASEWORK,
 * which the core checks and the buttons follow: a disabled button says
 * why in its tooltip. The records are read only while the view is on
 * screen, so the pupil's record opens as fast as before.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-case-view-private.h"
#include "att-case.h"
#include "att-certificate-dialog.h"
#include "att-chronology-document.h"
#include "att-meeting-dialog.h"
#include "att-print-operation.h"
#include "att-support-dialog.h"

struct _AttCaseView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkScrolledWindow   *scrolled;
  GtkButton           *certificate_button;
  GtkButton           *pack_button;
  GtkLabel            *message_label;
  GtkButton           *plan_button;
  GtkButton           *support_button;
  AdwPreferencesGroup *contacts_group;
  GtkListBox          *meetings_list;
  GtkListBox          *support_list;
  GtkListBox          *contacts_list;
  GtkListBox          *chronology_list;

  AttContext          *context;
  gulong               user_handler;
  gulong               db_handler;
  gint64               pupil_id;
  gboolean             stale;         /* to read when next mapped */
  GPtrArray           *events;        /* AttCaseEvent, as shown */
  char                *casework_denied; /* why the user may not record, or NULL */
  gint64               focus_meeting; /* the meeting whose letter takes the focus next */
};

G_DEFINE_FINAL_TYPE (AttCaseView, att_case_view, GTK_TYPE_WIDGET)

AttDb *
_att_case_view_get_db (AttCaseView *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

AttContext *
_att_case_view_get_context (AttCaseView *self)
{
  return self->context;
}

GtkWindow *
_att_case_view_get_window (AttCaseView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_att_case_view_show_message (AttCaseView *self,
                             const char  *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A row that says a list is empty (or could not be read). */
static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (list, row);
}

/* "Tue 3 Nov 2026" or "Tue 3 Nov 2026, 09:30". */
char *
_att_case_format_when (AttDate date,
                       int     time)
{
  g_autofree char *day = date != ATT_DATE_NONE ? att_date_format_long (date) : g_strdup ("—");
  g_autofree char *clock = NULL;

  if (time < 0)
    return g_steal_pointer (&day);
  clock = att_time_format (time);
  /* Translators: a day and a time of day, as in "Tue 3 Nov 2026, 09:30" */
  return g_strdup_printf (_("%s, %s"), day, clock);
}

static GtkWidget *
suffix_button (const char *label,
               const char *action,
               gint64      id,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* Meetings */

static char *
meeting_subtitle (const AttMeeting *meeting)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (meeting->place != NULL && meeting->place[0] != '\0')
    g_string_append (text, meeting->place);
  if (!att_meeting_is_held (meeting))
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, meeting->invitation_letter_id != 0 ? _("planned, invitation sent")
                                                                : _("planned, no invitation sent yet"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, att_meeting_outcome_describe (meeting->outcome));
  if (meeting->target_sessions_per_week > 0)
    /* Translators: a meeting's target, as in "target 8 sessions a week" */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · target %u session a week",
                                               " · target %u sessions a week",
                                               meeting->target_sessions_per_week),
                            meeting->target_sessions_per_week);
  if (meeting->review_date != ATT_DATE_NONE)
    {
      g_autofree char *review = att_date_format_long (meeting->review_date);

      /* Translators: %s is a date */
      g_string_append_printf (text, _(" · review on %s"), review);
    }
  if (meeting->attended != NULL && meeting->attended[0] != '\0')
    /* Translators: %s is who came to a meeting */
    g_string_append_printf (text, _("\nAttended: %s"), meeting->attended);
  if (meeting->absent != NULL && meeting->absent[0] != '\0')
    /* Translators: %s is who was invited to a meeting and did not come */
    g_string_append_printf (text, _("\nDid not attend: %s"), meeting->absent);
  if (meeting->outcome_letter_id != 0)
    g_string_append_printf (text, "\n%s", meeting->outcome == ATT_MEETING_OUTCOME_CONTRACT
                                          ? _("Contract sent")
                                          : _("Outcome letter sent"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_meetings (AttCaseView *self,
               AttDb       *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = att_case_meetings (db, self->pupil_id, &error);

  if (meetings == NULL || meetings->len == 0)
    {
      add_placeholder (self->meetings_list, meetings == NULL ? error->message
                                                             : _("No meetings planned or held"));
      return;
    }

  for (guint i = 0; i < meetings->len; i++)
    {
      const AttMeeting *meeting = g_ptr_array_index (meetings, i);
      g_autofree char *when = _att_case_format_when (meeting->date, meeting->time);
      g_autofree char *subtitle = meeting_subtitle (meeting);
      GtkWidget *row = adw_action_row_new ();
      gboolean held = att_meeting_is_held (meeting);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (held ? "system-users-symbolic"
                                                                    : "x-office-calendar-symbolic"));

      if (held)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   suffix_button (meeting->outcome == ATT_MEETING_OUTCOME_CONTRACT
                                                  ? _("Print Contract…")
                                                  : _("Print Outcome Letter…"),
                                                  "case.print-outcome-letter", meeting->id,
                                                  meeting->outcome == ATT_MEETING_OUTCOME_CONTRACT
                                                  ? _("Print the attendance contract for the family to sign, and log it")
                                                  : _("Print the letter telling the family what was agreed, and log it")));
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   suffix_button (_("Print Invitation…"), "case.print-invitation",
                                                  meeting->id,
                                                  _("Print the letter inviting the family, and log it")));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 suffix_button (held ? _("Correct…") : _("Record…"),
                                                "case.record-meeting", meeting->id,
                                                held ? _("Correct what was recorded of the meeting")
                                                     : _("Record what happened at the meeting")));
      gtk_list_box_append (self->meetings_list, row);
    }
}

/* Support */

static void
fill_support (AttCaseView *self,
              AttDb       *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = att_case_support (db, self->pupil_id, &error);

  if (entries == NULL || entries->len == 0)
    {
      add_placeholder (self->support_list, entries == NULL ? error->message
                                                           : _("No support or agencies recorded"));
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const AttCaseSupport *entry = g_ptr_array_index (entries, i);
      g_autofree char *day = att_date_format_long (entry->date);
      g_autoptr(GString) title = g_string_new (att_case_support_kind_describe (entry->kind));
      g_autoptr(GString) subtitle = g_string_new (entry->detail);
      GtkWidget *row = adw_action_row_new ();

      if (entry->agency != NULL && entry->agency[0] != '\0')
        g_string_append_printf (title, ": %s", entry->agency);
      if (entry->user != NULL && entry->user[0] != '\0')
        /* Translators: who recorded an entry */
        g_string_append_printf (subtitle, _(" · recorded by %s"), entry->user);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title->str);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("help-browser-symbolic"));
      {
        GtkWidget *label = gtk_label_new (day);

        gtk_widget_add_css_class (label, "dim-label");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      }
      gtk_list_box_append (self->support_list, row);
    }
}

/* The chronology */

static const char *
event_icon (AttCaseEventKind kind)
{
  switch (kind)
    {
    case ATT_CASE_EVENT_CALL:
      return "call-start-symbolic";
    case ATT_CASE_EVENT_LETTER:
      return "mail-unread-symbolic";
    case ATT_CASE_EVENT_MEETING:
      return "system-users-symbolic";
    case ATT_CASE_EVENT_LEAVE:
      return "x-office-calendar-symbolic";
    case ATT_CASE_EVENT_CONSIDERATION:
      return "document-edit-symbolic";
    case ATT_CASE_EVENT_IMPROVE:
      return "dialog-warning-symbolic";
    case ATT_CASE_EVENT_NOTICE:
      return "emblem-important-symbolic";
    case ATT_CASE_EVENT_SUPPORT:
    case ATT_CASE_EVENT_N_KINDS:
    default:
      return "help-browser-symbolic";
    }
}

static void
fill_chronology (AttCaseView *self,
                 AttDb       *db)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = att_case_chronology (db, self->pupil_id, ATT_DATE_NONE, ATT_DATE_NONE, &error);
  if (self->events == NULL || self->events->len == 0)
    {
      add_placeholder (self->chronology_list, self->events == NULL ? error->message
                                                                   : _("Nothing recorded about this pupil’s attendance yet"));
      return;
    }

  for (guint i = 0; i < self->events->len; i++)
    {
      const AttCaseEvent *event = g_ptr_array_index (self->events, i);
      g_autofree char *when = _att_case_format_when (event->date, event->time);
      g_autoptr(GString) subtitle = g_string_new (event->detail);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (event_icon (event->kind));
      GtkWidget *label = gtk_label_new (when);

      if (event->user != NULL && event->user[0] != '\0')
        /* Translators: who made an entry of the chronology */
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? "\n" : "", event->user);
      gtk_widget_set_tooltip_text (icon, att_case_event_kind_describe (event->kind));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      att_case_event_kind_describe (event->kind), -1);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_width_chars (GTK_LABEL (label), 22);
      gtk_widget_add_css_class (label, "numeric");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->chronology_list, row);
    }
}

/* The chronology as printed: the entries shown, the casework's own
 * document. */
AttDocument *
_att_case_view_chronology_document (AttCaseView *self)
{
  AttDb *db = _att_case_view_get_db (self);
  g_autoptr(AttSchool) school = att_school_load (db);
  g_autoptr(GPtrArray) empty = NULL;
  AttPupil *pupil = att_pupils_get (db, self->pupil_id);

  if (self->events == NULL)
    empty = g_ptr_array_new ();
  return att_chronology_document_new (self->events != NULL ? self->events : empty,
                                      school != NULL ? school->name : NULL,
                                      pupil != NULL ? att_pupil_get_display_name (pupil) : "",
                                      pupil != NULL && pupil->upn != NULL ? pupil->upn : "",
                                      ATT_DATE_NONE, ATT_DATE_NONE);
}

/* The button under @widget for @action on record @id, or NULL. */
static GtkWidget *
find_row_button (GtkWidget  *widget,
                 const char *action,
                 gint64      id)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_INT64)
          && g_variant_get_int64 (target) == id)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_button (child, action, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Reading and rights */

static void
update_actions (AttCaseView *self)
{
  const AttUser *user = self->context != NULL ? att_context_get_user (self->context) : NULL;
  AttDb *db = _att_case_view_get_db (self);
  g_autoptr(GError) error = NULL;
  gboolean open = db != NULL && self->pupil_id != 0 && user != NULL;
  gboolean can_record;
  const char *why;

  g_clear_pointer (&self->casework_denied, g_free);
  if (user == NULL)
    g_set_error_literal (&error, ATT_ERROR, ATT_ERROR_PERMISSION, _("Nobody is signed in"));
  else
    att_user_require (user, ATT_PERM_CASEWORK, &error);
  if (error != NULL)
    self->casework_denied = g_strdup (error->message);
  can_record = open && error == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.plan-meeting", can_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.record-meeting", can_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.print-invitation", can_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.print-outcome-letter", can_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-support", can_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.confirm-contact",
                                 open && att_user_can (user, ATT_PERM_EDIT_PUPILS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.print-chronology", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.export-chronology", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.certificate", open);
  /* A referral pack leaves the school: its making is casework. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.referral-pack", can_record);

  why = self->casework_denied;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->plan_button),
                               why != NULL ? why : _("Plan a meeting with the family, with its date, time and place"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->support_button),
                               why != NULL ? why : _("Record early help offered, an agency involved or the school’s own support"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pack_button),
                               why != NULL ? why : _("The local authority’s referral pack as one PDF, with the sections its profile asks for"));
}

const char *
_att_case_view_get_casework_denied (AttCaseView *self)
{
  return self->casework_denied;
}

void
att_case_view_refresh (AttCaseView *self)
{
  g_autofree char *focus_action = NULL;
  gint64 focus_id = 0;
  AttDb *db;

  g_return_if_fail (ATT_IS_CASE_VIEW (self));

  db = _att_case_view_get_db (self);
  self->stale = FALSE;

  /* A row's button keeps the focus when its rows are made again (the
   * pupil's record is read again after every change). */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    g_clear_pointer (&focus_action, g_free);
    focus_id = 0;
    if (focus != NULL && GTK_IS_BUTTON (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self))
        && gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)) != NULL
        && gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus)) != NULL
        && g_variant_is_of_type (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus)),
                                 G_VARIANT_TYPE_INT64))
      {
        focus_action = g_strdup (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)));
        focus_id = g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus)));
      }
  }

  clear_list (self->meetings_list);
  clear_list (self->support_list);
  clear_list (self->contacts_list);
  clear_list (self->chronology_list);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  update_actions (self);
  if (db == NULL || self->pupil_id == 0)
    return;

  fill_meetings (self, db);
  fill_support (self, db);
  _att_case_view_fill_contacts (self, db, self->contacts_list);
  fill_chronology (self, db);

  if (focus_action != NULL)
    {
      GtkWidget *button = find_row_button (GTK_WIDGET (self), focus_action, focus_id);

      if (button != NULL)
        gtk_widget_grab_focus (button);
    }
}

static void
on_user_changed (AttCaseView *self)
{
  update_actions (self);
}

static void
on_db_changed (AttCaseView *self)
{
  /* Another school: this pupil is not in it. */
  self->pupil_id = 0;
  att_case_view_refresh (self);
}

void
att_case_view_show (AttCaseView *self,
                    AttContext  *context,
                    gint64       pupil_id)
{
  g_return_if_fail (ATT_IS_CASE_VIEW (self));
  g_return_if_fail (context == NULL || ATT_IS_CONTEXT (context));

  if (context != self->context)
    {
      if (self->context != NULL)
        {
          g_clear_signal_handler (&self->user_handler, self->context);
          g_clear_signal_handler (&self->db_handler, self->context);
        }
      g_set_object (&self->context, context);
      if (context != NULL)
        {
          self->user_handler = g_signal_connect_swapped (context, "notify::user",
                                                         G_CALLBACK (on_user_changed), self);
          self->db_handler = g_signal_connect_swapped (context, "notify::db",
                                                       G_CALLBACK (on_db_changed), self);
        }
    }

  if (pupil_id != self->pupil_id)
    {
      _att_case_view_show_message (self, NULL);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0.0);
    }
  self->pupil_id = pupil_id;
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    att_case_view_refresh (self);
  else
    update_actions (self);
}

gint64
att_case_view_get_pupil_id (AttCaseView *self)
{
  g_return_val_if_fail (ATT_IS_CASE_VIEW (self), 0);

  return self->pupil_id;
}

static void
att_case_view_map (GtkWidget *widget)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);

  GTK_WIDGET_CLASS (att_case_view_parent_class)->map (widget);
  if (self->stale)
    att_case_view_refresh (self);
}

/* Actions */

static void
on_saved (AttCaseView *self)
{
  _att_case_view_show_message (self, NULL);
  att_case_view_refresh (self);
}

/* After a meeting is planned or recorded, the focus goes to what comes
 * next: its invitation, or its outcome letter. */
static void
on_meeting_saved (AttMeetingDialog *dialog,
                  AttCaseView      *self)
{
  self->focus_meeting = att_meeting_dialog_get_saved_id (dialog);
  on_saved (self);
}

/* Once the dialog is gone (the window takes its focus back then). */
static void
on_meeting_dialog_destroyed (AttCaseView *self)
{
  GtkWidget *button = NULL;

  if (self->focus_meeting == 0)
    return;
  button = find_row_button (GTK_WIDGET (self->meetings_list), "case.print-outcome-letter",
                            self->focus_meeting);
  if (button == NULL)
    button = find_row_button (GTK_WIDGET (self->meetings_list), "case.print-invitation",
                              self->focus_meeting);
  self->focus_meeting = 0;
  if (button != NULL)
    gtk_widget_grab_focus (button);
}

static void
on_support_saved (AttCaseView *self)
{
  on_saved (self);
}

static void
on_support_dialog_destroyed (AttCaseView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->support_button));
}

static void
plan_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  AttMeetingDialog *dialog;

  if (self->context == NULL || self->pupil_id == 0)
    return;
  dialog = att_meeting_dialog_new (self->context, _att_case_view_get_window (self), self->pupil_id, 0);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_meeting_saved), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_meeting_dialog_destroyed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
record_meeting_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  AttMeetingDialog *dialog;

  if (self->context == NULL || self->pupil_id == 0)
    return;
  dialog = att_meeting_dialog_new (self->context, _att_case_view_get_window (self), self->pupil_id,
                                   g_variant_get_int64 (parameter));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_meeting_saved), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_meeting_dialog_destroyed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_support_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  AttSupportDialog *dialog;

  if (self->context == NULL || self->pupil_id == 0)
    return;
  dialog = att_support_dialog_new (self->context, _att_case_view_get_window (self), self->pupil_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_support_saved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_support_dialog_destroyed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
certificate_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  AttCertificateDialog *dialog;

  if (self->context == NULL || self->pupil_id == 0)
    return;
  dialog = att_certificate_dialog_new (self->context, _att_case_view_get_window (self), self->pupil_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_chronology_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (_att_case_view_get_db (self) == NULL || self->pupil_id == 0)
    return;
  if (self->stale)
    att_case_view_refresh (self);
  document = _att_case_view_chronology_document (self);
  if (!att_print_operation_print (document, _att_case_view_get_window (self), &error))
    _att_case_view_show_message (self, error->message);
}

gboolean
att_case_view_export_chronology (AttCaseView *self,
                                 const char  *path,
                                 GError     **error)
{
  AttDb *db;
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (ATT_IS_CASE_VIEW (self), FALSE);

  db = _att_case_view_get_db (self);
  if (db == NULL || self->pupil_id == 0)
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                           _("Open a pupil’s case to export its chronology"));
      return FALSE;
    }
  events = att_case_chronology (db, self->pupil_id, ATT_DATE_NONE, ATT_DATE_NONE, error);
  return events != NULL && att_case_chronology_write_csv (events, path, error);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(AttCaseView) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !att_case_view_export_chronology (self, path, &error))
        _att_case_view_show_message (self, error->message);
      else if (path != NULL)
        {
          /* Translators: %s is a file */
          g_autofree char *text = g_strdup_printf (_("The chronology was saved as %s"), path);

          _att_case_view_show_message (self, NULL);
          gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text);
        }
    }
  g_object_unref (dialog);
}

char *
_att_case_view_file_name (AttCaseView *self,
                          const char  *what,
                          const char  *extension)
{
  AttDb *db = _att_case_view_get_db (self);
  AttPupil *pupil = db != NULL ? att_pupils_get (db, self->pupil_id) : NULL;
  g_autofree char *day = att_date_format (att_context_get_today (self->context));

  return g_strdup_printf ("%s-%s-%s.%s", what, pupil != NULL && pupil->upn != NULL ? pupil->upn : "pupil",
                          day, extension);
}

static void
export_chronology_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (_att_case_view_get_db (self) == NULL || self->pupil_id == 0)
    return;
  name = _att_case_view_file_name (self, "chronology", "csv");
  dialog = gtk_file_chooser_native_new (_("Export the Chronology"), _att_case_view_get_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* GObject */

static gboolean
att_case_view_grab_focus (GtkWidget *widget)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);

  return gtk_widget_child_focus (GTK_WIDGET (self->scrolled), GTK_DIR_TAB_FORWARD);
}

static void
att_case_view_dispose (GObject *object)
{
  AttCaseView *self = ATT_CASE_VIEW (object);

  if (self->context != NULL)
    {
      g_clear_signal_handler (&self->user_handler, self->context);
      g_clear_signal_handler (&self->db_handler, self->context);
    }
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_CASE_VIEW);

  G_OBJECT_CLASS (att_case_view_parent_class)->dispose (object);
}

static void
att_case_view_finalize (GObject *object)
{
  AttCaseView *self = ATT_CASE_VIEW (object);

  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_free (self->casework_denied);

  G_OBJECT_CLASS (att_case_view_parent_class)->finalize (object);
}

static void
att_case_view_class_init (AttCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_case_view_dispose;
  object_class->finalize = att_case_view_finalize;
  widget_class->grab_focus = att_case_view_grab_focus;
  widget_class->map = att_case_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/case/att-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, certificate_button);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, pack_button);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, message_label);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, plan_button);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, support_button);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, meetings_list);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, support_list);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, AttCaseView, chronology_list);

  gtk_widget_class_install_action (widget_class, "case.plan-meeting", NULL, plan_meeting_action);
  gtk_widget_class_install_action (widget_class, "case.record-meeting", "x", record_meeting_action);
  gtk_widget_class_install_action (widget_class, "case.print-invitation", "x",
                                   _att_case_view_print_invitation_action);
  gtk_widget_class_install_action (widget_class, "case.print-outcome-letter", "x",
                                   _att_case_view_print_outcome_action);
  gtk_widget_class_install_action (widget_class, "case.add-support", NULL, add_support_action);
  gtk_widget_class_install_action (widget_class, "case.confirm-contact", "x",
                                   _att_case_view_confirm_contact_action);
  gtk_widget_class_install_action (widget_class, "case.certificate", NULL, certificate_action);
  gtk_widget_class_install_action (widget_class, "case.referral-pack", NULL,
                                   _att_case_view_referral_pack_action);
  gtk_widget_class_install_action (widget_class, "case.print-chronology", NULL, print_chronology_action);
  gtk_widget_class_install_action (widget_class, "case.export-chronology", NULL, export_chronology_action);
}

static void
att_case_view_init (AttCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

GtkListBox *
att_case_view_get_chronology_list (AttCaseView *self)
{
  g_return_val_if_fail (ATT_IS_CASE_VIEW (self), NULL);
  return self->chronology_list;
}

GtkListBox *
att_case_view_get_meetings_list (AttCaseView *self)
{
  g_return_val_if_fail (ATT_IS_CASE_VIEW (self), NULL);
  return self->meetings_list;
}

GtkListBox *
att_case_view_get_support_list (AttCaseView *self)
{
  g_return_val_if_fail (ATT_IS_CASE_VIEW (self), NULL);
  return self->support_list;
}

GtkListBox *
att_case_view_get_contacts_list (AttCaseView *self)
{
  g_return_val_if_fail (ATT_IS_CASE_VIEW (self), NULL);
  return self->contacts_list;
}

const char *
att_case_view_get_message (AttCaseView *self)
{
  g_return_val_if_fail (ATT_IS_CASE_VIEW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
         ? gtk_label_get_label (self->message_label) : NULL;
}
