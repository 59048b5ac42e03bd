// Plain JavaScript aggregation of the benchmarked KPIs, fed the rows PapaParse reads (arrays of
// strings, the header first). Each `create(source)` returns { row(fields), result() }, result as
// { kpi: { 'YYYY-MM': value|null } }. Definitions: ../shared/spec/kpis.md.

const month = (s) => s.slice(0, 7);

/// Seconds since the epoch of a `YYYY-MM-DD HH:MM:SS` wall-clock stamp (read as UTC: only
/// differences are used).
const seconds = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13), +s.slice(14, 16), +s.slice(17, 19)) / 1000;

function median(values) {
  const a = Float64Array.from(values).sort();
  const h = a.length >> 1;
  return a.length === 0 ? null : a.length % 2 ? a[h] : (a[h - 1] + a[h]) / 2;
}

const push = (map, key, value) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};
const add = (map, key, value) => map.set(key, (map.get(key) ?? 0) + value);
const mapValues = (map, f) => Object.fromEntries([...map].map(([k, v]) => [k, f(v)]));

/// Column indexes by header name; fails when one is missing.
function columns(header, names) {
  return names.map((n) => {
    const i = header.indexOf(n);
    if (i < 0) throw new Error(`column '${n}' not in the header: ${header.join(', ')}`);
    return i;
  });
}

/// Wraps a per-row function that needs the header's column indexes.
function withHeader(names, make) {
  let row = null;
  let agg = null;
  return {
    row(fields) {
      if (row) row(fields);
      else [row, agg] = make(...columns(fields, names));
    },
    result: () => agg(),
  };
}

const AGGREGATORS = {
  tickets: () => {
    const volume = new Map();
    const firstResponse = new Map();
    const resolution = new Map();
    return withHeader(['Created at', 'Solved at', 'First reply time in minutes'], (created, solved, minutes) => [
      (r) => {
        const c = r[created];
        const m = month(c);
        add(volume, m, 1);
        if (r[minutes] !== '') push(firstResponse, m, (Number(r[minutes]) * 60) / 3600);
        const s = r[solved];
        if (s !== '') push(resolution, month(s), (seconds(s) - seconds(c)) / 3600);
      },
      () => ({
        ticket_volume: Object.fromEntries(volume),
        first_response_time_median: mapValues(firstResponse, median),
        resolution_time_median: mapValues(resolution, median),
      }),
    ]);
  },

  usage: () => {
    const users = new Map();
    const sessions = new Map();
    return withHeader(['user_id', 'timestamp', 'session duration'], (user, at, duration) => [
      (r) => {
        const m = month(r[at]);
        let set = users.get(m);
        if (!set) users.set(m, (set = new Set()));
        set.add(r[user]);
        if (r[duration] !== '') {
          const s = sessions.get(m) ?? sessions.set(m, { sum: 0, n: 0 }).get(m);
          s.sum += Number(r[duration]);
          s.n += 1;
        }
      },
      () => ({
        active_users: mapValues(users, (s) => s.size),
        avg_session_duration: mapValues(sessions, (s) => s.sum / s.n),
      }),
    ]);
  },

  surveys: () => {
    const by = new Map();
    const get = (m) => by.get(m) ?? by.set(m, { np: 0, nd: 0, nn: 0, cs: 0, cn: 0, es: 0, en: 0 }).get(m);
    return withHeader(['Date', 'Survey Type', 'Score'], (date, kind, score) => [
      (r) => {
        const g = get(month(r[date]));
        const s = Number(r[score]);
        switch (r[kind].toLowerCase()) {
          case 'nps':
            g.nn += 1;
            if (s >= 9) g.np += 1;
            else if (s <= 6) g.nd += 1;
            break;
          case 'csat':
            g.cn += 1;
            if (s >= 4) g.cs += 1;
            break;
          case 'ces':
            g.en += 1;
            g.es += s;
            break;
        }
      },
      () => ({
        nps: mapValues(by, (g) => (g.nn ? (100 * (g.np - g.nd)) / g.nn : null)),
        csat: mapValues(by, (g) => (g.cn ? (100 * g.cs) / g.cn : null)),
        ces: mapValues(by, (g) => (g.en ? g.es / g.en : null)),
      }),
    ]);
  },

  subscriptions: () => {
    // MRR of month t: subscriptions with start <= its last day < end, i.e. start month <= t < end
    // month; each adds its monthly amount in cents (a year / 12, rounded half away from zero).
    const delta = new Map();
    let first = null;
    let last = null;
    const index = (d) => +d.slice(0, 4) * 12 + +d.slice(5, 7) - 1;
    return withHeader(['amount', 'interval', 'start', 'end'], (amount, interval, start, end) => [
      (r) => {
        const cents = Math.round(Number(r[amount]) * 100);
        const monthly = r[interval] === 'year' ? Math.round(cents / 12) : cents;
        const s = index(r[start]);
        add(delta, s, monthly);
        first = first === null ? s : Math.min(first, s);
        last = last === null ? s : Math.max(last, s);
        if (r[end] !== '') {
          const e = index(r[end]);
          add(delta, e, -monthly);
          last = Math.max(last, e);
        }
      },
      () => {
        const mrr = {};
        let cents = 0;
        for (let t = first; t <= last; t++) {
          cents += delta.get(t) ?? 0;
          mrr[`${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`] = cents / 100;
        }
        return { mrr };
      },
    ]);
  },

  orders: () => {
    const by = new Map();
    return withHeader(['customer_id', 'date', 'amount'], (customer, date, amount) => [
      (r) => {
        const m = month(r[date]);
        const g = by.get(m) ?? by.set(m, { n: 0, cents: 0, customers: new Set() }).get(m);
        g.n += 1;
        g.cents += Math.round(Number(r[amount]) * 100);
        g.customers.add(r[customer]);
      },
      () => ({
        orders: mapValues(by, (g) => g.n),
        revenue: mapValues(by, (g) => g.cents / 100),
        avg_order_value: mapValues(by, (g) => g.cents / g.n / 100),
        active_customers: mapValues(by, (g) => g.customers.size),
      }),
    ]);
  },
};

export function create(source) {
  const make = AGGREGATORS[source];
  if (!make) throw new Error(`no JavaScript aggregation for ${source}`);
  return make();
}
