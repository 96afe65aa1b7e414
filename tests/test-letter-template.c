/* test-letter-template.c: letter templates, merge fields and merging
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-letter-template.h"
#include "att-letters.h"
#include "att-test-util.h"

static AttLetterText *
merge (const char             *subject,
       const char             *body,
       const AttLetterValues  *values,
       GError                **error)
{
  g_autoptr(AttLetterTemplate) tmpl = att_letter_template_new ("test-letter", 1, subject, body);

  return att_letter_template_merge (tmpl, values, error);
}

static AttLetterBlock *
block (AttLetterText *text,
       guint          i)
{
  g_assert_cmpuint (i, <, text->blocks->len);
  return g_ptr_array_index (text->blocks, i);
}

/* A merge worked by hand: the subject and three paragraphs, a field
 * used twice, a line break kept inside a paragraph, escaped braces, and
 * the paragraph that is empty once merged left out. */
static void
test_merge (void)
{
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(AttLetterText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;

  att_letter_values_set (values, "pupil.forename", "Amira");
  att_letter_values_set (values, "pupil.surname", "Khan");
  att_letter_values_set (values, "recipient.salutation", "Dear Mrs and Mr Khan");
  att_letter_values_set (values, "figures.attendance", "91.2%");
  att_letter_values_set (values, "figures.period", "Monday 1 September 2025 to Friday 14 November 2025");
  att_letter_values_set (values, "meeting.place", "");

  text = merge ("Attendance of {pupil.forename} {pupil.surname}",
                "{recipient.salutation},\n"
                "\n"
                "{pupil.forename}'s attendance over {figures.period} is {figures.attendance}.   \n"
                "We write {{so}} that {pupil.forename} is not missed.\n"
                "\n\n   \n"
                "{meeting.place}\n"
                "\n"
                "With best wishes",
                values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text->template_name, ==, "test-letter");
  g_assert_cmpuint (text->template_version, ==, 1);
  g_assert_cmpstr (text->subject, ==, "Attendance of Amira Khan");
  /* Three paragraphs: the greeting, the two lines kept as two, and the
   * closing; {meeting.place} is empty and its paragraph goes. */
  g_assert_cmpuint (text->blocks->len, ==, 3);
  g_assert_cmpint (block (text, 0)->kind, ==, ATT_LETTER_BLOCK_PARAGRAPH);
  g_assert_cmpstr (block (text, 0)->text, ==, "Dear Mrs and Mr Khan,");
  g_assert_cmpstr (block (text, 1)->text, ==,
                   "Amira's attendance over Monday 1 September 2025 to Friday 14 November 2025 "
                   "is 91.2%.\nWe write {so} that Amira is not missed.");
  g_assert_cmpstr (block (text, 2)->text, ==, "With best wishes");
  g_assert_cmpuint (text->rows->len, ==, 0);

  plain = att_letter_text_to_plain (text);
  g_assert_cmpstr (plain, ==,
                   "Attendance of Amira Khan\n\nDear Mrs and Mr Khan,\n\n"
                   "Amira's attendance over Monday 1 September 2025 to Friday 14 November 2025 "
                   "is 91.2%.\nWe write {so} that Amira is not missed.\n\nWith best wishes");
}

/* The table of dates and codes stands in its own paragraph and carries
 * the rows; with no rows it is left out. */
static void
test_table (void)
{
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(AttLetterText) text = NULL;
  g_autoptr(AttLetterText) empty = NULL;
  g_autoptr(GError) error = NULL;
  AttLetterRow *row;
  const char *body = "Before\n\n  {absences.table}  \n\nAfter";

  att_letter_values_set (values, "absences.table", "");
  empty = merge ("Absences", body, values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->blocks->len, ==, 2);

  att_letter_values_add_row (values, D (2025, 11, 3), ATT_SESSION_AM, "O", "Unauthorised");
  att_letter_values_add_row (values, D (2025, 11, 3), ATT_SESSION_PM, "O", "Unauthorised");
  text = merge ("Absences", body, values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (text->blocks->len, ==, 3);
  g_assert_cmpint (block (text, 1)->kind, ==, ATT_LETTER_BLOCK_TABLE);
  g_assert_null (block (text, 1)->text);
  g_assert_cmpuint (text->rows->len, ==, 2);
  row = g_ptr_array_index (text->rows, 1);
  g_assert_cmpint (row->date, ==, D (2025, 11, 3));
  g_assert_cmpint (row->session, ==, ATT_SESSION_PM);
  g_assert_cmpstr (row->code, ==, "O");
}

static void
assert_refused (const char *name,
                guint       version,
                const char *subject,
                const char *body,
                const char *expected)
{
  g_autoptr(AttLetterTemplate) tmpl = att_letter_template_new (name, version, subject, body);
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_false (att_letter_template_check (tmpl, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  g_clear_error (&error);

  /* Merging and listing refuse it alike. */
  g_assert_null (att_letter_template_merge (tmpl, values, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);
  fields = att_letter_template_list_fields (tmpl, &error);
  g_assert_null (fields);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

/* Every way a template is refused, each naming what is wrong and where. */
static void
test_errors (void)
{
  /* The unknown field, named with its line: the body's line 3. */
  assert_refused ("concern", 1, "About {pupil.forename}",
                  "Dear parent,\n\nWe write about {pupil.forname}.",
                  "Line 3 of the letter “concern” uses {pupil.forname}, which is not a field");
  /* In the subject. */
  assert_refused ("concern", 1, "About {pupil.firstname}", "Text",
                  "The subject of the letter “concern” uses {pupil.firstname}");
  /* A field on the second line of a paragraph that starts on line 1. */
  assert_refused ("concern", 1, "About", "One\nTwo {school.nam}",
                  "Line 2 of the letter “concern” uses {school.nam}");
  /* Braces. */
  assert_refused ("concern", 1, "About", "A brace { that is open",
                  "Line 1 of the letter “concern” opens a field with “{”");
  assert_refused ("concern", 1, "About", "Line\n\nA brace } alone",
                  "Line 3 of the letter “concern” has a “}” that closes no field");
  assert_refused ("concern", 1, "About", "A field {pupil.\nforename} across lines",
                  "opens a field");
  assert_refused ("concern", 1, "About", "An {} empty field", "has {}, which is not a field");
  assert_refused ("concern", 1, "About", "A {forename} without group",
                  "has {forename}, which is not a field");
  /* Tables. */
  assert_refused ("concern", 1, "About", "Here: {absences.table}",
                  "Line 1 of the letter “concern” uses {absences.table}, a table, inside other text");
  assert_refused ("concern", 1, "Dates {absences.table}", "Text",
                  "uses {absences.table}, a table, which only the body");
  /* The template itself. */
  assert_refused ("", 1, "About", "Text", "is not a name for a letter");
  assert_refused ("leave agreed", 1, "About", "Text", "“leave agreed” is not a name for a letter");
  assert_refused ("concern", 0, "About", "Text", "has version 0");
  assert_refused ("concern", 1, "  ", "Text", "has no subject line");
  assert_refused ("concern", 1, "Two\nlines", "Text", "takes more than one line");
  assert_refused ("concern", 1, "About", " \n\n ", "has no text");
}

/* A known field with no value is refused at the merge, naming it; a
 * template that checks well lists its fields once each, subject first. */
static void
test_missing_value (void)
{
  g_autoptr(AttLetterTemplate) tmpl =
    att_letter_template_new ("leave-agreed", 3, "Leave for {pupil.name}",
                             "{pupil.name} is back on {leave.return_date}.\n\n{pupil.name}");
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(AttLetterText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (att_letter_template_check (tmpl, &error));
  g_assert_no_error (error);
  fields = att_letter_template_list_fields (tmpl, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_cmpstr (fields[0], ==, "pupil.name");
  g_assert_cmpstr (fields[1], ==, "leave.return_date");

  att_letter_values_set (values, "pupil.name", "Amira Khan");
  g_assert_null (att_letter_template_merge (tmpl, values, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The letter “leave-agreed” needs {leave.return_date}, which has no value for this letter");
  g_clear_error (&error);

  att_letter_values_set_date (values, "leave.return_date", D (2026, 3, 16));
  text = att_letter_template_merge (tmpl, values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (text->template_version, ==, 3);
  /* 16 March 2026 is a Monday. */
  g_assert_cmpstr (block (text, 0)->text, ==, "Amira Khan is back on Monday 16 March 2026.");
}

/* Fields a module registers are known from then on; a name already
 * taken by a field of another kind, and a malformed name, are refused. */
static void
test_register (void)
{
  g_autoptr(AttLetterTemplate) tmpl =
    att_letter_template_new ("casework", 1, "Meeting", "We agreed: {contract.target}.");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  const AttLetterField *field;
  guint before;

  fields = att_letter_fields ();
  before = fields->len;
  g_assert_null (att_letter_field_lookup ("contract.target"));
  g_assert_false (att_letter_template_check (tmpl, &error));
  g_assert_nonnull (strstr (error->message, "{contract.target}"));
  g_clear_error (&error);

  g_assert_true (att_letter_field_register ("contract.target", "The target agreed",
                                            ATT_LETTER_FIELD_TEXT, &error));
  g_assert_no_error (error);
  /* Again, the same: allowed. */
  g_assert_true (att_letter_field_register ("contract.target", "The target agreed",
                                            ATT_LETTER_FIELD_TEXT, &error));
  g_assert_true (att_letter_template_check (tmpl, &error));
  field = att_letter_field_lookup ("contract.target");
  g_assert_cmpstr (field->description, ==, "The target agreed");

  g_assert_false (att_letter_field_register ("contract.target", "A table",
                                             ATT_LETTER_FIELD_TABLE, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (att_letter_field_register ("pupil.forename", "A table",
                                             ATT_LETTER_FIELD_TABLE, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (att_letter_field_register ("target", "No group", ATT_LETTER_FIELD_TEXT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_letter_field_register ("contract.", "No name", ATT_LETTER_FIELD_TEXT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&fields, g_ptr_array_unref);
  fields = att_letter_fields ();
  g_assert_cmpuint (fields->len, ==, before + 1);
  /* Sorted by name. */
  for (guint i = 1; i < fields->len; i++)
    g_assert_cmpint (strcmp (((AttLetterField *)g_ptr_array_index (fields, i - 1))->name,
                             ((AttLetterField *)g_ptr_array_index (fields, i))->name), <, 0);
}

/* The fields issue 12 and the leave letters need are all built in. */
static void
test_builtin_fields (void)
{
  const char *needed[] = {
    "pupil.forename", "pupil.legal_forename", "pupil.legal_surname", "pupil.name",
    "recipient.title", "recipient.salutation", "recipient.address", "pronoun.they",
    "pronoun.Their", "school.name", "figures.attendance", "figures.period",
    "rolling.sessions", "absences.table", "absences.list", "meeting.date", "meeting.time",
    "meeting.place", "signatory.name", "signatory.role", "leave.first_date",
    "leave.last_date", "leave.sessions_agreed", "leave.sessions_refused", "leave.type",
    "leave.decision_reason", "letter.date",
  };

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    if (att_letter_field_lookup (needed[i]) == NULL)
      g_error ("{%s} is not a field", needed[i]);
  g_assert_cmpint (att_letter_field_lookup ("absences.table")->kind, ==, ATT_LETTER_FIELD_TABLE);
  g_assert_cmpint (att_letter_field_lookup ("absences.list")->kind, ==, ATT_LETTER_FIELD_TEXT);
}

/* The values read from the records: a pupil's names and pronouns, the
 * figures of a period and the absences in it, and the rolling window. */
static void
test_values_from_records (void)
{
  AttTestSchool s;
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(AttLetterValues) copy = NULL;
  g_autoptr(GError) error = NULL;
  AttPupil *pupil;
  gint64 id;
  AttMarkWrite writes[20];
  guint n = 0;
  GPtrArray *rows;

  att_test_school_init (&s);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  id = att_test_school_add_pupil (&s, "Amira", "Khan", D (2012, 10, 1));
  {
    AttPupil *copy_pupil = att_pupil_copy (att_pupils_get (s.db, id));

    g_free (copy_pupil->preferred_forename);
    copy_pupil->preferred_forename = g_strdup ("Amy");
    g_assert_true (att_pupils_save (s.db, att_user_system (), copy_pupil, &error) == id);
    g_assert_no_error (error);
    g_object_unref (copy_pupil);
  }
  /* Monday 2 to Friday 6 September 2024, 10 sessions: present but for
   * Tuesday's two (I, authorised) and Thursday morning (O). */
  for (AttDate d = D (2024, 9, 2); d <= D (2024, 9, 6); d++)
    for (int session = 0; session < 2; session++)
      {
        AttCode code = ATT_CODE_PRESENT_AM;

        if (session == 1)
          code = ATT_CODE_PRESENT_PM;
        if (d == D (2024, 9, 3))
          code = att_code_lookup ("I");
        if (d == D (2024, 9, 5) && session == 0)
          code = att_code_lookup ("O");
        writes[n++] = (AttMarkWrite) { id, d, session, code, -1, NULL };
      }
  g_assert_true (att_register_write (s.db, s.officer, writes, n, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  pupil = att_pupils_get (s.db, id);
  att_letter_values_set_pupil (values, pupil);
  g_assert_cmpstr (att_letter_values_get (values, "pupil.forename"), ==, "Amy");
  g_assert_cmpstr (att_letter_values_get (values, "pupil.legal_forename"), ==, "Amira");
  g_assert_cmpstr (att_letter_values_get (values, "pupil.legal_name"), ==, "Amira Khan");
  g_assert_cmpstr (att_letter_values_get (values, "pupil.name"), ==, "Amy Khan");
  g_assert_cmpstr (att_letter_values_get (values, "pupil.year_group"), ==, "Year 7");
  /* The test pupils are female. */
  g_assert_cmpstr (att_letter_values_get (values, "pronoun.They"), ==, "She");
  g_assert_cmpstr (att_letter_values_get (values, "pronoun.their"), ==, "her");

  /* 10 possible, 7 attended, 3 absent (2 authorised, 1 unauthorised):
   * 7 / 10 = 70.0%. */
  g_assert_true (att_letter_values_set_figures (values, s.db, id, D (2024, 9, 2), D (2024, 9, 6),
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpstr (att_letter_values_get (values, "figures.attendance"), ==, "70.0%");
  g_assert_cmpstr (att_letter_values_get (values, "figures.possible"), ==, "10");
  g_assert_cmpstr (att_letter_values_get (values, "figures.absent"), ==, "3");
  g_assert_cmpstr (att_letter_values_get (values, "figures.authorised"), ==, "2");
  g_assert_cmpstr (att_letter_values_get (values, "figures.unauthorised"), ==, "1");
  g_assert_cmpstr (att_letter_values_get (values, "figures.period"), ==,
                   "Monday 2 September 2024 to Friday 6 September 2024");

  /* The absences: Tuesday am and pm (I), Thursday am (O). */
  g_assert_true (att_letter_values_set_absences (values, s.db, id, D (2024, 9, 2), D (2024, 9, 6),
                                                 &error));
  g_assert_no_error (error);
  rows = att_letter_values_get_rows (values);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((AttLetterRow *)g_ptr_array_index (rows, 0))->code, ==, "I");
  g_assert_cmpint (((AttLetterRow *)g_ptr_array_index (rows, 2))->date, ==, D (2024, 9, 5));
  g_assert_cmpstr (((AttLetterRow *)g_ptr_array_index (rows, 2))->code, ==, "O");
  g_assert_nonnull (strstr (att_letter_values_get (values, "absences.list"), "(O)"));

  /* The rolling window up to Friday 13 September: the one O. */
  g_assert_true (att_letter_values_set_rolling (values, s.db, id, D (2024, 9, 13), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (att_letter_values_get (values, "rolling.sessions"), ==, "1");

  copy = att_letter_values_copy (values);
  g_assert_cmpstr (att_letter_values_get (copy, "pupil.name"), ==, "Amy Khan");
  g_assert_cmpuint (att_letter_values_get_rows (copy)->len, ==, 3);

  g_unsetenv ("ATTENDANCE_TODAY");
  att_test_school_clear (&s);
}

/* Dates as letters write them; Monday 3 November 2025, and none. */
static void
test_dates (void)
{
  const struct { AttLetterDateStyle style; const char *text; } cases[] = {
    { ATT_LETTER_DATE_LONG, "Monday 3 November 2025" },
    { ATT_LETTER_DATE_HEADING, "3 November 2025" },
    { ATT_LETTER_DATE_SHORT, "Mon 3 Nov 2025" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = att_letter_format_date (D (2025, 11, 3), cases[i].style);
      g_autofree char *none = att_letter_format_date (ATT_DATE_NONE, cases[i].style);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (none, ==, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/letter-template/merge", test_merge);
  g_test_add_func ("/letter-template/table", test_table);
  g_test_add_func ("/letter-template/errors", test_errors);
  g_test_add_func ("/letter-template/missing-value", test_missing_value);
  g_test_add_func ("/letter-template/register", test_register);
  g_test_add_func ("/letter-template/builtin-fields", test_builtin_fields);
  g_test_add_func ("/letter-template/values-from-records", test_values_from_records);
  g_test_add_func ("/letter-template/dates", test_dates);

  return g_test_run ();
}
