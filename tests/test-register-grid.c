/* test-register-grid.c: the register grid's selections, snapshot and rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: one autumn term from Mon 2 September 2024, an INSET day on
 * Fri 13 September, registers open 08:40 to 09:00 and 13:15 to 13:30.
 * "Today" is Fri 13 September 2024. Pupils:
 *   Amy Able    7A  Year 7     on roll from 2 Sep
 *   Ben Brown   7A  Year 7     on roll from 2 Sep
 *   Dan Dale    7A  Year 7     on roll from Tue 10 Sep
 *   Cara Cole   7B  Year 7     SEN support, FSM
 *   Eve Early   RA  Reception  born 1 Jun 2020: not of compulsory age
 */
#include "config.h"

#include <string.h>

#include "att-register-grid.h"
#include "att-register-model.h"
#include "att-test-util.h"

typedef struct
{
  AttTestDb *t;
  AttUser   *officer;
  AttUser   *receptionist;
  gint64     amy, ben, dan, cara, eve;
} Fixture;

static gint64
add_pupil (AttDb      *db,
           const char *forename,
           const char *surname,
           int         year,
           const char *group,
           AttDate     dob,
           AttDate     admission,
           AttSen      sen,
           gboolean    fsm)
{
  AttPupil *pupil = att_test_pupil_new (forename, surname, year, group, dob, admission);

  pupil->sen = sen;
  pupil->fsm = fsm;
  return att_test_save_pupil (db, pupil);
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
  f->receptionist = att_test_add_user (db, "Rita Reception", ATT_ROLE_RECEPTIONIST, "Receptionist");

  f->amy = add_pupil (db, "Amy", "Able", 7, "7A", D (2013, 1, 10), D (2024, 9, 2), ATT_SEN_NONE, FALSE);
  f->ben = add_pupil (db, "Ben", "Brown", 7, "7A", D (2013, 2, 10), D (2024, 9, 2), ATT_SEN_NONE, FALSE);
  f->dan = add_pupil (db, "Dan", "Dale", 7, "7A", D (2013, 3, 10), D (2024, 9, 10), ATT_SEN_NONE, FALSE);
  f->cara = add_pupil (db, "Cara", "Cole", 7, "7B", D (2013, 4, 10), D (2024, 9, 2), ATT_SEN_SUPPORT, TRUE);
  f->eve = add_pupil (db, "Eve", "Early", 0, "RA", D (2020, 6, 1), D (2024, 9, 2), ATT_SEN_NONE, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->officer);
  att_user_free (f->receptionist);
  att_test_db_free (f->t);
}

static void
write_one (Fixture    *f,
           gint64      pupil,
           AttDate     date,
           AttSession  session,
           AttCode     code,
           const char *reason)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite w = { pupil, date, session, code, -1, NULL };

  att_register_write_undoable (f->t->db, f->officer, &w, 1, reason, NULL, &error);
  g_assert_no_error (error);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) sen9 = att_grid_filter_new_year (9);
  g_autoptr(AttGridFilter) parsed = NULL;
  g_autoptr(AttGridFilter) sen = att_grid_filter_new ();
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func ((GDestroyNotify)att_grid_filter_free);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  AttGridFilter *copy;

  sen9->sen = 'K';
  sen9->name = g_strdup ("SEN support; Year 9");
  text = att_grid_filter_to_string (sen9);
  parsed = att_grid_filter_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->name, ==, "SEN support; Year 9");
  g_assert_cmpint (parsed->year, ==, 9);
  g_assert_cmpint (parsed->sen, ==, 'K');
  g_assert_cmpint (parsed->fsm, ==, -1);

  g_assert_null (att_grid_filter_parse ("colour=blue", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* 'S' is SEN support or an EHC plan: Cara has support, Amy none. */
  sen->sen = 'S';
  g_assert_true (att_grid_filter_matches (sen, att_pupils_get (f->t->db, f->cara)));
  g_assert_false (att_grid_filter_matches (sen, att_pupils_get (f->t->db, f->amy)));
  sen->sen = 0;
  sen->fsm = 1;
  g_assert_true (att_grid_filter_matches (sen, att_pupils_get (f->t->db, f->cara)));
  g_assert_false (att_grid_filter_matches (sen, att_pupils_get (f->t->db, f->ben)));

  description = att_grid_filter_describe (sen);
  g_assert_cmpstr (description, ==, "FSM");
  g_clear_pointer (&description, g_free);
  {
    g_autoptr(AttGridFilter) all = att_grid_filter_new ();
    g_autofree char *all_text = att_grid_filter_to_string (all);
    g_autoptr(AttGridFilter) all_back = NULL;

    description = att_grid_filter_describe (all);
    g_assert_cmpstr (description, ==, "Whole school");
    g_assert_cmpstr (all_text, ==, "school");
    all_back = att_grid_filter_parse (all_text, &error);
    g_assert_no_error (error);
    g_assert_cmpint (all_back->year, ==, -1);
    g_assert_null (all_back->group);
  }

  /* Saved filters go through the settings table; a name is needed and
   * must be unique whatever its case. */
  g_ptr_array_add (saved, att_grid_filter_copy (sen9));
  g_assert_true (att_grid_filters_save (f->t->db, f->receptionist, saved, &error));
  g_assert_no_error (error);
  loaded = att_grid_filters_load (f->t->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (((AttGridFilter *)loaded->pdata[0])->name, ==, "SEN support; Year 9");
  g_assert_cmpint (((AttGridFilter *)loaded->pdata[0])->sen, ==, 'K');

  copy = att_grid_filter_copy (sen9);
  g_free (copy->name);
  copy->name = g_strdup ("sen SUPPORT; year 9");
  g_ptr_array_add (saved, copy);
  g_assert_false (att_grid_filters_save (f->t->db, f->officer, saved, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_clear_error (&error);

  g_clear_pointer (&copy->name, g_free);
  g_assert_false (att_grid_filters_save (f->t->db, f->officer, saved, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* The failed saves left the first list in place. */
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = att_grid_filters_load (f->t->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  g_auto(GStrv) groups = att_grid_list_groups (f->t->db, D (2024, 9, 10));
  g_auto(GStrv) early = att_grid_list_groups (f->t->db, D (2024, 8, 1));
  g_autoptr(GArray) years = att_grid_list_years (f->t->db, D (2024, 9, 10));

  /* Reception first, then Year 7's groups by name. */
  g_assert_cmpuint (g_strv_length (groups), ==, 3);
  g_assert_cmpstr (groups[0], ==, "RA");
  g_assert_cmpstr (groups[1], ==, "7A");
  g_assert_cmpstr (groups[2], ==, "7B");
  /* Nobody is on roll in August. */
  g_assert_cmpuint (g_strv_length (early), ==, 0);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 0);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 7);
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) group = att_grid_filter_new_group ("7A");
  g_autoptr(AttGrid) grid = NULL;
  g_autoptr(AttGrid) day = NULL;
  g_autoptr(AttGrid) school = NULL;
  AttDate monday, friday;
  const AttGridFigures *figures;
  int amy, dan;

  att_grid_week_range (D (2024, 9, 11), &monday, &friday);
  g_assert_cmpint (monday, ==, D (2024, 9, 9));
  g_assert_cmpint (friday, ==, D (2024, 9, 13));

  write_one (f, f->amy, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_I, NULL);
  write_one (f, f->amy, D (2024, 9, 9), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, NULL);
  write_one (f, f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  write_one (f, f->amy, D (2024, 9, 10), ATT_SESSION_PM, ATT_CODE_N, NULL);
  /* An amendment: Tuesday morning was a medical appointment. */
  write_one (f, f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_M, "Medical evidence received");

  grid = att_grid_new (f->t->db, group, monday, friday, &error);
  g_assert_no_error (error);

  /* 7A: Amy, Ben and Dan (Dan joined on the Tuesday, inside the week);
   * Monday to Friday, two sessions a day. */
  g_assert_cmpuint (att_grid_get_n_rows (grid), ==, 3);
  g_assert_cmpuint (att_grid_get_n_columns (grid), ==, 10);
  amy = att_grid_find_row (grid, f->amy);
  dan = att_grid_find_row (grid, f->dan);
  g_assert_cmpint (amy, ==, 0);
  g_assert_cmpint (att_grid_find_row (grid, f->ben), ==, 1);
  g_assert_cmpint (dan, ==, 2);
  g_assert_cmpint (att_grid_find_row (grid, f->cara), ==, -1);

  g_assert_cmpint (att_grid_get_code (grid, amy, 0), ==, ATT_CODE_I);
  g_assert_cmpint (att_grid_get_code (grid, amy, 1), ==, ATT_CODE_PRESENT_PM);
  g_assert_cmpint (att_grid_get_code (grid, amy, 2), ==, ATT_CODE_M);
  g_assert_cmpint (att_grid_get_code (grid, amy, 3), ==, ATT_CODE_N);
  g_assert_cmpint (att_grid_get_code (grid, amy, 4), ==, ATT_CODE_NONE);
  for (guint c = 0; c < 8; c++)
    g_assert_cmpint (att_grid_get_code (grid, amy, c), ==,
                     att_register_code (f->t->db, f->amy,
                                        att_grid_get_column (grid, c)->date,
                                        att_grid_get_column (grid, c)->session));

  /* Only Tuesday morning was amended. */
  g_assert_true (att_grid_get_flags (grid, amy, 2) & ATT_GRID_CELL_AMENDED);
  g_assert_false (att_grid_get_flags (grid, amy, 0) & ATT_GRID_CELL_AMENDED);
  g_assert_false (att_grid_get_flags (grid, amy, 3) & ATT_GRID_CELL_AMENDED);

  /* Friday is the INSET day: '#', not a school session. */
  g_assert_false (att_grid_get_column (grid, 8)->school);
  g_assert_true (att_grid_get_column (grid, 8)->closed);
  g_assert_cmpstr (att_grid_get_column (grid, 8)->reason, ==, "INSET day");
  g_assert_cmpint (att_grid_get_code (grid, amy, 9), ==, ATT_CODE_CLOSED);
  g_assert_true (att_grid_get_flags (grid, amy, 0) & ATT_GRID_CELL_SCHOOL);
  g_assert_false (att_grid_get_flags (grid, amy, 8) & ATT_GRID_CELL_SCHOOL);

  /* Dan is not on roll on the Monday. */
  g_assert_false (att_grid_get_flags (grid, dan, 0) & ATT_GRID_CELL_ON_ROLL);
  g_assert_true (att_grid_get_flags (grid, dan, 2) & ATT_GRID_CELL_ON_ROLL);

  /* Blank cells a register could take on Tuesday morning: Ben and Dan. */
  g_assert_cmpuint (att_grid_count_blank (grid, 2), ==, 2);
  /* Monday morning: Ben only (Dan was not on roll). */
  g_assert_cmpuint (att_grid_count_blank (grid, 0), ==, 1);
  /* On roll: Amy and Ben on Monday, all three from Tuesday. */
  g_assert_cmpuint (att_grid_count_on_roll (grid, 0), ==, 2);
  g_assert_cmpuint (att_grid_count_on_roll (grid, 2), ==, 3);

  /* Figures as of Friday 13th (today and the end of the week). Amy's
   * possible sessions are her four marks (the week before is unmarked, so
   * missing, not possible): I, \, M, N; attended: \ only, so 1 in 4 is
   * 25%. Unauthorised in the rolling window: N, counted by default: 1. */
  figures = att_grid_get_figures (grid, amy);
  g_assert_cmpuint (figures->possible, ==, 4);
  g_assert_cmpuint (figures->attended, ==, 1);
  g_assert_cmpfloat_with_epsilon (figures->attendance_pct, 25.0, 0.001);
  g_assert_true (figures->persistent);
  g_assert_cmpuint (figures->unauthorised, ==, 1);

  /* A write, then the row refreshed: codes and figures follow. Tuesday
   * afternoon N becomes I (a reason, as it is an amendment): the window
   * count drops to 0. */
  write_one (f, f->amy, D (2024, 9, 10), ATT_SESSION_PM, ATT_CODE_I, "Parent phoned with reason");
  g_assert_cmpint (att_grid_get_code (grid, amy, 3), ==, ATT_CODE_N);
  att_grid_refresh_row (grid, amy);
  g_assert_cmpint (att_grid_get_code (grid, amy, 3), ==, ATT_CODE_I);
  g_assert_true (att_grid_get_flags (grid, amy, 3) & ATT_GRID_CELL_AMENDED);
  g_assert_cmpuint (att_grid_get_figures (grid, amy)->unauthorised, ==, 0);

  /* A day: two columns. The whole school that day: all five pupils. */
  day = att_grid_new (f->t->db, group, D (2024, 9, 9), D (2024, 9, 9), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_grid_get_n_columns (day), ==, 2);
  /* Dan joined the next day. */
  g_assert_cmpuint (att_grid_get_n_rows (day), ==, 2);
  school = att_grid_new (f->t->db, NULL, monday, friday, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_grid_get_n_rows (school), ==, 5);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  AttDb *db = f->t->db;
  AttMarkWrite w = { f->amy, D (2024, 9, 13), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL };
  AttHistoryEntry *entry;

  /* Marks only on school sessions: Friday 13th is an INSET day. */
  g_assert_false (att_register_write_undoable (db, f->officer, &w, 1, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (att_register_code (db, f->amy, D (2024, 9, 13), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  /* Nor on a Saturday. */
  w.date = D (2024, 9, 14);
  g_assert_false (att_register_write_undoable (db, f->officer, &w, 1, NULL, NULL, &error));
  g_clear_error (&error);

  /* Only within the time on roll: Dan joined on the 10th. */
  w.pupil_id = f->dan;
  w.date = D (2024, 9, 9);
  g_assert_false (att_register_write_undoable (db, f->officer, &w, 1, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  w.date = D (2024, 9, 10);
  g_assert_true (att_register_write_undoable (db, f->officer, &w, 1, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Retired codes are not offered for new marks, neither as typed text
   * nor as a code. */
  g_assert_cmpint (att_code_parse_for_mark ("H", D (2024, 9, 10), ATT_SESSION_AM, FALSE, NULL, &error),
                   ==, ATT_CODE_NONE);
  g_assert_nonnull (error);
  g_clear_error (&error);
  w.pupil_id = f->ben;
  w.code = ATT_CODE_OLD_H;
  g_assert_false (att_register_write_undoable (db, f->officer, &w, 1, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (att_register_code (db, f->ben, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_NONE);

  /* X only for pupils not of compulsory school age: Eve (4) yes, Ben no. */
  w.code = ATT_CODE_X;
  g_assert_false (att_register_write_undoable (db, f->officer, &w, 1, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  w.pupil_id = f->eve;
  g_assert_true (att_register_write_undoable (db, f->officer, &w, 1, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (db, f->eve, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_X);

  /* A reason on every amendment: without one the mark stays. */
  w.pupil_id = f->dan;
  w.code = ATT_CODE_L;
  g_assert_false (att_register_write_undoable (db, f->officer, &w, 1, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (att_register_write_undoable (db, f->officer, &w, 1, "", NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (att_register_code (db, f->dan, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  w.minutes_late = 7;
  g_assert_true (att_register_write_undoable (db, f->officer, &w, 1, "Pupil arrived late", NULL, &error));
  g_assert_no_error (error);

  history = att_register_history (db, f->dan, D (2024, 9, 10), D (2024, 9, 10), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  entry = g_ptr_array_index (history, 1);
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_L);
  g_assert_cmpint (entry->new_minutes, ==, 7);
  g_assert_cmpstr (entry->reason, ==, "Pupil arrived late");
  g_assert_cmpstr (entry->user_name, ==, "Olive Officer");
  g_assert_cmpstr (entry->position, ==, "Attendance officer");

  /* Writing the code a session holds changes nothing and adds no row. */
  w.minutes_late = -1;
  g_assert_true (att_register_write_undoable (db, f->officer, &w, 1, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = att_register_history (db, f->dan, D (2024, 9, 10), D (2024, 9, 10), &error);
  g_assert_cmpuint (history->len, ==, 2);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttDb *db = f->t->db;
  gint64 pupils[] = { f->amy, f->ben };
  AttRegisterSession sessions[] = { { D (2024, 9, 11), ATT_SESSION_AM } };
  AttMarkWrite w = { f->amy, D (2024, 9, 11), ATT_SESSION_PM, ATT_CODE_PRESENT_PM, -1, NULL };
  guint written = 99;

  /* A receptionist takes the register... */
  g_assert_true (att_register_write_undoable (db, f->receptionist, &w, 1, NULL, NULL, &error));
  g_assert_no_error (error);

  /* ...but may not record Y codes for a group: that is a bulk mark. */
  g_assert_false (att_role_can (ATT_ROLE_RECEPTIONIST, ATT_PERM_BULK_MARK));
  g_assert_false (att_register_fill (db, f->receptionist, pupils, 2, sessions, 1, ATT_CODE_Y2,
                                     "Snow: buses cancelled", NULL, &written, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpuint (written, ==, 0);
  g_assert_cmpint (att_register_code (db, f->amy, D (2024, 9, 11), ATT_SESSION_AM), ==, ATT_CODE_NONE);

  /* An officer may, but only with a reason, kept as each mark's comment. */
  g_assert_false (att_register_fill (db, f->officer, pupils, 2, sessions, 1, ATT_CODE_Y2,
                                     "  ", NULL, &written, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_true (att_register_fill (db, f->officer, pupils, 2, sessions, 1, ATT_CODE_Y2,
                                    "Snow: buses cancelled", NULL, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 2);
  {
    AttMark mark = { 0, };
    g_assert_true (att_register_get_mark (db, f->ben, D (2024, 9, 11), ATT_SESSION_AM, &mark, &error));
    g_assert_cmpint (mark.code, ==, ATT_CODE_Y2);
    g_assert_cmpstr (mark.comment, ==, "Snow: buses cancelled");
    att_mark_clear (&mark);
  }

  /* '#' is never written: closures come from the calendar. */
  g_assert_false (att_register_fill (db, f->officer, pupils, 2, sessions, 1, ATT_CODE_CLOSED,
                                     "Snow", NULL, &written, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
}

static void
test_mark_all_present (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttRegisterUndo) undo = att_register_undo_new ();
  AttDb *db = f->t->db;
  gint64 group[] = { f->amy, f->ben, f->dan };
  guint written = 0;

  /* Monday morning: Amy is already I; Dan was not on roll; so only Ben's
   * blank cell is filled. */
  write_one (f, f->amy, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_I, NULL);
  g_assert_true (att_register_mark_all_present (db, f->receptionist, group, 3, D (2024, 9, 9),
                                                ATT_SESSION_AM, undo, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 1);
  g_assert_cmpint (att_register_code (db, f->amy, D (2024, 9, 9), ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_cmpint (att_register_code (db, f->ben, D (2024, 9, 9), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_register_code (db, f->dan, D (2024, 9, 9), ATT_SESSION_AM), ==, ATT_CODE_NONE);

  /* In the afternoon, present is '\'. */
  g_assert_true (att_register_mark_all_present (db, f->receptionist, group, 3, D (2024, 9, 10),
                                                ATT_SESSION_PM, undo, &written, &error));
  g_assert_cmpuint (written, ==, 3);
  g_assert_cmpint (att_register_code (db, f->dan, D (2024, 9, 10), ATT_SESSION_PM), ==, ATT_CODE_PRESENT_PM);

  /* A second time there is nothing blank left. */
  g_assert_true (att_register_mark_all_present (db, f->receptionist, group, 3, D (2024, 9, 10),
                                                ATT_SESSION_PM, undo, &written, &error));
  g_assert_cmpuint (written, ==, 0);

  /* Not on a closed day. */
  g_assert_false (att_register_mark_all_present (db, f->receptionist, group, 3, D (2024, 9, 13),
                                                 ATT_SESSION_AM, undo, &written, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
}

static void
test_fill_trip (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttRegisterUndo) undo = att_register_undo_new ();
  g_autoptr(GPtrArray) history = NULL;
  AttDb *db = f->t->db;
  gint64 pupils[] = { f->amy, f->ben };
  AttRegisterSession sessions[] = {
    { D (2024, 9, 11), ATT_SESSION_AM },
    { D (2024, 9, 11), ATT_SESSION_PM },
    { D (2024, 9, 13), ATT_SESSION_AM },   /* the INSET day: skipped */
  };
  guint written = 0, skipped = 0;

  /* Amy was marked present on Wednesday morning before the trip was
   * entered: changing that mark needs a reason, and without one nothing
   * at all is written. */
  write_one (f, f->amy, D (2024, 9, 11), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  g_assert_false (att_register_fill (db, f->officer, pupils, 2, sessions, 3, ATT_CODE_V,
                                     NULL, undo, &written, &skipped, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Amy"));
  g_assert_nonnull (strstr (error->message, "A reason is needed to change a saved mark"));
  g_clear_error (&error);
  g_assert_cmpint (att_register_code (db, f->ben, D (2024, 9, 11), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_false (att_register_undo_can_undo (undo));

  /* With the reason: 2 pupils x 2 school sessions = 4 marks, and the two
   * Friday cells skipped. */
  g_assert_true (att_register_fill (db, f->officer, pupils, 2, sessions, 3, ATT_CODE_V,
                                    "Leave granted", undo, &written, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 4);
  g_assert_cmpuint (skipped, ==, 2);
  for (guint p = 0; p < 2; p++)
    for (int s = 0; s < 2; s++)
      g_assert_cmpint (att_register_code (db, pupils[p], D (2024, 9, 11), s), ==, ATT_CODE_V);

  history = att_register_history (db, f->amy, D (2024, 9, 11), D (2024, 9, 11), &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((AttHistoryEntry *)history->pdata[1])->reason, ==, "Leave granted");
  g_assert_null (((AttHistoryEntry *)history->pdata[2])->reason);

  /* The fill is one step to undo. */
  g_assert_true (att_register_undo_can_undo (undo));
  {
    g_autofree char *what = att_register_undo_describe (undo);
    g_assert_cmpstr (what, ==, "V for 4 sessions");
  }
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttRegisterUndo) undo = att_register_undo_new ();
  g_autoptr(GPtrArray) history = NULL;
  AttDb *db = f->t->db;
  AttMarkWrite w = { f->ben, D (2024, 9, 12), ATT_SESSION_AM, ATT_CODE_N, -1, NULL };
  AttHistoryEntry *last;

  g_assert_false (att_register_undo (undo, db, f->officer, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* N, then amended to I, then the amendment undone: back to N, with a
   * third history row whose reason is "undone". */
  g_assert_true (att_register_write_undoable (db, f->officer, &w, 1, NULL, undo, &error));
  w.code = ATT_CODE_I;
  g_assert_true (att_register_write_undoable (db, f->officer, &w, 1, "Parent phoned with reason", undo, &error));
  g_assert_no_error (error);
  g_assert_true (att_register_undo (undo, db, f->officer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (db, f->ben, D (2024, 9, 12), ATT_SESSION_AM), ==, ATT_CODE_N);

  history = att_register_history (db, f->ben, D (2024, 9, 12), D (2024, 9, 12), &error);
  g_assert_cmpuint (history->len, ==, 3);
  last = g_ptr_array_index (history, 2);
  g_assert_cmpint (last->old_code, ==, ATT_CODE_I);
  g_assert_cmpint (last->new_code, ==, ATT_CODE_N);
  g_assert_cmpstr (last->reason, ==, ATT_REGISTER_REASON_UNDONE);

  /* Undoing the first entry removes the mark, again as an amendment. */
  g_assert_true (att_register_undo (undo, db, f->officer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (db, f->ben, D (2024, 9, 12), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = att_register_history (db, f->ben, D (2024, 9, 12), D (2024, 9, 12), &error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_cmpstr (((AttHistoryEntry *)history->pdata[3])->reason, ==, "undone");
  g_assert_false (att_register_undo_can_undo (undo));

  /* A mark changed since (by someone else) is never overwritten by undo. */
  w.code = ATT_CODE_PRESENT_AM;
  g_assert_true (att_register_write_undoable (db, f->officer, &w, 1, NULL, undo, &error));
  g_assert_no_error (error);
  {
    AttMarkWrite other = w;
    other.code = ATT_CODE_L;
    /* The receptionist, the same day, as the pupil signs in late. */
    g_setenv ("ATTENDANCE_TODAY", "2024-09-12", TRUE);
    g_assert_true (att_register_write_undoable (db, f->receptionist, &other, 1, "Pupil arrived late", NULL, &error));
    g_unsetenv ("ATTENDANCE_TODAY");
  }
  g_assert_false (att_register_undo (undo, db, f->officer, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_cmpint (att_register_code (db, f->ben, D (2024, 9, 12), ATT_SESSION_AM), ==, ATT_CODE_L);
}

static void
test_completeness (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GArray) still_n = NULL;
  AttDb *db = f->t->db;
  AttRegisterStatus *status;

  /* Tuesday 10th morning: in 7A only Amy is marked (3 on roll, Dan
   * included from that day); 7B and RA have nothing. */
  write_one (f, f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  missing = att_register_incomplete (db, D (2024, 9, 10), ATT_SESSION_AM, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 3);
  status = g_ptr_array_index (missing, 0);
  g_assert_cmpstr (status->group, ==, "RA");
  status = g_ptr_array_index (missing, 1);
  g_assert_cmpstr (status->group, ==, "7A");
  g_assert_cmpuint (status->on_roll, ==, 3);
  g_assert_cmpuint (status->marked, ==, 1);

  /* Completing 7A (Ben N, Dan present) takes it off the list. */
  write_one (f, f->ben, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_N, NULL);
  write_one (f, f->dan, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL);
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = att_register_incomplete (db, D (2024, 9, 10), ATT_SESSION_AM, &error);
  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_cmpstr (((AttRegisterStatus *)missing->pdata[0])->group, ==, "RA");
  g_assert_cmpstr (((AttRegisterStatus *)missing->pdata[1])->group, ==, "7B");

  /* No register on a closed day. */
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = att_register_incomplete (db, D (2024, 9, 13), ATT_SESSION_AM, &error);
  g_assert_cmpuint (missing->len, ==, 0);

  /* Ben is N. The morning register closes at 09:00: at 08:59 on the day
   * he is not listed yet, at 09:00 he is; on a later day he is too. */
  still_n = att_register_still_n (db, D (2024, 9, 10), ATT_SESSION_AM, D (2024, 9, 10), 8 * 60 + 59, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (still_n->len, ==, 0);
  g_clear_pointer (&still_n, g_array_unref);
  still_n = att_register_still_n (db, D (2024, 9, 10), ATT_SESSION_AM, D (2024, 9, 10), 9 * 60, &error);
  g_assert_cmpuint (still_n->len, ==, 1);
  g_assert_cmpint (g_array_index (still_n, gint64, 0), ==, f->ben);
  g_clear_pointer (&still_n, g_array_unref);
  still_n = att_register_still_n (db, D (2024, 9, 10), ATT_SESSION_AM, D (2024, 9, 11), 8 * 60, &error);
  g_assert_cmpuint (still_n->len, ==, 1);
}

static void
test_late (Fixture       *f,
           gconstpointer  data)
{
  AttDb *db = f->t->db;
  int minutes = -1;

  /* Morning register 08:40 to 09:00. At 08:52: L, 12 minutes late. */
  g_assert_cmpint (att_register_late_code (db, ATT_SESSION_AM, 8 * 60 + 52, &minutes), ==, ATT_CODE_L);
  g_assert_cmpint (minutes, ==, 12);
  /* At 09:05 the register has closed: U, 25 minutes after it opened. */
  g_assert_cmpint (att_register_late_code (db, ATT_SESSION_AM, 9 * 60 + 5, &minutes), ==, ATT_CODE_U);
  g_assert_cmpint (minutes, ==, 25);
  /* Before it opens: L with 0 minutes. */
  g_assert_cmpint (att_register_late_code (db, ATT_SESSION_AM, 8 * 60 + 30, &minutes), ==, ATT_CODE_L);
  g_assert_cmpint (minutes, ==, 0);
  /* Afternoon 13:15 to 13:30: at 13:29 still L (14 minutes). */
  g_assert_cmpint (att_register_late_code (db, ATT_SESSION_PM, 13 * 60 + 29, &minutes), ==, ATT_CODE_L);
  g_assert_cmpint (minutes, ==, 14);

  g_assert_false (att_register_closed (db, D (2024, 9, 10), ATT_SESSION_PM, D (2024, 9, 10), 13 * 60 + 29));
  g_assert_true (att_register_closed (db, D (2024, 9, 10), ATT_SESSION_PM, D (2024, 9, 10), 13 * 60 + 30));
  g_assert_true (att_register_closed (db, D (2024, 9, 9), ATT_SESSION_PM, D (2024, 9, 10), 0));
  g_assert_false (att_register_closed (db, D (2024, 9, 11), ATT_SESSION_AM, D (2024, 9, 10), 23 * 60));

  /* The common reasons offered for an amendment. */
  g_assert_cmpuint (g_strv_length ((char **)att_grid_amend_reasons ()), ==, 5);
  g_assert_cmpstr (att_grid_amend_reasons ()[2], ==, "Entered in error");
}

static void
test_closure (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttDb *db = f->t->db;
  AttCalendar *calendar;

  /* A closure over a marked session is refused, and nothing changes:
   * Amy is marked on Monday 16th in the morning (a trip planned ahead). */
  write_one (f, f->amy, D (2024, 9, 16), ATT_SESSION_AM, ATT_CODE_V, NULL);
  g_assert_false (att_grid_add_closure (db, f->officer, D (2024, 9, 16), D (2024, 9, 17), -1,
                                        "INSET day", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_true (att_calendar_is_school_session (att_db_get_calendar (db), D (2024, 9, 17),
                                                 ATT_SESSION_AM));

  /* Only the afternoon: nobody is marked then. A reason is needed, and
   * the right to change the calendar (a receptionist has not). */
  g_assert_false (att_grid_add_closure (db, f->officer, D (2024, 9, 16), D (2024, 9, 16),
                                        ATT_SESSION_PM, "", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_false (att_grid_add_closure (db, f->receptionist, D (2024, 9, 16), D (2024, 9, 16),
                                        ATT_SESSION_PM, "Polling station", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (att_grid_add_closure (db, f->officer, D (2024, 9, 16), D (2024, 9, 16),
                                       ATT_SESSION_PM, "Polling station", &error));
  g_assert_no_error (error);

  /* The grid shows '#' for everyone that afternoon, from the calendar. */
  calendar = att_db_get_calendar (db);
  g_assert_false (att_calendar_is_school_session (calendar, D (2024, 9, 16), ATT_SESSION_PM));
  g_assert_true (att_calendar_is_school_session (calendar, D (2024, 9, 16), ATT_SESSION_AM));
  {
    g_autoptr(AttGrid) grid = att_grid_new (db, NULL, D (2024, 9, 16), D (2024, 9, 16), &error);
    g_assert_no_error (error);
    for (guint r = 0; r < att_grid_get_n_rows (grid); r++)
      g_assert_cmpint (att_grid_get_code (grid, r, 1), ==, ATT_CODE_CLOSED);
    g_assert_cmpint (att_grid_get_code (grid, att_grid_find_row (grid, f->amy), 0), ==,
                     ATT_CODE_V);
  }
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *n)
{
  (*n)++;
}

/* Another week of the same pupils keeps the row objects (a list view then
 * keeps its row widgets); other pupils replace them. */
static void
test_model_keeps_rows (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) school = att_grid_filter_new ();
  g_autoptr(AttGridFilter) a = att_grid_filter_new_group ("7A");
  g_autoptr(AttRegisterModel) model = att_register_model_new ();
  g_autoptr(AttGrid) week1 = att_grid_new (f->t->db, school, D (2024, 9, 16), D (2024, 9, 20), &error);
  g_autoptr(AttGrid) week2 = att_grid_new (f->t->db, school, D (2024, 9, 23), D (2024, 9, 27), &error);
  g_autoptr(AttGrid) group = att_grid_new (f->t->db, a, D (2024, 9, 23), D (2024, 9, 27), &error);
  g_autoptr(AttRegisterRow) first = NULL;
  g_autoptr(AttRegisterRow) again = NULL;
  g_autoptr(AttRegisterRow) other = NULL;
  guint n_changes = 0;

  g_assert_no_error (error);
  att_register_model_set_grid (model, week1);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes), &n_changes);
  /* The whole school: the five pupils of the fixture, Amy first. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  att_register_row_set_cursor (first, 3, NULL);

  /* The next week: the same five pupils, the same row object, now over
   * the new grid, with no cursor left on it and no change to the list. */
  att_register_model_set_grid (model, week2);
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (again == first);
  g_assert_true (att_register_row_get_grid (again) == week2);
  g_assert_cmpint (att_register_row_get_cursor (again), ==, -1);
  g_assert_cmpuint (n_changes, ==, 0);

  /* 7A alone (three pupils): the list changes once, with new rows. */
  att_register_model_set_grid (model, group);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  other = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (other != first);
  g_assert_true (att_register_row_get_grid (other) == group);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/register-grid/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("filters", test_filters);
  ADD ("groups", test_groups);
  ADD ("snapshot", test_snapshot);
  ADD ("rules", test_rules);
  ADD ("roles", test_roles);
  ADD ("mark-all-present", test_mark_all_present);
  ADD ("fill-trip", test_fill_trip);
  ADD ("undo", test_undo);
  ADD ("completeness", test_completeness);
  ADD ("late", test_late);
  ADD ("closure", test_closure);
  ADD ("model-keeps-rows", test_model_keeps_rows);
#undef ADD

  return g_test_run ();
}
