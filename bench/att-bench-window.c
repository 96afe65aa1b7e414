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
 * With --first-frame it times instead the start of the whole window on
 * each of its pages (Today, the register with the whole school a week at
 * a time, Pupils, Calls, Leave, Letters, Penalty Notices, Reports): from the start of a fresh process to the first
 * frame drawn, median of --runs starts, and the memory the process holds
 * once the page has settled, against the same window on an empty school
 * (with one user). The targets are 500 ms and 30 MiB more than the empty
 * school. The window opens as after signing in: the first headteacher or
 * attendance officer is signed in before the first frame, so the frame
 * timed is the page's, not the sign-in's (timed on its own, last). Each
 * start is a later start of the day: the day's backup, which the first
 * start makes, is made once beforehand. The renderer GTK chose (GSK_RENDERER
 * chooses another) is said with the figures.
 *
 * It needs a display: run it under xvfb-run -a -s "-screen 0 1400x1000x24".
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#include "attendance-core.h"
#include "att-application.h"
#include "att-context.h"
#include "att-register-page-private.h"
#include "att-window.h"

#define TARGET_MS 150.0
#define FIRST_FRAME_TARGET_MS 500.0
#define DATA_TARGET_MIB 30.0

void attendance_register_resource (void);

static char    *db_path = NULL;
static int      runs = 9;
static gboolean first_frame = FALSE;
static char    *child_page = NULL;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The school's database (a 2,000-pupil demo)", "PATH" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Presses of each key, or starts of each page (9)", "N" },
  { "first-frame", 0, 0, G_OPTION_ARG_NONE, &first_frame,
    "Time the window's start on each page to its first frame, and its memory", NULL },
  { "start-page", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child_page, NULL, NULL },
  { NULL }
};

static gint64 started_at;

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

/* The start of one window, in this process: the application opens
 * $ATTENDANCE_DB on @page as attendance does, and the time from the
 * start of main () to the first frame, the processor time the process
 * had by then, and the memory held once the page has settled (two
 * seconds later) are printed, as "MS CPU-MS KIB". */
static gint64 first_paint_at;
static double first_paint_cpu_ms;

/* The processor time the process has had, user and system. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static void
on_first_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (first_paint_at == 0)
    {
      first_paint_at = g_get_monotonic_time ();
      first_paint_cpu_ms = cpu_ms ();
    }
}

static void
on_window_realize (GtkWidget *window,
                   gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_paint), NULL);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), NULL);
}

static long
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

/* The first headteacher or attendance officer, as the window's widget
 * test signs in; NULL when the school has none. */
static AttUser *
find_office_user (AttDb *db)
{
  g_autoptr(GPtrArray) users = att_users_list (db, NULL);

  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      const AttUser *user = g_ptr_array_index (users, i);

      if (!user->deactivated &&
          (user->role == ATT_ROLE_HEADTEACHER || user->role == ATT_ROLE_ATTENDANCE_OFFICER))
        return att_user_copy (user);
    }
  return NULL;
}

static int
start_one (const char *page)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  AttApplication *app;
  GtkWindow *window;
  GskRenderer *renderer;
  gboolean sign_in = g_strcmp0 (page, "sign-in") != 0;

  g_setenv ("ATTENDANCE_PAGE", sign_in ? page : "today", TRUE);
  g_setenv ("ATTENDANCE_DB", db_path, TRUE);
  /* The register opens on the whole school, a week at a time. */
  settings = g_settings_new (ATT_SETTINGS_SCHEMA);
  g_settings_set_string (settings, "register-group", "school");
  g_settings_set_string (settings, "register-mode", "week");

  app = g_object_new (ATT_TYPE_APPLICATION,
                      "application-id", APPLICATION_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/schoolattendance/Attendance",
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    return 1;
  /* Signed in before the first frame: the page is what is drawn. */
  if (sign_in && att_application_get_db (app) != NULL)
    {
      g_autoptr(AttUser) user = find_office_user (att_application_get_db (app));

      if (user == NULL)
        {
          fprintf (stderr, "The school has no headteacher or attendance officer to sign in\n");
          return 1;
        }
      att_context_set_user (att_window_get_context (ATT_WINDOW (window)), user);
    }
  while (first_paint_at == 0)
    g_main_context_iteration (NULL, TRUE);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  settle (2000);
  printf ("%.1f %.1f %ld %s\n", (first_paint_at - started_at) / 1000.0, first_paint_cpu_ms,
          resident_kib (), renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
  fflush (stdout);
  /* The process ends here: nothing is freed. */
  return 0;
}

/* Starts this program again for @page on @path, @runs times; the
 * median time, the median processor time and the largest memory. */
static char *renderer_name;

static gboolean
time_starts (const char *self_path,
             const char *path,
             const char *page,
             double     *ms,
             double     *cpu,
             double     *mib)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  long most = 0;

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *argv[] = { self_path, "--db", path, "--start-page", page, NULL };
      int status = 0;
      double t, c;
      long kib;
      char renderer[64];

      if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, &err, &status, &error) ||
          !g_spawn_check_wait_status (status, &error) ||
          sscanf (out, "%lf %lf %ld %63s", &t, &c, &kib, renderer) != 4)
        {
          fprintf (stderr, "Starting the window on %s failed: %s%s\n", page,
                   error != NULL ? error->message : "", err != NULL ? err : "");
          return FALSE;
        }
      g_array_append_val (times, t);
      g_array_append_val (cpus, c);
      most = MAX (most, kib);
      g_free (renderer_name);
      renderer_name = g_strdup (renderer);
    }
  g_array_sort (times, compare_doubles);
  g_array_sort (cpus, compare_doubles);
  *ms = g_array_index (times, double, times->len / 2);
  *cpu = g_array_index (cpus, double, cpus->len / 2);
  *mib = most / 1024.0;
  return TRUE;
}

/* The day's backup, as the first start of the day makes it, so that each
 * start timed is a later one (a start killed while it backs up would
 * leave half a copy behind, and time the copy). */
static gboolean
make_days_backup (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) db = att_db_open (path, &error);
  g_autoptr(AttBackupSettings) settings = NULL;
  g_autofree char *made = NULL;

  if (db == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  settings = att_backup_settings_load (db);
  if (!att_backup_due (settings, path, att_date_today ()))
    return TRUE;
  printf ("Making the day's backup of %s first, as the day's first start does\n", path);
  fflush (stdout);
  made = att_backup_make (path, settings->folder, ATT_BACKUP_REGULAR,
                          settings->keep_days, settings->keep_months, &error);
  if (made == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
time_first_frames (const char *self_path)
{
  static const struct { const char *page, *label; } pages[] = {
    { "today", "Today" },
    { "register", "Register, whole school, a week" },
    { "pupils", "Pupils" },
    { "calls", "Calls" },
    { "leave", "Leave" },
    { "letters", "Letters" },
    { "penalty", "Penalty Notices" },
    { "reports", "Reports" },
    { "sign-in", "The sign-in, before anyone signs in" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attendance-bench-window-XXXXXX", &error);
  g_autofree char *empty = NULL;
  g_autoptr(AttDb) db = NULL;
  double empty_ms = 0, empty_mib[G_N_ELEMENTS (pages)];
  int status = 0;

  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  empty = g_build_filename (dir, "empty.db", NULL);
  db = att_db_create (empty, &error);
  if (db == NULL ||
      att_users_add (db, att_user_system (), "Office", ATT_ROLE_HEADTEACHER, NULL, &error) <= 0)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_clear_object (&db);
  if (!make_days_backup (empty) || !make_days_backup (db_path))
    return 1;

  printf ("First frame from the start of the process (and the processor time by then), median of %d\n"
          "starts; memory once settled, against the same window on an empty school\n", runs);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      double ms, cpu, mib, empty_cpu;

      if (!time_starts (self_path, empty, pages[i].page, &empty_ms, &empty_cpu, &empty_mib[i]) ||
          !time_starts (self_path, db_path, pages[i].page, &ms, &cpu, &mib))
        return 1;
      if (i == 0)
        printf ("Renderer: %s (GSK_RENDERER=%s)\n", renderer_name,
                g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "unset, GTK's choice");
      printf ("%-32s first frame %7.1f ms, cpu %7.1f ms (empty school %7.1f ms, cpu %7.1f; target %.0f ms) %s\n"
              "%-32s memory %6.1f MiB, %+6.1f MiB over the empty school (target %.0f) %s\n",
              pages[i].label, ms, cpu, empty_ms, empty_cpu, FIRST_FRAME_TARGET_MS,
              ms < FIRST_FRAME_TARGET_MS ? "ok" : "SLOW",
              "", mib, mib - empty_mib[i], DATA_TARGET_MIB,
              mib - empty_mib[i] <= DATA_TARGET_MIB ? "ok" : "OVER");
      if (ms >= FIRST_FRAME_TARGET_MS || mib - empty_mib[i] > DATA_TARGET_MIB)
        status = 1;
    }
  g_unlink (empty);
  {
    g_autofree char *wal = g_strconcat (empty, "-wal", NULL);
    g_autofree char *shm = g_strconcat (empty, "-shm", NULL);

    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    g_autoptr(GDir) listing = g_dir_open (backups, 0, NULL);
    const char *name;

    g_unlink (wal);
    g_unlink (shm);
    /* The empty school's backup of the day, beside it. */
    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *file = g_build_filename (backups, name, NULL);

        g_unlink (file);
      }
    g_rmdir (backups);
  }
  g_rmdir (dir);
  return status;
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

  started_at = g_get_monotonic_time ();
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

  if (first_frame)
    {
      g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

      return time_first_frames (self_path != NULL ? self_path : argv[0]);
    }
  if (child_page != NULL)
    {
      gtk_init ();
      adw_init ();
      return start_one (child_page);
    }

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
