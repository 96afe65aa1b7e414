/* att-report-figure.c: one headline figure of the Reports page, with last
 * year's beside it and its working on request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figure is a button: a click, Enter or Space opens a popover that
 * shows how it was worked out (the period, the pupils counted, the
 * possible sessions and the codes counted), so no figure has to be taken
 * on trust.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-report-figure.h"

struct _AttReportFigure
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkButton     *button;
  GtkPopover    *popover;
  GtkLabel      *title_label;
  GtkLabel      *value_label;
  GtkLabel      *last_label;
  GtkLabel      *working_label;
};

G_DEFINE_FINAL_TYPE (AttReportFigure, att_report_figure, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_accessible (AttReportFigure *self)
{
  const char *last = gtk_label_get_label (self->last_label);
  g_autofree char *text = NULL;

  if (last != NULL && last[0] != '\0')
    /* Translators: what a screen reader says of a headline figure:
     * "Attendance: 94.2%, 93.1% last year" */
    text = g_strdup_printf (_("%s: %s, %s"), gtk_label_get_label (self->title_label),
                            gtk_label_get_label (self->value_label), last);
  else
    text = g_strdup_printf (_("%s: %s"), gtk_label_get_label (self->title_label),
                            gtk_label_get_label (self->value_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Opens how the figure is worked out"),
                                  -1);
}

static void
att_report_figure_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AttReportFigure *self = ATT_REPORT_FIGURE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, att_report_figure_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_report_figure_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AttReportFigure *self = ATT_REPORT_FIGURE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      att_report_figure_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
att_report_figure_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ATT_REPORT_FIGURE (widget)->button));
}

static void
on_clicked (AttReportFigure *self)
{
  gtk_popover_popup (self->popover);
}

/* The button fills the figure, and the popover points at it. */
static void
att_report_figure_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  AttReportFigure *self = ATT_REPORT_FIGURE (widget);

  gtk_widget_allocate (GTK_WIDGET (self->button), width, height, baseline, NULL);
  gtk_popover_present (self->popover);
}

static void
att_report_figure_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (ATT_REPORT_FIGURE (widget)->button), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
att_report_figure_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATT_TYPE_REPORT_FIGURE);

  G_OBJECT_CLASS (att_report_figure_parent_class)->dispose (object);
}

static void
att_report_figure_class_init (AttReportFigureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_report_figure_dispose;
  object_class->get_property = att_report_figure_get_property;
  object_class->set_property = att_report_figure_set_property;
  widget_class->grab_focus = att_report_figure_grab_focus;
  widget_class->size_allocate = att_report_figure_size_allocate;
  widget_class->measure = att_report_figure_measure;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "reportfigure");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/reports/att-report-figure.ui");
  gtk_widget_class_bind_template_child (widget_class, AttReportFigure, button);
  gtk_widget_class_bind_template_child (widget_class, AttReportFigure, popover);
  gtk_widget_class_bind_template_child (widget_class, AttReportFigure, title_label);
  gtk_widget_class_bind_template_child (widget_class, AttReportFigure, value_label);
  gtk_widget_class_bind_template_child (widget_class, AttReportFigure, last_label);
  gtk_widget_class_bind_template_child (widget_class, AttReportFigure, working_label);
  gtk_widget_class_bind_template_callback (widget_class, on_clicked);
}

static void
att_report_figure_init (AttReportFigure *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
att_report_figure_get_title (AttReportFigure *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_FIGURE (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
att_report_figure_set_title (AttReportFigure *self,
                             const char      *title)
{
  g_return_if_fail (ATT_IS_REPORT_FIGURE (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;
  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
att_report_figure_set_figures (AttReportFigure *self,
                               const char      *value,
                               const char      *last_year,
                               const char      *working)
{
  g_return_if_fail (ATT_IS_REPORT_FIGURE (self));

  gtk_label_set_label (self->value_label, value != NULL ? value : "—");
  gtk_label_set_label (self->last_label, last_year != NULL ? last_year : "");
  gtk_widget_set_visible (GTK_WIDGET (self->last_label), last_year != NULL);
  gtk_label_set_label (self->working_label, working != NULL ? working : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), working != NULL);
  update_accessible (self);
}

const char *
att_report_figure_get_value (AttReportFigure *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_FIGURE (self), NULL);

  return gtk_label_get_label (self->value_label);
}

const char *
att_report_figure_get_last_year (AttReportFigure *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_FIGURE (self), NULL);

  return gtk_label_get_label (self->last_label);
}

const char *
att_report_figure_get_working (AttReportFigure *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_FIGURE (self), NULL);

  return gtk_label_get_label (self->working_label);
}

void
att_report_figure_show_working (AttReportFigure *self)
{
  g_return_if_fail (ATT_IS_REPORT_FIGURE (self));

  gtk_popover_popup (self->popover);
}
