// The results table (engine, source, rows, time, MB/s, rows/s, peak memory, ratio to each peer),
// the issue-9 targets beside their measured figures, and the results section of BENCHMARKS.md.

export const ENGINES = {
  northstar: { where: 'browser', label: 'Northstar (app, wasm)' },
  papaparse: { where: 'browser', label: 'PapaParse + JS' },
  duckdb: { where: 'browser', label: 'DuckDB-WASM' },
  cli: { where: 'native', label: 'northstar CLI' },
  pandas: { where: 'native', label: 'pandas' },
  'native-duckdb': { where: 'native', label: 'DuckDB (native)' },
};

const MB = 1e6;
const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  const h = a.length >> 1;
  return a.length % 2 ? a[h] : (a[h - 1] + a[h]) / 2;
};
const fmtRows = (n) => (n % 1e6 === 0 ? `${n / 1e6}M` : n % 1e3 === 0 ? `${n / 1e3}k` : String(n));
const fmtCount = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : n.toFixed(0));
const fmtS = (ms) => (ms / 1000).toFixed(ms < 10_000 ? 3 : 2);
const fmtMB = (b) => (b === undefined || b === null || Number.isNaN(b) ? '—' : (b / MB).toFixed(0));

/// One table row from the runs of one engine on one file.
export function summarise({ engine, source, rows, bytes, runs, error }) {
  if (error) return { engine, source, rows, bytes, error };
  const ms = median(runs.map((r) => r.ms));
  const peaks = runs.map((r) => r.memory?.peak).filter((x) => x > 0);
  const bases = runs.map((r) => r.memory?.base).filter((x) => x > 0);
  return {
    engine,
    source,
    rows,
    bytes,
    ms,
    runsMs: runs.map((r) => r.ms),
    peak: peaks.length ? Math.max(...peaks) : null,
    base: bases.length ? median(bases) : null,
    longestTaskMs: runs[0].longestTaskMs === undefined ? undefined : Math.max(...runs.map((r) => r.longestTaskMs)),
    coldLoadMs: runs[0].coldLoadMs === undefined ? undefined : median(runs.map((r) => r.coldLoadMs)),
  };
}

/// Peer time ÷ this time, for the other engines of the same place (browser or native) and file.
function ratios(row, all) {
  if (row.error) return '';
  return all
    .filter((o) => o !== row && !o.error && o.source === row.source && o.rows === row.rows && ENGINES[o.engine].where === ENGINES[row.engine].where)
    .map((o) => `${o.engine} ${(o.ms / row.ms).toFixed(2)}×`)
    .join(', ');
}

export function table(rows) {
  const head = ['engine', 'where', 'source', 'rows', 'MB', 'time s', 'MB/s', 'rows/s', 'peak MB', 'base MB', 'speed vs peers (peer time ÷ this)'];
  const body = rows.map((r) => {
    const common = [r.engine, ENGINES[r.engine].where, r.source, fmtRows(r.rows), (r.bytes / MB).toFixed(1)];
    if (r.error) return [...common, 'failed', '', '', '', '', r.error.split('\n')[0].slice(0, 120)];
    const s = r.ms / 1000;
    return [...common, fmtS(r.ms), (r.bytes / MB / s).toFixed(1), fmtCount(r.rows / s), fmtMB(r.peak), fmtMB(r.base), ratios(r, rows)];
  });
  return [head, ...body];
}

/// Plain text, columns padded.
export function textTable(cells) {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  return cells.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export function markdownTable(cells) {
  const [head, ...body] = cells;
  const line = (r) => `| ${r.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
}

const find = (rows, engine, source, n) => rows.find((r) => r.engine === engine && r.source === source && r.rows === n && !r.error);
const largest = (rows, engine, source) => rows.filter((r) => r.engine === engine && r.source === source && !r.error).sort((a, b) => b.rows - a.rows)[0];
const verdict = (ok, by) => (ok === null ? 'not measured' : ok ? 'met' : `missed${by ? ` (${by})` : ''}`);

/// The targets of issue 22 with what this run measured.
export function targets(rows, { wasm }) {
  const out = [];
  const sources = [...new Set(rows.map((r) => r.source))];
  const at1M = sources.map((s) => find(rows, 'northstar', s, 1e6)).filter(Boolean);
  const load = at1M.length ? at1M : sources.map((s) => largest(rows, 'northstar', s)).filter(Boolean);
  const loadNote = at1M.length ? '' : ' (no 1M-row run: largest measured)';
  if (load.length) {
    const worst = Math.max(...load.map((r) => r.ms));
    out.push([
      '1M rows dropped, to the full dashboard of that source in Chromium',
      '≤ 0.5 s',
      load.map((r) => `${r.source} ${fmtRows(r.rows)} ${fmtS(r.ms)} s`).join(', ') + loadNote,
      at1M.length ? verdict(worst <= 500, `${(worst / 1000).toFixed(2)} s at worst`) : 'not measured at 1M rows',
    ]);
    const task = Math.max(...load.map((r) => r.longestTaskMs ?? 0));
    out.push([
      'main thread blocked during that load',
      'never > 50 ms',
      load.map((r) => `${r.source} ${fmtRows(r.rows)} ${r.longestTaskMs > 0 ? `${r.longestTaskMs.toFixed(0)} ms` : '< 50 ms'}`).join(', ') + loadNote,
      at1M.length ? verdict(task <= 50, task > 50 ? `longest task ${task.toFixed(0)} ms` : '') : 'not measured at 1M rows',
    ]);
  }
  for (const [peer, where] of [
    ['papaparse', 'browser'],
    ['duckdb', 'browser'],
    ['pandas', 'native'],
    ['native-duckdb', 'native'],
  ]) {
    const mine = where === 'browser' ? 'northstar' : 'cli';
    const pairs = sources
      .map((s) => [largest(rows, mine, s), largest(rows, peer, s)])
      .filter(([a, b]) => a && b && a.rows === b.rows)
      .map(([a, b]) => ({ source: a.source, rows: a.rows, x: b.ms / a.ms }));
    if (!pairs.length) continue;
    const goal = { papaparse: 5, duckdb: 3, pandas: 8, 'native-duckdb': 1 }[peer];
    const worst = Math.min(...pairs.map((p) => p.x));
    out.push([
      where === 'browser' ? `speed against ${ENGINES[peer].label}, same browser run` : `native CLI against ${ENGINES[peer].label}, same job, whole process`,
      goal === 1 ? 'faster (> 1×)' : `≥ ${goal}×`,
      pairs.map((p) => `${p.source} ${fmtRows(p.rows)} ${p.x.toFixed(2)}×`).join(', '),
      verdict(goal === 1 ? worst > 1 : worst >= goal, `${worst.toFixed(2)}× at worst`),
    ]);
  }
  const big = rows.filter((r) => r.engine === 'northstar' && ['tickets', 'usage'].includes(r.source) && !r.error && r.peak).sort((a, b) => b.bytes - a.bytes)[0];
  if (big) {
    const gb = big.bytes >= 1e9;
    out.push([
      '1 GB export, peak tab memory',
      '≤ 512 MB',
      `${fmtMB(big.peak)} MB for the ${big.source} ${fmtRows(big.rows)} file (${(big.bytes / MB).toFixed(0)} MB)${gb ? '' : '; no 1 GB file in this run (try --rows 12M --sources tickets)'}`,
      gb ? verdict(big.peak <= 512 * 2 ** 20, `${fmtMB(big.peak)} MB`) : 'not measured',
    ]);
  }
  if (wasm.length) {
    const total = wasm.reduce((sum, [, b]) => sum + b, 0);
    const files = wasm.map(([f, b]) => `${f} ${(b / 2 ** 20).toFixed(2)}`).join(' + ');
    out.push(['app wasm, gzipped', '≤ 1 MB', `${(total / 2 ** 20).toFixed(2)} MB${wasm.length > 1 ? ` (${files})` : ''}`, verdict(total <= 2 ** 20)]);
  }
  const cold = rows.filter((r) => r.engine === 'northstar' && r.coldLoadMs !== undefined && !r.error).map((r) => r.coldLoadMs);
  if (cold.length) {
    const ms = median(cold);
    out.push(['cold load to interactive on localhost', '≤ 1.0 s', `${fmtS(ms)} s (median of every Northstar page load)`, verdict(ms <= 1000)]);
  }
  return [['measure', 'target', 'measured', 'status'], ...out];
}

/// The results section of BENCHMARKS.md.
export function markdownResults({ date, machine, command, results, targetCells }) {
  return [
    `Measured ${date} with \`${command}\`.`,
    '',
    'Machine: ' + machine.map(([k, v]) => `${k} ${v}`).join('; ') + '.',
    '',
    markdownTable(table(results)),
    '',
    '### Targets (issue 22)',
    '',
    markdownTable(targetCells),
  ].join('\n');
}

export const RESULTS_START = '<!-- results: written by scripts/bench.sh -->';
export const RESULTS_END = '<!-- end of results -->';

export function replaceResults(doc, section) {
  const a = doc.indexOf(RESULTS_START);
  const b = doc.indexOf(RESULTS_END);
  if (a < 0 || b < a) throw new Error(`BENCHMARKS.md has no ${RESULTS_START} … ${RESULTS_END} block`);
  return `${doc.slice(0, a + RESULTS_START.length)}\n${section}\n${doc.slice(b)}`;
}
