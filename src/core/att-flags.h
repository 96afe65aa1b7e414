/* att-flags.h: the flags that mark a pupil out, in one vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-pupils.h"
#include "att-stats.h"

G_BEGIN_DECLS

/* In the order they are shown. A severely absent pupil has SEVERE and
 * PERSISTENT (shown as SA alone); at most one of EHC_PLAN and SEN_SUPPORT
 * is set. */
typedef enum
{
  ATT_FLAG_SEVERE,          /* SA: missed half or more */
  ATT_FLAG_PERSISTENT,      /* PA: missed 10% or more */
  ATT_FLAG_SOCIAL_WORKER,   /* SW */
  ATT_FLAG_LOOKED_AFTER,    /* LAC */
  ATT_FLAG_EHC_PLAN,        /* EHCP (SEN E) */
  ATT_FLAG_SEN_SUPPORT,     /* SEN K */
  ATT_FLAG_FSM,
  ATT_FLAG_EAL,
  ATT_FLAG_YOUNG_CARER,     /* YC */
  ATT_FLAG_MEDICAL,         /* a medical note */
  ATT_FLAG_LEFT,            /* no longer on roll */
  ATT_N_FLAGS
} AttFlag;

/* Every page, printout and attendance-cli speak of a flag with these
 * words, so SA is SA everywhere. */
typedef struct
{
  AttFlag     flag;
  const char *key;          /* machine name, for JSON: "severe-absence" */
  const char *label;        /* short, for a narrow column: "SA" (translated) */
  const char *description;  /* a sentence, for a tooltip (translated) */
} AttFlagInfo;

const AttFlagInfo *att_flag_info    (AttFlag             flag);

/* The flags @pupil carries, a bit (1 << flag) each. @figures (may be
 * NULL) give SA and PA; @today decides whether the pupil has left. */
guint              att_pupil_flags  (AttPupil           *pupil,
                                     const AttFigures   *figures,
                                     AttDate             today);
/* The short labels of @flags joined by @separator: "SA, SW, LAC" (PA is
 * left out beside SA). */
char              *att_flags_format (guint               flags,
                                     const char         *separator);

G_END_DECLS
