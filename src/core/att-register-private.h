/* att-register-private.h: what the register's files and the statistics share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-db-private.h"
#include "att-error.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-users.h"

G_BEGIN_DECLS

/* The right a write with @effect, made on the day @made_on, needs on a
 * session of @date: to mark for a first entry, and for a change to a mark
 * of that day or a later one (a call that explains this morning's N, a
 * pupil who arrives late, leave planned ahead); to amend for a change to
 * an earlier day's mark. */
AttPermission att_register_right_for        (AttWriteEffect effect,
                                             AttDate        date,
                                             AttDate        made_on);

/* Makes sure the in-memory register agrees with the database file: when
 * another program (attendance-cli, a second window) has committed since
 * the arrays were loaded, they are dropped and reloaded on demand. Call
 * it once before a loop over many pupils. */
void          att_register_sync             (AttDb       *db);

/* The same, inside the outermost write transaction that has just begun:
 * a write then builds on every mark other programs committed, and what
 * views read after it commits is current. */
void          att_register_sync_for_write   (AttDb       *db);

/* Like att_register_year_codes() without the check for changes made by
 * other programs: for hot loops after att_register_sync(). */
const guint8 *att_register_year_codes_fast  (AttDb       *db,
                                             gint64       pupil_id,
                                             int          school_year);

/* Whether @school_year's arrays are in memory already. */
gboolean      att_register_year_loaded      (AttDb       *db,
                                             int          school_year);

/* A few sessions of one school year for every pupil with a copy, read
 * straight from the file without loading the year into memory: for a
 * count over a few weeks in a command that runs once (the National
 * Framework check), where copying every pupil's whole year would cost
 * more than the count. */
typedef struct _AttYearSlice AttYearSlice;

/* Sessions [@first_slot, @first_slot + @n_slots) of @school_year's
 * arrays (see att_register_slot()); NULL on a database error. */
AttYearSlice *att_register_year_slice       (AttDb       *db,
                                             int          school_year,
                                             guint        first_slot,
                                             guint        n_slots,
                                             GError     **error);
/* @pupil_id's @n_slots codes (a code the program does not know reads as
 * none), or NULL when the pupil has no mark that year. */
const guint8 *att_year_slice_get            (const AttYearSlice *slice,
                                             gint64       pupil_id);
void          att_year_slice_free           (AttYearSlice *slice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttYearSlice, att_year_slice_free)

/* The same sessions read as a count goes, pupil after pupil in the order
 * of their numbers, with nothing copied: a check of every pupil touches
 * no memory for them but SQLite's own. */
typedef struct _AttYearStream AttYearStream;

/* Sessions [@first_slot, @first_slot + @n_slots) of @school_year's
 * arrays, for pupils asked for in increasing order of their numbers;
 * NULL on a database error. */
AttYearStream *att_register_year_stream     (AttDb       *db,
                                             int          school_year,
                                             guint        first_slot,
                                             guint        n_slots,
                                             GError     **error);
/* @pupil_id's codes, of which *@n_codes are there (those after them, up
 * to @n_slots, are none); NULL when the pupil has no mark that year or
 * on an error (see att_year_stream_check()). A byte may hold a value
 * the program does not know as a code (a damaged copy): the caller reads
 * it as none. Valid until the next call; @pupil_id must be greater than
 * the last asked for. */
const guint8  *att_year_stream_get          (AttYearStream *stream,
                                             gint64         pupil_id,
                                             guint         *n_codes);
/* FALSE, with @error set, when reading the copy failed. */
gboolean       att_year_stream_check        (AttYearStream *stream,
                                             GError       **error);
void           att_year_stream_free         (AttYearStream *stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttYearStream, att_year_stream_free)

/* The last day GDate (and so AttDate) can hold: 31 December 9999. */
#define ATT_REGISTER_LAST_DATE 3652059

static inline gboolean
att_register_date_valid (AttDate date)
{
  return date >= 1 && date <= ATT_REGISTER_LAST_DATE;
}

/* A code from its DfE text as the marks table stores it (a table
 * look-up, lenient on case); ATT_CODE_NONE for NULL or unknown text. */
AttCode       att_register_code_from_text   (const char  *text);
gboolean      att_register_codes_empty      (const guint8 *codes);
/* The bytes of a year's array that its stored copy keeps: up to its last
 * session with a code. The sessions after it hold none and are left out,
 * so that a year in progress takes only the room of the sessions up to
 * now; a copy shorter than ATT_REGISTER_YEAR_SLOTS reads as if padded
 * with ATT_CODE_NONE. 0 for an empty array. */
gsize         att_register_codes_length     (const guint8 *codes);

/* Replaces one pupil's array in memory after a committed write (@codes
 * NULL: the pupil has no marks that year any more). */
void          att_register_store_put        (AttDb        *db,
                                             gint64        pupil_id,
                                             int           year,
                                             const guint8 *codes);

/* For messages: "AM" or "PM"; "Amina Khan (A123456789012)"; and that
 * with the date and session. */
const char   *att_register_session_label    (AttSession   session);
char         *att_register_describe_pupil   (AttDb       *db,
                                             gint64       pupil_id);
char         *att_register_describe_session (AttDb       *db,
                                             gint64       pupil_id,
                                             AttDate      date,
                                             AttSession   session);

/* The pupil as the open transaction sees them: a pupil saved earlier in
 * the same transaction (an import that saves pupils, then their marks)
 * is read from the table. A new reference, or NULL. */
AttPupil     *att_register_pupil_for_write  (AttDb       *db,
                                             gint64       pupil_id);

/* Every refusal names the pupil, the session and the rule. */
void          att_register_set_error        (GError     **error,
                                             AttError     code,
                                             AttDb       *db,
                                             gint64       pupil_id,
                                             AttDate      date,
                                             AttSession   session,
                                             const char  *format,
                                             ...) G_GNUC_PRINTF (7, 8);

/* The rules every write of a mark meets (att-register-rules.c), shared by
 * att_register_write() and the bulk loader so that both decide alike. */
typedef struct
{
  AttDb         *db;
  AttWriteFlags  flags;
  AttDate        today;         /* the register clock */
  int            clock;
  int            open[2];       /* register times, by session */
  int            close[2];
} AttMarkRules;

void          att_mark_rules_init           (AttMarkRules       *rules,
                                             AttDb              *db,
                                             AttWriteFlags       flags);
void          att_mark_rules_clear          (AttMarkRules       *rules);
/* The rules on the session, the pupil's roll and the code, before the
 * saved mark is read. Sets @code to the code as it is stored ('/' or
 * '\\' for the session's own present). */
gboolean      att_mark_rules_check          (const AttMarkRules *rules,
                                             AttPupil           *pupil,
                                             const AttMarkWrite *write,
                                             AttCode            *code,
                                             GError            **error);
/* Minutes late against the code and the register times, once the minutes
 * a write leaves in its session are known (-1: none). */
gboolean      att_mark_rules_check_minutes  (const AttMarkRules *rules,
                                             gint64              pupil_id,
                                             AttDate             date,
                                             AttSession          session,
                                             AttCode             code,
                                             int                 minutes,
                                             GError            **error);
/* Y1 to Y7 over a whole batch: a reason for more than one session, and
 * the right to bulk-mark for more than one pupil. */
gboolean      att_mark_rules_check_unable   (const AttMarkRules *rules,
                                             const AttUser      *user,
                                             const AttMarkWrite *writes,
                                             guint               n_writes,
                                             const char         *reason,
                                             GError            **error);
/* A statement of the caller's own, not the connection's cached one, for
 * a walk during which the database may be read again; NULL with an error
 * saying it could not @what. Finalize it. */
sqlite3_stmt *att_register_prepare_own      (AttDb              *db,
                                             const char         *sql,
                                             const char         *what,
                                             GError            **error);
/* Binds a code, minutes late or text to @stmt's parameter @index, NULL
 * for ATT_CODE_NONE, minutes below 0 and no text, as the marks table
 * stores them. */
void          att_register_bind_code        (sqlite3_stmt       *stmt,
                                             int                 index,
                                             AttCode             code);
void          att_register_bind_minutes     (sqlite3_stmt       *stmt,
                                             int                 index,
                                             int                 minutes);
void          att_register_bind_text        (sqlite3_stmt       *stmt,
                                             int                 index,
                                             const char         *text);

static inline gboolean
att_code_is_unable (AttCode code)
{
  return code >= ATT_CODE_Y1 && code <= ATT_CODE_Y7;
}

/* What a session holds before a write. */
typedef struct
{
  gboolean  exists;
  AttCode   code;
  int       minutes;
  char     *comment;
} AttSavedMark;

/* What a write leaves beside its code, given what the session holds:
 * minutes not given are kept while the mark stays a late one, no comment
 * given keeps the saved one, and an empty one removes it. */
void          att_register_resolve_details  (const AttSavedMark *saved,
                                             const AttMarkWrite *write,
                                             AttCode             code,
                                             int                *minutes,
                                             char              **comment);
/* Whether a write changes its session, and how: the one place that
 * decides whether a write is an amendment that needs a reason. */
AttWriteEffect att_register_effect_of       (const AttSavedMark *saved,
                                             AttCode             code,
                                             int                 minutes,
                                             const char         *comment,
                                             AttWriteFlags       flags);

/* Sessions changed by the open transaction, for "marks-changed" after it
 * commits (att-db.c emits it). */
void          att_register_note_change      (AttDb              *db,
                                             const AttMarkChange *change);
/* The open transaction changed more sessions than are worth listing (a
 * bulk load): "marks-changed" says so with no list. */
void          att_register_note_all_changed (AttDb              *db);
/* The sessions written since history row @after (by another program, as
 * att_db_poll() asks), oldest first, and the last row read in @last; NULL
 * when there are too many to list. */
GArray       *att_register_changes_since    (AttDb              *db,
                                             gint64              after,
                                             gint64             *last);
/* Reads every school year loaded in memory again, inside the transaction
 * that changed them, so views read the new marks once it commits. */
void          att_register_store_reload     (AttDb              *db);

G_END_DECLS
