#!/usr/bin/env python3
# Writes the metainfo's notes of one release as a C table for the About
# window: each paragraph and list item as its own string, whitespace folded
# as gettext folds it, so that _() finds the translation the metainfo's own
# strings have in po/.
#
# Usage: release-notes.py METAINFO_IN OUTPUT_H VERSION

import re
import sys
import xml.etree.ElementTree as ET


def c_string(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def main():
    source, output, version = sys.argv[1:4]
    root = ET.parse(source).getroot()
    release = None
    for r in root.iter('release'):
        if r.get('version') == version:
            release = r
            break
    if release is None:
        print('%s: no release %s' % (source, version), file=sys.stderr)
        return 1
    rows = []
    for element in release.find('description'):
        items = [element] if element.tag == 'p' else list(element) if element.tag in ('ul', 'ol') else []
        for item in items:
            text = re.sub(r'\s+', ' ', ''.join(item.itertext())).strip()
            rows.append('  { %s, N_(%s) },' % (c_string(item.tag), c_string(text)))
    with open(output, 'w', encoding='utf-8') as f:
        f.write('/* %s: the notes of release %s, made from the metainfo by\n'
                ' * tools/release-notes.py. */\n' % (output.rsplit('/', 1)[-1], version))
        f.write('#pragma once\n\n')
        f.write('#define ATT_RELEASE_NOTES_VERSION %s\n\n' % c_string(version))
        f.write('static const struct\n{\n  const char *tag;   /* "p" or "li" */\n'
                '  const char *text;\n} att_release_notes[] = {\n')
        f.write('\n'.join(rows) + '\n};\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
