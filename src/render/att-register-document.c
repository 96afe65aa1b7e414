/* att-register-document.c: the printed register, a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-groups.h"
#include "att-pupils.h"
#include "att-register-document.h"
#include "att-render-private.h"

/* The page, in points. */
#define HEADER_HEIGHT   52.0
#define COLUMNS_HEIGHT  26.0
#define ROW_HEIGHT      14.0
#define YTD_WIDTH       40.0
#define UNAUTH_WIDTH    40.0
#define MIN_NAME_WIDTH  140.0
#define MAX_CELL_WIDTH  44.0

/* A page: rows @first to @last (exclusive) of the printing order, all of
 * one registration group. */
typedef struct
{
  guint     first;
  guint     last;
  gboolean  continued;      /* the group began on an earlier page */
} Page;

struct _AttRegisterDocument
{
  GObject   parent_instance;

  AttGrid  *grid;
  char     *school;
  char     *title;
  char     *footer;

  /* Grid rows in printing order: group by group. */
  GArray   *order;
  /* Pages for the height they were worked out for. */
  GArray   *pages;
  double    pages_height;
};

static void att_register_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttRegisterDocument, att_register_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_register_document_iface_init))

static const char *
row_group (AttRegisterDocument *self,
           guint                position)
{
  AttPupil *pupil = att_grid_get_pupil (self->grid, g_array_index (self->order, guint, position));

  return pupil->reg_group != NULL && *pupil->reg_group != '\0' ? pupil->reg_group : NULL;
}

static guint
rows_per_page (double height)
{
  double room = height - HEADER_HEIGHT - COLUMNS_HEIGHT - ATT_RENDER_FOOTER_HEIGHT;

  return MAX (1, (guint)(room / ROW_HEIGHT));
}

/* Every group starts a new page, and a group longer than a page goes on
 * over as many as it needs. */
static GArray *
paginate (AttRegisterDocument *self,
          double               height)
{
  guint per_page = rows_per_page (height);
  guint n_rows = self->order->len;
  Page page = { 0, 0, FALSE };

  if (self->pages != NULL && self->pages_height == height)
    return self->pages;

  g_clear_pointer (&self->pages, g_array_unref);
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->pages_height = height;

  while (page.first < n_rows)
    {
      const char *group = row_group (self, page.first);

      page.last = page.first + 1;
      while (page.last < n_rows && page.last - page.first < per_page &&
             g_strcmp0 (row_group (self, page.last), group) == 0)
        page.last++;
      g_array_append_val (self->pages, page);

      page.continued = page.last < n_rows && g_strcmp0 (row_group (self, page.last), group) == 0;
      page.first = page.last;
    }

  /* An empty register is still a page, saying so. */
  if (self->pages->len == 0)
    {
      Page empty = { 0, 0, FALSE };
      g_array_append_val (self->pages, empty);
    }
  return self->pages;
}

static guint
att_register_document_count_pages (AttDocument *document,
                                   double       width,
                                   double       height)
{
  return paginate (ATT_REGISTER_DOCUMENT (document), height)->len;
}

static const char *
short_weekday (int weekday)
{
  switch (weekday)
    {
    case 1: return C_("weekday", "Mon");
    case 2: return C_("weekday", "Tue");
    case 3: return C_("weekday", "Wed");
    case 4: return C_("weekday", "Thu");
    case 5: return C_("weekday", "Fri");
    case 6: return C_("weekday", "Sat");
    default: return C_("weekday", "Sun");
    }
}

/* Pupils of the group that @page shows, over all its pages. */
static guint
group_size (AttRegisterDocument *self,
            const Page          *page)
{
  const char *group = row_group (self, page->first);
  guint first = page->first, last = page->last;

  while (first > 0 && g_strcmp0 (row_group (self, first - 1), group) == 0)
    first--;
  while (last < self->order->len && g_strcmp0 (row_group (self, last), group) == 0)
    last++;
  return last - first;
}

static void
draw_heading (AttRegisterDocument *self,
              cairo_t             *cr,
              double               width,
              const Page          *page,
              guint                page_number,
              guint                n_pages)
{
  g_autoptr(PangoLayout) group = att_render_layout_new (cr, "Sans Bold 11");
  g_autoptr(PangoLayout) text = att_render_layout_new (cr, "Sans 8");

  att_render_page_top (cr, width, self->school != NULL ? self->school : _("Attendance register"),
                       self->title, page_number, n_pages);

  if (page->last > page->first)
    {
      const char *name = row_group (self, page->first);
      g_autofree char *heading = NULL;
      g_autofree char *count = NULL;
      guint n = group_size (self, page);

      if (name == NULL)
        name = _("No registration group");
      /* Translators: the heading of a registration group's page in a
       * printed register, "7A" or "7A (continued)" */
      heading = page->continued ? g_strdup_printf (_("%s (continued)"), name) : g_strdup (name);
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pupil", "%u pupils", n), n);
      att_render_text (cr, group, heading, 0, 33, width * 0.75, 17, PANGO_ALIGN_LEFT);
      att_render_text (cr, text, count, width * 0.75, 33, width * 0.25, 17, PANGO_ALIGN_RIGHT);
    }
}

static void
draw_footer (AttRegisterDocument *self,
             cairo_t             *cr,
             double               width,
             double               height)
{
  att_render_page_foot (cr, width, height,
                        _("Codes of the School Attendance (Pupil Registration) (England) Regulations 2024. "
                          "Bold: unauthorised absence. Corner mark: amended entry. "
                          "Grey: no session (# planned closure). –: not on roll."),
                        self->footer);
}

static void
att_register_document_draw_page (AttDocument *document,
                                 cairo_t     *cr,
                                 double       width,
                                 double       height,
                                 guint        page_number)
{
  AttRegisterDocument *self = ATT_REGISTER_DOCUMENT (document);
  AttGrid *grid = self->grid;
  GArray *pages = paginate (self, height);
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  g_autoptr(PangoLayout) small = NULL;
  const Page *page;
  guint n_columns;
  double cell_width, name_width, x0, y, table_bottom;

  g_return_if_fail (page_number < pages->len);

  page = &g_array_index (pages, Page, page_number);
  n_columns = att_grid_get_n_columns (grid);

  /* Session cells share what the name and the figures leave. */
  cell_width = n_columns > 0
    ? MIN (MAX_CELL_WIDTH, (width - MIN_NAME_WIDTH - YTD_WIDTH - UNAUTH_WIDTH) / n_columns)
    : 0;
  name_width = width - YTD_WIDTH - UNAUTH_WIDTH - cell_width * n_columns;

  cairo_save (cr);
  text = att_render_layout_new (cr, "Sans 8");
  bold = att_render_layout_new (cr, "Sans Bold 8");
  small = att_render_layout_new (cr, "Sans 6.5");

  draw_heading (self, cr, width, page, page_number, pages->len);

  /* Column headings: a day over its two sessions. */
  y = HEADER_HEIGHT;
  cairo_set_source_rgb (cr, 0, 0, 0);
  att_render_text (cr, bold, _("Pupil"), 2, y + 13, name_width - 4, 13, PANGO_ALIGN_LEFT);
  x0 = name_width;
  for (guint c = 0; c < n_columns; c++)
    {
      const AttGridColumn *column = att_grid_get_column (grid, c);
      double x = x0 + c * cell_width;

      if (column->session == ATT_SESSION_AM)
        {
          int day;
          g_autofree char *label = NULL;

          att_date_to_ymd (column->date, NULL, NULL, &day);
          label = g_strdup_printf ("%s %d", short_weekday (att_date_weekday (column->date)), day);
          att_render_text (cr, bold, label, x, y, cell_width * 2, 13, PANGO_ALIGN_CENTER);
        }
      att_render_text (cr, small, column->session == ATT_SESSION_AM ? _("AM") : _("PM"),
                       x, y + 13, cell_width, 13, PANGO_ALIGN_CENTER);
    }
  x0 += n_columns * cell_width;
  /* Translators: year-to-date attendance, a narrow column heading */
  att_render_text (cr, small, _("YTD %"), x0, y + 13, YTD_WIDTH, 13, PANGO_ALIGN_CENTER);
  /* Translators: unauthorised sessions in the rolling 10 school weeks */
  att_render_text (cr, small, _("Unauth."), x0 + YTD_WIDTH, y + 13, UNAUTH_WIDTH, 13,
                   PANGO_ALIGN_CENTER);

  y = HEADER_HEIGHT + COLUMNS_HEIGHT;
  if (page->last == page->first)
    att_render_text (cr, text, _("No pupils on roll in these sessions."), 2, y, width - 4,
                     ROW_HEIGHT, PANGO_ALIGN_LEFT);

  /* Columns without a session are shaded across the whole table. */
  table_bottom = y + (page->last - page->first) * ROW_HEIGHT;
  for (guint c = 0; c < n_columns; c++)
    {
      if (!att_grid_get_column (grid, c)->school)
        {
          cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
          cairo_rectangle (cr, name_width + c * cell_width, y, cell_width, table_bottom - y);
          cairo_fill (cr);
        }
    }

  for (guint p = page->first; p < page->last; p++)
    {
      guint r = g_array_index (self->order, guint, p);
      AttPupil *pupil = att_grid_get_pupil (grid, r);
      const AttGridFigures *figures = att_grid_get_figures (grid, r);
      g_autofree char *name = NULL;
      char number[32];
      double ry = y + (p - page->first) * ROW_HEIGHT;

      /* Every other row lightly shaded, to follow a line across. */
      if ((p - page->first) % 2 == 1)
        {
          cairo_set_source_rgba (cr, 0, 0, 0, 0.05);
          cairo_rectangle (cr, 0, ry, width, ROW_HEIGHT);
          cairo_fill (cr);
        }

      cairo_set_source_rgb (cr, 0, 0, 0);
      name = g_strdup_printf ("%s, %s", att_pupil_get_surname (pupil), att_pupil_get_forename (pupil));
      att_render_text (cr, text, name, 2, ry, name_width - 4, ROW_HEIGHT, PANGO_ALIGN_LEFT);

      for (guint c = 0; c < n_columns; c++)
        {
          AttCode code = att_grid_get_code (grid, r, c);
          guint flags = att_grid_get_flags (grid, r, c);
          double cx = name_width + c * cell_width;

          if (!(flags & ATT_GRID_CELL_ON_ROLL))
            {
              /* Off roll: a thin dash, so a blank never looks missed. */
              cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
              att_render_text (cr, text, "–", cx, ry, cell_width, ROW_HEIGHT, PANGO_ALIGN_CENTER);
              continue;
            }
          if (code == ATT_CODE_NONE)
            continue;

          cairo_set_source_rgb (cr, 0, 0, 0);
          /* Unauthorised absence in bold: it reads without colour. */
          att_render_text (cr,
                           att_code_info (code)->meaning == ATT_MEANING_UNAUTHORISED ? bold : text,
                           att_code_to_string (code), cx, ry, cell_width, ROW_HEIGHT,
                           PANGO_ALIGN_CENTER);
          if (flags & ATT_GRID_CELL_AMENDED)
            {
              cairo_move_to (cr, cx + cell_width - 5, ry + 0.5);
              cairo_line_to (cr, cx + cell_width - 0.5, ry + 0.5);
              cairo_line_to (cr, cx + cell_width - 0.5, ry + 5);
              cairo_close_path (cr);
              cairo_fill (cr);
            }
        }

      x0 = name_width + n_columns * cell_width;
      cairo_set_source_rgb (cr, 0, 0, 0);
      if (figures->possible > 0)
        {
          g_snprintf (number, sizeof number, "%.1f", figures->attendance_pct);
          att_render_text (cr, figures->persistent ? bold : text, number, x0, ry, YTD_WIDTH - 4,
                           ROW_HEIGHT, PANGO_ALIGN_RIGHT);
        }
      g_snprintf (number, sizeof number, "%u", figures->unauthorised);
      att_render_text (cr, figures->unauthorised >= 10 ? bold : text, number, x0 + YTD_WIDTH, ry,
                       UNAUTH_WIDTH - 4, ROW_HEIGHT, PANGO_ALIGN_RIGHT);
    }

  /* Grid lines: rows, then the column edges, heavier between days. */
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  for (guint p = page->first; p <= page->last; p++)
    {
      double ry = y + (p - page->first) * ROW_HEIGHT;
      att_render_line (cr, 0, ry, width, ry, 0.4);
    }
  for (guint c = 0; c <= n_columns; c++)
    {
      double cx = name_width + c * cell_width;
      gboolean day_edge = c % 2 == 0;

      att_render_line (cr, cx, HEADER_HEIGHT + (day_edge ? 0 : 13), cx, table_bottom,
                       day_edge ? 0.9 : 0.4);
    }
  x0 = name_width + n_columns * cell_width + YTD_WIDTH;
  att_render_line (cr, x0, HEADER_HEIGHT, x0, table_bottom, 0.4);
  att_render_line (cr, width, HEADER_HEIGHT, width, table_bottom, 0.4);
  att_render_line (cr, 0, y, width, y, 0.9);

  draw_footer (self, cr, width, height);
  cairo_restore (cr);
}

static const char *
att_register_document_get_title (AttDocument *document)
{
  AttRegisterDocument *self = ATT_REGISTER_DOCUMENT (document);

  return self->title != NULL ? self->title : _("Attendance register");
}

static AttPageOrientation
att_register_document_get_orientation (AttDocument *document)
{
  /* A week's ten sessions and the figures need the width. */
  return ATT_PAGE_LANDSCAPE;
}

static void
att_register_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = att_register_document_get_title;
  iface->get_orientation = att_register_document_get_orientation;
  iface->count_pages = att_register_document_count_pages;
  iface->draw_page = att_register_document_draw_page;
}

static void
att_register_document_finalize (GObject *object)
{
  AttRegisterDocument *self = ATT_REGISTER_DOCUMENT (object);

  g_clear_pointer (&self->grid, att_grid_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_free (self->school);
  g_free (self->title);
  g_free (self->footer);

  G_OBJECT_CLASS (att_register_document_parent_class)->finalize (object);
}

static void
att_register_document_class_init (AttRegisterDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_register_document_finalize;
}

static void
att_register_document_init (AttRegisterDocument *self)
{
}

AttDocument *
att_register_document_new (AttGrid    *grid,
                           const char *school,
                           const char *title,
                           const char *footer)
{
  AttRegisterDocument *self;
  g_autoptr(GPtrArray) pupils = NULL;
  guint n_rows;

  g_return_val_if_fail (grid != NULL, NULL);

  self = g_object_new (ATT_TYPE_REGISTER_DOCUMENT, NULL);
  self->grid = att_grid_ref (grid);
  self->school = g_strdup (school);
  self->title = g_strdup (title);
  self->footer = g_strdup (footer);

  n_rows = att_grid_get_n_rows (grid);
  pupils = g_ptr_array_sized_new (n_rows);
  for (guint r = 0; r < n_rows; r++)
    g_ptr_array_add (pupils, att_grid_get_pupil (grid, r));
  self->order = att_groups_order_pupils (pupils);

  return ATT_DOCUMENT (self);
}
