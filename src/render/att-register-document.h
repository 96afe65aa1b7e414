/* att-register-document.h: the printed register, a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-document.h"
#include "att-register-grid.h"

G_BEGIN_DECLS

/* The printed register of a grid's pupils and sessions, A4 landscape.
 * Every registration group starts a new page with its name in the
 * heading, so the whole school's register is also the fire register: one
 * group's pages for each person who calls a roll. */
#define ATT_TYPE_REGISTER_DOCUMENT (att_register_document_get_type ())
G_DECLARE_FINAL_TYPE (AttRegisterDocument, att_register_document, ATT, REGISTER_DOCUMENT, GObject)

/* @school, @title ("7A, week beginning Mon 9 Sep 2024") and @footer
 * ("Printed by ... on ...") may be NULL. The grid is kept (a reference). */
AttDocument  *att_register_document_new (AttGrid    *grid,
                                         const char *school,
                                         const char *title,
                                         const char *footer);

G_END_DECLS
