/* att-letter-template.h: letter templates, their merge fields, and merging
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template is the wording of one letter: a name ("leave-refused"), a
 * version (raised each time the wording changes, so the log says which
 * wording a family received), a subject line and a body. The body is
 * plain text in paragraphs separated by a blank line; a single line
 * break inside a paragraph is kept as a line break.
 *
 * Merge fields are written in braces with a dotted name:
 * `{pupil.forename}`, `{recipient.salutation}`, `{figures.attendance}`.
 * `{{` and `}}` stand for a brace itself. A field of kind TABLE
 * (`{absences.table}`) stands alone in its paragraph and becomes the
 * letter's table of dates and codes at that place.
 *
 * Every field a template may use is in one registry: the built-in ones
 * (att_letter_fields()) and those a module adds with
 * att_letter_field_register(). A template naming a field that is not in
 * the registry is refused when it is checked (att_letter_template_check()),
 * naming the field and its line, so a mistake is caught when the template
 * is saved rather than when a family reads "{pupil.forname}".
 */
#pragma once

#include <glib-object.h>

#include "att-date.h"
#include "att-pupils.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* ------------------------------------------------------------------ */
/* Fields                                                             */
/* ------------------------------------------------------------------ */

typedef enum
{
  ATT_LETTER_FIELD_TEXT,    /* replaced by text where it stands */
  ATT_LETTER_FIELD_TABLE,   /* a table of dates and codes, alone in its paragraph */
} AttLetterFieldKind;

typedef struct
{
  const char         *name;         /* "pupil.forename" */
  const char         *description;  /* untranslated; translate with _() to show */
  AttLetterFieldKind  kind;
} AttLetterField;

/* Every field known, built-in and registered, sorted by name. A new
 * array of borrowed AttLetterField. */
GPtrArray          *att_letter_fields              (void);
/* The field called @name, or NULL when there is none. */
const AttLetterField *att_letter_field_lookup      (const char         *name);
/* Adds a field to the registry, for the whole process: @name is letters,
 * digits, '_' and one or more dots ("leave.return_date"); @description is
 * untranslated and static. Refuses (ATT_ERROR_EXISTS) a name already
 * known with another kind; registering the same field again is allowed. */
gboolean            att_letter_field_register      (const char         *name,
                                                    const char         *description,
                                                    AttLetterFieldKind  kind,
                                                    GError            **error);

/* ------------------------------------------------------------------ */
/* Values                                                             */
/* ------------------------------------------------------------------ */

/* One row of a letter's table of dates and codes. */
typedef struct
{
  AttDate     date;
  AttSession  session;
  char       *code;       /* "O" */
  char       *meaning;    /* "Unauthorised: other reason", as printed */
} AttLetterRow;

/* The values of the fields for one letter: text by field name, and the
 * rows of the table of dates and codes. */
typedef struct _AttLetterValues AttLetterValues;

AttLetterValues    *att_letter_values_new          (void);
AttLetterValues    *att_letter_values_copy         (const AttLetterValues *values);
void                att_letter_values_free         (AttLetterValues    *values);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLetterValues, att_letter_values_free)

/* Sets (or with NULL, clears) the value of field @name. The name is not
 * checked against the registry here: merging checks what a template uses. */
void                att_letter_values_set          (AttLetterValues    *values,
                                                    const char         *name,
                                                    const char         *value);
void                att_letter_values_set_printf   (AttLetterValues    *values,
                                                    const char         *name,
                                                    const char         *format,
                                                    ...) G_GNUC_PRINTF (3, 4);
void                att_letter_values_set_date     (AttLetterValues    *values,
                                                    const char         *name,
                                                    AttDate             date);  /* "Monday 3 November 2025" */
const char         *att_letter_values_get          (const AttLetterValues *values,
                                                    const char         *name);
void                att_letter_values_add_row      (AttLetterValues    *values,
                                                    AttDate             date,
                                                    AttSession          session,
                                                    const char         *code,
                                                    const char         *meaning);
/* The rows, in the order added (AttLetterRow, borrowed). */
GPtrArray          *att_letter_values_get_rows     (const AttLetterValues *values);

/* Fill the fields of a group from the records. Each sets every field of
 * its group, an empty text where the record has nothing. */

/* pupil.*: forename, surname, name (preferred), legal_forename,
 * legal_surname, legal_name, upn, year_group, reg_group, and pronouns
 * (pronoun.subject "she", pronoun.object "her", pronoun.possessive "her",
 * from the pupil's recorded sex). */
void                att_letter_values_set_pupil    (AttLetterValues    *values,
                                                    AttPupil           *pupil);
/* school.*: name, address (one line per line of the address), phone,
 * email, headteacher, attendance_lead. */
void                att_letter_values_set_school   (AttLetterValues    *values,
                                                    AttDb              *db);
/* signatory.name and signatory.role. */
void                att_letter_values_set_signatory (AttLetterValues   *values,
                                                    const char         *name,
                                                    const char         *role);
/* figures.*: the pupil's figures over [from, to] (ATT_DATE_NONE for from
 * is the start of the school year holding @to): period ("1 September 2025
 * to 14 November 2025"), period_from, period_to, attendance ("91.2%"),
 * possible, attended, absent, authorised, unauthorised, late. */
gboolean            att_letter_values_set_figures  (AttLetterValues    *values,
                                                    AttDb              *db,
                                                    gint64              pupil_id,
                                                    AttDate             from,
                                                    AttDate             to,
                                                    GError            **error);
/* rolling.*: unauthorised sessions in the 10 school weeks up to @as_of as
 * the National Framework counts them: sessions, from, to, period. */
gboolean            att_letter_values_set_rolling  (AttLetterValues    *values,
                                                    AttDb              *db,
                                                    gint64              pupil_id,
                                                    AttDate             as_of,
                                                    GError            **error);
/* absences.table and absences.list: the sessions of [from, to] whose mark
 * is an absence (authorised or unauthorised), as table rows and as one
 * line of text ("Mon 3 Nov am (O), Tue 4 Nov am (O)"). */
gboolean            att_letter_values_set_absences (AttLetterValues    *values,
                                                    AttDb              *db,
                                                    gint64              pupil_id,
                                                    AttDate             from,
                                                    AttDate             to,
                                                    GError            **error);
/* letter.date, the date the letter bears. */
void                att_letter_values_set_letter_date (AttLetterValues *values,
                                                    AttDate             date);

/* How letters write a date. */
typedef enum
{
  ATT_LETTER_DATE_LONG,      /* "Monday 3 November 2025": merge fields */
  ATT_LETTER_DATE_HEADING,   /* "3 November 2025": the date a letter bears */
  ATT_LETTER_DATE_SHORT,     /* "Mon 3 Nov 2025": tables and lists */
} AttLetterDateStyle;

/* @date in @style, translated; "" for ATT_DATE_NONE. Reads no time zone,
 * so a batch of letters does not ask the system for one at every date. */
char               *att_letter_format_date         (AttDate             date,
                                                    AttLetterDateStyle  style);

/* ------------------------------------------------------------------ */
/* Templates                                                          */
/* ------------------------------------------------------------------ */

typedef struct _AttLetterTemplate AttLetterTemplate;

#define ATT_TYPE_LETTER_TEMPLATE (att_letter_template_get_type ())
GType               att_letter_template_get_type   (void) G_GNUC_CONST;

/* A template; nothing is checked until att_letter_template_check(). */
AttLetterTemplate  *att_letter_template_new        (const char         *name,
                                                    guint               version,
                                                    const char         *subject,
                                                    const char         *body);
AttLetterTemplate  *att_letter_template_ref        (AttLetterTemplate  *self);
void                att_letter_template_unref      (AttLetterTemplate  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLetterTemplate, att_letter_template_unref)

const char         *att_letter_template_get_name   (const AttLetterTemplate *self);
guint               att_letter_template_get_version (const AttLetterTemplate *self);
const char         *att_letter_template_get_subject (const AttLetterTemplate *self);
const char         *att_letter_template_get_body   (const AttLetterTemplate *self);

/* Checks a template: a name (letters, digits, '-' and '_'), a version of
 * 1 or more, a subject and a body that are not empty, braces that close,
 * fields that are known, table fields alone in their paragraph and only
 * in the body. The first problem is the error, naming the field and the
 * line ("Line 4 of the letter “leave-refused” uses {pupil.forname}, which
 * is not a field letters know"). */
gboolean            att_letter_template_check      (const AttLetterTemplate *self,
                                                    GError            **error);
/* The names of the fields the template uses, each once, in order of first
 * use (subject first). A new NULL-terminated array; NULL with an error
 * when the template does not pass att_letter_template_check(). */
char              **att_letter_template_list_fields (const AttLetterTemplate *self,
                                                    GError            **error);

/* ------------------------------------------------------------------ */
/* Merged letters                                                     */
/* ------------------------------------------------------------------ */

typedef enum
{
  ATT_LETTER_BLOCK_PARAGRAPH,   /* text: lines separated by '\n' */
  ATT_LETTER_BLOCK_TABLE,       /* the table of dates and codes */
} AttLetterBlockKind;

typedef struct
{
  AttLetterBlockKind  kind;
  char               *text;     /* NULL for a table */
} AttLetterBlock;

/* A letter's text once merged: what the renderer draws below the address
 * and date, and what the log keeps of it. */
typedef struct
{
  char      *template_name;
  guint      template_version;
  char      *subject;
  GPtrArray *blocks;           /* AttLetterBlock */
  GPtrArray *rows;             /* AttLetterRow: the table's rows */
} AttLetterText;

AttLetterText      *att_letter_text_copy           (const AttLetterText *text);
void                att_letter_text_free           (AttLetterText      *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLetterText, att_letter_text_free)
/* The text as plain paragraphs separated by blank lines, the table as
 * one line per row: for tests, previews and e-mail bodies. */
char               *att_letter_text_to_plain       (const AttLetterText *text);

/* Merges @values into the template. Refuses a template that does not pass
 * att_letter_template_check(), and a field the template uses that has no
 * value ("The letter “leave-agreed” needs {leave.return_date}, which has
 * no value for this letter"); an empty value is a value. A paragraph
 * whose text is empty once merged is left out. */
AttLetterText      *att_letter_template_merge      (const AttLetterTemplate *self,
                                                    const AttLetterValues   *values,
                                                    GError            **error);

G_END_DECLS
