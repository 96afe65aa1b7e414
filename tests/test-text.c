/* test-text.c: what a text field may hold, and how output shows the rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-test-util.h"

static void
refused (const char   *text,
         guint         max_chars,
         AttTextFlags  flags,
         const char   *expect)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (att_text_check ("Comment", text, max_chars, flags, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Comment "));
  if (strstr (error->message, expect) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expect);
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (501, 'a');
  g_autofree char *just_right = g_strnfill (500, 'a');

  /* Ordinary text passes, accents and all; NULL is an empty field. */
  g_assert_true (att_text_check ("Comment", "Çelik, Zoë – bus 7 ☂", 100, ATT_TEXT_ONE_LINE, &error));
  g_assert_true (att_text_check ("Comment", NULL, 100, ATT_TEXT_ONE_LINE, &error));
  g_assert_no_error (error);

  /* C0 controls: a tab (U+0009) at character 4, an escape, the bell
   * (U+0007) and DEL (U+007F). */
  refused ("Bus\tlate", 100, ATT_TEXT_ONE_LINE, "a tab (U+0009) at character 4");
  refused ("\x1b[2Jcleared", 100, ATT_TEXT_ONE_LINE, "an escape character (U+001B) at character 1");
  refused ("ding\a", 100, ATT_TEXT_ONE_LINE, "U+0007) at character 5");
  refused ("del\x7f", 100, ATT_TEXT_ONE_LINE, "U+007F");
  /* C1 controls (U+0085, next line, is C2 85 in UTF-8). */
  refused ("next\xc2\x85line", 100, ATT_TEXT_ONE_LINE, "U+0085) at character 5");

  /* A line break only where the field allows lines, and a lone carriage
   * return never. */
  refused ("two\nlines", 100, ATT_TEXT_ONE_LINE, "a line break (U+000A)");
  g_assert_true (att_text_check ("Comment", "two\nlines\r\nthree", 100, ATT_TEXT_LINES, &error));
  g_assert_no_error (error);
  refused ("two\rlines", 100, ATT_TEXT_LINES, "a carriage return (U+000D)");
  refused ("two\ttabs", 100, ATT_TEXT_LINES, "a tab");

  /* Not UTF-8: Latin-1 "ë" (0xEB) is the third byte of "Zoës". */
  refused ("Zo\xebs", 100, ATT_TEXT_ONE_LINE, "not UTF-8) at byte 3");

  /* The limit counts characters, not bytes, and is in the message: 500
   * pass, 501 do not; "é" is one character of two bytes. */
  g_assert_true (att_text_check ("Comment", just_right, 500, ATT_TEXT_ONE_LINE, &error));
  refused (long_text, 500, ATT_TEXT_ONE_LINE, "501 characters long; the most is 500");
  g_assert_true (att_text_check ("Comment", "ééééé", 5, ATT_TEXT_ONE_LINE, &error));
  g_assert_no_error (error);

  /* The register's two fields. */
  g_assert_false (att_text_check_mark ("ok", "went\x1b home", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "The reason "));
}

static void
test_escape (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Amina Khan", "Amina Khan" },
    { "Çelik ☂", "Çelik ☂" },
    { "two\nlines", "two\\nlines" },
    { "a\tb\rc", "a\\tb\\rc" },
    { "\x1b[2J", "\\x1B[2J" },
    { "del\x7f", "del\\x7F" },
    { "next\xc2\x85", "next\\u0085" },
    { "back\\slash", "back\\\\slash" },
    { "Zo\xebs", "Zo\\xEBs" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = att_text_escape (cases[i].in);
      g_assert_cmpstr (escaped, ==, cases[i].out);
    }
  {
    g_autofree char *escaped = att_text_escape (NULL);
    g_assert_cmpstr (escaped, ==, "");
  }
}

static void
test_count (void)
{
  struct { guint64 n; const char *text; } cases[] = {
    { 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1,000" }, { 2050, "2,050" },
    { 245402, "245,402" }, { 1234567, "1,234,567" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = att_text_count (cases[i].n);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/check", test_check);
  g_test_add_func ("/text/escape", test_escape);
  g_test_add_func ("/text/count", test_count);

  return g_test_run ();
}
