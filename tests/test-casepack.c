/* test-casepack.c: the local authority's profile, contacts' checked
 * date, brothers and sisters on roll, and the referral pack's contents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-case.h"
#include "att-casepack.h"
#include "att-contacts.h"
#include "att-la-profile.h"
#include "att-db-private.h"
#include "att-import-private.h"
#include "att-test-util.h"

typedef struct
{
  AttTestDb *t;
  AttDb     *db;
  AttUser   *head;
  AttUser   *officer;
  AttUser   *receptionist;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);
  f->t = att_test_db_new ();
  f->db = f->t->db;
  att_test_add_term (f->db, "Autumn 1 2024", D (2024, 9, 2), D (2024, 10, 25));
  f->head = att_test_add_user (f->db, "Helen Head", ATT_ROLE_HEADTEACHER, "Headteacher");
  f->officer = att_test_add_user (f->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, NULL);
  f->receptionist = att_test_add_user (f->db, "Rita Reception", ATT_ROLE_RECEPTIONIST, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->head);
  att_user_free (f->officer);
  att_user_free (f->receptionist);
  att_test_db_free (f->t);
}

static gint64
add_contact (Fixture    *f,
             gint64      pupil,
             int         priority,
             const char *surname,
             const char *postcode,
             const char *email,
             const char *mobile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) c = att_contact_new ();
  gint64 id;

  c->pupil_id = pupil;
  c->priority = priority;
  c->title = g_strdup ("Mrs");
  c->forename = g_strdup ("Sam");
  c->surname = g_strdup (surname);
  c->relationship = g_strdup ("Mother");
  c->parental_responsibility = TRUE;
  c->postcode = g_strdup (postcode);
  c->email = g_strdup (email);
  c->phone_mobile = g_strdup (mobile);
  id = att_contacts_save (f->db, f->officer, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static AttContact *
contact_of (Fixture *f,
            gint64   pupil,
            gint64   id)
{
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (f->db, pupil, NULL);

  for (guint i = 0; i < contacts->len; i++)
    {
      AttContact *c = g_ptr_array_index (contacts, i);

      if (c->id == id)
        return att_contact_copy (c);
    }
  g_assert_not_reached ();
}

/* Rows of the audit log with @action. */
static guint
count_audit (Fixture    *f,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = att_audit_query (f->db, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((AttAuditEntry *)g_ptr_array_index (rows, i))->action, action) == 0)
      n++;
  return n;
}

/* ------------------------------------------------------------------ */
/* The profile                                                        */
/* ------------------------------------------------------------------ */

static void
test_profile_default_and_presets (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sections = NULL;
  AttLaProfile profile;

  /* Never set: the full pack, this year and the last. */
  g_assert_true (att_la_profile_load (f->db, &profile, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (profile.n_sections, ==, ATT_CASEPACK_N_SECTIONS);
  g_assert_cmpint (profile.sections[0], ==, ATT_CASEPACK_PUPIL);
  /* The year at a glance after the certificate; the declaration last. */
  g_assert_cmpint (profile.sections[5], ==, ATT_CASEPACK_YEAR_CALENDAR);
  g_assert_cmpint (profile.sections[10], ==, ATT_CASEPACK_DECLARATION);
  g_assert_cmpint (profile.span.kind, ==, ATT_CERTIFICATE_SPAN_THIS_AND_LAST);

  g_assert_true (att_la_profile_preset ("short", &profile, &error));
  sections = att_la_profile_sections_to_string (&profile);
  g_assert_cmpstr (sections, ==, "pupil,parents,certificate,letters,declaration");
  g_assert_cmpint (profile.span.kind, ==, ATT_CERTIFICATE_SPAN_LAST_SESSIONS);
  g_assert_cmpuint (profile.span.n_sessions, ==, 60);
  g_assert_false (att_la_profile_has_section (&profile, ATT_CASEPACK_CHRONOLOGY));

  for (const char * const *name = att_la_profile_preset_names (); *name != NULL; name++)
    {
      g_assert_true (att_la_profile_preset (*name, &profile, &error));
      g_assert_true (att_la_profile_validate (&profile, &error));
      g_assert_no_error (error);
      g_assert_nonnull (att_la_profile_preset_describe (*name));
    }

  g_assert_false (att_la_profile_preset ("everything", &profile, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "full, short"));
}

static void
test_profile_save (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sections = NULL;
  AttLaProfile profile, loaded;

  g_assert_true (att_la_profile_preset ("full", &profile, NULL));
  g_assert_true (att_la_profile_parse_sections (&profile, "certificate, pupil ,declaration", &error));
  g_assert_no_error (error);
  g_assert_true (att_certificate_span_parse ("100", &profile.span, NULL));

  /* Settings are for those who may change them. */
  g_assert_false (att_la_profile_save (f->db, f->officer, &profile, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (att_la_profile_save (f->db, f->head, &profile, &error));
  g_assert_no_error (error);
  g_assert_true (att_la_profile_load (f->db, &loaded, &error));
  sections = att_la_profile_sections_to_string (&loaded);
  g_assert_cmpstr (sections, ==, "certificate,pupil,declaration");
  g_assert_cmpuint (loaded.span.n_sessions, ==, 100);

  g_assert_cmpuint (count_audit (f, "school.la-profile"), ==, 1);

  /* A section twice, an unknown one: refused naming it, nothing kept. */
  g_assert_false (att_la_profile_parse_sections (&profile, "pupil,letters,pupil", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“pupil”"));
  g_clear_error (&error);
  g_assert_false (att_la_profile_parse_sections (&profile, "pupil,school-report", &error));
  g_assert_nonnull (strstr (error->message, "“school-report”"));
  g_assert_cmpuint (profile.n_sections, ==, 3);
}

/* ------------------------------------------------------------------ */
/* Contacts                                                           */
/* ------------------------------------------------------------------ */

/* Checked on 15 March 2024: due again on 16 September, six months and a
 * day later; on 15 September, six months exactly, not yet. Checked on 31
 * August: six months on is the last day of February, so due on 1 March. */
static void
test_stale_at_six_months (void)
{
  g_autoptr(AttContact) c = att_contact_new ();

  g_assert_true (att_contact_details_stale (c, D (2024, 3, 15)));   /* never checked */
  g_assert_cmpint (att_contact_details_recheck_date (c), ==, ATT_DATE_NONE);

  c->details_checked = D (2024, 3, 15);
  g_assert_cmpint (att_contact_details_recheck_date (c), ==, D (2024, 9, 16));
  g_assert_false (att_contact_details_stale (c, D (2024, 3, 15)));
  g_assert_false (att_contact_details_stale (c, D (2024, 9, 15)));
  g_assert_true (att_contact_details_stale (c, D (2024, 9, 16)));

  c->details_checked = D (2024, 8, 31);
  g_assert_cmpint (att_contact_details_recheck_date (c), ==, D (2025, 3, 1));
  g_assert_false (att_contact_details_stale (c, D (2025, 2, 28)));
  g_assert_true (att_contact_details_stale (c, D (2025, 3, 1)));
  c->details_checked = D (2023, 8, 31);   /* 2024 is a leap year */
  g_assert_cmpint (att_contact_details_recheck_date (c), ==, D (2024, 3, 1));
}

/* Added on 15 March: checked then. Saved again unchanged on 1 June: still
 * 15 March. A new mobile number on 2 June: checked that day. Confirmed
 * with the family on 20 September: that day, audited. */
static void
test_checked_date_kept (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) c = NULL;
  gint64 pupil = att_test_add_pupil (f->db, "Amina", "Khan", 7, D (2012, 10, 1), D (2023, 9, 4),
                                     ATT_DATE_NONE);
  gint64 id;

  g_setenv ("ATTENDANCE_TODAY", "2024-03-15", TRUE);
  id = add_contact (f, pupil, 1, "Khan", "B1 1AA", NULL, "07700 900001");
  c = contact_of (f, pupil, id);
  g_assert_cmpint (c->details_checked, ==, D (2024, 3, 15));

  g_setenv ("ATTENDANCE_TODAY", "2024-06-01", TRUE);
  c->priority = 2;   /* the order of calling is not a detail */
  g_assert_cmpint (att_contacts_save (f->db, f->officer, c, &error), ==, id);
  g_assert_cmpint (c->details_checked, ==, D (2024, 3, 15));
  g_clear_pointer (&c, att_contact_free);
  c = contact_of (f, pupil, id);
  g_assert_cmpint (c->details_checked, ==, D (2024, 3, 15));

  g_setenv ("ATTENDANCE_TODAY", "2024-06-02", TRUE);
  g_free (c->phone_mobile);
  c->phone_mobile = g_strdup ("07700 900002");
  g_assert_cmpint (att_contacts_save (f->db, f->officer, c, &error), ==, id);
  g_clear_pointer (&c, att_contact_free);
  c = contact_of (f, pupil, id);
  g_assert_cmpint (c->details_checked, ==, D (2024, 6, 2));

  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);
  /* A receptionist may not; a later day may not be confirmed; nor
   * another pupil's contact. */
  g_assert_false (att_contacts_confirm (f->db, f->receptionist, pupil, id, D (2024, 9, 20), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (att_contacts_confirm (f->db, f->officer, pupil, id, D (2024, 9, 21), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (att_contacts_confirm (f->db, f->officer, pupil, id + 100, D (2024, 9, 20), &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (att_contacts_confirm (f->db, f->officer, pupil, id, D (2024, 9, 20), &error));
  g_assert_no_error (error);
  g_clear_pointer (&c, att_contact_free);
  c = contact_of (f, pupil, id);
  g_assert_cmpint (c->details_checked, ==, D (2024, 9, 20));

  g_assert_cmpuint (count_audit (f, "contacts.confirm"), ==, 1);
  g_assert_cmpint (att_audit_kind_for_action ("contacts.confirm"), ==, ATT_AUDIT_CONTACT);
  g_assert_cmpstr (att_audit_describe_action ("contacts.confirm"), ==,
                   "Contact’s details checked with the family");
}

/* An import that changes a contact's details checks them that day; one
 * that leaves them as they are keeps the day they were checked. */
static void
test_checked_date_by_import (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttContact) c = NULL;
  g_autoptr(AttPupil) pupil = att_test_pupil_new ("Ben", "Ali", 7, "7A", D (2012, 10, 1), D (2023, 9, 4));
  gint64 pupil_id = att_test_save_pupil (f->db, g_object_ref (pupil));
  g_autofree char *csv = NULL;
  g_autofree char *changed = NULL;
  const char *header = "upn,priority,title,forename,surname,relationship,parental_responsibility,"
                       "lives_with,receives_letters,phone_mobile,postcode\n";
  gint64 id;

  g_setenv ("ATTENDANCE_TODAY", "2024-03-15", TRUE);
  csv = g_strdup_printf ("%s%s,1,Mr,Omar,Ali,Father,Y,Y,Y,07700 900003,B1 1AA\n", header, pupil->upn);
  g_assert_true (att_import_contacts_data (f->db, f->head, "contacts.csv", csv, strlen (csv),
                                           FALSE, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (f->db, pupil_id, NULL);

    g_assert_cmpuint (contacts->len, ==, 1);
    id = ((AttContact *)g_ptr_array_index (contacts, 0))->id;
  }
  c = contact_of (f, pupil_id, id);
  g_assert_cmpint (c->details_checked, ==, D (2024, 3, 15));
  g_clear_pointer (&c, att_contact_free);

  g_setenv ("ATTENDANCE_TODAY", "2024-05-01", TRUE);
  g_assert_true (att_import_contacts_data (f->db, f->head, "contacts.csv", csv, strlen (csv),
                                           FALSE, NULL, &error));
  c = contact_of (f, pupil_id, id);
  g_assert_cmpint (c->details_checked, ==, D (2024, 3, 15));
  g_clear_pointer (&c, att_contact_free);

  changed = g_strdup_printf ("%s%s,1,Mr,Omar,Ali,Father,Y,Y,Y,07700 900004,B1 1AA\n", header, pupil->upn);
  g_assert_true (att_import_contacts_data (f->db, f->head, "contacts.csv", changed, strlen (changed),
                                           FALSE, NULL, &error));
  g_assert_no_error (error);
  c = contact_of (f, pupil_id, id);
  g_assert_cmpint (c->details_checked, ==, D (2024, 5, 1));
  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);
}

/* Amina's mother: Mrs Khan of B1 1AA, sana@example.org, 07700 900001.
 *   Ben: a Khan at "b11aa"                  -> the same surname and postcode
 *   Cal: sana@EXAMPLE.org, another surname  -> the same e-mail
 *   Dee: +44 7700 900001                    -> the same mobile
 *   Eli: a Khan at another postcode         -> not (the surname alone)
 *   Fin: as Ben, but left in July           -> not on roll
 *   Gia: no contact in common               -> not
 * Siblings on roll: Ben, Cal, Dee, by surname. */
static void
test_siblings_rule (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  gint64 amina = att_test_add_pupil (f->db, "Amina", "Khan", 7, D (2012, 10, 1), D (2023, 9, 4), ATT_DATE_NONE);
  gint64 ben = att_test_add_pupil (f->db, "Ben", "Khan", 9, D (2010, 10, 1), D (2021, 9, 1), ATT_DATE_NONE);
  gint64 cal = att_test_add_pupil (f->db, "Cal", "Morris", 5, D (2014, 10, 1), D (2023, 9, 4), ATT_DATE_NONE);
  gint64 dee = att_test_add_pupil (f->db, "Dee", "Ngata", 3, D (2016, 10, 1), D (2023, 9, 4), ATT_DATE_NONE);
  gint64 eli = att_test_add_pupil (f->db, "Eli", "Khan", 8, D (2011, 10, 1), D (2023, 9, 4), ATT_DATE_NONE);
  gint64 fin = att_test_add_pupil (f->db, "Fin", "Khan", 11, D (2008, 10, 1), D (2019, 9, 2), D (2024, 7, 19));
  gint64 gia = att_test_add_pupil (f->db, "Gia", "Lopez", 7, D (2012, 10, 1), D (2023, 9, 4), ATT_DATE_NONE);

  add_contact (f, amina, 1, "Khan", "B1 1AA", "sana@example.org", "07700 900001");
  add_contact (f, ben, 1, "KHAN", "b11aa", NULL, NULL);
  add_contact (f, cal, 1, "Morris", "B9 9ZZ", "sana@EXAMPLE.org", NULL);
  add_contact (f, dee, 1, "Ngata", "B8 8YY", NULL, "+44 7700 900001");
  add_contact (f, eli, 1, "Khan", "B2 2BB", "other@example.org", "07700 900009");
  add_contact (f, fin, 1, "Khan", "B1 1AA", NULL, NULL);
  add_contact (f, gia, 1, "Lopez", "B1 1AB", "gia@example.org", "07700 900010");

  siblings = att_contacts_siblings_on_roll (f->db, amina, D (2024, 9, 20), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (siblings->len, ==, 3);
  g_assert_cmpint (((AttPupil *)g_ptr_array_index (siblings, 0))->id, ==, ben);
  g_assert_cmpint (((AttPupil *)g_ptr_array_index (siblings, 1))->id, ==, cal);
  g_assert_cmpint (((AttPupil *)g_ptr_array_index (siblings, 2))->id, ==, dee);
  g_clear_pointer (&siblings, g_ptr_array_unref);

  /* In July Fin was still on roll. */
  siblings = att_contacts_siblings_on_roll (f->db, amina, D (2024, 7, 19), &error);
  g_assert_cmpuint (siblings->len, ==, 4);
  g_assert_cmpint (((AttPupil *)g_ptr_array_index (siblings, 1))->id, ==, fin);
}

/* The pack reads what its profile asks for, up to its day: a short
 * profile reads no support and no certificate beyond its own; the
 * support recorded after the as-of day is left out; two contacts, one
 * checked in March (stale in October), one never (stale). Only those who
 * do casework record that the pack was made, and it is logged. */
static void
test_collect (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttCasepack) pack = NULL;
  g_autoptr(AttCasepack) full = NULL;
  AttLaProfile profile;
  gint64 pupil = att_test_add_pupil (f->db, "Amina", "Khan", 7, D (2012, 10, 1), D (2023, 9, 4),
                                     ATT_DATE_NONE);
  gint64 id;

  g_setenv ("ATTENDANCE_TODAY", "2024-03-15", TRUE);
  add_contact (f, pupil, 1, "Khan", "B1 1AA", NULL, NULL);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);
  id = add_contact (f, pupil, 2, "Khan", "B1 1AA", NULL, NULL);
  g_assert_true (att_db_exec (f->db, "UPDATE contacts SET details_checked_date = NULL WHERE priority = 2", NULL));
  g_assert_cmpint (id, >, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(AttCaseSupport) support = att_case_support_new ();

      support->pupil_id = pupil;
      support->date = i == 0 ? D (2024, 9, 10) : D (2024, 9, 19);
      support->kind = ATT_CASE_SUPPORT_AGENCY;
      support->agency = g_strdup ("School nurse");
      support->detail = g_strdup ("Referred");
      g_assert_cmpint (att_case_support_add (f->db, f->officer, support, &error), >, 0);
      g_assert_no_error (error);
    }

  g_assert_true (att_la_profile_preset ("short", &profile, NULL));
  pack = att_casepack_collect (f->db, pupil, D (2024, 9, 18), &profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pack->contacts->len, ==, 2);
  g_assert_cmpuint (pack->support->len, ==, 0);       /* not in the short pack */
  g_assert_cmpuint (pack->siblings->len, ==, 0);
  g_assert_nonnull (pack->certificate);
  g_assert_cmpstr (pack->headteacher, ==, "Helen Head");
  /* 15 March + 6 months = 15 September: stale from the 16th; the other
   * never checked. */
  g_assert_cmpuint (att_casepack_n_stale_contacts (pack), ==, 2);
  /* Nothing is marked from 2 to 18 September: 26 sessions with no mark. */
  g_assert_false (att_casepack_can_finalise (pack, &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_clear_error (&error);

  full = att_casepack_collect (f->db, pupil, D (2024, 9, 18), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full->profile.n_sections, ==, ATT_CASEPACK_N_SECTIONS);
  g_assert_cmpuint (full->support->len, ==, 1);       /* the 19th is after the pack's day */

  g_assert_false (att_casepack_record_export (f->db, f->receptionist, pack, "/tmp/pack.pdf", &error));
  g_assert_error (error, ATT_ERROR, ATT_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (att_casepack_record_export (f->db, f->officer, pack, "/tmp/pack.pdf", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (f, "export.casepack"), ==, 1);
  g_assert_cmpint (att_audit_kind_for_action ("export.casepack"), ==, ATT_AUDIT_EXPORT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/casepack/profile/default-and-presets", test_profile_default_and_presets);
  ADD ("/casepack/profile/save", test_profile_save);
  ADD ("/casepack/contacts/checked-date-kept", test_checked_date_kept);
  ADD ("/casepack/contacts/checked-date-by-import", test_checked_date_by_import);
  ADD ("/casepack/siblings", test_siblings_rule);
  ADD ("/casepack/collect", test_collect);
#undef ADD
  g_test_add_func ("/casepack/contacts/stale-at-six-months", test_stale_at_six_months);

  return g_test_run ();
}
