/* att-leave.c: leave of absence, the names, the settings, exam periods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-leave.h"
#include "att-leave-private.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Names                                                               */

const char * const _att_leave_type_names[ATT_LEAVE_N_TYPES] = {
  "exceptional", "performance", "interview", "study", "part-time", "religious", "holiday",
};

const char * const _att_leave_status_names[ATT_LEAVE_N_STATUSES] = {
  "submitted", "approved", "partly-approved", "declined", "withdrawn",
};

const char * const _att_leave_state_names[3] = { "asked", "agreed", "refused" };

static const char * const letter_names[ATT_LEAVE_N_LETTERS] = {
  "leave-agreed", "leave-partly-agreed", "leave-refused", "leave-religious-agreed",
  "leave-unauthorised",
};

const char *
att_leave_type_to_string (AttLeaveType type)
{
  g_return_val_if_fail ((guint)type < ATT_LEAVE_N_TYPES, "");
  return _att_leave_type_names[type];
}

const char *
att_leave_type_describe (AttLeaveType type)
{
  switch (type)
    {
    case ATT_LEAVE_EXCEPTIONAL: return _("Exceptional circumstances");
    case ATT_LEAVE_PERFORMANCE: return _("Regulated performance or employment abroad");
    case ATT_LEAVE_INTERVIEW: return _("Interview");
    case ATT_LEAVE_STUDY: return _("Study leave");
    case ATT_LEAVE_PART_TIME: return _("Temporary part-time timetable");
    case ATT_LEAVE_RELIGIOUS: return _("Religious observance");
    case ATT_LEAVE_HOLIDAY: return _("Holiday");
    case ATT_LEAVE_N_TYPES:
    default: g_return_val_if_reached ("");
    }
}

gboolean
att_leave_type_parse (const char    *text,
                      AttLeaveType  *type,
                      GError       **error)
{
  guint i;

  if (!att_text_parse_name (text, _att_leave_type_names, ATT_LEAVE_N_TYPES, 0, _("a type of leave"), &i, error))
    return FALSE;
  *type = i;
  return TRUE;
}

const char *
att_leave_status_to_string (AttLeaveStatus status)
{
  g_return_val_if_fail ((guint)status < ATT_LEAVE_N_STATUSES, "");
  return _att_leave_status_names[status];
}

const char *
att_leave_status_describe (AttLeaveStatus status)
{
  switch (status)
    {
    case ATT_LEAVE_SUBMITTED: return _("Waiting for a decision");
    case ATT_LEAVE_APPROVED: return _("Agreed");
    case ATT_LEAVE_PARTLY_APPROVED: return _("Partly agreed");
    case ATT_LEAVE_DECLINED: return _("Refused");
    case ATT_LEAVE_WITHDRAWN: return _("Withdrawn");
    case ATT_LEAVE_N_STATUSES:
    default: g_return_val_if_reached ("");
    }
}

gboolean
att_leave_status_parse (const char      *text,
                        AttLeaveStatus  *status,
                        GError         **error)
{
  guint i;

  if (!att_text_parse_name (text, _att_leave_status_names, ATT_LEAVE_N_STATUSES, 0, _("a request status"), &i, error))
    return FALSE;
  *status = i;
  return TRUE;
}

AttCode
att_leave_type_code (AttLeaveType type)
{
  switch (type)
    {
    case ATT_LEAVE_PERFORMANCE: return ATT_CODE_C1;
    case ATT_LEAVE_INTERVIEW: return ATT_CODE_J1;
    case ATT_LEAVE_STUDY: return ATT_CODE_S;
    case ATT_LEAVE_PART_TIME: return ATT_CODE_C2;
    case ATT_LEAVE_RELIGIOUS: return ATT_CODE_R;
    case ATT_LEAVE_EXCEPTIONAL:
    case ATT_LEAVE_HOLIDAY:
    case ATT_LEAVE_N_TYPES:
    default:
      /* A holiday is agreed only as exceptional circumstances. */
      return ATT_CODE_C;
    }
}

const char *
att_leave_type_policy (AttLeaveType type)
{
  switch (type)
    {
    case ATT_LEAVE_EXCEPTIONAL:
      return _("Exceptional circumstances are rare, significant, unavoidable and short. The request must come in advance from a parent the pupil normally lives with.");
    case ATT_LEAVE_PERFORMANCE:
      return _("Leave for a regulated performance or regulated employment abroad needs the licence or the engagement seen.");
    case ATT_LEAVE_INTERVIEW:
      return _("An interview for a job or a place at another school: the sessions of the interview and the journey only.");
    case ATT_LEAVE_STUDY:
      return _("Study leave is for pupils sitting a public examination, around the examinations only.");
    case ATT_LEAVE_PART_TIME:
      return _("A part-time timetable is temporary, agreed with the parent, reviewed at least every six weeks, and never used to manage behaviour.");
    case ATT_LEAVE_RELIGIOUS:
      return _("Religious observance is authorised for a day set apart for it by the religious body of the parent.");
    case ATT_LEAVE_HOLIDAY:
      return _("A holiday is generally not an exceptional circumstance: there is no discretion for holidays in term time. If refused and taken, the sessions are unauthorised (G) and count towards a penalty notice.");
    case ATT_LEAVE_N_TYPES:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
att_leave_letter_to_string (AttLeaveLetter letter)
{
  g_return_val_if_fail ((guint)letter < ATT_LEAVE_N_LETTERS, "");
  return letter_names[letter];
}

/* ------------------------------------------------------------------ */
/* Patterns and sessions                                               */

static const char * const day_keys[5] = { "mon", "tue", "wed", "thu", "fri" };

gboolean
att_leave_pattern_parse (const char  *text,
                         guint       *pattern,
                         GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint bits = 0;

  if (text == NULL || *text == '\0')
    goto bad;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_ascii_strdown (g_strstrip (parts[i]), -1);
      gboolean found = FALSE;

      if (g_strcmp0 (part, "am") == 0)
        {
          bits |= ATT_LEAVE_PATTERN_MORNINGS;
          continue;
        }
      if (g_strcmp0 (part, "pm") == 0)
        {
          bits |= ATT_LEAVE_PATTERN_AFTERNOONS;
          continue;
        }
      for (guint d = 0; d < 5 && !found; d++)
        {
          size_t n = strlen (day_keys[d]);

          if (strncmp (part, day_keys[d], n) != 0)
            continue;
          if (part[n] == '\0')
            bits |= ATT_LEAVE_PATTERN_BIT (d + 1, 0) | ATT_LEAVE_PATTERN_BIT (d + 1, 1);
          else if (g_strcmp0 (part + n, "-am") == 0)
            bits |= ATT_LEAVE_PATTERN_BIT (d + 1, 0);
          else if (g_strcmp0 (part + n, "-pm") == 0)
            bits |= ATT_LEAVE_PATTERN_BIT (d + 1, 1);
          else
            goto bad;
          found = TRUE;
        }
      if (!found)
        goto bad;
    }
  *pattern = bits;
  return TRUE;

bad:
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a pattern of sessions: give days and sessions such as mon-pm,tue-pm, a whole day such as wed, or am or pm for every morning or afternoon"),
               text != NULL ? text : "");
  return FALSE;
}

char *
att_leave_pattern_to_string (guint pattern)
{
  GString *out = g_string_new (NULL);

  for (guint d = 0; d < 5; d++)
    for (guint s = 0; s < 2; s++)
      if (pattern & ATT_LEAVE_PATTERN_BIT (d + 1, s))
        g_string_append_printf (out, "%s%s-%s", out->len > 0 ? "," : "", day_keys[d],
                                s == 0 ? "am" : "pm");
  return g_string_free (out, FALSE);
}

char *
att_leave_pattern_describe (guint pattern)
{
  const char *days[5] = { _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday") };
  GString *out;

  pattern &= ATT_LEAVE_PATTERN_ALL;
  if (pattern == ATT_LEAVE_PATTERN_ALL)
    return g_strdup (_("Every session"));
  if (pattern == ATT_LEAVE_PATTERN_MORNINGS)
    return g_strdup (_("Every morning"));
  if (pattern == ATT_LEAVE_PATTERN_AFTERNOONS)
    return g_strdup (_("Every afternoon"));
  out = g_string_new (NULL);
  for (guint d = 0; d < 5; d++)
    {
      gboolean am = (pattern & ATT_LEAVE_PATTERN_BIT (d + 1, 0)) != 0;
      gboolean pm = (pattern & ATT_LEAVE_PATTERN_BIT (d + 1, 1)) != 0;

      if (!am && !pm)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      /* Translators: "Monday morning", "Monday afternoon", "Monday all day" */
      g_string_append_printf (out, am && pm ? _("%s all day") : am ? _("%s morning") : _("%s afternoon"),
                              days[d]);
    }
  return g_string_free (out, FALSE);
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const AttLeaveSession *x = a, *y = b;
  int kx = x->date * 2 + x->session, ky = y->date * 2 + y->session;

  return kx < ky ? -1 : kx > ky;
}

GArray *
att_leave_sessions_parse (const char  *text,
                          GError     **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (AttLeaveSession));
  g_auto(GStrv) parts = NULL;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Name the sessions agreed, such as 2026-12-07:am,2026-12-08"));
      return NULL;
    }
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *colon = strchr (part, ':');
      AttLeaveSession one;
      AttDate date;

      if (colon != NULL)
        *colon = '\0';
      date = att_date_parse (part, error);
      if (date == ATT_DATE_NONE)
        return NULL;
      one.date = date;
      if (colon != NULL)
        {
          if (!att_session_parse (colon + 1, &one.session, error))
            return NULL;
          g_array_append_val (out, one);
        }
      else
        {
          one.session = ATT_SESSION_AM;
          g_array_append_val (out, one);
          one.session = ATT_SESSION_PM;
          g_array_append_val (out, one);
        }
    }
  g_array_sort (out, compare_sessions);
  for (guint i = 1; i < out->len;)
    if (compare_sessions (&g_array_index (out, AttLeaveSession, i - 1),
                          &g_array_index (out, AttLeaveSession, i)) == 0)
      g_array_remove_index (out, i);
    else
      i++;
  return g_steal_pointer (&out);
}

/* ------------------------------------------------------------------ */
/* Settings                                                            */

static guint
get_days (AttDb      *db,
          const char *key,
          guint       fallback)
{
  g_autofree char *text = att_db_get_setting (db, key);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 366, &value, NULL))
    return fallback;
  return (guint)value;
}

static gboolean
set_days (AttDb         *db,
          const AttUser *user,
          const char    *key,
          const char    *what,
          guint          days,
          GError       **error)
{
  g_autofree char *before = att_db_get_setting (db, key);
  g_autofree char *text = g_strdup_printf ("%u", days);
  g_autofree char *detail = NULL;

  if (!att_user_require (user, ATT_PERM_SETTINGS, error))
    return FALSE;
  if (days < 1 || days > 366)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The %s must be between 1 and 366 days, not %u"), what, days);
      return FALSE;
    }
  detail = g_strdup_printf ("%s = %s", key, text);
  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_db_put_setting (db, key, text, error) ||
      !att_audit_record (db, user, ATT_AUDIT_SETTING, 0, "school.set", detail,
                         before, text, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);
}

guint
att_leave_get_notice_days (AttDb *db)
{
  return get_days (db, "leave_notice_days", 21);
}

gboolean
att_leave_set_notice_days (AttDb         *db,
                           const AttUser *user,
                           guint          days,
                           GError       **error)
{
  return set_days (db, user, "leave_notice_days", _("notice period for leave"), days, error);
}

guint
att_leave_get_review_days (AttDb *db)
{
  return get_days (db, "leave_review_days", 42);
}

gboolean
att_leave_set_review_days (AttDb         *db,
                           const AttUser *user,
                           guint          days,
                           GError       **error)
{
  return set_days (db, user, "leave_review_days",
                   _("longest time between reviews of a part-time timetable"), days, error);
}

/* ------------------------------------------------------------------ */
/* Exam periods                                                        */

void
att_exam_period_free (AttExamPeriod *period)
{
  if (period == NULL)
    return;
  g_free (period->name);
  g_free (period);
}

static gpointer
exam_period_from_row (sqlite3_stmt *stmt)
{
  AttExamPeriod *period = g_new0 (AttExamPeriod, 1);

  period->id = sqlite3_column_int64 (stmt, 0);
  period->name = att_db_column_dup (stmt, 1);
  period->start = sqlite3_column_int (stmt, 2);
  period->end = sqlite3_column_int (stmt, 3);
  return period;
}

GPtrArray *
att_exam_periods_list (AttDb   *db,
                       GError **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT id, name, start_date, end_date FROM exam_periods ORDER BY start_date, id", error);

  if (stmt == NULL)
    return NULL;
  return att_db_collect (db, stmt, exam_period_from_row, (GDestroyNotify)att_exam_period_free,
                         _("read the exam periods"), error);
}

gint64
att_exam_periods_add (AttDb         *db,
                      const AttUser *user,
                      const char    *name,
                      AttDate        start,
                      AttDate        end,
                      GError       **error)
{
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!att_user_require (user, ATT_PERM_CALENDAR, error))
    return 0;
  if (name == NULL || name[strspn (name, " \t")] == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Give the exam period a name"));
      return 0;
    }
  if (!att_text_check (_("exam period"), name, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error))
    return 0;
  if (start == ATT_DATE_NONE || end == ATT_DATE_NONE || end < start)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("An exam period needs a start and an end on or after it"));
      return 0;
    }
  if (!att_db_begin (db, error))
    return 0;
  stmt = att_db_prepare (db, "INSERT INTO exam_periods (name, start_date, end_date) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, start);
  sqlite3_bind_int (stmt, 3, end);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  detail = g_strdup_printf ("exam period %" G_GINT64_FORMAT ": %s", id, name);
  if (!att_audit_record (db, user, ATT_AUDIT_CALENDAR, 0, "calendar.exams.add", detail,
                         NULL, NULL, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

gboolean
att_exam_periods_remove (AttDb         *db,
                         const AttUser *user,
                         gint64         id,
                         GError       **error)
{
  g_autofree char *detail = g_strdup_printf ("exam period %" G_GINT64_FORMAT, id);
  sqlite3_stmt *stmt;

  if (!att_user_require (user, ATT_PERM_CALENDAR, error))
    return FALSE;
  if (!att_db_begin (db, error))
    return FALSE;
  stmt = att_db_prepare (db, "DELETE FROM exam_periods WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  if (sqlite3_changes (att_db_get_handle (db)) == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND, _("There is no exam period %" G_GINT64_FORMAT), id);
      goto failed;
    }
  if (!att_audit_record (db, user, ATT_AUDIT_CALENDAR, 0, "calendar.exams.remove", detail,
                         NULL, NULL, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

gboolean
_att_leave_audit_commit (AttDb         *db,
                         const AttUser *user,
                         gint64         id,
                         gint64         pupil_id,
                         const char    *action,
                         const char    *detail,
                         const char    *before,
                         GError       **error)
{
  g_autofree char *after = NULL;

  if (!att_audit_snapshot (db, "leave_requests", id, &after, error) ||
      !att_audit_record (db, user, ATT_AUDIT_LEAVE, pupil_id, action, detail, before, after, error))
    return FALSE;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);
}
