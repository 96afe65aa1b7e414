/* test-keyboard.c: the window used from the keyboard alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * - Every shortcut is in the shortcuts window: the accelerators the
 *   application sets for its actions, the key bindings of the window, its
 *   pages and dialogs (their shortcut controllers), and the keys the pages'
 *   own key handlers take (listed below from the sources).
 * - Tab, from the start of each page, reaches every control of the page
 *   that can take the focus and is sensitive, and never stays where it is.
 * - Alt+1 to Alt+9 show the pages in sidebar order.
 * - Escape closes each dialog.
 */
#include "config.h"

#include "att-test-app.h"
#include "att-test-keys.h"
#include "att-test-util.h"
#include "att-window-private.h"

static AttTestApp *app;

#define MODS (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)

/* One key as the shortcuts window shows it: the keypad's keys as the main
 * keyboard's, letters in lower case (Shift is in @mods). */
static guint64
key_id (guint           keyval,
        GdkModifierType mods)
{
  switch (keyval)
    {
    case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: keyval = GDK_KEY_Return; break;
    case GDK_KEY_KP_Delete: keyval = GDK_KEY_Delete; break;
    case GDK_KEY_KP_Up: keyval = GDK_KEY_Up; break;
    case GDK_KEY_KP_Down: keyval = GDK_KEY_Down; break;
    case GDK_KEY_KP_Left: keyval = GDK_KEY_Left; break;
    case GDK_KEY_KP_Right: keyval = GDK_KEY_Right; break;
    case GDK_KEY_KP_Home: keyval = GDK_KEY_Home; break;
    case GDK_KEY_KP_End: keyval = GDK_KEY_End; break;
    case GDK_KEY_KP_Page_Up: keyval = GDK_KEY_Page_Up; break;
    case GDK_KEY_KP_Page_Down: keyval = GDK_KEY_Page_Down; break;
    case GDK_KEY_KP_Tab: keyval = GDK_KEY_Tab; break;
    case GDK_KEY_ISO_Left_Tab: keyval = GDK_KEY_Tab; mods |= GDK_SHIFT_MASK; break;
    default: break;
    }
  return ((guint64)(mods & MODS) << 32) | gdk_keyval_to_lower (keyval);
}

static char *
key_name (guint64 id)
{
  return gtk_accelerator_get_label ((guint)(id & 0xffffffff), (GdkModifierType)(id >> 32));
}

static void
add_accel (GHashTable *set,
           const char *accel)
{
  guint keyval;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  g_hash_table_add (set, g_memdup2 (&(guint64){ key_id (keyval, mods) }, sizeof (guint64)));
}

/* The keys the shortcuts window lists: each shortcut's accelerators ("a b"
 * for either, "<alt>1...<alt>9" for a run) and the accelerators of its
 * action. */
static GHashTable *
overlay_keys (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/schoolattendance/Attendance/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_shortcuts = 0;

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_auto(GStrv) words = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      n_shortcuts++;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action, NULL);
      words = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; words[i] != NULL; i++)
        {
          g_auto(GStrv) run = g_strsplit (words[i], "...", 2);
          guint first, last;
          GdkModifierType mods;

          if (*words[i] == '\0')
            continue;
          if (run[1] == NULL)
            {
              add_accel (set, words[i]);
              continue;
            }
          g_assert_true (gtk_accelerator_parse (run[0], &first, &mods));
          g_assert_true (gtk_accelerator_parse (run[1], &last, NULL));
          for (guint k = first; k <= last; k++)
            g_hash_table_add (set, g_memdup2 (&(guint64){ key_id (k, mods) }, sizeof (guint64)));
        }
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app->app), action);

          for (guint i = 0; accels[i] != NULL; i++)
            add_accel (set, accels[i]);
        }
    }
  /* The shortcuts window says something. */
  g_assert_cmpuint (n_shortcuts, >=, 30);
  return set;
}

static void
need_key (GHashTable *listed,
          GPtrArray  *missing,
          guint64     id,
          const char *where)
{
  if (!g_hash_table_contains (listed, &id))
    {
      g_autofree char *name = key_name (id);

      g_ptr_array_add (missing, g_strdup_printf ("%s (%s)", name, where));
    }
}

static void
trigger_keys (GtkShortcutTrigger *trigger,
              GArray             *keys)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      guint64 id = key_id (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                           gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));

      g_array_append_val (keys, id);
    }
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      trigger_keys (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keys);
      trigger_keys (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keys);
    }
}

/* The keys of the shortcut controllers on @widget (its class's bindings
 * and controllers of its own). */
static GArray *
widget_keys (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          /* Mnemonics and GTK's own keybinding signals are not ours. */
          if (GTK_IS_SIGNAL_ACTION (gtk_shortcut_get_action (shortcut)))
            continue;
          trigger_keys (gtk_shortcut_get_trigger (shortcut), keys);
        }
    }
  return keys;
}

/* The keys GTK or libadwaita binds on the first of @type's parents that is
 * not ours, which every widget of that kind has. */
static GHashTable *
inherited_keys (GType type)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GtkWidget *widget;
  g_autoptr(GArray) keys = NULL;

  while (g_str_has_prefix (g_type_name (type), "Att"))
    type = g_type_parent (type);
  if (G_TYPE_IS_ABSTRACT (type))
    return set;
  widget = g_object_ref_sink (g_object_new (type, NULL));
  keys = widget_keys (widget);
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (set, g_memdup2 (&g_array_index (keys, guint64, i), sizeof (guint64)));
  if (GTK_IS_WINDOW (widget))
    gtk_window_destroy (GTK_WINDOW (widget));
  g_object_unref (widget);
  return set;
}

/* Every key one of our widgets in @top binds that GTK does not. */
static void
collect_bindings (GtkWidget  *top,
                  GHashTable *listed,
                  GPtrArray  *missing,
                  guint      *n_found)
{
  const char *type = G_OBJECT_TYPE_NAME (top);

  if (g_str_has_prefix (type, "Att"))
    {
      g_autoptr(GArray) keys = widget_keys (top);
      g_autoptr(GHashTable) inherited = inherited_keys (G_OBJECT_TYPE (top));

      for (guint i = 0; i < keys->len; i++)
        {
          guint64 id = g_array_index (keys, guint64, i);

          if (g_hash_table_contains (inherited, &id))
            continue;
          (*n_found)++;
          need_key (listed, missing, id, type);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (top);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_bindings (child, listed, missing, n_found);
}

/* The keys the pages' own key handlers take, from their sources. */
static const struct
{
  const char      *accel;
  const char      *where;
} handled_keys[] = {
  /* att-register-page-keys.c */
  { "Up", "the register grid" }, { "Down", "the register grid" },
  { "Left", "the register grid" }, { "Right", "the register grid" },
  { "<Shift>Up", "the register grid" }, { "<Shift>Down", "the register grid" },
  { "<Shift>Left", "the register grid" }, { "<Shift>Right", "the register grid" },
  { "Tab", "the register grid" }, { "<Shift>Tab", "the register grid" },
  { "Return", "the register grid" }, { "Home", "the register grid" }, { "End", "the register grid" },
  { "<Control>Home", "the register grid" }, { "<Control>End", "the register grid" },
  { "Page_Up", "the register grid" }, { "Page_Down", "the register grid" },
  { "Delete", "the register grid" }, { "BackSpace", "the register grid" },
  { "Escape", "the register grid" }, { "F2", "the register grid" }, { "question", "the register grid" },
  { "<Control>z", "the register grid" }, { "<Control>h", "the register grid" },
  { "<Control>a", "the register grid" },
  /* att-calls-page-firstday.c */
  { "r", "the first-day list" }, { "a", "the first-day list" }, { "v", "the first-day list" },
  { "x", "the first-day list" }, { "w", "the first-day list" },
  /* att-letters-page-due.c */
  { "Delete", "the letters due" }, { "p", "the letters due" },
  /* att-year-calendar-view.c */
  { "Left", "a pupil's year at a glance" }, { "Right", "a pupil's year at a glance" },
  { "Up", "a pupil's year at a glance" }, { "Down", "a pupil's year at a glance" },
  { "Home", "a pupil's year at a glance" }, { "End", "a pupil's year at a glance" },
  { "Return", "a pupil's year at a glance" }, { "space", "a pupil's year at a glance" },
};

static void
test_shortcuts_listed (void)
{
  g_autoptr(GHashTable) listed = overlay_keys ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app->app));
  guint n_app = 0, n_bindings = 0;

  /* What the application sets: app.quit, win.search, win.back, win.lock,
   * win.new-call and GTK's own win.show-help-overlay at least. */
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app->app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval;
          GdkModifierType mods;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &mods));
          need_key (listed, missing, key_id (keyval, mods), actions[i]);
          n_app++;
        }
    }
  g_assert_cmpuint (n_app, >=, 6);

  /* The window and every page, each made, and every dialog opened. */
  for (guint i = 0; att_window_get_page_name (i) != NULL; i++)
    att_test_app_show_page (app, att_window_get_page_name (i));
  collect_bindings (GTK_WIDGET (app->window), listed, missing, &n_bindings);
  for (guint i = 0; att_test_dialogs[i].name != NULL; i++)
    {
      GtkWindow *dialog = att_test_app_open_dialog (app, &att_test_dialogs[i]);

      if (dialog == NULL)
        continue;
      collect_bindings (GTK_WIDGET (dialog), listed, missing, &n_bindings);
      gtk_window_destroy (dialog);
      att_test_flush_events ();
    }
  /* Alt+1 to Alt+8, the register's dozen, the pages' Escape and Ctrl+P,
   * the dialogs' Escape and Ctrl+Return: well over 30. */
  g_assert_cmpuint (n_bindings, >=, 30);

  for (guint i = 0; i < G_N_ELEMENTS (handled_keys); i++)
    {
      guint keyval;
      GdkModifierType mods;

      g_assert_true (gtk_accelerator_parse (handled_keys[i].accel, &keyval, &mods));
      need_key (listed, missing, key_id (keyval, mods), handled_keys[i].where);
    }

  g_test_message ("%u accelerators of the application, %u key bindings, %u keys of key handlers",
                  n_app, n_bindings, (guint)G_N_ELEMENTS (handled_keys));
  for (guint i = 0; i < missing->len; i++)
    g_test_message ("not in the shortcuts window: %s", (char *)g_ptr_array_index (missing, i));
  g_assert_cmpuint (missing->len, ==, 0);
}

/* The controls Tab should reach: shown, sensitive, able to take the focus;
 * inside a list, the list is one stop and its arrows move within it. */
static gboolean
is_list (GtkWidget *widget)
{
  return GTK_IS_LIST_BOX (widget) || GTK_IS_LIST_VIEW (widget) || GTK_IS_COLUMN_VIEW (widget)
         || GTK_IS_GRID_VIEW (widget) || GTK_IS_FLOW_BOX (widget);
}

static gboolean
is_stop (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget)
         || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_TEXT (widget)
         || GTK_IS_TEXT_VIEW (widget) || GTK_IS_SCALE (widget) || is_list (widget);
}

static void
collect_stops (GtkWidget *widget,
               GPtrArray *stops)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget)
      || !gtk_widget_get_can_focus (widget))
    return;
  if (is_stop (widget) && gtk_widget_get_focusable (widget))
    g_ptr_array_add (stops, widget);
  if (is_list (widget) || GTK_IS_POPOVER (widget))
    return;
  /* A menu button and a drop-down take the focus through their button. */
  if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    {
      g_ptr_array_add (stops, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_stops (child, stops);
}

/* Whether the focus, at @focus, is on or inside @stop. */
static gboolean
focus_in (GtkWidget *focus,
          GtkWidget *stop)
{
  return focus != NULL && (focus == stop || gtk_widget_is_ancestor (focus, stop));
}

/* Tab pressed from the page's first control until the focus leaves the
 * page: every press moves the focus, the focus does leave (a list of rows
 * is one stop, whatever its length), and it has passed through every
 * control. In a box of text, which takes Tab as a tab, Ctrl+Tab. */
static void
test_tab_walk (gconstpointer data)
{
  const char *name = data;
  GtkWidget *page = att_test_app_show_page (app, name);
  GtkWindow *window = GTK_WINDOW (app->window);
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  g_autoptr(GPtrArray) visited = g_ptr_array_new ();
  g_autoptr(GPtrArray) missed = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *focus;
  guint limit, n_reached = 0;
  gboolean left = FALSE;

  collect_stops (page, stops);
  /* Every page has a control: a button, a list or a grid. */
  g_assert_cmpuint (stops->len, >, 0);

  gtk_window_set_focus (window, NULL);
  g_assert_true (gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus_in (focus, page));
  /* A list is one stop, and each control a few at most. */
  limit = 3 * stops->len + 20;
  for (guint step = 0; step < limit && !left; step++)
    {
      GtkWidget *before = focus;
      gboolean text_view = GTK_IS_TEXT_VIEW (focus) && gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (focus));

      g_ptr_array_add (visited, focus);
      att_test_press_key (window, GDK_KEY_Tab, text_view ? GDK_CONTROL_MASK : 0);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      /* Still the page shown: Tab never changes the page. */
      g_assert_cmpstr (att_window_get_visible_page_name (app->window), ==, name);
      if (focus == before)
        {
          g_autofree char *path = att_test_widget_path (before);

          g_test_message ("%s: Tab stays on %s", name, path);
          g_assert_true (focus != before);
        }
      left = !focus_in (focus, page);
    }
  if (!left)
    for (guint i = visited->len > 8 ? visited->len - 8 : 0; i < visited->len; i++)
      {
        g_autofree char *path = att_test_widget_path (g_ptr_array_index (visited, i));

        g_test_message ("%s: still in the page after %u presses: %s", name, limit, path);
      }
  g_assert_true (left);

  for (guint i = 0; i < stops->len; i++)
    {
      GtkWidget *stop = g_ptr_array_index (stops, i);
      gboolean reached = FALSE;

      for (guint j = 0; j < visited->len && !reached; j++)
        reached = focus_in (g_ptr_array_index (visited, j), stop);
      if (reached)
        n_reached++;
      else
        g_ptr_array_add (missed, att_test_widget_path (stop));
    }
  for (guint i = 0; i < missed->len; i++)
    g_test_message ("%s: Tab never reaches %s", name, (char *)g_ptr_array_index (missed, i));
  g_test_message ("%s: Tab reaches %u of %u controls in %u presses", name, n_reached, stops->len, visited->len);
  g_assert_cmpuint (missed->len, ==, 0);
}

/* Alt+1 shows the first page in the sidebar, Alt+2 the second, ... from
 * the last page backwards, so each key changes the page shown. */
static void
test_alt_digits (void)
{
  guint n = 0;

  while (att_window_get_page_name (n) != NULL)
    n++;
  g_assert_cmpuint (n, >=, 8);
  att_test_app_show_page (app, att_window_get_page_name (n - 1));
  for (guint i = MIN (n, 9); i-- > 0;)
    {
      att_test_press_key (GTK_WINDOW (app->window), GDK_KEY_1 + i, GDK_ALT_MASK);
      g_assert_cmpstr (att_window_get_visible_page_name (app->window), ==, att_window_get_page_name (i));
    }
}

static void
test_escape_closes (gconstpointer data)
{
  const AttTestDialog *dialog = data;
  GtkWindow *window = att_test_app_open_dialog (app, dialog);
  g_autofree char *path = NULL;
  GtkWidget *focus;

  if (window == NULL)
    {
      g_test_skip ("This build has no such dialog");
      return;
    }
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  path = focus != NULL ? att_test_widget_path (focus) : g_strdup ("nothing");
  att_test_press_key (window, GDK_KEY_Escape, 0);
  att_test_wait (100);
  if (window != NULL)
    {
      g_test_message ("Escape leaves the %s dialog open, the focus on %s", dialog->name, path);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
      gtk_window_destroy (window);
    }
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

  g_test_add_func ("/keyboard/shortcuts-listed", test_shortcuts_listed);
  for (guint i = 0; att_window_get_page_name (i) != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/keyboard/tab/%s", att_window_get_page_name (i));

      g_test_add_data_func (path, att_window_get_page_name (i), test_tab_walk);
    }
  g_test_add_func ("/keyboard/alt-digits", test_alt_digits);
  for (guint i = 0; att_test_dialogs[i].name != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/keyboard/escape/%s", att_test_dialogs[i].name);

      g_test_add_data_func (path, &att_test_dialogs[i], test_escape_closes);
    }
  result = g_test_run ();

  att_test_app_free (app);
  return result;
}
