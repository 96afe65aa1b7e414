/* att-codes.h: the DfE attendance and absence codes (2024 table)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-date.h"

G_BEGIN_DECLS

/* Codes are kept as one byte each in the register's compact arrays and in
 * the database's per-pupil blobs, so these numbers are part of the file
 * format: never renumber them, only append. 0 means "no mark". */
typedef enum
{
  ATT_CODE_NONE = 0,
  ATT_CODE_PRESENT_AM,  /* / */
  ATT_CODE_PRESENT_PM,  /* \ */
  ATT_CODE_L,
  ATT_CODE_K,
  ATT_CODE_V,
  ATT_CODE_P,
  ATT_CODE_W,
  ATT_CODE_B,
  ATT_CODE_D,
  ATT_CODE_C1,
  ATT_CODE_M,
  ATT_CODE_J1,
  ATT_CODE_S,
  ATT_CODE_X,
  ATT_CODE_C2,
  ATT_CODE_C,
  ATT_CODE_T,
  ATT_CODE_R,
  ATT_CODE_I,
  ATT_CODE_E,
  ATT_CODE_Q,
  ATT_CODE_Y1,
  ATT_CODE_Y2,
  ATT_CODE_Y3,
  ATT_CODE_Y4,
  ATT_CODE_Y5,
  ATT_CODE_Y6,
  ATT_CODE_Y7,
  ATT_CODE_G,
  ATT_CODE_N,
  ATT_CODE_O,
  ATT_CODE_U,
  ATT_CODE_Z,
  ATT_CODE_CLOSED,      /* # */
  /* Retired codes, known for history only. */
  ATT_CODE_OLD_H,
  ATT_CODE_OLD_F,
  ATT_CODE_OLD_J,
  ATT_CODE_OLD_Y,
  ATT_CODE_N_CODES
} AttCode;

typedef enum
{
  ATT_GROUP_PRESENT,
  ATT_GROUP_AEA,
  ATT_GROUP_OFF_SITE,
  ATT_GROUP_LEAVE,
  ATT_GROUP_OTHER_AUTHORISED,
  ATT_GROUP_UNABLE,
  ATT_GROUP_UNAUTHORISED,
  ATT_GROUP_ADMIN,
  ATT_GROUP_RETIRED,
  ATT_N_GROUPS
} AttCodeGroup;

/* What a code means for the statistics. */
typedef enum
{
  ATT_MEANING_PRESENT,        /* attendance: present */
  ATT_MEANING_AEA,            /* attendance: approved educational activity */
  ATT_MEANING_AUTHORISED,     /* authorised absence */
  ATT_MEANING_UNAUTHORISED,   /* unauthorised absence */
  ATT_MEANING_NOT_POSSIBLE,   /* not a possible session */
} AttCodeMeaning;

typedef struct
{
  AttCode         code;
  const char     *text;         /* "/", "C1", "#" */
  AttCodeGroup    group;
  AttCodeMeaning  meaning;
  gboolean        possible;
  gboolean        retired;
  const char     *description;  /* untranslated; use att_code_describe() */
} AttCodeInfo;

/* Date from which the 2024 table applies and retired codes may no longer
 * be written (19 August 2024). */
AttDate            att_codes_2024_start     (void);

const AttCodeInfo *att_code_info            (AttCode         code);
const char        *att_code_to_string       (AttCode         code);
/* Translated meaning. */
const char        *att_code_describe        (AttCode         code);
const char        *att_code_group_describe  (AttCodeGroup    group);
/* Exact text, case-insensitive; ATT_CODE_NONE if unknown. */
AttCode            att_code_lookup          (const char     *text);

/* Parses a code typed or imported for a mark on @date in @session.
 * "/" and "\" are both accepted and turned into the right one for the
 * session. Sub-codes such as "I01" map to their parent, and @note (if not
 * NULL) receives a sentence saying so. Retired codes are accepted only for
 * dates before the 2024 table when @allow_retired is TRUE. */
AttCode            att_code_parse_for_mark  (const char     *text,
                                             AttDate         date,
                                             AttSession      session,
                                             gboolean        allow_retired,
                                             char          **note,
                                             GError        **error);

static inline gboolean
att_code_is_possible (AttCode code)
{
  return code != ATT_CODE_NONE && att_code_info (code)->possible;
}

/* Counted towards the National Framework threshold (N by setting). */
gboolean           att_code_is_threshold    (AttCode         code,
                                             gboolean        count_n);

G_END_DECLS
