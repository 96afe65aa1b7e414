/* att-ctf-previous.c: a previous school's attendance, kept apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a Common Transfer File says of a pupil's attendance at the schools
 * before this one goes to previous_attendance, never into the register:
 * this school's figures count only its own sessions.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-ctf-private.h"
#include "att-db-private.h"
#include "att-error.h"

void
att_previous_year_free (AttPreviousYear *row)
{
  if (row == NULL)
    return;
  g_free (row->school_name);
  g_free (row->laestab);
  g_free (row->urn);
  g_free (row->marks);
  g_free (row->source_file);
  g_free (row->who);
  g_free (row);
}

static int
column_count (sqlite3_stmt *stmt,
              int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, column);
}

static gpointer
row_from_statement (sqlite3_stmt *stmt)
{
  AttPreviousYear *row = g_new0 (AttPreviousYear, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->pupil_id = sqlite3_column_int64 (stmt, 1);
  row->school_name = att_db_column_dup (stmt, 2);
  row->laestab = att_db_column_dup (stmt, 3);
  row->urn = att_db_column_dup (stmt, 4);
  row->year = sqlite3_column_int (stmt, 5);
  row->start = sqlite3_column_int (stmt, 6);
  row->possible = column_count (stmt, 7);
  row->attended = column_count (stmt, 8);
  row->authorised = column_count (stmt, 9);
  row->unauthorised = column_count (stmt, 10);
  row->marks = att_db_column_dup (stmt, 11);
  row->counted_possible = column_count (stmt, 12);
  row->counted_attended = column_count (stmt, 13);
  row->counted_authorised = column_count (stmt, 14);
  row->counted_unauthorised = column_count (stmt, 15);
  row->source_file = att_db_column_dup (stmt, 16);
  row->who = att_db_column_dup (stmt, 17);
  row->at = sqlite3_column_int64 (stmt, 18);
  return row;
}

GPtrArray *
att_previous_attendance_for_pupil (AttDb   *db,
                                   gint64   pupil_id,
                                   GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db,
                         "SELECT p.id, p.pupil_id, p.school_name, p.school_laestab, p.school_urn, "
                         "coalesce (p.year, 0), coalesce (p.start_date, 0), p.sessions_possible, "
                         "p.sessions_attended, p.sessions_authorised, p.sessions_unauthorised, "
                         "p.marks, p.counted_possible, p.counted_attended, p.counted_authorised, "
                         "p.counted_unauthorised, p.source_file, a.name, p.at "
                         "FROM previous_attendance p JOIN actors a ON a.id = p.actor_id "
                         "WHERE p.pupil_id = ? ORDER BY p.start_date, p.year, p.id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  return att_db_collect (db, stmt, row_from_statement,
                         (GDestroyNotify)att_previous_year_free,
                         _("read the attendance at previous schools"), error);
}

/* "possible: 20 in the file, 21 counted from the marks" */
static void
add_difference (GPtrArray  *differences,
                const char *what,
                int         in_file,
                int         counted)
{
  if (in_file < 0 || counted < 0 || in_file == counted)
    return;
  g_ptr_array_add (differences,
                   /* Translators: the first %s is "possible", "attended", "authorised" or "unauthorised" */
                   g_strdup_printf (_("%s: %d in the file, %d counted from the marks (%+d)"),
                                    what, in_file, counted, counted - in_file));
}

GPtrArray *
_att_ctf_differences (int file_possible,
                      int file_attended,
                      int file_authorised,
                      int file_unauthorised,
                      int possible,
                      int attended,
                      int authorised,
                      int unauthorised)
{
  GPtrArray *differences = g_ptr_array_new_with_free_func (g_free);

  add_difference (differences, _("possible"), file_possible, possible);
  add_difference (differences, _("attended"), file_attended, attended);
  add_difference (differences, _("authorised"), file_authorised, authorised);
  add_difference (differences, _("unauthorised"), file_unauthorised, unauthorised);
  return differences;
}

char *
att_previous_attendance_differences (const AttPreviousYear *row)
{
  g_autoptr(GPtrArray) differences = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  differences = _att_ctf_differences (row->possible, row->attended, row->authorised,
                                      row->unauthorised, row->counted_possible,
                                      row->counted_attended, row->counted_authorised,
                                      row->counted_unauthorised);
  if (differences->len == 0)
    return NULL;
  g_ptr_array_add (differences, NULL);
  return g_strjoinv ("; ", (char **)differences->pdata);
}

static void
bind_count (sqlite3_stmt *stmt,
            int           index,
            int           value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

gboolean
_att_ctf_insert_previous (AttDb            *db,
                          const AttUser    *user,
                          gint64            pupil_id,
                          const AttCtfYear *year,
                          const char       *source_file,
                          GError          **error)
{
  g_autofree char *detail = NULL;
  gboolean counted = year->marks != NULL;
  sqlite3_stmt *stmt;
  gint64 actor, id;

  actor = att_audit_actor (db, user, error);
  if (actor == 0)
    return FALSE;

  stmt = att_db_prepare (db,
                         "INSERT INTO previous_attendance (pupil_id, school_name, school_laestab, "
                         "school_urn, year, start_date, sessions_possible, sessions_attended, "
                         "sessions_authorised, sessions_unauthorised, marks, counted_possible, "
                         "counted_attended, counted_authorised, counted_unauthorised, source_file, "
                         "actor_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                         "?13, ?14, ?15, ?16, ?17, ?18)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  bind_text (stmt, 2, year->school_name);
  bind_text (stmt, 3, year->laestab);
  bind_text (stmt, 4, year->urn);
  if (year->year > 0)
    sqlite3_bind_int (stmt, 5, year->year);
  if (year->start != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, 6, year->start);
  bind_count (stmt, 7, year->possible);
  bind_count (stmt, 8, year->attended);
  bind_count (stmt, 9, year->authorised);
  bind_count (stmt, 10, year->unauthorised);
  bind_text (stmt, 11, year->marks);
  bind_count (stmt, 12, counted ? (int)year->counts.possible : -1);
  bind_count (stmt, 13, counted ? (int)year->counts.attended : -1);
  bind_count (stmt, 14, counted ? (int)year->counts.authorised : -1);
  bind_count (stmt, 15, counted ? (int)year->counts.unauthorised : -1);
  bind_text (stmt, 16, source_file);
  sqlite3_bind_int64 (stmt, 17, actor);
  sqlite3_bind_int64 (stmt, 18, att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  att_db_note_change (db, ATT_CHANGE_OTHER);

  detail = g_strdup_printf ("%s %d", year->school_name != NULL ? year->school_name : "", year->year);
  return att_audit_record_added (db, user, ATT_AUDIT_IMPORT, pupil_id, "ctf.previous-attendance",
                                 detail, "previous_attendance", id, error);
}

/* Whether @row holds what @year says: the same school, start, marks and
 * totals. */
gboolean
_att_ctf_year_is_held (const AttPreviousYear *row,
                       const AttCtfYear            *year)
{
  return g_strcmp0 (row->school_name, year->school_name ? year->school_name : "") == 0 &&
         g_strcmp0 (row->laestab, year->laestab ? year->laestab : "") == 0 &&
         row->year == year->year && row->start == year->start &&
         g_strcmp0 (row->marks, year->marks ? year->marks : "") == 0 &&
         row->possible == year->possible && row->attended == year->attended &&
         row->authorised == year->authorised && row->unauthorised == year->unauthorised;
}
