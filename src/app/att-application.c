/* att-application.c: the desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "att-application.h"
#include "att-demo.h"
#include "att-release-notes.h"
#include "att-window.h"

/* From the compiled resources (registered by hand: the app is a static
 * library and an automatic constructor could be dropped by the linker). */
void attendance_register_resource (void);

struct _AttApplication
{
  AdwApplication       parent_instance;

  GSettings           *settings;
  AttApplicationState  state;
  AttDb               *db;
  char                *db_path;
  char                *error_message;
};

G_DEFINE_FINAL_TYPE (AttApplication, att_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STATE,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

AttApplication *
att_application_new (void)
{
  return g_object_new (ATT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* The same resources serve the .Devel build. */
                       "resource-base-path", "/io/github/schoolattendance/Attendance",
                       NULL);
}

AttApplication *
att_application_get_default (void)
{
  GApplication *app = g_application_get_default ();

  return ATT_IS_APPLICATION (app) ? ATT_APPLICATION (app) : NULL;
}

static void
set_state (AttApplication      *self,
           AttApplicationState  state,
           AttDb               *db,
           const char          *error_message)
{
  g_set_object (&self->db, db);
  g_free (self->error_message);
  self->error_message = g_strdup (error_message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

void
att_application_load (AttApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) db = NULL;

  g_return_if_fail (ATT_IS_APPLICATION (self));

  g_free (self->db_path);
  self->db_path = att_db_default_path (DEVELOPMENT);

  if (!g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      set_state (self, ATT_APPLICATION_STATE_NO_SCHOOL, NULL, NULL);
      return;
    }

  db = att_db_open (self->db_path, &error);
  if (db == NULL)
    {
      set_state (self, ATT_APPLICATION_STATE_ERROR, NULL, error->message);
      return;
    }

  set_state (self, ATT_APPLICATION_STATE_READY, db, NULL);
}

static void
create_demo_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  AttDemoOptions options;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR,
                               g_io_error_from_errno (saved_errno),
                               _("Could not create the folder %s: %s"),
                               dir, g_strerror (saved_errno));
      return;
    }

  att_demo_options_init (&options);
  if (!att_demo_create (path, &options, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
att_application_create_demo_async (AttApplication      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATT_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, att_application_create_demo_async);
  g_task_set_task_data (task, att_db_default_path (DEVELOPMENT), g_free);
  g_task_run_in_thread (task, create_demo_thread);
}

gboolean
att_application_create_demo_finish (AttApplication  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (ATT_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  att_application_load (self);
  return TRUE;
}

AttApplicationState
att_application_get_state (AttApplication *self)
{
  g_return_val_if_fail (ATT_IS_APPLICATION (self), ATT_APPLICATION_STATE_LOADING);

  return self->state;
}

AttDb *
att_application_get_db (AttApplication *self)
{
  g_return_val_if_fail (ATT_IS_APPLICATION (self), NULL);

  return self->db;
}

const char *
att_application_get_db_path (AttApplication *self)
{
  g_return_val_if_fail (ATT_IS_APPLICATION (self), NULL);

  return self->db_path;
}

const char *
att_application_get_error_message (AttApplication *self)
{
  g_return_val_if_fail (ATT_IS_APPLICATION (self), NULL);

  return self->error_message;
}

GSettings *
att_application_get_settings (AttApplication *self)
{
  g_return_val_if_fail (ATT_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The day's backup, made in a thread on a connection of its own so the
 * window never waits for it (a network share can be slow). */
typedef struct
{
  char              *db_path;
  AttBackupSettings *settings;
  AttDate            today;
} DailyBackup;

static void
daily_backup_free (DailyBackup *job)
{
  g_free (job->db_path);
  att_backup_settings_free (job->settings);
  g_free (job);
}

static void
daily_backup_thread (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  DailyBackup *job = data;
  GError *error = NULL;
  char *path;

  if (!att_backup_due (job->settings, job->db_path, job->today))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  path = att_backup_make (job->db_path, job->settings->folder, ATT_BACKUP_REGULAR,
                          job->settings->keep_days, job->settings->keep_months, &error);
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
daily_backup_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  AttApplication *self = ATT_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWindow *window;

  if (error == NULL)
    return;
  /* Said where the office will see it: a backup that failed today (a
   * memory stick not plugged in) is worth knowing about. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (ATT_IS_WINDOW (window))
    {
      /* Translators: %s says why the backup failed */
      g_autofree char *text = g_strdup_printf (_("Today’s backup could not be made: %s"),
                                               error->message);
      att_window_add_toast (ATT_WINDOW (window), text);
    }
}

/* Backs the school up on the first start of each day. */
static void
start_daily_backup (AttApplication *self)
{
  g_autoptr(GTask) task = NULL;
  DailyBackup *job;

  if (self->db == NULL)
    return;
  job = g_new0 (DailyBackup, 1);
  job->db_path = g_strdup (att_db_get_path (self->db));
  job->settings = att_backup_settings_load (self->db);
  job->today = att_date_today ();

  task = g_task_new (self, NULL, daily_backup_done, NULL);
  g_task_set_source_tag (task, start_daily_backup);
  g_task_set_task_data (task, job, (GDestroyNotify)daily_backup_free);
  g_task_run_in_thread (task, daily_backup_thread);
}

/* The backup starts once the window has drawn its first frame: copying
 * the school takes the disk and a processor, which the start needs. */
static void
on_first_frame (GdkFrameClock  *clock,
                AttApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  start_daily_backup (self);
}

static void
att_application_activate (GApplication *app)
{
  AttApplication *self = ATT_APPLICATION (app);
  GtkWindow *window;
  GdkFrameClock *clock;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->state == ATT_APPLICATION_STATE_LOADING)
    att_application_load (self);
  window = GTK_WINDOW (att_window_new (self));
  gtk_window_present (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame), self, 0);
  else
    start_daily_backup (self);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AttApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets each save its size before the app ends. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;

      gtk_window_close (l->data);
      l = next;
    }

  g_application_quit (G_APPLICATION (self));
}

/* The release notes of this version, from the metainfo (one translation
 * for both), as the About window's AppStream markup. */
static char *
release_notes_markup (void)
{
  GString *markup = g_string_new (NULL);
  gboolean in_list = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (att_release_notes); i++)
    {
      gboolean item = g_str_equal (att_release_notes[i].tag, "li");
      g_autofree char *text = g_markup_escape_text (_(att_release_notes[i].text), -1);

      if (item && !in_list)
        g_string_append (markup, "<ul>");
      else if (!item && in_list)
        g_string_append (markup, "</ul>");
      in_list = item;
      g_string_append_printf (markup, item ? "<li>%s</li>" : "<p>%s</p>", text);
    }
  if (in_list)
    g_string_append (markup, "</ul>");
  return g_string_free (markup, FALSE);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AttApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Attendance developers"), NULL };
  const char *built_with[] = { "GTK", "libadwaita", "SQLite", "libsodium", "libxlsxwriter",
                               "libcurl", "cairo", "Pango", NULL };
  g_autofree char *release_notes = release_notes_markup ();
  AdwAboutWindow *about;

  /* The project has no web site or issue tracker of its own to link to. */
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Attendance"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Attendance developers"),
                        "developers", developers,
                        "comments", _("Registers, absence follow-up and attendance figures "
                                      "for the school office"),
                        "copyright", _("© The Attendance developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "release-notes-version", ATT_RELEASE_NOTES_VERSION,
                        "release-notes", release_notes,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_acknowledgement_section (about, _("Built With"), built_with);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
};

static void
att_application_startup (GApplication *app)
{
  AttApplication *self = ATT_APPLICATION (app);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  static const char *new_call_accels[] = { "<Control><Shift>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (att_application_parent_class)->startup (app);

  g_set_application_name (_("Attendance"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  /* Without the compiled schema (an uninstalled build run by hand) the
   * app still works; it only forgets its window size and page. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, ATT_SETTINGS_SCHEMA, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (ATT_SETTINGS_SCHEMA);
    }
  else
    g_debug ("The settings schema %s is not installed", ATT_SETTINGS_SCHEMA);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.back", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.lock", lock_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-call", new_call_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.preferences", preferences_accels);
}

static void
att_application_dispose (GObject *object)
{
  AttApplication *self = ATT_APPLICATION (object);

  g_clear_object (&self->db);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (att_application_parent_class)->dispose (object);
}

static void
att_application_finalize (GObject *object)
{
  AttApplication *self = ATT_APPLICATION (object);

  g_free (self->db_path);
  g_free (self->error_message);

  G_OBJECT_CLASS (att_application_parent_class)->finalize (object);
}

static void
att_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AttApplication *self = ATT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_application_class_init (AttApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = att_application_dispose;
  object_class->finalize = att_application_finalize;
  object_class->get_property = att_application_get_property;

  app_class->activate = att_application_activate;
  app_class->startup = att_application_startup;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      ATT_APPLICATION_STATE_LOADING, ATT_APPLICATION_STATE_READY,
                      ATT_APPLICATION_STATE_LOADING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL,
                         ATT_TYPE_DB,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  attendance_register_resource ();
}

static void
att_application_init (AttApplication *self)
{
  self->state = ATT_APPLICATION_STATE_LOADING;
}
