/* att-letters-page-batch.c: a batch of letters on the Letters page: the
 * data check, then printing, saving or exporting, and the log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch is made on a thread with a connection of its own (hundreds of
 * letters merged take a moment), then shown in a view of its own that
 * the back button leaves. The data check comes first: the letters of a
 * pupil with a problem (a parent with no address, marks still missing)
 * are left out of the batch, so every letter printed is right, and those
 * pupils' letters stay due until their records are put right. The rest
 * go by the way each stage asks (post, by hand, e-mail or text), each way
 * its own line with its own buttons; once printed or saved, the officer
 * says how and when they went, and they are logged.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-letter-batch-document.h"
#include "att-letters-form.h"
#include "att-letters-page-private.h"
#include "att-mail-settings.h"
#include "att-mail.h"
#include "att-print-operation.h"

static const AttLetterDelivery deliveries[] = {
  ATT_LETTER_POST, ATT_LETTER_BY_HAND, ATT_LETTER_EMAIL, ATT_LETTER_TEXT,
};

static const AttUser *
get_user (AttLettersPage *self)
{
  return att_context_get_user (att_page_get_context (ATT_PAGE (self)));
}

static AttLetterProblem *
problem_copy (const AttLetterProblem *problem)
{
  AttLetterProblem *copy = g_new0 (AttLetterProblem, 1);

  copy->pupil_id = problem->pupil_id;
  copy->contact_id = problem->contact_id;
  copy->kind = problem->kind;
  copy->message = g_strdup (problem->message);
  return copy;
}

static char *
delivery_title (AttLetterDelivery delivery,
                guint             n)
{
  switch (delivery)
    {
    case ATT_LETTER_POST:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter by post", "%u letters by post", n), n);
    case ATT_LETTER_BY_HAND:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter by hand", "%u letters by hand", n), n);
    case ATT_LETTER_EMAIL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter by e-mail", "%u letters by e-mail", n), n);
    case ATT_LETTER_TEXT:
    case ATT_LETTER_N_DELIVERIES:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u text message", "%u text messages", n), n);
    }
}

static GtkWidget *
delivery_button (const char        *label,
                 const char        *tooltip,
                 const char        *action_name,
                 AttLetterDelivery  delivery,
                 gboolean           suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", att_letter_delivery_to_string (delivery));
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

/* Whether the school's mail server is set up: only then are letters
 * offered by e-mail. */
static gboolean
mail_is_set_up (AttLettersPage *self)
{
  g_autoptr(AttMailSettings) settings = self->db != NULL ? att_mail_settings_load (self->db, NULL) : NULL;

  return settings != NULL && att_mail_settings_is_set_up (settings);
}

/* One line per way the batch's letters go, with what can be done. */
static void
fill_deliveries (AttLettersPage *self)
{
  gboolean first = TRUE;
  gboolean mail = mail_is_set_up (self);

  _att_letters_page_clear_list (self->deliveries_list);
  for (guint i = 0; i < G_N_ELEMENTS (deliveries); i++)
    {
      AttLetterDelivery delivery = deliveries[i];
      g_autoptr(AttLetterBatch) part = att_letter_batch_select (self->batch, delivery);
      guint n = att_letter_batch_get_n_items (part);
      g_autofree char *title = NULL;
      const char *subtitle = NULL;
      GtkWidget *row;
      gboolean done = (self->batch_done & (1u << delivery)) != 0;

      if (n == 0)
        continue;
      title = delivery_title (delivery, n);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (done)
        subtitle = _("Sent and logged");
      else if (self->batch_reprint)
        subtitle = _("Copies of letters already logged: they are not logged again");
      else if (delivery == ATT_LETTER_TEXT)
        subtitle = _("Saved as a file for the school’s texting service, and logged as sent");
      else if (delivery == ATT_LETTER_EMAIL && mail)
        subtitle = _("Each sent as a PDF to the parent’s e-mail address, and logged as it goes");
      else if (delivery == ATT_LETTER_EMAIL)
        subtitle = _("Sending e-mail is not set up (Mail Server… in the menu): print these and post them or hand them over");
      else
        subtitle = _("Printed, or saved as one PDF, then logged with how and when they went");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      if (done)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Logged"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      else if (delivery == ATT_LETTER_EMAIL && mail && !self->batch_reprint)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   delivery_button (_("Send by _E-mail"),
                                                    _("Send each letter as a PDF through the school’s mail server"),
                                                    "letters.email", delivery, first));
      else if (delivery == ATT_LETTER_TEXT)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   delivery_button (_("E_xport Texts…"),
                                                    _("Save the texts as a CSV file for the school’s texting service"),
                                                    "letters.export-texts", delivery, first));
      else
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     delivery_button (_("Save as P_DF…"),
                                                      _("Save the letters as one PDF file"),
                                                      "letters.save-batch", delivery, FALSE));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     delivery_button (_("_Print…"),
                                                      _("Print the letters, with a preview"),
                                                      "letters.print-batch", delivery, first));
        }
      if (!done)
        first = FALSE;
      gtk_list_box_append (self->deliveries_list, row);
    }
}

static void
fill_summary (AttLettersPage *self)
{
  GString *text = g_string_new (NULL);
  GPtrArray *items = att_letter_batch_get_items (self->batch);
  g_autoptr(GHashTable) pupils = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = items->len;

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (pupils, &((AttLetterBatchItem *)g_ptr_array_index (items, i))->pupil_id);

  if (self->batch_reprint)
    g_string_append (text, _("A copy of a letter already logged, as it was sent. Printing it again does not log it again."));
  else if (n == 0)
    g_string_append (text, _("No letter can be sent until the problems below are put right."));
  else
    {
      guint n_pupils = g_hash_table_size (pupils);

      /* Translators: the number of letters ready, then of pupils */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u letter is ready", "%u letters are ready", n), n);
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " for %u pupil.", " for %u pupils.", n_pupils),
                              n_pupils);
    }
  if (self->batch_left_out > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "The letters of %u pupil are left out because of the problems below; the others can be sent now.",
                                           "The letters of %u pupils are left out because of the problems below; the others can be sent now.",
                                           self->batch_left_out),
                              self->batch_left_out);
    }
  gtk_label_set_label (self->batch_summary, text->str);
  g_string_free (text, TRUE);
}

/* The problems listed, at most: the rest are counted. */
#define MAX_PROBLEMS 100

static void
fill_problems (AttLettersPage *self)
{
  _att_letters_page_clear_list (self->problems_list);
  for (guint i = 0; i < self->batch_problems->len && i < MAX_PROBLEMS; i++)
    {
      AttLetterProblem *problem = g_ptr_array_index (self->batch_problems, i);
      AttPupil *pupil = self->db != NULL ? att_pupils_get (self->db, problem->pupil_id) : NULL;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (pupil != NULL ? att_pupil_get_display_name (pupil) : "", -1);
      g_autofree char *message = g_markup_escape_text (problem->message != NULL ? problem->message : "", -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the pupil’s record to put it right"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->problems_list, row);
    }
  if (self->batch_problems->len > MAX_PROBLEMS)
    {
      guint more = self->batch_problems->len - MAX_PROBLEMS;
      g_autofree char *text = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: problems beyond those listed */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more problem: put these right and check again",
                                           "And %u more problems: put these right and check again", more),
                              more);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_widget_set_visible (self->problems_group, self->batch_problems->len > 0);
}

void
_att_letters_page_batch_show (AttLettersPage *self,
                              AttLetterBatch *batch,
                              gboolean        reprint)
{
  g_autoptr(GHashTable) left_out = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *problems = att_letter_batch_get_problems (batch);

  g_clear_pointer (&self->batch, att_letter_batch_unref);
  self->batch = att_letter_batch_ref (batch);
  self->batch_reprint = reprint;
  self->batch_done = 0;
  g_ptr_array_set_size (self->batch_problems, 0);
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (self->batch_problems, problem_copy (g_ptr_array_index (problems, i)));
  /* Every letter printed is right: a pupil with a problem waits. */
  for (guint i = 0; i < self->batch_problems->len; i++)
    {
      AttLetterProblem *problem = g_ptr_array_index (self->batch_problems, i);

      if (!g_hash_table_contains (left_out, &problem->pupil_id))
        {
          g_hash_table_add (left_out, &problem->pupil_id);
          att_letter_batch_remove_pupil (self->batch, problem->pupil_id);
        }
    }
  self->batch_left_out = g_hash_table_size (left_out);

  gtk_label_set_label (self->batch_title, att_letter_batch_get_title (self->batch));
  fill_summary (self);
  fill_deliveries (self);
  fill_problems (self);
  gtk_spinner_stop (self->batch_spinner);
  gtk_stack_set_visible_child_name (self->batch_stack, "ready");
  gtk_stack_set_visible_child_name (self->outer_stack, "batch");
  att_page_set_can_go_back (ATT_PAGE (self), TRUE);
  att_page_set_subtitle (ATT_PAGE (self), att_letter_batch_get_title (self->batch));
  att_page_actions_update (ATT_PAGE (self));
  gtk_widget_child_focus (GTK_WIDGET (self->deliveries_list), GTK_DIR_TAB_FORWARD);
}

void
_att_letters_page_batch_close (AttLettersPage *self)
{
  gboolean was_open = self->batch != NULL || self->batch_cancellable != NULL;

  self->batch_serial++;
  if (self->batch_cancellable != NULL)
    g_cancellable_cancel (self->batch_cancellable);
  g_clear_object (&self->batch_cancellable);
  g_clear_pointer (&self->batch, att_letter_batch_unref);
  if (self->batch_problems != NULL)
    g_ptr_array_set_size (self->batch_problems, 0);
  if (!was_open)
    return;
  gtk_spinner_stop (self->batch_spinner);
  gtk_stack_set_visible_child_name (self->outer_stack, "main");
  att_page_set_can_go_back (ATT_PAGE (self), FALSE);
  att_page_set_subtitle (ATT_PAGE (self), NULL);
  att_page_actions_update (ATT_PAGE (self));
  att_page_refresh (ATT_PAGE (self));
}

/* ------------------------------------------------------------------ */
/* Making the batch                                                    */

typedef struct
{
  char       *db_path;
  GPtrArray  *due;        /* AttLetterDue copies, or NULL for the half-termly reports */
  AttDate     date;
  guint       serial;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->due, g_ptr_array_unref);
  g_free (job);
}

static void
make_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  g_autoptr(AttDb) db = att_db_open (job->db_path, &error);
  AttLetterBatch *batch = NULL;

  if (db != NULL)
    batch = job->due != NULL ? att_letter_batch_new_from_due (db, job->due, job->date, &error)
                             : att_letter_batch_new_half_term (db, job->date, &error);
  if (db != NULL)
    att_db_close (db);
  if (batch == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, batch, (GDestroyNotify)att_letter_batch_unref);
}

static void
make_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed, or another batch asked for, meanwhile. */
  if (job->serial != self->batch_serial)
    return;
  g_clear_object (&self->batch_cancellable);
  if (batch == NULL)
    {
      _att_letters_page_batch_close (self);
      _att_letters_page_show_error (self, error->message);
      return;
    }
  _att_letters_page_batch_show (self, batch, FALSE);
}

void
_att_letters_page_batch_make (AttLettersPage *self,
                              gboolean        half_term)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->db == NULL || self->letters_error != NULL)
    return;
  _att_letters_page_batch_close (self);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (att_db_get_path (self->db));
  job->serial = ++self->batch_serial;
  if (half_term)
    job->date = self->today;
  else
    {
      job->date = self->due_date;
      job->due = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_due_free);
      for (guint i = 0; i < self->due_shown->len; i++)
        g_ptr_array_add (job->due, att_letter_due_copy (g_ptr_array_index (self->due_shown, i)));
    }

  self->batch_cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->batch_stack, "working");
  gtk_spinner_start (self->batch_spinner);
  gtk_stack_set_visible_child_name (self->outer_stack, "batch");
  att_page_set_can_go_back (ATT_PAGE (self), TRUE);
  att_page_actions_update (ATT_PAGE (self));

  task = g_task_new (self, self->batch_cancellable, make_done, NULL);
  g_task_set_source_tag (task, _att_letters_page_batch_make);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, make_thread);
}

AttLetterBatch *
att_letters_page_wait_batch (AttLettersPage *self)
{
  while (self->batch_cancellable != NULL)
    g_main_context_iteration (NULL, TRUE);
  return self->batch;
}

static void
half_term_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _att_letters_page_batch_make (ATT_LETTERS_PAGE (widget), TRUE);
}

static void
on_problem_activated (GtkListBox     *list,
                      GtkListBoxRow  *row,
                      AttLettersPage *self)
{
  int index = gtk_list_box_row_get_index (row);
  AttLetterProblem *problem;

  if (index < 0 || (guint)index >= self->batch_problems->len)
    return;
  problem = g_ptr_array_index (self->batch_problems, index);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-pupil", "x", problem->pupil_id);
}

/* ------------------------------------------------------------------ */
/* Logging what went                                                   */

typedef struct
{
  AttLettersPage    *page;
  AttLettersForm    *form;
  AttLetterBatch    *part;
  AttLetterDelivery  delivery;
  gboolean           legal;
} RecordDialog;

static void
record_dialog_free (gpointer  data,
                    GClosure *closure)
{
  RecordDialog *d = data;

  g_object_unref (d->page);
  att_letter_batch_unref (d->part);
  g_free (d);
}

static void
logged (AttLettersPage    *self,
        AttLetterDelivery  delivery,
        guint              n)
{
  g_autofree char *text = NULL;

  self->batch_done |= 1u << delivery;
  /* Translators: letters sent and logged */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter logged", "%u letters logged", n), n);
  _att_letters_page_toast (self, text);
  if (self->batch != NULL)
    fill_deliveries (self);
}

static void
on_record_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RecordDialog     *d)
{
  AttLettersPage *self = d->page;
  g_autoptr(GError) error = NULL;
  AttDate posted;

  if (g_strcmp0 (response, "record") != 0 || self->db == NULL)
    return;
  posted = att_letters_form_get_date (d->form, &error);
  if (error == NULL
      && att_letter_batch_record (self->db, get_user (self), d->part,
                                  att_letters_form_get_delivery (d->form), posted, &error))
    {
      logged (self, d->delivery, att_letter_batch_get_n_items (d->part));
      return;
    }
  /* Nothing was logged: ask again, so printed letters are not left out
   * of the log by a mistyped date. */
  _att_letters_page_show_error (self, error->message);
}

/* After letters are printed or saved: how they went, and when. */
static void
ask_record (AttLettersPage    *self,
            AttLetterBatch    *part,
            AttLetterDelivery  delivery)
{
  GPtrArray *items = att_letter_batch_get_items (part);
  RecordDialog *d;
  GtkWidget *dialog;
  GString *body = g_string_new (NULL);
  guint n = items->len;

  d = g_new0 (RecordDialog, 1);
  d->page = g_object_ref (self);
  d->part = att_letter_batch_ref (part);
  d->delivery = delivery;
  for (guint i = 0; i < items->len; i++)
    d->legal |= ((AttLetterBatchItem *)g_ptr_array_index (items, i))->legal_warning;

  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                             "How did the letter go, and when? It is logged with the figures it quoted.",
                                             "How did the %u letters go, and when? They are logged with the figures they quoted.",
                                             n),
                          n);
  g_string_append_c (body, ' ');
  if (d->legal)
    g_string_append (body, _("They warn of legal action, so the log must say how and when they were sent."));
  else
    g_string_append (body, _("Leave the date empty to log them as prepared and mark them as posted later."));
  g_string_append_c (body, ' ');
  g_string_append (body, _("Letters not logged stay on the due list."));

  dialog = adw_message_dialog_new (_att_letters_page_get_window (self), _("Log the Letters"), body->str);
  g_string_free (body, TRUE);
  d->form = att_letters_form_new (ATT_LETTERS_FORM_DELIVERY | ATT_LETTERS_FORM_DATE,
                                  _("Posted on (DD/MM/YYYY)"), self->today);
  att_letters_form_set_delivery (d->form, delivery == ATT_LETTER_EMAIL ? ATT_LETTER_POST : delivery);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (d->form));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Don’t Log"),
                                    "record", _("_Log Letters"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_record_response), d, record_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  att_letters_form_focus (d->form);
}

/* ------------------------------------------------------------------ */
/* Print, save, export                                                 */

static AttLetterBatch *
part_of (AttLettersPage *self,
         GVariant       *parameter,
         AttLetterDelivery *delivery)
{
  if (self->batch == NULL
      || !att_letter_delivery_parse (g_variant_get_string (parameter, NULL), delivery, NULL))
    return NULL;
  return att_letter_batch_select (self->batch, *delivery);
}

static AttDocument *
make_document (AttLettersPage *self,
               AttLetterBatch *part)
{
  g_autoptr(AttLetterhead) letterhead = att_letterhead_load (self->db);

  return att_letter_batch_document_new (part, letterhead);
}

static void
print_batch_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);
  AttLetterDelivery delivery;
  g_autoptr(AttLetterBatch) part = part_of (self, parameter, &delivery);
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sent = FALSE;

  if (part == NULL || self->db == NULL)
    return;
  document = make_document (self, part);
  if (!att_print_operation_print_sent (document, _att_letters_page_get_window (self), &sent, &error))
    {
      _att_letters_page_show_error (self, error->message);
      return;
    }
  /* A cancelled print sends nothing, and logs nothing. */
  if (sent && !self->batch_reprint)
    ask_record (self, part, delivery);
}

gboolean
att_letters_page_save_pdf_to (AttLettersPage   *self,
                              AttLetterDelivery delivery,
                              const char       *path,
                              GError          **error)
{
  g_autoptr(AttLetterBatch) part = NULL;
  g_autoptr(AttDocument) document = NULL;

  g_return_val_if_fail (ATT_IS_LETTERS_PAGE (self), FALSE);

  if (self->batch == NULL || self->db == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND, _("There are no letters to save"));
      return FALSE;
    }
  part = att_letter_batch_select (self->batch, delivery);
  document = make_document (self, part);
  if (!att_print_operation_export_pdf (document, _att_letters_page_get_window (self), path, error))
    return FALSE;
  if (!self->batch_reprint)
    ask_record (self, part, delivery);
  return TRUE;
}

gboolean
att_letters_page_export_texts_to (AttLettersPage *self,
                                  const char     *path,
                                  GError        **error)
{
  g_autoptr(AttLetterBatch) part = NULL;

  g_return_val_if_fail (ATT_IS_LETTERS_PAGE (self), FALSE);

  if (self->batch != NULL && self->db != NULL)
    part = att_letter_batch_select (self->batch, ATT_LETTER_TEXT);
  if (part == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND, _("There are no texts to export"));
      return FALSE;
    }
  /* Texts handed to the texting service are logged as sent today: what
   * cannot be logged so (letters dated after today) is refused before
   * the file is written, as the CLI does. */
  if (!att_letter_batch_check_record (part, ATT_LETTER_TEXT, self->today, error)
      || !att_letter_batch_write_texts_csv (part, path, error)
      || !att_letter_batch_record (self->db, get_user (self), part, ATT_LETTER_TEXT, self->today, error))
    return FALSE;
  logged (self, ATT_LETTER_TEXT, att_letter_batch_get_n_items (part));
  return TRUE;
}

typedef struct
{
  AttLettersPage    *page;
  AttLetterDelivery  delivery;
} SaveJob;

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  SaveJob         *job)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    {
      gboolean ok;

      if (job->delivery == ATT_LETTER_TEXT)
        ok = att_letters_page_export_texts_to (job->page, path, &error);
      else
        ok = att_letters_page_save_pdf_to (job->page, job->delivery, path, &error);
      if (!ok)
        _att_letters_page_show_error (job->page, error->message);
    }
  g_object_unref (job->page);
  g_free (job);
}

static void
choose_file (AttLettersPage    *self,
             AttLetterDelivery  delivery)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autofree char *date = att_date_format (self->today);
  SaveJob *job;

  chooser = gtk_file_chooser_native_new (delivery == ATT_LETTER_TEXT ? _("Export the Texts")
                                                                     : _("Save the Letters"),
                                         _att_letters_page_get_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (delivery == ATT_LETTER_TEXT)
    /* Translators: a file name; %s is a date */
    name = g_strdup_printf (_("texts-%s.csv"), date);
  else
    /* Translators: a file name; %s is a date */
    name = g_strdup_printf (_("letters-%s.pdf"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  job = g_new0 (SaveJob, 1);
  job->page = g_object_ref (self);
  job->delivery = delivery;
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_batch_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);
  AttLetterDelivery delivery;

  if (self->batch == NULL
      || !att_letter_delivery_parse (g_variant_get_string (parameter, NULL), &delivery, NULL))
    return;
  choose_file (self, delivery);
}

static void
export_texts_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);

  if (self->batch == NULL || self->batch_reprint)
    return;
  choose_file (self, ATT_LETTER_TEXT);
}

/* ------------------------------------------------------------------ */
/* E-mail                                                              */

typedef struct
{
  char           *db_path;
  AttUser        *user;
  AttLetterBatch *part;
  AttDate         sent;
} MailJob;

static void
mail_job_free (MailJob *job)
{
  g_free (job->db_path);
  att_user_free (job->user);
  att_letter_batch_unref (job->part);
  g_free (job);
}

/* Sending waits on the mail server for each letter: a thread with a
 * connection of its own. */
static void
mail_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  MailJob *job = data;
  GError *error = NULL;
  g_autoptr(AttDb) db = att_db_open (job->db_path, &error);
  g_autoptr(AttLetterhead) letterhead = NULL;
  GPtrArray *results = NULL;

  if (db != NULL)
    {
      letterhead = att_letterhead_load (db);
      results = att_letter_batch_email (db, job->user, job->part, letterhead, job->sent, &error);
      att_db_close (db);
    }
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify)g_ptr_array_unref);
}

static void
mail_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (result), &error);
  GString *failures;
  guint sent = 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letters.email", TRUE);
  if (results == NULL)
    {
      _att_letters_page_show_error (self, error->message);
      return;
    }
  failures = g_string_new (NULL);
  for (guint i = 0; i < results->len; i++)
    {
      AttMailResult *r = g_ptr_array_index (results, i);

      if (r->outcome == ATT_MAIL_SENT)
        sent++;
      else
        g_string_append_printf (failures, "%s%s: %s", failures->len > 0 ? "\n" : "",
                                r->recipient != NULL ? r->recipient : "", r->message != NULL ? r->message : "");
    }
  if (sent > 0)
    logged (self, ATT_LETTER_EMAIL, sent);
  if (failures->len > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: letters e-mailed, then those not sent and why */
      text = g_strdup_printf (_("%u sent and logged. Not sent, and still due:\n%s"), sent, failures->str);
      _att_letters_page_show_error (self, text);
    }
  g_string_free (failures, TRUE);
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
email_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);
  const AttUser *user = att_context_get_user (att_page_get_context (ATT_PAGE (self)));
  g_autoptr(GTask) task = NULL;
  MailJob *job;

  if (self->batch == NULL || self->db == NULL || user == NULL || self->batch_reprint)
    return;
  job = g_new0 (MailJob, 1);
  job->db_path = g_strdup (att_db_get_path (self->db));
  job->user = att_user_copy (user);
  job->part = att_letter_batch_select (self->batch, ATT_LETTER_EMAIL);
  job->sent = self->today;
  /* One sending at a time. */
  gtk_widget_action_set_enabled (widget, "letters.email", FALSE);
  _att_letters_page_toast (self, _("Sending the letters by e-mail…"));
  task = g_task_new (self, NULL, mail_done, NULL);
  g_task_set_source_tag (task, email_action);
  g_task_set_task_data (task, job, (GDestroyNotify)mail_job_free);
  g_task_run_in_thread (task, mail_thread);
}

void
_att_letters_page_batch_dispose (AttLettersPage *self)
{
  self->batch_serial++;
  if (self->batch_cancellable != NULL)
    g_cancellable_cancel (self->batch_cancellable);
  g_clear_object (&self->batch_cancellable);
  g_clear_pointer (&self->batch, att_letter_batch_unref);
  g_clear_pointer (&self->batch_problems, g_ptr_array_unref);
}

void
_att_letters_page_batch_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
  gtk_widget_class_install_action (widget_class, "letters.half-term", NULL, half_term_action);
  gtk_widget_class_install_action (widget_class, "letters.print-batch", "s", print_batch_action);
  gtk_widget_class_install_action (widget_class, "letters.save-batch", "s", save_batch_action);
  gtk_widget_class_install_action (widget_class, "letters.export-texts", "s", export_texts_action);
  gtk_widget_class_install_action (widget_class, "letters.email", "s", email_action);
}
