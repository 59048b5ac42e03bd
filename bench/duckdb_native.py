"""Native DuckDB for scripts/bench.sh: runs the statements bench/web/duckdb-kpis.mjs gives for a
file (the same SQL as the DuckDB-WASM peer: column types given, nothing sniffed) in one process,
with every thread DuckDB uses by default, and prints {kpi: {period: value}} as JSON.

Usage: python bench/duckdb_native.py STATEMENTS_JSON   ({"setup": [...], "query": "...", "cleanup": [...]})
"""
import json
import sys

import duckdb


def number(v):
    return None if v is None else float(v)


def main():
    statements = json.loads(sys.argv[1])
    con = duckdb.connect()
    for s in statements["setup"]:
        con.execute(s)
    cur = con.execute(statements["query"])
    columns = [d[0] for d in cur.description]
    out = {}
    for row in cur.fetchall():
        r = dict(zip(columns, row))
        if "kpi" in r:
            out.setdefault(r["kpi"], {})[r["period"]] = number(r["value"])
            continue
        for k, v in r.items():
            if k != "period":
                out.setdefault(k, {})[r["period"]] = number(v)
    for s in statements["cleanup"]:
        con.execute(s)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
