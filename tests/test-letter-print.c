/* test-letter-print.c: a letter printed through the real GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The print operation's export writes the PDF the print dialog would
 * print. A letter asks for the whole sheet, so its address lands where
 * the envelope's window is whatever the printer's margins: the words of
 * the address, read back with `pdftotext -bbox`, are inside the window
 * (20 mm from the left, 45 mm from the top, 90 x 40 mm), exactly where
 * att_document_write_pdf() puts them.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "att-letter-document.h"
#include "att-print-operation.h"
#include "att-test-util.h"

typedef struct
{
  double x_min, y_min, x_max, y_max;
  gboolean found;
} Box;

/* The box of the first word @word on page 1 of @path, in points. */
static Box
word_box (const char *path,
          const char *word)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-", NULL };
  Box box = { 0 };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                       0, 0, &error);
  g_assert_no_error (error);
  g_regex_match (regex, out, 0, &match);
  while (g_match_info_matches (match) && !box.found)
    {
      g_autofree char *text = g_match_info_fetch (match, 5);

      if (strcmp (text, word) == 0)
        {
          double values[4];

          for (int i = 0; i < 4; i++)
            {
              g_autofree char *number = g_match_info_fetch (match, i + 1);
              values[i] = g_ascii_strtod (number, NULL);
            }
          box = (Box) { values[0], values[1], values[2], values[3], TRUE };
        }
      g_match_info_next (match, NULL);
    }
  return box;
}

static void
test_address_in_window (void)
{
  AttLetterhead head = { 0 };
  char *school_address[] = { "Weavers Row", "Millbrook", "MB2 6HL", NULL };
  const char *address[] = { "Mrs Sana Khan", "12 Mill Lane", "Millbrook", "MB4 2QT", NULL };
  g_autoptr(AttLetterTemplate) tmpl = att_letter_template_new ("concern", 1, "About {pupil.name}",
                                                               "Dear Mrs Khan,\n\nWe write.\n\nYours sincerely,");
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(AttLetterText) text = NULL;
  g_autoptr(AttLetterDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attendance-letter-print-XXXXXX", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *written = g_build_filename (dir, "written.pdf", NULL);
  AttLetterContent content = { 0 };
  const char *words[] = { "Sana", "Mill", "MB4" };
  double wx, wy, ww, wh;

  head.name = "Millbrook Academy";
  head.address = school_address;
  head.phone = "01632 960200";
  head.signatory_name = "Daniel Osei";
  head.signatory_role = "Deputy Headteacher";
  att_letter_values_set (values, "pupil.name", "Amira Khan");
  text = att_letter_template_merge (tmpl, values, &error);
  g_assert_no_error (error);
  content.address = address;
  content.date = D (2024, 9, 20);
  content.text = text;
  document = att_letter_document_new (&head, "A letter");
  att_letter_document_add (document, &content);

  g_assert_true (att_print_operation_export_pdf (ATT_DOCUMENT (document), NULL, printed, &error));
  g_assert_no_error (error);
  g_assert_true (att_document_write_pdf (ATT_DOCUMENT (document), written, NULL, &error));
  g_assert_no_error (error);

  att_letter_window_rect (&wx, &wy, &ww, &wh);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      Box a = word_box (printed, words[i]);
      Box b = word_box (written, words[i]);

      g_assert_true (a.found);
      g_assert_true (b.found);
      g_test_message ("%s: printed at %.1f, %.1f; written at %.1f, %.1f", words[i],
                      a.x_min, a.y_min, b.x_min, b.y_min);
      /* Inside the window, 5 mm (14.2 points) in from its left edge. */
      g_assert_cmpfloat (a.x_min, >=, wx + 14);
      g_assert_cmpfloat (a.x_max, <=, wx + ww);
      g_assert_cmpfloat (a.y_min, >=, wy);
      g_assert_cmpfloat (a.y_max, <=, wy + wh);
      /* The print operation and the PDF writer agree to a tenth of a
       * millimetre. */
      g_assert_cmpfloat_with_epsilon (a.x_min, b.x_min, 0.3);
      g_assert_cmpfloat_with_epsilon (a.y_min, b.y_min, 0.3);
    }
  g_unlink (printed);
  g_unlink (written);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/letter-print/address-in-window", test_address_in_window);

  return g_test_run ();
}
