/* att-retention.c: how long a leaver's records are kept, and their end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-pupils.h"
#include "att-register-private.h"
#include "att-retention.h"
#include "att-users.h"

/* The tables that hold records about a pupil, deleted in this order
 * (the pupil last, as the others refer to it). A table added later
 * about pupils (calls, leave requests, letters, casework) goes here, and
 * into the subject access export's sections (att-sar.c); until it does,
 * its reference to the pupil refuses the purge rather than leave its
 * rows behind. mark_history and audit_log refuse deletion except for a
 * pupil with a retention permit (see the migrations). */
static const char * const purge_sql[] = {
  "DELETE FROM audit_log WHERE pupil_id = ?1",
  "DELETE FROM call_marks WHERE call_id IN (SELECT id FROM calls WHERE pupil_id = ?1)",
  "DELETE FROM late_book_marks WHERE entry_id IN (SELECT id FROM late_book WHERE pupil_id = ?1)",
  "DELETE FROM call_attempts WHERE pupil_id = ?1",
  "DELETE FROM calls WHERE pupil_id = ?1",
  "DELETE FROM late_book WHERE pupil_id = ?1",
  "DELETE FROM la_notifications WHERE pupil_id = ?1",
  "DELETE FROM leave_reviews WHERE leave_id IN (SELECT id FROM leave_requests WHERE pupil_id = ?1)",
  "DELETE FROM leave_sessions WHERE pupil_id = ?1",
  "DELETE FROM leave_requests WHERE pupil_id = ?1",
  "DELETE FROM mark_history WHERE pupil_id = ?1",
  "DELETE FROM marks WHERE pupil_id = ?1",
  "DELETE FROM mark_years WHERE pupil_id = ?1",
  "DELETE FROM penalty_notices WHERE pupil_id = ?1",
  "DELETE FROM penalty_improvements WHERE pupil_id = ?1",
  "DELETE FROM penalty_decisions WHERE pupil_id = ?1",
  "DELETE FROM case_meetings WHERE pupil_id = ?1",
  "DELETE FROM case_support WHERE pupil_id = ?1",
  "DELETE FROM letters WHERE pupil_id = ?1",
  "DELETE FROM letter_holds WHERE pupil_id = ?1",
  "DELETE FROM letters_do_not_send WHERE pupil_id = ?1",
  "DELETE FROM medical_evidence WHERE pupil_id = ?1",
  "DELETE FROM contacts WHERE pupil_id = ?1",
  "DELETE FROM previous_attendance WHERE pupil_id = ?1",
  "DELETE FROM pupils WHERE id = ?1",
};

AttDate
att_retention_first_day (AttDate last)
{
  int year, month, day;

  g_return_val_if_fail (last != ATT_DATE_NONE, ATT_DATE_NONE);

  att_date_to_ymd (last, &year, &month, &day);
  year += ATT_RETENTION_YEARS;
  if (month == 2 && day == 29 && !g_date_is_leap_year (year))
    {
      month = 3;
      day = 1;
    }
  return att_date_from_ymd (year, month, day) + 1;
}

void
att_retention_item_free (AttRetentionItem *item)
{
  if (item == NULL)
    return;
  g_free (item->upn);
  g_free (item->name);
  g_free (item);
}

char *
att_retention_item_describe (const AttRetentionItem *item)
{
  g_autofree char *left = NULL;
  g_autofree char *contacts = NULL;
  g_autofree char *marks = NULL;
  g_autofree char *history = NULL;
  g_autofree char *decisions = NULL;
  g_autofree char *audit = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  left = att_date_format_long (item->leaving);
  contacts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact", "%u contacts",
                                           item->n_contacts), item->n_contacts);
  marks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mark", "%u marks",
                                        item->n_marks), item->n_marks);
  history = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u register entry or amendment",
                                          "%u register entries and amendments",
                                          item->n_history), item->n_history);
  decisions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u penalty decision",
                                            "%u penalty decisions",
                                            item->n_decisions), item->n_decisions);
  audit = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u audit log row", "%u audit log rows",
                                        item->n_audit), item->n_audit);
  /* Translators: "Ben Carter (UPN A123456789012), left Fri 20 Jul 2018: 2 contacts, ..." */
  return g_strdup_printf (_("%s (UPN %s), left %s: %s, %s, %s, %s, %s"),
                          item->name, item->upn, left, contacts, marks, history, decisions,
                          audit);
}

gboolean
att_retention_require (const AttUser  *user,
                       GError        **error)
{
  return att_user_require (user, ATT_PERM_PURGE, error);
}

/* The day of a moment stamped in a log, in local time. */
static AttDate
day_of (gint64 at)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (at);

  if (moment == NULL)
    return ATT_DATE_NONE;
  return att_date_from_ymd (g_date_time_get_year (moment), g_date_time_get_month (moment),
                            g_date_time_get_day_of_month (moment));
}

/* Every leaver who might be due: one who left more than 2,190 days (the
 * fewest six years hold) before @as_of. Whether they are is decided in
 * C from the last entry about them. */
#define CANDIDATES_SQL \
  "SELECT p.id, p.leaving_date, " \
  "  (SELECT max(date) FROM marks WHERE pupil_id = p.id), " \
  "  (SELECT max(at) FROM mark_history WHERE pupil_id = p.id), " \
  "  (SELECT max(at) FROM audit_log WHERE pupil_id = p.id), " \
  "  (SELECT max(at) FROM penalty_decisions WHERE pupil_id = p.id), " \
  "  (SELECT max(as_of) FROM penalty_decisions WHERE pupil_id = p.id), " \
  "  (SELECT count(*) FROM contacts WHERE pupil_id = p.id), " \
  "  (SELECT count(*) FROM marks WHERE pupil_id = p.id), " \
  "  (SELECT count(*) FROM mark_history WHERE pupil_id = p.id), " \
  "  (SELECT count(*) FROM penalty_decisions WHERE pupil_id = p.id), " \
  "  (SELECT count(*) FROM audit_log WHERE pupil_id = p.id) " \
  "FROM pupils p WHERE p.leaving_date IS NOT NULL AND p.leaving_date <= ?1 - 2190"

/* By surname then forename, as the list of pupils is. */
static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  AttDb *db = user_data;
  AttPupil *x = att_pupils_get (db, (*(AttRetentionItem **)a)->pupil_id);
  AttPupil *y = att_pupils_get (db, (*(AttRetentionItem **)b)->pupil_id);

  return g_strcmp0 (x->sort_key, y->sort_key);
}

static GPtrArray *
read_due (AttDb    *db,
          AttDate   as_of,
          GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)att_retention_item_free);
  sqlite3_stmt *stmt = att_db_prepare (db, CANDIDATES_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AttRetentionItem) item = g_new0 (AttRetentionItem, 1);
      AttDate last;
      AttPupil *pupil;

      item->pupil_id = sqlite3_column_int64 (stmt, 0);
      item->leaving = (AttDate)sqlite3_column_int64 (stmt, 1);
      last = item->leaving;
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        last = MAX (last, (AttDate)sqlite3_column_int64 (stmt, 2));
      for (int col = 3; col <= 5; col++)
        if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
          last = MAX (last, day_of (sqlite3_column_int64 (stmt, col)));
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        last = MAX (last, (AttDate)sqlite3_column_int64 (stmt, 6));
      item->last_entry = last;
      item->first_day = att_retention_first_day (last);
      if (as_of < item->first_day)
        continue;

      item->n_contacts = sqlite3_column_int (stmt, 7);
      item->n_marks = sqlite3_column_int (stmt, 8);
      item->n_history = sqlite3_column_int (stmt, 9);
      item->n_decisions = sqlite3_column_int (stmt, 10);
      item->n_audit = sqlite3_column_int (stmt, 11);
      pupil = att_pupils_get (db, item->pupil_id);
      if (pupil == NULL)
        continue;
      item->upn = g_strdup (pupil->upn);
      item->name = g_strdup (att_pupil_get_display_name (pupil));
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the leavers' records"));
      return NULL;
    }
  g_ptr_array_sort_with_data (items, compare_items, db);
  return g_steal_pointer (&items);
}

GPtrArray *
att_retention_due (AttDb    *db,
                   AttDate   as_of,
                   GError  **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (as_of != ATT_DATE_NONE, NULL);

  return read_due (db, as_of, error);
}

static AttRetentionItem *
find_item (GPtrArray *items,
           gint64     pupil_id)
{
  for (guint i = 0; i < items->len; i++)
    {
      AttRetentionItem *item = g_ptr_array_index (items, i);

      if (item->pupil_id == pupil_id)
        return item;
    }
  return NULL;
}

/* Why pupil @id is not due on @as_of, as an error. */
static void
set_not_due (AttDb    *db,
             gint64    id,
             AttDate   as_of,
             GError  **error)
{
  AttPupil *pupil = att_pupils_get (db, id);
  g_autofree char *date = att_date_format_long (as_of);

  if (pupil == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no pupil number %lld: nothing was deleted"), (long long)id);
      return;
    }
  if (pupil->leaving == ATT_DATE_NONE || pupil->leaving > as_of)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s (UPN %s) has not left the school: their records are kept, and nothing was deleted"),
                   att_pupil_get_display_name (pupil), pupil->upn);
      return;
    }
  g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
               _("The records of %s (UPN %s) must be kept for %d years after the last entry about them, which is after %s: nothing was deleted"),
               att_pupil_get_display_name (pupil), pupil->upn, ATT_RETENTION_YEARS, date);
}

static gboolean
delete_pupil (AttDb             *db,
              AttRetentionItem  *item,
              AttDate            as_of,
              GError           **error)
{
  sqlite3_stmt *stmt;

  /* The permit lets the history's triggers accept these deletions, for
   * this pupil and in this transaction only. */
  stmt = att_db_prepare (db, "INSERT INTO retention_permits (pupil_id, as_of) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->pupil_id);
  sqlite3_bind_int64 (stmt, 2, as_of);
  if (!att_db_step_done (db, stmt, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (purge_sql); i++)
    {
      stmt = att_db_prepare (db, purge_sql[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->pupil_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          if (sqlite3_errcode (att_db_get_handle (db)) == SQLITE_CONSTRAINT)
            g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                         _("%s (UPN %s) has other records that this version cannot delete: nothing was deleted"),
                         item->name, item->upn);
          else
            att_db_set_sqlite_error (db, error, _("delete the leaver's records"));
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }

  stmt = att_db_prepare (db, "DELETE FROM retention_permits WHERE pupil_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->pupil_id);
  return att_db_step_done (db, stmt, error);
}

gboolean
att_retention_purge (AttDb          *db,
                     const AttUser  *user,
                     AttDate         as_of,
                     GArray         *pupil_ids,
                     GPtrArray     **purged,
                     GError        **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) going = NULL;
  g_autoptr(GString) detail = NULL;
  g_autoptr(GString) record = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (as_of != ATT_DATE_NONE, FALSE);

  if (purged != NULL)
    *purged = NULL;
  if (!att_retention_require (user, error))
    return FALSE;
  if (as_of > att_date_today ())
    {
      g_autofree char *text = att_date_format_long (as_of);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Records can only be deleted as of today or an earlier day, not %s: nothing was deleted"),
                   text);
      return FALSE;
    }

  if (!att_db_begin (db, error))
    return FALSE;

  /* Decided again inside the transaction: what was shown may have
   * changed meanwhile (a late amendment keeps a pupil's records). */
  due = read_due (db, as_of, error);
  if (due == NULL)
    goto failed;
  going = g_ptr_array_new_with_free_func ((GDestroyNotify)att_retention_item_free);
  for (guint i = 0; pupil_ids != NULL && i < pupil_ids->len; i++)
    {
      gint64 id = g_array_index (pupil_ids, gint64, i);
      AttRetentionItem *item = find_item (due, id);
      guint index;

      if (find_item (going, id) != NULL)
        continue;
      if (item == NULL || !g_ptr_array_find (due, item, &index))
        {
          set_not_due (db, id, as_of, error);
          goto failed;
        }
      g_ptr_array_add (going, g_ptr_array_steal_index (due, index));
    }
  if (pupil_ids == NULL)
    while (due->len > 0)
      g_ptr_array_add (going, g_ptr_array_steal_index (due, 0));

  if (going->len == 0)
    {
      if (purged != NULL)
        *purged = g_steal_pointer (&going);
      return att_db_commit (db, error);
    }

  date = att_date_format (as_of);
  detail = g_string_new (NULL);
  record = g_string_new ("[");
  g_string_append_printf (detail, "as of %s: ", date);
  for (guint i = 0; i < going->len; i++)
    {
      AttRetentionItem *item = g_ptr_array_index (going, i);
      char last[ATT_DATE_TEXT_SIZE], left[ATT_DATE_TEXT_SIZE];

      if (!delete_pupil (db, item, as_of, error))
        goto failed;
      /* The log keeps who went by UPN, with how much went: not their
       * names or details, whose time is over. */
      g_string_append_printf (detail, "%s%s", i > 0 ? ", " : "", item->upn);
      g_string_append_printf (record,
                              "%s{\"upn\":\"%s\",\"left\":\"%s\",\"last_entry\":\"%s\","
                              "\"contacts\":%u,\"marks\":%u,\"register_entries\":%u,"
                              "\"penalty_decisions\":%u,\"audit_rows\":%u}",
                              i > 0 ? "," : "", item->upn,
                              att_date_format_to (item->leaving, left),
                              att_date_format_to (item->last_entry, last),
                              item->n_contacts, item->n_marks, item->n_history,
                              item->n_decisions, item->n_audit);
    }
  g_string_append_c (record, ']');

  if (!att_audit_record (db, user, ATT_AUDIT_PUPIL, 0, "pupils.purge", detail->str,
                         record->str, NULL, error))
    goto failed;

  /* The register's arrays in memory are read again from what is left. */
  att_register_note_all_changed (db);
  g_clear_pointer (&db->marks, att_mark_store_free);
  att_db_note_change (db, ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS | ATT_CHANGE_MARKS);
  if (!att_db_commit (db, error))
    return FALSE;
  if (purged != NULL)
    *purged = g_steal_pointer (&going);
  return TRUE;

failed:
  att_db_rollback (db);
  return FALSE;
}
