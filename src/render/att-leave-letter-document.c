/* att-leave-letter-document.c: the decision letters of a request for leave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-leave-letter-document.h"
#include "att-letter-templates.h"
#include "att-letters.h"

AttLetterDocument *
att_leave_letter_document_new (AttDb      *db,
                               gint64      leave_id,
                               AttDate     date,
                               GPtrArray  *records,
                               GError    **error)
{
  g_autoptr(AttLeave) leave = att_leave_get (db, leave_id, error);
  g_autoptr(AttLetterTemplate) tmpl = NULL;
  g_autoptr(AttLetterValues) values = NULL;
  g_autoptr(AttLetterhead) head = NULL;
  g_autoptr(AttLetterDocument) document = NULL;
  g_autofree char *reference = NULL;
  AttLeaveLetter letter;
  guint before = records != NULL ? records->len : 0;

  if (leave == NULL)
    return NULL;
  if (!att_leave_letter_choose (db, leave, &letter, error))
    return NULL;
  tmpl = att_letter_templates_get (db, att_leave_letter_to_string (letter), error);
  if (tmpl == NULL)
    return NULL;
  values = att_leave_letter_values (db, leave, letter, date, error);
  if (values == NULL)
    return NULL;
  head = att_letterhead_load (db);
  document = att_letter_document_new (head, _("Leave decision letters"));
  if (att_letter_document_add_for_pupil (document, db, leave->pupil_id, tmpl, values, date,
                                         records, error) == 0)
    return NULL;
  reference = g_strdup_printf ("leave:%" G_GINT64_FORMAT, leave_id);
  for (guint i = before; records != NULL && i < records->len; i++)
    {
      AttLetterRecord *record = g_ptr_array_index (records, i);

      g_free (record->kind);
      record->kind = g_strdup (att_leave_letter_to_string (letter));
      g_free (record->reference);
      record->reference = g_strdup (reference);
      record->delivery = ATT_LETTER_POST;
    }
  return g_steal_pointer (&document);
}
