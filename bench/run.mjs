// The benchmark driver (scripts/bench.sh runs it after building and generating the data):
//
//   node bench/run.mjs [--rows 100k,1M,5M] [--sources tickets,usage,surveys,subscriptions,orders]
//                      [--engines northstar,papaparse,duckdb,cli,pandas,native-duckdb] [--runs 3] [--no-write]
//
// For every file: the northstar CLI gives the reference KPIs; each engine runs `--runs` times and
// its KPIs must equal the reference before any time is kept (else the run stops, exit 1). The
// browser engines share one headless Chromium. Prints the table and the targets, and writes them
// into BENCHMARKS.md unless --no-write.
//   BENCH_DIST       the built app (default dist/)
//   NORTHSTAR_CLI    the CLI binary (default $CARGO_TARGET_DIR/release/northstar)
//   BENCH_PYTHON     the Python with pandas (default target/bench-venv/bin/python)
//   BENCH_DATA       the generated exports (default target/bench-data)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SOURCE_NAMES } from './web/kpi-sets.mjs';
import { differences, lastValues } from './lib/results.mjs';
import { startServer } from './lib/server.mjs';
import { launch } from './lib/chromium.mjs';
import * as browserEngines from './lib/browser.mjs';
import * as nativeEngines from './lib/native.mjs';
import { ENGINES, markdownResults, replaceResults, summarise, table, targets, textTable } from './lib/report.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');

function parseArgs(argv) {
  const o = { rows: ['100k', '1M', '5M'], sources: SOURCE_NAMES, engines: Object.keys(ENGINES), runs: 3, write: true };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    const list = (known) => {
      const items = value().split(',').map((s) => s.trim()).filter(Boolean);
      const bad = known && items.filter((x) => !known.includes(x));
      if (bad?.length) throw new Error(`unknown: ${bad.join(', ')} (known: ${known.join(', ')})`);
      return items;
    };
    switch (argv[i]) {
      case '--rows': o.rows = list(); break;
      case '--sources': o.sources = list(SOURCE_NAMES); break;
      case '--engines': o.engines = list(Object.keys(ENGINES)); break;
      case '--runs': o.runs = Number(value()); break;
      case '--no-write': o.write = false; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!(o.runs >= 1)) throw new Error('--runs needs a number ≥ 1');
  o.rowCounts = o.rows.map((r) => {
    const m = /^(\d+)([kKmM]?)$/.exec(r);
    if (!m) throw new Error(`'${r}' is not a row count (100k, 1M, 250000)`);
    return Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2].toLowerCase()] ?? 1);
  });
  return o;
}

const label = (n) => (n % 1e6 === 0 ? `${n / 1e6}M` : n % 1e3 === 0 ? `${n / 1e3}k` : String(n));
const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '?';
  }
};
const pkgVersion = (name) => JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', name, 'package.json'), 'utf8')).version;

/// A path relative to the repository when inside it, else absolute.
const shown = (p) => (path.relative(ROOT, p).startsWith('..') ? p : path.relative(ROOT, p) || '.');

function machine(env, chromium) {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.arch();
  const osName = fs.readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="(.*)"/)?.[1] ?? os.platform();
  const commit = sh('git', ['-C', ROOT, 'describe', '--always', '--dirty']);
  return [
    ['CPU', `${cpu} × ${os.cpus().length}`],
    ['memory', `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`],
    ['OS', `${osName}, Linux ${os.release()}`],
    ['Chromium', chromium ?? 'not run'],
    ['Node', process.version],
    ['PapaParse', pkgVersion('papaparse')],
    ['DuckDB-WASM', pkgVersion('@duckdb/duckdb-wasm')],
    ['pandas', env.engines.includes('pandas') ? sh(env.python, ['-c', 'import pandas; print(pandas.__version__)']) : 'not run'],
    ['DuckDB (native)', env.engines.includes('native-duckdb') ? sh(env.python, ['-c', 'import duckdb; print(duckdb.__version__)']) : 'not run'],
    ['Northstar', `${commit} (app: ${env.engines.includes('northstar') ? shown(env.dist) : 'not run'}, CLI: ${shown(env.cli)})`],
    ['load average at the start', env.load.map((x) => x.toFixed(2)).join(', ')],
  ];
}

/// The gzipped size of each of the app's wasm files: [[name, bytes]].
function wasmGzip(dist) {
  return fs
    .readdirSync(dist)
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => [f, zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length]);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
  const env = {
    engines: opts.engines,
    dist: path.resolve(process.env.BENCH_DIST ?? path.join(ROOT, 'dist')),
    cli: path.resolve(process.env.NORTHSTAR_CLI ?? path.join(target, 'release/northstar')),
    python: process.env.BENCH_PYTHON ?? path.join(ROOT, 'target/bench-venv/bin/python'),
    data: path.resolve(process.env.BENCH_DATA ?? path.join(ROOT, 'target/bench-data')),
    load: os.loadavg(),
  };
  const inBrowser = opts.engines.filter((e) => ENGINES[e].where === 'browser');
  const natively = opts.engines.filter((e) => ENGINES[e].where === 'native');
  const files = opts.rowCounts.flatMap((rows) => opts.sources.map((source) => ({ source, rows, file: path.join(env.data, `${source}-${label(rows)}.csv`) })));
  for (const f of files) if (!fs.existsSync(f.file)) throw new Error(`${f.file} is missing: scripts/bench.sh generates it`);
  if (!fs.existsSync(env.cli)) throw new Error(`${env.cli} is missing: cargo build --release -p northstar-cli`);
  if (inBrowser.includes('northstar') && !fs.existsSync(path.join(env.dist, 'index.html'))) throw new Error(`${env.dist}/index.html is missing: build the app or set BENCH_DIST`);

  let site = null;
  let chromium = null;
  if (inBrowser.length) {
    site = await startServer({ dist: env.dist, benchDir: BENCH });
    chromium = await launch();
  }
  const browserEnv = chromium && { ...chromium, ...site };
  const results = [];
  let failed = false;
  try {
    for (const f of files) {
      const bytes = fs.statSync(f.file).size;
      process.stderr.write(`\n${f.source} ${label(f.rows)} (${(bytes / 1e6).toFixed(1)} MB)\n`);
      const reference = await nativeEngines.cli(env, f);
      const expect = lastValues(reference.kpis, f.source);
      const runners = {
        cli: (n) => (n === 0 ? reference : nativeEngines.cli(env, f)),
        pandas: () => nativeEngines.pandas(env, f),
        'native-duckdb': () => nativeEngines.duckdb(env, f),
        northstar: () => browserEngines.northstar(browserEnv, { ...f, expect }),
        papaparse: () => browserEngines.peer(browserEnv, 'papaparse', f),
        duckdb: () => browserEngines.peer(browserEnv, 'duckdb', f),
      };
      const runs = Object.fromEntries(opts.engines.map((e) => [e, []]));
      const errors = {};
      // Native engines first, then the browser ones, one run of each engine in turn.
      for (const group of [natively, inBrowser]) {
        for (let n = 0; n < opts.runs; n++) {
          for (const engine of group) {
            if (errors[engine]) continue;
            let r;
            try {
              r = await runners[engine](n);
            } catch (e) {
              errors[engine] = String(e?.message ?? e);
              process.stderr.write(`  ${engine}: FAILED ${errors[engine].split('\n')[0]}\n`);
              continue;
            }
            const diff = differences(reference.kpis, r.kpis, f.source);
            if (diff.length) {
              throw new Error(`${engine} on ${path.basename(f.file)} disagrees with the northstar CLI:\n  ${diff.join('\n  ')}`);
            }
            runs[engine].push(r);
            process.stderr.write(`  ${engine} run ${n + 1}: ${(r.ms / 1000).toFixed(3)} s, KPIs equal\n`);
          }
        }
      }
      for (const engine of opts.engines) {
        results.push(summarise({ engine, source: f.source, rows: f.rows, bytes, runs: runs[engine], error: errors[engine] }));
        if (errors[engine]) failed = true;
      }
    }
  } finally {
    await chromium?.browser.close();
    site?.server.close();
  }

  const command = `scripts/bench.sh --rows ${opts.rows.join(',')} --sources ${opts.sources.join(',')} --engines ${opts.engines.join(',')} --runs ${opts.runs}`;
  const wasm = opts.engines.includes('northstar') ? wasmGzip(env.dist) : [];
  const targetCells = targets(results, { wasm });
  const info = machine(env, chromium?.version);
  console.log(`\n${command}\n${info.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
  console.log(textTable(table(results)));
  console.log(`\nTargets (issue 22)\n${textTable(targetCells)}`);
  if (opts.write) {
    const doc = path.join(ROOT, 'BENCHMARKS.md');
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    fs.writeFileSync(doc, replaceResults(fs.readFileSync(doc, 'utf8'), markdownResults({ date, machine: info, command, results, targetCells })));
    console.log(`\nwritten to ${path.relative(process.cwd(), doc) || doc}`);
  }
  if (failed) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`\nbench: ${e.message ?? e}`);
  process.exit(1);
});
