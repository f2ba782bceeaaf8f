import type { Labels } from './api';

const units: [string, number][] = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

/** Parses a Prometheus duration such as "1h30m" or "90s" into milliseconds; null when it is not one. */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  const re = /(\d+)(ms|y|w|d|h|m|s)/y;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return null;
    total += Number(m[1]) * units.find(([u]) => u === m[2])![1];
    pos = re.lastIndex;
  }
  return total;
}

/** Formats milliseconds as a Prometheus duration ("1h30m", "0s"). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const [u, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * size;
    }
  }
  return out;
}

/** Formats a duration in seconds for humans: "1.234s", "12.3ms", "3m 4s". */
export function humanizeSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 1e-3) return `${(seconds * 1e6).toFixed(1)}µs`;
  if (seconds < 1) return `${(seconds * 1e3).toFixed(3)}ms`;
  if (seconds < 60) return `${seconds.toFixed(3)}s`;
  return formatDuration(Math.round(seconds) * 1000).replace(/(\d+[a-z]+)(?=\d)/g, '$1 ');
}

/** "12s ago" / "in 3m" relative to now, for timestamps in RFC 3339. */
export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (!Number.isFinite(t) || t <= 0) return 'never';
  const diff = now - t;
  const text = formatDuration(Math.max(0, Math.abs(Math.round(diff / 1000)) * 1000));
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** Formats a Unix time in milliseconds as "YYYY-MM-DD HH:MM:SS" in UTC, the format of the end-time input. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

/** Parses "YYYY-MM-DD HH:MM[:SS]" (UTC) or RFC 3339; null when it is neither. */
export function parseTime(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ? `.${m[7]}` : ''}${m[8] ?? 'Z'}`;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** A series' labels as PromQL selector text: name{a="b", c="d"}. */
export function formatSeries(labels: Labels): string {
  const name = labels.__name__ ?? '';
  const rest = Object.entries(labels)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return rest.length === 0 && name !== '' ? name : `${name}{${rest.join(', ')}}`;
}

/** Formats a sample value the way the API gives it, with a readable thousands scale for big numbers in graphs. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-4)) return v.toExponential(3);
  if (abs >= 1e9) return `${(v / 1e9).toPrecision(4)}G`;
  if (abs >= 1e6) return `${(v / 1e6).toPrecision(4)}M`;
  if (abs >= 1e4) return `${(v / 1e3).toPrecision(4)}k`;
  return String(Number(v.toPrecision(6)));
}

/** Parses a sample value string from the API ("+Inf", "NaN", "1e3"). */
export function parseValue(s: string): number {
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  return Number(s);
}
