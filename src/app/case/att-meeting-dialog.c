/* att-meeting-dialog.c: the form a meeting with the family is planned
 * and recorded with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning asks when and where. Recording asks what happened, in the
 * order a meeting goes: who came and who did not, what gets in the way,
 * what everyone agreed, then the outcome with its target (sessions a
 * week, never a percentage: a family can count sessions) and the day to
 * review it. Enter in any line (or Ctrl+Return) saves; what the core
 * refuses is said under the form, in its words, naming the field.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-case-form.h"
#include "att-case.h"
#include "att-meeting-dialog.h"

struct _AttMeetingDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkLabel            *pupil_label;
  AdwEntryRow         *date_row;
  AdwEntryRow         *time_row;
  AdwEntryRow         *place_row;
  AdwPreferencesGroup *record_group;
  AdwEntryRow         *attended_row;
  AdwEntryRow         *absent_row;
  AdwEntryRow         *barriers_row;
  AdwEntryRow         *actions_row;
  AdwEntryRow         *notes_row;
  AdwPreferencesGroup *outcome_group;
  AdwComboRow         *outcome_row;
  AdwActionRow        *target_row;
  GtkSpinButton       *target_spin;
  AdwEntryRow         *review_row;
  GtkLabel            *error_label;
  GtkButton           *save_button;

  AttContext          *context;
  gint64               pupil_id;
  AttMeeting          *meeting;      /* the meeting recorded, NULL to plan one */
  gint64               saved_id;
};

G_DEFINE_FINAL_TYPE (AttMeetingDialog, att_meeting_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static AttMeetingOutcome
get_outcome (AttMeetingDialog *self)
{
  /* The rows are the outcomes after NONE. */
  guint selected = adw_combo_row_get_selected (self->outcome_row);

  return selected + 1 < ATT_MEETING_N_OUTCOMES ? (AttMeetingOutcome)(selected + 1) : ATT_MEETING_OUTCOME_REVIEW;
}

static void
on_changed (AttMeetingDialog *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->date_row), GTK_WIDGET (self->time_row), GTK_WIDGET (self->place_row),
    GTK_WIDGET (self->review_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    att_case_form_mark_error (rows[i], FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (AttMeetingDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The meeting as the form holds it, or FALSE naming the field typed
 * wrong. */
static gboolean
fill_meeting (AttMeetingDialog *self,
              AttMeeting       *meeting,
              GError          **error)
{
  AttDate date;
  int time;

  if (!att_case_form_parse_date (self->date_row, TRUE, &date, error)
      || !att_case_form_parse_time (self->time_row, self->meeting == NULL, &time, error))
    return FALSE;

  meeting->pupil_id = self->pupil_id;
  meeting->date = date;
  meeting->time = time;
  g_free (meeting->place);
  meeting->place = g_strdup (text_of (self->place_row));
  if (self->meeting == NULL)
    return TRUE;

  meeting->id = self->meeting->id;
  g_free (meeting->attended);
  meeting->attended = g_strdup (text_of (self->attended_row));
  g_free (meeting->absent);
  meeting->absent = g_strdup (text_of (self->absent_row));
  g_free (meeting->barriers);
  meeting->barriers = g_strdup (text_of (self->barriers_row));
  g_free (meeting->actions);
  meeting->actions = g_strdup (text_of (self->actions_row));
  g_free (meeting->notes);
  meeting->notes = g_strdup (text_of (self->notes_row));
  meeting->outcome = get_outcome (self);
  meeting->target_sessions_per_week = (guint)gtk_spin_button_get_value_as_int (self->target_spin);
  return att_case_form_parse_date (self->review_row, FALSE, &meeting->review_date, error);
}

static void
save (AttMeetingDialog *self)
{
  AttDb *db = self->context != NULL ? att_context_get_db (self->context) : NULL;
  const AttUser *user = self->context != NULL ? att_context_get_user (self->context) : NULL;
  g_autoptr(AttMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    return;

  /* Recording keeps what was planned unless the form changes it. */
  meeting = self->meeting != NULL ? att_meeting_copy (self->meeting) : att_meeting_new ();
  if (!fill_meeting (self, meeting, &error))
    {
      GtkWidget *rows[] = {
        GTK_WIDGET (self->date_row), GTK_WIDGET (self->time_row), GTK_WIDGET (self->review_row),
      };

      show_error (self, error->message);
      /* The field typed wrong takes the focus, to be typed again. */
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        if (gtk_widget_has_css_class (rows[i], "error"))
          {
            gtk_widget_grab_focus (rows[i]);
            break;
          }
      return;
    }

  if (self->meeting == NULL)
    {
      self->saved_id = att_case_meeting_add (db, user, meeting, &error);
      if (self->saved_id == 0)
        {
          show_error (self, error->message);
          return;
        }
    }
  else if (!att_case_meeting_record (db, user, meeting, &error))
    {
      show_error (self, error->message);
      return;
    }
  else
    self->saved_id = meeting->id;

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ATT_MEETING_DIALOG (widget));
}

static void
att_meeting_dialog_dispose (GObject *object)
{
  AttMeetingDialog *self = ATT_MEETING_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_MEETING_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->meeting, att_meeting_free);

  G_OBJECT_CLASS (att_meeting_dialog_parent_class)->dispose (object);
}

static void
att_meeting_dialog_class_init (AttMeetingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_meeting_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/case/att-meeting-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, pupil_label);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, record_group);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, attended_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, absent_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, barriers_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, actions_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, target_spin);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, review_row);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttMeetingDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "meeting-form.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "meeting-form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_meeting_dialog_init (AttMeetingDialog *self)
{
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = ATT_MEETING_OUTCOME_NONE + 1; i < ATT_MEETING_N_OUTCOMES; i++)
    gtk_string_list_append (outcomes, att_meeting_outcome_describe (i));
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (outcomes));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

AttMeetingDialog *
att_meeting_dialog_new (AttContext *context,
                        GtkWindow  *parent,
                        gint64      pupil_id,
                        gint64      meeting_id)
{
  AttMeetingDialog *self;
  AttDb *db;
  AttPupil *pupil;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_MEETING_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);
  self->pupil_id = pupil_id;
  db = att_context_get_db (context);

  pupil = db != NULL ? att_pupils_get (db, pupil_id) : NULL;
  if (pupil != NULL)
    {
      /* Translators: a pupil's name and UPN at the top of a form */
      g_autofree char *heading = g_strdup_printf (_("%s (%s)"), att_pupil_get_display_name (pupil),
                                                  pupil->upn != NULL ? pupil->upn : "");

      gtk_label_set_label (self->pupil_label, heading);
    }

  if (meeting_id != 0 && db != NULL)
    {
      self->meeting = att_case_meeting_get (db, meeting_id, &error);
      if (self->meeting == NULL)
        show_error (self, error->message);
    }

  if (self->meeting == NULL)
    {
      g_autofree char *today = att_case_form_date_text (att_context_get_today (context));

      set_text (self->date_row, today);
      /* Three lines to plan: no room kept for the record. */
      gtk_window_set_default_size (GTK_WINDOW (self), 560, 400);
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return self;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Record a Meeting"));
  gtk_widget_set_visible (GTK_WIDGET (self->record_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_group), TRUE);
  {
    g_autofree char *date = att_case_form_date_text (self->meeting->date);
    g_autofree char *time = self->meeting->time >= 0 ? att_time_format (self->meeting->time) : g_strdup ("");
    g_autofree char *review = att_case_form_date_text (self->meeting->review_date);

    set_text (self->date_row, date);
    set_text (self->time_row, time);
    set_text (self->review_row, review);
  }
  set_text (self->place_row, self->meeting->place);
  set_text (self->attended_row, self->meeting->attended);
  set_text (self->absent_row, self->meeting->absent);
  set_text (self->barriers_row, self->meeting->barriers);
  set_text (self->actions_row, self->meeting->actions);
  set_text (self->notes_row, self->meeting->notes);
  gtk_spin_button_set_value (self->target_spin, self->meeting->target_sessions_per_week);
  if (self->meeting->outcome != ATT_MEETING_OUTCOME_NONE)
    adw_combo_row_set_selected (self->outcome_row, self->meeting->outcome - 1);
  on_changed (self);
  /* Who came is what a recording starts with. */
  gtk_widget_grab_focus (GTK_WIDGET (self->attended_row));
  return self;
}

gint64
att_meeting_dialog_get_saved_id (AttMeetingDialog *self)
{
  g_return_val_if_fail (ATT_IS_MEETING_DIALOG (self), 0);

  return self->saved_id;
}

const char *
att_meeting_dialog_get_error (AttMeetingDialog *self)
{
  g_return_val_if_fail (ATT_IS_MEETING_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_label (self->error_label) : NULL;
}
