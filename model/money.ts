/**
 * Money without float drift. Amounts stay JavaScript numbers in results (easy to render and to
 * compare in tests), but every product and sum is computed exactly on decimal digits (BigInt)
 * from each number's shortest round-trip representation, then turned back into the number
 * nearest that exact decimal. So 730 × 0.0168 is 12.264, not 12.264000000000001, and a sum of
 * many lines does not accumulate binary error. Rounding to cents happens only when formatting.
 */

interface Dec {
  /** Value = digits × 10^-scale. */
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

function toDec(n: number): Dec {
  if (!Number.isFinite(n)) throw new RangeError(`money: not a finite number: ${n}`);
  const m = DECIMAL_RE.exec(String(n));
  if (!m) throw new RangeError(`money: cannot parse ${n}`);
  const [, sign, int, frac = "", exp = "0"] = m;
  let scale = frac.length - Number(exp);
  let digits = BigInt(int + frac);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: sign === "-" ? -digits : digits, scale };
}

function align(a: Dec, scale: number): bigint {
  return a.digits * 10n ** BigInt(scale - a.scale);
}

function decToString(d: Dec): string {
  const negative = d.digits < 0n;
  let s = (negative ? -d.digits : d.digits).toString();
  if (d.scale > 0) {
    s = s.padStart(d.scale + 1, "0");
    s = `${s.slice(0, s.length - d.scale)}.${s.slice(s.length - d.scale)}`.replace(/\.?0+$/, "");
  }
  return (negative && s !== "0" ? "-" : "") + s;
}

/** Round half away from zero to `places` decimals. */
function roundDec(d: Dec, places: number): Dec {
  if (d.scale <= places) return d;
  const factor = 10n ** BigInt(d.scale - places);
  const negative = d.digits < 0n;
  const abs = negative ? -d.digits : d.digits;
  let q = abs / factor;
  if ((abs % factor) * 2n >= factor) q += 1n;
  return { digits: negative ? -q : q, scale: places };
}

/** Precision kept for products and quotients (far below a cent, so sums of them stay exact to the cent). */
const MAX_SCALE = 12;

function fromDec(d: Dec): number {
  return Number(decToString(roundDec(d, MAX_SCALE)));
}

/** Exact product of numbers (quantity × price, hours × count × price…). */
export function mul(...factors: number[]): number {
  let acc: Dec = { digits: 1n, scale: 0 };
  for (const f of factors) {
    const d = toDec(f);
    acc = roundDec({ digits: acc.digits * d.digits, scale: acc.scale + d.scale }, MAX_SCALE);
  }
  return fromDec(acc);
}

/** Exact sum. */
export function sum(values: Iterable<number>): number {
  const decs = [...values].map(toDec);
  if (decs.length === 0) return 0;
  // A loop, not Math.max(...): a spread of 100,000+ arguments overflows the stack.
  const scale = decs.reduce((m, d) => Math.max(m, d.scale), 0);
  let total = 0n;
  for (const d of decs) total += align(d, scale);
  return fromDec({ digits: total, scale });
}

/** a − b, exactly. */
export function sub(a: number, b: number): number {
  return sum([a, -b]);
}

/** a ÷ b rounded to 12 decimals (used for quantities such as requests ÷ 1,000,000). */
export function div(a: number, b: number): number {
  if (b === 0) throw new RangeError("money: division by zero");
  const da = toDec(a);
  const db = toDec(b);
  // a/b = (da.digits / db.digits) × 10^(db.scale − da.scale); compute with MAX_SCALE + 1 digits then round.
  const extra = MAX_SCALE + 1 + db.scale - da.scale;
  const num = extra >= 0 ? da.digits * 10n ** BigInt(extra) : da.digits / 10n ** BigInt(-extra);
  return fromDec(roundDec({ digits: num / db.digits, scale: MAX_SCALE + 1 }, MAX_SCALE));
}

/**
 * A number as a decimal string with no exponent and no binary noise: `decimalString(16.425)`
 * is "16.425"; `decimalString(16.425, 2)` rounds half away from zero to "16.43". Infracost's
 * JSON carries money this way.
 */
export function decimalString(n: number, places?: number): string {
  const d = toDec(n);
  if (places === undefined) return decToString(d);
  const r = roundDec(d, places);
  const s = decToString(r);
  if (places === 0) return s;
  const [int, frac = ""] = s.split(".");
  return `${int}.${frac.padEnd(places, "0")}`;
}

/** Round to cents (half away from zero), as a number. */
export function cents(n: number): number {
  return Number(decimalString(n, 2));
}

/** "$16.43"; negative amounts "-$1.00". */
export function usd(n: number, places = 2): string {
  const s = decimalString(n, places);
  return s.startsWith("-") ? `-$${s.slice(1)}` : `$${s}`;
}
