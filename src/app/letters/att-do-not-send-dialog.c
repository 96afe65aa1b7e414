/* att-do-not-send-dialog.c: "do not send" for one pupil's letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The office holds a family's letters for a while when a warning would
 * be wrong: a bereavement, a plan agreed with the family. The pupil's
 * rows stay on the due list, excluded with this reason, until the day
 * given (inclusive), so that nobody wonders where they went.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-do-not-send-dialog.h"
#include "att-letters-due.h"
#include "att-letters-form.h"

typedef struct
{
  AttContext     *context;
  AttLettersForm *form;
  gint64          pupil_id;
} Dialog;

static void
dialog_free (gpointer  data,
             GClosure *closure)
{
  Dialog *d = data;

  g_object_unref (d->context);
  g_free (d);
}

static void
show_error (GtkWindow  *parent,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, NULL, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Dialog           *d)
{
  AttDb *db = att_context_get_db (d->context);
  const AttUser *user = att_context_get_user (d->context);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  AttDate until;

  if (db == NULL)
    return;
  if (g_strcmp0 (response, "clear") == 0)
    {
      if (!att_letters_do_not_send (db, user, d->pupil_id, NULL, ATT_DATE_NONE, &error))
        show_error (parent, error->message);
      return;
    }
  if (g_strcmp0 (response, "hold") != 0)
    return;
  reason = att_letters_form_get_reason (d->form);
  until = att_letters_form_get_date (d->form, &error);
  if (until == ATT_DATE_NONE && error == NULL)
    g_set_error (&error, ATT_ERROR, ATT_ERROR_INVALID,
                 _("Give the last day no letter is sent, as DD/MM/YYYY."));
  if (error != NULL || !att_letters_do_not_send (db, user, d->pupil_id, reason, until, &error))
    show_error (parent, error->message);
}

GtkWindow *
att_do_not_send_dialog_present (GtkWidget  *parent,
                                AttContext *context,
                                gint64      pupil_id)
{
  AttDb *db = att_context_get_db (context);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  AttDate today = att_context_get_today (context);
  g_autofree char *reason = NULL;
  g_autofree char *body = NULL;
  AttDate until = ATT_DATE_NONE;
  gboolean held;
  AttPupil *pupil;
  GtkWidget *dialog;
  Dialog *d;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  if (db == NULL || (pupil = att_pupils_get (db, pupil_id)) == NULL)
    return NULL;
  held = att_letters_do_not_send_get (db, pupil_id, today, &reason, &until, NULL);
  if (held)
    {
      g_autofree char *day = att_date_format_long (until);

      /* Translators: a pupil's name, a day and the reason given */
      body = g_strdup_printf (_("No letter goes to %s’s family until %s: %s. Change the day or the reason, or send letters again."),
                              att_pupil_get_display_name (pupil), day, reason != NULL ? reason : "");
    }
  else
    /* Translators: a pupil's name */
    body = g_strdup_printf (_("No letter of the ladder goes to %s’s family until the day you give, inclusive. Their letters stay on the due list, marked with the reason."),
                            att_pupil_get_display_name (pupil));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Do Not Send Letters"), body);
  d = g_new0 (Dialog, 1);
  d->context = g_object_ref (context);
  d->pupil_id = pupil_id;
  /* Until the end of the school year by default. */
  d->form = att_letters_form_new (ATT_LETTERS_FORM_REASON | ATT_LETTERS_FORM_DATE, _("Until (DD/MM/YYYY)"),
                                  held ? until : att_date_from_ymd (att_date_school_year (today) + 1, 8, 31));
  if (held && reason != NULL)
    gtk_editable_set_text (GTK_EDITABLE (att_letters_form_get_line (d->form, "reason")), reason);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (d->form));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (held)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "clear", _("_Send Letters Again"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "hold", _("_Hold Letters"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "hold", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "hold");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), d, dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  att_letters_form_focus (d->form);
  return GTK_WINDOW (dialog);
}
