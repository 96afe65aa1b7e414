/* letter-batch-fixture.h: the school of the letter batch tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school's half term "Autumn 1 2024" starts on Monday 2 September
 * 2024; today is Friday 13 September: ten school days, 20 sessions.
 *   Amira Khan: absent Mon 9 Sep (O, both sessions) and Tue 10 Sep am (I),
 *               so she attended 17 of 20 sessions, 85.0%: persistently
 *               absent (3 of 20 missed is 15%, at least 10%). Her mother
 *               and father at 12 Mill Lane, MB4 2QT, and Mr Omar Haddad
 *               at 3 Weavers Row: two letters. No mobiles.
 *   Ben Baker:  present at all 20 sessions, 100.0%. Ms Jo Baker at
 *               8 Elm Road, mobile 07700 900123: one letter, one text.
 *   Cara Cole:  N on Wed 11 Sep am, nothing on Thu 12 Sep pm, present
 *               otherwise: the data check says her figures hold 1 N and
 *               1 unmarked session. Mr Carl Cole at 4 Park Way.
 *   Dan Dunn:   present every session; his one parent has no address:
 *               no letter, and the data check says why.
 */
#pragma once

#include <stdarg.h>

#include "att-register.h"
#include "att-test-util.h"

#define AS_OF D (2024, 9, 13)

typedef struct
{
  AttTestSchool s;
  gint64        amira;
  gint64        ben;
  gint64        cara;
  gint64        dan;
} Fixture;

static inline void
add_contact (Fixture    *f,
             gint64      pupil,
             int         priority,
             const char *title,
             const char *forename,
             const char *surname,
             const char *address_1,
             const char *postcode,
             const char *mobile)
{
  g_autoptr(AttContact) c = att_contact_new ();
  g_autoptr(GError) error = NULL;

  c->pupil_id = pupil;
  c->priority = priority;
  c->title = g_strdup (title);
  c->forename = g_strdup (forename);
  c->surname = g_strdup (surname);
  c->relationship = g_strdup ("Parent");
  c->parental_responsibility = TRUE;
  c->receives_letters = TRUE;
  c->address_1 = g_strdup (address_1);
  c->town = g_strdup (address_1 != NULL ? "Millbrook" : NULL);
  c->postcode = g_strdup (postcode);
  c->phone_mobile = g_strdup (mobile);
  att_contacts_save (f->s.db, att_user_system (), c, &error);
  g_assert_no_error (error);
}

/* Every session of 2 to 13 September present, but for @n_except
 * sessions given as date, session, code (ATT_CODE_NONE: left blank). */
static inline void
mark_fortnight (Fixture *f,
                gint64   pupil,
                guint    n_except,
                ...)
{
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (AttMarkWrite));
  g_autoptr(GError) error = NULL;
  AttDate except_date[4];
  int except_session[4];
  AttCode except_code[4];
  va_list args;

  va_start (args, n_except);
  for (guint i = 0; i < n_except; i++)
    {
      except_date[i] = va_arg (args, AttDate);
      except_session[i] = va_arg (args, int);
      except_code[i] = va_arg (args, int);
    }
  va_end (args);

  for (AttDate day = D (2024, 9, 2); day <= AS_OF; day++)
    {
      if (day == D (2024, 9, 7) || day == D (2024, 9, 8))
        continue;
      for (int session = ATT_SESSION_AM; session <= ATT_SESSION_PM; session++)
        {
          AttMarkWrite w = { pupil, day, session,
                             session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM,
                             -1, NULL };
          gboolean skip = FALSE;

          for (guint i = 0; i < n_except; i++)
            if (except_date[i] == day && except_session[i] == session)
              {
                skip = except_code[i] == ATT_CODE_NONE;
                w.code = except_code[i];
              }
          if (!skip)
            g_array_append_val (writes, w);
        }
    }
  g_assert_true (att_register_write (f->s.db, f->s.officer, (AttMarkWrite *)writes->data, writes->len,
                                     NULL, ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-13", TRUE);
  att_test_school_init (&f->s);
  f->amira = att_test_school_add_pupil (&f->s, "Amira", "Khan", D (2012, 10, 1));
  f->ben = att_test_school_add_pupil (&f->s, "Ben", "Baker", D (2012, 11, 1));
  f->cara = att_test_school_add_pupil (&f->s, "Cara", "Cole", D (2012, 12, 1));
  f->dan = att_test_school_add_pupil (&f->s, "Dan", "Dunn", D (2013, 1, 1));
  add_contact (f, f->amira, 1, "Mrs", "Sana", "Khan", "12 Mill Lane", "MB4 2QT", NULL);
  add_contact (f, f->amira, 2, "Mr", "Omar", "Haddad", "3 Weavers Row", "MB2 6HL", NULL);
  add_contact (f, f->amira, 3, "Mr", "Tariq", "Khan", "12 Mill Lane", "MB4 2QT", NULL);
  add_contact (f, f->ben, 1, "Ms", "Jo", "Baker", "8 Elm Road", "MB1 1AA", "07700 900123");
  add_contact (f, f->cara, 1, "Mr", "Carl", "Cole", "4 Park Way", "MB3 3CC", NULL);
  add_contact (f, f->dan, 1, "Ms", "Dee", "Dunn", NULL, NULL, "07700 900456");

  mark_fortnight (f, f->amira, 3, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_O,
                  D (2024, 9, 9), ATT_SESSION_PM, ATT_CODE_O, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_I);
  mark_fortnight (f, f->ben, 0);
  mark_fortnight (f, f->cara, 2, D (2024, 9, 11), ATT_SESSION_AM, ATT_CODE_N,
                  D (2024, 9, 12), ATT_SESSION_PM, ATT_CODE_NONE);
  mark_fortnight (f, f->dan, 0);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_test_school_clear (&f->s);
}

