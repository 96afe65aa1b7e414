/* att-late-popover.h: asks how late a pupil arrived
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_LATE_POPOVER (att_late_popover_get_type ())
G_DECLARE_FINAL_TYPE (AttLatePopover, att_late_popover, ATT, LATE_POPOVER, GtkPopover)

/* The popover asks for the minutes late, says whether they make an L
 * (arrived before the register closed) or a U (after: then a reason is
 * needed), and emits "confirmed" (the code, the minutes, the reason or
 * NULL) when the office records it. */
GtkWidget *att_late_popover_new                (void);
/* The session's register times, in minutes after midnight; without them
 * (no school settings) every arrival is L. */
void       att_late_popover_set_register_times (AttLatePopover     *self,
                                                int                 open,
                                                int                 close);
/* Fills in the minutes (and a reason, or NULL) and opens the popover
 * pointing at @rect, with the keyboard focus in the minutes. */
void       att_late_popover_present            (AttLatePopover     *self,
                                                const GdkRectangle *rect,
                                                int                 minutes);
void       att_late_popover_set_minutes        (AttLatePopover     *self,
                                                int                 minutes,
                                                const char         *reason);
/* The code the popover would record: ATT_CODE_L or ATT_CODE_U. */
AttCode    att_late_popover_get_code           (AttLatePopover     *self);
/* Records the mark, as Enter or the button do: emits "confirmed" unless
 * a U still lacks its reason. */
void       att_late_popover_confirm            (AttLatePopover     *self);

G_END_DECLS
