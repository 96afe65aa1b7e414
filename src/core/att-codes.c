/* att-codes.c: the one table of attendance codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-codes.h"
#include "att-error.h"

#define P ATT_MEANING_PRESENT
#define A ATT_MEANING_AEA
#define AU ATT_MEANING_AUTHORISED
#define UN ATT_MEANING_UNAUTHORISED
#define NP ATT_MEANING_NOT_POSSIBLE

/* The School Attendance (Pupil Registration) (England) Regulations 2024,
 * regulation 10, in the order the register's palette shows them. */
static const AttCodeInfo codes[ATT_CODE_N_CODES] = {
  [ATT_CODE_NONE]       = { ATT_CODE_NONE, "", ATT_GROUP_ADMIN, NP, FALSE, FALSE, N_("No mark") },
  [ATT_CODE_PRESENT_AM] = { ATT_CODE_PRESENT_AM, "/", ATT_GROUP_PRESENT, P, TRUE, FALSE, N_("Present (morning)") },
  [ATT_CODE_PRESENT_PM] = { ATT_CODE_PRESENT_PM, "\\", ATT_GROUP_PRESENT, P, TRUE, FALSE, N_("Present (afternoon)") },
  [ATT_CODE_L]  = { ATT_CODE_L, "L", ATT_GROUP_PRESENT, P, TRUE, FALSE, N_("Late, arrived before the register closed") },
  [ATT_CODE_K]  = { ATT_CODE_K, "K", ATT_GROUP_AEA, A, TRUE, FALSE, N_("Education provision arranged by the local authority") },
  [ATT_CODE_V]  = { ATT_CODE_V, "V", ATT_GROUP_AEA, A, TRUE, FALSE, N_("Educational visit or trip") },
  [ATT_CODE_P]  = { ATT_CODE_P, "P", ATT_GROUP_AEA, A, TRUE, FALSE, N_("Approved sporting activity") },
  [ATT_CODE_W]  = { ATT_CODE_W, "W", ATT_GROUP_AEA, A, TRUE, FALSE, N_("Work experience") },
  [ATT_CODE_B]  = { ATT_CODE_B, "B", ATT_GROUP_AEA, A, TRUE, FALSE, N_("Other approved educational activity") },
  [ATT_CODE_D]  = { ATT_CODE_D, "D", ATT_GROUP_OFF_SITE, NP, FALSE, FALSE, N_("Dual registered, attending the other school") },
  [ATT_CODE_C1] = { ATT_CODE_C1, "C1", ATT_GROUP_LEAVE, AU, TRUE, FALSE, N_("Regulated performance or regulated employment abroad") },
  [ATT_CODE_M]  = { ATT_CODE_M, "M", ATT_GROUP_LEAVE, AU, TRUE, FALSE, N_("Medical or dental appointment") },
  [ATT_CODE_J1] = { ATT_CODE_J1, "J1", ATT_GROUP_LEAVE, AU, TRUE, FALSE, N_("Interview for a job or another school") },
  [ATT_CODE_S]  = { ATT_CODE_S, "S", ATT_GROUP_LEAVE, AU, TRUE, FALSE, N_("Study leave for a public examination") },
  [ATT_CODE_X]  = { ATT_CODE_X, "X", ATT_GROUP_LEAVE, NP, FALSE, FALSE, N_("Not of compulsory school age and not required to attend") },
  [ATT_CODE_C2] = { ATT_CODE_C2, "C2", ATT_GROUP_LEAVE, AU, TRUE, FALSE, N_("Temporary part-time timetable") },
  [ATT_CODE_C]  = { ATT_CODE_C, "C", ATT_GROUP_LEAVE, AU, TRUE, FALSE, N_("Leave for exceptional circumstances") },
  [ATT_CODE_T]  = { ATT_CODE_T, "T", ATT_GROUP_OTHER_AUTHORISED, AU, TRUE, FALSE, N_("Parent travelling for occupational purposes") },
  [ATT_CODE_R]  = { ATT_CODE_R, "R", ATT_GROUP_OTHER_AUTHORISED, AU, TRUE, FALSE, N_("Religious observance") },
  [ATT_CODE_I]  = { ATT_CODE_I, "I", ATT_GROUP_OTHER_AUTHORISED, AU, TRUE, FALSE, N_("Illness (physical or mental)") },
  [ATT_CODE_E]  = { ATT_CODE_E, "E", ATT_GROUP_OTHER_AUTHORISED, AU, TRUE, FALSE, N_("Suspended or excluded, no alternative provision") },
  [ATT_CODE_Q]  = { ATT_CODE_Q, "Q", ATT_GROUP_UNABLE, NP, FALSE, FALSE, N_("Local authority failed to make access arrangements") },
  [ATT_CODE_Y1] = { ATT_CODE_Y1, "Y1", ATT_GROUP_UNABLE, NP, FALSE, FALSE, N_("Transport normally provided is not available") },
  [ATT_CODE_Y2] = { ATT_CODE_Y2, "Y2", ATT_GROUP_UNABLE, NP, FALSE, FALSE, N_("Widespread disruption to travel") },
  [ATT_CODE_Y3] = { ATT_CODE_Y3, "Y3", ATT_GROUP_UNABLE, NP, FALSE, FALSE, N_("Part of the school premises closed") },
  [ATT_CODE_Y4] = { ATT_CODE_Y4, "Y4", ATT_GROUP_UNABLE, NP, FALSE, FALSE, N_("Whole school site closed unexpectedly") },
  [ATT_CODE_Y5] = { ATT_CODE_Y5, "Y5", ATT_GROUP_UNABLE, NP, FALSE, FALSE, N_("In criminal-justice detention") },
  [ATT_CODE_Y6] = { ATT_CODE_Y6, "Y6", ATT_GROUP_UNABLE, NP, FALSE, FALSE, N_("Public-health guidance or law") },
  [ATT_CODE_Y7] = { ATT_CODE_Y7, "Y7", ATT_GROUP_UNABLE, NP, FALSE, FALSE, N_("Any other unavoidable cause") },
  [ATT_CODE_G]  = { ATT_CODE_G, "G", ATT_GROUP_UNAUTHORISED, UN, TRUE, FALSE, N_("Holiday not granted by the school") },
  [ATT_CODE_N]  = { ATT_CODE_N, "N", ATT_GROUP_UNAUTHORISED, UN, TRUE, FALSE, N_("Reason for absence not yet established") },
  [ATT_CODE_O]  = { ATT_CODE_O, "O", ATT_GROUP_UNAUTHORISED, UN, TRUE, FALSE, N_("Absent for another or unknown reason, or reason not accepted") },
  [ATT_CODE_U]  = { ATT_CODE_U, "U", ATT_GROUP_UNAUTHORISED, UN, TRUE, FALSE, N_("Arrived after the register closed") },
  [ATT_CODE_Z]  = { ATT_CODE_Z, "Z", ATT_GROUP_ADMIN, NP, FALSE, FALSE, N_("Prospective pupil, not yet on roll") },
  [ATT_CODE_CLOSED] = { ATT_CODE_CLOSED, "#", ATT_GROUP_ADMIN, NP, FALSE, FALSE, N_("Planned whole-school closure") },
  /* Codes of the 2006 regulations, for history only. */
  [ATT_CODE_OLD_H] = { ATT_CODE_OLD_H, "H", ATT_GROUP_RETIRED, AU, TRUE, TRUE, N_("Agreed holiday (retired code)") },
  [ATT_CODE_OLD_F] = { ATT_CODE_OLD_F, "F", ATT_GROUP_RETIRED, AU, TRUE, TRUE, N_("Agreed extended holiday (retired code)") },
  [ATT_CODE_OLD_J] = { ATT_CODE_OLD_J, "J", ATT_GROUP_RETIRED, AU, TRUE, TRUE, N_("Interview (retired code, now J1)") },
  [ATT_CODE_OLD_Y] = { ATT_CODE_OLD_Y, "Y", ATT_GROUP_RETIRED, NP, FALSE, TRUE, N_("Unable to attend, exceptional circumstances (retired code, now Y1 to Y7 or Q)") },
};

AttDate
att_codes_2024_start (void)
{
  return att_date_from_ymd (2024, 8, 19);
}

const AttCodeInfo *
att_code_info (AttCode code)
{
  if ((guint)code >= ATT_CODE_N_CODES)
    code = ATT_CODE_NONE;
  return &codes[code];
}

const char *
att_code_to_string (AttCode code)
{
  return att_code_info (code)->text;
}

const char *
att_code_describe (AttCode code)
{
  return _(att_code_info (code)->description);
}

const char *
att_code_group_describe (AttCodeGroup group)
{
  switch (group)
    {
    case ATT_GROUP_PRESENT: return _("Present");
    case ATT_GROUP_AEA: return _("Approved educational activity");
    case ATT_GROUP_OFF_SITE: return _("Off site, not counted");
    case ATT_GROUP_LEAVE: return _("Leave of absence");
    case ATT_GROUP_OTHER_AUTHORISED: return _("Other authorised absence");
    case ATT_GROUP_UNABLE: return _("Unable to attend");
    case ATT_GROUP_UNAUTHORISED: return _("Unauthorised absence");
    case ATT_GROUP_ADMIN: return _("Administrative");
    case ATT_GROUP_RETIRED: return _("Retired codes");
    case ATT_N_GROUPS:
    default:
      return "";
    }
}

AttCode
att_code_lookup (const char *text)
{
  if (text == NULL || *text == '\0')
    return ATT_CODE_NONE;
  for (guint i = 1; i < ATT_CODE_N_CODES; i++)
    if (g_ascii_strcasecmp (codes[i].text, text) == 0)
      return (AttCode)i;
  return ATT_CODE_NONE;
}

gboolean
att_code_is_threshold (AttCode  code,
                       gboolean count_n)
{
  return code == ATT_CODE_G || code == ATT_CODE_O || code == ATT_CODE_U ||
         (count_n && code == ATT_CODE_N);
}

AttCode
att_code_parse_for_mark (const char  *text,
                         AttDate      date,
                         AttSession   session,
                         gboolean     allow_retired,
                         char       **note,
                         GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  AttCode code;

  if (note)
    *note = NULL;

  if (*trimmed == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("The code is empty"));
      return ATT_CODE_NONE;
    }

  /* Either slash means "present"; the register keeps the one that belongs
   * to the session. */
  if (strcmp (trimmed, "/") == 0 || strcmp (trimmed, "\\") == 0)
    return session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;

  code = att_code_lookup (trimmed);

  /* Some systems export sub-codes such as I01 or X01: the school's own
   * reasons under a DfE code, numbered from 01. A sub-code is "known", and
   * kept as its parent with a note, when it is a code of the table followed
   * by exactly two digits from 01 to 09: the numbering the MIS exports we
   * have seen use, where a school has a handful of reasons per code.
   * Anything else that ends in digits (Q9, I99, I001) is much more likely
   * a slip than a reason, and storing it as its parent would put a code
   * in the register that nobody chose: it is refused. */
  if (code == ATT_CODE_NONE)
    {
      gsize len = strlen (trimmed);
      AttCode parent = ATT_CODE_NONE;

      if (len >= 3 && trimmed[len - 2] == '0' &&
          trimmed[len - 1] >= '1' && trimmed[len - 1] <= '9')
        {
          g_autofree char *head = g_strndup (trimmed, len - 2);

          parent = att_code_lookup (head);
        }
      if (parent != ATT_CODE_NONE)
        {
          code = parent;
          if (note)
            *note = g_strdup_printf (_("Sub-code “%s” was recorded as its parent code “%s”"),
                                     trimmed, att_code_to_string (code));
        }
      else if (len > 1 && g_ascii_isdigit (trimmed[len - 1]))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("“%s” is not an attendance code or a sub-code this program knows (a code followed by 01 to 09, such as I01): write the DfE code itself"),
                       trimmed);
          return ATT_CODE_NONE;
        }
    }

  /* A present mark with a sub-code ("/01") still takes the session's own
   * slash, as the plain one does above. */
  if (code == ATT_CODE_PRESENT_AM || code == ATT_CODE_PRESENT_PM)
    code = session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;

  if (code == ATT_CODE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not an attendance code"), trimmed);
      return ATT_CODE_NONE;
    }

  if (codes[code].retired)
    {
      if (!allow_retired || date >= att_codes_2024_start ())
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("“%s” is a retired code: it may appear only in registers before 19 August 2024"),
                       codes[code].text);
          return ATT_CODE_NONE;
        }
      if (note && *note == NULL)
        *note = g_strdup_printf (_("Retired code “%s” kept for a date before the 2024 codes"),
                                 codes[code].text);
    }

  return code;
}
