/* att-audit.h: the audit log, who changed what, when, from what to what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change to the school's records leaves a row in the audit log:
 * who (their name and position at the time), when, what kind of record,
 * the pupil concerned, and the record before and after as JSON text. The
 * register's marks have their own history (mark_history), which the
 * reader presents as rows of kind "mark" alongside the rest, so the log
 * is complete without writing a mark twice. Neither can be changed or
 * deleted: the schema refuses it (see att-db-migrations.c).
 */
#pragma once

#include <glib-object.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* What a change was to. Stored as text (att_audit_kind_to_string()), so
 * a value may be added anywhere; "other" reads any text not known. */
typedef enum
{
  ATT_AUDIT_OTHER,
  ATT_AUDIT_PUPIL,
  ATT_AUDIT_CONTACT,
  ATT_AUDIT_MARK,
  ATT_AUDIT_CALL,
  ATT_AUDIT_LEAVE,
  ATT_AUDIT_LETTER,
  ATT_AUDIT_CASEWORK,
  ATT_AUDIT_PENALTY,
  ATT_AUDIT_USER,
  ATT_AUDIT_SETTING,
  ATT_AUDIT_CALENDAR,
  ATT_AUDIT_IMPORT,
  ATT_AUDIT_EXPORT,
  ATT_AUDIT_N_KINDS
} AttAuditKind;

const char   *att_audit_kind_to_string  (AttAuditKind   kind);   /* "pupil" */
const char   *att_audit_kind_describe   (AttAuditKind   kind);   /* translated "Pupil" */
AttAuditKind  att_audit_kind_from_string (const char    *text);  /* OTHER when unknown */
gboolean      att_audit_kind_parse      (const char     *text,
                                         AttAuditKind   *kind,
                                         GError        **error);
/* The kind of a change from its action's name ("pupils.update" is a
 * pupil, "calendar.term.add" the calendar, "marks.import" an import), for
 * the callers of att_audit_log() that say no kind. */
AttAuditKind  att_audit_kind_for_action (const char     *action);
/* What another program's change with this action may have changed, as
 * AttChange flags (att-db.h): every flag for an action not known here. */
guint         att_audit_changes_for_action (const char  *action);

/* What an action's name means, for people: "Mark amended" for
 * "marks.amend"; the name itself for an action not known here. */
const char   *att_audit_describe_action (const char     *action);

/* The moment a change is stamped with, in seconds since 1970: now, or,
 * when $ATTENDANCE_TODAY fixes today, that day at the register clock
 * (att_clock_now()), so that tests and demonstrations read back the day
 * they pinned. */
gint64        att_audit_now             (void);

/* Appends a row to the log, in the caller's transaction: @kind, the
 * pupil concerned (0 for none), @action ("pupils.update"), a one-line
 * @detail, and the record before and after as JSON text (NULL for none:
 * no before for an addition, no after for a deletion). */
gboolean      att_audit_record          (AttDb          *db,
                                         const AttUser  *user,
                                         AttAuditKind    kind,
                                         gint64          pupil_id,
                                         const char     *action,
                                         const char     *detail,
                                         const char     *before,
                                         const char     *after,
                                         GError        **error);

/* A row of @table ("pupils", "contacts", "users", "terms", "closures",
 * "penalty_decisions", "leave_requests", "exam_periods", or the
 * casework's "case_meetings" and "case_support") as a JSON
 * object of its columns, for the before and after of a change: dates as YYYY-MM-DD, times as
 * YYYY-MM-DD HH:MM:SS, no binary columns. Sets *json to NULL when there
 * is no such row. */
gboolean      att_audit_snapshot        (AttDb          *db,
                                         const char     *table,
                                         gint64          id,
                                         char          **json,
                                         GError        **error);
/* att_audit_record() of an addition: its after is the new row @id of
 * @table, as att_audit_snapshot() writes it. */
gboolean      att_audit_record_added    (AttDb          *db,
                                         const AttUser  *user,
                                         AttAuditKind    kind,
                                         gint64          pupil_id,
                                         const char     *action,
                                         const char     *detail,
                                         const char     *table,
                                         gint64          id,
                                         GError        **error);
/* {"key": value}, or NULL when @value is NULL. */
char         *att_audit_json_pair       (const char     *key,
                                         const char     *value);
/* A flat JSON object as att_audit_snapshot() writes it, for people: one
 * "key: value" line per member, "(empty)" for null. NULL for NULL. */
char         *att_json_describe         (const char     *json);
/* @text as a JSON string, quotes included. */
void          att_json_append_string    (GString        *out,
                                         const char     *text);

/* One row of the log as the reader presents it. */
#define ATT_TYPE_AUDIT_ENTRY (att_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (AttAuditEntry, att_audit_entry, ATT, AUDIT_ENTRY, GObject)

struct _AttAuditEntry
{
  GObject       parent_instance;

  gint64        id;           /* the row's id in its table */
  gboolean      from_history; /* a mark_history row rather than audit_log */
  gint64        at;           /* seconds since 1970 */
  char         *who;          /* the actor's name at the time */
  char         *position;
  AttAuditKind  kind;
  gint64        pupil_id;     /* 0 for none */
  char         *upn;          /* NULL when the pupil is no longer on file */
  char         *pupil_name;
  char         *action;
  char         *detail;
  char         *before;       /* JSON text or NULL */
  char         *after;
};

/* "2026-11-03 09:12" in local time */
char         *att_audit_entry_format_time (AttAuditEntry *self);
/* What changed, for people: "surname: Smith → Smyth; year_group: 7 → 8",
 * only the fields whose values differ; every field of an addition or a
 * deletion; "" when there is no before and no after. */
char         *att_audit_entry_describe_change (AttAuditEntry *self);

typedef struct
{
  const char   *user;         /* the actor's name, any case; NULL for anyone */
  gint64        pupil_id;     /* 0 for any */
  int           kind;         /* an AttAuditKind, or -1 for any */
  AttDate       from;         /* ATT_DATE_NONE for an open end */
  AttDate       to;
  gboolean      newest_first;
  guint         limit;        /* 0 for every row */
} AttAuditFilter;

#define ATT_AUDIT_FILTER_INIT { NULL, 0, -1, ATT_DATE_NONE, ATT_DATE_NONE, FALSE, 0 }

/* The rows of the log and of the register's history that match
 * @filter (NULL for all), oldest first unless @filter says newest first.
 * An array of AttAuditEntry. */
GPtrArray    *att_audit_query           (AttDb          *db,
                                         const AttAuditFilter *filter,
                                         GError        **error);

/* @entries as CSV, with a header row: at, who, position, kind, upn,
 * pupil, action, detail, change, before, after. Cells that a spreadsheet
 * would read as formulas are written as text (att_csv_append_row()). */
GString      *att_audit_to_csv          (GPtrArray      *entries);

/* Reads the log as @filter says and writes it to the CSV file @path
 * (readable by its owner only); only an administrator may, and the
 * export is recorded in the log itself. Sets @n_rows to the rows
 * written (may be NULL). */
gboolean      att_audit_export_csv      (AttDb          *db,
                                         const AttUser  *user,
                                         const AttAuditFilter *filter,
                                         const char     *path,
                                         guint          *n_rows,
                                         GError        **error);

/* For `check`: appends a sentence to @problems when the triggers that
 * keep the audit log and the register's history from being changed or
 * deleted are missing (the file was edited by another program), or a
 * retention permit was left behind. */
gboolean      att_audit_check           (AttDb          *db,
                                         GPtrArray      *problems,
                                         GError        **error);

/* Who may read the audit log: administrators. */
gboolean      att_audit_require_reader  (const AttUser  *user,
                                         GError        **error);

G_END_DECLS
