/* att-cli-json.c: attendance-cli's --json documents, written as they are made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "att-cli-private.h"

/* The writer makes the compact text itself: a comma between the values
 * of an array or the members of an object, a colon after a member's
 * name, strings with '"', '\' and the control characters escaped (as
 * \n, \t and so on, the others as \u00xx). Compact, the text goes
 * straight into the buffer; pretty, the same characters go through a
 * small filter that adds the line breaks and the indent. */

/* Deeper than any document of the contract. */
#define MAX_DEPTH 32

typedef enum
{
  LEVEL_ARRAY,
  LEVEL_OBJECT,
} LevelKind;

typedef struct
{
  guint8   kind;        /* LevelKind */
  guint8   want_value;  /* in an object: a member's name was written */
  guint    count;       /* values (or members) written so far */
} Level;

struct _AttCliJson
{
  FILE    *out;

  /* What is written is gathered here and written to stdout a buffer at
   * a time. */
  char     buf[16384];
  size_t   len;

  Level    levels[MAX_DEPTH];
  guint    n_levels;
  gboolean done;        /* the document's one value is complete */

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

AttCliJson *
att_cli_json_new (AttCliContext *ctx)
{
  AttCliJson *writer = g_new0 (AttCliJson, 1);

  writer->out = stdout;
  writer->pretty = att_cli_flag (ctx, "pretty") || isatty (fileno (stdout));
  return writer;
}

void
att_cli_json_free (AttCliJson *writer)
{
  if (writer == NULL)
    return;
  flush (writer);
  g_free (writer);
}

static inline void
emit (AttCliJson *writer,
      const char *str,
      size_t      len)
{
  if (G_LIKELY (!writer->pretty))
    put (writer, str, len);
  else
    print_pretty (writer, str, len);
}

/* Only a mistake in the calling code is refused: a value where a
 * member's name belongs, an end that does not match, a second document. */
static void
misuse (const char *what)
{
  g_critical ("attendance-cli: JSON written out of order (%s)", what);
}

/* Before a value: the comma or the colon it needs. */
static gboolean
begin_value (AttCliJson *writer)
{
  Level *level;

  if (G_UNLIKELY (writer->done))
    {
      misuse ("a second document");
      return FALSE;
    }
  if (writer->n_levels == 0)
    return TRUE;
  level = &writer->levels[writer->n_levels - 1];
  if (level->kind == LEVEL_OBJECT)
    {
      if (G_UNLIKELY (!level->want_value))
        {
          misuse ("a value where a member's name belongs");
          return FALSE;
        }
      level->want_value = FALSE;
      emit (writer, ":", 1);
    }
  else if (level->count > 0)
    emit (writer, ",", 1);
  level->count++;
  return TRUE;
}

static void
end_value (AttCliJson *writer)
{
  if (writer->n_levels == 0)
    writer->done = TRUE;
}

static void
open_level (AttCliJson *writer,
            LevelKind   kind)
{
  if (!begin_value (writer))
    return;
  if (G_UNLIKELY (writer->n_levels == MAX_DEPTH))
    {
      misuse ("too deep");
      return;
    }
  writer->levels[writer->n_levels++] = (Level) { kind, FALSE, 0 };
  emit (writer, kind == LEVEL_OBJECT ? "{" : "[", 1);
}

static void
close_level (AttCliJson *writer,
             LevelKind   kind)
{
  Level *level;

  if (G_UNLIKELY (writer->n_levels == 0 ||
                  writer->levels[writer->n_levels - 1].kind != kind))
    {
      misuse ("an end that does not match");
      return;
    }
  level = &writer->levels[writer->n_levels - 1];
  if (G_UNLIKELY (level->want_value))
    {
      misuse ("a member without a value");
      return;
    }
  writer->n_levels--;
  emit (writer, kind == LEVEL_OBJECT ? "}" : "]", 1);
  end_value (writer);
}

void
att_cli_json_begin_object (AttCliJson *writer)
{
  open_level (writer, LEVEL_OBJECT);
}

void
att_cli_json_end_object (AttCliJson *writer)
{
  close_level (writer, LEVEL_OBJECT);
}

void
att_cli_json_begin_array (AttCliJson *writer)
{
  open_level (writer, LEVEL_ARRAY);
}

void
att_cli_json_end_array (AttCliJson *writer)
{
  close_level (writer, LEVEL_ARRAY);
}

/* What each byte is written as inside a string: 0 for itself, 1 for a
 * backslash and a letter, 2 for \u00xx. */
static const guint8 escape_kind[256] = {
  2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 1, 1, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

/* The escape of @c (escape_kind 1 or 2) into @out; returns its length. */
static inline size_t
escape_to (guchar  c,
           char   *out)
{
  static const char hex[] = "0123456789abcdef";

  out[0] = '\\';
  switch (c)
    {
    case '\b': out[1] = 'b'; return 2;
    case '\t': out[1] = 't'; return 2;
    case '\n': out[1] = 'n'; return 2;
    case '\f': out[1] = 'f'; return 2;
    case '\r': out[1] = 'r'; return 2;
    case '"':
    case '\\':
      out[1] = (char)c;
      return 2;
    default:
      out[1] = 'u';
      out[2] = '0';
      out[3] = '0';
      out[4] = hex[c >> 4];
      out[5] = hex[c & 0xf];
      return 6;
    }
}

static void
emit_string (AttCliJson *writer,
             const char *text)
{
  const guchar *run = (const guchar *)text;
  const guchar *p = run;
  size_t n = strlen (text);

  /* Compact, a string that fits is written straight into the buffer:
   * at most six characters for each byte, and the quotes. */
  if (G_LIKELY (!writer->pretty && n <= (sizeof writer->buf - 2) / 6))
    {
      char *out;

      if (sizeof writer->buf - writer->len < n * 6 + 2)
        flush (writer);
      out = writer->buf + writer->len;
      *out++ = '"';
      for (; *p != '\0'; p++)
        {
          guchar c = *p;

          if (G_LIKELY (escape_kind[c] == 0))
            *out++ = (char)c;
          else
            out += escape_to (c, out);
        }
      *out++ = '"';
      writer->len = out - writer->buf;
      return;
    }

  emit (writer, "\"", 1);
  for (;; p++)
    {
      guchar c = *p;
      char esc[6];

      if (G_LIKELY (escape_kind[c] == 0 && c != '\0'))
        continue;
      if (p > run)
        emit (writer, (const char *)run, p - run);
      if (c == '\0')
        break;
      emit (writer, esc, escape_to (c, esc));
      run = p + 1;
    }
  emit (writer, "\"", 1);
}

void
att_cli_json_member (AttCliJson *writer,
                     const char *name)
{
  Level *level = writer->n_levels > 0 ? &writer->levels[writer->n_levels - 1] : NULL;

  if (G_UNLIKELY (level == NULL || level->kind != LEVEL_OBJECT || level->want_value))
    {
      misuse ("a member's name where a value belongs");
      return;
    }
  if (level->count > 0)
    emit (writer, ",", 1);
  level->want_value = TRUE;
  emit_string (writer, name);
}

void
att_cli_json_add_string (AttCliJson *writer,
                         const char *value)
{
  if (value == NULL)
    att_cli_json_add_null (writer);
  else if (begin_value (writer))
    {
      emit_string (writer, value);
      end_value (writer);
    }
}

/* A number, true, false or null as its text. */
static void
add_literal (AttCliJson *writer,
             const char *text,
             size_t      len)
{
  if (!begin_value (writer))
    return;
  emit (writer, text, len);
  end_value (writer);
}

/* The digits of @value before @end, with a '-' when @negative; returns
 * where they start, without sprintf (), which would cost more than the
 * rest of a member together. */
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

  add_literal (writer, start, end - start);
}

void
att_cli_json_add_bool (AttCliJson *writer,
                       gboolean    value)
{
  if (value)
    add_literal (writer, "true", 4);
  else
    add_literal (writer, "false", 5);
}

void
att_cli_json_add_null (AttCliJson *writer)
{
  add_literal (writer, "null", 4);
}

void
att_cli_json_add_double (AttCliJson *writer,
                         double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    value = 0;
  g_ascii_formatd (buf, sizeof buf, "%.1f", value);
  add_literal (writer, buf, strlen (buf));
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
  add_literal (writer, start, buf + sizeof buf - start);
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

void
att_cli_json_add_raw (AttCliJson *writer,
                      const char *json)
{
  add_literal (writer, json, strlen (json));
}
