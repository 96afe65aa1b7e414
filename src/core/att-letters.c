/* att-letters.c: the letter log, the letterhead and the letter settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-letters.h"
#include "att-school.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Delivery                                                           */
/* ------------------------------------------------------------------ */

static const char * const delivery_names[ATT_LETTER_N_DELIVERIES] = {
  "post", "hand", "email", "text",
};

static const char * const delivery_descriptions[ATT_LETTER_N_DELIVERIES] = {
  N_("First-class post"), N_("By hand"), N_("E-mail"), N_("Text message"),
};

const char *
att_letter_delivery_to_string (AttLetterDelivery delivery)
{
  g_return_val_if_fail ((guint)delivery < ATT_LETTER_N_DELIVERIES, NULL);
  return delivery_names[delivery];
}

const char *
att_letter_delivery_describe (AttLetterDelivery delivery)
{
  g_return_val_if_fail ((guint)delivery < ATT_LETTER_N_DELIVERIES, NULL);
  return _(delivery_descriptions[delivery]);
}

gboolean
att_letter_delivery_parse (const char         *text,
                           AttLetterDelivery  *delivery,
                           GError            **error)
{
  g_return_val_if_fail (delivery != NULL, FALSE);

  for (guint i = 0; text != NULL && i < ATT_LETTER_N_DELIVERIES; i++)
    if (g_ascii_strcasecmp (text, delivery_names[i]) == 0)
      {
        *delivery = i;
        return TRUE;
      }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a way of sending a letter: use post, hand, email or text"),
               text != NULL ? text : "");
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Records                                                            */
/* ------------------------------------------------------------------ */

AttLetterRecord *
att_letter_record_new (void)
{
  return g_new0 (AttLetterRecord, 1);
}

void
att_letter_record_free (AttLetterRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->upn);
  g_free (record->contact_ids);
  g_free (record->recipient);
  g_free (record->address);
  g_free (record->kind);
  g_free (record->reference);
  g_free (record->template_name);
  g_free (record->subject);
  g_free (record->figures);
  g_free (record->who);
  g_free (record->position);
  g_free (record);
}

void
att_letter_record_set_recipient (AttLetterRecord          *record,
                                 const AttLetterRecipient *recipient)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  g_return_if_fail (record != NULL);
  g_return_if_fail (recipient != NULL);

  for (guint i = 0; i < recipient->contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (recipient->contacts, i);

      g_string_append_printf (ids, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                              contact->id);
    }
  g_free (record->contact_ids);
  record->contact_ids = g_string_free (g_steal_pointer (&ids), FALSE);
  g_free (record->recipient);
  record->recipient = g_strdup (recipient->addressee);
  g_free (record->address);
  record->address = g_strjoinv ("\n", recipient->address);
}

gboolean
att_letters_marks_seen (AttDb   *db,
                        gint64  *marks_seen,
                        GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (marks_seen != NULL, FALSE);

  stmt = att_db_prepare (db, "SELECT coalesce (max (id), 0) FROM mark_history", error);
  return stmt != NULL && att_db_query_int (db, stmt, marks_seen, _("read the register’s history"), error);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_date_or_null (sqlite3_stmt *stmt,
                   int           column,
                   AttDate       date)
{
  if (date != ATT_DATE_NONE)
    sqlite3_bind_int (stmt, column, date);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
record_check (const AttLetterRecord  *record,
              GError                **error)
{
  if (record->kind == NULL || record->kind[0] == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A letter to log needs its kind, for example leave-agreed"));
      return FALSE;
    }
  if (record->template_name == NULL || record->template_name[0] == '\0'
      || record->template_version == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A letter to log needs the name and version of its template"));
      return FALSE;
    }
  if (record->date == ATT_DATE_NONE)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A letter to log needs the date it bears"));
      return FALSE;
    }
  if (record->recipient == NULL || record->recipient[0] == '\0')
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A letter to log needs the name of whom it is addressed to"));
      return FALSE;
    }
  if ((guint)record->delivery >= ATT_LETTER_N_DELIVERIES)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A letter to log needs how it is sent: post, by hand, e-mail or text"));
      return FALSE;
    }
  if ((record->period_from == ATT_DATE_NONE) != (record->period_to == ATT_DATE_NONE)
      || record->period_to < record->period_from)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The period of a letter’s figures needs a first and a last day, in that order"));
      return FALSE;
    }
  if (record->figures != NULL
      && (!g_str_has_prefix (record->figures, "{") || !g_str_has_suffix (record->figures, "}")))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The figures a letter quotes are logged as a JSON object"));
      return FALSE;
    }
  if (record->posted != ATT_DATE_NONE && record->posted < record->date)
    {
      g_autofree char *posted = att_date_format_long (record->posted);
      g_autofree char *date = att_date_format_long (record->date);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A letter dated %s cannot have been posted on %s, before its date"),
                   date, posted);
      return FALSE;
    }
  return TRUE;
}

/* The record as the audit log keeps it. */
static char *
record_json (const AttLetterRecord *record,
             const char            *upn)
{
  GString *out = g_string_new ("{\"upn\": ");
  char date[ATT_DATE_TEXT_SIZE];

  att_json_append_string (out, upn);
  g_string_append (out, ", \"kind\": ");
  att_json_append_string (out, record->kind);
  g_string_append (out, ", \"template\": ");
  att_json_append_string (out, record->template_name);
  g_string_append_printf (out, ", \"version\": %u, \"date\": \"%s\", \"delivery\": \"%s\"",
                          record->template_version, att_date_format_to (record->date, date),
                          delivery_names[record->delivery]);
  g_string_append (out, ", \"recipient\": ");
  att_json_append_string (out, record->recipient);
  if (record->reference != NULL)
    {
      g_string_append (out, ", \"reference\": ");
      att_json_append_string (out, record->reference);
    }
  if (record->posted != ATT_DATE_NONE)
    g_string_append_printf (out, ", \"posted\": \"%s\"", att_date_format_to (record->posted, date));
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

gint64
att_letters_record (AttDb                  *db,
                    const AttUser          *user,
                    const AttLetterRecord  *record,
                    GError                **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;
  AttPupil *pupil;
  gint64 actor, id, seen = record != NULL ? record->marks_seen : 0;

  g_return_val_if_fail (ATT_IS_DB (db), 0);
  g_return_val_if_fail (user != NULL, 0);
  g_return_val_if_fail (record != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!att_user_require (user, ATT_PERM_LETTERS, error) || !record_check (record, error))
    return 0;
  pupil = att_pupils_get_or_error (db, record->pupil_id, error);
  if (pupil == NULL)
    return 0;

  if (!att_db_begin (db, error))
    return 0;
  if (seen == 0 && !att_letters_marks_seen (db, &seen, error))
    goto failed;
  actor = att_audit_actor (db, user, error);
  stmt = actor != 0 ? att_db_prepare (db,
    "INSERT INTO letters (pupil_id, contact_ids, recipient, address, kind, reference, "
    "template_name, template_version, subject, date, delivery, posted, period_from, period_to, "
    "figures, marks_seen, actor_id, at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    error) : NULL;
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, record->pupil_id);
  sqlite3_bind_text (stmt, 2, record->contact_ids != NULL ? record->contact_ids : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, record->recipient, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, record->address != NULL ? record->address : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, record->kind, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 6, record->reference);
  sqlite3_bind_text (stmt, 7, record->template_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, record->template_version);
  sqlite3_bind_text (stmt, 9, record->subject != NULL ? record->subject : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, record->date);
  sqlite3_bind_text (stmt, 11, delivery_names[record->delivery], -1, SQLITE_STATIC);
  bind_date_or_null (stmt, 12, record->posted);
  bind_date_or_null (stmt, 13, record->period_from);
  bind_date_or_null (stmt, 14, record->period_to);
  bind_text_or_null (stmt, 15, record->figures);
  sqlite3_bind_int64 (stmt, 16, seen);
  sqlite3_bind_int64 (stmt, 17, actor);
  sqlite3_bind_int64 (stmt, 18, att_audit_now ());
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (att_db_get_handle (db));

  detail = g_strdup_printf ("%s: %s (%s v%u) to %s", pupil->upn, record->kind,
                            record->template_name, record->template_version, record->recipient);
  after = record_json (record, pupil->upn);
  if (!att_audit_record (db, user, ATT_AUDIT_LETTER, pupil->id, "letters.record", detail,
                         NULL, after, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  if (!att_db_commit (db, error))
    return 0;
  return id;

failed:
  att_db_rollback (db);
  return 0;
}

#define RECORD_COLUMNS \
  "l.id, l.pupil_id, p.upn, l.contact_ids, l.recipient, l.address, l.kind, l.reference, " \
  "l.template_name, l.template_version, l.subject, l.date, l.delivery, l.posted, " \
  "l.period_from, l.period_to, l.figures, l.marks_seen, a.name, a.position, l.at " \
  "FROM letters l JOIN pupils p ON p.id = l.pupil_id JOIN actors a ON a.id = l.actor_id "

static gpointer
record_from_row (sqlite3_stmt *stmt)
{
  AttLetterRecord *record = att_letter_record_new ();
  g_autofree char *delivery = NULL;

  record->id = sqlite3_column_int64 (stmt, 0);
  record->pupil_id = sqlite3_column_int64 (stmt, 1);
  record->upn = att_db_column_dup (stmt, 2);
  record->contact_ids = att_db_column_dup (stmt, 3);
  record->recipient = att_db_column_dup (stmt, 4);
  record->address = att_db_column_dup (stmt, 5);
  record->kind = att_db_column_dup (stmt, 6);
  record->reference = att_db_column_dup (stmt, 7);
  record->template_name = att_db_column_dup (stmt, 8);
  record->template_version = sqlite3_column_int (stmt, 9);
  record->subject = att_db_column_dup (stmt, 10);
  record->date = sqlite3_column_int (stmt, 11);
  delivery = att_db_column_dup (stmt, 12);
  if (!att_letter_delivery_parse (delivery, &record->delivery, NULL))
    record->delivery = ATT_LETTER_POST;
  record->posted = sqlite3_column_int (stmt, 13);
  record->period_from = sqlite3_column_int (stmt, 14);
  record->period_to = sqlite3_column_int (stmt, 15);
  record->figures = att_db_column_dup (stmt, 16);
  record->marks_seen = sqlite3_column_int64 (stmt, 17);
  record->who = att_db_column_dup (stmt, 18);
  record->position = att_db_column_dup (stmt, 19);
  record->at = sqlite3_column_int64 (stmt, 20);
  return record;
}

GPtrArray *
att_letters_query (AttDb                   *db,
                   const AttLettersFilter  *filter,
                   GError                 **error)
{
  AttLettersFilter any = { 0, NULL, NULL, ATT_DATE_NONE, ATT_DATE_NONE };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (filter == NULL)
    filter = &any;
  stmt = att_db_prepare (db,
    "SELECT " RECORD_COLUMNS
    "WHERE (?1 = 0 OR l.pupil_id = ?1) AND (?2 IS NULL OR l.kind = ?2) "
    "AND (?3 IS NULL OR l.reference = ?3) AND (?4 = 0 OR l.date >= ?4) "
    "AND (?5 = 0 OR l.date <= ?5) ORDER BY l.date, l.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filter->pupil_id);
  bind_text_or_null (stmt, 2, filter->kind);
  bind_text_or_null (stmt, 3, filter->reference);
  sqlite3_bind_int (stmt, 4, filter->from);
  sqlite3_bind_int (stmt, 5, filter->to);
  return att_db_collect (db, stmt, record_from_row, (GDestroyNotify)att_letter_record_free,
                         _("read the letter log"), error);
}

GPtrArray *
att_letters_for_pupil (AttDb   *db,
                       gint64   pupil_id,
                       GError **error)
{
  AttLettersFilter filter = { pupil_id, NULL, NULL, ATT_DATE_NONE, ATT_DATE_NONE };

  g_return_val_if_fail (pupil_id > 0, NULL);

  return att_letters_query (db, &filter, error);
}

AttLetterRecord *
att_letters_get (AttDb   *db,
                 gint64   id,
                 GError **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  stmt = att_db_prepare (db, "SELECT " RECORD_COLUMNS "WHERE l.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rows = att_db_collect (db, stmt, record_from_row, (GDestroyNotify)att_letter_record_free,
                         _("read the letter log"), error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("There is no letter %" G_GINT64_FORMAT " in the log"), id);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

gboolean
att_letters_is_out_of_date (AttDb                  *db,
                            const AttLetterRecord  *record,
                            gboolean               *out_of_date,
                            GError                **error)
{
  sqlite3_stmt *stmt;
  gint64 newer = 0;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (out_of_date != NULL, FALSE);

  *out_of_date = FALSE;
  if (record->period_from == ATT_DATE_NONE)
    return TRUE;
  /* The history's index by session finds the period's rows; the newest
   * id among them says whether any came after the letter's figures. */
  stmt = att_db_prepare (db,
    "SELECT EXISTS (SELECT 1 FROM mark_history WHERE pupil_id = ?1 AND date BETWEEN ?2 AND ?3 "
    "AND id > ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->pupil_id);
  sqlite3_bind_int (stmt, 2, record->period_from);
  sqlite3_bind_int (stmt, 3, record->period_to);
  sqlite3_bind_int64 (stmt, 4, record->marks_seen);
  if (!att_db_query_int (db, stmt, &newer, _("read the register’s history"), error))
    return FALSE;
  *out_of_date = newer != 0;
  return TRUE;
}

gboolean
att_letters_set_posted (AttDb          *db,
                        const AttUser  *user,
                        gint64          id,
                        AttDate         posted,
                        GError        **error)
{
  g_autoptr(AttLetterRecord) record = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *after = NULL;
  char text[ATT_DATE_TEXT_SIZE];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_LETTERS, error))
    return FALSE;
  record = att_letters_get (db, id, error);
  if (record == NULL)
    return FALSE;
  if (record->posted != ATT_DATE_NONE)
    {
      g_autofree char *when = att_date_format_long (record->posted);

      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("Letter %" G_GINT64_FORMAT " to %s was recorded as posted on %s already: "
                     "the log is never changed"), id, record->recipient, when);
      return FALSE;
    }
  if (posted == ATT_DATE_NONE || posted < record->date || posted > att_date_today ())
    {
      g_autofree char *date = att_date_format_long (record->date);

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A letter dated %s is posted on that day or later, and not after today"),
                   date);
      return FALSE;
    }

  if (!att_db_begin (db, error))
    return FALSE;
  stmt = att_db_prepare (db, "UPDATE letters SET posted = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, posted);
  if (!att_db_step_done (db, stmt, error))
    goto failed;
  detail = g_strdup_printf ("%s: letter %" G_GINT64_FORMAT " posted %s", record->upn, id,
                            att_date_format_to (posted, text));
  after = att_audit_json_pair ("posted", text);
  if (!att_audit_record (db, user, ATT_AUDIT_LETTER, record->pupil_id, "letters.posted", detail,
                         NULL, after, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The letterhead and the letter settings                             */
/* ------------------------------------------------------------------ */

static const char * const setting_keys[] = {
  "letters.logo", "letters.signature", "letters.signatory_name", "letters.signatory_role",
  "letters.target", NULL,
};

const char * const *
att_letters_setting_keys (void)
{
  return setting_keys;
}

static char *
setting_or_null (AttDb      *db,
                 const char *key)
{
  char *value = att_db_get_setting (db, key);

  if (value != NULL && value[0] == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* The school's address as lines: as written when it has line breaks,
 * else split at its commas ("Brook Lane, Millbrook, MB4 2QT"). */
static char **
address_lines (const char *address)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_auto(GStrv) parts = NULL;

  if (address == NULL || address[0] == '\0')
    return g_new0 (char *, 1);
  parts = g_strsplit_set (address, strchr (address, '\n') != NULL ? "\n" : ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *line = g_strstrip (g_strdup (parts[i]));

      if (line[0] != '\0')
        g_ptr_array_add (lines, line);
      else
        g_free (line);
    }
  g_ptr_array_add (lines, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

AttLetterhead *
att_letterhead_load (AttDb *db)
{
  g_autoptr(AttSchool) school = NULL;
  AttLetterhead *letterhead;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  school = att_school_load (db);
  letterhead = g_new0 (AttLetterhead, 1);
  letterhead->name = g_strdup (school->name != NULL ? school->name : "");
  letterhead->address = address_lines (school->address);
  letterhead->phone = g_strdup (school->phone);
  letterhead->email = g_strdup (school->email);
  letterhead->logo = setting_or_null (db, "letters.logo");
  letterhead->signature = setting_or_null (db, "letters.signature");
  letterhead->signatory_name = setting_or_null (db, "letters.signatory_name");
  letterhead->signatory_role = setting_or_null (db, "letters.signatory_role");
  /* Without a signatory set, letters are signed by the attendance lead,
   * whose name the school's settings hold (with the role in brackets,
   * "Daniel Osei (Deputy Headteacher)", as many offices write it). */
  if (letterhead->signatory_name == NULL && school->attendance_lead != NULL
      && school->attendance_lead[0] != '\0')
    {
      const char *open = strchr (school->attendance_lead, '(');
      const char *close = open != NULL ? strrchr (open, ')') : NULL;

      if (open != NULL && close != NULL && open > school->attendance_lead)
        {
          letterhead->signatory_name = g_strstrip (g_strndup (school->attendance_lead,
                                                              open - school->attendance_lead));
          if (letterhead->signatory_role == NULL)
            letterhead->signatory_role = g_strndup (open + 1, close - open - 1);
        }
      else
        letterhead->signatory_name = g_strdup (school->attendance_lead);
    }
  if (letterhead->signatory_name == NULL)
    letterhead->signatory_name = g_strdup (school->headteacher != NULL ? school->headteacher : "");
  if (letterhead->signatory_role == NULL)
    letterhead->signatory_role = g_strdup (_("Attendance Lead"));
  return letterhead;
}

void
att_letterhead_free (AttLetterhead *letterhead)
{
  if (letterhead == NULL)
    return;
  g_free (letterhead->name);
  g_strfreev (letterhead->address);
  g_free (letterhead->phone);
  g_free (letterhead->email);
  g_free (letterhead->logo);
  g_free (letterhead->signature);
  g_free (letterhead->signatory_name);
  g_free (letterhead->signatory_role);
  g_free (letterhead);
}

/* A PNG file's signature and its header chunk: what cairo will read. */
static gboolean
check_png (const char  *path,
           GError     **error)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree char *display = g_filename_display_name (path);
  guchar head[16];
  FILE *file = g_fopen (path, "rb");
  size_t got;

  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("Could not read “%s”: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  got = fread (head, 1, sizeof head, file);
  fclose (file);
  if (got < sizeof head || memcmp (head, signature, sizeof signature) != 0
      || memcmp (head + 12, "IHDR", 4) != 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a PNG image: save the picture as PNG and choose that file"),
                   display);
      return FALSE;
    }
  return TRUE;
}

gboolean
att_letters_set_setting (AttDb          *db,
                         const AttUser  *user,
                         const char     *key,
                         const char     *value,
                         GError        **error)
{
  g_autofree char *old = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *detail = NULL;
  gboolean known = FALSE;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_SETTINGS, error))
    return FALSE;
  for (guint i = 0; setting_keys[i] != NULL; i++)
    known |= strcmp (key, setting_keys[i]) == 0;
  if (!known)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a letter setting: use letters.logo, letters.signature, "
                     "letters.signatory_name, letters.signatory_role or letters.target"), key);
      return FALSE;
    }
  if (value == NULL)
    value = "";
  if ((strcmp (key, "letters.logo") == 0 || strcmp (key, "letters.signature") == 0))
    {
      if (value[0] != '\0' && !check_png (value, error))
        return FALSE;
    }
  else if (strcmp (key, "letters.target") == 0)
    {
      char *end = NULL;
      double target = g_ascii_strtod (value, &end);

      /* The attendance the school asks of every pupil, which the
       * half-termly report quotes: a percentage, "" for 96. */
      if (value[0] != '\0' && (end == value || *end != '\0' || target < 50 || target > 100))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The attendance target is a percentage from 50 to 100, such as 96"));
          return FALSE;
        }
    }
  else if (!att_text_check (strcmp (key, "letters.signatory_name") == 0 ? _("signatory") : _("role"),
                            value, ATT_TEXT_NAME_MAX, ATT_TEXT_ONE_LINE, error))
    return FALSE;

  old = att_db_get_setting (db, key);
  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_db_put_setting (db, key, value, error))
    goto failed;
  before = att_audit_json_pair (key, old);
  after = att_audit_json_pair (key, value);
  detail = g_strdup_printf ("%s = %s", key, value);
  if (!att_audit_record (db, user, ATT_AUDIT_SETTING, 0, "school.letters", detail, before, after,
                         error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}
