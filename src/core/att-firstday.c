/* att-firstday.c: first-day calling, the school's procedure, and runs of
 * absence in school days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-firstday.h"
#include "att-firstday-private.h"
#include "att-flags.h"
#include "att-import.h"
#include "att-leave.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-register-status.h"
#include "att-school.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Runs of absence                                                     */

static gboolean
code_of_kind (AttCode        code,
              AttAbsenceKind kind)
{
  switch (kind)
    {
    case ATT_ABSENCE_UNEXPLAINED:
      return code == ATT_CODE_NONE || code == ATT_CODE_N || code == ATT_CODE_O;
    case ATT_ABSENCE_UNAUTHORISED:
      return code == ATT_CODE_NONE || code == ATT_CODE_N || code == ATT_CODE_O || code == ATT_CODE_G;
    case ATT_ABSENCE_ILLNESS:
    default:
      return code == ATT_CODE_I;
    }
}

/* att_absence_run() with whether today's registers have closed worked
 * out once by the caller (bit 0 AM, bit 1 PM), for a list of pupils. */
static guint
absence_run (AttDb          *db,
             AttCalendar    *calendar,
             AttPupil       *pupil,
             AttDate         date,
             AttDate         today,
             guint           closed_today,
             AttAbsenceKind  kind,
             AttDate        *since)
{
  const AttSessionSlot *slots;
  guint n_slots, count = 0;
  AttDate first = ATT_DATE_NONE;
  int k;

  slots = att_calendar_get_sessions (calendar, &n_slots);
  k = (int)att_calendar_session_index (calendar, date + 1) - 1;
  while (k >= 0)
    {
      AttDate day = slots[k].date;
      gboolean counts = FALSE, breaks = FALSE;

      for (; k >= 0 && slots[k].date == day; k--)
        {
          AttSession session = slots[k].session;
          AttCode code;

          /* A register not yet closed says nothing yet. */
          if (day > today || (day == today && !(closed_today & (1u << session))))
            continue;
          if (!att_pupil_on_roll (pupil, day))
            {
              breaks = TRUE;
              continue;
            }
          code = att_register_code (db, pupil->id, day, session);
          /* An earlier register left blank says nothing either way; the
           * day asked about counts its own blanks, as the first-day list
           * does. */
          if (code == ATT_CODE_NONE && day != date)
            continue;
          if (code_of_kind (code, kind))
            counts = TRUE;
          else if (code != ATT_CODE_NONE && !att_code_info (code)->possible)
            continue;
          else
            breaks = TRUE;
        }
      if (breaks)
        break;
      if (counts)
        {
          count++;
          first = day;
        }
    }
  if (since != NULL)
    *since = first;
  return count;
}

static guint
closed_mask (AttDb   *db,
             AttDate  today,
             int      clock_minutes)
{
  guint mask = 0;

  for (AttSession s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
    if (att_register_closed (db, today, s, today, clock_minutes))
      mask |= 1u << s;
  return mask;
}

guint
att_absence_run (AttDb          *db,
                 gint64          pupil_id,
                 AttDate         date,
                 AttDate         today,
                 int             clock_minutes,
                 AttAbsenceKind  kind,
                 AttDate        *since)
{
  AttPupil *pupil;

  g_return_val_if_fail (ATT_IS_DB (db), 0);

  if (since != NULL)
    *since = ATT_DATE_NONE;
  pupil = att_pupils_get (db, pupil_id);
  if (pupil == NULL)
    return 0;
  /* Only today's registers need the clock (and the school's times). */
  return absence_run (db, att_db_get_calendar (db), pupil, date, today,
                      date >= today ? closed_mask (db, today, clock_minutes) : 0, kind, since);
}

/* ------------------------------------------------------------------ */
/* Bands and contacts                                                  */

static const char * const band_names[ATT_N_BANDS] = {
  "safeguarding", "looked-after", "ehc-plan", "sen-support", "other",
};

AttBand
att_pupil_band (AttPupil *pupil)
{
  g_return_val_if_fail (ATT_IS_PUPIL (pupil), ATT_BAND_OTHER);

  if (pupil->social_worker)
    return ATT_BAND_SAFEGUARDING;
  if (pupil->looked_after)
    return ATT_BAND_LOOKED_AFTER;
  if (pupil->sen == ATT_SEN_EHCP)
    return ATT_BAND_EHC_PLAN;
  if (pupil->sen == ATT_SEN_SUPPORT)
    return ATT_BAND_SEN_SUPPORT;
  return ATT_BAND_OTHER;
}

const char *
att_band_to_string (AttBand band)
{
  g_return_val_if_fail ((guint)band < ATT_N_BANDS, "");
  return band_names[band];
}

const char *
att_band_describe (AttBand band)
{
  switch (band)
    {
    case ATT_BAND_SAFEGUARDING: return _("Child protection or social worker");
    case ATT_BAND_LOOKED_AFTER: return _("Looked after");
    case ATT_BAND_EHC_PLAN: return _("EHC plan");
    case ATT_BAND_SEN_SUPPORT: return _("SEN support");
    case ATT_BAND_OTHER: return _("Other pupils");
    case ATT_N_BANDS:
    default: g_return_val_if_reached ("");
    }
}

static int
contact_rank (const AttContact *contact)
{
  return contact->lives_with ? 0 : contact->parental_responsibility ? 1 : 2;
}

static int
compare_contacts (gconstpointer a,
                  gconstpointer b)
{
  const AttContact *x = *(AttContact * const *)a;
  const AttContact *y = *(AttContact * const *)b;
  int rx = contact_rank (x), ry = contact_rank (y);

  if (rx != ry)
    return rx - ry;
  return x->priority - y->priority;
}

GPtrArray *
att_firstday_contacts (AttDb   *db,
                       gint64   pupil_id,
                       GError **error)
{
  GPtrArray *contacts = att_contacts_for_pupil (db, pupil_id, error);

  if (contacts != NULL)
    g_ptr_array_sort (contacts, compare_contacts);
  return contacts;
}

static gboolean
has_number (const AttContact *contact)
{
  return (contact->phone_mobile != NULL && *contact->phone_mobile != '\0') ||
         (contact->phone_home != NULL && *contact->phone_home != '\0') ||
         (contact->phone_work != NULL && *contact->phone_work != '\0');
}

/* ------------------------------------------------------------------ */
/* The list                                                            */

void
att_firstday_row_free (AttFirstdayRow *row)
{
  if (row == NULL)
    return;
  g_clear_object (&row->pupil);
  g_clear_pointer (&row->contacts, g_ptr_array_unref);
  g_clear_pointer (&row->attempts, g_ptr_array_unref);
  g_clear_pointer (&row->steps_due, g_ptr_array_unref);
  g_free (row->next_step_text);
  g_free (row);
}

static gboolean
step_applies (const AttStep *step,
              guint          day,
              gboolean       vulnerable)
{
  if ((step->who_for == ATT_STEP_FOR_VULNERABLE && !vulnerable) ||
      (step->who_for == ATT_STEP_FOR_OTHERS && vulnerable))
    return FALSE;
  if (day == step->day)
    return TRUE;
  return step->every > 0 && day > step->day && (day - step->day) % step->every == 0;
}

static gboolean
attempted_by (GPtrArray      *attempts,
              AttCallChannel  channel)
{
  for (guint i = 0; i < attempts->len; i++)
    if (((AttCallAttempt *)g_ptr_array_index (attempts, i))->channel == channel)
      return TRUE;
  return FALSE;
}

/* Whether a step due today is done, as far as the records tell; -1 when
 * they cannot tell (telling the safeguarding lead, CME). */
static int
step_done (const AttFirstdayRow *row,
           const AttStep        *step,
           GHashTable           *told_la)
{
  switch (step->action)
    {
    case ATT_STEP_TEXT:
      return attempted_by (row->attempts, ATT_CALL_CHANNEL_TEXT);
    case ATT_STEP_EMAIL:
      return attempted_by (row->attempts, ATT_CALL_CHANNEL_EMAIL);
    case ATT_STEP_HOME_VISIT:
      return attempted_by (row->attempts, ATT_CALL_CHANNEL_HOME_VISIT);
    case ATT_STEP_CALL:
      return row->next_contact == NULL;
    case ATT_STEP_TELL_LA:
      {
        gpointer told = g_hash_table_lookup (told_la, &row->pupil->id);
        return told != NULL && GPOINTER_TO_INT (told) >= row->absent_since;
      }
    case ATT_STEP_TELL_DSL:
    case ATT_STEP_CME:
    case ATT_N_STEPS:
    default:
      return -1;
    }
}

static char *
describe_step (const AttStep *step,
               int            close)
{
  int due = step->due_time >= 0 ? step->due_time
            : step->due_after_close >= 0 ? close + step->due_after_close : -1;
  g_autofree char *time = due >= 0 ? att_time_format (due) : NULL;

  if (time != NULL)
    /* Translators: a step of the procedure, who does it, and by when */
    return g_strdup_printf (_("%s (%s), by %s"), att_step_action_describe (step->action),
                            step->who, time);
  /* Translators: a step of the procedure, and who does it */
  return g_strdup_printf (_("%s (%s), today"), att_step_action_describe (step->action), step->who);
}

static void
plan_steps (AttFirstdayRow *row,
            GPtrArray      *procedure,
            GHashTable     *told_la,
            int             close)
{
  const AttStep *unknown = NULL;

  row->steps_due = g_ptr_array_new_with_free_func ((GDestroyNotify)att_step_free);
  for (guint i = 0; i < procedure->len; i++)
    {
      const AttStep *step = g_ptr_array_index (procedure, i);

      if (step_applies (step, row->days_absent, row->vulnerable))
        g_ptr_array_add (row->steps_due, _att_step_copy (step));
    }
  /* The first step the records show is not done comes next; the steps
   * they cannot follow come once the others are done. */
  for (guint i = 0; i < row->steps_due->len && row->next_step == NULL; i++)
    {
      const AttStep *step = g_ptr_array_index (row->steps_due, i);
      int done = step_done (row, step, told_la);

      if (done == 0)
        row->next_step = step;
      else if (done < 0 && unknown == NULL)
        unknown = step;
    }
  if (row->next_step == NULL)
    row->next_step = unknown;
  if (row->next_step != NULL)
    row->next_step_text = describe_step (row->next_step, close);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const AttFirstdayRow *x = *(AttFirstdayRow * const *)a;
  const AttFirstdayRow *y = *(AttFirstdayRow * const *)b;

  if (x->band != y->band)
    return (int)x->band - (int)y->band;
  if (x->days_absent != y->days_absent)
    return x->days_absent > y->days_absent ? -1 : 1;
  return g_strcmp0 (x->pupil->sort_key, y->pupil->sort_key);
}

/* Pupils (gint64 -> 1) with a call about @date that gave a reason. */
static GHashTable *
pupils_explained (AttDb    *db,
                  AttDate   date,
                  GError  **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT DISTINCT pupil_id FROM calls WHERE date = ? AND reason IS NOT NULL", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ids, g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the calls"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* The latest date the LA was told of each pupil's unauthorised absence
 * (gint64 pupil -> GINT_TO_POINTER date). */
static GHashTable *
la_told (AttDb    *db,
         GError  **error)
{
  g_autoptr(GHashTable) told = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT pupil_id, max (told) FROM la_notifications WHERE kind = 'unauthorised' GROUP BY pupil_id",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (told, g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read what the local authority was told"));
      return NULL;
    }
  return g_steal_pointer (&told);
}

static const AttContact *
next_contact (GPtrArray *contacts,
              GPtrArray *attempts)
{
  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);
      gboolean tried = FALSE;

      if (!has_number (contact))
        continue;
      for (guint k = 0; k < attempts->len && !tried; k++)
        {
          const AttCallAttempt *attempt = g_ptr_array_index (attempts, k);

          tried = attempt->contact_id == contact->id &&
                  (attempt->channel == ATT_CALL_CHANNEL_PHONE ||
                   attempt->channel == ATT_CALL_CHANNEL_VOICEMAIL);
        }
      if (!tried)
        return contact;
    }
  return NULL;
}

GPtrArray *
att_firstday_list (AttDb   *db,
                   AttDate  date,
                   int      clock_minutes,
                   GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)att_firstday_row_free);
  GPtrArray *pupils;   /* borrowed: the database's list, kept between calls */
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GPtrArray) procedure = NULL;
  g_autoptr(GHashTable) explained = NULL;
  g_autoptr(GHashTable) told = NULL;
  g_autoptr(GHashTable) attempts_by_pupil = NULL;
  AttCalendar *calendar;
  AttDate today = att_date_today ();
  guint day_sessions, closed = 0;
  int open, close;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  calendar = att_db_get_calendar (db);
  day_sessions = att_calendar_day_sessions (calendar, date);
  if (day_sessions == 0)
    {
      g_autofree char *when = att_date_format_long (date);
      g_autofree char *why = att_calendar_describe_no_school (calendar, date, -1);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE, _("%s is not a school day (%s): nobody is to be called"),
                   when, why != NULL ? why : _("no session"));
      return NULL;
    }
  /* Today's registers count once closed; an earlier day's all have. */
  for (AttSession s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
    if ((day_sessions & (1u << s)) && att_register_closed (db, date, s, today, clock_minutes))
      closed |= 1u << s;
  if (closed == 0)
    return g_steal_pointer (&rows);
  att_register_times (db, (closed & 1u) ? ATT_SESSION_AM : ATT_SESSION_PM, &open, &close);

  if ((explained = pupils_explained (db, date, error)) == NULL ||
      (told = la_told (db, error)) == NULL ||
      (attempts = att_calls_attempts_on (db, date, error)) == NULL ||
      (procedure = att_firstday_procedure (db, error)) == NULL ||
      (pupils = att_pupils_list (db, error)) == NULL)
    return NULL;

  attempts_by_pupil = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                             (GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < attempts->len; i++)
    {
      AttCallAttempt *attempt = g_ptr_array_index (attempts, i);
      GPtrArray *list = g_hash_table_lookup (attempts_by_pupil, &attempt->pupil_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify)att_call_attempt_free);
          g_hash_table_insert (attempts_by_pupil, &attempt->pupil_id, list);
        }
      g_ptr_array_add (list, attempt);
    }
  /* The lists own the attempts now. */
  g_ptr_array_set_free_func (attempts, NULL);

  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      g_autoptr(AttFirstdayRow) row = NULL;
      GPtrArray *pupil_attempts;
      guint sessions = 0;

      if (!att_pupil_on_roll (pupil, date))
        continue;
      for (AttSession s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
        if (closed & (1u << s))
          {
            AttCode code = att_register_code (db, pupil->id, date, s);

            if (code == ATT_CODE_NONE || code == ATT_CODE_N)
              sessions |= 1u << s;
          }
      if (sessions == 0 || g_hash_table_contains (explained, &pupil->id))
        continue;

      row = g_new0 (AttFirstdayRow, 1);
      row->pupil = g_object_ref (pupil);
      row->band = att_pupil_band (pupil);
      row->vulnerable = row->band <= ATT_BAND_LOOKED_AFTER;
      row->flags = att_pupil_flags (pupil, NULL, date);
      row->sessions = sessions;
      row->days_absent = absence_run (db, calendar, pupil, date, today, date == today ? closed : 3,
                                      ATT_ABSENCE_UNEXPLAINED, &row->absent_since);
      /* A day with N beside another code (a morning N, an afternoon
       * present) is still today's first day to call about. */
      if (row->days_absent == 0)
        {
          row->days_absent = 1;
          row->absent_since = date;
        }
      row->contacts = att_firstday_contacts (db, pupil->id, error);
      if (row->contacts == NULL)
        return NULL;
      pupil_attempts = g_hash_table_lookup (attempts_by_pupil, &pupil->id);
      row->attempts = pupil_attempts != NULL ? g_ptr_array_ref (pupil_attempts)
                      : g_ptr_array_new_with_free_func ((GDestroyNotify)att_call_attempt_free);
      row->next_contact = next_contact (row->contacts, row->attempts);
      plan_steps (row, procedure, told, close);
      row->suggested_code = att_leave_suggest_code (db, pupil->id, date,
                                                    (sessions & 1) ? ATT_SESSION_AM : ATT_SESSION_PM,
                                                    &row->leave_id);
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  g_ptr_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}

/* ------------------------------------------------------------------ */
/* Texts                                                               */

char *
att_firstday_text_template (AttDb *db)
{
  char *text = att_db_get_setting (db, ATT_FIRSTDAY_TEXT_KEY);

  if (text != NULL && *text != '\0')
    return text;
  g_free (text);
  /* Translators: the default text to parents; the words in braces are
   * filled in and must stay as they are */
  return g_strdup (_("{school}: {forename} is not in school today ({date}) and we have not heard why. "
                     "Please call the office on {phone}."));
}

char *
att_firstday_safeguarding_lead (AttDb *db)
{
  g_autoptr(AttSchool) school = NULL;
  char *name;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  name = att_db_get_setting (db, ATT_FIRSTDAY_DSL_KEY);
  if (name != NULL && *name != '\0')
    return name;
  g_free (name);
  school = att_school_load (db);
  if (school != NULL && school->attendance_lead != NULL && *school->attendance_lead != '\0')
    return g_strdup (school->attendance_lead);
  return NULL;
}

/* The fields a text message may hold, in the order fill_template() is
 * given their values. */
static const char * const text_fields[] = { "forename", "surname", "contact", "school", "phone", "date", NULL };

const char * const *
att_firstday_text_fields (void)
{
  return text_fields;
}

gboolean
att_firstday_text_template_check (const char  *text,
                                  GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!att_text_check (_("text message"), text, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error))
    return FALSE;
  for (const char *p = text != NULL ? strchr (text, '{') : NULL; p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      g_autofree char *name = NULL;
      g_autofree char *known = NULL;

      if (end == NULL)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("Text message: a field starts with “{” but has no “}” to close it"));
          return FALSE;
        }
      name = g_strndup (p + 1, (gsize)(end - p - 1));
      if (g_strv_contains (text_fields, name))
        continue;
      known = g_strjoinv ("}, {", (char **)text_fields);
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   /* Translators: the fields are left as they are: {forename}, {surname}, ... */
                   _("Text message: “{%s}” is not a field a message can hold: use {%s}"), name, known);
      return FALSE;
    }
  return TRUE;
}

char *
att_firstday_setting_get (AttDb      *db,
                          const char *key)
{
  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (g_strcmp0 (key, ATT_FIRSTDAY_TEXT_KEY) == 0 ||
                        g_strcmp0 (key, ATT_FIRSTDAY_DSL_KEY) == 0, NULL);

  return att_db_get_setting (db, key);
}

gboolean
att_firstday_setting_set (AttDb          *db,
                          const AttUser  *user,
                          const char     *key,
                          const char     *value,
                          GError        **error)
{
  g_autofree char *detail = NULL;
  gboolean template;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL && key != NULL, FALSE);

  template = g_strcmp0 (key, ATT_FIRSTDAY_TEXT_KEY) == 0;
  if (!template && g_strcmp0 (key, ATT_FIRSTDAY_DSL_KEY) != 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("“%s” is not a setting of first-day calling"), key);
      return FALSE;
    }
  if (!att_user_require (user, ATT_PERM_SETTINGS, error) ||
      !(template ? att_firstday_text_template_check (value, error)
                 : att_text_check (_("safeguarding lead"), value, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE,
                                   error)))
    return FALSE;
  detail = g_strdup_printf ("%s = %s", key, value != NULL ? value : "");
  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_db_put_setting (db, key, value != NULL ? value : "", error) ||
      !att_audit_log (db, user, "firstday.setting", detail, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);
}

static char *
fill_template (const char *template,
               const char *keys[],
               const char *values[],
               guint       n)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; )
    {
      gboolean done = FALSE;

      if (*p == '{')
        for (guint i = 0; i < n && !done; i++)
          {
            size_t len = strlen (keys[i]);

            if (strncmp (p + 1, keys[i], len) == 0 && p[1 + len] == '}')
              {
                g_string_append (out, values[i] != NULL ? values[i] : "");
                p += len + 2;
                done = TRUE;
              }
          }
      if (!done)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

char *
att_firstday_texts (AttDb          *db,
                    const AttUser  *user,
                    AttDate         date,
                    int             clock_minutes,
                    guint          *n_rows,
                    GError        **error)
{
  static const char * const header[] = { "contact", "mobile", "forename", "message" };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(AttSchool) school = NULL;
  g_autofree char *template = NULL;
  g_autofree char *when = NULL;
  guint n = 0;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (user != NULL, NULL);

  if (!att_user_require (user, ATT_PERM_LOG_CALLS, error))
    return NULL;
  rows = att_firstday_list (db, date, clock_minutes, error);
  if (rows == NULL)
    return NULL;
  school = att_school_load (db);
  template = att_firstday_text_template (db);
  when = att_date_format_long (date);

  att_csv_append_row (csv, header, G_N_ELEMENTS (header));
  if (!att_db_begin (db, error))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      AttFirstdayRow *row = g_ptr_array_index (rows, i);
      const AttContact *contact = NULL;
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;
      const char *values[G_N_ELEMENTS (text_fields) - 1];
      const char *cells[4];

      if (attempted_by (row->attempts, ATT_CALL_CHANNEL_TEXT))
        continue;
      for (guint k = 0; k < row->contacts->len && contact == NULL; k++)
        {
          const AttContact *c = g_ptr_array_index (row->contacts, k);

          if (c->phone_mobile != NULL && *c->phone_mobile != '\0')
            contact = c;
        }
      if (contact == NULL)
        continue;

      name = att_contact_dup_name (contact);
      values[0] = att_pupil_get_forename (row->pupil);
      values[1] = att_pupil_get_surname (row->pupil);
      values[2] = name;
      values[3] = school != NULL ? school->name : "";
      values[4] = school != NULL ? school->phone : "";
      values[5] = when;
      message = fill_template (template, (const char **)text_fields, values, G_N_ELEMENTS (values));
      cells[0] = name;
      cells[1] = contact->phone_mobile;
      cells[2] = values[0];
      cells[3] = message;
      att_csv_append_row (csv, cells, G_N_ELEMENTS (cells));
      if (att_calls_add_attempt (db, user, 0, row->pupil->id, date, 0, ATT_CALL_CHANNEL_TEXT,
                                 ATT_ATTEMPT_SENT, contact->id, NULL, error) == 0)
        {
          att_db_rollback (db);
          return NULL;
        }
      n++;
    }
  if (!att_db_commit (db, error))
    return NULL;
  if (n_rows != NULL)
    *n_rows = n;
  return g_string_free (g_steal_pointer (&csv), FALSE);
}
