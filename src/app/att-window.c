/* att-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-audit-window.h"
#include "att-backups-dialog.h"
#include "att-ctf-dialog.h"
#include "att-import-dialog.h"
#include "att-mail-dialog.h"
#include "att-calls-page.h"
#include "att-leave-page.h"
#include "att-letters-page.h"
#include "att-page.h"
#include "att-penalty-page.h"
#include "att-preferences-window.h"
#include "att-purge-dialog.h"
#include "att-pupils-page.h"
#include "att-register-page.h"
#include "att-reports-page.h"
#include "att-setup-view.h"
#include "att-sign-in-view.h"
#include "att-today-page.h"
#include "att-users-dialog.h"
#include "att-window-private.h"

/* The areas of the window, in sidebar order; Alt+1, Alt+2, ... follow
 * this order. A page is an AttPage: the window hands it its AttContext
 * (the database, the user, the settings, the clock) and shows its
 * "subtitle" under the title, and its "can-go-back" as the back button.
 * To add an area, add a line here and its sources to src/app/meson.build
 * (one folder per area: src/app/today/, src/app/register/, ...). */
typedef struct
{
  const char  *name;
  const char  *title;
  const char  *icon_name;
  GType      (*get_type) (void);
} AttWindowPageInfo;

static const AttWindowPageInfo page_infos[] = {
  { "today", N_("Today"), "go-home-symbolic", att_today_page_get_type },
  { "register", N_("Register"), "x-office-spreadsheet-symbolic", att_register_page_get_type },
  { "pupils", N_("Pupils"), "system-users-symbolic", att_pupils_page_get_type },
  { "calls", N_("Calls"), "call-start-symbolic", att_calls_page_get_type },
  { "leave", N_("Leave"), "x-office-calendar-symbolic", att_leave_page_get_type },
  { "letters", N_("Letters"), "mail-unread-symbolic", att_letters_page_get_type },
  { "penalty", N_("Penalty Notices"), "dialog-warning-symbolic", att_penalty_page_get_type },
  { "reports", N_("Reports"), "x-office-presentation-symbolic", att_reports_page_get_type },
};

struct _AttWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkLabel             *user_label;
  GtkStack             *pages_stack;
  AdwWindowTitle       *content_title;
  GtkButton            *back_button;
  AdwStatusPage        *error_page;
  AdwToastOverlay      *toast_overlay;

  AttApplication       *application;
  AttContext           *context;
  AttSignInView        *sign_in_view;
  AttSetupView         *setup_view;
  gpointer              setup_db;            /* compared only: the school it resumed */
  gboolean              locked;
  GtkWidget            *focus_before_lock;   /* weak */
  GPtrArray            *hidden_by_lock;      /* GtkWindow, shown again on unlock */
  gint64                last_input;          /* monotonic time */
  guint                 idle_id;
  GSettings            *settings;
  GtkWidget            *current_page;
  gulong                subtitle_id;
  gulong                can_go_back_id;
  guint                 screenshot_id;
  gboolean              syncing_sidebar;
};

G_DEFINE_FINAL_TYPE (AttWindow, att_window, ADW_TYPE_APPLICATION_WINDOW)

/* A page is made when it is first shown or asked for, not with the
 * window: a page nobody opens reads nothing and holds nothing, and the
 * window's first frame waits for the one page it shows. */
static GtkWidget *
ensure_page (AttWindow  *self,
             const char *name)
{
  GtkWidget *page;

  if (name == NULL)
    return NULL;
  page = gtk_stack_get_child_by_name (self->pages_stack, name);
  if (page != NULL)
    return page;

  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    {
      const AttWindowPageInfo *info = &page_infos[i];
      GtkStackPage *stack_page;

      if (g_strcmp0 (info->name, name) != 0)
        continue;
      page = g_object_new (info->get_type (), "context", self->context, "held", TRUE, NULL);
      stack_page = gtk_stack_add_titled (self->pages_stack, page, info->name, _(info->title));
      gtk_stack_page_set_icon_name (stack_page, info->icon_name);
      return page;
    }
  return NULL;
}

static void
show_page (AttWindow  *self,
           const char *name)
{
  if (ensure_page (self, name) != NULL)
    gtk_stack_set_visible_child_name (self->pages_stack, name);
}

static gboolean
page_can_go_back (GtkWidget *page)
{
  return ATT_IS_PAGE (page) && att_page_get_can_go_back (ATT_PAGE (page));
}

/* Enables the window's actions from the state: what can be done on the
 * screen shown (the school, no school yet, an error) and the page. */
static void
actions_update (AttWindow *self)
{
  const char *state = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean main = g_strcmp0 (state, "main") == 0;
  const AttUser *user = att_context_get_user (self->context);
  static const char * const page_actions[] = {
    "win.show-page", "win.show-pupil", "win.show-register", "win.show-register-pupil",
    "win.show-register-day", "win.search", "win.show-register-pupil-day",
  };

  /* While the sign-in covers the window (nobody signed in, or locked),
   * nothing behind it moves. */
  for (guint i = 0; i < G_N_ELEMENTS (page_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), page_actions[i], main);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", main && user != NULL);
  /* The rights come from the core, as every page's do. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.users",
                                 main && user != NULL && att_user_can (user, ATT_PERM_USERS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 main && (folded || page_can_go_back (self->current_page)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-demo",
                                 g_strcmp0 (state, "setup") == 0 &&
                                 att_context_get_db (self->context) == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry",
                                 g_strcmp0 (state, "error") == 0);
  /* The audit log and the end of retention are an administrator's. */
  {
    gboolean admin = main && user != NULL && att_context_get_db (self->context) != NULL &&
                     att_audit_require_reader (user, NULL);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit-log", admin);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.purge-records",
                                   admin && att_retention_require (user, NULL));
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backups",
                                 g_strcmp0 (state, "main") == 0);
  /* The Mail Server dialog shows the settings to anyone signed in, and
   * says there who may change them. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mail-settings", main && user != NULL);
  /* Importing is an administrator's and the headteacher's (the core's
   * rule); the menu shows it only to them. The first run's last step
   * brings the pupils in, once its administrator is signed in. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 (main || g_strcmp0 (state, "setup") == 0) &&
                                 user != NULL && att_context_get_db (self->context) != NULL &&
                                 att_user_can (user, ATT_PERM_IMPORT));
  /* Preferences shows the settings to anyone signed in, and says there
   * who may change each. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", main && user != NULL);
}

static void
update_header (AttWindow *self)
{
  GtkWidget *page = self->current_page;
  const char *subtitle = NULL;
  const char *title = NULL;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  if (page != NULL)
    {
      title = gtk_stack_page_get_title (gtk_stack_get_page (self->pages_stack, page));
      if (ATT_IS_PAGE (page))
        subtitle = att_page_get_subtitle (ATT_PAGE (page));
    }

  adw_window_title_set_title (self->content_title, title != NULL ? title : "");
  adw_window_title_set_subtitle (self->content_title, subtitle != NULL ? subtitle : "");

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          folded || page_can_go_back (page));
  actions_update (self);
}

static void
on_page_notify (GObject    *object,
                GParamSpec *pspec,
                AttWindow  *self)
{
  update_header (self);
}

static void
select_sidebar_row (AttWindow  *self,
                    const char *name)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar, i)) != NULL; i++)
    {
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), name) == 0)
        {
          self->syncing_sidebar = TRUE;
          gtk_list_box_select_row (self->sidebar, row);
          self->syncing_sidebar = FALSE;
          return;
        }
    }
}

static void
on_visible_page_changed (GtkStack   *stack,
                         GParamSpec *pspec,
                         AttWindow  *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (stack);
  const char *name = gtk_stack_get_visible_child_name (stack);

  if (self->current_page != NULL)
    {
      g_clear_signal_handler (&self->subtitle_id, self->current_page);
      g_clear_signal_handler (&self->can_go_back_id, self->current_page);
    }
  self->current_page = page;

  if (page != NULL)
    {
      self->subtitle_id = g_signal_connect (page, "notify::subtitle",
                                            G_CALLBACK (on_page_notify), self);
      self->can_go_back_id = g_signal_connect (page, "notify::can-go-back",
                                               G_CALLBACK (on_page_notify), self);
    }

  select_sidebar_row (self, name);
  update_header (self);

  if (self->settings != NULL && name != NULL)
    g_settings_set_string (self->settings, "last-page", name);
}

static void
on_sidebar_row_activated (GtkListBox    *list,
                          GtkListBoxRow *row,
                          AttWindow     *self)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (row));

  show_page (self, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_sidebar_row_selected (GtkListBox    *list,
                         GtkListBoxRow *row,
                         AttWindow     *self)
{
  if (row == NULL || self->syncing_sidebar)
    return;

  show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_folded_changed (AdwLeaflet *leaflet,
                   GParamSpec *pspec,
                   AttWindow  *self)
{
  /* Folded, the sidebar is a list to pick from, not a selection. */
  gtk_list_box_set_selection_mode (self->sidebar,
                                   adw_leaflet_get_folded (leaflet)
                                   ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
  if (!adw_leaflet_get_folded (leaflet))
    select_sidebar_row (self, gtk_stack_get_visible_child_name (self->pages_stack));
  update_header (self);
}

static GtkWidget *
create_sidebar_row (const AttWindowPageInfo *info,
                    guint                    index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (info->icon_name);
  GtkWidget *label = gtk_label_new (_(info->title));
  g_autofree char *tip = NULL;

  gtk_widget_set_name (row, info->name);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  if (index < 9)
    {
      /* Translators: a tooltip on a sidebar row; %u is a digit key */
      tip = g_strdup_printf (_("Alt+%u"), index + 1);
      gtk_widget_set_tooltip_text (row, tip);
    }

  return row;
}

/* The school's content, or the sign-in over it while nobody is signed in
 * or the window is locked. Locking covers the content and rebuilds
 * nothing, so unlocking finds the same page, the same register and the
 * same cell. */
static void
show_main_or_sign_in (AttWindow *self)
{
  const AttUser *user = att_context_get_user (self->context);
  const char *shown = gtk_stack_get_visible_child_name (self->main_stack);
  AttDb *db = att_context_get_db (self->context);
  AttSetupStep step = db != NULL ? att_setup_get_step (db) : ATT_SETUP_DONE;

  if (user == NULL)
    self->locked = FALSE;
  /* A school being set up shows its steps: those before the
   * administrator to nobody in particular, the pupils to them once they
   * are signed in. */
  if (step < ATT_SETUP_PUPILS || (step == ATT_SETUP_PUPILS && user != NULL && !self->locked))
    {
      gboolean shown_already = g_strcmp0 (shown, "setup") == 0;

      gtk_stack_set_visible_child_name (self->main_stack, "setup");
      if (!shown_already || self->setup_db != (gpointer)db)
        att_setup_view_resume (self->setup_view);
      self->setup_db = db;
      actions_update (self);
      return;
    }
  if (user == NULL || self->locked)
    {
      if (g_strcmp0 (shown, "sign-in") != 0)
        {
          /* Shown first, so that the name it chooses takes the focus: a
           * focus given to a hidden view is lost, and the stack would
           * move it into the list as a key would, choosing another. */
          gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
          att_sign_in_view_reset (self->sign_in_view, self->locked ? user : NULL);
        }
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "main");
  actions_update (self);
}

static void
update_state (AttWindow *self)
{
  AttApplicationState state = att_application_get_state (self->application);
  const char *message = att_application_get_error_message (self->application);
  const char *path = att_application_get_db_path (self->application);
  g_autofree char *description = NULL;

  switch (state)
    {
    case ATT_APPLICATION_STATE_NO_SCHOOL:
      /* The first run: set a school up, or explore the demonstration
       * school. */
      att_context_set_db (self->context, NULL);
      att_setup_view_set_db_path (self->setup_view, path);
      gtk_stack_set_visible_child_name (self->main_stack, "setup");
      att_setup_view_resume (self->setup_view);
      self->setup_db = NULL;
      break;

    case ATT_APPLICATION_STATE_ERROR:
      description =
        /* Translators: %s says why the database could not be opened */
        g_strdup_printf (_("%s\n\n"
                           "Check that the file is there and that you may read and write it. "
                           "If it is damaged, an administrator restores the latest backup with "
                           "“attendance-cli restore FILE --user NAME”: the backups are in the "
                           "folder “backups” beside the database, unless another was chosen."),
                         message != NULL ? message : path);
      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      break;

    case ATT_APPLICATION_STATE_READY:
      /* Every page follows the context; the sign-in first. */
      att_context_set_db (self->context, att_application_get_db (self->application));
      show_main_or_sign_in (self);
      break;

    case ATT_APPLICATION_STATE_LOADING:
    default:
      break;
    }

  att_context_set_db (self->context, att_application_get_db (self->application));
  actions_update (self);
}

static void
on_state_changed (AttApplication *application,
                  GParamSpec     *pspec,
                  AttWindow      *self)
{
  update_state (self);
}

static void
update_user (AttWindow *self)
{
  const AttUser *user = att_context_get_user (self->context);
  g_autofree char *text = NULL;

  if (user != NULL)
    {
      const char *position = user->position;

      if (position == NULL || position[0] == '\0')
        position = att_role_describe (user->role);
      /* Translators: the first %s is a person's name, the second their
       * position, as in "Signed in as Jo Bloggs, Attendance officer" */
      text = g_strdup_printf (_("Signed in as %s, %s"), user->name, position);
    }
  else if (att_context_get_db (self->context) != NULL)
    text = g_strdup (_("No user is set up yet: add one with “attendance-cli users add”"));

  gtk_label_set_label (self->user_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->user_label), text != NULL);
}

static void
on_user_changed (AttContext *context,
                 GParamSpec *pspec,
                 AttWindow  *self)
{
  update_user (self);
  if (att_application_get_state (self->application) == ATT_APPLICATION_STATE_READY)
    show_main_or_sign_in (self);
  actions_update (self);
}

static void
on_signed_in (AttSignInView *view,
              AttWindow     *self)
{
  GtkWidget *focus = self->focus_before_lock;

  self->locked = FALSE;
  self->last_input = g_get_monotonic_time ();
  show_main_or_sign_in (self);
  /* The dialogs the lock hid come back as they were. */
  for (guint i = 0; i < self->hidden_by_lock->len; i++)
    gtk_window_present (g_ptr_array_index (self->hidden_by_lock, i));
  g_ptr_array_set_size (self->hidden_by_lock, 0);
  /* Back where the user was: the cell, the entry, the row. */
  if (focus != NULL && gtk_widget_get_root (focus) == GTK_ROOT (self))
    gtk_widget_grab_focus (focus);
  g_clear_weak_pointer (&self->focus_before_lock);
}

/* The school's first step is confirmed: the window opens the database
 * just made, as when the app starts. */
static void
on_school_created (AttSetupView *view,
                   AttWindow    *self)
{
  att_application_load (self->application);
}

static void
on_setup_finished (AttSetupView *view,
                   AttWindow    *self)
{
  show_main_or_sign_in (self);
  show_page (self, "today");
}

static void
lock_window (AttWindow *self)
{
  const AttUser *user = att_context_get_user (self->context);

  if (user == NULL || self->locked ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;
  g_set_weak_pointer (&self->focus_before_lock, gtk_window_get_focus (GTK_WINDOW (self)));
  self->locked = TRUE;

  /* A dialog open over the window (a mark's reason, the users) would
   * stay usable over the lock: it is hidden until the window opens. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);

        if (gtk_window_get_transient_for (other) == GTK_WINDOW (self) &&
            gtk_widget_get_visible (GTK_WIDGET (other)))
          g_ptr_array_add (self->hidden_by_lock, g_object_ref (other));
      }
    for (guint i = 0; i < self->hidden_by_lock->len; i++)
      gtk_widget_set_visible (g_ptr_array_index (self->hidden_by_lock, i), FALSE);
  }
  show_main_or_sign_in (self);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lock_window (ATT_WINDOW (widget));
}

static void
users_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  AttUsersDialog *dialog = att_users_dialog_new (self->context);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The window locks once nobody has used it for the school's lock_minutes. */
gboolean
att_window_check_idle (AttWindow *self,
                       gint64     now)
{
  AttDb *db;
  g_autoptr(AttSchool) school = NULL;

  g_return_val_if_fail (ATT_IS_WINDOW (self), FALSE);

  db = att_context_get_db (self->context);
  if (db == NULL || self->locked || att_context_get_user (self->context) == NULL)
    return FALSE;
  school = att_school_load (db);
  if (now - self->last_input < (gint64)school->lock_minutes * 60 * G_USEC_PER_SEC)
    return FALSE;
  lock_window (self);
  return self->locked;
}

static gboolean
on_idle_tick (gpointer user_data)
{
  AttWindow *self = user_data;

  att_window_check_idle (self, g_get_monotonic_time ());
  return G_SOURCE_CONTINUE;
}

/* Any key, click, scroll or movement anywhere in the window is use. */
static gboolean
on_any_event (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              AttWindow                *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_SCROLL:
    case GDK_MOTION_NOTIFY:
    case GDK_TOUCH_BEGIN:
      self->last_input = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
audit_log_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  AttAuditWindow *window = att_audit_window_new (self->context);

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
purge_records_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (att_purge_dialog_new (GTK_WINDOW (self), self->context)));
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
demo_created_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AttWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!att_application_create_demo_finish (ATT_APPLICATION (source), result, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says what went wrong */
      text = g_strdup_printf (_("The demonstration school could not be created: %s"),
                              error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      gtk_stack_set_visible_child_name (self->main_stack, "setup");
    }
}

static void
create_demo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "creating");
  att_application_create_demo_async (self->application, NULL,
                                     demo_created_cb, g_object_ref (self));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);

  att_application_load (self->application);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *page = ensure_page (self, name);
  GtkWidget *focus;

  if (page == NULL)
    return;

  gtk_stack_set_visible_child_name (self->pages_stack, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  /* Alt+1, Alt+2, ... take the keyboard to the page they open, as a
   * click on the page would: the focus left in the sidebar, the header
   * bar or a page now hidden goes to the page's first control. */
  focus = gtk_window_get_focus (GTK_WINDOW (self));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, page))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static AttPupilsPage *
get_pupils_page (AttWindow *self)
{
  GtkWidget *page = ensure_page (self, "pupils");

  return ATT_IS_PUPILS_PAGE (page) ? ATT_PUPILS_PAGE (page) : NULL;
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  AttPupilsPage *page = get_pupils_page (self);

  if (page == NULL
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;

  /* On the register, Ctrl+F filters the register by name. */
  if (self->current_page != NULL && ATT_IS_REGISTER_PAGE (self->current_page))
    {
      gtk_widget_activate_action (self->current_page, "register.search", NULL);
      return;
    }

  gtk_stack_set_visible_child (self->pages_stack, GTK_WIDGET (page));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  att_pupils_page_focus_search (page);
}

static void
show_pupil_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  AttPupilsPage *page = get_pupils_page (self);

  if (page == NULL)
    return;

  gtk_stack_set_visible_child (self->pages_stack, GTK_WIDGET (page));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  att_pupils_page_show_pupil (page, g_variant_get_int64 (parameter));
}

/* The Pupils page with its editor of a new pupil over it. */
static void
add_pupil_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  AttPupilsPage *page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;
  page = get_pupils_page (self);
  if (page == NULL)
    return;
  gtk_stack_set_visible_child (self->pages_stack, GTK_WIDGET (page));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_widget_activate_action (GTK_WIDGET (page), "pupils.add", NULL);
}

static AttRegisterPage *
get_register_page (AttWindow *self)
{
  GtkWidget *page = ensure_page (self, "register");

  return ATT_IS_REGISTER_PAGE (page) ? ATT_REGISTER_PAGE (page) : NULL;
}

/* Opens the register on a selection of pupils ("group=7A", "school", as
 * att_grid_filter_to_string() writes them) for today, a day at a time:
 * what the office checks from the Today page. */
static AttRegisterPage *
show_register_day (AttWindow           *self,
                   const AttGridFilter *filter,
                   AttDate              date)
{
  AttRegisterPage *page = get_register_page (self);

  if (page == NULL)
    return NULL;

  gtk_stack_set_visible_child (self->pages_stack, GTK_WIDGET (page));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  att_register_page_show (page, filter, date, FALSE);
  att_register_page_focus_grid (page);
  return page;
}

static AttRegisterPage *
show_register_today (AttWindow           *self,
                     const AttGridFilter *filter)
{
  return show_register_day (self, filter, att_context_get_today (self->context));
}

/* A selection of pupils (as win.show-register) on a day of its own (an
 * AttDate): a past register left incomplete. */
static void
show_register_day_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  g_autoptr(AttGridFilter) filter = NULL;
  const char *text;
  gint32 date;

  g_variant_get (parameter, "(&si)", &text, &date);
  filter = att_grid_filter_parse (text, NULL);
  if (filter == NULL)
    {
      g_warning ("win.show-register-day: no such selection “%s”", text);
      return;
    }
  show_register_day (self, filter, date);
}

static void
show_register_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  g_autoptr(AttGridFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  filter = att_grid_filter_parse (g_variant_get_string (parameter, NULL), &error);
  if (filter == NULL)
    {
      g_warning ("win.show-register: %s", error != NULL ? error->message : "no filter");
      return;
    }
  show_register_today (self, filter);
}

static void
show_register_pupil_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  AttDb *db = att_context_get_db (self->context);
  g_autoptr(AttGridFilter) filter = NULL;
  AttRegisterPage *page;
  gint64 pupil_id = g_variant_get_int64 (parameter);
  AttPupil *pupil;

  if (db == NULL)
    return;
  pupil = att_pupils_get (db, pupil_id);
  if (pupil == NULL)
    return;

  /* The pupil's registration group, so the row is among the few the
   * teacher would see; the whole school if the pupil has none. */
  if (pupil->reg_group != NULL && pupil->reg_group[0] != '\0')
    filter = att_grid_filter_new_group (pupil->reg_group);
  else
    filter = att_grid_filter_new ();

  page = show_register_today (self, filter);
  if (page != NULL)
    att_register_page_focus_pupil (page, pupil_id);
}

/* A pupil (an int64) on a day of their register (an AttDate), their row
 * in focus: a session the registration certificate cannot go with. */
static void
show_register_pupil_day_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  AttDb *db = att_context_get_db (self->context);
  g_autoptr(AttGridFilter) filter = NULL;
  AttRegisterPage *page;
  gint64 pupil_id;
  gint32 date;
  AttPupil *pupil;

  g_variant_get (parameter, "(xi)", &pupil_id, &date);
  if (db == NULL || (pupil = att_pupils_get (db, pupil_id)) == NULL)
    return;

  if (pupil->reg_group != NULL && pupil->reg_group[0] != '\0')
    filter = att_grid_filter_new_group (pupil->reg_group);
  else
    filter = att_grid_filter_new ();

  page = show_register_day (self, filter, date);
  if (page != NULL)
    att_register_page_focus_pupil (page, pupil_id);
}

/* The new-call form, from anywhere in the window (Ctrl+Shift+N): the
 * Calls page opens it, so its rights and its refresh are the page's. */
static void
new_call_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  GtkWidget *page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;
  page = ensure_page (self, "calls");
  if (!ATT_IS_CALLS_PAGE (page))
    return;
  att_calls_page_new_call (ATT_CALLS_PAGE (page));
}

/* A view of the Leave page ("queue", "follow-up"), as the Today page's
 * lines open it. */
static void
show_leave_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  GtkWidget *page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;
  page = ensure_page (self, "leave");
  if (!ATT_IS_LEAVE_PAGE (page))
    return;
  att_leave_page_show_view (ATT_LEAVE_PAGE (page), g_variant_get_string (parameter, NULL));
  gtk_widget_activate_action (widget, "win.show-page", "s", "leave");
}

static void
on_backup_restored (AttBackupsDialog *dialog,
                    const char       *backup,
                    const char       *kept,
                    AttWindow        *self)
{
  g_autofree char *name = g_path_get_basename (backup);
  g_autofree char *text = NULL;

  /* The restored register is read afresh, as when the app starts. */
  att_application_load (self->application);
  if (kept != NULL)
    /* Translators: the backup's file name */
    text = g_strdup_printf (_("Restored from %s; the register it replaced is kept with the backups"),
                            name);
  else
    text = g_strdup_printf (_("Restored from %s"), name);
  att_window_add_toast (self, text);
}

static void
backups_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  AttBackupsDialog *dialog = att_backups_dialog_new (GTK_WINDOW (self), self->context);

  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_backup_restored), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "pupils", "contacts" or "marks": the CSV import of that kind of file;
 * "ctf": a Common Transfer File. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  const char *what = g_variant_get_string (parameter, NULL);
  AttImportType type;

  if (g_strcmp0 (what, "ctf") == 0)
    {
      gtk_window_present (GTK_WINDOW (att_ctf_dialog_new (GTK_WINDOW (self), self->context)));
      return;
    }
  if (!att_import_type_parse (what, &type))
    {
      g_warning ("win.import: “%s” is not a kind of file", what);
      return;
    }
  gtk_window_present (GTK_WINDOW (att_import_dialog_new (GTK_WINDOW (self), self->context, type)));
}

static void
mail_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);
  AttMailDialog *dialog = att_mail_dialog_new (GTK_WINDOW (self), self->context);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (att_preferences_window_new (GTK_WINDOW (self), self->context)));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttWindow *self = ATT_WINDOW (widget);

  if (page_can_go_back (self->current_page))
    gtk_widget_activate_action (self->current_page, "page.go-back", NULL);
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* A debugging aid for the README and the HIG review: with
 * ATTENDANCE_SCREENSHOT=file.png the window draws itself into that file
 * once it has settled, then the app quits. */
static gboolean
take_screenshot (gpointer user_data)
{
  AttWindow *self = user_data;
  const char *path = g_getenv ("ATTENDANCE_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  graphene_rect_t bounds;
  int width, height;

  self->screenshot_id = 0;

  /* The paintable's own size takes in the window's frame, so nothing at
   * the edges is cut off or scaled. */
  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  if (node != NULL && renderer != NULL)
    {
      gsk_render_node_get_bounds (node, &bounds);
      texture = gsk_renderer_render_texture (renderer, node, &bounds);
      if (!gdk_texture_save_to_png (texture, path))
        g_printerr ("Could not save the screenshot to %s\n", path);
    }

  g_application_quit (G_APPLICATION (self->application));
  return G_SOURCE_REMOVE;
}

static void
att_window_map (GtkWidget *widget)
{
  AttWindow *self = ATT_WINDOW (widget);

  GTK_WIDGET_CLASS (att_window_parent_class)->map (widget);

  if (g_getenv ("ATTENDANCE_SCREENSHOT") != NULL && self->screenshot_id == 0)
    self->screenshot_id = g_timeout_add (2000, take_screenshot, self);
}

static gboolean
att_window_close_request (GtkWindow *window)
{
  AttWindow *self = ATT_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (att_window_parent_class)->close_request (window);
}

/* Runs once the window belongs to its application (GtkWindow sets the
 * application after construction). */
static void
att_window_setup (AttWindow *self)
{
  const char *start_page = g_getenv ("ATTENDANCE_PAGE");
  g_autofree char *last_page = NULL;

  self->application = ATT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_return_if_fail (self->application != NULL);

  self->settings = att_application_get_settings (self->application);
  if (self->settings != NULL)
    {
      g_object_ref (self->settings);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      last_page = g_settings_get_string (self->settings, "last-page");
    }

  g_signal_connect_object (self->application, "notify::state",
                           G_CALLBACK (on_state_changed), self, 0);
  /* Another school opened (the same state) is followed too. */
  g_signal_connect_object (self->application, "notify::db",
                           G_CALLBACK (on_state_changed), self, 0);
  g_signal_connect_object (self->context, "notify::user",
                           G_CALLBACK (on_user_changed), self, 0);

  /* The page the window opens on is the only one made now: before the
   * school is opened, so that no other page reads it first. */
  if (ensure_page (self, start_page) != NULL)
    gtk_stack_set_visible_child_name (self->pages_stack, start_page);
  else if (ensure_page (self, last_page) != NULL)
    gtk_stack_set_visible_child_name (self->pages_stack, last_page);
  else
    show_page (self, page_infos[0].name);

  update_state (self);
  update_user (self);

  /* A narrow window opens on the page itself, as a wide one does; the
   * back button leads to the list of pages. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  /* A debugging aid to show one pupil: ATTENDANCE_PUPIL=UPN. */
  if (g_getenv ("ATTENDANCE_PUPIL") != NULL && att_application_get_db (self->application))
    {
      AttPupil *pupil = att_pupils_find (att_application_get_db (self->application),
                                         g_getenv ("ATTENDANCE_PUPIL"));

      if (pupil != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-pupil", "x", pupil->id);
    }
}

/* Whether a control inside @widget can take the focus. */
static gboolean
has_focusable_child (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_is_sensitive (child))
        continue;
      if ((GTK_IS_BUTTON (child) || GTK_IS_MENU_BUTTON (child) || GTK_IS_SWITCH (child)
           || GTK_IS_CHECK_BUTTON (child) || GTK_IS_DROP_DOWN (child) || GTK_IS_TEXT (child))
          && gtk_widget_get_focusable (child))
        return TRUE;
      if (has_focusable_child (child))
        return TRUE;
    }
  return FALSE;
}

/* Tab leaves a list of rows (a GtkListView, GtkColumnView or GtkGridView)
 * for the next control, as it leaves a GtkListBox: GTK 4.8 moves Tab from
 * row to row, 2,000 presses through the whole school. The list is made
 * unfocusable for a moment, so the window's focus chain passes over it;
 * at the end of the chain the focus comes round to the start. A row with
 * buttons of its own keeps GTK's Tab, which goes through them. The
 * register's grid has its own Tab, which first saves the code typed. */
static gboolean
on_key_tab (GtkEventControllerKey *controller,
            guint                  keyval,
            guint                  keycode,
            GdkModifierType        state,
            AttWindow             *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkDirectionType direction;
  GtkWidget *list = NULL;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || focus == NULL)
    return GDK_EVENT_PROPAGATE;
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (ATT_IS_REGISTER_PAGE (w))
        return GDK_EVENT_PROPAGATE;
      if (GTK_IS_LIST_VIEW (w) || GTK_IS_COLUMN_VIEW (w) || GTK_IS_GRID_VIEW (w))
        list = w;
    }
  if (list == NULL || has_focusable_child (focus))
    return GDK_EVENT_PROPAGATE;
  /* On a row's own button, Tab goes on to the row's next button or row. */
  if (!GTK_IS_LIST_VIEW (gtk_widget_get_parent (focus)) && !GTK_IS_GRID_VIEW (gtk_widget_get_parent (focus)))
    return GDK_EVENT_PROPAGATE;

  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0
              ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  gtk_widget_set_can_focus (list, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (self), direction))
    gtk_widget_child_focus (GTK_WIDGET (self), direction);
  gtk_widget_set_can_focus (list, TRUE);
  return GDK_EVENT_STOP;
}

static void
att_window_dispose (GObject *object)
{
  AttWindow *self = ATT_WINDOW (object);

  if (self->current_page != NULL)
    {
      g_clear_signal_handler (&self->subtitle_id, self->current_page);
      g_clear_signal_handler (&self->can_go_back_id, self->current_page);
      self->current_page = NULL;
    }
  g_clear_handle_id (&self->screenshot_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_weak_pointer (&self->focus_before_lock);
  g_clear_pointer (&self->hidden_by_lock, g_ptr_array_unref);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_window_parent_class)->dispose (object);
}

static void
att_window_class_init (AttWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = att_window_dispose;
  widget_class->map = att_window_map;
  window_class->close_request = att_window_close_request;

  g_type_ensure (ATT_TYPE_TODAY_PAGE);
  g_type_ensure (ATT_TYPE_PUPILS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/att-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AttWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AttWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AttWindow, user_label);
  gtk_widget_class_bind_template_child (widget_class, AttWindow, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, AttWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AttWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, AttWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AttWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-pupil", "x", show_pupil_action);
  gtk_widget_class_install_action (widget_class, "win.show-register", "s", show_register_action);
  gtk_widget_class_install_action (widget_class, "win.show-register-pupil", "x",
                                   show_register_pupil_action);
  gtk_widget_class_install_action (widget_class, "win.show-register-day", "(si)",
                                   show_register_day_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.create-demo", NULL, create_demo_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.audit-log", NULL, audit_log_action);
  gtk_widget_class_install_action (widget_class, "win.purge-records", NULL, purge_records_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.users", NULL, users_action);
  gtk_widget_class_install_action (widget_class, "win.new-call", NULL, new_call_action);
  gtk_widget_class_install_action (widget_class, "win.show-leave", "s", show_leave_action);
  gtk_widget_class_install_action (widget_class, "win.mail-settings", NULL, mail_settings_action);
  gtk_widget_class_install_action (widget_class, "win.show-register-pupil-day", "(xi)",
                                   show_register_pupil_day_action);
  gtk_widget_class_install_action (widget_class, "win.add-pupil", NULL, add_pupil_action);
  gtk_widget_class_install_action (widget_class, "win.import", "s", import_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);

  for (guint i = 0; i < G_N_ELEMENTS (page_infos) && i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_infos[i].name);
}

static void
att_window_init (AttWindow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->context = att_context_new (NULL);

  self->sign_in_view = att_sign_in_view_new (self->context);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->sign_in_view), "sign-in");
  g_signal_connect_object (self->sign_in_view, "signed-in", G_CALLBACK (on_signed_in), self, 0);
  self->setup_view = att_setup_view_new (self->context, NULL);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->setup_view), "setup");
  g_signal_connect_object (self->setup_view, "school-created", G_CALLBACK (on_school_created), self, 0);
  g_signal_connect_object (self->setup_view, "finished", G_CALLBACK (on_setup_finished), self, 0);

  /* Use of the window, seen before any widget takes it, for the lock. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_tab), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  self->last_input = g_get_monotonic_time ();
  self->idle_id = g_timeout_add_seconds (15, on_idle_tick, self);
  self->hidden_by_lock = g_ptr_array_new_with_free_func (g_object_unref);

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  /* Every area has its row; its page is made when first shown. */
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    gtk_list_box_append (self->sidebar, create_sidebar_row (&page_infos[i], i));

  on_visible_page_changed (self->pages_stack, NULL, self);
}

AttWindow *
att_window_new (AttApplication *application)
{
  AttWindow *self;

  g_return_val_if_fail (ATT_IS_APPLICATION (application), NULL);

  self = g_object_new (ATT_TYPE_WINDOW, "application", application, NULL);
  att_window_setup (self);

  return self;
}

GtkListBox *
att_window_get_sidebar (AttWindow *self)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), NULL);

  return self->sidebar;
}

GtkWidget *
att_window_get_page (AttWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), NULL);

  return ensure_page (self, name);
}

gboolean
att_window_has_page (AttWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), FALSE);

  return gtk_stack_get_child_by_name (self->pages_stack, name) != NULL;
}

const char *
att_window_get_visible_page_name (AttWindow *self)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->pages_stack);
}

const char *
att_window_get_state_name (AttWindow *self)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

AttContext *
att_window_get_context (AttWindow *self)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), NULL);

  return self->context;
}

const char *
att_window_get_user_text (AttWindow *self)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), NULL);

  return gtk_label_get_label (self->user_label);
}

void
att_window_add_toast (AttWindow  *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (ATT_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

AttSignInView *
att_window_get_sign_in_view (AttWindow *self)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), NULL);

  return self->sign_in_view;
}

gboolean
att_window_is_locked (AttWindow *self)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), FALSE);

  return self->locked;
}

/* The areas' names in sidebar order (the order of Alt+1, Alt+2, ...), for
 * the tests that visit every page; NULL past the last. */
const char *
att_window_get_page_name (guint index)
{
  return index < G_N_ELEMENTS (page_infos) ? page_infos[index].name : NULL;
}

AttSetupView *
att_window_get_setup_view (AttWindow *self)
{
  g_return_val_if_fail (ATT_IS_WINDOW (self), NULL);

  return self->setup_view;
}
