// Debian's Chromium driven by playwright-core, and the memory of a page's renderer process: its
// peak resident set (VmHWM in /proc/PID/status), reset just before the file is given, so the peak
// is that of the work (the page, its workers and its wasm memory all live in that process). Each
// run is one page at a time, so the renderer that works during the run is the page's.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export async function launch() {
  const tag = `${process.pid}-${Date.now()}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--northstar-bench=${tag}`,
    ],
  });
  const root = processes().find((p) => p.cmd.includes(`--northstar-bench=${tag}`) && !p.cmd.includes('--type='));
  if (!root) throw new Error('cannot find the Chromium browser process in /proc');
  return { browser, root: root.pid, version: browser.version() };
}

/// Every process: pid, parent pid and command line (Chromium rewrites its children's titles, so
/// the arguments are matched as one string).
function processes() {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(d), ppid, cmd: fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/// The page renderer processes under the browser process `root`.
export function renderers(root) {
  const all = processes();
  const mine = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (mine.has(p.ppid) && !mine.has(p.pid)) {
        mine.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => mine.has(p.pid) && p.cmd.includes('--type=renderer') && !p.cmd.includes('--top-chrome-webui')).map((p) => p.pid);
}

/// { rss, hwm } of a process in bytes, or null when it is gone.
export function memory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(status.match(new RegExp(`${key}:\\s+(\\d+) kB`))?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/// Resets the peak resident set of `pid` to its current size (Linux: clear_refs 5); false when
/// the kernel refuses.
export function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/// CPU time (user + system, in clock ticks) a process has used, or null when it is gone.
function cpuTicks(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/// The memory of the page doing the work: `start()` once the page is ready resets the peak of
/// every renderer process (a spare renderer may be about), noting their size and CPU time;
/// `finish()` after the work picks the one that used the most CPU meanwhile, the page's own (its
/// workers are threads of it), and gives its base and peak.
export function pageMemory(root) {
  const seen = new Map();
  let reset = true;
  return {
    start() {
      for (const pid of renderers(root)) {
        reset = resetPeak(pid) && reset;
        seen.set(pid, { base: memory(pid)?.rss ?? 0, cpu: cpuTicks(pid) ?? 0 });
      }
    },
    finish() {
      let best = null;
      for (const [pid, { base, cpu }] of seen) {
        const used = (cpuTicks(pid) ?? -1) - cpu;
        const m = memory(pid);
        if (m && (!best || used > best.used)) best = { pid, used, peak: m.hwm, base, reset };
      }
      return best;
    },
  };
}
