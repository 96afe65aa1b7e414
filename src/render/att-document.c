/* att-document.c: a printable document, drawn without widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "att-document.h"
#include "att-file.h"
#include "att-error.h"
#include "att-render-private.h"

G_DEFINE_INTERFACE (AttDocument, att_document, G_TYPE_OBJECT)

static void
att_document_default_init (AttDocumentInterface *iface)
{
}

const char *
att_document_get_title (AttDocument *self)
{
  AttDocumentInterface *iface;

  g_return_val_if_fail (ATT_IS_DOCUMENT (self), NULL);

  iface = ATT_DOCUMENT_GET_IFACE (self);
  return iface->get_title != NULL ? iface->get_title (self) : NULL;
}

AttPageOrientation
att_document_get_orientation (AttDocument *self)
{
  AttDocumentInterface *iface;

  g_return_val_if_fail (ATT_IS_DOCUMENT (self), ATT_PAGE_PORTRAIT);

  iface = ATT_DOCUMENT_GET_IFACE (self);
  return iface->get_orientation != NULL ? iface->get_orientation (self) : ATT_PAGE_PORTRAIT;
}

guint
att_document_count_pages (AttDocument *self,
                          double       width,
                          double       height)
{
  g_return_val_if_fail (ATT_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (width > 0 && height > 0, 0);

  return ATT_DOCUMENT_GET_IFACE (self)->count_pages (self, width, height);
}

void
att_document_draw_page (AttDocument *self,
                        cairo_t     *cr,
                        double       width,
                        double       height,
                        guint        page)
{
  g_return_if_fail (ATT_IS_DOCUMENT (self));
  g_return_if_fail (cr != NULL);

  ATT_DOCUMENT_GET_IFACE (self)->draw_page (self, cr, width, height, page);
}

gboolean
att_document_uses_full_page (AttDocument *self)
{
  AttDocumentInterface *iface;

  g_return_val_if_fail (ATT_IS_DOCUMENT (self), FALSE);

  iface = ATT_DOCUMENT_GET_IFACE (self);
  return iface->uses_full_page != NULL && iface->uses_full_page (self);
}

void
att_document_get_paper_size (AttDocument *self,
                             double      *width,
                             double      *height)
{
  gboolean landscape;

  g_return_if_fail (ATT_IS_DOCUMENT (self));

  landscape = att_document_get_orientation (self) == ATT_PAGE_LANDSCAPE;
  if (width != NULL)
    *width = landscape ? ATT_DOCUMENT_A4_LONG : ATT_DOCUMENT_A4_SHORT;
  if (height != NULL)
    *height = landscape ? ATT_DOCUMENT_A4_SHORT : ATT_DOCUMENT_A4_LONG;
}

/* ------------------------------------------------------------------ */
/* PDF files                                                          */
/* ------------------------------------------------------------------ */

/* Cairo hands the stream many small pieces: they are gathered into
 * writes of 64 KiB, so that a batch of letters is not a system call per
 * line of text. */
#define PDF_BUFFER_SIZE (64 * 1024)

typedef struct
{
  int     fd;
  int     saved_errno;
  gsize   used;
  guchar *buffer;
} PdfStream;

static gboolean
flush_stream (PdfStream *stream)
{
  const guchar *data = stream->buffer;
  gsize length = stream->used;

  while (length > 0)
    {
      ssize_t written = write (stream->fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          stream->saved_errno = errno;
          return FALSE;
        }
      data += written;
      length -= (gsize)written;
    }
  stream->used = 0;
  return TRUE;
}

static cairo_status_t
write_stream (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfStream *stream = closure;

  while (length > 0)
    {
      gsize room = PDF_BUFFER_SIZE - stream->used;
      gsize part = MIN (room, length);

      memcpy (stream->buffer + stream->used, data, part);
      stream->used += part;
      data += part;
      length -= (unsigned int)part;
      if (stream->used == PDF_BUFFER_SIZE && !flush_stream (stream))
        return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

gboolean
att_document_write_pdf (AttDocument  *self,
                        const char   *path,
                        guint        *n_pages,
                        GError      **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *display = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  g_autofree guchar *buffer = g_malloc (PDF_BUFFER_SIZE);
  PdfStream stream = { -1, 0, 0, buffer };
  double paper_width, paper_height, width, height, margin;
  const char *title;
  guint pages;

  g_return_val_if_fail (ATT_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);

  /* Created for its owner only: the file names pupils. */
  stream.fd = att_file_open_beside (path, O_WRONLY, &tmp_path);
  if (stream.fd < 0)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }

  att_document_get_paper_size (self, &paper_width, &paper_height);
  margin = att_document_uses_full_page (self) ? 0 : ATT_DOCUMENT_PDF_MARGIN;
  width = paper_width - 2 * margin;
  height = paper_height - 2 * margin;

  surface = cairo_pdf_surface_create_for_stream (write_stream, &stream, paper_width, paper_height);
  title = att_document_get_title (self);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Attendance");

  cr = cairo_create (surface);
  pages = att_document_count_pages (self, width, height);
  for (guint page = 0; page < pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, margin, margin);
      att_document_draw_page (self, cr, width, height, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && !flush_stream (&stream))
    status = CAIRO_STATUS_WRITE_ERROR;
  if (status == CAIRO_STATUS_SUCCESS && fsync (stream.fd) != 0)
    {
      stream.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }
  if (close (stream.fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    {
      stream.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }

  if (status == CAIRO_STATUS_SUCCESS && g_rename (tmp_path, path) != 0)
    {
      stream.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp_path);
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Could not write “%s”: %s"), display,
                   stream.saved_errno != 0 ? g_strerror (stream.saved_errno)
                                           : cairo_status_to_string (status));
      return FALSE;
    }

  if (n_pages != NULL)
    *n_pages = pages;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Drawing helpers shared by the documents                            */
/* ------------------------------------------------------------------ */

PangoLayout *
att_render_layout_new (cairo_t    *cr,
                       const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  /* Text that does not fit its box ends in an ellipsis, never runs into
   * the next column. */
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_font_description_free (desc);
  return layout;
}

void
att_render_text (cairo_t        *cr,
                 PangoLayout    *layout,
                 const char     *text,
                 double          x,
                 double          y,
                 double          width,
                 double          height,
                 PangoAlignment  align)
{
  int text_height;

  if (width <= 0)
    return;
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_get_size (layout, NULL, &text_height);
  cairo_move_to (cr, x, y + (height - (double)text_height / PANGO_SCALE) / 2);
  pango_cairo_show_layout (cr, layout);
}

void
att_render_line (cairo_t *cr,
                 double   x0,
                 double   y0,
                 double   x1,
                 double   y1,
                 double   line_width)
{
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

char *
att_render_page_number (guint page,
                        guint n_pages)
{
  /* Translators: page numbers of a printed document */
  return g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
}

void
att_render_page_top (cairo_t    *cr,
                     double      width,
                     const char *title,
                     const char *subtitle,
                     guint       page,
                     guint       n_pages)
{
  g_autoptr(PangoLayout) big = att_render_layout_new (cr, "Sans Bold 12");
  g_autoptr(PangoLayout) text = att_render_layout_new (cr, "Sans 8");
  g_autofree char *page_text = att_render_page_number (page, n_pages);

  cairo_set_source_rgb (cr, 0, 0, 0);
  att_render_text (cr, big, title, 0, 0, width * 0.7, 18, PANGO_ALIGN_LEFT);
  att_render_text (cr, text, page_text, width * 0.7, 0, width * 0.3, 18, PANGO_ALIGN_RIGHT);
  if (subtitle != NULL)
    att_render_text (cr, text, subtitle, 0, 18, width, 14, PANGO_ALIGN_LEFT);
}

void
att_render_page_foot (cairo_t    *cr,
                      double      width,
                      double      height,
                      const char *legend,
                      const char *footer)
{
  g_autoptr(PangoLayout) small = att_render_layout_new (cr, "Sans 6.5");

  cairo_set_source_rgb (cr, 0, 0, 0);
  /* The legend may take two lines on a narrow page: it wraps. */
  pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (small, PANGO_WRAP_WORD);
  pango_layout_set_text (small, legend, -1);
  pango_layout_set_width (small, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (small, PANGO_ALIGN_LEFT);
  cairo_move_to (cr, 0, height - ATT_RENDER_FOOTER_HEIGHT + 4);
  pango_cairo_show_layout (cr, small);
  pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_END);
  if (footer != NULL)
    att_render_text (cr, small, footer, 0, height - 12, width, 12, PANGO_ALIGN_LEFT);
}
