/* att-register-range.c: marks written over many sessions at once, and
 * taking the last such change back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-calendar.h"
#include "att-register-private.h"
#include "att-register-range.h"

/* Enough to take back a morning's slips without keeping a day's work. */
#define UNDO_MAX_STEPS 100

struct _AttRegisterUndo
{
  GPtrArray *steps;   /* GArray of AttMarkChange, each a step */
};

AttRegisterUndo *
att_register_undo_new (void)
{
  AttRegisterUndo *undo = g_new0 (AttRegisterUndo, 1);

  undo->steps = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  return undo;
}

void
att_register_undo_free (AttRegisterUndo *undo)
{
  if (undo == NULL)
    return;
  g_ptr_array_unref (undo->steps);
  g_free (undo);
}

gboolean
att_register_undo_can_undo (AttRegisterUndo *undo)
{
  g_return_val_if_fail (undo != NULL, FALSE);
  return undo->steps->len > 0;
}

char *
att_register_undo_describe (AttRegisterUndo *undo)
{
  GArray *step;
  const AttMarkChange *change;

  g_return_val_if_fail (undo != NULL, NULL);

  if (undo->steps->len == 0)
    return NULL;
  step = g_ptr_array_index (undo->steps, undo->steps->len - 1);
  change = &g_array_index (step, AttMarkChange, 0);
  if (step->len == 1)
    return g_strdup_printf (_("%s for one session"),
                            change->new_code == ATT_CODE_NONE ? _("Removing a mark")
                                                              : att_code_to_string (change->new_code));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s for %u session", "%s for %u sessions", step->len),
                          change->new_code == ATT_CODE_NONE ? _("Removing marks")
                                                            : att_code_to_string (change->new_code),
                          step->len);
}

void
att_register_undo_push (AttRegisterUndo *undo,
                        GArray          *changes)
{
  g_autoptr(GArray) step = NULL;

  g_return_if_fail (undo != NULL);
  g_return_if_fail (changes != NULL);

  step = att_mark_changes_new ();
  for (guint i = 0; i < changes->len; i++)
    {
      AttMarkChange change = g_array_index (changes, AttMarkChange, i);

      if (change.effect == ATT_WRITE_EFFECT_NONE)
        continue;
      change.old_comment = g_strdup (change.old_comment);
      g_array_append_val (step, change);
    }
  if (step->len == 0)
    return;
  g_ptr_array_add (undo->steps, g_steal_pointer (&step));
  if (undo->steps->len > UNDO_MAX_STEPS)
    g_ptr_array_remove_index (undo->steps, 0);
}

gboolean
att_register_undo (AttRegisterUndo  *undo,
                   AttDb            *db,
                   const AttUser    *user,
                   GError          **error)
{
  g_autoptr(GArray) writes = NULL;
  GArray *step;

  g_return_val_if_fail (undo != NULL, FALSE);
  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (undo->steps->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND, _("There is nothing to undo"));
      return FALSE;
    }

  /* What the sessions hold now is read inside the transaction that writes
   * them back, so a mark someone makes in between is never overwritten. */
  if (!att_db_begin (db, error))
    return FALSE;
  if (db->depth == 1)
    att_register_sync_for_write (db);

  step = g_ptr_array_index (undo->steps, undo->steps->len - 1);
  writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  for (guint i = 0; i < step->len; i++)
    {
      const AttMarkChange *change = &g_array_index (step, AttMarkChange, i);
      AttMark now = { 0, };
      AttMarkWrite w = { 0, };

      if (!att_register_get_mark (db, change->pupil_id, change->date, change->session, &now, error))
        {
          att_db_rollback (db);
          return FALSE;
        }
      if (now.code != change->new_code)
        {
          g_autofree char *where = att_register_describe_session (db, change->pupil_id,
                                                                   change->date, change->session);

          att_mark_clear (&now);
          att_db_rollback (db);
          g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                       _("%s: the mark has changed since, so the last change was not undone"),
                       where);
          return FALSE;
        }
      att_mark_clear (&now);

      w.pupil_id = change->pupil_id;
      w.date = change->date;
      w.session = change->session;
      w.code = change->old_code;
      w.minutes_late = change->old_code == ATT_CODE_L || change->old_code == ATT_CODE_U
                       ? change->old_minutes : -1;
      /* An empty comment removes one the change added. */
      w.comment = change->old_comment != NULL ? change->old_comment : "";
      g_array_append_val (writes, w);
    }

  if (!att_register_write (db, user, (const AttMarkWrite *)(gpointer)writes->data, writes->len,
                           ATT_REGISTER_REASON_UNDONE, ATT_WRITE_DEFAULT, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  if (!att_db_commit (db, error))
    return FALSE;

  g_ptr_array_remove_index (undo->steps, undo->steps->len - 1);
  return TRUE;
}

gboolean
att_register_write_undoable (AttDb               *db,
                             const AttUser       *user,
                             const AttMarkWrite  *writes,
                             guint                n_writes,
                             const char          *reason,
                             AttRegisterUndo     *undo,
                             GError             **error)
{
  g_autoptr(GArray) changes = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_register_write_full (db, user, writes, n_writes, reason, ATT_WRITE_DEFAULT,
                                &changes, error))
    return FALSE;
  if (undo != NULL)
    att_register_undo_push (undo, changes);
  return TRUE;
}

static guint
count_written (GArray *changes)
{
  guint n = 0;

  for (guint i = 0; i < changes->len; i++)
    if (g_array_index (changes, AttMarkChange, i).effect != ATT_WRITE_EFFECT_NONE)
      n++;
  return n;
}

gboolean
att_register_mark_all_present (AttDb          *db,
                               const AttUser  *user,
                               const gint64   *pupil_ids,
                               guint           n_pupils,
                               AttDate         date,
                               AttSession      session,
                               AttRegisterUndo *undo,
                               guint          *n_written,
                               GError        **error)
{
  g_autoptr(GArray) writes = NULL;
  g_autoptr(GArray) changes = NULL;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (pupil_ids != NULL || n_pupils == 0, FALSE);

  if (n_written != NULL)
    *n_written = 0;

  if (!att_calendar_is_school_session (att_db_get_calendar (db), date, session))
    {
      g_autofree char *day = att_date_format_long (date);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("%s %s is not a school session: there is no register to take"),
                   day, att_register_session_label (session));
      return FALSE;
    }

  writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  for (guint i = 0; i < n_pupils; i++)
    {
      AttPupil *pupil = att_pupils_get (db, pupil_ids[i]);
      AttMarkWrite w = { 0, };

      if (pupil == NULL || !att_pupil_on_roll (pupil, date))
        continue;
      w.pupil_id = pupil_ids[i];
      w.date = date;
      w.session = session;
      w.code = session == ATT_SESSION_AM ? ATT_CODE_PRESENT_AM : ATT_CODE_PRESENT_PM;
      w.minutes_late = -1;
      g_array_append_val (writes, w);
    }

  /* Only blank sessions, decided as the marks are written: a mark already
   * taken is never overwritten. */
  if (!att_register_write_full (db, user, (const AttMarkWrite *)(gpointer)writes->data,
                                writes->len, NULL, ATT_WRITE_BLANK_ONLY, &changes, error))
    return FALSE;
  if (undo != NULL)
    att_register_undo_push (undo, changes);
  if (n_written != NULL)
    *n_written = count_written (changes);
  return TRUE;
}

/* The writes of a fill: every pupil on roll x every school session. */
static GArray *
fill_writes (AttDb                    *db,
             const gint64             *pupil_ids,
             guint                     n_pupils,
             const AttRegisterSession *sessions,
             guint                     n_sessions,
             AttCode                   code,
             guint                    *n_skipped)
{
  AttCalendar *calendar = att_db_get_calendar (db);
  GArray *writes = g_array_new (FALSE, TRUE, sizeof (AttMarkWrite));
  guint skipped = 0;

  for (guint p = 0; p < n_pupils; p++)
    {
      AttPupil *pupil = att_pupils_get (db, pupil_ids[p]);

      for (guint s = 0; s < n_sessions; s++)
        {
          AttMarkWrite w = { 0, };

          if (pupil == NULL || !att_pupil_on_roll (pupil, sessions[s].date)
              || !att_calendar_is_school_session (calendar, sessions[s].date, sessions[s].session))
            {
              skipped++;
              continue;
            }
          w.pupil_id = pupil_ids[p];
          w.date = sessions[s].date;
          w.session = sessions[s].session;
          w.code = code;
          w.minutes_late = -1;
          g_array_append_val (writes, w);
        }
    }
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return writes;
}

gboolean
att_register_fill_needs_reason (AttDb                    *db,
                                const gint64             *pupil_ids,
                                guint                     n_pupils,
                                const AttRegisterSession *sessions,
                                guint                     n_sessions,
                                AttCode                   code,
                                guint                    *n_amend)
{
  g_autoptr(GArray) writes = NULL;
  guint amend = 0;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (pupil_ids != NULL || n_pupils == 0, FALSE);
  g_return_val_if_fail (sessions != NULL || n_sessions == 0, FALSE);

  writes = fill_writes (db, pupil_ids, n_pupils, sessions, n_sessions, code, NULL);
  for (guint i = 0; i < writes->len; i++)
    if (att_register_write_effect (db, &g_array_index (writes, AttMarkWrite, i)) == ATT_WRITE_EFFECT_AMEND)
      amend++;
  if (n_amend != NULL)
    *n_amend = amend;
  return amend > 0 || (att_code_is_unable (code) && writes->len > 1);
}

gboolean
att_register_fill (AttDb                    *db,
                   const AttUser            *user,
                   const gint64             *pupil_ids,
                   guint                     n_pupils,
                   const AttRegisterSession *sessions,
                   guint                     n_sessions,
                   AttCode                   code,
                   const char               *reason,
                   AttRegisterUndo          *undo,
                   guint                    *n_written,
                   guint                    *n_skipped,
                   GError                  **error)
{
  g_autoptr(GArray) writes = NULL;
  g_autoptr(GArray) changes = NULL;
  guint skipped = 0;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (pupil_ids != NULL || n_pupils == 0, FALSE);
  g_return_val_if_fail (sessions != NULL || n_sessions == 0, FALSE);

  if (n_written != NULL)
    *n_written = 0;
  if (n_skipped != NULL)
    *n_skipped = 0;

  writes = fill_writes (db, pupil_ids, n_pupils, sessions, n_sessions, code, &skipped);
  if (!att_register_write_full (db, user, (const AttMarkWrite *)(gpointer)writes->data,
                                writes->len, reason, ATT_WRITE_DEFAULT, &changes, error))
    return FALSE;
  if (undo != NULL)
    att_register_undo_push (undo, changes);
  if (n_written != NULL)
    *n_written = count_written (changes);
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return TRUE;
}
