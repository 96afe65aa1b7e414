/* att-ladder.c: the school's ladder of attendance letters, stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "att-audit.h"
#include "att-calendar.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-ladder.h"
#include "att-ladder-private.h"
#include "att-letter-templates.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Names                                                              */
/* ------------------------------------------------------------------ */

static const char * const condition_names[ATT_LADDER_N_CONDITIONS] = {
  "below", "unauthorised", "late", "persistent", "severe", "improved", "at-least",
};
static const char * const period_names[ATT_LADDER_N_PERIODS] = { "term", "year", "weeks" };
static const char * const filter_names[] = { "any", "only", "not" };
static const char * const recipients_names[] = { "parents", "first" };

static gboolean
parse_name (const char         *text,
            const char * const *names,
            guint               n_names,
            guint              *value)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

const char *
att_ladder_condition_to_string (AttLadderCondition condition)
{
  g_return_val_if_fail ((guint)condition < ATT_LADDER_N_CONDITIONS, "");
  return condition_names[condition];
}

const char *
att_ladder_condition_describe (AttLadderCondition condition)
{
  static const char * const texts[ATT_LADDER_N_CONDITIONS] = {
    N_("Attendance below a line"),
    N_("Unauthorised sessions in the last 10 school weeks"),
    N_("Late arrivals (L and U)"),
    N_("Becoming persistently absent"),
    N_("Becoming severely absent"),
    N_("Improvement since the last letter"),
    N_("Attendance at or above a line (certificates)"),
  };

  g_return_val_if_fail ((guint)condition < ATT_LADDER_N_CONDITIONS, "");
  return _(texts[condition]);
}

gboolean
att_ladder_condition_parse (const char          *text,
                            AttLadderCondition  *condition,
                            GError             **error)
{
  guint value;

  g_return_val_if_fail (condition != NULL, FALSE);
  if (parse_name (text, condition_names, G_N_ELEMENTS (condition_names), &value))
    {
      *condition = value;
      return TRUE;
    }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a condition of the ladder: use below, unauthorised, late, "
                 "persistent, severe, improved or at-least"), text != NULL ? text : "");
  return FALSE;
}

const char *
att_ladder_period_to_string (AttLadderPeriod period)
{
  g_return_val_if_fail ((guint)period < ATT_LADDER_N_PERIODS, "");
  return period_names[period];
}

gboolean
att_ladder_period_parse (const char       *text,
                         AttLadderPeriod  *period,
                         GError          **error)
{
  guint value;

  g_return_val_if_fail (period != NULL, FALSE);
  if (parse_name (text, period_names, G_N_ELEMENTS (period_names), &value))
    {
      *period = value;
      return TRUE;
    }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a period of the ladder: use term, year or weeks"),
               text != NULL ? text : "");
  return FALSE;
}

const char *
att_ladder_filter_to_string (AttLadderFilter filter)
{
  g_return_val_if_fail ((guint)filter < G_N_ELEMENTS (filter_names), "");
  return filter_names[filter];
}

gboolean
att_ladder_filter_parse (const char       *text,
                         AttLadderFilter  *filter,
                         GError          **error)
{
  guint value;

  g_return_val_if_fail (filter != NULL, FALSE);
  if (parse_name (text, filter_names, G_N_ELEMENTS (filter_names), &value))
    {
      *filter = value;
      return TRUE;
    }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a cohort filter: use any, only or not"), text != NULL ? text : "");
  return FALSE;
}

const char *
att_ladder_recipients_to_string (AttLadderRecipients recipients)
{
  g_return_val_if_fail ((guint)recipients < G_N_ELEMENTS (recipients_names), "");
  return recipients_names[recipients];
}

gboolean
att_ladder_recipients_parse (const char           *text,
                             AttLadderRecipients  *recipients,
                             GError              **error)
{
  guint value;

  g_return_val_if_fail (recipients != NULL, FALSE);
  if (parse_name (text, recipients_names, G_N_ELEMENTS (recipients_names), &value))
    {
      *recipients = value;
      return TRUE;
    }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not whom a letter goes to: use parents or first"),
               text != NULL ? text : "");
  return FALSE;
}

gboolean
att_ladder_condition_is_warning (AttLadderCondition condition)
{
  return condition != ATT_LADDER_IMPROVED && condition != ATT_LADDER_AT_LEAST;
}

/* ------------------------------------------------------------------ */
/* Stages                                                             */
/* ------------------------------------------------------------------ */

AttLadderStage *
att_ladder_stage_new (void)
{
  AttLadderStage *stage = g_new0 (AttLadderStage, 1);

  stage->condition = ATT_LADDER_BELOW;
  stage->percent = 90.0;
  stage->period = ATT_LADDER_PERIOD_TERM;
  stage->recipients = ATT_LADDER_TO_PARENTS;
  stage->delivery = ATT_LETTER_POST;
  stage->meeting_time = 9 * 60;
  return stage;
}

AttLadderStage *
att_ladder_stage_copy (const AttLadderStage *stage)
{
  AttLadderStage *copy;

  g_return_val_if_fail (stage != NULL, NULL);

  copy = g_memdup2 (stage, sizeof *stage);
  copy->name = g_strdup (stage->name);
  copy->title = g_strdup (stage->title);
  copy->template_name = g_strdup (stage->template_name);
  copy->follows = g_strdup (stage->follows);
  copy->meeting_place = g_strdup (stage->meeting_place);
  return copy;
}

void
att_ladder_stage_free (AttLadderStage *stage)
{
  if (stage == NULL)
    return;
  g_free (stage->name);
  g_free (stage->title);
  g_free (stage->template_name);
  g_free (stage->follows);
  g_free (stage->meeting_place);
  g_free (stage);
}

static gboolean
valid_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 40)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
stage_error (GError              **error,
             const AttLadderStage *stage,
             const char           *field,
             const char           *rule)
{
  /* Translators: "The stage “concern”: percent: a line from 1 to 100%" */
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("The stage “%s”: %s: %s"),
               stage->name != NULL && *stage->name != '\0' ? stage->name : _("(no name)"),
               field, rule);
  return FALSE;
}

gboolean
att_ladder_stage_check (AttDb                 *db,
                        const AttLadderStage  *stage,
                        GError               **error)
{
  g_autoptr(AttLetterTemplate) template = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (stage != NULL, FALSE);

  if (!valid_name (stage->name))
    return stage_error (error, stage, "name",
                        _("letters, digits, “-” and “_”, at most 40 characters"));
  if (stage->title == NULL || *stage->title == '\0')
    return stage_error (error, stage, "title", _("say what the letter is, as the office calls it"));
  if (!att_text_check (_("title"), stage->title, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, &local))
    return stage_error (error, stage, "title", local->message);
  if ((guint)stage->condition >= ATT_LADDER_N_CONDITIONS)
    return stage_error (error, stage, "condition", _("not a condition of the ladder"));
  if ((guint)stage->period >= ATT_LADDER_N_PERIODS)
    return stage_error (error, stage, "period", _("use term, year or weeks"));
  switch (stage->condition)
    {
    case ATT_LADDER_BELOW:
    case ATT_LADDER_AT_LEAST:
      if (!(stage->percent >= 1.0 && stage->percent <= 100.0))
        return stage_error (error, stage, "percent", _("a line from 1 to 100%"));
      break;
    case ATT_LADDER_IMPROVED:
      if (!(stage->percent >= 0.5 && stage->percent <= 100.0))
        return stage_error (error, stage, "percent", _("an improvement of 0.5 to 100 points"));
      break;
    case ATT_LADDER_UNAUTHORISED:
    case ATT_LADDER_LATE:
      if (stage->count < 1 || stage->count > 400)
        return stage_error (error, stage, "count", _("a number of sessions from 1 to 400"));
      break;
    case ATT_LADDER_PERSISTENT:
    case ATT_LADDER_SEVERE:
    case ATT_LADDER_N_CONDITIONS:
    default:
      break;
    }
  if (stage->period == ATT_LADDER_PERIOD_WEEKS && (stage->weeks < 1 || stage->weeks > 39))
    return stage_error (error, stage, "weeks", _("the last 1 to 39 school weeks"));
  if (!valid_name (stage->template_name))
    return stage_error (error, stage, "template", _("name the wording the letter uses"));
  template = att_letter_templates_get (db, stage->template_name, &local);
  if (template == NULL)
    return stage_error (error, stage, "template", local->message);
  if ((stage->delivery == ATT_LETTER_TEXT) != att_letter_templates_is_text (stage->template_name))
    return stage_error (error, stage, "template",
                        stage->delivery == ATT_LETTER_TEXT
                        ? _("a text message uses a text wording, whose name ends in “-text”")
                        : _("a wording whose name ends in “-text” is for text messages only"));
  if (stage->follows != NULL && *stage->follows != '\0' && !valid_name (stage->follows))
    return stage_error (error, stage, "follows", _("name a stage of the ladder"));
  if (stage->follows != NULL && g_strcmp0 (stage->follows, stage->name) == 0)
    return stage_error (error, stage, "follows", _("a stage cannot follow itself"));
  if (stage->min_gap_days > 200)
    return stage_error (error, stage, "min_gap_days", _("at most 200 school days"));
  if (stage->monitor_weeks > 39)
    return stage_error (error, stage, "monitor_weeks", _("a monitoring period of at most 39 school weeks"));
  if (stage->monitor_weeks > 0 && !(stage->monitor_percent >= 1.0 && stage->monitor_percent <= 100.0))
    return stage_error (error, stage, "monitor_percent",
                        _("a monitoring period needs a success line from 1 to 100%"));
  if ((guint)stage->recipients > ATT_LADDER_TO_FIRST)
    return stage_error (error, stage, "recipients", _("use parents or first"));
  if ((guint)stage->delivery >= ATT_LETTER_N_DELIVERIES)
    return stage_error (error, stage, "delivery", _("use post, hand, email or text"));
  if (stage->meeting_days > 0)
    {
      if (stage->meeting_days > 60)
        return stage_error (error, stage, "meeting_days", _("a meeting within 60 school days of the letter"));
      if (stage->meeting_time < 7 * 60 || stage->meeting_time > 19 * 60)
        return stage_error (error, stage, "meeting_time", _("a time from 07:00 to 19:00"));
      if (stage->meeting_place == NULL || *stage->meeting_place == '\0')
        return stage_error (error, stage, "meeting_place", _("say where the meeting is"));
      if (!att_text_check (_("meeting place"), stage->meeting_place, ATT_TEXT_LINE_MAX,
                           ATT_TEXT_ONE_LINE, &local))
        return stage_error (error, stage, "meeting_place", local->message);
    }
  if (stage->year_groups >= (1u << 15))
    return stage_error (error, stage, "year_groups", _("Reception and years 1 to 14"));
  if ((guint)stage->sen > ATT_LADDER_NOT || (guint)stage->ehc > ATT_LADDER_NOT ||
      (guint)stage->looked_after > ATT_LADDER_NOT)
    return stage_error (error, stage, "filter", _("use any, only or not"));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Descriptions                                                       */
/* ------------------------------------------------------------------ */

char *
att_ladder_stage_describe_period (const AttLadderStage *stage)
{
  g_return_val_if_fail (stage != NULL, NULL);

  switch (stage->period)
    {
    case ATT_LADDER_PERIOD_YEAR:
      return g_strdup (_("this school year"));
    case ATT_LADDER_PERIOD_WEEKS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the last school week",
                                           "the last %u school weeks", stage->weeks),
                              stage->weeks);
    case ATT_LADDER_PERIOD_TERM:
    case ATT_LADDER_N_PERIODS:
    default:
      return g_strdup (_("this term"));
    }
}

char *
att_ladder_stage_describe_condition (const AttLadderStage *stage)
{
  g_autofree char *period = NULL;

  g_return_val_if_fail (stage != NULL, NULL);

  period = att_ladder_stage_describe_period (stage);
  switch (stage->condition)
    {
    case ATT_LADDER_BELOW:
      /* Translators: "Attendance below 90% this term" */
      return g_strdup_printf (_("Attendance below %g%% %s"), stage->percent, period);
    case ATT_LADDER_UNAUTHORISED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u or more unauthorised session in the last 10 school weeks",
                                           "%u or more unauthorised sessions in the last 10 school weeks",
                                           stage->count), stage->count);
    case ATT_LADDER_LATE:
      /* Translators: "5 or more late arrivals (L or U) this term" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u or more late arrival (L or U) %s",
                                           "%u or more late arrivals (L or U) %s", stage->count),
                              stage->count, period);
    case ATT_LADDER_PERSISTENT:
      return g_strdup_printf (_("Becoming persistently absent (below 90%%) %s"), period);
    case ATT_LADDER_SEVERE:
      return g_strdup_printf (_("Becoming severely absent (below 50%%) %s"), period);
    case ATT_LADDER_IMPROVED:
      /* Translators: "Attendance up 5 points or more since the last letter, this term" */
      return g_strdup_printf (_("Attendance up %g points or more since the last letter, %s"),
                              stage->percent, period);
    case ATT_LADDER_AT_LEAST:
      if (stage->percent >= 100.0)
        return g_strdup_printf (_("Full attendance %s"), period);
      return g_strdup_printf (_("Attendance of %g%% or more %s"), stage->percent, period);
    case ATT_LADDER_N_CONDITIONS:
    default:
      return g_strdup ("");
    }
}

gboolean
att_ladder_stage_period (AttDb                 *db,
                         const AttLadderStage  *stage,
                         AttDate                as_of,
                         AttDate               *from,
                         GError               **error)
{
  AttCalendar *calendar;
  AttDate first, last, year_start;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (stage != NULL, FALSE);
  g_return_val_if_fail (from != NULL, FALSE);

  calendar = att_db_get_calendar (db);
  year_start = att_date_school_year_start (as_of);
  switch (stage->period)
    {
    case ATT_LADDER_PERIOD_TERM:
      if (att_calendar_term_range (calendar, as_of, &first, &last))
        *from = MAX (first, year_start);
      else
        *from = year_start;
      break;
    case ATT_LADDER_PERIOD_WEEKS:
      if (att_calendar_window (calendar, as_of, MAX (stage->weeks, 1), &first, &last) > 0)
        *from = first;
      else
        *from = as_of;
      break;
    case ATT_LADDER_PERIOD_YEAR:
    case ATT_LADDER_N_PERIODS:
    default:
      *from = year_start;
      break;
    }
  if (*from > as_of)
    *from = as_of;
  (void)error;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The store                                                          */
/* ------------------------------------------------------------------ */

#define STAGE_COLUMNS \
  "name, position, title, condition, percent, count, period, weeks, template, follows, " \
  "min_gap_days, repeats, monitor_weeks, monitor_percent, recipients, delivery, meeting_days, " \
  "meeting_time, meeting_place, year_groups, sen, ehc, looked_after"

static gpointer
stage_from_row (sqlite3_stmt *stmt)
{
  AttLadderStage *stage = att_ladder_stage_new ();
  guint value;

  stage->name = att_db_column_dup (stmt, 0);
  stage->position = sqlite3_column_int (stmt, 1);
  stage->title = att_db_column_dup (stmt, 2);
  if (parse_name ((const char *)sqlite3_column_text (stmt, 3), condition_names,
                  G_N_ELEMENTS (condition_names), &value))
    stage->condition = value;
  stage->percent = sqlite3_column_double (stmt, 4);
  stage->count = (guint)sqlite3_column_int (stmt, 5);
  if (parse_name ((const char *)sqlite3_column_text (stmt, 6), period_names,
                  G_N_ELEMENTS (period_names), &value))
    stage->period = value;
  stage->weeks = (guint)sqlite3_column_int (stmt, 7);
  stage->template_name = att_db_column_dup (stmt, 8);
  stage->follows = att_db_column_dup (stmt, 9);
  stage->min_gap_days = (guint)sqlite3_column_int (stmt, 10);
  stage->repeats = sqlite3_column_int (stmt, 11) != 0;
  stage->monitor_weeks = (guint)sqlite3_column_int (stmt, 12);
  stage->monitor_percent = sqlite3_column_double (stmt, 13);
  if (parse_name ((const char *)sqlite3_column_text (stmt, 14), recipients_names,
                  G_N_ELEMENTS (recipients_names), &value))
    stage->recipients = value;
  if (!att_letter_delivery_parse ((const char *)sqlite3_column_text (stmt, 15), &stage->delivery, NULL))
    stage->delivery = ATT_LETTER_POST;
  stage->meeting_days = (guint)sqlite3_column_int (stmt, 16);
  stage->meeting_time = sqlite3_column_int (stmt, 17);
  stage->meeting_place = att_db_column_dup (stmt, 18);
  stage->year_groups = (guint32)sqlite3_column_int64 (stmt, 19);
  if (parse_name ((const char *)sqlite3_column_text (stmt, 20), filter_names, 3, &value))
    stage->sen = value;
  if (parse_name ((const char *)sqlite3_column_text (stmt, 21), filter_names, 3, &value))
    stage->ehc = value;
  if (parse_name ((const char *)sqlite3_column_text (stmt, 22), filter_names, 3, &value))
    stage->looked_after = value;
  return stage;
}

/* Whether the school has a ladder of its own yet: until it changes the
 * ladder, it has the DfE's. */
static gboolean
ladder_is_stored (AttDb *db)
{
  g_autofree char *value = att_db_get_setting (db, "letters.ladder");

  return value != NULL;
}

static GPtrArray *
read_stored (AttDb   *db,
             GError **error)
{
  GPtrArray *stages;
  sqlite3_stmt *stmt;

  stmt = att_db_prepare (db, "SELECT " STAGE_COLUMNS " FROM ladder_stages ORDER BY position, name",
                         error);
  if (stmt == NULL)
    return NULL;
  stages = att_db_collect (db, stmt, stage_from_row, (GDestroyNotify)att_ladder_stage_free,
                           _("read the ladder of letters"), error);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    ((AttLadderStage *)g_ptr_array_index (stages, i))->position = (int)i;
  return stages;
}

GPtrArray *
att_ladder_load (AttDb   *db,
                 GError **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (!ladder_is_stored (db))
    return att_ladder_preset_stages ("dfe", error);
  return read_stored (db, error);
}

AttLadderStage *
att_ladder_get (AttDb       *db,
                const char  *name,
                GError     **error)
{
  g_autoptr(GPtrArray) stages = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stages = att_ladder_load (db, error);
  if (stages == NULL)
    return NULL;
  for (guint i = 0; i < stages->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (stages, i);

      if (strcmp (stage->name, name) == 0)
        return att_ladder_stage_copy (stage);
    }
  g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
               _("The ladder has no stage called “%s”"), name);
  return NULL;
}

char *
_att_ladder_stage_to_json (const AttLadderStage *stage)
{
  GString *out = g_string_new ("{\"name\": ");
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  att_json_append_string (out, stage->name);
  g_string_append (out, ", \"title\": ");
  att_json_append_string (out, stage->title);
  g_string_append_printf (out, ", \"position\": %d, \"condition\": \"%s\"", stage->position,
                          condition_names[stage->condition]);
  g_string_append_printf (out, ", \"percent\": %s",
                          g_ascii_formatd (number, sizeof number, "%g", stage->percent));
  g_string_append_printf (out, ", \"count\": %u, \"period\": \"%s\", \"weeks\": %u, \"template\": ",
                          stage->count, period_names[stage->period], stage->weeks);
  att_json_append_string (out, stage->template_name);
  g_string_append (out, ", \"follows\": ");
  if (stage->follows != NULL)
    att_json_append_string (out, stage->follows);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ", \"min_gap_days\": %u, \"repeats\": %s, \"monitor_weeks\": %u",
                          stage->min_gap_days, stage->repeats ? "true" : "false", stage->monitor_weeks);
  g_string_append_printf (out, ", \"monitor_percent\": %s",
                          g_ascii_formatd (number, sizeof number, "%g", stage->monitor_percent));
  g_string_append_printf (out, ", \"recipients\": \"%s\", \"delivery\": \"%s\", \"meeting_days\": %u",
                          recipients_names[stage->recipients],
                          att_letter_delivery_to_string (stage->delivery), stage->meeting_days);
  g_string_append_printf (out, ", \"meeting_time\": \"%02d:%02d\", \"meeting_place\": ",
                          stage->meeting_time / 60, stage->meeting_time % 60);
  att_json_append_string (out, stage->meeting_place != NULL ? stage->meeting_place : "");
  g_string_append_printf (out, ", \"year_groups\": %u, \"sen\": \"%s\", \"ehc\": \"%s\", "
                          "\"looked_after\": \"%s\"}", stage->year_groups, filter_names[stage->sen],
                          filter_names[stage->ehc], filter_names[stage->looked_after]);
  return g_string_free (out, FALSE);
}

static gboolean
write_stage (AttDb                 *db,
             const AttLadderStage  *stage,
             int                    position,
             GError               **error)
{
  sqlite3_stmt *stmt;

  stmt = att_db_prepare (db,
                         "INSERT OR REPLACE INTO ladder_stages (" STAGE_COLUMNS ") VALUES "
                         "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                         "?17, ?18, ?19, ?20, ?21, ?22, ?23)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stage->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, stage->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, condition_names[stage->condition], -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 5, stage->percent);
  sqlite3_bind_int (stmt, 6, (int)stage->count);
  sqlite3_bind_text (stmt, 7, period_names[stage->period], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, (int)stage->weeks);
  sqlite3_bind_text (stmt, 9, stage->template_name, -1, SQLITE_TRANSIENT);
  if (stage->follows != NULL && *stage->follows != '\0')
    sqlite3_bind_text (stmt, 10, stage->follows, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 11, (int)stage->min_gap_days);
  sqlite3_bind_int (stmt, 12, stage->repeats ? 1 : 0);
  sqlite3_bind_int (stmt, 13, (int)stage->monitor_weeks);
  sqlite3_bind_double (stmt, 14, stage->monitor_weeks > 0 ? stage->monitor_percent : 0);
  sqlite3_bind_text (stmt, 15, recipients_names[stage->recipients], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, att_letter_delivery_to_string (stage->delivery), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 17, (int)stage->meeting_days);
  sqlite3_bind_int (stmt, 18, stage->meeting_time);
  sqlite3_bind_text (stmt, 19, stage->meeting_place != NULL ? stage->meeting_place : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 20, stage->year_groups);
  sqlite3_bind_text (stmt, 21, filter_names[stage->sen], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 22, filter_names[stage->ehc], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 23, filter_names[stage->looked_after], -1, SQLITE_STATIC);
  return att_db_step_done (db, stmt, error);
}

/* Replaces the stored ladder with @stages, in the transaction open. */
static gboolean
write_ladder (AttDb      *db,
              GPtrArray  *stages,
              GError    **error)
{
  if (!att_db_exec (db, "DELETE FROM ladder_stages", error))
    return FALSE;
  for (guint i = 0; i < stages->len; i++)
    if (!write_stage (db, g_ptr_array_index (stages, i), (int)i, error))
      return FALSE;
  return att_db_put_setting (db, "letters.ladder", "stored", error);
}

static gboolean
require (const AttUser  *user,
         GError        **error)
{
  if (att_user_can (user, ATT_PERM_SETTINGS))
    return TRUE;
  return att_user_require (user, ATT_PERM_LETTERS, error);
}

static int
find_stage (GPtrArray  *stages,
            const char *name)
{
  for (guint i = 0; name != NULL && i < stages->len; i++)
    if (strcmp (((AttLadderStage *)g_ptr_array_index (stages, i))->name, name) == 0)
      return (int)i;
  return -1;
}

/* Checks how the stages hang together: each stage followed exists, and
 * no stage follows, by steps, itself. */
static gboolean
check_ladder (GPtrArray  *stages,
              GError    **error)
{
  for (guint i = 0; i < stages->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (stages, i);
      const char *name = stage->follows;
      guint steps = 0;

      if (name == NULL || *name == '\0')
        continue;
      if (find_stage (stages, name) < 0)
        return stage_error (error, stage, "follows",
                            _("it follows a stage the ladder does not have"));
      while (name != NULL && *name != '\0' && steps++ <= stages->len)
        {
          int at = find_stage (stages, name);

          if (at < 0)
            break;
          if (strcmp (name, stage->name) == 0)
            return stage_error (error, stage, "follows",
                                _("the stages it follows come back to it"));
          name = ((AttLadderStage *)g_ptr_array_index (stages, at))->follows;
        }
    }
  return TRUE;
}

/* Writes @stages as the ladder, audited as @action with @detail and the
 * stage's before and after. */
static gboolean
store_ladder (AttDb          *db,
              const AttUser  *user,
              GPtrArray      *stages,
              const char     *deleted,
              const char     *action,
              const char     *detail,
              const char     *before,
              const char     *after,
              GError        **error)
{
  if (!check_ladder (stages, error))
    return FALSE;
  if (!att_db_begin (db, error))
    return FALSE;
  if (deleted != NULL)
    {
      /* What the officer held back for a deleted stage goes with it. */
      sqlite3_stmt *stmt = att_db_prepare (db, "DELETE FROM letter_holds WHERE stage = ?", error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, deleted, -1, SQLITE_TRANSIENT);
      if (!att_db_step_done (db, stmt, error))
        goto failed;
    }
  if (!write_ladder (db, stages, error) ||
      !att_audit_record (db, user, ATT_AUDIT_LETTER, 0, action, detail, before, after, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

gboolean
att_ladder_save_stage (AttDb                 *db,
                       const AttUser         *user,
                       const AttLadderStage  *stage,
                       GError               **error)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *detail = NULL;
  AttLadderStage *copy;
  int at;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (stage != NULL, FALSE);

  if (!require (user, error) || !att_ladder_stage_check (db, stage, error))
    return FALSE;
  stages = att_ladder_load (db, error);
  if (stages == NULL)
    return FALSE;

  copy = att_ladder_stage_copy (stage);
  if (copy->follows != NULL && *copy->follows == '\0')
    g_clear_pointer (&copy->follows, g_free);
  at = find_stage (stages, stage->name);
  if (at >= 0)
    {
      AttLadderStage *old = g_ptr_array_index (stages, at);

      before = _att_ladder_stage_to_json (old);
      copy->position = at;
      g_ptr_array_index (stages, at) = copy;
      att_ladder_stage_free (old);
    }
  else
    {
      copy->position = (int)stages->len;
      g_ptr_array_add (stages, copy);
    }
  after = _att_ladder_stage_to_json (copy);
  detail = g_strdup_printf ("stage %s %s", copy->name, at >= 0 ? "changed" : "added");
  return store_ladder (db, user, stages, NULL, "letters.ladder.stage", detail, before, after, error);
}

gboolean
att_ladder_delete_stage (AttDb          *db,
                         const AttUser  *user,
                         const char     *name,
                         GError        **error)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *before = NULL;
  g_autofree char *detail = NULL;
  int at;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!require (user, error))
    return FALSE;
  stages = att_ladder_load (db, error);
  if (stages == NULL)
    return FALSE;
  at = find_stage (stages, name);
  if (at < 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("The ladder has no stage called “%s”"), name);
      return FALSE;
    }
  for (guint i = 0; i < stages->len; i++)
    {
      AttLadderStage *other = g_ptr_array_index (stages, i);

      if (g_strcmp0 (other->follows, name) == 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("The stage “%s” cannot be deleted while the stage “%s” follows it"),
                       name, other->name);
          return FALSE;
        }
    }
  before = _att_ladder_stage_to_json (g_ptr_array_index (stages, at));
  g_ptr_array_remove_index (stages, (guint)at);
  detail = g_strdup_printf ("stage %s deleted", name);
  return store_ladder (db, user, stages, name, "letters.ladder.delete", detail, before, NULL, error);
}

gboolean
att_ladder_move_stage (AttDb          *db,
                       const AttUser  *user,
                       const char     *name,
                       int             position,
                       GError        **error)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *detail = NULL;
  AttLadderStage *stage;
  int at;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!require (user, error))
    return FALSE;
  stages = att_ladder_load (db, error);
  if (stages == NULL)
    return FALSE;
  at = find_stage (stages, name);
  if (at < 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("The ladder has no stage called “%s”"), name);
      return FALSE;
    }
  position = CLAMP (position, 0, (int)stages->len - 1);
  stage = g_ptr_array_steal_index (stages, (guint)at);
  g_ptr_array_insert (stages, position, stage);
  detail = g_strdup_printf ("stage %s moved from %d to %d", name, at + 1, position + 1);
  return store_ladder (db, user, stages, NULL, "letters.ladder.move", detail, NULL, NULL, error);
}

gboolean
att_ladder_apply_preset (AttDb          *db,
                         const AttUser  *user,
                         const char     *preset,
                         GError        **error)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (preset != NULL, FALSE);

  if (!require (user, error))
    return FALSE;
  stages = att_ladder_preset_stages (preset, error);
  if (stages == NULL)
    return FALSE;
  detail = g_strdup_printf ("ladder replaced by the preset %s", preset);
  return store_ladder (db, user, stages, NULL, "letters.ladder.preset", detail, NULL,
                       NULL, error);
}
