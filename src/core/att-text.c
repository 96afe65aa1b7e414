/* att-text.c: what a text field may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-error.h"
#include "att-text.h"

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

static const char *
describe_control (gunichar c)
{
  switch (c)
    {
    case '\t': return _("a tab");
    case '\n': return _("a line break");
    case '\r': return _("a carriage return");
    case 0x1B: return _("an escape character");
    case 0: return _("a zero byte");
    default: return _("an invisible control character");
    }
}

gboolean
att_text_check (const char    *field,
                const char    *text,
                guint          max_chars,
                AttTextFlags   flags,
                GError       **error)
{
  const char *end = NULL;
  guint n = 0;

  g_return_val_if_fail (field != NULL, FALSE);

  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, &end))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   /* Translators: "Surname is not valid text (not UTF-8) at byte 4: ..." */
                   _("%s is not valid text (not UTF-8) at byte %u: type it again, or save the file as “CSV UTF-8”"),
                   field, (guint)(end - text) + 1);
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n++;
      if (!is_control (c))
        continue;
      if ((flags & ATT_TEXT_LINES) &&
          (c == '\n' || (c == '\r' && p[1] == '\n')))
        continue;
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   /* Translators: "Comment holds a tab (U+0009) at character 12: remove it" */
                   _("%s holds %s (U+%04X) at character %u: remove it"),
                   field, describe_control (c), (guint)c, n);
      return FALSE;
    }

  if (n > max_chars)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   /* Translators: "Comment is 612 characters long; the most is 500: shorten it" */
                   _("%s is %u characters long; the most is %u: shorten it"),
                   field, n, max_chars);
      return FALSE;
    }
  return TRUE;
}

gboolean
att_text_check_mark (const char  *comment,
                     const char  *reason,
                     GError     **error)
{
  return att_text_check (_("The comment"), comment, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error) &&
         att_text_check (_("The reason"), reason, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error);
}

char *
att_text_escape (const char *text)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  p = text;
  end = text + strlen (text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          g_string_append_printf (out, "\\x%02X", (guint)(guchar)*p);
          p++;
          continue;
        }
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c == 0x7F)
        g_string_append_printf (out, "\\x%02X", (guint)c);
      else if (c >= 0x80 && c <= 0x9F)
        g_string_append_printf (out, "\\u%04X", (guint)c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

guint
att_text_name_index (const char         *text,
                     const char * const *names,
                     guint               n_names)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    if (strcmp (text, names[i]) == 0)
      return i;
  return 0;
}

gboolean
att_text_parse_name (const char         *text,
                     const char * const *names,
                     guint               n_names,
                     guint               first,
                     const char         *what,
                     guint              *out,
                     GError            **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint i = first; text != NULL && i < n_names; i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  for (guint i = first; i < n_names; i++)
    g_string_append_printf (known, "%s%s", known->len > 0 ? ", " : "", names[i]);
  /* Translators: "“fax” is not a channel: use one of phone, text, ..." */
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("“%s” is not %s: use one of %s"),
               text != NULL ? text : "", what, known->str);
  return FALSE;
}

char *
att_text_count (guint64 n)
{
  char digits[32];
  GString *text;
  int len, lead;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  len = strlen (digits);
  lead = len % 3 == 0 ? 3 : len % 3;
  text = g_string_new_len (digits, lead);
  for (int i = lead; i < len; i += 3)
    {
      /* Translators: the mark between thousands in a count, "245,402" */
      g_string_append (text, C_("thousands", ","));
      g_string_append_len (text, digits + i, 3);
    }
  return g_string_free (text, FALSE);
}
