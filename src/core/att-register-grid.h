/* att-register-grid.h: what the register grid shows and does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid shows a selection of pupils against a range of sessions. It
 * reads compact data from the register and writes only through the
 * register's own functions (att-register-range.h), so every rule of the
 * register applies to it.
 */
#pragma once

#include <glib-object.h>

#include "att-codes.h"
#include "att-date.h"
#include "att-register.h"
#include "att-grid-filter.h"
#include "att-register-range.h"
#include "att-register-status.h"
#include "att-clock.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;
typedef struct _AttPupil AttPupil;

typedef enum
{
  ATT_GRID_CELL_SCHOOL   = 1 << 0,  /* a school session: a mark is possible */
  ATT_GRID_CELL_CLOSED   = 1 << 1,  /* a weekday in term closed: shown as '#' */
  ATT_GRID_CELL_ON_ROLL  = 1 << 2,  /* the pupil is on roll that day */
  ATT_GRID_CELL_AMENDED  = 1 << 3,  /* the mark was changed after its entry */
  ATT_GRID_CELL_COMMENT  = 1 << 4,  /* reserved */
} AttGridCellFlags;

/* A column of the grid: one weekday session. */
typedef struct
{
  AttDate     date;
  AttSession  session;
  gboolean    school;       /* a school session */
  gboolean    closed;       /* '#' */
  const char *reason;       /* why there is no session, or NULL */
  gboolean    overdue;      /* its register has closed (att_grid_set_now) */
} AttGridColumn;

/* Figures shown at the end of a row. */
typedef struct
{
  double    attendance_pct;   /* year to date */
  guint     possible;
  guint     attended;
  gboolean  persistent;       /* 10% or more absence */
  gboolean  severe;           /* 50% or more absence */
  guint     unauthorised;     /* in the National Framework's rolling window */
} AttGridFigures;

/* A snapshot of the register for a selection of pupils and the weekdays
 * of a date range: a byte per cell for the code and one for its flags.
 * Reference counted; refresh it after a write. */
typedef struct _AttGrid AttGrid;

#define ATT_TYPE_GRID (att_grid_get_type ())
GType                att_grid_get_type        (void) G_GNUC_CONST;

/* Every pupil matching @filter on roll at some time in [first, last], in
 * the order of att_pupils_list(), against every weekday session of the
 * range. Figures are computed when first asked for, as of @last or today,
 * whichever is earlier. */
AttGrid             *att_grid_new             (AttDb               *db,
                                               const AttGridFilter *filter,
                                               AttDate              first,
                                               AttDate              last,
                                               GError             **error);
AttGrid             *att_grid_ref             (AttGrid             *grid);
void                 att_grid_unref           (AttGrid             *grid);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttGrid, att_grid_unref)

AttDb               *att_grid_get_db          (AttGrid             *grid);
const AttGridFilter *att_grid_get_filter      (AttGrid             *grid);
AttDate              att_grid_get_first       (AttGrid             *grid);
AttDate              att_grid_get_last        (AttGrid             *grid);
guint                att_grid_get_n_rows      (AttGrid             *grid);
guint                att_grid_get_n_columns   (AttGrid             *grid);
const AttGridColumn *att_grid_get_column      (AttGrid             *grid,
                                               guint                column);
/* Marks the school sessions whose register has closed at @clock_minutes
 * on @today (att_register_closed()), so a blank among them shows as a
 * mark missed rather than one still to come. */
void                 att_grid_set_now         (AttGrid             *grid,
                                               AttDb               *db,
                                               AttDate              today,
                                               int                  clock_minutes);
/* Whether the pupil of @row has left the school by the day given to
 * att_grid_set_now() (a leaver shown in a week when still on roll). */
gboolean             att_grid_has_left        (AttGrid             *grid,
                                               guint                row);
/* The column of a session, or -1. */
int                  att_grid_find_column     (AttGrid             *grid,
                                               AttDate              date,
                                               AttSession           session);
AttPupil            *att_grid_get_pupil       (AttGrid             *grid,
                                               guint                row);
gint64               att_grid_get_pupil_id    (AttGrid             *grid,
                                               guint                row);
/* The row of a pupil, or -1. */
int                  att_grid_find_row        (AttGrid             *grid,
                                               gint64               pupil_id);
/* The stored code (ATT_CODE_CLOSED for a closed weekday, ATT_CODE_NONE
 * when blank) and the AttGridCellFlags of a cell. */
AttCode              att_grid_get_code        (AttGrid             *grid,
                                               guint                row,
                                               guint                column);
guint                att_grid_get_flags       (AttGrid             *grid,
                                               guint                row,
                                               guint                column);
/* Codes of a row, one byte per column: for fast drawing. */
const guint8        *att_grid_get_row_codes   (AttGrid             *grid,
                                               guint                row);
const AttGridFigures *att_grid_get_figures    (AttGrid             *grid,
                                               guint                row);
/* Reloads a row's codes and flags from the register and recomputes its
 * figures; att_grid_refresh() reloads every row's codes (the set of
 * pupils stays as it was). */
void                 att_grid_refresh_row     (AttGrid             *grid,
                                               guint                row);
void                 att_grid_refresh         (AttGrid             *grid);
/* Counts of blank cells a register could still take, in a column. */
guint                att_grid_count_blank     (AttGrid             *grid,
                                               guint                column);
/* Pupils of the grid on roll for a column's session (a week's grid also
 * holds pupils who joined or left during the week). */
guint                att_grid_count_on_roll   (AttGrid             *grid,
                                               guint                column);

/* A planned closure ('#' for everyone) from @start to @end, for both
 * sessions (@session -1) or one. It goes into the school calendar (role
 * checked there); refused, changing nothing, while any pupil has a mark
 * on one of its sessions, since a closure would hide that mark. */
gboolean             att_grid_add_closure     (AttDb               *db,
                                               const AttUser       *user,
                                               AttDate              start,
                                               AttDate              end,
                                               int                  session,
                                               const char          *reason,
                                               GError             **error);
/* Common reasons for a planned closure, NULL-terminated, translated. */
const char * const  *att_grid_closure_reasons (void);

/* Common reasons for an amendment, NULL-terminated, translated. */
const char * const  *att_grid_amend_reasons   (void);

G_END_DECLS