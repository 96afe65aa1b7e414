/* test-letter-batch-document.c: a batch of letters as one PDF, read back
 * with pdftotext, and its pages drawn in the envelope's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school and its pupils are in letter-batch-fixture.h. The batch is
 * their half-termly reports of Friday 13 September 2024, Cara left out
 * (the data check found her N): Amira's parents at 12 Mill Lane, Mr Omar
 * Haddad, and Ms Jo Baker, in the order of the pupils' surnames (Baker,
 * then Khan): three letters of one page each.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-letter-batch-document.h"
#include "att-letter-document.h"
#include "letter-batch-fixture.h"

typedef struct
{
  Fixture          base;
  AttLetterBatch  *batch;
  AttLetterhead   *head;
} DocFixture;

static void
doc_set_up (DocFixture    *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) admin = NULL;
  const char *keys[] = { "name", "address", "phone", "email", "attendance_lead", NULL };
  const char *values[] = {
    "Millbrook Academy", "Weavers Row, Millbrook, MB2 6HL", "01632 960200",
    "office@millbrook-academy.example.org", "Daniel Osei (Deputy Headteacher)", NULL,
  };

  fixture_set_up (&f->base, data);
  admin = att_test_add_user (f->base.s.db, "Ada Admin", ATT_ROLE_ADMIN, "Office manager");
  g_assert_true (att_school_set_many (f->base.s.db, admin, keys, values, &error));
  g_assert_no_error (error);
  f->batch = att_letter_batch_new_half_term (f->base.s.db, AS_OF, &error);
  g_assert_no_error (error);
  att_letter_batch_remove_pupil (f->batch, f->base.cara);
  g_assert_cmpuint (att_letter_batch_get_n_items (f->batch), ==, 3);
  f->head = att_letterhead_load (f->base.s.db);
}

static void
doc_tear_down (DocFixture    *f,
               gconstpointer  data)
{
  g_clear_pointer (&f->batch, att_letter_batch_unref);
  g_clear_pointer (&f->head, att_letterhead_free);
  fixture_tear_down (&f->base, data);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
count (const char *text,
       const char *what)
{
  guint n = 0;

  for (const char *p = strstr (text, what); p != NULL; p = strstr (p + 1, what))
    n++;
  return n;
}

/* One PDF: each letter on a page of its own, to each address, with the
 * names, the figures and the date. */
static void
test_pdf (DocFixture    *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDocument) document = att_letter_batch_document_new (f->batch, f->head);
  g_autofree char *path = g_build_filename (f->base.s.t->dir, "reports.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0;

  g_assert_cmpstr (att_document_get_title (document), ==,
                   "Half-termly attendance reports, 13 September 2024");
  g_assert_true (att_document_write_pdf (document, path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 3);
  text = pdf_text (path);
  pages = g_strsplit (text, "\f", -1);
  /* Three pages and the empty rest after the last form feed. */
  g_assert_cmpuint (g_strv_length (pages), ==, 4);

  /* Ben Baker first (Baker before Khan), then Amira's two letters. */
  g_assert_nonnull (strstr (pages[0], "Ms Jo Baker"));
  g_assert_nonnull (strstr (pages[0], "8 Elm Road"));
  g_assert_nonnull (strstr (pages[0], "MB1 1AA"));
  g_assert_nonnull (strstr (pages[0], "Dear Ms Baker"));
  g_assert_nonnull (strstr (pages[0], "100.0%"));
  g_assert_null (strstr (pages[0], "Amira"));
  g_assert_nonnull (strstr (pages[1], "Mrs Sana Khan and Mr Tariq Khan"));
  g_assert_nonnull (strstr (pages[1], "12 Mill Lane"));
  g_assert_nonnull (strstr (pages[1], "MB4 2QT"));
  g_assert_nonnull (strstr (pages[1], "Dear Mrs and Mr Khan"));
  /* 17 of 20 sessions. */
  g_assert_nonnull (strstr (pages[1], "85.0%"));
  g_assert_nonnull (strstr (pages[1], "17"));
  g_assert_nonnull (strstr (pages[2], "Mr Omar Haddad"));
  g_assert_nonnull (strstr (pages[2], "3 Weavers Row"));
  g_assert_nonnull (strstr (pages[2], "Dear Mr Haddad"));
  g_assert_nonnull (strstr (pages[2], "85.0%"));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_nonnull (strstr (pages[i], "Millbrook Academy"));
      g_assert_nonnull (strstr (pages[i], "13 September 2024"));
      g_assert_nonnull (strstr (pages[i], "Daniel Osei"));
      /* A letter of one page has no page number. */
      g_assert_null (strstr (pages[i], "Page 1 of"));
    }
  /* One letter per address: one greeting each. */
  g_assert_cmpuint (count (text, "Dear "), ==, 3);
  /* Cara was left out; Dan has no address. */
  g_assert_null (strstr (text, "Cole"));
  g_assert_null (strstr (text, "Dunn"));
}

static cairo_surface_t *
draw (AttDocument *document,
      guint        page,
      gboolean     count_first)
{
  double width, height, scale = 2.0;
  cairo_surface_t *surface;
  cairo_t *cr;

  att_document_get_paper_size (document, &width, &height);
  if (count_first)
    g_assert_cmpuint (att_document_count_pages (document, width, height), ==, 3);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(width * scale), (int)(height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  att_document_draw_page (document, cr, width, height, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Every page's address block inside the envelope's window, and nothing
 * else printed near it; a page drawn before the batch is counted (laid
 * out only as far as it asks) is the page drawn after. */
static void
test_window (DocFixture    *f,
             gconstpointer  data)
{
  g_autoptr(AttDocument) lazy = att_letter_batch_document_new (f->batch, f->head);
  g_autoptr(AttDocument) document = att_letter_batch_document_new (f->batch, f->head);
  double wx, wy, ww, wh, scale = 2.0;
  guint n_pages = 0;

  /* Page 2 (Amira's second letter, to Mr Haddad) drawn first. */
  {
    cairo_surface_t *before = draw (lazy, 2, FALSE);
    cairo_surface_t *after = draw (document, 2, TRUE);
    int stride = cairo_image_surface_get_stride (before);
    int height = cairo_image_surface_get_height (before);

    g_assert_cmpint (memcmp (cairo_image_surface_get_data (before), cairo_image_surface_get_data (after),
                             (gsize)stride * height), ==, 0);
    cairo_surface_destroy (before);
    cairo_surface_destroy (after);
  }
  g_assert_cmpuint (att_letter_batch_document_get_first_page (document, 2, &n_pages), ==, 2);
  g_assert_cmpuint (n_pages, ==, 1);

  att_letter_window_rect (&wx, &wy, &ww, &wh);
  for (guint page = 0; page < 3; page++)
    {
      cairo_surface_t *surface = draw (document, page, FALSE);
      guchar *pixels = cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface);
      int inside = 0, outside = 0;

      if (page == 1 && g_getenv ("ATTENDANCE_TEST_KEEP") != NULL)
        {
          g_autofree char *kept = g_build_filename (g_getenv ("ATTENDANCE_TEST_KEEP"), "batch-page2.png", NULL);

          cairo_surface_write_to_png (surface, kept);
        }
      /* From the paper's edge to 5 mm right of the window, 5 mm above
       * and below it: ink only inside the window. */
      for (int py = (int)((wy - ATT_MM_TO_POINTS (5)) * scale); py < (int)((wy + wh + ATT_MM_TO_POINTS (5)) * scale); py++)
        for (int px = 0; px < (int)((wx + ww + ATT_MM_TO_POINTS (5)) * scale); px++)
          {
            guint32 pixel = *(guint32 *)(pixels + py * stride + px * 4);
            int dark = ((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff);
            double x = px / scale, y = py / scale;

            if (dark > 3 * 128)
              continue;
            if (x >= wx && x < wx + ww && y >= wy && y < wy + wh)
              inside++;
            else
              outside++;
          }
      g_test_message ("page %u: %d dark pixels inside the window, %d outside", page + 1, inside, outside);
      g_assert_cmpint (outside, ==, 0);
      /* Four lines of address at 144 pixels to the inch. */
      g_assert_cmpint (inside, >, 1000);
      cairo_surface_destroy (surface);
    }
}

/* One letter of the batch alone, as an e-mail's attachment. */
static void
test_item_pdf (DocFixture    *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = att_letter_batch_document_item_pdf (f->batch, 2, f->head, &error);
  g_autofree char *path = g_build_filename (f->base.s.t->dir, "one.pdf", NULL);
  g_autofree char *text = NULL;
  gsize size = 0;
  const char *data_;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data_ = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpint (memcmp (data_, "%PDF-", 5), ==, 0);
  g_assert_true (g_file_set_contents (path, data_, size, &error));
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Mr Omar Haddad"));
  g_assert_nonnull (strstr (text, "85.0%"));
  g_assert_null (strstr (text, "Jo Baker"));
  g_assert_cmpuint (count (text, "\f"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, DocFixture, NULL, doc_set_up, func, doc_tear_down)
  ADD ("/letter-batch-document/pdf", test_pdf);
  ADD ("/letter-batch-document/window", test_window);
  ADD ("/letter-batch-document/item-pdf", test_item_pdf);
#undef ADD
  return g_test_run ();
}
