/* test-certificate.c: the registration certificate's span, sessions,
 * totals and checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-certificate.h"
#include "att-test-util.h"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
} Fixture;

/* Summer 2 of 2023/24 (3 June to 19 July 2024) and the first half of the
 * autumn term of 2024/25 (2 September to 25 October, the INSET day of
 * Friday 13 September closed). Today is Friday 8 November 2024. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("ATTENDANCE_TODAY", "2024-11-08", TRUE);
  f->t = att_test_db_new ();
  f->db = f->t->db;
  att_test_add_term (f->db, "Summer 2 2024", D (2024, 6, 3), D (2024, 7, 19));
  att_test_add_term (f->db, "Autumn 1 2024", D (2024, 9, 2), D (2024, 10, 25));
  att_test_add_term (f->db, "Autumn 2 2024", D (2024, 11, 4), D (2024, 12, 20));
  att_calendar_add_closure (f->db, (AttUser *)att_user_system (), D (2024, 9, 13), D (2024, 9, 13),
                            -1, "INSET day", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_test_db_free (f->t);
}

static void
mark (Fixture    *f,
      gint64      pupil,
      AttDate     date,
      AttSession  session,
      AttCode     code)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite w = { pupil, date, session, code, -1, NULL };

  g_assert_true (att_register_write (f->db, att_user_system (), &w, 1, "test", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

/* Marks every school session from @from to @to present. */
static void
mark_present (Fixture *f,
              gint64   pupil,
              AttDate  from,
              AttDate  to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (AttMarkWrite));
  AttCalendar *calendar = att_db_get_calendar (f->db);

  for (AttDate d = from; d <= to; d++)
    for (int s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
      if (att_calendar_is_school_session (calendar, d, s))
        {
          AttMarkWrite w = { pupil, d, s, s == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM,
                             -1, NULL };
          g_array_append_val (writes, w);
        }
  g_assert_true (att_register_write (f->db, att_user_system (), (AttMarkWrite *)(void *)writes->data,
                                     writes->len, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static AttCertificate *
certificate (Fixture                  *f,
             gint64                    pupil,
             const AttCertificateSpan *span,
             AttDate                   as_of)
{
  g_autoptr(GError) error = NULL;
  AttCertificate *cert = att_certificate_new (f->db, pupil, span, as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cert);
  return cert;
}

/* The last 60 sessions up to Friday 6 September 2024 cross the summer
 * holiday and the start of the school year: 10 sessions from 2 to 6
 * September, then 50 sessions (25 school days, the five weeks from 17
 * June to 19 July) of the year before. */
static void
test_last_sessions_across_holiday (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(AttCertificate) cert = NULL;
  AttCertificateSpan span = { ATT_CERTIFICATE_SPAN_LAST_SESSIONS, 60, 0, 0 };
  const AttCertificateSession *sessions;
  const AttFigures *totals;
  AttDate first, last;
  guint n;
  gint64 pupil = att_test_add_pupil (f->db, "Amina", "Khan", 7, D (2012, 10, 1), D (2023, 9, 4),
                                     ATT_DATE_NONE);

  mark_present (f, pupil, D (2024, 6, 3), D (2024, 9, 6));
  /* An O on the first session of the span, a G on the last. */
  mark (f, pupil, D (2024, 6, 17), ATT_SESSION_AM, ATT_CODE_O);
  mark (f, pupil, D (2024, 9, 6), ATT_SESSION_PM, ATT_CODE_G);
  /* And one just before it, which it leaves out. */
  mark (f, pupil, D (2024, 6, 14), ATT_SESSION_PM, ATT_CODE_O);

  cert = certificate (f, pupil, &span, D (2024, 9, 6));
  sessions = att_certificate_get_sessions (cert, &n);
  g_assert_cmpuint (n, ==, 60);
  att_certificate_get_range (cert, &first, &last);
  g_assert_cmpint (first, ==, D (2024, 6, 17));
  g_assert_cmpint (last, ==, D (2024, 9, 6));
  g_assert_cmpint (sessions[0].session, ==, ATT_SESSION_AM);
  g_assert_cmpint (sessions[0].code, ==, ATT_CODE_O);
  g_assert_cmpint (sessions[59].code, ==, ATT_CODE_G);
  /* Session 49 is the afternoon of 19 July, session 50 the morning of
   * 2 September: nothing of the holiday between. */
  g_assert_cmpint (sessions[49].date, ==, D (2024, 7, 19));
  g_assert_cmpint (sessions[49].session, ==, ATT_SESSION_PM);
  g_assert_cmpint (sessions[50].date, ==, D (2024, 9, 2));
  g_assert_cmpint (sessions[50].session, ==, ATT_SESSION_AM);

  /* 60 possible: 58 present, O and G unauthorised; 58 / 60 = 96.7%. */
  totals = att_certificate_get_totals (cert);
  g_assert_cmpuint (totals->possible, ==, 60);
  g_assert_cmpuint (totals->present, ==, 58);
  g_assert_cmpuint (totals->unauthorised, ==, 2);
  g_assert_cmpuint (totals->codes[ATT_CODE_O], ==, 1);
  g_assert_cmpuint (totals->codes[ATT_CODE_G], ==, 1);
  g_assert_cmpuint (totals->missing, ==, 0);
  g_assert_cmpfloat_with_epsilon (att_figures_attendance_pct (totals), 96.7, 0.01);
  g_assert_true (att_certificate_can_finalise (cert, NULL));
  g_assert_cmpuint (att_certificate_get_problems (cert)->len, ==, 0);

  /* Born 1 October 2012: of compulsory school age throughout. */
  g_assert_cmpuint (att_certificate_get_n_outside_age (cert), ==, 0);
  g_assert_cmpuint (att_certificate_get_compulsory_totals (cert)->possible, ==, 60);
}

/* The last 100 sessions of a pupil admitted on Wednesday 4 September:
 * only the 6 sessions from the admission to Friday 6 September. This
 * school year, the same. */
static void
test_admitted_mid_span (Fixture       *f,
                        gconstpointer  data)
{
  AttCertificateSpan last_100 = { ATT_CERTIFICATE_SPAN_LAST_SESSIONS, 100, 0, 0 };
  AttCertificateSpan this_year = { ATT_CERTIFICATE_SPAN_THIS_YEAR, 0, 0, 0 };
  AttCertificateSpan two_years = { ATT_CERTIFICATE_SPAN_THIS_AND_LAST, 0, 0, 0 };
  AttCertificateSpan spans[] = { last_100, this_year, two_years };
  gint64 pupil = att_test_add_pupil (f->db, "Ben", "Ali", 7, D (2012, 10, 1), D (2024, 9, 4),
                                     ATT_DATE_NONE);
  g_autoptr(GError) error = NULL;
  AttCertificate *none;

  mark_present (f, pupil, D (2024, 9, 4), D (2024, 9, 6));
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      g_autoptr(AttCertificate) cert = certificate (f, pupil, &spans[i], D (2024, 9, 6));
      const AttCertificateSession *sessions;
      guint n;

      sessions = att_certificate_get_sessions (cert, &n);
      g_assert_cmpuint (n, ==, 6);
      g_assert_cmpint (sessions[0].date, ==, D (2024, 9, 4));
      g_assert_cmpint (sessions[0].session, ==, ATT_SESSION_AM);
      g_assert_cmpuint (att_certificate_get_totals (cert)->possible, ==, 6);
    }

  /* Before the admission there is nothing to certify. */
  none = att_certificate_new (f->db, pupil, &this_year, D (2024, 9, 3), &error);
  g_assert_null (none);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
}

/* A week of mixed codes, 2 to 6 September:
 *   Mon / \   Tue L \   Wed I I   Thu O G   Fri B M
 * possible 10; present 4 (/, \, L, \); AEA 1 (B); authorised 3 (I, I,
 * M); unauthorised 2 (O, G); attendance (4 + 1) / 10 = 50.0%. */
static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AttCertificate) cert = NULL;
  AttCertificateSpan span = { ATT_CERTIFICATE_SPAN_RANGE, 0, D (2024, 9, 2), D (2024, 9, 6) };
  const AttCertificateCode *codes;
  const AttFigures *totals;
  guint n_codes;
  gint64 pupil = att_test_add_pupil (f->db, "Cara", "Diaz", 7, D (2012, 10, 1), D (2023, 9, 4),
                                     ATT_DATE_NONE);
  static const AttCode week[10] = {
    ATT_CODE_PRESENT_AM, ATT_CODE_PRESENT_PM, ATT_CODE_L, ATT_CODE_PRESENT_PM,
    ATT_CODE_I, ATT_CODE_I, ATT_CODE_O, ATT_CODE_G, ATT_CODE_B, ATT_CODE_M,
  };

  for (guint i = 0; i < 10; i++)
    mark (f, pupil, D (2024, 9, 2) + i / 2, i % 2, week[i]);

  cert = certificate (f, pupil, &span, D (2024, 11, 8));
  totals = att_certificate_get_totals (cert);
  g_assert_cmpuint (totals->possible, ==, 10);
  g_assert_cmpuint (totals->present, ==, 4);
  g_assert_cmpuint (totals->late, ==, 1);
  g_assert_cmpuint (totals->aea, ==, 1);
  g_assert_cmpuint (totals->authorised, ==, 3);
  g_assert_cmpuint (totals->unauthorised, ==, 2);
  g_assert_cmpfloat_with_epsilon (att_figures_attendance_pct (totals), 50.0, 0.01);

  /* The key: the codes used in the DfE table's order, with their counts:
   * / \ L B M I G O. */
  codes = att_certificate_get_codes (cert, &n_codes);
  g_assert_cmpuint (n_codes, ==, 8);
  g_assert_cmpint (codes[0].code, ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpuint (codes[0].count, ==, 1);
  g_assert_cmpint (codes[1].code, ==, ATT_CODE_PRESENT_PM);
  g_assert_cmpuint (codes[1].count, ==, 2);
  g_assert_cmpint (codes[2].code, ==, ATT_CODE_L);
  g_assert_cmpint (codes[3].code, ==, ATT_CODE_B);
  g_assert_cmpint (codes[4].code, ==, ATT_CODE_M);
  g_assert_cmpint (codes[5].code, ==, ATT_CODE_I);
  g_assert_cmpuint (codes[5].count, ==, 2);
  g_assert_cmpint (codes[6].code, ==, ATT_CODE_G);
  g_assert_cmpint (codes[7].code, ==, ATT_CODE_O);
}

/* N on Tuesday 3 September PM and no mark on Thursday 5 September AM:
 * the certificate lists both and cannot be finalised; once the register
 * is put right, it can. */
static void
test_refused_with_n_and_unmarked (Fixture       *f,
                                  gconstpointer  data)
{
  AttCertificateSpan span = { ATT_CERTIFICATE_SPAN_RANGE, 0, D (2024, 9, 2), D (2024, 9, 6) };
  g_autoptr(AttCertificate) cert = NULL;
  g_autoptr(AttCertificate) fixed = NULL;
  g_autoptr(GError) error = NULL;
  const AttCertificateProblem *problem;
  GArray *problems;
  gint64 pupil = att_test_add_pupil (f->db, "Dan", "Evans", 7, D (2012, 10, 1), D (2023, 9, 4),
                                     ATT_DATE_NONE);

  mark_present (f, pupil, D (2024, 9, 2), D (2024, 9, 4));
  mark (f, pupil, D (2024, 9, 3), ATT_SESSION_PM, ATT_CODE_N);
  mark (f, pupil, D (2024, 9, 5), ATT_SESSION_PM, ATT_CODE_PRESENT_PM);
  mark_present (f, pupil, D (2024, 9, 6), D (2024, 9, 6));

  cert = certificate (f, pupil, &span, D (2024, 11, 8));
  problems = att_certificate_get_problems (cert);
  g_assert_cmpuint (problems->len, ==, 2);
  problem = &g_array_index (problems, AttCertificateProblem, 0);
  g_assert_cmpint (problem->date, ==, D (2024, 9, 3));
  g_assert_cmpint (problem->session, ==, ATT_SESSION_PM);
  g_assert_cmpint (problem->kind, ==, ATT_CERTIFICATE_PROBLEM_N);
  problem = &g_array_index (problems, AttCertificateProblem, 1);
  g_assert_cmpint (problem->date, ==, D (2024, 9, 5));
  g_assert_cmpint (problem->session, ==, ATT_SESSION_AM);
  g_assert_cmpint (problem->kind, ==, ATT_CERTIFICATE_PROBLEM_UNMARKED);
  /* The unmarked session is missing, not possible: 9 possible, N among
   * them as unauthorised. */
  g_assert_cmpuint (att_certificate_get_totals (cert)->possible, ==, 9);
  g_assert_cmpuint (att_certificate_get_totals (cert)->missing, ==, 1);

  g_assert_false (att_certificate_can_finalise (cert, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Dan Evans"));
  g_assert_nonnull (strstr (error->message, "2 sessions"));
  g_assert_nonnull (strstr (error->message, "Tue 3 Sep 2024 PM (N)"));
  g_assert_nonnull (strstr (error->message, "Thu 5 Sep 2024 AM (no mark)"));

  mark (f, pupil, D (2024, 9, 3), ATT_SESSION_PM, ATT_CODE_I);
  mark (f, pupil, D (2024, 9, 5), ATT_SESSION_AM, ATT_CODE_PRESENT_AM);
  fixed = certificate (f, pupil, &span, D (2024, 11, 8));
  g_assert_true (att_certificate_can_finalise (fixed, NULL));
}

/* Eight sessions with N: the refusal names the first five and counts
 * the other three. */
static void
test_refusal_names_first_few (Fixture       *f,
                              gconstpointer  data)
{
  AttCertificateSpan span = { ATT_CERTIFICATE_SPAN_RANGE, 0, D (2024, 9, 2), D (2024, 9, 6) };
  g_autoptr(AttCertificate) cert = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pupil = att_test_add_pupil (f->db, "Eve", "Fox", 7, D (2012, 10, 1), D (2023, 9, 4),
                                     ATT_DATE_NONE);

  mark_present (f, pupil, D (2024, 9, 2), D (2024, 9, 3));
  for (AttDate d = D (2024, 9, 3); d <= D (2024, 9, 6); d++)
    for (int s = 0; s < 2; s++)
      mark (f, pupil, d, s, ATT_CODE_N);

  cert = certificate (f, pupil, &span, D (2024, 11, 8));
  g_assert_cmpuint (att_certificate_get_problems (cert)->len, ==, 8);
  g_assert_false (att_certificate_can_finalise (cert, &error));
  g_assert_nonnull (strstr (error->message, "8 sessions"));
  g_assert_nonnull (strstr (error->message, "Thu 5 Sep 2024 AM (N)"));
  g_assert_null (strstr (error->message, "Thu 5 Sep 2024 PM"));
  g_assert_nonnull (strstr (error->message, "and 3 more sessions"));
}

/* Today (Friday 8 November) at 12:00: the morning register has closed
 * (at 09:15, the default) and the afternoon's has not opened (13:15):
 * the certificate up to today ends with the morning, and the morning
 * left unmarked is a problem. */
static void
test_today_until_the_clock (Fixture       *f,
                            gconstpointer  data)
{
  AttCertificateSpan span = { ATT_CERTIFICATE_SPAN_LAST_SESSIONS, 4, 0, 0 };
  g_autoptr(AttCertificate) cert = NULL;
  const AttCertificateSession *sessions;
  guint n;
  gint64 pupil = att_test_add_pupil (f->db, "Fay", "Green", 7, D (2012, 10, 1), D (2023, 9, 4),
                                     ATT_DATE_NONE);

  mark_present (f, pupil, D (2024, 11, 6), D (2024, 11, 7));
  g_setenv ("ATTENDANCE_CLOCK", "12:00", TRUE);
  cert = certificate (f, pupil, &span, D (2024, 11, 8));
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);

  /* Wed PM, Thu AM, Thu PM, Fri AM. */
  sessions = att_certificate_get_sessions (cert, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (sessions[0].date, ==, D (2024, 11, 6));
  g_assert_cmpint (sessions[0].session, ==, ATT_SESSION_PM);
  g_assert_cmpint (sessions[3].date, ==, D (2024, 11, 8));
  g_assert_cmpint (sessions[3].session, ==, ATT_SESSION_AM);
  g_assert_true (sessions[3].past);
  g_assert_cmpuint (att_certificate_get_problems (cert)->len, ==, 1);
}

/* Born 10 March 2008: 16 in the school year 2023/24, so of compulsory
 * school age up to the last Friday of June 2024, the 28th. Of the last
 * 60 sessions up to 6 September: 17 to 28 June (10 days, 20 sessions)
 * within it; 1 to 19 July (15 days, 30 sessions) and 2 to 6 September
 * (10 sessions) after it: 40 sessions outside. */
static void
test_compulsory_school_age (Fixture       *f,
                            gconstpointer  data)
{
  AttCertificateSpan span = { ATT_CERTIFICATE_SPAN_LAST_SESSIONS, 60, 0, 0 };
  g_autoptr(AttCertificate) cert = NULL;
  const AttCertificateSession *sessions;
  guint n;
  gint64 pupil = att_test_add_pupil (f->db, "Gus", "Hill", 11, D (2008, 3, 10), D (2019, 9, 2),
                                     ATT_DATE_NONE);

  mark_present (f, pupil, D (2024, 6, 3), D (2024, 9, 6));
  cert = certificate (f, pupil, &span, D (2024, 9, 6));
  sessions = att_certificate_get_sessions (cert, &n);
  g_assert_cmpuint (n, ==, 60);
  g_assert_true (sessions[19].compulsory);    /* Fri 28 June PM */
  g_assert_cmpint (sessions[19].date, ==, D (2024, 6, 28));
  g_assert_false (sessions[20].compulsory);   /* Mon 1 July AM */
  g_assert_cmpuint (att_certificate_get_n_outside_age (cert), ==, 40);
  g_assert_cmpuint (att_certificate_get_compulsory_totals (cert)->possible, ==, 20);
  g_assert_cmpuint (att_certificate_get_totals (cert)->possible, ==, 60);
}

static void
test_spans (void)
{
  AttCertificateSpan span;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *described = NULL;

  g_assert_true (att_certificate_span_parse ("60", &span, NULL));
  g_assert_cmpint (span.kind, ==, ATT_CERTIFICATE_SPAN_LAST_SESSIONS);
  g_assert_cmpuint (span.n_sessions, ==, 60);
  text = att_certificate_span_to_string (&span);
  g_assert_cmpstr (text, ==, "sessions:60");
  described = att_certificate_span_describe (&span);
  g_assert_cmpstr (described, ==, "The last 60 sessions");
  g_clear_pointer (&text, g_free);

  g_assert_true (att_certificate_span_parse ("two-years", &span, NULL));
  g_assert_cmpint (span.kind, ==, ATT_CERTIFICATE_SPAN_THIS_AND_LAST);
  g_assert_true (att_certificate_span_parse ("range:2024-09-02:2024-10-25", &span, NULL));
  g_assert_cmpint (span.from, ==, D (2024, 9, 2));
  g_assert_cmpint (span.to, ==, D (2024, 10, 25));
  text = att_certificate_span_to_string (&span);
  g_assert_cmpstr (text, ==, "range:2024-09-02:2024-10-25");

  g_assert_false (att_certificate_span_parse ("range:2024-10-25:2024-09-02", &span, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_certificate_span_parse ("0", &span, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_certificate_span_parse ("last-term", &span, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
}

/* The declaration names the active headteacher. */
static void
test_headteacher (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AttUser) head = NULL;
  g_autofree char *name = NULL;

  name = att_certificate_headteacher_name (f->db, NULL);
  g_assert_null (name);
  head = att_test_add_user (f->db, "Helen Head", ATT_ROLE_HEADTEACHER, "Headteacher");
  name = att_certificate_headteacher_name (f->db, NULL);
  g_assert_cmpstr (name, ==, "Helen Head");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/certificate/last-sessions-across-holiday", test_last_sessions_across_holiday);
  ADD ("/certificate/admitted-mid-span", test_admitted_mid_span);
  ADD ("/certificate/totals", test_totals);
  ADD ("/certificate/refused-with-n-and-unmarked", test_refused_with_n_and_unmarked);
  ADD ("/certificate/refusal-names-first-few", test_refusal_names_first_few);
  ADD ("/certificate/today-until-the-clock", test_today_until_the_clock);
  ADD ("/certificate/compulsory-school-age", test_compulsory_school_age);
  ADD ("/certificate/headteacher", test_headteacher);
#undef ADD
  g_test_add_func ("/certificate/spans", test_spans);

  return g_test_run ();
}
