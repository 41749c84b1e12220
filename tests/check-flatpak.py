#!/usr/bin/env python3
"""The Flatpak manifest cannot be built here (no flatpak-builder, no
network): check its structure instead.

- It names this app, runs a program the build installs, and builds this
  source tree with meson, without the tests (they need Xvfb).
- Every library and build tool the build asks for (dependency() and
  find_program() in the meson files outside tests/) is either in the
  GNOME SDK or built by a module listed before the app; no module is
  there that nothing needs.
- Every module but the app is a release archive pinned by its sha256.
- It asks only for the permissions below, each for a feature Lanes has;
  in particular no --filesystem: files come through the portals."""
import json
import os
import re
import sys

src = sys.argv[1]
path = os.path.join(src, "flatpak", "io.github.lanes_viewer.Lanes.json")
manifest = json.load(open(path))
failures = []

# What org.gnome.Sdk 47 provides of what Lanes asks for.
IN_SDK = {
    "glib-2.0", "gio-2.0", "gio-unix-2.0", "gobject-2.0", "threads",
    "gtk4", "libadwaita-1", "cairo", "pango", "pangocairo", "epoxy",
    "json-glib-1.0", "libsoup-3.0",
    "glib-compile-schemas", "desktop-file-validate", "appstreamcli",
}
# What the SDK lacks, and the module that builds it.
BUILT_BY = {
    "libprotobuf-c": "protobuf-c",
    "protoc-c": "protobuf-c",
}
# Modules that other modules need to build (protoc-c is a protoc plugin).
MODULE_NEEDS = {
    "protobuf-c": ["protobuf"],
}
PERMISSIONS = {
    "--share=ipc": "X11 shared memory, with fallback-x11",
    "--socket=wayland": "the window",
    "--socket=fallback-x11": "the window where there is no Wayland",
    "--device=dri": "GL drawing of the timeline",
    "--share=network": "capturing a trace from a running Go service over HTTP",
}


def check(ok, message):
    if not ok:
        failures.append(message)


def build_requirements():
    """Names passed to dependency() and find_program() (when required) in
    the meson files the Flatpak build reads."""
    wanted = set()
    for root, dirs, files in os.walk(src):
        rel = os.path.relpath(root, src)
        if rel.split(os.sep)[0] in ("tests", "build", ".git") or rel.startswith("build"):
            dirs[:] = []
            continue
        if "meson.build" not in files:
            continue
        text = open(os.path.join(root, "meson.build")).read()
        for call in re.finditer(r"(dependency|find_program)\(\s*'([^']+)'([^)]*)\)", text):
            if "required: false" not in call.group(3):
                wanted.add(call.group(2))
    return wanted


check(manifest.get("id") == "io.github.lanes_viewer.Lanes", "id is not the app id")
check(os.path.exists(os.path.join(src, "data", manifest["id"] + ".desktop.in")),
      "no desktop file for the manifest's id")
check(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
      "not on the GNOME runtime")
meson_build = open(os.path.join(src, "src", "app", "meson.build")).read()
check(f"executable('{manifest.get('command')}'" in meson_build,
      f"command {manifest.get('command')!r} is not a program the build makes")

modules = manifest["modules"]
app = modules[-1]
check(app.get("buildsystem") == "meson", "the app module does not build with meson")
check("-Dtests=false" in app.get("config-opts", []), "the app module builds the tests")
for source in app.get("sources", []):
    if source.get("type") == "dir":
        tree = os.path.normpath(os.path.join(os.path.dirname(path), source["path"]))
        check(os.path.exists(os.path.join(tree, "meson.build")), f"{tree} has no meson.build")

names = [m.get("name") for m in modules[:-1]]
needed = set()
for requirement in sorted(build_requirements()):
    if requirement in IN_SDK:
        continue
    module = BUILT_BY.get(requirement)
    check(module is not None, f"the build needs {requirement!r}: neither in the GNOME SDK nor built by a module")
    if module is not None:
        check(module in names, f"the build needs {requirement!r}, but no module {module!r} builds it")
        needed.add(module)
for module in list(needed):
    for dep in MODULE_NEEDS.get(module, []):
        check(dep in names and names.index(dep) < names.index(module),
              f"module {module!r} needs {dep!r} built before it")
        needed.add(dep)
for name in names:
    check(name in needed, f"module {name!r} builds something the app does not need")

for module in modules[:-1]:
    sources = module.get("sources", [])
    check(len(sources) > 0, f"module {module.get('name')!r} has no source")
    for source in sources:
        check(source.get("type") == "archive" and source.get("url", "").startswith("https://"),
              f"module {module.get('name')!r}: source is not a release archive over https")
        check(re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) is not None,
              f"module {module.get('name')!r}: source has no sha256")

for arg in manifest.get("finish-args", []):
    check(arg in PERMISSIONS, f"permission {arg} is not one a feature of Lanes needs")

for f in failures:
    print("not ok:", f)
print(f"{1 if not failures else 0} passed, {len(failures) and 1} failed (flatpak manifest)")
sys.exit(1 if failures else 0)
