/* test-page.c: AttContext and AttPage, what every page is handed, and
 * the register's late-arrival popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "att-context.h"
#include "att-late-popover.h"
#include "att-page.h"
#include "att-test-util.h"

/* From the compiled resources, registered by hand as the app does. */
void attendance_register_resource (void);

/* A page of the smallest kind, counting what the base class asks of it. */
#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, AttPage)

struct _TestPage
{
  AttPage parent_instance;
  guint   n_go_back;
  guint   n_actions_update;
  guint   n_refresh;
  char   *undone;      /* the target of the last test.undo */
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, ATT_TYPE_PAGE)

static void
test_page_go_back (AttPage *page)
{
  TEST_PAGE (page)->n_go_back++;
  att_page_set_can_go_back (page, FALSE);
}

static void
test_page_actions_update (AttPage *page)
{
  TEST_PAGE (page)->n_actions_update++;
}

static void
test_page_refresh (AttPage *page)
{
  TEST_PAGE (page)->n_refresh++;
}

static void
test_page_undo (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TestPage *self = TEST_PAGE (widget);

  g_free (self->undone);
  self->undone = g_variant_dup_string (parameter, NULL);
}

static void
test_page_finalize (GObject *object)
{
  g_free (TEST_PAGE (object)->undone);
  G_OBJECT_CLASS (test_page_parent_class)->finalize (object);
}

static void
test_page_class_init (TestPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_page_finalize;
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "test.undo", "s", test_page_undo);
  ATT_PAGE_CLASS (klass)->refresh = test_page_refresh;
  ATT_PAGE_CLASS (klass)->go_back = test_page_go_back;
  ATT_PAGE_CLASS (klass)->actions_update = test_page_actions_update;
}

static void
test_page_init (TestPage *self)
{
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_page_context (void)
{
  g_autoptr(AttContext) context = att_context_new (NULL);
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) officer = NULL;
  TestPage *own, *given;
  gint64 id;

  /* A page made without a context makes its own; one made with the
   * window's uses it. */
  own = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  given = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, "context", context, NULL));
  g_assert_true (ATT_IS_CONTEXT (att_page_get_context (ATT_PAGE (own))));
  g_assert_true (att_page_get_context (ATT_PAGE (own)) != context);
  g_assert_true (att_page_get_context (ATT_PAGE (given)) == context);
  g_assert_cmpuint (given->n_actions_update, ==, 0);

  /* The database and the user set on the context reach the page, and
   * each asks the page to update its actions: one for the database (no
   * user comes with it: someone signs in), one for the user who signs in
   * (Olive, an officer), and one when she is signed out. The other page
   * hears nothing. */
  id = att_users_add (t->db, att_user_system (), "Olive Officer", ATT_ROLE_ATTENDANCE_OFFICER, "Attendance officer", &error);
  g_assert_no_error (error);
  officer = att_users_get (t->db, id, &error);
  att_context_set_db (context, t->db);
  g_assert_true (att_context_get_db (att_page_get_context (ATT_PAGE (given))) == t->db);
  g_assert_null (att_context_get_user (att_page_get_context (ATT_PAGE (given))));
  g_assert_cmpuint (given->n_actions_update, ==, 1);
  att_context_set_user (context, officer);
  g_assert_cmpstr (att_context_get_user (att_page_get_context (ATT_PAGE (given)))->name, ==,
                   "Olive Officer");
  g_assert_cmpuint (given->n_actions_update, ==, 2);
  att_context_set_user (context, NULL);
  g_assert_null (att_context_get_user (att_page_get_context (ATT_PAGE (given))));
  g_assert_cmpuint (given->n_actions_update, ==, 3);
  g_assert_cmpuint (own->n_actions_update, ==, 0);
  g_assert_null (att_context_get_db (att_page_get_context (ATT_PAGE (own))));

  att_context_set_db (context, NULL);
  g_assert_finalize_object (own);
  g_assert_finalize_object (given);
}

static void
test_page_go_back_action (void)
{
  TestPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  guint n_notify = 0;

  g_signal_connect (page, "notify::can-go-back", G_CALLBACK (count_notify), &n_notify);

  /* Nothing to go back from: the action does nothing. */
  g_assert_false (att_page_get_can_go_back (ATT_PAGE (page)));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  g_assert_cmpuint (page->n_go_back, ==, 0);

  /* A view inside the page: the action calls go_back once, which leaves
   * it. Setting the same value twice notifies once. */
  att_page_set_can_go_back (ATT_PAGE (page), TRUE);
  att_page_set_can_go_back (ATT_PAGE (page), TRUE);
  g_assert_cmpuint (n_notify, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  g_assert_cmpuint (page->n_go_back, ==, 1);
  g_assert_false (att_page_get_can_go_back (ATT_PAGE (page)));
  g_assert_cmpuint (n_notify, ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.go-back", NULL);
  g_assert_cmpuint (page->n_go_back, ==, 1);

  g_assert_finalize_object (page);
}

/* A hidden page waits to be shown before it refreshes, and several
 * changes in a row make one refresh. */
static void
test_page_queue_refresh (void)
{
  TestPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  GtkWidget *window = gtk_window_new ();

  /* Not shown: three changes, no refresh. */
  att_page_queue_refresh (ATT_PAGE (page));
  att_page_queue_refresh (ATT_PAGE (page));
  att_page_queue_refresh (ATT_PAGE (page));
  att_test_flush_events ();
  g_assert_cmpuint (page->n_refresh, ==, 0);

  /* Shown: it catches up once. */
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  att_test_flush_events ();
  g_assert_cmpuint (page->n_refresh, ==, 1);

  /* Shown, two changes in a row: one more refresh, from an idle. */
  att_page_queue_refresh (ATT_PAGE (page));
  att_page_queue_refresh (ATT_PAGE (page));
  g_assert_cmpuint (page->n_refresh, ==, 1);
  att_test_flush_events ();
  g_assert_cmpuint (page->n_refresh, ==, 2);

  /* A refresh now drops the one waiting. */
  att_page_queue_refresh (ATT_PAGE (page));
  att_page_refresh (ATT_PAGE (page));
  g_assert_cmpuint (page->n_refresh, ==, 3);
  att_test_flush_events ();
  g_assert_cmpuint (page->n_refresh, ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  g_assert_finalize_object (page);
}

/* A page the window holds ("held") reads nothing until it is shown,
 * even before it has a parent, and catches up when shown, before any
 * frame is drawn; a page on its own reads at once. */
static void
test_page_held (void)
{
  TestPage *held = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, "held", TRUE, NULL));
  TestPage *alone = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  GtkWidget *window = gtk_window_new ();

  g_assert_true (att_page_is_waiting (ATT_PAGE (held)));
  g_assert_false (att_page_is_waiting (ATT_PAGE (alone)));
  att_page_refresh_when_shown (ATT_PAGE (held));
  att_page_refresh_when_shown (ATT_PAGE (alone));
  att_test_flush_events ();
  g_assert_cmpuint (held->n_refresh, ==, 0);
  g_assert_cmpuint (alone->n_refresh, ==, 1);

  /* Shown: the refresh is done by the time the window is presented,
   * with no turn of the main loop for a frame to be drawn in. */
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (held));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (held->n_refresh, ==, 1);
  g_assert_false (att_page_is_waiting (ATT_PAGE (held)));
  att_test_flush_events ();
  g_assert_cmpuint (held->n_refresh, ==, 1);

  /* On screen, it reads at once. */
  att_page_refresh_when_shown (ATT_PAGE (held));
  g_assert_cmpuint (held->n_refresh, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  g_assert_finalize_object (held);
  g_assert_finalize_object (alone);
}

static void
test_page_subtitle (void)
{
  TestPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  guint n_notify = 0;

  g_signal_connect (page, "notify::subtitle", G_CALLBACK (count_notify), &n_notify);
  g_assert_null (att_page_get_subtitle (ATT_PAGE (page)));
  att_page_set_subtitle (ATT_PAGE (page), "7A, Mon 9 Sep 2024");
  att_page_set_subtitle (ATT_PAGE (page), "7A, Mon 9 Sep 2024");
  g_assert_cmpstr (att_page_get_subtitle (ATT_PAGE (page)), ==, "7A, Mon 9 Sep 2024");
  g_assert_cmpuint (n_notify, ==, 1);
  att_page_set_subtitle (ATT_PAGE (page), NULL);
  g_assert_cmpuint (n_notify, ==, 2);

  g_assert_finalize_object (page);
}

static void
test_context_user (void)
{
  g_autoptr(AttContext) context = att_context_new (NULL);
  g_autoptr(AttTestDb) t = att_test_db_new ();
  g_autoptr(AttTestDb) other = att_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) alan = NULL;
  g_autoptr(AttUser) zoe = NULL;
  g_autoptr(AttUser) head = NULL;

  alan = att_test_add_user (t->db, "Alan Admin", ATT_ROLE_ADMIN, NULL);
  zoe = att_test_add_user (t->db, "Zoe Officer", ATT_ROLE_ATTENDANCE_OFFICER, NULL);
  head = att_test_add_user (t->db, "Hana Head", ATT_ROLE_HEADTEACHER, NULL);

  /* Nobody is taken for the user: someone signs in. */
  att_context_set_db (context, t->db);
  g_assert_null (att_context_get_user (context));

  /* Zoe signs in; when the headteacher makes her deputy (in this window
   * or another program), the context reads her again at once. */
  att_context_set_user (context, zoe);
  g_assert_false (att_context_get_user (context)->deputy);
  g_assert_true (att_users_set_deputy (t->db, head, zoe->id, &error));
  g_assert_no_error (error);
  g_assert_true (att_context_get_user (context)->deputy);
  g_assert_true (att_user_can (att_context_get_user (context), ATT_PERM_DECIDE_LEAVE));

  /* Deactivated by the administrator, she is signed out. */
  g_assert_true (att_users_set_active (t->db, alan, zoe->id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_null (att_context_get_user (context));

  /* A user signed in before the database is set stays when they are in
   * it, and is signed out by a database that is not theirs. */
  att_context_set_db (context, NULL);
  att_context_set_user (context, alan);
  att_context_set_db (context, t->db);
  g_assert_cmpstr (att_context_get_user (context)->name, ==, "Alan Admin");
  att_context_set_db (context, other->db);
  g_assert_null (att_context_get_user (context));
  att_context_set_db (context, NULL);
}

static void
test_context_clock (void)
{
  g_autoptr(AttContext) context = att_context_new (NULL);

  /* One place to ask "now", and the tests set it: 2024-09-10 at 08:50
   * is 8 * 60 + 50 = 530 minutes after midnight. */
  g_assert_cmpint (att_context_get_today (context), ==, D (2024, 9, 10));
  g_assert_cmpint (att_context_get_clock (context), ==, 530);
  g_setenv ("ATTENDANCE_CLOCK", "13:15", TRUE);
  g_assert_cmpint (att_context_get_clock (context), ==, 13 * 60 + 15);
  g_setenv ("ATTENDANCE_CLOCK", "08:50", TRUE);
}

typedef struct
{
  guint  n;
  int    code;
  int    minutes;
  char  *reason;
} Confirmed;

static void
on_confirmed (AttLatePopover *popover,
              int             code,
              int             minutes,
              const char     *reason,
              Confirmed      *c)
{
  c->n++;
  c->code = code;
  c->minutes = minutes;
  g_free (c->reason);
  c->reason = g_strdup (reason);
}

static void
test_late_popover (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  AttLatePopover *popover = ATT_LATE_POPOVER (att_late_popover_new ());
  GdkRectangle rect = { 0, 0, 10, 10 };
  Confirmed c = { 0, };

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_widget_set_parent (GTK_WIDGET (popover), box);
  g_object_ref (popover);
  g_signal_connect (popover, "confirmed", G_CALLBACK (on_confirmed), &c);
  gtk_window_present (GTK_WINDOW (window));

  /* Without register times every arrival is L. */
  att_late_popover_set_minutes (popover, 200, NULL);
  g_assert_cmpint (att_late_popover_get_code (popover), ==, ATT_CODE_L);

  /* The register is open from 08:40 (520) to 09:00 (540). 10 minutes
   * late is 08:50, before it closed: L, recorded at once. */
  att_late_popover_set_register_times (popover, 520, 540);
  att_late_popover_present (popover, &rect, 10);
  att_test_flush_events ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpint (att_late_popover_get_code (popover), ==, ATT_CODE_L);
  att_late_popover_confirm (popover);
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_cmpint (c.code, ==, ATT_CODE_L);
  g_assert_cmpint (c.minutes, ==, 10);
  g_assert_null (c.reason);
  att_test_flush_events ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* 20 minutes is 09:00, when it closed (520 + 20 = 540): U, which
   * needs a reason. Without one nothing is recorded and the popover
   * stays; with one, the U is recorded with its minutes and reason. */
  att_late_popover_present (popover, &rect, 20);
  g_assert_cmpint (att_late_popover_get_code (popover), ==, ATT_CODE_U);
  att_late_popover_confirm (popover);
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  att_late_popover_set_minutes (popover, 20, "  Bus broke down ");
  att_late_popover_confirm (popover);
  g_assert_cmpuint (c.n, ==, 2);
  g_assert_cmpint (c.code, ==, ATT_CODE_U);
  g_assert_cmpint (c.minutes, ==, 20);
  g_assert_cmpstr (c.reason, ==, "Bus broke down");

  /* 19 minutes is 08:59: L again. */
  att_late_popover_set_minutes (popover, 19, NULL);
  g_assert_cmpint (att_late_popover_get_code (popover), ==, ATT_CODE_L);

  gtk_popover_popdown (GTK_POPOVER (popover));
  /* The window holds on to its focus, the minutes, until told. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  att_test_flush_events ();
  gtk_widget_unparent (GTK_WIDGET (popover));
  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  g_assert_finalize_object (popover);
  g_free (c.reason);
}

/* The widget in @top that is a button labelled @label, or a label saying
 * @label (with @button FALSE). */
static GtkWidget *
find_text (GtkWidget  *top,
           const char *label,
           gboolean    button)
{
  if (button && GTK_IS_BUTTON (top) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (top)), label) == 0)
    return top;
  if (!button && GTK_IS_LABEL (top) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (top)), label) == 0)
    return top;
  for (GtkWidget *child = gtk_widget_get_first_child (top);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, label, button);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A page's toast shows over the window, and its Undo button activates the
 * page's own action with the target given; a toast without an undo action
 * has no button, and a page outside a window drops its toast. */
static void
test_page_toast (void)
{
  TestPage *alone = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  TestPage *page = g_object_new (TEST_TYPE_PAGE, NULL);
  GtkWidget *undo, *shown;

  att_page_add_toast (ATT_PAGE (alone), "Nowhere to show this", "test.undo",
                      g_variant_new_string ("lost"));
  g_assert_null (alone->undone);
  g_assert_finalize_object (alone);

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  att_test_flush_events ();

  att_page_add_toast (ATT_PAGE (page), "Pupil added", "test.undo", g_variant_new_string ("1001"));
  att_test_flush_events ();
  g_assert_nonnull (find_text (overlay, "Pupil added", FALSE));
  undo = find_text (overlay, "_Undo", TRUE);
  g_assert_nonnull (undo);
  g_assert_true (gtk_widget_get_mapped (undo));
  g_assert_null (page->undone);

  /* A button activated shows itself pressed for a moment, then is clicked. */
  gtk_widget_activate (undo);
  for (gint64 end = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
       page->undone == NULL && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  att_test_flush_events ();
  g_assert_cmpstr (page->undone, ==, "1001");

  /* Once its button is used the toast goes; the next has no Undo. */
  att_page_add_toast (ATT_PAGE (page), "Register printed", NULL, NULL);
  att_test_flush_events ();
  shown = find_text (overlay, "Register printed", FALSE);
  g_assert_nonnull (shown);
  while (gtk_widget_get_parent (shown) != overlay)
    shown = gtk_widget_get_parent (shown);
  undo = find_text (shown, "_Undo", TRUE);
  g_assert_true (undo == NULL || !gtk_widget_get_visible (undo));

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("ATTENDANCE_TODAY", "2024-09-10", TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "08:50", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (att_test_ignore_session_bus, NULL);
  gtk_init ();
  attendance_register_resource ();

  g_test_add_func ("/page/context", test_page_context);
  g_test_add_func ("/page/go-back", test_page_go_back_action);
  g_test_add_func ("/page/queue-refresh", test_page_queue_refresh);
  g_test_add_func ("/page/held", test_page_held);
  g_test_add_func ("/page/subtitle", test_page_subtitle);
  g_test_add_func ("/context/user", test_context_user);
  g_test_add_func ("/context/clock", test_context_clock);
  g_test_add_func ("/late-popover/codes", test_late_popover);
  g_test_add_func ("/page/toast", test_page_toast);

  return g_test_run ();
}
