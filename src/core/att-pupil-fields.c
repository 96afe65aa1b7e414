/* att-pupil-fields.c: one field of a pupil or a contact, set from text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-error.h"
#include "att-import.h"
#include "att-pupil-fields.h"
#include "att-pupils-private.h"

static const char * const pupil_fields[] = {
  "upn", "surname", "forename", "preferred_surname", "preferred_forename", "dob", "sex",
  "year_group", "reg_group", "admission_date", "fsm", "sen", "eal", "looked_after",
  "social_worker", "young_carer", "medical_note", NULL,
};

static const char * const contact_fields[] = {
  "priority", "title", "forename", "surname", "relationship", "parental_responsibility",
  "lives_with", "receives_letters", "phone_home", "phone_mobile", "phone_work", "email",
  "address_1", "address_2", "town", "postcode", NULL,
};

const char * const *
att_pupil_field_names (void)
{
  return pupil_fields;
}

const char * const *
att_contact_field_names (void)
{
  return contact_fields;
}

static void
set_text (char       **field,
          const char  *value)
{
  g_autofree char *clean = g_strstrip (g_strdup (value));

  g_free (*field);
  *field = *clean != '\0' ? g_steal_pointer (&clean) : NULL;
}

static gboolean
read_bool (const char  *name,
           const char  *value,
           gboolean    *out,
           GError     **error)
{
  gboolean parsed = FALSE;

  if (*value != '\0' && !att_parse_bool (value, &parsed))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s: “%s” is not yes or no: write Y or N (1/0, yes/no and true/false work too)"),
                   name, value);
      return FALSE;
    }
  *out = parsed;
  return TRUE;
}

static gboolean
read_date (const char  *name,
           const char  *value,
           AttDate     *out,
           GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *text = g_strstrip (g_strdup (value));
  AttDate date;

  value = text;
  /* Cleared: whether the record may be without it is for the record's
   * checks to say ("Date of birth is missing"). */
  if (*value == '\0')
    {
      *out = ATT_DATE_NONE;
      return TRUE;
    }
  date = att_date_parse (value, &local);
  if (date == ATT_DATE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, "%s: %s", name, local->message);
      return FALSE;
    }
  *out = date;
  return TRUE;
}

static gboolean
unknown_field (const char          *name,
               const char * const  *known,
               GError             **error)
{
  g_autofree char *list = g_strjoinv (", ", (char **)known);

  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a field that can be set here: use one of %s"), name, list);
  return FALSE;
}

gboolean
att_pupil_set_field (AttPupil    *pupil,
                     const char  *name,
                     const char  *value,
                     GError     **error)
{
  g_return_val_if_fail (ATT_IS_PUPIL (pupil), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (strcmp (name, "upn") == 0)
    {
      g_autofree char *upn = g_ascii_strup (value, -1);

      set_text (&pupil->upn, upn);
    }
  else if (strcmp (name, "surname") == 0)
    set_text (&pupil->legal_surname, value);
  else if (strcmp (name, "forename") == 0)
    set_text (&pupil->legal_forename, value);
  else if (strcmp (name, "preferred_surname") == 0)
    set_text (&pupil->preferred_surname, value);
  else if (strcmp (name, "preferred_forename") == 0)
    set_text (&pupil->preferred_forename, value);
  else if (strcmp (name, "reg_group") == 0)
    set_text (&pupil->reg_group, value);
  else if (strcmp (name, "medical_note") == 0)
    set_text (&pupil->medical_note, value);
  else if (strcmp (name, "dob") == 0)
    return read_date (name, value, &pupil->dob, error);
  else if (strcmp (name, "admission_date") == 0)
    return read_date (name, value, &pupil->admission, error);
  else if (strcmp (name, "sex") == 0)
    {
      if (g_ascii_strcasecmp (value, "M") == 0 || g_ascii_strcasecmp (value, "male") == 0)
        pupil->sex = 'M';
      else if (g_ascii_strcasecmp (value, "F") == 0 || g_ascii_strcasecmp (value, "female") == 0)
        pupil->sex = 'F';
      else
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("sex: “%s” is not a sex: write M or F"), value);
          return FALSE;
        }
    }
  else if (strcmp (name, "year_group") == 0)
    {
      g_autoptr(GError) local = NULL;
      int year;

      if (!att_year_group_parse (value, &year, &local))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, "year_group: %s", local->message);
          return FALSE;
        }
      pupil->year_group = year;
    }
  else if (strcmp (name, "sen") == 0)
    {
      if (*value == '\0' || g_ascii_strcasecmp (value, "N") == 0)
        pupil->sen = ATT_SEN_NONE;
      else if (g_ascii_strcasecmp (value, "K") == 0)
        pupil->sen = ATT_SEN_SUPPORT;
      else if (g_ascii_strcasecmp (value, "E") == 0)
        pupil->sen = ATT_SEN_EHCP;
      else
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("sen: “%s” is not an SEN status: write N (none), K (SEN support) or E (EHC plan)"),
                       value);
          return FALSE;
        }
    }
  else if (strcmp (name, "fsm") == 0)
    return read_bool (name, value, &pupil->fsm, error);
  else if (strcmp (name, "eal") == 0)
    return read_bool (name, value, &pupil->eal, error);
  else if (strcmp (name, "looked_after") == 0)
    return read_bool (name, value, &pupil->looked_after, error);
  else if (strcmp (name, "social_worker") == 0)
    return read_bool (name, value, &pupil->social_worker, error);
  else if (strcmp (name, "young_carer") == 0)
    return read_bool (name, value, &pupil->young_carer, error);
  else if (strcmp (name, "leaving_date") == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("leaving_date: a leaver is recorded with their destination (pupils leave UPN DATE --destination TEXT)"));
      return FALSE;
    }
  else
    return unknown_field (name, pupil_fields, error);
  return TRUE;
}

gboolean
att_contact_field_is_number (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return strcmp (name, "phone_home") == 0 || strcmp (name, "phone_mobile") == 0 ||
         strcmp (name, "phone_work") == 0 || strcmp (name, "email") == 0;
}

gboolean
att_contact_set_field (AttContact  *contact,
                       const char  *name,
                       const char  *value,
                       GError     **error)
{
  struct { const char *name; char **field; } texts[] = {
    { "title", &contact->title },
    { "forename", &contact->forename },
    { "surname", &contact->surname },
    { "relationship", &contact->relationship },
    { "phone_home", &contact->phone_home },
    { "phone_mobile", &contact->phone_mobile },
    { "phone_work", &contact->phone_work },
    { "email", &contact->email },
    { "address_1", &contact->address_1 },
    { "address_2", &contact->address_2 },
    { "town", &contact->town },
    { "postcode", &contact->postcode },
  };

  g_return_val_if_fail (contact != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (strcmp (name, texts[i].name) == 0)
      {
        set_text (texts[i].field, value);
        return TRUE;
      }

  if (strcmp (name, "priority") == 0)
    {
      guint64 priority;

      if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT, &priority, NULL))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("priority: “%s” is not a whole number from 1 (called first)"), value);
          return FALSE;
        }
      contact->priority = (int)priority;
      return TRUE;
    }
  if (strcmp (name, "parental_responsibility") == 0)
    return read_bool (name, value, &contact->parental_responsibility, error);
  if (strcmp (name, "lives_with") == 0)
    return read_bool (name, value, &contact->lives_with, error);
  if (strcmp (name, "receives_letters") == 0)
    return read_bool (name, value, &contact->receives_letters, error);
  return unknown_field (name, contact_fields, error);
}

gboolean
att_pupil_validate_at (AttDb        *db,
                       AttPupil     *pupil,
                       const char  **field,
                       GError      **error)
{
  g_return_val_if_fail (ATT_IS_PUPIL (pupil), FALSE);

  if (!att_pupil_check (pupil, field, error))
    return FALSE;
  return db == NULL || att_pupil_check_roll (db, pupil, field, error);
}

gboolean
att_contact_validate_at (const AttContact  *contact,
                         const char       **field,
                         GError           **error)
{
  g_return_val_if_fail (contact != NULL, FALSE);

  return att_contact_check (contact, field, error);
}
