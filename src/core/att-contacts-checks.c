/* att-contacts-checks.c: whether a contact's details are current, and a
 * pupil's brothers and sisters on roll
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-contacts.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-users.h"

static int
days_in_month (int year,
               int month)
{
  return g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year);
}

AttDate
att_contact_details_recheck_date (const AttContact *contact)
{
  int year, month, day;

  g_return_val_if_fail (contact != NULL, ATT_DATE_NONE);

  if (contact->details_checked == ATT_DATE_NONE)
    return ATT_DATE_NONE;
  att_date_to_ymd (contact->details_checked, &year, &month, &day);
  month += ATT_CONTACT_DETAILS_MONTHS;
  if (month > 12)
    {
      month -= 12;
      year++;
    }
  /* Six months after 31 August is the last day of February. */
  day = MIN (day, days_in_month (year, month));
  return att_date_from_ymd (year, month, day) + 1;
}

gboolean
att_contact_details_stale (const AttContact *contact,
                           AttDate           as_of)
{
  g_return_val_if_fail (contact != NULL, TRUE);

  if (contact->details_checked == ATT_DATE_NONE)
    return TRUE;
  return as_of >= att_contact_details_recheck_date (contact);
}

gboolean
att_contacts_confirm (AttDb          *db,
                      const AttUser  *user,
                      gint64          pupil_id,
                      gint64          contact_id,
                      AttDate         checked,
                      GError        **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *name = NULL;
  AttContact *contact = NULL;
  AttPupil *pupil;
  sqlite3_stmt *stmt;
  char date[ATT_DATE_TEXT_SIZE];

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_EDIT_PUPILS, error))
    return FALSE;
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return FALSE;
  if (checked == ATT_DATE_NONE || checked > att_date_today ())
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A contact's details can be confirmed on a day that has come, not a day still to come"));
      return FALSE;
    }

  if (!att_db_begin (db, error))
    return FALSE;
  contacts = att_contacts_for_pupil (db, pupil_id, error);
  if (contacts == NULL)
    goto failed;
  for (guint i = 0; i < contacts->len; i++)
    if (((AttContact *)g_ptr_array_index (contacts, i))->id == contact_id)
      contact = g_ptr_array_index (contacts, i);
  if (contact == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("%s (%s) has no contact with id %" G_GINT64_FORMAT ": “pupils show UPN --json” gives the pupil's contacts with their ids"),
                   att_pupil_get_display_name (pupil), pupil->upn, contact_id);
      goto failed;
    }
  name = att_contact_dup_name (contact);

  if (!att_audit_snapshot (db, "contacts", contact_id, &before, error))
    goto failed;
  stmt = att_db_prepare (db, "UPDATE contacts SET details_checked_date = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, checked);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_CONTACTS);

  detail = g_strdup_printf ("%s: %s's details confirmed on %s", pupil->upn, name,
                            att_date_format_to (checked, date));
  if (!att_audit_snapshot (db, "contacts", contact_id, &after, error) ||
      !att_audit_record (db, user, ATT_AUDIT_CONTACT, pupil_id, "contacts.confirm", detail,
                         before, after, error))
    goto failed;
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Brothers and sisters                                               */
/* ------------------------------------------------------------------ */

/* What makes two contacts one parent, each folded for comparing: NULL
 * when the contact has none. */
typedef struct
{
  gint64  pupil_id;
  char   *surname_postcode;   /* "khan\nB11AA" */
  char   *email;
  char   *mobile;
} FamilyKey;

static void
family_key_clear (FamilyKey *key)
{
  g_free (key->surname_postcode);
  g_free (key->email);
  g_free (key->mobile);
}

/* @text without spaces and punctuation, upper case; NULL when empty. */
static char *
fold_postcode (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  if (out->len == 0)
    return g_string_free (out, TRUE);
  return g_string_free (out, FALSE);
}

/* A telephone number's digits, with the UK's 44 read as a leading 0. */
static char *
fold_phone (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);
  if (g_str_has_prefix (out->str, "44"))
    {
      /* +44 7700 900123 is 07700 900123 */
      g_string_erase (out, 0, 2);
      g_string_prepend_c (out, '0');
    }
  if (out->len < 6)
    return g_string_free (out, TRUE);
  return g_string_free (out, FALSE);
}

static char *
fold_email (const char *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;
  return g_utf8_casefold (stripped, -1);
}

static void
family_key_fill (FamilyKey    *key,
                 gint64        pupil_id,
                 const char   *surname,
                 const char   *postcode,
                 const char   *email,
                 const char   *mobile)
{
  g_autofree char *folded_postcode = fold_postcode (postcode);

  key->pupil_id = pupil_id;
  if (surname != NULL && folded_postcode != NULL)
    {
      g_autofree char *folded = att_name_fold (surname);
      g_autofree char *trimmed = g_strstrip (g_strdup (folded));

      if (*trimmed != '\0')
        key->surname_postcode = g_strconcat (trimmed, "\n", folded_postcode, NULL);
    }
  key->email = fold_email (email);
  key->mobile = fold_phone (mobile);
}

static gboolean
same_parent (const FamilyKey *a,
             const FamilyKey *b)
{
  return (a->surname_postcode != NULL && g_strcmp0 (a->surname_postcode, b->surname_postcode) == 0) ||
         (a->email != NULL && g_strcmp0 (a->email, b->email) == 0) ||
         (a->mobile != NULL && g_strcmp0 (a->mobile, b->mobile) == 0);
}

static int
compare_pupils (gconstpointer a,
                gconstpointer b)
{
  AttPupil *pa = *(AttPupil **)a;
  AttPupil *pb = *(AttPupil **)b;

  return g_strcmp0 (pa->sort_key, pb->sort_key);
}

GPtrArray *
att_contacts_siblings_on_roll (AttDb    *db,
                               gint64    pupil_id,
                               AttDate   as_of,
                               GError  **error)
{
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (att_pupils_get_or_error (db, pupil_id, error) == NULL)
    return NULL;
  own = att_contacts_for_pupil (db, pupil_id, error);
  if (own == NULL)
    return NULL;

  keys = g_array_new (FALSE, TRUE, sizeof (FamilyKey));
  g_array_set_clear_func (keys, (GDestroyNotify)family_key_clear);
  for (guint i = 0; i < own->len; i++)
    {
      AttContact *contact = g_ptr_array_index (own, i);
      FamilyKey key = { 0, };

      family_key_fill (&key, pupil_id, contact->surname, contact->postcode, contact->email,
                       contact->phone_mobile);
      g_array_append_val (keys, key);
    }

  siblings = g_ptr_array_new_with_free_func (g_object_unref);
  if (keys->len == 0)
    return g_steal_pointer (&siblings);

  found = g_hash_table_new (g_int64_hash, g_int64_equal);
  stmt = att_db_prepare (db,
                         "SELECT c.pupil_id, c.surname, c.postcode, c.email, c.phone_mobile "
                         "FROM contacts c JOIN pupils p ON p.id = c.pupil_id "
                         "WHERE c.pupil_id != ?1 AND p.admission_date <= ?2 "
                         "AND (p.leaving_date IS NULL OR p.leaving_date >= ?2)",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int64 (stmt, 2, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FamilyKey other = { 0, };
      gint64 other_id = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_contains (found, &other_id))
        continue;
      family_key_fill (&other, other_id, (const char *)sqlite3_column_text (stmt, 1),
                       (const char *)sqlite3_column_text (stmt, 2),
                       (const char *)sqlite3_column_text (stmt, 3),
                       (const char *)sqlite3_column_text (stmt, 4));
      for (guint i = 0; i < keys->len; i++)
        if (same_parent (&g_array_index (keys, FamilyKey, i), &other))
          {
            AttPupil *pupil = att_pupils_get (db, other_id);

            if (pupil != NULL && att_pupil_on_roll (pupil, as_of))
              {
                g_ptr_array_add (siblings, g_object_ref (pupil));
                g_hash_table_add (found, &pupil->id);
              }
            break;
          }
      family_key_clear (&other);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the contacts"));
      return NULL;
    }
  g_ptr_array_sort (siblings, compare_pupils);
  return g_steal_pointer (&siblings);
}
