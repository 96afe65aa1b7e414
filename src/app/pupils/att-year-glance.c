/* att-year-glance.c: the pupil's school year at a glance, with the year
 * chosen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core reads one pupil's year (att_pupil_year_new(): a few thousand
 * bytes of their compact register, so on the spot); the calendar view
 * draws it, and the line under it gives the year's figures to today.
 * The same drawing prints on one page (AttYearCalendarDocument, as
 * `attendance-cli pupils calendar` writes it) through the shared print
 * operation.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-print-operation.h"
#include "att-year-calendar.h"
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
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "glance.print", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "glance.save-pdf", FALSE);
      gtk_label_set_label (self->figures_label, "");
      return;
    }

  year = att_pupil_year_new (self->db, self->pupil_id, self->school_year, self->today, &error);
  att_year_calendar_view_set_year (self->view, year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "glance.print", year != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "glance.save-pdf", year != NULL);
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

static GtkWindow *
get_window (AttYearGlance *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static AttDocument *
year_document (AttYearGlance *self)
{
  AttPupilYear *year = att_year_calendar_view_get_year (self->view);
  g_autoptr(AttSchool) school = NULL;

  if (year == NULL || self->db == NULL)
    return NULL;
  school = att_school_load (self->db);
  return ATT_DOCUMENT (att_year_calendar_document_new (year, school != NULL ? school->name : NULL));
}

/* Failures are said where the figures are, under the calendar. */
static void
show_error (AttYearGlance *self,
            const GError  *error)
{
  gtk_label_set_label (self->figures_label, error->message);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttYearGlance *self = ATT_YEAR_GLANCE (widget);
  g_autoptr(AttDocument) document = year_document (self);
  g_autoptr(GError) error = NULL;

  if (document != NULL && !att_print_operation_print (document, get_window (self), &error))
    show_error (self, error);
}

gboolean
att_year_glance_save_pdf (AttYearGlance  *self,
                          const char     *path,
                          GError        **error)
{
  g_autoptr(AttDocument) document = NULL;

  g_return_val_if_fail (ATT_IS_YEAR_GLANCE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  document = year_document (self);
  if (document == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("No pupil’s year is shown to save"));
      return FALSE;
    }
  return att_print_operation_export_pdf (document, get_window (self), path, error);
}

static void
on_pdf_response (GtkNativeDialog *dialog,
                 int              response,
                 AttYearGlance   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !att_year_glance_save_pdf (self, path, &error))
        show_error (self, error);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttYearGlance *self = ATT_YEAR_GLANCE (widget);
  AttPupilYear *year = att_year_calendar_view_get_year (self->view);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  AttPupil *pupil;

  if (year == NULL || self->db == NULL)
    return;
  pupil = att_pupils_get (self->db, self->pupil_id);
  name = g_strdup_printf ("year-%s-%d.pdf", pupil != NULL && pupil->upn != NULL ? pupil->upn : "pupil",
                          self->school_year);
  chooser = gtk_file_chooser_native_new (_("Save the Year at a Glance"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_pdf_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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

  gtk_widget_class_install_action (widget_class, "glance.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "glance.save-pdf", NULL, save_pdf_action);
}

static void
att_year_glance_init (AttYearGlance *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
