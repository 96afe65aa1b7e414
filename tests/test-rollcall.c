/* test-rollcall.c: who is on site for a fire roll call; groups in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: the autumn term from Mon 2 September 2024, an INSET day on
 * Fri 13 September, registers open 08:40 to 09:00 and 13:15 to 13:30.
 * "Today" is Fri 20 September 2024; the roll call is for Wed 11 September.
 * Pupils and their marks that Wednesday morning:
 *   Eve Early   RA  Reception  /
 *   Amy Able    7A  Year 7     /
 *   Ben Brown   7A  Year 7     L, 12 minutes
 *   Dan Dale    7A  Year 7     U, 25 minutes
 *   Fay Ford    7A  Year 7     V (a trip: away from school)
 *   Gus Gray    7A  Year 7     no mark yet
 *   Lee Left    7A  Year 7     left on Fri 6 September: not on roll
 *   Cara Cole   7B  Year 7     I
 *   Hal Hart    8C  Year 8     /
 *   Ivy Iles    8C  Year 8     K (provision arranged by the LA)
 */
#include "config.h"

#include <string.h>

#include "att-test-util.h"

typedef struct
{
  AttTestDb *t;
  AttUser   *officer;
} Fixture;

static gint64
add_pupil (Fixture    *f,
           const char *forename,
           const char *surname,
           int         year,
           const char *group,
           AttDate     leaving)
{
  AttPupil *pupil = att_test_pupil_new (forename, surname, year, group,
                                        D (2020 - year, 1, 10), D (2024, 9, 2));

  pupil->leaving = leaving;
  return att_test_save_pupil (f->t->db, pupil);
}

static void
mark (Fixture *f,
      gint64   pupil,
      AttCode  code,
      int      minutes_late)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite w = { pupil, D (2024, 9, 11), ATT_SESSION_AM, code, minutes_late, NULL };

  att_register_write (f->t->db, f->officer, &w, 1, NULL, ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  AttDb *db;

  f->t = att_test_db_new ();
  db = f->t->db;

  att_test_add_autumn_2024 (db);

  f->officer = att_test_add_user (db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance officer");

  mark (f, add_pupil (f, "Eve", "Early", 0, "RA", ATT_DATE_NONE), ATT_CODE_PRESENT_AM, -1);
  mark (f, add_pupil (f, "Amy", "Able", 7, "7A", ATT_DATE_NONE), ATT_CODE_PRESENT_AM, -1);
  mark (f, add_pupil (f, "Ben", "Brown", 7, "7A", ATT_DATE_NONE), ATT_CODE_L, 12);
  mark (f, add_pupil (f, "Dan", "Dale", 7, "7A", ATT_DATE_NONE), ATT_CODE_U, 25);
  mark (f, add_pupil (f, "Fay", "Ford", 7, "7A", ATT_DATE_NONE), ATT_CODE_V, -1);
  add_pupil (f, "Gus", "Gray", 7, "7A", ATT_DATE_NONE);
  add_pupil (f, "Lee", "Left", 7, "7A", D (2024, 9, 6));
  mark (f, add_pupil (f, "Cara", "Cole", 7, "7B", ATT_DATE_NONE), ATT_CODE_I, -1);
  mark (f, add_pupil (f, "Hal", "Hart", 8, "8C", ATT_DATE_NONE), ATT_CODE_PRESENT_AM, -1);
  mark (f, add_pupil (f, "Ivy", "Iles", 8, "8C", ATT_DATE_NONE), ATT_CODE_K, -1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->officer);
  att_test_db_free (f->t);
}

/* On site: present, late before and after the register closed. Away: the
 * approved educational activities, dual registration, every absence. */
static void
test_on_site (void)
{
  const AttCode on_site[] = { ATT_CODE_PRESENT_AM, ATT_CODE_PRESENT_PM, ATT_CODE_L, ATT_CODE_U };
  guint n_on_site = 0;

  for (guint i = 0; i < G_N_ELEMENTS (on_site); i++)
    g_assert_true (att_rollcall_on_site (on_site[i]));

  for (AttCode code = ATT_CODE_NONE; code < ATT_CODE_N_CODES; code++)
    if (att_rollcall_on_site (code))
      n_on_site++;
  /* Exactly the four above, and so none of K V P W B D I N O G #. */
  g_assert_cmpuint (n_on_site, ==, 4);
  g_assert_false (att_rollcall_on_site (ATT_CODE_NONE));
  g_assert_false (att_rollcall_on_site (ATT_CODE_V));
  g_assert_false (att_rollcall_on_site (ATT_CODE_K));
  g_assert_false (att_rollcall_on_site (ATT_CODE_D));
}

static void
test_session_at (Fixture       *f,
                 gconstpointer  data)
{
  /* The afternoon register opens at 13:15 (795 minutes). */
  g_assert_cmpint (att_rollcall_session_at (f->t->db, 8 * 60), ==, ATT_SESSION_AM);
  g_assert_cmpint (att_rollcall_session_at (f->t->db, 13 * 60 + 14), ==, ATT_SESSION_AM);
  g_assert_cmpint (att_rollcall_session_at (f->t->db, 13 * 60 + 15), ==, ATT_SESSION_PM);
  g_assert_cmpint (att_rollcall_session_at (f->t->db, 16 * 60), ==, ATT_SESSION_PM);
}

static AttRollCallGroup *
group_at (AttRollCall *rollcall,
          guint        index)
{
  g_assert_cmpuint (index, <, rollcall->groups->len);
  return g_ptr_array_index (rollcall->groups, index);
}

static const char *
surname_at (AttRollCallGroup *group,
            guint             index)
{
  AttRollCallEntry *entry;

  g_assert_cmpuint (index, <, group->on_site->len);
  entry = g_ptr_array_index (group->on_site, index);
  return entry->pupil->legal_surname;
}

static void
test_rollcall (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttRollCall) rollcall = NULL;
  AttRollCallGroup *group;
  AttRollCallEntry *entry;

  rollcall = att_rollcall_new (f->t->db, D (2024, 9, 11), ATT_SESSION_AM, &error);
  g_assert_no_error (error);

  /* Groups by year, Reception first: RA, 7A, 7B, 8C. */
  g_assert_cmpuint (rollcall->groups->len, ==, 4);

  group = group_at (rollcall, 0);
  g_assert_cmpstr (group->group, ==, "RA");
  g_assert_cmpuint (group->on_roll, ==, 1);
  g_assert_cmpuint (group->not_marked, ==, 0);
  g_assert_cmpuint (group->on_site->len, ==, 1);

  /* 7A: Able, Brown, Dale, Ford, Gray on roll (Left has left): 5. Gray
   * is not marked; Ford is on a trip; on site Able /, Brown L and Dale U. */
  group = group_at (rollcall, 1);
  g_assert_cmpstr (group->group, ==, "7A");
  g_assert_cmpuint (group->on_roll, ==, 5);
  g_assert_cmpuint (group->not_marked, ==, 1);
  g_assert_cmpuint (group->on_site->len, ==, 3);
  g_assert_cmpstr (surname_at (group, 0), ==, "Able");
  g_assert_cmpstr (surname_at (group, 1), ==, "Brown");
  g_assert_cmpstr (surname_at (group, 2), ==, "Dale");
  entry = g_ptr_array_index (group->on_site, 0);
  g_assert_cmpint (entry->code, ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (entry->minutes_late, ==, -1);
  entry = g_ptr_array_index (group->on_site, 1);
  g_assert_cmpint (entry->code, ==, ATT_CODE_L);
  g_assert_cmpint (entry->minutes_late, ==, 12);
  entry = g_ptr_array_index (group->on_site, 2);
  g_assert_cmpint (entry->code, ==, ATT_CODE_U);
  g_assert_cmpint (entry->minutes_late, ==, 25);

  /* 7B: Cole is ill: on roll, nobody on site. */
  group = group_at (rollcall, 2);
  g_assert_cmpstr (group->group, ==, "7B");
  g_assert_cmpuint (group->on_roll, ==, 1);
  g_assert_cmpuint (group->on_site->len, ==, 0);

  /* 8C: Hart on site; Iles at the LA's provision. */
  group = group_at (rollcall, 3);
  g_assert_cmpstr (group->group, ==, "8C");
  g_assert_cmpuint (group->on_roll, ==, 2);
  g_assert_cmpuint (group->on_site->len, ==, 1);
  g_assert_cmpstr (surname_at (group, 0), ==, "Hart");

  /* Totals: on roll 1 + 5 + 1 + 2 = 9; not marked 1 (Gray); on site
   * 1 + 3 + 0 + 1 = 5. */
  g_assert_cmpuint (rollcall->on_roll, ==, 9);
  g_assert_cmpuint (rollcall->not_marked, ==, 1);
  g_assert_cmpuint (rollcall->on_site, ==, 5);
}

static void
test_afternoon (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttRollCall) rollcall = NULL;

  /* Nobody has an afternoon mark: all 9 on roll are unmarked, none on
   * site, and every group is still listed. */
  rollcall = att_rollcall_new (f->t->db, D (2024, 9, 11), ATT_SESSION_PM, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rollcall->groups->len, ==, 4);
  g_assert_cmpuint (rollcall->on_roll, ==, 9);
  g_assert_cmpuint (rollcall->not_marked, ==, 9);
  g_assert_cmpuint (rollcall->on_site, ==, 0);
}

static void
test_no_session (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) closed = NULL;
  AttRollCall *rollcall;

  rollcall = att_rollcall_new (f->t->db, D (2024, 9, 14), ATT_SESSION_AM, &error);
  g_assert_null (rollcall);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Sat 14 Sep 2024"));
  g_assert_nonnull (strstr (error->message, "weekend"));

  rollcall = att_rollcall_new (f->t->db, D (2024, 9, 13), ATT_SESSION_PM, &closed);
  g_assert_null (rollcall);
  g_assert_error (closed, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (closed->message, "afternoon"));
  g_assert_nonnull (strstr (closed->message, "INSET day"));
}

/* The late book moves pupils on and off site through the morning of
 * Wed 11 September (register open 08:40 to 09:00):
 *   Ben Brown   L 12 on the register alone: in at 08:40 + 12 = 08:52
 *   Dan Dale    U 25 on the register alone: in at 08:40 + 25 = 09:05
 *   Gus Gray    signed in at 09:10 (U, 30 minutes): in at 09:10
 *   Amy Able    signed out at 10:00, not back
 *   Hal Hart    signed out at 10:30 (dentist), back at 11:15
 * On site, by the time of the roll call:
 *   08:50  Eve, Amy, Hal                          3, nobody signed out
 *   09:07  Eve, Amy, Ben, Dan, Hal                5 (Gus not in yet)
 *   10:45  Eve, Ben, Dan, Gus                     4, Amy and Hal out: 2
 *   11:15  Eve, Ben, Dan, Gus, Hal                5, Amy out: 1
 *   the register alone (no time): Eve, Amy, Ben, Dan, Gus, Hal: 6 */
static gint64
pupil_id (Fixture    *f,
          const char *surname)
{
  GPtrArray *pupils = att_pupils_list (f->t->db, NULL);  /* borrowed */

  for (guint i = 0; i < pupils->len; i++)
    if (g_str_equal (((AttPupil *)pupils->pdata[i])->legal_surname, surname))
      return ((AttPupil *)pupils->pdata[i])->id;
  g_assert_not_reached ();
}

static AttRollCall *
rollcall_at (Fixture *f,
             int      hours,
             int      minutes)
{
  g_autoptr(GError) error = NULL;
  AttRollCall *rollcall;

  rollcall = att_rollcall_new_at (f->t->db, D (2024, 9, 11), ATT_SESSION_AM,
                                  hours < 0 ? -1 : hours * 60 + minutes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rollcall);
  return rollcall;
}

static void
test_late_book (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttRollCall *rollcall;
  AttRollCallGroup *group;
  AttRollCallEntry *entry;

  g_assert_cmpint (att_latebook_arrive (f->t->db, f->officer, pupil_id (f, "Gray"), D (2024, 9, 11),
                                        9 * 60 + 10, "Bus late", "Mum", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_latebook_sign_out (f->t->db, f->officer, pupil_id (f, "Able"), D (2024, 9, 11),
                                          10 * 60, -1, ATT_CALL_REASON_FAMILY_EMERGENCY, "Dad", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (att_latebook_sign_out (f->t->db, f->officer, pupil_id (f, "Hart"), D (2024, 9, 11),
                                          10 * 60 + 30, 11 * 60 + 15, ATT_CALL_REASON_MEDICAL, "Mum",
                                          NULL, &error), >, 0);
  g_assert_no_error (error);

  rollcall = rollcall_at (f, 8, 50);
  g_assert_cmpint (rollcall->time, ==, 8 * 60 + 50);
  g_assert_cmpuint (rollcall->on_site, ==, 3);
  g_assert_cmpuint (rollcall->signed_out, ==, 0);
  group = g_ptr_array_index (rollcall->groups, 1);
  g_assert_cmpuint (group->on_site->len, ==, 1);
  g_assert_cmpstr (surname_at (group, 0), ==, "Able");
  att_rollcall_free (rollcall);

  rollcall = rollcall_at (f, 9, 7);
  g_assert_cmpuint (rollcall->on_site, ==, 5);
  group = g_ptr_array_index (rollcall->groups, 1);
  g_assert_cmpuint (group->on_site->len, ==, 3);
  entry = g_ptr_array_index (group->on_site, 1);
  g_assert_cmpstr (entry->pupil->legal_surname, ==, "Brown");
  g_assert_cmpint (entry->arrived, ==, 8 * 60 + 52);
  att_rollcall_free (rollcall);

  rollcall = rollcall_at (f, 10, 45);
  g_assert_cmpuint (rollcall->on_site, ==, 4);
  g_assert_cmpuint (rollcall->signed_out, ==, 2);
  group = g_ptr_array_index (rollcall->groups, 1);
  /* 7A: Brown, Dale and Gray on site, Able signed out at 10:00. */
  g_assert_cmpuint (group->on_site->len, ==, 3);
  g_assert_cmpstr (surname_at (group, 2), ==, "Gray");
  entry = g_ptr_array_index (group->on_site, 2);
  g_assert_cmpint (entry->arrived, ==, 9 * 60 + 10);
  g_assert_cmpuint (group->signed_out->len, ==, 1);
  entry = g_ptr_array_index (group->signed_out, 0);
  g_assert_cmpstr (entry->pupil->legal_surname, ==, "Able");
  g_assert_cmpint (entry->time_out, ==, 10 * 60);
  group = g_ptr_array_index (rollcall->groups, 3);
  g_assert_cmpuint (group->on_site->len, ==, 0);
  g_assert_cmpuint (group->signed_out->len, ==, 1);
  att_rollcall_free (rollcall);

  rollcall = rollcall_at (f, 11, 15);
  g_assert_cmpuint (rollcall->on_site, ==, 5);
  g_assert_cmpuint (rollcall->signed_out, ==, 1);
  att_rollcall_free (rollcall);

  rollcall = rollcall_at (f, -1, 0);
  g_assert_cmpuint (rollcall->on_site, ==, 6);
  g_assert_cmpuint (rollcall->signed_out, ==, 0);
  att_rollcall_free (rollcall);
}

/* A tutor group of several years sorts with its youngest pupil; pupils
 * keep their order within a group; no group comes last. */
static void
test_group_order (void)
{
  g_autoptr(GPtrArray) pupils = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) order = NULL;
  const struct { const char *name; int year; const char *group; } rows[] = {
    { "Ann", 9, "V1" },      /* 0: V1's lowest year is 7 (row 3) */
    { "Bob", 8, "8A" },      /* 1 */
    { "Cat", 7, "7B" },      /* 2 */
    { "Dot", 7, "V1" },      /* 3 */
    { "Eli", 7, NULL },      /* 4: no group */
    { "Fin", 7, "7B" },      /* 5 */
    { "Gil", 8, "" },        /* 6: an empty group is none */
  };
  /* Year 7: 7B (2, 5) then V1 (0, 3), as "7B" collates before "V1";
   * year 8: 8A (1); then no group (4, 6). */
  const guint expected[] = { 2, 5, 0, 3, 1, 4, 6 };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_ptr_array_add (pupils, att_test_pupil_new (rows[i].name, "Test", rows[i].year, rows[i].group,
                                                 D (2012, 1, 1), D (2024, 9, 2)));
  order = att_groups_order_pupils (pupils);
  g_assert_cmpuint (order->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (g_array_index (order, guint, i), ==, expected[i]);

  g_assert_cmpint (att_groups_compare ("7A", 7, NULL, 0), <, 0);
  g_assert_cmpint (att_groups_compare (NULL, 0, "7A", 7), >, 0);
  g_assert_cmpint (att_groups_compare ("RA", 0, "7A", 7), <, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rollcall/on-site", test_on_site);
  g_test_add_func ("/rollcall/group-order", test_group_order);
#define ADD(path, func) \
  g_test_add ("/rollcall/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("session-at", test_session_at);
  ADD ("rollcall", test_rollcall);
  ADD ("afternoon", test_afternoon);
  ADD ("no-session", test_no_session);
  ADD ("late-book", test_late_book);
#undef ADD

  return g_test_run ();
}
