/* att-rollcall-document.c: the printed fire roll call, a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-pupils.h"
#include "att-render-private.h"
#include "att-rollcall-document.h"

/* The page, in points. */
#define HEADER_HEIGHT   56.0
#define COLUMNS_HEIGHT  18.0
#define ROW_HEIGHT      16.0
#define TICK_WIDTH      34.0
#define GAP             8.0
#define MARK_WIDTH      90.0
#define NUMBER_WIDTH    90.0

typedef enum
{
  PAGE_SUMMARY,
  PAGE_GROUP,
} PageKind;

/* A page: rows @first to @last (exclusive) of the summary (groups) or of
 * one group's pupils on site. */
typedef struct
{
  PageKind  kind;
  guint     group;
  guint     first;
  guint     last;
  gboolean  continued;      /* the list began on an earlier page */
  gboolean  ends;           /* the list ends on this page: its total follows */
} Page;

struct _AttRollCallDocument
{
  GObject      parent_instance;

  AttRollCall *rollcall;
  char        *school;
  char        *footer;
  char        *title;

  GArray      *pages;
  double       pages_height;
};

static void att_rollcall_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttRollCallDocument, att_rollcall_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_rollcall_document_iface_init))

static AttRollCallGroup *
get_group (AttRollCallDocument *self,
           guint                index)
{
  return g_ptr_array_index (self->rollcall->groups, index);
}

static const char *
group_name (AttRollCallGroup *group)
{
  return group->group != NULL ? group->group : _("No registration group");
}

/* Rows on a page: the table's rows and, on the page where a list ends,
 * one more for its total. */
static guint
rows_per_page (double height)
{
  double room = height - HEADER_HEIGHT - COLUMNS_HEIGHT - ATT_RENDER_FOOTER_HEIGHT;

  return MAX (2, (guint)(room / ROW_HEIGHT));
}

static void
add_pages (GArray   *pages,
           PageKind  kind,
           guint     group,
           guint     n_rows,
           guint     per_page)
{
  Page page = { kind, group, 0, 0, FALSE, FALSE };

  do
    {
      page.last = MIN (n_rows, page.first + per_page);
      /* The total goes under the last row, so a full last page leaves
       * its final row for the next one. */
      if (page.last == n_rows && page.last - page.first == per_page && n_rows > 0)
        page.last--;
      page.ends = page.last == n_rows;
      g_array_append_val (pages, page);
      page.continued = TRUE;
      page.first = page.last;
    }
  while (!page.ends);
}

static GArray *
paginate (AttRollCallDocument *self,
          double               height)
{
  guint per_page = rows_per_page (height);
  GPtrArray *groups = self->rollcall->groups;

  if (self->pages != NULL && self->pages_height == height)
    return self->pages;

  g_clear_pointer (&self->pages, g_array_unref);
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->pages_height = height;

  add_pages (self->pages, PAGE_SUMMARY, 0, groups->len, per_page);
  /* A group with nobody on site is in the summary, with no page. */
  for (guint g = 0; g < groups->len; g++)
    {
      AttRollCallGroup *group = g_ptr_array_index (groups, g);

      if (group->on_site->len > 0)
        add_pages (self->pages, PAGE_GROUP, g, group->on_site->len, per_page);
    }
  return self->pages;
}

static guint
att_rollcall_document_count_pages (AttDocument *document,
                                   double       width,
                                   double       height)
{
  return paginate (ATT_ROLLCALL_DOCUMENT (document), height)->len;
}

static void
draw_heading (AttRollCallDocument *self,
              cairo_t             *cr,
              double               width,
              const char          *heading,
              const char          *count,
              guint                page_number,
              guint                n_pages)
{
  g_autoptr(PangoLayout) big = att_render_layout_new (cr, "Sans Bold 11");

  att_render_page_top (cr, width, self->school != NULL ? self->school : self->title,
                       self->title, page_number, n_pages);
  att_render_text (cr, big, heading, 0, 34, width * 0.7, 18, PANGO_ALIGN_LEFT);
  if (count != NULL)
    att_render_text (cr, big, count, width * 0.7, 34, width * 0.3, 18, PANGO_ALIGN_RIGHT);
}

static void
draw_row_lines (cairo_t *cr,
                double   width,
                double   top,
                guint    n_rows)
{
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  for (guint r = 1; r <= n_rows; r++)
    att_render_line (cr, 0, top + r * ROW_HEIGHT, width, top + r * ROW_HEIGHT, 0.4);
  cairo_set_source_rgb (cr, 0, 0, 0);
  att_render_line (cr, 0, top, width, top, 0.9);
}

static void
draw_summary (AttRollCallDocument *self,
              cairo_t             *cr,
              double               width,
              double               height,
              const Page          *page)
{
  AttRollCall *rollcall = self->rollcall;
  g_autoptr(PangoLayout) text = att_render_layout_new (cr, "Sans 9");
  g_autoptr(PangoLayout) bold = att_render_layout_new (cr, "Sans Bold 9");
  double name_width = width - 3 * NUMBER_WIDTH;
  double y = HEADER_HEIGHT;
  char number[32];

  att_render_text (cr, bold, _("Registration group"), 2, y, name_width - 4, COLUMNS_HEIGHT,
                   PANGO_ALIGN_LEFT);
  att_render_text (cr, bold, _("On roll"), name_width, y, NUMBER_WIDTH - 6, COLUMNS_HEIGHT,
                   PANGO_ALIGN_RIGHT);
  /* Translators: a column heading: pupils with no mark for the session */
  att_render_text (cr, bold, _("Not marked"), name_width + NUMBER_WIDTH, y, NUMBER_WIDTH - 6,
                   COLUMNS_HEIGHT, PANGO_ALIGN_RIGHT);
  att_render_text (cr, bold, _("On site"), name_width + 2 * NUMBER_WIDTH, y, NUMBER_WIDTH - 6,
                   COLUMNS_HEIGHT, PANGO_ALIGN_RIGHT);

  y += COLUMNS_HEIGHT;
  draw_row_lines (cr, width, y, page->last - page->first + (page->ends ? 1 : 0));
  for (guint g = page->first; g < page->last; g++)
    {
      AttRollCallGroup *group = get_group (self, g);
      double ry = y + (g - page->first) * ROW_HEIGHT;

      att_render_text (cr, text, group_name (group), 2, ry, name_width - 4, ROW_HEIGHT,
                       PANGO_ALIGN_LEFT);
      g_snprintf (number, sizeof number, "%u", group->on_roll);
      att_render_text (cr, text, number, name_width, ry, NUMBER_WIDTH - 6, ROW_HEIGHT,
                       PANGO_ALIGN_RIGHT);
      g_snprintf (number, sizeof number, "%u", group->not_marked);
      att_render_text (cr, group->not_marked > 0 ? bold : text, number, name_width + NUMBER_WIDTH,
                       ry, NUMBER_WIDTH - 6, ROW_HEIGHT, PANGO_ALIGN_RIGHT);
      g_snprintf (number, sizeof number, "%u", group->on_site->len);
      att_render_text (cr, bold, number, name_width + 2 * NUMBER_WIDTH, ry, NUMBER_WIDTH - 6,
                       ROW_HEIGHT, PANGO_ALIGN_RIGHT);
    }

  if (page->ends)
    {
      double ry = y + (page->last - page->first) * ROW_HEIGHT;

      att_render_line (cr, 0, ry, width, ry, 0.9);
      /* Translators: the last row of the roll call's summary */
      att_render_text (cr, bold, _("Whole school"), 2, ry, name_width - 4, ROW_HEIGHT,
                       PANGO_ALIGN_LEFT);
      g_snprintf (number, sizeof number, "%u", rollcall->on_roll);
      att_render_text (cr, bold, number, name_width, ry, NUMBER_WIDTH - 6, ROW_HEIGHT,
                       PANGO_ALIGN_RIGHT);
      g_snprintf (number, sizeof number, "%u", rollcall->not_marked);
      att_render_text (cr, bold, number, name_width + NUMBER_WIDTH, ry, NUMBER_WIDTH - 6,
                       ROW_HEIGHT, PANGO_ALIGN_RIGHT);
      g_snprintf (number, sizeof number, "%u", rollcall->on_site);
      att_render_text (cr, bold, number, name_width + 2 * NUMBER_WIDTH, ry, NUMBER_WIDTH - 6,
                       ROW_HEIGHT, PANGO_ALIGN_RIGHT);

      if (rollcall->not_marked > 0)
        {
          g_autofree char *warning = NULL;

          pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_NONE);
          pango_layout_set_wrap (text, PANGO_WRAP_WORD);
          pango_layout_set_alignment (text, PANGO_ALIGN_LEFT);
          warning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u pupil on roll has no mark for this session: "
                                                  "they are not on the lists that follow. Account for "
                                                  "them separately.",
                                                  "%u pupils on roll have no mark for this session: "
                                                  "they are not on the lists that follow. Account for "
                                                  "them separately.",
                                                  rollcall->not_marked),
                                     rollcall->not_marked);
          pango_layout_set_text (text, warning, -1);
          pango_layout_set_width (text, (int)(width * PANGO_SCALE));
          cairo_move_to (cr, 0, ry + ROW_HEIGHT + 8);
          pango_cairo_show_layout (cr, text);
        }
    }
}

static void
draw_group (AttRollCallDocument *self,
            cairo_t             *cr,
            double               width,
            double               height,
            const Page          *page)
{
  AttRollCallGroup *group = get_group (self, page->group);
  g_autoptr(PangoLayout) text = att_render_layout_new (cr, "Sans 9");
  g_autoptr(PangoLayout) bold = att_render_layout_new (cr, "Sans Bold 9");
  double name_width = width - TICK_WIDTH - MARK_WIDTH;
  double y = HEADER_HEIGHT;
  char number[32];

  /* Translators: a narrow column heading over the boxes ticked at the
   * assembly point */
  att_render_text (cr, bold, C_("roll call", "Here"), 0, y, TICK_WIDTH, COLUMNS_HEIGHT,
                   PANGO_ALIGN_CENTER);
  att_render_text (cr, bold, _("Pupil"), TICK_WIDTH + 4, y, name_width - GAP - 4, COLUMNS_HEIGHT,
                   PANGO_ALIGN_LEFT);
  att_render_text (cr, bold, _("Mark"), TICK_WIDTH + name_width, y, MARK_WIDTH, COLUMNS_HEIGHT,
                   PANGO_ALIGN_LEFT);

  y += COLUMNS_HEIGHT;
  draw_row_lines (cr, width, y, page->last - page->first + (page->ends ? 1 : 0));
  for (guint i = page->first; i < page->last; i++)
    {
      AttRollCallEntry *entry = g_ptr_array_index (group->on_site, i);
      double ry = y + (i - page->first) * ROW_HEIGHT;
      g_autofree char *name = g_strdup_printf ("%s, %s", att_pupil_get_surname (entry->pupil),
                                               att_pupil_get_forename (entry->pupil));
      g_autofree char *mark = NULL;

      /* The box to tick. */
      cairo_set_line_width (cr, 0.8);
      cairo_rectangle (cr, (TICK_WIDTH - (ROW_HEIGHT - 6)) / 2, ry + 3, ROW_HEIGHT - 6, ROW_HEIGHT - 6);
      cairo_stroke (cr);

      att_render_text (cr, text, name, TICK_WIDTH + 4, ry, name_width - GAP - 4, ROW_HEIGHT,
                       PANGO_ALIGN_LEFT);
      if (entry->minutes_late >= 0)
        /* Translators: a late mark and its minutes, "L 12 min" */
        mark = g_strdup_printf (_("%s %d min"), att_code_to_string (entry->code), entry->minutes_late);
      else
        mark = g_strdup (att_code_to_string (entry->code));
      att_render_text (cr, text, mark, TICK_WIDTH + name_width, ry, MARK_WIDTH, ROW_HEIGHT,
                       PANGO_ALIGN_LEFT);
    }

  if (page->ends)
    {
      double ry = y + (page->last - page->first) * ROW_HEIGHT;
      g_autofree char *total = NULL;

      att_render_line (cr, 0, ry, width, ry, 0.9);
      g_snprintf (number, sizeof number, "%u", group->on_site->len);
      /* Translators: the last line of a group's roll call, "On site in 7A: 24" */
      total = g_strdup_printf (_("On site in %s: %u"), group_name (group), group->on_site->len);
      att_render_text (cr, bold, total, TICK_WIDTH + 4, ry, width - TICK_WIDTH - 4, ROW_HEIGHT,
                       PANGO_ALIGN_LEFT);
    }
}

static void
draw_footer (AttRollCallDocument *self,
             cairo_t             *cr,
             double               width,
             double               height)
{
  att_render_page_foot (cr, width, height,
                        _("On site: present (/ \\), late before the register closed (L) and late "
                          "after it closed (U). Pupils on an approved activity away from school "
                          "and pupils with no mark are not listed."),
                        self->footer);
}

static void
att_rollcall_document_draw_page (AttDocument *document,
                                 cairo_t     *cr,
                                 double       width,
                                 double       height,
                                 guint        page_number)
{
  AttRollCallDocument *self = ATT_ROLLCALL_DOCUMENT (document);
  GArray *pages = paginate (self, height);
  const Page *page;
  g_autofree char *heading = NULL;
  g_autofree char *count = NULL;

  g_return_if_fail (page_number < pages->len);

  page = &g_array_index (pages, Page, page_number);
  if (page->kind == PAGE_SUMMARY)
    {
      heading = page->continued ? g_strdup_printf (_("%s (continued)"), _("Summary"))
                                : g_strdup (_("Summary"));
      count = g_strdup_printf (_("On site: %u"), self->rollcall->on_site);
    }
  else
    {
      AttRollCallGroup *group = get_group (self, page->group);

      heading = page->continued ? g_strdup_printf (_("%s (continued)"), group_name (group))
                                : g_strdup (group_name (group));
      count = g_strdup_printf (_("On site: %u"), group->on_site->len);
    }

  cairo_save (cr);
  draw_heading (self, cr, width, heading, count, page_number, pages->len);
  if (page->kind == PAGE_SUMMARY)
    draw_summary (self, cr, width, height, page);
  else
    draw_group (self, cr, width, height, page);
  draw_footer (self, cr, width, height);
  cairo_restore (cr);
}

static const char *
att_rollcall_document_get_title (AttDocument *document)
{
  return ATT_ROLLCALL_DOCUMENT (document)->title;
}

static AttPageOrientation
att_rollcall_document_get_orientation (AttDocument *document)
{
  return ATT_PAGE_PORTRAIT;
}

static void
att_rollcall_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = att_rollcall_document_get_title;
  iface->get_orientation = att_rollcall_document_get_orientation;
  iface->count_pages = att_rollcall_document_count_pages;
  iface->draw_page = att_rollcall_document_draw_page;
}

static void
att_rollcall_document_finalize (GObject *object)
{
  AttRollCallDocument *self = ATT_ROLLCALL_DOCUMENT (object);

  g_clear_pointer (&self->rollcall, att_rollcall_free);
  g_clear_pointer (&self->pages, g_array_unref);
  g_free (self->school);
  g_free (self->footer);
  g_free (self->title);

  G_OBJECT_CLASS (att_rollcall_document_parent_class)->finalize (object);
}

static void
att_rollcall_document_class_init (AttRollCallDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_rollcall_document_finalize;
}

static void
att_rollcall_document_init (AttRollCallDocument *self)
{
}

AttDocument *
att_rollcall_document_new (AttRollCall *rollcall,
                           const char  *school,
                           const char  *footer)
{
  AttRollCallDocument *self;
  g_autofree char *day = NULL;

  g_return_val_if_fail (rollcall != NULL, NULL);

  self = g_object_new (ATT_TYPE_ROLLCALL_DOCUMENT, NULL);
  self->rollcall = rollcall;
  self->school = g_strdup (school);
  self->footer = g_strdup (footer);

  day = att_date_format_long (rollcall->date);
  self->title = g_strdup_printf (rollcall->session == ATT_SESSION_AM
                                 /* Translators: "Roll call, Mon 16 Dec 2024, morning" */
                                 ? _("Roll call, %s, morning")
                                 : _("Roll call, %s, afternoon"),
                                 day);
  return ATT_DOCUMENT (self);
}
