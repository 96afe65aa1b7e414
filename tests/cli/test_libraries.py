#!/usr/bin/env python3
# test_libraries.py: what attendance-cli loads when it starts
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every command pays for every library the program loads before main():
# GIO alone (with libmount, libselinux, libblkid, libgmodule and zlib,
# which it brings) took 4.5 ms of a 10 ms start. attendance-cli reads its
# files with plain reads, so GIO must not come back by any path: linked
# directly or through another library. The printed documents (cairo and
# Pango, which load GIO) are attendance-cli-print's, not this program's,
# and so are libcurl, which only the commands that send e-mail need, and
# libxlsxwriter, which only export xlsx needs.
#
# Run with --tap for TAP output (meson does).

import os
import subprocess
import sys

CLI = os.environ.get("ATTENDANCE_CLI", "attendance-cli")


def loaded_libraries(path):
    """The names of the shared libraries the dynamic loader maps for
    @path, as ldd lists them: 'libglib-2.0.so.0', ..."""
    out = subprocess.run(["ldd", path], capture_output=True, text=True, check=True).stdout
    names = []
    for line in out.splitlines():
        word = line.strip().split(" ", 1)[0]
        if word.startswith("lib"):
            names.append(word)
    return names


def main():
    tap = "--tap" in sys.argv
    libs = loaded_libraries(CLI)
    problems = []
    # The list is real only if it holds what the program does need.
    for needed in ("libglib-2.0", "libsqlite3"):
        if not any(name.startswith(needed + ".so") for name in libs):
            problems.append("ldd does not list %s: %r" % (needed, libs))
    for unwanted in ("libgio-2.0", "libmount", "libgmodule-2.0", "libcairo", "libpango-1.0",
                     "libcurl", "libxlsxwriter"):
        for name in libs:
            if name.startswith(unwanted + ".so"):
                problems.append("attendance-cli loads %s" % name)
    if tap:
        print("1..1")
        if problems:
            for p in problems:
                print("# " + p)
            print("not ok 1 attendance-cli loads neither GIO nor the printing libraries")
        else:
            print("ok 1 attendance-cli loads neither GIO nor the printing libraries")
    else:
        for p in problems:
            print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
