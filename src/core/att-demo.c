/* att-demo.c: a realistic demonstration school
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo school is made in four steps:
 *
 *  1. the school's settings, its staff and, for every school year asked
 *     for, English term dates (six half terms, five INSET days), written
 *     through the modules that own them;
 *  2. cohorts of pupils, one per year of entry, with the pupils who left
 *     during a year, those who joined late and the older year groups who
 *     have since moved on, grouped into families of brothers and sisters
 *     who share their contacts;
 *  3. a register for every school session up to the as-of date, made one
 *     pupil and one school year at a time from the pupil's own pattern
 *     (illness that comes in winter, Monday and Friday absence, holidays
 *     in term time, lateness, trips);
 *  4. the marks written straight into the register's tables, with their
 *     history and the compact per-year copies, in one transaction.
 *
 * Everything is drawn from one pseudo-random generator seeded from the
 * seed, and each pupil's register from a generator of its own, so the same
 * seed and as-of date always give the same school.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "att-calendar.h"
#include "att-codes.h"
#include "att-db-private.h"
#include "att-demo.h"
#include "att-demo-private.h"
#include "att-error.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-register-grid.h"
#include "att-school.h"
#include "att-users.h"

#define MIN_PUPILS 20
#define MAX_PUPILS 5000
#define MAX_YEARS 10
#define PRIMARY_MAX_PUPILS 700
/* Pupil days in a year; with the five INSET days the terms hold 195. */
#define PUPIL_DAYS 190
#define FORM_SIZE 30

/* ------------------------------------------------------------------ */
/* Pseudo-random numbers: xoshiro256** seeded through splitmix64.      */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 state = seed ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* A whole number in [0, n). */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  if (n == 0)
    return 0;
  return (guint)(((rng_next (rng) >> 32) * (guint64)n) >> 32);
}

/* A number in [0, 1). */
static double
rng_double (Rng *rng)
{
  return (double)(rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_double (rng) < p;
}

static double
rng_range (Rng    *rng,
           double  lo,
           double  hi)
{
  return lo + (hi - lo) * rng_double (rng);
}

static const char *
rng_pick (Rng                *rng,
          const char * const *list,
          guint               n)
{
  return list[rng_below (rng, n)];
}

static void
rng_shuffle (Rng   *rng,
             guint *items,
             guint  n)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = rng_below (rng, i);
      guint tmp = items[i - 1];
      items[i - 1] = items[j];
      items[j] = tmp;
    }
}

/* ------------------------------------------------------------------ */
/* The calendar.                                                       */

typedef struct
{
  int      year;                 /* the calendar year of its September */
  AttDate  term_start[6];
  AttDate  term_end[6];
  AttDate  inset[5];
  GArray  *days;                 /* AttDate: the pupils' school days */
} DemoYear;

static gboolean
is_weekday (AttDate date)
{
  return att_date_weekday (date) <= 5;
}

static AttDate
next_weekday (AttDate date)
{
  while (!is_weekday (date))
    date++;
  return date;
}

static AttDate
last_weekday_of_month (int year,
                       int month,
                       int weekday)
{
  AttDate date = att_date_from_ymd (month == 12 ? year + 1 : year,
                                    month == 12 ? 1 : month + 1, 1) - 1;

  while (att_date_weekday (date) != weekday)
    date--;
  return date;
}

static AttDate
first_weekday_on_or_after (AttDate date,
                           int     weekday)
{
  while (att_date_weekday (date) != weekday)
    date++;
  return date;
}

static gboolean
is_inset (const DemoYear *y,
          AttDate         date)
{
  for (guint i = 0; i < G_N_ELEMENTS (y->inset); i++)
    if (y->inset[i] == date)
      return TRUE;
  return FALSE;
}

static guint
count_term_days (AttDate start,
                 AttDate end)
{
  guint n = 0;

  for (AttDate d = start; d <= end; d++)
    if (is_weekday (d) && !att_is_bank_holiday (d))
      n++;
  return n;
}

static AttDate
first_open_day (AttDate date)
{
  date = next_weekday (date);
  while (att_is_bank_holiday (date) || !is_weekday (date))
    date++;
  return date;
}

/* Term dates as many English local authorities set them: back in the
 * first days of September, a week off at the end of October, Christmas
 * from about 20 December, a week in mid February, two weeks round Easter,
 * the week of the late-May bank holiday, and the summer from about 20
 * July, with the end of the year chosen to give 195 days in term. */
static void
demo_year_init (DemoYear *y,
                int       year)
{
  AttDate d, easter, may_bh;
  guint days_before_summer2 = 0, want;

  memset (y, 0, sizeof *y);
  y->year = year;

  /* Autumn 1: the first weekday of September, two INSET days. */
  y->term_start[0] = next_weekday (att_date_from_ymd (year, 9, 1));
  d = last_weekday_of_month (year, 10, 1);
  y->term_end[0] = d - 3;
  /* Autumn 2: after the October half term, to the last weekday on or
   * before 20 December. */
  y->term_start[1] = d + 7;
  d = att_date_from_ymd (year, 12, 20);
  while (!is_weekday (d))
    d--;
  y->term_end[1] = d;
  /* Spring 1: the first Monday from 3 January, to the Friday before the
   * week holding the Monday on or after 11 February. */
  y->term_start[2] = first_weekday_on_or_after (att_date_from_ymd (year + 1, 1, 3), 1);
  d = first_weekday_on_or_after (att_date_from_ymd (year + 1, 2, 11), 1);
  y->term_end[2] = d - 3;
  /* Spring 2 ends on the Friday before Holy Week; Summer 1 starts the
   * Monday after Easter week. */
  y->term_start[3] = d + 7;
  easter = att_date_easter_sunday (year + 1);
  y->term_end[3] = easter - 9;
  y->term_start[4] = easter + 8;
  may_bh = last_weekday_of_month (year + 1, 5, 1);
  y->term_end[4] = may_bh - 3;
  y->term_start[5] = may_bh + 7;

  y->inset[0] = first_open_day (y->term_start[0]);
  y->inset[1] = first_open_day (y->inset[0] + 1);
  y->inset[2] = first_open_day (y->term_start[1]);
  y->inset[3] = first_open_day (y->term_start[2]);
  y->inset[4] = first_open_day (y->term_start[5]);

  for (guint t = 0; t < 5; t++)
    days_before_summer2 += count_term_days (y->term_start[t], y->term_end[t]);

  /* Summer 2 runs until the terms hold 195 days, ending on a weekday
   * between 15 and 24 July. */
  want = PUPIL_DAYS + G_N_ELEMENTS (y->inset);
  d = y->term_start[5];
  {
    guint n = days_before_summer2;
    AttDate earliest = att_date_from_ymd (year + 1, 7, 15);
    AttDate latest = att_date_from_ymd (year + 1, 7, 24);

    for (;; d++)
      {
        if (is_weekday (d) && !att_is_bank_holiday (d))
          n++;
        if ((n >= want && d >= earliest && is_weekday (d)) || d >= latest)
          break;
      }
    while (!is_weekday (d))
      d--;
  }
  y->term_end[5] = d;

  y->days = g_array_new (FALSE, FALSE, sizeof (AttDate));
  for (guint t = 0; t < 6; t++)
    for (d = y->term_start[t]; d <= y->term_end[t]; d++)
      if (is_weekday (d) && !att_is_bank_holiday (d) && !is_inset (y, d))
        g_array_append_val (y->days, d);
}

static void
demo_year_clear (DemoYear *y)
{
  g_clear_pointer (&y->days, g_array_unref);
}

static AttDate
demo_year_first_day (const DemoYear *y)
{
  return g_array_index (y->days, AttDate, 0);
}

static AttDate
demo_year_last_day (const DemoYear *y)
{
  return g_array_index (y->days, AttDate, y->days->len - 1);
}

/* ------------------------------------------------------------------ */
/* The school.                                                         */

typedef struct
{
  const AttDemoCulture *culture;
  const char *surname;
  char       *address_1;
  char       *address_2;
  char       *postcode;
  char       *phone_home;
  /* First and second contact. */
  const char *c_title[2];
  const char *c_forename[2];
  const char *c_surname[2];
  const char *c_relationship[2];
  gboolean    c_responsibility[2];
  gboolean    c_lives_with[2];
  gboolean    c_letters[2];
  char       *c_mobile[2];
  char       *c_work[2];
  char       *c_email[2];
  char       *c_address_1;      /* second contact living apart, or NULL */
  char       *c_postcode;
  gboolean    fsm;
  gboolean    social_worker;
  gboolean    foster;
  gboolean    eal;
  gboolean    observes_eid;
  /* Term-time holidays: likely to take them, and one forced into the
   * latest ten school weeks so the school has a case at the threshold. */
  gboolean    holiday_prone;
  AttDate     threshold_holiday; /* first of five school days, or 0 */
  guint       n_children;
} Family;

typedef enum
{
  PROFILE_GOOD,
  PROFILE_AVERAGE,
  PROFILE_PERSISTENT,
  PROFILE_SEVERE,
} Profile;

typedef struct
{
  gint64      id;
  guint       index;
  int         family;           /* -1 until grouped */
  int         cohort;           /* school year of entry to the first year group */
  int         form;
  char        sex;
  const char *forename;
  const char *preferred_forename;
  const char *preferred_surname;
  AttDate     dob;
  AttDate     admission;
  AttDate     leaving;
  int         year_group;       /* now, or when the pupil left */
  char        upn[14];
  gboolean    on_roll;          /* on roll on the as-of date */
  AttSen      sen;
  gboolean    young_carer;
  gboolean    looked_after;
  const char *medical_note;

  /* The pattern of the pupil's register. */
  Profile     profile;
  double      absence;          /* share of days off, before holidays */
  double      episode_days;     /* mean length of a spell of absence */
  double      unauthorised;     /* share of spells with no good reason */
  double      late;             /* share of mornings late */
  gboolean    monday_friday;
} Pupil;

typedef struct
{
  AttDb          *db;
  Rng             rng;
  guint64         seed;
  AttDate         as_of;
  gboolean        primary;
  int             first_group;  /* 0 (Reception) or 7 */
  int             last_group;   /* 6 or 11 */
  int             n_groups;
  int             n_forms;
  int             first_year;   /* first school year with marks */
  int             last_year;    /* the school year holding as_of */
  int             oldest_cohort;
  DemoYear       *years;        /* oldest_cohort .. last_year */
  guint           n_years;
  GArray         *pupils;       /* Pupil */
  GArray         *families;     /* Family */
  GStringChunk   *strings;
  AttDate         eid[32];
  int             am_open;      /* register times, minutes after midnight */
  int             pm_open;
  gint64          actor_mark[3];  /* two receptionists and the officer */
  gint64          actor_officer;
  gint64          actor_reception;
  guint           upn_serial;
} Demo;

static const char * const primary_forms[] = {
  "Oak", "Ash", "Elm", "Birch", "Rowan", "Willow", "Hazel", "Cedar",
  "Maple", "Holly", "Alder", "Larch",
};

static DemoYear *
demo_get_year (Demo *demo,
               int   year)
{
  g_assert (year >= demo->oldest_cohort && year <= demo->last_year);
  return &demo->years[year - demo->oldest_cohort];
}

static char *
form_name (Demo *demo,
           int   year_group,
           int   form)
{
  if (demo->primary)
    {
      if (year_group == ATT_YEAR_RECEPTION)
        return g_strdup_printf ("R %s", primary_forms[form % G_N_ELEMENTS (primary_forms)]);
      return g_strdup_printf ("%d %s", year_group,
                              primary_forms[form % G_N_ELEMENTS (primary_forms)]);
    }
  return g_strdup_printf ("%d%c", year_group, 'A' + form);
}

/* The year group of a pupil of @cohort in school year @year. */
static int
group_in (Demo *demo,
          int   cohort,
          int   year)
{
  return demo->first_group + (year - cohort);
}

/* The day a cohort leaves after its last year: the end of the summer
 * term for a primary school; the last Friday of June for Year 11, when
 * compulsory schooling ends. */
static AttDate
cohort_leaving_day (Demo *demo,
                    int   cohort)
{
  int final = cohort + demo->n_groups - 1;

  if (demo->primary)
    {
      DemoYear y;
      AttDate last;

      if (final <= demo->last_year)
        return demo_year_last_day (demo_get_year (demo, final));
      demo_year_init (&y, final);
      last = demo_year_last_day (&y);
      demo_year_clear (&y);
      return last;
    }
  return last_weekday_of_month (final + 1, 6, 5);
}

/* A random pupil day of @year no later than @until (0 when none). */
static AttDate
random_day (Demo    *demo,
            Rng     *rng,
            int      year,
            AttDate  from,
            AttDate  until)
{
  DemoYear *y = demo_get_year (demo, year);
  guint lo = 0, hi = y->days->len;

  while (lo < hi && g_array_index (y->days, AttDate, lo) < from)
    lo++;
  while (hi > lo && g_array_index (y->days, AttDate, hi - 1) > until)
    hi--;
  if (lo >= hi)
    return ATT_DATE_NONE;
  return g_array_index (y->days, AttDate, lo + rng_below (rng, hi - lo));
}

static void
make_upn (Demo  *demo,
          Pupil *pupil,
          int    allocated)
{
  char rest[13];
  guint serial = demo->upn_serial++;
  /* A made-up local authority number and establishment numbers that step
   * on every thousand pupils, as if pupils came from several schools. */
  guint estab = 2100 + serial / 1000;

  g_snprintf (rest, sizeof rest, "%03u%04u%02d%03u", 919u, estab,
              allocated % 100, serial % 1000);
  pupil->upn[0] = att_upn_check_letter (rest);
  memcpy (pupil->upn + 1, rest, 12);
  pupil->upn[13] = '\0';
}

static void
new_pupil (Demo    *demo,
           int      cohort,
           AttDate  admission,
           AttDate  leaving)
{
  Pupil p = { 0 };
  int birth_year;
  AttDate born_from;

  p.index = demo->pupils->len;
  p.id = (gint64)p.index + 1;
  p.family = -1;
  p.cohort = cohort;
  p.admission = admission;
  p.leaving = leaving;
  p.on_roll = admission <= demo->as_of &&
              (leaving == ATT_DATE_NONE || leaving >= demo->as_of);
  /* Born between 1 September and 31 August: aged 4 on 31 August before
   * Reception, 11 before Year 7. */
  birth_year = cohort - (demo->primary ? 5 : 12);
  born_from = att_date_from_ymd (birth_year, 9, 1);
  p.dob = born_from + (AttDate)rng_below (&demo->rng,
                                          (guint)(att_date_from_ymd (birth_year + 1, 9, 1) - born_from));
  p.year_group = group_in (demo, cohort,
                           leaving != ATT_DATE_NONE && leaving < demo->as_of
                           ? att_date_school_year (leaving) : demo->last_year);
  p.year_group = CLAMP (p.year_group, demo->first_group, demo->last_group);
  p.form = (int)rng_below (&demo->rng, (guint)demo->n_forms);
  make_upn (demo, &p, att_date_school_year (admission));
  g_array_append_val (demo->pupils, p);
}

/* Spreads @total over the year groups: the older groups a little larger,
 * as schools fill from the bottom less than they used to. */
static void
split_year_groups (Demo  *demo,
                   guint  total,
                   guint *counts)
{
  guint sum = 0;

  for (int g = 0; g < demo->n_groups; g++)
    {
      counts[g] = total / (guint)demo->n_groups;
      sum += counts[g];
    }
  for (int g = demo->n_groups - 1; sum < total; g = (g + demo->n_groups - 1) % demo->n_groups)
    {
      counts[g]++;
      sum++;
    }
}

/* Makes every cohort with a pupil on roll in the years asked for. */
static void
make_cohorts (Demo  *demo,
              guint  n_pupils)
{
  guint now[16] = { 0 };
  int per_group = (int)(n_pupils / (guint)demo->n_groups);

  split_year_groups (demo, n_pupils, now);

  for (int cohort = demo->oldest_cohort; cohort <= demo->last_year; cohort++)
    {
      int final = cohort + demo->n_groups - 1;
      AttDate start = demo_year_first_day (demo_get_year (demo, cohort));
      AttDate graduation = cohort_leaving_day (demo, cohort);
      gboolean graduated = graduation < demo->as_of;
      guint stayers;

      if (graduated)
        stayers = (guint)MAX (1, per_group - 3 + (int)rng_below (&demo->rng, 7));
      else
        stayers = now[group_in (demo, cohort, demo->last_year) - demo->first_group];

      /* Those still on roll, or who left with their year group; one in
       * ten of them joined after the start. */
      for (guint i = 0; i < stayers; i++)
        {
          AttDate admission = start;

          if (rng_chance (&demo->rng, 0.10))
            {
              int year = cohort + (int)rng_below (&demo->rng, (guint)(MIN (final, demo->last_year) - cohort + 1));
              AttDate until = MIN (demo->as_of, graduation - 1);
              AttDate day = random_day (demo, &demo->rng, year, start + 1, until);

              if (day != ATT_DATE_NONE)
                admission = day;
            }
          new_pupil (demo, cohort, admission, graduated ? graduation : ATT_DATE_NONE);
        }

      /* Those who moved away during one of the years with marks: about
       * one in forty a year. */
      for (int year = MAX (cohort, demo->first_year); year <= MIN (final, demo->last_year); year++)
        {
          guint movers = (guint)((double)per_group * 0.025 + rng_double (&demo->rng));

          for (guint i = 0; i < movers; i++)
            {
              AttDate leaving = random_day (demo, &demo->rng, year, start + 1,
                                            MIN (demo->as_of - 1, graduation - 1));
              AttDate admission = start;

              if (leaving == ATT_DATE_NONE)
                continue;
              if (rng_chance (&demo->rng, 0.25))
                {
                  AttDate day = random_day (demo, &demo->rng, year, start + 1, leaving - 1);
                  if (day != ATT_DATE_NONE)
                    admission = day;
                }
              new_pupil (demo, cohort, admission, leaving);
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Families.                                                           */

static char *
chunk_printf (Demo       *demo,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static char *
chunk_printf (Demo       *demo,
              const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return g_string_chunk_insert (demo->strings, text);
}

static char *
email_for (Demo       *demo,
           const char *forename,
           const char *surname,
           guint       number)
{
  g_autofree char *ascii = g_str_to_ascii (forename, "C");
  g_autofree char *ascii_surname = g_str_to_ascii (surname, "C");
  GString *out = g_string_new (NULL);

  for (const char *s = ascii; *s; s++)
    if (g_ascii_isalnum (*s))
      g_string_append_c (out, g_ascii_tolower (*s));
  g_string_append_c (out, '.');
  for (const char *s = ascii_surname; *s; s++)
    if (g_ascii_isalnum (*s))
      g_string_append_c (out, g_ascii_tolower (*s));
  if (number > 0)
    g_string_append_printf (out, "%u", number);
  g_string_append (out, "@example.org");
  {
    char *result = g_string_chunk_insert (demo->strings, out->str);
    g_string_free (out, TRUE);
    return result;
  }
}

static const AttDemoCulture *
pick_culture (Demo *demo)
{
  guint n;
  const AttDemoCulture *cultures = att_demo_cultures (&n);
  guint r = rng_below (&demo->rng, 1000);

  for (guint i = 0; i < n; i++)
    {
      if (r < cultures[i].weight)
        return &cultures[i];
      r -= cultures[i].weight;
    }
  return &cultures[0];
}

static char *
mobile_number (Demo *demo)
{
  /* The range Ofcom keeps for drama: no real telephone has it. */
  return chunk_printf (demo, "07700 900%03u", rng_below (&demo->rng, 1000));
}

static void
make_family (Demo   *demo,
             Family *f)
{
  Rng *rng = &demo->rng;
  const AttDemoCulture *c;
  guint n_streets, n_districts;
  const char * const *streets = att_demo_streets (&n_streets);
  const char * const *districts = att_demo_districts (&n_districts);
  double shape = rng_double (rng);
  guint family_number = demo->families->len;

  memset (f, 0, sizeof *f);
  f->culture = c = pick_culture (demo);
  f->surname = rng_pick (rng, c->surnames, c->n_surnames);
  f->address_1 = chunk_printf (demo, "%u %s", 1 + rng_below (rng, 140),
                               rng_pick (rng, streets, n_streets));
  f->address_2 = rng_chance (rng, 0.6) ? g_string_chunk_insert (demo->strings,
                                                                rng_pick (rng, districts, n_districts))
                                       : NULL;
  f->postcode = chunk_printf (demo, "MB%u %u%c%c", 1 + rng_below (rng, 9), rng_below (rng, 10),
                              "ABDEFGHJLNPQRSTUWXYZ"[rng_below (rng, 20)],
                              "ABDEFGHJLNPQRSTUWXYZ"[rng_below (rng, 20)]);
  f->phone_home = rng_chance (rng, 0.35) ? chunk_printf (demo, "01632 960%03u", rng_below (rng, 1000))
                                         : NULL;
  f->eal = rng_below (rng, 100) < c->eal_percent;
  f->observes_eid = (g_str_equal (c->label, "south-asian") && rng_chance (rng, 0.7)) ||
                    g_str_equal (c->label, "somali") ||
                    (g_str_equal (c->label, "turkish") && rng_chance (rng, 0.5));
  f->holiday_prone = rng_chance (rng, 0.08);

  /* First contact: usually the mother. */
  f->c_title[0] = rng_chance (rng, 0.6) ? "Mrs" : rng_chance (rng, 0.5) ? "Ms" : "Miss";
  f->c_forename[0] = rng_pick (rng, c->girls, c->n_girls);
  f->c_surname[0] = rng_chance (rng, 0.85) ? f->surname : rng_pick (rng, c->surnames, c->n_surnames);
  f->c_relationship[0] = "Mother";
  f->c_responsibility[0] = TRUE;
  f->c_lives_with[0] = TRUE;
  f->c_letters[0] = TRUE;
  f->c_mobile[0] = mobile_number (demo);
  f->c_email[0] = email_for (demo, f->c_forename[0], f->c_surname[0], family_number % 7 == 0 ? family_number % 89 : 0);

  /* Second contact: the father at home, a father living apart, a
   * grandparent or an aunt. */
  f->c_responsibility[1] = TRUE;
  f->c_lives_with[1] = TRUE;
  f->c_letters[1] = FALSE;
  if (shape < 0.62)
    {
      f->c_title[1] = "Mr";
      f->c_forename[1] = rng_pick (rng, c->boys, c->n_boys);
      f->c_surname[1] = f->surname;
      f->c_relationship[1] = "Father";
    }
  else if (shape < 0.84)
    {
      f->c_title[1] = "Mr";
      f->c_forename[1] = rng_pick (rng, c->boys, c->n_boys);
      f->c_surname[1] = f->surname;
      f->c_relationship[1] = "Father";
      f->c_lives_with[1] = FALSE;
      f->c_letters[1] = TRUE;
      f->c_address_1 = chunk_printf (demo, "Flat %u, %u %s", 1 + rng_below (rng, 12),
                                     1 + rng_below (rng, 90), rng_pick (rng, streets, n_streets));
      f->c_postcode = chunk_printf (demo, "MB%u %u%c%c", 1 + rng_below (rng, 9), rng_below (rng, 10),
                                    "ABDEFGHJLNPQRSTUWXYZ"[rng_below (rng, 20)],
                                    "ABDEFGHJLNPQRSTUWXYZ"[rng_below (rng, 20)]);
    }
  else if (shape < 0.94)
    {
      gboolean grandad = rng_chance (rng, 0.35);
      f->c_title[1] = grandad ? "Mr" : "Mrs";
      f->c_forename[1] = grandad ? rng_pick (rng, c->boys, c->n_boys)
                                 : rng_pick (rng, c->girls, c->n_girls);
      f->c_surname[1] = rng_chance (rng, 0.5) ? f->surname : rng_pick (rng, c->surnames, c->n_surnames);
      f->c_relationship[1] = grandad ? "Grandfather" : "Grandmother";
      f->c_responsibility[1] = FALSE;
      f->c_lives_with[1] = FALSE;
    }
  else
    {
      f->c_title[1] = "Ms";
      f->c_forename[1] = rng_pick (rng, c->girls, c->n_girls);
      f->c_surname[1] = rng_pick (rng, c->surnames, c->n_surnames);
      f->c_relationship[1] = "Aunt";
      f->c_responsibility[1] = FALSE;
      f->c_lives_with[1] = FALSE;
    }
  f->c_mobile[1] = mobile_number (demo);
  f->c_work[1] = rng_chance (rng, 0.3) ? chunk_printf (demo, "01632 960%03u", rng_below (rng, 1000))
                                       : NULL;
  f->c_email[1] = rng_chance (rng, 0.7) ? email_for (demo, f->c_forename[1], f->c_surname[1], 0) : NULL;

  /* Families on low incomes claim free meals for all their children. */
  f->fsm = rng_chance (rng, 0.24);
  f->social_worker = rng_chance (rng, 0.03);
}

/* A looked-after child lives with foster carers, and the local authority
 * shares parental responsibility. */
static void
make_foster (Demo   *demo,
             Family *f)
{
  Rng *rng = &demo->rng;
  const AttDemoCulture *c = &att_demo_cultures (&(guint){ 0 })[0];

  f->foster = TRUE;
  f->social_worker = TRUE;
  f->fsm = TRUE;
  f->c_title[0] = "Mrs";
  f->c_forename[0] = rng_pick (rng, c->girls, c->n_girls);
  f->c_surname[0] = rng_pick (rng, c->surnames, c->n_surnames);
  f->c_relationship[0] = "Foster carer";
  f->c_responsibility[0] = FALSE;
  f->c_lives_with[0] = TRUE;
  f->c_letters[0] = TRUE;
  f->c_email[0] = email_for (demo, f->c_forename[0], f->c_surname[0], 0);
  f->c_title[1] = "Ms";
  f->c_forename[1] = rng_pick (rng, c->girls, c->n_girls);
  f->c_surname[1] = rng_pick (rng, c->surnames, c->n_surnames);
  f->c_relationship[1] = "Social worker";
  f->c_responsibility[1] = TRUE;
  f->c_lives_with[1] = FALSE;
  f->c_letters[1] = TRUE;
  f->c_work[1] = chunk_printf (demo, "01632 960%03u", rng_below (rng, 1000));
  f->c_email[1] = chunk_printf (demo, "childrens.services%u@example.org", rng_below (rng, 90));
  f->c_address_1 = NULL;
}

/* Groups pupils into families: most are only children at the school,
 * others have a brother or sister one to five years apart. */
static void
make_families (Demo *demo)
{
  guint n = demo->pupils->len;
  g_autofree guint *order = g_new (guint, n);
  int n_cohorts = demo->last_year - demo->oldest_cohort + 1;
  g_autofree GArray **free_in = g_new0 (GArray *, (gsize)n_cohorts);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  rng_shuffle (&demo->rng, order, n);

  for (int c = 0; c < n_cohorts; c++)
    free_in[c] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      Pupil *p = &g_array_index (demo->pupils, Pupil, order[i]);
      g_array_append_val (free_in[p->cohort - demo->oldest_cohort], order[i]);
    }

  for (guint i = 0; i < n; i++)
    {
      Pupil *p = &g_array_index (demo->pupils, Pupil, order[i]);
      Family f;
      double r;
      guint size;
      int cohorts_used[4];
      int family_index = (int)demo->families->len;

      if (p->family >= 0)
        continue;

      make_family (demo, &f);
      r = rng_double (&demo->rng);
      size = r < 0.60 ? 1 : r < 0.88 ? 2 : r < 0.97 ? 3 : 4;
      p->family = family_index;
      f.n_children = 1;
      cohorts_used[0] = p->cohort;

      for (guint s = 1; s < size; s++)
        for (guint attempt = 0; attempt < 6; attempt++)
          {
            int gap = 1 + (int)rng_below (&demo->rng, 5);
            int cohort = cohorts_used[s - 1] + (rng_chance (&demo->rng, 0.5) ? gap : -gap);
            GArray *pool;
            gboolean clash = FALSE;

            if (cohort < demo->oldest_cohort || cohort > demo->last_year)
              continue;
            for (guint k = 0; k < s; k++)
              clash |= cohorts_used[k] == cohort;
            if (clash)
              continue;
            pool = free_in[cohort - demo->oldest_cohort];
            while (pool->len > 0)
              {
                guint candidate = g_array_index (pool, guint, pool->len - 1);
                Pupil *sibling = &g_array_index (demo->pupils, Pupil, candidate);

                g_array_set_size (pool, pool->len - 1);
                if (sibling->family >= 0)
                  continue;
                sibling->family = family_index;
                f.n_children++;
                cohorts_used[s] = cohort;
                break;
              }
            if (f.n_children == s + 1)
              break;
          }
      g_array_append_val (demo->families, f);
    }

  for (int c = 0; c < n_cohorts; c++)
    g_array_unref (free_in[c]);
}

/* ------------------------------------------------------------------ */
/* Pupils' details and the patterns of their registers.                */

static void
set_profile (Demo  *demo,
             Pupil *p)
{
  Rng *rng = &demo->rng;
  double r = rng_double (rng);

  if (r < 0.02)
    {
      p->profile = PROFILE_SEVERE;
      p->absence = rng_range (rng, 0.50, 0.68);
      p->episode_days = 6.0;
      p->unauthorised = 0.45;
      p->late = 0.06;
    }
  else if (r < 0.15)
    {
      p->profile = PROFILE_PERSISTENT;
      p->absence = rng_range (rng, 0.10, 0.20);
      p->episode_days = 2.4;
      p->unauthorised = 0.25;
      p->late = rng_range (rng, 0.02, 0.08);
    }
  else if (r < 0.40)
    {
      p->profile = PROFILE_AVERAGE;
      p->absence = rng_range (rng, 0.035, 0.08);
      p->episode_days = 1.9;
      p->unauthorised = 0.10;
      p->late = rng_range (rng, 0.01, 0.04);
    }
  else
    {
      p->profile = PROFILE_GOOD;
      p->absence = rng_range (rng, 0.004, 0.035);
      p->episode_days = 1.6;
      p->unauthorised = 0.03;
      p->late = rng_range (rng, 0.0, 0.015);
    }
  p->monday_friday = p->profile != PROFILE_GOOD && rng_chance (rng, 0.2);
}

static void
make_details (Demo *demo)
{
  Rng *rng = &demo->rng;
  guint n_notes;
  const char * const *notes = att_demo_medical_notes (&n_notes);
  const AttDemoCulture *english = &att_demo_cultures (&(guint){ 0 })[0];
  int foster_family = -1;
  guint on_roll = 0, looked_after = 0;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < demo->pupils->len; i++)
    {
      Pupil *p = &g_array_index (demo->pupils, Pupil, i);
      Family *f = &g_array_index (demo->families, Family, p->family);
      const AttDemoCulture *c = f->culture;
      double r;

      p->sex = rng_chance (rng, 0.5) ? 'F' : 'M';
      /* Two pupils with the same name are rare in a real school (and
       * never brothers or sisters): a name already taken is drawn again,
       * a few times at most. */
      for (guint attempt = 0; attempt < 12; attempt++)
        {
          g_autofree char *full = NULL;

          p->forename = p->sex == 'F' ? rng_pick (rng, c->girls, c->n_girls)
                                      : rng_pick (rng, c->boys, c->n_boys);
          if (strcmp (p->forename, f->surname) == 0)
            continue;
          full = g_strconcat (p->forename, " ", f->surname, NULL);
          if (g_hash_table_add (names, g_steal_pointer (&full)))
            break;
        }
      /* Never "Abdi Abdi", however the draws went. */
      for (guint k = 0; strcmp (p->forename, f->surname) == 0; k++)
        p->forename = p->sex == 'F' ? c->girls[k % c->n_girls] : c->boys[k % c->n_boys];
      /* Some pupils go by another name: an English one chosen by the
       * family, or a stepfather's surname. */
      if (c != english && rng_chance (rng, 0.06))
        p->preferred_forename = p->sex == 'F' ? rng_pick (rng, english->girls, english->n_girls)
                                              : rng_pick (rng, english->boys, english->n_boys);
      else if (rng_chance (rng, 0.015))
        p->preferred_forename = p->sex == 'F' ? rng_pick (rng, c->girls, c->n_girls)
                                              : rng_pick (rng, c->boys, c->n_boys);
      if (g_strcmp0 (p->preferred_forename, p->forename) == 0)
        p->preferred_forename = NULL;
      if (rng_chance (rng, 0.012))
        p->preferred_surname = rng_pick (rng, english->surnames, english->n_surnames);
      if (g_strcmp0 (p->preferred_surname, f->surname) == 0)
        p->preferred_surname = NULL;

      r = rng_double (rng);
      p->sen = r < 0.03 ? ATT_SEN_EHCP : r < 0.16 ? ATT_SEN_SUPPORT : ATT_SEN_NONE;
      p->young_carer = p->year_group >= 3 && rng_chance (rng, 0.025);
      if (rng_chance (rng, 0.05))
        p->medical_note = rng_pick (rng, notes, n_notes);
      set_profile (demo, p);

      if (p->on_roll)
        on_roll++;
      if (p->on_roll && f->n_children == 1 && foster_family < 0 && rng_chance (rng, 0.02))
        foster_family = p->family;
      if (p->on_roll && f->n_children == 1 && rng_chance (rng, 0.008))
        {
          make_foster (demo, f);
          p->looked_after = TRUE;
          looked_after++;
        }
    }

  /* Every group the school must watch has at least one pupil on roll,
   * however small the demo. */
  if (looked_after == 0)
    for (guint i = 0; i < demo->pupils->len; i++)
      {
        Pupil *p = &g_array_index (demo->pupils, Pupil, i);
        Family *f = &g_array_index (demo->families, Family, p->family);

        if (p->on_roll && f->n_children == 1 && (foster_family < 0 || p->family == foster_family))
          {
            make_foster (demo, f);
            p->looked_after = TRUE;
            break;
          }
      }
  {
    gboolean have[6] = { FALSE };

    for (guint i = 0; i < demo->pupils->len; i++)
      {
        Pupil *p = &g_array_index (demo->pupils, Pupil, i);
        Family *f = &g_array_index (demo->families, Family, p->family);

        if (!p->on_roll)
          continue;
        have[0] |= f->fsm;
        have[1] |= f->social_worker;
        have[2] |= p->young_carer;
        have[3] |= p->sen == ATT_SEN_EHCP;
        have[4] |= p->medical_note != NULL;
        have[5] |= f->eal;
      }
    for (guint i = demo->pupils->len; i-- > 0;)
      {
        Pupil *p = &g_array_index (demo->pupils, Pupil, i);
        Family *f = &g_array_index (demo->families, Family, p->family);

        if (!p->on_roll || p->looked_after)
          continue;
        if (!have[0])
          have[0] = f->fsm = TRUE;
        else if (!have[1])
          have[1] = f->social_worker = TRUE;
        else if (!have[2] && p->year_group >= 3)
          have[2] = p->young_carer = TRUE;
        else if (!have[3] && p->sen == ATT_SEN_NONE)
          {
            p->sen = ATT_SEN_EHCP;
            have[3] = TRUE;
          }
        else if (!have[4])
          {
            p->medical_note = notes[0];
            have[4] = TRUE;
          }
        else if (!have[5])
          have[5] = f->eal = TRUE;
      }
  }
}

/* About one pupil in 150, at least one, goes on a week's holiday in
 * the latest ten school weeks with the rest of the family: ten sessions of
 * G, enough to meet the National Framework threshold. */
static void
plan_threshold_holidays (Demo   *demo,
                         GArray *school_days)
{
  guint last = 0;
  guint wanted, found = 0;
  g_autofree guint *order = NULL;
  guint n = demo->pupils->len;

  while (last < school_days->len && g_array_index (school_days, AttDate, last) <= demo->as_of)
    last++;
  /* last is now the number of pupil days up to as_of. */
  if (last < 12)
    return;

  wanted = 0;
  for (guint i = 0; i < n; i++)
    wanted += g_array_index (demo->pupils, Pupil, i).on_roll;
  wanted = MAX (1, wanted / 150);

  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  rng_shuffle (&demo->rng, order, n);

  for (guint k = 0; k < n && found < wanted; k++)
    {
      Pupil *p = &g_array_index (demo->pupils, Pupil, order[k]);
      Family *f = &g_array_index (demo->families, Family, p->family);
      guint span = MIN (last - 6, 30u);
      guint start = last - 6 - rng_below (&demo->rng, span + 1);
      AttDate first_day = g_array_index (school_days, AttDate, start);

      /* The week ends before as_of, so the office has had time to hear. */
      if (!p->on_roll || f->foster || f->threshold_holiday != 0 || p->admission > first_day)
        continue;
      f->threshold_holiday = first_day;
      found++;
    }
}

/* ------------------------------------------------------------------ */
/* Writing the school.                                                 */

static gboolean
write_settings (Demo    *demo,
                GError **error)
{
  const char *keys[] = {
    "name", "urn", "la", "address", "phone", "email", "headteacher",
    "attendance_lead", "am_open", "am_close", "pm_open", "pm_close", NULL,
  };
  const char *primary_values[] = {
    "Millbrook Primary School", "190412", "Millshire",
    "Brook Lane, Millbrook, Millshire MB4 2QT", "01632 960100",
    "office@millbrook-primary.example.org", "Helen Carter",
    "Daniel Osei (Deputy Headteacher)", "08:45", "09:15", "13:00", "13:15", NULL,
  };
  const char *secondary_values[] = {
    "Millbrook Academy", "190877", "Millshire",
    "Weavers Row, Millbrook, Millshire MB2 6HL", "01632 960200",
    "office@millbrook-academy.example.org", "Helen Carter",
    "Daniel Osei (Deputy Headteacher)", "08:35", "09:00", "13:40", "13:55", NULL,
  };

  demo->am_open = demo->primary ? 8 * 60 + 45 : 8 * 60 + 35;
  demo->pm_open = demo->primary ? 13 * 60 : 13 * 60 + 40;
  return att_school_set_many (demo->db, att_user_system (), keys,
                              demo->primary ? primary_values : secondary_values,
                              error);
}

static gint64
add_user (Demo        *demo,
          const char  *name,
          AttRole      role,
          const char  *position,
          GError     **error)
{
  g_autoptr(AttUser) user = NULL;
  gint64 id = att_users_add (demo->db, att_user_system (), name, role, position, error);

  if (id <= 0)
    return 0;
  user = att_users_get (demo->db, id, error);
  if (user == NULL)
    return 0;
  return att_audit_actor (demo->db, user, error);
}

static gboolean
write_users (Demo    *demo,
             GError **error)
{
  return add_user (demo, "Helen Carter", ATT_ROLE_HEADTEACHER, "Headteacher", error) != 0 &&
         (demo->actor_officer = demo->actor_mark[2] =
            add_user (demo, "Sam Whitfield", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance Officer", error)) != 0 &&
         (demo->actor_reception = demo->actor_mark[0] =
            add_user (demo, "Julie Price", ATT_ROLE_RECEPTIONIST, "Receptionist", error)) != 0 &&
         (demo->actor_mark[1] =
            add_user (demo, "Amrit Sandhu", ATT_ROLE_RECEPTIONIST, "Receptionist", error)) != 0 &&
         add_user (demo, "Tom Ashworth", ATT_ROLE_ADMIN, "Data Manager", error) != 0;
}

/* Two saved register filters of the kind an office keeps, so the demo
 * shows what they are for. */
static gboolean
write_saved_filters (Demo    *demo,
                     GError **error)
{
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func ((GDestroyNotify) att_grid_filter_free);
  g_autoptr(AttUser) officer = NULL;
  g_autoptr(GPtrArray) users = att_users_list (demo->db, error);
  AttGridFilter *sen, *vulnerable;

  if (users == NULL)
    return FALSE;
  for (guint i = 0; i < users->len && officer == NULL; i++)
    {
      AttUser *user = g_ptr_array_index (users, i);

      if (user->role == ATT_ROLE_ATTENDANCE_OFFICER)
        officer = att_user_copy (user);
    }
  g_return_val_if_fail (officer != NULL, FALSE);

  sen = att_grid_filter_new_year (demo->primary ? 6 : 9);
  sen->name = g_strdup_printf ("SEN support, Year %d", sen->year);
  sen->sen = 'K';
  g_ptr_array_add (filters, sen);
  vulnerable = att_grid_filter_new ();
  vulnerable->name = g_strdup ("Looked after, whole school");
  vulnerable->looked_after = 1;
  g_ptr_array_add (filters, vulnerable);
  return att_grid_filters_save (demo->db, officer, filters, error);
}

static gboolean
write_calendar (Demo    *demo,
                GError **error)
{
  static const char * const names[6] = {
    "Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2",
  };

  for (int year = demo->first_year; year <= demo->last_year; year++)
    {
      DemoYear *y = demo_get_year (demo, year);

      for (guint t = 0; t < 6; t++)
        {
          g_autofree char *name = g_strdup_printf ("%s %d", names[t], t < 2 ? year : year + 1);

          if (att_calendar_add_term (demo->db, (AttUser *)att_user_system (), name, y->term_start[t], y->term_end[t], error) <= 0)
            return FALSE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (y->inset); i++)
        if (att_calendar_add_closure (demo->db, (AttUser *)att_user_system (), y->inset[i], y->inset[i], -1,
                                      "INSET day (staff training)", error) <= 0)
          return FALSE;
    }
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

/* A surname as a woman or girl of the family bears it: Polish surnames in
 * -ski and -cki end in -ska and -cka. */
static char *
surname_for (const char *surname,
             char        sex)
{
  if (sex == 'F' && (g_str_has_suffix (surname, "ski") || g_str_has_suffix (surname, "cki")))
    {
      char *female = g_strdup (surname);
      female[strlen (female) - 1] = 'a';
      return female;
    }
  return g_strdup (surname);
}

static gboolean
write_pupils (Demo    *demo,
              GError **error)
{
  AttDb *db = demo->db;
  sqlite3_stmt *pupil_stmt, *contact_stmt;

  pupil_stmt = att_db_prepare (db,
                               "INSERT INTO pupils (id, upn, legal_surname, legal_forename, "
                               "preferred_surname, preferred_forename, dob, sex, year_group, "
                               "reg_group, admission_date, leaving_date, fsm, sen, eal, "
                               "looked_after, social_worker, young_carer, medical_note) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (pupil_stmt == NULL)
    return FALSE;
  contact_stmt = att_db_prepare (db,
                                 "INSERT INTO contacts (pupil_id, priority, title, forename, surname, "
                                 "relationship, parental_responsibility, lives_with, receives_letters, "
                                 "phone_home, phone_mobile, phone_work, email, address_1, address_2, "
                                 "town, postcode) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
  if (contact_stmt == NULL)
    return FALSE;

  for (guint i = 0; i < demo->pupils->len; i++)
    {
      Pupil *p = &g_array_index (demo->pupils, Pupil, i);
      Family *f = &g_array_index (demo->families, Family, p->family);
      g_autofree char *group = form_name (demo, p->year_group, p->form);
      g_autofree char *surname = surname_for (f->surname, p->sex);
      char sex[2] = { p->sex, '\0' };
      char sen[2] = { (char)p->sen, '\0' };

      pupil_stmt = att_db_prepare (db, sqlite3_sql (pupil_stmt), error);
      sqlite3_bind_int64 (pupil_stmt, 1, p->id);
      sqlite3_bind_text (pupil_stmt, 2, p->upn, -1, SQLITE_STATIC);
      bind_text (pupil_stmt, 3, surname);
      bind_text (pupil_stmt, 4, p->forename);
      bind_text (pupil_stmt, 5, p->preferred_surname);
      bind_text (pupil_stmt, 6, p->preferred_forename);
      sqlite3_bind_int (pupil_stmt, 7, p->dob);
      bind_text (pupil_stmt, 8, sex);
      sqlite3_bind_int (pupil_stmt, 9, p->year_group);
      bind_text (pupil_stmt, 10, group);
      sqlite3_bind_int (pupil_stmt, 11, p->admission);
      if (p->leaving != ATT_DATE_NONE)
        sqlite3_bind_int (pupil_stmt, 12, p->leaving);
      sqlite3_bind_int (pupil_stmt, 13, f->fsm);
      bind_text (pupil_stmt, 14, sen);
      sqlite3_bind_int (pupil_stmt, 15, f->eal);
      sqlite3_bind_int (pupil_stmt, 16, p->looked_after);
      sqlite3_bind_int (pupil_stmt, 17, f->social_worker);
      sqlite3_bind_int (pupil_stmt, 18, p->young_carer);
      bind_text (pupil_stmt, 19, p->medical_note);
      if (!att_db_step_done (db, pupil_stmt, error))
        return FALSE;

      for (int k = 0; k < 2; k++)
        {
          gboolean apart = !f->c_lives_with[k];
          g_autofree char *c_surname = surname_for (f->c_surname[k],
                                                    g_strcmp0 (f->c_title[k], "Mr") == 0 ? 'M' : 'F');

          contact_stmt = att_db_prepare (db, sqlite3_sql (contact_stmt), error);
          sqlite3_bind_int64 (contact_stmt, 1, p->id);
          sqlite3_bind_int (contact_stmt, 2, k + 1);
          bind_text (contact_stmt, 3, f->c_title[k]);
          bind_text (contact_stmt, 4, f->c_forename[k]);
          bind_text (contact_stmt, 5, c_surname);
          bind_text (contact_stmt, 6, f->c_relationship[k]);
          sqlite3_bind_int (contact_stmt, 7, f->c_responsibility[k]);
          sqlite3_bind_int (contact_stmt, 8, f->c_lives_with[k]);
          sqlite3_bind_int (contact_stmt, 9, f->c_letters[k]);
          bind_text (contact_stmt, 10, apart ? NULL : f->phone_home);
          bind_text (contact_stmt, 11, f->c_mobile[k]);
          bind_text (contact_stmt, 12, f->c_work[k]);
          bind_text (contact_stmt, 13, f->c_email[k]);
          if (!apart)
            {
              bind_text (contact_stmt, 14, f->address_1);
              bind_text (contact_stmt, 15, f->address_2);
              bind_text (contact_stmt, 16, "Millbrook");
              bind_text (contact_stmt, 17, f->postcode);
            }
          else if (k == 1 && f->c_address_1 != NULL)
            {
              bind_text (contact_stmt, 14, f->c_address_1);
              bind_text (contact_stmt, 16, "Millbrook");
              bind_text (contact_stmt, 17, f->c_postcode);
            }
          if (!att_db_step_done (db, contact_stmt, error))
            return FALSE;
        }
    }
  att_db_note_change (db, ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Registers.                                                          */

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
trip_for (Demo    *demo,
          int      cohort,
          int      form,
          int      year,
          AttDate  date)
{
  Rng rng;
  DemoYear *y = demo_get_year (demo, year);
  guint n_trips;

  att_demo_trips (&n_trips);
  rng_init (&rng, demo->seed, G_GUINT64_CONSTANT (0x7f1) + (guint64)((cohort * 64 + form) * 4096 + year));
  for (guint k = 0; k < 2; k++)
    {
      AttDate day = g_array_index (y->days, AttDate, rng_below (&rng, y->days->len));
      guint trip = rng_below (&rng, n_trips);

      if (day == date)
        return COMMENT_TRIP_FIRST + trip;
    }
  return 0;
}

static gboolean
eid_on (Demo    *demo,
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
family_holiday (Demo     *demo,
                guint     family,
                int       year,
                gboolean *granted)
{
  Family *f = &g_array_index (demo->families, Family, family);
  DemoYear *y = demo_get_year (demo, year);
  Rng rng;
  guint term;
  AttDate end;
  guint i;

  *granted = FALSE;
  rng_init (&rng, demo->seed, G_GUINT64_CONSTANT (0x401d) + (guint64)family * 64 + (guint64)year);
  if (!(f->holiday_prone ? rng_chance (&rng, 0.5) : rng_chance (&rng, 0.02)))
    return ATT_DATE_NONE;
  *granted = rng_chance (&rng, 0.15);
  term = rng_below (&rng, 6);
  end = y->term_end[term];
  for (i = y->days->len; i > 0 && g_array_index (y->days, AttDate, i - 1) > end; i--)
    ;
  if (i < 5)
    return ATT_DATE_NONE;
  return g_array_index (y->days, AttDate, i - 5);
}

typedef struct
{
  Demo         *demo;
  GArray       *school_days;     /* every pupil day, all years */
  guint         n_marked_days;   /* those up to as_of */
  sqlite3_stmt *mark_stmt;
  sqlite3_stmt *history_stmt;
  sqlite3_stmt *year_stmt;
  AttDate       epoch;           /* 1 January 1970 */
  guint64       n_marks;
} Writer;

static gboolean
in_summer_time (AttDate date)
{
  int y, m, d;

  att_date_to_ymd (date, &y, &m, &d);
  return date >= last_weekday_of_month (y, 3, 7) && date < last_weekday_of_month (y, 10, 7);
}

/* Seconds since 1970 (UTC) of a local time in England. */
static gint64
local_time (Writer  *w,
            AttDate  date,
            int      minutes)
{
  gint64 t = (gint64)(date - w->epoch) * 86400 + (gint64)minutes * 60;

  return in_summer_time (date) ? t - 3600 : t;
}

/* Fills one pupil's register for one school year. */
static void
make_year_register (Demo         *demo,
                    const Pupil  *p,
                    int           year,
                    YearRegister *reg,
                    guint         recent_from)
{
  Family *f = &g_array_index (demo->families, Family, p->family);
  DemoYear *y = demo_get_year (demo, year);
  AttDate year_start = att_date_from_ymd (year, 9, 1);
  int group = group_in (demo, p->cohort, year);
  Rng rng;
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

  rng_init (&rng, demo->seed, (guint64)p->id * 131 + (guint64)year);
  /* A pupil has better and worse years. */
  yearly = CLAMP (p->absence * rng_range (&rng, 0.7, 1.3), 0.002, 0.8);
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
          holiday_left = granted ? 2 + rng_below (&rng, 2) : 5;
          holiday_code = granted ? ATT_CODE_C : ATT_CODE_G;
        }
      if (date == threshold && threshold_left == 0)
        threshold_left = 5;

      if (threshold_left > 0)
        {
          threshold_left--;
          am = pm = ATT_CODE_G;
          if (threshold_left == 4 && rng_chance (&rng, 0.5))
            amend = AMEND_HOLIDAY;
          spell = 0;
        }
      else if (holiday_left > 0)
        {
          holiday_left--;
          am = pm = holiday_code;
          if (holiday_code == ATT_CODE_C)
            comment = COMMENT_FUNERAL;
          else if (holiday_left == 4 && rng_chance (&rng, 0.5))
            amend = AMEND_HOLIDAY;
          spell = 0;
        }
      else if (spell > 0)
        {
          spell--;
          am = pm = spell_code;
          if (recent && rng_chance (&rng, 0.1))
            am = pm = ATT_CODE_N;
        }
      else
        {
          p_day = p_start * season (date);
          if (p->monday_friday)
            p_day *= (weekday == 1 || weekday == 5) ? 2.2 : 0.5;
          if (rng_chance (&rng, p_day))
            {
              double mean = p->monday_friday && (weekday == 1 || weekday == 5) ? 1.0 : p->episode_days;
              /* A spell of a geometric length with the pupil's mean. */
              spell = 0;
              while (rng_chance (&rng, 1.0 - 1.0 / mean) && spell < 40)
                spell++;
              if (rng_chance (&rng, p->unauthorised))
                {
                  spell_code = ATT_CODE_O;
                  spell = MIN (spell, 2);
                  amend = AMEND_UNEXPLAINED;
                }
              else
                {
                  spell_code = ATT_CODE_I;
                  if (rng_chance (&rng, 0.3))
                    amend = AMEND_ILL;
                }
              am = pm = spell_code;
              /* Some go home ill at lunchtime. */
              if (spell_code == ATT_CODE_I && rng_chance (&rng, 0.08))
                {
                  am = 0;
                  amend = AMEND_NONE;
                }
              if (recent && rng_chance (&rng, 0.45))
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
                   p->leaving != ATT_DATE_NONE && rng_chance (&rng, 0.4))
            {
              am = pm = ATT_CODE_S;
              comment = COMMENT_STUDY;
            }
          else if ((trip = trip_for (demo, p->cohort, demo->primary ? p->form : 0, year, date)) != 0 &&
                   rng_chance (&rng, demo->primary ? 0.97 : 0.6))
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
          double r = rng_double (&rng);

          if (r < 0.003 || (p->medical_note && r < 0.008))
            {
              am = ATT_CODE_M;
              comment = p->medical_note ? COMMENT_HOSPITAL : COMMENT_DENTIST;
            }
          else if (rng_chance (&rng, p->late))
            {
              /* Most are a few minutes late; a few arrive after the
               * register has closed. */
              if (rng_chance (&rng, 0.05))
                {
                  am = ATT_CODE_U;
                  reg->minutes[slot] = (gint16)(31 + rng_below (&rng, 50));
                }
              else
                {
                  am = ATT_CODE_L;
                  reg->minutes[slot] = (gint16)(rng_chance (&rng, 0.75) ? 1 + rng_below (&rng, 10)
                                                                        : 1 + rng_below (&rng, 25));
                  if (rng_chance (&rng, 0.5))
                    reg->amend[slot] = AMEND_LATE;
                }
            }
          else
            am = ATT_CODE_PRESENT_AM;
        }
      if (pm == 0)
        {
          double r = rng_double (&rng);

          if (r < 0.003)
            {
              pm = ATT_CODE_M;
              comment = p->medical_note ? COMMENT_HOSPITAL : COMMENT_DENTIST;
            }
          else if (p->profile >= PROFILE_PERSISTENT && r < 0.02)
            pm = ATT_CODE_O;  /* left at lunchtime and did not come back */
          else if (rng_chance (&rng, p->late * 0.15))
            {
              pm = ATT_CODE_L;
              reg->minutes[slot + 1] = (gint16)(1 + rng_below (&rng, 10));
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

static gboolean
write_year (Writer        *w,
            const Pupil   *p,
            int            year,
            YearRegister  *reg,
            GError       **error)
{
  Demo *demo = w->demo;
  AttDb *db = demo->db;
  AttDate year_start = att_date_from_ymd (year, 9, 1);
  gboolean any = FALSE;
  guint n_trips;
  const char * const *trips = att_demo_trips (&n_trips);

  for (guint slot = 0; slot < ATT_REGISTER_YEAR_SLOTS; slot++)
    {
      AttCode code = reg->code[slot];
      AttDate date;
      int session;
      const char *comment;
      guint8 amend;
      int minutes;
      int entered, opens;
      AttCode first;

      if (code == ATT_CODE_NONE)
        continue;
      any = TRUE;
      date = year_start + (AttDate)(slot / 2);
      session = (int)(slot % 2);
      amend = reg->amend[slot];
      minutes = reg->minutes[slot];
      comment = reg->comment[slot] >= COMMENT_TRIP_FIRST
                ? trips[(reg->comment[slot] - COMMENT_TRIP_FIRST) % n_trips]
                : comments[reg->comment[slot]];
      first = amend != AMEND_NONE ? ATT_CODE_N : code;

      sqlite3_reset (w->mark_stmt);
      sqlite3_bind_int64 (w->mark_stmt, 1, p->id);
      sqlite3_bind_int (w->mark_stmt, 2, date);
      sqlite3_bind_int (w->mark_stmt, 3, session);
      sqlite3_bind_text (w->mark_stmt, 4, att_code_to_string (code), -1, SQLITE_STATIC);
      if (minutes >= 0)
        sqlite3_bind_int (w->mark_stmt, 5, minutes);
      else
        sqlite3_bind_null (w->mark_stmt, 5);
      bind_text (w->mark_stmt, 6, comment);
      sqlite3_bind_int (w->mark_stmt, 7, amend != AMEND_NONE ? 1 : 0);
      if (sqlite3_step (w->mark_stmt) != SQLITE_DONE)
        {
          att_db_set_sqlite_error (db, error, _("save the demo register"));
          return FALSE;
        }

      /* The register is taken in the first minutes after it opens. */
      opens = session == ATT_SESSION_AM ? demo->am_open : demo->pm_open;
      entered = opens + (int)((p->form * 7 + date) % 12);
      /* A late arrival's N was entered before the pupil came in. */
      if (amend == AMEND_LATE)
        entered = opens + (entered - opens) % MAX (minutes, 1);
      sqlite3_reset (w->history_stmt);
      sqlite3_bind_int64 (w->history_stmt, 1, p->id);
      sqlite3_bind_int (w->history_stmt, 2, date);
      sqlite3_bind_int (w->history_stmt, 3, session);
      sqlite3_bind_null (w->history_stmt, 4);
      sqlite3_bind_text (w->history_stmt, 5, att_code_to_string (first), -1, SQLITE_STATIC);
      sqlite3_bind_null (w->history_stmt, 6);
      if (first == code && minutes >= 0)
        sqlite3_bind_int (w->history_stmt, 7, minutes);
      else
        sqlite3_bind_null (w->history_stmt, 7);
      bind_text (w->history_stmt, 8, first == code ? comment : NULL);
      sqlite3_bind_null (w->history_stmt, 9);
      sqlite3_bind_int64 (w->history_stmt, 10,
                          demo->actor_mark[(guint)(p->form + date + session) % 3]);
      if (first == code && minutes >= 0)
        entered += minutes;
      sqlite3_bind_int64 (w->history_stmt, 11, local_time (w, date, entered));
      if (sqlite3_step (w->history_stmt) != SQLITE_DONE)
        {
          att_db_set_sqlite_error (db, error, _("save the demo register"));
          return FALSE;
        }

      if (amend != AMEND_NONE)
        {
          gint64 at;
          gint64 actor = demo->actor_officer;

          switch (amend)
            {
            case AMEND_LATE:
              at = local_time (w, date, opens + MAX (minutes, 1));
              actor = demo->actor_reception;
              break;
            case AMEND_ILL:
              at = local_time (w, date, 9 * 60 + 20 + (int)(date % 90));
              break;
            case AMEND_UNEXPLAINED:
              at = local_time (w, MIN (date + 7, demo->as_of), 15 * 60 + (int)(date % 40));
              break;
            default:
              at = local_time (w, MIN (date + 8, demo->as_of), 10 * 60 + (int)(date % 60));
              break;
            }
          sqlite3_reset (w->history_stmt);
          sqlite3_bind_int64 (w->history_stmt, 1, p->id);
          sqlite3_bind_int (w->history_stmt, 2, date);
          sqlite3_bind_int (w->history_stmt, 3, session);
          sqlite3_bind_text (w->history_stmt, 4, "N", -1, SQLITE_STATIC);
          sqlite3_bind_text (w->history_stmt, 5, att_code_to_string (code), -1, SQLITE_STATIC);
          sqlite3_bind_null (w->history_stmt, 6);
          if (minutes >= 0)
            sqlite3_bind_int (w->history_stmt, 7, minutes);
          else
            sqlite3_bind_null (w->history_stmt, 7);
          bind_text (w->history_stmt, 8, comment);
          bind_text (w->history_stmt, 9, amend_reasons[amend]);
          sqlite3_bind_int64 (w->history_stmt, 10, actor);
          sqlite3_bind_int64 (w->history_stmt, 11, at);
          if (sqlite3_step (w->history_stmt) != SQLITE_DONE)
            {
              att_db_set_sqlite_error (db, error, _("save the demo register"));
              return FALSE;
            }
        }
      w->n_marks++;
    }

  if (!any)
    return TRUE;

  sqlite3_reset (w->year_stmt);
  sqlite3_bind_int64 (w->year_stmt, 1, p->id);
  sqlite3_bind_int (w->year_stmt, 2, year);
  sqlite3_bind_blob (w->year_stmt, 3, reg->code, ATT_REGISTER_YEAR_SLOTS, SQLITE_STATIC);
  if (sqlite3_step (w->year_stmt) != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("save the demo register"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_registers (Demo    *demo,
                 GArray  *school_days,
                 GError **error)
{
  AttDb *db = demo->db;
  g_autofree YearRegister *reg = g_new (YearRegister, 1);
  Writer w = { 0 };

  w.demo = demo;
  w.school_days = school_days;
  w.epoch = att_date_from_ymd (1970, 1, 1);

  w.mark_stmt = att_db_prepare (db,
                                "INSERT INTO marks (pupil_id, date, session, code, minutes_late, comment, amendments) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  w.history_stmt = att_db_prepare (db,
                                   "INSERT INTO mark_history (pupil_id, date, session, old_code, new_code, "
                                   "old_minutes, new_minutes, comment, reason, actor_id, at) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  w.year_stmt = att_db_prepare (db,
                                "INSERT INTO mark_years (pupil_id, year, codes) VALUES (?, ?, ?)",
                                error);
  if (w.mark_stmt == NULL || w.history_stmt == NULL || w.year_stmt == NULL)
    return FALSE;

  for (guint i = 0; i < demo->pupils->len; i++)
    {
      const Pupil *p = &g_array_index (demo->pupils, Pupil, i);

      for (int year = demo->first_year; year <= demo->last_year; year++)
        {
          DemoYear *y = demo_get_year (demo, year);
          guint days = 0, recent_from = G_MAXUINT;
          int group = group_in (demo, p->cohort, year);

          if (group < demo->first_group || group > demo->last_group)
            continue;
          if (p->admission > MIN (demo->as_of, demo_year_last_day (y)) ||
              (p->leaving != ATT_DATE_NONE && p->leaving < demo_year_first_day (y)))
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
            return FALSE;
        }
    }
  att_db_note_change (db, ATT_CHANGE_MARKS);
  return TRUE;
}

/* ------------------------------------------------------------------ */

void
att_demo_options_init (AttDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->pupils = 600;
  options->years = 2;
  options->seed = 1;
  options->as_of = att_date_today ();
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* The statement that made an index, to make it again after a bulk load;
 * NULL if the schema has no such index. */
static char *
read_index_sql (AttDb      *db,
                const char *name)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
                                       "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                                       NULL);
  char *sql = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    sql = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return sql;
}

static gboolean
build (Demo    *demo,
       guint    n_pupils,
       GError **error)
{
  AttDb *db = demo->db;
  g_autoptr(GArray) school_days = g_array_new (FALSE, FALSE, sizeof (AttDate));
  g_autofree char *detail = NULL;
  g_autofree char *index_sql = NULL;

  /* A new file that nobody else has yet: if the machine stops half way
   * the file is thrown away anyway, so commits need not wait for the
   * disk until it is finished. */
  if (!att_db_exec (db, "PRAGMA journal_mode = MEMORY", error) ||
      !att_db_exec (db, "PRAGMA synchronous = OFF", error) ||
      !att_db_exec (db, "PRAGMA cache_size = -262144", error))
    return FALSE;

  if (!write_settings (demo, error) ||
      !write_users (demo, error) ||
      !write_calendar (demo, error) ||
      !write_saved_filters (demo, error))
    return FALSE;

  for (int year = demo->first_year; year <= demo->last_year; year++)
    {
      GArray *days = demo_get_year (demo, year)->days;
      g_array_append_vals (school_days, days->data, days->len);
    }

  make_cohorts (demo, n_pupils);
  make_families (demo);
  make_details (demo);
  plan_threshold_holidays (demo, school_days);

  if (!att_db_begin (db, error))
    return FALSE;
  /* The index of marks by date would be updated at random places for
   * every mark written pupil by pupil; building it once at the end, from
   * the sorted marks, is several times quicker. */
  index_sql = read_index_sql (db, "marks_by_date");
  if (index_sql != NULL && !att_db_exec (db, "DROP INDEX marks_by_date", error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  detail = g_strdup_printf ("%u pupils, %d school years, seed %" G_GUINT64_FORMAT,
                            demo->pupils->len, demo->last_year - demo->first_year + 1,
                            demo->seed);
  if (!write_pupils (demo, error) ||
      !write_registers (demo, school_days, error) ||
      (index_sql != NULL && !att_db_exec (db, index_sql, error)) ||
      !att_audit_log (db, att_user_system (), "demo", detail, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  if (!att_db_commit (db, error))
    return FALSE;

  /* Back to the settings every connection uses (see att-db.c). */
  return att_db_exec (db, "PRAGMA journal_mode = WAL", error) &&
         att_db_exec (db, "PRAGMA synchronous = FULL", error) &&
         att_db_exec (db, "PRAGMA cache_size = -2000", error) &&
         att_db_exec (db, "PRAGMA optimize", error);
}

gboolean
att_demo_create (const char            *path,
                 const AttDemoOptions  *options,
                 GError               **error)
{
  AttDemoOptions defaults;
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  att_demo_options_init (&defaults);
  if (options == NULL)
    options = &defaults;

  if (options->pupils < MIN_PUPILS || options->pupils > MAX_PUPILS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A demo school has between %d and %d pupils, not %u"),
                   MIN_PUPILS, MAX_PUPILS, options->pupils);
      return FALSE;
    }
  if (options->years < 1 || options->years > MAX_YEARS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A demo school has between 1 and %d school years of registers, not %u"),
                   MAX_YEARS, options->years);
      return FALSE;
    }

  demo.seed = options->seed;
  demo.as_of = options->as_of != ATT_DATE_NONE ? options->as_of : att_date_today ();
  rng_init (&demo.rng, demo.seed, 1);
  demo.primary = options->pupils <= PRIMARY_MAX_PUPILS;
  demo.first_group = demo.primary ? ATT_YEAR_RECEPTION : 7;
  demo.last_group = demo.primary ? 6 : 11;
  demo.n_groups = demo.last_group - demo.first_group + 1;
  demo.n_forms = (int)MAX (2u, (options->pupils / (guint)demo.n_groups + FORM_SIZE - 1) / FORM_SIZE);
  demo.n_forms = MIN (demo.n_forms, demo.primary ? (int)G_N_ELEMENTS (primary_forms) : 16);
  demo.last_year = att_date_school_year (demo.as_of);
  demo.first_year = demo.last_year - (int)options->years + 1;
  demo.oldest_cohort = demo.first_year - (demo.n_groups - 1);
  demo.n_years = (guint)(demo.last_year - demo.oldest_cohort + 1);
  demo.years = g_new0 (DemoYear, demo.n_years);
  for (guint i = 0; i < demo.n_years; i++)
    demo_year_init (&demo.years[i], demo.oldest_cohort + (int)i);
  demo.pupils = g_array_new (FALSE, FALSE, sizeof (Pupil));
  demo.families = g_array_new (FALSE, FALSE, sizeof (Family));
  demo.strings = g_string_chunk_new (64 * 1024);
  G_STATIC_ASSERT (G_N_ELEMENTS (eid_days) <= G_N_ELEMENTS (demo.eid));
  for (guint i = 0; i < G_N_ELEMENTS (eid_days); i++)
    demo.eid[i] = att_date_parse_iso (eid_days[i], NULL);

  demo.db = att_db_create (path, error);
  if (demo.db == NULL)
    ok = FALSE;
  else
    {
      ok = build (&demo, options->pupils, error);
      g_clear_object (&demo.db);
      if (!ok)
        remove_database (path);
    }

  for (guint i = 0; i < demo.n_years; i++)
    demo_year_clear (&demo.years[i]);
  g_free (demo.years);
  g_array_unref (demo.pupils);
  g_array_unref (demo.families);
  g_string_chunk_free (demo.strings);
  return ok;
}
