/* att-calls-list.c: the attempts to reach someone, reading logged calls,
 * and brothers and sisters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calls.h"
#include "att-calls-private.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Attempts                                                            */

void
att_call_attempt_free (AttCallAttempt *attempt)
{
  if (attempt == NULL)
    return;
  g_free (attempt->note);
  g_free (attempt->user_name);
  g_free (attempt);
}

gint64
att_calls_add_attempt (AttDb              *db,
                       const AttUser      *user,
                       gint64              call_id,
                       gint64              pupil_id,
                       AttDate             date,
                       gint64              at,
                       AttCallChannel      channel,
                       AttAttemptOutcome   outcome,
                       gint64              contact_id,
                       const char         *note,
                       GError            **error)
{
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 actor, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);

  if (!att_user_require (user, ATT_PERM_LOG_CALLS, error) ||
      !att_text_check (_("note"), note, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error))
    return 0;
  if ((guint)channel >= ATT_CALL_N_CHANNELS || (guint)outcome >= ATT_ATTEMPT_N_OUTCOMES)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Unknown channel or outcome"));
      return 0;
    }
  if (call_id != 0)
    {
      g_autoptr(AttCall) call = att_calls_get (db, call_id, error);

      if (call == NULL)
        return 0;
      pupil_id = call->pupil_id;
      if (date == ATT_DATE_NONE)
        date = call->date;
    }
  else if (att_pupils_get_or_error (db, pupil_id, error) == NULL)
    return 0;
  if (date == ATT_DATE_NONE)
    date = att_date_today ();

  if (!att_db_begin (db, error))
    return 0;
  actor = att_audit_actor (db, user, error);
  stmt = actor != 0 ? att_db_prepare (db,
    "INSERT INTO call_attempts (call_id, pupil_id, date, at, channel, outcome, contact_id, note, actor_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error) : NULL;
  if (stmt == NULL)
    goto failed;
  if (call_id != 0)
    sqlite3_bind_int64 (stmt, 1, call_id);
  sqlite3_bind_int64 (stmt, 2, pupil_id);
  sqlite3_bind_int (stmt, 3, date);
  sqlite3_bind_int64 (stmt, 4, at != 0 ? at : g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 5, att_call_channel_names[channel], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, att_call_outcome_names[outcome], -1, SQLITE_STATIC);
  if (contact_id > 0)
    sqlite3_bind_int64 (stmt, 7, contact_id);
  sqlite3_bind_text (stmt, 8, note != NULL ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, actor);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  detail = g_strdup_printf ("attempt %" G_GINT64_FORMAT " on pupil %" G_GINT64_FORMAT ", %s %s",
                            id, pupil_id, att_call_channel_names[channel], att_call_outcome_names[outcome]);
  if (!att_audit_log (db, user, "calls.attempt", detail, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

static gpointer
attempt_from_row (sqlite3_stmt *stmt)
{
  AttCallAttempt *attempt = g_new0 (AttCallAttempt, 1);

  attempt->id = sqlite3_column_int64 (stmt, 0);
  attempt->call_id = sqlite3_column_int64 (stmt, 1);
  attempt->pupil_id = sqlite3_column_int64 (stmt, 2);
  attempt->date = sqlite3_column_int (stmt, 3);
  attempt->at = sqlite3_column_int64 (stmt, 4);
  attempt->channel = att_text_name_index ((const char *)sqlite3_column_text (stmt, 5),
                                  att_call_channel_names, ATT_CALL_N_CHANNELS);
  attempt->outcome = att_text_name_index ((const char *)sqlite3_column_text (stmt, 6),
                                  att_call_outcome_names, ATT_ATTEMPT_N_OUTCOMES);
  attempt->contact_id = sqlite3_column_int64 (stmt, 7);
  attempt->note = att_db_column_dup (stmt, 8);
  attempt->user_name = att_db_column_dup (stmt, 9);
  return attempt;
}

#define ATTEMPT_SELECT \
  "SELECT a.id, coalesce (a.call_id, 0), a.pupil_id, a.date, a.at, a.channel, a.outcome, " \
  "coalesce (a.contact_id, 0), a.note, r.name FROM call_attempts a JOIN actors r ON r.id = a.actor_id "

GPtrArray *
att_calls_attempts_on (AttDb   *db,
                       AttDate  date,
                       GError **error)
{
  /* A call that gave no reason (a home visit with no one in, a call that
   * reached nobody) is an attempt too, its outcome text as the note. */
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT * FROM (" ATTEMPT_SELECT "WHERE a.date = ?1 "
    "UNION ALL SELECT 0, c.id, c.pupil_id, c.date, c.at, c.channel, 'no-answer', "
    "coalesce (c.contact_id, 0), c.outcome, r.name FROM calls c JOIN actors r ON r.id = c.actor_id "
    "WHERE c.date = ?1 AND c.reason IS NULL) ORDER BY 5, 1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, date);
  return att_db_collect (db, stmt, attempt_from_row, (GDestroyNotify)att_call_attempt_free,
                         _("read the call attempts"), error);
}

/* ------------------------------------------------------------------ */
/* Reading calls                                                       */

void
att_call_free (AttCall *call)
{
  if (call == NULL)
    return;
  g_free (call->caller);
  g_free (call->outcome);
  g_free (call->note);
  g_free (call->user_name);
  g_free (call->position);
  g_clear_pointer (&call->attempts, g_ptr_array_unref);
  g_clear_pointer (&call->marks, g_array_unref);
  g_free (call);
}

static gpointer
call_from_row (sqlite3_stmt *stmt)
{
  AttCall *call = g_new0 (AttCall, 1);
  const char *reason = (const char *)sqlite3_column_text (stmt, 8);

  call->id = sqlite3_column_int64 (stmt, 0);
  call->pupil_id = sqlite3_column_int64 (stmt, 1);
  call->date = sqlite3_column_int (stmt, 2);
  call->at = sqlite3_column_int64 (stmt, 3);
  call->contact_id = sqlite3_column_int64 (stmt, 4);
  call->caller = att_db_column_dup (stmt, 5);
  call->channel = att_text_name_index ((const char *)sqlite3_column_text (stmt, 6),
                               att_call_channel_names, ATT_CALL_N_CHANNELS);
  call->direction = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 7), "out") == 0
                    ? ATT_CALL_OUT : ATT_CALL_IN;
  call->reason = reason != NULL ? att_text_name_index (reason, att_call_reason_names, ATT_CALL_N_REASONS)
                                : ATT_CALL_REASON_NONE;
  call->outcome = att_db_column_dup (stmt, 9);
  call->note = att_db_column_dup (stmt, 10);
  call->expected_return = sqlite3_column_int (stmt, 11);
  call->evidence_asked = sqlite3_column_int (stmt, 12) != 0;
  call->safeguarding = sqlite3_column_int (stmt, 13) != 0;
  call->family_id = sqlite3_column_int64 (stmt, 14);
  call->user_name = att_db_column_dup (stmt, 15);
  call->position = att_db_column_dup (stmt, 16);
  call->attempts = g_ptr_array_new_with_free_func ((GDestroyNotify)att_call_attempt_free);
  call->marks = g_array_new (FALSE, TRUE, sizeof (AttCallMark));
  return call;
}

#define CALL_SELECT \
  "SELECT c.id, c.pupil_id, c.date, c.at, coalesce (c.contact_id, 0), c.caller, c.channel, " \
  "c.direction, c.reason, c.outcome, c.note, coalesce (c.expected_return, 0), c.evidence_asked, " \
  "c.safeguarding, coalesce (c.family_id, 0), r.name, r.position " \
  "FROM calls c JOIN actors r ON r.id = c.actor_id "

/* Fills in the attempts and the written sessions of @calls. */
static gboolean
load_details (AttDb      *db,
              GPtrArray  *calls,
              GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  if (calls->len == 0)
    return TRUE;
  for (guint i = 0; i < calls->len; i++)
    {
      AttCall *call = g_ptr_array_index (calls, i);
      g_hash_table_insert (by_id, &call->id, call);
    }

  /* A handful of calls a day: each is asked for by id. */
  for (guint i = 0; i < calls->len; i++)
    {
      AttCall *call = g_ptr_array_index (calls, i);
      g_autoptr(GPtrArray) attempts = NULL;

      stmt = att_db_prepare (db, ATTEMPT_SELECT "WHERE a.call_id = ? ORDER BY a.at, a.id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, call->id);
      attempts = att_db_collect (db, stmt, attempt_from_row, (GDestroyNotify)att_call_attempt_free,
                                 _("read the call attempts"), error);
      if (attempts == NULL)
        return FALSE;
      for (guint k = 0; k < attempts->len; k++)
        g_ptr_array_add (call->attempts, g_steal_pointer (&attempts->pdata[k]));
      g_ptr_array_set_free_func (attempts, NULL);

      stmt = att_db_prepare (db,
        "SELECT h.id, h.pupil_id, h.date, h.session, h.old_code, h.new_code "
        "FROM call_marks m JOIN mark_history h ON h.id = m.history_id "
        "WHERE m.call_id = ? ORDER BY h.date, h.session", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, call->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          AttCallMark mark = { 0 };

          mark.history_id = sqlite3_column_int64 (stmt, 0);
          mark.pupil_id = sqlite3_column_int64 (stmt, 1);
          mark.date = sqlite3_column_int (stmt, 2);
          mark.session = sqlite3_column_int (stmt, 3);
          mark.old_code = att_code_lookup ((const char *)sqlite3_column_text (stmt, 4));
          mark.new_code = att_code_lookup ((const char *)sqlite3_column_text (stmt, 5));
          g_array_append_val (call->marks, mark);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          att_db_set_sqlite_error (db, error, _("read the register history"));
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
att_calls_list (AttDb   *db,
                AttDate  date,
                gint64   pupil_id,
                GError **error)
{
  g_autoptr(GPtrArray) calls = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db, CALL_SELECT
                         "WHERE (?1 = 0 OR c.date = ?1) AND (?2 = 0 OR c.pupil_id = ?2) "
                         "ORDER BY c.date, c.at, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, date);
  sqlite3_bind_int64 (stmt, 2, pupil_id);
  calls = att_db_collect (db, stmt, call_from_row, (GDestroyNotify)att_call_free,
                          _("read the calls"), error);
  if (calls == NULL || !load_details (db, calls, error))
    return NULL;
  return g_steal_pointer (&calls);
}

AttCall *
att_calls_get (AttDb   *db,
               gint64   id,
               GError **error)
{
  g_autoptr(GPtrArray) calls = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db, CALL_SELECT "WHERE c.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  calls = att_db_collect (db, stmt, call_from_row, (GDestroyNotify)att_call_free,
                          _("read the calls"), error);
  if (calls == NULL || !load_details (db, calls, error))
    return NULL;
  if (calls->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no call number %" G_GINT64_FORMAT), id);
      return NULL;
    }
  return g_ptr_array_steal_index (calls, 0);
}

/* ------------------------------------------------------------------ */
/* Brothers and sisters                                                */

GArray *
att_calls_siblings (AttDb   *db,
                    gint64   pupil_id,
                    AttDate  date,
                    GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *pupils;   /* borrowed from the database's list */
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  /* Brothers and sisters share a parent or carer: a contact of each who
   * is the same person (the same surname, and the same telephone number
   * or the same address) and who lives with both children or has
   * parental responsibility for both. A number alone is not enough: a
   * childminder, a grandmother or a neighbour is often the emergency
   * contact of children of several families, and one call does not
   * cover them. Telephone numbers are compared on their digits alone,
   * so "07700 900123" is "07700900123". */
#define DIGITS(col) "replace (replace (replace (replace (" col ", ' ', ''), '-', ''), '(', ''), ')', '')"
  stmt = att_db_prepare (db,
    "SELECT DISTINCT o.pupil_id FROM contacts c JOIN contacts o ON o.pupil_id <> c.pupil_id "
    "WHERE c.pupil_id = ?1 AND (c.lives_with OR c.parental_responsibility) "
    "AND (o.lives_with OR o.parental_responsibility) "
    "AND lower (c.surname) = lower (o.surname) AND ("
    "  (coalesce (c.phone_mobile, '') <> '' AND " DIGITS ("c.phone_mobile") " IN ("
    "     " DIGITS ("o.phone_mobile") ", " DIGITS ("o.phone_home") ", " DIGITS ("o.phone_work") ")) OR "
    "  (coalesce (c.phone_home, '') <> '' AND " DIGITS ("c.phone_home") " IN ("
    "     " DIGITS ("o.phone_mobile") ", " DIGITS ("o.phone_home") ", " DIGITS ("o.phone_work") ")) OR "
    "  (coalesce (c.address_1, '') <> '' AND coalesce (c.postcode, '') <> '' AND "
    "   lower (c.address_1) = lower (o.address_1) AND "
    "   replace (upper (c.postcode), ' ', '') = replace (upper (o.postcode), ' ', '')))",
    error);
#undef DIGITS
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      AttPupil *other = att_pupils_get (db, id);

      if (other != NULL && att_pupil_on_roll (other, date))
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the contacts"));
      return NULL;
    }

  /* By name, as every list of pupils. */
  pupils = att_pupils_list (db, error);
  if (pupils == NULL)
    return NULL;
  {
    g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (guint i = 0; i < pupils->len && sorted->len < ids->len; i++)
      {
        AttPupil *p = g_ptr_array_index (pupils, i);

        for (guint k = 0; k < ids->len; k++)
          if (g_array_index (ids, gint64, k) == p->id)
            g_array_append_val (sorted, p->id);
      }
    return g_steal_pointer (&sorted);
  }
}
