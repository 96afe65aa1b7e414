/* att-leave-decision-dialog.c: one request for leave: what helps decide,
 * the decision, the withdrawal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While the request waits, the window opens on the decision: agree all,
 * agree some (the sessions ticked) or refuse, with the reasons the
 * letter gives. Before deciding it shows the marks the decision would
 * write, as the core plans them; an agreed session that already holds
 * another mark asks for the reason for changing it, as the call form
 * does. Only a user the core allows may decide: for anyone else the
 * Decide button is disabled and says why.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-leave-decision-dialog.h"
#include "att-leave-letter-document.h"
#include "att-print-operation.h"
#include "att-leave-rows.h"
#include "att-leave.h"
#include "att-letters.h"

struct _AttLeaveDecisionDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *close_button;
  GtkButton           *decide_button;
  GtkLabel            *heading_label;
  GtkLabel            *status_label;
  GtkLabel            *warnings_label;
  AdwPreferencesGroup *decide_group;
  GtkCheckButton      *agree_all_check;
  GtkCheckButton      *agree_some_check;
  GtkCheckButton      *refuse_check;
  AdwPreferencesGroup *sessions_group;
  GtkListBox          *sessions_list;
  AdwPreferencesGroup *reasons_group;
  AdwEntryRow         *reasons_row;
  AdwEntryRow         *amend_row;
  GtkLabel            *plan_label;
  GtkLabel            *error_label;
  AdwPreferencesGroup *outcome_group;
  GtkListBox          *outcome_list;
  AdwPreferencesGroup *figures_group;
  GtkListBox          *figures_list;
  GtkListBox          *request_list;
  GtkWidget           *buttons_box;
  GtkButton           *withdraw_button;
  GtkButton           *print_button;
  GtkButton           *pdf_button;
  GtkLabel            *letter_label;
  GtkWidget           *letter_box;

  AttContext          *context;
  gint64               leave_id;
  AttLeave            *leave;
  GPtrArray           *session_checks;  /* GtkCheckButton, as leave->sessions */
  GArray              *planned;         /* AttLeaveMark of the last plan, or NULL */
  char                *summary;
  char                *decide_error;    /* why the user may not decide, or NULL */
  char                *record_error;    /* why the user may not withdraw, or NULL */
  char                *letter_error;    /* why no letter can be sent now, or NULL */
};

G_DEFINE_FINAL_TYPE (AttLeaveDecisionDialog, att_leave_decision_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };

static void on_changed (AttLeaveDecisionDialog *self);
static guint signals[N_SIGNALS];

static AttDb *
get_db (AttLeaveDecisionDialog *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A line of the window's facts: what, then its value. */
static void
add_fact (GtkListBox *list,
          const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && value[0] != '\0' ? value : "—");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* The facts are read, not used: the keyboard goes from control to
   * control without stopping on each. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (list, row);
}

static const char *
code_text (AttCode code)
{
  /* Translators: a session with no mark */
  return code == ATT_CODE_NONE ? C_("mark", "blank") : att_code_to_string (code);
}

static char *
describe_marks (GArray *marks)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < marks->len; i++)
    {
      const AttLeaveMark *mark = &g_array_index (marks, AttLeaveMark, i);
      g_autofree char *when = att_leave_session_text (mark->date, mark->session);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a session, its mark before and after: "Mon 7 Oct
       * 2024, morning: blank → C" */
      g_string_append_printf (text, _("%s: %s → %s"), when, code_text (mark->old_code),
                              code_text (mark->new_code));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ------------------------------------------------------------------ */
/* What the window shows                                               */

static void
fill_request (AttLeaveDecisionDialog *self)
{
  AttLeave *leave = self->leave;
  g_autofree char *dates = att_leave_dates_text (leave);
  g_autofree char *back = leave->return_date != ATT_DATE_NONE ? att_date_format_long (leave->return_date) : NULL;
  g_autofree char *received = att_date_format_long (leave->received);
  g_autofree char *recorded = NULL;
  g_autofree char *sessions = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (leave->recorded_at);
  guint n = leave->sessions != NULL ? leave->sessions->len : 0;

  clear_list (self->request_list);
  add_fact (self->request_list, _("Type"), att_leave_type_describe (leave->type));
  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u session)", "%s (%u sessions)", n),
                              dates, n);
  add_fact (self->request_list, _("Dates"), sessions);
  add_fact (self->request_list, _("Back at school on"), back);
  if (leave->type == ATT_LEAVE_PART_TIME)
    {
      g_autofree char *pattern = att_leave_pattern_describe (leave->pattern);
      g_autofree char *review = leave->review_date != ATT_DATE_NONE
                                ? att_date_format_long (leave->review_date) : NULL;

      add_fact (self->request_list, _("Out of school"), pattern);
      add_fact (self->request_list, _("Next review"), review);
    }
  add_fact (self->request_list, _("Reason, in the parent’s words"), leave->reason);
  add_fact (self->request_list, _("Evidence seen"), leave->evidence);
  add_fact (self->request_list, _("Asked by"), leave->requested_by);
  add_fact (self->request_list, _("Address while away"), leave->address_away);

  add_fact (self->request_list, _("Received on"), received);

  if (at != NULL)
    {
      g_autofree char *when = g_date_time_format (at, "%d/%m/%Y %H:%M");

      /* Translators: who recorded a request, and when */
      recorded = g_strdup_printf (_("%s, %s"), leave->recorded_by != NULL ? leave->recorded_by : "", when);
    }
  add_fact (self->request_list, _("Recorded by"), recorded);
}

static void
fill_figures (AttLeaveDecisionDialog *self)
{
  AttLeave *leave = self->leave;
  const AttLeaveSnapshot *snap = &leave->snapshot;
  AttLeaveFigures figures = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *as_of = snap->as_of != ATT_DATE_NONE ? att_date_format_long (snap->as_of) : g_strdup ("");
  g_autofree char *previous = NULL;

  clear_list (self->figures_list);
  if (leave->status == ATT_LEAVE_SUBMITTED)
    {
      if (att_leave_figures (get_db (self), leave->id, &figures, &error))
        {
          g_autofree char *take = NULL;
          g_autofree char *days = NULL;
          g_autofree char *attendance = NULL;

          days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u school day", "%u school days",
                                               figures.school_days), figures.school_days);
          /* Translators: school days, then a number of sessions */
          take = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u session", "%s, %u sessions",
                                               figures.sessions), days, figures.sessions);
          add_fact (self->figures_list, _("The leave would take"), take);
          /* Translators: attendance this year now and with the leave
           * taken, each with the sessions present of those possible */
          attendance = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%.1f%% now (%u of %u session); %.1f%% with the leave taken (%u of %u)%s",
                                                     "%.1f%% now (%u of %u sessions); %.1f%% with the leave taken (%u of %u)%s",
                                                     figures.possible_now),
                                        figures.attendance_now, figures.present_now, figures.possible_now,
                                        figures.attendance_after, figures.present_after, figures.possible_after,
                                        figures.persistent_after ? _(", below 90%: persistently absent") : "");
          add_fact (self->figures_list, _("Attendance this school year"), attendance);
        }
      else
        add_fact (self->figures_list, _("The leave would take"), error->message);
    }

  /* Translators: the record when the request came in: the day, attendance,
   * sessions absent, of them unauthorised, then the persistent-absence
   * status */
  snapshot = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "On %s: %.1f%% attendance, %u session absent, %u unauthorised; %s",
                                           "On %s: %.1f%% attendance, %u sessions absent, %u unauthorised; %s",
                                           snap->absent),
                              as_of, snap->attendance_pct, snap->absent, snap->unauthorised,
                              snap->severe ? _("severely absent (50% or below)")
                              : snap->persistent ? _("persistently absent (below 90%)")
                              : _("not persistently absent"));
  add_fact (self->figures_list, _("When the request was recorded"), snapshot);

  if (snap->previous_requests == 0)
    previous = g_strdup (_("None"));
  else
    /* Translators: earlier requests, then how many agreed, refused and
     * withdrawn */
    previous = g_strdup_printf (_("%u: %u agreed, %u refused, %u withdrawn"),
                                snap->previous_requests, snap->previous_agreed,
                                snap->previous_refused, snap->previous_withdrawn);
  add_fact (self->figures_list, _("Previous requests"), previous);

  /* The letters the family has had about attendance, the latest first. */
  {
    g_autoptr(GPtrArray) letters = NULL;
    g_autoptr(GError) letters_error = NULL;
    g_autoptr(GString) text = g_string_new (NULL);

    letters = att_letters_for_pupil (get_db (self), leave->pupil_id, &letters_error);
    if (letters == NULL)
      g_string_assign (text, letters_error->message);
    else if (letters->len == 0)
      g_string_assign (text, _("None"));
    else
      {
        /* Translators: how many letters a family has had */
        g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u letter", "%u letters", letters->len),
                         letters->len);
        for (guint i = letters->len; i > 0 && i + 3 > letters->len; i--)
          {
            const AttLetterRecord *letter = g_ptr_array_index (letters, i - 1);
            g_autofree char *day = att_date_format_long (letter->date);

            /* Translators: a letter sent: its subject, then its date */
            g_string_append_printf (text, _("\n%s, %s"),
                                    letter->subject != NULL && letter->subject[0] != '\0'
                                    ? letter->subject : letter->kind, day);
          }
      }
    add_fact (self->figures_list, _("Letters about attendance"), text->str);
  }

  /* Where the pupil stands against the National Framework today: a
   * holiday taken after a refusal adds to this count. */
  {
    AttBreach breach = { 0, };
    g_autoptr(GError) breach_error = NULL;
    g_autofree char *penalty = NULL;
    g_autofree char *notices = NULL;

    if (att_threshold_pupil (get_db (self), leave->pupil_id,
                             att_context_get_today (self->context), &breach, &breach_error))
      {
        /* Translators: penalty notices issued in the last three years */
        notices = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u penalty notice in the last 3 years",
                                                "%u penalty notices in the last 3 years", breach.notices_3y),
                                   breach.notices_3y);
        /* Translators: unauthorised sessions in the last 10 school weeks,
         * the threshold, then the notices */
        penalty = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u unauthorised session in the last %u school weeks (a penalty notice is considered from %u); %s",
                                                "%u unauthorised sessions in the last %u school weeks (a penalty notice is considered from %u); %s",
                                                breach.sessions),
                                   breach.sessions, (guint)ATT_THRESHOLD_WEEKS, (guint)ATT_THRESHOLD_SESSIONS,
                                   notices);
        add_fact (self->figures_list, _("Penalty notices"), penalty);
      }
    else
      add_fact (self->figures_list, _("Penalty notices"), breach_error->message);
  }

}

static void
fill_outcome (AttLeaveDecisionDialog *self)
{
  AttLeave *leave = self->leave;
  g_autoptr(GString) agreed = g_string_new (NULL);
  g_autoptr(GString) refused = g_string_new (NULL);
  g_autofree char *who = NULL;
  g_autoptr(GDateTime) at = NULL;

  clear_list (self->outcome_list);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_group), leave->status != ATT_LEAVE_SUBMITTED);
  if (leave->status == ATT_LEAVE_SUBMITTED)
    return;

  at = g_date_time_new_from_unix_local (leave->decided_at);
  if (at != NULL)
    {
      g_autofree char *when = g_date_time_format (at, "%d/%m/%Y %H:%M");

      if (leave->decided_position != NULL && leave->decided_position[0] != '\0')
        /* Translators: who decided (name, position) and when */
        who = g_strdup_printf (_("%s (%s), %s"), leave->decided_by, leave->decided_position, when);
      else
        /* Translators: who decided and when */
        who = g_strdup_printf (_("%s, %s"), leave->decided_by != NULL ? leave->decided_by : "", when);
    }
  add_fact (self->outcome_list,
            leave->status == ATT_LEAVE_WITHDRAWN ? _("Withdrawn by") : _("Decided by"), who);
  add_fact (self->outcome_list,
            leave->status == ATT_LEAVE_WITHDRAWN ? _("Note") : _("Reasons"), leave->decision_reasons);
  if (leave->status == ATT_LEAVE_WITHDRAWN)
    return;

  for (guint i = 0; leave->sessions != NULL && i < leave->sessions->len; i++)
    {
      const AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);
      g_autofree char *when = att_leave_session_text (row->date, row->session);
      GString *text = row->state == ATT_LEAVE_SESSION_AGREED ? agreed : refused;

      if (row->state == ATT_LEAVE_SESSION_ASKED)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a session and its mark in the register now */
      g_string_append_printf (text, _("%s (now %s)"), when, code_text (row->code));
    }
  if (agreed->len > 0)
    add_fact (self->outcome_list, _("Sessions agreed"), agreed->str);
  if (refused->len > 0)
    add_fact (self->outcome_list, _("Sessions refused"), refused->str);
}

static void
fill_sessions (AttLeaveDecisionDialog *self)
{
  clear_list (self->sessions_list);
  g_ptr_array_set_size (self->session_checks, 0);
  for (guint i = 0; self->leave->sessions != NULL && i < self->leave->sessions->len; i++)
    {
      const AttLeaveSessionRow *session = &g_array_index (self->leave->sessions, AttLeaveSessionRow, i);
      g_autofree char *when = att_leave_session_text (session->date, session->session);
      g_autofree char *mark = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_changed), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      if (session->code != ATT_CODE_NONE)
        {
          /* Translators: the mark a session already holds */
          mark = g_strdup_printf (_("Already marked %s"), att_code_to_string (session->code));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mark);
        }
      gtk_list_box_append (self->sessions_list, row);
      g_ptr_array_add (self->session_checks, check);
    }
}

/* ------------------------------------------------------------------ */
/* Deciding                                                            */

static gboolean
fill_decision (AttLeaveDecisionDialog *self,
               AttLeaveDecision       *decision,
               GArray                 *agreed,
               GError                **error)
{
  const char *amend = gtk_editable_get_text (GTK_EDITABLE (self->amend_row));

  memset (decision, 0, sizeof *decision);
  g_array_set_size (agreed, 0);
  if (gtk_check_button_get_active (self->agree_all_check))
    decision->verdict = ATT_LEAVE_AGREE_ALL;
  else if (gtk_check_button_get_active (self->agree_some_check))
    decision->verdict = ATT_LEAVE_AGREE_SOME;
  else if (gtk_check_button_get_active (self->refuse_check))
    decision->verdict = ATT_LEAVE_REFUSE;
  else
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("Choose whether to agree all the sessions, agree some or refuse"));
      return FALSE;
    }

  if (decision->verdict == ATT_LEAVE_AGREE_SOME)
    for (guint i = 0; i < self->session_checks->len; i++)
      if (gtk_check_button_get_active (g_ptr_array_index (self->session_checks, i)))
        {
          const AttLeaveSessionRow *row = &g_array_index (self->leave->sessions, AttLeaveSessionRow, i);
          AttLeaveSession session = { row->date, row->session };

          g_array_append_val (agreed, session);
        }
  decision->agreed = (const AttLeaveSession *)agreed->data;
  decision->n_agreed = agreed->len;
  decision->reasons = gtk_editable_get_text (GTK_EDITABLE (self->reasons_row));
  decision->amend_reason = amend[0] != '\0' ? amend : NULL;
  return TRUE;
}

/* Shows what the decision would write, as the core plans it. */
static void
update_plan (AttLeaveDecisionDialog *self)
{
  g_autoptr(GArray) agreed = g_array_new (FALSE, FALSE, sizeof (AttLeaveSession));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AttLeaveDecision decision;
  guint n_conflicts = 0;

  g_clear_pointer (&self->planned, g_array_unref);
  if (get_db (self) == NULL || self->leave == NULL || self->leave->status != ATT_LEAVE_SUBMITTED
      || !fill_decision (self, &decision, agreed, NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->plan_label), FALSE);
      return;
    }

  self->planned = att_leave_plan_decision (get_db (self), self->leave_id, &decision, &error);
  if (self->planned == NULL)
    text = g_strdup (error->message);
  else if (self->planned->len == 0)
    text = g_strdup (_("The decision writes no marks: no session is agreed."));
  else
    {
      g_autofree char *marks = describe_marks (self->planned);

      for (guint i = 0; i < self->planned->len; i++)
        n_conflicts += g_array_index (self->planned, AttLeaveMark, i).conflict;
      /* Translators: followed by one session a line */
      text = g_strdup_printf (_("The decision writes these marks:\n%s"), marks);
    }
  gtk_label_set_label (self->plan_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->amend_row), n_conflicts > 0);
}

static void
on_changed (AttLeaveDecisionDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->sessions_group),
                          self->leave != NULL && self->leave->status == ATT_LEAVE_SUBMITTED
                          && gtk_check_button_get_active (self->agree_some_check));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_plan (self);
}

static void
update_actions (AttLeaveDecisionDialog *self)
{
  const AttUser *user = self->context != NULL ? att_context_get_user (self->context) : NULL;
  gboolean waiting = self->leave != NULL && self->leave->status == ATT_LEAVE_SUBMITTED;
  g_autoptr(GError) decide_error = NULL;
  g_autoptr(GError) record_error = NULL;

  g_clear_pointer (&self->decide_error, g_free);
  g_clear_pointer (&self->record_error, g_free);
  if (user != NULL && !att_user_require (user, ATT_PERM_DECIDE_LEAVE, &decide_error))
    self->decide_error = g_strdup (decide_error->message);
  if (user != NULL && !att_user_require (user, ATT_PERM_RECORD_LEAVE, &record_error))
    self->record_error = g_strdup (record_error->message);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leave-decision.decide",
                                 waiting && self->decide_error == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leave-decision.withdraw",
                                 waiting && self->record_error == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->decide_button), waiting);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->decide_button),
                               self->decide_error != NULL ? self->decide_error
                               : _("Decide the request and write the agreed sessions into the register (Ctrl+Return)"));
  gtk_widget_set_visible (GTK_WIDGET (self->withdraw_button), waiting);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->withdraw_button),
                               self->record_error != NULL ? self->record_error
                               : _("The parent has withdrawn the request: it stays in the history"));
  /* The decision letter, once there is one to send: the core says which
   * (or why none), and who may send letters. */
  {
    g_autoptr(GError) letter_error = NULL;
    AttLeaveLetter letter;
    gboolean has_letter = self->leave != NULL && self->leave->status != ATT_LEAVE_SUBMITTED
                          && self->leave->status != ATT_LEAVE_WITHDRAWN;

    g_clear_pointer (&self->letter_error, g_free);
    if (has_letter
        && !att_leave_letter_choose (get_db (self), self->leave, &letter, &letter_error))
      self->letter_error = g_strdup (letter_error->message);
    else if (has_letter && user != NULL && !att_user_require (user, ATT_PERM_LETTERS, &letter_error))
      self->letter_error = g_strdup (letter_error->message);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "leave-decision.print-letter",
                                   has_letter && self->letter_error == NULL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "leave-decision.save-letter",
                                   has_letter && self->letter_error == NULL);
    gtk_widget_set_visible (self->letter_box, has_letter);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->print_button),
                                 self->letter_error != NULL ? self->letter_error
                                 : _("Print the decision letter, one for each address of a parent who receives letters, and log it"));
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->pdf_button),
                                 self->letter_error != NULL ? self->letter_error
                                 : _("Save the decision letter as a PDF file, and log it"));
    gtk_widget_set_visible (self->buttons_box, waiting);
  }
  /* Someone who may not decide still reads the request: the decision's
   * controls would only be refused. */
  gtk_widget_set_visible (GTK_WIDGET (self->decide_group), waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_group), waiting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->decide_group), self->decide_error == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reasons_group), self->decide_error == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->decide_group), self->decide_error);
  if (!waiting)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->sessions_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->plan_label), FALSE);
    }
}

/* Reads the request again and shows it. */
static gboolean
load (AttLeaveDecisionDialog *self,
      GError                **error)
{
  g_autofree char *heading = NULL;
  AttLeave *leave;

  leave = att_leave_get (get_db (self), self->leave_id, error);
  if (leave == NULL)
    return FALSE;
  g_clear_pointer (&self->leave, att_leave_free);
  self->leave = leave;

  if (leave->reg_group != NULL && leave->reg_group[0] != '\0')
    /* Translators: a pupil's name and registration group */
    heading = g_strdup_printf (_("%s, %s"), leave->pupil_name, leave->reg_group);
  else
    heading = g_strdup (leave->pupil_name);
  gtk_label_set_label (self->heading_label, heading);
  gtk_label_set_label (self->status_label, att_leave_status_describe (leave->status));
  for (guint i = 0; i < ATT_LEAVE_N_STATUSES; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), att_leave_status_style (i));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), att_leave_status_style (leave->status));

  /* The warnings the core recorded with the request, where the person
   * deciding reads first. */
  {
    g_autoptr(GString) warnings = g_string_new (NULL);

    if (leave->warnings & ATT_LEAVE_WARN_LATE_NOTICE)
      g_string_append_printf (warnings, "%s\n", _("Received later than the notice the school asks for"));
    if (leave->warnings & ATT_LEAVE_WARN_EXAM_PERIOD)
      g_string_append_printf (warnings, "%s\n", _("The dates fall in an exam period"));
    if (leave->warnings & ATT_LEAVE_WARN_PAST)
      g_string_append_printf (warnings, "%s\n", _("The dates had already passed when the request was received"));
    if (leave->warnings & ATT_LEAVE_WARN_REQUESTER)
      g_string_append_printf (warnings, "%s\n", _("Not asked by a parent the pupil normally lives with"));
    if (warnings->len > 0)
      g_string_truncate (warnings, warnings->len - 1);
    gtk_label_set_label (self->warnings_label, warnings->str);
    gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), warnings->len > 0);
  }
  /* The policy for the type, under the choice it bears on. */
  adw_preferences_group_set_description (self->decide_group, att_leave_type_policy (leave->type));

  fill_sessions (self);
  fill_outcome (self);
  fill_figures (self);
  fill_request (self);
  update_actions (self);
  on_changed (self);
  return TRUE;
}

static void
show_error (AttLeaveDecisionDialog *self,
            const char             *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
decide (AttLeaveDecisionDialog *self)
{
  g_autoptr(GArray) agreed = g_array_new (FALSE, FALSE, sizeof (AttLeaveSession));
  g_autoptr(GArray) planned = NULL;
  g_autoptr(GError) error = NULL;
  AttLeaveDecision decision;
  AttDb *db = get_db (self);

  if (db == NULL || self->leave == NULL || self->leave->status != ATT_LEAVE_SUBMITTED)
    return;

  if (!fill_decision (self, &decision, agreed, &error)
      || (planned = att_leave_plan_decision (db, self->leave_id, &decision, &error)) == NULL
      || !att_leave_decide (db, att_context_get_user (self->context), self->leave_id, &decision, &error))
    {
      gboolean conflicts = FALSE;

      for (guint i = 0; planned != NULL && i < planned->len; i++)
        conflicts |= g_array_index (planned, AttLeaveMark, i).conflict;
      show_error (self, error->message);
      /* The marks already there need the reason for changing them. */
      if (conflicts && decision.amend_reason == NULL)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->amend_row), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->amend_row));
        }
      return;
    }

  g_clear_pointer (&self->summary, g_free);
  self->summary = planned->len > 0 ? describe_marks (planned)
                                   : g_strdup (_("No session was agreed: the register is unchanged."));
  if (!load (self, &error))
    show_error (self, error->message);
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  g_signal_emit (self, signals[SAVED], 0);
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  decide (ATT_LEAVE_DECISION_DIALOG (widget));
}

static void
on_withdraw_response (AdwMessageDialog       *dialog,
                      const char             *response,
                      AttLeaveDecisionDialog *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "withdraw") != 0)
    return;
  if (!att_leave_withdraw (get_db (self), att_context_get_user (self->context), self->leave_id,
                           gtk_editable_get_text (entry), &error)
      || !load (self, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  g_signal_emit (self, signals[SAVED], 0);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttLeaveDecisionDialog *self = ATT_LEAVE_DECISION_DIALOG (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *entry;

  if (self->leave == NULL)
    return;
  /* Translators: %s is a pupil's name */
  body = g_strdup_printf (_("The request for %s stays in the history as withdrawn, and cannot be decided afterwards."),
                          self->leave->pupil_name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Withdraw the Request?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("How the parent withdrew it (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How the parent withdrew the request"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "withdraw", _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "withdraw");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_withdraw_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ------------------------------------------------------------------ */
/* The decision letter                                                 */

/* The letters of the decision as they would be sent today, and a log
 * record for each. */
static AttLetterDocument *
make_letters (AttLeaveDecisionDialog *self,
              GPtrArray              *records,
              GError                **error)
{
  return att_leave_letter_document_new (get_db (self), self->leave_id,
                                        att_context_get_today (self->context), records, error);
}

static void
letters_sent (AttLeaveDecisionDialog *self,
              GPtrArray              *records)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!att_leave_letters_log (get_db (self), att_context_get_user (self->context), records, &error))
    {
      show_error (self, error->message);
      return;
    }
  /* Translators: letters sent and logged */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter logged", "%u letters logged",
                                       records->len), records->len);
  gtk_label_set_label (self->letter_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->letter_label), TRUE);
}

static void
print_letter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttLeaveDecisionDialog *self = ATT_LEAVE_DECISION_DIALOG (widget);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_record_free);
  g_autoptr(AttLetterDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sent = FALSE;

  document = make_letters (self, records, &error);
  if (document == NULL
      || !att_print_operation_print_sent (ATT_DOCUMENT (document), GTK_WINDOW (self), &sent, &error))
    {
      show_error (self, error->message);
      return;
    }
  /* A cancelled print sends nothing, and logs nothing. */
  if (sent)
    letters_sent (self, records);
}

gboolean
att_leave_decision_dialog_save_letter_to (AttLeaveDecisionDialog *self,
                                          const char             *path,
                                          GError                **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_record_free);
  g_autoptr(AttLetterDocument) document = NULL;

  g_return_val_if_fail (ATT_IS_LEAVE_DECISION_DIALOG (self), FALSE);

  document = make_letters (self, records, error);
  if (document == NULL
      || !att_print_operation_export_pdf (ATT_DOCUMENT (document), GTK_WINDOW (self), path, error))
    return FALSE;
  letters_sent (self, records);
  return TRUE;
}

static void
on_save_response (GtkNativeDialog        *chooser,
                  int                     response,
                  AttLeaveDecisionDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL
      && !att_leave_decision_dialog_save_letter_to (self, path, &error))
    show_error (self, error->message);
  /* Held while the chooser was open. */
  g_object_unref (self);
}

static void
save_letter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttLeaveDecisionDialog *self = ATT_LEAVE_DECISION_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save the Decision Letter"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the letter's file name; %s is the pupil's UPN */
  name = g_strdup_printf (_("leave-letter-%s.pdf"), self->leave->upn != NULL ? self->leave->upn : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
att_leave_decision_dialog_dispose (GObject *object)
{
  AttLeaveDecisionDialog *self = ATT_LEAVE_DECISION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_LEAVE_DECISION_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_leave_decision_dialog_parent_class)->dispose (object);
}

static void
att_leave_decision_dialog_finalize (GObject *object)
{
  AttLeaveDecisionDialog *self = ATT_LEAVE_DECISION_DIALOG (object);

  g_clear_pointer (&self->leave, att_leave_free);
  g_clear_pointer (&self->session_checks, g_ptr_array_unref);
  g_clear_pointer (&self->planned, g_array_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->decide_error, g_free);
  g_clear_pointer (&self->record_error, g_free);
  g_clear_pointer (&self->letter_error, g_free);

  G_OBJECT_CLASS (att_leave_decision_dialog_parent_class)->finalize (object);
}

static void
att_leave_decision_dialog_class_init (AttLeaveDecisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_leave_decision_dialog_dispose;
  object_class->finalize = att_leave_decision_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/leave/att-leave-decision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, decide_button);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, decide_group);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, agree_all_check);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, agree_some_check);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, refuse_check);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, reasons_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, amend_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, plan_label);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, outcome_list);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, figures_group);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, figures_list);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, request_list);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, letter_label);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDecisionDialog, letter_box);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "leave-decision.decide", NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "leave-decision.withdraw", NULL, withdraw_action);
  gtk_widget_class_install_action (widget_class, "leave-decision.print-letter", NULL, print_letter_action);
  gtk_widget_class_install_action (widget_class, "leave-decision.save-letter", NULL, save_letter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "leave-decision.decide", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_leave_decision_dialog_init (AttLeaveDecisionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_checks = g_ptr_array_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->decide_button));
}

AttLeaveDecisionDialog *
att_leave_decision_dialog_new (AttContext *context,
                               GtkWindow  *parent,
                               gint64      leave_id)
{
  AttLeaveDecisionDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  if (att_context_get_db (context) == NULL)
    return NULL;
  self = g_object_new (ATT_TYPE_LEAVE_DECISION_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);
  self->leave_id = leave_id;
  if (!load (self, &error))
    {
      g_warning ("Could not read request %" G_GINT64_FORMAT ": %s", leave_id, error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  /* The first thing to do: decide, when the user may; otherwise read. */
  if (self->leave->status == ATT_LEAVE_SUBMITTED && self->decide_error == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->agree_all_check));
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
    }
  return self;
}

const char *
att_leave_decision_dialog_get_summary (AttLeaveDecisionDialog *self)
{
  g_return_val_if_fail (ATT_IS_LEAVE_DECISION_DIALOG (self), NULL);

  return self->summary;
}
