/* att-casepack.c: what the referral pack of one pupil holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-case.h"
#include "att-casepack.h"
#include "att-contacts.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-letters.h"
#include "att-penalty.h"
#include "att-users.h"

void
att_casepack_free (AttCasepack *pack)
{
  if (pack == NULL)
    return;
  g_clear_object (&pack->pupil);
  g_clear_pointer (&pack->contacts, g_ptr_array_unref);
  g_clear_pointer (&pack->siblings, g_ptr_array_unref);
  g_clear_pointer (&pack->support, g_ptr_array_unref);
  g_clear_pointer (&pack->certificate, att_certificate_unref);
  g_clear_pointer (&pack->letters, g_ptr_array_unref);
  g_clear_pointer (&pack->chronology, g_ptr_array_unref);
  g_clear_pointer (&pack->considerations, g_ptr_array_unref);
  g_clear_pointer (&pack->improve, g_ptr_array_unref);
  g_free (pack->headteacher);
  g_clear_pointer (&pack->year, att_pupil_year_unref);
  g_free (pack);
}

static gboolean
wants (AttCasepack        *pack,
       AttCasepackSection  section)
{
  return att_la_profile_has_section (&pack->profile, section);
}

AttCasepack *
att_casepack_collect (AttDb               *db,
                      gint64               pupil_id,
                      AttDate              as_of,
                      const AttLaProfile  *profile,
                      GError             **error)
{
  g_autoptr(AttCasepack) pack = NULL;
  AttPupil *pupil;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (as_of != ATT_DATE_NONE, NULL);

  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return NULL;

  pack = g_new0 (AttCasepack, 1);
  pack->as_of = as_of;
  pack->pupil = g_object_ref (pupil);
  if (profile != NULL)
    {
      if (!att_la_profile_validate (profile, error))
        return NULL;
      pack->profile = *profile;
    }
  else if (!att_la_profile_load (db, &pack->profile, error))
    return NULL;

  if (wants (pack, ATT_CASEPACK_PARENTS))
    pack->contacts = att_contacts_for_pupil (db, pupil_id, error);
  else
    pack->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify)att_contact_free);
  if (pack->contacts == NULL)
    return NULL;

  if (wants (pack, ATT_CASEPACK_SIBLINGS))
    pack->siblings = att_contacts_siblings_on_roll (db, pupil_id, as_of, error);
  else
    pack->siblings = g_ptr_array_new_with_free_func (g_object_unref);
  if (pack->siblings == NULL)
    return NULL;

  if (wants (pack, ATT_CASEPACK_CERTIFICATE))
    {
      pack->certificate = att_certificate_new (db, pupil_id, &pack->profile.span, as_of, error);
      if (pack->certificate == NULL)
        return NULL;
    }

  if (wants (pack, ATT_CASEPACK_YEAR_CALENDAR))
    {
      pack->year = att_pupil_year_new (db, pupil_id, att_date_school_year (as_of), as_of, error);
      if (pack->year == NULL)
        return NULL;
    }

  if (wants (pack, ATT_CASEPACK_LETTERS))
    {
      AttLettersFilter filter = { pupil_id, NULL, NULL, ATT_DATE_NONE, as_of };

      pack->letters = att_letters_query (db, &filter, error);
    }
  else
    pack->letters = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_record_free);
  if (pack->letters == NULL)
    return NULL;

  if (wants (pack, ATT_CASEPACK_SUPPORT))
    pack->support = att_case_support (db, pupil_id, error);
  else
    pack->support = g_ptr_array_new_with_free_func ((GDestroyNotify)att_case_support_free);
  if (pack->support == NULL)
    return NULL;
  /* What was recorded up to the pack's day. */
  for (guint i = pack->support->len; i > 0; i--)
    if (((AttCaseSupport *)g_ptr_array_index (pack->support, i - 1))->date > as_of)
      g_ptr_array_remove_index (pack->support, i - 1);

  if (wants (pack, ATT_CASEPACK_CHRONOLOGY))
    pack->chronology = att_case_chronology (db, pupil_id, ATT_DATE_NONE, as_of, error);
  else
    pack->chronology = g_ptr_array_new_with_free_func ((GDestroyNotify)att_case_event_free);
  if (pack->chronology == NULL)
    return NULL;

  if (wants (pack, ATT_CASEPACK_CONSIDERATIONS))
    pack->considerations = att_penalty_considerations (db, pupil_id, error);
  else
    pack->considerations = g_ptr_array_new_with_free_func ((GDestroyNotify)att_penalty_consideration_free);
  if (pack->considerations == NULL)
    return NULL;
  for (guint i = pack->considerations->len; i > 0; i--)
    if (((AttPenaltyConsideration *)g_ptr_array_index (pack->considerations, i - 1))->as_of > as_of)
      g_ptr_array_remove_index (pack->considerations, i - 1);

  if (wants (pack, ATT_CASEPACK_NOTICE_TO_IMPROVE))
    pack->improve = att_penalty_improve_list (db, pupil_id, error);
  else
    pack->improve = g_ptr_array_new_with_free_func ((GDestroyNotify)att_notice_to_improve_free);
  if (pack->improve == NULL)
    return NULL;
  for (guint i = pack->improve->len; i > 0; i--)
    if (((AttNoticeToImprove *)g_ptr_array_index (pack->improve, i - 1))->issued > as_of)
      g_ptr_array_remove_index (pack->improve, i - 1);

  pack->headteacher = att_certificate_headteacher_name (db, error);
  if (pack->headteacher == NULL && error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&pack);
}

gboolean
att_casepack_can_finalise (AttCasepack  *pack,
                           GError      **error)
{
  g_return_val_if_fail (pack != NULL, FALSE);

  if (pack->certificate == NULL)
    return TRUE;
  return att_certificate_can_finalise (pack->certificate, error);
}

guint
att_casepack_n_stale_contacts (AttCasepack *pack)
{
  guint n = 0;

  g_return_val_if_fail (pack != NULL, 0);

  for (guint i = 0; i < pack->contacts->len; i++)
    if (att_contact_details_stale (g_ptr_array_index (pack->contacts, i), pack->as_of))
      n++;
  return n;
}

gboolean
att_casepack_record_export (AttDb          *db,
                            const AttUser  *user,
                            AttCasepack    *pack,
                            const char     *destination,
                            GError        **error)
{
  g_autofree char *sections = NULL;
  g_autofree char *span = NULL;
  g_autoptr(GString) detail = NULL;
  g_autoptr(GString) after = NULL;
  char date[ATT_DATE_TEXT_SIZE];

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (pack != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_CASEWORK, error))
    return FALSE;

  sections = att_la_profile_sections_to_string (&pack->profile);
  span = att_certificate_span_to_string (&pack->profile.span);
  detail = g_string_new (NULL);
  g_string_append_printf (detail, "%s: referral pack as of %s (%s; certificate %s)",
                          pack->pupil->upn, att_date_format_to (pack->as_of, date), sections, span);
  if (destination != NULL)
    g_string_append_printf (detail, " to %s", destination);

  after = g_string_new ("{\"as_of\":");
  att_json_append_string (after, date);
  g_string_append (after, ",\"sections\":");
  att_json_append_string (after, sections);
  g_string_append (after, ",\"span\":");
  att_json_append_string (after, span);
  g_string_append_printf (after, ",\"contacts\":%u,\"letters\":%u,\"chronology\":%u",
                          pack->contacts->len, pack->letters->len, pack->chronology->len);
  if (destination != NULL)
    {
      g_string_append (after, ",\"file\":");
      att_json_append_string (after, destination);
    }
  g_string_append_c (after, '}');

  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_audit_record (db, user, ATT_AUDIT_EXPORT, pack->pupil->id, "export.casepack",
                         detail->str, NULL, after->str, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  return att_db_commit (db, error);
}
