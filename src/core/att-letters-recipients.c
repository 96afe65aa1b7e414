/* att-letters-recipients.c: who receives a pupil's letters, and the data check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-error.h"
#include "att-letters.h"

void
att_letter_recipient_free (AttLetterRecipient *recipient)
{
  if (recipient == NULL)
    return;
  g_clear_pointer (&recipient->contacts, g_ptr_array_unref);
  g_free (recipient->addressee);
  g_free (recipient->title);
  g_free (recipient->salutation);
  g_strfreev (recipient->address);
  g_free (recipient->email);
  g_free (recipient->mobile);
  g_free (recipient);
}

void
att_letter_problem_free (AttLetterProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static gboolean
filled (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;
  return FALSE;
}

/* Those who are sent letters at all. */
static gboolean
receives (const AttContact *contact)
{
  return contact->parental_responsibility && contact->receives_letters;
}

/* A letter needs a first line and a postcode to reach anyone. */
static gboolean
has_address (const AttContact *contact)
{
  return filled (contact->address_1) && filled (contact->postcode);
}

/* The address compared without case, spaces or punctuation, so that
 * "12 Mill Lane" and "12, mill lane" at "MB4 2QT" and "mb42qt" are one. */
static char *
address_key (const AttContact *contact)
{
  g_autofree char *text = g_strconcat (contact->address_1, "|", contact->postcode, NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '|')
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* "Mrs Khan" when there is a title, else "Amina Khan". */
static char *
greeting_name (const AttContact *contact)
{
  if (filled (contact->title))
    return g_strdup_printf ("%s %s", contact->title, contact->surname);
  if (filled (contact->forename))
    return g_strdup_printf ("%s %s", contact->forename, contact->surname);
  return g_strdup (contact->surname);
}

/* "A", "A and B", "A, B and C" */
static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? _(" and ") : ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

static AttLetterRecipient *
recipient_new (GPtrArray *contacts)
{
  AttLetterRecipient *recipient = g_new0 (AttLetterRecipient, 1);
  const AttContact *first = g_ptr_array_index (contacts, 0);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) greetings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autofree char *greeting = NULL;
  gboolean one_surname = TRUE, all_titled = TRUE;

  recipient->contacts = contacts;
  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);

      g_ptr_array_add (names, att_contact_dup_name (contact));
      g_ptr_array_add (greetings, greeting_name (contact));
      if (filled (contact->title))
        g_ptr_array_add (titles, g_strstrip (g_strdup (contact->title)));
      else
        all_titled = FALSE;
      if (g_strcmp0 (contact->surname, first->surname) != 0)
        one_surname = FALSE;
    }
  recipient->addressee = join_names (names);
  recipient->title = join_names (titles);
  /* Parents who share a surname and both have titles are greeted
   * together: "Dear Mrs and Mr Khan". */
  if (contacts->len > 1 && one_surname && all_titled)
    greeting = g_strdup_printf ("%s %s", recipient->title, first->surname);
  else
    greeting = join_names (greetings);
  /* Translators: the greeting at the top of a letter, "Dear Mrs Khan" */
  recipient->salutation = g_strdup_printf (_("Dear %s"), greeting);

  g_ptr_array_add (lines, g_strdup (recipient->addressee));
  if (filled (first->address_1))
    g_ptr_array_add (lines, g_strstrip (g_strdup (first->address_1)));
  if (filled (first->address_2))
    g_ptr_array_add (lines, g_strstrip (g_strdup (first->address_2)));
  if (filled (first->town))
    g_ptr_array_add (lines, g_strstrip (g_strdup (first->town)));
  if (filled (first->postcode))
    {
      g_autofree char *postcode = g_strstrip (g_strdup (first->postcode));

      g_ptr_array_add (lines, g_ascii_strup (postcode, -1));
    }
  g_ptr_array_add (lines, NULL);
  recipient->address = (char **)g_ptr_array_free (g_steal_pointer (&lines), FALSE);

  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);

      if (recipient->email == NULL && filled (contact->email))
        recipient->email = g_strdup (contact->email);
      if (recipient->mobile == NULL && filled (contact->phone_mobile))
        recipient->mobile = g_strdup (contact->phone_mobile);
    }
  return recipient;
}

GPtrArray *
att_letter_recipients_from_contacts (GPtrArray *contacts)
{
  GPtrArray *recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_recipient_free);
  g_autoptr(GHashTable) by_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  g_return_val_if_fail (contacts != NULL, recipients);

  /* Contacts come in priority order, so each group (and the order of the
   * groups) follows its first contact's priority. */
  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);
      char *key;
      GPtrArray *group;

      if (!receives (contact) || !has_address (contact))
        continue;
      key = address_key (contact);
      group = g_hash_table_lookup (by_address, key);
      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func ((GDestroyNotify)att_contact_free);
          g_hash_table_insert (by_address, key, group);
          g_ptr_array_add (groups, group);
        }
      else
        g_free (key);
      g_ptr_array_add (group, att_contact_copy (contact));
    }
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (recipients, recipient_new (g_ptr_array_index (groups, i)));
  return recipients;
}

static char *
email_key (const AttContact *contact)
{
  g_autofree char *email = g_strstrip (g_strdup (contact->email));

  return g_utf8_casefold (email, -1);
}

/* The postal address of each address where a contact who receives letters
 * has an e-mail address, to the first such e-mail address. */
static GHashTable *
emails_by_address (GPtrArray *contacts)
{
  GHashTable *emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);
      char *key;

      if (!receives (contact) || !has_address (contact) || !filled (contact->email))
        continue;
      key = address_key (contact);
      if (g_hash_table_contains (emails, key))
        g_free (key);
      else
        g_hash_table_insert (emails, key, email_key (contact));
    }
  return emails;
}

/* The message that reaches @contact: "address|postcode\ne-mail", or
 * NULL when none does. */
static char *
email_group_key (const AttContact *contact,
                 GHashTable       *emails)
{
  g_autofree char *address = has_address (contact) ? address_key (contact) : g_strdup ("");
  g_autofree char *email = NULL;

  if (filled (contact->email))
    email = email_key (contact);
  else if (*address != '\0' && g_hash_table_contains (emails, address))
    email = g_strdup (g_hash_table_lookup (emails, address));
  else
    return NULL;
  return g_strconcat (address, "\n", email, NULL);
}

GPtrArray *
att_letter_recipients_for_email_from_contacts (GPtrArray *contacts)
{
  GPtrArray *recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_recipient_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) emails = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  g_return_val_if_fail (contacts != NULL, recipients);

  emails = emails_by_address (contacts);
  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);
      char *key;
      GPtrArray *group;

      if (!receives (contact) || (key = email_group_key (contact, emails)) == NULL)
        continue;
      group = g_hash_table_lookup (by_key, key);
      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func ((GDestroyNotify)att_contact_free);
          g_hash_table_insert (by_key, key, group);
          g_ptr_array_add (groups, group);
        }
      else
        g_free (key);
      g_ptr_array_add (group, att_contact_copy (contact));
    }
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (recipients, recipient_new (g_ptr_array_index (groups, i)));
  return recipients;
}

GPtrArray *
att_letter_recipients_for_pupil_by (AttDb              *db,
                                    gint64              pupil_id,
                                    AttLetterDelivery   delivery,
                                    GError            **error)
{
  g_autoptr(GPtrArray) contacts = NULL;

  if (delivery != ATT_LETTER_EMAIL)
    return att_letter_recipients_for_pupil (db, pupil_id, error);
  if (att_pupils_get_or_error (db, pupil_id, error) == NULL)
    return NULL;
  contacts = att_contacts_for_pupil (db, pupil_id, error);
  if (contacts == NULL)
    return NULL;
  return att_letter_recipients_for_email_from_contacts (contacts);
}

GPtrArray *
att_letter_recipients_for_pupil (AttDb   *db,
                                 gint64   pupil_id,
                                 GError **error)
{
  g_autoptr(GPtrArray) contacts = NULL;

  if (att_pupils_get_or_error (db, pupil_id, error) == NULL)
    return NULL;
  contacts = att_contacts_for_pupil (db, pupil_id, error);
  if (contacts == NULL)
    return NULL;
  return att_letter_recipients_from_contacts (contacts);
}

void
att_letter_values_set_recipient (AttLetterValues          *values,
                                 const AttLetterRecipient *recipient)
{
  g_autofree char *postal = NULL;

  g_return_if_fail (values != NULL);
  g_return_if_fail (recipient != NULL);

  /* The postal lines only: the addressee has a field of its own. */
  postal = recipient->address[0] != NULL ? g_strjoinv ("\n", recipient->address + 1) : g_strdup ("");
  att_letter_values_set (values, "recipient.name", recipient->addressee);
  att_letter_values_set (values, "recipient.title", recipient->title);
  att_letter_values_set (values, "recipient.salutation", recipient->salutation);
  att_letter_values_set (values, "recipient.address", postal);
  att_letter_values_set (values, "recipient.email", recipient->email != NULL ? recipient->email : "");
}

static void
add_problem (GPtrArray            *problems,
             gint64                pupil_id,
             gint64                contact_id,
             AttLetterProblemKind  kind,
             char                 *message)
{
  AttLetterProblem *problem = g_new0 (AttLetterProblem, 1);

  problem->pupil_id = pupil_id;
  problem->contact_id = contact_id;
  problem->kind = kind;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

gboolean
att_letters_check_pupil (AttDb      *db,
                         gint64      pupil_id,
                         GPtrArray  *problems,
                         GError    **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  AttPupil *pupil;
  guint receiving = 0;

  g_return_val_if_fail (problems != NULL, FALSE);

  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return FALSE;
  contacts = att_contacts_for_pupil (db, pupil_id, error);
  if (contacts == NULL)
    return FALSE;

  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *name = NULL;

      if (!receives (contact))
        continue;
      receiving++;
      if (has_address (contact))
        continue;
      name = att_contact_dup_name (contact);
      add_problem (problems, pupil_id, contact->id, ATT_LETTER_PROBLEM_NO_ADDRESS,
                   g_strdup_printf (_("%s (%s): %s receives letters but has no postal address: "
                                      "add the first line and the postcode to the contact"),
                                    att_pupil_get_display_name (pupil), pupil->upn, name));
    }
  if (receiving == 0)
    add_problem (problems, pupil_id, 0, ATT_LETTER_PROBLEM_NO_RECIPIENT,
                 g_strdup_printf (_("%s (%s): no one with parental responsibility receives "
                                    "letters: tick “Receives letters” for a parent on the "
                                    "pupil’s contacts"),
                                  att_pupil_get_display_name (pupil), pupil->upn));
  return TRUE;
}

gboolean
att_letters_check_pupil_for (AttDb              *db,
                             gint64              pupil_id,
                             AttLetterDelivery   delivery,
                             GPtrArray          *problems,
                             GError            **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GHashTable) emails = NULL;
  g_autoptr(GPtrArray) unreached = g_ptr_array_new ();
  AttPupil *pupil;
  guint receiving = 0;

  g_return_val_if_fail (problems != NULL, FALSE);

  if (delivery != ATT_LETTER_EMAIL)
    return att_letters_check_pupil (db, pupil_id, problems, error);

  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return FALSE;
  contacts = att_contacts_for_pupil (db, pupil_id, error);
  if (contacts == NULL)
    return FALSE;

  emails = emails_by_address (contacts);
  for (guint i = 0; i < contacts->len; i++)
    {
      AttContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *key = NULL;

      if (!receives (contact))
        continue;
      receiving++;
      key = email_group_key (contact, emails);
      if (key == NULL)
        g_ptr_array_add (unreached, contact);
    }
  if (receiving == 0)
    add_problem (problems, pupil_id, 0, ATT_LETTER_PROBLEM_NO_RECIPIENT,
                 g_strdup_printf (_("%s (%s): no one with parental responsibility receives "
                                    "letters: tick “Receives letters” for a parent on the "
                                    "pupil’s contacts"),
                                  att_pupil_get_display_name (pupil), pupil->upn));
  else if (unreached->len == receiving)
    add_problem (problems, pupil_id, 0, ATT_LETTER_PROBLEM_NO_EMAIL,
                 g_strdup_printf (_("%s (%s): an e-mail is due but no parent who "
                                    "receives letters has an e-mail address: add "
                                    "one to the pupil’s contacts"),
                                  att_pupil_get_display_name (pupil), pupil->upn));
  else
    for (guint i = 0; i < unreached->len; i++)
      {
        const AttContact *contact = g_ptr_array_index (unreached, i);
        g_autofree char *name = att_contact_dup_name (contact);

        add_problem (problems, pupil_id, contact->id, ATT_LETTER_PROBLEM_NO_EMAIL,
                     g_strdup_printf (_("%s (%s): %s receives letters but has no e-mail address, "
                                        "and no one at the same address has one: add one to the "
                                        "contact, as this letter goes by e-mail"),
                                      att_pupil_get_display_name (pupil), pupil->upn, name));
      }
  return TRUE;
}
