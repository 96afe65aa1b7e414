/* att-import.c: pupils, contacts and marks from the school's MIS
 *
 * Every import reads the whole file and checks every row before it writes
 * anything: a school office fixes a file once, from one list of every
 * problem, rather than one problem per attempt; and a file with any
 * problem changes nothing, so a half-imported file never has to be
 * untangled. The file is read a row at a time (att-import-file.c); this
 * file checks the rows of each kind and writes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-codes.h"
#include "att-csv-private.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-import.h"
#include "att-import-private.h"
#include "att-importer-private.h"
#include "att-pupils-private.h"
#include "att-register.h"
#include "att-users.h"

/* Reports */

void
_att_import_problem_free (AttImportProblem *problem)
{
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

AttImportReport *
att_import_report_new (void)
{
  AttImportReport *report = g_new0 (AttImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)_att_import_problem_free);
  report->notices = g_ptr_array_new_with_free_func ((GDestroyNotify)_att_import_problem_free);
  return report;
}

void
att_import_report_free (AttImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->notices, g_ptr_array_unref);
  g_free (report);
}

char *
att_import_problem_format (const AttImportProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->row > 0 && problem->column != NULL)
    /* Translators: "row 4, dob: “31/02/2015” is not a date" */
    return g_strdup_printf (_("row %u, %s: %s"), problem->row, problem->column,
                            problem->message);
  if (problem->row > 0)
    /* Translators: "row 4: this row has 5 values ..." */
    return g_strdup_printf (_("row %u: %s"), problem->row, problem->message);
  if (problem->column != NULL)
    /* Translators: "column dob: the file does not have this required column" */
    return g_strdup_printf (_("column %s: %s"), problem->column, problem->message);
  return g_strdup (problem->message);
}

/* Values are quoted in messages; a message is cut short so that a huge
 * value can never make a huge message. */
#define MAX_MESSAGE_LENGTH 400

static void
add_item (GPtrArray  *items,
          guint      *more,
          guint       row,
          const char *column,
          const char *message)
{
  AttImportProblem *problem;

  if (items->len >= ATT_IMPORT_MAX_PROBLEMS)
    {
      (*more)++;
      return;
    }

  problem = g_new0 (AttImportProblem, 1);
  problem->row = row;
  problem->column = g_strdup (column);
  if (strlen (message) > MAX_MESSAGE_LENGTH)
    {
      const char *cut = g_utf8_find_prev_char (message, message + MAX_MESSAGE_LENGTH);
      g_autofree char *head = g_strndup (message, cut - message);

      problem->message = g_strconcat (head, "…", NULL);
    }
  else
    problem->message = g_strdup (message);
  g_ptr_array_add (items, problem);
}

char *
att_import_report_format_problems (AttImportReport *report)
{
  GString *list = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->problems->len; i++)
    {
      g_autofree char *text = att_import_problem_format (g_ptr_array_index (report->problems, i));

      if (i > 0)
        g_string_append (list, "; ");
      g_string_append (list, text);
    }
  if (report->more_problems > 0)
    g_string_append_printf (list,
                            /* Translators: after the first 50 problems of a file */
                            g_dngettext (GETTEXT_PACKAGE, "; and %u more problem",
                                         "; and %u more problems", report->more_problems),
                            report->more_problems);
  return g_string_free (list, FALSE);
}

/* The columns of one kind of file */

enum {
  P_UPN, P_SURNAME, P_FORENAME, P_PREF_SURNAME, P_PREF_FORENAME, P_DOB, P_SEX,
  P_YEAR, P_REG_GROUP, P_ADMISSION, P_LEAVING, P_FSM, P_SEN, P_EAL,
  P_LOOKED_AFTER, P_SOCIAL_WORKER, P_YOUNG_CARER, P_MEDICAL,
  P_N_COLUMNS
};

static const AttImportColumn pupil_columns[P_N_COLUMNS] = {
  [P_UPN] = { "upn", NULL, TRUE },
  [P_SURNAME] = { "surname", NULL, TRUE },
  [P_FORENAME] = { "forename", NULL, TRUE },
  [P_PREF_SURNAME] = { "preferred_surname", NULL, FALSE },
  [P_PREF_FORENAME] = { "preferred_forename", NULL, FALSE },
  [P_DOB] = { "dob", "date_of_birth", TRUE },
  [P_SEX] = { "sex", "gender", TRUE },
  [P_YEAR] = { "year_group", NULL, TRUE },
  [P_REG_GROUP] = { "reg_group", NULL, TRUE },
  [P_ADMISSION] = { "admission_date", NULL, TRUE },
  [P_LEAVING] = { "leaving_date", NULL, FALSE },
  [P_FSM] = { "fsm", NULL, FALSE },
  [P_SEN] = { "sen", NULL, FALSE },
  [P_EAL] = { "eal", NULL, FALSE },
  [P_LOOKED_AFTER] = { "looked_after", NULL, FALSE },
  [P_SOCIAL_WORKER] = { "social_worker", NULL, FALSE },
  [P_YOUNG_CARER] = { "young_carer", NULL, FALSE },
  [P_MEDICAL] = { "medical_note", NULL, FALSE },
};

enum {
  C_UPN, C_PRIORITY, C_TITLE, C_FORENAME, C_SURNAME, C_RELATIONSHIP,
  C_PARENTAL, C_LIVES_WITH, C_LETTERS, C_PHONE_HOME, C_PHONE_MOBILE,
  C_PHONE_WORK, C_EMAIL, C_ADDRESS_1, C_ADDRESS_2, C_TOWN, C_POSTCODE,
  C_N_COLUMNS
};

static const AttImportColumn contact_columns[C_N_COLUMNS] = {
  [C_UPN] = { "upn", NULL, TRUE },
  [C_PRIORITY] = { "priority", NULL, TRUE },
  [C_TITLE] = { "title", NULL, FALSE },
  [C_FORENAME] = { "forename", NULL, FALSE },
  [C_SURNAME] = { "surname", NULL, TRUE },
  [C_RELATIONSHIP] = { "relationship", NULL, TRUE },
  [C_PARENTAL] = { "parental_responsibility", NULL, FALSE },
  [C_LIVES_WITH] = { "lives_with", NULL, FALSE },
  [C_LETTERS] = { "receives_letters", NULL, FALSE },
  [C_PHONE_HOME] = { "phone_home", NULL, FALSE },
  [C_PHONE_MOBILE] = { "phone_mobile", NULL, FALSE },
  [C_PHONE_WORK] = { "phone_work", NULL, FALSE },
  [C_EMAIL] = { "email", NULL, FALSE },
  [C_ADDRESS_1] = { "address_1", NULL, FALSE },
  [C_ADDRESS_2] = { "address_2", NULL, FALSE },
  [C_TOWN] = { "town", NULL, FALSE },
  [C_POSTCODE] = { "postcode", NULL, FALSE },
};

enum {
  M_UPN, M_DATE, M_SESSION, M_CODE, M_MINUTES, M_COMMENT,
  M_N_COLUMNS
};

static const AttImportColumn mark_columns[M_N_COLUMNS] = {
  [M_UPN] = { "upn", NULL, TRUE },
  [M_DATE] = { "date", NULL, TRUE },
  [M_SESSION] = { "session", NULL, TRUE },
  [M_CODE] = { "code", NULL, TRUE },
  [M_MINUTES] = { "minutes_late", NULL, FALSE },
  [M_COMMENT] = { "comment", NULL, FALSE },
};

/* The largest schools in England have about 4,000 pupils; a file of
 * pupils may hold leavers too. */
#define MAX_PUPIL_ROWS 20000
/* Five contacts for each of those pupils. */
#define MAX_CONTACT_ROWS 100000
/* A school year of marks (190 days, 2 sessions) for 2,600 pupils. */
#define MAX_MARK_ROWS 1000000

static const AttImportKind pupil_kind = {
  pupil_columns, P_N_COLUMNS, MAX_PUPIL_ROWS,
  N_("the file has more than 20,000 rows, more than any school has pupils: is it the right file?"),
};

static const AttImportKind contact_kind = {
  contact_columns, C_N_COLUMNS, MAX_CONTACT_ROWS,
  N_("the file has more than 100,000 rows, more than five contacts for each pupil of the largest school: is it the right file?"),
};

static const AttImportKind mark_kind = {
  mark_columns, M_N_COLUMNS, MAX_MARK_ROWS,
  N_("the file has more than 1,000,000 rows, the most a marks file may have (a school year of marks for 2,600 pupils): export the marks a term at a time and import each file"),
};

const AttImportKind *
_att_import_kind (AttImportType type)
{
  switch (type)
    {
    case ATT_IMPORT_PUPILS:
      return &pupil_kind;
    case ATT_IMPORT_CONTACTS:
      return &contact_kind;
    case ATT_IMPORT_MARKS:
      return &mark_kind;
    case ATT_IMPORT_N_TYPES:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
_att_importer_progress (AttImporter *imp,
                        double       fraction)
{
  /* Without writing, the checks are the whole of it; otherwise half. */
  if (imp->options->progress != NULL)
    imp->options->progress (imp->options->dry_run ? fraction : fraction / 2,
                            imp->options->progress_data);
}

void
_att_importer_problem (AttImporter *imp,
                       const char  *column,
                       const char  *message)
{
  add_item (imp->report->problems, &imp->report->more_problems, imp->line, column, message);
  imp->row_problems++;
  /* A previewed row keeps all of its own problems, whatever the report
   * had room for. */
  if (imp->preview_row != NULL && imp->preview_row->row == imp->line)
    {
      guint more = 0;

      add_item (imp->preview_row->problems, &more, imp->line, column, message);
    }
}

void
_att_importer_problemf (AttImporter *imp,
                        const char  *column,
                        const char  *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  _att_importer_problem (imp, column, message);
}

static void
problem_from_error (AttImporter *imp,
                    const char  *column,
                    GError      *error)
{
  _att_importer_problem (imp, column, error->message);
}

void
_att_importer_notice (AttImporter *imp,
                      guint        line,
                      const char  *column,
                      const char  *message)
{
  add_item (imp->report->notices, &imp->report->more_notices, line, column, message);
}

/* Counts a row that was read without problems: TRUE when it changes
 * something and is kept. */
static gboolean
importer_count (AttImporter *imp,
                gboolean     is_new,
                gboolean     unchanged)
{
  if (is_new)
    imp->report->added++;
  else if (unchanged)
    {
      imp->report->unchanged++;
      return FALSE;
    }
  else
    imp->report->updated++;
  return TRUE;
}

/* Whether the file has the column at all. */
static gboolean
has_column (AttImporter *imp,
            guint        spec)
{
  return imp->columns[spec] >= 0;
}

/* The trimmed value of a column in the current row; "" when the column is
 * missing or the row is short. */
static const char *
value (AttImporter *imp,
       guint        spec,
       char       **storage)
{
  int column = imp->columns[spec];
  const char *text;

  if (column < 0 || (guint)column >= imp->row->len)
    return "";
  text = att_csv_unprotect (g_ptr_array_index (imp->row, column));
  g_free (*storage);
  *storage = g_strstrip (g_strdup (text));
  return *storage;
}

#define VALUE(imp, spec) (value ((imp), (spec), &scratch[(spec)]))

static char *
nullable (const char *text)
{
  return *text == '\0' ? NULL : g_strdup (text);
}

static gboolean
texts_equal (const char *a,
             const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

static void
free_scratch (char **scratch,
              guint  n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&scratch[i], g_free);
}

/* A required text value: a problem when empty. */
static const char *
required_text (AttImporter *imp,
               guint        spec,
               char       **scratch)
{
  const char *text = value (imp, spec, &scratch[spec]);

  if (*text == '\0')
    _att_importer_problemf (imp, imp->specs[spec].name, _("this value is required but empty"));
  return text;
}

/* Reads a number of digits only. */
static gboolean
digits (const char *text,
        gsize       length,
        int        *value)
{
  *value = 0;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return TRUE;
}

/* Says why a value written as a date is not one, when it has the form of
 * one: a day the month does not have (31/02/2013), or a month past 12,
 * which is most often a date written month first, as American programs
 * do. NULL when the value is not even in the form of a date. */
static char *
explain_bad_date (const char *text)
{
  static const char * const months[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
    N_("December"),
  };
  gsize len = strlen (text);
  int year, month, day;
  gboolean day_first;

  if (len == 10 && text[4] == '-' && text[7] == '-' &&
      digits (text, 4, &year) && digits (text + 5, 2, &month) && digits (text + 8, 2, &day))
    day_first = FALSE;
  else if (len == 10 && text[2] == '/' && text[5] == '/' &&
           digits (text, 2, &day) && digits (text + 3, 2, &month) && digits (text + 6, 4, &year))
    day_first = TRUE;
  else
    return NULL;

  if (year < 1 || month < 1 || day < 1)
    return NULL;
  if (month > 12)
    {
      if (day_first && day <= 12 && month <= g_date_get_days_in_month (day, year))
        return g_strdup_printf (_("“%s” is not a date: there is no month %d; dates are written day first, so this may be %02d/%02d/%04d"),
                                text, month, month, day, year);
      return g_strdup_printf (_("“%s” is not a date: there is no month %d"), text, month);
    }
  if (day > g_date_get_days_in_month (month, year))
    /* Translators: "“31/02/2013” is not a date: February 2013 has 28 days" */
    return g_strdup_printf (_("“%s” is not a date: %s %d has %d days"), text,
                            _(months[month - 1]), year, g_date_get_days_in_month (month, year));
  return NULL;
}

static AttDate
date_value (AttImporter *imp,
            guint        spec,
            gboolean     required,
            char       **scratch)
{
  g_autoptr(GError) error = NULL;
  const char *text = value (imp, spec, &scratch[spec]);
  AttDate date;

  if (*text == '\0')
    {
      if (required)
        _att_importer_problemf (imp, imp->specs[spec].name, _("this date is required but empty"));
      return ATT_DATE_NONE;
    }
  date = att_date_parse (text, &error);
  if (date == ATT_DATE_NONE)
    {
      g_autofree char *why = explain_bad_date (text);

      if (why != NULL)
        _att_importer_problem (imp, imp->specs[spec].name, why);
      else
        problem_from_error (imp, imp->specs[spec].name, error);
    }
  return date;
}

/* Sets @out from a yes/no column; leaves it alone when the file does not
 * have the column, so that an update keeps what the database knew. */
static void
bool_value (AttImporter *imp,
            guint        spec,
            gboolean    *out,
            char       **scratch)
{
  const char *text;

  if (!has_column (imp, spec))
    return;
  text = value (imp, spec, &scratch[spec]);
  if (*text == '\0')
    *out = FALSE;
  else if (!att_parse_bool (text, out))
    _att_importer_problemf (imp, imp->specs[spec].name,
                            _("“%s” is not yes or no: write Y or N (1/0, yes/no and true/false work too)"),
                            text);
}

/* Sets an optional text field when the file has its column. */
static void
text_value (AttImporter *imp,
            guint        spec,
            char       **field,
            char       **scratch)
{
  if (!has_column (imp, spec))
    return;
  g_free (*field);
  *field = nullable (value (imp, spec, &scratch[spec]));
}

/* Whether a UPN that rows are matched on is a UPN at all; a problem
 * saying what is wrong with it when not, which helps more than "there
 * is no pupil with UPN ...". */
static gboolean
upn_form_ok (AttImporter *imp,
             const char  *upn)
{
  g_autoptr(GError) error = NULL;

  if (att_upn_validate (upn, NULL, &error))
    return TRUE;
  problem_from_error (imp, "upn", error);
  return FALSE;
}

/* Ends an import that found problems: the error lists them all. */
static gboolean
importer_refuse (AttImporter *imp,
                 GError     **error)
{
  g_autofree char *list = att_import_report_format_problems (imp->report);
  guint n = imp->report->problems->len + imp->report->more_problems;

  imp->report->added = imp->report->updated = imp->report->unchanged = imp->report->left = 0;
  g_set_error (error, ATT_ERROR, ATT_ERROR_IMPORT,
               /* Translators: "pupils.csv: 2 problems, nothing was imported: row 4, dob: ...; row 7, upn: ..." */
               g_dngettext (GETTEXT_PACKAGE,
                            "%s: %u problem, nothing was imported: %s",
                            "%s: %u problems, nothing was imported: %s", n),
               imp->name, n, list);
  return FALSE;
}

/* Ends an import that could not be written: nothing was. */
static void
importer_fail (AttImporter *imp,
               GError     **error)
{
  g_prefix_error (error, _("%s: nothing was imported: "), imp->name);
  imp->report->added = imp->report->updated = imp->report->unchanged = imp->report->left = 0;
  _att_importer_clear (imp);
}

/* The summary written to the audit log after an import. */
static char *
import_summary (AttImporter *imp)
{
  if (imp->options->leavers_on != ATT_DATE_NONE)
    return g_strdup_printf ("%s: %u rows, %u added, %u updated, %u unchanged, %u left",
                            imp->name, imp->report->rows, imp->report->added,
                            imp->report->updated, imp->report->unchanged, imp->report->left);
  return g_strdup_printf ("%s: %u rows, %u added, %u updated, %u unchanged",
                          imp->name, imp->report->rows, imp->report->added,
                          imp->report->updated, imp->report->unchanged);
}

/* Whether the caller stopped the import: FALSE, or TRUE with @error. */
static gboolean
importer_cancelled (AttImporter  *imp,
                    GError      **error)
{
  if (imp->options->cancelled == NULL || !imp->options->cancelled (imp->options->cancel_data))
    return FALSE;
  g_set_error_literal (error, ATT_ERROR, ATT_ERROR_CANCELLED, _("the import was cancelled"));
  return TRUE;
}

/* Writes what an import found to change, in one transaction with its
 * line in the audit log, or refuses the whole file when it found any
 * problem. @write writes @data; @n_changes is how many changes there are.
 * Clears the importer either way. */
typedef gboolean (*ImportWriteFunc) (AttImporter    *imp,
                                     AttDb          *db,
                                     const AttUser  *user,
                                     gpointer        data,
                                     GError        **error);

static gboolean
importer_finish (AttImporter    *imp,
                 AttDb          *db,
                 const AttUser  *user,
                 gboolean        dry_run,
                 guint           n_changes,
                 ImportWriteFunc write,
                 gpointer        data,
                 const char     *action,
                 GError        **error)
{
  g_autofree char *summary = NULL;

  /* Stopped between rows: what was read is not all of the file, and
   * none of it is written. */
  if (imp->cancelled || importer_cancelled (imp, error))
    {
      if (imp->cancelled)
        g_set_error_literal (error, ATT_ERROR, ATT_ERROR_CANCELLED, _("the import was cancelled"));
      goto failed;
    }

  if (imp->report->problems->len > 0)
    {
      importer_refuse (imp, error);
      _att_importer_clear (imp);
      return FALSE;
    }

  if (dry_run || n_changes == 0)
    {
      _att_importer_progress (imp, 1.0);
      if (!dry_run && imp->options->progress != NULL)
        imp->options->progress (1.0, imp->options->progress_data);
      _att_importer_clear (imp);
      return TRUE;
    }

  _att_importer_progress (imp, 1.0);
  if (!att_db_begin (db, error))
    goto failed;
  summary = import_summary (imp);
  if (!write (imp, db, user, data, error) ||
      !att_audit_log (db, user, action, summary, error))
    {
      att_db_rollback (db);
      goto failed;
    }
  if (!att_db_commit (db, error))
    goto failed;

  if (imp->options->progress != NULL)
    imp->options->progress (1.0, imp->options->progress_data);
  _att_importer_clear (imp);
  return TRUE;

failed:
  importer_fail (imp, error);
  return FALSE;
}

/* While writing @done of @n changes: the second half of the progress,
 * and the caller's cancel, which rolls the whole import back. */
static gboolean
importer_writing (AttImporter  *imp,
                  guint         done,
                  guint         n,
                  GError      **error)
{
  if (importer_cancelled (imp, error))
    return FALSE;
  if (imp->options->progress != NULL && n > 0 && done % 16 == 0)
    imp->options->progress (0.5 + 0.5 * done / n, imp->options->progress_data);
  return TRUE;
}

/* Pupils */

static gboolean
pupils_equal (AttPupil *a,
              AttPupil *b)
{
  return texts_equal (a->upn, b->upn) &&
         texts_equal (a->legal_surname, b->legal_surname) &&
         texts_equal (a->legal_forename, b->legal_forename) &&
         texts_equal (a->preferred_surname, b->preferred_surname) &&
         texts_equal (a->preferred_forename, b->preferred_forename) &&
         a->dob == b->dob && a->sex == b->sex && a->year_group == b->year_group &&
         texts_equal (a->reg_group, b->reg_group) &&
         a->admission == b->admission && a->leaving == b->leaving &&
         !a->fsm == !b->fsm && a->sen == b->sen && !a->eal == !b->eal &&
         !a->looked_after == !b->looked_after &&
         !a->social_worker == !b->social_worker &&
         !a->young_carer == !b->young_carer &&
         texts_equal (a->medical_note, b->medical_note);
}

static AttPupil *
read_pupil_row (AttImporter *imp,
                AttDb       *db,
                GHashTable  *upn_rows)
{
  g_autoptr(AttPupil) pupil = NULL;
  char *scratch[P_N_COLUMNS] = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *upn = NULL;
  AttPupil *existing;
  const char *text;
  const char *field = NULL;

  upn = g_ascii_strup (required_text (imp, P_UPN, scratch), -1);
  existing = NULL;
  if (*upn != '\0')
    {
      gpointer first_row;
      gboolean temporary;

      if (g_hash_table_lookup_extended (upn_rows, upn, NULL, &first_row))
        _att_importer_problemf (imp, "upn", _("UPN %s is also on row %u: each pupil once"),
                                upn, GPOINTER_TO_UINT (first_row));
      else
        g_hash_table_insert (upn_rows, g_strdup (upn), GUINT_TO_POINTER (imp->line));

      if (!att_upn_validate (upn, &temporary, &error))
        problem_from_error (imp, "upn", error);
      else if (temporary)
        {
          g_autofree char *message =
            g_strdup_printf (_("UPN %s is a temporary UPN: replace it with the permanent one as soon as it is known"),
                             upn);
          _att_importer_notice (imp, imp->line, "upn", message);
        }
      g_clear_error (&error);
      existing = att_pupils_find (db, upn);
    }

  /* An update starts from what the database holds, so that columns the
   * file does not have keep their values. */
  pupil = existing ? att_pupil_copy (existing) : att_pupil_new ();
  g_free (pupil->upn);
  pupil->upn = g_steal_pointer (&upn);

  g_free (pupil->legal_surname);
  pupil->legal_surname = g_strdup (required_text (imp, P_SURNAME, scratch));
  g_free (pupil->legal_forename);
  pupil->legal_forename = g_strdup (required_text (imp, P_FORENAME, scratch));
  text_value (imp, P_PREF_SURNAME, &pupil->preferred_surname, scratch);
  text_value (imp, P_PREF_FORENAME, &pupil->preferred_forename, scratch);

  pupil->dob = date_value (imp, P_DOB, TRUE, scratch);

  text = required_text (imp, P_SEX, scratch);
  if (g_ascii_strcasecmp (text, "M") == 0 || g_ascii_strcasecmp (text, "male") == 0)
    pupil->sex = 'M';
  else if (g_ascii_strcasecmp (text, "F") == 0 || g_ascii_strcasecmp (text, "female") == 0)
    pupil->sex = 'F';
  else if (*text != '\0')
    _att_importer_problemf (imp, "sex", _("“%s” is not a sex: write M or F"), text);

  text = required_text (imp, P_YEAR, scratch);
  if (*text != '\0' && !att_year_group_parse (text, &pupil->year_group, &error))
    problem_from_error (imp, "year_group", error);
  g_clear_error (&error);

  g_free (pupil->reg_group);
  pupil->reg_group = g_strdup (required_text (imp, P_REG_GROUP, scratch));

  pupil->admission = date_value (imp, P_ADMISSION, TRUE, scratch);
  if (has_column (imp, P_LEAVING))
    pupil->leaving = date_value (imp, P_LEAVING, FALSE, scratch);

  bool_value (imp, P_FSM, &pupil->fsm, scratch);
  if (has_column (imp, P_SEN))
    {
      text = VALUE (imp, P_SEN);
      if (*text == '\0' || g_ascii_strcasecmp (text, "N") == 0)
        pupil->sen = ATT_SEN_NONE;
      else if (g_ascii_strcasecmp (text, "K") == 0)
        pupil->sen = ATT_SEN_SUPPORT;
      else if (g_ascii_strcasecmp (text, "E") == 0)
        pupil->sen = ATT_SEN_EHCP;
      else
        _att_importer_problemf (imp, "sen",
                                _("“%s” is not an SEN status: write N (none), K (SEN support) or E (EHC plan)"),
                                text);
    }
  bool_value (imp, P_EAL, &pupil->eal, scratch);
  bool_value (imp, P_LOOKED_AFTER, &pupil->looked_after, scratch);
  bool_value (imp, P_SOCIAL_WORKER, &pupil->social_worker, scratch);
  bool_value (imp, P_YOUNG_CARER, &pupil->young_carer, scratch);
  text_value (imp, P_MEDICAL, &pupil->medical_note, scratch);

  free_scratch (scratch, P_N_COLUMNS);

  /* Checks between fields, once each field is right on its own, then
   * against the register: roll dates never move over recorded marks. */
  if (imp->row_problems == 0 && !att_pupil_check (pupil, &field, &error))
    problem_from_error (imp, field, error);
  g_clear_error (&error);
  if (imp->row_problems == 0 && !att_pupil_check_roll (db, pupil, &field, &error))
    problem_from_error (imp, field, error);

  if (imp->row_problems > 0)
    return NULL;

  att_pupil_update_names (pupil);
  if (!importer_count (imp, existing == NULL, existing && pupils_equal (existing, pupil)))
    return NULL;
  return g_steal_pointer (&pupil);
}

static gboolean
save_pupils (AttImporter    *imp,
             AttDb          *db,
             const AttUser  *user,
             gpointer        data,
             GError        **error)
{
  GPtrArray *pupils = data;

  for (guint i = 0; i < pupils->len; i++)
    if (!importer_writing (imp, i, pupils->len, error) ||
        att_pupils_save (db, user, g_ptr_array_index (pupils, i), error) == 0)
      return FALSE;
  return TRUE;
}

/* A file that lists the whole roll: each pupil on roll on @leavers_on
 * whom it does not list leaves on that day, saved as any change of a
 * pupil is, and never over marks the register holds after it (such a
 * pupil is a problem naming them and the marks, and nothing is written). */
static gboolean
read_leavers (AttImporter *imp,
              AttDb       *db,
              GHashTable  *upn_rows,
              AttDate      leavers_on,
              GPtrArray   *changes,
              GError     **error)
{
  g_autofree char *day = att_date_format (leavers_on);
  GPtrArray *pupils = att_pupils_list (db, error);

  if (pupils == NULL)
    return FALSE;

  imp->line = 0;
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      g_autoptr(AttPupil) leaver = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *message = NULL;
      const char *field = NULL;

      if (pupil->admission > leavers_on ||
          (pupil->leaving != ATT_DATE_NONE && pupil->leaving <= leavers_on) ||
          g_hash_table_contains (upn_rows, pupil->upn))
        continue;

      leaver = att_pupil_copy (pupil);
      leaver->leaving = leavers_on;
      if (!att_pupil_check (leaver, &field, &local) ||
          !att_pupil_check_roll (db, leaver, &field, &local))
        {
          if (!g_error_matches (local, ATT_ERROR, ATT_ERROR_RULE) &&
              !g_error_matches (local, ATT_ERROR, ATT_ERROR_INVALID))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          {
            /* The roll-date rule names the pupil itself; said once. */
            g_autofree char *named = g_strdup_printf ("%s (UPN %s): ", att_pupil_get_display_name (pupil),
                                                      pupil->upn);
            const char *why = g_str_has_prefix (local->message, named)
                              ? local->message + strlen (named) : local->message;

            /* Translators: "Amina Khan (UPN E383210413001) is not in the
             * file, so would leave on 2025-03-03: the register holds ..." */
            _att_importer_problemf (imp, NULL, _("%s (UPN %s) is not in the file, so would leave on %s: %s"),
                                    att_pupil_get_display_name (pupil), pupil->upn, day, why);
          }
          continue;
        }

      message = g_strdup_printf (_("%s (UPN %s) is not in the file: leaves on %s"),
                                 att_pupil_get_display_name (pupil), pupil->upn, day);
      _att_importer_notice (imp, 0, NULL, message);
      imp->report->left++;
      g_ptr_array_add (changes, g_steal_pointer (&leaver));
    }
  return TRUE;
}

static gboolean
import_pupils (AttDb                  *db,
               const AttUser          *user,
               const AttImportSource  *source,
               const AttImportOptions *options,
               AttImportReport        *report,
               GError                **error)
{
  gboolean dry_run = options->dry_run;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) upn_rows = NULL;
  AttImporter imp;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  if (!_att_importer_start_full (&imp, db, user, ATT_PERM_EDIT_PUPILS, source, &pupil_kind, options,
                                 report, error))
    return FALSE;

  changes = g_ptr_array_new_with_free_func (g_object_unref);
  upn_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (_att_importer_usable (&imp))
    while (_att_importer_next_row (&imp))
      {
        AttPupil *pupil;

        pupil = read_pupil_row (&imp, db, upn_rows);
        if (pupil != NULL)
          g_ptr_array_add (changes, pupil);
      }

  if (options->leavers_on != ATT_DATE_NONE && _att_importer_usable (&imp) && !imp.cancelled &&
      !read_leavers (&imp, db, upn_rows, options->leavers_on, changes, error))
    {
      importer_fail (&imp, error);
      return FALSE;
    }

  return importer_finish (&imp, db, user, dry_run, changes->len, save_pupils, changes,
                          "pupils.import", error);
}

/* Contacts */

static gboolean
contacts_equal (const AttContact *a,
                const AttContact *b)
{
  return a->pupil_id == b->pupil_id && a->priority == b->priority &&
         texts_equal (a->title, b->title) &&
         texts_equal (a->forename, b->forename) &&
         texts_equal (a->surname, b->surname) &&
         texts_equal (a->relationship, b->relationship) &&
         !a->parental_responsibility == !b->parental_responsibility &&
         !a->lives_with == !b->lives_with &&
         !a->receives_letters == !b->receives_letters &&
         texts_equal (a->phone_home, b->phone_home) &&
         texts_equal (a->phone_mobile, b->phone_mobile) &&
         texts_equal (a->phone_work, b->phone_work) &&
         texts_equal (a->email, b->email) &&
         texts_equal (a->address_1, b->address_1) &&
         texts_equal (a->address_2, b->address_2) &&
         texts_equal (a->town, b->town) &&
         texts_equal (a->postcode, b->postcode);
}

/* The contact a pupil has at @priority, from the database; NULL if none. */
static AttContact *
existing_contact (AttDb      *db,
                  GHashTable *by_pupil,
                  gint64      pupil_id,
                  int         priority,
                  GError    **error)
{
  GPtrArray *contacts = g_hash_table_lookup (by_pupil, &pupil_id);

  if (contacts == NULL)
    {
      gint64 *key;

      contacts = att_contacts_for_pupil (db, pupil_id, error);
      if (contacts == NULL)
        return NULL;
      key = g_new (gint64, 1);
      *key = pupil_id;
      g_hash_table_insert (by_pupil, key, contacts);
    }
  for (guint i = 0; i < contacts->len; i++)
    {
      AttContact *contact = g_ptr_array_index (contacts, i);

      if (contact->priority == priority)
        return contact;
    }
  return NULL;
}

static gboolean
parse_priority (const char *text,
                int        *priority)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 99, &number, NULL))
    return FALSE;
  *priority = (int)number;
  return TRUE;
}

static AttContact *
read_contact_row (AttImporter *imp,
                  AttDb       *db,
                  GHashTable  *keys,
                  GHashTable  *by_pupil,
                  GError     **error)
{
  g_autoptr(AttContact) contact = NULL;
  char *scratch[C_N_COLUMNS] = { NULL, };
  g_autoptr(GError) local = NULL;
  g_autofree char *upn = NULL;
  AttPupil *pupil = NULL;
  AttContact *existing = NULL;
  const char *text;
  const char *field = NULL;
  int priority = 0;

  upn = g_ascii_strup (required_text (imp, C_UPN, scratch), -1);
  if (*upn != '\0' && !upn_form_ok (imp, upn))
    ;
  else if (*upn != '\0')
    {
      pupil = att_pupils_find_or_error (db, upn, &local);
      if (pupil == NULL)
        problem_from_error (imp, "upn", local);
      g_clear_error (&local);
    }

  text = required_text (imp, C_PRIORITY, scratch);
  if (*text != '\0' && !parse_priority (text, &priority))
    _att_importer_problemf (imp, "priority",
                            _("“%s” is not a priority: write a whole number from 1 (called first) to 99"),
                            text);

  if (*upn != '\0' && priority > 0)
    {
      g_autofree char *key = g_strdup_printf ("%s %d", upn, priority);
      gpointer first_row;

      if (g_hash_table_lookup_extended (keys, key, NULL, &first_row))
        _att_importer_problemf (imp, "priority",
                                _("UPN %s has a contact with priority %d on row %u too: each priority once per pupil"),
                                upn, priority, GPOINTER_TO_UINT (first_row));
      else
        g_hash_table_insert (keys, g_steal_pointer (&key), GUINT_TO_POINTER (imp->line));
    }

  if (pupil != NULL && priority > 0)
    {
      existing = existing_contact (db, by_pupil, pupil->id, priority, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          free_scratch (scratch, C_N_COLUMNS);
          return NULL;
        }
    }

  contact = existing ? att_contact_copy (existing) : att_contact_new ();
  contact->pupil_id = pupil ? pupil->id : 0;
  contact->priority = priority;
  text_value (imp, C_TITLE, &contact->title, scratch);
  text_value (imp, C_FORENAME, &contact->forename, scratch);
  g_free (contact->surname);
  contact->surname = g_strdup (required_text (imp, C_SURNAME, scratch));
  g_free (contact->relationship);
  contact->relationship = g_strdup (required_text (imp, C_RELATIONSHIP, scratch));
  bool_value (imp, C_PARENTAL, &contact->parental_responsibility, scratch);
  bool_value (imp, C_LIVES_WITH, &contact->lives_with, scratch);
  bool_value (imp, C_LETTERS, &contact->receives_letters, scratch);
  text_value (imp, C_PHONE_HOME, &contact->phone_home, scratch);
  text_value (imp, C_PHONE_MOBILE, &contact->phone_mobile, scratch);
  text_value (imp, C_PHONE_WORK, &contact->phone_work, scratch);
  text_value (imp, C_EMAIL, &contact->email, scratch);
  text_value (imp, C_ADDRESS_1, &contact->address_1, scratch);
  text_value (imp, C_ADDRESS_2, &contact->address_2, scratch);
  text_value (imp, C_TOWN, &contact->town, scratch);
  text_value (imp, C_POSTCODE, &contact->postcode, scratch);
  free_scratch (scratch, C_N_COLUMNS);

  if (imp->row_problems == 0 && !att_contact_check (contact, &field, &local))
    problem_from_error (imp, field, local);

  if (imp->row_problems > 0)
    return NULL;

  if (!importer_count (imp, existing == NULL, existing && contacts_equal (existing, contact)))
    return NULL;
  return g_steal_pointer (&contact);
}

static gboolean
save_contacts (AttImporter    *imp,
               AttDb          *db,
               const AttUser  *user,
               gpointer        data,
               GError        **error)
{
  GPtrArray *contacts = data;

  for (guint i = 0; i < contacts->len; i++)
    if (!importer_writing (imp, i, contacts->len, error) ||
        att_contacts_save (db, user, g_ptr_array_index (contacts, i), error) == 0)
      return FALSE;
  return TRUE;
}

static gboolean
import_contacts (AttDb                  *db,
                 const AttUser          *user,
                 const AttImportSource  *source,
                 const AttImportOptions *options,
                 AttImportReport        *report,
                 GError                **error)
{
  gboolean dry_run = options->dry_run;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GHashTable) by_pupil = NULL;
  AttImporter imp;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  if (!_att_importer_start_full (&imp, db, user, ATT_PERM_EDIT_PUPILS, source, &contact_kind, options,
                                 report, error))
    return FALSE;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify)att_contact_free);
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  by_pupil = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify)g_ptr_array_unref);
  if (_att_importer_usable (&imp))
    while (_att_importer_next_row (&imp))
      {
        g_autoptr(GError) local = NULL;
        AttContact *contact;

        contact = read_contact_row (&imp, db, keys, by_pupil, &local);
        if (local != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local));
            goto failed;
          }
        if (contact != NULL)
          g_ptr_array_add (changes, contact);
      }

  return importer_finish (&imp, db, user, dry_run, changes->len, save_contacts, changes,
                          "contacts.import", error);

failed:
  importer_fail (&imp, error);
  return FALSE;
}

/* Marks */

typedef struct
{
  GArray     *writes;     /* AttMarkWrite */
  GPtrArray  *comments;   /* keeps the writes' comments alive */
  GHashTable *keys;       /* "pupil date session" -> first row */
  char       *reason;
} MarkImport;

static void
read_mark_row (AttImporter   *imp,
               AttDb         *db,
               const AttUser *user,
               MarkImport    *marks)
{
  char *scratch[M_N_COLUMNS] = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *upn = NULL;
  g_autofree char *note = NULL;
  AttMarkWrite write = { 0, ATT_DATE_NONE, ATT_SESSION_AM, ATT_CODE_NONE, -1, NULL };
  AttPupil *pupil = NULL;
  AttCode old;
  const char *text;
  gboolean session_ok = FALSE;

  upn = g_ascii_strup (required_text (imp, M_UPN, scratch), -1);
  if (*upn != '\0' && !upn_form_ok (imp, upn))
    ;
  else if (*upn != '\0')
    {
      pupil = att_pupils_find_or_error (db, upn, &error);
      if (pupil == NULL)
        problem_from_error (imp, "upn", error);
      else
        write.pupil_id = pupil->id;
      g_clear_error (&error);
    }

  write.date = date_value (imp, M_DATE, TRUE, scratch);

  text = required_text (imp, M_SESSION, scratch);
  if (*text != '\0')
    {
      session_ok = att_session_parse (text, &write.session, &error);
      if (!session_ok)
        problem_from_error (imp, "session", error);
      g_clear_error (&error);
    }

  text = required_text (imp, M_CODE, scratch);
  if (*text != '\0' && write.date != ATT_DATE_NONE && session_ok)
    {
      write.code = att_code_parse_for_mark (text, write.date, write.session, TRUE,
                                            &note, &error);
      if (write.code == ATT_CODE_NONE)
        problem_from_error (imp, "code", error);
      else if (note != NULL)
        _att_importer_notice (imp, imp->line, "code", note);
      g_clear_error (&error);
    }

  if (has_column (imp, M_MINUTES))
    {
      guint64 minutes;

      text = VALUE (imp, M_MINUTES);
      if (*text != '\0')
        {
          if (g_ascii_string_to_unsigned (text, 10, 0, 24 * 60, &minutes, NULL))
            write.minutes_late = (int)minutes;
          else
            _att_importer_problemf (imp, "minutes_late",
                                    _("“%s” is not a number of minutes"), text);
        }
    }

  /* A comment column says what the comment is, an empty cell that there
   * is none; without the column, saved comments stay. */
  if (has_column (imp, M_COMMENT))
    {
      char *comment = g_strstrip (g_strdup (VALUE (imp, M_COMMENT)));

      g_ptr_array_add (marks->comments, comment);
      write.comment = comment;
    }
  free_scratch (scratch, M_N_COLUMNS);

  if (pupil != NULL && write.date != ATT_DATE_NONE && session_ok)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %d %d",
                                              pupil->id, write.date, write.session);
      gpointer first_row;

      if (g_hash_table_lookup_extended (marks->keys, key, NULL, &first_row))
        {
          g_autofree char *date = att_date_format (write.date);

          _att_importer_problemf (imp, NULL,
                                  _("UPN %s, %s %s is on row %u too: each session once"),
                                  upn, date, att_session_to_string (write.session),
                                  GPOINTER_TO_UINT (first_row));
        }
      else
        g_hash_table_insert (marks->keys, g_steal_pointer (&key),
                             GUINT_TO_POINTER (imp->line));
    }

  if (imp->row_problems > 0)
    return;

  /* A row is unchanged when it says what the register holds: the code,
   * and the minutes late and comment where the file gives them. */
  old = att_register_code (db, write.pupil_id, write.date, write.session);
  if (!att_register_write_changes (db, &write))
    {
      imp->report->unchanged++;
      return;
    }

  /* The register's own rules (on roll, a school session, X only outside
   * compulsory school age, ...), checked row by row without writing so
   * that every broken rule is reported with its row. */
  if (!att_register_write (db, user, &write, 1, marks->reason,
                           ATT_WRITE_IMPORT | ATT_WRITE_DRY_RUN, &error))
    {
      problem_from_error (imp, NULL, error);
      return;
    }

  if (old == ATT_CODE_NONE)
    imp->report->added++;
  else
    imp->report->updated++;
  g_array_append_val (marks->writes, write);
}

static gboolean
write_marks (AttImporter    *imp,
             AttDb          *db,
             const AttUser  *user,
             gpointer        data,
             GError        **error)
{
  MarkImport *marks = data;

  if (!importer_writing (imp, 0, marks->writes->len, error))
    return FALSE;
  return att_register_write (db, user, (const AttMarkWrite *)(gpointer)marks->writes->data,
                             marks->writes->len, marks->reason, ATT_WRITE_IMPORT, error);
}

static gboolean
import_marks (AttDb                  *db,
              const AttUser          *user,
              const AttImportSource  *source,
              const AttImportOptions *options,
              AttImportReport        *report,
              GError                **error)
{
  gboolean dry_run = options->dry_run;
  MarkImport marks = { NULL, };
  gboolean ok = FALSE;
  AttImporter imp;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  /* att_register_write() checks the right too, but saying it once, up
   * front, reads better than on every row. */
  if (!_att_importer_start_full (&imp, db, user, ATT_PERM_BULK_MARK, source, &mark_kind, options,
                                 report, error))
    return FALSE;

  marks.writes = g_array_new (FALSE, FALSE, sizeof (AttMarkWrite));
  marks.comments = g_ptr_array_new_with_free_func (g_free);
  marks.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Translators: the reason recorded with every mark an import changes */
  marks.reason = g_strdup_printf (_("Imported from %s"), imp.name);

  if (_att_importer_usable (&imp))
    {
      /* One transaction around the checks, which are dry runs that write
       * nothing, saves a transaction per row. */
      if (!att_db_begin (db, error))
        goto failed;
      while (_att_importer_next_row (&imp))
        read_mark_row (&imp, db, user, &marks);
      /* Committing, not rolling back, so that an outer transaction of
       * the caller's is not spoilt: the dry runs left nothing to keep. */
      if (!att_db_commit (db, error))
        goto failed;
    }

  ok = importer_finish (&imp, db, user, dry_run, marks.writes->len, write_marks, &marks,
                        "marks.import", error);
  goto out;

failed:
  importer_fail (&imp, error);

out:
  g_clear_pointer (&marks.writes, g_array_unref);
  g_clear_pointer (&marks.comments, g_ptr_array_unref);
  g_clear_pointer (&marks.keys, g_hash_table_unref);
  g_clear_pointer (&marks.reason, g_free);
  _att_importer_clear (&imp);
  return ok;
}

/* The entry points */

gboolean
att_import_pupils (AttDb            *db,
                   const AttUser    *user,
                   const char       *path,
                   gboolean          dry_run,
                   AttImportReport  *report,
                   GError          **error)
{
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;

  options.dry_run = dry_run;
  return att_import_file (db, user, ATT_IMPORT_PUPILS, path, &options, report, error);
}

gboolean
att_import_contacts (AttDb            *db,
                     const AttUser    *user,
                     const char       *path,
                     gboolean          dry_run,
                     AttImportReport  *report,
                     GError          **error)
{
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;

  options.dry_run = dry_run;
  return att_import_file (db, user, ATT_IMPORT_CONTACTS, path, &options, report, error);
}

gboolean
att_import_marks (AttDb            *db,
                  const AttUser    *user,
                  const char       *path,
                  gboolean          dry_run,
                  AttImportReport  *report,
                  GError          **error)
{
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;

  options.dry_run = dry_run;
  return att_import_file (db, user, ATT_IMPORT_MARKS, path, &options, report, error);
}

/* The same from bytes in memory, which the fuzz targets feed. */
static gboolean
import_data (AttDb            *db,
             const AttUser    *user,
             const char       *name,
             const char       *data,
             gsize             length,
             gboolean          dry_run,
             AttImportReport  *report,
             gboolean        (*import) (AttDb *, const AttUser *, const AttImportSource *,
                                        const AttImportOptions *, AttImportReport *,
                                        GError **),
             GError          **error)
{
  AttImportSource source = { NULL, name, NULL, 0 };
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  source.data = data ? data : "";
  source.length = length;
  options.dry_run = dry_run;
  return import (db, user, &source, &options, report, error);
}

gboolean
att_import_pupils_data (AttDb            *db,
                        const AttUser    *user,
                        const char       *name,
                        const char       *data,
                        gsize             length,
                        gboolean          dry_run,
                        AttImportReport  *report,
                        GError          **error)
{
  return import_data (db, user, name, data, length, dry_run, report, import_pupils, error);
}

gboolean
att_import_contacts_data (AttDb            *db,
                          const AttUser    *user,
                          const char       *name,
                          const char       *data,
                          gsize             length,
                          gboolean          dry_run,
                          AttImportReport  *report,
                          GError          **error)
{
  return import_data (db, user, name, data, length, dry_run, report, import_contacts, error);
}

gboolean
att_import_marks_data (AttDb            *db,
                       const AttUser    *user,
                       const char       *name,
                       const char       *data,
                       gsize             length,
                       gboolean          dry_run,
                       AttImportReport  *report,
                       GError          **error)
{
  return import_data (db, user, name, data, length, dry_run, report, import_marks, error);
}

gboolean
att_import_file (AttDb                  *db,
                 const AttUser          *user,
                 AttImportType           type,
                 const char             *path,
                 const AttImportOptions *options,
                 AttImportReport        *report,
                 GError                **error)
{
  static gboolean (* const imports[]) (AttDb *, const AttUser *, const AttImportSource *,
                                      const AttImportOptions *, AttImportReport *,
                                      GError **) = {
    [ATT_IMPORT_PUPILS] = import_pupils,
    [ATT_IMPORT_CONTACTS] = import_contacts,
    [ATT_IMPORT_MARKS] = import_marks,
  };
  AttImportSource source = { path, NULL, NULL, 0 };
  AttImportOptions defaults = ATT_IMPORT_OPTIONS_INIT;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail ((guint)type < ATT_IMPORT_N_TYPES, FALSE);

  return imports[type] (db, user, &source, options != NULL ? options : &defaults, report, error);
}
