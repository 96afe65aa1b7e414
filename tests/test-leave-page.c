/* test-leave-page.c: the Leave page, the request form and the decision,
 * driven from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: the term "Autumn 1 2024" from Mon 2 September to Fri 25
 * October. Today is Mon 16 September 2024, 10:00. Amina and Bilal Khan
 * share their mother's mobile (brother and sister); she lives with them
 * and has parental responsibility. Cara Jones is in the same class.
 * Olive Officer (attendance officer) records requests; Helen Head
 * (headteacher) decides them.
 *
 * The tests run in order: the first records one form for Amina and
 * Bilal, the second decides both, the third withdraws Cara's.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-leave-card.h"
#include "att-leave-decision-dialog.h"
#include "att-leave-dialog.h"
#include "att-leave-page-private.h"
#include "att-letters.h"
#include "att-pupil-search.h"
#include "att-test-keys.h"
#include "att-test-util.h"

void attendance_register_resource (void);

static AttTestSchool  s;
static AttUser       *head;
static GtkWindow     *window;
static AttLeavePage  *page;
static gint64         amina, bilal, cara, mum;

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Escape: what the window binds to it. */
static void
press_escape (GtkWindow *w)
{
  gtk_widget_activate_action (GTK_WIDGET (w), "window.close", NULL);
  att_test_flush_events ();
}

/* The label of the focused button, or the title of the entry row or of
 * the row holding the check button the focus is in; "" elsewhere. */
static const char *
focus_title (GtkWindow *w)
{
  GtkWidget *focus = att_test_focus_of (w);
  GtkWidget *row = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);

  if (GTK_IS_CHECK_BUTTON (focus) && gtk_check_button_get_label (GTK_CHECK_BUTTON (focus)) != NULL)
    return gtk_check_button_get_label (GTK_CHECK_BUTTON (focus));
  if (GTK_IS_BUTTON (focus) && gtk_button_get_label (GTK_BUTTON (focus)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (focus));
  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "";
}

/* Tab (or Shift+Tab) until the focus is in the control titled @prefix;
 * at most 40 presses. */
static void
tab_to (GtkWindow        *w,
        GtkDirectionType  direction,
        const char       *prefix)
{
  for (guint i = 0; i < 40; i++)
    {
      if (g_str_has_prefix (focus_title (w), prefix))
        return;
      gtk_widget_child_focus (GTK_WIDGET (w), direction);
      att_test_flush_events ();
    }
  g_error ("Tab never reached “%s”; the focus is on “%s”", prefix, focus_title (w));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
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

static GPtrArray *
list_requests (int status)
{
  g_autoptr(GError) error = NULL;
  AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;
  GPtrArray *leaves;

  filter.status = status;
  leaves = att_leave_list (s.db, &filter, &error);
  g_assert_no_error (error);
  return leaves;
}

/* The officer records one form for Amina and her brother: a funeral
 * abroad, Mon 30 September and Tue 1 October 2024, received today (16
 * September): 14 days' notice where the school asks for 21, so the form
 * warns, and records anyway. */
static void
test_record_request (void)
{
  g_autoptr(GPtrArray) leaves = NULL;
  AttLeaveCard *card = g_object_ref_sink (g_object_new (ATT_TYPE_LEAVE_CARD, NULL));
  GtkListBox *list = att_leave_page_get_requests_list (page);
  AttLeaveDialog *dialog;
  AttPupilSearch *search;
  gboolean reached = FALSE;
  AttLeave *leave;
  guint id;

  /* Nothing yet: the page says what to do. */
  g_assert_cmpuint (n_rows (list), ==, 0);
  g_assert_cmpuint (att_leave_page_count_shown (page), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (page), "leave.new-request", NULL);
  att_test_flush_events ();
  dialog = ATT_LEAVE_DIALOG (find_window (ATT_TYPE_LEAVE_DIALOG));
  g_assert_nonnull (dialog);

  /* The form opens on the search; the entry searches after a pause. */
  att_test_type_text (GTK_WINDOW (dialog), "amina");
  search = ATT_PUPIL_SEARCH (gtk_widget_get_ancestor (att_test_focus_of (GTK_WINDOW (dialog)),
                                                      ATT_TYPE_PUPIL_SEARCH));
  id = g_timeout_add (5000, timeout_reached, &reached);
  while (!reached && att_pupil_search_get_n_matches (search) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);

  /* Enter takes Amina; the focus goes on to the first day. */
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_true (g_str_has_prefix (focus_title (GTK_WINDOW (dialog)), "_First day"));
  att_test_type_text (GTK_WINDOW (dialog), "30/09/2024");

  /* Her brother is offered, not ticked: back up to him, Space ticks. */
  tab_to (GTK_WINDOW (dialog), GTK_DIR_TAB_BACKWARD, "Bilal Khan");
  att_test_press_enter (GTK_WINDOW (dialog));

  tab_to (GTK_WINDOW (dialog), GTK_DIR_TAB_FORWARD, "_Last day");
  att_test_type_text (GTK_WINDOW (dialog), "01/10/2024");
  tab_to (GTK_WINDOW (dialog), GTK_DIR_TAB_FORWARD, "_Reason");
  att_test_type_text (GTK_WINDOW (dialog), "Grandmother’s funeral in Lahore");
  tab_to (GTK_WINDOW (dialog), GTK_DIR_TAB_FORWARD, "_Evidence");
  att_test_type_text (GTK_WINDOW (dialog), "Letter from the mosque");

  /* The core's warning, under the form: too little notice. */
  g_assert_nonnull (att_leave_dialog_get_warnings (dialog));
  g_assert_nonnull (strstr (att_leave_dialog_get_warnings (dialog), "notice"));

  /* Enter saves; the focus is on Close, and Enter closes. */
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_cmpuint (att_leave_dialog_get_leave_ids (dialog)->len, ==, 2);
  g_assert_true (GTK_IS_BUTTON (att_test_focus_of (GTK_WINDOW (dialog))));
  att_test_press_enter (GTK_WINDOW (dialog));
  g_assert_null (find_window (ATT_TYPE_LEAVE_DIALOG));

  /* Two requests, one each, waiting, linked by one form. */
  leaves = list_requests (-1);
  g_assert_cmpuint (leaves->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      leave = g_ptr_array_index (leaves, i);
      g_assert_cmpint (leave->status, ==, ATT_LEAVE_SUBMITTED);
      g_assert_cmpint (leave->type, ==, ATT_LEAVE_EXCEPTIONAL);
      g_assert_cmpint (leave->first_date, ==, D (2024, 9, 30));
      g_assert_cmpint (leave->last_date, ==, D (2024, 10, 1));
      g_assert_cmpint (leave->received, ==, D (2024, 9, 16));
      g_assert_cmpstr (leave->reason, ==, "Grandmother’s funeral in Lahore");
      g_assert_cmpstr (leave->evidence, ==, "Letter from the mosque");
      /* Asked by their mother, the contact they live with. */
      g_assert_cmpint (leave->requested_by_contact_id, !=, 0);
      g_assert_true (leave->warnings & ATT_LEAVE_WARN_LATE_NOTICE);
      /* Two days, both sessions: 4 sessions. */
      g_assert_cmpuint (leave->sessions->len, ==, 4);
      g_assert_cmpint (leave->group_id, ==, ((AttLeave *)g_ptr_array_index (leaves, 0))->group_id);
    }
  g_assert_cmpint (((AttLeave *)g_ptr_array_index (leaves, 0))->requested_by_contact_id, ==, mum);

  /* The list shows both; the focus came back to the new request's row. */
  g_assert_cmpuint (n_rows (list), ==, 2);
  g_assert_true (GTK_IS_LIST_BOX_ROW (att_test_focus_of (window)));
  g_assert_true (gtk_widget_get_parent (att_test_focus_of (window)) == GTK_WIDGET (list));
  g_assert_true (g_str_has_prefix (row_title (list, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (att_test_focus_of (window)))),
                                   "Amina Khan"));
  g_assert_cmpuint (n_rows (att_leave_page_get_queue_list (page)), ==, 2);

  /* Today counts both as waiting. */
  att_leave_card_update (card, s.db, D (2024, 9, 16));
  g_assert_cmpuint (att_leave_card_get_counts (card)->waiting, ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));
  g_assert_finalize_object (card);
}

/* The officer may read a request but not decide it: the Decide button
 * is disabled and says why, in the core's words. */
static void
test_officer_may_not_decide (void)
{
  g_autoptr(GError) error = NULL;
  GtkListBox *queue = att_leave_page_get_queue_list (page);
  GtkWindow *dialog;
  GtkWidget *button;

  g_assert_false (att_user_require (s.officer, ATT_PERM_DECIDE_LEAVE, &error));
  att_leave_page_show_view (page, "queue");
  att_test_flush_events ();
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (queue, 0)));
  att_test_press_enter (window);
  dialog = find_window (ATT_TYPE_LEAVE_DECISION_DIALOG);
  g_assert_nonnull (dialog);
  button = find_button (GTK_WIDGET (dialog), "_Decide");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, error->message);
  /* The focus waits on Close. */
  button = gtk_widget_get_ancestor (att_test_focus_of (dialog), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Close");
  press_escape (dialog);
  g_assert_null (find_window (ATT_TYPE_LEAVE_DECISION_DIALOG));
  /* Nothing was decided. */
  {
    g_autoptr(GPtrArray) waiting = list_requests (ATT_LEAVE_SUBMITTED);

    g_assert_cmpuint (waiting->len, ==, 2);
  }
  /* The focus is back on the row it left. */
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (queue, 0)) == att_test_focus_of (window));
}

/* The headteacher decides, from the queue, with the keyboard: Amina's
 * request agreed but for Monday afternoon; Tuesday afternoon already
 * holds M (a dental appointment the office marked ahead), so the form
 * asks why it changes. Then Bilal's is refused. */
static void
test_decide (void)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(AttLeave) amina_leave = NULL;
  g_autoptr(AttLeave) bilal_leave = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  GtkListBox *queue = att_leave_page_get_queue_list (page);
  AttMarkWrite write = { 0, D (2024, 10, 1), ATT_SESSION_PM, ATT_CODE_M, -1, NULL };
  AttLeaveCard *card = g_object_ref_sink (g_object_new (ATT_TYPE_LEAVE_CARD, NULL));
  AttLeaveDecisionDialog *decision;
  gint64 amina_id, bilal_id;

  write.pupil_id = amina;
  att_register_write (s.db, s.officer, &write, 1, NULL, ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), head);
  att_test_flush_events ();

  leaves = list_requests (ATT_LEAVE_SUBMITTED);
  g_assert_cmpuint (leaves->len, ==, 2);
  g_assert_cmpuint (n_rows (queue), ==, 2);
  g_assert_true (g_str_has_prefix (row_title (queue, 0), "Amina Khan"));
  amina_id = ((AttLeave *)g_ptr_array_index (leaves, 0))->id;
  bilal_id = ((AttLeave *)g_ptr_array_index (leaves, 1))->id;
  g_assert_cmpint (((AttLeave *)g_ptr_array_index (leaves, 0))->pupil_id, ==, amina);

  /* Enter on Amina's row opens her request on the decision. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (queue, 0)));
  att_test_press_enter (window);
  decision = ATT_LEAVE_DECISION_DIALOG (find_window (ATT_TYPE_LEAVE_DECISION_DIALOG));
  g_assert_nonnull (decision);
  g_assert_cmpstr (focus_title (GTK_WINDOW (decision)), ==, "Agree _all the sessions asked for");

  /* Agree some: every session is ticked; untick Monday afternoon. */
  tab_to (GTK_WINDOW (decision), GTK_DIR_TAB_FORWARD, "Agree _some");
  att_test_press_enter (GTK_WINDOW (decision));
  tab_to (GTK_WINDOW (decision), GTK_DIR_TAB_FORWARD, "Mon 30 Sep 2024, afternoon");
  att_test_press_enter (GTK_WINDOW (decision));
  tab_to (GTK_WINDOW (decision), GTK_DIR_TAB_FORWARD, "R_easons");
  att_test_type_text (GTK_WINDOW (decision), "A family funeral abroad: exceptional; the Monday afternoon is for travel and is not");

  /* Enter without the reason for changing the M: refused, nothing
   * written, and the focus goes to the reason. */
  att_test_press_enter (GTK_WINDOW (decision));
  g_assert_null (att_leave_decision_dialog_get_summary (decision));
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 9, 30), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 10, 1), ATT_SESSION_PM), ==, ATT_CODE_M);
  g_assert_true (g_str_has_prefix (focus_title (GTK_WINDOW (decision)), "Reason for changing"));
  att_test_type_text (GTK_WINDOW (decision), "The appointment is moved to after the leave");
  att_test_press_enter (GTK_WINDOW (decision));

  /* Exactly the three sessions agreed, with C (exceptional
   * circumstances); Monday afternoon is left blank. */
  g_assert_cmpstr (att_leave_decision_dialog_get_summary (decision), ==,
                   "Mon 30 Sep 2024, morning: blank → C\n"
                   "Tue 1 Oct 2024, morning: blank → C\n"
                   "Tue 1 Oct 2024, afternoon: M → C");
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 9, 30), ATT_SESSION_AM), ==, ATT_CODE_C);
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 9, 30), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 10, 1), ATT_SESSION_AM), ==, ATT_CODE_C);
  g_assert_cmpint (att_register_code (s.db, amina, D (2024, 10, 1), ATT_SESSION_PM), ==, ATT_CODE_C);
  /* The M's amendment carries the reason typed. */
  history = att_register_history (s.db, amina, D (2024, 10, 1), D (2024, 10, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  amina_leave = att_leave_get (s.db, amina_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (amina_leave->status, ==, ATT_LEAVE_PARTLY_APPROVED);
  g_assert_cmpuint (att_leave_count_sessions (amina_leave, ATT_LEAVE_SESSION_AGREED), ==, 3);
  g_assert_cmpuint (att_leave_count_sessions (amina_leave, ATT_LEAVE_SESSION_REFUSED), ==, 1);
  g_assert_cmpstr (amina_leave->decided_by, ==, "Helen Head");

  /* The letter, partly agreed, to her mother: Tab reaches it, and it is
   * saved as PDF through the print operation and logged. */
  g_assert_true (GTK_IS_BUTTON (att_test_focus_of (GTK_WINDOW (decision))));
  {
    GtkWidget *pdf_button = find_button (GTK_WIDGET (decision), "Save as P_DF…");

    g_assert_nonnull (pdf_button);
    if (!gtk_widget_is_sensitive (pdf_button))
      g_error ("No letter: %s", gtk_widget_get_tooltip_text (pdf_button));
  }
  tab_to (GTK_WINDOW (decision), GTK_DIR_TAB_FORWARD, "Save as P_DF");
  {
    g_autofree char *dir = g_dir_make_tmp ("leave-letter-XXXXXX", &error);
    g_autofree char *pdf = g_build_filename (dir, "letter.pdf", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GPtrArray) letters = NULL;
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
    int status = 0;

    g_assert_no_error (error);
    g_assert_true (att_leave_decision_dialog_save_letter_to (decision, pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "Amina"));
    g_assert_nonnull (strstr (text, "Sara Khan"));
    g_assert_nonnull (strstr (text, "Mill Lane"));
    /* Three of the four sessions agreed, Monday afternoon not, and why
     * (the reasons as typed, the letter's lines wrapping them). */
    {
      /* The words as read, whatever the lines the letter wraps them in. */
      g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
      g_autofree char *flat = g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);

      g_assert_nonnull (strstr (flat, "agreed 3 of the 4 sessions"));
      g_assert_nonnull (strstr (flat, "The rest of the request, 1 session, has not been agreed: "
                                      "Mon 30 Sep 2024 (afternoon)"));
      g_assert_null (strstr (flat, "1 sessions"));
      g_assert_nonnull (strstr (flat, "A family funeral"));
    }
    letters = att_letters_for_pupil (s.db, amina, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (letters->len, ==, 1);
    g_assert_cmpstr (((AttLetterRecord *)g_ptr_array_index (letters, 0))->kind, ==, "leave-partly-agreed");
    g_unlink (pdf);
    g_rmdir (dir);
  }

  /* Escape closes, and the focus goes to the row that took Amina's
   * place in the queue: Bilal's. */
  press_escape (GTK_WINDOW (decision));
  g_assert_null (find_window (ATT_TYPE_LEAVE_DECISION_DIALOG));
  g_assert_cmpuint (n_rows (queue), ==, 1);
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (queue, 0)) == att_test_focus_of (window));
  g_assert_true (g_str_has_prefix (row_title (queue, 0), "Bilal Khan"));

  /* Bilal's, its own decision: refused. */
  att_test_press_enter (window);
  decision = ATT_LEAVE_DECISION_DIALOG (find_window (ATT_TYPE_LEAVE_DECISION_DIALOG));
  g_assert_nonnull (decision);
  tab_to (GTK_WINDOW (decision), GTK_DIR_TAB_FORWARD, "_Refuse");
  att_test_press_enter (GTK_WINDOW (decision));
  tab_to (GTK_WINDOW (decision), GTK_DIR_TAB_FORWARD, "R_easons");
  att_test_type_text (GTK_WINDOW (decision), "Bilal has exams that week");
  att_test_press_enter (GTK_WINDOW (decision));
  g_assert_cmpstr (att_leave_decision_dialog_get_summary (decision), ==,
                   "No session was agreed: the register is unchanged.");
  att_test_press_enter (GTK_WINDOW (decision));
  g_assert_null (find_window (ATT_TYPE_LEAVE_DECISION_DIALOG));

  bilal_leave = att_leave_get (s.db, bilal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bilal_leave->status, ==, ATT_LEAVE_DECLINED);
  g_assert_cmpstr (bilal_leave->decision_reasons, ==, "Bilal has exams that week");
  g_assert_cmpint (att_register_code (s.db, bilal, D (2024, 9, 30), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (s.db, bilal, D (2024, 10, 1), ATT_SESSION_PM), ==, ATT_CODE_NONE);

  /* The queue is empty and says so; Today has nothing waiting. */
  g_assert_cmpuint (n_rows (queue), ==, 0);
  att_leave_card_update (card, s.db, D (2024, 9, 16));
  g_assert_cmpuint (att_leave_card_get_counts (card)->waiting, ==, 0);
  g_assert_finalize_object (card);
}

/* Cara's mother withdraws her request before it is decided: it stays in
 * the list, withdrawn. The list's filter and search find it. */
static void
test_withdraw_and_filter (void)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(AttLeave) leave = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pupils[] = { cara };
  AttLeaveInput input = { 0, };
  GtkWindow *decision, *confirm;

  input.pupil_ids = pupils;
  input.n_pupils = 1;
  input.type = ATT_LEAVE_INTERVIEW;
  input.first_date = D (2024, 10, 8);
  input.first_session = ATT_SESSION_AM;
  input.last_date = D (2024, 10, 8);
  input.last_session = ATT_SESSION_AM;
  input.reason = "Interview at the sixth-form college";
  input.requested_by = "Jo Jones";
  ids = att_leave_record (s.db, s.officer, &input, &error);
  g_assert_no_error (error);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), s.officer);
  att_test_flush_events ();

  gtk_widget_activate_action (GTK_WIDGET (page), "leave.open-request", "x", g_array_index (ids, gint64, 0));
  att_test_flush_events ();
  decision = find_window (ATT_TYPE_LEAVE_DECISION_DIALOG);
  g_assert_nonnull (decision);
  gtk_widget_activate_action (GTK_WIDGET (decision), "leave-decision.withdraw", NULL);
  att_test_flush_events ();
  confirm = find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  att_test_type_text (confirm, "Phoned the office");
  att_test_press_enter (confirm);
  press_escape (decision);

  leave = att_leave_get (s.db, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (leave->status, ==, ATT_LEAVE_WITHDRAWN);

  /* Three requests in all; one withdrawn; two Khans. */
  att_leave_page_show_view (page, "requests");
  att_leave_page_set_status_filter (page, -1);
  att_leave_page_set_search (page, "");
  g_assert_cmpuint (att_leave_page_count_shown (page), ==, 3);
  att_leave_page_set_status_filter (page, ATT_LEAVE_WITHDRAWN);
  g_assert_cmpuint (att_leave_page_count_shown (page), ==, 1);
  att_leave_page_set_status_filter (page, ATT_LEAVE_DECLINED);
  g_assert_cmpuint (att_leave_page_count_shown (page), ==, 1);
  att_leave_page_set_status_filter (page, -1);
  att_leave_page_set_search (page, "khan");
  g_assert_cmpuint (att_leave_page_count_shown (page), ==, 2);
  att_leave_page_set_search (page, "nobody");
  g_assert_cmpuint (att_leave_page_count_shown (page), ==, 0);
  att_leave_page_set_search (page, "");
}

/* A part-time timetable for Cara: out every afternoon from today to the
 * end of term, Friday 25 October, reviewed today. The headteacher agrees
 * it all from the keyboard: every afternoon from Mon 16 September to
 * Fri 25 October is C2, the mornings are left, and nothing after the
 * end. The review is due today (Today counts it); recording it, with no
 * next review as the timetable ends within six weeks (16 September + 42
 * days is 28 October, after the end), takes it off the count. */
static void
test_part_time_review (void)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(AttLeave) leave = NULL;
  g_autoptr(GError) error = NULL;
  AttLeaveCard *card = g_object_ref_sink (g_object_new (ATT_TYPE_LEAVE_CARD, NULL));
  GtkListBox *list = att_leave_page_get_part_time_list (page);
  gint64 pupils[] = { cara };
  AttLeaveInput input = { 0, };
  GtkWindow *decision, *confirm;
  gint64 id;

  input.pupil_ids = pupils;
  input.n_pupils = 1;
  input.type = ATT_LEAVE_PART_TIME;
  input.first_date = D (2024, 9, 16);
  input.first_session = ATT_SESSION_AM;
  input.last_date = D (2024, 10, 25);
  input.last_session = ATT_SESSION_PM;
  input.reason = "A phased return after a long illness";
  input.requested_by = "Jo Jones";
  input.pattern = ATT_LEAVE_PATTERN_AFTERNOONS;
  input.review_date = D (2024, 9, 16);
  ids = att_leave_record (s.db, s.officer, &input, &error);
  g_assert_no_error (error);
  id = g_array_index (ids, gint64, 0);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), head);
  att_test_flush_events ();

  /* Agree all, from the keyboard. */
  gtk_widget_activate_action (GTK_WIDGET (page), "leave.open-request", "x", id);
  att_test_flush_events ();
  decision = find_window (ATT_TYPE_LEAVE_DECISION_DIALOG);
  g_assert_nonnull (decision);
  g_assert_cmpstr (focus_title (decision), ==, "Agree _all the sessions asked for");
  att_test_press_enter (decision);
  tab_to (decision, GTK_DIR_TAB_FORWARD, "R_easons");
  att_test_type_text (decision, "Agreed with the family and the school nurse");
  att_test_press_enter (decision);
  /* Six school weeks of afternoons, Mon 16 September to Fri 25 October:
   * 6 × 5 = 30 sessions, every one blank before. */
  {
    const char *summary = att_leave_decision_dialog_get_summary (ATT_LEAVE_DECISION_DIALOG (decision));
    g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 30);
    g_assert_cmpstr (lines[0], ==, "Mon 16 Sep 2024, afternoon: blank → C2");
    g_assert_cmpstr (lines[29], ==, "Fri 25 Oct 2024, afternoon: blank → C2");
  }
  att_test_press_enter (decision);
  g_assert_null (find_window (ATT_TYPE_LEAVE_DECISION_DIALOG));

  g_assert_cmpint (att_register_code (s.db, cara, D (2024, 9, 16), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (s.db, cara, D (2024, 9, 16), ATT_SESSION_PM), ==, ATT_CODE_C2);
  g_assert_cmpint (att_register_code (s.db, cara, D (2024, 10, 25), ATT_SESSION_PM), ==, ATT_CODE_C2);
  g_assert_cmpint (att_register_code (s.db, cara, D (2024, 10, 25), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  leave = att_leave_get (s.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (leave->status, ==, ATT_LEAVE_APPROVED);
  g_clear_pointer (&leave, att_leave_free);

  /* Listed to follow up, its review due; Today counts it. */
  g_assert_cmpuint (n_rows (list), ==, 1);
  g_assert_true (g_str_has_prefix (row_title (list, 0), "Cara Jones"));
  att_leave_card_update (card, s.db, D (2024, 9, 16));
  g_assert_cmpuint (att_leave_card_get_counts (card)->reviews_due, ==, 1);

  /* The review: the note, then Enter. */
  gtk_widget_activate_action (GTK_WIDGET (page), "leave.review", "x", id);
  att_test_flush_events ();
  confirm = find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  g_assert_true (g_str_has_prefix (focus_title (confirm), "_What was decided"));
  att_test_type_text (confirm, "Going well: afternoons stay out until half term");
  att_test_press_enter (confirm);
  g_assert_null (find_window (ADW_TYPE_MESSAGE_DIALOG));

  leave = att_leave_get (s.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (leave->review_date, ==, ATT_DATE_NONE);
  att_leave_card_update (card, s.db, D (2024, 9, 16));
  g_assert_cmpuint (att_leave_card_get_counts (card)->reviews_due, ==, 0);
  /* The focus is back on the timetable's row. */
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)) == att_test_focus_of (window));
  g_assert_finalize_object (card);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Warnings, not refusals: a day in the exam period (7 to 11 October),
 * asked for exceptional circumstances by someone not on Cara's record.
 * The form shows both as they arise; Escape leaves without recording. */
static void
test_form_warnings (void)
{
  g_autoptr(GPtrArray) before = list_requests (-1);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  AttLeaveDialog *dialog;
  AttPupilSearch *search;
  gboolean reached = FALSE;
  GtkWidget *asker;
  guint id;

  g_assert_cmpint (att_exam_periods_add (s.db, att_user_system (), "Year 11 mocks",
                                         D (2024, 10, 7), D (2024, 10, 11), &error), !=, 0);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (page), "leave.new-request", NULL);
  att_test_flush_events ();
  dialog = ATT_LEAVE_DIALOG (find_window (ATT_TYPE_LEAVE_DIALOG));
  g_assert_nonnull (dialog);
  att_test_type_text (GTK_WINDOW (dialog), "cara");
  search = ATT_PUPIL_SEARCH (gtk_widget_get_ancestor (att_test_focus_of (GTK_WINDOW (dialog)),
                                                      ATT_TYPE_PUPIL_SEARCH));
  id = g_timeout_add (5000, timeout_reached, &reached);
  while (!reached && att_pupil_search_get_n_matches (search) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  att_test_press_enter (GTK_WINDOW (dialog));
  att_test_type_text (GTK_WINDOW (dialog), "08/10/2024");
  tab_to (GTK_WINDOW (dialog), GTK_DIR_TAB_FORWARD, "_Last day");
  att_test_type_text (GTK_WINDOW (dialog), "08/10/2024");
  tab_to (GTK_WINDOW (dialog), GTK_DIR_TAB_FORWARD, "_Reason");
  att_test_type_text (GTK_WINDOW (dialog), "A family emergency");

  /* Her mother asked: only the exam period. */
  g_assert_nonnull (strstr (att_leave_dialog_get_warnings (dialog), "exam period “Year 11 mocks”"));
  g_assert_null (strstr (att_leave_dialog_get_warnings (dialog), "normally lives with"));

  /* Someone else, named. */
  asker = find_row (GTK_WIDGET (dialog), "_Asked by");
  g_assert_nonnull (asker);
  adw_combo_row_set_selected (ADW_COMBO_ROW (asker),
                              g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (asker))) - 1);
  att_test_flush_events ();
  tab_to (GTK_WINDOW (dialog), GTK_DIR_TAB_FORWARD, "Their _name");
  att_test_type_text (GTK_WINDOW (dialog), "Pat Neighbour");
  g_assert_nonnull (strstr (att_leave_dialog_get_warnings (dialog), "exam period"));
  g_assert_nonnull (strstr (att_leave_dialog_get_warnings (dialog), "normally lives with"));

  press_escape (GTK_WINDOW (dialog));
  g_assert_null (find_window (ATT_TYPE_LEAVE_DIALOG));
  /* The focus is back on the button that opened the form. */
  g_assert_nonnull (gtk_widget_get_ancestor (att_test_focus_of (window), GTK_TYPE_BUTTON));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (gtk_widget_get_ancestor (att_test_focus_of (window), GTK_TYPE_BUTTON))),
                   ==, "leave.new-request");
  after = list_requests (-1);
  g_assert_cmpuint (after->len, ==, before->len);
}

static gint64
add_contact (gint64      pupil,
             const char *forename,
             const char *surname,
             const char *mobile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) c = att_contact_new ();
  gint64 id;

  c->pupil_id = pupil;
  c->priority = 1;
  c->forename = g_strdup (forename);
  c->surname = g_strdup (surname);
  c->relationship = g_strdup ("Mother");
  c->phone_mobile = g_strdup (mobile);
  c->lives_with = TRUE;
  c->parental_responsibility = TRUE;
  c->receives_letters = TRUE;
  c->address_1 = g_strdup ("12 Mill Lane");
  c->town = g_strdup ("Millbrook");
  c->postcode = g_strdup ("MB1 2AB");
  id = att_contacts_save (s.db, att_user_system (), c, &error);
  g_assert_no_error (error);
  return id;
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
  head = att_test_add_user (s.db, "Helen Head", ATT_ROLE_HEADTEACHER, "Headteacher");
  amina = att_test_school_add_pupil (&s, "Amina", "Khan", D (2012, 10, 1));
  bilal = att_test_school_add_pupil (&s, "Bilal", "Khan", D (2013, 10, 1));
  cara = att_test_school_add_pupil (&s, "Cara", "Jones", D (2012, 12, 1));
  /* The same mobile written two ways makes Amina and Bilal a family. */
  mum = add_contact (amina, "Sara", "Khan", "07700 900123");
  add_contact (bilal, "Sara", "Khan", "07700900123");
  add_contact (cara, "Jo", "Jones", "07700 900555");

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 700);
  page = g_object_new (ATT_TYPE_LEAVE_PAGE, NULL);
  g_object_ref_sink (page);
  att_context_set_db (att_page_get_context (ATT_PAGE (page)), s.db);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), s.officer);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  att_test_flush_events ();

  g_test_add_func ("/leave-page/record-request", test_record_request);
  g_test_add_func ("/leave-page/officer-may-not-decide", test_officer_may_not_decide);
  g_test_add_func ("/leave-page/decide", test_decide);
  g_test_add_func ("/leave-page/withdraw-and-filter", test_withdraw_and_filter);
  g_test_add_func ("/leave-page/part-time-review", test_part_time_review);
  g_test_add_func ("/leave-page/form-warnings", test_form_warnings);
  result = g_test_run ();

  gtk_window_set_child (window, NULL);
  gtk_window_destroy (window);
  att_test_flush_events ();
  g_assert_finalize_object (page);
  g_clear_pointer (&head, att_user_free);
  att_test_school_clear (&s);
  return result;
}
