/* att-flags.c: the flags that mark a pupil out, in one vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-flags.h"

static const AttFlagInfo flags[ATT_N_FLAGS] = {
  /* Translators: short labels of a pupil's flags, shown in narrow columns
   * and small pills; the description is the tooltip that spells them out. */
  { ATT_FLAG_SEVERE, "severe-absence", NC_("flag", "SA"),
    N_("Severely absent: missed half or more of the possible sessions this school year") },
  { ATT_FLAG_PERSISTENT, "persistent-absence", NC_("flag", "PA"),
    N_("Persistently absent: missed 10% or more of the possible sessions this school year") },
  { ATT_FLAG_SOCIAL_WORKER, "social-worker", NC_("flag", "SW"),
    N_("Has a social worker (child in need or child protection)") },
  { ATT_FLAG_LOOKED_AFTER, "looked-after", NC_("flag", "LAC"),
    N_("Looked after by the local authority") },
  { ATT_FLAG_EHC_PLAN, "ehc-plan", NC_("flag", "EHCP"),
    N_("Special educational needs: has an education, health and care plan") },
  { ATT_FLAG_SEN_SUPPORT, "sen-support", NC_("flag", "SEN K"),
    N_("Special educational needs: receives SEN support") },
  { ATT_FLAG_FSM, "fsm", NC_("flag", "FSM"),
    N_("Eligible for free school meals") },
  { ATT_FLAG_EAL, "eal", NC_("flag", "EAL"),
    N_("English as an additional language") },
  { ATT_FLAG_YOUNG_CARER, "young-carer", NC_("flag", "YC"),
    N_("A young carer") },
  { ATT_FLAG_MEDICAL, "medical", NC_("flag", "Medical"),
    N_("Has a medical note") },
  { ATT_FLAG_LEFT, "left", NC_("flag", "Left"),
    N_("Has left the school") },
};

const AttFlagInfo *
att_flag_info (AttFlag flag)
{
  static AttFlagInfo translated[ATT_N_FLAGS];
  static gsize done = 0;

  g_return_val_if_fail ((guint)flag < ATT_N_FLAGS, NULL);

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < ATT_N_FLAGS; i++)
        {
          translated[i] = flags[i];
          translated[i].label = g_dpgettext2 (GETTEXT_PACKAGE, "flag", flags[i].label);
          translated[i].description = _(flags[i].description);
        }
      g_once_init_leave (&done, 1);
    }
  return &translated[flag];
}

guint
att_pupil_flags (AttPupil         *pupil,
                 const AttFigures *figures,
                 AttDate           today)
{
  guint set = 0;

  g_return_val_if_fail (ATT_IS_PUPIL (pupil), 0);

  /* A severely absent pupil is persistently absent too (50% is more than
   * 10%): both are set, and att_flags_format() shows only SA. */
  if (figures != NULL && att_figures_severe (figures))
    set |= 1u << ATT_FLAG_SEVERE;
  if (figures != NULL && att_figures_persistent (figures))
    set |= 1u << ATT_FLAG_PERSISTENT;
  if (pupil->social_worker)
    set |= 1u << ATT_FLAG_SOCIAL_WORKER;
  if (pupil->looked_after)
    set |= 1u << ATT_FLAG_LOOKED_AFTER;
  if (pupil->sen == ATT_SEN_EHCP)
    set |= 1u << ATT_FLAG_EHC_PLAN;
  else if (pupil->sen == ATT_SEN_SUPPORT)
    set |= 1u << ATT_FLAG_SEN_SUPPORT;
  if (pupil->fsm)
    set |= 1u << ATT_FLAG_FSM;
  if (pupil->eal)
    set |= 1u << ATT_FLAG_EAL;
  if (pupil->young_carer)
    set |= 1u << ATT_FLAG_YOUNG_CARER;
  if (pupil->medical_note != NULL && *pupil->medical_note != '\0')
    set |= 1u << ATT_FLAG_MEDICAL;
  if (pupil->leaving != ATT_DATE_NONE && today != ATT_DATE_NONE && !att_pupil_on_roll (pupil, today))
    set |= 1u << ATT_FLAG_LEFT;
  return set;
}

char *
att_flags_format (guint       set,
                  const char *separator)
{
  GString *out = g_string_new (NULL);

  if (set & (1u << ATT_FLAG_SEVERE))
    set &= ~(1u << ATT_FLAG_PERSISTENT);
  for (guint i = 0; i < ATT_N_FLAGS; i++)
    {
      if (!(set & (1u << i)))
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, att_flag_info (i)->label);
    }
  return g_string_free (out, FALSE);
}
