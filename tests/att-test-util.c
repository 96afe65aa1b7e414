/* att-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "att-test-util.h"

AttTestDb *
att_test_db_new (void)
{
  g_autoptr(GError) error = NULL;
  AttTestDb *t = g_new0 (AttTestDb, 1);

  t->dir = g_dir_make_tmp ("attendance-test-XXXXXX", &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "test.db", NULL);
  t->db = att_db_create (t->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->db);
  return t;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
att_test_db_free (AttTestDb *t)
{
  g_clear_object (&t->db);
  remove_dir (t->dir);
  g_free (t->path);
  g_free (t->dir);
  g_free (t);
}
