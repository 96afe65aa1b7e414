/* att-report-chart.c: one chart of the Reports page, or its table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart is drawn by src/render's att_chart_draw(), the drawing the
 * governors' PDF uses, in the dark style while libadwaita's is. "Show as
 * Table" puts the same points in a table in its place: what a screen
 * reader reads, and what anyone who wants the exact numbers copies.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-report-chart.h"

struct _AttReportChart
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *title_label;
  GtkToggleButton *table_button;
  GtkStack        *stack;
  GtkDrawingArea  *drawing;
  GtkColumnView   *table;
  GtkColumnViewColumn *label_column;
  GtkColumnViewColumn *value_column;

  AttChartKind     kind;
  AttReport       *report;
  GArray          *points;   /* AttChartPoint */
  GtkStringList   *labels;
};

G_DEFINE_FINAL_TYPE (AttReportChart, att_report_chart, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  AttReportChart *self = data;
  AttChartStyle style = { 0 };

  if (self->report == NULL)
    return;
  style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style.background = FALSE;
  att_chart_draw (cr, self->report, self->kind, width, height, &style);
}

static void
on_dark_changed (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 AttReportChart  *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->drawing));
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (data) ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (data))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            AttReportChart           *self)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

static void
bind_value (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            AttReportChart           *self)
{
  g_autofree char *text = att_report_chart_dup_value_text (self, gtk_list_item_get_position (item));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static GtkListItemFactory *
make_factory (AttReportChart *self,
              gboolean        numeric)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (numeric ? bind_value : bind_label), self);
  return factory;
}

static void
update_stack (AttReportChart *self)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    gtk_toggle_button_get_active (self->table_button)
                                    ? "table" : "chart");
}

static void
on_table_toggled (GtkToggleButton *button,
                  AttReportChart  *self)
{
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

/* The heading over the table's first column. */
static const char *
point_heading (AttChartKind kind)
{
  switch (kind)
    {
    case ATT_CHART_WEEKLY:
      return _("Week");
    case ATT_CHART_YEAR_GROUPS:
      return _("Year group");
    case ATT_CHART_PERSISTENT:
      return _("Cohort");
    case ATT_CHART_REASONS:
      return _("Reason");
    case ATT_CHART_WEEKDAYS:
      return _("Day");
    case ATT_N_CHARTS:
    default:
      return "";
    }
}

static void
att_report_chart_constructed (GObject *object)
{
  AttReportChart *self = ATT_REPORT_CHART (object);
  g_autofree char *description = NULL;
  g_autoptr(GtkListItemFactory) label_factory = NULL;
  g_autoptr(GtkListItemFactory) value_factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (att_report_chart_parent_class)->constructed (object);

  gtk_label_set_label (self->title_label, att_chart_title (self->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drawing),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, att_chart_title (self->kind),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("A chart; “Show as Table” gives the same figures as a table"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, att_chart_title (self->kind),
                                  -1);
  /* Translators: the tooltip of a chart's "Show as Table" button; %s is
   * the chart's title */
  description = g_strdup_printf (_("Show “%s” as a table of figures"), att_chart_title (self->kind));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_button), description);
  /* Five buttons say "Show as Table": each names its chart. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_column_view_column_set_title (self->value_column, att_chart_value_label (self->kind));
  gtk_column_view_column_set_title (self->label_column, point_heading (self->kind));

  label_factory = make_factory (self, FALSE);
  value_factory = make_factory (self, TRUE);
  gtk_column_view_column_set_factory (self->label_column, label_factory);
  gtk_column_view_column_set_factory (self->value_column, value_factory);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->labels)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));

  gtk_drawing_area_set_draw_func (self->drawing, draw_chart, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, 0);
}

static void
att_report_chart_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AttReportChart *self = ATT_REPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, att_report_chart_get_show_table (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_report_chart_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AttReportChart *self = ATT_REPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_SHOW_TABLE:
      att_report_chart_set_show_table (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_report_chart_dispose (GObject *object)
{
  AttReportChart *self = ATT_REPORT_CHART (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_REPORT_CHART);
  /* The box holding the rest has no name of its own. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->report, att_report_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_object (&self->labels);

  G_OBJECT_CLASS (att_report_chart_parent_class)->dispose (object);
}

static void
att_report_chart_class_init (AttReportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = att_report_chart_constructed;
  object_class->dispose = att_report_chart_dispose;
  object_class->get_property = att_report_chart_get_property;
  object_class->set_property = att_report_chart_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, ATT_N_CHARTS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reportchart");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/reports/att-report-chart.ui");
  gtk_widget_class_bind_template_child (widget_class, AttReportChart, title_label);
  gtk_widget_class_bind_template_child (widget_class, AttReportChart, table_button);
  gtk_widget_class_bind_template_child (widget_class, AttReportChart, stack);
  gtk_widget_class_bind_template_child (widget_class, AttReportChart, drawing);
  gtk_widget_class_bind_template_child (widget_class, AttReportChart, table);
  gtk_widget_class_bind_template_child (widget_class, AttReportChart, label_column);
  gtk_widget_class_bind_template_child (widget_class, AttReportChart, value_column);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled);
}

static void
att_report_chart_init (AttReportChart *self)
{
  self->labels = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

AttChartKind
att_report_chart_get_kind (AttReportChart *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_CHART (self), 0);

  return self->kind;
}

void
att_report_chart_set_report (AttReportChart *self,
                             AttReport      *report)
{
  guint n_old;

  g_return_if_fail (ATT_IS_REPORT_CHART (self));

  if (report != NULL)
    att_report_ref (report);
  g_clear_pointer (&self->report, att_report_unref);
  self->report = report;

  g_clear_pointer (&self->points, g_array_unref);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  if (report != NULL)
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();

      self->points = att_chart_points (report, self->kind);
      for (guint i = 0; i < self->points->len; i++)
        {
          const AttChartPoint *point = &g_array_index (self->points, AttChartPoint, i);

          g_ptr_array_add (texts, point->long_label != NULL ? point->long_label : point->label);
        }
      g_ptr_array_add (texts, NULL);
      gtk_string_list_splice (self->labels, 0, n_old, (const char * const *)texts->pdata);
    }
  else
    gtk_string_list_splice (self->labels, 0, n_old, NULL);

  gtk_widget_queue_draw (GTK_WIDGET (self->drawing));
}

gboolean
att_report_chart_get_show_table (AttReportChart *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_CHART (self), FALSE);

  return gtk_toggle_button_get_active (self->table_button);
}

void
att_report_chart_set_show_table (AttReportChart *self,
                                 gboolean        show_table)
{
  g_return_if_fail (ATT_IS_REPORT_CHART (self));

  gtk_toggle_button_set_active (self->table_button, show_table);
}

GListModel *
att_report_chart_get_table (AttReportChart *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_CHART (self), NULL);

  return G_LIST_MODEL (self->labels);
}

/* A holiday week is a gap in the line, and says so in the table. */
char *
att_report_chart_dup_value_text (AttReportChart *self,
                                 guint           position)
{
  const AttChartPoint *point;

  g_return_val_if_fail (ATT_IS_REPORT_CHART (self), NULL);

  if (self->points == NULL || position >= self->points->len)
    return g_strdup ("");
  point = &g_array_index (self->points, AttChartPoint, position);
  if (point->gap)
    return g_strdup (_("No school"));
  return att_chart_format_value (self->kind, point->value);
}

GtkWidget *
att_report_chart_get_drawing (AttReportChart *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_CHART (self), NULL);

  return GTK_WIDGET (self->drawing);
}
