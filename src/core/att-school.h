/* att-school.h: the school's own settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* The longest a register may stay open, in minutes (2024 regulations). */
#define ATT_REGISTER_MAX_OPEN 30

typedef struct
{
  char     *name;
  char     *urn;
  char     *la;
  char     *address;
  char     *phone;
  char     *email;
  char     *headteacher;
  char     *attendance_lead;
  /* Register times in minutes after midnight. */
  int       am_open;
  int       am_close;
  int       pm_open;
  int       pm_close;
  /* Count N towards the National Framework threshold (default TRUE). */
  gboolean  threshold_counts_n;
  /* School days after which an unresolved N should become O (default 5). */
  int       n_resolve_days;
  /* Minutes without use after which the window locks (default 10). */
  int       lock_minutes;
} AttSchool;

AttSchool          *att_school_load     (AttDb         *db);
void                att_school_free     (AttSchool     *school);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttSchool, att_school_free)

/* The keys `school set` takes, NULL-terminated: name, urn, la, address,
 * phone, email, headteacher, attendance_lead, am_open, am_close, pm_open,
 * pm_close, threshold_counts_n, n_resolve_days, lock_minutes,
 * penalty_improvement_weeks (3 to 6, the notice to improve's period),
 * attendance_target (a percentage from 50 to 100, or empty for none). */
const char * const *att_school_keys     (void);

/* Validates and stores one setting (role checked, audited). Register times
 * are HH:MM; a register may stay open at most 30 minutes and must close
 * after it opens; a URN is 6 digits; an e-mail has an @. */
gboolean            att_school_set      (AttDb         *db,
                                         const AttUser *user,
                                         const char    *key,
                                         const char    *value,
                                         GError       **error);
/* Sets several settings in one change, validated together, so that both
 * ends of a register's times can move at once. @keys and @values are
 * NULL-terminated arrays of the same length; nothing is stored unless
 * every value is acceptable. */
gboolean            att_school_set_many (AttDb              *db,
                                         const AttUser      *user,
                                         const char * const *keys,
                                         const char * const *values,
                                         GError            **error);
/* The stored text of a setting as `school show` prints it. */
char               *att_school_get      (AttDb         *db,
                                         const char    *key);

/* Whether the database holds a demonstration school, whose users share a
 * password that is no secret (the sign-in says it). */
gboolean            att_school_is_demonstration  (AttDb         *db);
/* Marks the school as a demonstration school (the demo generator does,
 * as the system). */
gboolean            att_school_set_demonstration (AttDb         *db,
                                                  const AttUser *user,
                                                  GError       **error);

/* The school's attendance target, a percentage (the setting
 * attendance_target); 0 when none is set. */
double              att_school_attendance_target (AttDb        *db);

/* Checks one value as att_school_set () would, without storing it, for a
 * form that says what is wrong beside the field: the value alone (a time
 * is a time; whether a register's times fit together is
 * att_school_check_many ()'s). An empty value passes for every key but
 * the name: a new school leaves it unset. */
gboolean            att_school_check      (const char         *key,
                                           const char         *value,
                                           GError            **error);
/* Checks several values together, as att_school_set_many () would on a
 * school with no settings stored (the register times against each
 * other, the others at their defaults). */
gboolean            att_school_check_many (const char * const *keys,
                                           const char * const *values,
                                           GError            **error);
/* What a setting is while it is not set ("08:45" for am_open, "" for the
 * address); NULL for a key that is not one. */
const char         *att_school_get_default (const char         *key);

G_END_DECLS
