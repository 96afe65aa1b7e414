/* att-demo-private.h: the word lists the demo school is made from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Names that go together in one family. The weights add up to 1000 and
 * say how many families in a thousand draw from the list; eal_percent is
 * the chance that such a family speaks another language at home. */
typedef struct
{
  const char         *label;
  guint               weight;
  guint               eal_percent;
  const char * const *boys;
  guint               n_boys;
  const char * const *girls;
  guint               n_girls;
  const char * const *surnames;
  guint               n_surnames;
} AttDemoCulture;

const AttDemoCulture *att_demo_cultures       (guint *n_cultures);

/* Street names ("Brook Lane"), districts of the made-up town, medical
 * notes, trip destinations: each a NULL-free array and its length. */
const char * const   *att_demo_streets        (guint *n);
const char * const   *att_demo_districts      (guint *n);
const char * const   *att_demo_medical_notes  (guint *n);
const char * const   *att_demo_trips          (guint *n);

G_END_DECLS
