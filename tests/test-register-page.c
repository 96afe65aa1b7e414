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
   * on two lines (day, then session), then the figures. */
  {
    GListModel *columns = gtk_column_view_get_columns (att_register_page_get_column_view (page));
    const char *expected[] = { "Pupil", "Group", "Flags", "Mon\nAM", "Mon\nPM", "Tue\nAM" };

    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 3 + 10 + 2);
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
        g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, expected[i]);
      }
    {
      g_autoptr(GtkColumnViewColumn) last = g_list_model_get_item (columns, 12);
      g_assert_cmpstr (gtk_column_view_column_get_title (last), ==, "Fri\nPM");
    }
  }

  /* The view remembers the group and the mode. */
  group = g_settings_get_string (settings, "register-group");
  mode = g_settings_get_string (settings, "register-mode");
  g_assert_cmpstr (group, ==, "group=7A");
  g_assert_cmpstr (mode, ==, "week");
}

/* Every mark cell (an AttRegisterCell of a session) drawn in @widget, with
 * the number of them that show @text, each checked to tell a screen
 * reader what it means. */
static guint
check_cell_labels (GtkWidget  *widget,
                   const char *text,
                   const char *meaning)
{
  guint n = 0;

  if (ATT_IS_REGISTER_CELL (widget)
      && att_register_cell_get_kind (ATT_REGISTER_CELL (widget)) == ATT_REGISTER_CELL_SESSION)
    {
      GtkLabel *label = att_register_cell_get_label (ATT_REGISTER_CELL (widget));

      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "register-cell"));
      if (g_strcmp0 (gtk_label_get_label (label), text) == 0)
        {
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                               meaning);
          n++;
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
  result = g_test_run ();

  gtk_window_destroy (window);
  att_test_flush_events ();
  g_assert_finalize_object (page);
  att_user_free (officer);
  att_test_db_free (t);
  return result;
}
