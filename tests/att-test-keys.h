/* att-test-keys.h: keys pressed in the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A key pressed: delivered as GTK delivers it, to the key bindings and
 * key controllers of the window and each widget down to the focused one
 * in the capture phase, then of the focused widget and each parent up to
 * the window, until one takes it; then the events that follow are run.
 * A button activated from the keyboard is given its moment pressed. A box
 * of text takes Return as a new line. Whether a controller took the key. */
gboolean  att_test_press_key (GtkWindow       *window,
                              guint            keyval,
                              GdkModifierType  state);

/* Runs the main loop for @ms milliseconds. */
void        att_test_wait         (guint       ms);
/* What a keyboard acts on: the window's focus, which must be somewhere.
 * No control of a form is reached by name. */
GtkWidget  *att_test_focus_of     (GtkWindow  *window);
/* @text typed where the focus is (a line or box of text), at its cursor. */
void        att_test_type_text    (GtkWindow  *window,
                                   const char *text);
/* Enter or Space: the focused widget's activation; in a line of text,
 * its "activate" signal, which GtkText binds to Enter. A button activated
 * from the keyboard is given its moment pressed before it is clicked. */
void        att_test_press_enter  (GtkWindow  *window);
/* Tab: the focus moves to the next control. */
void        att_test_press_tab    (GtkWindow  *window);
/* @text typed into the focused field (through its input method, as
 * typing reaches it); whether a field took it. */
gboolean  att_test_type      (GtkWindow       *window,
                              const char      *text);

G_END_DECLS
