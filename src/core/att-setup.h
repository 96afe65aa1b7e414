/* att-setup.h: a new school, set up a step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's first run and `attendance-cli init` make a school through
 * these functions. Nothing is written until a step is confirmed, and each
 * step writes in one transaction with the note of how far the set-up has
 * come (the setting "setup.confirmed"), so a set-up left part way resumes
 * at the next step, whatever the program that left it.
 */
#pragma once

#include <glib.h>

#include "att-calendar.h"
#include "att-users.h"

G_BEGIN_DECLS

typedef enum
{
  ATT_SETUP_SCHOOL,   /* no database yet: the school's details */
  ATT_SETUP_TIMES,    /* the register times */
  ATT_SETUP_TERMS,    /* this school year's terms */
  ATT_SETUP_ADMIN,    /* the first administrator */
  ATT_SETUP_PUPILS,   /* pupils brought in, or none yet */
  ATT_SETUP_DONE,     /* set up (or made another way) */
} AttSetupStep;

/* Creates the school's database at @path with the settings @keys and
 * @values (as att_school_set_many () takes them; an empty value but the
 * name's is left unset) as the system: either the whole school is at
 * @path afterwards, or nothing is. The database is made beside @path
 * and moved there once its settings are committed, so a crash part way
 * leaves no school rather than half of one. Refuses when anything is at
 * @path already, or a setting is refused. */
gboolean      att_school_create        (const char         *path,
                                        const char * const *keys,
                                        const char * const *values,
                                        GError            **error);

/* How far the set-up of @db has come: the next step to show. A database
 * that was not made by att_school_create (), or whose set-up finished,
 * is ATT_SETUP_DONE; so is one to which users were added another way
 * before its administrator step. @db NULL is ATT_SETUP_SCHOOL. */
AttSetupStep  att_setup_get_step       (AttDb              *db);

/* The steps, each acting as the system while the school has no users
 * (and refused once it has), each one transaction. The school's details
 * again (the office went back to them). */
gboolean      att_setup_save_school    (AttDb              *db,
                                        const char * const *keys,
                                        const char * const *values,
                                        GError            **error);
/* The register times, HH:MM, checked together. */
gboolean      att_setup_save_times     (AttDb              *db,
                                        const char         *am_open,
                                        const char         *am_close,
                                        const char         *pm_open,
                                        const char         *pm_close,
                                        GError            **error);
/* The school year's terms and closures, in place of any saved before
 * (att_calendar_check_terms (), then each as att_calendar_add_term ()
 * and att_calendar_add_closure () add it). */
gboolean      att_setup_save_terms     (AttDb              *db,
                                        const AttTerm      *terms,
                                        guint               n_terms,
                                        const AttClosure   *closures,
                                        guint               n_closures,
                                        GError            **error);
/* Whether @again is @password typed a second time, and @password may be
 * used (att_password_check ()). */
gboolean      att_setup_check_passwords (const char        *password,
                                         const char        *again,
                                         GError           **error);
/* Adds the first administrator with their password; returns their id,
 * or 0. */
gint64        att_setup_add_admin      (AttDb              *db,
                                        const char         *name,
                                        const char         *position,
                                        const char         *password,
                                        GError            **error);
/* Ends the set-up (@user needs the settings right): the pupils come in
 * later, or were brought in already. Audited. */
gboolean      att_setup_finish         (AttDb              *db,
                                        const AttUser      *user,
                                        GError            **error);

/* The school year a school set up on @today starts its register in (the
 * calendar year of its September): from August, the coming one. */
int           att_setup_school_year    (AttDate             today);

G_END_DECLS
