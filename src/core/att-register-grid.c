/* att-register-grid.c: what the register grid shows and does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-calendar.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-pupils.h"
#include "att-register-grid.h"
#include "att-register-status.h"
#include "att-school.h"
#include "att-stats.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* The grid snapshot                                                  */
/* ------------------------------------------------------------------ */

struct _AttGrid
{
  AttDb           *db;
  AttCalendar     *calendar;
  AttGridFilter   *filter;
  AttDate          first;
  AttDate          last;
  AttDate          as_of;
  AttDate          today;          /* set by att_grid_set_now() */

  guint            n_columns;
  AttGridColumn   *columns;
  int             *column_year;   /* school year of each column */
  int             *column_slot;   /* index into the year's codes */

  guint            n_rows;
  AttPupil       **pupils;        /* owned references */
  GHashTable      *rows_by_id;    /* pupil id -> row + 1 */

  guint8          *codes;         /* n_rows * n_columns */
  guint8          *flags;         /* n_rows * n_columns */
  AttGridFigures  *figures;       /* n_rows */
  guint8          *figures_ready; /* n_rows */
};

G_DEFINE_BOXED_TYPE (AttGrid, att_grid, att_grid_ref, att_grid_unref)

static void
grid_free (gpointer data)
{
  AttGrid *grid = data;

  for (guint i = 0; i < grid->n_rows; i++)
    g_object_unref (grid->pupils[i]);
  g_free (grid->pupils);
  g_clear_pointer (&grid->rows_by_id, g_hash_table_unref);
  g_free (grid->codes);
  g_free (grid->flags);
  g_free (grid->figures);
  g_free (grid->figures_ready);
  g_free (grid->columns);
  g_free (grid->column_year);
  g_free (grid->column_slot);
  att_grid_filter_free (grid->filter);
  g_clear_pointer (&grid->calendar, att_calendar_unref);
  g_clear_object (&grid->db);
}

AttGrid *
att_grid_ref (AttGrid *grid)
{
  return g_atomic_rc_box_acquire (grid);
}

void
att_grid_unref (AttGrid *grid)
{
  g_atomic_rc_box_release_full (grid, grid_free);
}

/* Reads one row's codes from the register's compact arrays: one lookup
 * per school year the range touches, then plain indexing. */
static void
load_row_codes (AttGrid *grid,
                guint    row)
{
  gint64 id = grid->pupils[row]->id;
  AttPupil *pupil = grid->pupils[row];
  guint8 *codes = grid->codes + (gsize)row * grid->n_columns;
  guint8 *flags = grid->flags + (gsize)row * grid->n_columns;
  int cached_year = G_MININT;
  const guint8 *year_codes = NULL;

  for (guint c = 0; c < grid->n_columns; c++)
    {
      const AttGridColumn *column = &grid->columns[c];
      guint8 f = 0;

      if (grid->column_year[c] != cached_year)
        {
          cached_year = grid->column_year[c];
          year_codes = att_register_year_codes (grid->db, id, cached_year);
        }
      codes[c] = year_codes != NULL ? year_codes[grid->column_slot[c]] : ATT_CODE_NONE;

      if (column->school)
        f |= ATT_GRID_CELL_SCHOOL;
      if (column->closed)
        f |= ATT_GRID_CELL_CLOSED;
      if (att_pupil_on_roll (pupil, column->date))
        f |= ATT_GRID_CELL_ON_ROLL;
      /* The amended flag is kept: it is reloaded from the marks table. */
      flags[c] = f | (flags[c] & ATT_GRID_CELL_AMENDED);
    }
}

static gboolean
load_amended (AttGrid  *grid,
              gint64    pupil_id,
              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (pupil_id > 0)
    stmt = att_db_prepare (grid->db,
                           "SELECT pupil_id, date, session FROM marks "
                           "WHERE pupil_id = ?3 AND date BETWEEN ?1 AND ?2 AND amendments > 0",
                           error);
  else
    stmt = att_db_prepare (grid->db,
                           "SELECT pupil_id, date, session FROM marks "
                           "WHERE date BETWEEN ?1 AND ?2 AND amendments > 0",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, grid->first);
  sqlite3_bind_int (stmt, 2, grid->last);
  if (pupil_id > 0)
    sqlite3_bind_int64 (stmt, 3, pupil_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      AttDate date = sqlite3_column_int (stmt, 1);
      int session = sqlite3_column_int (stmt, 2);
      gpointer row_p = g_hash_table_lookup (grid->rows_by_id, &id);
      int column;

      if (row_p == NULL)
        continue;
      column = att_grid_find_column (grid, date, session);
      if (column < 0)
        continue;
      grid->flags[(gsize)(GPOINTER_TO_UINT (row_p) - 1) * grid->n_columns + column]
        |= ATT_GRID_CELL_AMENDED;
    }
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (grid->db, error, _("read the register"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Amended flags for every row. A class reads its pupils' marks by the
 * primary key (a few rows each); a big selection scans the range by date
 * once, which is cheaper than hundreds of lookups. */
#define AMENDED_PER_PUPIL_MAX 300

static gboolean
load_all_amended (AttGrid  *grid,
                  GError  **error)
{
  if (grid->n_rows == 0)
    return TRUE;
  if (grid->n_rows > AMENDED_PER_PUPIL_MAX)
    return load_amended (grid, 0, error);
  for (guint r = 0; r < grid->n_rows; r++)
    if (!load_amended (grid, grid->pupils[r]->id, error))
      return FALSE;
  return TRUE;
}

AttGrid *
att_grid_new (AttDb               *db,
              const AttGridFilter *filter,
              AttDate              first,
              AttDate              last,
              GError             **error)
{
  g_autoptr(AttGrid) grid = NULL;
  GPtrArray *pupils;
  g_autoptr(GArray) columns = NULL;
  AttDate today;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (first != ATT_DATE_NONE && last >= first, NULL);

  pupils = att_pupils_list (db, error);
  if (pupils == NULL)
    return NULL;

  grid = g_atomic_rc_box_new0 (AttGrid);
  grid->db = g_object_ref (db);
  grid->calendar = att_calendar_ref (att_db_get_calendar (db));
  grid->filter = filter != NULL ? att_grid_filter_copy (filter) : att_grid_filter_new ();
  grid->first = first;
  grid->last = last;
  today = att_date_today ();
  grid->as_of = MIN (today, last);

  /* Columns: every weekday session of the range, school session or not,
   * so a week always shows Monday to Friday. */
  columns = g_array_new (FALSE, TRUE, sizeof (AttGridColumn));
  for (AttDate d = first; d <= last; d++)
    {
      if (att_date_weekday (d) > 5)
        continue;
      for (int s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
        {
          AttGridColumn column = { 0, };

          column.date = d;
          column.session = s;
          column.school = att_calendar_is_school_session (grid->calendar, d, s);
          column.closed = !column.school && att_calendar_is_closed_session (grid->calendar, d, s);
          column.reason = att_calendar_closure_reason (grid->calendar, d, s);
          g_array_append_val (columns, column);
        }
    }
  grid->n_columns = columns->len;
  grid->columns = (AttGridColumn *)g_array_free (g_steal_pointer (&columns), FALSE);
  grid->column_year = g_new (int, MAX (grid->n_columns, 1));
  grid->column_slot = g_new (int, MAX (grid->n_columns, 1));
  for (guint c = 0; c < grid->n_columns; c++)
    {
      AttDate d = grid->columns[c].date;

      grid->column_year[c] = att_date_school_year (d);
      grid->column_slot[c] = (d - att_date_school_year_start (d)) * 2 + grid->columns[c].session;
    }

  grid->pupils = g_new (AttPupil *, MAX (pupils->len, 1));
  grid->rows_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      if (!att_grid_filter_matches (grid->filter, pupil)
          || !att_pupil_on_roll_between (pupil, first, last))
        continue;
      grid->pupils[grid->n_rows] = g_object_ref (pupil);
      g_hash_table_insert (grid->rows_by_id, &pupil->id,
                           GUINT_TO_POINTER (grid->n_rows + 1));
      grid->n_rows++;
    }

  grid->codes = g_new0 (guint8, MAX ((gsize)grid->n_rows * grid->n_columns, 1));
  grid->flags = g_new0 (guint8, MAX ((gsize)grid->n_rows * grid->n_columns, 1));
  grid->figures = g_new0 (AttGridFigures, MAX (grid->n_rows, 1));
  grid->figures_ready = g_new0 (guint8, MAX (grid->n_rows, 1));

  for (guint r = 0; r < grid->n_rows; r++)
    load_row_codes (grid, r);
  if (!load_all_amended (grid, error))
    return NULL;

  return g_steal_pointer (&grid);
}

AttDb *
att_grid_get_db (AttGrid *grid)
{
  g_return_val_if_fail (grid != NULL, NULL);
  return grid->db;
}

const AttGridFilter *
att_grid_get_filter (AttGrid *grid)
{
  g_return_val_if_fail (grid != NULL, NULL);
  return grid->filter;
}

AttDate
att_grid_get_first (AttGrid *grid)
{
  g_return_val_if_fail (grid != NULL, ATT_DATE_NONE);
  return grid->first;
}

AttDate
att_grid_get_last (AttGrid *grid)
{
  g_return_val_if_fail (grid != NULL, ATT_DATE_NONE);
  return grid->last;
}

guint
att_grid_get_n_rows (AttGrid *grid)
{
  g_return_val_if_fail (grid != NULL, 0);
  return grid->n_rows;
}

guint
att_grid_get_n_columns (AttGrid *grid)
{
  g_return_val_if_fail (grid != NULL, 0);
  return grid->n_columns;
}

const AttGridColumn *
att_grid_get_column (AttGrid *grid,
                     guint    column)
{
  g_return_val_if_fail (grid != NULL, NULL);
  g_return_val_if_fail (column < grid->n_columns, NULL);
  return &grid->columns[column];
}

void
att_grid_set_now (AttGrid *grid,
                  AttDb   *db,
                  AttDate  today,
                  int      clock_minutes)
{
  g_return_if_fail (grid != NULL);
  g_return_if_fail (ATT_IS_DB (db));

  grid->today = today;
  for (guint c = 0; c < grid->n_columns; c++)
    {
      AttGridColumn *column = &grid->columns[c];

      /* Only today's registers need the school's times (a read of the
       * settings): before today every register has closed, after it none
       * has. */
      column->overdue = column->school
                        && (column->date < today
                            || (column->date == today
                                && att_register_closed (db, column->date, column->session, today, clock_minutes)));
    }
}

gboolean
att_grid_has_left (AttGrid *grid,
                   guint    row)
{
  AttPupil *pupil;

  g_return_val_if_fail (grid != NULL, FALSE);

  pupil = att_grid_get_pupil (grid, row);
  return grid->today != ATT_DATE_NONE && pupil != NULL && pupil->leaving != ATT_DATE_NONE
         && !att_pupil_on_roll (pupil, grid->today);
}

int
att_grid_find_column (AttGrid    *grid,
                      AttDate     date,
                      AttSession  session)
{
  g_return_val_if_fail (grid != NULL, -1);

  /* Columns are in date order, two a weekday. */
  for (guint c = 0; c < grid->n_columns; c++)
    if (grid->columns[c].date == date && grid->columns[c].session == session)
      return c;
  return -1;
}

AttPupil *
att_grid_get_pupil (AttGrid *grid,
                    guint    row)
{
  g_return_val_if_fail (grid != NULL, NULL);
  g_return_val_if_fail (row < grid->n_rows, NULL);
  return grid->pupils[row];
}

gint64
att_grid_get_pupil_id (AttGrid *grid,
                       guint    row)
{
  g_return_val_if_fail (grid != NULL, 0);
  g_return_val_if_fail (row < grid->n_rows, 0);
  return grid->pupils[row]->id;
}

int
att_grid_find_row (AttGrid *grid,
                   gint64   pupil_id)
{
  gpointer row_p;

  g_return_val_if_fail (grid != NULL, -1);

  row_p = g_hash_table_lookup (grid->rows_by_id, &pupil_id);
  return row_p != NULL ? (int)GPOINTER_TO_UINT (row_p) - 1 : -1;
}

AttCode
att_grid_get_code (AttGrid *grid,
                   guint    row,
                   guint    column)
{
  gsize i;

  g_return_val_if_fail (grid != NULL, ATT_CODE_NONE);
  g_return_val_if_fail (row < grid->n_rows && column < grid->n_columns, ATT_CODE_NONE);

  i = (gsize)row * grid->n_columns + column;
  if (grid->codes[i] == ATT_CODE_NONE && (grid->flags[i] & ATT_GRID_CELL_CLOSED))
    return ATT_CODE_CLOSED;
  return grid->codes[i];
}

guint
att_grid_get_flags (AttGrid *grid,
                    guint    row,
                    guint    column)
{
  g_return_val_if_fail (grid != NULL, 0);
  g_return_val_if_fail (row < grid->n_rows && column < grid->n_columns, 0);
  return grid->flags[(gsize)row * grid->n_columns + column];
}

const guint8 *
att_grid_get_row_codes (AttGrid *grid,
                        guint    row)
{
  g_return_val_if_fail (grid != NULL, NULL);
  g_return_val_if_fail (row < grid->n_rows, NULL);
  return grid->codes + (gsize)row * grid->n_columns;
}

static void
compute_figures (AttGrid *grid,
                 guint    row)
{
  AttGridFigures *out = &grid->figures[row];
  gint64 id = grid->pupils[row]->id;
  AttFigures figures = { 0, };
  AttBreach breach = { 0, };

  memset (out, 0, sizeof *out);
  if (att_stats_pupil (grid->db, id, ATT_DATE_NONE, grid->as_of, &figures, NULL))
    {
      out->attendance_pct = att_figures_attendance_pct (&figures);
      out->possible = figures.possible;
      out->attended = att_figures_attended (&figures);
      out->persistent = att_figures_persistent (&figures);
      out->severe = att_figures_severe (&figures);
    }
  if (att_threshold_pupil (grid->db, id, grid->as_of, &breach, NULL))
    out->unauthorised = breach.sessions;
  grid->figures_ready[row] = TRUE;
}

const AttGridFigures *
att_grid_get_figures (AttGrid *grid,
                      guint    row)
{
  g_return_val_if_fail (grid != NULL, NULL);
  g_return_val_if_fail (row < grid->n_rows, NULL);

  /* Figures cost more than codes, so a view shows codes at once and
   * works figures out only for the rows it draws (or sorts by). */
  if (!grid->figures_ready[row])
    compute_figures (grid, row);
  return &grid->figures[row];
}

void
att_grid_refresh_row (AttGrid *grid,
                      guint    row)
{
  guint8 *flags;

  g_return_if_fail (grid != NULL);
  g_return_if_fail (row < grid->n_rows);

  flags = grid->flags + (gsize)row * grid->n_columns;
  for (guint c = 0; c < grid->n_columns; c++)
    flags[c] &= ~ATT_GRID_CELL_AMENDED;
  load_row_codes (grid, row);
  load_amended (grid, grid->pupils[row]->id, NULL);
  compute_figures (grid, row);
}

void
att_grid_refresh (AttGrid *grid)
{
  g_return_if_fail (grid != NULL);

  for (gsize i = 0; i < (gsize)grid->n_rows * grid->n_columns; i++)
    grid->flags[i] &= ~ATT_GRID_CELL_AMENDED;
  for (guint r = 0; r < grid->n_rows; r++)
    {
      load_row_codes (grid, r);
      grid->figures_ready[r] = FALSE;
    }
  load_all_amended (grid, NULL);
}

guint
att_grid_count_blank (AttGrid *grid,
                      guint    column)
{
  guint n = 0;

  g_return_val_if_fail (grid != NULL, 0);
  g_return_val_if_fail (column < grid->n_columns, 0);

  if (!grid->columns[column].school)
    return 0;
  for (guint r = 0; r < grid->n_rows; r++)
    {
      gsize i = (gsize)r * grid->n_columns + column;

      if (grid->codes[i] == ATT_CODE_NONE && (grid->flags[i] & ATT_GRID_CELL_ON_ROLL))
        n++;
    }
  return n;
}

guint
att_grid_count_on_roll (AttGrid *grid,
                        guint    column)
{
  guint n = 0;

  g_return_val_if_fail (grid != NULL, 0);
  g_return_val_if_fail (column < grid->n_columns, 0);

  for (guint r = 0; r < grid->n_rows; r++)
    if (grid->flags[(gsize)r * grid->n_columns + column] & ATT_GRID_CELL_ON_ROLL)
      n++;
  return n;
}

/* ------------------------------------------------------------------ */
/* Reasons and closures                                               */
/* ------------------------------------------------------------------ */

const char * const *
att_grid_amend_reasons (void)
{
  static const char *reasons[6];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      reasons[0] = _("Parent phoned with reason");
      reasons[1] = _("Pupil arrived late");
      reasons[2] = _("Entered in error");
      reasons[3] = _("Medical evidence received");
      reasons[4] = _("Leave granted");
      reasons[5] = NULL;
      g_once_init_leave (&initialised, 1);
    }
  return reasons;
}

gboolean
att_grid_add_closure (AttDb          *db,
                      const AttUser  *user,
                      AttDate         start,
                      AttDate         end,
                      int             session,
                      const char     *reason,
                      GError        **error)
{
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (session >= -1 && session <= ATT_SESSION_PM, FALSE);

  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Say why the school is closed (an INSET day, a polling station, …)"));
      return FALSE;
    }

  /* The calendar refuses a closure over marked sessions. */
  return att_calendar_add_closure (db, (AttUser *)user, start, end, session, reason, error) > 0;
}

const char * const *
att_grid_closure_reasons (void)
{
  static const char *reasons[5];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      reasons[0] = _("INSET day");
      reasons[1] = _("Polling station");
      reasons[2] = _("Occasional day");
      reasons[3] = _("Building works");
      reasons[4] = NULL;
      g_once_init_leave (&initialised, 1);
    }
  return reasons;
}
