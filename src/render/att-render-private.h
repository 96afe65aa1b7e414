/* att-render-private.h: drawing helpers shared by the documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* The room at the foot of every page for its legend and footer line. */
#define ATT_RENDER_FOOTER_HEIGHT 36.0

/* A layout in @font ("Sans Bold 8") that ellipsizes at its end. */
PangoLayout *att_render_layout_new  (cairo_t        *cr,
                                     const char     *font);
/* @text in the box @x, @y, @width x @height, centred vertically. */
void         att_render_text        (cairo_t        *cr,
                                     PangoLayout    *layout,
                                     const char     *text,
                                     double          x,
                                     double          y,
                                     double          width,
                                     double          height,
                                     PangoAlignment  align);
void         att_render_line        (cairo_t        *cr,
                                     double          x0,
                                     double          y0,
                                     double          x1,
                                     double          y1,
                                     double          line_width);
/* "Page 2 of 5" for @page counted from 0. */
char        *att_render_page_number (guint           page,
                                     guint           n_pages);

/* The top of a page: @title on the left, the page number on the right
 * and, when not NULL, @subtitle on a line of its own below them. */
void         att_render_page_top    (cairo_t        *cr,
                                     double          width,
                                     const char     *title,
                                     const char     *subtitle,
                                     guint           page,
                                     guint           n_pages);
/* The foot of a page @width x @height: @legend, wrapped, and below it
 * @footer when not NULL. */
void         att_render_page_foot   (cairo_t        *cr,
                                     double          width,
                                     double          height,
                                     const char     *legend,
                                     const char     *footer);

G_END_DECLS
