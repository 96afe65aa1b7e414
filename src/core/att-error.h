/* att-error.h: the error domain of the Attendance core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATT_ERROR (att_error_quark ())

/**
 * AttError:
 * @ATT_ERROR_INVALID: a value is not acceptable (a date, a code, a field)
 * @ATT_ERROR_NOT_FOUND: the pupil, user or record does not exist
 * @ATT_ERROR_EXISTS: the record or file exists already
 * @ATT_ERROR_PERMISSION: the user's role does not allow the change
 * @ATT_ERROR_RULE: the change breaks a rule of the register or the law
 * @ATT_ERROR_DATABASE: the database could not be read or written
 * @ATT_ERROR_IMPORT: a file to import has problems (each is listed)
 * @ATT_ERROR_MAIL: the mail server could not be reached, secured or
 *   signed in to, or refused the message
 * @ATT_ERROR_MAIL_RECIPIENT: the mail server refused the recipient's address
 * @ATT_ERROR_CANCELLED: the person stopped it, and nothing was changed
 *
 * Messages carried by these errors are meant for a person in a school
 * office: they say what was wrong and, where possible, what to do.
 */
typedef enum
{
  ATT_ERROR_INVALID,
  ATT_ERROR_NOT_FOUND,
  ATT_ERROR_EXISTS,
  ATT_ERROR_PERMISSION,
  ATT_ERROR_RULE,
  ATT_ERROR_DATABASE,
  ATT_ERROR_IMPORT,
  ATT_ERROR_MAIL,
  ATT_ERROR_MAIL_RECIPIENT,
  ATT_ERROR_CANCELLED,
} AttError;

GQuark att_error_quark (void);

G_END_DECLS
