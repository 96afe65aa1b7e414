/* att-register-cell.c: one cell of the register grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column view recycles cells as the grid scrolls: a cell is made once
 * for its column and shows one row after another. The sessions are drawn
 * by one widget a row (att-register-sessions.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attendance-core.h"
#include "att-code-palette.h"
#include "att-register-cell.h"

#include "att-flags.h"

struct _AttRegisterCell
{
  GtkWidget            parent_instance;

  /* The text, drawn by the cell itself rather than by a label in it:
   * the grid makes some 1,000 cells (200 rows of 5 columns), and a label
   * a cell doubled their widgets and their memory. */
  char                *text;
  PangoLayout         *layout;   /* of the text, in the cell's font */
  float                xalign;
  gboolean             ellipsize;

  AttRegisterCellKind  kind;
  int                  column;
  AttRegisterRow      *row;
  gulong               revision_id;
};

G_DEFINE_FINAL_TYPE (AttRegisterCell, att_register_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_COLUMN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PRESSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The flags of the core's one vocabulary that fit the register's narrow
 * column: who the pupil is, not their figures or a note. */
char *
att_register_cell_flags_text (AttPupil *pupil)
{
  guint shown = (1u << ATT_FLAG_SOCIAL_WORKER) | (1u << ATT_FLAG_LOOKED_AFTER) |
                (1u << ATT_FLAG_EHC_PLAN) | (1u << ATT_FLAG_SEN_SUPPORT) |
                (1u << ATT_FLAG_FSM) | (1u << ATT_FLAG_EAL) | (1u << ATT_FLAG_YOUNG_CARER);

  return att_flags_format (att_pupil_flags (pupil, NULL, ATT_DATE_NONE) & shown, " ");
}

/* The flags of the register's column, in the core's words: who the pupil
 * is, and a leaver or a medical note first, where they are seen. */
static guint
cell_flags (AttGrid  *grid,
            guint     index,
            AttPupil *pupil)
{
  guint shown = (1u << ATT_FLAG_SOCIAL_WORKER) | (1u << ATT_FLAG_LOOKED_AFTER) |
                (1u << ATT_FLAG_EHC_PLAN) | (1u << ATT_FLAG_SEN_SUPPORT) |
                (1u << ATT_FLAG_FSM) | (1u << ATT_FLAG_EAL) | (1u << ATT_FLAG_YOUNG_CARER) |
                (1u << ATT_FLAG_MEDICAL);
  guint flags = att_pupil_flags (pupil, NULL, ATT_DATE_NONE) & shown;

  if (att_grid_has_left (grid, index))
    flags |= 1u << ATT_FLAG_LEFT;
  return flags;
}

/* The flags spelled out, one a line, in the core's words; a leaver's
 * date and a medical note in full. */
static char *
flags_tooltip (guint     flags,
               AttPupil *pupil)
{
  static const AttFlag order[] = { ATT_FLAG_LEFT, ATT_FLAG_MEDICAL, ATT_FLAG_SOCIAL_WORKER,
                                   ATT_FLAG_LOOKED_AFTER, ATT_FLAG_EHC_PLAN, ATT_FLAG_SEN_SUPPORT,
                                   ATT_FLAG_FSM, ATT_FLAG_EAL, ATT_FLAG_YOUNG_CARER };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const AttFlagInfo *info = att_flag_info (order[i]);
      g_autofree char *line = NULL;

      if (!(flags & (1u << order[i])))
        continue;
      if (order[i] == ATT_FLAG_LEFT)
        {
          g_autofree char *date = att_date_format_long (pupil->leaving);
          /* Translators: a flag's label and a date: "Left: Fri 6 Sep 2024" */
          line = g_strdup_printf (_("%s: %s"), info->description, date);
        }
      else if (order[i] == ATT_FLAG_MEDICAL)
        /* Translators: a flag's label and the pupil's medical note */
        line = g_strdup_printf (_("%s: %s"), info->description, pupil->medical_note);
      else
        line = g_strdup_printf ("%s: %s", info->label, info->description);
      g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", line);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static void
set_text (AttRegisterCell *self,
          const char      *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text, -1);
  /* A screen reader reads the text, as it would a label's. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
update (AttRegisterCell *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  AttRegisterRow *row = self->row;
  AttGrid *grid = att_register_row_get_grid (row);
  guint index = att_register_row_get_index (row);
  AttPupil *pupil = att_register_row_get_pupil (row);
  const char *classes[10];
  guint n = 0;
  char buffer[32];

  switch (self->kind)
    {
    case ATT_REGISTER_CELL_NAME:
      classes[n++] = "register-name";
      if (att_register_row_get_cursor (row) >= 0)
        classes[n++] = "cursor-row";
      if (att_grid_has_left (grid, index))
        classes[n++] = "leaver";
      classes[n] = NULL;
      gtk_widget_set_css_classes (widget, classes);
      set_text (self, att_pupil_get_display_name (pupil));
      break;

    case ATT_REGISTER_CELL_GROUP:
      set_text (self, pupil->reg_group ? pupil->reg_group : "");
      break;

    case ATT_REGISTER_CELL_FLAGS:
      {
        guint flags = cell_flags (grid, index, pupil);
        guint first = flags & ((1u << ATT_FLAG_LEFT) | (1u << ATT_FLAG_MEDICAL));
        g_autofree char *lead = att_flags_format (first, " ");
        g_autofree char *rest = att_flags_format (flags & ~first, " ");
        g_autofree char *text = NULL;

        /* A leaver and a medical note come first, where they are seen;
         * the medical flag is an alert, its tooltip the note. */
        text = lead[0] != '\0' && rest[0] != '\0' ? g_strdup_printf ("%s %s", lead, rest)
                                                   : g_strdup (lead[0] != '\0' ? lead : rest);
        set_text (self, text);
        if (flags & (1u << ATT_FLAG_MEDICAL))
          gtk_widget_add_css_class (widget, "medical");
        else
          gtk_widget_remove_css_class (widget, "medical");
      }
      break;

    case ATT_REGISTER_CELL_YTD:
      {
        const AttGridFigures *figures = att_grid_get_figures (grid, index);

        classes[n++] = "numeric";
        if (figures->persistent)
          classes[n++] = "persistent";
        classes[n] = NULL;
        gtk_widget_set_css_classes (widget, classes);
        if (figures->possible == 0)
          set_text (self, "–");
        else
          {
            /* Persistent and severe absence are also said in words, not
             * colour only, in the words of every other page. */
            if (figures->persistent)
              g_snprintf (buffer, sizeof buffer, "%.1f%% %s", figures->attendance_pct,
                          att_flag_info (figures->severe ? ATT_FLAG_SEVERE
                                                         : ATT_FLAG_PERSISTENT)->label);
            else
              g_snprintf (buffer, sizeof buffer, "%.1f%%", figures->attendance_pct);
            set_text (self, buffer);
          }
      }
      break;

    case ATT_REGISTER_CELL_UNAUTH:
      {
        const AttGridFigures *figures = att_grid_get_figures (grid, index);

        classes[n++] = "numeric";
        if (figures->unauthorised >= ATT_THRESHOLD_SESSIONS)
          classes[n++] = "threshold";
        classes[n] = NULL;
        gtk_widget_set_css_classes (widget, classes);
        g_snprintf (buffer, sizeof buffer, "%u", figures->unauthorised);
        set_text (self, buffer);
      }
      break;

    default:
      break;
    }
}

static void
on_row_revision (AttRegisterRow  *row,
                 GParamSpec      *pspec,
                 AttRegisterCell *self)
{
  update (self);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  AttRegisterCell *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  g_signal_emit (self, signals[PRESSED], 0, button, state);
}

GtkWidget *
att_register_cell_new (AttRegisterCellKind kind,
                       int                 column)
{
  return g_object_new (ATT_TYPE_REGISTER_CELL, "kind", kind, "column", column, NULL);
}

AttRegisterCellKind
att_register_cell_get_kind (AttRegisterCell *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_CELL (self), ATT_REGISTER_CELL_NAME);

  return self->kind;
}

int
att_register_cell_get_column (AttRegisterCell *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_CELL (self), -1);

  return self->column;
}

AttRegisterRow *
att_register_cell_get_row (AttRegisterCell *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_CELL (self), NULL);

  return self->row;
}

void
att_register_cell_set_row (AttRegisterCell *self,
                           AttRegisterRow  *row)
{
  g_return_if_fail (ATT_IS_REGISTER_CELL (self));
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
      update (self);
    }
}

const char *
att_register_cell_get_text (AttRegisterCell *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_CELL (self), NULL);

  return self->text != NULL ? self->text : "";
}

static PangoLayout *
get_layout (AttRegisterCell *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      if (self->ellipsize)
        pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
    }
  return self->layout;
}

static void
att_register_cell_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  AttRegisterCell *self = ATT_REGISTER_CELL (widget);
  PangoLayout *layout = get_layout (self);
  int width, height;

  pango_layout_set_width (layout, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* A name or flags too long for the column end in an ellipsis. */
      *minimum = self->ellipsize ? 0 : width;
      *natural = width;
    }
  else
    *minimum = *natural = height;
}

static void
att_register_cell_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AttRegisterCell *self = ATT_REGISTER_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoLayout *layout;
  int text_width, text_height;

  if (self->text == NULL || self->text[0] == '\0')
    return;
  layout = get_layout (self);
  pango_layout_set_width (layout, self->ellipsize ? width * PANGO_SCALE : -1);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget),
                              MAX (0, (width - text_width) * self->xalign), (height - text_height) / 2,
                              layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* A class that changes the font (the cursor's row in bold, a leaver in
 * italics) lays the text out again. */
static void
att_register_cell_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  AttRegisterCell *self = ATT_REGISTER_CELL (widget);

  GTK_WIDGET_CLASS (att_register_cell_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

char *
att_register_cell_dup_tooltip (AttRegisterCell *self)
{
  AttRegisterRow *row;
  AttGrid *grid;
  guint index;

  g_return_val_if_fail (ATT_IS_REGISTER_CELL (self), NULL);

  row = self->row;
  if (row == NULL)
    return NULL;
  grid = att_register_row_get_grid (row);
  index = att_register_row_get_index (row);
  switch (self->kind)
    {
    case ATT_REGISTER_CELL_NAME:
      /* The whole name, however narrow the column. */
      return g_strdup (att_pupil_get_display_name (att_register_row_get_pupil (row)));
    case ATT_REGISTER_CELL_FLAGS:
      return flags_tooltip (cell_flags (grid, index, att_register_row_get_pupil (row)),
                            att_register_row_get_pupil (row));
    default:
      return NULL;
    }
}

/* Tooltips are worked out when asked for: setting one on every cell as
 * the grid changes asks the display where the pointer is, each time. */
static gboolean
on_query_tooltip (GtkWidget       *widget,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip,
                  AttRegisterCell *self)
{
  g_autofree char *text = att_register_cell_dup_tooltip (self);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
att_register_cell_constructed (GObject *object)
{
  AttRegisterCell *self = ATT_REGISTER_CELL (object);
  GtkWidget *widget = GTK_WIDGET (self);

  G_OBJECT_CLASS (att_register_cell_parent_class)->constructed (object);

  if (self->kind == ATT_REGISTER_CELL_NAME || self->kind == ATT_REGISTER_CELL_FLAGS)
    {
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
    }

  switch (self->kind)
    {
    case ATT_REGISTER_CELL_NAME:
      self->xalign = 0.0;
      self->ellipsize = TRUE;
      break;
    case ATT_REGISTER_CELL_FLAGS:
      self->xalign = 0.0;
      self->ellipsize = TRUE;
      gtk_widget_add_css_class (widget, "register-flags");
      break;
    case ATT_REGISTER_CELL_YTD:
    case ATT_REGISTER_CELL_UNAUTH:
      self->xalign = 1.0;
      break;
    case ATT_REGISTER_CELL_GROUP:
    default:
      break;
    }
}

static void
att_register_cell_dispose (GObject *object)
{
  AttRegisterCell *self = ATT_REGISTER_CELL (object);

  att_register_cell_set_row (self, NULL);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (att_register_cell_parent_class)->dispose (object);
}

static void
att_register_cell_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AttRegisterCell *self = ATT_REGISTER_CELL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_COLUMN:
      g_value_set_int (value, self->column);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_register_cell_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AttRegisterCell *self = ATT_REGISTER_CELL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_COLUMN:
      self->column = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_register_cell_class_init (AttRegisterCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = att_register_cell_constructed;
  object_class->dispose = att_register_cell_dispose;
  object_class->get_property = att_register_cell_get_property;
  object_class->set_property = att_register_cell_set_property;

  /* An AttRegisterCellKind. */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      ATT_REGISTER_CELL_NAME, ATT_REGISTER_CELL_UNAUTH, ATT_REGISTER_CELL_NAME,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] =
    g_param_spec_int ("column", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PRESSED] =
    g_signal_new ("pressed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, GDK_TYPE_MODIFIER_TYPE);

  widget_class->measure = att_register_cell_measure;
  widget_class->snapshot = att_register_cell_snapshot;
  widget_class->css_changed = att_register_cell_css_changed;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
  gtk_widget_class_set_css_name (widget_class, "registercell");
}

static void
att_register_cell_init (AttRegisterCell *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->column = -1;
  self->xalign = 0.5;

  /* Any button: the page moves its cursor to the row. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}
