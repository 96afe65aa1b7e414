/* att-previous-attendance.c: a pupil's attendance at previous schools
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per school year a Common Transfer File brought: the school, the
 * year, the totals the file gave and, when its marks count otherwise, the
 * difference. Kept apart from this school's figures, as the core keeps
 * them apart from the register.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-ctf.h"
#include "att-previous-attendance.h"

struct _AttPreviousAttendance
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;

  GPtrArray           *rows;   /* the rows in the group (borrowed) */
};

G_DEFINE_FINAL_TYPE (AttPreviousAttendance, att_previous_attendance, GTK_TYPE_WIDGET)

static void
clear_rows (AttPreviousAttendance *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

/* "possible 20, attended 13 (65.0%), authorised 5, unauthorised 2" */
static char *
describe_totals (const AttPreviousYear *row)
{
  GString *text = g_string_new (NULL);

  if (row->possible >= 0)
    g_string_append_printf (text, _("possible %d"), row->possible);
  if (row->attended >= 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, _("attended %d"), row->attended);
      if (row->possible > 0)
        g_string_append_printf (text, " (%.1f%%)", 100.0 * row->attended / row->possible);
    }
  if (row->authorised >= 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, _("authorised %d"), row->authorised);
    }
  if (row->unauthorised >= 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, _("unauthorised %d"), row->unauthorised);
    }
  if (text->len == 0)
    g_string_append (text, _("no totals in the file"));
  return g_string_free (text, FALSE);
}

static GtkWidget *
create_row (const AttPreviousYear *row)
{
  g_autofree char *title = NULL;
  g_autofree char *totals = describe_totals (row);
  g_autofree char *differences = att_previous_attendance_differences (row);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *school = row->school_name != NULL && *row->school_name != '\0'
                       ? row->school_name : _("A previous school");
  GtkWidget *widget = adw_action_row_new ();

  if (row->year > 0)
    /* Translators: "Brookfield Primary School, 2024/25" */
    title = g_strdup_printf (_("%s, %d/%02d"), school, row->year, (row->year + 1) % 100);
  else
    title = g_strdup (school);

  if (row->start != ATT_DATE_NONE)
    {
      g_autofree char *start = att_date_format_long (row->start);
      /* Translators: "From Mon 2 Sep 2024: possible 21, attended 14, ..." */
      g_string_append_printf (subtitle, _("From %s: %s"), start, totals);
    }
  else
    g_string_append (subtitle, totals);
  if (differences != NULL)
    /* Translators: after the totals, what the marks count otherwise */
    g_string_append_printf (subtitle, _("\nThe marks count otherwise: %s"), differences);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle->str);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  /* Not activatable, but reached by the keyboard so that it is read. */
  gtk_widget_set_focusable (widget, TRUE);
  return widget;
}

void
att_previous_attendance_show (AttPreviousAttendance *self,
                              AttDb                 *db,
                              gint64                 pupil_id)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_if_fail (ATT_IS_PREVIOUS_ATTENDANCE (self));
  g_return_if_fail (db == NULL || ATT_IS_DB (db));

  clear_rows (self);
  if (db != NULL && pupil_id != 0)
    {
      g_autoptr(GError) error = NULL;

      rows = att_previous_attendance_for_pupil (db, pupil_id, &error);
      if (rows == NULL)
        g_warning ("Could not read the attendance at previous schools: %s", error->message);
    }

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GtkWidget *widget = create_row (g_ptr_array_index (rows, i));

      adw_preferences_group_add (self->group, widget);
      g_ptr_array_add (self->rows, widget);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

void
att_previous_attendance_show_after (GtkWidget *sibling,
                                    AttDb     *db,
                                    gint64     pupil_id)
{
  GtkWidget *next;
  GtkWidget *parent;

  g_return_if_fail (GTK_IS_WIDGET (sibling));

  next = gtk_widget_get_next_sibling (sibling);
  if (next == NULL || !ATT_IS_PREVIOUS_ATTENDANCE (next))
    {
      parent = gtk_widget_get_parent (sibling);
      if (!GTK_IS_BOX (parent))
        return;
      next = att_previous_attendance_new ();
      gtk_box_insert_child_after (GTK_BOX (parent), next, sibling);
    }
  att_previous_attendance_show (ATT_PREVIOUS_ATTENDANCE (next), db, pupil_id);
}

guint
att_previous_attendance_get_n_years (AttPreviousAttendance *self)
{
  g_return_val_if_fail (ATT_IS_PREVIOUS_ATTENDANCE (self), 0);

  return self->rows->len;
}

AdwActionRow *
att_previous_attendance_get_row (AttPreviousAttendance *self,
                                 guint                  index)
{
  g_return_val_if_fail (ATT_IS_PREVIOUS_ATTENDANCE (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, index);
}

GtkWidget *
att_previous_attendance_new (void)
{
  return g_object_new (ATT_TYPE_PREVIOUS_ATTENDANCE, NULL);
}

static void
att_previous_attendance_dispose (GObject *object)
{
  AttPreviousAttendance *self = ATT_PREVIOUS_ATTENDANCE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_PREVIOUS_ATTENDANCE);
  G_OBJECT_CLASS (att_previous_attendance_parent_class)->dispose (object);
}

static void
att_previous_attendance_finalize (GObject *object)
{
  AttPreviousAttendance *self = ATT_PREVIOUS_ATTENDANCE (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (att_previous_attendance_parent_class)->finalize (object);
}

static void
att_previous_attendance_class_init (AttPreviousAttendanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_previous_attendance_dispose;
  object_class->finalize = att_previous_attendance_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/pupils/att-previous-attendance.ui");
  gtk_widget_class_bind_template_child (widget_class, AttPreviousAttendance, group);
}

static void
att_previous_attendance_init (AttPreviousAttendance *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
