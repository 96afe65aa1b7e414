/* att-letters-form.h: the lines of the Letters page's small dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-letters.h"

G_BEGIN_DECLS

typedef enum
{
  ATT_LETTERS_FORM_REASON   = 1 << 0,
  ATT_LETTERS_FORM_DELIVERY = 1 << 1,
  ATT_LETTERS_FORM_DATE     = 1 << 2,
} AttLettersFormLines;

#define ATT_TYPE_LETTERS_FORM (att_letters_form_get_type ())
G_DECLARE_FINAL_TYPE (AttLettersForm, att_letters_form, ATT, LETTERS_FORM, GtkWidget)

/* A form of the @lines given; the date line is titled @date_title and
 * holds @date (ATT_DATE_NONE for empty). */
AttLettersForm    *att_letters_form_new          (AttLettersFormLines  lines,
                                                  const char          *date_title,
                                                  AttDate              date);
/* Puts the keyboard on the first line shown. */
void               att_letters_form_focus        (AttLettersForm      *self);
void               att_letters_form_set_delivery (AttLettersForm      *self,
                                                  AttLetterDelivery    delivery);
/* The reason typed, stripped ("" for none). */
char              *att_letters_form_get_reason   (AttLettersForm      *self);
AttLetterDelivery  att_letters_form_get_delivery (AttLettersForm      *self);
/* ATT_DATE_NONE with an error when the text is not a date; without one
 * when the line is empty. */
AttDate            att_letters_form_get_date     (AttLettersForm      *self,
                                                  GError             **error);
/* For the tests: the lines by name ("reason", "delivery", "date"). */
GtkWidget         *att_letters_form_get_line     (AttLettersForm      *self,
                                                  const char          *name);

G_END_DECLS
