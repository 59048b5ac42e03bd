// The peers' KPI code (PapaParse + JS, DuckDB SQL) on small files worked out by hand, and the
// check that compares every engine with the CLI. Run by scripts/bench.sh before measuring:
//   node --test bench/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { create } from '../web/js-kpis.mjs';
import { statements, toKpis } from '../web/duckdb-kpis.mjs';
import { differences, lastValues } from '../lib/results.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOLDEN = path.join(ROOT, 'crates/metrics/tests/golden');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-bench-'));
const write = (name, text) => {
  const p = path.join(TMP, name);
  fs.writeFileSync(p, text);
  return p;
};

// Each case: a file and its KPIs, worked out by hand.
const CASES = {
  // Golden case tickets/01 (hand-worked in its case.txt): first responses 1, 0.5 and 25 h in
  // January, 1/3 h in February; resolved in January after 8 and 48 h, in February after 648 and 1 h.
  tickets: {
    file: path.join(GOLDEN, 'tickets/01_zendesk_shape/input.csv'),
    kpis: {
      ticket_volume: { '2024-01': 4, '2024-02': 1 },
      first_response_time_median: { '2024-01': 1, '2024-02': 1 / 3 },
      resolution_time_median: { '2024-01': 28, '2024-02': 324.5 },
    },
  },
  // Golden case usage/01: users u1-u4 in January, u1 and u3 in February; sessions 10, 20, 30, 40
  // minutes (u3's blank is none) and 5, 15.
  usage: {
    file: path.join(GOLDEN, 'usage/01_events_monthly/input.csv'),
    kpis: { active_users: { '2024-01': 4, '2024-02': 2 }, avg_session_duration: { '2024-01': 25, '2024-02': 10 } },
  },
  // January: NPS 10, 9, 8, 6, 0 (2 promoters, 2 detractors of 5), CSAT 5 and 3 (1 of 2 at 4 or
  // more), CES 6 and 3; February: NPS 7 and 10, no CSAT, CES 2.
  surveys: {
    file: write(
      'surveys.csv',
      'Date,Respondent,Survey Type,Score,Plan,Region,Comment\n' +
        '2024-01-03,R1,NPS,10,Starter,EMEA,"Love it, really"\n' +
        '2024-01-04,R2,NPS,9,Growth,APAC,\n' +
        '2024-01-05,R3,nps,8,Growth,APAC,"The ""billing"" page"\n' +
        '2024-01-06,R4,NPS,6,Starter,EMEA,\n' +
        '2024-01-07,R5,NPS,0,Starter,EMEA,Slow\n' +
        '2024-01-08,R1,CSAT,5,Starter,EMEA,\n' +
        '2024-01-09,R2,CSAT,3,Growth,APAC,\n' +
        '2024-01-10,R3,CES,6,Growth,APAC,\n' +
        '2024-01-11,R4,CES,3,Starter,EMEA,\n' +
        '2024-02-01,R1,NPS,7,Starter,EMEA,\n' +
        '2024-02-02,R2,NPS,10,Growth,APAC,\n' +
        '2024-02-03,R3,CES,2,Growth,APAC,\n',
    ),
    kpis: { nps: { '2024-01': 0, '2024-02': 50 }, csat: { '2024-01': 50, '2024-02': null }, ces: { '2024-01': 4.5, '2024-02': 2 } },
  },
  // MRR on each month's last day: A (29.00) is active Jan 31 and Feb 29, not after its end on
  // Mar 10; C (99.00) starts Jan 31 and ends Feb 29, so it counts on Jan 31 only; B pays 1000.50
  // a year from Feb 1: 83.375 a month, rounded half away from zero to 83.38.
  subscriptions: {
    file: write(
      'subscriptions.csv',
      'customer,plan,amount,interval,start,end\n' +
        'A,Starter,29.00,month,2024-01-15,2024-03-10\n' +
        'C,Growth,99.00,month,2024-01-31,2024-02-29\n' +
        'B,Team Annual,1000.50,year,2024-02-01,\n',
    ),
    kpis: { mrr: { '2024-01': 128, '2024-02': 112.38, '2024-03': 83.38 } },
  },
  // January: 10.00 + 5.50 + 4.50 from C1 and C2; February: 100.00 from C3.
  orders: {
    file: write(
      'orders.csv',
      'order_id,customer_id,date,amount\n1,C1,2024-01-05,10.00\n2,C2,2024-01-20,5.50\n3,C1,2024-01-31,4.50\n4,C3,2024-02-01,100.00\n',
    ),
    kpis: {
      orders: { '2024-01': 3, '2024-02': 1 },
      revenue: { '2024-01': 20, '2024-02': 100 },
      avg_order_value: { '2024-01': 20 / 3, '2024-02': 100 },
      active_customers: { '2024-01': 2, '2024-02': 1 },
    },
  },
};

function papaparse(source, file) {
  const agg = create(source);
  for (const row of Papa.parse(fs.readFileSync(file, 'utf8'), { skipEmptyLines: true }).data) agg.row(row);
  return agg.result();
}

async function duckdbConnection() {
  const require = createRequire(import.meta.url);
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  return db.connect();
}

for (const [source, c] of Object.entries(CASES)) {
  test(`${source}: PapaParse + JS gives the hand-worked KPIs`, () => {
    assert.deepEqual(differences(c.kpis, papaparse(source, c.file), source), []);
  });
}

test('DuckDB SQL gives the hand-worked KPIs', async () => {
  const conn = await duckdbConnection();
  for (const [source, c] of Object.entries(CASES)) {
    const { setup, query, cleanup } = statements(source, c.file);
    for (const s of setup) conn.query(s);
    const got = toKpis(conn.query(query).toArray().map((r) => r.toJSON()));
    for (const s of cleanup) conn.query(s);
    assert.deepEqual(differences(c.kpis, got, source), [], source);
  }
});

test('the check finds a changed, a missing and a spurious value, and allows float noise', () => {
  const ref = { orders: { '2024-01': 3, '2024-02': 1 }, revenue: { '2024-01': 20 }, avg_order_value: { '2024-01': 20 / 3 }, active_customers: { '2024-01': 2 } };
  const same = structuredClone(ref);
  same.avg_order_value['2024-01'] = 20 / 3 + 1e-14;
  same.orders['2024-03'] = 0; // a month with no orders counts 0 either way
  assert.deepEqual(differences(ref, same, 'orders'), []);
  const changed = structuredClone(ref);
  changed.revenue['2024-01'] = 20.01;
  delete changed.orders['2024-02'];
  changed.avg_order_value['2024-02'] = 5;
  assert.deepEqual(differences(ref, changed, 'orders'), [
    'orders 2024-02: northstar cli 1, this engine 0',
    'revenue 2024-01: northstar cli 20, this engine 20.01',
    'avg_order_value 2024-02: northstar cli null, this engine 5',
  ]);
  assert.deepEqual(differences(ref, { orders: {} }, 'orders').slice(2), ['revenue: missing', 'avg_order_value: missing', 'active_customers: missing']);
});

test('the app is waited for on the last month that has a value', () => {
  const ref = { nps: { '2024-01': 0, '2024-02': 50, '2024-03': null }, csat: { '2024-01': 50, '2024-02': null }, ces: { '2024-02': 2 } };
  assert.deepEqual(lastValues(ref, 'surveys'), [
    ['nps', '2024-02', 50],
    ['csat', '2024-01', 50],
    ['ces', '2024-02', 2],
  ]);
});
