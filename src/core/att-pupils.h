/* att-pupils.h: pupils on the admission register, and their contacts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* Year groups: 0 is Reception, 1 to 14 are National Curriculum years. */
#define ATT_YEAR_RECEPTION 0
#define ATT_YEAR_MAX 14

typedef enum
{
  ATT_SEN_NONE = 'N',
  ATT_SEN_SUPPORT = 'K',
  ATT_SEN_EHCP = 'E',
} AttSen;

#define ATT_TYPE_PUPIL (att_pupil_get_type ())
G_DECLARE_FINAL_TYPE (AttPupil, att_pupil, ATT, PUPIL, GObject)

/* The fields are public to the core, the CLI and the app: a pupil from the
 * database's list is a snapshot and must not be changed in place; use
 * att_pupil_copy() and att_pupils_save(). */
struct _AttPupil
{
  GObject  parent_instance;

  gint64   id;
  char    *upn;
  char    *legal_surname;
  char    *legal_forename;
  char    *preferred_surname;   /* NULL when the legal one is used */
  char    *preferred_forename;
  AttDate  dob;
  char     sex;                 /* 'M' or 'F' */
  int      year_group;
  char    *reg_group;
  AttDate  admission;
  AttDate  leaving;             /* ATT_DATE_NONE while on roll */
  gboolean fsm;
  AttSen   sen;
  gboolean eal;
  gboolean looked_after;
  gboolean social_worker;
  gboolean young_carer;
  char    *medical_note;

  /* Derived, filled by att_pupil_update_names(). */
  char    *display_name;        /* "Preferred-forename Preferred-surname" */
  char    *sort_key;            /* surname, forename, collated */

  /* Where a leaver went (another school's name or URN, elective home
   * education, abroad, ...), as the office wrote it; NULL while on roll
   * or when not known (a leaver from an import). */
  char    *leaving_destination;
};

AttPupil     *att_pupil_new             (void);
AttPupil     *att_pupil_copy            (AttPupil      *self);
void          att_pupil_update_names    (AttPupil      *self);
const char   *att_pupil_get_display_name (AttPupil     *self);
const char   *att_pupil_get_forename    (AttPupil      *self);   /* preferred */
const char   *att_pupil_get_surname     (AttPupil      *self);   /* preferred */
/* @text as searches and lists compare names: lower case and without
 * accents, so "celik" finds "Çelik" and "yilmaz" finds "Yılmaz". */
char         *att_name_fold             (const char    *text);
/* On roll on @date: admitted on or before, not yet left. */
gboolean      att_pupil_on_roll         (AttPupil      *self,
                                         AttDate        date);
/* On roll at any point between @from and @to inclusive. */
gboolean      att_pupil_on_roll_between (AttPupil      *self,
                                         AttDate        from,
                                         AttDate        to);
/* The first and last day of compulsory school age of a child born on
 * @dob (domain.md): from the first of 31 March, 31 August or 31 December
 * on or after the fifth birthday, to the last Friday in June of the
 * school year in which the child turns 16, both days included. A
 * birthday on 29 February falls on 1 March in other years. This is the
 * one place the rule lives: X marks and the National Framework check
 * both ask it. */
void          att_compulsory_school_age (AttDate        dob,
                                         AttDate       *first,
                                         AttDate       *last);
/* Of compulsory school age on @date (see att_compulsory_school_age()). */
gboolean      att_pupil_compulsory_age  (AttPupil      *self,
                                         AttDate        date);

/* Appends a sentence to @problems for each pupil with marks outside
 * their roll (before the admission date or after the leaving date), as
 * older data or another program may have left them. */
gboolean      att_pupils_check_roll_marks (AttDb       *db,
                                           GPtrArray   *problems,
                                           GError     **error);

/* UPN: a check letter and 12 digits; a temporary UPN ends in a letter.
 * Returns FALSE with an error that says what is wrong. */
gboolean      att_upn_validate          (const char    *upn,
                                         gboolean      *temporary,
                                         GError       **error);
/* The check letter for the 12 characters after it (digits, or 11 digits
 * and a letter for a temporary UPN); '\0' if they are not valid. */
char          att_upn_check_letter      (const char    *rest);

/* "R" or "1".."14" */
gboolean      att_year_group_parse      (const char    *text,
                                         int           *year,
                                         GError       **error);
char         *att_year_group_format     (int            year);   /* "R", "Year 7" untranslated "7" */
const char   *att_sen_to_string         (AttSen         sen);    /* "N", "K", "E" */

/* Every pupil ever on roll, ordered by surname then forename. Borrowed
 * from the database's cache: ref a pupil to keep it past the next change. */
GPtrArray    *att_pupils_list           (AttDb         *db,
                                         GError       **error);
/* Those of them on roll at any point between @from and @to, in the same
 * order: what a command that looks at a period needs, without reading
 * every pupil ever on roll. A new array of references. */
GPtrArray    *att_pupils_list_on_roll   (AttDb         *db,
                                         AttDate        from,
                                         AttDate        to,
                                         GError       **error);
AttPupil     *att_pupils_get            (AttDb         *db,
                                         gint64         id);      /* borrowed or NULL */
AttPupil     *att_pupils_find           (AttDb         *db,
                                         const char    *upn);     /* borrowed or NULL */
/* The same, with an ATT_ERROR_NOT_FOUND that says there is no such pupil
 * (the one sentence every path uses) when there is none. */
AttPupil     *att_pupils_get_or_error   (AttDb         *db,
                                         gint64         id,
                                         GError       **error);
AttPupil     *att_pupils_find_or_error  (AttDb         *db,
                                         const char    *upn,
                                         GError       **error);
/* Adds (id 0) or updates a pupil after validating every field; role
 * checked and audited. Returns the pupil's id or 0. */
gint64        att_pupils_save           (AttDb         *db,
                                         const AttUser *user,
                                         AttPupil      *pupil,
                                         GError       **error);
/* Records that pupil @pupil_id leaves the roll on @leaving (their last
 * day on roll) for @destination: another school's name or URN,
 * elective home education, moved abroad, or whatever else is known; both
 * are required. The roll-date rule of att_pupils_save() holds: a leaving
 * date is never put before marks the register holds. ATT_PERM_EDIT_PUPILS,
 * audited as "pupils.leave". */
gboolean      att_pupils_leave          (AttDb         *db,
                                         const AttUser *user,
                                         gint64         pupil_id,
                                         AttDate        leaving,
                                         const char    *destination,
                                         GError       **error);
/* Whether att_pupils_leave() would accept @leaving and @destination for
 * @pupil_id, without saving: for a dialog that shows the problem beside
 * its field ("leaving_date" or "leaving_destination" in @field). */
gboolean      att_pupils_leave_check    (AttDb         *db,
                                         gint64         pupil_id,
                                         AttDate        leaving,
                                         const char    *destination,
                                         const char   **field,
                                         GError       **error);
/* Puts a leaver back on roll: clears their leaving date and destination
 * (a leaver recorded by mistake, or who did not go). Refused while the
 * register holds marks after the leaving date (which only older data can
 * have left). ATT_PERM_EDIT_PUPILS, audited as "pupils.return". */
gboolean      att_pupils_clear_leaving  (AttDb         *db,
                                         const AttUser *user,
                                         gint64         pupil_id,
                                         GError       **error);
/* Removes a pupil with no marks (a pupil with marks leaves the roll with a
 * leaving date instead: the register is kept). Role checked. */
gboolean      att_pupils_delete         (AttDb         *db,
                                         const AttUser *user,
                                         gint64         id,
                                         GError       **error);
/* Validates a pupil's fields without saving; the error names the field. */
gboolean      att_pupil_validate        (AttPupil      *pupil,
                                         GError       **error);

/* Contacts */
typedef struct
{
  gint64    id;
  gint64    pupil_id;
  int       priority;             /* 1 is called first */
  char     *title;
  char     *forename;
  char     *surname;
  char     *relationship;
  gboolean  parental_responsibility;
  gboolean  lives_with;
  gboolean  receives_letters;
  char     *phone_home;
  char     *phone_mobile;
  char     *phone_work;
  char     *email;
  char     *address_1;
  char     *address_2;
  char     *town;
  char     *postcode;
  /* The day the contact was added, its details last changed (an edit or
   * an import) or confirmed as still right (att_contacts_confirm());
   * ATT_DATE_NONE when not known. See att-contacts.h. */
  AttDate   details_checked;
} AttContact;

#define ATT_TYPE_CONTACT (att_contact_get_type ())
GType         att_contact_get_type      (void) G_GNUC_CONST;
AttContact   *att_contact_new           (void);
AttContact   *att_contact_copy          (const AttContact *contact);
void          att_contact_free          (AttContact    *contact);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttContact, att_contact_free)
/* "Mrs Amina Khan" */
char         *att_contact_dup_name      (const AttContact *contact);

/* A pupil's contacts in priority order (AttContact, owned). */
GPtrArray    *att_contacts_for_pupil    (AttDb         *db,
                                         gint64         pupil_id,
                                         GError       **error);
/* Adds (id 0) or updates a contact; a pupil's priorities are unique. */
gint64        att_contacts_save         (AttDb         *db,
                                         const AttUser *user,
                                         AttContact    *contact,
                                         GError       **error);
gboolean      att_contact_validate      (const AttContact *contact,
                                         GError       **error);
/* Changes only the phone numbers and e-mail address of the saved contact
 * @contact->id to those of @contact (ATT_PERM_EDIT_CONTACT_NUMBERS, which
 * a receptionist has); refused, naming the field, when any other field
 * of @contact differs from what is saved. Audited as
 * "contacts.numbers"; the details count as checked today. */
gboolean      att_contacts_save_numbers (AttDb         *db,
                                         const AttUser *user,
                                         const AttContact *contact,
                                         GError       **error);
/* Puts @pupil_id's contacts in the order of @ids_in_order, which names
 * each of them once: priorities 1 to @n_ids, in one transaction, audited
 * as "contacts.reorder" with the order before and after. Refused, with
 * nothing changed, when an id is missing, repeated or another pupil's.
 * ATT_PERM_EDIT_PUPILS. */
gboolean      att_contacts_reorder      (AttDb         *db,
                                         const AttUser *user,
                                         gint64         pupil_id,
                                         const gint64  *ids_in_order,
                                         guint          n_ids,
                                         GError       **error);
/* Removes the contact @contact_id of @pupil_id; those called after it
 * move up a place. What was done with the contact stays on file (calls,
 * letters and notices keep their record; the audit row keeps the whole
 * contact). ATT_PERM_EDIT_PUPILS, audited as "contacts.remove". */
gboolean      att_contacts_remove       (AttDb         *db,
                                         const AttUser *user,
                                         gint64         pupil_id,
                                         gint64         contact_id,
                                         GError       **error);

G_END_DECLS
