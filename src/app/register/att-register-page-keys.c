/* att-register-page-keys.c: the cursor, the selection, and typing codes at the keyboard
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
/* The cursor and the selection                                       */
/* ------------------------------------------------------------------ */

static double
row_height (AttRegisterPage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scrolled);
  guint n = _att_register_page_n_shown (self);
  double upper = gtk_adjustment_get_upper (adj);

  if (n == 0 || upper <= 0)
    return 30;
  return upper / n;
}

/* The column view's list of rows (a GtkListView inside it). */
static GtkWidget *
row_list (AttRegisterPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* The list scrolls to a row itself, as it does for its own keyboard
 * moves: it keeps the row as its anchor and lays out around it, so a row
 * of a model that has just changed is shown once it is laid out, where
 * setting the adjustment from stale sizes would miss (and GTK warns). */
static void
scroll_to_position (AttRegisterPage *self,
                    guint            position)
{
  GtkWidget *list = row_list (self);

  if (list != NULL && position < _att_register_page_n_shown (self))
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
}

/* Where @row is in the list as shown, or GTK_INVALID_LIST_POSITION. */
guint
_att_register_page_find_shown (AttRegisterPage *self,
                               AttRegisterRow  *row)
{
  guint n = _att_register_page_n_shown (self);
  guint hint = att_register_row_get_index (row);

  /* Unsorted and unfiltered, a row is where the grid has it: no need to
   * build every row of a whole school to find it. */
  if (hint < n)
    {
      g_autoptr(AttRegisterRow) item = _att_register_page_row_at (self, hint);

      if (item == row)
        return hint;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttRegisterRow) item = _att_register_page_row_at (self, i);

      if (item == row)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void cell_rect_from_widths (AttRegisterPage *self,
                                   GdkRectangle    *rect);

/* The row's widget that draws the cursor's session, or NULL. */
static AttRegisterSessions *
find_cursor_row (GtkWidget *widget)
{
  if (ATT_IS_REGISTER_SESSIONS (widget))
    {
      AttRegisterRow *row = att_register_sessions_get_row (ATT_REGISTER_SESSIONS (widget));

      return row != NULL && att_register_row_get_cursor (row) >= 0 && gtk_widget_get_mapped (widget)
             ? ATT_REGISTER_SESSIONS (widget) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AttRegisterSessions *found = find_cursor_row (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
_att_register_page_cell_rect (AttRegisterPage *self,
                              GdkRectangle    *rect)
{
  AttRegisterSessions *row = find_cursor_row (GTK_WIDGET (self->column_view));
  graphene_rect_t cell, bounds;

  /* Where the cursor's cell is drawn: the name and flags columns widen
   * with the window, so the widths alone do not say. */
  if (row != NULL)
    {
      att_register_sessions_get_cell_bounds (row, att_register_row_get_cursor (att_register_sessions_get_row (row)),
                                             &cell);
      if (gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self), &bounds))
        {
          rect->x = bounds.origin.x + cell.origin.x;
          rect->y = bounds.origin.y + cell.origin.y;
          rect->width = cell.size.width;
          rect->height = cell.size.height;
          return;
        }
    }
  cell_rect_from_widths (self, rect);
}

static void
cell_rect_from_widths (AttRegisterPage *self,
                       GdkRectangle    *rect)
{
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->scrolled);
  GtkAdjustment *hadj = gtk_scrolled_window_get_hadjustment (self->scrolled);
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0), out;
  double h = row_height (self);

  if (!gtk_widget_compute_point (GTK_WIDGET (self->scrolled), GTK_WIDGET (self), &origin, &out))
    out = origin;
  rect->x = out.x + NAME_WIDTH + GROUP_WIDTH + FLAGS_WIDTH
            + self->cursor_col * SESSION_WIDTH - gtk_adjustment_get_value (hadj);
  rect->y = out.y + HEADER_HEIGHT + self->cursor_pos * h - gtk_adjustment_get_value (vadj);
  rect->width = SESSION_WIDTH;
  rect->height = (int)h;
}

void
_att_register_page_clear_selection (AttRegisterPage *self)
{
  for (guint i = 0; i < self->selected_rows->len; i++)
    att_register_row_set_selection (g_ptr_array_index (self->selected_rows, i), -1, -1);
  g_ptr_array_set_size (self->selected_rows, 0);
  self->has_selection = FALSE;
}

static void
apply_selection (AttRegisterPage *self)
{
  guint p0 = MIN (self->anchor_pos, self->cursor_pos);
  guint p1 = MAX (self->anchor_pos, self->cursor_pos);
  int c0 = MIN (self->anchor_col, self->cursor_col);
  int c1 = MAX (self->anchor_col, self->cursor_col);

  for (guint i = 0; i < self->selected_rows->len; i++)
    att_register_row_set_selection (g_ptr_array_index (self->selected_rows, i), -1, -1);
  g_ptr_array_set_size (self->selected_rows, 0);

  for (guint p = p0; p <= p1; p++)
    {
      AttRegisterRow *row = _att_register_page_row_at (self, p);

      if (row == NULL)
        break;
      att_register_row_set_selection (row, c0, c1);
      g_ptr_array_add (self->selected_rows, row);
    }
}

void
_att_register_page_set_pending (AttRegisterPage *self,
                                const char      *text)
{
  g_strlcpy (self->pending, text != NULL ? text : "", sizeof self->pending);
  if (self->cursor_row != NULL)
    att_register_row_set_cursor (self->cursor_row, self->cursor_col, self->pending);
}

void
_att_register_page_set_cursor_internal (AttRegisterPage *self,
                                        guint            position,
                                        guint            column,
                                        gboolean         extend)
{
  AttGrid *grid = _att_register_page_get_grid (self);
  guint n = _att_register_page_n_shown (self);
  guint n_columns = grid != NULL ? att_grid_get_n_columns (grid) : 0;
  AttRegisterRow *row;

  if (n == 0 || n_columns == 0)
    {
      if (self->cursor_row != NULL)
        att_register_row_set_cursor (self->cursor_row, -1, NULL);
      g_clear_object (&self->cursor_row);
      self->cursor_pos = 0;
      self->cursor_col = MIN (column, n_columns > 0 ? n_columns - 1 : 0);
      _att_register_page_update_status (self);
      return;
    }

  if (extend && !self->has_selection)
    {
      self->has_selection = TRUE;
      self->anchor_pos = self->cursor_pos;
      self->anchor_col = self->cursor_col;
    }
  else if (!extend && self->has_selection)
    _att_register_page_clear_selection (self);

  position = MIN (position, n - 1);
  column = MIN (column, n_columns - 1);
  self->pending[0] = '\0';

  row = _att_register_page_row_at (self, position);
  if (self->cursor_row != NULL && self->cursor_row != row)
    att_register_row_set_cursor (self->cursor_row, -1, NULL);
  g_set_object (&self->cursor_row, row);
  g_object_unref (row);
  self->cursor_pos = position;
  self->cursor_col = column;
  att_register_row_set_cursor (self->cursor_row, column, NULL);

  if (self->has_selection)
    apply_selection (self);

  scroll_to_position (self, position);
  _att_register_page_update_status (self);
}

void
att_register_page_set_cursor (AttRegisterPage *self,
                              guint            position,
                              guint            column)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));
  _att_register_page_set_cursor_internal (self, position, column, FALSE);
}

void
att_register_page_get_cursor (AttRegisterPage *self,
                              guint           *position,
                              guint           *column)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));
  if (position != NULL)
    *position = self->cursor_pos;
  if (column != NULL)
    *column = self->cursor_col;
}

void
_att_register_page_move_cursor (AttRegisterPage *self,
                                int              d_row,
                                int              d_col,
                                gboolean         extend)
{
  AttGrid *grid = _att_register_page_get_grid (self);
  int n = _att_register_page_n_shown (self);
  int n_columns = grid != NULL ? att_grid_get_n_columns (grid) : 0;
  int pos = (int)self->cursor_pos + d_row;
  int col = (int)self->cursor_col + d_col;

  if (n == 0 || n_columns == 0)
    return;
  pos = CLAMP (pos, 0, n - 1);
  col = CLAMP (col, 0, n_columns - 1);
  _att_register_page_set_cursor_internal (self, pos, col, extend);
}

void
_att_register_page_move_next_cell (AttRegisterPage *self,
                                   gboolean         backwards)
{
  AttGrid *grid = _att_register_page_get_grid (self);
  int n_columns = grid != NULL ? att_grid_get_n_columns (grid) : 0;
  int pos = self->cursor_pos;
  int col = self->cursor_col + (backwards ? -1 : 1);

  if (n_columns == 0)
    return;
  /* Along a row and on to the next pupil. */
  if (col >= n_columns)
    {
      if (pos + 1 >= (int)_att_register_page_n_shown (self))
        return;
      col = 0;
      pos++;
    }
  else if (col < 0)
    {
      if (pos == 0)
        return;
      col = n_columns - 1;
      pos--;
    }
  _att_register_page_set_cursor_internal (self, pos, col, FALSE);
}

/* The way the cursor goes after a code is chosen for each register
 * (each selection of pupils): moving right with the arrow chooses along
 * the row, moving down or Enter chooses down the session column, and the
 * menu's toggle chooses either. Extending a selection chooses nothing, and
 * another group or the whole school keeps its own choice. */
void
_att_register_page_set_along_row (AttRegisterPage *self,
                                  gboolean         along)
{
  g_autofree char *key = att_grid_filter_to_string (self->filter);

  along = !!along;
  if (along)
    g_hash_table_replace (self->along_row, g_steal_pointer (&key), GINT_TO_POINTER (TRUE));
  else
    g_hash_table_remove (self->along_row, key);
  if (self->advance_right != along)
    {
      self->advance_right = along;
      g_object_notify_by_pspec (G_OBJECT (self), _att_register_page_properties[PROP_ALONG_ROW]);
    }
}

/* Takes up the choice of the register now shown. */
void
_att_register_page_restore_along_row (AttRegisterPage *self)
{
  g_autofree char *key = att_grid_filter_to_string (self->filter);
  gboolean along = g_hash_table_contains (self->along_row, key);

  if (self->advance_right != along)
    {
      self->advance_right = along;
      g_object_notify_by_pspec (G_OBJECT (self), _att_register_page_properties[PROP_ALONG_ROW]);
    }
}

/* ------------------------------------------------------------------ */
/* Typing codes                                                       */
/* ------------------------------------------------------------------ */

gboolean
_att_register_page_selection_is_multiple (AttRegisterPage *self)
{
  return self->has_selection
         && (self->anchor_pos != self->cursor_pos || self->anchor_col != self->cursor_col);
}

/* Parses and writes a complete code typed or picked. */
gboolean
_att_register_page_commit_text (AttRegisterPage *self,
                                const char      *text,
                                gboolean         move_down)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  AttGrid *grid = _att_register_page_get_grid (self);
  const AttGridColumn *column;
  AttCode code;

  if (grid == NULL || self->cursor_row == NULL)
    return FALSE;
  column = att_grid_get_column (grid, self->cursor_col);

  code = att_code_parse_for_mark (text, column->date, column->session, FALSE, &note, &error);
  if (code == ATT_CODE_NONE)
    {
      _att_register_page_show_message (self, error != NULL ? error->message : _("That is not a code"));
      return FALSE;
    }
  /* The register refuses a code that is never typed ('#') in its own
   * words, before anything else is asked. */
  if (!att_register_check_code (code, column->date, ATT_WRITE_DEFAULT, &error))
    {
      _att_register_page_show_message (self, error->message);
      return FALSE;
    }

  if (_att_register_page_selection_is_multiple (self))
    {
      _att_register_page_fill_selection (self, code);
      return TRUE;
    }
  if (code == ATT_CODE_L)
    {
      _att_register_page_open_late (self);
      return TRUE;
    }
  _att_register_page_write_cell (self, code, -1, NULL, move_down);
  if (note != NULL)
    _att_register_page_show_toast (self, note);
  return TRUE;
}

void
_att_register_page_commit_pending (AttRegisterPage *self,
                                   gboolean         move_down,
                                   gboolean        *stop)
{
  char text[4];

  *stop = FALSE;
  if (self->pending[0] == '\0')
    return;
  g_strlcpy (text, self->pending, sizeof text);
  _att_register_page_set_pending (self, NULL);
  if (!_att_register_page_commit_text (self, text, move_down))
    *stop = TRUE;
}

/* A first character that may start a two-character code: C (C, C1, C2),
 * J (J1) and Y (Y1..Y7). */
static gboolean
waits_for_digit (char c)
{
  return c == 'C' || c == 'J' || c == 'Y';
}

static void
type_char (AttRegisterPage *self,
           gunichar         ch)
{
  char c;
  char text[4];

  if (ch > 127)
    {
      _att_register_page_show_message (self, _("Codes are letters, digits, / and \\: see the list of codes (F2)"));
      return;
    }
  c = g_ascii_toupper ((char)ch);

  if (self->pending[0] != '\0')
    {
      if (g_ascii_isdigit (c))
        {
          g_snprintf (text, sizeof text, "%c%c", self->pending[0], c);
          _att_register_page_set_pending (self, NULL);
          _att_register_page_commit_text (self, text, TRUE);
          return;
        }
      /* A letter after C is the next pupil's code: C stands. */
      {
        gboolean stop;
        _att_register_page_commit_pending (self, TRUE, &stop);
        if (stop || self->amend_dialog != NULL
            || gtk_widget_get_visible (GTK_WIDGET (self->late_popover)))
          return;
      }
    }

  if (g_ascii_isdigit (c))
    {
      _att_register_page_show_message (self, _("A code starts with a letter, / or \\ (C1, Y4, …)"));
      return;
    }
  if (waits_for_digit (c) && !_att_register_page_selection_is_multiple (self))
    {
      text[0] = c;
      text[1] = '\0';
      _att_register_page_set_pending (self, text);
      return;
    }
  if (waits_for_digit (c))
    {
      /* In a selection the pending code is kept too: the digit follows. */
      text[0] = c;
      text[1] = '\0';
      _att_register_page_set_pending (self, text);
      return;
    }
  text[0] = c;
  text[1] = '\0';
  _att_register_page_commit_text (self, text, TRUE);
}

void
att_register_page_type (AttRegisterPage *self,
                        const char      *text)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      guint keyval = gdk_unicode_to_keyval (ch);

      att_register_page_handle_key (self, keyval, 0);
    }
}

static void
clear_cell (AttRegisterPage *self)
{
  AttGrid *grid = _att_register_page_get_grid (self);
  AttCode current;

  if (grid == NULL || self->cursor_row == NULL)
    return;
  current = att_grid_get_code (grid, att_register_row_get_index (self->cursor_row), self->cursor_col);
  if (current == ATT_CODE_NONE || current == ATT_CODE_CLOSED)
    return;
  /* A saved mark is never simply deleted: removing it is an amendment. */
  _att_register_page_write_cell (self, ATT_CODE_NONE, -1, NULL, FALSE);
}

/* The column view would take Tab from row to row, a pupil at a time; the
 * grid is one stop in the window's Tab order, so while focus moves on the
 * grid is left out of the chain. */
static void
leave_grid (AttRegisterPage  *self,
            GtkDirectionType  direction)
{
  GtkWidget *view = GTK_WIDGET (self->column_view);
  GtkRoot *root = gtk_widget_get_root (view);

  if (root == NULL)
    return;
  gtk_widget_set_can_focus (view, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (view, TRUE);
}

gboolean
att_register_page_handle_key (AttRegisterPage *self,
                              guint            keyval,
                              GdkModifierType  state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  gboolean alt = (state & GDK_ALT_MASK) != 0;
  gboolean stop = FALSE;
  gunichar ch;

  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);

  if (_att_register_page_get_grid (self) == NULL)
    return FALSE;

  if (ctrl && !alt)
    {
      switch (keyval)
        {
        case GDK_KEY_z:
        case GDK_KEY_Z:
          gtk_widget_activate_action (GTK_WIDGET (self), "register.undo", NULL);
          return TRUE;
        case GDK_KEY_h:
        case GDK_KEY_H:
          att_register_page_show_history (self);
          return TRUE;
        case GDK_KEY_a:
        case GDK_KEY_A:
          /* The cursor's session(s) for every pupil shown: for Y codes and
           * trips over a whole group. */
          _att_register_page_set_pending (self, NULL);
          {
            guint col = self->cursor_col;
            guint anchor_col = self->has_selection ? self->anchor_col : col;

            _att_register_page_set_cursor_internal (self, 0, anchor_col, FALSE);
            _att_register_page_set_cursor_internal (self, _att_register_page_n_shown (self) - 1, col, TRUE);
          }
          return TRUE;
        case GDK_KEY_Home:
          _att_register_page_commit_pending (self, FALSE, &stop);
          _att_register_page_set_cursor_internal (self, 0, self->cursor_col, shift);
          return TRUE;
        case GDK_KEY_End:
          _att_register_page_commit_pending (self, FALSE, &stop);
          _att_register_page_set_cursor_internal (self, _att_register_page_n_shown (self) - 1, self->cursor_col, shift);
          return TRUE;
        default:
          return FALSE;
        }
    }
  if (alt)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!shift)
        _att_register_page_set_along_row (self, FALSE);
      _att_register_page_commit_pending (self, FALSE, &stop);
      if (!stop)
        _att_register_page_move_cursor (self, -1, 0, shift);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!shift)
        _att_register_page_set_along_row (self, FALSE);
      _att_register_page_commit_pending (self, FALSE, &stop);
      if (!stop)
        _att_register_page_move_cursor (self, 1, 0, shift);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      _att_register_page_commit_pending (self, FALSE, &stop);
      if (!stop)
        _att_register_page_move_cursor (self, 0, -1, shift);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (!shift)
        _att_register_page_set_along_row (self, TRUE);
      _att_register_page_commit_pending (self, FALSE, &stop);
      if (!stop)
        _att_register_page_move_cursor (self, 0, 1, shift);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* Tab leaves the grid for the next control, as everywhere else; a
       * code being typed is kept first. */
      _att_register_page_commit_pending (self, FALSE, &stop);
      if (!stop)
        leave_grid (self, keyval == GDK_KEY_ISO_Left_Tab || shift ? GTK_DIR_TAB_BACKWARD
                                                                  : GTK_DIR_TAB_FORWARD);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      _att_register_page_set_along_row (self, FALSE);
      if (self->pending[0] != '\0')
        _att_register_page_commit_pending (self, TRUE, &stop);
      else
        _att_register_page_move_cursor (self, 1, 0, FALSE);
      return TRUE;
    case GDK_KEY_Home:
      _att_register_page_commit_pending (self, FALSE, &stop);
      _att_register_page_set_cursor_internal (self, self->cursor_pos, 0, shift);
      return TRUE;
    case GDK_KEY_End:
      _att_register_page_commit_pending (self, FALSE, &stop);
      _att_register_page_set_cursor_internal (self, self->cursor_pos,
                                              att_grid_get_n_columns (_att_register_page_get_grid (self)) - 1, shift);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      _att_register_page_commit_pending (self, FALSE, &stop);
      _att_register_page_move_cursor (self, -PAGE_ROWS, 0, shift);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      _att_register_page_commit_pending (self, FALSE, &stop);
      _att_register_page_move_cursor (self, PAGE_ROWS, 0, shift);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      /* Delete clears what is being typed; a saved mark is only removed
       * with a reason. */
      if (self->pending[0] != '\0')
        _att_register_page_set_pending (self, NULL);
      else
        clear_cell (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->pending[0] != '\0' || self->has_selection || self->message != NULL)
        {
          _att_register_page_set_pending (self, NULL);
          _att_register_page_clear_selection (self);
          _att_register_page_hide_message (self);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_F2:
    case GDK_KEY_question:
      gtk_widget_activate_action (GTK_WIDGET (self), "register.palette", NULL);
      return TRUE;
    default:
      break;
    }

  ch = gdk_keyval_to_unicode (keyval);
  if (ch != 0 && g_unichar_isgraph (ch))
    {
      type_char (self, ch);
      return TRUE;
    }
  return FALSE;
}

gboolean
_att_register_page_on_key_pressed (GtkEventControllerKey *controller,
                                   guint                  keyval,
                                   guint                  keycode,
                                   GdkModifierType        state,
                                   AttRegisterPage       *self)
{
  return att_register_page_handle_key (self, keyval, state & gtk_accelerator_get_default_mod_mask ());
}
