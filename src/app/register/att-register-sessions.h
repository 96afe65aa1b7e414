/* att-register-sessions.h: the session cells of one row of the register grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-register-row.h"

G_BEGIN_DECLS

#define ATT_TYPE_REGISTER_SESSIONS (att_register_sessions_get_type ())
G_DECLARE_FINAL_TYPE (AttRegisterSessions, att_register_sessions, ATT, REGISTER_SESSIONS, GtkWidget)

/* One widget for all the sessions of a row: it draws each session's
 * code itself, with the styles a cell of its own would have
 * (.register-cell, the code's group, .cursor, .selected, .amended,
 * .overdue, ...), @cell_width pixels a session. A whole school's week
 * keeps some 200 rows of widgets; a widget a session was ten times as
 * many.
 *
 * It emits "pressed" (column, button, modifier state) when a session is
 * clicked, "dragged" (column, the row's widget under the pointer) as the
 * pointer is dragged with the button held, and "long-pressed" (column)
 * when a session is held on a touch screen. Its accessible description
 * says every session in words, and tooltips say what a code means. */
GtkWidget      *att_register_sessions_new          (int                  cell_width);
AttRegisterRow *att_register_sessions_get_row      (AttRegisterSessions *self);
void            att_register_sessions_set_row      (AttRegisterSessions *self,
                                                    AttRegisterRow      *row);
/* Sessions drawn: the grid's columns, 0 while not bound. */
guint           att_register_sessions_get_n_columns (AttRegisterSessions *self);
/* The session at @x (in the widget), or -1. */
int             att_register_sessions_column_at    (AttRegisterSessions *self,
                                                    double               x);
/* Where session @column is drawn, in the widget. */
void            att_register_sessions_get_cell_bounds (AttRegisterSessions *self,
                                                       guint                column,
                                                       graphene_rect_t     *bounds);

/* What session @column shows: its text ("/", "C1", "–" off roll, "C…"
 * while a code is typed), whether it is drawn with @css_class, what a
 * screen reader is told of it (its meaning, and why it is marked out,
 * or NULL), and its tooltip (or NULL). */
char           *att_register_sessions_dup_text     (AttRegisterSessions *self,
                                                    guint                column);
gboolean        att_register_sessions_has_class    (AttRegisterSessions *self,
                                                    guint                column,
                                                    const char          *css_class);
const char     *att_register_sessions_get_meaning  (AttRegisterSessions *self,
                                                    guint                column);
const char     *att_register_sessions_get_reason   (AttRegisterSessions *self,
                                                    guint                column);
char           *att_register_sessions_dup_tooltip  (AttRegisterSessions *self,
                                                    guint                column);
/* The accessible description of the row: every session, "Mon AM:
 * Present (AM)", one after another. */
const char     *att_register_sessions_get_description (AttRegisterSessions *self);

G_END_DECLS
