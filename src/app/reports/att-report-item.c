/* att-report-item.c: one row of the Reports page's tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is computed once and read without the database; a table's
 * row only points into it, so thousands of rows cost a pointer each.
 */
#include "config.h"

#include "att-report-item.h"

struct _AttReportItem
{
  GObject                   parent_instance;

  AttReport                *report;
  AttReport                *last_report;
  const AttReportGroup     *group;
  const AttReportGroup     *last;
  AttReportList             list;
  const AttReportListEntry *entry;
};

G_DEFINE_FINAL_TYPE (AttReportItem, att_report_item, G_TYPE_OBJECT)

static void
att_report_item_finalize (GObject *object)
{
  AttReportItem *self = ATT_REPORT_ITEM (object);

  g_clear_pointer (&self->report, att_report_unref);
  g_clear_pointer (&self->last_report, att_report_unref);

  G_OBJECT_CLASS (att_report_item_parent_class)->finalize (object);
}

static void
att_report_item_class_init (AttReportItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_report_item_finalize;
}

static void
att_report_item_init (AttReportItem *self)
{
}

AttReportItem *
att_report_item_new_group (AttReport            *report,
                           const AttReportGroup *group,
                           AttReport            *last_report,
                           const AttReportGroup *last)
{
  AttReportItem *self;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (ATT_TYPE_REPORT_ITEM, NULL);
  self->report = att_report_ref (report);
  self->group = group;
  if (last_report != NULL && last != NULL)
    {
      self->last_report = att_report_ref (last_report);
      self->last = last;
    }
  return self;
}

AttReportItem *
att_report_item_new_entry (AttReport                *report,
                           AttReportList             list,
                           const AttReportListEntry *entry)
{
  AttReportItem *self;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (ATT_TYPE_REPORT_ITEM, NULL);
  self->report = att_report_ref (report);
  self->list = list;
  self->entry = entry;
  return self;
}

AttReport *
att_report_item_get_report (AttReportItem *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_ITEM (self), NULL);

  return self->report;
}

const AttReportGroup *
att_report_item_get_group (AttReportItem *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_ITEM (self), NULL);

  return self->group;
}

const AttReportGroup *
att_report_item_get_last (AttReportItem *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_ITEM (self), NULL);

  return self->last;
}

AttReportList
att_report_item_get_list (AttReportItem *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_ITEM (self), 0);

  return self->list;
}

const AttReportListEntry *
att_report_item_get_entry (AttReportItem *self)
{
  g_return_val_if_fail (ATT_IS_REPORT_ITEM (self), NULL);

  return self->entry;
}
