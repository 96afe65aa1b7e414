/* att-import-dialog.c: bringing a CSV file of pupils, contacts or marks in
 *
 * The steps of the CLI's import, one screen each: the file, which of its
 * columns is each of ours (guessed, or remembered from the last file of
 * the same shape), its first rows with every problem marked in place (the
 * core's dry run), the import itself on a thread with a connection of its
 * own, and what it did. Every rule is the core's (att-import.h,
 * att-import-mapping.h): the dialog only shows and asks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-import-dialog-private.h"

/* The rows of the file shown before importing it. */
#define PREVIEW_ROWS 20

struct _AttImportDialog
{
  AdwWindow             parent_instance;

  AttContext           *context;
  AttImportType         type;
  char                 *path;
  GPtrArray            *headers;       /* the file's, as written */
  GtkStringList        *header_model;  /* "Not in the file", then the headers */
  GPtrArray            *column_rows;   /* AdwComboRow, one per field */
  AttImportPreview     *preview;
  AttImportReport      *report;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gboolean              busy;
  int                   progress_permille;  /* set from the import's thread */
  int                   progress_pending;

  GtkWidget            *back_button;
  GtkWidget            *next_button;
  GtkStack             *stack;
  AdwStatusPage        *file_page;
  GtkWidget            *choose_button;
  AdwPreferencesGroup  *columns_group;
  AdwPreferencesGroup  *roll_group;
  GtkSwitch            *roll_switch;
  AdwEntryRow          *leaving_row;
  GtkLabel             *preview_label;
  GtkColumnView        *preview_view;
  GtkListBox           *problem_list;
  GtkProgressBar       *progress_bar;
  GtkWidget            *cancel_button;
  AdwStatusPage        *summary_page;
  GtkListBox           *summary_list;
};

G_DEFINE_FINAL_TYPE (AttImportDialog, att_import_dialog, ADW_TYPE_WINDOW)

static const char *
type_title (AttImportType type)
{
  switch (type)
    {
    case ATT_IMPORT_CONTACTS:
      return _("Import Contacts");
    case ATT_IMPORT_MARKS:
      return _("Import Marks");
    case ATT_IMPORT_PUPILS:
    case ATT_IMPORT_N_TYPES:
    default:
      return _("Import Pupils");
    }
}

static const char *
step (AttImportDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

/* What can be done on the step shown. */
static void
actions_update (AttImportDialog *self)
{
  const char *name = step (self);
  gboolean can_import = self->report != NULL && self->preview != NULL &&
                        self->report->problems->len == 0;
  const char *label = _("_Next");
  gboolean next = FALSE;
  gboolean back = FALSE;

  if (g_strcmp0 (name, "map") == 0)
    {
      next = TRUE;
      back = TRUE;
      label = _("_Preview");
    }
  else if (g_strcmp0 (name, "preview") == 0)
    {
      next = can_import;
      back = TRUE;
      label = _("_Import");
    }
  else if (g_strcmp0 (name, "summary") == 0)
    {
      next = TRUE;
      label = _("_Done");
    }
  gtk_button_set_label (GTK_BUTTON (self->next_button), label);
  gtk_widget_set_visible (self->next_button, g_strcmp0 (name, "file") != 0 &&
                                             g_strcmp0 (name, "progress") != 0);
  gtk_widget_set_visible (self->back_button, back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", next && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", back && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.check-again",
                                 self->path != NULL && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", self->busy);
  gtk_widget_set_tooltip_text (self->next_button,
                               g_strcmp0 (name, "preview") == 0 && !can_import
                               ? _("Correct the problems listed first: nothing is imported from a file with problems")
                               : NULL);
}

static void
show_step (AttImportDialog *self,
           const char      *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  actions_update (self);
  /* The keyboard starts where the step does. */
  if (g_strcmp0 (name, "map") == 0 && self->column_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->column_rows, 0));
  else if (g_strcmp0 (name, "file") == 0)
    gtk_widget_grab_focus (self->choose_button);
  else if (gtk_widget_get_visible (self->next_button) &&
           gtk_widget_is_sensitive (self->next_button))
    gtk_widget_grab_focus (self->next_button);
}

/* Mapping the columns */

static void
clear_column_rows (AttImportDialog *self)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
}

/* The position of the header @theirs in the rows' model: 0 for none. */
static guint
header_position (AttImportDialog *self,
                 const char      *theirs)
{
  g_autofree char *wanted = NULL;

  if (theirs == NULL || *theirs == '\0')
    return 0;
  wanted = g_utf8_casefold (theirs, -1);
  for (guint h = 0; h < self->headers->len; h++)
    {
      g_autofree char *header = g_utf8_casefold (g_ptr_array_index (self->headers, h), -1);

      if (strcmp (g_strstrip (header), wanted) == 0)
        return h + 1;
    }
  return 0;
}

static void
fill_column_rows (AttImportDialog  *self,
                  AttImportMapping *mapping,
                  gboolean          remembered)
{
  const AttImportField *fields;
  guint n;

  clear_column_rows (self);
  fields = att_import_fields (self->type, &n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_combo_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     att_import_field_describe (fields[i].name));
      if (fields[i].required)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Required"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->header_model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  header_position (self, att_import_mapping_get (mapping, fields[i].name)));
      gtk_widget_set_name (row, fields[i].name);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
  adw_preferences_group_set_description (self->columns_group,
                                         remembered
                                         ? _("The columns chosen for the last file with the same columns: check them, then preview the file.")
                                         : _("Guessed from the names of the file’s columns: check each one, then preview the file. What you choose is remembered for files with the same columns."));
}

/* The mapping the rows say: every column of ours, "" for none. */
static AttImportMapping *
mapping_from_rows (AttImportDialog *self)
{
  AttImportMapping *mapping = att_import_mapping_new (self->type);
  const AttImportField *fields;
  guint n;

  fields = att_import_fields (self->type, &n);
  for (guint i = 0; i < n && i < self->column_rows->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, i));

      att_import_mapping_set (mapping, fields[i].name,
                              selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
                              selected > self->headers->len
                              ? "" : (const char *)g_ptr_array_index (self->headers, selected - 1));
    }
  return mapping;
}

void
att_import_dialog_set_file (AttImportDialog *self,
                            const char      *path)
{
  AttDb *db = att_context_get_db (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(AttImportMapping) mapping = NULL;
  gboolean remembered = FALSE;

  g_return_if_fail (ATT_IS_IMPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  headers = att_import_read_headers (path, &error);
  if (headers != NULL && db != NULL)
    mapping = att_import_mapping_for_file (db, self->type, headers, &remembered, &error);
  if (mapping == NULL)
    {
      adw_status_page_set_description (self->file_page,
                                       error != NULL ? error->message : _("No school is open"));
      return;
    }

  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  self->headers = g_steal_pointer (&headers);
  g_clear_pointer (&self->preview, att_import_preview_free);
  g_clear_pointer (&self->report, att_import_report_free);

  g_clear_object (&self->header_model);
  self->header_model = gtk_string_list_new (NULL);
  /* Translators: in the list of a file's columns, for one of ours it does not have */
  gtk_string_list_append (self->header_model, _("(Not in the file)"));
  for (guint h = 0; h < self->headers->len; h++)
    {
      const char *header = g_ptr_array_index (self->headers, h);

      gtk_string_list_append (self->header_model, *header != '\0' ? header : _("(A column with no name)"));
    }
  fill_column_rows (self, mapping, remembered);
  show_step (self, "map");
}

/* The preview */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_message_row (GtkListBox *list,
                 const char *icon,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  strcmp (icon, "dialog-warning-symbolic") == 0
                                  ? _("Problem") : _("Notice"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  gtk_list_box_append (list, row);
}

/* Every problem of @report, then its notices, in @list. */
static void
fill_messages (GtkListBox      *list,
               AttImportReport *report)
{
  clear_list (list);
  for (guint i = 0; i < report->problems->len; i++)
    {
      g_autofree char *text = att_import_problem_format (g_ptr_array_index (report->problems, i));

      add_message_row (list, "dialog-warning-symbolic", text);
    }
  if (report->more_problems > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more problem",
                                                            "And %u more problems",
                                                            report->more_problems),
                                               report->more_problems);

      add_message_row (list, "dialog-warning-symbolic", text);
    }
  for (guint i = 0; i < report->notices->len; i++)
    {
      g_autofree char *text = att_import_problem_format (g_ptr_array_index (report->notices, i));

      add_message_row (list, "dialog-information-symbolic", text);
    }
  gtk_widget_set_visible (GTK_WIDGET (list), gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL);
}

/* Every problem of a previewed row, "column: problem" a line. */
static char *
row_problems_text (const AttImportPreviewRow *row)
{
  GString *text;

  if (row->problems->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < row->problems->len; i++)
    {
      g_autofree char *line = att_import_problem_format (g_ptr_array_index (row->problems, i));

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

/* A cell of the preview: its value, marked when the row has a problem in
 * its column, and the row's problems in its tooltip. The factory's
 * field is the index of our column, -1 for the row's number. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           AttImportDialog          *self)
{
  int field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "field"));
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkStringObject *index = gtk_list_item_get_item (item);
  const AttImportPreviewRow *row;
  g_autofree char *tooltip = NULL;
  g_autofree char *number = NULL;
  gboolean marked = FALSE;
  guint64 i = g_ascii_strtoull (gtk_string_object_get_string (index), NULL, 10);
  guint n;
  const AttImportField *fields = att_import_fields (self->type, &n);

  if (self->preview == NULL || i >= self->preview->rows->len)
    return;
  row = g_ptr_array_index (self->preview->rows, i);
  tooltip = row_problems_text (row);
  if (field < 0)
    {
      number = g_strdup_printf ("%u", row->row);
      gtk_label_set_text (GTK_LABEL (label), number);
      marked = tooltip != NULL;
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), row->values[field]);
      /* A problem of the whole row is not this cell's. */
      for (guint p = 0; p < row->problems->len && !marked; p++)
        marked = g_strcmp0 (((AttImportProblem *)g_ptr_array_index (row->problems, p))->column,
                            fields[field].name) == 0;
    }
  gtk_widget_set_tooltip_text (label, tooltip);
  if (marked)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
add_column (AttImportDialog *self,
            const char      *title,
            int              field)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "field", GINT_TO_POINTER (field));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->preview_view, column);
  g_object_unref (column);
}

static void
fill_preview_view (AttImportDialog *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  GtkNoSelection *selection;
  const AttImportField *fields;
  guint n;

  gtk_column_view_set_model (self->preview_view, NULL);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }
  if (self->preview == NULL)
    return;

  /* Translators: the column of the file's row numbers in the preview */
  add_column (self, _("Row"), -1);
  fields = att_import_fields (self->type, &n);
  for (guint i = 0; i < n; i++)
    if (self->preview->mapped[i])
      add_column (self, att_import_field_describe (fields[i].name), (int)i);
  for (guint i = 0; i < self->preview->rows->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);

      gtk_string_list_append (rows, text);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

/* The date those not listed leave on, when the file lists the whole
 * roll: ATT_DATE_NONE when it does not; FALSE with @error when the date
 * written is not one. */
static gboolean
leavers_on (AttImportDialog  *self,
            AttDate          *date,
            GError          **error)
{
  *date = ATT_DATE_NONE;
  if (self->type != ATT_IMPORT_PUPILS || !gtk_switch_get_active (self->roll_switch))
    return TRUE;
  *date = att_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->leaving_row)), error);
  if (*date == ATT_DATE_NONE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->leaving_row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->leaving_row), "error");
  return TRUE;
}

static void
run_preview (AttImportDialog *self)
{
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);
  g_autoptr(AttImportMapping) mapping = mapping_from_rows (self);
  g_autoptr(GError) error = NULL;
  AttDate leaving;

  g_clear_pointer (&self->preview, att_import_preview_free);
  g_clear_pointer (&self->report, att_import_report_free);
  if (!leavers_on (self, &leaving, &error))
    {
      /* Said where the date is written. */
      gtk_widget_grab_focus (GTK_WIDGET (self->leaving_row));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->leaving_row), error->message);
      return;
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->leaving_row), NULL);

  self->report = att_import_report_new ();
  if (db != NULL && user != NULL)
    self->preview = att_import_preview (db, user, self->type, self->path, mapping, leaving,
                                        PREVIEW_ROWS, self->report, &error);
  if (self->preview == NULL)
    {
      gtk_label_set_text (self->preview_label,
                          error != NULL ? error->message : _("Sign in to import a file"));
      clear_list (self->problem_list);
    }
  else
    {
      guint n = self->report->problems->len + self->report->more_problems;
      g_autofree char *text = NULL;

      if (n > 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u problem: nothing can be imported until the file is corrected and checked again, or other columns are chosen",
                                             "%u problems: nothing can be imported until the file is corrected and checked again, or other columns are chosen",
                                             n),
                                n);
      else if (leaving != ATT_DATE_NONE)
        text = g_strdup_printf (_("No problems in %u rows: %u to add, %u to update, %u unchanged, %u to leave"),
                                self->report->rows, self->report->added, self->report->updated,
                                self->report->unchanged, self->report->left);
      else
        text = g_strdup_printf (_("No problems in %u rows: %u to add, %u to update, %u unchanged"),
                                self->report->rows, self->report->added, self->report->updated,
                                self->report->unchanged);
      gtk_label_set_text (self->preview_label, text);
      fill_messages (self->problem_list, self->report);
    }
  fill_preview_view (self);
  show_step (self, "preview");
}

/* Importing, on a thread with a connection of its own */

typedef struct
{
  AttImportDialog  *self;
  char             *db_path;
  AttUser          *user;
  AttImportType     type;
  char             *path;
  AttImportMapping *mapping;
  AttDate           leavers_on;
  GCancellable     *cancellable;
  AttImportReport  *report;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->user, att_user_free);
  g_free (job->path);
  g_clear_pointer (&job->mapping, att_import_mapping_free);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->report, att_import_report_free);
  g_free (job);
}

static gboolean
progress_idle (gpointer data)
{
  AttImportDialog *self = data;

  g_atomic_int_set (&self->progress_pending, 0);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

/* On the import's thread: the bar is moved on the main thread, once for
 * any number of calls before it is. */
static void
on_progress (double   fraction,
             gpointer data)
{
  Job *job = data;

  g_atomic_int_set (&job->self->progress_permille, (int)(fraction * 1000));
  if (g_atomic_int_compare_and_exchange (&job->self->progress_pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle, g_object_ref (job->self), g_object_unref);
}

static gboolean
is_cancelled (gpointer data)
{
  return g_cancellable_is_cancelled (data);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(AttDb) db = NULL;
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;
  GError *error = NULL;

  db = att_db_open (job->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  options.mapping = job->mapping;
  options.leavers_on = job->leavers_on;
  options.progress = on_progress;
  options.progress_data = job;
  options.cancelled = is_cancelled;
  options.cancel_data = job->cancellable;
  if (att_import_file (db, job->user, job->type, job->path, &options, job->report, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_summary (AttImportDialog *self,
              GError          *error)
{
  AttImportReport *report = self->report;
  g_autofree char *counts = NULL;

  if (error == NULL)
    {
      adw_status_page_set_icon_name (self->summary_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->summary_page, _("Imported"));
      if (self->type == ATT_IMPORT_PUPILS && gtk_switch_get_active (self->roll_switch))
        counts = g_strdup_printf (_("%u rows: %u added, %u updated, %u unchanged, %u left"),
                                  report->rows, report->added, report->updated,
                                  report->unchanged, report->left);
      else
        counts = g_strdup_printf (_("%u rows: %u added, %u updated, %u unchanged"),
                                  report->rows, report->added, report->updated,
                                  report->unchanged);
      adw_status_page_set_description (self->summary_page, counts);
    }
  else
    {
      adw_status_page_set_icon_name (self->summary_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->summary_page,
                                 g_error_matches (error, ATT_ERROR, ATT_ERROR_CANCELLED)
                                 ? _("Import Cancelled") : _("Nothing Was Imported"));
      adw_status_page_set_description (self->summary_page,
                                       g_error_matches (error, ATT_ERROR, ATT_ERROR_CANCELLED)
                                       ? _("Nothing was written: the school’s records are as they were.")
                                       : error->message);
    }
  fill_messages (self->summary_list, report);
  show_step (self, "summary");
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  AttImportDialog *self = ATT_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);

  self->busy = FALSE;
  g_clear_pointer (&self->report, att_import_report_free);
  self->report = g_steal_pointer (&job->report);
  gtk_progress_bar_set_fraction (self->progress_bar, 1.0);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autoptr(GError) local = NULL;

      /* The columns confirmed are offered first for the next file of
       * this shape; the window's connection reads what the import's
       * wrote now rather than at its next poll. */
      if (db != NULL && user != NULL &&
          !att_import_mapping_remember (db, user, self->headers, job->mapping, &local))
        g_warning ("The columns of %s were not remembered: %s", self->path, local->message);
      if (db != NULL)
        att_db_poll (db);
    }
  show_summary (self, error);
}

static void
start_import (AttImportDialog *self)
{
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  if (db == NULL || user == NULL || self->busy)
    return;

  job = g_new0 (Job, 1);
  job->self = self;
  job->db_path = g_strdup (att_db_get_path (db));
  job->user = att_user_copy (user);
  job->type = self->type;
  job->path = g_strdup (self->path);
  job->mapping = mapping_from_rows (self);
  if (!leavers_on (self, &job->leavers_on, &error))
    {
      job_free (job);
      return;
    }
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job->cancellable = g_object_ref (self->cancellable);
  job->report = att_import_report_new ();

  self->busy = TRUE;
  g_atomic_int_set (&self->progress_permille, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  show_step (self, "progress");
  gtk_widget_grab_focus (self->cancel_button);

  task = g_task_new (self, NULL, import_done, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, import_thread);
}

/* The actions */

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         data)
{
  AttImportDialog *self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        att_import_dialog_set_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttImportDialog *self = ATT_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  self->chooser = gtk_file_chooser_native_new (type_title (self->type), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttImportDialog *self = ATT_IMPORT_DIALOG (widget);
  const char *name = step (self);

  if (g_strcmp0 (name, "map") == 0)
    run_preview (self);
  else if (g_strcmp0 (name, "preview") == 0)
    start_import (self);
  else if (g_strcmp0 (name, "summary") == 0)
    gtk_window_close (GTK_WINDOW (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttImportDialog *self = ATT_IMPORT_DIALOG (widget);
  const char *name = step (self);

  if (g_strcmp0 (name, "map") == 0)
    show_step (self, "file");
  else if (g_strcmp0 (name, "preview") == 0)
    show_step (self, "map");
}

static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_preview (ATT_IMPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttImportDialog *self = ATT_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Closed while importing: the import is cancelled, and the window stays
 * until it has stopped and said so. */
static gboolean
att_import_dialog_close_request (GtkWindow *window)
{
  AttImportDialog *self = ATT_IMPORT_DIALOG (window);

  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (att_import_dialog_parent_class)->close_request (window);
}

/* The GObject */

static void
att_import_dialog_dispose (GObject *object)
{
  AttImportDialog *self = ATT_IMPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (att_import_dialog_parent_class)->dispose (object);
}

static void
att_import_dialog_finalize (GObject *object)
{
  AttImportDialog *self = ATT_IMPORT_DIALOG (object);

  g_clear_object (&self->context);
  g_free (self->path);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_object (&self->header_model);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preview, att_import_preview_free);
  g_clear_pointer (&self->report, att_import_report_free);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (att_import_dialog_parent_class)->finalize (object);
}

static void
att_import_dialog_class_init (AttImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = att_import_dialog_dispose;
  object_class->finalize = att_import_dialog_finalize;
  window_class->close_request = att_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/import/att-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, file_page);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, roll_group);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, roll_switch);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, leaving_row);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, problem_list);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, summary_page);
  gtk_widget_class_bind_template_child (widget_class, AttImportDialog, summary_list);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.check-again", NULL, check_again_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "import.back", NULL);
}

static void
att_import_dialog_init (AttImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->column_rows = g_ptr_array_new ();
}

AttImportDialog *
att_import_dialog_new (GtkWindow     *parent,
                       AttContext    *context,
                       AttImportType  type)
{
  AttImportDialog *self;
  g_autofree char *today = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail ((guint)type < ATT_IMPORT_N_TYPES, NULL);

  self = g_object_new (ATT_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "title", type_title (type),
                       NULL);
  self->context = g_object_ref (context);
  self->type = type;
  adw_status_page_set_title (self->file_page, type_title (type));
  gtk_widget_set_visible (GTK_WIDGET (self->roll_group), type == ATT_IMPORT_PUPILS);
  today = att_date_format (att_context_get_today (context));
  gtk_editable_set_text (GTK_EDITABLE (self->leaving_row), today);
  show_step (self, "file");
  return self;
}

/* For the tests */

const char *
att_import_dialog_get_step (AttImportDialog *self)
{
  return step (self);
}

AdwComboRow *
att_import_dialog_get_column_row (AttImportDialog *self,
                                  const char      *field)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (self->column_rows, i)), field) == 0)
      return g_ptr_array_index (self->column_rows, i);
  return NULL;
}

GtkSwitch *
att_import_dialog_get_roll_switch (AttImportDialog *self)
{
  return self->roll_switch;
}

AdwEntryRow *
att_import_dialog_get_leaving_row (AttImportDialog *self)
{
  return self->leaving_row;
}

GtkColumnView *
att_import_dialog_get_preview_view (AttImportDialog *self)
{
  return self->preview_view;
}

GtkListBox *
att_import_dialog_get_problem_list (AttImportDialog *self)
{
  return self->problem_list;
}

GtkWidget *
att_import_dialog_get_next_button (AttImportDialog *self)
{
  return self->next_button;
}

AdwStatusPage *
att_import_dialog_get_summary_page (AttImportDialog *self)
{
  return self->summary_page;
}

AttImportReport *
att_import_dialog_get_report (AttImportDialog *self)
{
  return self->report;
}

gboolean
att_import_dialog_is_busy (AttImportDialog *self)
{
  return self->busy;
}
