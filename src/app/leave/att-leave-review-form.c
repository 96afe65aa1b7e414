/* att-leave-review-form.c: the lines a review of a part-time timetable
 * is recorded with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-leave-review-form.h"
#include "att-leave-rows.h"

struct _AttLeaveReviewForm
{
  GtkWidget    parent_instance;

  /* Template widgets */
  AdwEntryRow *day_row;
  AdwEntryRow *next_row;
  AdwEntryRow *note_row;

  gint64       leave_id;
};

G_DEFINE_FINAL_TYPE (AttLeaveReviewForm, att_leave_review_form, GTK_TYPE_WIDGET)

static void
att_leave_review_form_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ATT_TYPE_LEAVE_REVIEW_FORM);
  /* The list holding the lines has no name of its own to be cleared by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (att_leave_review_form_parent_class)->dispose (object);
}

static void
att_leave_review_form_class_init (AttLeaveReviewFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_leave_review_form_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/leave/att-leave-review-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AttLeaveReviewForm, day_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveReviewForm, next_row);
  gtk_widget_class_bind_template_child (widget_class, AttLeaveReviewForm, note_row);
}

static void
att_leave_review_form_init (AttLeaveReviewForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AttLeaveReviewForm *
att_leave_review_form_new (const AttLeave *leave,
                           AttDate         today,
                           guint           review_days)
{
  AttLeaveReviewForm *self = g_object_new (ATT_TYPE_LEAVE_REVIEW_FORM, NULL);
  g_autofree char *day = att_leave_date_entry_text (today);
  /* The longest interval the school allows, unless the timetable ends
   * first. */
  AttDate next = today + (AttDate)review_days;

  self->leave_id = leave->id;
  gtk_editable_set_text (GTK_EDITABLE (self->day_row), day);
  if (next < leave->last_date)
    {
      g_autofree char *next_text = att_leave_date_entry_text (next);

      gtk_editable_set_text (GTK_EDITABLE (self->next_row), next_text);
    }
  return self;
}

void
att_leave_review_form_focus (AttLeaveReviewForm *self)
{
  g_return_if_fail (ATT_IS_LEAVE_REVIEW_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
}

gint64
att_leave_review_form_get_leave_id (AttLeaveReviewForm *self)
{
  g_return_val_if_fail (ATT_IS_LEAVE_REVIEW_FORM (self), 0);

  return self->leave_id;
}

gboolean
att_leave_review_form_save (AttLeaveReviewForm *self,
                            AttDb              *db,
                            const AttUser      *user,
                            GError            **error)
{
  const char *next_text = gtk_editable_get_text (GTK_EDITABLE (self->next_row));
  AttDate day, next = ATT_DATE_NONE;

  g_return_val_if_fail (ATT_IS_LEAVE_REVIEW_FORM (self), FALSE);

  day = att_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->day_row)), error);
  if (day == ATT_DATE_NONE)
    return FALSE;
  if (next_text[0] != '\0' && (next = att_date_parse (next_text, error)) == ATT_DATE_NONE)
    return FALSE;
  return att_leave_review (db, user, self->leave_id, day, next,
                           gtk_editable_get_text (GTK_EDITABLE (self->note_row)), error);
}
