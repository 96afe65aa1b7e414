/* test-register-page.c: the register grid, driven from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: an autumn term from Mon 2 September 2024 with an INSET day
 * on Fri 13 September; registers 08:40-09:00 and 13:15-13:30. Today is
 * Tue 10 September 2024 and the clock says 08:50. 7A holds Amy Able, Ben
 * Brown, Cara Cole and Dan Dale; 7B holds Eve Evans. The page shows 7A
 * for the week of 9 September: columns 0..9 are Mon AM .. Fri PM.
 *
 * The tests run in order and build on each other's marks.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-amend-dialog.h"
#include "att-code-palette.h"
#include "att-mark-history-popover.h"
#include "att-register-page-private.h"
#include "att-test-util.h"

void attendance_register_resource (void);

enum { MON_AM, MON_PM, TUE_AM, TUE_PM, WED_AM, WED_PM, THU_AM, THU_PM, FRI_AM, FRI_PM };

static AttTestDb       *t;
static AttUser         *officer;
static GtkWindow       *window;
static AttRegisterPage *page;
static gint64           amy, ben, cara, dan, eve;

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_n_items (GListModel *model,
                  guint       n)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (5000, timeout_reached, &reached);

  while (!reached && g_list_model_get_n_items (model) != n)
    g_main_context_iteration (NULL, TRUE);
  if (!reached)
    g_source_remove (id);
}

static gint64
add_pupil (const char *forename,
           const char *surname,
           const char *group)
{
  AttPupil *pupil = att_test_pupil_new (forename, surname, 7, group, D (2013, 5, 1), D (2024, 9, 2));

  pupil->sex = 'M';
  return att_test_save_pupil (t->db, pupil);
}

static AttCode
code_of (gint64     pupil,
         AttDate    date,
         AttSession session)
{
  return att_register_code (t->db, pupil, date, session);
}

/* What the grid on screen holds for a pupil's cell: the model's rows are
 * refreshed from the database's notifications, not by the page. */
static AttCode
grid_code_of (gint64 pupil,
              guint  column)
{
  AttGrid *grid = att_register_model_get_grid (att_register_page_get_model (page));
  int row = att_grid_find_row (grid, pupil);

  g_assert_cmpint (row, >=, 0);
  return att_grid_get_code (grid, (guint)row, column);
}

static guint
history_length (gint64  pupil,
                AttDate date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = att_register_history (t->db, pupil, date, date, &error);

  g_assert_no_error (error);
  return history->len;
}

static AttHistoryEntry *
last_history (gint64      pupil,
              AttDate     date,
              GPtrArray **keep)
{
  *keep = att_register_history (t->db, pupil, date, date, NULL);
  g_assert_nonnull (*keep);
  g_assert_cmpuint ((*keep)->len, >, 0);
  return g_ptr_array_index (*keep, (*keep)->len - 1);
}

static void
key (guint keyval)
{
  att_register_page_handle_key (page, keyval, 0);
  att_test_flush_events ();
}

/* A key pressed in the grid, delivered through the grid's own key
 * controller as GTK delivers it. Returns TRUE when the grid used it. */
static gboolean
press (guint           keyval,
       GdkModifierType state)
{
  GtkWidget *view = GTK_WIDGET (att_register_page_get_column_view (page));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  gboolean handled = FALSE;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && g_signal_handler_find (controller, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                    _att_register_page_on_key_pressed, NULL) != 0)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 1);
  att_test_flush_events ();
  return handled;
}

static void
press_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    press (gdk_unicode_to_keyval ((guchar)*p), 0);
}

/* The position of a pupil in the list as shown. */
static guint
position_of (gint64 pupil)
{
  GListModel *model = att_register_page_get_view_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AttRegisterRow) row = g_list_model_get_item (model, i);
      if (att_register_row_get_pupil (row)->id == pupil)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_opens_on_group (void)
{
  GListModel *model = att_register_page_get_view_model (page);
  AttGrid *grid = att_register_model_get_grid (att_register_page_get_model (page));
  g_autoptr(GSettings) settings = g_settings_new ("io.github.schoolattendance.Attendance");
  g_autofree char *group = NULL;
  g_autofree char *mode = NULL;

  /* Four pupils of 7A, ten session columns. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpuint (att_grid_get_n_columns (grid), ==, 10);
  g_assert_cmpint (att_grid_get_column (grid, FRI_AM)->closed, ==, TRUE);

  /* The columns in order: pupil, group, flags, the ten sessions headed
   * on two lines (day, then session), then the figures. One column
   * draws the sessions, with a heading for each above its cells. */
  {
    GListModel *columns = gtk_column_view_get_columns (att_register_page_get_column_view (page));
    const char *expected[] = { "Pupil", "Group", "Flags" };
    const char *sessions[] = { "Mon\nAM", "Mon\nPM", "Tue\nAM" };

    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 3 + 1 + 2);
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
        g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, expected[i]);
      }
    for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
      {
        GtkWidget *heading = att_register_page_get_session_heading (page, i);

        g_assert_nonnull (heading);
        g_assert_true (gtk_widget_get_mapped (heading));
        g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (heading)), ==, sessions[i]);
      }
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (att_register_page_get_session_heading (page, 9))),
                     ==, "Fri\nPM");
    g_assert_null (att_register_page_get_session_heading (page, 10));
  }

  /* The view remembers the group and the mode. */
  group = g_settings_get_string (settings, "register-group");
  mode = g_settings_get_string (settings, "register-mode");
  g_assert_cmpstr (group, ==, "group=7A");
  g_assert_cmpstr (mode, ==, "week");
}

/* A session as drawn: the row's widget that draws it, and its column. */
typedef struct
{
  AttRegisterSessions *row;
  guint                column;
} SessionCell;

/* What a screen reader is told of the row of @cell is what the row's
 * widget says of each of its sessions, this one's meaning among them. */
static void
assert_session_told (const SessionCell *cell)
{
  const char *description = att_register_sessions_get_description (cell->row);
  const char *meaning = att_register_sessions_get_meaning (cell->row, cell->column);
  const char *reason = att_register_sessions_get_reason (cell->row, cell->column);
  g_autofree char *said = reason != NULL ? g_strdup_printf ("%s (%s)", meaning, reason) : g_strdup (meaning);

  g_assert_nonnull (description);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cell->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       description);
  g_assert_nonnull (strstr (description, said));
}

/* Every mark cell (a session of an AttRegisterSessions) drawn in
 * @widget, with the number of them that show @text, each checked to
 * tell a screen reader what it means. */
static guint
check_cell_labels (GtkWidget  *widget,
                   const char *text,
                   const char *meaning)
{
  guint n = 0;

  if (ATT_IS_REGISTER_SESSIONS (widget))
    {
      AttRegisterSessions *row = ATT_REGISTER_SESSIONS (widget);

      for (guint i = 0; i < att_register_sessions_get_n_columns (row); i++)
        {
          g_autofree char *shown = att_register_sessions_dup_text (row, i);
          SessionCell cell = { row, i };

          g_assert_true (att_register_sessions_has_class (row, i, "register-cell"));
          if (g_strcmp0 (shown, text) == 0)
            {
              g_assert_cmpstr (att_register_sessions_get_meaning (row, i), ==, meaning);
              assert_session_told (&cell);
              n++;
            }
        }
      return n;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_cell_labels (child, text, meaning);
  return n;
}

static void
test_type_across_row (void)
{
  g_autoptr(GPtrArray) keep = NULL;
  AttHistoryEntry *entry;
  guint pos, col;

  /* Tuesday afternoon's register has opened (13:15), so an N may go in. */
  g_setenv ("ATTENDANCE_CLOCK", "13:20", TRUE);

  /* Right then Left: the cursor is back on Amy's Monday morning, and
   * codes now run along the row. */
  att_register_page_set_cursor (page, position_of (amy), MON_AM);
  key (GDK_KEY_Right);
  key (GDK_KEY_Left);

  /* "/", "\" (taken as the afternoon's present), C1 typed as two keys,
   * N, I, V, then C followed by I: C stands, I goes in the next cell.
   * Today is Tuesday: from Wednesday on, only what can be planned. */
  att_register_page_type (page, "/\\c1NIVCI");
  att_test_flush_events ();

  g_assert_cmpint (code_of (amy, D (2024, 9, 9), ATT_SESSION_AM), ==, ATT_CODE_PRESENT_AM);
  g_assert_cmpint (code_of (amy, D (2024, 9, 9), ATT_SESSION_PM), ==, ATT_CODE_PRESENT_PM);
  g_assert_cmpint (code_of (amy, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_C1);
  g_assert_cmpint (code_of (amy, D (2024, 9, 10), ATT_SESSION_PM), ==, ATT_CODE_N);
  g_assert_cmpint (code_of (amy, D (2024, 9, 11), ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_cmpint (code_of (amy, D (2024, 9, 11), ATT_SESSION_PM), ==, ATT_CODE_V);
  g_assert_cmpint (code_of (amy, D (2024, 9, 12), ATT_SESSION_AM), ==, ATT_CODE_C);
  g_assert_cmpint (code_of (amy, D (2024, 9, 12), ATT_SESSION_PM), ==, ATT_CODE_I);
  g_assert_null (att_register_page_get_message (page));

  /* Each mark has its audit row, in the officer's name. */
  g_assert_cmpuint (history_length (amy, D (2024, 9, 10)), ==, 2);
  entry = last_history (amy, D (2024, 9, 12), &keep);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_I);
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_NONE);
  g_assert_cmpstr (entry->user_name, ==, "Olive Officer");
  g_assert_cmpstr (entry->position, ==, "Attendance officer");

  /* The cursor stands on Friday morning, the INSET day: a mark there is
   * refused by the register, with the reason shown. */
  att_register_page_get_cursor (page, &pos, &col);
  g_assert_cmpuint (pos, ==, position_of (amy));
  g_assert_cmpuint (col, ==, FRI_AM);
  att_register_page_type (page, "/");
  g_assert_nonnull (att_register_page_get_message (page));
  g_assert_cmpint (code_of (amy, D (2024, 9, 13), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  key (GDK_KEY_Escape);
  g_assert_null (att_register_page_get_message (page));

  /* Nobody is present, or absent for no known reason, before the day. */
  att_register_page_set_cursor (page, position_of (cara), THU_PM);
  att_register_page_type (page, "/");
  g_assert_nonnull (att_register_page_get_message (page));
  g_assert_nonnull (strstr (att_register_page_get_message (page), "has not come yet"));
  g_assert_cmpint (code_of (cara, D (2024, 9, 12), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  key (GDK_KEY_Escape);
  att_register_page_type (page, "N");
  g_assert_nonnull (att_register_page_get_message (page));
  g_assert_cmpint (code_of (cara, D (2024, 9, 12), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  key (GDK_KEY_Escape);
  att_register_page_set_cursor (page, position_of (amy), FRI_AM);

  /* A screen reader hears the meaning of a code, not its sign. */
  att_test_flush_events ();
  g_assert_cmpuint (check_cell_labels (GTK_WIDGET (att_register_page_get_column_view (page)), "C1",
                                       att_code_describe (ATT_CODE_C1)), ==, 1);
  g_assert_cmpuint (check_cell_labels (GTK_WIDGET (att_register_page_get_column_view (page)), "#",
                                       att_code_describe (ATT_CODE_CLOSED)), >=, 4);

  /* The grid shows what was stored. */
  {
    AttGrid *grid = att_register_model_get_grid (att_register_page_get_model (page));
    int row = att_grid_find_row (grid, amy);
    g_assert_cmpint (att_grid_get_code (grid, row, TUE_AM), ==, ATT_CODE_C1);
    g_assert_cmpint (att_grid_get_code (grid, row, FRI_AM), ==, ATT_CODE_CLOSED);
  }
  g_setenv ("ATTENDANCE_CLOCK", "08:50", TRUE);
}

static void
test_invalid_codes (void)
{
  /* Down the register now. */
  att_register_page_set_cursor (page, position_of (ben), MON_AM);
  key (GDK_KEY_Down);
  key (GDK_KEY_Up);

  /* H is a retired code: refused on the spot, nothing stored. */
  att_register_page_type (page, "H");
  g_assert_nonnull (att_register_page_get_message (page));
  g_assert_cmpint (code_of (ben, D (2024, 9, 9), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  key (GDK_KEY_Escape);

  /* A is no code at all. */
  att_register_page_type (page, "A");
  g_assert_nonnull (att_register_page_get_message (page));
  key (GDK_KEY_Escape);

  /* J alone (now J1), committed with Enter. */
  att_register_page_type (page, "J");
  key (GDK_KEY_Return);
  g_assert_nonnull (att_register_page_get_message (page));
  key (GDK_KEY_Escape);

  /* A digit cannot start a code. */
  att_register_page_type (page, "4");
  g_assert_nonnull (att_register_page_get_message (page));
  key (GDK_KEY_Escape);

  /* Delete clears a code being typed: nothing is stored. */
  att_register_page_type (page, "Y");
  key (GDK_KEY_Delete);
  key (GDK_KEY_Return);
  g_assert_cmpint (code_of (ben, D (2024, 9, 9), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  g_assert_cmpuint (history_length (ben, D (2024, 9, 9)), ==, 0);

  /* '#' (as the fill action would be given it) is refused in the
   * register's own words. */
  att_register_page_set_cursor (page, position_of (ben), MON_AM);
  gtk_widget_activate_action (GTK_WIDGET (page), "register.fill", "s", "#");
  g_assert_nonnull (strstr (att_register_page_get_message (page), "never entered by hand"));
  key (GDK_KEY_Escape);

  /* At 08:50 on Tuesday the afternoon's register has not opened (it opens
   * at 13:15): Ben cannot be marked present for it yet. */
  att_register_page_set_cursor (page, position_of (ben), TUE_PM);
  att_register_page_type (page, "/");
  att_test_flush_events ();
  g_assert_nonnull (strstr (att_register_page_get_message (page), "opens at 13:15"));
  g_assert_cmpint (code_of (ben, D (2024, 9, 10), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  key (GDK_KEY_Escape);
}

static void
test_amend_and_history (void)
{
  g_autoptr(GPtrArray) keep = NULL;
  AttAmendDialog *dialog;
  AttHistoryEntry *entry;
  GtkWidget *popover;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  AttGrid *grid;

  /* After Tuesday afternoon's register has opened (13:15), Amy's N
   * becomes I: the reason dialog appears and nothing changes until it is
   * answered. */
  g_setenv ("ATTENDANCE_CLOCK", "13:20", TRUE);
  att_register_page_set_cursor (page, position_of (amy), TUE_PM);
  att_register_page_type (page, "I");
  dialog = att_register_page_get_amend_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpint (code_of (amy, D (2024, 9, 10), ATT_SESSION_PM), ==, ATT_CODE_N);

  /* Without a reason the change cannot be made. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           ATT_AMEND_RESPONSE_AMEND));
  att_amend_dialog_select_reason (dialog, 0);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          ATT_AMEND_RESPONSE_AMEND));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), ATT_AMEND_RESPONSE_AMEND);
  att_test_flush_events ();
  g_assert_null (att_register_page_get_amend_dialog (page));

  g_assert_cmpint (code_of (amy, D (2024, 9, 10), ATT_SESSION_PM), ==, ATT_CODE_I);
  entry = last_history (amy, D (2024, 9, 10), &keep);
  g_assert_cmpint (entry->old_code, ==, ATT_CODE_N);
  g_assert_cmpint (entry->new_code, ==, ATT_CODE_I);
  g_assert_cmpstr (entry->reason, ==, "Parent phoned with reason");

  /* The cell shows that it was amended. */
  grid = att_register_model_get_grid (att_register_page_get_model (page));
  g_assert_true (att_grid_get_flags (grid, att_grid_find_row (grid, amy), TUE_PM) & ATT_GRID_CELL_AMENDED);
  g_assert_false (att_grid_get_flags (grid, att_grid_find_row (grid, amy), TUE_AM) & ATT_GRID_CELL_AMENDED);

  /* The history popover: the original entry, then the change with who,
   * position and why. */
  att_register_page_set_cursor (page, position_of (amy), TUE_PM);
  popover = att_register_page_show_history (page);
  g_assert_true (ATT_IS_MARK_HISTORY_POPOVER (popover));
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_cmpuint (att_mark_history_popover_get_n_entries (ATT_MARK_HISTORY_POPOVER (popover)), ==, 2);
  first = att_mark_history_popover_dup_entry_text (ATT_MARK_HISTORY_POPOVER (popover), 0);
  second = att_mark_history_popover_dup_entry_text (ATT_MARK_HISTORY_POPOVER (popover), 1);
  g_assert_nonnull (strstr (first, "Original: N"));
  g_assert_nonnull (strstr (first, "Olive Officer (Attendance officer)"));
  g_assert_nonnull (strstr (second, "Changed: N → I"));
  g_assert_nonnull (strstr (second, "Parent phoned with reason"));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Cancelling the dialog changes nothing. */
  att_register_page_type (page, "O");
  dialog = att_register_page_get_amend_dialog (page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  att_test_flush_events ();
  g_assert_cmpint (code_of (amy, D (2024, 9, 10), ATT_SESSION_PM), ==, ATT_CODE_I);

  /* Undo writes the previous code back as an amendment, "undone". */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.undo", NULL);
  att_test_flush_events ();
  g_assert_cmpint (code_of (amy, D (2024, 9, 10), ATT_SESSION_PM), ==, ATT_CODE_N);
  g_clear_pointer (&keep, g_ptr_array_unref);
  entry = last_history (amy, D (2024, 9, 10), &keep);
  g_assert_cmpstr (entry->reason, ==, "undone");
  g_setenv ("ATTENDANCE_CLOCK", "08:50", TRUE);
}

static void
test_bulk_fill_trip (void)
{
  guint ben_pos = position_of (ben);
  guint dan_pos = position_of (dan);
  AttAmendDialog *dialog;

  /* A trip on Wednesday for Ben, Cara and Dan: select Wednesday morning
   * and afternoon over the three rows with Shift+arrows and type V. */
  g_assert_cmpuint (dan_pos, ==, ben_pos + 2);
  att_register_page_set_cursor (page, ben_pos, WED_AM);
  att_register_page_handle_key (page, GDK_KEY_Right, GDK_SHIFT_MASK);
  att_register_page_handle_key (page, GDK_KEY_Down, GDK_SHIFT_MASK);
  att_register_page_handle_key (page, GDK_KEY_Down, GDK_SHIFT_MASK);
  att_register_page_type (page, "V");
  att_test_flush_events ();

  for (int s = 0; s < 2; s++)
    {
      g_assert_cmpint (code_of (ben, D (2024, 9, 11), s), ==, ATT_CODE_V);
      g_assert_cmpint (code_of (cara, D (2024, 9, 11), s), ==, ATT_CODE_V);
      g_assert_cmpint (code_of (dan, D (2024, 9, 11), s), ==, ATT_CODE_V);
      g_assert_cmpint (grid_code_of (cara, WED_AM + s), ==, ATT_CODE_V);
    }
  /* Amy was outside the selection. */
  g_assert_cmpint (code_of (amy, D (2024, 9, 11), ATT_SESSION_AM), ==, ATT_CODE_I);

  /* Over a mark already saved (Amy's I on Wednesday morning), the fill asks
   * for a reason first. */
  att_register_page_set_cursor (page, position_of (amy), WED_AM);
  att_register_page_handle_key (page, GDK_KEY_Right, GDK_SHIFT_MASK);
  att_register_page_type (page, "V");
  dialog = att_register_page_get_amend_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_cmpint (code_of (amy, D (2024, 9, 11), ATT_SESSION_AM), ==, ATT_CODE_I);
  att_amend_dialog_set_reason (dialog, "Went on the trip after all");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), ATT_AMEND_RESPONSE_AMEND);
  att_test_flush_events ();
  g_assert_cmpint (code_of (amy, D (2024, 9, 11), ATT_SESSION_AM), ==, ATT_CODE_V);
  g_assert_cmpint (code_of (amy, D (2024, 9, 11), ATT_SESSION_PM), ==, ATT_CODE_V);
  g_assert_cmpint (grid_code_of (amy, WED_AM), ==, ATT_CODE_V);
  key (GDK_KEY_Escape);
}

static void
test_mark_all_present (void)
{
  /* Monday afternoon: Amy has '\' already; the other three are blank.
   * Only the blank cells are filled; Amy's entry gains no history row. */
  g_assert_cmpuint (history_length (amy, D (2024, 9, 9)), ==, 2);
  att_register_page_set_cursor (page, 0, MON_PM);
  gtk_widget_activate_action (GTK_WIDGET (page), "register.mark-all-present", NULL);
  att_test_flush_events ();

  g_assert_cmpint (code_of (ben, D (2024, 9, 9), ATT_SESSION_PM), ==, ATT_CODE_PRESENT_PM);
  g_assert_cmpint (code_of (cara, D (2024, 9, 9), ATT_SESSION_PM), ==, ATT_CODE_PRESENT_PM);
  g_assert_cmpint (code_of (dan, D (2024, 9, 9), ATT_SESSION_PM), ==, ATT_CODE_PRESENT_PM);
  g_assert_cmpint (grid_code_of (dan, MON_PM), ==, ATT_CODE_PRESENT_PM);
  g_assert_cmpuint (history_length (amy, D (2024, 9, 9)), ==, 2);
  /* Monday morning was not touched. */
  g_assert_cmpint (code_of (ben, D (2024, 9, 9), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  /* 7B was not shown, so Eve is not marked. */
  g_assert_cmpint (code_of (eve, D (2024, 9, 9), ATT_SESSION_PM), ==, ATT_CODE_NONE);

  /* Ctrl+Z undoes the whole step: three amendments back to blank. */
  att_register_page_handle_key (page, GDK_KEY_z, GDK_CONTROL_MASK);
  att_test_flush_events ();
  g_assert_cmpint (code_of (ben, D (2024, 9, 9), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  g_assert_cmpint (code_of (dan, D (2024, 9, 9), ATT_SESSION_PM), ==, ATT_CODE_NONE);
  g_assert_cmpint (grid_code_of (dan, MON_PM), ==, ATT_CODE_NONE);
  g_assert_cmpuint (history_length (ben, D (2024, 9, 9)), ==, 2);
}

static gboolean
grid_shows (gint64   pupil,
            guint    column,
            AttCode  code)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (6000, timeout_reached, &reached);

  while (!reached && grid_code_of (pupil, column) != code)
    g_main_context_iteration (NULL, TRUE);
  if (!reached)
    g_source_remove (id);
  return grid_code_of (pupil, column) == code;
}

/* Marks written outside the page show in the grid: through the core on
 * the window's own connection (as a call or a leave decision will write
 * them), and by another program on its own connection, which the window
 * notices within a few seconds. */
static void
test_outside_writes_show (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) filter = att_grid_filter_new_group ("7A");
  g_autoptr(AttDb) other = NULL;
  AttMarkWrite religious = { dan, D (2024, 9, 12), ATT_SESSION_AM, ATT_CODE_R, -1, "Festival" };
  AttMarkWrite interview = { ben, D (2024, 9, 12), ATT_SESSION_PM, ATT_CODE_J1, -1, NULL };
  guint before;

  att_register_page_show (page, filter, D (2024, 9, 9), TRUE);
  att_test_flush_events ();
  g_assert_cmpint (grid_code_of (dan, THU_AM), !=, ATT_CODE_R);
  before = check_cell_labels (GTK_WIDGET (att_register_page_get_column_view (page)), "R",
                              att_code_describe (ATT_CODE_R));

  /* A core call: the grid and its cells show it once the events run. */
  g_assert_true (att_register_write (t->db, officer, &religious, 1, "Festival day",
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  att_test_flush_events ();
  g_assert_cmpint (grid_code_of (dan, THU_AM), ==, ATT_CODE_R);
  g_assert_cmpuint (check_cell_labels (GTK_WIDGET (att_register_page_get_column_view (page)), "R",
                                       att_code_describe (ATT_CODE_R)), ==, before + 1);

  /* Another program: attendance-cli, or a second window. The row shows
   * it, and the cursor stays where the office left it: only the row
   * changes, not the whole register. */
  att_register_page_set_cursor (page, position_of (cara), TUE_AM);
  other = att_db_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_true (att_register_write (other, officer, &interview, 1, "Interview booked",
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (grid_shows (ben, THU_PM, ATT_CODE_J1));
  {
    guint pos, col;

    att_register_page_get_cursor (page, &pos, &col);
    g_assert_cmpuint (pos, ==, position_of (cara));
    g_assert_cmpuint (col, ==, TUE_AM);
  }
}

static void
test_late (void)
{
  AttMark mark = { 0, };
  GtkPopover *late;

  /* Today (Tuesday) at 08:50, 10 minutes after the register opened: L
   * asks for minutes, with 10 from the clock. */
  att_register_page_set_cursor (page, position_of (ben), TUE_AM);
  att_register_page_type (page, "L");
  late = att_register_page_get_late_popover (page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (late)));
  g_assert_cmpint (att_register_page_get_late_code (page), ==, ATT_CODE_L);
  att_register_page_confirm_late (page);
  att_test_flush_events ();
  g_assert_true (att_register_get_mark (t->db, ben, D (2024, 9, 10), ATT_SESSION_AM, &mark, NULL));
  g_assert_cmpint (mark.code, ==, ATT_CODE_L);
  g_assert_cmpint (mark.minutes_late, ==, 10);
  att_mark_clear (&mark);

  /* At 09:20 the register has closed: the same key offers U, which needs
   * the reason. */
  g_setenv ("ATTENDANCE_CLOCK", "09:20", TRUE);
  att_register_page_set_cursor (page, position_of (cara), TUE_AM);
  att_register_page_type (page, "L");
  g_assert_cmpint (att_register_page_get_late_code (page), ==, ATT_CODE_U);
  att_register_page_confirm_late (page);
  att_test_flush_events ();
  g_assert_cmpint (code_of (cara, D (2024, 9, 10), ATT_SESSION_AM), ==, ATT_CODE_NONE);
  att_register_page_set_late_minutes (page, 40, "Bus broke down");
  att_register_page_confirm_late (page);
  att_test_flush_events ();
  g_assert_true (att_register_get_mark (t->db, cara, D (2024, 9, 10), ATT_SESSION_AM, &mark, NULL));
  g_assert_cmpint (mark.code, ==, ATT_CODE_U);
  g_assert_cmpint (mark.minutes_late, ==, 40);
  g_assert_cmpstr (mark.comment, ==, "Bus broke down");
  att_mark_clear (&mark);

  /* Fewer minutes (arrived at 08:55, entered later) is still L. */
  att_register_page_set_cursor (page, position_of (dan), TUE_AM);
  att_register_page_type (page, "L");
  att_register_page_set_late_minutes (page, 15, NULL);
  g_assert_cmpint (att_register_page_get_late_code (page), ==, ATT_CODE_L);
  gtk_popover_popdown (att_register_page_get_late_popover (page));
  g_setenv ("ATTENDANCE_CLOCK", "08:50", TRUE);
}

static void
test_palette_and_missing (void)
{
  GtkWidget *palette = att_register_page_get_palette (page);
  g_autoptr(GPtrArray) missing = NULL;
  GPtrArray *groups;

  /* F2 opens the palette: every code of the 2024 table except the
   * retired ones and '#', with '/' and '\' as one entry: 33 codes less
   * one, 32. */
  key (GDK_KEY_F2);
  g_assert_true (gtk_widget_get_visible (palette));
  g_assert_cmpuint (att_code_palette_get_n_codes (ATT_CODE_PALETTE (palette)), ==, 32);
  gtk_popover_popdown (GTK_POPOVER (palette));

  /* Picking a code from the palette (its buttons' palette.choose action)
   * writes it like typing: Dan Tuesday afternoon. */
  att_register_page_set_cursor (page, position_of (dan), TUE_PM);
  gtk_widget_activate_action (palette, "palette.choose", "s", "M");
  att_test_flush_events ();
  g_assert_cmpint (code_of (dan, D (2024, 9, 10), ATT_SESSION_PM), ==, ATT_CODE_M);

  /* Registers not complete this morning (Tuesday AM): 7A has Amy (C1),
   * Ben (L) and Cara (U) but not Dan; 7B has nobody marked. */
  groups = att_register_page_get_missing (page);
  g_assert_nonnull (groups);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpstr (((AttRegisterStatus *)groups->pdata[0])->group, ==, "7A");
  g_assert_cmpuint (((AttRegisterStatus *)groups->pdata[0])->marked, ==, 3);
  g_assert_cmpstr (((AttRegisterStatus *)groups->pdata[1])->group, ==, "7B");

  /* Each group listed is a button of register.show-group: 7B's shows
   * 7B, today (Tuesday 10 September), as a week still. */
  {
    g_autoptr(AttGridFilter) a = att_grid_filter_new_group ("7A");
    AttDate date = att_register_page_get_date (page);
    gboolean week = att_register_page_get_week (page);

    gtk_widget_activate_action (GTK_WIDGET (page), "register.show-group", "s", "7B");
    att_test_flush_events ();
    g_assert_cmpstr (att_register_page_get_filter (page)->group, ==, "7B");
    g_assert_cmpint (att_register_page_get_date (page), ==, D (2024, 9, 10));
    g_assert_cmpint (att_register_page_get_week (page), ==, week);
    att_register_page_show (page, a, date, week);
    att_test_flush_events ();
  }
}

static void
test_filter_and_sort (void)
{
  GListModel *model = att_register_page_get_view_model (page);
  GtkColumnView *view = att_register_page_get_column_view (page);
  GListModel *columns = gtk_column_view_get_columns (view);
  guint n_columns = g_list_model_get_n_items (columns);
  g_autoptr(GtkColumnViewColumn) unauth = g_list_model_get_item (columns, n_columns - 1);
  double previous = -1;

  GtkEditable *entry = att_register_page_get_search_entry (page);
  GtkSearchBar *bar = GTK_SEARCH_BAR (gtk_widget_get_ancestor (GTK_WIDGET (entry),
                                                               GTK_TYPE_SEARCH_BAR));

  /* The filter is hidden until asked for (Ctrl+F), then takes the focus. */
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  gtk_widget_activate_action (GTK_WIDGET (page), "register.search", NULL);
  att_test_flush_events ();
  g_assert_true (gtk_search_bar_get_search_mode (bar));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (entry)) ||
                 gtk_widget_get_focus_child (GTK_WIDGET (entry)) != NULL);

  /* Filter by name as you type. */
  gtk_editable_set_text (entry, "cara");
  wait_for_n_items (model, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_editable_set_text (entry, "");
  wait_for_n_items (model, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);

  /* Closing the filter shows every pupil again. */
  gtk_editable_set_text (entry, "ben");
  wait_for_n_items (model, 1);
  gtk_search_bar_set_search_mode (bar, FALSE);
  wait_for_n_items (model, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* Sort by the unauthorised count, descending: Cara (U this morning)
   * comes first. */
  gtk_column_view_sort_by_column (view, unauth, GTK_SORT_DESCENDING);
  att_test_flush_events ();
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AttRegisterRow) row = g_list_model_get_item (model, i);
      const AttGridFigures *figures = att_grid_get_figures (att_register_row_get_grid (row),
                                                           att_register_row_get_index (row));
      if (previous >= 0)
        g_assert_cmpfloat (figures->unauthorised, <=, previous);
      previous = figures->unauthorised;
    }
  {
    g_autoptr(AttRegisterRow) top = g_list_model_get_item (model, 0);
    g_assert_cmpint (att_register_row_get_pupil (top)->id, ==, cara);
  }
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  att_test_flush_events ();
}

static void
test_export_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (t->dir, "register.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", NULL, "-", NULL };

  g_assert_true (att_register_page_export_pdf (page, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  argv[2] = path;
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (out);
  /* Names, the heading and the codes typed above. */
  g_assert_nonnull (strstr (out, "Able, Amy"));
  g_assert_nonnull (strstr (out, "Dale, Dan"));
  g_assert_nonnull (strstr (out, "7A, week beginning"));
  g_assert_nonnull (strstr (out, "C1"));
  g_assert_nonnull (strstr (out, "Page 1 of 1"));
  g_assert_nonnull (strstr (out, "Printed by Olive Officer"));
}

/* Print Roll Call: today (Tue 10 September), the session the clock is in
 * (08:50: the morning), the whole school, through the real print
 * operation's export. */
static void
test_export_rollcall_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (t->dir, "rollcall.pdf", NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) pages = NULL;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", NULL, "-", NULL };
  /* Tuesday morning, whatever earlier tests left: Amy /, Ben L 5
   * minutes, Cara I, Dan V (a trip) in 7A; Eve / in 7B. */
  AttMarkWrite writes[] = {
    { amy, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
    { ben, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_L, 5, NULL },
    { cara, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_I, -1, NULL },
    { dan, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_V, -1, NULL },
    { eve, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
  };
  GStatBuf st;
  int status = 0;
  gboolean installed = FALSE;
  const char *action_name, *property_name;
  const GVariantType *parameter_type;
  GType owner;

  /* The page offers it as an action (the menu's Print the Roll Call). */
  for (guint i = 0;
       gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (page), i, &owner, &action_name,
                                      &parameter_type, &property_name);
       i++)
    installed = installed || g_strcmp0 (action_name, "register.print-rollcall") == 0;
  g_assert_true (installed);

  att_register_write (t->db, officer, writes, G_N_ELEMENTS (writes), "Register corrected",
                      ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  att_test_flush_events ();

  g_assert_true (att_register_page_export_rollcall_pdf (page, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  argv[4] = path;
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  pages = g_strsplit (out, "\f", -1);
  /* The summary, 7A's list and 7B's list, then what follows the last
   * form feed (nothing). On roll 4 + 1 = 5, all marked; on site Amy, Ben
   * and Eve: 3. */
  g_assert_cmpuint (g_strv_length (pages), ==, 4);
  g_assert_nonnull (strstr (pages[0], "Roll call, Tue 10 Sep 2024, morning"));
  g_assert_true (g_regex_match_simple ("^\\s*7A\\s+4\\s+0\\s+2\\s*$", pages[0], G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^\\s*7B\\s+1\\s+0\\s+1\\s*$", pages[0], G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^\\s*Whole school\\s+5\\s+0\\s+3\\s*$", pages[0], G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("Brown, Ben\\s+L 5 min\\s*$", pages[1], G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (pages[1], "Able, Amy"));
  g_assert_null (strstr (pages[1], "Cole"));
  g_assert_null (strstr (pages[1], "Dale"));
  g_assert_nonnull (strstr (pages[2], "Evans, Eve"));
  g_assert_nonnull (strstr (pages[2], "Printed by Olive Officer on Tue 10 Sep 2024 08:50"));
}

static void
test_switch_group_and_day (void)
{
  g_autoptr(AttGridFilter) b = att_grid_filter_new_group ("7B");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.schoolattendance.Attendance");
  g_autofree char *group = NULL;
  g_autofree char *mode = NULL;
  AttGrid *grid;

  att_register_page_show (page, b, D (2024, 9, 10), FALSE);
  grid = att_register_model_get_grid (att_register_page_get_model (page));
  g_assert_cmpuint (att_grid_get_n_rows (grid), ==, 1);
  g_assert_cmpuint (att_grid_get_n_columns (grid), ==, 2);
  group = g_settings_get_string (settings, "register-group");
  mode = g_settings_get_string (settings, "register-mode");
  g_assert_cmpstr (group, ==, "group=7B");
  g_assert_cmpstr (mode, ==, "day");

  /* The cursor starts on the session now (Tuesday morning). */
  {
    guint pos, col;
    att_register_page_get_cursor (page, &pos, &col);
    g_assert_cmpuint (col, ==, 0);
  }

  /* Next day and previous day skip nothing in the week. */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.next", NULL);
  grid = att_register_model_get_grid (att_register_page_get_model (page));
  g_assert_cmpint (att_grid_get_first (grid), ==, D (2024, 9, 11));
  gtk_widget_activate_action (GTK_WIDGET (page), "register.mode", "s", "week");
  grid = att_register_model_get_grid (att_register_page_get_model (page));
  g_assert_cmpint (att_grid_get_first (grid), ==, D (2024, 9, 9));
  g_assert_cmpuint (att_grid_get_n_columns (grid), ==, 10);
}

/* The text of the group list's selected item, and how many items it has. */
static const char *
selected_choice (guint *n_items)
{
  GtkWidget *toolbar = gtk_widget_get_first_child (GTK_WIDGET (page));
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_first_child (toolbar));

  *n_items = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));
  return gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown));
}

/* An empty grid says why it is empty. */
static void
test_empty_states (void)
{
  g_autoptr(AttGridFilter) a = att_grid_filter_new_group ("7A");
  g_autoptr(AttGridFilter) nobody = att_grid_filter_new_group ("9Z");
  GtkEditable *entry = att_register_page_get_search_entry (page);
  GListModel *model = att_register_page_get_view_model (page);
  AdwStatusPage *empty;
  guint n_choices, n_after;

  att_register_page_show (page, a, D (2024, 9, 10), FALSE);
  g_assert_null (att_register_page_get_empty_page (page));

  /* A name nobody has. */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.search", NULL);
  gtk_editable_set_text (entry, "zzzz");
  wait_for_n_items (model, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  empty = att_register_page_get_empty_page (page);
  g_assert_nonnull (empty);
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Pupils Found");
  g_assert_nonnull (strstr (adw_status_page_get_description (empty), "“zzzz”"));
  gtk_editable_set_text (entry, "");
  wait_for_n_items (model, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_null (att_register_page_get_empty_page (page));

  /* A group with nobody on roll, for a day and for a week. */
  att_register_page_show (page, nobody, D (2024, 9, 10), FALSE);
  empty = att_register_page_get_empty_page (page);
  g_assert_nonnull (empty);
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Pupils on Roll");
  g_assert_cmpstr (adw_status_page_get_description (empty), ==, "No pupil on roll on this day matches “9Z”.");
  att_register_page_show (page, nobody, D (2024, 9, 10), TRUE);
  g_assert_cmpstr (adw_status_page_get_description (att_register_page_get_empty_page (page)), ==,
                   "No pupil on roll this week matches “9Z”.");
  /* The group list names it too, at its end, while it is shown. */
  g_assert_cmpstr (selected_choice (&n_choices), ==, "9Z");

  att_register_page_show (page, a, D (2024, 9, 10), FALSE);
  g_assert_null (att_register_page_get_empty_page (page));
  g_assert_cmpstr (selected_choice (&n_after), ==, "7A");
  g_assert_cmpuint (n_after, ==, n_choices - 1);
}

static void
test_planned_closure (void)
{
  AttAmendDialog *dialog;
  AttGrid *grid;
  g_autoptr(AttGridFilter) a = att_grid_filter_new_group ("7A");

  /* Monday 16 September, the whole day: select Mon AM to Mon PM and add
   * a closure. The grid then shows # for everyone, from the calendar. */
  att_register_page_show (page, a, D (2024, 9, 16), TRUE);
  att_register_page_set_cursor (page, 0, MON_AM);
  att_register_page_handle_key (page, GDK_KEY_Right, GDK_SHIFT_MASK);
  gtk_widget_activate_action (GTK_WIDGET (page), "register.close", NULL);
  dialog = att_register_page_get_amend_dialog (page);
  g_assert_nonnull (dialog);
  att_amend_dialog_select_reason (dialog, 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), ATT_AMEND_RESPONSE_AMEND);
  att_test_flush_events ();

  g_assert_false (att_calendar_is_school_session (att_db_get_calendar (t->db), D (2024, 9, 16),
                                                  ATT_SESSION_PM));
  grid = att_register_model_get_grid (att_register_page_get_model (page));
  g_assert_true (att_grid_get_column (grid, MON_AM)->closed);
  g_assert_cmpstr (att_grid_get_column (grid, MON_AM)->reason, ==, "INSET day");
  for (guint r = 0; r < att_grid_get_n_rows (grid); r++)
    g_assert_cmpint (att_grid_get_code (grid, r, MON_PM), ==, ATT_CODE_CLOSED);
  g_assert_true (att_grid_get_column (grid, TUE_AM)->school);
}

static gboolean
along_row (void)
{
  gboolean along;

  g_object_get (page, "along-row", &along, NULL);
  return along;
}

/* After a code the cursor goes down the session column unless the office
 * chose along the row for this register; a selection chooses nothing, and
 * every register keeps its own choice. */
static void
test_advance_direction (void)
{
  g_autoptr(AttGridFilter) a = att_grid_filter_new_group ("7A");
  g_autoptr(AttGridFilter) b = att_grid_filter_new_group ("7B");
  g_autoptr(AttGridFilter) school = att_grid_filter_new ();
  guint pos, col;

  /* 7A, the week of Mon 23 September (nothing marked yet), going down. */
  att_register_page_show (page, a, D (2024, 9, 23), TRUE);
  g_object_set (page, "along-row", FALSE, NULL);
  g_assert_false (along_row ());

  /* I (illness, which may be entered ahead) on the first pupil's Monday
   * morning: the cursor goes down to the second pupil, same column. */
  att_register_page_set_cursor (page, 0, MON_AM);
  press_text ("i");
  att_register_page_get_cursor (page, &pos, &col);
  g_assert_cmpuint (pos, ==, 1);
  g_assert_cmpuint (col, ==, MON_AM);

  /* Shift+Right selects two cells and chooses nothing: after Escape a
   * code still goes down, from the second pupil to the third. */
  g_assert_true (press (GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_false (along_row ());
  press (GDK_KEY_Escape, 0);
  att_register_page_set_cursor (page, 1, MON_AM);
  press_text ("i");
  att_register_page_get_cursor (page, &pos, &col);
  g_assert_cmpuint (pos, ==, 2);
  g_assert_cmpuint (col, ==, MON_AM);
  g_assert_false (along_row ());

  /* Right (and back Left) chooses along the row for 7A: I on the third
   * pupil's Monday morning moves to Monday afternoon. */
  press (GDK_KEY_Right, 0);
  press (GDK_KEY_Left, 0);
  g_assert_true (along_row ());
  press_text ("i");
  att_register_page_get_cursor (page, &pos, &col);
  g_assert_cmpuint (pos, ==, 2);
  g_assert_cmpuint (col, ==, MON_PM);

  /* 7B and the whole school keep their own way: down. */
  att_register_page_show (page, b, D (2024, 9, 23), TRUE);
  g_assert_false (along_row ());
  att_register_page_show (page, school, D (2024, 9, 23), TRUE);
  g_assert_false (along_row ());
  att_register_page_set_cursor (page, 0, TUE_AM);
  press_text ("i");
  att_register_page_get_cursor (page, &pos, &col);
  g_assert_cmpuint (pos, ==, 1);
  g_assert_cmpuint (col, ==, TUE_AM);

  /* Back to 7A, on another day and week: still along the row; Enter
   * chooses down again. */
  att_register_page_show (page, a, D (2024, 9, 30), FALSE);
  g_assert_true (along_row ());
  press (GDK_KEY_Return, 0);
  g_assert_false (along_row ());
  att_register_page_show (page, a, D (2024, 9, 23), TRUE);
  g_assert_false (along_row ());

  /* The menu's toggle (register.along-row) chooses too. */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.along-row", NULL);
  g_assert_true (along_row ());
  att_register_page_show (page, b, D (2024, 9, 23), TRUE);
  g_assert_false (along_row ());
  att_register_page_show (page, a, D (2024, 9, 23), TRUE);
  g_assert_true (along_row ());
  gtk_widget_activate_action (GTK_WIDGET (page), "register.along-row", NULL);
  g_assert_false (along_row ());

  /* The four codes typed are stored where the cursor stood. */
  g_assert_cmpint (code_of (amy, D (2024, 9, 23), ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_cmpint (code_of (ben, D (2024, 9, 23), ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_cmpint (code_of (cara, D (2024, 9, 23), ATT_SESSION_AM), ==, ATT_CODE_I);
  g_assert_cmpint (code_of (dan, D (2024, 9, 23), ATT_SESSION_AM), ==, ATT_CODE_NONE);
}

/* The first session cell drawn with @css_class, or NULL. */
static SessionCell *
find_cell_with_class (GtkWidget  *widget,
                      const char *css_class)
{
  static SessionCell found;

  if (ATT_IS_REGISTER_SESSIONS (widget))
    {
      AttRegisterSessions *row = ATT_REGISTER_SESSIONS (widget);

      for (guint i = 0; i < att_register_sessions_get_n_columns (row); i++)
        if (att_register_sessions_has_class (row, i, css_class))
          {
            found = (SessionCell) { row, i };
            return &found;
          }
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SessionCell *cell = find_cell_with_class (child, css_class);
      if (cell != NULL)
        return cell;
    }
  return NULL;
}

/* The session cell drawn for the pupil called @name on @date's @session,
 * or NULL. */
static SessionCell *
find_session_cell (GtkWidget  *widget,
                   const char *name,
                   AttDate     date,
                   AttSession  session)
{
  static SessionCell found;

  if (ATT_IS_REGISTER_SESSIONS (widget))
    {
      AttRegisterSessions *sessions = ATT_REGISTER_SESSIONS (widget);
      AttRegisterRow *row = att_register_sessions_get_row (sessions);
      int column;

      if (row == NULL
          || g_strcmp0 (att_pupil_get_display_name (att_register_row_get_pupil (row)), name) != 0)
        return NULL;
      column = att_grid_find_column (att_register_row_get_grid (row), date, session);
      if (column < 0)
        return NULL;
      found = (SessionCell) { sessions, column };
      return &found;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SessionCell *cell = find_session_cell (child, name, date, session);
      if (cell != NULL)
        return cell;
    }
  return NULL;
}

/* The tooltip of a session cell. */
static const char *
session_tooltip (SessionCell *cell)
{
  static char *text;

  g_assert_nonnull (cell);
  g_free (text);
  text = att_register_sessions_dup_tooltip (cell->row, cell->column);
  return text;
}

static void settle (void);

/* A holiday refused in advance: on its sessions, left blank or marked N,
 * the cell's tooltip suggests G, the code the core gives; not on a
 * session marked present, nor once G is written, nor for another pupil. */
static void
test_refused_leave_suggests_g (void)
{
  g_autoptr(AttGridFilter) filter = att_grid_filter_new_group ("7D");
  gint64 fay = add_pupil ("Fay", "Ford", "7D");
  g_autoptr(AttUser) head = att_test_add_user (t->db, "Helen Head", ATT_ROLE_HEADTEACHER, "Headteacher");
  g_autoptr(GDateTime) before = g_date_time_new_utc (2024, 9, 5, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *request = NULL;
  GtkWidget *view = GTK_WIDGET (att_register_page_get_column_view (page));
  AttLeaveInput input = { 0 };
  AttLeaveDecision refuse = { ATT_LEAVE_REFUSE, NULL, 0, "A holiday is not exceptional", NULL, 0 };
  AttMarkWrite marks[] = {
    { fay, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_N, -1, NULL },
    { fay, D (2024, 9, 10), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
  };
  AttMarkWrite g = { fay, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_G, -1, "The holiday was refused" };

  add_pupil ("Gus", "Gray", "7D");
  /* Fay, on her own in 7D with Gus: a holiday on Monday 9 and Tuesday
   * 10 September 2024 (today), asked on the 2nd, refused on Thursday
   * 5th, before it. */
  input.pupil_ids = &fay;
  input.n_pupils = 1;
  input.type = ATT_LEAVE_HOLIDAY;
  input.first_date = D (2024, 9, 9);
  input.first_session = ATT_SESSION_AM;
  input.last_date = D (2024, 9, 10);
  input.last_session = ATT_SESSION_PM;
  input.return_date = ATT_DATE_NONE;
  input.reason = "A family holiday";
  input.requested_by = "Mrs Ford";
  input.received = D (2024, 9, 2);
  input.review_date = ATT_DATE_NONE;
  input.at = g_date_time_to_unix (before) - 86400;
  ids = att_leave_record (t->db, head, &input, &error);
  g_assert_no_error (error);
  refuse.at = g_date_time_to_unix (before);
  g_assert_true (att_leave_decide (t->db, head, g_array_index (ids, gint64, 0), &refuse, &error));
  g_assert_no_error (error);
  request = g_strdup_printf ("Leave refused (request %" G_GINT64_FORMAT "): if absent, G",
                             g_array_index (ids, gint64, 0));
  att_register_write (t->db, officer, marks, G_N_ELEMENTS (marks), "test", ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  att_test_flush_events ();

  att_register_page_show (page, filter, D (2024, 9, 9), TRUE);
  settle ();

  /* Monday morning, N: the suggestion after what N means. */
  g_assert_nonnull (strstr (session_tooltip (find_session_cell (view, "Fay Ford", D (2024, 9, 9), ATT_SESSION_AM)),
                            request));
  /* Monday afternoon, blank: the suggestion alone. */
  g_assert_true (g_str_has_prefix (session_tooltip (find_session_cell (view, "Fay Ford", D (2024, 9, 9),
                                                                    ATT_SESSION_PM)),
                                   request));
  /* Tuesday morning, present: nothing suggested. */
  g_assert_null (strstr (session_tooltip (find_session_cell (view, "Fay Ford", D (2024, 9, 10), ATT_SESSION_AM)),
                         "Leave refused"));
  /* Gus asked for nothing. */
  g_assert_null (session_tooltip (find_session_cell (view, "Gus Gray", D (2024, 9, 9), ATT_SESSION_PM)));

  /* G written: the suggestion is taken, so no longer made. */
  att_register_write (t->db, officer, &g, 1, "test", ATT_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  att_test_flush_events ();
  settle ();
  g_assert_null (strstr (session_tooltip (find_session_cell (view, "Fay Ford", D (2024, 9, 9), ATT_SESSION_AM)),
                         "Leave refused"));
}

/* A blank whose register has closed is drawn and described as a mark
 * missed, and its session is listed with the incomplete registers. */
static void
test_past_sessions (void)
{
  g_autoptr(AttGridFilter) b = att_grid_filter_new_group ("7B");
  GtkWidget *view = GTK_WIDGET (att_register_page_get_column_view (page));
  AttGrid *grid;
  GPtrArray *gaps;
  SessionCell *overdue;
  const AttRegisterGap *monday = NULL;

  /* 7B (Eve alone, never marked) in the week of 9 September, on Tuesday
   * 10th at 08:50: Monday's two registers have closed, Tuesday morning's
   * is open until 09:00, the rest are to come. */
  att_register_page_show (page, b, D (2024, 9, 10), TRUE);
  att_test_flush_events ();
  grid = att_register_model_get_grid (att_register_page_get_model (page));
  g_assert_true (att_grid_get_column (grid, MON_AM)->overdue);
  g_assert_true (att_grid_get_column (grid, MON_PM)->overdue);
  g_assert_false (att_grid_get_column (grid, TUE_AM)->overdue);
  g_assert_false (att_grid_get_column (grid, THU_AM)->overdue);

  /* Monday's blanks are drawn as missed, telling a screen reader why. */
  overdue = find_cell_with_class (view, "overdue");
  g_assert_nonnull (overdue);
  g_assert_true (att_register_sessions_has_class (overdue->row, overdue->column, "register-cell"));
  g_assert_cmpstr (att_register_sessions_get_reason (overdue->row, overdue->column), ==,
                   "The register for this session has closed without a mark");
  assert_session_told (overdue);

  /* The earlier sessions listed with the incomplete registers come from
   * the register's status module: Monday morning is among them, with 7B
   * and Eve unmarked. Tuesday morning, the session now, is listed group
   * by group instead. */
  g_assert_nonnull (att_register_page_get_missing (page));
  gaps = att_register_page_get_past_gaps (page);
  g_assert_nonnull (gaps);
  for (guint i = 0; i < gaps->len; i++)
    {
      const AttRegisterGap *gap = g_ptr_array_index (gaps, i);

      g_assert_false (gap->date == D (2024, 9, 10) && gap->session == ATT_SESSION_AM);
      if (gap->date == D (2024, 9, 9) && gap->session == ATT_SESSION_AM)
        monday = gap;
    }
  g_assert_nonnull (monday);
  g_assert_cmpuint (monday->unmarked, >=, 1);
  {
    gboolean has_7b = FALSE;
    for (guint i = 0; i < monday->groups->len; i++)
      has_7b |= g_strcmp0 (((AttRegisterStatus *)monday->groups->pdata[i])->group, "7B") == 0;
    g_assert_true (has_7b);
  }

  /* Its button opens that day, with the cursor on the session. */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.show-day", "(sii)", "group=7B",
                              (gint32)D (2024, 9, 9), (gint32)ATT_SESSION_PM);
  {
    guint col;
    g_assert_cmpint (att_register_page_get_date (page), ==, D (2024, 9, 9));
    g_assert_false (att_register_page_get_week (page));
    att_register_page_get_cursor (page, NULL, &col);
    g_assert_cmpuint (col, ==, 1);
  }
}

static void settle (void);

/* The cell of @kind drawn for the pupil called @name, or NULL. */
static GtkWidget *
find_cell (GtkWidget           *widget,
           AttRegisterCellKind  kind,
           const char          *name)
{
  if (ATT_IS_REGISTER_CELL (widget))
    {
      AttRegisterCell *cell = ATT_REGISTER_CELL (widget);
      AttRegisterRow *row = att_register_cell_get_row (cell);

      if (att_register_cell_get_kind (cell) == kind && row != NULL
          && g_strcmp0 (att_pupil_get_display_name (att_register_row_get_pupil (row)), name) == 0)
        return GTK_WIDGET (cell);
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, kind, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The tooltip of @cell. */
static const char *
cell_tooltip (GtkWidget *cell)
{
  static char *text;

  g_free (text);
  text = att_register_cell_dup_tooltip (ATT_REGISTER_CELL (cell));
  return text;
}

/* Leavers, medical notes, tooltips, and the name and flags columns as
 * wide as the window allows. */
static void
test_flags_and_names (void)
{
  g_autoptr(AttGridFilter) c = att_grid_filter_new_group ("7C");
  GtkWidget *view = GTK_WIDGET (att_register_page_get_column_view (page));
  /* Sixty characters: 28 + 1 + 31. */
  const char *forename = "Maximiliana-Josephine Alexan";
  const char *surname = "Featherstonehaugh-Montgomery-Sm";
  g_autofree char *long_name = g_strdup_printf ("%s %s", forename, surname);
  AttPupil *pupil;
  GtkWidget *cell;

  g_assert_cmpuint (g_utf8_strlen (long_name, -1), ==, 60);

  /* 7C: the long name, with a medical note; and Lee Left, who left on
   * Friday 6 September, so is a leaver as of Tuesday 10th. */
  pupil = att_test_pupil_new (forename, surname, 7, "7C", D (2013, 6, 1), D (2024, 9, 2));
  pupil->medical_note = g_strdup ("Asthma: inhaler in the office");
  att_test_save_pupil (t->db, pupil);
  pupil = att_test_pupil_new ("Lee", "Left", 7, "7C", D (2013, 7, 1), D (2024, 9, 2));
  pupil->leaving = D (2024, 9, 6);
  att_test_save_pupil (t->db, pupil);
  att_test_flush_events ();

  /* The week of 2 September, when both were on roll, a day at a time:
   * two sessions, so the grid is far narrower than the 1,200-pixel
   * window. */
  att_register_page_show (page, c, D (2024, 9, 2), FALSE);
  settle ();

  /* Lee Left is marked as a leaver: in the name (its style) and in the
   * flags, whose tooltip gives the date. */
  cell = find_cell (view, ATT_REGISTER_CELL_NAME, "Lee Left");
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "leaver"));
  cell = find_cell (view, ATT_REGISTER_CELL_FLAGS, "Lee Left");
  g_assert_nonnull (strstr (att_register_cell_get_text (ATT_REGISTER_CELL (cell)), "Left"));
  g_assert_nonnull (strstr (cell_tooltip (cell), "Has left the school: Fri 6 Sep 2024"));

  /* The medical note: an alert flag whose tooltip is the note. */
  cell = find_cell (view, ATT_REGISTER_CELL_FLAGS, long_name);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "medical"));
  g_assert_true (g_str_has_prefix (att_register_cell_get_text (ATT_REGISTER_CELL (cell)), "Medical"));
  g_assert_nonnull (strstr (cell_tooltip (cell), "Asthma: inhaler in the office"));
  cell = find_cell (view, ATT_REGISTER_CELL_NAME, long_name);
  g_assert_false (gtk_widget_has_css_class (cell, "leaver"));

  /* Every column heading says what it means in its tooltip: the first
   * is the name, the sessions their day, the last the unauthorised
   * count. */
  {
    GtkWidget *header = gtk_widget_get_first_child (view);
    GtkWidget *title = gtk_widget_get_first_child (header);
    const char *text;

    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (title), "name"));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (att_register_page_get_session_heading (page, 0)), ==,
                     "Mon 2 Sep 2024 AM");
    title = gtk_widget_get_last_child (header);
    text = gtk_widget_get_tooltip_text (title);
    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, "unauthorised"));
  }

  /* The name column has widened past its 176 pixels to the window, and
   * the name's tooltip gives it whole. */
  g_assert_cmpint (gtk_widget_get_width (cell), >, NAME_WIDTH);
  g_assert_cmpstr (cell_tooltip (cell), ==, long_name);

  /* A code's tooltip says what it means: Monday morning's I for Lee. */
  {
    g_autoptr(GError) error = NULL;
    AttMarkWrite w = { 0, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_I, -1, NULL };
    AttGrid *grid = att_register_model_get_grid (att_register_page_get_model (page));

    for (guint r = 0; r < att_grid_get_n_rows (grid); r++)
      if (g_strcmp0 (att_grid_get_pupil (grid, r)->legal_surname, "Left") == 0)
        w.pupil_id = att_grid_get_pupil (grid, r)->id;
    g_assert_true (att_register_write (t->db, officer, &w, 1, NULL, ATT_WRITE_DEFAULT, &error));
    g_assert_no_error (error);
    settle ();
    SessionCell *authorised = find_cell_with_class (view, "code-authorised");

    g_assert_nonnull (authorised);
    g_assert_cmpstr (session_tooltip (authorised), ==, att_code_describe (ATT_CODE_I));
  }

  /* Severe absence is said as SA, as on every other page: Lee's only
   * marked sessions are Monday's, both O, so 0 of 2 possible sessions
   * were attended (100% absence, over the 50% line). */
  {
    g_autoptr(GError) error = NULL;
    AttMarkWrite w[2] = {
      { 0, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_O, -1, NULL },
      { 0, D (2024, 9, 2), ATT_SESSION_PM, ATT_CODE_O, -1, NULL },
    };
    AttGrid *grid = att_register_model_get_grid (att_register_page_get_model (page));

    for (guint r = 0; r < att_grid_get_n_rows (grid); r++)
      if (g_strcmp0 (att_grid_get_pupil (grid, r)->legal_surname, "Left") == 0)
        w[0].pupil_id = w[1].pupil_id = att_grid_get_pupil (grid, r)->id;
    g_assert_true (att_register_write (t->db, officer, w, 2, "Reason not accepted",
                                       ATT_WRITE_DEFAULT, &error));
    g_assert_no_error (error);
    settle ();
    cell = find_cell (view, ATT_REGISTER_CELL_YTD, "Lee Left");
    g_assert_nonnull (cell);
    g_assert_cmpstr (att_register_cell_get_text (ATT_REGISTER_CELL (cell)), ==, "0.0% SA");
  }
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The labels shown in the group chooser's open list, in order: section
 * titles as "# Title", choices as themselves. */
static void
collect_choices (GtkWidget *widget,
                 GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_VIEW) != NULL)
    {
      g_string_append_printf (out, "%s%s|", gtk_widget_has_css_class (widget, "heading") ? "# " : "",
                              gtk_label_get_label (GTK_LABEL (widget)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_choices (child, out);
}

/* The group chooser lists in sections and searches as you type. */
static void
test_group_chooser (void)
{
  GtkWidget *toolbar = gtk_widget_get_first_child (GTK_WIDGET (page));
  GtkWidget *dropdown = gtk_widget_get_first_child (toolbar);
  GtkWidget *popover, *entry;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(AttGridFilter) a = att_grid_filter_new_group ("7A");

  att_register_page_show (page, a, D (2024, 9, 10), FALSE);
  g_assert_true (GTK_IS_DROP_DOWN (dropdown));
  g_assert_true (gtk_drop_down_get_enable_search (GTK_DROP_DOWN (dropdown)));
  g_assert_nonnull (gtk_drop_down_get_expression (GTK_DROP_DOWN (dropdown)));

  /* Opened (Enter or Space on it), the list is in sections: the whole
   * school and year 7 first, then the forms 7A, 7B, 7C and 8S (each
   * with pupils on roll on Tuesday 10 September). */
  /* Ctrl+G (register.choose-group) opens it from the grid. */
  att_register_page_focus_grid (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "register.choose-group", NULL);
  settle ();
  popover = find_type (dropdown, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  collect_choices (popover, shown);
  g_assert_true (g_str_has_prefix (shown->str, "# Whole School and Year Groups|Whole school|Year 7|# Forms|7A|7B|"));

  /* Typing finds, whatever the case: "7b" leaves 7B alone. (A section's
   * title goes with its first choice, 7A here, so it is not shown.) */
  entry = find_type (popover, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "7b");
  settle ();
  settle ();
  g_string_truncate (shown, 0);
  collect_choices (popover, shown);
  g_assert_cmpstr (shown->str, ==, "7B|");
  /* The start of a name: "y" finds Year 7, "w" the whole school with
   * its section's title. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "y");
  settle ();
  settle ();
  g_string_truncate (shown, 0);
  collect_choices (popover, shown);
  g_assert_cmpstr (shown->str, ==, "Year 7|");
  gtk_editable_set_text (GTK_EDITABLE (entry), "w");
  settle ();
  settle ();
  g_string_truncate (shown, 0);
  collect_choices (popover, shown);
  g_assert_cmpstr (shown->str, ==, "# Whole School and Year Groups|Whole school|");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_popover_popdown (GTK_POPOVER (popover));
  settle ();
}

/* Runs the main loop for a moment, so the window lays out and draws
 * what changed. */
static void
settle (void)
{
  gboolean reached = FALSE;

  g_timeout_add (150, timeout_reached, &reached);
  while (!reached)
    g_main_context_iteration (NULL, TRUE);
}

/* The cursor's cell as drawn (the session of a mapped row's widget that
 * has the cursor), or NULL when no such cell is on screen. */
static SessionCell *
find_cursor_cell (GtkWidget *widget)
{
  static SessionCell found;

  if (ATT_IS_REGISTER_SESSIONS (widget))
    {
      AttRegisterSessions *row = ATT_REGISTER_SESSIONS (widget);

      for (guint i = 0; i < att_register_sessions_get_n_columns (row); i++)
        if (att_register_sessions_has_class (row, i, "cursor") && gtk_widget_get_mapped (widget))
          {
            found = (SessionCell) { row, i };
            return &found;
          }
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SessionCell *cell = find_cursor_cell (child);
      if (cell != NULL)
        return cell;
    }
  return NULL;
}

/* The cursor's cell is drawn inside the visible part of the grid, below
 * the column headings. */
#define assert_cursor_visible() assert_cursor_visible_at (__LINE__)

static void
assert_cursor_visible_at (int line)
{
  GtkWidget *view = GTK_WIDGET (att_register_page_get_column_view (page));
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  SessionCell *cell;
  graphene_rect_t bounds, row_bounds;

  settle ();
  g_test_message ("cursor visible, line %d", line);
  cell = find_cursor_cell (view);
  g_assert_nonnull (cell);
  att_register_sessions_get_cell_bounds (cell->row, cell->column, &bounds);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (cell->row), scrolled, &row_bounds));
  bounds.origin.y += row_bounds.origin.y;
  /* Below the headings (HEADER_HEIGHT, 34 pixels, less a pixel of
   * rounding), and above the bottom of the scrolled window. */
  g_assert_cmpfloat (bounds.origin.y, >=, HEADER_HEIGHT - 1);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled) + 1);
}

static gint64
cursor_pupil (void)
{
  guint pos;
  g_autoptr(AttRegisterRow) row = NULL;

  att_register_page_get_cursor (page, &pos, NULL);
  row = g_list_model_get_item (att_register_page_get_view_model (page), pos);
  return att_register_row_get_pupil (row)->id;
}

static gboolean
focus_in_grid (void)
{
  GtkWidget *view = GTK_WIDGET (att_register_page_get_column_view (page));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == view || gtk_widget_is_ancestor (focus, view));
}

/* After switching week, day, group or sort the cursor is on a row shown
 * and the grid scrolls to it, with no warning from GTK; popovers give the
 * keyboard back to the grid, and Tab leaves it. */
static void
test_scroll_and_focus (void)
{
  g_autoptr(AttGridFilter) s8 = att_grid_filter_new_group ("8S");
  g_autoptr(AttGridFilter) a = att_grid_filter_new_group ("7A");
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  GtkColumnView *view = att_register_page_get_column_view (page);
  gint64 p50, p55;
  guint pos;

  /* Any warning fails the test from here ("failed to scroll" above all). */
  g_log_set_always_fatal (fatal | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  /* 8S: sixty pupils, Pupil00 Scroll .. Pupil59 Scroll, far more than
   * the window shows (about twenty rows of 28 pixels in 700). */
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *forename = g_strdup_printf ("Pupil%02d", i);
      add_pupil (forename, "Scroll", "8S");
    }
  att_test_flush_events ();
  att_register_page_show (page, s8, D (2024, 9, 23), TRUE);
  att_register_page_focus_grid (page);
  g_assert_true (focus_in_grid ());

  /* Down to the 51st pupil (position 50), off the first screen. */
  att_register_page_set_cursor (page, 0, MON_AM);
  for (int i = 0; i < 50; i++)
    press (GDK_KEY_Down, 0);
  att_register_page_get_cursor (page, &pos, NULL);
  g_assert_cmpuint (pos, ==, 50);
  p50 = cursor_pupil ();
  assert_cursor_visible ();

  /* Next week, then a day at a time, then the next day: the same pupil,
   * still in view. */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.next", NULL);
  g_assert_cmpint (cursor_pupil (), ==, p50);
  assert_cursor_visible ();
  gtk_widget_activate_action (GTK_WIDGET (page), "register.mode", "s", "day");
  g_assert_cmpint (cursor_pupil (), ==, p50);
  assert_cursor_visible ();
  gtk_widget_activate_action (GTK_WIDGET (page), "register.next", NULL);
  g_assert_cmpint (cursor_pupil (), ==, p50);
  assert_cursor_visible ();

  /* Another group, where the pupil is not: its first row, in view. */
  att_register_page_show (page, a, D (2024, 9, 23), TRUE);
  att_register_page_get_cursor (page, &pos, NULL);
  g_assert_cmpuint (pos, ==, 0);
  assert_cursor_visible ();

  /* Sorted by name from Z to A, the 56th pupil (Pupil55, position 55)
   * moves to position 60 - 1 - 55 = 4, and the view follows. */
  att_register_page_show (page, s8, D (2024, 9, 23), TRUE);
  att_register_page_set_cursor (page, 55, MON_AM);
  p55 = cursor_pupil ();
  assert_cursor_visible ();
  {
    g_autoptr(GtkColumnViewColumn) name = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
    gtk_column_view_sort_by_column (view, name, GTK_SORT_DESCENDING);
  }
  att_register_page_get_cursor (page, &pos, NULL);
  g_assert_cmpuint (pos, ==, 4);
  g_assert_cmpint (cursor_pupil (), ==, p55);
  assert_cursor_visible ();

  /* And back in the register's order from the menu (register.sort-by,
   * the keyboard's way to the headings): position 55 again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.sort-by", "s", "name");
  att_register_page_get_cursor (page, &pos, NULL);
  g_assert_cmpuint (pos, ==, 55);
  assert_cursor_visible ();
  /* The most unauthorised absence first: nobody in 8S has any, so the
   * ties keep the register's order, reversed with the direction: Pupil55
   * is at 60 - 1 - 55 = 4 again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.sort-by", "s", "unauthorised");
  att_register_page_get_cursor (page, &pos, NULL);
  g_assert_cmpuint (pos, ==, 4);
  g_assert_cmpint (cursor_pupil (), ==, p55);
  assert_cursor_visible ();
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  settle ();

  /* The code palette (F2) and the history popover (Ctrl+H) give the
   * keyboard back to the grid when they close. */
  g_assert_true (press (GDK_KEY_F2, 0));
  g_assert_true (gtk_widget_get_visible (att_register_page_get_palette (page)));
  g_assert_false (focus_in_grid ());
  gtk_popover_popdown (GTK_POPOVER (att_register_page_get_palette (page)));
  settle ();
  g_assert_true (focus_in_grid ());

  g_assert_true (press (GDK_KEY_h, GDK_CONTROL_MASK));
  g_assert_true (gtk_widget_get_visible (att_register_page_show_history (page)));
  gtk_popover_popdown (GTK_POPOVER (att_register_page_show_history (page)));
  settle ();
  g_assert_true (focus_in_grid ());

  /* Tab leaves the grid for the next control, in one step; Shift+Tab
   * from there comes back. */
  g_assert_true (press (GDK_KEY_Tab, 0));
  g_assert_false (focus_in_grid ());
  /* (The window wraps round at its first control, as its Tab key does;
   * a toast still showing has a close button on the way back.) */
  for (int i = 0; i < 3 && !focus_in_grid (); i++)
    if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD))
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD);
  g_assert_true (focus_in_grid ());

  /* Ctrl+F: the register's filter takes the keyboard. */
  gtk_widget_activate_action (GTK_WIDGET (page), "register.search", NULL);
  g_assert_false (focus_in_grid ());
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (GTK_WIDGET (att_register_page_get_search_entry (page)),
                                                                         GTK_TYPE_SEARCH_BAR)), FALSE);
  settle ();
  g_log_set_always_fatal (fatal);
}

/* The pointer on the sessions, which one widget a row draws: a click puts
 * the cursor on a session, a drag selects from there to another row's
 * session, and the grid sorts by the cursor's session. */
static void
test_pointer_and_session_sort (void)
{
  g_autoptr(AttGridFilter) filter = att_grid_filter_new_group ("7A");
  g_autoptr(GError) error = NULL;
  GtkColumnView *view = att_register_page_get_column_view (page);
  GListModel *model = att_register_page_get_view_model (page);
  AttMarkWrite marks[] = {
    { amy, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_O, -1, NULL },
    { ben, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
    { cara, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_I, -1, NULL },
    { dan, D (2024, 9, 3), ATT_SESSION_AM, ATT_CODE_B, -1, NULL },
  };
  /* By Tuesday morning: present first, then an approved activity (B),
   * authorised absence (I), unauthorised (O), whatever the names. */
  const gint64 sorted[] = { ben, dan, cara, amy };
  SessionCell from, to, *cell;
  AttRegisterRow *amy_row, *ben_row, *cara_row;
  guint pos, col;

  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  att_register_page_show (page, filter, D (2024, 9, 2), TRUE);
  settle ();

  /* A click on Amy's Tuesday morning puts the cursor there. */
  cell = find_session_cell (GTK_WIDGET (view), "Amy Able", D (2024, 9, 3), ATT_SESSION_AM);
  g_assert_nonnull (cell);
  from = *cell;
  g_assert_cmpuint (from.column, ==, TUE_AM);
  g_signal_emit_by_name (from.row, "pressed", (int)TUE_AM, (guint)GDK_BUTTON_PRIMARY, (GdkModifierType)0);
  att_register_page_get_cursor (page, &pos, &col);
  g_assert_cmpuint (pos, ==, position_of (amy));
  g_assert_cmpuint (col, ==, TUE_AM);
  g_assert_true (att_register_sessions_has_class (from.row, TUE_AM, "cursor"));

  /* Dragged on to Ben's Wednesday morning: Tuesday morning to Wednesday
   * morning (three sessions) of Amy and of Ben are selected, drawn so,
   * and nothing of Cara's. */
  cell = find_session_cell (GTK_WIDGET (view), "Ben Brown", D (2024, 9, 4), ATT_SESSION_AM);
  g_assert_nonnull (cell);
  to = *cell;
  g_signal_emit_by_name (from.row, "dragged", (int)WED_AM, to.row);
  att_register_page_get_cursor (page, &pos, &col);
  g_assert_cmpuint (pos, ==, position_of (ben));
  g_assert_cmpuint (col, ==, WED_AM);
  amy_row = att_register_sessions_get_row (from.row);
  ben_row = att_register_sessions_get_row (to.row);
  cell = find_session_cell (GTK_WIDGET (view), "Cara Cole", D (2024, 9, 3), ATT_SESSION_AM);
  g_assert_nonnull (cell);
  cara_row = att_register_sessions_get_row (cell->row);
  for (guint c = MON_AM; c <= FRI_PM; c++)
    {
      gboolean inside = c >= TUE_AM && c <= WED_AM;

      g_assert_cmpint (att_register_row_is_selected (amy_row, c), ==, inside);
      g_assert_cmpint (att_register_row_is_selected (ben_row, c), ==, inside);
      g_assert_cmpint (att_register_sessions_has_class (from.row, c, "selected"), ==, inside);
      g_assert_cmpint (att_register_sessions_has_class (to.row, c, "selected"), ==, inside);
      g_assert_false (att_register_row_is_selected (cara_row, c));
    }

  /* Sorted by the cursor's session, Tuesday morning, from the menu. */
  g_assert_true (att_register_write (t->db, officer, marks, G_N_ELEMENTS (marks), "Corrected",
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  att_test_flush_events ();
  att_register_page_set_cursor (page, position_of (amy), TUE_AM);
  gtk_widget_activate_action (GTK_WIDGET (page), "register.sort-by", "s", "session");
  att_test_flush_events ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autoptr(AttRegisterRow) row = g_list_model_get_item (model, i);

      g_assert_cmpint (att_register_row_get_pupil (row)->id, ==, sorted[i]);
    }
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  att_test_flush_events ();
}

/* The text nodes drawn under @node: one a code shown. */
static guint
count_text_nodes (GskRenderNode *node)
{
  guint n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      return 1;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_text_nodes (gsk_container_node_get_child (node, i));
      return n;
    case GSK_TRANSFORM_NODE:
      return count_text_nodes (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return count_text_nodes (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return count_text_nodes (gsk_rounded_clip_node_get_child (node));
    case GSK_OPACITY_NODE:
      return count_text_nodes (gsk_opacity_node_get_child (node));
    case GSK_SHADOW_NODE:
      return count_text_nodes (gsk_shadow_node_get_child (node));
    default:
      return 0;
    }
}

/* What a row's widget draws: the code of each session that has one, and
 * nothing for a blank. */
static void
test_sessions_drawn (void)
{
  g_autoptr(AttGridFilter) filter = att_grid_filter_new_group ("7E");
  g_autoptr(GError) error = NULL;
  GtkWidget *view = GTK_WIDGET (att_register_page_get_column_view (page));
  gint64 ida = add_pupil ("Ida", "Inman", "7E");
  AttPupil *late = att_test_pupil_new ("Ola", "Orme", 7, "7E", D (2013, 5, 1), D (2024, 9, 4));
  AttMarkWrite marks[] = {
    { ida, D (2024, 9, 2), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL },
    { ida, D (2024, 9, 3), ATT_SESSION_PM, ATT_CODE_I, -1, NULL },
  };
  struct { const char *name; guint codes; } rows[] = {
    /* Ida: two marks, eight blanks. */
    { "Ida Inman", 2 },
    /* Ola, on roll from Wednesday 4th: Monday's and Tuesday's four
     * sessions drawn "–", six blanks. */
    { "Ola Orme", 4 },
  };

  att_test_save_pupil (t->db, late);
  g_assert_true (att_register_write (t->db, officer, marks, G_N_ELEMENTS (marks), NULL,
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  att_test_flush_events ();
  att_register_page_show (page, filter, D (2024, 9, 2), TRUE);
  settle ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      SessionCell *cell = find_session_cell (view, rows[i].name, D (2024, 9, 2), ATT_SESSION_AM);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      g_assert_nonnull (cell);
      g_assert_cmpuint (att_register_sessions_get_n_columns (cell->row), ==, 10);
      GTK_WIDGET_GET_CLASS (cell->row)->snapshot (GTK_WIDGET (cell->row), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert_nonnull (node);
      g_assert_cmpuint (count_text_nodes (node), ==, rows[i].codes);
    }
  {
    SessionCell *cell = find_session_cell (view, "Ola Orme", D (2024, 9, 3), ATT_SESSION_PM);
    g_autofree char *text = att_register_sessions_dup_text (cell->row, cell->column);

    g_assert_cmpstr (text, ==, "–");
    g_assert_true (att_register_sessions_has_class (cell->row, cell->column, "off-roll"));
    g_assert_cmpstr (att_register_sessions_get_meaning (cell->row, cell->column), ==, "Not on roll");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) filter = NULL;
  gint64 id;
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "08:50", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  t = att_test_db_new ();
  att_test_add_term (t->db, "Autumn 2024", D (2024, 9, 2), D (2024, 12, 20));
  att_calendar_add_closure (t->db, (AttUser *)att_user_system (), D (2024, 9, 13), D (2024, 9, 13), -1, "INSET day", &error);
  g_assert_no_error (error);
  att_school_set (t->db, att_user_system (), "am_close", "09:00", &error);
  att_school_set (t->db, att_user_system (), "am_open", "08:40", &error);
  att_school_set (t->db, att_user_system (), "pm_close", "13:30", &error);
  att_school_set (t->db, att_user_system (), "pm_open", "13:15", &error);
  g_assert_no_error (error);
  id = att_users_add (t->db, att_user_system (), "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance officer", &error);
  g_assert_no_error (error);
  officer = att_users_get (t->db, id, &error);
  amy = add_pupil ("Amy", "Able", "7A");
  ben = add_pupil ("Ben", "Brown", "7A");
  cara = add_pupil ("Cara", "Cole", "7A");
  dan = add_pupil ("Dan", "Dale", "7A");
  eve = add_pupil ("Eve", "Evans", "7B");

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 700);
  page = ATT_REGISTER_PAGE (att_register_page_new ());
  g_object_ref_sink (page);
  att_context_set_user (att_page_get_context (ATT_PAGE (page)), officer);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  att_context_set_db (att_page_get_context (ATT_PAGE (page)), t->db);
  filter = att_grid_filter_new_group ("7A");
  att_register_page_show (page, filter, D (2024, 9, 9), TRUE);
  att_test_flush_events ();

  g_test_add_func ("/register-page/opens-on-group", test_opens_on_group);
  g_test_add_func ("/register-page/type-across-row", test_type_across_row);
  g_test_add_func ("/register-page/invalid-codes", test_invalid_codes);
  g_test_add_func ("/register-page/amend-and-history", test_amend_and_history);
  g_test_add_func ("/register-page/bulk-fill-trip", test_bulk_fill_trip);
  g_test_add_func ("/register-page/mark-all-present", test_mark_all_present);
  g_test_add_func ("/register-page/late", test_late);
  g_test_add_func ("/register-page/palette-and-missing", test_palette_and_missing);
  g_test_add_func ("/register-page/filter-and-sort", test_filter_and_sort);
  g_test_add_func ("/register-page/export-pdf", test_export_pdf);
  g_test_add_func ("/register-page/export-rollcall-pdf", test_export_rollcall_pdf);
  g_test_add_func ("/register-page/switch-group-and-day", test_switch_group_and_day);
  g_test_add_func ("/register-page/planned-closure", test_planned_closure);
  g_test_add_func ("/register-page/outside-writes-show", test_outside_writes_show);
  g_test_add_func ("/register-page/empty-states", test_empty_states);
  g_test_add_func ("/register-page/advance-direction", test_advance_direction);
  g_test_add_func ("/register-page/past-sessions", test_past_sessions);
  g_test_add_func ("/register-page/refused-leave-suggests-g", test_refused_leave_suggests_g);
  g_test_add_func ("/register-page/flags-and-names", test_flags_and_names);
  g_test_add_func ("/register-page/group-chooser", test_group_chooser);
  g_test_add_func ("/register-page/scroll-and-focus", test_scroll_and_focus);
  g_test_add_func ("/register-page/pointer-and-session-sort", test_pointer_and_session_sort);
  g_test_add_func ("/register-page/sessions-drawn", test_sessions_drawn);
  result = g_test_run ();

  gtk_window_destroy (window);
  att_test_flush_events ();
  g_assert_finalize_object (page);
  att_user_free (officer);
  att_test_db_free (t);
  return result;
}
