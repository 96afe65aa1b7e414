/* att-flow-private.h: a document laid out from the top down, page after
 * page: the registration certificate and the referral pack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A flow is a list of blocks (a title, section headings, paragraphs,
 * tables whose cells wrap) under the school's letterhead on its first
 * page. It breaks into pages wherever it must: a heading stays with what
 * follows it, a table's header row is drawn again at the top of a page
 * it runs onto, and every page has its number and, for a draft, DRAFT
 * across it. The same flow counts and draws the pages of the PDF and of
 * the printer.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "att-letters.h"

G_BEGIN_DECLS

typedef enum
{
  ATT_FLOW_BODY,
  ATT_FLOW_BOLD,
  ATT_FLOW_SMALL,
  ATT_FLOW_GRID,        /* the certificate's codes: small, centred */
  ATT_FLOW_N_FONTS
} AttFlowFont;

typedef struct _AttFlow AttFlow;

/* An empty flow under @letterhead (copied; NULL: no letterhead). */
AttFlow *att_flow_new          (const AttLetterhead *letterhead);
void     att_flow_free         (AttFlow             *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttFlow, att_flow_free)

/* What the top of every page after the first says, left of its number. */
void     att_flow_set_running_title (AttFlow        *self,
                                     const char     *title);
/* The line at the foot of every page. */
void     att_flow_set_footer   (AttFlow             *self,
                                const char          *footer);
/* Marks every page with @mark ("DRAFT") across it and at its top. */
void     att_flow_set_draft    (AttFlow             *self,
                                const char          *mark);

/* The document's title, large. */
void     att_flow_title        (AttFlow             *self,
                                const char          *text);
/* A section's heading, kept on the page of what follows it. */
void     att_flow_heading      (AttFlow             *self,
                                const char          *text);
/* The same, kept on one page with the @n_blocks blocks that follow it
 * (a declaration with its lines to sign) when they fit on a page. */
void     att_flow_heading_keep (AttFlow             *self,
                                const char          *text,
                                guint                n_blocks);
/* A paragraph, wrapped to the width of the page. */
void     att_flow_text         (AttFlow             *self,
                                AttFlowFont          font,
                                const char          *text);
void     att_flow_space        (AttFlow             *self,
                                double               points);
/* The next block starts on a new page (nothing at the top of a page). */
void     att_flow_page_break   (AttFlow             *self);

/* A table of @n_columns whose widths are the fractions @widths of the
 * page's width; @header (NULL: none) is drawn first and again on each
 * page the table runs onto; @ruled draws the cells' borders; @font is
 * the cells'. Returns the table's number for att_flow_row(). */
guint    att_flow_table        (AttFlow             *self,
                                guint                n_columns,
                                const double        *widths,
                                const char * const  *header,
                                gboolean             ruled,
                                AttFlowFont          font);
/* A row of table @table: @n_columns cells (NULL for an empty one), each
 * wrapped within its column. @shaded fills the row light grey. */
void     att_flow_row          (AttFlow             *self,
                                guint                table,
                                const char * const  *cells,
                                gboolean             shaded);
/* A "label: value" pair, the label bold: a two-column table of its own
 * made once per run of fields. */
void     att_flow_field        (AttFlow             *self,
                                const char          *label,
                                const char          *value);

/* Draws a picture @height points high across the width of the page. */
typedef void (*AttFlowDrawFunc) (cairo_t  *cr,
                                 double    width,
                                 double    height,
                                 gpointer  data);

/* A picture (a chart) of @height points, drawn by @func when its page is
 * drawn; @destroy frees @data with the flow. */
void     att_flow_drawing      (AttFlow             *self,
                                double               height,
                                AttFlowDrawFunc      func,
                                gpointer             data,
                                GDestroyNotify       destroy);

/* The pages needed on a printable area @width x @height points, and
 * page @page drawn there. */
guint    att_flow_count_pages  (AttFlow             *self,
                                double               width,
                                double               height);
void     att_flow_draw_page    (AttFlow             *self,
                                cairo_t             *cr,
                                double               width,
                                double               height,
                                guint                page);

/* A copy of @letterhead. */
AttLetterhead *att_flow_letterhead_copy (const AttLetterhead *letterhead);

G_END_DECLS
