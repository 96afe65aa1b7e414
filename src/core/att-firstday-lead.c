/* att-firstday-lead.c: who the school's designated safeguarding lead is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-db-private.h"
#include "att-firstday.h"
#include "att-firstday-lead.h"

char *
att_firstday_safeguarding_lead (AttDb *db)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  name = att_db_get_setting (db, ATT_FIRSTDAY_DSL_KEY);
  if (name != NULL)
    g_strstrip (name);
  if (name == NULL || name[0] == '\0')
    return NULL;
  return g_steal_pointer (&name);
}
