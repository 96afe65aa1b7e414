/* att-test-util.h: helpers shared by the unit tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attendance-core.h"

G_BEGIN_DECLS

/* A fresh database in a temporary folder, removed by att_test_db_free. */
typedef struct
{
  char  *dir;
  char  *path;
  AttDb *db;
} AttTestDb;

AttTestDb *att_test_db_new   (void);
void       att_test_db_free  (AttTestDb *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttTestDb, att_test_db_free)

/* A pupil with a valid UPN that no other pupil of the test program has,
 * the names, year and registration groups given, female, no SEN, born
 * @dob and admitted on @admission. The test sets anything else it needs
 * before att_test_save_pupil(). */
AttPupil  *att_test_pupil_new  (const char *forename,
                                const char *surname,
                                int         year,
                                const char *group,
                                AttDate     dob,
                                AttDate     admission);
/* Adds and saves a pupil of att_test_pupil_new() in RA for Reception
 * (@year 0) and 7A otherwise, leaving on @leaving (or ATT_DATE_NONE),
 * and returns its id. */
gint64     att_test_add_pupil  (AttDb      *db,
                                const char *forename,
                                const char *surname,
                                int         year,
                                AttDate     dob,
                                AttDate     admission,
                                AttDate     leaving);
/* Saves @pupil (as no particular user), checks that it was accepted,
 * frees it and returns its id. */
gint64     att_test_save_pupil (AttDb      *db,
                                AttPupil   *pupil);

/* Adds a user (as the system), checks that it was accepted and returns
 * it; free it with att_user_free(). */
AttUser   *att_test_add_user   (AttDb      *db,
                                const char *name,
                                AttRole     role,
                                const char *position);
/* Adds a term from @start to @end, checking that it was accepted. */
void       att_test_add_term   (AttDb      *db,
                                const char *name,
                                AttDate     start,
                                AttDate     end);
/* The school the register-writing tests start from: a fresh database,
 * the term "Autumn 1 2024" from Monday 2 September to Friday 25 October
 * 2024, Olive Officer, an attendance officer, and Rita Reception, a
 * receptionist. */
typedef struct
{
  AttTestDb *t;
  AttDb     *db;
  AttUser   *officer;
  AttUser   *receptionist;
} AttTestSchool;

void       att_test_school_init  (AttTestSchool *school);
void       att_test_school_clear (AttTestSchool *school);
/* A Year 7 pupil of @school in 7A, born @dob and on roll from the first
 * day of its term, 2 September 2024; returns its id. */
gint64     att_test_school_add_pupil (AttTestSchool *school,
                                      const char    *forename,
                                      const char    *surname,
                                      AttDate        dob);

/* The school of the register, roll-call and printing tests: the term
 * "Autumn 2024" from Monday 2 September to Friday 20 December 2024, an
 * INSET day on Friday 13 September, and registers open 08:40 to 09:00
 * and 13:15 to 13:30. */
void       att_test_add_autumn_2024 (AttDb *db);

/* For the widget tests: runs every pending event of the main context. */
void       att_test_flush_events (void);
/* For the widget tests, as g_test_log_set_fatal_handler(): under Xvfb
 * there is no D-Bus session bus, GTK says so, and that is not a failure. */
gboolean   att_test_ignore_session_bus (const char     *log_domain,
                                        GLogLevelFlags  log_level,
                                        const char     *message,
                                        gpointer        user_data);

/* Shorthand for a date in tests: D(2024, 9, 2). */
#define D(y, m, d) att_date_from_ymd ((y), (m), (d))

G_END_DECLS
