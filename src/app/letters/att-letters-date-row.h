/* att-letters-date-row.h: a line of a form that holds a date, typed or
 * picked from a calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"

G_BEGIN_DECLS

#define ATT_TYPE_LETTERS_DATE_ROW (att_letters_date_row_get_type ())
G_DECLARE_FINAL_TYPE (AttLettersDateRow, att_letters_date_row, ATT, LETTERS_DATE_ROW, AdwEntryRow)

GtkWidget    *att_letters_date_row_new      (const char        *title,
                                             AttDate            date);
void          att_letters_date_row_set_date (AttLettersDateRow *self,
                                             AttDate            date);
/* The date typed or picked (DD/MM/YYYY or YYYY-MM-DD); ATT_DATE_NONE
 * with an error naming the line when the text is not a date, and
 * ATT_DATE_NONE without one when the line is empty. */
AttDate       att_letters_date_row_get_date (AttLettersDateRow *self,
                                             GError           **error);

G_END_DECLS
