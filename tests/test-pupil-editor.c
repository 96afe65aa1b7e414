/* test-pupil-editor.c: pupils and contacts edited in the window, by
 * keyboard: a pupil added with Ctrl+N, a number changed by a
 * receptionist, a leaver recorded and undone from the toast, contacts
 * reordered with Alt+Down, and an admission date refused over marks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: the term "Autumn 1 2024" from Mon 2 September to Fri 25
 * October; today is Tuesday 8 October 2024. Amina Khan (Year 7, 7A, born
 * 4 May 2013) is on roll from 2 September and marked present on Mon 30
 * September (am and pm) and Tue 1 October (am): three marks. Her mother
 * Sara is called first, her father Omar second. Olive Officer (attendance
 * officer) keeps pupils and contacts; Rita Reception may change only
 * contacts' numbers.
 *
 * The tests run in order.
 */
#include "config.h"

#include <string.h>

#include "att-application.h"
#include "att-contact-editor.h"
#include "att-leaver-dialog.h"
#include "att-pupil-editor.h"
#include "att-pupil-view.h"
#include "att-pupils-page-private.h"
#include "att-test-keys.h"
#include "att-test-util.h"
#include "att-window-private.h"

static AttTestSchool   s;
static AttApplication *app;
static AttWindow      *window;
static gint64          amina, sara, omar;

static AttDb *
window_db (void)
{
  return att_context_get_db (att_window_get_context (window));
}

static AttPupilsPage *
pupils_page (void)
{
  return ATT_PUPILS_PAGE (att_window_get_page (window, "pupils"));
}

static AttPupilView *
pupil_view (void)
{
  return att_pupils_page_get_pupil_view (pupils_page ());
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

static const char *
focus_title (GtkWindow *w)
{
  GtkWidget *focus = att_test_focus_of (w);
  GtkWidget *row = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);

  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "";
}

/* Tab until the focus is in the row titled @title; at most 60 presses. */
static void
tab_to (GtkWindow  *w,
        const char *title)
{
  for (guint i = 0; i < 60; i++)
    {
      if (g_strcmp0 (focus_title (w), title) == 0)
        return;
      att_test_press_key (w, GDK_KEY_Tab, 0);
      att_test_flush_events ();
    }
  g_error ("Tab never reached “%s”; the focus is on “%s”", title, focus_title (w));
}

/* Replaces the text of the line the focus is in, as select-all and
 * typing would. */
static void
type_over (GtkWindow  *w,
           const char *text)
{
  GtkWidget *focus = att_test_focus_of (w);

  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), text);
  att_test_flush_events ();
}

static void
tab_and_type (GtkWindow  *w,
              const char *title,
              const char *text)
{
  tab_to (w, title);
  type_over (w, text);
}

/* The toast's Undo button over the window. */
static GtkWidget *
find_undo (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_undo (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
show_amina (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pupil", "x", amina);
  att_test_flush_events ();
  g_assert_cmpint (att_pupil_view_get_pupil_id (pupil_view ()), ==, amina);
}

/* The contacts in the order of calling, as the core holds them. */
static void
assert_contacts (gint64 first,
                 gint64 second)
{
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (window_db (), amina, NULL);

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 0))->id, ==, first);
  g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 0))->priority, ==, 1);
  g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 1))->id, ==, second);
  g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 1))->priority, ==, 2);
}

/* Ctrl+N on the Pupils page, every field by Tab, Return to save; the
 * pupil is then in the list. */
static void
test_add_by_keyboard (void)
{
  GListModel *model;
  GtkWindow *editor;
  AttPupil *added;
  gboolean listed = FALSE;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "pupils");
  att_pupils_page_focus_search (pupils_page ());
  att_test_flush_events ();
  g_assert_true (att_test_press_key (GTK_WINDOW (window), GDK_KEY_n, GDK_CONTROL_MASK));
  att_test_flush_events ();
  editor = find_window (ATT_TYPE_PUPIL_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (focus_title (editor), ==, "UPN");
  g_assert_false (att_pupil_editor_can_save (ATT_PUPIL_EDITOR (editor)));

  /* A UPN with the wrong check letter is named beside its line. */
  type_over (editor, "A823100000099");
  g_assert_nonnull (strstr (att_pupil_editor_get_problem (ATT_PUPIL_EDITOR (editor), "upn"),
                            "check letter"));
  /* 8*2 + 2*3 + 3*4 + 1*5 + 9*12 + 9*13 = 16 + 6 + 12 + 5 + 108 + 117 =
   * 264 = 11 * 23 + 11: M. */
  type_over (editor, "M823100000099");
  g_assert_null (att_pupil_editor_get_problem (ATT_PUPIL_EDITOR (editor), "upn"));
  tab_and_type (editor, "Legal surname", "Novak");
  tab_and_type (editor, "Legal forename", "Tomas");
  tab_and_type (editor, "Date of birth (DD/MM/YYYY)", "12/03/2013");
  tab_to (editor, "Year group");
  adw_combo_row_set_selected (ADW_COMBO_ROW (att_pupil_editor_get_row (ATT_PUPIL_EDITOR (editor),
                                                                         "year_group")), 7);
  g_assert_false (att_pupil_editor_can_save (ATT_PUPIL_EDITOR (editor)));
  tab_and_type (editor, "Registration group", "7A");
  tab_and_type (editor, "Admission date (DD/MM/YYYY)", "08/10/2024");
  g_assert_true (att_pupil_editor_can_save (ATT_PUPIL_EDITOR (editor)));

  /* Return in a line saves. */
  att_test_press_key (editor, GDK_KEY_Return, 0);
  att_test_flush_events ();
  g_assert_null (find_window (ATT_TYPE_PUPIL_EDITOR));

  added = att_pupils_find (window_db (), "M823100000099");
  g_assert_nonnull (added);
  g_assert_cmpstr (added->legal_surname, ==, "Novak");
  g_assert_cmpint (added->year_group, ==, 7);
  g_assert_cmpint (added->dob, ==, D (2013, 3, 12));
  g_assert_cmpint (added->admission, ==, D (2024, 10, 8));
  g_assert_cmpint (added->sex, ==, 'F');

  /* In the list, and his record open. */
  model = G_LIST_MODEL (gtk_column_view_get_model (att_pupils_page_get_column_view (pupils_page ())));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AttPupil) p = g_list_model_get_item (model, i);

      listed = listed || g_strcmp0 (p->upn, "M823100000099") == 0;
    }
  g_assert_true (listed);
  g_assert_cmpint (att_pupil_view_get_pupil_id (pupil_view ()), ==, added->id);
}

/* A receptionist changes Sara's mobile number; the names are shown but
 * cannot be changed, and the focus comes back to Sara's row. */
static void
test_receptionist_number (void)
{
  AttContext *context = att_window_get_context (window);
  g_autoptr(GPtrArray) contacts = NULL;
  AttContactEditor *editor;
  GtkWindow *w;
  GtkWidget *focus, *button;

  att_context_set_user (context, s.receptionist);
  att_test_flush_events ();
  show_amina ();

  /* Rita may not change Amina's details, and the button says why: the
   * core's refusal, naming her and her role. */
  button = find_button (GTK_WIDGET (pupil_view ()), "pupils.edit");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "Rita Reception"));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (pupil_view ()), "pupils.add-contact")));

  gtk_widget_activate_action (GTK_WIDGET (pupils_page ()), "pupils.edit-contact", "x", sara);
  att_test_flush_events ();
  w = find_window (ATT_TYPE_CONTACT_EDITOR);
  g_assert_nonnull (w);
  editor = ATT_CONTACT_EDITOR (w);
  g_assert_false (att_contact_editor_is_editable (editor, "surname"));
  g_assert_false (att_contact_editor_is_editable (editor, "forename"));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (att_contact_editor_get_row (editor, "surname"))));
  g_assert_true (att_contact_editor_is_editable (editor, "phone_mobile"));
  g_assert_true (att_contact_editor_is_editable (editor, "email"));
  g_assert_cmpstr (focus_title (w), ==, "Mobile phone");

  type_over (w, "07700 900999");
  att_test_press_key (w, GDK_KEY_Return, 0);
  att_test_flush_events ();
  g_assert_null (find_window (ATT_TYPE_CONTACT_EDITOR));

  contacts = att_contacts_for_pupil (window_db (), amina, NULL);
  g_assert_cmpstr (((AttContact *)g_ptr_array_index (contacts, 0))->phone_mobile, ==, "07700 900999");
  g_assert_cmpstr (((AttContact *)g_ptr_array_index (contacts, 0))->surname, ==, "Khan");

  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == att_pupil_view_get_contact_row (pupil_view (), sara) ||
                 gtk_widget_is_ancestor (focus, att_pupil_view_get_contact_row (pupil_view (), sara)));

  att_context_set_user (context, s.officer);
  att_test_flush_events ();
}

/* A leaver with a destination, refused first over the marks of 30
 * September and 1 October, then undone from the toast. */
static void
test_leaver_undo (void)
{
  AttLeaverDialog *dialog;
  AttPupil *pupil;
  GtkWidget *undo;
  GtkWindow *w;

  show_amina ();
  gtk_widget_activate_action (GTK_WIDGET (pupils_page ()), "pupils.leaver", NULL);
  att_test_flush_events ();
  w = find_window (ATT_TYPE_LEAVER_DIALOG);
  g_assert_nonnull (w);
  dialog = ATT_LEAVER_DIALOG (w);

  /* Friday 27 September is before three marks: the core's message. */
  tab_and_type (w, "Last day on roll (DD/MM/YYYY)", "27/09/2024");
  tab_and_type (w, "School’s name or URN", "Oakfield Academy (URN 123456)");
  g_assert_nonnull (att_leaver_dialog_get_problem (dialog));
  g_assert_nonnull (strstr (att_leaver_dialog_get_problem (dialog),
                            "the register holds 3 marks after the new leaving date 2024-09-27"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "leave"));

  gtk_editable_set_text (GTK_EDITABLE (att_leaver_dialog_get_date_row (dialog)), "04/10/2024");
  att_test_flush_events ();
  g_assert_null (att_leaver_dialog_get_problem (dialog));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "leave"));
  att_test_press_key (w, GDK_KEY_Return, 0);
  att_test_flush_events ();
  g_assert_null (find_window (ATT_TYPE_LEAVER_DIALOG));

  pupil = att_pupils_get (window_db (), amina);
  g_assert_cmpint (pupil->leaving, ==, D (2024, 10, 4));
  g_assert_cmpstr (pupil->leaving_destination, ==, "Oakfield Academy (URN 123456)");

  undo = find_undo (GTK_WIDGET (window));
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  att_test_flush_events ();
  pupil = att_pupils_get (window_db (), amina);
  g_assert_cmpint (pupil->leaving, ==, ATT_DATE_NONE);
  g_assert_null (pupil->leaving_destination);
}

/* Alt+Down on Sara's row calls Omar first; the focus stays on Sara;
 * Undo puts her back. */
static void
test_reorder_alt_down (void)
{
  GtkWidget *row, *undo, *focus;

  show_amina ();
  assert_contacts (sara, omar);
  row = att_pupil_view_get_contact_row (pupil_view (), sara);
  g_assert_nonnull (row);
  att_pupil_view_focus_contact (pupil_view (), sara);
  att_test_flush_events ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), row));
  g_assert_true (att_test_press_key (GTK_WINDOW (window), GDK_KEY_Down, GDK_ALT_MASK));
  att_test_flush_events ();
  assert_contacts (omar, sara);
  g_assert_cmpint (att_pupil_view_get_contact_id (pupil_view (), 0), ==, omar);

  focus = gtk_root_get_focus (GTK_ROOT (window));
  row = att_pupil_view_get_contact_row (pupil_view (), sara);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));

  undo = find_undo (GTK_WIDGET (window));
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  att_test_flush_events ();
  assert_contacts (sara, omar);
}

/* Admitted on 1 October instead: two marks of 30 September are before
 * it. The core's message is under the line, Save is disabled, and
 * nothing is saved; Escape closes the editor. */
static void
test_admission_over_marks (void)
{
  AttPupilEditor *editor;
  const char *problem;
  GtkWindow *w;

  show_amina ();
  gtk_widget_activate_action (GTK_WIDGET (pupils_page ()), "pupils.edit", NULL);
  att_test_flush_events ();
  w = find_window (ATT_TYPE_PUPIL_EDITOR);
  g_assert_nonnull (w);
  editor = ATT_PUPIL_EDITOR (w);
  g_assert_true (att_pupil_editor_can_save (editor));

  tab_and_type (w, "Admission date (DD/MM/YYYY)", "01/10/2024");
  problem = att_pupil_editor_get_problem (editor, "admission_date");
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, "Amina Khan (UPN "));
  g_assert_nonnull (strstr (problem, "the register holds 2 marks before the new admission date 2024-10-01"));
  g_assert_nonnull (strstr (problem, "Mon 30 Sep 2024 am /"));
  g_assert_false (att_pupil_editor_can_save (editor));

  gtk_widget_activate_action (GTK_WIDGET (w), "editor.save", NULL);
  att_test_press_key (w, GDK_KEY_Return, 0);
  att_test_flush_events ();
  g_assert_nonnull (find_window (ATT_TYPE_PUPIL_EDITOR));
  g_assert_cmpint (att_pupils_get (window_db (), amina)->admission, ==, D (2024, 9, 2));

  att_test_press_key (w, GDK_KEY_Escape, 0);
  att_test_flush_events ();
  g_assert_null (find_window (ATT_TYPE_PUPIL_EDITOR));
  g_assert_cmpint (att_pupils_get (window_db (), amina)->admission, ==, D (2024, 9, 2));
}

static gint64
add_contact (int         priority,
             const char *forename,
             const char *relationship)
{
  g_autoptr(AttContact) c = att_contact_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  c->pupil_id = amina;
  c->priority = priority;
  c->forename = g_strdup (forename);
  c->surname = g_strdup ("Khan");
  c->relationship = g_strdup (relationship);
  c->phone_mobile = g_strdup ("07700 900001");
  id = att_contacts_save (s.db, s.officer, c, &error);
  g_assert_no_error (error);
  return id;
}

static void
make_school (void)
{
  AttMarkWrite marks[] = {
    { 0, D (2024, 9, 30), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
    { 0, D (2024, 9, 30), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, -1, NULL },
    { 0, D (2024, 10, 1), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
  };
  g_autoptr(GError) error = NULL;

  att_test_school_init (&s);
  amina = att_test_school_add_pupil (&s, "Amina", "Khan", D (2013, 5, 4));
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    marks[i].pupil_id = amina;
  g_assert_true (att_register_write (s.db, s.officer, marks, G_N_ELEMENTS (marks), NULL,
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  sara = add_contact (1, "Sara", "Mother");
  omar = add_contact (2, "Omar", "Father");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2024-10-08", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);

  make_school ();

  g_setenv ("ATTENDANCE_DB", s.t->path, TRUE);
  app = g_object_new (ATT_TYPE_APPLICATION,
                      "application-id", APPLICATION_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/schoolattendance/Attendance",
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = ATT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
  att_context_set_user (att_window_get_context (window), s.officer);
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_state_name (window), ==, "main");

  g_test_add_func ("/pupil-editor/add-by-keyboard", test_add_by_keyboard);
  g_test_add_func ("/pupil-editor/receptionist-number", test_receptionist_number);
  g_test_add_func ("/pupil-editor/leaver-undo", test_leaver_undo);
  g_test_add_func ("/pupil-editor/reorder-alt-down", test_reorder_alt_down);
  g_test_add_func ("/pupil-editor/admission-over-marks", test_admission_over_marks);
  result = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  g_clear_object (&app);
  att_test_school_clear (&s);
  return result;
}
