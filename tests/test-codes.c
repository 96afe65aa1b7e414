/* test-codes.c: the 2024 table of attendance codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-test-util.h"

static void
test_round_trip (void)
{
  /* Every code's text looks up to the same code, in any case. */
  for (guint i = 1; i < ATT_CODE_N_CODES; i++)
    {
      const AttCodeInfo *info = att_code_info (i);
      g_autofree char *lower = g_ascii_strdown (info->text, -1);

      g_assert_cmpint (info->code, ==, i);
      g_assert_cmpstr (att_code_to_string (i), ==, info->text);
      g_assert_cmpint (att_code_lookup (info->text), ==, i);
      g_assert_cmpint (att_code_lookup (lower), ==, i);
      g_assert_nonnull (att_code_describe (i));
      g_assert_cmpstr (att_code_describe (i), !=, "");
    }

  g_assert_cmpint (att_code_lookup ("ZZ"), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_code_lookup (""), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_code_lookup (NULL), ==, ATT_CODE_NONE);
  g_assert_cmpstr (att_code_to_string (ATT_CODE_PRESENT_PM), ==, "\\");
  g_assert_cmpstr (att_code_to_string (ATT_CODE_CLOSED), ==, "#");
}

static void
test_possible (void)
{
  /* Not possible sessions under the 2024 regulations. */
  static const char * const not_possible[] = {
    "D", "X", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Q", "Z", "#",
  };
  /* Every other current code is a possible session. */
  static const char * const possible[] = {
    "/", "\\", "L", "K", "V", "P", "W", "B", "C1", "M", "J1", "S", "C2", "C",
    "T", "R", "I", "E", "G", "N", "O", "U",
  };
  guint current = 0;

  for (guint i = 0; i < G_N_ELEMENTS (not_possible); i++)
    {
      AttCode code = att_code_lookup (not_possible[i]);

      g_test_message ("code %s", not_possible[i]);
      g_assert_cmpint (code, !=, ATT_CODE_NONE);
      g_assert_false (att_code_is_possible (code));
      g_assert_cmpint (att_code_info (code)->meaning, ==, ATT_MEANING_NOT_POSSIBLE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (possible); i++)
    {
      AttCode code = att_code_lookup (possible[i]);

      g_test_message ("code %s", possible[i]);
      g_assert_cmpint (code, !=, ATT_CODE_NONE);
      g_assert_true (att_code_is_possible (code));
      g_assert_cmpint (att_code_info (code)->meaning, !=, ATT_MEANING_NOT_POSSIBLE);
    }

  /* 12 + 22 = 34: together the lists cover the whole current table. */
  for (guint i = 1; i < ATT_CODE_N_CODES; i++)
    if (!att_code_info (i)->retired)
      current++;
  g_assert_cmpuint (current, ==, G_N_ELEMENTS (not_possible) + G_N_ELEMENTS (possible));
  g_assert_false (att_code_is_possible (ATT_CODE_NONE));
}

static void
test_meanings (void)
{
  static const struct {
    const char     *text;
    AttCodeMeaning  meaning;
    AttCodeGroup    group;
  } cases[] = {
    { "/", ATT_MEANING_PRESENT, ATT_GROUP_PRESENT },
    { "L", ATT_MEANING_PRESENT, ATT_GROUP_PRESENT },
    { "K", ATT_MEANING_AEA, ATT_GROUP_AEA },
    { "V", ATT_MEANING_AEA, ATT_GROUP_AEA },
    { "B", ATT_MEANING_AEA, ATT_GROUP_AEA },
    { "D", ATT_MEANING_NOT_POSSIBLE, ATT_GROUP_OFF_SITE },
    { "C1", ATT_MEANING_AUTHORISED, ATT_GROUP_LEAVE },
    { "M", ATT_MEANING_AUTHORISED, ATT_GROUP_LEAVE },
    { "C2", ATT_MEANING_AUTHORISED, ATT_GROUP_LEAVE },
    { "X", ATT_MEANING_NOT_POSSIBLE, ATT_GROUP_LEAVE },
    { "I", ATT_MEANING_AUTHORISED, ATT_GROUP_OTHER_AUTHORISED },
    { "R", ATT_MEANING_AUTHORISED, ATT_GROUP_OTHER_AUTHORISED },
    { "E", ATT_MEANING_AUTHORISED, ATT_GROUP_OTHER_AUTHORISED },
    { "Q", ATT_MEANING_NOT_POSSIBLE, ATT_GROUP_UNABLE },
    { "Y4", ATT_MEANING_NOT_POSSIBLE, ATT_GROUP_UNABLE },
    { "G", ATT_MEANING_UNAUTHORISED, ATT_GROUP_UNAUTHORISED },
    { "N", ATT_MEANING_UNAUTHORISED, ATT_GROUP_UNAUTHORISED },
    { "O", ATT_MEANING_UNAUTHORISED, ATT_GROUP_UNAUTHORISED },
    { "U", ATT_MEANING_UNAUTHORISED, ATT_GROUP_UNAUTHORISED },
    { "Z", ATT_MEANING_NOT_POSSIBLE, ATT_GROUP_ADMIN },
    { "#", ATT_MEANING_NOT_POSSIBLE, ATT_GROUP_ADMIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const AttCodeInfo *info = att_code_info (att_code_lookup (cases[i].text));

      g_test_message ("code %s", cases[i].text);
      g_assert_cmpint (info->meaning, ==, cases[i].meaning);
      g_assert_cmpint (info->group, ==, cases[i].group);
      g_assert_false (info->retired);
    }

  /* Retired codes are known but marked so. */
  g_assert_true (att_code_info (att_code_lookup ("H"))->retired);
  g_assert_true (att_code_info (att_code_lookup ("F"))->retired);
  g_assert_true (att_code_info (att_code_lookup ("J"))->retired);
  g_assert_true (att_code_info (att_code_lookup ("Y"))->retired);

  for (guint g = 0; g < ATT_N_GROUPS; g++)
    g_assert_cmpstr (att_code_group_describe (g), !=, "");
}

static void
test_threshold_codes (void)
{
  /* G, O and U always count; N only when the school counts it. */
  g_assert_true (att_code_is_threshold (ATT_CODE_G, FALSE));
  g_assert_true (att_code_is_threshold (ATT_CODE_O, FALSE));
  g_assert_true (att_code_is_threshold (ATT_CODE_U, FALSE));
  g_assert_false (att_code_is_threshold (ATT_CODE_N, FALSE));
  g_assert_true (att_code_is_threshold (ATT_CODE_N, TRUE));
  g_assert_false (att_code_is_threshold (ATT_CODE_I, TRUE));
  g_assert_false (att_code_is_threshold (ATT_CODE_L, TRUE));
  g_assert_false (att_code_is_threshold (ATT_CODE_C, TRUE));
}

static void
test_parse_slashes (void)
{
  AttDate day = D (2024, 9, 2);
  g_autofree char *note = NULL;

  /* Either slash is "present", stored as the session's own. */
  g_assert_cmpint (att_code_parse_for_mark ("/", day, ATT_SESSION_PM, FALSE, &note, NULL),
                   ==, ATT_CODE_PRESENT_PM);
  g_assert_null (note);
  g_assert_cmpint (att_code_parse_for_mark ("\\", day, ATT_SESSION_PM, FALSE, NULL, NULL),
                   ==, ATT_CODE_PRESENT_PM);
  g_assert_cmpint (att_code_parse_for_mark ("\\", day, ATT_SESSION_AM, FALSE, NULL, NULL),
                   ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (att_code_parse_for_mark (" / ", day, ATT_SESSION_AM, FALSE, NULL, NULL),
                   ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpstr (att_code_to_string (ATT_CODE_PRESENT_PM), ==, "\\");

  g_assert_cmpint (att_code_parse_for_mark ("c1", day, ATT_SESSION_AM, FALSE, NULL, NULL),
                   ==, ATT_CODE_C1);
}

static void
test_parse_sub_codes (void)
{
  AttDate day = D (2024, 9, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *note2 = NULL;

  g_assert_cmpint (att_code_parse_for_mark ("I01", day, ATT_SESSION_AM, FALSE, &note, &error),
                   ==, ATT_CODE_I);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "I01"));

  g_assert_cmpint (att_code_parse_for_mark ("x01", day, ATT_SESSION_PM, FALSE, &note2, &error),
                   ==, ATT_CODE_X);
  g_assert_no_error (error);
  g_assert_nonnull (note2);

  /* A present mark with a sub-code still belongs to its session. */
  g_clear_pointer (&note, g_free);
  g_assert_cmpint (att_code_parse_for_mark ("/01", day, ATT_SESSION_PM, FALSE, &note, &error),
                   ==, ATT_CODE_PRESENT_PM);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_cmpint (att_code_parse_for_mark ("\\01", day, ATT_SESSION_AM, FALSE, NULL, &error),
                   ==, ATT_CODE_PRESENT_AM);
  g_assert_no_error (error);

  /* A real two-character code is not a sub-code. */
  g_clear_pointer (&note, g_free);
  g_assert_cmpint (att_code_parse_for_mark ("Y3", day, ATT_SESSION_PM, FALSE, &note, &error),
                   ==, ATT_CODE_Y3);
  g_assert_null (note);

  /* Known sub-codes are a code and two digits from 01 to 09 (see
   * att-codes.c): C101 is C1's first, Y709 Y7's ninth. */
  g_assert_cmpint (att_code_parse_for_mark ("C101", day, ATT_SESSION_AM, FALSE, NULL, &error),
                   ==, ATT_CODE_C1);
  g_assert_no_error (error);
  g_assert_cmpint (att_code_parse_for_mark ("Y709", day, ATT_SESSION_AM, FALSE, NULL, &error),
                   ==, ATT_CODE_Y7);
  g_assert_no_error (error);

  /* Anything else ending in digits is refused, not stored as a parent
   * nobody chose: one digit (Q9), a number past 09 (I99, I10), three
   * digits (I001), 00. */
  {
    const char *unknown[] = { "Q9", "I99", "I10", "I001", "I00", "G5" };

    for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
      {
        g_clear_pointer (&note, g_free);
        g_assert_cmpint (att_code_parse_for_mark (unknown[i], day, ATT_SESSION_AM, TRUE, &note, &error),
                         ==, ATT_CODE_NONE);
        g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, unknown[i]));
        g_assert_null (note);
        g_clear_error (&error);
      }
  }

  g_assert_cmpint (att_code_parse_for_mark ("ZZ9", day, ATT_SESSION_AM, FALSE, NULL, &error),
                   ==, ATT_CODE_NONE);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (att_code_parse_for_mark ("", day, ATT_SESSION_AM, FALSE, NULL, &error),
                   ==, ATT_CODE_NONE);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

static void
test_parse_retired (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  /* 19 August 2024 is the first day of the 2024 table. */
  g_assert_cmpint (att_codes_2024_start (), ==, D (2024, 8, 19));

  /* After it, H is refused even when importing history. */
  g_assert_cmpint (att_code_parse_for_mark ("H", D (2024, 9, 2), ATT_SESSION_AM, TRUE, NULL, &error),
                   ==, ATT_CODE_NONE);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);
  g_assert_cmpint (att_code_parse_for_mark ("H", D (2024, 8, 19), ATT_SESSION_AM, TRUE, NULL, &error),
                   ==, ATT_CODE_NONE);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  /* Before it, H is kept when the caller allows retired codes... */
  g_assert_cmpint (att_code_parse_for_mark ("H", D (2024, 8, 18), ATT_SESSION_AM, TRUE, &note, &error),
                   ==, ATT_CODE_OLD_H);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_cmpint (att_code_parse_for_mark ("J", D (2023, 3, 1), ATT_SESSION_PM, TRUE, NULL, &error),
                   ==, ATT_CODE_OLD_J);
  g_assert_no_error (error);

  /* ...and refused when it does not (the register never offers it). */
  g_assert_cmpint (att_code_parse_for_mark ("H", D (2024, 8, 18), ATT_SESSION_AM, FALSE, NULL, &error),
                   ==, ATT_CODE_NONE);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codes/round-trip", test_round_trip);
  g_test_add_func ("/codes/possible", test_possible);
  g_test_add_func ("/codes/meanings", test_meanings);
  g_test_add_func ("/codes/threshold", test_threshold_codes);
  g_test_add_func ("/codes/parse/slashes", test_parse_slashes);
  g_test_add_func ("/codes/parse/sub-codes", test_parse_sub_codes);
  g_test_add_func ("/codes/parse/retired", test_parse_retired);

  return g_test_run ();
}
