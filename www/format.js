// Numbers in and out of the page: counts typed as 1e7, 10_000_000 or 10,000,000; counts shown with
// thousands separators; times with 3 significant digits.

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole count from `1e7`, `10_000_000`, `10,000,000` or `10000000`; throws a message naming `name`. */
export function parseCount(text, name, min = 1) {
  const s = String(text).trim().replace(/[_,\s]/g, '');
  if (!/^\+?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    throw new Error(`${name}: "${text}" is not a number (write 10000000, 10_000_000 or 1e7)`);
  }
  const v = Number(s);
  if (!Number.isSafeInteger(v)) throw new Error(`${name}: "${text}" is not a whole number`);
  if (v < min) throw new Error(`${name} must be at least ${min}, got ${text}`);
  return v;
}

/** A number of milliseconds ≥ 0, fractions allowed. */
export function parseMillis(text, name) {
  const s = String(text).trim().replace(/[_,\s]/g, '');
  const v = s === '' ? NaN : Number(s);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number of milliseconds >= 0, got "${text}"`);
  return v;
}

/** 10000000 → "10,000,000". */
export const count = (n) => grouped.format(n);

/** Seconds with 3 significant digits, in ms below 1 s: "482 ms", "1.23 s", "12.3 s". */
export function seconds(s) {
  if (!Number.isFinite(s)) return '–';
  // toPrecision keeps trailing zeros ("1.00 s", not "1 s"): three digits the reader can compare.
  if (s < 1e-3) return `${precise(s * 1e3)} ms`;
  if (s < 1) return `${(s * 1e3).toPrecision(3)} ms`;
  if (s < 1e3) return `${s.toPrecision(3)} s`;
  return `${precise(s)} s`;
}

/** 3 significant digits, without exponent notation for ordinary magnitudes. */
export function precise(v) {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e3 && a < 1e15) return grouped.format(Number(v.toPrecision(3)));
  if (a >= 1e-3) return String(Number(v.toPrecision(3)));
  return v.toPrecision(3);
}

/** A value of the statistic, as the chart's tooltip shows it. */
export function value(v) {
  if (v === null || Number.isNaN(v)) return 'NaN';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e9) ? v.toExponential(6) : String(Number(v.toPrecision(9)));
}

/** Bytes as "80.0 MB", "1.23 GB". */
export function bytes(n) {
  for (const [unit, scale] of [['GB', 1e9], ['MB', 1e6], ['kB', 1e3]]) {
    if (n >= scale) return `${(n / scale).toPrecision(3)} ${unit}`;
  }
  return `${n} bytes`;
}

/** Windows the options give, as the kernel counts them (shown while typing; the kernel has the last word). */
export function windowCount(len, size, step, seedCompatible) {
  if (!(len >= 1 && size >= 1 && step >= 1) || size > len) return 0;
  const span = len - size;
  return seedCompatible ? Math.ceil(span / step) : Math.floor(span / step) + 1;
}
