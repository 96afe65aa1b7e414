/* att-register-page-columns.c: the cells of the grid, sorting and filtering by name, and the columns
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
/* Cells                                                              */
/* ------------------------------------------------------------------ */

static void
on_cell_pressed (AttRegisterCell *cell,
                 guint            button,
                 GdkModifierType  state,
                 GtkListItem     *item)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (cell), ATT_TYPE_REGISTER_PAGE));
  guint position = gtk_list_item_get_position (item);
  gboolean stop = FALSE;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  _att_register_page_commit_pending (self, FALSE, &stop);
  _att_register_page_set_cursor_internal (self, position, self->cursor_col,
                                          (state & GDK_SHIFT_MASK) != 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_sessions_pressed (AttRegisterSessions *sessions,
                     int                  column,
                     guint                button,
                     GdkModifierType      state,
                     GtkListItem         *item)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (sessions), ATT_TYPE_REGISTER_PAGE));
  guint position = gtk_list_item_get_position (item);
  gboolean stop = FALSE;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  _att_register_page_commit_pending (self, FALSE, &stop);
  _att_register_page_set_cursor_internal (self, position, column, (state & GDK_SHIFT_MASK) != 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));

  if (button == GDK_BUTTON_SECONDARY)
    att_register_page_show_history (self);
}

/* Dragged from a session to @column of the row @over: the selection
 * runs from where the drag began to there. */
static void
on_sessions_dragged (AttRegisterSessions *sessions,
                     int                  column,
                     AttRegisterSessions *over,
                     GtkListItem         *item)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (sessions), ATT_TYPE_REGISTER_PAGE));
  AttRegisterRow *row = att_register_sessions_get_row (over);
  guint position;

  if (row == NULL)
    return;
  position = _att_register_page_find_shown (self, row);
  if (position == GTK_INVALID_LIST_POSITION
      || (position == self->cursor_pos && (guint)column == self->cursor_col))
    return;
  _att_register_page_set_cursor_internal (self, position, column, TRUE);
}

static void
on_sessions_long_pressed (AttRegisterSessions *sessions,
                          int                  column,
                          GtkListItem         *item)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (sessions), ATT_TYPE_REGISTER_PAGE));
  guint position = gtk_list_item_get_position (item);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  _att_register_page_set_cursor_internal (self, position, column, FALSE);
  att_register_page_show_history (self);
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const CellInfo           *info)
{
  GtkWidget *cell;

  if (info->kind == ATT_REGISTER_CELL_SESSION)
    {
      cell = att_register_sessions_new (SESSION_WIDTH);
      g_signal_connect (cell, "pressed", G_CALLBACK (on_sessions_pressed), item);
      g_signal_connect (cell, "dragged", G_CALLBACK (on_sessions_dragged), item);
      g_signal_connect (cell, "long-pressed", G_CALLBACK (on_sessions_long_pressed), item);
    }
  else
    {
      cell = att_register_cell_new (info->kind, info->column);
      g_signal_connect (cell, "pressed", G_CALLBACK (on_cell_pressed), item);
    }
  gtk_list_item_set_child (item, cell);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const CellInfo           *info)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  if (ATT_IS_REGISTER_SESSIONS (cell))
    att_register_sessions_set_row (ATT_REGISTER_SESSIONS (cell), gtk_list_item_get_item (item));
  else
    att_register_cell_set_row (ATT_REGISTER_CELL (cell), gtk_list_item_get_item (item));
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             const CellInfo           *info)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  if (ATT_IS_REGISTER_SESSIONS (cell))
    att_register_sessions_set_row (ATT_REGISTER_SESSIONS (cell), NULL);
  else
    att_register_cell_set_row (ATT_REGISTER_CELL (cell), NULL);
}

/* ------------------------------------------------------------------ */
/* Sorting and filtering                                              */
/* ------------------------------------------------------------------ */

static int
code_rank (AttCode code)
{
  /* Blank first, then by the meaning of the code, then by code. */
  if (code == ATT_CODE_NONE)
    return 0;
  return 1 + att_code_info (code)->meaning * 64 + code;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const CellInfo *info = user_data;
  AttRegisterRow *ra = (AttRegisterRow *)a;
  AttRegisterRow *rb = (AttRegisterRow *)b;
  AttGrid *grid = att_register_row_get_grid (ra);
  guint ia = att_register_row_get_index (ra);
  guint ib = att_register_row_get_index (rb);
  AttPupil *pa = att_register_row_get_pupil (ra);
  AttPupil *pb = att_register_row_get_pupil (rb);
  int result = 0;

  switch (info->kind)
    {
    case ATT_REGISTER_CELL_NAME:
      result = 0;   /* the grid's own order is by surname, forename */
      break;
    case ATT_REGISTER_CELL_GROUP:
      result = pa->year_group - pb->year_group;
      if (result == 0)
        result = g_strcmp0 (pa->reg_group, pb->reg_group);
      break;
    case ATT_REGISTER_CELL_FLAGS:
      {
        g_autofree char *fa = att_register_cell_flags_text (pa);
        g_autofree char *fb = att_register_cell_flags_text (pb);
        result = -(int)(strlen (fa) - strlen (fb));
        if (result == 0)
          result = g_strcmp0 (fa, fb);
      }
      break;
    case ATT_REGISTER_CELL_SESSION:
      result = code_rank (att_grid_get_code (grid, ia, info->column))
               - code_rank (att_grid_get_code (grid, ib, info->column));
      break;
    case ATT_REGISTER_CELL_YTD:
      {
        double da = att_grid_get_figures (grid, ia)->attendance_pct;
        double db = att_grid_get_figures (grid, ib)->attendance_pct;
        result = da < db ? -1 : da > db ? 1 : 0;
      }
      break;
    case ATT_REGISTER_CELL_UNAUTH:
      result = (int)att_grid_get_figures (grid, ia)->unauthorised
               - (int)att_grid_get_figures (grid, ib)->unauthorised;
      break;
    default:
      break;
    }

  if (result == 0)
    result = (int)ia - (int)ib;
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

gboolean
_att_register_page_filter_by_name (gpointer item,
                                   gpointer user_data)
{
  AttRegisterPage *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  AttPupil *pupil;
  g_autofree char *name = NULL;
  g_autofree char *legal = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  /* Case and accents aside: "celik" finds "Çelik". The text typed is
   * folded once for the whole list, not once a pupil. */
  if (g_strcmp0 (text, self->needle_text) != 0)
    {
      g_free (self->needle_text);
      g_free (self->needle);
      self->needle_text = g_strdup (text);
      self->needle = att_name_fold (text);
    }

  pupil = att_register_row_get_pupil (ATT_REGISTER_ROW (item));
  name = att_name_fold (att_pupil_get_display_name (pupil));
  if (strstr (name, self->needle) != NULL)
    return TRUE;
  legal = att_name_fold (pupil->legal_surname);
  return strstr (legal, self->needle) != NULL;
}

/* An empty grid says why: nobody's name has the text typed in the
 * filter, or nobody on roll those days matches the selection. */
void
_att_register_page_update_empty_state (AttRegisterPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *description = NULL;

  if (self->db == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_stack_set_visible_child_name (self->grid_stack, "grid");
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0 && text != NULL && *text != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Pupils Found"));
      /* Translators: %s is the text typed in the register's name filter */
      description = g_strdup_printf (_("No pupil here has a name containing “%s”. "
                                       "Press Escape in the filter to show everyone."), text);
    }
  else
    {
      g_autofree char *what = self->filter != NULL ? att_grid_filter_describe (self->filter) : NULL;

      adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Pupils on Roll"));
      /* Translators: %s names the selection: "7A", "Year 9", a saved filter's name */
      description = g_strdup_printf (self->week ? _("No pupil on roll this week matches “%s”.")
                                                : _("No pupil on roll on this day matches “%s”."),
                                     what != NULL ? what : "");
    }
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->grid_stack, "empty");
}

void
_att_register_page_on_shown_rows_changed (GListModel      *model,
                                          guint            position,
                                          guint            removed,
                                          guint            added,
                                          AttRegisterPage *self)
{
  _att_register_page_update_empty_state (self);

  /* Sorted again or filtered by name: the cursor follows its pupil, or
   * stays on a row that is shown, and the view scrolls to it. */
  if (self->cursor_row != NULL)
    {
      g_autoptr(AttRegisterRow) at = _att_register_page_row_at (self, self->cursor_pos);
      guint found;

      if (at == self->cursor_row)
        return;
      found = _att_register_page_find_shown (self, self->cursor_row);
      if (found == GTK_INVALID_LIST_POSITION)
        found = MIN (self->cursor_pos, MAX (_att_register_page_n_shown (self), 1) - 1);
      _att_register_page_set_cursor_internal (self, found, self->cursor_col, FALSE);
    }
}

void
_att_register_page_on_search_changed (GtkSearchEntry  *entry,
                                      AttRegisterPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->name_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
_att_register_page_on_search_activate (GtkSearchEntry  *entry,
                                       AttRegisterPage *self)
{
  /* Enter in the filter goes to the first pupil found. */
  att_register_page_set_cursor (self, 0, self->cursor_col);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* ------------------------------------------------------------------ */
/* Columns                                                            */
/* ------------------------------------------------------------------ */

GtkColumnViewColumn *
_att_register_page_make_column (AttRegisterPage *self,
                                const char      *title,
                                AttRegisterCellKind         kind,
                                int              column,
                                int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  CellInfo *info = g_new0 (CellInfo, 1);
  GtkColumnViewColumn *view_column;
  GtkCustomSorter *sorter;

  info->kind = kind;
  info->column = column;
  if (kind == ATT_REGISTER_CELL_SESSION)
    self->sessions_info = info;
  /* The column's sorter owns the column's CellInfo. */
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), info);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), info);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), info);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_column_set_resizable (view_column, kind == ATT_REGISTER_CELL_NAME);
  sorter = gtk_custom_sorter_new (compare_rows, info, g_free);
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
  g_object_unref (sorter);
  return view_column;
}

static char *
column_title (AttRegisterPage *self,
              const AttGridColumn *column)
{
  const char *session = column->session == ATT_SESSION_AM ? _("AM") : _("PM");

  if (!self->week)
    return g_strdup (session);
  {
    g_autoptr(GDateTime) dt = NULL;
    int y, m, d;

    att_date_to_ymd (column->date, &y, &m, &d);
    dt = g_date_time_new_local (y, m, d, 0, 0, 0);
    {
      /* The dates of the week are in the heading above the grid. */
      g_autofree char *day = g_date_time_format (dt, "%a");
      /* Translators: a narrow column heading on two lines, the day
       * above the session: "Mon" then "AM" */
      return g_strdup_printf (_("%s\n%s"), day, session);
    }
  }
}

/* What a column heading means, said in its tooltip; the sessions'
 * headings say their own. */
static char *
column_tooltip (AttRegisterPage *self,
                guint            index,
                guint            n_columns)
{
  if (index == 0)
    return g_strdup (_("The pupil’s name. Sort by any column from the menu (Sort By)"));
  if (index == 1)
    return g_strdup (_("Registration group (form)"));
  if (index == 2)
    return g_strdup (_("Flags: SEN, free school meals, English as an additional language, "
                       "looked after, social worker, young carer, a medical note, a leaver"));
  if (index == n_columns - 2)
    return g_strdup (_("Attendance this school year; PA: persistently absent (10% or more of "
                       "possible sessions missed)"));
  if (index == n_columns - 1)
    return g_strdup (_("Sessions of unauthorised absence in the last 10 school weeks; 10 or more "
                       "reaches the penalty notice threshold"));
  return NULL;
}

/* A click on a session's heading sorts by that session: the heading of
 * the column sorts by the session chosen here, first going up. */
static void
on_heading_pressed (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    AttRegisterPage *self)
{
  int column = (int)(x / SESSION_WIDTH);

  if (column < 0 || (guint)column >= self->n_sessions || column == self->sessions_info->column)
    return;
  self->sessions_info->column = column;
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
}

/* GTK 4.8 gives column headings no tooltip of their own, and one title
 * of text each: the headings are the column view's first child, one a
 * column, in order, each a box holding its title. The sessions column's
 * title gives way to a heading for each session, as wide as its cells. */
static void
place_session_headings (AttRegisterPage *self,
                        GtkWidget       *title)
{
  GtkWidget *box = gtk_widget_get_first_child (title);
  GtkWidget *label = box != NULL ? gtk_widget_get_first_child (box) : NULL;
  GtkGesture *click;

  if (self->session_headings != NULL || !GTK_IS_BOX (box) || !GTK_IS_LABEL (label))
    return;
  self->session_headings = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (self->session_headings), TRUE);
  gtk_widget_set_hexpand (self->session_headings, TRUE);
  gtk_widget_add_css_class (self->session_headings, "register-session-headings");
  gtk_widget_add_css_class (title, "register-sessions-title");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_insert_child_after (GTK_BOX (box), self->session_headings, label);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_heading_pressed), self);
  gtk_widget_add_controller (self->session_headings, GTK_EVENT_CONTROLLER (click));
}

void
_att_register_page_update_header_tooltips (AttRegisterPage *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  guint n_columns = g_list_model_get_n_items (gtk_column_view_get_columns (self->column_view));
  guint i = 0;

  if (header == NULL || GTK_IS_LIST_VIEW (header))
    return;
  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL && i < n_columns;
       title = gtk_widget_get_next_sibling (title), i++)
    {
      g_autofree char *tooltip = column_tooltip (self, i, n_columns);

      if (i == 3)
        place_session_headings (self, title);
      gtk_widget_set_tooltip_text (title, tooltip);
    }
}

void
_att_register_page_sync_session_columns (AttRegisterPage *self)
{
  AttGrid *grid = _att_register_page_get_grid (self);
  guint wanted = grid != NULL ? att_grid_get_n_columns (grid) : 0;
  GtkWidget *label;

  /* One column draws every session; its width follows their number. */
  self->n_sessions = wanted;
  gtk_column_view_column_set_fixed_width (self->sessions_column, MAX (wanted, 1) * SESSION_WIDTH);
  gtk_column_view_column_set_visible (self->sessions_column, wanted > 0);
  if ((guint)self->sessions_info->column >= MAX (wanted, 1))
    self->sessions_info->column = 0;

  _att_register_page_update_header_tooltips (self);
  if (self->session_headings == NULL)
    return;
  /* A heading a session: kept when their number stays the same
   * (switching group or week), only their text changes. */
  {
    guint count = 0;

    for (label = gtk_widget_get_first_child (self->session_headings); label != NULL;
         label = gtk_widget_get_next_sibling (label))
      count++;
    for (; count > wanted; count--)
      gtk_box_remove (GTK_BOX (self->session_headings),
                      gtk_widget_get_last_child (self->session_headings));
  }
  label = gtk_widget_get_first_child (self->session_headings);
  for (guint i = 0; i < wanted; i++)
    {
      const AttGridColumn *column = att_grid_get_column (grid, i);
      g_autofree char *title = column_title (self, column);
      g_autofree char *tooltip = _att_register_page_describe_session (column->date, column->session);

      if (label == NULL)
        {
          label = gtk_label_new (NULL);
          gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
          gtk_box_append (GTK_BOX (self->session_headings), label);
        }
      gtk_label_set_text (GTK_LABEL (label), title);
      gtk_widget_set_tooltip_text (label, tooltip);
      label = gtk_widget_get_next_sibling (label);
    }
}
