/* att-letter-templates-private.h: what the stored templates share with
 * their wording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One of our built-in templates: its name, a title (untranslated) and
 * its wording (untranslated, translated when the template is made). */
typedef struct
{
  const char *name;
  const char *title;
  const char *subject;
  const char *body;
} AttBuiltinTemplate;

extern const AttBuiltinTemplate att_builtin_templates[];
extern const guint att_n_builtin_templates;

G_END_DECLS
