/* att-leave-dialog.c: the form a parent's request for leave of absence
 * is recorded with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields follow a school's paper form. The pupil is found by typing
 * and Enter, and focus goes on to the first day; Enter in any line (or
 * Ctrl+Return) saves. What the core would warn about (late notice, an
 * exam period, dates past, exceptional circumstances asked by someone
 * the pupil does not live with) shows under the form as it is filled:
 * warnings, never refusals. What cannot be recorded at all is said when
 * saving, in the core's words.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-leave-dialog.h"
#include "att-leave-rows.h"
#include "att-leave.h"
#include "att-pupil-search.h"
#include "att-sibling-rows.h"

struct _AttLeaveDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  AttPupilSearch      *search;
  AdwPreferencesGroup *siblings_group;
  GtkListBox          *siblings_list;
  AdwEntryRow         *first_row;
  AdwComboRow         *first_session_row;
  AdwEntryRow         *last_row;
  AdwComboRow         *last_session_row;
  AdwEntryRow         *return_row;
  AdwComboRow         *type_row;
  AdwEntryRow         *reason_row;
  AdwEntryRow         *evidence_row;
  AdwPreferencesGroup *part_time_group;
  AdwComboRow         *pattern_row;
  AdwEntryRow         *pattern_text_row;
  AdwEntryRow         *review_row;
  AdwComboRow         *asker_row;
  AdwEntryRow         *asker_name_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *received_row;
  GtkLabel            *warnings_label;
  GtkLabel            *error_label;
  GtkButton           *save_button;
  AdwStatusPage       *done_page;
  GtkButton           *close_button;

  AttContext          *context;
  AttPupil            *pupil;          /* a reference */
  GArray              *sibling_ids;    /* gint64, as the check rows */
  GPtrArray           *sibling_checks; /* GtkCheckButton */
  GPtrArray           *contacts;       /* AttContact, as the asker rows */
  GArray              *leave_ids;
  char                *warnings;
};

G_DEFINE_FINAL_TYPE (AttLeaveDialog, att_leave_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The part-time patterns offered, then “other”, typed. */
static const guint patterns[] = {
  ATT_LEAVE_PATTERN_AFTERNOONS,
  ATT_LEAVE_PATTERN_MORNINGS,
};

static AttDb *
get_db (AttLeaveDialog *self)
{
  /* The template's rows notify while the form is made, before it has
   * its context. */
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static const AttContact *
get_contact (AttLeaveDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->asker_row);

  if (self->contacts != NULL && selected < self->contacts->len)
    return g_ptr_array_index (self->contacts, selected);
  return NULL;
}

static AttLeaveType
get_type (AttLeaveDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->type_row);

  return selected < ATT_LEAVE_N_TYPES ? (AttLeaveType)selected : ATT_LEAVE_EXCEPTIONAL;
}

/* A date line: ATT_DATE_NONE when empty (and @required unset), or an
 * error that names the line. */
static gboolean
parse_date (AdwEntryRow *row,
            gboolean     required,
            AttDate     *date,
            GError     **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *title = NULL;

  *date = ATT_DATE_NONE;
  if (text[0] == '\0' && !required)
    return TRUE;
  if (text[0] != '\0' && (*date = att_date_parse (text, &parse_error)) != ATT_DATE_NONE)
    return TRUE;

  title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  /* The mnemonic is no part of the field's name. */
  for (char *p = title, *q = title; ; p++)
    {
      if (*p != '_')
        *q++ = *p;
      if (*p == '\0')
        break;
    }
  if (text[0] == '\0')
    /* Translators: %s is a field such as “First day (DD/MM/YYYY)” */
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Type the %s"), title);
  else
    /* Translators: a field, then the text typed in it */
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("%s: “%s” is not a date; type it as DD/MM/YYYY"),
                 title, text);
  return FALSE;
}

/* The request as the form holds it. The strings belong to the form's
 * rows; @ids holds the pupils. */
static gboolean
fill_input (AttLeaveDialog *self,
            AttLeaveInput  *input,
            GArray         *ids,
            GError        **error)
{
  const AttContact *contact = get_contact (self);
  const char *evidence = gtk_editable_get_text (GTK_EDITABLE (self->evidence_row));
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));

  memset (input, 0, sizeof *input);
  g_array_set_size (ids, 0);
  if (self->pupil == NULL)
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("Find the pupil first: type part of their name or UPN and press Enter"));
      return FALSE;
    }
  g_array_append_val (ids, self->pupil->id);
  for (guint i = 0; i < self->sibling_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->sibling_checks, i)))
      g_array_append_val (ids, g_array_index (self->sibling_ids, gint64, i));

  input->pupil_ids = (const gint64 *)ids->data;
  input->n_pupils = ids->len;
  input->type = get_type (self);
  input->first_session = adw_combo_row_get_selected (self->first_session_row) == 1
                         ? ATT_SESSION_PM : ATT_SESSION_AM;
  input->last_session = adw_combo_row_get_selected (self->last_session_row) == 1
                        ? ATT_SESSION_AM : ATT_SESSION_PM;
  input->reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
  input->evidence = evidence[0] != '\0' ? evidence : NULL;
  input->address_away = address[0] != '\0' ? address : NULL;
  input->requested_by_contact_id = contact != NULL ? contact->id : 0;
  input->requested_by = contact == NULL ? gtk_editable_get_text (GTK_EDITABLE (self->asker_name_row)) : NULL;

  if (!parse_date (self->first_row, TRUE, &input->first_date, error)
      || !parse_date (self->last_row, TRUE, &input->last_date, error)
      || !parse_date (self->return_row, FALSE, &input->return_date, error)
      || !parse_date (self->received_row, FALSE, &input->received, error))
    return FALSE;

  if (input->type == ATT_LEAVE_PART_TIME)
    {
      guint selected = adw_combo_row_get_selected (self->pattern_row);

      if (selected < G_N_ELEMENTS (patterns))
        input->pattern = patterns[selected];
      else if (!att_leave_pattern_parse (gtk_editable_get_text (GTK_EDITABLE (self->pattern_text_row)),
                                         &input->pattern, error))
        return FALSE;
      if (!parse_date (self->review_row, FALSE, &input->review_date, error))
        return FALSE;
    }
  if (contact == NULL && (input->requested_by == NULL || input->requested_by[0] == '\0'))
    {
      g_set_error_literal (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("Choose who asked, or type the name of the person who asked"));
      return FALSE;
    }
  return TRUE;
}

/* The core's warnings for the request as it stands, under the form. */
static void
update_warnings (AttLeaveDialog *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) warnings = NULL;
  AttLeaveInput input;

  g_clear_pointer (&self->warnings, g_free);
  if (get_db (self) != NULL && fill_input (self, &input, ids, NULL))
    warnings = att_leave_check (get_db (self), &input, NULL, NULL);
  if (warnings != NULL && warnings->len > 0)
    {
      g_ptr_array_add (warnings, NULL);
      self->warnings = g_strjoinv ("\n", (char **)warnings->pdata);
    }
  gtk_label_set_label (self->warnings_label, self->warnings);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), self->warnings != NULL);
}

static void
on_changed (AttLeaveDialog *self)
{
  gboolean part_time = get_type (self) == ATT_LEAVE_PART_TIME;

  gtk_widget_set_visible (GTK_WIDGET (self->asker_name_row), get_contact (self) == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->part_time_group), part_time);
  gtk_widget_set_visible (GTK_WIDGET (self->pattern_text_row),
                          part_time && adw_combo_row_get_selected (self->pattern_row) >= G_N_ELEMENTS (patterns));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_warnings (self);
}

static char *
contact_label (const AttContact *contact)
{
  g_autofree char *name = att_contact_dup_name (contact);
  g_autoptr(GString) text = g_string_new (name);

  if (contact->relationship != NULL && contact->relationship[0] != '\0')
    g_string_append_printf (text, " (%s)", contact->relationship);
  if (contact->lives_with)
    /* Translators: said of a contact the pupil lives with */
    g_string_append (text, _(", lives with the pupil"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_pupil (AttLeaveDialog *self,
            AttPupil       *pupil)
{
  g_autoptr(GtkStringList) askers = gtk_string_list_new (NULL);
  g_autoptr(GArray) siblings = NULL;
  AttDate today = self->context != NULL ? att_context_get_today (self->context) : ATT_DATE_NONE;
  guint selected = 0;
  gboolean found = FALSE;

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_object (&self->pupil);
  if (pupil != NULL)
    self->pupil = g_object_ref (pupil);

  if (pupil != NULL && get_db (self) != NULL)
    {
      siblings = att_calls_siblings (get_db (self), pupil->id, today, NULL);
      self->contacts = att_contacts_for_pupil (get_db (self), pupil->id, NULL);
    }

  /* Brothers and sisters on roll are offered, not ticked: each needs a
   * request of its own, and the parent's letter says which. */
  att_sibling_rows_fill (self->siblings_list, get_db (self), siblings, FALSE,
                         self->sibling_checks, self->sibling_ids, G_CALLBACK (on_changed), self);
  gtk_widget_set_visible (GTK_WIDGET (self->siblings_group), self->sibling_checks->len > 0);

  /* The first contact the pupil lives with and who has parental
   * responsibility is the likeliest to have asked. */
  for (guint i = 0; self->contacts != NULL && i < self->contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (self->contacts, i);
      g_autofree char *label = contact_label (contact);

      gtk_string_list_append (askers, label);
      if (!found && contact->lives_with && contact->parental_responsibility)
        {
          selected = i;
          found = TRUE;
        }
    }
  gtk_string_list_append (askers, _("Someone else"));
  adw_combo_row_set_model (self->asker_row, G_LIST_MODEL (askers));
  adw_combo_row_set_selected (self->asker_row, selected);
  on_changed (self);
}

static void
on_pupil_chosen (AttPupilSearch *search,
                 AttPupil       *pupil,
                 AttLeaveDialog *self)
{
  fill_pupil (self, pupil);
  /* The dates are what the form asks next. */
  gtk_widget_grab_focus (GTK_WIDGET (self->first_row));
}

static void
show_error (AttLeaveDialog *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
save (AttLeaveDialog *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) recorded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *summary = NULL;
  AttLeaveInput input;
  AttDb *db = get_db (self);

  if (db == NULL || gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->done_page))
    return;

  if (!fill_input (self, &input, ids, &error)
      || (recorded = att_leave_record (db, att_context_get_user (self->context), &input, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_array_set_size (self->leave_ids, 0);
  g_array_append_vals (self->leave_ids, recorded->data, recorded->len);
  for (guint i = 0; i < ids->len; i++)
    {
      AttPupil *pupil = att_pupils_get (db, g_array_index (ids, gint64, i));

      if (pupil == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, i + 1 == ids->len ? _(" and ") : ", ");
      g_string_append (names, att_pupil_get_display_name (pupil));
    }
  /* Translators: %s is one pupil's name, or several joined with “and” */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The request for %s waits for the headteacher’s decision under To Decide.",
                                          "The requests for %s wait for the headteacher’s decisions under To Decide, one each.",
                                          ids->len),
                             names->str);
  adw_status_page_set_description (self->done_page, summary);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->done_page));
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  g_signal_emit (self, signals[SAVED], 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ATT_LEAVE_DIALOG (widget));
}

static void
att_leave_dialog_dispose (GObject *object)
{
  AttLeaveDialog *self = ATT_LEAVE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_LEAVE_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_object (&self->pupil);

  G_OBJECT_CLASS (att_leave_dialog_parent_class)->dispose (object);
}

static void
att_leave_dialog_finalize (GObject *object)
{
  AttLeaveDialog *self = ATT_LEAVE_DIALOG (object);

  g_clear_pointer (&self->sibling_ids, g_array_unref);
  g_clear_pointer (&self->sibling_checks, g_ptr_array_unref);
  g_clear_pointer (&self->leave_ids, g_array_unref);
  g_clear_pointer (&self->warnings, g_free);

  G_OBJECT_CLASS (att_leave_dialog_parent_class)->finalize (object);
}

static void
att_leave_dialog_class_init (AttLeaveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_leave_dialog_dispose;
  object_class->finalize = att_leave_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ATT_TYPE_PUPIL_SEARCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/leave/att-leave-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, search);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, siblings_group);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, siblings_list);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, first_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, first_session_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, last_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, last_session_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, return_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, evidence_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, part_time_group);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, pattern_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, pattern_text_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, review_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, asker_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, asker_name_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, received_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_pupil_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "leave-form.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "leave-form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
att_leave_dialog_init (AttLeaveDialog *self)
{
  g_autoptr(GtkStringList) first_sessions = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) last_sessions = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) pattern_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sibling_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sibling_checks = g_ptr_array_new ();
  self->leave_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Translators: leave starting with the first day's morning */
  gtk_string_list_append (first_sessions, _("Morning"));
  /* Translators: leave starting with the first day's afternoon */
  gtk_string_list_append (first_sessions, _("Afternoon"));
  adw_combo_row_set_model (self->first_session_row, G_LIST_MODEL (first_sessions));
  /* Translators: leave ending with the last day's afternoon */
  gtk_string_list_append (last_sessions, _("Afternoon"));
  /* Translators: leave ending with the last day's morning */
  gtk_string_list_append (last_sessions, _("Morning"));
  adw_combo_row_set_model (self->last_session_row, G_LIST_MODEL (last_sessions));

  for (guint i = 0; i < ATT_LEAVE_N_TYPES; i++)
    gtk_string_list_append (types, att_leave_type_describe (i));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autofree char *text = att_leave_pattern_describe (patterns[i]);

      gtk_string_list_append (pattern_names, text);
    }
  /* Translators: a part-time pattern typed session by session */
  gtk_string_list_append (pattern_names, _("Other sessions…"));
  adw_combo_row_set_model (self->pattern_row, G_LIST_MODEL (pattern_names));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

AttLeaveDialog *
att_leave_dialog_new (AttContext *context,
                      GtkWindow  *parent)
{
  AttLeaveDialog *self;
  g_autofree char *today = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_LEAVE_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);

  today = att_leave_date_entry_text (att_context_get_today (context));
  gtk_editable_set_text (GTK_EDITABLE (self->received_row), today);
  if (get_db (self) != NULL)
    att_pupil_search_set_school (self->search, get_db (self), att_context_get_today (context));
  fill_pupil (self, NULL);
  att_pupil_search_focus (self->search);
  return self;
}

GArray *
att_leave_dialog_get_leave_ids (AttLeaveDialog *self)
{
  g_return_val_if_fail (ATT_IS_LEAVE_DIALOG (self), NULL);

  return self->leave_ids;
}

const char *
att_leave_dialog_get_warnings (AttLeaveDialog *self)
{
  g_return_val_if_fail (ATT_IS_LEAVE_DIALOG (self), NULL);

  return self->warnings;
}
