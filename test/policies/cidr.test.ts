/** The internet however it is spelled (policies/cidr.ts). */
import { rangeOf, worldRanges } from "../../policies/cidr";

test.each([
  ["0.0.0.0/0", ["0.0.0.0/0"]],
  ["::/0", ["::/0"]],
  ["the IPv4 halves", ["0.0.0.0/1", "128.0.0.0/1"]],
  ["the IPv6 halves", ["::/1", "8000::/1"]],
  ["one half alone (2^31 addresses)", ["128.0.0.0/1"]],
  ["host bits set, as AWS masks them", ["10.1.2.3/0"]],
  ["four quarters", ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"]],
  ["overlapping ranges that cover everything", ["0.0.0.0/2", "0.0.0.0/1", "96.0.0.0/3", "128.0.0.0/2", "192.0.0.0/2"]],
])("%s admit the internet", (_title, cidrs) => {
  expect(worldRanges(cidrs).length).toBeGreaterThan(0);
});

test.each([
  ["a private range", ["10.0.0.0/8"]],
  ["a VPC's IPv6 block", ["2600:1f18:abcd::/56"]],
  ["three quarters", ["0.0.0.0/2", "64.0.0.0/2", "192.0.0.0/2"]],
  ["a quarter of IPv6", ["::/2"]],
  ["not CIDRs (prefix lists, unknowns)", ["pl-12345678", "", "0.0.0.0", "256.0.0.0/0", "::/129"]],
])("%s do not", (_title, cidrs) => {
  expect(worldRanges(cidrs)).toEqual([]);
});

test("only the ranges that open it are named, once each, in order", () => {
  expect(worldRanges(["10.0.0.0/8", "::/0", "0.0.0.0/1", "::/0", "128.0.0.0/1"])).toEqual(["::/0", "0.0.0.0/1", "128.0.0.0/1"]);
});

test("IPv6 spellings: compressed, full, mixed case, embedded IPv4", () => {
  expect(rangeOf("8000::/1")).toMatchObject({ family: 6, prefix: 1, start: 1n << 127n });
  expect(rangeOf("0:0:0:0:0:0:0:0/0")).toMatchObject({ family: 6, start: 0n, end: (1n << 128n) - 1n });
  expect(rangeOf("::FFFF:10.0.0.0/104")).toMatchObject({ family: 6, start: (0xffffn << 32n) | (10n << 24n) });
  expect(rangeOf("1::2::3/64")).toBeUndefined();
});
