/* att-audit-window.c: the audit log, read by an administrator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-audit-window.h"

/* The window shows the newest changes; a filter reaches older ones. */
#define MAX_ROWS 5000

struct _AttAuditWindow
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkDropDown       *user_dropdown;
  GtkDropDown       *kind_dropdown;
  GtkSearchEntry    *pupil_entry;
  GtkEntry          *from_entry;
  GtkEntry          *to_entry;
  GtkStack          *stack;
  GtkColumnView     *column_view;
  AdwStatusPage     *empty_page;
  GtkLabel          *count_label;

  AttContext        *context;
  AttDb             *db;
  gulong             changed_id;
  GListStore        *store;
  GtkStringList     *users;
  gboolean           loading;
};

G_DEFINE_FINAL_TYPE (AttAuditWindow, att_audit_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Cells */

typedef enum
{
  COLUMN_WHEN,
  COLUMN_WHO,
  COLUMN_KIND,
  COLUMN_PUPIL,
  COLUMN_WHAT,
  COLUMN_CHANGE,
} Column;

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  AttAuditEntry *entry = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch ((Column)GPOINTER_TO_INT (data))
    {
    case COLUMN_WHEN:
      text = att_audit_entry_format_time (entry);
      break;
    case COLUMN_WHO:
      text = g_strdup (entry->who);
      break;
    case COLUMN_KIND:
      text = g_strdup (att_audit_kind_describe (entry->kind));
      break;
    case COLUMN_PUPIL:
      if (entry->pupil_name != NULL)
        /* Translators: a pupil in the audit log, "Ben Carter (A123456789012)" */
        text = g_strdup_printf (_("%s (%s)"), entry->pupil_name, entry->upn);
      break;
    case COLUMN_WHAT:
      if (entry->detail != NULL && entry->detail[0] != '\0')
        /* Translators: what a change was, and its detail: "Mark amended: 2024-10-14 am: Mother rang" */
        text = g_strdup_printf (_("%s: %s"), att_audit_describe_action (entry->action), entry->detail);
      else
        text = g_strdup (att_audit_describe_action (entry->action));
      break;
    case COLUMN_CHANGE:
    default:
      text = att_audit_entry_describe_change (entry);
      break;
    }
  gtk_label_set_text (label, text != NULL ? text : "");
  /* Long cells are cut at the column's end: the whole text is a hover,
   * or a copy through the export, away. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text != NULL && g_utf8_strlen (text, -1) > 30 ? text : NULL);
}

static void
add_column (AttAuditWindow *self,
            const char     *title,
            Column          column,
            int             width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (view_column, width);
  else
    gtk_column_view_column_set_expand (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

/* The filters */

static const char *
selected_user (AttAuditWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->user_dropdown);

  /* The first item is "Anyone". */
  if (position == 0 || position == GTK_INVALID_LIST_POSITION || self->users == NULL)
    return NULL;
  return gtk_string_list_get_string (self->users, position);
}

static AttDate
entry_date (GtkEntry *entry,
            gboolean *valid)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  AttDate date;

  if (text[0] == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return ATT_DATE_NONE;
    }
  date = att_date_parse (text, NULL);
  if (date == ATT_DATE_NONE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      *valid = FALSE;
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return date;
}

/* The pupil the entry names: a UPN, or the one pupil whose name holds
 * the text. 0 and *found FALSE when none or several do. */
static gint64
entry_pupil (AttAuditWindow *self,
             gboolean       *found)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->pupil_entry));
  g_autofree char *folded = NULL;
  GPtrArray *pupils;
  AttPupil *match = NULL;

  *found = TRUE;
  if (text[0] == '\0' || self->db == NULL)
    return 0;
  if ((match = att_pupils_find (self->db, text)) != NULL)
    return match->id;

  *found = FALSE;
  pupils = att_pupils_list (self->db, NULL);
  folded = att_name_fold (text);
  for (guint i = 0; pupils != NULL && i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      g_autofree char *name = att_name_fold (att_pupil_get_display_name (pupil));

      if (strstr (name, folded) == NULL)
        continue;
      if (match != NULL)
        return 0;
      match = pupil;
    }
  *found = match != NULL;
  return match != NULL ? match->id : 0;
}

/* Reads the filters; FALSE when one of them matches nothing at all (an
 * unknown pupil, a date that is not one), with the reason. */
static gboolean
read_filter (AttAuditWindow *self,
             AttAuditFilter *filter,
             const char    **why)
{
  gboolean dates_valid = TRUE;
  gboolean pupil_found;
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  filter->user = selected_user (self);
  filter->kind = kind == 0 || kind == GTK_INVALID_LIST_POSITION ? -1 : (int)kind - 1;
  filter->from = entry_date (self->from_entry, &dates_valid);
  filter->to = entry_date (self->to_entry, &dates_valid);
  filter->pupil_id = entry_pupil (self, &pupil_found);
  filter->newest_first = TRUE;

  if (!dates_valid)
    {
      *why = _("A date is written as YYYY-MM-DD or DD/MM/YYYY.");
      return FALSE;
    }
  if (!pupil_found)
    {
      *why = _("No pupil has that name or UPN, or more than one has: type more of the name, or the UPN.");
      return FALSE;
    }
  return TRUE;
}

static void
show_empty (AttAuditWindow *self,
            const char     *title,
            const char     *description)
{
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_label_set_text (self->count_label, "");
}

static void
reload (AttAuditWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
  const AttUser *user = att_context_get_user (self->context);
  const char *why = NULL;
  g_autofree char *count = NULL;

  if (self->loading)
    return;

  g_list_store_remove_all (self->store);
  if (self->db == NULL || user == NULL || !att_audit_require_reader (user, &error))
    {
      show_empty (self, _("The Audit Log Is Closed"),
                  error != NULL ? error->message : _("Open a school and sign in as an administrator."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", FALSE);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", TRUE);

  if (!read_filter (self, &filter, &why))
    {
      show_empty (self, _("No Changes Found"), why);
      return;
    }
  filter.limit = MAX_ROWS;
  entries = att_audit_query (self->db, &filter, &error);
  if (entries == NULL)
    {
      show_empty (self, _("The Audit Log Could Not Be Read"), error->message);
      return;
    }
  if (entries->len == 0)
    {
      show_empty (self, _("No Changes Found"),
                  _("Nothing was changed by that user, to that kind of record or pupil, between those dates. Clear a filter to see more."));
      return;
    }

  g_list_store_splice (self->store, 0, 0, entries->pdata, entries->len);
  gtk_stack_set_visible_child_name (self->stack, "list");
  if (entries->len == MAX_ROWS)
    count = g_strdup_printf (_("The newest %u changes are shown: choose a user, a pupil, a kind or dates to see older ones."),
                             entries->len);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change, newest first",
                                          "%u changes, newest first", entries->len),
                             entries->len);
  gtk_label_set_text (self->count_label, count);
}

static void
on_filter_changed (AttAuditWindow *self)
{
  reload (self);
}

static void
on_dropdown_changed (GtkDropDown    *dropdown,
                     GParamSpec     *pspec,
                     AttAuditWindow *self)
{
  reload (self);
}

/* The users who may have acted: everyone on file, and the system itself
 * (the set-up and the demonstration school). */
static void
fill_users (AttAuditWindow *self)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  /* Translators: the user filter of the audit log, when any user will do */
  gtk_string_list_append (list, _("Anyone"));
  if (self->db != NULL && (users = att_users_list (self->db, NULL)) != NULL)
    for (guint i = 0; i < users->len; i++)
      gtk_string_list_append (list, ((AttUser *)g_ptr_array_index (users, i))->name);
  gtk_string_list_append (list, att_user_system ()->name);

  self->loading = TRUE;
  g_set_object (&self->users, list);
  gtk_drop_down_set_model (self->user_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->user_dropdown, 0);
  self->loading = FALSE;
}

static void
on_db_changed (AttDb          *db,
               guint           changes,
               AttAuditWindow *self)
{
  if (changes & ATT_CHANGE_USERS)
    fill_users (self);
  reload (self);
}

static void
set_db (AttAuditWindow *self,
        AttDb          *db)
{
  if (self->db == db)
    return;
  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_set_object (&self->db, db);
  if (self->db != NULL)
    self->changed_id = g_signal_connect (self->db, "changed", G_CALLBACK (on_db_changed), self);
  fill_users (self);
  reload (self);
}

static void
on_context_db_changed (AttContext     *context,
                       GParamSpec     *pspec,
                       AttAuditWindow *self)
{
  set_db (self, att_context_get_db (context));
}

static void
on_context_user_changed (AttContext     *context,
                         GParamSpec     *pspec,
                         AttAuditWindow *self)
{
  reload (self);
}

/* Export */

gboolean
att_audit_window_export (AttAuditWindow  *self,
                         const char      *path,
                         GError         **error)
{
  AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
  const AttUser *user = att_context_get_user (self->context);
  const char *why = NULL;
  guint n_rows = 0;

  g_return_val_if_fail (ATT_IS_AUDIT_WINDOW (self), FALSE);

  if (self->db == NULL || user == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                   _("Open a school and sign in as an administrator to export the audit log"));
      return FALSE;
    }
  if (!read_filter (self, &filter, &why))
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_INVALID, why);
      return FALSE;
    }
  /* Oldest first in a file, every row the filters select. */
  filter.newest_first = FALSE;
  if (!att_audit_export_csv (self->db, user, &filter, path, &n_rows, error))
    return FALSE;

  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u change exported",
                                                          "%u changes exported", n_rows),
                                             n_rows);
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  }
  return TRUE;
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(AttAuditWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !att_audit_window_export (self, path, &error))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttAuditWindow *self = ATT_AUDIT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *day = att_date_format (att_context_get_today (self->context));
  g_autofree char *name = g_strdup_printf ("audit-log-%s.csv", day);

  dialog = gtk_file_chooser_native_new (_("Export the Audit Log"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
focus_pupil_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (ATT_AUDIT_WINDOW (widget)->pupil_entry));
}

/* Public */

AttAuditWindow *
att_audit_window_new (AttContext *context)
{
  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  return g_object_new (ATT_TYPE_AUDIT_WINDOW, "context", context, NULL);
}

GtkColumnView *
att_audit_window_get_column_view (AttAuditWindow *self)
{
  g_return_val_if_fail (ATT_IS_AUDIT_WINDOW (self), NULL);
  return self->column_view;
}

GtkDropDown *
att_audit_window_get_user_dropdown (AttAuditWindow *self)
{
  g_return_val_if_fail (ATT_IS_AUDIT_WINDOW (self), NULL);
  return self->user_dropdown;
}

GtkDropDown *
att_audit_window_get_kind_dropdown (AttAuditWindow *self)
{
  g_return_val_if_fail (ATT_IS_AUDIT_WINDOW (self), NULL);
  return self->kind_dropdown;
}

GtkEditable *
att_audit_window_get_pupil_entry (AttAuditWindow *self)
{
  g_return_val_if_fail (ATT_IS_AUDIT_WINDOW (self), NULL);
  return GTK_EDITABLE (self->pupil_entry);
}

GtkEditable *
att_audit_window_get_from_entry (AttAuditWindow *self)
{
  g_return_val_if_fail (ATT_IS_AUDIT_WINDOW (self), NULL);
  return GTK_EDITABLE (self->from_entry);
}

GtkEditable *
att_audit_window_get_to_entry (AttAuditWindow *self)
{
  g_return_val_if_fail (ATT_IS_AUDIT_WINDOW (self), NULL);
  return GTK_EDITABLE (self->to_entry);
}

gboolean
att_audit_window_is_empty (AttAuditWindow *self)
{
  g_return_val_if_fail (ATT_IS_AUDIT_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

/* GObject */

static void
att_audit_window_constructed (GObject *object)
{
  AttAuditWindow *self = ATT_AUDIT_WINDOW (object);

  G_OBJECT_CLASS (att_audit_window_parent_class)->constructed (object);

  if (self->context == NULL)
    self->context = att_context_new (NULL);
  g_signal_connect_object (self->context, "notify::db",
                           G_CALLBACK (on_context_db_changed), self, 0);
  g_signal_connect_object (self->context, "notify::user",
                           G_CALLBACK (on_context_user_changed), self, 0);
  set_db (self, att_context_get_db (self->context));
  if (self->db == NULL)
    reload (self);
}

static void
att_audit_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AttAuditWindow *self = ATT_AUDIT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_audit_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AttAuditWindow *self = ATT_AUDIT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_audit_window_dispose (GObject *object)
{
  AttAuditWindow *self = ATT_AUDIT_WINDOW (object);

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_object (&self->db);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_AUDIT_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->users);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_audit_window_parent_class)->dispose (object);
}

static void
att_audit_window_class_init (AttAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = att_audit_window_constructed;
  object_class->set_property = att_audit_window_set_property;
  object_class->get_property = att_audit_window_get_property;
  object_class->dispose = att_audit_window_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ATT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/admin/att-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, user_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, pupil_entry);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttAuditWindow, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "audit.find-pupil", NULL, focus_pupil_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "audit.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "audit.find-pupil", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_audit_window_init (AttAuditWindow *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (ATT_TYPE_AUDIT_ENTRY);
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)))));

  /* Translators: column headings of the audit log */
  add_column (self, _("When"), COLUMN_WHEN, 130);
  add_column (self, _("Who"), COLUMN_WHO, 140);
  add_column (self, _("Kind"), COLUMN_KIND, 90);
  add_column (self, _("Pupil"), COLUMN_PUPIL, 200);
  add_column (self, _("What"), COLUMN_WHAT, 220);
  add_column (self, _("Before → After"), COLUMN_CHANGE, 0);

  /* Translators: the kind filter of the audit log, when any kind will do */
  gtk_string_list_append (kinds, _("Any kind"));
  for (guint i = 0; i < ATT_AUDIT_N_KINDS; i++)
    gtk_string_list_append (kinds, att_audit_kind_describe (i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  g_signal_connect (self->user_dropdown, "notify::selected", G_CALLBACK (on_dropdown_changed), self);
  g_signal_connect (self->kind_dropdown, "notify::selected", G_CALLBACK (on_dropdown_changed), self);
}
