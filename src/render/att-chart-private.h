/* att-chart-private.h: what the charts, the year calendar and the
 * governors' report share: the palettes and text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "att-chart.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} AttRgba;

/* The colours of a chart in the light or the dark style (GNOME's
 * palette, as libadwaita's light and dark views). */
typedef struct
{
  AttRgba background;
  AttRgba ink;          /* text and axes */
  AttRgba muted;        /* tick labels, key text */
  AttRgba grid;
  AttRgba band;         /* holidays, weekends */
  AttRgba accent;       /* the figures */
  AttRgba target;       /* the target line */
  AttRgba present;
  AttRgba aea;
  AttRgba authorised;
  AttRgba unauthorised;
  AttRgba not_possible;
  AttRgba window;       /* the rolling window's outline */
} AttChartPalette;

const AttChartPalette *_att_chart_palette (const AttChartStyle *style);
void         _att_chart_set_source (cairo_t           *cr,
                                    const AttRgba     *colour);

/* A layout in the style's font, @scale times its size. */
PangoLayout *_att_chart_layout     (cairo_t             *cr,
                                    const AttChartStyle *style,
                                    double               scale,
                                    gboolean             bold);
/* The size of @layout's text in user units. */
void         _att_chart_text_size  (PangoLayout       *layout,
                                    double            *width,
                                    double            *height);
/* Draws @text with its left (@xalign 0), centre (0.5) or right (1) at @x
 * and its top (@yalign 0), middle or bottom at @y. */
void         _att_chart_text       (cairo_t           *cr,
                                    PangoLayout       *layout,
                                    const char        *text,
                                    double             x,
                                    double             y,
                                    double             xalign,
                                    double             yalign);

G_END_DECLS
