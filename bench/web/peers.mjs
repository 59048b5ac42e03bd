// The browser peers, one per page: peers.html?engine=papaparse|duckdb&source=tickets. The engine is
// made ready first (DuckDB instantiated, a connection open), then `window.bench.ready` is set. A
// file given to the input is timed from its change event to the KPIs in hand; the outcome is
// `window.bench.done`: { ms, kpis } or { error }.
import { create } from './js-kpis.mjs';
import { statements, toKpis } from './duckdb-kpis.mjs';

const params = new URLSearchParams(location.search);
const engine = params.get('engine');
const source = params.get('source');
document.getElementById('engine').textContent = engine;
document.getElementById('source').textContent = source;
window.bench = { ready: false, done: null };

/// PapaParse streaming the File in chunks (its default, 10 MB for local files) on the main thread,
/// every row handed to the plain JavaScript aggregation.
function papaparse(file) {
  return new Promise((resolve, reject) => {
    const agg = create(source);
    globalThis.Papa.parse(file, {
      skipEmptyLines: true,
      chunk: (res) => {
        for (const row of res.data) agg.row(row);
      },
      complete: () => resolve(agg.result()),
      error: reject,
    });
  });
}

async function duckdbEngine() {
  const duckdb = await import('../node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs');
  const dist = new URL('../node_modules/@duckdb/duckdb-wasm/dist/', location.href).href;
  // The "eh" build (wasm exceptions, one thread), in its own worker, as DuckDB-WASM recommends.
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(`${dist}duckdb-browser-eh.worker.js`));
  await db.instantiate(`${dist}duckdb-eh.wasm`);
  const conn = await db.connect();
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');
  return {
    async run(file) {
      const name = `input-${Date.now()}.csv`;
      // The File is read through FileReaderSync in DuckDB's worker, as it is queried.
      await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      const { setup, query, cleanup } = statements(source, name);
      for (const s of setup) await conn.query(s);
      const rows = (await conn.query(query)).toArray().map((r) => r.toJSON());
      for (const s of cleanup) await conn.query(s);
      await db.dropFile(name);
      return toKpis(rows);
    },
  };
}

async function main() {
  let run;
  if (engine === 'papaparse') {
    run = papaparse;
  } else if (engine === 'duckdb') {
    run = (await duckdbEngine()).run;
  } else {
    throw new Error(`unknown engine ${engine}`);
  }
  document.getElementById('file').addEventListener('change', async (ev) => {
    const t0 = performance.now();
    try {
      const kpis = await run(ev.target.files[0]);
      const ms = performance.now() - t0;
      document.getElementById('result').textContent = JSON.stringify(kpis).slice(0, 2000);
      window.bench.done = { ms, kpis };
    } catch (e) {
      window.bench.done = { error: String(e?.stack ?? e) };
    }
  });
  window.bench.ready = true;
}

main().catch((e) => {
  window.bench.done = { error: String(e?.stack ?? e) };
  window.bench.ready = true;
});
