/* att-casepack.h: what the referral pack of one pupil holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A referral pack is what a school sends the local authority when it asks
 * for a penalty notice or a prosecution: one document with the sections
 * the authority's profile (att-la-profile.h) asks for, in its order. This
 * reads everything it shows; src/render/att-casepack-document.h draws it.
 */
#pragma once

#include <glib.h>

#include "att-certificate.h"
#include "att-la-profile.h"
#include "att-pupil-year.h"
#include "att-pupils.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* Everything read for the pack. A section the profile leaves out is
 * not read: its array is empty (certificate NULL). */
typedef struct
{
  AttLaProfile     profile;
  AttDate          as_of;
  AttPupil        *pupil;           /* a reference */
  GPtrArray       *contacts;        /* AttContact, in priority order */
  GPtrArray       *siblings;        /* AttPupil, on roll on as_of */
  GPtrArray       *support;         /* AttCaseSupport (att-case.h), by date */
  AttCertificate  *certificate;     /* for profile.span, or NULL */
  GPtrArray       *letters;         /* AttLetterRecord, the letters log, by date */
  GPtrArray       *chronology;      /* AttCaseEvent (att-case.h), by date */
  GPtrArray       *considerations;  /* AttPenaltyConsideration (att-penalty.h) */
  GPtrArray       *improve;         /* AttNoticeToImprove (att-penalty.h) */
  char            *headteacher;     /* who makes the declaration, or NULL */
  AttPupilYear    *year;            /* the school year holding as_of, to
                                     * as_of (att-pupil-year.h), or NULL */
} AttCasepack;

/* Reads the pack of @pupil_id on @as_of for @profile (NULL: the school's
 * own, att_la_profile_load()). It is read even when the certificate holds
 * N or unmarked sessions: att_casepack_can_finalise() says so. */
AttCasepack  *att_casepack_collect       (AttDb              *db,
                                          gint64              pupil_id,
                                          AttDate             as_of,
                                          const AttLaProfile *profile,
                                          GError            **error);
void          att_casepack_free          (AttCasepack        *pack);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCasepack, att_casepack_free)

/* Whether the pack may go to the authority: the certificate in it may be
 * finalised (att_certificate_can_finalise(), whose error names the N and
 * unmarked sessions: referrals are returned for those). */
gboolean      att_casepack_can_finalise  (AttCasepack        *pack,
                                          GError            **error);

/* The number of contacts in the pack whose details are flagged for
 * re-checking on its as-of date (att_contact_details_stale()). */
guint         att_casepack_n_stale_contacts (AttCasepack     *pack);

/* Records in the audit log that @user made the referral pack of its
 * pupil (ATT_PERM_CASEWORK; a referral pack leaves the school), with its
 * sections, span and @destination (the file written, or NULL). */
gboolean      att_casepack_record_export (AttDb              *db,
                                          const AttUser      *user,
                                          AttCasepack        *pack,
                                          const char         *destination,
                                          GError            **error);

G_END_DECLS
