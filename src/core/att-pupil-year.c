/* att-pupil-year.c: one pupil's school year at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-pupil-year.h"
#include "att-register-private.h"

struct _AttPupilYear
{
  gatomicrefcount  ref_count;

  gint64           pupil_id;
  char            *title;
  int              school_year;
  AttDate          as_of;
  AttDate          window_start;
  AttDate          window_end;
  GArray          *sessions;    /* AttPupilYearSession */
  GArray          *terms;       /* AttPupilYearTerm */
  AttFigures       figures;
};

G_DEFINE_BOXED_TYPE (AttPupilYear, att_pupil_year, att_pupil_year_ref, att_pupil_year_unref)

static void
term_clear (gpointer data)
{
  AttPupilYearTerm *term = data;

  g_free (term->name);
}

AttPupilYear *
att_pupil_year_ref (AttPupilYear *year)
{
  g_return_val_if_fail (year != NULL, NULL);
  g_atomic_ref_count_inc (&year->ref_count);
  return year;
}

void
att_pupil_year_unref (AttPupilYear *year)
{
  if (year == NULL || !g_atomic_ref_count_dec (&year->ref_count))
    return;
  g_free (year->title);
  g_array_unref (year->sessions);
  g_array_unref (year->terms);
  g_free (year);
}

static gboolean
pupil_year_fill (AttPupilYear  *self,
                 AttDb         *db,
                 AttPupil      *pupil,
                 GError       **error)
{
  AttCalendar *calendar = att_db_get_calendar (db);
  AttDate first = att_date_from_ymd (self->school_year, 9, 1);
  AttDate last = att_date_from_ymd (self->school_year + 1, 8, 31);
  AttDate csa_first = ATT_DATE_NONE, csa_last = ATT_DATE_NONE;
  const AttTerm *terms;
  const guint8 *codes;
  AttBreach breach;
  guint n_terms;

  /* The rolling window of the National Framework as it counts this
   * pupil: none when the pupil has no school week in it. */
  if (!att_threshold_pupil (db, pupil->id, self->as_of, &breach, error))
    return FALSE;
  if (breach.school_weeks > 0)
    {
      self->window_start = breach.window_start;
      self->window_end = breach.window_end;
    }

  if (!att_stats_pupil (db, pupil->id, first, MIN (self->as_of, last), &self->figures, error))
    return FALSE;

  if (pupil->dob != ATT_DATE_NONE)
    att_compulsory_school_age (pupil->dob, &csa_first, &csa_last);

  terms = att_calendar_get_terms (calendar, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      AttPupilYearTerm term;

      if (terms[i].end < first || terms[i].start > last)
        continue;
      term.name = g_strdup (terms[i].name);
      term.start = terms[i].start;
      term.end = terms[i].end;
      g_array_append_val (self->terms, term);
    }

  att_register_sync (db);
  codes = att_register_year_codes_fast (db, pupil->id, self->school_year);
  for (AttDate date = first; date <= last; date++)
    {
      gboolean in_term;
      guint flags = 0;

      if (att_date_weekday (date) > 5)
        continue;
      in_term = att_calendar_term_for (calendar, date) != NULL;
      if (att_pupil_on_roll (pupil, date))
        flags |= ATT_PUPIL_YEAR_ON_ROLL;
      if (self->window_start != ATT_DATE_NONE && date >= self->window_start && date <= self->window_end)
        flags |= ATT_PUPIL_YEAR_WINDOW;
      if (date > self->as_of)
        flags |= ATT_PUPIL_YEAR_FUTURE;
      if (csa_first != ATT_DATE_NONE && date >= csa_first && date <= csa_last)
        flags |= ATT_PUPIL_YEAR_COMPULSORY;
      if (!in_term)
        flags |= ATT_PUPIL_YEAR_HOLIDAY;

      for (guint s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
        {
          AttPupilYearSession session = { date, (AttSession)s, ATT_CODE_NONE, flags };

          if (att_calendar_is_school_session (calendar, date, (AttSession)s))
            session.flags |= ATT_PUPIL_YEAR_SCHOOL;
          else if (in_term)
            session.flags |= ATT_PUPIL_YEAR_CLOSED;
          if (codes != NULL)
            session.code = (AttCode)codes[att_register_slot (first, date, (AttSession)s)];
          g_array_append_val (self->sessions, session);
        }
    }
  return TRUE;
}

AttPupilYear *
att_pupil_year_new (AttDb    *db,
                    gint64    pupil_id,
                    int       school_year,
                    AttDate   as_of,
                    GError  **error)
{
  g_autoptr(AttPupilYear) self = NULL;
  g_autoptr(AttPupil) pupil = NULL;
  gboolean begun, ok;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* Kept while the year is read: the cache hands out borrowed ones. */
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return NULL;
  g_object_ref (pupil);

  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();

  self = g_new0 (AttPupilYear, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->pupil_id = pupil_id;
  /* Translators: a pupil's name and their unique pupil number */
  self->title = g_strdup_printf (_("%s (%s)"), att_pupil_get_display_name (pupil), pupil->upn);
  self->school_year = school_year;
  self->as_of = as_of;
  self->window_start = self->window_end = ATT_DATE_NONE;
  self->sessions = g_array_sized_new (FALSE, FALSE, sizeof (AttPupilYearSession), 2 * 262);
  self->terms = g_array_new (FALSE, FALSE, sizeof (AttPupilYearTerm));
  g_array_set_clear_func (self->terms, term_clear);

  /* One snapshot for the window, the figures and the marks. */
  begun = att_db_begin_read (db);
  ok = pupil_year_fill (self, db, pupil, error);
  att_db_end_read (db, begun);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

gint64
att_pupil_year_get_pupil_id (AttPupilYear *year)
{
  g_return_val_if_fail (year != NULL, 0);
  return year->pupil_id;
}

const char *
att_pupil_year_get_title (AttPupilYear *year)
{
  g_return_val_if_fail (year != NULL, NULL);
  return year->title;
}

int
att_pupil_year_get_school_year (AttPupilYear *year)
{
  g_return_val_if_fail (year != NULL, 0);
  return year->school_year;
}

AttDate
att_pupil_year_get_as_of (AttPupilYear *year)
{
  g_return_val_if_fail (year != NULL, ATT_DATE_NONE);
  return year->as_of;
}

void
att_pupil_year_get_window (AttPupilYear *year,
                           AttDate      *start,
                           AttDate      *end)
{
  g_return_if_fail (year != NULL);

  if (start != NULL)
    *start = year->window_start;
  if (end != NULL)
    *end = year->window_end;
}

const AttPupilYearSession *
att_pupil_year_get_sessions (AttPupilYear *year,
                             guint        *n_sessions)
{
  g_return_val_if_fail (year != NULL, NULL);

  if (n_sessions != NULL)
    *n_sessions = year->sessions->len;
  return (const AttPupilYearSession *)year->sessions->data;
}

const AttPupilYearTerm *
att_pupil_year_get_terms (AttPupilYear *year,
                          guint        *n_terms)
{
  g_return_val_if_fail (year != NULL, NULL);

  if (n_terms != NULL)
    *n_terms = year->terms->len;
  return (const AttPupilYearTerm *)year->terms->data;
}

const AttFigures *
att_pupil_year_get_figures (AttPupilYear *year)
{
  g_return_val_if_fail (year != NULL, NULL);
  return &year->figures;
}
