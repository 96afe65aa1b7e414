/* att-text.h: what a text field may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest text, in characters, each kind of field may hold. They are
 * generous for what the field is for, and small enough that a value
 * pasted by mistake (a whole document, a file's contents) is refused with
 * its field named rather than stored and printed on every register. */
#define ATT_TEXT_SHORT_MAX   50    /* a group, a title, a relationship, a phone number, a postcode */
#define ATT_TEXT_NAME_MAX    100   /* a person's name, a user, a position, a term, a town */
#define ATT_TEXT_LINE_MAX    254   /* an address line, an e-mail address, a school's name */
#define ATT_TEXT_REASON_MAX  500   /* a register comment, the reason for a change, a closure */
#define ATT_TEXT_NOTE_MAX    2000  /* a medical note, a school's address */

typedef enum
{
  ATT_TEXT_ONE_LINE = 0,
  ATT_TEXT_LINES    = 1 << 0,   /* line breaks are allowed */
} AttTextFlags;

/* The one check every text field goes through on its way in (pupils,
 * contacts, users, school settings, calendar reasons, imports, register
 * comments and reasons). Refuses, with an ATT_ERROR_INVALID that names
 * @field (a translated label such as "Surname") and says what to do:
 * text that is not UTF-8; control characters, C0 (U+0000 to U+001F and
 * U+007F) and C1 (U+0080 to U+009F), except a line break (\n, or \r\n)
 * where @flags allow lines; and more than @max_chars characters, with the
 * limit in the message. NULL passes (an empty field). */
gboolean    att_text_check         (const char    *field,
                                    const char    *text,
                                    guint          max_chars,
                                    AttTextFlags   flags,
                                    GError       **error);

/* The register's text fields, a mark's comment and the reason for a
 * change (either may be NULL), as att_text_check() checks them. */
gboolean    att_text_check_mark    (const char    *comment,
                                    const char    *reason,
                                    GError       **error);

/* @text for a readable table or a line of output: control characters as
 * \n, \t, \r or \xNN (\u0085 for C1), bytes that are not UTF-8 as \xNN
 * and a backslash as \\, so that what older data holds can never move
 * the cursor, clear the screen or forge a line of output. */
char       *att_text_escape        (const char    *text);

/* Names of an enumeration, as the database and the command line write
 * them (an array indexed by the enumeration's values). */

/* The index of @text among @names, matched exactly, or 0 when it is not
 * one of them: for a name read back from the database, which only ever
 * holds names written from the same array. */
guint       att_text_name_index    (const char         *text,
                                    const char * const *names,
                                    guint               n_names);
/* The index of @text among @names from @first on, in any case, in @out.
 * Otherwise an ATT_ERROR_INVALID such as "“fax” is not a channel: use one
 * of phone, text, e-mail", @what being the translated phrase with its
 * article ("a channel"). */
gboolean    att_text_parse_name    (const char         *text,
                                    const char * const *names,
                                    guint               n_names,
                                    guint               first,
                                    const char         *what,
                                    guint              *out,
                                    GError            **error);

/* A count as a reader expects it, its thousands marked: "245,402". */
char       *att_text_count         (guint64        n);

G_END_DECLS
