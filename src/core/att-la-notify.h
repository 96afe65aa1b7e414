/* att-la-notify.h: the pupils the local authority must be told of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;
typedef struct _AttPupil AttPupil;

/* The days in the regulations' duties to tell the LA. */
#define ATT_LA_UNAUTHORISED_DAYS 10
#define ATT_LA_ILLNESS_DAYS      15

typedef enum
{
  /* Absent without authorisation (G, N, O) for 10 or more continuous
   * school days; a session with no mark is passed over. */
  ATT_LA_UNAUTHORISED,
  /* Illness (I) that has reached, or is expected to reach, 15 school
   * days, continuous or in total, this school year. */
  ATT_LA_ILLNESS,
  ATT_LA_N_KINDS
} AttLaKind;

const char   *att_la_kind_to_string    (AttLaKind      kind);   /* "unauthorised", "illness" */
const char   *att_la_kind_describe     (AttLaKind      kind);
gboolean      att_la_kind_parse        (const char    *text,
                                        AttLaKind     *kind,
                                        GError       **error);

/* One pupil on one of the lists. Days are school days; illness is
 * counted in sessions (a morning is half a day), so 15 days are 30
 * sessions. */
typedef struct
{
  AttPupil  *pupil;            /* a reference */
  AttLaKind  kind;
  AttDate    first;            /* the run's first day, or the first I day this year */
  AttDate    last;             /* the last absent day up to the as-of date */
  guint      days;             /* unauthorised: the run; illness: whole days (sessions / 2) */
  guint      sessions;         /* illness: I sessions of the total or the run */
  gboolean   continuous;       /* illness: reached by one continuous run */
  gboolean   ongoing;          /* the absence runs up to the as-of date */
  /* Illness: reached only with the days still expected (an illness call
   * whose expected return is after the as-of date), and how many
   * sessions those are. */
  gboolean   expected;
  guint      expected_sessions;
  AttDate    told;             /* when the LA was told; ATT_DATE_NONE if not yet */
  gint64     notification_id;  /* that record, or 0 */
} AttLaCase;

void          att_la_case_free         (AttLaCase     *la_case);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLaCase, att_la_case_free)

/* Both lists as of @as_of (every pupil on roll that day), unauthorised
 * first, each by the longest absence first. A run of unauthorised
 * absence is listed when it reaches 10 school days and ends in the
 * school year holding @as_of (it may have begun before it); the LA was
 * told of it when a notice is recorded on or after its first day.
 * Illness is listed when the I sessions this school year, in total or in
 * one continuous run, reach 30 (15 days), or would with those still
 * expected; the LA was told when a notice is recorded this school year. */
GPtrArray    *att_la_cases             (AttDb         *db,
                                        AttDate        as_of,
                                        GError       **error);

/* Records that the LA was told of @pupil_id on @told (not in the
 * future). The right to log calls; audited. Returns the record's id. */
gint64        att_la_record_told       (AttDb         *db,
                                        const AttUser *user,
                                        gint64         pupil_id,
                                        AttLaKind      kind,
                                        AttDate        told,
                                        const char    *note,
                                        GError       **error);

G_END_DECLS
