/* att-ctf-marks.c: a CTF's marks string, session by session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See att-ctf.h for how the string is read: one code per session, the
 * morning then the afternoon of each weekday from the start date,
 * two-character codes matched before one-character ones.
 */
#include "config.h"

#include <string.h>

#include "att-ctf.h"

void
att_ctf_counts_clear (AttCtfCounts *counts)
{
  g_return_if_fail (counts != NULL);

  g_clear_pointer (&counts->unknown_text, g_free);
  memset (counts, 0, sizeof *counts);
}

/* The first weekday on or after @date. */
static AttDate
weekday_on_or_after (AttDate date)
{
  int weekday = att_date_weekday (date);

  return weekday >= 6 ? date + (8 - weekday) : date;
}

AttDate
att_ctf_session_day (AttDate start,
                     guint   index)
{
  AttDate day;
  guint days, rest;

  g_return_val_if_fail (start != ATT_DATE_NONE, ATT_DATE_NONE);

  /* Two sessions a day, five days a week: whole weeks first, then the
   * days left, stepping over a weekend when one comes. */
  day = weekday_on_or_after (start);
  days = index / 2;
  day += (AttDate)(days / 5) * 7;
  rest = days % 5;
  while (rest > 0)
    {
      day++;
      if (att_date_weekday (day) <= 5)
        rest--;
    }
  return day;
}

/* The code at @p: two characters when they are a code (C1, J1, Y1...),
 * else one. Sets *length to the characters used. */
static AttCode
code_at (const char *p,
         guint      *length)
{
  char text[3] = { 0, };
  AttCode code;

  if (p[1] != '\0')
    {
      text[0] = p[0];
      text[1] = p[1];
      code = att_code_lookup (text);
      if (code != ATT_CODE_NONE)
        {
          *length = 2;
          return code;
        }
    }
  text[0] = p[0];
  text[1] = '\0';
  *length = 1;
  return att_code_lookup (text);
}

void
att_ctf_marks_count (const char   *marks,
                     AttDate       start,
                     AttCtfCounts *counts,
                     GArray       *codes)
{
  g_autoptr(GString) unknown = g_string_new (NULL);
  const char *p;

  g_return_if_fail (counts != NULL);

  att_ctf_counts_clear (counts);
  if (marks == NULL)
    return;

  for (p = marks; *p != '\0';)
    {
      const AttCodeInfo *info;
      AttCode code;
      guint length = 1;

      /* A long string may have been wrapped over lines by whatever wrote
       * the XML: white space is no session. */
      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }

      if (*p == '-')
        {
          counts->no_mark++;
          code = ATT_CODE_NONE;
        }
      else if ((guchar)*p >= 0x80 || (code = code_at (p, &length)) == ATT_CODE_NONE)
        {
          /* A character that is not ASCII is taken whole, so that the
           * notice quotes it as it was. */
          const char *next = g_utf8_next_char (p);
          g_autofree char *one = g_strndup (p, next - p);

          counts->unknown++;
          if (strstr (unknown->str, one) == NULL)
            g_string_append (unknown, one);
          length = next - p;
          code = ATT_CODE_NONE;
        }
      else
        {
          info = att_code_info (code);
          if (length == 2)
            counts->two_character++;
          if (info->retired)
            counts->retired++;
          switch (info->meaning)
            {
            case ATT_MEANING_PRESENT:
            case ATT_MEANING_AEA:
              counts->attended++;
              break;
            case ATT_MEANING_AUTHORISED:
              counts->authorised++;
              break;
            case ATT_MEANING_UNAUTHORISED:
              counts->unauthorised++;
              break;
            case ATT_MEANING_NOT_POSSIBLE:
            default:
              counts->not_possible++;
              break;
            }
          if (info->possible)
            counts->possible++;
        }

      if (codes != NULL)
        g_array_append_val (codes, code);
      counts->sessions++;
      p += length;
    }

  if (unknown->len > 0)
    counts->unknown_text = g_strdup (unknown->str);
  if (start != ATT_DATE_NONE && counts->sessions > 0)
    {
      counts->first = att_ctf_session_day (start, 0);
      counts->last = att_ctf_session_day (start, counts->sessions - 1);
    }
}
