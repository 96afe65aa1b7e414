/* att-grid-filter.c: which pupils a register shows, and saved filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-db-private.h"
#include "att-error.h"
#include "att-grid-filter.h"
#include "att-pupils.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Filters                                                            */
/* ------------------------------------------------------------------ */

G_DEFINE_BOXED_TYPE (AttGridFilter, att_grid_filter,
                     att_grid_filter_copy, att_grid_filter_free)

AttGridFilter *
att_grid_filter_new (void)
{
  AttGridFilter *filter = g_new0 (AttGridFilter, 1);

  filter->year = -1;
  filter->fsm = -1;
  filter->eal = -1;
  filter->looked_after = -1;
  filter->social_worker = -1;
  filter->young_carer = -1;
  return filter;
}

AttGridFilter *
att_grid_filter_new_group (const char *group)
{
  AttGridFilter *filter = att_grid_filter_new ();

  g_return_val_if_fail (group != NULL, filter);
  filter->group = g_strdup (group);
  return filter;
}

AttGridFilter *
att_grid_filter_new_year (int year)
{
  AttGridFilter *filter = att_grid_filter_new ();

  filter->year = year;
  return filter;
}

AttGridFilter *
att_grid_filter_copy (const AttGridFilter *filter)
{
  AttGridFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->name = g_strdup (filter->name);
  copy->group = g_strdup (filter->group);
  return copy;
}

void
att_grid_filter_free (AttGridFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->name);
  g_free (filter->group);
  g_free (filter);
}

static gboolean
flag_matches (gint8    wanted,
              gboolean value)
{
  return wanted < 0 || (wanted != 0) == (value != FALSE);
}

gboolean
att_grid_filter_matches (const AttGridFilter *filter,
                         AttPupil            *pupil)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (pupil != NULL, FALSE);

  if (filter->year >= 0 && pupil->year_group != filter->year)
    return FALSE;
  if (filter->group != NULL && g_strcmp0 (pupil->reg_group, filter->group) != 0)
    return FALSE;
  switch (filter->sen)
    {
    case 0:
      break;
    case 'S':
      if (pupil->sen != ATT_SEN_SUPPORT && pupil->sen != ATT_SEN_EHCP)
        return FALSE;
      break;
    default:
      if ((char)pupil->sen != filter->sen)
        return FALSE;
      break;
    }
  return flag_matches (filter->fsm, pupil->fsm)
         && flag_matches (filter->eal, pupil->eal)
         && flag_matches (filter->looked_after, pupil->looked_after)
         && flag_matches (filter->social_worker, pupil->social_worker)
         && flag_matches (filter->young_carer, pupil->young_carer);
}

static char *
describe_year (int year)
{
  if (year == ATT_YEAR_RECEPTION)
    return g_strdup (_("Reception"));
  return g_strdup_printf (_("Year %d"), year);
}

static void
describe_flag (GPtrArray  *parts,
               gint8       value,
               const char *yes,
               const char *no)
{
  if (value > 0)
    g_ptr_array_add (parts, g_strdup (yes));
  else if (value == 0)
    g_ptr_array_add (parts, g_strdup (no));
}

char *
att_grid_filter_describe (const AttGridFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->name != NULL)
    return g_strdup (filter->name);

  if (filter->group != NULL)
    g_ptr_array_add (parts, g_strdup (filter->group));
  if (filter->year >= 0)
    g_ptr_array_add (parts, describe_year (filter->year));
  switch (filter->sen)
    {
    case 'K':
      g_ptr_array_add (parts, g_strdup (_("SEN support")));
      break;
    case 'E':
      g_ptr_array_add (parts, g_strdup (_("EHC plan")));
      break;
    case 'S':
      g_ptr_array_add (parts, g_strdup (_("SEN")));
      break;
    case 'N':
      g_ptr_array_add (parts, g_strdup (_("No SEN")));
      break;
    default:
      break;
    }
  describe_flag (parts, filter->fsm, _("FSM"), _("Not FSM"));
  describe_flag (parts, filter->eal, _("EAL"), _("Not EAL"));
  describe_flag (parts, filter->looked_after, _("Looked after"), _("Not looked after"));
  describe_flag (parts, filter->social_worker, _("Social worker"), _("No social worker"));
  describe_flag (parts, filter->young_carer, _("Young carer"), _("Not a young carer"));

  if (parts->len == 0)
    return g_strdup (_("Whole school"));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **)parts->pdata);
}

static void
append_pair (GString    *out,
             const char *key,
             const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, TRUE);

  if (out->len > 0)
    g_string_append_c (out, ';');
  g_string_append_printf (out, "%s=%s", key, escaped);
}

static void
append_flag (GString    *out,
             const char *key,
             gint8       value)
{
  if (value >= 0)
    append_pair (out, key, value ? "1" : "0");
}

char *
att_grid_filter_to_string (const AttGridFilter *filter)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->name != NULL)
    append_pair (out, "filter", filter->name);
  if (filter->group != NULL)
    append_pair (out, "group", filter->group);
  if (filter->year >= 0)
    {
      char year[16];
      g_snprintf (year, sizeof year, "%d", filter->year);
      append_pair (out, "year", year);
    }
  if (filter->sen != 0)
    {
      char sen[2] = { filter->sen, '\0' };
      append_pair (out, "sen", sen);
    }
  append_flag (out, "fsm", filter->fsm);
  append_flag (out, "eal", filter->eal);
  append_flag (out, "looked_after", filter->looked_after);
  append_flag (out, "social_worker", filter->social_worker);
  append_flag (out, "young_carer", filter->young_carer);
  /* The whole school has a word of its own: an empty setting means "not
   * chosen yet". */
  if (out->len == 0)
    g_string_append (out, "school");
  return g_string_free (out, FALSE);
}

static gboolean
parse_flag (const char  *value,
            gint8       *flag,
            GError     **error)
{
  if (g_strcmp0 (value, "1") == 0)
    *flag = 1;
  else if (g_strcmp0 (value, "0") == 0)
    *flag = 0;
  else
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not 1 or 0 in a register filter"), value);
      return FALSE;
    }
  return TRUE;
}

AttGridFilter *
att_grid_filter_parse (const char  *text,
                       GError     **error)
{
  g_autoptr(AttGridFilter) filter = att_grid_filter_new ();
  g_auto(GStrv) pairs = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  pairs = g_strsplit (text, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (*pairs[i] == '\0' || strcmp (pairs[i], "school") == 0)
        continue;
      if (eq == NULL)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("“%s” is not part of a register filter"), pairs[i]);
          return NULL;
        }
      key = g_strndup (pairs[i], eq - pairs[i]);
      value = g_uri_unescape_string (eq + 1, NULL);
      if (value == NULL)
        value = g_strdup (eq + 1);

      if (strcmp (key, "filter") == 0)
        {
          g_free (filter->name);
          filter->name = g_steal_pointer (&value);
        }
      else if (strcmp (key, "group") == 0)
        {
          g_free (filter->group);
          filter->group = g_steal_pointer (&value);
        }
      else if (strcmp (key, "year") == 0)
        {
          GError *local = NULL;
          if (!att_year_group_parse (value, &filter->year, &local))
            {
              g_propagate_error (error, local);
              return NULL;
            }
        }
      else if (strcmp (key, "sen") == 0)
        {
          if (strlen (value) != 1 || strchr ("NKES", value[0]) == NULL)
            {
              g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("“%s” is not an SEN status (N, K, E or S for either)"), value);
              return NULL;
            }
          filter->sen = value[0];
        }
      else if (strcmp (key, "fsm") == 0)
        {
          if (!parse_flag (value, &filter->fsm, error))
            return NULL;
        }
      else if (strcmp (key, "eal") == 0)
        {
          if (!parse_flag (value, &filter->eal, error))
            return NULL;
        }
      else if (strcmp (key, "looked_after") == 0)
        {
          if (!parse_flag (value, &filter->looked_after, error))
            return NULL;
        }
      else if (strcmp (key, "social_worker") == 0)
        {
          if (!parse_flag (value, &filter->social_worker, error))
            return NULL;
        }
      else if (strcmp (key, "young_carer") == 0)
        {
          if (!parse_flag (value, &filter->young_carer, error))
            return NULL;
        }
      else
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("“%s” is not something a register filter can select on"), key);
          return NULL;
        }
    }
  return g_steal_pointer (&filter);
}

GPtrArray *
att_grid_filters_load (AttDb   *db,
                       GError **error)
{
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func ((GDestroyNotify)att_grid_filter_free);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* One filter a line, in the form att_grid_filter_to_string() writes;
   * every saved filter starts with its name. */
  text = att_db_get_setting (db, ATT_GRID_FILTERS_KEY);
  if (text == NULL)
    return g_steal_pointer (&filters);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      AttGridFilter *filter;

      if (*lines[i] == '\0')
        continue;
      filter = att_grid_filter_parse (lines[i], error);
      if (filter == NULL)
        {
          g_prefix_error (error, _("A saved register filter could not be read: "));
          return NULL;
        }
      g_ptr_array_add (filters, filter);
    }
  return g_steal_pointer (&filters);
}

gboolean
att_grid_filters_save (AttDb          *db,
                       const AttUser  *user,
                       GPtrArray      *filters,
                       GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GHashTable) names = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (filters != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_MARK, error))
    return FALSE;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < filters->len; i++)
    {
      const AttGridFilter *filter = g_ptr_array_index (filters, i);
      g_autofree char *line = NULL;
      g_autofree char *stripped = NULL;
      char *folded;

      stripped = g_strstrip (g_strdup (filter->name ? filter->name : ""));
      if (*stripped == '\0')
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("A saved register filter needs a name"));
          return FALSE;
        }
      folded = g_utf8_casefold (stripped, -1);
      if (!g_hash_table_add (names, folded))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                       _("There is already a saved filter called “%s”: choose another name"),
                       stripped);
          return FALSE;
        }
      line = att_grid_filter_to_string (filter);
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_db_put_setting (db, ATT_GRID_FILTERS_KEY, text->str, error)
      || !att_audit_log (db, user, "register.filters", text->str, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  return att_db_commit (db, error);
}

/* ------------------------------------------------------------------ */
/* Groups and years                                                   */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  int         year;
} GroupKey;

static int
compare_group_keys (gconstpointer a,
                    gconstpointer b)
{
  const GroupKey *ka = a;
  const GroupKey *kb = b;

  if (ka->year != kb->year)
    return ka->year < kb->year ? -1 : 1;
  return g_utf8_collate (ka->name, kb->name);
}

GStrv
att_grid_list_groups (AttDb   *db,
                      AttDate  date)
{
  GPtrArray *pupils;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) keys = NULL;
  GStrvBuilder *builder;
  GStrv result;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  builder = g_strv_builder_new ();
  pupils = att_pupils_list (db, NULL);
  if (pupils == NULL)
    goto out;

  /* A group's year is the lowest year of its pupils, so a mixed group
   * sorts with its youngest. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      gpointer value;

      if (!att_pupil_on_roll (pupil, date) || pupil->reg_group == NULL)
        continue;
      if (g_hash_table_lookup_extended (seen, pupil->reg_group, NULL, &value))
        {
          if (pupil->year_group < GPOINTER_TO_INT (value) - 1)
            g_hash_table_insert (seen, pupil->reg_group,
                                 GINT_TO_POINTER (pupil->year_group + 1));
        }
      else
        g_hash_table_insert (seen, pupil->reg_group,
                             GINT_TO_POINTER (pupil->year_group + 1));
    }

  keys = g_array_new (FALSE, FALSE, sizeof (GroupKey));
  {
    GHashTableIter iter;
    gpointer k, v;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &k, &v))
      {
        GroupKey key = { k, GPOINTER_TO_INT (v) - 1 };
        g_array_append_val (keys, key);
      }
  }
  g_array_sort (keys, compare_group_keys);
  for (guint i = 0; i < keys->len; i++)
    g_strv_builder_add (builder, g_array_index (keys, GroupKey, i).name);

out:
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

GArray *
att_grid_list_years (AttDb   *db,
                     AttDate  date)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean present[ATT_YEAR_MAX + 1] = { FALSE, };
  GPtrArray *pupils;

  g_return_val_if_fail (ATT_IS_DB (db), years);

  pupils = att_pupils_list (db, NULL);
  for (guint i = 0; pupils != NULL && i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      if (att_pupil_on_roll (pupil, date)
          && pupil->year_group >= 0 && pupil->year_group <= ATT_YEAR_MAX)
        present[pupil->year_group] = TRUE;
    }
  for (int year = 0; year <= ATT_YEAR_MAX; year++)
    if (present[year])
      g_array_append_val (years, year);
  return years;
}

void
att_grid_week_range (AttDate  date,
                     AttDate *monday,
                     AttDate *friday)
{
  AttDate first = att_date_monday (date);

  if (monday != NULL)
    *monday = first;
  if (friday != NULL)
    *friday = first + 4;
}
