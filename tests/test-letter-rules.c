/* test-letter-rules.c: the rules window and the template editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: the term "Autumn 1 2024" from Mon 2 September. Today is
 * Fri 4 October 2024: 5 weeks of 5 school days, 50 sessions so far.
 * Ben Adams (first on roll by surname) attended all 50: 100%. Amira Khan
 * missed 8 sessions with no reason (O, the mornings of 16 to 19 and 23
 * to 26 September): 42 of 50 = 84.0%, below every ladder's first line.
 * Her mother, Mrs Sana Khan of 12 Mill Lane, has parental
 * responsibility and receives letters.
 *
 * Hannah Head (headteacher) may change the rules and the wording; Rita
 * Reception (receptionist) may read them only.
 */
#include "config.h"

#include <string.h>

#include "att-db-private.h"
#include "att-ladder.h"
#include "att-letter-templates.h"
#include "att-letters-due.h"
#include "att-rules-window.h"
#include "att-template-editor.h"
#include "att-test-util.h"

void attendance_register_resource (void);

static AttTestSchool  s;
static AttUser       *head;
static AttContext    *context;
static gint64         amira, ben;

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean reached = FALSE;

  g_timeout_add (ms, timeout_reached, &reached);
  while (!reached)
    g_main_context_iteration (NULL, TRUE);
  att_test_flush_events ();
}

/* Until @window is on screen and laid out, as before anyone can click in
 * it. */
static void
wait_shown (GtkWindow *window)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (5000, timeout_reached, &reached);

  while (!reached && !(gtk_widget_get_mapped (GTK_WIDGET (window)) && gtk_widget_get_width (GTK_WIDGET (window)) > 0))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  wait_ms (200);
}

/* The stage's form once it is open: a form asked for while the last
 * one still slides away opens when it has gone. */
static AttStageEditor *
wait_editor (AttRulesWindow *window)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (5000, timeout_reached, &reached);

  while (!reached && att_rules_window_get_editor (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  att_test_flush_events ();
  return att_rules_window_get_editor (window);
}

/* The button labelled @label inside @widget, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Audit rows whose action starts with @prefix. */
static gint64
count_audit (const char *prefix)
{
  sqlite3_stmt *stmt = att_db_prepare (s.db, "SELECT count(*) FROM audit_log WHERE action LIKE ? || '%'", NULL);
  gint64 n = -1;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  g_assert_true (att_db_query_int (s.db, stmt, &n, "count", NULL));
  return n;
}

/* With $ATT_TEST_SCREENSHOTS set to a folder, writes @window there as
 * @name.png, to look at what the tests drive. */
static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("ATT_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  wait_ms (300);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
write_marks (gint64      pupil_id,
             const char *absent)
{
  g_autoptr(GArray) writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  g_autoptr(GError) error = NULL;

  for (AttDate day = D (2024, 9, 2); day <= D (2024, 10, 4); day++)
    {
      AttMarkWrite am = { pupil_id, day, ATT_SESSION_AM, att_code_lookup ("/"), -1, NULL };
      AttMarkWrite pm = { pupil_id, day, ATT_SESSION_PM, att_code_lookup ("\\"), -1, NULL };
      int weekday = att_date_weekday (day);

      if (weekday >= 6)
        continue;
      /* The mornings of Mon 16 to Thu 19 and Mon 23 to Thu 26 September. */
      if (absent != NULL && ((day >= D (2024, 9, 16) && day <= D (2024, 9, 19)) ||
                             (day >= D (2024, 9, 23) && day <= D (2024, 9, 26))))
        am.code = att_code_lookup (absent);
      g_array_append_val (writes, am);
      g_array_append_val (writes, pm);
    }
  g_assert_cmpuint (writes->len, ==, 50);
  g_assert_true (att_register_write (s.db, s.officer, (AttMarkWrite *)writes->data, writes->len,
                                     "Entered from the paper register", ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
add_contact (gint64 pupil_id)
{
  g_autoptr(AttContact) c = att_contact_new ();
  g_autoptr(GError) error = NULL;

  c->pupil_id = pupil_id;
  c->priority = 1;
  c->title = g_strdup ("Mrs");
  c->forename = g_strdup ("Sana");
  c->surname = g_strdup ("Khan");
  c->relationship = g_strdup ("Mother");
  c->parental_responsibility = TRUE;
  c->receives_letters = TRUE;
  c->address_1 = g_strdup ("12 Mill Lane");
  c->town = g_strdup ("Millbrook");
  c->postcode = g_strdup ("MB4 2QT");
  g_assert_cmpint (att_contacts_save (s.db, att_user_system (), c, &error), >, 0);
  g_assert_no_error (error);
}

/* The first stage whose condition is attendance below a line. */
static guint
find_below_stage (AttRulesWindow *window)
{
  for (guint i = 0; i < att_rules_window_get_n_stages (window); i++)
    if (att_stage_row_get_stage (att_rules_window_get_stage_row (window, i))->condition == ATT_LADDER_BELOW)
      return i;
  g_assert_not_reached ();
}

/* The headteacher opens a stage of the default ladder, lowers its line to
 * 88% and saves: the stored ladder has 88, audited, and the row says so.
 * A line of 0% is refused by the core, naming the field; the row of the
 * line is marked and nothing is stored. */
static void
test_rules_edit_stage (void)
{
  g_autoptr(GPtrArray) before = att_ladder_load (s.db, NULL);
  g_autoptr(AttLadderStage) stored = NULL;
  g_autofree char *name = NULL;
  AttRulesWindow *window;
  AttStageEditor *editor;
  AttStageRow *row;
  GtkWidget *percent;
  gint64 audits = count_audit ("letters.ladder.stage");
  guint index;

  att_context_set_user (context, head);
  att_rules_window_present (NULL, context);
  att_test_flush_events ();
  window = ATT_RULES_WINDOW (find_window (ATT_TYPE_RULES_WINDOW));
  g_assert_nonnull (window);
  wait_shown (GTK_WINDOW (window));
  g_assert_cmpuint (before->len, >, 0);
  g_assert_cmpuint (att_rules_window_get_n_stages (window), ==, before->len);
  screenshot (GTK_WIDGET (window), "rules-window");

  /* Enter on the row opens its form. */
  index = find_below_stage (window);
  row = att_rules_window_get_stage_row (window, index);
  name = g_strdup (att_stage_row_get_stage (row)->name);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_widget_activate (GTK_WIDGET (row));
  att_test_flush_events ();
  editor = wait_editor (window);
  g_assert_nonnull (editor);
  screenshot (GTK_WIDGET (window), "stage-editor");
  gtk_widget_grab_focus (att_stage_editor_get_field (editor, "looked-after"));
  screenshot (GTK_WIDGET (window), "stage-editor-bottom");

  /* 88%: saved, back on the ladder, the row shows it. */
  percent = att_stage_editor_get_field (editor, "percent");
  g_assert_true (GTK_IS_SPIN_BUTTON (percent));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (percent, ADW_TYPE_ACTION_ROW)));
  gtk_editable_set_text (GTK_EDITABLE (percent), "88");
  gtk_spin_button_update (GTK_SPIN_BUTTON (percent));
  g_assert_true (att_stage_editor_get_modified (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "stage.save", NULL);
  att_test_flush_events ();
  g_assert_null (att_rules_window_get_error (window));
  g_assert_null (att_rules_window_get_editor (window));
  stored = att_ladder_get (s.db, name, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpfloat_with_epsilon (stored->percent, 88.0, 1e-9);
  g_assert_cmpint (count_audit ("letters.ladder.stage"), ==, audits + 1);
  row = att_rules_window_get_stage_row (window, index);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "88"));
  g_clear_pointer (&stored, att_ladder_stage_free);

  /* 0%: refused, the field named, the row marked, 88 kept. */
  gtk_widget_activate (GTK_WIDGET (row));
  att_test_flush_events ();
  editor = wait_editor (window);
  percent = att_stage_editor_get_field (editor, "percent");
  gtk_editable_set_text (GTK_EDITABLE (percent), "0");
  gtk_spin_button_update (GTK_SPIN_BUTTON (percent));
  gtk_widget_activate_action (GTK_WIDGET (editor), "stage.save", NULL);
  att_test_flush_events ();
  g_assert_nonnull (att_stage_editor_get_error (editor));
  g_assert_cmpstr (att_stage_editor_get_invalid_field (editor), ==, "percent");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_ancestor (percent, ADW_TYPE_ACTION_ROW), "error"));
  g_assert_true (att_rules_window_get_editor (window) == editor);
  screenshot (GTK_WIDGET (window), "stage-refused");
  stored = att_ladder_get (s.db, name, NULL);
  g_assert_cmpfloat_with_epsilon (stored->percent, 88.0, 1e-9);

  /* Edit Template… opens the wording of the stage's letter. */
  gtk_widget_activate (find_button (GTK_WIDGET (editor), "_Edit Template…"));
  wait_ms (400);
  {
    GtkWindow *templates = find_window (ATT_TYPE_TEMPLATE_EDITOR);

    g_assert_nonnull (templates);
    g_assert_cmpstr (att_template_editor_get_name (ATT_TEMPLATE_EDITOR (templates)), ==, stored->template_name);
    gtk_window_close (templates);
    att_test_flush_events ();
    g_assert_null (find_window (ATT_TYPE_TEMPLATE_EDITOR));
  }

  /* Back, discarding the change: the dialog asks first. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "stage.back", NULL);
  att_test_flush_events ();
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "discard");
    att_test_flush_events ();
  }
  g_assert_null (att_rules_window_get_editor (window));

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
}

/* Alt+Down moves the first stage below the second; the stored ladder
 * follows. A receptionist may look but not change: the window says why
 * and adding a stage does nothing. */
static void
test_rules_move_and_rights (void)
{
  g_autoptr(GPtrArray) before = att_ladder_load (s.db, NULL);
  g_autoptr(GPtrArray) after = NULL;
  AttRulesWindow *window;
  AttStageRow *row;
  const char *first, *second;

  g_assert_cmpuint (before->len, >=, 2);
  first = ((AttLadderStage *)before->pdata[0])->name;
  second = ((AttLadderStage *)before->pdata[1])->name;

  att_context_set_user (context, head);
  window = att_rules_window_new (context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_shown (GTK_WINDOW (window));
  row = att_rules_window_get_stage_row (window, 0);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_signal_emit_by_name (row, "move", 1);
  att_test_flush_events ();
  g_assert_null (att_rules_window_get_error (window));
  after = att_ladder_load (s.db, NULL);
  g_assert_cmpstr (((AttLadderStage *)after->pdata[0])->name, ==, second);
  g_assert_cmpstr (((AttLadderStage *)after->pdata[1])->name, ==, first);
  g_assert_cmpstr (att_stage_row_get_stage (att_rules_window_get_stage_row (window, 1))->name, ==, first);
  /* And back up, to leave the ladder as it was. */
  g_signal_emit_by_name (att_rules_window_get_stage_row (window, 1), "move", -1);
  att_test_flush_events ();
  g_clear_pointer (&after, g_ptr_array_unref);
  after = att_ladder_load (s.db, NULL);
  g_assert_cmpstr (((AttLadderStage *)after->pdata[0])->name, ==, first);

  att_context_set_user (context, s.receptionist);
  att_test_flush_events ();
  gtk_widget_activate_action (GTK_WIDGET (window), "rules.add-stage", NULL);
  att_test_flush_events ();
  g_assert_null (att_rules_window_get_editor (window));
  screenshot (GTK_WIDGET (window), "rules-read-only");
  att_context_set_user (context, head);

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
}

/* Ctrl+N adds a stage: a certificate for 98% or more this term, after
 * the last stage. Saved at the end of the ladder; then removed from its
 * form, after a question, and the ladder is as before. */
static void
test_rules_add_and_remove (void)
{
  g_autoptr(GPtrArray) before = att_ladder_load (s.db, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(AttLadderStage) stored = NULL;
  AttLadderStage *last = g_ptr_array_index (before, before->len - 1);
  AttRulesWindow *window;
  AttStageEditor *editor;
  AdwMessageDialog *dialog;

  att_context_set_user (context, head);
  window = att_rules_window_new (context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_shown (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "rules.add-stage", NULL);
  att_test_flush_events ();
  editor = wait_editor (window);
  g_assert_nonnull (editor);
  /* The name has the focus. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         att_stage_editor_get_field (editor, "name")));
  gtk_editable_set_text (GTK_EDITABLE (att_stage_editor_get_field (editor, "name")), "certificate-98");
  gtk_editable_set_text (GTK_EDITABLE (att_stage_editor_get_field (editor, "title")), "Certificate: 98% this term");
  adw_combo_row_set_selected (ADW_COMBO_ROW (att_stage_editor_get_field (editor, "condition")), ATT_LADDER_AT_LEAST);
  /* The certificate's wording, from the list of letters. */
  {
    AdwComboRow *letter = ADW_COMBO_ROW (att_stage_editor_get_field (editor, "template"));
    GListModel *model = adw_combo_row_get_model (letter);
    guint found = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      if (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "(certificate)"))
        found = i;
    g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
    adw_combo_row_set_selected (letter, found);
  }
  /* The line is asked for; the sessions are not. */
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (att_stage_editor_get_field (editor, "percent"),
                                                                  ADW_TYPE_ACTION_ROW)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (att_stage_editor_get_field (editor, "count"),
                                                                   ADW_TYPE_ACTION_ROW)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (att_stage_editor_get_field (editor, "percent")), 98);
  gtk_widget_activate_action (GTK_WIDGET (editor), "stage.save", NULL);
  att_test_flush_events ();
  g_assert_null (att_rules_window_get_error (window));
  wait_ms (100);
  g_assert_null (att_rules_window_get_editor (window));

  after = att_ladder_load (s.db, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  stored = att_ladder_stage_copy (g_ptr_array_index (after, after->len - 1));
  g_assert_cmpstr (stored->name, ==, "certificate-98");
  g_assert_cmpstr (stored->template_name, ==, "certificate");
  g_assert_cmpint (stored->condition, ==, ATT_LADDER_AT_LEAST);
  g_assert_cmpfloat_with_epsilon (stored->percent, 98.0, 1e-9);
  /* A new stage follows the last one. */
  g_assert_cmpstr (stored->follows, ==, last->name);
  g_assert_cmpuint (att_rules_window_get_n_stages (window), ==, before->len + 1);

  /* Its form, Remove, the question, Remove: gone. */
  gtk_widget_activate (GTK_WIDGET (att_rules_window_get_stage_row (window, before->len)));
  att_test_flush_events ();
  editor = wait_editor (window);
  g_assert_nonnull (editor);
  gtk_widget_activate (find_button (GTK_WIDGET (editor), "_Remove Stage…"));
  /* A button activated from the keyboard shows itself pressed for a
   * moment before it is clicked. */
  wait_ms (400);
  dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Certificate: 98% this term"));
  adw_message_dialog_response (dialog, "remove");
  att_test_flush_events ();
  wait_ms (100);
  g_assert_null (att_rules_window_get_editor (window));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = att_ladder_load (s.db, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (att_rules_window_get_n_stages (window), ==, before->len);

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
}

/* Applying a preset asks first, naming the stages it replaces; then the
 * ladder is the preset's. */
static void
test_rules_preset (void)
{
  g_autoptr(GPtrArray) before = att_ladder_load (s.db, NULL);
  g_autoptr(GPtrArray) preset = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const char * const *presets = att_ladder_presets ();
  AttRulesWindow *window;
  AdwMessageDialog *dialog;
  AttLadderStage *first = g_ptr_array_index (before, 0);

  g_assert_nonnull (presets[0]);
  g_assert_nonnull (presets[1]);
  preset = att_ladder_preset_stages (presets[1], NULL);
  g_assert_nonnull (preset);

  att_context_set_user (context, head);
  window = att_rules_window_new (context, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_shown (GTK_WINDOW (window));
  /* The second preset, chosen from the list. */
  {
    AdwComboRow *combo = NULL;
    GtkWidget *widget = GTK_WIDGET (window);
    GSList *todo = g_slist_prepend (NULL, widget);

    while (todo != NULL && combo == NULL)
      {
        GtkWidget *w = todo->data;

        todo = g_slist_delete_link (todo, todo);
        if (ADW_IS_COMBO_ROW (w) && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "_Preset"))
          combo = ADW_COMBO_ROW (w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          todo = g_slist_prepend (todo, c);
      }
    g_slist_free (todo);
    g_assert_nonnull (combo);
    adw_combo_row_set_selected (combo, 1);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "rules.apply-preset", NULL);
  att_test_flush_events ();
  dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  /* It names what goes. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), first->title));
  screenshot (GTK_WIDGET (dialog), "preset-confirm");
  adw_message_dialog_response (dialog, "replace");
  att_test_flush_events ();
  g_assert_null (att_rules_window_get_error (window));
  after = att_ladder_load (s.db, NULL);
  g_assert_cmpuint (after->len, ==, preset->len);
  g_assert_cmpuint (att_rules_window_get_n_stages (window), ==, preset->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (((AttLadderStage *)after->pdata[i])->name, ==, ((AttLadderStage *)preset->pdata[i])->name);
  /* The DfE ladder again, for the tests that follow. */
  g_assert_true (att_ladder_apply_preset (s.db, head, "dfe", NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
}

static void
wait_for_preview (AttTemplateEditor *editor)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (3000, timeout_reached, &reached);

  while (!reached && att_template_editor_get_preview_pending (editor))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
}

static void
append_body (AttTemplateEditor *editor,
             const char        *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (att_template_editor_get_body_view (editor));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, text, -1);
}

/* The editor opens on the letter Amira is due, previews her letter (not
 * Ben's, though he is first on roll), follows the wording as it is typed,
 * saves it as the next version, and refuses an unknown field under the
 * body, naming it and its line. */
static void
test_template_editor (void)
{
  g_autoptr(GPtrArray) due = att_letters_due (s.db, att_date_today (), NULL);
  g_autoptr(AttLetterTemplate) stored = NULL;
  g_autofree char *text = NULL;
  AttTemplateEditor *editor;
  GtkWidget *focus;
  const AttLetterDue *row = NULL;
  const char *error;
  guint version;

  g_assert_nonnull (due);
  for (guint i = 0; i < due->len; i++)
    {
      const AttLetterDue *d = g_ptr_array_index (due, i);

      if (d->pupil_id == amira && d->status == ATT_LETTER_DUE_DUE)
        row = d;
      /* Ben attended every session. */
      g_assert_cmpint (d->pupil_id, !=, ben);
    }
  g_assert_nonnull (row);
  stored = att_letter_templates_get (s.db, row->template_name, NULL);
  version = att_letter_template_get_version (stored);
  g_clear_pointer (&stored, att_letter_template_unref);

  att_context_set_user (context, head);
  editor = att_template_editor_new (context, NULL, row->template_name);
  gtk_window_present (GTK_WINDOW (editor));
  att_test_flush_events ();
  g_assert_cmpstr (att_template_editor_get_name (editor), ==, row->template_name);
  g_assert_cmpuint (att_template_editor_get_version (editor), ==, version);
  g_assert_cmpint (att_template_editor_get_preview_pupil (editor)->id, ==, amira);
  text = att_template_editor_dup_preview_text (editor);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Amira"));
  g_assert_nonnull (strstr (text, "Dear Mrs Khan"));
  /* Her figures: 8 unauthorised sessions, or 42 of 50 sessions (84.0%),
   * as the letter she is due quotes them. */
  if (g_str_equal (row->template_name, "unauthorised"))
    g_assert_nonnull (strstr (text, "8 sessions of unauthorised absence"));
  else
    g_assert_nonnull (strstr (text, "84.0%"));
  g_clear_pointer (&text, g_free);
  screenshot (GTK_WIDGET (editor), "template-editor");

  /* Ben, chosen instead: not due, his own name and figures. */
  att_template_editor_set_preview_pupil (editor, att_pupils_get (s.db, ben));
  text = att_template_editor_dup_preview_text (editor);
  g_assert_nonnull (strstr (text, "Ben"));
  g_assert_null (strstr (text, "Amira"));
  g_clear_pointer (&text, g_free);
  att_template_editor_set_preview_pupil (editor, att_pupils_get (s.db, amira));

  /* A new sentence, merged with her name a moment after typing. */
  append_body (editor, "\n\nWe look forward to seeing {pupil.forename} in school every day.");
  g_assert_true (att_template_editor_get_modified (editor));
  g_assert_true (att_template_editor_get_preview_pending (editor));
  wait_for_preview (editor);
  text = att_template_editor_dup_preview_text (editor);
  g_assert_nonnull (strstr (text, "We look forward to seeing Amira in school every day."));
  g_clear_pointer (&text, g_free);
  screenshot (GTK_WIDGET (editor), "template-edited");

  /* Saved: the next version, with the sentence. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  att_test_flush_events ();
  g_assert_null (att_template_editor_get_error (editor));
  g_assert_false (att_template_editor_get_modified (editor));
  g_assert_cmpuint (att_template_editor_get_version (editor), ==, version + 1);
  stored = att_letter_templates_get (s.db, row->template_name, NULL);
  g_assert_cmpuint (att_letter_template_get_version (stored), ==, version + 1);
  g_assert_nonnull (strstr (att_letter_template_get_body (stored), "seeing {pupil.forename} in school"));
  g_assert_cmpint (count_audit ("letters.template"), ==, 1);
  g_clear_pointer (&stored, att_letter_template_unref);

  /* Ctrl+I opens the fields; typing finds one, Enter inserts it where the
   * cursor is in the body, and the preview merges it: her UPN. */
  gtk_widget_grab_focus (GTK_WIDGET (att_template_editor_get_body_view (editor)));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.insert-field", NULL);
  att_test_flush_events ();
  focus = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "unique pupil");
  wait_ms (400);
  g_signal_emit_by_name (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY), "activate");
  att_test_flush_events ();
  g_assert_true (gtk_root_get_focus (GTK_ROOT (editor)) == GTK_WIDGET (att_template_editor_get_body_view (editor)));
  wait_for_preview (editor);
  text = att_template_editor_dup_preview_text (editor);
  g_assert_cmpuint (strlen (att_pupils_get (s.db, amira)->upn), ==, 13);
  g_assert_nonnull (strstr (text, att_pupils_get (s.db, amira)->upn));
  g_clear_pointer (&text, g_free);

  /* A misspelt field: refused under the body, naming it; nothing stored. */
  append_body (editor, "\n\nSigned for {pupil.forname}.");
  wait_for_preview (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  att_test_flush_events ();
  error = att_template_editor_get_error (editor);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "{pupil.forname}"));
  g_assert_true (att_template_editor_get_modified (editor));
  stored = att_letter_templates_get (s.db, row->template_name, NULL);
  g_assert_cmpuint (att_letter_template_get_version (stored), ==, version + 1);
  g_assert_cmpint (count_audit ("letters.template"), ==, 1);
  screenshot (GTK_WIDGET (editor), "template-refused");

  /* Closing with the change unsaved asks first; Discard closes. */
  gtk_window_close (GTK_WINDOW (editor));
  att_test_flush_events ();
  g_assert_nonnull (find_window (ATT_TYPE_TEMPLATE_EDITOR));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "discard");
    att_test_flush_events ();
  }
  g_assert_null (find_window (ATT_TYPE_TEMPLATE_EDITOR));
}

/* The receptionist may read the wording and see the preview, not save. */
static void
test_template_editor_read_only (void)
{
  g_autoptr(AttLetterTemplate) before = att_letter_templates_get (s.db, "concern", NULL);
  g_autoptr(AttLetterTemplate) after = NULL;
  g_autofree char *text = NULL;
  AttTemplateEditor *editor;

  att_context_set_user (context, s.receptionist);
  editor = att_template_editor_new (context, NULL, "concern");
  gtk_window_present (GTK_WINDOW (editor));
  att_test_flush_events ();
  g_assert_false (gtk_text_view_get_editable (att_template_editor_get_body_view (editor)));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  att_test_flush_events ();
  after = att_letter_templates_get (s.db, "concern", NULL);
  g_assert_cmpuint (att_letter_template_get_version (after), ==, att_letter_template_get_version (before));
  gtk_window_destroy (GTK_WINDOW (editor));
  att_test_flush_events ();

  /* A text message's wording previews the message itself: no one is due
   * it, so the first on roll, Ben, and his 100%. */
  editor = att_template_editor_new (context, NULL, "attendance-text");
  gtk_window_present (GTK_WINDOW (editor));
  att_test_flush_events ();
  g_assert_cmpint (att_template_editor_get_preview_pupil (editor)->id, ==, ben);
  text = att_template_editor_dup_preview_text (editor);
  g_assert_nonnull (strstr (text, "Ben"));
  g_assert_nonnull (strstr (text, "100.0%"));
  gtk_window_destroy (GTK_WINDOW (editor));
  att_test_flush_events ();
  att_context_set_user (context, head);
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A visible label holding @text. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
body_text (AttTemplateEditor *editor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (att_template_editor_get_body_view (editor));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The earlier versions of "meeting": the built-in version 1, then two
 * saved by Hannah Head, 2 ("Second wording.") and 3 ("Third wording.").
 * The list shows 3, 2, 1, newest first; version 2 is shown read only,
 * with who saved it; editing from it and saving makes version 4 with the
 * second wording and not the third. The receptionist may look, not
 * start from it. */
static void
test_template_editor_versions (void)
{
  g_autoptr(AttLetterTemplate) builtin = att_letter_templates_get (s.db, "meeting", NULL);
  g_autoptr(AttLetterTemplate) stored = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  AttTemplateEditor *editor;
  GtkWidget *versions_button;
  GtkListBox *list;
  GtkListBoxRow *row;
  guint n_rows = 0;

  g_assert_nonnull (builtin);
  g_assert_cmpuint (att_letter_template_get_version (builtin), ==, 1);
  second = g_strconcat (att_letter_template_get_body (builtin), "\n\nSecond wording.", NULL);
  third = g_strconcat (att_letter_template_get_body (builtin), "\n\nThird wording.", NULL);
  g_assert_cmpuint (att_letter_templates_save (s.db, head, "meeting", att_letter_template_get_subject (builtin),
                                               second, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (att_letter_templates_save (s.db, head, "meeting", att_letter_template_get_subject (builtin),
                                               third, &error), ==, 3);
  g_assert_no_error (error);

  att_context_set_user (context, head);
  editor = att_template_editor_new (context, NULL, "meeting");
  gtk_window_present (GTK_WINDOW (editor));
  att_test_flush_events ();
  g_assert_cmpuint (att_template_editor_get_version (editor), ==, 3);
  g_assert_cmpuint (att_template_editor_get_shown_version (editor), ==, 3);

  /* The list, newest first, the one in use said so. */
  versions_button = find_of_type (GTK_WIDGET (editor), GTK_TYPE_MENU_BUTTON);
  while (versions_button != NULL
         && g_strcmp0 (gtk_widget_get_tooltip_text (versions_button), "Earlier Versions") != 0)
    versions_button = gtk_widget_get_next_sibling (versions_button);
  g_assert_nonnull (versions_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (versions_button));
  att_test_flush_events ();
  list = GTK_LIST_BOX (find_of_type (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (versions_button))),
                                     GTK_TYPE_LIST_BOX));
  while (gtk_list_box_get_row_at_index (list, n_rows) != NULL)
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 3);
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Version 3, in use");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Saved by Hannah Head on"));
  row = gtk_list_box_get_row_at_index (list, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Version 1");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "The wording the application comes with");

  /* Version 2 chosen: its words, read only, who saved it; nothing to save. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 1));
  att_test_flush_events ();
  g_assert_cmpuint (att_template_editor_get_shown_version (editor), ==, 2);
  body = body_text (editor);
  g_assert_cmpstr (body, ==, second);
  g_clear_pointer (&body, g_free);
  g_assert_false (gtk_text_view_get_editable (att_template_editor_get_body_view (editor)));
  g_assert_false (gtk_editable_get_editable (att_template_editor_get_subject (editor)));
  g_assert_false (att_template_editor_get_modified (editor));
  g_assert_nonnull (find_label (GTK_WIDGET (editor), "Version 2, as it was: Saved by Hannah Head on"));
  g_assert_nonnull (find_label (GTK_WIDGET (editor), "Letters use version 3."));
  screenshot (GTK_WIDGET (editor), "template-earlier-version");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  att_test_flush_events ();
  stored = att_letter_templates_get (s.db, "meeting", NULL);
  g_assert_cmpuint (att_letter_template_get_version (stored), ==, 3);
  g_clear_pointer (&stored, att_letter_template_unref);

  /* Editing from it: the same words, changed, saved as version 4. */
  /* A button's activation clicks it once its press is shown. */
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (editor), "_Edit From This Version")));
  wait_ms (400);
  att_test_flush_events ();
  g_assert_true (att_template_editor_get_modified (editor));
  g_assert_true (gtk_text_view_get_editable (att_template_editor_get_body_view (editor)));
  g_assert_cmpuint (att_template_editor_get_shown_version (editor), ==, 3);
  g_assert_null (find_label (GTK_WIDGET (editor), "as it was"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  att_test_flush_events ();
  g_assert_null (att_template_editor_get_error (editor));
  g_assert_cmpuint (att_template_editor_get_version (editor), ==, 4);
  stored = att_letter_templates_get (s.db, "meeting", NULL);
  g_assert_cmpuint (att_letter_template_get_version (stored), ==, 4);
  g_assert_cmpstr (att_letter_template_get_body (stored), ==, second);
  g_assert_null (strstr (att_letter_template_get_body (stored), "Third wording."));
  g_clear_pointer (&stored, att_letter_template_unref);

  /* The built-in wording, then back to the one in use. */
  g_assert_true (att_template_editor_show_version (editor, 1));
  body = body_text (editor);
  g_assert_cmpstr (body, ==, att_letter_template_get_body (builtin));
  g_clear_pointer (&body, g_free);
  g_assert_true (att_template_editor_show_version (editor, 4));
  g_assert_cmpuint (att_template_editor_get_shown_version (editor), ==, 4);
  g_assert_true (gtk_text_view_get_editable (att_template_editor_get_body_view (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  att_test_flush_events ();

  /* The receptionist reads version 2 but cannot start from it. */
  att_context_set_user (context, s.receptionist);
  editor = att_template_editor_new (context, NULL, "meeting");
  gtk_window_present (GTK_WINDOW (editor));
  att_test_flush_events ();
  g_assert_true (att_template_editor_show_version (editor, 2));
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (editor), "_Edit From This Version")));
  g_assert_false (att_template_editor_edit_from_version (editor));
  g_assert_cmpuint (att_template_editor_get_shown_version (editor), ==, 2);
  gtk_window_destroy (GTK_WINDOW (editor));
  att_test_flush_events ();
  att_context_set_user (context, head);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_setenv ("ATTENDANCE_TODAY", "2024-10-04", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  att_test_school_init (&s);
  head = att_test_add_user (s.db, "Hannah Head", ATT_ROLE_HEADTEACHER, NULL);
  ben = att_test_school_add_pupil (&s, "Ben", "Adams", D (2012, 10, 1));
  amira = att_test_school_add_pupil (&s, "Amira", "Khan", D (2012, 11, 1));
  add_contact (amira);
  write_marks (ben, NULL);
  write_marks (amira, "O");

  context = att_context_new (NULL);
  att_context_set_db (context, s.db);
  att_context_set_user (context, head);

  g_test_add_func ("/letter-rules/edit-stage", test_rules_edit_stage);
  g_test_add_func ("/letter-rules/move-and-rights", test_rules_move_and_rights);
  g_test_add_func ("/letter-rules/add-and-remove", test_rules_add_and_remove);
  g_test_add_func ("/letter-rules/preset", test_rules_preset);
  g_test_add_func ("/letter-rules/template-editor", test_template_editor);
  g_test_add_func ("/letter-rules/template-editor-read-only", test_template_editor_read_only);
  g_test_add_func ("/letter-rules/template-editor-versions", test_template_editor_versions);
  result = g_test_run ();

  att_test_flush_events ();
  g_assert_finalize_object (context);
  g_clear_pointer (&head, att_user_free);
  att_test_school_clear (&s);
  return result;
}
