/* att-demo-marks.c: the demo school's registers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A register for every school session up to the as-of date, made one
 * pupil and one school year at a time from the pupil's own pattern
 * (illness that comes in winter, Monday and Friday absence, holidays in
 * term time, lateness, trips), each from a generator of its own so that
 * the same seed gives the same registers.
 */
#include "config.h"

#include <string.h>

#include "att-codes.h"
#include "att-demo-private.h"
#include "att-register.h"
#include "att-register-bulk.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* What the office writes beside a code.                               */

enum
{
  COMMENT_NONE,
  COMMENT_DENTIST,
  COMMENT_HOSPITAL,
  COMMENT_FUNERAL,
  COMMENT_EID,
  COMMENT_WORK,
  COMMENT_STUDY,
  COMMENT_TRIP_FIRST,   /* then one per trip */
};

static const char * const comments[] = {
  [COMMENT_NONE] = NULL,
  [COMMENT_DENTIST] = "Dental appointment, card seen",
  [COMMENT_HOSPITAL] = "Hospital appointment, letter seen",
  [COMMENT_FUNERAL] = "Family funeral abroad: leave granted by the headteacher",
  [COMMENT_EID] = "Eid",
  [COMMENT_WORK] = "Work experience placement",
  [COMMENT_STUDY] = "Study leave before GCSE examinations",
};

enum
{
  AMEND_NONE,
  AMEND_ILL,        /* N, then I when a parent phoned */
  AMEND_UNEXPLAINED,/* N, then O after five school days */
  AMEND_LATE,       /* N, then L when the pupil signed in */
  AMEND_HOLIDAY,    /* N, then G when the family came back */
};

static const char * const amend_reasons[] = {
  [AMEND_NONE] = NULL,
  [AMEND_ILL] = "Parent phoned to report illness",
  [AMEND_UNEXPLAINED] = "No reason given within five school days",
  [AMEND_LATE] = "Arrived late and signed in at reception",
  [AMEND_HOLIDAY] = "Term-time holiday confirmed on return; leave had not been granted",
};

/* Eid al-Fitr and Eid al-Adha as expected in the UK (the day follows the
 * moon, so families may keep the day before or after). */
static const char * const eid_days[] = {
  "2019-06-04", "2019-08-12", "2020-05-24", "2020-07-31", "2021-05-13",
  "2021-07-20", "2022-05-02", "2022-07-11", "2023-04-21", "2023-06-28",
  "2024-04-10", "2024-06-17", "2025-03-31", "2025-06-06", "2026-03-20",
  "2026-05-27", "2027-03-10", "2027-05-17", "2028-02-28", "2028-05-05",
  "2029-02-14", "2029-04-24", "2030-02-05", "2030-04-15",
};

typedef struct
{
  guint8   code[ATT_REGISTER_YEAR_SLOTS];
  guint8   first[ATT_REGISTER_YEAR_SLOTS];     /* AttCode entered first when amended */
  guint8   amend[ATT_REGISTER_YEAR_SLOTS];     /* AMEND_* */
  guint8   comment[ATT_REGISTER_YEAR_SLOTS];   /* COMMENT_* */
  gint16   minutes[ATT_REGISTER_YEAR_SLOTS];   /* -1 when none */
} YearRegister;

/* Days the whole school is not there (trips for a class) are decided per
 * form and year group from their own generator. */
static guint
trip_for (AttDemo *demo,
          int      cohort,
          int      form,
          int      year,
          AttDate  date)
{
  AttDemoRng rng;
  AttDemoYear *y = att_demo_get_year (demo, year);
  guint n_trips;

  att_demo_trips (&n_trips);
  att_demo_rng_init (&rng, demo->seed, G_GUINT64_CONSTANT (0x7f1) + (guint64)((cohort * 64 + form) * 4096 + year));
  for (guint k = 0; k < 2; k++)
    {
      AttDate day = g_array_index (y->days, AttDate, att_demo_rng_below (&rng, y->days->len));
      guint trip = att_demo_rng_below (&rng, n_trips);

      if (day == date)
        return COMMENT_TRIP_FIRST + trip;
    }
  return 0;
}

static gboolean
eid_on (AttDemo *demo,
        AttDate  date)
{
  for (guint i = 0; i < G_N_ELEMENTS (eid_days); i++)
    if (demo->eid[i] == date)
      return TRUE;
  return FALSE;
}

static double
season (AttDate date)
{
  static const double by_month[13] = {
    0, 1.45, 1.25, 1.0, 0.8, 0.75, 0.75, 0.7, 1.0, 0.75, 1.0, 1.25, 1.45,
  };
  int y, m, d;

  att_date_to_ymd (date, &y, &m, &d);
  return by_month[m];
}

/* A family's term-time holiday this year: five school days before one of
 * the breaks; 0 when they take none. */
static AttDate
family_holiday (AttDemo  *demo,
                guint     family,
                int       year,
                gboolean *granted)
{
  AttDemoFamily *f = att_demo_family (demo, family);
  AttDemoYear *y = att_demo_get_year (demo, year);
  AttDemoRng rng;
  guint term;
  AttDate end;
  guint i;

  *granted = FALSE;
  att_demo_rng_init (&rng, demo->seed, G_GUINT64_CONSTANT (0x401d) + (guint64)family * 64 + (guint64)year);
  if (!(f->holiday_prone ? att_demo_rng_chance (&rng, 0.5) : att_demo_rng_chance (&rng, 0.02)))
    return ATT_DATE_NONE;
  *granted = att_demo_rng_chance (&rng, 0.15);
  term = att_demo_rng_below (&rng, 6);
  end = y->term_end[term];
  for (i = y->days->len; i > 0 && g_array_index (y->days, AttDate, i - 1) > end; i--)
    ;
  if (i < 5)
    return ATT_DATE_NONE;
  return g_array_index (y->days, AttDate, i - 5);
}

typedef struct
{
  AttDemo          *demo;
  AttRegisterBulk  *bulk;
  AttDate           epoch;         /* 1 January 1970 */
  /* The calendar year last asked about (from its 1 January to the next)
   * and its British Summer Time, from the last Sunday of March to the
   * last Sunday of October. */
  AttDate           year_from;
  AttDate           year_until;
  AttDate           summer_from;
  AttDate           summer_until;
} Writer;

static gboolean
in_summer_time (Writer  *w,
                AttDate  date)
{
  /* Entries come in date order: a year's dates are worked out once. */
  if (date < w->year_from || date >= w->year_until)
    {
      int y, m, d;

      att_date_to_ymd (date, &y, &m, &d);
      w->year_from = att_date_from_ymd (y, 1, 1);
      w->year_until = att_date_from_ymd (y + 1, 1, 1);
      w->summer_from = att_demo_last_weekday_of_month (y, 3, 7);
      w->summer_until = att_demo_last_weekday_of_month (y, 10, 7);
    }
  return date >= w->summer_from && date < w->summer_until;
}

/* Seconds since 1970 (UTC) of a local time in England. */
static gint64
local_time (Writer  *w,
            AttDate  date,
            int      minutes)
{
  gint64 t = (gint64)(date - w->epoch) * 86400 + (gint64)minutes * 60;

  return in_summer_time (w, date) ? t - 3600 : t;
}

/* The time of day the demo school is made as of: after school. */
#define DAY_ENDS (16 * 60)

/* Fills one pupil's register for one school year. */
static void
make_year_register (AttDemo            *demo,
                    const AttDemoPupil *p,
                    int                 year,
                    YearRegister       *reg,
                    guint               recent_from)
{
  AttDemoFamily *f = att_demo_family (demo, p->family);
  AttDemoYear *y = att_demo_get_year (demo, year);
  AttDate year_start = att_date_from_ymd (year, 9, 1);
  int group = att_demo_group_in (demo, p->cohort, year);
  AttDemoRng rng;
  double yearly, p_start;
  gboolean granted;
  AttDate holiday = family_holiday (demo, (guint)p->family, year, &granted);
  AttDate threshold = f->threshold_holiday;
  int spell = 0;            /* school days left in a spell of absence */
  guint8 spell_code = 0;
  guint holiday_left = 0, threshold_left = 0;
  guint8 holiday_code = 0;
  AttDate work_week = ATT_DATE_NONE;
  guint n_days = y->days->len;
  guint marked_days = 0;

  memset (reg->code, 0, sizeof reg->code);
  memset (reg->first, 0, sizeof reg->first);
  memset (reg->amend, 0, sizeof reg->amend);
  memset (reg->comment, 0, sizeof reg->comment);
  for (guint i = 0; i < ATT_REGISTER_YEAR_SLOTS; i++)
    reg->minutes[i] = -1;

  att_demo_rng_init (&rng, demo->seed, (guint64)(p->index + 1) * 131 + (guint64)year);
  /* A pupil has better and worse years. */
  yearly = CLAMP (p->absence * att_demo_rng_range (&rng, 0.7, 1.3), 0.002, 0.8);
  p_start = yearly / (p->episode_days * (1.0 - yearly));

  if (!demo->primary && group == 10)
    {
      /* Year 10 goes on work experience for a week in July. */
      AttDate d = y->term_end[5] - 18;
      work_week = att_date_monday (d);
    }

  for (guint i = 0; i < n_days; i++)
    {
      AttDate date = g_array_index (y->days, AttDate, i);
      guint slot = (guint)(date - year_start) * 2;
      int weekday = att_date_weekday (date);
      gboolean recent = FALSE;
      guint8 am = 0, pm = 0, comment = 0, amend = 0;
      double p_day;

      if (date > demo->as_of)
        break;
      if (date < p->admission || (p->leaving != ATT_DATE_NONE && date > p->leaving))
        continue;
      marked_days++;
      /* In the last two school days up to as_of the office has not yet
       * heard about every absence. */
      recent = marked_days >= recent_from;

      if (date == holiday && holiday_left == 0)
        {
          holiday_left = granted ? 2 + att_demo_rng_below (&rng, 2) : 5;
          holiday_code = granted ? ATT_CODE_C : ATT_CODE_G;
        }
      if (date == threshold && threshold_left == 0)
        threshold_left = 5;

      if (p->la_code != 0 && date >= p->la_before && date <= p->la_last)
        {
          /* A long absence planned for the LA's lists: its first O days
           * entered N and put right after five school days, the last
           * five still N. */
          if (date == p->la_before)
            {
              am = ATT_CODE_PRESENT_AM;
              pm = ATT_CODE_PRESENT_PM;
            }
          else if (p->la_code == ATT_CODE_O && p->la_pending != ATT_DATE_NONE && date >= p->la_pending)
            am = pm = ATT_CODE_N;
          else
            {
              am = pm = p->la_code;
              amend = p->la_code == ATT_CODE_O ? AMEND_UNEXPLAINED : AMEND_NONE;
            }
          spell = 0;
        }
      else if (threshold_left > 0)
        {
          threshold_left--;
          am = pm = ATT_CODE_G;
          if (threshold_left == 4 && att_demo_rng_chance (&rng, 0.5))
            amend = AMEND_HOLIDAY;
          spell = 0;
        }
      else if (holiday_left > 0)
        {
          holiday_left--;
          am = pm = holiday_code;
          if (holiday_code == ATT_CODE_C)
            comment = COMMENT_FUNERAL;
          else if (holiday_left == 4 && att_demo_rng_chance (&rng, 0.5))
            amend = AMEND_HOLIDAY;
          spell = 0;
        }
      else if (spell > 0)
        {
          spell--;
          am = pm = spell_code;
          if (recent && att_demo_rng_chance (&rng, 0.1))
            am = pm = ATT_CODE_N;
        }
      else
        {
          p_day = p_start * season (date);
          if (p->monday_friday)
            p_day *= (weekday == 1 || weekday == 5) ? 2.2 : 0.5;
          if (att_demo_rng_chance (&rng, p_day))
            {
              double mean = p->monday_friday && (weekday == 1 || weekday == 5) ? 1.0 : p->episode_days;
              /* A spell of a geometric length with the pupil's mean. */
              spell = 0;
              while (att_demo_rng_chance (&rng, 1.0 - 1.0 / mean) && spell < 40)
                spell++;
              if (att_demo_rng_chance (&rng, p->unauthorised))
                {
                  spell_code = ATT_CODE_O;
                  spell = MIN (spell, 2);
                  amend = AMEND_UNEXPLAINED;
                }
              else
                {
                  spell_code = ATT_CODE_I;
                  if (att_demo_rng_chance (&rng, 0.3))
                    amend = AMEND_ILL;
                }
              am = pm = spell_code;
              /* Some go home ill at lunchtime. */
              if (spell_code == ATT_CODE_I && att_demo_rng_chance (&rng, 0.08))
                {
                  am = 0;
                  amend = AMEND_NONE;
                }
              if (recent && att_demo_rng_chance (&rng, 0.45))
                {
                  am = am ? ATT_CODE_N : 0;
                  pm = ATT_CODE_N;
                  amend = AMEND_NONE;
                }
            }
        }

      /* School-wide events for those who are in. */
      if (am == 0 && pm == 0)
        {
          guint trip;

          if (work_week != ATT_DATE_NONE && date >= work_week && date < work_week + 5)
            {
              am = pm = ATT_CODE_W;
              comment = COMMENT_WORK;
            }
          else if (!demo->primary && group == 11 && date > p->leaving - 30 &&
                   p->leaving != ATT_DATE_NONE && att_demo_rng_chance (&rng, 0.4))
            {
              am = pm = ATT_CODE_S;
              comment = COMMENT_STUDY;
            }
          else if ((trip = trip_for (demo, p->cohort, demo->primary ? p->form : 0, year, date)) != 0 &&
                   att_demo_rng_chance (&rng, demo->primary ? 0.97 : 0.6))
            {
              am = pm = ATT_CODE_V;
              comment = (guint8)trip;
            }
          else if (f->observes_eid && eid_on (demo, date))
            {
              am = pm = ATT_CODE_R;
              comment = COMMENT_EID;
            }
        }

      /* An ordinary day, or the half of it not yet decided. */
      if (am == 0)
        {
          double r = att_demo_rng_double (&rng);

          if (r < 0.003 || (p->medical_note && r < 0.008))
            {
              am = ATT_CODE_M;
              comment = p->medical_note ? COMMENT_HOSPITAL : COMMENT_DENTIST;
            }
          else if (att_demo_rng_chance (&rng, p->late))
            {
              /* Most are a few minutes late; a few arrive after the
               * register has closed. Minutes are counted from the
               * register's opening, so an L is fewer than the register
               * is open and a U at least as many. */
              if (att_demo_rng_chance (&rng, 0.05))
                {
                  int minutes = 31 + (int)att_demo_rng_below (&rng, 50);

                  am = ATT_CODE_U;
                  reg->minutes[slot] = (gint16)MAX (minutes, demo->am_minutes);
                }
              else
                {
                  int minutes = att_demo_rng_chance (&rng, 0.75) ? 1 + (int)att_demo_rng_below (&rng, 10)
                                                                 : 1 + (int)att_demo_rng_below (&rng, 25);

                  am = ATT_CODE_L;
                  reg->minutes[slot] = (gint16)MIN (minutes, demo->am_minutes - 1);
                  if (att_demo_rng_chance (&rng, 0.5))
                    reg->amend[slot] = AMEND_LATE;
                }
            }
          else
            am = ATT_CODE_PRESENT_AM;
        }
      if (pm == 0)
        {
          double r = att_demo_rng_double (&rng);

          if (r < 0.003)
            {
              pm = ATT_CODE_M;
              comment = p->medical_note ? COMMENT_HOSPITAL : COMMENT_DENTIST;
            }
          else if (p->profile >= ATT_DEMO_PROFILE_PERSISTENT && r < 0.02)
            pm = ATT_CODE_O;  /* left at lunchtime and did not come back */
          else if (att_demo_rng_chance (&rng, p->late * 0.15))
            {
              int minutes = 1 + (int)att_demo_rng_below (&rng, 10);

              pm = ATT_CODE_L;
              reg->minutes[slot + 1] = (gint16)MIN (minutes, demo->pm_minutes - 1);
            }
          else
            pm = ATT_CODE_PRESENT_PM;
        }

      reg->code[slot] = am;
      reg->code[slot + 1] = pm;
      if (comment != 0)
        {
          if (am != ATT_CODE_PRESENT_AM && am != ATT_CODE_L && am != ATT_CODE_U)
            reg->comment[slot] = comment;
          if (pm != ATT_CODE_PRESENT_PM && pm != ATT_CODE_L && pm != ATT_CODE_O)
            reg->comment[slot + 1] = comment;
        }
      if (amend != AMEND_NONE)
        {
          /* The morning was marked N; the afternoon's code was known by
           * then, except for a spell nobody explained. */
          reg->amend[slot] = amend;
          if (amend == AMEND_UNEXPLAINED && pm == am)
            reg->amend[slot + 1] = amend;
        }
    }
}

/* Hands one pupil's school year to the register, session by session: the
 * first entry as the register was taken, by whoever took it, and the
 * amendment the office made later with its reason, each at its own time.
 * The register's rules decide every entry as they decide a cell of the
 * grid. */
static gboolean
write_year (Writer              *w,
            const AttDemoPupil  *p,
            int                  year,
            YearRegister        *reg,
            GError             **error)
{
  AttDemo *demo = w->demo;
  AttDate year_start = att_date_from_ymd (year, 9, 1);
  guint n_trips;
  const char * const *trips = att_demo_trips (&n_trips);

  for (guint slot = 0; slot < ATT_REGISTER_YEAR_SLOTS; slot++)
    {
      AttCode code = reg->code[slot];
      AttBulkMark entry = { 0 };
      AttDate date;
      AttSession session;
      const char *comment;
      guint8 amend;
      int minutes;
      int entered, opens;

      if (code == ATT_CODE_NONE)
        continue;
      date = year_start + (AttDate)(slot / 2);
      session = (AttSession)(slot % 2);
      amend = reg->amend[slot];
      minutes = reg->minutes[slot];
      comment = reg->comment[slot] >= COMMENT_TRIP_FIRST
                ? trips[(reg->comment[slot] - COMMENT_TRIP_FIRST) % n_trips]
                : comments[reg->comment[slot]];

      /* The register is taken in the first minutes after it opens. */
      opens = session == ATT_SESSION_AM ? demo->am_open : demo->pm_open;
      entered = opens + (int)((p->form * 7 + date) % 12);
      /* A late arrival's N was entered before the pupil came in. */
      if (amend == AMEND_LATE)
        entered = opens + (entered - opens) % MAX (minutes, 1);

      entry.pupil_id = p->id;
      entry.date = date;
      entry.session = session;
      entry.user = demo->markers[(guint)(p->form + date + session) % 3];
      if (amend != AMEND_NONE)
        {
          /* Marked N, to be put right when the office knows why. */
          entry.code = ATT_CODE_N;
          entry.minutes_late = -1;
          entry.comment = NULL;
        }
      else
        {
          entry.code = code;
          entry.minutes_late = minutes;
          entry.comment = comment;
          if (minutes >= 0)
            entered += minutes;
        }
      entry.at = local_time (w, date, entered);
      if (!att_register_bulk_add (w->bulk, &entry, error))
        return FALSE;

      if (amend == AMEND_NONE)
        continue;
      entry.code = code;
      entry.minutes_late = minutes;
      entry.comment = comment;
      entry.reason = amend_reasons[amend];
      entry.user = demo->officer;
      switch (amend)
        {
        case AMEND_LATE:
          entry.at = local_time (w, date, opens + MAX (minutes, 1));
          entry.user = demo->reception;
          break;
        case AMEND_ILL:
          entry.at = local_time (w, date, 9 * 60 + 20 + (int)(date % 90));
          break;
        case AMEND_UNEXPLAINED:
          entry.at = local_time (w, MIN (date + 7, demo->as_of), 15 * 60 + (int)(date % 40));
          break;
        default:
          entry.at = local_time (w, MIN (date + 8, demo->as_of), 10 * 60 + (int)(date % 60));
          break;
        }
      if (!att_register_bulk_add (w->bulk, &entry, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
att_demo_write_registers (AttDemo  *demo,
                          GError  **error)
{
  g_autofree YearRegister *reg = g_new (YearRegister, 1);
  Writer w = { 0 };

  G_STATIC_ASSERT (G_N_ELEMENTS (eid_days) <= ATT_DEMO_MAX_EID);
  for (guint i = 0; i < G_N_ELEMENTS (eid_days); i++)
    demo->eid[i] = att_date_parse_iso (eid_days[i], NULL);

  w.demo = demo;
  w.epoch = att_date_from_ymd (1970, 1, 1);

  /* The whole school's registers are one bulk load, by the set-up
   * account; each entry names the member of staff who made it. The
   * register clock stands at the end of the as-of day, when both its
   * registers have been taken. */
  w.bulk = att_register_bulk_begin (demo->db, att_user_system (), ATT_BULK_NEW_SCHOOL, error);
  if (w.bulk == NULL)
    return FALSE;
  att_register_bulk_set_clock (w.bulk, demo->as_of, DAY_ENDS);

  for (guint i = 0; i < demo->pupils->len; i++)
    {
      const AttDemoPupil *p = att_demo_pupil (demo, i);

      for (int year = demo->first_year; year <= demo->last_year; year++)
        {
          AttDemoYear *y = att_demo_get_year (demo, year);
          guint days = 0, recent_from = G_MAXUINT;
          int group = att_demo_group_in (demo, p->cohort, year);

          if (group < demo->first_group || group > demo->last_group)
            continue;
          if (p->admission > MIN (demo->as_of, att_demo_year_last_day (y)) ||
              (p->leaving != ATT_DATE_NONE && p->leaving < att_demo_year_first_day (y)))
            continue;
          /* The pupil's days up to as_of this year, so that the last ones
           * can be told apart while the year is made. */
          for (guint d = 0; d < y->days->len; d++)
            {
              AttDate date = g_array_index (y->days, AttDate, d);
              if (date > demo->as_of)
                break;
              if (date >= p->admission && (p->leaving == ATT_DATE_NONE || date <= p->leaving))
                days++;
            }
          /* Only the school year holding as_of has absences still
           * unexplained. */
          if (year == demo->last_year)
            recent_from = days > 1 ? days - 1 : 0;
          make_year_register (demo, p, year, reg, recent_from);
          if (!write_year (&w, p, year, reg, error))
            {
              att_register_bulk_abort (w.bulk);
              return FALSE;
            }
        }
    }
  return att_register_bulk_commit (w.bulk, error);
}

