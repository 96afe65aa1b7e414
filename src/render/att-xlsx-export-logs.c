/* att-xlsx-export-logs.c: the workbook's letters log, calls log and
 * leave decisions of the period, each a sheet only when there are any
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-calls.h"
#include "att-leave.h"
#include "att-letters.h"
#include "att-pupils.h"
#include "att-xlsx-export-private.h"

/* Every pupil the school has had, by id: a letter or a call may be
 * about a pupil who has left since. */
static GHashTable *
pupil_table (AttXlsx *x)
{
  GHashTable *table = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *pupils = att_pupils_list (x->db, NULL);

  for (guint i = 0; pupils != NULL && i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      g_hash_table_insert (table, &pupil->id, pupil);
    }
  return table;
}

static void
write_pupil (AttXlsxSheet *sheet,
             guint         column,
             AttPupil     *pupil,
             const char   *upn)
{
  g_autofree char *name = NULL;

  if (pupil != NULL)
    name = g_strdup_printf ("%s, %s", att_pupil_get_surname (pupil),
                            att_pupil_get_forename (pupil));
  _att_xlsx_text (sheet, column, pupil != NULL ? pupil->upn : upn, NULL);
  _att_xlsx_text (sheet, column + 1, name, NULL);
}

gboolean
_att_xlsx_write_letters (AttXlsx  *x,
                         GError  **error)
{
  const char * const titles[] = {
    _("Date"), _("UPN"), _("Pupil"), _("Letter"), _("Subject"), _("Addressee"),
    _("Sent by"), _("Posted or sent"), _("Recorded by"), _("Recorded"),
  };
  AttLettersFilter filter = { 0, NULL, NULL, x->from, x->until };
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GHashTable) pupils = NULL;
  AttXlsxSheet *sheet;

  letters = att_letters_query (x->db, &filter, error);
  if (letters == NULL)
    return FALSE;
  if (letters->len == 0)
    return TRUE;
  pupils = pupil_table (x);

  if ((sheet = _att_xlsx_sheet_new (x, _("Letters"), error)) == NULL)
    return FALSE;
  _att_xlsx_sheet_header (x, sheet, titles, G_N_ELEMENTS (titles), 3);
  for (guint i = 0; i < letters->len; i++)
    {
      AttLetterRecord *letter = g_ptr_array_index (letters, i);
      g_autofree char *who = NULL;

      if (!_att_xlsx_step (x, (double)i / letters->len, error))
        return FALSE;
      who = letter->position != NULL && *letter->position != '\0'
            ? g_strdup_printf ("%s (%s)", letter->who, letter->position)
            : g_strdup (letter->who);
      _att_xlsx_date (x, sheet, 0, letter->date);
      write_pupil (sheet, 1, g_hash_table_lookup (pupils, &letter->pupil_id), letter->upn);
      _att_xlsx_text (sheet, 3, letter->kind, NULL);
      _att_xlsx_text (sheet, 4, letter->subject, NULL);
      _att_xlsx_text (sheet, 5, letter->recipient, NULL);
      _att_xlsx_text (sheet, 6, att_letter_delivery_describe (letter->delivery), NULL);
      _att_xlsx_date (x, sheet, 7, letter->posted);
      _att_xlsx_text (sheet, 8, who, NULL);
      _att_xlsx_timestamp (x, sheet, 9, letter->at);
      _att_xlsx_next_row (sheet);
    }
  return TRUE;
}

gboolean
_att_xlsx_write_calls (AttXlsx  *x,
                       GError  **error)
{
  const char * const titles[] = {
    _("Date"), _("UPN"), _("Pupil"), _("Caller"), _("How"), _("Direction"), _("Reason"),
    _("Outcome"), _("Note"), _("Expected back"), _("Safeguarding"), _("Attempts"),
    _("Sessions changed"), _("Logged by"), _("Logged"),
  };
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GHashTable) pupils = NULL;
  AttXlsxSheet *sheet = NULL;

  calls = att_calls_list (x->db, ATT_DATE_NONE, 0, error);
  if (calls == NULL)
    return FALSE;

  for (guint i = 0; i < calls->len; i++)
    {
      AttCall *call = g_ptr_array_index (calls, i);
      g_autofree char *who = NULL;

      if (!_att_xlsx_step (x, (double)i / calls->len, error))
        return FALSE;
      if (call->date < x->from || call->date > x->until)
        continue;
      if (sheet == NULL)
        {
          if ((sheet = _att_xlsx_sheet_new (x, _("Calls"), error)) == NULL)
            return FALSE;
          _att_xlsx_sheet_header (x, sheet, titles, G_N_ELEMENTS (titles), 3);
          pupils = pupil_table (x);
        }
      who = call->position != NULL && *call->position != '\0'
            ? g_strdup_printf ("%s (%s)", call->user_name, call->position)
            : g_strdup (call->user_name);
      _att_xlsx_date (x, sheet, 0, call->date);
      write_pupil (sheet, 1, g_hash_table_lookup (pupils, &call->pupil_id), NULL);
      _att_xlsx_text (sheet, 3, call->caller, NULL);
      _att_xlsx_text (sheet, 4, att_call_channel_describe (call->channel), NULL);
      _att_xlsx_text (sheet, 5, call->direction == ATT_CALL_IN
                                ? _("From the family") : _("From the school"), NULL);
      _att_xlsx_text (sheet, 6, call->reason != ATT_CALL_REASON_NONE
                                ? att_call_reason_describe (call->reason) : NULL, NULL);
      _att_xlsx_text (sheet, 7, call->outcome, NULL);
      _att_xlsx_text (sheet, 8, call->note, NULL);
      _att_xlsx_date (x, sheet, 9, call->expected_return);
      _att_xlsx_yes_no (sheet, 10, call->safeguarding);
      _att_xlsx_number (sheet, 11, call->attempts != NULL ? call->attempts->len : 0, NULL);
      _att_xlsx_number (sheet, 12, call->marks != NULL ? call->marks->len : 0, NULL);
      _att_xlsx_text (sheet, 13, who, NULL);
      _att_xlsx_timestamp (x, sheet, 14, call->at);
      _att_xlsx_next_row (sheet);
    }
  return TRUE;
}

gboolean
_att_xlsx_write_leave (AttXlsx  *x,
                       GError  **error)
{
  const char * const titles[] = {
    _("UPN"), _("Pupil"), _("Group"), _("Leave"), _("Decision"), _("First day"),
    _("Last day"), _("Sessions agreed"), _("Sessions refused"), _("Reason given"),
    _("Decided by"), _("Decided"), _("Grounds of the decision"),
  };
  AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;
  g_autoptr(GPtrArray) requests = NULL;
  AttXlsxSheet *sheet = NULL;

  filter.from = x->from;
  filter.to = x->until;
  requests = att_leave_list (x->db, &filter, error);
  if (requests == NULL)
    return FALSE;

  for (guint i = 0; i < requests->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (requests, i);
      g_autofree char *who = NULL;

      if (!_att_xlsx_step (x, (double)i / requests->len, error))
        return FALSE;
      /* Decisions only: a request still waiting, or withdrawn by the
       * family, was never decided. */
      if (leave->status == ATT_LEAVE_SUBMITTED || leave->status == ATT_LEAVE_WITHDRAWN)
        continue;
      if (sheet == NULL)
        {
          if ((sheet = _att_xlsx_sheet_new (x, _("Leave decisions"), error)) == NULL)
            return FALSE;
          _att_xlsx_sheet_header (x, sheet, titles, G_N_ELEMENTS (titles), 2);
        }
      who = leave->decided_position != NULL && *leave->decided_position != '\0'
            ? g_strdup_printf ("%s (%s)", leave->decided_by, leave->decided_position)
            : g_strdup (leave->decided_by);
      _att_xlsx_text (sheet, 0, leave->upn, NULL);
      _att_xlsx_text (sheet, 1, leave->pupil_name, NULL);
      _att_xlsx_text (sheet, 2, leave->reg_group, NULL);
      _att_xlsx_text (sheet, 3, att_leave_type_describe (leave->type), NULL);
      _att_xlsx_text (sheet, 4, att_leave_status_describe (leave->status), NULL);
      _att_xlsx_date (x, sheet, 5, leave->first_date);
      _att_xlsx_date (x, sheet, 6, leave->last_date);
      _att_xlsx_number (sheet, 7, att_leave_count_sessions (leave, ATT_LEAVE_SESSION_AGREED), NULL);
      _att_xlsx_number (sheet, 8, att_leave_count_sessions (leave, ATT_LEAVE_SESSION_REFUSED), NULL);
      _att_xlsx_text (sheet, 9, leave->reason, NULL);
      _att_xlsx_text (sheet, 10, who, NULL);
      _att_xlsx_timestamp (x, sheet, 11, leave->decided_at);
      _att_xlsx_text (sheet, 12, leave->decision_reasons, NULL);
      _att_xlsx_next_row (sheet);
    }
  return TRUE;
}
