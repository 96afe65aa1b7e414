/* att-demo-pupils.c: the demo school's pupils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cohort of pupils per year of entry, with those who joined late,
 * those who moved away during a year and the older year groups who have
 * since left; then each pupil's details (names, needs, the groups the
 * school must watch) and the pattern their register will follow.
 */
#include "config.h"

#include <string.h>

#include "att-codes.h"
#include "att-demo-private.h"
#include "att-la-notify.h"
#include "att-pupils.h"

/* ------------------------------------------------------------------ */
/* Cohorts.                                                            */

static const char * const primary_forms[] = {
  "Oak", "Ash", "Elm", "Birch", "Rowan", "Willow", "Hazel", "Cedar",
  "Maple", "Holly", "Alder", "Larch",
};
G_STATIC_ASSERT (G_N_ELEMENTS (primary_forms) == ATT_DEMO_PRIMARY_FORMS);

char *
att_demo_form_name (AttDemo *demo,
                    int      year_group,
                    int      form)
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

/* The day a cohort leaves after its last year: the end of the summer
 * term for a primary school; the last Friday of June for Year 11, when
 * compulsory schooling ends. */
static AttDate
cohort_leaving_day (AttDemo *demo,
                    int      cohort)
{
  int final = cohort + demo->n_groups - 1;

  if (demo->primary)
    {
      AttDemoYear y;
      AttDate last;

      if (final <= demo->last_year)
        return att_demo_year_last_day (att_demo_get_year (demo, final));
      att_demo_year_init (&y, final);
      last = att_demo_year_last_day (&y);
      att_demo_year_clear (&y);
      return last;
    }
  return att_demo_last_weekday_of_month (final + 1, 6, 5);
}

/* A random pupil day of @year no later than @until (0 when none). */
static AttDate
random_day (AttDemo    *demo,
            AttDemoRng *rng,
            int         year,
            AttDate     from,
            AttDate     until)
{
  AttDemoYear *y = att_demo_get_year (demo, year);
  guint lo = 0, hi = y->days->len;

  while (lo < hi && g_array_index (y->days, AttDate, lo) < from)
    lo++;
  while (hi > lo && g_array_index (y->days, AttDate, hi - 1) > until)
    hi--;
  if (lo >= hi)
    return ATT_DATE_NONE;
  return g_array_index (y->days, AttDate, lo + att_demo_rng_below (rng, hi - lo));
}

static void
make_upn (AttDemo      *demo,
          AttDemoPupil *pupil,
          int           allocated)
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
new_pupil (AttDemo *demo,
           int      cohort,
           AttDate  admission,
           AttDate  leaving)
{
  AttDemoPupil p = { 0 };
  int birth_year;
  AttDate born_from;

  p.index = demo->pupils->len;
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
  p.dob = born_from + (AttDate)att_demo_rng_below (&demo->rng,
                                          (guint)(att_date_from_ymd (birth_year + 1, 9, 1) - born_from));
  p.year_group = att_demo_group_in (demo, cohort,
                           leaving != ATT_DATE_NONE && leaving < demo->as_of
                           ? att_date_school_year (leaving) : demo->last_year);
  p.year_group = CLAMP (p.year_group, demo->first_group, demo->last_group);
  p.form = (int)att_demo_rng_below (&demo->rng, (guint)demo->n_forms);
  make_upn (demo, &p, att_date_school_year (admission));
  g_array_append_val (demo->pupils, p);
}

/* Spreads @total over the year groups: the older groups a little larger,
 * as schools fill from the bottom less than they used to. */
static void
split_year_groups (AttDemo *demo,
                   guint    total,
                   guint   *counts)
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
void
att_demo_make_cohorts (AttDemo *demo,
                       guint    n_pupils)
{
  guint now[16] = { 0 };
  int per_group = (int)(n_pupils / (guint)demo->n_groups);

  split_year_groups (demo, n_pupils, now);

  for (int cohort = demo->oldest_cohort; cohort <= demo->last_year; cohort++)
    {
      int final = cohort + demo->n_groups - 1;
      AttDate start = att_demo_year_first_day (att_demo_get_year (demo, cohort));
      AttDate graduation = cohort_leaving_day (demo, cohort);
      gboolean graduated = graduation < demo->as_of;
      guint stayers;

      if (graduated)
        stayers = (guint)MAX (1, per_group - 3 + (int)att_demo_rng_below (&demo->rng, 7));
      else
        stayers = now[att_demo_group_in (demo, cohort, demo->last_year) - demo->first_group];

      /* Those still on roll, or who left with their year group; one in
       * ten of them joined after the start. */
      for (guint i = 0; i < stayers; i++)
        {
          AttDate admission = start;

          if (att_demo_rng_chance (&demo->rng, 0.10))
            {
              int year = cohort + (int)att_demo_rng_below (&demo->rng, (guint)(MIN (final, demo->last_year) - cohort + 1));
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
          guint movers = (guint)((double)per_group * 0.025 + att_demo_rng_double (&demo->rng));

          for (guint i = 0; i < movers; i++)
            {
              AttDate leaving = random_day (demo, &demo->rng, year, start + 1,
                                            MIN (demo->as_of - 1, graduation - 1));
              AttDate admission = start;

              if (leaving == ATT_DATE_NONE)
                continue;
              if (att_demo_rng_chance (&demo->rng, 0.25))
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
/* Pupils' details and the patterns of their registers.                */

static void
set_profile (AttDemo      *demo,
             AttDemoPupil *p)
{
  AttDemoRng *rng = &demo->rng;
  double r = att_demo_rng_double (rng);

  if (r < 0.02)
    {
      p->profile = ATT_DEMO_PROFILE_SEVERE;
      p->absence = att_demo_rng_range (rng, 0.50, 0.68);
      p->episode_days = 6.0;
      p->unauthorised = 0.45;
      p->late = 0.06;
    }
  else if (r < 0.15)
    {
      p->profile = ATT_DEMO_PROFILE_PERSISTENT;
      p->absence = att_demo_rng_range (rng, 0.10, 0.20);
      p->episode_days = 2.4;
      p->unauthorised = 0.25;
      p->late = att_demo_rng_range (rng, 0.02, 0.08);
    }
  else if (r < 0.40)
    {
      p->profile = ATT_DEMO_PROFILE_AVERAGE;
      p->absence = att_demo_rng_range (rng, 0.035, 0.08);
      p->episode_days = 1.9;
      p->unauthorised = 0.10;
      p->late = att_demo_rng_range (rng, 0.01, 0.04);
    }
  else
    {
      p->profile = ATT_DEMO_PROFILE_GOOD;
      p->absence = att_demo_rng_range (rng, 0.004, 0.035);
      p->episode_days = 1.6;
      p->unauthorised = 0.03;
      p->late = att_demo_rng_range (rng, 0.0, 0.015);
    }
  p->monday_friday = p->profile != ATT_DEMO_PROFILE_GOOD && att_demo_rng_chance (rng, 0.2);
}

void
att_demo_make_details (AttDemo *demo)
{
  AttDemoRng *rng = &demo->rng;
  guint n_notes;
  const char * const *notes = att_demo_medical_notes (&n_notes);
  const AttDemoCulture *english = &att_demo_cultures (&(guint){ 0 })[0];
  int foster_family = -1;
  guint on_roll = 0, looked_after = 0;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < demo->pupils->len; i++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, i);
      AttDemoFamily *f = att_demo_family (demo, p->family);
      const AttDemoCulture *c = f->culture;
      double r;

      p->sex = att_demo_rng_chance (rng, 0.5) ? 'F' : 'M';
      /* Two pupils with the same name are rare in a real school (and
       * never brothers or sisters): a name already taken is drawn again,
       * a few times at most. */
      for (guint attempt = 0; attempt < 12; attempt++)
        {
          g_autofree char *full = NULL;

          p->forename = p->sex == 'F' ? att_demo_rng_pick (rng, c->girls, c->n_girls)
                                      : att_demo_rng_pick (rng, c->boys, c->n_boys);
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
      if (c != english && att_demo_rng_chance (rng, 0.06))
        p->preferred_forename = p->sex == 'F' ? att_demo_rng_pick (rng, english->girls, english->n_girls)
                                              : att_demo_rng_pick (rng, english->boys, english->n_boys);
      else if (att_demo_rng_chance (rng, 0.015))
        p->preferred_forename = p->sex == 'F' ? att_demo_rng_pick (rng, c->girls, c->n_girls)
                                              : att_demo_rng_pick (rng, c->boys, c->n_boys);
      if (g_strcmp0 (p->preferred_forename, p->forename) == 0)
        p->preferred_forename = NULL;
      if (att_demo_rng_chance (rng, 0.012))
        p->preferred_surname = att_demo_rng_pick (rng, english->surnames, english->n_surnames);
      if (g_strcmp0 (p->preferred_surname, f->surname) == 0)
        p->preferred_surname = NULL;

      r = att_demo_rng_double (rng);
      p->sen = r < 0.03 ? ATT_SEN_EHCP : r < 0.16 ? ATT_SEN_SUPPORT : ATT_SEN_NONE;
      p->young_carer = p->year_group >= 3 && att_demo_rng_chance (rng, 0.025);
      if (att_demo_rng_chance (rng, 0.05))
        p->medical_note = att_demo_rng_pick (rng, notes, n_notes);
      set_profile (demo, p);

      if (p->on_roll)
        on_roll++;
      if (p->on_roll && f->n_children == 1 && foster_family < 0 && att_demo_rng_chance (rng, 0.02))
        foster_family = p->family;
      if (p->on_roll && f->n_children == 1 && att_demo_rng_chance (rng, 0.008))
        {
          att_demo_make_foster (demo, f);
          p->looked_after = TRUE;
          looked_after++;
        }
    }

  /* Every group the school must watch has at least one pupil on roll,
   * however small the demo. */
  if (looked_after == 0)
    for (guint i = 0; i < demo->pupils->len; i++)
      {
        AttDemoPupil *p = att_demo_pupil (demo, i);
        AttDemoFamily *f = att_demo_family (demo, p->family);

        if (p->on_roll && f->n_children == 1 && (foster_family < 0 || p->family == foster_family))
          {
            att_demo_make_foster (demo, f);
            p->looked_after = TRUE;
            break;
          }
      }
  {
    gboolean have[6] = { FALSE };

    for (guint i = 0; i < demo->pupils->len; i++)
      {
        AttDemoPupil *p = att_demo_pupil (demo, i);
        AttDemoFamily *f = att_demo_family (demo, p->family);

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
        AttDemoPupil *p = att_demo_pupil (demo, i);
        AttDemoFamily *f = att_demo_family (demo, p->family);

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
void
att_demo_plan_threshold_holidays (AttDemo *demo)
{
  GArray *school_days = demo->school_days;
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
    wanted += att_demo_pupil (demo, i)->on_roll;
  wanted = MAX (1, wanted / 150);

  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  att_demo_rng_shuffle (&demo->rng, order, n);

  for (guint k = 0; k < n && found < wanted; k++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, order[k]);
      AttDemoFamily *f = att_demo_family (demo, p->family);
      guint span = MIN (last - 6, 30u);
      guint start = last - 6 - att_demo_rng_below (&demo->rng, span + 1);
      AttDate first_day = g_array_index (school_days, AttDate, start);

      /* The week ends before as_of, so the office has had time to hear. */
      if (!p->on_roll || f->foster || f->threshold_holiday != 0 || p->admission > first_day)
        continue;
      f->threshold_holiday = first_day;
      found++;
    }
}

/* The local authority's lists have pupils on them: one absent without a
 * reason for exactly 10 school days up to the as-of date (the day before
 * them present), one for 14, both still unexplained on the last five
 * days (N) and put down as O before; and one off ill for 15 school days
 * that ended two school days before the as-of date, all in this school
 * year. Pupils of compulsory school age on roll throughout, of three
 * families, from a generator of their own, so that the rest of the
 * school stays as it was. */
void
att_demo_plan_la_cases (AttDemo *demo)
{
  static const struct { guint8 code; guint days; guint gap; } plans[] = {
    { ATT_CODE_O, ATT_LA_UNAUTHORISED_DAYS, 0 },
    { ATT_CODE_O, ATT_LA_UNAUTHORISED_DAYS + 4, 0 },
    { ATT_CODE_I, ATT_LA_ILLNESS_DAYS, 2 },
  };
  GArray *days = demo->school_days;
  AttDate year_first = att_demo_year_first_day (att_demo_get_year (demo, demo->last_year));
  g_autofree guint *order = NULL;
  guint n = demo->pupils->len;
  guint last = 0, planned = 0;
  int used[G_N_ELEMENTS (plans)];
  AttDemoRng rng;

  while (last < days->len && g_array_index (days, AttDate, last) <= demo->as_of)
    last++;
  att_demo_rng_init (&rng, demo->seed, G_GUINT64_CONSTANT (0x1a0715));
  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  att_demo_rng_shuffle (&rng, order, n);

  for (guint k = 0; k < n && planned < G_N_ELEMENTS (plans); k++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, order[k]);
      guint span = plans[planned].days + plans[planned].gap;
      AttDate before, first, end;
      gboolean clash = FALSE;

      /* The run, and the day before it, in this school year. */
      if (last < span + 1 ||
          (before = g_array_index (days, AttDate, last - span - 1)) < year_first)
        return;
      first = g_array_index (days, AttDate, last - span);
      end = g_array_index (days, AttDate, last - 1 - plans[planned].gap);
      for (guint j = 0; j < planned; j++)
        clash |= used[j] == p->family;
      if (clash || !p->on_roll || p->looked_after || p->leaving != ATT_DATE_NONE ||
          p->admission > before || p->year_group < MAX (demo->first_group, 1) ||
          p->year_group > 10)
        continue;
      p->la_code = plans[planned].code;
      p->la_before = before;
      p->la_first = first;
      p->la_last = end;
      p->la_pending = plans[planned].code == ATT_CODE_O && last >= 5
                      ? g_array_index (days, AttDate, last - 5) : ATT_DATE_NONE;
      used[planned++] = p->family;
    }
}

/* ------------------------------------------------------------------ */
/* Writing the pupils and their contacts.                              */

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

static char *
dup_or_null (const char *text)
{
  return text != NULL ? g_strdup (text) : NULL;
}

static AttContact *
contact_for (AttDemoFamily *f,
             gint64         pupil_id,
             int            k)
{
  AttContact *c = att_contact_new ();
  gboolean apart = !f->c_lives_with[k];

  c->pupil_id = pupil_id;
  c->priority = k + 1;
  c->title = dup_or_null (f->c_title[k]);
  c->forename = dup_or_null (f->c_forename[k]);
  c->surname = surname_for (f->c_surname[k], g_strcmp0 (f->c_title[k], "Mr") == 0 ? 'M' : 'F');
  c->relationship = dup_or_null (f->c_relationship[k]);
  c->parental_responsibility = f->c_responsibility[k];
  c->lives_with = f->c_lives_with[k];
  c->receives_letters = f->c_letters[k];
  c->phone_home = apart ? NULL : dup_or_null (f->phone_home);
  c->phone_mobile = dup_or_null (f->c_mobile[k]);
  c->phone_work = dup_or_null (f->c_work[k]);
  c->email = dup_or_null (f->c_email[k]);
  if (!apart)
    {
      c->address_1 = dup_or_null (f->address_1);
      c->address_2 = dup_or_null (f->address_2);
      c->town = g_strdup ("Millbrook");
      c->postcode = dup_or_null (f->postcode);
    }
  else if (k == 1 && f->c_address_1 != NULL)
    {
      c->address_1 = dup_or_null (f->c_address_1);
      c->town = g_strdup ("Millbrook");
      c->postcode = dup_or_null (f->c_postcode);
    }
  return c;
}

/* Pupils and their contacts are saved through the pupils module, as an
 * import or the Pupils page saves them: every field is checked by the
 * same rules, and each is in the audit log. */
gboolean
att_demo_write_pupils (AttDemo  *demo,
                       GError  **error)
{
  const AttUser *system = att_user_system ();

  for (guint i = 0; i < demo->pupils->len; i++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, i);
      AttDemoFamily *f = att_demo_family (demo, p->family);
      g_autoptr(AttPupil) pupil = att_pupil_new ();

      pupil->upn = g_strdup (p->upn);
      pupil->legal_surname = surname_for (f->surname, p->sex);
      pupil->legal_forename = g_strdup (p->forename);
      pupil->preferred_surname = dup_or_null (p->preferred_surname);
      pupil->preferred_forename = dup_or_null (p->preferred_forename);
      pupil->dob = p->dob;
      pupil->sex = p->sex;
      pupil->year_group = p->year_group;
      pupil->reg_group = att_demo_form_name (demo, p->year_group, p->form);
      pupil->admission = p->admission;
      pupil->leaving = p->leaving;
      pupil->fsm = f->fsm;
      pupil->sen = p->sen;
      pupil->eal = f->eal;
      pupil->looked_after = p->looked_after;
      pupil->social_worker = f->social_worker;
      pupil->young_carer = p->young_carer;
      pupil->medical_note = dup_or_null (p->medical_note);
      p->id = att_pupils_save (demo->db, system, pupil, error);
      if (p->id == 0)
        return FALSE;
    }

  /* The contacts once every pupil is saved: the pupils module reads the
   * pupils again only after the transaction. */
  for (guint i = 0; i < demo->pupils->len; i++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, i);

      for (int k = 0; k < 2; k++)
        {
          g_autoptr(AttContact) contact = contact_for (att_demo_family (demo, p->family), p->id, k);

          if (att_contacts_save (demo->db, system, contact, error) == 0)
            return FALSE;
        }
    }
  return TRUE;
}
