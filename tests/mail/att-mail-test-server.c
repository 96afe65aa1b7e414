/* att-mail-test-server.c: tests/mail/smtp_server.py, for the C tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "att-mail-test-server.h"

static char *cert_dir;   /* cert.pem and key.pem for localhost */

/* ------------------------------------------------------------------ */
/* The server                                                         */
/* ------------------------------------------------------------------ */

Server *
server_start (const char *first_option,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *text = NULL;
  Server *server = g_new0 (Server, 1);
  va_list args;

  server->dir = g_dir_make_tmp ("att-mail-XXXXXX", &error);
  g_assert_no_error (error);
  port_file = g_build_filename (server->dir, "port", NULL);
  g_ptr_array_add (argv, g_strdup ("python3"));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "mail", "smtp_server.py", NULL));
  g_ptr_array_add (argv, g_strdup ("--out"));
  g_ptr_array_add (argv, g_strdup (server->dir));
  g_ptr_array_add (argv, g_strdup ("--port-file"));
  g_ptr_array_add (argv, g_strdup (port_file));
  g_ptr_array_add (argv, g_strdup ("--cert"));
  g_ptr_array_add (argv, g_build_filename (cert_dir, "cert.pem", NULL));
  g_ptr_array_add (argv, g_strdup ("--key"));
  g_ptr_array_add (argv, g_build_filename (cert_dir, "key.pem", NULL));
  va_start (args, first_option);
  for (const char *option = first_option; option != NULL; option = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (option));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_async (NULL, (char **) argv->pdata, NULL,
                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &server->pid,
                 &error);
  g_assert_no_error (error);
  /* It writes its port once it listens: at most 10 seconds. */
  for (guint i = 0; i < 1000 && !g_file_get_contents (port_file, &text, NULL, NULL); i++)
    g_usleep (10000);
  g_assert_nonnull (text);
  server->port = (guint) g_ascii_strtoull (text, NULL, 10);
  g_assert_cmpuint (server->port, >, 0);
  return server;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

void
server_stop (Server *server)
{
  int status;

  kill (server->pid, SIGTERM);
  waitpid (server->pid, &status, 0);
  g_spawn_close_pid (server->pid);
  remove_tree (server->dir);
  g_free (server->dir);
  g_free (server);
}

/* What the server read of message @n (from 1), or NULL when it has none. */
GKeyFile *
server_message (Server *server,
                guint   n)
{
  g_autofree char *name = g_strdup_printf ("%u.ini", n);
  g_autofree char *path = g_build_filename (server->dir, name, NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_steal_pointer (&file);
}

char *
message_value (GKeyFile   *file,
               const char *group,
               const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = g_key_file_get_string (file, group, key, &error);

  g_assert_no_error (error);
  return value;
}

AttMailSettings *
settings_for (Server          *server,
              AttMailSecurity  security)
{
  AttMailSettings *settings = att_mail_settings_new ();

  settings->host = g_strdup ("localhost");
  settings->port = server->port;
  settings->security = security;
  settings->username = g_strdup ("office");
  settings->password = g_strdup ("pa55 word");
  settings->from_address = g_strdup ("office@hillside.example");
  settings->from_name = g_strdup ("Hillside Primary School");
  settings->reply_to = g_strdup ("attendance@hillside.example");
  settings->ca_file = g_build_filename (cert_dir, "cert.pem", NULL);
  return settings;
}

void
att_mail_test_make_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *cert = NULL;
  int status = 0;

  cert_dir = g_dir_make_tmp ("att-mail-cert-XXXXXX", &error);
  g_assert_no_error (error);
  key = g_build_filename (cert_dir, "key.pem", NULL);
  cert = g_build_filename (cert_dir, "cert.pem", NULL);
  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
      "-days", "2", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", NULL,
    };

    g_spawn_sync (NULL, (char **) argv, NULL,
                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

void
att_mail_test_remove_certificate (void)
{
  remove_tree (cert_dir);
  g_clear_pointer (&cert_dir, g_free);
}
