/* att-test-app.h: the whole application on a demo school, for the widget
 * tests that visit every page and dialog
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

/* Runs the main loop for @ms milliseconds. */
void        att_test_wait (guint ms);

G_END_DECLS
