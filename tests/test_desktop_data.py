#!/usr/bin/env python3
# test_desktop_data.py: the icons and screenshots that come with the app
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# - The build installs the colour icon and the symbolic one under the
#   build's application id (the .Devel build its own colour icon), and each
#   is an SVG a renderer can size: an <svg> root with a square viewBox.
# - Every area of the window (page_infos in src/app/att-window.c) has its
#   screenshot in data/screenshots/<page>.png, a PNG of a window's size and
#   at most 200 KB, and the metainfo lists it.
#
# Usage: test_desktop_data.py SOURCE_ROOT BUILD_ROOT APPLICATION_ID [--tap]

import json
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
MAX_SCREENSHOT_BYTES = 200 * 1024


def svg_problems(path, size):
    """Why @path is not a square SVG icon drawn at @size, if it is not."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return ["%s: %s" % (path, e)]
    problems = []
    if root.tag != SVG + "svg":
        problems.append("%s: the root is %s, not an SVG" % (path, root.tag))
    box = root.get("viewBox", "").split()
    if len(box) != 4 or float(box[2]) != float(box[3]):
        problems.append("%s: no square viewBox (%r)" % (path, root.get("viewBox")))
    elif float(box[2]) != size:
        problems.append("%s: drawn at %s, not %d" % (path, box[2], size))
    if not any(child.tag in (SVG + t for t in ("path", "rect", "g", "circle")) for child in root.iter()):
        problems.append("%s: draws nothing" % path)
    return problems


def installed(build_root):
    out = subprocess.run(["meson", "introspect", "--installed", build_root],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def pages(source_root):
    with open(os.path.join(source_root, "src", "app", "att-window.c"), encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("page_infos[] = {"):]
    table = table[:table.index("};")]
    return re.findall(r'\{\s*"([a-z-]+)",\s*N_\(', table)


def main():
    args = [a for a in sys.argv[1:] if a != "--tap"]
    source_root, build_root, app_id = args[0], args[1], args[2]
    results = []

    files = installed(build_root)
    by_destination = {os.path.relpath(dest, "/").split("share/", 1)[-1]: src
                      for src, dest in files.items()}
    for dest, size in (("icons/hicolor/scalable/apps/%s.svg" % app_id, 128),
                       ("icons/hicolor/symbolic/apps/%s-symbolic.svg" % app_id, 16)):
        source = by_destination.get(dest)
        if source is None:
            results.append(("installs %s" % dest, ["nothing is installed as %s" % dest]))
        else:
            results.append(("installs %s" % dest, svg_problems(source, size)))
    # Both builds' colour icons are in the tree, whichever this build is.
    for name in ("io.github.schoolattendance.Attendance", "io.github.schoolattendance.Attendance.Devel"):
        path = os.path.join(source_root, "data", "icons", "hicolor", "scalable", "apps", name + ".svg")
        results.append(("%s.svg is an icon" % name, svg_problems(path, 128)))

    with open(os.path.join(source_root, "data",
                           "io.github.schoolattendance.Attendance.metainfo.xml.in"),
              encoding="utf-8") as f:
        listed = set(re.findall(r"<image>SCREENSHOTS/([a-z-]+)\.png</image>", f.read()))
    names = pages(source_root)
    if len(names) < 8:
        results.append(("the window's pages are read", ["only %r found in page_infos" % names]))
    for page in names:
        path = os.path.join(source_root, "data", "screenshots", page + ".png")
        problems = []
        if not os.path.exists(path):
            problems.append("no %s" % path)
        else:
            size = png_size(path)
            if size is None:
                problems.append("%s is not a PNG" % path)
            elif size[0] < 1000 or size[1] < 600:
                problems.append("%s is %dx%d, smaller than a window" % ((path,) + size))
            if os.path.getsize(path) > MAX_SCREENSHOT_BYTES:
                problems.append("%s is %d bytes, over %d" % (path, os.path.getsize(path),
                                                             MAX_SCREENSHOT_BYTES))
        if page not in listed:
            problems.append("the metainfo does not list %s.png" % page)
        results.append(("screenshot of %s" % page, problems))

    print("1..%d" % len(results))
    failed = 0
    for n, (name, problems) in enumerate(results, 1):
        for p in problems:
            print("# " + p)
        print("%s %d %s" % ("not ok" if problems else "ok", n, name))
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
