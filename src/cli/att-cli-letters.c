/* att-cli-letters.c: attendance-cli letters log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "att-cli-json.h"
#include "att-cli-private.h"
#include "att-letters.h"
#include "att-ladder.h"
#include "att-letter-templates.h"
#include "att-letters-due.h"

static char *
moment_text (gint64 at)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (at);

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

static void
letter_json (AttCliJson      *w,
             AttDb           *db,
             AttLetterRecord *letter,
             gboolean         out_of_date)
{
  AttPupil *pupil = att_pupils_get (db, letter->pupil_id);
  g_auto(GStrv) ids = g_strsplit (letter->contact_ids != NULL ? letter->contact_ids : "", ",", -1);
  g_autofree char *at = moment_text (letter->at);

  att_cli_json_begin_object (w);
  att_cli_json_int (w, "id", letter->id);
  att_cli_json_string (w, "upn", letter->upn);
  att_cli_json_string (w, "name", pupil != NULL ? att_pupil_get_display_name (pupil) : NULL);
  att_cli_json_date (w, "date", letter->date);
  att_cli_json_string (w, "kind", letter->kind);
  att_cli_json_string (w, "reference", letter->reference);
  att_cli_json_string (w, "template", letter->template_name);
  att_cli_json_int (w, "template_version", letter->template_version);
  att_cli_json_string (w, "subject", letter->subject);
  att_cli_json_string (w, "recipient", letter->recipient);
  att_cli_json_string (w, "address", letter->address);
  att_cli_json_member (w, "contacts");
  att_cli_json_begin_array (w);
  for (guint i = 0; ids[i] != NULL; i++)
    if (ids[i][0] != '\0')
      att_cli_json_add_int (w, g_ascii_strtoll (ids[i], NULL, 10));
  att_cli_json_end_array (w);
  att_cli_json_string (w, "delivery", att_letter_delivery_to_string (letter->delivery));
  att_cli_json_date (w, "posted", letter->posted);
  att_cli_json_date (w, "period_from", letter->period_from);
  att_cli_json_date (w, "period_to", letter->period_to);
  att_cli_json_member (w, "figures");
  if (letter->figures != NULL)
    att_cli_json_add_raw (w, letter->figures);
  else
    att_cli_json_add_null (w);
  att_cli_json_bool (w, "out_of_date", out_of_date);
  att_cli_json_string (w, "user", letter->who);
  att_cli_json_string (w, "position", letter->position);
  att_cli_json_string (w, "at", at);
  att_cli_json_end_object (w);
}

int
att_cli_cmd_letters_log (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttLettersFilter filter = { 0, NULL, NULL, ATT_DATE_NONE, ATT_DATE_NONE };
  const char *upn = att_cli_opt (ctx, "pupil");

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (upn != NULL)
    {
      AttPupil *pupil = att_cli_find_pupil (ctx->db, upn);

      if (pupil == NULL)
        return ATT_CLI_REFUSED;
      filter.pupil_id = pupil->id;
    }
  letters = att_letters_query (ctx->db, &filter, &error);
  if (letters == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      writer = att_cli_json_new (ctx);
      att_cli_json_begin_array (writer);
    }
  else
    table = att_cli_table_new (_("ID"), _("Date"), _("UPN"), _("Name"), _("Letter"), _("Template"),
                               _("To"), _("Sent by"), _("Posted"), _("Out of date"), _("Recorded by"),
                               NULL);

  for (guint i = 0; i < letters->len; i++)
    {
      AttLetterRecord *letter = g_ptr_array_index (letters, i);
      AttPupil *pupil = att_pupils_get (ctx->db, letter->pupil_id);
      gboolean out_of_date = FALSE;
      g_autofree char *id = NULL;
      g_autofree char *date = NULL;
      g_autofree char *template = NULL;
      g_autofree char *posted = NULL;

      if (!att_letters_is_out_of_date (ctx->db, letter, &out_of_date, &error))
        return att_cli_refuse (error);
      if (writer != NULL)
        {
          letter_json (writer, ctx->db, letter, out_of_date);
          continue;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, letter->id);
      date = att_date_format (letter->date);
      /* Translators: a letter's template and its version, "concern v2" */
      template = g_strdup_printf (_("%s v%u"), letter->template_name, letter->template_version);
      posted = letter->posted != ATT_DATE_NONE ? att_date_format (letter->posted) : g_strdup ("");
      att_cli_table_add_row (table, id, date, letter->upn,
                             pupil != NULL ? att_pupil_get_display_name (pupil) : "",
                             letter->kind, template, letter->recipient,
                             att_letter_delivery_describe (letter->delivery), posted,
                             /* Translators: a letter whose figures changed since it was made */
                             out_of_date ? _("out of date") : "",
                             letter->who, NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* letters due                                                        */
/* ------------------------------------------------------------------ */

static void
due_json (AttCliJson         *w,
          const AttLetterDue *due)
{
  att_cli_json_begin_object (w);
  att_cli_json_string (w, "upn", due->upn);
  att_cli_json_string (w, "name", due->name);
  att_cli_json_string (w, "group", due->group);
  att_cli_json_int (w, "year", due->year_group);
  att_cli_json_string (w, "stage", due->stage);
  att_cli_json_string (w, "title", due->stage_title);
  att_cli_json_string (w, "template", due->template_name);
  att_cli_json_string (w, "delivery", att_letter_delivery_to_string (due->delivery));
  att_cli_json_string (w, "status", att_letter_due_status_to_string (due->status));
  att_cli_json_string (w, "reason", due->reason);
  att_cli_json_date (w, "until", due->until);
  att_cli_json_date (w, "period_from", due->period_from);
  att_cli_json_date (w, "period_to", due->period_to);
  att_cli_json_pct (w, "attendance", due->figures.attendance);
  att_cli_json_int (w, "possible", due->figures.possible);
  att_cli_json_int (w, "present", due->figures.present);
  att_cli_json_int (w, "authorised", due->figures.authorised);
  att_cli_json_int (w, "unauthorised", due->figures.unauthorised);
  att_cli_json_int (w, "rolling_unauthorised", due->figures.rolling_unauthorised);
  att_cli_json_int (w, "lates", due->figures.lates);
  att_cli_json_int (w, "agreed_leave", due->figures.agreed_leave);
  att_cli_json_int (w, "medical", due->figures.medical);
  att_cli_json_pct (w, "improvement", due->figures.improvement);
  att_cli_json_member (w, "explanation");
  att_cli_json_begin_array (w);
  for (guint i = 0; due->explanation != NULL && due->explanation[i] != NULL; i++)
    att_cli_json_add_string (w, due->explanation[i]);
  att_cli_json_end_array (w);
  att_cli_json_end_object (w);
}

int
att_cli_cmd_letters_due (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttCliJson *writer;
  AttDate as_of;
  int status;

  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  rows = att_letters_due (ctx->db, as_of, &error);
  if (rows == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("UPN"), _("Name"), _("Group"), _("Letter"), _("Status"),
                               _("Attendance"), _("Unauthorised (10 weeks)"), _("Why"), NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      AttLetterDue *due = g_ptr_array_index (rows, i);
      g_autofree char *pct = NULL;
      g_autofree char *rolling = NULL;

      if (writer != NULL)
        {
          due_json (writer, due);
          continue;
        }
      pct = att_cli_format_pct (due->figures.attendance);
      rolling = g_strdup_printf ("%u", due->figures.rolling_unauthorised);
      att_cli_table_add_row (table, due->upn, due->name, due->group, due->stage,
                             att_letter_due_status_describe (due->status), pct, rolling,
                             due->reason != NULL ? due->reason
                             : (due->explanation != NULL && due->explanation[0] != NULL
                                ? due->explanation[0] : ""),
                             NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* letters rules                                                      */
/* ------------------------------------------------------------------ */

static char *
filters_text (const AttLadderStage *stage)
{
  GString *out = g_string_new (NULL);

  if (stage->year_groups != 0)
    {
      g_string_append (out, _("years"));
      for (int y = 0; y <= 14; y++)
        if (stage->year_groups & (1u << y))
          {
            g_autofree char *year = att_year_group_format (y);

            g_string_append_printf (out, " %s", year);
          }
    }
  if (stage->sen != ATT_LADDER_ANY)
    g_string_append_printf (out, "%ssen %s", out->len > 0 ? ", " : "",
                            att_ladder_filter_to_string (stage->sen));
  if (stage->ehc != ATT_LADDER_ANY)
    g_string_append_printf (out, "%sehc %s", out->len > 0 ? ", " : "",
                            att_ladder_filter_to_string (stage->ehc));
  if (stage->looked_after != ATT_LADDER_ANY)
    g_string_append_printf (out, "%slooked-after %s", out->len > 0 ? ", " : "",
                            att_ladder_filter_to_string (stage->looked_after));
  return g_string_free (out, FALSE);
}

static void
stage_json (AttCliJson           *w,
            const AttLadderStage *stage)
{
  g_autofree char *described = att_ladder_stage_describe_condition (stage);
  g_autofree char *time = g_strdup_printf ("%02d:%02d", stage->meeting_time / 60, stage->meeting_time % 60);

  att_cli_json_begin_object (w);
  att_cli_json_string (w, "name", stage->name);
  att_cli_json_string (w, "title", stage->title);
  att_cli_json_int (w, "position", stage->position + 1);
  att_cli_json_string (w, "condition", att_ladder_condition_to_string (stage->condition));
  att_cli_json_string (w, "description", described);
  att_cli_json_member (w, "percent");
  att_cli_json_add_double (w, stage->percent);
  att_cli_json_int (w, "count", stage->count);
  att_cli_json_string (w, "period", att_ladder_period_to_string (stage->period));
  att_cli_json_int (w, "weeks", stage->weeks);
  att_cli_json_string (w, "template", stage->template_name);
  att_cli_json_string (w, "follows", stage->follows);
  att_cli_json_int (w, "min_gap_days", stage->min_gap_days);
  att_cli_json_bool (w, "repeats", stage->repeats);
  att_cli_json_int (w, "monitor_weeks", stage->monitor_weeks);
  att_cli_json_member (w, "monitor_percent");
  att_cli_json_add_double (w, stage->monitor_percent);
  att_cli_json_string (w, "recipients", att_ladder_recipients_to_string (stage->recipients));
  att_cli_json_string (w, "delivery", att_letter_delivery_to_string (stage->delivery));
  att_cli_json_int (w, "meeting_days", stage->meeting_days);
  att_cli_json_string (w, "meeting_time", stage->meeting_days > 0 ? time : NULL);
  att_cli_json_string (w, "meeting_place", stage->meeting_days > 0 ? stage->meeting_place : NULL);
  att_cli_json_member (w, "year_groups");
  att_cli_json_begin_array (w);
  for (int y = 0; y <= 14; y++)
    if (stage->year_groups & (1u << y))
      att_cli_json_add_int (w, y);
  att_cli_json_end_array (w);
  att_cli_json_string (w, "sen", att_ladder_filter_to_string (stage->sen));
  att_cli_json_string (w, "ehc", att_ladder_filter_to_string (stage->ehc));
  att_cli_json_string (w, "looked_after", att_ladder_filter_to_string (stage->looked_after));
  att_cli_json_end_object (w);
}

int
att_cli_cmd_letters_rules (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(AttCliTable) table = NULL;
  const char *verb = att_cli_arg (ctx, 0);
  const char *name = att_cli_arg (ctx, 1);
  AttCliJson *writer;

  if (strcmp (verb, "list") == 0)
    {
      if (name != NULL)
        return att_cli_usage (ctx, _("“letters rules list” takes no stage name"));
    }
  else if (strcmp (verb, "show") == 0)
    {
      if (name == NULL)
        return att_cli_usage (ctx, _("Name the stage to show"));
    }
  else
    return att_cli_usage (ctx, _("Use “letters rules list” or “letters rules show NAME”"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (name != NULL)
    {
      g_autoptr(AttLadderStage) stage = att_ladder_get (ctx->db, name, &error);
      g_autofree char *described = NULL;
      g_autofree char *filters = NULL;

      if (stage == NULL)
        return att_cli_refuse (error);
      if (att_cli_flag (ctx, "json"))
        {
          writer = att_cli_json_new (ctx);
          stage_json (writer, stage);
          att_cli_print_json (writer);
          return ATT_CLI_OK;
        }
      described = att_ladder_stage_describe_condition (stage);
      filters = filters_text (stage);
      g_print ("%s: %s (%d)\n", stage->name, stage->title, stage->position + 1);
      g_print ("  %s %s\n", _("Condition:"), described);
      g_print ("  %s %s\n", _("Template:"), stage->template_name);
      g_print ("  %s %s\n", _("Follows:"), stage->follows != NULL ? stage->follows : _("(none)"));
      g_print ("  %s %u\n", _("Minimum gap in school days:"), stage->min_gap_days);
      g_print ("  %s %s\n", _("Repeats:"), stage->repeats ? _("yes, after recovering above the line") : _("no"));
      if (stage->monitor_weeks > 0)
        g_print ("  %s %u %s, %g%%\n", _("Monitoring:"), stage->monitor_weeks, _("school weeks"),
                 stage->monitor_percent);
      g_print ("  %s %s, %s\n", _("Goes to:"),
               stage->recipients == ATT_LADDER_TO_FIRST ? _("the first contact") : _("every parent"),
               att_letter_delivery_describe (stage->delivery));
      if (stage->meeting_days > 0)
        g_print ("  %s %u %s, %02d:%02d, %s\n", _("Meeting:"), stage->meeting_days,
                 _("school days after the letter"), stage->meeting_time / 60, stage->meeting_time % 60,
                 stage->meeting_place);
      g_print ("  %s %s\n", _("Pupils:"), *filters != '\0' ? filters : _("every pupil"));
      return ATT_CLI_OK;
    }

  stages = att_ladder_load (ctx->db, &error);
  if (stages == NULL)
    return att_cli_refuse (error);
  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("#"), _("Stage"), _("Title"), _("Condition"), _("Follows"), _("Gap"),
                               _("Delivery"), _("Template"), NULL);
  for (guint i = 0; i < stages->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (stages, i);
      g_autofree char *position = NULL;
      g_autofree char *described = NULL;
      g_autofree char *gap = NULL;

      if (writer != NULL)
        {
          stage_json (writer, stage);
          continue;
        }
      position = g_strdup_printf ("%d", stage->position + 1);
      described = att_ladder_stage_describe_condition (stage);
      gap = g_strdup_printf ("%u", stage->min_gap_days);
      att_cli_table_add_row (table, position, stage->name, stage->title, described,
                             stage->follows != NULL ? stage->follows : "", gap,
                             att_letter_delivery_to_string (stage->delivery), stage->template_name,
                             NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

int
att_cli_cmd_letters_rules_preset (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *preset = att_cli_arg (ctx, 0);
  int status;

  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (!att_ladder_apply_preset (ctx->db, user, preset, &error))
    return att_cli_refuse (error);
  g_print (_("The ladder is now “%s”: %s\n"), preset, att_ladder_preset_describe (preset));
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* do-not-send, postpone, remove                                      */
/* ------------------------------------------------------------------ */

int
att_cli_cmd_letters_do_not_send (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *reason = att_cli_opt (ctx, "reason");
  AttDate until = ATT_DATE_NONE;
  AttPupil *pupil;
  int status;

  if (att_cli_flag (ctx, "clear"))
    {
      if (att_cli_opt (ctx, "until") != NULL)
        return att_cli_usage (ctx, _("--clear takes no --until"));
    }
  else
    {
      if (reason == NULL)
        return att_cli_usage (ctx, _("Say why with --reason TEXT"));
      if (att_cli_opt (ctx, "until") == NULL)
        return att_cli_usage (ctx, _("Say until when with --until DATE"));
      if ((status = att_cli_opt_date (ctx, "until", &until)) != ATT_CLI_OK)
        return status;
    }
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  if (!att_letters_do_not_send (ctx->db, user, pupil->id, reason, until, &error))
    return att_cli_refuse (error);
  if (until != ATT_DATE_NONE)
    {
      g_autofree char *text = att_date_format (until);

      g_print (_("No letter of the ladder goes to %s’s family until %s\n"),
               att_pupil_get_display_name (pupil), text);
    }
  else
    g_print (_("Letters of the ladder may go to %s’s family again\n"), att_pupil_get_display_name (pupil));
  return ATT_CLI_OK;
}

int
att_cli_cmd_letters_postpone (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  AttDate until = ATT_DATE_NONE;
  AttPupil *pupil;
  int status;

  if (att_cli_opt (ctx, "until") == NULL && !att_cli_flag (ctx, "clear"))
    return att_cli_usage (ctx, _("Say until when with --until DATE, or --clear"));
  if ((status = att_cli_opt_date (ctx, "until", &until)) != ATT_CLI_OK)
    return status;
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  if (!att_letters_due_postpone (ctx->db, user, pupil->id, att_cli_arg (ctx, 1), until, &error))
    return att_cli_refuse (error);
  if (until != ATT_DATE_NONE)
    {
      g_autofree char *text = att_date_format (until);

      g_print (_("%s’s letter “%s” is postponed until %s\n"), att_pupil_get_display_name (pupil),
               att_cli_arg (ctx, 1), text);
    }
  else
    g_print (_("%s’s letter “%s” is no longer postponed\n"), att_pupil_get_display_name (pupil),
             att_cli_arg (ctx, 1));
  return ATT_CLI_OK;
}

int
att_cli_cmd_letters_remove (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  AttDate as_of;
  AttPupil *pupil;
  int status;

  if (att_cli_flag (ctx, "clear"))
    {
      if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
        return status;
      pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
      if (pupil == NULL)
        return ATT_CLI_REFUSED;
      if (!att_letters_due_unremove (ctx->db, user, pupil->id, att_cli_arg (ctx, 1), &error))
        return att_cli_refuse (error);
      g_print (_("%s’s letter “%s” is back on the list\n"), att_pupil_get_display_name (pupil),
               att_cli_arg (ctx, 1));
      return ATT_CLI_OK;
    }
  if (att_cli_opt (ctx, "reason") == NULL)
    return att_cli_usage (ctx, _("Say why with --reason TEXT, or --clear"));
  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  if (!att_letters_due_remove (ctx->db, user, pupil->id, att_cli_arg (ctx, 1), as_of,
                               att_cli_opt (ctx, "reason"), &error))
    return att_cli_refuse (error);
  g_print (_("%s’s letter “%s” is removed from the list until %s qualifies again\n"),
           att_pupil_get_display_name (pupil), att_cli_arg (ctx, 1), att_pupil_get_forename (pupil));
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* letters templates                                                  */
/* ------------------------------------------------------------------ */

#define TEMPLATE_MAX (64 * 1024)

static void
template_json (AttCliJson        *w,
               AttLetterTemplate *template,
               gboolean           with_text)
{
  const char *name = att_letter_template_get_name (template);

  att_cli_json_begin_object (w);
  att_cli_json_string (w, "name", name);
  att_cli_json_int (w, "version", att_letter_template_get_version (template));
  att_cli_json_string (w, "title", att_letter_templates_describe (name));
  att_cli_json_bool (w, "text_message", att_letter_templates_is_text (name));
  att_cli_json_string (w, "subject", att_letter_template_get_subject (template));
  if (with_text)
    att_cli_json_string (w, "body", att_letter_template_get_body (template));
  att_cli_json_end_object (w);
}

int
att_cli_cmd_letters_templates (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttCliTable) table = NULL;
  const char *verb = att_cli_arg (ctx, 0);
  const char *name = att_cli_arg (ctx, 1);
  AttCliJson *writer;

  if (strcmp (verb, "list") == 0 && name == NULL)
    {
      g_autoptr(GPtrArray) templates = NULL;

      if (att_cli_open_db (ctx) == NULL)
        return ATT_CLI_REFUSED;
      templates = att_letter_templates_list (ctx->db, &error);
      if (templates == NULL)
        return att_cli_refuse (error);
      writer = att_cli_begin_list (ctx);
      if (writer == NULL)
        table = att_cli_table_new (_("Name"), _("Version"), _("Title"), _("Subject"), NULL);
      for (guint i = 0; i < templates->len; i++)
        {
          AttLetterTemplate *template = g_ptr_array_index (templates, i);
          const char *title = att_letter_templates_describe (att_letter_template_get_name (template));
          g_autofree char *version = NULL;

          if (writer != NULL)
            {
              template_json (writer, template, FALSE);
              continue;
            }
          version = g_strdup_printf ("%u", att_letter_template_get_version (template));
          att_cli_table_add_row (table, att_letter_template_get_name (template), version,
                                 title != NULL ? title : "", att_letter_template_get_subject (template),
                                 NULL);
        }
      att_cli_print_list (writer, table);
      return ATT_CLI_OK;
    }
  if (strcmp (verb, "show") == 0 && name != NULL)
    {
      g_autoptr(AttLetterTemplate) template = NULL;
      guint version = 0;
      int status;

      if ((status = att_cli_opt_uint (ctx, "template-version", 100000, &version)) != ATT_CLI_OK)
        return status;
      if (att_cli_open_db (ctx) == NULL)
        return ATT_CLI_REFUSED;
      template = version > 0 ? att_letter_templates_get_version (ctx->db, name, version, &error)
                             : att_letter_templates_get (ctx->db, name, &error);
      if (template == NULL)
        return att_cli_refuse (error);
      if (att_cli_flag (ctx, "json"))
        {
          writer = att_cli_json_new (ctx);
          template_json (writer, template, TRUE);
          att_cli_print_json (writer);
          return ATT_CLI_OK;
        }
      g_print ("%s\n\n%s\n", att_letter_template_get_subject (template),
               att_letter_template_get_body (template));
      return ATT_CLI_OK;
    }
  if (strcmp (verb, "history") == 0 && name != NULL)
    {
      g_autoptr(AttLetterTemplate) newest = NULL;
      g_autoptr(GPtrArray) history = NULL;

      if (att_cli_open_db (ctx) == NULL)
        return ATT_CLI_REFUSED;
      /* The newest names an unknown template as the other verbs do. */
      newest = att_letter_templates_get (ctx->db, name, &error);
      if (newest == NULL)
        return att_cli_refuse (error);
      history = att_letter_templates_history (ctx->db, name, &error);
      if (history == NULL)
        return att_cli_refuse (error);
      writer = att_cli_begin_list (ctx);
      if (writer == NULL)
        table = att_cli_table_new (_("Version"), _("Saved by"), _("Saved at"), _("In use"), NULL);
      for (guint i = 0; i < history->len; i++)
        {
          AttLetterTemplateVersion *version = g_ptr_array_index (history, i);
          g_autofree char *number = g_strdup_printf ("%u", version->version);
          g_autofree char *at = version->at != 0 ? moment_text (version->at) : NULL;
          gboolean in_use = version->version == att_letter_template_get_version (newest);

          if (writer != NULL)
            {
              att_cli_json_begin_object (writer);
              att_cli_json_string (writer, "name", name);
              att_cli_json_int (writer, "version", version->version);
              att_cli_json_string (writer, "saved_by", version->who);
              att_cli_json_string (writer, "saved_at", at);
              att_cli_json_bool (writer, "in_use", in_use);
              att_cli_json_end_object (writer);
              continue;
            }
          att_cli_table_add_row (table, number,
                                 /* Translators: who saved the built-in version of a template */
                                 version->who != NULL ? version->who : _("built in"),
                                 at != NULL ? at : "", in_use ? _("yes") : "", NULL);
        }
      att_cli_print_list (writer, table);
      return ATT_CLI_OK;
    }
  return att_cli_usage (ctx, _("Use “letters templates list”, “letters templates show NAME” or "
                               "“letters templates history NAME”"));
}

/* A template file: its first line is the subject, then a blank line,
 * then the body. */
int
att_cli_cmd_letters_templates_set (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autofree char *text = NULL;
  const char *name = att_cli_arg (ctx, 0);
  const char *path = att_cli_arg (ctx, 1);
  char *body;
  gsize length = 0;
  guint version;
  int status;

  if (strcmp (path, "-") == 0)
    {
      text = g_malloc (TEMPLATE_MAX + 1);
      length = fread (text, 1, TEMPLATE_MAX + 1, stdin);
      text[MIN (length, TEMPLATE_MAX)] = '\0';
    }
  else if (!g_file_get_contents (path, &text, &length, &error))
    return att_cli_refuse (error);
  if (length > TEMPLATE_MAX || !g_utf8_validate (text, -1, NULL))
    return att_cli_refuse_msg (_("%s: a template is UTF-8 text of at most 64 KB"), path);
  body = strchr (text, '\n');
  if (body == NULL)
    return att_cli_refuse_msg (_("%s: the first line is the subject, then a blank line, then the "
                                 "letter"), path);
  *body++ = '\0';
  while (*body == '\n' || *body == '\r')
    body++;
  g_strchomp (body);
  g_strstrip (text);

  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  version = att_letter_templates_save (ctx->db, user, name, text, body, &error);
  if (version == 0)
    return att_cli_refuse (error);
  g_print (_("Saved the template “%s” as version %u\n"), name, version);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* Medical evidence                                                   */
/* ------------------------------------------------------------------ */

int
att_cli_cmd_letters_evidence_add (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  AttDate from = ATT_DATE_NONE, to = ATT_DATE_NONE;
  AttPupil *pupil;
  gint64 id;
  int status;

  if (att_cli_opt (ctx, "from") == NULL || att_cli_opt (ctx, "note") == NULL)
    return att_cli_usage (ctx, _("Give the days with --from DATE [--to DATE] and what it is with --note TEXT"));
  if ((status = att_cli_opt_date (ctx, "from", &from)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "to", &to)) != ATT_CLI_OK)
    return status;
  if (to == ATT_DATE_NONE)
    to = from;
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  id = att_medical_evidence_add (ctx->db, user, pupil->id, from, to, att_cli_opt (ctx, "note"), &error);
  if (id == 0)
    return att_cli_refuse (error);
  g_print (_("Medical evidence %" G_GINT64_FORMAT " recorded for %s: warning letters leave those "
             "absences out\n"), id, att_pupil_get_display_name (pupil));
  return ATT_CLI_OK;
}

int
att_cli_cmd_letters_evidence_list (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttCliTable) table = NULL;
  const char *upn = att_cli_opt (ctx, "pupil");
  gint64 pupil_id = 0;
  AttCliJson *writer;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (upn != NULL)
    {
      AttPupil *pupil = att_cli_find_pupil (ctx->db, upn);

      if (pupil == NULL)
        return ATT_CLI_REFUSED;
      pupil_id = pupil->id;
    }
  list = att_medical_evidence_list (ctx->db, pupil_id, &error);
  if (list == NULL)
    return att_cli_refuse (error);
  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("ID"), _("UPN"), _("Name"), _("From"), _("To"), _("Evidence"),
                               _("Recorded by"), NULL);
  for (guint i = 0; i < list->len; i++)
    {
      AttMedicalEvidence *item = g_ptr_array_index (list, i);
      AttPupil *pupil = att_pupils_get (ctx->db, item->pupil_id);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);
      g_autofree char *from = att_date_format (item->from);
      g_autofree char *to = att_date_format (item->to);

      if (writer != NULL)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_int (writer, "id", item->id);
          att_cli_json_string (writer, "upn", pupil != NULL ? pupil->upn : NULL);
          att_cli_json_date (writer, "from", item->from);
          att_cli_json_date (writer, "to", item->to);
          att_cli_json_string (writer, "note", item->note);
          att_cli_json_string (writer, "user", item->who);
          att_cli_json_end_object (writer);
          continue;
        }
      att_cli_table_add_row (table, id, pupil != NULL ? pupil->upn : "",
                             pupil != NULL ? att_pupil_get_display_name (pupil) : "", from, to,
                             item->note, item->who, NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}
