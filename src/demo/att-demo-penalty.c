/* att-demo-penalty.c: the demo school's penalty notice cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made once the registers, calls, leave and letters are written, through
 * the penalty core as the headteacher and the attendance officer would:
 * among the pupils at the National Framework threshold two months before
 * the as-of date, one was given a notice to improve whose period has
 * ended and whose outcome is recorded; among those at it on the as-of
 * date, one is considered with more support, one is given a notice to
 * improve (its letter in the letters log), one has a penalty notice
 * requested and issued, and the others wait on the Today page for the
 * school's consideration.
 */
#include "config.h"

#include "att-demo-private.h"
#include "att-letter-batch.h"
#include "att-penalty.h"

typedef struct
{
  AttDemo        *demo;
  const AttUser  *head;
  const AttUser  *officer;
  GHashTable     *used;        /* pupil id -> taken */
} Penalty;

static const AttUser *
user_of (AttDemo *demo,
         AttRole  role)
{
  for (guint i = 0; i < demo->users->len; i++)
    if (((AttUser *)demo->users->pdata[i])->role == role)
      return demo->users->pdata[i];
  return NULL;
}

/* The @n-th pupil over the threshold and not yet considered on @as_of,
 * not used yet; 0 for none. */
static gint64
pick (Penalty  *p,
      AttDate   as_of,
      guint     n,
      GError  **error)
{
  g_autoptr(GPtrArray) rows = att_penalty_list (p->demo->db, as_of, error);

  if (rows == NULL)
    return -1;
  for (guint i = 0; i < rows->len; i++)
    {
      const AttPenaltyRow *row = g_ptr_array_index (rows, i);

      AttPupil *pupil = att_pupils_get (p->demo->db, row->pupil_id);

      /* On roll that day: a leaver's count may still reach it. */
      if (!row->over || row->breach.considered || row->improvement_id != 0 ||
          g_hash_table_contains (p->used, &row->pupil_id) ||
          pupil == NULL || !att_pupil_on_roll (pupil, as_of))
        continue;
      if (n-- > 0)
        continue;
      g_hash_table_add (p->used, g_memdup2 (&row->pupil_id, sizeof row->pupil_id));
      return row->pupil_id;
    }
  return 0;
}

static gint64
consider (Penalty             *p,
          gint64               pupil_id,
          AttDate              as_of,
          AttPenaltyDecision   decision,
          const char          *best_tool,
          const char          *agencies,
          const char          *rationale,
          GError             **error)
{
  g_autofree char *support = att_penalty_support_summary (p->demo->db, pupil_id, as_of, error);
  AttPenaltyConsideration c = { 0 };

  if (support == NULL)
    return 0;
  c.pupil_id = pupil_id;
  c.as_of = as_of;
  c.decision = decision;
  c.support_offered = *support != '\0' ? support
                      : (char *)"Letters about attendance; an offer to meet the attendance officer";
  c.notice_best_tool = (char *)best_tool;
  c.equality = (char *)"No disability, special educational need or other protected characteristic "
                       "bears on the absences; the family's first language is English.";
  c.agencies = (char *)agencies;
  c.rationale = (char *)rationale;
  return att_penalty_consider (p->demo->db, p->head, &c, error);
}

/* The notice to improve's letter, logged as posted, when the family has
 * somebody to write to. */
static gboolean
improve_letter (Penalty  *p,
                gint64    notice_id,
                AttDate   date,
                GError  **error)
{
  g_autoptr(AttLetterBatch) batch = att_penalty_improve_letter (p->demo->db, notice_id, date, error);
  GPtrArray *items;

  if (batch == NULL)
    return FALSE;
  if (att_letter_batch_get_problems (batch)->len > 0 || att_letter_batch_get_n_items (batch) == 0)
    return TRUE;
  if (!att_letter_batch_record (p->demo->db, p->officer, batch, ATT_LETTER_POST, date, error))
    return FALSE;
  items = att_letter_batch_get_items (batch);
  return att_penalty_improve_set_letter (p->demo->db, notice_id,
                                         ((AttLetterBatchItem *)g_ptr_array_index (items, 0))->record->id,
                                         error);
}

/* The first contact of @pupil_id with parental responsibility, 0 none. */
static gint64
parent_of (Penalty  *p,
           gint64    pupil_id)
{
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (p->demo->db, pupil_id, NULL);

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      const AttContact *c = g_ptr_array_index (contacts, i);

      if (c->parental_responsibility)
        return c->id;
    }
  return 0;
}

/* Two months before the as-of date: a notice to improve, its period
 * over, its outcome recorded on the as-of date. */
static gboolean
earlier_case (Penalty  *p,
              GError  **error)
{
  AttDate then = p->demo->as_of - 56;
  g_autoptr(AttNoticeToImprove) notice = NULL;
  gint64 pupil, id;

  pupil = pick (p, then, 0, error);
  if (pupil <= 0)
    return pupil == 0;
  if (consider (p, pupil, then, ATT_PENALTY_NOTICE_TO_IMPROVE,
                "A notice to improve first: the family came to the meeting and want to put it right",
                "", "A final chance to improve before a penalty notice is considered", error) == 0)
    return FALSE;
  /* A calendar that does not reach 4 school weeks on has no period. */
  if (att_penalty_improve_end (p->demo->db, then, 4, NULL) >= p->demo->as_of)
    return TRUE;
  id = att_penalty_improve_start (p->demo->db, p->officer, pupil, then, 4, error);
  if (id == 0 || !improve_letter (p, id, then, error))
    return FALSE;
  notice = att_penalty_improve_get (p->demo->db, id, error);
  if (notice == NULL)
    return FALSE;
  return att_penalty_improve_outcome (p->demo->db, p->officer, id,
                                      notice->flagged == 0 ? ATT_IMPROVE_IMPROVED : ATT_IMPROVE_NOT_IMPROVED,
                                      notice->flagged == 0 ? "No unauthorised absence in the period"
                                                           : "Unauthorised absence continued in the period",
                                      error);
}

gboolean
att_demo_write_penalty (AttDemo  *demo,
                        GError  **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Penalty p = { demo, NULL, NULL, used };
  AttDate as_of = demo->as_of;
  gint64 pupil, id;

  p.head = user_of (demo, ATT_ROLE_HEADTEACHER);
  p.officer = user_of (demo, ATT_ROLE_ATTENDANCE_OFFICER);
  /* Nothing is recorded as of a day still to come. */
  if (p.head == NULL || p.officer == NULL || as_of > att_date_today ())
    return TRUE;

  if (!earlier_case (&p, error))
    return FALSE;

  /* More support: the first time at the threshold. */
  if ((pupil = pick (&p, as_of, 0, error)) < 0)
    return FALSE;
  if (pupil > 0 &&
      consider (&p, pupil, as_of, ATT_PENALTY_SUPPORT,
                "Not yet: the absences follow a bereavement and the family is engaging",
                "School nurse; early help team",
                "The school will offer a support plan and mentoring and review in four weeks", error) == 0)
    return FALSE;

  /* A notice to improve, its letter posted. */
  if ((pupil = pick (&p, as_of, 0, error)) < 0)
    return FALSE;
  if (pupil > 0)
    {
      if (consider (&p, pupil, as_of, ATT_PENALTY_NOTICE_TO_IMPROVE,
                    "Yes, after one more chance: support was offered and not taken up", "",
                    "Letters and a meeting have not changed the pattern; a notice to improve gives a final chance",
                    error) == 0)
        return FALSE;
      if (att_penalty_improve_end (demo->db, as_of, 0, NULL) != ATT_DATE_NONE)
        {
          id = att_penalty_improve_start (demo->db, p.officer, pupil, as_of, 0, error);
          if (id == 0 || !improve_letter (&p, id, as_of, error))
            return FALSE;
        }
    }

  /* A penalty notice asked for and issued by the local authority. */
  if ((pupil = pick (&p, as_of, 0, error)) < 0)
    return FALSE;
  if (pupil > 0)
    {
      gint64 parent = parent_of (&p, pupil);

      if (consider (&p, pupil, as_of, ATT_PENALTY_PENALTY_NOTICE,
                    "Yes: a term-time holiday taken after leave was refused", "",
                    "Leave was refused in writing and the holiday was taken anyway", error) == 0)
        return FALSE;
      if (parent != 0)
        {
          id = att_penalty_notice_request (demo->db, p.head, pupil, parent, ATT_PENALTY_NOTICE_FIRST,
                                           as_of, error);
          if (id == 0 ||
              !att_penalty_notice_set_status (demo->db, p.officer, id, ATT_PENALTY_NOTICE_ISSUED, as_of,
                                              "Issued by the local authority", error))
            return FALSE;
        }
    }
  /* The others at the threshold wait for the school's consideration. */
  return TRUE;
}
