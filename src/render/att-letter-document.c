/* att-letter-document.c: letters to families, one or a batch, as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each letter is cut into items (the subject, each paragraph, the table
 * of dates and codes, the signature), each item into units that may be
 * parted between pages (a paragraph's lines, a table's rows; the subject
 * and the signature are one unit). Pages are filled unit by unit with
 * the rules of a printed letter: a paragraph is parted only where at
 * least two of its lines stay on each page, the subject stays with what
 * follows it, and a short closing paragraph ("Yours sincerely,") stays
 * with the signature. The layout is made once for the batch, for the
 * paper's size, and drawing uses it as it is.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "att-error.h"
#include "att-letter-document.h"
#include "att-render-private.h"

#define MM(x) ATT_MM_TO_POINTS (x)

/* The page, in millimetres from the paper's top left. */
#define MARGIN_LEFT        20.0
#define MARGIN_RIGHT       20.0
#define HEAD_TOP           12.0
#define LOGO_WIDTH         50.0
#define LOGO_HEIGHT        28.0
#define HEAD_TEXT_LEFT    115.0   /* the school's details, right of the window */
#define BODY_TOP_FIRST     95.0   /* below the window and its margin */
#define BODY_TOP_NEXT      20.0
#define BODY_BOTTOM        22.0   /* from the foot of the paper */
#define PAGE_NUMBER_BOTTOM 12.0

#define FONT_BODY       "Sans 10"
#define FONT_SUBJECT    "Sans Bold 10.5"
#define FONT_NAME       "Sans Bold 14"
#define FONT_DETAILS    "Sans 8.5"
#define FONT_TABLE      "Sans 9"
#define FONT_TABLE_HEAD "Sans Bold 9"
#define FONT_FOOT       "Sans 8"

/* Points between items, and the table's rows. */
#define GAP          9.0
#define ROW_HEIGHT  13.0
#define SIGNATURE_IMAGE_WIDTH  45.0   /* mm */
#define SIGNATURE_IMAGE_HEIGHT 16.0   /* mm */

typedef enum
{
  ITEM_SUBJECT,
  ITEM_PARAGRAPH,
  ITEM_TABLE,
  ITEM_SIGNATURE,
} ItemKind;

typedef struct
{
  ItemKind  kind;
  guint     block;      /* the AttLetterBlock of a paragraph */
  guint     n_units;    /* lines, rows, or 1 */
  double   *tops;       /* n_units + 1 offsets in points: where each unit starts */
  PangoLayout *layout;  /* a paragraph's or the subject's, laid out once */
} Item;

/* Part of an item drawn on one page: units [from, to) at @y. */
typedef struct
{
  guint   item;
  guint   from;
  guint   to;
  double  y;
} Slice;

typedef struct
{
  char             **address;
  AttDate            date;
  char              *reference;
  AttLetterText     *text;
  char              *signatory_name;
  char              *signatory_role;
  cairo_surface_t   *signature;   /* borrowed from the document's images */

  /* The layout, made by paginate () */
  GArray            *items;       /* Item */
  GPtrArray         *pages;       /* GArray of Slice, one per page */
  guint              first_page;
} Letter;

struct _AttLetterDocument
{
  GObject           parent_instance;

  char             *title;
  AttLetterhead    *letterhead;
  GPtrArray        *letters;      /* Letter */
  GHashTable       *images;       /* path -> cairo_surface_t, each read once */
  cairo_surface_t  *logo;         /* borrowed from images, or NULL */

  /* Fonts and the letterhead, laid out once. */
  PangoContext     *context;
  PangoFontDescription *fonts[7];
  PangoLayout      *head_name;
  PangoLayout      *head_details;

  /* The pagination, for the size it was made for: letters are laid out
   * in order as far as a page asks, so that a preview's first page does
   * not wait for the whole batch. */
  double            paged_width;
  double            paged_height;
  guint             paged_letters;  /* letters [0, paged_letters) are laid out */
  guint             n_pages;        /* their pages */
};

enum { F_BODY, F_SUBJECT, F_NAME, F_DETAILS, F_TABLE, F_TABLE_HEAD, F_FOOT };

static void att_letter_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttLetterDocument, att_letter_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_letter_document_iface_init))

static void
item_clear (Item *item)
{
  g_clear_pointer (&item->tops, g_free);
  g_clear_object (&item->layout);
}

static void
letter_forget_layout (Letter *letter)
{
  g_clear_pointer (&letter->items, g_array_unref);
  g_clear_pointer (&letter->pages, g_ptr_array_unref);
}

static void
letter_free (Letter *letter)
{
  g_strfreev (letter->address);
  g_free (letter->reference);
  g_clear_pointer (&letter->text, att_letter_text_free);
  g_free (letter->signatory_name);
  g_free (letter->signatory_role);
  letter_forget_layout (letter);
  g_free (letter);
}

/* ------------------------------------------------------------------ */
/* Text                                                               */
/* ------------------------------------------------------------------ */

static PangoLayout *
new_layout (AttLetterDocument *self,
            int                font,
            double             width,
            PangoAlignment     align)
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
body_width (double width)
{
  return width - MM (MARGIN_LEFT) - MM (MARGIN_RIGHT);
}

static PangoLayout *
paragraph_layout (AttLetterDocument *self,
                  Letter            *letter,
                  guint              block,
                  double             width)
{
  AttLetterBlock *b = g_ptr_array_index (letter->text->blocks, block);
  PangoLayout *layout = new_layout (self, F_BODY, body_width (width), PANGO_ALIGN_LEFT);

  pango_layout_set_text (layout, b->text, -1);
  return layout;
}

/* The top of each line of @layout and the bottom of the last, in points. */
static double *
line_tops (PangoLayout *layout,
           guint       *n_lines)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint n = pango_layout_get_line_count (layout), i = 0;
  double *tops = g_new0 (double, n + 1);
  PangoRectangle logical;

  do
    {
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      tops[i] = (double)logical.y / PANGO_SCALE;
      tops[i + 1] = (double)(logical.y + logical.height) / PANGO_SCALE;
      i++;
    }
  while (i < n && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  *n_lines = n;
  return tops;
}

/* ------------------------------------------------------------------ */
/* The document                                                       */
/* ------------------------------------------------------------------ */

static void
att_letter_document_finalize (GObject *object)
{
  AttLetterDocument *self = ATT_LETTER_DOCUMENT (object);

  g_free (self->title);
  g_clear_pointer (&self->letterhead, att_letterhead_free);
  g_clear_pointer (&self->letters, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_hash_table_unref);
  g_clear_object (&self->head_name);
  g_clear_object (&self->head_details);
  for (guint i = 0; i < G_N_ELEMENTS (self->fonts); i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_letter_document_parent_class)->finalize (object);
}

static void
att_letter_document_class_init (AttLetterDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_letter_document_finalize;
}

static void
att_letter_document_init (AttLetterDocument *self)
{
  static const char * const fonts[] = {
    FONT_BODY, FONT_SUBJECT, FONT_NAME, FONT_DETAILS, FONT_TABLE, FONT_TABLE_HEAD, FONT_FOOT,
  };
  g_autoptr(PangoFontMap) map = pango_cairo_font_map_new ();
  cairo_font_options_t *options = cairo_font_options_create ();

  self->letters = g_ptr_array_new_with_free_func ((GDestroyNotify)letter_free);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)cairo_surface_destroy);

  /* One context for the whole batch, in points (72 to the inch), with
   * metrics that do not depend on the device: the pages break in the
   * same places in the preview, on the printer and in the PDF. */
  self->context = pango_font_map_create_context (map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    self->fonts[i] = pango_font_description_from_string (fonts[i]);
}

/* A PNG read once for the batch; NULL when it cannot be read. */
static cairo_surface_t *
image_for (AttLetterDocument *self,
           const char        *path)
{
  cairo_surface_t *surface;

  if (path == NULL || path[0] == '\0')
    return NULL;
  if (g_hash_table_lookup_extended (self->images, path, NULL, (gpointer *)&surface))
    return surface;
  surface = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_debug ("Letters: the image %s cannot be read: %s", path,
               cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      surface = NULL;
    }
  g_hash_table_insert (self->images, g_strdup (path), surface);
  return surface;
}

static AttLetterhead *
letterhead_copy (const AttLetterhead *head)
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

AttLetterDocument *
att_letter_document_new (const AttLetterhead *letterhead,
                         const char          *title)
{
  AttLetterDocument *self;
  g_autoptr(GString) details = g_string_new (NULL);
  double width;

  g_return_val_if_fail (letterhead != NULL, NULL);

  self = g_object_new (ATT_TYPE_LETTER_DOCUMENT, NULL);
  self->title = g_strdup (title != NULL ? title : _("Letters"));
  self->letterhead = letterhead_copy (letterhead);
  self->logo = image_for (self, self->letterhead->logo);

  /* The letterhead is laid out once for every letter of the batch. */
  width = ATT_DOCUMENT_A4_SHORT - MM (HEAD_TEXT_LEFT) - MM (MARGIN_RIGHT);
  self->head_name = new_layout (self, F_NAME, width, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (self->head_name, self->letterhead->name, -1);
  for (guint i = 0; self->letterhead->address[i] != NULL; i++)
    g_string_append_printf (details, "%s\n", self->letterhead->address[i]);
  if (self->letterhead->phone != NULL && self->letterhead->phone[0] != '\0')
    /* Translators: the school's phone number in a letter's head */
    g_string_append_printf (details, _("Telephone %s\n"), self->letterhead->phone);
  if (self->letterhead->email != NULL && self->letterhead->email[0] != '\0')
    g_string_append_printf (details, "%s\n", self->letterhead->email);
  if (details->len > 0)
    g_string_truncate (details, details->len - 1);
  self->head_details = new_layout (self, F_DETAILS, width, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (self->head_details, details->str, -1);
  return self;
}

void
att_letter_document_add (AttLetterDocument      *self,
                         const AttLetterContent *content)
{
  Letter *letter;
  const char *signature;

  g_return_if_fail (ATT_IS_LETTER_DOCUMENT (self));
  g_return_if_fail (content != NULL);
  g_return_if_fail (content->text != NULL);

  letter = g_new0 (Letter, 1);
  letter->address = content->address != NULL ? g_strdupv ((char **)content->address)
                                             : g_new0 (char *, 1);
  letter->date = content->date;
  letter->reference = g_strdup (content->reference);
  letter->text = att_letter_text_copy (content->text);
  letter->signatory_name = g_strdup (content->signatory_name != NULL
                                     ? content->signatory_name
                                     : self->letterhead->signatory_name);
  letter->signatory_role = g_strdup (content->signatory_role != NULL
                                     ? content->signatory_role
                                     : self->letterhead->signatory_role);
  signature = content->signature != NULL ? content->signature : self->letterhead->signature;
  letter->signature = image_for (self, signature);
  g_ptr_array_add (self->letters, letter);

  /* The pagination covers the letters it was made with. */
  self->paged_width = 0;
}

guint
att_letter_document_add_for_pupil (AttLetterDocument        *self,
                                   AttDb                    *db,
                                   gint64                    pupil_id,
                                   const AttLetterTemplate  *tmpl,
                                   const AttLetterValues    *values,
                                   AttDate                   date,
                                   GPtrArray                *records,
                                   GError                  **error)
{
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(AttLetterValues) merged = NULL;
  AttPupil *pupil;
  gint64 seen = 0;

  g_return_val_if_fail (ATT_IS_LETTER_DOCUMENT (self), 0);
  g_return_val_if_fail (tmpl != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return 0;
  recipients = att_letter_recipients_for_pupil (db, pupil_id, error);
  if (recipients == NULL)
    return 0;
  if (recipients->len == 0)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_problem_free);
      g_autoptr(GString) message = g_string_new (NULL);

      if (!att_letters_check_pupil (db, pupil_id, problems, error))
        return 0;
      for (guint i = 0; i < problems->len; i++)
        {
          AttLetterProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (message, i > 0 ? "; %s" : "%s", problem->message);
        }
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_RULE, message->str);
      return 0;
    }
  if (records != NULL && !att_letters_marks_seen (db, &seen, error))
    return 0;

  merged = values != NULL ? att_letter_values_copy (values) : att_letter_values_new ();
  att_letter_values_set_pupil (merged, pupil);
  att_letter_values_set_school (merged, db);
  att_letter_values_set_signatory (merged, self->letterhead->signatory_name,
                                   self->letterhead->signatory_role);
  att_letter_values_set_letter_date (merged, date);

  /* Every letter is merged before any is added: all or none. */
  texts = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_text_free);
  for (guint i = 0; i < recipients->len; i++)
    {
      AttLetterText *text;

      att_letter_values_set_recipient (merged, g_ptr_array_index (recipients, i));
      text = att_letter_template_merge (tmpl, merged, error);
      if (text == NULL)
        return 0;
      g_ptr_array_add (texts, text);
    }

  for (guint i = 0; i < recipients->len; i++)
    {
      AttLetterRecipient *recipient = g_ptr_array_index (recipients, i);
      AttLetterText *text = g_ptr_array_index (texts, i);
      AttLetterContent content = { 0 };

      content.address = (const char * const *)recipient->address;
      content.date = date;
      content.text = text;
      att_letter_document_add (self, &content);
      if (records != NULL)
        {
          AttLetterRecord *record = att_letter_record_new ();

          record->pupil_id = pupil_id;
          record->upn = g_strdup (pupil->upn);
          att_letter_record_set_recipient (record, recipient);
          record->template_name = g_strdup (text->template_name);
          record->template_version = text->template_version;
          record->subject = g_strdup (text->subject);
          record->date = date;
          record->delivery = ATT_LETTER_POST;
          record->marks_seen = seen;
          g_ptr_array_add (records, record);
        }
    }
  return recipients->len;
}

guint
att_letter_document_get_n_letters (AttLetterDocument *self)
{
  g_return_val_if_fail (ATT_IS_LETTER_DOCUMENT (self), 0);

  return self->letters->len;
}

void
att_letter_window_rect (double *x,
                        double *y,
                        double *width,
                        double *height)
{
  if (x != NULL)
    *x = MM (ATT_LETTER_WINDOW_LEFT_MM);
  if (y != NULL)
    *y = MM (ATT_LETTER_WINDOW_TOP_MM);
  if (width != NULL)
    *width = MM (ATT_LETTER_WINDOW_WIDTH_MM);
  if (height != NULL)
    *height = MM (ATT_LETTER_WINDOW_HEIGHT_MM);
}

/* ------------------------------------------------------------------ */
/* Pagination                                                         */
/* ------------------------------------------------------------------ */

static double
signature_height (Letter *letter)
{
  double h = 0;

  /* Room to sign by hand, or the image of the signature. */
  h += letter->signature != NULL ? MM (SIGNATURE_IMAGE_HEIGHT) : MM (12);
  h += 2 * 13.0;   /* the name and the role */
  return h;
}

static double
table_header_height (void)
{
  return ROW_HEIGHT + 3;
}

/* The height of units [from, to) of @item, with the table's header. */
static double
units_height (const Item *item,
              guint       from,
              guint       to)
{
  double h = item->tops[to] - item->tops[from];

  if (item->kind == ITEM_TABLE)
    h += table_header_height ();
  return h;
}

/* Whether @item may be parted, and the fewest units each part keeps. */
static guint
min_part (const Item *item)
{
  switch (item->kind)
    {
    case ITEM_PARAGRAPH:
    case ITEM_TABLE:
      return 2;
    case ITEM_SUBJECT:
    case ITEM_SIGNATURE:
    default:
      return G_MAXUINT;
    }
}

/* The height the item needs at least on the page where it starts: all of
 * it when it is not parted, else its first part. */
static double
least_start (const Item *item)
{
  guint min = min_part (item);

  if (min == G_MAXUINT || item->n_units < 2 * min)
    return units_height (item, 0, item->n_units);
  return units_height (item, 0, min);
}

static void
build_items (AttLetterDocument *self,
             Letter            *letter,
             double             width)
{
  Item item;

  letter->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (letter->items, (GDestroyNotify)item_clear);

  if (letter->text->subject != NULL && letter->text->subject[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = new_layout (self, F_SUBJECT, body_width (width), PANGO_ALIGN_LEFT);
      int h;

      pango_layout_set_text (layout, letter->text->subject, -1);
      pango_layout_get_size (layout, NULL, &h);
      item = (Item) { ITEM_SUBJECT, 0, 1, g_new0 (double, 2), g_steal_pointer (&layout) };
      item.tops[1] = (double)h / PANGO_SCALE;
      g_array_append_val (letter->items, item);
    }

  for (guint b = 0; b < letter->text->blocks->len; b++)
    {
      AttLetterBlock *block = g_ptr_array_index (letter->text->blocks, b);

      if (block->kind == ATT_LETTER_BLOCK_TABLE)
        {
          guint n = letter->text->rows->len;

          if (n == 0)
            continue;
          item = (Item) { ITEM_TABLE, b, n, g_new0 (double, n + 1), NULL };
          for (guint r = 0; r <= n; r++)
            item.tops[r] = r * ROW_HEIGHT;
        }
      else
        {
          item = (Item) { ITEM_PARAGRAPH, b, 0, NULL, paragraph_layout (self, letter, b, width) };
          item.tops = line_tops (item.layout, &item.n_units);
          if (item.n_units == 0)
            {
              item_clear (&item);
              continue;
            }
        }
      g_array_append_val (letter->items, item);
    }

  item = (Item) { ITEM_SIGNATURE, 0, 1, g_new0 (double, 2), NULL };
  item.tops[1] = signature_height (letter);
  g_array_append_val (letter->items, item);
}

static GArray *
new_page (Letter *letter)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Slice));

  g_ptr_array_add (letter->pages, page);
  return page;
}

static void
paginate_letter (AttLetterDocument *self,
                 Letter            *letter,
                 double             width,
                 double             height)
{
  double bottom = height - MM (BODY_BOTTOM);
  double y = MM (BODY_TOP_FIRST);
  GArray *page;

  letter_forget_layout (letter);
  build_items (self, letter, width);
  letter->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  page = new_page (letter);

  for (guint i = 0; i < letter->items->len; i++)
    {
      Item *item = &g_array_index (letter->items, Item, i);
      Item *next = i + 1 < letter->items->len ? &g_array_index (letter->items, Item, i + 1) : NULL;
      guint from = 0;

      while (from < item->n_units)
        {
          double top = page->len > 0 ? y + GAP : y;
          double room = bottom - top;
          guint left = item->n_units - from, fit = 0, min = min_part (item), take;
          gboolean alone = page->len == 0;
          Slice slice;

          while (fit < left && units_height (item, from, from + fit + 1) <= room)
            fit++;

          if (fit == left)
            {
              /* All of the rest fits. The subject stays with the start of
               * what follows; a short last paragraph with the signature. */
              double need = units_height (item, from, item->n_units);

              if (next != NULL && from == 0 && !alone
                  && (item->kind == ITEM_SUBJECT
                      || (next->kind == ITEM_SIGNATURE && item->n_units <= 3))
                  && need + GAP + least_start (next) > room)
                {
                  page = new_page (letter);
                  y = MM (BODY_TOP_NEXT);
                  continue;
                }
              take = left;
            }
          else if (min == G_MAXUINT || left < 2 * min)
            {
              /* Not to be parted: on the next page, unless this page is
               * empty already (then it is drawn as far as it goes). */
              if (!alone)
                {
                  page = new_page (letter);
                  y = MM (BODY_TOP_NEXT);
                  continue;
                }
              take = MAX (fit, 1);
            }
          else
            {
              /* Parted, keeping at least @min units on each side. */
              take = MIN (fit, left - min);
              if (take < min)
                {
                  if (!alone)
                    {
                      page = new_page (letter);
                      y = MM (BODY_TOP_NEXT);
                      continue;
                    }
                  take = MAX (fit, 1);
                }
            }

          slice = (Slice) { i, from, from + take, top };
          g_array_append_val (page, slice);
          y = top + units_height (item, from, from + take);
          from += take;
          if (from < item->n_units)
            {
              page = new_page (letter);
              y = MM (BODY_TOP_NEXT);
            }
        }
    }
}

/* Lays out the letters in order until letter @letter is laid out and
 * page @page exists (or every letter is). */
static void
paginate_until (AttLetterDocument *self,
                double             width,
                double             height,
                guint              letter,
                guint              page)
{
  if (self->paged_width != width || self->paged_height != height)
    {
      self->paged_width = width;
      self->paged_height = height;
      self->paged_letters = 0;
      self->n_pages = 0;
    }
  while (self->paged_letters < self->letters->len
         && (self->paged_letters <= letter || self->n_pages <= page))
    {
      Letter *l = g_ptr_array_index (self->letters, self->paged_letters);

      paginate_letter (self, l, width, height);
      l->first_page = self->n_pages;
      self->n_pages += l->pages->len;
      self->paged_letters++;
    }
}

static void
paginate (AttLetterDocument *self,
          double             width,
          double             height)
{
  paginate_until (self, width, height, G_MAXUINT, G_MAXUINT);
}

guint
att_letter_document_get_first_page (AttLetterDocument *self,
                                    guint              letter,
                                    guint             *n_pages)
{
  Letter *l;

  g_return_val_if_fail (ATT_IS_LETTER_DOCUMENT (self), 0);
  g_return_val_if_fail (letter < self->letters->len, 0);

  paginate_until (self, ATT_DOCUMENT_A4_SHORT, ATT_DOCUMENT_A4_LONG, letter, 0);
  l = g_ptr_array_index (self->letters, letter);
  if (n_pages != NULL)
    *n_pages = l->pages->len;
  return l->first_page;
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

/* @surface scaled to fit @w x @h at @x, @y, keeping its proportions. */
static void
draw_image (cairo_t         *cr,
            cairo_surface_t *surface,
            double           x,
            double           y,
            double           w,
            double           h)
{
  double iw = cairo_image_surface_get_width (surface);
  double ih = cairo_image_surface_get_height (surface);
  double scale;

  if (iw <= 0 || ih <= 0)
    return;
  scale = MIN (w / iw, h / ih);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_rectangle (cr, 0, 0, iw, ih);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_letterhead (AttLetterDocument *self,
                 cairo_t           *cr,
                 double             width)
{
  int name_height;

  if (self->logo != NULL)
    draw_image (cr, self->logo, MM (MARGIN_LEFT), MM (HEAD_TOP), MM (LOGO_WIDTH), MM (LOGO_HEIGHT));
  show (cr, self->head_name, MM (HEAD_TEXT_LEFT), MM (HEAD_TOP));
  pango_layout_get_size (self->head_name, NULL, &name_height);
  show (cr, self->head_details, MM (HEAD_TEXT_LEFT),
        MM (HEAD_TOP) + (double)name_height / PANGO_SCALE + 3);
}

/* The address, kept inside the window with its inset; a long line ends
 * in an ellipsis and a tall block is set smaller until it fits. */
static void
draw_address (AttLetterDocument *self,
              cairo_t           *cr,
              Letter            *letter)
{
  double x, y, w, h, inset = MM (ATT_LETTER_WINDOW_INSET_MM);
  g_autofree char *text = g_strjoinv ("\n", letter->address);
  g_autoptr(PangoLayout) layout = new_layout (self, F_BODY, 0, PANGO_ALIGN_LEFT);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (self->fonts[F_BODY]);
  int text_height;

  att_letter_window_rect (&x, &y, &w, &h);
  pango_layout_set_width (layout, (int)((w - 2 * inset) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  for (double size = 10; ; size -= 0.5)
    {
      pango_font_description_set_size (font, (int)(size * PANGO_SCALE));
      pango_layout_set_font_description (layout, font);
      pango_layout_get_size (layout, NULL, &text_height);
      if ((double)text_height / PANGO_SCALE <= h - 2 * inset || size <= 6)
        break;
    }
  show (cr, layout, x + inset, y + inset);
}

static void
draw_date (AttLetterDocument *self,
           cairo_t           *cr,
           Letter            *letter,
           double             width)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = NULL;
  double left = MM (HEAD_TEXT_LEFT);
  g_autoptr(PangoLayout) layout = new_layout (self, F_BODY, width - left - MM (MARGIN_RIGHT),
                                              PANGO_ALIGN_RIGHT);

  if (letter->date != ATT_DATE_NONE)
    {
      date = att_letter_format_date (letter->date, ATT_LETTER_DATE_HEADING);
      g_string_append (text, date);
    }
  if (letter->reference != NULL && letter->reference[0] != '\0')
    /* Translators: the school's reference for a letter, under its date */
    g_string_append_printf (text, _("\nOur reference: %s"), letter->reference);
  pango_layout_set_text (layout, text->str, -1);
  show (cr, layout, left, MM (ATT_LETTER_WINDOW_TOP_MM + ATT_LETTER_WINDOW_INSET_MM));
}

static void
draw_lines (cairo_t     *cr,
            PangoLayout *layout,
            const Item  *item,
            const Slice *slice,
            double       x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint i = 0;

  do
    {
      if (i >= slice->from && i < slice->to)
        {
          PangoRectangle logical;
          double baseline = (double)pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double)logical.x / PANGO_SCALE,
                         slice->y + baseline - item->tops[slice->from]);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      i++;
    }
  while (i < slice->to && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_table (AttLetterDocument *self,
            cairo_t           *cr,
            Letter            *letter,
            const Slice       *slice,
            double             width)
{
  double x = MM (MARGIN_LEFT), w = body_width (width);
  double columns[] = { 0, MM (48), MM (76), MM (92), w };
  g_autoptr(PangoLayout) head = new_layout (self, F_TABLE_HEAD, 0, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) cell = new_layout (self, F_TABLE, 0, PANGO_ALIGN_LEFT);
  const char *titles[] = { _("Date"), _("Session"), _("Code"), _("Meaning") };
  double y = slice->y;

  pango_layout_set_ellipsize (cell, PANGO_ELLIPSIZE_END);
  for (guint c = 0; c < 4; c++)
    {
      pango_layout_set_width (head, (int)((columns[c + 1] - columns[c] - 4) * PANGO_SCALE));
      pango_layout_set_text (head, titles[c], -1);
      show (cr, head, x + columns[c], y);
    }
  att_render_line (cr, x, y + ROW_HEIGHT + 1, x + w, y + ROW_HEIGHT + 1, 0.6);
  y += table_header_height ();

  for (guint r = slice->from; r < slice->to; r++)
    {
      AttLetterRow *row = g_ptr_array_index (letter->text->rows, r);
      g_autofree char *date = att_letter_format_date (row->date, ATT_LETTER_DATE_SHORT);
      const char *cells[4];

      cells[0] = date;
      cells[1] = row->session == ATT_SESSION_AM ? _("Morning") : _("Afternoon");
      cells[2] = row->code;
      cells[3] = row->meaning != NULL ? row->meaning : "";
      for (guint c = 0; c < 4; c++)
        {
          pango_layout_set_width (cell, (int)((columns[c + 1] - columns[c] - 4) * PANGO_SCALE));
          pango_layout_set_text (cell, cells[c], -1);
          show (cr, cell, x + columns[c], y + (r - slice->from) * ROW_HEIGHT);
        }
    }
}

static void
draw_signature (AttLetterDocument *self,
                cairo_t           *cr,
                Letter            *letter,
                const Slice       *slice,
                double             width)
{
  g_autoptr(PangoLayout) name = new_layout (self, F_SUBJECT, body_width (width), PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) role = new_layout (self, F_BODY, body_width (width), PANGO_ALIGN_LEFT);
  double y = slice->y;

  if (letter->signature != NULL)
    {
      draw_image (cr, letter->signature, MM (MARGIN_LEFT), y,
                  MM (SIGNATURE_IMAGE_WIDTH), MM (SIGNATURE_IMAGE_HEIGHT));
      y += MM (SIGNATURE_IMAGE_HEIGHT);
    }
  else
    y += MM (12);
  pango_layout_set_text (name, letter->signatory_name != NULL ? letter->signatory_name : "", -1);
  show (cr, name, MM (MARGIN_LEFT), y);
  pango_layout_set_text (role, letter->signatory_role != NULL ? letter->signatory_role : "", -1);
  show (cr, role, MM (MARGIN_LEFT), y + 13.0);
}

static void
draw_letter_page (AttLetterDocument *self,
                  cairo_t           *cr,
                  guint              l,
                  guint              page,
                  double             width,
                  double             height)
{
  Letter *letter = g_ptr_array_index (self->letters, l);
  GArray *slices = g_ptr_array_index (letter->pages, page);

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page == 0)
    {
      draw_letterhead (self, cr, width);
      draw_address (self, cr, letter);
      draw_date (self, cr, letter, width);
    }

  for (guint s = 0; s < slices->len; s++)
    {
      const Slice *slice = &g_array_index (slices, Slice, s);
      const Item *item = &g_array_index (letter->items, Item, slice->item);

      switch (item->kind)
        {
        case ITEM_SUBJECT:
          show (cr, item->layout, MM (MARGIN_LEFT), slice->y);
          break;
        case ITEM_PARAGRAPH:
          draw_lines (cr, item->layout, item, slice, MM (MARGIN_LEFT));
          break;
        case ITEM_TABLE:
          draw_table (self, cr, letter, slice, width);
          break;
        case ITEM_SIGNATURE:
          draw_signature (self, cr, letter, slice, width);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (letter->pages->len > 1)
    {
      g_autoptr(PangoLayout) foot = new_layout (self, F_FOOT, width, PANGO_ALIGN_CENTER);
      g_autofree char *number = att_render_page_number (page, letter->pages->len);

      pango_layout_set_text (foot, number, -1);
      show (cr, foot, 0, height - MM (PAGE_NUMBER_BOTTOM));
    }
}

/* ------------------------------------------------------------------ */
/* AttDocument                                                        */
/* ------------------------------------------------------------------ */

static const char *
att_letter_document_get_title (AttDocument *document)
{
  return ATT_LETTER_DOCUMENT (document)->title;
}

static AttPageOrientation
att_letter_document_get_orientation (AttDocument *document)
{
  return ATT_PAGE_PORTRAIT;
}

static gboolean
att_letter_document_uses_full_page (AttDocument *document)
{
  return TRUE;
}

static guint
att_letter_document_count_pages (AttDocument *document,
                                 double       width,
                                 double       height)
{
  AttLetterDocument *self = ATT_LETTER_DOCUMENT (document);

  paginate (self, width, height);
  return self->n_pages;
}

static void
att_letter_document_draw_page (AttDocument *document,
                               cairo_t     *cr,
                               double       width,
                               double       height,
                               guint        page)
{
  AttLetterDocument *self = ATT_LETTER_DOCUMENT (document);
  guint lo = 0, hi;

  paginate_until (self, width, height, 0, page);
  if (page >= self->n_pages)
    return;

  /* The letter holding @page: the last whose first page is not after it. */
  hi = self->paged_letters;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      Letter *letter = g_ptr_array_index (self->letters, mid);

      if (letter->first_page <= page)
        lo = mid;
      else
        hi = mid;
    }
  cairo_save (cr);
  draw_letter_page (self, cr, lo, page - ((Letter *)g_ptr_array_index (self->letters, lo))->first_page,
                    width, height);
  cairo_restore (cr);
}

static void
att_letter_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = att_letter_document_get_title;
  iface->get_orientation = att_letter_document_get_orientation;
  iface->count_pages = att_letter_document_count_pages;
  iface->draw_page = att_letter_document_draw_page;
  iface->uses_full_page = att_letter_document_uses_full_page;
}
