/* att-backups-dialog.c: where backups go, how long they stay, making one
 * now and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-backups-dialog-private.h"

/* How long after the last click on a spin button the rotation is saved:
 * one change (and one line in the audit log) for 14 clicks to 28 days. */
#define SAVE_DELAY_MS 800

struct _AttBackupsDialog
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *settings_group;
  AdwActionRow         *folder_row;
  GtkButton            *folder_button;
  GtkSpinButton        *days_spin;
  GtkSpinButton        *months_spin;
  GtkButton            *backup_button;
  GtkListBox           *list;
  GtkButton            *restore_file_button;

  AttContext           *context;
  AttBackupSettings    *settings;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *confirmation;
  char                 *confirm_path;
  char                 *last_message;
  char                 *not_allowed;   /* why the user may not change them */
  GPtrArray            *restore_buttons;  /* one per row, owned by the rows */
  guint                 save_id;
  gboolean              filling;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (AttBackupsDialog, att_backups_dialog, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  SIGNAL_RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (AttBackupsDialog *self,
              const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  /* Long messages (a refusal naming two schools) need their time. */
  adw_toast_set_timeout (toast, 10);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static AttDb *
get_db (AttBackupsDialog *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static const AttUser *
get_user (AttBackupsDialog *self)
{
  return self->context != NULL ? att_context_get_user (self->context) : NULL;
}

/* The one place that enables the dialog's actions, from the user's
 * rights (the core's) and whether a backup or a restore is running. */
static void
actions_update (AttBackupsDialog *self)
{
  g_autoptr(GError) why = NULL;
  AttDb *db = get_db (self);
  const AttUser *user = get_user (self);
  gboolean can_manage = FALSE;

  g_clear_pointer (&self->not_allowed, g_free);
  if (db == NULL || user == NULL)
    self->not_allowed = g_strdup (_("Open a school and sign in to change the backups"));
  else if (!att_user_require (user, ATT_PERM_BACKUPS, &why))
    self->not_allowed = g_strdup (why->message);
  else
    can_manage = TRUE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.back-up-now",
                                 db != NULL && user != NULL && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.choose-folder",
                                 can_manage && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore",
                                 can_manage && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore-file",
                                 can_manage && !self->busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->restore_file_button), self->not_allowed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->days_spin), can_manage);
  gtk_widget_set_sensitive (GTK_WIDGET (self->months_spin), can_manage);

  /* Said under the heading too, where it is seen without pointing. */
  {
    const char *about = _("The register is backed up when Attendance first starts each day, "
                          "and before an update changes the database. Each backup is checked "
                          "before it is kept.");
    g_autofree char *description = NULL;

    if (self->not_allowed != NULL)
      description = g_strdup_printf ("%s\n\n%s.", about, self->not_allowed);
    adw_preferences_group_set_description (self->settings_group,
                                           description != NULL ? description : about);
  }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->folder_button), self->not_allowed);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->days_spin), self->not_allowed);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->months_spin), self->not_allowed);
  for (guint i = 0; i < self->restore_buttons->len; i++)
    gtk_widget_set_tooltip_text (g_ptr_array_index (self->restore_buttons, i), self->not_allowed);
}

static const char *
describe_kind (AttBackupKind kind)
{
  switch (kind)
    {
    case ATT_BACKUP_BEFORE_UPDATE:
      return _("Before an update");
    case ATT_BACKUP_BEFORE_RESTORE:
      return _("Before a restore");
    case ATT_BACKUP_REGULAR:
    default:
      return NULL;
    }
}

/* "Monday 2 September 2024, 08:30" */
static char *
describe_when (const AttBackup *backup)
{
  g_autofree char *date = att_date_format_long (backup->date);

  /* Translators: a backup's date and the time it was made */
  return g_strdup_printf (_("%s, %02d:%02d"), date, backup->seconds / 3600,
                          backup->seconds / 60 % 60);
}

static GtkWidget *
create_row (AttBackupsDialog *self,
            const AttBackup  *backup)
{
  g_autofree char *title = describe_when (backup);
  g_autofree char *size = g_format_size (backup->size);
  g_autofree char *subtitle = NULL;
  const char *kind = describe_kind (backup->kind);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (kind != NULL)
    /* Translators: a backup's size, then why it was made */
    subtitle = g_strdup_printf (_("%s · %s"), size, kind);
  else
    subtitle = g_strdup (size);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, backup->path);

  button = gtk_button_new_with_mnemonic (_("_Restore…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "backups.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", backup->path);
  /* Translators: what a screen reader says for a backup's Restore button */
  {
    g_autofree char *label = g_strdup_printf (_("Restore the backup of %s"), title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_ptr_array_add (self->restore_buttons, button);
  return row;
}

/* Reads the settings and the folder's backups again. */
static void
reload (AttBackupsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *folder_text = NULL;
  AttDb *db = get_db (self);
  GtkWidget *child;

  g_ptr_array_set_size (self->restore_buttons, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    {
      /* The placeholder is the list's too, but not a row. */
      if (!GTK_IS_LIST_BOX_ROW (child))
        break;
      gtk_list_box_remove (self->list, child);
    }

  g_clear_pointer (&self->settings, att_backup_settings_free);
  if (db == NULL)
    {
      adw_action_row_set_subtitle (self->folder_row, "");
      actions_update (self);
      return;
    }

  self->settings = att_backup_settings_load (db);
  if (self->settings->folder_is_default)
    /* Translators: the backup folder when none was chosen */
    folder_text = g_strdup_printf (_("%s (beside the database)"), self->settings->folder);
  else
    folder_text = g_strdup (self->settings->folder);
  adw_action_row_set_subtitle (self->folder_row, folder_text);

  self->filling = TRUE;
  gtk_spin_button_set_value (self->days_spin, self->settings->keep_days);
  gtk_spin_button_set_value (self->months_spin, self->settings->keep_months);
  self->filling = FALSE;

  backups = att_backup_list (self->settings->folder, att_db_get_path (db), &error);
  if (backups == NULL)
    show_message (self, error->message);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    gtk_list_box_append (self->list, create_row (self, g_ptr_array_index (backups, i)));

  actions_update (self);
}

static gboolean
save_rotation (AttBackupsDialog *self,
               const char       *folder)
{
  g_autoptr(GError) error = NULL;
  AttDb *db = get_db (self);
  const AttUser *user = get_user (self);

  if (db == NULL || user == NULL || self->settings == NULL)
    return FALSE;
  if (!att_backup_settings_save (db, user,
                                 folder != NULL ? folder
                                 : self->settings->folder_is_default ? NULL : self->settings->folder,
                                 (guint)gtk_spin_button_get_value_as_int (self->days_spin),
                                 (guint)gtk_spin_button_get_value_as_int (self->months_spin),
                                 &error))
    {
      show_message (self, error->message);
      reload (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_timeout (gpointer data)
{
  AttBackupsDialog *self = data;

  self->save_id = 0;
  save_rotation (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_rotation_changed (AttBackupsDialog *self)
{
  if (self->filling)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

void
att_backups_dialog_save_settings (AttBackupsDialog *self)
{
  g_return_if_fail (ATT_IS_BACKUPS_DIALOG (self));

  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      save_rotation (self, NULL);
    }
}

void
att_backups_dialog_set_folder (AttBackupsDialog *self,
                               const char       *folder)
{
  g_return_if_fail (ATT_IS_BACKUPS_DIALOG (self));
  g_return_if_fail (folder != NULL);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (save_rotation (self, folder))
    reload (self);
}

static void
chooser_response (GtkNativeDialog  *chooser,
                  int               response,
                  AttBackupsDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        att_backups_dialog_set_folder (self, path);
      else
        show_message (self, _("That folder is not on this computer’s disks or a mounted share: choose another"));
    }
  g_clear_object (&self->chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttBackupsDialog *self = ATT_BACKUPS_DIALOG (widget);
  g_autoptr(GFile) current = NULL;

  if (self->chooser != NULL || self->settings == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Backup Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (g_file_test (self->settings->folder, G_FILE_TEST_IS_DIR))
    {
      current = g_file_new_for_path (self->settings->folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), current, NULL);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Backing up now, in a thread on a connection of its own */

typedef struct
{
  char  *db_path;
  char  *backup_path;
  char  *folder;
  guint  keep_days;
  guint  keep_months;
  AttUser *user;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->backup_path);
  g_free (job->folder);
  g_clear_pointer (&job->user, att_user_free);
  g_free (job);
}

static void
set_busy (AttBackupsDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  actions_update (self);
}

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  char *path;

  path = att_backup_make (job->db_path, job->folder, ATT_BACKUP_REGULAR,
                          job->keep_days, job->keep_months, &error);
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
backup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  AttBackupsDialog *self = ATT_BACKUPS_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);
  if (path == NULL)
    {
      show_message (self, error->message);
      return;
    }
  {
    g_autofree char *name = g_path_get_basename (path);
    /* Translators: %s is the backup's file name */
    g_autofree char *text = g_strdup_printf (_("Backed up to %s"), name);

    reload (self);
    show_message (self, text);
  }
}

static void
back_up_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttBackupsDialog *self = ATT_BACKUPS_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  AttDb *db = get_db (self);
  Job *job;

  if (db == NULL || self->settings == NULL || self->busy)
    return;
  att_backups_dialog_save_settings (self);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (att_db_get_path (db));
  job->folder = g_strdup (self->settings->folder);
  job->keep_days = self->settings->keep_days;
  job->keep_months = self->settings->keep_months;

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, backup_done, NULL);
  g_task_set_source_tag (task, back_up_now_action);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, backup_thread);
}

/* Restoring, after a confirmation that says what will be replaced */

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  char *kept = NULL;

  if (!att_backup_restore (job->db_path, job->backup_path, job->user, job->folder,
                           &kept, &error))
    g_task_return_error (task, error);
  else
    /* A database that was not there leaves nothing to keep: "". */
    g_task_return_pointer (task, kept != NULL ? kept : g_strdup (""), g_free);
}

static void
restore_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  AttBackupsDialog *self = ATT_BACKUPS_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = g_task_propagate_pointer (G_TASK (result), &error);
  Job *job = g_task_get_task_data (G_TASK (result));

  set_busy (self, FALSE);
  if (kept == NULL)
    {
      show_message (self, error->message);
      reload (self);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_RESTORED], 0, job->backup_path,
                 *kept != '\0' ? kept : NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
start_restore (AttBackupsDialog *self,
               const char       *path)
{
  g_autoptr(GTask) task = NULL;
  AttDb *db = get_db (self);
  const AttUser *user = get_user (self);
  Job *job;

  if (db == NULL || user == NULL || self->settings == NULL || self->busy)
    return;

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (att_db_get_path (db));
  job->backup_path = g_strdup (path);
  job->folder = g_strdup (self->settings->folder);
  job->user = att_user_copy (user);

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, restore_done, NULL);
  g_task_set_source_tag (task, start_restore);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, restore_thread);
}

static void
confirmation_response (AdwMessageDialog *dialog,
                       const char       *response,
                       AttBackupsDialog *self)
{
  g_autofree char *path = g_steal_pointer (&self->confirm_path);

  self->confirmation = NULL;
  if (g_strcmp0 (response, "restore") == 0 && path != NULL)
    start_restore (self, path);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttBackupsDialog *self = ATT_BACKUPS_DIALOG (widget);
  g_autoptr(AttSchool) school = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  g_autofree char *school_text = NULL;
  const char *path = g_variant_get_string (parameter, NULL);
  AttDb *db = get_db (self);
  GtkWidget *dialog;

  if (db == NULL || self->settings == NULL || self->confirmation != NULL)
    return;

  /* Checked before asking: a damaged file or another school's is
   * refused at once, with the core's words. */
  if (!att_backup_check_school (db, path, &error))
    {
      show_message (self, error->message);
      return;
    }

  backups = att_backup_list (self->settings->folder, att_db_get_path (db), NULL);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      AttBackup *backup = g_ptr_array_index (backups, i);

      if (g_strcmp0 (backup->path, path) == 0)
        when = describe_when (backup);
    }

  school = att_school_load (db);
  if (school->urn != NULL && *school->urn != '\0')
    /* Translators: a school's name and its unique reference number */
    school_text = g_strdup_printf (_("%s (URN %s)"), school->name, school->urn);
  else
    school_text = g_strdup (school->name);

  if (when != NULL)
    /* Translators: the school, the database file, when the backup was
     * made, and the backup folder */
    body = g_strdup_printf (_("The register of %s in %s will be replaced by the backup made on %s. "
                              "Everything recorded since then will no longer be in the register.\n\n"
                              "A backup of the register as it is now is kept in %s first."),
                            school_text, att_db_get_path (db), when, self->settings->folder);
  else
    /* Translators: the school, the database file, the backup file, and
     * the backup folder */
    body = g_strdup_printf (_("The register of %s in %s will be replaced by the backup %s. "
                              "Everything recorded since it was made will no longer be in the register.\n\n"
                              "A backup of the register as it is now is kept in %s first."),
                            school_text, att_db_get_path (db), path, self->settings->folder);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response), self, 0);

  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  g_free (self->confirm_path);
  self->confirm_path = g_strdup (path);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_response (GtkNativeDialog  *chooser,
               int               response,
               AttBackupsDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "backups.restore", "s", path);
    }
  g_clear_object (&self->chooser);
}

static void
restore_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttBackupsDialog *self = ATT_BACKUPS_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a Backup to Restore"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Attendance backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_context_changed (AttBackupsDialog *self)
{
  reload (self);
}

static gboolean
att_backups_dialog_close_request (GtkWindow *window)
{
  AttBackupsDialog *self = ATT_BACKUPS_DIALOG (window);

  /* A change made just before closing is kept. */
  att_backups_dialog_save_settings (self);
  return GTK_WINDOW_CLASS (att_backups_dialog_parent_class)->close_request (window);
}

static void
att_backups_dialog_dispose (GObject *object)
{
  AttBackupsDialog *self = ATT_BACKUPS_DIALOG (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_BACKUPS_DIALOG);

  G_OBJECT_CLASS (att_backups_dialog_parent_class)->dispose (object);
}

static void
att_backups_dialog_finalize (GObject *object)
{
  AttBackupsDialog *self = ATT_BACKUPS_DIALOG (object);

  g_clear_pointer (&self->settings, att_backup_settings_free);
  g_clear_pointer (&self->restore_buttons, g_ptr_array_unref);
  g_free (self->confirm_path);
  g_free (self->last_message);
  g_free (self->not_allowed);

  G_OBJECT_CLASS (att_backups_dialog_parent_class)->finalize (object);
}

static void
att_backups_dialog_class_init (AttBackupsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = att_backups_dialog_dispose;
  object_class->finalize = att_backups_dialog_finalize;
  window_class->close_request = att_backups_dialog_close_request;

  /**
   * AttBackupsDialog::restored:
   * @backup: the backup restored
   * @kept: (nullable): where the database it replaced is kept
   *
   * Emitted after a restore, before the dialog closes.
   */
  signals[SIGNAL_RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/admin/att-backups-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttBackupsDialog, settings_group);
  gtk_widget_class_bind_template_child (widget_class, AttBackupsDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, AttBackupsDialog, folder_button);
  gtk_widget_class_bind_template_child (widget_class, AttBackupsDialog, days_spin);
  gtk_widget_class_bind_template_child (widget_class, AttBackupsDialog, months_spin);
  gtk_widget_class_bind_template_child (widget_class, AttBackupsDialog, backup_button);
  gtk_widget_class_bind_template_child (widget_class, AttBackupsDialog, list);
  gtk_widget_class_bind_template_child (widget_class, AttBackupsDialog, restore_file_button);
  gtk_widget_class_bind_template_callback (widget_class, on_rotation_changed);

  gtk_widget_class_install_action (widget_class, "backups.back-up-now", NULL, back_up_now_action);
  gtk_widget_class_install_action (widget_class, "backups.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "backups.restore", "s", restore_action);
  gtk_widget_class_install_action (widget_class, "backups.restore-file", NULL, restore_file_action);
}

static void
att_backups_dialog_init (AttBackupsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->restore_buttons = g_ptr_array_new ();
}

AttBackupsDialog *
att_backups_dialog_new (GtkWindow  *parent,
                        AttContext *context)
{
  AttBackupsDialog *self;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_BACKUPS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);
  g_signal_connect_swapped (context, "notify::db", G_CALLBACK (on_context_changed), self);
  g_signal_connect_swapped (context, "notify::user", G_CALLBACK (on_context_changed), self);
  reload (self);
  return self;
}

GtkListBox *
att_backups_dialog_get_list (AttBackupsDialog *self)
{
  g_return_val_if_fail (ATT_IS_BACKUPS_DIALOG (self), NULL);
  return self->list;
}

GtkSpinButton *
att_backups_dialog_get_days_spin (AttBackupsDialog *self)
{
  g_return_val_if_fail (ATT_IS_BACKUPS_DIALOG (self), NULL);
  return self->days_spin;
}

GtkSpinButton *
att_backups_dialog_get_months_spin (AttBackupsDialog *self)
{
  g_return_val_if_fail (ATT_IS_BACKUPS_DIALOG (self), NULL);
  return self->months_spin;
}

const char *
att_backups_dialog_get_folder_text (AttBackupsDialog *self)
{
  g_return_val_if_fail (ATT_IS_BACKUPS_DIALOG (self), NULL);
  return adw_action_row_get_subtitle (self->folder_row);
}

AdwMessageDialog *
att_backups_dialog_get_confirmation (AttBackupsDialog *self)
{
  g_return_val_if_fail (ATT_IS_BACKUPS_DIALOG (self), NULL);
  return self->confirmation;
}

gboolean
att_backups_dialog_is_busy (AttBackupsDialog *self)
{
  g_return_val_if_fail (ATT_IS_BACKUPS_DIALOG (self), FALSE);
  return self->busy;
}

const char *
att_backups_dialog_get_last_message (AttBackupsDialog *self)
{
  g_return_val_if_fail (ATT_IS_BACKUPS_DIALOG (self), NULL);
  return self->last_message;
}
