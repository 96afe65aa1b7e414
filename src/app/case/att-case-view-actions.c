/* att-case-view-actions.c: the case's letters, the family's details
 * confirmed, and the referral pack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-case-view-private.h"
#include "att-case.h"
#include "att-casepack-document.h"
#include "att-casepack.h"
#include "att-contacts.h"
#include "att-letter-batch-document.h"
#include "att-print-operation.h"

/* Letters of a meeting */

/* Prints @batch (the invitation or outcome letter of meeting @id) and,
 * once it went to the printer, logs it as posted today and keeps it on
 * the meeting. */
static void
print_meeting_letter (AttCaseView    *self,
                      gint64          meeting_id,
                      AttLetterBatch *batch,
                      GError         *error)
{
  AttContext *context = _att_case_view_get_context (self);
  AttDb *db = _att_case_view_get_db (self);
  g_autoptr(GError) print_error = error;
  g_autoptr(AttLetterhead) letterhead = NULL;
  g_autoptr(AttDocument) document = NULL;
  gboolean sent = FALSE;

  if (batch == NULL)
    {
      _att_case_view_show_message (self, print_error->message);
      return;
    }
  if (att_letter_batch_get_n_items (batch) == 0)
    {
      GPtrArray *problems = att_letter_batch_get_problems (batch);
      g_autoptr(GString) text = g_string_new (_("There is nobody to write to:"));

      for (guint i = 0; i < problems->len; i++)
        {
          const AttLetterProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (text, "\n%s", problem->message);
        }
      _att_case_view_show_message (self, text->str);
      return;
    }

  letterhead = att_letterhead_load (db);
  document = att_letter_batch_document_new (batch, letterhead);
  if (!att_print_operation_print_sent (document, _att_case_view_get_window (self), &sent, &print_error))
    {
      _att_case_view_show_message (self, print_error->message);
      return;
    }
  /* A cancelled print sends nothing, and logs nothing. */
  if (!sent)
    return;
  if (!att_case_meeting_letter_record (db, att_context_get_user (context), meeting_id, batch,
                                       ATT_LETTER_POST, att_context_get_today (context), &print_error))
    {
      _att_case_view_show_message (self, print_error->message);
      return;
    }
  _att_case_view_show_message (self, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s",
                              g_dngettext (GETTEXT_PACKAGE, "The letter was printed and logged as posted today",
                                           "The letters were printed and logged as posted today",
                                           att_letter_batch_get_n_items (batch)));
  att_case_view_refresh (self);
}

void
_att_case_view_print_invitation_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  AttDb *db = _att_case_view_get_db (self);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AttLetterBatch) batch = NULL;
  GError *error = NULL;

  if (db == NULL)
    return;
  batch = att_case_meeting_invitation (db, id, att_context_get_today (_att_case_view_get_context (self)),
                                       &error);
  print_meeting_letter (self, id, batch, error);
}

void
_att_case_view_print_outcome_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  AttDb *db = _att_case_view_get_db (self);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(AttLetterBatch) batch = NULL;
  GError *error = NULL;

  if (db == NULL)
    return;
  batch = att_case_meeting_outcome_letter (db, id,
                                           att_context_get_today (_att_case_view_get_context (self)),
                                           &error);
  print_meeting_letter (self, id, batch, error);
}

/* The family's details */

void
_att_case_view_fill_contacts (AttCaseView *self,
                              AttDb       *db,
                              GtkListBox  *list)
{
  AttContext *context = _att_case_view_get_context (self);
  AttDate today = att_context_get_today (context);
  g_autoptr(GError) denied = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (db, att_case_view_get_pupil_id (self), &error);

  /* Confirming details is an edit of the contact. */
  if (att_context_get_user (context) == NULL)
    g_set_error_literal (&denied, ATT_ERROR, ATT_ERROR_PERMISSION, _("Nobody is signed in"));
  else
    att_user_require (att_context_get_user (context), ATT_PERM_EDIT_PUPILS, &denied);
  if (contacts == NULL || contacts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     contacts == NULL ? error->message : _("No contacts recorded"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (list, row);
      return;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *name = att_contact_dup_name (contact);
      g_autofree char *title = NULL;
      g_autoptr(GString) subtitle = g_string_new (contact->relationship);
      gboolean stale = att_contact_details_stale (contact, today);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      /* Translators: a contact's place in the calling order and name, as in "1. Mrs Amina Khan" */
      title = g_strdup_printf (_("%d. %s"), contact->priority, name);
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      if (contact->details_checked == ATT_DATE_NONE)
        g_string_append (subtitle, _("details never checked with the family: check them before a referral"));
      else
        {
          g_autofree char *checked = att_date_format_long (contact->details_checked);

          if (stale)
            /* Translators: %s is a date */
            g_string_append_printf (subtitle, _("details last checked on %s, more than six months ago: check them again"),
                                    checked);
          else
            /* Translators: %s is a date */
            g_string_append_printf (subtitle, _("details checked on %s"), checked);
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (stale)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, _("Details to check again"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Details to check again"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }

      button = gtk_button_new_with_label (_("Confirm Details"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, denied != NULL ? denied->message
                                                          : _("The family confirmed today that these details are still right"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.confirm-contact");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (contact->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (list, row);
    }
}

void
_att_case_view_confirm_contact_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  AttContext *context = _att_case_view_get_context (self);
  AttDb *db = _att_case_view_get_db (self);
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    return;
  if (!att_contacts_confirm (db, att_context_get_user (context), att_case_view_get_pupil_id (self),
                             g_variant_get_int64 (parameter), att_context_get_today (context), &error))
    {
      _att_case_view_show_message (self, error->message);
      return;
    }
  _att_case_view_show_message (self, NULL);
  att_case_view_refresh (self);
}

/* The referral pack */

gboolean
att_case_view_save_referral_pack (AttCaseView *self,
                                  const char  *path,
                                  GError     **error)
{
  AttContext *context;
  AttDb *db;
  AttCasepack *pack;
  g_autoptr(AttLetterhead) letterhead = NULL;
  g_autoptr(AttDocument) document = NULL;

  g_return_val_if_fail (ATT_IS_CASE_VIEW (self), FALSE);

  context = _att_case_view_get_context (self);
  db = _att_case_view_get_db (self);
  if (db == NULL || att_case_view_get_pupil_id (self) == 0)
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                           _("Open a pupil’s case to save their referral pack"));
      return FALSE;
    }
  if (att_context_get_user (context) == NULL)
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_PERMISSION, _("Nobody is signed in"));
      return FALSE;
    }
  if (!att_user_require (att_context_get_user (context), ATT_PERM_CASEWORK, error))
    return FALSE;

  pack = att_casepack_collect (db, att_case_view_get_pupil_id (self), att_context_get_today (context),
                               NULL, error);
  if (pack == NULL)
    return FALSE;
  if (!att_casepack_can_finalise (pack, error))
    {
      att_casepack_free (pack);
      return FALSE;
    }
  letterhead = att_letterhead_load (db);
  /* The document takes the pack, and refuses it while the certificate
   * holds N or unmarked sessions; it keeps it for the log below. */
  document = att_casepack_document_new_for (pack, letterhead, error);
  if (document == NULL)
    return FALSE;
  return att_print_operation_export_pdf (document, _att_case_view_get_window (self), path, error)
         && att_casepack_record_export (db, att_context_get_user (context), pack, path, error);
}

static void
on_pack_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(AttCaseView) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !att_case_view_save_referral_pack (self, path, &error))
        _att_case_view_show_message (self, error->message);
      else if (path != NULL)
        {
          /* Translators: %s is a file */
          g_autofree char *text = g_strdup_printf (_("The referral pack was saved as %s"), path);

          _att_case_view_show_message (self, NULL);
          gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text);
        }
    }
  g_object_unref (dialog);
}

void
_att_case_view_referral_pack_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  AttCaseView *self = ATT_CASE_VIEW (widget);
  AttContext *context = _att_case_view_get_context (self);
  AttDb *db = _att_case_view_get_db (self);
  g_autoptr(AttCasepack) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (db == NULL || att_case_view_get_pupil_id (self) == 0)
    return;

  /* Refused before a file is chosen: a pack with N or unmarked sessions
   * in its certificate is returned by the authority. */
  pack = att_casepack_collect (db, att_case_view_get_pupil_id (self), att_context_get_today (context),
                               NULL, &error);
  if (pack == NULL || !att_casepack_can_finalise (pack, &error))
    {
      _att_case_view_show_message (self, error->message);
      return;
    }
  _att_case_view_show_message (self, NULL);

  name = _att_case_view_file_name (self, "referral-pack", "pdf");
  chooser = gtk_file_chooser_native_new (_("Save the Referral Pack"), _att_case_view_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_pack_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
