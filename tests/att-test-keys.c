/* att-test-keys.c: keys pressed in the widget tests, delivered as GTK
 * delivers them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-test-keys.h"
#include "att-test-util.h"

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Whether @trigger is the key @keyval with exactly @state. */
static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     state)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
           && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == state;
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, state)
           || trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, state);
  return FALSE;
}

/* Whether a controller of @widget in @phase takes the key. */
static gboolean
deliver (GtkWidget       *widget,
         GtkPropagationPhase phase,
         guint            keyval,
         GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !handled; j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

            if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, state))
              handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                      GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                      gtk_shortcut_get_arguments (shortcut));
          }
      else if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
               && gtk_event_controller_key_get_im_context (GTK_EVENT_CONTROLLER_KEY (controller)) != NULL)
        {
          /* A box of text takes Return (and Ctrl+Return) as a new line. */
          if (GTK_IS_TEXT_VIEW (widget) && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter))
            {
              g_signal_emit_by_name (gtk_event_controller_key_get_im_context (GTK_EVENT_CONTROLLER_KEY (controller)),
                                     "commit", "\n");
              handled = TRUE;
            }
        }
      else if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      if (handled)
        return TRUE;
    }
  return FALSE;
}

/* A key pressed: delivered as GTK delivers it, to the key bindings and
 * key controllers of the window and each widget down to the focused one
 * in the capture phase, then of the focused widget and each parent up
 * to the window, until one takes it. The window's own bindings move the
 * focus on Tab and the arrow keys; a button's activate it on Return and
 * Space; a box of text takes Return as a new line. */
gboolean
att_test_press_key (GtkWindow       *w,
                    guint            keyval,
                    GdkModifierType  state)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (w));
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  gboolean handled = FALSE;
  gboolean reached = FALSE;

  for (GtkWidget *widget = focus != NULL ? focus : GTK_WIDGET (w); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    g_ptr_array_add (chain, widget);
  for (guint i = chain->len; i > 0 && !handled; i--)
    handled = deliver (g_ptr_array_index (chain, i - 1), GTK_PHASE_CAPTURE, keyval, state);
  for (guint i = 0; i < chain->len && !handled; i++)
    handled = deliver (g_ptr_array_index (chain, i), GTK_PHASE_BUBBLE, keyval, state);
  if (!handled)
    return FALSE;

  /* A button activated from the keyboard shows itself pressed for a
   * moment before it is clicked. */
  g_timeout_add (keyval == GDK_KEY_Return || keyval == GDK_KEY_space ? 400 : 1, timeout_reached, &reached);
  while (!reached)
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
  return TRUE;
}

void
att_test_wait (guint ms)
{
  gboolean reached = FALSE;

  g_timeout_add (ms, timeout_reached, &reached);
  while (!reached)
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
}

GtkWidget *
att_test_focus_of (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  return focus;
}

void
att_test_type_text (GtkWindow  *window,
                    const char *text)
{
  GtkWidget *focus = att_test_focus_of (window);
  int position;

  g_assert_true (GTK_IS_EDITABLE (focus));
  position = gtk_editable_get_position (GTK_EDITABLE (focus));
  gtk_editable_insert_text (GTK_EDITABLE (focus), text, -1, &position);
  att_test_flush_events ();
}

void
att_test_press_enter (GtkWindow *window)
{
  GtkWidget *focus = att_test_focus_of (window);

  if (GTK_IS_TEXT (focus))
    g_signal_emit_by_name (focus, "activate");
  else
    gtk_widget_activate (focus);
  att_test_wait (400);
  att_test_flush_events ();
}

void
att_test_press_tab (GtkWindow *window)
{
  gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  att_test_flush_events ();
}

/* Text typed at the keyboard: committed by the input method of the
 * focused widget, as GTK delivers typing to a field, so that the text
 * replaces the selection and goes in at the cursor. */
gboolean
att_test_type (GtkWindow  *w,
               const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (w));

  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
          GtkIMContext *im;

          if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
            continue;
          im = gtk_event_controller_key_get_im_context (GTK_EVENT_CONTROLLER_KEY (controller));
          if (im == NULL)
            continue;
          g_signal_emit_by_name (im, "commit", text);
          att_test_flush_events ();
          return TRUE;
        }
    }
  return FALSE;
}
