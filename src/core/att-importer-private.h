/* att-importer-private.h: what the parts of the import share
 *
 * The import is in two files: att-import-file.c reads the file (opens
 * it, tells what it is, finds its columns, reads it once for its form and
 * then row by row), and att-import.c checks the rows of each kind of file
 * and writes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-csv-private.h"
#include "att-import-mapping.h"
#include "att-users.h"

G_BEGIN_DECLS

/* A column of one kind of file. */
typedef AttImportField AttImportColumn;

/* What one kind of file is: its columns, and the most rows it may have.
 * The importer reads a file one row at a time and keeps only what will
 * change, so memory depends on the rows it keeps; the limits, far above
 * what any school's file holds, refuse a wrong or runaway file (a whole
 * MIS database exported, a file generated in a loop) before it is read
 * into memory or checked row by row for minutes. */
typedef struct
{
  const AttImportColumn *specs;
  guint                  n_specs;
  guint                  max_rows;
  const char            *too_many;  /* the problem when there are more rows */
} AttImportKind;

/* Where a file comes from: a path, or bytes in memory (@data, @length)
 * and the name they are known by. */
typedef struct
{
  const char   *path;
  const char   *name;
  const char   *data;
  gsize         length;
} AttImportSource;

/* One file being imported */
typedef struct
{
  AttCsvReader          *reader;
  GPtrArray             *headers;       /* char*, normalised */
  char                  *name;          /* the file's base name, for messages */
  AttImportReport       *report;
  AttImportReport       *own_report;    /* when the caller wants none */
  const AttImportColumn *specs;
  guint                  n_specs;
  int                    columns[32];   /* spec -> file column, or -1 */
  GPtrArray             *row;           /* the row being read */
  guint                  line;          /* its row number in the file */
  guint                  row_problems;  /* problems found in that row */
  guint                  n_rows;        /* rows found by the first reading */
  const AttImportOptions *options;      /* never NULL once started */
  AttImportOptions       defaults;      /* when the caller gave none */
  AttImportPreviewRow   *preview_row;   /* the row being read, when previewed */
  gboolean               cancelled;     /* the caller cancelled between rows */
} AttImporter;

/* att-import.c */

void      _att_import_problem_free (AttImportProblem *problem);
/* What the file of @type is: its columns and most rows. */
const AttImportKind *_att_import_kind (AttImportType type);
/* Tells the caller how far the import has gone (0 to 1). */
void      _att_importer_progress  (AttImporter      *imp,
                                   double            fraction);

/* A problem with the current row (or, with imp->line 0, the file). */
void      _att_importer_problem   (AttImporter      *imp,
                                   const char       *column,
                                   const char       *message);
void      _att_importer_problemf  (AttImporter      *imp,
                                   const char       *column,
                                   const char       *format,
                                   ...) G_GNUC_PRINTF (3, 4);
/* Accepted, but worth saying. */
void      _att_importer_notice    (AttImporter      *imp,
                                   guint             line,
                                   const char       *column,
                                   const char       *message);

/* att-import-file.c */

/* The start of every import: the user's right, the pupils the rows are
 * matched against, and the file opened, its columns found and its form
 * checked. A NULL @report is one of the importer's own, freed with it.
 * FALSE with @error only when the import cannot start at all; a file
 * that is not usable gets problems in the report. */
gboolean  _att_importer_start     (AttImporter            *imp,
                                   AttDb                  *db,
                                   const AttUser          *user,
                                   AttPermission           perm,
                                   const AttImportSource  *source,
                                   const AttImportKind    *kind,
                                   AttImportReport        *report,
                                   GError                **error);
/* The same with the caller's options (NULL for the defaults). */
gboolean  _att_importer_start_full (AttImporter            *imp,
                                    AttDb                  *db,
                                    const AttUser          *user,
                                    AttPermission           perm,
                                    const AttImportSource  *source,
                                    const AttImportKind    *kind,
                                    const AttImportOptions *options,
                                    AttImportReport        *report,
                                    GError                **error);
/* Whether the rows can be checked: the file was read and has every
 * required column. */
gboolean  _att_importer_usable    (AttImporter      *imp);
/* The next row for the checks, in imp->row and imp->line: FALSE at the
 * end of the file. */
gboolean  _att_importer_next_row  (AttImporter      *imp);
void      _att_importer_clear     (AttImporter      *imp);

G_END_DECLS
