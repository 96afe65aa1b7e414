/* att-register-sessions.c: the session cells of one row of the register grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column view keeps some 200 rows of widgets, whatever is on screen.
 * With a widget (and a label in it) for every session, a whole school's
 * week held 2,000 of them and 50 MiB; this widget draws a row's sessions
 * itself. Each session is drawn with the style a widget of its own would
 * have: the style context is given the cell's classes for a moment, and
 * the background, the frame, the text and the outline are drawn from it,
 * so style.css stays the one place that says how a code looks, in the
 * light and the dark style alike. The text is laid out once per code and
 * kept.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attendance-core.h"
#include "att-code-palette.h"
#include "att-register-sessions.h"

struct _AttRegisterSessions
{
  GtkWidget       parent_instance;

  AttRegisterRow *row;
  gulong          revision_id;
  int             cell_width;
  char           *description;
  double          drag_x;
  double          drag_y;
};

G_DEFINE_FINAL_TYPE (AttRegisterSessions, att_register_sessions, GTK_TYPE_WIDGET)

enum {
  PRESSED,
  DRAGGED,
  LONG_PRESSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How one session is drawn and told. */
typedef struct
{
  char        text[32];
  const char *classes[10];
  guint       n_classes;
  const char *meaning;
  const char *reason;
} Look;

static gboolean
get_look (AttRegisterSessions *self,
          guint                column,
          Look                *look)
{
  AttRegisterRow *row = self->row;
  AttGrid *grid;
  guint index;
  AttCode code;
  guint flags;
  const char *group;
  gboolean overdue;

  look->n_classes = 0;
  look->text[0] = '\0';
  look->meaning = NULL;
  look->reason = NULL;
  if (row == NULL)
    return FALSE;
  grid = att_register_row_get_grid (row);
  if (column >= att_grid_get_n_columns (grid))
    return FALSE;
  index = att_register_row_get_index (row);
  code = att_grid_get_code (grid, index, column);
  flags = att_grid_get_flags (grid, index, column);
  group = att_code_palette_css_class (code);

  look->classes[look->n_classes++] = "register-cell";
  if (group != NULL)
    look->classes[look->n_classes++] = group;
  if (code != ATT_CODE_NONE)
    g_strlcpy (look->text, att_code_to_string (code), sizeof look->text);
  if (!(flags & ATT_GRID_CELL_SCHOOL))
    look->classes[look->n_classes++] = "no-session";
  if (!(flags & ATT_GRID_CELL_ON_ROLL))
    {
      look->classes[look->n_classes++] = "off-roll";
      g_strlcpy (look->text, "–", sizeof look->text);
    }
  /* A blank left after its register closed is a mark missed, not one
   * still to come: it is drawn, and described, differently. */
  overdue = code == ATT_CODE_NONE && (flags & ATT_GRID_CELL_ON_ROLL) && (flags & ATT_GRID_CELL_SCHOOL)
            && att_grid_get_column (grid, column)->overdue;
  if (overdue)
    look->classes[look->n_classes++] = "overdue";
  if (flags & ATT_GRID_CELL_AMENDED)
    look->classes[look->n_classes++] = "amended";
  if (att_register_row_is_selected (row, column))
    look->classes[look->n_classes++] = "selected";
  if (att_register_row_get_cursor (row) == (int)column)
    {
      look->classes[look->n_classes++] = "cursor";
      if (att_register_row_get_pending (row) != NULL)
        {
          g_snprintf (look->text, sizeof look->text, "%s…", att_register_row_get_pending (row));
          look->classes[look->n_classes++] = "pending";
        }
    }
  look->classes[look->n_classes] = NULL;

  /* A screen reader says what the code means, not "slash". */
  look->meaning = !(flags & ATT_GRID_CELL_ON_ROLL) ? _("Not on roll")
                  : code != ATT_CODE_NONE ? att_code_describe (code)
                  : (flags & ATT_GRID_CELL_SCHOOL) ? _("Not marked")
                  : _("No session");
  if (overdue)
    look->reason = _("The register for this session has closed without a mark");
  return TRUE;
}

static gboolean
look_has_class (const Look *look,
                const char *css_class)
{
  for (guint i = 0; i < look->n_classes; i++)
    if (g_strcmp0 (look->classes[i], css_class) == 0)
      return TRUE;
  return FALSE;
}

/* The headings of a grid's sessions for the accessible description
 * ("Mon AM"), kept for the grid last asked about: every row of a grid
 * has the same. */
static GPtrArray *headings;
static GArray *headings_for;   /* AttGridColumn the headings are of */

static const char *
heading (AttGrid *grid,
         guint    column)
{
  guint n = att_grid_get_n_columns (grid);
  gboolean same = headings_for != NULL && headings_for->len == n;

  for (guint i = 0; same && i < n; i++)
    {
      const AttGridColumn *a = att_grid_get_column (grid, i);
      const AttGridColumn *b = &g_array_index (headings_for, AttGridColumn, i);

      same = a->date == b->date && a->session == b->session;
    }
  if (!same)
    {
      g_clear_pointer (&headings, g_ptr_array_unref);
      g_clear_pointer (&headings_for, g_array_unref);
      headings = g_ptr_array_new_with_free_func (g_free);
      headings_for = g_array_sized_new (FALSE, FALSE, sizeof (AttGridColumn), n);
      for (guint i = 0; i < n; i++)
        {
          const AttGridColumn *info = att_grid_get_column (grid, i);
          g_autoptr(GDateTime) dt = NULL;
          g_autofree char *day = NULL;
          int y, m, d;

          att_date_to_ymd (info->date, &y, &m, &d);
          dt = g_date_time_new_local (y, m, d, 0, 0, 0);
          day = g_date_time_format (dt, "%a");
          g_array_append_val (headings_for, *info);
          /* Translators: a weekday and AM or PM, naming a session: "Mon AM" */
          g_ptr_array_add (headings, g_strdup_printf (_("%s %s"), day,
                                                      info->session == ATT_SESSION_AM ? _("AM") : _("PM")));
        }
    }
  return g_ptr_array_index (headings, column);
}

static void
update_description (AttRegisterSessions *self)
{
  GString *out = g_string_new (NULL);
  guint n = att_register_sessions_get_n_columns (self);

  for (guint i = 0; i < n; i++)
    {
      Look look;

      get_look (self, i, &look);
      if (out->len > 0)
        g_string_append (out, "; ");
      /* Translators: a session and what is marked in it: "Mon AM: Present (AM)" */
      g_string_append_printf (out, _("%s: %s"), heading (att_register_row_get_grid (self->row), i),
                              look.meaning);
      if (look.reason != NULL)
        g_string_append_printf (out, " (%s)", look.reason);
    }
  if (g_strcmp0 (out->str, self->description) == 0)
    {
      g_string_free (out, TRUE);
      return;
    }
  g_free (self->description);
  self->description = g_string_free (out, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description, -1);
}

/* Layouts of the codes, one for each text and face, shared by every
 * row; made again when the interface's font changes. */
static GHashTable *layouts;
static PangoFontDescription *layouts_font;

static PangoLayout *
get_layout (GtkWidget  *widget,
            const Look *look)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  /* The faces style.css gives: every code bold, an unauthorised one
   * heavier, an authorised one and one being typed in italics, and the
   * dash of a pupil off roll plain. */
  PangoWeight weight = look_has_class (look, "off-roll") ? PANGO_WEIGHT_NORMAL
                       : look_has_class (look, "code-unauthorised") ? PANGO_WEIGHT_ULTRAHEAVY
                       : PANGO_WEIGHT_BOLD;
  gboolean italic = look_has_class (look, "code-authorised") || look_has_class (look, "pending");
  g_autofree char *key = g_strdup_printf ("%d %d %s", weight, italic, look->text);
  PangoLayout *layout;

  if (layouts_font == NULL || font == NULL || !pango_font_description_equal (font, layouts_font))
    {
      g_clear_pointer (&layouts, g_hash_table_unref);
      g_clear_pointer (&layouts_font, pango_font_description_free);
      layouts_font = font != NULL ? pango_font_description_copy (font) : NULL;
    }
  if (layouts == NULL)
    layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  layout = g_hash_table_lookup (layouts, key);
  if (layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      layout = gtk_widget_create_pango_layout (widget, look->text);
      pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
      if (italic)
        pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      g_hash_table_insert (layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

void
att_register_sessions_get_cell_bounds (AttRegisterSessions *self,
                                       guint                column,
                                       graphene_rect_t     *bounds)
{
  g_return_if_fail (ATT_IS_REGISTER_SESSIONS (self));

  /* Each session's width less a pixel for the line between sessions,
   * as the column view draws between columns. */
  graphene_rect_init (bounds, column * self->cell_width, 0, self->cell_width - 1,
                      gtk_widget_get_height (GTK_WIDGET (self)));
}

/* One session, drawn as a widget with @look's classes would be drawn:
 * background, frame, text and, at the cursor, the outline. */
static void
draw_session (GtkWidget             *widget,
              GtkSnapshot           *snapshot,
              GtkStyleContext       *context,
              const Look            *look,
              const graphene_rect_t *cell)
{
  float x = cell->origin.x, width = cell->size.width, height = cell->size.height;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_save (context);
  for (guint c = 0; c < look->n_classes; c++)
    gtk_style_context_add_class (context, look->classes[c]);
  gtk_snapshot_render_background (snapshot, context, x, 0, width, height);
  gtk_snapshot_render_frame (snapshot, context, x, 0, width, height);
  if (look->text[0] != '\0')
    {
      PangoLayout *layout = get_layout (widget, look);
      PangoRectangle ink, logical;

      pango_layout_get_pixel_extents (layout, &ink, &logical);
      gtk_snapshot_render_layout (snapshot, context, x + (width - logical.width) / 2,
                                  (height - logical.height) / 2, layout);
    }
  if (look_has_class (look, "cursor"))
    gtk_snapshot_render_focus (snapshot, context, x, 0, width, height);
  gtk_style_context_restore (context);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
att_register_sessions_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  AttRegisterSessions *self = ATT_REGISTER_SESSIONS (widget);
  guint n = att_register_sessions_get_n_columns (self);
  int height = gtk_widget_get_height (widget);
  GtkStyleContext *context;

  if (n == 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t cell;
      Look look;

      if (!get_look (self, i, &look))
        continue;
      att_register_sessions_get_cell_bounds (self, i, &cell);
      /* A blank still to come is a plain .register-cell, which draws
       * nothing: most of a week's sessions early in the week. */
      if (look.n_classes > 1 || look.text[0] != '\0')
        draw_session (widget, snapshot, context, &look, &cell);
    }

  /* The lines between two sessions, as between the other columns. */
  gtk_style_context_save (context);
  gtk_style_context_add_class (context, "register-session-line");
  for (guint i = 1; i < n; i++)
    gtk_snapshot_render_background (snapshot, context, i * self->cell_width - 1, 0, 1, height);
  gtk_style_context_restore (context);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
att_register_sessions_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  AttRegisterSessions *self = ATT_REGISTER_SESSIONS (widget);

  /* The height is style.css's min-height for the widget. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = att_register_sessions_get_n_columns (self) * self->cell_width;
  else
    *minimum = *natural = 0;
}

static void
on_row_revision (AttRegisterRow      *row,
                 GParamSpec          *pspec,
                 AttRegisterSessions *self)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
att_register_sessions_new (int cell_width)
{
  AttRegisterSessions *self = g_object_new (ATT_TYPE_REGISTER_SESSIONS, NULL);

  self->cell_width = MAX (cell_width, 2);
  return GTK_WIDGET (self);
}

AttRegisterRow *
att_register_sessions_get_row (AttRegisterSessions *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_SESSIONS (self), NULL);

  return self->row;
}

void
att_register_sessions_set_row (AttRegisterSessions *self,
                               AttRegisterRow      *row)
{
  g_return_if_fail (ATT_IS_REGISTER_SESSIONS (self));
  g_return_if_fail (row == NULL || ATT_IS_REGISTER_ROW (row));

  if (self->row == row)
    return;

  if (self->row != NULL)
    g_clear_signal_handler (&self->revision_id, self->row);
  g_set_object (&self->row, row);
  if (self->row != NULL)
    {
      self->revision_id = g_signal_connect (self->row, "notify::revision",
                                            G_CALLBACK (on_row_revision), self);
      update_description (self);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
att_register_sessions_get_n_columns (AttRegisterSessions *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_SESSIONS (self), 0);

  return self->row != NULL ? att_grid_get_n_columns (att_register_row_get_grid (self->row)) : 0;
}

int
att_register_sessions_column_at (AttRegisterSessions *self,
                                 double               x)
{
  guint n;

  g_return_val_if_fail (ATT_IS_REGISTER_SESSIONS (self), -1);

  n = att_register_sessions_get_n_columns (self);
  if (x < 0 || n == 0)
    return -1;
  return (guint)(x / self->cell_width) < n ? (int)(x / self->cell_width) : -1;
}

char *
att_register_sessions_dup_text (AttRegisterSessions *self,
                                guint                column)
{
  Look look;

  g_return_val_if_fail (ATT_IS_REGISTER_SESSIONS (self), NULL);

  return get_look (self, column, &look) ? g_strdup (look.text) : NULL;
}

gboolean
att_register_sessions_has_class (AttRegisterSessions *self,
                                 guint                column,
                                 const char          *css_class)
{
  Look look;

  g_return_val_if_fail (ATT_IS_REGISTER_SESSIONS (self), FALSE);

  return get_look (self, column, &look) && look_has_class (&look, css_class);
}

const char *
att_register_sessions_get_meaning (AttRegisterSessions *self,
                                   guint                column)
{
  Look look;

  g_return_val_if_fail (ATT_IS_REGISTER_SESSIONS (self), NULL);

  return get_look (self, column, &look) ? look.meaning : NULL;
}

const char *
att_register_sessions_get_reason (AttRegisterSessions *self,
                                  guint                column)
{
  Look look;

  g_return_val_if_fail (ATT_IS_REGISTER_SESSIONS (self), NULL);

  return get_look (self, column, &look) ? look.reason : NULL;
}

const char *
att_register_sessions_get_description (AttRegisterSessions *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_SESSIONS (self), NULL);

  return self->description;
}

/* On a session of refused leave left blank or marked N, the code the
 * core suggests for an absence: G for a holiday, otherwise O. NULL when
 * there is nothing to suggest. */
static char *
refused_leave_hint (AttGrid *grid,
                    guint    index,
                    guint    column,
                    AttCode  code)
{
  const AttGridColumn *info = att_grid_get_column (grid, column);
  guint flags = att_grid_get_flags (grid, index, column);
  gint64 leave_id = 0;
  AttCode suggested;

  if (!(flags & ATT_GRID_CELL_SCHOOL) || !(flags & ATT_GRID_CELL_ON_ROLL))
    return NULL;
  if (code != ATT_CODE_NONE && att_code_info (code)->meaning != ATT_MEANING_UNAUTHORISED)
    return NULL;
  suggested = att_leave_suggest_code (att_grid_get_db (grid), att_grid_get_pupil_id (grid, index),
                                      info->date, info->session, &leave_id);
  if (suggested == ATT_CODE_NONE || suggested == code)
    return NULL;
  /* Translators: the request's number, then a code and what it means */
  return g_strdup_printf (_("Leave refused (request %" G_GINT64_FORMAT "): if absent, %s, %s"),
                          leave_id, att_code_to_string (suggested), att_code_describe (suggested));
}

char *
att_register_sessions_dup_tooltip (AttRegisterSessions *self,
                                   guint                column)
{
  AttGrid *grid;
  guint index;
  AttCode code;
  g_autofree char *leave = NULL;

  g_return_val_if_fail (ATT_IS_REGISTER_SESSIONS (self), NULL);

  if (column >= att_register_sessions_get_n_columns (self))
    return NULL;
  grid = att_register_row_get_grid (self->row);
  index = att_register_row_get_index (self->row);
  code = att_grid_get_code (grid, index, column);
  leave = refused_leave_hint (grid, index, column, code);
  /* The pointer is told what the code means too. */
  if (code != ATT_CODE_NONE && leave != NULL)
    return g_strdup_printf ("%s\n%s", att_code_describe (code), leave);
  if (code != ATT_CODE_NONE)
    return g_strdup (att_code_describe (code));
  return g_steal_pointer (&leave);
}

/* Tooltips are worked out when asked for, for the session under the
 * pointer, and last as long as the pointer stays in that session. */
static gboolean
att_register_sessions_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard,
                                     GtkTooltip *tooltip)
{
  AttRegisterSessions *self = ATT_REGISTER_SESSIONS (widget);
  int column = keyboard && self->row != NULL ? att_register_row_get_cursor (self->row)
                                             : att_register_sessions_column_at (self, x);
  g_autofree char *text = NULL;
  graphene_rect_t bounds;
  GdkRectangle area;

  if (column < 0)
    return FALSE;
  text = att_register_sessions_dup_tooltip (self, column);
  if (text == NULL)
    return FALSE;
  att_register_sessions_get_cell_bounds (self, column, &bounds);
  area = (GdkRectangle) { bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height };
  gtk_tooltip_set_tip_area (tooltip, &area);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_click_pressed (GtkGestureClick     *gesture,
                  int                  n_press,
                  double               x,
                  double               y,
                  AttRegisterSessions *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int column = att_register_sessions_column_at (self, x);

  if (column >= 0)
    g_signal_emit (self, signals[PRESSED], 0, column, button, state);
}

static void
on_long_pressed (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 AttRegisterSessions *self)
{
  int column = att_register_sessions_column_at (self, x);

  if (column >= 0)
    g_signal_emit (self, signals[LONG_PRESSED], 0, column);
}

static void
on_drag_begin (GtkGestureDrag      *gesture,
               double               x,
               double               y,
               AttRegisterSessions *self)
{
  GdkEventSequence *sequence = gtk_gesture_single_get_current_sequence (GTK_GESTURE_SINGLE (gesture));
  GdkEvent *event = gtk_gesture_get_last_event (GTK_GESTURE (gesture), sequence);
  GdkDevice *device = event != NULL ? gdk_event_get_device (event) : NULL;

  /* A finger dragged on a touch screen scrolls the grid. */
  if (device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = x;
  self->drag_y = y;
}

/* A drag with the primary button selects from where it began to the
 * session under the pointer, in this row or another. */
static void
on_drag_update (GtkGestureDrag      *gesture,
                double               dx,
                double               dy,
                AttRegisterSessions *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *view = gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW);
  graphene_point_t at = GRAPHENE_POINT_INIT (self->drag_x + dx, self->drag_y + dy), in_view;
  GtkWidget *picked;
  int column;

  if (view == NULL || !gtk_widget_compute_point (widget, view, &at, &in_view))
    return;
  picked = gtk_widget_pick (view, in_view.x, in_view.y, GTK_PICK_DEFAULT);
  if (picked != NULL && !ATT_IS_REGISTER_SESSIONS (picked))
    picked = gtk_widget_get_ancestor (picked, ATT_TYPE_REGISTER_SESSIONS);
  if (picked == NULL)
    return;
  if (!gtk_widget_compute_point (view, picked, &in_view, &at))
    return;
  column = att_register_sessions_column_at (ATT_REGISTER_SESSIONS (picked), at.x);
  if (column >= 0)
    g_signal_emit (self, signals[DRAGGED], 0, column, picked);
}

static void
att_register_sessions_dispose (GObject *object)
{
  AttRegisterSessions *self = ATT_REGISTER_SESSIONS (object);

  att_register_sessions_set_row (self, NULL);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (att_register_sessions_parent_class)->dispose (object);
}

static void
att_register_sessions_class_init (AttRegisterSessionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_register_sessions_dispose;
  widget_class->snapshot = att_register_sessions_snapshot;
  widget_class->measure = att_register_sessions_measure;
  widget_class->query_tooltip = att_register_sessions_query_tooltip;

  signals[PRESSED] =
    g_signal_new ("pressed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_UINT, GDK_TYPE_MODIFIER_TYPE);
  signals[DRAGGED] =
    g_signal_new ("dragged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, ATT_TYPE_REGISTER_SESSIONS);
  signals[LONG_PRESSED] =
    g_signal_new ("long-pressed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "registersessions");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
att_register_sessions_init (AttRegisterSessions *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();

  self->cell_width = 48;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  /* Any button: the page moves its cursor, and the secondary button
   * opens the mark's history. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  /* Holding a session on a touch screen opens its history. */
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_long_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}
