#!/usr/bin/env bash
# Prints the licences of every crate the app is built from (wasm32 target, normal dependencies,
# proc-macros included), as a
# Markdown list for the README. Advisory audit (needs the RustSec database, which this
# network cannot fetch): `cargo install cargo-audit && cargo audit`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo metadata --format-version 1 --filter-platform wasm32-unknown-unknown --locked | python3 -c '
import json, sys, collections
meta = json.load(sys.stdin)
pkgs = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
root = next(p["id"] for p in meta["packages"] if p["name"] == "tunerscope")
seen, todo = set(), [root]
while todo:  # normal (non-dev, non-build) dependencies only: what ends up in the bundle
    i = todo.pop()
    if i in seen: continue
    seen.add(i)
    for d in nodes[i]["deps"]:
        if any(k["kind"] is None for k in d["dep_kinds"]):
            todo.append(d["pkg"])
by = collections.defaultdict(list)
for i in seen - {root}:
    p = pkgs[i]
    by[p.get("license") or "unknown"].append(p["name"] + " " + p["version"])
for lic in sorted(by, key=lambda l: -len(by[l])):
    print(f"- **{lic}** ({len(by[lic])}): " + ", ".join(sorted(by[lic])))
'
