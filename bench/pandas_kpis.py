"""The benchmarked KPIs with pandas (../shared/spec/kpis.md), per month.

    python pandas_kpis.py SOURCE FILE

prints {"kpi": {"YYYY-MM": value or null}} as JSON. The whole file is read with pandas.read_csv
(default C engine, every column), as a pandas user would; scripts/bench.sh times the process.
"""

import json
import sys

import numpy as np
import pandas as pd


def series(s):
    """A Series indexed by month Periods as {"YYYY-MM": value or None}."""
    return {str(p): (None if pd.isna(v) else float(v)) for p, v in s.items()}


def tickets(df):
    created = pd.to_datetime(df["Created at"], format="%Y-%m-%d %H:%M:%S")
    solved = pd.to_datetime(df["Solved at"], format="%Y-%m-%d %H:%M:%S")
    month = created.dt.to_period("M")
    first = df["First reply time in minutes"] * 60 / 3600
    resolution = (solved - created).dt.total_seconds() / 3600
    has_solved = solved.notna()
    return {
        "ticket_volume": series(month.value_counts().sort_index()),
        "first_response_time_median": series(first.groupby(month).median()),
        "resolution_time_median": series(resolution[has_solved].groupby(solved[has_solved].dt.to_period("M")).median()),
    }


def usage(df):
    month = pd.to_datetime(df["timestamp"], format="%Y-%m-%d %H:%M:%S").dt.to_period("M")
    return {
        "active_users": series(df["user_id"].groupby(month).nunique()),
        "avg_session_duration": series(df["session duration"].groupby(month).mean()),
    }


def surveys(df):
    month = pd.to_datetime(df["Date"], format="%Y-%m-%d").dt.to_period("M")
    kind = df["Survey Type"].str.lower()
    score = df["Score"]
    nps = kind == "nps"
    csat = kind == "csat"
    ces = kind == "ces"
    g = pd.DataFrame(
        {
            "month": month,
            "n": nps,
            "promoters": nps & (score >= 9),
            "detractors": nps & (score <= 6),
            "csat_n": csat,
            "satisfied": csat & (score >= 4),
            "ces_n": ces,
            "ces_sum": score.where(ces, 0),
        }
    ).groupby("month").sum()
    return {
        "nps": series(100 * (g["promoters"] - g["detractors"]) / g["n"].where(g["n"] > 0)),
        "csat": series(100 * g["satisfied"] / g["csat_n"].where(g["csat_n"] > 0)),
        "ces": series(g["ces_sum"] / g["ces_n"].where(g["ces_n"] > 0)),
    }


def subscriptions(df):
    # MRR of month t: subscriptions with start <= its last day < end (start month <= t < end
    # month), each adding its monthly amount in cents (a year / 12, rounded half away from zero).
    cents = (df["amount"] * 100).round().astype(np.int64)
    monthly = np.where(df["interval"] == "year", (2 * cents + 12) // 24, cents)
    start = pd.to_datetime(df["start"], format="%Y-%m-%d").dt.to_period("M")
    end = pd.to_datetime(df["end"], format="%Y-%m-%d").dt.to_period("M")
    monthly = pd.Series(monthly, index=df.index)
    ended = end.notna()
    delta = monthly.groupby(start).sum().sub(monthly[ended].groupby(end[ended]).sum(), fill_value=0)
    months = pd.period_range(delta.index.min(), delta.index.max(), freq="M")
    mrr = delta.reindex(months, fill_value=0).cumsum() / 100
    return {"mrr": series(mrr)}


def orders(df):
    month = pd.to_datetime(df["date"], format="%Y-%m-%d").dt.to_period("M")
    cents = (df["amount"] * 100).round().astype(np.int64)
    g = pd.DataFrame({"month": month, "cents": cents, "customer": df["customer_id"]}).groupby("month")
    n = g.size()
    total = g["cents"].sum()
    return {
        "orders": series(n),
        "revenue": series(total / 100),
        "avg_order_value": series(total / n / 100),
        "active_customers": series(g["customer"].nunique()),
    }


SOURCES = {"tickets": tickets, "usage": usage, "surveys": surveys, "subscriptions": subscriptions, "orders": orders}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in SOURCES:
        sys.exit(f"usage: pandas_kpis.py {{{','.join(SOURCES)}}} FILE")
    df = pd.read_csv(sys.argv[2])
    json.dump(SOURCES[sys.argv[1]](df), sys.stdout)


if __name__ == "__main__":
    main()
