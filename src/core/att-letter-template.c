/* att-letter-template.c: letter templates, their merge fields, and merging
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-codes.h"
#include "att-error.h"
#include "att-letter-template.h"
#include "att-pupils.h"
#include "att-school.h"
#include "att-stats.h"
#include "att-register.h"

/* ------------------------------------------------------------------ */
/* Fields                                                             */
/* ------------------------------------------------------------------ */

#define TEXT ATT_LETTER_FIELD_TEXT

static const AttLetterField builtin_fields[] = {
  { "letter.date", N_("The date the letter bears"), TEXT },

  { "pupil.forename", N_("The pupil’s forename as they are known"), TEXT },
  { "pupil.surname", N_("The pupil’s surname as they are known"), TEXT },
  { "pupil.name", N_("The pupil’s name as they are known"), TEXT },
  { "pupil.legal_forename", N_("The pupil’s legal forename"), TEXT },
  { "pupil.legal_surname", N_("The pupil’s legal surname"), TEXT },
  { "pupil.legal_name", N_("The pupil’s legal name"), TEXT },
  { "pupil.upn", N_("The pupil’s unique pupil number"), TEXT },
  { "pupil.year_group", N_("The pupil’s year group (“Year 7”)"), TEXT },
  { "pupil.reg_group", N_("The pupil’s registration group"), TEXT },

  { "pronoun.they", N_("“he” or “she”"), TEXT },
  { "pronoun.them", N_("“him” or “her”"), TEXT },
  { "pronoun.their", N_("“his” or “her”"), TEXT },
  { "pronoun.They", N_("“He” or “She”, to begin a sentence"), TEXT },
  { "pronoun.Their", N_("“His” or “Her”, to begin a sentence"), TEXT },

  { "recipient.name", N_("Whom the letter is addressed to"), TEXT },
  { "recipient.title", N_("The recipients’ titles (“Mrs and Mr”)"), TEXT },
  { "recipient.salutation", N_("The greeting (“Dear Mrs Khan and Mr Khan”)"), TEXT },
  { "recipient.address", N_("The recipients’ postal address, one line a line"), TEXT },
  { "recipient.email", N_("The recipient’s e-mail address"), TEXT },

  { "school.name", N_("The school’s name"), TEXT },
  { "school.address", N_("The school’s address"), TEXT },
  { "school.phone", N_("The school’s phone number"), TEXT },
  { "school.email", N_("The school’s e-mail address"), TEXT },
  { "school.headteacher", N_("The headteacher’s name"), TEXT },
  { "school.attendance_lead", N_("The attendance lead’s name"), TEXT },

  { "figures.period", N_("The period the figures cover"), TEXT },
  { "figures.period_from", N_("The first day of the figures’ period"), TEXT },
  { "figures.period_to", N_("The last day of the figures’ period"), TEXT },
  { "figures.attendance", N_("Attendance over the period (“91.2%”)"), TEXT },
  { "figures.possible", N_("Sessions the pupil could attend in the period"), TEXT },
  { "figures.attended", N_("Sessions attended in the period"), TEXT },
  { "figures.absent", N_("Sessions missed in the period"), TEXT },
  { "figures.authorised", N_("Sessions of authorised absence in the period"), TEXT },
  { "figures.unauthorised", N_("Sessions of unauthorised absence in the period"), TEXT },
  { "figures.late", N_("Late arrivals in the period"), TEXT },

  { "rolling.sessions", N_("Unauthorised sessions in the last 10 school weeks"), TEXT },
  { "rolling.from", N_("The first day of those 10 school weeks"), TEXT },
  { "rolling.to", N_("The last day of those 10 school weeks"), TEXT },
  { "rolling.period", N_("Those 10 school weeks, from and to"), TEXT },

  { "absences.table", N_("A table of the dates and codes of the absences"), ATT_LETTER_FIELD_TABLE },
  { "absences.list", N_("The dates and codes of the absences, as a line of text"), TEXT },

  { "meeting.date", N_("The date of the meeting"), TEXT },
  { "meeting.time", N_("The time of the meeting"), TEXT },
  { "meeting.place", N_("Where the meeting is"), TEXT },

  { "signatory.name", N_("Who signs the letter"), TEXT },
  { "signatory.role", N_("The signatory’s role"), TEXT },

  { "leave.type", N_("The kind of leave asked for"), TEXT },
  { "leave.received", N_("The date the request was received"), TEXT },
  { "leave.first_date", N_("The first day asked for"), TEXT },
  { "leave.last_date", N_("The last day asked for"), TEXT },
  { "leave.dates", N_("The days asked for, from and to"), TEXT },
  { "leave.return_date", N_("The day the pupil is expected back"), TEXT },
  { "leave.sessions_requested", N_("The number of sessions asked for"), TEXT },
  { "leave.sessions_agreed", N_("The number of sessions agreed"), TEXT },
  { "leave.sessions_refused", N_("The number of sessions refused"), TEXT },
  { "leave.agreed_dates", N_("The sessions agreed, as dates"), TEXT },
  { "leave.refused_dates", N_("The sessions refused, as dates"), TEXT },
  { "leave.parent_reason", N_("The reason the parent gave"), TEXT },
  { "leave.decision_reason", N_("The reasons for the decision"), TEXT },
  { "leave.sessions_requested_text", N_("The sessions asked for, with the word (“1 session”, “3 sessions”)"), TEXT },
  { "leave.sessions_agreed_text", N_("The sessions agreed, with the word (“1 session”, “3 sessions”)"), TEXT },
  { "leave.sessions_refused_text", N_("The sessions refused, with the word (“1 session”, “3 sessions”)"), TEXT },
  { "rolling.sessions_text", N_("Unauthorised sessions in the last 10 school weeks, with the word (“1 session”)"), TEXT },
};

#undef TEXT

G_LOCK_DEFINE_STATIC (registry);
static GHashTable *registry;   /* name -> AttLetterField (borrowed or owned) */

static GHashTable *
registry_get (void)
{
  /* Called with the lock held. */
  if (registry == NULL)
    {
      registry = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
        g_hash_table_insert (registry, (gpointer)builtin_fields[i].name,
                             (gpointer)&builtin_fields[i]);
    }
  return registry;
}

static int
compare_fields (gconstpointer a,
                gconstpointer b)
{
  const AttLetterField *fa = *(const AttLetterField * const *)a;
  const AttLetterField *fb = *(const AttLetterField * const *)b;

  return strcmp (fa->name, fb->name);
}

GPtrArray *
att_letter_fields (void)
{
  GPtrArray *fields = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  G_LOCK (registry);
  g_hash_table_iter_init (&iter, registry_get ());
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (fields, value);
  G_UNLOCK (registry);
  g_ptr_array_sort (fields, compare_fields);
  return fields;
}

const AttLetterField *
att_letter_field_lookup (const char *name)
{
  const AttLetterField *field;

  g_return_val_if_fail (name != NULL, NULL);

  G_LOCK (registry);
  field = g_hash_table_lookup (registry_get (), name);
  G_UNLOCK (registry);
  return field;
}

/* A field's name: one or more words of letters, digits and '_' joined
 * by dots, at least one dot. */
static gboolean
field_name_valid (const char *name,
                  gsize       length)
{
  gboolean dot = FALSE, word = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = name[i];

      if (g_ascii_isalnum (c) || c == '_')
        word = TRUE;
      else if (c == '.' && word)
        {
          dot = TRUE;
          word = FALSE;
        }
      else
        return FALSE;
    }
  return dot && word;
}

gboolean
att_letter_field_register (const char          *name,
                           const char          *description,
                           AttLetterFieldKind   kind,
                           GError             **error)
{
  const AttLetterField *known;
  gboolean ok = TRUE;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (description != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!field_name_valid (name, strlen (name)))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a field name: a field is written as group.name, "
                     "for example pupil.forename"), name);
      return FALSE;
    }

  G_LOCK (registry);
  known = g_hash_table_lookup (registry_get (), name);
  if (known != NULL && known->kind != kind)
    ok = FALSE;
  else if (known == NULL)
    {
      AttLetterField *field = g_new0 (AttLetterField, 1);

      /* Kept for the life of the process, as the built-in ones are. */
      field->name = g_intern_string (name);
      field->description = description;
      field->kind = kind;
      g_hash_table_insert (registry, (gpointer)field->name, field);
    }
  G_UNLOCK (registry);

  if (!ok)
    g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                 _("The letter field {%s} exists already as another kind of field"), name);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Values                                                             */
/* ------------------------------------------------------------------ */

struct _AttLetterValues
{
  GHashTable *text;   /* name -> value */
  GPtrArray  *rows;   /* AttLetterRow */
};

static void
row_free (AttLetterRow *row)
{
  g_free (row->code);
  g_free (row->meaning);
  g_free (row);
}

static AttLetterRow *
row_copy (const AttLetterRow *row)
{
  AttLetterRow *copy = g_new0 (AttLetterRow, 1);

  copy->date = row->date;
  copy->session = row->session;
  copy->code = g_strdup (row->code);
  copy->meaning = g_strdup (row->meaning);
  return copy;
}

AttLetterValues *
att_letter_values_new (void)
{
  AttLetterValues *values = g_new0 (AttLetterValues, 1);

  values->text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  values->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  return values;
}

AttLetterValues *
att_letter_values_copy (const AttLetterValues *values)
{
  AttLetterValues *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (values != NULL, NULL);

  copy = att_letter_values_new ();
  g_hash_table_iter_init (&iter, values->text);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->text, g_strdup (key), g_strdup (value));
  for (guint i = 0; i < values->rows->len; i++)
    g_ptr_array_add (copy->rows, row_copy (g_ptr_array_index (values->rows, i)));
  return copy;
}

void
att_letter_values_free (AttLetterValues *values)
{
  if (values == NULL)
    return;
  g_hash_table_unref (values->text);
  g_ptr_array_unref (values->rows);
  g_free (values);
}

void
att_letter_values_set (AttLetterValues *values,
                       const char      *name,
                       const char      *value)
{
  g_return_if_fail (values != NULL);
  g_return_if_fail (name != NULL);

  if (value == NULL)
    g_hash_table_remove (values->text, name);
  else
    g_hash_table_insert (values->text, g_strdup (name), g_strdup (value));
}

void
att_letter_values_set_printf (AttLetterValues *values,
                              const char      *name,
                              const char      *format,
                              ...)
{
  va_list args;
  char *text;

  g_return_if_fail (values != NULL);
  g_return_if_fail (name != NULL);

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_hash_table_insert (values->text, g_strdup (name), text);
}

char *
att_letter_format_date (AttDate            date,
                        AttLetterDateStyle style)
{
  char weekday[64], month[64];
  GDate when;
  int y, m, d;

  if (date == ATT_DATE_NONE)
    return g_strdup ("");
  att_date_to_ymd (date, &y, &m, &d);
  g_date_clear (&when, 1);
  g_date_set_dmy (&when, d, m, y);
  /* g_date_strftime () reads no time zone, unlike a GDateTime. */
  switch (style)
    {
    case ATT_LETTER_DATE_HEADING:
      g_date_strftime (month, sizeof month, "%B", &when);
      /* Translators: the date a letter bears: day, month, year */
      return g_strdup_printf (C_("letter date heading", "%d %s %d"), d, month, y);
    case ATT_LETTER_DATE_SHORT:
      g_date_strftime (weekday, sizeof weekday, "%a", &when);
      g_date_strftime (month, sizeof month, "%b", &when);
      /* Translators: a date in a letter's table: weekday, day, month, year */
      return g_strdup_printf (C_("letter date short", "%s %d %s %d"), weekday, d, month, y);
    case ATT_LETTER_DATE_LONG:
    default:
      g_date_strftime (weekday, sizeof weekday, "%A", &when);
      g_date_strftime (month, sizeof month, "%B", &when);
      /* Translators: a date in a letter's text: weekday, day, month, year */
      return g_strdup_printf (C_("letter date long", "%s %d %s %d"), weekday, d, month, y);
    }
}

static char *
letter_date (AttDate date)
{
  return att_letter_format_date (date, ATT_LETTER_DATE_LONG);
}

void
att_letter_values_set_date (AttLetterValues *values,
                            const char      *name,
                            AttDate          date)
{
  g_return_if_fail (values != NULL);
  g_return_if_fail (name != NULL);

  g_hash_table_insert (values->text, g_strdup (name), letter_date (date));
}

const char *
att_letter_values_get (const AttLetterValues *values,
                       const char            *name)
{
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (values->text, name);
}

void
att_letter_values_add_row (AttLetterValues *values,
                           AttDate          date,
                           AttSession       session,
                           const char      *code,
                           const char      *meaning)
{
  AttLetterRow row = { date, session, (char *)code, (char *)meaning };

  g_return_if_fail (values != NULL);
  g_return_if_fail (code != NULL);

  g_ptr_array_add (values->rows, row_copy (&row));
}

GPtrArray *
att_letter_values_get_rows (const AttLetterValues *values)
{
  g_return_val_if_fail (values != NULL, NULL);

  return values->rows;
}

static void
set_text (AttLetterValues *values,
          const char      *name,
          const char      *value)
{
  att_letter_values_set (values, name, value != NULL ? value : "");
}

void
att_letter_values_set_pupil (AttLetterValues *values,
                             AttPupil        *pupil)
{
  g_autofree char *legal = NULL;
  gboolean she;

  g_return_if_fail (values != NULL);
  g_return_if_fail (ATT_IS_PUPIL (pupil));

  legal = g_strdup_printf ("%s %s", pupil->legal_forename, pupil->legal_surname);
  set_text (values, "pupil.forename", att_pupil_get_forename (pupil));
  set_text (values, "pupil.surname", att_pupil_get_surname (pupil));
  set_text (values, "pupil.name", att_pupil_get_display_name (pupil));
  set_text (values, "pupil.legal_forename", pupil->legal_forename);
  set_text (values, "pupil.legal_surname", pupil->legal_surname);
  set_text (values, "pupil.legal_name", legal);
  set_text (values, "pupil.upn", pupil->upn);
  if (pupil->year_group == ATT_YEAR_RECEPTION)
    set_text (values, "pupil.year_group", _("Reception"));
  else
    att_letter_values_set_printf (values, "pupil.year_group", _("Year %d"), pupil->year_group);
  set_text (values, "pupil.reg_group", pupil->reg_group);

  /* The pupil's recorded sex is all the register holds; a template that
   * should not assume it writes the name instead. */
  she = pupil->sex == 'F';
  set_text (values, "pronoun.they", she ? _("she") : _("he"));
  set_text (values, "pronoun.them", she ? _("her") : _("him"));
  set_text (values, "pronoun.their", she ? _("her") : _("his"));
  set_text (values, "pronoun.They", she ? _("She") : _("He"));
  set_text (values, "pronoun.Their", she ? _("Her") : _("His"));
}

void
att_letter_values_set_school (AttLetterValues *values,
                              AttDb           *db)
{
  g_autoptr(AttSchool) school = NULL;

  g_return_if_fail (values != NULL);

  school = att_school_load (db);
  set_text (values, "school.name", school->name);
  set_text (values, "school.address", school->address);
  set_text (values, "school.phone", school->phone);
  set_text (values, "school.email", school->email);
  set_text (values, "school.headteacher", school->headteacher);
  set_text (values, "school.attendance_lead", school->attendance_lead);
}

void
att_letter_values_set_signatory (AttLetterValues *values,
                                 const char      *name,
                                 const char      *role)
{
  g_return_if_fail (values != NULL);

  set_text (values, "signatory.name", name);
  set_text (values, "signatory.role", role);
}

void
att_letter_values_set_letter_date (AttLetterValues *values,
                                   AttDate          date)
{
  att_letter_values_set_date (values, "letter.date", date);
}

static char *
period_text (AttDate from,
             AttDate to)
{
  g_autofree char *a = letter_date (from);
  g_autofree char *b = letter_date (to);

  /* Translators: a period of time in a letter, "Monday 1 September 2025
   * to Friday 14 November 2025" */
  return g_strdup_printf (_("%s to %s"), a, b);
}

gboolean
att_letter_values_set_figures (AttLetterValues  *values,
                               AttDb            *db,
                               gint64            pupil_id,
                               AttDate           from,
                               AttDate           to,
                               GError          **error)
{
  AttFigures figures;
  g_autofree char *period = NULL;

  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (to != ATT_DATE_NONE, FALSE);

  if (from == ATT_DATE_NONE)
    from = att_date_school_year_start (to);
  if (!att_stats_pupil (db, pupil_id, from, to, &figures, error))
    return FALSE;

  period = period_text (from, to);
  set_text (values, "figures.period", period);
  att_letter_values_set_date (values, "figures.period_from", from);
  att_letter_values_set_date (values, "figures.period_to", to);
  att_letter_values_set_printf (values, "figures.attendance", "%.1f%%",
                                att_figures_attendance_pct (&figures));
  att_letter_values_set_printf (values, "figures.possible", "%u", figures.possible);
  att_letter_values_set_printf (values, "figures.attended", "%u", att_figures_attended (&figures));
  att_letter_values_set_printf (values, "figures.absent", "%u", att_figures_absent (&figures));
  att_letter_values_set_printf (values, "figures.authorised", "%u", figures.authorised);
  att_letter_values_set_printf (values, "figures.unauthorised", "%u", figures.unauthorised);
  att_letter_values_set_printf (values, "figures.late", "%u", figures.late);
  return TRUE;
}

gboolean
att_letter_values_set_rolling (AttLetterValues  *values,
                               AttDb            *db,
                               gint64            pupil_id,
                               AttDate           as_of,
                               GError          **error)
{
  AttBreach breach;
  g_autofree char *period = NULL;

  g_return_val_if_fail (values != NULL, FALSE);

  if (!att_threshold_pupil (db, pupil_id, as_of, &breach, error))
    return FALSE;
  period = period_text (breach.window_start, breach.window_end);
  att_letter_values_set_printf (values, "rolling.sessions", "%u", breach.sessions);
  att_letter_values_set_printf (values, "rolling.sessions_text",
                                g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions",
                                             breach.sessions),
                                breach.sessions);
  att_letter_values_set_date (values, "rolling.from", breach.window_start);
  att_letter_values_set_date (values, "rolling.to", breach.window_end);
  set_text (values, "rolling.period", period);
  return TRUE;
}

gboolean
att_letter_values_set_absences (AttLetterValues  *values,
                                AttDb            *db,
                                gint64            pupil_id,
                                AttDate           from,
                                AttDate           to,
                                GError          **error)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (from != ATT_DATE_NONE && to >= from, FALSE);

  if (att_pupils_get_or_error (db, pupil_id, error) == NULL)
    return FALSE;

  g_ptr_array_set_size (values->rows, 0);
  for (AttDate date = from; date <= to; date++)
    {
      int year = att_date_school_year (date);
      const guint8 *codes = att_register_year_codes (db, pupil_id, year);
      AttDate start = att_date_school_year_start (date);

      if (codes == NULL)
        continue;
      for (int session = ATT_SESSION_AM; session <= ATT_SESSION_PM; session++)
        {
          AttCode code = codes[(date - start) * 2 + session];
          const AttCodeInfo *info;
          g_autofree char *when = NULL;

          if (code == ATT_CODE_NONE)
            continue;
          info = att_code_info (code);
          if (info->meaning != ATT_MEANING_AUTHORISED && info->meaning != ATT_MEANING_UNAUTHORISED)
            continue;
          att_letter_values_add_row (values, date, session, info->text, att_code_describe (code));
          when = att_letter_format_date (date, ATT_LETTER_DATE_SHORT);
          if (list->len > 0)
            g_string_append (list, ", ");
          /* Translators: one absence in a letter's list: "Mon 3 Nov 2025 am (O)" */
          g_string_append_printf (list, _("%s %s (%s)"), when,
                                  att_session_to_string (session), info->text);
        }
    }
  att_letter_values_set (values, "absences.list", list->str);
  /* The table field has a value once the rows are read, even none. */
  att_letter_values_set (values, "absences.table", "");
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Templates                                                          */
/* ------------------------------------------------------------------ */

struct _AttLetterTemplate
{
  gatomicrefcount  ref_count;
  char            *name;
  guint            version;
  char            *subject;
  char            *body;
};

G_DEFINE_BOXED_TYPE (AttLetterTemplate, att_letter_template,
                     att_letter_template_ref, att_letter_template_unref)

AttLetterTemplate *
att_letter_template_new (const char *name,
                         guint       version,
                         const char *subject,
                         const char *body)
{
  AttLetterTemplate *self = g_new0 (AttLetterTemplate, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name != NULL ? name : "");
  self->version = version;
  self->subject = g_strdup (subject != NULL ? subject : "");
  self->body = g_strdup (body != NULL ? body : "");
  return self;
}

AttLetterTemplate *
att_letter_template_ref (AttLetterTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
att_letter_template_unref (AttLetterTemplate *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->subject);
  g_free (self->body);
  g_free (self);
}

const char *
att_letter_template_get_name (const AttLetterTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

guint
att_letter_template_get_version (const AttLetterTemplate *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->version;
}

const char *
att_letter_template_get_subject (const AttLetterTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->subject;
}

const char *
att_letter_template_get_body (const AttLetterTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->body;
}

/* A template's text read into pieces: runs of text and fields, each
 * paragraph a list of them. */
typedef struct
{
  char  *text;     /* the literal text, braces unescaped; NULL for a field */
  char  *field;    /* the field's name */
  guint  line;     /* 0 for the subject */
} Piece;

static void
piece_free (Piece *piece)
{
  g_free (piece->text);
  g_free (piece->field);
  g_free (piece);
}

static void
add_text (GPtrArray  *pieces,
          GString    *run,
          guint       line)
{
  Piece *piece;

  if (run->len == 0)
    return;
  piece = g_new0 (Piece, 1);
  piece->text = g_strndup (run->str, run->len);
  piece->line = line;
  g_ptr_array_add (pieces, piece);
  g_string_truncate (run, 0);
}

static void
where_prefix (GString    *message,
              const char *name,
              guint       line)
{
  if (line == 0)
    /* Translators: the beginning of an error about a letter template */
    g_string_printf (message, _("The subject of the letter “%s”"), name);
  else
    /* Translators: the beginning of an error about a letter template */
    g_string_printf (message, _("Line %u of the letter “%s”"), line, name);
}

/* Reads @text (the subject when @first_line is 0, else a paragraph of
 * the body starting at line @first_line) into pieces, checking braces
 * and fields. */
static gboolean
scan (const AttLetterTemplate  *self,
      const char               *text,
      guint                     first_line,
      GPtrArray                *pieces,
      GError                  **error)
{
  g_autoptr(GString) run = g_string_new (NULL);
  g_autoptr(GString) message = g_string_new (NULL);
  guint line = first_line;
  const char *p = text;

  while (*p != '\0')
    {
      if (p[0] == '{' && p[1] == '{')
        {
          g_string_append_c (run, '{');
          p += 2;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          g_string_append_c (run, '}');
          p += 2;
        }
      else if (p[0] == '}')
        {
          where_prefix (message, self->name, line);
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       /* Translators: %s is "Line 4 of the letter “x”" */
                       _("%s has a “}” that closes no field: write }} for a brace in the text"),
                       message->str);
          return FALSE;
        }
      else if (p[0] == '{')
        {
          const char *start = p + 1;
          const char *end = start;
          const AttLetterField *field;
          g_autofree char *name = NULL;
          Piece *piece;

          while (*end != '\0' && *end != '}' && *end != '{' && *end != '\n')
            end++;
          if (*end != '}')
            {
              where_prefix (message, self->name, line);
              g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("%s opens a field with “{” but does not close it with “}” on the same line: "
                             "write {{ for a brace in the text"), message->str);
              return FALSE;
            }
          name = g_strndup (start, end - start);
          if (!field_name_valid (name, strlen (name)))
            {
              where_prefix (message, self->name, line);
              g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("%s has {%s}, which is not a field: a field is written as "
                             "{group.name}, for example {pupil.forename}"),
                           message->str, name);
              return FALSE;
            }
          field = att_letter_field_lookup (name);
          if (field == NULL)
            {
              where_prefix (message, self->name, line);
              g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("%s uses {%s}, which is not a field letters know: check its spelling "
                             "against the list of fields"), message->str, name);
              return FALSE;
            }
          if (field->kind == ATT_LETTER_FIELD_TABLE && first_line == 0)
            {
              where_prefix (message, self->name, line);
              g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("%s uses {%s}, a table, which only the body of a letter may hold"),
                           message->str, name);
              return FALSE;
            }
          add_text (pieces, run, line);
          piece = g_new0 (Piece, 1);
          piece->field = g_steal_pointer (&name);
          piece->line = line;
          g_ptr_array_add (pieces, piece);
          p = end + 1;
        }
      else
        {
          if (*p == '\n')
            line++;
          g_string_append_c (run, *p);
          p++;
        }
    }
  add_text (pieces, run, line);
  return TRUE;
}

/* Whether a line holds nothing but spaces. */
static gboolean
blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

/* The body's paragraphs, each a GPtrArray of Piece; a paragraph that is
 * a table field alone checked to be so. */
static GPtrArray *
parse_body (const AttLetterTemplate  *self,
            GError                  **error)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_auto(GStrv) lines = g_strsplit (self->body, "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  guint first = 0;

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];

      if (line == NULL || blank (line))
        {
          if (paragraph->len > 0)
            {
              GPtrArray *pieces = g_ptr_array_new_with_free_func ((GDestroyNotify)piece_free);
              guint n_fields = 0, table_at = G_MAXUINT;

              g_ptr_array_add (paragraphs, pieces);
              if (!scan (self, paragraph->str, first, pieces, error))
                return NULL;
              for (guint k = 0; k < pieces->len; k++)
                {
                  Piece *piece = g_ptr_array_index (pieces, k);

                  if (piece->field != NULL)
                    {
                      n_fields++;
                      if (att_letter_field_lookup (piece->field)->kind == ATT_LETTER_FIELD_TABLE)
                        table_at = k;
                    }
                  else if (!blank (piece->text))
                    n_fields++;
                }
              if (table_at != G_MAXUINT && n_fields > 1)
                {
                  Piece *piece = g_ptr_array_index (pieces, table_at);
                  g_autoptr(GString) message = g_string_new (NULL);

                  where_prefix (message, self->name, piece->line);
                  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                               _("%s uses {%s}, a table, inside other text: "
                                 "put it in a paragraph of its own"),
                               message->str, piece->field);
                  return NULL;
                }
              g_string_truncate (paragraph, 0);
            }
          if (line == NULL)
            break;
          continue;
        }
      if (paragraph->len == 0)
        first = i + 1;
      else
        g_string_append_c (paragraph, '\n');
      /* A line's trailing spaces (and a carriage return) are not text. */
      g_string_append_len (paragraph, line, strlen (line));
      while (paragraph->len > 0 && g_ascii_isspace (paragraph->str[paragraph->len - 1]))
        g_string_truncate (paragraph, paragraph->len - 1);
    }
  return g_steal_pointer (&paragraphs);
}

static gboolean
check_header (const AttLetterTemplate  *self,
              GError                  **error)
{
  gboolean name_ok = self->name[0] != '\0';

  for (const char *c = self->name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      name_ok = FALSE;
  if (!name_ok)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a name for a letter: use letters, digits, - and _, "
                     "for example leave-agreed"), self->name);
      return FALSE;
    }
  if (self->version == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The letter “%s” has version 0: versions count from 1"), self->name);
      return FALSE;
    }
  if (blank (self->subject))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The letter “%s” has no subject line: write what the letter is about"),
                   self->name);
      return FALSE;
    }
  if (strchr (self->subject, '\n') != NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The subject of the letter “%s” takes more than one line: "
                     "keep it to one"), self->name);
      return FALSE;
    }
  if (blank (self->body))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The letter “%s” has no text"), self->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
att_letter_template_check (const AttLetterTemplate  *self,
                           GError                  **error)
{
  g_autoptr(GPtrArray) subject = NULL;
  g_autoptr(GPtrArray) body = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_header (self, error))
    return FALSE;
  subject = g_ptr_array_new_with_free_func ((GDestroyNotify)piece_free);
  if (!scan (self, self->subject, 0, subject, error))
    return FALSE;
  body = parse_body (self, error);
  return body != NULL;
}

char **
att_letter_template_list_fields (const AttLetterTemplate  *self,
                                 GError                  **error)
{
  g_autoptr(GPtrArray) subject = NULL;
  g_autoptr(GPtrArray) body = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (!check_header (self, error))
    return NULL;
  subject = g_ptr_array_new_with_free_func ((GDestroyNotify)piece_free);
  if (!scan (self, self->subject, 0, subject, error))
    return NULL;
  body = parse_body (self, error);
  if (body == NULL)
    return NULL;

  names = g_ptr_array_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_insert (body, 0, g_ptr_array_ref (subject));
  for (guint i = 0; i < body->len; i++)
    {
      GPtrArray *pieces = g_ptr_array_index (body, i);

      for (guint k = 0; k < pieces->len; k++)
        {
          Piece *piece = g_ptr_array_index (pieces, k);

          if (piece->field != NULL && g_hash_table_add (seen, piece->field))
            g_ptr_array_add (names, g_strdup (piece->field));
        }
    }
  g_ptr_array_add (names, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* ------------------------------------------------------------------ */
/* Merging                                                            */
/* ------------------------------------------------------------------ */

static void
block_free (AttLetterBlock *block)
{
  g_free (block->text);
  g_free (block);
}

void
att_letter_text_free (AttLetterText *text)
{
  if (text == NULL)
    return;
  g_free (text->template_name);
  g_free (text->subject);
  g_clear_pointer (&text->blocks, g_ptr_array_unref);
  g_clear_pointer (&text->rows, g_ptr_array_unref);
  g_free (text);
}

AttLetterText *
att_letter_text_copy (const AttLetterText *text)
{
  AttLetterText *copy;

  g_return_val_if_fail (text != NULL, NULL);

  copy = g_new0 (AttLetterText, 1);
  copy->template_name = g_strdup (text->template_name);
  copy->template_version = text->template_version;
  copy->subject = g_strdup (text->subject);
  copy->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  copy->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  for (guint i = 0; i < text->blocks->len; i++)
    {
      const AttLetterBlock *block = g_ptr_array_index (text->blocks, i);
      AttLetterBlock *b = g_new0 (AttLetterBlock, 1);

      b->kind = block->kind;
      b->text = g_strdup (block->text);
      g_ptr_array_add (copy->blocks, b);
    }
  for (guint i = 0; i < text->rows->len; i++)
    g_ptr_array_add (copy->rows, row_copy (g_ptr_array_index (text->rows, i)));
  return copy;
}

char *
att_letter_text_to_plain (const AttLetterText *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_new (text->subject);
  for (guint i = 0; i < text->blocks->len; i++)
    {
      AttLetterBlock *block = g_ptr_array_index (text->blocks, i);

      g_string_append (out, "\n\n");
      if (block->kind == ATT_LETTER_BLOCK_PARAGRAPH)
        {
          g_string_append (out, block->text);
          continue;
        }
      for (guint r = 0; r < text->rows->len; r++)
        {
          AttLetterRow *row = g_ptr_array_index (text->rows, r);
          g_autofree char *date = att_date_format (row->date);

          if (r > 0)
            g_string_append_c (out, '\n');
          g_string_append_printf (out, "%s %s %s %s", date, att_session_to_string (row->session),
                                  row->code, row->meaning != NULL ? row->meaning : "");
        }
    }
  return g_string_free (out, FALSE);
}

/* The merged text of @pieces, or NULL with an error for a field with no
 * value. */
static char *
merge_pieces (const AttLetterTemplate  *self,
              GPtrArray                *pieces,
              const AttLetterValues    *values,
              GError                  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint k = 0; k < pieces->len; k++)
    {
      Piece *piece = g_ptr_array_index (pieces, k);
      const char *value;

      if (piece->text != NULL)
        {
          g_string_append (out, piece->text);
          continue;
        }
      value = g_hash_table_lookup (values->text, piece->field);
      if (value == NULL)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The letter “%s” needs {%s}, which has no value for this letter"),
                       self->name, piece->field);
          return NULL;
        }
      g_string_append (out, value);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

AttLetterText *
att_letter_template_merge (const AttLetterTemplate  *self,
                           const AttLetterValues    *values,
                           GError                  **error)
{
  g_autoptr(AttLetterText) text = NULL;
  g_autoptr(GPtrArray) subject = NULL;
  g_autoptr(GPtrArray) body = NULL;
  gboolean table = FALSE;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_header (self, error))
    return NULL;
  subject = g_ptr_array_new_with_free_func ((GDestroyNotify)piece_free);
  if (!scan (self, self->subject, 0, subject, error))
    return NULL;
  body = parse_body (self, error);
  if (body == NULL)
    return NULL;

  text = g_new0 (AttLetterText, 1);
  text->template_name = g_strdup (self->name);
  text->template_version = self->version;
  text->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  text->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  text->subject = merge_pieces (self, subject, values, error);
  if (text->subject == NULL)
    return NULL;
  g_strstrip (text->subject);

  for (guint i = 0; i < body->len; i++)
    {
      GPtrArray *pieces = g_ptr_array_index (body, i);
      AttLetterBlock *block;
      char *merged;

      for (guint k = 0; k < pieces->len; k++)
        {
          Piece *piece = g_ptr_array_index (pieces, k);

          if (piece->field != NULL
              && att_letter_field_lookup (piece->field)->kind == ATT_LETTER_FIELD_TABLE)
            {
              if (g_hash_table_lookup (values->text, piece->field) == NULL)
                {
                  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                               _("The letter “%s” needs {%s}, which has no value for this letter"),
                               self->name, piece->field);
                  return NULL;
                }
              table = TRUE;
              block = g_new0 (AttLetterBlock, 1);
              block->kind = ATT_LETTER_BLOCK_TABLE;
              /* A table with no rows says nothing: it is left out. */
              if (values->rows->len > 0)
                g_ptr_array_add (text->blocks, block);
              else
                block_free (block);
              goto next;
            }
        }

      merged = merge_pieces (self, pieces, values, error);
      if (merged == NULL)
        return NULL;
      if (blank (merged))
        {
          g_free (merged);
          continue;
        }
      block = g_new0 (AttLetterBlock, 1);
      block->kind = ATT_LETTER_BLOCK_PARAGRAPH;
      block->text = merged;
      g_ptr_array_add (text->blocks, block);
    next:
      ;
    }

  if (table)
    for (guint r = 0; r < values->rows->len; r++)
      g_ptr_array_add (text->rows, row_copy (g_ptr_array_index (values->rows, r)));
  return g_steal_pointer (&text);
}
