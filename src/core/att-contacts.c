/* att-contacts.c: the people the office calls about a pupil
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-pupils-private.h"
#include "att-text.h"
#include "att-users.h"

G_DEFINE_BOXED_TYPE (AttContact, att_contact, att_contact_copy, att_contact_free)

AttContact *
att_contact_new (void)
{
  AttContact *contact = g_new0 (AttContact, 1);

  contact->priority = 1;
  return contact;
}

AttContact *
att_contact_copy (const AttContact *contact)
{
  AttContact *copy;

  g_return_val_if_fail (contact != NULL, NULL);

  copy = g_new0 (AttContact, 1);
  copy->id = contact->id;
  copy->pupil_id = contact->pupil_id;
  copy->priority = contact->priority;
  copy->title = g_strdup (contact->title);
  copy->forename = g_strdup (contact->forename);
  copy->surname = g_strdup (contact->surname);
  copy->relationship = g_strdup (contact->relationship);
  copy->parental_responsibility = contact->parental_responsibility;
  copy->lives_with = contact->lives_with;
  copy->receives_letters = contact->receives_letters;
  copy->phone_home = g_strdup (contact->phone_home);
  copy->phone_mobile = g_strdup (contact->phone_mobile);
  copy->phone_work = g_strdup (contact->phone_work);
  copy->email = g_strdup (contact->email);
  copy->address_1 = g_strdup (contact->address_1);
  copy->address_2 = g_strdup (contact->address_2);
  copy->town = g_strdup (contact->town);
  copy->postcode = g_strdup (contact->postcode);
  copy->details_checked = contact->details_checked;
  return copy;
}

void
att_contact_free (AttContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->title);
  g_free (contact->forename);
  g_free (contact->surname);
  g_free (contact->relationship);
  g_free (contact->phone_home);
  g_free (contact->phone_mobile);
  g_free (contact->phone_work);
  g_free (contact->email);
  g_free (contact->address_1);
  g_free (contact->address_2);
  g_free (contact->town);
  g_free (contact->postcode);
  g_free (contact);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

char *
att_contact_dup_name (const AttContact *contact)
{
  GString *name;
  const char *parts[3];

  g_return_val_if_fail (contact != NULL, NULL);

  parts[0] = contact->title;
  parts[1] = contact->forename;
  parts[2] = contact->surname;

  name = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *clean = NULL;

      if (is_blank (parts[i]))
        continue;
      clean = g_strstrip (g_strdup (parts[i]));
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, clean);
    }
  return g_string_free (name, FALSE);
}

gboolean
att_contact_check (const AttContact  *contact,
                   const char       **field,
                   GError           **error)
{
  const char *at = NULL;
  const struct {
    const char   *column;
    const char   *label;
    const char   *text;
    guint         max_chars;
  } texts[] = {
    { "title", _("Title"), contact->title, ATT_TEXT_SHORT_MAX },
    { "forename", _("Forename"), contact->forename, ATT_TEXT_NAME_MAX },
    { "surname", _("Surname"), contact->surname, ATT_TEXT_NAME_MAX },
    { "relationship", _("Relationship"), contact->relationship, ATT_TEXT_SHORT_MAX },
    { "phone_home", _("Home phone"), contact->phone_home, ATT_TEXT_SHORT_MAX },
    { "phone_mobile", _("Mobile phone"), contact->phone_mobile, ATT_TEXT_SHORT_MAX },
    { "phone_work", _("Work phone"), contact->phone_work, ATT_TEXT_SHORT_MAX },
    { "email", _("E-mail"), contact->email, ATT_TEXT_LINE_MAX },
    { "address_1", _("Address line 1"), contact->address_1, ATT_TEXT_LINE_MAX },
    { "address_2", _("Address line 2"), contact->address_2, ATT_TEXT_LINE_MAX },
    { "town", _("Town"), contact->town, ATT_TEXT_NAME_MAX },
    { "postcode", _("Postcode"), contact->postcode, ATT_TEXT_SHORT_MAX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!att_text_check (texts[i].label, texts[i].text, texts[i].max_chars,
                         ATT_TEXT_ONE_LINE, error))
      {
        at = texts[i].column;
        goto failed;
      }

  if (contact->priority < 1)
    {
      at = "priority";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Priority must be a whole number from 1 (called first)"));
      goto failed;
    }
  if (is_blank (contact->surname))
    {
      at = "surname";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Surname is empty"));
      goto failed;
    }
  if (is_blank (contact->relationship))
    {
      at = "relationship";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Relationship is empty: say who the contact is to the pupil (Mother, Grandfather, Carer, ...)"));
      goto failed;
    }
  if (!is_blank (contact->email))
    {
      const char *at_sign = strchr (contact->email, '@');

      /* Only the shape is checked: a name, an at sign and a domain. */
      if (at_sign == NULL || at_sign == contact->email || at_sign[1] == '\0' ||
          strchr (at_sign + 1, '@') != NULL || strchr (contact->email, ' ') != NULL)
        {
          at = "email";
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("“%s” is not an e-mail address"), contact->email);
          goto failed;
        }
    }
  return TRUE;

failed:
  if (field)
    *field = at;
  return FALSE;
}

gboolean
att_contact_validate (const AttContact  *contact,
                      GError           **error)
{
  g_return_val_if_fail (contact != NULL, FALSE);

  return att_contact_check (contact, NULL, error);
}

#define CONTACT_COLUMNS \
  "id, pupil_id, priority, title, forename, surname, relationship, " \
  "parental_responsibility, lives_with, receives_letters, phone_home, " \
  "phone_mobile, phone_work, email, address_1, address_2, town, postcode, " \
  "details_checked_date"

static gpointer
contact_from_row (sqlite3_stmt *stmt)
{
  AttContact *contact = g_new0 (AttContact, 1);

  contact->id = sqlite3_column_int64 (stmt, 0);
  contact->pupil_id = sqlite3_column_int64 (stmt, 1);
  contact->priority = sqlite3_column_int (stmt, 2);
  contact->title = att_db_column_dup (stmt, 3);
  contact->forename = att_db_column_dup (stmt, 4);
  contact->surname = att_db_column_dup (stmt, 5);
  contact->relationship = att_db_column_dup (stmt, 6);
  contact->parental_responsibility = sqlite3_column_int (stmt, 7) != 0;
  contact->lives_with = sqlite3_column_int (stmt, 8) != 0;
  contact->receives_letters = sqlite3_column_int (stmt, 9) != 0;
  contact->phone_home = att_db_column_dup (stmt, 10);
  contact->phone_mobile = att_db_column_dup (stmt, 11);
  contact->phone_work = att_db_column_dup (stmt, 12);
  contact->email = att_db_column_dup (stmt, 13);
  contact->address_1 = att_db_column_dup (stmt, 14);
  contact->address_2 = att_db_column_dup (stmt, 15);
  contact->town = att_db_column_dup (stmt, 16);
  contact->postcode = att_db_column_dup (stmt, 17);
  contact->details_checked = (AttDate)sqlite3_column_int64 (stmt, 18);
  return contact;
}

GPtrArray *
att_contacts_for_pupil (AttDb   *db,
                        gint64   pupil_id,
                        GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db,
                         "SELECT " CONTACT_COLUMNS " FROM contacts "
                         "WHERE pupil_id = ? ORDER BY priority, id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  return att_db_collect (db, stmt, contact_from_row, (GDestroyNotify)att_contact_free,
                         _("read the contacts"), error);
}

static void
tidy_text (char **text)
{
  char *clean = is_blank (*text) ? NULL : g_strstrip (g_strdup (*text));

  g_free (*text);
  *text = clean;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

/* Whether @a and @b hold the same details: who the contact is, how they
 * stand to the pupil, and how to reach them (the priority is only the
 * order of calling). */
static gboolean
same_details (const AttContact *a,
              const AttContact *b)
{
  return g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->forename, b->forename) == 0 &&
         g_strcmp0 (a->surname, b->surname) == 0 &&
         g_strcmp0 (a->relationship, b->relationship) == 0 &&
         !a->parental_responsibility == !b->parental_responsibility &&
         !a->lives_with == !b->lives_with &&
         !a->receives_letters == !b->receives_letters &&
         g_strcmp0 (a->phone_home, b->phone_home) == 0 &&
         g_strcmp0 (a->phone_mobile, b->phone_mobile) == 0 &&
         g_strcmp0 (a->phone_work, b->phone_work) == 0 &&
         g_strcmp0 (a->email, b->email) == 0 &&
         g_strcmp0 (a->address_1, b->address_1) == 0 &&
         g_strcmp0 (a->address_2, b->address_2) == 0 &&
         g_strcmp0 (a->town, b->town) == 0 &&
         g_strcmp0 (a->postcode, b->postcode) == 0;
}

/* The day the details of @contact, about to be saved, were last checked:
 * today for a new contact or changed details, else what the database
 * holds. */
static gboolean
checked_date_for (AttDb             *db,
                  const AttContact  *contact,
                  AttDate           *checked,
                  GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *checked = att_date_today ();
  if (contact->id == 0)
    return TRUE;
  stmt = att_db_prepare (db, "SELECT " CONTACT_COLUMNS " FROM contacts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(AttContact) stored = contact_from_row (stmt);

      if (same_details (stored, contact))
        *checked = stored->details_checked;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the contacts"));
      return FALSE;
    }
  return TRUE;
}

gint64
att_contacts_save (AttDb          *db,
                   const AttUser  *user,
                   AttContact     *contact,
                   GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AttPupil *pupil;
  sqlite3_stmt *stmt;
  gint64 id;
  AttDate checked = ATT_DATE_NONE;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);
  g_return_val_if_fail (contact != NULL, 0);

  if (!att_user_require (user, ATT_PERM_EDIT_PUPILS, error))
    return 0;

  tidy_text (&contact->title);
  tidy_text (&contact->forename);
  tidy_text (&contact->surname);
  tidy_text (&contact->relationship);
  tidy_text (&contact->phone_home);
  tidy_text (&contact->phone_mobile);
  tidy_text (&contact->phone_work);
  tidy_text (&contact->email);
  tidy_text (&contact->address_1);
  tidy_text (&contact->address_2);
  tidy_text (&contact->town);
  tidy_text (&contact->postcode);

  if (!att_contact_validate (contact, error))
    return 0;

  pupil = att_pupils_get_or_error (db, contact->pupil_id, error);
  if (pupil == NULL)
    return 0;

  name = att_contact_dup_name (contact);

  if (!att_db_begin (db, error))
    return 0;

  /* The office calls contacts in priority order, so two contacts of one
   * pupil never share a priority. */
  stmt = att_db_prepare (db,
                         "SELECT " CONTACT_COLUMNS " FROM contacts "
                         "WHERE pupil_id = ? AND priority = ? AND id != ?",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, contact->pupil_id);
  sqlite3_bind_int (stmt, 2, contact->priority);
  sqlite3_bind_int64 (stmt, 3, contact->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(AttContact) other = contact_from_row (stmt);
      g_autofree char *other_name = att_contact_dup_name (other);

      sqlite3_reset (stmt);
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("%s already has a contact with priority %d (%s): choose another priority"),
                   att_pupil_get_display_name (pupil), contact->priority, other_name);
      goto failed;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the contacts"));
      goto failed;
    }

  /* The audit log keeps the record as it was and as it becomes. */
  if (contact->id != 0 && !att_audit_snapshot (db, "contacts", contact->id, &before, error))
    goto failed;
  if (!checked_date_for (db, contact, &checked, error))
    goto failed;

  if (contact->id == 0)
    stmt = att_db_prepare (db,
                           "INSERT INTO contacts (pupil_id, priority, title, forename, "
                           "surname, relationship, parental_responsibility, lives_with, "
                           "receives_letters, phone_home, phone_mobile, phone_work, email, "
                           "address_1, address_2, town, postcode, details_checked_date) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                           "?13, ?14, ?15, ?16, ?17, ?19)",
                           error);
  else
    stmt = att_db_prepare (db,
                           "UPDATE contacts SET pupil_id = ?1, priority = ?2, title = ?3, "
                           "forename = ?4, surname = ?5, relationship = ?6, "
                           "parental_responsibility = ?7, lives_with = ?8, "
                           "receives_letters = ?9, phone_home = ?10, phone_mobile = ?11, "
                           "phone_work = ?12, email = ?13, address_1 = ?14, "
                           "address_2 = ?15, town = ?16, postcode = ?17, "
                           "details_checked_date = ?19 WHERE id = ?18",
                           error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, contact->pupil_id);
  sqlite3_bind_int (stmt, 2, contact->priority);
  bind_text_or_null (stmt, 3, contact->title);
  bind_text_or_null (stmt, 4, contact->forename);
  sqlite3_bind_text (stmt, 5, contact->surname, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, contact->relationship, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, contact->parental_responsibility ? 1 : 0);
  sqlite3_bind_int (stmt, 8, contact->lives_with ? 1 : 0);
  sqlite3_bind_int (stmt, 9, contact->receives_letters ? 1 : 0);
  bind_text_or_null (stmt, 10, contact->phone_home);
  bind_text_or_null (stmt, 11, contact->phone_mobile);
  bind_text_or_null (stmt, 12, contact->phone_work);
  bind_text_or_null (stmt, 13, contact->email);
  bind_text_or_null (stmt, 14, contact->address_1);
  bind_text_or_null (stmt, 15, contact->address_2);
  bind_text_or_null (stmt, 16, contact->town);
  bind_text_or_null (stmt, 17, contact->postcode);
  if (contact->id != 0)
    sqlite3_bind_int64 (stmt, 18, contact->id);
  if (checked != ATT_DATE_NONE)
    sqlite3_bind_int64 (stmt, 19, checked);
  else
    sqlite3_bind_null (stmt, 19);

  if (!att_db_step_done (db, stmt, error))
    goto failed;

  if (contact->id == 0)
    id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  else if (sqlite3_changes (att_db_get_handle (db)) == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("The contact %s is no longer in the database: nothing was saved"),
                   name);
      goto failed;
    }
  else
    id = contact->id;
  att_db_note_change (db, ATT_CHANGE_CONTACTS);

  detail = g_strdup_printf ("%s: %d %s (%s)", pupil->upn, contact->priority, name,
                            contact->relationship);
  if (!att_audit_snapshot (db, "contacts", id, &after, error) ||
      !att_audit_record (db, user, ATT_AUDIT_CONTACT, contact->pupil_id,
                         contact->id == 0 ? "contacts.add" : "contacts.update",
                         detail, before, after, error))
    goto failed;

  if (!att_db_commit (db, error))
    return 0;

  contact->id = id;
  contact->details_checked = checked;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

/* Reading one contact */

/* The contact @id as the database holds it, in *contact (owned); an
 * ATT_ERROR_NOT_FOUND when there is none, or when @pupil_id (unless 0)
 * is not its pupil. */
static gboolean
read_contact (AttDb       *db,
              gint64       pupil_id,
              gint64       id,
              AttContact **contact,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *contact = NULL;
  stmt = att_db_prepare (db, "SELECT " CONTACT_COLUMNS " FROM contacts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *contact = contact_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the contacts"));
      return FALSE;
    }
  if (*contact == NULL || (pupil_id != 0 && (*contact)->pupil_id != pupil_id))
    {
      AttPupil *pupil = pupil_id != 0 ? att_pupils_get (db, pupil_id) : NULL;

      g_clear_pointer (contact, att_contact_free);
      if (pupil != NULL)
        g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                     _("Contact %" G_GINT64_FORMAT " is not one of %s’s contacts: nothing was changed"),
                     id, att_pupil_get_display_name (pupil));
      else
        g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                     _("There is no contact %" G_GINT64_FORMAT ": nothing was changed"), id);
      return FALSE;
    }
  return TRUE;
}

/* Phone numbers and e-mail */

gboolean
att_contacts_save_numbers (AttDb             *db,
                           const AttUser     *user,
                           const AttContact  *contact,
                           GError           **error)
{
  g_autoptr(AttContact) stored = NULL;
  g_autoptr(AttContact) wanted = NULL;
  g_autoptr(AttContact) changed = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AttPupil *pupil;
  sqlite3_stmt *stmt;
  const char *kept = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (contact != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_EDIT_CONTACT_NUMBERS, error))
    return FALSE;
  if (!read_contact (db, 0, contact->id, &stored, error))
    return FALSE;

  wanted = att_contact_copy (contact);
  tidy_text (&wanted->title);
  tidy_text (&wanted->forename);
  tidy_text (&wanted->surname);
  tidy_text (&wanted->relationship);
  tidy_text (&wanted->phone_home);
  tidy_text (&wanted->phone_mobile);
  tidy_text (&wanted->phone_work);
  tidy_text (&wanted->email);
  tidy_text (&wanted->address_1);
  tidy_text (&wanted->address_2);
  tidy_text (&wanted->town);
  tidy_text (&wanted->postcode);

  /* Only the ways of reaching the contact change here: who they are, how
   * they stand to the pupil, where they live and when they are called
   * stay as an attendance officer or an administrator keeps them. */
  if (wanted->pupil_id != stored->pupil_id)
    kept = _("pupil");
  else if (wanted->priority != stored->priority)
    kept = _("priority");
  else if (g_strcmp0 (wanted->title, stored->title) != 0)
    kept = _("title");
  else if (g_strcmp0 (wanted->forename, stored->forename) != 0)
    kept = _("forename");
  else if (g_strcmp0 (wanted->surname, stored->surname) != 0)
    kept = _("surname");
  else if (g_strcmp0 (wanted->relationship, stored->relationship) != 0)
    kept = _("relationship");
  else if (!wanted->parental_responsibility != !stored->parental_responsibility)
    kept = _("parental responsibility");
  else if (!wanted->lives_with != !stored->lives_with)
    kept = _("lives with");
  else if (!wanted->receives_letters != !stored->receives_letters)
    kept = _("receives letters");
  else if (g_strcmp0 (wanted->address_1, stored->address_1) != 0 ||
           g_strcmp0 (wanted->address_2, stored->address_2) != 0 ||
           g_strcmp0 (wanted->town, stored->town) != 0 ||
           g_strcmp0 (wanted->postcode, stored->postcode) != 0)
    kept = _("address");
  name = att_contact_dup_name (stored);
  if (kept != NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                   /* Translators: the second %s is a field: "surname", "address", ... */
                   _("Only the phone numbers and e-mail address of %s change here, not the %s: an attendance officer or an administrator changes the rest"),
                   name, kept);
      return FALSE;
    }

  changed = att_contact_copy (stored);
  g_free (changed->phone_home);
  changed->phone_home = g_strdup (wanted->phone_home);
  g_free (changed->phone_mobile);
  changed->phone_mobile = g_strdup (wanted->phone_mobile);
  g_free (changed->phone_work);
  changed->phone_work = g_strdup (wanted->phone_work);
  g_free (changed->email);
  changed->email = g_strdup (wanted->email);
  if (!att_contact_validate (changed, error))
    return FALSE;
  if (same_details (stored, changed))
    return TRUE;

  pupil = att_pupils_get_or_error (db, stored->pupil_id, error);
  if (pupil == NULL)
    return FALSE;

  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_audit_snapshot (db, "contacts", stored->id, &before, error))
    goto failed;
  stmt = att_db_prepare (db,
                         "UPDATE contacts SET phone_home = ?1, phone_mobile = ?2, "
                         "phone_work = ?3, email = ?4, details_checked_date = ?5 "
                         "WHERE id = ?6",
                         error);
  if (stmt == NULL)
    goto failed;
  bind_text_or_null (stmt, 1, changed->phone_home);
  bind_text_or_null (stmt, 2, changed->phone_mobile);
  bind_text_or_null (stmt, 3, changed->phone_work);
  bind_text_or_null (stmt, 4, changed->email);
  sqlite3_bind_int64 (stmt, 5, att_date_today ());
  sqlite3_bind_int64 (stmt, 6, stored->id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_CONTACTS);

  detail = g_strdup_printf ("%s: %d %s (%s)", pupil->upn, stored->priority, name,
                            stored->relationship);
  if (!att_audit_snapshot (db, "contacts", stored->id, &after, error) ||
      !att_audit_record (db, user, ATT_AUDIT_CONTACT, stored->pupil_id, "contacts.numbers",
                         detail, before, after, error))
    goto failed;
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

/* The order of calling */

/* Moves the priorities of @pupil_id's contacts out of the way, above
 * every priority they hold, so that each can then be given its new one
 * without two sharing a priority for a moment (the table keeps them
 * unique row by row). */
static gboolean
lift_priorities (AttDb   *db,
                 gint64   pupil_id,
                 GError **error)
{
  sqlite3_stmt *stmt;
  gint64 highest = 0;

  stmt = att_db_prepare (db, "SELECT coalesce (max (priority), 0) FROM contacts WHERE pupil_id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  if (!att_db_query_int (db, stmt, &highest, _("read the contacts"), error))
    return FALSE;
  stmt = att_db_prepare (db, "UPDATE contacts SET priority = priority + ? WHERE pupil_id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, highest);
  sqlite3_bind_int64 (stmt, 2, pupil_id);
  return att_db_step_done (db, stmt, error);
}

static gboolean
set_priority (AttDb   *db,
              gint64   id,
              int      priority,
              GError **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db, "UPDATE contacts SET priority = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, priority);
  sqlite3_bind_int64 (stmt, 2, id);
  return att_db_step_done (db, stmt, error);
}

/* {"order":"1 Mrs Amina Khan (Mother), 2 Mr Idris Khan (Father)"}: the
 * calling order as it stands, for the audit log. */
static char *
order_json (GPtrArray *contacts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < contacts->len; i++)
    {
      AttContact *c = g_ptr_array_index (contacts, i);
      g_autofree char *name = att_contact_dup_name (c);

      g_string_append_printf (text, "%s%d %s (%s)", i > 0 ? ", " : "", c->priority, name,
                              c->relationship);
    }
  return att_audit_json_pair ("order", text->str);
}

gboolean
att_contacts_reorder (AttDb          *db,
                      const AttUser  *user,
                      gint64          pupil_id,
                      const gint64   *ids_in_order,
                      guint           n_ids,
                      GError        **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) reordered = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *detail = NULL;
  AttPupil *pupil;
  gboolean same = TRUE;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (ids_in_order != NULL || n_ids == 0, FALSE);

  if (!att_user_require (user, ATT_PERM_EDIT_PUPILS, error))
    return FALSE;
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return FALSE;

  if (!att_db_begin (db, error))
    return FALSE;
  contacts = att_contacts_for_pupil (db, pupil_id, error);
  if (contacts == NULL)
    goto failed;

  /* The new order names each of the pupil's contacts once, and no one
   * else: a list read before another change (a contact added or removed
   * since) is refused rather than half applied. */
  if (n_ids != contacts->len)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %u contact, and the new order names %u: name each contact once",
                                "%s has %u contacts, and the new order names %u: name each contact once",
                                contacts->len),
                   att_pupil_get_display_name (pupil), contacts->len, n_ids);
      goto failed;
    }
  reordered = g_ptr_array_new ();
  for (guint i = 0; i < n_ids; i++)
    {
      AttContact *found = NULL;

      for (guint j = 0; j < contacts->len && found == NULL; j++)
        if (((AttContact *)g_ptr_array_index (contacts, j))->id == ids_in_order[i])
          found = g_ptr_array_index (contacts, j);
      if (found == NULL)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("Contact %" G_GINT64_FORMAT " is not one of %s’s contacts: nothing was changed"),
                       ids_in_order[i], att_pupil_get_display_name (pupil));
          goto failed;
        }
      for (guint k = 0; k < i; k++)
        if (ids_in_order[k] == ids_in_order[i])
          {
            g_autofree char *name = att_contact_dup_name (found);

            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("The new order names %s twice: name each contact once"), name);
            goto failed;
          }
      g_ptr_array_add (reordered, found);
      if (found->priority != (int)i + 1)
        same = FALSE;
    }
  if (same)
    return att_db_commit (db, error);

  before = order_json (contacts);
  if (!lift_priorities (db, pupil_id, error))
    goto failed;
  for (guint i = 0; i < reordered->len; i++)
    {
      AttContact *c = g_ptr_array_index (reordered, i);

      if (!set_priority (db, c->id, i + 1, error))
        goto failed;
      c->priority = i + 1;
    }
  att_db_note_change (db, ATT_CHANGE_CONTACTS);

  after = order_json (reordered);
  detail = g_strdup_printf ("%s %s", pupil->upn, att_pupil_get_display_name (pupil));
  if (!att_audit_record (db, user, ATT_AUDIT_CONTACT, pupil_id, "contacts.reorder", detail,
                         before, after, error))
    goto failed;
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

/* Removing a contact */

gboolean
att_contacts_remove (AttDb          *db,
                     const AttUser  *user,
                     gint64          pupil_id,
                     gint64          contact_id,
                     GError        **error)
{
  g_autoptr(AttContact) stored = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *before = NULL;
  AttPupil *pupil;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_EDIT_PUPILS, error))
    return FALSE;
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return FALSE;

  if (!att_db_begin (db, error))
    return FALSE;
  if (!read_contact (db, pupil_id, contact_id, &stored, error) ||
      !att_audit_snapshot (db, "contacts", contact_id, &before, error))
    goto failed;

  /* What was done with the contact stays on file: the calls, attempts,
   * leave requests and penalty notices that named them keep their record
   * with the contact left blank (the schema's ON DELETE SET NULL), the
   * letters and notices keep the name they were addressed to, and the
   * audit row below keeps the whole contact as it was. A contact who must
   * no longer be called (a court order, a parent who moved away) is taken
   * off the calling list at once. */
  stmt = att_db_prepare (db, "DELETE FROM contacts WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;

  /* Those after them move up: the priorities stay 1, 2, 3, ... */
  rest = att_contacts_for_pupil (db, pupil_id, error);
  if (rest == NULL)
    goto failed;
  for (guint i = 0; i < rest->len; i++)
    if (((AttContact *)g_ptr_array_index (rest, i))->priority != (int)i + 1)
      {
        if (!lift_priorities (db, pupil_id, error))
          goto failed;
        for (guint j = 0; j < rest->len; j++)
          if (!set_priority (db, ((AttContact *)g_ptr_array_index (rest, j))->id, j + 1, error))
            goto failed;
        break;
      }
  att_db_note_change (db, ATT_CHANGE_CONTACTS);

  name = att_contact_dup_name (stored);
  detail = g_strdup_printf ("%s: %d %s (%s)", pupil->upn, stored->priority, name,
                            stored->relationship);
  if (!att_audit_record (db, user, ATT_AUDIT_CONTACT, pupil_id, "contacts.remove", detail,
                         before, NULL, error))
    goto failed;
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}
