/* att-certificate-dialog.h: a pupil's registration certificate: its
 * span, its totals, and the sessions to correct before it can go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-certificate.h"
#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_CERTIFICATE_DIALOG (att_certificate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AttCertificateDialog, att_certificate_dialog, ATT, CERTIFICATE_DIALOG, AdwWindow)

/* The spans offered, in the order of the list. */
typedef enum
{
  ATT_CERTIFICATE_CHOICE_LAST_60,
  ATT_CERTIFICATE_CHOICE_LAST_100,
  ATT_CERTIFICATE_CHOICE_THIS_YEAR,
  ATT_CERTIFICATE_CHOICE_THIS_AND_LAST,
  ATT_CERTIFICATE_CHOICE_DATES,
} AttCertificateChoice;

/* The certificate of pupil @pupil_id up to today, from the school of
 * @context, on top of @parent (the window, whose register the problem
 * rows open). */
AttCertificateDialog *att_certificate_dialog_new             (AttContext           *context,
                                                              GtkWindow            *parent,
                                                              gint64                pupil_id);
/* Chooses a span; @from and @to count for ATT_CERTIFICATE_CHOICE_DATES. */
void                  att_certificate_dialog_choose          (AttCertificateDialog *self,
                                                              AttCertificateChoice  choice,
                                                              AttDate               from,
                                                              AttDate               to);
/* The certificate shown, or NULL when the span could not be read. */
AttCertificate       *att_certificate_dialog_get_certificate (AttCertificateDialog *self);
/* The N and unmarked sessions' rows (AdwActionRow, each with a button
 * to the register at its day), in date order. */
GtkListBox           *att_certificate_dialog_get_problems_list (AttCertificateDialog *self);
/* Why Save PDF and Print are disabled (the core's words), or NULL. */
const char           *att_certificate_dialog_get_reason      (AttCertificateDialog *self);
/* Writes the certificate as a PDF to @path: what Save PDF… does once a
 * file is chosen. Refused while it cannot be finalised. */
gboolean              att_certificate_dialog_save_pdf        (AttCertificateDialog *self,
                                                              const char           *path,
                                                              GError              **error);

G_END_DECLS
