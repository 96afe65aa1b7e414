/* att-code-palette.h: every code the register takes, with its meaning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "att-codes.h"

G_BEGIN_DECLS

#define ATT_TYPE_CODE_PALETTE (att_code_palette_get_type ())
G_DECLARE_FINAL_TYPE (AttCodePalette, att_code_palette, ATT, CODE_PALETTE, GtkPopover)

/* A popover listing the codes of the 2024 table by group, each with its
 * meaning. Choosing one emits ::code-chosen with the code's text and
 * closes the popover. Retired codes and '#' (which comes from the
 * calendar) are not offered. */
GtkWidget  *att_code_palette_new          (void);
/* The CSS class the register uses for a code's group: "code-present",
 * "code-aea", "code-authorised", "code-unauthorised", "code-not-possible". */
const char *att_code_palette_css_class    (AttCode code);
/* Codes offered, in order (for tests). */
guint       att_code_palette_get_n_codes  (AttCodePalette *self);

G_END_DECLS
