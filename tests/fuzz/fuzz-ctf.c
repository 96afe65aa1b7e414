/* fuzz-ctf.c: the Common Transfer File reader under libFuzzer
 *
 * Each input is read as a CTF. A refusal must be an ATT_ERROR_IMPORT with
 * a message in UTF-8; a file read must hold what it says: every text in
 * UTF-8, and each year's marks counted so that the sessions add up (each
 * is possible or not, has no mark or an unknown code) and the possible
 * ones are attended, authorised or unauthorised.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "att-ctf.h"
#include "att-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define CHECK(cond) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        g_printerr ("fuzz-ctf: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

static void
check_texts (GPtrArray *texts)
{
  for (guint i = 0; i < texts->len; i++)
    CHECK (g_utf8_validate (g_ptr_array_index (texts, i), -1, NULL));
}

static void
check_counts (const AttCtfYear *year)
{
  const AttCtfCounts *counts = &year->counts;

  CHECK (counts->sessions == counts->possible + counts->not_possible + counts->no_mark + counts->unknown);
  CHECK (counts->possible == counts->attended + counts->authorised + counts->unauthorised);
  CHECK (counts->two_character <= counts->sessions);
  CHECK (counts->unknown_text == NULL || g_utf8_validate (counts->unknown_text, -1, NULL));
  if (year->start != ATT_DATE_NONE && counts->sessions > 0)
    CHECK (counts->first <= counts->last);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AttCtfFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("ATTENDANCE_TODAY", "2025-09-01", TRUE);
  file = att_ctf_parse ((const char *)data, size, "fuzz.xml", &error);
  if (file == NULL)
    {
      CHECK (error != NULL);
      CHECK (error->domain == ATT_ERROR && error->code == ATT_ERROR_IMPORT);
      CHECK (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  CHECK (error == NULL);
  check_texts (file->notices);
  for (guint i = 0; i < file->pupils->len; i++)
    {
      AttCtfPupil *pupil = g_ptr_array_index (file->pupils, i);

      CHECK (pupil->position == i + 1);
      check_texts (pupil->notices);
      check_texts (pupil->problems);
      CHECK (pupil->upn == NULL || g_utf8_validate (pupil->upn, -1, NULL));
      for (guint j = 0; j < pupil->years->len; j++)
        check_counts (g_ptr_array_index (pupil->years, j));
    }
  return 0;
}
