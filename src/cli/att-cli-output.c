/* att-cli-output.c: tables and JSON for attendance-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "att-cli-private.h"

struct _AttCliTable
{
  GPtrArray *headers;   /* char* */
  GPtrArray *rows;      /* GPtrArray of char* */
  GArray    *right;     /* gboolean per column */
};

AttCliTable *
att_cli_table_new (const char *first_header,
                   ...)
{
  AttCliTable *table = g_new0 (AttCliTable, 1);
  va_list args;

  table->headers = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  table->right = g_array_new (FALSE, TRUE, sizeof (gboolean));

  va_start (args, first_header);
  for (const char *h = first_header; h != NULL; h = va_arg (args, const char *))
    att_cli_table_add_header (table, h);
  va_end (args);
  return table;
}

void
att_cli_table_add_header (AttCliTable *table,
                          const char  *header)
{
  gboolean right = FALSE;

  g_ptr_array_add (table->headers, g_strdup (header));
  g_array_append_val (table->right, right);
}

void
att_cli_table_align_right (AttCliTable *table,
                           guint        column)
{
  g_return_if_fail (column < table->right->len);
  g_array_index (table->right, gboolean, column) = TRUE;
}

void
att_cli_table_add_row (AttCliTable *table,
                       const char  *first_cell,
                       ...)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, first_cell);
  for (const char *c = first_cell; c != NULL; c = va_arg (args, const char *))
    g_ptr_array_add (row, att_text_escape (c));
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

/* Cells are escaped as they come in: what older data holds (a line break
 * in a name, an escape sequence in a comment) shows as \n or \x1B and
 * can neither break the table nor drive the terminal. */
void
att_cli_table_add_row_array (AttCliTable *table,
                             GPtrArray   *cells)
{
  g_ptr_array_set_free_func (cells, g_free);
  for (guint i = 0; i < cells->len; i++)
    {
      char *escaped = att_text_escape (g_ptr_array_index (cells, i));

      g_free (g_ptr_array_index (cells, i));
      g_ptr_array_index (cells, i) = escaped;
    }
  g_ptr_array_add (table->rows, cells);
}

static void
print_cell (GString    *line,
            const char *text,
            guint       width,
            gboolean    right,
            gboolean    last)
{
  glong len = g_utf8_strlen (text, -1);
  guint pad = width > len ? width - (guint)len : 0;

  if (right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (!right && !last)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (line, ' ');
}

void
att_cli_table_print (AttCliTable *table)
{
  guint n_cols = table->headers->len;
  g_autofree guint *widths = g_new0 (guint, n_cols);

  for (guint c = 0; c < n_cols; c++)
    widths[c] = g_utf8_strlen (g_ptr_array_index (table->headers, c), -1);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      for (guint c = 0; c < n_cols && c < row->len; c++)
        widths[c] = MAX (widths[c], (guint)g_utf8_strlen (g_ptr_array_index (row, c), -1));
    }

  for (int r = -1; r < (int)table->rows->len; r++)
    {
      GPtrArray *row = r < 0 ? table->headers : g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_cols; c++)
        {
          const char *text = c < row->len ? g_ptr_array_index (row, c) : "";
          if (c > 0)
            g_string_append (line, "  ");
          print_cell (line, text ? text : "", widths[c],
                      g_array_index (table->right, gboolean, c), c + 1 == n_cols);
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

void
att_cli_table_free (AttCliTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->headers);
  g_ptr_array_unref (table->rows);
  g_array_unref (table->right);
  g_free (table);
}

AttCliJson *
att_cli_begin_list (AttCliContext *ctx)
{
  AttCliJson *writer;

  if (!att_cli_flag (ctx, "json"))
    return NULL;
  writer = att_cli_json_new (ctx);
  att_cli_json_begin_array (writer);
  return writer;
}

void
att_cli_print_list (AttCliJson  *writer,
                    AttCliTable *table)
{
  if (writer != NULL)
    {
      att_cli_json_end_array (writer);
      att_cli_print_json (writer);
    }
  else if (table != NULL)
    att_cli_table_print (table);
}

double
att_cli_round_pct (double value)
{
  return round (value * 10.0) / 10.0;
}

char *
att_cli_format_codes (const guint *codes)
{
  GString *out = g_string_new (NULL);

  for (guint c = ATT_CODE_NONE + 1; c < ATT_CODE_N_CODES; c++)
    if (codes[c] > 0)
      g_string_append_printf (out, "%s%s %u", out->len ? ", " : "",
                              att_code_to_string (c), codes[c]);
  return g_string_free (out, FALSE);
}

char *
att_cli_format_pct (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", att_cli_round_pct (value)));
}
