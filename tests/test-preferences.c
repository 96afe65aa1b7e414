/* test-preferences.c: the Preferences window, driven by keyboard: a
 * school setting and a register time saved as the field is left, the
 * rows a receptionist may not change, a term and an exam period added
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-auth-private.h"
#include "att-letters.h"
#include "att-preferences-window.h"
#include "att-test-keys.h"
#include "att-test-util.h"

/* From the compiled resources. */
void attendance_register_resource (void);

typedef struct
{
  AttTestSchool         school;
  AttUser              *admin;
  AttContext           *context;
  AttPreferencesWindow *window;
} Fixture;

static void
open_as (Fixture       *f,
         const AttUser *user)
{
  f->context = att_context_new (NULL);
  att_context_set_db (f->context, f->school.db);
  att_context_set_user (f->context, user);
  f->window = att_preferences_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  att_test_school_init (&f->school);
  f->admin = att_test_add_user (f->school.db, "Ada Admin", ATT_ROLE_ADMIN, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  att_test_flush_events ();
  g_clear_object (&f->context);
  att_user_free (f->admin);
  att_test_school_clear (&f->school);
}

static GtkWidget *
field (Fixture    *f,
       const char *key)
{
  GtkWidget *row = att_preferences_window_get_field (f->window, key);

  g_assert_nonnull (row);
  return row;
}

static void
press (Fixture        *f,
       guint           keyval,
       GdkModifierType state)
{
  g_assert_true (att_test_press_key (GTK_WINDOW (f->window), keyval, state));
}

/* Focuses @key's field and types @value in place of its text. */
static void
type_into (Fixture    *f,
           const char *key,
           const char *value)
{
  gtk_widget_grab_focus (field (f, key));
  press (f, GDK_KEY_Home, 0);
  press (f, GDK_KEY_End, GDK_SHIFT_MASK);
  g_assert_true (att_test_type (GTK_WINDOW (f->window), value));
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *am_open = NULL;
  g_autofree char *am_close = NULL;

  open_as (f, f->admin);

  /* The name, saved by Enter. */
  type_into (f, "name", "Hillside Academy");
  press (f, GDK_KEY_Return, 0);
  name = att_school_get (f->school.db, "name");
  g_assert_cmpstr (name, ==, "Hillside Academy");

  /* A register time, saved as the field is left, and kept as the core
   * writes it: 8:50 becomes 08:50 (open 25 minutes to the default 09:15). */
  type_into (f, "am_open", "8:50");
  gtk_widget_grab_focus (field (f, "am_close"));
  att_test_flush_events ();
  am_open = att_school_get (f->school.db, "am_open");
  g_assert_cmpstr (am_open, ==, "08:50");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "am_open"))), ==, "08:50");
  g_assert_null (att_preferences_window_get_error (f->window));

  /* A morning register 08:50 to 09:25 would stay open 35 minutes:
   * refused in place with the core's words, and 09:15 kept. */
  type_into (f, "am_close", "09:25");
  press (f, GDK_KEY_Return, 0);
  g_assert_nonnull (strstr (att_preferences_window_get_error (f->window), "at most 30 minutes"));
  g_assert_true (gtk_widget_has_css_class (field (f, "am_close"), "error"));
  am_close = att_school_get (f->school.db, "am_close");
  g_assert_cmpstr (am_close, ==, "09:15");
}

static void
test_receptionist (Fixture       *f,
                   gconstpointer  data)
{
  const char *tip;

  open_as (f, f->school.receptionist);
  g_assert_false (gtk_widget_is_sensitive (field (f, "name")));
  g_assert_false (gtk_widget_is_sensitive (field (f, "am_open")));
  g_assert_false (gtk_widget_is_sensitive (field (f, "term-name")));
  tip = gtk_widget_get_tooltip_text (field (f, "name"));
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "Rita Reception"));
  /* Nor may she change the calendar: the core's reason on its fields. */
  tip = gtk_widget_get_tooltip_text (field (f, "exam-name"));
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "Rita Reception"));
}

static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) exams = NULL;
  const AttTerm *terms;
  guint n;

  open_as (f, f->admin);

  /* Autumn 2 after Autumn 1 (2 September to 25 October 2024), added by
   * Enter in its last field: two terms. */
  type_into (f, "term-name", "Autumn 2 2024");
  type_into (f, "term-start", "2024-11-04");
  type_into (f, "term-end", "2024-12-20");
  press (f, GDK_KEY_Return, 0);
  g_assert_null (att_preferences_window_get_error (f->window));
  terms = att_calendar_get_terms (att_db_get_calendar (f->school.db), &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (terms[1].name, ==, "Autumn 2 2024");
  g_assert_cmpint (terms[1].end, ==, D (2024, 12, 20));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "term-name"))), ==, "");

  /* One overlapping it is the core's refusal. */
  type_into (f, "term-name", "Overlap");
  type_into (f, "term-start", "2024-12-01");
  type_into (f, "term-end", "2024-12-31");
  press (f, GDK_KEY_Return, 0);
  g_assert_nonnull (strstr (att_preferences_window_get_error (f->window), "terms may not overlap"));
  att_calendar_get_terms (att_db_get_calendar (f->school.db), &n);
  g_assert_cmpuint (n, ==, 2);

  /* An exam period. */
  type_into (f, "exam-name", "Mock exams");
  type_into (f, "exam-start", "2024-12-02");
  type_into (f, "exam-end", "2024-12-06");
  press (f, GDK_KEY_Return, 0);
  exams = att_exam_periods_list (f->school.db, NULL);
  g_assert_cmpuint (exams->len, ==, 1);
  g_assert_cmpstr (((AttExamPeriod *)g_ptr_array_index (exams, 0))->name, ==, "Mock exams");

  /* Removing the new term through its row's button. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "prefs.remove-term", "x", terms[1].id);
  att_calendar_get_terms (att_db_get_calendar (f->school.db), &n);
  g_assert_cmpuint (n, ==, 1);
}

/* The letterhead's logo shown as a preview, and removed through the
 * core with its button's action. */
static void
test_letterhead (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *png = g_build_filename (f->school.t->dir, "logo.png", NULL);
  g_autoptr(AttLetterhead) after = NULL;
  static const guint8 clear[4 * 2 * 4] = { 0 };   /* 4 by 2 transparent pixels */
  GdkPaintable *shown;

  pixels = g_bytes_new_static (clear, sizeof clear);
  texture = gdk_memory_texture_new (4, 2, GDK_MEMORY_R8G8B8A8, pixels, 16);
  g_assert_true (gdk_texture_save_to_png (texture, png));
  g_assert_true (att_letters_set_setting (f->school.db, f->admin, "letters.logo", png, &error));
  g_assert_no_error (error);

  open_as (f, f->admin);
  shown = gtk_picture_get_paintable (att_preferences_window_get_picture (f->window, "letters.logo"));
  g_assert_nonnull (shown);
  /* The image as drawn: 4 by 2 pixels. */
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (shown), ==, 4);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (shown), ==, 2);
  g_assert_null (gtk_picture_get_paintable (att_preferences_window_get_picture (f->window, "letters.signature")));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "prefs.clear-image", "s", "letters.logo");
  after = att_letterhead_load (f->school.db);
  g_assert_null (after->logo);
  g_assert_null (gtk_picture_get_paintable (att_preferences_window_get_picture (f->window, "letters.logo")));
}

/* The page shown last and the size are kept in GSettings, and the next
 * window opens on that page. */
static void
test_window_state (Fixture       *f,
                   gconstpointer  data)
{
  GSettings *settings;
  g_autofree char *page = NULL;

  open_as (f, f->admin);
  settings = att_context_get_settings (f->context);
  g_assert_nonnull (settings);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->window), "calendar");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 700, 650);
  gtk_window_close (GTK_WINDOW (f->window));
  att_test_flush_events ();
  page = g_settings_get_string (settings, "preferences-page");
  g_assert_cmpstr (page, ==, "calendar");
  g_assert_cmpint (g_settings_get_int (settings, "preferences-width"), ==, 700);

  f->window = att_preferences_window_new (NULL, f->context);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (f->window)),
                   ==, "calendar");
  /* Back to the first page for the tests after. */
  g_settings_reset (settings, "preferences-page");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  att_auth_use_fast_hashing_for_tests ();
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  g_test_add ("/preferences/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/preferences/receptionist", Fixture, NULL, fixture_set_up, test_receptionist, fixture_tear_down);
  g_test_add ("/preferences/calendar", Fixture, NULL, fixture_set_up, test_calendar, fixture_tear_down);
  g_test_add ("/preferences/letterhead", Fixture, NULL, fixture_set_up, test_letterhead, fixture_tear_down);
  g_test_add ("/preferences/window-state", Fixture, NULL, fixture_set_up, test_window_state, fixture_tear_down);

  return g_test_run ();
}
