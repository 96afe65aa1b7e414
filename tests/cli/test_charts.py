#!/usr/bin/env python3
# test_charts.py: attendance-cli's governors' report (report --pdf) and a
# pupil's year at a glance (pupils calendar), end to end through the real
# binaries, read back with pdftotext
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_report.py's marked_school(): four pupils of Year 4
# marked from 16 to 27 September 2024. "Today" is Friday 20 December
# 2024. Run with --tap for TAP output.

import os
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (UPN_A, check, equal, pdf_pages, main as run_tests)  # noqa: E402
from test_report import marked_school  # noqa: E402


def test_report_pdf():
    t = marked_school()
    try:
        path = t.path("governors.pdf")
        r = t.ok("report", "--from", "2024-09-16", "--to", "2024-09-27", "--pdf", path)
        check(r.out.startswith("Wrote ") and r.out.rstrip().endswith(path), "says what it wrote: " + r.out)
        equal(stat.S_IMODE(os.stat(path).st_mode), 0o600, "readable by its owner only")
        text = "\n".join(pdf_pages(path))
        # The title, the period, and every chart's title and axis labels.
        for words in ("Attendance report", "Mon 16 Sep 2024 to Fri 27 Sep 2024",
                      "Headline figures", "Attendance week by week", "Attendance by year group",
                      "Persistent absence by group of pupils", "Absence by reason",
                      "Attendance by day of the week", "Attendance (%)", "Week beginning",
                      "Day of the week", "Pupils persistently absent (%)", "Sessions",
                      "What each measure means"):
            check(words in text, "the report shows %r" % words)
        # The headline: possible 78, attended 64 = 82.1%; authorised 4 =
        # 5.1%; unauthorised 10 = 12.8%; persistent A, B and D, 3 of 4 =
        # 75.0% (test_report.py works them out).
        headline = [line for line in text.splitlines() if line.strip().startswith("Attendance ")
                    and "%" in line]
        check(headline and "82.1%" in headline[0], "attendance 82.1%%: %r" % headline[:1])
        check("3 (75.0%)" in text, "3 pupils persistently absent, 75.0%")
        check("12.8%" in text and "5.1%" in text, "authorised 5.1%, unauthorised 12.8%")
        # Amina Khan is persistently absent: named.
        check("Khan, Amina" in text, "the persistently absent named")

        # With --no-names, the counts but never a name.
        path = t.path("counts.pdf")
        t.ok("report", "--from", "2024-09-16", "--to", "2024-09-27", "--pdf", path, "--no-names")
        text = "\n".join(pdf_pages(path))
        check("Khan, Amina" not in text and "Smith, Ben" not in text and "Patel, Dev" not in text,
              "no pupil named")
        check("Names are left out of this copy." in text, "says the names are left out")
        check("82.1%" in text, "the figures are all there")

        t.usage("report", "--no-names")
        t.usage("report", "--json", "--pdf", t.path("x.pdf"))
        t.usage("report", "--by", "year", "--pdf", t.path("x.pdf"))
        check(not os.path.exists(t.path("x.pdf")), "nothing written on a usage error")
    finally:
        t.cleanup()


def test_pupils_calendar():
    t = marked_school()
    try:
        path = t.path("amina.pdf")
        r = t.ok("pupils", "calendar", UPN_A, "--out", path)
        equal(r.out.strip(), "Wrote 1 page to %s" % path, "one page")
        equal(stat.S_IMODE(os.stat(path).st_mode), 0o600, "readable by its owner only")
        pages = pdf_pages(path)
        equal(len(pages), 1, "one page")
        page = pages[0]
        check("Attendance 2024/25: Amina Khan (%s)" % UPN_A in page, "the title names the pupil")
        # A's sessions 16 to 27 September: possible 20, attended 17
        # (85.0%), I twice (authorised 2, 10.0%), G once (unauthorised 1,
        # 5.0%), late once; the rest of the term is not marked.
        check("Attendance 85.0%" in page, "A's attendance, 17 of 20")
        check("20 possible sessions" in page, "20 possible")
        check("authorised absence 2 (10.0%)" in page, "2 authorised")
        check("unauthorised absence 1 (5.0%)" in page, "1 unauthorised")
        check("persistently absent: yes" in page, "85.0% is persistent absence")
        check("as of Fri 20 Dec 2024" in page, "as of today")
        for month in ("Sep 2024", "Dec 2024", "Aug 2025"):
            check(month in page, "the months down the side: " + month)
        for key in ("Present", "Authorised absence", "Unauthorised absence", "Not a possible session",
                    "Last 10 school weeks"):
            check(key in page, "the key: " + key)
        check("Autumn 1 2 Sep–25 Oct; Autumn 2 4 Nov–20 Dec" in page, "the terms")

        # As of an earlier day, and for the year before (shown as it ended).
        path = t.path("amina-sep.pdf")
        t.ok("pupils", "calendar", UPN_A, "--out", path, "--as-of", "2024-09-20")
        page = pdf_pages(path)[0]
        # To 20 September: sessions 0 to 9, I at 3 and 4, L at 9: possible
        # 10, attended 8 (80.0%).
        check("Attendance 80.0%" in page, "as of 20 September: 8 of 10")
        check("as of Fri 20 Sep 2024" in page, "as of the day given")

        t.refused("pupils", "calendar", "A000000000000", "--out", t.path("x.pdf"))
        t.usage("pupils", "calendar", UPN_A)
        t.usage("pupils", "calendar", UPN_A, "--out", t.path("x.pdf"), "--year", "24")
        t.usage("pupils", "calendar", UPN_A, "--out", t.path("x.pdf"), "--as-of", "someday")
        check(not os.path.exists(t.path("x.pdf")), "nothing written when refused")
    finally:
        t.cleanup()


if __name__ == "__main__":
    # Only this file's tests.
    import test_cli
    for name in [n for n in vars(test_cli) if n.startswith("test_")]:
        delattr(test_cli, name)
    test_cli.__dict__.update({n: f for n, f in globals().items() if n.startswith("test_")})
    sys.exit(run_tests())
