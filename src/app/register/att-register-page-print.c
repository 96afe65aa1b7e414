/* att-register-page-print.c: printing the register and the roll call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of AttRegisterPage; what the parts share is in
 * att-register-page-private.h. The documents are drawn in src/render;
 * this file only says what goes on them and hands them to the print
 * operation.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-print-operation.h"
#include "att-register-document.h"
#include "att-register-page-private.h"
#include "att-rollcall-document.h"

/* "Printed by Olive Officer on Tue 10 Sep 2024 08:50", by the context's
 * date and clock. */
static char *
printed_by (AttRegisterPage *self)
{
  const AttUser *user = _att_register_page_get_user (self);
  g_autofree char *day = att_date_format_long (_att_register_page_today (self));
  int clock = _att_register_page_clock_now (self);

  /* Translators: "Printed by Olive Officer on Tue 10 Sep 2024 10:12" */
  return g_strdup_printf (_("Printed by %s on %s %02d:%02d"),
                          user != NULL ? user->name : _("nobody signed in"),
                          day, clock / 60, clock % 60);
}

static const char *
school_name (AttRegisterPage *self)
{
  return self->school != NULL ? self->school->name : NULL;
}

/* The week of the selection shown, whatever the view: the printed
 * register is always the week. */
static AttDocument *
register_document (AttRegisterPage  *self,
                   GError          **error)
{
  g_autoptr(AttGrid) grid = NULL;
  g_autofree char *what = NULL;
  g_autofree char *monday = NULL;
  g_autofree char *title = NULL;
  g_autofree char *footer = NULL;

  grid = _att_register_page_build_grid (self, TRUE, error);
  if (grid == NULL)
    return NULL;

  what = att_grid_filter_describe (self->filter);
  monday = att_date_format_long (att_date_monday (self->date));
  /* Translators: the title of a printed register: "7A, week beginning Mon 9 Sep 2024" */
  title = g_strdup_printf (_("%s, week beginning %s"), what, monday);
  footer = printed_by (self);
  return att_register_document_new (grid, school_name (self), title, footer);
}

/* Who is on site now: today's session the clock is in, for the whole
 * school, whatever the page shows. */
static AttDocument *
rollcall_document (AttRegisterPage  *self,
                   GError          **error)
{
  g_autofree char *footer = NULL;
  AttRollCall *rollcall;
  AttSession session;

  session = att_rollcall_session_at (self->db, _att_register_page_clock_now (self));
  rollcall = att_rollcall_new (self->db, _att_register_page_today (self), session, error);
  if (rollcall == NULL)
    return NULL;

  footer = printed_by (self);
  return att_rollcall_document_new (rollcall, school_name (self), footer);
}

gboolean
_att_register_page_print (AttRegisterPage  *self,
                          gboolean          rollcall,
                          GError          **error)
{
  g_autoptr(AttDocument) document = NULL;

  if (self->db == NULL)
    return FALSE;

  document = rollcall ? rollcall_document (self, error) : register_document (self, error);
  if (document == NULL)
    return FALSE;
  return att_print_operation_print (document, _att_register_page_get_window (self), error);
}

static gboolean
export_pdf (AttRegisterPage  *self,
            gboolean          rollcall,
            const char       *path,
            GError          **error)
{
  g_autoptr(AttDocument) document = NULL;

  if (self->db == NULL)
    return FALSE;

  document = rollcall ? rollcall_document (self, error) : register_document (self, error);
  if (document == NULL)
    return FALSE;
  return att_print_operation_export_pdf (document, _att_register_page_get_window (self), path, error);
}

gboolean
att_register_page_export_pdf (AttRegisterPage  *self,
                              const char       *path,
                              GError          **error)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_pdf (self, FALSE, path, error);
}

gboolean
att_register_page_export_rollcall_pdf (AttRegisterPage  *self,
                                       const char       *path,
                                       GError          **error)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_pdf (self, TRUE, path, error);
}

void
_att_register_page_on_export_response (GtkNativeDialog *dialog,
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
            _att_register_page_show_toast (self, _("The register was saved as PDF"));
          else
            _att_register_page_show_message (self, error != NULL ? error->message : _("The PDF could not be written"));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}
