/* att-register-sheet.c: a printed register for a week (or a day)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "att-error.h"
#include "att-pupils.h"
#include "att-register-sheet.h"

/* The page, in points. */
#define HEADER_HEIGHT   44.0
#define COLUMNS_HEIGHT  26.0
#define ROW_HEIGHT      14.0
#define FOOTER_HEIGHT   36.0
#define GROUP_WIDTH     40.0
#define YTD_WIDTH       40.0
#define UNAUTH_WIDTH    40.0
#define MIN_NAME_WIDTH  120.0
#define MAX_CELL_WIDTH  44.0
#define PDF_MARGIN      28.0

static guint
rows_per_page (double height)
{
  double room = height - HEADER_HEIGHT - COLUMNS_HEIGHT - FOOTER_HEIGHT;

  return MAX (1, (guint)(room / ROW_HEIGHT));
}

guint
att_register_sheet_count_pages (const AttRegisterSheet *sheet,
                                double                  width,
                                double                  height)
{
  guint n_rows, per_page;

  g_return_val_if_fail (sheet != NULL && sheet->grid != NULL, 0);

  n_rows = att_grid_get_n_rows (sheet->grid);
  per_page = rows_per_page (height);
  return MAX (1, (n_rows + per_page - 1) / per_page);
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           double       height,
           PangoAlignment align)
{
  int text_height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_get_size (layout, NULL, &text_height);
  cairo_move_to (cr, x, y + (height - (double)text_height / PANGO_SCALE) / 2);
  pango_cairo_show_layout (cr, layout);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_font_description_free (desc);
  return layout;
}

static const char *
short_weekday (int weekday)
{
  switch (weekday)
    {
    case 1: return C_("weekday", "Mon");
    case 2: return C_("weekday", "Tue");
    case 3: return C_("weekday", "Wed");
    case 4: return C_("weekday", "Thu");
    case 5: return C_("weekday", "Fri");
    case 6: return C_("weekday", "Sat");
    default: return C_("weekday", "Sun");
    }
}

void
att_register_sheet_draw_page (const AttRegisterSheet *sheet,
                              cairo_t                *cr,
                              double                  width,
                              double                  height,
                              guint                   page)
{
  AttGrid *grid;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  g_autoptr(PangoLayout) small = NULL;
  guint n_rows, n_columns, per_page, n_pages, first_row, last_row;
  double cell_width, name_width, x0, y, table_bottom;
  g_autofree char *page_text = NULL;

  g_return_if_fail (sheet != NULL && sheet->grid != NULL);
  g_return_if_fail (cr != NULL);

  grid = sheet->grid;
  n_rows = att_grid_get_n_rows (grid);
  n_columns = att_grid_get_n_columns (grid);
  per_page = rows_per_page (height);
  n_pages = att_register_sheet_count_pages (sheet, width, height);
  first_row = page * per_page;
  last_row = MIN (n_rows, first_row + per_page);

  /* Session cells share what the name, group and figures leave. */
  cell_width = n_columns > 0
    ? MIN (MAX_CELL_WIDTH, (width - MIN_NAME_WIDTH - GROUP_WIDTH - YTD_WIDTH - UNAUTH_WIDTH) / n_columns)
    : 0;
  name_width = width - GROUP_WIDTH - YTD_WIDTH - UNAUTH_WIDTH - cell_width * n_columns;

  cairo_save (cr);
  title = make_layout (cr, "Sans Bold 12");
  text = make_layout (cr, "Sans 8");
  bold = make_layout (cr, "Sans Bold 8");
  small = make_layout (cr, "Sans 6.5");

  /* Heading */
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, title, sheet->school ? sheet->school : _("Attendance register"),
             0, 0, width * 0.7, 18, PANGO_ALIGN_LEFT);
  if (sheet->title != NULL)
    show_text (cr, text, sheet->title, 0, 18, width * 0.8, 14, PANGO_ALIGN_LEFT);
  /* Translators: page numbers of a printed register */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  show_text (cr, text, page_text, width * 0.7, 0, width * 0.3, 18, PANGO_ALIGN_RIGHT);

  /* Column headings: a day over its two sessions. */
  y = HEADER_HEIGHT;
  show_text (cr, bold, _("Pupil"), 2, y + 13, name_width - 4, 13, PANGO_ALIGN_LEFT);
  show_text (cr, small, _("Group"), name_width, y + 13, GROUP_WIDTH, 13, PANGO_ALIGN_CENTER);
  x0 = name_width + GROUP_WIDTH;
  for (guint c = 0; c < n_columns; c++)
    {
      const AttGridColumn *column = att_grid_get_column (grid, c);
      double x = x0 + c * cell_width;

      if (column->session == ATT_SESSION_AM)
        {
          int day;
          g_autofree char *label = NULL;

          att_date_to_ymd (column->date, NULL, NULL, &day);
          label = g_strdup_printf ("%s %d", short_weekday (att_date_weekday (column->date)), day);
          show_text (cr, bold, label, x, y, cell_width * 2, 13, PANGO_ALIGN_CENTER);
        }
      show_text (cr, small, column->session == ATT_SESSION_AM ? _("AM") : _("PM"),
                 x, y + 13, cell_width, 13, PANGO_ALIGN_CENTER);
    }
  x0 += n_columns * cell_width;
  /* Translators: year-to-date attendance, a narrow column heading */
  show_text (cr, small, _("YTD %"), x0, y + 13, YTD_WIDTH, 13, PANGO_ALIGN_CENTER);
  /* Translators: unauthorised sessions in the rolling 10 school weeks */
  show_text (cr, small, _("Unauth."), x0 + YTD_WIDTH, y + 13, UNAUTH_WIDTH, 13, PANGO_ALIGN_CENTER);

  /* Columns without a session are shaded across the whole table. */
  y = HEADER_HEIGHT + COLUMNS_HEIGHT;
  table_bottom = y + (last_row - first_row) * ROW_HEIGHT;
  x0 = name_width + GROUP_WIDTH;
  for (guint c = 0; c < n_columns; c++)
    {
      const AttGridColumn *column = att_grid_get_column (grid, c);

      if (!column->school)
        {
          cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
          cairo_rectangle (cr, x0 + c * cell_width, y, cell_width, table_bottom - y);
          cairo_fill (cr);
        }
    }

  for (guint r = first_row; r < last_row; r++)
    {
      AttPupil *pupil = att_grid_get_pupil (grid, r);
      const AttGridFigures *figures = att_grid_get_figures (grid, r);
      g_autofree char *name = NULL;
      char number[32];
      double ry = y + (r - first_row) * ROW_HEIGHT;

      /* Every other row lightly shaded, to follow a line across. */
      if ((r - first_row) % 2 == 1)
        {
          cairo_set_source_rgba (cr, 0, 0, 0, 0.05);
          cairo_rectangle (cr, 0, ry, width, ROW_HEIGHT);
          cairo_fill (cr);
        }

      cairo_set_source_rgb (cr, 0, 0, 0);
      name = g_strdup_printf ("%s, %s", att_pupil_get_surname (pupil), att_pupil_get_forename (pupil));
      show_text (cr, text, name, 2, ry, name_width - 4, ROW_HEIGHT, PANGO_ALIGN_LEFT);
      show_text (cr, text, pupil->reg_group ? pupil->reg_group : "", name_width, ry,
                 GROUP_WIDTH, ROW_HEIGHT, PANGO_ALIGN_CENTER);

      x0 = name_width + GROUP_WIDTH;
      for (guint c = 0; c < n_columns; c++)
        {
          AttCode code = att_grid_get_code (grid, r, c);
          guint flags = att_grid_get_flags (grid, r, c);
          double cx = x0 + c * cell_width;

          if (!(flags & ATT_GRID_CELL_ON_ROLL))
            {
              /* Off roll: a thin dash, so a blank never looks missed. */
              cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
              show_text (cr, text, "–", cx, ry, cell_width, ROW_HEIGHT, PANGO_ALIGN_CENTER);
              continue;
            }
          if (code == ATT_CODE_NONE)
            continue;

          cairo_set_source_rgb (cr, 0, 0, 0);
          /* Unauthorised absence in bold: it reads without colour. */
          show_text (cr,
                     att_code_info (code)->meaning == ATT_MEANING_UNAUTHORISED ? bold : text,
                     att_code_to_string (code), cx, ry, cell_width, ROW_HEIGHT,
                     PANGO_ALIGN_CENTER);
          if (flags & ATT_GRID_CELL_AMENDED)
            {
              cairo_move_to (cr, cx + cell_width - 5, ry + 0.5);
              cairo_line_to (cr, cx + cell_width - 0.5, ry + 0.5);
              cairo_line_to (cr, cx + cell_width - 0.5, ry + 5);
              cairo_close_path (cr);
              cairo_fill (cr);
            }
        }

      x0 += n_columns * cell_width;
      cairo_set_source_rgb (cr, 0, 0, 0);
      if (figures->possible > 0)
        {
          g_snprintf (number, sizeof number, "%.1f", figures->attendance_pct);
          show_text (cr, figures->persistent ? bold : text, number, x0, ry, YTD_WIDTH - 4,
                     ROW_HEIGHT, PANGO_ALIGN_RIGHT);
        }
      g_snprintf (number, sizeof number, "%u", figures->unauthorised);
      show_text (cr, figures->unauthorised >= 10 ? bold : text, number, x0 + YTD_WIDTH, ry,
                 UNAUTH_WIDTH - 4, ROW_HEIGHT, PANGO_ALIGN_RIGHT);
    }

  /* Grid lines */
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.4);
  for (guint r = first_row; r <= last_row; r++)
    {
      double ry = y + (r - first_row) * ROW_HEIGHT;
      cairo_move_to (cr, 0, ry);
      cairo_line_to (cr, width, ry);
    }
  x0 = name_width;
  for (guint c = 0; c <= n_columns + 3; c++)
    {
      double cx;

      if (c == 0)
        cx = name_width;
      else if (c <= n_columns + 1)
        cx = name_width + GROUP_WIDTH + (c - 1) * cell_width;
      else if (c == n_columns + 2)
        cx = name_width + GROUP_WIDTH + n_columns * cell_width + YTD_WIDTH;
      else
        cx = width;
      /* Heavier lines between days. */
      cairo_set_line_width (cr, (c >= 1 && c <= n_columns + 1 && (c - 1) % 2 == 0) ? 0.9 : 0.4);
      cairo_move_to (cr, cx, HEADER_HEIGHT + (c >= 1 && c <= n_columns && (c - 1) % 2 == 1 ? 13 : 0));
      cairo_line_to (cr, cx, table_bottom);
      cairo_stroke (cr);
    }
  cairo_set_line_width (cr, 0.9);
  cairo_move_to (cr, 0, HEADER_HEIGHT + COLUMNS_HEIGHT);
  cairo_line_to (cr, width, HEADER_HEIGHT + COLUMNS_HEIGHT);
  cairo_stroke (cr);

  /* Footer: how to read the page, and who printed it. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* The legend may take two lines on a narrow page: it wraps. */
  pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (small, PANGO_WRAP_WORD);
  pango_layout_set_text (small,
                         _("Codes of the School Attendance (Pupil Registration) (England) Regulations 2024. "
                           "Bold: unauthorised absence. Corner mark: amended entry. "
                           "Grey: no session (# planned closure). –: not on roll."),
                         -1);
  pango_layout_set_width (small, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (small, PANGO_ALIGN_LEFT);
  cairo_move_to (cr, 0, height - FOOTER_HEIGHT + 4);
  pango_cairo_show_layout (cr, small);
  pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_END);
  if (sheet->footer != NULL)
    show_text (cr, small, sheet->footer, 0, height - 12, width, 12, PANGO_ALIGN_LEFT);

  cairo_restore (cr);
}

gboolean
att_register_sheet_write_pdf (const AttRegisterSheet *sheet,
                              const char             *path,
                              GError                **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double width = ATT_REGISTER_SHEET_WIDTH - 2 * PDF_MARGIN;
  double height = ATT_REGISTER_SHEET_HEIGHT - 2 * PDF_MARGIN;
  guint n_pages;
  cairo_status_t status;

  g_return_val_if_fail (sheet != NULL && sheet->grid != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, ATT_REGISTER_SHEET_WIDTH, ATT_REGISTER_SHEET_HEIGHT);
  cr = cairo_create (surface);
  n_pages = att_register_sheet_count_pages (sheet, width, height);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, PDF_MARGIN, PDF_MARGIN);
      att_register_sheet_draw_page (sheet, cr, width, height, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The register could not be written to “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
