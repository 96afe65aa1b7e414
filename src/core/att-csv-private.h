/* att-csv-private.h: the CSV parser as the importer uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "att-import.h"

G_BEGIN_DECLS

/* Like att_csv_parse(), but on failure sets @error_row to the file's row
 * at fault (0 for the whole file) and leaves the row out of the message,
 * so that the importer can report it as a problem with its row. */
AttCsv       *att_csv_parse_at          (const char   *data,
                                         gsize         length,
                                         guint        *error_row,
                                         GError      **error);

/* Reads a CSV file one record at a time from a stream, so that a file of
 * any size is read in bounded memory: the reader holds one row (at most
 * 16 KiB) and a buffer. The start of the file is looked at first, and a
 * file that is plainly something else (UTF-16 text, a workbook, a
 * database, a PDF) is refused saying what it is. Blank records are
 * skipped; the first record returned is the header. */
typedef struct _AttCsvReader AttCsvReader;

/* What a reader reads from: @read fills @buffer with up to @size bytes
 * and returns how many (0 at the end of the file, -1 with @error);
 * @rewind goes back to the start of the file, FALSE when it cannot (a
 * pipe); @free lets go of @source when the reader is freed. The reader
 * over a GInputStream is in att-csv-stream.c, so that a program that only
 * reads files and memory does not link GIO. */
typedef struct
{
  gssize   (*read)   (gpointer   source,
                      char      *buffer,
                      gsize      size,
                      GError   **error);
  gboolean (*rewind) (gpointer   source,
                      GError   **error);
  void     (*free)   (gpointer   source);
} AttCsvSourceFuncs;

AttCsvReader *att_csv_reader_new_for_source (const AttCsvSourceFuncs *funcs,
                                             gpointer                 source,
                                             gsize                    buffer_size);
/* Opens the file at @path for reading, returning its descriptor or -1
 * with @error (whose message names the path and says why). */
int           att_csv_open_file         (const char    *path,
                                         GError       **error);
/* Reads the file open as @fd, which the reader closes when it is freed.
 * It rewinds when @fd can seek (a file, not a pipe). */
AttCsvReader *att_csv_reader_new_for_fd (int            fd);
/* Reads @bytes, which the reader holds a reference to. */
AttCsvReader *att_csv_reader_new_for_bytes (GBytes     *bytes);

/* In att-csv-stream.c: reads @stream, rewinding it when it is seekable. */
AttCsvReader *att_csv_reader_new        (GInputStream  *stream);
/* With a buffer of @buffer_size bytes (at least 4 KiB, what is looked at
 * to tell the kind of file) rather than 64 KiB, so that the tests can make
 * a small file cross the buffer's edges. */
AttCsvReader *att_csv_reader_new_full   (GInputStream  *stream,
                                         gsize          buffer_size);
/* @data must stay alive as long as the reader. */
AttCsvReader *att_csv_reader_new_for_data (const char  *data,
                                           gsize        length);
void          att_csv_reader_free       (AttCsvReader  *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCsvReader, att_csv_reader_free)
/* TRUE with the next record's fields (the reader's own, valid until the
 * next call) and its row in the file; FALSE at the end of the file, or
 * with @error (then the row and the field at fault are kept). */
gboolean      att_csv_reader_next       (AttCsvReader  *reader,
                                         GPtrArray    **fields,
                                         guint         *row,
                                         GError       **error);
/* The row of the last error, 0 for the whole file. */
guint         att_csv_reader_get_error_row   (AttCsvReader *reader);
/* The index of the field of the last error, -1 for none. */
int           att_csv_reader_get_error_field (AttCsvReader *reader);
/* Back to the start of the file, for a second reading. */
gboolean      att_csv_reader_rewind     (AttCsvReader  *reader,
                                         GError       **error);
/* A header as the parser normalises it: lower case, trimmed, with '-'
 * and ' ' as '_'. */
char         *att_csv_normalise_header  (const char    *text);

G_END_DECLS
