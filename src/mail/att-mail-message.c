/* att-mail-message.c: a message as MIME text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a family's mail program reads: RFC 5322 headers (Date,
 * Message-ID, From, To, Reply-To, Subject, MIME-Version), a name or
 * subject that is not plain ASCII as RFC 2047 encoded words, the text in
 * quoted-printable UTF-8 and each attachment in base64 with its filename
 * (RFC 2231 when the name is not ASCII, with a plain ASCII name in the
 * Content-Type for old readers). Lines end in CRLF and none is
 * longer than 76 characters but a header that cannot be folded.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-error.h"
#include "att-mail.h"

AttMailMessage *
att_mail_message_new (void)
{
  AttMailMessage *message = g_new0 (AttMailMessage, 1);

  message->attachments = g_ptr_array_new_with_free_func (NULL);
  return message;
}

static void
attachment_free (AttMailAttachment *attachment)
{
  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

void
att_mail_message_free (AttMailMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->from_address);
  g_free (message->from_name);
  g_free (message->to_address);
  g_free (message->to_name);
  g_free (message->reply_to);
  g_free (message->subject);
  g_free (message->body);
  for (guint i = 0; i < message->attachments->len; i++)
    attachment_free (g_ptr_array_index (message->attachments, i));
  g_ptr_array_unref (message->attachments);
  g_clear_pointer (&message->date, g_date_time_unref);
  g_free (message->message_id);
  g_free (message);
}

AttMailMessage *
att_mail_message_new_from_settings (const AttMailSettings *settings,
                                    const char            *to_address,
                                    const char            *to_name,
                                    const char            *subject,
                                    const char            *body)
{
  AttMailMessage *message = att_mail_message_new ();

  message->from_address = g_strdup (settings->from_address);
  message->from_name = g_strdup (settings->from_name);
  message->reply_to = g_strdup (settings->reply_to);
  message->to_address = g_strdup (to_address);
  message->to_name = g_strdup (to_name);
  message->subject = g_strdup (subject);
  message->body = g_strdup (body);
  return message;
}

void
att_mail_message_attach (AttMailMessage *message,
                         const char     *filename,
                         const char     *content_type,
                         GBytes         *data)
{
  AttMailAttachment *attachment = g_new0 (AttMailAttachment, 1);

  attachment->filename = g_strdup (filename);
  attachment->content_type = g_strdup (content_type != NULL ? content_type
                                                            : "application/octet-stream");
  attachment->data = g_bytes_ref (data);
  g_ptr_array_add (message->attachments, attachment);
}

/* ------------------------------------------------------------------ */
/* Encodings                                                          */
/* ------------------------------------------------------------------ */

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Appends @text as RFC 2047 "B" encoded words, never splitting a
 * character, each on a line of its own no longer than 76 characters:
 * "=?UTF-8?B?" and "?=" take 12, so a word after a fold (" ") holds 63
 * characters of base64, 45 bytes of text, and the first, at @column,
 * what is left of its line. */
static void
append_encoded_words (GString    *out,
                      const char *text,
                      gsize       column)
{
  const char *p = text;

  while (*p != '\0')
    {
      gsize room = column + 12 < 76 ? (76 - column - 12) / 4 * 3 : 0;
      const char *end = p;
      g_autofree char *encoded = NULL;

      if (room < 6)
        {
          /* Too little room left on this line for a character or two. */
          g_string_append (out, "\r\n ");
          column = 1;
          continue;
        }
      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if ((gsize) (next - p) > room)
            break;
          end = next;
        }
      encoded = g_base64_encode ((const guchar *) p, end - p);
      g_string_append_printf (out, "=?UTF-8?B?%s?=", encoded);
      p = end;
      if (*p != '\0')
        {
          g_string_append (out, "\r\n ");
          column = 1;
        }
    }
}

/* A display name as a header shows it: a quoted string when plain ASCII
 * (quotes and backslashes escaped), encoded words otherwise. */
static void
append_phrase (GString    *out,
               const char *name,
               gsize       column)
{
  if (!is_ascii (name))
    {
      append_encoded_words (out, name, column);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_mailbox_header (GString    *out,
                       const char *header,
                       const char *name,
                       const char *address)
{
  g_string_append_printf (out, "%s: ", header);
  if (name != NULL && name[0] != '\0')
    {
      append_phrase (out, name, strlen (header) + 2);
      g_string_append_printf (out, " <%s>\r\n", address);
    }
  else
    g_string_append_printf (out, "%s\r\n", address);
}

static void
append_unstructured_header (GString    *out,
                            const char *header,
                            const char *text)
{
  g_string_append_printf (out, "%s: ", header);
  if (is_ascii (text))
    g_string_append (out, text);
  else
    append_encoded_words (out, text, strlen (header) + 2);
  g_string_append (out, "\r\n");
}

/* @text in quoted-printable (RFC 2045 6.7) with CRLF line ends: lines of
 * at most 76 characters, a soft break "=" where a line is cut, '=' and
 * bytes outside printable ASCII as =XX, and a space or tab at a line's
 * end encoded so that no mail server strips it. */
static void
append_quoted_printable (GString    *out,
                         const char *text)
{
  gsize column = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      char piece[4];
      gboolean line_end;

      if (*p == '\r' && p[1] == '\n')
        continue;
      if (*p == '\n')
        {
          g_string_append (out, "\r\n");
          column = 0;
          continue;
        }
      line_end = p[1] == '\0' || p[1] == '\n' || (p[1] == '\r' && p[2] == '\n');
      if ((*p >= 33 && *p <= 126 && *p != '=') ||
          ((*p == ' ' || *p == '\t') && !line_end))
        {
          piece[0] = (char) *p;
          piece[1] = '\0';
        }
      else
        g_snprintf (piece, sizeof piece, "=%02X", *p);
      /* Leave room for the soft break's "=" within 76. */
      if (column + strlen (piece) > 75)
        {
          g_string_append (out, "=\r\n");
          column = 0;
        }
      g_string_append (out, piece);
      column += strlen (piece);
    }
  if (column > 0)
    g_string_append (out, "\r\n");
}

/* @data in base64 in lines of 76 characters. */
static void
append_base64 (GString *out,
               GBytes  *data)
{
  gsize size = 0;
  const guchar *bytes = g_bytes_get_data (data, &size);
  g_autofree char *encoded = g_base64_encode (bytes, size);
  gsize length = strlen (encoded);

  for (gsize i = 0; i < length; i += 76)
    {
      g_string_append_len (out, encoded + i, MIN (76, length - i));
      g_string_append (out, "\r\n");
    }
}

/* A filename parameter of a part: @parameter="..." when the name is
 * plain ASCII; otherwise, as RFC 2231 says, @parameter*=UTF-8''... with
 * the name itself, or, when @fallback, the name made plain ASCII for old
 * readers (the Content-Type's name, which mail programs read only when
 * the Content-Disposition has none). */
static void
append_filename (GString    *out,
                 const char *parameter,
                 const char *filename,
                 gboolean    fallback)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (filename, "C");

  if (!is_ascii (filename) && !fallback)
    {
      g_string_append_printf (out, ";\r\n %s*=UTF-8''", parameter);
      for (const guchar *p = (const guchar *) filename; *p != '\0'; p++)
        {
          if (g_ascii_isalnum (*p) || strchr ("!#$&+-.^_`|~", *p) != NULL)
            g_string_append_c (out, (char) *p);
          else
            g_string_append_printf (out, "%%%02X", *p);
        }
      return;
    }
  for (const char *p = ascii; *p != '\0'; p++)
    if (*p != '"' && *p != '\\' && (guchar) *p >= ' ' && (guchar) *p < 0x7f)
      g_string_append_c (plain, *p);
  g_string_append_printf (out, ";\r\n %s=\"%s\"", parameter, plain->str);
}

static char *
random_token (guint n_bytes)
{
  g_autoptr(GString) token = g_string_new (NULL);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (token, "%02x", (guint) g_random_int_range (0, 256));
  return g_string_free (g_steal_pointer (&token), FALSE);
}

static gboolean
check_header_text (const char  *what,
                   const char  *text,
                   GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL) || strpbrk (text, "\r\n") != NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The %s of the message may not hold a line break: “%s”"), what, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_address (const char  *what,
               const char  *address,
               GError     **error)
{
  if (att_mail_address_is_valid (address))
    return TRUE;
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               /* Translators: "The recipient’s address “khan@” is not an e-mail address" */
               _("The %s “%s” is not an e-mail address: write it as name@domain, for example office@school.org.uk"),
               what, address != NULL ? address : "");
  return FALSE;
}

GBytes *
att_mail_message_to_bytes (AttMailMessage  *message,
                           GError         **error)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *date = NULL;
  g_autofree char *boundary = NULL;
  const char *domain;

  g_return_val_if_fail (message != NULL, NULL);

  if (!check_address (_("from address"), message->from_address, error) ||
      !check_address (_("recipient’s address"), message->to_address, error) ||
      (message->reply_to != NULL && message->reply_to[0] != '\0' &&
       !check_address (_("reply-to address"), message->reply_to, error)) ||
      !check_header_text (_("sender’s name"), message->from_name, error) ||
      !check_header_text (_("recipient’s name"), message->to_name, error) ||
      !check_header_text (_("subject"), message->subject, error))
    return NULL;
  if (message->body != NULL && !g_utf8_validate (message->body, -1, NULL))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The text of the message is not UTF-8"));
      return NULL;
    }

  if (message->date == NULL)
    message->date = g_date_time_new_now_local ();
  if (message->message_id == NULL)
    {
      g_autofree char *token = random_token (16);

      domain = strchr (message->from_address, '@') + 1;
      message->message_id = g_strdup_printf ("<%s.%" G_GINT64_FORMAT "@%s>", token,
                                             g_date_time_to_unix (message->date), domain);
    }

  out = g_string_new (NULL);
  /* RFC 5322 3.3 in English whatever the locale: "Mon, 02 Sep 2024 09:10:00 +0100". */
  {
    static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    GTimeSpan offset = g_date_time_get_utc_offset (message->date) / G_TIME_SPAN_MINUTE;

    date = g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                            days[g_date_time_get_day_of_week (message->date) - 1],
                            g_date_time_get_day_of_month (message->date),
                            months[g_date_time_get_month (message->date) - 1],
                            g_date_time_get_year (message->date),
                            g_date_time_get_hour (message->date),
                            g_date_time_get_minute (message->date),
                            g_date_time_get_second (message->date),
                            offset < 0 ? '-' : '+',
                            (int) (ABS (offset) / 60), (int) (ABS (offset) % 60));
  }
  g_string_append_printf (out, "Date: %s\r\n", date);
  g_string_append_printf (out, "Message-ID: %s\r\n", message->message_id);
  append_mailbox_header (out, "From", message->from_name, message->from_address);
  append_mailbox_header (out, "To", message->to_name, message->to_address);
  if (message->reply_to != NULL && message->reply_to[0] != '\0')
    append_mailbox_header (out, "Reply-To", NULL, message->reply_to);
  append_unstructured_header (out, "Subject", message->subject != NULL ? message->subject : "");
  g_string_append (out, "MIME-Version: 1.0\r\n");

  if (message->attachments->len > 0)
    {
      g_autofree char *token = random_token (12);

      boundary = g_strdup_printf ("=_attendance_%s", token);
      g_string_append_printf (out, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n",
                              boundary);
      g_string_append (out, "This is a message in MIME format.\r\n\r\n");
      g_string_append_printf (out, "--%s\r\n", boundary);
    }
  g_string_append (out, "Content-Type: text/plain; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
  append_quoted_printable (out, message->body != NULL ? message->body : "");

  for (guint i = 0; i < message->attachments->len; i++)
    {
      AttMailAttachment *attachment = g_ptr_array_index (message->attachments, i);

      g_string_append_printf (out, "\r\n--%s\r\n", boundary);
      g_string_append_printf (out, "Content-Type: %s", attachment->content_type);
      append_filename (out, "name", attachment->filename, TRUE);
      g_string_append (out, "\r\nContent-Disposition: attachment");
      append_filename (out, "filename", attachment->filename, FALSE);
      g_string_append (out, "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
      append_base64 (out, attachment->data);
    }
  if (boundary != NULL)
    g_string_append_printf (out, "\r\n--%s--\r\n", boundary);

  return g_string_free_to_bytes (g_steal_pointer (&out));
}
