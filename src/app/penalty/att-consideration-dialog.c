/* att-consideration-dialog.c: the school's consideration of a breach of
 * the penalty notice threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The National Framework asks the school to record, for every breach,
 * what support it has offered, whether a notice is the best tool, what
 * the Equality Act asks it to weigh, which agencies are involved, and
 * what it decided and why. The form shows the breach as the core counts
 * it, prefills the support from the case's chronology, and records
 * through att_penalty_consider(), which decides who may record and what
 * is missing: its refusal is shown under the field it names. Anyone else
 * reads the form with Record disabled and the reason above it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-consideration-dialog.h"
#include "att-penalty.h"
#include "attendance-core.h"

struct _AttConsiderationDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkButton      *cancel_button;
  GtkButton      *record_button;
  GtkLabel       *heading_label;
  GtkLabel       *figures_label;
  GtkLabel       *denied_label;
  GtkLabel       *error_label;
  GtkTextView    *support_view;
  GtkLabel       *support_error;
  GtkTextView    *best_tool_view;
  GtkLabel       *best_tool_error;
  GtkTextView    *equality_view;
  GtkLabel       *equality_error;
  AdwEntryRow    *agencies_row;
  GtkCheckButton *support_check;
  GtkCheckButton *improve_check;
  GtkCheckButton *notice_check;
  GtkCheckButton *other_check;
  GtkLabel       *decision_error;
  GtkTextView    *rationale_view;
  GtkLabel       *rationale_error;

  AttContext     *context;
  gint64          pupil_id;
  AttDate         as_of;
  gint64          recorded;
  char           *denied;     /* why the user may not record, or NULL */
  char           *error;      /* the last refusal shown, or NULL */
};

G_DEFINE_FINAL_TYPE (AttConsiderationDialog, att_consideration_dialog, ADW_TYPE_WINDOW)

enum { RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static AttDb *
get_db (AttConsiderationDialog *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (g_steal_pointer (&text));
}

static void
hide_errors (AttConsiderationDialog *self)
{
  GtkLabel *labels[] = { self->error_label, self->support_error, self->best_tool_error,
                         self->equality_error, self->decision_error, self->rationale_error };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    gtk_widget_set_visible (GTK_WIDGET (labels[i]), FALSE);
  g_clear_pointer (&self->error, g_free);
}

/* The core's refusal, under the field it is about, which takes the
 * focus; anything else above the form. */
static void
show_error (AttConsiderationDialog *self,
            GtkLabel               *label,
            GtkWidget              *field,
            const char             *message)
{
  hide_errors (self);
  self->error = g_strdup (message);
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (field != NULL)
    gtk_widget_grab_focus (field);
}

static void
on_changed (AttConsiderationDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->decision_error), FALSE);
}

static gboolean
get_decision (AttConsiderationDialog *self,
              AttPenaltyDecision     *decision)
{
  if (gtk_check_button_get_active (self->support_check))
    *decision = ATT_PENALTY_SUPPORT;
  else if (gtk_check_button_get_active (self->improve_check))
    *decision = ATT_PENALTY_NOTICE_TO_IMPROVE;
  else if (gtk_check_button_get_active (self->notice_check))
    *decision = ATT_PENALTY_PENALTY_NOTICE;
  else if (gtk_check_button_get_active (self->other_check))
    *decision = ATT_PENALTY_OTHER;
  else
    return FALSE;
  return TRUE;
}

static void
record (AttConsiderationDialog *self)
{
  AttPenaltyConsideration consideration = { 0, };
  g_autofree char *support = text_of (self->support_view);
  g_autofree char *best_tool = text_of (self->best_tool_view);
  g_autofree char *equality = text_of (self->equality_view);
  g_autofree char *rationale = text_of (self->rationale_view);
  g_autofree char *agencies = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agencies_row))));
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (get_db (self) == NULL || self->recorded != 0 || self->denied != NULL)
    return;
  if (!get_decision (self, &consideration.decision))
    {
      show_error (self, self->decision_error, GTK_WIDGET (self->support_check),
                  _("Choose the decision: more support, a notice to improve, a penalty notice or another legal step"));
      return;
    }

  consideration.pupil_id = self->pupil_id;
  consideration.as_of = self->as_of;
  consideration.support_offered = support;
  consideration.notice_best_tool = best_tool;
  consideration.equality = equality;
  consideration.agencies = agencies;
  consideration.rationale = rationale;
  if (!att_penalty_consideration_check_complete (&consideration, &error))
    {
      show_error (self, self->equality_error, GTK_WIDGET (self->equality_view), error->message);
      return;
    }
  id = att_penalty_consider (get_db (self), att_context_get_user (self->context), &consideration, &error);
  if (id == 0)
    {
      /* The core says what is missing; the form puts it where it is
       * missing. */
      if (rationale[0] == '\0')
        show_error (self, self->rationale_error, GTK_WIDGET (self->rationale_view), error->message);
      else
        show_error (self, self->error_label, NULL, error->message);
      return;
    }

  hide_errors (self);
  self->recorded = id;
  g_signal_emit (self, signals[RECORDED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  record (ATT_CONSIDERATION_DIALOG (widget));
}

/* ------------------------------------------------------------------ */
/* What the form shows                                                 */

static void
fill_breach (AttConsiderationDialog *self)
{
  AttPupil *pupil = att_pupils_get (get_db (self), self->pupil_id);   /* borrowed */
  AttBreach breach = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *as_of = att_date_format_long (self->as_of);

  if (pupil != NULL && pupil->reg_group != NULL && pupil->reg_group[0] != '\0')
    {
      /* Translators: a pupil's name and registration group, as in "Amy Lee (7A)" */
      g_autofree char *title = g_strdup_printf (_("%s (%s)"), att_pupil_get_display_name (pupil),
                                                pupil->reg_group);
      gtk_label_set_label (self->heading_label, title);
    }
  else
    gtk_label_set_label (self->heading_label, pupil != NULL ? att_pupil_get_display_name (pupil) : "");

  if (!att_threshold_pupil (get_db (self), self->pupil_id, self->as_of, &breach, &error))
    {
      gtk_label_set_label (self->figures_label, error->message);
      return;
    }
  {
    g_autofree char *from = att_date_format_long (breach.window_start);
    g_autofree char *to = att_date_format_long (breach.window_end);

    /* Translators: the breach: unauthorised sessions, the window's two
     * dates, its school weeks, then the date it is counted on */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%u unauthorised session from %s to %s (%u school weeks), counted on %s.",
                                               "%u unauthorised sessions from %s to %s (%u school weeks), counted on %s.",
                                               breach.sessions),
                            breach.sessions, from, to, breach.school_weeks, as_of);
  }
  if (breach.includes_n)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("The count includes N codes, which should be resolved first."));
    }
  g_string_append_c (text, ' ');
  /* Translators: penalty notices asked for in the last three years */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u penalty notice in the last 3 years.",
                                             "%u penalty notices in the last 3 years.", breach.notices_3y),
                          breach.notices_3y);
  gtk_label_set_label (self->figures_label, text->str);
}

static void
fill_support (AttConsiderationDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = att_penalty_support_summary (get_db (self), self->pupil_id, self->as_of, &error);

  if (summary == NULL)
    {
      gtk_label_set_label (self->support_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->support_error), TRUE);
      return;
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->support_view), summary, -1);
}

static void
update_actions (AttConsiderationDialog *self)
{
  const AttUser *user = self->context != NULL ? att_context_get_user (self->context) : NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->denied, g_free);
  if (user == NULL)
    self->denied = g_strdup (_("Sign in as the headteacher, or a deputy they authorised, to record a consideration"));
  else if (!att_user_require (user, ATT_PERM_PENALTY, &error))
    self->denied = g_strdup (error->message);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consideration.record", self->denied == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->record_button),
                               self->denied != NULL ? self->denied
                               : _("Record the consideration and the decision (Ctrl+Return)"));
  gtk_label_set_label (self->denied_label, self->denied != NULL ? self->denied : "");
  gtk_widget_set_visible (GTK_WIDGET (self->denied_label), self->denied != NULL);
  if (self->denied != NULL)
    gtk_button_set_label (self->cancel_button, _("_Close"));
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
att_consideration_dialog_dispose (GObject *object)
{
  AttConsiderationDialog *self = ATT_CONSIDERATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_CONSIDERATION_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_consideration_dialog_parent_class)->dispose (object);
}

static void
att_consideration_dialog_finalize (GObject *object)
{
  AttConsiderationDialog *self = ATT_CONSIDERATION_DIALOG (object);

  g_clear_pointer (&self->denied, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (att_consideration_dialog_parent_class)->finalize (object);
}

static void
att_consideration_dialog_class_init (AttConsiderationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_consideration_dialog_dispose;
  object_class->finalize = att_consideration_dialog_finalize;

  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/penalty/att-consideration-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, record_button);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, figures_label);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, denied_label);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, support_view);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, support_error);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, best_tool_view);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, best_tool_error);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, equality_view);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, equality_error);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, agencies_row);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, support_check);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, improve_check);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, notice_check);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, other_check);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, decision_error);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, rationale_view);
  gtk_widget_class_bind_template_child (widget_class, AttConsiderationDialog, rationale_error);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "consideration.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_consideration_dialog_init (AttConsiderationDialog *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Return records from any field: taken before the text boxes,
   * which would make it a new line. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("consideration.record")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("consideration.record")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

AttConsiderationDialog *
att_consideration_dialog_new (AttContext *context,
                              GtkWindow  *parent,
                              gint64      pupil_id,
                              AttDate     as_of)
{
  AttConsiderationDialog *self;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  if (att_context_get_db (context) == NULL)
    return NULL;
  self = g_object_new (ATT_TYPE_CONSIDERATION_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);
  self->pupil_id = pupil_id;
  self->as_of = as_of != ATT_DATE_NONE ? as_of : att_context_get_today (context);
  fill_breach (self);
  fill_support (self);
  update_actions (self);

  /* The first thing to weigh is the support: the form opens on it, at
   * its end, for the user to add to what the case holds. For anyone who
   * may not record, on Close. */
  if (self->denied == NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->support_view);
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_place_cursor (buffer, &end);
      gtk_widget_grab_focus (GTK_WIDGET (self->support_view));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  return self;
}

void
att_consideration_dialog_present (GtkWidget  *parent,
                                  AttContext *context,
                                  gint64      pupil_id,
                                  AttDate     as_of)
{
  AttConsiderationDialog *self;
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  g_return_if_fail (ATT_IS_CONTEXT (context));

  self = att_consideration_dialog_new (context, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       pupil_id, as_of);
  if (self != NULL)
    gtk_window_present (GTK_WINDOW (self));
}

gint64
att_consideration_dialog_get_recorded (AttConsiderationDialog *self)
{
  g_return_val_if_fail (ATT_IS_CONSIDERATION_DIALOG (self), 0);

  return self->recorded;
}

const char *
att_consideration_dialog_get_denied (AttConsiderationDialog *self)
{
  g_return_val_if_fail (ATT_IS_CONSIDERATION_DIALOG (self), NULL);

  return self->denied;
}

const char *
att_consideration_dialog_get_error (AttConsiderationDialog *self)
{
  g_return_val_if_fail (ATT_IS_CONSIDERATION_DIALOG (self), NULL);

  return self->error;
}
