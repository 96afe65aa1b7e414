/* att-sign-in-view.c: signing in, unlocking, and the first administrator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyboard first: the list of names has the focus, Enter on a name moves
 * to the password, Enter there signs in. The password is checked by the
 * core (att_auth_sign_in ()), which counts wrong ones and makes the next
 * try wait after five; the view only says what the core said, and keeps
 * the button off while the wait runs.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "att-demo.h"
#include "att-sign-in-view-private.h"

struct _AttSignInView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  AdwStatusPage  *status_page;
  GtkStack       *form_stack;
  GtkListBox     *users_list;
  GtkWidget      *password_row;
  GtkWidget      *name_row;
  GtkWidget      *new_password_row;
  GtkWidget      *confirm_row;
  GtkLabel       *error_label;
  GtkButton      *submit_button;

  AttContext     *context;
  GArray         *user_ids;     /* gint64, one per row of users_list */
  guint           wait_id;
  GCancellable   *checking;     /* a password being checked, or NULL */
};

G_DEFINE_FINAL_TYPE (AttSignInView, att_sign_in_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (AttSignInView *self,
              const char    *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
is_first_run (AttSignInView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->form_stack), "first-run") == 0;
}

static void
clear_passwords (AttSignInView *self)
{
  /* The entries keep their text in memory that is wiped when replaced. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

static gboolean
wait_over (gpointer user_data)
{
  AttSignInView *self = user_data;

  self->wait_id = 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit", TRUE);
  show_message (self, NULL);
  return G_SOURCE_REMOVE;
}

/* After five wrong passwords the core refuses every try for a while: the
 * button waits as long. */
static void
wait_before_next_try (AttSignInView *self,
                      gint64         seconds)
{
  g_clear_handle_id (&self->wait_id, g_source_remove);
  if (seconds <= 0)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit", FALSE);
  self->wait_id = g_timeout_add_seconds ((guint)MIN (seconds, G_MAXUINT), wait_over, self);
}

static gint64
selected_user_id (AttSignInView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->users_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (index < 0 || (guint)index >= self->user_ids->len)
    return 0;
  return g_array_index (self->user_ids, gint64, index);
}

static void
signed_in (AttSignInView *self,
           AttUser       *user)
{
  clear_passwords (self);
  show_message (self, NULL);
  att_context_set_user (self->context, user);
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

/* A password being checked on another thread: Argon2id takes a moment
 * and a deal of memory on purpose, and the window must not freeze. */
typedef struct
{
  AttDb  *db;
  gint64  user_id;
  char   *hash;
  char   *password;
  gint64  now;
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->db);
  g_free (check->hash);
  if (check->password != NULL)
    {
      /* The copy is wiped before it goes back to the allocator. */
      sodium_memzero (check->password, strlen (check->password));
      g_free (check->password);
    }
  g_free (check);
}

static void
set_busy (AttSignInView *self,
          gboolean       busy)
{
  /* Nothing is made insensitive: the focus stays where it is. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit", !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Check *check = task_data;

  g_task_return_boolean (task, att_auth_verify (check->hash, check->password));
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AttSignInView *self = ATT_SIGN_IN_VIEW (source);
  Check *check = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  gboolean right = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->checking);
  set_busy (self, FALSE);
  /* Another school opened meanwhile: this password was for the other. */
  if (check->db != att_context_get_db (self->context))
    return;

  user = att_auth_sign_in_finish (check->db, check->user_id, check->password, check->hash,
                                  right, check->now, &error);
  if (user == NULL)
    {
      show_message (self, error->message);
      wait_before_next_try (self, att_auth_delay_remaining (check->db, check->user_id, check->now));
      gtk_widget_grab_focus (self->password_row);
      return;
    }
  signed_in (self, user);
}

static void
sign_in (AttSignInView *self)
{
  AttDb *db = att_context_get_db (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *hash = NULL;
  gint64 id = selected_user_id (self);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Check *check;

  if (db == NULL || self->checking != NULL)
    return;
  if (id <= 0)
    {
      show_message (self, _("Choose your name first"));
      gtk_widget_grab_focus (GTK_WIDGET (self->users_list));
      return;
    }

  /* Deactivated, no password, or waiting after wrong ones: said at once. */
  hash = att_auth_sign_in_prepare (db, id, now, &error);
  if (hash == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      show_message (self, error->message);
      wait_before_next_try (self, att_auth_delay_remaining (db, id, now));
      return;
    }

  check = g_new0 (Check, 1);
  check->db = g_object_ref (db);
  check->user_id = id;
  check->hash = g_steal_pointer (&hash);
  check->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  check->now = now;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_message (self, NULL);
  set_busy (self, TRUE);

  self->checking = g_cancellable_new ();
  task = g_task_new (self, self->checking, verified_cb, NULL);
  g_task_set_source_tag (task, sign_in);
  g_task_set_task_data (task, check, (GDestroyNotify)check_free);
  g_task_run_in_thread (task, verify_thread);
}

/* The first run: the school has nobody yet, and the person at the
 * keyboard becomes its administrator, who adds everyone else. */
static void
create_administrator (AttSignInView *self)
{
  AttDb *db = att_context_get_db (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->new_password_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  gint64 id;

  if (db == NULL)
    return;
  if (g_strcmp0 (password, again) != 0)
    {
      show_message (self, _("The two passwords are not the same: type them again"));
      gtk_editable_set_text (GTK_EDITABLE (self->new_password_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
      gtk_widget_grab_focus (self->new_password_row);
      return;
    }

  /* Someone may have added a user meanwhile (attendance-cli): then the
   * set-up is over, and this person signs in as anyone else does. */
  users = att_users_list (db, NULL);
  if (users != NULL && users->len > 0)
    {
      att_sign_in_view_reset (self, NULL);
      show_message (self, _("The school has users now: choose your name and sign in"));
      return;
    }

  id = att_users_add_with_password (db, att_user_system (), name, ATT_ROLE_ADMIN, NULL,
                                    password, &error);
  if (id > 0)
    user = att_auth_sign_in (db, id, password, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (user == NULL)
    {
      show_message (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->new_password_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
      gtk_widget_grab_focus (id > 0 ? self->new_password_row : self->name_row);
      return;
    }
  signed_in (self, user);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttSignInView *self = ATT_SIGN_IN_VIEW (widget);

  if (is_first_run (self))
    create_administrator (self);
  else
    sign_in (self);
}

static void
on_user_activated (GtkListBox    *list,
                   GtkListBoxRow *row,
                   AttSignInView *self)
{
  if (self->checking != NULL)
    return;
  gtk_list_box_select_row (list, row);
  show_message (self, NULL);
  gtk_widget_grab_focus (self->password_row);
}

static void
on_entry_activated (AdwEntryRow   *row,
                    AttSignInView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.submit", NULL);
}

static void
on_name_activated (AdwEntryRow   *row,
                   AttSignInView *self)
{
  gtk_widget_grab_focus (self->new_password_row);
}

static void
on_new_password_activated (AdwEntryRow   *row,
                           AttSignInView *self)
{
  gtk_widget_grab_focus (self->confirm_row);
}

static GtkWidget *
create_user_row (AttDb         *db,
                 const AttUser *user)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (32, user->name, TRUE);
  const char *position = user->position != NULL && user->position[0] != '\0'
                         ? user->position : att_role_describe (user->role);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (att_users_has_password (db, user->id))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), position);
  else
    {
      /* Translators: the position of a user who cannot sign in yet */
      g_autofree char *text = g_strdup_printf (_("%s · no password yet"), position);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
set_description (AttSignInView *self,
                 AttDb         *db,
                 const char    *text)
{
  g_autofree char *full = NULL;

  /* A demonstration school's password is no secret: it is said here, so
   * the demo opens with the README's one command. */
  if (db != NULL && att_school_is_demonstration (db))
    full = g_strdup_printf (_("%s\n\nThis is a demonstration school: every user’s password is “%s”."),
                            text, ATT_DEMO_PASSWORD);
  adw_status_page_set_description (self->status_page, full != NULL ? full : text);
}

void
att_sign_in_view_reset (AttSignInView *self,
                        const AttUser *locked_by)
{
  AttDb *db;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(AttSchool) school = NULL;
  GtkWidget *child;
  GtkListBoxRow *chosen = NULL;

  g_return_if_fail (ATT_IS_SIGN_IN_VIEW (self));

  db = att_context_get_db (self->context);
  if (self->checking != NULL)
    {
      g_cancellable_cancel (self->checking);
      g_clear_object (&self->checking);
      set_busy (self, FALSE);
    }
  clear_passwords (self);
  show_message (self, NULL);
  g_clear_handle_id (&self->wait_id, g_source_remove);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit", db != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->users_list))) != NULL)
    gtk_list_box_remove (self->users_list, child);
  g_array_set_size (self->user_ids, 0);

  if (db == NULL)
    return;
  users = att_users_list (db, NULL);
  school = att_school_load (db);

  if (users != NULL && users->len == 0)
    {
      gtk_stack_set_visible_child_name (self->form_stack, "first-run");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
      adw_status_page_set_icon_name (self->status_page, "system-users-symbolic");
      adw_status_page_set_title (self->status_page, _("Welcome to Attendance"));
      set_description (self, db,
                       _("Nobody uses this school’s records yet. Set up the administrator first, "
                         "who then adds everyone else under Users in the main menu."));
      gtk_button_set_label (self->submit_button, _("_Create Administrator"));
      gtk_widget_grab_focus (self->name_row);
      return;
    }

  gtk_stack_set_visible_child_name (self->form_stack, "sign-in");
  gtk_button_set_label (self->submit_button, _("_Sign In"));
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      const AttUser *user = g_ptr_array_index (users, i);
      GtkWidget *row;

      if (user->deactivated)
        continue;
      row = create_user_row (db, user);
      gtk_list_box_append (self->users_list, row);
      g_array_append_val (self->user_ids, user->id);
      if (locked_by != NULL && user->id == locked_by->id)
        chosen = GTK_LIST_BOX_ROW (row);
    }

  if (locked_by != NULL)
    {
      g_autofree char *text =
        /* Translators: %s is the name of the person who locked the window */
        g_strdup_printf (_("%s locked Attendance. Type the password to go on where you were, "
                           "or choose another name."), locked_by->name);

      adw_status_page_set_icon_name (self->status_page, "system-lock-screen-symbolic");
      adw_status_page_set_title (self->status_page, _("Locked"));
      set_description (self, db, text);
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, "system-users-symbolic");
      adw_status_page_set_title (self->status_page,
                                 school->name != NULL && school->name[0] != '\0'
                                 ? school->name : _("Sign In"));
      set_description (self, db, _("Choose your name and type your password."));
    }

  if (chosen != NULL)
    {
      gtk_list_box_select_row (self->users_list, chosen);
      gtk_widget_grab_focus (self->password_row);
    }
  else
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->users_list, 0);

      if (first != NULL)
        {
          gtk_list_box_select_row (self->users_list, first);
          gtk_widget_grab_focus (GTK_WIDGET (first));
        }
    }
}

AttSignInView *
att_sign_in_view_new (AttContext *context)
{
  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  return g_object_new (ATT_TYPE_SIGN_IN_VIEW, "context", context, NULL);
}

const char *
att_sign_in_view_get_mode (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->form_stack);
}

GtkListBox *
att_sign_in_view_get_users_list (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), NULL);

  return self->users_list;
}

GtkWidget *
att_sign_in_view_get_password_row (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), NULL);

  return self->password_row;
}

GtkWidget *
att_sign_in_view_get_name_row (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), NULL);

  return self->name_row;
}

GtkWidget *
att_sign_in_view_get_new_password_row (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), NULL);

  return self->new_password_row;
}

GtkWidget *
att_sign_in_view_get_confirm_row (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), NULL);

  return self->confirm_row;
}

GtkWidget *
att_sign_in_view_get_submit_button (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), NULL);

  return GTK_WIDGET (self->submit_button);
}

const char *
att_sign_in_view_get_message (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_label (self->error_label) : NULL;
}

gboolean
att_sign_in_view_is_checking (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), FALSE);

  return self->checking != NULL;
}

const char *
att_sign_in_view_get_description (AttSignInView *self)
{
  g_return_val_if_fail (ATT_IS_SIGN_IN_VIEW (self), NULL);

  return adw_status_page_get_description (self->status_page);
}

static void
att_sign_in_view_dispose (GObject *object)
{
  AttSignInView *self = ATT_SIGN_IN_VIEW (object);

  GtkWidget *child;

  g_clear_handle_id (&self->wait_id, g_source_remove);
  if (self->checking != NULL)
    g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_SIGN_IN_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_sign_in_view_parent_class)->dispose (object);
}

static void
att_sign_in_view_finalize (GObject *object)
{
  AttSignInView *self = ATT_SIGN_IN_VIEW (object);

  g_array_unref (self->user_ids);

  G_OBJECT_CLASS (att_sign_in_view_parent_class)->finalize (object);
}

static void
att_sign_in_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AttSignInView *self = ATT_SIGN_IN_VIEW (object);

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
att_sign_in_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AttSignInView *self = ATT_SIGN_IN_VIEW (object);

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
att_sign_in_view_class_init (AttSignInViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_sign_in_view_dispose;
  object_class->finalize = att_sign_in_view_finalize;
  object_class->get_property = att_sign_in_view_get_property;
  object_class->set_property = att_sign_in_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ATT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted once someone has signed in: the context has them already. */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/users/att-sign-in-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttSignInView, status_page);
  gtk_widget_class_bind_template_child (widget_class, AttSignInView, form_stack);
  gtk_widget_class_bind_template_child (widget_class, AttSignInView, users_list);
  gtk_widget_class_bind_template_child (widget_class, AttSignInView, password_row);
  gtk_widget_class_bind_template_child (widget_class, AttSignInView, name_row);
  gtk_widget_class_bind_template_child (widget_class, AttSignInView, new_password_row);
  gtk_widget_class_bind_template_child (widget_class, AttSignInView, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, AttSignInView, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttSignInView, submit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_user_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_password_activated);

  gtk_widget_class_install_action (widget_class, "sign-in.submit", NULL, submit_action);
}

static void
att_sign_in_view_init (AttSignInView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}
