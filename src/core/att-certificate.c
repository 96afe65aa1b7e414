/* att-certificate.c: the registration certificate of one pupil
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-certificate.h"
#include "att-clock.h"
#include "att-error.h"
#include "att-register-private.h"
#include "att-register-status.h"
#include "att-users.h"

/* How many problem sessions a refusal names before it counts the rest. */
#define NAMED_PROBLEMS 5

struct _AttCertificate
{
  gatomicrefcount        ref_count;
  AttPupil              *pupil;
  AttCertificateSpan     span;
  AttDate                as_of;
  GArray                *sessions;   /* AttCertificateSession */
  GArray                *codes;      /* AttCertificateCode */
  GArray                *problems;   /* AttCertificateProblem */
  AttFigures             totals;
  AttFigures             compulsory_totals;
  guint                  n_outside_age;
  char                  *headteacher;
};

/* ------------------------------------------------------------------ */
/* Spans                                                              */
/* ------------------------------------------------------------------ */

char *
att_certificate_span_to_string (const AttCertificateSpan *span)
{
  char from[ATT_DATE_TEXT_SIZE];
  char to[ATT_DATE_TEXT_SIZE];

  g_return_val_if_fail (span != NULL, NULL);

  switch (span->kind)
    {
    case ATT_CERTIFICATE_SPAN_LAST_SESSIONS:
      return g_strdup_printf ("sessions:%u", span->n_sessions);
    case ATT_CERTIFICATE_SPAN_THIS_YEAR:
      return g_strdup ("this-year");
    case ATT_CERTIFICATE_SPAN_THIS_AND_LAST:
      return g_strdup ("two-years");
    case ATT_CERTIFICATE_SPAN_RANGE:
      return g_strdup_printf ("range:%s:%s", att_date_format_to (span->from, from),
                              att_date_format_to (span->to, to));
    case ATT_CERTIFICATE_N_SPANS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
parse_sessions (const char *text,
                guint      *n,
                GError    **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, 1, ATT_CERTIFICATE_MAX_SESSIONS, &number, NULL))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a number of sessions: write a whole number from 1 to %u, such as 60 or 100"),
                   text, ATT_CERTIFICATE_MAX_SESSIONS);
      return FALSE;
    }
  *n = (guint)number;
  return TRUE;
}

gboolean
att_certificate_span_parse (const char          *text,
                            AttCertificateSpan  *span,
                            GError             **error)
{
  AttCertificateSpan parsed = { 0, };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (g_ascii_isdigit (*text))
    {
      parsed.kind = ATT_CERTIFICATE_SPAN_LAST_SESSIONS;
      if (!parse_sessions (text, &parsed.n_sessions, error))
        return FALSE;
    }
  else if (g_str_has_prefix (text, "sessions:"))
    {
      parsed.kind = ATT_CERTIFICATE_SPAN_LAST_SESSIONS;
      if (!parse_sessions (text + strlen ("sessions:"), &parsed.n_sessions, error))
        return FALSE;
    }
  else if (g_ascii_strcasecmp (text, "this-year") == 0)
    parsed.kind = ATT_CERTIFICATE_SPAN_THIS_YEAR;
  else if (g_ascii_strcasecmp (text, "two-years") == 0)
    parsed.kind = ATT_CERTIFICATE_SPAN_THIS_AND_LAST;
  else if (g_str_has_prefix (text, "range:"))
    {
      g_auto(GStrv) parts = g_strsplit (text + strlen ("range:"), ":", -1);

      parsed.kind = ATT_CERTIFICATE_SPAN_RANGE;
      if (g_strv_length (parts) != 2)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("“%s” is not a span: write range:FIRST:LAST with both dates as YYYY-MM-DD"),
                       text);
          return FALSE;
        }
      parsed.from = att_date_parse_iso (parts[0], error);
      if (parsed.from == ATT_DATE_NONE)
        return FALSE;
      parsed.to = att_date_parse_iso (parts[1], error);
      if (parsed.to == ATT_DATE_NONE)
        return FALSE;
    }
  else
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a span: write a number of sessions (60, 100), this-year, "
                     "two-years or range:FIRST:LAST"),
                   text);
      return FALSE;
    }

  if (!att_certificate_span_validate (&parsed, error))
    return FALSE;
  *span = parsed;
  return TRUE;
}

char *
att_certificate_span_describe (const AttCertificateSpan *span)
{
  g_return_val_if_fail (span != NULL, NULL);

  switch (span->kind)
    {
    case ATT_CERTIFICATE_SPAN_LAST_SESSIONS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The last session", "The last %u sessions",
                                           span->n_sessions),
                              span->n_sessions);
    case ATT_CERTIFICATE_SPAN_THIS_YEAR:
      return g_strdup (_("This school year"));
    case ATT_CERTIFICATE_SPAN_THIS_AND_LAST:
      return g_strdup (_("This school year and the last"));
    case ATT_CERTIFICATE_SPAN_RANGE:
      {
        g_autofree char *from = att_date_format_long (span->from);
        g_autofree char *to = att_date_format_long (span->to);

        /* Translators: a span of dates, "Mon 2 Sep 2024 to Fri 31 Jan 2025" */
        return g_strdup_printf (_("%s to %s"), from, to);
      }
    case ATT_CERTIFICATE_N_SPANS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
att_certificate_span_validate (const AttCertificateSpan  *span,
                               GError                   **error)
{
  g_return_val_if_fail (span != NULL, FALSE);

  switch (span->kind)
    {
    case ATT_CERTIFICATE_SPAN_LAST_SESSIONS:
      if (span->n_sessions == 0 || span->n_sessions > ATT_CERTIFICATE_MAX_SESSIONS)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("A certificate covers from 1 to %u sessions, not %u"),
                       ATT_CERTIFICATE_MAX_SESSIONS, span->n_sessions);
          return FALSE;
        }
      return TRUE;
    case ATT_CERTIFICATE_SPAN_THIS_YEAR:
    case ATT_CERTIFICATE_SPAN_THIS_AND_LAST:
      return TRUE;
    case ATT_CERTIFICATE_SPAN_RANGE:
      if (span->from == ATT_DATE_NONE || span->to == ATT_DATE_NONE)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("A certificate's span of dates needs its first and its last day"));
          return FALSE;
        }
      if (span->to < span->from)
        {
          g_autofree char *from = att_date_format_long (span->from);
          g_autofree char *to = att_date_format_long (span->to);

          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The certificate's last day, %s, is before its first, %s"), to, from);
          return FALSE;
        }
      return TRUE;
    case ATT_CERTIFICATE_N_SPANS:
    default:
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("This is not a certificate span"));
      return FALSE;
    }
}

/* ------------------------------------------------------------------ */
/* The certificate                                                    */
/* ------------------------------------------------------------------ */

char *
att_certificate_headteacher_name (AttDb   *db,
                                  GError **error)
{
  g_autoptr(GPtrArray) users = att_users_list (db, error);

  if (users == NULL)
    return NULL;
  for (guint i = 0; i < users->len; i++)
    {
      AttUser *user = g_ptr_array_index (users, i);

      if (user->role == ATT_ROLE_HEADTEACHER && !user->deactivated)
        return g_strdup (user->name);
    }
  return NULL;
}

/* Whether the register of @date/@session had happened by @as_of: every
 * session of an earlier day, and of @as_of itself unless @as_of is today,
 * when a session counts once its register has opened. */
static gboolean
session_opened (AttDb      *db,
                AttDate     date,
                AttSession  session,
                AttDate     as_of,
                AttDate     today,
                int         clock)
{
  if (date < as_of || as_of < today)
    return TRUE;
  return att_register_opened (db, date, session, today, clock);
}

static gboolean
session_closed (AttDb      *db,
                AttDate     date,
                AttSession  session,
                AttDate     as_of,
                AttDate     today,
                int         clock)
{
  if (date < as_of || as_of < today)
    return TRUE;
  return att_register_closed (db, date, session, today, clock);
}

static AttCode
code_of (AttDb      *db,
         gint64      pupil_id,
         AttDate     date,
         AttSession  session)
{
  int year = att_date_school_year (date);
  const guint8 *codes = att_register_year_codes_fast (db, pupil_id, year);
  AttCode code;

  if (codes == NULL)
    return ATT_CODE_NONE;
  code = codes[att_register_slot (att_date_from_ymd (year, 9, 1), date, session)];
  return code < ATT_CODE_N_CODES ? code : ATT_CODE_NONE;
}

static void
count_code (AttFigures *figures,
            AttCode     code,
            gboolean    past)
{
  const AttCodeInfo *info;

  if (code == ATT_CODE_NONE)
    {
      if (past)
        figures->missing++;
      return;
    }
  figures->codes[code]++;
  info = att_code_info (code);
  if (!info->possible)
    {
      figures->not_possible++;
      return;
    }
  figures->possible++;
  switch (info->meaning)
    {
    case ATT_MEANING_PRESENT:
      figures->present++;
      break;
    case ATT_MEANING_AEA:
      figures->aea++;
      break;
    case ATT_MEANING_AUTHORISED:
      figures->authorised++;
      break;
    case ATT_MEANING_UNAUTHORISED:
      figures->unauthorised++;
      break;
    case ATT_MEANING_NOT_POSSIBLE:
    default:
      break;
    }
  if (code == ATT_CODE_L)
    figures->late++;
  else if (code == ATT_CODE_U)
    figures->late_after_close++;
}

/* The first and last day the span asks for, before the pupil's roll is
 * applied; FALSE with an error for a span that ends after @as_of. */
static gboolean
span_dates (const AttCertificateSpan *span,
            AttDate                   as_of,
            AttDate                  *from,
            AttDate                  *to,
            GError                  **error)
{
  int year = att_date_school_year (as_of);

  *to = as_of;
  switch (span->kind)
    {
    case ATT_CERTIFICATE_SPAN_LAST_SESSIONS:
      *from = ATT_DATE_NONE;   /* counted back below */
      break;
    case ATT_CERTIFICATE_SPAN_THIS_YEAR:
      *from = att_date_from_ymd (year, 9, 1);
      break;
    case ATT_CERTIFICATE_SPAN_THIS_AND_LAST:
      *from = att_date_from_ymd (year - 1, 9, 1);
      break;
    case ATT_CERTIFICATE_SPAN_RANGE:
      if (span->to > as_of)
        {
          g_autofree char *last = att_date_format_long (span->to);
          g_autofree char *on = att_date_format_long (as_of);

          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The certificate's last day, %s, is after the day it is drawn up on, %s: "
                         "a certificate shows the register as it has been kept"),
                       last, on);
          return FALSE;
        }
      *from = span->from;
      *to = span->to;
      break;
    case ATT_CERTIFICATE_N_SPANS:
    default:
      g_return_val_if_reached (FALSE);
    }
  return TRUE;
}

AttCertificate *
att_certificate_new (AttDb                     *db,
                     gint64                     pupil_id,
                     const AttCertificateSpan  *span,
                     AttDate                    as_of,
                     GError                   **error)
{
  g_autoptr(AttCertificate) self = NULL;
  AttCalendar *calendar;
  const AttSessionSlot *slots;
  AttDate today = att_date_today ();
  int clock = att_clock_now ();
  AttDate compulsory_first, compulsory_last;
  AttDate from, to, roll_from, roll_to;
  AttPupil *pupil;
  guint n_slots, first, last;
  guint counts[ATT_CODE_N_CODES] = { 0 };

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (span != NULL, NULL);
  g_return_val_if_fail (as_of != ATT_DATE_NONE, NULL);

  if (!att_certificate_span_validate (span, error))
    return NULL;
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return NULL;
  if (as_of > today)
    {
      g_autofree char *on = att_date_format_long (as_of);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A certificate cannot be drawn up for %s, a day still to come"), on);
      return NULL;
    }
  if (!span_dates (span, as_of, &from, &to, error))
    return NULL;

  self = g_new0 (AttCertificate, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->pupil = g_object_ref (pupil);
  self->span = *span;
  self->as_of = as_of;
  self->sessions = g_array_new (FALSE, FALSE, sizeof (AttCertificateSession));
  self->codes = g_array_new (FALSE, FALSE, sizeof (AttCertificateCode));
  self->problems = g_array_new (FALSE, FALSE, sizeof (AttCertificateProblem));
  self->totals.pupil_id = pupil->id;
  self->compulsory_totals.pupil_id = pupil->id;

  /* The pupil's roll within the span. */
  roll_from = pupil->admission;
  roll_to = pupil->leaving != ATT_DATE_NONE ? MIN (pupil->leaving, to) : to;
  if (from != ATT_DATE_NONE)
    roll_from = MAX (roll_from, from);

  att_register_sync (db);
  calendar = att_db_get_calendar (db);
  slots = att_calendar_get_sessions (calendar, &n_slots);

  /* The sessions [first, last) of the calendar: up to the last that had
   * happened by the end of the span, then back to its start or, for the
   * last N sessions, N sessions back (never before the admission). */
  last = att_calendar_session_index (calendar, roll_to + 1);
  while (last > 0 && !session_opened (db, slots[last - 1].date, slots[last - 1].session,
                                      as_of, today, clock))
    last--;
  first = att_calendar_session_index (calendar, roll_from);
  if (span->kind == ATT_CERTIFICATE_SPAN_LAST_SESSIONS && last > first)
    first = MAX (first, last >= span->n_sessions ? last - span->n_sessions : 0);

  if (roll_from > roll_to || first >= last)
    {
      g_autofree char *described = att_certificate_span_describe (span);
      g_autofree char *on = att_date_format_long (as_of);

      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("%s (%s) has no school session on roll in the certificate's span (%s, up to %s)"),
                   att_pupil_get_display_name (pupil), pupil->upn, described, on);
      return NULL;
    }

  att_compulsory_school_age (pupil->dob, &compulsory_first, &compulsory_last);
  for (guint i = first; i < last; i++)
    {
      AttCertificateSession session = { 0, };

      session.date = slots[i].date;
      session.session = slots[i].session;
      session.code = code_of (db, pupil->id, session.date, session.session);
      session.compulsory = session.date >= compulsory_first && session.date <= compulsory_last;
      session.past = session_closed (db, session.date, session.session, as_of, today, clock);
      g_array_append_val (self->sessions, session);

      counts[session.code]++;
      count_code (&self->totals, session.code, session.past);
      if (session.compulsory)
        count_code (&self->compulsory_totals, session.code, session.past);
      else
        self->n_outside_age++;

      if (session.code == ATT_CODE_N || (session.code == ATT_CODE_NONE && session.past))
        {
          AttCertificateProblem problem = {
            session.date, session.session,
            session.code == ATT_CODE_N ? ATT_CERTIFICATE_PROBLEM_N : ATT_CERTIFICATE_PROBLEM_UNMARKED
          };

          g_array_append_val (self->problems, problem);
        }
    }

  for (guint c = 1; c < ATT_CODE_N_CODES; c++)
    if (counts[c] > 0)
      {
        AttCertificateCode code = { (AttCode)c, counts[c] };

        g_array_append_val (self->codes, code);
      }

  self->headteacher = att_certificate_headteacher_name (db, error);
  if (self->headteacher == NULL && error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&self);
}

AttCertificate *
att_certificate_ref (AttCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
att_certificate_unref (AttCertificate *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->pupil);
  g_clear_pointer (&self->sessions, g_array_unref);
  g_clear_pointer (&self->codes, g_array_unref);
  g_clear_pointer (&self->problems, g_array_unref);
  g_free (self->headteacher);
  g_free (self);
}

AttPupil *
att_certificate_get_pupil (AttCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->pupil;
}

const AttCertificateSpan *
att_certificate_get_span (AttCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->span;
}

AttDate
att_certificate_get_as_of (AttCertificate *self)
{
  g_return_val_if_fail (self != NULL, ATT_DATE_NONE);
  return self->as_of;
}

void
att_certificate_get_range (AttCertificate *self,
                           AttDate        *first,
                           AttDate        *last)
{
  g_return_if_fail (self != NULL);

  if (first != NULL)
    *first = g_array_index (self->sessions, AttCertificateSession, 0).date;
  if (last != NULL)
    *last = g_array_index (self->sessions, AttCertificateSession, self->sessions->len - 1).date;
}

const AttCertificateSession *
att_certificate_get_sessions (AttCertificate *self,
                              guint          *n_sessions)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_sessions != NULL)
    *n_sessions = self->sessions->len;
  return (const AttCertificateSession *)self->sessions->data;
}

const AttCertificateCode *
att_certificate_get_codes (AttCertificate *self,
                           guint          *n_codes)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_codes != NULL)
    *n_codes = self->codes->len;
  return (const AttCertificateCode *)self->codes->data;
}

const AttFigures *
att_certificate_get_totals (AttCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->totals;
}

const AttFigures *
att_certificate_get_compulsory_totals (AttCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->compulsory_totals;
}

guint
att_certificate_get_n_outside_age (AttCertificate *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_outside_age;
}

GArray *
att_certificate_get_problems (AttCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->problems;
}

const char *
att_certificate_get_headteacher (AttCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->headteacher;
}

gboolean
att_certificate_can_finalise (AttCertificate  *self,
                              GError         **error)
{
  g_autoptr(GString) named = NULL;
  guint n;

  g_return_val_if_fail (self != NULL, FALSE);

  n = self->problems->len;
  if (n == 0)
    return TRUE;

  named = g_string_new (NULL);
  for (guint i = 0; i < MIN (n, NAMED_PROBLEMS); i++)
    {
      const AttCertificateProblem *problem = &g_array_index (self->problems, AttCertificateProblem, i);
      g_autofree char *date = att_date_format_long (problem->date);

      if (i > 0)
        g_string_append (named, ", ");
      /* Translators: one session of the register that must be put
       * right: "Mon 2 Sep 2024 AM (N)" or "Mon 2 Sep 2024 PM (no mark)" */
      g_string_append_printf (named, _("%s %s (%s)"), date,
                              problem->session == ATT_SESSION_AM ? _("AM") : _("PM"),
                              problem->kind == ATT_CERTIFICATE_PROBLEM_N ? "N" : _("no mark"));
    }
  if (n > NAMED_PROBLEMS)
    g_string_append_printf (named, g_dngettext (GETTEXT_PACKAGE, " and %u more session",
                                                " and %u more sessions", n - NAMED_PROBLEMS),
                            n - NAMED_PROBLEMS);

  g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
               g_dngettext (GETTEXT_PACKAGE,
                            "The registration certificate of %s (%s) cannot be finalised: %u session "
                            "still holds N or has no mark: %s. Give it its code in the register "
                            "first: a local authority returns a referral that holds N or missing marks",
                            "The registration certificate of %s (%s) cannot be finalised: %u sessions "
                            "still hold N or have no mark: %s. Give them their codes in the register "
                            "first: a local authority returns a referral that holds N or missing marks",
                            n),
               att_pupil_get_display_name (self->pupil), self->pupil->upn, n, named->str);
  return FALSE;
}
