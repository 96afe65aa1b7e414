/* att-grid-filter.h: which pupils a register shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;
typedef struct _AttPupil AttPupil;

/* The settings key that holds the saved filters. */
#define ATT_GRID_FILTERS_KEY "register.filters"

/* Which pupils the grid shows. A filter with only @group is a
 * registration group, with only @year a year group, with nothing set the
 * whole school; a saved filter has a @name. */
typedef struct
{
  char     *name;           /* a saved filter's name, else NULL */
  int       year;           /* -1: any year */
  char     *group;          /* NULL: any registration group */
  char      sen;            /* 0 any; 'N', 'K', 'E'; 'S' for K or E */
  gint8     fsm;            /* -1 any, 0 no, 1 yes; the same below */
  gint8     eal;
  gint8     looked_after;
  gint8     social_worker;
  gint8     young_carer;
} AttGridFilter;

#define ATT_TYPE_GRID_FILTER (att_grid_filter_get_type ())
GType           att_grid_filter_get_type      (void) G_GNUC_CONST;
AttGridFilter  *att_grid_filter_new           (void);   /* the whole school */
AttGridFilter  *att_grid_filter_new_group     (const char          *group);
AttGridFilter  *att_grid_filter_new_year      (int                  year);
AttGridFilter  *att_grid_filter_copy          (const AttGridFilter *filter);
void            att_grid_filter_free          (AttGridFilter       *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttGridFilter, att_grid_filter_free)
gboolean        att_grid_filter_matches       (const AttGridFilter *filter,
                                               AttPupil            *pupil);
/* A short description for a title: "7A", "Year 9", "Whole school", the
 * saved filter's name. Translated. */
char           *att_grid_filter_describe      (const AttGridFilter *filter);
/* A one-line form, for remembering the last view: "group=7A",
 * "year=9;sen=K", "school" for the whole school, "filter=<name>;..." for a
 * saved filter. Parsing it back refuses what it does not understand. */
char           *att_grid_filter_to_string     (const AttGridFilter *filter);
AttGridFilter  *att_grid_filter_parse         (const char          *text,
                                               GError             **error);

/* Saved filters (AttGridFilter, owned), in the settings table under
 * ATT_GRID_FILTERS_KEY. Saving replaces the list; every filter needs a
 * name, and names are unique (case-insensitive). */
GPtrArray      *att_grid_filters_load         (AttDb               *db,
                                               GError             **error);
gboolean        att_grid_filters_save         (AttDb               *db,
                                               const AttUser       *user,
                                               GPtrArray           *filters,
                                               GError             **error);

/* Registration groups with a pupil on roll on @date, ordered by year group
 * then name; and the year groups with a pupil on roll (GArray of int). */
GStrv           att_grid_list_groups          (AttDb               *db,
                                               AttDate              date);
GArray         *att_grid_list_years           (AttDb               *db,
                                               AttDate              date);

/* School days of the week holding @date: the Monday and the Friday. */
void            att_grid_week_range           (AttDate              date,
                                               AttDate             *monday,
                                               AttDate             *friday);

G_END_DECLS
