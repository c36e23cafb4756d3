/**
 * Address ranges that admit the internet, however they are spelled: "0.0.0.0/0" and "::/0",
 * but also the halves people write to get past a check for those ("0.0.0.0/1" +
 * "128.0.0.0/1", "::/1" + "8000::/1"), or any set of ranges that together leave no address
 * out. One range of half an address family or more counts on its own: no private or reserved
 * block is that large (the largest, 10.0.0.0/8 and fc00::/7, are far smaller), so such a
 * range admits hundreds of millions of public addresses at least.
 */

interface Range {
  readonly family: 4 | 6;
  readonly start: bigint;
  readonly end: bigint;
  readonly prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

function parseV4(addr: string): bigint | undefined {
  const parts = addr.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(addr: string): bigint | undefined {
  let text = addr.toLowerCase();
  // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = parseV4(dotted[2]);
    if (v4 === undefined) return undefined;
    text = `${dotted[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** A CIDR as the range of addresses it admits (host bits ignored, as a mask would); undefined if it is not one. */
export function rangeOf(cidr: string): Range | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!m) return undefined;
  const family: 4 | 6 = m[1].includes(":") ? 6 : 4;
  const bits = BITS[family];
  const prefix = Number(m[2]);
  const addr = family === 4 ? parseV4(m[1]) : parseV6(m[1]);
  if (addr === undefined || prefix > bits) return undefined;
  const host = BigInt(bits - prefix);
  const start = (addr >> host) << host;
  return { family, start, end: start + (1n << host) - 1n, prefix };
}

/** Whether the ranges of one family, together, cover every address of it. */
function coversFamily(ranges: readonly Range[], family: 4 | 6): boolean {
  const all = 1n << BigInt(BITS[family]);
  let next = 0n;
  for (const r of [...ranges].filter((x) => x.family === family).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    if (r.start > next) return false;
    if (r.end + 1n > next) next = r.end + 1n;
  }
  return next >= all;
}

/**
 * The ranges among `cidrs` through which they admit the internet: each range of half its
 * family or more, and, when the ranges of a family together cover all of it, those ranges.
 * Empty when they do not. Strings that are not CIDRs (unknown values, prefix lists) are skipped.
 */
export function worldRanges(cidrs: readonly string[]): string[] {
  const parsed = cidrs.map((c) => ({ cidr: c, range: rangeOf(c) })).filter((p): p is { cidr: string; range: Range } => p.range !== undefined);
  const out = new Set<string>();
  for (const p of parsed) if (p.range.prefix <= 1) out.add(p.cidr);
  for (const family of [4, 6] as const) {
    if (parsed.some((p) => p.range.family === family && p.range.prefix <= 1)) continue;
    if (coversFamily(parsed.map((p) => p.range), family)) for (const p of parsed) if (p.range.family === family) out.add(p.cidr);
  }
  return cidrs.filter((c) => out.has(c)).filter((c, i, all) => all.indexOf(c) === i);
}
