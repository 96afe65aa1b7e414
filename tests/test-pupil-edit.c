/* test-pupil-edit.c: pupils and contacts changed by hand: leavers and
 * their destination, the roll-date rule's message, a receptionist's
 * numbers, the order of calling, removing a contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-pupil-fields.h"
#include "att-test-util.h"

static int
count_rows (AttDb      *db,
            const char *sql)
{
  sqlite3_stmt *stmt = att_db_prepare (db, sql, NULL);
  int n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
mark (AttTestSchool *school,
      gint64         pupil_id,
      AttDate        date,
      AttSession     session)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite w = {
    pupil_id, date, session,
    session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM, -1, NULL
  };

  g_assert_true (att_register_write (school->db, school->officer, &w, 1, NULL,
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

/* Mon 30 Sep am and pm, Tue 1 Oct am: the three marks the leaver tests
 * set a leaving date against. */
static gint64
pupil_with_marks (AttTestSchool *school)
{
  gint64 id = att_test_school_add_pupil (school, "Ann", "Lee", D (2012, 10, 1));

  mark (school, id, D (2024, 9, 30), ATT_SESSION_AM);
  mark (school, id, D (2024, 9, 30), ATT_SESSION_PM);
  mark (school, id, D (2024, 10, 1), ATT_SESSION_AM);
  return id;
}

static void
test_leave (void)
{
  AttTestSchool school;
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  AttPupil *pupil;
  gint64 id;

  att_test_school_init (&school);
  id = pupil_with_marks (&school);
  who = g_strdup_printf ("Ann Lee (UPN %s)", att_pupils_get (school.db, id)->upn);

  /* Friday 27 September is before the three marks of 30 September and
   * 1 October: refused, naming the pupil, the date and the marks. */
  g_assert_false (att_pupils_leave (school.db, school.officer, id, D (2024, 9, 27),
                                    "Oakfield Academy (URN 123456)", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, who));
  g_assert_nonnull (strstr (error->message, "3 marks after the new leaving date 2024-09-27"));
  g_assert_nonnull (strstr (error->message, "30 Sep 2024 am /"));
  g_assert_nonnull (strstr (error->message, "1 Oct 2024 am /"));
  g_clear_error (&error);
  pupil = att_pupils_get (school.db, id);
  g_assert_cmpint (pupil->leaving, ==, ATT_DATE_NONE);
  g_assert_null (pupil->leaving_destination);

  /* The same answer without saving, naming the field at fault, for the
   * window's dialog. */
  {
    const char *field = NULL;

    g_assert_false (att_pupils_leave_check (school.db, id, D (2024, 9, 27), "Abroad", &field, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
    g_assert_cmpstr (field, ==, "leaving_date");
    g_clear_error (&error);
    g_assert_false (att_pupils_leave_check (school.db, id, D (2024, 10, 1), "", &field, &error));
    g_assert_cmpstr (field, ==, "leaving_destination");
    g_clear_error (&error);
    g_assert_true (att_pupils_leave_check (school.db, id, D (2024, 10, 1), "Abroad", &field, &error));
    g_assert_no_error (error);
    g_assert_cmpint (att_pupils_get (school.db, id)->leaving, ==, ATT_DATE_NONE);
  }

  /* Both the date and the destination are needed, and the destination is
   * text like any other: one line, no control characters. */
  g_assert_false (att_pupils_leave (school.db, school.officer, id, D (2024, 10, 1), "  ", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Destination is empty"));
  g_clear_error (&error);
  g_assert_false (att_pupils_leave (school.db, school.officer, id, ATT_DATE_NONE, "Abroad", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_pupils_leave (school.db, school.officer, id, D (2024, 10, 1),
                                    "Moved\nabroad", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Destination"));
  g_clear_error (&error);

  /* A receptionist does not keep pupils. */
  g_assert_false (att_pupils_leave (school.db, school.receptionist, id, D (2024, 10, 1),
                                    "Elective home education", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (school.db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.leave'"),
                   ==, 0);

  /* Tuesday 1 October is the last marked day: the leaving date is the
   * last day on roll, so its marks stay inside the roll. */
  g_assert_true (att_pupils_leave (school.db, school.officer, id, D (2024, 10, 1),
                                   " Oakfield Academy (URN 123456) ", &error));
  g_assert_no_error (error);
  pupil = att_pupils_get (school.db, id);
  g_assert_cmpint (pupil->leaving, ==, D (2024, 10, 1));
  g_assert_cmpstr (pupil->leaving_destination, ==, "Oakfield Academy (URN 123456)");
  g_assert_cmpint (count_rows (school.db,
                               "SELECT count(*) FROM audit_log WHERE action = 'pupils.leave' "
                               "AND new_value LIKE '%\"leaving_destination\":\"Oakfield Academy (URN 123456)\"%' "
                               "AND new_value LIKE '%\"leaving_date\":\"2024-10-01\"%'"),
                   ==, 1);

  /* Subject access lists the destination with the pupil's details. */
  {
    g_autoptr(AttSar) sar = att_sar_collect (school.db, school.officer, id, &error);
    g_autofree char *json = NULL;

    g_assert_no_error (error);
    json = att_sar_to_json (sar, FALSE);
    g_assert_nonnull (strstr (json, "\"leaving_destination\":\"Oakfield Academy (URN 123456)\""));
  }

  att_test_school_clear (&school);
}

static void
test_clear_leaving (void)
{
  AttTestSchool school;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  AttPupil *pupil;
  gint64 id;

  att_test_school_init (&school);
  id = pupil_with_marks (&school);

  /* On roll: nothing to clear. */
  g_assert_false (att_pupils_clear_leaving (school.db, school.officer, id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "has no leaving date"));
  g_clear_error (&error);

  g_assert_true (att_pupils_leave (school.db, school.officer, id, D (2024, 10, 4),
                                   "Moved abroad", &error));
  g_assert_no_error (error);

  g_assert_false (att_pupils_clear_leaving (school.db, school.receptionist, id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Back on roll: the date and the destination both go. */
  g_assert_true (att_pupils_clear_leaving (school.db, school.officer, id, &error));
  g_assert_no_error (error);
  pupil = att_pupils_get (school.db, id);
  g_assert_cmpint (pupil->leaving, ==, ATT_DATE_NONE);
  g_assert_null (pupil->leaving_destination);
  g_assert_cmpint (count_rows (school.db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.return'"),
                   ==, 1);
  g_assert_cmpint (count_rows (school.db, "SELECT count(*) FROM pupils WHERE leaving_destination IS NULL"),
                   ==, 1);

  /* A save that clears the leaving date, as an import of a file without
   * one does, clears the destination too: a pupil on roll has none. */
  g_assert_true (att_pupils_leave (school.db, school.officer, id, D (2024, 10, 4),
                                   "Moved abroad", &error));
  {
    g_autoptr(AttPupil) edit = att_pupil_copy (att_pupils_get (school.db, id));

    g_assert_cmpstr (edit->leaving_destination, ==, "Moved abroad");
    edit->leaving = ATT_DATE_NONE;
    g_assert_cmpint (att_pupils_save (school.db, school.officer, edit, &error), ==, id);
    g_assert_no_error (error);
    g_assert_null (att_pupils_get (school.db, id)->leaving_destination);
  }

  /* A mark after a leaving date, as another program may have written
   * one (the register refuses it): the pupil is not put back on roll
   * over it. Left on 2 October, a mark on Monday 7 October. */
  g_assert_true (att_pupils_leave (school.db, school.officer, id, D (2024, 10, 2),
                                   "Moved abroad", &error));
  sql = g_strdup_printf ("INSERT INTO marks (pupil_id, date, session, code) VALUES (%"
                         G_GINT64_FORMAT ", %d, 0, '/')", id, D (2024, 10, 7));
  g_assert_true (att_db_exec (school.db, sql, &error));
  g_assert_false (att_pupils_clear_leaving (school.db, school.officer, id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "1 mark after the leaving date 2024-10-02"));
  g_assert_nonnull (strstr (error->message, "7 Oct 2024 am /"));
  g_clear_error (&error);
  g_assert_cmpint (att_pupils_get (school.db, id)->leaving, ==, D (2024, 10, 2));

  att_test_school_clear (&school);
}

static void
test_admission_over_marks (void)
{
  AttTestSchool school;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupil) edit = NULL;
  g_autofree char *who = NULL;
  gint64 id;
  int audit_rows;

  att_test_school_init (&school);
  id = pupil_with_marks (&school);
  edit = att_pupil_copy (att_pupils_get (school.db, id));
  who = g_strdup_printf ("Ann Lee (UPN %s)", edit->upn);
  audit_rows = count_rows (school.db, "SELECT count(*) FROM audit_log");

  /* Admitted on 1 October instead of 2 September: the two marks of 30
   * September are before it (1 October's own mark is on roll). */
  edit->admission = D (2024, 10, 1);
  g_assert_cmpint (att_pupils_save (school.db, school.officer, edit, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_true (g_str_has_prefix (error->message, who));
  g_assert_nonnull (strstr (error->message, "2 marks before the new admission date 2024-10-01"));
  g_assert_nonnull (strstr (error->message, "Mon 30 Sep 2024 am /, Mon 30 Sep 2024 pm \\"));
  g_clear_error (&error);
  g_assert_cmpint (att_pupils_get (school.db, id)->admission, ==, D (2024, 9, 2));
  g_assert_cmpint (count_rows (school.db, "SELECT count(*) FROM audit_log"), ==, audit_rows);

  /* 30 September itself keeps both. */
  edit->admission = D (2024, 9, 30);
  g_assert_cmpint (att_pupils_save (school.db, school.officer, edit, &error), ==, id);
  g_assert_no_error (error);

  att_test_school_clear (&school);
}

/* Three contacts of one pupil, priorities 1 to 3: Mother, Father, Gran. */
static gint64
add_contact (AttTestSchool *school,
             gint64         pupil_id,
             int            priority,
             const char    *forename,
             const char    *surname,
             const char    *relationship)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) c = att_contact_new ();
  gint64 id;

  c->pupil_id = pupil_id;
  c->priority = priority;
  c->forename = g_strdup (forename);
  c->surname = g_strdup (surname);
  c->relationship = g_strdup (relationship);
  c->phone_mobile = g_strdup ("07700 900001");
  id = att_contacts_save (school->db, school->officer, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static AttContact *
contact_of (AttTestSchool *school,
            gint64         pupil_id,
            gint64         id)
{
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (school->db, pupil_id, NULL);

  for (guint i = 0; i < contacts->len; i++)
    if (((AttContact *)g_ptr_array_index (contacts, i))->id == id)
      return att_contact_copy (g_ptr_array_index (contacts, i));
  g_error ("The pupil has no contact %" G_GINT64_FORMAT, id);
}

static void
test_numbers (void)
{
  AttTestSchool school;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) edit = NULL;
  g_autoptr(AttContact) saved = NULL;
  gint64 pupil, mother;

  att_test_school_init (&school);
  pupil = att_test_school_add_pupil (&school, "Ann", "Lee", D (2012, 10, 1));
  mother = add_contact (&school, pupil, 1, "May", "Lee", "Mother");

  /* The receptionist changes the mobile and adds an e-mail address. */
  edit = contact_of (&school, pupil, mother);
  g_free (edit->phone_mobile);
  edit->phone_mobile = g_strdup ("07700 900123");
  edit->email = g_strdup ("may.lee@example.org");
  g_assert_true (att_contacts_save_numbers (school.db, school.receptionist, edit, &error));
  g_assert_no_error (error);
  saved = contact_of (&school, pupil, mother);
  g_assert_cmpstr (saved->phone_mobile, ==, "07700 900123");
  g_assert_cmpstr (saved->email, ==, "may.lee@example.org");
  g_assert_cmpint (saved->details_checked, ==, D (2024, 10, 8));
  g_assert_cmpint (count_rows (school.db,
                               "SELECT count(*) FROM audit_log WHERE action = 'contacts.numbers' "
                               "AND new_value LIKE '%07700 900123%'"), ==, 1);

  /* Not a name: the whole change is refused, the number with it. */
  g_free (edit->surname);
  edit->surname = g_strdup ("Leigh");
  g_free (edit->phone_home);
  edit->phone_home = g_strdup ("0161 496 0000");
  g_assert_false (att_contacts_save_numbers (school.db, school.receptionist, edit, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "not the surname"));
  g_assert_nonnull (strstr (error->message, "May Lee"));
  g_clear_error (&error);
  g_clear_pointer (&saved, att_contact_free);
  saved = contact_of (&school, pupil, mother);
  g_assert_cmpstr (saved->surname, ==, "Lee");
  g_assert_null (saved->phone_home);

  /* Nor through the full save, which needs the right to keep contacts. */
  g_assert_cmpint (att_contacts_save (school.db, school.receptionist, edit, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The numbers are checked as any save checks them. */
  g_clear_pointer (&edit, att_contact_free);
  edit = contact_of (&school, pupil, mother);
  g_free (edit->email);
  edit->email = g_strdup ("may.lee.example.org");
  g_assert_false (att_contacts_save_numbers (school.db, school.receptionist, edit, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not an e-mail address"));
  g_clear_error (&error);

  /* Only one receptionist's change reached the log. */
  g_assert_cmpint (count_rows (school.db, "SELECT count(*) FROM audit_log WHERE action = 'contacts.numbers'"),
                   ==, 1);

  att_test_school_clear (&school);
}

static void
assert_order (AttTestSchool *school,
              gint64         pupil,
              gint64         first,
              gint64         second,
              gint64         third)
{
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (school->db, pupil, NULL);
  gint64 expected[] = { first, second, third };

  g_assert_cmpuint (contacts->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      AttContact *c = g_ptr_array_index (contacts, i);

      g_assert_cmpint (c->id, ==, expected[i]);
      g_assert_cmpint (c->priority, ==, i + 1);
    }
}

static void
test_reorder (void)
{
  AttTestSchool school;
  g_autoptr(GError) error = NULL;
  gint64 pupil, other, mother, father, gran, stranger;

  att_test_school_init (&school);
  pupil = att_test_school_add_pupil (&school, "Ann", "Lee", D (2012, 10, 1));
  other = att_test_school_add_pupil (&school, "Bo", "Chan", D (2012, 11, 1));
  mother = add_contact (&school, pupil, 1, "May", "Lee", "Mother");
  father = add_contact (&school, pupil, 2, "Tom", "Lee", "Father");
  gran = add_contact (&school, pupil, 3, "Iris", "Lee", "Grandmother");
  stranger = add_contact (&school, other, 1, "Wen", "Chan", "Mother");

  /* Gran first, then Mother, then Father: 1, 2, 3 in that order, though
   * Gran's 3 and Mother's 1 change places with Father's 2 in between. */
  {
    gint64 order[] = { gran, mother, father };

    g_assert_true (att_contacts_reorder (school.db, school.officer, pupil, order, 3, &error));
    g_assert_no_error (error);
    assert_order (&school, pupil, gran, mother, father);
  }
  g_assert_cmpint (count_rows (school.db,
                               "SELECT count(*) FROM audit_log WHERE action = 'contacts.reorder' "
                               "AND old_value = '{\"order\":\"1 May Lee (Mother), 2 Tom Lee (Father), 3 Iris Lee (Grandmother)\"}' "
                               "AND new_value = '{\"order\":\"1 Iris Lee (Grandmother), 2 May Lee (Mother), 3 Tom Lee (Father)\"}'"),
                   ==, 1);

  /* Wrong lists change nothing: one missing, one twice, another pupil's. */
  {
    gint64 missing[] = { mother, father };
    gint64 twice[] = { mother, mother, father };
    gint64 foreign[] = { mother, father, stranger };

    g_assert_false (att_contacts_reorder (school.db, school.officer, pupil, missing, 2, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Ann Lee has 3 contacts, and the new order names 2"));
    g_clear_error (&error);
    g_assert_false (att_contacts_reorder (school.db, school.officer, pupil, twice, 3, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "names May Lee twice"));
    g_clear_error (&error);
    g_assert_false (att_contacts_reorder (school.db, school.officer, pupil, foreign, 3, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "is not one of Ann Lee’s contacts"));
    g_clear_error (&error);
  }
  assert_order (&school, pupil, gran, mother, father);

  /* A receptionist changes numbers, not the order of calling. */
  {
    gint64 order[] = { mother, father, gran };

    g_assert_false (att_contacts_reorder (school.db, school.receptionist, pupil, order, 3, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
    g_clear_error (&error);
  }
  assert_order (&school, pupil, gran, mother, father);
  g_assert_cmpint (count_rows (school.db, "SELECT count(*) FROM audit_log WHERE action = 'contacts.reorder'"),
                   ==, 1);

  att_test_school_clear (&school);
}

static void
test_remove (void)
{
  AttTestSchool school;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *sql = NULL;
  gint64 pupil, other, mother, father, gran;

  att_test_school_init (&school);
  pupil = att_test_school_add_pupil (&school, "Ann", "Lee", D (2012, 10, 1));
  other = att_test_school_add_pupil (&school, "Bo", "Chan", D (2012, 11, 1));
  mother = add_contact (&school, pupil, 1, "May", "Lee", "Mother");
  father = add_contact (&school, pupil, 2, "Tom", "Lee", "Father");
  gran = add_contact (&school, pupil, 3, "Iris", "Lee", "Grandmother");

  /* A penalty notice to the mother keeps her name when she is removed. */
  sql = g_strdup_printf ("INSERT INTO penalty_notices (pupil_id, contact_id, parent, kind, requested, "
                         "status_date, actor_id, at) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                         ", 'May Lee', 'first', 0, 0, 1, 0)", pupil, mother);
  g_assert_true (att_db_exec (school.db, sql, &error));
  g_assert_no_error (error);

  g_assert_false (att_contacts_remove (school.db, school.receptionist, pupil, mother, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (att_contacts_remove (school.db, school.officer, other, mother, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "not one of Bo Chan’s contacts"));
  g_clear_error (&error);

  /* The mother goes; the father and the grandmother move up to 1 and 2. */
  g_assert_true (att_contacts_remove (school.db, school.officer, pupil, mother, &error));
  g_assert_no_error (error);
  contacts = att_contacts_for_pupil (school.db, pupil, NULL);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 0))->id, ==, father);
  g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 0))->priority, ==, 1);
  g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 1))->id, ==, gran);
  g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 1))->priority, ==, 2);

  g_assert_cmpint (count_rows (school.db,
                               "SELECT count(*) FROM penalty_notices WHERE parent = 'May Lee' "
                               "AND contact_id IS NULL"), ==, 1);
  g_assert_cmpint (count_rows (school.db,
                               "SELECT count(*) FROM audit_log WHERE action = 'contacts.remove' "
                               "AND old_value LIKE '%\"forename\":\"May\"%' AND new_value IS NULL"), ==, 1);

  att_test_school_clear (&school);
}

static void
test_fields (void)
{
  g_autoptr(AttPupil) pupil = att_pupil_new ();
  g_autoptr(AttContact) contact = att_contact_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (att_pupil_set_field (pupil, "dob", "01/10/2012", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pupil->dob, ==, D (2012, 10, 1));
  /* A date cleared is no date: the record's checks say whether it may
   * be without one. */
  g_assert_true (att_pupil_set_field (pupil, "dob", " ", &error));
  g_assert_cmpint (pupil->dob, ==, ATT_DATE_NONE);
  g_assert_true (att_pupil_set_field (pupil, "dob", "2012-10-01", &error));
  g_assert_cmpint (pupil->dob, ==, D (2012, 10, 1));
  g_assert_true (att_pupil_set_field (pupil, "year_group", "R", &error));
  g_assert_cmpint (pupil->year_group, ==, 0);
  g_assert_true (att_pupil_set_field (pupil, "fsm", "yes", &error));
  g_assert_true (pupil->fsm);
  g_assert_true (att_pupil_set_field (pupil, "preferred_forename", "  ", &error));
  g_assert_null (pupil->preferred_forename);

  g_assert_false (att_pupil_set_field (pupil, "sex", "X", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_pupil_set_field (pupil, "leaving_date", "2024-10-01", &error));
  g_assert_nonnull (strstr (error->message, "pupils leave"));
  g_clear_error (&error);
  g_assert_false (att_pupil_set_field (pupil, "shoe_size", "4", &error));
  g_assert_nonnull (strstr (error->message, "“shoe_size” is not a field"));
  g_clear_error (&error);

  g_assert_true (att_contact_set_field (contact, "priority", "2", &error));
  g_assert_cmpint (contact->priority, ==, 2);
  g_assert_false (att_contact_set_field (contact, "priority", "0", &error));
  g_clear_error (&error);
  g_assert_true (att_contact_field_is_number ("phone_mobile"));
  g_assert_true (att_contact_field_is_number ("email"));
  g_assert_false (att_contact_field_is_number ("surname"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Tuesday 8 October 2024, in the term of att_test_school_init(): the
   * marks of 30 September and 1 October are of earlier days. */
  g_setenv ("ATTENDANCE_TODAY", "2024-10-08", TRUE);

  g_test_add_func ("/pupil-edit/leave", test_leave);
  g_test_add_func ("/pupil-edit/clear-leaving", test_clear_leaving);
  g_test_add_func ("/pupil-edit/admission-over-marks", test_admission_over_marks);
  g_test_add_func ("/pupil-edit/contact-numbers", test_numbers);
  g_test_add_func ("/pupil-edit/contacts-reorder", test_reorder);
  g_test_add_func ("/pupil-edit/contact-remove", test_remove);
  g_test_add_func ("/pupil-edit/fields", test_fields);

  return g_test_run ();
}
