/* att-pupils.c: pupils on the admission register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-pupils-private.h"
#include "att-text.h"
#include "att-users.h"

/* The alphabet of UPN check letters: the 26 letters without I, O and S,
 * which are too easily read as 1, 0 and 5. */
static const char upn_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

enum {
  PROP_0,
  PROP_UPN,
  PROP_DISPLAY_NAME,
  PROP_REG_GROUP,
  PROP_YEAR_GROUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttPupil, att_pupil, G_TYPE_OBJECT)

static void
att_pupil_finalize (GObject *object)
{
  AttPupil *self = (AttPupil *)object;

  g_free (self->upn);
  g_free (self->legal_surname);
  g_free (self->legal_forename);
  g_free (self->preferred_surname);
  g_free (self->preferred_forename);
  g_free (self->reg_group);
  g_free (self->medical_note);
  g_free (self->leaving_destination);
  g_free (self->display_name);
  g_free (self->sort_key);

  G_OBJECT_CLASS (att_pupil_parent_class)->finalize (object);
}

static void
att_pupil_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AttPupil *self = ATT_PUPIL (object);

  switch (prop_id)
    {
    case PROP_UPN:
      g_value_set_string (value, self->upn);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, att_pupil_get_display_name (self));
      break;
    case PROP_REG_GROUP:
      g_value_set_string (value, self->reg_group);
      break;
    case PROP_YEAR_GROUP:
      g_value_set_int (value, self->year_group);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_pupil_class_init (AttPupilClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = att_pupil_finalize;
  object_class->get_property = att_pupil_get_property;

  /* Read-only views of the public fields, so that list widgets can bind
   * and sort on them with expressions. */
  properties[PROP_UPN] =
    g_param_spec_string ("upn", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REG_GROUP] =
    g_param_spec_string ("reg-group", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR_GROUP] =
    g_param_spec_int ("year-group", NULL, NULL,
                      ATT_YEAR_RECEPTION, ATT_YEAR_MAX, ATT_YEAR_RECEPTION,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
att_pupil_init (AttPupil *self)
{
  self->sex = 'F';
  self->sen = ATT_SEN_NONE;
  self->year_group = ATT_YEAR_RECEPTION;
}

AttPupil *
att_pupil_new (void)
{
  return g_object_new (ATT_TYPE_PUPIL, NULL);
}

AttPupil *
att_pupil_copy (AttPupil *self)
{
  AttPupil *copy;

  g_return_val_if_fail (ATT_IS_PUPIL (self), NULL);

  copy = att_pupil_new ();
  copy->id = self->id;
  copy->upn = g_strdup (self->upn);
  copy->legal_surname = g_strdup (self->legal_surname);
  copy->legal_forename = g_strdup (self->legal_forename);
  copy->preferred_surname = g_strdup (self->preferred_surname);
  copy->preferred_forename = g_strdup (self->preferred_forename);
  copy->dob = self->dob;
  copy->sex = self->sex;
  copy->year_group = self->year_group;
  copy->reg_group = g_strdup (self->reg_group);
  copy->admission = self->admission;
  copy->leaving = self->leaving;
  copy->fsm = self->fsm;
  copy->sen = self->sen;
  copy->eal = self->eal;
  copy->looked_after = self->looked_after;
  copy->social_worker = self->social_worker;
  copy->young_carer = self->young_carer;
  copy->medical_note = g_strdup (self->medical_note);
  copy->leaving_destination = g_strdup (self->leaving_destination);
  copy->display_name = g_strdup (self->display_name);
  copy->sort_key = g_strdup (self->sort_key);
  return copy;
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

const char *
att_pupil_get_forename (AttPupil *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL (self), "");

  if (!is_blank (self->preferred_forename))
    return self->preferred_forename;
  return self->legal_forename ? self->legal_forename : "";
}

const char *
att_pupil_get_surname (AttPupil *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL (self), "");

  if (!is_blank (self->preferred_surname))
    return self->preferred_surname;
  return self->legal_surname ? self->legal_surname : "";
}

/* Letters that carry their mark in themselves rather than as an accent
 * to take off, and the plain letters an English keyboard types for them. */
static const struct
{
  gunichar    letter;
  const char *plain;
} plain_letters[] = {
  { 0x0131, "i" },   /* dotless i */
  { 0x0142, "l" },   /* l with stroke */
  { 0x00F8, "o" },   /* o with stroke */
  { 0x0111, "d" },   /* d with stroke */
  { 0x00F0, "d" },   /* eth */
  { 0x00E6, "ae" },
  { 0x0153, "oe" },
  { 0x00FE, "th" },
};

char *
att_name_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *plain;

  folded = g_utf8_casefold (text != NULL ? text : "", -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  plain = g_string_new (NULL);
  for (const char *p = decomposed != NULL ? decomposed : folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean replaced = FALSE;

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (plain_letters) && !replaced; i++)
        if (plain_letters[i].letter == c)
          {
            g_string_append (plain, plain_letters[i].plain);
            replaced = TRUE;
          }
      if (!replaced)
        g_string_append_unichar (plain, c);
    }
  return g_string_free (plain, FALSE);
}

/* The collation key of @text as folded for names; for a text that folds
 * to something else, followed by a low byte and the key of the text
 * itself, so it comes after the same letters without accents. */
static char *
name_sort_key (const char *text)
{
  g_autofree char *plain = att_name_fold (text);
  g_autofree char *plain_key = g_utf8_collate_key (plain, -1);
  g_autofree char *full_key = NULL;

  if (strcmp (plain, text) == 0)
    return g_steal_pointer (&plain_key);
  full_key = g_utf8_collate_key (text, -1);
  return g_strconcat (plain_key, "\001", full_key, NULL);
}

char *
att_pupil_sort_key (const char *surname,
                    const char *forename)
{
  g_autofree char *key_text = NULL;
  g_autofree char *folded = NULL;

  /* Lists run by surname then forename, whatever the case of the letters
   * ("de Souza" among the Ds) and whatever their accents ("Çelik" among
   * the Cs, "Öztürk" among the Os), in the order of the user's language.
   * Names alike but for their accents then follow the full names. */
  key_text = g_strconcat (surname, " ", forename, NULL);
  folded = g_utf8_casefold (key_text, -1);
  return name_sort_key (folded);
}

/* Names that the rules above and the language's order both have
 * something to say about: letters with accents and without, letters
 * that carry their mark in themselves, capitals, spaces and hyphens. */
static const char * const collation_probe[][2] = {
  { "de Souza", "Amina" },
  { "Çelik", "Zeynep" },
  { "celik", "zeynep" },
  { "Öztürk", "Emre" },
  { "Oz", "Ben" },
  { "Yılmaz", "Ali" },
  { "Łukasz", "Ærø" },
  { "O'Brien", "Siobhán" },
  { "O Brien", "Sean" },
  { "Smith-Jones", "Ella" },
  { "Smithson", "Élodie" },
  { "Nguyễn", "Þór" },
};

/* The sort keys depend on these rules and on the language's order of
 * letters, so the keys kept in the database say which of both made them.
 * Bump when att_name_fold() or the keys change. */
#define SORT_RULES 1

G_LOCK_DEFINE_STATIC (collation);

char *
att_pupils_collation (void)
{
  static char *locale;
  static char *checksum;
  const char *current = setlocale (LC_COLLATE, NULL);
  char *name;

  if (current == NULL)
    current = "C";
  G_LOCK (collation);
  /* The keys of a language are the same throughout a run: worked out
   * once, and again only if the program changes its language. */
  if (g_strcmp0 (locale, current) != 0)
    {
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

      for (guint i = 0; i < G_N_ELEMENTS (collation_probe); i++)
        {
          g_autofree char *key = att_pupil_sort_key (collation_probe[i][0],
                                                     collation_probe[i][1]);

          g_checksum_update (sum, (const guchar *)key, strlen (key) + 1);
        }
      g_free (locale);
      g_free (checksum);
      locale = g_strdup (current);
      checksum = g_strndup (g_checksum_get_string (sum), 16);
    }
  name = g_strdup_printf ("%d %s %s", SORT_RULES, locale, checksum);
  G_UNLOCK (collation);
  return name;
}

static void
make_display_name (AttPupil *self)
{
  const char *forename = att_pupil_get_forename (self);
  const char *surname = att_pupil_get_surname (self);

  g_free (self->display_name);
  if (*forename != '\0' && *surname != '\0')
    self->display_name = g_strconcat (forename, " ", surname, NULL);
  else
    self->display_name = g_strdup (*forename != '\0' ? forename : surname);
}

void
att_pupil_update_names (AttPupil *self)
{
  g_return_if_fail (ATT_IS_PUPIL (self));

  make_display_name (self);
  g_free (self->sort_key);
  self->sort_key = att_pupil_sort_key (att_pupil_get_surname (self), att_pupil_get_forename (self));
}

const char *
att_pupil_get_display_name (AttPupil *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL (self), "");

  /* A pupil read with the list has its sort key from the database: only
   * the name is made, not the key again (folding and collating a name
   * costs twenty times as much). */
  if (self->display_name == NULL)
    {
      if (self->sort_key == NULL)
        att_pupil_update_names (self);
      else
        make_display_name (self);
    }
  return self->display_name;
}

gboolean
att_pupil_on_roll (AttPupil *self,
                   AttDate   date)
{
  g_return_val_if_fail (ATT_IS_PUPIL (self), FALSE);

  if (self->admission == ATT_DATE_NONE || date < self->admission)
    return FALSE;
  return self->leaving == ATT_DATE_NONE || date <= self->leaving;
}

gboolean
att_pupil_on_roll_between (AttPupil *self,
                           AttDate   from,
                           AttDate   to)
{
  g_return_val_if_fail (ATT_IS_PUPIL (self), FALSE);

  if (self->admission == ATT_DATE_NONE || from > to)
    return FALSE;
  /* The two periods overlap when each starts before the other ends. */
  return self->admission <= to &&
         (self->leaving == ATT_DATE_NONE || self->leaving >= from);
}

/* The day a person born on @dob has their birthday in @year; a birthday
 * on 29 February falls on 1 March in other years. */
static AttDate
birthday_in (AttDate dob,
             int     year)
{
  int m, d;
  AttDate date;

  att_date_to_ymd (dob, NULL, &m, &d);
  date = att_date_from_ymd (year, m, d);
  if (date == ATT_DATE_NONE)
    date = att_date_from_ymd (year, 3, 1);
  return date;
}

static AttDate
last_friday_of_june (int year)
{
  AttDate last = att_date_from_ymd (year, 6, 30);

  /* Friday is weekday 5. */
  return last - ((att_date_weekday (last) - 5 + 7) % 7);
}

void
att_compulsory_school_age (AttDate  dob,
                           AttDate *first,
                           AttDate *last)
{
  int y;
  AttDate fifth, sixteenth;

  if (first)
    *first = ATT_DATE_NONE;
  if (last)
    *last = ATT_DATE_NONE;
  g_return_if_fail (dob != ATT_DATE_NONE);

  /* A child becomes of compulsory school age on the first prescribed day
   * (31 March, 31 August, 31 December) on or after the fifth birthday:
   * on the day itself when the birthday is a prescribed day. */
  att_date_to_ymd (dob, &y, NULL, NULL);
  fifth = birthday_in (dob, y + 5);
  att_date_to_ymd (fifth, &y, NULL, NULL);
  if (first)
    {
      static const int prescribed[][2] = { { 3, 31 }, { 8, 31 }, { 12, 31 } };

      *first = att_date_from_ymd (y + 1, 3, 31);
      for (guint i = 0; i < G_N_ELEMENTS (prescribed); i++)
        {
          AttDate day = att_date_from_ymd (y, prescribed[i][0], prescribed[i][1]);

          if (day >= fifth)
            {
              *first = day;
              break;
            }
        }
    }

  /* They stop being of compulsory school age at the end of the school
   * leaving date, the last Friday in June, of the school year (1 September
   * to 31 August) in which they turn 16: that Friday is the last day. */
  att_date_to_ymd (dob, &y, NULL, NULL);
  sixteenth = birthday_in (dob, y + 16);
  if (last)
    *last = last_friday_of_june (att_date_school_year (sixteenth) + 1);
}

gboolean
att_pupil_compulsory_age (AttPupil *self,
                          AttDate   date)
{
  AttDate first, last;

  g_return_val_if_fail (ATT_IS_PUPIL (self), FALSE);

  if (self->dob == ATT_DATE_NONE || date == ATT_DATE_NONE)
    return FALSE;
  att_compulsory_school_age (self->dob, &first, &last);
  return date >= first && date <= last;
}

static int
upn_letter_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (upn_letters, c);
  return p ? (int)(p - upn_letters) : -1;
}

/* The DfE check: the characters after the check letter are weighted 2 to
 * 13 by their position, summed, and the sum taken modulo 23 picks the
 * letter. In a temporary UPN the last character is a letter; it counts
 * with its place in the same 23-letter alphabet (A is 0, Z is 22). */
char
att_upn_check_letter (const char *rest)
{
  int sum = 0;

  g_return_val_if_fail (rest != NULL, '\0');

  if (strlen (rest) != 12)
    return '\0';

  for (int i = 0; i < 12; i++)
    {
      int value;

      if (g_ascii_isdigit (rest[i]))
        value = rest[i] - '0';
      else if (i == 11)
        value = upn_letter_value (rest[i]);
      else
        value = -1;
      if (value < 0)
        return '\0';
      sum += value * (i + 2);
    }
  return upn_letters[sum % 23];
}

gboolean
att_upn_validate (const char  *upn,
                  gboolean    *temporary,
                  GError     **error)
{
  gsize len;
  char expected;

  if (temporary)
    *temporary = FALSE;

  if (is_blank (upn))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The UPN is empty: every pupil needs one (13 characters, a letter then 12 digits)"));
      return FALSE;
    }

  len = strlen (upn);
  if (len != 13 || !g_utf8_validate (upn, -1, NULL))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("UPN %s: a UPN has 13 characters, a letter then 12 digits (this one has %ld)"),
                   upn, g_utf8_validate (upn, -1, NULL) ? g_utf8_strlen (upn, -1) : (glong)len);
      return FALSE;
    }

  /* Thirteen bytes may be fewer characters; a UPN is ASCII only, and a
   * message never shows a byte cut out of a character. */
  if (!g_str_is_ascii (upn))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("UPN %s: a UPN holds only capital letters and digits (a letter then 12 digits)"),
                   upn);
      return FALSE;
    }

  if (!g_ascii_isupper (upn[0]))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("UPN %s: the first character should be a capital letter (the check letter)"),
                   upn);
      return FALSE;
    }
  if (upn_letter_value (upn[0]) < 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("UPN %s: “%c” is never a check letter (I, O and S are not used)"),
                   upn, upn[0]);
      return FALSE;
    }

  for (int i = 1; i < 12; i++)
    if (!g_ascii_isdigit (upn[i]))
      {
        g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                     _("UPN %s: character %d should be a digit, not “%c”"),
                     upn, i + 1, upn[i]);
        return FALSE;
      }

  if (!g_ascii_isdigit (upn[12]))
    {
      if (upn_letter_value (upn[12]) < 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("UPN %s: the last character should be a digit, or a capital letter other than I, O or S for a temporary UPN"),
                       upn);
          return FALSE;
        }
      if (temporary)
        *temporary = TRUE;
    }

  expected = att_upn_check_letter (upn + 1);
  if (expected != upn[0])
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("UPN %s: the check letter should be %c"), upn, expected);
      if (temporary)
        *temporary = FALSE;
      return FALSE;
    }
  return TRUE;
}

gboolean
att_year_group_parse (const char  *text,
                      int         *year,
                      GError     **error)
{
  g_autofree char *clean = NULL;
  const char *p;
  int value = 0;

  g_return_val_if_fail (year != NULL, FALSE);

  clean = g_strstrip (g_ascii_strdown (text ? text : "", -1));
  p = clean;
  /* "Year 7", "Y7" and "7" are all Year 7; "R", "YR" and "Reception" are
   * Reception. */
  if (g_str_has_prefix (p, "year"))
    p += 4;
  else if (p[0] == 'y')
    p += 1;
  while (*p == ' ')
    p++;

  if (strcmp (p, "r") == 0 || strcmp (clean, "reception") == 0)
    {
      *year = ATT_YEAR_RECEPTION;
      return TRUE;
    }

  if (*p != '\0' && strlen (p) <= 2 && g_ascii_isdigit (p[0]) &&
      (p[1] == '\0' || g_ascii_isdigit (p[1])))
    {
      value = p[0] - '0';
      if (p[1] != '\0')
        value = value * 10 + (p[1] - '0');
      if (value <= ATT_YEAR_MAX)
        {
          *year = value;
          return TRUE;
        }
    }

  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a year group: write R for Reception or a year from 1 to 14"),
               text ? text : "");
  return FALSE;
}

char *
att_year_group_format (int year)
{
  if (year == ATT_YEAR_RECEPTION)
    return g_strdup ("R");
  return g_strdup_printf ("%d", year);
}

const char *
att_sen_to_string (AttSen sen)
{
  switch (sen)
    {
    case ATT_SEN_SUPPORT:
      return "K";
    case ATT_SEN_EHCP:
      return "E";
    case ATT_SEN_NONE:
    default:
      return "N";
    }
}

gboolean
att_pupil_check (AttPupil     *pupil,
                 const char  **field,
                 GError      **error)
{
  g_autoptr(GError) local = NULL;
  const char *at = NULL;

  const struct {
    const char   *column;
    const char   *label;
    const char   *text;
    guint         max_chars;
    AttTextFlags  flags;
  } texts[] = {
    { "surname", _("Surname"), pupil->legal_surname, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE },
    { "forename", _("Forename"), pupil->legal_forename, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE },
    { "preferred_surname", _("Preferred surname"), pupil->preferred_surname, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE },
    { "preferred_forename", _("Preferred forename"), pupil->preferred_forename, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE },
    { "reg_group", _("Registration group"), pupil->reg_group, ATT_TEXT_SHORT_MAX, ATT_TEXT_ONE_LINE },
    { "medical_note", _("Medical note"), pupil->medical_note, ATT_TEXT_NOTE_MAX, ATT_TEXT_LINES },
    { "leaving_destination", _("Destination"), pupil->leaving_destination, ATT_TEXT_LINE_MAX, ATT_TEXT_ONE_LINE },
  };

  if (!att_upn_validate (pupil->upn, NULL, &local))
    {
      at = "upn";
      g_propagate_error (error, g_steal_pointer (&local));
      goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!att_text_check (texts[i].label, texts[i].text, texts[i].max_chars, texts[i].flags, error))
      {
        at = texts[i].column;
        goto failed;
      }

  if (is_blank (pupil->legal_surname))
    {
      at = "surname";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Surname is empty"));
      goto failed;
    }
  if (is_blank (pupil->legal_forename))
    {
      at = "forename";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Forename is empty"));
      goto failed;
    }

  if (pupil->dob == ATT_DATE_NONE)
    {
      at = "dob";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Date of birth is missing"));
      goto failed;
    }

  if (pupil->sex != 'M' && pupil->sex != 'F')
    {
      at = "sex";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Sex must be M or F"));
      goto failed;
    }

  if (pupil->year_group < ATT_YEAR_RECEPTION || pupil->year_group > ATT_YEAR_MAX)
    {
      at = "year_group";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Year group %d is not a year group: use R (0) or a year from 1 to 14"),
                   pupil->year_group);
      goto failed;
    }

  if (is_blank (pupil->reg_group))
    {
      at = "reg_group";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Registration group is empty"));
      goto failed;
    }

  if (pupil->admission == ATT_DATE_NONE)
    {
      at = "admission_date";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Admission date is missing"));
      goto failed;
    }

  if (pupil->dob > pupil->admission)
    {
      at = "dob";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Date of birth is after the admission date"));
      goto failed;
    }

  if (pupil->leaving != ATT_DATE_NONE && pupil->leaving < pupil->admission)
    {
      at = "leaving_date";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Leaving date is before the admission date"));
      goto failed;
    }

  if (pupil->sen != ATT_SEN_NONE && pupil->sen != ATT_SEN_SUPPORT &&
      pupil->sen != ATT_SEN_EHCP)
    {
      at = "sen";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("SEN must be N (none), K (SEN support) or E (EHC plan)"));
      goto failed;
    }

  return TRUE;

failed:
  if (field)
    *field = at;
  return FALSE;
}

/* "Mon 2 Sep 2024 am /, Mon 2 Sep 2024 pm \, Tue 3 Sep 2024 am I and 2
 * more": the first marks @sql finds for a pupil and a roll date, and how
 * many there are. */
#define ROLL_MARKS_SHOWN 3

static gboolean
marks_in_the_way (AttDb         *db,
                  const char    *sql,
                  gint64         pupil_id,
                  AttDate        roll_date,
                  guint         *count,
                  char         **list,
                  GError       **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  *count = 0;
  stmt = att_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pupil_id);
  sqlite3_bind_int (stmt, 2, roll_date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (*count < ROLL_MARKS_SHOWN)
        {
          g_autofree char *date = att_date_format_long (sqlite3_column_int (stmt, 0));

          g_string_append_printf (text, "%s%s %s %s", *count > 0 ? ", " : "", date,
                                  att_session_to_string (sqlite3_column_int (stmt, 1)),
                                  (const char *)sqlite3_column_text (stmt, 2));
        }
      (*count)++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      return FALSE;
    }
  if (*count > ROLL_MARKS_SHOWN)
    /* Translators: after the first three marks of a list */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                               *count - ROLL_MARKS_SHOWN),
                            *count - ROLL_MARKS_SHOWN);
  *list = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

/* "Amina Khan (UPN L201234567890)", from the fields as they are (the
 * derived names of a pupil being edited may not be made yet). */
static char *
pupil_name_and_upn (AttPupil *pupil)
{
  /* Translators: a pupil's forename, surname and UPN */
  return g_strdup_printf (_("%s %s (UPN %s)"), att_pupil_get_forename (pupil),
                          att_pupil_get_surname (pupil), pupil->upn);
}

gboolean
att_pupil_check_roll (AttDb       *db,
                      AttPupil    *pupil,
                      const char **field,
                      GError     **error)
{
  g_autofree char *list = NULL;
  g_autofree char *date = NULL;
  g_autofree char *who = NULL;
  guint count;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (ATT_IS_PUPIL (pupil), FALSE);

  /* A new pupil has no marks yet. */
  if (pupil->id == 0)
    return TRUE;

  /* The message names the pupil, so that it reads on its own in a list of
   * an import's problems or beside a field of the editor. */
  who = pupil_name_and_upn (pupil);

  if (!marks_in_the_way (db,
                         "SELECT date, session, code FROM marks "
                         "WHERE pupil_id = ? AND date < ? ORDER BY date, session",
                         pupil->id, pupil->admission, &count, &list, error))
    return FALSE;
  if (count > 0)
    {
      date = att_date_format (pupil->admission);
      if (field)
        *field = "admission_date";
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: "Amina Khan (UPN L201234567890): the register holds 2 marks before ..." */
                                "%s: the register holds %u mark before the new admission date %s (%s): keep the admission date, or correct that mark first",
                                "%s: the register holds %u marks before the new admission date %s (%s): keep the admission date, or correct those marks first",
                                count),
                   who, count, date, list);
      return FALSE;
    }
  g_clear_pointer (&list, g_free);

  if (pupil->leaving == ATT_DATE_NONE)
    return TRUE;
  if (!marks_in_the_way (db,
                         "SELECT date, session, code FROM marks "
                         "WHERE pupil_id = ? AND date > ? ORDER BY date, session",
                         pupil->id, pupil->leaving, &count, &list, error))
    return FALSE;
  if (count > 0)
    {
      date = att_date_format (pupil->leaving);
      if (field)
        *field = "leaving_date";
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the register holds %u mark after the new leaving date %s (%s): keep the leaving date, or correct that mark first",
                                "%s: the register holds %u marks after the new leaving date %s (%s): keep the leaving date, or correct those marks first",
                                count),
                   who, count, date, list);
      return FALSE;
    }
  return TRUE;
}

gboolean
att_pupils_check_roll_marks (AttDb      *db,
                             GPtrArray  *problems,
                             GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  stmt = att_db_prepare (db,
                         "SELECT p.upn, p.legal_forename, p.legal_surname, count(*), "
                         "min(m.date), max(m.date), p.admission_date, p.leaving_date "
                         "FROM marks m JOIN pupils p ON p.id = m.pupil_id "
                         "WHERE m.date < p.admission_date OR m.date > p.leaving_date "
                         "GROUP BY p.id ORDER BY p.legal_surname, p.legal_forename, p.upn",
                         error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint count = sqlite3_column_int (stmt, 3);
      g_autofree char *first = att_date_format_long (sqlite3_column_int (stmt, 4));
      g_autofree char *last = att_date_format_long (sqlite3_column_int (stmt, 5));
      g_autofree char *admitted = att_date_format (sqlite3_column_int (stmt, 6));
      g_autofree char *left = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                              ? g_strdup (_("not left"))
                              : att_date_format (sqlite3_column_int (stmt, 7));

      g_ptr_array_add (problems,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s (%s %s): %u mark outside the roll (admitted %s, %s), on %s to %s: correct the admission or leaving date, or the mark",
                                                     "%s (%s %s): %u marks outside the roll (admitted %s, %s), on %s to %s: correct the admission or leaving date, or the marks",
                                                     count),
                                        (const char *)sqlite3_column_text (stmt, 0),
                                        (const char *)sqlite3_column_text (stmt, 1),
                                        (const char *)sqlite3_column_text (stmt, 2),
                                        count, admitted, left, first, last));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the register"));
      return FALSE;
    }
  return TRUE;
}

gboolean
att_pupil_validate (AttPupil  *pupil,
                    GError   **error)
{
  g_return_val_if_fail (ATT_IS_PUPIL (pupil), FALSE);

  return att_pupil_check (pupil, NULL, error);
}

/* Writing */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (is_blank (text))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static char *
clean_text (const char *text)
{
  if (is_blank (text))
    return NULL;
  return g_strstrip (g_strdup (text));
}

/* Trims the text fields and turns blank optional ones into NULL, so that
 * what is saved compares equal to what is read back. */
static void
tidy_pupil (AttPupil *pupil)
{
  char **texts[] = {
    &pupil->upn, &pupil->legal_surname, &pupil->legal_forename,
    &pupil->preferred_surname, &pupil->preferred_forename,
    &pupil->reg_group, &pupil->medical_note, &pupil->leaving_destination,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      char *clean = clean_text (*texts[i]);
      g_free (*texts[i]);
      *texts[i] = clean;
    }
  /* A pupil on roll has no destination: one back on roll (their leaving
   * date cleared, by hand or by an import) loses the old one. */
  if (pupil->leaving == ATT_DATE_NONE)
    g_clear_pointer (&pupil->leaving_destination, g_free);
  if (pupil->upn != NULL)
    {
      char *upper = g_ascii_strup (pupil->upn, -1);
      g_free (pupil->upn);
      pupil->upn = upper;
    }
}

/* att_pupils_save(), audited as @action ("pupils.leave", ...), or as an
 * addition or an update when @action is NULL. */
static gint64
save_pupil (AttDb          *db,
            const AttUser  *user,
            AttPupil       *pupil,
            const char     *action,
            GError        **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);
  g_return_val_if_fail (ATT_IS_PUPIL (pupil), 0);

  if (!att_user_require (user, ATT_PERM_EDIT_PUPILS, error))
    return 0;

  tidy_pupil (pupil);
  if (!att_pupil_validate (pupil, error))
    return 0;
  att_pupil_update_names (pupil);

  if (!att_db_begin (db, error))
    return 0;

  /* The UPN identifies the pupil in every exchange with other systems, so
   * it is never shared. */
  stmt = att_db_prepare (db, "SELECT id, legal_forename, legal_surname FROM pupils WHERE upn = ?",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, pupil->upn, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) != pupil->id)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("UPN %s already belongs to %s %s: each pupil has their own UPN"),
                   pupil->upn,
                   (const char *)sqlite3_column_text (stmt, 1),
                   (const char *)sqlite3_column_text (stmt, 2));
      sqlite3_reset (stmt);
      goto failed;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      att_db_set_sqlite_error (db, error, _("read the pupils"));
      goto failed;
    }

  if (!att_pupil_check_roll (db, pupil, NULL, error) ||
      !att_pupils_prepare_sort_keys (db, error))
    goto failed;

  /* The audit log keeps the record as it was and as it becomes. */
  if (pupil->id != 0 && !att_audit_snapshot (db, "pupils", pupil->id, &before, error))
    goto failed;

  if (pupil->id == 0)
    stmt = att_db_prepare (db,
                           "INSERT INTO pupils (upn, legal_surname, legal_forename, "
                           "preferred_surname, preferred_forename, dob, sex, year_group, "
                           "reg_group, admission_date, leaving_date, fsm, sen, eal, "
                           "looked_after, social_worker, young_carer, medical_note, sort_key, "
                           "leaving_destination) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                           "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                           error);
  else
    stmt = att_db_prepare (db,
                           "UPDATE pupils SET upn = ?1, legal_surname = ?2, "
                           "legal_forename = ?3, preferred_surname = ?4, "
                           "preferred_forename = ?5, dob = ?6, sex = ?7, year_group = ?8, "
                           "reg_group = ?9, admission_date = ?10, leaving_date = ?11, "
                           "fsm = ?12, sen = ?13, eal = ?14, looked_after = ?15, "
                           "social_worker = ?16, young_carer = ?17, medical_note = ?18, "
                           "leaving_destination = ?20 WHERE id = ?19",
                           error);
  if (stmt == NULL)
    goto failed;

  {
    char sex[2] = { pupil->sex, '\0' };

    sqlite3_bind_text (stmt, 1, pupil->upn, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, pupil->legal_surname, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, pupil->legal_forename, -1, SQLITE_TRANSIENT);
    bind_text_or_null (stmt, 4, pupil->preferred_surname);
    bind_text_or_null (stmt, 5, pupil->preferred_forename);
    sqlite3_bind_int (stmt, 6, pupil->dob);
    sqlite3_bind_text (stmt, 7, sex, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int (stmt, 8, pupil->year_group);
    sqlite3_bind_text (stmt, 9, pupil->reg_group, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int (stmt, 10, pupil->admission);
    if (pupil->leaving == ATT_DATE_NONE)
      sqlite3_bind_null (stmt, 11);
    else
      sqlite3_bind_int (stmt, 11, pupil->leaving);
    sqlite3_bind_int (stmt, 12, pupil->fsm ? 1 : 0);
    sqlite3_bind_text (stmt, 13, att_sen_to_string (pupil->sen), -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 14, pupil->eal ? 1 : 0);
    sqlite3_bind_int (stmt, 15, pupil->looked_after ? 1 : 0);
    sqlite3_bind_int (stmt, 16, pupil->social_worker ? 1 : 0);
    sqlite3_bind_int (stmt, 17, pupil->young_carer ? 1 : 0);
    bind_text_or_null (stmt, 18, pupil->medical_note);
    bind_text_or_null (stmt, 20, pupil->leaving_destination);
    if (pupil->id != 0)
      sqlite3_bind_int64 (stmt, 19, pupil->id);
    else
      sqlite3_bind_blob (stmt, 19, pupil->sort_key, strlen (pupil->sort_key), SQLITE_TRANSIENT);
  }

  if (!att_db_step_done (db, stmt, error))
    goto failed;

  if (pupil->id == 0)
    id = sqlite3_last_insert_rowid (att_db_get_handle (db));
  else if (sqlite3_changes (att_db_get_handle (db)) == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("%s (UPN %s) is no longer in the database: nothing was saved"),
                   pupil->display_name, pupil->upn);
      goto failed;
    }
  else
    {
      id = pupil->id;
      /* Apart, because renaming a pupil in the table clears the key (for
       * another program that renames a pupil without writing one). */
      stmt = att_db_prepare (db, "UPDATE pupils SET sort_key = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_blob (stmt, 1, pupil->sort_key, strlen (pupil->sort_key), SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!att_db_step_done (db, stmt, error))
        goto failed;
    }
  att_db_note_change (db, ATT_CHANGE_PUPILS);

  detail = g_strdup_printf ("%s %s (%s)", pupil->upn, pupil->legal_forename,
                            pupil->legal_surname);
  if (!att_audit_snapshot (db, "pupils", id, &after, error) ||
      !att_audit_record (db, user, ATT_AUDIT_PUPIL, id,
                         action != NULL ? action : pupil->id == 0 ? "pupils.add" : "pupils.update",
                         detail, before, after, error))
    goto failed;

  if (!att_db_commit (db, error))
    return 0;

  pupil->id = id;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

gint64
att_pupils_save (AttDb          *db,
                 const AttUser  *user,
                 AttPupil       *pupil,
                 GError        **error)
{
  return save_pupil (db, user, pupil, NULL, error);
}

/* The pupil @pupil_id as att_pupils_leave() would save it, or NULL. */
static AttPupil *
leaver (AttDb       *db,
        gint64       pupil_id,
        AttDate      leaving,
        const char  *destination,
        const char **field,
        GError     **error)
{
  g_autoptr(AttPupil) pupil = NULL;
  AttPupil *stored;

  stored = att_pupils_get_or_error (db, pupil_id, error);
  if (stored == NULL)
    return NULL;
  if (leaving == ATT_DATE_NONE)
    {
      *field = "leaving_date";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Leaving date is missing: give the last day %s is on roll"),
                   att_pupil_get_display_name (stored));
      return NULL;
    }
  if (is_blank (destination))
    {
      *field = "leaving_destination";
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Destination is empty: say where %s is going (another school’s name or URN, elective home education, moved abroad, or what else is known)"),
                   att_pupil_get_display_name (stored));
      return NULL;
    }

  pupil = att_pupil_copy (stored);
  pupil->leaving = leaving;
  g_free (pupil->leaving_destination);
  pupil->leaving_destination = g_strstrip (g_strdup (destination));
  if (!att_pupil_check (pupil, field, error) ||
      !att_pupil_check_roll (db, pupil, field, error))
    return NULL;
  return g_steal_pointer (&pupil);
}

gboolean
att_pupils_leave_check (AttDb        *db,
                        gint64        pupil_id,
                        AttDate       leaving,
                        const char   *destination,
                        const char  **field,
                        GError      **error)
{
  g_autoptr(AttPupil) pupil = NULL;
  const char *at = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);

  pupil = leaver (db, pupil_id, leaving, destination, &at, error);
  if (field != NULL)
    *field = at;
  return pupil != NULL;
}

gboolean
att_pupils_leave (AttDb          *db,
                  const AttUser  *user,
                  gint64          pupil_id,
                  AttDate         leaving,
                  const char     *destination,
                  GError        **error)
{
  g_autoptr(AttPupil) pupil = NULL;
  const char *field = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_EDIT_PUPILS, error))
    return FALSE;
  pupil = leaver (db, pupil_id, leaving, destination, &field, error);
  if (pupil == NULL)
    return FALSE;
  return save_pupil (db, user, pupil, "pupils.leave", error) != 0;
}

gboolean
att_pupils_clear_leaving (AttDb          *db,
                          const AttUser  *user,
                          gint64          pupil_id,
                          GError        **error)
{
  g_autoptr(AttPupil) pupil = NULL;
  g_autofree char *list = NULL;
  g_autofree char *date = NULL;
  AttPupil *stored;
  guint count;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_EDIT_PUPILS, error))
    return FALSE;
  stored = att_pupils_get_or_error (db, pupil_id, error);
  if (stored == NULL)
    return FALSE;
  if (stored->leaving == ATT_DATE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("%s (UPN %s) has no leaving date: they are on roll"),
                   att_pupil_get_display_name (stored), stored->upn);
      return FALSE;
    }

  /* The register refuses marks after a leaving date, so only older data
   * or another program can have left some there. Whatever they are, they
   * were not written for a pupil on roll: the office looks at them before
   * the pupil comes back. */
  if (!marks_in_the_way (db,
                         "SELECT date, session, code FROM marks "
                         "WHERE pupil_id = ? AND date > ? ORDER BY date, session",
                         stored->id, stored->leaving, &count, &list, error))
    return FALSE;
  if (count > 0)
    {
      g_autofree char *who = pupil_name_and_upn (stored);

      date = att_date_format (stored->leaving);
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the register holds %u mark after the leaving date %s (%s), written while off roll: correct that mark before putting them back on roll",
                                "%s: the register holds %u marks after the leaving date %s (%s), written while off roll: correct those marks before putting them back on roll",
                                count),
                   who, count, date, list);
      return FALSE;
    }

  pupil = att_pupil_copy (stored);
  pupil->leaving = ATT_DATE_NONE;
  g_clear_pointer (&pupil->leaving_destination, g_free);
  return save_pupil (db, user, pupil, "pupils.return", error) != 0;
}

/* "2 calls", "1 leave request": n records of the kind at index kind of
 * kept_records_text()'s tables. */
static char *
kept_record_count (guint  kind,
                   gint64 n)
{
  gulong count = (gulong)n;

  switch (kind)
    {
    case 0:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu call", "%lu calls", count), count);
    case 1:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu late-book entry", "%lu late-book entries",
                                           count), count);
    case 2:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu letter", "%lu letters", count), count);
    case 3:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu leave request", "%lu leave requests",
                                           count), count);
    case 4:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu penalty-notice decision",
                                           "%lu penalty-notice decisions", count), count);
    case 5:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu notice to the local authority",
                                           "%lu notices to the local authority", count), count);
    case 6:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu meeting with the family",
                                           "%lu meetings with the family", count), count);
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu support or agency entry",
                                           "%lu support or agency entries", count), count);
    }
}

/* What the school keeps about a pupil besides the register, as "2 calls
 * and 1 leave request", or "" when there is nothing: a pupil with any of
 * it was on roll in earnest, so leaves the roll rather than being deleted. */
static char *
kept_records_text (AttDb   *db,
                   gint64   id,
                   GError **error)
{
  static const char *tables[] = {
    "calls", "late_book", "letters", "leave_requests", "penalty_decisions", "la_notifications",
    "case_meetings", "case_support",
  };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE pupil_id = ?", tables[i]);
      sqlite3_stmt *stmt = att_db_prepare (db, sql, error);
      gint64 n = 0;

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!att_db_query_int (db, stmt, &n, _("read the pupil’s records"), error))
        goto failed;
      if (n > 0)
        g_ptr_array_add (parts, kept_record_count (i, n));
    }
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: between the last two of a list such as "2 calls,
         * 1 letter and 1 leave request", and between the others */
        g_string_append (text, i + 1 == parts->len ? _(" and ") : _(", "));
      g_string_append (text, g_ptr_array_index (parts, i));
    }
  return g_string_free (text, FALSE);

failed:
  g_string_free (text, TRUE);
  return NULL;
}

gboolean
att_pupils_delete (AttDb          *db,
                   const AttUser  *user,
                   gint64          id,
                   GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *upn = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *before = NULL;
  AttPupil *pupil;
  sqlite3_stmt *stmt;
  g_autofree char *held = NULL;
  gint64 has_marks = 0;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_DELETE_PUPIL, error))
    return FALSE;

  if (!att_db_begin (db, error))
    return FALSE;

  pupil = att_pupils_get_or_error (db, id, error);
  if (pupil == NULL)
    {
      g_prefix_error (error, _("Nothing was deleted: "));
      goto failed;
    }
  upn = g_strdup (pupil->upn);
  name = g_strdup (att_pupil_get_display_name (pupil));

  /* The register, with its history, is kept for six years: a pupil who
   * has ever been marked leaves the roll instead of being deleted. */
  stmt = att_db_prepare (db,
                         "SELECT EXISTS (SELECT 1 FROM marks WHERE pupil_id = ?1) "
                         "OR EXISTS (SELECT 1 FROM mark_history WHERE pupil_id = ?1)",
                         error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!att_db_query_int (db, stmt, &has_marks, _("read the register"), error))
    goto failed;
  if (has_marks)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s (UPN %s) has marks in the register, which must be kept for 6 years: set a leaving date instead of deleting the pupil"),
                   name, upn);
      goto failed;
    }

  held = kept_records_text (db, id, error);
  if (held == NULL)
    goto failed;
  if (*held != '\0')
    {
      /* Translators: the first %s is the pupil's name, the third what is
       * held, such as "2 calls and 1 leave request" */
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s (UPN %s) has %s on file, which the school keeps: set a leaving date instead of deleting the pupil"),
                   name, upn, held);
      goto failed;
    }

  if (!att_audit_snapshot (db, "pupils", id, &before, error))
    goto failed;

  stmt = att_db_prepare (db, "DELETE FROM contacts WHERE pupil_id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!att_db_step_done (db, stmt, error))
    goto failed;

  stmt = att_db_prepare (db, "DELETE FROM pupils WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_errcode (att_db_get_handle (db)) == SQLITE_CONSTRAINT)
        g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                     _("%s (UPN %s) has records that are kept (calls, leave, letters or decisions): set a leaving date instead of deleting the pupil"),
                     name, upn);
      else
        att_db_set_sqlite_error (db, error, _("delete the pupil"));
      sqlite3_reset (stmt);
      goto failed;
    }
  sqlite3_reset (stmt);
  att_db_note_change (db, ATT_CHANGE_PUPILS | ATT_CHANGE_CONTACTS);

  detail = g_strdup_printf ("%s %s", upn, name);
  if (!att_audit_record (db, user, ATT_AUDIT_PUPIL, id, "pupils.delete", detail,
                         before, NULL, error))
    goto failed;

  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}
