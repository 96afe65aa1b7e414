/* att-register-page-write.c: writing marks through the core, and the late-arrival popover
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
#include "att-late-popover.h"
#include "att-filter-dialog.h"
#include "att-mark-history-popover.h"
#include "att-register-model.h"
#include "att-register-page-private.h"

/* ------------------------------------------------------------------ */
/* Writing                                                            */
/* ------------------------------------------------------------------ */

void
_att_register_page_after_write (AttRegisterPage *self)
{
  _att_register_page_hide_message (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.undo",
                                 att_register_undo_can_undo (self->undo));
  _att_register_page_schedule_missing (self);
  _att_register_page_update_status (self);
}

/* After a code the cursor moves on the way the office was moving: down
 * the register (Enter, arrows up and down) or along a row (Tab, Right). */
static void
advance (AttRegisterPage *self)
{
  if (self->advance_right)
    _att_register_page_move_next_cell (self, FALSE);
  else
    _att_register_page_move_cursor (self, 1, 0, FALSE);
}

gboolean
_att_register_page_check_user (AttRegisterPage *self)
{
  if (_att_register_page_get_user (self) == NULL)
    {
      _att_register_page_show_message (self, _("Nobody is signed in, so the register cannot be changed: "
                                               "choose who you are in the window’s menu"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_now (AttRegisterPage    *self,
           const PendingWrite *w,
           const char         *reason)
{
  g_autoptr(GError) error = NULL;

  if (!_att_register_page_check_user (self))
    return FALSE;

  if (w->kind == WAIT_CLOSURE)
    {
      /* The calendar changes: the page reloads from its "changed". */
      if (!att_grid_add_closure (self->db, _att_register_page_get_user (self), w->date, w->last,
                                 w->closure_session, reason, &error))
        {
          _att_register_page_show_message (self, error->message);
          return FALSE;
        }
      _att_register_page_show_toast (self, _("Closure added to the school calendar: # for everyone"));
      _att_register_page_after_write (self);
      return TRUE;
    }

  /* The model follows the database: the rows written read their marks
   * again when the write commits, so nothing is refreshed by hand here. */
  if (w->kind == WAIT_CELL)
    {
      AttMarkWrite mark = { w->pupil_id, w->date, w->session, w->code, w->minutes, w->comment };

      if (!att_register_write_undoable (self->db, _att_register_page_get_user (self), &mark, 1,
                                        reason, self->undo, &error))
        {
          _att_register_page_show_message (self, error->message);
          return FALSE;
        }
    }
  else
    {
      guint written = 0, skipped = 0;
      g_autofree char *text = NULL;

      if (!att_register_fill (self->db, _att_register_page_get_user (self),
                              (const gint64 *)(gpointer)w->pupils->data, w->pupils->len,
                              (const AttRegisterSession *)(gpointer)w->sessions->data, w->sessions->len,
                              w->code, reason, self->undo, &written, &skipped, &error))
        {
          _att_register_page_show_message (self, error->message);
          return FALSE;
        }
      if (skipped > 0)
        /* Translators: after filling a code over a selection */
        text = g_strdup_printf (ngettext ("%s recorded for %u session (%u without a session or off roll left alone)",
                                          "%s recorded for %u sessions (%u without a session or off roll left alone)",
                                          written),
                                att_code_to_string (w->code), written, skipped);
      else
        text = g_strdup_printf (ngettext ("%s recorded for %u session", "%s recorded for %u sessions", written),
                                att_code_to_string (w->code), written);
      _att_register_page_show_toast (self, text);
    }
  _att_register_page_after_write (self);
  return TRUE;
}

static void
on_amend_response (AdwMessageDialog *dialog,
                   const char       *response,
                   AttRegisterPage  *self)
{
  g_autoptr(PendingWrite) w = g_steal_pointer (&self->waiting);

  if (g_strcmp0 (response, ATT_AMEND_RESPONSE_AMEND) == 0 && w != NULL)
    {
      g_autofree char *reason = att_amend_dialog_dup_reason (ATT_AMEND_DIALOG (dialog));

      if (reason != NULL && write_now (self, w, reason) && w->kind == WAIT_CELL)
        advance (self);
    }
  if (self->amend_dialog == ATT_AMEND_DIALOG (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->amend_dialog);
      self->amend_dialog = NULL;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
_att_register_page_ask_reason (AttRegisterPage *self,
                               PendingWrite    *w,
                               const char      *heading,
                               const char      *body,
                               const char      *action)
{
  AttAmendDialog *dialog;
  const char * const *reasons = w->kind == WAIT_CLOSURE ? att_grid_closure_reasons ()
                                                        : att_grid_amend_reasons ();

  _att_register_page_pending_write_free (self->waiting);
  self->waiting = w;
  if (self->amend_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->amend_dialog));

  dialog = att_amend_dialog_new_with_reasons (_att_register_page_get_window (self), heading, body, action, reasons);
  self->amend_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->amend_dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_amend_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writes @code in the cursor's cell: at once for a first entry, after
 * asking why for a change. Returns TRUE when written now. Whether the
 * write is allowed, changes anything, or amends a saved mark is the
 * register's to say. */
gboolean
_att_register_page_write_cell (AttRegisterPage *self,
                               AttCode          code,
                               int              minutes,
                               const char      *comment,
                               gboolean         move_down)
{
  g_autoptr(GError) error = NULL;
  AttGrid *grid = _att_register_page_get_grid (self);
  guint index;
  const AttGridColumn *column;
  AttMarkWrite write;
  AttWriteEffect effect;
  g_autoptr(PendingWrite) w = NULL;

  if (grid == NULL || self->cursor_row == NULL || !_att_register_page_check_user (self))
    return FALSE;

  index = att_register_row_get_index (self->cursor_row);
  column = att_grid_get_column (grid, self->cursor_col);

  w = g_new0 (PendingWrite, 1);
  w->kind = WAIT_CELL;
  w->pupil_id = att_grid_get_pupil_id (grid, index);
  w->date = column->date;
  w->session = column->session;
  w->code = code;
  w->minutes = minutes;
  w->comment = g_strdup (comment);

  write = (AttMarkWrite) { w->pupil_id, w->date, w->session, code, minutes, comment };
  if (!att_register_check (self->db, _att_register_page_get_user (self), &write, &effect, &error))
    {
      _att_register_page_show_message (self, error->message);
      return FALSE;
    }

  if (effect == ATT_WRITE_EFFECT_AMEND)
    {
      g_autofree char *when = _att_register_page_describe_session (column->date, column->session);
      g_autofree char *body = NULL;
      AttPupil *pupil = att_grid_get_pupil (grid, index);
      AttCode current = att_register_code (self->db, w->pupil_id, w->date, w->session);

      if (current == code)
        body = g_strdup_printf (_("%s, %s: the details of %s change. Say why."),
                                att_pupil_get_display_name (pupil), when,
                                att_code_to_string (code));
      else if (code == ATT_CODE_NONE)
        body = g_strdup_printf (_("%s, %s: %s is removed. The original entry is kept in the history. Say why."),
                                att_pupil_get_display_name (pupil), when,
                                att_code_to_string (current));
      else
        /* Translators: "Amy Able, Mon 9 Sep 2024 AM: N becomes I." */
        body = g_strdup_printf (_("%s, %s: %s becomes %s. The original entry is kept in the history. Say why."),
                                att_pupil_get_display_name (pupil), when,
                                att_code_to_string (current), att_code_to_string (code));
      _att_register_page_ask_reason (self, g_steal_pointer (&w),
                                     code == ATT_CODE_NONE ? _("Remove a Saved Mark?") : _("Change a Saved Mark?"),
                                     body,
                                     code == ATT_CODE_NONE ? _("_Remove Mark") : _("_Change Mark"));
      return FALSE;
    }

  /* Nothing to change (the same code again), or a first entry. */
  if (effect == ATT_WRITE_EFFECT_FIRST && !write_now (self, w, NULL))
    return FALSE;
  if (move_down)
    advance (self);
  return TRUE;
}

void
_att_register_page_fill_selection (AttRegisterPage *self,
                                   AttCode          code)
{
  g_autoptr(GError) error = NULL;
  AttGrid *grid = _att_register_page_get_grid (self);
  g_autoptr(PendingWrite) w = g_new0 (PendingWrite, 1);
  guint p0 = MIN (self->anchor_pos, self->cursor_pos);
  guint p1 = MAX (self->anchor_pos, self->cursor_pos);
  guint c0 = MIN (self->anchor_col, self->cursor_col);
  guint c1 = MAX (self->anchor_col, self->cursor_col);
  guint n_amend = 0;

  if (!att_register_check_code (code, att_grid_get_column (grid, c0)->date, ATT_WRITE_DEFAULT, &error))
    {
      _att_register_page_show_message (self, error->message);
      return;
    }

  w->kind = WAIT_FILL;
  w->code = code;
  w->minutes = -1;
  w->pupils = g_array_new (FALSE, FALSE, sizeof (gint64));
  w->sessions = g_array_new (FALSE, FALSE, sizeof (AttRegisterSession));

  for (guint c = c0; c <= c1; c++)
    {
      const AttGridColumn *column = att_grid_get_column (grid, c);
      AttRegisterSession s = { column->date, column->session };
      g_array_append_val (w->sessions, s);
    }
  for (guint p = p0; p <= p1; p++)
    {
      g_autoptr(AttRegisterRow) row = _att_register_page_row_at (self, p);
      gint64 id;

      if (row == NULL)
        break;
      id = att_grid_get_pupil_id (grid, att_register_row_get_index (row));
      g_array_append_val (w->pupils, id);
    }

  /* The register says whether the fill needs a reason: for the saved
   * marks it would change, or for Y1 to Y7 over several sessions. */
  if (!att_register_fill_needs_reason (self->db, (const gint64 *)(gpointer)w->pupils->data, w->pupils->len,
                                       (const AttRegisterSession *)(gpointer)w->sessions->data,
                                       w->sessions->len, code, &n_amend))
    {
      write_now (self, w, NULL);
      return;
    }
  if (n_amend > 0)
    {
      g_autofree char *body =
        g_strdup_printf (ngettext ("%u session in the selection already has a mark, which becomes %s. Say why.",
                                   "%u sessions in the selection already have a mark, which become %s. Say why.",
                                   n_amend),
                         n_amend, att_code_to_string (code));
      _att_register_page_ask_reason (self, g_steal_pointer (&w), _("Change Saved Marks?"), body, _("_Change Marks"));
    }
  else
    {
      g_autofree char *body =
        g_strdup_printf (ngettext ("%s (%s) for %u pupil. The reason is kept with every mark.",
                                   "%s (%s) for %u pupils. The reason is kept with every mark.",
                                   w->pupils->len),
                         att_code_to_string (code), att_code_describe (code), w->pupils->len);
      _att_register_page_ask_reason (self, g_steal_pointer (&w), _("Why Were Pupils Unable to Attend?"), body,
                                     _("_Record"));
    }
}

/* ------------------------------------------------------------------ */
/* Late arrivals                                                      */
/* ------------------------------------------------------------------ */

/* The register times of the cursor's session, for the late popover. */
static void
set_late_times (AttRegisterPage *self)
{
  AttGrid *grid = _att_register_page_get_grid (self);
  const AttGridColumn *column;
  int open, close;

  if (grid == NULL || self->school == NULL)
    {
      att_late_popover_set_register_times (ATT_LATE_POPOVER (self->late_popover), 0, G_MAXINT / 2);
      return;
    }
  column = att_grid_get_column (grid, self->cursor_col);
  open = column->session == ATT_SESSION_AM ? self->school->am_open : self->school->pm_open;
  close = column->session == ATT_SESSION_AM ? self->school->am_close : self->school->pm_close;
  att_late_popover_set_register_times (ATT_LATE_POPOVER (self->late_popover), open, close);
}

void
att_register_page_confirm_late (AttRegisterPage *self)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));

  att_late_popover_confirm (ATT_LATE_POPOVER (self->late_popover));
}

static void
on_late_confirmed (AttLatePopover  *popover,
                   int              code,
                   int              minutes,
                   const char      *reason,
                   AttRegisterPage *self)
{
  _att_register_page_write_cell (self, code, minutes, reason, TRUE);
}

static void
on_late_closed (GtkPopover      *popover,
                AttRegisterPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
_att_register_page_open_late (AttRegisterPage *self)
{
  AttGrid *grid = _att_register_page_get_grid (self);
  const AttGridColumn *column;
  AttDate today = _att_register_page_today (self);
  int minutes = 0;
  GdkRectangle rect;

  if (grid == NULL || self->cursor_row == NULL)
    return;
  column = att_grid_get_column (grid, self->cursor_col);
  /* Today the clock gives the minutes; on another day there is no clock
   * to go by, so the office types them. */
  if (column->date == today)
    att_register_late_code (self->db, column->session, _att_register_page_clock_now (self), &minutes);

  set_late_times (self);
  _att_register_page_cell_rect (self, &rect);
  att_late_popover_present (ATT_LATE_POPOVER (self->late_popover), &rect, minutes);
}

void
_att_register_page_build_late_popover (AttRegisterPage *self)
{
  self->late_popover = GTK_POPOVER (att_late_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->late_popover), GTK_WIDGET (self));
  g_signal_connect (self->late_popover, "confirmed", G_CALLBACK (on_late_confirmed), self);
  g_signal_connect (self->late_popover, "closed", G_CALLBACK (on_late_closed), self);
}
