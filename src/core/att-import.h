/* att-import.h: CSV files from the school's management information system
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* A parsed CSV file: UTF-8 with or without a BOM, quoted fields with
 * doubled quotes and line breaks, CRLF or LF. Headers are normalised: lower
 * case, with '-' and ' ' turned into '_'. */
typedef struct
{
  GPtrArray  *headers;    /* char*, normalised */
  GPtrArray  *rows;       /* GPtrArray of char* per row */
  GArray     *row_lines;  /* guint: the file's row number of each row (header is row 1) */
} AttCsv;

AttCsv     *att_csv_parse          (const char   *data,
                                    gsize         length,
                                    GError      **error);
AttCsv     *att_csv_read_file      (const char   *path,
                                    GError      **error);
void        att_csv_free           (AttCsv       *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCsv, att_csv_free)
/* Index of a normalised header or -1. */
int         att_csv_column         (AttCsv       *csv,
                                    const char   *name);
/* Every CSV the product writes goes through these two. A field is
 * quoted when it needs it, and one that a spreadsheet would take for a
 * formula (it begins with =, +, -, @, a tab or a carriage return) is
 * written as text, behind an apostrophe; so is one that begins with an
 * apostrophe, so that att_csv_unprotect() gives every value back. */
char       *att_csv_quote          (const char   *field);
/* Appends @n_cells fields, quoted and protected, and a line break. */
void        att_csv_append_row     (GString            *out,
                                    const char * const *cells,
                                    guint               n_cells);
/* @field without the apostrophe att_csv_quote() put before it, if any:
 * a field written as text reads back as the value it was. */
const char *att_csv_unprotect      (const char   *field);

/* Accepts 1/0, Y/N, yes/no, true/false (any case). */
gboolean    att_parse_bool         (const char   *text,
                                    gboolean     *value);

typedef struct
{
  guint   row;        /* the file's row number (header is row 1), 0 for the file */
  char   *column;     /* NULL when the problem is not in one column */
  char   *message;
} AttImportProblem;

typedef struct
{
  guint       rows;       /* data rows read */
  guint       added;
  guint       updated;
  guint       unchanged;
  GPtrArray  *problems;   /* AttImportProblem: any one refuses the whole file;
                           * the first ATT_IMPORT_MAX_PROBLEMS only */
  GPtrArray  *notices;    /* AttImportProblem: accepted, but worth saying;
                           * the first ATT_IMPORT_MAX_PROBLEMS only */
  guint       more_problems;  /* problems found after those, counted only */
  guint       more_notices;
  guint       left;       /* pupils given a leaving date because the file
                           * listing the whole roll no longer lists them */
} AttImportReport;

/* A file that is not what it should be (the wrong file, or a huge one)
 * can have a problem on every row: the report keeps the first fifty, which
 * is what a person fixes in one go, and counts the rest. */
#define ATT_IMPORT_MAX_PROBLEMS 50

AttImportReport *att_import_report_new  (void);
void        att_import_report_free (AttImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttImportReport, att_import_report_free)
/* "row 4, dob: ..." */
char       *att_import_problem_format (const AttImportProblem *problem);
/* Every problem kept, "; " between them, and "and N more problems" when
 * there were more. */
char       *att_import_report_format_problems (AttImportReport *report);

/* Each import checks the whole file first. With any problem it writes
 * nothing and fails with an ATT_ERROR_IMPORT whose message lists every
 * problem by row and column; the report holds them one by one. With
 * @dry_run it only checks and counts. Otherwise everything is written in
 * one transaction. Pupils are matched on UPN (added or updated); contacts
 * on UPN and priority; marks on UPN, date and session (a changed mark is
 * an amendment with the reason "Imported from FILE"). */
gboolean    att_import_pupils      (AttDb            *db,
                                    const AttUser    *user,
                                    const char       *path,
                                    gboolean          dry_run,
                                    AttImportReport  *report,
                                    GError          **error);
gboolean    att_import_contacts    (AttDb            *db,
                                    const AttUser    *user,
                                    const char       *path,
                                    gboolean          dry_run,
                                    AttImportReport  *report,
                                    GError          **error);
gboolean    att_import_marks       (AttDb            *db,
                                    const AttUser    *user,
                                    const char       *path,
                                    gboolean          dry_run,
                                    AttImportReport  *report,
                                    GError          **error);

/* The kinds of file, as att_import_file() takes them. */
typedef enum
{
  ATT_IMPORT_PUPILS,
  ATT_IMPORT_CONTACTS,
  ATT_IMPORT_MARKS,
  ATT_IMPORT_N_TYPES
} AttImportType;

/* "pupils", "contacts", "marks" */
const char *att_import_type_to_string (AttImportType type);
gboolean    att_import_type_parse  (const char       *text,
                                    AttImportType    *type);

/* One of our columns of a kind of file. */
typedef struct
{
  const char *name;       /* "dob": the column's own header */
  const char *alias;      /* another header read as it ("date_of_birth"), or NULL */
  gboolean    required;
} AttImportField;

/* Our columns of @type, in the order of the file the CLI documents. */
const AttImportField *att_import_fields (AttImportType  type,
                                         guint         *n_fields);
/* What a column holds, for people: "Date of birth". */
const char *att_import_field_describe (const char     *name);

typedef struct _AttImportMapping AttImportMapping;
typedef struct _AttImportPreview AttImportPreview;

/* Called as the import goes on, from 0 to 1: the rows checked, then
 * written. */
typedef void (*AttImportProgressFunc) (double    fraction,
                                       gpointer  user_data);

typedef struct
{
  gboolean                 dry_run;
  /* Which of the file's columns is each of ours (att-import-mapping.h);
   * NULL reads the file's own headers, as always. */
  const AttImportMapping  *mapping;
  /* Pupils: the file lists every pupil on roll, so each pupil on roll on
   * this date whom it does not list leaves on it (ATT_DATE_NONE: no). */
  AttDate                  leavers_on;
  AttImportProgressFunc    progress;
  gpointer                 progress_data;
  /* Asked between rows and between writes, on the import's thread: TRUE
   * stops the import, which then writes nothing and fails with
   * ATT_ERROR_CANCELLED. The window asks its GCancellable; the core
   * itself never loads GIO, which attendance-cli must start without. */
  gboolean               (*cancelled) (gpointer cancel_data);
  gpointer                 cancel_data;
  /* When set, filled with the first @preview_rows rows of the file and
   * each one's problems. */
  AttImportPreview        *preview;
  guint                    preview_rows;
} AttImportOptions;

#define ATT_IMPORT_OPTIONS_INIT { FALSE, NULL, ATT_DATE_NONE, NULL, NULL, NULL, NULL, NULL, 0 }

/* As att_import_pupils() and the others, with @options (NULL for the
 * defaults, which make it the same as those). */
gboolean    att_import_file        (AttDb                  *db,
                                    const AttUser          *user,
                                    AttImportType           type,
                                    const char             *path,
                                    const AttImportOptions *options,
                                    AttImportReport        *report,
                                    GError                **error);

G_END_DECLS
