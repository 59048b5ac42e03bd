// DuckDB SQL for the benchmarked KPIs (../shared/spec/kpis.md), per month. `statements(source, file)`
// gives { setup, query, cleanup }: statements run before the query, the query, and statements run
// after it. The query's rows are either (kpi, period, value) or a period column and one column per
// KPI. Column types are given, so DuckDB does not sniff them.

const csv = (file, columns) =>
  `read_csv('${file}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${Object.entries(columns)
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(', ')}})`;

const STATEMENTS = {
  tickets: (f) => ({
    setup: [
      `CREATE OR REPLACE TEMP TABLE t AS SELECT "Created at" AS created, "Solved at" AS solved, "First reply time in minutes" AS minutes FROM ${csv(f, {
      ID: 'BIGINT',
      'Created at': 'TIMESTAMP',
      'Solved at': 'TIMESTAMP',
      Replies: 'INTEGER',
      Reopens: 'INTEGER',
      Assignee: 'VARCHAR',
      Group: 'VARCHAR',
      Via: 'VARCHAR',
      'Satisfaction Score': 'VARCHAR',
      'First reply time in minutes': 'DOUBLE',
      Requester: 'VARCHAR',
    })}`,
    ],
    query: `SELECT 'ticket_volume' AS kpi, strftime(created, '%Y-%m') AS period, count(*)::DOUBLE AS value FROM t GROUP BY period
     UNION ALL SELECT 'first_response_time_median', strftime(created, '%Y-%m'), median(minutes * 60 / 3600) FROM t WHERE minutes IS NOT NULL GROUP BY 2
     UNION ALL SELECT 'resolution_time_median', strftime(solved, '%Y-%m'), median((epoch(solved) - epoch(created)) / 3600) FROM t WHERE solved IS NOT NULL GROUP BY 2`,
    cleanup: ['DROP TABLE t'],
  }),

  usage: (f) => ({
    query: `SELECT strftime("timestamp", '%Y-%m') AS period, count(DISTINCT user_id)::DOUBLE AS active_users, avg("session duration") AS avg_session_duration
     FROM ${csv(f, { user_id: 'VARCHAR', customer_id: 'VARCHAR', timestamp: 'TIMESTAMP', event: 'VARCHAR', 'session duration': 'DOUBLE' })} GROUP BY period`,
  }),

  surveys: (f) => ({
    query: `SELECT strftime("Date", '%Y-%m') AS period,
       100 * (count(*) FILTER (WHERE k = 'nps' AND s >= 9) - count(*) FILTER (WHERE k = 'nps' AND s <= 6)) / nullif(count(*) FILTER (WHERE k = 'nps'), 0) AS nps,
       100 * count(*) FILTER (WHERE k = 'csat' AND s >= 4) / nullif(count(*) FILTER (WHERE k = 'csat'), 0) AS csat,
       avg(s) FILTER (WHERE k = 'ces') AS ces
     FROM (SELECT "Date", lower("Survey Type") AS k, "Score"::DOUBLE AS s FROM ${csv(f, {
       Date: 'DATE',
       Respondent: 'VARCHAR',
       'Survey Type': 'VARCHAR',
       Score: 'INTEGER',
       Plan: 'VARCHAR',
       Region: 'VARCHAR',
       Comment: 'VARCHAR',
     })}) GROUP BY period`,
  }),

  // MRR of month t: subscriptions with start <= its last day < end (start month <= t < end month),
  // each adding its monthly amount in cents (a year / 12, rounded half away from zero).
  subscriptions: (f) => ({
    setup: [
      `CREATE OR REPLACE TEMP TABLE s AS
     SELECT date_trunc('month', "start")::TIMESTAMP AS m0, date_trunc('month', "end")::TIMESTAMP AS m1,
            CASE WHEN "interval" = 'year' THEN (2 * cents + 12) // 24 ELSE cents END AS monthly
     FROM (SELECT "start", "end", "interval", CAST(amount * 100 AS BIGINT) AS cents
           FROM ${csv(f, { customer: 'VARCHAR', plan: 'VARCHAR', amount: 'DECIMAL(18,2)', interval: 'VARCHAR', start: 'DATE', end: 'DATE' })})`,
    ],
    query: `WITH d AS (SELECT m0 AS m, sum(monthly) AS v FROM s GROUP BY m0 UNION ALL SELECT m1, -sum(monthly) FROM s WHERE m1 IS NOT NULL GROUP BY m1),
          dm AS (SELECT m, sum(v) AS v FROM d GROUP BY m),
          months AS (SELECT unnest(generate_series(min(m), max(m), INTERVAL 1 MONTH)) AS m FROM dm)
     SELECT strftime(months.m, '%Y-%m') AS period, (sum(coalesce(dm.v, 0)) OVER (ORDER BY months.m) / 100)::DOUBLE AS mrr
     FROM months LEFT JOIN dm USING (m)`,
    cleanup: ['DROP TABLE s'],
  }),

  orders: (f) => ({
    query: `SELECT strftime("date", '%Y-%m') AS period, count(*)::DOUBLE AS orders, sum(amount)::DOUBLE AS revenue,
       (sum(amount) / count(*))::DOUBLE AS avg_order_value, count(DISTINCT customer_id)::DOUBLE AS active_customers
     FROM ${csv(f, { order_id: 'BIGINT', customer_id: 'VARCHAR', date: 'DATE', amount: 'DECIMAL(18,2)' })} GROUP BY period`,
  }),
};

export function statements(source, file) {
  const make = STATEMENTS[source];
  if (!make) throw new Error(`no DuckDB SQL for ${source}`);
  const { setup = [], query, cleanup = [] } = make(file);
  return { setup, query, cleanup };
}

/// { kpi: { period: value } } from the last statement's rows (plain objects).
export function toKpis(rows) {
  const out = {};
  for (const row of rows) {
    if ('kpi' in row) {
      (out[row.kpi] ??= {})[row.period] = row.value === null ? null : Number(row.value);
      continue;
    }
    for (const [k, v] of Object.entries(row)) {
      if (k !== 'period') (out[k] ??= {})[row.period] = v === null ? null : Number(v);
    }
  }
  return out;
}
