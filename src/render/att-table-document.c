/* att-table-document.c: a printed list of rows under column headings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-render-private.h"
#include "att-table-document.h"

/* The page, in points. */
#define HEADER_HEIGHT   40.0
#define COLUMNS_HEIGHT  18.0
#define ROW_HEIGHT      16.0

struct _AttTableDocument
{
  GObject             parent_instance;

  char               *school;
  char               *title;
  char               *footer;
  AttPageOrientation  orientation;
  GStrv               headings;
  GArray             *widths;    /* double */
  GPtrArray          *rows;      /* GStrv */
};

static void att_table_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttTableDocument, att_table_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_table_document_iface_init))

static guint
rows_per_page (double height)
{
  double room = height - HEADER_HEIGHT - COLUMNS_HEIGHT - ATT_RENDER_FOOTER_HEIGHT;

  return MAX (1, (guint)(room / ROW_HEIGHT));
}

static guint
att_table_document_count_pages (AttDocument *document,
                                double       width,
                                double       height)
{
  AttTableDocument *self = ATT_TABLE_DOCUMENT (document);
  guint per_page = rows_per_page (height);

  /* An empty list still prints its page, which says so. */
  return MAX (1, (self->rows->len + per_page - 1) / per_page);
}

static void
draw_cells (AttTableDocument   *self,
            cairo_t            *cr,
            PangoLayout        *layout,
            const char * const *cells,
            double              width,
            double              y,
            double              height)
{
  double x = 0;

  for (guint c = 0; cells[c] != NULL && c < self->widths->len; c++)
    {
      double w = g_array_index (self->widths, double, c) * width;

      att_render_text (cr, layout, cells[c], x + 2, y, w - 6, height, PANGO_ALIGN_LEFT);
      x += w;
    }
}

static void
att_table_document_draw_page (AttDocument *document,
                              cairo_t     *cr,
                              double       width,
                              double       height,
                              guint        page)
{
  AttTableDocument *self = ATT_TABLE_DOCUMENT (document);
  guint per_page = rows_per_page (height);
  guint n_pages = att_table_document_count_pages (document, width, height);
  guint first = page * per_page;
  guint last = MIN (self->rows->len, first + per_page);
  g_autoptr(PangoLayout) text = att_render_layout_new (cr, "Sans 9");
  g_autoptr(PangoLayout) bold = att_render_layout_new (cr, "Sans Bold 9");
  double y = HEADER_HEIGHT;

  cairo_save (cr);
  att_render_page_top (cr, width, self->school != NULL ? self->school : self->title,
                       self->school != NULL ? self->title : NULL, page, n_pages);

  draw_cells (self, cr, bold, (const char * const *)self->headings, width, y, COLUMNS_HEIGHT);
  y += COLUMNS_HEIGHT;
  att_render_line (cr, 0, y, width, y, 0.9);

  if (self->rows->len == 0)
    att_render_text (cr, text, _("Nothing to list."), 2, y, width - 4, ROW_HEIGHT,
                     PANGO_ALIGN_LEFT);

  for (guint r = first; r < last; r++)
    {
      double ry = y + (r - first) * ROW_HEIGHT;

      draw_cells (self, cr, text, g_ptr_array_index (self->rows, r), width, ry, ROW_HEIGHT);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      att_render_line (cr, 0, ry + ROW_HEIGHT, width, ry + ROW_HEIGHT, 0.4);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }

  att_render_page_foot (cr, width, height, "", self->footer);
  cairo_restore (cr);
}

static const char *
att_table_document_get_title (AttDocument *document)
{
  return ATT_TABLE_DOCUMENT (document)->title;
}

static AttPageOrientation
att_table_document_get_orientation (AttDocument *document)
{
  return ATT_TABLE_DOCUMENT (document)->orientation;
}

static void
att_table_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = att_table_document_get_title;
  iface->get_orientation = att_table_document_get_orientation;
  iface->count_pages = att_table_document_count_pages;
  iface->draw_page = att_table_document_draw_page;
}

static void
att_table_document_finalize (GObject *object)
{
  AttTableDocument *self = ATT_TABLE_DOCUMENT (object);

  g_free (self->school);
  g_free (self->title);
  g_free (self->footer);
  g_strfreev (self->headings);
  g_array_unref (self->widths);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (att_table_document_parent_class)->finalize (object);
}

static void
att_table_document_class_init (AttTableDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_table_document_finalize;
}

static void
att_table_document_init (AttTableDocument *self)
{
  self->widths = g_array_new (FALSE, FALSE, sizeof (double));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

AttTableDocument *
att_table_document_new (const char         *school,
                        const char         *title,
                        const char         *footer,
                        AttPageOrientation  orientation,
                        const char * const *headings,
                        const double       *widths)
{
  AttTableDocument *self;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (headings != NULL && widths != NULL, NULL);

  self = g_object_new (ATT_TYPE_TABLE_DOCUMENT, NULL);
  self->school = g_strdup (school);
  self->title = g_strdup (title);
  self->footer = g_strdup (footer);
  self->orientation = orientation;
  self->headings = g_strdupv ((char **)headings);
  g_array_append_vals (self->widths, widths, g_strv_length (self->headings));
  return self;
}

void
att_table_document_add_row (AttTableDocument   *self,
                            const char * const *cells)
{
  GStrvBuilder *builder;

  g_return_if_fail (ATT_IS_TABLE_DOCUMENT (self));

  builder = g_strv_builder_new ();
  for (guint c = 0; c < self->widths->len; c++)
    {
      const char *cell = cells[c];

      g_strv_builder_add (builder, cell != NULL ? cell : "");
      if (cell == NULL)
        {
          /* A short row: the rest of its cells are empty. */
          for (c++; c < self->widths->len; c++)
            g_strv_builder_add (builder, "");
          break;
        }
    }
  g_ptr_array_add (self->rows, g_strv_builder_end (builder));
  g_strv_builder_unref (builder);
}

guint
att_table_document_get_n_rows (AttTableDocument *self)
{
  g_return_val_if_fail (ATT_IS_TABLE_DOCUMENT (self), 0);

  return self->rows->len;
}
