/* att-penalty-case.c: one pupil's penalty case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the school has recorded about the pupil under the National
 * Framework, newest first in each part: the considerations (each opens
 * on what was weighed), the notices to improve (the sessions flagged
 * inside the period, the outcome once it is over) and the penalty
 * notices asked for (moved on as the local authority reports: issued,
 * paid, withdrawn, prosecuted). The buttons open the forms; the core
 * decides who may do what, and a disabled button says why.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-consideration-dialog.h"
#include "att-improve-dialog.h"
#include "att-notice-dialog.h"
#include "att-penalty-case.h"
#include "att-penalty-rows.h"
#include "att-penalty.h"
#include "attendance-core.h"

struct _AttPenaltyCase
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkLabel       *heading_label;
  GtkLabel       *figures_label;
  GtkLabel       *error_label;
  GtkButton      *consider_button;
  GtkButton      *improve_button;
  GtkButton      *notice_button;
  GtkListBox     *considerations_list;
  GtkListBox     *improve_list;
  GtkListBox     *notices_list;

  AttContext     *context;
  gint64          pupil_id;
  AttDate         as_of;
  char           *error;
};

G_DEFINE_FINAL_TYPE (AttPenaltyCase, att_penalty_case, GTK_TYPE_WIDGET)

static AttDb *
get_db (AttPenaltyCase *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static GtkWindow *
get_window (AttPenaltyCase *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (AttPenaltyCase *self,
            const char     *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* ------------------------------------------------------------------ */
/* The lists                                                           */

static void
fill_heading (AttPenaltyCase *self)
{
  AttPupil *pupil = att_pupils_get (get_db (self), self->pupil_id);   /* borrowed */
  AttBreach breach = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *figures = NULL;

  if (pupil != NULL && pupil->reg_group != NULL && pupil->reg_group[0] != '\0')
    {
      g_autofree char *title = g_strdup_printf (_("%s (%s)"), att_pupil_get_display_name (pupil),
                                                pupil->reg_group);
      gtk_label_set_label (self->heading_label, title);
    }
  else
    gtk_label_set_label (self->heading_label, pupil != NULL ? att_pupil_get_display_name (pupil) : "");

  if (att_threshold_pupil (get_db (self), self->pupil_id, self->as_of, &breach, &error))
    figures = att_penalty_breach_describe (&breach, self->as_of);
  gtk_label_set_label (self->figures_label, figures != NULL ? figures : error->message);
}

static void
fill_considerations (AttPenaltyCase *self)
{
  g_autoptr(GPtrArray) considerations = NULL;
  g_autoptr(GError) error = NULL;

  att_penalty_clear_list (self->considerations_list);
  considerations = att_penalty_considerations (get_db (self), self->pupil_id, &error);
  if (considerations == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = considerations->len; i > 0; i--)
    gtk_list_box_append (self->considerations_list,
                         att_penalty_consideration_row_new (g_ptr_array_index (considerations, i - 1)));
}

static void
fill_improve (AttPenaltyCase *self)
{
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  AttDate today = att_context_get_today (self->context);

  att_penalty_clear_list (self->improve_list);
  notices = att_penalty_improve_list (get_db (self), self->pupil_id, &error);
  if (notices == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = notices->len; i > 0; i--)
    {
      AttNoticeToImprove *notice = g_ptr_array_index (notices, i - 1);
      g_autoptr(GArray) flagged = att_penalty_improve_flagged (get_db (self), notice->id, NULL);

      gtk_list_box_append (self->improve_list, att_penalty_improve_row_new (notice, flagged, today));
    }
}

static void
fill_notices (AttPenaltyCase *self)
{
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;

  att_penalty_clear_list (self->notices_list);
  notices = att_penalty_notices (get_db (self), self->pupil_id, &error);
  if (notices == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = notices->len; i > 0; i--)
    gtk_list_box_append (self->notices_list, att_penalty_notice_row_new (g_ptr_array_index (notices, i - 1)));
}

/* The buttons from the user's rights, as the core decides them; a
 * disabled button says why. */
static void
update_actions (AttPenaltyCase *self)
{
  const AttUser *user = self->context != NULL ? att_context_get_user (self->context) : NULL;
  g_autoptr(GError) penalty_error = NULL;
  g_autoptr(GError) casework_error = NULL;
  gboolean has_db = get_db (self) != NULL && self->pupil_id != 0;
  gboolean may_decide = has_db && user != NULL && att_user_require (user, ATT_PERM_PENALTY, &penalty_error);
  gboolean may_casework = has_db && user != NULL && att_user_require (user, ATT_PERM_CASEWORK, &casework_error);

  /* The consideration form opens for anyone: it shows the breach, and
   * says itself why Record is disabled. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.consider", has_db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.improve", may_casework);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.request-notice", may_decide);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.improve-outcome", may_casework);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.improve-letter", may_casework);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.notice-status", may_casework);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->consider_button),
                               penalty_error != NULL ? penalty_error->message
                               : _("Record what the school weighed for this breach and what it decided"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->improve_button),
                               casework_error != NULL ? casework_error->message
                               : _("Give the parents a final chance of 3 to 6 school weeks, with its letter"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->notice_button),
                               penalty_error != NULL ? penalty_error->message
                               : _("Ask the local authority for a penalty notice to one parent"));
  if (user == NULL)
    {
      const char *why = _("Sign in to record anything in a pupil’s case");

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->improve_button), why);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->notice_button), why);
    }
}

void
att_penalty_case_reload (AttPenaltyCase *self)
{
  g_return_if_fail (ATT_IS_PENALTY_CASE (self));

  show_error (self, NULL);
  update_actions (self);
  if (get_db (self) == NULL || self->pupil_id == 0)
    return;
  fill_heading (self);
  fill_considerations (self);
  fill_improve (self);
  fill_notices (self);
}

void
att_penalty_case_show (AttPenaltyCase *self,
                       AttContext     *context,
                       gint64          pupil_id,
                       AttDate         as_of)
{
  g_return_if_fail (ATT_IS_PENALTY_CASE (self));
  g_return_if_fail (ATT_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  self->pupil_id = pupil_id;
  self->as_of = as_of;
  att_penalty_case_reload (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
att_penalty_case_focus (AttPenaltyCase *self)
{
  g_return_if_fail (ATT_IS_PENALTY_CASE (self));

  /* The consideration form opens for anyone (it says why Record is
   * disabled); the first control otherwise. */
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->consider_button)))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
on_saved (AttPenaltyCase *self)
{
  att_penalty_case_reload (self);
}

static void
consider_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttPenaltyCase *self = ATT_PENALTY_CASE (widget);
  AttConsiderationDialog *dialog;

  dialog = att_consideration_dialog_new (self->context, get_window (self), self->pupil_id, self->as_of);
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
improve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttPenaltyCase *self = ATT_PENALTY_CASE (widget);
  AttImproveDialog *dialog;

  dialog = att_improve_dialog_new (self->context, get_window (self), self->pupil_id);
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
improve_letter_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttPenaltyCase *self = ATT_PENALTY_CASE (widget);
  AttImproveDialog *dialog;

  dialog = att_improve_dialog_new_for_notice (self->context, get_window (self), g_variant_get_int64 (parameter));
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
request_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttPenaltyCase *self = ATT_PENALTY_CASE (widget);
  AttNoticeDialog *dialog;

  dialog = att_notice_dialog_new (self->context, get_window (self), self->pupil_id);
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The outcome of a notice to improve: improved or not, with a note. */
static void
on_outcome_response (AdwMessageDialog *dialog,
                     const char       *response,
                     AttPenaltyCase   *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "notice-id"));
  g_autoptr(GError) error = NULL;
  AttImproveOutcome outcome;

  if (g_strcmp0 (response, "improved") == 0)
    outcome = ATT_IMPROVE_IMPROVED;
  else if (g_strcmp0 (response, "not-improved") == 0)
    outcome = ATT_IMPROVE_NOT_IMPROVED;
  else
    return;
  if (!att_penalty_improve_outcome (get_db (self), att_context_get_user (self->context), id, outcome,
                                    gtk_editable_get_text (entry), &error))
    {
      show_error (self, error->message);
      return;
    }
  att_penalty_case_reload (self);
}

static void
improve_outcome_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AttPenaltyCase *self = ATT_PENALTY_CASE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AttNoticeToImprove) notice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *end = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *entry;

  notice = att_penalty_improve_get (get_db (self), id, &error);
  if (notice == NULL)
    {
      show_error (self, error->message);
      return;
    }
  end = att_date_format_long (notice->period_end);
  /* Translators: %s is the last day of the improvement period; %u the
   * unauthorised sessions inside it */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The improvement period ended on %s, with %u unauthorised session inside it.",
                                       "The improvement period ended on %s, with %u unauthorised sessions inside it.",
                                       notice->flagged),
                          end, notice->flagged);
  dialog = adw_message_dialog_new (get_window (self), _("Record the Outcome?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("A note for the case (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("A note on the outcome"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "not-improved", _("_Not Improved"),
                                    "improved", _("_Improved"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "not-improved",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "notice-id", GSIZE_TO_POINTER ((gsize)id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_outcome_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* A penalty notice moved on: issued, paid, withdrawn or prosecuted, on
 * the day the office gives (today unless it says otherwise: a payment
 * the local authority reports a week late happened on its own day), with
 * a note. */
static void
on_status_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AttPenaltyCase   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "note-entry");
  GtkEditable *date_entry = g_object_get_data (G_OBJECT (dialog), "date-entry");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "notice-id"));
  AttPenaltyNoticeStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "status"));
  g_autoptr(GError) error = NULL;
  AttDate date;

  if (g_strcmp0 (response, "record") != 0)
    return;
  date = att_date_parse (gtk_editable_get_text (date_entry), &error);
  if (date == ATT_DATE_NONE)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says what is wrong with the date typed */
      message = g_strdup_printf (_("The date of the change: %s"), error->message);
      show_error (self, message);
      return;
    }
  if (!att_penalty_notice_set_status (get_db (self), att_context_get_user (self->context), id, status,
                                      date, gtk_editable_get_text (entry), &error))
    {
      show_error (self, error->message);
      return;
    }
  att_penalty_case_reload (self);
}

static void
notice_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttPenaltyCase *self = ATT_PENALTY_CASE (widget);
  gint64 id;
  const char *name;
  AttPenaltyNoticeStatus status;
  g_autoptr(AttPenaltyNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *today = att_date_format (att_context_get_today (self->context));
  GtkWidget *dialog, *entry, *date_entry, *box;

  g_variant_get (parameter, "(x&s)", &id, &name);
  if (!att_penalty_notice_status_parse (name, &status, &error)
      || (notice = att_penalty_notice_get (get_db (self), id, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }
  /* Translators: %s is a penalty notice's new status, as in "Paid" */
  heading = g_strdup_printf (_("Mark the Notice %s?"), att_penalty_notice_status_describe (status));
  /* Translators: the parent's name */
  body = g_strdup_printf (_("The penalty notice to %s is recorded as changed on the day below."),
                          notice->parent != NULL ? notice->parent : "");
  dialog = adw_message_dialog_new (get_window (self), heading, body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  date_entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (date_entry), today);
  gtk_entry_set_placeholder_text (GTK_ENTRY (date_entry), _("The day of the change, such as 2026-11-20"));
  gtk_entry_set_activates_default (GTK_ENTRY (date_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (date_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The day of the change"), -1);
  gtk_box_append (GTK_BOX (box), date_entry);
  entry = gtk_entry_new ();
  gtk_box_append (GTK_BOX (box), entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("A note, such as the local authority’s reference (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("A note on the change"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "note-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "date-entry", date_entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "notice-id", GSIZE_TO_POINTER ((gsize)id));
  g_object_set_data (G_OBJECT (dialog), "status", GUINT_TO_POINTER (status));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_status_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
att_penalty_case_dispose (GObject *object)
{
  AttPenaltyCase *self = ATT_PENALTY_CASE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_PENALTY_CASE);
  g_clear_object (&self->context);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (att_penalty_case_parent_class)->dispose (object);
}

static void
att_penalty_case_class_init (AttPenaltyCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_penalty_case_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/penalty/att-penalty-case.ui");
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, figures_label);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, consider_button);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, improve_button);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, notice_button);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, considerations_list);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, improve_list);
  gtk_widget_class_bind_template_child (widget_class, AttPenaltyCase, notices_list);

  gtk_widget_class_install_action (widget_class, "case.consider", NULL, consider_action);
  gtk_widget_class_install_action (widget_class, "case.improve", NULL, improve_action);
  gtk_widget_class_install_action (widget_class, "case.request-notice", NULL, request_notice_action);
  gtk_widget_class_install_action (widget_class, "case.improve-outcome", "x", improve_outcome_action);
  gtk_widget_class_install_action (widget_class, "case.improve-letter", "x", improve_letter_action);
  gtk_widget_class_install_action (widget_class, "case.notice-status", "(xs)", notice_status_action);
}

static void
att_penalty_case_init (AttPenaltyCase *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

gint64
att_penalty_case_get_pupil_id (AttPenaltyCase *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_CASE (self), 0);

  return self->pupil_id;
}

GtkListBox *
att_penalty_case_get_considerations (AttPenaltyCase *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_CASE (self), NULL);

  return self->considerations_list;
}

GtkListBox *
att_penalty_case_get_improve_list (AttPenaltyCase *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_CASE (self), NULL);

  return self->improve_list;
}

GtkListBox *
att_penalty_case_get_notices_list (AttPenaltyCase *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_CASE (self), NULL);

  return self->notices_list;
}

const char *
att_penalty_case_get_figures (AttPenaltyCase *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_CASE (self), NULL);

  return gtk_label_get_label (self->figures_label);
}

const char *
att_penalty_case_get_error (AttPenaltyCase *self)
{
  g_return_val_if_fail (ATT_IS_PENALTY_CASE (self), NULL);

  return self->error;
}
