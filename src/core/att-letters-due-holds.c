/* att-letters-due-holds.c: what the officer holds back from the due
 * list (postponed and removed letters, "do not send"), and the medical
 * evidence the office holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-ladder.h"
#include "att-letters-due-private.h"
#include "att-text.h"
#include "att-users.h"

void
_att_letter_hold_free (AttLetterHold *hold)
{
  if (hold == NULL)
    return;
  g_free (hold->reason);
  g_free (hold);
}

static char *
date_text (AttDate date)
{
  return date != ATT_DATE_NONE ? att_date_format (date) : NULL;
}

/* ------------------------------------------------------------------ */
/* Postpone and remove                                                */
/* ------------------------------------------------------------------ */

static gboolean
insert_hold (AttDb          *db,
             const AttUser  *user,
             AttPupil       *pupil,
             const char     *stage,
             const char     *kind,
             AttDate         as_of,
             AttDate         until,
             const char     *reason,
             const char     *action,
             GError        **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *after = NULL;
  g_autofree char *until_text = date_text (until);
  g_autofree char *as_of_text = date_text (as_of);
  sqlite3_stmt *stmt;
  gint64 actor;
  GString *json;

  if (!att_db_begin (db, error))
    return FALSE;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
                         "INSERT INTO letter_holds (pupil_id, stage, kind, as_of, until, reason, actor_id, at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, pupil->id);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, as_of);
  if (until != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 5, until);
  sqlite3_bind_text (stmt, 6, reason != NULL ? reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, actor);
  sqlite3_bind_int64 (stmt, 8, att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;

  json = g_string_new ("{\"stage\": ");
  att_json_append_string (json, stage);
  g_string_append_printf (json, ", \"kind\": \"%s\", \"as_of\": ", kind);
  att_json_append_string (json, as_of_text);
  g_string_append (json, ", \"until\": ");
  if (until_text != NULL)
    att_json_append_string (json, until_text);
  else
    g_string_append (json, "null");
  g_string_append (json, ", \"reason\": ");
  att_json_append_string (json, reason != NULL ? reason : "");
  g_string_append_c (json, '}');
  after = g_string_free (json, FALSE);
  detail = g_strdup_printf ("%s: letter %s %s%s%s", pupil->upn, stage, kind,
                            until_text != NULL ? " until " : "", until_text != NULL ? until_text : "");
  if (!att_audit_record (db, user, ATT_AUDIT_LETTER, pupil->id, action, detail, NULL, after, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

static AttPupil *
stage_and_pupil (AttDb        *db,
                 gint64        pupil_id,
                 const char   *stage,
                 GError      **error)
{
  g_autoptr(AttLadderStage) found = NULL;

  found = att_ladder_get (db, stage, error);
  if (found == NULL)
    return NULL;
  return att_pupils_get_or_error (db, pupil_id, error);
}

gboolean
att_letters_due_postpone (AttDb          *db,
                          const AttUser  *user,
                          gint64          pupil_id,
                          const char     *stage,
                          AttDate         until,
                          GError        **error)
{
  AttPupil *pupil;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (stage != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_LETTERS, error))
    return FALSE;
  pupil = stage_and_pupil (db, pupil_id, stage, error);
  if (pupil == NULL)
    return FALSE;
  if (until != ATT_DATE_NONE && until <= att_date_today ())
    {
      g_autofree char *today = att_date_format_long (att_date_today ());

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Postpone %s’s letter “%s” until a day after today (%s)"),
                   att_pupil_get_display_name (pupil), stage, today);
      return FALSE;
    }
  return insert_hold (db, user, pupil, stage, "postpone", att_date_today (), until, NULL,
                      "letters.postpone", error);
}

gboolean
att_letters_due_remove (AttDb          *db,
                        const AttUser  *user,
                        gint64          pupil_id,
                        const char     *stage,
                        AttDate         as_of,
                        const char     *reason,
                        GError        **error)
{
  AttPupil *pupil;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (stage != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_LETTERS, error))
    return FALSE;
  pupil = stage_and_pupil (db, pupil_id, stage, error);
  if (pupil == NULL)
    return FALSE;
  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Say why %s’s letter “%s” is removed from the list"),
                   att_pupil_get_display_name (pupil), stage);
      return FALSE;
    }
  if (!att_text_check (_("reason"), reason, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error))
    return FALSE;
  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();
  return insert_hold (db, user, pupil, stage, "remove", as_of, ATT_DATE_NONE, reason,
                      "letters.remove", error);
}

gboolean
att_letters_due_unremove (AttDb          *db,
                          const AttUser  *user,
                          gint64          pupil_id,
                          const char     *stage,
                          GError        **error)
{
  AttPupil *pupil;
  AttDate today = att_date_today ();

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (stage != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_LETTERS, error))
    return FALSE;
  pupil = stage_and_pupil (db, pupil_id, stage, error);
  if (pupil == NULL)
    return FALSE;
  /* A removal ended: the newest row of the kind, with an end. */
  return insert_hold (db, user, pupil, stage, "remove", today, today, NULL, "letters.keep", error);
}

static gpointer
hold_from_row (sqlite3_stmt *stmt)
{
  AttLetterHold *hold = g_new0 (AttLetterHold, 1);

  hold->as_of = sqlite3_column_int (stmt, 0);
  hold->until = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? ATT_DATE_NONE : sqlite3_column_int (stmt, 1);
  hold->reason = att_db_column_dup (stmt, 2);
  return hold;
}

GHashTable *
_att_letters_holds_read (AttDb   *db,
                         GError **error)
{
  GHashTable *holds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)_att_letter_hold_free);
  sqlite3_stmt *stmt;
  int rc;

  /* The newest row of each pupil, stage and kind holds. */
  stmt = att_db_prepare (db,
                         "SELECT as_of, until, reason, pupil_id, stage, kind FROM letter_holds h "
                         "WHERE id = (SELECT max (id) FROM letter_holds g WHERE g.pupil_id = h.pupil_id "
                         "AND g.stage = h.stage AND g.kind = h.kind)",
                         error);
  if (stmt == NULL)
    {
      g_hash_table_unref (holds);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (holds,
                         g_strdup_printf ("%" G_GINT64_FORMAT ":%s:%s", (gint64)sqlite3_column_int64 (stmt, 3),
                                          (const char *)sqlite3_column_text (stmt, 4),
                                          (const char *)sqlite3_column_text (stmt, 5)),
                         hold_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the letters held back"));
      g_hash_table_unref (holds);
      return NULL;
    }
  return holds;
}

/* ------------------------------------------------------------------ */
/* Do not send                                                        */
/* ------------------------------------------------------------------ */

gboolean
att_letters_do_not_send (AttDb          *db,
                         const AttUser  *user,
                         gint64          pupil_id,
                         const char     *reason,
                         AttDate         until,
                         GError        **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *after = NULL;
  g_autofree char *until_text = date_text (until);
  sqlite3_stmt *stmt;
  AttPupil *pupil;
  gint64 actor;
  GString *json;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_LETTERS, error))
    return FALSE;
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return FALSE;
  if (until != ATT_DATE_NONE)
    {
      if (reason == NULL || *reason == '\0')
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("Say why no letter is to be sent to %s’s family"),
                       att_pupil_get_display_name (pupil));
          return FALSE;
        }
      if (!att_text_check (_("reason"), reason, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error))
        return FALSE;
      if (until < att_date_today ())
        {
          g_autofree char *today = att_date_format_long (att_date_today ());

          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("“Do not send” for %s needs an end date of today (%s) or later"),
                       att_pupil_get_display_name (pupil), today);
          return FALSE;
        }
    }

  if (!att_db_begin (db, error))
    return FALSE;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
                         "INSERT INTO letters_do_not_send (pupil_id, reason, until, actor_id, at) "
                         "VALUES (?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, pupil->id);
  sqlite3_bind_text (stmt, 2, reason != NULL ? reason : "", -1, SQLITE_TRANSIENT);
  if (until != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 3, until);
  sqlite3_bind_int64 (stmt, 4, actor);
  sqlite3_bind_int64 (stmt, 5, att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  json = g_string_new ("{\"reason\": ");
  att_json_append_string (json, reason != NULL ? reason : "");
  g_string_append (json, ", \"until\": ");
  if (until_text != NULL)
    att_json_append_string (json, until_text);
  else
    g_string_append (json, "null");
  g_string_append_c (json, '}');
  after = g_string_free (json, FALSE);
  detail = until_text != NULL
           ? g_strdup_printf ("%s: do not send letters until %s", pupil->upn, until_text)
           : g_strdup_printf ("%s: letters may be sent again", pupil->upn);
  if (!att_audit_record (db, user, ATT_AUDIT_LETTER, pupil->id, "letters.do-not-send", detail, NULL,
                         after, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

GHashTable *
_att_letters_do_not_send_read (AttDb   *db,
                               GError **error)
{
  GHashTable *marks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify)_att_letter_hold_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = att_db_prepare (db,
                         "SELECT 0, until, reason, pupil_id FROM letters_do_not_send d "
                         "WHERE id = (SELECT max (id) FROM letters_do_not_send e WHERE e.pupil_id = d.pupil_id) "
                         "AND until IS NOT NULL",
                         error);
  if (stmt == NULL)
    {
      g_hash_table_unref (marks);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (marks, g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 3) }, sizeof (gint64)),
                         hold_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the pupils whose families get no letters"));
      g_hash_table_unref (marks);
      return NULL;
    }
  return marks;
}

gboolean
att_letters_do_not_send_get (AttDb       *db,
                             gint64       pupil_id,
                             AttDate      on,
                             char       **reason,
                             AttDate     *until,
                             GError     **error)
{
  g_autoptr(GHashTable) marks = NULL;
  AttLetterHold *hold;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  if (reason != NULL)
    *reason = NULL;
  if (until != NULL)
    *until = ATT_DATE_NONE;
  marks = _att_letters_do_not_send_read (db, error);
  if (marks == NULL)
    return FALSE;
  hold = g_hash_table_lookup (marks, &pupil_id);
  if (hold == NULL || hold->until < on)
    return FALSE;
  if (reason != NULL)
    *reason = g_strdup (hold->reason);
  if (until != NULL)
    *until = hold->until;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Medical evidence                                                   */
/* ------------------------------------------------------------------ */

gint64
att_medical_evidence_add (AttDb          *db,
                          const AttUser  *user,
                          gint64          pupil_id,
                          AttDate         from,
                          AttDate         to,
                          const char     *note,
                          GError        **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *from_text = date_text (from);
  g_autofree char *to_text = date_text (to);
  sqlite3_stmt *stmt;
  AttPupil *pupil;
  gint64 actor, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);

  if (!att_user_require (user, ATT_PERM_LETTERS, error))
    return 0;
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return 0;
  if (from == ATT_DATE_NONE || to == ATT_DATE_NONE || from > to)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Medical evidence for %s covers a first day on or before its last day"),
                   att_pupil_get_display_name (pupil));
      return 0;
    }
  if (note == NULL || *note == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Say what the medical evidence for %s is (a doctor’s note, an appointment card, …)"),
                   att_pupil_get_display_name (pupil));
      return 0;
    }
  if (!att_text_check (_("evidence"), note, ATT_TEXT_REASON_MAX, ATT_TEXT_ONE_LINE, error))
    return 0;

  if (!att_db_begin (db, error))
    return 0;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
                         "INSERT INTO medical_evidence (pupil_id, from_date, to_date, note, actor_id, at) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, pupil->id);
  sqlite3_bind_int (stmt, 2, from);
  sqlite3_bind_int (stmt, 3, to);
  sqlite3_bind_text (stmt, 4, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, actor);
  sqlite3_bind_int64 (stmt, 6, att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  detail = g_strdup_printf ("%s: medical evidence %s to %s: %s", pupil->upn, from_text, to_text, note);
  if (!att_audit_record (db, user, ATT_AUDIT_LETTER, pupil->id, "letters.medical-evidence", detail,
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
att_medical_evidence_delete (AttDb          *db,
                             const AttUser  *user,
                             gint64          id,
                             GError        **error)
{
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gint64 pupil_id = 0;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_LETTERS, error))
    return FALSE;
  stmt = att_db_prepare (db, "SELECT coalesce ((SELECT pupil_id FROM medical_evidence WHERE id = ?), 0)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!att_db_query_int (db, stmt, &pupil_id, _("read the medical evidence"), error))
    return FALSE;
  if (pupil_id == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no medical evidence %" G_GINT64_FORMAT), id);
      return FALSE;
    }
  if (!att_db_begin (db, error))
    return FALSE;
  stmt = att_db_prepare (db, "DELETE FROM medical_evidence WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  detail = g_strdup_printf ("medical evidence %" G_GINT64_FORMAT " deleted", id);
  if (!att_audit_record (db, user, ATT_AUDIT_LETTER, pupil_id, "letters.medical-evidence.delete",
                         detail, NULL, NULL, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

void
att_medical_evidence_free (AttMedicalEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->note);
  g_free (evidence->who);
  g_free (evidence);
}

static gpointer
evidence_from_row (sqlite3_stmt *stmt)
{
  AttMedicalEvidence *evidence = g_new0 (AttMedicalEvidence, 1);

  evidence->id = sqlite3_column_int64 (stmt, 0);
  evidence->pupil_id = sqlite3_column_int64 (stmt, 1);
  evidence->from = sqlite3_column_int (stmt, 2);
  evidence->to = sqlite3_column_int (stmt, 3);
  evidence->note = att_db_column_dup (stmt, 4);
  evidence->who = att_db_column_dup (stmt, 5);
  evidence->at = sqlite3_column_int64 (stmt, 6);
  return evidence;
}

GPtrArray *
att_medical_evidence_list (AttDb    *db,
                           gint64    pupil_id,
                           GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db,
                         "SELECT m.id, m.pupil_id, m.from_date, m.to_date, m.note, a.name, m.at "
                         "FROM medical_evidence m JOIN actors a ON a.id = m.actor_id "
                         "WHERE ?1 = 0 OR m.pupil_id = ?1 ORDER BY m.from_date, m.id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  return att_db_collect (db, stmt, evidence_from_row, (GDestroyNotify)att_medical_evidence_free,
                         _("read the medical evidence"), error);
}

GHashTable *
_att_medical_evidence_read (AttDb    *db,
                            AttDate   from,
                            AttDate   to,
                            GError  **error)
{
  GHashTable *ranges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify)g_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = att_db_prepare (db,
                         "SELECT pupil_id, max (from_date, ?1), min (to_date, ?2) FROM medical_evidence "
                         "WHERE to_date >= ?1 AND from_date <= ?2 ORDER BY pupil_id, from_date",
                         error);
  if (stmt == NULL)
    {
      g_hash_table_unref (ranges);
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pupil_id = sqlite3_column_int64 (stmt, 0);
      AttDate span[2] = { sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2) };
      GArray *list = g_hash_table_lookup (ranges, &pupil_id);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (AttDate));
          g_hash_table_insert (ranges, g_memdup2 (&pupil_id, sizeof pupil_id), list);
        }
      g_array_append_vals (list, span, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the medical evidence"));
      g_hash_table_unref (ranges);
      return NULL;
    }
  return ranges;
}
