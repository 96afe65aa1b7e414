/* att-cli-private.h: what the parts of attendance-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attendance-core.h"
#include "att-cli-json.h"
#include "att-letter-batch.h"

G_BEGIN_DECLS

/* Exit statuses of the command-line contract (docs/cli.md). */
enum
{
  ATT_CLI_OK = 0,
  ATT_CLI_REFUSED = 1,
  ATT_CLI_USAGE = 2,
};

typedef struct _AttCliContext AttCliContext;
typedef int (*AttCliRunFunc) (AttCliContext *ctx);

typedef struct
{
  const char    *words;      /* "calendar term add" */
  const char    *args;       /* "NAME START END" */
  const char    *options;    /* space separated option names it accepts */
  guint          min_args;
  guint          max_args;
  AttCliRunFunc  run;
  const char    *summary;    /* untranslated, translated when shown */
} AttCliCommand;

struct _AttCliContext
{
  const AttCliCommand *command;
  char                *db_path;
  GPtrArray           *args;      /* positional arguments after the command words */
  GHashTable          *options;   /* option name -> value ("" for flags) */
  AttDb               *db;        /* opened on demand */
  char               **argv;      /* the command line as given */
};

/* Command line */
const char *att_cli_opt           (AttCliContext  *ctx,
                                   const char     *name);
gboolean    att_cli_flag          (AttCliContext  *ctx,
                                   const char     *name);
const char *att_cli_arg           (AttCliContext  *ctx,
                                   guint           index);
guint       att_cli_n_args        (AttCliContext  *ctx);

/* Reports a usage error with the command's usage line; returns 2. */
int         att_cli_usage         (AttCliContext  *ctx,
                                   const char     *format,
                                   ...) G_GNUC_PRINTF (2, 3);
/* Reports a refusal on one line; returns 1. */
int         att_cli_refuse        (const GError   *error);
int         att_cli_refuse_msg    (const char     *format,
                                   ...) G_GNUC_PRINTF (1, 2);

/* The database named on the command line; NULL with the error printed
 * (the caller returns 1). */
AttDb      *att_cli_open_db       (AttCliContext  *ctx);
/* The user of --user. When @required and the option is missing this is a
 * usage error. When optional (the set-up commands) and missing, *user is
 * the system itself while the database has no users, and the command is
 * refused once it has some. Returns an exit status, ATT_CLI_OK to go on. */
int         att_cli_get_user      (AttCliContext  *ctx,
                                   gboolean        required,
                                   AttUser       **user);

/* Option and argument values. Each returns an exit status: ATT_CLI_OK
 * when the value was parsed (or absent, leaving *out unchanged). */
int         att_cli_parse_date    (AttCliContext  *ctx,
                                   const char     *what,
                                   const char     *text,
                                   AttDate        *out);
int         att_cli_opt_date      (AttCliContext  *ctx,
                                   const char     *name,
                                   AttDate        *out);
/* The same, today when the option is not given. */
int         att_cli_opt_date_or_today (AttCliContext *ctx,
                                       const char    *name,
                                       AttDate       *out);
/* Minutes after midnight from an HH:MM option. */
int         att_cli_opt_time      (AttCliContext  *ctx,
                                   const char     *name,
                                   int            *out);
int         att_cli_opt_uint      (AttCliContext  *ctx,
                                   const char     *name,
                                   guint           max,
                                   guint          *out);
int         att_cli_parse_session (AttCliContext  *ctx,
                                   const char     *what,
                                   const char     *text,
                                   AttSession     *out);
/* Finds a pupil by UPN; prints a refusal when there is none. */
AttPupil   *att_cli_find_pupil    (AttDb          *db,
                                   const char     *upn);
/* For a list of one pupil or every pupil ("[UPN]"): opens the database
 * and sets @pupil_id to the pupil of the first argument, or to 0 when
 * there is none. FALSE, with the refusal printed, when the database
 * cannot be opened or the UPN is not on file. */
gboolean    att_cli_optional_pupil (AttCliContext *ctx,
                                    gint64        *pupil_id);
/* "year:N", "Year N", "all" or a registration group: TRUE when @pupil
 * belongs to it. */
gboolean    att_cli_group_matches (const char     *group,
                                   AttPupil       *pupil);

/* --year: R or 1 to 14, -1 when not given. */
int         att_cli_opt_year      (AttCliContext  *ctx,
                                   int            *year);

/* Runs one of the core's CSV imports with --user and --dry-run and prints
 * its summary, or refuses on one line naming every problem. */
typedef gboolean (*AttImportFunc) (AttDb            *db,
                                   const AttUser    *user,
                                   const char       *path,
                                   gboolean          dry_run,
                                   AttImportReport  *report,
                                   GError          **error);
int         att_cli_run_import    (AttCliContext  *ctx,
                                   AttImportFunc   import,
                                   const char     *what);

/* A password read from standard input (one line, its line break left
 * out), or NULL with the refusal printed. Free it with
 * att_cli_free_password (), which wipes it. */
char       *att_cli_read_password (AttCliContext  *ctx);
void        att_cli_free_password (char           *password);

/* Output */
typedef struct _AttCliTable AttCliTable;

AttCliTable *att_cli_table_new    (const char     *first_header,
                                   ...) G_GNUC_NULL_TERMINATED;
/* Right-aligns column @column (numbers). */
void         att_cli_table_align_right (AttCliTable *table,
                                        guint        column);
void         att_cli_table_add_row (AttCliTable   *table,
                                    const char    *first_cell,
                                    ...) G_GNUC_NULL_TERMINATED;
/* Takes a GPtrArray of cells (char*, owned by the table afterwards). */
void         att_cli_table_add_row_array (AttCliTable *table,
                                          GPtrArray   *cells);
void         att_cli_table_add_header (AttCliTable *table,
                                       const char  *header);
void         att_cli_table_print  (AttCliTable    *table);
void         att_cli_table_free   (AttCliTable    *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCliTable, att_cli_table_free)

/* With --json, a writer whose array is begun, else NULL (the command
 * makes its table). */
AttCliJson  *att_cli_begin_list   (AttCliContext  *ctx);
/* The output of a list command: the writer's array, ended and printed,
 * when @writer is set (--json), else the table. */
void         att_cli_print_list   (AttCliJson     *writer,
                                   AttCliTable    *table);

/* A percentage rounded to one decimal, as tables and JSON show it. */
double       att_cli_round_pct    (double          value);
/* "I 2, L 1" */
char        *att_cli_format_codes (const guint    *codes);
char        *att_cli_format_pct   (double          value);

/* Commands */
int att_cli_cmd_init             (AttCliContext *ctx);
int att_cli_cmd_demo             (AttCliContext *ctx);
int att_cli_cmd_users_add        (AttCliContext *ctx);
int att_cli_cmd_users_list       (AttCliContext *ctx);
int att_cli_cmd_users_passwd     (AttCliContext *ctx);
int att_cli_cmd_users_deactivate (AttCliContext *ctx);
int att_cli_cmd_users_activate   (AttCliContext *ctx);
int att_cli_cmd_users_deputy     (AttCliContext *ctx);
int att_cli_cmd_school_set       (AttCliContext *ctx);
int att_cli_cmd_school_show      (AttCliContext *ctx);
int att_cli_cmd_term_add         (AttCliContext *ctx);
int att_cli_cmd_closure_add      (AttCliContext *ctx);
int att_cli_cmd_calendar_show    (AttCliContext *ctx);
int att_cli_cmd_backup           (AttCliContext *ctx);
int att_cli_cmd_check            (AttCliContext *ctx);

int att_cli_cmd_pupils_import    (AttCliContext *ctx);
int att_cli_cmd_contacts_import  (AttCliContext *ctx);
int att_cli_cmd_pupils_list      (AttCliContext *ctx);
int att_cli_cmd_pupils_show      (AttCliContext *ctx);

int att_cli_cmd_mark             (AttCliContext *ctx);
int att_cli_cmd_marks_import     (AttCliContext *ctx);
int att_cli_cmd_marks_export     (AttCliContext *ctx);
int att_cli_cmd_register         (AttCliContext *ctx);
int att_cli_cmd_history          (AttCliContext *ctx);

/* Writes the printed register of GROUP (as `register` reads it) from
 * @first to @last to the PDF file @path. */
int att_cli_register_pdf         (AttCliContext *ctx,
                                  const char    *group,
                                  AttDate        first,
                                  AttDate        last,
                                  const char    *path);
int att_cli_cmd_rollcall         (AttCliContext *ctx);
/* Writes the roll call's PDF to @path; takes @rollcall. */
int att_cli_rollcall_pdf         (AttCliContext *ctx,
                                  AttRollCall   *rollcall,
                                  const char    *path);
/* Writes the subject access export of @pupil_id to @pdf_path and/or
 * @json_path (either may be NULL) and records it: the PDF needs the
 * printed documents, so attendance-cli hands the command to
 * attendance-cli-print as for the other PDFs. */
int att_cli_sar_files            (AttCliContext *ctx,
                                  const AttUser *user,
                                  gint64         pupil_id,
                                  const char    *pdf_path,
                                  const char    *json_path);

int att_cli_cmd_stats            (AttCliContext *ctx);
int att_cli_cmd_threshold        (AttCliContext *ctx);

int att_cli_cmd_audit            (AttCliContext *ctx);
int att_cli_cmd_sar              (AttCliContext *ctx);
int att_cli_cmd_pupils_purge     (AttCliContext *ctx);
/* att-cli-backup.c */
int att_cli_cmd_backup_folder    (AttCliContext *ctx);
int att_cli_cmd_backups_list     (AttCliContext *ctx);
int att_cli_cmd_restore          (AttCliContext *ctx);
int att_cli_cmd_calls_add        (AttCliContext *ctx);
int att_cli_cmd_calls_attempt    (AttCliContext *ctx);
int att_cli_cmd_calls_list       (AttCliContext *ctx);
int att_cli_cmd_late             (AttCliContext *ctx);
int att_cli_cmd_signout          (AttCliContext *ctx);
int att_cli_cmd_latebook         (AttCliContext *ctx);
int att_cli_cmd_firstday         (AttCliContext *ctx);
int att_cli_cmd_la_notify        (AttCliContext *ctx);
int att_cli_cmd_firstday_procedure     (AttCliContext *ctx);
int att_cli_cmd_firstday_procedure_set (AttCliContext *ctx);
int att_cli_cmd_firstday_set           (AttCliContext *ctx);
/* att-cli-leave.c */
int att_cli_cmd_leave_add        (AttCliContext *ctx);
int att_cli_cmd_leave_decide     (AttCliContext *ctx);
int att_cli_cmd_leave_withdraw   (AttCliContext *ctx);
int att_cli_cmd_leave_list       (AttCliContext *ctx);
int att_cli_cmd_leave_letter     (AttCliContext *ctx);
int att_cli_cmd_leave_reviews    (AttCliContext *ctx);
int att_cli_cmd_leave_not_back   (AttCliContext *ctx);
int att_cli_cmd_leave_refused_taken (AttCliContext *ctx);
int att_cli_cmd_leave_settings   (AttCliContext *ctx);
int att_cli_cmd_leave_set        (AttCliContext *ctx);
/* The decision letters of request @leave_id to @path, logged as sent by
 * @user (att-cli-pdf.c; handed to attendance-cli-print). */
int att_cli_leave_letter_pdf     (AttCliContext *ctx,
                                  const AttUser *user,
                                  gint64         leave_id,
                                  const char    *path);

/* att-cli-letters.c */
int att_cli_cmd_letters_log      (AttCliContext *ctx);
int att_cli_cmd_letters_due      (AttCliContext *ctx);
int att_cli_cmd_letters_rules    (AttCliContext *ctx);
int att_cli_cmd_letters_rules_preset (AttCliContext *ctx);
int att_cli_cmd_letters_do_not_send (AttCliContext *ctx);
int att_cli_cmd_letters_postpone (AttCliContext *ctx);
int att_cli_cmd_letters_remove   (AttCliContext *ctx);
int att_cli_cmd_letters_templates (AttCliContext *ctx);
int att_cli_cmd_letters_templates_set (AttCliContext *ctx);
int att_cli_cmd_letters_evidence_add (AttCliContext *ctx);
int att_cli_cmd_letters_evidence_list (AttCliContext *ctx);

/* att-cli-letters-print.c: batches of letters. The PDF of a batch is
 * written by att-cli-letters-pdf.c in attendance-cli-print. */
typedef enum
{
  ATT_CLI_LETTERS_DUE,              /* letters print: the due list's letters */
  ATT_CLI_LETTERS_TEXTS,            /* letters texts: the due list's texts */
  ATT_CLI_LETTERS_HALF_TERM,        /* letters half-term --out */
  ATT_CLI_LETTERS_HALF_TERM_TEXTS,  /* letters half-term --texts */
  ATT_CLI_LETTERS_REPRINT,          /* letters reprint ID... */
  ATT_CLI_LETTERS_REGENERATE,       /* letters regenerate ID... */
} AttCliLetters;

int att_cli_cmd_letters_print    (AttCliContext *ctx);
int att_cli_cmd_letters_texts    (AttCliContext *ctx);
int att_cli_cmd_letters_half_term (AttCliContext *ctx);
int att_cli_cmd_letters_posted   (AttCliContext *ctx);
int att_cli_cmd_letters_reprint  (AttCliContext *ctx);
int att_cli_cmd_letters_regenerate (AttCliContext *ctx);
/* The batch the command line asks for. */
int att_cli_letters_batch        (AttCliContext  *ctx,
                                  AttCliLetters   what,
                                  AttLetterBatch **batch);
/* Reports the data check's problems on standard error and takes their
 * pupils out of @batch; refuses when nothing is left. */
int att_cli_letters_leave_out_problems (AttCliContext  *ctx,
                                  AttLetterBatch *batch);
/* Logs @batch and says so, a line a letter. */
int att_cli_letters_record       (AttCliContext  *ctx,
                                  const AttUser  *user,
                                  AttLetterBatch *batch,
                                  AttLetterDelivery delivery,
                                  AttDate         posted);
/* Writes the batch @what to the PDF @path and, but for a reprint, logs
 * it as sent by @user (handed to attendance-cli-print). */
int att_cli_letters_pdf          (AttCliContext  *ctx,
                                  AttCliLetters   what,
                                  const AttUser  *user,
                                  const char     *path);

/* att-cli-mail.c: the mail server's settings; sending is done by
 * attendance-cli-print (att-cli-mail-send.c), to which attendance-cli
 * hands the command (att-cli-mail-exec.c). */
int att_cli_cmd_mail_show        (AttCliContext *ctx);
int att_cli_cmd_mail_set         (AttCliContext *ctx);
int att_cli_cmd_mail_test        (AttCliContext *ctx);
/* Sends the test message of `mail test` to @address. */
int att_cli_mail_test_send       (AttCliContext *ctx,
                                  const AttUser *user,
                                  const char    *address);
/* att-cli-mail-letters.c: letters email. --letters ID,ID,... as an
 * array of gint64, NULL when not given. */
int att_cli_cmd_letters_email    (AttCliContext *ctx);
int att_cli_parse_letter_ids     (AttCliContext  *ctx,
                                  GArray        **ids);
/* Sends the letters `letters email` asks for (att-cli-mail-send.c). */
int att_cli_letters_email_send   (AttCliContext *ctx,
                                  const AttUser *user);
/* att-cli-penalty.c */
int att_cli_cmd_penalty_consider (AttCliContext *ctx);
int att_cli_cmd_penalty_list     (AttCliContext *ctx);
int att_cli_cmd_penalty_notice   (AttCliContext *ctx);
int att_cli_cmd_penalty_notices  (AttCliContext *ctx);
int att_cli_cmd_penalty_outcome  (AttCliContext *ctx);
int att_cli_cmd_penalty_improve  (AttCliContext *ctx);
int att_cli_cmd_penalty_improve_outcome (AttCliContext *ctx);
int att_cli_cmd_penalty_improvements (AttCliContext *ctx);
int att_cli_cmd_penalty_unconsidered (AttCliContext *ctx);
/* Starts a notice to improve for @pupil_id issued on @issued (@weeks, 0:
 * the school's setting) and writes its letter to @path, logged as sent
 * by @user, all or nothing (att-cli-penalty-pdf.c; handed to
 * attendance-cli-print). */
int att_cli_penalty_improve_pdf  (AttCliContext *ctx,
                                  const AttUser *user,
                                  gint64         pupil_id,
                                  AttDate        issued,
                                  guint          weeks,
                                  const char    *path);

/* Runs attendance-cli-print with the same command line in place of this
 * program (att-cli-pdf-exec.c); returns only when it could not. */
int att_cli_run_print_program    (AttCliContext *ctx);

G_END_DECLS
