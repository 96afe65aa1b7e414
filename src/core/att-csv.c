/* att-csv.c: reading and writing comma-separated files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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

static gboolean
record_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (*(const char *)g_ptr_array_index (fields, i) != '\0')
      return FALSE;
  return TRUE;
}

/* The longest row a file may have. A row of an MIS export is a few
 * hundred characters (a pupil with a long medical note a few thousand);
 * anything longer is not a CSV export, or has lost its line breaks, and
 * is refused with its row number rather than read into a value. */
#define MAX_ROW_LENGTH (16 * 1024)

/* Files are read whole: MIS exports are a few megabytes at most. The
 * parser works on bytes; the separators it looks for are ASCII, which
 * never occur inside a UTF-8 sequence, so each field is checked as UTF-8
 * once it is complete and a bad one is reported with its row. */
AttCsv *
att_csv_parse_at (const char  *data,
                  gsize        length,
                  guint       *error_row,
                  GError     **error)
{
  g_autoptr(AttCsv) csv = g_new0 (AttCsv, 1);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = data;
  const char *end = data + length;
  guint row = 1;          /* the row being read, as a spreadsheet counts */
  guint quote_row = 0;    /* where an open quoted field started */
  const char *row_start;  /* where the record being read started */
  gboolean in_quotes = FALSE;
  gboolean have_header = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error_row != NULL, NULL);

  if (data == NULL)
    p = end = "";

  csv->headers = g_ptr_array_new_with_free_func (g_free);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  csv->row_lines = g_array_new (FALSE, FALSE, sizeof (guint));

  /* A byte-order mark, as spreadsheets write for "CSV UTF-8". */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  fields = g_ptr_array_new_with_free_func (g_free);
  row_start = p;

  while (TRUE)
    {
      gboolean at_end = p >= end;
      char c = at_end ? '\0' : *p;
      gboolean end_field = FALSE;
      gboolean end_record = FALSE;

      if ((gsize)(p - row_start) > MAX_ROW_LENGTH)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("this row is longer than %u characters, the most a row may have: is this the right file, saved as CSV?"),
                       (guint)MAX_ROW_LENGTH);
          *error_row = in_quotes ? quote_row : row;
          return NULL;
        }

      if (in_quotes)
        {
          if (at_end)
            {
              g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("a quoted value starts here but is never closed (a \" is missing)"));
              *error_row = quote_row;
              return NULL;
            }
          if (c == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else
                {
                  in_quotes = FALSE;
                  p++;
                }
              continue;
            }
          /* Line breaks inside quotes belong to the value; CRLF is kept as
           * LF so that values compare the same from any system. */
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            {
              p++;
              continue;
            }
          g_string_append_c (field, c);
          p++;
          continue;
        }

      if (at_end)
        {
          end_field = end_record = TRUE;
        }
      else if (c == ',')
        {
          end_field = TRUE;
          p++;
        }
      else if (c == '\n' || c == '\r')
        {
          end_field = end_record = TRUE;
          p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
        }
      else if (c == '"' && field->len == 0)
        {
          in_quotes = TRUE;
          quote_row = row;
          p++;
          continue;
        }
      else
        {
          /* A quote inside an unquoted value, or text after a closing
           * quote, is kept as it is: spreadsheets read it that way. */
          g_string_append_c (field, c);
          p++;
          continue;
        }

      if (end_field)
        {
          if (!g_utf8_validate_len (field->str, field->len, NULL) ||
              memchr (field->str, '\0', field->len) != NULL)
            {
              g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("the text is not UTF-8: save the file again as “CSV UTF-8”"));
              *error_row = row;
              return NULL;
            }
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
        }

      if (end_record)
        {
          if (!record_is_blank (fields))
            {
              if (!have_header)
                {
                  for (guint i = 0; i < fields->len; i++)
                    g_ptr_array_add (csv->headers,
                                     normalise_header (g_ptr_array_index (fields, i)));
                  have_header = TRUE;
                  g_ptr_array_set_size (fields, 0);
                }
              else
                {
                  g_ptr_array_add (csv->rows, g_steal_pointer (&fields));
                  g_array_append_val (csv->row_lines, row);
                  fields = g_ptr_array_new_with_free_func (g_free);
                }
            }
          else
            g_ptr_array_set_size (fields, 0);

          /* A final line break leaves an empty last record, skipped like
           * any blank line. */
          if (at_end)
            break;
          row++;
          row_start = p;
        }
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
att_csv_parse (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  guint row = 0;
  AttCsv *csv;

  csv = att_csv_parse_at (data, length, &row, &local);
  if (csv != NULL)
    return csv;

  if (row > 0)
    /* Translators: "Row 4: the text is not UTF-8: ..." */
    g_set_error (error, ATT_ERROR, local->code, _("Row %u: %s"), row, local->message);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

AttCsv *
att_csv_read_file (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;
  AttCsv *csv;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_path_get_basename (path);
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("%s could not be read: %s"), name, local->message);
      return NULL;
    }

  csv = att_csv_parse (data, length, &local);
  if (csv == NULL)
    {
      g_set_error (error, ATT_ERROR, local->code, "%s: %s", name, local->message);
      return NULL;
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
