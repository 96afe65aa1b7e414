/* att-ctf.h: the Common Transfer File (CTF 24 and 25) coming in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Common Transfer File is the DfE's XML for moving pupils between
 * schools' systems. It is read with GLib's GMarkup parser, never whole
 * into a tree: what is kept of it is the plain records below.
 *
 * What this reader takes from the DfE's CTF specification (the element
 * names; anything not listed is reported as a notice and ignored, never
 * a reason to refuse the file):
 *
 *   CTfile/Header: CTFversion ("24.0", "25.0"), DateTime (when the file
 *     was made), SourceSchool/{LEA, Estab, URN, SchoolName}.
 *   CTfile/CTFpupilData/Pupil: UPN, Surname, Forename, DOB, Sex (CTF 25)
 *     or Gender (CTF 24 and older), both M or F.
 *   Pupil/BasicDetails: PreferredSurname, PreferredForename, NCyearActual
 *     (R, or 1 to 14), RegGroup or RegistrationGroup when a system adds
 *     one (the DfE's file has none), Languages/Type/{LanguageType,
 *     Language}, FSMhistory/FSMinstance/{FSMstartDate, FSMendDate},
 *     InCare/InCareStatus (looked after; LookedAfter is read too).
 *   Pupil/SENhistory/SEN/{StartDate, SENprovision} (N, K or E): the
 *     latest by its start date.
 *   Pupil/Address: BS7666Address/{SAON, PAON, Street, Locality, Town,
 *     PostTown} or AddressLines/AddressLine1..5, and PostCode.
 *   Pupil/Phones/Phone/{TelephoneType, PhoneNo}, Pupil/Email.
 *   Pupil/Contacts/Contact: Order, Title, Forename, Surname,
 *     Relationship (the DfE's codes: PAM mother, PAF father, ...),
 *     Responsibility (parental responsibility), Phones, Email,
 *     AddressAsPupil, Address.
 *   Pupil/Attendance/YearData: Year (the calendar year in which the
 *     school year starts), LEA, Estab, SchoolName, SessionsPossible,
 *     SessionsAuthorised, SessionsAttended, SessionsUnauthorised,
 *     AttendanceStartDate (StartDate is read too) and AttendanceMarks.
 *
 * EAL: the pupil's first language (LanguageType F) is known and is not
 * English (ENG) or believed to be English (ENB); "not obtained" (NOT) and
 * "refused" (REF) leave it as it was. FSM: an FSM instance with no end
 * date, or one ending on or after the day the file was made.
 *
 * The marks string (domain.md: its encoding is unconfirmed, so it is read
 * tolerantly): one code per session, the morning then the afternoon of
 * each weekday, Monday to Friday, from the start date; weekends have no
 * characters, and holidays, closures and days not on roll are in the
 * string as the previous school wrote them (usually "#", or "-" for a
 * session with no mark). A two-character code of the 2024 table (C1, C2,
 * J1, Y1 to Y7) is matched before the single character it begins with,
 * so "C1" is one session of C1, never C then an unknown "1". A character
 * no code begins with is kept as a notice, counted in no total.
 */
#pragma once

#include <glib.h>

#include "att-codes.h"
#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* The counts of a marks string, from att_ctf_marks_count(). */
typedef struct
{
  guint    sessions;       /* sessions the string holds, "-" included */
  guint    possible;
  guint    attended;       /* present and approved educational activity */
  guint    authorised;
  guint    unauthorised;
  guint    not_possible;
  guint    no_mark;        /* "-" */
  guint    unknown;        /* characters no code begins with */
  guint    retired;        /* H, F, J or Y */
  guint    two_character;  /* C1, C2, J1, Y1..Y7 */
  AttDate  first;          /* the day of the first session (a weekday) */
  AttDate  last;           /* the day of the last */
  char    *unknown_text;   /* the unknown characters, each once, or NULL */
} AttCtfCounts;

void          att_ctf_counts_clear     (AttCtfCounts  *counts);

/* Counts @marks from @start (see the header's comment). The session
 * codes found, one per session, are appended to @codes when it is not
 * NULL (ATT_CODE_NONE for "-" and unknown characters). */
void          att_ctf_marks_count      (const char    *marks,
                                        AttDate        start,
                                        AttCtfCounts  *counts,
                                        GArray        *codes);

/* The day of the @index-th session (0 is the first morning) of a string
 * starting on @start: weekdays only. */
AttDate       att_ctf_session_day      (AttDate        start,
                                        guint          index);

/* An address as the CTF gives it, in our contacts' four lines. */
typedef struct
{
  char *line_1;
  char *line_2;
  char *town;
  char *postcode;
} AttCtfAddress;

typedef struct
{
  guint          line;            /* of its <Contact> in the file */
  int            order;           /* 0 when the file gives none */
  char          *title;
  char          *forename;
  char          *surname;
  char          *relationship;    /* in words: "Mother" */
  char          *relationship_code;  /* as the file writes it: "PAM" */
  gboolean       responsibility;
  gboolean       address_as_pupil;
  char          *phone_home;
  char          *phone_mobile;
  char          *phone_work;
  char          *email;
  AttCtfAddress  address;
} AttCtfContact;

/* One YearData block: a school year's attendance at a previous school. */
typedef struct
{
  guint          line;
  int            year;            /* the school year's first calendar year; 0 unknown */
  char          *school_name;
  char          *laestab;         /* LEA and Estab: "9992001" */
  char          *urn;
  AttDate        start;           /* ATT_DATE_NONE when not given */
  /* As the file says them; -1 when absent. */
  int            possible;
  int            attended;
  int            authorised;
  int            unauthorised;
  char          *marks;           /* NULL when absent */
  AttCtfCounts   counts;          /* of the marks, when there are marks */
} AttCtfYear;

typedef struct
{
  guint          position;        /* 1 for the file's first pupil */
  guint          line;
  char          *upn;
  char          *surname;
  char          *forename;
  char          *preferred_surname;
  char          *preferred_forename;
  AttDate        dob;
  char           sex;             /* 'M', 'F' or 0 */
  int            year_group;      /* -1 when not given */
  char          *reg_group;
  int            fsm;             /* -1 not said, 0 no, 1 yes */
  int            sen;             /* 0 not said, else 'N', 'K' or 'E' */
  int            looked_after;    /* -1, 0, 1 */
  int            eal;             /* -1, 0, 1 */
  AttCtfAddress  address;
  char          *phone_home;
  char          *phone_mobile;
  char          *phone_work;
  char          *email;
  GPtrArray     *contacts;        /* AttCtfContact */
  GPtrArray     *years;           /* AttCtfYear */
  GPtrArray     *notices;         /* char*: what was not understood */
  GPtrArray     *problems;        /* char*: what stops the pupil being imported */
} AttCtfPupil;

typedef struct
{
  char          *name;            /* the file's base name */
  char          *version;         /* "25.0"; NULL when the file gives none */
  AttDate        made;            /* Header/DateTime; ATT_DATE_NONE */
  char          *source_name;
  char          *source_laestab;
  char          *source_urn;
  GPtrArray     *pupils;          /* AttCtfPupil */
  GPtrArray     *notices;         /* char*: about the file as a whole */
} AttCtfFile;

void          att_ctf_file_free        (AttCtfFile    *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCtfFile, att_ctf_file_free)

/* Reads a CTF from @data (@name is the file's name, for messages). Fails
 * with an ATT_ERROR_IMPORT naming the line when the XML is not well
 * formed, or the file is not a CTF (its root is not CTfile). A pupil's
 * own faults (no UPN, an invalid one, no date of birth) are problems of
 * that pupil, named by UPN or position and element. */
AttCtfFile   *att_ctf_parse            (const char    *data,
                                        gsize          length,
                                        const char    *name,
                                        GError       **error);
AttCtfFile   *att_ctf_read_file        (const char    *path,
                                        GError       **error);

/* "PAM" -> "Mother"; NULL for a code not known here. Untranslated. */
const char   *att_ctf_relationship_name (const char   *code);

/* What importing a file would change. */
typedef enum
{
  ATT_CTF_NEW,
  ATT_CTF_UPDATED,
  ATT_CTF_UNCHANGED,
  ATT_CTF_REFUSED,        /* the pupil has problems: nothing is imported */
} AttCtfStatus;

typedef struct
{
  const char *field;      /* "legal_surname": as the pupils' CSV calls it */
  const char *label;      /* translated "Surname" */
  char       *old_value;  /* as shown: "No", "K", "2013-04-02" */
  char       *new_value;
} AttCtfChange;

typedef enum
{
  ATT_CTF_CONTACT_ADDED,
  ATT_CTF_CONTACT_CHANGED,
  ATT_CTF_CONTACT_UNCHANGED,
} AttCtfContactStatus;

typedef struct
{
  AttCtfContactStatus  status;
  char                *name;         /* "Mrs Sana Khan" */
  char                *relationship;
  int                  priority;     /* what it is saved with */
  char                *note;         /* translated; NULL: e.g. not merged on name alone */
  GPtrArray           *changes;      /* AttCtfChange, for a changed contact */
  gpointer             contact;      /* AttContact to save (NULL when unchanged) */
} AttCtfContactPlan;

typedef struct
{
  const AttCtfYear *year;            /* borrowed from the file */
  gboolean          held;            /* the same is already kept: not added again */
  GPtrArray        *differences;     /* char*: "possible: 20 in the file, 21 in the marks" */
} AttCtfYearPlan;

typedef struct
{
  const AttCtfPupil *pupil;          /* borrowed from the file */
  AttCtfStatus       status;
  gint64             pupil_id;       /* 0 for a new pupil */
  char              *name;           /* "Amina Khan" */
  GPtrArray         *changes;        /* AttCtfChange */
  GPtrArray         *contacts;       /* AttCtfContactPlan */
  GPtrArray         *years;          /* AttCtfYearPlan */
  GPtrArray         *notices;        /* char*, translated: the pupil's own and the plan's */
  GPtrArray         *problems;       /* char*: any one refuses the file */
  gpointer           record;         /* AttPupil to save */
} AttCtfPupilPlan;

typedef struct
{
  AttCtfFile *file;
  char       *path;
  AttDate     admission;             /* for new pupils; ATT_DATE_NONE until chosen */
  GPtrArray  *pupils;                /* AttCtfPupilPlan, in the file's order */
  guint       n_new;
  guint       n_updated;
  guint       n_unchanged;
  guint       n_refused;
  guint       n_contacts_added;
  guint       n_contacts_changed;
  guint       n_contacts_unchanged;
  guint       n_years;               /* previous attendance to keep */
  guint       n_years_held;
} AttCtfPlan;

void          att_ctf_plan_free        (AttCtfPlan    *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCtfPlan, att_ctf_plan_free)

/* Reads @path and compares it with the database: writes nothing. Each
 * pupil is matched on UPN. A contact is the same contact only when the
 * pupil, the name AND a telephone number (its digits) or e-mail address
 * (without case) are the same: a contact of the same name with other
 * details is added as a new contact, and the plan says so. */
AttCtfPlan   *att_ctf_plan_new         (AttDb         *db,
                                        const char    *path,
                                        GError       **error);
/* The admission date of the new pupils: the caller's choice (the day
 * they join this school), required when the plan has new pupils. */
void          att_ctf_plan_set_admission (AttCtfPlan  *plan,
                                          AttDate      admission);
/* Every problem of the plan in one sentence ("pupil 2 (UPN ...): ..."),
 * or NULL when it has none. */
char         *att_ctf_plan_format_problems (AttCtfPlan *plan);

/* Writes the plan in one transaction (ATT_PERM_IMPORT and the rights of
 * att_pupils_save() and att_contacts_save()), with one audit row for the
 * file ("ctf.import"). The previous schools' attendance goes to its own
 * table, never into the register. Refuses, writing nothing, when the
 * plan has problems or new pupils and no admission date. */
gboolean      att_ctf_plan_apply       (AttDb         *db,
                                        const AttUser *user,
                                        AttCtfPlan    *plan,
                                        GError       **error);

/* A previous school's attendance as kept (previous_attendance). */
typedef struct
{
  gint64        id;
  gint64        pupil_id;
  char         *school_name;
  char         *laestab;
  char         *urn;
  int           year;
  AttDate       start;
  int           possible;        /* as the file said them; -1 when absent */
  int           attended;
  int           authorised;
  int           unauthorised;
  char         *marks;
  int           counted_possible;  /* from the marks; -1 when there were none */
  int           counted_attended;
  int           counted_authorised;
  int           counted_unauthorised;
  char         *source_file;
  char         *who;
  gint64        at;
} AttPreviousYear;

void          att_previous_year_free (AttPreviousYear *row);
/* A pupil's previous schools' attendance, by start date (owned). */
GPtrArray    *att_previous_attendance_for_pupil (AttDb   *db,
                                                 gint64   pupil_id,
                                                 GError **error);
/* "possible 20 in the file, 21 from the marks; ..." or NULL when the
 * totals agree (or there are no marks to count). */
char         *att_previous_attendance_differences (const AttPreviousYear *row);

G_END_DECLS
