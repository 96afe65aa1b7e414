/* att-demo-letters.c: the demo school's letters, sent over the years
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At the end of each half term of the last school years, the attendance
 * officer printed the letters the ladder said were due, as the Letters
 * page would: the due list, the batch, the log. Most went by post the
 * next day; text messages the same day. The last batch, a few days ago,
 * was prepared but not yet posted, and a doctor's note that came in
 * since put one of its letters out of date. A few letters due today were
 * postponed. All of it through the core's functions, so the history is
 * what the product itself would have written.
 */
#include "config.h"

#include "att-calendar.h"
#include "att-codes.h"
#include "att-demo-private.h"
#include "att-error.h"
#include "att-letter-batch.h"
#include "att-letters-due.h"
#include "att-register.h"

/* School years of history, and the rows taken from each due list: enough
 * for the log to show every stage, few enough to keep the demo quick. */
#define YEARS_OF_LETTERS 3
#define ROWS_PER_ROUND   24
#define ROWS_PER_STAGE    8
#define POSTPONED        3

/* Sends the letters of the due list on @date: DUE rows, at most
 * ROWS_PER_STAGE of a stage and ROWS_PER_ROUND in all. */
static gboolean
send_round (AttDemo   *demo,
            AttDate    date,
            gboolean   posted,
            GPtrArray *prepared,
            GError   **error)
{
  static const AttLetterDelivery deliveries[] = { ATT_LETTER_POST, ATT_LETTER_BY_HAND, ATT_LETTER_TEXT };
  g_autoptr(GPtrArray) rows = att_letters_due (demo->db, date, error);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GHashTable) per_stage = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AttLetterBatch) batch = NULL;
  GPtrArray *problems;

  if (rows == NULL)
    return FALSE;
  /* A few of each stage, so that the log shows the whole ladder. */
  for (guint i = 0; i < rows->len && chosen->len < ROWS_PER_ROUND; i++)
    {
      AttLetterDue *row = g_ptr_array_index (rows, i);
      guint taken = GPOINTER_TO_UINT (g_hash_table_lookup (per_stage, row->stage));

      if (row->status != ATT_LETTER_DUE_DUE || row->delivery == ATT_LETTER_EMAIL
          || taken >= ROWS_PER_STAGE)
        continue;
      g_ptr_array_add (chosen, row);
      g_hash_table_insert (per_stage, row->stage, GUINT_TO_POINTER (taken + 1));
    }
  if (chosen->len == 0)
    return TRUE;
  batch = att_letter_batch_new_from_due (demo->db, chosen, date, error);
  if (batch == NULL)
    return FALSE;
  /* The officer leaves out what the data check finds fault with. */
  problems = att_letter_batch_get_problems (batch);
  while (problems->len > 0)
    att_letter_batch_remove_pupil (batch, ((AttLetterProblem *)g_ptr_array_index (problems, 0))->pupil_id);

  for (guint d = 0; d < G_N_ELEMENTS (deliveries); d++)
    {
      g_autoptr(AttLetterBatch) part = att_letter_batch_select (batch, deliveries[d]);
      gboolean legal = FALSE;
      AttDate when;
      GPtrArray *items = att_letter_batch_get_items (part);

      if (items->len == 0)
        continue;
      for (guint i = 0; i < items->len; i++)
        legal |= ((AttLetterBatchItem *)g_ptr_array_index (items, i))->legal_warning;
      /* Texts go the day they are written, letters the next day; the
       * last batch waits to be posted, but for a legal warning, which is
       * logged only once it has gone. */
      when = deliveries[d] == ATT_LETTER_TEXT ? date : date + 1;
      if (!posted && deliveries[d] != ATT_LETTER_TEXT && !legal)
        when = ATT_DATE_NONE;
      if (!att_letter_batch_record (demo->db, demo->officer, part, deliveries[d], when, error))
        return FALSE;
      for (guint i = 0; when == ATT_DATE_NONE && i < items->len; i++)
        g_ptr_array_add (prepared,
                         att_letter_batch_record_copy (((AttLetterBatchItem *)g_ptr_array_index (items, i))->record));
    }
  return TRUE;
}

/* A doctor's note for an unauthorised absence of the letter's period:
 * the mark becomes I, and the letter's figures are out of date. */
static gboolean
amend_one (AttDemo         *demo,
           AttLetterRecord *record,
           gboolean        *amended,
           GError         **error)
{
  *amended = FALSE;
  for (AttDate date = record->period_to; date >= record->period_from; date--)
    for (int session = ATT_SESSION_PM; session >= ATT_SESSION_AM; session--)
      if (att_register_code (demo->db, record->pupil_id, date, session) == ATT_CODE_O)
        {
          AttMarkWrite write = { record->pupil_id, date, session, ATT_CODE_I, -1, NULL };

          *amended = TRUE;
          return att_register_write (demo->db, demo->officer, &write, 1,
                                     "A doctor's note arrived for this day", ATT_WRITE_DEFAULT, error);
        }
  return TRUE;
}

gboolean
att_demo_write_letters (AttDemo  *demo,
                        GError  **error)
{
  AttCalendar *calendar = att_db_get_calendar (demo->db);
  g_autoptr(GPtrArray) prepared = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_record_free);
  g_autoptr(GPtrArray) today = NULL;
  AttDate first, last, latest = ATT_DATE_NONE;
  const AttTerm *terms;
  guint n_terms, postponed = 0;

  if (demo->officer == NULL)
    return TRUE;
  /* From the start of the school year YEARS_OF_LETTERS - 1 before this one. */
  if (!att_calendar_school_year_range (calendar, demo->as_of, &first, &last))
    return TRUE;
  /* A day in the summer before it belongs to the school year before. */
  for (int y = 1; y < YEARS_OF_LETTERS; y++)
    if (!att_calendar_school_year_range (calendar, first - 30, &first, &last))
      break;

  /* The end of each half term since then, and a few days ago. */
  terms = att_calendar_get_terms (calendar, &n_terms);
  for (guint t = 0; t < n_terms; t++)
    if (terms[t].end >= first && terms[t].end < demo->as_of - 7
        && !send_round (demo, terms[t].end, TRUE, prepared, error))
      return FALSE;
  for (AttDate d = demo->as_of - 3; d > demo->as_of - 10 && latest == ATT_DATE_NONE; d--)
    if (att_calendar_day_sessions (calendar, d) != 0)
      latest = d;
  if (latest != ATT_DATE_NONE && !send_round (demo, latest, FALSE, prepared, error))
    return FALSE;

  /* One prepared letter out of date. */
  for (guint i = 0; i < prepared->len; i++)
    {
      gboolean amended = FALSE;

      if (!amend_one (demo, g_ptr_array_index (prepared, i), &amended, error))
        return FALSE;
      if (amended)
        break;
    }

  /* A few letters due today postponed a fortnight. */
  today = att_letters_due (demo->db, demo->as_of, error);
  if (today == NULL)
    return FALSE;
  for (guint i = 0; i < today->len && postponed < POSTPONED; i++)
    {
      AttLetterDue *row = g_ptr_array_index (today, i);

      if (row->status != ATT_LETTER_DUE_DUE)
        continue;
      /* A fortnight after the demo's day, or after today's when a demo
       * is made of a day gone by: a postponement runs into the future. */
      if (!att_letters_due_postpone (demo->db, demo->officer, row->pupil_id, row->stage,
                                     MAX (demo->as_of, att_date_today ()) + 14, error))
        return FALSE;
      postponed++;
    }
  return TRUE;
}
