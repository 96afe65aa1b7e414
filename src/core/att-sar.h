/* att-sar.h: subject access, everything held about one pupil
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A subject access request is answered with everything the school holds
 * about a pupil: their details, contacts, every mark and every entry and
 * amendment of the register, penalty decisions and the audit log's rows
 * about them. The answer is a list of sections, each a table of records
 * read from one table of the database; the JSON file and the printed
 * document (src/render/att-sar-document.c) are written from it alike,
 * so a table added later (calls, leave, letters, casework) adds one
 * section to both by adding one entry to the list in att-sar.c.
 */
#pragma once

#include <glib-object.h>

#include "att-date.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

typedef enum
{
  ATT_SAR_TEXT,
  ATT_SAR_INT,
  ATT_SAR_BOOL,
  ATT_SAR_DATE,       /* a day number, written YYYY-MM-DD */
  ATT_SAR_TIME,       /* seconds since 1970, written YYYY-MM-DD HH:MM:SS */
  ATT_SAR_SESSION,    /* 0 or 1, written am or pm */
  ATT_SAR_JSON,       /* JSON text, written into the JSON file as it is */
} AttSarType;

typedef struct
{
  const char  *key;       /* "legal_surname": the JSON member */
  const char  *label;     /* untranslated; translated when shown */
  AttSarType   type;
  double       width;     /* share of the printed table's width */
} AttSarField;

typedef struct
{
  const char        *key;       /* "contacts" */
  char              *title;     /* translated "Contacts" */
  gboolean           single;    /* one record (the details), printed as a form */
  const AttSarField *fields;
  guint              n_fields;
  GPtrArray         *records;   /* each a GPtrArray of char* (NULL for none), as printed */
} AttSarSection;

typedef struct
{
  gint64     pupil_id;
  char      *upn;
  char      *name;        /* the pupil's name as shown */
  char      *school;      /* the school's name */
  char      *made_by;     /* who made the export */
  gint64     made_at;     /* seconds since 1970 */
  GPtrArray *sections;    /* AttSarSection */
} AttSar;

void          att_sar_free         (AttSar         *sar);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttSar, att_sar_free)

/* Who may answer a subject access request: an attendance officer, the
 * headteacher or an administrator, as the people who keep pupils'
 * records; a receptionist may not. */
gboolean      att_sar_require      (const AttUser  *user,
                                    GError        **error);

/* Reads everything held about pupil @pupil_id. Writes nothing. */
AttSar       *att_sar_collect      (AttDb          *db,
                                    const AttUser  *user,
                                    gint64          pupil_id,
                                    GError        **error);

/* The JSON document: {"upn", "name", "school", "made_by", "made_at",
 * and one member per section: an object for the details, an array of
 * objects for the others}; indented by two spaces when @pretty, else
 * on one line. */
char         *att_sar_to_json      (AttSar         *sar,
                                    gboolean        pretty);

/* Records in the audit log that @user exported @sar to @files (a
 * sentence naming the files), in its own transaction. */
gboolean      att_sar_record_export (AttDb         *db,
                                     const AttUser *user,
                                     AttSar        *sar,
                                     const char    *files,
                                     GError       **error);

/* The names of the export's two files in @folder:
 * subject-access-UPN.pdf and subject-access-UPN.json. */
void          att_sar_file_paths   (const char     *folder,
                                    const char     *upn,
                                    char          **pdf_path,
                                    char          **json_path);

G_END_DECLS
