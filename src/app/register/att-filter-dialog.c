/* att-filter-dialog.c: creates or changes a saved register filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields map one to one onto AttGridFilter. The dialog checks what it
 * can as the person types (a name, a name not used yet) so Save is only
 * offered when it can work; the core checks again when saving, and what
 * it refuses is shown in the dialog with nothing written.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-filter-dialog-private.h"

struct _AttFilterDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkWidget      *save_button;
  AdwEntryRow    *name_row;
  GtkLabel       *message_label;
  AdwComboRow    *year_row;
  AdwComboRow    *group_row;
  AdwComboRow    *sen_row;
  AdwComboRow    *fsm_row;
  AdwComboRow    *eal_row;
  AdwComboRow    *looked_after_row;
  AdwComboRow    *social_worker_row;
  AdwComboRow    *young_carer_row;
  GtkLabel       *count_label;

  AttDb          *db;
  AttDate         today;          /* the page's today, from its context */
  AttUser        *user;
  AttGridFilter  *original;    /* the saved filter being changed, or NULL */
  GPtrArray      *other_names; /* casefolded names of the other saved filters */
  GArray         *years;       /* int, one per year row item after "Any" */
  GPtrArray      *groups;      /* char *, one per group row item after "Any" */
  char           *save_error;  /* why the last save was refused */
  char           *message;     /* what message_label shows, or NULL */
};

G_DEFINE_FINAL_TYPE (AttFilterDialog, att_filter_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The SEN choices in the order the row lists them. */
static const char sen_values[] = { 0, ATT_SEN_NONE, ATT_SEN_SUPPORT, ATT_SEN_EHCP, 'S' };

/* "Any", "Yes", "No" */
static const gint8 flag_values[] = { -1, 1, 0 };

static AdwComboRow *
flag_row (AttFilterDialog *self,
          guint            i)
{
  AdwComboRow *rows[] = { self->fsm_row, self->eal_row, self->looked_after_row,
                          self->social_worker_row, self->young_carer_row };

  return rows[i];
}

static gint8 *
flag_field (AttGridFilter *filter,
            guint          i)
{
  gint8 *fields[] = { &filter->fsm, &filter->eal, &filter->looked_after,
                      &filter->social_worker, &filter->young_carer };

  return fields[i];
}

#define N_FLAGS 5

static char *
dup_name (AttFilterDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

/* The saved filter other than the one being changed that already has
 * @name (compared without case), or FALSE. */
static gboolean
name_taken (AttFilterDialog *self,
            const char      *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < self->other_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->other_names, i), folded) == 0)
      return TRUE;
  return FALSE;
}

static void
set_message (AttFilterDialog *self,
             const char      *text)
{
  if (g_strcmp0 (text, self->message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (text);
  gtk_label_set_label (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
update (AttFilterDialog *self)
{
  g_autofree char *name = dup_name (self);
  g_autofree char *clash = NULL;
  g_autofree char *count = NULL;
  guint n;

  if (*name != '\0' && name_taken (self, name))
    /* Translators: the name typed for a saved filter is already used */
    clash = g_strdup_printf (_("There is already a saved filter called “%s”: choose another name"), name);
  set_message (self, clash != NULL ? clash : self->save_error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "filter.save",
                                 *name != '\0' && clash == NULL);

  n = att_filter_dialog_count_matching (self);
  count = g_strdup_printf (ngettext ("%u pupil on roll today matches",
                                     "%u pupils on roll today match", n), n);
  gtk_label_set_label (self->count_label, count);
}

static void
on_changed (AttFilterDialog *self)
{
  /* A refusal was about what was there before. */
  g_clear_pointer (&self->save_error, g_free);
  update (self);
}

static void
action_save (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  att_filter_dialog_save (ATT_FILTER_DIALOG (widget));
}

static void
att_filter_dialog_dispose (GObject *object)
{
  AttFilterDialog *self = ATT_FILTER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_FILTER_DIALOG);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (att_filter_dialog_parent_class)->dispose (object);
}

static void
att_filter_dialog_finalize (GObject *object)
{
  AttFilterDialog *self = ATT_FILTER_DIALOG (object);

  g_clear_pointer (&self->user, att_user_free);
  g_clear_pointer (&self->original, att_grid_filter_free);
  g_clear_pointer (&self->other_names, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_free (self->save_error);
  g_free (self->message);

  G_OBJECT_CLASS (att_filter_dialog_parent_class)->finalize (object);
}

static void
att_filter_dialog_class_init (AttFilterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_filter_dialog_dispose;
  object_class->finalize = att_filter_dialog_finalize;

  /* Emitted once the filter is saved, with the filter as saved. */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1,
                                 ATT_TYPE_GRID_FILTER | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/register/att-filter-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, year_row);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, sen_row);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, fsm_row);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, eal_row);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, looked_after_row);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, social_worker_row);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, young_carer_row);
  gtk_widget_class_bind_template_child (widget_class, AttFilterDialog, count_label);

  gtk_widget_class_install_action (widget_class, "filter.save", NULL, action_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_filter_dialog_init (AttFilterDialog *self)
{
  g_autoptr(GtkStringList) sen = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->other_names = g_ptr_array_new_with_free_func (g_free);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->groups = g_ptr_array_new_with_free_func (g_free);

  sen = gtk_string_list_new (NULL);
  /* Translators: a choice of a saved filter's field: no condition on it */
  gtk_string_list_append (sen, C_("filter", "Any"));
  gtk_string_list_append (sen, _("No SEN"));
  gtk_string_list_append (sen, _("SEN support (K)"));
  gtk_string_list_append (sen, _("EHC plan (E)"));
  gtk_string_list_append (sen, _("SEN support or EHC plan (K or E)"));
  adw_combo_row_set_model (self->sen_row, G_LIST_MODEL (sen));

  for (guint i = 0; i < N_FLAGS; i++)
    {
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

      gtk_string_list_append (choices, C_("filter", "Any"));
      gtk_string_list_append (choices, _("Yes"));
      gtk_string_list_append (choices, _("No"));
      adw_combo_row_set_model (flag_row (self, i), G_LIST_MODEL (choices));
    }
}

/* Fills the year and group rows from the school as it is today, plus
 * the filter's own year or group when no pupil is in it now, so that
 * changing another field does not lose it. */
static void
fill_places (AttFilterDialog     *self,
             const AttGridFilter *filter)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) groups = gtk_string_list_new (NULL);
  g_autoptr(GArray) on_roll_years = att_grid_list_years (self->db, self->today);
  g_auto(GStrv) on_roll_groups = att_grid_list_groups (self->db, self->today);
  gboolean found;

  g_array_append_vals (self->years, on_roll_years->data, on_roll_years->len);
  found = filter->year < 0;
  for (guint i = 0; i < self->years->len; i++)
    found = found || g_array_index (self->years, int, i) == filter->year;
  if (!found)
    g_array_append_val (self->years, filter->year);

  for (guint i = 0; on_roll_groups[i] != NULL; i++)
    g_ptr_array_add (self->groups, g_strdup (on_roll_groups[i]));
  if (filter->group != NULL && !g_strv_contains ((const char * const *)on_roll_groups, filter->group))
    g_ptr_array_add (self->groups, g_strdup (filter->group));

  gtk_string_list_append (years, C_("filter", "Any"));
  for (guint i = 0; i < self->years->len; i++)
    {
      g_autoptr(AttGridFilter) year = att_grid_filter_new_year (g_array_index (self->years, int, i));
      g_autofree char *text = att_grid_filter_describe (year);

      gtk_string_list_append (years, text);
    }
  gtk_string_list_append (groups, C_("filter", "Any"));
  for (guint i = 0; i < self->groups->len; i++)
    gtk_string_list_append (groups, g_ptr_array_index (self->groups, i));

  adw_combo_row_set_model (self->year_row, G_LIST_MODEL (years));
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (groups));
}

/* Sets every field from @filter. */
static void
show_filter (AttFilterDialog     *self,
             const AttGridFilter *filter)
{
  guint selected = 0;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), filter->name != NULL ? filter->name : "");

  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == filter->year)
      selected = i + 1;
  adw_combo_row_set_selected (self->year_row, filter->year >= 0 ? selected : 0);

  selected = 0;
  for (guint i = 0; filter->group != NULL && i < self->groups->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->groups, i), filter->group) == 0)
      selected = i + 1;
  adw_combo_row_set_selected (self->group_row, selected);

  selected = 0;
  for (guint i = 0; i < G_N_ELEMENTS (sen_values); i++)
    if (sen_values[i] == filter->sen)
      selected = i;
  adw_combo_row_set_selected (self->sen_row, selected);

  for (guint f = 0; f < N_FLAGS; f++)
    {
      gint8 value = *flag_field ((AttGridFilter *)filter, f);

      selected = 0;
      for (guint i = 0; i < G_N_ELEMENTS (flag_values); i++)
        if (flag_values[i] == (value < 0 ? -1 : value))
          selected = i;
      adw_combo_row_set_selected (flag_row (self, f), selected);
    }
}

AttFilterDialog *
att_filter_dialog_new (GtkWindow           *parent,
                       AttDb               *db,
                       const AttUser       *user,
                       AttDate              today,
                       const AttGridFilter *filter)
{
  AttFilterDialog *self;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) blank = att_grid_filter_new ();
  g_autofree char *original = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  self = g_object_new (ATT_TYPE_FILTER_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->db = g_object_ref (db);
  self->today = today;
  self->user = user != NULL ? att_user_copy (user) : NULL;
  if (filter != NULL && filter->name != NULL)
    {
      self->original = att_grid_filter_copy (filter);
      original = g_utf8_casefold (filter->name, -1);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Saved Filter"));
    }

  saved = att_grid_filters_load (db, &error);
  for (guint i = 0; saved != NULL && i < saved->len; i++)
    {
      const AttGridFilter *other = g_ptr_array_index (saved, i);
      char *folded = g_utf8_casefold (other->name != NULL ? other->name : "", -1);

      if (g_strcmp0 (folded, original) == 0)
        g_free (folded);
      else
        g_ptr_array_add (self->other_names, folded);
    }
  if (error != NULL)
    self->save_error = g_strdup (error->message);

  /* A filter without a name only gives a new one its first values. */
  fill_places (self, filter != NULL ? filter : blank);
  show_filter (self, filter != NULL ? filter : blank);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->year_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->group_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->sen_row, "notify::selected", G_CALLBACK (on_changed), self);
  for (guint f = 0; f < N_FLAGS; f++)
    g_signal_connect_swapped (flag_row (self, f), "notify::selected", G_CALLBACK (on_changed), self);
  update (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

AttGridFilter *
att_filter_dialog_dup_filter (AttFilterDialog *self)
{
  AttGridFilter *filter;
  guint i;

  g_return_val_if_fail (ATT_IS_FILTER_DIALOG (self), NULL);

  filter = att_grid_filter_new ();
  filter->name = dup_name (self);

  i = adw_combo_row_get_selected (self->year_row);
  if (i != GTK_INVALID_LIST_POSITION && i > 0 && i <= self->years->len)
    filter->year = g_array_index (self->years, int, i - 1);
  i = adw_combo_row_get_selected (self->group_row);
  if (i != GTK_INVALID_LIST_POSITION && i > 0 && i <= self->groups->len)
    filter->group = g_strdup (g_ptr_array_index (self->groups, i - 1));
  i = adw_combo_row_get_selected (self->sen_row);
  if (i < G_N_ELEMENTS (sen_values))
    filter->sen = sen_values[i];
  for (guint f = 0; f < N_FLAGS; f++)
    {
      i = adw_combo_row_get_selected (flag_row (self, f));
      *flag_field (filter, f) = i < G_N_ELEMENTS (flag_values) ? flag_values[i] : -1;
    }
  return filter;
}

guint
att_filter_dialog_count_matching (AttFilterDialog *self)
{
  g_autoptr(AttGridFilter) filter = NULL;
  GPtrArray *pupils;
  AttDate today = self->today;
  guint n = 0;

  g_return_val_if_fail (ATT_IS_FILTER_DIALOG (self), 0);

  filter = att_filter_dialog_dup_filter (self);
  pupils = att_pupils_list (self->db, NULL);
  for (guint i = 0; pupils != NULL && i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      if (att_pupil_on_roll (pupil, today) && att_grid_filter_matches (filter, pupil))
        n++;
    }
  return n;
}

const char *
att_filter_dialog_get_message (AttFilterDialog *self)
{
  g_return_val_if_fail (ATT_IS_FILTER_DIALOG (self), NULL);
  return self->message;
}

static void
refuse (AttFilterDialog *self,
        const char      *text)
{
  g_free (self->save_error);
  self->save_error = g_strdup (text);
  update (self);
}

gboolean
att_filter_dialog_save (AttFilterDialog *self)
{
  g_autoptr(AttGridFilter) filter = NULL;
  g_autoptr(GPtrArray) filters = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  gboolean replaced = FALSE;

  g_return_val_if_fail (ATT_IS_FILTER_DIALOG (self), FALSE);

  filter = att_filter_dialog_dup_filter (self);
  if (*filter->name == '\0' || name_taken (self, filter->name))
    return FALSE;
  if (self->user == NULL)
    {
      refuse (self, _("Nobody is signed in, so the filter cannot be saved: "
                      "choose who you are in the window’s menu"));
      return FALSE;
    }

  /* Start from the list as stored now, not as it was when the dialog
   * opened, so a filter saved meanwhile elsewhere is kept. */
  filters = att_grid_filters_load (self->db, &error);
  if (filters == NULL)
    {
      refuse (self, error->message);
      return FALSE;
    }
  if (self->original != NULL)
    original = g_utf8_casefold (self->original->name, -1);
  for (guint i = 0; original != NULL && i < filters->len; i++)
    {
      AttGridFilter *old = g_ptr_array_index (filters, i);
      g_autofree char *folded = g_utf8_casefold (old->name != NULL ? old->name : "", -1);

      if (g_strcmp0 (folded, original) == 0)
        {
          att_grid_filter_free (old);
          g_ptr_array_index (filters, i) = att_grid_filter_copy (filter);
          replaced = TRUE;
          break;
        }
    }
  /* A filter deleted while it was being changed is saved again. */
  if (!replaced)
    g_ptr_array_add (filters, att_grid_filter_copy (filter));

  if (!att_grid_filters_save (self->db, self->user, filters, &error))
    {
      refuse (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, filter);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Private accessors                                                  */
/* ------------------------------------------------------------------ */

GtkEditable *
att_filter_dialog_get_name_entry (AttFilterDialog *self)
{
  g_return_val_if_fail (ATT_IS_FILTER_DIALOG (self), NULL);
  return GTK_EDITABLE (self->name_row);
}

AdwComboRow *
att_filter_dialog_get_combo (AttFilterDialog *self,
                             AttFilterField   field)
{
  g_return_val_if_fail (ATT_IS_FILTER_DIALOG (self), NULL);

  switch (field)
    {
    case ATT_FILTER_FIELD_YEAR:
      return self->year_row;
    case ATT_FILTER_FIELD_GROUP:
      return self->group_row;
    case ATT_FILTER_FIELD_SEN:
      return self->sen_row;
    case ATT_FILTER_FIELD_FSM:
    case ATT_FILTER_FIELD_EAL:
    case ATT_FILTER_FIELD_LOOKED_AFTER:
    case ATT_FILTER_FIELD_SOCIAL_WORKER:
    case ATT_FILTER_FIELD_YOUNG_CARER:
      return flag_row (self, field - ATT_FILTER_FIELD_FSM);
    case ATT_N_FILTER_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

GtkWidget *
att_filter_dialog_get_save_button (AttFilterDialog *self)
{
  g_return_val_if_fail (ATT_IS_FILTER_DIALOG (self), NULL);
  return self->save_button;
}

GtkLabel *
att_filter_dialog_get_count_label (AttFilterDialog *self)
{
  g_return_val_if_fail (ATT_IS_FILTER_DIALOG (self), NULL);
  return self->count_label;
}
