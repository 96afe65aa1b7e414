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
} AttGridColumn;

/* Figures shown at the end of a row. */
typedef struct
{
  double    attendance_pct;   /* year to date */
  guint     possible;
  guint     attended;
  gboolean  persistent;       /* 10% or more absence */
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

/* The register's times and status now live in att-register-status.h
 * and att-clock.h; these names stay for the pages that use them. */
static inline gboolean
att_grid_register_closed (AttDb      *db,
                          AttDate     date,
                          AttSession  session,
                          AttDate     today,
                          int         clock_minutes)
{
  return att_register_closed (db, date, session, today, clock_minutes);
}

static inline AttCode
att_grid_late_code (AttDb      *db,
                    AttSession  session,
                    int         clock_minutes,
                    int        *minutes_late)
{
  return att_register_late_code (db, session, clock_minutes, minutes_late);
}

static inline int
att_grid_clock_now (void)
{
  return att_clock_now ();
}

static inline GPtrArray *
att_grid_incomplete_registers (AttDb       *db,
                               AttDate      date,
                               AttSession   session,
                               GError     **error)
{
  return att_register_incomplete (db, date, session, error);
}

static inline GArray *
att_grid_pupils_still_n (AttDb       *db,
                         AttDate      date,
                         AttSession   session,
                         AttDate      today,
                         int          clock_minutes,
                         GError     **error)
{
  return att_register_still_n (db, date, session, today, clock_minutes, error);
}

/* The grid's writes are the register's range writes
 * (att-register-range.h); these names stay for the pages that use them. */
typedef AttRegisterUndo AttGridUndo;
typedef AttRegisterSession AttGridSession;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttGridUndo, att_register_undo_free)

static inline AttGridUndo *
att_grid_undo_new (void)
{
  return att_register_undo_new ();
}

static inline void
att_grid_undo_free (AttGridUndo *undo)
{
  att_register_undo_free (undo);
}

static inline gboolean
att_grid_undo_can_undo (AttGridUndo *undo)
{
  return att_register_undo_can_undo (undo);
}

static inline char *
att_grid_undo_describe (AttGridUndo *undo)
{
  return att_register_undo_describe (undo);
}

static inline gboolean
att_grid_undo (AttGridUndo    *undo,
               AttDb          *db,
               const AttUser  *user,
               GError        **error)
{
  return att_register_undo (undo, db, user, error);
}

static inline gboolean
att_grid_write (AttDb               *db,
                const AttUser       *user,
                const AttMarkWrite  *writes,
                guint                n_writes,
                const char          *reason,
                AttGridUndo         *undo,
                GError             **error)
{
  return att_register_write_undoable (db, user, writes, n_writes, reason, undo, error);
}

static inline gboolean
att_grid_mark_all_present (AttDb          *db,
                           const AttUser  *user,
                           const gint64   *pupil_ids,
                           guint           n_pupils,
                           AttDate         date,
                           AttSession      session,
                           AttGridUndo    *undo,
                           guint          *n_written,
                           GError        **error)
{
  return att_register_mark_all_present (db, user, pupil_ids, n_pupils, date, session,
                                        undo, n_written, error);
}

static inline gboolean
att_grid_fill (AttDb                *db,
               const AttUser        *user,
               const gint64         *pupil_ids,
               guint                 n_pupils,
               const AttGridSession *sessions,
               guint                 n_sessions,
               AttCode               code,
               const char           *reason,
               AttGridUndo          *undo,
               guint                *n_written,
               guint                *n_skipped,
               GError              **error)
{
  return att_register_fill (db, user, pupil_ids, n_pupils, sessions, n_sessions, code,
                            reason, undo, n_written, n_skipped, error);
}

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
/* The reason written by an undo. */
#define ATT_GRID_REASON_UNDONE ATT_REGISTER_REASON_UNDONE

G_END_DECLS