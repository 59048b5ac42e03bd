#!/usr/bin/env python3
"""Prints, per source kind, the files outside its own modules that name it, and fails above a limit.

The rule. A source kind is named in a file when the file's code (comments removed, and string
literals removed unless a literal is exactly the source's id) contains any of:
  - a path into its module (`crate::orders`, `northstar_metrics::orders`, `super::orders`): the
    only way Rust code can use a type, function or constant the module declares;
  - its variant of the catalog's id enum (`SourceId::Orders`);
  - its id as a string literal ("orders");
  - the per-source field of a store generated from the catalog (`sources.orders`, `stores.orders`,
    `mirrors.orders`).
Files are counted by place: a page's files are one place (its components, `src/pages/<page>.rs` or
`src/pages/<page>/`; its half in the engine, `src/engine/<page>.rs`; its view models,
`crates/view/src/pages/<page>.rs`), every other file is a place of its own. Files looked at: every
`.rs` file under `src/` and `crates/`. Left out: the source's own module
(`crates/metrics/src/<id>/`), test and benchmark code (`tests/`, `benches/`, `crates/bench/`, files
named `tests.rs` or `*_tests.rs`, and everything after a file's first `#[cfg(test)]`), and build
scripts.

The source kinds are read from the catalog's one list (`for_each_source!` in
crates/metrics/src/source/id.rs), the pages from the view crate's (`for_each_page!` in
crates/view/src/pages/mod.rs). Usage: scripts/footprint.py [--limit N] (default 5); exit 1 when a
source is named in more places than the limit.
"""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ID_FILE = ROOT / "crates/metrics/src/source/id.rs"
PAGES_FILE = ROOT / "crates/view/src/pages/mod.rs"


def kinds():
    """(Variant, id) of every source kind, in the catalog's order."""
    text = ID_FILE.read_text()
    found = re.findall(r"^\s*([A-Z][A-Za-z]*)\s*:\s*([a-z_]+)\s*=\s*\$crate::", text, re.M)
    if not found:
        sys.exit(f"footprint: no source list found in {ID_FILE}")
    return found


def pages():
    """The id of every page of the app."""
    found = re.findall(r"^\s*[A-Z][A-Za-z]*\s*:\s*([a-z_]+)\s+\"", PAGES_FILE.read_text(), re.M)
    if not found:
        sys.exit(f"footprint: no page list found in {PAGES_FILE}")
    return found


def place_of(rel, page_ids):
    """The place a file belongs to: its page, or itself."""
    p = rel.as_posix()
    for page in page_ids:
        if p in (f"src/pages/{page}.rs", f"src/engine/{page}.rs", f"crates/view/src/pages/{page}.rs") or p.startswith(f"src/pages/{page}/"):
            return f"page {page}"
    return p


def code_of(path):
    """The file's code before its tests, without comments; string literals kept only when they are
    a bare identifier (a source id), else emptied."""
    text = path.read_text(errors="replace")
    cut = text.find("#[cfg(test)]")
    if cut >= 0:
        text = text[:cut]
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c == "r" and re.match(r'r#*"', text[i:i + 10]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = text.find('"' + hashes, i + len(hashes) + 2)
            i = n if end < 0 else end + 1 + len(hashes)
            out.append('""')
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            literal = text[i + 1:j]
            out.append(f'"{literal}"' if re.fullmatch(r"[a-z_]+", literal) else '""')
            i = j + 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:i + 4]):
            m = re.match(r"'(\\.|[^\\'])'", text[i:i + 4])
            out.append("' '")
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def rust_files(base):
    return sorted(p for p in base.rglob("*.rs") if "target" not in p.parts and "node_modules" not in p.parts)


def left_out(rel):
    parts = rel.parts
    return (
        "tests" in parts
        or "benches" in parts
        or rel.as_posix().startswith("crates/bench/")
        or rel.name == "build.rs"
        or rel.name == "tests.rs"
        or rel.name.endswith("_tests.rs")
        or "fixtures-src" in parts
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=5)
    args = ap.parse_args()
    sources = kinds()
    page_ids = pages()
    files = [f for base in (ROOT / "src", ROOT / "crates") for f in rust_files(base)]
    files = [f for f in files if not left_out(f.relative_to(ROOT))]
    own = {sid: [f for f in files if f.relative_to(ROOT).as_posix().startswith(f"crates/metrics/src/{sid}/")] for _, sid in sources}
    code = {f: code_of(f) for f in files}
    failed = False
    print(f"{'source':<14} places (limit {args.limit}; rule: scripts/footprint.py's header)")
    for variant, sid in sources:
        alternatives = [
            rf'"{sid}"',
            rf"\b(?:crate|northstar_metrics|super)::{sid}\b",
            rf"\bSourceId::{variant}\b",
            rf"\b(?:sources|stores|mirrors)\.{sid}\b",
            # A list of source kinds' variants (a page's line in `for_each_page!`).
            rf"\[\s*(?:[A-Z]\w*\s*,\s*)*{variant}\s*(?:,\s*[A-Z]\w*\s*)*\]",
        ]
        pattern = re.compile("|".join(alternatives))
        naming = [f for f in files if f not in own[sid] and pattern.search(code[f])]
        places = {}
        for f in naming:
            places.setdefault(place_of(f.relative_to(ROOT), page_ids), []).append(f)
        over = len(places) > args.limit
        failed |= over
        print(f"{sid:<14} {len(places):>5}{'  OVER THE LIMIT' if over else ''}")
        for place, fs in places.items():
            print(f"    {place}")
            for f in fs:
                found = sorted(set(m.group(0) for m in pattern.finditer(code[f])))
                print(f"        {f.relative_to(ROOT).as_posix():<48} {', '.join(found)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
