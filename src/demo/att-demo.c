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
 *     in term time, lateness, trips), with the history an office leaves,
 *     written through the register's bulk loader so that every entry
 *     meets the rules any other mark meets (att-demo-marks.c);
 *  4. all of it written in one transaction, into a file beside the one
 *     asked for that takes its name only once the school is complete: a
 *     demo stopped half way leaves no database behind, never an empty
 *     school that looks like a real one.
 *
 * Everything is drawn from one pseudo-random generator seeded from the
 * seed, and each pupil's register from a generator of its own, so the same
 * seed and as-of date always give the same school.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

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

/* What SQLite keeps beside a database file while it is in use. */
static const char * const sidecars[] = { "-wal", "-shm", "-journal" };

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
/* The school, in one transaction.                                     */

static gboolean
write_school (AttDemo  *demo,
              GError  **error)
{
  g_autofree char *detail = NULL;

  detail = g_strdup_printf ("%u pupils, %d school years, seed %" G_GUINT64_FORMAT,
                            demo->pupils->len, demo->last_year - demo->first_year + 1,
                            demo->seed);
  return att_demo_write_settings (demo, error) &&
         att_demo_write_users (demo, error) &&
         att_demo_write_calendar (demo, error) &&
         att_demo_write_saved_filters (demo, error) &&
         att_demo_write_pupils (demo, error) &&
         att_demo_write_registers (demo, error) &&
         att_demo_write_calls (demo, error) &&
         att_demo_write_leave (demo, error) &&
         att_demo_write_letters (demo, error) &&
         att_demo_write_contact_checks (demo, error) &&
         att_audit_log (demo->db, att_user_system (), "demo", detail, error);
}

static gboolean
build (AttDemo  *demo,
       guint     n_pupils,
       GError  **error)
{
  AttDb *db = demo->db;

  /* Nobody else knows the file yet, and it is thrown away if anything
   * stops half way: the one transaction need not be journalled to disk,
   * nor its commit wait for the disk (att_demo_create() flushes the file
   * once it is complete). The cache may hold the whole school (about
   * 400 MB at 2,000 pupils and six years) rather than write pages out and
   * read them back while the indexes are built. Every row refers to a
   * pupil or an actor the same load has just written (the register's
   * bulk loader finds each pupil itself), so the foreign keys are not
   * looked up again for each of millions of marks; the demo's tests run
   * the foreign-key check on the school. */
  if (!att_db_exec (db, "PRAGMA journal_mode = MEMORY", error) ||
      !att_db_exec (db, "PRAGMA synchronous = OFF", error) ||
      !att_db_exec (db, "PRAGMA cache_size = -1048576", error) ||
      !att_db_exec (db, "PRAGMA foreign_keys = OFF", error))
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
  att_demo_plan_la_cases (demo);

  if (!att_db_begin (db, error))
    return FALSE;
  if (!write_school (demo, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  if (!att_db_commit (db, error))
    return FALSE;

  /* Back to the settings every connection uses (see att-db.c): the file
   * is left in WAL mode, and its -wal and -shm go when it is closed. */
  return att_db_exec (db, "PRAGMA foreign_keys = ON", error) &&
         att_db_exec (db, "PRAGMA journal_mode = WAL", error) &&
         att_db_exec (db, "PRAGMA synchronous = FULL", error) &&
         att_db_exec (db, "PRAGMA cache_size = -2000", error) &&
         att_db_exec (db, "PRAGMA optimize", error);
}

/* ------------------------------------------------------------------ */
/* The file: made beside the one asked for, renamed when complete.     */

static void
remove_with_sidecars (const char *path)
{
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *file = g_strconcat (path, sidecars[i], NULL);
      g_unlink (file);
    }
}

/* Refuses a path where a database is, or was: a -wal or -journal left
 * without its database would be played back into the new one when it is
 * opened, so it is not ours to remove. */
static gboolean
check_target (const char  *path,
              GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("A database already exists at %s: nothing was changed"), path);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *file = g_strconcat (path, sidecars[i], NULL);

      if (g_str_equal (sidecars[i], "-shm") || !g_file_test (file, G_FILE_TEST_EXISTS))
        continue;
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("%s is left from an earlier database at %s: move it away (or restore its database) before making a demo school there"),
                   file, path);
      return FALSE;
    }
  return TRUE;
}

/* Opens @part and takes its lock: while a demo is made the file is locked,
 * so one left by a demo that was stopped can be told from one that is
 * still being made. Returns the descriptor, or -1 with errno set
 * (EWOULDBLOCK when another demo holds it). */
static int
lock_part (const char *part)
{
  int fd = g_open (part, O_RDWR | O_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      close (fd);
      errno = saved;
      return -1;
    }
  return fd;
}

/* Removes what a demo that was stopped half way left at @part; refuses if
 * a demo is still being made there. */
static gboolean
clear_leftovers (const char  *path,
                 const char  *part,
                 GError     **error)
{
  int fd;

  if (!g_file_test (part, G_FILE_TEST_EXISTS))
    {
      for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
        {
          g_autofree char *file = g_strconcat (part, sidecars[i], NULL);
          g_unlink (file);
        }
      return TRUE;
    }

  fd = lock_part (part);
  if (fd < 0 && (errno == EWOULDBLOCK || errno == EAGAIN))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("A demo school is being made at %s already: wait for it to finish"), path);
      return FALSE;
    }
  remove_with_sidecars (part);
  if (fd >= 0)
    close (fd);
  return TRUE;
}

/* Gives the complete file at @part the name @path, unless something took
 * that name in the meantime: link() refuses an existing name, where
 * rename() would replace it. */
static gboolean
put_in_place (const char  *part,
              const char  *path,
              GError     **error)
{
  int saved;

  if (link (part, path) == 0)
    {
      g_unlink (part);
      return TRUE;
    }
  saved = errno;
  if (saved != EEXIST && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* A file system without hard links (a FAT memory stick, say). */
      if (g_rename (part, path) == 0)
        return TRUE;
      saved = errno;
    }

  if (saved == EEXIST)
    g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                 _("A database appeared at %s while the demo school was made: nothing was changed"),
                 path);
  else
    g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                 _("The demo school could not be saved as %s: %s"), path, g_strerror (saved));
  return FALSE;
}

/* The folder holding @path, flushed so that the new name survives a power
 * cut as well as the file it names. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
create_file (AttDemo     *demo,
             const char  *path,
             guint        n_pupils,
             GError     **error)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  GStatBuf before, after;
  int fd;
  gboolean ok;

  if (!check_target (path, error) ||
      !clear_leftovers (path, part, error))
    return FALSE;

  demo->db = att_db_create (part, error);
  if (demo->db == NULL)
    return FALSE;
  fd = lock_part (part);
  if (fd < 0 || fstat (fd, &before) != 0)
    {
      int saved = errno;

      g_clear_object (&demo->db);
      if (fd >= 0)
        close (fd);
      else if (saved == EWOULDBLOCK || saved == EAGAIN)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                       _("A demo school is being made at %s already: wait for it to finish"), path);
          return FALSE;
        }
      remove_with_sidecars (part);
      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("Could not open %s: %s"), part, g_strerror (saved));
      return FALSE;
    }

  ok = build (demo, n_pupils, error);
  /* Closing the last connection folds the -wal into the file and removes
   * the -wal and -shm, so the file is complete on its own. */
  g_clear_object (&demo->db);

  if (ok && fsync (fd) != 0)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_DATABASE,
                   _("The demo school could not be written to %s: %s"), part, g_strerror (saved));
      ok = FALSE;
    }
  /* The file is still the one made here, and not one of another demo
   * that found this one's lock missing before it was taken. */
  if (ok && (g_stat (part, &after) != 0 || after.st_ino != before.st_ino ||
             after.st_dev != before.st_dev))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("A demo school is being made at %s already: wait for it to finish"), path);
      close (fd);
      return FALSE;
    }
  if (ok)
    ok = put_in_place (part, path, error);
  if (ok)
    sync_folder (path);
  else
    remove_with_sidecars (part);
  close (fd);
  return ok;
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
  demo.users = g_ptr_array_new_with_free_func ((GDestroyNotify) att_user_free);

  ok = create_file (&demo, path, options->pupils, error);

  for (guint i = 0; i < demo.n_years; i++)
    att_demo_year_clear (&demo.years[i]);
  g_free (demo.years);
  g_array_unref (demo.school_days);
  g_array_unref (demo.pupils);
  g_array_unref (demo.families);
  g_string_chunk_free (demo.strings);
  g_ptr_array_unref (demo.users);
  return ok;
}
