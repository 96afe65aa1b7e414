/* att-call-dialog.c: the form a call about an absence is logged with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made for speed from the keyboard: the pupil is found by typing and
 * Enter, focus then goes to the reasons (each with its Alt+letter), the
 * caller defaults to the first contact in calling order, and Enter in
 * any line (or Ctrl+Return) saves. Before saving, the form shows which
 * sessions the call would write; after it, which it wrote.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-call-dialog.h"
#include "att-calls-clock.h"
#include "att-pupil-search.h"
#include "att-sibling-rows.h"

struct _AttCallDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  AttPupilSearch     *search;
  AdwPreferencesGroup *siblings_group;
  GtkListBox         *siblings_list;
  AdwComboRow        *caller_row;
  AdwEntryRow        *caller_name_row;
  AdwComboRow        *channel_row;
  AdwComboRow        *direction_row;
  GtkGrid            *reasons_box;
  AdwEntryRow        *note_row;
  AdwEntryRow        *return_row;
  GtkCheckButton     *cover_check;
  GtkCheckButton     *evidence_check;
  GtkCheckButton     *safeguarding_check;
  AdwPreferencesGroup *sessions_group;
  AdwEntryRow        *amend_row;
  GtkLabel           *error_label;
  GtkButton          *save_button;
  AdwStatusPage      *done_page;
  GtkButton          *close_button;

  AttContext         *context;
  GArray             *sibling_ids;     /* gint64, as the check rows */
  GPtrArray          *sibling_checks;  /* GtkCheckButton */
  GPtrArray          *contacts;        /* AttContact, as the caller rows */
  GtkCheckButton     *reason_checks[ATT_CALL_N_REASONS];
  GArray             *call_ids;
  char               *summary;
  char               *caller_name;     /* the request's caller */
};

G_DEFINE_FINAL_TYPE (AttCallDialog, att_call_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The reasons as the form offers them, each with its mnemonic. */
static const struct
{
  AttCallReason  reason;
  const char    *label;
} reason_labels[] = {
  { ATT_CALL_REASON_ILLNESS, N_("_Illness") },
  { ATT_CALL_REASON_MEDICAL, N_("_Medical or dental") },
  { ATT_CALL_REASON_RELIGIOUS, N_("Reli_gious observance") },
  { ATT_CALL_REASON_FAMILY_EMERGENCY, N_("_Family emergency") },
  { ATT_CALL_REASON_TRANSPORT, N_("_Transport") },
  { ATT_CALL_REASON_ANXIETY, N_("Refusal or an_xiety") },
  { ATT_CALL_REASON_HOLIDAY, N_("_Holiday") },
  { ATT_CALL_REASON_NO_REASON, N_("_No reason given") },
  { ATT_CALL_REASON_OTHER, N_("_Other") },
};

static AttDb *
get_db (AttCallDialog *self)
{
  /* The template's rows notify while the form is made, before it has
   * its context. */
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static AttCallReason
get_reason (AttCallDialog *self)
{
  for (guint i = 0; i < ATT_CALL_N_REASONS; i++)
    if (self->reason_checks[i] != NULL && gtk_check_button_get_active (self->reason_checks[i]))
      return i;
  return ATT_CALL_REASON_NONE;
}

static const AttContact *
get_contact (AttCallDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->caller_row);

  if (self->contacts != NULL && selected < self->contacts->len)
    return g_ptr_array_index (self->contacts, selected);
  return NULL;
}

static char *
session_text (AttDate    date,
              AttSession session)
{
  g_autofree char *day = att_date_format_long (date);

  /* Translators: a session, as in "Tue 10 Sep 2024, morning" */
  return g_strdup_printf (session == ATT_SESSION_AM ? _("%s, morning") : _("%s, afternoon"), day);
}

static const char *
code_text (AttCode code)
{
  /* Translators: a session with no mark */
  return code == ATT_CODE_NONE ? C_("mark", "blank") : att_code_to_string (code);
}

/* One line a session: who, when, and from what to what. */
static char *
describe_marks (AttDb  *db,
                GArray *marks,
                gboolean written)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < marks->len; i++)
    {
      const AttCallMark *mark = &g_array_index (marks, AttCallMark, i);
      AttPupil *pupil = att_pupils_get (db, mark->pupil_id);
      g_autofree char *when = session_text (mark->date, mark->session);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (mark->kept)
        /* Translators: a session left alone: pupil, session, its code */
        g_string_append_printf (text, _("%s, %s: %s kept"),
                                pupil != NULL ? att_pupil_get_display_name (pupil) : "",
                                when, code_text (mark->old_code));
      else if (mark->old_code == mark->new_code)
        /* Translators: a session that already holds the code: pupil, session, code */
        g_string_append_printf (text, _("%s, %s: already %s"),
                                pupil != NULL ? att_pupil_get_display_name (pupil) : "",
                                when, code_text (mark->new_code));
      else if (mark->conflict && !written)
        /* Translators: pupil, session, the code it holds, the code the call
         * implies: a change that needs a reason */
        g_string_append_printf (text, _("%s, %s: %s → %s (holds another code: give a reason)"),
                                pupil != NULL ? att_pupil_get_display_name (pupil) : "",
                                when, code_text (mark->old_code), code_text (mark->new_code));
      else
        /* Translators: pupil, session, the old code and the new one */
        g_string_append_printf (text, _("%s, %s: %s → %s"),
                                pupil != NULL ? att_pupil_get_display_name (pupil) : "",
                                when, code_text (mark->old_code), code_text (mark->new_code));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The request the form holds; FALSE with the reason when it is not
 * complete. The strings stay owned by the widgets. */
static gboolean
fill_request (AttCallDialog  *self,
              AttCallRequest *request,
              GArray         *ids,
              GError        **error)
{
  AttPupil *pupil = att_pupil_search_get_pupil (self->search);
  const AttContact *contact = get_contact (self);
  const char *return_text = gtk_editable_get_text (GTK_EDITABLE (self->return_row));
  const char *amend = gtk_editable_get_text (GTK_EDITABLE (self->amend_row));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));

  memset (request, 0, sizeof *request);
  if (pupil == NULL)
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("Find the pupil first: type part of their name, UPN or group"));
      return FALSE;
    }
  g_array_append_val (ids, pupil->id);
  for (guint i = 0; i < self->sibling_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->sibling_checks, i)))
      g_array_append_val (ids, g_array_index (self->sibling_ids, gint64, i));

  request->pupil_ids = (const gint64 *)ids->data;
  request->n_pupils = ids->len;
  request->date = att_context_get_today (self->context);
  request->clock = att_context_get_clock (self->context);
  request->at = att_calls_context_now (self->context);
  request->channel = adw_combo_row_get_selected (self->channel_row);
  request->direction = adw_combo_row_get_selected (self->direction_row) == 0 ? ATT_CALL_IN : ATT_CALL_OUT;
  request->reason = get_reason (self);
  request->note = note[0] != '\0' ? note : NULL;
  request->evidence_asked = gtk_check_button_get_active (self->evidence_check);
  request->safeguarding = gtk_check_button_get_active (self->safeguarding_check);
  request->amend_reason = amend[0] != '\0' ? amend : NULL;
  request->expected_return = ATT_DATE_NONE;

  g_clear_pointer (&self->caller_name, g_free);
  if (contact != NULL)
    {
      request->contact_id = contact->id;
      request->caller = self->caller_name = att_contact_dup_name (contact);
    }
  else
    request->caller = gtk_editable_get_text (GTK_EDITABLE (self->caller_name_row));

  if (return_text[0] != '\0')
    {
      request->expected_return = att_date_parse (return_text, error);
      if (request->expected_return == ATT_DATE_NONE)
        return FALSE;
    }
  request->cover = request->expected_return != ATT_DATE_NONE
                   && gtk_check_button_get_active (self->cover_check)
                   ? ATT_CALL_COVER_TO_RETURN : ATT_CALL_COVER_DAY;

  if (request->reason == ATT_CALL_REASON_NONE)
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("Choose the reason the caller gave (or “No reason given”)"));
      return FALSE;
    }
  if (contact == NULL && request->caller[0] == '\0')
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("Type the name of the person who called"));
      return FALSE;
    }
  return TRUE;
}

static void
update_plan (AttCallDialog *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) marks = NULL;
  g_autofree char *text = NULL;
  AttCallRequest request;
  guint n_conflicts = 0;

  if (get_db (self) == NULL || gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->done_page))
    return;

  if (fill_request (self, &request, ids, &error))
    marks = att_calls_plan (get_db (self), &request, &error);

  if (marks != NULL)
    {
      for (guint i = 0; i < marks->len; i++)
        n_conflicts += g_array_index (marks, AttCallMark, i).conflict;
      text = marks->len > 0 ? describe_marks (get_db (self), marks, FALSE)
                            : g_strdup (_("The call writes no marks: no session of the day is left."));
    }
  adw_preferences_group_set_description (self->sessions_group, text != NULL ? text : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->amend_row), n_conflicts > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), marks != NULL);
}

static void
on_changed (AttCallDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->caller_name_row), get_contact (self) == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cover_check),
                            *gtk_editable_get_text (GTK_EDITABLE (self->return_row)) != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_plan (self);
}

static char *
contact_label (const AttContact *contact)
{
  g_autofree char *name = att_contact_dup_name (contact);
  const char *phone = contact->phone_mobile != NULL && contact->phone_mobile[0] != '\0'
                      ? contact->phone_mobile
                      : contact->phone_home != NULL ? contact->phone_home : "";

  if (contact->relationship != NULL && contact->relationship[0] != '\0')
    /* Translators: a caller: name, relationship to the pupil, a number */
    return g_strdup_printf (_("%s (%s) %s"), name, contact->relationship, phone);
  /* Translators: a caller: name and a number */
  return g_strdup_printf (_("%s %s"), name, phone);
}

static void
fill_pupil (AttCallDialog *self,
            AttPupil      *pupil,
            gint64         contact_id)
{
  g_autoptr(GtkStringList) callers = gtk_string_list_new (NULL);
  g_autoptr(GArray) siblings = NULL;
  AttDate today = self->context != NULL ? att_context_get_today (self->context) : ATT_DATE_NONE;
  guint selected = 0;

  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  if (pupil != NULL && get_db (self) != NULL)
    {
      siblings = att_calls_siblings (get_db (self), pupil->id, today, NULL);
      self->contacts = att_firstday_contacts (get_db (self), pupil->id, NULL);
    }

  /* Brothers and sisters on roll, ticked: one call usually covers a
   * family, and unticking is one key. */
  att_sibling_rows_fill (self->siblings_list, get_db (self), siblings, TRUE,
                         self->sibling_checks, self->sibling_ids, G_CALLBACK (on_changed), self);
  gtk_widget_set_visible (GTK_WIDGET (self->siblings_group), self->sibling_checks->len > 0);

  for (guint i = 0; self->contacts != NULL && i < self->contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (self->contacts, i);
      g_autofree char *label = contact_label (contact);

      gtk_string_list_append (callers, label);
      if (contact->id == contact_id)
        selected = i;
    }
  gtk_string_list_append (callers, _("Someone else"));
  adw_combo_row_set_model (self->caller_row, G_LIST_MODEL (callers));
  adw_combo_row_set_selected (self->caller_row, selected);
  on_changed (self);
}

static void
on_pupil_chosen (AttPupilSearch *search,
                 AttPupil       *pupil,
                 AttCallDialog  *self)
{
  AttCallReason reason = get_reason (self);

  fill_pupil (self, pupil, 0);
  /* The reason is what the caller says next. */
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_checks[reason != ATT_CALL_REASON_NONE
                                                         ? reason : ATT_CALL_REASON_ILLNESS]));
}

static void
save (AttCallDialog *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  AttCallReport report = { 0, };
  AttCallRequest request;
  AttDb *db = get_db (self);

  if (db == NULL || gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->done_page))
    return;

  if (!fill_request (self, &request, ids, &error)
      || !att_calls_log (db, att_context_get_user (self->context), &request, &report, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      if (report.n_conflicts > 0)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->amend_row), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->amend_row));
        }
      att_call_report_clear (&report);
      return;
    }

  g_array_set_size (self->call_ids, 0);
  g_array_append_vals (self->call_ids, report.call_ids->data, report.call_ids->len);
  g_clear_pointer (&self->summary, g_free);
  self->summary = report.marks->len > 0
                  ? describe_marks (db, report.marks, TRUE)
                  : g_strdup (_("No session changed: the call is recorded."));
  adw_status_page_set_description (self->done_page, self->summary);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->done_page));
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  att_call_report_clear (&report);
  g_signal_emit (self, signals[SAVED], 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ATT_CALL_DIALOG (widget));
}

static void
on_close_clicked (AttCallDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
att_call_dialog_dispose (GObject *object)
{
  AttCallDialog *self = ATT_CALL_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_CALL_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  G_OBJECT_CLASS (att_call_dialog_parent_class)->dispose (object);
}

static void
att_call_dialog_finalize (GObject *object)
{
  AttCallDialog *self = ATT_CALL_DIALOG (object);

  g_clear_pointer (&self->sibling_ids, g_array_unref);
  g_clear_pointer (&self->sibling_checks, g_ptr_array_unref);
  g_clear_pointer (&self->call_ids, g_array_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->caller_name, g_free);

  G_OBJECT_CLASS (att_call_dialog_parent_class)->finalize (object);
}

static void
att_call_dialog_class_init (AttCallDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_call_dialog_dispose;
  object_class->finalize = att_call_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ATT_TYPE_PUPIL_SEARCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/calls/att-call-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, search);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, siblings_group);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, siblings_list);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, caller_row);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, caller_name_row);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, return_row);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, cover_check);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, evidence_check);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, safeguarding_check);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, amend_row);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, AttCallDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_pupil_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked);

  gtk_widget_class_install_action (widget_class, "call.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "call.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_call_dialog_init (AttCallDialog *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) directions = gtk_string_list_new (NULL);
  GtkCheckButton *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sibling_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sibling_checks = g_ptr_array_new ();
  self->call_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ATT_CALL_N_CHANNELS; i++)
    gtk_string_list_append (channels, att_call_channel_describe (i));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  /* Translators: the direction of a call: the family rang the school */
  gtk_string_list_append (directions, _("In, from the family"));
  /* Translators: the direction of a call: the school rang the family */
  gtk_string_list_append (directions, _("Out, from the school"));
  adw_combo_row_set_model (self->direction_row, G_LIST_MODEL (directions));

  for (guint i = 0; i < G_N_ELEMENTS (reason_labels); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (_(reason_labels[i].label));

      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      self->reason_checks[reason_labels[i].reason] = GTK_CHECK_BUTTON (check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_changed), self);
      gtk_grid_attach (self->reasons_box, check, i % 3, i / 3, 1, 1);
    }

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

AttCallDialog *
att_call_dialog_new (AttContext *context,
                     GtkWindow  *parent)
{
  AttCallDialog *self;
  g_autofree char *lead = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_CALL_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);

  if (get_db (self) != NULL)
    {
      att_pupil_search_set_school (self->search, get_db (self), att_context_get_today (context));
      lead = att_firstday_safeguarding_lead (get_db (self));
    }
  if (lead != NULL)
    /* Translators: %s is the designated safeguarding lead's name */
    label = g_strdup_printf (_("_Safeguarding concern: tell %s, the designated safeguarding lead"), lead);
  else
    label = g_strdup (_("_Safeguarding concern: tell the designated safeguarding lead"));
  gtk_check_button_set_label (self->safeguarding_check, label);

  fill_pupil (self, NULL, 0);
  att_pupil_search_focus (self->search);
  return self;
}

void
att_call_dialog_set_pupil (AttCallDialog *self,
                           gint64         pupil_id,
                           gint64         contact_id,
                           gboolean       outgoing)
{
  AttPupil *pupil;

  g_return_if_fail (ATT_IS_CALL_DIALOG (self));

  pupil = get_db (self) != NULL ? att_pupils_get (get_db (self), pupil_id) : NULL;
  if (pupil == NULL)
    return;
  att_pupil_search_set_pupil (self->search, pupil);
  adw_combo_row_set_selected (self->direction_row, outgoing ? 1 : 0);
  fill_pupil (self, pupil, contact_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_checks[ATT_CALL_REASON_ILLNESS]));
}

GArray *
att_call_dialog_get_call_ids (AttCallDialog *self)
{
  g_return_val_if_fail (ATT_IS_CALL_DIALOG (self), NULL);

  return self->call_ids;
}

const char *
att_call_dialog_get_summary (AttCallDialog *self)
{
  g_return_val_if_fail (ATT_IS_CALL_DIALOG (self), NULL);

  return self->summary;
}
