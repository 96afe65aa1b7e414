/* att-register-sheet.h: a printed register for a week (or a day)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "att-register-grid.h"
#include "att-register-document.h"

G_BEGIN_DECLS

/* What a printed register shows: the grid's pupils and sessions, with a
 * heading. Strings may be NULL. The functions below draw it through an
 * AttRegisterDocument (see att-register-document.h), which is what new
 * code should use. */
typedef struct
{
  AttGrid    *grid;
  const char *school;     /* the school's name */
  const char *title;      /* "7A, week beginning Mon 9 Sep 2024" */
  const char *footer;     /* "Printed by ... on ..." */
} AttRegisterSheet;

/* Pages needed at a page size (in the cairo context's units, points). */
guint     att_register_sheet_count_pages (const AttRegisterSheet *sheet,
                                          double                  width,
                                          double                  height);
/* Draws page @page (from 0) of the register onto @cr, whose origin is the
 * top left of the printable area of @width x @height. Widget-free: called
 * by the print operation's draw-page. */
void      att_register_sheet_draw_page   (const AttRegisterSheet *sheet,
                                          cairo_t                *cr,
                                          double                  width,
                                          double                  height,
                                          guint                   page);

G_END_DECLS
