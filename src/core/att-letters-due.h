/* att-letters-due.h: which pupils are due which letter of the ladder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The due list for a date holds a row for every pupil on roll who meets a
 * stage of the ladder (att-ladder.h) on that date, with the figures
 * behind it and, line by line, why: the figures over the stage's period,
 * and whether the earlier stages are satisfied (the stage it follows was
 * sent, the minimum gap since the previous letter has passed, a repeat
 * only after recovering above the line, the monitoring period after an
 * earlier letter met its success test or failed).
 *
 * A pupil who meets a stage but must not have its letter is listed too,
 * with the reason: not of compulsory school age, marked "do not send"
 * until a date, postponed until a date, removed by the officer for this
 * qualification, or waiting (an earlier stage not sent, the minimum gap
 * or a monitoring period still running). A warning's figures never hold
 * sessions of agreed leave, and absences the office holds medical
 * evidence for are left out of them, the row saying how many.
 *
 * Letters already sent come from the letters log (att_letters_query());
 * the figures from att-stats (att_stats_pupil(), att_threshold_pupil()).
 */
#pragma once

#include <glib.h>

#include "att-date.h"
#include "att-ladder.h"
#include "att-letter-template.h"
#include "att-letters.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

typedef enum
{
  ATT_LETTER_DUE_DUE,         /* the letter is due: print it */
  ATT_LETTER_DUE_EXCLUDED,    /* meets the stage but excluded (age, do not send) */
  ATT_LETTER_DUE_POSTPONED,   /* the officer postponed it until a date */
  ATT_LETTER_DUE_REMOVED,     /* the officer removed it for this qualification */
  ATT_LETTER_DUE_WAITING,     /* meets the stage, an earlier stage or a gap holds it */
} AttLetterDueStatus;

const char         *att_letter_due_status_to_string (AttLetterDueStatus status);  /* "due", "excluded", "postponed", "removed", "waiting" */
const char         *att_letter_due_status_describe  (AttLetterDueStatus status);  /* translated */

/* The figures a row relies on, over the stage's period. */
typedef struct
{
  double   attendance;            /* percent, over possible (0 with none possible) */
  guint    possible;
  guint    present;               /* attended: present and approved educational activity */
  guint    authorised;
  guint    unauthorised;
  guint    rolling_unauthorised;  /* in the 10 school weeks to as_of (National Framework) */
  guint    lates;                 /* L and U */
  guint    agreed_leave;          /* sessions of agreed leave left out of a warning's figures */
  guint    medical;               /* absences with medical evidence left out of them */
  double   improvement;           /* IMPROVED: points up since the last letter */
} AttLetterDueFigures;

typedef struct
{
  gint64               pupil_id;
  char                *upn;
  char                *name;          /* the pupil's name as known */
  char                *group;         /* registration group */
  int                  year_group;
  char                *stage;         /* the stage's name */
  char                *stage_title;
  char                *template_name;
  AttLetterDelivery    delivery;
  AttDate              period_from;   /* the period the figures cover */
  AttDate              period_to;     /* the due list's date */
  AttLetterDueStatus   status;
  char                *reason;        /* translated: why excluded, waiting, postponed or
                                       * removed; NULL when due */
  AttDate              until;         /* POSTPONED, EXCLUDED by do-not-send: until when */
  AttLetterDueFigures  figures;
  char               **explanation;   /* NULL-terminated translated lines: the
                                       * figures behind it and the earlier stages */
  gint64               last_letter_id; /* the pupil's previous ladder letter, or 0 */
} AttLetterDue;

AttLetterDue       *att_letter_due_copy            (const AttLetterDue *due);
void                att_letter_due_free            (AttLetterDue       *due);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLetterDue, att_letter_due_free)

/* The due list on @as_of: for each pupil on roll on @as_of, at most one
 * row per stage they meet; a pupil due several stages is due only the
 * highest one the ladder allows, the others listed as waiting. Rows in
 * ladder order, then by registration group and surname (AttLetterDue). */
GPtrArray          *att_letters_due                (AttDb              *db,
                                                    AttDate             as_of,
                                                    GError            **error);
/* The same for one pupil. */
GPtrArray          *att_letters_due_for_pupil      (AttDb              *db,
                                                    gint64              pupil_id,
                                                    AttDate             as_of,
                                                    GError            **error);

/* The figures a letter of @stage quotes for pupil @pupil_id over
 * [@from, @to], counted as the due list counts them on @to: without
 * agreed leave or medical absences for a warning, with the rolling
 * unauthorised count to @to. For a letter made again from the log. */
gboolean            att_letters_due_stage_figures  (AttDb              *db,
                                                    const AttLadderStage *stage,
                                                    gint64              pupil_id,
                                                    AttDate             from,
                                                    AttDate             to,
                                                    AttLetterDueFigures *out,
                                                    GError            **error);

/* Fills what the row's letter merges: pupil and pronouns, school,
 * signatory (the letterhead's), letter.date (the row's period_to),
 * figures.* over the row's period (without agreed leave or medical
 * absences for a warning), rolling.*, absences.* (the table of dates
 * and codes), stage.*, meeting.* when the stage invites to a meeting. */
gboolean            att_letters_due_fill_values    (AttDb              *db,
                                                    const AttLetterDue *due,
                                                    AttLetterValues    *values,
                                                    GError            **error);
/* The figures a logged letter keeps (AttLetterRecord's figures): a JSON
 * object of the row's figures. */
char               *att_letters_due_figures_json   (const AttLetterDue *due);

/* Postpones pupil @pupil_id's letter of @stage until @until (after
 * the due list's date; the row is due again on @until); ATT_DATE_NONE
 * clears a postponement. Needs ATT_PERM_LETTERS; audited. */
gboolean            att_letters_due_postpone       (AttDb              *db,
                                                    const AttUser      *user,
                                                    gint64              pupil_id,
                                                    const char         *stage,
                                                    AttDate             until,
                                                    GError            **error);
/* Removes pupil @pupil_id's letter of @stage for this qualification,
 * with a reason: the stage is not due for them again until they have
 * recovered above its line after @as_of and qualify anew. Needs
 * ATT_PERM_LETTERS; audited. */
gboolean            att_letters_due_remove         (AttDb              *db,
                                                    const AttUser      *user,
                                                    gint64              pupil_id,
                                                    const char         *stage,
                                                    AttDate             as_of,
                                                    const char         *reason,
                                                    GError            **error);
/* Ends the removal of pupil @pupil_id's letter of @stage: the row is due
 * again at once if the pupil still qualifies. Needs ATT_PERM_LETTERS;
 * audited. */
gboolean            att_letters_due_unremove       (AttDb              *db,
                                                    const AttUser      *user,
                                                    gint64              pupil_id,
                                                    const char         *stage,
                                                    GError            **error);
/* Marks pupil @pupil_id "do not send" with a reason until @until
 * (inclusive): no ladder letter is due for them meanwhile. ATT_DATE_NONE
 * for @until clears it. Needs ATT_PERM_LETTERS; audited. */
gboolean            att_letters_do_not_send        (AttDb              *db,
                                                    const AttUser      *user,
                                                    gint64              pupil_id,
                                                    const char         *reason,
                                                    AttDate             until,
                                                    GError            **error);

/* A pupil's "do not send", or FALSE (with no error) when there is none
 * holding on @on. @reason and @until may be NULL. */
gboolean            att_letters_do_not_send_get    (AttDb              *db,
                                                    gint64              pupil_id,
                                                    AttDate             on,
                                                    char              **reason,
                                                    AttDate            *until,
                                                    GError            **error);

/* ------------------------------------------------------------------ */
/* Medical evidence                                                   */
/* ------------------------------------------------------------------ */

/* The office records that it holds medical evidence (a note from a
 * doctor, an appointment card) for pupil @pupil_id's absences over
 * [from, to]: those absences are left out of every warning's figures.
 * @note says what the evidence is. Needs ATT_PERM_LETTERS; audited.
 * Returns the id. */
gint64              att_medical_evidence_add       (AttDb              *db,
                                                    const AttUser      *user,
                                                    gint64              pupil_id,
                                                    AttDate             from,
                                                    AttDate             to,
                                                    const char         *note,
                                                    GError            **error);
/* Deletes a record of evidence entered by mistake (audited). */
gboolean            att_medical_evidence_delete    (AttDb              *db,
                                                    const AttUser      *user,
                                                    gint64              id,
                                                    GError            **error);

typedef struct
{
  gint64   id;
  gint64   pupil_id;
  AttDate  from;
  AttDate  to;
  char    *note;
  char    *who;
  gint64   at;
} AttMedicalEvidence;

void                att_medical_evidence_free      (AttMedicalEvidence *evidence);
/* Pupil @pupil_id's evidence (0: every pupil's), by first date. */
GPtrArray          *att_medical_evidence_list      (AttDb              *db,
                                                    gint64              pupil_id,
                                                    GError            **error);

G_END_DECLS
