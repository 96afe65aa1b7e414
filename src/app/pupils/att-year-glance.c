/* att-year-glance.c: the pupil's school year at a glance, with the year
 * chosen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core reads one pupil's year (att_pupil_year_new(): a few thousand
 * bytes of their compact register, so on the spot); the calendar view
 * draws it, and the line under it gives the year's figures to today.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-year-glance.h"

struct _AttYearGlance
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkDropDown         *year_dropdown;
  AttYearCalendarView *view;
  GtkLabel            *figures_label;

  AttDb               *db;
  gint64               pupil_id;
  AttDate              today;
  int                  first_year;   /* the chooser's first school year */
  int                  school_year;
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (AttYearGlance, att_year_glance, GTK_TYPE_WIDGET)

static void
load_year (AttYearGlance *self)
{
  g_autoptr(AttPupilYear) year = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const AttFigures *figures;

  if (self->db == NULL || self->pupil_id == 0)
    {
      att_year_calendar_view_set_year (self->view, NULL);
      gtk_label_set_label (self->figures_label, "");
      return;
    }

  year = att_pupil_year_new (self->db, self->pupil_id, self->school_year, self->today, &error);
  att_year_calendar_view_set_year (self->view, year);
  if (year == NULL)
    {
      gtk_label_set_label (self->figures_label, error->message);
      return;
    }

  figures = att_pupil_year_get_figures (year);
  if (figures->possible == 0)
    text = g_strdup (_("No possible session this year so far."));
  else
    /* Translators: a pupil's figures under the year at a glance */
    text = g_strdup_printf (_("%.1f%% attendance: %u of %u possible sessions attended, %u authorised and %u unauthorised absences, %u late."),
                            att_figures_attendance_pct (figures), att_figures_attended (figures),
                            figures->possible, figures->authorised, figures->unauthorised,
                            figures->late + figures->late_after_close);
  gtk_label_set_label (self->figures_label, text);
}

static void
on_year_selected (GtkDropDown   *dropdown,
                  GParamSpec    *pspec,
                  AttYearGlance *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  self->school_year = self->first_year + (int)selected;
  load_year (self);
}

void
att_year_glance_show (AttYearGlance *self,
                      AttDb         *db,
                      gint64         pupil_id,
                      AttDate        today)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  AttPupil *pupil = NULL;
  int last_year;

  g_return_if_fail (ATT_IS_YEAR_GLANCE (self));

  g_set_object (&self->db, db);
  self->pupil_id = pupil_id;
  self->today = today;
  last_year = att_date_school_year (today);
  self->first_year = last_year;
  if (db != NULL && pupil_id != 0)
    pupil = att_pupils_get (db, pupil_id);
  if (pupil != NULL && pupil->admission != ATT_DATE_NONE)
    self->first_year = MIN (att_date_school_year (pupil->admission), last_year);
  /* A pupil who left years ago is shown in their last school year. */
  if (pupil != NULL && pupil->leaving != ATT_DATE_NONE)
    last_year = MAX (self->first_year, MIN (last_year, att_date_school_year (pupil->leaving)));

  for (int y = self->first_year; y <= last_year; y++)
    {
      /* Translators: a school year, "2026 to 2027" */
      g_autofree char *text = g_strdup_printf (_("%d to %d"), y, y + 1);

      gtk_string_list_append (years, text);
    }
  self->school_year = last_year;
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  gtk_drop_down_set_selected (self->year_dropdown, last_year - self->first_year);
  self->syncing = FALSE;
  load_year (self);
}

int
att_year_glance_get_school_year (AttYearGlance *self)
{
  g_return_val_if_fail (ATT_IS_YEAR_GLANCE (self), 0);

  return self->school_year;
}

void
att_year_glance_set_school_year (AttYearGlance *self,
                                 int            school_year)
{
  g_return_if_fail (ATT_IS_YEAR_GLANCE (self));

  if (school_year < self->first_year
      || school_year - self->first_year >= (int)g_list_model_get_n_items (gtk_drop_down_get_model (self->year_dropdown)))
    return;
  gtk_drop_down_set_selected (self->year_dropdown, school_year - self->first_year);
}

AttYearCalendarView *
att_year_glance_get_view (AttYearGlance *self)
{
  g_return_val_if_fail (ATT_IS_YEAR_GLANCE (self), NULL);

  return self->view;
}

static void
att_year_glance_dispose (GObject *object)
{
  AttYearGlance *self = ATT_YEAR_GLANCE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_YEAR_GLANCE);
  /* The box holding the rest has no name of its own. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->db);

  G_OBJECT_CLASS (att_year_glance_parent_class)->dispose (object);
}

static void
att_year_glance_class_init (AttYearGlanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_year_glance_dispose;

  g_type_ensure (ATT_TYPE_YEAR_CALENDAR_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/pupils/att-year-glance.ui");
  gtk_widget_class_bind_template_child (widget_class, AttYearGlance, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttYearGlance, view);
  gtk_widget_class_bind_template_child (widget_class, AttYearGlance, figures_label);
  gtk_widget_class_bind_template_callback (widget_class, on_year_selected);
}

static void
att_year_glance_init (AttYearGlance *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
