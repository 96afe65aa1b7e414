/* att-ctf-parse.c: reading a Common Transfer File's XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GMarkup calls back for each element; a stack of frames says what each
 * open element is, so that a <Surname> is a pupil's or a contact's by the
 * frame it is in. An element this reader does not know is skipped whole
 * and kept as a notice; one it knows but the school keeps no record of
 * (ethnicity, assessments, ...) is skipped and named once for the file.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "att-ctf.h"
#include "att-error.h"
#include "att-pupils.h"

/* The most a CTF may be: far above a whole secondary school's file. */
#define CTF_MAX_BYTES (256 * 1024 * 1024)
/* Notices kept per pupil and for the file; the rest are counted. */
#define CTF_MAX_NOTICES 50

typedef enum
{
  F_NONE,
  F_ROOT,
  F_HEADER,
  F_SOURCE,
  F_PUPIL_DATA,
  F_PUPIL,         /* Pupil, and BasicDetails within it */
  F_LANGUAGES,
  F_LANGUAGE,
  F_FSM_HISTORY,
  F_FSM,
  F_IN_CARE,
  F_SEN_HISTORY,
  F_SEN,
  F_ADDRESS,
  F_BS7666,
  F_ADDRESS_LINES,
  F_PHONES,
  F_PHONE,
  F_EMAIL,         /* an Email that holds EmailAddress */
  F_CONTACTS,
  F_CONTACT,
  F_ATTENDANCE,
  F_YEAR,
  F_LEAF,
  F_SKIP,          /* everything inside is passed over */
} FrameKind;

typedef struct
{
  FrameKind kind;
  char     *name;
} Frame;

/* A child element known in a frame: what it opens. */
typedef struct
{
  FrameKind   parent;
  const char *name;
  FrameKind   kind;
} Child;

static const Child children[] = {
  { F_ROOT, "Header", F_HEADER },
  { F_ROOT, "CTFpupilData", F_PUPIL_DATA },
  { F_HEADER, "CTFversion", F_LEAF },
  { F_HEADER, "DateTime", F_LEAF },
  { F_HEADER, "SourceSchool", F_SOURCE },
  { F_SOURCE, "LEA", F_LEAF },
  { F_SOURCE, "Estab", F_LEAF },
  { F_SOURCE, "URN", F_LEAF },
  { F_SOURCE, "SchoolName", F_LEAF },
  { F_PUPIL_DATA, "Pupil", F_PUPIL },
  { F_PUPIL, "UPN", F_LEAF },
  { F_PUPIL, "Surname", F_LEAF },
  { F_PUPIL, "Forename", F_LEAF },
  { F_PUPIL, "DOB", F_LEAF },
  { F_PUPIL, "Sex", F_LEAF },
  { F_PUPIL, "Gender", F_LEAF },
  { F_PUPIL, "BasicDetails", F_PUPIL },
  { F_PUPIL, "PreferredSurname", F_LEAF },
  { F_PUPIL, "PreferredForename", F_LEAF },
  { F_PUPIL, "NCyearActual", F_LEAF },
  { F_PUPIL, "RegGroup", F_LEAF },
  { F_PUPIL, "RegistrationGroup", F_LEAF },
  { F_PUPIL, "Languages", F_LANGUAGES },
  { F_PUPIL, "FSMhistory", F_FSM_HISTORY },
  { F_PUPIL, "InCare", F_IN_CARE },
  { F_PUPIL, "LookedAfter", F_LEAF },
  { F_PUPIL, "SENhistory", F_SEN_HISTORY },
  { F_PUPIL, "Address", F_ADDRESS },
  { F_PUPIL, "Phones", F_PHONES },
  { F_PUPIL, "Email", F_LEAF },
  { F_PUPIL, "Contacts", F_CONTACTS },
  { F_PUPIL, "Attendance", F_ATTENDANCE },
  { F_LANGUAGES, "Type", F_LANGUAGE },
  { F_LANGUAGE, "LanguageType", F_LEAF },
  { F_LANGUAGE, "Language", F_LEAF },
  { F_FSM_HISTORY, "FSMinstance", F_FSM },
  { F_FSM, "FSMstartDate", F_LEAF },
  { F_FSM, "FSMendDate", F_LEAF },
  { F_IN_CARE, "InCareStatus", F_LEAF },
  { F_SEN_HISTORY, "SEN", F_SEN },
  { F_SEN, "StartDate", F_LEAF },
  { F_SEN, "SENprovision", F_LEAF },
  { F_ADDRESS, "BS7666Address", F_BS7666 },
  { F_ADDRESS, "AddressLines", F_ADDRESS_LINES },
  { F_ADDRESS, "PostCode", F_LEAF },
  { F_BS7666, "SAON", F_LEAF },
  { F_BS7666, "PAON", F_LEAF },
  { F_BS7666, "Street", F_LEAF },
  { F_BS7666, "Locality", F_LEAF },
  { F_BS7666, "Town", F_LEAF },
  { F_BS7666, "PostTown", F_LEAF },
  { F_ADDRESS_LINES, "AddressLine1", F_LEAF },
  { F_ADDRESS_LINES, "AddressLine2", F_LEAF },
  { F_ADDRESS_LINES, "AddressLine3", F_LEAF },
  { F_ADDRESS_LINES, "AddressLine4", F_LEAF },
  { F_ADDRESS_LINES, "AddressLine5", F_LEAF },
  { F_PHONES, "Phone", F_PHONE },
  { F_PHONE, "TelephoneType", F_LEAF },
  { F_PHONE, "PhoneNo", F_LEAF },
  { F_EMAIL, "EmailAddress", F_LEAF },
  { F_CONTACTS, "Contact", F_CONTACT },
  { F_CONTACT, "Order", F_LEAF },
  { F_CONTACT, "Title", F_LEAF },
  { F_CONTACT, "Forename", F_LEAF },
  { F_CONTACT, "Surname", F_LEAF },
  { F_CONTACT, "Relationship", F_LEAF },
  { F_CONTACT, "Responsibility", F_LEAF },
  { F_CONTACT, "Phones", F_PHONES },
  { F_CONTACT, "Email", F_LEAF },
  { F_CONTACT, "AddressAsPupil", F_LEAF },
  { F_CONTACT, "Address", F_ADDRESS },
  { F_ATTENDANCE, "YearData", F_YEAR },
  { F_YEAR, "Year", F_LEAF },
  { F_YEAR, "LEA", F_LEAF },
  { F_YEAR, "Estab", F_LEAF },
  { F_YEAR, "URN", F_LEAF },
  { F_YEAR, "SchoolName", F_LEAF },
  { F_YEAR, "SessionsPossible", F_LEAF },
  { F_YEAR, "SessionsAuthorised", F_LEAF },
  { F_YEAR, "SessionsAttended", F_LEAF },
  { F_YEAR, "SessionsUnauthorised", F_LEAF },
  { F_YEAR, "AttendanceStartDate", F_LEAF },
  { F_YEAR, "StartDate", F_LEAF },
  { F_YEAR, "AttendanceMarks", F_LEAF },
};

/* Elements of the CTF specification that the school keeps no record of:
 * skipped, and named once for the file. */
static const char * const not_kept[] = {
  "DocumentName", "DocumentQualifier", "DataDescriptor", "SupplierID", "DestSchool",
  "Suppinfo", "AcademicYear", "UniqueLearnerNumber", "UCI", "FormerUPN", "MiddleNames",
  "FormerSurname", "FormerForename", "Ethnicity", "EthnicitySource", "MedicalFlag",
  "Disabilities", "EnrolStatus", "ServiceChild", "ServiceChildren", "ModeOfTravel",
  "Assessments", "StageAssessments", "SchoolHistory", "NAWdetails", "FSMreviewDate",
  "UKcountry", "Religion", "Nationality", "CountryOfBirth", "AdoptedFromCare", "YSSA",
  "TopUpFunding", "PupilPremium", "Exclusions", "SENneeds", "SENunit",
  "ResourcedProvision", "InCareAuthority", "AdministrativeArea",
  "UniquePropertyReferenceNumber", "Zip", "Country", "Easting", "Northing", "Gender",
  "EmailType", "Admissions", "PartTime", "BoarderStatus", "LearnerSupport",
};

typedef struct
{
  AttCtfFile          *file;
  GArray              *frames;        /* Frame */
  GString             *text;
  GMarkupParseContext *context;
  gboolean             root_seen;
  GHashTable          *not_kept_seen; /* name -> NULL, in the order met */
  GPtrArray           *not_kept_order;
  guint                more_file_notices;

  AttCtfPupil         *pupil;
  AttCtfContact       *contact;
  AttCtfYear          *year;
  /* The element being read in a repeated group. */
  char                *phone_type;
  char                *phone_number;
  char                *language_type;
  char                *language;
  AttDate              fsm_start;
  AttDate              fsm_end;
  gboolean             fsm_open_seen;
  AttDate              sen_start;
  char                *sen_provision;
  AttDate              sen_latest;
  /* The address being read: its parts until it ends. */
  char                *saon, *paon, *street, *locality, *town, *post_town;
  char                *lines[5];
  char                *postcode;
  /* Raw values of the pupil, checked at its end. */
  char                *dob;
  char                *sex;
  char                *nc_year;
  char                *in_care;
  guint                pupil_more_notices;
} Reader;

static void
address_clear (AttCtfAddress *address)
{
  g_clear_pointer (&address->line_1, g_free);
  g_clear_pointer (&address->line_2, g_free);
  g_clear_pointer (&address->town, g_free);
  g_clear_pointer (&address->postcode, g_free);
}

static void
contact_free (AttCtfContact *contact)
{
  g_free (contact->title);
  g_free (contact->forename);
  g_free (contact->surname);
  g_free (contact->relationship);
  g_free (contact->relationship_code);
  g_free (contact->phone_home);
  g_free (contact->phone_mobile);
  g_free (contact->phone_work);
  g_free (contact->email);
  address_clear (&contact->address);
  g_free (contact);
}

static void
year_free (AttCtfYear *year)
{
  g_free (year->school_name);
  g_free (year->laestab);
  g_free (year->urn);
  g_free (year->marks);
  att_ctf_counts_clear (&year->counts);
  g_free (year);
}

static void
pupil_free (AttCtfPupil *pupil)
{
  g_free (pupil->upn);
  g_free (pupil->surname);
  g_free (pupil->forename);
  g_free (pupil->preferred_surname);
  g_free (pupil->preferred_forename);
  g_free (pupil->reg_group);
  address_clear (&pupil->address);
  g_free (pupil->phone_home);
  g_free (pupil->phone_mobile);
  g_free (pupil->phone_work);
  g_free (pupil->email);
  g_ptr_array_unref (pupil->contacts);
  g_ptr_array_unref (pupil->years);
  g_ptr_array_unref (pupil->notices);
  g_ptr_array_unref (pupil->problems);
  g_free (pupil);
}

void
att_ctf_file_free (AttCtfFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->version);
  g_free (file->source_name);
  g_free (file->source_laestab);
  g_free (file->source_urn);
  g_ptr_array_unref (file->pupils);
  g_ptr_array_unref (file->notices);
  g_free (file);
}

const char *
att_ctf_relationship_name (const char *code)
{
  /* The DfE's relationship codes (common basic data set). */
  static const struct
  {
    const char *code;
    const char *name;
  } names[] = {
    { "PAM", "Mother" }, { "PAF", "Father" }, { "STM", "Step-mother" },
    { "STF", "Step-father" }, { "FOM", "Foster mother" }, { "FOF", "Foster father" },
    { "GRM", "Grandmother" }, { "GRF", "Grandfather" }, { "CAR", "Carer" },
    { "REL", "Other relative" }, { "FAM", "Other family member" },
    { "CHM", "Childminder" }, { "RSW", "Social worker" }, { "SWR", "Social worker" },
    { "DOC", "Doctor" }, { "HTC", "Head teacher" }, { "TEA", "Teacher" },
    { "OTH", "Other contact" },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (code, names[i].code) == 0)
      return names[i].name;
  return NULL;
}

/* "pupil 3 (UPN A123...)", or "pupil 3" before its UPN is read. */
static char *
pupil_label (const AttCtfPupil *pupil)
{
  if (pupil->upn != NULL && *pupil->upn != '\0')
    /* Translators: a pupil of a Common Transfer File, by position and UPN */
    return g_strdup_printf (_("pupil %u (UPN %s)"), pupil->position, pupil->upn);
  /* Translators: a pupil of a Common Transfer File with no UPN, by position */
  return g_strdup_printf (_("pupil %u"), pupil->position);
}

static void
file_notice (Reader     *reader,
             const char *message)
{
  if (reader->file->notices->len < CTF_MAX_NOTICES)
    g_ptr_array_add (reader->file->notices, g_strdup (message));
  else
    reader->more_file_notices++;
}

static void
pupil_notice (Reader     *reader,
              const char *message)
{
  if (reader->pupil->notices->len < CTF_MAX_NOTICES)
    g_ptr_array_add (reader->pupil->notices, g_strdup (message));
  else
    reader->pupil_more_notices++;
}

static void
pupil_problem (Reader     *reader,
               const char *element,
               const char *message)
{
  /* Translators: "<DOB> (line 14): ...", an element of the file */
  g_ptr_array_add (reader->pupil->problems,
                   g_strdup_printf (_("<%s> (line %u): %s"), element, reader->pupil->line, message));
}

static FrameKind
top_kind (Reader *reader)
{
  if (reader->frames->len == 0)
    return F_NONE;
  return g_array_index (reader->frames, Frame, reader->frames->len - 1).kind;
}

static const char *
top_name (Reader *reader)
{
  if (reader->frames->len == 0)
    return "";
  return g_array_index (reader->frames, Frame, reader->frames->len - 1).name;
}

static void
push (Reader     *reader,
      FrameKind   kind,
      const char *name)
{
  Frame frame = { kind, g_strdup (name) };

  g_array_append_val (reader->frames, frame);
}

static guint
current_line (Reader *reader)
{
  int line = 0;

  g_markup_parse_context_get_position (reader->context, &line, NULL);
  return (guint)line;
}

static char *
take_text (Reader *reader)
{
  char *text = g_strstrip (g_strdup (reader->text->str));

  g_string_truncate (reader->text, 0);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
replace (char **field,
         char  *value)
{
  g_free (*field);
  *field = value;
}

static void
clear_address_parts (Reader *reader)
{
  g_clear_pointer (&reader->saon, g_free);
  g_clear_pointer (&reader->paon, g_free);
  g_clear_pointer (&reader->street, g_free);
  g_clear_pointer (&reader->locality, g_free);
  g_clear_pointer (&reader->town, g_free);
  g_clear_pointer (&reader->post_town, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (reader->lines); i++)
    g_clear_pointer (&reader->lines[i], g_free);
  g_clear_pointer (&reader->postcode, g_free);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  Reader *reader = user_data;
  FrameKind parent = top_kind (reader);
  FrameKind kind = F_SKIP;
  gboolean known = FALSE;

  g_string_truncate (reader->text, 0);

  if (parent == F_NONE)
    {
      if (reader->root_seen || strcmp (name, "CTfile") != 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_IMPORT,
                       _("%s is not a Common Transfer File: it begins with <%s>, where a CTF begins with <CTfile>"),
                       reader->file->name, name);
          return;
        }
      reader->root_seen = TRUE;
      push (reader, F_ROOT, name);
      return;
    }

  if (parent == F_SKIP)
    {
      push (reader, F_SKIP, name);
      return;
    }

  /* An e-mail address may be the element's text or an EmailAddress
   * inside it. */
  if (parent == F_LEAF && strcmp (top_name (reader), "Email") == 0)
    {
      g_array_index (reader->frames, Frame, reader->frames->len - 1).kind = F_EMAIL;
      parent = F_EMAIL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    if (children[i].parent == parent && strcmp (children[i].name, name) == 0)
      {
        kind = children[i].kind;
        known = TRUE;
        break;
      }

  if (!known)
    {
      gboolean kept = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (not_kept); i++)
        kept |= strcmp (not_kept[i], name) == 0;
      if (kept)
        {
          if (!g_hash_table_contains (reader->not_kept_seen, name))
            {
              g_hash_table_add (reader->not_kept_seen, g_strdup (name));
              g_ptr_array_add (reader->not_kept_order, g_strdup (name));
            }
        }
      else
        {
          g_autofree char *message =
            /* Translators: an element of the XML file this program does not know */
            g_strdup_printf (_("unknown element <%s> in <%s> (line %u) was ignored"),
                             name, top_name (reader), current_line (reader));

          if (reader->pupil != NULL)
            pupil_notice (reader, message);
          else
            file_notice (reader, message);
        }
      push (reader, F_SKIP, name);
      return;
    }

  switch (kind)
    {
    case F_PUPIL:
      if (parent == F_PUPIL_DATA)
        {
          reader->pupil = g_new0 (AttCtfPupil, 1);
          reader->pupil->position = reader->file->pupils->len + 1;
          reader->pupil->line = current_line (reader);
          reader->pupil->year_group = -1;
          reader->pupil->fsm = -1;
          reader->pupil->looked_after = -1;
          reader->pupil->eal = -1;
          reader->pupil->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify)contact_free);
          reader->pupil->years = g_ptr_array_new_with_free_func ((GDestroyNotify)year_free);
          reader->pupil->notices = g_ptr_array_new_with_free_func (g_free);
          reader->pupil->problems = g_ptr_array_new_with_free_func (g_free);
          reader->pupil_more_notices = 0;
          reader->sen_latest = ATT_DATE_NONE;
          g_ptr_array_add (reader->file->pupils, reader->pupil);
        }
      break;
    case F_CONTACT:
      reader->contact = g_new0 (AttCtfContact, 1);
      reader->contact->line = current_line (reader);
      g_ptr_array_add (reader->pupil->contacts, reader->contact);
      break;
    case F_YEAR:
      reader->year = g_new0 (AttCtfYear, 1);
      reader->year->line = current_line (reader);
      reader->year->possible = reader->year->attended = -1;
      reader->year->authorised = reader->year->unauthorised = -1;
      g_ptr_array_add (reader->pupil->years, reader->year);
      break;
    case F_PHONE:
      g_clear_pointer (&reader->phone_type, g_free);
      g_clear_pointer (&reader->phone_number, g_free);
      break;
    case F_LANGUAGE:
      g_clear_pointer (&reader->language_type, g_free);
      g_clear_pointer (&reader->language, g_free);
      break;
    case F_FSM:
      reader->fsm_start = reader->fsm_end = ATT_DATE_NONE;
      break;
    case F_FSM_HISTORY:
      reader->fsm_open_seen = FALSE;
      if (reader->pupil->fsm < 0)
        reader->pupil->fsm = 0;
      break;
    case F_SEN:
      reader->sen_start = ATT_DATE_NONE;
      g_clear_pointer (&reader->sen_provision, g_free);
      break;
    case F_ADDRESS:
      clear_address_parts (reader);
      break;
    default:
      break;
    }

  push (reader, kind, name);
}

/* A date of the file, YYYY-MM-DD (a DateTime's date part); a notice and
 * ATT_DATE_NONE when it is not one. */
static AttDate
leaf_date (Reader     *reader,
           const char *element,
           const char *text)
{
  g_autofree char *day = NULL;
  AttDate date;

  if (text == NULL)
    return ATT_DATE_NONE;
  day = g_strndup (text, 10);
  date = att_date_parse_iso (day, NULL);
  if (date == ATT_DATE_NONE)
    {
      g_autofree char *message =
        g_strdup_printf (_("<%s> (line %u): “%s” is not a date (YYYY-MM-DD) and was ignored"),
                         element, current_line (reader), text);

      if (reader->pupil != NULL)
        pupil_notice (reader, message);
      else
        file_notice (reader, message);
    }
  return date;
}

/* A number of sessions: -1 with a notice when it is not one. */
static int
leaf_count (Reader     *reader,
            const char *element,
            const char *text)
{
  guint64 value;

  if (text == NULL)
    return -1;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 100000, &value, NULL))
    {
      g_autofree char *message =
        g_strdup_printf (_("<%s> (line %u): “%s” is not a number of sessions and was ignored"),
                         element, current_line (reader), text);
      pupil_notice (reader, message);
      return -1;
    }
  return (int)value;
}

static int
leaf_bool (const char *text)
{
  if (text == NULL)
    return -1;
  if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0 ||
      g_ascii_strcasecmp (text, "Y") == 0 || g_ascii_strcasecmp (text, "yes") == 0)
    return 1;
  if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0 ||
      g_ascii_strcasecmp (text, "N") == 0 || g_ascii_strcasecmp (text, "no") == 0)
    return 0;
  return -1;
}

/* The frame below the top one (the leaf's parent's parent). */
static FrameKind
kind_at (Reader *reader,
         guint   from_top)
{
  if (reader->frames->len <= from_top)
    return F_NONE;
  return g_array_index (reader->frames, Frame, reader->frames->len - 1 - from_top).kind;
}

static void
leaf_end (Reader     *reader,
          FrameKind   parent,
          const char *name,
          char       *text)
{
  AttCtfPupil *pupil = reader->pupil;

  switch (parent)
    {
    case F_HEADER:
      if (strcmp (name, "CTFversion") == 0)
        replace (&reader->file->version, g_steal_pointer (&text));
      else if (strcmp (name, "DateTime") == 0)
        reader->file->made = leaf_date (reader, name, text);
      break;
    case F_SOURCE:
      if (strcmp (name, "SchoolName") == 0)
        replace (&reader->file->source_name, g_steal_pointer (&text));
      else if (strcmp (name, "URN") == 0)
        replace (&reader->file->source_urn, g_steal_pointer (&text));
      else if (strcmp (name, "LEA") == 0 || strcmp (name, "Estab") == 0)
        {
          char *joined = g_strconcat (reader->file->source_laestab ? reader->file->source_laestab : "",
                                      text ? text : "", NULL);
          replace (&reader->file->source_laestab, joined);
        }
      break;
    case F_PUPIL:
      if (strcmp (name, "UPN") == 0)
        replace (&pupil->upn, text ? g_ascii_strup (text, -1) : NULL);
      else if (strcmp (name, "Surname") == 0)
        replace (&pupil->surname, g_steal_pointer (&text));
      else if (strcmp (name, "Forename") == 0)
        replace (&pupil->forename, g_steal_pointer (&text));
      else if (strcmp (name, "PreferredSurname") == 0)
        replace (&pupil->preferred_surname, g_steal_pointer (&text));
      else if (strcmp (name, "PreferredForename") == 0)
        replace (&pupil->preferred_forename, g_steal_pointer (&text));
      else if (strcmp (name, "DOB") == 0)
        replace (&reader->dob, g_steal_pointer (&text));
      else if (strcmp (name, "Sex") == 0 || strcmp (name, "Gender") == 0)
        replace (&reader->sex, g_steal_pointer (&text));
      else if (strcmp (name, "NCyearActual") == 0)
        replace (&reader->nc_year, g_steal_pointer (&text));
      else if (strcmp (name, "RegGroup") == 0 || strcmp (name, "RegistrationGroup") == 0)
        replace (&pupil->reg_group, g_steal_pointer (&text));
      else if (strcmp (name, "LookedAfter") == 0)
        replace (&reader->in_care, g_steal_pointer (&text));
      else if (strcmp (name, "Email") == 0)
        replace (&pupil->email, g_steal_pointer (&text));
      break;
    case F_EMAIL:
      if (kind_at (reader, 1) == F_CONTACT)
        replace (&reader->contact->email, g_steal_pointer (&text));
      else
        replace (&pupil->email, g_steal_pointer (&text));
      break;
    case F_LANGUAGE:
      if (strcmp (name, "LanguageType") == 0)
        replace (&reader->language_type, g_steal_pointer (&text));
      else
        replace (&reader->language, g_steal_pointer (&text));
      break;
    case F_FSM:
      if (strcmp (name, "FSMstartDate") == 0)
        reader->fsm_start = leaf_date (reader, name, text);
      else
        reader->fsm_end = leaf_date (reader, name, text);
      break;
    case F_IN_CARE:
      replace (&reader->in_care, g_steal_pointer (&text));
      break;
    case F_SEN:
      if (strcmp (name, "StartDate") == 0)
        reader->sen_start = leaf_date (reader, name, text);
      else
        replace (&reader->sen_provision, g_steal_pointer (&text));
      break;
    case F_BS7666:
      if (strcmp (name, "SAON") == 0)
        replace (&reader->saon, g_steal_pointer (&text));
      else if (strcmp (name, "PAON") == 0)
        replace (&reader->paon, g_steal_pointer (&text));
      else if (strcmp (name, "Street") == 0)
        replace (&reader->street, g_steal_pointer (&text));
      else if (strcmp (name, "Locality") == 0)
        replace (&reader->locality, g_steal_pointer (&text));
      else if (strcmp (name, "Town") == 0)
        replace (&reader->town, g_steal_pointer (&text));
      else
        replace (&reader->post_town, g_steal_pointer (&text));
      break;
    case F_ADDRESS_LINES:
      replace (&reader->lines[name[strlen (name) - 1] - '1'], g_steal_pointer (&text));
      break;
    case F_ADDRESS:
      replace (&reader->postcode, g_steal_pointer (&text));
      break;
    case F_PHONE:
      if (strcmp (name, "TelephoneType") == 0)
        replace (&reader->phone_type, g_steal_pointer (&text));
      else
        replace (&reader->phone_number, g_steal_pointer (&text));
      break;
    case F_CONTACT:
      {
        AttCtfContact *contact = reader->contact;

        if (strcmp (name, "Order") == 0)
          {
            guint64 order = 0;

            if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, 99, &order, NULL))
              {
                g_autofree char *message =
                  g_strdup_printf (_("<Order> (line %u): “%s” is not an order from 1 to 99 and was ignored"),
                                   current_line (reader), text);
                pupil_notice (reader, message);
              }
            contact->order = (int)order;
          }
        else if (strcmp (name, "Title") == 0)
          replace (&contact->title, g_steal_pointer (&text));
        else if (strcmp (name, "Forename") == 0)
          replace (&contact->forename, g_steal_pointer (&text));
        else if (strcmp (name, "Surname") == 0)
          replace (&contact->surname, g_steal_pointer (&text));
        else if (strcmp (name, "Relationship") == 0)
          replace (&contact->relationship_code, g_steal_pointer (&text));
        else if (strcmp (name, "Responsibility") == 0)
          contact->responsibility = leaf_bool (text) == 1;
        else if (strcmp (name, "AddressAsPupil") == 0)
          contact->address_as_pupil = leaf_bool (text) == 1;
        else if (strcmp (name, "Email") == 0)
          replace (&contact->email, g_steal_pointer (&text));
      }
      break;
    case F_YEAR:
      {
        AttCtfYear *year = reader->year;

        if (strcmp (name, "Year") == 0)
          {
            guint64 value = 0;

            if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1900, 2999, &value, NULL))
              {
                g_autofree char *message =
                  g_strdup_printf (_("<Year> (line %u): “%s” is not a year and was ignored"),
                                   current_line (reader), text);
                pupil_notice (reader, message);
              }
            year->year = (int)value;
          }
        else if (strcmp (name, "SchoolName") == 0)
          replace (&year->school_name, g_steal_pointer (&text));
        else if (strcmp (name, "URN") == 0)
          replace (&year->urn, g_steal_pointer (&text));
        else if (strcmp (name, "LEA") == 0 || strcmp (name, "Estab") == 0)
          replace (&year->laestab, g_strconcat (year->laestab ? year->laestab : "",
                                                text ? text : "", NULL));
        else if (strcmp (name, "SessionsPossible") == 0)
          year->possible = leaf_count (reader, name, text);
        else if (strcmp (name, "SessionsAuthorised") == 0)
          year->authorised = leaf_count (reader, name, text);
        else if (strcmp (name, "SessionsAttended") == 0)
          year->attended = leaf_count (reader, name, text);
        else if (strcmp (name, "SessionsUnauthorised") == 0)
          year->unauthorised = leaf_count (reader, name, text);
        else if (strcmp (name, "AttendanceStartDate") == 0 || strcmp (name, "StartDate") == 0)
          year->start = leaf_date (reader, name, text);
        else if (strcmp (name, "AttendanceMarks") == 0)
          replace (&year->marks, g_steal_pointer (&text));
      }
      break;
    default:
      break;
    }
  g_free (text);
}

/* Our four address lines from the CTF's parts: "Flat 2, 12 High Street",
 * the locality, the town, the postcode. */
static void
address_end (Reader        *reader,
             AttCtfAddress *address)
{
  address_clear (address);
  if (reader->paon != NULL || reader->street != NULL || reader->saon != NULL)
    {
      GString *line = g_string_new (NULL);

      if (reader->saon != NULL)
        g_string_append (line, reader->saon);
      if (reader->saon != NULL && (reader->paon != NULL || reader->street != NULL))
        g_string_append (line, ", ");
      if (reader->paon != NULL)
        g_string_append (line, reader->paon);
      if (reader->paon != NULL && reader->street != NULL)
        g_string_append_c (line, ' ');
      if (reader->street != NULL)
        g_string_append (line, reader->street);
      address->line_1 = g_string_free (line, FALSE);
      address->line_2 = g_strdup (reader->locality);
      address->town = g_strdup (reader->town != NULL ? reader->town : reader->post_town);
    }
  else
    {
      guint n = 0;

      while (n < G_N_ELEMENTS (reader->lines) && reader->lines[n] != NULL)
        n++;
      /* The last line is the town when there are three or more. */
      address->line_1 = g_strdup (n > 0 ? reader->lines[0] : NULL);
      if (n >= 3)
        {
          g_auto(GStrv) middle = g_new0 (char *, n - 1);

          for (guint i = 1; i + 1 < n; i++)
            middle[i - 1] = g_strdup (reader->lines[i]);
          address->line_2 = g_strjoinv (", ", middle);
          address->town = g_strdup (reader->lines[n - 1]);
        }
      else if (n == 2)
        address->town = g_strdup (reader->lines[1]);
    }
  address->postcode = g_strdup (reader->postcode);
  clear_address_parts (reader);
}

static void
phone_end (Reader *reader)
{
  char **home, **mobile, **work;
  char **slot = NULL;
  const char *type = reader->phone_type != NULL ? reader->phone_type : "";

  if (reader->phone_number == NULL)
    return;
  if (reader->contact != NULL)
    {
      home = &reader->contact->phone_home;
      mobile = &reader->contact->phone_mobile;
      work = &reader->contact->phone_work;
    }
  else
    {
      home = &reader->pupil->phone_home;
      mobile = &reader->pupil->phone_mobile;
      work = &reader->pupil->phone_work;
    }

  /* H home, M mobile, W work; the others (D daytime, E evening, A
   * alternative, ...) go to the first free slot. */
  if (g_ascii_strcasecmp (type, "H") == 0)
    slot = home;
  else if (g_ascii_strcasecmp (type, "M") == 0)
    slot = mobile;
  else if (g_ascii_strcasecmp (type, "W") == 0)
    slot = work;
  if (slot == NULL || *slot != NULL)
    slot = *home == NULL ? home : *mobile == NULL ? mobile : *work == NULL ? work : NULL;
  if (slot == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("telephone number %s (type %s) was not kept: three numbers are kept for each person"),
                         reader->phone_number, type);
      pupil_notice (reader, message);
      return;
    }
  *slot = g_steal_pointer (&reader->phone_number);
}

/* Checks the pupil's own fields once the whole of it is read. */
static void
pupil_end (Reader *reader)
{
  AttCtfPupil *pupil = reader->pupil;
  g_autoptr(GError) error = NULL;
  gboolean temporary = FALSE;

  if (pupil->upn == NULL)
    pupil_problem (reader, "UPN", _("the pupil has no UPN, which this program needs to know them by"));
  else if (!att_upn_validate (pupil->upn, &temporary, &error))
    pupil_problem (reader, "UPN", error->message);
  else if (temporary)
    {
      g_autofree char *message =
        g_strdup_printf (_("UPN %s is a temporary UPN: replace it with the permanent one as soon as it is known"),
                         pupil->upn);
      pupil_notice (reader, message);
    }
  g_clear_error (&error);

  if (pupil->surname == NULL)
    pupil_problem (reader, "Surname", _("the pupil has no surname"));
  if (pupil->forename == NULL)
    pupil_problem (reader, "Forename", _("the pupil has no forename"));

  if (reader->dob == NULL)
    pupil_problem (reader, "DOB", _("the pupil has no date of birth"));
  else if ((pupil->dob = att_date_parse_iso (reader->dob, NULL)) == ATT_DATE_NONE)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"), reader->dob);
      pupil_problem (reader, "DOB", message);
    }

  if (reader->sex == NULL)
    pupil_problem (reader, "Sex", _("the pupil has no sex (M or F)"));
  else if (g_ascii_strcasecmp (reader->sex, "M") == 0)
    pupil->sex = 'M';
  else if (g_ascii_strcasecmp (reader->sex, "F") == 0)
    pupil->sex = 'F';
  else
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a sex: M or F"), reader->sex);
      pupil_problem (reader, "Sex", message);
    }

  if (reader->nc_year != NULL)
    {
      int year;

      if (att_year_group_parse (reader->nc_year, &year, &error))
        pupil->year_group = year;
      else
        {
          /* N1 and N2 are nursery years, which the register does not keep. */
          g_autofree char *message =
            g_strdup_printf (_("<NCyearActual>: “%s” is not a year group this program keeps (R, or 1 to 14): it was ignored"),
                             reader->nc_year);
          pupil_notice (reader, message);
        }
    }

  if (reader->in_care != NULL)
    {
      pupil->looked_after = leaf_bool (reader->in_care);
      if (pupil->looked_after < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("<InCareStatus>: “%s” is not true or false and was ignored"), reader->in_care);
          pupil_notice (reader, message);
        }
    }

  if (pupil->preferred_surname != NULL && g_strcmp0 (pupil->preferred_surname, pupil->surname) == 0)
    g_clear_pointer (&pupil->preferred_surname, g_free);
  if (pupil->preferred_forename != NULL && g_strcmp0 (pupil->preferred_forename, pupil->forename) == 0)
    g_clear_pointer (&pupil->preferred_forename, g_free);

  if (reader->pupil_more_notices > 0)
    g_ptr_array_add (pupil->notices,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more notice",
                                                   "and %u more notices", reader->pupil_more_notices),
                                      reader->pupil_more_notices));

  g_clear_pointer (&reader->dob, g_free);
  g_clear_pointer (&reader->sex, g_free);
  g_clear_pointer (&reader->nc_year, g_free);
  g_clear_pointer (&reader->in_care, g_free);

  /* The labels of the problems, now that the UPN is known. */
  for (guint i = 0; i < pupil->problems->len; i++)
    {
      g_autofree char *label = pupil_label (pupil);
      char *old = pupil->problems->pdata[i];

      pupil->problems->pdata[i] = g_strdup_printf ("%s, %s", label, old);
      g_free (old);
    }
}

static void
end_element (GMarkupParseContext  *context,
             const char           *name,
             gpointer              user_data,
             GError              **error)
{
  Reader *reader = user_data;
  Frame frame = g_array_index (reader->frames, Frame, reader->frames->len - 1);
  FrameKind parent;

  g_array_set_size (reader->frames, reader->frames->len - 1);
  parent = top_kind (reader);

  switch (frame.kind)
    {
    case F_LEAF:
      leaf_end (reader, parent, frame.name, take_text (reader));
      break;
    case F_EMAIL:
      break;
    case F_PUPIL:
      if (parent == F_PUPIL_DATA)
        {
          pupil_end (reader);
          reader->pupil = NULL;
        }
      break;
    case F_CONTACT:
      {
        AttCtfContact *contact = reader->contact;
        const char *words = att_ctf_relationship_name (contact->relationship_code);

        if (contact->relationship_code != NULL && words == NULL)
          {
            g_autofree char *message =
              g_strdup_printf (_("relationship code “%s” of contact %s %s is not one this program knows: it was kept as it is"),
                               contact->relationship_code, contact->forename ? contact->forename : "",
                               contact->surname ? contact->surname : "");
            pupil_notice (reader, message);
          }
        contact->relationship = g_strdup (words != NULL ? words : contact->relationship_code);
        reader->contact = NULL;
      }
      break;
    case F_YEAR:
      att_ctf_marks_count (reader->year->marks, reader->year->start, &reader->year->counts, NULL);
      reader->year = NULL;
      break;
    case F_PHONE:
      phone_end (reader);
      break;
    case F_LANGUAGE:
      /* F is the first language; ENG English, ENB believed to be
       * English, NOT not obtained and REF refused. */
      if (reader->language_type != NULL && g_ascii_strcasecmp (reader->language_type, "F") == 0 &&
          reader->language != NULL)
        {
          if (g_ascii_strcasecmp (reader->language, "ENG") == 0 ||
              g_ascii_strcasecmp (reader->language, "ENB") == 0)
            reader->pupil->eal = 0;
          else if (g_ascii_strcasecmp (reader->language, "NOT") != 0 &&
                   g_ascii_strcasecmp (reader->language, "REF") != 0)
            reader->pupil->eal = 1;
        }
      break;
    case F_FSM:
      {
        AttDate made = reader->file->made != ATT_DATE_NONE ? reader->file->made : att_date_today ();

        if (reader->fsm_start != ATT_DATE_NONE && reader->fsm_start <= made &&
            (reader->fsm_end == ATT_DATE_NONE || reader->fsm_end >= made))
          reader->pupil->fsm = 1;
      }
      break;
    case F_SEN:
      if (reader->sen_provision != NULL)
        {
          char provision = g_ascii_toupper (reader->sen_provision[0]);

          if (reader->sen_provision[1] != '\0' ||
              (provision != 'N' && provision != 'K' && provision != 'E'))
            {
              g_autofree char *message =
                g_strdup_printf (_("<SENprovision>: “%s” is not N, K or E and was ignored"),
                                 reader->sen_provision);
              pupil_notice (reader, message);
            }
          else if (reader->pupil->sen == 0 || reader->sen_start >= reader->sen_latest)
            {
              reader->pupil->sen = provision;
              reader->sen_latest = reader->sen_start;
            }
        }
      break;
    case F_ADDRESS:
      address_end (reader, reader->contact != NULL ? &reader->contact->address
                                                   : &reader->pupil->address);
      break;
    default:
      break;
    }

  g_free (frame.name);
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  Reader *reader = user_data;

  if (top_kind (reader) == F_LEAF && reader->text->len < 1024 * 1024)
    g_string_append_len (reader->text, text, text_len);
}

static const GMarkupParser parser = {
  start_element, end_element, text, NULL, NULL,
};

static void
reader_clear (Reader *reader)
{
  for (guint i = 0; i < reader->frames->len; i++)
    g_free (g_array_index (reader->frames, Frame, i).name);
  g_array_unref (reader->frames);
  g_string_free (reader->text, TRUE);
  g_hash_table_unref (reader->not_kept_seen);
  g_ptr_array_unref (reader->not_kept_order);
  g_free (reader->phone_type);
  g_free (reader->phone_number);
  g_free (reader->language_type);
  g_free (reader->language);
  g_free (reader->sen_provision);
  clear_address_parts (reader);
  g_free (reader->dob);
  g_free (reader->sex);
  g_free (reader->nc_year);
  g_free (reader->in_care);
}

/* The XML parser's message as one line of text: it quotes what it could
 * not read as it was, bytes that are not UTF-8 and line breaks too. At
 * most 400 characters. */
static char *
parser_message (const char *message)
{
  g_autofree char *valid = g_utf8_make_valid (message, -1);
  GString *line = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < 400; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (line, ' ');
      else
        g_string_append_unichar (line, c);
    }
  if (n == 400)
    g_string_append (line, "…");
  return g_string_free (line, FALSE);
}

AttCtfFile *
att_ctf_parse (const char  *data,
               gsize        length,
               const char  *name,
               GError     **error)
{
  g_autoptr(AttCtfFile) file = NULL;
  g_autoptr(GError) local = NULL;
  Reader reader = { NULL, };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  file = g_new0 (AttCtfFile, 1);
  file->name = g_strdup (name);
  file->pupils = g_ptr_array_new_with_free_func ((GDestroyNotify)pupil_free);
  file->notices = g_ptr_array_new_with_free_func (g_free);

  /* A byte-order mark is not XML's business. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  reader.file = file;
  reader.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  reader.text = g_string_new (NULL);
  reader.not_kept_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.not_kept_order = g_ptr_array_new_with_free_func (g_free);
  reader.context = g_markup_parse_context_new (&parser, 0, &reader, NULL);

  if (!g_markup_parse_context_parse (reader.context, data, length, &local) ||
      !g_markup_parse_context_end_parse (reader.context, &local))
    {
      if (g_error_matches (local, ATT_ERROR, ATT_ERROR_IMPORT))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        {
          g_autofree char *said = parser_message (local->message);

          g_set_error (error, ATT_ERROR, ATT_ERROR_IMPORT,
                       /* Translators: the second %s is the XML parser's own message, with its line */
                       _("%s is not a whole, well-formed XML file (%s): ask the previous school for the Common Transfer File again"),
                       name, said);
        }
      g_markup_parse_context_free (reader.context);
      reader_clear (&reader);
      return NULL;
    }
  g_markup_parse_context_free (reader.context);

  if (!reader.root_seen)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_IMPORT,
                   _("%s is empty: it holds no Common Transfer File"), name);
      reader_clear (&reader);
      return NULL;
    }

  if (reader.not_kept_order->len > 0)
    {
      g_autofree char *list = NULL;
      g_autofree char *message = NULL;

      g_ptr_array_add (reader.not_kept_order, NULL);
      list = g_strjoinv (", ", (char **)reader.not_kept_order->pdata);
      message = g_strdup_printf (_("not imported, since this program keeps no record of them: %s"), list);
      g_ptr_array_add (file->notices, g_steal_pointer (&message));
    }
  if (reader.more_file_notices > 0)
    g_ptr_array_add (file->notices,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more notice",
                                                   "and %u more notices", reader.more_file_notices),
                                      reader.more_file_notices));
  reader_clear (&reader);
  return g_steal_pointer (&file);
}

AttCtfFile *
att_ctf_read_file (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  if (g_stat (path, &st) == 0 && st.st_size > CTF_MAX_BYTES)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_IMPORT,
                   _("%s is larger than any school’s Common Transfer File (over 256 MB): is it the right file?"),
                   base);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_IMPORT, _("%s could not be read: %s"), base, local->message);
      return NULL;
    }
  return att_ctf_parse (data, length, base, error);
}
