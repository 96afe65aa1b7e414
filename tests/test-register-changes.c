/* test-register-changes.c: one home for the register's rules, what a write
 * replaced, and the one notification of what changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school's calendar: Autumn 1 2024, Mon 2 Sep .. Fri 25 Oct 2024.
 * Register times as the school sets them by default: the morning's is open
 * 08:45 to 09:15, the afternoon's 13:15 to 13:45 (30 minutes each).
 * Pupils, all Year 7 and on roll from 2 Sep 2024: Amy Able, Ben Brown,
 * Cat Cole. Users: Olive Officer (attendance officer), Rita Reception
 * (receptionist).
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-test-util.h"

typedef struct
{
  AttTestSchool s;
  gint64        amy, ben, cat;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  att_test_school_init (&f->s);
  f->amy = att_test_school_add_pupil (&f->s, "Amy", "Able", D (2013, 1, 10));
  f->ben = att_test_school_add_pupil (&f->s, "Ben", "Brown", D (2013, 2, 10));
  f->cat = att_test_school_add_pupil (&f->s, "Cat", "Cole", D (2013, 3, 10));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_test_school_clear (&f->s);
  g_unsetenv ("ATTENDANCE_TODAY");
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
}

static gboolean
write1 (AttDb          *db,
        const AttUser  *user,
        gint64          pupil,
        AttDate         date,
        AttSession      session,
        AttCode         code,
        const char     *reason,
        GError        **error)
{
  AttMarkWrite w = { pupil, date, session, code, -1, NULL };

  return att_register_write (db, user, &w, 1, reason, ATT_WRITE_DEFAULT, error);
}

/* Present, late, N and O wait for their own session's register: at 08:50
 * on Tue 10 Sep the morning's has opened (08:45) and the afternoon's has
 * not (13:15). */
static void
test_each_session_opens_at_its_time (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttDate today = D (2024, 9, 10);

  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "08:50", TRUE);

  g_assert_true (write1 (f->s.db, f->s.officer, f->amy, today, ATT_SESSION_AM, ATT_CODE_PRESENT_AM, NULL, &error));
  g_assert_no_error (error);

  for (AttCode code = ATT_CODE_PRESENT_PM; code != ATT_CODE_NONE;
       code = code == ATT_CODE_PRESENT_PM ? ATT_CODE_L
              : code == ATT_CODE_L ? ATT_CODE_N
              : code == ATT_CODE_N ? ATT_CODE_O : ATT_CODE_NONE)
    {
      g_assert_false (write1 (f->s.db, f->s.officer, f->ben, today, ATT_SESSION_PM, code, NULL, &error));
      g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
      g_assert_nonnull (strstr (error->message, "Ben Brown"));
      g_assert_nonnull (strstr (error->message, "opens at 13:15"));
      g_clear_error (&error);
    }
  /* An appointment is known ahead. */
  g_assert_true (write1 (f->s.db, f->s.officer, f->ben, today, ATT_SESSION_PM, ATT_CODE_M, NULL, &error));
  g_assert_no_error (error);

  /* Before 08:45, not even the morning. */
  g_setenv ("ATTENDANCE_CLOCK", "08:44", TRUE);
  g_assert_false (write1 (f->s.db, f->s.officer, f->cat, today, ATT_SESSION_AM, ATT_CODE_N, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "opens at 08:45"));
  g_clear_error (&error);

  /* At 13:15 the afternoon's register opens. */
  g_setenv ("ATTENDANCE_CLOCK", "13:15", TRUE);
  g_assert_true (write1 (f->s.db, f->s.officer, f->cat, today, ATT_SESSION_PM, ATT_CODE_PRESENT_PM, NULL, &error));
  g_assert_no_error (error);

  /* The register's status answers the same question. */
  g_assert_true (att_register_opened (f->s.db, today, ATT_SESSION_AM, today, 8 * 60 + 50));
  g_assert_false (att_register_opened (f->s.db, today, ATT_SESSION_PM, today, 8 * 60 + 50));
  g_assert_true (att_register_opened (f->s.db, D (2024, 9, 9), ATT_SESSION_PM, today, 0));
}

/* '#' is refused by the register with one message, whichever way it
 * comes: a single write, a fill, a check beforehand. */
static void
test_closed_code_refused_once (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) fill_error = NULL;
  g_autoptr(GError) check_error = NULL;
  AttMarkWrite w = { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_CLOSED, -1, NULL };
  AttRegisterSession session = { D (2024, 9, 10), ATT_SESSION_AM };
  AttWriteEffect effect;
  gint64 pupils[] = { f->amy };

  g_assert_false (att_register_write (f->s.db, f->s.officer, &w, 1, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_false (att_register_fill (f->s.db, f->s.officer, pupils, 1, &session, 1, ATT_CODE_CLOSED,
                                     "Snow", NULL, NULL, NULL, &fill_error));
  g_assert_false (att_register_check (f->s.db, f->s.officer, &w, &effect, &check_error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "“#” is never entered by hand"));
  g_assert_cmpstr (fill_error->message, ==, error->message);
  g_assert_cmpstr (check_error->message, ==, error->message);
}

/* Whether a write is a change that needs a reason is decided once, and a
 * page can ask before it writes. */
static void
test_check_says_what_a_write_would_do (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite present = { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL };
  AttMarkWrite ill = { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_I, -1, NULL };
  AttMarkWrite late = { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_L, 45, NULL };
  AttWriteEffect effect = ATT_WRITE_EFFECT_NONE;

  /* The receptionist, on the day: a change to today's marks is theirs
   * (the fixture's teardown forgets the date). */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  g_assert_true (att_register_check (f->s.db, f->s.receptionist, &present, &effect, &error));
  g_assert_cmpint (effect, ==, ATT_WRITE_EFFECT_FIRST);
  g_assert_true (att_register_write (f->s.db, f->s.receptionist, &present, 1, NULL, ATT_WRITE_DEFAULT, &error));

  g_assert_true (att_register_check (f->s.db, f->s.receptionist, &present, &effect, &error));
  g_assert_cmpint (effect, ==, ATT_WRITE_EFFECT_NONE);
  g_assert_true (att_register_check (f->s.db, f->s.receptionist, &ill, &effect, &error));
  g_assert_cmpint (effect, ==, ATT_WRITE_EFFECT_AMEND);
  g_assert_no_error (error);

  /* 45 minutes after 08:45 is after the register closed at 09:15: not L. */
  g_assert_false (att_register_check (f->s.db, f->s.receptionist, &late, &effect, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "08:45 to 09:15"));
  g_clear_error (&error);

  /* The write says the same as the check: an amendment needs a reason. */
  g_assert_false (att_register_write (f->s.db, f->s.receptionist, &ill, 1, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "A reason is needed to change a saved mark"));
}

/* Several marks changed without a reason: one refusal that counts them. */
static void
test_reason_counts_every_change (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite first[] = {
    { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
    { f->ben, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
  };
  AttMarkWrite trip[] = {
    { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_V, -1, NULL },
    { f->ben, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_V, -1, NULL },
    { f->cat, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_V, -1, NULL },
  };

  g_assert_true (att_register_write (f->s.db, f->s.officer, first, 2, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_false (att_register_write (f->s.db, f->s.officer, trip, 3, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "2 sessions already have a mark (the first is Amy Able"));
  /* Nothing was written, Cat's first entry included. */
  g_assert_cmpint (att_register_code (f->s.db, f->cat, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_NONE);
}

/* What a write replaced is read inside its own transaction: when another
 * connection changed the session since this one last looked, the write
 * reports the mark it really replaced. */
static void
test_write_reports_what_it_replaced (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) other = NULL;
  g_autoptr(GArray) changes = NULL;
  AttMarkWrite late = { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_L, 12, "Bus" };
  AttMarkWrite ill = { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_I, -1, NULL };
  AttMarkWrite medical = { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_M, -1, "Dentist" };
  const AttMarkChange *change;

  g_assert_true (att_register_write (f->s.db, f->s.officer, &late, 1, NULL, ATT_WRITE_DEFAULT, &error));
  /* This connection has seen L. */
  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_L);

  /* Someone else, on another connection, makes it I that day. */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  other = att_db_open (f->s.t->path, &error);
  g_assert_no_error (error);
  g_assert_true (att_register_write (other, f->s.receptionist, &ill, 1, "Phoned: ill",
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  /* This connection amends to M: it replaced I, with no minutes (I is not
   * late) and the comment "Bus" (a change that gives no comment keeps it). */
  g_assert_true (att_register_write_full (f->s.db, f->s.officer, &medical, 1, "Card seen",
                                          ATT_WRITE_DEFAULT, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, AttMarkChange, 0);
  g_assert_cmpint (change->effect, ==, ATT_WRITE_EFFECT_AMEND);
  g_assert_cmpint (change->pupil_id, ==, f->amy);
  g_assert_cmpint (change->old_code, ==, ATT_CODE_I);
  g_assert_cmpint (change->old_minutes, ==, -1);
  g_assert_cmpstr (change->old_comment, ==, "Bus");
  g_assert_cmpint (change->new_code, ==, ATT_CODE_M);
  g_clear_pointer (&changes, g_array_unref);

  /* Writing what the session holds: reported, and nothing replaced. */
  g_assert_true (att_register_write_full (f->s.db, f->s.officer, &medical, 1, NULL,
                                          ATT_WRITE_DEFAULT, &changes, &error));
  change = &g_array_index (changes, AttMarkChange, 0);
  g_assert_cmpint (change->effect, ==, ATT_WRITE_EFFECT_NONE);
  g_assert_cmpint (change->old_code, ==, ATT_CODE_M);
  g_assert_cmpint (change->new_code, ==, ATT_CODE_M);
}

typedef struct
{
  guint   n_emitted;
  guint   n_changed_signals;
  GArray *last;   /* copies of the last emission's sessions */
} Heard;

static void
on_marks_changed (AttDb  *db,
                  GArray *changes,
                  Heard  *heard)
{
  heard->n_emitted++;
  g_clear_pointer (&heard->last, g_array_unref);
  heard->last = g_array_new (FALSE, FALSE, sizeof (AttMarkChange));
  for (guint i = 0; i < changes->len; i++)
    {
      AttMarkChange copy = g_array_index (changes, AttMarkChange, i);

      /* The register already holds the new codes when views hear. */
      g_assert_cmpint (att_register_code (db, copy.pupil_id, copy.date, copy.session), ==, copy.new_code);
      copy.old_comment = NULL;
      g_array_append_val (heard->last, copy);
    }
}

static void
on_changed (AttDb *db,
            guint  changes,
            Heard *heard)
{
  if (changes & ATT_CHANGE_MARKS)
    heard->n_changed_signals++;
}

/* One notification after each commit, naming every session it changed. */
static void
test_one_notification_per_commit (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Heard heard = { 0, };
  AttMarkWrite three[] = {
    { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
    { f->ben, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
    { f->cat, D (2024, 9, 10), ATT_SESSION_PM, ATT_CODE_I, -1, NULL },
  };

  g_signal_connect (f->s.db, "marks-changed", G_CALLBACK (on_marks_changed), &heard);
  g_signal_connect (f->s.db, "changed", G_CALLBACK (on_changed), &heard);

  g_assert_true (att_register_write (f->s.db, f->s.officer, three, 3, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_cmpuint (heard.n_emitted, ==, 1);
  g_assert_cmpuint (heard.n_changed_signals, ==, 1);
  g_assert_cmpuint (heard.last->len, ==, 3);
  g_assert_cmpint (g_array_index (heard.last, AttMarkChange, 2).pupil_id, ==, f->cat);
  g_assert_cmpint (g_array_index (heard.last, AttMarkChange, 2).session, ==, ATT_SESSION_PM);
  g_assert_cmpint (g_array_index (heard.last, AttMarkChange, 2).old_code, ==, ATT_CODE_NONE);
  g_assert_cmpint (g_array_index (heard.last, AttMarkChange, 2).new_code, ==, ATT_CODE_I);

  /* The same marks again change nothing, and nobody is told. */
  g_assert_true (att_register_write (f->s.db, f->s.officer, three, 3, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_cmpuint (heard.n_emitted, ==, 1);

  /* A dry run, and a refused write, tell nobody. */
  three[0].code = ATT_CODE_M;
  g_assert_true (att_register_write (f->s.db, f->s.officer, three, 1, "Card", ATT_WRITE_DRY_RUN, &error));
  g_assert_false (att_register_write (f->s.db, f->s.officer, three, 1, NULL, ATT_WRITE_DEFAULT, &error));
  g_clear_error (&error);
  g_assert_cmpuint (heard.n_emitted, ==, 1);

  /* Two writes in one outer transaction: one notification with both, of
   * which only the one that changed a session (Amy's) and the first entry
   * (Cat's morning) count: 2 sessions. */
  g_assert_true (att_db_begin (f->s.db, &error));
  g_assert_true (write1 (f->s.db, f->s.officer, f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_M, "Card", &error));
  g_assert_true (write1 (f->s.db, f->s.officer, f->cat, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_I, NULL, &error));
  g_assert_cmpuint (heard.n_emitted, ==, 1);
  g_assert_true (att_db_commit (f->s.db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.n_emitted, ==, 2);
  g_assert_cmpuint (heard.last->len, ==, 2);
  g_assert_cmpint (g_array_index (heard.last, AttMarkChange, 0).old_code, ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (g_array_index (heard.last, AttMarkChange, 0).new_code, ==, ATT_CODE_M);

  /* Rolled back: nobody is told. */
  g_assert_true (att_db_begin (f->s.db, &error));
  g_assert_true (write1 (f->s.db, f->s.officer, f->ben, D (2024, 9, 11), ATT_SESSION_AM, ATT_CODE_I, NULL, &error));
  att_db_rollback (f->s.db);
  g_assert_cmpuint (heard.n_emitted, ==, 2);
  g_assert_cmpuint (heard.n_changed_signals, ==, 2);

  g_signal_handlers_disconnect_by_data (f->s.db, &heard);
  g_clear_pointer (&heard.last, g_array_unref);
}

/* Marking everyone present fills only blanks, decided inside the write:
 * a mark made on another connection a moment before stays. */
static void
test_mark_all_present_keeps_marks_made_meanwhile (Fixture       *f,
                                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) other = NULL;
  g_autoptr(AttRegisterUndo) undo = att_register_undo_new ();
  gint64 pupils[] = { f->amy, f->ben, f->cat };
  guint written = 0;

  /* The receptionist takes Tuesday's register on the day. */
  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);

  /* This connection has read the blank register. */
  g_assert_cmpint (att_register_code (f->s.db, f->ben, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  other = att_db_open (f->s.t->path, &error);
  g_assert_true (write1 (other, f->s.receptionist, f->ben, D (2024, 9, 10), ATT_SESSION_AM,
                         ATT_CODE_I, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (att_register_mark_all_present (f->s.db, f->s.receptionist, pupils, 3, D (2024, 9, 10),
                                                ATT_SESSION_AM, undo, &written, &error));
  g_assert_no_error (error);
  /* Amy and Cat: 2 sessions; Ben's I stays. */
  g_assert_cmpuint (written, ==, 2);
  g_assert_cmpint (att_register_code (f->s.db, f->ben, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  {
    g_autofree char *what = att_register_undo_describe (undo);
    g_assert_cmpstr (what, ==, "/ for 2 sessions");
  }

  /* Someone changes Cat's mark on the other connection: the undo would
   * overwrite it, so it is refused and nothing changes. */
  g_assert_true (write1 (other, f->s.officer, f->cat, D (2024, 9, 10), ATT_SESSION_AM,
                         ATT_CODE_M, "Dentist", &error));
  g_assert_false (att_register_undo (undo, f->s.db, f->s.receptionist, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Cat Cole"));
  g_clear_error (&error);
  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_true (att_register_undo_can_undo (undo));

  /* Put back, the undo clears both marks it made. */
  g_assert_true (write1 (other, f->s.officer, f->cat, D (2024, 9, 10), ATT_SESSION_AM,
                         ATT_CODE_PRESENT_AM, "Dentist was tomorrow", &error));
  g_assert_true (att_register_undo (undo, f->s.db, f->s.receptionist, &error));
  g_assert_no_error (error);
  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (f->s.db, f->cat, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpint (att_register_code (f->s.db, f->ben, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_false (att_register_undo_can_undo (undo));
}

/* A page asks the register whether a fill needs a reason, rather than
 * counting for itself. */
static void
test_fill_needs_reason (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 pupils[] = { f->amy, f->ben };
  AttRegisterSession tuesday[] = {
    { D (2024, 9, 10), ATT_SESSION_AM },
    { D (2024, 9, 10), ATT_SESSION_PM },
  };
  guint n_amend = 99;

  /* Two blank sessions of two pupils: first entries, no reason. */
  g_assert_false (att_register_fill_needs_reason (f->s.db, pupils, 2, tuesday, 1, ATT_CODE_V, &n_amend));
  g_assert_cmpuint (n_amend, ==, 0);

  /* Amy is marked present: the visit would change 1 saved mark. */
  g_assert_true (write1 (f->s.db, f->s.officer, f->amy, D (2024, 9, 10), ATT_SESSION_AM,
                         ATT_CODE_PRESENT_AM, NULL, &error));
  g_assert_true (att_register_fill_needs_reason (f->s.db, pupils, 2, tuesday, 1, ATT_CODE_V, &n_amend));
  g_assert_cmpuint (n_amend, ==, 1);
  /* Present again over present changes nothing. */
  g_assert_false (att_register_fill_needs_reason (f->s.db, pupils, 1, tuesday, 1, ATT_CODE_PRESENT_AM, &n_amend));

  /* Y2 for Ben's one session is one mark; over his two sessions it needs
   * the reason kept with every mark. */
  g_assert_false (att_register_fill_needs_reason (f->s.db, &f->ben, 1, tuesday, 1, ATT_CODE_Y2, &n_amend));
  g_assert_true (att_register_fill_needs_reason (f->s.db, &f->ben, 1, tuesday, 2, ATT_CODE_Y2, &n_amend));
  g_assert_cmpuint (n_amend, ==, 0);
  /* And the fill agrees. */
  g_assert_false (att_register_fill (f->s.db, f->s.officer, &f->ben, 1, tuesday, 2, ATT_CODE_Y2,
                                     NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
}

typedef struct
{
  guint   n_marks;
  guint   n_changed;
  guint   flags;
  GArray *last;
} Polled;

static void
on_polled_marks (AttDb  *db,
                 GArray *changes,
                 Polled *polled)
{
  polled->n_marks++;
  g_clear_pointer (&polled->last, g_array_unref);
  if (changes != NULL)
    {
      polled->last = g_array_new (FALSE, FALSE, sizeof (AttMarkChange));
      for (guint i = 0; i < changes->len; i++)
        {
          AttMarkChange copy = g_array_index (changes, AttMarkChange, i);

          copy.old_comment = NULL;
          g_array_append_val (polled->last, copy);
        }
    }
}

static void
on_polled_changed (AttDb  *db,
                   guint   changes,
                   Polled *polled)
{
  polled->n_changed++;
  polled->flags = changes;
}

/* A commit by another program is noticed when the window looks, and the
 * logs it wrote say what changed: the sessions themselves for marks, the
 * area for anything else. */
static void
test_poll_notices_other_programs (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) other = NULL;
  Polled polled = { 0, };
  const AttMarkChange *change;

  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_signal_connect (f->s.db, "marks-changed", G_CALLBACK (on_polled_marks), &polled);
  g_signal_connect (f->s.db, "changed", G_CALLBACK (on_polled_changed), &polled);
  /* The fixture's own term, users and pupils are not another program's. */
  g_assert_false (att_db_poll (f->s.db));

  other = att_db_open (f->s.t->path, &error);
  g_assert_no_error (error);
  g_assert_true (write1 (other, f->s.officer, f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_I, NULL, &error));
  g_assert_cmpuint (polled.n_marks, ==, 0);

  /* One session, listed, and only marks changed. */
  g_assert_true (att_db_poll (f->s.db));
  g_assert_cmpuint (polled.n_marks, ==, 1);
  g_assert_nonnull (polled.last);
  g_assert_cmpuint (polled.last->len, ==, 1);
  change = &g_array_index (polled.last, AttMarkChange, 0);
  g_assert_cmpint (change->pupil_id, ==, f->amy);
  g_assert_cmpint (change->old_code, ==, ATT_CODE_NONE);
  g_assert_cmpint (change->new_code, ==, ATT_CODE_I);
  g_assert_cmpuint (polled.flags, ==, ATT_CHANGE_MARKS);
  g_assert_cmpint (att_register_code (f->s.db, f->amy, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_I);

  /* Once seen, not again; this connection's own commits are not another
   * program's. */
  g_assert_false (att_db_poll (f->s.db));
  g_assert_true (write1 (f->s.db, f->s.officer, f->ben, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_I, NULL, &error));
  g_assert_false (att_db_poll (f->s.db));
  g_assert_cmpuint (polled.n_marks, ==, 2);   /* the write's own notice */

  /* A setting changed elsewhere is a settings change, not a mark. */
  g_assert_true (att_school_set (other, att_user_system (), "la", "Testshire", &error));
  g_assert_true (att_db_poll (f->s.db));
  g_assert_cmpuint (polled.flags, ==, ATT_CHANGE_SETTINGS);
  g_assert_cmpuint (polled.n_marks, ==, 2);

  g_signal_handlers_disconnect_by_data (f->s.db, &polled);
  g_clear_pointer (&polled.last, g_array_unref);
}

/* Nobody writes as "nobody": a write without a user is a programming
 * error, caught before anything is touched. */
static void
test_no_user_is_refused (Fixture       *f,
                         gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      AttMarkWrite w = { f->amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL };

      g_assert_false (att_register_write (f->s.db, NULL, &w, 1, NULL, ATT_WRITE_DEFAULT, NULL));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*att_register_write_full*user != NULL*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/register-changes/each-session-opens-at-its-time", test_each_session_opens_at_its_time);
  ADD ("/register-changes/closed-code-refused-once", test_closed_code_refused_once);
  ADD ("/register-changes/check", test_check_says_what_a_write_would_do);
  ADD ("/register-changes/reason-counts-every-change", test_reason_counts_every_change);
  ADD ("/register-changes/write-reports-what-it-replaced", test_write_reports_what_it_replaced);
  ADD ("/register-changes/one-notification-per-commit", test_one_notification_per_commit);
  ADD ("/register-changes/mark-all-present-keeps-marks", test_mark_all_present_keeps_marks_made_meanwhile);
  ADD ("/register-changes/fill-needs-reason", test_fill_needs_reason);
  ADD ("/register-changes/poll", test_poll_notices_other_programs);
  ADD ("/register-changes/no-user", test_no_user_is_refused);

  return g_test_run ();
}
