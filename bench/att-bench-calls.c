/* att-bench-calls.c: how fast the office's morning is for a big school:
 * the first-day list, the pupil finder and saving a call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes the 2,000-pupil secondary school with six school years of
 * registers (seed 1, as of Friday 20 November 2026), as attendance-bench
 * does, or uses --db PATH, then times against the targets of the calls:
 * the first-day list ready in under 10 ms, each keystroke of the pupil
 * finder in under 2 ms, and saving a call that writes 10 sessions in
 * under 5 ms. Each figure is the median of several runs.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "att-bench-util.h"
#include "attendance-core.h"
#include "att-demo.h"

#define AS_OF_TEXT "2026-11-20"

static char    *db_path = NULL;
static int      n_pupils = 2000;
static int      n_years = 6;
static int      runs = 21;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Use (or make) the database at PATH", "PATH" },
  { "pupils", 0, 0, G_OPTION_ARG_INT, &n_pupils, "Pupils in the demo school (2000)", "N" },
  { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "School years of registers (6)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each timing (21)", "N" },
  { NULL }
};

static gboolean all_pass = TRUE;

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttPupilFinder) finder = NULL;
  g_autoptr(GPtrArray) on_roll = NULL;
  GPtrArray *users;
  AttDate as_of;
  AttDb *db;
  guint listed = 0;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time the calls, the first-day list and the pupil finder");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    att_bench_die ("options", error);
  runs = MAX (runs, 1);

  /* A fixed day in term, at 10:00, after the morning register closed. */
  g_setenv ("ATTENDANCE_TODAY", AS_OF_TEXT, TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "10:00", TRUE);
  as_of = att_date_parse_iso (AS_OF_TEXT, NULL);

  if (db_path != NULL)
    path = g_strdup (db_path);
  else
    {
      dir = g_dir_make_tmp ("attendance-bench-calls-XXXXXX", &error);
      if (dir == NULL)
        att_bench_die ("making a temporary folder", error);
      path = g_build_filename (dir, "bench.db", NULL);
    }
  db = att_bench_open_demo (path, n_pupils, n_years, as_of);
  users = att_users_list (db, &error);
  if (users == NULL)
    att_bench_die ("listing users", error);
  for (guint i = 0; i < users->len && user == NULL; i++)
    {
      AttUser *u = g_ptr_array_index (users, i);
      if (u->role == ATT_ROLE_ATTENDANCE_OFFICER)
        user = att_user_copy (u);
    }
  g_ptr_array_unref (users);
  if (user == NULL)
    att_bench_die ("finding the attendance officer", NULL);

  /* The first-day list at 10:00, read again from the database each time
   * (the caches of the register and the pupils are warm, as in the
   * window). */
  times = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; i < runs; i++)
    {
      double start = att_bench_now_ms (), t;
      g_autoptr(GPtrArray) rows = att_firstday_list (db, as_of, 10 * 60, &error);

      if (rows == NULL)
        att_bench_die ("the first-day list", error);
      t = att_bench_now_ms () - start;
      listed = rows->len;
      g_array_append_val (times, t);
    }
  {
    g_autofree char *what = g_strdup_printf ("the first-day list (%u pupils to call)", listed);
    all_pass &= att_bench_report_median (what, times, 10.0);
  }

  /* The pupil finder: made once for the form, then a search per
   * keystroke of a surname, a UPN and a group. */
  finder = att_pupil_finder_new (db, as_of, &error);
  if (finder == NULL)
    att_bench_die ("the pupil finder", error);
  on_roll = att_pupils_list_on_roll (db, as_of, as_of, &error);
  if (on_roll == NULL)
    att_bench_die ("the pupils on roll", error);
  /* The writes below reach ten days ahead: only pupils still on roll
   * then (a demo made for another day may have a leaver among them). */
  for (guint i = on_roll->len; i > 0; i--)
    {
      AttPupil *p = g_ptr_array_index (on_roll, i - 1);

      if (p->leaving != ATT_DATE_NONE && p->leaving < as_of + 10)
        g_ptr_array_remove_index (on_roll, i - 1);
    }
  if (on_roll->len < 20)
    att_bench_die ("the pupils on roll", NULL);
  g_array_set_size (times, 0);
  for (int i = 0; i < runs; i++)
    {
      AttPupil *p = g_ptr_array_index (on_roll, ((guint)i * 97u) % on_roll->len);
      const char *typed[] = { att_pupil_get_surname (p), p->upn, p->reg_group };

      for (guint k = 0; k < G_N_ELEMENTS (typed); k++)
        for (glong len = 1; len <= g_utf8_strlen (typed[k], -1) && len <= 8; len++)
          {
            g_autofree char *prefix = g_utf8_substring (typed[k], 0, len);
            double start = att_bench_now_ms (), t;
            g_autoptr(GPtrArray) found = att_pupil_finder_search (finder, prefix, 50);

            t = att_bench_now_ms () - start;
            g_array_append_val (times, t);
          }
    }
  all_pass &= att_bench_report_median ("the pupil finder, one keystroke (50 results at most)", times, 2.0);

  /* A call that writes 10 sessions: illness from Monday 23 November,
   * back on Monday 30th (23 to 27 November, 5 school days), for a new
   * pupil each run so every session is written. */
  g_array_set_size (times, 0);
  for (int i = 0; i < runs; i++)
    {
      AttPupil *p = g_ptr_array_index (on_roll, ((guint)i * 131u + 7u) % on_roll->len);
      AttCallRequest r = { 0 };
      AttCallReport report_ = { 0 };
      double start, t;

      r.pupil_ids = &p->id;
      r.n_pupils = 1;
      r.date = as_of + 3;
      r.clock = -1;
      r.caller = "Parent";
      r.channel = ATT_CALL_CHANNEL_PHONE;
      r.direction = ATT_CALL_IN;
      r.reason = ATT_CALL_REASON_ILLNESS;
      r.expected_return = as_of + 10;
      r.cover = ATT_CALL_COVER_TO_RETURN;
      r.keep_other = TRUE;
      start = att_bench_now_ms ();
      if (!att_calls_log (db, user, &r, &report_, &error))
        att_bench_die ("saving a call", error);
      t = att_bench_now_ms () - start;
      if (report_.marks->len != 10)
        printf ("     (a call wrote %u sessions, not 10)\n", report_.marks->len);
      att_call_report_clear (&report_);
      g_array_append_val (times, t);
    }
  all_pass &= att_bench_report_median ("saving a call that writes 10 sessions", times, 5.0);

  /* For comparison, the floor under it: the register's own audited
   * write of the same 10 sessions for other pupils, with no call (most
   * of it is the commit reaching the disk). */
  g_array_set_size (times, 0);
  for (int i = 0; i < runs; i++)
    {
      AttPupil *p = g_ptr_array_index (on_roll, ((guint)i * 131u + 61u) % on_roll->len);
      AttMarkWrite writes[10];
      double start, t;

      for (guint k = 0; k < 10; k++)
        {
          writes[k] = (AttMarkWrite) { p->id, as_of + 3 + (AttDate)(k / 2), (AttSession)(k % 2),
                                       ATT_CODE_I, -1, NULL };
        }
      start = att_bench_now_ms ();
      if (!att_register_write (db, user, writes, 10, NULL, ATT_WRITE_BLANK_ONLY, &error))
        att_bench_die ("writing 10 sessions", error);
      t = att_bench_now_ms () - start;
      g_array_append_val (times, t);
    }
  {
    /* A reference, not a target of the calls. */
    gboolean kept = all_pass;

    all_pass &= att_bench_report_median ("for comparison: the register's write of 10 sessions, no call", times, 5.0);
    all_pass = kept;
  }

  g_clear_pointer (&finder, att_pupil_finder_free);
  g_clear_pointer (&on_roll, g_ptr_array_unref);
  g_object_unref (db);
  if (dir != NULL)
    {
      att_bench_remove_db (path);
      g_rmdir (dir);
    }
  printf ("%s\n", all_pass ? "All figures within target" : "Some figures are SLOW");
  return 0;
}
