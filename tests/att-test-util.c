/* att-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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

AttPupil *
att_test_pupil_new (const char *forename,
                    const char *surname,
                    int         year,
                    const char *group,
                    AttDate     dob,
                    AttDate     admission)
{
  static guint serial = 0;
  AttPupil *pupil = att_pupil_new ();
  char rest[13];
  char upn[14];

  g_snprintf (rest, sizeof rest, "8231000%05u", ++serial);
  g_snprintf (upn, sizeof upn, "%c%s", att_upn_check_letter (rest), rest);
  pupil->upn = g_strdup (upn);
  pupil->legal_forename = g_strdup (forename);
  pupil->legal_surname = g_strdup (surname);
  pupil->dob = dob;
  pupil->sex = 'F';
  pupil->year_group = year;
  pupil->reg_group = g_strdup (group);
  pupil->admission = admission;
  pupil->sen = ATT_SEN_NONE;
  return pupil;
}

gint64
att_test_save_pupil (AttDb    *db,
                     AttPupil *pupil)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupil) owned = pupil;
  gint64 id;

  id = att_pupils_save (db, att_user_system (), owned, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
att_test_add_pupil (AttDb      *db,
                    const char *forename,
                    const char *surname,
                    int         year,
                    AttDate     dob,
                    AttDate     admission,
                    AttDate     leaving)
{
  AttPupil *pupil = att_test_pupil_new (forename, surname, year, year == 0 ? "RA" : "7A",
                                        dob, admission);

  pupil->leaving = leaving;
  return att_test_save_pupil (db, pupil);
}

AttUser *
att_test_add_user (AttDb      *db,
                   const char *name,
                   AttRole     role,
                   const char *position)
{
  g_autoptr(GError) error = NULL;
  gint64 id = att_users_add (db, att_user_system (), name, role, position, &error);
  AttUser *user;

  g_assert_no_error (error);
  user = att_users_get (db, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  return user;
}

void
att_test_add_term (AttDb      *db,
                   const char *name,
                   AttDate     start,
                   AttDate     end)
{
  g_autoptr(GError) error = NULL;

  att_calendar_add_term (db, (AttUser *)att_user_system (), name, start, end, &error);
  g_assert_no_error (error);
}

void
att_test_school_init (AttTestSchool *school)
{
  school->t = att_test_db_new ();
  school->db = school->t->db;
  att_test_add_term (school->db, "Autumn 1 2024", D (2024, 9, 2), D (2024, 10, 25));
  school->officer = att_test_add_user (school->db, "Olive Officer",
                                       ATT_ROLE_ATTENDANCE_OFFICER, NULL);
  school->receptionist = att_test_add_user (school->db, "Rita Reception",
                                            ATT_ROLE_RECEPTIONIST, NULL);
}

void
att_test_school_clear (AttTestSchool *school)
{
  g_clear_pointer (&school->officer, att_user_free);
  g_clear_pointer (&school->receptionist, att_user_free);
  g_clear_pointer (&school->t, att_test_db_free);
  school->db = NULL;
}

gint64
att_test_school_add_pupil (AttTestSchool *school,
                           const char    *forename,
                           const char    *surname,
                           AttDate        dob)
{
  return att_test_save_pupil (school->db,
                              att_test_pupil_new (forename, surname, 7, "7A", dob, D (2024, 9, 2)));
}

void
att_test_add_autumn_2024 (AttDb *db)
{
  static const char *const times[][2] = {
    /* Closing times first: a register may stay open 30 minutes at most. */
    { "am_close", "09:00" }, { "am_open", "08:40" },
    { "pm_close", "13:30" }, { "pm_open", "13:15" },
  };
  g_autoptr(GError) error = NULL;

  att_test_add_term (db, "Autumn 2024", D (2024, 9, 2), D (2024, 12, 20));
  att_calendar_add_closure (db, (AttUser *)att_user_system (), D (2024, 9, 13), D (2024, 9, 13),
                            -1, "INSET day", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      att_school_set (db, att_user_system (), times[i][0], times[i][1], &error);
      g_assert_no_error (error);
    }
}

void
att_test_flush_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
att_test_ignore_session_bus (const char     *log_domain,
                             GLogLevelFlags  log_level,
                             const char     *message,
                             gpointer        user_data)
{
  return strstr (message, "session bus") == NULL;
}
