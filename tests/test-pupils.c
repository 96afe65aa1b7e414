/* test-pupils.c: pupils, UPNs, compulsory school age and contacts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

/* Check letters worked by hand. The characters after the check letter
 * are weighted 2 to 13; the sum modulo 23 picks a letter of
 * A B C D E F G H J K L  M  N  P  Q  R  T  U  V  W  X  Y  Z
 * 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 */
static void
test_upn_check_letter (void)
{
  /* 2*2 + 0*3 + 1*4 + 2*5 + 3*6 + 4*7 + 5*8 + 6*9 + 7*10 + 8*11 + 9*12
   * + 0*13 = 4 + 0 + 4 + 10 + 18 + 28 + 40 + 54 + 70 + 88 + 108 + 0 = 424;
   * 424 = 18 * 23 + 10, and 10 is L. */
  g_assert_cmpint (att_upn_check_letter ("201234567890"), ==, 'L');
  /* All zeros sum to 0: A. */
  g_assert_cmpint (att_upn_check_letter ("000000000000"), ==, 'A');
  /* 1*2 + 1*13 = 15: R (I, O and S are skipped, so not P). */
  g_assert_cmpint (att_upn_check_letter ("100000000001"), ==, 'R');
  /* 9 * (2 + 3 + ... + 13) = 9 * 90 = 810 = 35 * 23 + 5: F. */
  g_assert_cmpint (att_upn_check_letter ("999999999999"), ==, 'F');
  /* Temporary UPN: the final letter counts with its place in the
   * alphabet above (X is 20). 1*2 + 2*3 + 3*4 + 4*5 + 5*6 + 6*7 + 7*8
   * + 8*9 + 9*10 + 0*11 + 1*12 = 342, plus 20*13 = 260, is 602 = 26 * 23
   * + 4: E. */
  g_assert_cmpint (att_upn_check_letter ("12345678901X"), ==, 'E');

  /* Not 12 characters, a letter before the end, a letter not used. */
  g_assert_cmpint (att_upn_check_letter ("20123456789"), ==, '\0');
  g_assert_cmpint (att_upn_check_letter ("2012345678901"), ==, '\0');
  g_assert_cmpint (att_upn_check_letter ("20123A567890"), ==, '\0');
  g_assert_cmpint (att_upn_check_letter ("12345678901I"), ==, '\0');
}

static void
test_upn_validate (void)
{
  g_autoptr(GError) error = NULL;
  gboolean temporary = TRUE;

  g_assert_true (att_upn_validate ("L201234567890", &temporary, &error));
  g_assert_no_error (error);
  g_assert_false (temporary);

  g_assert_true (att_upn_validate ("E12345678901X", &temporary, &error));
  g_assert_no_error (error);
  g_assert_true (temporary);

  g_assert_false (att_upn_validate ("K201234567890", &temporary, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "UPN K201234567890: the check letter should be L");
  g_clear_error (&error);

  g_assert_false (att_upn_validate ("A12345678901X", NULL, &error));
  g_assert_cmpstr (error->message, ==, "UPN A12345678901X: the check letter should be E");
  g_clear_error (&error);

  g_assert_false (att_upn_validate ("L20123456789", NULL, &error));
  g_assert_nonnull (strstr (error->message, "13 characters"));
  g_assert_nonnull (strstr (error->message, "has 12"));
  g_clear_error (&error);

  g_assert_false (att_upn_validate ("L2012345678A0", NULL, &error));
  g_assert_nonnull (strstr (error->message, "character 12 should be a digit"));
  g_clear_error (&error);

  g_assert_false (att_upn_validate ("1201234567890", NULL, &error));
  g_assert_nonnull (strstr (error->message, "first character"));
  g_clear_error (&error);

  g_assert_false (att_upn_validate ("l201234567890", NULL, &error));
  g_clear_error (&error);

  /* I, O and S are never check letters, nor the last letter of a
   * temporary UPN. */
  g_assert_false (att_upn_validate ("I201234567890", NULL, &error));
  g_assert_nonnull (strstr (error->message, "I, O and S"));
  g_clear_error (&error);
  g_assert_false (att_upn_validate ("E12345678901O", NULL, &error));
  g_clear_error (&error);

  g_assert_false (att_upn_validate ("", NULL, &error));
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);
  g_assert_false (att_upn_validate (NULL, NULL, &error));
  g_clear_error (&error);
}

static void
test_year_group (void)
{
  struct { const char *text; int year; } good[] = {
    { "R", 0 }, { "r", 0 }, { "0", 0 }, { "YR", 0 }, { "Reception", 0 },
    { "1", 1 }, { "7", 7 }, { " 11 ", 11 }, { "14", 14 }, { "Year 9", 9 },
    { "Y10", 10 }, { "07", 7 },
  };
  const char *bad[] = { "", "15", "-1", "N1", "Year", "7a", "100", NULL };
  g_autoptr(GError) error = NULL;
  int year;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      year = -1;
      g_assert_true (att_year_group_parse (good[i].text, &year, &error));
      g_assert_no_error (error);
      g_assert_cmpint (year, ==, good[i].year);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      year = -1;
      g_assert_false (att_year_group_parse (bad[i], &year, &error));
      g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
      g_assert_cmpint (year, ==, -1);
      g_clear_error (&error);
    }

  {
    g_autofree char *r = att_year_group_format (0);
    g_autofree char *seven = att_year_group_format (7);
    g_assert_cmpstr (r, ==, "R");
    g_assert_cmpstr (seven, ==, "7");
  }
  g_assert_cmpstr (att_sen_to_string (ATT_SEN_NONE), ==, "N");
  g_assert_cmpstr (att_sen_to_string (ATT_SEN_SUPPORT), ==, "K");
  g_assert_cmpstr (att_sen_to_string (ATT_SEN_EHCP), ==, "E");
}

static AttPupil *
make_pupil (const char *upn,
            const char *forename,
            const char *surname)
{
  AttPupil *pupil = att_pupil_new ();

  pupil->upn = g_strdup (upn);
  pupil->legal_forename = g_strdup (forename);
  pupil->legal_surname = g_strdup (surname);
  pupil->dob = D (2013, 5, 14);
  pupil->sex = 'F';
  pupil->year_group = 6;
  pupil->reg_group = g_strdup ("6B");
  pupil->admission = D (2017, 9, 4);
  att_pupil_update_names (pupil);
  return pupil;
}

static void
test_pupil_names (void)
{
  g_autoptr(AttPupil) pupil = make_pupil ("L201234567890", "Amina", "Khan");
  g_autoptr(AttPupil) copy = NULL;

  g_assert_cmpstr (att_pupil_get_display_name (pupil), ==, "Amina Khan");
  g_assert_cmpstr (att_pupil_get_forename (pupil), ==, "Amina");

  pupil->preferred_forename = g_strdup ("Mina");
  att_pupil_update_names (pupil);
  g_assert_cmpstr (pupil->display_name, ==, "Mina Khan");
  g_assert_cmpstr (att_pupil_get_surname (pupil), ==, "Khan");

  pupil->preferred_surname = g_strdup ("Khan-Ali");
  att_pupil_update_names (pupil);
  g_assert_cmpstr (pupil->display_name, ==, "Mina Khan-Ali");

  /* A blank preferred name falls back to the legal one. */
  g_free (pupil->preferred_surname);
  pupil->preferred_surname = g_strdup ("  ");
  att_pupil_update_names (pupil);
  g_assert_cmpstr (pupil->display_name, ==, "Mina Khan");

  copy = att_pupil_copy (pupil);
  g_assert_true (copy != pupil);
  g_assert_cmpstr (copy->display_name, ==, "Mina Khan");
  g_assert_cmpstr (copy->upn, ==, "L201234567890");
  g_assert_cmpint (copy->dob, ==, pupil->dob);
  g_assert_cmpstr (copy->sort_key, ==, pupil->sort_key);

  /* Read-only properties for list widgets. */
  {
    g_autofree char *name = NULL;
    int year = -1;

    g_object_get (copy, "display-name", &name, "year-group", &year, NULL);
    g_assert_cmpstr (name, ==, "Mina Khan");
    g_assert_cmpint (year, ==, 6);
  }
}

static void
test_pupil_on_roll (void)
{
  g_autoptr(AttPupil) pupil = make_pupil ("L201234567890", "Amina", "Khan");

  pupil->admission = D (2024, 9, 4);
  g_assert_false (att_pupil_on_roll (pupil, D (2024, 9, 3)));
  g_assert_true (att_pupil_on_roll (pupil, D (2024, 9, 4)));
  g_assert_true (att_pupil_on_roll (pupil, D (2030, 1, 1)));

  pupil->leaving = D (2025, 2, 14);
  g_assert_true (att_pupil_on_roll (pupil, D (2025, 2, 14)));
  g_assert_false (att_pupil_on_roll (pupil, D (2025, 2, 15)));

  g_assert_true (att_pupil_on_roll_between (pupil, D (2024, 9, 1), D (2024, 9, 4)));
  g_assert_false (att_pupil_on_roll_between (pupil, D (2024, 9, 1), D (2024, 9, 3)));
  g_assert_true (att_pupil_on_roll_between (pupil, D (2025, 2, 14), D (2025, 3, 1)));
  g_assert_false (att_pupil_on_roll_between (pupil, D (2025, 2, 15), D (2025, 3, 1)));
  g_assert_true (att_pupil_on_roll_between (pupil, D (2024, 1, 1), D (2026, 1, 1)));
}

static gboolean
compulsory (AttDate dob,
            AttDate on)
{
  g_autoptr(AttPupil) pupil = make_pupil ("L201234567890", "Amina", "Khan");

  pupil->dob = dob;
  return att_pupil_compulsory_age (pupil, on);
}

static void
assert_span (AttDate dob,
             AttDate first,
             AttDate last)
{
  AttDate a, b;

  att_compulsory_school_age (dob, &a, &b);
  g_assert_cmpint (a, ==, first);
  g_assert_cmpint (b, ==, last);
  /* The pupil-level question agrees with the span, at both ends. */
  g_assert_false (compulsory (dob, first - 1));
  g_assert_true (compulsory (dob, first));
  g_assert_true (compulsory (dob, last));
  g_assert_false (compulsory (dob, last + 1));
}

static void
test_pupil_compulsory_age (void)
{
  /* Compulsory school age starts on the first of 31 December, 31 March
   * or 31 August on or after the fifth birthday (domain.md), on the
   * prescribed day itself, not at the start of the next term.
   *
   * Fifth birthday 1 September 2024: the next prescribed day is
   * 31 December 2024. Sixteen on 1 September 2035, in school year
   * 2035/36, so the last day is the last Friday of June 2036: 30 June
   * 2036 is a Monday, so Friday 27 June. */
  assert_span (D (2019, 9, 1), D (2024, 12, 31), D (2036, 6, 27));
  /* Fifth birthday 31 December 2024, a prescribed day: that very day. */
  g_assert_false (compulsory (D (2019, 12, 31), D (2024, 12, 30)));
  g_assert_true (compulsory (D (2019, 12, 31), D (2024, 12, 31)));
  /* Fifth birthday 1 January 2025: 31 March 2025. */
  g_assert_false (compulsory (D (2020, 1, 1), D (2025, 3, 30)));
  g_assert_true (compulsory (D (2020, 1, 1), D (2025, 3, 31)));
  /* Fifth birthday 31 March 2025: that day. */
  g_assert_false (compulsory (D (2020, 3, 31), D (2025, 3, 30)));
  g_assert_true (compulsory (D (2020, 3, 31), D (2025, 3, 31)));
  /* Fifth birthday 1 April 2025: 31 August 2025. */
  g_assert_false (compulsory (D (2020, 4, 1), D (2025, 8, 30)));
  g_assert_true (compulsory (D (2020, 4, 1), D (2025, 8, 31)));
  /* Fifth birthday 31 August 2025: that day; 1 September 2025: the
   * 31 December after. */
  g_assert_true (compulsory (D (2020, 8, 31), D (2025, 8, 31)));
  g_assert_false (compulsory (D (2020, 9, 1), D (2025, 12, 30)));
  g_assert_true (compulsory (D (2020, 9, 1), D (2025, 12, 31)));
  /* Born on 29 February 2020: the fifth birthday counts as 1 March 2025,
   * so 31 March 2025. Sixteen on 1 March 2036, school year 2035/36:
   * Friday 27 June 2036. */
  assert_span (D (2020, 2, 29), D (2025, 3, 31), D (2036, 6, 27));
  /* Born on 29 February 2016: 2021 is not a leap year either, so the
   * fifth birthday is 1 March 2021 and the start 31 March 2021. Sixteen on 1 March 2032, school year 2031/32:
   * 30 June 2032 is a Wednesday, so Friday 25 June 2032. */
  assert_span (D (2016, 2, 29), D (2021, 3, 31), D (2032, 6, 25));

  /* Sixteen on 1 September 2024, so in school year 2024/25: the school
   * leaving date is the last Friday of June 2025. 30 June 2025 is a
   * Monday, so that Friday is 27 June. */
  g_assert_true (compulsory (D (2008, 9, 1), D (2025, 6, 27)));
  g_assert_false (compulsory (D (2008, 9, 1), D (2025, 6, 28)));
  /* Sixteen on 31 August 2025, the same school year: the same day, while
   * still 15. */
  g_assert_true (compulsory (D (2009, 8, 31), D (2025, 6, 27)));
  g_assert_false (compulsory (D (2009, 8, 31), D (2025, 6, 30)));
  /* Sixteen on 31 August 2024, school year 2023/24: 30 June 2024 is a
   * Sunday, so the last Friday is 28 June 2024. */
  g_assert_true (compulsory (D (2008, 8, 31), D (2024, 6, 28)));
  g_assert_false (compulsory (D (2008, 8, 31), D (2024, 6, 29)));

  /* In the middle: a Year 6 pupil. */
  g_assert_true (compulsory (D (2013, 5, 14), D (2024, 10, 1)));
}

static void
test_pupil_flags (void)
{
  g_autoptr(AttPupil) pupil = make_pupil ("L201234567890", "Amina", "Khan");
  AttFigures figures = { 0 };
  g_autofree char *none = NULL;
  g_autofree char *all = NULL;
  g_autofree char *pa = NULL;
  guint set;

  /* Nothing to flag. */
  g_assert_cmpuint (att_pupil_flags (pupil, NULL, D (2024, 10, 1)), ==, 0);
  none = att_flags_format (0, " ");
  g_assert_cmpstr (none, ==, "");

  /* 100 possible, 50 absent: exactly half is severe, and also persistent
   * (50% is 10% or more); SA alone is shown. Then every other flag, and
   * a leaving date of 31 Aug 2024 before the 1 Oct 2024 of today. */
  figures.possible = 100;
  figures.present = 50;
  figures.unauthorised = 50;
  pupil->social_worker = pupil->looked_after = pupil->fsm = pupil->eal = pupil->young_carer = TRUE;
  pupil->sen = ATT_SEN_EHCP;
  pupil->medical_note = g_strdup ("Asthma");
  pupil->leaving = D (2024, 8, 31);
  set = att_pupil_flags (pupil, &figures, D (2024, 10, 1));
  g_assert_cmpuint (set, ==, (1u << ATT_N_FLAGS) - 1 - (1u << ATT_FLAG_SEN_SUPPORT));
  all = att_flags_format (set, " ");
  g_assert_cmpstr (all, ==, "SA SW LAC EHCP FSM EAL YC Medical Left");
  g_assert_cmpstr (att_flag_info (ATT_FLAG_SEVERE)->key, ==, "severe-absence");
  g_assert_nonnull (strstr (att_flag_info (ATT_FLAG_SEVERE)->description, "half or more"));

  /* 49 absent of 100 is PA, not SA; SEN support is "SEN K"; on 31 Aug
   * itself the pupil has not yet left. */
  figures.present = 51;
  figures.unauthorised = 49;
  pupil->sen = ATT_SEN_SUPPORT;
  set = att_pupil_flags (pupil, &figures, D (2024, 8, 31));
  pa = att_flags_format (set & ((1u << ATT_FLAG_PERSISTENT) | (1u << ATT_FLAG_SEN_SUPPORT) |
                                (1u << ATT_FLAG_SEVERE) | (1u << ATT_FLAG_LEFT)), ", ");
  g_assert_cmpstr (pa, ==, "PA, SEN K");
}

static gint64
add_user (AttDb      *db,
          const char *name,
          AttRole     role)
{
  g_autoptr(GError) error = NULL;
  gint64 id = att_users_add (db, att_user_system (), name, role, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static AttUser *
find_user (AttDb      *db,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  AttUser *user = att_users_find (db, name, &error);

  g_assert_no_error (error);
  return user;
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

static void
on_changed (AttDb *db,
            guint  changes,
            guint *seen)
{
  *seen |= changes;
}

static void
expect_invalid (AttDb      *db,
                AttPupil   *pupil,
                const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (att_pupil_validate (pupil, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, message));
  g_clear_error (&error);
  g_assert_cmpint (att_pupils_save (db, att_user_system (), pupil, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

static void
test_pupil_validate (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttPupil) good = make_pupil ("L201234567890", "Amina", "Khan");
  g_autoptr(GError) error = NULL;
  AttPupil *p;

  g_assert_true (att_pupil_validate (good, &error));
  g_assert_no_error (error);

  p = att_pupil_copy (good);
  p->dob = D (2018, 1, 1);
  expect_invalid (t->db, p, "Date of birth is after the admission date");
  g_object_unref (p);

  p = att_pupil_copy (good);
  g_free (p->reg_group);
  p->reg_group = g_strdup (" ");
  expect_invalid (t->db, p, "Registration group is empty");
  g_object_unref (p);

  p = att_pupil_copy (good);
  p->sex = 'X';
  expect_invalid (t->db, p, "Sex");
  g_object_unref (p);

  p = att_pupil_copy (good);
  p->sen = 'Q';
  expect_invalid (t->db, p, "SEN");
  g_object_unref (p);

  p = att_pupil_copy (good);
  p->year_group = 15;
  expect_invalid (t->db, p, "Year group");
  g_object_unref (p);

  p = att_pupil_copy (good);
  p->leaving = D (2017, 9, 3);
  expect_invalid (t->db, p, "Leaving date is before the admission date");
  g_object_unref (p);

  p = att_pupil_copy (good);
  g_free (p->legal_surname);
  p->legal_surname = g_strdup ("");
  expect_invalid (t->db, p, "Surname");
  g_object_unref (p);

  p = att_pupil_copy (good);
  g_free (p->upn);
  p->upn = g_strdup ("K201234567890");
  expect_invalid (t->db, p, "the check letter should be L");
  g_object_unref (p);

  p = att_pupil_copy (good);
  p->admission = ATT_DATE_NONE;
  expect_invalid (t->db, p, "Admission date");
  g_object_unref (p);

  /* Nothing was saved by any of those. */
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM pupils"), ==, 0);
}

/* Accented names sort among the plain letters, whatever the locale (the
 * tests run in C.UTF-8, where collation alone would put them after Z). */
static void
test_sort_accents (void)
{
  const char *surnames[] = { "Carter", "Celik", "Çelik", "Cole", "Owen", "Öztürk", "Patel",
                             "Şahin", "Smith", "Yilmaz", "Yılmaz", "Yip", "Zielinska", "Zieliński" };
  AttPupil *pupils[G_N_ELEMENTS (surnames)];

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      pupils[i] = make_pupil ("A000000000000", "Ann", surnames[i]);
      att_pupil_update_names (pupils[i]);
    }
  for (guint i = 0; i + 1 < G_N_ELEMENTS (surnames); i++)
    {
      if (strcmp (pupils[i]->sort_key, pupils[i + 1]->sort_key) >= 0)
        g_error ("%s should come before %s", surnames[i], surnames[i + 1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    g_object_unref (pupils[i]);
}

static void
test_name_fold (void)
{
  const struct { const char *text; const char *folded; } cases[] = {
    { "Çelik", "celik" },
    { "Yılmaz", "yilmaz" },
    { "ZIELIŃSKI", "zielinski" },
    { "Łukasz Øvergaard", "lukasz overgaard" },
    { "Zoë O'Brien-Müller", "zoe o'brien-muller" },
    { "Nguyễn Thị", "nguyen thi" },
    { "Straße", "strasse" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = att_name_fold (cases[i].text);
      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static void
test_pupil_save (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttUser) officer = NULL;
  g_autoptr(AttUser) receptionist = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupil) amina = make_pupil ("L201234567890", "Amina", "Khan");
  g_autoptr(AttPupil) ben = make_pupil ("A000000000000", "ben", "de Souza");
  g_autoptr(AttPupil) cara = make_pupil ("R100000000001", "Cara", "Adams");
  g_autoptr(AttPupil) clash = make_pupil ("L201234567890", "Other", "Person");
  g_autoptr(AttPupil) edit = NULL;
  GPtrArray *list;
  guint changes = 0;
  int audit_before;
  gint64 id;

  add_user (t->db, "Olu Officer", ATT_ROLE_ATTENDANCE_OFFICER);
  add_user (t->db, "Rae Reception", ATT_ROLE_RECEPTIONIST);
  officer = find_user (t->db, "Olu Officer");
  receptionist = find_user (t->db, "Rae Reception");
  g_signal_connect (t->db, "changed", G_CALLBACK (on_changed), &changes);

  /* A receptionist may not add pupils. */
  g_assert_cmpint (att_pupils_save (t->db, receptionist, amina, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (amina->id, ==, 0);

  audit_before = count_rows (t->db, "SELECT count(*) FROM audit_log");
  id = att_pupils_save (t->db, officer, amina, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (amina->id, ==, id);
  g_assert_true (changes & ATT_CHANGE_PUPILS);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.add'"),
                   ==, 1);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log"), ==, audit_before + 1);

  /* The system itself (no user) may save too. */
  g_assert_cmpint (att_pupils_save (t->db, att_user_system (), ben, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_pupils_save (t->db, att_user_system (), cara, &error), >, 0);
  g_assert_no_error (error);

  /* The UPN is the pupil's own. */
  g_assert_cmpint (att_pupils_save (t->db, att_user_system (), clash, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Amina Khan"));
  g_clear_error (&error);

  /* Sorted by surname then forename, whatever the case: Adams, de Souza,
   * Khan. */
  list = att_pupils_list (t->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((AttPupil *)g_ptr_array_index (list, 0))->legal_surname, ==, "Adams");
  g_assert_cmpstr (((AttPupil *)g_ptr_array_index (list, 1))->legal_surname, ==, "de Souza");
  g_assert_cmpstr (((AttPupil *)g_ptr_array_index (list, 2))->legal_surname, ==, "Khan");

  g_assert_true (att_pupils_get (t->db, id) == g_ptr_array_index (list, 2));
  g_assert_true (att_pupils_find (t->db, "L201234567890") == g_ptr_array_index (list, 2));
  g_assert_true (att_pupils_find (t->db, " l201234567890 ") == g_ptr_array_index (list, 2));
  g_assert_null (att_pupils_find (t->db, "F999999999999"));
  g_assert_null (att_pupils_get (t->db, 9999));

  /* An update, read back through a fresh cache. */
  edit = att_pupil_copy (att_pupils_get (t->db, id));
  edit->preferred_forename = g_strdup ("Mina");
  edit->leaving = D (2025, 7, 18);
  edit->fsm = TRUE;
  edit->sen = ATT_SEN_EHCP;
  edit->medical_note = g_strdup ("Asthma: inhaler in the office");
  changes = 0;
  g_assert_cmpint (att_pupils_save (t->db, officer, edit, &error), ==, id);
  g_assert_no_error (error);
  g_assert_true (changes & ATT_CHANGE_PUPILS);
  {
    AttPupil *saved = att_pupils_get (t->db, id);

    g_assert_cmpstr (saved->display_name, ==, "Mina Khan");
    g_assert_cmpint (saved->leaving, ==, D (2025, 7, 18));
    g_assert_true (saved->fsm);
    g_assert_cmpint (saved->sen, ==, ATT_SEN_EHCP);
    g_assert_cmpstr (saved->medical_note, ==, "Asthma: inhaler in the office");
    g_assert_cmpint (saved->dob, ==, D (2013, 5, 14));
    g_assert_cmpint (saved->admission, ==, D (2017, 9, 4));
    g_assert_cmpint (saved->sex, ==, 'F');
    g_assert_cmpint (saved->year_group, ==, 6);
    g_assert_false (saved->eal);
  }
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.update'"),
                   ==, 1);

  /* The cache can be dropped and rebuilt at any time. */
  att_pupils_cache_drop (t->db);
  g_assert_null (t->db->pupils);
  g_assert_cmpuint (att_pupils_list (t->db, NULL)->len, ==, 3);
}

static void
test_pupil_delete (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttUser) officer = NULL;
  g_autoptr(AttUser) head = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupil) amina = make_pupil ("L201234567890", "Amina", "Khan");
  g_autoptr(AttPupil) ben = make_pupil ("A000000000000", "Ben", "Jones");
  g_autoptr(AttContact) contact = att_contact_new ();
  g_autofree char *sql = NULL;

  add_user (t->db, "Olu Officer", ATT_ROLE_ATTENDANCE_OFFICER);
  add_user (t->db, "Hana Head", ATT_ROLE_HEADTEACHER);
  officer = find_user (t->db, "Olu Officer");
  head = find_user (t->db, "Hana Head");

  g_assert_cmpint (att_pupils_save (t->db, att_user_system (), amina, &error), >, 0);
  g_assert_cmpint (att_pupils_save (t->db, att_user_system (), ben, &error), >, 0);
  g_assert_no_error (error);

  contact->pupil_id = ben->id;
  contact->surname = g_strdup ("Jones");
  contact->relationship = g_strdup ("Father");
  g_assert_cmpint (att_contacts_save (t->db, att_user_system (), contact, &error), >, 0);
  g_assert_no_error (error);

  /* Amina has a mark in the register. */
  sql = g_strdup_printf ("INSERT INTO marks (pupil_id, date, session, code) VALUES (%"
                         G_GINT64_FORMAT ", %d, 0, '/')", amina->id, D (2024, 9, 4));
  g_assert_true (att_db_exec (t->db, sql, &error));
  g_assert_no_error (error);

  /* An attendance officer may not delete. */
  g_assert_false (att_pupils_delete (t->db, officer, ben->id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_false (att_pupils_delete (t->db, head, amina->id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Amina Khan"));
  g_assert_nonnull (strstr (error->message, "6 years"));
  g_assert_nonnull (strstr (error->message, "leaving date"));
  g_clear_error (&error);
  g_assert_nonnull (att_pupils_get (t->db, amina->id));

  g_assert_true (att_pupils_delete (t->db, head, ben->id, &error));
  g_assert_no_error (error);
  g_assert_null (att_pupils_get (t->db, ben->id));
  g_assert_null (att_pupils_find (t->db, "A000000000000"));
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.delete'"),
                   ==, 1);

  g_assert_false (att_pupils_delete (t->db, head, ben->id, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
}

/* A pupil with no marks but with calls, late-book entries, letters, leave
 * requests, penalty-notice decisions or notices to the local authority
 * was on roll in earnest: deleting is refused, naming what is held, and
 * nothing is deleted. */
static void
test_pupil_delete_kept_records (void)
{
  static const struct
  {
    const char *insert;   /* ?1 stands for the pupil's id */
    const char *held;
  } kinds[] = {
    { "INSERT INTO calls (pupil_id, date, at, caller, channel, direction, actor_id) "
      "VALUES (?1, 0, 0, 'Mrs Boateng', 'phone', 'in', 1)", "1 call on file" },
    { "INSERT INTO late_book (pupil_id, date, kind, session, actor_id, at) "
      "VALUES (?1, 0, 'arrival', 0, 1, 0)", "1 late-book entry on file" },
    { "INSERT INTO letters (pupil_id, recipient, kind, template_name, template_version, date, delivery, actor_id, at) "
      "VALUES (?1, 'Mrs Boateng', 'leave-refused', 'leave-refused', 1, 0, 'post', 1, 0)", "1 letter on file" },
    { "INSERT INTO leave_requests (group_id, pupil_id, type, first_date, first_session, last_date, last_session, "
      "reason, requested_by, received, actor_id, at) "
      "VALUES (1, ?1, 'holiday', 0, 0, 0, 1, 'A wedding', 'Mrs Boateng', 0, 1, 0)", "1 leave request on file" },
    { "INSERT INTO penalty_decisions (pupil_id, as_of, decision, rationale, actor_id, at) "
      "VALUES (?1, 0, 'support', 'First time', 1, 0)", "1 penalty-notice decision on file" },
    { "INSERT INTO la_notifications (pupil_id, kind, told, actor_id, at) "
      "VALUES (?1, 'illness', 0, 1, 0)", "1 notice to the local authority on file" },
  };
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttUser) head = NULL;
  g_autoptr(GError) error = NULL;

  add_user (t->db, "Hana Head", ATT_ROLE_HEADTEACHER);
  head = find_user (t->db, "Hana Head");
  g_assert_true (att_db_exec (t->db, "INSERT OR IGNORE INTO actors (id, name, position) "
                              "VALUES (1, 'Hana Head', 'Headteacher')", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *rest = g_strdup_printf ("1000000000%02u", i);
      g_autofree char *upn = g_strdup_printf ("%c%s", att_upn_check_letter (rest), rest);
      g_autoptr(AttPupil) ama = make_pupil (upn, "Ama", "Boateng");
      g_autofree char *sql = NULL;

      g_assert_cmpint (att_pupils_save (t->db, att_user_system (), ama, &error), >, 0);
      g_assert_no_error (error);
      {
        g_auto(GStrv) parts = g_strsplit (kinds[i].insert, "?1", -1);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ama->id);

        sql = g_strjoinv (id, parts);
      }
      g_assert_true (att_db_exec (t->db, sql, &error));
      g_assert_no_error (error);

      g_assert_false (att_pupils_delete (t->db, head, ama->id, &error));
      g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
      g_assert_nonnull (strstr (error->message, "Ama Boateng"));
      g_assert_nonnull (strstr (error->message, kinds[i].held));
      g_assert_nonnull (strstr (error->message, "leaving date"));
      g_clear_error (&error);
      g_assert_nonnull (att_pupils_get (t->db, ama->id));
    }

  /* Two kinds and a count above one: "2 calls and 1 leave request". */
  {
    g_autoptr(AttPupil) kofi = make_pupil ("A000000000000", "Kofi", "Mensah");
    g_autofree char *sql = NULL;

    g_assert_cmpint (att_pupils_save (t->db, att_user_system (), kofi, &error), >, 0);
    sql = g_strdup_printf ("INSERT INTO calls (pupil_id, date, at, caller, channel, direction, actor_id) "
                           "VALUES (%1$" G_GINT64_FORMAT ", 0, 0, 'Mr Mensah', 'phone', 'in', 1), "
                           "(%1$" G_GINT64_FORMAT ", 1, 0, 'Mr Mensah', 'text', 'out', 1); "
                           "INSERT INTO leave_requests (group_id, pupil_id, type, first_date, first_session, "
                           "last_date, last_session, reason, requested_by, received, actor_id, at) "
                           "VALUES (2, %1$" G_GINT64_FORMAT ", 'holiday', 0, 0, 0, 1, 'A wedding', 'Mr Mensah', 0, 1, 0)",
                           kofi->id);
    g_assert_true (att_db_exec (t->db, sql, &error));
    g_assert_no_error (error);
    g_assert_false (att_pupils_delete (t->db, head, kofi->id, &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
    g_assert_nonnull (strstr (error->message, "Kofi Mensah (UPN A000000000000) has 2 calls and 1 leave request on file"));
  }
  g_assert_cmpint (count_rows (t->db, "SELECT count(*) FROM audit_log WHERE action = 'pupils.delete'"), ==, 0);
}

static void
test_contacts (void)
{
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupil) amina = make_pupil ("L201234567890", "Amina", "Khan");
  g_autoptr(AttContact) mother = att_contact_new ();
  g_autoptr(AttContact) gran = att_contact_new ();
  g_autoptr(AttContact) clash = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *name = NULL;
  guint changes = 0;

  g_assert_cmpint (att_pupils_save (t->db, att_user_system (), amina, &error), >, 0);
  g_signal_connect (t->db, "changed", G_CALLBACK (on_changed), &changes);

  gran->pupil_id = amina->id;
  gran->priority = 2;
  gran->forename = g_strdup ("Ruth");
  gran->surname = g_strdup ("Khan");
  gran->relationship = g_strdup ("Grandmother");
  g_assert_cmpint (att_contacts_save (t->db, att_user_system (), gran, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (changes & ATT_CHANGE_CONTACTS);

  mother->pupil_id = amina->id;
  mother->priority = 1;
  mother->title = g_strdup ("Mrs");
  mother->forename = g_strdup ("Sana");
  mother->surname = g_strdup ("Khan");
  mother->relationship = g_strdup ("Mother");
  mother->parental_responsibility = TRUE;
  mother->lives_with = TRUE;
  mother->phone_mobile = g_strdup ("07700 900123");
  mother->email = g_strdup ("sana.khan@example.org");
  g_assert_cmpint (att_contacts_save (t->db, att_user_system (), mother, &error), >, 0);
  g_assert_no_error (error);

  name = att_contact_dup_name (mother);
  g_assert_cmpstr (name, ==, "Mrs Sana Khan");
  g_clear_pointer (&name, g_free);
  name = att_contact_dup_name (gran);
  g_assert_cmpstr (name, ==, "Ruth Khan");

  /* In priority order, whatever the order they were added in. */
  contacts = att_contacts_for_pupil (t->db, amina->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (((AttContact *)g_ptr_array_index (contacts, 0))->forename, ==, "Sana");
  g_assert_true (((AttContact *)g_ptr_array_index (contacts, 0))->parental_responsibility);
  g_assert_cmpstr (((AttContact *)g_ptr_array_index (contacts, 0))->phone_mobile, ==, "07700 900123");
  g_assert_null (((AttContact *)g_ptr_array_index (contacts, 0))->phone_home);
  g_assert_cmpstr (((AttContact *)g_ptr_array_index (contacts, 1))->forename, ==, "Ruth");

  /* Each priority once per pupil, and the message says which. */
  clash = att_contact_copy (gran);
  clash->id = 0;
  clash->forename = (g_free (clash->forename), g_strdup ("Tom"));
  clash->relationship = (g_free (clash->relationship), g_strdup ("Uncle"));
  clash->priority = 1;
  g_assert_cmpint (att_contacts_save (t->db, att_user_system (), clash, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "priority 1"));
  g_assert_nonnull (strstr (error->message, "Mrs Sana Khan"));
  g_clear_error (&error);

  /* Required fields. */
  clash->priority = 3;
  clash->relationship = (g_free (clash->relationship), NULL);
  g_assert_false (att_contact_validate (clash, &error));
  g_assert_nonnull (strstr (error->message, "Relationship"));
  g_clear_error (&error);
  g_assert_cmpint (att_contacts_save (t->db, att_user_system (), clash, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  clash->relationship = g_strdup ("Uncle");
  clash->surname = (g_free (clash->surname), g_strdup (""));
  g_assert_false (att_contact_validate (clash, &error));
  g_assert_nonnull (strstr (error->message, "Surname"));
  g_clear_error (&error);
  clash->surname = (g_free (clash->surname), g_strdup ("Khan"));
  clash->email = g_strdup ("not an address");
  g_assert_false (att_contact_validate (clash, &error));
  g_clear_error (&error);
  clash->email = (g_free (clash->email), NULL);
  clash->priority = 0;
  g_assert_false (att_contact_validate (clash, &error));
  g_clear_error (&error);
  clash->priority = 3;
  g_assert_true (att_contact_validate (clash, &error));
  g_assert_no_error (error);

  /* A contact for a pupil who does not exist. */
  clash->pupil_id = 9999;
  g_assert_cmpint (att_contacts_save (t->db, att_user_system (), clash, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Moving Ruth to priority 3 frees priority 2. */
  gran->priority = 3;
  changes = 0;
  g_assert_cmpint (att_contacts_save (t->db, att_user_system (), gran, &error), ==, gran->id);
  g_assert_no_error (error);
  g_assert_true (changes & ATT_CHANGE_CONTACTS);
  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = att_contacts_for_pupil (t->db, amina->id, &error);
  g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 1))->priority, ==, 3);

  /* A receptionist may not change contacts. */
  {
    g_autoptr(AttUser) receptionist = NULL;

    att_users_add (t->db, att_user_system (), "Rae Reception", ATT_ROLE_RECEPTIONIST, NULL, &error);
    g_assert_no_error (error);
    receptionist = att_users_find (t->db, "Rae Reception", NULL);
    g_assert_cmpint (att_contacts_save (t->db, receptionist, gran, &error), ==, 0);
    g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pupils/upn/check-letter", test_upn_check_letter);
  g_test_add_func ("/pupils/upn/validate", test_upn_validate);
  g_test_add_func ("/pupils/year-group", test_year_group);
  g_test_add_func ("/pupils/names", test_pupil_names);
  g_test_add_func ("/pupils/on-roll", test_pupil_on_roll);
  g_test_add_func ("/pupils/compulsory-age", test_pupil_compulsory_age);
  g_test_add_func ("/pupils/flags", test_pupil_flags);
  g_test_add_func ("/pupils/validate", test_pupil_validate);
  g_test_add_func ("/pupils/save", test_pupil_save);
  g_test_add_func ("/pupils/sort-accents", test_sort_accents);
  g_test_add_func ("/pupils/name-fold", test_name_fold);
  g_test_add_func ("/pupils/delete", test_pupil_delete);
  g_test_add_func ("/pupils/delete/kept-records", test_pupil_delete_kept_records);
  g_test_add_func ("/pupils/contacts", test_contacts);

  return g_test_run ();
}
