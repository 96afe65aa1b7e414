/* att-register-private.h: what the register's files and the statistics share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-db-private.h"
#include "att-register.h"

G_BEGIN_DECLS

/* Makes sure the in-memory register agrees with the database file: when
 * another program (attendance-cli, a second window) has committed since
 * the arrays were loaded, they are dropped and reloaded on demand. Call
 * it once before a loop over many pupils. */
void          att_register_sync             (AttDb       *db);

/* Like att_register_year_codes() without the check for changes made by
 * other programs: for hot loops after att_register_sync(). */
const guint8 *att_register_year_codes_fast  (AttDb       *db,
                                             gint64       pupil_id,
                                             int          school_year);

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

/* The slot of a session in a school year's array. */
static inline guint
att_register_slot (AttDate     year_start,
                   AttDate     date,
                   AttSession  session)
{
  return (guint)(date - year_start) * 2 + (guint)session;
}

G_END_DECLS
