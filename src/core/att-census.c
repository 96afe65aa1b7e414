/* att-census.c: the school census's attendance figures as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The census asks, for each pupil aged 5 to 15 on 31 August before the
 * school year, the sessions possible and missed in the term, and the
 * sessions of each reason for absence; the summer term comes as two
 * parts, its first and second half terms apart.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-db-private.h"
#include "att-error.h"
#include "att-file.h"
#include "att-import.h"
#include "att-pupils.h"
#include "att-report-private.h"

static const char * const term_names[] = { "autumn", "spring", "summer" };

/* The part of the term: the dates it covers and the name written. */
typedef struct
{
  const char *name;
  AttDate     from;
  AttDate     to;
} Part;

/* The summer's two halves: the calendar's first summer half term and the
 * rest when it holds them apart, else the term split at the late May
 * bank holiday (the last Monday in May), where its half term falls. */
static guint
summer_parts (AttCalendar *calendar,
              int          school_year,
              AttDate      first,
              AttDate      last,
              Part         parts[2])
{
  const AttTerm *terms;
  guint n_terms;
  AttDate split = ATT_DATE_NONE;

  terms = att_calendar_get_terms (calendar, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    if (terms[i].start >= first && terms[i].end < last)
      {
        /* The first summer term of the calendar that does not reach the
         * end: the second half starts after it. */
        split = terms[i].end + 1;
        break;
      }
  if (split == ATT_DATE_NONE)
    {
      split = att_date_from_ymd (school_year + 1, 5, 31);
      while (att_date_weekday (split) != 1)
        split--;
    }
  parts[0] = (Part) { "summer-1", first, MIN (split - 1, last) };
  parts[1] = (Part) { "summer-2", MAX (split, first), last };
  return 2;
}

/* The codes of the census's columns: every reason for absence,
 * authorised or not, retired ones too (they count in older terms). */
static guint
absence_codes (AttCode codes[ATT_CODE_N_CODES])
{
  guint n = 0;

  for (guint c = 1; c < ATT_CODE_N_CODES; c++)
    {
      const AttCodeInfo *info = att_code_info ((AttCode)c);

      if (info->possible && (info->meaning == ATT_MEANING_AUTHORISED ||
                             info->meaning == ATT_MEANING_UNAUTHORISED))
        codes[n++] = (AttCode)c;
    }
  return n;
}

static void
write_row (AttPupil         *pupil,
           const Part       *part,
           const AttFigures *f,
           const AttCode    *codes,
           guint             n_codes,
           GString          *out)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  char date[ATT_DATE_TEXT_SIZE];

  g_ptr_array_add (cells, g_strdup (pupil->upn));
  g_ptr_array_add (cells, g_strdup (pupil->legal_surname));
  g_ptr_array_add (cells, g_strdup (pupil->legal_forename));
  g_ptr_array_add (cells, g_strdup (att_date_format_to (pupil->dob, date)));
  g_ptr_array_add (cells, g_strdup (part->name));
  g_ptr_array_add (cells, g_strdup (att_date_format_to (part->from, date)));
  g_ptr_array_add (cells, g_strdup (att_date_format_to (part->to, date)));
  g_ptr_array_add (cells, g_strdup_printf ("%u", f->possible));
  g_ptr_array_add (cells, g_strdup_printf ("%u", f->authorised));
  g_ptr_array_add (cells, g_strdup_printf ("%u", f->unauthorised));
  for (guint c = 0; c < n_codes; c++)
    g_ptr_array_add (cells, g_strdup_printf ("%u", f->codes[codes[c]]));
  att_csv_append_row (out, (const char * const *)cells->pdata, cells->len);
}

/* Every pupil aged 5 to 15 with a possible session in the term, in name
 * order, with a row for each part of it (the summer's two, even when
 * one of them holds none of the pupil's sessions). */
static gboolean
write_rows (AttDb          *db,
            const Part     *parts,
            guint           n_parts,
            int             school_year,
            const AttCode  *codes,
            guint           n_codes,
            GString        *out,
            GError        **error)
{
  GArray *all[2] = { NULL, NULL };
  GHashTable *index[2] = { NULL, NULL };
  g_autoptr(GPtrArray) pupils = NULL;
  gboolean ok = FALSE;

  for (guint p = 0; p < n_parts; p++)
    {
      all[p] = att_stats_all (db, parts[p].from, parts[p].to, error);
      if (all[p] == NULL)
        goto out;
      index[p] = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < all[p]->len; i++)
        {
          AttFigures *f = &g_array_index (all[p], AttFigures, i);

          g_hash_table_insert (index[p], &f->pupil_id, f);
        }
    }

  pupils = att_pupils_list_on_roll (db, parts[0].from, parts[n_parts - 1].to, error);
  if (pupils == NULL)
    goto out;
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      const AttFigures *figures[2] = { NULL, NULL };
      static const AttFigures none = { 0 };
      guint possible = 0;

      if (!_att_report_age_5_to_15 (pupil->dob, school_year))
        continue;
      for (guint p = 0; p < n_parts; p++)
        {
          figures[p] = g_hash_table_lookup (index[p], &pupil->id);
          if (figures[p] == NULL)
            figures[p] = &none;
          possible += figures[p]->possible;
        }
      if (possible == 0)
        continue;
      for (guint p = 0; p < n_parts; p++)
        write_row (pupil, &parts[p], figures[p], codes, n_codes, out);
    }
  ok = TRUE;

out:
  for (guint p = 0; p < 2; p++)
    {
      g_clear_pointer (&index[p], g_hash_table_unref);
      g_clear_pointer (&all[p], g_array_unref);
    }
  return ok;
}

static gboolean
census_write (AttDb          *db,
              AttCensusTerm   term,
              int             year,
              GString        *out,
              GError        **error)
{
  AttCalendar *calendar = att_db_get_calendar (db);
  AttCode codes[ATT_CODE_N_CODES];
  guint n_codes = absence_codes (codes);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  AttDate first, last;
  Part parts[2];
  guint n_parts;

  if (!_att_report_season_range (calendar, year, (AttSeason)term, &first, &last))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("The school’s calendar holds no %s term in the school year %d to %d: add its terms with calendar term add"),
                   term_names[term], year, year + 1);
      return FALSE;
    }
  if (term == ATT_CENSUS_SUMMER)
    n_parts = summer_parts (calendar, year, first, last, parts);
  else
    {
      parts[0] = (Part) { term_names[term], first, last };
      n_parts = 1;
    }

  for (const char * const *name = (const char * const[]) {
         "upn", "surname", "forename", "dob", "term", "from", "to",
         "possible", "authorised", "unauthorised", NULL };
       *name != NULL; name++)
    g_ptr_array_add (header, (gpointer)*name);
  for (guint c = 0; c < n_codes; c++)
    g_ptr_array_add (header, (gpointer)att_code_to_string (codes[c]));
  att_csv_append_row (out, (const char * const *)header->pdata, header->len);

  return write_rows (db, parts, n_parts, year, codes, n_codes, out, error);
}

gboolean
att_census_write_csv (AttDb          *db,
                      AttCensusTerm   term,
                      int             year,
                      const char     *path,
                      GError        **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean begun, ok;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (term <= ATT_CENSUS_SUMMER, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (year < 0)
    year = att_date_school_year (att_date_today ());

  /* One snapshot for every part; the file is written whole through a
   * temporary renamed into place, or not at all. */
  begun = att_db_begin_read (db);
  ok = census_write (db, term, year, out, error);
  att_db_end_read (db, begun);
  return ok && att_file_save_private (path, out->str, out->len, error);
}
