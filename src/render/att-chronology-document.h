/* att-chronology-document.h: the chronology of a pupil's case, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-case.h"
#include "att-document.h"

G_BEGIN_DECLS

/* A4 portrait: one row per entry of the chronology (att_case_chronology())
 * in its order, with its day, time, kind, title and what it records
 * (wrapped, never cut) and who made it; the column headings again on
 * every page; an empty chronology says there is nothing recorded. */
#define ATT_TYPE_CHRONOLOGY_DOCUMENT (att_chronology_document_get_type ())
G_DECLARE_FINAL_TYPE (AttChronologyDocument, att_chronology_document, ATT, CHRONOLOGY_DOCUMENT, GObject)

/* @events (AttCaseEvent) is referenced. @school is the subtitle; @from
 * and @to the span asked for (ATT_DATE_NONE: open at that end), named
 * under the title. */
AttDocument  *att_chronology_document_new (GPtrArray   *events,
                                           const char  *school,
                                           const char  *pupil_name,
                                           const char  *upn,
                                           AttDate      from,
                                           AttDate      to);

G_END_DECLS
