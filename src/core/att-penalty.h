/* att-penalty.h: the National Framework for penalty notices, from the
 * breach to the school's consideration, the notice to improve and the
 * request for a penalty notice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once a pupil has 10 or more unauthorised sessions in a rolling 10
 * school weeks (att_threshold_pupil(), counting only sessions while of
 * compulsory school age), the school must consider a penalty notice and
 * record why it decided what it did. The consideration is the headteacher's
 * (or an authorised deputy's: ATT_PERM_PENALTY). A notice to improve gives
 * the parents a final chance over 3 to 6 school weeks; a penalty notice
 * is requested per parent per child, at most two within a rolling 3
 * years. Every record is audited (ATT_AUDIT_CASEWORK, "penalty.*").
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"
#include "att-stats.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;
typedef struct _AttLetterBatch AttLetterBatch;

/* The decision a consideration records. Stored by name, so the order may
 * grow at the end only. */
typedef enum
{
  ATT_PENALTY_SUPPORT,          /* more support, no notice */
  ATT_PENALTY_NOTICE_TO_IMPROVE,
  ATT_PENALTY_PENALTY_NOTICE,   /* ask the local authority for a notice */
  ATT_PENALTY_OTHER,            /* another legal step (through the LA) */
  ATT_PENALTY_N_DECISIONS
} AttPenaltyDecision;

/* "support", "notice-to-improve", "penalty-notice", "other"; describe
 * gives the translated words; parse refuses an unknown name with an error
 * that lists the known ones. */
const char   *att_penalty_decision_to_string (AttPenaltyDecision decision);
const char   *att_penalty_decision_describe  (AttPenaltyDecision decision);
gboolean      att_penalty_decision_parse     (const char        *text,
                                              AttPenaltyDecision *decision,
                                              GError           **error);

/* Within this many sessions of the threshold a pupil is listed as near. */
#define ATT_PENALTY_NEAR_SESSIONS 2

/* One pupil of the penalty list. */
typedef struct
{
  gint64     pupil_id;
  char      *upn;
  char      *name;               /* as the lists show it */
  char      *group;              /* registration group */
  AttBreach  breach;             /* as att_threshold_pupil() counts it,
                                  * with notices_3y from the penalty
                                  * notice requests (not withdrawn) */
  gboolean   over;               /* at or over the threshold; FALSE: within
                                  * ATT_PENALTY_NEAR_SESSIONS of it */
  gint64     consideration_id;   /* the consideration of this breach, 0 none */
  AttDate    met;                /* att_penalty_unconsidered(): the last
                                  * school day the unconsidered breach was
                                  * met, the day breach is counted on (a
                                  * consideration as of it clears the
                                  * row); otherwise ATT_DATE_NONE */
  /* A notice to improve whose period is running on the as-of date. */
  gint64     improvement_id;     /* 0: none running */
  AttDate    improvement_end;
  guint      improvement_flagged; /* unauthorised sessions inside it so far */
} AttPenaltyRow;

void          att_penalty_row_free           (AttPenaltyRow     *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttPenaltyRow, att_penalty_row_free)

/* The penalty list as of @as_of (ATT_DATE_NONE: today): every pupil of
 * compulsory school age at or over the threshold, then those within 2
 * sessions of it, each part by sessions (most first), then name. A new
 * array of AttPenaltyRow, freed with the array. */
GPtrArray    *att_penalty_list               (AttDb             *db,
                                              AttDate            as_of,
                                              GError           **error);

/* The school's consideration of one breach. */
typedef struct
{
  gint64              id;
  gint64              pupil_id;
  AttDate             as_of;             /* the breach as of this date */
  AttDate             window_start;      /* filled by att_penalty_consider() */
  AttDate             window_end;
  guint               sessions;
  char               *support_offered;   /* support offered so far */
  char               *notice_best_tool;  /* whether a notice is the best tool */
  char               *equality;          /* Equality Act considerations (required) */
  char               *agencies;          /* agencies involved */
  AttPenaltyDecision  decision;
  char               *rationale;         /* why (required) */
  char               *user;              /* who recorded it (read back) */
  gint64              at;                /* when (UTC seconds, read back) */
} AttPenaltyConsideration;

void          att_penalty_consideration_free (AttPenaltyConsideration *consideration);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttPenaltyConsideration, att_penalty_consideration_free)

/* "Support offered so far" for the consideration dialog to prefill:
 * the support, agency, meeting and letter entries of the pupil's case
 * chronology (att_case_chronology()) up to @as_of (ATT_DATE_NONE: today),
 * one line each ("2024-10-14: Meeting held (...)"), oldest first. A new
 * string (empty when there is none). */
char         *att_penalty_support_summary    (AttDb             *db,
                                              gint64             pupil_id,
                                              AttDate            as_of,
                                              GError           **error);

/* Records a consideration (the id, window, sessions, user and at of
 * @consideration are ignored: the breach is counted again as of its
 * as_of). Needs ATT_PERM_PENALTY; refused for a pupil not at the threshold
 * on as_of, and without a rationale. A consideration without Equality Act
 * considerations is recorded (the command line's contract does not ask
 * for them) but is not complete: see
 * att_penalty_consideration_check_complete().
 * Audited as penalty.consider. Returns the new id, or 0. */
gint64        att_penalty_consider           (AttDb             *db,
                                              const AttUser     *user,
                                              const AttPenaltyConsideration *consideration,
                                              GError           **error);
/* Whether @consideration is complete: the school must weigh its
 * Equality Act duties before it decides, so a consideration without them
 * is not. The window's form refuses one; attendance-cli records it and
 * says so. FALSE with the reason when it is not. */
gboolean      att_penalty_consideration_check_complete (const AttPenaltyConsideration *consideration,
                                                        GError           **error);
/* What a consideration says of the Equality Act: its text, or "Not
 * recorded" (translated). */
const char   *att_penalty_consideration_describe_equality (const AttPenaltyConsideration *consideration);
/* A pupil's considerations, oldest first (0 for every pupil): a new
 * array of AttPenaltyConsideration. */
GPtrArray    *att_penalty_considerations     (AttDb             *db,
                                              gint64             pupil_id,
                                              GError           **error);
AttPenaltyConsideration *
              att_penalty_consideration_get  (AttDb             *db,
                                              gint64             id,
                                              GError           **error);

/* What the Today dashboard shows: an AttPenaltyRow for every pupil whose
 * breach was met on a school day in the last 10 school weeks to @as_of
 * (a pupil of compulsory school age on @as_of, counting the sessions
 * while of that age) with no consideration recorded since,
 * whether or not the count is still over the threshold: a breach met on
 * day D is considered by a consideration as of a day from the start of
 * D's rolling window on (the rule of AttBreach's considered), so the row
 * stays until one is recorded. breach is counted as of met, the last
 * such day. Sorted as att_penalty_list() sorts. */
GPtrArray    *att_penalty_unconsidered       (AttDb             *db,
                                              AttDate            as_of,
                                              GError           **error);

/* Notices to improve. */
typedef enum
{
  ATT_IMPROVE_NONE,             /* not recorded yet */
  ATT_IMPROVE_IMPROVED,
  ATT_IMPROVE_NOT_IMPROVED,
  ATT_IMPROVE_N_OUTCOMES
} AttImproveOutcome;

/* "none", "improved", "not-improved"; as the decisions. */
const char   *att_improve_outcome_to_string  (AttImproveOutcome  outcome);
const char   *att_improve_outcome_describe   (AttImproveOutcome  outcome);
gboolean      att_improve_outcome_parse      (const char        *text,
                                              AttImproveOutcome *outcome,
                                              GError           **error);

#define ATT_IMPROVE_MIN_WEEKS 3
#define ATT_IMPROVE_MAX_WEEKS 6
#define ATT_IMPROVE_DEFAULT_WEEKS 4
/* The school's improvement period ("penalty_improvement_weeks", 3 to 6,
 * default 4), and setting it (ATT_PERM_SETTINGS; audited). */
guint         att_penalty_improve_weeks      (AttDb             *db);
gboolean      att_penalty_set_improve_weeks  (AttDb             *db,
                                              const AttUser     *user,
                                              guint              weeks,
                                              GError           **error);

typedef struct
{
  gint64             id;
  gint64             pupil_id;
  gint64             consideration_id;  /* the consideration that decided it, 0 none */
  AttDate            issued;
  guint              weeks;             /* 3 to 6 school weeks */
  AttDate            period_end;        /* last school day of the period */
  guint              target;            /* unauthorised sessions allowed in it (0) */
  AttImproveOutcome  outcome;
  AttDate            outcome_date;
  char              *outcome_note;
  gint64             letter_id;         /* the letter in the letters log, 0 none */
  guint              flagged;           /* unauthorised sessions in the period so far */
  char              *user;
  gint64             at;
} AttNoticeToImprove;

void          att_notice_to_improve_free     (AttNoticeToImprove *notice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttNoticeToImprove, att_notice_to_improve_free)

/* The last school day of an improvement period of @weeks school weeks
 * (0: the school's setting) starting on @issued: the first school week
 * is the one holding the first school day after @issued, and a week
 * with no session (a half term) does not count. ATT_DATE_NONE with an
 * error when the calendar does not reach that far or @weeks is out of
 * range. */
AttDate       att_penalty_improve_end        (AttDb             *db,
                                              AttDate            issued,
                                              guint              weeks,
                                              GError           **error);
/* Starts a notice to improve for @pupil_id issued on @issued, linked to
 * the pupil's latest consideration deciding one, if any. Needs
 * ATT_PERM_CASEWORK; refused for a pupil not of compulsory school age or
 * not on roll, or with a period already running. Audited. */
gint64        att_penalty_improve_start      (AttDb             *db,
                                              const AttUser     *user,
                                              gint64             pupil_id,
                                              AttDate            issued,
                                              guint              weeks,
                                              GError           **error);
/* One session flagged inside a period. */
typedef struct
{
  AttDate     date;
  AttSession  session;
  AttCode     code;
} AttPenaltySession;
/* The unauthorised sessions (counted as the threshold counts them)
 * marked inside the period, up to its end: a new GArray of
 * AttPenaltySession in date order. */
GArray       *att_penalty_improve_flagged    (AttDb             *db,
                                              gint64             notice_id,
                                              GError           **error);
/* Records the outcome at the end of the period. Refused before the
 * period's last school day is over (as of today) and once recorded.
 * Needs ATT_PERM_CASEWORK; audited. */
gboolean      att_penalty_improve_outcome    (AttDb             *db,
                                              const AttUser     *user,
                                              gint64             notice_id,
                                              AttImproveOutcome  outcome,
                                              const char        *note,
                                              GError           **error);
/* Notes the letter printed for a notice (att_letter_batch_record's id). */
gboolean      att_penalty_improve_set_letter (AttDb             *db,
                                              gint64             notice_id,
                                              gint64             letter_id,
                                              GError           **error);
GPtrArray    *att_penalty_improve_list       (AttDb             *db,
                                              gint64             pupil_id,
                                              GError           **error);
AttNoticeToImprove *
              att_penalty_improve_get        (AttDb             *db,
                                              gint64             id,
                                              GError           **error);
/* The stored template of the notice to improve's letter, and its merge
 * fields (improve.issued, improve.start, improve.end, improve.weeks,
 * improve.support), registered once with att_letter_field_register(). */
#define ATT_PENALTY_IMPROVE_TEMPLATE "notice-to-improve"
void          att_penalty_register_letter_fields (void);

/* The notice to improve's letter for @notice_id, one per recipient,
 * from the stored template "notice-to-improve" with the period's merge
 * fields; record it with att_letter_batch_record(), then note it with
 * att_penalty_improve_set_letter(). */
AttLetterBatch *
              att_penalty_improve_letter     (AttDb             *db,
                                              gint64             notice_id,
                                              AttDate            letter_date,
                                              GError           **error);

/* Penalty notice requests. */
typedef enum
{
  ATT_PENALTY_NOTICE_FIRST,     /* £80 within 21 days, £160 within 28 */
  ATT_PENALTY_NOTICE_SECOND,    /* £160 within 28 days */
  ATT_PENALTY_NOTICE_N_KINDS
} AttPenaltyNoticeKind;

typedef enum
{
  ATT_PENALTY_NOTICE_REQUESTED,
  ATT_PENALTY_NOTICE_ISSUED,
  ATT_PENALTY_NOTICE_PAID,
  ATT_PENALTY_NOTICE_WITHDRAWN,
  ATT_PENALTY_NOTICE_PROSECUTED,
  ATT_PENALTY_NOTICE_N_STATUSES
} AttPenaltyNoticeStatus;

/* "first", "second"; "requested", "issued", "paid", "withdrawn",
 * "prosecuted"; as the decisions. */
const char   *att_penalty_notice_kind_to_string   (AttPenaltyNoticeKind   kind);
const char   *att_penalty_notice_kind_describe    (AttPenaltyNoticeKind   kind);
gboolean      att_penalty_notice_kind_parse       (const char            *text,
                                                   AttPenaltyNoticeKind  *kind,
                                                   GError               **error);
const char   *att_penalty_notice_status_to_string (AttPenaltyNoticeStatus status);
const char   *att_penalty_notice_status_describe  (AttPenaltyNoticeStatus status);
gboolean      att_penalty_notice_status_parse     (const char            *text,
                                                   AttPenaltyNoticeStatus *status,
                                                   GError               **error);

typedef struct
{
  gint64                  id;
  gint64                  pupil_id;
  gint64                  contact_id;
  char                   *parent;           /* the contact's name */
  AttPenaltyNoticeKind    kind;
  AttDate                 requested;
  AttPenaltyNoticeStatus  status;
  AttDate                 status_date;
  guint                   amount_early_pence; /* 8000 for a first, 0 */
  guint                   early_days;         /* 21 for a first, 0 */
  guint                   amount_pence;       /* 16000 */
  guint                   days;               /* 28 */
  char                   *note;
  char                   *user;
  gint64                  consideration_id;   /* latest deciding a notice, 0 */
  gint64                  at;
} AttPenaltyNotice;

void          att_penalty_notice_free        (AttPenaltyNotice  *notice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttPenaltyNotice, att_penalty_notice_free)

/* The amounts of a notice of @kind, in pence and days. */
void          att_penalty_notice_amounts     (AttPenaltyNoticeKind kind,
                                              guint             *amount_early_pence,
                                              guint             *early_days,
                                              guint             *amount_pence,
                                              guint             *days);

/* Requests a penalty notice to @contact_id (a contact of the pupil with
 * parental responsibility) for @pupil_id on @requested (ATT_DATE_NONE:
 * today). Needs ATT_PERM_PENALTY. Refuses the third to the same parent
 * for the same child within a rolling 3 years (withdrawn notices do not
 * count), naming the earlier two and pointing to other action, and a
 * kind that does not match the count (first with none, second with one).
 * Audited. */
gint64        att_penalty_notice_request     (AttDb             *db,
                                              const AttUser     *user,
                                              gint64             pupil_id,
                                              gint64             contact_id,
                                              AttPenaltyNoticeKind kind,
                                              AttDate            requested,
                                              GError           **error);
/* Moves a request on: issued, paid, withdrawn or prosecuted, on @date
 * (ATT_DATE_NONE: today). Needs ATT_PERM_CASEWORK; refused from a paid,
 * withdrawn or prosecuted notice. Audited. */
gboolean      att_penalty_notice_set_status  (AttDb             *db,
                                              const AttUser     *user,
                                              gint64             id,
                                              AttPenaltyNoticeStatus status,
                                              AttDate            date,
                                              const char        *note,
                                              GError           **error);
/* A pupil's requests (0: every pupil's), oldest first: a new array of
 * AttPenaltyNotice. */
GPtrArray    *att_penalty_notices            (AttDb             *db,
                                              gint64             pupil_id,
                                              GError           **error);
AttPenaltyNotice *
              att_penalty_notice_get         (AttDb             *db,
                                              gint64             id,
                                              GError           **error);
/* Requests for @pupil_id (to @contact_id, 0: any parent) in the 3 years
 * to @as_of, withdrawn ones left out. */
guint         att_penalty_notices_3y         (AttDb             *db,
                                              gint64             pupil_id,
                                              gint64             contact_id,
                                              AttDate            as_of,
                                              GError           **error);

G_END_DECLS
