/* att-calendar.h: terms, closures, bank holidays, school days and weeks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

typedef struct
{
  gint64   id;
  char    *name;
  AttDate  start;     /* inclusive */
  AttDate  end;       /* inclusive */
} AttTerm;

typedef struct
{
  gint64   id;
  AttDate  start;     /* inclusive */
  AttDate  end;       /* inclusive */
  int      session;   /* -1 for whole days, else an AttSession */
  char    *reason;
} AttClosure;

/* One school session. The calendar keeps every session of every term in
 * date order, so a date range is a slice of this array. */
typedef struct
{
  AttDate  date;
  guint8   session;   /* AttSession */
  guint32  week;      /* school-week number, from 1, across terms and years */
} AttSessionSlot;

/* An immutable snapshot of the school's calendar. Get it from the
 * database; it stays valid (it is reference counted) even after the
 * calendar changes, when the database hands out a new one. */
typedef struct _AttCalendar AttCalendar;

AttCalendar          *att_calendar_ref               (AttCalendar   *self);
void                  att_calendar_unref             (AttCalendar   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCalendar, att_calendar_unref)

/* The current snapshot; borrowed: ref it to keep it past the next change. */
AttCalendar          *att_db_get_calendar            (AttDb         *db);

/* Changes (role checked, audited, one transaction each). A term must not
 * overlap another; a closure must fall inside a term. */
gint64                att_calendar_add_term          (AttDb         *db,
                                                      AttUser       *user,
                                                      const char    *name,
                                                      AttDate        start,
                                                      AttDate        end,
                                                      GError       **error);
gint64                att_calendar_add_closure       (AttDb         *db,
                                                      AttUser       *user,
                                                      AttDate        start,
                                                      AttDate        end,
                                                      int            session,
                                                      const char    *reason,
                                                      GError       **error);

/* Terms and closures in date order (AttTerm / AttClosure, owned). */
const AttTerm        *att_calendar_get_terms         (AttCalendar   *self,
                                                      guint         *n_terms);
const AttClosure     *att_calendar_get_closures      (AttCalendar   *self,
                                                      guint         *n_closures);

/* Every school session, in order. */
const AttSessionSlot *att_calendar_get_sessions      (AttCalendar   *self,
                                                      guint         *n_sessions);
/* Index of the first session on or after @date (n_sessions if none). */
guint                 att_calendar_session_index     (AttCalendar   *self,
                                                      AttDate        date);
/* Index of the session at @date/@session, or -1 if it is not a school
 * session. */
int                   att_calendar_find_session      (AttCalendar   *self,
                                                      AttDate        date,
                                                      AttSession     session);

gboolean              att_calendar_is_school_session (AttCalendar   *self,
                                                      AttDate        date,
                                                      AttSession     session);
/* Whether @date's @session is a school session, as the calendar says,
 * for a program that asks about a day or two (one mark written): until
 * the calendar is built, the terms and closures that hold the date are
 * read rather than every term's tables made. After a few questions the
 * calendar is built and answers. */
gboolean              att_db_is_school_session       (AttDb         *db,
                                                      AttDate        date,
                                                      AttSession     session);
/* Bit 0 for AM, bit 1 for PM; 0 when @date is not a school day. */
guint                 att_calendar_day_sessions      (AttCalendar   *self,
                                                      AttDate        date);
/* A weekday inside a term that is closed (bank holiday or planned
 * closure): the register shows '#' for it. */
gboolean              att_calendar_is_closed_session (AttCalendar   *self,
                                                      AttDate        date,
                                                      AttSession     session);
/* Why a weekday in a term has no session: the bank holiday's or the
 * closure's name; NULL otherwise. */
const char           *att_calendar_closure_reason    (AttCalendar   *self,
                                                      AttDate        date,
                                                      AttSession     session);
/* Why there is no school on @date (the whole day when @session is -1,
 * else that AttSession), as a translated sentence for the Today page: the
 * weekend, a bank holiday or planned closure by its name, or the holidays
 * between terms with the day the next term starts. NULL when there is
 * school then. */
char                 *att_calendar_describe_no_school (AttCalendar *self,
                                                       AttDate      date,
                                                       int          session);
/* The term holding @date, or NULL. */
const AttTerm        *att_calendar_term_for          (AttCalendar   *self,
                                                      AttDate        date);
/* School-week number of the Monday-to-Sunday week holding @date, or 0
 * when that week has no session. */
guint32               att_calendar_school_week       (AttCalendar   *self,
                                                      AttDate        date);

/* The rolling window of the National Framework: the school week holding
 * @as_of (or the last school week before it) and the @weeks - 1 school
 * weeks before that. Sets the first and last school day of the window
 * (the last no later than @as_of) and returns the number of school weeks
 * found (fewer than @weeks when the calendar is shorter; 0 if none). */
guint                 att_calendar_window            (AttCalendar   *self,
                                                      AttDate        as_of,
                                                      guint          weeks,
                                                      AttDate       *first_day,
                                                      AttDate       *last_day);

/* The first and last school day of the school year holding @date, and of
 * the term holding it (or the last term before it). FALSE if none. */
gboolean              att_calendar_school_year_range (AttCalendar   *self,
                                                      AttDate        date,
                                                      AttDate       *first,
                                                      AttDate       *last);
gboolean              att_calendar_term_range        (AttCalendar   *self,
                                                      AttDate        date,
                                                      AttDate       *first,
                                                      AttDate       *last);

/* England and Wales bank holidays, 2019 to 2030, with the one-off days of
 * 2020, 2022 and 2023. Returns the holiday's English name or NULL. */
const char           *att_bank_holiday_name          (AttDate        date);
gboolean              att_is_bank_holiday            (AttDate        date);

/* Whether a term named @name from @start to @end may be added, leaving
 * aside the terms already kept: a name, both dates in order, no longer
 * than a year. The error says what is wrong as att_calendar_add_term ()
 * would. */
gboolean              att_calendar_check_term        (const char    *name,
                                                      AttDate        start,
                                                      AttDate        end,
                                                      GError       **error);
/* The same for each of @terms, and that no two of them overlap. */
gboolean              att_calendar_check_terms       (const AttTerm *terms,
                                                      guint          n_terms,
                                                      GError       **error);
/* Removes term @id with the closures inside it (role checked, audited,
 * one transaction). Refused while any session in it is marked, since the
 * register keeps every entry, or while a closure runs past its ends. */
gboolean              att_calendar_remove_term       (AttDb         *db,
                                                      const AttUser *user,
                                                      gint64         id,
                                                      GError       **error);
/* Removes closure @id: its days are school days again (role checked,
 * audited). */
gboolean              att_calendar_remove_closure    (AttDb         *db,
                                                      const AttUser *user,
                                                      gint64         id,
                                                      GError       **error);
/* The bank holidays from @from to @to, in order (AttDate). */
GArray               *att_bank_holidays_between      (AttDate        from,
                                                      AttDate        to);

/* England's usual term dates for the school year starting in September
 * of @year, as a suggestion the school then corrects from its local
 * authority's list: with @half_terms, six half terms ("Autumn 1 2025" to
 * "Summer 2 2026"), else three terms with a closure for each half-term
 * week. Autumn starts on the first weekday of September and breaks for
 * the week of the last Monday of October; Christmas from the last
 * weekday on or before 20 December to the first Monday from 3 January;
 * a week in mid-February (the week of the Monday on or after 11
 * February); two weeks round Easter (Holy Week and Easter week); the
 * week of the late May bank holiday; and the summer from the weekday
 * that gives 195 days in term (190 with pupils and 5 training days),
 * kept between 15 and 24 July. Returns AttTerm (with NULL @closures,
 * AttClosure with the half-term weeks too); free with
 * att_calendar_suggestion_free (). */
GArray               *att_calendar_suggest_terms     (int            year,
                                                      gboolean       half_terms,
                                                      GArray       **closures);
void                  att_calendar_suggestion_free   (GArray        *terms,
                                                      GArray        *closures);

G_END_DECLS
