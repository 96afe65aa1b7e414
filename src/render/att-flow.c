/* att-flow.c: a document laid out from the top down, page after page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "att-flow-private.h"
#include "att-render-private.h"

/* Points. */
#define TOP_LINE_HEIGHT   16.0   /* a later page's running title and number */
#define FOOT_HEIGHT       16.0   /* the page's foot: its footer and number */
#define LETTERHEAD_HEIGHT 72.0
#define LOGO_WIDTH       140.0
#define CELL_PAD           2.5
#define HEADING_ABOVE     10.0
#define HEADING_BELOW      4.0
#define TEXT_BELOW         4.0

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_ROW,
  BLOCK_SPACE,
  BLOCK_BREAK,
  BLOCK_DRAWING,
} BlockKind;

typedef struct
{
  BlockKind    kind;
  AttFlowFont  font;
  char       **cells;     /* TEXT, TITLE, HEADING: one; ROW: the table's columns */
  guint        table;
  gboolean     shaded;
  double       space;
  guint        keep;      /* HEADING: the blocks kept on its page, 0 for the first line of one */
  double       height;    /* as last laid out */
  AttFlowDrawFunc draw;   /* DRAWING */
  gpointer     data;
  GDestroyNotify destroy;
} Block;

typedef struct
{
  guint        n_columns;
  double      *widths;
  char       **header;    /* NULL: none */
  gboolean     ruled;
  gboolean     fields;    /* label in bold */
  AttFlowFont  font;
  double       header_height;
} Table;

/* Blocks [first, last) of a page, and whether it starts by repeating the
 * header of the table it continues. */
typedef struct
{
  guint    first;
  guint    last;
  gboolean repeat_header;
} Page;

struct _AttFlow
{
  AttLetterhead        *letterhead;
  cairo_surface_t      *logo;
  char                 *running_title;
  char                 *footer;
  char                 *draft;
  GArray               *blocks;   /* Block */
  GArray               *tables;   /* Table */
  guint                 fields_table;  /* + 1; 0 when the last block is not a field */
  PangoContext         *context;
  PangoFontDescription *fonts[ATT_FLOW_N_FONTS + 2];
  /* The pages as last laid out. */
  double                paged_width;
  double                paged_height;
  GArray               *pages;    /* Page */
};

#define F_TITLE   ATT_FLOW_N_FONTS
#define F_HEADING (ATT_FLOW_N_FONTS + 1)

static const char *const font_names[] = {
  [ATT_FLOW_BODY] = "Sans 9",
  [ATT_FLOW_BOLD] = "Sans Bold 9",
  [ATT_FLOW_SMALL] = "Sans 7.5",
  [ATT_FLOW_GRID] = "Sans 7.5",
  [F_TITLE] = "Sans Bold 15",
  [F_HEADING] = "Sans Bold 11",
};

AttLetterhead *
att_flow_letterhead_copy (const AttLetterhead *head)
{
  AttLetterhead *copy = g_new0 (AttLetterhead, 1);

  copy->name = g_strdup (head->name != NULL ? head->name : "");
  copy->address = head->address != NULL ? g_strdupv (head->address) : g_new0 (char *, 1);
  copy->phone = g_strdup (head->phone);
  copy->email = g_strdup (head->email);
  copy->logo = g_strdup (head->logo);
  copy->signature = g_strdup (head->signature);
  copy->signatory_name = g_strdup (head->signatory_name);
  copy->signatory_role = g_strdup (head->signatory_role);
  return copy;
}

static void
block_clear (Block *block)
{
  g_strfreev (block->cells);
  if (block->destroy != NULL)
    block->destroy (block->data);
}

static void
table_clear (Table *table)
{
  g_free (table->widths);
  g_strfreev (table->header);
}

AttFlow *
att_flow_new (const AttLetterhead *letterhead)
{
  AttFlow *self = g_new0 (AttFlow, 1);
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  if (letterhead != NULL)
    self->letterhead = att_flow_letterhead_copy (letterhead);
  if (self->letterhead != NULL && self->letterhead->logo != NULL && self->letterhead->logo[0] != '\0')
    {
      self->logo = cairo_image_surface_create_from_png (self->letterhead->logo);
      if (cairo_surface_status (self->logo) != CAIRO_STATUS_SUCCESS)
        g_clear_pointer (&self->logo, cairo_surface_destroy);
    }
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, (GDestroyNotify)block_clear);
  self->tables = g_array_new (FALSE, TRUE, sizeof (Table));
  g_array_set_clear_func (self->tables, (GDestroyNotify)table_clear);
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));

  /* Metrics that do not depend on the device, as the letters have: the
   * pages break in the same places on paper and in the PDF. */
  self->context = pango_font_map_create_context (map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  for (guint i = 0; i < G_N_ELEMENTS (font_names); i++)
    self->fonts[i] = pango_font_description_from_string (font_names[i]);
  return self;
}

void
att_flow_free (AttFlow *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->letterhead, att_letterhead_free);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  g_free (self->running_title);
  g_free (self->footer);
  g_free (self->draft);
  g_array_unref (self->blocks);
  g_array_unref (self->tables);
  g_array_unref (self->pages);
  g_clear_object (&self->context);
  for (guint i = 0; i < G_N_ELEMENTS (self->fonts); i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_free (self);
}

void
att_flow_set_running_title (AttFlow    *self,
                            const char *title)
{
  g_free (self->running_title);
  self->running_title = g_strdup (title);
}

void
att_flow_set_footer (AttFlow    *self,
                     const char *footer)
{
  g_free (self->footer);
  self->footer = g_strdup (footer);
}

void
att_flow_set_draft (AttFlow    *self,
                    const char *mark)
{
  g_free (self->draft);
  self->draft = g_strdup (mark);
}

/* ------------------------------------------------------------------ */
/* Building                                                           */
/* ------------------------------------------------------------------ */

static Block *
add_block (AttFlow   *self,
           BlockKind  kind,
           int        font,
           const char *text)
{
  Block block = { 0, };

  block.kind = kind;
  block.font = font;
  if (text != NULL)
    {
      block.cells = g_new0 (char *, 2);
      block.cells[0] = g_strdup (text);
    }
  g_array_append_val (self->blocks, block);
  self->fields_table = 0;
  self->paged_width = 0;
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

void
att_flow_title (AttFlow    *self,
                const char *text)
{
  add_block (self, BLOCK_TITLE, F_TITLE, text);
}

void
att_flow_heading (AttFlow    *self,
                  const char *text)
{
  add_block (self, BLOCK_HEADING, F_HEADING, text);
}

void
att_flow_heading_keep (AttFlow    *self,
                       const char *text,
                       guint       n_blocks)
{
  add_block (self, BLOCK_HEADING, F_HEADING, text)->keep = n_blocks;
}

void
att_flow_text (AttFlow     *self,
               AttFlowFont  font,
               const char  *text)
{
  add_block (self, BLOCK_TEXT, font, text != NULL ? text : "");
}

void
att_flow_space (AttFlow *self,
                double   points)
{
  add_block (self, BLOCK_SPACE, ATT_FLOW_BODY, NULL)->space = points;
}

void
att_flow_page_break (AttFlow *self)
{
  add_block (self, BLOCK_BREAK, ATT_FLOW_BODY, NULL);
}

void
att_flow_drawing (AttFlow         *self,
                  double           height,
                  AttFlowDrawFunc  func,
                  gpointer         data,
                  GDestroyNotify   destroy)
{
  Block *block = add_block (self, BLOCK_DRAWING, ATT_FLOW_BODY, NULL);

  block->space = height;
  block->draw = func;
  block->data = data;
  block->destroy = destroy;
}

guint
att_flow_table (AttFlow            *self,
                guint               n_columns,
                const double       *widths,
                const char * const *header,
                gboolean            ruled,
                AttFlowFont         font)
{
  Table table = { 0, };

  g_return_val_if_fail (n_columns > 0, 0);

  table.n_columns = n_columns;
  table.widths = g_memdup2 (widths, sizeof (double) * n_columns);
  if (header != NULL)
    {
      table.header = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        table.header[i] = g_strdup (header[i] != NULL ? header[i] : "");
    }
  table.ruled = ruled;
  table.font = font;
  g_array_append_val (self->tables, table);
  return self->tables->len - 1;
}

void
att_flow_row (AttFlow            *self,
              guint               table,
              const char * const *cells,
              gboolean            shaded)
{
  Table *t;
  Block *block;

  g_return_if_fail (table < self->tables->len);

  t = &g_array_index (self->tables, Table, table);
  block = add_block (self, BLOCK_ROW, t->font, NULL);
  block->table = table;
  block->shaded = shaded;
  block->cells = g_new0 (char *, t->n_columns + 1);
  for (guint i = 0; i < t->n_columns; i++)
    block->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
}

void
att_flow_field (AttFlow    *self,
                const char *label,
                const char *value)
{
  static const double widths[] = { 0.3, 0.7 };
  const char *cells[] = { label, value != NULL ? value : "" };
  guint table;

  if (self->fields_table == 0)
    {
      table = att_flow_table (self, 2, widths, NULL, FALSE, ATT_FLOW_BODY);
      g_array_index (self->tables, Table, table).fields = TRUE;
    }
  else
    table = self->fields_table - 1;
  att_flow_row (self, table, cells, FALSE);
  self->fields_table = table + 1;
}

/* ------------------------------------------------------------------ */
/* Laying out                                                         */
/* ------------------------------------------------------------------ */

static PangoLayout *
new_layout (AttFlow        *self,
            int             font,
            double          width,
            PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[font]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double)height / PANGO_SCALE;
}

static int
cell_font (const Table *table,
           guint        column,
           gboolean     header)
{
  if (header || (table->fields && column == 0))
    return table->font == ATT_FLOW_BODY ? ATT_FLOW_BOLD : (int)table->font;
  return table->font;
}

static PangoLayout *
cell_layout (AttFlow     *self,
             const Table *table,
             guint        column,
             const char  *text,
             gboolean     header,
             double       width)
{
  double w = width * table->widths[column] - 2 * CELL_PAD;
  PangoLayout *layout = new_layout (self, cell_font (table, column, header), MAX (w, 1),
                                    table->font == ATT_FLOW_GRID ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);

  if (header && table->font == ATT_FLOW_GRID)
    pango_layout_set_font_description (layout, self->fonts[ATT_FLOW_BOLD]);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
row_height (AttFlow           *self,
            const Table       *table,
            const char *const *cells,
            gboolean           header,
            double             width)
{
  double height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autoptr(PangoLayout) layout = cell_layout (self, table, i, cells[i], header, width);

      height = MAX (height, layout_height (layout));
    }
  return height + 2 * CELL_PAD;
}

static double
block_height (AttFlow *self,
              Block   *block,
              double   width)
{
  switch (block->kind)
    {
    case BLOCK_TITLE:
    case BLOCK_HEADING:
    case BLOCK_TEXT:
      {
        g_autoptr(PangoLayout) layout = new_layout (self, block->font, width, PANGO_ALIGN_LEFT);
        double above = block->kind == BLOCK_HEADING ? HEADING_ABOVE : 0;
        double below = block->kind == BLOCK_TEXT ? TEXT_BELOW : HEADING_BELOW + 2;

        pango_layout_set_text (layout, block->cells[0], -1);
        return above + layout_height (layout) + below;
      }
    case BLOCK_ROW:
      return row_height (self, &g_array_index (self->tables, Table, block->table),
                         (const char *const *)block->cells, FALSE, width);
    case BLOCK_SPACE:
    case BLOCK_DRAWING:
      return block->space;
    case BLOCK_BREAK:
    default:
      return 0;
    }
}

static double
page_top (AttFlow *self,
          guint    page)
{
  if (page == 0 && self->letterhead != NULL)
    return LETTERHEAD_HEIGHT;
  return TOP_LINE_HEIGHT;
}

static void
paginate (AttFlow *self,
          double   width,
          double   height)
{
  double bottom = height - FOOT_HEIGHT;
  Page page = { 0, 0, FALSE };
  double y;

  if (self->paged_width == width && self->paged_height == height && self->pages->len > 0)
    return;
  self->paged_width = width;
  self->paged_height = height;
  g_array_set_size (self->pages, 0);

  for (guint t = 0; t < self->tables->len; t++)
    {
      Table *table = &g_array_index (self->tables, Table, t);

      table->header_height = table->header != NULL
        ? row_height (self, table, (const char *const *)table->header, TRUE, width) : 0;
    }

  y = page_top (self, 0);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double need;
      gboolean starts_table = FALSE;

      block->height = block_height (self, block, width);
      need = block->height;
      if (block->kind == BLOCK_ROW)
        {
          const Block *before = i > 0 ? &g_array_index (self->blocks, Block, i - 1) : NULL;

          starts_table = before == NULL || before->kind != BLOCK_ROW || before->table != block->table;
          if (starts_table)
            need += g_array_index (self->tables, Table, block->table).header_height;
        }
      else if (block->kind == BLOCK_HEADING || block->kind == BLOCK_TITLE)
        {
          /* A heading stays with the first line of what follows, or
           * with as many blocks as it keeps. */
          if (block->keep > 0)
            {
              for (guint k = i + 1; k <= i + block->keep && k < self->blocks->len; k++)
                {
                  Block *kept = &g_array_index (self->blocks, Block, k);
                  Block *before = &g_array_index (self->blocks, Block, k - 1);

                  need += block_height (self, kept, width);
                  /* A table kept starts with its header. */
                  if (kept->kind == BLOCK_ROW && (before->kind != BLOCK_ROW || before->table != kept->table))
                    need += g_array_index (self->tables, Table, kept->table).header_height;
                }
              if (need > bottom - page_top (self, 1))
                need = block->height;
            }
          else if (i + 1 < self->blocks->len)
            {
              Block *next = &g_array_index (self->blocks, Block, i + 1);

              need += MIN (block_height (self, next, width), 60.0);
              if (next->kind == BLOCK_ROW)
                need += g_array_index (self->tables, Table, next->table).header_height;
            }
        }

      if ((block->kind == BLOCK_BREAK && i > page.first) ||
          (y + need > bottom && i > page.first))
        {
          gboolean continues_table;

          page.last = i;
          g_array_append_val (self->pages, page);
          continues_table = block->kind == BLOCK_ROW && !starts_table &&
                            g_array_index (self->tables, Table, block->table).header != NULL;
          page.first = block->kind == BLOCK_BREAK ? i + 1 : i;
          page.repeat_header = continues_table;
          y = page_top (self, self->pages->len);
          if (continues_table)
            y += g_array_index (self->tables, Table, block->table).header_height;
          if (block->kind == BLOCK_BREAK)
            continue;
        }
      y += block->height;
      if (starts_table)
        y += g_array_index (self->tables, Table, block->table).header_height;
    }
  page.last = self->blocks->len;
  g_array_append_val (self->pages, page);
}

guint
att_flow_count_pages (AttFlow *self,
                      double   width,
                      double   height)
{
  paginate (self, width, height);
  return self->pages->len;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                            */
/* ------------------------------------------------------------------ */

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_letterhead (AttFlow *self,
                 cairo_t *cr,
                 double   width)
{
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(PangoLayout) name = new_layout (self, F_TITLE, width * 0.6, PANGO_ALIGN_RIGHT);
  g_autoptr(PangoLayout) lines = new_layout (self, ATT_FLOW_SMALL, width * 0.6, PANGO_ALIGN_RIGHT);
  double x = width * 0.4;

  if (self->logo != NULL)
    {
      double iw = cairo_image_surface_get_width (self->logo);
      double ih = cairo_image_surface_get_height (self->logo);

      if (iw > 0 && ih > 0)
        {
          double scale = MIN (LOGO_WIDTH / iw, (LETTERHEAD_HEIGHT - 12) / ih);

          cairo_save (cr);
          cairo_scale (cr, scale, scale);
          cairo_set_source_surface (cr, self->logo, 0, 0);
          cairo_rectangle (cr, 0, 0, iw, ih);
          cairo_fill (cr);
          cairo_restore (cr);
        }
    }
  pango_layout_set_text (name, self->letterhead->name, -1);
  show (cr, name, x, 0);
  for (guint i = 0; self->letterhead->address[i] != NULL; i++)
    g_string_append_printf (details, "%s%s", i > 0 ? ", " : "", self->letterhead->address[i]);
  if (self->letterhead->phone != NULL && self->letterhead->phone[0] != '\0')
    /* Translators: the school's phone number in a document's head */
    g_string_append_printf (details, _("\nTelephone %s"), self->letterhead->phone);
  if (self->letterhead->email != NULL && self->letterhead->email[0] != '\0')
    g_string_append_printf (details, "%s%s", self->letterhead->phone != NULL ? "  " : "\n",
                            self->letterhead->email);
  pango_layout_set_text (lines, details->str, -1);
  show (cr, lines, x, layout_height (name) + 2);
  att_render_line (cr, 0, LETTERHEAD_HEIGHT - 8, width, LETTERHEAD_HEIGHT - 8, 0.8);
}

static void
draw_draft (AttFlow *self,
            cairo_t *cr,
            double   width,
            double   height)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold 96");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, self->draft, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_save (cr);
  cairo_translate (cr, width / 2, height / 2);
  cairo_rotate (cr, -G_PI / 5);
  cairo_set_source_rgba (cr, 0.75, 0.1, 0.1, 0.18);
  cairo_move_to (cr, -(double)w / PANGO_SCALE / 2, -(double)h / PANGO_SCALE / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_row (AttFlow           *self,
          cairo_t           *cr,
          const Table       *table,
          const char *const *cells,
          gboolean           header,
          gboolean           shaded,
          double             y,
          double             height,
          double             width)
{
  double x = 0;

  if (shaded || (header && table->ruled))
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, header ? 0.88 : 0.94, header ? 0.88 : 0.94, header ? 0.88 : 0.94);
      cairo_rectangle (cr, 0, y, width, height);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  for (guint i = 0; i < table->n_columns; i++)
    {
      double w = width * table->widths[i];
      g_autoptr(PangoLayout) layout = cell_layout (self, table, i, cells[i], header, width);

      show (cr, layout, x + CELL_PAD, y + CELL_PAD);
      if (table->ruled)
        {
          cairo_save (cr);
          cairo_set_line_width (cr, 0.4);
          cairo_rectangle (cr, x, y, w, height);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      x += w;
    }
  if (!table->ruled && header)
    att_render_line (cr, 0, y + height, width, y + height, 0.6);
}

void
att_flow_draw_page (AttFlow *self,
                    cairo_t *cr,
                    double   width,
                    double   height,
                    guint    page_number)
{
  const Page *page;
  double y;

  paginate (self, width, height);
  g_return_if_fail (page_number < self->pages->len);
  page = &g_array_index (self->pages, Page, page_number);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (self->draft != NULL)
    draw_draft (self, cr, width, height);

  /* The top: the letterhead on the first page, the running title and
   * the page number on the others. */
  if (page_number == 0 && self->letterhead != NULL)
    draw_letterhead (self, cr, width);
  else
    {
      g_autoptr(PangoLayout) top = new_layout (self, ATT_FLOW_SMALL, width, PANGO_ALIGN_LEFT);
      g_autofree char *text = g_strdup_printf ("%s%s%s", self->running_title ? self->running_title : "",
                                               self->draft ? " · " : "", self->draft ? self->draft : "");

      pango_layout_set_text (top, text, -1);
      show (cr, top, 0, 0);
    }

  /* The foot: the footer, the draft mark and the page number. */
  {
    g_autoptr(PangoLayout) foot = new_layout (self, ATT_FLOW_SMALL, width * 0.75, PANGO_ALIGN_LEFT);
    g_autoptr(PangoLayout) number = new_layout (self, ATT_FLOW_SMALL, width * 0.25, PANGO_ALIGN_RIGHT);
    g_autofree char *page_text = att_render_page_number (page_number, self->pages->len);
    g_autofree char *foot_text = g_strdup_printf ("%s%s%s", self->footer ? self->footer : "",
                                                  self->draft && self->footer ? " · " : "",
                                                  self->draft ? self->draft : "");

    pango_layout_set_ellipsize (foot, PANGO_ELLIPSIZE_END);
    pango_layout_set_text (foot, foot_text, -1);
    pango_layout_set_text (number, page_text, -1);
    att_render_line (cr, 0, height - FOOT_HEIGHT + 2, width, height - FOOT_HEIGHT + 2, 0.4);
    show (cr, foot, 0, height - FOOT_HEIGHT + 5);
    show (cr, number, width * 0.75, height - FOOT_HEIGHT + 5);
  }

  y = page_top (self, page_number);
  for (guint i = page->first; i < page->last; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      if (block->kind == BLOCK_ROW)
        {
          const Table *table = &g_array_index (self->tables, Table, block->table);
          const Block *before = i > 0 ? &g_array_index (self->blocks, Block, i - 1) : NULL;
          gboolean starts = before == NULL || before->kind != BLOCK_ROW || before->table != block->table;

          if (table->header != NULL && (starts || (i == page->first && page->repeat_header)))
            {
              draw_row (self, cr, table, (const char *const *)table->header, TRUE, FALSE, y,
                        table->header_height, width);
              y += table->header_height;
            }
          draw_row (self, cr, table, (const char *const *)block->cells, FALSE, block->shaded, y,
                    block->height, width);
        }
      else if (block->kind == BLOCK_TITLE || block->kind == BLOCK_HEADING || block->kind == BLOCK_TEXT)
        {
          g_autoptr(PangoLayout) layout = new_layout (self, block->font, width, PANGO_ALIGN_LEFT);
          double above = block->kind == BLOCK_HEADING ? HEADING_ABOVE : 0;

          pango_layout_set_text (layout, block->cells[0], -1);
          show (cr, layout, 0, y + above);
          if (block->kind == BLOCK_HEADING)
            {
              double line_y = y + above + layout_height (layout) + 1;

              att_render_line (cr, 0, line_y, width, line_y, 0.6);
            }
        }
      else if (block->kind == BLOCK_DRAWING && block->draw != NULL)
        {
          cairo_save (cr);
          cairo_translate (cr, 0, y);
          block->draw (cr, width, block->height, block->data);
          cairo_restore (cr);
        }
      y += block->height;
    }
  cairo_restore (cr);
}
