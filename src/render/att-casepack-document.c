/* att-casepack-document.c: the referral pack of one pupil, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-casepack-document.h"
#include "att-casepack-document-private.h"
#include "att-certificate-document-private.h"
#include "att-contacts.h"
#include "att-flow-private.h"
#include "att-year-calendar.h"

struct _AttCasepackDocument
{
  GObject      parent_instance;

  AttCasepack *pack;
  AttFlow     *flow;
  char        *title;
};

static void att_casepack_document_iface_init (AttDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttCasepackDocument, att_casepack_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATT_TYPE_DOCUMENT,
                                                      att_casepack_document_iface_init))

static char *
date_text (AttDate date)
{
  return date != ATT_DATE_NONE ? att_date_format_long (date) : g_strdup ("");
}

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

/* ------------------------------------------------------------------ */
/* The sections that need only the pack's own reads                   */
/* ------------------------------------------------------------------ */

static void
add_pupil (AttFlow     *flow,
           AttCasepack *pack)
{
  AttPupil *pupil = pack->pupil;
  g_autofree char *legal = g_strdup_printf ("%s %s", pupil->legal_forename, pupil->legal_surname);
  g_autofree char *dob = date_text (pupil->dob);
  g_autofree char *age = g_strdup_printf ("%d", att_date_age_on (pupil->dob, pack->as_of));
  g_autofree char *year = att_year_group_format (pupil->year_group);
  g_autofree char *group = g_strdup_printf (_("Year %s, %s"), year, pupil->reg_group);
  g_autofree char *admitted = date_text (pupil->admission);
  const char *sen;

  switch (pupil->sen)
    {
    case ATT_SEN_EHCP:
      sen = _("Education, health and care plan");
      break;
    case ATT_SEN_SUPPORT:
      sen = _("SEN support");
      break;
    case ATT_SEN_NONE:
    default:
      sen = _("None recorded");
      break;
    }

  att_flow_field (flow, _("Name"), att_pupil_get_display_name (pupil));
  if (g_strcmp0 (legal, att_pupil_get_display_name (pupil)) != 0)
    att_flow_field (flow, _("Legal name"), legal);
  att_flow_field (flow, _("UPN"), pupil->upn);
  att_flow_field (flow, _("Date of birth"), dob);
  att_flow_field (flow, _("Age"), age);
  att_flow_field (flow, _("Sex"), pupil->sex == 'F' ? _("Female") : _("Male"));
  att_flow_field (flow, _("Year and registration group"), group);
  att_flow_field (flow, _("Admitted"), admitted);
  if (pupil->leaving != ATT_DATE_NONE)
    {
      g_autofree char *left = date_text (pupil->leaving);

      att_flow_field (flow, _("Left"), left);
    }
  att_flow_field (flow, _("Special educational needs"), sen);
  att_flow_field (flow, _("Free school meals"), yes_no (pupil->fsm));
  att_flow_field (flow, _("English as an additional language"), yes_no (pupil->eal));
  att_flow_field (flow, _("Looked after"), yes_no (pupil->looked_after));
  att_flow_field (flow, _("Has a social worker"), yes_no (pupil->social_worker));
  att_flow_field (flow, _("Young carer"), yes_no (pupil->young_carer));
}

static char *
address_text (const AttContact *c)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *parts[] = { c->address_1, c->address_2, c->town, c->postcode };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && parts[i][0] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", parts[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_parents (AttFlow     *flow,
             AttCasepack *pack)
{
  guint n_stale = att_casepack_n_stale_contacts (pack);

  if (pack->contacts->len == 0)
    {
      att_flow_text (flow, ATT_FLOW_BODY, _("The school holds no contact for this pupil."));
      return;
    }
  if (n_stale > 0)
    att_flow_text (flow, ATT_FLOW_BOLD,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The details of one contact were last checked more than six months ago, "
                                "or never: check them with the family before the referral is sent.",
                                "The details of some contacts were last checked more than six months ago, "
                                "or never: check them with the family before the referral is sent.",
                                n_stale));

  for (guint i = 0; i < pack->contacts->len; i++)
    {
      AttContact *c = g_ptr_array_index (pack->contacts, i);
      g_autofree char *name = att_contact_dup_name (c);
      g_autofree char *address = address_text (c);
      g_autofree char *checked = NULL;
      g_autoptr(GString) phones = g_string_new (NULL);

      {
        /* Translators: the kinds of a contact's telephone numbers, as in
         * "mobile 07700 900123, home 0161 496 0000" */
        const char *labels[] = { _("mobile"), _("home"), _("work") };
        const char *numbers[] = { c->phone_mobile, c->phone_home, c->phone_work };

        for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
          if (numbers[k] != NULL && numbers[k][0] != '\0')
            g_string_append_printf (phones, "%s%s %s", phones->len > 0 ? ", " : "", labels[k], numbers[k]);
      }

      if (c->details_checked == ATT_DATE_NONE)
        checked = g_strdup (_("Never recorded: RE-CHECK with the family"));
      else if (att_contact_details_stale (c, pack->as_of))
        {
          g_autofree char *when = date_text (c->details_checked);

          /* Translators: the day a contact's details were last checked */
          checked = g_strdup_printf (_("%s, over six months ago: RE-CHECK with the family"), when);
        }
      else
        checked = date_text (c->details_checked);

      att_flow_space (flow, 4);
      att_flow_field (flow, _("Name"), name);
      att_flow_field (flow, _("Relationship"), c->relationship);
      att_flow_field (flow, _("Parental responsibility"), yes_no (c->parental_responsibility));
      att_flow_field (flow, _("Lives with the pupil"), yes_no (c->lives_with));
      att_flow_field (flow, _("Address"), address);
      att_flow_field (flow, _("Telephone"), phones->str);
      att_flow_field (flow, _("E-mail"), c->email);
      att_flow_field (flow, _("Details checked"), checked);
    }
}

static void
add_siblings (AttFlow     *flow,
              AttCasepack *pack)
{
  static const double widths[] = { 0.35, 0.25, 0.2, 0.2 };
  const char *header[] = { _("Name"), _("UPN"), _("Year and group"), _("Date of birth") };
  guint table;

  if (pack->siblings->len == 0)
    {
      att_flow_text (flow, ATT_FLOW_BODY,
                     _("No other pupil on roll shares a parent or carer with this pupil."));
      return;
    }
  att_flow_text (flow, ATT_FLOW_SMALL,
                 _("Pupils on roll with a parent or carer in common: the same surname and postcode, "
                   "the same e-mail address or the same mobile number."));
  table = att_flow_table (flow, 4, widths, header, TRUE, ATT_FLOW_BODY);
  for (guint i = 0; i < pack->siblings->len; i++)
    {
      AttPupil *sibling = g_ptr_array_index (pack->siblings, i);
      g_autofree char *year = att_year_group_format (sibling->year_group);
      g_autofree char *group = g_strdup_printf ("%s, %s", year, sibling->reg_group);
      g_autofree char *dob = date_text (sibling->dob);
      const char *cells[] = { att_pupil_get_display_name (sibling), sibling->upn, group, dob };

      att_flow_row (flow, table, cells, FALSE);
    }
}

static void
add_letters (AttFlow     *flow,
             AttCasepack *pack)
{
  static const double widths[] = { 0.17, 0.38, 0.27, 0.18 };
  const char *header[] = { _("Date"), _("Letter"), _("To"), _("Sent") };
  guint table;

  if (pack->letters->len == 0)
    {
      att_flow_text (flow, ATT_FLOW_BODY, _("No letter about this pupil is in the letters log."));
      return;
    }
  table = att_flow_table (flow, 4, widths, header, TRUE, ATT_FLOW_BODY);
  for (guint i = 0; i < pack->letters->len; i++)
    {
      AttLetterRecord *letter = g_ptr_array_index (pack->letters, i);
      g_autofree char *date = date_text (letter->date);
      g_autofree char *sent = NULL;

      if (letter->posted != ATT_DATE_NONE)
        {
          g_autofree char *posted = date_text (letter->posted);

          /* Translators: how and when a letter went: "First-class post, Mon 2 Sep 2024" */
          sent = g_strdup_printf (_("%s, %s"), att_letter_delivery_describe (letter->delivery), posted);
        }
      else
        sent = g_strdup_printf (_("%s, not yet sent"), att_letter_delivery_describe (letter->delivery));
      {
        const char *cells[] = { date, letter->subject != NULL ? letter->subject : letter->kind,
                                letter->recipient, sent };

        att_flow_row (flow, table, cells, FALSE);
      }
    }
}

static void
add_declaration (AttFlow     *flow,
                 AttCasepack *pack,
                 const char  *school)
{
  g_autofree char *text = NULL;

  /* Translators: the school's name, then the pupil's name and UPN */
  text = g_strdup_printf (_("I declare that this referral for %2$s (%3$s) has been prepared from the "
                            "records of %1$s; that the registration certificate in it is a true copy "
                            "of the school's attendance register, kept under the School Attendance "
                            "(Pupil Registration) (England) Regulations 2024; and that, to the best of "
                            "my knowledge, the information given is accurate and complete."),
                          school != NULL && *school != '\0' ? school : _("the school"),
                          att_pupil_get_display_name (pack->pupil), pack->pupil->upn);
  _att_certificate_document_add_declaration (flow, text, pack->headteacher);
}

/* ------------------------------------------------------------------ */
/* The document                                                       */
/* ------------------------------------------------------------------ */

static void
att_casepack_document_finalize (GObject *object)
{
  AttCasepackDocument *self = ATT_CASEPACK_DOCUMENT (object);

  g_clear_pointer (&self->pack, att_casepack_free);
  g_clear_pointer (&self->flow, att_flow_free);
  g_free (self->title);
  G_OBJECT_CLASS (att_casepack_document_parent_class)->finalize (object);
}

static void
att_casepack_document_class_init (AttCasepackDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_casepack_document_finalize;
}

static void
att_casepack_document_init (AttCasepackDocument *self)
{
}

static const char *
get_title (AttDocument *document)
{
  return ATT_CASEPACK_DOCUMENT (document)->title;
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
  return att_flow_count_pages (ATT_CASEPACK_DOCUMENT (document)->flow, width, height);
}

static void
draw_page (AttDocument *document,
           cairo_t     *cr,
           double       width,
           double       height,
           guint        page)
{
  att_flow_draw_page (ATT_CASEPACK_DOCUMENT (document)->flow, cr, width, height, page);
}

static void
att_casepack_document_iface_init (AttDocumentInterface *iface)
{
  iface->get_title = get_title;
  iface->get_orientation = get_orientation;
  iface->count_pages = count_pages;
  iface->draw_page = draw_page;
}

static void
draw_year (cairo_t *cr,
           double   width,
           double   height,
           gpointer data)
{
  AttChartStyle style = { FALSE, NULL, 6.0, FALSE };

  att_year_calendar_draw (cr, data, width, height, &style);
}

/* The year at a glance across the page, with what it shows. */
static void
add_year (AttFlow     *flow,
          AttCasepack *pack)
{
  double width = ATT_DOCUMENT_A4_SHORT - 2 * ATT_DOCUMENT_PDF_MARGIN;
  int school_year = att_pupil_year_get_school_year (pack->year);
  g_autofree char *as_of = att_date_format_long (pack->as_of);
  /* Translators: under the year at a glance in the referral pack */
  g_autofree char *text = g_strdup_printf (_("Every session of the school year %d/%02d to %s, shaped and "
                                             "coloured by its code's group; weekends and holidays shaded; "
                                             "the rolling window of the National Framework boxed."),
                                           school_year, (school_year + 1) % 100, as_of);

  att_flow_text (flow, ATT_FLOW_SMALL, text);
  att_flow_drawing (flow, att_year_calendar_height (width), draw_year, att_pupil_year_ref (pack->year),
                    (GDestroyNotify)att_pupil_year_unref);
}

static void
add_section (AttFlow            *flow,
             AttCasepack        *pack,
             AttCasepackSection  section,
             guint               number,
             const char         *school)
{
  g_autofree char *heading = g_strdup_printf ("%u. %s", number,
                                              att_casepack_section_describe (section));

  if (section == ATT_CASEPACK_CERTIFICATE)
    {
      /* The certificate starts on a page of its own, with its own title. */
      att_flow_page_break (flow);
      att_flow_heading (flow, heading);
      _att_certificate_document_add (flow, pack->certificate, school, FALSE);
      att_flow_page_break (flow);
      return;
    }

  if (section == ATT_CASEPACK_DECLARATION)
    att_flow_heading_keep (flow, heading, 5);
  else if (section == ATT_CASEPACK_YEAR_CALENDAR)
    att_flow_heading_keep (flow, heading, 2);
  else
    att_flow_heading (flow, heading);
  switch (section)
    {
    case ATT_CASEPACK_PUPIL:
      add_pupil (flow, pack);
      break;
    case ATT_CASEPACK_PARENTS:
      add_parents (flow, pack);
      break;
    case ATT_CASEPACK_SIBLINGS:
      add_siblings (flow, pack);
      break;
    case ATT_CASEPACK_LETTERS:
      add_letters (flow, pack);
      break;
    case ATT_CASEPACK_DECLARATION:
      add_declaration (flow, pack, school);
      break;
    case ATT_CASEPACK_YEAR_CALENDAR:
      if (pack->year != NULL)
        add_year (flow, pack);
      break;
    case ATT_CASEPACK_SUPPORT:
    case ATT_CASEPACK_CHRONOLOGY:
    case ATT_CASEPACK_CONSIDERATIONS:
    case ATT_CASEPACK_NOTICE_TO_IMPROVE:
      _att_casepack_document_add_case_section (flow, pack, section);
      break;
    case ATT_CASEPACK_CERTIFICATE:
    case ATT_CASEPACK_N_SECTIONS:
    default:
      break;
    }
}

AttDocument *
att_casepack_document_new_for (AttCasepack          *pack,
                               const AttLetterhead  *letterhead,
                               GError              **error)
{
  AttCasepackDocument *self;
  g_autofree char *as_of = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (letterhead != NULL, NULL);

  if (!att_casepack_can_finalise (pack, error))
    {
      att_casepack_free (pack);
      return NULL;
    }

  self = g_object_new (ATT_TYPE_CASEPACK_DOCUMENT, NULL);
  self->pack = pack;
  /* Translators: the print job's name: "Referral pack: Amina Khan" */
  self->title = g_strdup_printf (_("Referral pack: %s"), att_pupil_get_display_name (pack->pupil));
  as_of = att_date_format_long (pack->as_of);
  footer = g_strdup_printf (_("%s · %s (%s) · referral pack as of %s"),
                            letterhead->name ? letterhead->name : "",
                            att_pupil_get_display_name (pack->pupil), pack->pupil->upn, as_of);

  self->flow = att_flow_new (letterhead);
  att_flow_set_running_title (self->flow, self->title);
  att_flow_set_footer (self->flow, footer);
  att_flow_title (self->flow, self->title);
  /* Translators: under the pack's title: the pupil's UPN and the day it was made */
  subtitle = g_strdup_printf (_("UPN %s · prepared on %s"), pack->pupil->upn, as_of);
  att_flow_text (self->flow, ATT_FLOW_BODY, subtitle);

  /* The contents, in the authority's order. */
  {
    static const double widths[] = { 0.08, 0.92 };
    guint table = att_flow_table (self->flow, 2, widths, NULL, FALSE, ATT_FLOW_BODY);

    att_flow_heading (self->flow, _("Contents"));
    for (guint i = 0; i < pack->profile.n_sections; i++)
      {
        g_autofree char *number = g_strdup_printf ("%u.", i + 1);
        const char *cells[] = { number, att_casepack_section_describe (pack->profile.sections[i]) };

        att_flow_row (self->flow, table, cells, FALSE);
      }
  }

  for (guint i = 0; i < pack->profile.n_sections; i++)
    add_section (self->flow, pack, pack->profile.sections[i], i + 1, letterhead->name);
  return ATT_DOCUMENT (self);
}

AttDocument *
att_casepack_document_new (AttDb                *db,
                           gint64                pupil_id,
                           AttDate               as_of,
                           const AttLetterhead  *letterhead,
                           GError              **error)
{
  AttCasepack *pack;

  g_return_val_if_fail (letterhead != NULL, NULL);

  pack = att_casepack_collect (db, pupil_id, as_of, NULL, error);
  if (pack == NULL)
    return NULL;
  return att_casepack_document_new_for (pack, letterhead, error);
}
