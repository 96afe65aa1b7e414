/* test-pupils-cache.c: pupils read one at a time, and the whole list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A demo school of 300 pupils (a secondary school, Years 7 to 11) with
 * two school years of registers, seed 11, as of Wednesday 12 March 2025:
 * the pupils who left in July 2024 are still on file, and the names come
 * from many languages (Çelik, Wiśniewski, Nguyễn and the like).
 *
 * Whatever path a pupil is read by, it must be the pupil a direct
 * computation makes: every field as the table holds it, the display name
 * and the sort key as att_pupil_update_names () makes them, and the list
 * in the order of those keys, then of the UPNs.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "att-db-private.h"
#include "att-demo.h"
#include "att-pupils-private.h"
#include "att-test-util.h"

/* As att-pupils-cache.c reads the whole list after this many pupils
 * looked up one by one. */
#define SINGLE_READS_MAX 32

static char *demo_path;

static AttDb *
open_demo (void)
{
  g_autoptr(GError) error = NULL;
  AttDb *db = att_db_open (demo_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static int
compare_direct (gconstpointer a,
                gconstpointer b)
{
  AttPupil *pa = *(AttPupil * const *)a;
  AttPupil *pb = *(AttPupil * const *)b;
  int cmp = strcmp (pa->sort_key, pb->sort_key);

  return cmp != 0 ? cmp : strcmp (pa->upn, pb->upn);
}

/* Copies of @list's pupils with their names made here, in the order
 * their keys give. */
static GPtrArray *
direct_order (GPtrArray *list)
{
  GPtrArray *direct = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < list->len; i++)
    {
      AttPupil *copy = att_pupil_copy (g_ptr_array_index (list, i));

      att_pupil_update_names (copy);
      g_ptr_array_add (direct, copy);
    }
  g_ptr_array_sort (direct, compare_direct);
  return direct;
}

static void
assert_same_pupil (AttPupil *read,
                   AttPupil *direct)
{
  g_assert_cmpint (read->id, ==, direct->id);
  g_assert_cmpstr (read->upn, ==, direct->upn);
  g_assert_cmpstr (read->legal_surname, ==, direct->legal_surname);
  g_assert_cmpstr (read->legal_forename, ==, direct->legal_forename);
  g_assert_cmpstr (read->preferred_surname, ==, direct->preferred_surname);
  g_assert_cmpstr (read->preferred_forename, ==, direct->preferred_forename);
  g_assert_cmpint (read->dob, ==, direct->dob);
  g_assert_cmpint (read->sex, ==, direct->sex);
  g_assert_cmpint (read->year_group, ==, direct->year_group);
  g_assert_cmpstr (read->reg_group, ==, direct->reg_group);
  g_assert_cmpint (read->admission, ==, direct->admission);
  g_assert_cmpint (read->leaving, ==, direct->leaving);
  g_assert_cmpint (read->fsm, ==, direct->fsm);
  g_assert_cmpint (read->sen, ==, direct->sen);
  g_assert_cmpint (read->eal, ==, direct->eal);
  g_assert_cmpint (read->looked_after, ==, direct->looked_after);
  g_assert_cmpint (read->social_worker, ==, direct->social_worker);
  g_assert_cmpint (read->young_carer, ==, direct->young_carer);
  g_assert_cmpstr (read->medical_note, ==, direct->medical_note);
  g_assert_cmpstr (read->sort_key, ==, direct->sort_key);
  g_assert_cmpstr (att_pupil_get_display_name (read), ==, direct->display_name);
}

/* The list read from the keys kept in the table is the direct one. */
static void
test_list (void)
{
  g_autoptr(AttDb) db = open_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) direct = NULL;
  GPtrArray *list;
  guint left = 0, accented = 0;

  list = att_pupils_list (db, &error);
  g_assert_no_error (error);
  direct = direct_order (list);
  g_assert_cmpuint (list->len, ==, direct->len);
  g_assert_cmpuint (list->len, >, 300);
  for (guint i = 0; i < list->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (list, i);

      /* Display names are made when asked for, not for every pupil. */
      g_assert_null (pupil->display_name);
      assert_same_pupil (pupil, g_ptr_array_index (direct, i));
      g_assert_true (att_pupils_get (db, pupil->id) == pupil);
      g_assert_true (att_pupils_find (db, pupil->upn) == pupil);
      left += pupil->leaving != ATT_DATE_NONE;
      accented += !g_str_is_ascii (att_pupil_get_surname (pupil));
    }
  /* The school makes the test: leavers, and names with accents. */
  g_assert_cmpuint (left, >, 0);
  g_assert_cmpuint (accented, >, 0);
}

/* Pupils looked up one at a time are read one at a time, are the direct
 * pupils, and are the same objects in the list read later, which is the
 * direct list. */
static void
test_one_at_a_time (void)
{
  g_autoptr(GPtrArray) direct = NULL;
  g_autoptr(GPtrArray) borrowed = g_ptr_array_new ();
  g_autoptr(AttDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  GPtrArray *list;
  guint step;

  {
    g_autoptr(AttDb) full = open_demo ();

    direct = direct_order (att_pupils_list (full, &error));
    g_assert_no_error (error);
  }

  db = open_demo ();
  /* Every 29th pupil, by UPN then by number: 11 pupils of the 300 or so,
   * under the 32 that makes reading the whole list the cheaper way. */
  step = 29;
  for (guint i = 0; i < direct->len; i += step)
    {
      AttPupil *want = g_ptr_array_index (direct, i);
      AttPupil *pupil = att_pupils_find (db, want->upn);

      g_assert_nonnull (pupil);
      assert_same_pupil (pupil, want);
      g_assert_nonnull (pupil->display_name);
      g_assert_true (att_pupils_get (db, want->id) == pupil);
      g_ptr_array_add (borrowed, pupil);
    }
  g_assert_cmpuint (borrowed->len, <, SINGLE_READS_MAX);
  g_assert_null (db->pupils);

  /* A UPN typed in small letters with spaces, one that is nobody's, a
   * number that is nobody's. */
  typed = g_strdup_printf (" %s ", ((AttPupil *)g_ptr_array_index (direct, 0))->upn);
  typed[2] = g_ascii_tolower (typed[2]);
  g_assert_true (att_pupils_find (db, typed) == g_ptr_array_index (borrowed, 0));
  g_assert_null (att_pupils_find (db, "A000000000000"));
  g_assert_null (att_pupils_get (db, 999999));
  g_assert_null (db->pupils);

  /* By number this time, every pupil: past the 32nd the whole list is
   * read, and every answer is still the direct one. */
  for (guint i = 0; i < direct->len; i++)
    {
      AttPupil *want = g_ptr_array_index (direct, i);

      assert_same_pupil (att_pupils_get (db, want->id), want);
    }
  g_assert_nonnull (db->pupils);
  g_assert_null (att_pupils_get (db, 999999));

  list = att_pupils_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, direct->len);
  for (guint i = 0; i < list->len; i++)
    assert_same_pupil (g_ptr_array_index (list, i), g_ptr_array_index (direct, i));
  /* What was borrowed before the list was read is still in it. */
  for (guint i = 0; i < borrowed->len; i++)
    g_assert_true (g_ptr_array_find (list, g_ptr_array_index (borrowed, i), NULL));
}

/* The pupils on roll in a period are those of the list on roll in it, in
 * its order, read from the table or taken from the list. The demo's
 * leavers left in July 2024 and its new Year 7 joined in September: the
 * summer holiday between has neither, a day in September the newcomers,
 * both years everyone, and a period that ends before it starts nobody. */
static void
test_on_roll (void)
{
  const AttDate periods[][2] = {
    { D (2024, 8, 5), D (2024, 8, 20) },
    { D (2024, 9, 10), D (2024, 9, 10) },
    { D (2023, 9, 1), D (2025, 3, 12) },
    { D (2025, 3, 12), D (2024, 9, 2) },
  };
  g_autoptr(AttDb) full = open_demo ();
  g_autoptr(GError) error = NULL;
  GPtrArray *list = att_pupils_list (full, &error);

  g_assert_no_error (error);
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr(AttDb) lazy = open_demo ();
      g_autoptr(GPtrArray) expected = g_ptr_array_new ();
      g_autoptr(GPtrArray) read = NULL;
      g_autoptr(GPtrArray) taken = NULL;

      for (guint i = 0; i < list->len; i++)
        if (att_pupil_on_roll_between (g_ptr_array_index (list, i), periods[p][0], periods[p][1]))
          g_ptr_array_add (expected, g_ptr_array_index (list, i));
      if (p < 2)
        g_assert_cmpuint (expected->len, <, list->len);
      g_assert_cmpuint (expected->len, ==, p == 2 ? list->len : expected->len);
      g_assert_cmpuint (expected->len > 0, ==, p < 3);

      read = att_pupils_list_on_roll (lazy, periods[p][0], periods[p][1], &error);
      g_assert_no_error (error);
      g_assert_null (lazy->pupils);
      taken = att_pupils_list_on_roll (full, periods[p][0], periods[p][1], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (read->len, ==, expected->len);
      g_assert_cmpuint (taken->len, ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        {
          g_autoptr(AttPupil) direct = att_pupil_copy (g_ptr_array_index (expected, i));

          att_pupil_update_names (direct);
          assert_same_pupil (g_ptr_array_index (read, i), direct);
          g_assert_true (g_ptr_array_index (taken, i) == g_ptr_array_index (expected, i));
          g_assert_true (att_pupils_get (lazy, direct->id) == g_ptr_array_index (read, i));
        }
    }
}

/* The sort key kept for each pupil, by id. */
static GHashTable *
stored_keys (AttDb *db)
{
  GHashTable *keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (att_db_get_handle (db), "SELECT id, sort_key FROM pupils",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (keys, g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         sqlite3_column_type (stmt, 1) == SQLITE_NULL ? NULL
                         : g_strndup (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1)));
  sqlite3_finalize (stmt);
  return keys;
}

/* Keys made in another language's order are not used: the list is the
 * direct one of this run's language. The first pupil saved rewrites every
 * key in this language, so that all keys in the table compare. Here the
 * other language's keys are stood in for by the UPNs, an order no
 * language gives names. */
static void
test_other_language (void)
{
  g_autoptr(AttDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) direct = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *demo_collation = NULL;
  g_autofree char *collation = att_pupils_collation ();
  g_autofree char *recorded = NULL;
  GPtrArray *list;
  guint differ = 0;

  db = open_demo ();
  demo_collation = att_db_get_setting (db, "pupils.sort_collation");
  g_assert_cmpstr (demo_collation, ==, collation);
  g_assert_true (att_db_exec (db,
                              "UPDATE pupils SET sort_key = CAST (upn AS BLOB);"
                              "UPDATE settings SET value = '1 xx_XX.UTF-8 0123456789abcdef' "
                              "WHERE key = 'pupils.sort_collation'",
                              &error));
  g_assert_no_error (error);
  before = stored_keys (db);
  g_clear_object (&db);

  db = open_demo ();
  list = att_pupils_list (db, &error);
  g_assert_no_error (error);
  direct = direct_order (list);
  for (guint i = 0; i < list->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (list, i);

      assert_same_pupil (pupil, g_ptr_array_index (direct, i));
      differ += g_strcmp0 (pupil->sort_key, g_hash_table_lookup (before, &pupil->id)) != 0;
    }
  g_assert_cmpuint (differ, ==, list->len);

  att_test_save_pupil (db, att_test_pupil_new ("Zoë", "Ölmez", 7, "7A",
                                               D (2013, 5, 1), D (2024, 9, 2)));
  recorded = att_db_get_setting (db, "pupils.sort_collation");
  g_assert_cmpstr (recorded, ==, collation);
  after = stored_keys (db);
  list = att_pupils_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (after), ==, list->len);
  g_assert_cmpuint (list->len, ==, direct->len + 1);
  for (guint i = 0; i < list->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (list, i);
      g_autofree char *key = att_pupil_sort_key (att_pupil_get_surname (pupil),
                                                 att_pupil_get_forename (pupil));

      g_assert_cmpstr (g_hash_table_lookup (after, &pupil->id), ==, key);
      g_assert_cmpstr (pupil->sort_key, ==, key);
      if (i > 0)
        g_assert_cmpint (compare_direct (&g_ptr_array_index (list, i - 1),
                                         &g_ptr_array_index (list, i)), <, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  AttDemoOptions options;
  int status;

  /* The language of the test environment (C.UTF-8), as the programs
   * take theirs. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("attendance-pupils-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (dir, "demo.db", NULL);
  att_demo_options_init (&options);
  options.pupils = 300;
  options.years = 2;
  options.seed = 11;
  options.as_of = D (2025, 3, 12);
  g_assert_true (att_demo_create (demo_path, &options, &error));
  g_assert_no_error (error);

  g_test_add_func ("/pupils-cache/list", test_list);
  g_test_add_func ("/pupils-cache/one-at-a-time", test_one_at_a_time);
  g_test_add_func ("/pupils-cache/on-roll", test_on_roll);
  g_test_add_func ("/pupils-cache/other-language", test_other_language);
  status = g_test_run ();

  {
    static const char * const suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (demo_path, suffixes[i], NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
  g_free (demo_path);
  return status;
}
