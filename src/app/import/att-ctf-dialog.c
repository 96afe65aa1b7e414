/* att-ctf-dialog.c: importing a Common Transfer File in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read and compared with the school on a thread, with a
 * connection of its own (att_ctf_plan_new () writes nothing); the window
 * shows the plan, every change named, and writes it in one transaction
 * only when the office imports it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-ctf-dialog.h"

struct _AttCtfDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  GtkButton            *cancel_button;
  GtkButton            *import_button;
  GtkBox               *plan_box;
  AdwActionRow         *file_row;
  GtkButton            *choose_button;
  GtkLabel             *status_label;
  AdwPreferencesGroup  *admission_group;
  AdwEntryRow          *admission_row;

  AttContext           *context;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  AttCtfPlan           *plan;
  GPtrArray            *plan_groups;   /* groups added to plan_box (borrowed) */
  char                 *status;
  gboolean              busy;
  gboolean              imported;
};

G_DEFINE_FINAL_TYPE (AttCtfDialog, att_ctf_dialog, ADW_TYPE_WINDOW)

static void
set_status (AttCtfDialog *self,
            const char   *text)
{
  g_free (self->status);
  self->status = g_strdup (text);
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
show_toast (AttCtfDialog *self,
            const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* The one place the dialog's actions are enabled, from the user's right
 * to import (the core's) and the dialog's state. */
static void
actions_update (AttCtfDialog *self)
{
  g_autoptr(GError) why = NULL;
  g_autofree char *problems = NULL;
  AttDb *db = self->context != NULL ? att_context_get_db (self->context) : NULL;
  const AttUser *user = self->context != NULL ? att_context_get_user (self->context) : NULL;
  const char *reason = NULL;
  gboolean can_import = FALSE;

  if (db == NULL || user == NULL)
    reason = _("Open a school and sign in to import");
  else if (!att_user_require (user, ATT_PERM_IMPORT, &why))
    reason = why->message;
  else if (self->busy)
    reason = _("The file is being read");
  else if (self->imported)
    reason = _("The file has been imported");
  else if (self->plan == NULL)
    reason = _("Choose a Common Transfer File first");
  else if ((problems = att_ctf_plan_format_problems (self->plan)) != NULL)
    reason = _("The file has problems (listed below): nothing can be imported until the previous school sends it again");
  else
    can_import = TRUE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ctf.import", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ctf.choose", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ctf.open", !self->busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button), can_import ? NULL : reason);
}

static void
clear_plan (AttCtfDialog *self)
{
  for (guint i = 0; i < self->plan_groups->len; i++)
    gtk_box_remove (self->plan_box, g_ptr_array_index (self->plan_groups, i));
  g_ptr_array_set_size (self->plan_groups, 0);
  g_clear_pointer (&self->plan, att_ctf_plan_free);
  gtk_widget_set_visible (GTK_WIDGET (self->admission_group), FALSE);
}

/* A row that only says something: reached by the keyboard so that a
 * screen reader reads it. */
static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *style)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (style != NULL)
    gtk_widget_add_css_class (row, style);
  gtk_widget_set_focusable (row, TRUE);
  adw_preferences_group_add (group, row);
}

static AdwPreferencesGroup *
add_group (AttCtfDialog *self,
           const char   *title,
           const char   *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->plan_box, group);
  g_ptr_array_add (self->plan_groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* "Mobile: 07700 900999 → 07700 900101" one a line */
static char *
describe_changes (GPtrArray *changes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      AttCtfChange *change = g_ptr_array_index (changes, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a field changed by the import, its old and new value */
      g_string_append_printf (text, _("%s: %s → %s"), change->label,
                              *change->old_value != '\0' ? change->old_value : _("(empty)"),
                              *change->new_value != '\0' ? change->new_value : _("(empty)"));
    }
  return g_string_free (text, FALSE);
}

static char *
describe_year (const AttCtfYearPlan *plan)
{
  const AttCtfYear *year = plan->year;
  GString *text = g_string_new (NULL);

  if (year->start != ATT_DATE_NONE)
    {
      g_autofree char *start = att_date_format_long (year->start);
      /* Translators: the first day of a previous school's marks */
      g_string_append_printf (text, _("From %s: "), start);
    }
  /* Translators: a previous school's totals as its file gives them */
  g_string_append_printf (text, _("possible %d, attended %d, authorised %d, unauthorised %d"),
                          year->possible, year->attended, year->authorised, year->unauthorised);
  if (year->marks != NULL)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (%u session in its marks)",
                                               " (%u sessions in its marks)", year->counts.sessions),
                            year->counts.sessions);
  for (guint i = 0; i < plan->differences->len; i++)
    /* Translators: where a previous school's totals and its marks disagree */
    g_string_append_printf (text, _("\nDifference: %s"), (char *)g_ptr_array_index (plan->differences, i));
  if (plan->held)
    g_string_append_printf (text, "\n%s", _("Already kept: not added again"));
  return g_string_free (text, FALSE);
}

static void
show_pupil (AttCtfDialog    *self,
            AttCtfPupilPlan *pupil)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  AdwPreferencesGroup *group;
  const char *status;

  switch (pupil->status)
    {
    case ATT_CTF_NEW:
      status = _("New pupil");
      break;
    case ATT_CTF_UPDATED:
      status = _("Details change");
      break;
    case ATT_CTF_UNCHANGED:
      status = _("No change to the details");
      break;
    case ATT_CTF_REFUSED:
    default:
      status = _("Cannot be imported");
      break;
    }
  title = g_strdup_printf ("%s (%s)", pupil->name, pupil->pupil->upn != NULL ? pupil->pupil->upn : "?");
  /* Translators: "New pupil, the file's pupil 1" */
  description = g_strdup_printf (_("%s, the file’s pupil %u"), status, pupil->pupil->position);
  group = add_group (self, title, description);

  for (guint i = 0; i < pupil->problems->len; i++)
    add_row (group, _("Problem"), g_ptr_array_index (pupil->problems, i), "error");

  for (guint i = 0; i < pupil->changes->len; i++)
    {
      AttCtfChange *change = g_ptr_array_index (pupil->changes, i);
      g_autofree char *text = g_strdup_printf (_("%s → %s"),
                                               *change->old_value ? change->old_value : _("(empty)"),
                                               *change->new_value ? change->new_value : _("(empty)"));
      add_row (group, change->label, text, NULL);
    }

  for (guint i = 0; i < pupil->contacts->len; i++)
    {
      AttCtfContactPlan *contact = g_ptr_array_index (pupil->contacts, i);
      g_autofree char *changes = describe_changes (contact->changes);
      g_autofree char *heading = NULL;
      GString *text = g_string_new (NULL);

      switch (contact->status)
        {
        case ATT_CTF_CONTACT_ADDED:
          /* Translators: "Contact added: Ms Rachel Thornbury (Mother)" */
          heading = g_strdup_printf (_("Contact added: %s (%s)"), contact->name, contact->relationship);
          break;
        case ATT_CTF_CONTACT_CHANGED:
          heading = g_strdup_printf (_("Contact changed: %s (%s)"), contact->name, contact->relationship);
          break;
        case ATT_CTF_CONTACT_UNCHANGED:
        default:
          heading = g_strdup_printf (_("Contact unchanged: %s (%s)"), contact->name, contact->relationship);
          break;
        }
      g_string_append_printf (text, _("Priority %d"), contact->priority);
      if (*changes != '\0')
        g_string_append_printf (text, "\n%s", changes);
      if (contact->note != NULL)
        g_string_append_printf (text, "\n%s", contact->note);
      add_row (group, heading, text->str, contact->note != NULL ? "warning" : NULL);
      g_string_free (text, TRUE);
    }

  for (guint i = 0; i < pupil->years->len; i++)
    {
      AttCtfYearPlan *year = g_ptr_array_index (pupil->years, i);
      g_autofree char *heading = NULL;
      g_autofree char *text = describe_year (year);
      const char *school = year->year->school_name != NULL ? year->year->school_name : _("a previous school");

      if (year->year->year > 0)
        /* Translators: "Attendance at Brookfield Primary School, 2024/25" */
        heading = g_strdup_printf (_("Attendance at %s, %d/%02d"), school, year->year->year,
                                   (year->year->year + 1) % 100);
      else
        heading = g_strdup_printf (_("Attendance at %s"), school);
      add_row (group, heading, text, year->differences->len > 0 ? "warning" : NULL);
    }

  for (guint i = 0; i < pupil->notices->len; i++)
    add_row (group, _("Notice"), g_ptr_array_index (pupil->notices, i), NULL);
}

static void
show_plan (AttCtfDialog *self)
{
  AttCtfPlan *plan = self->plan;
  g_autofree char *summary = NULL;
  g_autofree char *source = NULL;
  g_autofree char *problems = att_ctf_plan_format_problems (plan);
  AdwPreferencesGroup *group;

  source = g_strdup_printf (_("CTF %s from %s"), plan->file->version != NULL ? plan->file->version : "?",
                            plan->file->source_name != NULL ? plan->file->source_name : _("an unnamed school"));
  adw_action_row_set_subtitle (self->file_row, plan->file->name);

  /* Translators: what a Common Transfer File would change, in counts */
  summary = g_strdup_printf (_("%s: %u new pupils, %u with changed details, %u unchanged; "
                               "%u contacts added, %u changed; attendance at previous schools: "
                               "%u school years to keep."),
                             source, plan->n_new, plan->n_updated, plan->n_unchanged,
                             plan->n_contacts_added, plan->n_contacts_changed, plan->n_years);
  if (problems != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s\nNothing can be imported: %s"), summary, problems);
      set_status (self, text);
    }
  else
    set_status (self, summary);

  gtk_widget_set_visible (GTK_WIDGET (self->admission_group), plan->n_new > 0);
  if (plan->n_new > 0)
    {
      g_autofree char *description =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The day the new pupil joins this school",
                                      "The day the %u new pupils join this school", plan->n_new),
                         plan->n_new);
      adw_preferences_group_set_description (self->admission_group, description);
    }

  for (guint i = 0; i < plan->pupils->len; i++)
    show_pupil (self, g_ptr_array_index (plan->pupils, i));

  if (plan->file->notices->len > 0)
    {
      group = add_group (self, _("About the File"), NULL);
      for (guint i = 0; i < plan->file->notices->len; i++)
        add_row (group, _("Notice"), g_ptr_array_index (plan->file->notices, i), NULL);
    }
}

typedef struct
{
  char *db_path;
  char *path;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(AttDb) db = NULL;
  g_autoptr(GError) error = NULL;
  AttCtfPlan *plan;

  db = att_db_open (job->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  plan = att_ctf_plan_new (db, job->path, &error);
  if (plan == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, plan, (GDestroyNotify)att_ctf_plan_free);
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AttCtfDialog *self = ATT_CTF_DIALOG (object);
  g_autoptr(GError) error = NULL;
  AttCtfPlan *plan = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy = FALSE;
  /* Closed while the file was read: nothing is left to show it in. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&plan, att_ctf_plan_free);
      return;
    }
  if (plan == NULL)
    {
      set_status (self, error->message);
      actions_update (self);
      return;
    }
  self->plan = plan;
  show_plan (self);
  actions_update (self);
}

static void
open_file (AttCtfDialog *self,
           const char   *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *reading = NULL;
  AttDb *db = self->context != NULL ? att_context_get_db (self->context) : NULL;
  ReadJob *job;

  if (self->busy || db == NULL)
    return;

  clear_plan (self);
  self->imported = FALSE;
  gtk_button_set_label (self->cancel_button, _("_Cancel"));
  adw_action_row_set_subtitle (self->file_row, base);
  reading = g_strdup_printf (_("Reading %s…"), base);
  set_status (self, reading);
  self->busy = TRUE;
  actions_update (self);

  job = g_new0 (ReadJob, 1);
  job->db_path = g_strdup (att_db_get_path (db));
  job->path = g_strdup (path);
  task = g_task_new (self, self->cancellable, read_done, NULL);
  g_task_set_source_tag (task, open_file);
  g_task_set_task_data (task, job, (GDestroyNotify)read_job_free);
  g_task_run_in_thread (task, read_thread);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_file (ATT_CTF_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  AttCtfDialog    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        open_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttCtfDialog *self = ATT_CTF_DIALOG (widget);
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a Common Transfer File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (xml, _("Common Transfer Files (XML)"));
  gtk_file_filter_add_suffix (xml, "xml");
  gtk_file_filter_add_suffix (xml, "XML");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), xml);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttCtfDialog *self = ATT_CTF_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);

  if (self->plan == NULL || self->busy || self->imported)
    return;

  if (self->plan->n_new > 0)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->admission_row));
      g_autofree char *typed = g_strstrip (g_strdup (text));
      AttDate admission = att_date_parse (typed, NULL);

      if (admission == ATT_DATE_NONE)
        {
          g_autofree char *message =
            g_strdup_printf (_("The admission date “%s” is not a date: write it as YYYY-MM-DD or DD/MM/YYYY"),
                             text);
          set_status (self, message);
          show_toast (self, message);
          gtk_widget_grab_focus (GTK_WIDGET (self->admission_row));
          return;
        }
      att_ctf_plan_set_admission (self->plan, admission);
    }

  if (!att_ctf_plan_apply (db, user, self->plan, &error))
    {
      set_status (self, error->message);
      show_toast (self, error->message);
      return;
    }

  self->imported = TRUE;
  /* Translators: after an import, in counts */
  summary = g_strdup_printf (_("Imported %s: %u new pupils, %u updated, %u contacts added, "
                               "%u changed, %u school years of past attendance kept"),
                             self->plan->file->name, self->plan->n_new, self->plan->n_updated,
                             self->plan->n_contacts_added, self->plan->n_contacts_changed,
                             self->plan->n_years);
  set_status (self, summary);
  show_toast (self, summary);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  actions_update (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttCtfDialog *self = ATT_CTF_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_context_changed (AttCtfDialog *self)
{
  actions_update (self);
}

gboolean
att_ctf_dialog_is_busy (AttCtfDialog *self)
{
  g_return_val_if_fail (ATT_IS_CTF_DIALOG (self), FALSE);

  return self->busy;
}

AttCtfPlan *
att_ctf_dialog_get_plan (AttCtfDialog *self)
{
  g_return_val_if_fail (ATT_IS_CTF_DIALOG (self), NULL);

  return self->plan;
}

AdwEntryRow *
att_ctf_dialog_get_admission_row (AttCtfDialog *self)
{
  g_return_val_if_fail (ATT_IS_CTF_DIALOG (self), NULL);

  return self->admission_row;
}

const char *
att_ctf_dialog_get_status (AttCtfDialog *self)
{
  g_return_val_if_fail (ATT_IS_CTF_DIALOG (self), NULL);

  return self->status;
}

AttCtfDialog *
att_ctf_dialog_new (GtkWindow  *parent,
                    AttContext *context)
{
  AttCtfDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_CTF_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::db", G_CALLBACK (on_context_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::user", G_CALLBACK (on_context_changed), self,
                           G_CONNECT_SWAPPED);

  {
    g_autofree char *today = att_date_format (att_context_get_today (context));
    gtk_editable_set_text (GTK_EDITABLE (self->admission_row), today);
  }
  actions_update (self);
  return self;
}

static void
att_ctf_dialog_dispose (GObject *object)
{
  AttCtfDialog *self = ATT_CTF_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->plan, att_ctf_plan_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_CTF_DIALOG);
  G_OBJECT_CLASS (att_ctf_dialog_parent_class)->dispose (object);
}

static void
att_ctf_dialog_finalize (GObject *object)
{
  AttCtfDialog *self = ATT_CTF_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_ptr_array_unref (self->plan_groups);
  g_free (self->status);
  G_OBJECT_CLASS (att_ctf_dialog_parent_class)->finalize (object);
}

static void
att_ctf_dialog_class_init (AttCtfDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_ctf_dialog_dispose;
  object_class->finalize = att_ctf_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/import/att-ctf-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttCtfDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, AttCtfDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AttCtfDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, AttCtfDialog, plan_box);
  gtk_widget_class_bind_template_child (widget_class, AttCtfDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, AttCtfDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, AttCtfDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, AttCtfDialog, admission_group);
  gtk_widget_class_bind_template_child (widget_class, AttCtfDialog, admission_row);

  gtk_widget_class_install_action (widget_class, "ctf.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "ctf.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "ctf.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "ctf.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "ctf.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "ctf.choose", NULL);
}

static void
att_ctf_dialog_init (AttCtfDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->plan_groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
