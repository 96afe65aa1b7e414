#!/usr/bin/env python3
# Puts the web address the screenshots are published under into the built
# metainfo, or, without one, takes its screenshots out: AppStream wants each
# screenshot as a web address, and the project publishes none of its own.
#
# Usage: metainfo-screenshots.py INPUT OUTPUT [URL]

import re
import sys

PLACEHOLDER = 'SCREENSHOTS/'


def main():
    source, output = sys.argv[1], sys.argv[2]
    url = sys.argv[3].rstrip('/') if len(sys.argv) > 3 else ''
    with open(source, encoding='utf-8') as f:
        text = f.read()
    # The comment that says what the placeholder stands for.
    text = re.sub(r'[ \t]*<!--(?:(?!-->).)*' + PLACEHOLDER + r'(?:(?!-->).)*-->\n', '', text, flags=re.S)
    if url:
        text = text.replace('<image>' + PLACEHOLDER, '<image>' + url + '/')
    else:
        text = re.sub(r'[ \t]*<screenshots>.*?</screenshots>\n', '', text, flags=re.S)
    if PLACEHOLDER in text:
        print('%s: %s is left in the metainfo' % (source, PLACEHOLDER), file=sys.stderr)
        return 1
    with open(output, 'w', encoding='utf-8') as f:
        f.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
