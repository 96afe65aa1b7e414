/* test-ctf.c: the Common Transfer File import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures are tests/data/ctf/: made-up files, every name invented.
 */
#include "config.h"

#include <string.h>

#include "att-ctf.h"
#include "att-db-private.h"
#include "att-test-util.h"

/* The fixtures' UPNs (check letters worked out as att_upn_check_letter()
 * does: the digits times 2 to 13, modulo 23, through the letters). */
#define UPN_AMELIA "A999200114001"
#define UPN_KACPER "P999200114002"
#define UPN_ISLA   "B999300115007"

/* Amelia's marks from Monday 2 September 2024 (ctf25-two-pupils.xml):
 *   Mon / \   Tue / \   Wed C1 \   Thu I I   Fri / N
 *   Mon / \   Tue L \   Wed M M    Thu / \   Fri / O
 * 21 characters, 20 sessions: C1 is one session. */
#define AMELIA_MARKS "/\\/\\C1\\II/N/\\L\\MM/\\/O"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
  AttUser   *admin;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_setenv ("ATTENDANCE_TODAY", "2025-09-01", TRUE);
  f->t = att_test_db_new ();
  f->db = f->t->db;
  f->admin = att_test_add_user (f->db, "Ade Admin", ATT_ROLE_ADMIN, "Data manager");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->admin);
  att_test_db_free (f->t);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "ctf", name, NULL);
}

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

static gboolean
has_text (GPtrArray  *texts,
          const char *part)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static AttCtfFile *
read_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  AttCtfFile *file = att_ctf_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static void
test_parse_ctf25 (void)
{
  g_autoptr(AttCtfFile) file = read_fixture ("ctf25-two-pupils.xml");
  AttCtfPupil *amelia, *kacper;
  AttCtfContact *mother, *father;
  AttCtfYear *year;

  g_assert_cmpstr (file->version, ==, "25.0");
  g_assert_cmpint (file->made, ==, D (2025, 7, 18));
  g_assert_cmpstr (file->source_name, ==, "Brookfield Primary School");
  g_assert_cmpstr (file->source_laestab, ==, "9992001");
  g_assert_cmpstr (file->source_urn, ==, "199001");
  g_assert_cmpuint (file->pupils->len, ==, 2);
  /* Elements of the specification the school keeps no record of are
   * named once for the file. */
  g_assert_true (has_text (file->notices, "Ethnicity"));
  g_assert_true (has_text (file->notices, "Assessments"));

  amelia = g_ptr_array_index (file->pupils, 0);
  g_assert_cmpuint (amelia->position, ==, 1);
  g_assert_cmpstr (amelia->upn, ==, UPN_AMELIA);
  g_assert_cmpstr (amelia->surname, ==, "Thornbury");
  g_assert_cmpstr (amelia->forename, ==, "Amelia");
  /* The preferred surname is the legal one: not kept twice. */
  g_assert_null (amelia->preferred_surname);
  g_assert_cmpstr (amelia->preferred_forename, ==, "Millie");
  g_assert_cmpint (amelia->dob, ==, D (2014, 3, 11));
  g_assert_cmpint (amelia->sex, ==, 'F');
  g_assert_cmpint (amelia->year_group, ==, 6);
  g_assert_null (amelia->reg_group);
  /* An FSM instance from 2023 with no end date: eligible now. */
  g_assert_cmpint (amelia->fsm, ==, 1);
  g_assert_cmpint (amelia->sen, ==, 'K');
  g_assert_cmpint (amelia->looked_after, ==, 1);
  /* First language English. */
  g_assert_cmpint (amelia->eal, ==, 0);
  g_assert_cmpstr (amelia->address.line_1, ==, "14 Larkspur Close");
  g_assert_cmpstr (amelia->address.line_2, ==, "Eastmead");
  g_assert_cmpstr (amelia->address.town, ==, "Westbury on Trent");
  g_assert_cmpstr (amelia->address.postcode, ==, "ZZ1 4LC");
  g_assert_cmpstr (amelia->phone_home, ==, "01632 960101");
  /* The unknown element is kept as a notice, with its line. */
  g_assert_true (has_text (amelia->notices, "<FavouriteColour>"));
  g_assert_cmpuint (amelia->problems->len, ==, 0);

  g_assert_cmpuint (amelia->contacts->len, ==, 2);
  mother = g_ptr_array_index (amelia->contacts, 0);
  g_assert_cmpint (mother->order, ==, 1);
  g_assert_cmpstr (mother->title, ==, "Ms");
  g_assert_cmpstr (mother->forename, ==, "Rachel");
  g_assert_cmpstr (mother->surname, ==, "Thornbury");
  g_assert_cmpstr (mother->relationship_code, ==, "PAM");
  g_assert_cmpstr (mother->relationship, ==, "Mother");
  g_assert_true (mother->responsibility);
  g_assert_true (mother->address_as_pupil);
  g_assert_cmpstr (mother->phone_mobile, ==, "07700 900101");
  g_assert_cmpstr (mother->email, ==, "rachel.thornbury@example.org");
  father = g_ptr_array_index (amelia->contacts, 1);
  g_assert_cmpstr (father->relationship, ==, "Father");
  g_assert_cmpstr (father->phone_mobile, ==, "07700 900102");
  g_assert_cmpstr (father->phone_work, ==, "01632 960555");
  g_assert_false (father->address_as_pupil);
  g_assert_cmpstr (father->address.line_1, ==, "Flat 3, Mill House Canal Street");
  g_assert_cmpstr (father->address.postcode, ==, "ZZ1 9CS");

  g_assert_cmpuint (amelia->years->len, ==, 1);
  year = g_ptr_array_index (amelia->years, 0);
  g_assert_cmpint (year->year, ==, 2024);
  g_assert_cmpstr (year->school_name, ==, "Brookfield Primary School");
  g_assert_cmpstr (year->laestab, ==, "9992001");
  g_assert_cmpint (year->start, ==, D (2024, 9, 2));
  g_assert_cmpint (year->possible, ==, 21);
  g_assert_cmpint (year->attended, ==, 14);
  g_assert_cmpint (year->authorised, ==, 5);
  g_assert_cmpint (year->unauthorised, ==, 2);
  g_assert_cmpstr (year->marks, ==, AMELIA_MARKS);
  g_assert_cmpuint (year->counts.sessions, ==, 20);

  kacper = g_ptr_array_index (file->pupils, 1);
  g_assert_cmpstr (kacper->upn, ==, UPN_KACPER);
  g_assert_cmpint (kacper->sex, ==, 'M');
  /* FSM ended on 31 August 2023, before the file was made. */
  g_assert_cmpint (kacper->fsm, ==, 0);
  /* The later of two SEN records: an EHC plan from March 2023. */
  g_assert_cmpint (kacper->sen, ==, 'E');
  g_assert_cmpint (kacper->looked_after, ==, 0);
  /* First language Polish. */
  g_assert_cmpint (kacper->eal, ==, 1);
  /* Two address lines: the street, then the town. */
  g_assert_cmpstr (kacper->address.line_1, ==, "7 Orchard Row");
  g_assert_cmpstr (kacper->address.town, ==, "Westbury on Trent");
  g_assert_cmpstr (kacper->address.postcode, ==, "ZZ1 7OR");
}

static void
test_parse_ctf24 (void)
{
  g_autoptr(AttCtfFile) file = read_fixture ("ctf24-gender.xml");
  AttCtfPupil *isla;

  g_assert_cmpstr (file->version, ==, "24.0");
  g_assert_cmpuint (file->pupils->len, ==, 1);
  isla = g_ptr_array_index (file->pupils, 0);
  g_assert_cmpstr (isla->upn, ==, UPN_ISLA);
  /* CTF 24 writes Gender where CTF 25 writes Sex. */
  g_assert_cmpint (isla->sex, ==, 'F');
  /* ENB, believed to be English: not EAL. */
  g_assert_cmpint (isla->eal, ==, 0);
  /* Said nowhere in the file. */
  g_assert_cmpint (isla->fsm, ==, -1);
  g_assert_cmpint (isla->sen, ==, 0);
  g_assert_cmpint (isla->looked_after, ==, -1);
  g_assert_cmpuint (isla->problems->len, ==, 0);
}

static void
test_marks_longest_first (void)
{
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (AttCode));
  AttCtfCounts counts = { 0, };

  att_ctf_marks_count (AMELIA_MARKS, D (2024, 9, 2), &counts, codes);
  /* 20 sessions from 21 characters (see AMELIA_MARKS): attended are the
   * 13 sessions of /, \ and L (Mon 4, Wed pm, Fri am, Mon 2, Tue 2,
   * Thu 2, Fri am); authorised C1, I, I, M, M = 5; unauthorised N, O =
   * 2; possible 13 + 5 + 2 = 20. */
  g_assert_cmpuint (counts.sessions, ==, 20);
  g_assert_cmpuint (counts.possible, ==, 20);
  g_assert_cmpuint (counts.attended, ==, 13);
  g_assert_cmpuint (counts.authorised, ==, 5);
  g_assert_cmpuint (counts.unauthorised, ==, 2);
  g_assert_cmpuint (counts.two_character, ==, 1);
  g_assert_cmpuint (counts.unknown, ==, 0);
  /* The fifth session (Wednesday's morning) is C1, never C then "1". */
  g_assert_cmpint (g_array_index (codes, AttCode, 4), ==, ATT_CODE_C1);
  g_assert_cmpint (g_array_index (codes, AttCode, 5), ==, ATT_CODE_PRESENT_PM);
  /* 20 sessions are 10 weekdays: Monday 2 to Friday 13 September. */
  g_assert_cmpint (counts.first, ==, D (2024, 9, 2));
  g_assert_cmpint (counts.last, ==, D (2024, 9, 13));
  att_ctf_counts_clear (&counts);

  /* Y1 to Y7 and J1 are one session each; Y1 is not possible. */
  att_ctf_marks_count ("Y1Y7J1", D (2024, 9, 2), &counts, NULL);
  g_assert_cmpuint (counts.sessions, ==, 3);
  g_assert_cmpuint (counts.possible, ==, 1);
  g_assert_cmpuint (counts.authorised, ==, 1);
  g_assert_cmpuint (counts.not_possible, ==, 2);
  att_ctf_counts_clear (&counts);

  /* What is no code is counted in no total, and named. "-" is a session
   * with no mark. */
  att_ctf_marks_count ("/?\\!-?", D (2024, 9, 2), &counts, NULL);
  g_assert_cmpuint (counts.sessions, ==, 6);
  g_assert_cmpuint (counts.unknown, ==, 3);
  g_assert_cmpuint (counts.no_mark, ==, 1);
  g_assert_cmpuint (counts.possible, ==, 2);
  g_assert_cmpstr (counts.unknown_text, ==, "?!");
  att_ctf_counts_clear (&counts);

  /* Weekdays only: the 11th session (index 10) is the sixth weekday's
   * morning, Monday 9 September; a Saturday start is read from Monday. */
  g_assert_cmpint (att_ctf_session_day (D (2024, 9, 2), 10), ==, D (2024, 9, 9));
  g_assert_cmpint (att_ctf_session_day (D (2024, 9, 2), 9), ==, D (2024, 9, 6));
  g_assert_cmpint (att_ctf_session_day (D (2024, 9, 7), 0), ==, D (2024, 9, 9));
}

static AttCtfPlan *
plan_fixture (Fixture    *f,
              const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  AttCtfPlan *plan = att_ctf_plan_new (f->db, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
test_plan_and_apply (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AttCtfPlan) plan = plan_fixture (f, "ctf25-two-pupils.xml");
  g_autoptr(AttCtfPlan) again = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GError) error = NULL;
  AttCtfPupilPlan *amelia_plan;
  AttCtfYearPlan *year_plan;
  AttPreviousYear *row;
  AttPupil *amelia, *kacper;
  g_autofree char *differences = NULL;

  g_assert_cmpuint (plan->n_new, ==, 2);
  g_assert_cmpuint (plan->n_updated, ==, 0);
  g_assert_cmpuint (plan->n_refused, ==, 0);
  g_assert_cmpuint (plan->n_contacts_added, ==, 3);
  g_assert_cmpuint (plan->n_years, ==, 2);

  /* The file's totals against the marks (worked in
   * test_marks_longest_first): possible 21 in the file, 20 counted;
   * attended 14, 13 counted; authorised and unauthorised agree. */
  amelia_plan = g_ptr_array_index (plan->pupils, 0);
  g_assert_cmpint (amelia_plan->status, ==, ATT_CTF_NEW);
  year_plan = g_ptr_array_index (amelia_plan->years, 0);
  g_assert_cmpuint (year_plan->differences->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (year_plan->differences, 0), ==,
                   "possible: 21 in the file, 20 counted from the marks (-1)");
  g_assert_cmpstr (g_ptr_array_index (year_plan->differences, 1), ==,
                   "attended: 14 in the file, 13 counted from the marks (-1)");
  /* No registration group in the file: the year's name, and said. */
  g_assert_true (has_text (amelia_plan->notices, "registration group"));

  /* Without an admission date nothing is written. */
  g_assert_false (att_ctf_plan_apply (f->db, f->admin, plan, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "admission date of the 2 new pupils"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);

  att_ctf_plan_set_admission (plan, D (2025, 9, 3));
  g_assert_true (att_ctf_plan_apply (f->db, f->admin, plan, &error));
  g_assert_no_error (error);

  amelia = att_pupils_find (f->db, UPN_AMELIA);
  g_assert_nonnull (amelia);
  g_assert_cmpstr (amelia->legal_forename, ==, "Amelia");
  g_assert_cmpstr (amelia->preferred_forename, ==, "Millie");
  g_assert_cmpint (amelia->admission, ==, D (2025, 9, 3));
  g_assert_cmpint (amelia->year_group, ==, 6);
  g_assert_cmpstr (amelia->reg_group, ==, "Year 6");
  g_assert_true (amelia->fsm);
  g_assert_cmpint (amelia->sen, ==, ATT_SEN_SUPPORT);
  g_assert_true (amelia->looked_after);
  g_assert_false (amelia->eal);
  kacper = att_pupils_find (f->db, UPN_KACPER);
  g_assert_nonnull (kacper);
  g_assert_false (kacper->fsm);
  g_assert_cmpint (kacper->sen, ==, ATT_SEN_EHCP);
  g_assert_true (kacper->eal);

  contacts = att_contacts_for_pupil (f->db, amelia->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  {
    AttContact *mother = g_ptr_array_index (contacts, 0);
    AttContact *father = g_ptr_array_index (contacts, 1);

    g_assert_cmpint (mother->priority, ==, 1);
    g_assert_cmpstr (mother->relationship, ==, "Mother");
    g_assert_true (mother->parental_responsibility);
    /* At the pupil's address: it is hers, and she lives with her. */
    g_assert_true (mother->lives_with);
    g_assert_cmpstr (mother->address_1, ==, "14 Larkspur Close");
    g_assert_cmpstr (mother->postcode, ==, "ZZ1 4LC");
    g_assert_cmpstr (father->address_1, ==, "Flat 3, Mill House Canal Street");
    g_assert_false (father->lives_with);
  }

  /* The previous school's attendance is kept apart ... */
  previous = att_previous_attendance_for_pupil (f->db, amelia->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (previous->len, ==, 1);
  row = g_ptr_array_index (previous, 0);
  g_assert_cmpstr (row->school_name, ==, "Brookfield Primary School");
  g_assert_cmpint (row->start, ==, D (2024, 9, 2));
  g_assert_cmpint (row->possible, ==, 21);
  g_assert_cmpint (row->counted_possible, ==, 20);
  g_assert_cmpint (row->counted_attended, ==, 13);
  g_assert_cmpstr (row->marks, ==, AMELIA_MARKS);
  g_assert_cmpstr (row->source_file, ==, "ctf25-two-pupils.xml");
  g_assert_cmpstr (row->who, ==, "Ade Admin");
  differences = att_previous_attendance_differences (row);
  g_assert_cmpstr (differences, ==,
                   "possible: 21 in the file, 20 counted from the marks (-1); "
                   "attended: 14 in the file, 13 counted from the marks (-1)");

  /* ... and never enters this school's register: no mark, no history,
   * no compact year, so this school's figures are untouched. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM marks"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM mark_history"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM mark_years"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM previous_attendance"), ==, 2);
  g_assert_cmpint (count_rows (f->db,
                               "SELECT count(*) FROM audit_log WHERE action = 'ctf.import' AND kind = 'import'"),
                   ==, 1);

  /* The same file again changes nothing. */
  again = plan_fixture (f, "ctf25-two-pupils.xml");
  g_assert_cmpuint (again->n_new, ==, 0);
  g_assert_cmpuint (again->n_unchanged, ==, 2);
  g_assert_cmpuint (again->n_contacts_added, ==, 0);
  g_assert_cmpuint (again->n_contacts_unchanged, ==, 3);
  g_assert_cmpuint (again->n_years, ==, 0);
  g_assert_cmpuint (again->n_years_held, ==, 2);
  g_assert_true (att_ctf_plan_apply (f->db, f->admin, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM previous_attendance"), ==, 2);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM contacts"), ==, 3);
}

static void
test_contacts_never_merged_on_name (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(AttCtfPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  AttPupil *pupil = att_test_pupil_new ("Amelia", "Thornbury", 6, "6T", D (2014, 3, 11), D (2025, 9, 1));
  g_autoptr(AttContact) rachel = att_contact_new ();
  g_autoptr(AttContact) daniel = att_contact_new ();
  AttCtfPupilPlan *pupil_plan;
  AttCtfContactPlan *first, *second;
  gint64 id;

  g_free (pupil->upn);
  pupil->upn = g_strdup (UPN_AMELIA);
  id = att_test_save_pupil (f->db, pupil);

  /* A Rachel Thornbury with another number and no e-mail address: a
   * name alone does not make her the file's Rachel Thornbury. */
  rachel->pupil_id = id;
  rachel->priority = 1;
  rachel->forename = g_strdup ("Rachel");
  rachel->surname = g_strdup ("Thornbury");
  rachel->relationship = g_strdup ("Aunt");
  rachel->phone_mobile = g_strdup ("07700 900999");
  g_assert_cmpint (att_contacts_save (f->db, f->admin, rachel, &error), >, 0);
  g_assert_no_error (error);
  /* Daniel Oduya's mobile as +44: the same digits once 44 is 0. */
  daniel->pupil_id = id;
  daniel->priority = 2;
  daniel->forename = g_strdup ("Daniel");
  daniel->surname = g_strdup ("Oduya");
  daniel->relationship = g_strdup ("Father");
  daniel->phone_mobile = g_strdup ("+44 7700 900102");
  g_assert_cmpint (att_contacts_save (f->db, f->admin, daniel, &error), >, 0);
  g_assert_no_error (error);

  plan = plan_fixture (f, "ctf25-two-pupils.xml");
  pupil_plan = g_ptr_array_index (plan->pupils, 0);
  g_assert_cmpint (pupil_plan->status, ==, ATT_CTF_UPDATED);
  g_assert_cmpuint (pupil_plan->contacts->len, ==, 2);

  first = g_ptr_array_index (pupil_plan->contacts, 0);
  g_assert_cmpint (first->status, ==, ATT_CTF_CONTACT_ADDED);
  g_assert_cmpstr (first->name, ==, "Ms Rachel Thornbury");
  /* Priorities 1 and 2 are taken: the next free one. */
  g_assert_cmpint (first->priority, ==, 3);
  g_assert_nonnull (first->note);
  g_assert_nonnull (strstr (first->note, "not merged"));

  second = g_ptr_array_index (pupil_plan->contacts, 1);
  g_assert_cmpint (second->status, ==, ATT_CTF_CONTACT_CHANGED);
  g_assert_cmpint (second->priority, ==, 2);
  /* Title, parental responsibility, mobile (written as the file writes
   * it), work phone and the address are the file's. */
  g_assert_cmpuint (second->changes->len, >=, 4);

  /* Amelia's own record: her preferred forename, FSM, SEN and looked
   * after change; her reg group 6T stays (the file has none). */
  g_assert_cmpstr (((AttCtfChange *)g_ptr_array_index (pupil_plan->changes, 0))->field, ==,
                   "preferred_forename");

  att_ctf_plan_set_admission (plan, D (2025, 9, 3));
  g_assert_true (att_ctf_plan_apply (f->db, f->admin, plan, &error));
  g_assert_no_error (error);
  /* Rachel (aunt), Rachel (mother) and Daniel; Kacper's mother. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM contacts WHERE forename = 'Rachel'"), ==, 2);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM contacts"), ==, 4);
  g_assert_cmpstr (att_pupils_find (f->db, UPN_AMELIA)->reg_group, ==, "6T");
}

/* A whole database's tables that an import may write, as counts. */
static char *
snapshot (AttDb *db)
{
  return g_strdup_printf ("%d %d %d %d",
                          count_rows (db, "SELECT count(*) FROM pupils"),
                          count_rows (db, "SELECT count(*) FROM contacts"),
                          count_rows (db, "SELECT count(*) FROM previous_attendance"),
                          count_rows (db, "SELECT count(*) FROM audit_log"));
}

static void
test_nothing_written_on_error (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(AttCtfPlan) plan = NULL;
  g_autoptr(AttCtfPlan) bad = NULL;
  g_autoptr(AttUser) receptionist = att_test_add_user (f->db, "Rita Reception", ATT_ROLE_RECEPTIONIST, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  AttPupil *clash;

  /* A receptionist may not import. */
  plan = plan_fixture (f, "ctf25-two-pupils.xml");
  att_ctf_plan_set_admission (plan, D (2025, 9, 3));
  before = snapshot (f->db);
  g_assert_false (att_ctf_plan_apply (f->db, receptionist, plan, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  /* One transaction: Kacper's UPN is taken after the plan was made, so
   * his save fails after Amelia's; Amelia, her contacts and her past
   * attendance go with it. */
  clash = att_test_pupil_new ("Kit", "Nowak", 6, "6N", D (2014, 7, 22), D (2025, 9, 1));
  g_free (clash->upn);
  clash->upn = g_strdup (UPN_KACPER);
  att_test_save_pupil (f->db, clash);
  g_free (before);
  before = snapshot (f->db);
  g_assert_false (att_ctf_plan_apply (f->db, f->admin, plan, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "nothing was imported: pupil 2 (UPN " UPN_KACPER ")"));
  g_clear_error (&error);
  after = snapshot (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (att_pupils_find (f->db, UPN_AMELIA));

  /* A pupil without a valid UPN is a problem naming the pupil and the
   * element: nothing of the file is imported. */
  path = g_build_filename (f->t->dir, "bad-upn.xml", NULL);
  g_assert_true (g_file_set_contents (path,
    "<CTfile><Header><CTFversion>25.0</CTFversion></Header><CTFpupilData>"
    "<Pupil><UPN>" UPN_AMELIA "</UPN><Surname>Thornbury</Surname><Forename>Amelia</Forename>"
    "<DOB>2014-03-11</DOB><Sex>F</Sex><BasicDetails><NCyearActual>6</NCyearActual></BasicDetails></Pupil>"
    "<Pupil><UPN>A999200114009</UPN><Surname>Lee</Surname><Forename>Sam</Forename>"
    "<DOB>2014-01-02</DOB><Sex>M</Sex></Pupil>"
    "</CTFpupilData></CTfile>", -1, NULL));
  bad = att_ctf_plan_new (f->db, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bad->n_refused, ==, 1);
  att_ctf_plan_set_admission (bad, D (2025, 9, 3));
  g_free (before);
  before = snapshot (f->db);
  g_assert_false (att_ctf_plan_apply (f->db, f->admin, bad, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "pupil 2 (UPN A999200114009), <UPN>"));
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  g_free (after);
  after = snapshot (f->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *malformed = fixture_path ("ctf-malformed.xml");
  g_autofree char *html = g_build_filename (f->t->dir, "page.xml", NULL);
  g_autoptr(AttCtfPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = att_ctf_plan_new (f->db, malformed, &error);
  g_assert_null (plan);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "ctf-malformed.xml is not a whole, well-formed XML file"));
  /* GMarkup names the line of the fault: </Forename> closing <Surname>. */
  g_assert_nonnull (strstr (error->message, "line 10"));
  g_clear_error (&error);

  /* Found by fuzz-ctf: the parser quotes a name that is not UTF-8, with
   * a line break; the message is one line of valid text all the same. */
  {
    g_autofree char *broken = fixture_path ("fuzz-not-utf8-name.xml");

    plan = att_ctf_plan_new (f->db, broken, &error);
    g_assert_null (plan);
    g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
    g_assert_null (strchr (error->message, '\n'));
    g_assert_nonnull (strstr (error->message, "line 32"));
    g_clear_error (&error);
  }

  g_assert_true (g_file_set_contents (html, "<html><body>Not a CTF</body></html>", -1, NULL));
  plan = att_ctf_plan_new (f->db, html, &error);
  g_assert_null (plan);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_IMPORT);
  g_assert_cmpstr (error->message, ==,
                   "page.xml is not a Common Transfer File: it begins with <html>, where a CTF begins with <CTfile>");
}

static void
test_ctf24_marks_and_sar (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AttCtfPlan) plan = plan_fixture (f, "ctf24-gender.xml");
  g_autoptr(AttSar) sar = NULL;
  g_autoptr(GError) error = NULL;
  AttCtfPupilPlan *isla;
  AttCtfYearPlan *year;
  AttSarSection *section = NULL;

  isla = g_ptr_array_index (plan->pupils, 0);
  year = g_ptr_array_index (isla->years, 0);
  /* "/\/\J1Y1/\##" from Monday 9 September 2024: 10 sessions in 5
   * weekdays; attended 6, J1 authorised 1, Y1 and # not possible;
   * possible 7: the file's totals agree. */
  g_assert_cmpuint (year->year->counts.sessions, ==, 10);
  g_assert_cmpuint (year->year->counts.possible, ==, 7);
  g_assert_cmpuint (year->year->counts.two_character, ==, 2);
  g_assert_cmpint (year->year->counts.last, ==, D (2024, 9, 13));
  g_assert_cmpuint (year->differences->len, ==, 0);

  att_ctf_plan_set_admission (plan, D (2025, 9, 3));
  g_assert_true (att_ctf_plan_apply (f->db, f->admin, plan, &error));
  g_assert_no_error (error);

  /* Subject access holds the previous school's attendance. */
  sar = att_sar_collect (f->db, f->admin, att_pupils_find (f->db, UPN_ISLA)->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sar->sections->len; i++)
    if (strcmp (((AttSarSection *)g_ptr_array_index (sar->sections, i))->key, "previous_attendance") == 0)
      section = g_ptr_array_index (sar->sections, i);
  g_assert_nonnull (section);
  g_assert_cmpuint (section->records->len, ==, 1);
  {
    GPtrArray *record = g_ptr_array_index (section->records, 0);

    g_assert_cmpstr (g_ptr_array_index (record, 0), ==, "Hollins Lane Junior School");
  }
}

/* A leaver's previous schools' attendance goes with their other records
 * at the end of retention: Isla, imported in September 2018, left on 19
 * July 2019; six years on, from 20 July 2025, her records may go. */
static void
test_purged_with_the_leaver (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AttCtfPlan) plan = NULL;
  g_autoptr(AttPupil) isla = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_setenv ("ATTENDANCE_TODAY", "2018-09-03", TRUE);
  plan = plan_fixture (f, "ctf24-gender.xml");
  att_ctf_plan_set_admission (plan, D (2018, 9, 3));
  g_assert_true (att_ctf_plan_apply (f->db, f->admin, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM previous_attendance"), ==, 1);

  g_setenv ("ATTENDANCE_TODAY", "2019-07-19", TRUE);
  isla = att_pupil_copy (att_pupils_find (f->db, UPN_ISLA));
  isla->leaving = D (2019, 7, 19);
  g_assert_cmpint (att_pupils_save (f->db, f->admin, isla, &error), >, 0);
  g_assert_no_error (error);

  g_setenv ("ATTENDANCE_TODAY", "2025-09-01", TRUE);
  g_array_append_val (ids, isla->id);
  g_assert_true (att_retention_purge (f->db, f->admin, D (2025, 9, 1), ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM previous_attendance"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM pupils"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ctf/parse/ctf25", test_parse_ctf25);
  g_test_add_func ("/ctf/parse/ctf24-gender", test_parse_ctf24);
  g_test_add_func ("/ctf/marks/longest-first", test_marks_longest_first);
  g_test_add ("/ctf/plan/apply", Fixture, NULL, fixture_set_up, test_plan_and_apply, fixture_tear_down);
  g_test_add ("/ctf/plan/contacts-never-merged-on-name", Fixture, NULL, fixture_set_up,
              test_contacts_never_merged_on_name, fixture_tear_down);
  g_test_add ("/ctf/plan/nothing-written-on-error", Fixture, NULL, fixture_set_up,
              test_nothing_written_on_error, fixture_tear_down);
  g_test_add ("/ctf/plan/bad-files", Fixture, NULL, fixture_set_up, test_bad_files, fixture_tear_down);
  g_test_add ("/ctf/plan/ctf24-and-subject-access", Fixture, NULL, fixture_set_up,
              test_ctf24_marks_and_sar, fixture_tear_down);
  g_test_add ("/ctf/plan/purged-with-the-leaver", Fixture, NULL, fixture_set_up,
              test_purged_with_the_leaver, fixture_tear_down);

  return g_test_run ();
}
