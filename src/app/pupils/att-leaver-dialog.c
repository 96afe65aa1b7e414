/* att-leaver-dialog.c: a pupil leaving the roll, with their leaving date
 * and destination
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The destination is written as the office would write it: another
 * school by its name or URN, elective home education, moved abroad, or
 * whatever else is known. The core decides whether the leaver can be
 * recorded (a date, a destination, and no mark after the date), and the
 * dialog shows its message under the line at fault.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-leaver-dialog.h"
#include "att-letters-date-row.h"

struct _AttLeaverDialog
{
  AdwMessageDialog  parent_instance;

  AttContext       *context;
  gint64            pupil_id;
  GtkWidget        *date_row;
  GtkWidget        *kind_row;
  GtkWidget        *detail_row;
  GtkLabel         *problem;
};

G_DEFINE_FINAL_TYPE (AttLeaverDialog, att_leaver_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum { RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { KIND_SCHOOL, KIND_HOME_EDUCATION, KIND_ABROAD, KIND_OTHER };

char *
att_leaver_dialog_dup_destination (AttLeaverDialog *self)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (ATT_IS_LEAVER_DIALOG (self), NULL);

  detail = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->detail_row))));
  switch (adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row)))
    {
    case KIND_HOME_EDUCATION:
      return *detail != '\0'
             /* Translators: a leaver's destination, with what else the office knows */
             ? g_strdup_printf (_("Elective home education (%s)"), detail)
             : g_strdup (_("Elective home education"));
    case KIND_ABROAD:
      return *detail != '\0'
             /* Translators: a leaver's destination, with where they went */
             ? g_strdup_printf (_("Moved abroad (%s)"), detail)
             : g_strdup (_("Moved abroad"));
    case KIND_SCHOOL:
    case KIND_OTHER:
    default:
      /* The school's name or URN, or what else is known, as written. */
      return g_steal_pointer (&detail);
    }
}

static void
validate (AttLeaverDialog *self)
{
  AttDb *db = att_context_get_db (self->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *destination = att_leaver_dialog_dup_destination (self);
  const char *field = NULL;
  AttDate date;
  gboolean ok;
  GtkWidget *at = NULL;

  date = att_letters_date_row_get_date (ATT_LETTERS_DATE_ROW (self->date_row), &error);
  if (error != NULL)
    {
      ok = FALSE;
      at = self->date_row;
    }
  else if (db == NULL)
    ok = FALSE;
  else
    {
      ok = att_pupils_leave_check (db, self->pupil_id, date, destination, &field, &error);
      if (!ok)
        at = g_strcmp0 (field, "leaving_destination") == 0 ? self->detail_row : self->date_row;
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "leave", ok);
  gtk_label_set_label (self->problem, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), error != NULL);
  gtk_widget_remove_css_class (self->date_row, "error");
  gtk_widget_remove_css_class (self->detail_row, "error");
  if (at != NULL)
    {
      gtk_widget_add_css_class (at, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (at), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      error->message, -1);
    }
}

static void
on_kind_changed (AttLeaverDialog *self)
{
  const char *title;

  switch (adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row)))
    {
    case KIND_SCHOOL:
      title = _("School’s name or URN");
      break;
    case KIND_OTHER:
      title = _("Where they went");
      break;
    default:
      title = _("Details (optional)");
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->detail_row), title);
  validate (self);
}

static void
on_response (AttLeaverDialog *self,
             const char      *response)
{
  AttDb *db = att_context_get_db (self->context);
  const AttUser *user = att_context_get_user (self->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *destination = NULL;
  AttDate date;

  if (g_strcmp0 (response, "leave") != 0 || db == NULL || user == NULL)
    return;
  date = att_letters_date_row_get_date (ATT_LETTERS_DATE_ROW (self->date_row), NULL);
  destination = att_leaver_dialog_dup_destination (self);
  if (!att_pupils_leave (db, user, self->pupil_id, date, destination, &error))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      GtkWidget *dialog = adw_message_dialog_new (parent, _("The Leaver Was Not Recorded"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  g_signal_emit (self, signals[RECORDED], 0, self->pupil_id);
}

static void
on_activated (AttLeaverDialog *self)
{
  /* As the default response's button does: respond, then close. */
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "leave"))
    {
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "leave");
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
att_leaver_dialog_finalize (GObject *object)
{
  AttLeaverDialog *self = ATT_LEAVER_DIALOG (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_leaver_dialog_parent_class)->finalize (object);
}

static void
att_leaver_dialog_class_init (AttLeaverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = att_leaver_dialog_finalize;

  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
att_leaver_dialog_init (AttLeaverDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkStringList *kinds = gtk_string_list_new (NULL);

  gtk_string_list_append (kinds, _("Another school"));
  gtk_string_list_append (kinds, _("Elective home education"));
  gtk_string_list_append (kinds, _("Moved abroad"));
  gtk_string_list_append (kinds, _("Other"));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  self->date_row = att_letters_date_row_new (_("Last day on roll (DD/MM/YYYY)"), ATT_DATE_NONE);
  self->kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Destination"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
  g_object_unref (kinds);
  self->detail_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->detail_row), _("School’s name or URN"));
  gtk_list_box_append (GTK_LIST_BOX (list), self->date_row);
  gtk_list_box_append (GTK_LIST_BOX (list), self->kind_row);
  gtk_list_box_append (GTK_LIST_BOX (list), self->detail_row);

  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"),
                                    "leave", _("_Record Leaver"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "leave",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "leave");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->detail_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->date_row, "entry-activated", G_CALLBACK (on_activated), self);
  g_signal_connect_swapped (self->detail_row, "entry-activated", G_CALLBACK (on_activated), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed), self);
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

AttLeaverDialog *
att_leaver_dialog_new (GtkWindow  *parent,
                       AttContext *context,
                       gint64      pupil_id)
{
  AttLeaverDialog *self;
  AttDb *db;
  AttPupil *pupil;
  g_autofree char *body = NULL;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  db = att_context_get_db (context);
  pupil = db != NULL ? att_pupils_get (db, pupil_id) : NULL;
  /* Translators: a pupil's name */
  body = g_strdup_printf (_("%s leaves the roll after the day you give: the register is not kept for them after it. Say where they are going."),
                          pupil != NULL ? att_pupil_get_display_name (pupil) : "");
  self = g_object_new (ATT_TYPE_LEAVER_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Record Leaver"),
                       "body", body,
                       NULL);
  self->context = g_object_ref (context);
  self->pupil_id = pupil_id;
  att_letters_date_row_set_date (ATT_LETTERS_DATE_ROW (self->date_row),
                                 att_context_get_today (context));
  validate (self);
  gtk_widget_grab_focus (self->date_row);
  return self;
}

GtkWidget *
att_leaver_dialog_get_date_row (AttLeaverDialog *self)
{
  g_return_val_if_fail (ATT_IS_LEAVER_DIALOG (self), NULL);
  return self->date_row;
}

GtkWidget *
att_leaver_dialog_get_kind_row (AttLeaverDialog *self)
{
  g_return_val_if_fail (ATT_IS_LEAVER_DIALOG (self), NULL);
  return self->kind_row;
}

GtkWidget *
att_leaver_dialog_get_detail_row (AttLeaverDialog *self)
{
  g_return_val_if_fail (ATT_IS_LEAVER_DIALOG (self), NULL);
  return self->detail_row;
}

const char *
att_leaver_dialog_get_problem (AttLeaverDialog *self)
{
  g_return_val_if_fail (ATT_IS_LEAVER_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->problem)) ? gtk_label_get_label (self->problem) : NULL;
}
