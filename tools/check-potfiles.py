#!/usr/bin/env python3
# Check that po/POTFILES.in lists every source file with translatable strings,
# and that every file it lists still exists; then, where xgettext is
# installed, make a .pot from the files it lists as the build's
# attendance-pot target does, and check that it holds strings from the C
# sources, the .ui files, the desktop file, the metainfo and the settings
# schema, and the metainfo's release notes as the About window asks for
# them (tools/release-notes.py).
#
# Usage: check-potfiles.py [SOURCE_ROOT]

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

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


# The keywords of meson's i18n "glib" preset.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
]

METAINFO = 'data/io.github.schoolattendance.Attendance.metainfo.xml.in'


def pot_entries(pot):
    """{msgid: set of files it comes from} of a .pot file's text."""
    entries = {}
    for block in pot.split('\n\n'):
        files = set(re.findall(r'^#: (.*)$', block, re.M))
        files = {ref.rsplit(':', 1)[0] for line in files for ref in line.split()}
        m = re.search(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n?)+)', block, re.M)
        if m is None:
            continue
        msgid = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
        msgid = msgid.replace('\\"', '"').replace('\\n', '\n').replace('\\\\', '\\')
        entries.setdefault(msgid, set()).update(files)
    return entries


def check_pot(root, listed):
    """Problems with the .pot xgettext makes of the listed files."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pot_path = os.path.join(tmp, 'attendance.pot')
        run = subprocess.run(['xgettext'] + XGETTEXT_ARGS +
                             ['--directory', root, '--output', pot_path] + sorted(listed),
                             capture_output=True, text=True)
        if run.returncode != 0:
            return ['xgettext failed: ' + run.stderr.strip()]
        with open(pot_path, encoding='utf-8') as f:
            entries = pot_entries(f.read())

    sources = set().union(*entries.values()) if entries else set()
    kinds = [
        ('a C source', lambda path: path.endswith('.c')),
        ('a .ui file', lambda path: path.endswith('.ui')),
        ('the desktop file', lambda path: path.endswith('.desktop.in')),
        ('the metainfo', lambda path: path.endswith('.metainfo.xml.in')),
        ('the settings schema', lambda path: path.endswith('.gschema.xml')),
    ]
    for name, matches in kinds:
        if not any(matches(path) for path in sources):
            problems.append(f'the .pot has no string from {name}')

    # The About window translates each paragraph and item of the release
    # notes with _(), so each must be a msgid of its own, as xgettext folds it.
    release_notes = 0
    for release in ET.parse(os.path.join(root, METAINFO)).getroot().iter('release'):
        for element in release.iter():
            if element.tag in ('p', 'li'):
                text = re.sub(r'\s+', ' ', ''.join(element.itertext())).strip()
                release_notes += 1
                if METAINFO not in entries.get(text, ()):
                    problems.append(f'the .pot lacks the release note "{text}"')
    if release_notes == 0:
        problems.append(f'{METAINFO} has no release notes')
    if not problems:
        print(f'the .pot holds {len(entries)} strings from {len(sources)} files')
    return problems


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
    if shutil.which('xgettext') is not None:
        for problem in check_pot(root, listed):
            print(problem)
            status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())
