/* att-certificate-dialog.c: a pupil's registration certificate: its
 * span, its totals, and the sessions to correct before it can go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The certificate is read again each time the span changes. While the
 * span holds an N or a past session with no mark, the dialog lists those
 * sessions, each with a button to the register at its day with the
 * pupil's row in focus, and Save PDF and Print are disabled, their
 * tooltips saying why: a local authority returns a referral for them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-case-form.h"
#include "att-certificate-dialog.h"
#include "att-certificate-document.h"
#include "att-print-operation.h"

struct _AttCertificateDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkLabel            *pupil_label;
  AdwComboRow         *span_row;
  AdwEntryRow         *from_row;
  AdwEntryRow         *to_row;
  GtkLabel            *error_label;
  AdwPreferencesGroup *problems_group;
  GtkListBox          *problems_list;
  AdwPreferencesGroup *totals_group;
  GtkListBox          *totals_list;
  GtkButton           *save_button;
  GtkButton           *print_button;

  AttContext          *context;
  gint64               pupil_id;
  AttCertificate      *certificate;
  char                *reason;       /* why it cannot be saved or printed */
  gboolean             choosing;     /* att_certificate_dialog_choose() at work */
};

G_DEFINE_FINAL_TYPE (AttCertificateDialog, att_certificate_dialog, ADW_TYPE_WINDOW)

static AttDb *
get_db (AttCertificateDialog *self)
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

static void
add_total (AttCertificateDialog *self,
           const char           *title,
           const char           *value,
           const char           *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (self->totals_list, row);
}

static void
add_total_count (AttCertificateDialog *self,
                 const char           *title,
                 guint                 count,
                 const char           *subtitle)
{
  g_autofree char *value = g_strdup_printf ("%u", count);

  add_total (self, title, value, subtitle);
}

static void
fill_totals (AttCertificateDialog *self)
{
  const AttFigures *totals = att_certificate_get_totals (self->certificate);
  AttDate first, last;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *range = NULL;
  g_autofree char *attended = NULL;
  g_autofree char *outside_text = NULL;
  guint n_sessions = 0;
  guint outside = att_certificate_get_n_outside_age (self->certificate);

  att_certificate_get_range (self->certificate, &first, &last);
  att_certificate_get_sessions (self->certificate, &n_sessions);
  first_text = att_date_format_long (first);
  last_text = att_date_format_long (last);
  /* Translators: a range of dates, "from – to" */
  range = g_strdup_printf (_("%s – %s"), first_text, last_text);
  add_total (self, _("Days"), range, NULL);
  if (outside > 0)
    /* Translators: said of the sessions a certificate lists */
    outside_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u of them while not yet of compulsory school age",
                                                 "%u of them while not of compulsory school age",
                                                 outside),
                                    outside);
  add_total_count (self, _("Sessions listed"), n_sessions, outside_text);
  add_total_count (self, _("Possible sessions"), totals->possible, NULL);
  /* Translators: sessions attended and the percentage, as in "340 (94.4%)" */
  attended = g_strdup_printf (_("%u (%.1f%%)"), att_figures_attended (totals),
                              att_figures_attendance_pct (totals));
  add_total (self, _("Attended"), attended, _("Present, late before the register closed, and approved educational activity"));
  add_total_count (self, _("Authorised absence"), totals->authorised, NULL);
  add_total_count (self, _("Unauthorised absence"), totals->unauthorised, NULL);
  add_total_count (self, _("Past sessions with no mark"), totals->missing, NULL);
}

static void
fill_problems (AttCertificateDialog *self)
{
  GArray *problems = att_certificate_get_problems (self->certificate);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const AttCertificateProblem *problem = &g_array_index (problems, AttCertificateProblem, i);
      g_autofree char *day = att_date_format_long (problem->date);
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Open Register"));

      /* Translators: a day and its session, as in "Tue 3 Nov 2026 AM" */
      title = g_strdup_printf (_("%s %s"), day, problem->session == ATT_SESSION_AM ? _("AM") : _("PM"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   problem->kind == ATT_CERTIFICATE_PROBLEM_N
                                   ? _("N: no reason yet; find out why and mark the absence")
                                   : _("No mark: take the register for this session"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Open the register at this day with the pupil’s row in focus"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "certificate.open-register");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_int32 ((gint32)problem->date));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->problems_list, row);
    }
}

/* The span chosen, or FALSE with the field named. */
static gboolean
get_span (AttCertificateDialog *self,
          AttCertificateSpan   *span,
          GError              **error)
{
  span->n_sessions = 0;
  span->from = span->to = ATT_DATE_NONE;
  switch (adw_combo_row_get_selected (self->span_row))
    {
    case ATT_CERTIFICATE_CHOICE_LAST_60:
      span->kind = ATT_CERTIFICATE_SPAN_LAST_SESSIONS;
      span->n_sessions = 60;
      return TRUE;
    case ATT_CERTIFICATE_CHOICE_LAST_100:
      span->kind = ATT_CERTIFICATE_SPAN_LAST_SESSIONS;
      span->n_sessions = 100;
      return TRUE;
    case ATT_CERTIFICATE_CHOICE_THIS_YEAR:
      span->kind = ATT_CERTIFICATE_SPAN_THIS_YEAR;
      return TRUE;
    case ATT_CERTIFICATE_CHOICE_THIS_AND_LAST:
      span->kind = ATT_CERTIFICATE_SPAN_THIS_AND_LAST;
      return TRUE;
    case ATT_CERTIFICATE_CHOICE_DATES:
    default:
      span->kind = ATT_CERTIFICATE_SPAN_RANGE;
      return att_case_form_parse_date (self->from_row, TRUE, &span->from, error)
             && att_case_form_parse_date (self->to_row, TRUE, &span->to, error);
    }
}

static void
update (AttCertificateDialog *self)
{
  AttDb *db = get_db (self);
  AttCertificateSpan span;
  g_autoptr(GError) error = NULL;
  gboolean dates = adw_combo_row_get_selected (self->span_row) == ATT_CERTIFICATE_CHOICE_DATES;
  gboolean ready;

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), dates);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), dates);
  att_case_form_mark_error (self->from_row, FALSE);
  att_case_form_mark_error (self->to_row, FALSE);
  g_clear_pointer (&self->certificate, att_certificate_unref);
  g_clear_pointer (&self->reason, g_free);
  clear_list (self->problems_list);
  clear_list (self->totals_list);

  if (db != NULL && get_span (self, &span, &error))
    self->certificate = att_certificate_new (db, self->pupil_id, &span,
                                             att_context_get_today (self->context), &error);

  gtk_label_set_label (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->totals_group), self->certificate != NULL);
  if (self->certificate == NULL)
    {
      self->reason = g_strdup (error != NULL ? error->message : _("No school is open"));
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
    }
  else
    {
      g_autoptr(GError) refusal = NULL;

      fill_totals (self);
      fill_problems (self);
      if (!att_certificate_can_finalise (self->certificate, &refusal))
        self->reason = g_strdup (refusal->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), self->reason != NULL);
      adw_preferences_group_set_description (self->problems_group, self->reason);
    }

  ready = self->reason == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certificate.save-pdf", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certificate.print", ready);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               ready ? _("Save the certificate as a PDF to send with the referral")
                                     : self->reason);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->print_button),
                               ready ? _("Print the certificate for the headteacher to sign")
                                     : self->reason);
}

static void
on_span_changed (AttCertificateDialog *self)
{
  if (!self->choosing)
    update (self);
}

gboolean
att_certificate_dialog_save_pdf (AttCertificateDialog *self,
                                 const char           *path,
                                 GError              **error)
{
  g_autoptr(AttLetterhead) letterhead = NULL;
  g_autoptr(AttDocument) document = NULL;

  g_return_val_if_fail (ATT_IS_CERTIFICATE_DIALOG (self), FALSE);

  if (self->certificate == NULL)
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_INVALID,
                           self->reason != NULL ? self->reason : _("Choose the sessions first"));
      return FALSE;
    }
  if (!att_certificate_can_finalise (self->certificate, error))
    return FALSE;
  letterhead = att_letterhead_load (get_db (self));
  document = att_certificate_document_new (self->certificate, letterhead);
  return att_print_operation_export_pdf (document, GTK_WINDOW (self), path, error);
}

static void
show_error (AttCertificateDialog *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(AttCertificateDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !att_certificate_dialog_save_pdf (self, path, &error))
        show_error (self, error->message);
      else if (path != NULL)
        {
          /* Translators: %s is a file */
          g_autofree char *text = g_strdup_printf (_("The certificate was saved as %s"), path);
          GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

          if (parent != NULL)
            gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-toast", "s", text);
          gtk_window_close (GTK_WINDOW (self));
        }
    }
  g_object_unref (chooser);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttCertificateDialog *self = ATT_CERTIFICATE_DIALOG (widget);
  AttPupil *pupil = self->certificate != NULL ? att_certificate_get_pupil (self->certificate) : NULL;
  g_autofree char *day = att_date_format (att_context_get_today (self->context));
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (pupil == NULL)
    return;
  name = g_strdup_printf ("certificate-%s-%s.pdf", pupil->upn != NULL ? pupil->upn : "pupil", day);
  chooser = gtk_file_chooser_native_new (_("Save the Registration Certificate"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttCertificateDialog *self = ATT_CERTIFICATE_DIALOG (widget);
  g_autoptr(AttLetterhead) letterhead = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (self->certificate == NULL || !att_certificate_can_finalise (self->certificate, &error))
    {
      if (error != NULL)
        show_error (self, error->message);
      return;
    }
  letterhead = att_letterhead_load (get_db (self));
  document = att_certificate_document_new (self->certificate, letterhead);
  if (!att_print_operation_print (document, GTK_WINDOW (self), &error))
    show_error (self, error->message);
}

/* The register at the problem's day, the pupil's row in focus, in the
 * window under the dialog; the dialog closes so the register is seen. */
static void
open_register_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttCertificateDialog *self = ATT_CERTIFICATE_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-register-pupil-day", "(xi)",
                              self->pupil_id, g_variant_get_int32 (parameter));
  gtk_window_close (GTK_WINDOW (self));
}

static void
att_certificate_dialog_dispose (GObject *object)
{
  AttCertificateDialog *self = ATT_CERTIFICATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_CERTIFICATE_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->certificate, att_certificate_unref);

  G_OBJECT_CLASS (att_certificate_dialog_parent_class)->dispose (object);
}

static void
att_certificate_dialog_finalize (GObject *object)
{
  AttCertificateDialog *self = ATT_CERTIFICATE_DIALOG (object);

  g_free (self->reason);

  G_OBJECT_CLASS (att_certificate_dialog_parent_class)->finalize (object);
}

static void
att_certificate_dialog_class_init (AttCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_certificate_dialog_dispose;
  object_class->finalize = att_certificate_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/case/att-certificate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, pupil_label);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, span_row);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, totals_group);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, totals_list);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AttCertificateDialog, print_button);
  gtk_widget_class_bind_template_callback (widget_class, on_span_changed);

  gtk_widget_class_install_action (widget_class, "certificate.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "certificate.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "certificate.open-register", "i", open_register_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "certificate.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "certificate.print", NULL);
}

static void
att_certificate_dialog_init (AttCertificateDialog *self)
{
  g_autoptr(GtkStringList) spans = gtk_string_list_new (NULL);

  self->choosing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order of AttCertificateChoice. */
  gtk_string_list_append (spans, _("The last 60 sessions"));
  gtk_string_list_append (spans, _("The last 100 sessions"));
  gtk_string_list_append (spans, _("This school year"));
  gtk_string_list_append (spans, _("This school year and the last"));
  gtk_string_list_append (spans, _("Dates chosen…"));
  adw_combo_row_set_model (self->span_row, G_LIST_MODEL (spans));
  self->choosing = FALSE;
}

AttCertificateDialog *
att_certificate_dialog_new (AttContext *context,
                            GtkWindow  *parent,
                            gint64      pupil_id)
{
  AttCertificateDialog *self;
  AttDb *db;
  AttPupil *pupil;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_CERTIFICATE_DIALOG,
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
  {
    /* Chosen dates start as this school year to today. */
    AttDate today = att_context_get_today (context);
    g_autofree char *from = att_case_form_date_text (att_date_school_year_start (today));
    g_autofree char *to = att_case_form_date_text (today);

    self->choosing = TRUE;
    gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
    gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
    self->choosing = FALSE;
  }
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->span_row));
  return self;
}

void
att_certificate_dialog_choose (AttCertificateDialog *self,
                               AttCertificateChoice  choice,
                               AttDate               from,
                               AttDate               to)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  g_return_if_fail (ATT_IS_CERTIFICATE_DIALOG (self));

  self->choosing = TRUE;
  if (choice == ATT_CERTIFICATE_CHOICE_DATES)
    {
      from_text = att_case_form_date_text (from);
      to_text = att_case_form_date_text (to);
      gtk_editable_set_text (GTK_EDITABLE (self->from_row), from_text);
      gtk_editable_set_text (GTK_EDITABLE (self->to_row), to_text);
    }
  adw_combo_row_set_selected (self->span_row, choice);
  self->choosing = FALSE;
  update (self);
}

AttCertificate *
att_certificate_dialog_get_certificate (AttCertificateDialog *self)
{
  g_return_val_if_fail (ATT_IS_CERTIFICATE_DIALOG (self), NULL);
  return self->certificate;
}

GtkListBox *
att_certificate_dialog_get_problems_list (AttCertificateDialog *self)
{
  g_return_val_if_fail (ATT_IS_CERTIFICATE_DIALOG (self), NULL);
  return self->problems_list;
}

const char *
att_certificate_dialog_get_reason (AttCertificateDialog *self)
{
  g_return_val_if_fail (ATT_IS_CERTIFICATE_DIALOG (self), NULL);
  return self->reason;
}
