/* att-groups.c: registration groups, in the order the school reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-groups.h"
#include "att-pupils.h"

int
att_groups_compare (const char *group_a,
                    int         year_a,
                    const char *group_b,
                    int         year_b)
{
  if (group_a == NULL || group_b == NULL)
    return (group_a == NULL) - (group_b == NULL);
  if (year_a != year_b)
    return year_a < year_b ? -1 : 1;
  return g_utf8_collate (group_a, group_b);
}

/* An empty group is no group. */
static const char *
group_of (AttPupil *pupil)
{
  return pupil->reg_group != NULL && *pupil->reg_group != '\0' ? pupil->reg_group : NULL;
}

typedef struct
{
  const char *group;
  int         year;         /* the group's lowest year */
  guint       position;     /* in the pupils array */
} GroupedPupil;

static int
compare_grouped (gconstpointer a,
                 gconstpointer b)
{
  const GroupedPupil *pa = a;
  const GroupedPupil *pb = b;
  int order = att_groups_compare (pa->group, pa->year, pb->group, pb->year);

  if (order != 0)
    return order;
  /* Within a group the pupils keep the order they came in. */
  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

GArray *
att_groups_order_pupils (GPtrArray *pupils)
{
  g_autoptr(GHashTable) years = NULL;
  g_autoptr(GArray) grouped = NULL;
  GArray *order;

  g_return_val_if_fail (pupils != NULL, NULL);

  /* A group's year is the lowest of its pupils'. */
  years = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      const char *group = group_of (pupil);
      gpointer value;

      if (group == NULL)
        continue;
      if (!g_hash_table_lookup_extended (years, group, NULL, &value) ||
          pupil->year_group < GPOINTER_TO_INT (value))
        g_hash_table_insert (years, (gpointer)group, GINT_TO_POINTER (pupil->year_group));
    }

  grouped = g_array_sized_new (FALSE, FALSE, sizeof (GroupedPupil), pupils->len);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      GroupedPupil entry = { group_of (pupil), 0, i };

      if (entry.group != NULL)
        entry.year = GPOINTER_TO_INT (g_hash_table_lookup (years, entry.group));
      g_array_append_val (grouped, entry);
    }
  g_array_sort (grouped, compare_grouped);

  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), pupils->len);
  for (guint i = 0; i < grouped->len; i++)
    g_array_append_val (order, g_array_index (grouped, GroupedPupil, i).position);
  return order;
}
