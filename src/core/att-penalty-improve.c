/* att-penalty-improve.c: notices to improve, their improvement period on
 * the school calendar, the sessions flagged in it, the outcome and the
 * letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A notice to improve is the parents' final chance before a penalty
 * notice: an improvement period of 3 to 6 school weeks (the school's
 * setting penalty_improvement_weeks, 4 unless changed). The period runs
 * from the school day after the notice is issued to the end of the last
 * of its school weeks, counted after the week it is issued in; a week
 * with no session (a half term, a holiday) is not a school week, so it
 * stretches the period. Any unauthorised session in the period, counted
 * as the threshold counts them, is flagged.
 *
 * The outcome is recorded once the period is over. "Not improved" may be
 * recorded before the end only when a session in the period is flagged:
 * those are the grounds on which the letter says a penalty notice may be
 * requested early. "Improved" waits for the end.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-calendar.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-letter-batch.h"
#include "att-letter-template.h"
#include "att-penalty-private.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-school.h"
#include "att-text.h"
#include "att-users.h"

static const char * const outcome_names[] = { "none", "improved", "not-improved" };
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_names) == ATT_IMPROVE_N_OUTCOMES);

const char *
att_improve_outcome_to_string (AttImproveOutcome outcome)
{
  g_return_val_if_fail (outcome < ATT_IMPROVE_N_OUTCOMES, "");
  return outcome_names[outcome];
}

const char *
att_improve_outcome_describe (AttImproveOutcome outcome)
{
  switch (outcome)
    {
    case ATT_IMPROVE_NONE:
      return _("Not recorded yet");
    case ATT_IMPROVE_IMPROVED:
      return _("Improved");
    case ATT_IMPROVE_NOT_IMPROVED:
      return _("Not improved");
    case ATT_IMPROVE_N_OUTCOMES:
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
att_improve_outcome_parse (const char         *text,
                           AttImproveOutcome  *outcome,
                           GError            **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
    if (g_strcmp0 (text, outcome_names[i]) == 0)
      {
        *outcome = (AttImproveOutcome)i;
        return TRUE;
      }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not an outcome of a notice to improve: use improved or not-improved"),
               text != NULL ? text : "");
  return FALSE;
}

void
att_notice_to_improve_free (AttNoticeToImprove *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->outcome_note);
  g_free (notice->user);
  g_free (notice);
}

/* ------------------------------------------------------------------ */
/* The setting                                                         */

guint
att_penalty_improve_weeks (AttDb *db)
{
  g_autofree char *text = att_school_get (db, "penalty_improvement_weeks");
  guint64 value;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, ATT_IMPROVE_MIN_WEEKS, ATT_IMPROVE_MAX_WEEKS, &value, NULL))
    return ATT_IMPROVE_DEFAULT_WEEKS;
  return (guint)value;
}

gboolean
att_penalty_set_improve_weeks (AttDb          *db,
                               const AttUser  *user,
                               guint           weeks,
                               GError        **error)
{
  g_autofree char *text = g_strdup_printf ("%u", weeks);

  return att_school_set (db, user, "penalty_improvement_weeks", text, error);
}

static gboolean
check_weeks (guint    weeks,
             GError **error)
{
  if (weeks < ATT_IMPROVE_MIN_WEEKS || weeks > ATT_IMPROVE_MAX_WEEKS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("An improvement period is 3 to 6 school weeks, not %u"), weeks);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The period                                                          */

AttDate
att_penalty_improve_end (AttDb    *db,
                         AttDate   issued,
                         guint     weeks,
                         GError  **error)
{
  AttCalendar *calendar;
  const AttSessionSlot *slots;
  guint n_slots, k;
  guint32 base, last_week;
  AttDate end = ATT_DATE_NONE;

  g_return_val_if_fail (ATT_IS_DB (db), ATT_DATE_NONE);

  if (weeks == 0)
    weeks = att_penalty_improve_weeks (db);
  if (!check_weeks (weeks, error))
    return ATT_DATE_NONE;
  if (issued == ATT_DATE_NONE)
    issued = att_date_today ();

  calendar = att_db_get_calendar (db);
  slots = att_calendar_get_sessions (calendar, &n_slots);
  k = att_calendar_session_index (calendar, issued + 1);
  if (k >= n_slots)
    {
      g_autofree char *date = att_date_format (issued);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The school calendar has no school day after %s: add the coming terms before issuing a notice to improve"),
                   date);
      return ATT_DATE_NONE;
    }
  /* The weeks after the one the notice is issued in (or, issued in a
   * holiday, the weeks from the next school day's). */
  base = att_calendar_school_week (calendar, issued);
  if (base == 0)
    base = slots[k].week - 1;
  last_week = base + weeks;
  for (; k < n_slots && slots[k].week <= last_week; k++)
    if (slots[k].week == last_week)
      end = slots[k].date;
  if (end == ATT_DATE_NONE)
    {
      g_autofree char *date = att_date_format (issued);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   ngettext ("The school calendar does not reach %u school week after %s: add the coming terms before issuing a notice to improve",
                             "The school calendar does not reach %u school weeks after %s: add the coming terms before issuing a notice to improve",
                             weeks),
                   weeks, date);
      return ATT_DATE_NONE;
    }
  return end;
}

/* The unauthorised sessions of @pupil in (@issued, @end], no later than
 * today, while on roll and of compulsory school age. */
static GArray *
flagged_sessions (AttDb    *db,
                  gint64    pupil_id,
                  AttDate   issued,
                  AttDate   end)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (AttPenaltySession));
  AttCalendar *calendar = att_db_get_calendar (db);
  AttPupil *pupil = att_pupils_get (db, pupil_id);
  gboolean count_n = att_threshold_counts_n (db);
  const AttSessionSlot *slots;
  guint n_slots;

  if (pupil == NULL)
    return out;
  end = MIN (end, att_date_today ());
  slots = att_calendar_get_sessions (calendar, &n_slots);
  for (guint k = att_calendar_session_index (calendar, issued + 1);
       k < n_slots && (AttDate)slots[k].date <= end; k++)
    {
      AttPenaltySession one = { slots[k].date, slots[k].session, ATT_CODE_NONE };

      if (!att_pupil_on_roll (pupil, one.date) || !att_pupil_compulsory_age (pupil, one.date))
        continue;
      one.code = att_register_code (db, pupil_id, one.date, one.session);
      if (one.code != ATT_CODE_NONE && att_code_is_threshold (one.code, count_n))
        g_array_append_val (out, one);
    }
  return out;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

#define IMPROVE_COLUMNS \
  "i.id, i.pupil_id, coalesce (i.decision_id, 0), i.issued, i.weeks, i.period_end, i.outcome, " \
  "coalesce (i.outcome_date, 0), i.outcome_note, coalesce (i.letter_id, 0), a.name, i.at " \
  "FROM penalty_improvements i JOIN actors a ON a.id = i.actor_id "

static gpointer
improve_from_row (sqlite3_stmt *stmt)
{
  AttNoticeToImprove *n = g_new0 (AttNoticeToImprove, 1);

  n->id = sqlite3_column_int64 (stmt, 0);
  n->pupil_id = sqlite3_column_int64 (stmt, 1);
  n->consideration_id = sqlite3_column_int64 (stmt, 2);
  n->issued = sqlite3_column_int (stmt, 3);
  n->weeks = (guint)sqlite3_column_int (stmt, 4);
  n->period_end = sqlite3_column_int (stmt, 5);
  if (!att_improve_outcome_parse ((const char *)sqlite3_column_text (stmt, 6), &n->outcome, NULL))
    n->outcome = ATT_IMPROVE_NONE;
  n->outcome_date = sqlite3_column_int (stmt, 7);
  n->outcome_note = att_db_column_dup (stmt, 8);
  n->letter_id = sqlite3_column_int64 (stmt, 9);
  n->user = att_db_column_dup (stmt, 10);
  n->at = sqlite3_column_int64 (stmt, 11);
  n->target = 0;
  return n;
}

static void
fill_flagged (AttDb              *db,
              AttNoticeToImprove *notice)
{
  g_autoptr(GArray) flagged = flagged_sessions (db, notice->pupil_id, notice->issued, notice->period_end);

  notice->flagged = flagged->len;
}

GPtrArray *
att_penalty_improve_list (AttDb    *db,
                          gint64    pupil_id,
                          GError  **error)
{
  GPtrArray *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db,
    "SELECT " IMPROVE_COLUMNS "WHERE ?1 = 0 OR i.pupil_id = ?1 ORDER BY i.issued, i.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  list = att_db_collect (db, stmt, improve_from_row, (GDestroyNotify)att_notice_to_improve_free,
                         _("read the notices to improve"), error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    fill_flagged (db, g_ptr_array_index (list, i));
  return list;
}

AttNoticeToImprove *
att_penalty_improve_get (AttDb    *db,
                         gint64    id,
                         GError  **error)
{
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db, "SELECT " IMPROVE_COLUMNS "WHERE i.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  found = att_db_collect (db, stmt, improve_from_row, (GDestroyNotify)att_notice_to_improve_free,
                          _("read the notices to improve"), error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no notice to improve %" G_GINT64_FORMAT), id);
      return NULL;
    }
  fill_flagged (db, g_ptr_array_index (found, 0));
  return g_ptr_array_steal_index (found, 0);
}

GArray *
att_penalty_improve_flagged (AttDb    *db,
                             gint64    notice_id,
                             GError  **error)
{
  g_autoptr(AttNoticeToImprove) notice = att_penalty_improve_get (db, notice_id, error);

  if (notice == NULL)
    return NULL;
  return flagged_sessions (db, notice->pupil_id, notice->issued, notice->period_end);
}

/* The pupil's notice whose period holds @date, 0 for none. */
static gboolean
running_on (AttDb    *db,
            gint64    pupil_id,
            AttDate   date,
            gint64   *id,
            GError  **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT coalesce (max (id), 0) FROM penalty_improvements "
    "WHERE pupil_id = ? AND issued <= ? AND period_end >= ?", error);

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, date);
  return att_db_query_int (db, stmt, id, _("read the notices to improve"), error);
}

gboolean
_att_penalty_row_fill_improve (AttDb          *db,
                               AttPenaltyRow  *row,
                               AttDate         as_of,
                               GError        **error)
{
  g_autoptr(AttNoticeToImprove) notice = NULL;
  g_autoptr(GArray) flagged = NULL;
  gint64 id = 0;

  row->improvement_id = 0;
  row->improvement_end = ATT_DATE_NONE;
  row->improvement_flagged = 0;
  if (!running_on (db, row->pupil_id, as_of, &id, error))
    return FALSE;
  if (id == 0)
    return TRUE;
  notice = att_penalty_improve_get (db, id, error);
  if (notice == NULL)
    return FALSE;
  flagged = flagged_sessions (db, row->pupil_id, notice->issued, MIN (notice->period_end, as_of));
  row->improvement_id = id;
  row->improvement_end = notice->period_end;
  row->improvement_flagged = flagged->len;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

gint64
att_penalty_improve_start (AttDb          *db,
                           const AttUser  *user,
                           gint64          pupil_id,
                           AttDate         issued,
                           guint           weeks,
                           GError        **error)
{
  g_autofree char *label = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *detail = NULL;
  AttPenaltyDecision decision = ATT_PENALTY_SUPPORT;
  AttDate today = att_date_today (), end;
  AttPupil *pupil;
  sqlite3_stmt *stmt;
  gint64 decision_id = 0, running = 0, used = 0, actor, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);

  if (!att_user_require (user, ATT_PERM_CASEWORK, error))
    return 0;
  if (weeks == 0)
    weeks = att_penalty_improve_weeks (db);
  if (!check_weeks (weeks, error))
    return 0;
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return 0;
  label = _att_penalty_pupil_label (db, pupil_id);
  if (issued == ATT_DATE_NONE)
    issued = today;
  date_text = att_date_format (issued);
  if (issued > today)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A notice to improve cannot be issued on %s, a day still to come"), date_text);
      return 0;
    }
  if (!att_pupil_on_roll (pupil, issued))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s is not on roll on %s"), label, date_text);
      return 0;
    }
  if (!att_pupil_compulsory_age (pupil, issued))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s is not of compulsory school age on %s: a notice to improve concerns only the parents of a child of compulsory school age"),
                   label, date_text);
      return 0;
    }
  if (!_att_penalty_latest_decision (db, pupil_id, issued, &decision_id, &decision, error))
    return 0;
  if (decision_id == 0 || decision != ATT_PENALTY_NOTICE_TO_IMPROVE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The school has not decided to issue a notice to improve for %s: record a consideration deciding notice-to-improve first"),
                   label);
      return 0;
    }
  stmt = att_db_prepare (db, "SELECT count(*) FROM penalty_improvements WHERE decision_id = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, decision_id);
  if (!att_db_query_int (db, stmt, &used, _("read the notices to improve"), error))
    return 0;
  if (used > 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("A notice to improve has already been issued for %s after consideration %" G_GINT64_FORMAT ": record a new consideration for a new notice"),
                   label, decision_id);
      return 0;
    }
  if (!running_on (db, pupil_id, issued, &running, error))
    return 0;
  if (running != 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s already has a notice to improve running on %s (notice %" G_GINT64_FORMAT ")"),
                   label, date_text, running);
      return 0;
    }
  end = att_penalty_improve_end (db, issued, weeks, error);
  if (end == ATT_DATE_NONE)
    return 0;

  if (!att_db_begin (db, error))
    return 0;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
    "INSERT INTO penalty_improvements (pupil_id, decision_id, issued, weeks, period_end, actor_id, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, decision_id);
  sqlite3_bind_int (stmt, 3, issued);
  sqlite3_bind_int (stmt, 4, (int)weeks);
  sqlite3_bind_int (stmt, 5, end);
  sqlite3_bind_int64 (stmt, 6, actor);
  sqlite3_bind_int64 (stmt, 7, att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  {
    g_autofree char *end_text = att_date_format (end);

    detail = g_strdup_printf ("notice to improve %" G_GINT64_FORMAT " for %s issued %s, %u school weeks to %s",
                              id, pupil->upn, date_text, weeks, end_text);
  }
  if (!_att_penalty_audit_commit (db, user, "penalty_improvements", id, pupil_id,
                                  "penalty.improve", detail, NULL, error))
    goto failed;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

gboolean
att_penalty_improve_outcome (AttDb              *db,
                             const AttUser      *user,
                             gint64              notice_id,
                             AttImproveOutcome   outcome,
                             const char         *note,
                             GError            **error)
{
  g_autoptr(AttNoticeToImprove) notice = NULL;
  g_autofree char *before = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *end_text = NULL;
  AttDate today = att_date_today ();
  sqlite3_stmt *stmt;
  gint64 actor;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  if (!att_user_require (user, ATT_PERM_CASEWORK, error) ||
      !att_text_check (_("Note"), note, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error))
    return FALSE;
  if (outcome != ATT_IMPROVE_IMPROVED && outcome != ATT_IMPROVE_NOT_IMPROVED)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The outcome of a notice to improve is improved or not-improved"));
      return FALSE;
    }
  notice = att_penalty_improve_get (db, notice_id, error);
  if (notice == NULL)
    return FALSE;
  end_text = att_date_format (notice->period_end);
  if (notice->outcome != ATT_IMPROVE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The outcome of notice to improve %" G_GINT64_FORMAT " is recorded already: %s"),
                   notice_id, att_improve_outcome_to_string (notice->outcome));
      return FALSE;
    }
  if (today <= notice->period_end)
    {
      if (outcome == ATT_IMPROVE_IMPROVED)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("The improvement period of notice to improve %" G_GINT64_FORMAT " runs to %s: record whether attendance improved once it is over"),
                       notice_id, end_text);
          return FALSE;
        }
      if (notice->flagged == 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("The improvement period of notice to improve %" G_GINT64_FORMAT " runs to %s and holds no unauthorised session so far: “not improved” can be recorded early only on a new unauthorised absence"),
                       notice_id, end_text);
          return FALSE;
        }
    }

  clean = note != NULL ? g_strstrip (g_strdup (note)) : g_strdup ("");
  if (!att_db_begin (db, error))
    return FALSE;
  actor = att_audit_actor (db, user, error);
  if (actor == 0 || !att_audit_snapshot (db, "penalty_improvements", notice_id, &before, error))
    goto failed;
  stmt = att_db_prepare (db,
    "UPDATE penalty_improvements SET outcome = ?, outcome_date = ?, outcome_note = ?, "
    "outcome_actor_id = ? WHERE id = ? AND outcome = 'none'", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, outcome_names[outcome], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, today);
  sqlite3_bind_text (stmt, 3, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, actor);
  sqlite3_bind_int64 (stmt, 5, notice_id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  if (sqlite3_changes (att_db_get_handle (db)) != 1)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The outcome of notice to improve %" G_GINT64_FORMAT " was recorded meanwhile"), notice_id);
      goto failed;
    }
  detail = g_strdup_printf ("notice to improve %" G_GINT64_FORMAT ": %s (%u sessions flagged)",
                            notice_id, outcome_names[outcome], notice->flagged);
  if (!_att_penalty_audit_commit (db, user, "penalty_improvements", notice_id, notice->pupil_id,
                                  "penalty.improve-outcome", detail, before, error))
    goto failed;
  return TRUE;

failed:
  att_db_rollback (db);
  return FALSE;
}

gboolean
att_penalty_improve_set_letter (AttDb    *db,
                                gint64    notice_id,
                                gint64    letter_id,
                                GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  stmt = att_db_prepare (db,
    "UPDATE penalty_improvements SET letter_id = ?1 WHERE id = ?2 "
    "AND EXISTS (SELECT 1 FROM letters l WHERE l.id = ?1 "
    "AND l.pupil_id = penalty_improvements.pupil_id)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, letter_id);
  sqlite3_bind_int64 (stmt, 2, notice_id);
  if (!att_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (att_db_get_handle (db)) != 1)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("Letter %" G_GINT64_FORMAT " is not a letter about the pupil of notice to improve %" G_GINT64_FORMAT),
                   letter_id, notice_id);
      return FALSE;
    }
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The letter                                                          */

void
att_penalty_register_letter_fields (void)
{
  static const struct
  {
    const char *name;
    const char *description;
  } fields[] = {
    { "improve.issued", N_("The day the notice to improve is issued") },
    { "improve.start", N_("The first school day of the improvement period") },
    { "improve.end", N_("The last school day of the improvement period") },
    { "improve.weeks", N_("The improvement period in school weeks (“4 school weeks”)") },
    { "improve.support", N_("The support the school has given and offered, from its consideration") },
  };
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          g_autoptr(GError) error = NULL;

          if (!att_letter_field_register (fields[i].name, fields[i].description,
                                          ATT_LETTER_FIELD_TEXT, &error))
            g_critical ("%s", error->message);
        }
      g_once_init_leave (&registered, 1);
    }
}

AttLetterBatch *
att_penalty_improve_letter (AttDb    *db,
                            gint64    notice_id,
                            AttDate   letter_date,
                            GError  **error)
{
  g_autoptr(AttNoticeToImprove) notice = NULL;
  g_autoptr(AttPenaltyConsideration) consideration = NULL;
  g_autoptr(AttLetterValues) extra = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  AttCalendar *calendar;
  const AttSessionSlot *slots;
  guint n_slots, k;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  att_penalty_register_letter_fields ();
  notice = att_penalty_improve_get (db, notice_id, error);
  if (notice == NULL)
    return NULL;
  if (notice->consideration_id != 0)
    {
      consideration = att_penalty_consideration_get (db, notice->consideration_id, error);
      if (consideration == NULL)
        return NULL;
    }
  if (letter_date == ATT_DATE_NONE)
    letter_date = notice->issued;

  calendar = att_db_get_calendar (db);
  slots = att_calendar_get_sessions (calendar, &n_slots);
  k = att_calendar_session_index (calendar, notice->issued + 1);
  issued = att_date_format_long (notice->issued);
  start = att_date_format_long (k < n_slots ? (AttDate)slots[k].date : notice->issued + 1);
  end = att_date_format_long (notice->period_end);

  extra = att_letter_values_new ();
  att_letter_values_set (extra, "improve.issued", issued);
  att_letter_values_set (extra, "improve.start", start);
  att_letter_values_set (extra, "improve.end", end);
  att_letter_values_set_printf (extra, "improve.weeks",
                                ngettext ("%u school week", "%u school weeks", notice->weeks),
                                notice->weeks);
  att_letter_values_set (extra, "improve.support",
                         consideration != NULL && consideration->support_offered != NULL &&
                         *consideration->support_offered != '\0'
                         ? consideration->support_offered
                         : _("The school has offered to meet you to talk about what would help."));
  return att_letter_batch_new_for_pupil (db, notice->pupil_id, ATT_PENALTY_IMPROVE_TEMPLATE,
                                         extra, letter_date, error);
}
