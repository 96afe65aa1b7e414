#!/usr/bin/env python3
# Check that po/POTFILES.in lists every source file with translatable strings,
# and that every file it lists still exists.
#
# Usage: check-potfiles.py [SOURCE_ROOT]

import os
import re
import sys

# A call of one of the gettext macros or functions with a string literal,
# written with or without a space before the parenthesis.
C_MARKER = re.compile(
    r'(?<![A-Za-z0-9_])'
    r'(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2?|g_dgettext)'
    r'\s*\(\s*"')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')

SCANNED = [
    ('src', ('.c', '.h'), C_MARKER),
    ('ui', ('.ui',), UI_MARKER),
]


def listed_files(potfiles):
    files = set()
    with open(potfiles, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                files.add(line)
    return files


def translatable_files(root):
    found = set()
    for top, suffixes, marker in SCANNED:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(suffixes):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    if marker.search(f.read()):
                        found.add(os.path.relpath(path, root).replace(os.sep, '/'))
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..')
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    listed = listed_files(potfiles)
    needed = translatable_files(root)

    status = 0
    for path in sorted(needed - listed):
        print(f'{path}: has translatable strings but is not listed in po/POTFILES.in')
        status = 1
    for path in sorted(listed):
        if not os.path.exists(os.path.join(root, path)):
            print(f'po/POTFILES.in: lists {path}, which does not exist')
            status = 1
    if status == 0:
        print(f'po/POTFILES.in lists all {len(needed)} source files with translatable strings')
    return status


if __name__ == '__main__':
    sys.exit(main())
