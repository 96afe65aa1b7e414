/* att-pupil-search.c: finding a pupil as part of a name, a UPN or a group
 * is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-pupil-search.h"

/* Enough to pick from at a glance; a longer list means typing more. */
#define MAX_MATCHES 8

struct _AttPupilSearch
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkSearchEntry  *entry;
  GtkListBox      *matches;
  GtkLabel        *chosen_label;

  AttPupilFinder  *finder;
  GPtrArray       *found;    /* AttPupil, references, as the rows */
  AttPupil        *pupil;
};

G_DEFINE_FINAL_TYPE (AttPupilSearch, att_pupil_search, GTK_TYPE_WIDGET)

enum { PUPIL_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
create_match_row (AttPupil *pupil)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  /* Translators: a pupil found by the search: their group and UPN */
  subtitle = g_strdup_printf (_("%s · %s"),
                              pupil->reg_group != NULL ? pupil->reg_group : "",
                              pupil->upn);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), att_pupil_get_display_name (pupil));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
update_chosen (AttPupilSearch *self)
{
  g_autofree char *text = NULL;

  if (self->pupil != NULL)
    /* Translators: %s is the pupil's name, %s their group */
    text = g_strdup_printf (_("%s, %s"), att_pupil_get_display_name (self->pupil),
                            self->pupil->reg_group != NULL ? self->pupil->reg_group : "");
  gtk_label_set_label (self->chosen_label, text != NULL ? text : _("No pupil chosen yet"));
}

static void
choose (AttPupilSearch *self,
        AttPupil       *pupil)
{
  att_pupil_search_set_pupil (self, pupil);
  /* The matches make way for the rest of the form. */
  gtk_widget_set_visible (GTK_WIDGET (self->matches), FALSE);
  g_signal_emit (self, signals[PUPIL_CHOSEN], 0, pupil);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   AttPupilSearch *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matches))) != NULL)
    gtk_list_box_remove (self->matches, child);
  g_clear_pointer (&self->found, g_ptr_array_unref);

  if (self->finder == NULL)
    return;

  self->found = att_pupil_finder_search (self->finder,
                                         gtk_editable_get_text (GTK_EDITABLE (entry)),
                                         MAX_MATCHES);
  for (guint i = 0; i < self->found->len; i++)
    gtk_list_box_append (self->matches, create_match_row (g_ptr_array_index (self->found, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->matches), self->found->len > 0);
}

static void
on_activate (GtkSearchEntry *entry,
             AttPupilSearch *self)
{
  if (self->found != NULL && self->found->len > 0)
    choose (self, g_ptr_array_index (self->found, 0));
}

static void
on_row_activated (GtkListBox     *box,
                  GtkListBoxRow  *row,
                  AttPupilSearch *self)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->found != NULL && index >= 0 && (guint)index < self->found->len)
    choose (self, g_ptr_array_index (self->found, index));
}

/* Down from the entry goes to the matches, as in a search popover. */
static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              AttPupilSearch        *self)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  first = gtk_list_box_get_row_at_index (self->matches, 0);
  if (first == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

/* Escape in the entry clears what was typed; in an empty entry it closes
 * the window, as Escape does anywhere else in a dialog (the search entry
 * would otherwise keep the key to itself). */
static void
on_stop_search (GtkSearchEntry *entry,
                AttPupilSearch *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "window.close", NULL);
}

static void
att_pupil_search_dispose (GObject *object)
{
  AttPupilSearch *self = ATT_PUPIL_SEARCH (object);

  g_clear_pointer (&self->finder, att_pupil_finder_free);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_clear_object (&self->pupil);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_PUPIL_SEARCH);

  G_OBJECT_CLASS (att_pupil_search_parent_class)->dispose (object);
}

static gboolean
att_pupil_search_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ATT_PUPIL_SEARCH (widget)->entry));
}

static void
att_pupil_search_class_init (AttPupilSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_pupil_search_dispose;
  widget_class->grab_focus = att_pupil_search_grab_focus;

  signals[PUPIL_CHOSEN] = g_signal_new ("pupil-chosen", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, ATT_TYPE_PUPIL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/calls/att-pupil-search.ui");
  gtk_widget_class_bind_template_child (widget_class, AttPupilSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, AttPupilSearch, matches);
  gtk_widget_class_bind_template_child (widget_class, AttPupilSearch, chosen_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_key);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}

static void
att_pupil_search_init (AttPupilSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  update_chosen (self);
}

void
att_pupil_search_set_school (AttPupilSearch *self,
                             AttDb          *db,
                             AttDate         date)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATT_IS_PUPIL_SEARCH (self));

  g_clear_pointer (&self->finder, att_pupil_finder_free);
  if (db != NULL)
    {
      self->finder = att_pupil_finder_new (db, date, &error);
      if (self->finder == NULL)
        g_warning ("Could not read the pupils: %s", error->message);
    }
  on_search_changed (self->entry, self);
}

AttPupil *
att_pupil_search_get_pupil (AttPupilSearch *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_SEARCH (self), NULL);

  return self->pupil;
}

void
att_pupil_search_set_pupil (AttPupilSearch *self,
                            AttPupil       *pupil)
{
  g_return_if_fail (ATT_IS_PUPIL_SEARCH (self));

  g_set_object (&self->pupil, pupil);
  update_chosen (self);
}

guint
att_pupil_search_get_n_matches (AttPupilSearch *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_SEARCH (self), 0);

  return self->found != NULL ? self->found->len : 0;
}

void
att_pupil_search_focus (AttPupilSearch *self)
{
  g_return_if_fail (ATT_IS_PUPIL_SEARCH (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}
