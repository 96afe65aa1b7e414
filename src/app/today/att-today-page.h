/* att-today-page.h: the morning dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-page.h"

G_BEGIN_DECLS

#define ATT_TYPE_TODAY_PAGE (att_today_page_get_type ())
G_DECLARE_FINAL_TYPE (AttTodayPage, att_today_page, ATT, TODAY_PAGE, AttPage)

G_END_DECLS
