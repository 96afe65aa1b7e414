/* att-letters-due.c: which pupils are due which letter of the ladder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures come from att-stats (every pupil's over each period the
 * ladder uses, at once) and the National Framework's count
 * (att_threshold_counts()); the letters already sent from the letters
 * log. A warning's figures leave out the sessions of agreed leave and the
 * absences the office holds medical evidence for: those sessions are
 * taken out of the possible sessions and of the absences, so that a
 * pupil is never warned for an illness a doctor confirmed or for leave
 * the school agreed.
 *
 * Only what the ladder asks for costs more than the list: a repeat, a
 * removal and a monitoring period look at the days since a letter, for
 * the few pupils who had one.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "att-audit.h"
#include "att-calendar.h"
#include "att-codes.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-ladder.h"
#include "att-letter-templates.h"
#include "att-letters-due-private.h"
#include "att-pupils-private.h"
#include "att-register-private.h"
#include "att-stats.h"

/* ------------------------------------------------------------------ */
/* Rows                                                               */
/* ------------------------------------------------------------------ */

static const char * const status_names[] = { "due", "excluded", "postponed", "removed", "waiting" };

const char *
att_letter_due_status_to_string (AttLetterDueStatus status)
{
  g_return_val_if_fail ((guint)status < G_N_ELEMENTS (status_names), "");
  return status_names[status];
}

const char *
att_letter_due_status_describe (AttLetterDueStatus status)
{
  static const char * const texts[] = {
    N_("Due"), N_("Excluded"), N_("Postponed"), N_("Removed"), N_("Waiting"),
  };

  g_return_val_if_fail ((guint)status < G_N_ELEMENTS (texts), "");
  return _(texts[status]);
}

AttLetterDue *
att_letter_due_copy (const AttLetterDue *due)
{
  AttLetterDue *copy;

  g_return_val_if_fail (due != NULL, NULL);

  copy = g_memdup2 (due, sizeof *due);
  copy->upn = g_strdup (due->upn);
  copy->name = g_strdup (due->name);
  copy->group = g_strdup (due->group);
  copy->stage = g_strdup (due->stage);
  copy->stage_title = g_strdup (due->stage_title);
  copy->template_name = g_strdup (due->template_name);
  copy->reason = g_strdup (due->reason);
  copy->explanation = g_strdupv (due->explanation);
  return copy;
}

void
att_letter_due_free (AttLetterDue *due)
{
  if (due == NULL)
    return;
  g_free (due->upn);
  g_free (due->name);
  g_free (due->group);
  g_free (due->stage);
  g_free (due->stage_title);
  g_free (due->template_name);
  g_free (due->reason);
  g_strfreev (due->explanation);
  g_free (due);
}

/* ------------------------------------------------------------------ */
/* What the list reads once                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  AttDate     from;
  GHashTable *by_pupil;     /* gint64 id -> AttFigures * (in figures) */
  GArray     *figures;
} PeriodFigures;

typedef struct
{
  AttDb        *db;
  AttDate       as_of;
  AttDate       until;          /* the last day counted: as_of, no later than today */
  AttDate       year_start;
  AttCalendar  *calendar;
  GPtrArray    *stages;         /* AttLadderStage */
  GPtrArray    *periods;        /* PeriodFigures */
  GHashTable   *rolling;        /* gint64 id -> guint sessions (GUINT_TO_POINTER) */
  GHashTable   *letters;        /* gint64 id -> GPtrArray of AttLetterRecord, ladder letters
                                 * of the school year up to as_of, oldest first */
  GPtrArray    *all_letters;
  GHashTable   *holds;
  GHashTable   *do_not_send;
  GHashTable   *leave;          /* gint64 id -> GArray of guint (date * 2 + session) */
  GHashTable   *medical;        /* gint64 id -> GArray of AttDate pairs */
  gboolean      have_rolling;
  GHashTable   *dates;          /* AttDate -> its text, for the explanations */
  AttDate      *stage_from;     /* by the stage's position: its period's first day */
  char        **conditions;     /* by the stage's position: its condition, in words */
} DueContext;

static void
period_figures_free (PeriodFigures *period)
{
  g_hash_table_unref (period->by_pupil);
  g_array_unref (period->figures);
  g_free (period);
}

static void
context_clear (DueContext *ctx)
{
  g_clear_pointer (&ctx->stages, g_ptr_array_unref);
  g_clear_pointer (&ctx->periods, g_ptr_array_unref);
  g_clear_pointer (&ctx->rolling, g_hash_table_unref);
  g_clear_pointer (&ctx->letters, g_hash_table_unref);
  g_clear_pointer (&ctx->all_letters, g_ptr_array_unref);
  g_clear_pointer (&ctx->holds, g_hash_table_unref);
  g_clear_pointer (&ctx->do_not_send, g_hash_table_unref);
  g_clear_pointer (&ctx->leave, g_hash_table_unref);
  g_clear_pointer (&ctx->medical, g_hash_table_unref);
  g_clear_pointer (&ctx->dates, g_hash_table_unref);
  g_clear_pointer (&ctx->stage_from, g_free);
  g_clear_pointer (&ctx->conditions, g_strfreev);
}

static gboolean
is_ladder_kind (DueContext *ctx,
                const char *kind)
{
  for (guint i = 0; kind != NULL && i < ctx->stages->len; i++)
    if (strcmp (((AttLadderStage *)g_ptr_array_index (ctx->stages, i))->name, kind) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
read_letters (DueContext  *ctx,
              gint64       pupil_id,
              GError     **error)
{
  AttLettersFilter filter = { pupil_id, NULL, NULL, ctx->year_start, ctx->as_of };

  ctx->all_letters = att_letters_query (ctx->db, &filter, error);
  if (ctx->all_letters == NULL)
    return FALSE;
  ctx->letters = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                        (GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < ctx->all_letters->len; i++)
    {
      AttLetterRecord *letter = g_ptr_array_index (ctx->all_letters, i);
      GPtrArray *list;

      if (!is_ladder_kind (ctx, letter->kind))
        continue;
      list = g_hash_table_lookup (ctx->letters, &letter->pupil_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (ctx->letters, &letter->pupil_id, list);
        }
      g_ptr_array_add (list, letter);
    }
  return TRUE;
}

/* The sessions of agreed leave from the start of the school year to the
 * last day counted. */
static gboolean
read_leave (DueContext  *ctx,
            gint64       pupil_id,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  ctx->leave = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify)g_array_unref);
  stmt = att_db_prepare (ctx->db,
                         "SELECT s.pupil_id, s.date, s.session FROM leave_sessions s "
                         "JOIN leave_requests r ON r.id = s.leave_id "
                         "WHERE s.state = 'agreed' AND r.status IN ('approved', 'partly-approved') "
                         "AND s.date BETWEEN ?1 AND ?2 AND (?3 = 0 OR s.pupil_id = ?3)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, MIN (ctx->year_start, ctx->as_of - 7 * 20));
  sqlite3_bind_int (stmt, 2, ctx->until);
  sqlite3_bind_int64 (stmt, 3, pupil_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint key = (guint)sqlite3_column_int (stmt, 1) * 2 + (guint)sqlite3_column_int (stmt, 2);
      GArray *list = g_hash_table_lookup (ctx->leave, &id);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (ctx->leave, g_memdup2 (&id, sizeof id), list);
        }
      g_array_append_val (list, key);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (ctx->db, error, _("read the agreed leave"));
      return FALSE;
    }
  return TRUE;
}

static PeriodFigures *
period_figures (DueContext  *ctx,
                AttDate      from,
                GError     **error)
{
  PeriodFigures *period;

  for (guint i = 0; i < ctx->periods->len; i++)
    {
      period = g_ptr_array_index (ctx->periods, i);
      if (period->from == from)
        return period;
    }
  period = g_new0 (PeriodFigures, 1);
  period->from = from;
  period->figures = att_stats_all (ctx->db, from, ctx->as_of, error);
  if (period->figures == NULL)
    {
      g_free (period);
      return NULL;
    }
  period->by_pupil = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < period->figures->len; i++)
    {
      AttFigures *figures = &g_array_index (period->figures, AttFigures, i);

      g_hash_table_insert (period->by_pupil, &figures->pupil_id, figures);
    }
  g_ptr_array_add (ctx->periods, period);
  return period;
}

static gboolean
context_init (DueContext  *ctx,
              AttDb       *db,
              AttDate      as_of,
              gint64       pupil_id,
              GError     **error)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->db = db;
  ctx->as_of = as_of;
  ctx->until = MIN (as_of, att_date_today ());
  ctx->year_start = att_date_school_year_start (as_of);
  ctx->calendar = att_db_get_calendar (db);
  ctx->periods = g_ptr_array_new_with_free_func ((GDestroyNotify)period_figures_free);
  ctx->dates = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);

  ctx->stages = att_ladder_load (db, error);
  if (ctx->stages == NULL)
    return FALSE;
  ctx->holds = _att_letters_holds_read (db, error);
  if (ctx->holds == NULL)
    return FALSE;
  ctx->do_not_send = _att_letters_do_not_send_read (db, error);
  if (ctx->do_not_send == NULL)
    return FALSE;
  ctx->medical = _att_medical_evidence_read (db, MIN (ctx->year_start, as_of - 7 * 20), ctx->until,
                                             error);
  if (ctx->medical == NULL)
    return FALSE;
  if (!read_letters (ctx, pupil_id, error) || !read_leave (ctx, pupil_id, error))
    return FALSE;

  ctx->rolling = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ctx->stage_from = g_new0 (AttDate, ctx->stages->len);
  ctx->conditions = g_new0 (char *, ctx->stages->len + 1);
  for (guint i = 0; i < ctx->stages->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (ctx->stages, i);

      stage->position = (int)i;
      if (stage->condition == ATT_LADDER_UNAUTHORISED)
        ctx->have_rolling = TRUE;
      if (!att_ladder_stage_period (db, stage, as_of, &ctx->stage_from[i], error))
        return FALSE;
      ctx->conditions[i] = att_ladder_stage_describe_condition (stage);
    }
  if (ctx->have_rolling)
    {
      g_autoptr(GArray) counts = att_threshold_counts (db, as_of, 1, error);

      if (counts == NULL)
        return FALSE;
      for (guint i = 0; i < counts->len; i++)
        {
          AttBreach *breach = &g_array_index (counts, AttBreach, i);

          g_hash_table_insert (ctx->rolling, g_memdup2 (&breach->pupil_id, sizeof (gint64)),
                               GUINT_TO_POINTER (breach->sessions));
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Figures                                                            */
/* ------------------------------------------------------------------ */

/* The code of one session of the pupil's register, ATT_CODE_NONE for none. */
static AttCode
session_code (AttDb   *db,
              gint64   pupil_id,
              AttDate  date,
              guint    session)
{
  int year = att_date_school_year (date);
  const guint8 *codes = att_register_year_codes_fast (db, pupil_id, year);

  if (codes == NULL)
    return ATT_CODE_NONE;
  return (AttCode)codes[att_register_slot (att_date_from_ymd (year, 9, 1), date, (AttSession)session)];
}

/* Takes the sessions of agreed leave and the absences with medical
 * evidence over [from, to] out of a warning's figures: out of possible,
 * and out of the authorised or unauthorised absences they were marked
 * as. Only absences are taken out: a pupil who came in on a day of
 * agreed leave has simply attended. */
static void
leave_out (DueContext *ctx,
           AttPupil   *pupil,
           AttDate     from,
           AttDate     to,
           AttFigures *figures,
           guint      *agreed_leave,
           guint      *medical)
{
  GArray *leave = g_hash_table_lookup (ctx->leave, &pupil->id);
  GArray *evidence = g_hash_table_lookup (ctx->medical, &pupil->id);
  g_autoptr(GArray) taken = NULL;

  *agreed_leave = *medical = 0;
  if (leave == NULL && evidence == NULL)
    return;
  to = MIN (to, ctx->until);
  from = MAX (from, pupil->admission);
  if (pupil->leaving != ATT_DATE_NONE)
    to = MIN (to, pupil->leaving);
  if (from > to)
    return;
  taken = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint));

      if (pass == 0 && leave != NULL)
        {
          for (guint i = 0; i < leave->len; i++)
            {
              guint key = g_array_index (leave, guint, i);

              if ((AttDate)(key / 2) >= from && (AttDate)(key / 2) <= to)
                g_array_append_val (keys, key);
            }
        }
      else if (pass == 1 && evidence != NULL)
        {
          guint n_slots;
          const AttSessionSlot *slots = att_calendar_get_sessions (ctx->calendar, &n_slots);

          for (guint r = 0; r + 1 < evidence->len; r += 2)
            {
              AttDate first = MAX (g_array_index (evidence, AttDate, r), from);
              AttDate last = MIN (g_array_index (evidence, AttDate, r + 1), to);

              for (guint i = att_calendar_session_index (ctx->calendar, first);
                   i < n_slots && slots[i].date <= last; i++)
                {
                  guint key = (guint)slots[i].date * 2 + slots[i].session;

                  g_array_append_val (keys, key);
                }
            }
        }

      for (guint i = 0; i < keys->len; i++)
        {
          guint key = g_array_index (keys, guint, i);
          AttDate date = (AttDate)(key / 2);
          AttCode code;
          const AttCodeInfo *info;
          gboolean seen = FALSE;

          for (guint t = 0; t < taken->len && !seen; t++)
            seen = g_array_index (taken, guint, t) == key;
          if (seen || !att_calendar_is_school_session (ctx->calendar, date, (AttSession)(key % 2)))
            continue;
          code = session_code (ctx->db, pupil->id, date, key % 2);
          if (code == ATT_CODE_NONE)
            continue;
          info = att_code_info (code);
          if (!info->possible ||
              (info->meaning != ATT_MEANING_AUTHORISED && info->meaning != ATT_MEANING_UNAUTHORISED))
            continue;
          g_array_append_val (taken, key);
          figures->possible--;
          if (info->meaning == ATT_MEANING_AUTHORISED)
            figures->authorised--;
          else
            figures->unauthorised--;
          figures->codes[code]--;
          if (pass == 0)
            (*agreed_leave)++;
          else
            (*medical)++;
        }
    }
}

/* The figures of @stage for @pupil over [from, to]: from the list's
 * figures of every pupil when @to is the list's date, else counted for
 * the pupil alone; without agreed leave and medical absences for a
 * warning. */
static gboolean
stage_figures (DueContext            *ctx,
               const AttLadderStage  *stage,
               AttPupil              *pupil,
               AttDate                from,
               AttDate                to,
               AttFigures            *figures,
               AttLetterDueFigures   *out,
               GError               **error)
{
  guint agreed = 0, medical = 0;

  /* A letter about unauthorised sessions is decided by the rolling
   * count: the period's figures are read only for the few it concerns. */
  if (to == ctx->as_of && stage->condition != ATT_LADDER_UNAUTHORISED)
    {
      PeriodFigures *period = period_figures (ctx, from, error);
      AttFigures *found;

      if (period == NULL)
        return FALSE;
      found = g_hash_table_lookup (period->by_pupil, &pupil->id);
      if (found != NULL)
        *figures = *found;
      else
        memset (figures, 0, sizeof *figures);
    }
  else if (!att_stats_pupil (ctx->db, pupil->id, from, to, figures, error))
    return FALSE;

  if (att_ladder_condition_is_warning (stage->condition))
    leave_out (ctx, pupil, from, to, figures, &agreed, &medical);

  if (out != NULL)
    {
      memset (out, 0, sizeof *out);
      out->attendance = att_figures_attendance_pct (figures);
      out->possible = figures->possible;
      out->present = att_figures_attended (figures);
      out->authorised = figures->authorised;
      out->unauthorised = figures->unauthorised;
      out->lates = figures->late + figures->late_after_close;
      out->agreed_leave = agreed;
      out->medical = medical;
      if (to == ctx->as_of)
        out->rolling_unauthorised = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->rolling, &pupil->id));
    }
  return TRUE;
}

/* attended / possible >= percent / 100, compared without rounding. */
static gboolean
at_least (const AttFigures *figures,
          double            percent)
{
  if (figures->possible == 0)
    return FALSE;
  return (double)att_figures_attended (figures) * 100.0 >= (double)figures->possible * percent - 1e-9;
}

/* Whether the figures meet @stage's condition (not IMPROVED, which
 * needs the last letter, nor UNAUTHORISED, which needs the count). */
static gboolean
figures_meet (const AttLadderStage *stage,
              const AttFigures     *figures)
{
  switch (stage->condition)
    {
    case ATT_LADDER_BELOW:
      return figures->possible > 0 && !at_least (figures, stage->percent);
    case ATT_LADDER_LATE:
      return figures->late + figures->late_after_close >= stage->count;
    case ATT_LADDER_PERSISTENT:
      return figures->possible > 0 && att_figures_persistent (figures);
    case ATT_LADDER_SEVERE:
      return figures->possible > 0 && att_figures_severe (figures);
    case ATT_LADDER_AT_LEAST:
      return at_least (figures, stage->percent);
    case ATT_LADDER_UNAUTHORISED:
    case ATT_LADDER_IMPROVED:
    case ATT_LADDER_N_CONDITIONS:
    default:
      return FALSE;
    }
}

/* The attendance a logged letter quoted, from its figures, or -1. */
static double
letter_attendance (const AttLetterRecord *letter)
{
  const char *at;

  if (letter->figures == NULL)
    return -1;
  at = strstr (letter->figures, "\"attendance\"");
  if (at == NULL)
    return -1;
  at = strchr (at + 12, ':');
  if (at == NULL)
    return -1;
  at++;
  while (*at == ' ' || *at == '"')
    at++;
  return g_ascii_strtod (at, NULL);
}

/* Whether @stage's condition held for @pupil on @date. */
static gboolean
meets_on (DueContext            *ctx,
          const AttLadderStage  *stage,
          AttPupil              *pupil,
          AttDate                date,
          gboolean              *meets,
          GError               **error)
{
  AttFigures figures;
  AttDate from;

  if (stage->condition == ATT_LADDER_UNAUTHORISED)
    {
      AttBreach breach;

      if (!att_threshold_pupil (ctx->db, pupil->id, date, &breach, error))
        return FALSE;
      *meets = breach.sessions >= stage->count;
      return TRUE;
    }
  if (!att_ladder_stage_period (ctx->db, stage, date, &from, error) ||
      !stage_figures (ctx, stage, pupil, from, date, &figures, NULL, error))
    return FALSE;
  *meets = figures_meet (stage, &figures);
  return TRUE;
}

/* Whether the pupil stopped meeting @stage on some school day after
 * @since, up to the day before the list's date. */
static gboolean
recovered_since (DueContext            *ctx,
                 const AttLadderStage  *stage,
                 AttPupil              *pupil,
                 AttDate                since,
                 gboolean              *recovered,
                 AttDate               *on,
                 GError               **error)
{
  guint n_slots;
  const AttSessionSlot *slots = att_calendar_get_sessions (ctx->calendar, &n_slots);
  AttDate last = ATT_DATE_NONE;

  *recovered = FALSE;
  for (guint i = att_calendar_session_index (ctx->calendar, since + 1);
       i < n_slots && slots[i].date < ctx->as_of && slots[i].date <= ctx->until; i++)
    {
      gboolean meets;

      if (slots[i].date == last)
        continue;
      last = slots[i].date;
      if (!meets_on (ctx, stage, pupil, last, &meets, error))
        return FALSE;
      if (!meets)
        {
          *recovered = TRUE;
          if (on != NULL)
            *on = last;
          return TRUE;
        }
    }
  return TRUE;
}

/* School days in (after, upto]. */
static guint
school_days_between (DueContext *ctx,
                     AttDate     after,
                     AttDate     upto)
{
  guint n_slots, days = 0;
  const AttSessionSlot *slots = att_calendar_get_sessions (ctx->calendar, &n_slots);
  AttDate last = ATT_DATE_NONE;

  for (guint i = att_calendar_session_index (ctx->calendar, after + 1);
       i < n_slots && slots[i].date <= upto; i++)
    if (slots[i].date != last)
      {
        last = slots[i].date;
        days++;
      }
  return days;
}

/* ------------------------------------------------------------------ */
/* The list                                                           */
/* ------------------------------------------------------------------ */

static AttLetterRecord *
last_letter (GPtrArray  *letters,
             const char *kind)
{
  for (guint i = letters != NULL ? letters->len : 0; i > 0; i--)
    {
      AttLetterRecord *letter = g_ptr_array_index (letters, i - 1);

      if (kind == NULL || strcmp (letter->kind, kind) == 0)
        return letter;
    }
  return NULL;
}

static gboolean
in_cohort (const AttLadderStage *stage,
           AttPupil             *pupil)
{
  gboolean sen = pupil->sen != ATT_SEN_NONE;
  gboolean ehc = pupil->sen == ATT_SEN_EHCP;

  if (stage->year_groups != 0 &&
      (pupil->year_group < 0 || pupil->year_group > 14 ||
       !(stage->year_groups & (1u << pupil->year_group))))
    return FALSE;
  if ((stage->sen == ATT_LADDER_ONLY && !sen) || (stage->sen == ATT_LADDER_NOT && sen))
    return FALSE;
  if ((stage->ehc == ATT_LADDER_ONLY && !ehc) || (stage->ehc == ATT_LADDER_NOT && ehc))
    return FALSE;
  if ((stage->looked_after == ATT_LADDER_ONLY && !pupil->looked_after) ||
      (stage->looked_after == ATT_LADDER_NOT && pupil->looked_after))
    return FALSE;
  return TRUE;
}

/* "Mon 3 Nov 2025": most rows name the same few days, written once. */
static char *
date_text (DueContext *ctx,
           AttDate     date)
{
  const char *text = g_hash_table_lookup (ctx->dates, GINT_TO_POINTER (date));

  if (text == NULL)
    {
      text = att_letter_format_date (date, ATT_LETTER_DATE_SHORT);
      g_hash_table_insert (ctx->dates, GINT_TO_POINTER (date), (gpointer)text);
    }
  return g_strdup (text);
}

static AttLadderStage *
find_stage (DueContext *ctx,
            const char *name)
{
  for (guint i = 0; name != NULL && i < ctx->stages->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (ctx->stages, i);

      if (strcmp (stage->name, name) == 0)
        return stage;
    }
  return NULL;
}

static void
set_status (AttLetterDue        *row,
            AttLetterDueStatus   status,
            char                *reason)
{
  if (row->status != ATT_LETTER_DUE_DUE)
    {
      g_free (reason);
      return;
    }
  row->status = status;
  row->reason = reason;
}

/* The row of @pupil for @stage, or NULL (and no error) when the pupil
 * does not meet it, or had its letter and has not qualified anew. */
static AttLetterDue *
pupil_stage (DueContext      *ctx,
             AttLadderStage  *stage,
             AttPupil        *pupil,
             GError         **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(AttLetterDue) row = NULL;
  g_autofree char *monitor_line = NULL;
  GPtrArray *letters = g_hash_table_lookup (ctx->letters, &pupil->id);
  AttLetterRecord *last_this = last_letter (letters, stage->name);
  AttLetterRecord *last_any = last_letter (letters, NULL);
  AttLadderStage *followed = find_stage (ctx, stage->follows);
  AttLetterRecord *last_followed = followed != NULL ? last_letter (letters, followed->name) : NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gboolean warning = att_ladder_condition_is_warning (stage->condition);
  gboolean meets = FALSE, monitoring_failed = FALSE;
  double before = -1;
  AttFigures figures;
  AttLetterDueFigures due_figures;
  AttDate from;
  char key[96];
  AttLetterHold *hold;

  if (!in_cohort (stage, pupil))
    return NULL;
  if (stage->condition == ATT_LADDER_UNAUTHORISED &&
      GPOINTER_TO_UINT (g_hash_table_lookup (ctx->rolling, &pupil->id)) < stage->count &&
      !(followed != NULL && last_followed != NULL && followed->monitor_weeks > 0))
    return NULL;
  from = ctx->stage_from[stage->position];
  if (!stage_figures (ctx, stage, pupil, from, ctx->as_of, &figures, &due_figures, error))
    return NULL;

  /* The condition. */
  switch (stage->condition)
    {
    case ATT_LADDER_UNAUTHORISED:
      meets = due_figures.rolling_unauthorised >= stage->count;
      break;
    case ATT_LADDER_IMPROVED:
      before = last_any != NULL ? letter_attendance (last_any) : -1;
      if (before >= 0 && figures.possible > 0)
        {
          due_figures.improvement = due_figures.attendance - before;
          meets = due_figures.improvement >= stage->percent - 1e-9;
        }
      break;
    case ATT_LADDER_BELOW:
    case ATT_LADDER_LATE:
    case ATT_LADDER_PERSISTENT:
    case ATT_LADDER_SEVERE:
    case ATT_LADDER_AT_LEAST:
    case ATT_LADDER_N_CONDITIONS:
    default:
      meets = figures_meet (stage, &figures);
      break;
    }
  if (!meets && !(followed != NULL && last_followed != NULL && followed->monitor_weeks > 0))
    return NULL;

  /* A stage following one that monitors: the monitoring period decides. */
  if (followed != NULL && last_followed != NULL && followed->monitor_weeks > 0)
    {
      AttDate first, last;
      g_autofree char *sent = date_text (ctx, last_followed->date);

      if (_att_monitoring_period (ctx->calendar, last_followed->date, followed->monitor_weeks, &first, &last))
        {
          g_autofree char *end = date_text (ctx, last);

          if (ctx->as_of <= last)
            {
              if (!meets)
                return NULL;
              row = g_new0 (AttLetterDue, 1);
              row->status = ATT_LETTER_DUE_WAITING;
              row->reason = g_strdup_printf (_("Monitoring after “%s” (sent %s) runs until %s"),
                                             followed->name, sent, end);
            }
          else
            {
              AttFigures watched;

              if (!stage_figures (ctx, followed, pupil, first, last, &watched, NULL, error))
                return NULL;
              if (at_least (&watched, followed->monitor_percent))
                {
                  if (!meets || (last_this != NULL && last_this->date > last_followed->date))
                    return NULL;
                  row = g_new0 (AttLetterDue, 1);
                  row->status = ATT_LETTER_DUE_WAITING;
                  row->reason = g_strdup_printf (_("Attendance after “%s” reached %.1f%% by %s (the success "
                                                   "line was %g%%): “%s” must be sent again first"),
                                                 followed->name, att_figures_attendance_pct (&watched), end,
                                                 followed->monitor_percent, followed->name);
                }
              else if (last_this == NULL || last_this->date < last_followed->date)
                {
                  monitoring_failed = TRUE;
                  meets = TRUE;
                  monitor_line = g_strdup_printf (_("Monitoring after “%s” (sent %s) ended on %s at "
                                                    "%.1f%%, below the %g%% it asked for: this letter "
                                                    "is due."), followed->name, sent, end,
                                                  att_figures_attendance_pct (&watched),
                                                  followed->monitor_percent);
                }
            }
        }
    }
  if (!meets)
    return NULL;

  /* The figures behind it. */
  lines = g_ptr_array_new_with_free_func (g_free);
  from_text = date_text (ctx, from);
  to_text = date_text (ctx, ctx->as_of);
  switch (stage->condition)
    {
    case ATT_LADDER_UNAUTHORISED:
      g_ptr_array_add (lines, g_strdup_printf (_("Unauthorised sessions in the last 10 school weeks: %u "
                                                 "(the stage asks for %u or more)."),
                                               due_figures.rolling_unauthorised, stage->count));
      break;
    case ATT_LADDER_IMPROVED:
      if (before >= 0 && last_any != NULL)
        g_ptr_array_add (lines, g_strdup_printf (_("Attendance %.1f%% from %s to %s, %.1f%% in the "
                                                   "last letter (%s): up %.1f points (the stage asks "
                                                   "for %g)."),
                                                 due_figures.attendance, from_text, to_text, before,
                                                 last_any->kind, due_figures.improvement,
                                                 stage->percent));
      break;
    case ATT_LADDER_LATE:
      g_ptr_array_add (lines, g_strdup_printf (_("Late arrivals from %s to %s: %u (the stage asks for %u "
                                                 "or more)."), from_text, to_text, due_figures.lates,
                                               stage->count));
      break;
    case ATT_LADDER_BELOW:
    case ATT_LADDER_PERSISTENT:
    case ATT_LADDER_SEVERE:
    case ATT_LADDER_AT_LEAST:
    case ATT_LADDER_N_CONDITIONS:
    default:
      g_ptr_array_add (lines, g_strdup_printf (_("Attendance %.1f%% from %s to %s: %u of %u sessions "
                                                 "attended (%s)."),
                                               due_figures.attendance, from_text, to_text,
                                               due_figures.present, due_figures.possible,
                                               ctx->conditions[stage->position]));
      break;
    }
  if (due_figures.agreed_leave > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u session of agreed leave is left out of these figures.",
                                                          "%u sessions of agreed leave are left out of these figures.",
                                                          due_figures.agreed_leave),
                                             due_figures.agreed_leave));
  if (due_figures.medical > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u absence covered by medical evidence is left out of these figures.",
                                                          "%u absences covered by medical evidence are left out of these figures.",
                                                          due_figures.medical),
                                             due_figures.medical));
  if (monitor_line != NULL)
    g_ptr_array_add (lines, g_steal_pointer (&monitor_line));

  /* Sent already: once per period for a certificate, otherwise again
   * only after the pupil recovered above the line. */
  if (last_this != NULL && !monitoring_failed)
    {
      g_autofree char *sent = date_text (ctx, last_this->date);

      if (stage->condition == ATT_LADDER_AT_LEAST)
        {
          if (last_this->period_from == from || !stage->repeats)
            return NULL;
        }
      else if (stage->condition != ATT_LADDER_IMPROVED)
        {
          gboolean recovered = FALSE;
          AttDate on = ATT_DATE_NONE;

          if (!stage->repeats)
            return NULL;
          if (!recovered_since (ctx, stage, pupil, last_this->date, &recovered, &on, error))
            return NULL;
          if (!recovered)
            return NULL;
          {
            g_autofree char *back = date_text (ctx, on);

            g_ptr_array_add (lines, g_strdup_printf (_("Sent before on %s; the pupil was back above the "
                                                       "line on %s, so it may be sent again."), sent, back));
          }
        }
    }

  if (row == NULL)
    row = g_new0 (AttLetterDue, 1);
  row->pupil_id = pupil->id;
  row->upn = g_strdup (pupil->upn);
  row->name = g_strdup (att_pupil_get_display_name (pupil));
  row->group = g_strdup (pupil->reg_group);
  row->year_group = pupil->year_group;
  row->stage = g_strdup (stage->name);
  row->stage_title = g_strdup (stage->title);
  row->template_name = g_strdup (stage->template_name);
  row->delivery = stage->delivery;
  row->period_from = from;
  row->period_to = ctx->as_of;
  row->figures = due_figures;
  row->last_letter_id = last_any != NULL ? last_any->id : 0;

  /* Exclusions. */
  if (warning && pupil->dob != ATT_DATE_NONE && !att_pupil_compulsory_age (pupil, ctx->as_of))
    set_status (row, ATT_LETTER_DUE_EXCLUDED, g_strdup (_("Not of compulsory school age")));
  hold = g_hash_table_lookup (ctx->do_not_send, &pupil->id);
  if (hold != NULL && hold->until >= ctx->as_of)
    {
      g_autofree char *until = date_text (ctx, hold->until);

      row->until = hold->until;
      set_status (row, ATT_LETTER_DUE_EXCLUDED,
                  g_strdup_printf (_("Do not send until %s: %s"), until, hold->reason));
    }
  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT ":%s:remove", pupil->id, stage->name);
  hold = g_hash_table_lookup (ctx->holds, key);
  if (hold != NULL && hold->until == ATT_DATE_NONE && hold->as_of <= ctx->as_of &&
      row->status == ATT_LETTER_DUE_DUE &&
      (last_this == NULL || last_this->date < hold->as_of))
    {
      gboolean recovered = FALSE;

      if (!recovered_since (ctx, stage, pupil, hold->as_of, &recovered, NULL, error))
        return NULL;
      if (!recovered)
        {
          g_autofree char *when = date_text (ctx, hold->as_of);

          set_status (row, ATT_LETTER_DUE_REMOVED,
                      g_strdup_printf (_("Removed on %s: %s"), when, hold->reason));
        }
    }
  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT ":%s:postpone", pupil->id, stage->name);
  hold = g_hash_table_lookup (ctx->holds, key);
  if (hold != NULL && hold->until > ctx->as_of)
    {
      g_autofree char *until = date_text (ctx, hold->until);

      row->until = hold->until;
      set_status (row, ATT_LETTER_DUE_POSTPONED, g_strdup_printf (_("Postponed until %s"), until));
    }

  /* The earlier stages. */
  if (followed != NULL)
    {
      if (last_followed == NULL)
        {
          g_ptr_array_add (lines, g_strdup_printf (_("Follows “%s”, not sent this school year."),
                                                   followed->name));
          set_status (row, ATT_LETTER_DUE_WAITING,
                      g_strdup_printf (_("“%s” has not been sent yet"), followed->name));
        }
      else
        {
          g_autofree char *sent = date_text (ctx, last_followed->date);

          g_ptr_array_add (lines, g_strdup_printf (_("Follows “%s”, sent on %s."), followed->name, sent));
        }
    }
  else if (stage->follows != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Follows “%s”, which the ladder no longer has."),
                                             stage->follows));
  if (stage->min_gap_days > 0 && last_any != NULL)
    {
      guint days = school_days_between (ctx, last_any->date, ctx->as_of);
      g_autofree char *sent = date_text (ctx, last_any->date);

      g_ptr_array_add (lines, g_strdup_printf (_("%u school days since the last letter (“%s”, %s); the stage "
                                                 "asks for %u."), days, last_any->kind, sent,
                                               stage->min_gap_days));
      if (days < stage->min_gap_days)
        {
          AttDate next = _att_school_day_after (ctx->calendar, last_any->date, stage->min_gap_days);
          g_autofree char *next_text = next != ATT_DATE_NONE ? date_text (ctx, next) : g_strdup ("—");

          set_status (row, ATT_LETTER_DUE_WAITING,
                      g_strdup_printf (_("Too soon after the last letter: due from %s"), next_text));
        }
    }

  g_ptr_array_add (lines, NULL);
  row->explanation = (char **)g_ptr_array_steal (lines, NULL);
  return g_steal_pointer (&row);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const AttLetterDue *x = *(AttLetterDue * const *)a;
  const AttLetterDue *y = *(AttLetterDue * const *)b;

  return g_strcmp0 (x->group, y->group);
}

/* A family gets one warning letter at a time: of the warning letters due
 * to a pupil by post, by hand or by e-mail, the one furthest up the
 * ladder is due, the others wait. */
static void
one_warning_each (DueContext *ctx,
                  GPtrArray  *rows,
                  guint       first)
{
  AttLetterDue *keep = NULL;

  for (guint i = first; i < rows->len; i++)
    {
      AttLetterDue *row = g_ptr_array_index (rows, i);
      AttLadderStage *stage = find_stage (ctx, row->stage);

      if (row->status != ATT_LETTER_DUE_DUE || row->delivery == ATT_LETTER_TEXT ||
          !att_ladder_condition_is_warning (stage->condition))
        continue;
      if (keep != NULL)
        set_status (keep, ATT_LETTER_DUE_WAITING,
                    g_strdup_printf (_("“%s” is due at the same time, further up the ladder"), row->stage));
      keep = row;
    }
}

/* A pupil on the list for a stage is not listed again for the stages
 * that wait for its letter: they are its consequence, not news. */
static void
drop_unsent_followers (DueContext *ctx,
                       GPtrArray  *rows,
                       guint       first)
{
  for (guint i = rows->len; i > first; i--)
    {
      AttLetterDue *row = g_ptr_array_index (rows, i - 1);
      AttLadderStage *stage = find_stage (ctx, row->stage);
      GPtrArray *letters = g_hash_table_lookup (ctx->letters, &row->pupil_id);

      if (stage == NULL || stage->follows == NULL || last_letter (letters, stage->follows) != NULL)
        continue;
      for (guint j = first; j < rows->len; j++)
        if (strcmp (((AttLetterDue *)g_ptr_array_index (rows, j))->stage, stage->follows) == 0)
          {
            g_ptr_array_remove_index (rows, i - 1);
            break;
          }
    }
}

static GPtrArray *
letters_due (AttDb    *db,
             AttDate   as_of,
             gint64    pupil_id,
             GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_due_free);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autoptr(GPtrArray) pupils = NULL;
  GPtrArray **buckets;
  DueContext ctx;

  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();
  att_letter_templates_register_fields ();
  if (!context_init (&ctx, db, as_of, pupil_id, error))
    {
      context_clear (&ctx);
      return NULL;
    }
  att_register_sync (db);

  if (pupil_id != 0)
    {
      AttPupil *pupil = att_pupils_get_or_error (db, pupil_id, error);

      if (pupil == NULL)
        {
          context_clear (&ctx);
          return NULL;
        }
      pupils = g_ptr_array_new_with_free_func (g_object_unref);
      if (att_pupil_on_roll (pupil, as_of))
        g_ptr_array_add (pupils, g_object_ref (pupil));
    }
  else
    pupils = att_pupils_list_on_roll (db, as_of, as_of, error);
  if (pupils == NULL)
    {
      context_clear (&ctx);
      return NULL;
    }

  /* The rows of each stage, in the order of the pupils' list (by name);
   * a pupil's rows are looked at together first. */
  buckets = g_new0 (GPtrArray *, ctx.stages->len);
  for (guint s = 0; s < ctx.stages->len; s++)
    buckets[s] = g_ptr_array_new ();
  for (guint p = 0; p < pupils->len; p++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, p);
      guint s = 0;

      if (!att_pupil_on_roll (pupil, as_of))
        continue;
      g_ptr_array_set_size (mine, 0);
      for (guint i = 0; i < ctx.stages->len; i++)
        {
          g_autoptr(GError) local = NULL;
          AttLetterDue *row = pupil_stage (&ctx, g_ptr_array_index (ctx.stages, i), pupil, &local);

          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              g_ptr_array_set_free_func (mine, (GDestroyNotify)att_letter_due_free);
              for (guint b = 0; b < ctx.stages->len; b++)
                {
                  g_ptr_array_set_free_func (buckets[b], (GDestroyNotify)att_letter_due_free);
                  g_ptr_array_unref (buckets[b]);
                }
              g_free (buckets);
              context_clear (&ctx);
              return NULL;
            }
          if (row != NULL)
            g_ptr_array_add (mine, row);
        }
      if (mine->len == 0)
        continue;
      g_ptr_array_set_free_func (mine, (GDestroyNotify)att_letter_due_free);
      drop_unsent_followers (&ctx, mine, 0);
      one_warning_each (&ctx, mine, 0);
      g_ptr_array_set_free_func (mine, NULL);
      /* Both in ladder order. */
      for (guint r = 0; r < mine->len; r++)
        {
          AttLetterDue *row = g_ptr_array_index (mine, r);

          while (strcmp (((AttLadderStage *)g_ptr_array_index (ctx.stages, s))->name, row->stage) != 0)
            s++;
          g_ptr_array_add (buckets[s], row);
        }
    }

  /* By stage, then registration group (a stable sort keeps the names'
   * order). */
  for (guint s = 0; s < ctx.stages->len; s++)
    {
      g_ptr_array_sort (buckets[s], compare_groups);
      for (guint r = 0; r < buckets[s]->len; r++)
        g_ptr_array_add (rows, g_ptr_array_index (buckets[s], r));
      g_ptr_array_unref (buckets[s]);
    }
  g_free (buckets);
  context_clear (&ctx);
  return g_steal_pointer (&rows);
}

GPtrArray *
att_letters_due (AttDb    *db,
                 AttDate   as_of,
                 GError  **error)
{
  GPtrArray *result;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  begun = att_db_begin_read (db);
  result = letters_due (db, as_of, 0, error);
  att_db_end_read (db, begun);
  return result;
}

gboolean
att_letters_due_stage_figures (AttDb                *db,
                               const AttLadderStage *stage,
                               gint64                pupil_id,
                               AttDate               from,
                               AttDate               to,
                               AttLetterDueFigures  *out,
                               GError              **error)
{
  AttPupil *pupil;      /* borrowed */
  AttFigures figures;
  DueContext ctx;
  gboolean begun, ok = FALSE;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (stage != NULL && out != NULL, FALSE);

  begun = att_db_begin_read (db);
  if (context_init (&ctx, db, to, pupil_id, error))
    {
      att_register_sync (db);
      pupil = att_pupils_get_or_error (db, pupil_id, error);
      if (pupil != NULL)
        ok = stage_figures (&ctx, stage, pupil, from, to, &figures, out, error);
    }
  context_clear (&ctx);
  att_db_end_read (db, begun);
  return ok;
}

GPtrArray *
att_letters_due_for_pupil (AttDb    *db,
                           gint64    pupil_id,
                           AttDate   as_of,
                           GError  **error)
{
  GPtrArray *result;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (pupil_id > 0, NULL);

  begun = att_db_begin_read (db);
  result = letters_due (db, as_of, pupil_id, error);
  att_db_end_read (db, begun);
  return result;
}
