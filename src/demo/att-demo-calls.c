/* att-demo-calls.c: the demo school's calls, the office's attempts to reach
 * families, and what the local authority was told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made from the registers once they are written, for the last four
 * weeks of school up to the as-of date: most absences are reported by a parent on the
 * first morning; some are chased by the office (attempts that reach
 * nobody, then a call out); unexplained spells get a home visit on their
 * second day; holidays are found out by a call. The absences of the last
 * two days are still being chased, so the first-day list has pupils on
 * it, and the late book of the day before the as-of date is filled in. Everything goes through the core's calls API (records only: the
 * codes are the register's already), each pupil from a generator of its
 * own, so the same seed gives the same history.
 */
#include "config.h"

#include "att-calls.h"
#include "att-codes.h"
#include "att-demo-private.h"
#include "att-la-notify.h"
#include "att-latebook.h"
#include "att-register.h"

/* School days of calls before the as-of date, inclusive. */
#define HISTORY_DAYS 20

typedef struct
{
  AttDemo     *demo;
  GHashTable  *contacts;    /* pupil id -> GArray of gint64 contact ids, by priority */
} Calls;

static gint64
local_time (AttDate date,
            int     minutes)
{
  int y, m, d;
  g_autoptr(GDateTime) when = NULL;

  att_date_to_ymd (date, &y, &m, &d);
  when = g_date_time_new_local (y, m, d, minutes / 60, minutes % 60, 0);
  return when != NULL ? g_date_time_to_unix (when) : 0;
}

static gboolean
read_contacts (Calls   *c,
               GError **error)
{
  g_autoptr(GPtrArray) none = NULL;

  c->contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify)g_array_unref);
  for (guint i = 0; i < c->demo->pupils->len; i++)
    {
      AttDemoPupil *p = att_demo_pupil (c->demo, i);
      g_autoptr(GPtrArray) contacts = NULL;
      GArray *ids;

      if (!p->on_roll)
        continue;
      contacts = att_contacts_for_pupil (c->demo->db, p->id, error);
      if (contacts == NULL)
        return FALSE;
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint k = 0; k < contacts->len; k++)
        g_array_append_val (ids, ((AttContact *)contacts->pdata[k])->id);
      g_hash_table_insert (c->contacts, g_memdup2 (&p->id, sizeof p->id), ids);
    }
  return TRUE;
}

typedef enum
{
  SPELL_NONE,
  SPELL_ILLNESS,
  SPELL_MEDICAL,
  SPELL_RELIGIOUS,
  SPELL_HOLIDAY,
  SPELL_UNEXPLAINED,
  SPELL_PENDING,      /* N: not yet known */
} SpellKind;

static SpellKind
kind_of (AttCode code)
{
  switch (code)
    {
    case ATT_CODE_I: return SPELL_ILLNESS;
    case ATT_CODE_M: return SPELL_MEDICAL;
    case ATT_CODE_R: return SPELL_RELIGIOUS;
    case ATT_CODE_G: return SPELL_HOLIDAY;
    case ATT_CODE_O: return SPELL_UNEXPLAINED;
    case ATT_CODE_N: return SPELL_PENDING;
    default: return SPELL_NONE;
    }
}

static gboolean
log_call (Calls           *c,
          AttDemoPupil    *p,
          const AttUser   *user,
          AttDate          date,
          int              minutes,
          gint64           contact,
          const char      *caller,
          AttCallChannel   channel,
          AttCallDirection direction,
          AttCallReason    reason,
          const char      *outcome,
          AttDate          back,
          GError         **error)
{
  AttCallRequest r = { 0 };

  r.pupil_ids = &p->id;
  r.n_pupils = 1;
  r.date = date;
  r.clock = minutes;
  r.at = local_time (date, minutes);
  r.contact_id = contact;
  r.caller = caller;
  r.channel = channel;
  r.direction = direction;
  r.reason = reason;
  r.outcome = outcome;
  r.expected_return = back;
  r.evidence_asked = FALSE;
  r.cover = ATT_CALL_COVER_NONE;
  return att_calls_log (c->demo->db, user, &r, NULL, error);
}

static gboolean
attempt (Calls             *c,
         AttDemoPupil      *p,
         AttDate            date,
         int                minutes,
         gint64             contact,
         AttCallChannel     channel,
         AttAttemptOutcome  outcome,
         GError           **error)
{
  return att_calls_add_attempt (c->demo->db, c->demo->reception, 0, p->id, date,
                                local_time (date, minutes), channel, outcome, contact, NULL,
                                error) != 0;
}

/* The calls about one spell of absence of @days school days from @first
 * (the index of its first day in @days_list). */
static gboolean
spell_calls (Calls         *c,
             AttDemoPupil  *p,
             AttDemoRng    *rng,
             SpellKind      kind,
             GArray        *days_list,
             guint          first,
             guint          n_days,
             gboolean       recent,
             GError       **error)
{
  AttDemo *demo = c->demo;
  AttDemoFamily *f = att_demo_family (demo, (guint)p->family);
  GArray *contacts = g_hash_table_lookup (c->contacts, &p->id);
  gint64 first_contact = contacts != NULL && contacts->len > 0 ? g_array_index (contacts, gint64, 0) : 0;
  gint64 second_contact = contacts != NULL && contacts->len > 1 ? g_array_index (contacts, gint64, 1) : 0;
  AttDate day = g_array_index (days_list, AttDate, first);
  AttDate back = first + n_days < days_list->len ? g_array_index (days_list, AttDate, first + n_days)
                                                 : ATT_DATE_NONE;
  g_autofree char *parent = g_strdup_printf ("%s %s %s", f->c_title[0], f->c_forename[0], f->c_surname[0]);
  int morning = 8 * 60 + 5 + (int)att_demo_rng_below (rng, 50);

  switch (kind)
    {
    case SPELL_ILLNESS:
    case SPELL_MEDICAL:
    case SPELL_RELIGIOUS:
      {
        AttCallReason reason = kind == SPELL_ILLNESS ? ATT_CALL_REASON_ILLNESS
                               : kind == SPELL_MEDICAL ? ATT_CALL_REASON_MEDICAL
                               : ATT_CALL_REASON_RELIGIOUS;

        if (att_demo_rng_chance (rng, 0.85))
          {
            /* A parent rings, texts on the school's app or e-mails. */
            double r = att_demo_rng_double (rng);
            AttCallChannel channel = r < 0.7 ? ATT_CALL_CHANNEL_PHONE
                                     : r < 0.85 ? ATT_CALL_CHANNEL_APP : ATT_CALL_CHANNEL_EMAIL;

            if (!log_call (c, p, demo->reception, day, morning, first_contact, parent, channel,
                           ATT_CALL_IN, reason, "Reported by parent",
                           kind == SPELL_ILLNESS && n_days > 1 ? back : ATT_DATE_NONE, error))
              return FALSE;
            /* A longer illness: the parent rings again on the third day. */
            if (kind == SPELL_ILLNESS && n_days >= 3 &&
                !log_call (c, p, demo->reception, g_array_index (days_list, AttDate, first + 2),
                           morning, first_contact, parent, ATT_CALL_CHANNEL_PHONE, ATT_CALL_IN,
                           reason, "Still unwell", back, error))
              return FALSE;
            return TRUE;
          }
        /* Nobody rang: the office chases, and reaches someone. */
        return attempt (c, p, day, 9 * 60 + 25, first_contact, ATT_CALL_CHANNEL_PHONE,
                        ATT_ATTEMPT_NO_ANSWER, error) &&
               log_call (c, p, demo->reception, day, 10 * 60 + (int)att_demo_rng_below (rng, 50),
                         first_contact, parent, ATT_CALL_CHANNEL_PHONE, ATT_CALL_OUT, reason,
                         "Reached on the second try", ATT_DATE_NONE, error);
      }

    case SPELL_HOLIDAY:
      return attempt (c, p, day, 9 * 60 + 30, first_contact, ATT_CALL_CHANNEL_PHONE,
                      ATT_ATTEMPT_VOICEMAIL, error) &&
             log_call (c, p, demo->reception, day, 14 * 60 + (int)att_demo_rng_below (rng, 60),
                       first_contact, parent, ATT_CALL_CHANNEL_PHONE, ATT_CALL_OUT,
                       ATT_CALL_REASON_HOLIDAY, "Family away; leave was not asked for",
                       ATT_DATE_NONE, error);

    case SPELL_UNEXPLAINED:
    case SPELL_PENDING:
      /* A text and calls to the contacts in order, reaching nobody. */
      if (!attempt (c, p, day, 9 * 60 + 20, first_contact, ATT_CALL_CHANNEL_TEXT, ATT_ATTEMPT_SENT, error) ||
          !attempt (c, p, day, 9 * 60 + 35, first_contact, ATT_CALL_CHANNEL_PHONE, ATT_ATTEMPT_NO_ANSWER, error))
        return FALSE;
      if (second_contact != 0 &&
          !attempt (c, p, day, 9 * 60 + 40, second_contact, ATT_CALL_CHANNEL_PHONE,
                    att_demo_rng_chance (rng, 0.5) ? ATT_ATTEMPT_VOICEMAIL : ATT_ATTEMPT_NO_ANSWER, error))
        return FALSE;
      if (kind == SPELL_PENDING || recent)
        return TRUE;
      /* A spell of two days or more: a home visit on the second. */
      if (n_days >= 2 &&
          !log_call (c, p, demo->officer, g_array_index (days_list, AttDate, first + 1),
                     11 * 60 + (int)att_demo_rng_below (rng, 120), 0, demo->officer->name,
                     ATT_CALL_CHANNEL_HOME_VISIT, ATT_CALL_OUT, ATT_CALL_REASON_NONE,
                     "No one at home; a card left", ATT_DATE_NONE, error))
        return FALSE;
      /* Some are reached in the end, without a reason that stands. */
      if (att_demo_rng_chance (rng, 0.4) &&
          !log_call (c, p, demo->reception, day, 15 * 60 + (int)att_demo_rng_below (rng, 60),
                     first_contact, parent, ATT_CALL_CHANNEL_PHONE, ATT_CALL_IN,
                     ATT_CALL_REASON_NO_REASON, "Parent rang back; no reason given",
                     ATT_DATE_NONE, error))
        return FALSE;
      return TRUE;

    case SPELL_NONE:
    default:
      return TRUE;
    }
}

static gboolean
pupil_calls (Calls         *c,
             AttDemoPupil  *p,
             GArray        *days,
             GError       **error)
{
  AttDemo *demo = c->demo;
  const guint8 *codes = att_register_year_codes (demo->db, p->id, demo->last_year);
  AttDate year_start = att_date_from_ymd (demo->last_year, 9, 1);
  AttDemoRng rng;
  guint n = days->len;

  if (codes == NULL || p->family < 0)
    return TRUE;
  att_demo_rng_init (&rng, demo->seed, G_GUINT64_CONSTANT (0xca11) + p->index);
  for (guint i = 0; i < n; )
    {
      AttDate day = g_array_index (days, AttDate, i);
      guint slot = (guint)(day - year_start) * 2;
      SpellKind kind = kind_of (codes[slot]);
      guint len = 1;

      if (kind == SPELL_NONE)
        kind = kind_of (codes[slot + 1]);
      if (kind == SPELL_NONE || day < p->admission)
        {
          i++;
          continue;
        }
      while (i + len < n &&
             kind_of (codes[(g_array_index (days, AttDate, i + len) - year_start) * 2]) == kind)
        len++;
      /* Pending spells of the last two days are still being chased: on
       * the as-of day itself, only some have been tried yet. */
      if (kind != SPELL_PENDING || day < demo->as_of || att_demo_rng_chance (&rng, 0.4))
        if (!spell_calls (c, p, &rng, kind, days, i, len, i + len + 2 >= n, error))
          return FALSE;
      i += len;
    }
  return TRUE;
}

/* The late book of the school day before the as-of date: every L and U
 * of that day signed in at reception, at the minute the register has.
 * The marks are the register's already, so the entries write nothing
 * new. */
static gboolean
late_book (AttDemo  *demo,
           AttDate   day,
           GError  **error)
{
  static const char * const reasons[] = { "Overslept", "Bus late", "Traffic", "Appointment ran over" };
  static const char * const people[] = { "Mum", "Dad", "Grandmother", "Came on their own" };
  int open[2] = { demo->am_open, demo->pm_open };

  for (guint i = 0; i < demo->pupils->len; i++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, i);

      if (!p->on_roll || p->admission > day)
        continue;
      for (AttSession s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
        {
          AttMark mark = { 0 };
          guint pick = (guint)(p->index + (guint)s) % G_N_ELEMENTS (reasons);

          if (!att_register_get_mark (demo->db, p->id, day, s, &mark, error))
            return FALSE;
          if ((mark.code == ATT_CODE_L || mark.code == ATT_CODE_U) && mark.minutes_late > 0 &&
              att_latebook_arrive (demo->db, demo->reception, p->id, day, open[s] + mark.minutes_late,
                                   mark.code == ATT_CODE_U || pick == 0 ? reasons[pick] : NULL,
                                   people[pick], NULL, error) == 0)
            {
              att_mark_clear (&mark);
              return FALSE;
            }
          att_mark_clear (&mark);
        }
    }
  return TRUE;
}

/* The LA told of about half the pupils on its lists. */
static gboolean
record_la (AttDemo  *demo,
           GError  **error)
{
  g_autoptr(GPtrArray) cases = att_la_cases (demo->db, demo->as_of, error);

  if (cases == NULL)
    return FALSE;
  for (guint i = 0; i < cases->len; i += 2)
    {
      AttLaCase *la_case = g_ptr_array_index (cases, i);
      /* Told on the last day of absence so far. */
      AttDate told = MIN (la_case->last, demo->as_of);

      if (att_la_record_told (demo->db, demo->officer, la_case->pupil->id, la_case->kind,
                              MIN (told, att_date_today ()), NULL, error) == 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
att_demo_write_calls (AttDemo  *demo,
                      GError  **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (AttDate));
  AttDemoYear *y = att_demo_get_year (demo, demo->last_year);
  Calls c = { demo, NULL };
  gboolean ok;

  /* The last four weeks of school up to the as-of date: the office's
   * recent history, enough for every list, and quick to make. */
  for (guint i = 0; i < y->days->len; i++)
    {
      AttDate day = g_array_index (y->days, AttDate, i);

      if (day > demo->as_of)
        break;
      g_array_append_val (days, day);
    }
  if (days->len > HISTORY_DAYS)
    g_array_remove_range (days, 0, days->len - HISTORY_DAYS);
  if (days->len == 0)
    return TRUE;

  /* Every pupil is looked up by id for each call: the list read once
   * makes each lookup a hash lookup rather than a query. */
  ok = att_pupils_list (demo->db, error) != NULL && read_contacts (&c, error);
  for (guint i = 0; ok && i < demo->pupils->len; i++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, i);

      if (p->on_roll)
        ok = pupil_calls (&c, p, days, error);
    }
  g_clear_pointer (&c.contacts, g_hash_table_unref);
  return ok &&
         (days->len < 2 || late_book (demo, g_array_index (days, AttDate, days->len - 2), error)) &&
         record_la (demo, error);
}
