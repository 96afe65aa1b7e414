/* att-pupil-editor.c: a pupil added or changed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row holds the text of one field as the office types it; the core
 * reads it (att_pupil_set_field()) and judges the whole record as a save
 * would (att_pupil_validate_at(), with the roll-date rule), so the
 * editor never holds a rule of its own. A problem is shown under its
 * field once that field holds something (or Save was tried), and Save
 * stays disabled until there is none. The leaving date is not here: a
 * leaver is recorded with their destination (AttLeaverDialog).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-field-rows.h"
#include "att-pupil-editor.h"
#include "att-pupil-fields.h"

struct _AttPupilEditor
{
  AdwWindow            parent_instance;

  AdwPreferencesGroup *group;
  GtkLabel            *problem_label;
  GtkWidget           *save_button;

  AttContext          *context;
  AttPupil            *original;   /* NULL for a new pupil */
  AttFieldRows        *rows;
  gboolean             tried;      /* Save was pressed once */
  gboolean             valid;
};

G_DEFINE_FINAL_TYPE (AttPupilEditor, att_pupil_editor, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const sexes[] = { "F", N_("Female"), "M", N_("Male"), NULL };
static const char * const years[] = {
  "R", N_("Reception"), "1", N_("Year 1"), "2", N_("Year 2"), "3", N_("Year 3"),
  "4", N_("Year 4"), "5", N_("Year 5"), "6", N_("Year 6"), "7", N_("Year 7"),
  "8", N_("Year 8"), "9", N_("Year 9"), "10", N_("Year 10"), "11", N_("Year 11"),
  "12", N_("Year 12"), "13", N_("Year 13"), "14", N_("Year 14"), NULL,
};
static const char * const sens[] = {
  "N", N_("None"), "K", N_("SEN support (K)"), "E", N_("EHC plan (E)"), NULL,
};

static const AttFieldSpec fields[] = {
  { "upn", N_("UPN"), ATT_FIELD_TEXT, NULL },
  { "surname", N_("Legal surname"), ATT_FIELD_TEXT, NULL },
  { "forename", N_("Legal forename"), ATT_FIELD_TEXT, NULL },
  { "preferred_surname", N_("Preferred surname"), ATT_FIELD_TEXT, NULL },
  { "preferred_forename", N_("Preferred forename"), ATT_FIELD_TEXT, NULL },
  { "dob", N_("Date of birth (DD/MM/YYYY)"), ATT_FIELD_DATE, NULL },
  { "sex", N_("Sex"), ATT_FIELD_CHOICE, sexes },
  { "year_group", N_("Year group"), ATT_FIELD_CHOICE, years },
  { "reg_group", N_("Registration group"), ATT_FIELD_TEXT, NULL },
  { "admission_date", N_("Admission date (DD/MM/YYYY)"), ATT_FIELD_DATE, NULL },
  { "sen", N_("Special educational needs"), ATT_FIELD_CHOICE, sens },
  { "fsm", N_("Free school meals"), ATT_FIELD_SWITCH, NULL },
  { "eal", N_("English as an additional language"), ATT_FIELD_SWITCH, NULL },
  { "looked_after", N_("Looked after"), ATT_FIELD_SWITCH, NULL },
  { "social_worker", N_("Has a social worker"), ATT_FIELD_SWITCH, NULL },
  { "young_carer", N_("Young carer"), ATT_FIELD_SWITCH, NULL },
};

static char *
date_text (AttDate date)
{
  int year, month, day;

  if (date == ATT_DATE_NONE)
    return g_strdup ("");
  att_date_to_ymd (date, &year, &month, &day);
  return g_strdup_printf ("%02d/%02d/%04d", day, month, year);
}

/* The pupil the rows describe, or NULL with the field at fault. */
static AttPupil *
build_pupil (AttPupilEditor  *self,
             const char     **field,
             GError         **error)
{
  g_autoptr(AttPupil) pupil = self->original != NULL ? att_pupil_copy (self->original)
                                                     : att_pupil_new ();

  for (guint i = 0; i < att_field_rows_get_n (self->rows); i++)
    {
      const char *name = att_field_rows_get_name (self->rows, i);
      g_autofree char *value = att_field_rows_get (self->rows, name);

      if (!att_pupil_set_field (pupil, name, value, error))
        {
          *field = name;
          return NULL;
        }
    }
  if (!att_pupil_validate_at (att_context_get_db (self->context), pupil, field, error))
    return NULL;
  return g_steal_pointer (&pupil);
}

static void
validate (AttPupilEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupil) pupil = NULL;
  const char *field = NULL;

  pupil = build_pupil (self, &field, &error);
  self->valid = pupil != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->valid);
  att_field_rows_show_check (self->rows, self->valid, field, error != NULL ? error->message : NULL,
                             self->tried || self->original != NULL);
}

static void
on_changed (AttPupilEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  validate (self);
}

static void
save (AttPupilEditor *self)
{
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttPupil) pupil = NULL;
  const char *field = NULL;
  gboolean added;
  gint64 id;

  self->tried = TRUE;
  validate (self);
  if (!self->valid || db == NULL || user == NULL)
    return;
  pupil = build_pupil (self, &field, &error);
  if (pupil == NULL)
    return;
  added = pupil->id == 0;
  id = att_pupils_save (db, user, pupil, &error);
  if (id == 0)
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, id, added);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ATT_PUPIL_EDITOR (widget));
}

/* Enter in a line saves, as in a dialog; while the record is not right
 * yet it shows the problems instead. */
static void
on_activated (AttPupilEditor *self)
{
  if (!self->valid)
    {
      self->tried = TRUE;
      validate (self);
      return;
    }
  save (self);
}

static void
fill (AttPupilEditor *self)
{
  AttPupil *p = self->original;
  char sex[2] = { p->sex, '\0' };
  g_autofree char *dob = date_text (p->dob);
  g_autofree char *admission = date_text (p->admission);
  g_autofree char *year = p->year_group == ATT_YEAR_RECEPTION
                          ? g_strdup ("R") : g_strdup_printf ("%d", p->year_group);

  att_field_rows_set (self->rows, "upn", p->upn);
  att_field_rows_set (self->rows, "surname", p->legal_surname);
  att_field_rows_set (self->rows, "forename", p->legal_forename);
  att_field_rows_set (self->rows, "preferred_surname", p->preferred_surname);
  att_field_rows_set (self->rows, "preferred_forename", p->preferred_forename);
  att_field_rows_set (self->rows, "dob", dob);
  att_field_rows_set (self->rows, "sex", sex);
  att_field_rows_set (self->rows, "year_group", year);
  att_field_rows_set (self->rows, "reg_group", p->reg_group);
  att_field_rows_set (self->rows, "admission_date", admission);
  att_field_rows_set (self->rows, "sen", att_sen_to_string (p->sen));
  att_field_rows_set (self->rows, "fsm", p->fsm ? "Y" : "N");
  att_field_rows_set (self->rows, "eal", p->eal ? "Y" : "N");
  att_field_rows_set (self->rows, "looked_after", p->looked_after ? "Y" : "N");
  att_field_rows_set (self->rows, "social_worker", p->social_worker ? "Y" : "N");
  att_field_rows_set (self->rows, "young_carer", p->young_carer ? "Y" : "N");
}

static void
att_pupil_editor_dispose (GObject *object)
{
  AttPupilEditor *self = ATT_PUPIL_EDITOR (object);

  g_clear_pointer (&self->rows, att_field_rows_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_PUPIL_EDITOR);

  G_OBJECT_CLASS (att_pupil_editor_parent_class)->dispose (object);
}

static void
att_pupil_editor_finalize (GObject *object)
{
  AttPupilEditor *self = ATT_PUPIL_EDITOR (object);

  g_clear_object (&self->original);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_pupil_editor_parent_class)->finalize (object);
}

static void
att_pupil_editor_class_init (AttPupilEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_pupil_editor_dispose;
  object_class->finalize = att_pupil_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/pupils/att-pupil-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AttPupilEditor, group);
  gtk_widget_class_bind_template_child (widget_class, AttPupilEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AttPupilEditor, save_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_pupil_editor_init (AttPupilEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = att_field_rows_new (self->group, fields, G_N_ELEMENTS (fields),
                                   G_CALLBACK (on_changed), G_CALLBACK (on_activated), self);
}

AttPupilEditor *
att_pupil_editor_new (GtkWindow  *parent,
                      AttContext *context,
                      gint64      pupil_id)
{
  AttPupilEditor *self;
  AttDb *db;
  AttPupil *pupil;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_PUPIL_EDITOR, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  db = att_context_get_db (context);
  if (pupil_id != 0 && db != NULL && (pupil = att_pupils_get (db, pupil_id)) != NULL)
    {
      self->original = att_pupil_copy (pupil);
      /* Translators: the title of the window that changes a pupil's details */
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Pupil"));
      adw_preferences_group_set_title (self->group, att_pupil_get_display_name (pupil));
      fill (self);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Pupil"));
      adw_preferences_group_set_title (self->group, _("New Pupil"));
      adw_preferences_group_set_description (self->group,
                                             _("On roll from the admission date. Contacts are added on the pupil’s record."));
    }
  validate (self);
  gtk_widget_grab_focus (att_field_rows_get_row (self->rows, "upn"));
  return self;
}

gint64
att_pupil_editor_get_pupil_id (AttPupilEditor *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_EDITOR (self), 0);

  return self->original != NULL ? self->original->id : 0;
}

GtkWidget *
att_pupil_editor_get_row (AttPupilEditor *self,
                          const char     *field)
{
  g_return_val_if_fail (ATT_IS_PUPIL_EDITOR (self), NULL);

  return att_field_rows_get_row (self->rows, field);
}

const char *
att_pupil_editor_get_problem (AttPupilEditor *self,
                              const char     *field)
{
  g_return_val_if_fail (ATT_IS_PUPIL_EDITOR (self), NULL);

  return att_field_rows_get_problem (self->rows, field);
}

gboolean
att_pupil_editor_can_save (AttPupilEditor *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_EDITOR (self), FALSE);

  return self->valid;
}
