/* att-la-profile.h: what the local authority's referral pack holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each local authority asks for a referral (for a penalty notice or a
 * prosecution) in its own form. The school's profile of its authority
 * says which sections the referral pack has, in which order, and the span
 * of the registration certificate in it. It is kept in the settings table
 * ("la.sections", "la.span"); a school that never set one has the full
 * pack.
 */
#pragma once

#include <glib.h>

#include "att-certificate.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* The sections a referral pack can hold. Never renumber: only append. */
typedef enum
{
  ATT_CASEPACK_PUPIL,             /* the pupil's details */
  ATT_CASEPACK_PARENTS,           /* every parent and carer, stale details flagged */
  ATT_CASEPACK_SIBLINGS,          /* brothers and sisters on roll */
  ATT_CASEPACK_SUPPORT,           /* agencies involved and early help offered */
  ATT_CASEPACK_CERTIFICATE,       /* the registration certificate */
  ATT_CASEPACK_LETTERS,           /* letters sent (the letters log) */
  ATT_CASEPACK_CHRONOLOGY,        /* the case's chronology */
  ATT_CASEPACK_CONSIDERATIONS,    /* the school's penalty consideration(s) */
  ATT_CASEPACK_NOTICE_TO_IMPROVE, /* notices to improve and their outcomes */
  ATT_CASEPACK_DECLARATION,       /* the headteacher's declaration */
  ATT_CASEPACK_YEAR_CALENDAR,     /* the school year at a glance */
  ATT_CASEPACK_N_SECTIONS
} AttCasepackSection;

/* "pupil", "parents", "siblings", "support", "certificate", "letters",
 * "chronology", "considerations", "notice-to-improve", "declaration",
 * "year-calendar" */
const char         *att_casepack_section_to_string (AttCasepackSection  section);
/* The section's heading, translated: "Parents and carers". */
const char         *att_casepack_section_describe  (AttCasepackSection  section);
/* The name above, case-insensitive; the error lists the names known. */
gboolean            att_casepack_section_parse     (const char         *text,
                                                    AttCasepackSection *section,
                                                    GError            **error);

typedef struct
{
  AttCasepackSection  sections[ATT_CASEPACK_N_SECTIONS];  /* in the pack's order */
  guint               n_sections;
  AttCertificateSpan  span;                               /* of the certificate */
} AttLaProfile;

/* The profile the school keeps, or the "full" preset when it has none. */
gboolean            att_la_profile_load            (AttDb              *db,
                                                    AttLaProfile       *profile,
                                                    GError            **error);
/* Checks and stores @profile (ATT_PERM_SETTINGS), audited as
 * "school.la-profile" with the profile before and after. */
gboolean            att_la_profile_save            (AttDb              *db,
                                                    const AttUser      *user,
                                                    const AttLaProfile *profile,
                                                    GError            **error);
/* At least one section, none twice, each known; a span that validates. */
gboolean            att_la_profile_validate        (const AttLaProfile *profile,
                                                    GError            **error);
gboolean            att_la_profile_has_section     (const AttLaProfile *profile,
                                                    AttCasepackSection  section);

/* "pupil,parents,certificate" */
char               *att_la_profile_sections_to_string (const AttLaProfile *profile);
/* Sets @profile's sections from the text above (names parted by commas,
 * spaces allowed), keeping its span; nothing is changed on an error. */
gboolean            att_la_profile_parse_sections  (AttLaProfile       *profile,
                                                    const char         *text,
                                                    GError            **error);

/* The presets, NULL-terminated: "full", "short", ... */
const char * const *att_la_profile_preset_names    (void);
/* A preset's description, translated; NULL for an unknown name. */
const char         *att_la_profile_preset_describe (const char         *name);
/* Fills @profile with the preset @name; an unknown name is an error that
 * lists the presets. */
gboolean            att_la_profile_preset          (const char         *name,
                                                    AttLaProfile       *profile,
                                                    GError            **error);

G_END_DECLS
