/* att-import-mapping.h: which of a file's columns is each of ours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A school's management information system (SIMS, Arbor, Bromcom,
 * ScholarPack, ...) exports its own column names: "Legal Surname",
 * "Date of Birth", "Reg Group". A mapping says which column of the file
 * is each of ours. It is guessed from the names such systems use, the
 * person importing confirms or corrects it, and the mapping confirmed is
 * remembered for files of the same shape (the same column names), so that
 * next week's file from the same report maps itself.
 */
#pragma once

#include "att-import.h"

G_BEGIN_DECLS

struct _AttImportMapping
{
  AttImportType  type;
  GHashTable    *columns;   /* our column -> the file's header as written, "" for none */
};

AttImportMapping *att_import_mapping_new   (AttImportType           type);
AttImportMapping *att_import_mapping_copy  (const AttImportMapping *mapping);
void        att_import_mapping_free        (AttImportMapping       *mapping);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttImportMapping, att_import_mapping_free)
/* @theirs is a header of the file, "" for none (the column is not
 * imported even if the file has a column of its name), NULL to forget
 * the column (the file's own header of that name is read). */
void        att_import_mapping_set         (AttImportMapping       *mapping,
                                            const char             *ours,
                                            const char             *theirs);
/* NULL when the mapping says nothing of @ours. */
const char *att_import_mapping_get         (const AttImportMapping *mapping,
                                            const char             *ours);
/* Sets from "ours=theirs" (a header may hold "="; ours may not). FALSE
 * with an error naming the text when it is not that, or @ours is not a
 * column of the mapping's kind. */
gboolean    att_import_mapping_parse       (AttImportMapping       *mapping,
                                            const char             *text,
                                            GError                **error);

/* The first row of the file at @path, its headers as written (trimmed);
 * a first line "sep=," is skipped. */
GPtrArray  *att_import_read_headers        (const char             *path,
                                            GError                **error);
/* What a file's headers are, whatever their order and case: a checksum of
 * the normalised set. */
char       *att_import_file_shape          (GPtrArray              *headers);
/* Guesses, from the names MIS exports use, which of @headers is each of
 * our columns of @type; each header once. Our own names map to
 * themselves, so a file written for the importer maps as it always did. */
AttImportMapping *att_import_mapping_guess (AttImportType           type,
                                            GPtrArray              *headers);
/* The mapping remembered for files of @type shaped as @headers, or NULL. */
AttImportMapping *att_import_mapping_recall (AttDb                 *db,
                                             AttImportType          type,
                                             GPtrArray             *headers,
                                             GError               **error);
/* What to offer first: the remembered mapping, else the guess.
 * *@remembered says which (may be NULL). NULL only with an error. */
AttImportMapping *att_import_mapping_for_file (AttDb               *db,
                                               AttImportType        type,
                                               GPtrArray           *headers,
                                               gboolean            *remembered,
                                               GError             **error);
/* Remembers @mapping for files of its type shaped as @headers; an
 * importer's right, audited as a setting. */
gboolean    att_import_mapping_remember    (AttDb                  *db,
                                            const AttUser          *user,
                                            GPtrArray              *headers,
                                            const AttImportMapping *mapping,
                                            GError                **error);

/* The first rows of a file as the import reads them: each row's value for
 * each of our columns and the problems the import finds in it. */
typedef struct
{
  guint       row;        /* the file's row number (the header is row 1) */
  GStrv       values;     /* one for each of att_import_fields(), "" when not read */
  GPtrArray  *problems;   /* AttImportProblem of this row */
} AttImportPreviewRow;

struct _AttImportPreview
{
  AttImportType  type;
  GPtrArray     *rows;    /* AttImportPreviewRow */
  /* Whether the file has a column for each of att_import_fields(). */
  gboolean       mapped[32];
};

AttImportPreview *att_import_preview_new  (AttImportType      type);
void        att_import_preview_free        (AttImportPreview  *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttImportPreview, att_import_preview_free)
/* The problems of @row's column @field ("dob"), "\n" between them, and
 * those of the whole row; NULL when there are none. */
char       *att_import_preview_row_problems (const AttImportPreviewRow *row,
                                             const char                *field);

/* A dry run of the whole file with @mapping (and @leavers_on for pupils)
 * that keeps its first @max_rows rows: the preview, with every problem of
 * the file in @report. NULL only when the file cannot be read at all. */
AttImportPreview *att_import_preview       (AttDb                  *db,
                                            const AttUser          *user,
                                            AttImportType           type,
                                            const char             *path,
                                            const AttImportMapping *mapping,
                                            AttDate                 leavers_on,
                                            guint                   max_rows,
                                            AttImportReport        *report,
                                            GError                **error);

G_END_DECLS
