/* att-register-bulk.h: loading a whole school's registers in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the demonstration school and other loads of many years of marks:
 * every entry meets the rules att_register_write() applies (the same
 * functions decide), with its own author and time, and everything is one
 * transaction: all of it or, on the first broken rule, nothing.
 *
 *   bulk = att_register_bulk_begin (db, att_user_system (), ATT_BULK_NEW_SCHOOL, &error);
 *   for each entry, pupil by pupil and in time order within a pupil:
 *     att_register_bulk_add (bulk, &mark, &error)   (on FALSE: abort)
 *   att_register_bulk_commit (bulk, &error);
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

typedef enum
{
  ATT_BULK_DEFAULT = 0,
  /* Registers from another system: retired codes are accepted for dates
   * before the 2024 table, as att_register_write() accepts them from
   * imports. */
  ATT_BULK_IMPORT = 1 << 0,
  /* The database holds no marks yet (a new school): the indexes over the
   * marks and their history are built once, at the end, instead of mark
   * by mark, which is several times quicker for millions of marks. */
  ATT_BULK_NEW_SCHOOL = 1 << 1,
} AttBulkFlags;

/* One entry of a session's register: its first entry, or a later
 * amendment of it (then @reason is required, as for any amendment). */
typedef struct
{
  gint64          pupil_id;
  AttDate         date;
  AttSession      session;
  AttCode         code;          /* '/' and '\' are stored as the session's own */
  int             minutes_late;  /* -1: none (an amendment keeps a late mark's) */
  const char     *comment;       /* NULL: none (an amendment keeps the saved one) */
  const char     *reason;        /* why an amendment was made; NULL for a first entry */
  const AttUser  *user;          /* who made the entry; NULL: the loader's user */
  gint64          at;            /* when, seconds since 1970 (UTC); 0: now */
} AttBulkMark;

typedef struct _AttRegisterBulk AttRegisterBulk;

/* Begins the load, in a transaction of its own (which may be inside the
 * caller's). @user answers for the load as a whole and needs the right to
 * bulk-mark; each entry's own user needs the right to mark (a first
 * entry) or to amend. Users are remembered by address: keep them until
 * the load is committed. */
AttRegisterBulk *att_register_bulk_begin     (AttDb              *db,
                                              const AttUser      *user,
                                              AttBulkFlags        flags,
                                              GError            **error);
/* The moment the register clock stands at for the load (by default
 * att_date_today() and att_clock_now()): present, late, N and O are
 * accepted only for sessions whose register had opened by then. A
 * demonstration school made "as of" a date sets it to that date. */
void             att_register_bulk_set_clock (AttRegisterBulk    *bulk,
                                              AttDate             today,
                                              int                 clock_minutes);
/* Adds an entry. Entries of one pupil come together, in date and session
 * order (two entries of one session in a row: the first entry, then its
 * amendment); entries out of that order are still correct, only slower.
 * Writing what a session already holds adds nothing. On FALSE the load
 * cannot go on: abort it. */
gboolean         att_register_bulk_add       (AttRegisterBulk    *bulk,
                                              const AttBulkMark  *mark,
                                              GError            **error);
/* The number of entries stored so far (first entries and amendments). */
guint            att_register_bulk_get_n_entries (AttRegisterBulk *bulk);
/* Stores what is pending and commits; frees @bulk either way. After the
 * commit the database emits AttDb::marks-changed once, with no list (too
 * many sessions to name), then AttDb::changed. */
gboolean         att_register_bulk_commit    (AttRegisterBulk    *bulk,
                                              GError            **error);
/* Rolls the whole load back and frees @bulk. */
void             att_register_bulk_abort     (AttRegisterBulk    *bulk);

G_END_DECLS
