/* att-test-app.h: the application opened on a school, for the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-application.h"
#include "att-date.h"
#include "att-window.h"

G_BEGIN_DECLS

/* What every widget test does first: the day fixed at @today (ISO), the
 * settings in memory, GLib's test framework with the session bus's
 * absence not fatal, and fast passphrase hashing. */
void        att_test_widget_init   (int         *argc,
                                    char      ***argv,
                                    const char  *today);
/* A demonstration school made in @dir as @name: @pupils pupils, @years
 * years of register up to @as_of, from @seed. Returns its path. */
char       *att_test_demo_create   (const char  *dir,
                                    const char  *name,
                                    guint        pupils,
                                    guint        years,
                                    guint        seed,
                                    AttDate      as_of);
/* The application started on the school at @db_path ($ATTENDANCE_DB, as
 * a test never opens the user's own), its window shown and its first
 * events run. Returns the window; the application in @app. */
AttWindow  *att_test_open_window   (const char      *db_path,
                                    AttApplication **app);
/* Removes @dir and everything in it. */
void        att_test_remove_dir    (const char  *dir);

G_END_DECLS
