/* att-register-rules.c: the rules every mark meets, whoever writes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * att_register_write() and the bulk loader both ask these functions, so a
 * mark typed in the grid, filled over a selection, given to
 * attendance-cli, imported or loaded for a demonstration school meets the
 * same rules with the same words.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-calendar.h"
#include "att-clock.h"
#include "att-codes.h"
#include "att-register-private.h"
#include "att-register-status.h"

/* Minutes late are kept for L and U only, and a session is never longer
 * than this. */
#define MINUTES_LATE_MAX 300

void
att_mark_rules_init (AttMarkRules  *rules,
                     AttDb         *db,
                     AttWriteFlags  flags)
{
  AttClockTime now;

  rules->db = db;
  rules->flags = flags;
  att_clock_get (&now);
  rules->today = now.date;
  rules->clock = now.minutes;
  {
    /* The school's settings read once for both sessions. */
    g_autoptr(AttSchool) school = att_school_load (db);

    for (guint s = 0; s < 2; s++)
      att_register_times_of (school, (AttSession)s, &rules->open[s], &rules->close[s]);
  }
}

void
att_mark_rules_clear (AttMarkRules *rules)
{
  /* Nothing is held: the calendar is the database's, asked when needed. */
  rules->db = NULL;
}

/* Why a date and session hold no school session, for the error. */
static char *
explain_no_session (AttCalendar *calendar,
                    AttDate      date,
                    AttSession   session)
{
  const char *holiday = att_bank_holiday_name (date);
  const char *reason;

  if (att_date_weekday (date) >= 6)
    return g_strdup (_("It is a weekend, when there is no school session"));
  if (holiday != NULL)
    return g_strdup_printf (_("It is a bank holiday (%s), when there is no school session"), holiday);
  if (att_calendar_term_for (calendar, date) == NULL)
    return g_strdup (_("It is outside term time, when there is no school session (if the school was open, add the term to the calendar first)"));
  reason = att_calendar_closure_reason (calendar, date, session);
  if (att_calendar_is_closed_session (calendar, date, session) || reason != NULL)
    return g_strdup_printf (_("The school is closed for a planned closure (%s)"),
                            reason != NULL ? reason : "");
  return g_strdup (_("It is not a school session"));
}

/* Codes that say what happened in the session, which nobody can know
 * before its register opens: present, late, and absent for no known or
 * accepted reason. */
static gboolean
code_needs_the_register (AttCode code)
{
  switch (code)
    {
    case ATT_CODE_PRESENT_AM:
    case ATT_CODE_PRESENT_PM:
    case ATT_CODE_L:
    case ATT_CODE_U:
    case ATT_CODE_N:
    case ATT_CODE_O:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
att_register_check_code (AttCode         code,
                         AttDate         date,
                         AttWriteFlags   flags,
                         GError        **error)
{
  g_return_val_if_fail ((guint)code < ATT_CODE_N_CODES, FALSE);

  if (code == ATT_CODE_CLOSED)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("“#” is never entered by hand: a planned closure is added to the school calendar, and the register shows it for everyone"));
      return FALSE;
    }
  if (att_code_info (code)->retired &&
      (!(flags & ATT_WRITE_IMPORT) || date >= att_codes_2024_start ()))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("“%s” is a retired code: it is accepted only when importing registers from before 19 August 2024"),
                   att_code_to_string (code));
      return FALSE;
    }
  return TRUE;
}

gboolean
att_mark_rules_check (const AttMarkRules  *rules,
                      AttPupil            *pupil,
                      const AttMarkWrite  *w,
                      AttCode             *code_out,
                      GError             **error)
{
  AttDb *db = rules->db;
  AttSession session = w->session;
  AttCode code = w->code;

  if (!att_register_date_valid (w->date))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s (%s): a mark needs a date"),
                   att_pupil_get_display_name (pupil), pupil->upn);
      return FALSE;
    }
  if (session != ATT_SESSION_AM && session != ATT_SESSION_PM)
    {
      g_autofree char *when = att_date_format_long (w->date);
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s (%s), %s: the session must be AM or PM"),
                   att_pupil_get_display_name (pupil), pupil->upn, when);
      return FALSE;
    }

  /* One mark (the usual write of attendance-cli) asks about its session
   * without the whole calendar being built. */
  if (!att_db_is_school_session (db, w->date, session))
    {
      g_autofree char *why = explain_no_session (att_db_get_calendar (db), w->date, session);
      att_register_set_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session, "%s", why);
      return FALSE;
    }

  if (!att_pupil_on_roll (pupil, w->date))
    {
      if (w->date < pupil->admission)
        {
          g_autofree char *admitted = att_date_format_long (pupil->admission);
          att_register_set_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                                  _("The pupil was not yet on roll: they were admitted on %s"), admitted);
        }
      else
        {
          g_autofree char *left = att_date_format_long (pupil->leaving);
          att_register_set_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                                  _("The pupil was no longer on roll: their leaving date is %s"), left);
        }
      return FALSE;
    }

  if ((guint)code >= ATT_CODE_N_CODES)
    {
      att_register_set_error (error, ATT_ERROR_INVALID, db, w->pupil_id, w->date, session,
                              _("That is not an attendance code"));
      return FALSE;
    }

  /* Either slash means present: keep the one that belongs to the session. */
  if (code == ATT_CODE_PRESENT_AM || code == ATT_CODE_PRESENT_PM)
    code = session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;

  if (!att_register_check_code (code, w->date, rules->flags, error))
    {
      g_autofree char *where = att_register_describe_session (db, w->pupil_id, w->date, session);

      /* Translators: the session, then the rule it broke */
      g_prefix_error (error, _("%s: "), where);
      return FALSE;
    }
  if (code == ATT_CODE_X && att_pupil_compulsory_age (pupil, w->date))
    {
      att_register_set_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                              _("“X” is only for pupils below or above compulsory school age, and this pupil is of compulsory school age on this date"));
      return FALSE;
    }
  if (code == ATT_CODE_Z)
    {
      att_register_set_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                              _("“Z” is for prospective pupils not yet on roll, and this pupil is on roll"));
      return FALSE;
    }

  /* What happened in a session is recorded once its register has opened:
   * nobody is present, late or absent without a reason in advance, and
   * the afternoon's register opens at its own time, not the morning's.
   * Absences planned ahead (leave, visits, appointments) may be entered
   * before. */
  if (code_needs_the_register (code) &&
      (w->date > rules->today ||
       (w->date == rules->today && rules->clock < rules->open[session])))
    {
      if (w->date > rules->today)
        att_register_set_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                                _("“%s” records what happened on the day, and this day has not come yet: only absences planned ahead can be entered in advance"),
                                att_code_to_string (code));
      else
        {
          g_autofree char *opens = att_time_format (rules->open[session]);
          g_autofree char *now = att_time_format (rules->clock);

          att_register_set_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                                  /* Translators: a code, the session (AM or PM), the time its register opens, the time now */
                                  _("“%s” records what happened in the session, and the %s register opens at %s (it is %s): only absences planned ahead can be entered before then"),
                                  att_code_to_string (code), att_register_session_label (session),
                                  opens, now);
        }
      return FALSE;
    }

  if (w->minutes_late != -1)
    {
      if (code != ATT_CODE_L && code != ATT_CODE_U)
        {
          att_register_set_error (error, ATT_ERROR_RULE, db, w->pupil_id, w->date, session,
                                  _("Minutes late are recorded only with L or U"));
          return FALSE;
        }
      if (w->minutes_late < 0 || w->minutes_late > MINUTES_LATE_MAX)
        {
          att_register_set_error (error, ATT_ERROR_INVALID, db, w->pupil_id, w->date, session,
                                  _("Minutes late must be between 0 and %d"), MINUTES_LATE_MAX);
          return FALSE;
        }
    }

  *code_out = code;
  return TRUE;
}

gboolean
att_mark_rules_check_minutes (const AttMarkRules  *rules,
                              gint64               pupil_id,
                              AttDate              date,
                              AttSession           session,
                              AttCode              code,
                              int                  minutes,
                              GError             **error)
{
  int open = rules->open[session];
  int close = rules->close[session];
  int length = close - open;
  g_autofree char *opens = NULL;
  g_autofree char *closes = NULL;

  /* Minutes are counted from the register's opening: L is an arrival
   * while it is open, U one after it has closed. A school whose times are
   * not set in order has no length to compare with. */
  if (minutes < 0 || length <= 0)
    return TRUE;
  if (code != ATT_CODE_L && code != ATT_CODE_U)
    return TRUE;
  if (code == att_register_late_code_for (open, close, minutes))
    return TRUE;

  opens = att_time_format (open);
  closes = att_time_format (close);
  if (code == ATT_CODE_L)
    att_register_set_error (error, ATT_ERROR_RULE, rules->db, pupil_id, date, session,
                            /* Translators: minutes late, the register's opening and closing times, and its length in minutes */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "L is for arriving while the register is open (%2$s to %3$s): %1$d minute late is after it closed, which is U",
                                         "L is for arriving while the register is open (%2$s to %3$s): %1$d minutes late is after it closed, which is U",
                                         minutes),
                            minutes, opens, closes);
  else
    att_register_set_error (error, ATT_ERROR_RULE, rules->db, pupil_id, date, session,
                            /* Translators: minutes late, the register's opening and closing times */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "U is for arriving after the register closed (%2$s to %3$s): %1$d minute late is while it was open, which is L",
                                         "U is for arriving after the register closed (%2$s to %3$s): %1$d minutes late is while it was open, which is L",
                                         minutes),
                            minutes, opens, closes);
  return FALSE;
}

gboolean
att_mark_rules_check_unable (const AttMarkRules  *rules,
                             const AttUser       *user,
                             const AttMarkWrite  *writes,
                             guint                n_writes,
                             const char          *reason,
                             GError             **error)
{
  const AttMarkWrite *first = NULL;
  AttCode code = ATT_CODE_NONE;
  guint n_unable = 0;
  gboolean several_pupils = FALSE;

  /* An import brings each mark as another system recorded it, with its
   * own comment, and needs the right to bulk-mark already. */
  if (rules->flags & ATT_WRITE_IMPORT)
    return TRUE;

  for (guint i = 0; i < n_writes; i++)
    {
      if (!att_code_is_unable (writes[i].code))
        continue;
      if (first == NULL)
        {
          first = &writes[i];
          code = writes[i].code;
        }
      else if (writes[i].pupil_id != first->pupil_id)
        several_pupils = TRUE;
      n_unable++;
    }

  /* One session is one mark like any other; its comment may say more. */
  if (n_unable <= 1)
    return TRUE;

  if (several_pupils && !att_user_require (user, ATT_PERM_BULK_MARK, error))
    return FALSE;
  if (reason == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   /* Translators: %s is a code, Y1 to Y7 */
                   _("Say why pupils were unable to attend (%s): the reason is kept with every mark"),
                   att_code_to_string (code));
      return FALSE;
    }
  return TRUE;
}

AttPermission
att_register_right_for (AttWriteEffect effect,
                        AttDate        date,
                        AttDate        made_on)
{
  if (effect == ATT_WRITE_EFFECT_AMEND && date < made_on)
    return ATT_PERM_AMEND;
  return ATT_PERM_MARK;
}
