/* att-page.c: what every page of the window shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page is handed its context (the database, the user, the settings,
 * the clock) by the window, as GNOME Calendar hands its views their
 * context; it never reaches up to the application.
 */
#include "config.h"

#include "att-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

typedef struct
{
  AttContext *context;
  char       *subtitle;
  gboolean    can_go_back;
  guint       refresh_id;
  gboolean    stale;          /* changed while hidden */
  gboolean    held;           /* made by the window for its stack */
} AttPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (AttPage, att_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SUBTITLE,
  PROP_CAN_GO_BACK,
  PROP_HELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_context_changed (AttContext *context,
                    GParamSpec *pspec,
                    AttPage    *self)
{
  att_page_actions_update (self);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttPage *self = ATT_PAGE (widget);
  AttPagePrivate *priv = att_page_get_instance_private (self);

  if (priv->can_go_back && ATT_PAGE_GET_CLASS (self)->go_back != NULL)
    ATT_PAGE_GET_CLASS (self)->go_back (self);
}

void
att_page_refresh (AttPage *self)
{
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_return_if_fail (ATT_IS_PAGE (self));

  g_clear_handle_id (&priv->refresh_id, g_source_remove);
  priv->stale = FALSE;
  if (ATT_PAGE_GET_CLASS (self)->refresh != NULL)
    ATT_PAGE_GET_CLASS (self)->refresh (self);
}

static gboolean
refresh_idle (gpointer user_data)
{
  AttPage *self = user_data;
  AttPagePrivate *priv = att_page_get_instance_private (self);

  priv->refresh_id = 0;
  att_page_refresh (self);
  return G_SOURCE_REMOVE;
}

void
att_page_queue_refresh (AttPage *self)
{
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_return_if_fail (ATT_IS_PAGE (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    priv->stale = TRUE;
  else if (priv->refresh_id == 0)
    priv->refresh_id = g_idle_add (refresh_idle, self);
}

gboolean
att_page_is_waiting (AttPage *self)
{
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_return_val_if_fail (ATT_IS_PAGE (self), FALSE);

  return (priv->held || gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
         && !gtk_widget_get_mapped (GTK_WIDGET (self));
}

void
att_page_refresh_when_shown (AttPage *self)
{
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_return_if_fail (ATT_IS_PAGE (self));

  if (att_page_is_waiting (self))
    {
      g_clear_handle_id (&priv->refresh_id, g_source_remove);
      priv->stale = TRUE;
    }
  else
    att_page_refresh (self);
}

static void
att_page_map (GtkWidget *widget)
{
  AttPage *self = ATT_PAGE (widget);
  AttPagePrivate *priv = att_page_get_instance_private (self);

  GTK_WIDGET_CLASS (att_page_parent_class)->map (widget);

  /* Caught up before the frame that shows the page, so it never shows
   * what it held when it was hidden. */
  if (priv->stale)
    att_page_refresh (self);
}

AttContext *
att_page_get_context (AttPage *self)
{
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_return_val_if_fail (ATT_IS_PAGE (self), NULL);

  return priv->context;
}

const char *
att_page_get_subtitle (AttPage *self)
{
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_return_val_if_fail (ATT_IS_PAGE (self), NULL);

  return priv->subtitle;
}

void
att_page_set_subtitle (AttPage    *self,
                       const char *subtitle)
{
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_return_if_fail (ATT_IS_PAGE (self));

  if (g_strcmp0 (priv->subtitle, subtitle) == 0)
    return;
  g_free (priv->subtitle);
  priv->subtitle = g_strdup (subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

gboolean
att_page_get_can_go_back (AttPage *self)
{
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_return_val_if_fail (ATT_IS_PAGE (self), FALSE);

  return priv->can_go_back;
}

void
att_page_set_can_go_back (AttPage  *self,
                          gboolean  can_go_back)
{
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_return_if_fail (ATT_IS_PAGE (self));

  can_go_back = !!can_go_back;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.go-back", can_go_back);
  if (priv->can_go_back == can_go_back)
    return;
  priv->can_go_back = can_go_back;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

void
att_page_actions_update (AttPage *self)
{
  g_return_if_fail (ATT_IS_PAGE (self));

  if (ATT_PAGE_GET_CLASS (self)->actions_update != NULL)
    ATT_PAGE_GET_CLASS (self)->actions_update (self);
}

static void
att_page_constructed (GObject *object)
{
  AttPage *self = ATT_PAGE (object);
  AttPagePrivate *priv = att_page_get_instance_private (self);

  G_OBJECT_CLASS (att_page_parent_class)->constructed (object);

  if (priv->context == NULL)
    priv->context = att_context_new (NULL);

  /* After the page's own handlers, which its subclass connects in its
   * constructed(), so that the actions follow the page's new state. */
  g_signal_connect_object (priv->context, "notify::db",
                           G_CALLBACK (on_context_changed), self, G_CONNECT_AFTER);
  g_signal_connect_object (priv->context, "notify::user",
                           G_CALLBACK (on_context_changed), self, G_CONNECT_AFTER);
}

static void
att_page_dispose (GObject *object)
{
  AttPage *self = ATT_PAGE (object);
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_clear_object (&priv->context);
  g_clear_handle_id (&priv->refresh_id, g_source_remove);

  G_OBJECT_CLASS (att_page_parent_class)->dispose (object);
}

static void
att_page_finalize (GObject *object)
{
  AttPage *self = ATT_PAGE (object);
  AttPagePrivate *priv = att_page_get_instance_private (self);

  g_free (priv->subtitle);

  G_OBJECT_CLASS (att_page_parent_class)->finalize (object);
}

static void
att_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  AttPage *self = ATT_PAGE (object);
  AttPagePrivate *priv = att_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, priv->subtitle);
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, priv->can_go_back);
      break;
    case PROP_HELD:
      g_value_set_boolean (value, priv->held);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  AttPage *self = ATT_PAGE (object);
  AttPagePrivate *priv = att_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_set_object (&priv->context, g_value_get_object (value));
      break;
    case PROP_HELD:
      priv->held = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_page_class_init (AttPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = att_page_constructed;
  object_class->dispose = att_page_dispose;
  object_class->finalize = att_page_finalize;
  object_class->get_property = att_page_get_property;
  object_class->set_property = att_page_set_property;

  widget_class->map = att_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ATT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Set by the window, which makes a page just before it puts it in its
   * stack: the page reads nothing until it is shown, even in its
   * constructed(), before it has a parent. A page made on its own (a
   * test) reads at once. */
  properties[PROP_HELD] =
    g_param_spec_boolean ("held", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "page.go-back", NULL, go_back_action);
}

static void
att_page_init (AttPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.go-back", FALSE);
}

typedef struct
{
  GWeakRef  page;
  char     *action;
  GVariant *target;
} AttPageUndo;

static void
undo_free (gpointer data,
           GClosure *closure)
{
  AttPageUndo *undo = data;

  g_weak_ref_clear (&undo->page);
  g_free (undo->action);
  g_clear_pointer (&undo->target, g_variant_unref);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast    *toast,
                 AttPageUndo *undo)
{
  g_autoptr(GtkWidget) page = g_weak_ref_get (&undo->page);

  if (page != NULL)
    gtk_widget_activate_action_variant (page, undo->action, undo->target);
}

void
att_page_add_toast (AttPage    *self,
                    const char *message,
                    const char *undo_action,
                    GVariant   *undo_target)
{
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_if_fail (ATT_IS_PAGE (self));
  g_return_if_fail (message != NULL);

  if (undo_target != NULL)
    g_variant_ref_sink (undo_target);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_clear_pointer (&undo_target, g_variant_unref);
      return;
    }

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  if (undo_action != NULL)
    {
      AttPageUndo *undo = g_new0 (AttPageUndo, 1);

      g_weak_ref_init (&undo->page, self);
      undo->action = g_strdup (undo_action);
      undo->target = undo_target;
      undo_target = NULL;
      adw_toast_set_button_label (toast, _("_Undo"));
      /* Undo is offered for the change just made: its toast is shown at
       * once, not queued behind those before it. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                             undo, undo_free, 0);
    }
  g_clear_pointer (&undo_target, g_variant_unref);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}
