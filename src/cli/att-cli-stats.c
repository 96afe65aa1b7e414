/* att-cli-stats.c: stats and threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"

static char *
uint_text (guint value)
{
  return g_strdup_printf ("%u", value);
}

static void
add_stats_row (AttCliTable      *table,
               AttPupil         *pupil,
               const AttFigures *f)
{
  GPtrArray *cells = g_ptr_array_new ();

  g_ptr_array_add (cells, g_strdup (pupil->upn));
  g_ptr_array_add (cells, g_strdup (att_pupil_get_display_name (pupil)));
  g_ptr_array_add (cells, g_strdup (pupil->reg_group));
  g_ptr_array_add (cells, att_year_group_format (pupil->year_group));
  g_ptr_array_add (cells, uint_text (f->possible));
  g_ptr_array_add (cells, uint_text (f->present));
  g_ptr_array_add (cells, uint_text (f->aea));
  g_ptr_array_add (cells, uint_text (f->authorised));
  g_ptr_array_add (cells, uint_text (f->unauthorised));
  g_ptr_array_add (cells, uint_text (f->missing));
  g_ptr_array_add (cells, uint_text (f->late));
  g_ptr_array_add (cells, uint_text (f->late_after_close));
  g_ptr_array_add (cells, att_cli_format_pct (att_figures_attendance_pct (f)));
  g_ptr_array_add (cells, g_strdup (att_figures_severe (f) ? _("SA") :
                                    att_figures_persistent (f) ? _("PA") : ""));
  att_cli_table_add_row_array (table, cells);
}

static void
add_stats_json (AttCliJson       *writer,
                AttPupil         *pupil,
                const AttFigures *f)
{
  att_cli_json_begin_object (writer);
  att_cli_json_string (writer, "upn", pupil->upn);
  att_cli_json_string (writer, "name", att_pupil_get_display_name (pupil));
  att_cli_json_string (writer, "group", pupil->reg_group);
  att_cli_json_int (writer, "year", pupil->year_group);
  att_cli_json_figures (writer, f);
  att_cli_json_end_object (writer);
}

int
att_cli_cmd_stats (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GPtrArray) on_roll = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  const char *group = att_cli_opt (ctx, "group");
  const char *upn = att_cli_opt (ctx, "pupil");
  gboolean json = att_cli_flag (ctx, "json");
  AttDate from = ATT_DATE_NONE, to = ATT_DATE_NONE;
  int year;
  int status;

  if ((status = att_cli_opt_date (ctx, "from", &from)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "to", &to)) != ATT_CLI_OK ||
      (status = att_cli_opt_year (ctx, &year)) != ATT_CLI_OK)
    return status;

  /* Without dates: the current school year up to today. */
  if (to == ATT_DATE_NONE)
    to = att_date_today ();
  if (from == ATT_DATE_NONE)
    from = att_date_school_year_start (to);
  if (from > to)
    return att_cli_usage (ctx, _("--from must not be after --to"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  if (upn != NULL)
    {
      AttPupil *pupil = att_cli_find_pupil (ctx->db, upn);
      AttFigures figures = { 0 };

      if (pupil == NULL)
        return ATT_CLI_REFUSED;
      if (!att_stats_pupil (ctx->db, pupil->id, from, to, &figures, &error))
        return att_cli_refuse (error);
      figures.pupil_id = pupil->id;
      all = g_array_new (FALSE, TRUE, sizeof (AttFigures));
      g_array_append_val (all, figures);
    }
  else
    {
      /* The pupils listed are read first, in one query: the figures
       * themselves read only their dates. */
      on_roll = att_pupils_list_on_roll (ctx->db, from, to, &error);
      if (on_roll == NULL)
        return att_cli_refuse (error);
      all = att_stats_all (ctx->db, from, to, &error);
      if (all == NULL)
        return att_cli_refuse (error);
    }

  if (json)
    {
      writer = att_cli_json_new (ctx);
      att_cli_json_begin_array (writer);
    }
  else
    {
      table = att_cli_table_new (_("UPN"), _("Name"), _("Group"), _("Year"), _("Possible"),
                                 _("Present"), _("AEA"), _("Auth"), _("Unauth"), _("Missing"),
                                 _("L"), _("U"), _("Att %"), _("PA/SA"), NULL);
      for (guint c = 3; c <= 12; c++)
        att_cli_table_align_right (table, c);
    }

  for (guint i = 0; i < all->len; i++)
    {
      const AttFigures *f = &g_array_index (all, AttFigures, i);
      AttPupil *pupil = att_pupils_get (ctx->db, f->pupil_id);

      if (pupil == NULL)
        continue;
      if (group != NULL && !att_cli_group_matches (group, pupil))
        continue;
      if (year >= 0 && pupil->year_group != year)
        continue;

      if (json)
        add_stats_json (writer, pupil, f);
      else
        add_stats_row (table, pupil, f);
    }

  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

int
att_cli_cmd_threshold (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) breaches = NULL;
  AttDate as_of = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  breaches = att_threshold_check (ctx->db, as_of, &error);
  if (breaches == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_array (writer);
      for (guint i = 0; i < breaches->len; i++)
        {
          const AttBreach *b = &g_array_index (breaches, AttBreach, i);
          AttPupil *pupil = att_pupils_get (ctx->db, b->pupil_id);

          if (pupil == NULL)
            continue;
          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "upn", pupil->upn);
          att_cli_json_string (writer, "name", att_pupil_get_display_name (pupil));
          att_cli_json_int (writer, "unauthorised_sessions", b->sessions);
          att_cli_json_date (writer, "window_start", b->window_start);
          att_cli_json_date (writer, "window_end", b->window_end);
          att_cli_json_int (writer, "school_weeks", b->school_weeks);
          att_cli_json_codes (writer, "codes", b->codes);
          att_cli_json_bool (writer, "includes_n", b->includes_n);
          att_cli_json_int (writer, "penalty_notices_3y", b->notices_3y);
          att_cli_json_bool (writer, "considered", b->considered);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_print_json (writer);
    }
  else
    {
      g_autoptr(AttCliTable) table = att_cli_table_new (_("UPN"), _("Name"), _("Sessions"),
                                                        _("Window"), _("Weeks"), _("Codes"),
                                                        _("Notices (3y)"), _("Considered"), NULL);

      att_cli_table_align_right (table, 2);
      att_cli_table_align_right (table, 4);
      att_cli_table_align_right (table, 6);
      for (guint i = 0; i < breaches->len; i++)
        {
          const AttBreach *b = &g_array_index (breaches, AttBreach, i);
          AttPupil *pupil = att_pupils_get (ctx->db, b->pupil_id);
          g_autofree char *start = NULL;
          g_autofree char *end = NULL;
          g_autofree char *window = NULL;
          g_autofree char *sessions = NULL;
          g_autofree char *weeks = NULL;
          g_autofree char *codes = NULL;
          g_autofree char *notices = NULL;

          if (pupil == NULL)
            continue;
          start = att_date_format (b->window_start);
          end = att_date_format (b->window_end);
          window = g_strdup_printf (_("%s to %s"), start, end);
          sessions = uint_text (b->sessions);
          weeks = uint_text (b->school_weeks);
          codes = att_cli_format_codes (b->codes);
          notices = uint_text (b->notices_3y);
          att_cli_table_add_row (table, pupil->upn, att_pupil_get_display_name (pupil), sessions,
                                 window, weeks, codes, notices,
                                 b->considered ? _("yes") : _("no"), NULL);
        }
      att_cli_table_print (table);
    }
  return ATT_CLI_OK;
}
