/* att-firstday-procedure.c: the school's first-day calling procedure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "att-db-private.h"
#include "att-error.h"
#include "att-firstday.h"
#include "att-firstday-private.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* The procedure                                                       */

static const char * const step_names[ATT_N_STEPS] = {
  "text", "call", "email", "tell-dsl", "home-visit", "tell-la", "cme",
};

static const char * const step_for_names[] = { "all", "vulnerable", "others" };

/* Drawn from common practice (see domain.md): the school edits it. */
static const char default_procedure[] =
  "1;all;text;close;Office\n"
  "1;all;call;close;Office\n"
  "1;all;email;close;Office\n"
  "1;vulnerable;tell-dsl;close+60;Office\n"
  "1;others;tell-dsl;12:00;Office\n"
  "1+2;vulnerable;home-visit;;Attendance officer\n"
  "3+2;others;home-visit;;Attendance officer\n"
  "10;all;tell-la;;Attendance officer\n"
  "20;all;cme;;Attendance officer";

void
att_step_free (AttStep *step)
{
  if (step == NULL)
    return;
  g_free (step->who);
  g_free (step);
}

AttStep *
_att_step_copy (const AttStep *step)
{
  AttStep *copy = g_memdup2 (step, sizeof *step);

  copy->who = g_strdup (step->who);
  return copy;
}

const char *
att_step_action_to_string (AttStepAction action)
{
  g_return_val_if_fail ((guint)action < ATT_N_STEPS, "");
  return step_names[action];
}

const char *
att_step_action_describe (AttStepAction action)
{
  switch (action)
    {
    case ATT_STEP_TEXT: return _("Text the first contact");
    case ATT_STEP_CALL: return _("Call the contacts in order");
    case ATT_STEP_EMAIL: return _("E-mail the contacts");
    case ATT_STEP_TELL_DSL: return _("Tell the designated safeguarding lead");
    case ATT_STEP_HOME_VISIT: return _("Home visit");
    case ATT_STEP_TELL_LA: return _("Tell the local authority");
    case ATT_STEP_CME: return _("Start the children-missing-education procedure");
    case ATT_N_STEPS:
    default: g_return_val_if_reached ("");
    }
}

/* A whole number from @text to its end, from @min to @max; -1 if not. */
static int
parse_number (const char *text,
              int         min,
              int         max)
{
  char *end;
  long value;

  if (!g_ascii_isdigit (*text))
    return -1;
  value = strtol (text, &end, 10);
  if (*end != '\0' || value < min || value > max)
    return -1;
  return (int)value;
}

static gboolean
parse_step (const char  *line,
            guint        number,
            AttStep    **out,
            GError     **error)
{
  g_auto(GStrv) fields = g_strsplit (line, ";", -1);
  AttStep step = { 0 };
  g_auto(GStrv) day = NULL;
  int value;
  guint i;

  if (g_strv_length (fields) != 5)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Line %u of the procedure (“%s”) has %u fields, not the 5 of "
                     "DAY[+EVERY];all|vulnerable|others;ACTION;DUE;WHO"),
                   number, line, g_strv_length (fields));
      return FALSE;
    }
  for (guint f = 0; f < 5; f++)
    g_strstrip (fields[f]);

  /* The day, and how often it comes again. */
  day = g_strsplit (fields[0], "+", 2);
  if (day[0] == NULL || (value = parse_number (day[0], 1, ATT_STEP_MAX_DAY)) < 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Line %u of the procedure, day: “%s” is not a school day of absence from 1 to %d"),
                   number, fields[0], ATT_STEP_MAX_DAY);
      return FALSE;
    }
  step.day = (guint)value;
  if (day[1] != NULL)
    {
      if ((value = parse_number (day[1], 1, ATT_STEP_MAX_DAY)) < 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("Line %u of the procedure, repeat: “%s” is not a number of school days from 1 to %d"),
                       number, day[1], ATT_STEP_MAX_DAY);
          return FALSE;
        }
      step.every = (guint)value;
    }

  for (i = 0; i < G_N_ELEMENTS (step_for_names); i++)
    if (strcmp (fields[1], step_for_names[i]) == 0)
      break;
  if (i == G_N_ELEMENTS (step_for_names))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Line %u of the procedure, for: “%s” is not all, vulnerable or others"),
                   number, fields[1]);
      return FALSE;
    }
  step.who_for = i;

  if (fields[2][0] == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Line %u of the procedure, action: the step has no action: write text, call, "
                     "email, tell-dsl, home-visit, tell-la or cme"), number);
      return FALSE;
    }
  for (i = 0; i < ATT_N_STEPS; i++)
    if (strcmp (fields[2], step_names[i]) == 0)
      break;
  if (i == ATT_N_STEPS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Line %u of the procedure, action: “%s” is not an action: write text, call, "
                     "email, tell-dsl, home-visit, tell-la or cme"), number, fields[2]);
      return FALSE;
    }
  step.action = i;

  /* When it is due: not at all, at a time of day, or at or after the
   * register's closing. */
  step.due_after_close = -1;
  step.due_time = -1;
  if (strcmp (fields[3], "close") == 0)
    step.due_after_close = 0;
  else if (g_str_has_prefix (fields[3], "close+"))
    step.due_after_close = parse_number (fields[3] + strlen ("close+"), 0, ATT_STEP_MAX_AFTER_CLOSE);
  else if (fields[3][0] != '\0')
    step.due_time = att_time_parse (fields[3], NULL);
  if (fields[3][0] != '\0' && step.due_after_close < 0 && step.due_time < 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Line %u of the procedure, due: “%s” is not a time of day (HH:MM), close, "
                     "or close+MINUTES with at most %d minutes"),
                   number, fields[3], ATT_STEP_MAX_AFTER_CLOSE);
      return FALSE;
    }

  if (fields[4][0] == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Line %u of the procedure, who: the step needs someone to do it (a person or a role)"),
                   number);
      return FALSE;
    }
  if (!att_text_check (_("who does it"), fields[4], ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error))
    {
      g_prefix_error (error, _("Line %u of the procedure: "), number);
      return FALSE;
    }

  *out = g_memdup2 (&step, sizeof step);
  (*out)->who = g_strdup (fields[4]);
  return TRUE;
}

char *
att_step_format_due (const AttStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  if (step->due_after_close == 0)
    return g_strdup ("close");
  if (step->due_after_close > 0)
    return g_strdup_printf ("close+%d", step->due_after_close);
  if (step->due_time >= 0)
    return att_time_format (step->due_time);
  return NULL;
}

const char *
att_step_for_to_string (AttStepFor who_for)
{
  g_return_val_if_fail ((guint)who_for < G_N_ELEMENTS (step_for_names), "");
  return step_for_names[who_for];
}

char *
att_firstday_procedure_format (GPtrArray *steps)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (steps != NULL, NULL);

  for (guint i = 0; i < steps->len; i++)
    {
      const AttStep *step = g_ptr_array_index (steps, i);
      g_autofree char *due = att_step_format_due (step);

      g_string_append_printf (out, "%u", step->day);
      if (step->every > 0)
        g_string_append_printf (out, "+%u", step->every);
      g_string_append_printf (out, ";%s;%s;%s;%s", step_for_names[step->who_for], step_names[step->action],
                              due != NULL ? due : "", step->who != NULL ? step->who : "");
      if (i + 1 < steps->len)
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

GPtrArray *
att_firstday_procedure_parse (const char  *text,
                              GError     **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify)att_step_free);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      AttStep *step = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (!parse_step (lines[i], i + 1, &step, error))
        return NULL;
      g_ptr_array_add (steps, step);
    }
  return g_steal_pointer (&steps);
}

GPtrArray *
att_firstday_procedure (AttDb   *db,
                        GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  text = att_db_get_setting (db, ATT_FIRSTDAY_PROCEDURE_KEY);
  return att_firstday_procedure_parse (text != NULL ? text : default_procedure, error);
}

gboolean
att_firstday_procedure_set (AttDb          *db,
                            const AttUser  *user,
                            const char     *text,
                            GError        **error)
{
  g_autoptr(GPtrArray) steps = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_SETTINGS, error) ||
      !att_text_check (_("procedure"), text, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error))
    return FALSE;
  steps = att_firstday_procedure_parse (text, error);
  if (steps == NULL)
    return FALSE;
  if (steps->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The procedure has no steps: it needs at least one (the first might be "
                     "“1;all;call;close;Office”)"));
      return FALSE;
    }
  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_db_put_setting (db, ATT_FIRSTDAY_PROCEDURE_KEY, text, error) ||
      !att_audit_log (db, user, "firstday.procedure", text, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);
}
