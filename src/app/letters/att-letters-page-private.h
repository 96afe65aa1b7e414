/* att-letters-page-private.h: what the Letters page's files and its
 * tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is in three files: the page itself and its actions
 * (att-letters-page.c), the letters due (-due.c), and the log of letters
 * sent (-log.c); the batch, from its data check to printing and
 * recording, is in -batch.c.
 */
#pragma once

#include "att-letter-batch.h"
#include "att-letters-due.h"
#include "att-letters-page.h"
#include "att-letters.h"

G_BEGIN_DECLS

struct _AttLettersPage
{
  AttPage           parent_instance;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *outer_stack;      /* "main", "batch", "blocked" */
  AdwStatusPage    *blocked_page;
  AdwViewStack     *views;
  AdwViewStackPage *due_view;
  GtkMenuButton    *menu_button;
  GMenu            *extra_menu;       /* the rules, templates and mail server */

  /* Letters due */
  GtkMenuButton    *date_button;
  GtkCalendar      *due_calendar;
  GtkSearchEntry   *due_search;
  GtkButton        *print_button;
  GtkStack         *due_stack;
  GtkLabel         *due_heading;
  GtkListView      *due_list;
  AdwStatusPage    *due_empty;
  GListStore       *due_store;        /* AttLetterDueItem: the rows to send, then the others */
  GtkCustomFilter  *due_filter;
  GtkFilterListModel *due_filtered;
  GtkSingleSelection *due_selection;
  GtkSpinner       *due_spinner;

  /* Letters sent */
  GtkSearchEntry   *log_search;
  GtkDropDown      *stage_dropdown;
  GtkDropDown      *period_dropdown;
  GtkStack         *log_stack;
  GtkLabel         *log_count;
  GtkListBox       *log_list;
  AdwStatusPage    *log_empty;

  /* The batch: its data check and how it goes */
  GtkLabel         *batch_title;
  GtkLabel         *batch_summary;
  GtkWidget        *problems_group;
  GtkListBox       *problems_list;
  GtkListBox       *deliveries_list;
  GtkSpinner       *batch_spinner;
  GtkStack         *batch_stack;      /* "working", "ready" */

  AttDb            *db;
  gulong            changed_id;
  AttDate           today;
  AttDate           due_date;         /* the day the due list is for */
  gboolean          due_date_chosen;  /* FALSE: it follows today */
  GPtrArray        *due;              /* AttLetterDue, every row of the day */
  GPtrArray        *due_shown;        /* borrowed AttLetterDue, the letters to send */
  GPtrArray        *other_shown;      /* borrowed AttLetterDue, those not sent this time */
  char             *due_query;        /* folded */
  char             *due_error;        /* why the list could not be read */
  guint             due_serial;       /* the newest load asked for; an older one is dropped */
  gboolean          due_loading;      /* a load is under way on its own thread */
  AttDate           due_loaded_date;  /* the day of the rows shown, 0 for none */
  guint             due_n_arrived;    /* loads come back, and those dropped: for the tests */
  guint             due_n_dropped;

  GPtrArray        *log;              /* AttLetterRecord, as log_list's rows */
  GArray           *log_out_of_date;  /* gboolean, one per row of log */
  GPtrArray        *log_texts;        /* folded pupil, UPN and addressee of each */
  char             *log_query;        /* folded */
  GPtrArray        *log_kinds;        /* char *, the stage filter's entries after "All" */
  char             *log_kind;         /* the stage shown, or NULL for all */
  gboolean          log_syncing;

  AttLetterBatch   *batch;            /* shown in the "batch" view, or NULL */
  GPtrArray        *batch_problems;   /* AttLetterProblem copies, as problems_list's rows */
  guint             batch_left_out;   /* pupils whose letters were left out */
  gboolean          batch_reprint;    /* read back from the log: not logged again */
  guint             batch_done;       /* bit per AttLetterDelivery: sent and logged */
  GCancellable     *batch_cancellable;
  guint             batch_serial;

  char             *letters_error;    /* why the user may not send letters, or NULL */
};

/* att-letters-page.c */
GtkWindow  *_att_letters_page_get_window      (AttLettersPage *self);
void        _att_letters_page_show_error      (AttLettersPage *self,
                                               const char     *message);
void        _att_letters_page_toast           (AttLettersPage *self,
                                               const char     *message);
void        _att_letters_page_clear_list      (GtkListBox     *list);
void        _att_letters_page_update_subtitle (AttLettersPage *self);
gboolean    _att_letters_page_words_match     (const char     *query,
                                               const char     *text);

/* att-letters-page-due.c */
void        _att_letters_page_due_init        (AttLettersPage *self);
void        _att_letters_page_due_load        (AttLettersPage *self);
void        _att_letters_page_due_update_date (AttLettersPage *self);
void        _att_letters_page_due_dispose     (AttLettersPage *self);
void        _att_letters_page_due_class_init  (GtkWidgetClass *widget_class);

/* att-letters-page-log.c */
void        _att_letters_page_log_init        (AttLettersPage *self);
void        _att_letters_page_log_load        (AttLettersPage *self);
void        _att_letters_page_log_dispose     (AttLettersPage *self);
void        _att_letters_page_log_class_init  (GtkWidgetClass *widget_class);

/* att-letters-page-batch.c: shows @batch's data check and what can be
 * done with it (takes a reference); @reprint for letters read back from
 * the log, which are not logged again. */
void        _att_letters_page_batch_show      (AttLettersPage *self,
                                               AttLetterBatch *batch,
                                               gboolean        reprint);
/* Makes the batch on a thread, then shows it: the letters due of the
 * rows kept, or the half-termly reports. */
void        _att_letters_page_batch_make      (AttLettersPage *self,
                                               gboolean        half_term);
void        _att_letters_page_batch_close     (AttLettersPage *self);
void        _att_letters_page_batch_dispose   (AttLettersPage *self);
void        _att_letters_page_batch_class_init (GtkWidgetClass *widget_class);

/* For the tests. */
/* Returns once the due list asked for last is shown (it is read on
 * its own thread); the getters of the due list wait for it too. */
void            att_letters_page_wait_due           (AttLettersPage *self);
/* The due list's items as shown, the search applied (AttLetterDueItem). */
GListModel     *att_letters_page_get_due_model      (AttLettersPage *self);
GtkListBox     *att_letters_page_get_log_list       (AttLettersPage *self);
GtkListBox     *att_letters_page_get_problems_list  (AttLettersPage *self);
/* The letters to send and the rows not sent this time (AttLetterDue). */
GPtrArray      *att_letters_page_get_due_shown      (AttLettersPage *self);
GPtrArray      *att_letters_page_get_other_shown    (AttLettersPage *self);
/* The letters each row of log_list shows (AttLetterRecord), and whether
 * each is marked out of date. */
GPtrArray      *att_letters_page_get_log            (AttLettersPage *self);
gboolean        att_letters_page_log_is_out_of_date (AttLettersPage *self,
                                                     guint           index);
/* "main", "batch" or "blocked" (no school, or no right to letters). */
const char     *att_letters_page_get_shown          (AttLettersPage *self);
void            att_letters_page_set_due_date       (AttLettersPage *self,
                                                     AttDate         date);
void            att_letters_page_set_due_search     (AttLettersPage *self,
                                                     const char     *text);
void            att_letters_page_set_log_search     (AttLettersPage *self,
                                                     const char     *text);
/* The batch shown, or NULL; waits for one being made. */
AttLetterBatch *att_letters_page_wait_batch         (AttLettersPage *self);
/* Writes the batch's letters sent by @delivery to a PDF at @path through
 * the print operation, as Save as PDF does, then asks how they went. */
/* Writes the batch's texts as a CSV file for the texting service and
 * logs them, as Export Texts does once a file is chosen. */
gboolean        att_letters_page_export_texts_to    (AttLettersPage   *self,
                                                     const char       *path,
                                                     GError          **error);
gboolean        att_letters_page_save_pdf_to        (AttLettersPage   *self,
                                                     AttLetterDelivery delivery,
                                                     const char       *path,
                                                     GError          **error);

G_END_DECLS
