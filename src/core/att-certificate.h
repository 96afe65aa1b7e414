/* att-certificate.h: the registration certificate of one pupil
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A registration certificate is the register of one pupil over a span of
 * sessions, as a local authority asks for it with a referral: every school
 * session while the pupil was on roll with its code, a key to the codes
 * used, the totals, and the headteacher's declaration. It cannot be
 * finalised while the span holds an N (a reason not yet known) or a past
 * session with no mark: referrals are returned for those. What is listed
 * and counted is decided here; src/render draws it.
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"
#include "att-pupils.h"
#include "att-stats.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* Which sessions a certificate covers. Every span ends on the as-of date
 * (a RANGE on its own @to, which may not be after the as-of date). */
typedef enum
{
  ATT_CERTIFICATE_SPAN_LAST_SESSIONS, /* the last n_sessions school sessions
                                       * on roll, up to the as-of date */
  ATT_CERTIFICATE_SPAN_THIS_YEAR,     /* this school year so far */
  ATT_CERTIFICATE_SPAN_THIS_AND_LAST, /* this school year and the last one */
  ATT_CERTIFICATE_SPAN_RANGE,         /* from @from to @to */
  ATT_CERTIFICATE_N_SPANS
} AttCertificateSpanKind;

typedef struct
{
  AttCertificateSpanKind kind;
  guint                  n_sessions;  /* LAST_SESSIONS only: 60, 100 ... */
  AttDate                from;        /* RANGE only */
  AttDate                to;          /* RANGE only */
} AttCertificateSpan;

/* The most sessions LAST_SESSIONS may ask for: two school years. */
#define ATT_CERTIFICATE_MAX_SESSIONS 800

/* The span as it is stored and typed: "sessions:60", "this-year",
 * "two-years", "range:2024-09-02:2025-01-31". */
char               *att_certificate_span_to_string  (const AttCertificateSpan *span);
/* Parses the text above; a bare number ("60") is LAST_SESSIONS. The error
 * says what is accepted. */
gboolean            att_certificate_span_parse      (const char               *text,
                                                     AttCertificateSpan       *span,
                                                     GError                  **error);
/* Translated: "The last 60 sessions", "This school year",
 * "This school year and the last", "2 Sep 2024 to 31 Jan 2025". */
char               *att_certificate_span_describe   (const AttCertificateSpan *span);
/* Refuses a span that cannot be drawn (0 sessions, a range ending before
 * it starts), naming the field. */
gboolean            att_certificate_span_validate   (const AttCertificateSpan *span,
                                                     GError                  **error);

/* One session of the certificate. */
typedef struct
{
  AttDate    date;
  guint8     session;      /* AttSession */
  guint8     code;         /* AttCode; ATT_CODE_NONE: no mark */
  gboolean   compulsory;   /* of compulsory school age that day */
  gboolean   past;         /* a register that has closed by the as-of date
                            * and time: an unmarked one is a problem */
} AttCertificateSession;

typedef enum
{
  ATT_CERTIFICATE_PROBLEM_N,         /* N: reason not yet provided */
  ATT_CERTIFICATE_PROBLEM_UNMARKED,  /* a past session with no mark */
} AttCertificateProblemKind;

/* An element of att_certificate_get_problems(). */
typedef struct
{
  AttDate                    date;
  guint8                     session;  /* AttSession */
  AttCertificateProblemKind  kind;
} AttCertificateProblem;

/* One row of the key: a code used in the span and how often. The
 * meaning and statistical category come from att-codes
 * (att_code_describe(), att_code_info()->meaning and ->group). */
typedef struct
{
  AttCode  code;
  guint    count;
} AttCertificateCode;

typedef struct _AttCertificate AttCertificate;

/* Reads the certificate of @pupil_id for @span up to @as_of: every school
 * session while the pupil was on roll (admitted mid-span: from the
 * admission; left: to the leaving date), in date order, with its code,
 * whether the pupil was of compulsory school age, the key and the
 * totals. Fails when the pupil does not exist, the span is not valid,
 * or the pupil has no session on roll in it. */
AttCertificate     *att_certificate_new             (AttDb                    *db,
                                                     gint64                    pupil_id,
                                                     const AttCertificateSpan *span,
                                                     AttDate                   as_of,
                                                     GError                  **error);
AttCertificate     *att_certificate_ref             (AttCertificate           *self);
void                att_certificate_unref           (AttCertificate           *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCertificate, att_certificate_unref)

/* The pupil (a reference held by the certificate). */
AttPupil           *att_certificate_get_pupil       (AttCertificate           *self);
const AttCertificateSpan *att_certificate_get_span  (AttCertificate           *self);
AttDate             att_certificate_get_as_of       (AttCertificate           *self);
/* The first and last day of the sessions listed. */
void                att_certificate_get_range       (AttCertificate           *self,
                                                     AttDate                  *first,
                                                     AttDate                  *last);
/* Every session, in date order. */
const AttCertificateSession *att_certificate_get_sessions (AttCertificate     *self,
                                                     guint                    *n_sessions);
/* The codes used, in the order of the DfE table (AttCode order). */
const AttCertificateCode *att_certificate_get_codes (AttCertificate           *self,
                                                     guint                    *n_codes);
/* The totals of every session listed: possible, present (with L), AEA,
 * authorised, unauthorised, each code's count (codes[]), missing (past
 * sessions with no mark); att_figures_attendance_pct() for the
 * percentage. */
const AttFigures   *att_certificate_get_totals      (AttCertificate           *self);
/* The same counted over the sessions of compulsory school age only. */
const AttFigures   *att_certificate_get_compulsory_totals (AttCertificate     *self);
/* Sessions listed while the pupil was not of compulsory school age. */
guint               att_certificate_get_n_outside_age (AttCertificate         *self);
/* The N and unmarked past sessions (AttCertificateProblem), in date
 * order. Borrowed. */
GArray             *att_certificate_get_problems    (AttCertificate           *self);
/* TRUE when the certificate may be finalised; otherwise an
 * ATT_ERROR_RULE naming the first few sessions (date and AM/PM) and
 * how many more, saying to correct the register first. */
gboolean            att_certificate_can_finalise    (AttCertificate           *self,
                                                     GError                  **error);
/* The headteacher who makes the declaration: the active user with the
 * headteacher role (the first by name when there are several), or NULL
 * when there is none. Borrowed. */
const char         *att_certificate_get_headteacher (AttCertificate           *self);

/* The headteacher's name as above, read from the users (NULL if none). */
char               *att_certificate_headteacher_name (AttDb                   *db,
                                                      GError                 **error);

G_END_DECLS
