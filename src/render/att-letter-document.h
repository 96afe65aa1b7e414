/* att-letter-document.h: letters to families, one or a batch, as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every letter the product prints (leave decisions, the ladder's stages,
 * reports to parents) is drawn here, by one function, so that they all
 * look alike and all fit the same envelopes. A document holds one letter
 * or a whole batch: each letter starts on a new page and the letterhead,
 * fonts and logo are laid out once for the batch.
 *
 * A letter is drawn on A4 from the paper's own corner (the document asks
 * for the full page, see att_document_uses_full_page()) so that the
 * address lands in the window of the envelope whatever the printer's
 * margins. The area is where the window of the common UK DL and C5
 * window envelopes (a window about 90 mm wide and 35 to 45 mm tall, 20 mm
 * from the envelope's left edge) falls on an A4 sheet folded in three,
 * as DIN 5008's form B places the address: 20 mm from the left edge and
 * 45 mm from the top of the sheet, 90 mm wide and 40 mm tall. The address
 * is printed 5 mm inside that area on each side, so a sheet that moves a
 * little in the envelope still shows all of it.
 *
 * The page: the letterhead (logo on the left when set, the school's name,
 * address, phone and e-mail on the right), the address block, the date on
 * the right level with the address, the subject in bold, the paragraphs
 * (Pango line breaking; a paragraph is never split so that a single line
 * stands alone at the foot or the head of a page), the table of dates and
 * codes where the template puts it, the signature block (an image when
 * set, the name and role), and "Page 2 of 3" at the foot of letters that
 * take more than one page.
 */
#pragma once

#include "att-document.h"
#include "att-letter-template.h"
#include "att-letters.h"

G_BEGIN_DECLS

/* The envelope window on the sheet, in millimetres from the top left of
 * the paper. */
#define ATT_LETTER_WINDOW_LEFT_MM    20.0
#define ATT_LETTER_WINDOW_TOP_MM     45.0
#define ATT_LETTER_WINDOW_WIDTH_MM   90.0
#define ATT_LETTER_WINDOW_HEIGHT_MM  40.0
/* How far inside the window the address is kept. */
#define ATT_LETTER_WINDOW_INSET_MM    5.0

#define ATT_MM_TO_POINTS(mm) ((mm) * 72.0 / 25.4)

/* What one letter of a batch says. Everything is copied when added. */
typedef struct
{
  const char * const  *address;         /* the address block's lines, NULL-terminated */
  AttDate              date;            /* the date the letter bears */
  const char          *reference;       /* "Our reference" line, or NULL */
  const AttLetterText *text;            /* subject, paragraphs, table rows */
  const char          *signatory_name;  /* NULL: the letterhead's */
  const char          *signatory_role;  /* NULL: the letterhead's */
  const char          *signature;       /* a PNG path; NULL: the letterhead's, "" for none */
} AttLetterContent;

#define ATT_TYPE_LETTER_DOCUMENT (att_letter_document_get_type ())
G_DECLARE_FINAL_TYPE (AttLetterDocument, att_letter_document, ATT, LETTER_DOCUMENT, GObject)

/* An empty batch under @letterhead, titled @title (the print job's name
 * and the PDF's title, "Leave decision letters"). The logo and signature
 * images named by the letterhead are read once, here; an image that
 * cannot be read is left out (the settings check them when set). */
AttLetterDocument *att_letter_document_new         (const AttLetterhead    *letterhead,
                                                    const char             *title);
/* Adds a letter at the end of the batch; it starts on a new page. */
void               att_letter_document_add         (AttLetterDocument      *self,
                                                    const AttLetterContent *content);
/* Adds one letter per recipient of pupil @pupil_id (one per address, see
 * att_letter_recipients_for_pupil()), dated @date: @values, the letter's
 * own fields (may be NULL), completed with the pupil, the school, the
 * recipient, the letterhead's signatory and the date, then merged into
 * @tmpl. When @records is not NULL, appends for each letter an
 * AttLetterRecord to log (pupil, recipient, address, contacts, template,
 * subject, date, and the register's history as now), for the caller to
 * complete (kind, reference, delivery, figures) and pass to
 * att_letters_record() once printed. Refuses (ATT_ERROR_RULE) a pupil
 * with no one to write to, with the data check's words, and adds nothing
 * when a merge fails. Returns the letters added, 0 with an error. */
guint              att_letter_document_add_for_pupil (AttLetterDocument    *self,
                                                    AttDb                  *db,
                                                    gint64                  pupil_id,
                                                    const AttLetterTemplate *tmpl,
                                                    const AttLetterValues  *values,
                                                    AttDate                 date,
                                                    GPtrArray              *records,
                                                    GError                **error);
guint              att_letter_document_get_n_letters (AttLetterDocument    *self);
/* The page (from 0) on which letter @letter (from 0) starts, and how many
 * pages it takes, on A4: for a preview that shows one letter of a batch. */
guint              att_letter_document_get_first_page (AttLetterDocument   *self,
                                                    guint                   letter,
                                                    guint                  *n_pages);

/* The window's rectangle in points from the paper's top left corner. */
void               att_letter_window_rect          (double                 *x,
                                                    double                 *y,
                                                    double                 *width,
                                                    double                 *height);

G_END_DECLS
