/* test-filter-dialog.c: saved register filters, made and changed from
 * the register page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: an autumn term from Mon 2 September 2024; today is Tue 10
 * September 2024. On roll:
 *
 *   9A  Amy Able    SEN support (K), FSM
 *   9A  Ben Brown   EHC plan (E)
 *   9A  Cara Cole   no SEN
 *   9B  Eve Evans   SEN support (K)
 *   7A  Fay Ford    SEN support (K), FSM
 *   7A  Gus Green   no SEN
 *
 * So "SEN support, Year 9" (year 9, K or E) holds Amy, Ben and Eve; with
 * K only and FSM it holds Amy alone. The tests run in order and build on
 * each other's saved filters.
 */
#include "config.h"

#include <string.h>

#include "att-filter-dialog-private.h"
#include "att-register-page-private.h"
#include "att-test-util.h"

void attendance_register_resource (void);

#define SEN_YEAR_9 "SEN support, Year 9"

/* Items of the SEN row and the Any / Yes / No rows. */
enum { SEN_ANY, SEN_NONE, SEN_K, SEN_E, SEN_K_OR_E };
enum { FLAG_ANY, FLAG_YES, FLAG_NO };

static AttTestDb       *t;
static AttUser         *officer;
static GtkWindow       *window;
static AttRegisterPage *page;
static GtkWidget       *edit_probe;     /* a button on register.edit-filter */
static GtkWidget       *delete_probe;   /* a button on register.delete-filter */
static gint64           amy, ben, cara, eve, fay, gus;

static gint64
add_pupil (const char *forename,
           const char *surname,
           int         year,
           const char *group,
           AttSen      sen,
           gboolean    fsm)
{
  AttPupil *pupil = att_test_pupil_new (forename, surname, year, group,
                                        D (2024 - year - 5, 5, 1), D (2024, 9, 2));

  pupil->sen = sen;
  pupil->fsm = fsm;
  return att_test_save_pupil (t->db, pupil);
}

static GPtrArray *
load_filters (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *filters = att_grid_filters_load (t->db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (filters);
  return filters;
}

static const AttGridFilter *
find_filter (GPtrArray  *filters,
             const char *name)
{
  for (guint i = 0; i < filters->len; i++)
    {
      const AttGridFilter *filter = g_ptr_array_index (filters, i);
      if (g_strcmp0 (filter->name, name) == 0)
        return filter;
    }
  return NULL;
}

static const AttGridFilter *
get_filter (GPtrArray  *filters,
            const char *name)
{
  const AttGridFilter *filter = find_filter (filters, name);

  if (filter == NULL)
    g_error ("No saved filter is called “%s”", name);
  return filter;
}

/* The pupils the register shows, as a sorted list of ids. */
static GArray *
shown_pupils (AttRegisterPage *p)
{
  GListModel *model = att_register_page_get_view_model (p);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AttRegisterRow) row = g_list_model_get_item (model, i);
      gint64 id = att_register_row_get_pupil (row)->id;
      g_array_append_val (ids, id);
    }
  return ids;
}

static gboolean
shows_exactly (AttRegisterPage *p,
               const gint64    *expected,
               guint            n)
{
  g_autoptr(GArray) ids = shown_pupils (p);

  if (ids->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;
      for (guint j = 0; j < ids->len; j++)
        found = found || g_array_index (ids, gint64, j) == expected[i];
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* The item of a combo row that reads @text. */
static void
select_item (AttFilterDialog *dialog,
             AttFilterField   field,
             const char      *text)
{
  AdwComboRow *row = att_filter_dialog_get_combo (dialog, field);
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_assert_not_reached ();
}

static AttFilterDialog *
open_dialog (const char *action)
{
  AttFilterDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), action, NULL);
  att_test_flush_events ();
  dialog = att_register_page_get_filter_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  return dialog;
}

static void
cancel_dialog (AttFilterDialog *dialog)
{
  /* Escape is bound to window.close, as the Cancel button is. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  att_test_flush_events ();
  g_assert_null (att_register_page_get_filter_dialog (page));
}

static void
set_name (AttFilterDialog *dialog,
          const char      *name)
{
  gtk_editable_set_text (att_filter_dialog_get_name_entry (dialog), name);
  att_test_flush_events ();
}

static gboolean
save_sensitive (AttFilterDialog *dialog)
{
  att_test_flush_events ();
  return gtk_widget_get_sensitive (att_filter_dialog_get_save_button (dialog));
}

static void
test_empty_name (void)
{
  AttFilterDialog *dialog = open_dialog ("register.new-filter");
  g_autoptr(GPtrArray) filters = NULL;

  /* The page shows the whole school: nothing to edit or delete. */
  att_test_flush_events ();
  g_assert_false (gtk_widget_get_sensitive (edit_probe));
  g_assert_false (gtk_widget_get_sensitive (delete_probe));

  g_assert_cmpstr (gtk_editable_get_text (att_filter_dialog_get_name_entry (dialog)), ==, "");
  g_assert_false (save_sensitive (dialog));
  g_assert_false (att_filter_dialog_save (dialog));
  g_assert_cmpstr (gtk_label_get_label (att_filter_dialog_get_count_label (dialog)), ==,
                   "6 pupils on roll today match");

  /* Spaces are not a name either. */
  set_name (dialog, "   ");
  g_assert_false (save_sensitive (dialog));
  set_name (dialog, "Anything");
  g_assert_true (save_sensitive (dialog));
  g_assert_null (att_filter_dialog_get_message (dialog));

  cancel_dialog (dialog);
  filters = load_filters ();
  g_assert_cmpuint (filters->len, ==, 0);
}

static void
test_duplicate_name (void)
{
  g_autoptr(GPtrArray) filters = load_filters ();
  g_autoptr(AttGridFilter) fsm7 = att_grid_filter_new_year (7);
  g_autoptr(GError) error = NULL;
  AttFilterDialog *dialog;
  const char *message;

  fsm7->name = g_strdup ("Year 7 FSM");
  fsm7->fsm = 1;
  g_ptr_array_add (filters, att_grid_filter_copy (fsm7));
  att_grid_filters_save (t->db, officer, filters, &error);
  g_assert_no_error (error);
  att_test_flush_events ();

  /* Another case is the same name. */
  dialog = open_dialog ("register.new-filter");
  set_name (dialog, "year 7 fsm");
  message = att_filter_dialog_get_message (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "already a saved filter called “year 7 fsm”"));
  g_assert_false (save_sensitive (dialog));
  g_assert_false (att_filter_dialog_save (dialog));

  /* A new name clears the message. */
  set_name (dialog, "Year 7 FSM boys");
  g_assert_null (att_filter_dialog_get_message (dialog));
  g_assert_true (save_sensitive (dialog));
  cancel_dialog (dialog);

  g_clear_pointer (&filters, g_ptr_array_unref);
  filters = load_filters ();
  g_assert_cmpuint (filters->len, ==, 1);
}

static void
test_create (void)
{
  const gint64 expected[] = { amy, ben, eve };
  g_autoptr(GPtrArray) filters = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.schoolattendance.Attendance");
  g_autofree char *remembered = NULL;
  const AttGridFilter *saved;
  AttFilterDialog *dialog;
  GtkDropDown *dropdown;

  dialog = open_dialog ("register.new-filter");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Saved Filter");
  set_name (dialog, SEN_YEAR_9);
  select_item (dialog, ATT_FILTER_FIELD_YEAR, "Year 9");
  select_item (dialog, ATT_FILTER_FIELD_GROUP, "Any");
  adw_combo_row_set_selected (att_filter_dialog_get_combo (dialog, ATT_FILTER_FIELD_SEN), SEN_K_OR_E);
  att_test_flush_events ();
  g_assert_cmpstr (gtk_label_get_label (att_filter_dialog_get_count_label (dialog)), ==,
                   "3 pupils on roll today match");
  g_assert_true (save_sensitive (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "filter.save", NULL);
  att_test_flush_events ();
  g_assert_null (att_register_page_get_filter_dialog (page));

  /* Stored as typed and chosen, next to the other one. */
  filters = load_filters ();
  g_assert_cmpuint (filters->len, ==, 2);
  saved = get_filter (filters, SEN_YEAR_9);
  g_assert_cmpint (saved->year, ==, 9);
  g_assert_null (saved->group);
  g_assert_cmpint (saved->sen, ==, 'S');
  g_assert_cmpint (saved->fsm, ==, -1);
  g_assert_cmpint (saved->eal, ==, -1);
  g_assert_cmpint (saved->looked_after, ==, -1);
  g_assert_cmpint (saved->social_worker, ==, -1);
  g_assert_cmpint (saved->young_carer, ==, -1);

  /* The register shows it: exactly Amy, Ben and Eve. */
  g_assert_cmpstr (att_register_page_get_filter (page)->name, ==, SEN_YEAR_9);
  g_assert_true (shows_exactly (page, expected, G_N_ELEMENTS (expected)));
  dropdown = GTK_DROP_DOWN (gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (page))));
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown)), ==,
                   SEN_YEAR_9);
  remembered = g_settings_get_string (settings, "register-group");
  g_assert_true (g_str_has_prefix (remembered, "filter="));

  att_test_flush_events ();
  g_assert_true (gtk_widget_get_sensitive (edit_probe));
  g_assert_true (gtk_widget_get_sensitive (delete_probe));
}

static void
test_edit (void)
{
  const gint64 expected[] = { amy };
  g_autoptr(GPtrArray) filters = NULL;
  const AttGridFilter *saved;
  AttFilterDialog *dialog;

  dialog = open_dialog ("register.edit-filter");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Saved Filter");
  g_assert_cmpstr (gtk_editable_get_text (att_filter_dialog_get_name_entry (dialog)), ==, SEN_YEAR_9);
  g_assert_cmpuint (adw_combo_row_get_selected (att_filter_dialog_get_combo (dialog, ATT_FILTER_FIELD_SEN)),
                    ==, SEN_K_OR_E);
  g_assert_cmpstr (gtk_label_get_label (att_filter_dialog_get_count_label (dialog)), ==,
                   "3 pupils on roll today match");

  /* Its own name, in any case, is not a clash. */
  set_name (dialog, "sen support, year 9");
  g_assert_null (att_filter_dialog_get_message (dialog));
  g_assert_true (save_sensitive (dialog));
  /* The other filter's name is. */
  set_name (dialog, "Year 7 FSM");
  g_assert_nonnull (att_filter_dialog_get_message (dialog));
  g_assert_false (save_sensitive (dialog));
  set_name (dialog, SEN_YEAR_9);

  adw_combo_row_set_selected (att_filter_dialog_get_combo (dialog, ATT_FILTER_FIELD_SEN), SEN_K);
  adw_combo_row_set_selected (att_filter_dialog_get_combo (dialog, ATT_FILTER_FIELD_FSM), FLAG_YES);
  att_test_flush_events ();
  g_assert_cmpstr (gtk_label_get_label (att_filter_dialog_get_count_label (dialog)), ==,
                   "1 pupil on roll today matches");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "filter.save", NULL);
  att_test_flush_events ();
  g_assert_null (att_register_page_get_filter_dialog (page));

  /* Changed in place, not added. */
  filters = load_filters ();
  g_assert_cmpuint (filters->len, ==, 2);
  saved = get_filter (filters, SEN_YEAR_9);
  g_assert_cmpint (saved->year, ==, 9);
  g_assert_cmpint (saved->sen, ==, 'K');
  g_assert_cmpint (saved->fsm, ==, 1);
  g_assert_cmpint (att_register_page_get_filter (page)->sen, ==, 'K');
  g_assert_true (shows_exactly (page, expected, G_N_ELEMENTS (expected)));
}

static void
test_remembered (void)
{
  const gint64 expected[] = { amy };
  g_autoptr(GSettings) settings = g_settings_new ("io.github.schoolattendance.Attendance");
  AttRegisterPage *other;

  /* The register remembers the filter as first saved (K or E, any FSM):
   * it reopens as it is saved now. */
  g_settings_set_string (settings, "register-group",
                         "filter=SEN%20support%2C%20Year%209;year=9;sen=S");
  other = ATT_REGISTER_PAGE (att_register_page_new ());
  g_object_ref_sink (other);
  att_context_set_user (att_page_get_context (ATT_PAGE (other)), officer);
  att_context_set_db (att_page_get_context (ATT_PAGE (other)), t->db);
  att_test_flush_events ();
  g_assert_cmpstr (att_register_page_get_filter (other)->name, ==, SEN_YEAR_9);
  g_assert_cmpint (att_register_page_get_filter (other)->sen, ==, 'K');
  g_assert_cmpint (att_register_page_get_filter (other)->fsm, ==, 1);
  g_assert_true (shows_exactly (other, expected, G_N_ELEMENTS (expected)));
  g_assert_finalize_object (other);

  /* A filter that is gone gives way to the whole school. */
  g_settings_set_string (settings, "register-group", "filter=Gone;year=9");
  other = ATT_REGISTER_PAGE (att_register_page_new ());
  g_object_ref_sink (other);
  att_context_set_db (att_page_get_context (ATT_PAGE (other)), t->db);
  att_test_flush_events ();
  g_assert_null (att_register_page_get_filter (other)->name);
  g_assert_cmpint (att_register_page_get_filter (other)->year, ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (att_register_page_get_view_model (other)), ==, 6);
  g_assert_finalize_object (other);
}

static void
test_refused (void)
{
  g_autoptr(GPtrArray) filters = NULL;
  g_autoptr(AttGridFilter) late = att_grid_filter_new_year (7);
  g_autoptr(GError) error = NULL;
  AttFilterDialog *dialog;
  const char *message;

  /* Every role may save filters (it needs the right to take the
   * register), so the refusal a person can meet is nobody signed in. */
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), NULL);
  dialog = open_dialog ("register.new-filter");
  set_name (dialog, "Year 7");
  g_assert_true (save_sensitive (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "filter.save", NULL);
  att_test_flush_events ();
  g_assert_true (att_register_page_get_filter_dialog (page) == dialog);
  message = att_filter_dialog_get_message (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Nobody is signed in"));
  filters = load_filters ();
  g_assert_cmpuint (filters->len, ==, 2);
  cancel_dialog (dialog);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), officer);

  /* The core refuses what was saved elsewhere while the dialog was open:
   * the dialog says so and nothing is written. */
  dialog = open_dialog ("register.new-filter");
  set_name (dialog, "Late one");
  late->name = g_strdup ("Late One");
  g_ptr_array_add (filters, att_grid_filter_copy (late));
  att_grid_filters_save (t->db, officer, filters, &error);
  g_assert_no_error (error);
  g_assert_false (att_filter_dialog_save (dialog));
  message = att_filter_dialog_get_message (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "already a saved filter called"));
  g_assert_true (att_register_page_get_filter_dialog (page) == dialog);
  g_clear_pointer (&filters, g_ptr_array_unref);
  filters = load_filters ();
  g_assert_cmpuint (filters->len, ==, 3);
  g_assert_nonnull (find_filter (filters, "Late One"));
  cancel_dialog (dialog);
}

static void
test_delete (void)
{
  g_autoptr(GPtrArray) filters = load_filters ();
  AdwMessageDialog *dialog;

  att_register_page_show (page, find_filter (filters, SEN_YEAR_9), D (2024, 9, 10), FALSE);
  att_test_flush_events ();

  /* Cancelling keeps it. */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.delete-filter", NULL);
  dialog = att_register_page_get_delete_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), SEN_YEAR_9));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (dialog, "cancel");
  att_test_flush_events ();
  g_assert_null (att_register_page_get_delete_dialog (page));
  g_clear_pointer (&filters, g_ptr_array_unref);
  filters = load_filters ();
  g_assert_nonnull (find_filter (filters, SEN_YEAR_9));

  gtk_widget_activate_action (GTK_WIDGET (page), "register.delete-filter", NULL);
  dialog = att_register_page_get_delete_dialog (page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  att_test_flush_events ();

  g_clear_pointer (&filters, g_ptr_array_unref);
  filters = load_filters ();
  g_assert_cmpuint (filters->len, ==, 2);
  g_assert_null (find_filter (filters, SEN_YEAR_9));
  g_assert_null (att_register_page_get_filter (page)->name);
  g_assert_cmpint (att_register_page_get_filter (page)->year, ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (att_register_page_get_view_model (page)), ==, 6);
  att_test_flush_events ();
  g_assert_false (gtk_widget_get_sensitive (edit_probe));
  g_assert_false (gtk_widget_get_sensitive (delete_probe));
}

static GtkWidget *
probe (const char *action)
{
  GtkWidget *button = gtk_button_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_parent (button, GTK_WIDGET (page));
  return button;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttGridFilter) school = att_grid_filter_new ();
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "08:50", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  t = att_test_db_new ();
  att_test_add_term (t->db, "Autumn 2024", D (2024, 9, 2), D (2024, 12, 20));
  officer = att_test_add_user (t->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance officer");
  amy = add_pupil ("Amy", "Able", 9, "9A", ATT_SEN_SUPPORT, TRUE);
  ben = add_pupil ("Ben", "Brown", 9, "9A", ATT_SEN_EHCP, FALSE);
  cara = add_pupil ("Cara", "Cole", 9, "9A", ATT_SEN_NONE, FALSE);
  eve = add_pupil ("Eve", "Evans", 9, "9B", ATT_SEN_SUPPORT, FALSE);
  fay = add_pupil ("Fay", "Ford", 7, "7A", ATT_SEN_SUPPORT, TRUE);
  gus = add_pupil ("Gus", "Green", 7, "7A", ATT_SEN_NONE, FALSE);
  (void)cara;
  (void)fay;
  (void)gus;

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 700);
  page = ATT_REGISTER_PAGE (att_register_page_new ());
  g_object_ref_sink (page);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), officer);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  att_context_set_db (att_page_get_context (ATT_PAGE (page)), t->db);
  att_register_page_show (page, school, D (2024, 9, 10), FALSE);
  edit_probe = probe ("register.edit-filter");
  delete_probe = probe ("register.delete-filter");
  att_test_flush_events ();

  g_test_add_func ("/filter-dialog/empty-name", test_empty_name);
  g_test_add_func ("/filter-dialog/duplicate-name", test_duplicate_name);
  g_test_add_func ("/filter-dialog/create", test_create);
  g_test_add_func ("/filter-dialog/edit", test_edit);
  g_test_add_func ("/filter-dialog/remembered", test_remembered);
  g_test_add_func ("/filter-dialog/refused", test_refused);
  g_test_add_func ("/filter-dialog/delete", test_delete);
  result = g_test_run ();

  gtk_widget_unparent (edit_probe);
  gtk_widget_unparent (delete_probe);
  gtk_window_destroy (window);
  att_test_flush_events ();
  g_assert_finalize_object (page);
  att_user_free (officer);
  att_test_db_free (t);
  return result;
}
