/* att-sar-document.c: everything held about one pupil, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "att-audit.h"
#include "att-file.h"
#include "att-render-private.h"
#include "att-sar-document.h"

/* The page, in points. */
#define HEADER_HEIGHT   44.0
#define HEADING_HEIGHT  24.0
#define PAD             2.5
#define GAP             6.0
#define LABEL_SHARE     0.28

#define FONT_TEXT       "Sans 8"
#define FONT_BOLD       "Sans Bold 8"
#define FONT_HEADING    "Sans Bold 11"

typedef enum
{
  BLOCK_HEADING,      /* a section's title */
  BLOCK_NONE,         /* "Nothing held." */
  BLOCK_SUBHEADING,   /* "Contact 2" above a record printed as a form */
  BLOCK_FIELD,        /* a label and its value, in a form */
  BLOCK_COLUMNS,      /* a table's column headings */
  BLOCK_ROW,          /* a table's row */
} BlockKind;

typedef struct
{
  BlockKind  kind;
  guint      section;
  guint      record;
  guint      field;
  double     height;
} Block;

/* Where a block goes: its page and its top. */
typedef struct
{
  guint   block;
  double  y;
} Placed;

struct _AttSarDocument
{
  GObject    parent_instance;

  AttSar    *sar;
  char      *title;
  char      *subtitle;
  char      *footer;

  /* Laid out for one printable area. */
  double     width;
  double     height;
  GArray    *blocks;          /* Block */
  GPtrArray *pages;           /* GArray of Placed per page */
};

static void att_sar_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttSarDocument, att_sar_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_sar_document_iface_init))

static AttSarSection *
get_section (AttSarDocument *self,
             guint           index)
{
  return g_ptr_array_index (self->sar->sections, index);
}

/* The details and the contacts have too many fields for a table. */
static gboolean
as_form (AttSarSection *section)
{
  return section->single || section->n_fields > 11;
}

static const char *
cell_value (AttSarSection *section,
            guint          record,
            guint          field)
{
  GPtrArray *values = g_ptr_array_index (section->records, record);
  const char *value = g_ptr_array_index (values, field);

  if (value == NULL)
    return "";
  if (section->fields[field].type == ATT_SAR_BOOL)
    return strcmp (value, "1") == 0 ? _("Yes") : _("No");
  return value;
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
  pango_layout_set_width (layout, (int)(MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The x and width of each column of a table @width wide. */
static void
column_box (AttSarSection *section,
            double         width,
            guint          field,
            double        *x,
            double        *column_width)
{
  double total = 0, before = 0;

  for (guint f = 0; f < section->n_fields; f++)
    {
      total += section->fields[f].width;
      if (f < field)
        before += section->fields[f].width;
    }
  *x = width * before / total;
  *column_width = width * section->fields[field].width / total;
}

static double
measure (AttSarDocument *self,
         PangoLayout    *text,
         PangoLayout    *bold,
         const Block    *block)
{
  AttSarSection *section = get_section (self, block->section);
  double width = self->width;
  double tallest = 0;

  switch (block->kind)
    {
    case BLOCK_HEADING:
      return HEADING_HEIGHT;
    case BLOCK_NONE:
    case BLOCK_SUBHEADING:
      return text_height (bold, "X", width) + 2 * PAD + 2;
    case BLOCK_FIELD:
      return MAX (text_height (bold, _(section->fields[block->field].label), width * LABEL_SHARE - GAP),
                  text_height (text, cell_value (section, block->record, block->field),
                               width * (1 - LABEL_SHARE))) + 2 * PAD;
    case BLOCK_COLUMNS:
    case BLOCK_ROW:
    default:
      for (guint f = 0; f < section->n_fields; f++)
        {
          double x, column_width;

          column_box (section, width, f, &x, &column_width);
          if (block->kind == BLOCK_COLUMNS)
            tallest = MAX (tallest, text_height (bold, _(section->fields[f].label), column_width - 2 * PAD));
          else
            tallest = MAX (tallest, text_height (text, cell_value (section, block->record, f),
                                                 column_width - 2 * PAD));
        }
      return tallest + 2 * PAD;
    }
}

static void
add_block (GArray    *blocks,
           BlockKind  kind,
           guint      section,
           guint      record,
           guint      field)
{
  Block block = { kind, section, record, field, 0 };

  g_array_append_val (blocks, block);
}

static void
layout_pages (AttSarDocument *self,
              double          width,
              double          height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  double bottom = height - ATT_RENDER_FOOTER_HEIGHT;
  GArray *page = NULL;
  double y = 0;

  if (self->pages != NULL && self->width == width && self->height == height)
    return;

  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  self->width = width;
  self->height = height;
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);

  for (guint s = 0; s < self->sar->sections->len; s++)
    {
      AttSarSection *section = get_section (self, s);

      add_block (self->blocks, BLOCK_HEADING, s, 0, 0);
      if (section->records->len == 0)
        add_block (self->blocks, BLOCK_NONE, s, 0, 0);
      else if (as_form (section))
        for (guint r = 0; r < section->records->len; r++)
          {
            if (!section->single)
              add_block (self->blocks, BLOCK_SUBHEADING, s, r, 0);
            for (guint f = 0; f < section->n_fields; f++)
              add_block (self->blocks, BLOCK_FIELD, s, r, f);
          }
      else
        {
          add_block (self->blocks, BLOCK_COLUMNS, s, 0, 0);
          for (guint r = 0; r < section->records->len; r++)
            add_block (self->blocks, BLOCK_ROW, s, r, 0);
        }
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  text = layout_new (cr, FONT_TEXT);
  bold = layout_new (cr, FONT_BOLD);
  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = &g_array_index (self->blocks, Block, b);
      Block *next = b + 1 < self->blocks->len ? &g_array_index (self->blocks, Block, b + 1) : NULL;
      double needed;
      Placed placed;

      block->height = measure (self, text, bold, block);
      needed = block->height;
      /* A heading is never left alone at the foot of a page. */
      if ((block->kind == BLOCK_HEADING || block->kind == BLOCK_COLUMNS ||
           block->kind == BLOCK_SUBHEADING) && next != NULL)
        needed += measure (self, text, bold, next);

      if (page == NULL || (y + needed > bottom && y > HEADER_HEIGHT))
        {
          page = g_array_new (FALSE, FALSE, sizeof (Placed));
          g_ptr_array_add (self->pages, page);
          y = HEADER_HEIGHT;
          /* A table that goes on shows its headings again. */
          if (block->kind == BLOCK_ROW)
            {
              for (guint c = b; c-- > 0;)
                {
                  Block *columns = &g_array_index (self->blocks, Block, c);

                  if (columns->kind == BLOCK_COLUMNS)
                    {
                      placed.block = c;
                      placed.y = y;
                      g_array_append_val (page, placed);
                      y += columns->height;
                      break;
                    }
                }
            }
        }
      placed.block = b;
      placed.y = y;
      g_array_append_val (page, placed);
      y += block->height;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
att_sar_document_count_pages (AttDocument *document,
                              double       width,
                              double       height)
{
  AttSarDocument *self = ATT_SAR_DOCUMENT (document);

  layout_pages (self, width, height);
  return self->pages->len;
}

static void
draw_block (AttSarDocument *self,
            cairo_t        *cr,
            PangoLayout    *text,
            PangoLayout    *bold,
            PangoLayout    *heading,
            const Block    *block,
            double          y)
{
  AttSarSection *section = get_section (self, block->section);
  double width = self->width;

  switch (block->kind)
    {
    case BLOCK_HEADING:
      {
        g_autofree char *title = NULL;

        if (section->single)
          title = g_strdup (section->title);
        else
          /* Translators: a section of the subject access export and how many records it holds */
          title = g_strdup_printf (_("%s (%u)"), section->title, section->records->len);
        show_text (cr, heading, title, 0, y + 6, width);
        cairo_set_source_rgb (cr, 0, 0, 0);
        att_render_line (cr, 0, y + HEADING_HEIGHT - 1, width, y + HEADING_HEIGHT - 1, 0.9);
      }
      break;

    case BLOCK_NONE:
      show_text (cr, text, _("Nothing is held."), 0, y + PAD, width);
      break;

    case BLOCK_SUBHEADING:
      {
        g_autofree char *title = g_strdup_printf (_("%s, %u of %u"), section->title,
                                                  block->record + 1, section->records->len);

        show_text (cr, bold, title, 0, y + PAD + 2, width);
      }
      break;

    case BLOCK_FIELD:
      show_text (cr, bold, _(section->fields[block->field].label), 0, y + PAD,
                 width * LABEL_SHARE - GAP);
      show_text (cr, text, cell_value (section, block->record, block->field),
                 width * LABEL_SHARE, y + PAD, width * (1 - LABEL_SHARE));
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      att_render_line (cr, 0, y + block->height, width, y + block->height, 0.4);
      cairo_set_source_rgb (cr, 0, 0, 0);
      break;

    case BLOCK_COLUMNS:
    case BLOCK_ROW:
    default:
      for (guint f = 0; f < section->n_fields; f++)
        {
          double x, column_width;

          column_box (section, width, f, &x, &column_width);
          if (block->kind == BLOCK_COLUMNS)
            show_text (cr, bold, _(section->fields[f].label), x + PAD, y + PAD, column_width - 2 * PAD);
          else
            show_text (cr, text, cell_value (section, block->record, f), x + PAD, y + PAD,
                       column_width - 2 * PAD);
        }
      if (block->kind == BLOCK_COLUMNS)
        att_render_line (cr, 0, y + block->height, width, y + block->height, 0.9);
      else
        {
          cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
          att_render_line (cr, 0, y + block->height, width, y + block->height, 0.4);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }
      break;
    }
}

static void
att_sar_document_draw_page (AttDocument *document,
                            cairo_t     *cr,
                            double       width,
                            double       height,
                            guint        page_number)
{
  AttSarDocument *self = ATT_SAR_DOCUMENT (document);
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  g_autoptr(PangoLayout) heading = NULL;
  GArray *page;

  layout_pages (self, width, height);
  g_return_if_fail (page_number < self->pages->len);
  page = g_ptr_array_index (self->pages, page_number);

  cairo_save (cr);
  text = layout_new (cr, FONT_TEXT);
  bold = layout_new (cr, FONT_BOLD);
  heading = layout_new (cr, FONT_HEADING);
  att_render_page_top (cr, width, self->title, self->subtitle, page_number, self->pages->len);
  for (guint i = 0; i < page->len; i++)
    {
      Placed *placed = &g_array_index (page, Placed, i);

      draw_block (self, cr, text, bold, heading,
                  &g_array_index (self->blocks, Block, placed->block), placed->y);
    }
  att_render_page_foot (cr, width, height,
                        _("Everything the school's attendance records hold about this pupil: "
                          "their details, contacts, every mark and every entry and amendment of "
                          "the register, penalty notice decisions, and the changes made to these "
                          "records. Dates are year-month-day; “am” and “pm” are the morning and "
                          "afternoon sessions."),
                        self->footer);
  cairo_restore (cr);
}

static const char *
att_sar_document_get_title (AttDocument *document)
{
  return ATT_SAR_DOCUMENT (document)->title;
}

static AttPageOrientation
att_sar_document_get_orientation (AttDocument *document)
{
  return ATT_PAGE_LANDSCAPE;
}

static void
att_sar_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = att_sar_document_get_title;
  iface->get_orientation = att_sar_document_get_orientation;
  iface->count_pages = att_sar_document_count_pages;
  iface->draw_page = att_sar_document_draw_page;
}

static void
att_sar_document_finalize (GObject *object)
{
  AttSarDocument *self = ATT_SAR_DOCUMENT (object);

  g_clear_pointer (&self->sar, att_sar_free);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->footer);

  G_OBJECT_CLASS (att_sar_document_parent_class)->finalize (object);
}

static void
att_sar_document_class_init (AttSarDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_sar_document_finalize;
}

static void
att_sar_document_init (AttSarDocument *self)
{
}

AttDocument *
att_sar_document_new (AttSar *sar)
{
  AttSarDocument *self;
  g_autoptr(GDateTime) moment = NULL;
  g_autofree char *made = NULL;

  g_return_val_if_fail (sar != NULL, NULL);

  self = g_object_new (ATT_TYPE_SAR_DOCUMENT, NULL);
  self->sar = sar;
  /* The records as they were before and after a change are printed one
   * field a line, not as JSON. */
  for (guint i = 0; i < sar->sections->len; i++)
    {
      AttSarSection *section = g_ptr_array_index (sar->sections, i);

      for (guint f = 0; f < section->n_fields; f++)
        if (section->fields[f].type == ATT_SAR_JSON)
          for (guint r = 0; r < section->records->len; r++)
            {
              GPtrArray *values = g_ptr_array_index (section->records, r);
              char *json = g_ptr_array_index (values, f);

              values->pdata[f] = att_json_describe (json);
              g_free (json);
            }
    }
  /* Translators: the title of the subject access export, "Subject access: Ben Baker (UPN A123...)" */
  self->title = g_strdup_printf (_("Subject access: %s (UPN %s)"), sar->name, sar->upn);
  self->subtitle = g_strdup (sar->school != NULL ? sar->school : "");
  moment = g_date_time_new_from_unix_local (sar->made_at);
  made = moment != NULL ? g_date_time_format (moment, "%Y-%m-%d %H:%M") : g_strdup ("");
  /* Translators: "Made by Olive Officer on 2024-09-02 16:00" */
  self->footer = g_strdup_printf (_("Made by %s on %s"), sar->made_by, made);
  return ATT_DOCUMENT (self);
}

gboolean
att_sar_write_files (AttDb          *db,
                     const AttUser  *user,
                     gint64          pupil_id,
                     const char     *pdf_path,
                     const char     *json_path,
                     GError        **error)
{
  g_autoptr(AttSar) sar = NULL;
  g_autoptr(GString) files = g_string_new (NULL);
  g_autoptr(GPtrArray) written = g_ptr_array_new ();

  g_return_val_if_fail (pdf_path != NULL || json_path != NULL, FALSE);

  sar = att_sar_collect (db, user, pupil_id, error);
  if (sar == NULL)
    return FALSE;

  if (json_path != NULL)
    {
      g_autofree char *json = att_sar_to_json (sar, TRUE);

      if (!att_file_save_private (json_path, json, strlen (json), error))
        return FALSE;
      g_ptr_array_add (written, (gpointer)json_path);
      g_string_append_printf (files, "JSON %s", json_path);
    }
  if (pdf_path != NULL)
    {
      g_autoptr(AttDocument) document = NULL;
      AttSar *copy;
      guint n_pages = 0;

      /* The document takes its own reading (it prints the records before
       * and after a change one field a line rather than as JSON). */
      copy = att_sar_collect (db, user, pupil_id, error);
      if (copy == NULL)
        goto failed;
      document = att_sar_document_new (copy);
      if (!att_document_write_pdf (document, pdf_path, &n_pages, error))
        goto failed;
      g_ptr_array_add (written, (gpointer)pdf_path);
      g_string_append_printf (files, "%sPDF %s (%u pages)", files->len > 0 ? ", " : "",
                              pdf_path, n_pages);
    }

  /* The export is in the audit log, or it is not made. */
  if (att_sar_record_export (db, user, sar, files->str, error))
    return TRUE;

failed:
  for (guint i = 0; i < written->len; i++)
    g_unlink (g_ptr_array_index (written, i));
  return FALSE;
}
