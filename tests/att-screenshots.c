/* att-screenshots.c: data/screenshots/<page>.png, each area of the window
 * on a school, signed in as its first attendance officer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   attendance-cli --db /tmp/shots.db demo --pupils 2000 --years 2
 *   ATTENDANCE_TODAY=2026-11-20 GSETTINGS_BACKEND=memory \
 *   GSETTINGS_SCHEMA_DIR=build/data xvfb-run -a -s "-screen 0 1400x1000x24" \
 *     build/tests/att-screenshots /tmp/shots.db data/screenshots
 *
 * A release build (-Ddevelopment=false) draws the window without the
 * development build's stripes.
 */
#include "config.h"

#include "att-test-app.h"
#include "att-test-util.h"
#include "att-window-private.h"

static void
save (GtkWidget  *window,
      const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  graphene_rect_t bounds;

  gdk_paintable_snapshot (paintable, snapshot,
                          gdk_paintable_get_intrinsic_width (paintable),
                          gdk_paintable_get_intrinsic_height (paintable));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_get_bounds (node, &bounds);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not save %s", path);
  g_print ("%s\n", path);
}

int
main (int   argc,
      char *argv[])
{
  AttTestApp *t;

  if (argc != 3)
    {
      g_printerr ("Usage: att-screenshots DATABASE FOLDER\n");
      return 2;
    }
  t = att_test_app_open (argv[1], ATT_ROLE_ATTENDANCE_OFFICER);
  gtk_window_set_default_size (GTK_WINDOW (t->window), 1280, 800);
  att_test_wait (1000);
  for (guint i = 0; att_window_get_page_name (i) != NULL; i++)
    {
      const char *name = att_window_get_page_name (i);
      g_autofree char *file = g_strdup_printf ("%s.png", name);
      g_autofree char *path = g_build_filename (argv[2], file, NULL);

      att_test_app_show_page (t, name);
      /* The figures counted on a thread, and the frame after them. */
      att_test_wait (2500);
      save (GTK_WIDGET (t->window), path);
    }
  att_test_app_free (t);
  return 0;
}
