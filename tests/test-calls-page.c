/* test-calls-page.c: the Calls page and the call form, driven from the
 * keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: the term "Autumn 1 2024" from Mon 2 September; registers
 * 08:45-09:15 and 13:15-13:45 (the defaults). Today is Mon 16 September
 * 2024 and the clock says 10:00: the morning register has closed, the
 * afternoon's has not opened, so a call today covers both sessions.
 * Amina and Bilal Khan share their mother's mobile (brother and sister);
 * Cara Jones has two contacts, Dev Patel one. Amina and Cara are N this
 * morning; Bilal and Dev have no mark. Eve Hill, present this morning, has
 * the Khans' mother as her contact too, with her number, but as an aunt
 * who neither lives with her nor has parental responsibility: not a
 * sister, so the form never ticks her.
 *
 * The tests run in order: the first logs the Khans' call, which takes
 * them off the first-day list the second works.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-call-dialog.h"
#include "att-call-history.h"
#include "att-firstday-card.h"
#include "att-firstday-dialog.h"
#include "att-step-row.h"
#include "att-late-dialog.h"
#include "att-calls-page-private.h"
#include "att-leave.h"
#include "att-db-private.h"
#include "att-pupil-search.h"
#include "att-table-document.h"
#include "att-test-keys.h"
#include "att-test-util.h"

void attendance_register_resource (void);

static AttTestSchool  s;
static GtkWindow     *window;
static AttCallsPage  *page;
static gint64         amina, bilal, cara, dev, eve;
static gint64         amina_mum, cara_mum, cara_dad, dev_dad;

#define TODAY D (2024, 9, 16)

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static gint64
add_contact (gint64      pupil,
             const char *forename,
             const char *surname,
             const char *mobile,
             gboolean    lives_with,
             int         priority)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) c = att_contact_new ();
  gint64 id;

  c->pupil_id = pupil;
  c->priority = priority;
  c->forename = g_strdup (forename);
  c->surname = g_strdup (surname);
  c->relationship = g_strdup ("Parent");
  c->phone_mobile = g_strdup (mobile);
  c->lives_with = lives_with;
  c->parental_responsibility = lives_with;
  id = att_contacts_save (s.db, att_user_system (), c, &error);
  g_assert_no_error (error);
  return id;
}

static void
mark (gint64     pupil,
      AttSession session,
      AttCode    code)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite write = { pupil, TODAY, session, code, -1, NULL };

  att_register_write (s.db, s.officer, &write, 1, NULL, ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

static AttCallDialog *
find_call_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ATT_IS_CALL_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* A key pressed on the first-day list, delivered through its own key
 * controller as GTK delivers it. */
static gboolean
press_key (guint           keyval,
           GdkModifierType state)
{
  GtkWidget *list = GTK_WIDGET (att_calls_page_get_firstday_list (page));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);
  gboolean handled = FALSE;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && g_signal_handler_find (controller, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                    _att_calls_page_on_firstday_key, NULL) != 0)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 1);
  att_test_flush_events ();
  return handled;
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

static const char *
row_title (GtkListBox *list,
           int         index)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, index)));
}

static void
test_call_for_siblings (void)
{
  g_autoptr(GPtrArray) calls_a = NULL;
  g_autoptr(GPtrArray) calls_b = NULL;
  g_autoptr(GPtrArray) history_a = NULL;
  g_autoptr(GPtrArray) history_b = NULL;
  g_autoptr(GError) error = NULL;
  AttCallDialog *dialog;
  AttPupilSearch *search;
  AttCall *call_a, *call_b;
  gboolean reached = FALSE;
  guint id;
  const char *summary;

  /* The first-day list before the call: Amina, Bilal, Cara and Dev, all
   * in the last band with one day of absence, so by name (Jones, Khan,
   * Khan, Patel). */
  g_assert_cmpuint (n_rows (att_calls_page_get_firstday_list (page)), ==, 4);
  g_assert_true (g_str_has_prefix (row_title (att_calls_page_get_firstday_list (page), 0), "Cara Jones"));

  gtk_widget_activate_action (GTK_WIDGET (page), "calls.new-call", NULL);
  att_test_flush_events ();
  dialog = find_call_dialog ();
  g_assert_nonnull (dialog);

  /* The form opens on the search: type part of the surname. The entry
   * searches after a short pause. */
  att_test_type_text (GTK_WINDOW (dialog), "khan");
  search = ATT_PUPIL_SEARCH (gtk_widget_get_ancestor (att_test_focus_of (GTK_WINDOW (dialog)),
                                                      ATT_TYPE_PUPIL_SEARCH));
  id = g_timeout_add (5000, timeout_reached, &reached);
  /* Amina and Bilal. */
  while (!reached && att_pupil_search_get_n_matches (search) != 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);

  /* Enter takes the first match, Amina (by name); her brother is offered
   * ticked, and the focus goes to the reasons, on Illness. */
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_true (GTK_IS_CHECK_BUTTON (att_test_focus_of (GTK_WINDOW (dialog))));
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (att_test_focus_of (GTK_WINDOW (dialog)))), ==, "_Illness");
  /* Space picks it; Tab goes to the details; Enter saves. */
  att_test_press_enter (GTK_WINDOW (dialog));
  att_test_press_tab (GTK_WINDOW (dialog));
  g_assert_nonnull (gtk_widget_get_ancestor (att_test_focus_of (GTK_WINDOW (dialog)), ADW_TYPE_ENTRY_ROW));
  att_test_type_text (GTK_WINDOW (dialog), "Temperature");
  att_test_press_enter (GTK_WINDOW (dialog));

  /* The form shows exactly the sessions that changed: both of Amina's
   * (N amended, the afternoon blank) and both of Bilal's (blank). */
  summary = att_call_dialog_get_summary (dialog);
  g_assert_nonnull (summary);
  g_assert_cmpstr (summary, ==,
                   "Amina Khan, Mon 16 Sep 2024, morning: N → I\n"
                   "Amina Khan, Mon 16 Sep 2024, afternoon: blank → I\n"
                   "Bilal Khan, Mon 16 Sep 2024, morning: blank → I\n"
                   "Bilal Khan, Mon 16 Sep 2024, afternoon: blank → I");
  g_assert_cmpuint (att_call_dialog_get_call_ids (dialog)->len, ==, 2);

  /* The codes. */
  g_assert_cmpint (att_register_code (s.db, amina, TODAY, ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_cmpint (att_register_code (s.db, amina, TODAY, ATT_SESSION_PM), ==, ATT_CODE_I);
  g_assert_cmpint (att_register_code (s.db, bilal, TODAY, ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_cmpint (att_register_code (s.db, bilal, TODAY, ATT_SESSION_PM), ==, ATT_CODE_I);
  /* Cara, not in the family, is left alone; so is Eve, whose aunt is
   * the Khans' mother (the same name and number, but no parent of hers):
   * the old rule of a shared number would have ticked her. */
  g_assert_cmpint (att_register_code (s.db, cara, TODAY, ATT_SESSION_AM), ==, ATT_CODE_N);
  g_assert_cmpint (att_register_code (s.db, eve, TODAY, ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_register_code (s.db, eve, TODAY, ATT_SESSION_PM), ==, ATT_CODE_NONE);

  /* The history: Amina's N, then its amendment to I and the afternoon's
   * first entry (3 rows); Bilal's two first entries. */
  history_a = att_register_history (s.db, amina, TODAY, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history_a->len, ==, 3);
  history_b = att_register_history (s.db, bilal, TODAY, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history_b->len, ==, 2);

  /* The call records: one each, one family, from the first contact, with
   * the details typed and the history rows they wrote. */
  calls_a = att_calls_list (s.db, TODAY, amina, &error);
  g_assert_no_error (error);
  calls_b = att_calls_list (s.db, TODAY, bilal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls_a->len, ==, 1);
  g_assert_cmpuint (calls_b->len, ==, 1);
  call_a = g_ptr_array_index (calls_a, 0);
  call_b = g_ptr_array_index (calls_b, 0);
  g_assert_cmpint (call_a->reason, ==, ATT_CALL_REASON_ILLNESS);
  g_assert_cmpint (call_a->channel, ==, ATT_CALL_CHANNEL_PHONE);
  g_assert_cmpint (call_a->direction, ==, ATT_CALL_IN);
  g_assert_cmpint (call_a->contact_id, ==, amina_mum);
  g_assert_cmpstr (call_a->caller, ==, "Sara Khan");
  g_assert_cmpstr (call_a->note, ==, "Temperature");
  g_assert_cmpstr (call_a->user_name, ==, "Olive Officer");
  g_assert_cmpint (call_a->at, ==, 1726477200);
  g_assert_cmpint (call_a->family_id, !=, 0);
  g_assert_cmpint (call_a->family_id, ==, call_b->family_id);
  g_assert_cmpuint (call_a->marks->len, ==, 2);
  g_assert_cmpuint (call_b->marks->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (g_array_index (call_a->marks, AttCallMark, i).history_id, !=, 0);

  /* The focus is on Close; Enter closes the form. */
  g_assert_true (GTK_IS_BUTTON (att_test_focus_of (GTK_WINDOW (dialog))));
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_null (find_call_dialog ());

  /* The page: two calls in the log; the Khans have left the first-day
   * list. */
  att_test_flush_events ();
  /* The log is read when it is shown. */
  g_assert_cmpuint (n_rows (att_calls_page_get_log_list (page)), ==, 0);
  att_calls_page_show_view (page, "log");
  g_assert_cmpuint (n_rows (att_calls_page_get_log_list (page)), ==, 2);
  g_assert_cmpuint (n_rows (att_calls_page_get_firstday_list (page)), ==, 2);
}

static void
test_work_firstday_list (void)
{
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBox *list = att_calls_page_get_firstday_list (page);
  AttCallDialog *dialog;
  AttCallAttempt *attempt;

  att_calls_page_show_view (page, "firstday");
  /* Cara, then Dev; Cara's row is selected. */
  g_assert_cmpuint (n_rows (list), ==, 2);
  g_assert_cmpint (_att_calls_page_firstday_selected (page), ==, 0);

  /* A with Ctrl is not an outcome; a key that is no outcome is left. */
  g_assert_false (press_key (GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_false (press_key (GDK_KEY_q, 0));

  /* A: no answer from Cara's first contact; her second is next, so the
   * row stays. */
  g_assert_true (press_key (GDK_KEY_a, 0));
  g_assert_cmpint (_att_calls_page_firstday_selected (page), ==, 0);
  /* V: a voicemail left for her second; every contact tried, so on to
   * Dev. */
  g_assert_true (press_key (GDK_KEY_v, 0));
  g_assert_cmpint (_att_calls_page_firstday_selected (page), ==, 1);
  /* X: Dev's only number does not work. */
  g_assert_true (press_key (GDK_KEY_x, 0));

  /* Three attempts, in order, on the contacts tried; nobody reached, so
   * both pupils stay on the list. */
  attempts = att_calls_attempts_on (s.db, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 3);
  attempt = g_ptr_array_index (attempts, 0);
  g_assert_cmpint (attempt->pupil_id, ==, cara);
  g_assert_cmpint (attempt->contact_id, ==, cara_mum);
  g_assert_cmpint (attempt->outcome, ==, ATT_ATTEMPT_NO_ANSWER);
  g_assert_cmpint (attempt->call_id, ==, 0);
  /* Logged at the page's clock: 10:00 BST on 16 September is 09:00 UTC,
   * 1726477200 seconds after the epoch. */
  g_assert_cmpint (attempt->at, ==, 1726477200);
  attempt = g_ptr_array_index (attempts, 1);
  g_assert_cmpint (attempt->pupil_id, ==, cara);
  g_assert_cmpint (attempt->contact_id, ==, cara_dad);
  g_assert_cmpint (attempt->outcome, ==, ATT_ATTEMPT_VOICEMAIL);
  attempt = g_ptr_array_index (attempts, 2);
  g_assert_cmpint (attempt->pupil_id, ==, dev);
  g_assert_cmpint (attempt->contact_id, ==, dev_dad);
  g_assert_cmpint (attempt->outcome, ==, ATT_ATTEMPT_NOT_WORKING);
  g_assert_cmpuint (n_rows (list), ==, 2);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0))),
                            "2 attempts today"));

  /* Back up to Cara: her mother rings back. R opens the form filled for
   * Cara with her first contact, the school calling out. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (press_key (GDK_KEY_r, 0));
  dialog = find_call_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (att_test_focus_of (GTK_WINDOW (dialog)))), ==, "_Illness");
  att_test_press_enter (GTK_WINDOW (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "call.save", NULL);
  att_test_flush_events ();
  g_assert_cmpstr (att_call_dialog_get_summary (dialog), ==,
                   "Cara Jones, Mon 16 Sep 2024, morning: N → I\n"
                   "Cara Jones, Mon 16 Sep 2024, afternoon: blank → I");
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_null (find_call_dialog ());

  /* The call is out, from her mother; the attempt that reached her is
   * logged on it; Cara leaves the list and Dev is left. */
  calls = att_calls_list (s.db, TODAY, cara, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpint (((AttCall *)g_ptr_array_index (calls, 0))->direction, ==, ATT_CALL_OUT);
  g_assert_cmpint (((AttCall *)g_ptr_array_index (calls, 0))->contact_id, ==, cara_mum);
  g_clear_pointer (&attempts, g_ptr_array_unref);
  attempts = att_calls_attempts_on (s.db, TODAY, &error);
  g_assert_cmpuint (attempts->len, ==, 4);
  attempt = g_ptr_array_index (attempts, 3);
  g_assert_cmpint (attempt->outcome, ==, ATT_ATTEMPT_REACHED);
  g_assert_cmpint (attempt->call_id, ==, ((AttCall *)g_ptr_array_index (calls, 0))->id);
  att_test_flush_events ();
  g_assert_cmpuint (n_rows (list), ==, 1);
  g_assert_true (g_str_has_prefix (row_title (list, 0), "Dev Patel"));
}

/* Cara's mother rings again: not ill, a dental appointment. Her sessions
 * already hold I (from the first call), so the form lists them and asks
 * why they change; nothing is written until it has the reason. */
static void
test_amendment_reason (void)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  AttHistoryEntry *last;
  AttCallDialog *dialog;
  AttPupilSearch *search;
  gboolean reached = FALSE;
  guint id;

  gtk_widget_activate_action (GTK_WIDGET (page), "calls.new-call", NULL);
  att_test_flush_events ();
  dialog = find_call_dialog ();
  g_assert_nonnull (dialog);
  att_test_type_text (GTK_WINDOW (dialog), "jones");
  search = ATT_PUPIL_SEARCH (gtk_widget_get_ancestor (att_test_focus_of (GTK_WINDOW (dialog)),
                                                      ATT_TYPE_PUPIL_SEARCH));
  id = g_timeout_add (5000, timeout_reached, &reached);
  while (!reached && att_pupil_search_get_n_matches (search) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  att_test_press_enter (GTK_WINDOW (dialog));

  /* Right, from Illness to "Medical or dental"; Space picks it. */
  gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_RIGHT);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (att_test_focus_of (GTK_WINDOW (dialog)))), ==,
                   "_Medical or dental");
  att_test_press_enter (GTK_WINDOW (dialog));

  /* Ctrl+Return: refused, the marks untouched, the focus on the reason
   * for the change. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "call.save", NULL);
  att_test_flush_events ();
  g_assert_null (att_call_dialog_get_summary (dialog));
  g_assert_cmpint (att_register_code (s.db, cara, TODAY, ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_nonnull (gtk_widget_get_ancestor (att_test_focus_of (GTK_WINDOW (dialog)), ADW_TYPE_ENTRY_ROW));
  att_test_type_text (GTK_WINDOW (dialog), "Not ill: at the dentist");
  att_test_press_enter (GTK_WINDOW (dialog));

  g_assert_cmpstr (att_call_dialog_get_summary (dialog), ==,
                   "Cara Jones, Mon 16 Sep 2024, morning: I → M\n"
                   "Cara Jones, Mon 16 Sep 2024, afternoon: I → M");
  g_assert_cmpint (att_register_code (s.db, cara, TODAY, ATT_SESSION_AM), ==, ATT_CODE_M);
  g_assert_cmpint (att_register_code (s.db, cara, TODAY, ATT_SESSION_PM), ==, ATT_CODE_M);
  history = att_register_history (s.db, cara, TODAY, TODAY, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpint (last->old_code, ==, ATT_CODE_I);
  g_assert_cmpint (last->new_code, ==, ATT_CODE_M);
  g_assert_cmpstr (last->reason, ==, "Not ill: at the dentist");
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_null (find_call_dialog ());
}

/* The texting export: Dev alone is left on the list, his father's
 * mobile is the first in calling order; one row, and a text logged. */
static void
test_export_texts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autofree char *dir = g_dir_make_tmp ("att-texts-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "texts.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  AttCallAttempt *attempt;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (_att_calls_page_export_texts_to (page, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  lines = g_strsplit (csv, "\n", -1);
  /* A heading and Dev's row. */
  g_assert_nonnull (strstr (lines[1], "Raj Patel"));
  g_assert_nonnull (strstr (lines[1], "07700 900777"));
  g_assert_nonnull (strstr (lines[1], "Dev"));

  attempts = att_calls_attempts_on (s.db, TODAY, &error);
  g_assert_no_error (error);
  /* The four before, and the text. */
  g_assert_cmpuint (attempts->len, ==, 5);
  attempt = g_ptr_array_index (attempts, 4);
  g_assert_cmpint (attempt->pupil_id, ==, dev);
  g_assert_cmpint (attempt->outcome, ==, ATT_ATTEMPT_SENT);
  g_assert_cmpint (attempt->channel, ==, ATT_CALL_CHANNEL_TEXT);

  /* Texted once today: a second export has nobody. */
  g_assert_true (_att_calls_page_export_texts_to (page, path, &n, &error));
  g_assert_cmpuint (n, ==, 0);

  g_remove (path);
  g_rmdir (dir);
}

/* The print of the day's call log: its rows are the log's. */
static void
test_print_log (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDocument) document = _att_calls_page_make_document (page, "log", &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpstr (att_document_get_title (document), ==, "Call log, Mon 16 Sep 2024");
  /* Four calls: the Khans' two and Cara's two. */
  g_assert_cmpuint (att_table_document_get_n_rows (ATT_TABLE_DOCUMENT (document)), ==, 4);
  g_assert_cmpuint (att_document_count_pages (document, 800, 550), ==, 1);
}

static AttLateDialog *
find_late_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ATT_IS_LATE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Dev arrives at 10:00, after the morning register closed at 09:15: the
 * late book writes U, 75 minutes after it opened at 08:45, and Dev
 * leaves the first-day list, which is then empty. */
static void
test_late_arrival (void)
{
  g_autoptr(GPtrArray) book = NULL;
  g_autoptr(GError) error = NULL;
  AttLateDialog *dialog;
  AttPupilSearch *search;
  AttLateEntry *entry;
  gboolean reached = FALSE;
  guint id;

  gtk_widget_activate_action (GTK_WIDGET (page), "calls.late-arrival", NULL);
  att_test_flush_events ();
  dialog = find_late_dialog ();
  g_assert_nonnull (dialog);

  att_test_type_text (GTK_WINDOW (dialog), "patel");
  search = ATT_PUPIL_SEARCH (gtk_widget_get_ancestor (att_test_focus_of (GTK_WINDOW (dialog)),
                                                      ATT_TYPE_PUPIL_SEARCH));
  id = g_timeout_add (5000, timeout_reached, &reached);
  while (!reached && att_pupil_search_get_n_matches (search) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  /* Enter takes Dev and goes to the reason; Enter there saves and
   * closes the form. */
  att_test_press_enter (GTK_WINDOW (dialog));
  att_test_type_text (GTK_WINDOW (dialog), "Bus late");
  att_test_press_enter (GTK_WINDOW (dialog));
  att_test_flush_events ();
  g_assert_null (find_late_dialog ());

  g_assert_cmpint (att_register_code (s.db, dev, TODAY, ATT_SESSION_AM), ==, ATT_CODE_U);
  book = att_latebook_list (s.db, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (book->len, ==, 1);
  entry = g_ptr_array_index (book, 0);
  g_assert_cmpint (entry->time_in, ==, 10 * 60);
  g_assert_cmpint (entry->minutes_late, ==, 75);
  g_assert_cmpstr (entry->reason, ==, "Bus late");

  att_calls_page_show_view (page, "late");
  g_assert_cmpuint (n_rows (att_calls_page_get_late_list (page)), ==, 1);
  g_assert_cmpuint (n_rows (att_calls_page_get_firstday_list (page)), ==, 0);
}

/* Amina's history on the pupil view shows her one call; the Today page's
 * line counts the first-day list: nobody left. */
static void
test_history_and_card (void)
{
  AttCallHistory *history = g_object_ref_sink (g_object_new (ATT_TYPE_CALL_HISTORY, NULL));
  AttFirstdayCard *card = g_object_ref_sink (g_object_new (ATT_TYPE_FIRSTDAY_CARD, NULL));

  att_call_history_show (history, s.db, cara);
  g_assert_cmpuint (att_call_history_get_n_calls (history), ==, 2);
  att_call_history_show (history, s.db, amina);
  g_assert_cmpuint (att_call_history_get_n_calls (history), ==, 1);
  att_call_history_show (history, s.db, dev);
  g_assert_cmpuint (att_call_history_get_n_calls (history), ==, 0);

  /* Before the morning register closes, nobody is listed yet. */
  att_firstday_card_update (card, s.db, TODAY, 9 * 60);
  g_assert_cmpint (att_firstday_card_get_count (card), ==, 0);
  att_firstday_card_update (card, s.db, TODAY, 10 * 60);
  g_assert_cmpint (att_firstday_card_get_count (card), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));
  /* Saturday: no school, no line. */
  att_firstday_card_update (card, s.db, D (2024, 9, 21), 10 * 60);
  g_assert_cmpint (att_firstday_card_get_count (card), ==, -1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (card)));

  g_assert_finalize_object (history);
  g_assert_finalize_object (card);
}

static gint64
count_audit (AttDb      *db,
             const char *action)
{
  sqlite3_stmt *stmt = att_db_prepare (db, "SELECT count(*) FROM audit_log WHERE action = ?", NULL);
  gint64 n = -1;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_true (att_db_query_int (db, stmt, &n, "count", NULL));
  return n;
}

static AttFirstdayDialog *
find_firstday_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ATT_IS_FIRSTDAY_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Tab until the focus is inside a widget of @type titled @title; FALSE
 * after 40 presses. */
static gboolean
tab_to (GtkWindow  *w,
        GType       type,
        const char *title)
{
  for (guint i = 0; i < 40; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (w));
      GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, type) : NULL;

      if (row != NULL && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
        return TRUE;
      att_test_press_tab (w);
    }
  return FALSE;
}

/* Replaces the text of the focused line, as Ctrl+A and typing do. */
static void
retype (GtkWindow  *w,
        const char *text)
{
  GtkWidget *focus = att_test_focus_of (w);

  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "");
  att_test_type_text (w, text);
}

/* The first-day procedure, the text message and the safeguarding lead,
 * edited from the keyboard by the headteacher: a time out of range and an
 * unknown field are refused with the field named and nothing stored; the
 * corrections are saved and audited. The attendance officer may not open
 * the settings. */
static void
test_firstday_settings (void)
{
  g_autoptr(AttUser) head = att_test_add_user (s.db, "Hannah Head", ATT_ROLE_HEADTEACHER, NULL);
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *template = NULL;
  g_autofree char *lead = NULL;
  AttContext *context = att_page_get_context (ATT_PAGE (page));
  AttFirstdayDialog *dialog;
  GtkWidget *row;
  const char *due_title;

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "calls.firstday-settings", NULL) &&
                  find_firstday_dialog () != NULL);
  att_context_set_user (context, head);
  att_test_flush_events ();

  /* From the page's menu button, which has the focus when it closes. */
  gtk_widget_grab_focus (GTK_WIDGET (page->menu_button));
  gtk_widget_activate_action (GTK_WIDGET (page), "calls.firstday-settings", NULL);
  att_test_flush_events ();
  dialog = find_firstday_dialog ();
  g_assert_nonnull (dialog);
  /* The default procedure, nine steps. */
  g_assert_cmpuint (att_firstday_dialog_get_n_steps (dialog), ==, 9);

  /* The first step (a text at the register's close): opened with Enter,
   * then Tab to its deadline. */
  row = att_firstday_dialog_get_step_row (dialog, 0);
  for (guint i = 0; i < 10 && !gtk_widget_is_ancestor (att_test_focus_of (GTK_WINDOW (dialog)), row); i++)
    att_test_press_tab (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_is_ancestor (att_test_focus_of (GTK_WINDOW (dialog)), row));
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  due_title = "D_ue By (12:00, close or close+60)";
  g_assert_true (tab_to (GTK_WINDOW (dialog), ADW_TYPE_ENTRY_ROW, due_title));

  /* 25:00 is no time of day: refused, the row marked, nothing stored. */
  retype (GTK_WINDOW (dialog), "25:00");
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_nonnull (att_firstday_dialog_get_error (dialog));
  g_assert_nonnull (strstr (att_firstday_dialog_get_error (dialog), "Line 1 of the procedure, due: “25:00”"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_null (att_firstday_setting_get (s.db, ATT_FIRSTDAY_TEXT_KEY));
  steps = att_firstday_procedure (s.db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((AttStep *)steps->pdata[0])->due_after_close, ==, 0);
  g_clear_pointer (&steps, g_ptr_array_unref);

  /* 08:55 is: saved, the row shows it. */
  retype (GTK_WINDOW (dialog), "08:55");
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_null (att_firstday_dialog_get_error (dialog));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  steps = att_firstday_procedure (s.db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 9);
  g_assert_cmpint (((AttStep *)steps->pdata[0])->due_time, ==, 8 * 60 + 55);
  g_assert_cmpint (count_audit (s.db, "firstday.procedure"), ==, 1);

  /* The text message, on the second page: an unknown field refused by
   * name, then the corrected one saved. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (dialog), "messages");
  att_test_flush_events ();
  g_assert_true (tab_to (GTK_WINDOW (dialog), ADW_TYPE_ENTRY_ROW, "_Message"));
  retype (GTK_WINDOW (dialog), "{forenme} is not in school");
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_nonnull (strstr (att_firstday_dialog_get_error (dialog), "“{forenme}”"));
  g_assert_null (att_firstday_setting_get (s.db, ATT_FIRSTDAY_TEXT_KEY));
  retype (GTK_WINDOW (dialog), "{forename} is not in school: please call {phone}");
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_null (att_firstday_dialog_get_error (dialog));
  template = att_firstday_text_template (s.db);
  g_assert_cmpstr (template, ==, "{forename} is not in school: please call {phone}");

  /* The lead, the next line down. */
  g_assert_true (tab_to (GTK_WINDOW (dialog), ADW_TYPE_ENTRY_ROW, "Designated _Safeguarding Lead"));
  retype (GTK_WINDOW (dialog), "Dee Lead");
  att_test_press_enter (GTK_WINDOW (dialog));
  lead = att_firstday_safeguarding_lead (s.db);
  g_assert_cmpstr (lead, ==, "Dee Lead");
  g_assert_cmpint (count_audit (s.db, "firstday.setting"), ==, 2);

  /* Escape closes it, and the focus is back on the menu button. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  att_test_flush_events ();
  g_assert_null (find_firstday_dialog ());
  g_assert_nonnull (gtk_widget_get_ancestor (att_test_focus_of (window), GTK_TYPE_MENU_BUTTON));

  att_context_set_user (context, s.officer);
  att_test_flush_events ();
}

/* A pupil absent on a day of leave the school refused: the first-day row
 * says so, with the code the register should get (G: a holiday). */
static void
test_refused_leave (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) head = att_test_add_user (s.db, "Hana Head", ATT_ROLE_HEADTEACHER, "Headteacher");
  g_autoptr(GArray) ids = NULL;
  GtkListBox *list = att_calls_page_get_firstday_list (page);
  AttLeaveInput input = { 0 };
  AttLeaveDecision decision = { 0 };
  g_autofree char *expected = NULL;
  gboolean found = FALSE;

  /* Dev is on the list: absent this morning, with no call yet. */
  g_assert_cmpuint (n_rows (list), >, 0);

  input.pupil_ids = &dev;
  input.n_pupils = 1;
  input.type = ATT_LEAVE_HOLIDAY;
  input.first_date = TODAY;
  input.first_session = ATT_SESSION_AM;
  input.last_date = TODAY;
  input.last_session = ATT_SESSION_PM;
  input.return_date = ATT_DATE_NONE;
  input.reason = "A family holiday";
  input.requested_by = "Mr Dev";
  input.received = D (2024, 9, 2);
  input.review_date = ATT_DATE_NONE;
  ids = att_leave_record (s.db, s.receptionist, &input, &error);
  g_assert_no_error (error);
  decision.verdict = ATT_LEAVE_REFUSE;
  decision.reasons = "A holiday is not an exceptional circumstance.";
  decision.at = 1725267600; /* Monday 2 September 2024, 10:00 BST */
  g_assert_true (att_leave_decide (s.db, head, g_array_index (ids, gint64, 0), &decision, &error));
  g_assert_no_error (error);

  att_calls_page_show_view (page, "firstday");
  att_page_refresh (ATT_PAGE (page));
  att_test_flush_events ();
  expected = g_strdup_printf ("Leave refused (request %" G_GINT64_FORMAT "): if absent without a reason, code G",
                              g_array_index (ids, gint64, 0));
  for (guint i = 0; i < n_rows (list); i++)
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, i)));

      if (strstr (subtitle, expected) != NULL)
        found = TRUE;
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-16", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "10:00", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  att_test_school_init (&s);
  amina = att_test_school_add_pupil (&s, "Amina", "Khan", D (2012, 10, 1));
  bilal = att_test_school_add_pupil (&s, "Bilal", "Khan", D (2013, 10, 1));
  cara = att_test_school_add_pupil (&s, "Cara", "Jones", D (2012, 12, 1));
  dev = att_test_school_add_pupil (&s, "Dev", "Patel", D (2012, 11, 1));
  /* The same mobile written two ways makes Amina and Bilal a family. */
  amina_mum = add_contact (amina, "Sara", "Khan", "07700 900123", TRUE, 1);
  add_contact (bilal, "Sara", "Khan", "07700900123", TRUE, 1);
  cara_mum = add_contact (cara, "Jo", "Jones", "07700 900555", TRUE, 1);
  cara_dad = add_contact (cara, "Lee", "Jones", "07700 900556", FALSE, 2);
  dev_dad = add_contact (dev, "Raj", "Patel", "07700 900777", TRUE, 1);
  eve = att_test_school_add_pupil (&s, "Eve", "Hill", D (2013, 2, 1));
  add_contact (eve, "Sara", "Khan", "07700 900123", FALSE, 1);
  mark (eve, ATT_SESSION_AM, ATT_CODE_PRESENT_AM);
  mark (amina, ATT_SESSION_AM, ATT_CODE_N);
  mark (cara, ATT_SESSION_AM, ATT_CODE_N);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 700);
  page = g_object_new (ATT_TYPE_CALLS_PAGE, NULL);
  g_object_ref_sink (page);
  att_context_set_db (att_page_get_context (ATT_PAGE (page)), s.db);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), s.officer);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  att_test_flush_events ();

  g_test_add_func ("/calls-page/refused-leave", test_refused_leave);
  g_test_add_func ("/calls-page/call-for-siblings", test_call_for_siblings);
  g_test_add_func ("/calls-page/work-firstday-list", test_work_firstday_list);
  g_test_add_func ("/calls-page/amendment-reason", test_amendment_reason);
  g_test_add_func ("/calls-page/export-texts", test_export_texts);
  g_test_add_func ("/calls-page/print-log", test_print_log);
  g_test_add_func ("/calls-page/late-arrival", test_late_arrival);
  g_test_add_func ("/calls-page/history-and-card", test_history_and_card);
  g_test_add_func ("/calls-page/firstday-settings", test_firstday_settings);
  result = g_test_run ();

  gtk_window_set_child (window, NULL);
  gtk_window_destroy (window);
  att_test_flush_events ();
  g_assert_finalize_object (page);
  att_test_school_clear (&s);
  return result;
}
