/* att-leave.h: leave of absence, from the parent's request to the
 * headteacher's decision and the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A parent asks in writing for leave in term time. Under regulation 11
 * only the headteacher, or the deputy they authorised in the app, may
 * grant it, on set grounds, and the decision goes into the register: the
 * agreed sessions are filled ahead with the code of the type, through the
 * register's audited path, in the same transaction as the decision.
 * Refused sessions are not filled; a pupil absent on them is suggested G
 * (a holiday) or O, and the case is listed for the attendance officer.
 *
 * One form for brothers and sisters makes one request per child, linked
 * by a group id; each is decided on its own. Every step is audited with
 * who and when (att_audit_record(), kind ATT_AUDIT_LEAVE).
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* The grounds a request is made on. Stored by name (see
 * att_leave_type_to_string()), so the order may grow at the end only. */
typedef enum
{
  ATT_LEAVE_EXCEPTIONAL,    /* exceptional circumstances: C */
  ATT_LEAVE_PERFORMANCE,    /* regulated performance or employment abroad: C1 */
  ATT_LEAVE_INTERVIEW,      /* interview (a job or another school): J1 */
  ATT_LEAVE_STUDY,          /* study leave for a public exam: S */
  ATT_LEAVE_PART_TIME,      /* temporary part-time timetable: C2 */
  ATT_LEAVE_RELIGIOUS,      /* religious observance: R */
  ATT_LEAVE_HOLIDAY,        /* a holiday: generally not exceptional;
                             * agreed only as exceptional circumstances (C),
                             * taken when refused it is G */
  ATT_LEAVE_N_TYPES
} AttLeaveType;

/* Where a request stands. Stored by name. */
typedef enum
{
  ATT_LEAVE_SUBMITTED,      /* waiting for a decision */
  ATT_LEAVE_APPROVED,       /* every session agreed */
  ATT_LEAVE_PARTLY_APPROVED,/* some sessions agreed, the others refused */
  ATT_LEAVE_DECLINED,       /* every session refused */
  ATT_LEAVE_WITHDRAWN,      /* withdrawn by the parent before the decision */
  ATT_LEAVE_N_STATUSES
} AttLeaveStatus;

/* Machine names, as stored, as attendance-cli takes them and as JSON
 * writes them: "exceptional", "performance", "interview", "study",
 * "part-time", "religious", "holiday"; "submitted", "approved",
 * "partly-approved", "declined", "withdrawn". The describe functions
 * give the translated words. Parsing refuses an unknown name with an
 * error that lists the known ones. */
const char   *att_leave_type_to_string     (AttLeaveType     type);
const char   *att_leave_type_describe      (AttLeaveType     type);
gboolean      att_leave_type_parse         (const char      *text,
                                            AttLeaveType    *type,
                                            GError         **error);
const char   *att_leave_status_to_string   (AttLeaveStatus   status);
const char   *att_leave_status_describe    (AttLeaveStatus   status);
gboolean      att_leave_status_parse       (const char      *text,
                                            AttLeaveStatus  *status,
                                            GError         **error);

/* The code agreed sessions of @type are filled with: C, C1, J1, S, C2, R,
 * and C for a holiday agreed as exceptional circumstances. */
AttCode       att_leave_type_code          (AttLeaveType     type);
/* A reminder of the policy for @type, for the person deciding
 * (exceptional circumstances: rare, significant, unavoidable, short; a
 * holiday is generally not exceptional). Translated. */
const char   *att_leave_type_policy        (AttLeaveType     type);

/* The sessions of the week a part-time timetable keeps the pupil out of
 * school (filled with C2): bit (weekday - 1) * 2 + session, Monday
 * morning bit 0 to Friday afternoon bit 9. */
#define ATT_LEAVE_PATTERN_BIT(weekday, session) (1u << (((weekday) - 1) * 2 + (session)))
#define ATT_LEAVE_PATTERN_MORNINGS   0x155u
#define ATT_LEAVE_PATTERN_AFTERNOONS 0x2aau
#define ATT_LEAVE_PATTERN_ALL        0x3ffu
/* "mon-pm,tue-pm" or "am" / "pm" (every morning / afternoon) to a
 * pattern, and back (the long form). */
gboolean      att_leave_pattern_parse      (const char      *text,
                                            guint           *pattern,
                                            GError         **error);
char         *att_leave_pattern_to_string  (guint            pattern);
/* "Every afternoon", "Monday and Tuesday afternoons", translated. */
char         *att_leave_pattern_describe   (guint            pattern);

/* One session. */
typedef struct
{
  AttDate     date;
  AttSession  session;
} AttLeaveSession;

/* "2026-12-07:am,2026-12-07:pm,2026-12-08" (a date alone is both
 * sessions) to a new GArray of AttLeaveSession, in order, each once. */
GArray       *att_leave_sessions_parse     (const char      *text,
                                            GError         **error);

/* What a request asks for: one per pupil in @pupil_ids (brothers and
 * sisters on roll, one form), linked by one group id. */
typedef struct
{
  const gint64  *pupil_ids;
  guint          n_pupils;
  AttLeaveType   type;
  AttDate        first_date;
  AttSession     first_session;   /* ATT_SESSION_PM: from the afternoon */
  AttDate        last_date;
  AttSession     last_session;    /* ATT_SESSION_AM: to the morning */
  /* The day the pupil is due back; ATT_DATE_NONE: the first school day
   * after the last session (or the afternoon of the last day, when the
   * leave ends in the morning). */
  AttDate        return_date;
  const char    *reason;          /* the parent's words */
  const char    *evidence;        /* evidence seen, may be NULL */
  gint64         requested_by_contact_id;  /* 0: not a contact on file */
  const char    *requested_by;    /* their name; NULL with a contact: its name */
  const char    *address_away;    /* may be NULL */
  AttDate        received;        /* ATT_DATE_NONE: today */
  /* Part-time timetables only: the sessions of the week out of school
   * (ATT_LEAVE_PATTERN_*), between first_date and last_date (the end),
   * and the first review (ATT_DATE_NONE: the review interval after the
   * start, or the end when sooner). */
  guint          pattern;
  AttDate        review_date;
  /* When recorded (UTC seconds); 0: now. Its day is the day the
   * warnings and the snapshot are taken as of. */
  gint64         at;
} AttLeaveInput;

/* What is recorded anyway but the office should see: warnings, never
 * refusals. */
typedef enum
{
  ATT_LEAVE_WARN_NONE         = 0,
  ATT_LEAVE_WARN_LATE_NOTICE  = 1 << 0, /* received later than the notice period */
  ATT_LEAVE_WARN_EXAM_PERIOD  = 1 << 1, /* dates inside an exam period */
  ATT_LEAVE_WARN_PAST         = 1 << 2, /* dates already past when received */
  ATT_LEAVE_WARN_REQUESTER    = 1 << 3, /* exceptional circumstances asked by
                                         * someone not a parent the pupil
                                         * normally lives with */
} AttLeaveWarnings;

/* The warnings a request would carry, each as a sentence an office worker
 * can act on (a new array of strings, may be empty), or NULL with an
 * error when the request cannot be recorded at all (no such pupil, not
 * on roll, no school session between the dates, the last session before
 * the first, a return date before the end, no reason, a part-time
 * timetable without a pattern or a review date further than the review
 * interval). @warnings may be NULL. */
GPtrArray    *att_leave_check              (AttDb               *db,
                                            const AttLeaveInput *input,
                                            AttLeaveWarnings    *warnings,
                                            GError             **error);

/* Records the request: one per pupil, with its warnings and a snapshot
 * of the pupil's record taken now. Needs the right to record leave;
 * audited. Returns a new array of the ids (gint64), in the order of
 * @input->pupil_ids, or NULL. */
GArray       *att_leave_record             (AttDb               *db,
                                            const AttUser       *user,
                                            const AttLeaveInput *input,
                                            GError             **error);

/* Withdraws a request still waiting for a decision, as the parent asked;
 * it stays in the history. Needs the right to record leave; audited.
 * Refused once decided or already withdrawn. */
gboolean      att_leave_withdraw           (AttDb               *db,
                                            const AttUser       *user,
                                            gint64               id,
                                            const char          *note,
                                            GError             **error);

/* What the office knew of the pupil when the request was recorded. */
typedef struct
{
  AttDate   as_of;              /* the day it was taken */
  guint     possible;           /* this school year up to as_of */
  guint     present;
  guint     absent;             /* sessions absent (authorised and not) */
  guint     unauthorised;
  double    attendance_pct;     /* one decimal */
  gboolean  persistent;         /* below 90% */
  gboolean  severe;             /* 50% or below */
  guint     previous_requests;  /* earlier requests for the pupil */
  guint     previous_agreed;    /* ... agreed, wholly or partly */
  guint     previous_refused;
  guint     previous_withdrawn;
} AttLeaveSnapshot;

/* What happened to one session a request asks for. */
typedef enum
{
  ATT_LEAVE_SESSION_ASKED,      /* not decided yet (or withdrawn) */
  ATT_LEAVE_SESSION_AGREED,
  ATT_LEAVE_SESSION_REFUSED,
} AttLeaveSessionState;

typedef struct
{
  AttDate               date;
  AttSession            session;
  AttLeaveSessionState  state;
  AttCode               code;       /* the register's code now (ATT_CODE_NONE: blank) */
  gint64                history_id; /* the register history row the decision wrote, or 0 */
} AttLeaveSessionRow;

/* A recorded request, with its sessions and its decision. */
typedef struct
{
  gint64            id;
  gint64            group_id;       /* the first request of the form; brothers and sisters share it */
  gint64            pupil_id;
  char             *upn;
  char             *pupil_name;     /* as the lists show it */
  char             *reg_group;
  AttLeaveType      type;
  AttLeaveStatus    status;
  AttDate           first_date;
  AttSession        first_session;
  AttDate           last_date;
  AttSession        last_session;
  AttDate           return_date;
  char             *reason;
  char             *evidence;
  gint64            requested_by_contact_id;
  char             *requested_by;
  char             *address_away;
  AttDate           received;
  guint             pattern;        /* part-time only */
  AttDate           review_date;    /* part-time only: the next review */
  AttLeaveWarnings  warnings;
  AttLeaveSnapshot  snapshot;
  gint64            recorded_at;
  char             *recorded_by;    /* name and position at the time */
  /* The decision, or the withdrawal: 0 and NULL while waiting. */
  gint64            decided_at;
  char             *decided_by;
  char             *decided_position;
  char             *decision_reasons;
  GArray           *sessions;       /* AttLeaveSessionRow, in order */
} AttLeave;

void          att_leave_free               (AttLeave            *leave);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLeave, att_leave_free)

/* Sessions of a request by state. */
guint         att_leave_count_sessions     (const AttLeave      *leave,
                                            AttLeaveSessionState state);

AttLeave     *att_leave_get                (AttDb               *db,
                                            gint64               id,
                                            GError             **error);

/* Which requests to list: every field 0 / -1 for all. */
typedef struct
{
  int        status;          /* an AttLeaveStatus, or -1 */
  gint64     pupil_id;        /* 0: every pupil */
  gint64     group_id;        /* 0: every group */
  AttDate    from;            /* requests whose leave ends on or after; ATT_DATE_NONE */
  AttDate    to;              /* ... and starts on or before; ATT_DATE_NONE */
} AttLeaveFilter;

#define ATT_LEAVE_FILTER_ALL { -1, 0, 0, ATT_DATE_NONE, ATT_DATE_NONE }

/* AttLeave matching @filter (NULL: every request), by first date then
 * pupil: the queue (status submitted), a pupil's history, the list. */
GPtrArray    *att_leave_list               (AttDb               *db,
                                            const AttLeaveFilter *filter,
                                            GError             **error);

/* What helps decide: the school days and sessions the request would
 * take, and the pupil's attendance this school year now and as it would
 * be with the leave taken (every session asked counted possible and
 * absent; those already marked counted as marked). */
typedef struct
{
  guint   school_days;
  guint   sessions;
  guint   possible_now;
  guint   present_now;
  double  attendance_now;     /* percent, one decimal */
  guint   possible_after;
  guint   present_after;
  double  attendance_after;
  gboolean persistent_after;  /* below 90% after the leave */
} AttLeaveFigures;

gboolean      att_leave_figures            (AttDb               *db,
                                            gint64               id,
                                            AttLeaveFigures     *figures,
                                            GError             **error);

/* A decision: agree every session, agree some, or refuse. */
typedef enum
{
  ATT_LEAVE_AGREE_ALL,
  ATT_LEAVE_AGREE_SOME,
  ATT_LEAVE_REFUSE,
} AttLeaveVerdict;

typedef struct
{
  AttLeaveVerdict         verdict;
  /* AGREE_SOME: the sessions agreed, each one the request asks for; the
   * others are refused. */
  const AttLeaveSession  *agreed;
  guint                   n_agreed;
  const char             *reasons;       /* required: why, in words for the letter */
  /* An agreed session that already holds another mark than the type's
   * code is changed only with this reason (as the register asks of any
   * amendment); without it the decision is refused, nothing changed. */
  const char             *amend_reason;
  /* When (UTC seconds); 0: now. A session refused in advance is one
   * before the day of the decision. */
  gint64                  at;
} AttLeaveDecision;

/* One session an agreement would write. */
typedef struct
{
  AttDate     date;
  AttSession  session;
  AttCode     old_code;    /* ATT_CODE_NONE: blank */
  AttCode     new_code;
  gboolean    conflict;    /* old_code is another mark: needs the amendment reason */
} AttLeaveMark;

/* The marks @decision would write for request @id, without writing: what
 * the decision form shows before saving. A new GArray of AttLeaveMark;
 * NULL with an error when the decision cannot be made (not waiting, a
 * session not asked, nothing agreed in an AGREE_SOME). */
GArray       *att_leave_plan_decision      (AttDb                  *db,
                                            gint64                  id,
                                            const AttLeaveDecision *decision,
                                            GError                **error);

/* Decides request @id. Only the headteacher, or the deputy the
 * headteacher authorised (as the database holds it now), may; anyone
 * else is refused with nothing changed. A decision is final: deciding a
 * request twice is refused with nothing changed (a new request is needed
 * to ask again), and a session refused in advance cannot be agreed once
 * it has passed, by any request. On agreement
 * the agreed sessions are filled with the type's code (the part-time
 * pattern only, up to its end) through the register's audited path, in
 * the same transaction as the decision. All or nothing. */
gboolean      att_leave_decide             (AttDb                  *db,
                                            const AttUser          *user,
                                            gint64                  id,
                                            const AttLeaveDecision *decision,
                                            GError                **error);

/* The code to suggest for an absence of @pupil_id in @date's @session
 * when that session was refused: G when the refused request was for a
 * holiday, otherwise O; ATT_CODE_NONE when no refusal covers it. The
 * register and the first-day list show it. @leave_id (may be NULL) is
 * set to the refused request. */
AttCode       att_leave_suggest_code       (AttDb               *db,
                                            gint64               pupil_id,
                                            AttDate              date,
                                            AttSession           session,
                                            gint64              *leave_id);

/* A refusal followed by absence: the case for the attendance officer. */
typedef struct
{
  gint64    leave_id;
  gint64    pupil_id;
  char     *upn;
  char     *pupil_name;
  AttLeaveType type;
  guint     refused_sessions;
  guint     absent_sessions;     /* refused sessions marked absent (any absence) */
  guint     unauthorised;        /* ... of those, coded G, O or N */
  AttDate   first_absent;
  AttDate   last_absent;
  AttDate   back;                /* the first day present after, or ATT_DATE_NONE */
  char     *decision_reasons;
  char     *reg_group;           /* the pupil's registration group now */
} AttLeaveCase;

void          att_leave_case_free          (AttLeaveCase        *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLeaveCase, att_leave_case_free)

/* Refused requests the pupil was absent for anyway and is back from by
 * @as_of (present on a later session): listed for the attendance officer
 * with the request, the refusal and the record. AttLeaveCase, by date. */
GPtrArray    *att_leave_refused_taken      (AttDb               *db,
                                            AttDate              as_of,
                                            GError             **error);

/* Agreed leave the pupil is not back from: the first school day on or
 * after the return date is on or before @as_of, and the pupil has had no
 * presence mark since, a possible child missing education. AttLeave, by
 * return date. */
GPtrArray    *att_leave_not_back           (AttDb               *db,
                                            AttDate              as_of,
                                            GError             **error);

/* Part-time timetables agreed, not yet ended, whose review date is on or
 * before @as_of. AttLeave, by review date. */
GPtrArray    *att_leave_reviews_due        (AttDb               *db,
                                            AttDate              as_of,
                                            GError             **error);

/* Records a review of part-time timetable @id, with its note and the
 * next review (at most the review interval after @review_day; may be
 * ATT_DATE_NONE when the timetable ends before). Needs the right to
 * decide leave; audited. */
gboolean      att_leave_review             (AttDb               *db,
                                            const AttUser       *user,
                                            gint64               id,
                                            AttDate              review_day,
                                            AttDate              next_review,
                                            const char          *note,
                                            GError             **error);

/* What Today counts. */
typedef struct
{
  guint   waiting;          /* requests waiting for a decision */
  guint   reviews_due;      /* part-time timetables due a review */
  guint   not_back;         /* not back from agreed leave */
  guint   refused_taken;    /* refused and taken anyway, pupil back */
} AttLeaveCounts;

gboolean      att_leave_counts             (AttDb               *db,
                                            AttDate              as_of,
                                            AttLeaveCounts      *counts,
                                            GError             **error);

/* Settings. The notice the school asks for, in days (default 21: three
 * weeks); the longest between reviews of a part-time timetable, in days
 * (default 42: six weeks). Setting them needs the settings right;
 * audited. */
guint         att_leave_get_notice_days    (AttDb               *db);
gboolean      att_leave_set_notice_days    (AttDb               *db,
                                            const AttUser       *user,
                                            guint                days,
                                            GError             **error);
guint         att_leave_get_review_days    (AttDb               *db);
gboolean      att_leave_set_review_days    (AttDb               *db,
                                            const AttUser       *user,
                                            guint                days,
                                            GError             **error);

/* Exam periods in the calendar, which leave requests are warned about. */
typedef struct
{
  gint64   id;
  char    *name;
  AttDate  start;
  AttDate  end;
} AttExamPeriod;

void          att_exam_period_free         (AttExamPeriod       *period);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttExamPeriod, att_exam_period_free)

/* Adds an exam period (inclusive dates); needs the calendar right;
 * audited. Returns its id, or 0. */
gint64        att_exam_periods_add         (AttDb               *db,
                                            const AttUser       *user,
                                            const char          *name,
                                            AttDate              start,
                                            AttDate              end,
                                            GError             **error);
gboolean      att_exam_periods_remove      (AttDb               *db,
                                            const AttUser       *user,
                                            gint64               id,
                                            GError             **error);
/* AttExamPeriod, by start. */
GPtrArray    *att_exam_periods_list        (AttDb               *db,
                                            GError             **error);

/* The decision letters. */
typedef enum
{
  ATT_LEAVE_LETTER_AGREED,
  ATT_LEAVE_LETTER_PARTLY_AGREED,
  ATT_LEAVE_LETTER_REFUSED,
  ATT_LEAVE_LETTER_RELIGIOUS_AGREED,
  ATT_LEAVE_LETTER_UNAUTHORISED,      /* after an unauthorised absence */
  ATT_LEAVE_N_LETTERS
} AttLeaveLetter;

/* The template name of a letter ("leave-agreed", "leave-partly-agreed",
 * "leave-refused", "leave-religious-agreed", "leave-unauthorised"). */
const char   *att_leave_letter_to_string   (AttLeaveLetter      letter);
/* The letter request @leave calls for now: unauthorised when refused
 * sessions were taken anyway, else by its decision. FALSE while it waits
 * or was withdrawn. */
gboolean      att_leave_letter_for         (AttDb               *db,
                                            const AttLeave      *leave,
                                            AttLeaveLetter      *letter);

typedef struct _AttLetterTemplate AttLetterTemplate;
typedef struct _AttLetterValues AttLetterValues;

/* The wording of @letter (att-letter-template.h), ours, named as
 * att_leave_letter_to_string() says. */
AttLetterTemplate *att_leave_letter_template (AttLeaveLetter     letter);
/* The values of the leave.* fields for @leave's @letter, the table of
 * its sessions (those agreed with their code and those not agreed; for
 * the letter after an unauthorised absence, the refused sessions marked
 * unauthorised), the pupil's figures this school year up to @as_of and
 * the unauthorised sessions of the 10 school weeks to @as_of. The
 * pupil, school, recipient and date are added when the letter is made
 * (att_letter_document_add_for_pupil()). */
AttLetterValues   *att_leave_letter_values   (AttDb              *db,
                                              const AttLeave     *leave,
                                              AttLeaveLetter      letter,
                                              AttDate             as_of,
                                              GError            **error);
/* att_leave_letter_for(), with an error that says why there is no
 * letter (still waiting, or withdrawn). */
gboolean           att_leave_letter_choose   (AttDb              *db,
                                              const AttLeave     *leave,
                                              AttLeaveLetter     *letter,
                                              GError            **error);
/* Logs the letters of @records (AttLetterRecord, as
 * att_leave_letter_document_new() made them) once printed, all or none,
 * setting each one's id. Needs the right to send letters. */
gboolean           att_leave_letters_log     (AttDb              *db,
                                              const AttUser      *user,
                                              GPtrArray          *records,
                                              GError            **error);

G_END_DECLS
