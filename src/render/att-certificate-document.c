/* att-certificate-document.c: the registration certificate, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-certificate-document-private.h"
#include "att-flow-private.h"

struct _AttCertificateDocument
{
  GObject         parent_instance;

  AttCertificate *certificate;
  AttFlow        *flow;
  char           *title;
  gboolean        draft;
};

static void att_certificate_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttCertificateDocument, att_certificate_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_certificate_document_iface_init))

/* ------------------------------------------------------------------ */
/* What it shows                                                      */
/* ------------------------------------------------------------------ */

static const char *
meaning_describe (AttCodeMeaning meaning)
{
  switch (meaning)
    {
    case ATT_MEANING_PRESENT:
      return _("Present");
    case ATT_MEANING_AEA:
      return _("Approved educational activity");
    case ATT_MEANING_AUTHORISED:
      return _("Authorised absence");
    case ATT_MEANING_UNAUTHORISED:
      return _("Unauthorised absence");
    case ATT_MEANING_NOT_POSSIBLE:
    default:
      return _("Not a possible session");
    }
}

static char *
date_text (AttDate date)
{
  return date != ATT_DATE_NONE ? att_date_format_long (date) : g_strdup ("");
}

/* "41 (68.3%)" */
static char *
count_text (guint n,
            guint possible)
{
  if (possible == 0)
    return g_strdup_printf ("%u", n);
  return g_strdup_printf ("%u (%.1f%%)", n, 100.0 * n / possible);
}

static void
add_pupil_fields (AttFlow        *flow,
                  AttCertificate *cert)
{
  AttPupil *pupil = att_certificate_get_pupil (cert);
  g_autofree char *legal = g_strdup_printf ("%s %s", pupil->legal_forename, pupil->legal_surname);
  g_autofree char *dob = date_text (pupil->dob);
  g_autofree char *admitted = date_text (pupil->admission);
  g_autofree char *year = att_year_group_format (pupil->year_group);
  g_autofree char *group = g_strdup_printf (_("Year %s, %s"), year, pupil->reg_group);
  g_autofree char *span = att_certificate_span_describe (att_certificate_get_span (cert));
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *period = NULL;
  AttDate from, to, age_from, age_to;
  guint n_sessions;

  att_certificate_get_range (cert, &from, &to);
  att_certificate_get_sessions (cert, &n_sessions);
  first = date_text (from);
  last = date_text (to);
  /* Translators: the certificate's span: "The last 60 sessions: Mon 17 Jun 2024 to Fri 6 Sep 2024 (60 sessions)" */
  period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s to %s (%u session)",
                                         "%s: %s to %s (%u sessions)", n_sessions),
                            span, first, last, n_sessions);

  att_flow_field (flow, _("Pupil"), att_pupil_get_display_name (pupil));
  if (g_strcmp0 (legal, att_pupil_get_display_name (pupil)) != 0)
    att_flow_field (flow, _("Legal name"), legal);
  att_flow_field (flow, _("UPN"), pupil->upn);
  att_flow_field (flow, _("Date of birth"), dob);
  att_flow_field (flow, _("Year and registration group"), group);
  att_flow_field (flow, _("Admitted"), admitted);
  if (pupil->leaving != ATT_DATE_NONE)
    {
      g_autofree char *left = date_text (pupil->leaving);

      att_flow_field (flow, _("Left"), left);
    }
  att_flow_field (flow, _("Sessions certified"), period);

  att_compulsory_school_age (pupil->dob, &age_from, &age_to);
  {
    g_autofree char *a = date_text (age_from);
    g_autofree char *b = date_text (age_to);
    g_autofree char *text = g_strdup_printf (_("%s to %s"), a, b);

    att_flow_field (flow, _("Compulsory school age"), text);
  }
}

/* The sessions by week: a row per school week, Monday to Friday, morning
 * and afternoon. A session outside compulsory school age has a * after
 * its code; a past session with no mark shows a dash. */
static void
add_grid (AttFlow        *flow,
          AttCertificate *cert)
{
  static const double widths[] = { 0.12, 0.088, 0.088, 0.088, 0.088, 0.088, 0.088, 0.088, 0.088, 0.088, 0.088 };
  const char *header[11];
  const AttCertificateSession *sessions;
  char *cells[11] = { NULL, };
  AttDate week = ATT_DATE_NONE;
  guint n, table;

  header[0] = _("Week of");
  header[1] = _("Mon AM");
  header[2] = _("Mon PM");
  header[3] = _("Tue AM");
  header[4] = _("Tue PM");
  header[5] = _("Wed AM");
  header[6] = _("Wed PM");
  header[7] = _("Thu AM");
  header[8] = _("Thu PM");
  header[9] = _("Fri AM");
  header[10] = _("Fri PM");
  table = att_flow_table (flow, 11, widths, header, TRUE, ATT_FLOW_GRID);

  sessions = att_certificate_get_sessions (cert, &n);
  for (guint i = 0; i <= n; i++)
    {
      AttDate monday = i < n ? att_date_monday (sessions[i].date) : ATT_DATE_NONE;
      int day;

      if (monday != week && week != ATT_DATE_NONE)
        {
          char buf[ATT_DATE_TEXT_SIZE];
          int y, m, d;

          att_date_to_ymd (week, &y, &m, &d);
          g_snprintf (buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
          cells[0] = g_strdup (buf);
          att_flow_row (flow, table, (const char *const *)cells, FALSE);
          for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
            g_clear_pointer (&cells[c], g_free);
        }
      if (i == n)
        break;
      week = monday;
      day = att_date_weekday (sessions[i].date);
      if (day > 5)
        continue;
      {
        const char *code = sessions[i].code != ATT_CODE_NONE
          ? att_code_to_string (sessions[i].code) : (sessions[i].past ? "–" : "");

        cells[1 + (day - 1) * 2 + sessions[i].session] =
          g_strconcat (code, sessions[i].compulsory ? "" : "*", NULL);
      }
    }
}

static void
add_key (AttFlow        *flow,
         AttCertificate *cert)
{
  static const double widths[] = { 0.08, 0.42, 0.2, 0.2, 0.1 };
  const char *header[] = { _("Code"), _("Meaning"), _("Category"), _("Counted as"), _("Sessions") };
  const AttCertificateCode *codes;
  guint n, table;

  table = att_flow_table (flow, 5, widths, header, TRUE, ATT_FLOW_SMALL);
  codes = att_certificate_get_codes (cert, &n);
  for (guint i = 0; i < n; i++)
    {
      const AttCodeInfo *info = att_code_info (codes[i].code);
      g_autofree char *count = g_strdup_printf ("%u", codes[i].count);
      const char *cells[] = {
        att_code_to_string (codes[i].code), att_code_describe (codes[i].code),
        att_code_group_describe (info->group), meaning_describe (info->meaning), count,
      };

      att_flow_row (flow, table, cells, FALSE);
    }
  if (att_certificate_get_totals (cert)->missing > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", att_certificate_get_totals (cert)->missing);
      const char *cells[] = { "–", _("No mark: the register was not completed for this session"), "",
                              _("Not counted until marked"), count };

      att_flow_row (flow, table, cells, FALSE);
    }
  if (att_certificate_get_n_outside_age (cert) > 0)
    att_flow_text (flow, ATT_FLOW_SMALL,
                   _("* The pupil was not of compulsory school age at this session. It is shown with "
                     "its code and counted in the totals of every session, but not in those of "
                     "compulsory school age."));
}

static void
add_totals (AttFlow          *flow,
            const AttFigures *totals)
{
  g_autofree char *possible = g_strdup_printf ("%u", totals->possible);
  g_autofree char *present = count_text (totals->present, totals->possible);
  g_autofree char *aea = count_text (totals->aea, totals->possible);
  g_autofree char *authorised = count_text (totals->authorised, totals->possible);
  g_autofree char *unauthorised = count_text (totals->unauthorised, totals->possible);
  g_autofree char *attendance = g_strdup_printf ("%.1f%%", att_figures_attendance_pct (totals));
  g_autoptr(GString) by_code = g_string_new (NULL);

  for (guint c = 1; c < ATT_CODE_N_CODES; c++)
    {
      const AttCodeInfo *info = att_code_info ((AttCode)c);

      if (totals->codes[c] == 0 || !info->possible || info->meaning != ATT_MEANING_UNAUTHORISED)
        continue;
      g_string_append_printf (by_code, "%s%s %u", by_code->len > 0 ? ", " : "", info->text,
                              totals->codes[c]);
    }

  att_flow_field (flow, _("Possible sessions"), possible);
  att_flow_field (flow, _("Present (including late, L)"), present);
  att_flow_field (flow, _("Approved educational activity"), aea);
  att_flow_field (flow, _("Authorised absence"), authorised);
  att_flow_field (flow, _("Unauthorised absence"), unauthorised);
  if (by_code->len > 0)
    att_flow_field (flow, _("Unauthorised absence by code"), by_code->str);
  if (totals->missing > 0)
    {
      g_autofree char *missing = g_strdup_printf ("%u", totals->missing);

      att_flow_field (flow, _("Sessions with no mark"), missing);
    }
  att_flow_field (flow, _("Attendance"), attendance);
}

static void
add_problems (AttFlow        *flow,
              AttCertificate *cert)
{
  GArray *problems = att_certificate_get_problems (cert);
  static const double widths[] = { 0.4, 0.15, 0.45 };
  const char *header[] = { _("Date"), _("Session"), _("To put right") };
  guint table;

  if (problems->len == 0)
    return;
  att_flow_heading (flow, _("To put right before this certificate is final"));
  att_flow_text (flow, ATT_FLOW_BODY,
                 _("A local authority returns a referral whose certificate holds N or sessions with no "
                   "mark. Give each of these sessions its code in the register, then draw the "
                   "certificate again."));
  table = att_flow_table (flow, 3, widths, header, TRUE, ATT_FLOW_BODY);
  for (guint i = 0; i < problems->len; i++)
    {
      const AttCertificateProblem *p = &g_array_index (problems, AttCertificateProblem, i);
      g_autofree char *date = att_date_format_long (p->date);
      const char *cells[] = {
        date, p->session == ATT_SESSION_AM ? _("AM") : _("PM"),
        p->kind == ATT_CERTIFICATE_PROBLEM_N ? _("N: the reason is not yet known")
                                             : _("No mark"),
      };

      att_flow_row (flow, table, cells, FALSE);
    }
}

void
_att_certificate_document_add_declaration (AttFlow    *flow,
                                           const char *text,
                                           const char *headteacher)
{
  att_flow_text (flow, ATT_FLOW_BODY, text);
  att_flow_space (flow, 6);
  att_flow_field (flow, _("Headteacher"), headteacher != NULL ? headteacher : "");
  att_flow_field (flow, _("Signed"), "\n\n____________________________________");
  att_flow_field (flow, _("Date"), "\n\n____________________________________");
}

void
_att_certificate_document_add (AttFlow        *flow,
                               AttCertificate *cert,
                               const char     *school,
                               gboolean        declaration)
{
  const AttFigures *compulsory = att_certificate_get_compulsory_totals (cert);

  att_flow_title (flow, _("Registration certificate"));
  att_flow_text (flow, ATT_FLOW_SMALL,
                 _("An extract of the school's attendance register for one pupil: every session on "
                   "which the pupil was on the school's roll in the period below, with the code "
                   "entered at registration or as later amended."));
  add_pupil_fields (flow, cert);

  att_flow_heading (flow, _("Sessions"));
  add_grid (flow, cert);

  att_flow_heading (flow, _("Key to the codes used"));
  add_key (flow, cert);

  att_flow_heading (flow, _("Totals"));
  add_totals (flow, att_certificate_get_totals (cert));
  if (att_certificate_get_n_outside_age (cert) > 0)
    {
      att_flow_heading (flow, _("Totals while of compulsory school age"));
      add_totals (flow, compulsory);
    }

  add_problems (flow, cert);

  if (declaration)
    {
      AttPupil *pupil = att_certificate_get_pupil (cert);
      g_autofree char *text = NULL;

      /* The declaration, its name and its lines to sign, kept together. */
      att_flow_heading_keep (flow, _("Headteacher's declaration"), 5);
      /* Translators: the school's name, then the pupil's name and UPN */
      text = g_strdup_printf (_("I declare that the attendance shown above for %2$s (%3$s) is a true "
                                "copy of the entries in the attendance register of %1$s, which the "
                                "school keeps as its record of attendance under the School Attendance "
                                "(Pupil Registration) (England) Regulations 2024, and that any entry "
                                "changed after it was first made was changed with the reason and the "
                                "person recorded, as those regulations require."),
                              school != NULL && *school != '\0' ? school : _("the school"),
                              att_pupil_get_display_name (pupil), pupil->upn);
      _att_certificate_document_add_declaration (flow, text, att_certificate_get_headteacher (cert));
    }
}

/* ------------------------------------------------------------------ */
/* The document                                                       */
/* ------------------------------------------------------------------ */

static void
att_certificate_document_finalize (GObject *object)
{
  AttCertificateDocument *self = ATT_CERTIFICATE_DOCUMENT (object);

  g_clear_pointer (&self->certificate, att_certificate_unref);
  g_clear_pointer (&self->flow, att_flow_free);
  g_free (self->title);
  G_OBJECT_CLASS (att_certificate_document_parent_class)->finalize (object);
}

static void
att_certificate_document_class_init (AttCertificateDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_certificate_document_finalize;
}

static void
att_certificate_document_init (AttCertificateDocument *self)
{
}

static const char *
get_title (AttDocument *document)
{
  return ATT_CERTIFICATE_DOCUMENT (document)->title;
}

static AttPageOrientation
get_orientation (AttDocument *document)
{
  return ATT_PAGE_PORTRAIT;
}

static guint
count_pages (AttDocument *document,
             double       width,
             double       height)
{
  return att_flow_count_pages (ATT_CERTIFICATE_DOCUMENT (document)->flow, width, height);
}

static void
draw_page (AttDocument *document,
           cairo_t     *cr,
           double       width,
           double       height,
           guint        page)
{
  att_flow_draw_page (ATT_CERTIFICATE_DOCUMENT (document)->flow, cr, width, height, page);
}

static void
att_certificate_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = get_title;
  iface->get_orientation = get_orientation;
  iface->count_pages = count_pages;
  iface->draw_page = draw_page;
}

AttDocument *
att_certificate_document_new (AttCertificate      *certificate,
                              const AttLetterhead *letterhead)
{
  AttCertificateDocument *self;
  AttPupil *pupil;
  g_autofree char *footer = NULL;
  g_autofree char *as_of = NULL;

  g_return_val_if_fail (certificate != NULL, NULL);
  g_return_val_if_fail (letterhead != NULL, NULL);

  self = g_object_new (ATT_TYPE_CERTIFICATE_DOCUMENT, NULL);
  self->certificate = att_certificate_ref (certificate);
  self->draft = !att_certificate_can_finalise (certificate, NULL);
  pupil = att_certificate_get_pupil (certificate);
  /* Translators: the print job's name: "Registration certificate: Amina Khan" */
  self->title = g_strdup_printf (_("Registration certificate: %s"), att_pupil_get_display_name (pupil));
  as_of = att_date_format_long (att_certificate_get_as_of (certificate));
  /* Translators: a certificate's foot: the school, the pupil, the day it was drawn up */
  footer = g_strdup_printf (_("%s · %s (%s) · drawn up on %s"), letterhead->name ? letterhead->name : "",
                            att_pupil_get_display_name (pupil), pupil->upn, as_of);

  self->flow = att_flow_new (letterhead);
  att_flow_set_running_title (self->flow, self->title);
  att_flow_set_footer (self->flow, footer);
  if (self->draft)
    att_flow_set_draft (self->flow, _("DRAFT"));
  _att_certificate_document_add (self->flow, certificate, letterhead->name, TRUE);
  return ATT_DOCUMENT (self);
}

gboolean
att_certificate_document_is_draft (AttCertificateDocument *self)
{
  g_return_val_if_fail (ATT_IS_CERTIFICATE_DOCUMENT (self), FALSE);
  return self->draft;
}
