/* att-reports-page-tables.c: the Reports page's breakdown and lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of AttReportsPage (att-reports-page-private.h). Both are column
 * views over AttReportItem rows, which point into the report: a row of
 * the breakdown shows its working in a popover on Enter or a double
 * click, and a pupil of a list opens their record (win.show-pupil, as
 * the Pupils page's own rows do).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-report-item.h"
#include "att-reports-page-private.h"
#include "att-text.h"

typedef enum
{
  COL_GROUP,
  COL_PUPILS,
  COL_ATTENDANCE,
  COL_AUTHORISED,
  COL_UNAUTHORISED,
  COL_PERSISTENT,
  COL_SEVERE,
  COL_LATES,
  COL_LAST_YEAR,
  N_BREAKDOWN_COLUMNS
} BreakdownColumn;

typedef enum
{
  LCOL_NAME,
  LCOL_GROUP,
  LCOL_VALUE,
  LCOL_BEFORE,
  LCOL_POSSIBLE,
  LCOL_ABSENT,
  N_LIST_COLUMNS
} ListColumn;

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  gboolean numeric = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static char *
pct_text (double pct)
{
  return g_strdup_printf (_("%.1f%%"), pct);
}

static char *
breakdown_text (AttReportItem   *item,
                BreakdownColumn  column)
{
  const AttReportGroup *group = att_report_item_get_group (item);
  const AttReportGroup *last = att_report_item_get_last (item);

  switch (column)
    {
    case COL_GROUP:
      return g_strdup (group->label);
    case COL_PUPILS:
      return att_text_count (group->pupils);
    case COL_ATTENDANCE:
      return pct_text (att_report_group_attendance_pct (group));
    case COL_AUTHORISED:
      return pct_text (att_report_group_authorised_pct (group));
    case COL_UNAUTHORISED:
      return pct_text (att_report_group_unauthorised_pct (group));
    case COL_PERSISTENT:
      {
        g_autofree char *n = att_text_count (group->persistent);

        return g_strdup_printf (_("%s (%.1f%%)"), n, att_report_group_persistent_pct (group));
      }
    case COL_SEVERE:
      {
        g_autofree char *n = att_text_count (group->severe);

        return g_strdup_printf (_("%s (%.1f%%)"), n, att_report_group_severe_pct (group));
      }
    case COL_LATES:
      return att_text_count (att_report_group_lates (group));
    case COL_LAST_YEAR:
      if (last == NULL || last->pupils == 0)
        return g_strdup ("—");
      return pct_text (att_report_group_attendance_pct (last));
    case N_BREAKDOWN_COLUMNS:
    default:
      return g_strdup ("");
    }
}

static void
bind_breakdown (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  g_autofree char *text = breakdown_text (gtk_list_item_get_item (item), GPOINTER_TO_INT (data));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static char *
list_text (AttReportItem *item,
           ListColumn     column)
{
  const AttReportListEntry *entry = att_report_item_get_entry (item);
  AttReportList list = att_report_item_get_list (item);

  switch (column)
    {
    case LCOL_NAME:
      return g_strdup (entry->name);
    case LCOL_GROUP:
      return g_strdup (entry->reg_group != NULL ? entry->reg_group : "");
    case LCOL_VALUE:
      if (list == ATT_REPORT_LIST_THRESHOLD)
        return g_strdup_printf ("%.0f", entry->value);
      return pct_text (entry->value);
    case LCOL_BEFORE:
      if (list == ATT_REPORT_LIST_THRESHOLD)
        return g_strdup_printf ("%.0f", entry->before);
      return pct_text (entry->before);
    case LCOL_POSSIBLE:
      return att_text_count (entry->possible);
    case LCOL_ABSENT:
      return att_text_count (entry->absent);
    case N_LIST_COLUMNS:
    default:
      return g_strdup ("");
    }
}

static void
bind_list (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  g_autofree char *text = list_text (gtk_list_item_get_item (item), GPOINTER_TO_INT (data));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            GCallback      bind,
            int            id,
            gboolean       numeric,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", bind, GINT_TO_POINTER (id));
  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (view, column);
}

/* ------------------------------------------------------------------ */
/* The breakdown                                                       */

/* Enter or a double click on a row: its working, in a popover over it. */
void
on_breakdown_activate (GtkColumnView  *view,
                       guint           position,
                       AttReportsPage *self)
{
  g_autoptr(AttReportItem) item = g_list_model_get_item (G_LIST_MODEL (self->breakdown_store),
                                                         position);
  g_autofree char *working = NULL;
  GtkWidget *focus;
  graphene_rect_t bounds;

  if (item == NULL)
    return;
  working = att_report_group_working (att_report_item_get_report (item),
                                      att_report_item_get_group (item));
  gtk_label_set_label (self->working_label, working);

  /* The row in focus is the row activated. */
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (view)));
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (view))
      && gtk_widget_compute_bounds (focus, GTK_WIDGET (view), &bounds)
      /* A row not laid out yet points nowhere: the popover points at the
       * table instead. */
      && bounds.size.width > 0 && bounds.size.height > 0
      && bounds.origin.y >= 0 && bounds.origin.y < gtk_widget_get_height (GTK_WIDGET (view)))
    {
      GdkRectangle rect = {
        (int)bounds.origin.x, (int)bounds.origin.y,
        (int)bounds.size.width, (int)bounds.size.height,
      };

      gtk_popover_set_pointing_to (self->working_popover, &rect);
    }
  else
    gtk_popover_set_pointing_to (self->working_popover, NULL);
  gtk_popover_popup (self->working_popover);
}

void
_att_reports_page_fill_breakdown (AttReportsPage *self)
{
  const AttReportGroup *groups, *last_groups = NULL;
  guint n = 0, n_last = 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->report == NULL)
    {
      g_list_store_remove_all (self->breakdown_store);
      return;
    }
  groups = att_report_get_groups (self->report, self->by, &n);
  if (self->last_year != NULL)
    last_groups = att_report_get_groups (self->last_year, self->by, &n_last);

  /* The whole school first, then the rows of the breakdown. */
  g_ptr_array_add (items, att_report_item_new_group (self->report,
                                                     att_report_get_school (self->report),
                                                     self->last_year,
                                                     self->last_year != NULL
                                                     ? att_report_get_school (self->last_year)
                                                     : NULL));
  for (guint i = 0; i < n; i++)
    {
      const AttReportGroup *last = NULL;

      for (guint j = 0; j < n_last && last == NULL; j++)
        if (g_strcmp0 (last_groups[j].key, groups[i].key) == 0)
          last = &last_groups[j];
      g_ptr_array_add (items, att_report_item_new_group (self->report, &groups[i],
                                                         self->last_year, last));
    }
  g_list_store_splice (self->breakdown_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->breakdown_store)),
                       items->pdata, items->len);
}

/* ------------------------------------------------------------------ */
/* The lists                                                           */

static void
on_list_activate (GtkColumnView  *view,
                  guint           position,
                  AttReportsPage *self)
{
  g_autoptr(AttReportItem) item = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  if (item == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-pupil", "x",
                              att_report_item_get_entry (item)->pupil_id);
}

static const char *
list_value_title (AttReportList list)
{
  return list == ATT_REPORT_LIST_THRESHOLD
         /* Translators: a column of the threshold list: unauthorised
          * sessions in the last 10 school weeks */
         ? _("Unauthorised sessions") : _("Attendance");
}

static const char *
list_before_title (AttReportList list)
{
  switch (list)
    {
    case ATT_REPORT_LIST_NEW_PERSISTENT:
      return _("A week before");
    case ATT_REPORT_LIST_FALLING:
      return _("4 weeks before");
    case ATT_REPORT_LIST_THRESHOLD:
      return _("School weeks");
    case ATT_REPORT_LIST_PERSISTENT:
    case ATT_REPORT_LIST_SEVERE:
    case ATT_REPORT_N_LISTS:
    default:
      return NULL;
    }
}

/* A list's tab, short enough for the five to sit side by side. */
static const char *
list_tab_title (AttReportList list)
{
  switch (list)
    {
    case ATT_REPORT_LIST_PERSISTENT:
      /* Translators: the tab of the list of persistently absent pupils */
      return _("Persistent");
    case ATT_REPORT_LIST_SEVERE:
      /* Translators: the tab of the list of severely absent pupils */
      return _("Severe");
    case ATT_REPORT_LIST_NEW_PERSISTENT:
      /* Translators: the tab of the list of pupils newly persistently
       * absent this week */
      return _("New this week");
    case ATT_REPORT_LIST_FALLING:
      /* Translators: the tab of the list of pupils whose attendance fell
       * most over the last 4 school weeks */
      return _("Falling");
    case ATT_REPORT_LIST_THRESHOLD:
      /* Translators: the tab of the list of pupils at or near the penalty
       * notice threshold */
      return _("Threshold");
    case ATT_REPORT_N_LISTS:
    default:
      return "";
    }
}

void
_att_reports_page_init_tables (AttReportsPage *self)
{
  g_autoptr(GtkNoSelection) breakdown_model = NULL;
  static const struct
  {
    const char *title;
    gboolean    numeric;
    gboolean    expand;
  } breakdown_columns[N_BREAKDOWN_COLUMNS] = {
    { N_("Group"), FALSE, TRUE },
    { N_("Pupils"), TRUE, FALSE },
    { N_("Attendance"), TRUE, FALSE },
    { N_("Authorised"), TRUE, FALSE },
    { N_("Unauthorised"), TRUE, FALSE },
    { N_("Persistent"), TRUE, FALSE },
    { N_("Severe"), TRUE, FALSE },
    { N_("Lates"), TRUE, FALSE },
    { N_("Last year"), TRUE, FALSE },
  };
  GtkWidget *box;
  GtkWidget *heading;

  self->breakdown_store = g_list_store_new (ATT_TYPE_REPORT_ITEM);
  breakdown_model = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->breakdown_store)));
  gtk_column_view_set_model (self->breakdown_view, GTK_SELECTION_MODEL (breakdown_model));
  for (guint i = 0; i < N_BREAKDOWN_COLUMNS; i++)
    add_column (self->breakdown_view, _(breakdown_columns[i].title), G_CALLBACK (bind_breakdown), i,
                breakdown_columns[i].numeric, breakdown_columns[i].expand);

  /* A breakdown row's working. */
  self->working_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->working_label, TRUE);
  gtk_label_set_max_width_chars (self->working_label, 60);
  gtk_label_set_xalign (self->working_label, 0.0);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->working_label));
  self->working_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->working_popover, box);
  gtk_widget_set_parent (GTK_WIDGET (self->working_popover), GTK_WIDGET (self->breakdown_view));

  for (guint l = 0; l < ATT_REPORT_N_LISTS; l++)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkColumnView *view;
      g_autoptr(GtkSingleSelection) selection = NULL;
      const char *before = list_before_title (l);
      GtkStackPage *page;

      self->list_stores[l] = g_list_store_new (ATT_TYPE_REPORT_ITEM);
      selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->list_stores[l])));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
      view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (selection))));
      gtk_column_view_set_show_row_separators (view, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (view), "data-table");
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      att_report_list_label (l), -1);
      add_column (view, _("Pupil"), G_CALLBACK (bind_list), LCOL_NAME, FALSE, TRUE);
      add_column (view, _("Group"), G_CALLBACK (bind_list), LCOL_GROUP, FALSE, FALSE);
      add_column (view, list_value_title (l), G_CALLBACK (bind_list), LCOL_VALUE, TRUE, FALSE);
      if (before != NULL)
        add_column (view, before, G_CALLBACK (bind_list), LCOL_BEFORE, TRUE, FALSE);
      if (l != ATT_REPORT_LIST_THRESHOLD)
        {
          add_column (view, _("Possible"), G_CALLBACK (bind_list), LCOL_POSSIBLE, TRUE, FALSE);
          add_column (view, _("Absent"), G_CALLBACK (bind_list), LCOL_ABSENT, TRUE, FALSE);
        }
      g_signal_connect (view, "activate", G_CALLBACK (on_list_activate), self);
      self->list_views[l] = view;

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
      gtk_widget_add_css_class (scrolled, "card");

      /* The tab says which list in a word or two; the list's full title
       * is over it. */
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      heading = gtk_label_new (att_report_list_label (l));
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), scrolled);
      page = gtk_stack_add_titled (self->lists_stack, box, att_report_list_to_string (l),
                                   list_tab_title (l));
      gtk_stack_page_set_use_underline (page, FALSE);
    }
}

void
_att_reports_page_fill_lists (AttReportsPage *self)
{
  for (guint l = 0; l < ATT_REPORT_N_LISTS; l++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *title = NULL;
      GtkWidget *child = gtk_stack_get_child_by_name (self->lists_stack,
                                                      att_report_list_to_string (l));
      guint n = 0;

      if (self->report != NULL)
        {
          const AttReportListEntry *entries = att_report_get_list (self->report, l, &n);

          for (guint i = 0; i < n; i++)
            g_ptr_array_add (items, att_report_item_new_entry (self->report, l, &entries[i]));
        }
      g_list_store_splice (self->list_stores[l], 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->list_stores[l])),
                           items->pdata, items->len);
      /* Translators: a list's tab: its title and how many pupils it holds,
       * "Persistently absent (212)" */
      title = g_strdup_printf (_("%s (%u)"), list_tab_title (l), n);
      gtk_stack_page_set_title (gtk_stack_get_page (self->lists_stack, child), title);
    }
}

void
_att_reports_page_dispose_tables (AttReportsPage *self)
{
  if (self->working_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->working_popover));
      self->working_popover = NULL;
    }
  g_clear_object (&self->breakdown_store);
  for (guint l = 0; l < ATT_REPORT_N_LISTS; l++)
    g_clear_object (&self->list_stores[l]);
}

GtkColumnView *
att_reports_page_get_breakdown (AttReportsPage *self)
{
  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), NULL);

  return self->breakdown_view;
}

GtkColumnView *
att_reports_page_get_list_view (AttReportsPage *self,
                                AttReportList   list)
{
  g_return_val_if_fail (ATT_IS_REPORTS_PAGE (self), NULL);
  g_return_val_if_fail (list < ATT_REPORT_N_LISTS, NULL);

  return self->list_views[list];
}
