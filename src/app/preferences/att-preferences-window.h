/* att-preferences-window.h: the school's settings in one window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_PREFERENCES_WINDOW (att_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AttPreferencesWindow, att_preferences_window, ATT, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The school's details and letterhead, the register times and the codes'
 * settings, the calendar (terms, closures, exam periods), and rows that
 * open the first-day procedure, the letter ladder, the backups, the mail
 * server and the users. Every change is saved through the core as the
 * field is left or Enter is pressed; what the user may not change is
 * insensitive, with the core's reason as its tooltip. @parent (may be
 * NULL) is the window whose win.backups, win.mail-settings and win.users
 * open the dialogs of those rows. */
AttPreferencesWindow *att_preferences_window_new (GtkWindow  *parent,
                                                  AttContext *context);

/* For the tests: the last refusal shown, or NULL after a change saved. */
const char           *att_preferences_window_get_error (AttPreferencesWindow *self);
/* The entry of a school setting ("name", "am_open", ...), or of the rows
 * that add a term, closure or exam period ("term-name", "term-start",
 * "term-end", "closure-start", "closure-end", "closure-reason",
 * "exam-name", "exam-start", "exam-end"). */
GtkWidget            *att_preferences_window_get_field (AttPreferencesWindow *self,
                                                        const char           *key);
/* The preview of the letterhead image @key ("letters.logo" or
 * "letters.signature"). */
GtkPicture           *att_preferences_window_get_picture (AttPreferencesWindow *self,
                                                          const char           *key);

G_END_DECLS
