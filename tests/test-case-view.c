/* test-case-view.c: a pupil's case in the window: the chronology, a
 * meeting recorded, the registration certificate held back by an N with
 * its way to the register, and the certificate saved as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The school: the term "Autumn 1 2024" from Mon 2 September to Fri 25
 * October; today is Saturday 5 October 2024. Amina Khan (7A, born 4 May
 * 2013, so of compulsory school age throughout) is on roll from 2
 * September; her mother Sara lives with her, has parental responsibility
 * and receives letters. Amina's register from Mon 2 September to Fri 4
 * October is present at every session (5 weeks, 25 days, 50 sessions)
 * but one: Tuesday 24 September PM is N, no reason yet.
 *
 * The case, as the core wrote it: support on Wed 11 September (the
 * school nurse), a meeting planned for Mon 16 September at 09:30, then
 * (recorded later, dated earlier) early help offered on Thu 5 September.
 * Olive Officer (attendance officer) records casework; Rita Reception
 * may not.
 *
 * The tests run in order.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "att-application.h"
#include "att-case-view.h"
#include "att-case.h"
#include "att-certificate-dialog.h"
#include "att-meeting-dialog.h"
#include "att-pupil-view.h"
#include "att-support-dialog.h"
#include "att-pupils-page-private.h"
#include "att-register-page-private.h"
#include "att-test-app.h"
#include "att-test-util.h"
#include "att-window-private.h"

static AttTestSchool   s;
static AttApplication *app;
static AttWindow      *window;
static gint64          amina, meeting_id;
static char           *pdf_path;

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

static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
focus_of (GtkWindow *w)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (w));

  g_assert_nonnull (focus);
  return focus;
}

/* The title of the row the focus is in, or the focused button's label. */
static const char *
focus_title (GtkWindow *w)
{
  GtkWidget *focus = focus_of (w);
  GtkWidget *row = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);

  if (GTK_IS_BUTTON (focus) && gtk_button_get_label (GTK_BUTTON (focus)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (focus));
  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "";
}

/* Tab until the focus is in the control titled @prefix; at most 40. */
static void
tab_to (GtkWindow  *w,
        const char *prefix)
{
  for (guint i = 0; i < 40; i++)
    {
      if (g_str_has_prefix (focus_title (w), prefix))
        return;
      gtk_widget_child_focus (GTK_WIDGET (w), GTK_DIR_TAB_FORWARD);
      att_test_flush_events ();
    }
  g_error ("Tab never reached “%s”; the focus is on “%s”", prefix, focus_title (w));
}

/* Replaces the text of the line the focus is in, as select-all and
 * typing would. */
static void
type_over (GtkWindow  *w,
           const char *text)
{
  GtkWidget *focus = focus_of (w);

  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), text);
  att_test_flush_events ();
}

/* Ctrl+Return: the form's save, as the binding runs it. */
static void
press_ctrl_return (GtkWindow  *w,
                   const char *action)
{
  gtk_widget_activate_action (GTK_WIDGET (w), action, NULL);
  att_test_flush_events ();
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label under @widget with the CSS class @name. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *name)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, name))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static AttCaseView *
open_case (void)
{
  GtkWidget *page;
  AttPupilView *view;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pupil", "x", amina);
  att_test_flush_events ();
  page = att_window_get_page (window, "pupils");
  view = att_pupils_page_get_pupil_view (ATT_PUPILS_PAGE (page));
  att_pupil_view_show_case (view, TRUE);
  att_test_flush_events ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (att_pupil_view_get_case_view (view))));
  return att_pupil_view_get_case_view (view);
}

/* The chronology lists the three entries by their dates, whatever the
 * order they were recorded in: Thu 5 September (recorded last) first. */
static void
test_case_chronology (void)
{
  AttCaseView *view = open_case ();
  GtkListBox *list = att_case_view_get_chronology_list (view);
  AttDate previous = ATT_DATE_NONE;

  g_assert_cmpint (att_case_view_get_pupil_id (view), ==, amina);
  g_assert_cmpuint (n_rows (list), ==, 3);
  g_assert_cmpstr (gtk_label_get_label (find_label (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "numeric")),
                   ==, "Thu 5 Sep 2024");
  g_assert_cmpstr (gtk_label_get_label (find_label (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)), "numeric")),
                   ==, "Wed 11 Sep 2024");
  /* The meeting comes last, on its day or on the day it was planned:
   * every row's day is on or after the one above. */
  for (guint i = 0; i < 3; i++)
    {
      const char *text = gtk_label_get_label (find_label (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i)),
                                                          "numeric"));
      g_autofree char *day = g_strdup (text);
      char *comma = strchr (day, ',');
      AttDate date;

      if (comma != NULL)
        *comma = '\0';
      /* "Thu 5 Sep 2024" back to a date, through the words it was made of. */
      date = ATT_DATE_NONE;
      for (AttDate d = D (2024, 9, 1); d <= D (2024, 10, 5); d++)
        {
          g_autofree char *formatted = att_date_format_long (d);

          if (g_strcmp0 (formatted, day) == 0)
            date = d;
        }
      g_assert_cmpint (date, !=, ATT_DATE_NONE);
      g_assert_cmpint (date, >=, previous);
      previous = date;
    }

  /* Two support entries, the early help first; one meeting, planned. */
  g_assert_cmpuint (n_rows (att_case_view_get_support_list (view)), ==, 2);
  g_assert_cmpuint (n_rows (att_case_view_get_meetings_list (view)), ==, 1);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (att_case_view_get_support_list (view), 0))),
                                   "Early help"));
}

/* Export CSV writes the chronology as shown: a header, then the three
 * entries in date order, 5 September first. */
static void
test_case_export (void)
{
  AttCaseView *view = open_case ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (s.t->dir, "chronology.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (att_case_view_export_chronology (view, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "date,time,kind,title,detail,user"));
  g_assert_true (g_str_has_prefix (lines[1], "2024-09-05,"));
  g_assert_true (g_str_has_prefix (lines[2], "2024-09-11,"));
  g_assert_nonnull (lines[3]);
  g_assert_nonnull (strstr (lines[3], ",meeting,"));
}

/* Add Support from the keyboard: the kind chosen, the agency and what was
 * offered typed; a day in the future is refused in place, today saved;
 * the list has the entry last (the latest date). */
static void
test_case_add_support (void)
{
  AttCaseView *view = open_case ();
  GtkWindow *dialog;
  GtkListBox *list = att_case_view_get_support_list (view);
  guint before = n_rows (list);
  AdwActionRow *last;

  gtk_widget_activate_action (GTK_WIDGET (view), "case.add-support", NULL);
  att_test_flush_events ();
  dialog = find_window (ATT_TYPE_SUPPORT_DIALOG);
  g_assert_nonnull (dialog);
  tab_to (dialog, "_Date");
  type_over (dialog, "07/10/2024");
  tab_to (dialog, "_Agency");
  type_over (dialog, "Educational psychologist");
  tab_to (dialog, "_What was offered");
  type_over (dialog, "Assessment booked for Amina");
  press_ctrl_return (dialog, "support-form.save");
  /* Saturday 5 October is today: the 7th has not come. */
  g_assert_true (find_window (ATT_TYPE_SUPPORT_DIALOG) == dialog);
  g_assert_nonnull (att_support_dialog_get_error (ATT_SUPPORT_DIALOG (dialog)));

  tab_to (dialog, "_Date");
  type_over (dialog, "05/10/2024");
  press_ctrl_return (dialog, "support-form.save");
  g_assert_null (find_window (ATT_TYPE_SUPPORT_DIALOG));
  g_assert_cmpuint (n_rows (list), ==, before + 1);
  last = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, before));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)),
                            "Educational psychologist"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (last), "Assessment booked for Amina"));
}

/* Rita Reception may read the case but not record in it: the buttons
 * are disabled and say why in the core's words. */
static void
test_case_rights (void)
{
  AttCaseView *view = open_case ();
  AttContext *context = att_window_get_context (window);
  GtkWidget *plan = find_button (GTK_WIDGET (view), "case.plan-meeting");
  GtkWidget *print = find_button (GTK_WIDGET (view), "case.print-chronology");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (plan);
  g_assert_true (gtk_widget_get_sensitive (plan));
  att_context_set_user (context, s.receptionist);
  att_test_flush_events ();
  g_assert_false (att_user_require (s.receptionist, ATT_PERM_CASEWORK, &error));
  g_assert_false (gtk_widget_get_sensitive (plan));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (plan), ==, error->message);
  /* Reading is for everyone. */
  g_assert_true (gtk_widget_get_sensitive (print));
  g_assert_cmpuint (n_rows (att_case_view_get_chronology_list (view)), ==, 3);

  att_context_set_user (context, s.officer);
  att_test_flush_events ();
  g_assert_true (gtk_widget_get_sensitive (plan));
}

/* Recording the meeting: who came, a review date typed wrong (named in
 * place, the form kept), then right, a target of 8 sessions a week. */
static void
test_case_record_meeting (void)
{
  AttCaseView *view = open_case ();
  GtkWindow *dialog;
  GtkSpinButton *spin;
  g_autoptr(AttMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  const char *message;
  const char *subtitle;

  gtk_widget_activate_action (GTK_WIDGET (view), "case.record-meeting", "x", meeting_id);
  att_test_flush_events ();
  dialog = find_window (ATT_TYPE_MEETING_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_present (dialog);
  att_test_flush_events ();

  /* Focus starts on who came. */
  g_assert_true (g_str_has_prefix (focus_title (dialog), "_Attended"));
  type_over (dialog, "Mrs Khan and Amina");
  tab_to (dialog, "Invited but");
  type_over (dialog, "Mr Khan");
  tab_to (dialog, "_Barriers");
  type_over (dialog, "Amina is anxious about the journey");
  tab_to (dialog, "Agreed a_ctions");
  type_over (dialog, "Breakfast club from Monday; weekly call with the officer");
  tab_to (dialog, "Ta_rget");
  /* The row, then its number. */
  for (guint i = 0; i < 3 && gtk_widget_get_ancestor (focus_of (dialog), GTK_TYPE_SPIN_BUTTON) == NULL; i++)
    {
      gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD);
      att_test_flush_events ();
    }
  spin = GTK_SPIN_BUTTON (gtk_widget_get_ancestor (focus_of (dialog), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (spin, 8);
  tab_to (dialog, "Re_view on");
  type_over (dialog, "31/02/2024");
  press_ctrl_return (dialog, "meeting-form.save");

  /* Still open, the field named in place. */
  g_assert_true (find_window (ATT_TYPE_MEETING_DIALOG) == dialog);
  message = att_meeting_dialog_get_error (ATT_MEETING_DIALOG (dialog));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Review on (DD/MM/YYYY)"));
  g_assert_nonnull (strstr (message, "31/02/2024"));
  meeting = att_case_meeting_get (s.db, meeting_id, &error);
  g_assert_no_error (error);
  g_assert_false (att_meeting_is_held (meeting));
  g_clear_pointer (&meeting, att_meeting_free);

  type_over (dialog, "21/10/2024");
  press_ctrl_return (dialog, "meeting-form.save");
  g_assert_null (find_window (ATT_TYPE_MEETING_DIALOG));

  meeting = att_case_meeting_get (s.db, meeting_id, &error);
  g_assert_no_error (error);
  g_assert_true (att_meeting_is_held (meeting));
  g_assert_cmpstr (meeting->attended, ==, "Mrs Khan and Amina");
  g_assert_cmpstr (meeting->absent, ==, "Mr Khan");
  g_assert_cmpuint (meeting->target_sessions_per_week, ==, 8);
  g_assert_cmpint (meeting->review_date, ==, D (2024, 10, 21));
  g_assert_cmpint (meeting->outcome, ==, ATT_MEETING_OUTCOME_REVIEW);
  /* Kept as planned. */
  g_assert_cmpint (meeting->date, ==, D (2024, 9, 16));
  g_assert_cmpint (meeting->time, ==, 9 * 60 + 30);

  /* The row says so, and offers the outcome letter. */
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (att_case_view_get_meetings_list (view), 0)));
  g_assert_nonnull (strstr (subtitle, "target 8 sessions a week"));
  g_assert_nonnull (strstr (subtitle, "review on Mon 21 Oct 2024"));
  g_assert_nonnull (find_button (GTK_WIDGET (att_case_view_get_meetings_list (view)), "case.print-outcome-letter"));
}

/* This school year holds the N of Tuesday 24 September PM: the dialog
 * lists it, Save PDF and Print are disabled with the reason, and the
 * row's button opens 7A's register on that day. */
static void
test_case_certificate_n (void)
{
  AttCaseView *view = open_case ();
  AttCertificateDialog *dialog;
  GtkListBox *problems;
  GtkWidget *save, *print, *link;
  GtkWidget *page;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (s.t->dir, "refused.pdf", NULL);

  /* The referral pack is refused first, in place, before any file is
   * asked for: its certificate holds the N. */
  g_assert_null (att_case_view_get_message (view));
  gtk_widget_activate_action (GTK_WIDGET (view), "case.referral-pack", NULL);
  att_test_flush_events ();
  g_assert_nonnull (att_case_view_get_message (view));
  g_assert_false (att_case_view_save_referral_pack (view, path, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, att_case_view_get_message (view));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  gtk_widget_activate_action (GTK_WIDGET (view), "case.certificate", NULL);
  att_test_flush_events ();
  dialog = ATT_CERTIFICATE_DIALOG (find_window (ATT_TYPE_CERTIFICATE_DIALOG));
  g_assert_nonnull (dialog);
  att_certificate_dialog_choose (dialog, ATT_CERTIFICATE_CHOICE_THIS_YEAR, ATT_DATE_NONE, ATT_DATE_NONE);
  att_test_flush_events ();

  problems = att_certificate_dialog_get_problems_list (dialog);
  g_assert_cmpuint (n_rows (problems), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (problems, 0))),
                   ==, "Tue 24 Sep 2024 PM");
  g_assert_nonnull (att_certificate_dialog_get_reason (dialog));
  save = find_button (GTK_WIDGET (dialog), "certificate.save-pdf");
  print = find_button (GTK_WIDGET (dialog), "certificate.print");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_sensitive (print));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save), ==, att_certificate_dialog_get_reason (dialog));
  g_assert_false (att_certificate_dialog_save_pdf (dialog, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  link = find_button (GTK_WIDGET (problems), "certificate.open-register");
  g_assert_nonnull (link);
  gtk_widget_activate (link);
  wait_ms (400);

  g_assert_null (find_window (ATT_TYPE_CERTIFICATE_DIALOG));
  g_assert_cmpstr (att_window_get_visible_page_name (window), ==, "register");
  page = att_window_get_page (window, "register");
  g_assert_cmpint (att_register_page_get_date (ATT_REGISTER_PAGE (page)), ==, D (2024, 9, 24));
  {
    g_autofree char *filter = att_grid_filter_to_string (att_register_page_get_filter (ATT_REGISTER_PAGE (page)));

    g_assert_cmpstr (filter, ==, "group=7A");
  }
}

/* The N corrected to O, the last 60 sessions (all 50 on roll) may be
 * finalised: 50 possible, 49 attended, 1 unauthorised; the PDF holds
 * Amina's name and UPN, and is no draft. */
static void
test_case_certificate_pdf (void)
{
  AttCaseView *view;
  AttCertificateDialog *dialog;
  AttMarkWrite write = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *standard_error = NULL;
  g_autofree char *txt_path = NULL;
  const AttFigures *totals;
  AttPupil *pupil = att_pupils_get (s.db, amina);
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", NULL, NULL, NULL };

  write.pupil_id = amina;
  write.date = D (2024, 9, 24);
  write.session = ATT_SESSION_PM;
  write.code = att_code_lookup ("O");
  write.minutes_late = -1;
  g_assert_true (att_register_write (s.db, s.officer, &write, 1, "No reason given by the family",
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  view = open_case ();
  gtk_widget_activate_action (GTK_WIDGET (view), "case.certificate", NULL);
  att_test_flush_events ();
  dialog = ATT_CERTIFICATE_DIALOG (find_window (ATT_TYPE_CERTIFICATE_DIALOG));
  g_assert_nonnull (dialog);
  att_certificate_dialog_choose (dialog, ATT_CERTIFICATE_CHOICE_LAST_60, ATT_DATE_NONE, ATT_DATE_NONE);

  g_assert_null (att_certificate_dialog_get_reason (dialog));
  g_assert_cmpuint (n_rows (att_certificate_dialog_get_problems_list (dialog)), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (dialog), "certificate.save-pdf")));
  totals = att_certificate_get_totals (att_certificate_dialog_get_certificate (dialog));
  g_assert_cmpuint (totals->possible, ==, 50);
  g_assert_cmpuint (att_figures_attended (totals), ==, 49);
  g_assert_cmpuint (totals->unauthorised, ==, 1);

  pdf_path = g_build_filename (s.t->dir, "certificate.pdf", NULL);
  g_assert_true (att_certificate_dialog_save_pdf (dialog, pdf_path, &error));
  g_assert_no_error (error);

  txt_path = g_build_filename (s.t->dir, "certificate.txt", NULL);
  argv[2] = pdf_path;
  argv[3] = txt_path;
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               &standard_error, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (txt_path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "Amina"));
  g_assert_nonnull (strstr (text, pupil->upn));
  g_assert_null (strstr (text, "DRAFT"));

  gtk_window_close (GTK_WINDOW (dialog));
  att_test_flush_events ();
}

/* With the register corrected the referral pack is saved, and the
 * message of the earlier refusal is gone. */
static void
test_case_referral_pack (void)
{
  AttCaseView *view = open_case ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (s.t->dir, "pack.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *txt_path = g_build_filename (s.t->dir, "pack.txt", NULL);
  AttPupil *pupil = att_pupils_get (s.db, amina);
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", path, txt_path, NULL };

  g_assert_true (att_case_view_save_referral_pack (view, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (txt_path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, pupil->upn));
  g_assert_nonnull (strstr (text, "School nurse"));
}

static void
add_mother (void)
{
  g_autoptr(AttContact) c = att_contact_new ();
  g_autoptr(GError) error = NULL;

  c->pupil_id = amina;
  c->title = g_strdup ("Mrs");
  c->forename = g_strdup ("Sara");
  c->surname = g_strdup ("Khan");
  c->relationship = g_strdup ("Mother");
  c->parental_responsibility = TRUE;
  c->lives_with = TRUE;
  c->priority = 1;
  c->receives_letters = TRUE;
  c->phone_mobile = g_strdup ("07700 900123");
  c->address_1 = g_strdup ("12 Mill Lane");
  c->town = g_strdup ("Millbrook");
  c->postcode = g_strdup ("MB1 2AB");
  att_contacts_save (s.db, att_user_system (), c, &error);
  g_assert_no_error (error);
}

/* 2 Sep to 4 Oct present, but Tue 24 Sep PM: N. */
static void
mark_amina (void)
{
  g_autoptr(GArray) writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  g_autoptr(GError) error = NULL;

  for (AttDate d = D (2024, 9, 2); d <= D (2024, 10, 4); d++)
    {
      if (att_date_weekday (d) > 5)
        continue;
      for (int session = ATT_SESSION_AM; session <= ATT_SESSION_PM; session++)
        {
          gboolean n = d == D (2024, 9, 24) && session == ATT_SESSION_PM;
          AttMarkWrite write = { amina, d, session, att_code_lookup (n ? "N" : "/"), -1, NULL };

          g_array_append_val (writes, write);
        }
    }
  g_assert_cmpuint (writes->len, ==, 50);
  g_assert_true (att_register_write (s.db, s.officer, (AttMarkWrite *)writes->data, writes->len, NULL,
                                     ATT_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
add_support (AttDate             date,
             AttCaseSupportKind  kind,
             const char         *agency,
             const char         *detail)
{
  g_autoptr(AttCaseSupport) entry = att_case_support_new ();
  g_autoptr(GError) error = NULL;

  entry->pupil_id = amina;
  entry->date = date;
  entry->kind = kind;
  entry->agency = g_strdup (agency);
  entry->detail = g_strdup (detail);
  g_assert_cmpint (att_case_support_add (s.db, s.officer, entry, &error), >, 0);
  g_assert_no_error (error);
}

static void
make_school (void)
{
  g_autoptr(AttMeeting) meeting = att_meeting_new ();
  g_autoptr(GError) error = NULL;

  att_test_school_init (&s);
  amina = att_test_school_add_pupil (&s, "Amina", "Khan", D (2013, 5, 4));
  add_mother ();
  mark_amina ();

  add_support (D (2024, 9, 11), ATT_CASE_SUPPORT_AGENCY, "School nurse", "Health check offered");
  meeting->pupil_id = amina;
  meeting->date = D (2024, 9, 16);
  meeting->time = 9 * 60 + 30;
  meeting->place = g_strdup ("Head’s office");
  meeting_id = att_case_meeting_add (s.db, s.officer, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpint (meeting_id, >, 0);
  add_support (D (2024, 9, 5), ATT_CASE_SUPPORT_EARLY_HELP, "Early help team",
               "The family was offered an early help assessment");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  att_test_widget_init (&argc, &argv, "2024-10-05");
  make_school ();
  window = att_test_open_window (s.t->path, &app);
  att_context_set_user (att_window_get_context (window), s.officer);
  att_test_flush_events ();
  g_assert_cmpstr (att_window_get_state_name (window), ==, "main");

  g_test_add_func ("/case/chronology", test_case_chronology);
  g_test_add_func ("/case/export", test_case_export);
  g_test_add_func ("/case/rights", test_case_rights);
  g_test_add_func ("/case/record-meeting", test_case_record_meeting);
  g_test_add_func ("/case/certificate-n", test_case_certificate_n);
  g_test_add_func ("/case/certificate-pdf", test_case_certificate_pdf);
  g_test_add_func ("/case/referral-pack", test_case_referral_pack);
  g_test_add_func ("/case/add-support", test_case_add_support);
  result = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  att_test_flush_events ();
  g_clear_object (&app);
  g_free (pdf_path);
  att_test_school_clear (&s);
  return result;
}
