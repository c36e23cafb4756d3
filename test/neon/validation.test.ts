/** The pure validators the providers and the component share, and the connection budget. */
import fc from "fast-check";
import { neonConnectionBudget, neonSuspendTimeout, validateNeonDatabaseArgs } from "../../components/neon/database";
import { maxConnectionsForCu, NEON_CU_SIZES, NEON_PLANS } from "../../components/neon/limits";
import { checkConnectionBudget, validateComputeRange } from "../../components/neon/validation";
import { NEON_ENDPOINT_REPLACE_KEYS } from "../../components/neon/endpoint";
import { NEON_PROJECT_REPLACE_KEYS } from "../../components/neon/project";
import { replaceOnChange } from "../../model/resourceTypes";
import { MILESTONE_IDS, MILESTONES } from "../../stacks/milestones";

test.each(MILESTONE_IDS.map((id) => [id]))("milestone %s passes every database check", (id) => {
  const m = MILESTONES[id];
  expect(validateNeonDatabaseArgs({ spec: m.database, appMaxInstances: m.app.maxInstances })).toEqual([]);
  expect(neonConnectionBudget({ spec: m.database, appMaxInstances: m.app.maxInstances }).ok).toBe(true);
});

test("scale to zero: 300 s where the milestone allows it (every catalog milestone), never (-1) otherwise", () => {
  expect(MILESTONE_IDS.map((id) => neonSuspendTimeout(MILESTONES[id].database))).toEqual([300, 300, 300, 300]);
  expect(neonSuspendTimeout({ ...MILESTONES.m3.database, scaleToZero: false })).toBe(-1);
});

test("max_connections follows Neon's table (DESIGN §5) and caps at 4000", () => {
  expect([0.25, 0.5, 1, 2, 4, 8].map(maxConnectionsForCu)).toEqual([104, 209, 419, 839, 1678, 3357]);
  expect(maxConnectionsForCu(3)).toBe(1258);
  expect(maxConnectionsForCu(16)).toBe(4000);
});

describe("connection budget", () => {
  test("direct: pool × instances must fit max_connections at minCu minus 7 reserved", () => {
    expect(checkConnectionBudget({ minCu: 0.25, poolSizePerInstance: 97, appMaxInstances: 1, usePooler: false })).toMatchObject({ ok: true, needed: 97, available: 97 });
    const over = checkConnectionBudget({ minCu: 0.25, poolSizePerInstance: 49, appMaxInstances: 2, usePooler: false });
    expect(over.ok).toBe(false);
    expect(over.message).toBe(
      "connection budget exceeded: poolSizePerInstance 49 × appMaxInstances 2 = 98 > max_connections at minCu 0.25 CU (104) minus 7 reserved = 97; " +
        "set usePooler: true (the -pooler host takes up to 10,000 clients), raise minCu, or lower poolSizePerInstance/appMaxInstances",
    );
  });

  test("through the pooler the limit is its 10,000 client connections", () => {
    expect(checkConnectionBudget({ minCu: 0.25, poolSizePerInstance: 49, appMaxInstances: 2, usePooler: true })).toMatchObject({ ok: true, available: 10_000 });
    expect(checkConnectionBudget({ minCu: 0.25, poolSizePerInstance: 1001, appMaxInstances: 10, usePooler: true }).message).toMatch(/10010 > the pooler's 10000 client connections; lower/);
  });

  test("the component refuses a spec whose budget does not fit", () => {
    const spec = { ...MILESTONES.m4.database, usePooler: false, minCu: 0.25, maxCu: 4, poolSizePerInstance: 25 };
    expect(validateNeonDatabaseArgs({ spec, appMaxInstances: 8 })).toEqual([expect.stringMatching(/^connection budget exceeded: poolSizePerInstance 25 × appMaxInstances 8 = 200 > .* = 97/)]);
  });

  test("property: ok exactly when needed ≤ available", () => {
    fc.assert(
      fc.property(fc.constantFrom(...NEON_CU_SIZES), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (minCu, pool, n, pooler) => {
        const b = checkConnectionBudget({ minCu, poolSizePerInstance: pool, appMaxInstances: n, usePooler: pooler });
        return b.ok === pool * n <= (pooler ? 10_000 : maxConnectionsForCu(minCu) - 7);
      }),
    );
  });
});

describe("compute range", () => {
  test("property: a spread over 8 CU always fails, naming both values", () => {
    fc.assert(
      fc.property(fc.constantFrom(...NEON_PLANS), fc.constantFrom(...NEON_CU_SIZES), fc.constantFrom(...NEON_CU_SIZES), (plan, a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const failures = validateComputeRange(plan, min, max);
        return max - min > 8 ? failures.some((f) => f.reason.includes(`(${min}-${max})`)) : true;
      }),
    );
  });

  test("names the key, the value and the allowed sizes", () => {
    expect(validateComputeRange("launch", 0.3, 2, { min: "spec.minCu", max: "spec.maxCu" })).toEqual([
      { property: "spec.minCu", reason: "spec.minCu is 0.3; Neon accepts one of 0.25, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 CU" },
    ]);
    expect(validateComputeRange("launch", 4, 2)[0].reason).toBe("minCu (4 CU) is above maxCu (2 CU); the minimum must not exceed the maximum");
  });
});

test("the resource-type registry replaces Neon projects and endpoints on exactly the keys their providers replace on", () => {
  expect([...(replaceOnChange("pulumi-nodejs:dynamic/neon:Project") ?? [])].sort()).toEqual([...NEON_PROJECT_REPLACE_KEYS].sort());
  expect([...(replaceOnChange("pulumi-nodejs:dynamic/neon:Endpoint") ?? [])].sort()).toEqual([...NEON_ENDPOINT_REPLACE_KEYS].sort());
});
