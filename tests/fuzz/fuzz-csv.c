/* fuzz-csv.c: the CSV reader and writer under libFuzzer
 *
 * Each input is read as a CSV file three ways, which must agree: whole
 * (att_csv_parse()), and row by row with a buffer of 4 KiB (the
 * smallest the reader takes), so that the rows of a longer input cross
 * the buffer's edges (.ci/run lets inputs grow to 16 KiB). What was read is then written
 * with the product's one CSV writer and read again: every value must come
 * back as it was (after the apostrophe that protects a formula-looking
 * value is taken off), and no written value may begin with a character a
 * spreadsheet takes for a formula.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "att-csv-private.h"
#include "att-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define CHECK(cond) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        g_printerr ("fuzz-csv: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

/* Reads @data with the small buffer and checks that it gives the rows of
 * @csv, or fails on the same row. */
static void
check_small_buffer (const char *data,
                    gsize       size,
                    AttCsv     *csv,
                    guint       error_row)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(AttCsvReader) reader = att_csv_reader_new_full (stream, 4096);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;
  guint row, n = 0;

  while (att_csv_reader_next (reader, &fields, &row, &error))
    {
      if (csv == NULL)
        ;  /* the rows before the one at fault */
      else if (n > 0)
        {
          GPtrArray *expected;

          CHECK (n - 1 < csv->rows->len);
          expected = g_ptr_array_index (csv->rows, n - 1);
          CHECK (row == g_array_index (csv->row_lines, guint, n - 1));
          CHECK (fields->len == expected->len);
          for (guint i = 0; i < fields->len; i++)
            CHECK (strcmp (g_ptr_array_index (fields, i), g_ptr_array_index (expected, i)) == 0);
        }
      else
        CHECK (fields->len == csv->headers->len);
      n++;
    }
  if (csv != NULL)
    {
      CHECK (error == NULL);
      CHECK (n == csv->rows->len + 1);
    }
  else if (error != NULL)
    {
      CHECK (att_csv_reader_get_error_row (reader) == error_row);
      CHECK (error->domain == ATT_ERROR);
    }
  else
    /* No header at all: the whole-file parser calls that empty. */
    CHECK (n == 0 && error_row == 0);
}

/* Writes the rows of @csv and reads them back. */
static void
check_round_trip (AttCsv *csv)
{
  g_autoptr(GString) out = g_string_new ("h\n");
  g_autoptr(AttCsv) again = NULL;
  g_autoptr(GError) error = NULL;

  for (guint r = 0; r < csv->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (csv->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      /* No cell a spreadsheet would run. */
      for (guint i = 0; i < row->len; i++)
        {
          g_autofree char *cell = att_csv_quote (g_ptr_array_index (row, i));
          const char *first = cell[0] == '"' ? cell + 1 : cell;

          CHECK (*first == '\0' || strchr ("=+-@\t\r", *first) == NULL);
        }
      att_csv_append_row (line, (const char * const *)row->pdata, row->len);
      /* A row written longer than the reader takes (quotes doubled,
       * apostrophes added) cannot come back; the product never writes
       * values that long. */
      if (line->len > 16 * 1024)
        return;
      g_string_append_len (out, line->str, line->len);
    }

  again = att_csv_parse (out->str, out->len, &error);
  CHECK (again != NULL);
  CHECK (again->rows->len == csv->rows->len);
  for (guint r = 0; r < csv->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (csv->rows, r);
      GPtrArray *back = g_ptr_array_index (again->rows, r);

      CHECK (back->len == row->len);
      for (guint i = 0; i < row->len; i++)
        CHECK (strcmp (att_csv_unprotect (g_ptr_array_index (back, i)),
                       g_ptr_array_index (row, i)) == 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AttCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  guint error_row = 0;

  csv = att_csv_parse_at ((const char *)data, size, &error_row, &error);
  CHECK ((csv == NULL) == (error != NULL));
  if (error != NULL)
    {
      CHECK (error->domain == ATT_ERROR);
      CHECK (g_utf8_validate (error->message, -1, NULL));
    }
  check_small_buffer ((const char *)data, size, csv, error_row);
  if (csv != NULL)
    check_round_trip (csv);
  return 0;
}
