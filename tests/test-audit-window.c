/* test-audit-window.c: the Audit Log window, the confirmation before
 * records whose retention has ended are deleted, and the subject access
 * export from a pupil's record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-audit-window.h"
#include "att-context.h"
#include "att-pupils-page-private.h"
#include "att-purge-dialog.h"
#include "att-sar-document.h"
#include "att-test-util.h"

/* From the compiled resources, registered by hand as the app does. */
void attendance_register_resource (void);

typedef struct
{
  AttTestDb  *t;
  AttContext *context;
  AttUser    *admin;
  AttUser    *officer;
  AttUser    *receptionist;
  gint64      ben, cara, leaver;
} School;

/* The school, all set up by the system on Tue 10 September 2024 but for
 * what is said:
 *   users     Ada Admin, Olive Officer, Rita Reception   3 rows (user)
 *   calendar  the autumn term and its INSET day           2 rows (calendar)
 *   times     am_close, am_open, pm_close (pm_open is     3 rows (setting)
 *             set to the 13:15 it already was: no row)
 *   pupils    Ben Baker, Cara Cole                        2 rows (pupil)
 *   leaver    Len Long, added and left on 20 July 2012    1 row (pupil), dated 2012
 *   mark      Ben's Monday morning, by Olive              1 row (mark)
 *   setting   the school's name, by Ada                   1 row (setting)
 * 13 rows in all. */
static void
school_init (School *s)
{
  g_autoptr(GError) error = NULL;
  AttMarkWrite write = { 0, D (2024, 9, 9), ATT_SESSION_AM, ATT_CODE_PRESENT_AM, -1, NULL };

  s->t = att_test_db_new ();
  s->admin = att_test_add_user (s->t->db, "Ada Admin", ATT_ROLE_ADMIN, NULL);
  s->officer = att_test_add_user (s->t->db, "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, NULL);
  s->receptionist = att_test_add_user (s->t->db, "Rita Reception", ATT_ROLE_RECEPTIONIST, NULL);
  att_test_add_autumn_2024 (s->t->db);
  s->ben = att_test_add_pupil (s->t->db, "Ben", "Baker", 7, D (2013, 2, 5), D (2024, 9, 2), ATT_DATE_NONE);
  s->cara = att_test_add_pupil (s->t->db, "Cara", "Cole", 7, D (2013, 3, 5), D (2024, 9, 2), ATT_DATE_NONE);
  g_setenv ("ATTENDANCE_TODAY", "2012-07-20", TRUE);
  s->leaver = att_test_add_pupil (s->t->db, "Len", "Long", 6, D (2001, 3, 5), D (2010, 9, 1), D (2012, 7, 20));
  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  write.pupil_id = s->ben;
  g_assert_true (att_register_write (s->t->db, s->officer, &write, 1, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (att_school_set (s->t->db, s->admin, "name", "Riverside Academy", &error));
  g_assert_no_error (error);

  s->context = att_context_new (NULL);
  att_context_set_db (s->context, s->t->db);
  att_context_set_user (s->context, s->admin);
}

static void
school_clear (School *s)
{
  g_clear_object (&s->context);
  g_clear_pointer (&s->admin, att_user_free);
  g_clear_pointer (&s->officer, att_user_free);
  g_clear_pointer (&s->receptionist, att_user_free);
  g_clear_pointer (&s->t, att_test_db_free);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   gboolean       *changed)
{
  /* Setting the text empties the entry first, which is a search of its
   * own: only the search for the whole text counts. */
  *changed = g_strcmp0 (g_object_get_data (G_OBJECT (entry), "test-text"),
                        gtk_editable_get_text (GTK_EDITABLE (entry))) == 0;
}

/* The pupil's search entry waits for typing to pause before it asks:
 * this waits for it to have asked (the window's handler runs first). */
static void
set_pupil (AttAuditWindow *window,
           const char     *text)
{
  GtkEditable *entry = att_audit_window_get_pupil_entry (window);
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean changed = FALSE;
  gulong id = g_signal_connect_after (entry, "search-changed", G_CALLBACK (on_search_changed), &changed);

  g_object_set_data_full (G_OBJECT (entry), "test-text", g_strdup (text), g_free);
  gtk_editable_set_text (entry, text);
  while (!changed && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (entry, id);
  g_assert_true (changed);
}

static guint
n_rows (AttAuditWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (att_audit_window_get_column_view (window))));
}

static AttAuditEntry *
row (AttAuditWindow *window,
     guint           position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (att_audit_window_get_column_view (window)));
  AttAuditEntry *entry = g_list_model_get_item (model, position);

  g_object_unref (entry);   /* the model keeps it */
  return entry;
}

static void
test_filters (void)
{
  School s = { 0 };
  AttAuditWindow *window;
  GtkDropDown *users, *kinds;

  school_init (&s);
  window = att_audit_window_new (s.context);
  gtk_window_present (GTK_WINDOW (window));
  att_test_flush_events ();

  g_assert_false (att_audit_window_is_empty (window));
  g_assert_cmpuint (n_rows (window), ==, 13);
  /* Newest first. Every change here was made in the same second (the
   * fixed clock): within a second the register's history comes first,
   * then the log's rows newest first, so the mark, then the setting. */
  g_assert_cmpstr (row (window, 0)->action, ==, "marks.enter");
  g_assert_cmpstr (row (window, 1)->action, ==, "school.set");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (att_audit_window_get_column_view (window))));

  /* Kind: marks. One row, Ben's. */
  kinds = att_audit_window_get_kind_dropdown (window);
  gtk_drop_down_set_selected (kinds, ATT_AUDIT_MARK + 1);
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_cmpint (row (window, 0)->pupil_id, ==, s.ben);
  g_assert_cmpstr (row (window, 0)->who, ==, "Olive Officer");

  /* And Cara: she has no marks, so nothing matches. */
  set_pupil (window, "cara");
  g_assert_true (att_audit_window_is_empty (window));
  /* Any kind: her addition. */
  gtk_drop_down_set_selected (kinds, 0);
  g_assert_false (att_audit_window_is_empty (window));
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_cmpstr (row (window, 0)->action, ==, "pupils.add");
  /* A name nobody has. */
  set_pupil (window, "Zebedee");
  g_assert_true (att_audit_window_is_empty (window));
  set_pupil (window, "");

  /* Dates: Len's addition is the only change made before 2024. */
  gtk_editable_set_text (att_audit_window_get_to_entry (window), "2023-12-31");
  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_cmpint (row (window, 0)->pupil_id, ==, s.leaver);
  gtk_editable_set_text (att_audit_window_get_to_entry (window), "not a day");
  g_assert_true (att_audit_window_is_empty (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (att_audit_window_get_to_entry (window)), "error"));
  gtk_editable_set_text (att_audit_window_get_to_entry (window), "");
  /* From 10 September 2024: all but Len's. */
  gtk_editable_set_text (att_audit_window_get_from_entry (window), "10/09/2024");
  g_assert_cmpuint (n_rows (window), ==, 12);

  /* Users: Anyone, Ada Admin, Olive Officer, Rita Reception, System. */
  gtk_editable_set_text (att_audit_window_get_from_entry (window), "");
  users = att_audit_window_get_user_dropdown (window);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (users)), ==, 5);
  gtk_drop_down_set_selected (users, 2);
  g_assert_cmpuint (n_rows (window), ==, 1);
  gtk_drop_down_set_selected (users, 3);
  g_assert_true (att_audit_window_is_empty (window));
  gtk_drop_down_set_selected (users, 1);
  g_assert_cmpuint (n_rows (window), ==, 1);

  /* The export writes what the filters select, and is itself logged. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (s.t->dir, "audit.csv", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_true (att_audit_window_export (window, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    /* The header and Ada's one change. */
    g_assert_nonnull (strstr (text, "school.set"));
    lines = g_strsplit (text, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    att_test_flush_events ();
    /* Ada now has two rows: the setting and the export. */
    g_assert_cmpuint (n_rows (window), ==, 2);
    g_assert_cmpstr (row (window, 0)->action, ==, "export.audit");
  }

  /* An attendance officer may not read it: the window closes its list. */
  att_context_set_user (s.context, s.officer);
  att_test_flush_events ();
  g_assert_true (att_audit_window_is_empty (window));
  g_assert_cmpuint (n_rows (window), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  school_clear (&s);
}

static void
test_purge_dialog (void)
{
  School s = { 0 };
  AttPurgeDialog *dialog;
  GPtrArray *items;

  school_init (&s);
  /* On 10 September 2024, Len's last entry (20 July 2012) is over six
   * years old: he is named, with what goes. */
  dialog = att_purge_dialog_new (NULL, s.context);
  items = att_purge_dialog_get_items (dialog);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (((AttRetentionItem *)items->pdata[0])->pupil_id, ==, s.leaver);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete the Records of 1 Pupil?");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");

  /* Cancelled: nothing goes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_nonnull (att_pupils_get (s.t->db, s.leaver));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  g_assert_null (att_pupils_get (s.t->db, s.leaver));
  g_assert_nonnull (att_pupils_get (s.t->db, s.ben));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = att_purge_dialog_new (NULL, s.context);
  g_assert_cmpuint (att_purge_dialog_get_items (dialog)->len, ==, 0);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "No Records to Delete");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Only an administrator. */
  att_context_set_user (s.context, s.officer);
  dialog = att_purge_dialog_new (NULL, s.context);
  g_assert_null (att_purge_dialog_get_items (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Records Cannot Be Deleted");
  gtk_window_destroy (GTK_WINDOW (dialog));
  att_test_flush_events ();
  school_clear (&s);
}

static void
test_subject_access_button (void)
{
  School s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *json = NULL;
  AttPupilsPage *page;
  GtkWidget *window;

  school_init (&s);
  page = g_object_new (ATT_TYPE_PUPILS_PAGE, "context", s.context, NULL);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  att_test_flush_events ();

  att_pupils_page_show_pupil (page, s.ben);
  att_test_flush_events ();
  att_context_set_user (s.context, s.receptionist);
  att_test_flush_events ();
  /* A receptionist may not: the button says why. */
  {
    GtkWidget *button = NULL;

    for (GtkWidget *w = GTK_WIDGET (att_pupils_page_get_pupil_view (page)); w != NULL;)
      {
        if (GTK_IS_BUTTON (w) &&
            g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "pupils.subject-access") == 0)
          {
            button = w;
            break;
          }
        /* Depth first through the view's widgets. */
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = w == GTK_WIDGET (att_pupils_page_get_pupil_view (page)) ? NULL : gtk_widget_get_parent (w);
            if (w != NULL)
              w = gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (button);
    g_assert_false (gtk_widget_is_sensitive (button));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "receptionist"));

    att_context_set_user (s.context, s.officer);
    att_test_flush_events ();
    g_assert_true (gtk_widget_is_sensitive (button));
  }

  g_assert_true (att_pupils_page_export_subject_access (page, s.t->dir, &error));
  g_assert_no_error (error);
  att_sar_file_paths (s.t->dir, att_pupils_get (s.t->db, s.ben)->upn, &pdf, &json);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));
  {
    AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
    g_autoptr(GPtrArray) rows = NULL;

    filter.kind = ATT_AUDIT_EXPORT;
    rows = att_audit_query (s.t->db, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (((AttAuditEntry *)rows->pdata[0])->pupil_id, ==, s.ben);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  school_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  adw_init ();
  attendance_register_resource ();

  g_test_add_func ("/audit-window/filters", test_filters);
  g_test_add_func ("/purge-dialog/confirm", test_purge_dialog);
  g_test_add_func ("/pupils-page/subject-access", test_subject_access_button);

  return g_test_run ();
}
