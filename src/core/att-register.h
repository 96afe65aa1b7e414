/* att-register.h: marks, amendments and their history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* One mark to write. minutes_late is -1 when not given: a saved late
 * mark (L or U) then keeps its minutes if the new code is L or U too, and
 * minutes are recorded only with L and U. comment NULL keeps the saved
 * comment; an empty one removes it. ATT_CODE_NONE clears a saved mark,
 * which is an amendment like any other. */
typedef struct
{
  gint64       pupil_id;
  AttDate      date;
  AttSession   session;
  AttCode      code;
  int          minutes_late;
  const char  *comment;
} AttMarkWrite;

typedef enum
{
  ATT_WRITE_DEFAULT = 0,
  /* Marks from a file: retired codes are accepted for dates before the
   * 2024 table. */
  ATT_WRITE_IMPORT = 1 << 0,
  /* Checks every rule and reports, but writes nothing. */
  ATT_WRITE_DRY_RUN = 1 << 1,
  /* A session that already holds a mark is left as it is (marking
   * everyone present fills only the blanks). Decided inside the write's
   * transaction, so a mark made meanwhile by someone else is never
   * overwritten. */
  ATT_WRITE_BLANK_ONLY = 1 << 2,
} AttWriteFlags;

/* What a write does to its session. */
typedef enum
{
  ATT_WRITE_EFFECT_NONE,    /* the session already holds exactly this */
  ATT_WRITE_EFFECT_FIRST,   /* a first entry: needs the right to mark */
  ATT_WRITE_EFFECT_AMEND,   /* changes or removes a saved mark: needs a
                             * reason and the right to amend */
} AttWriteEffect;

/* What one write found in its session, read inside the write's
 * transaction, and what it left there. Also what the AttDb
 * "marks-changed" signal carries, one per session changed. */
typedef struct
{
  gint64          pupil_id;
  AttDate         date;
  AttSession      session;
  AttWriteEffect  effect;
  AttCode         old_code;       /* ATT_CODE_NONE: the session was blank */
  int             old_minutes;    /* -1: none */
  char           *old_comment;
  AttCode         new_code;       /* as stored: '/' or '\' for the session */
  int             new_minutes;
} AttMarkChange;

/* A GArray of AttMarkChange that frees what its elements hold. */
GArray      *att_mark_changes_new     (void);

/* Writes marks, each with its audit row, in one transaction: all of them
 * or, on the first broken rule, none. The rules, decided here and nowhere
 * else, whoever writes (a cell of the grid, a fill, attendance-cli, an
 * import, a call, a leave decision):
 *  - the pupil exists and is on roll on the date; the session is a school
 *    session;
 *  - the code is valid for the date: retired codes only from imports for
 *    dates before 19 August 2024; '#' is never entered (closures come
 *    from the calendar); X only outside compulsory school age; Z never
 *    for a pupil on roll;
 *  - present, late, N and O only once their session's register has
 *    opened (the register clock, att_clock_now());
 *  - minutes late only with L or U, and agreeing with the register times:
 *    L fewer minutes than the register is open, U at least as many;
 *  - Y1 to Y7 for more than one session at once need a reason, kept as
 *    each mark's comment, and for more than one pupil the right to
 *    bulk-mark (imports are bulk marks already and bring their own
 *    comments);
 *  - writing what a session already holds changes nothing; a first entry
 *    needs the right to mark; changing a saved mark needs @reason and the
 *    right to amend.
 * The error names the pupil, the session and the rule.
 *
 * When @changes is not NULL it is set to a new array of AttMarkChange,
 * one per write in order, saying what each found and left. After the
 * outermost transaction commits, the AttDb emits "marks-changed" once
 * with every session that changed. */
gboolean     att_register_write_full  (AttDb               *db,
                                       const AttUser       *user,
                                       const AttMarkWrite  *writes,
                                       guint                n_writes,
                                       const char          *reason,
                                       AttWriteFlags        flags,
                                       GArray             **changes,
                                       GError             **error);

/* att_register_write_full() without the report. */
gboolean     att_register_write       (AttDb               *db,
                                       const AttUser       *user,
                                       const AttMarkWrite  *writes,
                                       guint                n_writes,
                                       const char          *reason,
                                       AttWriteFlags        flags,
                                       GError             **error);

/* The rules on a code alone, whoever the pupil: '#' is never entered by
 * hand, and retired codes only come from imports of registers before the
 * 2024 table. The same words as att_register_write() uses, without the
 * session: for a page that refuses a code as it is typed. */
gboolean     att_register_check_code  (AttCode              code,
                                       AttDate              date,
                                       AttWriteFlags        flags,
                                       GError             **error);

/* Checks one write against every rule att_register_write() applies,
 * except the reason, without writing, and says what it would do: for a
 * page that asks for a reason only when the write amends a saved mark.
 * Returns FALSE, with the same error the write would give, when a rule
 * refuses it. */
gboolean     att_register_check       (AttDb               *db,
                                       const AttUser       *user,
                                       const AttMarkWrite  *write,
                                       AttWriteEffect      *effect,
                                       GError             **error);

/* What writing @write would do to its session, as the session is now:
 * change nothing, make a first entry, or amend (the code, or the minutes
 * late or comment it gives; what it leaves out stays, as
 * att_register_write() keeps it). Rules are not checked here; see
 * att_register_check(). */
AttWriteEffect att_register_write_effect (AttDb              *db,
                                          const AttMarkWrite *write);
/* Whether writing @write would change its session. */
gboolean     att_register_write_changes (AttDb              *db,
                                         const AttMarkWrite *write);

/* The current code of a session from the in-memory register (fast). */
AttCode      att_register_code        (AttDb               *db,
                                       gint64               pupil_id,
                                       AttDate              date,
                                       AttSession           session);

typedef struct
{
  AttCode   code;           /* ATT_CODE_NONE when no mark */
  int       minutes_late;   /* -1 when none */
  char     *comment;
  guint     amendments;     /* changes after the first entry */
} AttMark;

void         att_mark_clear           (AttMark             *mark);
/* The stored mark with its details. */
gboolean     att_register_get_mark    (AttDb               *db,
                                       gint64               pupil_id,
                                       AttDate              date,
                                       AttSession           session,
                                       AttMark             *mark,
                                       GError             **error);

/* The compact register of one pupil for one school year: one byte (an
 * AttCode) per session, indexed by (date - 1 September) * 2 + session,
 * ATT_REGISTER_YEAR_SLOTS long. NULL when the pupil has no marks that
 * year. Borrowed: valid until the next change to the register. */
#define ATT_REGISTER_YEAR_SLOTS (366 * 2)
const guint8 *att_register_year_codes (AttDb               *db,
                                       gint64               pupil_id,
                                       int                  school_year);

/* The slot of a session in the array of the school year starting on
 * @year_start (1 September). */
static inline guint
att_register_slot (AttDate     year_start,
                   AttDate     date,
                   AttSession  session)
{
  return (guint)(date - year_start) * 2 + (guint)session;
}

/* An entry in a session's history: the first entry has old_code
 * ATT_CODE_NONE and no reason. */
typedef struct
{
  gint64      id;
  gint64      pupil_id;
  AttDate     date;
  AttSession  session;
  AttCode     old_code;
  AttCode     new_code;
  int         old_minutes;
  int         new_minutes;
  char       *comment;
  char       *reason;
  char       *user_name;
  char       *position;
  gint64      at;           /* UTC, seconds since 1970 */
} AttHistoryEntry;

void         att_history_entry_free   (AttHistoryEntry     *entry);
/* Every entry and amendment for a pupil between two dates (inclusive;
 * ATT_DATE_NONE for open ends), oldest first. Never rewritten. */
GPtrArray   *att_register_history     (AttDb               *db,
                                       gint64               pupil_id,
                                       AttDate              from,
                                       AttDate              to,
                                       GError             **error);

typedef gboolean (*AttMarkFunc) (gint64      pupil_id,
                                 AttDate     date,
                                 AttSession  session,
                                 AttCode     code,
                                 int         minutes_late,
                                 const char *comment,
                                 gpointer    user_data);
/* Calls @func for every stored mark between two dates, by date, session
 * and pupil; stops when it returns FALSE. */
gboolean     att_register_foreach     (AttDb               *db,
                                       AttDate              from,
                                       AttDate              to,
                                       AttMarkFunc          func,
                                       gpointer             user_data,
                                       GError             **error);

/* Rewrites every pupil's compact per-year copy (mark_years) from the
 * marks table, in one transaction; the mend for a problem `check` finds. */
gboolean     att_register_rebuild_cache (AttDb             *db,
                                         GError           **error);

G_END_DECLS
