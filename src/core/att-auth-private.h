/* att-auth-private.h: for the tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing in the application, attendance-cli or the demo includes this
 * header: hashes are always made at libsodium's "interactive" cost. The
 * tests hash many passwords and take the lowest cost instead.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* From now on, hashes are made at libsodium's lowest cost. */
void att_auth_use_fast_hashing_for_tests (void);

G_END_DECLS
