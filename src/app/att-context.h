/* att-context.h: what every page of the window is handed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "attendance-core.h"

G_BEGIN_DECLS

/* The GSettings schema of the app (the same for development builds). */
#define ATT_SETTINGS_SCHEMA "io.github.schoolattendance.Attendance"

#define ATT_TYPE_CONTEXT (att_context_get_type ())
G_DECLARE_FINAL_TYPE (AttContext, att_context, ATT, CONTEXT, GObject)

/* The window makes one context and hands it to every page, which reads
 * the school, the user, the settings and the time from it and follows
 * its notifications ("db", "user", "today", "clock"); no page reaches up
 * to the application. @settings may be NULL: the context then opens the
 * app's schema itself when it is installed, and does without otherwise. */
AttContext    *att_context_new          (GSettings     *settings);

/* The school's database: NULL while no school is open. */
AttDb         *att_context_get_db       (AttContext    *self);
void           att_context_set_db       (AttContext    *self,
                                         AttDb         *db);

/* The signed-in user, or NULL while nobody is. The window signs a user in
 * with att_context_set_user (); the context then follows the database:
 * a change of their role, position or deputy is taken at once, and a
 * user deactivated meanwhile (or missing from a database set later) is
 * signed out, so that the window asks for a sign-in again. */
const AttUser *att_context_get_user     (AttContext    *self);
void           att_context_set_user     (AttContext    *self,
                                         const AttUser *user);

/* The app's settings, or NULL when the schema is not installed. */
GSettings     *att_context_get_settings (AttContext    *self);

/* The one place to ask "now": today's date ($ATTENDANCE_TODAY in tests)
 * and the time of day the register goes by, in minutes after midnight
 * ($ATTENDANCE_CLOCK), read afresh at each call. The context also looks
 * every minute and notifies "today" and "clock" when they have moved on. */
AttDate        att_context_get_today    (AttContext    *self);
int            att_context_get_clock    (AttContext    *self);

G_END_DECLS
