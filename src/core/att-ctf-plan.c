/* att-ctf-plan.c: what a Common Transfer File would change, and writing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan compares the file with the database and writes nothing; the
 * office reads it, chooses the new pupils' admission date and applies it
 * in one transaction.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-contacts.h"
#include "att-ctf-private.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-pupils-private.h"

static void
change_free (AttCtfChange *change)
{
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

static void
contact_plan_free (AttCtfContactPlan *plan)
{
  g_free (plan->name);
  g_free (plan->relationship);
  g_free (plan->note);
  g_clear_pointer (&plan->changes, g_ptr_array_unref);
  g_clear_pointer ((AttContact **)&plan->contact, att_contact_free);
  g_free (plan);
}

static void
year_plan_free (AttCtfYearPlan *plan)
{
  g_clear_pointer (&plan->differences, g_ptr_array_unref);
  g_free (plan);
}

static void
pupil_plan_free (AttCtfPupilPlan *plan)
{
  g_free (plan->name);
  g_ptr_array_unref (plan->changes);
  g_ptr_array_unref (plan->contacts);
  g_ptr_array_unref (plan->years);
  g_ptr_array_unref (plan->notices);
  g_ptr_array_unref (plan->problems);
  g_clear_object ((AttPupil **)&plan->record);
  g_free (plan);
}

void
att_ctf_plan_free (AttCtfPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->pupils, g_ptr_array_unref);
  g_clear_pointer (&plan->file, att_ctf_file_free);
  g_free (plan->path);
  g_free (plan);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static void
add_change (GPtrArray  *changes,
            const char *field,
            const char *label,
            const char *old_value,
            const char *new_value)
{
  AttCtfChange *change;

  if (g_strcmp0 (or_empty (old_value), or_empty (new_value)) == 0)
    return;
  change = g_new0 (AttCtfChange, 1);
  change->field = field;
  change->label = label;
  change->old_value = g_strdup (or_empty (old_value));
  change->new_value = g_strdup (or_empty (new_value));
  g_ptr_array_add (changes, change);
}

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

static char *
year_text (int year)
{
  return year == ATT_YEAR_RECEPTION ? g_strdup ("R") : g_strdup_printf ("%d", year);
}

/* The pupil's fields that differ between @old and @new. */
static void
pupil_changes (GPtrArray *changes,
               AttPupil  *old,
               AttPupil  *new)
{
  char old_sex[2] = { old->sex, '\0' }, new_sex[2] = { new->sex, '\0' };
  g_autofree char *old_dob = att_date_format (old->dob);
  g_autofree char *new_dob = att_date_format (new->dob);
  g_autofree char *old_year = year_text (old->year_group);
  g_autofree char *new_year = year_text (new->year_group);

  add_change (changes, "surname", _("Surname"), old->legal_surname, new->legal_surname);
  add_change (changes, "forename", _("Forename"), old->legal_forename, new->legal_forename);
  add_change (changes, "preferred_surname", _("Preferred surname"),
              old->preferred_surname, new->preferred_surname);
  add_change (changes, "preferred_forename", _("Preferred forename"),
              old->preferred_forename, new->preferred_forename);
  add_change (changes, "dob", _("Date of birth"), old_dob, new_dob);
  add_change (changes, "sex", _("Sex"), old_sex, new_sex);
  add_change (changes, "year_group", _("Year group"), old_year, new_year);
  add_change (changes, "reg_group", _("Registration group"), old->reg_group, new->reg_group);
  add_change (changes, "fsm", _("Free school meals"), yes_no (old->fsm), yes_no (new->fsm));
  add_change (changes, "sen", _("SEN"), att_sen_to_string (old->sen), att_sen_to_string (new->sen));
  add_change (changes, "looked_after", _("Looked after"), yes_no (old->looked_after),
              yes_no (new->looked_after));
  add_change (changes, "eal", _("English as an additional language"), yes_no (old->eal),
              yes_no (new->eal));
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* What the file says of the pupil, over @record (a new pupil, or a copy
 * of the one held: what the file does not say is kept). */
static void
apply_file_to_pupil (AttCtfPupilPlan   *plan,
                     const AttCtfPupil *in,
                     AttPupil          *record,
                     gboolean           is_new)
{
  set_text (&record->upn, in->upn);
  set_text (&record->legal_surname, in->surname);
  set_text (&record->legal_forename, in->forename);
  if (is_new || in->preferred_surname != NULL)
    set_text (&record->preferred_surname, in->preferred_surname);
  if (is_new || in->preferred_forename != NULL)
    set_text (&record->preferred_forename, in->preferred_forename);
  record->dob = in->dob;
  record->sex = in->sex;
  if (in->year_group >= 0)
    record->year_group = in->year_group;
  if (in->reg_group != NULL)
    set_text (&record->reg_group, in->reg_group);
  if (in->fsm >= 0)
    record->fsm = in->fsm;
  if (in->sen != 0)
    record->sen = (AttSen)in->sen;
  else if (is_new)
    record->sen = ATT_SEN_NONE;
  if (in->looked_after >= 0)
    record->looked_after = in->looked_after;
  if (in->eal >= 0)
    record->eal = in->eal;

  if (is_new && in->year_group < 0)
    g_ptr_array_add (plan->problems,
                     g_strdup_printf (_("<NCyearActual>: a new pupil needs a year group, which the file does not give")));
  if (is_new && record->reg_group == NULL && in->year_group >= 0)
    {
      /* The DfE's file carries no registration group: the new pupil is
       * put in one named after the year until the office places them. */
      record->reg_group = in->year_group == ATT_YEAR_RECEPTION ? g_strdup (_("Reception"))
                                                               : g_strdup_printf (_("Year %d"), in->year_group);
      g_ptr_array_add (plan->notices,
                       g_strdup_printf (_("the file gives no registration group: the pupil is put in “%s” until you place them"),
                                        record->reg_group));
    }
}

/* The digits of a telephone number, 44 at the start read as 0. */
static char *
phone_digits (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (g_str_has_prefix (digits->str, "44"))
    {
      g_string_erase (digits, 0, 2);
      if (digits->str[0] != '0')
        g_string_prepend_c (digits, '0');
    }
  return g_string_free (digits, FALSE);
}

static gboolean
phone_in (const char       *phone,
          const AttContact *contact)
{
  g_autofree char *digits = phone_digits (phone);
  const char *theirs[] = { contact->phone_home, contact->phone_mobile, contact->phone_work };

  if (strlen (digits) < 6)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (theirs); i++)
    {
      g_autofree char *other = phone_digits (theirs[i]);

      if (strcmp (digits, other) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
same_name (const AttCtfContact *in,
           const AttContact    *contact)
{
  g_autofree char *a1 = att_name_fold (or_empty (in->forename));
  g_autofree char *a2 = att_name_fold (or_empty (contact->forename));
  g_autofree char *b1 = att_name_fold (or_empty (in->surname));
  g_autofree char *b2 = att_name_fold (or_empty (contact->surname));

  return strcmp (a1, a2) == 0 && strcmp (b1, b2) == 0;
}

/* The same person: the same name AND a telephone number or an e-mail
 * address in common. A name alone never makes two contacts one. */
static gboolean
same_person (const AttCtfContact *in,
             const AttContact    *contact)
{
  if (!same_name (in, contact))
    return FALSE;
  if (in->email != NULL && contact->email != NULL &&
      g_ascii_strcasecmp (in->email, contact->email) == 0)
    return TRUE;
  return phone_in (in->phone_home, contact) || phone_in (in->phone_mobile, contact) ||
         phone_in (in->phone_work, contact);
}

static void
apply_file_to_contact (const AttCtfPupil   *pupil,
                       const AttCtfContact *in,
                       AttContact          *contact,
                       gboolean             is_new)
{
  const AttCtfAddress *address = in->address_as_pupil ? &pupil->address : &in->address;

  if (in->title != NULL)
    set_text (&contact->title, in->title);
  set_text (&contact->forename, in->forename);
  set_text (&contact->surname, in->surname);
  if (in->relationship != NULL)
    set_text (&contact->relationship, in->relationship);
  else if (is_new)
    set_text (&contact->relationship, _("Other contact"));
  contact->parental_responsibility = in->responsibility;
  if (is_new)
    {
      contact->receives_letters = in->responsibility;
      contact->lives_with = in->address_as_pupil;
    }
  else if (in->address_as_pupil)
    contact->lives_with = TRUE;
  if (in->phone_home != NULL)
    set_text (&contact->phone_home, in->phone_home);
  if (in->phone_mobile != NULL)
    set_text (&contact->phone_mobile, in->phone_mobile);
  if (in->phone_work != NULL)
    set_text (&contact->phone_work, in->phone_work);
  if (in->email != NULL)
    set_text (&contact->email, in->email);
  if (address->line_1 != NULL || address->postcode != NULL)
    {
      set_text (&contact->address_1, address->line_1);
      set_text (&contact->address_2, address->line_2);
      set_text (&contact->town, address->town);
      set_text (&contact->postcode, address->postcode);
    }
}

static GPtrArray *
contact_changes (const AttContact *old,
                 const AttContact *new)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify)change_free);

  add_change (changes, "title", _("Title"), old->title, new->title);
  add_change (changes, "relationship", _("Relationship"), old->relationship, new->relationship);
  add_change (changes, "parental_responsibility", _("Parental responsibility"),
              yes_no (old->parental_responsibility), yes_no (new->parental_responsibility));
  add_change (changes, "lives_with", _("Lives with the pupil"), yes_no (old->lives_with),
              yes_no (new->lives_with));
  add_change (changes, "phone_home", _("Home phone"), old->phone_home, new->phone_home);
  add_change (changes, "phone_mobile", _("Mobile"), old->phone_mobile, new->phone_mobile);
  add_change (changes, "phone_work", _("Work phone"), old->phone_work, new->phone_work);
  add_change (changes, "email", _("E-mail"), old->email, new->email);
  add_change (changes, "address_1", _("Address"), old->address_1, new->address_1);
  add_change (changes, "address_2", _("Address line 2"), old->address_2, new->address_2);
  add_change (changes, "town", _("Town"), old->town, new->town);
  add_change (changes, "postcode", _("Postcode"), old->postcode, new->postcode);
  return changes;
}

static gboolean
priority_used (GArray *used,
               int     priority)
{
  for (guint i = 0; i < used->len; i++)
    if (g_array_index (used, int, i) == priority)
      return TRUE;
  return FALSE;
}

static int
free_priority (GArray *used,
               int     wanted)
{
  int priority = wanted;

  if (priority < 1 || priority_used (used, priority))
    {
      priority = 1;
      for (guint i = 0; i < used->len; i++)
        priority = MAX (priority, g_array_index (used, int, i) + 1);
    }
  g_array_append_val (used, priority);
  return priority;
}

static gboolean
plan_contacts (AttDb             *db,
               AttCtfPupilPlan   *plan,
               AttCtfPlan        *whole,
               GError           **error)
{
  const AttCtfPupil *pupil = plan->pupil;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);

  if (plan->pupil_id != 0)
    {
      held = att_contacts_for_pupil (db, plan->pupil_id, error);
      if (held == NULL)
        return FALSE;
      for (guint i = 0; i < held->len; i++)
        {
          AttContact *contact = g_ptr_array_index (held, i);
          g_array_append_val (used, contact->priority);
        }
    }

  for (guint i = 0; i < pupil->contacts->len; i++)
    {
      const AttCtfContact *in = g_ptr_array_index (pupil->contacts, i);
      g_autoptr(AttContact) record = NULL;
      AttCtfContactPlan *out;
      AttContact *match = NULL;
      AttContact *namesake = NULL;
      g_autoptr(GError) local = NULL;
      const char *field = NULL;

      if (in->surname == NULL)
        {
          g_ptr_array_add (plan->notices,
                           g_strdup_printf (_("the contact on line %u has no surname and was not imported"),
                                            in->line));
          continue;
        }

      for (guint j = 0; held != NULL && j < held->len; j++)
        {
          AttContact *contact = g_ptr_array_index (held, j);

          if (g_hash_table_contains (matched, contact))
            continue;
          if (same_person (in, contact))
            {
              match = contact;
              break;
            }
          if (namesake == NULL && same_name (in, contact))
            namesake = contact;
        }

      out = g_new0 (AttCtfContactPlan, 1);
      if (match != NULL)
        {
          g_hash_table_add (matched, match);
          record = att_contact_copy (match);
          apply_file_to_contact (pupil, in, record, FALSE);
          out->changes = contact_changes (match, record);
          out->status = out->changes->len > 0 ? ATT_CTF_CONTACT_CHANGED : ATT_CTF_CONTACT_UNCHANGED;
        }
      else
        {
          record = att_contact_new ();
          apply_file_to_contact (pupil, in, record, TRUE);
          record->pupil_id = plan->pupil_id;
          record->priority = free_priority (used, in->order);
          out->status = ATT_CTF_CONTACT_ADDED;
          out->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)change_free);
          if (namesake != NULL)
            {
              g_autofree char *name = att_contact_dup_name (namesake);

              out->note = g_strdup_printf (_("%s (priority %d) has the same name but no telephone number or e-mail address in common: added as a new contact, not merged; remove the old one if they are the same person"),
                                           name, namesake->priority);
            }
        }
      out->name = att_contact_dup_name (record);
      out->relationship = g_strdup (record->relationship);
      out->priority = record->priority;

      if (!att_contact_check (record, &field, &local))
        {
          g_ptr_array_add (plan->notices,
                           g_strdup_printf (_("contact %s was not imported: %s"), out->name, local->message));
          contact_plan_free (out);
          continue;
        }

      switch (out->status)
        {
        case ATT_CTF_CONTACT_ADDED:
          whole->n_contacts_added++;
          break;
        case ATT_CTF_CONTACT_CHANGED:
          whole->n_contacts_changed++;
          break;
        default:
          whole->n_contacts_unchanged++;
          break;
        }
      if (out->status != ATT_CTF_CONTACT_UNCHANGED)
        out->contact = g_steal_pointer (&record);
      g_ptr_array_add (plan->contacts, out);
    }
  return TRUE;
}

/* "2024/25 at Riverside Primary" */
static char *
year_label (const AttCtfYear *year)
{
  const char *school = year->school_name != NULL ? year->school_name : _("the previous school");

  if (year->year > 0)
    /* Translators: "2024/25 at Riverside Primary" */
    return g_strdup_printf (_("%d/%02d at %s"), year->year, (year->year + 1) % 100, school);
  return g_strdup_printf (_("attendance at %s"), school);
}

/* Weekdays from @from to @to inclusive. */
static guint
weekdays_between (AttDate from,
                  AttDate to)
{
  guint n = 0;

  for (AttDate day = from; day <= to; day++)
    if (att_date_weekday (day) <= 5)
      n++;
  return n;
}

/* What a year's marks string says beyond its totals: its length against
 * the weekdays of the previous school's year, and what was not read. */
static void
year_notices (AttCtfPupilPlan  *plan,
              const AttCtfFile *file,
              const AttCtfYear *year)
{
  const AttCtfCounts *counts = &year->counts;
  g_autofree char *label = year_label (year);

  if (year->marks == NULL)
    return;
  if (year->start == ATT_DATE_NONE)
    {
      g_ptr_array_add (plan->notices,
                       g_strdup_printf (_("%s: the marks have no start date, so the days they belong to are not known"),
                                        label));
      return;
    }

  if (att_date_weekday (year->start) > 5)
    {
      g_autofree char *start = att_date_format (year->start);
      g_ptr_array_add (plan->notices,
                       g_strdup_printf (_("%s: the marks start on %s, a weekend: they were read from the Monday after"),
                                        label, start));
    }
  if (year->year > 0 && att_date_school_year (year->start) != year->year)
    {
      g_autofree char *start = att_date_format (year->start);
      g_ptr_array_add (plan->notices,
                       g_strdup_printf (_("%s: the marks start on %s, which is not in that school year"),
                                        label, start));
    }

  if (counts->sessions > 0)
    {
      int y, m, d;
      AttDate end, limit;
      guint most;

      /* The string may run to the end of the school year (31 August), or
       * to the day the file was made when that is sooner. */
      att_date_to_ymd (year->start, &y, &m, &d);
      end = att_date_from_ymd (att_date_school_year (year->start) + 1, 8, 31);
      limit = file->made != ATT_DATE_NONE && file->made < end ? file->made : end;
      most = limit >= year->start ? 2 * weekdays_between (year->start, limit) : 0;
      if (counts->sessions > most)
        {
          g_autofree char *start = att_date_format (year->start);
          g_autofree char *last = att_date_format (limit);
          g_ptr_array_add (plan->notices,
                           g_strdup_printf (_("%s: the marks hold %u sessions, more than the %u weekday sessions from %s to %s: they may count weekends too, so their days are doubtful"),
                                            label, counts->sessions, most, start, last));
        }
      if (counts->sessions % 2 == 1)
        g_ptr_array_add (plan->notices,
                         g_strdup_printf (_("%s: the marks end after a morning (%u sessions)"),
                                          label, counts->sessions));
    }
  if (counts->unknown > 0)
    g_ptr_array_add (plan->notices,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u session holds a character that is no attendance code (%s): it is counted in no total",
                                                   "%s: %u sessions hold characters that are no attendance code (%s): they are counted in no total",
                                                   counts->unknown),
                                      label, counts->unknown, counts->unknown_text));
  if (counts->retired > 0)
    g_ptr_array_add (plan->notices,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u session holds a code withdrawn in 2024 (H, F, J or Y)",
                                                   "%s: %u sessions hold codes withdrawn in 2024 (H, F, J or Y)",
                                                   counts->retired),
                                      label, counts->retired));
}

static gboolean
plan_years (AttDb           *db,
            AttCtfPupilPlan *plan,
            AttCtfPlan      *whole,
            GError         **error)
{
  const AttCtfPupil *pupil = plan->pupil;
  g_autoptr(GPtrArray) held = NULL;

  if (plan->pupil_id != 0)
    {
      held = att_previous_attendance_for_pupil (db, plan->pupil_id, error);
      if (held == NULL)
        return FALSE;
    }

  for (guint i = 0; i < pupil->years->len; i++)
    {
      const AttCtfYear *year = g_ptr_array_index (pupil->years, i);
      AttCtfYearPlan *out = g_new0 (AttCtfYearPlan, 1);
      gboolean counted = year->marks != NULL;

      out->year = year;
      out->differences = _att_ctf_differences (year->possible, year->attended, year->authorised,
                                               year->unauthorised,
                                               counted ? (int)year->counts.possible : -1,
                                               counted ? (int)year->counts.attended : -1,
                                               counted ? (int)year->counts.authorised : -1,
                                               counted ? (int)year->counts.unauthorised : -1);
      for (guint j = 0; held != NULL && j < held->len; j++)
        out->held |= _att_ctf_year_is_held (g_ptr_array_index (held, j), year);
      if (out->held)
        whole->n_years_held++;
      else
        whole->n_years++;
      year_notices (plan, whole->file, year);
      g_ptr_array_add (plan->years, out);
    }
  return TRUE;
}

static gboolean
plan_pupil (AttDb             *db,
            AttCtfPlan        *whole,
            const AttCtfPupil *pupil,
            GHashTable        *upns,
            GError           **error)
{
  AttCtfPupilPlan *plan = g_new0 (AttCtfPupilPlan, 1);
  g_autoptr(AttPupil) record = NULL;
  g_autoptr(GError) local = NULL;
  AttPupil *existing = NULL;
  const char *field = NULL;

  plan->pupil = pupil;
  plan->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)change_free);
  plan->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify)contact_plan_free);
  plan->years = g_ptr_array_new_with_free_func ((GDestroyNotify)year_plan_free);
  plan->notices = g_ptr_array_new_with_free_func (g_free);
  plan->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (whole->pupils, plan);
  plan->name = g_strdup_printf ("%s %s", or_empty (pupil->preferred_forename ? pupil->preferred_forename
                                                                            : pupil->forename),
                                or_empty (pupil->preferred_surname ? pupil->preferred_surname
                                                                   : pupil->surname));

  for (guint i = 0; i < pupil->notices->len; i++)
    g_ptr_array_add (plan->notices, g_strdup (g_ptr_array_index (pupil->notices, i)));
  for (guint i = 0; i < pupil->problems->len; i++)
    g_ptr_array_add (plan->problems, g_strdup (g_ptr_array_index (pupil->problems, i)));

  if (pupil->upn != NULL)
    {
      gpointer first;

      if (g_hash_table_lookup_extended (upns, pupil->upn, NULL, &first))
        g_ptr_array_add (plan->problems,
                         g_strdup_printf (_("pupil %u (UPN %s), <UPN>: the same UPN is pupil %u’s too: each pupil once"),
                                          pupil->position, pupil->upn, GPOINTER_TO_UINT (first)));
      else
        g_hash_table_insert (upns, pupil->upn, GUINT_TO_POINTER (pupil->position));
    }

  if (plan->problems->len > 0)
    {
      plan->status = ATT_CTF_REFUSED;
      whole->n_refused++;
      return TRUE;
    }

  existing = att_pupils_find (db, pupil->upn);
  if (existing != NULL)
    {
      plan->pupil_id = existing->id;
      record = att_pupil_copy (existing);
      apply_file_to_pupil (plan, pupil, record, FALSE);
      pupil_changes (plan->changes, existing, record);
    }
  else
    {
      record = att_pupil_new ();
      apply_file_to_pupil (plan, pupil, record, TRUE);
      /* Checked with a stand-in admission date: the real one is the
       * caller's choice, made before the plan is applied. */
      record->admission = att_date_today ();
    }

  if (plan->problems->len == 0 && !att_pupil_check (record, &field, &local))
    g_ptr_array_add (plan->problems,
                     g_strdup_printf (_("pupil %u (UPN %s): %s"), pupil->position, pupil->upn, local->message));
  if (plan->problems->len > 0)
    {
      plan->status = ATT_CTF_REFUSED;
      whole->n_refused++;
      return TRUE;
    }
  if (existing == NULL)
    record->admission = ATT_DATE_NONE;

  att_pupil_update_names (record);
  g_free (plan->name);
  plan->name = g_strdup (att_pupil_get_display_name (record));
  plan->status = existing == NULL ? ATT_CTF_NEW
               : plan->changes->len > 0 ? ATT_CTF_UPDATED : ATT_CTF_UNCHANGED;
  plan->record = g_steal_pointer (&record);

  if (!plan_contacts (db, plan, whole, error) || !plan_years (db, plan, whole, error))
    return FALSE;

  switch (plan->status)
    {
    case ATT_CTF_NEW:
      whole->n_new++;
      break;
    case ATT_CTF_UPDATED:
      whole->n_updated++;
      break;
    default:
      whole->n_unchanged++;
      break;
    }
  return TRUE;
}

AttCtfPlan *
att_ctf_plan_new (AttDb       *db,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(AttCtfPlan) plan = NULL;
  g_autoptr(GHashTable) upns = NULL;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  plan = g_new0 (AttCtfPlan, 1);
  plan->path = g_strdup (path);
  plan->admission = ATT_DATE_NONE;
  plan->pupils = g_ptr_array_new_with_free_func ((GDestroyNotify)pupil_plan_free);
  plan->file = att_ctf_read_file (path, error);
  if (plan->file == NULL)
    return NULL;

  upns = g_hash_table_new (g_str_hash, g_str_equal);
  /* One snapshot of the database for the whole comparison. */
  begun = att_db_begin_read (db);
  for (guint i = 0; i < plan->file->pupils->len; i++)
    if (!plan_pupil (db, plan, g_ptr_array_index (plan->file->pupils, i), upns, error))
      {
        att_db_end_read (db, begun);
        g_prefix_error (error, _("%s: "), plan->file->name);
        return NULL;
      }
  att_db_end_read (db, begun);
  return g_steal_pointer (&plan);
}

void
att_ctf_plan_set_admission (AttCtfPlan *plan,
                            AttDate     admission)
{
  g_return_if_fail (plan != NULL);

  plan->admission = admission;
}

char *
att_ctf_plan_format_problems (AttCtfPlan *plan)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  g_return_val_if_fail (plan != NULL, NULL);

  for (guint i = 0; i < plan->pupils->len; i++)
    {
      AttCtfPupilPlan *pupil = g_ptr_array_index (plan->pupils, i);

      for (guint j = 0; j < pupil->problems->len; j++)
        g_ptr_array_add (all, g_ptr_array_index (pupil->problems, j));
    }
  if (all->len == 0)
    return NULL;
  g_ptr_array_add (all, NULL);
  return g_strjoinv ("; ", (char **)all->pdata);
}

static gboolean
apply_pupil (AttDb           *db,
             const AttUser   *user,
             AttCtfPlan      *whole,
             AttCtfPupilPlan *plan,
             GError         **error)
{
  g_autoptr(AttPupil) record = att_pupil_copy (plan->record);
  gint64 id = plan->pupil_id;

  if (plan->status == ATT_CTF_NEW)
    record->admission = whole->admission;
  if (plan->status == ATT_CTF_NEW || plan->status == ATT_CTF_UPDATED)
    {
      id = att_pupils_save (db, user, record, error);
      if (id == 0)
        return FALSE;
    }

  for (guint i = 0; i < plan->contacts->len; i++)
    {
      AttCtfContactPlan *contact_plan = g_ptr_array_index (plan->contacts, i);
      g_autoptr(AttContact) contact = NULL;

      if (contact_plan->contact == NULL)
        continue;
      contact = att_contact_copy (contact_plan->contact);
      contact->pupil_id = id;
      if (att_contacts_save (db, user, contact, error) == 0)
        {
          g_prefix_error (error, _("contact %s: "), contact_plan->name);
          return FALSE;
        }
    }

  for (guint i = 0; i < plan->years->len; i++)
    {
      AttCtfYearPlan *year_plan = g_ptr_array_index (plan->years, i);

      if (!year_plan->held &&
          !_att_ctf_insert_previous (db, user, id, year_plan->year, whole->file->name, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
att_ctf_plan_apply (AttDb          *db,
                    const AttUser  *user,
                    AttCtfPlan     *plan,
                    GError        **error)
{
  g_autofree char *problems = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_IMPORT, error))
    return FALSE;

  problems = att_ctf_plan_format_problems (plan);
  if (problems != NULL)
    {
      guint n = 0;

      for (guint i = 0; i < plan->pupils->len; i++)
        n += ((AttCtfPupilPlan *)g_ptr_array_index (plan->pupils, i))->problems->len;
      g_set_error (error, ATT_ERROR, ATT_ERROR_IMPORT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u problem, nothing was imported: %s",
                                "%s: %u problems, nothing was imported: %s", n),
                   plan->file->name, n, problems);
      return FALSE;
    }
  if (plan->n_new > 0 && plan->admission == ATT_DATE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: nothing was imported: choose the admission date of the %u new pupil (the day they join this school)",
                                "%s: nothing was imported: choose the admission date of the %u new pupils (the day they join this school)",
                                plan->n_new),
                   plan->file->name, plan->n_new);
      return FALSE;
    }

  if (!att_db_begin (db, error))
    return FALSE;

  for (guint i = 0; i < plan->pupils->len; i++)
    {
      AttCtfPupilPlan *pupil_plan = g_ptr_array_index (plan->pupils, i);

      if (!apply_pupil (db, user, plan, pupil_plan, error))
        {
          att_db_rollback (db);
          /* Translators: "ctf.xml: nothing was imported: pupil 2 (UPN ...) Amina Khan: ..." */
          g_prefix_error (error, _("%s: nothing was imported: pupil %u (UPN %s) %s: "),
                          plan->file->name, pupil_plan->pupil->position,
                          pupil_plan->pupil->upn, pupil_plan->name);
          return FALSE;
        }
    }

  summary = g_strdup_printf ("%s: %u pupils, %u added, %u updated, %u unchanged, "
                             "%u contacts added, %u changed, %u years of past attendance",
                             plan->file->name, plan->pupils->len, plan->n_new, plan->n_updated,
                             plan->n_unchanged, plan->n_contacts_added, plan->n_contacts_changed,
                             plan->n_years);
  if (!att_audit_log (db, user, "ctf.import", summary, error))
    {
      att_db_rollback (db);
      g_prefix_error (error, _("%s: nothing was imported: "), plan->file->name);
      return FALSE;
    }
  if (!att_db_commit (db, error))
    {
      g_prefix_error (error, _("%s: nothing was imported: "), plan->file->name);
      return FALSE;
    }
  return TRUE;
}
