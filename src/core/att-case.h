/* att-case.h: casework about one pupil: meetings, support and agencies,
 * and the chronology of the case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a pupil's attendance gives concern the school meets the family
 * (an invitation, then a meeting: who came, what gets in the way, what
 * everyone agreed, a target in sessions a week and a date to review it,
 * and an outcome letter; an attendance contract is one such outcome with
 * its own letter), offers support (early help, the agencies involved)
 * and keeps every step. The chronology reads every record about the
 * pupil's case (calls, letters, meetings, leave decisions, considerations,
 * notices, support) into one list in date order, which is printed, put
 * in the referral pack and exported as CSV.
 *
 * Every change needs ATT_PERM_CASEWORK and is audited (kind
 * ATT_AUDIT_CASEWORK, "casework.meeting-add", "casework.meeting-record",
 * "casework.support-add"...). Reading needs no right.
 */
#pragma once

#include <glib.h>

#include "att-date.h"
#include "att-letter-batch.h"
#include "att-letters.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* ------------------------------------------------------------------ */
/* Meetings                                                           */
/* ------------------------------------------------------------------ */

/* The most sessions a week a target may name: a school week has 10. */
#define ATT_CASE_TARGET_MAX 10

/* What a meeting decided. Stored by name (att_meeting_outcome_to_string()),
 * so the order may grow at the end only. */
typedef enum
{
  ATT_MEETING_OUTCOME_NONE,          /* planned, not yet recorded */
  ATT_MEETING_OUTCOME_REVIEW,        /* meet again on the review date */
  ATT_MEETING_OUTCOME_SUPPORT_PLAN,  /* a plan of support, reviewed on its date */
  ATT_MEETING_OUTCOME_CONTRACT,      /* an attendance contract: its own letter */
  ATT_MEETING_OUTCOME_CLOSED,        /* no further action: the case is closed */
  ATT_MEETING_N_OUTCOMES
} AttMeetingOutcome;

/* Machine names, as stored, as attendance-cli takes them and as JSON
 * writes them: "none", "review", "support-plan", "contract", "closed".
 * Parsing refuses an unknown name listing the known ones. */
const char        *att_meeting_outcome_to_string (AttMeetingOutcome  outcome);
/* "Review meeting", "Support plan", "Attendance contract"...; translated. */
const char        *att_meeting_outcome_describe  (AttMeetingOutcome  outcome);
gboolean           att_meeting_outcome_parse     (const char        *text,
                                                  AttMeetingOutcome *outcome,
                                                  GError           **error);
/* The stored template of the outcome's letter: "attendance-contract"
 * for a contract, "meeting-outcome" for the others, NULL for NONE. */
const char        *att_meeting_outcome_template  (AttMeetingOutcome  outcome);

/* The stored templates of the meeting's letters. */
#define ATT_CASE_TEMPLATE_INVITATION "meeting"
#define ATT_CASE_TEMPLATE_OUTCOME    "meeting-outcome"
#define ATT_CASE_TEMPLATE_CONTRACT   "attendance-contract"
/* The kinds the letters log keeps them under. */
#define ATT_CASE_LETTER_INVITATION   "meeting-invitation"
#define ATT_CASE_LETTER_OUTCOME      "meeting-outcome"
#define ATT_CASE_LETTER_CONTRACT     "attendance-contract"

/* A meeting with the family: planned (the first block), then recorded
 * (the second). Strings are owned by the struct; a struct handed to a
 * function that writes is only read. */
typedef struct
{
  gint64             id;
  gint64             pupil_id;
  char              *upn;                   /* read back: the pupil's UPN */
  char              *pupil_name;            /* read back: the pupil's preferred name */

  /* Planned */
  gint64             invitation_letter_id;  /* the letters log's invitation, 0 none */
  AttDate            date;
  gint               time;                  /* minutes after midnight; -1 not known */
  char              *place;
  char              *user;                  /* who planned it */
  char              *at;                    /* when, "YYYY-MM-DD HH:MM:SS" */

  /* Recorded: what happened (outcome NONE until then) */
  char              *attended;              /* who came, free text, required */
  char              *absent;                /* who was invited and did not come */
  char              *notes;
  char              *barriers;              /* what gets in the way of attending */
  char              *actions;               /* what everyone agreed to do */
  guint              target_sessions_per_week; /* 0: none; 1 to ATT_CASE_TARGET_MAX */
  AttDate            review_date;           /* ATT_DATE_NONE: none */
  AttMeetingOutcome  outcome;
  gint64             outcome_letter_id;     /* the letters log's outcome letter, 0 none */
  char              *recorded_by;
  char              *recorded_at;
} AttMeeting;

AttMeeting        *att_meeting_new               (void);   /* time -1, the rest empty */
AttMeeting        *att_meeting_copy              (const AttMeeting  *meeting);
void               att_meeting_free              (AttMeeting        *meeting);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttMeeting, att_meeting_free)

/* Whether the meeting has been recorded (its outcome is not NONE). */
gboolean           att_meeting_is_held           (const AttMeeting  *meeting);

/* Plans a meeting for @meeting's pupil on its date, time and place, with
 * the invitation sent, if any (a letter of the log about the same
 * pupil). Refused naming the field: no such pupil, no date, a time
 * outside 07:00 to 19:00, no place, a text too long or holding control
 * characters, an invitation letter that is not in the log or is about
 * another pupil. Needs ATT_PERM_CASEWORK; audited. Returns the new id,
 * or 0 with @error set. */
gint64             att_case_meeting_add          (AttDb             *db,
                                                  const AttUser     *user,
                                                  const AttMeeting  *meeting,
                                                  GError           **error);

/* Records what happened at meeting @meeting->id (its attended, absent,
 * notes, barriers, actions, target, review date and outcome; the date,
 * time and place are kept as planned unless @meeting's date is set, when
 * the meeting took place on another day). Refused naming the field: a
 * meeting later than today (nothing has happened yet), nobody attending,
 * no outcome, a target over ATT_CASE_TARGET_MAX, a review date on or
 * before the meeting, a review or support plan or contract with no review
 * date, a contract with no target. Recording again corrects the record
 * (audited with both). Needs ATT_PERM_CASEWORK. */
gboolean           att_case_meeting_record       (AttDb             *db,
                                                  const AttUser     *user,
                                                  const AttMeeting  *meeting,
                                                  GError           **error);

/* Meeting @id; ATT_ERROR_NOT_FOUND naming it when there is none. */
AttMeeting        *att_case_meeting_get          (AttDb             *db,
                                                  gint64             id,
                                                  GError           **error);
/* Pupil @pupil_id's meetings (every pupil's for 0), by date and time,
 * the latest last. A new array of AttMeeting. */
GPtrArray         *att_case_meetings             (AttDb             *db,
                                                  gint64             pupil_id,
                                                  GError           **error);

/* The meeting.* values of @meeting's letters: date, time, place (as the
 * ladder's invitation has them), and attended, absent, notes, barriers,
 * actions, outcome, target ("4 sessions a week", "" when none),
 * target_sessions ("4"), review_date ("" when none). Registers the
 * fields the first time. */
void               att_case_meeting_values       (const AttMeeting  *meeting,
                                                  AttLetterValues   *values);

/* Adds the meeting.* fields above to the letters' registry (once). */
void               att_case_register_fields      (void);

/* The invitation to meeting @id from the stored "meeting" template, one
 * letter per recipient, dated @letter_date, logged as kind
 * ATT_CASE_LETTER_INVITATION once recorded (att_case_meeting_letter_record()). */
AttLetterBatch    *att_case_meeting_invitation   (AttDb             *db,
                                                  gint64             id,
                                                  AttDate            letter_date,
                                                  GError           **error);
/* The outcome letter of recorded meeting @id: the attendance contract
 * (ATT_CASE_TEMPLATE_CONTRACT) for a contract, the meeting's outcome
 * letter (ATT_CASE_TEMPLATE_OUTCOME) for any other outcome, one per
 * recipient, dated @letter_date. Refused (ATT_ERROR_RULE) for a meeting
 * not yet recorded. */
AttLetterBatch    *att_case_meeting_outcome_letter (AttDb           *db,
                                                  gint64             id,
                                                  AttDate            letter_date,
                                                  GError           **error);
/* Logs @batch (from one of the two above, for meeting @id) as
 * att_letter_batch_record() does and keeps the first letter's id on the
 * meeting as its invitation or outcome letter, in one transaction.
 * Needs ATT_PERM_LETTERS and ATT_PERM_CASEWORK. */
gboolean           att_case_meeting_letter_record (AttDb            *db,
                                                  const AttUser     *user,
                                                  gint64             id,
                                                  AttLetterBatch    *batch,
                                                  AttLetterDelivery  delivery,
                                                  AttDate            posted,
                                                  GError           **error);

/* ------------------------------------------------------------------ */
/* Support and agencies                                               */
/* ------------------------------------------------------------------ */

/* Stored by name: "early-help", "agency", "support". */
typedef enum
{
  ATT_CASE_SUPPORT_EARLY_HELP,   /* early help offered (an assessment, a referral) */
  ATT_CASE_SUPPORT_AGENCY,       /* an agency involved: school nurse, social care, EWS... */
  ATT_CASE_SUPPORT_SUPPORT,      /* other support from the school: mentor, transport, breakfast club */
  ATT_CASE_SUPPORT_N_KINDS
} AttCaseSupportKind;

const char        *att_case_support_kind_to_string (AttCaseSupportKind  kind);
/* "Early help", "Agency involved", "Support"; translated. */
const char        *att_case_support_kind_describe  (AttCaseSupportKind  kind);
gboolean           att_case_support_kind_parse     (const char         *text,
                                                    AttCaseSupportKind *kind,
                                                    GError            **error);

typedef struct
{
  gint64              id;
  gint64              pupil_id;
  AttDate             date;
  AttCaseSupportKind  kind;
  char               *agency;     /* who: "School nurse", "Early help team"; may be empty for support */
  char               *detail;     /* what was offered or done */
  char               *user;
  char               *at;         /* "YYYY-MM-DD HH:MM:SS" */
} AttCaseSupport;

AttCaseSupport    *att_case_support_new          (void);
void               att_case_support_free         (AttCaseSupport    *support);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCaseSupport, att_case_support_free)

/* Adds a support entry. Refused naming the field: no such pupil, no date
 * or a date later than today, an agency missing for an early help or
 * agency entry, no detail, text too long. Needs ATT_PERM_CASEWORK;
 * audited. Returns the new id, or 0. */
gint64             att_case_support_add          (AttDb             *db,
                                                  const AttUser     *user,
                                                  const AttCaseSupport *support,
                                                  GError           **error);
/* Pupil @pupil_id's entries by date, the latest last (every pupil's for
 * 0). A new array of AttCaseSupport. */
GPtrArray         *att_case_support              (AttDb             *db,
                                                  gint64             pupil_id,
                                                  GError           **error);

/* ------------------------------------------------------------------ */
/* The chronology                                                     */
/* ------------------------------------------------------------------ */

/* Stored nowhere; names as JSON and CSV write them: "call", "letter",
 * "meeting", "leave", "consideration", "improve", "notice", "support". */
typedef enum
{
  ATT_CASE_EVENT_CALL,           /* a call logged (calls) */
  ATT_CASE_EVENT_LETTER,         /* a letter, text or e-mail logged (letters) */
  ATT_CASE_EVENT_MEETING,        /* a meeting planned, or held */
  ATT_CASE_EVENT_LEAVE,          /* a leave request's decision */
  ATT_CASE_EVENT_CONSIDERATION,  /* a penalty notice considered */
  ATT_CASE_EVENT_IMPROVE,        /* a notice to improve and its outcome */
  ATT_CASE_EVENT_NOTICE,         /* a penalty notice requested, and its status */
  ATT_CASE_EVENT_SUPPORT,        /* support offered, an agency involved */
  ATT_CASE_EVENT_N_KINDS
} AttCaseEventKind;

const char        *att_case_event_kind_to_string (AttCaseEventKind   kind);
/* "Call", "Letter", "Meeting"...; translated. */
const char        *att_case_event_kind_describe  (AttCaseEventKind   kind);
gboolean           att_case_event_kind_parse     (const char        *text,
                                                  AttCaseEventKind  *kind,
                                                  GError           **error);

/* One entry of the chronology. */
typedef struct
{
  AttDate            date;
  gint               time;       /* minutes after midnight, -1 when not known */
  AttCaseEventKind   kind;
  char              *title;      /* translated: "Call: no answer", "Meeting held: attendance contract" */
  char              *detail;     /* what the record says, may hold line breaks; "" when nothing */
  char              *user;       /* who did it; "" when not known */
  gint64             source_id;  /* the row of its own table (calls.id, letters.id, meetings.id...) */
} AttCaseEvent;

AttCaseEvent      *att_case_event_new            (AttDate            date,
                                                  gint               time,
                                                  AttCaseEventKind   kind,
                                                  const char        *title,
                                                  const char        *detail,
                                                  const char        *user,
                                                  gint64             source_id);
void               att_case_event_free           (AttCaseEvent      *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCaseEvent, att_case_event_free)

/* Sorts @events (AttCaseEvent) into the chronology's order: by date, then
 * time (an entry with no time after those of its day that have one),
 * then by kind's order above, then by source id. */
void               att_case_chronology_sort      (GPtrArray         *events);

/* Every record of pupil @pupil_id's case dated in [@from, @to]
 * (ATT_DATE_NONE: no limit at that end), in att_case_chronology_sort()'s
 * order. A new array of AttCaseEvent. ATT_ERROR_NOT_FOUND for no such
 * pupil. */
GPtrArray         *att_case_chronology           (AttDb             *db,
                                                  gint64             pupil_id,
                                                  AttDate            from,
                                                  AttDate            to,
                                                  GError           **error);

/* Writes @events as CSV through the product's CSV writer: a header
 * "date,time,kind,title,detail,user", one row per event (date as
 * YYYY-MM-DD, time as HH:MM or empty, kind by name), a cell that looks
 * like a formula behind an apostrophe. Written beside @path and renamed,
 * readable by its owner only. */
gboolean           att_case_chronology_write_csv (GPtrArray         *events,
                                                  const char        *path,
                                                  GError           **error);

G_END_DECLS
