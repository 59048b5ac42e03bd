// KPI results as { kpi: { period: value|null } }, from the northstar CLI's JSON, and their check:
// every engine's results must equal the CLI's before any of its times is reported.
import { KPI_SETS } from '../web/kpi-sets.mjs';

/// The overall monthly rows of the checked KPIs in `northstar report --json` output.
export function fromCli(json, source) {
  const { kpis } = KPI_SETS[source];
  const out = Object.fromEntries(kpis.map((k) => [k, {}]));
  for (const v of json.kpis) {
    if (v.source === source && v.segment === null && kpis.includes(v.id)) out[v.id][v.period] = v.value;
  }
  return out;
}

/// Equal within floating-point noise: engines sum and divide in different orders, so the last
/// bits of a median or a mean may differ (relative 1e-9); counts and cents sums agree exactly.
export function same(a, b) {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/// The differences of `got` from the reference (at most `limit`), as readable lines.
export function differences(reference, got, source, limit = 8) {
  const { kpis, zero } = KPI_SETS[source];
  const out = [];
  for (const kpi of kpis) {
    const ref = reference[kpi] ?? {};
    const mine = got?.[kpi];
    if (!mine) {
      out.push(`${kpi}: missing`);
      continue;
    }
    const missing = zero.includes(kpi) ? 0 : null;
    const periods = [...new Set([...Object.keys(ref), ...Object.keys(mine)])].sort();
    for (const p of periods) {
      const a = ref[p] ?? missing;
      const b = mine[p] ?? missing;
      if (!same(a, b)) out.push(`${kpi} ${p}: northstar cli ${a}, this engine ${b}`);
    }
  }
  return out.slice(0, limit).concat(out.length > limit ? [`… ${out.length - limit} more`] : []);
}

/// For each KPI, its last month with a value: what the app must show when it is done.
export function lastValues(reference, source) {
  return KPI_SETS[source].kpis.map((kpi) => {
    const entries = Object.entries(reference[kpi]).filter(([, v]) => v !== null).sort(([a], [b]) => a.localeCompare(b));
    if (entries.length === 0) throw new Error(`${source}: the CLI gives no value of ${kpi}`);
    const [period, value] = entries[entries.length - 1];
    return [kpi, period, value];
  });
}
