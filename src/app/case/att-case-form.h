/* att-case-form.h: what the case's forms share: dates typed in a line,
 * and a field named in its error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"

G_BEGIN_DECLS

/* A row's title as a message names it: without its mnemonic. */
char     *att_case_form_field_name   (gpointer     row);
/* "DD/MM/YYYY", as the forms take a date; "" for ATT_DATE_NONE. */
char     *att_case_form_date_text    (AttDate      date);
/* The date typed in @row: ATT_DATE_NONE when empty (and not @required),
 * or an error that names the field; the row is marked as the one in
 * error. */
gboolean  att_case_form_parse_date   (AdwEntryRow *row,
                                      gboolean     required,
                                      AttDate     *date,
                                      GError     **error);
/* The time typed in @row, in minutes after midnight; -1 when empty (and
 * not @required), or an error that names the field. */
gboolean  att_case_form_parse_time   (AdwEntryRow *row,
                                      gboolean     required,
                                      int         *minutes,
                                      GError     **error);
/* Marks @row as the field in error, or clears the mark. */
void      att_case_form_mark_error   (gpointer     row,
                                      gboolean     error);

G_END_DECLS
