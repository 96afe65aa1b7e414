/* att-groups.h: registration groups, in the order the school reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Compares two registration groups for listing: by the lowest year group
 * among their pupils (so a mixed-age group sorts with its youngest), then
 * by name. NULL (no group) comes after every group. */
int     att_groups_compare       (const char *group_a,
                                  int         year_a,
                                  const char *group_b,
                                  int         year_b);

/* The order in which a printed register or roll call takes @pupils
 * (AttPupil): group by group in the order of att_groups_compare(), the
 * pupils of a group in the order they have in @pupils (att_pupils_list()
 * gives surname then forename). A group's year is the lowest year among
 * its pupils in @pupils. Returns the positions in @pupils (guint). */
GArray *att_groups_order_pupils  (GPtrArray  *pupils);

G_END_DECLS
