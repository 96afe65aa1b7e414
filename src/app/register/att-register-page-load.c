/* att-register-page-load.c: loading a selection, the group chooser, and the missing registers
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
/* Loading                                                            */
/* ------------------------------------------------------------------ */

static void
update_subtitle (AttRegisterPage *self)
{
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;

  if (self->db == NULL)
    subtitle = NULL;
  else
    {
      what = att_grid_filter_describe (self->filter);
      if (self->week)
        {
          g_autofree char *monday = att_date_format_long (att_date_monday (self->date));
          g_autofree char *range = NULL;
          int y1, m1, d1, y2, m2, d2;

          /* Translators: "Week beginning Mon 9 Sep 2024" */
          when = g_strdup_printf (_("Week beginning %s"), monday);
          att_date_to_ymd (att_date_monday (self->date), &y1, &m1, &d1);
          att_date_to_ymd (att_date_monday (self->date) + 4, &y2, &m2, &d2);
          {
            g_autoptr(GDateTime) first = g_date_time_new_local (y1, m1, d1, 0, 0, 0);
            g_autoptr(GDateTime) last = g_date_time_new_local (y2, m2, d2, 0, 0, 0);
            g_autofree char *a = g_date_time_format (first, m1 == m2 ? "%-d" : "%-d %b");
            g_autofree char *b = g_date_time_format (last, "%-d %b %Y");

            if (m1 == m2)
              /* Translators: a short week within a month, "9–13 Sep 2024" */
              range = g_strdup_printf (_("%s–%s"), a, b);
            else
              /* Translators: a short week across two months, "30 Sep – 4 Oct 2024" */
              range = g_strdup_printf (_("%s – %s"), a, b);
          }
          gtk_label_set_label (self->date_label, range);
        }
      else
        {
          when = att_date_format_long (self->date);
          gtk_label_set_label (self->date_label, when);
        }
      /* Translators: what the register shows and when: "7A, Mon 9 Sep 2024" */
      subtitle = g_strdup_printf (_("%s, %s"), what, when);
    }

  att_page_set_subtitle (ATT_PAGE (self), subtitle);
}

void
_att_register_page_update_status (AttRegisterPage *self)
{
  AttGrid *grid = _att_register_page_get_grid (self);
  g_autoptr(GString) text = g_string_new (NULL);

  if (grid != NULL && att_grid_get_n_columns (grid) > 0)
    {
      const AttGridColumn *column = att_grid_get_column (grid, self->cursor_col);
      g_autofree char *when = _att_register_page_describe_session (column->date, column->session);

      if (!column->school)
        g_string_append_printf (text, _("%s: no session (%s)"), when,
                                column->reason != NULL ? column->reason : _("not a school day"));
      else
        {
          guint blank = att_grid_count_blank (grid, self->cursor_col);
          guint on_roll = att_grid_count_on_roll (grid, self->cursor_col);

          g_string_append_printf (text,
                                  ngettext ("%s: %'u pupil on roll, %'u not marked yet",
                                            "%s: %'u pupils on roll, %'u not marked yet",
                                            on_roll),
                                  when, on_roll, blank);
        }
    }
  g_string_append (text, _("  ·  Type a code, F2 for the list, Shift+arrows to select, Ctrl+H for history"));
  gtk_label_set_label (self->status_label, text->str);
}

static void
save_view (AttRegisterPage *self)
{
  g_autofree char *text = NULL;

  if (self->settings == NULL)
    return;
  text = att_grid_filter_to_string (self->filter);
  g_settings_set_string (self->settings, "register-group", text);
  g_settings_set_string (self->settings, "register-mode", self->week ? "week" : "day");
}

AttGrid *
_att_register_page_build_grid (AttRegisterPage  *self,
                               gboolean          week,
                               GError          **error)
{
  AttDate first, last;
  AttGrid *grid;

  if (week)
    att_grid_week_range (self->date, &first, &last);
  else
    first = last = self->date;
  grid = att_grid_new (self->db, self->filter, first, last, error);
  if (grid != NULL)
    att_grid_set_now (grid, self->db, _att_register_page_today (self), _att_register_page_clock_now (self));
  return grid;
}

/* A reload put off while the page is hidden: it runs when the page is
 * shown (its "map"), and is marked on the page under this key. */
static GQuark
deferred_reload_quark (void)
{
  return g_quark_from_static_string ("att-register-page-deferred-reload");
}

static void reload_now (AttRegisterPage *self);

/* Takes the reload put off, if any, off the page. */
static void
take_deferred_reload (AttRegisterPage *self)
{
  if (g_object_steal_qdata (G_OBJECT (self), deferred_reload_quark ()) == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self, (gpointer)deferred_reload_quark);
}

static void
on_map_reload (GtkWidget *widget,
               gpointer   user_data)
{
  take_deferred_reload (ATT_REGISTER_PAGE (widget));
  reload_now (ATT_REGISTER_PAGE (widget));
}

static void
defer_reload (AttRegisterPage *self)
{
  if (g_object_get_qdata (G_OBJECT (self), deferred_reload_quark ()) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (self), deferred_reload_quark (), GUINT_TO_POINTER (1));
  g_signal_connect (self, "map", G_CALLBACK (on_map_reload), (gpointer)deferred_reload_quark);
}

void
_att_register_page_reload (AttRegisterPage *self)
{
  /* A page the window holds but does not show (another page on screen,
   * or the sign-in over it) builds its grid when it is shown, before the
   * frame that shows it: a whole school's week is not read, nor its rows
   * made, for a page nobody looks at. */
  if (att_page_is_waiting (ATT_PAGE (self)))
    {
      defer_reload (self);
      return;
    }
  /* A reload asked for while one is put off is that one, done now. */
  take_deferred_reload (self);
  reload_now (self);
}

static void
reload_now (AttRegisterPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGrid) grid = NULL;
  AttRegisterUndo *undo;
  guint column = 0;
  AttDate today = _att_register_page_today (self);
  gint64 pupil_id = 0;
  guint position = 0;

  /* The cursor stays with its pupil across days, weeks and groups when
   * the pupil is still shown. */
  if (self->cursor_row != NULL && att_register_row_get_pupil (self->cursor_row) != NULL)
    pupil_id = att_register_row_get_pupil (self->cursor_row)->id;
  _att_register_page_set_pending (self, NULL);
  _att_register_page_clear_selection (self);
  if (self->cursor_row != NULL)
    att_register_row_set_cursor (self->cursor_row, -1, NULL);
  g_clear_object (&self->cursor_row);

  if (self->db != NULL)
    {
      grid = _att_register_page_build_grid (self, self->week, &error);
      if (grid == NULL)
        _att_register_page_show_message (self, error->message);
    }
  /* The sessions column narrows before the rows change, and widens
   * after, so no row ever shows a column the grid lacks. */
  if (self->n_sessions > (grid != NULL ? att_grid_get_n_columns (grid) : 0))
    {
      self->n_sessions = grid != NULL ? att_grid_get_n_columns (grid) : 0;
      gtk_column_view_column_set_fixed_width (self->sessions_column,
                                              MAX (self->n_sessions, 1) * SESSION_WIDTH);
    }
  att_register_model_set_grid (self->model, grid);
  _att_register_page_sync_session_columns (self);
  /* The same pupils keep their rows (the list does not change): sorted by
   * a column, they are sorted again by what the new days hold. */
  if (gtk_sorter_get_order (gtk_column_view_get_sorter (self->column_view)) != GTK_SORTER_ORDER_NONE)
    gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);

  /* Undo belongs to what is on screen: a change made in another view is
   * not undone from here by surprise. */
  undo = att_register_undo_new ();
  att_register_undo_free (self->undo);
  self->undo = undo;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.undo", FALSE);

  /* Start on the session now, when it is shown. */
  if (grid != NULL)
    {
      int found = att_grid_find_column (grid, today, _att_register_page_session_now (self));
      if (found >= 0)
        column = found;
    }
  if (grid != NULL && pupil_id != 0)
    {
      int row = att_grid_find_row (grid, pupil_id);

      if (row >= 0)
        position = _att_register_page_find_shown (self, att_register_model_get_row (self->model, row));
      if (position == GTK_INVALID_LIST_POSITION)
        position = 0;
    }
  self->cursor_col = column;
  _att_register_page_set_cursor_internal (self, position, column, FALSE);

  update_subtitle (self);
  _att_register_page_update_status (self);
  _att_register_page_update_empty_state (self);
}

/* ------------------------------------------------------------------ */
/* The selection of pupils                                            */
/* ------------------------------------------------------------------ */

gboolean
_att_register_page_filters_equal (const AttGridFilter *a,
                                  const AttGridFilter *b)
{
  g_autofree char *ta = att_grid_filter_to_string (a);
  g_autofree char *tb = att_grid_filter_to_string (b);

  return g_strcmp0 (ta, tb) == 0;
}

/* The saved filter called @name as it is stored now (names compare
 * without case, as the core keeps them unique that way), or NULL. */
const AttGridFilter *
_att_register_page_find_saved (AttRegisterPage *self,
                               const char      *name)
{
  g_autofree char *folded = NULL;

  if (name == NULL)
    return NULL;
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < self->choices->len; i++)
    {
      const AttGridFilter *choice = g_ptr_array_index (self->choices, i);
      g_autofree char *other = NULL;

      if (choice->name == NULL)
        continue;
      other = g_utf8_casefold (choice->name, -1);
      if (strcmp (folded, other) == 0)
        return choice;
    }
  return NULL;
}

void
_att_register_page_update_filter_actions (AttRegisterPage *self)
{
  gboolean saved = self->db != NULL && self->filter->name != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.new-filter", self->db != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.edit-filter", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.delete-filter", saved);
}

static void
select_choice (AttRegisterPage *self)
{
  GListModel *strings = gtk_drop_down_get_model (self->selection_dropdown);
  guint i;

  if (self->filter == NULL || strings == NULL)
    return;
  self->updating_choices = TRUE;
  if (self->choices->len > self->n_listed)
    {
      gtk_string_list_splice (GTK_STRING_LIST (strings), self->n_listed,
                              self->choices->len - self->n_listed, NULL);
      g_ptr_array_set_size (self->choices, self->n_listed);
    }
  for (i = 0; i < self->choices->len; i++)
    if (_att_register_page_filters_equal (g_ptr_array_index (self->choices, i), self->filter))
      break;
  /* A selection that is not in the list (a group with nobody on roll
   * today, say) joins the end of it, so the list always names what the
   * grid shows. */
  if (i == self->choices->len)
    {
      g_autofree char *text = att_grid_filter_describe (self->filter);

      g_ptr_array_add (self->choices, att_grid_filter_copy (self->filter));
      gtk_string_list_append (GTK_STRING_LIST (strings), text);
    }
  gtk_drop_down_set_selected (self->selection_dropdown, i);
  self->updating_choices = FALSE;
}

/* The section of a choice: 0 the whole school and the year groups, 1 a
 * form (registration group), 2 a saved filter, 3 a selection shown that
 * is none of these. */
static int
choice_section (const AttGridFilter *filter)
{
  if (filter->name != NULL)
    return 2;
  if (filter->group != NULL)
    return 1;
  return 0;
}

static const char *
section_title (int section)
{
  switch (section)
    {
    case 0:
      return _("Whole School and Year Groups");
    case 1:
      return _("Forms");
    case 2:
      return _("Saved Filters");
    default:
      return NULL;
    }
}

static void
choice_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_top (heading, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

/* Each section of the list opens with its title; the title of a section
 * goes with its first choice, so a search that keeps it shows it. */
static void
choice_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AttRegisterPage          *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *heading = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  GtkStringObject *string = gtk_list_item_get_item (item);
  GListModel *strings = gtk_drop_down_get_model (self->selection_dropdown);
  guint index = GTK_INVALID_LIST_POSITION;
  int section = -1, previous = -1;

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
  for (guint i = 0; strings != NULL && i < g_list_model_get_n_items (strings); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (strings, i);

      if (other == G_OBJECT (string))
        {
          index = i;
          break;
        }
    }
  if (index < self->choices->len)
    {
      section = index >= self->n_listed ? 3 : choice_section (g_ptr_array_index (self->choices, index));
      if (index > 0)
        previous = index - 1 >= self->n_listed ? 3 : choice_section (g_ptr_array_index (self->choices, index - 1));
    }
  gtk_widget_set_visible (heading, section != previous && section_title (section) != NULL);
  gtk_label_set_label (GTK_LABEL (heading), section_title (section));
}

/* The button shows the choice alone, without a heading. */
static void
choice_button_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_widget_set_visible (gtk_widget_get_first_child (box), FALSE);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* The group chooser: a searchable list in sections. Typing in it finds a
 * group, a year or a saved filter by the start of its name. */
void
_att_register_page_setup_chooser (AttRegisterPage *self)
{
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  g_signal_connect (list_factory, "setup", G_CALLBACK (choice_setup), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (choice_bind), self);
  g_signal_connect (button_factory, "setup", G_CALLBACK (choice_setup), NULL);
  g_signal_connect (button_factory, "bind", G_CALLBACK (choice_button_bind), NULL);
  gtk_drop_down_set_expression (self->selection_dropdown, expression);
  gtk_drop_down_set_enable_search (self->selection_dropdown, TRUE);
  gtk_drop_down_set_factory (self->selection_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->selection_dropdown, list_factory);
}

void
_att_register_page_fill_choices (AttRegisterPage *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GArray) years = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_auto(GStrv) groups = NULL;

  g_ptr_array_set_size (self->choices, 0);
  if (self->db != NULL)
    {
      AttDate today = _att_register_page_today (self);

      groups = att_grid_list_groups (self->db, today);
      years = att_grid_list_years (self->db, today);
      saved = att_grid_filters_load (self->db, NULL);

      /* In sections: the whole school and the year groups, then the
       * forms (registration groups), then the saved filters. */
      g_ptr_array_add (self->choices, att_grid_filter_new ());
      for (guint i = 0; i < years->len; i++)
        g_ptr_array_add (self->choices, att_grid_filter_new_year (g_array_index (years, int, i)));
      for (guint i = 0; groups[i] != NULL; i++)
        g_ptr_array_add (self->choices, att_grid_filter_new_group (groups[i]));
      for (guint i = 0; saved != NULL && i < saved->len; i++)
        g_ptr_array_add (self->choices, att_grid_filter_copy (g_ptr_array_index (saved, i)));
    }

  for (guint i = 0; i < self->choices->len; i++)
    {
      g_autofree char *text = att_grid_filter_describe (g_ptr_array_index (self->choices, i));
      gtk_string_list_append (strings, text);
    }
  self->n_listed = self->choices->len;

  self->updating_choices = TRUE;
  gtk_drop_down_set_model (self->selection_dropdown, G_LIST_MODEL (strings));
  self->updating_choices = FALSE;
  select_choice (self);
}

void
_att_register_page_on_choice_selected (GtkDropDown     *dropdown,
                                       GParamSpec      *pspec,
                                       AttRegisterPage *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->updating_choices || i >= self->choices->len)
    return;
  att_register_page_show (self, g_ptr_array_index (self->choices, i), self->date, self->week);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
att_register_page_show (AttRegisterPage     *self,
                        const AttGridFilter *filter,
                        AttDate              date,
                        gboolean             week)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));

  if (filter != NULL && filter != self->filter)
    {
      att_grid_filter_free (self->filter);
      self->filter = att_grid_filter_copy (filter);
    }
  /* A day view of a weekend shows the Friday before. */
  if (!week)
    while (att_date_weekday (date) > 5)
      date--;
  self->date = date;
  if (self->week != week)
    {
      self->week = week;
      g_object_notify_by_pspec (G_OBJECT (self), _att_register_page_properties[PROP_MODE]);
    }
  _att_register_page_restore_along_row (self);
  select_choice (self);
  _att_register_page_update_filter_actions (self);
  save_view (self);
  _att_register_page_reload (self);
}

void
att_register_page_focus_grid (AttRegisterPage *self)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

gboolean
att_register_page_focus_pupil (AttRegisterPage *self,
                               gint64           pupil_id)
{
  guint n;

  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);

  /* A name typed in the search bar could hide the pupil. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_filter_changed (GTK_FILTER (self->name_filter), GTK_FILTER_CHANGE_LESS_STRICT);
    }

  n = _att_register_page_n_shown (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttRegisterRow) row = _att_register_page_row_at (self, i);
      AttPupil *pupil = att_register_row_get_pupil (row);

      if (pupil != NULL && pupil->id == pupil_id)
        {
          _att_register_page_set_cursor_internal (self, i, self->cursor_col, FALSE);
          gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Missing registers                                                  */
/* ------------------------------------------------------------------ */

static gboolean
update_missing (gpointer user_data)
{
  AttRegisterPage *self = user_data;
  AttDate today = _att_register_page_today (self);
  AttSession session = _att_register_page_session_now (self);
  g_autoptr(GArray) still_n = NULL;
  GtkWidget *box, *popover;
  guint n_missing, n_past = 0;

  self->missing_idle_id = 0;
  g_clear_pointer (&self->missing, g_ptr_array_unref);
  if (self->db == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->missing_button), FALSE);
      return G_SOURCE_REMOVE;
    }

  self->missing = att_register_incomplete (self->db, today, session, NULL);
  /* The last week's sessions whose register closed incomplete, this one
   * aside (listed group by group). */
  g_clear_pointer (&self->past_gaps, g_ptr_array_unref);
  self->past_gaps = att_register_incomplete_past (self->db, today - 7, today,
                                                  _att_register_page_clock_now (self), NULL);
  for (guint i = 0; self->past_gaps != NULL && i < self->past_gaps->len; i++)
    {
      const AttRegisterGap *gap = g_ptr_array_index (self->past_gaps, i);

      if (gap->date == today && gap->session == session)
        g_ptr_array_remove_index (self->past_gaps, i--);
    }
  n_past = self->past_gaps != NULL ? self->past_gaps->len : 0;
  still_n = att_register_still_n (self->db, today, session, today, _att_register_page_clock_now (self), NULL);
  n_missing = self->missing != NULL ? self->missing->len : 0;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  if (n_missing > 0)
    {
      GtkWidget *heading = gtk_label_new (_("Registers not complete"));
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_box_append (GTK_BOX (box), heading);
    }
  for (guint i = 0; i < n_missing; i++)
    {
      AttRegisterStatus *status = g_ptr_array_index (self->missing, i);
      g_autofree char *text = g_strdup_printf (_("%s: %u of %u marked"), status->group,
                                               status->marked, status->on_roll);
      GtkWidget *button = gtk_button_new_with_label (text);

      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "register.show-group");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", status->group);
      gtk_box_append (GTK_BOX (box), button);
    }
  if (n_past > 0)
    {
      GtkWidget *heading = gtk_label_new (_("Earlier sessions not complete"));
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_widget_set_margin_top (heading, n_missing > 0 ? 8 : 0);
      gtk_box_append (GTK_BOX (box), heading);
    }
  for (guint i = 0; i < n_past; i++)
    {
      const AttRegisterGap *gap = g_ptr_array_index (self->past_gaps, i);
      g_autofree char *when = _att_register_page_describe_session (gap->date, gap->session);
      g_autoptr(AttGridFilter) filter = NULL;
      g_autofree char *target = NULL;
      g_autofree char *text = NULL;
      GtkWidget *button;

      /* One group opens on that group, several on the whole school. */
      filter = gap->groups->len == 1
               ? att_grid_filter_new_group (((AttRegisterStatus *)g_ptr_array_index (gap->groups, 0))->group)
               : att_grid_filter_new ();
      target = att_grid_filter_to_string (filter);
      /* Translators: a past session, then how many registers and pupils
       * it left without a mark: "Mon 7 Dec 2026 AM: 2 registers, 5 pupils" */
      text = g_strdup_printf (_("%s: %u registers, %u pupils"), when, gap->groups->len, gap->unmarked);
      button = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "register.show-day");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sii)", target,
                                        (gint32)gap->date, (gint32)gap->session);
      gtk_box_append (GTK_BOX (box), button);
    }
  n_missing += n_past;
  if (still_n != NULL && still_n->len > 0)
    {
      GtkWidget *heading = gtk_label_new (_("Still N after the register closed"));
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_widget_set_margin_top (heading, 8);
      gtk_box_append (GTK_BOX (box), heading);
      for (guint i = 0; i < still_n->len && i < 30; i++)
        {
          AttPupil *pupil = att_pupils_get (self->db, g_array_index (still_n, gint64, i));
          g_autofree char *text = NULL;
          GtkWidget *label;

          if (pupil == NULL)
            continue;
          text = g_strdup_printf ("%s (%s)", att_pupil_get_display_name (pupil), pupil->reg_group);
          label = gtk_label_new (text);
          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_box_append (GTK_BOX (box), label);
        }
      if (still_n->len > 30)
        {
          g_autofree char *more = g_strdup_printf (_("and %u more"), still_n->len - 30);
          gtk_box_append (GTK_BOX (box), gtk_label_new (more));
        }
    }

  if (n_missing > 0 || (still_n != NULL && still_n->len > 0))
    {
      guint n_still = still_n != NULL ? still_n->len : 0;
      g_autofree char *label = NULL;

      g_autofree char *tooltip = NULL;
      GtkWidget *scroller;

      /* The button stays short so the toolbar fits beside the sidebar;
       * its tooltip and popover say it in full. */
      if (n_missing > 0 && n_still > 0)
        {
          /* Translators: a short button label: registers not complete, and pupils still N */
          label = g_strdup_printf (_("%u Incomplete, %u N"), n_missing, n_still);
          /* Translators: the tooltip of the button above */
          tooltip = g_strdup_printf (_("Registers not complete: %u. Pupils still N after the register closed: %u."),
                                     n_missing, n_still);
        }
      else if (n_missing > 0)
        {
          /* Translators: a short button label: the number of registers not complete */
          label = g_strdup_printf (_("%u Incomplete"), n_missing);
          tooltip = g_strdup_printf (ngettext ("%u register not complete for this session",
                                               "%u registers not complete for this session", n_missing),
                                     n_missing);
        }
      else
        {
          /* Translators: a short button label: the number of pupils still marked N */
          label = g_strdup_printf (_("%u Still N"), n_still);
          tooltip = g_strdup_printf (ngettext ("%u pupil still N after the register closed",
                                               "%u pupils still N after the register closed", n_still),
                                     n_still);
        }
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
      popover = gtk_popover_new ();
      gtk_popover_set_child (GTK_POPOVER (popover), scroller);
      gtk_menu_button_set_popover (self->missing_button, popover);
      gtk_menu_button_set_label (self->missing_button, label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->missing_button), tooltip);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_button), TRUE);
    }
  else
    {
      g_object_ref_sink (box);
      g_object_unref (box);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_button), FALSE);
    }
  return G_SOURCE_REMOVE;
}

void
_att_register_page_schedule_missing (AttRegisterPage *self)
{
  if (self->missing_idle_id == 0)
    self->missing_idle_id = g_timeout_add (300, update_missing, self);
}

GPtrArray *
att_register_page_get_missing (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);

  g_clear_handle_id (&self->missing_idle_id, g_source_remove);
  update_missing (self);
  return self->missing;
}

GPtrArray *
att_register_page_get_past_gaps (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->past_gaps;
}
