/* test-penalty-page.c: the Penalty Notices page, the consideration form
 * (recorded from the Today dashboard with the keyboard alone), the
 * notice to improve and the penalty notice request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: the term "Autumn 1 2024" from Mon 2 September to Fri 25
 * October, no other. Today is Fri 4 October 2024, after school.
 * - Amina Khan: G (a holiday the school refused) every session of Mon 23
 *   to Fri 27 September and Mon 30 September: 12 unauthorised sessions,
 *   the 10th on Fri 27 September afternoon, so she met the threshold
 *   that day. Her mother and father both have parental responsibility.
 * - Dev Patel: O every session of Mon 16 to Fri 20 September: 10, met
 *   on Fri 20 September.
 * - Bilal Khan: G Mon 23 to Fri 27 September but the Friday afternoon:
 *   9 sessions, within 2 of the threshold.
 * - Cara Jones: no absence.
 * Helen Head (headteacher) may record a consideration and request a
 * notice; Olive Officer (attendance officer) may not.
 *
 * The tests run in order.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-case.h"
#include "att-consideration-dialog.h"
#include "att-improve-dialog.h"
#include "att-notice-dialog.h"
#include "att-penalty-page-private.h"
#include "att-penalty.h"
#include "att-test-keys.h"
#include "att-test-util.h"
#include "att-today-page-private.h"
#include "att-today-page.h"

void attendance_register_resource (void);

static AttTestSchool   s;
static AttUser        *head;
static GtkWindow      *window;
static AttPenaltyPage *page;
static gint64          amina, bilal, cara, dev;
static gint64          amina_mum, amina_dad, dev_mum;

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

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static const char *
row_title (GtkListBox *list,
           int         index)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, index)));
}

/* Until the Today page has counted the breaches not yet considered (on
 * its thread) and made their rows. */
static void
wait_breaches (AttTodayPage *today)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (20000, timeout_reached, &reached);

  att_test_flush_events ();
  while (!reached && att_today_page_is_counting_breaches (today))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  att_test_flush_events ();
}

static void
wait_loaded (void)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (20000, timeout_reached, &reached);

  att_test_flush_events ();
  while (!reached && att_penalty_page_is_loading (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  att_test_flush_events ();
}

/* ------------------------------------------------------------------ */
/* The keyboard                                                        */

/* Text typed into the focused line or box: each character committed by
 * the input method of its key controller, as a keyboard's keys are. */
static void
type_text (GtkWindow  *w,
           const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (w));
  g_autoptr(GListModel) controllers = NULL;
  GtkIMContext *im = NULL;

  g_assert_nonnull (focus);
  controllers = gtk_widget_observe_controllers (focus);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && im == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        im = gtk_event_controller_key_get_im_context (GTK_EVENT_CONTROLLER_KEY (controller));
    }
  g_assert_nonnull (im);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char c[8] = { 0, };

      g_unichar_to_utf8 (g_utf8_get_char (p), c);
      g_signal_emit_by_name (im, "commit", c);
    }
  att_test_flush_events ();
}

/* The label of the focused button or check button, the title of the
 * row the focus is in, or the accessible label of a text box. */
static const char *
focus_title (GtkWindow *w)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (w));
  GtkWidget *row;

  if (focus == NULL)
    return "";
  if (GTK_IS_CHECK_BUTTON (focus) && gtk_check_button_get_label (GTK_CHECK_BUTTON (focus)) != NULL)
    return gtk_check_button_get_label (GTK_CHECK_BUTTON (focus));
  if (GTK_IS_BUTTON (focus) && gtk_button_get_label (GTK_BUTTON (focus)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (focus));
  if (GTK_IS_TEXT_VIEW (focus))
    return gtk_widget_get_name (focus);
  row = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);
  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "";
}

/* Presses @keyval until the focus is on the control titled @prefix; at
 * most 60 presses. */
static void
key_to (GtkWindow  *w,
        guint       keyval,
        const char *prefix)
{
  for (guint i = 0; i < 60; i++)
    {
      if (g_str_has_prefix (focus_title (w), prefix))
        return;
      g_assert_true (att_test_press_key (w, keyval, 0));
    }
  g_error ("The keys never reached “%s”; the focus is on “%s”", prefix, focus_title (w));
}

static GtkTextView *
focused_text_view (GtkWindow *w)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (w));

  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  return GTK_TEXT_VIEW (focus);
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

/* ------------------------------------------------------------------ */
/* The tests                                                           */

/* The list as of today: Amina (12) and Dev (10) at the threshold, most
 * sessions first; Bilal (9) within 2 of it; Cara nowhere. A row opens
 * the pupil's case, and going back comes to the list. */
static void
test_list (void)
{
  GtkListBox *over = att_penalty_page_get_over_list (page);
  GtkListBox *near = att_penalty_page_get_near_list (page);
  AttPenaltyCase *view = att_penalty_page_get_case (page);

  att_page_refresh (ATT_PAGE (page));
  wait_loaded ();
  g_assert_cmpstr (att_penalty_page_get_state (page), ==, "list");
  g_assert_cmpuint (n_rows (over), ==, 2);
  g_assert_cmpstr (row_title (over, 0), ==, "Amina Khan (7A)");
  g_assert_cmpstr (row_title (over, 1), ==, "Dev Patel (7A)");
  g_assert_cmpuint (n_rows (near), ==, 1);
  g_assert_cmpstr (row_title (near, 0), ==, "Bilal Khan (7A)");
  /* Neither breach is considered yet. */
  g_assert_cmpstr (att_page_get_subtitle (ATT_PAGE (page)), ==, "2 at the threshold, 2 not considered");

  /* Enter on Amina's row opens her case, which has nothing recorded. */
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (over, 0)));
  att_test_flush_events ();
  g_assert_cmpstr (att_penalty_page_get_state (page), ==, "case");
  g_assert_true (att_page_get_can_go_back (ATT_PAGE (page)));
  g_assert_cmpint (att_penalty_case_get_pupil_id (view), ==, amina);
  g_assert_true (g_str_has_prefix (att_penalty_case_get_figures (view), "12 unauthorised sessions from "));
  g_assert_cmpuint (n_rows (att_penalty_case_get_considerations (view)), ==, 0);
  g_assert_cmpuint (n_rows (att_penalty_case_get_notices_list (view)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  g_assert_cmpstr (att_penalty_page_get_state (page), ==, "list");
  g_assert_false (att_page_get_can_go_back (ATT_PAGE (page)));

  /* As of Fri 20 September only Dev had met it, with exactly 10. */
  att_penalty_page_set_as_of (page, D (2024, 9, 20));
  wait_loaded ();
  g_assert_cmpuint (n_rows (over), ==, 1);
  g_assert_cmpstr (row_title (over, 0), ==, "Dev Patel (7A)");
  g_assert_cmpuint (n_rows (near), ==, 0);

  /* On the first day of term nobody is near it: the page says so. */
  att_penalty_page_set_as_of (page, D (2024, 9, 2));
  wait_loaded ();
  g_assert_cmpstr (att_penalty_page_get_state (page), ==, "empty");
  g_assert_cmpstr (att_page_get_subtitle (ATT_PAGE (page)), ==, "Nobody at the threshold");

  /* Today again, from the date control's Today. */
  gtk_widget_activate_action (GTK_WIDGET (page), "penalty.today", NULL);
  wait_loaded ();
  g_assert_cmpint (att_penalty_page_get_as_of (page), ==, D (2024, 10, 4));
  g_assert_cmpstr (att_penalty_page_get_state (page), ==, "list");
  g_assert_cmpuint (n_rows (over), ==, 2);
}

/* The headteacher, on the Today dashboard, with the keyboard alone:
 * Tab to Amina's breach, Tab to its Consider button, Return; the form
 * opens on the support, prefilled; Tab through the fields typing each,
 * the arrow keys to the decision, Space to pick it, Tab to Record and
 * Return. Amina's breach leaves the card and the keyboard goes to Dev's
 * Consider button in its place. */
static void
test_today_keyboard (void)
{
  GtkWindow *today_window = GTK_WINDOW (gtk_window_new ());
  AttTodayPage *today = g_object_new (ATT_TYPE_TODAY_PAGE, NULL);
  GtkListBox *breaches = att_today_page_get_threshold_list (today);
  g_autoptr(GPtrArray) considerations = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *form;
  AttPenaltyConsideration *c;
  g_autofree char *support = NULL;
  g_autofree char *expected = NULL;

  g_object_ref_sink (today);
  /* The window's actions the dashboard's rows name (opening a pupil or
   * a register), as the main window has them: a row whose action is
   * missing is insensitive, and the keyboard passes it by. */
  {
    g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
    const GActionEntry entries[] = {
      { "show-pupil", NULL, "x", NULL, NULL, { 0 } },
      { "show-register", NULL, "s", NULL, NULL, { 0 } },
      { "show-register-day", NULL, "(si)", NULL, NULL, { 0 } },
      { "show-register-pupil", NULL, "x", NULL, NULL, { 0 } },
    };

    g_action_map_add_action_entries (G_ACTION_MAP (win), entries, G_N_ELEMENTS (entries), NULL);
    gtk_widget_insert_action_group (GTK_WIDGET (today_window), "win", G_ACTION_GROUP (win));
  }
  att_context_set_db (att_page_get_context (ATT_PAGE (today)), s.db);
  att_context_set_user (att_page_get_context (ATT_PAGE (today)), head);
  gtk_window_set_default_size (today_window, 1000, 800);
  gtk_window_set_child (today_window, GTK_WIDGET (today));
  gtk_window_present (today_window);
  att_test_flush_events ();
  att_today_page_refresh (today);
  wait_breaches (today);

  /* Both breaches, each counted on the last school day it was met
   * (today for both: Amina 12, Dev 10), most sessions first. */
  g_assert_cmpuint (n_rows (breaches), ==, 2);
  g_assert_cmpstr (row_title (breaches, 0), ==, "Amina Khan");
  g_assert_cmpstr (row_title (breaches, 1), ==, "Dev Patel");

  /* Tab into the card, onto Amina's row, then its button. */
  key_to (today_window, GDK_KEY_Tab, "Amina Khan");
  g_assert_true (att_test_press_key (today_window, GDK_KEY_Tab, 0));
  g_assert_cmpstr (focus_title (today_window), ==, "_Consider…");
  g_assert_true (att_test_press_key (today_window, GDK_KEY_Return, 0));
  form = find_window (ATT_TYPE_CONSIDERATION_DIALOG);
  g_assert_nonnull (form);
  g_assert_null (att_consideration_dialog_get_denied (ATT_CONSIDERATION_DIALOG (form)));

  /* The form opens on the support offered so far, as the core drafts it
   * from the case's chronology; typing adds to it. */
  g_assert_cmpstr (focus_title (form), ==, "support_view");
  support = att_penalty_support_summary (s.db, amina, D (2024, 10, 4), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (support, "Breakfast club place offered"));
  {
    g_autofree char *shown = text_view_text (focused_text_view (form));

    g_assert_cmpstr (shown, ==, support);
  }
  type_text (form, "Phone call to mother on 30 September.");

  g_assert_true (att_test_press_key (form, GDK_KEY_Tab, 0));
  g_assert_cmpstr (focus_title (form), ==, "best_tool_view");
  type_text (form, "Not yet: a final chance first.");
  g_assert_true (att_test_press_key (form, GDK_KEY_Tab, 0));
  g_assert_cmpstr (focus_title (form), ==, "equality_view");
  type_text (form, "No disability or SEN known; no young carer.");
  g_assert_true (att_test_press_key (form, GDK_KEY_Tab, 0));
  g_assert_cmpstr (focus_title (form), ==, "_Agencies");
  type_text (form, "None");

  /* Tab to the decision, Down to the notice to improve, Space. */
  key_to (form, GDK_KEY_Tab, "More _support");
  key_to (form, GDK_KEY_Down, "A _notice to improve");
  g_assert_true (att_test_press_key (form, GDK_KEY_space, 0));
  key_to (form, GDK_KEY_Tab, "rationale_view");
  type_text (form, "A first holiday in term time; the family engages.");

  /* Ctrl+Return records, from the box of text the keyboard is in. */
  g_assert_true (att_test_press_key (form, GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_null (find_window (ATT_TYPE_CONSIDERATION_DIALOG));

  /* Recorded as typed, for the breach as counted today: 12 sessions. */
  considerations = att_penalty_considerations (s.db, amina, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (considerations->len, ==, 1);
  c = g_ptr_array_index (considerations, 0);
  g_assert_cmpint (c->as_of, ==, D (2024, 10, 4));
  g_assert_cmpuint (c->sessions, ==, 12);
  g_assert_cmpint (c->decision, ==, ATT_PENALTY_NOTICE_TO_IMPROVE);
  expected = g_strconcat (support, "Phone call to mother on 30 September.", NULL);
  g_assert_cmpstr (c->support_offered, ==, g_strstrip (expected));
  g_assert_cmpstr (c->notice_best_tool, ==, "Not yet: a final chance first.");
  g_assert_cmpstr (c->equality, ==, "No disability or SEN known; no young carer.");
  g_assert_cmpstr (c->agencies, ==, "None");
  g_assert_cmpstr (c->rationale, ==, "A first holiday in term time; the family engages.");
  g_assert_cmpstr (c->user, ==, "Helen Head");

  /* Amina's breach has left the card; the keyboard is on Dev's button. */
  wait_breaches (today);
  g_assert_cmpuint (n_rows (breaches), ==, 1);
  g_assert_cmpstr (row_title (breaches, 0), ==, "Dev Patel");
  g_assert_cmpstr (focus_title (today_window), ==, "_Consider…");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (today_window)),
                                         GTK_WIDGET (gtk_list_box_get_row_at_index (breaches, 0))));

  /* Made again from scratch, the card still leaves Amina out. */
  att_today_page_refresh (today);
  wait_breaches (today);
  g_assert_cmpuint (n_rows (breaches), ==, 1);

  gtk_window_set_child (today_window, NULL);
  gtk_window_destroy (today_window);
  att_test_flush_events ();
  g_assert_finalize_object (today);
}

/* The attendance officer reads the form but may not record: Record is
 * disabled and the form says why, and asking anyway records nothing. */
static void
test_officer_may_not_record (void)
{
  g_autoptr(AttContext) context = att_context_new (NULL);
  g_autoptr(GPtrArray) considerations = NULL;
  AttConsiderationDialog *form;

  att_context_set_db (context, s.db);
  att_context_set_user (context, s.officer);
  form = att_consideration_dialog_new (context, window, dev, D (2024, 10, 4));
  g_assert_nonnull (form);
  gtk_window_present (GTK_WINDOW (form));
  att_test_flush_events ();
  g_assert_nonnull (att_consideration_dialog_get_denied (ATT_CONSIDERATION_DIALOG (form)));
  g_assert_nonnull (strstr (att_consideration_dialog_get_denied (form), "Olive Officer"));
  /* The keyboard starts on Close, not on a field to fill. */
  g_assert_cmpstr (focus_title (GTK_WINDOW (form)), ==, "_Close");
  gtk_widget_activate_action (GTK_WIDGET (form), "consideration.record", NULL);
  att_test_flush_events ();
  g_assert_cmpint (att_consideration_dialog_get_recorded (form), ==, 0);
  considerations = att_penalty_considerations (s.db, dev, NULL);
  g_assert_cmpuint (considerations->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (form));
  att_test_flush_events ();
}

/* The headteacher records Dev's consideration without the Equality Act
 * considerations: the core refuses it, the form says why under that
 * field, and the keyboard goes there; nothing is recorded. */
static void
test_missing_field (void)
{
  g_autoptr(AttContext) context = att_context_new (NULL);
  g_autoptr(GPtrArray) considerations = NULL;
  AttConsiderationDialog *form;

  att_context_set_db (context, s.db);
  att_context_set_user (context, head);
  form = att_consideration_dialog_new (context, window, dev, D (2024, 10, 4));
  gtk_window_present (GTK_WINDOW (form));
  att_test_flush_events ();
  /* No decision yet: the form asks for one. */
  gtk_widget_activate_action (GTK_WIDGET (form), "consideration.record", NULL);
  g_assert_nonnull (att_consideration_dialog_get_error (form));
  g_assert_true (g_str_has_prefix (att_consideration_dialog_get_error (form), "Choose the decision"));

  key_to (GTK_WINDOW (form), GDK_KEY_Tab, "More _support");
  g_assert_true (att_test_press_key (GTK_WINDOW (form), GDK_KEY_space, 0));
  key_to (GTK_WINDOW (form), GDK_KEY_Tab, "rationale_view");
  type_text (GTK_WINDOW (form), "Support first: a new family worker.");
  g_assert_true (att_test_press_key (GTK_WINDOW (form), GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_nonnull (att_consideration_dialog_get_error (form));
  g_assert_cmpint (att_consideration_dialog_get_recorded (form), ==, 0);
  g_assert_cmpstr (focus_title (GTK_WINDOW (form)), ==, "equality_view");
  considerations = att_penalty_considerations (s.db, dev, NULL);
  g_assert_cmpuint (considerations->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (form));
  att_test_flush_events ();
}

/* A notice to improve issued on Fri 4 October: 3 school weeks are those
 * of Mon 7, 14 and 21 October, to Fri 25 October; 4 would go past the
 * end of the only term, and the form says so in place of the date. */
static void
test_improve (void)
{
  g_autoptr(AttContext) context = att_context_new (NULL);
  g_autoptr(GPtrArray) notices = NULL;
  AttImproveDialog *form;

  att_context_set_db (context, s.db);
  att_context_set_user (context, head);
  form = att_improve_dialog_new (context, window, amina);
  g_assert_nonnull (form);
  gtk_window_present (GTK_WINDOW (form));
  att_improve_dialog_set_weeks (form, 3);
  att_test_flush_events ();
  g_assert_cmpint (att_improve_dialog_get_end (form), ==, D (2024, 10, 25));
  att_improve_dialog_set_weeks (form, 4);
  att_test_flush_events ();
  g_assert_cmpint (att_improve_dialog_get_end (form), ==, ATT_DATE_NONE);
  att_improve_dialog_set_weeks (form, 3);
  gtk_widget_activate_action (GTK_WIDGET (form), "improve.start", NULL);
  att_test_flush_events ();
  g_assert_null (att_improve_dialog_get_error (form));
  g_assert_cmpint (att_improve_dialog_get_notice_id (form), !=, 0);

  notices = att_penalty_improve_list (s.db, amina, NULL);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpint (((AttNoticeToImprove *)g_ptr_array_index (notices, 0))->period_end, ==, D (2024, 10, 25));
  gtk_window_destroy (GTK_WINDOW (form));
  att_test_flush_events ();

  /* From Amina's case: the notice, running, its outcome not yet to be
   * recorded; the form opened from the case and closed gives the
   * keyboard back to the button that opened it. */
  {
    AttPenaltyCase *view = att_penalty_page_get_case (page);
    GtkWidget *opener;

    att_penalty_page_open_case (page, amina);
    g_assert_cmpuint (n_rows (att_penalty_case_get_improve_list (view)), ==, 1);
    key_to (window, GDK_KEY_Tab, "Start a Notice to _Improve");
    opener = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (att_test_press_key (window, GDK_KEY_Return, 0));
    form = ATT_IMPROVE_DIALOG (find_window (ATT_TYPE_IMPROVE_DIALOG));
    g_assert_nonnull (form);
    g_assert_true (att_test_press_key (GTK_WINDOW (form), GDK_KEY_Escape, 0));
    g_assert_null (find_window (ATT_TYPE_IMPROVE_DIALOG));
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == opener);
    gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  }
}

static void
consider (gint64             pupil,
          AttPenaltyDecision decision)
{
  AttPenaltyConsideration c = { 0, };
  g_autoptr(GError) error = NULL;

  c.pupil_id = pupil;
  c.as_of = D (2024, 10, 4);
  c.equality = (char *)"Nothing known";
  c.rationale = (char *)"No improvement after the letters";
  c.decision = decision;
  g_assert_cmpint (att_penalty_consider (s.db, head, &c, &error), !=, 0);
  g_assert_no_error (error);
}

/* Dev's mother has had a first and a second notice this year: the form
 * works out a second for her (the next after one) and the core refuses
 * it as a third within 3 years, shown in the form. His father has had
 * none: a first, £80 within 21 days or £160 within 28. */
static void
test_third_notice_refused (void)
{
  g_autoptr(AttContext) context = att_context_new (NULL);
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  AttNoticeDialog *form;
  gint64 id;

  /* The school decided to ask for a notice for each. */
  consider (dev, ATT_PENALTY_PENALTY_NOTICE);
  consider (amina, ATT_PENALTY_PENALTY_NOTICE);

  id = att_penalty_notice_request (s.db, head, dev, dev_mum, ATT_PENALTY_NOTICE_FIRST, D (2024, 10, 4), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, !=, 0);
  id = att_penalty_notice_request (s.db, head, dev, dev_mum, ATT_PENALTY_NOTICE_SECOND, D (2024, 10, 4), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, !=, 0);

  att_context_set_db (context, s.db);
  att_context_set_user (context, head);
  form = att_notice_dialog_new (context, window, dev);
  g_assert_nonnull (form);
  gtk_window_present (GTK_WINDOW (form));
  att_test_flush_events ();
  /* Dev has one parent with parental responsibility on record. */
  g_assert_cmpuint (att_notice_dialog_get_n_parents (form), ==, 1);
  att_notice_dialog_set_parent (form, 0);
  g_assert_cmpstr (att_notice_dialog_get_kind_text (form), ==, "Second notice: £160 within 28 days");
  gtk_widget_activate_action (GTK_WIDGET (form), "notice.request", NULL);
  att_test_flush_events ();
  g_assert_cmpint (att_notice_dialog_get_recorded (form), ==, 0);
  g_assert_nonnull (att_notice_dialog_get_error (form));
  g_assert_nonnull (strstr (att_notice_dialog_get_error (form), "a third is not allowed"));
  /* The form stays open on the parent, to choose another. */
  g_assert_nonnull (find_window (ATT_TYPE_NOTICE_DIALOG));
  notices = att_penalty_notices (s.db, dev, NULL);
  g_assert_cmpuint (notices->len, ==, 2);
  gtk_window_destroy (GTK_WINDOW (form));
  att_test_flush_events ();

  /* Amina's father, with none: a first notice, and it is recorded. */
  form = att_notice_dialog_new (context, window, amina);
  gtk_window_present (GTK_WINDOW (form));
  g_assert_cmpuint (att_notice_dialog_get_n_parents (form), ==, 2);
  att_notice_dialog_set_parent (form, 1);
  g_assert_cmpstr (att_notice_dialog_get_kind_text (form), ==,
                   "First notice: £80 within 21 days, £160 within 28 days");
  /* The date offered is today; one that does not exist is refused in
   * place, and one typed as the office writes it is taken. */
  g_assert_cmpstr (gtk_editable_get_text (att_notice_dialog_get_date (form)), ==, "2024-10-04");
  gtk_editable_set_text (att_notice_dialog_get_date (form), "2024-13-01");
  gtk_widget_activate_action (GTK_WIDGET (form), "notice.request", NULL);
  att_test_flush_events ();
  g_assert_cmpint (att_notice_dialog_get_recorded (form), ==, 0);
  g_assert_nonnull (strstr (att_notice_dialog_get_error (form), "The date of the request"));
  gtk_editable_set_text (att_notice_dialog_get_date (form), "04/10/2024");
  gtk_widget_activate_action (GTK_WIDGET (form), "notice.request", NULL);
  att_test_flush_events ();
  g_clear_pointer (&notices, g_ptr_array_unref);
  notices = att_penalty_notices (s.db, amina, NULL);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpint (((AttPenaltyNotice *)g_ptr_array_index (notices, 0))->contact_id, ==, amina_dad);
  g_assert_cmpint (((AttPenaltyNotice *)g_ptr_array_index (notices, 0))->requested, ==, D (2024, 10, 4));
  g_assert_null (find_window (ATT_TYPE_NOTICE_DIALOG));

  /* Her case shows both considerations, the notice to improve and the
   * notice. */
  att_penalty_page_open_case (page, amina);
  g_assert_cmpuint (n_rows (att_penalty_case_get_considerations (att_penalty_page_get_case (page))), ==, 2);
  g_assert_cmpuint (n_rows (att_penalty_case_get_improve_list (att_penalty_page_get_case (page))), ==, 1);
  g_assert_cmpuint (n_rows (att_penalty_case_get_notices_list (att_penalty_page_get_case (page))), ==, 1);

  /* The local authority reports it issued: recorded today, with the
   * note typed. */
  {
    g_autoptr(AttPenaltyNotice) notice = NULL;
    AdwMessageDialog *dialog;
    gint64 notice_id = ((AttPenaltyNotice *)g_ptr_array_index (notices, 0))->id;

    gtk_widget_activate_action (GTK_WIDGET (att_penalty_page_get_case (page)), "case.notice-status",
                                "(xs)", notice_id, "issued");
    att_test_flush_events ();
    dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    /* A day that does not exist is refused, naming the date, and
     * nothing changes. */
    gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "date-entry")), "31/02/2024");
    adw_message_dialog_response (dialog, "record");
    att_test_flush_events ();
    g_assert_nonnull (strstr (att_penalty_case_get_error (att_penalty_page_get_case (page)),
                              "The date of the change"));
    notice = att_penalty_notice_get (s.db, notice_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (notice->status, ==, ATT_PENALTY_NOTICE_REQUESTED);
    g_clear_pointer (&notice, att_penalty_notice_free);

    /* Again, on the day the dialog offers (today), with a note. */
    gtk_widget_activate_action (GTK_WIDGET (att_penalty_page_get_case (page)), "case.notice-status",
                                "(xs)", notice_id, "issued");
    att_test_flush_events ();
    dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "date-entry"))),
                     ==, "2024-10-04");
    gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "note-entry")), "LA ref 2024/117");
    adw_message_dialog_response (dialog, "record");
    att_test_flush_events ();
    notice = att_penalty_notice_get (s.db, notice_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (notice->status, ==, ATT_PENALTY_NOTICE_ISSUED);
    g_assert_cmpint (notice->status_date, ==, D (2024, 10, 4));
    g_assert_cmpstr (notice->note, ==, "LA ref 2024/117");
    g_assert_null (att_penalty_case_get_error (att_penalty_page_get_case (page)));
  }
  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
}

/* ------------------------------------------------------------------ */
/* The school                                                          */

static gint64
add_contact (gint64      pupil,
             int         priority,
             const char *forename,
             const char *surname,
             const char *relationship)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) c = att_contact_new ();
  gint64 id;

  c->pupil_id = pupil;
  c->priority = priority;
  c->title = g_strdup (g_str_equal (relationship, "Mother") ? "Mrs" : "Mr");
  c->forename = g_strdup (forename);
  c->surname = g_strdup (surname);
  c->relationship = g_strdup (relationship);
  c->phone_mobile = g_strdup ("07700 900123");
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

/* @code in every session of @pupil from @from to @to but those after
 * @last_session on the last day (ATT_SESSION_PM: all). */
static void
mark_days (gint64     pupil,
           AttDate    from,
           AttDate    to,
           AttSession last_session,
           AttCode    code)
{
  g_autoptr(GArray) writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  g_autoptr(GError) error = NULL;

  for (AttDate d = from; d <= to; d++)
    for (AttSession session = ATT_SESSION_AM; session <= ATT_SESSION_PM; session++)
      {
        AttMarkWrite write = { pupil, d, session, code, -1, NULL };

        if (att_date_weekday (d) > 5 || (d == to && session > last_session))
          continue;
        g_array_append_val (writes, write);
      }
  att_register_write (s.db, s.officer, (AttMarkWrite *)writes->data, writes->len, NULL,
                      ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2024-10-04", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
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
  dev = att_test_school_add_pupil (&s, "Dev", "Patel", D (2012, 11, 5));
  amina_mum = add_contact (amina, 1, "Sara", "Khan", "Mother");
  amina_dad = add_contact (amina, 2, "Imran", "Khan", "Father");
  dev_mum = add_contact (dev, 1, "Priya", "Patel", "Mother");
  mark_days (amina, D (2024, 9, 23), D (2024, 9, 30), ATT_SESSION_PM, ATT_CODE_G);
  /* The support Amina's case holds, for the form to draft from. */
  {
    g_autoptr(AttCaseSupport) support = att_case_support_new ();
    g_autoptr(GError) error = NULL;

    support->pupil_id = amina;
    support->date = D (2024, 9, 24);
    support->kind = ATT_CASE_SUPPORT_SUPPORT;
    support->detail = g_strdup ("Breakfast club place offered");
    g_assert_cmpint (att_case_support_add (s.db, s.officer, support, &error), !=, 0);
    g_assert_no_error (error);
  }
  mark_days (bilal, D (2024, 9, 23), D (2024, 9, 27), ATT_SESSION_AM, ATT_CODE_G);
  mark_days (dev, D (2024, 9, 16), D (2024, 9, 20), ATT_SESSION_PM, ATT_CODE_O);
  (void)cara;
  (void)amina_mum;

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 700);
  page = g_object_new (ATT_TYPE_PENALTY_PAGE, NULL);
  g_object_ref_sink (page);
  att_context_set_db (att_page_get_context (ATT_PAGE (page)), s.db);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), head);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  att_test_flush_events ();

  g_test_add_func ("/penalty-page/list", test_list);
  g_test_add_func ("/penalty-page/today-keyboard", test_today_keyboard);
  g_test_add_func ("/penalty-page/officer-may-not-record", test_officer_may_not_record);
  g_test_add_func ("/penalty-page/missing-field", test_missing_field);
  g_test_add_func ("/penalty-page/improve", test_improve);
  g_test_add_func ("/penalty-page/third-notice-refused", test_third_notice_refused);
  result = g_test_run ();

  gtk_window_set_child (window, NULL);
  gtk_window_destroy (window);
  att_test_flush_events ();
  g_assert_finalize_object (page);
  g_clear_pointer (&head, att_user_free);
  att_test_school_clear (&s);
  return result;
}
