/* att-letters.h: who receives a pupil's letters, and the log of letters sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A letter goes to every contact who has parental responsibility and
 * receives letters, one letter per address: parents at one address get
 * one letter addressed to both, a parent living elsewhere gets their own
 * (att_letter_recipients_for_pupil()). Before a batch is printed, the data
 * check lists what would make a letter wrong (att_letters_check_pupil()).
 *
 * Every letter printed, e-mailed or texted is logged (att_letters_record())
 * and never edited: the pupil, who it was addressed to and where, the kind
 * of letter, the template and its version, the date, who sent it, how it
 * went and when, and the figures it quoted. The log remembers the newest
 * row of the register's history when the letter's figures were read, so
 * a letter whose period has had a mark entered or amended since is out
 * of date (att_letters_is_out_of_date()) and must be made again.
 */
#pragma once

#include <glib-object.h>

#include "att-date.h"
#include "att-letter-template.h"
#include "att-pupils.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;

/* ------------------------------------------------------------------ */
/* Delivery                                                           */
/* ------------------------------------------------------------------ */

typedef enum
{
  ATT_LETTER_POST,      /* first-class post */
  ATT_LETTER_BY_HAND,
  ATT_LETTER_EMAIL,
  ATT_LETTER_TEXT,      /* a text message */
  ATT_LETTER_N_DELIVERIES
} AttLetterDelivery;

const char         *att_letter_delivery_to_string  (AttLetterDelivery  delivery);  /* "post", "hand", "email", "text" */
const char         *att_letter_delivery_describe   (AttLetterDelivery  delivery);  /* translated "First-class post" */
gboolean            att_letter_delivery_parse      (const char        *text,
                                                    AttLetterDelivery *delivery,
                                                    GError           **error);

/* ------------------------------------------------------------------ */
/* Recipients                                                         */
/* ------------------------------------------------------------------ */

/* One letter's addressee: one or more contacts at one address. */
typedef struct
{
  GPtrArray  *contacts;     /* AttContact, owned copies, in priority order */
  char       *addressee;    /* "Mrs Amina Khan and Mr Tariq Khan" */
  char       *title;        /* "Mrs and Mr": the titles, for the merge field */
  char       *salutation;   /* "Dear Mrs Khan and Mr Khan" */
  char      **address;      /* NULL-terminated lines: the addressee, then
                             * each line of the postal address */
  char       *email;        /* the first contact's e-mail, or NULL */
  char       *mobile;       /* the first contact's mobile, or NULL */
} AttLetterRecipient;

void                att_letter_recipient_free      (AttLetterRecipient *recipient);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLetterRecipient, att_letter_recipient_free)

/* Whom the pupil's letters go to: the contacts with parental
 * responsibility who receive letters and have a postal address (address
 * line and postcode), grouped by address (compared without case, spaces
 * or punctuation), in the order of their first contact's priority. A new
 * array of AttLetterRecipient; empty when there is none (the data check
 * says why). */
GPtrArray          *att_letter_recipients_for_pupil (AttDb            *db,
                                                    gint64            pupil_id,
                                                    GError          **error);
/* The same from contacts already read (AttContact, of one pupil). */
GPtrArray          *att_letter_recipients_from_contacts (GPtrArray    *contacts);

/* Whom the pupil's letters go to by e-mail: every contact with parental
 * responsibility who receives letters and has an e-mail address, postal
 * address or not. Contacts at one postal address who share one e-mail
 * address (compared without case) are one recipient; those at different
 * addresses, or with different e-mail addresses, each their own. A
 * contact with no e-mail address at an address where another has one is
 * addressed in that message too. In the order of each recipient's first
 * contact's priority. */
GPtrArray          *att_letter_recipients_for_email_from_contacts (GPtrArray *contacts);
/* The recipients for @delivery: by e-mail as above, otherwise by postal
 * address (att_letter_recipients_for_pupil()). */
GPtrArray          *att_letter_recipients_for_pupil_by (AttDb             *db,
                                                       gint64             pupil_id,
                                                       AttLetterDelivery  delivery,
                                                       GError           **error);

/* recipient.*: name (the addressee), title, salutation, address (the
 * postal lines, one a line), email. */
void                att_letter_values_set_recipient (AttLetterValues        *values,
                                                    const AttLetterRecipient *recipient);

/* ------------------------------------------------------------------ */
/* The data check                                                     */
/* ------------------------------------------------------------------ */

typedef enum
{
  ATT_LETTER_PROBLEM_NO_RECIPIENT,  /* no contact with parental responsibility receives letters */
  ATT_LETTER_PROBLEM_NO_ADDRESS,    /* a contact who receives letters has no postal address */
  ATT_LETTER_PROBLEM_MARKS,         /* the letter's period holds N or unmarked sessions */
  ATT_LETTER_PROBLEM_NO_MOBILE,     /* a text is due but no such contact has a mobile */
  ATT_LETTER_PROBLEM_NO_EMAIL,      /* an e-mail is due but no such contact (or not this one) has an address */
} AttLetterProblemKind;

typedef struct
{
  gint64                pupil_id;
  gint64                contact_id;   /* 0 when about the pupil */
  AttLetterProblemKind  kind;
  char                 *message;      /* translated, names the pupil and the contact */
} AttLetterProblem;

void                att_letter_problem_free        (AttLetterProblem  *problem);

/* Appends to @problems (AttLetterProblem, the array frees them) what
 * would make a letter to pupil @pupil_id wrong: a contact with parental
 * responsibility who receives letters but has no postal address, and no
 * contact with parental responsibility who receives letters at all.
 * Returns FALSE only for an error. */
gboolean            att_letters_check_pupil        (AttDb            *db,
                                                    gint64            pupil_id,
                                                    GPtrArray        *problems,
                                                    GError          **error);
/* The same for a letter sent by @delivery: by e-mail, a contact who
 * receives letters and whom no e-mail reaches (no e-mail address, and no
 * one at their postal address has one) is the problem, not a missing
 * postal address; when no one has an e-mail address, that is one problem
 * about the pupil. */
gboolean            att_letters_check_pupil_for    (AttDb             *db,
                                                    gint64             pupil_id,
                                                    AttLetterDelivery  delivery,
                                                    GPtrArray         *problems,
                                                    GError           **error);

/* ------------------------------------------------------------------ */
/* The log                                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  gint64             id;            /* 0 until recorded */
  gint64             pupil_id;
  char              *upn;           /* filled when read */
  char              *contact_ids;   /* "12,13": the contacts addressed */
  char              *recipient;     /* the addressee as printed */
  char              *address;       /* the address block as printed, lines joined by '\n' */
  char              *kind;          /* "leave-agreed", a ladder stage's name */
  char              *reference;     /* what it answers, "leave:42"; NULL for none */
  char              *template_name;
  guint              template_version;
  char              *subject;
  AttDate            date;          /* the date the letter bears */
  AttLetterDelivery  delivery;
  AttDate            posted;        /* posted, handed or sent; ATT_DATE_NONE if not yet */
  AttDate            period_from;   /* the period its figures cover, or ATT_DATE_NONE */
  AttDate            period_to;
  char              *figures;       /* the figures quoted, a JSON object, or NULL */
  gint64             marks_seen;    /* the newest mark_history id when the figures were
                                     * read; 0 when recording means "now" */
  /* Filled when read from the log. */
  char              *who;           /* who recorded it */
  char              *position;
  gint64             at;            /* seconds since 1970 */
} AttLetterRecord;

AttLetterRecord    *att_letter_record_new          (void);
void                att_letter_record_free         (AttLetterRecord  *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLetterRecord, att_letter_record_free)

/* Fills the record's recipient, address and contact_ids from @recipient. */
void                att_letter_record_set_recipient (AttLetterRecord *record,
                                                    const AttLetterRecipient *recipient);

/* The newest row of the register's history: what a letter whose figures
 * are read now has seen. */
gboolean            att_letters_marks_seen         (AttDb            *db,
                                                    gint64           *marks_seen,
                                                    GError          **error);

/* Logs a letter, in the caller's transaction when one is open (its own
 * otherwise), with an audit row of kind letter. Needs ATT_PERM_LETTERS.
 * The record needs a pupil, a kind, a template name and version, a date
 * and an addressee; marks_seen 0 is taken as the history now. Returns
 * the new id, 0 with an error. */
gint64              att_letters_record             (AttDb            *db,
                                                    const AttUser    *user,
                                                    const AttLetterRecord *record,
                                                    GError          **error);

/* Records the day a logged letter was posted, handed over or sent, for a
 * letter logged before it went; set once (ATT_ERROR_RULE when it is set
 * already), needs ATT_PERM_LETTERS, audited. */
gboolean            att_letters_set_posted         (AttDb            *db,
                                                    const AttUser    *user,
                                                    gint64            id,
                                                    AttDate           posted,
                                                    GError          **error);

typedef struct
{
  gint64       pupil_id;     /* 0 for any */
  const char  *kind;         /* NULL for any */
  const char  *reference;    /* NULL for any */
  AttDate      from;         /* the letter's date; ATT_DATE_NONE for an open end */
  AttDate      to;
} AttLettersFilter;

/* The logged letters the filter lets through, oldest first (AttLetterRecord). */
GPtrArray          *att_letters_query              (AttDb            *db,
                                                    const AttLettersFilter *filter,
                                                    GError          **error);
/* Pupil @pupil_id's letters, oldest first. */
GPtrArray          *att_letters_for_pupil          (AttDb            *db,
                                                    gint64            pupil_id,
                                                    GError          **error);
/* One logged letter, or NULL with ATT_ERROR_NOT_FOUND. */
AttLetterRecord    *att_letters_get                (AttDb            *db,
                                                    gint64            id,
                                                    GError          **error);

/* Whether a mark of the letter's period was entered or amended after its
 * figures were read: a row of the register's history for the pupil,
 * dated in [period_from, period_to], newer than marks_seen. A letter
 * with no period is never out of date. */
gboolean            att_letters_is_out_of_date     (AttDb            *db,
                                                    const AttLetterRecord *record,
                                                    gboolean         *out_of_date,
                                                    GError          **error);

/* ------------------------------------------------------------------ */
/* The letterhead                                                     */
/* ------------------------------------------------------------------ */

/* What every letter's head and foot show, read from the school's
 * settings. */
typedef struct
{
  char   *name;
  char  **address;          /* NULL-terminated lines of the school's address */
  char   *phone;
  char   *email;
  char   *logo;             /* a PNG file's path, or NULL */
  char   *signature;        /* a PNG of the usual signatory's signature, or NULL */
  char   *signatory_name;   /* who signs letters; the attendance lead by default */
  char   *signatory_role;   /* "Attendance Lead" by default */
} AttLetterhead;

AttLetterhead      *att_letterhead_load            (AttDb            *db);
void                att_letterhead_free            (AttLetterhead    *letterhead);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLetterhead, att_letterhead_free)

/* The letter settings, NULL-terminated: "letters.logo",
 * "letters.signature" (paths to PNG images, "" to clear),
 * "letters.signatory_name", "letters.signatory_role", "letters.target" (the
 * attendance the school asks of every pupil, in percent, "" for 96). */
const char * const *att_letters_setting_keys       (void);
/* Validates and stores one letter setting (ATT_PERM_SETTINGS, audited):
 * an image must be a PNG file that can be read. */
gboolean            att_letters_set_setting        (AttDb            *db,
                                                    const AttUser    *user,
                                                    const char       *key,
                                                    const char       *value,
                                                    GError          **error);

G_END_DECLS
