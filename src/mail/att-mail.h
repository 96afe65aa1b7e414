/* att-mail.h: e-mail through the school's mail server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message (AttMailMessage) is built as MIME text by
 * att_mail_message_to_bytes() and sent with libcurl's SMTP by
 * att_mail_send(), through the server of the school's settings
 * (att-mail-settings.h in the core). Letters go by e-mail with
 * att_letter_batch_email(): each letter of a batch whose recipient has an
 * e-mail address is sent as a PDF attachment with a short plain body and
 * logged as e-mailed on the day it went.
 *
 * A failure says what failed, in words an office can act on: the server
 * could not be found or reached (ATT_ERROR_MAIL), the secure connection
 * failed or the server's certificate is not trusted (ATT_ERROR_MAIL), the
 * user name or password was refused (ATT_ERROR_MAIL), or the server
 * refused the recipient's address (ATT_ERROR_MAIL_RECIPIENT: only that
 * message is affected, the next may go).
 */
#pragma once

#include <glib.h>

#include "att-date.h"
#include "att-letter-batch.h"
#include "att-letters.h"
#include "att-mail-settings.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* Messages                                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  char    *filename;       /* "Letter for Amina Khan.pdf" */
  char    *content_type;   /* "application/pdf" */
  GBytes  *data;
} AttMailAttachment;

typedef struct
{
  char       *from_address;   /* "office@school.example" */
  char       *from_name;      /* may hold any UTF-8; NULL for none */
  char       *to_address;
  char       *to_name;        /* NULL for none */
  char       *reply_to;       /* NULL for none */
  char       *subject;
  char       *body;           /* plain text, UTF-8, lines separated by '\n' */
  GPtrArray  *attachments;    /* AttMailAttachment */
  GDateTime  *date;           /* NULL: the moment it is built */
  char       *message_id;     /* NULL: made when built, "<random@from-domain>" */
} AttMailMessage;

AttMailMessage     *att_mail_message_new          (void);
void                att_mail_message_free         (AttMailMessage   *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttMailMessage, att_mail_message_free)

/* A message from the school's settings (from, reply-to) to @to_address. */
AttMailMessage     *att_mail_message_new_from_settings (const AttMailSettings *settings,
                                                        const char       *to_address,
                                                        const char       *to_name,
                                                        const char       *subject,
                                                        const char       *body);

/* Adds an attachment (the message keeps a reference to @data). */
void                att_mail_message_attach       (AttMailMessage   *message,
                                                   const char       *filename,
                                                   const char       *content_type,
                                                   GBytes           *data);

/* The message as MIME (RFC 5322, 2045-2047, 2231) with CRLF line ends:
 * Date, Message-ID, From, To, Reply-To, Subject (non-ASCII words as
 * encoded words), MIME-Version; multipart/mixed when it has attachments,
 * the text as text/plain; charset=UTF-8 in quoted-printable, each
 * attachment in base64 with its filename. Fills the message's date and
 * Message-ID when unset. Refuses an address that is not one or a header
 * that holds a line break (ATT_ERROR_INVALID). */
GBytes             *att_mail_message_to_bytes     (AttMailMessage   *message,
                                                   GError          **error);

/* ------------------------------------------------------------------ */
/* Sending                                                            */
/* ------------------------------------------------------------------ */

/* Sends @message through the server of @settings: connects (TLS from the
 * start, or STARTTLS, required, unless the settings say none), checks the
 * server's certificate against the system's authorities and the
 * settings' CA file, signs in when a user name is set, and sends. Blocks
 * until the server answers (at most 30 seconds to connect, 2 minutes in
 * all); call it from a thread in a window. */
gboolean            att_mail_send                 (const AttMailSettings *settings,
                                                   AttMailMessage   *message,
                                                   GError          **error);

/* A short test message from the school to @to_address, sent through the
 * settings, to check them. */
gboolean            att_mail_send_test            (const AttMailSettings *settings,
                                                   const char       *school_name,
                                                   const char       *to_address,
                                                   GError          **error);

/* ------------------------------------------------------------------ */
/* Letters by e-mail                                                  */
/* ------------------------------------------------------------------ */

typedef enum
{
  ATT_MAIL_SENT,          /* sent and logged */
  ATT_MAIL_NO_ADDRESS,    /* the recipient has no e-mail address: not sent */
  ATT_MAIL_REFUSED,       /* the server refused this recipient: not sent */
  ATT_MAIL_FAILED,        /* could not be sent (server, connection, letter): not sent */
} AttMailOutcome;

/* What became of one letter of a batch. */
typedef struct
{
  guint           index;       /* the item's place in the batch */
  gint64          pupil_id;
  char           *recipient;   /* the addressee */
  char           *address;     /* the e-mail address, or NULL */
  AttMailOutcome  outcome;
  char           *message;     /* translated: why it was not sent; NULL when sent */
  gint64          letter_id;   /* the log's row when sent */
} AttMailResult;

void                att_mail_result_free          (AttMailResult    *result);

/* Sends each letter of @batch whose recipient has an e-mail address, as
 * its PDF (drawn with @letterhead) attached to a short plain message, and
 * logs each one as it goes (delivery e-mail, sent on @sent): a letter
 * that fails does not undo the log of those sent before it. A letter
 * whose recipient has no address is not sent and says so in the results.
 * After a failure of the server itself (cannot connect, secure connection,
 * sign-in) the rest are not tried and say why. Needs ATT_PERM_LETTERS
 * and the mail server set up. Returns the results, one per item in batch
 * order (AttMailResult), or NULL with an error when nothing could be
 * tried. */
GPtrArray          *att_letter_batch_email        (AttDb            *db,
                                                   const AttUser    *user,
                                                   AttLetterBatch   *batch,
                                                   const AttLetterhead *letterhead,
                                                   AttDate           sent,
                                                   GError          **error);

G_END_DECLS
