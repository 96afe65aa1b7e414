#!/bin/bash
# Install what is needed, build Attendance in build/ and open it on a demo
# school.  The demo database is created the first time only, in the place the
# application uses by default ($XDG_DATA_HOME/attendance/attendance.db, or
# $ATTENDANCE_DB when that is set); an existing database is never replaced.
#
# Environment:
#   BUILDDIR  build directory (default: build/ at the top of the source tree)
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${BUILDDIR:-$srcdir/build}

"$srcdir/tools/setup-debian.sh"

if [ -f "$builddir/build.ninja" ]; then
  echo "run-demo: building in $builddir"
else
  echo "run-demo: configuring $builddir"
  rm -rf "$builddir"
  meson setup "$builddir" "$srcdir"
fi
meson compile -C "$builddir" -j 2

app=$builddir/src/app/attendance
cli=$builddir/src/cli/attendance-cli
for program in "$app" "$cli"; do
  if [ ! -x "$program" ]; then
    echo "run-demo: $program was not built" >&2
    exit 1
  fi
done

data_home=${XDG_DATA_HOME:-$HOME/.local/share}
db=${ATTENDANCE_DB:-$data_home/attendance/attendance.db}
if [ -e "$db" ]; then
  echo "run-demo: using the existing database $db"
  # A school made before sign-in has users without passwords: say how to give one.
  if ! "$cli" --db "$db" users list --json | grep -q '"password":true'; then
    echo "run-demo: nobody in $db has a password to sign in with yet; give an administrator one:" >&2
    echo "run-demo:   $cli --db $db users passwd NAME --password-stdin --user NAME" >&2
  fi
else
  echo "run-demo: creating a demo school in $db (this takes a little while)"
  mkdir -p -m 700 "$(dirname "$db")"
  "$cli" --db "$db" demo
fi
echo "run-demo: every user of the demonstration school signs in with the password: millbrook"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo >&2
  echo "run-demo: there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2
  echo "run-demo: run this from a desktop session, or on a server try:  xvfb-run -a $0" >&2
  echo "run-demo: the build and the demo database are ready: $db" >&2
  exit 1
fi

echo "run-demo: starting Attendance"
export GSETTINGS_SCHEMA_DIR=$builddir/data
export ATTENDANCE_DB=$db
exec "$app" "$@"
