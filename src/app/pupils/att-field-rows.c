/* att-field-rows.c: the rows of an editor's form, one per field of a
 * record, each with its problem shown under it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-field-rows.h"
#include "att-letters-date-row.h"

typedef struct
{
  const AttFieldSpec *spec;
  GtkWidget          *row;
  GtkWidget          *control;   /* the switch of a switch row */
  GtkWidget          *problem_row;
  GtkLabel           *problem;
  gboolean            editable;
} Field;

struct _AttFieldRows
{
  GArray    *fields;   /* Field */
  GCallback  changed;
  GCallback  activated;
  gpointer   data;
};

static Field *
find (AttFieldRows *rows,
      const char   *name)
{
  for (guint i = 0; i < rows->fields->len; i++)
    {
      Field *f = &g_array_index (rows->fields, Field, i);

      if (strcmp (f->spec->name, name) == 0)
        return f;
    }
  return NULL;
}

static void
on_changed (AttFieldRows *rows)
{
  if (rows->changed != NULL)
    ((void (*) (gpointer)) rows->changed) (rows->data);
}

static void
on_activated (AttFieldRows *rows)
{
  if (rows->activated != NULL)
    ((void (*) (gpointer)) rows->activated) (rows->data);
}

static GtkWidget *
choice_row (const AttFieldSpec *spec)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; spec->choices[i] != NULL && spec->choices[i + 1] != NULL; i += 2)
    gtk_string_list_append (labels, _(spec->choices[i + 1]));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_object_unref (labels);
  return row;
}

AttFieldRows *
att_field_rows_new (AdwPreferencesGroup *group,
                    const AttFieldSpec  *specs,
                    guint                n_specs,
                    GCallback            changed,
                    GCallback            activated,
                    gpointer             data)
{
  AttFieldRows *rows = g_new0 (AttFieldRows, 1);

  rows->fields = g_array_sized_new (FALSE, TRUE, sizeof (Field), n_specs);
  rows->changed = changed;
  rows->activated = activated;
  rows->data = data;

  for (guint i = 0; i < n_specs; i++)
    {
      Field f = { &specs[i], NULL, NULL, NULL, NULL, TRUE };
      GtkWidget *label;

      switch (specs[i].kind)
        {
        case ATT_FIELD_DATE:
          f.row = att_letters_date_row_new (_(specs[i].title), ATT_DATE_NONE);
          break;
        case ATT_FIELD_CHOICE:
          f.row = choice_row (&specs[i]);
          g_signal_connect_swapped (f.row, "notify::selected", G_CALLBACK (on_changed), rows);
          break;
        case ATT_FIELD_SWITCH:
          f.row = adw_action_row_new ();
          f.control = gtk_switch_new ();
          gtk_widget_set_valign (f.control, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (f.control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _(specs[i].title), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (f.row), f.control);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (f.row), f.control);
          g_signal_connect_swapped (f.control, "notify::active", G_CALLBACK (on_changed), rows);
          break;
        case ATT_FIELD_TEXT:
        default:
          f.row = adw_entry_row_new ();
          break;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f.row), _(specs[i].title));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (f.row), FALSE);
      if (ADW_IS_ENTRY_ROW (f.row))
        {
          g_signal_connect_swapped (f.row, "changed", G_CALLBACK (on_changed), rows);
          g_signal_connect_swapped (f.row, "entry-activated", G_CALLBACK (on_activated), rows);
        }
      adw_preferences_group_add (group, f.row);

      /* The problem of the field, under it: a line of the list that is
       * never focused, shown only while there is one. */
      f.problem_row = adw_preferences_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (f.problem_row), FALSE);
      gtk_widget_set_focusable (f.problem_row, FALSE);
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_add_css_class (label, "error");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (f.problem_row), label);
      f.problem = GTK_LABEL (label);
      gtk_widget_set_visible (f.problem_row, FALSE);
      adw_preferences_group_add (group, f.problem_row);

      g_array_append_val (rows->fields, f);
    }
  return rows;
}

void
att_field_rows_free (AttFieldRows *rows)
{
  if (rows == NULL)
    return;
  g_array_unref (rows->fields);
  g_free (rows);
}

guint
att_field_rows_get_n (AttFieldRows *rows)
{
  return rows->fields->len;
}

const char *
att_field_rows_get_name (AttFieldRows *rows,
                         guint         i)
{
  g_return_val_if_fail (i < rows->fields->len, NULL);

  return g_array_index (rows->fields, Field, i).spec->name;
}

GtkWidget *
att_field_rows_get_row (AttFieldRows *rows,
                        const char   *name)
{
  Field *f = find (rows, name);

  return f != NULL ? f->row : NULL;
}

char *
att_field_rows_get (AttFieldRows *rows,
                    const char   *name)
{
  Field *f = find (rows, name);
  guint selected;

  g_return_val_if_fail (f != NULL, NULL);

  switch (f->spec->kind)
    {
    case ATT_FIELD_CHOICE:
      selected = adw_combo_row_get_selected (ADW_COMBO_ROW (f->row));
      for (guint i = 0, n = 0; f->spec->choices[i] != NULL; i += 2, n++)
        if (n == selected)
          return g_strdup (f->spec->choices[i]);
      return g_strdup ("");
    case ATT_FIELD_SWITCH:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (f->control)) ? "Y" : "N");
    case ATT_FIELD_TEXT:
    case ATT_FIELD_DATE:
    default:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (f->row)));
    }
}

void
att_field_rows_set (AttFieldRows *rows,
                    const char   *name,
                    const char   *value)
{
  Field *f = find (rows, name);

  g_return_if_fail (f != NULL);

  if (value == NULL)
    value = "";
  switch (f->spec->kind)
    {
    case ATT_FIELD_CHOICE:
      for (guint i = 0, n = 0; f->spec->choices[i] != NULL; i += 2, n++)
        if (g_ascii_strcasecmp (f->spec->choices[i], value) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (f->row), n);
      break;
    case ATT_FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (f->control), g_strcmp0 (value, "Y") == 0);
      break;
    case ATT_FIELD_TEXT:
    case ATT_FIELD_DATE:
    default:
      gtk_editable_set_text (GTK_EDITABLE (f->row), value);
      break;
    }
}

void
att_field_rows_set_problem (AttFieldRows *rows,
                            const char   *name,
                            const char   *message)
{
  for (guint i = 0; i < rows->fields->len; i++)
    {
      Field *f = &g_array_index (rows->fields, Field, i);
      gboolean shown = name != NULL && strcmp (f->spec->name, name) == 0;

      gtk_label_set_label (f->problem, shown ? message : "");
      gtk_widget_set_visible (f->problem_row, shown);
      if (shown)
        {
          gtk_widget_add_css_class (f->row, "error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (f->row),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
          gtk_accessible_update_state (GTK_ACCESSIBLE (f->row), GTK_ACCESSIBLE_STATE_INVALID,
                                       GTK_ACCESSIBLE_INVALID_TRUE, -1);
        }
      else
        {
          gtk_widget_remove_css_class (f->row, "error");
          gtk_accessible_reset_property (GTK_ACCESSIBLE (f->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          gtk_accessible_reset_state (GTK_ACCESSIBLE (f->row), GTK_ACCESSIBLE_STATE_INVALID);
        }
    }
}

void
att_field_rows_show_check (AttFieldRows *rows,
                           gboolean      valid,
                           const char   *field,
                           const char   *message,
                           gboolean      insist)
{
  g_autofree char *value = NULL;

  if (valid || field == NULL)
    {
      att_field_rows_set_problem (rows, NULL, NULL);
      return;
    }
  value = att_field_rows_get (rows, field);
  if (insist || *g_strstrip (value) != '\0')
    att_field_rows_set_problem (rows, field, message);
  else
    att_field_rows_set_problem (rows, NULL, NULL);
}

const char *
att_field_rows_get_problem (AttFieldRows *rows,
                            const char   *name)
{
  Field *f = find (rows, name);

  if (f == NULL || !gtk_widget_get_visible (f->problem_row))
    return NULL;
  return gtk_label_get_label (f->problem);
}

void
att_field_rows_set_editable (AttFieldRows *rows,
                             const char   *name,
                             gboolean      editable)
{
  Field *f = find (rows, name);

  g_return_if_fail (f != NULL);

  f->editable = editable;
  if (GTK_IS_EDITABLE (f->row))
    gtk_editable_set_editable (GTK_EDITABLE (f->row), editable);
  else
    gtk_widget_set_sensitive (f->row, editable);
}

gboolean
att_field_rows_get_editable (AttFieldRows *rows,
                             const char   *name)
{
  Field *f = find (rows, name);

  return f != NULL && f->editable;
}
