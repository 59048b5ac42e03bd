#!/usr/bin/env python3
"""Builds each fuzz target's starting corpus in target/fuzz-corpus/<target>: the hand-written
seeds in fuzz/seeds/<target>, plus the repository's own test files by path (the golden and vendor
export CSVs, the workbook fixtures), shaped as each target reads its input (see fuzz/src/lib.rs:
the first two bytes of a file target choose where the file is cut in two)."""
import gzip, io, os, pathlib, shutil, sys, zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "fuzz-corpus"
SOURCES = ["subscriptions", "accounts", "orders", "surveys", "tickets", "usage", "funnel"]
CUT = b"\x40\x00"  # cut the file at byte 64
SMALL = 64 * 1024


def csvs_of(source):
    golden = ROOT / "crates/metrics/tests/golden" / source
    files = sorted(golden.glob("*/*.csv"))
    for case in sorted((ROOT / "crates/metrics/tests/exports").glob("*/case.txt")):
        if f"\nsource {source}\n" in "\n" + case.read_text() + "\n":
            files += sorted(case.parent.glob("*.csv"))
    return [f for f in files if f.stat().st_size <= SMALL]


def all_csvs():
    return sorted({f for s in SOURCES for f in csvs_of(s)})


def write(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def main(targets):
    for target in targets:
        shutil.rmtree(OUT / target, ignore_errors=True)
        (OUT / target).mkdir(parents=True)
        seeds = ROOT / "fuzz/seeds" / target
        for f in sorted(seeds.glob("*")) if seeds.is_dir() else []:
            write(target, "seed-" + f.name, f.read_bytes())
        if target in SOURCES:
            for f in csvs_of(target):
                write(target, f"{f.parent.name}-{f.name}", CUT + f.read_bytes())
        elif target in ("decode", "csv"):
            for f in all_csvs():
                write(target, f"{f.parent.name}-{f.name}", CUT + f.read_bytes())
            text = "id,name\n1,Zürich\n2,café\n"
            write(target, "utf16le", CUT + b"\xff\xfe" + text.encode("utf-16-le"))
            write(target, "utf16be", CUT + b"\xfe\xff" + text.encode("utf-16-be"))
            write(target, "cp1252", CUT + text.encode("cp1252"))
        elif target == "gzip":
            for f in all_csvs()[:20]:
                write(target, f"{f.parent.name}-{f.name}.gz", CUT + gzip.compress(f.read_bytes()))
            write(target, "two-members.gz", CUT + gzip.compress(b"a,b\n") + gzip.compress(b"1,2\n"))
        elif target == "zip":
            for f in all_csvs()[:10]:
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
                    z.writestr("export/" + f.name, f.read_bytes())
                    z.writestr("README.txt", "not a table")
                write(target, f"{f.parent.name}.zip", buf.getvalue())
            for f in (ROOT / "crates/formats/tests/fixtures").glob("*.xlsx"):
                write(target, f.name, f.read_bytes())
        elif target == "xlsx":
            for i, ext in enumerate(["xlsx", "xls", "ods"]):
                for f in (ROOT / "crates/formats/tests/fixtures").glob(f"*.{ext}"):
                    write(target, f.name, bytes([i]) + f.read_bytes())


if __name__ == "__main__":
    main(sys.argv[1:])
