/* att-csv.c: reading and writing comma-separated files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "att-csv-private.h"
#include "att-error.h"

void
att_csv_free (AttCsv *csv)
{
  if (csv == NULL)
    return;
  g_clear_pointer (&csv->headers, g_ptr_array_unref);
  g_clear_pointer (&csv->rows, g_ptr_array_unref);
  g_clear_pointer (&csv->row_lines, g_array_unref);
  g_free (csv);
}

/* Lower case, trimmed, with '-' and ' ' as '_': "Date of Birth",
 * "date-of-birth" and "DATE_OF_BIRTH" are one column. */
static char *
normalise_header (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_strstrip (lower);
  g_strdelimit (lower, "- ", '_');
  return g_steal_pointer (&lower);
}

/* A record of empty values, or of spaces only (a line a spreadsheet
 * left with a few blanks), holds nothing and is skipped. */
static gboolean
record_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    for (const char *p = g_ptr_array_index (fields, i); *p != '\0'; p++)
      if (*p != ' ' && *p != '\t')
        return FALSE;
  return TRUE;
}

/* The longest row a file may have. A row of an MIS export is a few
 * hundred characters (a pupil with a long medical note a few thousand);
 * anything longer is not a CSV export, or has lost its line breaks, and
 * is refused with its row number rather than read into a value. It also
 * bounds what a row holds in memory, since the reader keeps one row at a
 * time. */
#define MAX_ROW_LENGTH (16 * 1024)

/* How much of the file is read at a time, and how much of its start is
 * looked at to tell what kind of file it is. */
#define BUFFER_SIZE (64 * 1024)
#define SNIFF_LENGTH 4096

struct _AttCsvReader
{
  const AttCsvSourceFuncs *funcs;
  gpointer      source;
  char         *buffer;
  gsize         size;         /* of the buffer */
  gsize         start;        /* the unread bytes are buffer[start, end) */
  gsize         end;
  gboolean      eof;
  gboolean      sniffed;      /* the start of the file has been looked at */
  guint         row;          /* the file's row of the next record */
  GPtrArray    *fields;       /* the record last read: char* into @pool */
  GPtrArray    *pool;         /* GString per field, kept from row to row so
                               * that reading a row allocates nothing */
  guint         error_row;
  int           error_field;
};

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

/* The buffer of the field the record being read is at, emptied. */
static GString *
start_field (AttCsvReader *reader)
{
  GString *field;

  if (reader->fields->len >= reader->pool->len)
    g_ptr_array_add (reader->pool, g_string_new (NULL));
  field = g_ptr_array_index (reader->pool, reader->fields->len);
  g_string_truncate (field, 0);
  return field;
}

AttCsvReader *
att_csv_reader_new_for_source (const AttCsvSourceFuncs *funcs,
                               gpointer                 source,
                               gsize                    buffer_size)
{
  AttCsvReader *reader;

  g_return_val_if_fail (funcs != NULL && funcs->read != NULL, NULL);
  g_return_val_if_fail (buffer_size >= SNIFF_LENGTH, NULL);

  reader = g_new0 (AttCsvReader, 1);
  reader->funcs = funcs;
  reader->source = source;
  reader->size = buffer_size;
  reader->buffer = g_malloc (buffer_size);
  reader->fields = g_ptr_array_new ();
  reader->pool = g_ptr_array_new_with_free_func (free_string);
  reader->row = 1;
  reader->error_field = -1;
  return reader;
}

/* Bytes in memory */

typedef struct
{
  const char *data;
  gsize       length;
  gsize       offset;
  GBytes     *bytes;   /* what @data belongs to, or NULL */
} MemorySource;

static gssize
memory_read (gpointer   source,
             char      *buffer,
             gsize      size,
             GError   **error)
{
  MemorySource *mem = source;
  gsize n = MIN (size, mem->length - mem->offset);

  memcpy (buffer, mem->data + mem->offset, n);
  mem->offset += n;
  return n;
}

static gboolean
memory_rewind (gpointer   source,
               GError   **error)
{
  ((MemorySource *)source)->offset = 0;
  return TRUE;
}

static void
memory_free (gpointer source)
{
  MemorySource *mem = source;

  g_clear_pointer (&mem->bytes, g_bytes_unref);
  g_free (mem);
}

static const AttCsvSourceFuncs memory_funcs = { memory_read, memory_rewind, memory_free };

AttCsvReader *
att_csv_reader_new_for_data (const char *data,
                             gsize       length)
{
  MemorySource *mem;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  mem = g_new0 (MemorySource, 1);
  mem->data = data;
  mem->length = length;
  return att_csv_reader_new_for_source (&memory_funcs, mem, BUFFER_SIZE);
}

AttCsvReader *
att_csv_reader_new_for_bytes (GBytes *bytes)
{
  MemorySource *mem;

  g_return_val_if_fail (bytes != NULL, NULL);

  mem = g_new0 (MemorySource, 1);
  mem->bytes = g_bytes_ref (bytes);
  mem->data = g_bytes_get_data (bytes, &mem->length);
  return att_csv_reader_new_for_source (&memory_funcs, mem, BUFFER_SIZE);
}

/* A file open as a descriptor. The messages are GLib's own, in its
 * words and translations, as a file read through GIO reports them. */

int
att_csv_open_file (const char  *path,
                   GError     **error)
{
  struct stat st;
  int fd;
  int errsv;

  g_return_val_if_fail (path != NULL, -1);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  errsv = errno;
  if (fd >= 0 && fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_close (fd, NULL);
      fd = -1;
      errsv = EISDIR;
    }
  if (fd < 0)
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *display = g_filename_display_name (absolute);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   g_dgettext ("glib20", "Error opening file %s: %s"),
                   display, g_strerror (errsv));
    }
  return fd;
}

static gssize
fd_read (gpointer   source,
         char      *buffer,
         gsize      size,
         GError   **error)
{
  int fd = GPOINTER_TO_INT (source);
  gssize n;

  do
    n = read (fd, buffer, size);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   g_dgettext ("glib20", "Error reading from file: %s"),
                   g_strerror (errsv));
    }
  return n;
}

static gboolean
fd_rewind (gpointer   source,
           GError   **error)
{
  if (lseek (GPOINTER_TO_INT (source), 0, SEEK_SET) < 0)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   g_dgettext ("glib20", "Error seeking in file: %s"),
                   g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

static void
fd_free (gpointer source)
{
  g_close (GPOINTER_TO_INT (source), NULL);
}

static const AttCsvSourceFuncs fd_funcs = { fd_read, fd_rewind, fd_free };

AttCsvReader *
att_csv_reader_new_for_fd (int fd)
{
  g_return_val_if_fail (fd >= 0, NULL);

  return att_csv_reader_new_for_source (&fd_funcs, GINT_TO_POINTER (fd), BUFFER_SIZE);
}

void
att_csv_reader_free (AttCsvReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->funcs->free != NULL)
    reader->funcs->free (reader->source);
  g_clear_pointer (&reader->buffer, g_free);
  g_clear_pointer (&reader->fields, g_ptr_array_unref);
  g_clear_pointer (&reader->pool, g_ptr_array_unref);
  g_free (reader);
}

guint
att_csv_reader_get_error_row (AttCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->error_row;
}

int
att_csv_reader_get_error_field (AttCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, -1);
  return reader->error_field;
}

G_GNUC_PRINTF (5, 6)
static void
reader_fail (AttCsvReader  *reader,
             guint          row,
             int            field,
             GError       **error,
             const char    *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  reader->error_row = row;
  reader->error_field = field;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ATT_ERROR, ATT_ERROR_INVALID, message);
}

/* Reads until at least @want bytes (no more than the buffer holds) are
 * buffered or the file ends. */
static gboolean
fill (AttCsvReader  *reader,
      gsize          want,
      GError       **error)
{
  g_autoptr(GError) local = NULL;

  want = MIN (want, reader->size);
  if (reader->end - reader->start >= want || reader->eof)
    return TRUE;

  if (reader->start > 0)
    {
      memmove (reader->buffer, reader->buffer + reader->start, reader->end - reader->start);
      reader->end -= reader->start;
      reader->start = 0;
    }
  while (reader->end < want && !reader->eof)
    {
      gssize n = reader->funcs->read (reader->source, reader->buffer + reader->end,
                                      reader->size - reader->end, &local);

      if (n < 0)
        {
          reader_fail (reader, 0, -1, error, _("the file could not be read: %s"), local->message);
          return FALSE;
        }
      if (n == 0)
        reader->eof = TRUE;
      reader->end += n;
    }
  return TRUE;
}

/* The byte @offset bytes ahead, or -1 at the end of the file. */
static inline int
peek (AttCsvReader  *reader,
      gsize          offset,
      GError       **error,
      gboolean      *failed)
{
  if (reader->end - reader->start <= offset && !fill (reader, offset + 1, error))
    {
      *failed = TRUE;
      return -1;
    }
  if (reader->end - reader->start <= offset)
    return -1;
  return (guchar)reader->buffer[reader->start + offset];
}

static gboolean
starts_with (const guchar *data,
             gsize         length,
             const char   *magic,
             gsize         magic_length)
{
  return length >= magic_length && memcmp (data, magic, magic_length) == 0;
}

/* Whether the bytes look like ASCII text written as UTF-16: every other
 * byte zero, and the bytes between them not. */
static gboolean
looks_like_utf16 (const guchar *data,
                  gsize         length)
{
  guint pairs = 0;

  for (int zero = 0; zero < 2; zero++)
    {
      gboolean all = TRUE;

      pairs = 0;
      for (gsize i = 0; i + 1 < length && i < 64; i += 2, pairs++)
        if (data[i + zero] != 0 || data[i + 1 - zero] == 0)
          {
            all = FALSE;
            break;
          }
      if (all && pairs >= 2)
        return TRUE;
    }
  return FALSE;
}

/* Tells, from the start of the file, what kind of file it is when it is
 * plainly not a CSV file in UTF-8, so that the office is told what the
 * file is and how to save it as it should be, rather than "row 1 is not
 * UTF-8". A UTF-8 byte-order mark, as spreadsheets write for "CSV UTF-8",
 * is skipped. */
static gboolean
sniff (AttCsvReader  *reader,
       GError       **error)
{
  const guchar *data;
  gsize length;

  reader->sniffed = TRUE;
  if (!fill (reader, SNIFF_LENGTH, error))
    return FALSE;
  data = (const guchar *)reader->buffer + reader->start;
  length = MIN (reader->end - reader->start, SNIFF_LENGTH);

  if (starts_with (data, length, "\xEF\xBB\xBF", 3))
    {
      reader->start += 3;
      return TRUE;
    }
  if (starts_with (data, length, "\xFF\xFE\0\0", 4) ||
      starts_with (data, length, "\0\0\xFE\xFF", 4))
    {
      reader_fail (reader, 0, -1, error,
                   _("the file is saved as UTF-32 text, not UTF-8: open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"));
      return FALSE;
    }
  if (starts_with (data, length, "\xFF\xFE", 2) ||
      starts_with (data, length, "\xFE\xFF", 2) ||
      looks_like_utf16 (data, length))
    {
      reader_fail (reader, 0, -1, error,
                   _("the file is saved as UTF-16 (“Unicode text”), not UTF-8: open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"));
      return FALSE;
    }
  if (starts_with (data, length, "PK\x03\x04", 4))
    {
      reader_fail (reader, 0, -1, error,
                   _("this is an Excel workbook (or another zipped file), not a CSV file: open it in the spreadsheet and save it as “CSV UTF-8 (comma delimited)”"));
      return FALSE;
    }
  if (starts_with (data, length, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    {
      reader_fail (reader, 0, -1, error,
                   _("this is an old Excel workbook (.xls) or Word document, not a CSV file: open it in the spreadsheet and save it as “CSV UTF-8 (comma delimited)”"));
      return FALSE;
    }
  if (starts_with (data, length, "SQLite format 3", 16))
    {
      reader_fail (reader, 0, -1, error,
                   _("this is a database, not a CSV file: choose the CSV file exported from the management information system"));
      return FALSE;
    }
  if (starts_with (data, length, "%PDF-", 5))
    {
      reader_fail (reader, 0, -1, error,
                   _("this is a PDF document, not a CSV file: choose the CSV file exported from the management information system"));
      return FALSE;
    }
  /* Text never holds a NUL byte; a picture, a program or any other
   * binary file does, near its start. */
  if (memchr (data, '\0', length) != NULL)
    {
      reader_fail (reader, 0, -1, error,
                   _("this is not a text file (it holds NUL bytes): choose the CSV file exported from the management information system"));
      return FALSE;
    }
  return TRUE;
}

/* Checks a finished value: UTF-8 with no NUL byte. */
static gboolean
check_field (AttCsvReader  *reader,
             GString       *field,
             guint          row,
             GError       **error)
{
  const char *bad = NULL;
  int index = (int)reader->fields->len;

  if (memchr (field->str, '\0', field->len) != NULL)
    {
      reader_fail (reader, row, index, error,
                   _("this row holds a NUL byte, which a text file never has: the file is damaged, or is not a CSV file"));
      return FALSE;
    }
  if (!g_utf8_validate_len (field->str, field->len, &bad))
    {
      /* Say where, with the text before it (a few characters at most),
       * so that the value can be found in the spreadsheet. */
      const char *from = bad;
      g_autofree char *before = NULL;

      for (guint n = 0; n < 20 && from > field->str; n++)
        from = g_utf8_find_prev_char (field->str, from);
      before = g_strndup (from, bad - from);
      if (*before != '\0')
        reader_fail (reader, row, index, error,
                     _("the text after “%s” is not UTF-8 (the file was probably saved as Windows or Latin-1 text): open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"),
                     before);
      else
        reader_fail (reader, row, index, error,
                     _("the text is not UTF-8 (the file was probably saved as Windows or Latin-1 text): open it in the spreadsheet and save it again as “CSV UTF-8 (comma delimited)”"));
      return FALSE;
    }
  return TRUE;
}

/* The parser works on bytes; the separators it looks for are ASCII,
 * which never occur inside a UTF-8 sequence, so each field is checked as
 * UTF-8 once it is complete and a bad one is reported with its row. */
gboolean
att_csv_reader_next (AttCsvReader  *reader,
                     GPtrArray    **fields,
                     guint         *row,
                     GError       **error)
{
  GString *field;
  guint quote_row = 0;    /* where an open quoted field started */
  gsize row_length = 0;   /* bytes of the record read so far */
  gboolean in_quotes = FALSE;
  gboolean failed = FALSE;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  reader->error_row = 0;
  reader->error_field = -1;
  if (!reader->sniffed && !sniff (reader, error))
    return FALSE;

  g_ptr_array_set_size (reader->fields, 0);
  field = start_field (reader);

  while (TRUE)
    {
      int c = peek (reader, 0, error, &failed);
      gboolean at_end = c < 0;
      gboolean end_field = FALSE;
      gboolean end_record = FALSE;

      if (failed)
        return FALSE;

      if (row_length > MAX_ROW_LENGTH)
        {
          reader_fail (reader, in_quotes ? quote_row : reader->row, -1, error,
                       _("this row is longer than %u characters, the most a row may have: is this the right file, saved as CSV?"),
                       (guint)MAX_ROW_LENGTH);
          return FALSE;
        }

      if (in_quotes)
        {
          if (at_end)
            {
              reader_fail (reader, quote_row, (int)reader->fields->len, error,
                           _("a quoted value starts here but is never closed (a \" is missing)"));
              return FALSE;
            }
          reader->start++;
          row_length++;
          if (c == '"')
            {
              if (peek (reader, 0, error, &failed) == '"')
                {
                  g_string_append_c (field, '"');
                  reader->start++;
                  row_length++;
                }
              else
                in_quotes = FALSE;
              if (failed)
                return FALSE;
              continue;
            }
          /* Line breaks inside quotes belong to the value; CRLF is kept as
           * LF so that values compare the same from any system, and so is
           * CR CR LF (CRLF converted twice, as a text-mode copy does), so
           * that no value read ever holds a CRLF. A lone CR stays. */
          if (c == '\r' && peek (reader, 0, error, &failed) == '\n')
            continue;
          if (failed)
            return FALSE;
          if (c == '\n')
            while (field->len > 0 && field->str[field->len - 1] == '\r')
              g_string_truncate (field, field->len - 1);
          g_string_append_c (field, (char)c);
          continue;
        }

      if (at_end)
        {
          end_field = end_record = TRUE;
        }
      else if (c == ',')
        {
          end_field = TRUE;
          reader->start++;
          row_length++;
        }
      else if (c == '\n' || c == '\r')
        {
          end_field = end_record = TRUE;
          reader->start++;
          if (c == '\r' && peek (reader, 0, error, &failed) == '\n')
            reader->start++;
          if (failed)
            return FALSE;
        }
      else if (c == '"' && field->len == 0)
        {
          in_quotes = TRUE;
          quote_row = reader->row;
          reader->start++;
          row_length++;
          continue;
        }
      else
        {
          /* A quote inside an unquoted value, or text after a closing
           * quote, is kept as it is: spreadsheets read it that way. */
          g_string_append_c (field, (char)c);
          reader->start++;
          row_length++;
          continue;
        }

      if (end_field)
        {
          if (!check_field (reader, field, reader->row, error))
            return FALSE;
          g_ptr_array_add (reader->fields, field->str);
          if (!end_record)
            field = start_field (reader);
        }

      if (end_record)
        {
          guint this_row = reader->row;

          /* A final line break leaves an empty last record, skipped like
           * any blank line. */
          if (!record_is_blank (reader->fields))
            {
              if (!at_end)
                reader->row++;
              *fields = reader->fields;
              *row = this_row;
              return TRUE;
            }
          if (at_end)
            return FALSE;
          g_ptr_array_set_size (reader->fields, 0);
          field = start_field (reader);
          reader->row++;
          row_length = 0;
        }
    }
}

gboolean
att_csv_reader_rewind (AttCsvReader  *reader,
                       GError       **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (reader->funcs->rewind == NULL ||
      !reader->funcs->rewind (reader->source, &local))
    {
      reader_fail (reader, 0, -1, error,
                   _("the file cannot be read a second time, as an import reads it (it is a pipe, not a file): save it to a file and import that"));
      return FALSE;
    }
  reader->start = reader->end = 0;
  reader->eof = FALSE;
  reader->sniffed = FALSE;
  reader->row = 1;
  return TRUE;
}

char *
att_csv_normalise_header (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return normalise_header (text);
}

/* Reads every row into memory, for callers that want them all at once
 * (the importer reads row by row instead). */
static AttCsv *
read_all (AttCsvReader  *reader,
          guint         *error_row,
          GError       **error)
{
  g_autoptr(AttCsv) csv = g_new0 (AttCsv, 1);
  g_autoptr(GError) local = NULL;
  GPtrArray *fields;
  guint row;
  gboolean have_header = FALSE;

  csv->headers = g_ptr_array_new_with_free_func (g_free);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  csv->row_lines = g_array_new (FALSE, FALSE, sizeof (guint));

  while (att_csv_reader_next (reader, &fields, &row, &local))
    {
      if (!have_header)
        {
          for (guint i = 0; i < fields->len; i++)
            g_ptr_array_add (csv->headers, normalise_header (g_ptr_array_index (fields, i)));
          have_header = TRUE;
        }
      else
        {
          GPtrArray *copy = g_ptr_array_new_full (fields->len, g_free);

          for (guint i = 0; i < fields->len; i++)
            g_ptr_array_add (copy, g_strdup (g_ptr_array_index (fields, i)));
          g_ptr_array_add (csv->rows, copy);
          g_array_append_val (csv->row_lines, row);
        }
    }
  if (local != NULL)
    {
      *error_row = att_csv_reader_get_error_row (reader);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  if (!have_header)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("the file is empty: it needs a first row of column names"));
      *error_row = 0;
      return NULL;
    }

  return g_steal_pointer (&csv);
}

AttCsv *
att_csv_parse_at (const char  *data,
                  gsize        length,
                  guint       *error_row,
                  GError     **error)
{
  g_autoptr(AttCsvReader) reader = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error_row != NULL, NULL);

  reader = att_csv_reader_new_for_data (data ? data : "", length);
  return read_all (reader, error_row, error);
}

/* The message of a failure at @row: "Row 4: ..." */
static void
prefix_row (GError     **error,
            GError      *local,
            guint        row)
{
  if (row > 0)
    /* Translators: "Row 4: the text is not UTF-8: ..." */
    g_set_error (error, ATT_ERROR, local->code, _("Row %u: %s"), row, local->message);
  else
    g_set_error_literal (error, ATT_ERROR, local->code, local->message);
}

AttCsv *
att_csv_parse (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  guint row = 0;
  AttCsv *csv;

  csv = att_csv_parse_at (data, length, &row, &local);
  if (csv == NULL)
    prefix_row (error, local, row);
  return csv;
}

AttCsv *
att_csv_read_file (const char  *path,
                   GError     **error)
{
  g_autoptr(AttCsvReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *name = NULL;
  guint row = 0;
  AttCsv *csv;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_path_get_basename (path);
  fd = att_csv_open_file (path, &local);
  if (fd < 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("%s could not be read: %s"), name, local->message);
      return NULL;
    }

  reader = att_csv_reader_new_for_fd (fd);
  csv = read_all (reader, &row, &local);
  if (csv == NULL)
    {
      prefix_row (&parse_error, local, row);
      g_set_error (error, ATT_ERROR, parse_error->code, "%s: %s", name, parse_error->message);
    }
  return csv;
}

int
att_csv_column (AttCsv     *csv,
                const char *name)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (csv != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  norm = normalise_header (name);
  for (guint i = 0; i < csv->headers->len; i++)
    if (strcmp (g_ptr_array_index (csv->headers, i), norm) == 0)
      return (int)i;
  return -1;
}

/* A cell that begins with one of these is read by a spreadsheet as a
 * formula (or, for tab and carriage return, may be turned into one), so a
 * name or comment such as "=HYPERLINK(...)" could run in the office's
 * spreadsheet. Such a cell is written as text: with a leading apostrophe,
 * as OWASP recommends. A cell that begins with an apostrophe gets one too,
 * so that the reader can take exactly one away (att_csv_unprotect()) and
 * every value comes back as it was. */
static gboolean
needs_protection (const char *field)
{
  return field[0] != '\0' && strchr ("=+-@\t\r'", field[0]) != NULL;
}

char *
att_csv_quote (const char *field)
{
  g_autofree char *protected = NULL;
  GString *out;
  gsize len;

  if (field == NULL)
    return g_strdup ("");

  if (needs_protection (field))
    field = protected = g_strconcat ("'", field, NULL);

  len = strlen (field);
  /* Spaces at either end are quoted too, so that they survive a reader
   * that trims. */
  if (strpbrk (field, ",\"\r\n") == NULL &&
      (len == 0 || (field[0] != ' ' && field[len - 1] != ' ')))
    return g_strdup (field);

  out = g_string_sized_new (len + 2);
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

const char *
att_csv_unprotect (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (field[0] == '\'' && needs_protection (field + 1))
    return field + 1;
  return field;
}

void
att_csv_append_row (GString           *out,
                    const char * const *cells,
                    guint               n_cells)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *cell = att_csv_quote (cells[i]);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, cell);
    }
  g_string_append_c (out, '\n');
}

gboolean
att_parse_bool (const char *text,
                gboolean   *value)
{
  static const char * const yes[] = { "1", "y", "yes", "true" };
  static const char * const no[] = { "0", "n", "no", "false" };
  g_autofree char *clean = NULL;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  clean = g_strstrip (g_strdup (text));
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (clean, yes[i]) == 0)
        {
          *value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (clean, no[i]) == 0)
        {
          *value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}
