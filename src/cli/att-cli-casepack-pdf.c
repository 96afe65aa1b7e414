/* att-cli-casepack-pdf.c: the registration certificate and the referral
 * pack written to PDF by attendance-cli-print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-casepack-document.h"
#include "att-certificate-document.h"
#include "att-cli-casepack.h"

static int
write_document (AttDocument *document,
                const char  *path)
{
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  if (!att_document_write_pdf (document, path, &n_pages, &error))
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n", n_pages),
           n_pages, path);
  return ATT_CLI_OK;
}

int
att_cli_certificate_pdf (AttCliContext  *ctx,
                         AttCertificate *certificate,
                         const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterhead) head = att_letterhead_load (ctx->db);
  g_autoptr(AttDocument) document = att_certificate_document_new (certificate, head);
  AttPupil *pupil = att_certificate_get_pupil (certificate);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  AttDate from, to;
  guint n;
  int status;

  if (!att_certificate_can_finalise (certificate, &error))
    g_printerr (_("Draft only: %s\n"), error->message);
  if ((status = write_document (document, path)) != ATT_CLI_OK)
    return status;
  att_certificate_get_range (certificate, &from, &to);
  att_certificate_get_sessions (certificate, &n);
  first = att_date_format_long (from);
  last = att_date_format_long (to);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Registration certificate of %s (%s): %u session, %s to %s%s\n",
                        "Registration certificate of %s (%s): %u sessions, %s to %s%s\n", n),
           att_pupil_get_display_name (pupil), pupil->upn, n, first, last,
           att_certificate_document_is_draft (ATT_CERTIFICATE_DOCUMENT (document)) ? _(", DRAFT") : "");
  return ATT_CLI_OK;
}

int
att_cli_casepack_pdf (AttCliContext  *ctx,
                      const AttUser  *user,
                      AttCasepack    *pack,
                      const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterhead) head = att_letterhead_load (ctx->db);
  g_autoptr(AttDocument) document = NULL;
  g_autofree char *upn = g_strdup (pack->pupil->upn);
  g_autofree char *name = g_strdup (att_pupil_get_display_name (pack->pupil));
  gint64 pupil_id = pack->pupil->id;
  AttDate as_of = pack->as_of;
  AttLaProfile profile = pack->profile;
  guint n_stale = att_casepack_n_stale_contacts (pack);
  int status;

  if (n_stale > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u contact's details are over six months old or were never checked: "
                             "flagged in the pack for re-checking with the family\n",
                             "%u contacts' details are over six months old or were never checked: "
                             "flagged in the pack for re-checking with the family\n",
                             n_stale),
                n_stale);
  document = att_casepack_document_new_for (pack, head, &error);
  if (document == NULL)
    return att_cli_refuse (error);
  if ((status = write_document (document, path)) != ATT_CLI_OK)
    return status;
  /* The log says who made the pack and where it went, read again as it
   * was drawn. */
  {
    g_autoptr(AttCasepack) logged = att_casepack_collect (ctx->db, pupil_id, as_of, &profile, &error);

    if (logged == NULL || !att_casepack_record_export (ctx->db, user, logged, path, &error))
      return att_cli_refuse (error);
  }
  g_print (_("Referral pack of %s (%s) made by %s and logged\n"), name, upn, user->name);
  return ATT_CLI_OK;
}
