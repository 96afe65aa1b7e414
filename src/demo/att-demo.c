/* att-demo.c: a realistic demonstration school
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo school is made in four steps:
 *
 *  1. the school's settings, its staff and, for every school year asked
 *     for, English term dates (six half terms, five INSET days), written
 *     through the modules that own them (att-demo-school.c);
 *  2. cohorts of pupils, one per year of entry, with the pupils who left
 *     during a year, those who joined late and the older year groups who
 *     have since moved on, grouped into families of brothers and sisters
 *     who share their contacts (att-demo-pupils.c, att-demo-families.c);
 *  3. a register for every school session up to the as-of date, made one
 *     pupil and one school year at a time from the pupil's own pattern
 *     (illness that comes in winter, Monday and Friday absence, holidays
 *     in term time, lateness, trips), with the history an office leaves
 *     (att-demo-marks.c);
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
#include <string.h>

#include "att-db-private.h"
#include "att-demo.h"
#include "att-demo-private.h"
#include "att-error.h"
#include "att-users.h"

#define MIN_PUPILS 20
#define MAX_PUPILS 5000
#define MAX_YEARS 10
#define PRIMARY_MAX_PUPILS 700
#define FORM_SIZE 30

void
att_demo_options_init (AttDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->pupils = 600;
  options->years = 2;
  options->seed = 1;
  options->as_of = att_date_today ();
}

/* ------------------------------------------------------------------ */

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

static gboolean
build (AttDemo  *demo,
       guint     n_pupils,
       GError  **error)
{
  AttDb *db = demo->db;
  g_autofree char *detail = NULL;

  /* A new file that nobody else has yet: if the machine stops half way
   * the file is thrown away anyway, so commits need not wait for the
   * disk until it is finished. */
  if (!att_db_exec (db, "PRAGMA journal_mode = MEMORY", error) ||
      !att_db_exec (db, "PRAGMA synchronous = OFF", error) ||
      !att_db_exec (db, "PRAGMA cache_size = -262144", error))
    return FALSE;

  if (!att_demo_write_settings (demo, error) ||
      !att_demo_write_users (demo, error) ||
      !att_demo_write_calendar (demo, error) ||
      !att_demo_write_saved_filters (demo, error))
    return FALSE;

  for (int year = demo->first_year; year <= demo->last_year; year++)
    {
      GArray *days = att_demo_get_year (demo, year)->days;
      g_array_append_vals (demo->school_days, days->data, days->len);
    }

  att_demo_make_cohorts (demo, n_pupils);
  att_demo_make_families (demo);
  att_demo_make_details (demo);
  att_demo_plan_threshold_holidays (demo);

  if (!att_db_begin (db, error))
    return FALSE;
  detail = g_strdup_printf ("%u pupils, %d school years, seed %" G_GUINT64_FORMAT,
                            demo->pupils->len, demo->last_year - demo->first_year + 1,
                            demo->seed);
  if (!att_demo_write_pupils (demo, error) ||
      !att_demo_write_registers (demo, error) ||
      !att_audit_log (db, NULL, "demo", detail, error))
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
  AttDemo demo = { 0 };
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
  att_demo_rng_init (&demo.rng, demo.seed, 1);
  demo.primary = options->pupils <= PRIMARY_MAX_PUPILS;
  demo.first_group = demo.primary ? ATT_YEAR_RECEPTION : 7;
  demo.last_group = demo.primary ? 6 : 11;
  demo.n_groups = demo.last_group - demo.first_group + 1;
  demo.n_forms = (int)MAX (2u, (options->pupils / (guint)demo.n_groups + FORM_SIZE - 1) / FORM_SIZE);
  demo.n_forms = MIN (demo.n_forms, demo.primary ? ATT_DEMO_PRIMARY_FORMS : 16);
  demo.last_year = att_date_school_year (demo.as_of);
  demo.first_year = demo.last_year - (int)options->years + 1;
  demo.oldest_cohort = demo.first_year - (demo.n_groups - 1);
  demo.n_years = (guint)(demo.last_year - demo.oldest_cohort + 1);
  demo.years = g_new0 (AttDemoYear, demo.n_years);
  for (guint i = 0; i < demo.n_years; i++)
    att_demo_year_init (&demo.years[i], demo.oldest_cohort + (int)i);
  demo.school_days = g_array_new (FALSE, FALSE, sizeof (AttDate));
  demo.pupils = g_array_new (FALSE, FALSE, sizeof (AttDemoPupil));
  demo.families = g_array_new (FALSE, FALSE, sizeof (AttDemoFamily));
  demo.strings = g_string_chunk_new (64 * 1024);

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
    att_demo_year_clear (&demo.years[i]);
  g_free (demo.years);
  g_array_unref (demo.school_days);
  g_array_unref (demo.pupils);
  g_array_unref (demo.families);
  g_string_chunk_free (demo.strings);
  return ok;
}
