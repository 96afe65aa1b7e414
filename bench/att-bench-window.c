/* att-bench-window.c: how fast the register window moves a whole school
 * from day to day and week to week, key press to frame drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the register page of the app in a real window on the database
 * given (the 2,000-pupil demo school: attendance-cli --db PATH demo
 * --pupils 2000 --years 6), shows the whole school a week at a time and
 * presses the keys that move it: Alt+Right and Alt+Left, delivered
 * through the window's own key handling, each answered by the page's
 * register.next or register.previous. Each time runs from the key event
 * to the "after-paint" of the frame that follows it, so it takes in the
 * model, the layout of the rows on screen and their drawing. Then the
 * same a day at a time. Each figure is the median of several presses,
 * with the fastest and the slowest, against the target of 150 ms.
 *
 * It needs a display: run it under xvfb-run -a -s "-screen 0 1400x1000x24".
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "attendance-core.h"
#include "att-register-page-private.h"

#define TARGET_MS 150.0

void attendance_register_resource (void);

static char *db_path = NULL;
static int   runs = 9;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The school's database (a 2,000-pupil demo)", "PATH" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Presses of each key (9)", "N" },
  { NULL }
};

static gint64 pressed_at;
static gint64 painted_at;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (pressed_at != 0 && painted_at == 0)
    painted_at = g_get_monotonic_time ();
}

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until nothing is pending and a frame or two has
 * gone by. */
static void
settle (int ms)
{
  gboolean reached = FALSE;

  g_timeout_add (ms, timeout_reached, &reached);
  while (!reached)
    g_main_context_iteration (NULL, TRUE);
}

/* A key press as the window receives it: GTK 4.8 cannot make a GdkEvent,
 * so the page's own binding is looked up from its shortcut controller and
 * run for the key, as the window's key handling runs it. */
static gboolean
press (GtkWidget       *page,
       guint            keyval,
       GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (page);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, page,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Presses Alt+Right and Alt+Left in turn, @runs times in all, and
 * prints the median, fastest and slowest time to the next frame. */
static double
time_moves (GtkWidget     *page,
            GdkFrameClock *clock,
            const char    *what)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double median;

  for (int i = 0; i < runs; i++)
    {
      double ms;

      painted_at = 0;
      pressed_at = g_get_monotonic_time ();
      if (!press (page, i % 2 == 0 ? GDK_KEY_Right : GDK_KEY_Left, GDK_ALT_MASK))
        g_error ("The register page has no Alt+Right or Alt+Left");
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      while (painted_at == 0)
        g_main_context_iteration (NULL, TRUE);
      ms = (painted_at - pressed_at) / 1000.0;
      pressed_at = 0;
      g_array_append_val (times, ms);
      settle (250);
    }
  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, times->len / 2);
  printf ("%-44s median %7.1f ms   min %7.1f   max %7.1f   (target %.0f ms) %s\n",
          what, median, g_array_index (times, double, 0),
          g_array_index (times, double, times->len - 1), TARGET_MS,
          median < TARGET_MS ? "ok" : "SLOW");
  return median;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) options = g_option_context_new ("- time the register window");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) db = NULL;
  g_autoptr(AttGridFilter) school = att_grid_filter_new ();
  GtkWindow *window;
  GtkWidget *page;
  GdkFrameClock *clock;
  AttDate today;
  int status = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if (db_path == NULL)
    {
      fprintf (stderr, "Give the database: --db PATH (attendance-cli --db PATH demo --pupils 2000 --years 6)\n");
      return 2;
    }
  runs = MAX (runs, 3);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  db = att_db_open (db_path, &error);
  if (db == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1400, 1000);
  page = att_register_page_new ();
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  att_context_set_db (att_page_get_context (ATT_PAGE (page)), db);
  today = att_context_get_today (att_page_get_context (ATT_PAGE (page)));
  att_register_page_show (ATT_REGISTER_PAGE (page), school, today, TRUE);
  att_register_page_focus_grid (ATT_REGISTER_PAGE (page));
  settle (1500);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  printf ("Whole school, %u pupils, on %s\n",
          g_list_model_get_n_items (att_register_page_get_view_model (ATT_REGISTER_PAGE (page))), db_path);
  if (time_moves (page, clock, "Week mode: next and previous week") >= TARGET_MS)
    status = 1;
  gtk_widget_activate_action (page, "register.mode", "s", "day");
  settle (500);
  if (time_moves (page, clock, "Day mode: next and previous day") >= TARGET_MS)
    status = 1;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, NULL);
  gtk_window_destroy (window);
  settle (100);
  return status;
}
