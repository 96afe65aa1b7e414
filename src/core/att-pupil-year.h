/* att-pupil-year.h: one pupil's school year at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every weekday session of a school year (1 September to 31 August) for
 * one pupil, with what the calendar says of it: for the calendar on the
 * pupil view and in the pupil's PDF.
 */
#pragma once

#include <glib-object.h>

#include "att-codes.h"
#include "att-date.h"
#include "att-register.h"
#include "att-stats.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

typedef enum
{
  ATT_PUPIL_YEAR_SCHOOL    = 1 << 0,  /* a school session */
  ATT_PUPIL_YEAR_CLOSED    = 1 << 1,  /* a closure inside a term ('#') */
  ATT_PUPIL_YEAR_HOLIDAY   = 1 << 2,  /* a weekday outside every term */
  ATT_PUPIL_YEAR_ON_ROLL   = 1 << 3,  /* the pupil is on roll that day */
  ATT_PUPIL_YEAR_WINDOW    = 1 << 4,  /* inside the National Framework's
                                       * rolling window ending on as-of */
  ATT_PUPIL_YEAR_FUTURE    = 1 << 5,  /* after as-of */
  ATT_PUPIL_YEAR_COMPULSORY = 1 << 6, /* of compulsory school age */
} AttPupilYearFlags;

/* One weekday session. */
typedef struct
{
  AttDate      date;
  AttSession   session;
  AttCode      code;      /* ATT_CODE_NONE when blank */
  guint        flags;     /* AttPupilYearFlags */
} AttPupilYearSession;

/* A term of the year, for the marks drawn over the calendar. */
typedef struct
{
  char        *name;
  AttDate      start;
  AttDate      end;
} AttPupilYearTerm;

typedef struct _AttPupilYear AttPupilYear;

#define ATT_TYPE_PUPIL_YEAR (att_pupil_year_get_type ())
GType        att_pupil_year_get_type      (void) G_GNUC_CONST;

/* The school year starting in September of @school_year, as of @as_of
 * (the rolling window ends there; sessions after it are future). */
AttPupilYear *att_pupil_year_new          (AttDb          *db,
                                           gint64          pupil_id,
                                           int             school_year,
                                           AttDate         as_of,
                                           GError        **error);
AttPupilYear *att_pupil_year_ref          (AttPupilYear   *year);
void          att_pupil_year_unref        (AttPupilYear   *year);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttPupilYear, att_pupil_year_unref)

gint64        att_pupil_year_get_pupil_id (AttPupilYear   *year);
/* "Amina Khan (A123456789012)". */
const char   *att_pupil_year_get_title    (AttPupilYear   *year);
int           att_pupil_year_get_school_year (AttPupilYear *year);
AttDate       att_pupil_year_get_as_of    (AttPupilYear   *year);
/* The window's first and last day (ATT_DATE_NONE when the pupil has no
 * school week in it). */
void          att_pupil_year_get_window   (AttPupilYear   *year,
                                           AttDate        *start,
                                           AttDate        *end);
/* Every weekday session of the year in date order, AM before PM. */
const AttPupilYearSession *att_pupil_year_get_sessions (AttPupilYear *year,
                                                        guint        *n_sessions);
const AttPupilYearTerm    *att_pupil_year_get_terms    (AttPupilYear *year,
                                                        guint        *n_terms);
/* The year's figures to as-of (att_stats_pupil()). */
const AttFigures *att_pupil_year_get_figures (AttPupilYear *year);

G_END_DECLS
