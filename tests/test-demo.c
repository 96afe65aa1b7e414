/* test-demo.c: the demonstration school
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small demo: 120 pupils (so a primary school, Reception to Year 6),
 * two school years of registers (2023/24 and 2024/25), seed 7, as of
 * Wednesday 12 March 2025, in the Spring 2 half term.
 *
 * The figures the tests rely on:
 *   - the school year 2024/25 runs from the first school day of September
 *     2024, so its figures cover September 2024 to 12 March 2025;
 *   - overall attendance must lie between 90% and 97% (England's primary
 *     schools were about 94.5% in 2023/24);
 *   - a pupil is persistently absent at 10% absence or more, and meets
 *     the National Framework threshold at 10 unauthorised sessions in the
 *     latest 10 school weeks; the demo sends at least one family on a
 *     week's holiday (10 sessions of G) in that window.
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "att-demo.h"
#include "att-register-grid.h"
#include "att-test-util.h"

#define AS_OF D (2025, 3, 12)

typedef struct
{
  char  *dir;
  char  *path;
  AttDb *db;
} Demo;

static Demo *
demo_new (guint64 seed,
          guint   pupils,
          guint   years)
{
  g_autoptr(GError) error = NULL;
  AttDemoOptions options;
  Demo *demo = g_new0 (Demo, 1);

  demo->dir = g_dir_make_tmp ("attendance-demo-XXXXXX", &error);
  g_assert_no_error (error);
  demo->path = g_build_filename (demo->dir, "demo.db", NULL);

  att_demo_options_init (&options);
  options.pupils = pupils;
  options.years = years;
  options.seed = seed;
  options.as_of = AS_OF;
  g_assert_true (att_demo_create (demo->path, &options, &error));
  g_assert_no_error (error);

  demo->db = att_db_open (demo->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (demo->db);
  return demo;
}

static void
remove_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
}

static void
demo_free (Demo *demo)
{
  g_clear_object (&demo->db);
  remove_files (demo->dir);
  g_rmdir (demo->dir);
  g_free (demo->path);
  g_free (demo->dir);
  g_free (demo);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

/* One line per pupil with everything the generator chose. */
static char *
describe_pupils (AttDb *db)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pupils = att_pupils_list (db, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *p = g_ptr_array_index (pupils, i);
      g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (db, p->id, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "%s|%s|%s|%s|%s|%d|%c|%d|%s|%d|%d|%d|%c|%d|%d|%d|%d|%s",
                              p->upn, p->legal_surname, p->legal_forename,
                              p->preferred_surname ? p->preferred_surname : "",
                              p->preferred_forename ? p->preferred_forename : "",
                              p->dob, p->sex, p->year_group, p->reg_group,
                              p->admission, p->leaving, p->fsm, (char)p->sen, p->eal,
                              p->looked_after, p->social_worker, p->young_carer,
                              p->medical_note ? p->medical_note : "");
      for (guint k = 0; k < contacts->len; k++)
        {
          AttContact *c = g_ptr_array_index (contacts, k);
          g_string_append_printf (out, "|%d %s %s %s %s", c->priority, c->forename,
                                  c->surname, c->relationship,
                                  c->phone_mobile ? c->phone_mobile : "");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
figures_of (AttDb      *db,
            gint64      pupil_id,
            AttFigures *figures)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (att_stats_pupil (db, pupil_id, ATT_DATE_NONE, AS_OF, figures, &error));
  g_assert_no_error (error);
}

static void
test_deterministic (void)
{
  g_autoptr(Demo) a = demo_new (7, 120, 2);
  g_autoptr(Demo) b = demo_new (7, 120, 2);
  g_autoptr(Demo) c = demo_new (8, 120, 2);
  g_autofree char *pupils_a = describe_pupils (a->db);
  g_autofree char *pupils_b = describe_pupils (b->db);
  g_autofree char *pupils_c = describe_pupils (c->db);
  g_autoptr(GError) error = NULL;
  GPtrArray *list = att_pupils_list (a->db, &error);
  gint64 chosen[3];

  g_assert_no_error (error);
  g_assert_cmpstr (pupils_a, ==, pupils_b);
  g_assert_cmpstr (pupils_a, !=, pupils_c);

  /* The first, middle and last pupil by name, found by UPN in the
   * second database: their figures for the year must be the same. */
  g_assert_cmpuint (list->len, >=, 120);
  chosen[0] = ((AttPupil *)g_ptr_array_index (list, 0))->id;
  chosen[1] = ((AttPupil *)g_ptr_array_index (list, list->len / 2))->id;
  chosen[2] = ((AttPupil *)g_ptr_array_index (list, list->len - 1))->id;
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    {
      AttPupil *pa = att_pupils_get (a->db, chosen[i]);
      AttPupil *pb = att_pupils_find (b->db, pa->upn);
      AttFigures fa, fb;

      g_assert_nonnull (pb);
      memset (&fa, 0, sizeof fa);
      memset (&fb, 0, sizeof fb);
      figures_of (a->db, pa->id, &fa);
      figures_of (b->db, pb->id, &fb);
      g_assert_cmpuint (fa.possible, >, 0);
      g_assert_cmpuint (fa.possible, ==, fb.possible);
      g_assert_cmpuint (fa.present, ==, fb.present);
      g_assert_cmpuint (fa.authorised, ==, fb.authorised);
      g_assert_cmpuint (fa.unauthorised, ==, fb.unauthorised);
      g_assert_cmpmem (fa.codes, sizeof fa.codes, fb.codes, sizeof fb.codes);
    }
}

static void
test_refuses_existing (void)
{
  g_autoptr(Demo) demo = demo_new (7, 120, 1);
  g_autoptr(GError) error = NULL;
  AttDemoOptions options;

  att_demo_options_init (&options);
  options.pupils = 120;
  options.years = 1;
  options.as_of = AS_OF;
  g_assert_false (att_demo_create (demo->path, &options, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_clear_error (&error);

  /* The database it refused to touch still opens and has its pupils. */
  g_assert_nonnull (att_pupils_list (demo->db, &error));
  g_assert_no_error (error);

  options.pupils = 3;
  g_assert_false (att_demo_create ("/nonexistent/never.db", &options, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A demo is made in PATH.part and renamed when complete. What a demo that
 * was stopped half way left there is cleared by the next; a demo still
 * being made there (its file locked) is waited for, not trampled; and a
 * -wal left without its database is never played into a new school. */
static void
test_leftovers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attendance-demo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *part_shm = g_strconcat (path, ".part-shm", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(AttDb) db = NULL;
  g_autofree char *contents = NULL;
  AttDemoOptions options;
  int fd;

  g_assert_no_error (error);
  att_demo_options_init (&options);
  options.pupils = 40;
  options.years = 1;
  options.as_of = AS_OF;

  /* Another demo is being made: its file is locked, and left alone. */
  g_assert_true (g_file_set_contents (part, "half a school", -1, NULL));
  fd = g_open (part, O_RDWR, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);
  g_assert_false (att_demo_create (path, &options, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (part, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "half a school");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  close (fd);

  /* The same file once nobody holds it: left by a demo that was
   * stopped. It and its -shm go, and the new school takes the name. */
  g_assert_true (g_file_set_contents (part_shm, "", -1, NULL));
  g_assert_true (att_demo_create (path, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (dir), ==, 1);
  db = att_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (att_pupils_list (db, &error)->len, >=, 40);
  g_clear_object (&db);

  /* A -wal with no database beside it would be replayed into the new
   * file: refused, and kept for whoever knows where its database went. */
  remove_files (dir);
  g_assert_true (g_file_set_contents (wal, "frames", -1, NULL));
  g_assert_false (att_demo_create (path, &options, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, wal));
  g_clear_error (&error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  remove_files (dir);
  g_rmdir (dir);
}

typedef struct
{
  AttCalendar *calendar;
  AttDb       *db;
  guint        marks;
  guint        outside;
  guint        after;
  guint        off_roll;
  int          open_for[2];  /* minutes each register stays open */
  guint        late[2];      /* L marks in each session */
} MarkScan;

/* Whether @code in the session is leave of absence agreed for it. */
static gboolean
agreed_leave (AttDb      *db,
              gint64      pupil_id,
              AttDate     date,
              AttSession  session,
              AttCode     code)
{
  AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;
  g_autoptr(GPtrArray) list = NULL;

  filter.pupil_id = pupil_id;
  list = att_leave_list (db, &filter, NULL);
  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (list, i);

      for (guint k = 0; k < leave->sessions->len; k++)
        {
          AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, k);

          if (row->date == date && row->session == session && row->state == ATT_LEAVE_SESSION_AGREED)
            return code == att_leave_type_code (leave->type);
        }
    }
  return FALSE;
}

static gboolean
scan_mark (gint64      pupil_id,
           AttDate     date,
           AttSession  session,
           AttCode     code,
           int         minutes_late,
           const char *comment,
           gpointer    user_data)
{
  MarkScan *scan = user_data;
  AttPupil *pupil = att_pupils_get (scan->db, pupil_id);

  scan->marks++;
  if (!att_calendar_is_school_session (scan->calendar, date, session) ||
      att_date_weekday (date) > 5 || att_is_bank_holiday (date) ||
      att_calendar_term_for (scan->calendar, date) == NULL)
    scan->outside++;
  /* Only leave agreed ahead is in the register after as-of. */
  if (date > AS_OF && !agreed_leave (scan->db, pupil_id, date, session, code))
    scan->after++;
  if (pupil == NULL || !att_pupil_on_roll (pupil, date))
    scan->off_roll++;
  if (minutes_late >= 0)
    g_assert_true (code == ATT_CODE_L || code == ATT_CODE_U);
  if (code == ATT_CODE_L)
    g_assert_cmpint (minutes_late, >=, 1);
  /* Minutes are counted from the register's opening: an L came in before
   * it closed, a U after. */
  if (code == ATT_CODE_L)
    {
      g_assert_cmpint (minutes_late, <, scan->open_for[session]);
      scan->late[session]++;
    }
  if (code == ATT_CODE_U)
    g_assert_cmpint (minutes_late, >=, scan->open_for[session]);
  return TRUE;
}

static void
test_school (void)
{
  g_autoptr(Demo) demo = demo_new (7, 120, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AttSchool) school = att_school_load (demo->db);
  g_autoptr(GPtrArray) users = att_users_list (demo->db, &error);
  AttCalendar *calendar = att_db_get_calendar (demo->db);
  const AttTerm *terms;
  const AttClosure *closures;
  const AttSessionSlot *sessions;
  guint n_terms, n_closures, n_sessions, days_2324 = 0;
  MarkScan scan = { calendar, demo->db, 0, 0, 0, 0, { 0, 0 }, { 0, 0 } };

  g_assert_true (att_db_check (demo->db, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_cmpstr (school->name, ==, "Millbrook Primary School");
  g_assert_cmpint (school->am_close - school->am_open, <=, ATT_REGISTER_MAX_OPEN);
  /* 08:45 to 09:15 and 13:00 to 13:15. */
  scan.open_for[ATT_SESSION_AM] = school->am_close - school->am_open;
  scan.open_for[ATT_SESSION_PM] = school->pm_close - school->pm_open;
  g_assert_cmpint (scan.open_for[ATT_SESSION_AM], ==, 30);
  g_assert_cmpint (scan.open_for[ATT_SESSION_PM], ==, 15);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 5);

  /* Two school years of six half terms, five INSET days each. */
  terms = att_calendar_get_terms (calendar, &n_terms);
  closures = att_calendar_get_closures (calendar, &n_closures);
  g_assert_cmpuint (n_terms, ==, 12);
  g_assert_cmpuint (n_closures, ==, 10);
  g_assert_cmpstr (terms[0].name, ==, "Autumn 1 2023");
  g_assert_cmpstr (terms[11].name, ==, "Summer 2 2025");
  g_assert_cmpint (terms[0].start, ==, D (2023, 9, 1));
  /* Friday 1 September 2023 and the Monday after are INSET days. */
  g_assert_cmpint (closures[0].start, ==, D (2023, 9, 1));
  g_assert_cmpint (closures[1].start, ==, D (2023, 9, 4));
  g_assert_false (att_calendar_is_school_session (calendar, D (2023, 9, 4), ATT_SESSION_AM));
  g_assert_true (att_calendar_is_school_session (calendar, D (2023, 9, 5), ATT_SESSION_AM));
  /* 2023/24: 195 weekdays in term that are not bank holidays, less five
   * INSET days. */
  sessions = att_calendar_get_sessions (calendar, &n_sessions);
  for (guint i = 0; i < n_sessions; i++)
    if (att_date_school_year (sessions[i].date) == 2023 && sessions[i].session == ATT_SESSION_AM)
      days_2324++;
  g_assert_cmpuint (days_2324, ==, 190);

  /* Every mark is on a school session up to as-of, while on roll. */
  g_assert_true (att_register_foreach (demo->db, ATT_DATE_NONE, ATT_DATE_NONE,
                                       scan_mark, &scan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (scan.marks, >, 120 * 300);
  g_assert_cmpuint (scan.outside, ==, 0);
  g_assert_cmpuint (scan.after, ==, 0);
  g_assert_cmpuint (scan.off_roll, ==, 0);

  /* Both sessions of the as-of day are taken. */
  {
    GPtrArray *pupils = att_pupils_list (demo->db, &error);
    guint marked = 0, on_roll = 0;

    for (guint i = 0; i < pupils->len; i++)
      {
        AttPupil *p = g_ptr_array_index (pupils, i);

        if (!att_pupil_on_roll (p, AS_OF))
          continue;
        on_roll++;
        marked += att_register_code (demo->db, p->id, AS_OF, ATT_SESSION_AM) != ATT_CODE_NONE;
        marked += att_register_code (demo->db, p->id, AS_OF, ATT_SESSION_PM) != ATT_CODE_NONE;
      }
    g_assert_cmpuint (on_roll, ==, 120);
    g_assert_cmpuint (marked, ==, 2 * on_roll);
  }

  /* Two saved register filters, one of them finding the looked-after
   * pupils every demo school has. */
  {
    g_autoptr(GPtrArray) filters = att_grid_filters_load (demo->db, &error);
    GPtrArray *pupils = att_pupils_list (demo->db, &error);
    const AttGridFilter *sen, *looked_after;
    guint n_looked_after = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (filters->len, ==, 2);
    sen = g_ptr_array_index (filters, 0);
    looked_after = g_ptr_array_index (filters, 1);
    g_assert_cmpstr (sen->name, ==, "SEN support, Year 6");
    g_assert_cmpint (sen->year, ==, 6);
    g_assert_cmpint (sen->sen, ==, 'K');
    g_assert_null (sen->group);
    g_assert_cmpint (looked_after->year, ==, -1);
    g_assert_cmpint (looked_after->looked_after, ==, 1);
    for (guint i = 0; i < pupils->len; i++)
      if (att_pupil_on_roll (g_ptr_array_index (pupils, i), AS_OF) &&
          att_grid_filter_matches (looked_after, g_ptr_array_index (pupils, i)))
        n_looked_after++;
    g_assert_cmpuint (n_looked_after, >, 0);
  }
}

/* Above 700 pupils the demo is a secondary school, Years 7 to 11, whose
 * morning register is open for 25 minutes (08:35 to 09:00): a pupil 25
 * minutes late came after it closed. */
/* The calls' lists have content: the local authority's lists hold a
 * pupil absent without a reason for exactly 10 continuous school days up
 * to the as-of date and one for more (planned: 14), and one whose
 * illness reached 15 school days; and no telephone number belongs to two
 * families (a family's pupils share their first contact, who is the same
 * person: forename, surname and address), nor is the school's. */
static void
check_calls_content (Demo *demo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = att_la_cases (demo->db, AS_OF, &error);
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *pupils = att_pupils_list (demo->db, &error);
  guint exactly_10 = 0, beyond_10 = 0, ill_15 = 0, numbers = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    {
      AttLaCase *c = g_ptr_array_index (cases, i);

      if (c->kind == ATT_LA_UNAUTHORISED && c->ongoing)
        {
          exactly_10 += c->days == 10;
          beyond_10 += c->days > 10;
        }
      else if (c->kind == ATT_LA_ILLNESS)
        ill_15 += c->days >= 15;
    }
  g_assert_cmpuint (exactly_10, >=, 1);
  g_assert_cmpuint (beyond_10, >=, 1);
  g_assert_cmpuint (ill_15, >=, 1);

  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *p = g_ptr_array_index (pupils, i);
      g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (demo->db, p->id, &error);
      AttContact *first;
      g_autofree char *family = NULL;

      g_assert_no_error (error);
      first = g_ptr_array_index (contacts, 0);
      family = g_strdup_printf ("%s %s, %s", first->forename, first->surname, first->address_1);
      for (guint k = 0; k < contacts->len; k++)
        {
          AttContact *c = g_ptr_array_index (contacts, k);
          const char *phones[] = { c->phone_home, c->phone_mobile, c->phone_work };

          for (guint n = 0; n < G_N_ELEMENTS (phones); n++)
            {
              const char *owner;

              if (phones[n] == NULL)
                continue;
              owner = g_hash_table_lookup (owners, phones[n]);
              if (owner == NULL)
                {
                  g_hash_table_insert (owners, g_strdup (phones[n]), g_strdup (family));
                  numbers++;
                }
              else if (!g_str_equal (owner, family))
                g_error ("%s is the number of %s and of %s", phones[n], owner, family);
            }
        }
    }
  /* Two contacts of about 470 families, most with two numbers or more;
   * none of them the school's own. */
  g_assert_cmpuint (numbers, >, 700);
  {
    g_autoptr(AttSchool) school = att_school_load (demo->db);

    g_assert_nonnull (school->phone);
    g_assert_null (g_hash_table_lookup (owners, school->phone));
  }
}

static void
test_secondary (void)
{
  g_autoptr(Demo) demo = demo_new (7, 720, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AttSchool) school = att_school_load (demo->db);
  GPtrArray *pupils = att_pupils_list (demo->db, &error);
  MarkScan scan = { att_db_get_calendar (demo->db), demo->db, 0, 0, 0, 0, { 0, 0 }, { 0, 0 } };
  guint on_roll = 0;

  g_assert_no_error (error);
  g_assert_true (att_db_check (demo->db, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_cmpstr (school->name, ==, "Millbrook Academy");
  scan.open_for[ATT_SESSION_AM] = school->am_close - school->am_open;
  scan.open_for[ATT_SESSION_PM] = school->pm_close - school->pm_open;
  g_assert_cmpint (scan.open_for[ATT_SESSION_AM], ==, 25);
  g_assert_cmpint (scan.open_for[ATT_SESSION_PM], ==, 15);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *p = g_ptr_array_index (pupils, i);

      if (!att_pupil_on_roll (p, AS_OF))
        continue;
      on_roll++;
      g_assert_cmpint (p->year_group, >=, 7);
      g_assert_cmpint (p->year_group, <=, 11);
    }
  g_assert_cmpuint (on_roll, ==, 720);

  g_assert_true (att_register_foreach (demo->db, ATT_DATE_NONE, ATT_DATE_NONE,
                                       scan_mark, &scan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (scan.outside, ==, 0);
  g_assert_cmpuint (scan.after, ==, 0);
  g_assert_cmpuint (scan.off_roll, ==, 0);
  /* Pupils are late in the morning far more than after lunch. */
  g_assert_cmpuint (scan.late[ATT_SESSION_AM], >, scan.late[ATT_SESSION_PM]);
  g_assert_cmpuint (scan.late[ATT_SESSION_PM], >, 0);

  check_calls_content (demo);
}

static void
test_pupils (void)
{
  g_autoptr(Demo) demo = demo_new (7, 120, 2);
  g_autoptr(GError) error = NULL;
  GPtrArray *pupils = att_pupils_list (demo->db, &error);
  g_autoptr(GHashTable) families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint fsm = 0, sen_k = 0, sen_e = 0, eal = 0, looked_after = 0, social = 0;
  guint carer = 0, medical = 0, preferred = 0, left = 0, siblings = 0, on_roll = 0;
  gboolean years[7] = { FALSE };

  g_assert_no_error (error);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *p = g_ptr_array_index (pupils, i);
      g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (demo->db, p->id, &error);
      AttContact *first;
      g_autofree char *key = NULL;
      gpointer other;

      g_assert_no_error (error);
      g_assert_true (att_pupil_validate (p, &error));
      g_assert_no_error (error);
      g_assert_true (att_upn_validate (p->upn, NULL, &error));
      g_assert_no_error (error);

      /* Two contacts, called in order; the first has parental
       * responsibility unless the pupil is looked after. */
      g_assert_cmpuint (contacts->len, ==, 2);
      first = g_ptr_array_index (contacts, 0);
      g_assert_cmpint (first->priority, ==, 1);
      g_assert_cmpint (((AttContact *)g_ptr_array_index (contacts, 1))->priority, ==, 2);
      for (guint k = 0; k < contacts->len; k++)
        {
          AttContact *c = g_ptr_array_index (contacts, k);
          g_assert_true (att_contact_validate (c, &error));
          g_assert_no_error (error);
          if (c->email != NULL)
            g_assert_true (g_str_has_suffix (c->email, "example.org"));
        }
      g_assert_true (first->parental_responsibility || p->looked_after);
      g_assert_true (first->lives_with);
      g_assert_true (g_str_has_prefix (first->phone_mobile, "07700 900"));

      if (p->leaving != ATT_DATE_NONE)
        left++;
      if (!att_pupil_on_roll (p, AS_OF))
        continue;
      on_roll++;
      years[p->year_group] = TRUE;
      fsm += p->fsm;
      sen_k += p->sen == ATT_SEN_SUPPORT;
      sen_e += p->sen == ATT_SEN_EHCP;
      eal += p->eal;
      looked_after += p->looked_after;
      social += p->social_worker;
      carer += p->young_carer;
      medical += p->medical_note != NULL;
      preferred += p->preferred_forename != NULL || p->preferred_surname != NULL;

      /* Brothers and sisters share a surname and their first contact, and
       * are in different year groups. */
      key = g_strdup_printf ("%s|%s|%s", p->legal_surname, first->forename, first->phone_mobile);
      other = g_hash_table_lookup (families, key);
      if (other != NULL)
        {
          AttPupil *sibling = att_pupils_get (demo->db, GPOINTER_TO_SIZE (other));
          g_assert_cmpint (sibling->year_group, !=, p->year_group);
          g_assert_cmpstr (sibling->legal_forename, !=, p->legal_forename);
          siblings++;
        }
      else
        g_hash_table_insert (families, g_steal_pointer (&key), GSIZE_TO_POINTER (p->id));
    }

  g_assert_cmpuint (on_roll, ==, 120);
  /* Two pupils with the same full name are rare: here, none; and nobody
   * has a first name the same as their surname. */
  {
    g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < pupils->len; i++)
      {
        AttPupil *p = g_ptr_array_index (pupils, i);
        g_assert_true (g_hash_table_add (names, g_strconcat (p->legal_forename, " ",
                                                             p->legal_surname, NULL)));
        g_assert_cmpstr (p->legal_forename, !=, p->legal_surname);
      }
  }
  for (guint g = 0; g < G_N_ELEMENTS (years); g++)
    g_assert_true (years[g]);
  /* Leavers: the Year 6 of 2023/24 at least (about 17 pupils). */
  g_assert_cmpuint (left, >=, 12);
  g_assert_cmpuint (siblings, >, 0);
  g_assert_cmpuint (fsm, >, 0);
  g_assert_cmpuint (sen_k, >, 0);
  g_assert_cmpuint (sen_e, >, 0);
  g_assert_cmpuint (eal, >, 0);
  g_assert_cmpuint (looked_after, >, 0);
  g_assert_cmpuint (social, >, 0);
  g_assert_cmpuint (carer, >, 0);
  g_assert_cmpuint (medical, >, 0);
  g_assert_cmpuint (preferred, >, 0);
  /* A quarter on free school meals, give or take: between 10 and 50. */
  g_assert_cmpuint (fsm, >=, 10);
  g_assert_cmpuint (fsm, <=, 50);
}

/* Seconds since 1970 of midnight UTC at the start of @date. */
static gint64
epoch_of (AttDate date)
{
  return (gint64)(date - att_date_from_ymd (1970, 1, 1)) * 86400;
}

static void
test_attendance (void)
{
  g_autoptr(Demo) demo = demo_new (7, 120, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) breaches = NULL;
  AttFigures sum = { 0 };
  guint persistent = 0, amended = 0;
  double pct;
  GPtrArray *pupils;

  all = att_stats_all (demo->db, D (2024, 9, 1), AS_OF, &error);
  g_assert_no_error (error);
  g_assert_nonnull (all);
  for (guint i = 0; i < all->len; i++)
    {
      AttFigures *f = &g_array_index (all, AttFigures, i);

      att_figures_add (&sum, f);
      persistent += att_figures_persistent (f);
    }
  g_assert_cmpuint (sum.missing, ==, 0);
  pct = att_figures_attendance_pct (&sum);
  g_test_message ("attendance %.2f%%, %u persistently absent", pct, persistent);
  g_assert_cmpfloat (pct, >=, 90.0);
  g_assert_cmpfloat (pct, <=, 97.0);
  g_assert_cmpuint (persistent, >=, 1);
  /* Each kind of absence and lateness the office deals with. */
  g_assert_cmpuint (sum.codes[ATT_CODE_I], >, 0);
  g_assert_cmpuint (sum.codes[ATT_CODE_M], >, 0);
  g_assert_cmpuint (sum.codes[ATT_CODE_L], >, 0);
  g_assert_cmpuint (sum.codes[ATT_CODE_O] + sum.codes[ATT_CODE_G], >, 0);
  g_assert_cmpuint (sum.codes[ATT_CODE_PRESENT_AM], >, sum.possible / 3);

  breaches = att_threshold_check (demo->db, AS_OF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (breaches->len, >=, 1);
  for (guint i = 0; i < breaches->len; i++)
    g_assert_cmpuint (g_array_index (breaches, AttBreach, i).sessions, >=, ATT_THRESHOLD_SESSIONS);

  /* Histories: the first entry of a session has no old code and no
   * reason; an amendment has both. */
  pupils = att_pupils_list (demo->db, &error);
  for (guint i = 0; i < pupils->len && i < 40; i++)
    {
      AttPupil *p = g_ptr_array_index (pupils, i);
      g_autoptr(GPtrArray) history = att_register_history (demo->db, p->id, ATT_DATE_NONE,
                                                           ATT_DATE_NONE, &error);
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      g_assert_no_error (error);
      for (guint k = 0; k < history->len; k++)
        {
          AttHistoryEntry *e = g_ptr_array_index (history, k);
          gpointer key = GINT_TO_POINTER (e->date * 2 + (int)e->session);

          g_assert_nonnull (e->user_name);
          g_assert_cmpint (e->at, >, 0);
          if (!g_hash_table_contains (seen, key))
            {
              g_assert_cmpint (e->old_code, ==, ATT_CODE_NONE);
              g_assert_null (e->reason);
              g_hash_table_add (seen, key);
              /* Taken by the two receptionists or the attendance officer,
               * on the day, in the first minutes of the session's
               * register (08:45 or 13:00, at most 11 minutes after, plus
               * a late pupil's minutes): between 07:45 and 14:30 UTC in
               * winter or summer. */
              g_assert_true (g_str_equal (e->user_name, "Julie Price") ||
                             g_str_equal (e->user_name, "Amrit Sandhu") ||
                             g_str_equal (e->user_name, "Sam Whitfield"));
              g_assert_cmpint (e->at, >=, epoch_of (e->date) + 7 * 3600 + 45 * 60);
              g_assert_cmpint (e->at, <=, epoch_of (e->date) + 14 * 3600 + 30 * 60);
            }
          else
            {
              g_assert_cmpint (e->old_code, ==, ATT_CODE_N);
              g_assert_nonnull (e->reason);
              /* A late arrival is signed in at reception; the officer puts
               * every other absence right, the same day or later. */
              if (e->new_code == ATT_CODE_L)
                g_assert_cmpstr (e->user_name, ==, "Julie Price");
              else
                g_assert_cmpstr (e->user_name, ==, "Sam Whitfield");
              g_assert_cmpint (e->at, >=, epoch_of (e->date));
              amended++;
            }
        }
    }
  g_assert_cmpuint (amended, >, 0);
}

/* The demo's penalty cases, made through the penalty core: every
 * consideration is of a breach on its day and weighs the Equality Act,
 * and there is one of each kind of record the Penalty Notices page
 * shows. */
static void
test_penalty (void)
{
  g_autoptr(Demo) demo = demo_new (7, 400, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) considerations = att_penalty_considerations (demo->db, 0, &error);
  g_autoptr(GPtrArray) improvements = att_penalty_improve_list (demo->db, 0, &error);
  g_autoptr(GPtrArray) notices = att_penalty_notices (demo->db, 0, &error);
  g_autoptr(GPtrArray) waiting = att_penalty_unconsidered (demo->db, AS_OF, &error);
  gboolean decided[ATT_PENALTY_N_DECISIONS] = { FALSE };

  g_assert_no_error (error);
  for (guint i = 0; i < considerations->len; i++)
    {
      const AttPenaltyConsideration *c = g_ptr_array_index (considerations, i);

      g_assert_cmpuint (c->sessions, >=, ATT_THRESHOLD_SESSIONS);
      g_assert_cmpstr (c->equality, !=, "");
      decided[c->decision] = TRUE;
    }
  g_assert_true (decided[ATT_PENALTY_SUPPORT]);
  g_assert_true (decided[ATT_PENALTY_NOTICE_TO_IMPROVE]);
  g_assert_true (decided[ATT_PENALTY_PENALTY_NOTICE]);
  g_assert_cmpuint (improvements->len, >=, 1);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpint (((AttPenaltyNotice *)g_ptr_array_index (notices, 0))->status, ==, ATT_PENALTY_NOTICE_ISSUED);
  /* Some breaches wait for the school's consideration. */
  g_assert_cmpuint (waiting->len, >, 0);
}

/* A few cases of the most worrying pupils: support offered, meetings
 * with their outcomes (a contract and a support plan with their letters
 * in the log), one planned after the as-of date, and each in its pupil's
 * chronology. */
static void
test_casework (void)
{
  g_autoptr(Demo) demo = demo_new (7, 120, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = att_case_meetings (demo->db, 0, &error);
  g_autoptr(GPtrArray) support = att_case_support (demo->db, 0, &error);
  guint held = 0, planned = 0, contracts = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, >=, 4);
  g_assert_cmpuint (support->len, >=, 3);
  for (guint i = 0; i < meetings->len; i++)
    {
      AttMeeting *m = g_ptr_array_index (meetings, i);
      AttPupil *pupil = att_pupils_get (demo->db, m->pupil_id);

      g_assert_true (att_pupil_on_roll (pupil, AS_OF));
      if (att_meeting_is_held (m))
        {
          held++;
          /* Nothing is recorded before it happens. */
          g_assert_cmpint (m->date, <=, AS_OF);
          g_assert_cmpint (m->recorded_time, >=, m->at_time);
        }
      else
        {
          planned++;
          g_assert_cmpint (m->date, >, AS_OF);
        }
      if (m->outcome == ATT_MEETING_OUTCOME_CONTRACT)
        {
          g_autoptr(AttLetterRecord) letter = NULL;
          g_autoptr(GPtrArray) events = NULL;
          gboolean has_support = FALSE;

          contracts++;
          g_assert_cmpuint (m->target_sessions_per_week, ==, 8);
          g_assert_cmpint (m->review_date, >, m->date);
          letter = att_letters_get (demo->db, m->outcome_letter_id, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (letter->kind, ==, ATT_CASE_LETTER_CONTRACT);
          events = att_case_chronology (demo->db, m->pupil_id, ATT_DATE_NONE, ATT_DATE_NONE, &error);
          g_assert_no_error (error);
          for (guint e = 0; e < events->len; e++)
            has_support |= ((AttCaseEvent *)g_ptr_array_index (events, e))->kind == ATT_CASE_EVENT_SUPPORT;
          g_assert_true (has_support);
        }
    }
  g_assert_cmpuint (held, >=, 3);
  g_assert_cmpuint (planned, >=, 1);
  g_assert_cmpuint (contracts, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTENDANCE_TODAY", "2025-03-12", TRUE);

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/refuses-existing", test_refuses_existing);
  g_test_add_func ("/demo/leftovers", test_leftovers);
  g_test_add_func ("/demo/school", test_school);
  g_test_add_func ("/demo/secondary", test_secondary);
  g_test_add_func ("/demo/pupils", test_pupils);
  g_test_add_func ("/demo/attendance", test_attendance);
  g_test_add_func ("/demo/penalty", test_penalty);
  g_test_add_func ("/demo/casework", test_casework);

  return g_test_run ();
}
