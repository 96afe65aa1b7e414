/* att-field-rows.h: the rows of an editor's form, one per field of a
 * record, each with its problem shown under it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pupil and contact editors name their fields as the core does (the
 * CSV columns of att-pupil-fields.h) and hand the text of each row to
 * att_pupil_set_field() or att_contact_set_field(): the core reads the
 * values and decides what is right, the form only shows it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  ATT_FIELD_TEXT,     /* an entry row */
  ATT_FIELD_DATE,     /* an entry row for DD/MM/YYYY with a calendar */
  ATT_FIELD_CHOICE,   /* a combo row: its value is the chosen value */
  ATT_FIELD_SWITCH,   /* a row with a switch: "Y" or "N" */
} AttFieldKind;

typedef struct
{
  const char         *name;      /* "surname", as the core names it */
  const char         *title;     /* untranslated, marked with N_() */
  AttFieldKind        kind;
  /* ATT_FIELD_CHOICE: value, untranslated label, value, label, ..., NULL */
  const char * const *choices;
} AttFieldSpec;

typedef struct _AttFieldRows AttFieldRows;

/* Adds a row per spec to @group, and under each the line that shows its
 * problem. @changed is called (with @data) when any value changes, and
 * @activated when Enter is pressed in an entry row. */
AttFieldRows *att_field_rows_new        (AdwPreferencesGroup *group,
                                         const AttFieldSpec  *specs,
                                         guint                n_specs,
                                         GCallback            changed,
                                         GCallback            activated,
                                         gpointer             data);
void          att_field_rows_free       (AttFieldRows        *rows);

guint         att_field_rows_get_n      (AttFieldRows        *rows);
const char   *att_field_rows_get_name   (AttFieldRows        *rows,
                                         guint                i);
/* The row of a field, or NULL. */
GtkWidget    *att_field_rows_get_row    (AttFieldRows        *rows,
                                         const char          *name);
/* A field's value as text: what was typed, the chosen value, "Y" or "N". */
char         *att_field_rows_get        (AttFieldRows        *rows,
                                         const char          *name);
void          att_field_rows_set        (AttFieldRows        *rows,
                                         const char          *name,
                                         const char          *value);
/* Shows @message under the field @name (and tells a screen reader), or
 * clears every problem when @name is NULL. */
void          att_field_rows_set_problem (AttFieldRows       *rows,
                                         const char          *name,
                                         const char          *message);
/* The message shown under @name, or NULL. */
/* What an editor shows after checking its record: nothing when @valid or
 * when the check named no field; else @message under @field, once the
 * field holds something or @insist (Save was tried, or the record is an
 * existing one): a field not filled in yet is not a mistake until then. */
void          att_field_rows_show_check (AttFieldRows       *rows,
                                         gboolean            valid,
                                         const char         *field,
                                         const char         *message,
                                         gboolean            insist);
const char   *att_field_rows_get_problem (AttFieldRows       *rows,
                                         const char          *name);
/* Whether the user may change the field: a row that may not still shows
 * its value and is still reached by Tab when it holds text. */
void          att_field_rows_set_editable (AttFieldRows      *rows,
                                           const char        *name,
                                           gboolean           editable);
gboolean      att_field_rows_get_editable (AttFieldRows      *rows,
                                           const char        *name);

G_END_DECLS
