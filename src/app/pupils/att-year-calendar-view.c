/* att-year-calendar-view.c: a pupil's school year at a glance, on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing is src/render's att_year_calendar_draw(), the one the
 * pupil's PDF uses, dark while libadwaita's style is. The widget adds
 * what a screen needs: a cursor on one session that the arrow keys move
 * (Left and Right a session, Up and Down a month), Enter, Space or a
 * click opening the register on that day with the pupil's row in focus,
 * a tooltip naming the session under the pointer, and the cursor's
 * session as what a screen reader says. Where each session is drawn is
 * asked of the drawing's own hit test (the layout lives in one place),
 * once for each size.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-year-calendar-view.h"
#include "att-year-calendar.h"

typedef struct
{
  float x1, y1, x2, y2;   /* x2 < x1 while the session is not drawn */
} Box;

struct _AttYearCalendarView
{
  GtkWidget     parent_instance;

  AttPupilYear *year;
  guint         cursor;     /* index into the year's sessions */
  Box          *boxes;      /* one per session, for boxes_width x boxes_height */
  int           boxes_width;
  int           boxes_height;
};

G_DEFINE_FINAL_TYPE (AttYearCalendarView, att_year_calendar_view, GTK_TYPE_WIDGET)

static const AttPupilYearSession *
get_sessions (AttYearCalendarView *self,
              guint               *n)
{
  *n = 0;
  if (self->year == NULL)
    return NULL;
  return att_pupil_year_get_sessions (self->year, n);
}

/* The index of (@date, @session), or -1: the sessions are in date
 * order, AM before PM. */
static int
find_session (AttYearCalendarView *self,
              AttDate              date,
              AttSession           session)
{
  guint n, lo = 0, hi;
  const AttPupilYearSession *sessions = get_sessions (self, &n);

  hi = n;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const AttPupilYearSession *s = &sessions[mid];

      if (s->date < date || (s->date == date && s->session < session))
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < n && sessions[lo].date == date && sessions[lo].session == session)
    return lo;
  return -1;
}

/* Where each session is drawn at the widget's size, asked of the hit
 * test every second pixel. */
static void
ensure_boxes (AttYearCalendarView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n;

  get_sessions (self, &n);
  if (self->boxes != NULL && width == self->boxes_width && height == self->boxes_height)
    return;
  g_clear_pointer (&self->boxes, g_free);
  self->boxes_width = width;
  self->boxes_height = height;
  if (self->year == NULL || n == 0 || width <= 0 || height <= 0)
    return;

  self->boxes = g_new (Box, n);
  for (guint i = 0; i < n; i++)
    self->boxes[i] = (Box) { G_MAXFLOAT, G_MAXFLOAT, -G_MAXFLOAT, -G_MAXFLOAT };
  for (int y = 0; y < height; y += 2)
    for (int x = 0; x < width; x += 2)
      {
        AttDate date;
        AttSession session;
        int index;
        Box *box;

        if (!att_year_calendar_hit (self->year, width, height, x, y, &date, &session))
          continue;
        index = find_session (self, date, session);
        if (index < 0)
          continue;
        box = &self->boxes[index];
        box->x1 = MIN (box->x1, x);
        box->y1 = MIN (box->y1, y);
        box->x2 = MAX (box->x2, x + 2);
        box->y2 = MAX (box->y2, y + 2);
      }
}

static gboolean
box_drawn (const Box *box)
{
  return box->x2 >= box->x1;
}

static char *
describe_session (AttYearCalendarView       *self,
                  const AttPupilYearSession *s)
{
  g_autofree char *day = att_date_format_long (s->date);
  const char *when = s->session == ATT_SESSION_AM ? _("morning") : _("afternoon");
  g_autofree char *what = NULL;

  if (!(s->flags & ATT_PUPIL_YEAR_ON_ROLL))
    what = g_strdup (_("not on roll"));
  else if (s->flags & ATT_PUPIL_YEAR_HOLIDAY)
    what = g_strdup (_("holiday"));
  else if (s->flags & ATT_PUPIL_YEAR_CLOSED)
    what = g_strdup (_("school closed"));
  else if (s->code != ATT_CODE_NONE)
    /* Translators: a code and what it means, "I, Illness (physical or mental)" */
    what = g_strdup_printf (_("%s, %s"), att_code_to_string (s->code), att_code_describe (s->code));
  else if (s->flags & ATT_PUPIL_YEAR_FUTURE)
    what = g_strdup (_("not yet taken"));
  else
    what = g_strdup (_("no mark"));

  /* Translators: a session of the year at a glance: "Tue 3 Mar 2026,
   * morning: I, Illness (physical or mental)" */
  return g_strdup_printf (_("%s, %s: %s"), day, when, what);
}

static void
update_accessible (AttYearCalendarView *self)
{
  g_autofree char *text = att_year_calendar_view_describe_cursor (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : _("The school year at a glance"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The arrow keys move from session to session; Enter opens the register on that day"),
                                  -1);
}

static void
move_cursor (AttYearCalendarView *self,
             guint                index)
{
  guint n;

  get_sessions (self, &n);
  if (index >= n || index == self->cursor)
    return;
  self->cursor = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The session drawn in the month above (@direction -1) or below (+1)
 * nearest the cursor's column. */
static int
vertical_neighbour (AttYearCalendarView *self,
                    int                  direction)
{
  guint n;
  const Box *here;
  double cx, cy, best_row = 0, best_dx = G_MAXDOUBLE;
  int best = -1;

  get_sessions (self, &n);
  ensure_boxes (self);
  if (self->boxes == NULL || self->cursor >= n || !box_drawn (&self->boxes[self->cursor]))
    return -1;
  here = &self->boxes[self->cursor];
  cx = (here->x1 + here->x2) / 2;
  cy = (here->y1 + here->y2) / 2;

  /* First the nearest row in that direction, then the nearest column in
   * it. */
  for (guint i = 0; i < n; i++)
    {
      const Box *box = &self->boxes[i];
      double y = (box->y1 + box->y2) / 2;

      if (!box_drawn (box) || (direction < 0 ? y >= cy - 1 : y <= cy + 1))
        continue;
      if (best < 0 || (direction < 0 ? y > best_row + 1 : y < best_row - 1))
        {
          best = i;
          best_row = y;
          best_dx = ABS ((box->x1 + box->x2) / 2 - cx);
        }
      else if (ABS (y - best_row) <= 1 && ABS ((box->x1 + box->x2) / 2 - cx) < best_dx)
        {
          best = i;
          best_dx = ABS ((box->x1 + box->x2) / 2 - cx);
        }
    }
  return best;
}

static void
open_register (AttYearCalendarView *self)
{
  guint n;
  const AttPupilYearSession *sessions = get_sessions (self, &n);

  if (self->cursor >= n)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-register-pupil-day", "(xi)",
                              att_pupil_year_get_pupil_id (self->year),
                              (gint32)sessions[self->cursor].date);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AttYearCalendarView   *self)
{
  guint n;
  int target;

  get_sessions (self, &n);
  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (self->cursor > 0)
        move_cursor (self, self->cursor - 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_cursor (self, self->cursor + 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      target = vertical_neighbour (self, keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1);
      if (target >= 0)
        move_cursor (self, target);
      return GDK_EVENT_STOP;
    case GDK_KEY_Home:
      move_cursor (self, 0);
      return GDK_EVENT_STOP;
    case GDK_KEY_End:
      move_cursor (self, n - 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      open_register (self);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
on_released (GtkGestureClick     *gesture,
             int                  n_press,
             double               x,
             double               y,
             AttYearCalendarView *self)
{
  if (att_year_calendar_view_click (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
att_year_calendar_view_query_tooltip (GtkWidget  *widget,
                                      int         x,
                                      int         y,
                                      gboolean    keyboard,
                                      GtkTooltip *tooltip)
{
  AttYearCalendarView *self = ATT_YEAR_CALENDAR_VIEW (widget);
  AttDate date;
  AttSession session;
  int index;
  g_autofree char *text = NULL;

  if (keyboard)
    {
      text = att_year_calendar_view_describe_cursor (self);
      if (text == NULL)
        return FALSE;
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  if (self->year == NULL
      || !att_year_calendar_hit (self->year, gtk_widget_get_width (widget),
                                 gtk_widget_get_height (widget), x, y, &date, &session)
      || (index = find_session (self, date, session)) < 0)
    return FALSE;
  {
    guint n;
    const AttPupilYearSession *sessions = get_sessions (self, &n);

    text = describe_session (self, &sessions[index]);
  }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
att_year_calendar_view_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  AttYearCalendarView *self = ATT_YEAR_CALENDAR_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  AttChartStyle style = { 0 };
  cairo_t *cr;

  if (self->year == NULL || width <= 0 || height <= 0)
    return;

  style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  att_year_calendar_draw (cr, self->year, width, height, &style);

  /* The keyboard's session, ringed in the accent colour. */
  if (gtk_widget_has_visible_focus (widget))
    {
      guint n;

      get_sessions (self, &n);
      ensure_boxes (self);
      if (self->boxes != NULL && self->cursor < n && box_drawn (&self->boxes[self->cursor]))
        {
          const Box *box = &self->boxes[self->cursor];

          if (style.dark)
            cairo_set_source_rgb (cr, 0.47, 0.68, 0.93);
          else
            cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
          cairo_set_line_width (cr, 2.0);
          cairo_rectangle (cr, box->x1 - 1.5, box->y1 - 1.5,
                           box->x2 - box->x1 + 3.0, box->y2 - box->y1 + 3.0);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static void
att_year_calendar_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 420;
      *natural = 820;
    }
  else
    {
      double width = for_size > 0 ? for_size : 820;

      *minimum = *natural = (int)ceil (att_year_calendar_height (width));
    }
}

static GtkSizeRequestMode
att_year_calendar_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
on_dark_changed (AdwStyleManager     *manager,
                 GParamSpec          *pspec,
                 AttYearCalendarView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_changed (AttYearCalendarView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
att_year_calendar_view_finalize (GObject *object)
{
  AttYearCalendarView *self = ATT_YEAR_CALENDAR_VIEW (object);

  g_clear_pointer (&self->year, att_pupil_year_unref);
  g_clear_pointer (&self->boxes, g_free);

  G_OBJECT_CLASS (att_year_calendar_view_parent_class)->finalize (object);
}

static void
att_year_calendar_view_class_init (AttYearCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = att_year_calendar_view_finalize;
  widget_class->snapshot = att_year_calendar_view_snapshot;
  widget_class->measure = att_year_calendar_view_measure;
  widget_class->get_request_mode = att_year_calendar_view_get_request_mode;
  widget_class->query_tooltip = att_year_calendar_view_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "yearcalendar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
att_year_calendar_view_init (AttYearCalendarView *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, 0);
  update_accessible (self);
}

GtkWidget *
att_year_calendar_view_new (void)
{
  return g_object_new (ATT_TYPE_YEAR_CALENDAR_VIEW, NULL);
}

void
att_year_calendar_view_set_year (AttYearCalendarView *self,
                                 AttPupilYear        *year)
{
  guint n;
  const AttPupilYearSession *sessions;

  g_return_if_fail (ATT_IS_YEAR_CALENDAR_VIEW (self));

  if (year != NULL)
    att_pupil_year_ref (year);
  g_clear_pointer (&self->year, att_pupil_year_unref);
  self->year = year;
  g_clear_pointer (&self->boxes, g_free);

  /* The cursor starts on the last session up to the year's as-of day:
   * the latest mark, where the office looks first. */
  self->cursor = 0;
  sessions = get_sessions (self, &n);
  for (guint i = 0; i < n; i++)
    if (!(sessions[i].flags & ATT_PUPIL_YEAR_FUTURE))
      self->cursor = i;

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

AttPupilYear *
att_year_calendar_view_get_year (AttYearCalendarView *self)
{
  g_return_val_if_fail (ATT_IS_YEAR_CALENDAR_VIEW (self), NULL);

  return self->year;
}

gboolean
att_year_calendar_view_get_cursor (AttYearCalendarView *self,
                                   AttDate             *date,
                                   AttSession          *session)
{
  guint n;
  const AttPupilYearSession *sessions;

  g_return_val_if_fail (ATT_IS_YEAR_CALENDAR_VIEW (self), FALSE);

  sessions = get_sessions (self, &n);
  if (self->cursor >= n)
    return FALSE;
  if (date != NULL)
    *date = sessions[self->cursor].date;
  if (session != NULL)
    *session = sessions[self->cursor].session;
  return TRUE;
}

gboolean
att_year_calendar_view_set_cursor (AttYearCalendarView *self,
                                   AttDate              date,
                                   AttSession           session)
{
  int index;

  g_return_val_if_fail (ATT_IS_YEAR_CALENDAR_VIEW (self), FALSE);

  index = find_session (self, date, session);
  if (index < 0)
    return FALSE;
  move_cursor (self, index);
  return TRUE;
}

char *
att_year_calendar_view_describe_cursor (AttYearCalendarView *self)
{
  guint n;
  const AttPupilYearSession *sessions;

  g_return_val_if_fail (ATT_IS_YEAR_CALENDAR_VIEW (self), NULL);

  sessions = get_sessions (self, &n);
  if (self->cursor >= n)
    return NULL;
  return describe_session (self, &sessions[self->cursor]);
}

gboolean
att_year_calendar_view_click (AttYearCalendarView *self,
                              double               x,
                              double               y)
{
  AttDate date;
  AttSession session;
  int index;

  g_return_val_if_fail (ATT_IS_YEAR_CALENDAR_VIEW (self), FALSE);

  if (self->year == NULL
      || !att_year_calendar_hit (self->year, gtk_widget_get_width (GTK_WIDGET (self)),
                                 gtk_widget_get_height (GTK_WIDGET (self)), x, y, &date, &session)
      || (index = find_session (self, date, session)) < 0)
    return FALSE;
  move_cursor (self, index);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  open_register (self);
  return TRUE;
}
