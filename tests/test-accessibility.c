/* test-accessibility.c: every control of every page and dialog has a name
 * a screen reader can say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is opened on a demo school, signed in, and shows each page in
 * turn (page_infos' order); then each of the main dialogs is opened as a
 * user opens it. In each, every control shown (buttons, toggles, switches,
 * check boxes, entries, drop-downs, list rows that activate) must have a
 * name: its label, a label inside it, its row's title, a tooltip, an
 * accessible label, or a label it is labelled by. The test lists every
 * control without one, with where it is.
 */
#include "config.h"

#include <string.h>

#include "att-test-app.h"
#include "att-test-keys.h"
#include "att-test-util.h"
#include "att-window-private.h"

static AttTestApp *app;

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* Whether @widget, or a widget inside it, shows a label with text. */
static gboolean
shows_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && has_text (gtk_label_get_text (GTK_LABEL (widget))))
    return TRUE;
  if (ADW_IS_BUTTON_CONTENT (widget) && has_text (adw_button_content_get_label (ADW_BUTTON_CONTENT (widget))))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child))
      return TRUE;
  return FALSE;
}

/* The row of a list of settings a control sits in, whose title names it. */
static gboolean
in_titled_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  return row != NULL && has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static gboolean
has_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  /* A button is labelled by its child, whatever the child is: its name is
   * the child's label, if it has one (below). Another control labelled by
   * a label (a mnemonic label's widget) is named by it. */
  if (!GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget)
      && gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (has_text (gtk_widget_get_tooltip_text (widget)) || has_text (gtk_widget_get_tooltip_markup (widget)))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && has_text (gtk_button_get_label (GTK_BUTTON (widget))))
    return TRUE;
  if (GTK_IS_CHECK_BUTTON (widget) && has_text (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget) && has_text (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget))))
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) && has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))))
    return TRUE;
  return shows_label (widget) || in_titled_row (widget);
}

/* The widgets a user operates, each checked as one: what is inside a
 * drop-down, a menu button, a spin button or an entry is part of it. */
static gboolean
is_control (GtkWidget *widget)
{
  if (ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget))
    return TRUE;
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget));
  return GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget)
         || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_ENTRY (widget)
         || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget)
         || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_SCALE (widget)
         || ADW_IS_SPLIT_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget);
}

/* Controls whose parts are GTK's or libadwaita's own (a window's close
 * button, a calendar's arrows, a drop-down's button) are named by them. */
static gboolean
is_composite (GtkWidget *widget)
{
  return GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget)
         || GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget)
         || ADW_IS_SPLIT_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget)
         || GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_CALENDAR (widget) || GTK_IS_POPOVER (widget)
         || GTK_IS_SCROLLBAR (widget);
}

static void
walk (GtkWidget *widget,
      GPtrArray *offenders,
      guint     *n_controls)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (is_control (widget))
    {
      (*n_controls)++;
      if (!has_name (widget))
        g_ptr_array_add (offenders, att_test_widget_path (widget));
    }
  if (is_composite (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    walk (child, offenders, n_controls);
}

static void
check_named (const char *what,
             GtkWidget  *top,
             guint       min_controls)
{
  g_autoptr(GPtrArray) offenders = g_ptr_array_new_with_free_func (g_free);
  guint n_controls = 0;

  walk (top, offenders, &n_controls);
  for (guint i = 0; i < offenders->len; i++)
    g_test_message ("%s: no accessible name: %s", what, (char *)g_ptr_array_index (offenders, i));
  g_test_message ("%s: %u controls, %u without a name", what, n_controls, offenders->len);
  /* A walk that saw no controls checked nothing. */
  g_assert_cmpuint (n_controls, >=, min_controls);
  g_assert_cmpuint (offenders->len, ==, 0);
}

/* The check itself: an icon alone names nothing; a tooltip, an accessible
 * label or a label inside do. */
static void
test_self_check (void)
{
  GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  GtkWidget *icon_only = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *tooltip = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *accessible = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *labelled = gtk_button_new_with_mnemonic ("_Delete");
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_tooltip_text (tooltip, "Delete");
  gtk_accessible_update_property (GTK_ACCESSIBLE (accessible), GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete", -1);
  g_assert_false (has_name (icon_only));
  g_assert_true (has_name (tooltip));
  g_assert_true (has_name (accessible));
  g_assert_true (has_name (labelled));
  g_assert_false (has_name (entry));
  g_assert_true (is_control (entry));
  gtk_box_append (GTK_BOX (box), icon_only);
  g_object_unref (box);
  g_object_ref_sink (tooltip);
  g_object_unref (tooltip);
  g_object_ref_sink (accessible);
  g_object_unref (accessible);
  g_object_ref_sink (labelled);
  g_object_unref (labelled);
  g_object_ref_sink (entry);
  g_object_unref (entry);
}

/* The window around the pages: the sidebar's rows, the main menu, the back
 * button, and each page. */
static void
test_pages (void)
{
  for (guint i = 0; att_window_get_page_name (i) != NULL; i++)
    {
      const char *name = att_window_get_page_name (i);

      att_test_app_show_page (app, name);
      /* The window itself: every area's row in the sidebar (8) and the
       * main menu at least, besides the page's own controls. */
      check_named (name, GTK_WIDGET (app->window), 9);
    }
}

static void
test_dialog (gconstpointer data)
{
  const AttTestDialog *dialog = data;
  GtkWindow *window = att_test_app_open_dialog (app, dialog);

  if (window == NULL)
    {
      g_test_skip ("This build has no such dialog");
      return;
    }
  /* Every dialog has a button at least (Cancel, Save or Close). */
  check_named (dialog->name, GTK_WIDGET (window), 1);
  gtk_window_destroy (window);
  att_test_flush_events ();
}

/* The About window: this version, the licence, the credits and the
 * release notes the metainfo has for this version (tools/release-notes.py),
 * no web address (the project has none), every control named, and
 * Escape closes it. */
static void
test_about (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwAboutWindow *about = NULL;
  g_autofree char *notes = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app->app), "about", NULL);
  att_test_wait (200);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        about = ADW_ABOUT_WINDOW (window);
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APPLICATION_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (adw_about_window_get_developers (about));
  g_assert_cmpstr (adw_about_window_get_developers (about)[0], ==, "The Attendance developers");
  g_assert_cmpstr (adw_about_window_get_release_notes_version (about), ==, PACKAGE_VERSION);
  notes = g_strdup (adw_about_window_get_release_notes (about));
  /* The metainfo's 0.1.0: one paragraph, then nine items in one list. */
  g_assert_true (g_str_has_prefix (notes, "<p>The first release.</p><ul><li>"));
  g_assert_true (g_str_has_suffix (notes, "<li>The attendance-cli command-line tool</li></ul>"));
  g_assert_nonnull (strstr (notes, "<li>Letters on the school’s ladder, printed or e-mailed</li>"));
  g_assert_false (has_text (adw_about_window_get_website (about)));
  g_assert_false (has_text (adw_about_window_get_issue_url (about)));
  g_assert_false (has_text (adw_about_window_get_support_url (about)));

  check_named ("about", GTK_WIDGET (about), 3);
  g_object_add_weak_pointer (G_OBJECT (about), (gpointer *)&about);
  att_test_press_key (GTK_WINDOW (about), GDK_KEY_Escape, 0);
  att_test_wait (100);
  g_assert_true (about == NULL || !gtk_widget_get_visible (GTK_WIDGET (about)));
  if (about != NULL)
    gtk_window_destroy (GTK_WINDOW (about));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2026-11-20", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);

  app = att_test_app_new (60);

  g_test_add_func ("/accessibility/self-check", test_self_check);
  g_test_add_func ("/accessibility/pages", test_pages);
  g_test_add_func ("/accessibility/about", test_about);
  for (guint i = 0; att_test_dialogs[i].name != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/accessibility/dialog/%s", att_test_dialogs[i].name);

      g_test_add_data_func (path, &att_test_dialogs[i], test_dialog);
    }
  result = g_test_run ();

  att_test_app_free (app);
  return result;
}
