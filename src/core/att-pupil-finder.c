/* att-pupil-finder.c: finding a pupil as a name, a UPN or a group is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-pupil-finder.h"
#include "att-pupils.h"

struct _AttPupilFinder
{
  GPtrArray *pupils;      /* AttPupil, references, by name */
  GPtrArray *haystacks;   /* char *, folded, one per pupil */
};

static char *
fold_text (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);

  return att_name_fold (normal != NULL ? normal : "");
}

AttPupilFinder *
att_pupil_finder_new (AttDb    *db,
                      AttDate   date,
                      GError  **error)
{
  g_autoptr(GPtrArray) pupils = att_pupils_list_on_roll (db, date, date, error);
  AttPupilFinder *finder;

  if (pupils == NULL)
    return NULL;
  finder = g_new0 (AttPupilFinder, 1);
  finder->pupils = g_ptr_array_new_with_free_func (g_object_unref);
  finder->haystacks = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      g_autofree char *text = NULL;

      if (!att_pupil_on_roll (pupil, date))
        continue;
      text = g_strjoin (" ", att_pupil_get_display_name (pupil),
                        pupil->legal_forename != NULL ? pupil->legal_forename : "",
                        pupil->legal_surname != NULL ? pupil->legal_surname : "",
                        pupil->upn != NULL ? pupil->upn : "",
                        pupil->reg_group != NULL ? pupil->reg_group : "",
                        NULL);
      g_ptr_array_add (finder->pupils, g_object_ref (pupil));
      g_ptr_array_add (finder->haystacks, fold_text (text));
    }
  return finder;
}

void
att_pupil_finder_free (AttPupilFinder *finder)
{
  if (finder == NULL)
    return;
  g_ptr_array_unref (finder->pupils);
  g_ptr_array_unref (finder->haystacks);
  g_free (finder);
}

GPtrArray *
att_pupil_finder_search (AttPupilFinder *finder,
                         const char     *text,
                         guint           max)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  guint n_words = 0;

  g_return_val_if_fail (finder != NULL, found);

  folded = fold_text (text != NULL ? text : "");
  words = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      words[n_words++] = words[i];
    else
      g_free (words[i]);
  words[n_words] = NULL;
  if (n_words == 0)
    return found;

  for (guint i = 0; i < finder->pupils->len; i++)
    {
      const char *haystack = g_ptr_array_index (finder->haystacks, i);
      gboolean all = TRUE;

      for (guint w = 0; w < n_words && all; w++)
        all = strstr (haystack, words[w]) != NULL;
      if (!all)
        continue;
      g_ptr_array_add (found, g_ptr_array_index (finder->pupils, i));
      if (max > 0 && found->len >= max)
        break;
    }
  return found;
}
