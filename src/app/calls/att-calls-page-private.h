/* att-calls-page-private.h: what the parts of the Calls page share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-calls-page.h"
#include "att-document.h"

G_BEGIN_DECLS

struct _AttCallsPage
{
  AttPage          parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *views;
  GtkMenuButton   *menu_button;
  GtkDropDown     *view_dropdown;
  GtkFlowBox      *late_bar;
  GtkStack        *firstday_stack;
  GtkListBox      *firstday_list;
  AdwStatusPage   *firstday_empty;
  GtkLabel        *firstday_count;
  GtkButton       *export_button;
  GtkStack        *log_stack;
  GtkSearchEntry  *log_search;
  GtkListBox      *log_list;
  AdwStatusPage   *log_empty;
  GtkButton       *new_call_button;
  GtkStack        *late_stack;
  GtkListBox      *late_list;
  GtkButton       *late_button;
  GtkButton       *sign_out_button;
  GtkStack        *la_stack;
  GtkListBox      *la_list;

  AttDb           *db;
  gulong           changed_id;
  AttDate          date;           /* the day shown: today */
  GPtrArray       *firstday;       /* AttFirstdayRow, as the rows */
  guint            firstday_shown; /* how many of them have their row yet */
  guint            firstday_rows_id; /* the idle that makes the rest */
  GPtrArray       *calls;          /* AttCall, as the log's rows */
  GPtrArray       *log_texts;      /* folded text each log row is searched in */
  GPtrArray       *late;           /* AttLateEntry, as the rows */
  GPtrArray       *la_cases;       /* AttLaCase, as the rows */
  char            *log_query;      /* folded */
  char            *rights_error;   /* why the user may not log calls, or NULL */
  gboolean         stale;          /* one of the views below is to be read again */
  gboolean         stale_log;
  gboolean         stale_late;
  gboolean         stale_la;
};

/* The first-day list (att-calls-page-firstday.c). */
void      _att_calls_page_load_firstday   (AttCallsPage      *self);
/* Makes the rows still waiting for the idle up to @index (-1: all). */
void      _att_calls_page_firstday_rows_to (AttCallsPage     *self,
                                            int               index);
/* The outcome key pressed on the first-day list: logs the attempt on
 * the selected row's next contact and moves on. TRUE when used. */
gboolean  _att_calls_page_firstday_key    (AttCallsPage      *self,
                                           guint              keyval,
                                           GdkModifierType    state);
gboolean  _att_calls_page_on_firstday_key (GtkEventControllerKey *controller,
                                           guint              keyval,
                                           guint              keycode,
                                           GdkModifierType    state,
                                           AttCallsPage      *self);
void      _att_calls_page_export_texts    (AttCallsPage      *self);
/* Writes the texting CSV to @path and logs a text for each row. */
gboolean  _att_calls_page_export_texts_to (AttCallsPage      *self,
                                           const char        *path,
                                           guint             *n_rows,
                                           GError           **error);
/* The selected row of the first-day list, or -1. */
int       _att_calls_page_firstday_selected (AttCallsPage    *self);
/* Shows @error as a toast-like message on the page's window. */
void      _att_calls_page_show_error      (AttCallsPage      *self,
                                           const char        *message);
GtkWindow *_att_calls_page_get_window     (AttCallsPage      *self);
void      _att_calls_page_show_toast      (AttCallsPage      *self,
                                           const char        *message);
const AttUser *_att_calls_page_get_user   (AttCallsPage      *self);
/* Opens the call form, filled for @pupil_id and @contact_id when
 * @pupil_id is not 0. */
GtkWindow *_att_calls_page_open_call_form (AttCallsPage      *self,
                                           gint64             pupil_id,
                                           gint64             contact_id);

void      _att_calls_page_update_subtitle (AttCallsPage      *self);
/* "log", "late" or "rollcall": the document the page prints. */
AttDocument *_att_calls_page_make_document (AttCallsPage   *self,
                                            const char     *what,
                                            GError        **error);

/* For the tests. */
GtkListBox *att_calls_page_get_firstday_list (AttCallsPage *self);
GtkListBox *att_calls_page_get_log_list      (AttCallsPage *self);
GtkListBox *att_calls_page_get_late_list     (AttCallsPage *self);
GtkListBox *att_calls_page_get_la_list       (AttCallsPage *self);
GPtrArray  *att_calls_page_get_firstday      (AttCallsPage *self);

G_END_DECLS
