/* att-demo-private.h: what the files of the demo school generator share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generator is spread over several files:
 *
 *   att-demo.c           options, the new database and the one transaction
 *                        the whole school is written in
 *   att-demo-school.c    the school's settings, its staff, its calendar and
 *                        the saved register filters
 *   att-demo-pupils.c    cohorts of pupils, their details and the patterns
 *                        their registers follow
 *   att-demo-families.c  families of brothers and sisters and their contacts
 *   att-demo-marks.c     the register of every pupil, session by session,
 *                        through the register's bulk loader
 *   att-demo-names.c     the word lists everything is made from
 */
#pragma once

#include <glib.h>

#include "att-date.h"
#include "att-db.h"
#include "att-pupils.h"
#include "att-users.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* The word lists (att-demo-names.c).                                  */

/* Names that go together in one family. The weights add up to 1000 and
 * say how many families in a thousand draw from the list; eal_percent is
 * the chance that such a family speaks another language at home. */
typedef struct
{
  const char         *label;
  guint               weight;
  guint               eal_percent;
  const char * const *boys;
  guint               n_boys;
  const char * const *girls;
  guint               n_girls;
  const char * const *surnames;
  guint               n_surnames;
} AttDemoCulture;

const AttDemoCulture *att_demo_cultures       (guint *n_cultures);

/* Street names ("Brook Lane"), districts of the made-up town, medical
 * notes, trip destinations: each a NULL-free array and its length. */
const char * const   *att_demo_streets        (guint *n);
const char * const   *att_demo_districts      (guint *n);
const char * const   *att_demo_medical_notes  (guint *n);
const char * const   *att_demo_trips          (guint *n);

/* ------------------------------------------------------------------ */
/* Pseudo-random numbers: xoshiro256** seeded through splitmix64.      */

typedef struct
{
  guint64 s[4];
} AttDemoRng;

static inline guint64
att_demo_splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* A generator of its own for each @stream, so that one pupil's register
 * does not depend on how many numbers another one drew. */
static inline void
att_demo_rng_init (AttDemoRng *rng,
                   guint64     seed,
                   guint64     stream)
{
  guint64 state = seed ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = att_demo_splitmix64 (&state);
}

static inline guint64
att_demo_rotl (guint64 x,
               int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
att_demo_rng_next (AttDemoRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = att_demo_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = att_demo_rotl (s[3], 45);
  return result;
}

/* A whole number in [0, n). */
static inline guint
att_demo_rng_below (AttDemoRng *rng,
                    guint       n)
{
  if (n == 0)
    return 0;
  return (guint)(((att_demo_rng_next (rng) >> 32) * (guint64)n) >> 32);
}

/* A number in [0, 1). */
static inline double
att_demo_rng_double (AttDemoRng *rng)
{
  return (double)(att_demo_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
att_demo_rng_chance (AttDemoRng *rng,
                     double      p)
{
  return att_demo_rng_double (rng) < p;
}

static inline double
att_demo_rng_range (AttDemoRng *rng,
                    double      lo,
                    double      hi)
{
  return lo + (hi - lo) * att_demo_rng_double (rng);
}

static inline const char *
att_demo_rng_pick (AttDemoRng         *rng,
                   const char * const *list,
                   guint               n)
{
  return list[att_demo_rng_below (rng, n)];
}

static inline void
att_demo_rng_shuffle (AttDemoRng *rng,
                      guint      *items,
                      guint       n)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = att_demo_rng_below (rng, i);
      guint tmp = items[i - 1];
      items[i - 1] = items[j];
      items[j] = tmp;
    }
}

/* ------------------------------------------------------------------ */
/* The school year (att-demo-school.c).                                */

typedef struct
{
  int      year;                 /* the calendar year of its September */
  AttDate  term_start[6];
  AttDate  term_end[6];
  AttDate  inset[5];
  GArray  *days;                 /* AttDate: the pupils' school days */
} AttDemoYear;

void     att_demo_year_init             (AttDemoYear       *y,
                                         int                year);
void     att_demo_year_clear            (AttDemoYear       *y);
AttDate  att_demo_year_first_day        (const AttDemoYear *y);
AttDate  att_demo_year_last_day         (const AttDemoYear *y);
/* The last @weekday (1 Monday to 7 Sunday) of a month. */
AttDate  att_demo_last_weekday_of_month (int                year,
                                         int                month,
                                         int                weekday);

/* ------------------------------------------------------------------ */
/* The school and its pupils.                                          */

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
} AttDemoFamily;

typedef enum
{
  ATT_DEMO_PROFILE_GOOD,
  ATT_DEMO_PROFILE_AVERAGE,
  ATT_DEMO_PROFILE_PERSISTENT,
  ATT_DEMO_PROFILE_SEVERE,
} AttDemoProfile;

typedef struct
{
  gint64          id;               /* in the database, once saved */
  guint           index;
  int             family;           /* -1 until grouped */
  int             cohort;           /* school year of entry to the first year group */
  int             form;
  char            sex;
  const char     *forename;
  const char     *preferred_forename;
  const char     *preferred_surname;
  AttDate         dob;
  AttDate         admission;
  AttDate         leaving;
  int             year_group;       /* now, or when the pupil left */
  char            upn[14];
  gboolean        on_roll;          /* on roll on the as-of date */
  AttSen          sen;
  gboolean        young_carer;
  gboolean        looked_after;
  const char     *medical_note;

  /* The pattern of the pupil's register. */
  AttDemoProfile  profile;
  double          absence;          /* share of days off, before holidays */
  double          episode_days;     /* mean length of a spell of absence */
  double          unauthorised;     /* share of spells with no good reason */
  double          late;             /* share of mornings late */
  gboolean        monday_friday;

  /* A long absence planned for the local authority's lists
   * (att_demo_plan_la_cases()): la_code (O or I) on every school day
   * from la_first to la_last, N instead of O from la_pending on (not
   * yet put right), and present on la_before, the school day before, so
   * the run is exactly as long as planned. la_code 0: none. */
  guint8          la_code;
  AttDate         la_before;
  AttDate         la_first;
  AttDate         la_last;
  AttDate         la_pending;
} AttDemoPupil;

/* Eid al-Fitr and Eid al-Adha, as many as att-demo-marks.c lists. */
#define ATT_DEMO_MAX_EID 32
/* The names of the forms of a year group in a primary school (Oak, Ash
 * and so on); a secondary school's are letters. */
#define ATT_DEMO_PRIMARY_FORMS 12

typedef struct
{
  AttDb          *db;
  AttDemoRng      rng;
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
  AttDemoYear    *years;        /* oldest_cohort .. last_year */
  guint           n_years;
  GArray         *school_days;  /* AttDate: every pupil day of the years with marks */
  GArray         *pupils;       /* AttDemoPupil */
  GArray         *families;     /* AttDemoFamily */
  GStringChunk   *strings;
  AttDate         eid[ATT_DEMO_MAX_EID];
  int             am_open;      /* register times, minutes after midnight */
  int             pm_open;
  int             am_minutes;   /* how long each register stays open */
  int             pm_minutes;
  GPtrArray      *users;       /* AttUser: the staff */
  AttUser        *markers[3];  /* who takes the registers: two receptionists, the officer */
  AttUser        *officer;     /* who puts absences right */
  AttUser        *reception;   /* who signs late arrivals in */
  guint           upn_serial;
} AttDemo;

static inline AttDemoYear *
att_demo_get_year (AttDemo *demo,
                   int      year)
{
  g_assert (year >= demo->oldest_cohort && year <= demo->last_year);
  return &demo->years[year - demo->oldest_cohort];
}

/* The year group of a pupil of @cohort in school year @year. */
static inline int
att_demo_group_in (AttDemo *demo,
                   int      cohort,
                   int      year)
{
  return demo->first_group + (year - cohort);
}

static inline AttDemoPupil *
att_demo_pupil (AttDemo *demo,
                guint    index)
{
  return &g_array_index (demo->pupils, AttDemoPupil, index);
}

static inline AttDemoFamily *
att_demo_family (AttDemo *demo,
                 guint    index)
{
  return &g_array_index (demo->families, AttDemoFamily, index);
}

/* att-demo-school.c */
gboolean  att_demo_write_settings       (AttDemo        *demo,
                                         GError        **error);
gboolean  att_demo_write_users          (AttDemo        *demo,
                                         GError        **error);
gboolean  att_demo_write_calendar       (AttDemo        *demo,
                                         GError        **error);
gboolean  att_demo_write_saved_filters  (AttDemo        *demo,
                                         GError        **error);

/* att-demo-families.c */
void      att_demo_make_families        (AttDemo        *demo);
void      att_demo_make_foster          (AttDemo        *demo,
                                         AttDemoFamily  *f);

/* att-demo-pupils.c */
char     *att_demo_form_name            (AttDemo        *demo,
                                         int             year_group,
                                         int             form);
void      att_demo_make_cohorts         (AttDemo        *demo,
                                         guint           n_pupils);
void      att_demo_make_details         (AttDemo        *demo);
void      att_demo_plan_threshold_holidays
                                        (AttDemo        *demo);
void      att_demo_plan_la_cases        (AttDemo        *demo);
gboolean  att_demo_write_pupils         (AttDemo        *demo,
                                         GError        **error);

/* att-demo-marks.c */
gboolean  att_demo_write_registers      (AttDemo        *demo,
                                         GError        **error);

/* att-demo-calls.c: the calls and attempts of the last four weeks of
 * school up to the as-of date, made from the registers once written, and
 * the LA notices of its lists. */
gboolean  att_demo_write_calls          (AttDemo        *demo,
                                         GError        **error);

/* att-demo-leave.c: requests for leave of absence in every state, through
 * the core's leave functions, once the registers are written. */
gboolean  att_demo_write_leave          (AttDemo        *demo,
                                         GError        **error);

/* att-demo-letters.c: the letters sent at the end of each half term of
 * the last school years, the last batch prepared but not yet posted (one
 * letter out of date) and a few due today postponed, through the core's
 * letter functions, once the registers are written. */
gboolean  att_demo_write_letters        (AttDemo        *demo,
                                         GError        **error);

/* att-demo-casepack.c: a few families whose details were last checked
 * over six months before the demo's day, through the core's contacts
 * functions. */
gboolean  att_demo_write_contact_checks (AttDemo        *demo,
                                         GError        **error);

G_END_DECLS
