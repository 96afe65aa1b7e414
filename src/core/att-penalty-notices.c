/* att-penalty-notices.c: requests for penalty notices, per parent per
 * child, and what became of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The National Framework: a first notice is £80 paid within 21 days or
 * £160 within 28; a second is £160 within 28 days. At most two notices go
 * to the same parent for the same child within a rolling 3 years; the
 * third time, other action follows (prosecution by the local authority,
 * an education supervision order). Withdrawn notices do not count.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-penalty-private.h"
#include "att-pupils.h"
#include "att-text.h"
#include "att-users.h"

static const char * const kind_names[] = { "first", "second" };
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == ATT_PENALTY_NOTICE_N_KINDS);

static const char * const status_names[] = {
  "requested", "issued", "paid", "withdrawn", "prosecuted",
};
G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == ATT_PENALTY_NOTICE_N_STATUSES);

const char *
att_penalty_notice_kind_to_string (AttPenaltyNoticeKind kind)
{
  g_return_val_if_fail (kind < ATT_PENALTY_NOTICE_N_KINDS, "");
  return kind_names[kind];
}

const char *
att_penalty_notice_kind_describe (AttPenaltyNoticeKind kind)
{
  switch (kind)
    {
    case ATT_PENALTY_NOTICE_FIRST:
      return _("First notice");
    case ATT_PENALTY_NOTICE_SECOND:
      return _("Second notice");
    case ATT_PENALTY_NOTICE_N_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
att_penalty_notice_kind_parse (const char            *text,
                               AttPenaltyNoticeKind  *kind,
                               GError               **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (AttPenaltyNoticeKind)i;
        return TRUE;
      }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a kind of penalty notice: use first or second"),
               text != NULL ? text : "");
  return FALSE;
}

const char *
att_penalty_notice_status_to_string (AttPenaltyNoticeStatus status)
{
  g_return_val_if_fail (status < ATT_PENALTY_NOTICE_N_STATUSES, "");
  return status_names[status];
}

const char *
att_penalty_notice_status_describe (AttPenaltyNoticeStatus status)
{
  switch (status)
    {
    case ATT_PENALTY_NOTICE_REQUESTED:
      return _("Requested");
    case ATT_PENALTY_NOTICE_ISSUED:
      return _("Issued");
    case ATT_PENALTY_NOTICE_PAID:
      return _("Paid");
    case ATT_PENALTY_NOTICE_WITHDRAWN:
      return _("Withdrawn");
    case ATT_PENALTY_NOTICE_PROSECUTED:
      return _("Prosecuted");
    case ATT_PENALTY_NOTICE_N_STATUSES:
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
att_penalty_notice_status_parse (const char              *text,
                                 AttPenaltyNoticeStatus  *status,
                                 GError                 **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (AttPenaltyNoticeStatus)i;
        return TRUE;
      }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a status of a penalty notice: use requested, issued, paid, withdrawn or prosecuted"),
               text != NULL ? text : "");
  return FALSE;
}

void
att_penalty_notice_amounts (AttPenaltyNoticeKind  kind,
                            guint                *amount_early_pence,
                            guint                *early_days,
                            guint                *amount_pence,
                            guint                *days)
{
  gboolean first = kind == ATT_PENALTY_NOTICE_FIRST;

  if (amount_early_pence != NULL)
    *amount_early_pence = first ? 8000 : 0;
  if (early_days != NULL)
    *early_days = first ? 21 : 0;
  if (amount_pence != NULL)
    *amount_pence = 16000;
  if (days != NULL)
    *days = 28;
}

void
att_penalty_notice_free (AttPenaltyNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->parent);
  g_free (notice->note);
  g_free (notice->user);
  g_free (notice);
}

#define NOTICE_COLUMNS \
  "n.id, n.pupil_id, coalesce (n.contact_id, 0), n.parent, n.kind, n.requested, n.status, " \
  "n.status_date, n.note, a.name, coalesce (n.decision_id, 0), n.at " \
  "FROM penalty_notices n JOIN actors a ON a.id = n.actor_id "

static gpointer
notice_from_row (sqlite3_stmt *stmt)
{
  AttPenaltyNotice *n = g_new0 (AttPenaltyNotice, 1);

  n->id = sqlite3_column_int64 (stmt, 0);
  n->pupil_id = sqlite3_column_int64 (stmt, 1);
  n->contact_id = sqlite3_column_int64 (stmt, 2);
  n->parent = att_db_column_dup (stmt, 3);
  if (!att_penalty_notice_kind_parse ((const char *)sqlite3_column_text (stmt, 4), &n->kind, NULL))
    n->kind = ATT_PENALTY_NOTICE_FIRST;
  n->requested = sqlite3_column_int (stmt, 5);
  if (!att_penalty_notice_status_parse ((const char *)sqlite3_column_text (stmt, 6), &n->status, NULL))
    n->status = ATT_PENALTY_NOTICE_REQUESTED;
  n->status_date = sqlite3_column_int (stmt, 7);
  n->note = att_db_column_dup (stmt, 8);
  n->user = att_db_column_dup (stmt, 9);
  n->consideration_id = sqlite3_column_int64 (stmt, 10);
  n->at = sqlite3_column_int64 (stmt, 11);
  att_penalty_notice_amounts (n->kind, &n->amount_early_pence, &n->early_days,
                              &n->amount_pence, &n->days);
  return n;
}

GPtrArray *
att_penalty_notices (AttDb    *db,
                     gint64    pupil_id,
                     GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db,
    "SELECT " NOTICE_COLUMNS "WHERE ?1 = 0 OR n.pupil_id = ?1 ORDER BY n.requested, n.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  return att_db_collect (db, stmt, notice_from_row, (GDestroyNotify)att_penalty_notice_free,
                         _("read the penalty notices"), error);
}

AttPenaltyNotice *
att_penalty_notice_get (AttDb    *db,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db, "SELECT " NOTICE_COLUMNS "WHERE n.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  found = att_db_collect (db, stmt, notice_from_row, (GDestroyNotify)att_penalty_notice_free,
                          _("read the penalty notices"), error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no penalty notice %" G_GINT64_FORMAT), id);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

guint
att_penalty_notices_3y (AttDb    *db,
                        gint64    pupil_id,
                        gint64    contact_id,
                        AttDate   as_of,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 value = 0;

  g_return_val_if_fail (ATT_IS_DB (db), 0);

  if (as_of == ATT_DATE_NONE)
    as_of = att_date_today ();
  /* The 3 years to @as_of are the days after the same date 3 years
   * before, up to @as_of. */
  stmt = att_db_prepare (db,
    "SELECT count(*) FROM penalty_notices WHERE pupil_id = ?1 "
    "AND (?2 = 0 OR contact_id = ?2) AND status <> 'withdrawn' "
    "AND requested > ?3 AND requested <= ?4", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_int (stmt, 3, _att_penalty_three_years_before (as_of));
  sqlite3_bind_int (stmt, 4, as_of);
  if (!att_db_query_int (db, stmt, &value, _("read the penalty notices"), error))
    return 0;
  return (guint)value;
}

/* The parent's notices that count on @requested: not withdrawn, within
 * the rolling 3 years. */
static GPtrArray *
counted_notices (AttDb    *db,
                 gint64    pupil_id,
                 gint64    contact_id,
                 AttDate   requested,
                 GError  **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db,
    "SELECT " NOTICE_COLUMNS "WHERE n.pupil_id = ?1 AND n.contact_id = ?2 "
    "AND n.status <> 'withdrawn' AND n.requested > ?3 ORDER BY n.requested, n.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_int (stmt, 3, _att_penalty_three_years_before (requested));
  return att_db_collect (db, stmt, notice_from_row, (GDestroyNotify)att_penalty_notice_free,
                         _("read the penalty notices"), error);
}

static char *
describe_notice (const AttPenaltyNotice *notice)
{
  g_autofree char *date = att_date_format (notice->requested);

  /* Translators: "notice 3 (first, requested 2024-11-08, issued)" */
  return g_strdup_printf (_("notice %" G_GINT64_FORMAT " (%s, requested %s, %s)"),
                          notice->id, att_penalty_notice_kind_to_string (notice->kind), date,
                          att_penalty_notice_status_to_string (notice->status));
}

gint64
att_penalty_notice_request (AttDb                 *db,
                            const AttUser         *user,
                            gint64                 pupil_id,
                            gint64                 contact_id,
                            AttPenaltyNoticeKind   kind,
                            AttDate                requested,
                            GError               **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) earlier = NULL;
  g_autofree char *label = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *detail = NULL;
  const AttContact *contact = NULL;
  AttPenaltyDecision decision = ATT_PENALTY_SUPPORT;
  AttDate today = att_date_today ();
  AttPupil *pupil;
  sqlite3_stmt *stmt;
  gint64 decision_id = 0, actor, id;

  g_return_val_if_fail (ATT_IS_DB (db), 0);

  if (!_att_penalty_check_decider (db, user, error))
    return 0;
  if (kind >= ATT_PENALTY_NOTICE_N_KINDS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A penalty notice is a first or a second notice"));
      return 0;
    }
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return 0;
  label = _att_penalty_pupil_label (db, pupil_id);
  if (requested == ATT_DATE_NONE)
    requested = today;
  date_text = att_date_format (requested);
  if (requested > today)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A penalty notice cannot be requested on %s, a day still to come"), date_text);
      return 0;
    }

  contacts = att_contacts_for_pupil (db, pupil_id, error);
  if (contacts == NULL)
    return 0;
  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *c = g_ptr_array_index (contacts, i);

      if (c->id == contact_id)
        contact = c;
    }
  if (contact == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("Contact %" G_GINT64_FORMAT " is not a contact of %s: a penalty notice goes to a parent of the pupil"),
                   contact_id, label);
      return 0;
    }
  parent = att_contact_dup_name (contact);
  if (!contact->parental_responsibility)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s has no parental responsibility for %s: a penalty notice goes only to a parent with parental responsibility"),
                   parent, label);
      return 0;
    }

  /* The school considered the breach and decided to ask for a notice. */
  if (!_att_penalty_latest_decision (db, pupil_id, requested, &decision_id, &decision, error))
    return 0;
  if (decision_id == 0 || decision != ATT_PENALTY_PENALTY_NOTICE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The school has not decided to request a penalty notice for %s: record a consideration deciding penalty-notice first"),
                   label);
      return 0;
    }

  earlier = counted_notices (db, pupil_id, contact_id, requested, error);
  if (earlier == NULL)
    return 0;
  if (earlier->len >= 2)
    {
      g_autofree char *one = describe_notice (g_ptr_array_index (earlier, 0));
      g_autofree char *two = describe_notice (g_ptr_array_index (earlier, 1));

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s has had two penalty notices for %s within 3 years, %s and %s: a third is not allowed. Ask the local authority about other action: prosecution under s444 of the Education Act 1996, or an education supervision order"),
                   parent, label, one, two);
      return 0;
    }
  if (kind == ATT_PENALTY_NOTICE_FIRST && earlier->len == 1)
    {
      g_autofree char *one = describe_notice (g_ptr_array_index (earlier, 0));

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s has had a penalty notice for %s within 3 years, %s: this one is a second notice (£160 within 28 days)"),
                   parent, label, one);
      return 0;
    }
  if (kind == ATT_PENALTY_NOTICE_SECOND && earlier->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s has had no penalty notice for %s within 3 years that still counts: this one is a first notice (£80 within 21 days, £160 within 28 days)"),
                   parent, label);
      return 0;
    }

  if (!att_db_begin (db, error))
    return 0;
  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    goto failed;
  stmt = att_db_prepare (db,
    "INSERT INTO penalty_notices (pupil_id, contact_id, parent, decision_id, kind, requested, "
    "status, status_date, note, actor_id, at) VALUES (?, ?, ?, ?, ?, ?, 'requested', ?, '', ?, ?)",
    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_text (stmt, 3, parent, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, decision_id);
  sqlite3_bind_text (stmt, 5, kind_names[kind], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, requested);
  sqlite3_bind_int (stmt, 7, requested);
  sqlite3_bind_int64 (stmt, 8, actor);
  sqlite3_bind_int64 (stmt, 9, att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  detail = g_strdup_printf ("penalty notice %" G_GINT64_FORMAT " (%s) requested for %s to contact %"
                            G_GINT64_FORMAT " on %s", id, kind_names[kind], pupil->upn,
                            contact_id, date_text);
  if (!_att_penalty_audit_commit (db, user, "penalty_notices", id, pupil_id,
                                  "penalty.notice", detail, NULL, error))
    goto failed;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

/* Where a notice may go from where it is. */
static gboolean
may_move (AttPenaltyNoticeStatus from,
          AttPenaltyNoticeStatus to)
{
  switch (from)
    {
    case ATT_PENALTY_NOTICE_REQUESTED:
      return to == ATT_PENALTY_NOTICE_ISSUED || to == ATT_PENALTY_NOTICE_WITHDRAWN;
    case ATT_PENALTY_NOTICE_ISSUED:
      return to == ATT_PENALTY_NOTICE_PAID || to == ATT_PENALTY_NOTICE_WITHDRAWN ||
             to == ATT_PENALTY_NOTICE_PROSECUTED;
    case ATT_PENALTY_NOTICE_PAID:
    case ATT_PENALTY_NOTICE_WITHDRAWN:
    case ATT_PENALTY_NOTICE_PROSECUTED:
    case ATT_PENALTY_NOTICE_N_STATUSES:
    default:
      return FALSE;
    }
}

gboolean
att_penalty_notice_set_status (AttDb                   *db,
                               const AttUser           *user,
                               gint64                   id,
                               AttPenaltyNoticeStatus   status,
                               AttDate                  date,
                               const char              *note,
                               GError                 **error)
{
  g_autoptr(AttPenaltyNotice) notice = NULL;
  g_autofree char *before = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *clean = NULL;
  AttDate today = att_date_today ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  if (!att_user_require (user, ATT_PERM_CASEWORK, error) ||
      !att_text_check (_("Note"), note, ATT_TEXT_REASON_MAX, ATT_TEXT_LINES, error))
    return FALSE;
  if (status >= ATT_PENALTY_NOTICE_N_STATUSES)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The status is not one of issued, paid, withdrawn or prosecuted"));
      return FALSE;
    }
  notice = att_penalty_notice_get (db, id, error);
  if (notice == NULL)
    return FALSE;
  if (date == ATT_DATE_NONE)
    date = today;
  date_text = att_date_format (date);
  if (!may_move (notice->status, status))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Penalty notice %" G_GINT64_FORMAT " is %s: it cannot become %s (a requested notice is issued or withdrawn; an issued one is paid, withdrawn or prosecuted)"),
                   id, att_penalty_notice_status_to_string (notice->status),
                   att_penalty_notice_status_to_string (status));
      return FALSE;
    }
  if (date > today)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Penalty notice %" G_GINT64_FORMAT " cannot be %s on %s, a day still to come"),
                   id, att_penalty_notice_status_to_string (status), date_text);
      return FALSE;
    }
  if (date < notice->status_date)
    {
      g_autofree char *was = att_date_format (notice->status_date);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Penalty notice %" G_GINT64_FORMAT " became %s on %s: it cannot be %s earlier, on %s"),
                   id, att_penalty_notice_status_to_string (notice->status), was,
                   att_penalty_notice_status_to_string (status), date_text);
      return FALSE;
    }

  clean = note != NULL ? g_strstrip (g_strdup (note)) : g_strdup ("");
  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_audit_snapshot (db, "penalty_notices", id, &before, error))
    goto failed;
  stmt = att_db_prepare (db,
    "UPDATE penalty_notices SET status = ?, status_date = ?, "
    "note = CASE WHEN ?3 = '' THEN note WHEN note = '' THEN ?3 ELSE note || char (10) || ?3 END "
    "WHERE id = ? AND status = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, status_names[status], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, date);
  sqlite3_bind_text (stmt, 3, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  sqlite3_bind_text (stmt, 5, status_names[notice->status], -1, SQLITE_STATIC);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  if (sqlite3_changes (att_db_get_handle (db)) != 1)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Penalty notice %" G_GINT64_FORMAT " was changed meanwhile: look at it again"), id);
      goto failed;
    }
  detail = g_strdup_printf ("penalty notice %" G_GINT64_FORMAT " %s on %s", id,
                            status_names[status], date_text);
  if (!_att_penalty_audit_commit (db, user, "penalty_notices", id, notice->pupil_id,
                                  "penalty.notice-status", detail, before, error))
    goto failed;
  return TRUE;

failed:
  att_db_rollback (db);
  return FALSE;
}
