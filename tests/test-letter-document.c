/* test-letter-document.c: letters written to PDF and read back, and the
 * address's place in the envelope's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school is Millbrook Academy, Weavers Row, Millbrook, MB2 6HL. Its
 * letters are signed by Daniel Osei, Deputy Headteacher. Pupils:
 *   Amira Khan: her mother and father at 12 Mill Lane, MB4 2QT, and
 *               Mr Omar Haddad, with parental responsibility, at
 *               3 Weavers Row, MB2 6HL: two letters.
 *   Ben Baker:  Ms Jo Baker at 8 Elm Road, MB1 1AA: one letter.
 * Every letter is dated Friday 20 September 2024.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-letter-document.h"
#include "att-test-util.h"

#define LETTER_DATE D (2024, 9, 20)

static const char *concern_body =
  "{recipient.salutation},\n"
  "\n"
  "We are writing about {pupil.forename}'s attendance at school. Between {figures.period} "
  "{pronoun.they} attended {figures.attendance} of sessions. We know that every family has "
  "difficult times, and we would like to help.\n"
  "\n"
  "{absences.table}\n"
  "\n"
  "Please call the office on {school.phone} if anything is getting in the way.\n"
  "\n"
  "Yours sincerely,";

typedef struct
{
  AttTestSchool s;
  AttUser      *admin;
  gint64        amira;
  gint64        ben;
} Fixture;

static void
add_contact (Fixture    *f,
             gint64      pupil,
             int         priority,
             const char *title,
             const char *forename,
             const char *surname,
             const char *address_1,
             const char *postcode)
{
  g_autoptr(AttContact) c = att_contact_new ();
  g_autoptr(GError) error = NULL;

  c->pupil_id = pupil;
  c->priority = priority;
  c->title = g_strdup (title);
  c->forename = g_strdup (forename);
  c->surname = g_strdup (surname);
  c->relationship = g_strdup ("Parent");
  c->parental_responsibility = TRUE;
  c->receives_letters = TRUE;
  c->address_1 = g_strdup (address_1);
  c->town = g_strdup ("Millbrook");
  c->postcode = g_strdup (postcode);
  att_contacts_save (f->s.db, att_user_system (), c, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "name", "address", "phone", "email", "attendance_lead", NULL };
  const char *values[] = {
    "Millbrook Academy", "Weavers Row, Millbrook, MB2 6HL", "01632 960200",
    "office@millbrook-academy.example.org", "Daniel Osei (Deputy Headteacher)", NULL,
  };

  att_test_school_init (&f->s);
  f->admin = att_test_add_user (f->s.db, "Ada Admin", ATT_ROLE_ADMIN, "Office manager");
  g_assert_true (att_school_set_many (f->s.db, f->admin, keys, values, &error));
  g_assert_no_error (error);
  f->amira = att_test_school_add_pupil (&f->s, "Amira", "Khan", D (2012, 10, 1));
  f->ben = att_test_school_add_pupil (&f->s, "Ben", "Baker", D (2012, 11, 1));
  add_contact (f, f->amira, 1, "Mrs", "Sana", "Khan", "12 Mill Lane", "MB4 2QT");
  add_contact (f, f->amira, 2, "Mr", "Omar", "Haddad", "3 Weavers Row", "MB2 6HL");
  add_contact (f, f->amira, 3, "Mr", "Tariq", "Khan", "12 Mill Lane", "MB4 2QT");
  add_contact (f, f->ben, 1, "Ms", "Jo", "Baker", "8 Elm Road", "MB1 1AA");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  att_user_free (f->admin);
  att_test_school_clear (&f->s);
}

/* Adds one letter per recipient group of @pupil from a template with
 * @body, @n_rows absences in its table; returns how many it added. */
static guint
add_letters (Fixture           *f,
             AttLetterDocument *document,
             gint64             pupil,
             const char        *body,
             guint              n_rows)
{
  g_autoptr(AttLetterTemplate) tmpl = att_letter_template_new ("concern", 1,
                                                               "{pupil.name}'s attendance", body);
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->s.db);
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (att_letter_template_check (tmpl, &error));
  recipients = att_letter_recipients_for_pupil (f->s.db, pupil, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < recipients->len; i++)
    {
      AttLetterRecipient *recipient = g_ptr_array_index (recipients, i);
      g_autoptr(AttLetterValues) values = att_letter_values_new ();
      g_autoptr(AttLetterText) text = NULL;
      AttLetterContent content = { 0 };

      att_letter_values_set_pupil (values, att_pupils_get (f->s.db, pupil));
      att_letter_values_set_school (values, f->s.db);
      att_letter_values_set_recipient (values, recipient);
      att_letter_values_set_signatory (values, head->signatory_name, head->signatory_role);
      att_letter_values_set_letter_date (values, LETTER_DATE);
      att_letter_values_set (values, "figures.period", "2 September and 20 September 2024");
      att_letter_values_set (values, "figures.attendance", "82.6%");
      att_letter_values_set (values, "absences.table", "");
      for (guint r = 0; r < n_rows; r++)
        att_letter_values_add_row (values, D (2024, 9, 2) + r / 2, r % 2, "O",
                                   "Unauthorised: other reason");
      text = att_letter_template_merge (tmpl, values, &error);
      g_assert_no_error (error);

      content.address = (const char * const *)recipient->address;
      content.date = LETTER_DATE;
      content.text = text;
      att_letter_document_add (document, &content);
    }
  return recipients->len;
}

static GStrv
write_and_read (Fixture     *f,
                AttDocument *document,
                const char  *name,
                guint       *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->s.t->dir, name, NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) pages = NULL;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  GStrvBuilder *builder;
  GStrv result;
  int status = 0;

  g_assert_true (att_document_write_pdf (document, path, n_pages, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  pages = g_strsplit (out, "\f", -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; pages[i] != NULL; i++)
    if (pages[i + 1] != NULL || *g_strstrip (pages[i]) != '\0')
      g_strv_builder_add (builder, pages[i]);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  g_assert_cmpuint (g_strv_length (result), ==, *n_pages);
  return result;
}

static void
assert_has (const char *page,
            const char *text)
{
  if (strstr (page, text) == NULL)
    g_error ("The page does not say “%s”:\n%s", text, page);
}

static void
assert_lacks (const char *page,
              const char *text)
{
  if (strstr (page, text) != NULL)
    g_error ("The page says “%s”:\n%s", text, page);
}

/* A batch of three letters: one to Amira's parents at 12 Mill Lane
 * (both named), one to Mr Haddad, one to Ben's mother, each a page with
 * the letterhead, the address, the date and the signature. */
static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->s.db);
  g_autoptr(AttLetterDocument) document = att_letter_document_new (head, "Concern letters");
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0, n;

  g_assert_cmpuint (add_letters (f, document, f->amira, concern_body, 3), ==, 2);
  g_assert_cmpuint (add_letters (f, document, f->ben, concern_body, 3), ==, 1);
  g_assert_cmpuint (att_letter_document_get_n_letters (document), ==, 3);
  g_assert_true (att_document_uses_full_page (ATT_DOCUMENT (document)));

  pages = write_and_read (f, ATT_DOCUMENT (document), "batch.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      assert_has (pages[i], "Millbrook Academy");
      assert_has (pages[i], "Telephone 01632 960200");
      assert_has (pages[i], "office@millbrook-academy.example.org");
      assert_has (pages[i], "20 September 2024");
      assert_has (pages[i], "Yours sincerely,");
      assert_has (pages[i], "Daniel Osei");
      assert_has (pages[i], "Deputy Headteacher");
      /* Three absences: Monday 2 September, both sessions, and Tuesday
       * morning. */
      assert_has (pages[i], "Morning");
      assert_has (pages[i], "Afternoon");
      assert_has (pages[i], "Unauthorised: other reason");
      /* One page each: no page numbers. */
      assert_lacks (pages[i], "Page 1 of");
      g_assert_cmpuint (att_letter_document_get_first_page (document, i, &n), ==, i);
      g_assert_cmpuint (n, ==, 1);
    }
  assert_has (pages[0], "Mrs Sana Khan and Mr Tariq Khan");
  assert_has (pages[0], "12 Mill Lane");
  assert_has (pages[0], "MB4 2QT");
  assert_has (pages[0], "Dear Mrs and Mr Khan,");
  assert_has (pages[0], "Amira's attendance");
  assert_has (pages[0], "she attended 82.6% of sessions");
  assert_lacks (pages[0], "Haddad");
  assert_has (pages[1], "Mr Omar Haddad");
  assert_has (pages[1], "3 Weavers Row");
  assert_has (pages[1], "Dear Mr Haddad,");
  assert_lacks (pages[1], "12 Mill Lane");
  assert_has (pages[2], "Ms Jo Baker");
  assert_has (pages[2], "8 Elm Road");
  assert_has (pages[2], "Ben's attendance");
}

/* A letter too long for a page: numbered pages, paragraphs parted
 * only with two lines or more on each side, the subject never last on a
 * page, and the closing kept with the signature. */
static void
test_long_letter (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->s.db);
  g_autoptr(AttLetterDocument) document = att_letter_document_new (head, "A long letter");
  g_autoptr(GString) body = g_string_new ("{recipient.salutation},\n\n");
  g_auto(GStrv) pages = NULL;
  guint n_pages = 0, n;

  /* Twelve paragraphs of some six lines each, then the table of 40
   * sessions: about three pages. */
  for (guint p = 1; p <= 12; p++)
    {
      g_string_append_printf (body, "Paragraph %u begins here.", p);
      for (guint w = 0; w < 12; w++)
        g_string_append (body, " We would like to work with you to help your child attend every day.");
      g_string_append_printf (body, " Paragraph %u ends here.\n\n", p);
    }
  g_string_append (body, "{absences.table}\n\nYours sincerely,");
  g_assert_cmpuint (add_letters (f, document, f->ben, body->str, 40), ==, 1);

  pages = write_and_read (f, ATT_DOCUMENT (document), "long.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (att_letter_document_get_first_page (document, 0, &n), ==, 0);
  g_assert_cmpuint (n, ==, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i + 1, n_pages);

      assert_has (pages[i], number);
    }
  /* The letterhead and the address only on the first page. */
  assert_has (pages[0], "Ms Jo Baker");
  assert_lacks (pages[1], "Ms Jo Baker");
  assert_lacks (pages[1], "Millbrook Academy");
  /* The signature is on the last page, with the closing. */
  assert_has (pages[n_pages - 1], "Yours sincerely,");
  assert_has (pages[n_pages - 1], "Daniel Osei");
  /* Every paragraph's first and last sentences are printed, once. */
  for (guint p = 1; p <= 12; p++)
    {
      g_autofree char *begins = g_strdup_printf ("Paragraph %u begins here.", p);
      g_autofree char *ends = g_strdup_printf ("Paragraph %u ends here.", p);
      guint seen_begin = 0, seen_end = 0;

      for (guint i = 0; i < n_pages; i++)
        {
          seen_begin += strstr (pages[i], begins) != NULL;
          seen_end += strstr (pages[i], ends) != NULL;
        }
      g_assert_cmpuint (seen_begin, ==, 1);
      g_assert_cmpuint (seen_end, ==, 1);
    }
  /* The table's header is printed on each page it reaches; its 40 rows
   * are 20 days from Monday 2 September, both sessions of each, so the
   * last is Saturday 21 September. */
  {
    guint headers = 0;

    for (guint i = 0; i < n_pages; i++)
      headers += strstr (pages[i], "Meaning") != NULL;
    g_assert_cmpuint (headers, >=, 1);
    assert_has (pages[n_pages - 1], "Sat 21 Sep 2024");
  }
}

/* The paragraphs' lines on each page, read back with their positions:
 * no page starts or ends with a single line of a paragraph parted
 * between two pages. */
static void
test_widows_and_orphans (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->s.db);
  g_autoptr(GError) error = NULL;

  guint parted = 0;

  /* Letters of 14 paragraphs of 5 lines, after an opening paragraph of
   * 1 to 12 lines that moves where the page falls, so that it falls at
   * every line of a paragraph in turn. Each line says which it is. */
  for (guint opening = 1; opening <= 12; opening++)
    {
      g_autoptr(AttLetterDocument) document = att_letter_document_new (head, "Widows");
      g_autoptr(GString) body = g_string_new ("");
      g_autofree char *name = g_strdup_printf ("widows-%u.pdf", opening);
      g_auto(GStrv) pages = NULL;
      guint n_pages = 0;
      const guint n_paragraphs = 14;

      for (guint l = 0; l < opening; l++)
        g_string_append (body, l + 1 < opening ? "Opening line\n" : "Opening line\n\n");
      for (guint p = 0; p < n_paragraphs; p++)
        g_string_append_printf (body, "P%uL1 first\nP%uL2 second\nP%uL3 third\nP%uL4 fourth\nP%uL5 last\n\n",
                                p, p, p, p, p);
      g_string_append (body, "Yours sincerely,");
      add_letters (f, document, f->ben, body->str, 0);
      pages = write_and_read (f, ATT_DOCUMENT (document), name, &n_pages);

      for (guint i = 0; i < n_pages; i++)
        {
          /* The first paragraph line on the page, and the last. */
          g_autoptr(GRegex) regex = g_regex_new ("P([0-9]+)L([0-9])", 0, 0, &error);
          g_autoptr(GMatchInfo) match = NULL;
          int first_line = 0, last_line = 0;

          g_regex_match (regex, pages[i], 0, &match);
          while (g_match_info_matches (match))
            {
              g_autofree char *line = g_match_info_fetch (match, 2);

              if (first_line == 0)
                first_line = atoi (line);
              last_line = atoi (line);
              g_match_info_next (match, NULL);
            }
          if (first_line == 0)
            continue;
          g_test_message ("opening of %u lines, page %u: from line %d to line %d",
                          opening, i + 1, first_line, last_line);
          /* A page starts with a paragraph's first line, or its third or
           * later (never its second: one line left behind), and never
           * with its last line alone. */
          g_assert_cmpint (first_line, !=, 2);
          g_assert_cmpint (first_line, !=, 5);
          /* A page ends with a paragraph's last line, or its second to
           * fourth (never its first alone). */
          g_assert_cmpint (last_line, !=, 1);
          g_assert_cmpint (last_line, !=, 4);
          parted += last_line == 2 || last_line == 3;
        }
    }
  /* The page fell inside a paragraph in some of them, and parted it. */
  g_assert_cmpuint (parted, >, 0);
}

/* Page 1 drawn to an image: every mark in the band around the envelope's
 * window lies inside the window, and the address is there. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->s.db);
  g_autoptr(AttLetterDocument) document = att_letter_document_new (head, "Window");
  g_autofree char *png = g_build_filename (f->s.t->dir, "page1.png", NULL);
  double scale = 2.0;   /* 144 pixels to the inch */
  double wx, wy, ww, wh, width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  guchar *data_;
  int stride, inside = 0, outside = 0, rows_with_ink = 0;

  add_letters (f, document, f->amira, concern_body, 3);
  att_document_get_paper_size (ATT_DOCUMENT (document), &width, &height);
  g_assert_cmpuint (att_document_count_pages (ATT_DOCUMENT (document), width, height), ==, 2);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(width * scale), (int)(height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  att_document_draw_page (ATT_DOCUMENT (document), cr, width, height, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  /* $ATTENDANCE_TEST_KEEP names a folder to keep the picture in, to look at. */
  if (g_getenv ("ATTENDANCE_TEST_KEEP") != NULL)
    {
      g_autofree char *kept = g_build_filename (g_getenv ("ATTENDANCE_TEST_KEEP"), "letter-page1.png", NULL);

      cairo_surface_write_to_png (surface, kept);
    }

  /* The window: 20 mm from the left, 45 mm from the top, 90 x 40 mm. */
  att_letter_window_rect (&wx, &wy, &ww, &wh);
  g_assert_cmpfloat_with_epsilon (wx, 20 * 72 / 25.4, 0.01);
  g_assert_cmpfloat_with_epsilon (wy, 45 * 72 / 25.4, 0.01);
  g_assert_cmpfloat_with_epsilon (ww, 90 * 72 / 25.4, 0.01);
  g_assert_cmpfloat_with_epsilon (wh, 40 * 72 / 25.4, 0.01);

  data_ = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The band: from the paper's edge to 5 mm right of the window, and 5 mm
   * above and below it. Nothing else may be printed there. */
  for (int py = (int)((wy - ATT_MM_TO_POINTS (5)) * scale); py < (int)((wy + wh + ATT_MM_TO_POINTS (5)) * scale); py++)
    {
      gboolean ink_in_row = FALSE;

      for (int px = 0; px < (int)((wx + ww + ATT_MM_TO_POINTS (5)) * scale); px++)
        {
          guint32 pixel = *(guint32 *)(data_ + py * stride + px * 4);
          int dark = ((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff);
          double x = px / scale, y = py / scale;

          if (dark > 3 * 128)
            continue;
          if (x >= wx && x < wx + ww && y >= wy && y < wy + wh)
            {
              inside++;
              ink_in_row = TRUE;
            }
          else
            outside++;
        }
      rows_with_ink += ink_in_row;
    }
  g_test_message ("address: %d dark pixels inside the window, %d outside, on %d rows",
                  inside, outside, rows_with_ink);
  g_assert_cmpint (outside, ==, 0);
  /* Four lines of 10-point text (the names, 12 Mill Lane, Millbrook,
   * MB4 2QT) ink well over 1,000 pixels at this scale, on some 4 x 15
   * rows. */
  g_assert_cmpint (inside, >, 1000);
  g_assert_cmpint (rows_with_ink, >, 40);
  cairo_surface_destroy (surface);
}

/* The logo, read once, is drawn at the head of every letter and kept
 * once in the PDF, however many letters the batch holds. */
static void
test_logo_once (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *logo = g_build_filename (f->s.t->dir, "logo.png", NULL);
  g_autofree char *path = g_build_filename (f->s.t->dir, "logos.pdf", NULL);
  g_autoptr(AttLetterhead) head = NULL;
  g_autoptr(AttLetterDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 120, 60);
  cairo_t *cr = cairo_create (image);
  guint n_pages = 0, images = 0;

  cairo_set_source_rgb (cr, 0.1, 0.3, 0.7);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (image, logo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (image);
  g_assert_true (att_letters_set_setting (f->s.db, f->admin, "letters.logo", logo, &error));
  g_assert_no_error (error);

  head = att_letterhead_load (f->s.db);
  document = att_letter_document_new (head, "Logos");
  for (guint i = 0; i < 10; i++)
    add_letters (f, document, f->amira, concern_body, 0);
  g_assert_true (att_document_write_pdf (ATT_DOCUMENT (document), path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 20);

  /* pdfimages lists each page's images with the object holding each:
   * twenty pages, one object. */
  {
    const char *argv[] = { "pdfimages", "-list", path, NULL };
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    lines = g_strsplit (out, "\n", -1);
    /* Two lines of heading, then one line an image: page, num, type,
     * width, height, color, comp, bpc, enc, interp, object, ID, ... */
    for (guint i = 2; lines[i] != NULL; i++)
      {
        g_auto(GStrv) cells = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
        g_autoptr(GPtrArray) words = g_ptr_array_new ();

        for (guint c = 0; cells[c] != NULL; c++)
          if (cells[c][0] != '\0')
            g_ptr_array_add (words, cells[c]);
        if (words->len < 11)
          continue;
        images++;
        g_hash_table_add (objects, g_strdup (g_ptr_array_index (words, 10)));
      }
    g_assert_cmpuint (images, ==, 20);
    g_assert_cmpuint (g_hash_table_size (objects), ==, 1);
  }
}


/* One letter per address for a pupil, with the records to log; a pupil
 * with no one to write to, and a template missing a value, add nothing. */
static void
test_for_pupil (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AttLetterhead) head = att_letterhead_load (f->s.db);
  g_autoptr(AttLetterDocument) document = att_letter_document_new (head, "For a pupil");
  g_autoptr(AttLetterTemplate) tmpl = att_letter_template_new ("concern", 4, "{pupil.name}'s attendance",
                                                               concern_body);
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_record_free);
  g_autoptr(GPtrArray) logged = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  AttLetterRecord *record;
  guint n_pages = 0;
  gint64 cara;

  /* Without the figures the template needs: refused, nothing added. */
  g_assert_cmpuint (att_letter_document_add_for_pupil (document, f->s.db, f->amira, tmpl, values,
                                                       LETTER_DATE, records, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{figures.period}"));
  g_clear_error (&error);
  g_assert_cmpuint (att_letter_document_get_n_letters (document), ==, 0);
  g_assert_cmpuint (records->len, ==, 0);

  att_letter_values_set (values, "figures.period", "2 September and 20 September 2024");
  att_letter_values_set (values, "figures.attendance", "82.6%");
  att_letter_values_set (values, "absences.table", "");
  g_assert_cmpuint (att_letter_document_add_for_pupil (document, f->s.db, f->amira, tmpl, values,
                                                       LETTER_DATE, records, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->recipient, ==, "Mrs Sana Khan and Mr Tariq Khan");
  g_assert_cmpstr (record->address, ==, "Mrs Sana Khan and Mr Tariq Khan\n12 Mill Lane\nMillbrook\nMB4 2QT");
  g_assert_cmpstr (record->template_name, ==, "concern");
  g_assert_cmpuint (record->template_version, ==, 4);
  g_assert_cmpstr (record->subject, ==, "Amira Khan's attendance");
  /* Two contacts at one address. */
  g_assert_nonnull (strchr (record->contact_ids, ','));

  /* A pupil with no contact: refused with the data check's words. */
  cara = att_test_school_add_pupil (&f->s, "Cara", "Cole", D (2012, 12, 1));
  g_assert_cmpuint (att_letter_document_add_for_pupil (document, f->s.db, cara, tmpl, values,
                                                       LETTER_DATE, records, &error), ==, 0);
  g_assert_error (error, ATT_ERROR, ATT_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "Cara Cole"));
  g_assert_nonnull (strstr (error->message, "no one with parental responsibility receives letters"));
  g_clear_error (&error);
  g_assert_cmpuint (records->len, ==, 2);

  pages = write_and_read (f, ATT_DOCUMENT (document), "for-pupil.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 2);
  assert_has (pages[0], "Dear Mrs and Mr Khan,");
  assert_has (pages[1], "Dear Mr Haddad,");
  assert_has (pages[1], "Daniel Osei");

  /* Printed: logged, each with its kind. */
  for (guint i = 0; i < records->len; i++)
    {
      record = g_ptr_array_index (records, i);
      record->kind = g_strdup ("concern");
      g_assert_cmpint (att_letters_record (f->s.db, f->s.officer, record, &error), >, 0);
      g_assert_no_error (error);
    }
  logged = att_letters_for_pupil (f->s.db, f->amira, &error);
  g_assert_cmpuint (logged->len, ==, 2);
  g_assert_cmpstr (((AttLetterRecord *)g_ptr_array_index (logged, 1))->recipient, ==, "Mr Omar Haddad");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTENDANCE_TODAY", "2024-09-20", TRUE);

  g_test_add ("/letter-document/batch", Fixture, NULL, fixture_set_up, test_batch, fixture_tear_down);
  g_test_add ("/letter-document/long-letter", Fixture, NULL, fixture_set_up, test_long_letter,
              fixture_tear_down);
  g_test_add ("/letter-document/widows-and-orphans", Fixture, NULL, fixture_set_up,
              test_widows_and_orphans, fixture_tear_down);
  g_test_add ("/letter-document/window", Fixture, NULL, fixture_set_up, test_window, fixture_tear_down);
  g_test_add ("/letter-document/for-pupil", Fixture, NULL, fixture_set_up, test_for_pupil,
              fixture_tear_down);
  g_test_add ("/letter-document/logo-once", Fixture, NULL, fixture_set_up, test_logo_once,
              fixture_tear_down);

  return g_test_run ();
}
