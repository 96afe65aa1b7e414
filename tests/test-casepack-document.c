/* test-casepack-document.c: the registration certificate and the
 * referral pack written to PDF and read back with pdftotext
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "att-case.h"
#include "att-casepack-document.h"
#include "att-certificate-document.h"
#include "att-contacts.h"
#include "att-penalty.h"
#include "att-test-util.h"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
  AttUser   *head;
  gint64     pupil;
} Fixture;

/* Summer 2 of 2023/24 and the autumn term of 2024/25; today Friday 8
 * November 2024. Amina Khan, Year 7, present at every session from 3
 * June but an O on Monday 17 June AM and a G on Friday 6 September PM. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (AttMarkWrite));
  AttCalendar *calendar;

  g_setenv ("ATTENDANCE_TODAY", "2024-11-08", TRUE);
  f->t = att_test_db_new ();
  f->db = f->t->db;
  att_test_add_term (f->db, "Summer 2 2024", D (2024, 6, 3), D (2024, 7, 19));
  att_test_add_term (f->db, "Autumn 1 2024", D (2024, 9, 2), D (2024, 10, 25));
  att_test_add_term (f->db, "Autumn 2 2024", D (2024, 11, 4), D (2024, 12, 20));
  g_assert_true (att_school_set (f->db, att_user_system (), "name", "Riverside Academy", &error));
  f->head = att_test_add_user (f->db, "Helen Head", ATT_ROLE_HEADTEACHER, "Headteacher");
  f->pupil = att_test_add_pupil (f->db, "Amina", "Khan", 7, D (2012, 10, 1), D (2023, 9, 4),
                                 ATT_DATE_NONE);

  calendar = att_db_get_calendar (f->db);
  for (AttDate d = D (2024, 6, 3); d <= D (2024, 11, 7); d++)
    for (int s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
      if (att_calendar_is_school_session (calendar, d, s))
        {
          AttCode code = s == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;
          AttMarkWrite w = { f->pupil, d, s, code, -1, NULL };

          if (d == D (2024, 6, 17) && s == ATT_SESSION_AM)
            w.code = ATT_CODE_O;
          else if (d == D (2024, 9, 6) && s == ATT_SESSION_PM)
            w.code = ATT_CODE_G;
          g_array_append_val (writes, w);
        }
  g_assert_true (att_register_write (f->db, att_user_system (), (AttMarkWrite *)(void *)writes->data,
                                     writes->len, NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->head);
  att_test_db_free (f->t);
}

/* Writes @document to a PDF and returns its text, a string per page. */
static GStrv
write_and_read (Fixture     *f,
                AttDocument *document,
                const char  *name,
                guint       *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->t->dir, name, NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) pages = NULL;
  GStrvBuilder *builder;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  GStrv result;
  int status = 0;

  g_assert_true (att_document_write_pdf (document, path, n_pages, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  pages = g_strsplit (out, "\f", -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; pages[i] != NULL; i++)
    if (pages[i + 1] != NULL || *g_strstrip (pages[i]) != '\0')
      g_strv_builder_add (builder, pages[i]);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  g_assert_cmpuint (g_strv_length (result), ==, *n_pages);
  return result;
}

static char *
all_text (GStrv pages)
{
  return g_strjoinv ("\n", pages);
}

/* The last 60 sessions up to 6 September: 17 June to 19 July and 2 to 6
 * September. 58 present of 60 (96.7%); O and G, 1 each, unauthorised. */
static void
test_certificate_pdf (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->db);
  AttCertificateSpan span = { ATT_CERTIFICATE_SPAN_LAST_SESSIONS, 60, 0, 0 };
  g_autoptr(AttCertificate) cert = att_certificate_new (f->db, f->pupil, &span, D (2024, 9, 6), &error);
  g_autoptr(AttDocument) document = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;

  g_assert_no_error (error);
  document = att_certificate_document_new (cert, head);
  g_assert_false (att_certificate_document_is_draft (ATT_CERTIFICATE_DOCUMENT (document)));
  pages = write_and_read (f, document, "certificate.pdf", &n_pages);
  text = all_text (pages);

  g_assert_nonnull (strstr (pages[0], "Riverside Academy"));
  g_assert_nonnull (strstr (pages[0], "Registration certificate"));
  g_assert_nonnull (strstr (pages[0], "Amina Khan"));
  g_assert_nonnull (strstr (pages[0], "The last 60 sessions: Mon 17 Jun 2024 to Fri 6 Sep 2024 (60 sessions)"));
  /* The weeks of the grid: 17 June to 15 July, then 2 September. */
  g_assert_nonnull (strstr (text, "Week of"));
  g_assert_nonnull (strstr (text, "Mon AM"));
  g_assert_nonnull (strstr (text, "17/06/2024"));
  g_assert_nonnull (strstr (text, "15/07/2024"));
  g_assert_nonnull (strstr (text, "02/09/2024"));
  g_assert_null (strstr (text, "10/06/2024"));
  g_assert_null (strstr (text, "22/07/2024"));
  /* The key: the codes used with their meaning and category. */
  g_assert_nonnull (strstr (text, "Key to the codes used"));
  g_assert_nonnull (strstr (text, "Present (morning)"));
  g_assert_nonnull (strstr (text, "Unauthorised absence"));
  /* The totals. */
  g_assert_true (g_regex_match_simple ("Possible sessions +60", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Present \\(including late, L\\) +58 \\(96\\.7%\\)", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Unauthorised absence +2 \\(3\\.3%\\)", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Unauthorised absence by code +G 1, O 1", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Attendance +96\\.7%", text, 0, 0));
  /* The declaration, by the headteacher, to sign and date. */
  g_assert_nonnull (strstr (text, "Headteacher's declaration"));
  g_assert_nonnull (strstr (text, "School Attendance"));
  g_assert_nonnull (strstr (text, "Helen Head"));
  g_assert_true (g_regex_match_simple ("Signed", text, 0, 0));
  g_assert_null (strstr (text, "DRAFT"));
}

/* This school year and the last, with an N on Tuesday 5 November AM: a
 * draft, DRAFT on every page, the session named to put right; the span
 * runs over several pages, each with its number. */
static void
test_certificate_draft_over_pages (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->db);
  AttCertificateSpan span = { ATT_CERTIFICATE_SPAN_THIS_AND_LAST, 0, 0, 0 };
  g_autoptr(AttCertificate) cert = NULL;
  g_autoptr(AttDocument) document = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *text = NULL;
  AttMarkWrite w = { f->pupil, D (2024, 11, 5), ATT_SESSION_AM, ATT_CODE_N, -1, NULL };
  guint n_pages = 0;

  g_assert_true (att_register_write (f->db, att_user_system (), &w, 1, "test", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  cert = att_certificate_new (f->db, f->pupil, &span, D (2024, 11, 8), &error);
  g_assert_no_error (error);
  document = att_certificate_document_new (cert, head);
  g_assert_true (att_certificate_document_is_draft (ATT_CERTIFICATE_DOCUMENT (document)));
  pages = write_and_read (f, document, "draft.pdf", &n_pages);
  text = all_text (pages);

  g_assert_cmpuint (n_pages, >=, 2);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i + 1, n_pages);

      g_assert_nonnull (strstr (pages[i], "DRAFT"));
      g_assert_nonnull (strstr (pages[i], number));
    }
  /* Sessions of both years: 3 June 2024 to Friday 8 November. */
  g_assert_nonnull (strstr (text, "03/06/2024"));
  g_assert_nonnull (strstr (text, "04/11/2024"));
  g_assert_nonnull (strstr (text, "To put right before this certificate is final"));
  g_assert_nonnull (strstr (text, "Tue 5 Nov 2024"));
  g_assert_nonnull (strstr (text, "N: the reason is not yet known"));
  /* Friday 8 November has no mark yet: today's registers have closed. */
  g_assert_nonnull (strstr (text, "Fri 8 Nov 2024"));
}

static gint64
add_contact (Fixture    *f,
             gint64      pupil,
             int         priority,
             const char *title,
             const char *forename,
             const char *surname,
             const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) c = att_contact_new ();
  gint64 id;

  c->pupil_id = pupil;
  c->priority = priority;
  c->title = g_strdup (title);
  c->forename = g_strdup (forename);
  c->surname = g_strdup (surname);
  c->relationship = g_strdup (priority == 1 ? "Mother" : "Father");
  c->parental_responsibility = TRUE;
  c->lives_with = TRUE;
  c->address_1 = g_strdup ("12 Mill Lane");
  c->postcode = g_strdup ("RV1 2AB");
  c->email = g_strdup (email);
  id = att_contacts_save (f->db, att_user_system (), c, &error);
  g_assert_no_error (error);
  return id;
}

/* The full pack: every section's heading, in the profile's order; the
 * father's details, checked on 1 March, flagged for re-checking; the
 * mother's, checked on 1 October, not; Ben Khan on roll as a brother. */
static void
test_casepack_pdf (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->db);
  g_autoptr(AttDocument) document = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *text = NULL;
  AttLaProfile profile;
  const char *last = NULL;
  gint64 ben = att_test_add_pupil (f->db, "Ben", "Khan", 9, D (2010, 10, 1), D (2021, 9, 1), ATT_DATE_NONE);
  guint n_pages = 0;

  g_setenv ("ATTENDANCE_TODAY", "2024-03-01", TRUE);
  add_contact (f, f->pupil, 2, "Mr", "Tariq", "Khan", NULL);
  g_setenv ("ATTENDANCE_TODAY", "2024-10-01", TRUE);
  add_contact (f, f->pupil, 1, "Mrs", "Sana", "Khan", "sana@example.org");
  add_contact (f, ben, 1, "Mrs", "Sana", "Khan", "sana@example.org");
  g_setenv ("ATTENDANCE_TODAY", "2024-11-08", TRUE);
  {
    g_autoptr(AttCaseSupport) support = att_case_support_new ();

    support->pupil_id = f->pupil;
    support->date = D (2024, 10, 3);
    support->kind = ATT_CASE_SUPPORT_EARLY_HELP;
    support->agency = g_strdup ("Riverside Early Help Team");
    support->detail = g_strdup ("Family offered an early help assessment");
    g_assert_cmpint (att_case_support_add (f->db, f->head, support, &error), >, 0);
    g_assert_no_error (error);
  }

  document = att_casepack_document_new (f->db, f->pupil, D (2024, 11, 7), head, &error);
  g_assert_no_error (error);
  pages = write_and_read (f, document, "casepack.pdf", &n_pages);
  text = all_text (pages);

  g_assert_nonnull (strstr (pages[0], "Riverside Academy"));
  g_assert_nonnull (strstr (pages[0], "Referral pack: Amina Khan"));
  g_assert_true (att_la_profile_load (f->db, &profile, NULL));
  for (guint i = 0; i < profile.n_sections; i++)
    {
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1,
                                                  att_casepack_section_describe (profile.sections[i]));
      const char *at = strstr (text, heading);

      g_test_message ("%s", heading);
      g_assert_nonnull (at);
      g_assert_true (last == NULL || at > last);
      last = at;
    }
  g_assert_true (g_regex_match_simple ("Sana Khan", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Fri 1 Mar 2024, over six months ago: RE-CHECK", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Details checked +Tue 1 Oct 2024\n", text, 0, 0));
  g_assert_nonnull (strstr (text, "Ben Khan"));
  /* Early help, in its section and in the chronology. */
  g_assert_nonnull (strstr (text, "Riverside Early"));
  g_assert_nonnull (strstr (text, "Family offered"));
  g_assert_nonnull (strstr (text, "Thu 3 Oct 2024"));
  /* The certificate of this year and the last, and the declaration. */
  g_assert_nonnull (strstr (text, "Registration certificate"));
  g_assert_nonnull (strstr (text, "03/06/2024"));
  g_assert_nonnull (strstr (text, "Helen Head"));
  g_assert_null (strstr (text, "DRAFT"));
  /* The school year at a glance, to the pack's day: its months and key. */
  g_assert_nonnull (strstr (text, "Every session of the school year 2024/25 to Thu 7 Nov 2024"));
  g_assert_nonnull (strstr (text, "Sep 2024"));
  g_assert_nonnull (strstr (text, "Aug 2025"));
  g_assert_nonnull (strstr (text, "Unauthorised absence"));
  g_assert_nonnull (strstr (text, "Last 10 school weeks"));
}

/* A short pack in the profile's own order; refused while the certificate
 * holds an N, naming the session. */
static void
test_casepack_profile_and_refusal (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->db);
  g_autoptr(AttDocument) document = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *text = NULL;
  AttDocument *refused;
  AttLaProfile profile;
  AttMarkWrite w = { f->pupil, D (2024, 10, 1), ATT_SESSION_PM, ATT_CODE_N, -1, NULL };
  guint n_pages = 0;

  g_assert_true (att_la_profile_preset ("short", &profile, NULL));
  g_assert_true (att_la_profile_parse_sections (&profile, "letters,pupil,certificate", NULL));
  g_assert_true (att_la_profile_save (f->db, f->head, &profile, &error));
  g_assert_no_error (error);

  document = att_casepack_document_new (f->db, f->pupil, D (2024, 11, 7), head, &error);
  g_assert_no_error (error);
  pages = write_and_read (f, document, "short.pdf", &n_pages);
  text = all_text (pages);
  g_assert_nonnull (strstr (text, "1. Letters sent"));
  g_assert_nonnull (strstr (text, "2. The pupil"));
  g_assert_nonnull (strstr (text, "3. Registration certificate"));
  g_assert_null (strstr (text, "Parents and carers"));
  g_assert_null (strstr (text, "declaration"));
  g_assert_null (strstr (text, "at a glance"));
  /* The last 60 sessions up to Thursday 7 November. */
  g_assert_nonnull (strstr (text, "The last 60 sessions"));

  g_assert_true (att_register_write (f->db, att_user_system (), &w, 1, "test", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  refused = att_casepack_document_new (f->db, f->pupil, D (2024, 11, 7), head, &error);
  g_assert_null (refused);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Tue 1 Oct 2024 PM (N)"));
}

/* A breach considered on 7 November, deciding a notice to improve, and
 * the notice issued that day: both in the pack, with the school's
 * reasons and the improvement period. Amina's O marks: every session of
 * 14 to 18 October (10). The ten school weeks up to 7 November run from
 * the week of 15 July (half term and the summer have no school week):
 * those 10 and the G of 6 September are 11; the O of 17 June is before. */
static void
test_casepack_penalty_sections (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->db);
  g_autoptr(AttDocument) document = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (AttMarkWrite));
  g_auto(GStrv) pages = NULL;
  g_autofree char *text = NULL;
  AttPenaltyConsideration consideration = { 0, };
  guint n_pages = 0;
  gint64 id;

  for (AttDate d = D (2024, 10, 14); d <= D (2024, 10, 18); d++)
    for (int s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
      {
        AttMarkWrite w = { f->pupil, d, s, ATT_CODE_O, -1, NULL };

        g_array_append_val (writes, w);
      }
  g_assert_true (att_register_write (f->db, att_user_system (), (AttMarkWrite *)(void *)writes->data,
                                     writes->len, "test", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  consideration.pupil_id = f->pupil;
  consideration.as_of = D (2024, 11, 7);
  consideration.support_offered = (char *)"A meeting with the family on 21 October";
  consideration.notice_best_tool = (char *)"Not yet: a notice to improve first";
  consideration.equality = (char *)"No protected characteristic bears on the absence";
  consideration.agencies = (char *)"None";
  consideration.decision = ATT_PENALTY_NOTICE_TO_IMPROVE;
  consideration.rationale = (char *)"A week of holiday in term time, first offence";
  id = att_penalty_consider (f->db, f->head, &consideration, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  id = att_penalty_improve_start (f->db, f->head, f->pupil, D (2024, 11, 7), 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  document = att_casepack_document_new (f->db, f->pupil, D (2024, 11, 7), head, &error);
  g_assert_no_error (error);
  pages = write_and_read (f, document, "penalty.pdf", &n_pages);
  text = all_text (pages);
  g_assert_nonnull (strstr (text, "9. The school's consideration"));
  g_assert_nonnull (strstr (text, "11 unauthorised sessions between"));
  g_assert_nonnull (strstr (text, "No protected characteristic"));
  g_assert_nonnull (strstr (text, "A week of holiday in term time"));
  g_assert_nonnull (strstr (text, att_penalty_decision_describe (ATT_PENALTY_NOTICE_TO_IMPROVE)));
  g_assert_nonnull (strstr (text, "10. Notice to improve"));
  g_assert_true (g_regex_match_simple ("Improvement period +4 school weeks, to ", text, 0, 0));
  g_assert_nonnull (strstr (text, att_improve_outcome_describe (ATT_IMPROVE_NONE)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/casepack-document/certificate", test_certificate_pdf);
  ADD ("/casepack-document/certificate-draft-over-pages", test_certificate_draft_over_pages);
  ADD ("/casepack-document/casepack", test_casepack_pdf);
  ADD ("/casepack-document/profile-and-refusal", test_casepack_profile_and_refusal);
  ADD ("/casepack-document/penalty-sections", test_casepack_penalty_sections);
#undef ADD

  return g_test_run ();
}
