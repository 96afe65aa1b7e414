/* att-test-app.h: the application opened on a school, for the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-application.h"
#include "attendance-core.h"
#include "att-window.h"

G_BEGIN_DECLS

typedef struct
{
  char           *dir;
  char           *db_path;
  AttApplication *app;
  AttWindow      *window;
} AttTestApp;

/* A demo school of @pupils pupils made up to 20 November 2026 (today for
 * the test) in a temporary folder, the application on it and its window
 * shown, signed in as the school's first administrator (else its first
 * headteacher) with the demo password. */
AttTestApp *att_test_app_new  (guint       pupils);
/* The application on the school at @db_path, signed in as its first user
 * of @role with the demo password; the database is left as it is. */
AttTestApp *att_test_app_open (const char *db_path,
                               AttRole     role);
void        att_test_app_free (AttTestApp *t);

/* Shows the page called @name and runs the main loop until it has read
 * what it shows. */
GtkWidget  *att_test_app_show_page (AttTestApp *t,
                                    const char *name);

/* A dialog of the window opened as a user opens it. */
typedef struct
{
  const char *name;
  const char *page;      /* the page whose action opens it, or NULL */
  const char *action;    /* on the page, or on the window */
  const char *target;    /* the action's string target, or NULL for none */
} AttTestDialog;

extern const AttTestDialog att_test_dialogs[];

/* Opens @dialog and returns the window it opened (owned by GTK), or NULL
 * when the action is not there (a dialog not in this build). The amend
 * dialog, which the register opens in the middle of a write, is made as
 * the register makes it. */
GtkWindow  *att_test_app_open_dialog (AttTestApp          *t,
                                      const AttTestDialog *dialog);

/* "AttWindow > AdwToastOverlay > ... > GtkButton#name": where @widget is. */
char       *att_test_widget_path (GtkWidget *widget);

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
 * events run, nobody signed in. Returns the window; the application in
 * @app. */
AttWindow  *att_test_open_window   (const char      *db_path,
                                    AttApplication **app);
/* Removes @dir and everything in it. */
void        att_test_remove_dir    (const char  *dir);

G_END_DECLS
