/* att-letter-batch-private.h: what the batch's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-db.h"
#include "att-letter-batch.h"
#include "att-stats.h"

G_BEGIN_DECLS

/* The template of a text message of the half-termly report. */
#define ATT_LETTER_HALF_TERM_TEXT_TEMPLATE "half-term-report-text"

struct _AttLetterBatch
{
  grefcount   ref_count;
  char       *title;
  GPtrArray  *items;              /* AttLetterBatchItem */
  GPtrArray  *problems;           /* AttLetterProblem */
  GHashTable *problem_delivery;   /* AttLetterProblem -> delivery + 1 it is about */
  gboolean    reprint;            /* copies of logged letters: never logged again */
};

AttLetterBatch     *att_letter_batch_new              (const char         *title);

/* Adds a problem (taking @message) about @pupil_id's letters sent by
 * @delivery. */
void                att_letter_batch_add_problem_for  (AttLetterBatch       *self,
                                                       gint64                pupil_id,
                                                       AttLetterDelivery     delivery,
                                                       AttLetterProblemKind  kind,
                                                       char                 *message);
/* Adds the marks problem of @pupil's @figures over [@from, @to], if any. */
void                att_letter_batch_check_figures    (AttLetterBatch       *self,
                                                       AttPupil             *pupil,
                                                       const AttFigures     *figures,
                                                       AttDate               from,
                                                       AttDate               to);
/* Whom @pupil's letters sent by @delivery go to (AttLetterRecipient): one
 * per address for letters, per address with an e-mail for e-mails, per
 * contact with a mobile for texts; a problem added to @self for each
 * thing missing. */
GPtrArray          *att_letter_batch_recipients       (AttLetterBatch       *self,
                                                       AttDb                *db,
                                                       AttPupil             *pupil,
                                                       AttLetterDelivery     delivery,
                                                       GError              **error);
/* The figures quoted, as the log keeps them. */
char               *att_letter_batch_figures_json     (const AttFigures     *figures);
/* The school, the signatory and the letter's date. */
AttLetterValues    *att_letter_batch_base_values      (AttDb                *db,
                                                       AttDate               letter_date);
/* Merges @tmpl with @values once per recipient, all or none, adding an
 * item for each with a copy of @base as its record. */
gboolean            att_letter_batch_add_letters      (AttLetterBatch          *self,
                                                       AttPupil                *pupil,
                                                       GPtrArray               *recipients,
                                                       const AttLetterTemplate *tmpl,
                                                       AttLetterValues         *values,
                                                       const AttLetterRecord   *base,
                                                       AttLetterDelivery        delivery,
                                                       gboolean                 legal_warning,
                                                       GError                 **error);

/* The half-termly report's period: the half term holding @as_of (or
 * the last before it) up to @as_of, and the school year from its start. */
gboolean            att_letter_batch_half_term_range  (AttDb                *db,
                                                       AttDate               as_of,
                                                       AttDate              *half_from,
                                                       AttDate              *half_to,
                                                       AttDate              *year_from,
                                                       GError              **error);
/* Fills @values (all but the recipient) and @record (kind, date, period,
 * figures) of @pupil's half-termly report as of @as_of; @year gets the
 * year's figures. */
gboolean            att_letter_batch_half_term_fill   (AttDb                *db,
                                                       AttPupil             *pupil,
                                                       AttDate               as_of,
                                                       AttLetterValues      *values,
                                                       AttLetterRecord      *record,
                                                       AttFigures           *year,
                                                       GError              **error);

G_END_DECLS
