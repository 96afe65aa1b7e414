/* att-register-page.c: the register grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are pupils and columns sessions. The marks live in an AttGrid (a
 * byte a cell) behind a list model of lazily built rows; the column view
 * recycles its row widgets, so a whole school in week mode costs only the
 * cells on screen. Keyboard editing is ours: the page keeps the cursor (a
 * position in the list as shown and a session column) and moves it with a
 * key controller. Every write goes through the core's register path.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-amend-dialog.h"
#include "att-application.h"
#include "att-code-palette.h"
#include "att-filter-dialog.h"
#include "att-mark-history-popover.h"
#include "att-register-model.h"
#include "att-register-page-private.h"
#include "att-register-sheet.h"

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

typedef enum
{
  CELL_NAME,
  CELL_GROUP,
  CELL_FLAGS,
  CELL_SESSION,
  CELL_YTD,
  CELL_UNAUTH,
} CellKind;

typedef struct
{
  CellKind kind;
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
  GArray    *sessions;   /* AttGridSession, for a fill */
  AttDate    last;       /* a closure: from date to last, session or -1 */
  int        closure_session;
} PendingWrite;

static void
pending_write_free (PendingWrite *w)
{
  if (w == NULL)
    return;
  g_free (w->comment);
  g_clear_pointer (&w->pupils, g_array_unref);
  g_clear_pointer (&w->sessions, g_array_unref);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingWrite, pending_write_free)

struct _AttRegisterPage
{
  GtkWidget            parent_instance;

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

  AttDb               *db;
  gulong               db_changed_id;
  AttUser             *user;
  GSettings           *settings;
  AttSchool           *school;

  AttRegisterModel    *model;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *name_filter;
  GtkNoSelection      *selection;
  GPtrArray           *session_columns;   /* GtkColumnViewColumn */
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
  gboolean             advance_right;     /* after a code: right (Tab) or down */

  AttGridUndo         *undo;
  gboolean             writing;
  AttAmendDialog      *amend_dialog;
  AttFilterDialog     *filter_dialog;
  AdwMessageDialog    *delete_dialog;
  PendingWrite        *waiting;
  GtkWidget           *palette;
  GtkWidget           *history;
  GtkPopover          *late_popover;
  GtkSpinButton       *late_spin;
  GtkLabel            *late_label;
  GtkEntry            *late_reason;
  GtkButton           *late_button;

  char                *message;
  char                *subtitle;
  char                *needle_text;       /* the name filter's text ... */
  char                *needle;            /* ... folded for comparing */
  GPtrArray           *missing;           /* AttRegisterStatus */
  guint                missing_idle_id;
};

enum {
  PROP_0,
  PROP_DB,
  PROP_USER,
  PROP_SUBTITLE,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttRegisterPage, att_register_page, GTK_TYPE_WIDGET)

static void reload             (AttRegisterPage *self);
static void fill_choices       (AttRegisterPage *self);
static void update_status      (AttRegisterPage *self);
static void schedule_missing   (AttRegisterPage *self);
static void commit_pending     (AttRegisterPage *self,
                                gboolean         move_down,
                                gboolean        *stop);

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

static const AttUser *
get_user (AttRegisterPage *self)
{
  AttApplication *app;

  if (self->user != NULL)
    return self->user;
  app = att_application_get_default ();
  return app != NULL ? att_application_get_user (app) : NULL;
}

static AttGrid *
get_grid (AttRegisterPage *self)
{
  return att_register_model_get_grid (self->model);
}

static guint
n_shown (AttRegisterPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

static AttRegisterRow *
row_at (AttRegisterPage *self,
        guint            position)
{
  /* Returns a new reference, or NULL past the end. */
  return g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
}

static int
clock_now (void)
{
  return att_grid_clock_now ();
}

static AttSession
session_now (AttRegisterPage *self)
{
  int pm_open = self->school != NULL ? self->school->pm_open : 13 * 60;

  return clock_now () >= pm_open ? ATT_SESSION_PM : ATT_SESSION_AM;
}

static void
show_message (AttRegisterPage *self,
              const char      *text)
{
  g_free (self->message);
  self->message = g_strdup (text);
  gtk_label_set_label (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
hide_message (AttRegisterPage *self)
{
  g_clear_pointer (&self->message, g_free);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
show_toast (AttRegisterPage *self,
            const char      *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWindow *
get_window (AttRegisterPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static char *
describe_session (AttDate    date,
                  AttSession session)
{
  g_autofree char *day = att_date_format_long (date);

  /* Translators: a date and AM or PM */
  return g_strdup_printf (_("%s %s"), day, session == ATT_SESSION_AM ? _("AM") : _("PM"));
}

/* ------------------------------------------------------------------ */
/* Cells                                                              */
/* ------------------------------------------------------------------ */

/* The flags of the core's one vocabulary that fit the register's narrow
 * column: who the pupil is, not their figures or a note. */
static char *
pupil_flags_text (AttPupil *pupil)
{
  guint shown = (1u << ATT_FLAG_SOCIAL_WORKER) | (1u << ATT_FLAG_LOOKED_AFTER) |
                (1u << ATT_FLAG_EHC_PLAN) | (1u << ATT_FLAG_SEN_SUPPORT) |
                (1u << ATT_FLAG_FSM) | (1u << ATT_FLAG_EAL) | (1u << ATT_FLAG_YOUNG_CARER);

  return att_flags_format (att_pupil_flags (pupil, NULL, ATT_DATE_NONE) & shown, " ");
}

static void
update_cell (GtkWidget      *label,
             AttRegisterRow *row)
{
  const CellInfo *info = g_object_get_data (G_OBJECT (label), "cell-info");
  AttGrid *grid = att_register_row_get_grid (row);
  guint index = att_register_row_get_index (row);
  AttPupil *pupil = att_register_row_get_pupil (row);
  const char *classes[10];
  guint n = 0;
  char buffer[32];

  switch (info->kind)
    {
    case CELL_NAME:
      classes[n++] = "register-name";
      if (att_register_row_get_cursor (row) >= 0)
        classes[n++] = "cursor-row";
      classes[n] = NULL;
      gtk_widget_set_css_classes (label, classes);
      gtk_label_set_text (GTK_LABEL (label), att_pupil_get_display_name (pupil));
      break;

    case CELL_GROUP:
      gtk_label_set_text (GTK_LABEL (label), pupil->reg_group ? pupil->reg_group : "");
      break;

    case CELL_FLAGS:
      {
        g_autofree char *text = pupil_flags_text (pupil);
        gtk_label_set_text (GTK_LABEL (label), text);
      }
      break;

    case CELL_SESSION:
      if ((guint)info->column >= att_grid_get_n_columns (grid))
        {
          /* A column about to go (from a week to a day). */
          gtk_label_set_text (GTK_LABEL (label), "");
          break;
        }
      {
        AttCode code = att_grid_get_code (grid, index, info->column);
        guint flags = att_grid_get_flags (grid, index, info->column);
        const char *group = att_code_palette_css_class (code);
        const char *text = code != ATT_CODE_NONE ? att_code_to_string (code) : "";
        gboolean cursor = att_register_row_get_cursor (row) == info->column;

        classes[n++] = "register-cell";
        if (group != NULL)
          classes[n++] = group;
        if (!(flags & ATT_GRID_CELL_SCHOOL))
          classes[n++] = "no-session";
        if (!(flags & ATT_GRID_CELL_ON_ROLL))
          {
            classes[n++] = "off-roll";
            text = "–";
          }
        if (flags & ATT_GRID_CELL_AMENDED)
          classes[n++] = "amended";
        if (att_register_row_is_selected (row, info->column))
          classes[n++] = "selected";
        if (cursor)
          {
            classes[n++] = "cursor";
            if (att_register_row_get_pending (row) != NULL)
              {
                g_snprintf (buffer, sizeof buffer, "%s…", att_register_row_get_pending (row));
                text = buffer;
                classes[n++] = "pending";
              }
          }
        classes[n] = NULL;
        gtk_widget_set_css_classes (label, classes);
        gtk_label_set_text (GTK_LABEL (label), text);
        /* A screen reader says what the code means, not "slash". */
        gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        !(flags & ATT_GRID_CELL_ON_ROLL) ? _("Not on roll")
                                        : code != ATT_CODE_NONE ? att_code_describe (code)
                                        : (flags & ATT_GRID_CELL_SCHOOL) ? _("Not marked")
                                        : _("No session"),
                                        -1);
      }
      break;

    case CELL_YTD:
      {
        const AttGridFigures *figures = att_grid_get_figures (grid, index);

        classes[n++] = "numeric";
        if (figures->persistent)
          classes[n++] = "persistent";
        classes[n] = NULL;
        gtk_widget_set_css_classes (label, classes);
        if (figures->possible == 0)
          gtk_label_set_text (GTK_LABEL (label), "–");
        else
          {
            /* Persistent absence is also said in words, not colour only. */
            if (figures->persistent)
              g_snprintf (buffer, sizeof buffer, "%.1f%% PA", figures->attendance_pct);
            else
              g_snprintf (buffer, sizeof buffer, "%.1f%%", figures->attendance_pct);
            gtk_label_set_text (GTK_LABEL (label), buffer);
          }
      }
      break;

    case CELL_UNAUTH:
      {
        const AttGridFigures *figures = att_grid_get_figures (grid, index);

        classes[n++] = "numeric";
        if (figures->unauthorised >= ATT_THRESHOLD_SESSIONS)
          classes[n++] = "threshold";
        classes[n] = NULL;
        gtk_widget_set_css_classes (label, classes);
        g_snprintf (buffer, sizeof buffer, "%u", figures->unauthorised);
        gtk_label_set_text (GTK_LABEL (label), buffer);
      }
      break;

    default:
      break;
    }
}

static void
on_row_revision (AttRegisterRow *row,
                 GParamSpec     *pspec,
                 GtkWidget      *label)
{
  update_cell (label, row);
}

static void
att_register_page_set_cursor_internal (AttRegisterPage *self,
                                       guint            position,
                                       guint            column,
                                       gboolean         extend);

static void
on_cell_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkWidget       *label)
{
  AttRegisterPage *self = g_object_get_data (G_OBJECT (label), "page");
  GtkListItem *item = g_object_get_data (G_OBJECT (label), "list-item");
  const CellInfo *info = g_object_get_data (G_OBJECT (label), "cell-info");
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint position = gtk_list_item_get_position (item);
  gboolean stop = FALSE;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  commit_pending (self, FALSE, &stop);
  att_register_page_set_cursor_internal (self, position,
                                         info->kind == CELL_SESSION ? (guint)info->column : self->cursor_col,
                                         (state & GDK_SHIFT_MASK) != 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));

  if (button == GDK_BUTTON_SECONDARY && info->kind == CELL_SESSION)
    att_register_page_show_history (self);
}

static void
on_cell_long_pressed (GtkGestureLongPress *gesture,
                      double               x,
                      double               y,
                      GtkWidget           *label)
{
  AttRegisterPage *self = g_object_get_data (G_OBJECT (label), "page");

  att_register_page_show_history (self);
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            AttRegisterPage          *self)
{
  const CellInfo *info = g_object_get_data (G_OBJECT (factory), "cell-info");
  GtkWidget *label = gtk_label_new (NULL);
  GtkGesture *click;

  g_object_set_data (G_OBJECT (label), "cell-info", (gpointer)info);
  g_object_set_data (G_OBJECT (label), "list-item", item);
  g_object_set_data (G_OBJECT (label), "page", self);

  switch (info->kind)
    {
    case CELL_NAME:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      break;
    case CELL_FLAGS:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "register-flags");
      break;
    case CELL_YTD:
    case CELL_UNAUTH:
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      break;
    case CELL_SESSION:
      gtk_widget_add_css_class (label, "register-cell");
      break;
    case CELL_GROUP:
    default:
      break;
    }

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_cell_pressed), label);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
  if (info->kind == CELL_SESSION)
    {
      GtkGesture *press = gtk_gesture_long_press_new ();
      gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
      g_signal_connect (press, "pressed", G_CALLBACK (on_cell_long_pressed), label);
      gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (press));
    }

  gtk_list_item_set_child (item, label);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           AttRegisterPage          *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  AttRegisterRow *row = gtk_list_item_get_item (item);
  gulong id;

  id = g_signal_connect (row, "notify::revision", G_CALLBACK (on_row_revision), label);
  g_object_set_data (G_OBJECT (label), "revision-handler", GSIZE_TO_POINTER (id));
  update_cell (label, row);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AttRegisterPage          *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  AttRegisterRow *row = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (label), "revision-handler"));

  if (row != NULL && id != 0)
    g_signal_handler_disconnect (row, id);
  g_object_set_data (G_OBJECT (label), "revision-handler", NULL);
}

/* ------------------------------------------------------------------ */
/* Sorting and filtering                                              */
/* ------------------------------------------------------------------ */

static int
code_rank (AttCode code)
{
  /* Blank first, then by the meaning of the code, then by code. */
  if (code == ATT_CODE_NONE)
    return 0;
  return 1 + att_code_info (code)->meaning * 64 + code;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const CellInfo *info = user_data;
  AttRegisterRow *ra = (AttRegisterRow *)a;
  AttRegisterRow *rb = (AttRegisterRow *)b;
  AttGrid *grid = att_register_row_get_grid (ra);
  guint ia = att_register_row_get_index (ra);
  guint ib = att_register_row_get_index (rb);
  AttPupil *pa = att_register_row_get_pupil (ra);
  AttPupil *pb = att_register_row_get_pupil (rb);
  int result = 0;

  switch (info->kind)
    {
    case CELL_NAME:
      result = 0;   /* the grid's own order is by surname, forename */
      break;
    case CELL_GROUP:
      result = pa->year_group - pb->year_group;
      if (result == 0)
        result = g_strcmp0 (pa->reg_group, pb->reg_group);
      break;
    case CELL_FLAGS:
      {
        g_autofree char *fa = pupil_flags_text (pa);
        g_autofree char *fb = pupil_flags_text (pb);
        result = -(int)(strlen (fa) - strlen (fb));
        if (result == 0)
          result = g_strcmp0 (fa, fb);
      }
      break;
    case CELL_SESSION:
      result = code_rank (att_grid_get_code (grid, ia, info->column))
               - code_rank (att_grid_get_code (grid, ib, info->column));
      break;
    case CELL_YTD:
      {
        double da = att_grid_get_figures (grid, ia)->attendance_pct;
        double db = att_grid_get_figures (grid, ib)->attendance_pct;
        result = da < db ? -1 : da > db ? 1 : 0;
      }
      break;
    case CELL_UNAUTH:
      result = (int)att_grid_get_figures (grid, ia)->unauthorised
               - (int)att_grid_get_figures (grid, ib)->unauthorised;
      break;
    default:
      break;
    }

  if (result == 0)
    result = (int)ia - (int)ib;
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
filter_by_name (gpointer item,
                gpointer user_data)
{
  AttRegisterPage *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  AttPupil *pupil;
  g_autofree char *name = NULL;
  g_autofree char *legal = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  /* Case and accents aside: "celik" finds "Çelik". The text typed is
   * folded once for the whole list, not once a pupil. */
  if (g_strcmp0 (text, self->needle_text) != 0)
    {
      g_free (self->needle_text);
      g_free (self->needle);
      self->needle_text = g_strdup (text);
      self->needle = att_name_fold (text);
    }

  pupil = att_register_row_get_pupil (ATT_REGISTER_ROW (item));
  name = att_name_fold (att_pupil_get_display_name (pupil));
  if (strstr (name, self->needle) != NULL)
    return TRUE;
  legal = att_name_fold (pupil->legal_surname);
  return strstr (legal, self->needle) != NULL;
}

/* An empty grid says why: nobody's name has the text typed in the
 * filter, or nobody on roll those days matches the selection. */
static void
update_empty_state (AttRegisterPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *description = NULL;

  if (self->db == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_stack_set_visible_child_name (self->grid_stack, "grid");
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0 && text != NULL && *text != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Pupils Found"));
      /* Translators: %s is the text typed in the register's name filter */
      description = g_strdup_printf (_("No pupil here has a name containing “%s”. "
                                       "Press Escape in the filter to show everyone."), text);
    }
  else
    {
      g_autofree char *what = self->filter != NULL ? att_grid_filter_describe (self->filter) : NULL;

      adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Pupils on Roll"));
      /* Translators: %s names the selection: "7A", "Year 9", a saved filter's name */
      description = g_strdup_printf (self->week ? _("No pupil on roll this week matches “%s”.")
                                                : _("No pupil on roll on this day matches “%s”."),
                                     what != NULL ? what : "");
    }
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->grid_stack, "empty");
}

static void
on_shown_rows_changed (GListModel      *model,
                       guint            position,
                       guint            removed,
                       guint            added,
                       AttRegisterPage *self)
{
  update_empty_state (self);
}

static void
on_search_changed (GtkSearchEntry  *entry,
                   AttRegisterPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->name_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_activate (GtkSearchEntry  *entry,
                    AttRegisterPage *self)
{
  /* Enter in the filter goes to the first pupil found. */
  att_register_page_set_cursor (self, 0, self->cursor_col);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* ------------------------------------------------------------------ */
/* Columns                                                            */
/* ------------------------------------------------------------------ */

static GtkColumnViewColumn *
make_column (AttRegisterPage *self,
             const char      *title,
             CellKind         kind,
             int              column,
             int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  CellInfo *info = g_new0 (CellInfo, 1);
  GtkColumnViewColumn *view_column;
  GtkCustomSorter *sorter;

  info->kind = kind;
  info->column = column;
  g_object_set_data_full (G_OBJECT (factory), "cell-info", info, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), self);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_column_set_resizable (view_column, kind == CELL_NAME);
  sorter = gtk_custom_sorter_new (compare_rows, info, NULL);
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
  g_object_unref (sorter);
  return view_column;
}

static char *
column_title (AttRegisterPage *self,
              const AttGridColumn *column)
{
  const char *session = column->session == ATT_SESSION_AM ? _("AM") : _("PM");

  if (!self->week)
    return g_strdup (session);
  {
    g_autoptr(GDateTime) dt = NULL;
    int y, m, d;

    att_date_to_ymd (column->date, &y, &m, &d);
    dt = g_date_time_new_local (y, m, d, 0, 0, 0);
    {
      /* The dates of the week are in the heading above the grid. */
      g_autofree char *day = g_date_time_format (dt, "%a");
      /* Translators: a narrow column heading on two lines, the day
       * above the session: "Mon" then "AM" */
      return g_strdup_printf (_("%s\n%s"), day, session);
    }
  }
}

static void
sync_session_columns (AttRegisterPage *self)
{
  AttGrid *grid = get_grid (self);
  guint wanted = grid != NULL ? att_grid_get_n_columns (grid) : 0;

  /* Columns are kept when their number stays the same (switching group
   * or week): only their titles change, so no cell is rebuilt. */
  while (self->session_columns->len > wanted)
    {
      GtkColumnViewColumn *column = g_ptr_array_index (self->session_columns,
                                                       self->session_columns->len - 1);
      gtk_column_view_remove_column (self->column_view, column);
      g_ptr_array_remove_index (self->session_columns, self->session_columns->len - 1);
    }
  while (self->session_columns->len < wanted)
    {
      guint index = self->session_columns->len;
      GtkColumnViewColumn *column = make_column (self, "", CELL_SESSION, index, SESSION_WIDTH);

      /* After name, group and flags. */
      gtk_column_view_insert_column (self->column_view, 3 + index, column);
      g_ptr_array_add (self->session_columns, column);
    }

  for (guint i = 0; i < wanted; i++)
    {
      const AttGridColumn *column = att_grid_get_column (grid, i);
      g_autofree char *title = column_title (self, column);

      gtk_column_view_column_set_title (g_ptr_array_index (self->session_columns, i), title);
    }
}

/* ------------------------------------------------------------------ */
/* The cursor and the selection                                       */
/* ------------------------------------------------------------------ */

static double
row_height (AttRegisterPage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scrolled);
  guint n = n_shown (self);
  double upper = gtk_adjustment_get_upper (adj);

  if (n == 0 || upper <= 0)
    return 30;
  return upper / n;
}

static void
scroll_to_position (AttRegisterPage *self,
                    guint            position)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double h = row_height (self);
  double top = position * h;
  double value = gtk_adjustment_get_value (adj);
  double page = gtk_adjustment_get_page_size (adj) - HEADER_HEIGHT;

  if (page <= 0)
    return;
  if (top < value)
    gtk_adjustment_set_value (adj, top);
  else if (top + h > value + page)
    gtk_adjustment_set_value (adj, top + h - page);
}

static void
cell_rect (AttRegisterPage *self,
           GdkRectangle    *rect)
{
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->scrolled);
  GtkAdjustment *hadj = gtk_scrolled_window_get_hadjustment (self->scrolled);
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0), out;
  double h = row_height (self);

  if (!gtk_widget_compute_point (GTK_WIDGET (self->scrolled), GTK_WIDGET (self), &origin, &out))
    out = origin;
  rect->x = out.x + NAME_WIDTH + GROUP_WIDTH + FLAGS_WIDTH
            + self->cursor_col * SESSION_WIDTH - gtk_adjustment_get_value (hadj);
  rect->y = out.y + HEADER_HEIGHT + self->cursor_pos * h - gtk_adjustment_get_value (vadj);
  rect->width = SESSION_WIDTH;
  rect->height = (int)h;
}

static void
clear_selection (AttRegisterPage *self)
{
  for (guint i = 0; i < self->selected_rows->len; i++)
    att_register_row_set_selection (g_ptr_array_index (self->selected_rows, i), -1, -1);
  g_ptr_array_set_size (self->selected_rows, 0);
  self->has_selection = FALSE;
}

static void
apply_selection (AttRegisterPage *self)
{
  guint p0 = MIN (self->anchor_pos, self->cursor_pos);
  guint p1 = MAX (self->anchor_pos, self->cursor_pos);
  int c0 = MIN (self->anchor_col, self->cursor_col);
  int c1 = MAX (self->anchor_col, self->cursor_col);

  for (guint i = 0; i < self->selected_rows->len; i++)
    att_register_row_set_selection (g_ptr_array_index (self->selected_rows, i), -1, -1);
  g_ptr_array_set_size (self->selected_rows, 0);

  for (guint p = p0; p <= p1; p++)
    {
      AttRegisterRow *row = row_at (self, p);

      if (row == NULL)
        break;
      att_register_row_set_selection (row, c0, c1);
      g_ptr_array_add (self->selected_rows, row);
    }
}

static void
set_pending (AttRegisterPage *self,
             const char      *text)
{
  g_strlcpy (self->pending, text != NULL ? text : "", sizeof self->pending);
  if (self->cursor_row != NULL)
    att_register_row_set_cursor (self->cursor_row, self->cursor_col, self->pending);
}

static void
att_register_page_set_cursor_internal (AttRegisterPage *self,
                                       guint            position,
                                       guint            column,
                                       gboolean         extend)
{
  AttGrid *grid = get_grid (self);
  guint n = n_shown (self);
  guint n_columns = grid != NULL ? att_grid_get_n_columns (grid) : 0;
  AttRegisterRow *row;

  if (n == 0 || n_columns == 0)
    {
      if (self->cursor_row != NULL)
        att_register_row_set_cursor (self->cursor_row, -1, NULL);
      g_clear_object (&self->cursor_row);
      self->cursor_pos = 0;
      self->cursor_col = MIN (column, n_columns > 0 ? n_columns - 1 : 0);
      update_status (self);
      return;
    }

  if (extend && !self->has_selection)
    {
      self->has_selection = TRUE;
      self->anchor_pos = self->cursor_pos;
      self->anchor_col = self->cursor_col;
    }
  else if (!extend && self->has_selection)
    clear_selection (self);

  position = MIN (position, n - 1);
  column = MIN (column, n_columns - 1);
  self->pending[0] = '\0';

  row = row_at (self, position);
  if (self->cursor_row != NULL && self->cursor_row != row)
    att_register_row_set_cursor (self->cursor_row, -1, NULL);
  g_set_object (&self->cursor_row, row);
  g_object_unref (row);
  self->cursor_pos = position;
  self->cursor_col = column;
  att_register_row_set_cursor (self->cursor_row, column, NULL);

  if (self->has_selection)
    apply_selection (self);

  scroll_to_position (self, position);
  update_status (self);
}

void
att_register_page_set_cursor (AttRegisterPage *self,
                              guint            position,
                              guint            column)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));
  att_register_page_set_cursor_internal (self, position, column, FALSE);
}

void
att_register_page_get_cursor (AttRegisterPage *self,
                              guint           *position,
                              guint           *column)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));
  if (position != NULL)
    *position = self->cursor_pos;
  if (column != NULL)
    *column = self->cursor_col;
}

static void
move_cursor (AttRegisterPage *self,
             int              d_row,
             int              d_col,
             gboolean         extend)
{
  AttGrid *grid = get_grid (self);
  int n = n_shown (self);
  int n_columns = grid != NULL ? att_grid_get_n_columns (grid) : 0;
  int pos = (int)self->cursor_pos + d_row;
  int col = (int)self->cursor_col + d_col;

  if (n == 0 || n_columns == 0)
    return;
  pos = CLAMP (pos, 0, n - 1);
  col = CLAMP (col, 0, n_columns - 1);
  att_register_page_set_cursor_internal (self, pos, col, extend);
}

static void
move_next_cell (AttRegisterPage *self,
                gboolean         backwards)
{
  AttGrid *grid = get_grid (self);
  int n_columns = grid != NULL ? att_grid_get_n_columns (grid) : 0;
  int pos = self->cursor_pos;
  int col = self->cursor_col + (backwards ? -1 : 1);

  if (n_columns == 0)
    return;
  /* Tab runs along a row and on to the next pupil. */
  if (col >= n_columns)
    {
      if (pos + 1 >= (int)n_shown (self))
        return;
      col = 0;
      pos++;
    }
  else if (col < 0)
    {
      if (pos == 0)
        return;
      col = n_columns - 1;
      pos--;
    }
  att_register_page_set_cursor_internal (self, pos, col, FALSE);
}

/* ------------------------------------------------------------------ */
/* Writing                                                            */
/* ------------------------------------------------------------------ */

static void
after_write (AttRegisterPage *self)
{
  hide_message (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.undo",
                                 att_grid_undo_can_undo (self->undo));
  schedule_missing (self);
  update_status (self);
}

/* After a code the cursor moves on the way the office was moving: down
 * the register (Enter, arrows up and down) or along a row (Tab, Right). */
static void
advance (AttRegisterPage *self)
{
  if (self->advance_right)
    move_next_cell (self, FALSE);
  else
    move_cursor (self, 1, 0, FALSE);
}

static gboolean
check_user (AttRegisterPage *self)
{
  if (get_user (self) == NULL)
    {
      show_message (self, _("Nobody is signed in, so the register cannot be changed: "
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
  AttGrid *grid = get_grid (self);

  if (!check_user (self))
    return FALSE;

  if (w->kind == WAIT_CLOSURE)
    {
      /* The calendar changes: the page reloads from its "changed". */
      if (!att_grid_add_closure (self->db, get_user (self), w->date, w->last,
                                 w->closure_session, reason, &error))
        {
          show_message (self, error->message);
          return FALSE;
        }
      show_toast (self, _("Closure added to the school calendar: # for everyone"));
      after_write (self);
      return TRUE;
    }

  self->writing = TRUE;
  if (w->kind == WAIT_CELL)
    {
      AttMarkWrite mark = { w->pupil_id, w->date, w->session, w->code, w->minutes, w->comment };
      int row;

      if (!att_grid_write (self->db, get_user (self), &mark, 1, reason, self->undo, &error))
        {
          self->writing = FALSE;
          show_message (self, error->message);
          return FALSE;
        }
      row = att_grid_find_row (grid, w->pupil_id);
      if (row >= 0)
        att_register_model_row_changed (self->model, row);
    }
  else
    {
      guint written = 0, skipped = 0;
      g_autofree char *text = NULL;

      if (!att_grid_fill (self->db, get_user (self),
                          (const gint64 *)(gpointer)w->pupils->data, w->pupils->len,
                          (const AttGridSession *)(gpointer)w->sessions->data, w->sessions->len,
                          w->code, reason, self->undo, &written, &skipped, &error))
        {
          self->writing = FALSE;
          show_message (self, error->message);
          return FALSE;
        }
      for (guint i = 0; i < w->pupils->len; i++)
        {
          int row = att_grid_find_row (grid, g_array_index (w->pupils, gint64, i));
          if (row >= 0)
            att_register_model_row_changed (self->model, row);
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
      show_toast (self, text);
    }
  self->writing = FALSE;
  after_write (self);
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

static void
ask_reason (AttRegisterPage *self,
            PendingWrite    *w,
            const char      *heading,
            const char      *body,
            const char      *action)
{
  AttAmendDialog *dialog;
  const char * const *reasons = w->kind == WAIT_CLOSURE ? att_grid_closure_reasons ()
                                                        : att_grid_amend_reasons ();

  pending_write_free (self->waiting);
  self->waiting = w;
  if (self->amend_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->amend_dialog));

  dialog = att_amend_dialog_new_with_reasons (get_window (self), heading, body, action, reasons);
  self->amend_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->amend_dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_amend_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writes @code in the cursor's cell: at once for a first entry, after
 * asking why for a change. Returns TRUE when written now. */
static gboolean
write_cell (AttRegisterPage *self,
            AttCode          code,
            int              minutes,
            const char      *comment,
            gboolean         move_down)
{
  AttGrid *grid = get_grid (self);
  guint index;
  const AttGridColumn *column;
  AttCode current;
  g_autoptr(PendingWrite) w = NULL;

  if (grid == NULL || self->cursor_row == NULL)
    return FALSE;

  index = att_register_row_get_index (self->cursor_row);
  column = att_grid_get_column (grid, self->cursor_col);
  current = att_grid_get_code (grid, index, self->cursor_col);
  if (current == ATT_CODE_CLOSED)
    current = ATT_CODE_NONE;

  w = g_new0 (PendingWrite, 1);
  w->kind = WAIT_CELL;
  w->pupil_id = att_grid_get_pupil_id (grid, index);
  w->date = column->date;
  w->session = column->session;
  w->code = code;
  w->minutes = minutes;
  w->comment = g_strdup (comment);

  if (current != ATT_CODE_NONE && (current != code || minutes >= 0 || comment != NULL))
    {
      g_autofree char *when = describe_session (column->date, column->session);
      g_autofree char *body = NULL;
      AttPupil *pupil = att_grid_get_pupil (grid, index);

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
      ask_reason (self, g_steal_pointer (&w),
                  code == ATT_CODE_NONE ? _("Remove a Saved Mark?") : _("Change a Saved Mark?"),
                  body,
                  code == ATT_CODE_NONE ? _("_Remove Mark") : _("_Change Mark"));
      return FALSE;
    }

  if (current == code)
    {
      /* The same code again: nothing to write; move on. */
      if (move_down)
        advance (self);
      return TRUE;
    }

  if (!write_now (self, w, NULL))
    return FALSE;
  if (move_down)
    advance (self);
  return TRUE;
}

static gboolean
is_unable_code (AttCode code)
{
  return code >= ATT_CODE_Y1 && code <= ATT_CODE_Y7;
}

static void
fill_selection (AttRegisterPage *self,
                AttCode          code)
{
  AttGrid *grid = get_grid (self);
  g_autoptr(PendingWrite) w = g_new0 (PendingWrite, 1);
  guint p0 = MIN (self->anchor_pos, self->cursor_pos);
  guint p1 = MAX (self->anchor_pos, self->cursor_pos);
  guint c0 = MIN (self->anchor_col, self->cursor_col);
  guint c1 = MAX (self->anchor_col, self->cursor_col);
  guint changing = 0;

  w->kind = WAIT_FILL;
  w->code = code;
  w->minutes = -1;
  w->pupils = g_array_new (FALSE, FALSE, sizeof (gint64));
  w->sessions = g_array_new (FALSE, FALSE, sizeof (AttGridSession));

  for (guint c = c0; c <= c1; c++)
    {
      const AttGridColumn *column = att_grid_get_column (grid, c);
      AttGridSession s = { column->date, column->session };
      g_array_append_val (w->sessions, s);
    }
  for (guint p = p0; p <= p1; p++)
    {
      g_autoptr(AttRegisterRow) row = row_at (self, p);
      guint index;
      gint64 id;

      if (row == NULL)
        break;
      index = att_register_row_get_index (row);
      id = att_grid_get_pupil_id (grid, index);
      g_array_append_val (w->pupils, id);
      for (guint c = c0; c <= c1; c++)
        {
          AttCode current = att_grid_get_code (grid, index, c);
          guint flags = att_grid_get_flags (grid, index, c);

          if ((flags & ATT_GRID_CELL_SCHOOL) && (flags & ATT_GRID_CELL_ON_ROLL)
              && current != ATT_CODE_NONE && current != ATT_CODE_CLOSED && current != code)
            changing++;
        }
    }

  if (is_unable_code (code))
    {
      g_autofree char *body =
        g_strdup_printf (ngettext ("%s (%s) for %u pupil. The reason is kept with every mark.",
                                   "%s (%s) for %u pupils. The reason is kept with every mark.",
                                   w->pupils->len),
                         att_code_to_string (code), att_code_describe (code), w->pupils->len);
      ask_reason (self, g_steal_pointer (&w), _("Why Were Pupils Unable to Attend?"), body,
                  _("_Record"));
      return;
    }
  if (changing > 0)
    {
      g_autofree char *body =
        g_strdup_printf (ngettext ("%u session in the selection already has a mark, which becomes %s. Say why.",
                                   "%u sessions in the selection already have a mark, which become %s. Say why.",
                                   changing),
                         changing, att_code_to_string (code));
      ask_reason (self, g_steal_pointer (&w), _("Change Saved Marks?"), body, _("_Change Marks"));
      return;
    }
  write_now (self, w, NULL);
}

/* ------------------------------------------------------------------ */
/* Late arrivals                                                      */
/* ------------------------------------------------------------------ */

static AttCode
late_code_for (AttRegisterPage *self,
               int              minutes)
{
  AttGrid *grid = get_grid (self);
  const AttGridColumn *column;
  int open, close;

  if (grid == NULL || self->school == NULL)
    return ATT_CODE_L;
  column = att_grid_get_column (grid, self->cursor_col);
  open = column->session == ATT_SESSION_AM ? self->school->am_open : self->school->pm_open;
  close = column->session == ATT_SESSION_AM ? self->school->am_close : self->school->pm_close;
  /* Arrival after the register closed is U, whatever was typed. */
  return open + minutes >= close ? ATT_CODE_U : ATT_CODE_L;
}

static void
update_late (AttRegisterPage *self)
{
  int minutes = gtk_spin_button_get_value_as_int (self->late_spin);
  AttCode code = late_code_for (self, minutes);
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->late_reason));
  g_autofree char *reason_stripped = g_strstrip (g_strdup (reason));

  if (code == ATT_CODE_U)
    {
      g_autofree char *close = att_time_format (att_grid_get_column (get_grid (self), self->cursor_col)->session
                                                == ATT_SESSION_AM ? self->school->am_close
                                                                  : self->school->pm_close);
      g_autofree char *text =
        g_strdup_printf (_("The register closed at %s: arriving after it is U, an unauthorised "
                           "absence. Give the reason for the late arrival."), close);
      gtk_label_set_label (self->late_label, text);
      gtk_button_set_label (self->late_button, _("Record _U"));
    }
  else
    {
      gtk_label_set_label (self->late_label, _("L: late, arrived before the register closed."));
      gtk_button_set_label (self->late_button, _("Record _L"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->late_reason), code == ATT_CODE_U);
  gtk_widget_set_sensitive (GTK_WIDGET (self->late_button),
                            code == ATT_CODE_L || *reason_stripped != '\0');
}

static void
on_late_changed (gpointer         widget,
                 AttRegisterPage *self)
{
  update_late (self);
}

void
att_register_page_confirm_late (AttRegisterPage *self)
{
  int minutes;
  AttCode code;
  g_autofree char *reason = NULL;

  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));

  minutes = gtk_spin_button_get_value_as_int (self->late_spin);
  code = late_code_for (self, minutes);
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->late_reason))));
  if (code == ATT_CODE_U && *reason == '\0')
    return;

  gtk_popover_popdown (self->late_popover);
  write_cell (self, code, minutes, code == ATT_CODE_U ? reason : NULL, TRUE);
}

static void
on_late_button_clicked (GtkButton       *button,
                        AttRegisterPage *self)
{
  att_register_page_confirm_late (self);
}

static void
on_late_closed (GtkPopover      *popover,
                AttRegisterPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
open_late (AttRegisterPage *self)
{
  AttGrid *grid = get_grid (self);
  const AttGridColumn *column;
  AttDate today = att_date_today ();
  int minutes = 0;
  GdkRectangle rect;

  if (grid == NULL || self->cursor_row == NULL)
    return;
  column = att_grid_get_column (grid, self->cursor_col);
  /* Today the clock gives the minutes; on another day there is no clock
   * to go by, so the office types them. */
  if (column->date == today)
    att_grid_late_code (self->db, column->session, clock_now (), &minutes);

  gtk_spin_button_set_value (self->late_spin, minutes);
  gtk_editable_set_text (GTK_EDITABLE (self->late_reason), "");
  update_late (self);
  cell_rect (self, &rect);
  gtk_popover_set_pointing_to (self->late_popover, &rect);
  gtk_popover_popup (self->late_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->late_spin));
}

static void
build_late_popover (AttRegisterPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Minutes late"));

  self->late_popover = GTK_POPOVER (gtk_popover_new ());
  self->late_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 300, 1));
  gtk_spin_button_set_numeric (self->late_spin, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->late_spin));
  self->late_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->late_label, TRUE);
  gtk_label_set_max_width_chars (self->late_label, 36);
  gtk_label_set_xalign (self->late_label, 0.0);
  self->late_reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->late_reason, _("Reason for arriving late"));
  self->late_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Record _L")));
  gtk_widget_add_css_class (GTK_WIDGET (self->late_button), "suggested-action");

  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->late_spin));
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->late_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->late_reason));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->late_button));
  gtk_popover_set_child (self->late_popover, box);
  gtk_popover_set_default_widget (self->late_popover, GTK_WIDGET (self->late_button));
  gtk_widget_set_parent (GTK_WIDGET (self->late_popover), GTK_WIDGET (self));

  g_signal_connect (self->late_spin, "value-changed", G_CALLBACK (on_late_changed), self);
  g_signal_connect (self->late_reason, "changed", G_CALLBACK (on_late_changed), self);
  /* Enter in the minutes records the mark (GTK 4.8's spin button has no
   * activate signal of its own: its text field has). */
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (self->late_spin)), "activate",
                            G_CALLBACK (att_register_page_confirm_late), self);
  g_signal_connect_swapped (self->late_reason, "activate", G_CALLBACK (att_register_page_confirm_late), self);
  g_signal_connect (self->late_button, "clicked", G_CALLBACK (on_late_button_clicked), self);
  g_signal_connect (self->late_popover, "closed", G_CALLBACK (on_late_closed), self);
}

/* ------------------------------------------------------------------ */
/* Typing codes                                                       */
/* ------------------------------------------------------------------ */

static gboolean
selection_is_multiple (AttRegisterPage *self)
{
  return self->has_selection
         && (self->anchor_pos != self->cursor_pos || self->anchor_col != self->cursor_col);
}

/* Parses and writes a complete code typed or picked. */
static gboolean
commit_text (AttRegisterPage *self,
             const char      *text,
             gboolean         move_down)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  AttGrid *grid = get_grid (self);
  const AttGridColumn *column;
  AttCode code;

  if (grid == NULL || self->cursor_row == NULL)
    return FALSE;
  column = att_grid_get_column (grid, self->cursor_col);

  code = att_code_parse_for_mark (text, column->date, column->session, FALSE, &note, &error);
  if (code == ATT_CODE_NONE)
    {
      show_message (self, error != NULL ? error->message : _("That is not a code"));
      return FALSE;
    }
  if (code == ATT_CODE_CLOSED)
    {
      show_message (self, _("# is not typed: a planned closure is added to the school calendar, "
                            "and the register shows it for everyone"));
      return FALSE;
    }

  if (selection_is_multiple (self))
    {
      fill_selection (self, code);
      return TRUE;
    }
  if (code == ATT_CODE_L)
    {
      open_late (self);
      return TRUE;
    }
  write_cell (self, code, -1, NULL, move_down);
  if (note != NULL)
    show_toast (self, note);
  return TRUE;
}

static void
commit_pending (AttRegisterPage *self,
                gboolean         move_down,
                gboolean        *stop)
{
  char text[4];

  *stop = FALSE;
  if (self->pending[0] == '\0')
    return;
  g_strlcpy (text, self->pending, sizeof text);
  set_pending (self, NULL);
  if (!commit_text (self, text, move_down))
    *stop = TRUE;
}

/* A first character that may start a two-character code: C (C, C1, C2),
 * J (J1) and Y (Y1..Y7). */
static gboolean
waits_for_digit (char c)
{
  return c == 'C' || c == 'J' || c == 'Y';
}

static void
type_char (AttRegisterPage *self,
           gunichar         ch)
{
  char c;
  char text[4];

  if (ch > 127)
    {
      show_message (self, _("Codes are letters, digits, / and \\: see the list of codes (F2)"));
      return;
    }
  c = g_ascii_toupper ((char)ch);

  if (self->pending[0] != '\0')
    {
      if (g_ascii_isdigit (c))
        {
          g_snprintf (text, sizeof text, "%c%c", self->pending[0], c);
          set_pending (self, NULL);
          commit_text (self, text, TRUE);
          return;
        }
      /* A letter after C is the next pupil's code: C stands. */
      {
        gboolean stop;
        commit_pending (self, TRUE, &stop);
        if (stop || self->amend_dialog != NULL
            || gtk_widget_get_visible (GTK_WIDGET (self->late_popover)))
          return;
      }
    }

  if (g_ascii_isdigit (c))
    {
      show_message (self, _("A code starts with a letter, / or \\ (C1, Y4, …)"));
      return;
    }
  if (waits_for_digit (c) && !selection_is_multiple (self))
    {
      text[0] = c;
      text[1] = '\0';
      set_pending (self, text);
      return;
    }
  if (waits_for_digit (c))
    {
      /* In a selection the pending code is kept too: the digit follows. */
      text[0] = c;
      text[1] = '\0';
      set_pending (self, text);
      return;
    }
  text[0] = c;
  text[1] = '\0';
  commit_text (self, text, TRUE);
}

void
att_register_page_type (AttRegisterPage *self,
                        const char      *text)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      guint keyval = gdk_unicode_to_keyval (ch);

      att_register_page_handle_key (self, keyval, 0);
    }
}

static void
clear_cell (AttRegisterPage *self)
{
  AttGrid *grid = get_grid (self);
  AttCode current;

  if (grid == NULL || self->cursor_row == NULL)
    return;
  current = att_grid_get_code (grid, att_register_row_get_index (self->cursor_row), self->cursor_col);
  if (current == ATT_CODE_NONE || current == ATT_CODE_CLOSED)
    return;
  /* A saved mark is never simply deleted: removing it is an amendment. */
  write_cell (self, ATT_CODE_NONE, -1, NULL, FALSE);
}

gboolean
att_register_page_handle_key (AttRegisterPage *self,
                              guint            keyval,
                              GdkModifierType  state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  gboolean alt = (state & GDK_ALT_MASK) != 0;
  gboolean stop = FALSE;
  gunichar ch;

  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);

  if (get_grid (self) == NULL)
    return FALSE;

  if (ctrl && !alt)
    {
      switch (keyval)
        {
        case GDK_KEY_z:
        case GDK_KEY_Z:
          gtk_widget_activate_action (GTK_WIDGET (self), "register.undo", NULL);
          return TRUE;
        case GDK_KEY_h:
        case GDK_KEY_H:
          att_register_page_show_history (self);
          return TRUE;
        case GDK_KEY_a:
        case GDK_KEY_A:
          /* The cursor's session(s) for every pupil shown: for Y codes and
           * trips over a whole group. */
          set_pending (self, NULL);
          {
            guint col = self->cursor_col;
            guint anchor_col = self->has_selection ? self->anchor_col : col;

            att_register_page_set_cursor_internal (self, 0, anchor_col, FALSE);
            att_register_page_set_cursor_internal (self, n_shown (self) - 1, col, TRUE);
          }
          return TRUE;
        case GDK_KEY_Home:
          commit_pending (self, FALSE, &stop);
          att_register_page_set_cursor_internal (self, 0, self->cursor_col, shift);
          return TRUE;
        case GDK_KEY_End:
          commit_pending (self, FALSE, &stop);
          att_register_page_set_cursor_internal (self, n_shown (self) - 1, self->cursor_col, shift);
          return TRUE;
        default:
          return FALSE;
        }
    }
  if (alt)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      self->advance_right = FALSE;
      commit_pending (self, FALSE, &stop);
      if (!stop)
        move_cursor (self, -1, 0, shift);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      self->advance_right = FALSE;
      commit_pending (self, FALSE, &stop);
      if (!stop)
        move_cursor (self, 1, 0, shift);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      commit_pending (self, FALSE, &stop);
      if (!stop)
        move_cursor (self, 0, -1, shift);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      self->advance_right = TRUE;
      commit_pending (self, FALSE, &stop);
      if (!stop)
        move_cursor (self, 0, 1, shift);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      self->advance_right = TRUE;
      commit_pending (self, FALSE, &stop);
      if (!stop)
        move_next_cell (self, FALSE);
      return TRUE;
    case GDK_KEY_ISO_Left_Tab:
      commit_pending (self, FALSE, &stop);
      if (!stop)
        move_next_cell (self, TRUE);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      self->advance_right = FALSE;
      if (self->pending[0] != '\0')
        commit_pending (self, TRUE, &stop);
      else
        move_cursor (self, 1, 0, FALSE);
      return TRUE;
    case GDK_KEY_Home:
      commit_pending (self, FALSE, &stop);
      att_register_page_set_cursor_internal (self, self->cursor_pos, 0, shift);
      return TRUE;
    case GDK_KEY_End:
      commit_pending (self, FALSE, &stop);
      att_register_page_set_cursor_internal (self, self->cursor_pos,
                                             att_grid_get_n_columns (get_grid (self)) - 1, shift);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      commit_pending (self, FALSE, &stop);
      move_cursor (self, -PAGE_ROWS, 0, shift);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      commit_pending (self, FALSE, &stop);
      move_cursor (self, PAGE_ROWS, 0, shift);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      /* Delete clears what is being typed; a saved mark is only removed
       * with a reason. */
      if (self->pending[0] != '\0')
        set_pending (self, NULL);
      else
        clear_cell (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->pending[0] != '\0' || self->has_selection || self->message != NULL)
        {
          set_pending (self, NULL);
          clear_selection (self);
          hide_message (self);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_F2:
    case GDK_KEY_question:
      gtk_widget_activate_action (GTK_WIDGET (self), "register.palette", NULL);
      return TRUE;
    default:
      break;
    }

  ch = gdk_keyval_to_unicode (keyval);
  if (ch != 0 && g_unichar_isgraph (ch))
    {
      type_char (self, ch);
      return TRUE;
    }
  return FALSE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AttRegisterPage       *self)
{
  return att_register_page_handle_key (self, keyval, state & gtk_accelerator_get_default_mod_mask ());
}

/* ------------------------------------------------------------------ */
/* Loading                                                            */
/* ------------------------------------------------------------------ */

static void
update_subtitle (AttRegisterPage *self)
{
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;

  if (self->db == NULL)
    subtitle = NULL;
  else
    {
      what = att_grid_filter_describe (self->filter);
      if (self->week)
        {
          g_autofree char *monday = att_date_format_long (att_date_monday (self->date));
          g_autofree char *range = NULL;
          int y1, m1, d1, y2, m2, d2;

          /* Translators: "Week beginning Mon 9 Sep 2024" */
          when = g_strdup_printf (_("Week beginning %s"), monday);
          att_date_to_ymd (att_date_monday (self->date), &y1, &m1, &d1);
          att_date_to_ymd (att_date_monday (self->date) + 4, &y2, &m2, &d2);
          {
            g_autoptr(GDateTime) first = g_date_time_new_local (y1, m1, d1, 0, 0, 0);
            g_autoptr(GDateTime) last = g_date_time_new_local (y2, m2, d2, 0, 0, 0);
            g_autofree char *a = g_date_time_format (first, m1 == m2 ? "%-d" : "%-d %b");
            g_autofree char *b = g_date_time_format (last, "%-d %b %Y");

            if (m1 == m2)
              /* Translators: a short week within a month, "9–13 Sep 2024" */
              range = g_strdup_printf (_("%s–%s"), a, b);
            else
              /* Translators: a short week across two months, "30 Sep – 4 Oct 2024" */
              range = g_strdup_printf (_("%s – %s"), a, b);
          }
          gtk_label_set_label (self->date_label, range);
        }
      else
        {
          when = att_date_format_long (self->date);
          gtk_label_set_label (self->date_label, when);
        }
      /* Translators: what the register shows and when: "7A, Mon 9 Sep 2024" */
      subtitle = g_strdup_printf (_("%s, %s"), what, when);
    }

  if (g_strcmp0 (subtitle, self->subtitle) != 0)
    {
      g_free (self->subtitle);
      self->subtitle = g_steal_pointer (&subtitle);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
    }
}

static void
update_status (AttRegisterPage *self)
{
  AttGrid *grid = get_grid (self);
  g_autoptr(GString) text = g_string_new (NULL);

  if (grid != NULL && att_grid_get_n_columns (grid) > 0)
    {
      const AttGridColumn *column = att_grid_get_column (grid, self->cursor_col);
      g_autofree char *when = describe_session (column->date, column->session);

      if (!column->school)
        g_string_append_printf (text, _("%s: no session (%s)"), when,
                                column->reason != NULL ? column->reason : _("not a school day"));
      else
        {
          guint blank = att_grid_count_blank (grid, self->cursor_col);
          guint on_roll = att_grid_count_on_roll (grid, self->cursor_col);

          g_string_append_printf (text,
                                  ngettext ("%s: %'u pupil on roll, %'u not marked yet",
                                            "%s: %'u pupils on roll, %'u not marked yet",
                                            on_roll),
                                  when, on_roll, blank);
        }
    }
  g_string_append (text, _("  ·  Type a code, F2 for the list, Shift+arrows to select, Ctrl+H for history"));
  gtk_label_set_label (self->status_label, text->str);
}

static void
save_view (AttRegisterPage *self)
{
  g_autofree char *text = NULL;

  if (self->settings == NULL)
    return;
  text = att_grid_filter_to_string (self->filter);
  g_settings_set_string (self->settings, "register-group", text);
  g_settings_set_string (self->settings, "register-mode", self->week ? "week" : "day");
}

static AttGrid *
build_grid (AttRegisterPage  *self,
            gboolean          week,
            GError          **error)
{
  AttDate first, last;

  if (week)
    att_grid_week_range (self->date, &first, &last);
  else
    first = last = self->date;
  return att_grid_new (self->db, self->filter, first, last, error);
}

static void
reload (AttRegisterPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGrid) grid = NULL;
  AttGridUndo *undo;
  guint column = 0;
  AttDate today = att_date_today ();

  set_pending (self, NULL);
  clear_selection (self);
  if (self->cursor_row != NULL)
    att_register_row_set_cursor (self->cursor_row, -1, NULL);
  g_clear_object (&self->cursor_row);

  if (self->db != NULL)
    {
      grid = build_grid (self, self->week, &error);
      if (grid == NULL)
        show_message (self, error->message);
    }
  /* Columns that go are removed before the rows change, and new ones
   * added after, so no cell ever shows a column the grid lacks. */
  while (self->session_columns->len > (grid != NULL ? att_grid_get_n_columns (grid) : 0))
    {
      gtk_column_view_remove_column (self->column_view,
                                     g_ptr_array_index (self->session_columns,
                                                        self->session_columns->len - 1));
      g_ptr_array_remove_index (self->session_columns, self->session_columns->len - 1);
    }
  att_register_model_set_grid (self->model, grid);
  sync_session_columns (self);

  /* Undo belongs to what is on screen: a change made in another view is
   * not undone from here by surprise. */
  undo = att_grid_undo_new ();
  att_grid_undo_free (self->undo);
  self->undo = undo;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.undo", FALSE);

  /* Start on the session now, when it is shown. */
  if (grid != NULL)
    {
      int found = att_grid_find_column (grid, today, session_now (self));
      if (found >= 0)
        column = found;
    }
  self->cursor_col = column;
  att_register_page_set_cursor_internal (self, 0, column, FALSE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);

  update_subtitle (self);
  update_status (self);
  update_empty_state (self);
}

/* ------------------------------------------------------------------ */
/* The selection of pupils                                            */
/* ------------------------------------------------------------------ */

static gboolean
filters_equal (const AttGridFilter *a,
               const AttGridFilter *b)
{
  g_autofree char *ta = att_grid_filter_to_string (a);
  g_autofree char *tb = att_grid_filter_to_string (b);

  return g_strcmp0 (ta, tb) == 0;
}

/* The saved filter called @name as it is stored now (names compare
 * without case, as the core keeps them unique that way), or NULL. */
static const AttGridFilter *
find_saved (AttRegisterPage *self,
            const char      *name)
{
  g_autofree char *folded = NULL;

  if (name == NULL)
    return NULL;
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < self->choices->len; i++)
    {
      const AttGridFilter *choice = g_ptr_array_index (self->choices, i);
      g_autofree char *other = NULL;

      if (choice->name == NULL)
        continue;
      other = g_utf8_casefold (choice->name, -1);
      if (strcmp (folded, other) == 0)
        return choice;
    }
  return NULL;
}

static void
update_filter_actions (AttRegisterPage *self)
{
  gboolean saved = self->db != NULL && self->filter->name != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.new-filter", self->db != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.edit-filter", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.delete-filter", saved);
}

static void
select_choice (AttRegisterPage *self)
{
  GListModel *strings = gtk_drop_down_get_model (self->selection_dropdown);
  guint i;

  if (self->filter == NULL || strings == NULL)
    return;
  self->updating_choices = TRUE;
  if (self->choices->len > self->n_listed)
    {
      gtk_string_list_splice (GTK_STRING_LIST (strings), self->n_listed,
                              self->choices->len - self->n_listed, NULL);
      g_ptr_array_set_size (self->choices, self->n_listed);
    }
  for (i = 0; i < self->choices->len; i++)
    if (filters_equal (g_ptr_array_index (self->choices, i), self->filter))
      break;
  /* A selection that is not in the list (a group with nobody on roll
   * today, say) joins the end of it, so the list always names what the
   * grid shows. */
  if (i == self->choices->len)
    {
      g_autofree char *text = att_grid_filter_describe (self->filter);

      g_ptr_array_add (self->choices, att_grid_filter_copy (self->filter));
      gtk_string_list_append (GTK_STRING_LIST (strings), text);
    }
  gtk_drop_down_set_selected (self->selection_dropdown, i);
  self->updating_choices = FALSE;
}

static void
fill_choices (AttRegisterPage *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GArray) years = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_auto(GStrv) groups = NULL;

  g_ptr_array_set_size (self->choices, 0);
  if (self->db != NULL)
    {
      AttDate today = att_date_today ();

      groups = att_grid_list_groups (self->db, today);
      years = att_grid_list_years (self->db, today);
      saved = att_grid_filters_load (self->db, NULL);

      for (guint i = 0; groups[i] != NULL; i++)
        g_ptr_array_add (self->choices, att_grid_filter_new_group (groups[i]));
      for (guint i = 0; i < years->len; i++)
        g_ptr_array_add (self->choices, att_grid_filter_new_year (g_array_index (years, int, i)));
      g_ptr_array_add (self->choices, att_grid_filter_new ());
      for (guint i = 0; saved != NULL && i < saved->len; i++)
        g_ptr_array_add (self->choices, att_grid_filter_copy (g_ptr_array_index (saved, i)));
    }

  for (guint i = 0; i < self->choices->len; i++)
    {
      g_autofree char *text = att_grid_filter_describe (g_ptr_array_index (self->choices, i));
      gtk_string_list_append (strings, text);
    }
  self->n_listed = self->choices->len;

  self->updating_choices = TRUE;
  gtk_drop_down_set_model (self->selection_dropdown, G_LIST_MODEL (strings));
  self->updating_choices = FALSE;
  select_choice (self);
}

static void
on_choice_selected (GtkDropDown     *dropdown,
                    GParamSpec      *pspec,
                    AttRegisterPage *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->updating_choices || i >= self->choices->len)
    return;
  att_register_page_show (self, g_ptr_array_index (self->choices, i), self->date, self->week);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
att_register_page_show (AttRegisterPage     *self,
                        const AttGridFilter *filter,
                        AttDate              date,
                        gboolean             week)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));

  if (filter != NULL && filter != self->filter)
    {
      att_grid_filter_free (self->filter);
      self->filter = att_grid_filter_copy (filter);
    }
  /* A day view of a weekend shows the Friday before. */
  if (!week)
    while (att_date_weekday (date) > 5)
      date--;
  self->date = date;
  if (self->week != week)
    {
      self->week = week;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
    }
  select_choice (self);
  update_filter_actions (self);
  save_view (self);
  reload (self);
}

gboolean
att_register_page_focus_pupil (AttRegisterPage *self,
                               gint64           pupil_id)
{
  guint n;

  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);

  /* A name typed in the search bar could hide the pupil. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_filter_changed (GTK_FILTER (self->name_filter), GTK_FILTER_CHANGE_LESS_STRICT);
    }

  n = n_shown (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttRegisterRow) row = row_at (self, i);
      AttPupil *pupil = att_register_row_get_pupil (row);

      if (pupil != NULL && pupil->id == pupil_id)
        {
          att_register_page_set_cursor_internal (self, i, self->cursor_col, FALSE);
          gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Missing registers                                                  */
/* ------------------------------------------------------------------ */

static void
on_missing_group_clicked (GtkButton       *button,
                          AttRegisterPage *self)
{
  g_autoptr(AttGridFilter) filter = att_grid_filter_new_group (g_object_get_data (G_OBJECT (button), "group"));

  gtk_menu_button_popdown (self->missing_button);
  att_register_page_show (self, filter, att_date_today (), self->week);
}

static gboolean
update_missing (gpointer user_data)
{
  AttRegisterPage *self = user_data;
  AttDate today = att_date_today ();
  AttSession session = session_now (self);
  g_autoptr(GArray) still_n = NULL;
  GtkWidget *box, *popover;
  guint n_missing;

  self->missing_idle_id = 0;
  g_clear_pointer (&self->missing, g_ptr_array_unref);
  if (self->db == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->missing_button), FALSE);
      return G_SOURCE_REMOVE;
    }

  self->missing = att_grid_incomplete_registers (self->db, today, session, NULL);
  still_n = att_grid_pupils_still_n (self->db, today, session, today, clock_now (), NULL);
  n_missing = self->missing != NULL ? self->missing->len : 0;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  if (n_missing > 0)
    {
      GtkWidget *heading = gtk_label_new (_("Registers not complete"));
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_box_append (GTK_BOX (box), heading);
    }
  for (guint i = 0; i < n_missing; i++)
    {
      AttRegisterStatus *status = g_ptr_array_index (self->missing, i);
      g_autofree char *text = g_strdup_printf (_("%s: %u of %u marked"), status->group,
                                               status->marked, status->on_roll);
      GtkWidget *button = gtk_button_new_with_label (text);

      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "group", g_strdup (status->group), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_missing_group_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  if (still_n != NULL && still_n->len > 0)
    {
      GtkWidget *heading = gtk_label_new (_("Still N after the register closed"));
      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_widget_set_margin_top (heading, 8);
      gtk_box_append (GTK_BOX (box), heading);
      for (guint i = 0; i < still_n->len && i < 30; i++)
        {
          AttPupil *pupil = att_pupils_get (self->db, g_array_index (still_n, gint64, i));
          g_autofree char *text = NULL;
          GtkWidget *label;

          if (pupil == NULL)
            continue;
          text = g_strdup_printf ("%s (%s)", att_pupil_get_display_name (pupil), pupil->reg_group);
          label = gtk_label_new (text);
          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_box_append (GTK_BOX (box), label);
        }
      if (still_n->len > 30)
        {
          g_autofree char *more = g_strdup_printf (_("and %u more"), still_n->len - 30);
          gtk_box_append (GTK_BOX (box), gtk_label_new (more));
        }
    }

  if (n_missing > 0 || (still_n != NULL && still_n->len > 0))
    {
      guint n_still = still_n != NULL ? still_n->len : 0;
      g_autofree char *label = NULL;

      g_autofree char *tooltip = NULL;
      GtkWidget *scroller;

      /* The button stays short so the toolbar fits beside the sidebar;
       * its tooltip and popover say it in full. */
      if (n_missing > 0 && n_still > 0)
        {
          /* Translators: a short button label: registers not complete, and pupils still N */
          label = g_strdup_printf (_("%u Incomplete, %u N"), n_missing, n_still);
          /* Translators: the tooltip of the button above */
          tooltip = g_strdup_printf (_("Registers not complete: %u. Pupils still N after the register closed: %u."),
                                     n_missing, n_still);
        }
      else if (n_missing > 0)
        {
          /* Translators: a short button label: the number of registers not complete */
          label = g_strdup_printf (_("%u Incomplete"), n_missing);
          tooltip = g_strdup_printf (ngettext ("%u register not complete for this session",
                                               "%u registers not complete for this session", n_missing),
                                     n_missing);
        }
      else
        {
          /* Translators: a short button label: the number of pupils still marked N */
          label = g_strdup_printf (_("%u Still N"), n_still);
          tooltip = g_strdup_printf (ngettext ("%u pupil still N after the register closed",
                                               "%u pupils still N after the register closed", n_still),
                                     n_still);
        }
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
      popover = gtk_popover_new ();
      gtk_popover_set_child (GTK_POPOVER (popover), scroller);
      gtk_menu_button_set_popover (self->missing_button, popover);
      gtk_menu_button_set_label (self->missing_button, label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->missing_button), tooltip);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_button), TRUE);
    }
  else
    {
      g_object_ref_sink (box);
      g_object_unref (box);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_button), FALSE);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_missing (AttRegisterPage *self)
{
  if (self->missing_idle_id == 0)
    self->missing_idle_id = g_timeout_add (300, update_missing, self);
}

GPtrArray *
att_register_page_get_missing (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);

  g_clear_handle_id (&self->missing_idle_id, g_source_remove);
  update_missing (self);
  return self->missing;
}

/* ------------------------------------------------------------------ */
/* Printing                                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  AttRegisterSheet  sheet;
  AttGrid          *grid;
  char             *school;
  char             *title;
  char             *footer;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_pointer (&data->grid, att_grid_unref);
  g_free (data->school);
  g_free (data->title);
  g_free (data->footer);
  g_free (data);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  gtk_print_operation_set_n_pages (operation,
                                   att_register_sheet_count_pages (&data->sheet,
                                                                   gtk_print_context_get_width (context),
                                                                   gtk_print_context_get_height (context)));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintData         *data)
{
  att_register_sheet_draw_page (&data->sheet, gtk_print_context_get_cairo_context (context),
                                gtk_print_context_get_width (context),
                                gtk_print_context_get_height (context), page);
}

static gboolean
run_print (AttRegisterPage          *self,
           GtkPrintOperationAction   action,
           const char               *path,
           GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *what = NULL;
  g_autofree char *monday = NULL;
  g_autofree char *stamp = NULL;
  const AttUser *user = get_user (self);
  PrintData *data;
  GtkPrintOperationResult result;

  if (self->db == NULL)
    return FALSE;

  data = g_new0 (PrintData, 1);
  /* Whatever the view, the printed register is the week. */
  data->grid = build_grid (self, TRUE, error);
  if (data->grid == NULL)
    {
      print_data_free (data);
      return FALSE;
    }
  what = att_grid_filter_describe (self->filter);
  monday = att_date_format_long (att_date_monday (self->date));
  data->school = self->school != NULL && self->school->name != NULL ? g_strdup (self->school->name) : NULL;
  /* Translators: the title of a printed register: "7A, week beginning Mon 9 Sep 2024" */
  data->title = g_strdup_printf (_("%s, week beginning %s"), what, monday);
  stamp = g_date_time_format (now, "%-d %b %Y %H:%M");
  /* Translators: "Printed by Olive Officer on 9 Sep 2024 10:12" */
  data->footer = g_strdup_printf (_("Printed by %s on %s"), user != NULL ? user->name : _("nobody signed in"),
                                  stamp);
  data->sheet.grid = data->grid;
  data->sheet.school = data->school;
  data->sheet.title = data->title;
  data->sheet.footer = data->footer;

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, data->title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  if (path != NULL)
    gtk_print_operation_set_export_filename (operation, path);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), data);

  result = gtk_print_operation_run (operation, action, get_window (self), error);
  print_data_free (data);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
att_register_page_export_pdf (AttRegisterPage  *self,
                              const char       *path,
                              GError          **error)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return run_print (self, GTK_PRINT_OPERATION_ACTION_EXPORT, path, error);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    AttRegisterPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        {
          if (att_register_page_export_pdf (self, path, &error))
            show_toast (self, _("The register was saved as PDF"));
          else
            show_message (self, error != NULL ? error->message : _("The PDF could not be written"));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* ------------------------------------------------------------------ */
/* Actions                                                            */
/* ------------------------------------------------------------------ */

static void
action_mark_all_present (GtkWidget  *widget,
                         const char *name,
                         GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  AttGrid *grid = get_grid (self);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const AttGridColumn *column;
  guint written = 0;
  guint n = n_shown (self);

  if (grid == NULL || att_grid_get_n_columns (grid) == 0 || !check_user (self))
    return;
  column = att_grid_get_column (grid, self->cursor_col);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint p = 0; p < n; p++)
    {
      g_autoptr(AttRegisterRow) row = row_at (self, p);
      gint64 id = att_grid_get_pupil_id (grid, att_register_row_get_index (row));
      g_array_append_val (ids, id);
    }

  self->writing = TRUE;
  if (!att_grid_mark_all_present (self->db, get_user (self), (const gint64 *)(gpointer)ids->data,
                                  ids->len, column->date, column->session, self->undo,
                                  &written, &error))
    {
      self->writing = FALSE;
      show_message (self, error->message);
      return;
    }
  self->writing = FALSE;
  att_register_model_refresh (self->model);
  {
    g_autofree char *when = describe_session (column->date, column->session);
    g_autofree char *text = g_strdup_printf (ngettext ("%s: %u pupil marked present",
                                                       "%s: %u pupils marked present", written),
                                             when, written);
    show_toast (self, text);
  }
  after_write (self);
}

static void
action_fill (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  if (param != NULL && g_variant_is_of_type (param, G_VARIANT_TYPE_STRING)
      && *g_variant_get_string (param, NULL) != '\0')
    {
      commit_text (self, g_variant_get_string (param, NULL), FALSE);
      return;
    }
  /* Without a code: pick one from the palette for the selection. */
  gtk_widget_activate_action (widget, "register.palette", NULL);
}

static void
action_close (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  AttGrid *grid = get_grid (self);
  g_autoptr(PendingWrite) w = NULL;
  const AttGridColumn *first, *last;
  guint c0, c1;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *body = NULL;

  if (grid == NULL || att_grid_get_n_columns (grid) == 0 || !check_user (self))
    return;
  c0 = self->has_selection ? MIN (self->anchor_col, self->cursor_col) : self->cursor_col;
  c1 = self->has_selection ? MAX (self->anchor_col, self->cursor_col) : self->cursor_col;
  first = att_grid_get_column (grid, c0);
  last = att_grid_get_column (grid, c1);

  w = g_new0 (PendingWrite, 1);
  w->kind = WAIT_CLOSURE;
  w->date = first->date;
  w->last = last->date;
  /* Whole days, or a single session. */
  if (c0 == c1)
    w->closure_session = first->session;
  else if (first->session == ATT_SESSION_AM && last->session == ATT_SESSION_PM)
    w->closure_session = -1;
  else
    {
      show_message (self, _("A closure is whole days or a single session: select from a morning "
                            "to an afternoon, or one session"));
      return;
    }

  from = describe_session (first->date, first->session);
  to = describe_session (last->date, last->session);
  body = c0 == c1
    ? g_strdup_printf (_("%s becomes # for every pupil in the school calendar."), from)
    /* Translators: a closure from one session to another */
    : g_strdup_printf (_("From %s to %s becomes # for every pupil in the school calendar."), from, to);
  ask_reason (self, g_steal_pointer (&w), _("Add a Planned Closure?"), body, _("_Add Closure"));
}

static void
action_undo (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;

  if (self->db == NULL || !att_grid_undo_can_undo (self->undo) || !check_user (self))
    return;
  what = att_grid_undo_describe (self->undo);
  self->writing = TRUE;
  if (!att_grid_undo (self->undo, self->db, get_user (self), &error))
    {
      self->writing = FALSE;
      show_message (self, error->message);
      return;
    }
  self->writing = FALSE;
  att_register_model_refresh (self->model);
  {
    /* Translators: %s says what was undone, "V for 4 sessions" */
    g_autofree char *text = g_strdup_printf (_("Undone: %s"), what);
    show_toast (self, text);
  }
  after_write (self);
}

static void
on_filter_saved (AttFilterDialog     *dialog,
                 const AttGridFilter *filter,
                 AttRegisterPage     *self)
{
  g_autofree char *text = NULL;

  fill_choices (self);
  att_register_page_show (self, filter, self->date, self->week);
  /* Translators: %s is the name of a saved register filter */
  text = g_strdup_printf (_("“%s” saved"), filter->name);
  show_toast (self, text);
}

static void
on_filter_dialog_destroy (AttFilterDialog *dialog,
                          AttRegisterPage *self)
{
  if (self->filter_dialog == dialog)
    {
      self->filter_dialog = NULL;
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
open_filter_dialog (AttRegisterPage     *self,
                    const AttGridFilter *filter)
{
  if (self->filter_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->filter_dialog));

  self->filter_dialog = att_filter_dialog_new (get_window (self), self->db, get_user (self), filter);
  g_signal_connect (self->filter_dialog, "saved", G_CALLBACK (on_filter_saved), self);
  g_signal_connect (self->filter_dialog, "destroy", G_CALLBACK (on_filter_dialog_destroy), self);
  gtk_window_present (GTK_WINDOW (self->filter_dialog));
}

static void
action_new_filter (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  g_autoptr(AttGridFilter) start = NULL;

  if (self->db == NULL)
    return;
  /* A new filter starts from what is on screen (Year 9, say), so adding
   * one condition to it is one change. */
  start = att_grid_filter_copy (self->filter);
  g_clear_pointer (&start->name, g_free);
  open_filter_dialog (self, start);
}

static void
action_edit_filter (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  if (self->db == NULL || self->filter->name == NULL)
    return;
  open_filter_dialog (self, self->filter);
}

/* Removes the saved filter called @name and shows the whole school. */
static gboolean
delete_saved_filter (AttRegisterPage *self,
                     const char      *name)
{
  g_autoptr(GPtrArray) filters = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttGridFilter) school = att_grid_filter_new ();
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *text = NULL;

  if (!check_user (self))
    return FALSE;
  filters = att_grid_filters_load (self->db, &error);
  if (filters != NULL)
    for (guint i = 0; i < filters->len; i++)
      {
        const AttGridFilter *filter = g_ptr_array_index (filters, i);
        g_autofree char *other = g_utf8_casefold (filter->name != NULL ? filter->name : "", -1);

        if (strcmp (folded, other) == 0)
          {
            g_ptr_array_remove_index (filters, i);
            break;
          }
      }
  if (filters == NULL || !att_grid_filters_save (self->db, get_user (self), filters, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }

  fill_choices (self);
  att_register_page_show (self, school, self->date, self->week);
  /* Translators: %s is the name of a saved register filter */
  text = g_strdup_printf (_("“%s” deleted"), name);
  show_toast (self, text);
  return TRUE;
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AttRegisterPage  *self)
{
  if (g_strcmp0 (response, "delete") == 0)
    delete_saved_filter (self, g_object_get_data (G_OBJECT (dialog), "filter-name"));
  if (self->delete_dialog == dialog)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->delete_dialog);
      self->delete_dialog = NULL;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
action_delete_filter (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->db == NULL || self->filter->name == NULL)
    return;
  if (self->delete_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->delete_dialog));

  /* Translators: %s is the name of a saved register filter */
  heading = g_strdup_printf (_("Delete Saved Filter “%s”?"), self->filter->name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading,
                                                       _("It goes from the list of groups for "
                                                         "everyone. No pupil or mark is changed.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "filter-name", g_strdup (self->filter->name), g_free);
  self->delete_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->delete_dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_palette_code (AttCodePalette  *palette,
                 const char      *code,
                 AttRegisterPage *self)
{
  set_pending (self, NULL);
  commit_text (self, code, !selection_is_multiple (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
action_palette (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  GdkRectangle rect;

  if (get_grid (self) == NULL)
    return;
  set_pending (self, NULL);
  cell_rect (self, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->palette), &rect);
  gtk_popover_popup (GTK_POPOVER (self->palette));
}

GtkWidget *
att_register_page_show_history (AttRegisterPage *self)
{
  AttGrid *grid;
  const AttGridColumn *column;
  g_autoptr(GError) error = NULL;
  GdkRectangle rect;

  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);

  grid = get_grid (self);
  if (grid == NULL || self->cursor_row == NULL)
    return NULL;
  column = att_grid_get_column (grid, self->cursor_col);
  if (!att_mark_history_popover_load (ATT_MARK_HISTORY_POPOVER (self->history), self->db,
                                      att_register_row_get_pupil (self->cursor_row),
                                      column->date, column->session, &error))
    {
      show_message (self, error->message);
      return NULL;
    }
  cell_rect (self, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->history), &rect);
  gtk_popover_popup (GTK_POPOVER (self->history));
  return self->history;
}

static void
action_history (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  att_register_page_show_history (ATT_REGISTER_PAGE (widget));
}

static void
action_print (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!run_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) && error != NULL)
    show_message (self, error->message);
}

static void
action_export_pdf (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *what = NULL;
  g_autofree char *monday = NULL;
  g_autofree char *suggested = NULL;

  if (self->db == NULL)
    return;
  what = att_grid_filter_describe (self->filter);
  g_strdelimit (what, "/\\:*?\"<>|, ", '-');
  monday = att_date_format (att_date_monday (self->date));
  suggested = g_strdup_printf ("register-%s-%s.pdf", what, monday);

  chooser = gtk_file_chooser_native_new (_("Export the Register as PDF"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static AttDate
step_date (AttDate  date,
           gboolean week,
           int      direction)
{
  if (week)
    return date + 7 * direction;
  do
    date += direction;
  while (att_date_weekday (date) > 5);
  return date;
}

static void
action_previous (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, step_date (self->date, self->week, -1), self->week);
}

static void
action_next (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, step_date (self->date, self->week, 1), self->week);
}

static void
action_today (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, att_date_today (), self->week);
}

static void
action_day_mode (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, self->date, FALSE);
}

static void
action_week_mode (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  att_register_page_show (self, NULL, self->date, TRUE);
}

static void
action_dismiss (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  hide_message (ATT_REGISTER_PAGE (widget));
}

static void
action_search (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

const AttGridFilter *
att_register_page_get_filter (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->filter;
}

AttDate
att_register_page_get_date (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), ATT_DATE_NONE);
  return self->date;
}

gboolean
att_register_page_get_week (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);
  return self->week;
}

/* ------------------------------------------------------------------ */
/* The database                                                       */
/* ------------------------------------------------------------------ */

static void
on_db_changed (AttDb           *db,
               guint            changes,
               AttRegisterPage *self)
{
  if (changes & (ATT_CHANGE_PUPILS | ATT_CHANGE_CALENDAR))
    {
      fill_choices (self);
      reload (self);
    }
  else if (changes & ATT_CHANGE_SETTINGS)
    {
      g_clear_pointer (&self->school, att_school_free);
      self->school = att_school_load (self->db);
      fill_choices (self);
      /* A saved filter on screen that was changed or deleted elsewhere
       * shows as it is stored now, or gives way to the whole school. */
      if (self->filter->name != NULL)
        {
          const AttGridFilter *saved = find_saved (self, self->filter->name);
          g_autoptr(AttGridFilter) school = att_grid_filter_new ();

          if (saved == NULL)
            att_register_page_show (self, school, self->date, self->week);
          else if (!filters_equal (saved, self->filter))
            att_register_page_show (self, saved, self->date, self->week);
        }
    }
  else if ((changes & ATT_CHANGE_MARKS) && !self->writing)
    /* Marks written elsewhere (another page): reload what is shown. */
    att_register_model_refresh (self->model);

  if (changes & ATT_CHANGE_MARKS)
    schedule_missing (self);
}

static AttGridFilter *
initial_filter (AttRegisterPage *self)
{
  g_autofree char *saved = NULL;
  AttGridFilter *filter = NULL;

  if (self->settings != NULL)
    saved = g_settings_get_string (self->settings, "register-group");
  if (saved != NULL && *saved != '\0')
    filter = att_grid_filter_parse (saved, NULL);
  /* A remembered saved filter opens as it is saved now: it may have been
   * changed since, or deleted (then the whole school is shown). */
  if (filter != NULL && filter->name != NULL)
    {
      const AttGridFilter *current = find_saved (self, filter->name);

      att_grid_filter_free (filter);
      filter = current != NULL ? att_grid_filter_copy (current) : att_grid_filter_new ();
    }
  if (filter == NULL && self->choices->len > 0)
    filter = att_grid_filter_copy (g_ptr_array_index (self->choices, 0));
  if (filter == NULL)
    filter = att_grid_filter_new ();
  return filter;
}

void
att_register_page_set_db (AttRegisterPage *self,
                          AttDb           *db)
{
  g_autoptr(AttGridFilter) filter = NULL;
  gboolean week = FALSE;

  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));
  g_return_if_fail (db == NULL || ATT_IS_DB (db));

  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  g_set_object (&self->db, db);
  g_clear_pointer (&self->school, att_school_free);
  if (db != NULL)
    {
      self->db_changed_id = g_signal_connect (db, "changed", G_CALLBACK (on_db_changed), self);
      self->school = att_school_load (db);
    }

  fill_choices (self);
  filter = initial_filter (self);
  if (self->settings != NULL)
    {
      g_autofree char *mode = g_settings_get_string (self->settings, "register-mode");
      week = g_strcmp0 (mode, "week") == 0;
    }
  att_register_page_show (self, filter, att_date_today (), week);
  schedule_missing (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}

AttDb *
att_register_page_get_db (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->db;
}

void
att_register_page_set_user (AttRegisterPage *self,
                            const AttUser   *user)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));

  g_clear_pointer (&self->user, att_user_free);
  self->user = user != NULL ? att_user_copy (user) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

/* ------------------------------------------------------------------ */
/* Private accessors                                                  */
/* ------------------------------------------------------------------ */

AttRegisterModel *
att_register_page_get_model (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->model;
}

GListModel *
att_register_page_get_view_model (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

GtkColumnView *
att_register_page_get_column_view (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->column_view;
}

AdwStatusPage *
att_register_page_get_empty_page (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->grid_stack), "empty") != 0)
    return NULL;
  return self->empty_page;
}

GtkEditable *
att_register_page_get_search_entry (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

AttAmendDialog *
att_register_page_get_amend_dialog (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->amend_dialog;
}

AttFilterDialog *
att_register_page_get_filter_dialog (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->filter_dialog;
}

AdwMessageDialog *
att_register_page_get_delete_dialog (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->delete_dialog;
}

const char *
att_register_page_get_message (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->message;
}

GtkPopover *
att_register_page_get_late_popover (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->late_popover;
}

void
att_register_page_set_late_minutes (AttRegisterPage *self,
                                    int              minutes,
                                    const char      *reason)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));

  gtk_spin_button_set_value (self->late_spin, minutes);
  gtk_editable_set_text (GTK_EDITABLE (self->late_reason), reason != NULL ? reason : "");
  update_late (self);
}

AttCode
att_register_page_get_late_code (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), ATT_CODE_NONE);
  return late_code_for (self, gtk_spin_button_get_value_as_int (self->late_spin));
}

GtkWidget *
att_register_page_get_palette (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->palette;
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */
/* ------------------------------------------------------------------ */

static void
att_register_page_dispose (GObject *object)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (object);

  g_clear_handle_id (&self->missing_idle_id, g_source_remove);
  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  if (self->amend_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->amend_dialog), (gpointer *)&self->amend_dialog);
      g_signal_handlers_disconnect_by_data (self->amend_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->amend_dialog));
      self->amend_dialog = NULL;
    }
  if (self->filter_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->filter_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->filter_dialog));
      self->filter_dialog = NULL;
    }
  if (self->delete_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->delete_dialog), (gpointer *)&self->delete_dialog);
      g_signal_handlers_disconnect_by_data (self->delete_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->delete_dialog));
      self->delete_dialog = NULL;
    }
  if (self->late_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->late_popover));
      self->late_popover = NULL;
    }
  g_clear_pointer (&self->palette, gtk_widget_unparent);
  g_clear_pointer (&self->history, gtk_widget_unparent);
  g_clear_object (&self->cursor_row);
  g_clear_pointer (&self->selected_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_REGISTER_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->name_filter);
  g_clear_object (&self->model);
  g_clear_pointer (&self->session_columns, g_ptr_array_unref);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (att_register_page_parent_class)->dispose (object);
}

static void
att_register_page_finalize (GObject *object)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (object);

  g_clear_pointer (&self->user, att_user_free);
  g_clear_pointer (&self->school, att_school_free);
  g_clear_pointer (&self->filter, att_grid_filter_free);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->undo, att_grid_undo_free);
  g_clear_pointer (&self->waiting, pending_write_free);
  g_clear_pointer (&self->missing, g_ptr_array_unref);
  g_free (self->message);
  g_free (self->subtitle);
  g_free (self->needle_text);
  g_free (self->needle);

  G_OBJECT_CLASS (att_register_page_parent_class)->finalize (object);
}

static void
att_register_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    case PROP_USER:
      g_value_set_boxed (value, self->user);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_MODE:
      g_value_set_string (value, self->week ? "week" : "day");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_register_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      att_register_page_set_db (self, g_value_get_object (value));
      break;
    case PROP_USER:
      att_register_page_set_user (self, g_value_get_boxed (value));
      break;
    case PROP_MODE:
      {
        gboolean week = g_strcmp0 (g_value_get_string (value), "week") == 0;
        if (week != self->week)
          att_register_page_show (self, NULL, self->date, week);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_register_page_class_init (AttRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_register_page_dispose;
  object_class->finalize = att_register_page_finalize;
  object_class->get_property = att_register_page_get_property;
  object_class->set_property = att_register_page_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL, ATT_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_boxed ("user", NULL, NULL, ATT_TYPE_USER,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "day",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/att-register-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, selection_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, missing_button);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, grid_stack);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, status_label);

  gtk_widget_class_install_action (widget_class, "register.mark-all-present", NULL, action_mark_all_present);
  gtk_widget_class_install_action (widget_class, "register.fill", "s", action_fill);
  gtk_widget_class_install_action (widget_class, "register.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "register.close", NULL, action_close);
  gtk_widget_class_install_action (widget_class, "register.palette", NULL, action_palette);
  gtk_widget_class_install_action (widget_class, "register.history", NULL, action_history);
  gtk_widget_class_install_action (widget_class, "register.print", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "register.export-pdf", NULL, action_export_pdf);
  gtk_widget_class_install_action (widget_class, "register.previous", NULL, action_previous);
  gtk_widget_class_install_action (widget_class, "register.next", NULL, action_next);
  gtk_widget_class_install_action (widget_class, "register.today", NULL, action_today);
  gtk_widget_class_install_action (widget_class, "register.day-mode", NULL, action_day_mode);
  gtk_widget_class_install_action (widget_class, "register.week-mode", NULL, action_week_mode);
  gtk_widget_class_install_action (widget_class, "register.dismiss", NULL, action_dismiss);
  gtk_widget_class_install_action (widget_class, "register.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "register.new-filter", NULL, action_new_filter);
  gtk_widget_class_install_action (widget_class, "register.edit-filter", NULL, action_edit_filter);
  gtk_widget_class_install_action (widget_class, "register.delete-filter", NULL, action_delete_filter);
  gtk_widget_class_install_property_action (widget_class, "register.mode", "mode");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "register.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "register.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "register.mark-all-present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "register.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "register.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "register.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "register.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "register.day-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "register.week-mode", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "registerpage");
}

static void
att_register_page_init (AttRegisterPage *self)
{
  GtkEventController *keys;
  GtkSorter *sorter;
  AttApplication *app = att_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->filter = att_grid_filter_new ();
  self->date = att_date_today ();
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify)att_grid_filter_free);
  self->selected_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->session_columns = g_ptr_array_new ();
  self->undo = att_grid_undo_new ();

  if (app != NULL && att_application_get_settings (app) != NULL)
    self->settings = g_object_ref (att_application_get_settings (app));
  else
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, ATT_SETTINGS_SCHEMA, TRUE);
      if (schema != NULL)
        self->settings = g_settings_new (ATT_SETTINGS_SCHEMA);
    }

  /* The models: rows, sorted by the column view's sorter, filtered by
   * name as the office types. */
  self->model = att_register_model_new ();
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->model)),
                                              g_object_ref (sorter));
  self->name_filter = gtk_custom_filter_new (filter_by_name, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  GTK_FILTER (g_object_ref (self->name_filter)));
  g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (on_shown_rows_changed), self);
  self->selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  {
    g_autoptr(GtkColumnViewColumn) name = make_column (self, _("Pupil"), CELL_NAME, -1, NAME_WIDTH);
    g_autoptr(GtkColumnViewColumn) group = make_column (self, _("Group"), CELL_GROUP, -1, GROUP_WIDTH);
    g_autoptr(GtkColumnViewColumn) flags = make_column (self, _("Flags"), CELL_FLAGS, -1, FLAGS_WIDTH);
    /* Translators: year-to-date attendance, a column heading */
    g_autoptr(GtkColumnViewColumn) ytd = make_column (self, _("Year %"), CELL_YTD, -1, FIGURE_WIDTH);
    /* Translators: unauthorised sessions in the rolling ten school weeks */
    g_autoptr(GtkColumnViewColumn) unauth = make_column (self, _("Unauth."), CELL_UNAUTH, -1, UNAUTH_WIDTH);

    gtk_column_view_append_column (self->column_view, name);
    gtk_column_view_append_column (self->column_view, group);
    gtk_column_view_append_column (self->column_view, flags);
    gtk_column_view_append_column (self->column_view, ytd);
    gtk_column_view_append_column (self->column_view, unauth);
    self->ytd_column = ytd;
    self->unauth_column = unauth;
  }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  /* Escape in the filter closes it, and closing it shows every pupil. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (self->selection_dropdown, "notify::selected", G_CALLBACK (on_choice_selected), self);

  self->palette = att_code_palette_new ();
  gtk_widget_set_parent (self->palette, GTK_WIDGET (self));
  g_signal_connect (self->palette, "code-chosen", G_CALLBACK (on_palette_code), self);
  self->history = att_mark_history_popover_new ();
  gtk_widget_set_parent (self->history, GTK_WIDGET (self));
  build_late_popover (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.undo", FALSE);
  update_filter_actions (self);
  update_status (self);
}

GtkWidget *
att_register_page_new (void)
{
  return g_object_new (ATT_TYPE_REGISTER_PAGE, NULL);
}
