#!/usr/bin/env python3
"""Checks the layering that ARCHITECTURE.md states, from the code's own paths, and fails on a breach.

1. In the metrics crate, a source module (`crates/metrics/src/<id>/`, the kinds of
   `for_each_source!`) uses only the layer below the sources: never `crate::catalog`,
   `crate::health` (the consumers above), nor another source's module.
2. The layer below the sources (every other module of the metrics crate but `catalog` and
   `health`) uses no source module and nothing above it.
3. No import cycle between the top-level modules of the app (`src/`), the view crate and the
   metrics crate: a module `a` depends on `b` when a file of `a` names `crate::b` (or, at the top
   of `src/`, `b::`); the dependency graph must have no cycle.

Comments, test code (`#[cfg(test)]` tails, `tests.rs`, `*_tests.rs`) and the tokens a macro hands
on (`$crate::…`) are left out. Usage: scripts/layers.py; exit 1 on a breach, with each listed.
"""
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from footprint import ROOT, code_of, kinds  # noqa: E402

ABOVE = {"catalog", "health"}


def rust_files(base):
    return sorted(p for p in base.rglob("*.rs") if p.name != "tests.rs" and not p.name.endswith("_tests.rs"))


def reexports(base):
    """Names the crate's root re-exports (`pub use module::Name;` in lib.rs), by the module."""
    lib = base / "lib.rs"
    out = {}
    if lib.exists():
        for m in re.finditer(r"pub use ([a-z_][a-z0-9_]*)::(?:\{([^}]*)\}|(\w+));", code_of(lib)):
            for name in re.findall(r"\w+", m.group(2) or m.group(3)):
                out[name] = m.group(1)
    return out


def refs(code, roots):
    """Top-level modules named through `crate::`, the crate root's re-exports resolved."""
    code = re.sub(r"\$crate::", "", code)
    named = set(re.findall(r"\bcrate::([a-z_][a-z0-9_]*)", code))
    named |= {roots[n] for n in re.findall(r"\bcrate::(?:\{[^}]*\}|([A-Z]\w*))", code) if n in roots}
    for group in re.findall(r"\bcrate::\{([^}]*)\}", code):
        named |= {roots[n] for n in re.findall(r"\w+", group) if n in roots}
        named |= {n for n in re.findall(r"\b([a-z_][a-z0-9_]*)::", group)}
    return named


def top_module(base, path):
    rel = path.relative_to(base)
    return rel.parts[0].removesuffix(".rs") if len(rel.parts) > 1 or rel.name not in ("lib.rs", "main.rs") else None


def cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def module_graph(base):
    graph, why = {}, {}
    roots = reexports(base)
    tops = {p.stem if p.is_file() else p.name for p in base.iterdir() if p.suffix == ".rs" or p.is_dir()}
    for f in rust_files(base):
        a = top_module(base, f)
        if a is None:
            continue
        for b in refs(code_of(f), roots):
            if b != a and b in tops:
                graph.setdefault(a, set()).add(b)
                why.setdefault((a, b), f.relative_to(ROOT).as_posix())
    return graph, why


def main():
    breaches = []
    metrics = ROOT / "crates/metrics/src"
    sources = {sid for _, sid in kinds()}
    for f in rust_files(metrics):
        top = top_module(metrics, f)
        if top is None:
            continue
        named = refs(code_of(f), reexports(metrics))
        rel = f.relative_to(ROOT).as_posix()
        if top in sources:
            for b in sorted(named & (ABOVE | (sources - {top}))):
                breaches.append(f"{rel}: the source module {top} uses crate::{b}")
        elif top not in ABOVE:
            for b in sorted(named & (ABOVE | sources)):
                breaches.append(f"{rel}: {top} is below the sources but uses crate::{b}")
    for base in (ROOT / "src", ROOT / "crates/view/src", metrics):
        graph, why = module_graph(base)
        for comp in cycles(graph):
            edges = [f"{a} -> {b} ({why[(a, b)]})" for a in comp for b in sorted(graph.get(a, ())) if b in comp]
            breaches.append(f"import cycle in {base.relative_to(ROOT)}: {', '.join(comp)}: " + "; ".join(edges))
    for b in breaches:
        print(b)
    print(f"layers: {len(breaches)} breaches")
    sys.exit(1 if breaches else 0)


if __name__ == "__main__":
    main()
