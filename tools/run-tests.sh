#!/bin/bash
# Install what is needed, build Attendance and run every test: the unit, CLI,
# widget and data suites, and the unit tests again under sanitizers.  The last
# line printed is "N passed, N failed".
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

"$srcdir/tools/setup-debian.sh"
exec "$srcdir/.ci/run" "$@"
