/* att-register-page-private.h: what the parts of the page and the tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-amend-dialog.h"
#include "att-code-palette.h"
#include "att-register-cell.h"
#include "att-filter-dialog.h"
#include "att-register-model.h"
#include "att-register-page.h"
#include "att-register-sessions.h"

G_BEGIN_DECLS

/* The key handler of the grid: the key controller calls it, and so do the
 * tests. Returns TRUE when the key was used. */
gboolean        att_register_page_handle_key       (AttRegisterPage  *self,
                                                    guint             keyval,
                                                    GdkModifierType   state);
/* Types text, one character at a time, through the key handler. */
void            att_register_page_type             (AttRegisterPage  *self,
                                                    const char       *text);
/* The cursor: a position in the list as shown (sorted and filtered) and
 * a session column of the grid. */
void            att_register_page_set_cursor       (AttRegisterPage  *self,
                                                    guint             position,
                                                    guint             column);
void            att_register_page_get_cursor       (AttRegisterPage  *self,
                                                    guint            *position,
                                                    guint            *column);
AttRegisterModel *att_register_page_get_model      (AttRegisterPage  *self);
/* The list as shown: AttRegisterRow items after sorting and filtering. */
GListModel     *att_register_page_get_view_model   (AttRegisterPage  *self);
GtkColumnView  *att_register_page_get_column_view  (AttRegisterPage  *self);
GtkEditable    *att_register_page_get_search_entry (AttRegisterPage  *self);
/* What stands in place of an empty grid: NULL while the grid is shown. */
AdwStatusPage  *att_register_page_get_empty_page   (AttRegisterPage  *self);
/* The dialog asking for a reason, while one is open. */
AttAmendDialog *att_register_page_get_amend_dialog (AttRegisterPage  *self);
/* The dialog creating or changing a saved filter, and the one asking to
 * delete one, while open. */
AttFilterDialog *att_register_page_get_filter_dialog (AttRegisterPage *self);
AdwMessageDialog *att_register_page_get_delete_dialog (AttRegisterPage *self);
/* The message last shown in the page's banner (a refused code, a broken
 * rule), or NULL when the banner is hidden. */
const char     *att_register_page_get_message      (AttRegisterPage  *self);
/* Opens the history popover of the cursor's cell and returns it. */
GtkWidget      *att_register_page_show_history     (AttRegisterPage  *self);
/* The popover asking for minutes late (an AttLatePopover). */
GtkPopover     *att_register_page_get_late_popover (AttRegisterPage  *self);
void            att_register_page_set_late_minutes (AttRegisterPage  *self,
                                                    int               minutes,
                                                    const char       *reason);
/* The code the late popover would record (ATT_CODE_L or ATT_CODE_U). */
AttCode         att_register_page_get_late_code    (AttRegisterPage  *self);
void            att_register_page_confirm_late     (AttRegisterPage  *self);
GtkWidget      *att_register_page_get_palette      (AttRegisterPage  *self);
/* Writes the week's register to a PDF file through the print operation. */
gboolean        att_register_page_export_pdf       (AttRegisterPage  *self,
                                                    const char       *path,
                                                    GError          **error);
/* Writes the roll call of the session now (today, the whole school) to
 * a PDF file through the print operation, as Print Roll Call prints it. */
gboolean        att_register_page_export_rollcall_pdf (AttRegisterPage  *self,
                                                       const char       *path,
                                                       GError          **error);
/* The heading of session @column (a GtkLabel in the sessions column's
 * heading: "Mon\nAM"), or NULL. */
GtkWidget      *att_register_page_get_session_heading (AttRegisterPage *self,
                                                       guint            column);
/* The selection and the date shown. */
const AttGridFilter *att_register_page_get_filter  (AttRegisterPage  *self);
AttDate         att_register_page_get_date         (AttRegisterPage  *self);
/* TRUE for a week at a time, FALSE for a day. */
gboolean        att_register_page_get_week         (AttRegisterPage  *self);
/* The groups listed as not complete for the current session. */
GPtrArray      *att_register_page_get_missing      (AttRegisterPage  *self);
/* The earlier sessions listed as not complete (AttRegisterGap), as
 * att_register_page_get_missing() lists them. */
GPtrArray      *att_register_page_get_past_gaps    (AttRegisterPage  *self);

/* Shared by the parts of the page ------------------------------------ */

/* Widths of the columns, in pixels. Fixed widths keep the grid steady as
 * rows are recycled, and let the page work out where a cell is. */
#define NAME_WIDTH     176
#define GROUP_WIDTH    52
#define FLAGS_WIDTH    92
#define SESSION_WIDTH  48
#define FIGURE_WIDTH   80
#define UNAUTH_WIDTH   62
#define HEADER_HEIGHT  34
#define PAGE_ROWS      10

typedef struct
{
  AttRegisterCellKind kind;
  int      column;     /* the grid column of a session cell */
} CellInfo;

typedef enum
{
  WAIT_CELL,
  WAIT_FILL,
  WAIT_CLOSURE,
} WaitKind;

/* A write waiting for a reason (the amend dialog) or minutes (the late
 * popover). */
typedef struct
{
  WaitKind   kind;
  gint64     pupil_id;
  AttDate    date;
  AttSession session;
  AttCode    code;
  int        minutes;
  char      *comment;
  GArray    *pupils;     /* gint64, for a fill */
  GArray    *sessions;   /* AttRegisterSession, for a fill */
  AttDate    last;       /* a closure: from date to last, session or -1 */
  int        closure_session;
} PendingWrite;



struct _AttRegisterPage
{
  AttPage              parent_instance;

  /* Template widgets */
  GtkWidget           *toolbar;
  GtkDropDown         *selection_dropdown;
  GtkLabel            *date_label;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkMenuButton       *missing_button;
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_label;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *grid_stack;
  AdwStatusPage       *empty_page;
  GtkScrolledWindow   *scrolled;
  GtkColumnView       *column_view;
  GtkLabel            *status_label;
  GtkButton           *mark_present_button;

  AttDb               *db;
  gulong               db_changed_id;
  GSettings           *settings;
  AttSchool           *school;

  AttRegisterModel    *model;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *name_filter;
  GtkNoSelection      *selection;
  GtkColumnViewColumn *sessions_column;   /* every session: AttRegisterSessions */
  CellInfo            *sessions_info;     /* its sorter's: the session it sorts by */
  GtkWidget           *session_headings;  /* a GtkBox in its heading, a GtkLabel a session */
  guint                n_sessions;        /* the sessions it shows */
  GtkColumnViewColumn *ytd_column;
  GtkColumnViewColumn *unauth_column;

  AttGridFilter       *filter;
  AttDate              date;
  gboolean             week;
  GPtrArray           *choices;           /* AttGridFilter per dropdown item */
  guint                n_listed;          /* of them, those fill_choices() listed */
  gboolean             updating_choices;

  guint                cursor_pos;
  guint                cursor_col;
  AttRegisterRow      *cursor_row;        /* owned */
  gboolean             has_selection;
  guint                anchor_pos;
  guint                anchor_col;
  GPtrArray           *selected_rows;     /* AttRegisterRow */
  char                 pending[4];
  gboolean             advance_right;     /* after a code: along the row or down */
  GHashTable          *along_row;         /* registers (filter text) that go along */

  AttRegisterUndo     *undo;
  AttAmendDialog      *amend_dialog;
  AttFilterDialog     *filter_dialog;
  AdwMessageDialog    *delete_dialog;
  char                *deleting_filter;   /* the saved filter it asks about */
  PendingWrite        *waiting;
  GtkWidget           *palette;
  GtkWidget           *history;
  GtkPopover          *late_popover;

  char                *message;
  char                *mark_present_tooltip;
  char                *needle_text;       /* the name filter's text ... */
  char                *needle;            /* ... folded for comparing */
  GPtrArray           *missing;           /* AttRegisterStatus */
  GPtrArray           *past_gaps;         /* AttRegisterGap */
  guint                missing_idle_id;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_ALONG_ROW,
  N_PROPS
};

extern GParamSpec *_att_register_page_properties[N_PROPS];

/* att-register-page.c */
void _att_register_page_pending_write_free (PendingWrite *w);
const AttUser *_att_register_page_get_user (AttRegisterPage *self);
AttGrid *_att_register_page_get_grid (AttRegisterPage *self);
guint _att_register_page_n_shown (AttRegisterPage *self);
AttRegisterRow *_att_register_page_row_at (AttRegisterPage *self,
                                           guint position);
AttContext *_att_register_page_get_context (AttRegisterPage *self);
AttDate _att_register_page_today (AttRegisterPage *self);
int _att_register_page_clock_now (AttRegisterPage *self);
AttSession _att_register_page_session_now (AttRegisterPage *self);
void _att_register_page_show_message (AttRegisterPage *self,
                                      const char *text);
void _att_register_page_hide_message (AttRegisterPage *self);
void _att_register_page_show_toast (AttRegisterPage *self,
                                    const char *text);
GtkWindow *_att_register_page_get_window (AttRegisterPage *self);
char *_att_register_page_describe_session (AttDate date,
                                           AttSession session);

/* att-register-page-columns.c */
gboolean _att_register_page_filter_by_name (gpointer item,
                                            gpointer user_data);
void _att_register_page_update_empty_state (AttRegisterPage *self);
void _att_register_page_on_shown_rows_changed (GListModel *model,
                                               guint position,
                                               guint removed,
                                               guint added,
                                               AttRegisterPage *self);
void _att_register_page_on_search_changed (GtkSearchEntry *entry,
                                           AttRegisterPage *self);
void _att_register_page_on_search_activate (GtkSearchEntry *entry,
                                            AttRegisterPage *self);
GtkColumnViewColumn *_att_register_page_make_column (AttRegisterPage *self,
                                                     const char *title,
                                                     AttRegisterCellKind kind,
                                                     int column,
                                                     int width);
void _att_register_page_sync_session_columns (AttRegisterPage *self);
void _att_register_page_update_header_tooltips (AttRegisterPage *self);

/* att-register-page-keys.c */
guint _att_register_page_find_shown (AttRegisterPage *self,
                                    AttRegisterRow *row);
void _att_register_page_cell_rect (AttRegisterPage *self,
                                   GdkRectangle *rect);
void _att_register_page_clear_selection (AttRegisterPage *self);
void _att_register_page_set_pending (AttRegisterPage *self,
                                     const char *text);
void _att_register_page_set_cursor_internal (AttRegisterPage *self,
                                             guint position,
                                             guint column,
                                             gboolean extend);
void _att_register_page_move_cursor (AttRegisterPage *self,
                                     int d_row,
                                     int d_col,
                                     gboolean extend);
void _att_register_page_move_next_cell (AttRegisterPage *self,
                                        gboolean backwards);
void _att_register_page_set_along_row (AttRegisterPage *self,
                                       gboolean along);
void _att_register_page_restore_along_row (AttRegisterPage *self);
gboolean _att_register_page_selection_is_multiple (AttRegisterPage *self);
gboolean _att_register_page_commit_text (AttRegisterPage *self,
                                         const char *text,
                                         gboolean move_down);
void _att_register_page_commit_pending (AttRegisterPage *self,
                                        gboolean move_down,
                                        gboolean *stop);
gboolean _att_register_page_on_key_pressed (GtkEventControllerKey *controller,
                                            guint keyval,
                                            guint keycode,
                                            GdkModifierType state,
                                            AttRegisterPage *self);

/* att-register-page-write.c */
void _att_register_page_after_write (AttRegisterPage *self);
gboolean _att_register_page_check_user (AttRegisterPage *self);
void _att_register_page_ask_reason (AttRegisterPage *self,
                                    PendingWrite *w,
                                    const char *heading,
                                    const char *body,
                                    const char *action);
gboolean _att_register_page_write_cell (AttRegisterPage *self,
                                        AttCode code,
                                        int minutes,
                                        const char *comment,
                                        gboolean move_down);
void _att_register_page_fill_selection (AttRegisterPage *self,
                                        AttCode code);
void _att_register_page_open_late (AttRegisterPage *self);
void _att_register_page_build_late_popover (AttRegisterPage *self);

/* att-register-page-load.c */
void _att_register_page_update_status (AttRegisterPage *self);
AttGrid *_att_register_page_build_grid (AttRegisterPage *self,
                                        gboolean week,
                                        GError **error);
void _att_register_page_reload (AttRegisterPage *self);
gboolean _att_register_page_filters_equal (const AttGridFilter *a,
                                           const AttGridFilter *b);
const AttGridFilter *_att_register_page_find_saved (AttRegisterPage *self,
                                                    const char *name);
void _att_register_page_update_filter_actions (AttRegisterPage *self);
void _att_register_page_setup_chooser (AttRegisterPage *self);
void _att_register_page_fill_choices (AttRegisterPage *self);
void _att_register_page_on_choice_selected (GtkDropDown *dropdown,
                                            GParamSpec *pspec,
                                            AttRegisterPage *self);
void _att_register_page_schedule_missing (AttRegisterPage *self);

/* att-register-page-print.c */
/* Shows the print dialog for the week's register, or with @rollcall for
 * the roll call of the session now. */
gboolean _att_register_page_print (AttRegisterPage *self,
                                   gboolean rollcall,
                                   GError **error);
void _att_register_page_on_export_response (GtkNativeDialog *dialog,
                                            int response,
                                            AttRegisterPage *self);

/* att-register-page-actions.c */
void _att_register_page_on_palette_code (AttCodePalette *palette,
                                         const char *code,
                                         AttRegisterPage *self);
void _att_register_page_on_popover_closed (GtkPopover *popover,
                                           AttRegisterPage *self);
void _att_register_page_class_actions_init (GtkWidgetClass *widget_class);
void _att_register_page_actions_update (AttPage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingWrite, _att_register_page_pending_write_free)

G_END_DECLS
