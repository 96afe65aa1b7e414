#!/usr/bin/env python3
# test_flatpak.py: the flatpak manifests in flatpak/
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Both manifests (the release and the .Devel build) must name the app and
# its runtime, build every library the GNOME runtime lacks from a pinned
# release with its checksum, build the app with its tests, and ask for no
# more of the sandbox than the app needs. flatpak-builder reads JSON with
# C comments, so the comments are taken out before Python's parser sees
# the text; where flatpak-builder is installed, its own reading of each
# manifest (--show-manifest, which needs no network) must be the same and
# must warn of nothing (an unknown or mistyped property is a warning).
#
# Usage: test_flatpak.py SOURCE_ROOT [--tap]

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BASE_ID = "io.github.schoolattendance.Attendance"

# GTK and libadwaita of each GNOME runtime from the first that has the
# versions meson.build asks for.
GNOME_RUNTIMES = {
    "43": ((4, 8), (1, 2)),
    "44": ((4, 10), (1, 3)),
    "45": ((4, 12), (1, 4)),
    "46": ((4, 14), (1, 5)),
    "47": ((4, 16), (1, 6)),
    "48": ((4, 18), (1, 7)),
    "49": ((4, 20), (1, 8)),
}

# libxlsxwriter's release tarballs as GitHub makes them from the release
# tags, with their SHA-256: 1.1.4 is the release Debian 12 packages (its
# orig tarball is this same file).
LIBXLSXWRITER_RELEASES = {
    "1.1.4": "b379eb35fdd9c653ebe72485b9c992f612c7ea66f732784457997d6e782f619b",
}
LIBSODIUM_RELEASES = {
    "1.0.18": "d59323c6b712a1519a5daf710b68f5e7fde57040845ffec53850911f10a5d4f4",
}

REQUIRED_FINISH_ARGS = {
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}
# The network reaches the school's mail server; nothing else is allowed
# (no home folder: the file chooser portal; no CUPS: the print portal).
ALLOWED_FINISH_ARGS = REQUIRED_FINISH_ARGS | {"--share=network"}


def strip_comments(text):
    """@text without its /* */ and // comments, strings left whole."""
    out = []
    i = 0
    in_string = False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise ValueError("a comment is not closed")
            i = end + 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) - 1 if end < 0 else end - 1
        else:
            out.append(c)
        i += 1
    return "".join(out)


def load_manifest(path):
    with open(path, encoding="utf-8") as f:
        return json.loads(strip_comments(f.read()))


def version_tuple(text):
    return tuple(int(part) for part in text.split("."))


def meson_minimum(root, subdir, name):
    """The version meson.build asks of dependency @name, as a tuple."""
    with open(os.path.join(root, subdir, "meson.build"), encoding="utf-8") as f:
        m = re.search(r"dependency\('%s',\s*version:\s*'>=\s*([0-9.]+)'" % re.escape(name), f.read())
    if m is None:
        raise AssertionError("%s/meson.build does not ask for %s" % (subdir, name))
    return version_tuple(m.group(1))


class Checks:
    def __init__(self):
        self.results = []

    def check(self, name, problems):
        self.results.append((name, problems))


def module(manifest, name):
    for m in manifest.get("modules", []):
        if isinstance(m, dict) and m.get("name") == name:
            return m
    return None


def archive_problems(mod, name, url_pattern, releases):
    """A module built from one release tarball whose checksum is known."""
    problems = []
    if mod is None:
        return ["no %s module" % name]
    sources = mod.get("sources", [])
    if len(sources) != 1:
        return ["%s has %d sources, not one release tarball" % (name, len(sources))]
    source = sources[0]
    if source.get("type") != "archive":
        problems.append("%s is built from a %s, not a release tarball" % (name, source.get("type")))
    m = re.fullmatch(url_pattern, source.get("url", ""))
    if m is None:
        problems.append("%s's url %r is not a release tarball" % (name, source.get("url")))
    else:
        version = m.group(1)
        if version not in releases:
            problems.append("%s %s: no checksum known to this test" % (name, version))
        elif source.get("sha256") != releases[version]:
            problems.append("%s %s: sha256 %r, not %s" % (name, version, source.get("sha256"),
                                                           releases[version]))
    return problems


def manifest_checks(root, path, devel, checks):
    label = os.path.basename(path)
    try:
        manifest = load_manifest(path)
    except (OSError, ValueError) as e:
        checks.check("%s is JSON" % label, ["cannot read %s: %s" % (path, e)])
        return None
    checks.check("%s is JSON" % label, [])

    want_id = BASE_ID + (".Devel" if devel else "")
    checks.check("%s: app id" % label,
                 [] if manifest.get("id") == want_id else
                 ["id %r, not %r" % (manifest.get("id"), want_id)])

    problems = []
    if manifest.get("runtime") != "org.gnome.Platform":
        problems.append("runtime %r" % manifest.get("runtime"))
    if manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("sdk %r" % manifest.get("sdk"))
    version = str(manifest.get("runtime-version"))
    if version not in GNOME_RUNTIMES:
        problems.append("runtime-version %r is not a GNOME release this test knows" % version)
    else:
        gtk, adw = GNOME_RUNTIMES[version]
        need_gtk = meson_minimum(root, "src/app", "gtk4")
        need_adw = meson_minimum(root, "src/app", "libadwaita-1")
        if gtk < need_gtk:
            problems.append("GNOME %s has GTK %s, older than %s" % (version, gtk, need_gtk))
        if adw < need_adw:
            problems.append("GNOME %s has libadwaita %s, older than %s" % (version, adw, need_adw))
        if int(version) < 44:
            problems.append("GNOME %s is older than 44" % version)
    checks.check("%s: runtime and sdk" % label, problems)

    checks.check("%s: command" % label,
                 [] if manifest.get("command") == "attendance" else
                 ["command %r, not the window's executable" % manifest.get("command")])

    names = [m.get("name") if isinstance(m, dict) else m for m in manifest.get("modules", [])]
    problems = []
    if names[-1:] != ["attendance"]:
        problems.append("the app is not the last module: %r" % names)
    for needed in ("libxlsxwriter", "libsodium"):
        if needed not in names:
            problems.append("no %s module" % needed)
    checks.check("%s: modules" % label, problems)

    checks.check("%s: libxlsxwriter pinned" % label,
                 archive_problems(module(manifest, "libxlsxwriter"), "libxlsxwriter",
                                  r"https://github\.com/jmcnamara/libxlsxwriter/archive/refs/tags/"
                                  r"RELEASE_([0-9.]+)\.tar\.gz",
                                  LIBXLSXWRITER_RELEASES))
    checks.check("%s: libsodium pinned" % label,
                 archive_problems(module(manifest, "libsodium"), "libsodium",
                                  r"https://github\.com/jedisct1/libsodium/archive/refs/tags/"
                                  r"([0-9.]+)\.tar\.gz",
                                  LIBSODIUM_RELEASES))

    # Every downloaded source has its checksum; a git source names a commit.
    problems = []
    for m in manifest.get("modules", []):
        for source in m.get("sources", []) if isinstance(m, dict) else []:
            kind = source.get("type")
            if kind in ("archive", "file") and not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                problems.append("%s: %s without a sha256" % (m.get("name"), source.get("url")))
            if kind == "git" and "commit" not in source:
                problems.append("%s: git source without a commit" % m.get("name"))
    checks.check("%s: every download pinned" % label, problems)

    app = module(manifest, "attendance") or {}
    problems = []
    if app.get("buildsystem") != "meson":
        problems.append("the app is built with %r" % app.get("buildsystem"))
    if app.get("run-tests") is not True:
        problems.append("the app's tests are not run")
    if not app.get("test-commands") or not all("meson test" in c for c in app["test-commands"]):
        problems.append("no meson test command: %r" % app.get("test-commands"))
    if app.get("builddir") is not True:
        problems.append("the app is not built in a build directory")
    flag = "-Ddevelopment=%s" % ("true" if devel else "false")
    if flag not in app.get("config-opts", []):
        problems.append("%s not among the app's config-opts %r" % (flag, app.get("config-opts")))
    if app.get("sources") != [{"type": "dir", "path": ".."}]:
        problems.append("the app is not built from this source tree: %r" % app.get("sources"))
    checks.check("%s: the app built with its tests" % label, problems)

    finish = manifest.get("finish-args", [])
    problems = ["finish-args lacks %s" % a for a in sorted(REQUIRED_FINISH_ARGS - set(finish))]
    problems += ["finish-args asks for %s" % a for a in finish if a not in ALLOWED_FINISH_ARGS]
    checks.check("%s: sandbox permissions" % label, problems)

    # flatpak-builder's own reading of the manifest, where it is installed.
    builder = shutil.which("flatpak-builder")
    if builder is not None:
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, HOME=home, XDG_CACHE_HOME=home)
            # Its state folder (.flatpak-builder) is made where it runs.
            run = subprocess.run([builder, "--show-manifest", os.path.abspath(path)],
                                 capture_output=True, text=True, env=env, cwd=home)
        problems = []
        if run.returncode != 0:
            problems.append("flatpak-builder --show-manifest failed: %s" % run.stderr.strip())
        elif "WARNING" in run.stderr or "CRITICAL" in run.stderr:
            problems.append("flatpak-builder warns: %s" % run.stderr.strip())
        else:
            shown = json.loads(run.stdout)
            for key in ("id", "runtime", "runtime-version", "sdk", "command", "finish-args"):
                if shown.get(key) != manifest.get(key):
                    problems.append("flatpak-builder reads %s as %r, not %r"
                                    % (key, shown.get(key), manifest.get(key)))
            if [m.get("name") for m in shown.get("modules", [])] != names:
                problems.append("flatpak-builder reads other modules: %r" % shown.get("modules"))
        checks.check("%s: flatpak-builder reads it" % label, problems)
    return manifest


def main():
    args = [a for a in sys.argv[1:] if a != "--tap"]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    checks = Checks()
    release = manifest_checks(root, os.path.join(root, "flatpak", BASE_ID + ".json"), False, checks)
    devel = manifest_checks(root, os.path.join(root, "flatpak", BASE_ID + ".Devel.json"), True, checks)

    # The two differ only in the app id and the development build.
    if release is not None and devel is not None:
        a = json.loads(json.dumps(release).replace("-Ddevelopment=false", "-Ddevelopment=true"))
        a["id"] = devel.get("id")
        checks.check("the Devel manifest is the release's with its own id",
                     [] if a == devel else ["the manifests differ in more than the id"])

    print("1..%d" % len(checks.results))
    failed = 0
    for n, (name, problems) in enumerate(checks.results, 1):
        for p in problems:
            print("# " + p)
        print("%s %d %s" % ("not ok" if problems else "ok", n, name))
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
