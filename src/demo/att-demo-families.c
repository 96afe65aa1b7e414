/* att-demo-families.c: the families of the demo school's pupils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pupils are grouped into families of brothers and sisters a few years
 * apart, who share a surname, an address and two contacts; a few pupils
 * are looked after and live with foster carers.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "att-demo-private.h"

static char *
chunk_printf (AttDemo    *demo,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static char *
chunk_printf (AttDemo    *demo,
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
email_for (AttDemo    *demo,
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
pick_culture (AttDemo *demo)
{
  guint n;
  const AttDemoCulture *cultures = att_demo_cultures (&n);
  guint r = att_demo_rng_below (&demo->rng, 1000);

  for (guint i = 0; i < n; i++)
    {
      if (r < cultures[i].weight)
        return &cultures[i];
      r -= cultures[i].weight;
    }
  return &cultures[0];
}

/* Telephone numbers come from the ranges Ofcom keeps for drama, which no
 * real telephone has, so that a text exported from the demo school can
 * never reach anyone. Each family has numbers of its own (brothers and
 * sisters share them; two families never do): the numbers are dealt out
 * by the family's place in the list, shuffled within each range by a
 * multiplier prime to 1000. There are 1,000 such mobile numbers, so a
 * large school's later families are given a landline instead, as some
 * parents give only a home telephone. */
#define DRAMA_MOBILES   1000
#define LANDLINES_EACH  3        /* home, second contact's, social worker's */

static const char * const drama_landlines[] = {
  "01632 960", "0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0", "0117 496 0",
  "0118 496 0", "0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0", "0161 496 0",
  "0191 498 0", "020 7946 0", "028 9649 6", "029 2018 0",
};

static char *
mobile_number (AttDemo *demo,
               guint    slot)
{
  if (slot >= DRAMA_MOBILES)
    return NULL;
  return chunk_printf (demo, "07700 900%03u", (slot * 389 + 17) % 1000);
}

/* Landline @which (0 to LANDLINES_EACH - 1) of family @family. */
static char *
landline_number (AttDemo *demo,
                 guint    family,
                 guint    which)
{
  guint slot = family * LANDLINES_EACH + which;
  guint range = slot / 1000;
  guint number = (slot % 1000 * 347 + 211) % 1000;

  /* The schools' own numbers (att-demo-school.c) are no family's: those
   * two go to the last range, which 5,000 pupils never reach. */
  if (range == 0 && (number == 100 || number == 200))
    range = G_N_ELEMENTS (drama_landlines) - 1;
  if (slot >= (G_N_ELEMENTS (drama_landlines) - 1) * 1000)
    return NULL;
  return chunk_printf (demo, "%s%03u", drama_landlines[range], number);
}

static guint
family_index (AttDemo       *demo,
              AttDemoFamily *f)
{
  return (guint)(f - &g_array_index (demo->families, AttDemoFamily, 0));
}

static void
make_family (AttDemo       *demo,
             AttDemoFamily *f)
{
  AttDemoRng *rng = &demo->rng;
  const AttDemoCulture *c;
  guint n_streets, n_districts;
  const char * const *streets = att_demo_streets (&n_streets);
  const char * const *districts = att_demo_districts (&n_districts);
  double shape = att_demo_rng_double (rng);
  guint family_number = demo->families->len;

  memset (f, 0, sizeof *f);
  f->culture = c = pick_culture (demo);
  f->surname = att_demo_rng_pick (rng, c->surnames, c->n_surnames);
  f->address_1 = chunk_printf (demo, "%u %s", 1 + att_demo_rng_below (rng, 140),
                               att_demo_rng_pick (rng, streets, n_streets));
  f->address_2 = att_demo_rng_chance (rng, 0.6) ? g_string_chunk_insert (demo->strings,
                                                                att_demo_rng_pick (rng, districts, n_districts))
                                       : NULL;
  f->postcode = chunk_printf (demo, "MB%u %u%c%c", 1 + att_demo_rng_below (rng, 9), att_demo_rng_below (rng, 10),
                              "ABDEFGHJLNPQRSTUWXYZ"[att_demo_rng_below (rng, 20)],
                              "ABDEFGHJLNPQRSTUWXYZ"[att_demo_rng_below (rng, 20)]);
  /* A number is still drawn wherever one was drawn before the numbers
   * were dealt (see mobile_number()), so that everything else in the
   * school stays as it was. */
  if (att_demo_rng_chance (rng, 0.35))
    {
      att_demo_rng_below (rng, 1000);
      f->phone_home = landline_number (demo, family_number, 0);
    }
  f->eal = att_demo_rng_below (rng, 100) < c->eal_percent;
  f->observes_eid = (g_str_equal (c->label, "south-asian") && att_demo_rng_chance (rng, 0.7)) ||
                    g_str_equal (c->label, "somali") ||
                    (g_str_equal (c->label, "turkish") && att_demo_rng_chance (rng, 0.5));
  f->holiday_prone = att_demo_rng_chance (rng, 0.08);

  /* First contact: usually the mother. */
  f->c_title[0] = att_demo_rng_chance (rng, 0.6) ? "Mrs" : att_demo_rng_chance (rng, 0.5) ? "Ms" : "Miss";
  f->c_forename[0] = att_demo_rng_pick (rng, c->girls, c->n_girls);
  f->c_surname[0] = att_demo_rng_chance (rng, 0.85) ? f->surname : att_demo_rng_pick (rng, c->surnames, c->n_surnames);
  f->c_relationship[0] = "Mother";
  f->c_responsibility[0] = TRUE;
  f->c_lives_with[0] = TRUE;
  f->c_letters[0] = TRUE;
  att_demo_rng_below (rng, 1000);
  f->c_mobile[0] = mobile_number (demo, family_number);
  if (f->c_mobile[0] == NULL && f->phone_home == NULL)
    f->phone_home = landline_number (demo, family_number, 0);
  f->c_email[0] = email_for (demo, f->c_forename[0], f->c_surname[0], family_number % 7 == 0 ? family_number % 89 : 0);

  /* Second contact: the father at home, a father living apart, a
   * grandparent or an aunt. */
  f->c_responsibility[1] = TRUE;
  f->c_lives_with[1] = TRUE;
  f->c_letters[1] = FALSE;
  if (shape < 0.62)
    {
      f->c_title[1] = "Mr";
      f->c_forename[1] = att_demo_rng_pick (rng, c->boys, c->n_boys);
      f->c_surname[1] = f->surname;
      f->c_relationship[1] = "Father";
    }
  else if (shape < 0.84)
    {
      f->c_title[1] = "Mr";
      f->c_forename[1] = att_demo_rng_pick (rng, c->boys, c->n_boys);
      f->c_surname[1] = f->surname;
      f->c_relationship[1] = "Father";
      f->c_lives_with[1] = FALSE;
      f->c_letters[1] = TRUE;
      f->c_address_1 = chunk_printf (demo, "Flat %u, %u %s", 1 + att_demo_rng_below (rng, 12),
                                     1 + att_demo_rng_below (rng, 90), att_demo_rng_pick (rng, streets, n_streets));
      f->c_postcode = chunk_printf (demo, "MB%u %u%c%c", 1 + att_demo_rng_below (rng, 9), att_demo_rng_below (rng, 10),
                                    "ABDEFGHJLNPQRSTUWXYZ"[att_demo_rng_below (rng, 20)],
                                    "ABDEFGHJLNPQRSTUWXYZ"[att_demo_rng_below (rng, 20)]);
    }
  else if (shape < 0.94)
    {
      gboolean grandad = att_demo_rng_chance (rng, 0.35);
      f->c_title[1] = grandad ? "Mr" : "Mrs";
      f->c_forename[1] = grandad ? att_demo_rng_pick (rng, c->boys, c->n_boys)
                                 : att_demo_rng_pick (rng, c->girls, c->n_girls);
      f->c_surname[1] = att_demo_rng_chance (rng, 0.5) ? f->surname : att_demo_rng_pick (rng, c->surnames, c->n_surnames);
      f->c_relationship[1] = grandad ? "Grandfather" : "Grandmother";
      f->c_responsibility[1] = FALSE;
      f->c_lives_with[1] = FALSE;
    }
  else
    {
      f->c_title[1] = "Ms";
      f->c_forename[1] = att_demo_rng_pick (rng, c->girls, c->n_girls);
      f->c_surname[1] = att_demo_rng_pick (rng, c->surnames, c->n_surnames);
      f->c_relationship[1] = "Aunt";
      f->c_responsibility[1] = FALSE;
      f->c_lives_with[1] = FALSE;
    }
  /* The second contact's mobile is dealt once every family has its
   * first (att_demo_make_families()). */
  att_demo_rng_below (rng, 1000);
  f->c_mobile[1] = NULL;
  if (att_demo_rng_chance (rng, 0.3))
    {
      att_demo_rng_below (rng, 1000);
      f->c_work[1] = landline_number (demo, family_number, 1);
    }
  f->c_email[1] = att_demo_rng_chance (rng, 0.7) ? email_for (demo, f->c_forename[1], f->c_surname[1], 0) : NULL;

  /* Families on low incomes claim free meals for all their children. */
  f->fsm = att_demo_rng_chance (rng, 0.24);
  f->social_worker = att_demo_rng_chance (rng, 0.03);
}

/* A looked-after child lives with foster carers, and the local authority
 * shares parental responsibility. */
void
att_demo_make_foster (AttDemo       *demo,
                      AttDemoFamily *f)
{
  AttDemoRng *rng = &demo->rng;
  const AttDemoCulture *c = &att_demo_cultures (&(guint){ 0 })[0];

  f->foster = TRUE;
  f->social_worker = TRUE;
  f->fsm = TRUE;
  f->c_title[0] = "Mrs";
  f->c_forename[0] = att_demo_rng_pick (rng, c->girls, c->n_girls);
  f->c_surname[0] = att_demo_rng_pick (rng, c->surnames, c->n_surnames);
  f->c_relationship[0] = "Foster carer";
  f->c_responsibility[0] = FALSE;
  f->c_lives_with[0] = TRUE;
  f->c_letters[0] = TRUE;
  f->c_email[0] = email_for (demo, f->c_forename[0], f->c_surname[0], 0);
  f->c_title[1] = "Ms";
  f->c_forename[1] = att_demo_rng_pick (rng, c->girls, c->n_girls);
  f->c_surname[1] = att_demo_rng_pick (rng, c->surnames, c->n_surnames);
  f->c_relationship[1] = "Social worker";
  f->c_responsibility[1] = TRUE;
  f->c_lives_with[1] = FALSE;
  f->c_letters[1] = TRUE;
  att_demo_rng_below (rng, 1000);
  f->c_work[1] = landline_number (demo, family_index (demo, f), 2);
  f->c_email[1] = chunk_printf (demo, "childrens.services%u@example.org", att_demo_rng_below (rng, 90));
  f->c_address_1 = NULL;
}

/* Groups pupils into families: most are only children at the school,
 * others have a brother or sister one to five years apart. */
void
att_demo_make_families (AttDemo *demo)
{
  guint n = demo->pupils->len;
  g_autofree guint *order = g_new (guint, n);
  int n_cohorts = demo->last_year - demo->oldest_cohort + 1;
  g_autofree GArray **free_in = g_new0 (GArray *, (gsize)n_cohorts);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  att_demo_rng_shuffle (&demo->rng, order, n);

  for (int c = 0; c < n_cohorts; c++)
    free_in[c] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, order[i]);
      g_array_append_val (free_in[p->cohort - demo->oldest_cohort], order[i]);
    }

  for (guint i = 0; i < n; i++)
    {
      AttDemoPupil *p = att_demo_pupil (demo, order[i]);
      AttDemoFamily f;
      double r;
      guint size;
      int cohorts_used[4];
      int family_index = (int)demo->families->len;

      if (p->family >= 0)
        continue;

      make_family (demo, &f);
      r = att_demo_rng_double (&demo->rng);
      size = r < 0.60 ? 1 : r < 0.88 ? 2 : r < 0.97 ? 3 : 4;
      p->family = family_index;
      f.n_children = 1;
      cohorts_used[0] = p->cohort;

      for (guint s = 1; s < size; s++)
        for (guint attempt = 0; attempt < 6; attempt++)
          {
            int gap = 1 + (int)att_demo_rng_below (&demo->rng, 5);
            int cohort = cohorts_used[s - 1] + (att_demo_rng_chance (&demo->rng, 0.5) ? gap : -gap);
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
                AttDemoPupil *sibling = att_demo_pupil (demo, candidate);

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

  /* Second contacts' mobiles from those the first contacts left; when
   * none are left, a landline of the family's own. */
  for (guint k = 0; k < demo->families->len; k++)
    {
      AttDemoFamily *f = att_demo_family (demo, k);

      f->c_mobile[1] = mobile_number (demo, demo->families->len + k);
      if (f->c_mobile[1] == NULL && f->c_work[1] == NULL)
        f->c_work[1] = landline_number (demo, k, 1);
    }

  for (int c = 0; c < n_cohorts; c++)
    g_array_unref (free_in[c]);
}

