/* att-register-range.h: marks written over many sessions at once, and
 * taking the last such change back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid, a leave decision or a call may fill a code over pupils and
 * sessions; every write goes through att_register_write_full(), so the
 * register's rules apply as they do to a single cell.
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"
#include "att-register.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* One session of the register. */
typedef struct
{
  AttDate     date;
  AttSession  session;
} AttRegisterSession;

/* The changes made through it, so the last one can be taken back. */
typedef struct _AttRegisterUndo AttRegisterUndo;

AttRegisterUndo *att_register_undo_new       (void);
void             att_register_undo_free      (AttRegisterUndo      *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttRegisterUndo, att_register_undo_free)
gboolean         att_register_undo_can_undo  (AttRegisterUndo      *undo);
/* A sentence describing what would be undone ("V for 30 sessions"),
 * translated; NULL when there is nothing. */
char            *att_register_undo_describe  (AttRegisterUndo      *undo);
/* Records, as one step, the sessions a write changed (the AttMarkChange
 * array att_register_write_full() gave); sessions it left as they were
 * are not part of the step. */
void             att_register_undo_push      (AttRegisterUndo      *undo,
                                              GArray               *changes);
/* Writes back what the last step replaced, with the reason
 * ATT_REGISTER_REASON_UNDONE, in one transaction; refuses, changing
 * nothing, when one of its sessions was changed since by anyone. */
gboolean         att_register_undo           (AttRegisterUndo      *undo,
                                              AttDb                *db,
                                              const AttUser        *user,
                                              GError              **error);
/* The reason an undo writes in the history. */
#define ATT_REGISTER_REASON_UNDONE "undone"

/* att_register_write_full() that records in @undo (may be NULL) what the
 * writes replaced. */
gboolean         att_register_write_undoable (AttDb                *db,
                                              const AttUser        *user,
                                              const AttMarkWrite   *writes,
                                              guint                 n_writes,
                                              const char           *reason,
                                              AttRegisterUndo      *undo,
                                              GError              **error);

/* Marks every blank session of @pupil_ids present ('/' or '\') for the
 * pupils on roll; a session that holds a mark is left alone, even one
 * marked by someone else a moment ago. Sets @n_written. */
gboolean         att_register_mark_all_present (AttDb              *db,
                                              const AttUser        *user,
                                              const gint64         *pupil_ids,
                                              guint                 n_pupils,
                                              AttDate               date,
                                              AttSession            session,
                                              AttRegisterUndo      *undo,
                                              guint                *n_written,
                                              GError              **error);

/* Fills @code over pupils x sessions. Sessions that are not school
 * sessions, and days a pupil is not on roll, are skipped (counted in
 * @n_skipped); sessions that already hold @code are left as they are.
 * Everything else is the register's rules: a session holding another mark
 * changes only with @reason (else nothing is written and the error says
 * how many would change); Y1 to Y7 need @reason, kept as each mark's
 * comment, and over more than one pupil the right to bulk-mark. Sets
 * @n_written to the sessions changed. */
gboolean         att_register_fill           (AttDb                *db,
                                              const AttUser        *user,
                                              const gint64         *pupil_ids,
                                              guint                 n_pupils,
                                              const AttRegisterSession *sessions,
                                              guint                 n_sessions,
                                              AttCode               code,
                                              const char           *reason,
                                              AttRegisterUndo      *undo,
                                              guint                *n_written,
                                              guint                *n_skipped,
                                              GError              **error);

/* What att_register_fill() would ask for, for a page that asks for a
 * reason only when one is needed: @n_amend (may be NULL) is set to the
 * sessions whose saved mark it would change. A reason is needed for
 * those, and for Y1 to Y7 over more than one session. The rules on each
 * mark are checked by the fill itself. */
gboolean         att_register_fill_needs_reason (AttDb                    *db,
                                                 const gint64             *pupil_ids,
                                                 guint                     n_pupils,
                                                 const AttRegisterSession *sessions,
                                                 guint                     n_sessions,
                                                 AttCode                   code,
                                                 guint                    *n_amend);

G_END_DECLS
