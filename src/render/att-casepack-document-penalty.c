/* att-casepack-document-penalty.c: the referral pack's sections about
 * the penalty: the school's considerations and the notices to improve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-casepack-document-private.h"
#include "att-penalty.h"

static char *
date_text (AttDate date)
{
  return date != ATT_DATE_NONE ? att_date_format_long (date) : g_strdup ("");
}

static void
add_considerations (AttFlow     *flow,
                    AttCasepack *pack)
{
  if (pack->considerations->len == 0)
    {
      att_flow_text (flow, ATT_FLOW_BODY,
                     _("The school has not recorded a consideration of a penalty notice for this pupil."));
      return;
    }
  for (guint i = 0; i < pack->considerations->len; i++)
    {
      AttPenaltyConsideration *c = g_ptr_array_index (pack->considerations, i);
      g_autofree char *as_of = date_text (c->as_of);
      g_autofree char *from = date_text (c->window_start);
      g_autofree char *to = date_text (c->window_end);
      g_autofree char *breach = NULL;

      /* Translators: the breach considered: "12 unauthorised sessions between Mon 2 Sep 2024 and Fri 8 Nov 2024" */
      breach = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u unauthorised session between %s and %s",
                                             "%u unauthorised sessions between %s and %s",
                                             c->sessions),
                                c->sessions, from, to);
      att_flow_space (flow, 4);
      att_flow_field (flow, _("Considered on"), as_of);
      att_flow_field (flow, _("The breach"), breach);
      att_flow_field (flow, _("Support offered so far"), c->support_offered);
      att_flow_field (flow, _("Is a notice the best tool?"), c->notice_best_tool);
      att_flow_field (flow, _("Equality Act considerations"), att_penalty_consideration_describe_equality (c));
      att_flow_field (flow, _("Agencies involved"), c->agencies);
      att_flow_field (flow, _("Decision"), att_penalty_decision_describe (c->decision));
      att_flow_field (flow, _("Why"), c->rationale);
      att_flow_field (flow, _("Recorded by"), c->user);
    }
}

static void
add_improve (AttFlow     *flow,
             AttCasepack *pack)
{
  if (pack->improve->len == 0)
    {
      att_flow_text (flow, ATT_FLOW_BODY, _("No notice to improve has been issued to this pupil's parents."));
      return;
    }
  for (guint i = 0; i < pack->improve->len; i++)
    {
      AttNoticeToImprove *n = g_ptr_array_index (pack->improve, i);
      g_autofree char *issued = date_text (n->issued);
      g_autofree char *end = date_text (n->period_end);
      g_autofree char *period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u school week, to %s",
                                                              "%u school weeks, to %s", n->weeks),
                                                 n->weeks, end);
      g_autofree char *flagged = g_strdup_printf ("%u", n->flagged);
      g_autofree char *outcome = NULL;

      if (n->outcome == ATT_IMPROVE_NONE)
        outcome = g_strdup (att_improve_outcome_describe (n->outcome));
      else
        {
          g_autofree char *on = date_text (n->outcome_date);

          outcome = g_strdup_printf (_("%s (%s)"), att_improve_outcome_describe (n->outcome), on);
        }
      att_flow_space (flow, 4);
      att_flow_field (flow, _("Issued"), issued);
      att_flow_field (flow, _("Improvement period"), period);
      att_flow_field (flow, _("Unauthorised sessions in the period"), flagged);
      att_flow_field (flow, _("Outcome"), outcome);
      if (n->outcome_note != NULL && n->outcome_note[0] != '\0')
        att_flow_field (flow, _("Note"), n->outcome_note);
    }
}

void
_att_casepack_document_add_penalty_section (AttFlow            *flow,
                                            AttCasepack        *pack,
                                            AttCasepackSection  section)
{
  if (section == ATT_CASEPACK_CONSIDERATIONS)
    add_considerations (flow, pack);
  else if (section == ATT_CASEPACK_NOTICE_TO_IMPROVE)
    add_improve (flow, pack);
  else
    g_return_if_reached ();
}
