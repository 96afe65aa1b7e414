/* att-cli-json.c: attendance-cli's --json documents, written as they are made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>

#include "att-cli-private.h"

/* yajl writes the compact document through print (); pretty, the same
 * characters go through a small filter that adds the line breaks and the
 * indent. yajl's own pretty printing is not used because its layout
 * ("key": value, an empty object as {\n}) is not the one attendance-cli
 * has always printed. */
struct _AttCliJson
{
  yajl_gen gen;
  FILE    *out;
  void   (*print) (void *data, const char *str, size_t len);

  /* yajl prints a few characters at a time: they are gathered here and
   * written to stdout a buffer at a time. */
  char     buf[16384];
  size_t   len;

  /* Set while a string with a control character is written: yajl writes
   * \u001B where attendance-cli has always written \u001b. */
  gboolean lower_hex;
  guint    hex_state;   /* 1 after '\', then the hex digits still to come + 1 */

  /* The pretty filter's state. */
  gboolean pretty;
  gboolean in_string;
  gboolean escaped;     /* the previous character in a string was '\' */
  char     opened;      /* '{' or '[' not yet written: empty or not? */
  guint    depth;
};

static void
flush (AttCliJson *writer)
{
  fwrite (writer->buf, 1, writer->len, writer->out);
  writer->len = 0;
}

static inline void
put (AttCliJson *writer,
     const char *str,
     size_t      len)
{
  if (G_UNLIKELY (len > sizeof writer->buf - writer->len))
    {
      flush (writer);
      if (len > sizeof writer->buf)
        {
          fwrite (str, 1, len, writer->out);
          return;
        }
    }
  memcpy (writer->buf + writer->len, str, len);
  writer->len += len;
}

static inline void
put_c (AttCliJson *writer,
       char        c)
{
  if (G_UNLIKELY (writer->len == sizeof writer->buf))
    flush (writer);
  writer->buf[writer->len++] = c;
}

static void
print_compact (void       *data,
               const char *str,
               size_t      len)
{
  put (data, str, len);
}

static void
pretty_line (AttCliJson *writer)
{
  put_c (writer, '\n');
  for (guint i = 0; i < writer->depth; i++)
    put (writer, "  ", 2);
}

static void
print_pretty (void       *data,
              const char *str,
              size_t      len)
{
  AttCliJson *writer = data;

  for (size_t i = 0; i < len; i++)
    {
      char c = str[i];

      if (writer->in_string)
        {
          put_c (writer, c);
          if (writer->escaped)
            writer->escaped = FALSE;
          else if (c == '\\')
            writer->escaped = TRUE;
          else if (c == '"')
            writer->in_string = FALSE;
          continue;
        }

      if (writer->opened != '\0')
        {
          char open = writer->opened;

          writer->opened = '\0';
          if ((open == '{' && c == '}') || (open == '[' && c == ']'))
            {
              put_c (writer, open);
              put_c (writer, c);
              continue;
            }
          put_c (writer, open);
          writer->depth++;
          pretty_line (writer);
        }

      switch (c)
        {
        case '{':
        case '[':
          writer->opened = c;
          break;

        case '}':
        case ']':
          writer->depth--;
          pretty_line (writer);
          put_c (writer, c);
          break;

        case ',':
          put_c (writer, ',');
          pretty_line (writer);
          break;

        case ':':
          put (writer, " : ", 3);
          break;

        case '"':
          writer->in_string = TRUE;
          put_c (writer, c);
          break;

        default:
          put_c (writer, c);
          break;
        }
    }
}

/* The same characters with the hex digits of \uXXXX in lower case. */
static void
print_lower_hex (AttCliJson *writer,
                 const char *str,
                 size_t      len)
{
  char buf[256];
  size_t n = 0;

  for (size_t i = 0; i < len; i++)
    {
      char c = str[i];

      if (writer->hex_state == 0)
        writer->hex_state = c == '\\' ? 1 : 0;
      else if (writer->hex_state == 1)
        writer->hex_state = c == 'u' ? 5 : 0;
      else
        {
          c = g_ascii_tolower (c);
          writer->hex_state = writer->hex_state == 2 ? 0 : writer->hex_state - 1;
        }

      buf[n++] = c;
      if (n == sizeof buf)
        {
          writer->print (writer, buf, n);
          n = 0;
        }
    }
  writer->print (writer, buf, n);
}

static void
print_any (void       *data,
           const char *str,
           size_t      len)
{
  AttCliJson *writer = data;

  if (G_UNLIKELY (writer->lower_hex))
    print_lower_hex (writer, str, len);
  else
    writer->print (writer, str, len);
}

AttCliJson *
att_cli_json_new (AttCliContext *ctx)
{
  AttCliJson *writer = g_new0 (AttCliJson, 1);

  writer->out = stdout;
  writer->pretty = att_cli_flag (ctx, "pretty") || isatty (fileno (stdout));
  writer->gen = yajl_gen_alloc (NULL);
  writer->print = writer->pretty ? print_pretty : print_compact;
  yajl_gen_config (writer->gen, yajl_gen_print_callback, print_any, writer);
  return writer;
}

void
att_cli_json_free (AttCliJson *writer)
{
  if (writer == NULL)
    return;
  flush (writer);
  yajl_gen_free (writer->gen);
  g_free (writer);
}

/* The generator refuses only what is a mistake in the calling code (a
 * value where a member name belongs, a second document). */
static void
check (yajl_gen_status status)
{
  if (G_UNLIKELY (status != yajl_gen_status_ok))
    g_critical ("attendance-cli: JSON written out of order (yajl status %d)", (int)status);
}

void
att_cli_json_begin_object (AttCliJson *writer)
{
  check (yajl_gen_map_open (writer->gen));
}

void
att_cli_json_end_object (AttCliJson *writer)
{
  check (yajl_gen_map_close (writer->gen));
}

void
att_cli_json_begin_array (AttCliJson *writer)
{
  check (yajl_gen_array_open (writer->gen));
}

void
att_cli_json_end_array (AttCliJson *writer)
{
  check (yajl_gen_array_close (writer->gen));
}

static void
write_string (AttCliJson *writer,
              const char *text)
{
  const guchar *end = (const guchar *)text;
  gboolean control = FALSE;

  for (; *end != '\0'; end++)
    control |= *end < 0x20;

  writer->lower_hex = control;
  check (yajl_gen_string (writer->gen, (const guchar *)text, end - (const guchar *)text));
  writer->lower_hex = FALSE;
  writer->hex_state = 0;
}

void
att_cli_json_member (AttCliJson *writer,
                     const char *name)
{
  write_string (writer, name);
}

void
att_cli_json_add_string (AttCliJson *writer,
                         const char *value)
{
  if (value == NULL)
    att_cli_json_add_null (writer);
  else
    write_string (writer, value);
}

/* The digits of @value before @end, with a '-' when @negative; returns
 * where they start. yajl_gen_integer () goes through sprintf (), which
 * costs more than the rest of a member together. */
static char *
format_digits (char    *end,
               guint64  value,
               gboolean negative)
{
  char *p = end;

  do
    *--p = (char)('0' + value % 10);
  while ((value /= 10) != 0);
  if (negative)
    *--p = '-';
  return p;
}

void
att_cli_json_add_int (AttCliJson *writer,
                      gint64      value)
{
  char buf[24];
  char *end = buf + sizeof buf;
  guint64 magnitude = value < 0 ? -(guint64)value : (guint64)value;
  char *start = format_digits (end, magnitude, value < 0);

  check (yajl_gen_number (writer->gen, start, end - start));
}

void
att_cli_json_add_bool (AttCliJson *writer,
                       gboolean    value)
{
  check (yajl_gen_bool (writer->gen, value));
}

void
att_cli_json_add_null (AttCliJson *writer)
{
  check (yajl_gen_null (writer->gen));
}

void
att_cli_json_add_double (AttCliJson *writer,
                         double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    value = 0;
  g_ascii_formatd (buf, sizeof buf, "%.1f", value);
  check (yajl_gen_number (writer->gen, buf, strlen (buf)));
}

void
att_cli_json_add_date (AttCliJson *writer,
                       AttDate     date)
{
  char text[ATT_DATE_TEXT_SIZE];

  if (date == ATT_DATE_NONE)
    att_cli_json_add_null (writer);
  else
    att_cli_json_add_string (writer, att_date_format_to (date, text));
}

void
att_cli_print_json (AttCliJson *writer)
{
  put_c (writer, '\n');
  flush (writer);
  fflush (writer->out);
}

/* Members */

void
att_cli_json_string (AttCliJson *writer,
                     const char *key,
                     const char *value)
{
  att_cli_json_member (writer, key);
  att_cli_json_add_string (writer, value);
}

void
att_cli_json_int (AttCliJson *writer,
                  const char *key,
                  gint64      value)
{
  att_cli_json_member (writer, key);
  att_cli_json_add_int (writer, value);
}

void
att_cli_json_bool (AttCliJson *writer,
                   const char *key,
                   gboolean    value)
{
  att_cli_json_member (writer, key);
  att_cli_json_add_bool (writer, value);
}

void
att_cli_json_date (AttCliJson *writer,
                   const char *key,
                   AttDate     date)
{
  att_cli_json_member (writer, key);
  att_cli_json_add_date (writer, date);
}

void
att_cli_json_pct (AttCliJson *writer,
                  const char *key,
                  double      value)
{
  double rounded = att_cli_round_pct (value);
  char buf[32];
  char *end = buf + sizeof buf;
  char *start;
  guint64 tenths;

  att_cli_json_member (writer, key);
  if (!isfinite (rounded) || fabs (rounded) >= 1e15)
    {
      att_cli_json_add_double (writer, rounded);
      return;
    }
  /* What "%.1f" writes for a number already rounded to one decimal:
   * its tenths, a point before the last digit, and the sign it has
   * (-0.0 too). */
  tenths = (guint64)llround (fabs (rounded) * 10.0);
  *--end = (char)('0' + tenths % 10);
  *--end = '.';
  start = format_digits (end, tenths / 10, signbit (rounded));
  check (yajl_gen_number (writer->gen, start, buf + sizeof buf - start));
}

void
att_cli_json_codes (AttCliJson  *writer,
                    const char  *key,
                    const guint *codes)
{
  att_cli_json_member (writer, key);
  att_cli_json_begin_object (writer);
  for (guint c = ATT_CODE_NONE + 1; c < ATT_CODE_N_CODES; c++)
    if (codes[c] > 0)
      att_cli_json_int (writer, att_code_to_string (c), codes[c]);
  att_cli_json_end_object (writer);
}

void
att_cli_json_figures (AttCliJson       *writer,
                      const AttFigures *figures)
{
  att_cli_json_int (writer, "possible", figures->possible);
  att_cli_json_int (writer, "present", figures->present);
  att_cli_json_int (writer, "aea", figures->aea);
  att_cli_json_int (writer, "authorised", figures->authorised);
  att_cli_json_int (writer, "unauthorised", figures->unauthorised);
  att_cli_json_int (writer, "missing", figures->missing);
  att_cli_json_int (writer, "late_before_close", figures->late);
  att_cli_json_int (writer, "late_after_close", figures->late_after_close);
  att_cli_json_pct (writer, "attendance_pct", att_figures_attendance_pct (figures));
  att_cli_json_pct (writer, "absence_pct", att_figures_absence_pct (figures));
  att_cli_json_bool (writer, "persistent", att_figures_persistent (figures));
  att_cli_json_bool (writer, "severe", att_figures_severe (figures));
  att_cli_json_codes (writer, "codes", figures->codes);
}
