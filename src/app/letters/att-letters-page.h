/* att-letters-page.h: the Letters page: the letters due on a day, their
 * review, the data check, printing, and the log of letters sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-page.h"

G_BEGIN_DECLS

#define ATT_TYPE_LETTERS_PAGE (att_letters_page_get_type ())
G_DECLARE_FINAL_TYPE (AttLettersPage, att_letters_page, ATT, LETTERS_PAGE, AttPage)

/* "due" or "sent". */
void          att_letters_page_show_view   (AttLettersPage *self,
                                            const char     *name);
const char   *att_letters_page_get_view    (AttLettersPage *self);

G_END_DECLS
