/* att-calls.h: absence calls, and the attempts to reach someone
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

/* How the office and the family spoke. Stored by name (see the *_to_string
 * functions), so the order may grow at the end only. */
typedef enum
{
  ATT_CALL_CHANNEL_PHONE,
  ATT_CALL_CHANNEL_VOICEMAIL,
  ATT_CALL_CHANNEL_TEXT,
  ATT_CALL_CHANNEL_EMAIL,
  ATT_CALL_CHANNEL_IN_PERSON,
  ATT_CALL_CHANNEL_HOME_VISIT,
  ATT_CALL_CHANNEL_APP,
  ATT_CALL_N_CHANNELS
} AttCallChannel;

typedef enum
{
  ATT_CALL_IN,              /* the family got in touch */
  ATT_CALL_OUT,             /* the school did */
} AttCallDirection;

/* The reason given, as the office files it. */
typedef enum
{
  ATT_CALL_REASON_NONE,     /* nobody gave one (an attempt that reached nobody) */
  ATT_CALL_REASON_ILLNESS,
  ATT_CALL_REASON_MEDICAL,  /* medical or dental appointment */
  ATT_CALL_REASON_RELIGIOUS,
  ATT_CALL_REASON_FAMILY_EMERGENCY,
  ATT_CALL_REASON_TRANSPORT,
  ATT_CALL_REASON_ANXIETY,  /* refusal or anxiety */
  ATT_CALL_REASON_HOLIDAY,
  ATT_CALL_REASON_NO_REASON,/* reached, but no reason given */
  ATT_CALL_REASON_OTHER,
  ATT_CALL_N_REASONS
} AttCallReason;

/* What one attempt to reach a contact came to. */
typedef enum
{
  ATT_ATTEMPT_REACHED,
  ATT_ATTEMPT_NO_ANSWER,
  ATT_ATTEMPT_VOICEMAIL,
  ATT_ATTEMPT_NOT_WORKING,
  ATT_ATTEMPT_WRONG_PERSON,
  ATT_ATTEMPT_SENT,         /* a text or an e-mail sent */
  ATT_ATTEMPT_N_OUTCOMES
} AttAttemptOutcome;

/* Machine names ("home-visit", "family-emergency", "no-answer"), as
 * stored, as attendance-cli takes them and as JSON writes them; the
 * describe functions give the translated words for a person. Parsing
 * refuses an unknown name with an error that lists the known ones. */
const char   *att_call_channel_to_string   (AttCallChannel     channel);
const char   *att_call_channel_describe    (AttCallChannel     channel);
gboolean      att_call_channel_parse       (const char        *text,
                                            AttCallChannel    *channel,
                                            GError           **error);
const char   *att_call_direction_to_string (AttCallDirection   direction);
gboolean      att_call_direction_parse     (const char        *text,
                                            AttCallDirection  *direction,
                                            GError           **error);
const char   *att_call_reason_to_string    (AttCallReason      reason);  /* "" for none */
const char   *att_call_reason_describe     (AttCallReason      reason);
gboolean      att_call_reason_parse        (const char        *text,
                                            AttCallReason     *reason,
                                            GError           **error);
const char   *att_attempt_outcome_to_string (AttAttemptOutcome outcome);
const char   *att_attempt_outcome_describe (AttAttemptOutcome  outcome);
gboolean      att_attempt_outcome_parse    (const char        *text,
                                            AttAttemptOutcome *outcome,
                                            GError           **error);

/* The code a reason implies for the sessions the absence covers: illness
 * I, a medical or dental appointment M, religious observance R; every
 * other reason (a holiday, refusal, no reason, ...) stays N until the
 * office decides (then O or G). ATT_CODE_NONE for no reason at all. */
AttCode       att_call_reason_code         (AttCallReason      reason);

/* Which sessions a call's code is written to. */
typedef enum
{
  ATT_CALL_COVER_NONE,      /* record the call only */
  ATT_CALL_COVER_DAY,       /* the call day's remaining sessions (the default) */
  ATT_CALL_COVER_TO_RETURN, /* and every school day after it up to the day
                             * before the expected return */
} AttCallCover;

/* What to log. One call for one pupil, or for several brothers and
 * sisters at once (att_calls_siblings()): a call record each, made
 * together, with the same family id. */
typedef struct
{
  const gint64     *pupil_ids;
  guint             n_pupils;
  AttDate           date;            /* the school day the call is about */
  /* The time of the call, minutes after midnight, or -1 for the whole
   * day. On a call about today the morning is "remaining" until the
   * afternoon register opens; a call about another day covers all of it. */
  int               clock;
  gint64            at;              /* when it was taken (UTC seconds); 0: now */
  gint64            contact_id;      /* the contact who called, or 0 */
  const char       *caller;          /* their name, or "someone else"'s */
  AttCallChannel    channel;
  AttCallDirection  direction;
  AttCallReason     reason;
  const char       *outcome;         /* free text, may be NULL */
  const char       *note;            /* free text, may be NULL */
  AttDate           expected_return; /* ATT_DATE_NONE when not known */
  gboolean          evidence_asked;  /* medical evidence asked for */
  gboolean          safeguarding;    /* a safeguarding concern raised */
  AttCallCover      cover;
  /* Sessions already holding another code than the one the reason
   * implies (or N) are never overwritten silently: with @keep_other they
   * are left as they are; without it the save is refused unless
   * @amend_reason gives the reason for changing them. */
  gboolean          keep_other;
  const char       *amend_reason;
} AttCallRequest;

/* One session a call covers. */
typedef struct
{
  gint64      pupil_id;
  AttDate     date;
  AttSession  session;
  AttCode     old_code;      /* ATT_CODE_NONE: blank */
  AttCode     new_code;      /* the code the call implies */
  gboolean    conflict;      /* old_code is another code: needs a reason */
  gboolean    kept;          /* a conflict left alone (keep_other) */
  gint64      history_id;    /* the register history row written, or 0 */
} AttCallMark;

/* What att_calls_log() did (or, refused, would have done). */
typedef struct
{
  GArray   *call_ids;        /* gint64, one per pupil, in the request's order */
  GArray   *marks;           /* AttCallMark, by pupil, date and session */
  guint     n_conflicts;
} AttCallReport;

void          att_call_report_clear        (AttCallReport     *report);

/* The sessions @request covers and what each holds, without writing:
 * what the call form shows before saving. The error says why the call
 * cannot be logged (no such pupil, not on roll on the day, not a school
 * day, a return date not after the call). A new array of AttCallMark. */
GArray       *att_calls_plan               (AttDb                *db,
                                            const AttCallRequest *request,
                                            GError              **error);

/* Logs the call and writes the marks it implies, in one transaction,
 * through the register's audited path (a blank session gets a first
 * entry, an N is amended with the call as its reason, a session holding
 * another code needs @request->amend_reason unless kept). Every call
 * record keeps the history rows it wrote. All or nothing: refused, the
 * database is unchanged, and @report (may be NULL) still lists the
 * sessions and their conflicts so a form can show them. Needs the right
 * to log calls, and the register's rights for the marks. */
gboolean      att_calls_log                (AttDb                *db,
                                            const AttUser        *user,
                                            const AttCallRequest *request,
                                            AttCallReport        *report,
                                            GError              **error);

/* One attempt to reach someone. */
typedef struct
{
  gint64             id;
  gint64             call_id;      /* 0: made from the first-day list */
  gint64             pupil_id;
  AttDate            date;
  gint64             at;
  AttCallChannel     channel;
  AttAttemptOutcome  outcome;
  gint64             contact_id;   /* 0 when not known */
  char              *note;
  char              *user_name;
} AttCallAttempt;

void          att_call_attempt_free        (AttCallAttempt   *attempt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCallAttempt, att_call_attempt_free)

/* Logs an attempt on @call_id (its pupil; @pupil_id is then ignored) or,
 * with @call_id 0, on @pupil_id for @date. @at 0 is now. Needs the right
 * to log calls; audited. Returns the attempt's id, or 0. */
gint64        att_calls_add_attempt        (AttDb              *db,
                                            const AttUser      *user,
                                            gint64              call_id,
                                            gint64              pupil_id,
                                            AttDate             date,
                                            gint64              at,
                                            AttCallChannel      channel,
                                            AttAttemptOutcome   outcome,
                                            gint64              contact_id,
                                            const char         *note,
                                            GError            **error);

/* A logged call, with who took it, its attempts and the sessions it
 * changed. */
typedef struct
{
  gint64            id;
  gint64            pupil_id;
  AttDate           date;
  gint64            at;
  gint64            contact_id;
  char             *caller;
  AttCallChannel    channel;
  AttCallDirection  direction;
  AttCallReason     reason;
  char             *outcome;
  char             *note;
  AttDate           expected_return;
  gboolean          evidence_asked;
  gboolean          safeguarding;
  gint64            family_id;
  char             *user_name;
  char             *position;
  GPtrArray        *attempts;      /* AttCallAttempt, oldest first */
  GArray           *marks;         /* AttCallMark written, from the history */
} AttCall;

void          att_call_free                (AttCall          *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCall, att_call_free)

/* The calls about @date (ATT_DATE_NONE: every day) for @pupil_id (0:
 * every pupil), by time: the day's call log, or a pupil's history. */
GPtrArray    *att_calls_list               (AttDb              *db,
                                            AttDate             date,
                                            gint64              pupil_id,
                                            GError            **error);
AttCall      *att_calls_get                (AttDb              *db,
                                            gint64              id,
                                            GError            **error);
/* The attempts logged on @date (by time), for every pupil: what the
 * first-day list counts. A call about @date that gave no reason (a home
 * visit with no one in) is one of them: id 0, its call's id, outcome
 * no-answer, the call's outcome text as the note. */
GPtrArray    *att_calls_attempts_on        (AttDb              *db,
                                            AttDate             date,
                                            GError            **error);

/* The brothers and sisters of @pupil_id on roll on @date, as one call
 * covers a family: pupils who share a parent or carer, a contact who
 * lives with both or has parental responsibility for both and is the
 * same person on both records: the same surname, and the same telephone
 * number (any of home, mobile or work, compared on its digits) or the
 * same first address line and postcode. A shared number alone (a
 * childminder, a grandparent) is not a family. By name; the pupil
 * itself is not included. A GArray of gint64. */
GArray       *att_calls_siblings           (AttDb              *db,
                                            gint64              pupil_id,
                                            AttDate             date,
                                            GError            **error);

G_END_DECLS
