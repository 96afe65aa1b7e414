/* att-casepack-document-case.c: the referral pack's sections about the
 * case: early help and agencies and the chronology (the penalty's are in
 * att-casepack-document-penalty.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-case.h"
#include "att-casepack-document-private.h"

static char *
date_text (AttDate date)
{
  return date != ATT_DATE_NONE ? att_date_format_long (date) : g_strdup ("");
}

static void
add_support (AttFlow     *flow,
             AttCasepack *pack)
{
  static const double widths[] = { 0.17, 0.16, 0.22, 0.45 };
  const char *header[] = { _("Date"), _("What"), _("Agency"), _("Detail") };
  guint table;

  if (pack->support->len == 0)
    {
      att_flow_text (flow, ATT_FLOW_BODY,
                     _("No early help, agency or other support is recorded for this pupil."));
      return;
    }
  table = att_flow_table (flow, 4, widths, header, TRUE, ATT_FLOW_BODY);
  for (guint i = 0; i < pack->support->len; i++)
    {
      AttCaseSupport *s = g_ptr_array_index (pack->support, i);
      g_autofree char *date = date_text (s->date);
      const char *cells[] = { date, att_case_support_kind_describe (s->kind), s->agency, s->detail };

      att_flow_row (flow, table, cells, FALSE);
    }
}

static void
add_chronology (AttFlow     *flow,
                AttCasepack *pack)
{
  static const double widths[] = { 0.17, 0.08, 0.25, 0.35, 0.15 };
  const char *header[] = { _("Date"), _("Time"), _("What"), _("Detail"), _("By") };
  guint table;

  if (pack->chronology->len == 0)
    {
      att_flow_text (flow, ATT_FLOW_BODY, _("Nothing about this pupil's case is recorded yet."));
      return;
    }
  table = att_flow_table (flow, 5, widths, header, TRUE, ATT_FLOW_SMALL);
  for (guint i = 0; i < pack->chronology->len; i++)
    {
      AttCaseEvent *e = g_ptr_array_index (pack->chronology, i);
      g_autofree char *date = date_text (e->date);
      g_autofree char *time = e->time >= 0 ? att_time_format (e->time) : g_strdup ("");
      const char *cells[] = { date, time, e->title, e->detail, e->user };

      att_flow_row (flow, table, cells, FALSE);
    }
}

void
_att_casepack_document_add_case_section (AttFlow            *flow,
                                         AttCasepack        *pack,
                                         AttCasepackSection  section)
{
  switch (section)
    {
    case ATT_CASEPACK_SUPPORT:
      add_support (flow, pack);
      break;
    case ATT_CASEPACK_CHRONOLOGY:
      add_chronology (flow, pack);
      break;
    case ATT_CASEPACK_CONSIDERATIONS:
    case ATT_CASEPACK_NOTICE_TO_IMPROVE:
      _att_casepack_document_add_penalty_section (flow, pack, section);
      break;
    case ATT_CASEPACK_PUPIL:
    case ATT_CASEPACK_PARENTS:
    case ATT_CASEPACK_SIBLINGS:
    case ATT_CASEPACK_CERTIFICATE:
    case ATT_CASEPACK_LETTERS:
    case ATT_CASEPACK_DECLARATION:
    case ATT_CASEPACK_N_SECTIONS:
    default:
      g_return_if_reached ();
    }
}
