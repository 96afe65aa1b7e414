/* att-cli-register.c: mark, marks import and export, register, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "att-cli-private.h"

/* The longest lateness worth recording: a whole day. */
#define MAX_MINUTES_LATE (24 * 60)

static const char *
code_text (AttCode code)
{
  return code == ATT_CODE_NONE ? "" : att_code_to_string (code);
}

int
att_cli_cmd_mark (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autofree char *note = NULL;
  g_autofree char *date_text = NULL;
  const char *code_arg = att_cli_arg (ctx, 3);
  AttPupil *pupil;
  AttDate date = ATT_DATE_NONE;
  AttSession session;
  AttCode code;
  guint minutes = 0;
  AttMarkWrite write = { 0 };
  g_autoptr(GArray) changes = NULL;
  const AttMarkChange *change;
  int status;

  if ((status = att_cli_parse_date (ctx, "DATE", att_cli_arg (ctx, 1), &date)) != ATT_CLI_OK ||
      (status = att_cli_parse_session (ctx, "SESSION", att_cli_arg (ctx, 2), &session)) != ATT_CLI_OK ||
      (status = att_cli_opt_uint (ctx, "minutes-late", MAX_MINUTES_LATE, &minutes)) != ATT_CLI_OK)
    return status;
  if (att_cli_opt (ctx, "user") == NULL)
    return att_cli_usage (ctx, _("--user NAME is required for a change: say who makes it"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;

  date_text = att_date_format (date);
  code = att_code_parse_for_mark (code_arg, date, session, FALSE, &note, &error);
  if (code == ATT_CODE_NONE)
    {
      /* The refusal says which mark it is about, as the register's own do. */
      if (error != NULL)
        {
          g_prefix_error (&error, "%s %s %s: ", pupil->upn, date_text, att_session_to_string (session));
          return att_cli_refuse (error);
        }
      return att_cli_refuse_msg (_("%s %s %s: CODE: “%s” is not an attendance code"),
                                 pupil->upn, date_text, att_session_to_string (session), code_arg);
    }

  write.pupil_id = pupil->id;
  write.date = date;
  write.session = session;
  write.code = code;
  write.minutes_late = att_cli_opt (ctx, "minutes-late") != NULL ? (int)minutes : -1;
  write.comment = att_cli_opt (ctx, "comment");

  /* What the mark replaced is read inside the write's own transaction,
   * so it is the mark really replaced even when someone else changed the
   * session a moment before. */
  if (!att_register_write_full (ctx->db, user, &write, 1, att_cli_opt (ctx, "reason"),
                                ATT_WRITE_DEFAULT, &changes, &error))
    return att_cli_refuse (error);
  change = &g_array_index (changes, AttMarkChange, 0);

  if (note != NULL)
    g_print (_("Notice: %s\n"), note);

  if (change->effect == ATT_WRITE_EFFECT_NONE)
    g_print (_("%s %s %s: %s (unchanged)\n"), pupil->upn, date_text,
             att_session_to_string (session), code_text (change->new_code));
  else if (change->old_code == ATT_CODE_NONE)
    g_print (_("%s %s %s: %s\n"), pupil->upn, date_text, att_session_to_string (session),
             att_code_to_string (change->new_code));
  else if (change->old_code == change->new_code)
    g_print (_("%s %s %s: %s (minutes late or comment changed)\n"), pupil->upn, date_text,
             att_session_to_string (session), att_code_to_string (change->new_code));
  else
    g_print (_("%s %s %s: %s (was %s)\n"), pupil->upn, date_text,
             att_session_to_string (session), att_code_to_string (change->new_code),
             att_code_to_string (change->old_code));
  return ATT_CLI_OK;
}

int
att_cli_cmd_marks_import (AttCliContext *ctx)
{
  return att_cli_run_import (ctx, att_import_marks, _("Marks"));
}

typedef struct
{
  AttDb   *db;
  GString *out;
  guint    n_marks;
} ExportData;

static gboolean
export_mark (gint64      pupil_id,
             AttDate     date,
             AttSession  session,
             AttCode     code,
             int         minutes_late,
             const char *comment,
             gpointer    user_data)
{
  ExportData *data = user_data;
  AttPupil *pupil = att_pupils_get (data->db, pupil_id);
  g_autofree char *date_text = att_date_format (date);
  g_autofree char *minutes = NULL;
  const char *cells[6];

  if (pupil == NULL || code == ATT_CODE_NONE)
    return TRUE;

  minutes = minutes_late >= 0 ? g_strdup_printf ("%d", minutes_late) : NULL;
  cells[0] = pupil->upn;
  cells[1] = date_text;
  cells[2] = att_session_to_string (session);
  cells[3] = att_code_to_string (code);
  cells[4] = minutes;
  cells[5] = comment;
  att_csv_append_row (data->out, cells, G_N_ELEMENTS (cells));
  data->n_marks++;
  return TRUE;
}

int
att_cli_cmd_marks_export (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  static const char * const columns[] = { "upn", "date", "session", "code", "minutes_late", "comment" };
  g_autoptr(GString) out = g_string_new (NULL);
  const char *file = att_cli_arg (ctx, 0);
  /* Open ends reach back to the oldest register any school could hold. */
  AttDate from = att_date_from_ymd (1900, 1, 1);
  AttDate to = att_date_from_ymd (2199, 12, 31);
  ExportData data = { 0 };
  int status;

  if ((status = att_cli_opt_date (ctx, "from", &from)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "to", &to)) != ATT_CLI_OK)
    return status;
  if (from > to)
    return att_cli_usage (ctx, _("--from must not be after --to"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  att_csv_append_row (out, columns, G_N_ELEMENTS (columns));
  data.db = ctx->db;
  data.out = out;
  if (!att_register_foreach (ctx->db, from, to, export_mark, &data, &error))
    return att_cli_refuse (error);

  /* Readable by its owner only, and never half written. */
  if (!att_file_save_private (file, out->str, out->len, &error))
    return att_cli_refuse (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u mark to %s\n", "Exported %u marks to %s\n",
                        data.n_marks),
           data.n_marks, file);
  return ATT_CLI_OK;
}

typedef struct
{
  AttDate    date;
  AttSession session;
  gboolean   closed;
  int        year;      /* its school year */
  guint      index;     /* its place in that year's codes */
} RegisterSlot;

int
att_cli_cmd_register (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (RegisterSlot));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) on_roll = NULL;
  g_autofree char *date_text = NULL;
  const char *group = att_cli_arg (ctx, 0);
  AttCalendar *calendar;
  GPtrArray *pupils;
  AttDate start = ATT_DATE_NONE, first = ATT_DATE_NONE, last = ATT_DATE_NONE;
  guint days = 1, found = 0;
  gboolean any_in_group = FALSE;
  int status;

  if ((status = att_cli_parse_date (ctx, "DATE", att_cli_arg (ctx, 1), &start)) != ATT_CLI_OK ||
      (status = att_cli_opt_uint (ctx, "days", 366, &days)) != ATT_CLI_OK)
    return status;
  if (days == 0)
    return att_cli_usage (ctx, _("--days: give at least one day"));
  if (att_cli_opt (ctx, "pdf") != NULL && att_cli_flag (ctx, "json"))
    return att_cli_usage (ctx, _("give --json or --pdf FILE, not both"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  calendar = att_db_get_calendar (ctx->db);

  /* The next N days of the register from DATE: school days, and days of a
   * term that are closed (shown as '#'); weekends and holidays are
   * skipped. A year ahead is as far as any register reaches. */
  for (AttDate d = start; found < days && d < start + 3 * 366; d++)
    {
      guint mask = att_calendar_day_sessions (calendar, d);
      gboolean closed[2];
      gboolean any = FALSE;

      for (int s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
        {
          closed[s] = att_calendar_is_closed_session (calendar, d, s);
          any = any || closed[s] || (mask & (1u << s));
        }
      if (!any)
        continue;

      for (int s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
        if (closed[s] || (mask & (1u << s)))
          {
            RegisterSlot slot = { d, s, closed[s] && !(mask & (1u << s)),
                                  att_date_school_year (d),
                                  att_register_slot (att_date_school_year_start (d), d, s) };
            g_array_append_val (slots, slot);
          }
      if (first == ATT_DATE_NONE)
        first = d;
      last = d;
      found++;
    }

  date_text = att_date_format (start);
  if (found == 0)
    return att_cli_refuse_msg (_("There is no school day on or after %s: add the terms with “attendance-cli calendar term add”"),
                               date_text);

  /* Only the pupils on roll in the days shown are read. */
  on_roll = att_pupils_list_on_roll (ctx->db, first, last, &error);
  if (on_roll == NULL)
    return att_cli_refuse (error);
  for (guint i = 0; i < on_roll->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (on_roll, i);

      if (!att_cli_group_matches (group, pupil))
        continue;
      any_in_group = TRUE;
      g_ptr_array_add (rows, pupil);
    }
  /* A registration group nobody belongs to is most likely a typing
   * error; "all" or a year group may simply be empty. Only then is every
   * pupil the school has had read, to tell the two apart. */
  if (!any_in_group)
    {
      pupils = att_pupils_list (ctx->db, &error);
      if (pupils == NULL)
        return att_cli_refuse (error);
      for (guint i = 0; i < pupils->len && !any_in_group; i++)
        any_in_group = att_cli_group_matches (group, g_ptr_array_index (pupils, i));
    }
  if (!any_in_group && g_ascii_strcasecmp (group, "all") != 0 &&
      g_ascii_strncasecmp (group, "year", 4) != 0 && g_ascii_strcasecmp (group, "reception") != 0)
    return att_cli_refuse_msg (_("There are no pupils in the group “%s”: give a registration group, year:N or all"),
                               group);

  if (att_cli_opt (ctx, "pdf") != NULL)
    return att_cli_register_pdf (ctx, group, first, last, att_cli_opt (ctx, "pdf"));

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_array (writer);
      for (guint i = 0; i < rows->len; i++)
        {
          AttPupil *pupil = g_ptr_array_index (rows, i);

          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "upn", pupil->upn);
          att_cli_json_string (writer, "name", att_pupil_get_display_name (pupil));
          att_cli_json_string (writer, "group", pupil->reg_group);
          att_cli_json_member (writer, "cells");
          att_cli_json_begin_array (writer);
          int year = 0;
          const guint8 *codes = NULL;

          for (guint j = 0; j < slots->len; j++)
            {
              RegisterSlot *slot = &g_array_index (slots, RegisterSlot, j);
              const char *text = "";

              if (slot->closed)
                text = "#";
              else if (att_pupil_on_roll (pupil, slot->date))
                {
                  /* The pupil's codes for the school year, read once. */
                  if (slot->year != year)
                    {
                      year = slot->year;
                      codes = att_register_year_codes (ctx->db, pupil->id, year);
                    }
                  text = code_text (codes != NULL ? (AttCode)codes[slot->index] : ATT_CODE_NONE);
                }

              att_cli_json_begin_object (writer);
              att_cli_json_date (writer, "date", slot->date);
              att_cli_json_string (writer, "session", att_session_to_string (slot->session));
              att_cli_json_string (writer, "code", text);
              att_cli_json_end_object (writer);
            }
          att_cli_json_end_array (writer);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_print_json (writer);
    }
  else
    {
      g_autoptr(AttCliTable) table = att_cli_table_new (_("UPN"), _("Name"), _("Group"), NULL);

      for (guint j = 0; j < slots->len; j++)
        {
          RegisterSlot *slot = &g_array_index (slots, RegisterSlot, j);
          g_autofree char *label = NULL;
          int y, m, d;

          att_date_to_ymd (slot->date, &y, &m, &d);
          label = g_strdup_printf ("%02d-%02d %s", m, d, att_session_to_string (slot->session));
          att_cli_table_add_header (table, label);
        }

      for (guint i = 0; i < rows->len; i++)
        {
          AttPupil *pupil = g_ptr_array_index (rows, i);
          GPtrArray *cells = g_ptr_array_new ();

          g_ptr_array_add (cells, g_strdup (pupil->upn));
          g_ptr_array_add (cells, g_strdup (att_pupil_get_display_name (pupil)));
          g_ptr_array_add (cells, g_strdup (pupil->reg_group));
          int year = 0;
          const guint8 *codes = NULL;

          for (guint j = 0; j < slots->len; j++)
            {
              RegisterSlot *slot = &g_array_index (slots, RegisterSlot, j);
              const char *text = "";

              if (slot->closed)
                text = "#";
              else if (att_pupil_on_roll (pupil, slot->date))
                {
                  /* The pupil's codes for the school year, read once. */
                  if (slot->year != year)
                    {
                      year = slot->year;
                      codes = att_register_year_codes (ctx->db, pupil->id, year);
                    }
                  text = code_text (codes != NULL ? (AttCode)codes[slot->index] : ATT_CODE_NONE);
                }
              g_ptr_array_add (cells, g_strdup (text));
            }
          att_cli_table_add_row_array (table, cells);
        }
      att_cli_table_print (table);
    }
  return ATT_CLI_OK;
}

static char *
format_when (gint64 at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (at);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z") : g_strdup ("");
}

int
att_cli_cmd_history (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AttPupil *pupil;
  AttDate from = ATT_DATE_NONE, to = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_opt_date (ctx, "from", &from)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "to", &to)) != ATT_CLI_OK)
    return status;
  if (from != ATT_DATE_NONE && to != ATT_DATE_NONE && from > to)
    return att_cli_usage (ctx, _("--from must not be after --to"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;

  entries = att_register_history (ctx->db, pupil->id, from, to, &error);
  if (entries == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_array (writer);
      for (guint i = 0; i < entries->len; i++)
        {
          AttHistoryEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *when = format_when (entry->at);

          att_cli_json_begin_object (writer);
          att_cli_json_member (writer, "id");
          att_cli_json_add_int (writer, entry->id);
          att_cli_json_string (writer, "upn", pupil->upn);
          att_cli_json_date (writer, "date", entry->date);
          att_cli_json_string (writer, "session", att_session_to_string (entry->session));
          att_cli_json_string (writer, "old", entry->old_code != ATT_CODE_NONE ?
                               att_code_to_string (entry->old_code) : NULL);
          att_cli_json_string (writer, "new", entry->new_code != ATT_CODE_NONE ?
                               att_code_to_string (entry->new_code) : NULL);
          att_cli_json_string (writer, "reason", entry->reason);
          att_cli_json_string (writer, "who", entry->user_name);
          att_cli_json_string (writer, "position", entry->position);
          att_cli_json_string (writer, "when", when);
          att_cli_json_member (writer, "old_minutes_late");
          if (entry->old_minutes >= 0)
            att_cli_json_add_int (writer, entry->old_minutes);
          else
            att_cli_json_add_null (writer);
          att_cli_json_member (writer, "new_minutes_late");
          if (entry->new_minutes >= 0)
            att_cli_json_add_int (writer, entry->new_minutes);
          else
            att_cli_json_add_null (writer);
          att_cli_json_string (writer, "comment", entry->comment);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_print_json (writer);
    }
  else
    {
      g_autoptr(AttCliTable) table = att_cli_table_new (_("Date"), _("Session"), _("Old"), _("New"),
                                                        _("Reason"), _("Who"), _("Position"),
                                                        _("When"), NULL);

      for (guint i = 0; i < entries->len; i++)
        {
          AttHistoryEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *date = att_date_format (entry->date);
          g_autofree char *when = format_when (entry->at);

          att_cli_table_add_row (table, date, att_session_to_string (entry->session),
                                 code_text (entry->old_code), code_text (entry->new_code),
                                 entry->reason ? entry->reason : "",
                                 entry->user_name ? entry->user_name : "",
                                 entry->position ? entry->position : "", when, NULL);
        }
      att_cli_table_print (table);
    }
  return ATT_CLI_OK;
}
