/* att-stage-editor.c: the form of one stage of the letter ladder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form only gathers the fields: the core checks the stage
 * (att_ladder_stage_check(), att_ladder_save_stage()) and its refusal is
 * shown as it is, so the window and attendance-cli refuse alike. To mark
 * the row the refusal is about without knowing the rules, the form asks
 * the core again with one field at a time put back as it was: the field
 * whose old value the core accepts is the one it refused.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-letter-templates.h"
#include "att-stage-editor.h"
#include "att-template-editor.h"

struct _AttStageEditor
{
  GtkBox               parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *title_row;
  AdwComboRow         *template_row;
  GtkButton           *edit_template_button;
  AdwComboRow         *delivery_row;
  AdwComboRow         *recipients_row;
  AdwComboRow         *condition_row;
  AdwActionRow        *percent_row;
  GtkSpinButton       *percent_spin;
  AdwActionRow        *count_row;
  GtkSpinButton       *count_spin;
  AdwComboRow         *period_row;
  AdwActionRow        *weeks_row;
  GtkSpinButton       *weeks_spin;
  AdwComboRow         *follows_row;
  AdwActionRow        *gap_row;
  GtkSpinButton       *gap_spin;
  AdwActionRow        *repeats_row;
  GtkSwitch           *repeats_switch;
  AdwActionRow        *monitor_weeks_row;
  GtkSpinButton       *monitor_weeks_spin;
  AdwActionRow        *monitor_percent_row;
  GtkSpinButton       *monitor_percent_spin;
  AdwActionRow        *meeting_days_row;
  GtkSpinButton       *meeting_days_spin;
  AdwEntryRow         *meeting_time_row;
  AdwEntryRow         *meeting_place_row;
  AdwActionRow        *years_row;
  GtkFlowBox          *years_box;
  AdwComboRow         *sen_row;
  AdwComboRow         *ehc_row;
  AdwComboRow         *looked_after_row;
  AdwPreferencesGroup *delete_group;

  AttContext          *context;
  AttLadderStage      *original;       /* as stored; NULL for a new stage */
  GPtrArray           *template_names; /* char *, as the template row's items */
  GPtrArray           *follows_names;  /* char *, as the follows row's items after "none" */
  GtkToggleButton     *years[ATT_YEAR_MAX + 1];
  char                *error;
  const char          *invalid_field;
  gboolean             filling;
  gboolean             dirty;
  gboolean             editable;
};

G_DEFINE_FINAL_TYPE (AttStageEditor, att_stage_editor, GTK_TYPE_BOX)

enum
{
  SAVED,
  DELETED,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The fields, their rows and their inputs, by offset in the struct. */
typedef struct
{
  const char *name;
  gsize       row;
  gsize       input;
} Field;

#define F(name, row, input) { name, G_STRUCT_OFFSET (AttStageEditor, row), G_STRUCT_OFFSET (AttStageEditor, input) }
static const Field fields[] = {
  F ("name", name_row, name_row),
  F ("title", title_row, title_row),
  F ("template", template_row, template_row),
  F ("delivery", delivery_row, delivery_row),
  F ("recipients", recipients_row, recipients_row),
  F ("condition", condition_row, condition_row),
  F ("percent", percent_row, percent_spin),
  F ("count", count_row, count_spin),
  F ("period", period_row, period_row),
  F ("weeks", weeks_row, weeks_spin),
  F ("follows", follows_row, follows_row),
  F ("gap", gap_row, gap_spin),
  F ("repeats", repeats_row, repeats_switch),
  F ("monitor-weeks", monitor_weeks_row, monitor_weeks_spin),
  F ("monitor-percent", monitor_percent_row, monitor_percent_spin),
  F ("meeting-days", meeting_days_row, meeting_days_spin),
  F ("meeting-time", meeting_time_row, meeting_time_row),
  F ("meeting-place", meeting_place_row, meeting_place_row),
  F ("years", years_row, years_box),
  F ("sen", sen_row, sen_row),
  F ("ehc", ehc_row, ehc_row),
  F ("looked-after", looked_after_row, looked_after_row),
};
#undef F

#define MEMBER(self, offset) (*(GtkWidget **)G_STRUCT_MEMBER_P ((self), (offset)))

static AttDb *
get_db (AttStageEditor *self)
{
  return att_context_get_db (self->context);
}

static const char *
filter_describe (AttLadderFilter filter)
{
  switch (filter)
    {
    case ATT_LADDER_ONLY: return _("Only pupils who have it");
    case ATT_LADDER_NOT: return _("Only pupils who do not");
    case ATT_LADDER_ANY:
    default: return _("Every pupil");
    }
}

static const char *
recipients_describe (AttLadderRecipients recipients)
{
  switch (recipients)
    {
    case ATT_LADDER_TO_FIRST: return _("The first parent only");
    case ATT_LADDER_TO_PARENTS:
    default: return _("Every parent who receives letters, one letter per address");
    }
}

static const char *
period_describe (AttLadderPeriod period)
{
  switch (period)
    {
    case ATT_LADDER_PERIOD_YEAR: return _("This school year so far");
    case ATT_LADDER_PERIOD_WEEKS: return _("The last school weeks, counted below");
    case ATT_LADDER_PERIOD_TERM:
    default: return _("This term so far");
    }
}

static GListModel *
strings (GPtrArray *items)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < items->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (items, i));
  return G_LIST_MODEL (list);
}

/* ------------------------------------------------------------------ */
/* Showing the rows the condition needs                               */
/* ------------------------------------------------------------------ */

static void
update_rows (AttStageEditor *self)
{
  AttLadderCondition condition = adw_combo_row_get_selected (self->condition_row);
  gboolean has_percent = FALSE, has_count = FALSE, has_period = TRUE;
  const char *percent_title = NULL, *count_title = NULL;
  g_autofree char *title = NULL;

  switch (condition)
    {
    case ATT_LADDER_BELOW:
      has_percent = TRUE;
      percent_title = _("Attendance _Below (%)");
      break;
    case ATT_LADDER_UNAUTHORISED:
      has_count = TRUE;
      has_period = FALSE;
      count_title = _("Unauthorised _Sessions in the Last 10 School Weeks (at least)");
      break;
    case ATT_LADDER_LATE:
      has_count = TRUE;
      count_title = _("Late Marks, L and U (at _Least)");
      break;
    case ATT_LADDER_IMPROVED:
      has_percent = TRUE;
      has_period = FALSE;
      percent_title = _("Improvement Since the Last Letter (_points, at least)");
      break;
    case ATT_LADDER_AT_LEAST:
      has_percent = TRUE;
      percent_title = _("Attendance of at _Least (%)");
      break;
    case ATT_LADDER_PERSISTENT:
    case ATT_LADDER_SEVERE:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->percent_row), has_percent);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row), has_count);
  gtk_widget_set_visible (GTK_WIDGET (self->period_row), has_period);
  gtk_widget_set_visible (GTK_WIDGET (self->weeks_row),
                          has_period && adw_combo_row_get_selected (self->period_row) == ATT_LADDER_PERIOD_WEEKS);
  if (percent_title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->percent_row), percent_title);
  if (count_title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->count_row), count_title);
  gtk_widget_set_sensitive (GTK_WIDGET (self->monitor_percent_row),
                            gtk_spin_button_get_value_as_int (self->monitor_weeks_spin) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->meeting_time_row),
                            gtk_spin_button_get_value_as_int (self->meeting_days_spin) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->meeting_place_row),
                            gtk_spin_button_get_value_as_int (self->meeting_days_spin) > 0);

  title = self->original != NULL
          ? g_strdup (self->original->title != NULL && self->original->title[0] != '\0'
                      ? self->original->title : self->original->name)
          : g_strdup (_("New Stage"));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, self->dirty ? _("Changed") : NULL);
}

static void
on_changed (AttStageEditor *self)
{
  if (self->filling)
    return;
  self->dirty = TRUE;
  update_rows (self);
}

/* ------------------------------------------------------------------ */
/* The stage and the form                                             */
/* ------------------------------------------------------------------ */

static void
fill (AttStageEditor       *self,
      const AttLadderStage *stage)
{
  g_autofree char *time = NULL;
  guint template_index = 0, follows_index = 0;

  for (guint i = 0; i < self->template_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->template_names, i), stage->template_name) == 0)
      template_index = i;
  for (guint i = 0; i < self->follows_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->follows_names, i), stage->follows) == 0)
      follows_index = i + 1;
  time = stage->meeting_time >= 0 && stage->meeting_days > 0 ? att_time_format (stage->meeting_time) : NULL;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), stage->name != NULL ? stage->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), stage->title != NULL ? stage->title : "");
  adw_combo_row_set_selected (self->template_row, template_index);
  adw_combo_row_set_selected (self->delivery_row, stage->delivery);
  adw_combo_row_set_selected (self->recipients_row, stage->recipients);
  adw_combo_row_set_selected (self->condition_row, stage->condition);
  gtk_spin_button_set_value (self->percent_spin, stage->percent);
  gtk_spin_button_set_value (self->count_spin, stage->count);
  adw_combo_row_set_selected (self->period_row, stage->period);
  gtk_spin_button_set_value (self->weeks_spin, MAX (stage->weeks, 1));
  adw_combo_row_set_selected (self->follows_row, follows_index);
  gtk_spin_button_set_value (self->gap_spin, stage->min_gap_days);
  gtk_switch_set_active (self->repeats_switch, stage->repeats);
  gtk_spin_button_set_value (self->monitor_weeks_spin, stage->monitor_weeks);
  gtk_spin_button_set_value (self->monitor_percent_spin, stage->monitor_percent);
  gtk_spin_button_set_value (self->meeting_days_spin, stage->meeting_days);
  gtk_editable_set_text (GTK_EDITABLE (self->meeting_time_row), time != NULL ? time : "");
  gtk_editable_set_text (GTK_EDITABLE (self->meeting_place_row),
                         stage->meeting_place != NULL ? stage->meeting_place : "");
  for (guint y = 0; y <= ATT_YEAR_MAX; y++)
    gtk_toggle_button_set_active (self->years[y], (stage->year_groups & (1u << y)) != 0);
  adw_combo_row_set_selected (self->sen_row, stage->sen);
  adw_combo_row_set_selected (self->ehc_row, stage->ehc);
  adw_combo_row_set_selected (self->looked_after_row, stage->looked_after);
  self->filling = FALSE;
  update_rows (self);
}

static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  return g_strdup (g_strstrip (text));
}

/* The stage as the form holds it; @error is set when the meeting's time
 * is not a time of day (the form's own text, not a rule). */
static AttLadderStage *
gather (AttStageEditor  *self,
        GError         **error)
{
  AttLadderStage *stage = self->original != NULL ? att_ladder_stage_copy (self->original) : att_ladder_stage_new ();
  guint template_index = adw_combo_row_get_selected (self->template_row);
  guint follows_index = adw_combo_row_get_selected (self->follows_row);
  g_autofree char *time = dup_text (self->meeting_time_row);

  g_free (stage->name);
  stage->name = dup_text (self->name_row);
  g_free (stage->title);
  stage->title = dup_text (self->title_row);
  g_free (stage->template_name);
  stage->template_name = template_index < self->template_names->len
                         ? g_strdup (g_ptr_array_index (self->template_names, template_index)) : NULL;
  stage->delivery = adw_combo_row_get_selected (self->delivery_row);
  stage->recipients = adw_combo_row_get_selected (self->recipients_row);
  stage->condition = adw_combo_row_get_selected (self->condition_row);
  stage->percent = gtk_spin_button_get_value (self->percent_spin);
  stage->count = gtk_spin_button_get_value_as_int (self->count_spin);
  stage->period = adw_combo_row_get_selected (self->period_row);
  stage->weeks = gtk_spin_button_get_value_as_int (self->weeks_spin);
  g_free (stage->follows);
  stage->follows = follows_index > 0 && follows_index - 1 < self->follows_names->len
                   ? g_strdup (g_ptr_array_index (self->follows_names, follows_index - 1)) : NULL;
  stage->min_gap_days = gtk_spin_button_get_value_as_int (self->gap_spin);
  stage->repeats = gtk_switch_get_active (self->repeats_switch);
  stage->monitor_weeks = gtk_spin_button_get_value_as_int (self->monitor_weeks_spin);
  stage->monitor_percent = gtk_spin_button_get_value (self->monitor_percent_spin);
  stage->meeting_days = gtk_spin_button_get_value_as_int (self->meeting_days_spin);
  stage->meeting_time = -1;
  if (time[0] != '\0')
    {
      g_autoptr(GError) local = NULL;

      stage->meeting_time = att_time_parse (time, &local);
      if (stage->meeting_time < 0)
        g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                     /* Translators: the field, then why its text is refused */
                     _("Meeting time: %s"), local->message);
    }
  g_free (stage->meeting_place);
  stage->meeting_place = dup_text (self->meeting_place_row);
  if (stage->meeting_place[0] == '\0')
    g_clear_pointer (&stage->meeting_place, g_free);
  stage->year_groups = 0;
  for (guint y = 0; y <= ATT_YEAR_MAX; y++)
    if (gtk_toggle_button_get_active (self->years[y]))
      stage->year_groups |= 1u << y;
  stage->sen = adw_combo_row_get_selected (self->sen_row);
  stage->ehc = adw_combo_row_get_selected (self->ehc_row);
  stage->looked_after = adw_combo_row_get_selected (self->looked_after_row);
  return stage;
}

/* Puts field @name of @from into @to, as the rows hold them. */
static void
take_field (AttLadderStage       *to,
            const AttLadderStage *from,
            const char           *name)
{
#define TAKE_STRING(member) G_STMT_START { g_free (to->member); to->member = g_strdup (from->member); } G_STMT_END
  if (g_str_equal (name, "name")) TAKE_STRING (name);
  else if (g_str_equal (name, "title")) TAKE_STRING (title);
  else if (g_str_equal (name, "template")) TAKE_STRING (template_name);
  else if (g_str_equal (name, "delivery")) to->delivery = from->delivery;
  else if (g_str_equal (name, "recipients")) to->recipients = from->recipients;
  else if (g_str_equal (name, "condition")) to->condition = from->condition;
  else if (g_str_equal (name, "percent")) to->percent = from->percent;
  else if (g_str_equal (name, "count")) to->count = from->count;
  else if (g_str_equal (name, "period")) to->period = from->period;
  else if (g_str_equal (name, "weeks")) to->weeks = from->weeks;
  else if (g_str_equal (name, "follows")) TAKE_STRING (follows);
  else if (g_str_equal (name, "gap")) to->min_gap_days = from->min_gap_days;
  else if (g_str_equal (name, "repeats")) to->repeats = from->repeats;
  else if (g_str_equal (name, "monitor-weeks")) to->monitor_weeks = from->monitor_weeks;
  else if (g_str_equal (name, "monitor-percent")) to->monitor_percent = from->monitor_percent;
  else if (g_str_equal (name, "meeting-days")) to->meeting_days = from->meeting_days;
  else if (g_str_equal (name, "meeting-time")) to->meeting_time = from->meeting_time;
  else if (g_str_equal (name, "meeting-place")) TAKE_STRING (meeting_place);
  else if (g_str_equal (name, "years")) to->year_groups = from->year_groups;
  else if (g_str_equal (name, "sen")) to->sen = from->sen;
  else if (g_str_equal (name, "ehc")) to->ehc = from->ehc;
  else if (g_str_equal (name, "looked-after")) to->looked_after = from->looked_after;
#undef TAKE_STRING
}

/* The field the core refuses @stage for: the first one that, put back
 * as stored (or as a new stage has it), makes the stage pass; else the
 * first that changes the core's answer. NULL when the stage passes on
 * its own (the ladder refused it) or no field alone explains it. */
static const char *
find_refused_field (AttStageEditor       *self,
                    const AttLadderStage *stage)
{
  g_autoptr(AttLadderStage) reference = NULL;
  g_autoptr(GError) base = NULL;

  if (att_ladder_stage_check (get_db (self), stage, &base))
    return NULL;
  if (self->original != NULL)
    reference = att_ladder_stage_copy (self->original);
  else
    {
      reference = att_ladder_stage_new ();
      g_free (reference->name);
      reference->name = g_strdup ("stage");
      g_free (reference->title);
      reference->title = g_strdup (_("New Stage"));
      g_free (reference->template_name);
      reference->template_name = g_strdup (self->template_names->len > 0
                                           ? g_ptr_array_index (self->template_names, 0) : "concern");
    }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autoptr(AttLadderStage) trial = att_ladder_stage_copy (stage);
        g_autoptr(GError) error = NULL;
        gboolean passes;

        take_field (trial, reference, fields[i].name);
        passes = att_ladder_stage_check (get_db (self), trial, &error);
        if (pass == 0 && passes)
          return fields[i].name;
        /* The stage's name and title are in every message. */
        if (pass == 1 && !passes && g_strcmp0 (error->message, base->message) != 0 &&
            !g_str_equal (fields[i].name, "name") && !g_str_equal (fields[i].name, "title"))
          return fields[i].name;
      }
  return NULL;
}

static void
show_refusal (AttStageEditor *self,
              const char     *message,
              const char     *field)
{
  g_free (self->error);
  self->error = g_strdup (message);
  self->invalid_field = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = MEMBER (self, fields[i].row);

      if (field != NULL && g_str_equal (fields[i].name, field))
        {
          self->invalid_field = fields[i].name;
          gtk_widget_add_css_class (row, "error");
          gtk_widget_grab_focus (MEMBER (self, fields[i].input));
        }
      else
        gtk_widget_remove_css_class (row, "error");
    }
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), message != NULL);
  if (message != NULL && field == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->error_label));
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

gboolean
att_stage_editor_save (AttStageEditor *self)
{
  g_autoptr(AttLadderStage) stage = NULL;
  g_autoptr(GError) error = NULL;
  const char *field;

  g_return_val_if_fail (ATT_IS_STAGE_EDITOR (self), FALSE);

  if (!self->editable || get_db (self) == NULL)
    return FALSE;
  stage = gather (self, &error);
  if (error != NULL)
    {
      show_refusal (self, error->message, "meeting-time");
      return FALSE;
    }
  if (!att_ladder_save_stage (get_db (self), att_context_get_user (self->context), stage, &error))
    {
      field = find_refused_field (self, stage);
      /* The stage is right on its own but not in the ladder: the stage
       * it follows. */
      if (field == NULL && att_ladder_stage_check (get_db (self), stage, NULL) &&
          error->code != ATT_ERROR_PERMISSION)
        field = "follows";
      show_refusal (self, error->message, field);
      return FALSE;
    }
  show_refusal (self, NULL, NULL);
  g_clear_pointer (&self->original, att_ladder_stage_free);
  self->original = att_ladder_stage_copy (stage);
  self->dirty = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
  update_rows (self);
  g_signal_emit (self, signals[SAVED], 0, stage->name);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Actions                                                            */
/* ------------------------------------------------------------------ */

static void
on_edit_template (AttStageEditor *self)
{
  guint index = adw_combo_row_get_selected (self->template_row);

  att_template_editor_present (GTK_WIDGET (self), self->context,
                               index < self->template_names->len ? g_ptr_array_index (self->template_names, index) : NULL);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AttStageEditor   *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "remove") && self->original != NULL)
    {
      if (att_ladder_delete_stage (get_db (self), att_context_get_user (self->context),
                                   self->original->name, &error))
        {
          self->dirty = FALSE;
          g_signal_emit (self, signals[DELETED], 0, self->original->name);
        }
      else
        show_refusal (self, error->message, NULL);
    }
  g_object_unref (self);
}

static void
on_delete (AttStageEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (self->original == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove the Stage?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” is taken off the ladder, with the letters postponed or removed for it. Letters already sent stay in the log."),
                                  self->original->title != NULL ? self->original->title : self->original->name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_back_response (AdwMessageDialog *dialog,
                  const char       *response,
                  AttStageEditor   *self)
{
  if (g_str_equal (response, "save"))
    att_stage_editor_save (self);
  else if (g_str_equal (response, "discard"))
    {
      self->dirty = FALSE;
      g_signal_emit (self, signals[BACK], 0);
    }
  g_object_unref (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttStageEditor *self = ATT_STAGE_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (!self->dirty || !self->editable)
    {
      g_signal_emit (self, signals[BACK], 0);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Save the Stage?"),
                                                       _("The stage has changes that are not saved.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_back_response), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  att_stage_editor_save (ATT_STAGE_EDITOR (widget));
}

/* ------------------------------------------------------------------ */
/* For the rules window and tests                                     */
/* ------------------------------------------------------------------ */

AttLadderStage *
att_stage_editor_dup_stage (AttStageEditor *self)
{
  g_return_val_if_fail (ATT_IS_STAGE_EDITOR (self), NULL);
  return gather (self, NULL);
}

gboolean
att_stage_editor_get_modified (AttStageEditor *self)
{
  g_return_val_if_fail (ATT_IS_STAGE_EDITOR (self), FALSE);
  return self->dirty;
}

const char *
att_stage_editor_get_error (AttStageEditor *self)
{
  g_return_val_if_fail (ATT_IS_STAGE_EDITOR (self), NULL);
  return self->error;
}

const char *
att_stage_editor_get_invalid_field (AttStageEditor *self)
{
  g_return_val_if_fail (ATT_IS_STAGE_EDITOR (self), NULL);
  return self->invalid_field;
}

GtkWidget *
att_stage_editor_get_field (AttStageEditor *self,
                            const char     *field)
{
  g_return_val_if_fail (ATT_IS_STAGE_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, field))
      return MEMBER (self, fields[i].input);
  return NULL;
}

void
att_stage_editor_set_editable (AttStageEditor *self,
                               gboolean        editable,
                               const char     *reason)
{
  g_return_if_fail (ATT_IS_STAGE_EDITOR (self));

  self->editable = editable;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stage.save", editable);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               editable ? _("Save the stage (Ctrl+S)") : reason);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].input != G_STRUCT_OFFSET (AttStageEditor, name_row) || self->original == NULL)
      gtk_widget_set_sensitive (MEMBER (self, fields[i].input), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_group), editable);
}

/* ------------------------------------------------------------------ */
/* The object                                                         */
/* ------------------------------------------------------------------ */

static void
att_stage_editor_dispose (GObject *object)
{
  AttStageEditor *self = ATT_STAGE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_STAGE_EDITOR);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (att_stage_editor_parent_class)->dispose (object);
}

static void
att_stage_editor_finalize (GObject *object)
{
  AttStageEditor *self = ATT_STAGE_EDITOR (object);

  g_clear_pointer (&self->original, att_ladder_stage_free);
  g_clear_pointer (&self->template_names, g_ptr_array_unref);
  g_clear_pointer (&self->follows_names, g_ptr_array_unref);
  g_free (self->error);
  G_OBJECT_CLASS (att_stage_editor_parent_class)->finalize (object);
}

static void
att_stage_editor_class_init (AttStageEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_stage_editor_dispose;
  object_class->finalize = att_stage_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/letters/att-stage-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, AttStageEditor, name)
  BIND (window_title);
  BIND (save_button);
  BIND (page);
  BIND (error_group);
  BIND (error_label);
  BIND (name_row);
  BIND (title_row);
  BIND (template_row);
  BIND (edit_template_button);
  BIND (delivery_row);
  BIND (recipients_row);
  BIND (condition_row);
  BIND (percent_row);
  BIND (percent_spin);
  BIND (count_row);
  BIND (count_spin);
  BIND (period_row);
  BIND (weeks_row);
  BIND (weeks_spin);
  BIND (follows_row);
  BIND (gap_row);
  BIND (gap_spin);
  BIND (repeats_row);
  BIND (repeats_switch);
  BIND (monitor_weeks_row);
  BIND (monitor_weeks_spin);
  BIND (monitor_percent_row);
  BIND (monitor_percent_spin);
  BIND (meeting_days_row);
  BIND (meeting_days_spin);
  BIND (meeting_time_row);
  BIND (meeting_place_row);
  BIND (years_row);
  BIND (years_box);
  BIND (sen_row);
  BIND (ehc_row);
  BIND (looked_after_row);
  BIND (delete_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_template);
  gtk_widget_class_bind_template_callback (widget_class, on_delete);

  gtk_widget_class_install_action (widget_class, "stage.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "stage.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "stage.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "stage.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "stage.back", NULL);
}

static void
att_stage_editor_init (AttStageEditor *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->editable = TRUE;

  for (AttLetterDelivery d = 0; d < ATT_LETTER_N_DELIVERIES; d++)
    g_ptr_array_add (items, (char *)att_letter_delivery_describe (d));
  adw_combo_row_set_model (self->delivery_row, strings (items));
  g_ptr_array_set_size (items, 0);
  for (AttLadderRecipients r = ATT_LADDER_TO_PARENTS; r <= ATT_LADDER_TO_FIRST; r++)
    g_ptr_array_add (items, (char *)recipients_describe (r));
  adw_combo_row_set_model (self->recipients_row, strings (items));
  g_ptr_array_set_size (items, 0);
  for (AttLadderCondition c = 0; c < ATT_LADDER_N_CONDITIONS; c++)
    g_ptr_array_add (items, (char *)att_ladder_condition_describe (c));
  adw_combo_row_set_model (self->condition_row, strings (items));
  g_ptr_array_set_size (items, 0);
  for (AttLadderPeriod p = 0; p < ATT_LADDER_N_PERIODS; p++)
    g_ptr_array_add (items, (char *)period_describe (p));
  adw_combo_row_set_model (self->period_row, strings (items));
  g_ptr_array_set_size (items, 0);
  for (AttLadderFilter f = ATT_LADDER_ANY; f <= ATT_LADDER_NOT; f++)
    g_ptr_array_add (items, (char *)filter_describe (f));
  adw_combo_row_set_model (self->sen_row, strings (items));
  adw_combo_row_set_model (self->ehc_row, strings (items));
  adw_combo_row_set_model (self->looked_after_row, strings (items));

  for (guint y = 0; y <= ATT_YEAR_MAX; y++)
    {
      g_autofree char *label = y == ATT_YEAR_RECEPTION ? g_strdup (C_("year group", "R")) : g_strdup_printf ("%u", y);
      g_autofree char *tooltip = y == ATT_YEAR_RECEPTION ? g_strdup (_("Reception")) : g_strdup_printf (_("Year %u"), y);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_widget_add_css_class (button, "circular");
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (on_changed), self);
      gtk_flow_box_append (self->years_box, button);
      self->years[y] = GTK_TOGGLE_BUTTON (button);
    }
}

AttStageEditor *
att_stage_editor_new (AttContext           *context,
                      const AttLadderStage *stage,
                      GPtrArray            *ladder)
{
  AttStageEditor *self;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GPtrArray) template_titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) follows_titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AttLadderStage) fresh = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_STAGE_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->original = stage != NULL ? att_ladder_stage_copy (stage) : NULL;

  /* The letters a stage may send, by their titles. */
  self->template_names = g_ptr_array_new_with_free_func (g_free);
  templates = att_letter_templates_list (get_db (self), NULL);
  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      const char *name = att_letter_template_get_name (g_ptr_array_index (templates, i));
      const char *title = att_letter_templates_describe (name);

      g_ptr_array_add (self->template_names, g_strdup (name));
      g_ptr_array_add (template_titles, title != NULL ? g_strdup_printf ("%s (%s)", title, name) : g_strdup (name));
    }
  if (stage != NULL && stage->template_name != NULL &&
      !g_ptr_array_find_with_equal_func (self->template_names, stage->template_name, g_str_equal, NULL))
    {
      g_ptr_array_add (self->template_names, g_strdup (stage->template_name));
      g_ptr_array_add (template_titles, g_strdup (stage->template_name));
    }
  adw_combo_row_set_model (self->template_row, strings (template_titles));

  /* The stages it may follow: any other. */
  self->follows_names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (follows_titles, g_strdup (_("None: it may be the first letter")));
  for (guint i = 0; ladder != NULL && i < ladder->len; i++)
    {
      AttLadderStage *other = g_ptr_array_index (ladder, i);

      if (stage != NULL && g_strcmp0 (other->name, stage->name) == 0)
        continue;
      g_ptr_array_add (self->follows_names, g_strdup (other->name));
      g_ptr_array_add (follows_titles, g_strdup (other->title != NULL && other->title[0] != '\0'
                                                 ? other->title : other->name));
    }
  adw_combo_row_set_model (self->follows_row, strings (follows_titles));

  if (stage == NULL)
    {
      fresh = att_ladder_stage_new ();
      /* A new stage follows the last one, as a ladder goes. */
      if (ladder != NULL && ladder->len > 0)
        {
          g_free (fresh->follows);
          fresh->follows = g_strdup (((AttLadderStage *)g_ptr_array_index (ladder, ladder->len - 1))->name);
        }
    }
  fill (self, stage != NULL ? stage : fresh);
  /* A stage is known by its name: an existing one keeps it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), stage == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), stage != NULL);
  self->dirty = FALSE;
  update_rows (self);
  return self;
}
