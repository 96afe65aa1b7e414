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

/* JSON
 *
 * The document is built with JsonBuilder. JsonGenerator writes doubles
 * with 17 significant digits (85.3 becomes 85.299999999999997), while the
 * contract promises percentages with one decimal, so the tree is written
 * out here, with the same layout as JsonGenerator's pretty printing. */

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char)c);
        }
    }
  g_string_append_c (out, '"');
}

static void
indent (GString *out,
        guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void write_node (GString  *out,
                        JsonNode *node,
                        guint     level);

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double value = json_node_get_double (node);

      if (!isfinite (value))
        value = 0;
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.1f", value));
    }
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     level)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append (out, "{\n");
        for (GList *l = members; l != NULL; l = l->next)
          {
            indent (out, level + 1);
            write_string (out, l->data);
            g_string_append (out, " : ");
            write_node (out, json_object_get_member (object, l->data), level + 1);
            g_string_append (out, l->next ? ",\n" : "\n");
          }
        indent (out, level);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append (out, "[\n");
        for (guint i = 0; i < n; i++)
          {
            indent (out, level + 1);
            write_node (out, json_array_get_element (array, i), level + 1);
            g_string_append (out, i + 1 < n ? ",\n" : "\n");
          }
        indent (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      write_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

void
att_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(GString) out = g_string_new (NULL);

  if (root == NULL)
    g_string_append (out, "null");
  else
    write_node (out, root, 0);
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);
}

void
att_cli_print_list (JsonBuilder *builder,
                    AttCliTable *table)
{
  if (builder != NULL)
    {
      json_builder_end_array (builder);
      att_cli_print_json (builder);
    }
  else if (table != NULL)
    att_cli_table_print (table);
}

void
att_cli_json_string (JsonBuilder *builder,
                     const char  *key,
                     const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
att_cli_json_int (JsonBuilder *builder,
                  const char  *key,
                  gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

void
att_cli_json_bool (JsonBuilder *builder,
                   const char  *key,
                   gboolean     value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

void
att_cli_json_date (JsonBuilder *builder,
                   const char  *key,
                   AttDate      date)
{
  g_autofree char *text = date != ATT_DATE_NONE ? att_date_format (date) : NULL;

  att_cli_json_string (builder, key, text);
}

static double
round_pct (double value)
{
  return round (value * 10.0) / 10.0;
}

void
att_cli_json_pct (JsonBuilder *builder,
                  const char  *key,
                  double       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_double_value (builder, round_pct (value));
}

void
att_cli_json_codes (JsonBuilder *builder,
                    const char  *key,
                    const guint *codes)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  for (guint c = ATT_CODE_NONE + 1; c < ATT_CODE_N_CODES; c++)
    if (codes[c] > 0)
      att_cli_json_int (builder, att_code_to_string (c), codes[c]);
  json_builder_end_object (builder);
}

void
att_cli_json_figures (JsonBuilder      *builder,
                      const AttFigures *figures)
{
  att_cli_json_int (builder, "possible", figures->possible);
  att_cli_json_int (builder, "present", figures->present);
  att_cli_json_int (builder, "aea", figures->aea);
  att_cli_json_int (builder, "authorised", figures->authorised);
  att_cli_json_int (builder, "unauthorised", figures->unauthorised);
  att_cli_json_int (builder, "missing", figures->missing);
  att_cli_json_int (builder, "late_before_close", figures->late);
  att_cli_json_int (builder, "late_after_close", figures->late_after_close);
  att_cli_json_pct (builder, "attendance_pct", att_figures_attendance_pct (figures));
  att_cli_json_pct (builder, "absence_pct", att_figures_absence_pct (figures));
  att_cli_json_bool (builder, "persistent", att_figures_persistent (figures));
  att_cli_json_bool (builder, "severe", att_figures_severe (figures));
  att_cli_json_codes (builder, "codes", figures->codes);
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

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", round_pct (value)));
}
