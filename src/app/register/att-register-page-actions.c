/* att-register-page-actions.c: the register.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of AttRegisterPage; what the parts share is in
 * att-register-page-private.h.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-amend-dialog.h"
#include "att-application.h"
#include "att-code-palette.h"
#include "att-filter-dialog.h"
#include "att-mark-history-popover.h"
#include "att-register-model.h"
#include "att-register-page-private.h"

/* ------------------------------------------------------------------ */
/* Actions                                                            */
/* ------------------------------------------------------------------ */

static void
action_mark_all_present (GtkWidget  *widget,
                         const char *name,
                         GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  AttGrid *grid = _att_register_page_get_grid (self);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const AttGridColumn *column;
  guint written = 0;
  guint n = _att_register_page_n_shown (self);

  if (grid == NULL || att_grid_get_n_columns (grid) == 0 || !_att_register_page_check_user (self))
    return;
  column = att_grid_get_column (grid, self->cursor_col);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint p = 0; p < n; p++)
    {
      g_autoptr(AttRegisterRow) row = _att_register_page_row_at (self, p);
      gint64 id = att_grid_get_pupil_id (grid, att_register_row_get_index (row));
      g_array_append_val (ids, id);
    }

  if (!att_register_mark_all_present (self->db, _att_register_page_get_user (self),
                                      (const gint64 *)(gpointer)ids->data, ids->len,
                                      column->date, column->session, self->undo,
                                      &written, &error))
    {
      _att_register_page_show_message (self, error->message);
      return;
    }
  {
    g_autofree char *when = _att_register_page_describe_session (column->date, column->session);
    g_autofree char *text = g_strdup_printf (ngettext ("%s: %u pupil marked present",
                                                       "%s: %u pupils marked present", written),
                                             when, written);
    _att_register_page_show_toast (self, text);
  }
  _att_register_page_after_write (self);
}

static void
action_fill (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  if (param != NULL && g_variant_is_of_type (param, G_VARIANT_TYPE_STRING)
      && *g_variant_get_string (param, NULL) != '\0')
    {
      _att_register_page_commit_text (self, g_variant_get_string (param, NULL), FALSE);
      return;
    }
  /* Without a code: pick one from the palette for the selection. */
  gtk_widget_activate_action (widget, "register.palette", NULL);
}

static void
action_close (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  AttGrid *grid = _att_register_page_get_grid (self);
  g_autoptr(PendingWrite) w = NULL;
  const AttGridColumn *first, *last;
  guint c0, c1;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *body = NULL;

  if (grid == NULL || att_grid_get_n_columns (grid) == 0 || !_att_register_page_check_user (self))
    return;
  c0 = self->has_selection ? MIN (self->anchor_col, self->cursor_col) : self->cursor_col;
  c1 = self->has_selection ? MAX (self->anchor_col, self->cursor_col) : self->cursor_col;
  first = att_grid_get_column (grid, c0);
  last = att_grid_get_column (grid, c1);

  w = g_new0 (PendingWrite, 1);
  w->kind = WAIT_CLOSURE;
  w->date = first->date;
  w->last = last->date;
  /* Whole days, or a single session. */
  if (c0 == c1)
    w->closure_session = first->session;
  else if (first->session == ATT_SESSION_AM && last->session == ATT_SESSION_PM)
    w->closure_session = -1;
  else
    {
      _att_register_page_show_message (self, _("A closure is whole days or a single session: select from a morning "
                                               "to an afternoon, or one session"));
      return;
    }

  from = _att_register_page_describe_session (first->date, first->session);
  to = _att_register_page_describe_session (last->date, last->session);
  body = c0 == c1
    ? g_strdup_printf (_("%s becomes # for every pupil in the school calendar."), from)
    /* Translators: a closure from one session to another */
    : g_strdup_printf (_("From %s to %s becomes # for every pupil in the school calendar."), from, to);
  _att_register_page_ask_reason (self, g_steal_pointer (&w), _("Add a Planned Closure?"), body, _("_Add Closure"));
}

static void
action_undo (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;

  if (self->db == NULL || !att_register_undo_can_undo (self->undo) || !_att_register_page_check_user (self))
    return;
  what = att_register_undo_describe (self->undo);
  if (!att_register_undo (self->undo, self->db, _att_register_page_get_user (self), &error))
    {
      _att_register_page_show_message (self, error->message);
      return;
    }
  {
    /* Translators: %s says what was undone, "V for 4 sessions" */
    g_autofree char *text = g_strdup_printf (_("Undone: %s"), what);
    _att_register_page_show_toast (self, text);
  }
  _att_register_page_after_write (self);
}

static void
on_filter_saved (AttFilterDialog     *dialog,
                 const AttGridFilter *filter,
                 AttRegisterPage     *self)
{
  g_autofree char *text = NULL;

  _att_register_page_fill_choices (self);
  att_register_page_show (self, filter, self->date, self->week);
  /* Translators: %s is the name of a saved register filter */
  text = g_strdup_printf (_("“%s” saved"), filter->name);
  _att_register_page_show_toast (self, text);
}

static void
on_filter_dialog_destroy (AttFilterDialog *dialog,
                          AttRegisterPage *self)
{
  if (self->filter_dialog == dialog)
    {
      self->filter_dialog = NULL;
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
open_filter_dialog (AttRegisterPage     *self,
                    const AttGridFilter *filter)
{
  if (self->filter_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->filter_dialog));

  self->filter_dialog = att_filter_dialog_new (_att_register_page_get_window (self), self->db,
                                               _att_register_page_get_user (self),
                                               _att_register_page_today (self), filter);
  g_signal_connect (self->filter_dialog, "saved", G_CALLBACK (on_filter_saved), self);
  g_signal_connect (self->filter_dialog, "destroy", G_CALLBACK (on_filter_dialog_destroy), self);
  gtk_window_present (GTK_WINDOW (self->filter_dialog));
}

static void
action_new_filter (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  g_autoptr(AttGridFilter) start = NULL;

  if (self->db == NULL)
    return;
  /* A new filter starts from what is on screen (Year 9, say), so adding
   * one condition to it is one change. */
  start = att_grid_filter_copy (self->filter);
  g_clear_pointer (&start->name, g_free);
  open_filter_dialog (self, start);
}

static void
action_edit_filter (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  if (self->db == NULL || self->filter->name == NULL)
    return;
  open_filter_dialog (self, self->filter);
}

/* Removes the saved filter called @name and shows the whole school. */
static gboolean
delete_saved_filter (AttRegisterPage *self,
                     const char      *name)
{
  g_autoptr(GPtrArray) filters = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) school = att_grid_filter_new ();
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *text = NULL;

  if (!_att_register_page_check_user (self))
    return FALSE;
  filters = att_grid_filters_load (self->db, &error);
  if (filters != NULL)
    for (guint i = 0; i < filters->len; i++)
      {
        const AttGridFilter *filter = g_ptr_array_index (filters, i);
        g_autofree char *other = g_utf8_casefold (filter->name != NULL ? filter->name : "", -1);

        if (strcmp (folded, other) == 0)
          {
            g_ptr_array_remove_index (filters, i);
            break;
          }
      }
  if (filters == NULL || !att_grid_filters_save (self->db, _att_register_page_get_user (self), filters, &error))
    {
      _att_register_page_show_message (self, error->message);
      return FALSE;
    }

  _att_register_page_fill_choices (self);
  att_register_page_show (self, school, self->date, self->week);
  /* Translators: %s is the name of a saved register filter */
  text = g_strdup_printf (_("“%s” deleted"), name);
  _att_register_page_show_toast (self, text);
  return TRUE;
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AttRegisterPage  *self)
{
  if (g_strcmp0 (response, "delete") == 0)
    delete_saved_filter (self, self->deleting_filter);
  if (self->delete_dialog == dialog)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->delete_dialog);
      self->delete_dialog = NULL;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
action_delete_filter (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->db == NULL || self->filter->name == NULL)
    return;
  if (self->delete_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->delete_dialog));

  /* Translators: %s is the name of a saved register filter */
  heading = g_strdup_printf (_("Delete Saved Filter “%s”?"), self->filter->name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (_att_register_page_get_window (self), heading,
                                                       _("It goes from the list of groups for "
                                                         "everyone. No pupil or mark is changed.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_free (self->deleting_filter);
  self->deleting_filter = g_strdup (self->filter->name);
  self->delete_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->delete_dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_att_register_page_on_palette_code (AttCodePalette  *palette,
                                    const char      *code,
                                    AttRegisterPage *self)
{
  _att_register_page_set_pending (self, NULL);
  _att_register_page_commit_text (self, code, !_att_register_page_selection_is_multiple (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* A popover of the grid gives the keyboard back to the grid when it
 * closes, whether a code was chosen or Escape pressed. */
void
_att_register_page_on_popover_closed (GtkPopover      *popover,
                                      AttRegisterPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Sorting from the keyboard, as a click on a column heading does: the
 * column of @param ("name", "group", "flags", "session" for the cursor's
 * session, "year", "unauthorised"), or "none" for the register's order. */
static void
action_sort_by (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  const char *key = g_variant_get_string (param, NULL);
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GtkColumnViewColumn *column = NULL;
  GtkSortType order = GTK_SORT_ASCENDING;

  if (g_strcmp0 (key, "name") == 0)
    column = g_list_model_get_item (columns, 0);
  else if (g_strcmp0 (key, "group") == 0)
    column = g_list_model_get_item (columns, 1);
  else if (g_strcmp0 (key, "flags") == 0)
    column = g_list_model_get_item (columns, 2);
  else if (g_strcmp0 (key, "session") == 0 && self->cursor_col < self->n_sessions)
    {
      /* One column holds every session: it sorts by the cursor's. */
      self->sessions_info->column = self->cursor_col;
      gtk_sorter_changed (gtk_column_view_column_get_sorter (self->sessions_column),
                          GTK_SORTER_CHANGE_DIFFERENT);
      column = g_object_ref (self->sessions_column);
    }
  else if (g_strcmp0 (key, "year") == 0)
    column = g_object_ref (self->ytd_column);
  else if (g_strcmp0 (key, "unauthorised") == 0)
    {
      /* The most unauthorised absence first. */
      column = g_object_ref (self->unauth_column);
      order = GTK_SORT_DESCENDING;
    }
  gtk_column_view_sort_by_column (self->column_view, column, order);
  g_clear_object (&column);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
action_palette (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  GdkRectangle rect;

  if (_att_register_page_get_grid (self) == NULL)
    return;
  _att_register_page_set_pending (self, NULL);
  _att_register_page_cell_rect (self, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->palette), &rect);
  gtk_popover_popup (GTK_POPOVER (self->palette));
}

GtkWidget *
att_register_page_show_history (AttRegisterPage *self)
{
  AttGrid *grid;
  const AttGridColumn *column;
  g_autoptr(GError) error = NULL;
  GdkRectangle rect;

  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);

  grid = _att_register_page_get_grid (self);
  if (grid == NULL || self->cursor_row == NULL)
    return NULL;
  column = att_grid_get_column (grid, self->cursor_col);
  if (!att_mark_history_popover_load (ATT_MARK_HISTORY_POPOVER (self->history), self->db,
                                      att_register_row_get_pupil (self->cursor_row),
                                      column->date, column->session, &error))
    {
      _att_register_page_show_message (self, error->message);
      return NULL;
    }
  _att_register_page_cell_rect (self, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->history), &rect);
  gtk_popover_popup (GTK_POPOVER (self->history));
  return self->history;
}

static void
action_history (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  att_register_page_show_history (ATT_REGISTER_PAGE (widget));
}

static void
action_print (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!_att_register_page_print (self, FALSE, &error) && error != NULL)
    _att_register_page_show_message (self, error->message);
}

static void
action_print_rollcall (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!_att_register_page_print (self, TRUE, &error) && error != NULL)
    _att_register_page_show_message (self, error->message);
}

static void
action_export_pdf (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *what = NULL;
  g_autofree char *monday = NULL;
  g_autofree char *suggested = NULL;

  if (self->db == NULL)
    return;
  what = att_grid_filter_describe (self->filter);
  g_strdelimit (what, "/\\:*?\"<>|, ", '-');
  monday = att_date_format (att_date_monday (self->date));
  suggested = g_strdup_printf ("register-%s-%s.pdf", what, monday);

  chooser = gtk_file_chooser_native_new (_("Export the Register as PDF"), _att_register_page_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (_att_register_page_on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static AttDate
step_date (AttDate  date,
           gboolean week,
           int      direction)
{
  if (week)
    return date + 7 * direction;
  do
    date += direction;
  while (att_date_weekday (date) > 5);
  return date;
}

static void
action_previous (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, step_date (self->date, self->week, -1), self->week);
}

static void
action_next (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, step_date (self->date, self->week, 1), self->week);
}

static void
action_today (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, _att_register_page_today (self), self->week);
}

static void
action_day_mode (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, self->date, FALSE);
}

static void
action_week_mode (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, self->date, TRUE);
}

static void
action_dismiss (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  _att_register_page_hide_message (ATT_REGISTER_PAGE (widget));
}

static void
action_search (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

const AttGridFilter *
att_register_page_get_filter (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->filter;
}

AttDate
att_register_page_get_date (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), ATT_DATE_NONE);
  return self->date;
}

gboolean
att_register_page_get_week (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);
  return self->week;
}

/* register.show-group, the buttons of the list of registers not complete:
 * shows that registration group. */
static void
action_show_group (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  g_autoptr(AttGridFilter) filter = att_grid_filter_new_group (g_variant_get_string (param, NULL));

  gtk_menu_button_popdown (self->missing_button);
  att_register_page_show (self, filter, _att_register_page_today (self), self->week);
}

/* Ctrl+G: the group chooser opens, ready for typing. */
static void
action_choose_group (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->selection_dropdown));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      {
        gtk_widget_grab_focus (child);
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), TRUE);
        return;
      }
}

/* A past session left incomplete: its day, for one group ("group=7A")
 * or the whole school, with the cursor on the session and the keyboard
 * in the grid. */
static void
action_show_day (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  g_autoptr(AttGridFilter) filter = NULL;
  const char *text;
  gint32 date, session;
  int column;

  g_variant_get (param, "(&sii)", &text, &date, &session);
  filter = att_grid_filter_parse (text, NULL);
  if (filter == NULL)
    filter = att_grid_filter_new ();
  gtk_menu_button_popdown (self->missing_button);
  att_register_page_show (self, filter, date, FALSE);
  column = att_grid_find_column (_att_register_page_get_grid (self), date, session);
  if (column >= 0)
    _att_register_page_set_cursor_internal (self, self->cursor_pos, column, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
_att_register_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "register.mark-all-present", NULL, action_mark_all_present);
  gtk_widget_class_install_action (widget_class, "register.fill", "s", action_fill);
  gtk_widget_class_install_action (widget_class, "register.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "register.close", NULL, action_close);
  gtk_widget_class_install_action (widget_class, "register.palette", NULL, action_palette);
  gtk_widget_class_install_action (widget_class, "register.history", NULL, action_history);
  gtk_widget_class_install_action (widget_class, "register.print", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "register.export-pdf", NULL, action_export_pdf);
  gtk_widget_class_install_action (widget_class, "register.print-rollcall", NULL, action_print_rollcall);
  gtk_widget_class_install_action (widget_class, "register.previous", NULL, action_previous);
  gtk_widget_class_install_action (widget_class, "register.next", NULL, action_next);
  gtk_widget_class_install_action (widget_class, "register.today", NULL, action_today);
  gtk_widget_class_install_action (widget_class, "register.day-mode", NULL, action_day_mode);
  gtk_widget_class_install_action (widget_class, "register.week-mode", NULL, action_week_mode);
  gtk_widget_class_install_action (widget_class, "register.dismiss", NULL, action_dismiss);
  gtk_widget_class_install_action (widget_class, "register.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "register.sort-by", "s", action_sort_by);
  gtk_widget_class_install_action (widget_class, "register.show-group", "s", action_show_group);
  gtk_widget_class_install_action (widget_class, "register.show-day", "(sii)", action_show_day);
  gtk_widget_class_install_action (widget_class, "register.choose-group", NULL, action_choose_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "register.choose-group", NULL);
  gtk_widget_class_install_action (widget_class, "register.new-filter", NULL, action_new_filter);
  gtk_widget_class_install_action (widget_class, "register.edit-filter", NULL, action_edit_filter);
  gtk_widget_class_install_action (widget_class, "register.delete-filter", NULL, action_delete_filter);
  gtk_widget_class_install_property_action (widget_class, "register.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "register.along-row", "along-row");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "register.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "register.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "register.mark-all-present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "register.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "register.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "register.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "register.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "register.day-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "register.week-mode", NULL);
}

/* Enables the actions from what the user may do, as the core decides it
 * (att_user_require()), and from the page's state. With nobody signed in
 * they stay enabled, and using one says that nobody is signed in. */
void
_att_register_page_actions_update (AttPage *page)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (page);
  const AttUser *user = _att_register_page_get_user (self);
  g_autoptr(GError) mark_error = NULL;
  gboolean may_mark, may_close;

  may_mark = user == NULL || att_user_require (user, ATT_PERM_MARK, &mark_error);
  may_close = user == NULL || att_user_require (user, ATT_PERM_CALENDAR, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.mark-all-present", may_mark);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.fill", may_mark);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.palette", may_mark);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.close", may_close);
  /* A disabled button says why. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mark_present_button),
                               may_mark ? self->mark_present_tooltip : mark_error->message);

  _att_register_page_update_filter_actions (self);
}
