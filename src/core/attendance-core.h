/* attendance-core.h: everything the core offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-auth.h"
#include "att-calendar.h"
#include "att-clock.h"
#include "att-codes.h"
#include "att-date.h"
#include "att-db.h"
#include "att-error.h"
#include "att-file.h"
#include "att-flags.h"
#include "att-groups.h"
#include "att-import.h"
#include "att-pupils.h"
#include "att-register.h"
#include "att-register-bulk.h"
#include "att-register-range.h"
#include "att-register-status.h"
#include "att-rollcall.h"
#include "att-school.h"
#include "att-stats.h"
#include "att-text.h"
#include "att-users.h"
#include "att-backup.h"
