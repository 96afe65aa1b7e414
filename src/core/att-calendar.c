/* att-calendar.c: terms, closures, school days and school weeks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-calendar.h"
#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-text.h"
#include "att-users.h"

/* A term longer than this is a typing mistake (a wrong year), and would
 * make the per-day tables below needlessly large. */
#define MAX_TERM_DAYS 366

typedef struct
{
  AttDate  monday;
  guint    first_session;   /* index into sessions */
  guint    last_session;
} SchoolWeek;

struct _AttCalendar
{
  gatomicrefcount  ref_count;

  AttTerm         *terms;
  guint            n_terms;
  AttClosure      *closures;
  guint            n_closures;

  GArray          *sessions;      /* AttSessionSlot */
  GArray          *weeks;         /* SchoolWeek; week number n is weeks[n - 1] */

  /* Per-day tables from the Monday of the first term's first week to the
   * Sunday of the last term's last week, so that every lookup is an index
   * and not a search. Empty when there are no terms. */
  AttDate          day0;
  guint            n_days;
  gint32          *slot;          /* [day * 2 + session]: session index or -1 */
  gint32          *term;          /* [day]: index into terms or -1 */
  guint32         *next;          /* [day]: first session index on or after the day */
  guint32         *weeks_so_far;  /* [day]: school weeks starting on or before the day */
};

AttCalendar *
att_calendar_ref (AttCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
att_calendar_unref (AttCalendar *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_terms; i++)
    g_free (self->terms[i].name);
  g_free (self->terms);
  for (guint i = 0; i < self->n_closures; i++)
    g_free (self->closures[i].reason);
  g_free (self->closures);
  g_array_unref (self->sessions);
  g_array_unref (self->weeks);
  g_free (self->slot);
  g_free (self->term);
  g_free (self->next);
  g_free (self->weeks_so_far);
  g_free (self);
}

static inline gboolean
in_table (AttCalendar *self,
          AttDate      date)
{
  return self->n_days > 0 && date >= self->day0 &&
         (guint)(date - self->day0) < self->n_days;
}

/* The rule for a school session: a weekday in a term that is neither a
 * bank holiday nor in a planned closure of that session. */
static gboolean
school_session_rule (gboolean in_term,
                     AttDate  date,
                     gboolean in_closure)
{
  return in_term && att_date_weekday (date) <= 5 && !in_closure &&
         att_bank_holiday_name (date) == NULL;
}

/* Fills the per-day tables, the session list and the week list from the
 * terms and closures already loaded. */
static void
build_tables (AttCalendar *self)
{
  AttDate first = G_MAXINT32, last = 0;
  guint32 n_weeks = 0;
  g_autofree guint8 *shut = NULL;

  for (guint i = 0; i < self->n_terms; i++)
    {
      first = MIN (first, self->terms[i].start);
      last = MAX (last, self->terms[i].end);
    }
  if (self->n_terms == 0)
    return;

  self->day0 = att_date_monday (first);
  self->n_days = att_date_monday (last) + 7 - self->day0;
  self->slot = g_new (gint32, self->n_days * 2);
  self->term = g_new (gint32, self->n_days);
  self->next = g_new (guint32, self->n_days);
  self->weeks_so_far = g_new (guint32, self->n_days);

  for (guint d = 0; d < self->n_days; d++)
    self->term[d] = -1;
  for (guint d = 0; d < self->n_days * 2; d++)
    self->slot[d] = -1;

  for (guint i = 0; i < self->n_terms; i++)
    for (AttDate date = self->terms[i].start; date <= self->terms[i].end; date++)
      self->term[date - self->day0] = (gint32)i;

  /* The sessions in a planned closure: shut[d] has bit 1 << session set.
   * Why a session is closed is asked of att_calendar_closure_reason (),
   * rarely, rather than kept for every day: a program that reads one
   * day's register touches fewer pages of memory. */
  shut = g_new0 (guint8, self->n_days);
  for (guint i = 0; i < self->n_closures; i++)
    {
      const AttClosure *c = &self->closures[i];

      for (AttDate date = MAX (c->start, self->day0); date <= c->end && in_table (self, date); date++)
        {
          guint d = date - self->day0;

          if (self->term[d] < 0 || att_date_weekday (date) > 5)
            continue;
          for (int s = 0; s < 2; s++)
            if (c->session < 0 || c->session == s)
              shut[d] |= (guint8)(1 << s);
        }
    }

  /* At most two sessions a day, and a school week for every seven days:
   * the lists are made their full size at once rather than grown. */
  g_array_unref (self->sessions);
  self->sessions = g_array_sized_new (FALSE, FALSE, sizeof (AttSessionSlot), self->n_days * 2);
  g_array_unref (self->weeks);
  self->weeks = g_array_sized_new (FALSE, FALSE, sizeof (SchoolWeek), self->n_days / 7 + 1);

  /* Sessions, school weeks, and the running tables, in one pass. */
  for (guint d = 0; d < self->n_days; d++)
    {
      AttDate date = self->day0 + (AttDate)d;

      /* A week becomes a school week, and takes the next number, with
       * its first session. */
      for (int s = 0; s < 2; s++)
        {
          AttSessionSlot slot;

          if (!school_session_rule (self->term[d] >= 0, date, (shut[d] & (1 << s)) != 0))
            continue;

          if (n_weeks == 0 ||
              g_array_index (self->weeks, SchoolWeek, n_weeks - 1).monday != att_date_monday (date))
            {
              SchoolWeek week = { att_date_monday (date), self->sessions->len, 0 };
              g_array_append_val (self->weeks, week);
              n_weeks++;
            }
          g_array_index (self->weeks, SchoolWeek, n_weeks - 1).last_session = self->sessions->len;

          slot.date = date;
          slot.session = (guint8)s;
          slot.week = n_weeks;
          self->slot[d * 2 + s] = (gint32)self->sessions->len;
          g_array_append_val (self->sessions, slot);
        }
    }

  /* weeks_so_far[d]: the number of school weeks whose Monday is on or
   * before day d. next[d]: the first session on or after day d. */
  {
    guint32 w = 0;
    guint32 next = self->sessions->len;

    for (guint d = 0; d < self->n_days; d++)
      {
        AttDate date = self->day0 + (AttDate)d;

        while (w < n_weeks && g_array_index (self->weeks, SchoolWeek, w).monday <= date)
          w++;
        self->weeks_so_far[d] = w;
      }
    for (guint d = self->n_days; d-- > 0;)
      {
        if (self->slot[d * 2 + 1] >= 0)
          next = (guint32)self->slot[d * 2 + 1];
        if (self->slot[d * 2] >= 0)
          next = (guint32)self->slot[d * 2];
        self->next[d] = next;
      }
  }
}

static AttCalendar *
calendar_new (void)
{
  AttCalendar *self = g_new0 (AttCalendar, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->sessions = g_array_new (FALSE, FALSE, sizeof (AttSessionSlot));
  self->weeks = g_array_new (FALSE, FALSE, sizeof (SchoolWeek));
  return self;
}

static gboolean
load_tables (AttCalendar  *self,
             AttDb        *db,
             GError      **error)
{
  g_autoptr(GArray) terms = g_array_new (FALSE, TRUE, sizeof (AttTerm));
  g_autoptr(GArray) closures = g_array_new (FALSE, TRUE, sizeof (AttClosure));
  sqlite3_stmt *stmt;
  int rc;

  stmt = att_db_prepare (db,
                         "SELECT id, name, start_date, end_date FROM terms "
                         "ORDER BY start_date, id",
                         error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttTerm term;

      term.id = sqlite3_column_int64 (stmt, 0);
      term.name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      term.start = sqlite3_column_int (stmt, 2);
      term.end = sqlite3_column_int (stmt, 3);
      g_array_append_val (terms, term);
    }
  sqlite3_reset (stmt);
  self->n_terms = terms->len;
  self->terms = (AttTerm *)(void *)g_array_free (g_steal_pointer (&terms), FALSE);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the terms"));
      return FALSE;
    }

  stmt = att_db_prepare (db,
                         "SELECT id, start_date, end_date, session, reason FROM closures "
                         "ORDER BY start_date, session, id",
                         error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttClosure closure;

      closure.id = sqlite3_column_int64 (stmt, 0);
      closure.start = sqlite3_column_int (stmt, 1);
      closure.end = sqlite3_column_int (stmt, 2);
      closure.session = sqlite3_column_int (stmt, 3);
      closure.reason = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      g_array_append_val (closures, closure);
    }
  sqlite3_reset (stmt);
  self->n_closures = closures->len;
  self->closures = (AttClosure *)(void *)g_array_free (g_steal_pointer (&closures), FALSE);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the closures"));
      return FALSE;
    }
  return TRUE;
}

AttCalendar *
att_db_get_calendar (AttDb *db)
{
  g_autoptr(GError) error = NULL;
  AttCalendar *self;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (db->calendar != NULL)
    return db->calendar;

  self = calendar_new ();
  if (load_tables (self, db, &error))
    build_tables (self);
  else
    {
      /* Callers get an empty calendar rather than none; the next change to
       * the calendar (or the next open) tries again. */
      g_message ("The school calendar could not be read: %s", error->message);
      att_calendar_unref (self);
      self = calendar_new ();
    }

  db->calendar = self;
  return self;
}

void
att_calendar_cache_drop (AttDb *self)
{
  g_clear_pointer (&self->calendar, att_calendar_unref);
}

const AttTerm *
att_calendar_get_terms (AttCalendar *self,
                        guint       *n_terms)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_terms)
    *n_terms = self->n_terms;
  return self->terms;
}

const AttClosure *
att_calendar_get_closures (AttCalendar *self,
                           guint       *n_closures)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_closures)
    *n_closures = self->n_closures;
  return self->closures;
}

const AttSessionSlot *
att_calendar_get_sessions (AttCalendar *self,
                           guint       *n_sessions)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_sessions)
    *n_sessions = self->sessions->len;
  return (const AttSessionSlot *)(void *)self->sessions->data;
}

guint
att_calendar_session_index (AttCalendar *self,
                            AttDate      date)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->n_days == 0 || date < self->day0)
    return 0;
  if (!in_table (self, date))
    return self->sessions->len;
  return self->next[date - self->day0];
}

int
att_calendar_find_session (AttCalendar *self,
                           AttDate      date,
                           AttSession   session)
{
  g_return_val_if_fail (self != NULL, -1);

  if (!in_table (self, date) || (guint)session > 1)
    return -1;
  return self->slot[(date - self->day0) * 2 + session];
}

gboolean
att_calendar_is_school_session (AttCalendar *self,
                                AttDate      date,
                                AttSession   session)
{
  return att_calendar_find_session (self, date, session) >= 0;
}

/* Questions answered from the terms and closures before the calendar is
 * built: a write of a few marks asks a few; a longer one builds it. */
#define SESSIONS_ASKED_MAX 16

gboolean
att_db_is_school_session (AttDb      *db,
                          AttDate     date,
                          AttSession  session)
{
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  if ((guint)session > ATT_SESSION_PM)
    return FALSE;

  if (db->calendar == NULL && db->sessions_asked < SESSIONS_ASKED_MAX)
    {
      sqlite3_stmt *stmt;
      gboolean in_term = FALSE, in_closure = FALSE;
      int rc = SQLITE_ERROR;

      stmt = att_db_prepare (db,
                             "SELECT EXISTS (SELECT 1 FROM terms "
                             "               WHERE start_date <= ?1 AND end_date >= ?1), "
                             "       EXISTS (SELECT 1 FROM closures "
                             "               WHERE start_date <= ?1 AND end_date >= ?1 "
                             "               AND session IN (-1, ?2))",
                             NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int (stmt, 1, date);
          sqlite3_bind_int (stmt, 2, session);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              in_term = sqlite3_column_int (stmt, 0) != 0;
              in_closure = sqlite3_column_int (stmt, 1) != 0;
            }
          sqlite3_reset (stmt);
        }
      /* Should the tables not answer, the calendar does (or says why). */
      if (rc == SQLITE_ROW)
        {
          db->sessions_asked++;
          return school_session_rule (in_term, date, in_closure);
        }
    }
  return att_calendar_is_school_session (att_db_get_calendar (db), date, session);
}

guint
att_calendar_day_sessions (AttCalendar *self,
                           AttDate      date)
{
  guint d;

  g_return_val_if_fail (self != NULL, 0);

  if (!in_table (self, date))
    return 0;
  d = date - self->day0;
  return (self->slot[d * 2] >= 0 ? 1 : 0) | (self->slot[d * 2 + 1] >= 0 ? 2 : 0);
}

const char *
att_calendar_closure_reason (AttCalendar *self,
                             AttDate      date,
                             AttSession   session)
{
  g_return_val_if_fail (self != NULL, NULL);

  const char *holiday;
  guint d;

  if (!in_table (self, date) || (guint)session > 1)
    return NULL;
  d = date - self->day0;
  if (self->term[d] < 0 || att_date_weekday (date) > 5 || self->slot[d * 2 + session] >= 0)
    return NULL;

  /* A bank holiday closes both sessions; otherwise the earliest closure
   * that holds the session names it (they are in order of their start). */
  holiday = att_bank_holiday_name (date);
  if (holiday != NULL)
    return holiday;
  for (guint i = 0; i < self->n_closures; i++)
    {
      const AttClosure *c = &self->closures[i];

      if (c->start <= date && date <= c->end && (c->session < 0 || c->session == (int)session))
        return c->reason;
    }
  return NULL;
}

gboolean
att_calendar_is_closed_session (AttCalendar *self,
                                AttDate      date,
                                AttSession   session)
{
  return att_calendar_closure_reason (self, date, session) != NULL;
}

const AttTerm *
att_calendar_term_for (AttCalendar *self,
                       AttDate      date)
{
  gint32 i;

  g_return_val_if_fail (self != NULL, NULL);

  if (!in_table (self, date))
    return NULL;
  i = self->term[date - self->day0];
  return i >= 0 ? &self->terms[i] : NULL;
}

char *
att_calendar_describe_no_school (AttCalendar *self,
                                 AttDate      date,
                                 int          session)
{
  const AttTerm *terms;
  const AttTerm *next = NULL;
  const char *reason;
  guint n_terms = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (session >= -1 && session <= ATT_SESSION_PM, NULL);

  if (session < 0 ? att_calendar_day_sessions (self, date) != 0
                  : att_calendar_is_school_session (self, date, session))
    return NULL;

  if (att_date_weekday (date) > 5)
    return g_strdup (_("No school at the weekend"));

  /* A weekday in a term with no session is closed: a bank holiday or a
   * planned closure, which the calendar names. */
  if (att_calendar_term_for (self, date) != NULL)
    {
      if (session < 0)
        {
          reason = att_calendar_closure_reason (self, date, ATT_SESSION_AM);
          if (reason == NULL)
            reason = att_calendar_closure_reason (self, date, ATT_SESSION_PM);
        }
      else
        reason = att_calendar_closure_reason (self, date, session);

      /* Only one session of the day is closed. */
      if (session >= 0 && att_calendar_day_sessions (self, date) != 0)
        {
          if (reason == NULL)
            return g_strdup (session == ATT_SESSION_AM
                             ? _("The school is closed in the morning")
                             : _("The school is closed in the afternoon"));
          /* Translators: %s is the reason, as in "INSET day" */
          return g_strdup_printf (session == ATT_SESSION_AM
                                  ? _("The school is closed in the morning: %s")
                                  : _("The school is closed in the afternoon: %s"),
                                  reason);
        }
      if (reason == NULL)
        return g_strdup (_("The school is closed"));
      /* Translators: %s is a bank holiday or the reason for a planned
       * closure, as in "Early May bank holiday" or "INSET day" */
      return g_strdup_printf (_("The school is closed: %s"), reason);
    }

  /* Between terms: the office wants to know when school starts again. */
  terms = att_calendar_get_terms (self, &n_terms);
  for (guint i = 0; i < n_terms && next == NULL; i++)
    if (terms[i].start > date)
      next = &terms[i];

  if (next != NULL)
    {
      g_autofree char *start = att_date_format_long (next->start);

      /* Translators: the first %s is a term's name, the second a date,
       * as in "School holidays: Spring 2027 starts on Mon 4 Jan 2027" */
      return g_strdup_printf (_("School holidays: %s starts on %s"), next->name, start);
    }
  if (n_terms == 0)
    return g_strdup (_("No terms are set up"));
  return g_strdup (_("Outside term time: no later term is set up"));
}

/* The number of the last school week starting on or before @date (so the
 * week holding @date when that is a school week); 0 if none. */
static guint32
weeks_up_to (AttCalendar *self,
             AttDate      date)
{
  if (self->n_days == 0 || date < self->day0)
    return 0;
  if (!in_table (self, date))
    return self->weeks->len;
  return self->weeks_so_far[date - self->day0];
}

guint32
att_calendar_school_week (AttCalendar *self,
                          AttDate      date)
{
  guint32 w;

  g_return_val_if_fail (self != NULL, 0);

  w = weeks_up_to (self, date);
  if (w == 0 || g_array_index (self->weeks, SchoolWeek, w - 1).monday != att_date_monday (date))
    return 0;
  return w;
}

guint
att_calendar_window (AttCalendar *self,
                     AttDate      as_of,
                     guint        weeks,
                     AttDate     *first_day,
                     AttDate     *last_day)
{
  const AttSessionSlot *sessions;
  guint32 last_week, first_week;
  guint after;

  g_return_val_if_fail (self != NULL, 0);

  if (first_day)
    *first_day = ATT_DATE_NONE;
  if (last_day)
    *last_day = ATT_DATE_NONE;

  /* The week holding as_of if it is a school week, else the last school
   * week before it: either way the last school week starting on or
   * before as_of. Weeks without sessions are not numbered at all, so
   * counting back over numbers steps over holidays of any length. */
  last_week = weeks_up_to (self, as_of);
  if (last_week == 0 || weeks == 0)
    return 0;
  first_week = last_week >= weeks ? last_week - weeks + 1 : 1;

  sessions = (const AttSessionSlot *)(void *)self->sessions->data;
  if (first_day)
    *first_day = sessions[g_array_index (self->weeks, SchoolWeek, first_week - 1).first_session].date;
  if (last_day)
    {
      /* The last session on or before as_of. When even the window's first
       * session is after as_of (as_of is early in the very first school
       * week), the range is left empty: last_day is the day before
       * first_day. */
      after = att_calendar_session_index (self, as_of + 1);
      if (after > g_array_index (self->weeks, SchoolWeek, first_week - 1).first_session)
        *last_day = sessions[after - 1].date;
      else
        *last_day = sessions[g_array_index (self->weeks, SchoolWeek, first_week - 1).first_session].date - 1;
    }
  return last_week - first_week + 1;
}

/* The first and last school day between @from and @to inclusive. */
static gboolean
school_days_between (AttCalendar *self,
                     AttDate      from,
                     AttDate      to,
                     AttDate     *first,
                     AttDate     *last)
{
  const AttSessionSlot *sessions = (const AttSessionSlot *)(void *)self->sessions->data;
  guint a = att_calendar_session_index (self, from);
  guint b = att_calendar_session_index (self, to + 1);

  if (a >= b)
    return FALSE;
  if (first)
    *first = sessions[a].date;
  if (last)
    *last = sessions[b - 1].date;
  return TRUE;
}

gboolean
att_calendar_school_year_range (AttCalendar *self,
                                AttDate      date,
                                AttDate     *first,
                                AttDate     *last)
{
  AttDate start;
  int year;

  g_return_val_if_fail (self != NULL, FALSE);

  start = att_date_school_year_start (date);
  year = att_date_school_year (date);
  return school_days_between (self, start,
                              att_date_from_ymd (year + 1, 9, 1) - 1,
                              first, last);
}

gboolean
att_calendar_term_range (AttCalendar *self,
                         AttDate      date,
                         AttDate     *first,
                         AttDate     *last)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* Terms are sorted and never overlap: the last one starting on or
   * before @date holds it or is the last one before it. */
  for (guint i = self->n_terms; i-- > 0;)
    if (self->terms[i].start <= date)
      return school_days_between (self, self->terms[i].start, self->terms[i].end,
                                  first, last);
  return FALSE;
}

/* Changes */

static char *
describe_range (AttDate start,
                AttDate end)
{
  g_autofree char *a = att_date_format (start);
  g_autofree char *b = att_date_format (end);

  if (start == end)
    return g_steal_pointer (&a);
  /* Translators: a range of dates, "2024-09-02 to 2024-10-18" */
  return g_strdup_printf (_("%s to %s"), a, b);
}

static gboolean
check_dates (AttDate   start,
             AttDate   end,
             GError  **error)
{
  if (start == ATT_DATE_NONE || end == ATT_DATE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Both the first and the last date are needed"));
      return FALSE;
    }
  if (start > end)
    {
      g_autofree char *a = att_date_format (start);
      g_autofree char *b = att_date_format (end);
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The first date (%s) is after the last date (%s): swap them"),
                   a, b);
      return FALSE;
    }
  return TRUE;
}

gboolean
att_calendar_check_term (const char  *name,
                         AttDate      start,
                         AttDate      end,
                         GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *range = NULL;

  if (*clean == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A term needs a name, for example “Autumn 1 2024”"));
      return FALSE;
    }
  if (!att_text_check (_("The term's name"), clean, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error))
    return FALSE;
  if (!check_dates (start, end, error))
    return FALSE;
  range = describe_range (start, end);
  if (end - start + 1 > MAX_TERM_DAYS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The term “%s” (%s) is longer than a year: check the dates"),
                   clean, range);
      return FALSE;
    }
  return TRUE;
}

gboolean
att_calendar_check_terms (const AttTerm  *terms,
                          guint           n_terms,
                          GError        **error)
{
  g_return_val_if_fail (terms != NULL || n_terms == 0, FALSE);

  for (guint i = 0; i < n_terms; i++)
    if (!att_calendar_check_term (terms[i].name, terms[i].start, terms[i].end, error))
      return FALSE;
  /* The same rule as a term added to the table: no two overlap. */
  for (guint i = 0; i < n_terms; i++)
    for (guint j = i + 1; j < n_terms; j++)
      if (terms[i].start <= terms[j].end && terms[j].start <= terms[i].end)
        {
          g_autofree char *a = describe_range (terms[j].start, terms[j].end);
          g_autofree char *b = describe_range (terms[i].start, terms[i].end);
          g_autofree char *name_a = g_strstrip (g_strdup (terms[j].name));
          g_autofree char *name_b = g_strstrip (g_strdup (terms[i].name));

          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("The term “%s” (%s) overlaps the term “%s” (%s): terms may not overlap"),
                       name_a, a, name_b, b);
          return FALSE;
        }
  return TRUE;
}

gint64
att_calendar_add_term (AttDb       *db,
                       AttUser     *user,
                       const char  *name,
                       AttDate      start,
                       AttDate      end,
                       GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *range = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);

  if (!att_user_require (user, ATT_PERM_CALENDAR, error))
    return 0;

  if (!att_calendar_check_term (name, start, end, error))
    return 0;
  clean = g_strstrip (g_strdup (name));
  range = describe_range (start, end);

  if (!att_db_begin (db, error))
    return 0;

  stmt = att_db_prepare (db,
                         "SELECT name, start_date, end_date FROM terms "
                         "WHERE start_date <= ? AND end_date >= ? "
                         "ORDER BY start_date LIMIT 1",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, end);
  sqlite3_bind_int (stmt, 2, start);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *other = describe_range (sqlite3_column_int (stmt, 1),
                                               sqlite3_column_int (stmt, 2));
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The term “%s” (%s) overlaps the term “%s” (%s): terms may not overlap"),
                   clean, range, (const char *)sqlite3_column_text (stmt, 0), other);
      sqlite3_reset (stmt);
      goto failed;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the terms"));
      goto failed;
    }

  stmt = att_db_prepare (db,
                         "INSERT INTO terms (name, start_date, end_date) VALUES (?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, start);
  sqlite3_bind_int (stmt, 3, end);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));

  detail = g_strdup_printf ("%s, %s", clean, range);
  if (!att_audit_record_added (db, user, ATT_AUDIT_CALENDAR, 0, "calendar.term.add", detail,
                               "terms", id, error))
    goto failed;

  /* Later steps of the same transaction (an import, the demo school)
   * must see the new calendar, so the snapshot goes now and not only at
   * the commit; a rollback drops the one built meanwhile. */
  att_db_note_change (db, ATT_CHANGE_CALENDAR);
  att_calendar_cache_drop (db);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

/* Whether @date lies in a term, read from the table so that a term added
 * earlier in the same transaction counts. */
static gboolean
date_in_term (AttDb    *db,
              AttDate   date,
              gboolean *in_term,
              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = att_db_prepare (db,
                         "SELECT 1 FROM terms WHERE start_date <= ?1 AND end_date >= ?1",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, date);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the terms"));
      return FALSE;
    }
  *in_term = rc == SQLITE_ROW;
  return TRUE;
}

gint64
att_calendar_add_closure (AttDb       *db,
                          AttUser     *user,
                          AttDate      start,
                          AttDate      end,
                          int          session,
                          const char  *reason,
                          GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *range = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gboolean start_in, end_in;
  gint64 id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);

  if (!att_user_require (user, ATT_PERM_CALENDAR, error))
    return 0;

  if (!check_dates (start, end, error))
    return 0;
  range = describe_range (start, end);

  clean = g_strstrip (g_strdup (reason ? reason : ""));
  if (*clean == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A closure needs a reason, for example “INSET day”"));
      return 0;
    }
  if (!att_text_check (_("The reason"), clean, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error))
    return 0;
  if (session < -1 || session > 1)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A closure is for the whole day, the morning or the afternoon"));
      return 0;
    }

  if (!att_db_begin (db, error))
    return 0;

  /* Both ends must be term days; a closure may run from the end of one
   * term into the next (past a holiday), which is still a planned closure
   * on each term day it covers. */
  if (!date_in_term (db, start, &start_in, error) ||
      !date_in_term (db, end, &end_in, error))
    goto failed;
  if (!start_in || !end_in)
    {
      g_autofree char *outside = att_date_format (start_in ? end : start);
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The closure (%s) must lie inside a term, but %s is not in any term: add the term first, or check the dates"),
                   range, outside);
      goto failed;
    }

  /* A closure never hides a mark: sessions already marked are amended
   * first (the register keeps every entry). */
  stmt = att_db_prepare (db,
                         "SELECT count(*) FROM marks WHERE date BETWEEN ?1 AND ?2 "
                         "AND (?3 < 0 OR session = ?3)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, start);
  sqlite3_bind_int (stmt, 2, end);
  sqlite3_bind_int (stmt, 3, session);
  {
    gint64 marked = 0;

    /* A count that cannot be read refuses the closure rather than
     * passing it as "nothing marked". */
    if (!att_db_query_int (db, stmt, &marked, _("read the register"), error))
      goto failed;
    if (marked > 0)
      {
        g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                     ngettext ("%lld session of the closure (%s) is already marked: "
                               "a closure would hide that mark. Amend it first, or close other days",
                               "%lld sessions of the closure (%s) are already marked: "
                               "a closure would hide those marks. Amend them first, or close other days",
                               (unsigned long) marked),
                     (long long) marked, range);
        goto failed;
      }
  }

  stmt = att_db_prepare (db,
                         "INSERT INTO closures (start_date, end_date, session, reason) "
                         "VALUES (?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, start);
  sqlite3_bind_int (stmt, 2, end);
  sqlite3_bind_int (stmt, 3, session);
  sqlite3_bind_text (stmt, 4, clean, -1, SQLITE_TRANSIENT);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));

  detail = g_strdup_printf ("%s, %s, %s", range,
                            session < 0 ? "day" : att_session_to_string (session),
                            clean);
  if (!att_audit_record_added (db, user, ATT_AUDIT_CALENDAR, 0, "calendar.closure.add", detail,
                               "closures", id, error))
    goto failed;

  /* Later steps of the same transaction (an import, the demo school)
   * must see the new calendar, so the snapshot goes now and not only at
   * the commit; a rollback drops the one built meanwhile. */
  att_db_note_change (db, ATT_CHANGE_CALENDAR);
  att_calendar_cache_drop (db);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

/* Deletes row @id of @table ("terms" or "closures") in the caller's
 * transaction, with its audit row. */
static gboolean
delete_audited (AttDb         *db,
                const AttUser *user,
                const char    *table,
                gint64         id,
                const char    *action,
                const char    *detail,
                GError       **error)
{
  g_autofree char *before = NULL;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt;

  if (!att_audit_snapshot (db, table, id, &before, error))
    return FALSE;
  stmt = att_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!att_db_step_done (db, stmt, error))
    return FALSE;
  return att_audit_record (db, user, ATT_AUDIT_CALENDAR, 0, action, detail, before, NULL, error);
}

/* The number of marks recorded from @start to @end. */
static gboolean
count_marks (AttDb    *db,
             AttDate   start,
             AttDate   end,
             gint64   *marked,
             GError  **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
                                       "SELECT count(*) FROM marks WHERE date BETWEEN ?1 AND ?2",
                                       error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, start);
  sqlite3_bind_int (stmt, 2, end);
  return att_db_query_int (db, stmt, marked, _("read the register"), error);
}

gboolean
att_calendar_remove_term (AttDb          *db,
                          const AttUser  *user,
                          gint64          id,
                          GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *range = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GArray) inside = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  AttDate start, end;
  gint64 marked = 0;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_CALENDAR, error) ||
      !att_db_begin (db, error))
    return FALSE;

  stmt = att_db_prepare (db, "SELECT name, start_date, end_date FROM terms WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                     _("There is no such term: it was removed meanwhile"));
      else
        att_db_set_sqlite_error (db, error, _("read the terms"));
      goto failed;
    }
  name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  start = sqlite3_column_int (stmt, 1);
  end = sqlite3_column_int (stmt, 2);
  sqlite3_reset (stmt);
  range = describe_range (start, end);

  /* The register keeps every entry: a term with marks stays. */
  if (!count_marks (db, start, end, &marked, error))
    goto failed;
  if (marked > 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   ngettext ("The term “%s” (%s) cannot be removed: %lld session in it is "
                             "already marked, and the register keeps every entry",
                             "The term “%s” (%s) cannot be removed: %lld sessions in it are "
                             "already marked, and the register keeps every entry",
                             (unsigned long) marked),
                   name, range, (long long) marked);
      goto failed;
    }

  /* Its closures go with it; one that runs on into another term would
   * be left outside any term, so it is removed first by hand. */
  stmt = att_db_prepare (db,
                         "SELECT id, start_date, end_date, reason FROM closures "
                         "WHERE start_date <= ?2 AND end_date >= ?1 ORDER BY start_date",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, start);
  sqlite3_bind_int (stmt, 2, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 closure = sqlite3_column_int64 (stmt, 0);
      AttDate from = sqlite3_column_int (stmt, 1);
      AttDate to = sqlite3_column_int (stmt, 2);

      if (from < start || to > end)
        {
          g_autofree char *other = describe_range (from, to);

          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("The term “%s” (%s) cannot be removed: the closure “%s” (%s) runs past "
                         "its ends; remove that closure first"),
                       name, range, (const char *)sqlite3_column_text (stmt, 3), other);
          sqlite3_reset (stmt);
          goto failed;
        }
      g_array_append_val (inside, closure);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the closures"));
      goto failed;
    }

  for (guint i = 0; i < inside->len; i++)
    if (!delete_audited (db, user, "closures", g_array_index (inside, gint64, i),
                         "calendar.closure.remove", range, error))
      goto failed;
  detail = g_strdup_printf ("%s, %s", name, range);
  if (!delete_audited (db, user, "terms", id, "calendar.term.remove", detail, error))
    goto failed;

  att_db_note_change (db, ATT_CHANGE_CALENDAR);
  att_calendar_cache_drop (db);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

gboolean
att_calendar_remove_closure (AttDb          *db,
                             const AttUser  *user,
                             gint64          id,
                             GError        **error)
{
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  AttDate start, end;
  int session;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_CALENDAR, error) ||
      !att_db_begin (db, error))
    return FALSE;

  stmt = att_db_prepare (db, "SELECT start_date, end_date, session, reason FROM closures WHERE id = ?",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                     _("There is no such closure: it was removed meanwhile"));
      else
        att_db_set_sqlite_error (db, error, _("read the closures"));
      goto failed;
    }
  start = sqlite3_column_int (stmt, 0);
  end = sqlite3_column_int (stmt, 1);
  session = sqlite3_column_int (stmt, 2);
  {
    g_autofree char *range = describe_range (start, end);

    detail = g_strdup_printf ("%s, %s, %s", range,
                              session < 0 ? "day" : att_session_to_string (session),
                              (const char *)sqlite3_column_text (stmt, 3));
  }
  sqlite3_reset (stmt);

  /* Its days become school days again, to be marked as any other. */
  if (!delete_audited (db, user, "closures", id, "calendar.closure.remove", detail, error))
    goto failed;

  att_db_note_change (db, ATT_CHANGE_CALENDAR);
  att_calendar_cache_drop (db);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

GArray *
att_bank_holidays_between (AttDate from,
                           AttDate to)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (AttDate));

  for (AttDate d = from; d <= to && d != ATT_DATE_NONE; d++)
    if (att_is_bank_holiday (d))
      g_array_append_val (days, d);
  return days;
}
