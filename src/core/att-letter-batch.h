/* att-letter-batch.h: a batch of letters, from letters due to letters sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch is what one print run sends: the letters (or texts, or
 * e-mails) the due list asks for, the half-termly report to every
 * family, or letters read back from the log to print again. Each item is
 * one letter to one addressee: one per address of the contacts with
 * parental responsibility who receive letters (parents at one address get
 * one letter addressed to both), or, for a stage sent as a text message,
 * one per such contact with a mobile. Each item holds its merged text and
 * the record the log will keep of it (the figures it quotes as JSON, the
 * period they cover and the register's history as it was read).
 *
 * Before a batch is sent the data check (att_letter_batch_get_problems())
 * lists what would make a letter wrong: a pupil with no contact who
 * receives letters, a contact with no postal address (or, for a text, no
 * mobile), and a period whose register still holds N or unmarked
 * sessions. Recording (att_letter_batch_record()) logs every item in one
 * transaction with how it went and when; a stage with a legal warning
 * must say both. A letter logged but not yet posted whose figures have
 * changed since (att_letters_is_out_of_date()) is refused for reprint
 * (att_letter_batch_new_from_log()) and is made again with
 * att_letter_batch_new_regenerated().
 */
#pragma once

#include <glib-object.h>

#include "att-date.h"
#include "att-ladder.h"
#include "att-letter-template.h"
#include "att-letters.h"
#include "att-users.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* The kind, template and log kind of the half-termly report to parents. */
#define ATT_LETTER_HALF_TERM_KIND "half-term-report"

/* One letter (or text, or e-mail) of a batch. */
typedef struct
{
  gint64               pupil_id;
  char                *upn;
  char                *pupil_name;     /* the pupil's preferred name, for lists */
  AttLetterRecipient  *recipient;      /* who it is addressed to and where; for
                                        * a text, the one contact and its mobile */
  AttLetterText       *text;           /* the merged letter */
  char                *message;        /* a text's or an e-mail's plain wording, else NULL */
  AttLetterRecord     *record;         /* what the log will keep; its id is set
                                        * once recorded (or, for a reprint, is
                                        * the letter's logged id) */
  AttLetterDelivery    delivery;       /* how the stage asks for it to go */
  gboolean             legal_warning;  /* a stage whose letter warns of legal
                                        * action: logged only with its delivery
                                        * and posting date */
} AttLetterBatchItem;

void                 att_letter_batch_item_free     (AttLetterBatchItem *item);
/* A copy of @record, every string its own. */
AttLetterRecord     *att_letter_batch_record_copy   (const AttLetterRecord *record);

typedef struct _AttLetterBatch AttLetterBatch;

#define ATT_TYPE_LETTER_BATCH (att_letter_batch_get_type ())
GType                att_letter_batch_get_type      (void) G_GNUC_CONST;

AttLetterBatch      *att_letter_batch_ref           (AttLetterBatch     *self);
void                 att_letter_batch_unref         (AttLetterBatch     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLetterBatch, att_letter_batch_unref)

/* The letters the due rows @due (AttLetterDue; rows whose status is not
 * DUE are passed over) ask for, dated @letter_date: each row's template
 * (the newest version stored) merged with its pupil's figures for the
 * row's period, once per recipient, by the row's delivery. A pupil with
 * no one to write to has no item and a problem instead. NULL only for an
 * error reading the database or a template that does not merge. */
AttLetterBatch      *att_letter_batch_new_from_due  (AttDb              *db,
                                                     GPtrArray          *due,
                                                     AttDate             letter_date,
                                                     GError            **error);

/* Whether @stage's letter warns of legal action: the formal warning at
 * the penalty threshold (10 or more unauthorised sessions in the rolling
 * 10 school weeks), which is logged only with its delivery and the day
 * it was posted. */
gboolean             att_letter_batch_stage_is_legal_warning (const AttLadderStage *stage);

/* The half-termly report to the family of every pupil on roll on @as_of:
 * the figures of the half term holding @as_of (up to @as_of) and of the
 * school year, the school's target and a short note by band, one letter
 * per recipient, dated @as_of, logged as kind ATT_LETTER_HALF_TERM_KIND.
 * Refused (ATT_ERROR_RULE) when @as_of is in no half term of the
 * calendar. */
AttLetterBatch      *att_letter_batch_new_half_term (AttDb              *db,
                                                     AttDate             as_of,
                                                     GError            **error);
/* The same, sent by @delivery: post or by hand (letters), e-mail (one
 * item per recipient with an e-mail address) or text (one per contact
 * with a mobile, with the report's short wording). */
AttLetterBatch      *att_letter_batch_new_half_term_for (AttDb          *db,
                                                     AttDate             as_of,
                                                     AttLetterDelivery   delivery,
                                                     GError            **error);

/* Logged letters @letter_ids (gint64) to print again as they were: the
 * same wording (the logged template version), address, date and figures,
 * each item's record its logged one. Refused (ATT_ERROR_RULE) naming the
 * letter when one is a text, or was logged but not posted and its figures
 * have changed since (it must be made again with
 * att_letter_batch_new_regenerated()); ATT_ERROR_NOT_FOUND for an id the
 * log does not hold. */
AttLetterBatch      *att_letter_batch_new_from_log  (AttDb              *db,
                                                     GArray             *letter_ids,
                                                     GError            **error);

/* Logged letters @letter_ids (gint64) made again with the figures as they
 * are now: the same pupil, recipient, kind, template and period, dated
 * @letter_date, to be recorded as new letters (the old ones stay in the
 * log as they were). Refused (ATT_ERROR_RULE) for a letter already
 * posted. */
AttLetterBatch      *att_letter_batch_new_regenerated (AttDb            *db,
                                                     GArray             *letter_ids,
                                                     AttDate             letter_date,
                                                     GError            **error);

/* One pupil's letter from the stored template @template_name (the newest
 * version), dated @letter_date, one per recipient as ladder letters
 * choose them (one per address of the contacts with parental
 * responsibility who receive letters), merged with the pupil, the
 * school, the signatory, the letter's date, the figures of the school
 * year up to @letter_date, the rolling National Framework count and
 * absences, and then @extra (which may be NULL) over them. The items'
 * records have the template's name as their kind; a caller may change
 * the kind before recording with att_letter_batch_record() as usual.
 * A pupil with no one to write to gives an empty batch with the problem.
 * Refused: ATT_ERROR_NOT_FOUND for no such pupil or template, a template
 * whose fields @extra and the pupil's values do not fill. */
AttLetterBatch      *att_letter_batch_new_for_pupil (AttDb              *db,
                                                     gint64              pupil_id,
                                                     const char         *template_name,
                                                     const AttLetterValues *extra,
                                                     AttDate             letter_date,
                                                     GError            **error);

/* A new batch of the items of @self sent by @delivery (their copies), with
 * the problems about those items' pupils. */
AttLetterBatch      *att_letter_batch_select        (AttLetterBatch     *self,
                                                     AttLetterDelivery   delivery);

/* The batch's title: the print job's name and the PDF's title ("Letters
 * due 20 November 2026", "Half-termly attendance reports"). */
const char          *att_letter_batch_get_title     (AttLetterBatch     *self);
/* The items (AttLetterBatchItem, borrowed), in the order of the due rows
 * or the pupils, a pupil's recipients together. */
GPtrArray           *att_letter_batch_get_items     (AttLetterBatch     *self);
guint                att_letter_batch_get_n_items   (AttLetterBatch     *self);
/* The data check (AttLetterProblem, borrowed): what would make an item
 * wrong, or why a pupil has none. */
GPtrArray           *att_letter_batch_get_problems  (AttLetterBatch     *self);
/* Takes pupil @pupil_id's items and problems out of the batch (the
 * officer leaves them for now). Returns the items taken out. */
guint                att_letter_batch_remove_pupil  (AttLetterBatch     *self,
                                                     gint64              pupil_id);

/* Appends to @problems (AttLetterProblem) a problem when pupil @pupil_id's
 * register over [@from, @to] still holds N or sessions with no mark: a
 * letter quoting those figures would be wrong. Returns FALSE only for an
 * error. */
gboolean             att_letter_batch_check_marks   (AttDb              *db,
                                                     gint64              pupil_id,
                                                     AttDate             from,
                                                     AttDate             to,
                                                     GPtrArray          *problems,
                                                     GError            **error);

/* Logs every item in one transaction (all or none), by @user, sent by
 * @delivery (post, by hand, e-mail or text) and @posted the day it went
 * (ATT_DATE_NONE: prepared, to be posted later with
 * att_letters_set_posted()). Refused (ATT_ERROR_RULE, nothing logged) for
 * an item with a legal warning without a posting date or sent other than
 * by post, by hand or e-mail, for a posting date before a letter's date,
 * for a reprinted batch, and for an empty batch. Each item's record gets
 * its new id. Needs ATT_PERM_LETTERS. */
gboolean             att_letter_batch_record        (AttDb              *db,
                                                     const AttUser      *user,
                                                     AttLetterBatch     *self,
                                                     AttLetterDelivery   delivery,
                                                     AttDate             posted,
                                                     GError            **error);

/* The checks att_letter_batch_record() makes before it writes anything,
 * without writing: for a caller that must know before it prints. */
gboolean             att_letter_batch_check_record  (AttLetterBatch     *self,
                                                     AttLetterDelivery   delivery,
                                                     AttDate             posted,
                                                     GError            **error);

/* Writes the batch's texts as CSV for the school's messaging service: a
 * header "contact,mobile,message", then one row per item with a mobile
 * (the contact's name, the number, the merged message), quoted where a
 * value needs it. Written beside @path and renamed, readable by its owner
 * only. Refused (ATT_ERROR_RULE) when no item has a mobile. */
gboolean             att_letter_batch_write_texts_csv (AttLetterBatch   *self,
                                                     const char         *path,
                                                     GError            **error);

G_END_DECLS
