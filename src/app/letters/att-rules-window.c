/* att-rules-window.c: the school's letter ladder, stage by stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ladder's stages in order, each opened in its own form (a subpage,
 * AttStageEditor) that saves through the core. Moving a stage, removing
 * it and replacing the ladder with a preset are the core's too, which
 * checks the user's right and writes the audit log; a refusal is shown
 * as a toast naming the stage and the field, and the row stays marked.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-ladder.h"
#include "att-rules-window.h"
#include "att-template-editor.h"

struct _AttRulesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *lock_group;
  AdwActionRow         *lock_row;
  AdwPreferencesGroup  *stages_group;
  AdwPreferencesGroup  *presets_group;
  AdwComboRow          *preset_row;

  AttContext           *context;
  GPtrArray            *ladder;     /* AttLadderStage, in order */
  GPtrArray            *rows;       /* AttStageRow, as the ladder */
  AttStageEditor       *editor;
  char                 *error;
  gboolean              can_edit;

  /* A form asked for while the last one still slides away. */
  gint64                closed_at;     /* monotonic time the last form closed */
  guint                 open_later_id;
  AttLadderStage       *open_later;    /* the stage to open then, NULL for a new one */
};

/* How long a subpage takes to slide away. libadwaita 1.2 keeps a pointer
 * to the subpage that is leaving until its transition ends, and presenting
 * another one before then can crash it: a form asked for sooner opens
 * once the last one has gone. */
#define SUBPAGE_TRANSITION_US (400 * G_TIME_SPAN_MILLISECOND)

G_DEFINE_FINAL_TYPE (AttRulesWindow, att_rules_window, ADW_TYPE_PREFERENCES_WINDOW)

static AttDb *
get_db (AttRulesWindow *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static const AttUser *
get_user (AttRulesWindow *self)
{
  return self->context != NULL ? att_context_get_user (self->context) : NULL;
}

static void
show_result (AttRulesWindow *self,
             GError         *error)
{
  g_clear_pointer (&self->error, g_free);
  if (error == NULL)
    return;
  self->error = g_strdup (error->message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
toast (AttRulesWindow *self,
       const char     *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* The one place that enables what the user may do. */
static void
actions_update (AttRulesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const AttUser *user = get_user (self);
  const char *why = NULL;

  /* The core lets either right change the ladder. */
  self->can_edit = get_db (self) != NULL && user != NULL &&
                   (att_user_can (user, ATT_PERM_LETTERS) || att_user_can (user, ATT_PERM_SETTINGS));
  if (!self->can_edit)
    {
      if (user != NULL)
        att_user_require (user, ATT_PERM_LETTERS, &error);
      why = error != NULL ? error->message : _("Sign in to change the rules of letters.");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lock_group), !self->can_edit);
  adw_action_row_set_subtitle (self->lock_row, why != NULL ? why : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.add-stage", self->can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.apply-preset", self->can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_row), self->can_edit);
  for (guint i = 0; i < self->rows->len; i++)
    att_stage_row_set_editable (g_ptr_array_index (self->rows, i), self->can_edit);
  if (self->editor != NULL)
    att_stage_editor_set_editable (self->editor, self->can_edit, why);
}

static void on_row_edit (AttRulesWindow *self,
                         AttStageRow    *row);
static void on_row_move (AttRulesWindow *self,
                         int             delta,
                         AttStageRow    *row);

static void
load (AttRulesWindow *self)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->stages_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->ladder, g_ptr_array_unref);
  if (get_db (self) == NULL)
    return;
  self->ladder = att_ladder_load (get_db (self), &error);
  if (self->ladder == NULL)
    {
      show_result (self, error);
      return;
    }
  for (guint i = 0; i < self->ladder->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (self->ladder, i);
      const char *follows_title = NULL;
      AttStageRow *row;

      for (guint j = 0; stage->follows != NULL && j < self->ladder->len; j++)
        {
          AttLadderStage *other = g_ptr_array_index (self->ladder, j);

          if (g_strcmp0 (other->name, stage->follows) == 0 && other->title != NULL && other->title[0] != '\0')
            follows_title = other->title;
        }
      row = att_stage_row_new (stage, i, self->ladder->len, follows_title);

      g_signal_connect_swapped (row, "edit", G_CALLBACK (on_row_edit), self);
      g_signal_connect_object (row, "move", G_CALLBACK (on_row_move), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->stages_group, GTK_WIDGET (row));
      g_ptr_array_add (self->rows, row);
    }
  actions_update (self);
}

static AttStageRow *
find_row (AttRulesWindow *self,
          const char     *name)
{
  for (guint i = 0; name != NULL && i < self->rows->len; i++)
    {
      AttStageRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (att_stage_row_get_stage (row)->name, name) == 0)
        return row;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* The stage form                                                     */
/* ------------------------------------------------------------------ */

static void
close_editor (AttRulesWindow *self,
              const char     *focus_name)
{
  AttStageRow *row;

  if (self->editor == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->editor, self);
  self->editor = NULL;
  /* The focus leaves the form before it goes. */
  row = find_row (self, focus_name);
  if (row == NULL && self->rows->len > 0)
    row = g_ptr_array_index (self->rows, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  self->closed_at = g_get_monotonic_time ();
}

static void
on_editor_saved (AttRulesWindow *self,
                 const char     *name)
{
  g_autofree char *name_copy = g_strdup (name);
  g_autofree char *message = NULL;
  AttStageRow *row;

  show_result (self, NULL);
  load (self);
  row = find_row (self, name_copy);
  message = g_strdup_printf (_("“%s” saved"), row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : name_copy);
  close_editor (self, name_copy);
  toast (self, message);
}

static void
on_editor_deleted (AttRulesWindow *self,
                   const char     *name)
{
  g_autofree char *message = g_strdup_printf (_("“%s” removed from the ladder"), name);

  show_result (self, NULL);
  load (self);
  close_editor (self, NULL);
  toast (self, message);
}

static void
on_editor_back (AttRulesWindow *self)
{
  g_autoptr(AttLadderStage) stage = att_stage_editor_dup_stage (self->editor);

  close_editor (self, stage->name);
}

static void open_editor (AttRulesWindow       *self,
                         const AttLadderStage *stage);

static gboolean
open_later_cb (gpointer data)
{
  AttRulesWindow *self = data;
  g_autoptr(AttLadderStage) stage = g_steal_pointer (&self->open_later);

  self->open_later_id = 0;
  open_editor (self, stage);
  return G_SOURCE_REMOVE;
}

static void
open_editor (AttRulesWindow       *self,
             const AttLadderStage *stage)
{
  gint64 wait = self->closed_at + SUBPAGE_TRANSITION_US - g_get_monotonic_time ();

  if (get_db (self) == NULL || self->editor != NULL || self->open_later_id != 0)
    return;
  if (self->closed_at != 0 && wait > 0)
    {
      self->open_later = stage != NULL ? att_ladder_stage_copy (stage) : NULL;
      self->open_later_id = g_timeout_add ((guint)(wait / G_TIME_SPAN_MILLISECOND) + 1, open_later_cb, self);
      return;
    }
  self->editor = att_stage_editor_new (self->context, stage, self->ladder);
  g_signal_connect_swapped (self->editor, "saved", G_CALLBACK (on_editor_saved), self);
  g_signal_connect_swapped (self->editor, "deleted", G_CALLBACK (on_editor_deleted), self);
  g_signal_connect_swapped (self->editor, "back", G_CALLBACK (on_editor_back), self);
  actions_update (self);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), GTK_WIDGET (self->editor));
  gtk_widget_grab_focus (att_stage_editor_get_field (self->editor, stage != NULL ? "title" : "name"));
}

static void
on_row_edit (AttRulesWindow *self,
             AttStageRow    *row)
{
  open_editor (self, att_stage_row_get_stage (row));
}

static void
on_row_move (AttRulesWindow *self,
             int             delta,
             AttStageRow    *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint index;

  if (!self->can_edit || !g_ptr_array_find (self->rows, row, &index))
    return;
  name = g_strdup (att_stage_row_get_stage (row)->name);
  if (!att_ladder_move_stage (get_db (self), get_user (self), name, (int)index + delta, &error))
    {
      att_stage_row_set_invalid (row, TRUE);
      show_result (self, error);
      return;
    }
  show_result (self, NULL);
  load (self);
  row = find_row (self, name);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
add_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_editor (ATT_RULES_WINDOW (widget), NULL);
}

/* ------------------------------------------------------------------ */
/* Presets                                                            */
/* ------------------------------------------------------------------ */

static const char *
selected_preset (AttRulesWindow *self)
{
  const char * const *presets = att_ladder_presets ();
  guint selected = adw_combo_row_get_selected (self->preset_row);

  return selected < g_strv_length ((char **)presets) ? presets[selected] : NULL;
}

static void
on_preset_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AttRulesWindow   *self)
{
  g_autoptr(GError) error = NULL;
  const char *preset = selected_preset (self);

  if (g_str_equal (response, "replace") && preset != NULL)
    {
      if (att_ladder_apply_preset (get_db (self), get_user (self), preset, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The ladder is now “%s”"), att_ladder_preset_describe (preset));

          show_result (self, NULL);
          load (self);
          toast (self, message);
        }
      else
        show_result (self, error);
    }
  g_object_unref (self);
}

static void
apply_preset_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttRulesWindow *self = ATT_RULES_WINDOW (widget);
  const char *preset = selected_preset (self);
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (preset == NULL)
    return;
  stages = att_ladder_preset_stages (preset, &error);
  if (stages == NULL)
    {
      show_result (self, error);
      return;
    }
  for (guint i = 0; self->ladder != NULL && i < self->ladder->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (self->ladder, i);

      /* Translators: the separator between the names of stages in a list */
      g_string_append_printf (names, "%s“%s”", i > 0 ? _(", ") : "",
                              stage->title != NULL && stage->title[0] != '\0' ? stage->title : stage->name);
    }
  if (self->ladder == NULL || self->ladder->len == 0)
    body = g_strdup_printf (_("The ladder gets the %u stages of “%s”."), stages->len,
                            att_ladder_preset_describe (preset));
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The ladder’s %u stage (%s) is replaced by the %u stages of “%s”. Letters already sent stay in the log, and postponed or removed letters of stages that go are forgotten.",
                                         "The ladder’s %u stages (%s) are replaced by the %u stages of “%s”. Letters already sent stay in the log, and postponed or removed letters of stages that go are forgotten.",
                                         self->ladder->len),
                            self->ladder->len, names->str, stages->len, att_ladder_preset_describe (preset));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Ladder?"), NULL));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_preset_response), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_templates_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttRulesWindow *self = ATT_RULES_WINDOW (widget);

  att_template_editor_present (widget, self->context, NULL);
}

/* ------------------------------------------------------------------ */
/* For tests                                                          */
/* ------------------------------------------------------------------ */

const char *
att_rules_window_get_error (AttRulesWindow *self)
{
  g_return_val_if_fail (ATT_IS_RULES_WINDOW (self), NULL);
  return self->error;
}

guint
att_rules_window_get_n_stages (AttRulesWindow *self)
{
  g_return_val_if_fail (ATT_IS_RULES_WINDOW (self), 0);
  return self->rows->len;
}

AttStageRow *
att_rules_window_get_stage_row (AttRulesWindow *self,
                                guint           index)
{
  g_return_val_if_fail (ATT_IS_RULES_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

AttStageEditor *
att_rules_window_get_editor (AttRulesWindow *self)
{
  g_return_val_if_fail (ATT_IS_RULES_WINDOW (self), NULL);
  return self->editor;
}

/* ------------------------------------------------------------------ */
/* The object                                                         */
/* ------------------------------------------------------------------ */

static void
att_rules_window_dispose (GObject *object)
{
  AttRulesWindow *self = ATT_RULES_WINDOW (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_handle_id (&self->open_later_id, g_source_remove);
  g_clear_pointer (&self->open_later, att_ladder_stage_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_RULES_WINDOW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->ladder, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (att_rules_window_parent_class)->dispose (object);
}

static void
att_rules_window_finalize (GObject *object)
{
  AttRulesWindow *self = ATT_RULES_WINDOW (object);

  g_free (self->error);
  G_OBJECT_CLASS (att_rules_window_parent_class)->finalize (object);
}

static void
att_rules_window_class_init (AttRulesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_rules_window_dispose;
  object_class->finalize = att_rules_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/letters/att-rules-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttRulesWindow, lock_group);
  gtk_widget_class_bind_template_child (widget_class, AttRulesWindow, lock_row);
  gtk_widget_class_bind_template_child (widget_class, AttRulesWindow, stages_group);
  gtk_widget_class_bind_template_child (widget_class, AttRulesWindow, presets_group);
  gtk_widget_class_bind_template_child (widget_class, AttRulesWindow, preset_row);

  gtk_widget_class_install_action (widget_class, "rules.add-stage", NULL, add_stage_action);
  gtk_widget_class_install_action (widget_class, "rules.apply-preset", NULL, apply_preset_action);
  gtk_widget_class_install_action (widget_class, "rules.edit-templates", NULL, edit_templates_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "rules.add-stage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
att_rules_window_init (AttRulesWindow *self)
{
  g_autoptr(GtkStringList) presets = gtk_string_list_new (NULL);
  const char * const *names = att_ladder_presets ();

  g_type_ensure (ATT_TYPE_STAGE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *title = att_ladder_preset_describe (names[i]);

      gtk_string_list_append (presets, title != NULL ? title : names[i]);
    }
  adw_combo_row_set_model (self->preset_row, G_LIST_MODEL (presets));
  adw_combo_row_set_use_subtitle (self->preset_row, TRUE);
}

static void
on_user_changed (AttRulesWindow *self)
{
  actions_update (self);
}

AttRulesWindow *
att_rules_window_new (AttContext *context,
                      GtkWindow  *parent)
{
  AttRulesWindow *self;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_RULES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);
  g_signal_connect_swapped (context, "notify::user", G_CALLBACK (on_user_changed), self);
  load (self);
  actions_update (self);
  return self;
}

void
att_rules_window_present (GtkWidget  *parent,
                          AttContext *context)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  AttRulesWindow *self;

  g_return_if_fail (ATT_IS_CONTEXT (context));

  self = att_rules_window_new (context, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (self));
}
