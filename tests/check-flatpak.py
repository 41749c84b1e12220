#!/usr/bin/env python3
"""The Flatpak manifest cannot be built here (no flatpak-builder, no
network): check that it parses, names this app, runs a program the
build installs, and points at a source tree that builds with meson."""
import json
import os
import sys

src = sys.argv[1]
path = os.path.join(src, "flatpak", "io.github.lanes_viewer.Lanes.json")
manifest = json.load(open(path))
failures = []

def check(ok, message):
    if not ok:
        failures.append(message)

check(manifest.get("id") == "io.github.lanes_viewer.Lanes", "id is not the app id")
check(os.path.exists(os.path.join(src, "data", manifest["id"] + ".desktop.in")),
      "no desktop file for the manifest's id")
check(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
      "not on the GNOME runtime")
meson_build = open(os.path.join(src, "src", "app", "meson.build")).read()
check(f"executable('{manifest.get('command')}'" in meson_build,
      f"command {manifest.get('command')!r} is not a program the build makes")
module = manifest["modules"][-1]
check(module.get("buildsystem") == "meson", "the app module does not build with meson")
for source in module.get("sources", []):
    if source.get("type") == "dir":
        tree = os.path.normpath(os.path.join(os.path.dirname(path), source["path"]))
        check(os.path.exists(os.path.join(tree, "meson.build")), f"{tree} has no meson.build")

for f in failures:
    print("not ok:", f)
print(f"{1 if not failures else 0} passed, {len(failures) and 1} failed (flatpak manifest)")
sys.exit(1 if failures else 0)
