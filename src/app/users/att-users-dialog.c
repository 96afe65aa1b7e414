/* att-users-dialog.c: the school's users, for its administrators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds users with a password, resets a password, deactivates and
 * reactivates users, and lets the headteacher authorise a deputy; also
 * the minutes after which an unused window locks. Every rule (who may,
 * the last administrator, the deputy) is the core's: what a button may
 * not do is disabled, with the core's reason as its tooltip.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-users-dialog-private.h"

struct _AttUsersDialog
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *users_group;
  GtkWidget            *add_button;
  AdwActionRow         *lock_row;
  GtkSpinButton        *lock_spin;

  /* The add-user and password pages, made once and shown as subpages. */
  GtkWidget            *add_page;
  GtkWidget            *name_row;
  GtkWidget            *role_row;
  GtkWidget            *position_row;
  GtkWidget            *add_password_row;
  GtkWidget            *add_confirm_row;
  GtkWidget            *password_page;
  AdwWindowTitle       *password_title;
  GtkWidget            *password_row;
  GtkWidget            *confirm_row;
  gint64                password_user_id;

  AttContext           *context;
  GPtrArray            *rows;          /* the user rows in users_group */
  gulong                changed_id;
  gboolean              loading;
  char                 *message;       /* the last message shown, for the tests */
};

G_DEFINE_FINAL_TYPE (AttUsersDialog, att_users_dialog, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const AttUser *
get_user (AttUsersDialog *self)
{
  return att_context_get_user (self->context);
}

static void
say (AttUsersDialog *self,
     const char     *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
clear_entries (GtkWidget *first,
               ...)
{
  va_list args;

  va_start (args, first);
  for (GtkWidget *w = first; w != NULL; w = va_arg (args, GtkWidget *))
    gtk_editable_set_text (GTK_EDITABLE (w), "");
  va_end (args);
}

/* Enables what the signed-in user may do, as the core decides it. */
static void
actions_update (AttUsersDialog *self)
{
  const AttUser *user = get_user (self);
  g_autoptr(GError) users_error = NULL;
  g_autoptr(GError) settings_error = NULL;
  gboolean may_manage = user != NULL && att_user_require (user, ATT_PERM_USERS, &users_error);
  gboolean may_set = user != NULL && att_user_require (user, ATT_PERM_SETTINGS, &settings_error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.add", may_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.reset-password", may_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.set-active", may_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.deputy",
                                 user != NULL && att_user_can (user, ATT_PERM_AUTHORISE_DEPUTY));
  gtk_widget_set_tooltip_text (self->add_button, may_manage || users_error == NULL
                                                 ? NULL : users_error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_spin), may_set);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lock_spin), may_set || settings_error == NULL
                                                             ? NULL : settings_error->message);
}

static GtkWidget *
row_button (const char *label,
            const char *icon_name,
            const char *action_name,
            GVariant   *target,
            const char *tooltip,
            const char *refusal)
{
  GtkWidget *button = icon_name != NULL ? gtk_button_new_from_icon_name (icon_name)
                                        : gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, action_name);
  if (icon_name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* What may not be done says why. A refused button has no action, whose
   * state would turn it on again. */
  if (refusal != NULL)
    {
      gtk_widget_set_sensitive (button, FALSE);
      g_variant_unref (g_variant_ref_sink (target));
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
    }
  gtk_widget_set_tooltip_text (button, refusal != NULL ? refusal : tooltip);
  return button;
}

static GtkWidget *
create_row (AttUsersDialog *self,
            const AttUser  *user,
            gboolean        has_password)
{
  const AttUser *me = get_user (self);
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (att_role_describe (user->role));
  g_autoptr(GError) deputy_error = NULL;
  g_autofree char *deputy_refusal = NULL;
  const char *active_refusal = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->name);
  if (user->position != NULL && user->position[0] != '\0' &&
      g_utf8_collate (user->position, att_role_describe (user->role)) != 0 &&
      g_ascii_strcasecmp (user->position, att_role_describe (user->role)) != 0)
    g_string_append_printf (subtitle, " · %s", user->position);
  if (user->deputy)
    g_string_append_printf (subtitle, " · %s", _("deputy for leave and penalty decisions"));
  if (user->deactivated)
    g_string_append_printf (subtitle, " · %s", _("deactivated"));
  if (!has_password)
    g_string_append_printf (subtitle, " · %s", _("no password yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), adw_avatar_new (32, user->name, TRUE));
  if (user->deactivated)
    gtk_widget_add_css_class (row, "dim-label");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (_("Reset Password…"), "dialog-password-symbolic",
                                         "users.reset-password", g_variant_new_int64 (user->id),
                                         _("Reset Password…"), NULL));

  /* The deputy is the headteacher's to name, among the other users. */
  if (me == NULL || !att_user_require (me, ATT_PERM_AUTHORISE_DEPUTY, &deputy_error))
    deputy_refusal = g_strdup (deputy_error != NULL ? deputy_error->message : "");
  else if (user->role == ATT_ROLE_HEADTEACHER)
    deputy_refusal = g_strdup (_("A headteacher decides leave and penalty cases already"));
  else if (user->deactivated)
    deputy_refusal = g_strdup (_("Reactivate this user before making them deputy"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (user->deputy ? _("Withdraw Deputy") : _("Make Deputy"), NULL,
                                         "users.deputy", g_variant_new_int64 (user->deputy ? 0 : user->id),
                                         user->deputy
                                         ? _("Withdraw the authority to decide leave and penalty cases")
                                         : _("Authorise as the headteacher’s deputy to decide leave and penalty cases"),
                                         deputy_refusal));

  if (me != NULL && me->id == user->id && !user->deactivated)
    active_refusal = _("You cannot deactivate yourself: ask another administrator");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (user->deactivated ? _("Reactivate") : _("Deactivate"), NULL,
                                         "users.set-active",
                                         g_variant_new ("(xb)", user->id, user->deactivated),
                                         user->deactivated
                                         ? _("Let this user sign in and make changes again")
                                         : _("Stop this user signing in; everything they did stays theirs"),
                                         active_refusal));
  return row;
}

static void
reload (AttUsersDialog *self)
{
  AttDb *db = att_context_get_db (self->context);
  g_autoptr(GPtrArray) users = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->users_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (db == NULL)
    return;
  users = att_users_list (db, NULL);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      const AttUser *user = g_ptr_array_index (users, i);
      GtkWidget *row = create_row (self, user, att_users_has_password (db, user->id));

      adw_preferences_group_add (self->users_group, row);
      g_ptr_array_add (self->rows, row);
    }

  {
    g_autoptr(AttSchool) school = att_school_load (db);

    self->loading = TRUE;
    gtk_spin_button_set_value (self->lock_spin, school->lock_minutes);
    self->loading = FALSE;
  }
  actions_update (self);
}

static void
on_db_changed (AttDb          *db,
               guint           changes,
               AttUsersDialog *self)
{
  if (changes & (ATT_CHANGE_USERS | ATT_CHANGE_SETTINGS))
    reload (self);
}

/* Another user signed in (over a lock): the buttons follow their rights. */
static void
on_user_changed (AttContext     *context,
                 GParamSpec     *pspec,
                 AttUsersDialog *self)
{
  reload (self);
}

static void
on_lock_changed (GtkSpinButton  *spin,
                 AttUsersDialog *self)
{
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = get_user (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (self->loading || db == NULL || user == NULL)
    return;
  value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));
  if (!att_school_set (db, user, "lock_minutes", value, &error))
    say (self, error->message);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (widget);

  clear_entries (self->name_row, self->position_row, self->add_password_row,
                 self->add_confirm_row, NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->role_row), ATT_ROLE_RECEPTIONIST);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), self->add_page);
  gtk_widget_grab_focus (self->name_row);
}

static void
add_save_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (widget);
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = get_user (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->add_password_row));
  guint role = adw_combo_row_get_selected (ADW_COMBO_ROW (self->role_row));

  if (db == NULL || user == NULL || role >= ATT_N_ROLES)
    return;
  if (g_strcmp0 (password, gtk_editable_get_text (GTK_EDITABLE (self->add_confirm_row))) != 0)
    {
      say (self, _("The two passwords are not the same: type them again"));
      clear_entries (self->add_password_row, self->add_confirm_row, NULL);
      gtk_widget_grab_focus (self->add_password_row);
      return;
    }
  if (att_users_add_with_password (db, user, name, role,
                                   gtk_editable_get_text (GTK_EDITABLE (self->position_row)),
                                   password, &error) <= 0)
    {
      say (self, error->message);
      clear_entries (self->add_password_row, self->add_confirm_row, NULL);
      return;
    }
  /* Translators: %s is the name of the user just added */
  done = g_strdup_printf (_("Added %s"), name);
  clear_entries (self->add_password_row, self->add_confirm_row, NULL);
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  say (self, done);
}

static void
reset_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (widget);
  AttDb *db = att_context_get_db (self->context);
  g_autoptr(AttUser) target = NULL;
  g_autofree char *title = NULL;

  if (db == NULL)
    return;
  target = att_users_get (db, g_variant_get_int64 (parameter), NULL);
  if (target == NULL)
    return;
  self->password_user_id = target->id;
  /* Translators: %s is a person's name */
  title = g_strdup_printf (_("Password of %s"), target->name);
  adw_window_title_set_title (self->password_title, title);
  clear_entries (self->password_row, self->confirm_row, NULL);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), self->password_page);
  gtk_widget_grab_focus (self->password_row);
}

static void
password_save_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (widget);
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = get_user (self);
  g_autoptr(GError) error = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  gboolean same = g_strcmp0 (password, gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))) == 0;
  gboolean done;

  if (db == NULL || user == NULL)
    return;
  done = same && att_users_set_password (db, user, self->password_user_id, password, &error);
  clear_entries (self->password_row, self->confirm_row, NULL);
  if (!done)
    {
      say (self, same ? error->message : _("The two passwords are not the same: type them again"));
      gtk_widget_grab_focus (self->password_row);
      return;
    }
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  say (self, _("The password was set: tell its owner, who may sign in with it now"));
}

static void
set_active_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (widget);
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = get_user (self);
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean active;

  if (db == NULL || user == NULL)
    return;
  g_variant_get (parameter, "(xb)", &id, &active);
  if (!att_users_set_active (db, user, id, active, &error))
    say (self, error->message);
}

static void
deputy_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (widget);
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = get_user (self);
  g_autoptr(GError) error = NULL;

  if (db == NULL || user == NULL)
    return;
  if (!att_users_set_deputy (db, user, g_variant_get_int64 (parameter), &error))
    say (self, error->message);
}

/* A subpage: a header bar with a back button and a title, a group of
 * rows, and a button that saves. */
static GtkWidget *
create_subpage (const char      *title,
                AdwWindowTitle **title_out,
                GtkWidget      **group_out,
                const char      *save_label,
                const char      *save_action)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *window_title = adw_window_title_new (title, NULL);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (save_label);
  GtkWidget *save_group = adw_preferences_group_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "users.close-subpage");
  gtk_widget_set_tooltip_text (back, _("Back"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), window_title);
  gtk_box_append (GTK_BOX (box), header);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), save_action);
  gtk_widget_set_halign (save, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (save, "pill");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (save_group), save);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (save_group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  if (title_out != NULL)
    *title_out = ADW_WINDOW_TITLE (window_title);
  *group_out = group;
  return box;
}

static GtkWidget *
add_entry (GtkWidget  *group,
           const char *title,
           gboolean    password)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
close_subpage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (widget);

  clear_entries (self->add_password_row, self->add_confirm_row, self->password_row,
                 self->confirm_row, NULL);
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
}

static void
on_add_confirm_activated (AttUsersDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "users.add-save", NULL);
}

static void
on_password_confirm_activated (AttUsersDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "users.password-save", NULL);
}

static void
build_subpages (AttUsersDialog *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  GtkWidget *group;

  self->add_page = create_subpage (_("Add User"), NULL, &group, _("_Add User"), "users.add-save");
  g_object_ref_sink (self->add_page);
  self->name_row = add_entry (group, _("Name"), FALSE);
  for (guint i = 0; i < ATT_N_ROLES; i++)
    gtk_string_list_append (roles, att_role_describe (i));
  self->role_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role_row), _("Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->role_row), G_LIST_MODEL (roles));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->role_row);
  self->position_row = add_entry (group, _("Position (as the register records it)"), FALSE);
  self->add_password_row = add_entry (group, _("Password"), TRUE);
  self->add_confirm_row = add_entry (group, _("Password Again"), TRUE);

  self->password_page = create_subpage ("", &self->password_title, &group, _("_Set Password"),
                                        "users.password-save");
  g_object_ref_sink (self->password_page);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The old password stops working, and any wait after wrong passwords ends."));
  self->password_row = add_entry (group, _("New Password"), TRUE);
  self->confirm_row = add_entry (group, _("New Password Again"), TRUE);

  /* Enter in the last entry saves. */
  g_signal_connect_swapped (self->add_confirm_row, "entry-activated",
                            G_CALLBACK (on_add_confirm_activated), self);
  g_signal_connect_swapped (self->confirm_row, "entry-activated",
                            G_CALLBACK (on_password_confirm_activated), self);
}

AttUsersDialog *
att_users_dialog_new (AttContext *context)
{
  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  return g_object_new (ATT_TYPE_USERS_DIALOG, "context", context, NULL);
}

GtkWidget *
att_users_dialog_get_row (AttUsersDialog *self,
                          const char     *name)
{
  g_return_val_if_fail (ATT_IS_USERS_DIALOG (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
        return row;
    }
  return NULL;
}

GtkWidget *
att_users_dialog_get_row_button (AttUsersDialog *self,
                                 const char     *name,
                                 const char     *action_name)
{
  GtkWidget *row = att_users_dialog_get_row (self, name);
  GtkWidget *stack[32];
  guint n = 0;

  if (row == NULL)
    return NULL;
  stack[n++] = row;
  while (n > 0)
    {
      GtkWidget *w = stack[--n];

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_widget_get_name (w), action_name) == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && n < G_N_ELEMENTS (stack);
           c = gtk_widget_get_next_sibling (c))
        stack[n++] = c;
    }
  return NULL;
}

GtkWidget *
att_users_dialog_get_entry (AttUsersDialog *self,
                            const char     *which)
{
  g_return_val_if_fail (ATT_IS_USERS_DIALOG (self), NULL);

  if (g_strcmp0 (which, "name") == 0)
    return self->name_row;
  if (g_strcmp0 (which, "role") == 0)
    return self->role_row;
  if (g_strcmp0 (which, "position") == 0)
    return self->position_row;
  if (g_strcmp0 (which, "add-password") == 0)
    return self->add_password_row;
  if (g_strcmp0 (which, "add-confirm") == 0)
    return self->add_confirm_row;
  if (g_strcmp0 (which, "password") == 0)
    return self->password_row;
  if (g_strcmp0 (which, "confirm") == 0)
    return self->confirm_row;
  if (g_strcmp0 (which, "lock") == 0)
    return GTK_WIDGET (self->lock_spin);
  return NULL;
}

const char *
att_users_dialog_get_message (AttUsersDialog *self)
{
  g_return_val_if_fail (ATT_IS_USERS_DIALOG (self), NULL);

  return self->message;
}

static void
att_users_dialog_constructed (GObject *object)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (object);
  AttDb *db;

  G_OBJECT_CLASS (att_users_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);
  db = att_context_get_db (self->context);
  if (db != NULL)
    self->changed_id = g_signal_connect (db, "changed", G_CALLBACK (on_db_changed), self);
  g_signal_connect_object (self->context, "notify::user", G_CALLBACK (on_user_changed), self, 0);
  reload (self);
}

static void
att_users_dialog_dispose (GObject *object)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (object);
  AttDb *db = self->context != NULL ? att_context_get_db (self->context) : NULL;

  if (db != NULL)
    g_clear_signal_handler (&self->changed_id, db);
  g_clear_object (&self->add_page);
  g_clear_object (&self->password_page);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_USERS_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (att_users_dialog_parent_class)->dispose (object);
}

static void
att_users_dialog_finalize (GObject *object)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (object);

  g_free (self->message);

  G_OBJECT_CLASS (att_users_dialog_parent_class)->finalize (object);
}

static void
att_users_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (object);

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
att_users_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AttUsersDialog *self = ATT_USERS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_users_dialog_class_init (AttUsersDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = att_users_dialog_constructed;
  object_class->dispose = att_users_dialog_dispose;
  object_class->finalize = att_users_dialog_finalize;
  object_class->get_property = att_users_dialog_get_property;
  object_class->set_property = att_users_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ATT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/users/att-users-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttUsersDialog, users_group);
  gtk_widget_class_bind_template_child (widget_class, AttUsersDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, AttUsersDialog, lock_row);
  gtk_widget_class_bind_template_child (widget_class, AttUsersDialog, lock_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_lock_changed);

  gtk_widget_class_install_action (widget_class, "users.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "users.add-save", NULL, add_save_action);
  gtk_widget_class_install_action (widget_class, "users.reset-password", "x", reset_password_action);
  gtk_widget_class_install_action (widget_class, "users.password-save", NULL, password_save_action);
  gtk_widget_class_install_action (widget_class, "users.set-active", "(xb)", set_active_action);
  gtk_widget_class_install_action (widget_class, "users.deputy", "x", deputy_action);
  gtk_widget_class_install_action (widget_class, "users.close-subpage", NULL, close_subpage_action);
}

static void
att_users_dialog_init (AttUsersDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  build_subpages (self);
}
