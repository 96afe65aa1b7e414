/* att-chronology-document.c: the chronology of a pupil's case, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are as tall as what they hold: each is measured for the page
 * it is laid out on, and a page break falls between rows, never inside
 * one (a row taller than a whole page is drawn on a page of its own and
 * cut at the foot).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-chronology-document.h"
#include "att-render-private.h"

/* The page, in points. */
#define HEADER_HEIGHT   44.0
#define PAD             2.5
#define FONT_TEXT       "Sans 8"
#define FONT_BOLD       "Sans Bold 8"

enum
{
  COLUMN_DATE,
  COLUMN_TIME,
  COLUMN_KIND,
  COLUMN_ENTRY,
  COLUMN_USER,
  N_COLUMNS
};

/* Each column's share of the width. */
static const double column_shares[N_COLUMNS] = { 0.21, 0.08, 0.12, 0.45, 0.14 };

struct _AttChronologyDocument
{
  GObject    parent_instance;

  GPtrArray *events;          /* AttCaseEvent */
  char      *title;
  char      *subtitle;
  char      *footer;

  /* Laid out for one printable area. */
  double     width;
  double     height;
  double     columns_height;
  GArray    *heights;         /* double, per event */
  GArray    *first_rows;      /* guint, per page; one more at the end */
};

static void att_chronology_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttChronologyDocument, att_chronology_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_chronology_document_iface_init))

static const char *
heading (guint column)
{
  switch (column)
    {
    case COLUMN_DATE: return _("Date");
    case COLUMN_TIME: return _("Time");
    case COLUMN_KIND: return _("Kind");
    case COLUMN_ENTRY: return _("What happened");
    case COLUMN_USER:
    default: return _("By");
    }
}

/* A layout that wraps within its width and measures the same on every
 * surface (no hinted metrics), so that what was measured for the page
 * break is what is drawn. */
static PangoLayout *
layout_new (cairo_t    *cr,
            const char *font)
{
  PangoLayout *layout = att_render_layout_new (cr, font);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
text_height (PangoLayout *layout,
             const char  *text,
             double       width)
{
  int height;

  if (text == NULL || *text == '\0')
    return 0;
  pango_layout_set_width (layout, (int)(MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &height);
  return (double)height / PANGO_SCALE;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width)
{
  if (text == NULL || *text == '\0')
    return;
  pango_layout_set_width (layout, (int)(MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
column_box (double  width,
            guint   column,
            double *x,
            double *column_width)
{
  double before = 0;

  for (guint c = 0; c < column; c++)
    before += column_shares[c];
  *x = width * before;
  *column_width = width * column_shares[column];
}

/* The text of an event's cell (not the entry's, which is two texts). */
static char *
cell_text (const AttCaseEvent *event,
           guint               column)
{
  switch (column)
    {
    case COLUMN_DATE: return att_date_format_long (event->date);
    case COLUMN_TIME: return event->time >= 0 ? att_time_format (event->time) : g_strdup ("");
    case COLUMN_KIND: return g_strdup (att_case_event_kind_describe (event->kind));
    case COLUMN_USER: return g_strdup (event->user);
    case COLUMN_ENTRY:
    default: return g_strdup ("");
    }
}

static double
measure_event (AttChronologyDocument *self,
               PangoLayout           *text,
               PangoLayout           *bold,
               const AttCaseEvent    *event)
{
  double tallest = 0, x, column_width;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      column_box (self->width, c, &x, &column_width);
      if (c == COLUMN_ENTRY)
        tallest = MAX (tallest, text_height (bold, event->title, column_width - 2 * PAD)
                                + text_height (text, event->detail, column_width - 2 * PAD));
      else
        {
          g_autofree char *cell = cell_text (event, c);

          tallest = MAX (tallest, text_height (text, cell, column_width - 2 * PAD));
        }
    }
  return tallest + 2 * PAD;
}

static void
layout_pages (AttChronologyDocument *self,
              double                 width,
              double                 height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  double bottom = height - ATT_RENDER_FOOTER_HEIGHT;
  double y;
  guint first = 0;

  if (self->first_rows != NULL && self->width == width && self->height == height)
    return;

  g_clear_pointer (&self->heights, g_array_unref);
  g_clear_pointer (&self->first_rows, g_array_unref);
  self->width = width;
  self->height = height;
  self->heights = g_array_sized_new (FALSE, FALSE, sizeof (double), self->events->len);
  self->first_rows = g_array_new (FALSE, FALSE, sizeof (guint));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  text = layout_new (cr, FONT_TEXT);
  bold = layout_new (cr, FONT_BOLD);
  self->columns_height = 0;
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double x, column_width;

      column_box (width, c, &x, &column_width);
      self->columns_height = MAX (self->columns_height, text_height (bold, heading (c), column_width - 2 * PAD));
    }
  self->columns_height += 2 * PAD;

  g_array_append_val (self->first_rows, first);
  y = HEADER_HEIGHT + self->columns_height;
  for (guint i = 0; i < self->events->len; i++)
    {
      double row = measure_event (self, text, bold, g_ptr_array_index (self->events, i));

      g_array_append_val (self->heights, row);
      if (y + row > bottom && i > first)
        {
          first = i;
          g_array_append_val (self->first_rows, first);
          y = HEADER_HEIGHT + self->columns_height;
        }
      y += row;
    }
  first = self->events->len;
  g_array_append_val (self->first_rows, first);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
att_chronology_document_count_pages (AttDocument *document,
                                     double       width,
                                     double       height)
{
  AttChronologyDocument *self = ATT_CHRONOLOGY_DOCUMENT (document);

  layout_pages (self, width, height);
  return self->first_rows->len - 1;
}

static void
att_chronology_document_draw_page (AttDocument *document,
                                   cairo_t     *cr,
                                   double       width,
                                   double       height,
                                   guint        page)
{
  AttChronologyDocument *self = ATT_CHRONOLOGY_DOCUMENT (document);
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  guint n_pages, first, last;
  double y = HEADER_HEIGHT;

  layout_pages (self, width, height);
  n_pages = self->first_rows->len - 1;
  g_return_if_fail (page < n_pages);
  first = g_array_index (self->first_rows, guint, page);
  last = g_array_index (self->first_rows, guint, page + 1);

  cairo_save (cr);
  text = layout_new (cr, FONT_TEXT);
  bold = layout_new (cr, FONT_BOLD);
  att_render_page_top (cr, width, self->title, self->subtitle, page, n_pages);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double x, column_width;

      column_box (width, c, &x, &column_width);
      show_text (cr, bold, heading (c), x + PAD, y + PAD, column_width - 2 * PAD);
    }
  y += self->columns_height;
  att_render_line (cr, 0, y, width, y, 0.9);

  if (self->events->len == 0)
    show_text (cr, text, _("Nothing is recorded about this case in the period."), PAD, y + PAD, width);
  for (guint i = first; i < last; i++)
    {
      const AttCaseEvent *event = g_ptr_array_index (self->events, i);
      double row = g_array_index (self->heights, double, i);

      cairo_save (cr);
      cairo_rectangle (cr, 0, y, width, MIN (row, height - ATT_RENDER_FOOTER_HEIGHT - y));
      cairo_clip (cr);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          double x, column_width;

          column_box (width, c, &x, &column_width);
          if (c == COLUMN_ENTRY)
            {
              double title = text_height (bold, event->title, column_width - 2 * PAD);

              show_text (cr, bold, event->title, x + PAD, y + PAD, column_width - 2 * PAD);
              show_text (cr, text, event->detail, x + PAD, y + PAD + title, column_width - 2 * PAD);
            }
          else
            {
              g_autofree char *cell = cell_text (event, c);

              show_text (cr, text, cell, x + PAD, y + PAD, column_width - 2 * PAD);
            }
        }
      cairo_restore (cr);
      y += row;
      cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
      att_render_line (cr, 0, y, width, y, 0.4);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }

  att_render_page_foot (cr, width, height,
                        _("Every call, letter, meeting, leave decision, penalty notice consideration, "
                          "notice and support entry recorded about this pupil, in date order. A time is "
                          "shown where the record has one."),
                        self->footer);
  cairo_restore (cr);
}

static const char *
att_chronology_document_get_title (AttDocument *document)
{
  return ATT_CHRONOLOGY_DOCUMENT (document)->title;
}

static AttPageOrientation
att_chronology_document_get_orientation (AttDocument *document)
{
  return ATT_PAGE_PORTRAIT;
}

static void
att_chronology_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = att_chronology_document_get_title;
  iface->get_orientation = att_chronology_document_get_orientation;
  iface->count_pages = att_chronology_document_count_pages;
  iface->draw_page = att_chronology_document_draw_page;
}

static void
att_chronology_document_finalize (GObject *object)
{
  AttChronologyDocument *self = ATT_CHRONOLOGY_DOCUMENT (object);

  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->heights, g_array_unref);
  g_clear_pointer (&self->first_rows, g_array_unref);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->footer);

  G_OBJECT_CLASS (att_chronology_document_parent_class)->finalize (object);
}

static void
att_chronology_document_class_init (AttChronologyDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_chronology_document_finalize;
}

static void
att_chronology_document_init (AttChronologyDocument *self)
{
}

AttDocument *
att_chronology_document_new (GPtrArray   *events,
                             const char  *school,
                             const char  *pupil_name,
                             const char  *upn,
                             AttDate      from,
                             AttDate      to)
{
  AttChronologyDocument *self;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *span = NULL;

  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (pupil_name != NULL && upn != NULL, NULL);

  self = g_object_new (ATT_TYPE_CHRONOLOGY_DOCUMENT, NULL);
  self->events = g_ptr_array_ref (events);
  /* Translators: the chronology's title, "Chronology: Amira Khan (UPN E383210413001)" */
  self->title = g_strdup_printf (_("Chronology: %s (UPN %s)"), pupil_name, upn);
  a = from != ATT_DATE_NONE ? att_date_format_long (from) : NULL;
  b = to != ATT_DATE_NONE ? att_date_format_long (to) : NULL;
  if (a != NULL && b != NULL)
    span = g_strdup_printf (_("from %s to %s"), a, b);
  else if (a != NULL)
    span = g_strdup_printf (_("from %s"), a);
  else if (b != NULL)
    span = g_strdup_printf (_("up to %s"), b);
  else
    span = g_strdup (_("every record"));
  self->subtitle = school != NULL && *school != '\0' ? g_strdup_printf ("%s: %s", school, span)
                                                     : g_strdup (span);
  {
    g_autofree char *today = att_date_format_long (att_date_today ());

    /* Translators: "Printed on Fri 13 Sep 2024; 8 entries" */
    self->footer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printed on %s; %u entry",
                                                 "Printed on %s; %u entries", events->len),
                                    today, events->len);
  }
  return ATT_DOCUMENT (self);
}
