// The native engines, each a whole process under /usr/bin/time -v: the northstar CLI (`report
// --json`, every KPI of the source), pandas (bench/pandas_kpis.py) and DuckDB's Python package
// running the DuckDB-WASM peer's own SQL (bench/duckdb_native.py). Wall time is taken around
// the process; peak memory is its maximum resident set size as /usr/bin/time reports it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromCli } from './results.mjs';
import { statements } from '../web/duckdb-kpis.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function timed(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-v', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${err.slice(-2000)}`));
      const kb = Number(err.match(/Maximum resident set size \(kbytes\): (\d+)/)?.[1]);
      resolve({ ms, stdout: Buffer.concat(out).toString('utf8'), memory: { peak: kb * 1024 } });
    });
  });
}

/// `northstar report --source SOURCE=FILE --json`; also the reference every engine is checked against.
export async function cli(env, { source, file }) {
  const r = await timed(env.cli, ['report', '--source', `${source}=${file}`, '--json']);
  const json = JSON.parse(r.stdout);
  const problems = json.issues?.length ?? 0;
  if (problems) throw new Error(`northstar cli: ${problems} issues reading ${file}, e.g. ${JSON.stringify(json.issues[0])}`);
  return { ms: r.ms, kpis: fromCli(json, source), memory: r.memory };
}

export async function pandas(env, { source, file }) {
  const r = await timed(env.python, [path.join(HERE, '../pandas_kpis.py'), source, file]);
  return { ms: r.ms, kpis: JSON.parse(r.stdout), memory: r.memory };
}

/// Native DuckDB (the Python package, all threads) on the SQL the DuckDB-WASM peer runs.
export async function duckdb(env, { source, file }) {
  const r = await timed(env.python, [path.join(HERE, '../duckdb_native.py'), JSON.stringify(statements(source, file))]);
  return { ms: r.ms, kpis: JSON.parse(r.stdout), memory: r.memory };
}
