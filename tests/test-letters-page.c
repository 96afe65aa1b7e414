/* test-letters-page.c: the Letters page: the letters due, postponing,
 * the data check, printing to a PDF and logging, and the log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: the term "Autumn 1 2024" from Mon 2 September to Fri 25
 * October. Today is Fri 27 September 2024: 20 school days, 40 sessions,
 * every one marked. The ladder has one stage, "concern": attendance
 * below 90% this term, by post to the parents.
 *
 *   Amina Khan   6 sessions absent (O): 34 / 40 = 85.0%   due
 *   Bilal Khan   all present:           40 / 40 = 100%    not listed
 *   Cara Jones   8 sessions absent:     32 / 40 = 80.0%   due; her mother
 *                receives letters but has no address: the data check
 *   Dan Evans    4 sessions absent:     36 / 40 = 90.0%   not below 90%
 *   Eve Evans    5 sessions absent:     35 / 40 = 87.5%   due, postponed
 *
 * The tests run in order.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-ladder.h"
#include "att-letter-due-row.h"
#include "att-letter-batch.h"
#include "att-letters-due.h"
#include "att-letters-form.h"
#include "att-letters-page-private.h"
#include "att-test-util.h"

void attendance_register_resource (void);

static AttTestSchool   s;
static GtkWindow      *window;
static AttLettersPage *page;
static gint64          amina, bilal, cara, dan, eve;
static char           *dir;

static GtkWindow *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static AttLettersForm *
dialog_form (GtkWindow *dialog)
{
  GtkWidget *child = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));

  g_assert_true (ATT_IS_LETTERS_FORM (child));
  return ATT_LETTERS_FORM (child);
}

static void
respond (GtkWindow  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  att_test_flush_events ();
}

static gboolean
lists_pupil (GPtrArray *rows,
             gint64     pupil_id,
             int        status)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      AttLetterDue *due = g_ptr_array_index (rows, i);

      if (due->pupil_id == pupil_id && (status < 0 || (int)due->status == status))
        return TRUE;
    }
  return FALSE;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

/* The due list of the seeded school, and its rows. */
static void
test_due (void)
{
  GPtrArray *due = att_letters_page_get_due_shown (page);
  GPtrArray *other = att_letters_page_get_other_shown (page);

  g_assert_cmpstr (att_letters_page_get_view (page), ==, "due");
  g_assert_true (lists_pupil (due, amina, ATT_LETTER_DUE_DUE));
  g_assert_true (lists_pupil (due, cara, ATT_LETTER_DUE_DUE));
  g_assert_true (lists_pupil (due, eve, ATT_LETTER_DUE_DUE));
  g_assert_false (lists_pupil (due, bilal, -1));
  g_assert_false (lists_pupil (other, bilal, -1));
  g_assert_false (lists_pupil (due, dan, -1));
  g_assert_false (lists_pupil (other, dan, -1));
  g_assert_cmpuint (due->len, ==, 3);
  /* The three letters, and no heading for rows not sent: there are none. */
  g_assert_cmpuint (g_list_model_get_n_items (att_letters_page_get_due_model (page)), ==, 3);

  /* Amina's row: her name, then her group, the stage and 34 / 40. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AttLetterDueItem) item = g_list_model_get_item (att_letters_page_get_due_model (page), i);
      const AttLetterDue *row_due = att_letter_due_item_get_due (item);

      if (row_due->pupil_id != amina)
        continue;
      g_assert_cmpstr (att_letter_due_item_get_title (item), ==, "Amina Khan");
      g_assert_nonnull (strstr (att_letter_due_item_get_subtitle (item), "7A"));
      g_assert_nonnull (strstr (att_letter_due_item_get_subtitle (item), "85.0% attendance"));
      g_assert_nonnull (row_due->explanation);
      g_assert_nonnull (row_due->explanation[0]);
    }

  /* The search keeps the rows that match. */
  att_letters_page_set_due_search (page, "amina");
  g_assert_cmpuint (g_list_model_get_n_items (att_letters_page_get_due_model (page)), ==, 1);
  att_letters_page_set_due_search (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (att_letters_page_get_due_model (page)), ==, 3);
  g_assert_cmpstr (att_page_get_subtitle (ATT_PAGE (page)), ==, "3 letters due");
}

/* Eve's letter postponed to Mon 7 October leaves the letters to send for
 * the rows not sent, and is due again on that day. */
static void
test_postpone (void)
{
  GtkWindow *dialog;
  GtkWidget *date;

  gtk_widget_activate_action (GTK_WIDGET (page), "letters.postpone", "(xs)", eve, "concern");
  att_test_flush_events ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  date = att_letters_form_get_line (dialog_form (dialog), "date");
  /* Two weeks on by default. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, "11/10/2024");
  gtk_editable_set_text (GTK_EDITABLE (date), "07/10/2024");
  respond (dialog, "postpone");

  g_assert_false (lists_pupil (att_letters_page_get_due_shown (page), eve, -1));
  g_assert_true (lists_pupil (att_letters_page_get_other_shown (page), eve, ATT_LETTER_DUE_POSTPONED));
  /* Amina and Cara to send; the heading, then Eve. */
  g_assert_cmpuint (g_list_model_get_n_items (att_letters_page_get_due_model (page)), ==, 4);

  /* The day before, still postponed; on the day, due again. */
  att_letters_page_set_due_date (page, D (2024, 10, 4));
  g_assert_true (lists_pupil (att_letters_page_get_other_shown (page), eve, ATT_LETTER_DUE_POSTPONED));
  att_letters_page_set_due_date (page, D (2024, 10, 7));
  g_assert_true (lists_pupil (att_letters_page_get_due_shown (page), eve, ATT_LETTER_DUE_DUE));
  att_letters_page_set_due_date (page, D (2024, 9, 27));
  g_assert_false (lists_pupil (att_letters_page_get_due_shown (page), eve, -1));
}

/* The due list is read on its own thread. Another day asked for shows
 * the loading state, not the last day's rows; and of two days asked for
 * at once the later wins, whichever load comes back first: Eve is due on
 * Mon 7 October (her postponement ends) but not on Fri 27 September, so
 * the 27th shown with Eve's row would be the older load's rows. */
static void
test_due_newest_load_wins (void)
{
  guint arrived, dropped;

  att_letters_page_set_due_date (page, D (2024, 10, 7));
  g_assert_true (page->due_loading);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->due_stack), ==, "loading");
  g_assert_cmpuint (page->due_shown->len, ==, 0);
  g_assert_cmpstr (att_page_get_subtitle (ATT_PAGE (page)), ==, "Working out the letters due…");
  arrived = page->due_n_arrived;
  dropped = page->due_n_dropped;
  att_letters_page_set_due_date (page, D (2024, 9, 27));
  /* Both loads come back, in either order; the first asked for is
   * dropped; the rows of the other are made after the next frame. */
  while (page->due_n_arrived < arrived + 2 || page->due_loading)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (page->due_n_dropped, ==, dropped + 1);
  g_assert_false (page->due_loading);
  g_assert_cmpint (page->due_date, ==, D (2024, 9, 27));
  g_assert_false (lists_pupil (att_letters_page_get_due_shown (page), eve, -1));
  g_assert_true (lists_pupil (att_letters_page_get_other_shown (page), eve, ATT_LETTER_DUE_POSTPONED));
  /* Amina and Cara, as in test_due. */
  g_assert_cmpuint (att_letters_page_get_due_shown (page)->len, ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->due_stack), ==, "list");
  g_assert_cmpstr (att_page_get_subtitle (ATT_PAGE (page)), ==, "2 letters due");

  /* The same day read again keeps its rows showing meanwhile. */
  att_page_refresh (ATT_PAGE (page));
  g_assert_true (page->due_loading);
  g_assert_cmpuint (page->due_shown->len, ==, 2);
  att_letters_page_wait_due (page);
  g_assert_cmpuint (page->due_shown->len, ==, 2);
}

static void
set_true (gpointer data)
{
  *(gboolean *)data = TRUE;
}

/* A page disposed while its due list is read is left alone when the
 * rows arrive (a widget touched after dispose is a critical, fatal
 * here), and is finalized once they have. */
static void
test_due_disposed_while_loading (void)
{
  AttLettersPage *other = g_object_ref_sink (g_object_new (ATT_TYPE_LETTERS_PAGE, NULL));
  gboolean finalized = FALSE;

  /* Data is let go when the page is finalized (a weak pointer would be
   * cleared at dispose already). */
  g_object_set_data_full (G_OBJECT (other), "finalized", &finalized, set_true);
  att_context_set_db (att_page_get_context (ATT_PAGE (other)), s.db);
  att_context_set_user (att_page_get_context (ATT_PAGE (other)), s.officer);
  att_page_refresh (ATT_PAGE (other));
  g_assert_true (other->due_loading);
  g_object_run_dispose (G_OBJECT (other));
  g_object_unref (other);
  while (!finalized)
    g_main_context_iteration (NULL, TRUE);
}

/* The batch of Amina's and Cara's letters: Cara's mother has no address,
 * so the data check lists her and Cara's letter is left out; Amina's is
 * ready. */
static void
test_data_check (void)
{
  GtkListBox *problems = att_letters_page_get_problems_list (page);
  AttLetterBatch *batch;
  AdwActionRow *row;

  gtk_widget_activate_action (GTK_WIDGET (page), "letters.prepare", NULL);
  batch = att_letters_page_wait_batch (page);
  g_assert_nonnull (batch);
  att_test_flush_events ();
  g_assert_true (att_page_get_can_go_back (ATT_PAGE (page)));
  g_assert_cmpuint (att_letter_batch_get_n_items (batch), ==, 1);
  g_assert_cmpint (((AttLetterBatchItem *)g_ptr_array_index (att_letter_batch_get_items (batch), 0))->pupil_id,
                   ==, amina);

  g_assert_cmpuint (n_rows (problems), >=, 1);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (problems, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Cara Jones");
  g_test_message ("problem: %s", adw_action_row_get_subtitle (row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Jo Jones"));
}

/* Saved as a PDF through the print operation: Amina's letter, to her
 * mother; then logged as posted today. */
static void
test_print_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "letters.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) logged = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  AttLettersFilter filter = { 0, NULL, NULL, ATT_DATE_NONE, ATT_DATE_NONE };
  AttLetterRecord *record;
  GtkWindow *dialog;
  int status = 0;

  g_assert_true (att_letters_page_save_pdf_to (page, ATT_LETTER_POST, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "Amina"));
  g_assert_nonnull (strstr (out, "Sara Khan"));
  g_assert_null (strstr (out, "Cara"));

  /* Asked how they went: by post, today. */
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (att_letters_form_get_line (dialog_form (dialog), "date"))),
                   ==, "27/09/2024");
  respond (dialog, "record");

  logged = att_letters_query (s.db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (logged->len, ==, 1);
  record = g_ptr_array_index (logged, 0);
  g_assert_cmpint (record->pupil_id, ==, amina);
  g_assert_cmpstr (record->kind, ==, "concern");
  g_assert_cmpint (record->delivery, ==, ATT_LETTER_POST);
  g_assert_cmpint (record->posted, ==, D (2024, 9, 27));

  /* Back on the list, Amina's letter has gone. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  att_test_flush_events ();
  g_assert_false (att_page_get_can_go_back (ATT_PAGE (page)));
  g_assert_false (lists_pupil (att_letters_page_get_due_shown (page), amina, ATT_LETTER_DUE_DUE));
}

/* A letter for Cara prepared but not posted, then a mark of its period
 * amended: the log marks it out of date; Amina's, posted, is not. */
static void
test_log_out_of_date (void)
{
  g_autoptr(AttLetterRecord) record = att_letter_record_new ();
  g_autoptr(GError) error = NULL;
  AttMarkWrite write = { cara, D (2024, 9, 10), ATT_SESSION_AM, att_code_lookup ("M"), -1, NULL };
  GPtrArray *log;
  gint64 id;
  gboolean found = FALSE;

  record->pupil_id = cara;
  record->recipient = g_strdup ("Mrs Jo Jones");
  record->address = g_strdup ("Mrs Jo Jones");
  record->contact_ids = g_strdup ("1");
  record->kind = g_strdup ("concern");
  record->template_name = g_strdup ("concern");
  record->template_version = 1;
  record->subject = g_strdup ("Cara's attendance");
  record->date = D (2024, 9, 27);
  record->delivery = ATT_LETTER_POST;
  record->period_from = D (2024, 9, 2);
  record->period_to = D (2024, 9, 27);
  id = att_letters_record (s.db, s.officer, record, &error);
  g_assert_no_error (error);

  att_letters_page_show_view (page, "sent");
  att_page_refresh (ATT_PAGE (page));
  log = att_letters_page_get_log (page);
  g_assert_cmpuint (log->len, ==, 2);
  for (guint i = 0; i < log->len; i++)
    g_assert_false (att_letters_page_log_is_out_of_date (page, i));

  /* Tue 10 September's morning turns out to have been a medical appointment. */
  g_assert_true (att_register_write (s.db, s.officer, &write, 1, "Appointment card seen", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  att_page_refresh (ATT_PAGE (page));
  log = att_letters_page_get_log (page);
  for (guint i = 0; i < log->len; i++)
    {
      AttLetterRecord *r = g_ptr_array_index (log, i);

      g_assert_cmpint (att_letters_page_log_is_out_of_date (page, i), ==, r->id == id);
      found |= r->id == id;
    }
  g_assert_true (found);

  /* Searching by pupil leaves Cara's letter. */
  att_letters_page_set_log_search (page, "cara");
  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (att_letters_page_get_log_list (page), 0)))
                  && gtk_widget_get_child_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (att_letters_page_get_log_list (page), 1))));
  att_letters_page_set_log_search (page, "");
  att_letters_page_show_view (page, "due");
}

/* Mark as Posted on a letter of the log not yet posted: the form offers
 * today, Fri 27 September 2024 (the letter is dated that day, so no
 * later day is allowed), and the row read back has the day, where it had
 * none before. */
static void
test_mark_posted (void)
{
  GPtrArray *log;
  GtkWindow *dialog;
  GtkWidget *date;
  gint64 id = 0;
  g_autoptr(AttLetterRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_autoptr(AttLetterRecord) sent = att_letter_record_new ();
  gboolean found = FALSE;

  /* A letter to Dan's mother logged today, by post, not yet posted. */
  sent->pupil_id = dan;
  sent->recipient = g_strdup ("Mrs Ann Evans");
  sent->address = g_strdup ("Mrs Ann Evans");
  sent->contact_ids = g_strdup ("1");
  sent->kind = g_strdup ("concern");
  sent->template_name = g_strdup ("concern");
  sent->template_version = 1;
  sent->subject = g_strdup ("Dan's attendance");
  sent->date = D (2024, 9, 27);
  sent->delivery = ATT_LETTER_POST;
  sent->period_from = D (2024, 9, 2);
  sent->period_to = D (2024, 9, 27);
  id = att_letters_record (s.db, s.officer, sent, &error);
  g_assert_no_error (error);

  att_letters_page_show_view (page, "sent");
  att_page_refresh (ATT_PAGE (page));
  log = att_letters_page_get_log (page);
  for (guint i = 0; i < log->len; i++)
    {
      AttLetterRecord *r = g_ptr_array_index (log, i);

      if (r->id == id)
        g_assert_cmpint (r->posted, ==, ATT_DATE_NONE);
      found |= r->id == id;
    }
  g_assert_true (found);

  gtk_widget_activate_action (GTK_WIDGET (page), "letters.mark-posted", "x", id);
  att_test_flush_events ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  date = att_letters_form_get_line (dialog_form (dialog), "date");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, "27/09/2024");
  respond (dialog, "posted");

  record = att_letters_get (s.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->posted, ==, D (2024, 9, 27));
  log = att_letters_page_get_log (page);
  for (guint i = 0; i < log->len; i++)
    {
      AttLetterRecord *r = g_ptr_array_index (log, i);

      if (r->id == id)
        g_assert_cmpint (r->posted, ==, D (2024, 9, 27));
    }
  att_letters_page_show_view (page, "due");
}

/* The half-termly reports, made on their thread and saved as a PDF
 * through the print operation: Amina's, to her mother Sara Khan, gives
 * the half term from Mon 2 September to today, Fri 27 September: 20
 * days, 40 sessions, 6 absent, so 34 / 40 = 85.0%; Bilal's, none absent,
 * 40 / 40 = 100.0%. Cara's mother has no address, so Cara's report is
 * left out. Not logged here (“Don’t Log”). */
static void
test_half_term (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "reports.pdf", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  AttLetterBatch *batch;
  GtkWindow *dialog;
  int status = 0;

  gtk_widget_activate_action (GTK_WIDGET (page), "letters.half-term", NULL);
  batch = att_letters_page_wait_batch (page);
  g_assert_nonnull (batch);
  att_test_flush_events ();
  g_assert_true (att_letters_page_save_pdf_to (page, ATT_LETTER_POST, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "Amina Khan"));
  g_assert_nonnull (strstr (out, "Sara Khan"));
  g_assert_nonnull (strstr (out, "This half term (Monday 2 September 2024 to Friday 27 September 2024): 85.0%, 34 of 40"));
  g_assert_nonnull (strstr (out, "Bilal Khan"));
  g_assert_nonnull (strstr (out, "100.0%, 40 of 40"));
  g_assert_null (strstr (out, "Cara"));

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "cancel");
  g_unlink (path);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  att_test_flush_events ();
  g_assert_false (att_page_get_can_go_back (ATT_PAGE (page)));
}

static void
set_delivery (AttLetterDelivery delivery,
              const char       *template_name)
{
  g_autoptr(GPtrArray) stages = att_ladder_load (s.db, NULL);
  g_autoptr(GError) error = NULL;
  AttLadderStage *stage;

  g_assert_nonnull (stages);
  g_assert_cmpuint (stages->len, ==, 1);
  stage = g_ptr_array_index (stages, 0);
  stage->delivery = delivery;
  g_free (stage->template_name);
  stage->template_name = g_strdup (template_name);
  att_ladder_save_stage (s.db, s.officer, stage, &error);
  g_assert_no_error (error);
}

/* The stage delivered by text, with its text wording. Of the letters due
 * today, Amina's was logged in test_print_pdf, Cara's in
 * test_log_out_of_date and Dan's in test_mark_posted (each then waits
 * the gap after its letter); Eve's, postponed in test_postpone, is kept
 * ("Keep" ends the postponement), which leaves hers alone: 5 absent,
 * 35 / 40 = 87.5%, below 90%. The CSV written for the texting service
 * holds her mother's mobile and the merged message, and the text is
 * logged as sent today; Eve is then due no more. */
static void
test_export_texts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "texts.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) logged = NULL;
  AttLettersFilter filter = { eve, NULL, NULL, ATT_DATE_NONE, ATT_DATE_NONE };
  AttLetterRecord *record;

  set_delivery (ATT_LETTER_TEXT, "attendance-text");
  att_page_refresh (ATT_PAGE (page));
  g_assert_true (lists_pupil (att_letters_page_get_other_shown (page), eve, ATT_LETTER_DUE_POSTPONED));
  gtk_widget_activate_action (GTK_WIDGET (page), "letters.keep", "(xs)", eve, "concern");
  g_assert_true (lists_pupil (att_letters_page_get_due_shown (page), eve, ATT_LETTER_DUE_DUE));
  g_assert_cmpuint (att_letters_page_get_due_shown (page)->len, ==, 1);

  /* Texts dated Monday 30 September cannot be logged as sent today:
   * refused before any file is written. */
  att_letters_page_set_due_date (page, D (2024, 9, 30));
  gtk_widget_activate_action (GTK_WIDGET (page), "letters.prepare", NULL);
  g_assert_nonnull (att_letters_page_wait_batch (page));
  att_test_flush_events ();
  g_assert_false (att_letters_page_export_texts_to (page, path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  att_test_flush_events ();
  att_letters_page_set_due_date (page, D (2024, 9, 27));
  g_assert_true (lists_pupil (att_letters_page_get_due_shown (page), eve, ATT_LETTER_DUE_DUE));

  gtk_widget_activate_action (GTK_WIDGET (page), "letters.prepare", NULL);
  g_assert_nonnull (att_letters_page_wait_batch (page));
  att_test_flush_events ();
  g_assert_true (att_letters_page_export_texts_to (page, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "contact,mobile,message\n"));
  g_assert_nonnull (strstr (csv, "\nMrs Ann Evans,07700 900123,"));
  g_assert_nonnull (strstr (csv, "Eve’s attendance is 87.5% from Monday 2 September 2024 to Friday 27 September 2024."));
  g_unlink (path);

  logged = att_letters_query (s.db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (logged->len, ==, 1);
  record = g_ptr_array_index (logged, 0);
  g_assert_cmpint (record->delivery, ==, ATT_LETTER_TEXT);
  g_assert_cmpint (record->posted, ==, D (2024, 9, 27));

  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  att_test_flush_events ();
  g_assert_false (lists_pupil (att_letters_page_get_due_shown (page), eve, ATT_LETTER_DUE_DUE));
  set_delivery (ATT_LETTER_POST, "concern");
}

/* Cara's letter of test_log_out_of_date, not posted and out of date
 * since her morning of Tue 10 September became M, made again (Regenerate)
 * and saved as a PDF: it is logged as a new letter dated today, Fri 27
 * September, beside the old one (which stays as it was, still out of
 * date), and the new one is not out of date. */
static void
test_regenerate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "again.pdf", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  GPtrArray *log;
  GtkWindow *dialog;
  gint64 old_id = 0;
  guint n_before, n_cara = 0;
  int status = 0;

  att_letters_page_show_view (page, "sent");
  att_page_refresh (ATT_PAGE (page));
  log = att_letters_page_get_log (page);
  n_before = log->len;
  for (guint i = 0; i < log->len; i++)
    {
      AttLetterRecord *r = g_ptr_array_index (log, i);

      if (r->pupil_id == cara && att_letters_page_log_is_out_of_date (page, i))
        old_id = r->id;
    }
  g_assert_cmpint (old_id, !=, 0);

  gtk_widget_activate_action (GTK_WIDGET (page), "letters.regenerate", "x", old_id);
  att_test_flush_events ();
  g_assert_nonnull (page->batch);
  g_assert_true (att_letters_page_save_pdf_to (page, ATT_LETTER_POST, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "Cara Jones’s attendance"));
  /* Her figures as they are now: her 8 O sessions (Mon 2 to Thu 5
   * September) and the M that Tue 10 September's morning became, 31 of
   * 40 attended = 77.5%. */
  g_assert_nonnull (strstr (out, "77.5%"));
  g_assert_nonnull (strstr (out, "31 of 40"));
  g_unlink (path);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "record");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  att_test_flush_events ();

  att_letters_page_show_view (page, "sent");
  att_page_refresh (ATT_PAGE (page));
  log = att_letters_page_get_log (page);
  g_assert_cmpuint (log->len, ==, n_before + 1);
  for (guint i = 0; i < log->len; i++)
    {
      AttLetterRecord *r = g_ptr_array_index (log, i);

      if (r->pupil_id != cara)
        continue;
      if (r->id == old_id)
        {
          g_assert_true (att_letters_page_log_is_out_of_date (page, i));
          continue;
        }
      n_cara++;
      g_assert_cmpint (r->date, ==, D (2024, 9, 27));
      g_assert_false (att_letters_page_log_is_out_of_date (page, i));
    }
  g_assert_cmpuint (n_cara, ==, 1);
  att_letters_page_show_view (page, "due");
}

/* A receptionist may not send letters: the page says so, and shows no
 * family's figures. */
static void
test_rights (void)
{
  AttContext *context = att_page_get_context (ATT_PAGE (page));

  att_context_set_user (context, s.receptionist);
  att_page_refresh (ATT_PAGE (page));
  att_test_flush_events ();
  g_assert_cmpstr (att_letters_page_get_shown (page), ==, "blocked");
  g_assert_cmpuint (att_letters_page_get_due_shown (page)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (att_letters_page_get_due_model (page)), ==, 0);

  att_context_set_user (context, s.officer);
  att_page_refresh (ATT_PAGE (page));
  att_test_flush_events ();
  g_assert_cmpstr (att_letters_page_get_shown (page), ==, "main");
  /* Eve's letter, postponed, is back in sight. */
  g_assert_true (lists_pupil (att_letters_page_get_other_shown (page), eve, ATT_LETTER_DUE_POSTPONED));
}

/* Marks a pupil present every session from 2 to 27 September 2024,
 * except @n_absent sessions of O from the first morning on. */
static void
mark_pupil (gint64 pupil,
            guint  n_absent)
{
  g_autoptr(GArray) writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (AttDate d = D (2024, 9, 2); d <= D (2024, 9, 27); d++)
    {
      if (att_date_weekday (d) > 5)
        continue;
      for (int session = ATT_SESSION_AM; session <= ATT_SESSION_PM; session++)
        {
          AttMarkWrite write = { pupil, d, session, att_code_lookup (n < n_absent ? "O" : "/"), -1, NULL };

          g_array_append_val (writes, write);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 40);
  g_assert_true (att_register_write (s.db, s.officer, (AttMarkWrite *)writes->data, writes->len, NULL,
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
add_contact (gint64      pupil,
             const char *forename,
             const char *surname,
             gboolean    with_address)
{
  g_autoptr(AttContact) c = att_contact_new ();
  g_autoptr(GError) error = NULL;

  c->pupil_id = pupil;
  c->title = g_strdup ("Mrs");
  c->forename = g_strdup (forename);
  c->surname = g_strdup (surname);
  c->relationship = g_strdup ("Mother");
  c->parental_responsibility = TRUE;
  c->lives_with = TRUE;
  c->priority = 1;
  c->receives_letters = TRUE;
  c->phone_mobile = g_strdup ("07700 900123");
  if (with_address)
    {
      c->address_1 = g_strdup ("12 Mill Lane");
      c->town = g_strdup ("Millbrook");
      c->postcode = g_strdup ("MB1 2AB");
    }
  att_contacts_save (s.db, att_user_system (), c, &error);
  g_assert_no_error (error);
}

/* The ladder of the test: one stage, below 90% this term. */
static void
set_ladder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stages = att_ladder_load (s.db, &error);
  g_autoptr(AttLadderStage) stage = att_ladder_stage_new ();

  g_assert_no_error (error);
  /* The last first: a stage cannot go while another follows it. */
  for (guint i = stages->len; i > 0; i--)
    {
      AttLadderStage *old = g_ptr_array_index (stages, i - 1);

      g_assert_true (att_ladder_delete_stage (s.db, s.officer, old->name, &error));
      g_assert_no_error (error);
    }
  g_free (stage->name);
  stage->name = g_strdup ("concern");
  g_free (stage->title);
  stage->title = g_strdup ("Letter 1: concern");
  stage->condition = ATT_LADDER_BELOW;
  stage->percent = 90;
  stage->period = ATT_LADDER_PERIOD_TERM;
  stage->delivery = ATT_LETTER_POST;
  stage->template_name = g_strdup ("concern");
  /* The concern letter's wording says when attendance is looked at again. */
  stage->monitor_weeks = 3;
  stage->monitor_percent = 95;
  g_assert_true (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-27", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  dir = g_dir_make_tmp ("attendance-letters-page-XXXXXX", NULL);
  att_test_school_init (&s);
  amina = att_test_school_add_pupil (&s, "Amina", "Khan", D (2012, 10, 1));
  bilal = att_test_school_add_pupil (&s, "Bilal", "Khan", D (2012, 11, 1));
  cara = att_test_school_add_pupil (&s, "Cara", "Jones", D (2012, 12, 1));
  dan = att_test_school_add_pupil (&s, "Dan", "Evans", D (2013, 1, 1));
  eve = att_test_school_add_pupil (&s, "Eve", "Evans", D (2013, 2, 1));
  add_contact (amina, "Sara", "Khan", TRUE);
  add_contact (bilal, "Sara", "Khan", TRUE);
  add_contact (cara, "Jo", "Jones", FALSE);
  add_contact (dan, "Ann", "Evans", TRUE);
  add_contact (eve, "Ann", "Evans", TRUE);
  mark_pupil (amina, 6);
  mark_pupil (bilal, 0);
  mark_pupil (cara, 8);
  mark_pupil (dan, 4);
  mark_pupil (eve, 5);
  set_ladder ();

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 700);
  page = g_object_new (ATT_TYPE_LETTERS_PAGE, NULL);
  g_object_ref_sink (page);
  att_context_set_db (att_page_get_context (ATT_PAGE (page)), s.db);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), s.officer);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  att_test_flush_events ();

  g_test_add_func ("/letters-page/due", test_due);
  g_test_add_func ("/letters-page/postpone", test_postpone);
  g_test_add_func ("/letters-page/due-newest-load-wins", test_due_newest_load_wins);
  g_test_add_func ("/letters-page/due-disposed-while-loading", test_due_disposed_while_loading);
  g_test_add_func ("/letters-page/data-check", test_data_check);
  g_test_add_func ("/letters-page/print-pdf", test_print_pdf);
  g_test_add_func ("/letters-page/log-out-of-date", test_log_out_of_date);
  g_test_add_func ("/letters-page/mark-posted", test_mark_posted);
  g_test_add_func ("/letters-page/half-term", test_half_term);
  g_test_add_func ("/letters-page/regenerate", test_regenerate);
  g_test_add_func ("/letters-page/rights", test_rights);
  g_test_add_func ("/letters-page/export-texts", test_export_texts);
  result = g_test_run ();

  att_letters_page_wait_due (page);
  gtk_window_set_child (window, NULL);
  gtk_window_destroy (window);
  att_test_flush_events ();
  g_assert_finalize_object (page);
  att_test_school_clear (&s);
  {
    g_autofree char *pdf = g_build_filename (dir, "letters.pdf", NULL);

    g_unlink (pdf);
    g_rmdir (dir);
  }
  g_free (dir);
  return result;
}
