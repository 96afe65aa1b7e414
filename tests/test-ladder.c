/* test-ladder.c: the ladder's stages and presets, and the stored
 * templates with their versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

static gint64
count_rows (AttDb      *db,
            const char *sql)
{
  sqlite3_stmt *stmt = att_db_prepare (db, sql, NULL);
  gint64 n = -1;

  g_assert_nonnull (stmt);
  g_assert_true (att_db_query_int (db, stmt, &n, "count", NULL));
  return n;
}

/* Every built-in template passes the check; the text messages are one
 * short paragraph. */
static void
test_builtin_templates (void)
{
  const char * const *names = att_letter_templates_builtin_names ();
  guint n = 0;

  for (guint i = 0; names[i] != NULL; i++, n++)
    {
      g_autoptr(AttLetterTemplate) template = att_letter_templates_builtin (names[i]);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (template);
      g_assert_true (att_letter_template_check (template, &error));
      g_assert_no_error (error);
      g_assert_nonnull (att_letter_templates_describe (names[i]));
      if (att_letter_templates_is_text (names[i]))
        {
          g_assert_null (strstr (att_letter_template_get_body (template), "\n"));
          g_assert_cmpint (g_utf8_strlen (att_letter_template_get_body (template), -1), <, 320);
        }
    }
  /* Our eleven letters, the text, the half-termly report with its five
   * notes, the meeting's outcome letter and the attendance contract, the
   * notice to improve, and the five leave letters: 11 + 1 + 1 + 5 + 2 + 1 + 5 = 26. */
  g_assert_cmpuint (n, ==, 26);
  g_assert_null (att_letter_templates_builtin ("no-such-letter"));
  g_assert_null (att_letter_templates_describe ("no-such-letter"));
}

/* A save adds a version and never changes one; an unknown field is
 * refused naming it; a leave letter is in the same store. */
static void
test_template_versions (void)
{
  AttTestSchool s;
  g_autoptr(AttLetterTemplate) builtin = NULL;
  g_autoptr(AttLetterTemplate) newest = NULL;
  g_autoptr(AttLetterTemplate) old = NULL;
  g_autoptr(AttLetterTemplate) leave = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  char *err = NULL;
  guint version;

  att_test_school_init (&s);
  builtin = att_letter_templates_get (s.db, "concern", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_template_get_version (builtin), ==, 1);

  /* An unknown field, named with its line. */
  version = att_letter_templates_save (s.db, s.officer, "concern", "Attendance",
                                       "Dear parent,\n\n{pupil.forname} missed school.", &error);
  g_assert_cmpuint (version, ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{pupil.forname}"));
  g_assert_nonnull (strstr (error->message, "Line 3"));
  g_clear_error (&error);
  /* A receptionist may not change the wording. */
  g_assert_cmpuint (att_letter_templates_save (s.db, s.receptionist, "concern", "Attendance",
                                               "{pupil.forename}", &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  /* A text message is one paragraph. */
  g_assert_cmpuint (att_letter_templates_save (s.db, s.officer, "attendance-text", "Text",
                                               "{pupil.forename}\n\nSecond paragraph", &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  /* The first save of a built-in template is version 2, the next 3. */
  version = att_letter_templates_save (s.db, s.officer, "concern", "About {pupil.name}",
                                       "{recipient.salutation},\n\nFirst new wording.", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
  version = att_letter_templates_save (s.db, s.officer, "concern", "About {pupil.name}",
                                       "{recipient.salutation},\n\nSecond new wording.", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 3);

  newest = att_letter_templates_get (s.db, "concern", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_template_get_version (newest), ==, 3);
  g_assert_nonnull (strstr (att_letter_template_get_body (newest), "Second new wording"));
  old = att_letter_templates_get_version (s.db, "concern", 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (att_letter_template_get_body (old), "First new wording"));
  g_clear_pointer (&old, att_letter_template_unref);
  old = att_letter_templates_get_version (s.db, "concern", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (att_letter_template_get_body (old), ==, att_letter_template_get_body (builtin));
  g_assert_null (att_letter_templates_get_version (s.db, "concern", 9, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  history = att_letter_templates_history (s.db, "concern", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_null (((AttLetterTemplateVersion *)g_ptr_array_index (history, 0))->who);
  g_assert_cmpstr (((AttLetterTemplateVersion *)g_ptr_array_index (history, 2))->who, ==, "Olive Officer");

  /* Stored versions are never changed nor deleted. */
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db),
                                 "UPDATE letter_templates SET body = 'x'", NULL, NULL, &err), !=, SQLITE_OK);
  sqlite3_free (err);
  g_assert_cmpint (sqlite3_exec (att_db_get_handle (s.db),
                                 "DELETE FROM letter_templates", NULL, NULL, &err), !=, SQLITE_OK);
  sqlite3_free (err);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM audit_log WHERE action = 'letters.template'"), ==, 2);

  /* The leave letters come through the store: built in at their own
   * version, then the school's. */
  leave = att_letter_templates_get (s.db, "leave-agreed", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_template_get_version (leave), ==, 2);
  version = att_letter_templates_save (s.db, s.officer, "leave-agreed", "Leave agreed",
                                       "{recipient.salutation},\n\nAgreed: {leave.agreed_dates}.", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 3);

  list = att_letter_templates_list (s.db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      AttLetterTemplate *template = g_ptr_array_index (list, i);

      if (strcmp (att_letter_template_get_name (template), "concern") == 0)
        g_assert_cmpuint (att_letter_template_get_version (template), ==, 3);
      if (strcmp (att_letter_template_get_name (template), "leave-agreed") == 0)
        g_assert_cmpuint (att_letter_template_get_version (template), ==, 3);
      if (i > 0)
        g_assert_cmpstr (att_letter_template_get_name (g_ptr_array_index (list, i - 1)), <,
                         att_letter_template_get_name (template));
    }
  g_assert_null (att_letter_templates_get (s.db, "no-such-letter", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  att_test_school_clear (&s);
}

/* The half-termly report: figures for the half term and the year, the
 * target and the band's note.
 *   Amira: 17 of 20 attended up to Friday 13 September, 85.0%:
 *   absence 15%, persistently absent. */
static void
test_half_term_report (void)
{
  AttTestSchool s;
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(AttLetterTemplate) report = NULL;
  g_autoptr(AttLetterText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  gint64 id;

  g_assert_cmpint (att_report_band_for (100, 100, 96), ==, ATT_REPORT_BAND_EXCELLENT);
  g_assert_cmpint (att_report_band_for (100, 96, 96), ==, ATT_REPORT_BAND_GOOD);
  g_assert_cmpint (att_report_band_for (100, 95, 96), ==, ATT_REPORT_BAND_BELOW);
  g_assert_cmpint (att_report_band_for (100, 90, 96), ==, ATT_REPORT_BAND_PERSISTENT);
  g_assert_cmpint (att_report_band_for (100, 50, 96), ==, ATT_REPORT_BAND_SEVERE);

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  id = att_test_school_add_pupil (&s, "Amira", "Khan", D (2012, 10, 1));
  for (AttDate d = D (2024, 9, 2); d <= D (2024, 9, 13); d++)
    if (att_date_weekday (d) <= 5)
      for (int session = 0; session < 2; session++)
        {
          gboolean absent = (d == D (2024, 9, 3)) || (d == D (2024, 9, 10) && session == 0);
          AttMarkWrite write = { id, d, session, att_code_lookup (absent ? "O" : "/"), -1, NULL };

          g_assert_true (att_register_write (s.db, s.officer, &write, 1, "test", ATT_WRITE_DEFAULT, &error));
        }
  g_assert_cmpfloat (att_letters_target (s.db), ==, 96.0);
  g_assert_true (att_letter_templates_fill_half_term (s.db, id, D (2024, 9, 13), values, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (att_letter_values_get (values, "figures.attendance"), ==, "85.0%");
  g_assert_cmpstr (att_letter_values_get (values, "year.attended"), ==, "17");
  g_assert_cmpstr (att_letter_values_get (values, "year.possible"), ==, "20");
  g_assert_cmpstr (att_letter_values_get (values, "report.target"), ==, "96%");
  g_assert_cmpstr (att_letter_values_get (values, "report.band"), ==, "Persistent absence");
  g_assert_nonnull (strstr (att_letter_values_get (values, "report.note"), "Amira has missed one session in ten"));

  report = att_letter_templates_get (s.db, "half-term-report", &error);
  g_assert_no_error (error);
  att_letter_values_set (values, "recipient.salutation", "Dear Mrs Khan");
  text = att_letter_template_merge (report, values, &error);
  g_assert_no_error (error);
  plain = att_letter_text_to_plain (text);
  g_assert_nonnull (strstr (plain, "85.0%, 17 of 20 sessions attended"));

  /* The school's own target. */
  {
    g_autoptr(AttUser) head = att_test_add_user (s.db, "Hana Head", ATT_ROLE_HEADTEACHER, NULL);

    g_assert_false (att_letters_set_setting (s.db, head, "letters.target", "120", &error));
    g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (att_letters_set_setting (s.db, head, "letters.target", "95.5", &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (att_letters_target (s.db), ==, 95.5);
    g_assert_true (att_letter_templates_fill_half_term (s.db, id, D (2024, 9, 13), values, &error));
    g_assert_cmpstr (att_letter_values_get (values, "report.target"), ==, "95.5%");
  }
  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* A new school has the DfE ladder; saving checks each field and names
 * it; who may change it; follows, deleting and moving. */
static void
test_ladder_stages (void)
{
  AttTestSchool s;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(AttLadderStage) stage = NULL;
  g_autoptr(AttLadderStage) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  att_test_school_init (&s);
  stages = att_ladder_load (s.db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stages->len, ==, 4);
  g_assert_cmpstr (((AttLadderStage *)g_ptr_array_index (stages, 0))->name, ==, "concern");
  g_assert_cmpstr (((AttLadderStage *)g_ptr_array_index (stages, 3))->name, ==, "formal-warning");
  g_assert_cmpuint (((AttLadderStage *)g_ptr_array_index (stages, 3))->count, ==, 10);
  g_assert_cmpstr (((AttLadderStage *)g_ptr_array_index (stages, 2))->follows, ==, "concern");
  /* Not stored until the school changes it. */
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM ladder_stages"), ==, 0);

  stage = att_ladder_stage_new ();
  stage->name = g_strdup ("reminder");
  stage->title = g_strdup ("A gentle reminder");
  stage->condition = ATT_LADDER_BELOW;
  stage->percent = 0;
  stage->template_name = g_strdup ("early-reminder");
  g_assert_false (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The stage “reminder”: percent: a line from 1 to 100%");
  g_clear_error (&error);
  stage->percent = 97;
  stage->period = ATT_LADDER_PERIOD_WEEKS;
  g_assert_false (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_nonnull (strstr (error->message, "weeks"));
  g_clear_error (&error);
  stage->weeks = 6;
  stage->delivery = ATT_LETTER_TEXT;
  g_assert_false (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_nonnull (strstr (error->message, "template"));
  g_clear_error (&error);
  stage->delivery = ATT_LETTER_POST;
  stage->monitor_weeks = 3;
  g_assert_false (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_nonnull (strstr (error->message, "monitor_percent"));
  g_clear_error (&error);
  stage->monitor_percent = 95;
  stage->meeting_days = 5;
  g_assert_false (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_nonnull (strstr (error->message, "meeting_place"));
  g_clear_error (&error);
  stage->meeting_days = 0;
  /* A wording that invites to a meeting needs the meeting. */
  g_free (stage->template_name);
  stage->template_name = g_strdup ("meeting");
  g_assert_false (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_nonnull (strstr (error->message, "meeting_days"));
  g_clear_error (&error);
  g_free (stage->template_name);
  stage->template_name = g_strdup ("early-reminder");
  stage->follows = g_strdup ("nowhere");
  g_assert_false (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_nonnull (strstr (error->message, "follows"));
  g_clear_error (&error);
  g_free (stage->follows);
  stage->follows = NULL;
  g_free (stage->template_name);
  stage->template_name = g_strdup ("no-such-wording");
  g_assert_false (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_nonnull (strstr (error->message, "no-such-wording"));
  g_clear_error (&error);
  g_free (stage->template_name);
  stage->template_name = g_strdup ("early-reminder");
  /* A receptionist may not. */
  g_assert_false (att_ladder_save_stage (s.db, s.receptionist, stage, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM ladder_stages"), ==, 5);
  back = att_ladder_get (s.db, "reminder", &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->position, ==, 4);
  g_assert_cmpuint (back->weeks, ==, 6);
  g_assert_cmpuint (back->monitor_weeks, ==, 3);
  described = att_ladder_stage_describe_condition (back);
  g_assert_cmpstr (described, ==, "Attendance below 97% the last 6 school weeks");

  /* First in the ladder, then "concern" follows it. */
  g_assert_true (att_ladder_move_stage (s.db, s.officer, "reminder", 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&back, att_ladder_stage_free);
  back = att_ladder_get (s.db, "reminder", &error);
  g_assert_cmpint (back->position, ==, 0);
  g_clear_pointer (&back, att_ladder_stage_free);
  back = att_ladder_get (s.db, "concern", &error);
  back->follows = g_strdup ("reminder");
  g_assert_true (att_ladder_save_stage (s.db, s.officer, back, &error));
  g_assert_no_error (error);
  /* A loop is refused. */
  g_free (stage->follows);
  stage->follows = g_strdup ("meeting");
  g_assert_false (att_ladder_save_stage (s.db, s.officer, stage, &error));
  g_assert_nonnull (strstr (error->message, "come back to it"));
  g_clear_error (&error);
  /* A stage followed cannot go. */
  g_assert_false (att_ladder_delete_stage (s.db, s.officer, "reminder", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "“concern”"));
  g_clear_error (&error);
  g_assert_true (att_ladder_delete_stage (s.db, s.officer, "formal-warning", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM ladder_stages"), ==, 4);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM audit_log WHERE action LIKE 'letters.ladder.%'"),
                   ==, 4);
  att_test_school_clear (&s);
}

/* Every preset's stages pass the checks; applying one replaces the
 * ladder in one step. */
static void
test_presets (void)
{
  AttTestSchool s;
  const char * const *presets = att_ladder_presets ();
  g_autoptr(GError) error = NULL;

  att_test_school_init (&s);
  g_assert_cmpstr (presets[0], ==, "dfe");
  for (guint i = 0; presets[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) stages = att_ladder_preset_stages (presets[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (att_ladder_preset_describe (presets[i]));
      for (guint j = 0; j < stages->len; j++)
        {
          g_assert_true (att_ladder_stage_check (s.db, g_ptr_array_index (stages, j), &error));
          g_assert_no_error (error);
        }
    }
  g_assert_false (att_ladder_apply_preset (s.db, s.officer, "seed-999", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (att_ladder_apply_preset (s.db, s.officer, "texts-first", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) stages = att_ladder_load (s.db, &error);
    AttLadderStage *text = g_ptr_array_index (stages, 0);

    g_assert_cmpuint (stages->len, ==, 4);
    g_assert_cmpint (text->delivery, ==, ATT_LETTER_TEXT);
    g_assert_cmpfloat (text->percent, ==, 93.0);
    g_assert_cmpstr (text->template_name, ==, "attendance-text");
  }
  g_assert_true (att_ladder_apply_preset (s.db, s.officer, "percentage-bands", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (s.db, "SELECT count(*) FROM ladder_stages"), ==, 6);
  att_test_school_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ladder/builtin-templates", test_builtin_templates);
  g_test_add_func ("/ladder/template-versions", test_template_versions);
  g_test_add_func ("/ladder/half-term-report", test_half_term_report);
  g_test_add_func ("/ladder/stages", test_ladder_stages);
  g_test_add_func ("/ladder/presets", test_presets);
  return g_test_run ();
}
