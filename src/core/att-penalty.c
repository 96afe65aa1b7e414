/* att-penalty.c: the penalty list and the school's consideration of a
 * breach of the National Framework threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-case.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-penalty-private.h"
#include "att-pupils.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Names                                                               */

static const char * const decision_names[] = {
  "support", "notice-to-improve", "penalty-notice", "other",
};
G_STATIC_ASSERT (G_N_ELEMENTS (decision_names) == ATT_PENALTY_N_DECISIONS);

const char *
att_penalty_decision_to_string (AttPenaltyDecision decision)
{
  g_return_val_if_fail (decision < ATT_PENALTY_N_DECISIONS, "");
  return decision_names[decision];
}

const char *
att_penalty_decision_describe (AttPenaltyDecision decision)
{
  switch (decision)
    {
    case ATT_PENALTY_SUPPORT:
      return _("More support, no notice");
    case ATT_PENALTY_NOTICE_TO_IMPROVE:
      return _("Notice to improve");
    case ATT_PENALTY_PENALTY_NOTICE:
      return _("Penalty notice request");
    case ATT_PENALTY_OTHER:
      return _("Another legal step");
    case ATT_PENALTY_N_DECISIONS:
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
att_penalty_decision_parse (const char          *text,
                            AttPenaltyDecision  *decision,
                            GError             **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (decision_names); i++)
    if (g_strcmp0 (text, decision_names[i]) == 0)
      {
        *decision = (AttPenaltyDecision)i;
        return TRUE;
      }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a decision: use support, notice-to-improve, penalty-notice or other"),
               text != NULL ? text : "");
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Shared                                                              */

gboolean
_att_penalty_check_decider (AttDb          *db,
                            const AttUser  *user,
                            GError        **error)
{
  g_autoptr(AttUser) current = NULL;

  if (!att_user_require (user, ATT_PERM_PENALTY, error))
    return FALSE;
  if (att_role_can (user->role, ATT_PERM_PENALTY) || att_user_is_system (user))
    return TRUE;
  current = user->id > 0 ? att_users_get (db, user->id, NULL) : NULL;
  if (current != NULL && current->deputy && !current->deactivated)
    return TRUE;
  g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
               _("%s is not the deputy the headteacher authorised to decide penalty cases: only the headteacher or their deputy may decide"),
               user->name);
  return FALSE;
}

gboolean
_att_penalty_audit_commit (AttDb          *db,
                           const AttUser  *user,
                           const char     *table,
                           gint64          id,
                           gint64          pupil_id,
                           const char     *action,
                           const char     *detail,
                           const char     *before,
                           GError        **error)
{
  g_autofree char *after = NULL;

  if (!att_audit_snapshot (db, table, id, &after, error) ||
      !att_audit_record (db, user, ATT_AUDIT_PENALTY, pupil_id, action, detail, before, after, error))
    return FALSE;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);
}

char *
_att_penalty_pupil_label (AttDb  *db,
                          gint64  pupil_id)
{
  AttPupil *pupil = att_pupils_get (db, pupil_id);

  if (pupil == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, pupil_id);
  /* Translators: a pupil's name and UPN */
  return g_strdup_printf (_("%s (UPN %s)"), att_pupil_get_display_name (pupil), pupil->upn);
}

AttDate
_att_penalty_three_years_before (AttDate date)
{
  GDate three_years;

  g_date_clear (&three_years, 1);
  g_date_set_julian (&three_years, (guint32)date);
  g_date_subtract_years (&three_years, 3);
  return (AttDate)g_date_get_julian (&three_years);
}

gboolean
_att_penalty_latest_decision (AttDb               *db,
                              gint64               pupil_id,
                              AttDate              as_of,
                              gint64              *id,
                              AttPenaltyDecision  *decision,
                              GError             **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT id, decision FROM penalty_decisions WHERE pupil_id = ? AND as_of <= ? "
    "ORDER BY as_of DESC, id DESC LIMIT 1", error);
  int rc;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, as_of);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      if (!att_penalty_decision_parse ((const char *)sqlite3_column_text (stmt, 1), decision, NULL))
        *decision = ATT_PENALTY_OTHER;
    }
  else if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the penalty-notice decisions"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

void
_att_penalty_row_fill_pupil (AttDb         *db,
                             AttPenaltyRow *row)
{
  AttPupil *pupil = att_pupils_get (db, row->pupil_id);

  if (pupil == NULL)
    return;
  g_free (row->upn);
  g_free (row->name);
  g_free (row->group);
  row->upn = g_strdup (pupil->upn);
  row->name = g_strdup (att_pupil_get_display_name (pupil));
  row->group = g_strdup (pupil->reg_group != NULL ? pupil->reg_group : "");
}

void
att_penalty_row_free (AttPenaltyRow *row)
{
  if (row == NULL)
    return;
  g_free (row->upn);
  g_free (row->name);
  g_free (row->group);
  g_free (row);
}

/* ------------------------------------------------------------------ */
/* The penalty list                                                    */

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const AttPenaltyRow *x = *(const AttPenaltyRow * const *)a;
  const AttPenaltyRow *y = *(const AttPenaltyRow * const *)b;

  if (x->over != y->over)
    return x->over ? -1 : 1;
  if (x->breach.sessions != y->breach.sessions)
    return x->breach.sessions > y->breach.sessions ? -1 : 1;
  return g_utf8_collate (x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
}

static GPtrArray *
penalty_list (AttDb    *db,
              AttDate   as_of,
              GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)att_penalty_row_free);
  g_autoptr(GArray) counts = NULL;

  counts = att_threshold_counts (db, as_of, ATT_THRESHOLD_SESSIONS - ATT_PENALTY_NEAR_SESSIONS, error);
  if (counts == NULL)
    return NULL;
  for (guint i = 0; i < counts->len; i++)
    {
      const AttBreach *breach = &g_array_index (counts, AttBreach, i);
      g_autoptr(AttPenaltyRow) row = g_new0 (AttPenaltyRow, 1);
      g_autoptr(GError) local = NULL;

      row->pupil_id = breach->pupil_id;
      row->breach = *breach;
      row->over = breach->sessions >= ATT_THRESHOLD_SESSIONS;
      if (!att_threshold_consideration (db, breach, as_of, &row->consideration_id, error))
        return NULL;
      row->breach.considered = row->consideration_id != 0;
      row->breach.notices_3y = att_penalty_notices_3y (db, breach->pupil_id, 0, as_of, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (!_att_penalty_row_fill_improve (db, row, as_of, error))
        return NULL;
      _att_penalty_row_fill_pupil (db, row);
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  g_ptr_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}

GPtrArray *
att_penalty_list (AttDb    *db,
                  AttDate   as_of,
                  GError  **error)
{
  GPtrArray *rows;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();
  begun = att_db_begin_read (db);
  rows = penalty_list (db, as_of, error);
  att_db_end_read (db, begun);
  return rows;
}

/* ------------------------------------------------------------------ */
/* Considerations                                                      */

void
att_penalty_consideration_free (AttPenaltyConsideration *consideration)
{
  if (consideration == NULL)
    return;
  g_free (consideration->support_offered);
  g_free (consideration->notice_best_tool);
  g_free (consideration->equality);
  g_free (consideration->agencies);
  g_free (consideration->rationale);
  g_free (consideration->user);
  g_free (consideration);
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static char *
trimmed (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : g_strdup ("");
}

gboolean
att_penalty_consideration_check_complete (const AttPenaltyConsideration  *consideration,
                                          GError                        **error)
{
  g_return_val_if_fail (consideration != NULL, FALSE);

  if (blank (consideration->equality))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Record the Equality Act considerations: the school must weigh its equality duties (a disability, special educational needs, a protected characteristic) before it decides"));
      return FALSE;
    }
  return TRUE;
}

const char *
att_penalty_consideration_describe_equality (const AttPenaltyConsideration *consideration)
{
  g_return_val_if_fail (consideration != NULL, NULL);

  if (blank (consideration->equality))
    return _("Not recorded");
  return consideration->equality;
}

gint64
att_penalty_consider (AttDb                          *db,
                      const AttUser                  *user,
                      const AttPenaltyConsideration  *consideration,
                      GError                        **error)
{
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *as_of_text = NULL;
  AttPupil *pupil;
  AttBreach breach;
  AttDate as_of, today = att_date_today ();
  sqlite3_stmt *stmt;
  gint64 actor, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (consideration != NULL, 0);

  if (!_att_penalty_check_decider (db, user, error))
    return 0;
  if (!att_text_check (_("Support offered so far"), consideration->support_offered,
                       ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error) ||
      !att_text_check (_("Whether a notice is the best tool"), consideration->notice_best_tool,
                       ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error) ||
      !att_text_check (_("Equality Act considerations"), consideration->equality,
                       ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error) ||
      !att_text_check (_("Agencies involved"), consideration->agencies,
                       ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error) ||
      !att_text_check (_("Rationale"), consideration->rationale,
                       ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES, error))
    return 0;
  if (consideration->decision >= ATT_PENALTY_N_DECISIONS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The decision is not one of support, notice-to-improve, penalty-notice or other"));
      return 0;
    }
  if (blank (consideration->rationale))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Record the rationale: why the school decided what it did"));
      return 0;
    }

  pupil = att_pupils_get_or_error (db, consideration->pupil_id, error);
  if (pupil == NULL)
    return 0;
  label = _att_penalty_pupil_label (db, pupil->id);
  as_of = consideration->as_of != ATT_DATE_NONE ? consideration->as_of : today;
  as_of_text = att_date_format (as_of);
  if (as_of > today)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A breach cannot be considered as of %s, a day still to come"), as_of_text);
      return 0;
    }
  if (!att_pupil_compulsory_age (pupil, as_of))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s is not of compulsory school age on %s: a penalty notice concerns only the parents of a child of compulsory school age"),
                   label, as_of_text);
      return 0;
    }
  if (!att_threshold_pupil (db, pupil->id, as_of, &breach, error))
    return 0;
  if (breach.sessions < ATT_THRESHOLD_SESSIONS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   ngettext ("%s has %u unauthorised session in the 10 school weeks to %s, below the threshold of %d: a consideration is recorded only for a pupil at the threshold",
                             "%s has %u unauthorised sessions in the 10 school weeks to %s, below the threshold of %d: a consideration is recorded only for a pupil at the threshold",
                             breach.sessions),
                   label, breach.sessions, as_of_text, ATT_THRESHOLD_SESSIONS);
      return 0;
    }

  if (!att_db_begin (db, error))
    return 0;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
    "INSERT INTO penalty_decisions (pupil_id, as_of, window_start, window_end, sessions, "
    "decision, rationale, support_offered, notice_best_tool, equality, agencies, actor_id, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  {
    g_autofree char *support = trimmed (consideration->support_offered);
    g_autofree char *best = trimmed (consideration->notice_best_tool);
    g_autofree char *equality = trimmed (consideration->equality);
    g_autofree char *agencies = trimmed (consideration->agencies);
    g_autofree char *rationale = trimmed (consideration->rationale);

    sqlite3_bind_int64 (stmt, 1, pupil->id);
    sqlite3_bind_int (stmt, 2, as_of);
    sqlite3_bind_int (stmt, 3, breach.window_start);
    sqlite3_bind_int (stmt, 4, breach.window_end);
    sqlite3_bind_int (stmt, 5, (int)breach.sessions);
    sqlite3_bind_text (stmt, 6, att_penalty_decision_to_string (consideration->decision), -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 7, rationale, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 8, support, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 9, best, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 10, equality, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 11, agencies, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 12, actor);
    sqlite3_bind_int64 (stmt, 13, att_audit_now ());
    if (!att_db_step_done (db, stmt, error))
      goto failed;
  }
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  detail = g_strdup_printf ("consideration %" G_GINT64_FORMAT " of %s as of %s: %s (%u sessions)",
                            id, pupil->upn, as_of_text,
                            att_penalty_decision_to_string (consideration->decision), breach.sessions);
  if (!_att_penalty_audit_commit (db, user, "penalty_decisions", id, pupil->id,
                                  "penalty.consider", detail, NULL, error))
    goto failed;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

#define CONSIDERATION_COLUMNS \
  "d.id, d.pupil_id, d.as_of, d.window_start, d.window_end, d.sessions, d.support_offered, " \
  "d.notice_best_tool, d.equality, d.agencies, d.decision, d.rationale, a.name, d.at " \
  "FROM penalty_decisions d JOIN actors a ON a.id = d.actor_id "

static gpointer
consideration_from_row (sqlite3_stmt *stmt)
{
  AttPenaltyConsideration *c = g_new0 (AttPenaltyConsideration, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->pupil_id = sqlite3_column_int64 (stmt, 1);
  c->as_of = sqlite3_column_int (stmt, 2);
  c->window_start = sqlite3_column_int (stmt, 3);
  c->window_end = sqlite3_column_int (stmt, 4);
  c->sessions = (guint)sqlite3_column_int (stmt, 5);
  c->support_offered = att_db_column_dup (stmt, 6);
  c->notice_best_tool = att_db_column_dup (stmt, 7);
  c->equality = att_db_column_dup (stmt, 8);
  c->agencies = att_db_column_dup (stmt, 9);
  if (!att_penalty_decision_parse ((const char *)sqlite3_column_text (stmt, 10), &c->decision, NULL))
    c->decision = ATT_PENALTY_OTHER;
  c->rationale = att_db_column_dup (stmt, 11);
  c->user = att_db_column_dup (stmt, 12);
  c->at = sqlite3_column_int64 (stmt, 13);
  return c;
}

GPtrArray *
att_penalty_considerations (AttDb    *db,
                            gint64    pupil_id,
                            GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db,
    "SELECT " CONSIDERATION_COLUMNS
    "WHERE ?1 = 0 OR d.pupil_id = ?1 ORDER BY d.as_of, d.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  return att_db_collect (db, stmt, consideration_from_row,
                         (GDestroyNotify)att_penalty_consideration_free,
                         _("read the penalty-notice decisions"), error);
}

AttPenaltyConsideration *
att_penalty_consideration_get (AttDb    *db,
                               gint64    id,
                               GError  **error)
{
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db, "SELECT " CONSIDERATION_COLUMNS "WHERE d.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  found = att_db_collect (db, stmt, consideration_from_row,
                          (GDestroyNotify)att_penalty_consideration_free,
                          _("read the penalty-notice decisions"), error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no consideration %" G_GINT64_FORMAT), id);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

/* ------------------------------------------------------------------ */
/* Support offered so far                                              */

char *
att_penalty_support_summary (AttDb    *db,
                             gint64    pupil_id,
                             AttDate   as_of,
                             GError  **error)
{
  g_autoptr(GPtrArray) events = NULL;
  GString *out;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();
  events = att_case_chronology (db, pupil_id, ATT_DATE_NONE, as_of, error);
  if (events == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < events->len; i++)
    {
      const AttCaseEvent *event = g_ptr_array_index (events, i);
      g_autofree char *date = NULL;
      g_autofree char *detail = NULL;
      char *newline;

      /* What the school offered and who it involved: support and agency
       * entries, meetings and letters; calls report absences rather than
       * offer help, and decisions are the consideration's own. */
      if (event->kind != ATT_CASE_EVENT_SUPPORT && event->kind != ATT_CASE_EVENT_MEETING &&
          event->kind != ATT_CASE_EVENT_LETTER)
        continue;
      date = att_date_format (event->date);
      detail = g_strstrip (g_strdup (event->detail != NULL ? event->detail : ""));
      newline = strchr (detail, '\n');
      if (newline != NULL)
        *newline = '\0';
      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (*detail != '\0')
        /* Translators: a line of "support offered so far": date, what, detail */
        g_string_append_printf (out, _("%s: %s (%s)"), date, event->title, detail);
      else
        g_string_append_printf (out, _("%s: %s"), date, event->title);
    }
  return g_string_free (out, FALSE);
}
