/**
 * The three renderings of real plans of our prod stack (recorded under Pulumi mocks, priced,
 * diffed, guardrails run as the CLI runs them): the terminal table fits any width, in a
 * fixed order of what it gives up; every count has one value in every format; a cost that
 * moves without an input change says why; the account-wide line says what it is.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stripVTControlCharacters } from "util";
import { usd } from "../../model/money";
import { loadGuardrailConfig, tableWidth } from "../../plan/cli";
import { loadPolicyPackConfig } from "../../plan/guardrails/offline";
import { planStack, type ResourceCostDelta, type StackPlan } from "../../plan/plan";
import { renderJson } from "../../plan/render/json";
import { renderMarkdown } from "../../plan/render/markdown";
import { renderTable } from "../../plan/render/table";

type Row = ResourceCostDelta;

const ACCOUNT_GROUP = "account-wide (not declared resources)";
const EGRESS = "internet egress of the account, not a declared resource";

/** Columns a line takes on screen: ANSI-free, one per code point (the output has no wide characters). */
const columnsOf = (line: string) => [...stripVTControlCharacters(line)].length;

/** Wrapped lines joined again (continuations are indented), to read messages whole. */
const unwrapped = (text: string) => text.replace(/\n {2,}/g, " ");

/** "+$1.20" / "-$3.00" / "$0.00", written here rather than imported from the renderer. */
function signed(n: number): string {
  const s = usd(n);
  if (s === "$0.00" || s === "-$0.00") return "$0.00";
  return n > 0 ? `+${s}` : s;
}

/** The test's own definitions of what is counted rather than listed. */
const isAccountLine = (r: Row) => Boolean(r.after?.synthetic || r.before?.synthetic);
const freeRetag = (r: Row) => Boolean(r.change?.tagsOnly) && r.monthlyDelta === 0 && r.worstCaseDelta === 0;
const costMoves = (r: Row) => r.monthlyDelta !== 0 || r.worstCaseDelta !== 0;
const listed = (p: StackPlan) => p.resources.filter((r) => !freeRetag(r) && (r.kind !== "same" || costMoves(r)));
const noInputChange = (r: Row) => r.kind === "same" || Boolean(r.change?.tagsOnly);

/** The cells of the table's lines (│-separated), with the line's index. */
function tableLines(text: string): { index: number; cells: string[] }[] {
  return text.split("\n").map((line, index) => ({ index, line })).filter(({ line }) => line.startsWith("│"))
    .map(({ index, line }) => ({ index, cells: line.slice(1, -1).split("│").map((c) => c.trim()) }));
}

/** The header's column names. */
function headerOf(text: string): string[] {
  return tableLines(text)[0].cells;
}

/** The table's resource rows (every column filled in; component titles span several). */
function resourceRows(text: string): string[][] {
  const head = headerOf(text);
  return tableLines(text).slice(1).filter((l) => l.cells.length === head.length).map((l) => l.cells);
}

/** The change a Change cell shows, as a symbol ("+ create", "+" → "+"; "-! …" → "-!"). */
const symbolOf = (cell: string) => cell.split(" ")[0];

let promotion: StackPlan; // m1 → m2: new tiers, retagged updates
let growth: StackPlan; // m2 → m3: usage-driven cost changes on tag-only updates
let demotion: StackPlan; // m4 → m1 with a disabled policy: stateful deletes, one policy with several violations, the egress moving
let alone: StackPlan; // m4 planned alone
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "render-"));

beforeAll(async () => {
  const policyConfig = loadGuardrailConfig(undefined);
  promotion = await planStack({ stack: "prod", baseMilestone: "m1", milestone: "m2", policyConfig });
  growth = await planStack({ stack: "prod", baseMilestone: "m2", milestone: "m3", policyConfig });
  const disabling = path.join(tmp, "disable.json");
  fs.writeFileSync(disabling, JSON.stringify({ "cloudfront-custom-certificate": "disabled" }));
  demotion = await planStack({ stack: "prod", baseMilestone: "m4", milestone: "m1", policyConfig: loadPolicyPackConfig(disabling) });
  alone = await planStack({ stack: "prod", baseMilestone: "m4", milestone: "m4", policyConfig });
}, 300_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const plans = () => ({ promotion, growth, demotion, alone });

describe("the table fits the width it is given", () => {
  test.each([40, 80, 100, 120])("no line is wider than %i columns, with or without colours", (width) => {
    for (const [name, plan] of Object.entries(plans())) {
      for (const color of [false, true]) {
        const wide = renderTable([plan], { width, color }).split("\n").filter((l) => columnsOf(l) > width);
        expect({ name, color, wide }).toEqual({ name, color, wide: [] });
      }
    }
  });

  test("narrower than any table (down to nonsense widths) it still renders, 20 columns wide at least", () => {
    for (const width of [30, 20, 5, 0, -3, Number.NaN]) {
      const text = renderTable([promotion, demotion], { width });
      const limit = Number.isFinite(width) ? Math.max(20, width) : 100;
      expect(text.split("\n").filter((l) => columnsOf(l) > limit)).toEqual([]);
      // Nothing is dropped: every listed resource is still named.
      for (const r of listed(promotion)) expect(unwrapped(text).replace(/\n/g, " ")).toContain(r.name.slice(0, 10));
    }
  });

  test("columns give way in a fixed order: long headings, the type's provider, the change's word, long names, the cost before, the type, the cost after", () => {
    const headers = [160, 120, 100, 80, 60, 50, 40].map((width) => ({ width, head: headerOf(renderTable([demotion], { width })) }));
    const allowed = [
      ["Change", "Type", "Name", "Monthly before", "Monthly after", "Delta"],
      ["Change", "Type", "Name", "Before", "After", "Delta"],
      ["Change", "Type", "Name", "After", "Delta"],
      ["Change", "Name", "After", "Delta"],
      ["Change", "Name", "Delta"],
    ].map((h) => h.join("|"));
    for (const { width, head } of headers) expect({ width, head: allowed.includes(head.join("|")) }).toEqual({ width, head: true });
    // Narrower never shows more.
    for (let i = 1; i < headers.length; i++) expect(allowed.indexOf(headers[i].head.join("|"))).toBeGreaterThanOrEqual(allowed.indexOf(headers[i - 1].head.join("|")));
    // At 120 columns the type is the full token and the change a word; at 80 the resource name and a symbol.
    const at120 = renderTable([promotion], { width: 120 });
    const at80 = renderTable([promotion], { width: 80 });
    expect(at120).toMatch(/^│ \+ create │ aws:lb:LoadBalancer\s+│ app /m);
    expect(at80).toMatch(/^│ \+\s+│ LoadBalancer\s+│ app /m);
    expect(at80).toContain("+ create, ~ update, - delete, +/- replace, ! stateful (data at risk)");
    // Where names are cut, they end in an ellipsis and start like a listed resource.
    const names = listed(demotion).map((r) => r.name);
    const at40 = resourceRows(renderTable([demotion], { width: 40 })).map((cells) => cells[1]);
    expect(at40.length).toBe(listed(demotion).length);
    for (const cell of at40) expect(names.some((n) => n === cell || (cell.endsWith("…") && n.startsWith(cell.slice(0, -1))))).toBe(true);
  });

  test("nothing is lost at 80 columns: every listed row, note, message and policy is there, in reading order", () => {
    for (const plan of [promotion, demotion]) {
      const text = renderTable([plan], { width: 80 });
      const flat = unwrapped(text);
      const head = headerOf(text);
      const rows = resourceRows(text);
      // Every listed resource has its row: its change and its delta.
      const symbol = (r: Row) => (r.kind === "same" ? "" : `${{ create: "+", update: "~", replace: "+/-", delete: "-" }[r.kind]}${r.stateful && (r.kind === "delete" || r.kind === "replace") ? "!" : ""}`);
      const shown = rows.map((cells) => `${cells[head.indexOf("Change")]}|${cells[head.indexOf("Delta")]}`).sort();
      expect(shown).toEqual(listed(plan).map((r) => `${symbol(r)}|${signed(r.monthlyDelta)}`).sort());
      for (const v of plan.verdicts.filter((x) => !x.passed)) expect(flat).toContain(`${v.mandatory ? "FAIL" : "warn"} ${v.policy}${v.resourceName ? ` [${v.resourceName}]` : ""}: ${v.message}`);
      for (const v of plan.verdicts.filter((x) => x.passed && x.enforcementLevel !== "disabled")) expect(flat).toMatch(new RegExp(`^pass: .*\\b${v.policy}\\b`, "m"));
      // What changes and what it costs come first, then the guardrails, failures before warnings.
      const at = (re: RegExp) => text.search(re);
      const order = [at(/^└/m), at(/^Total monthly: /m), at(/^Guardrails \(/m), at(/^(FAIL|warn|pass:) /m)];
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(order.every((i) => i >= 0)).toBe(true);
      const fail = text.search(/^FAIL /m);
      const warn = text.search(/^warn /m);
      if (fail >= 0 && warn >= 0) expect(fail).toBeLessThan(warn);
    }
    // The demotion's data at risk is said before the totals.
    const text = renderTable([demotion], { width: 80 });
    expect(text.search(/^Data at risk: /m)).toBeGreaterThan(text.search(/^└/m));
    expect(text.search(/^Data at risk: /m)).toBeLessThan(text.search(/^Total monthly: /m));
  });

  test("the width comes from COLUMNS, else a terminal's width, else 100", () => {
    expect(tableWidth({ isTTY: false }, { COLUMNS: "80" })).toBe(80);
    expect(tableWidth({ isTTY: true, columns: 132 }, { COLUMNS: "90" })).toBe(90);
    expect(tableWidth({ isTTY: true, columns: 132 }, {})).toBe(132);
    expect(tableWidth({ isTTY: false, columns: 132 }, {})).toBe(100);
    expect(tableWidth({}, { COLUMNS: "" })).toBe(100);
    expect(tableWidth({}, { COLUMNS: "8" })).toBe(20);
    for (const bad of ["0", "-80", "80px", "1e2"]) expect(() => tableWidth({}, { COLUMNS: bad })).toThrow(`COLUMNS: ${JSON.stringify(bad)} is not allowed: must be a whole number of terminal columns (e.g. 80), or unset`);
  });
});

describe("every count has one value in every format", () => {
  test("changes: the header, the table, the line for what is not listed, the PR comment and the JSON agree", () => {
    for (const plan of [promotion, growth, demotion]) {
      const declared = plan.resources.filter((r) => !isAccountLine(r));
      const count = (k: string) => declared.filter((r) => r.kind === k).length;
      const retagged = declared.filter(freeRetag).length;
      const unchanged = declared.filter((r) => r.kind === "same" && !costMoves(r)).length;
      const counts = `${count("create")} to create, ${count("update")} to update${retagged ? ` (${retagged} only retagged)` : ""}, ${count("replace")} to replace, ${count("delete")} to delete`;
      const notListed = [retagged ? `${retagged} of the ${count("update")} updates only retag` : "", unchanged ? `${unchanged} resource${unchanged === 1 ? " is" : "s are"} unchanged` : ""].filter(Boolean).join("; ");

      const table = renderTable([plan], { width: 120 });
      expect(unwrapped(table)).toContain(`(${counts})`);
      expect(unwrapped(table)).toContain(`~ ${notListed} (not listed)`);
      // Listed rows by change + those counted = the header's numbers.
      const rows = resourceRows(table);
      const shownKind = (k: string) => rows.filter((cells) => symbolOf(cells[0]).replace("!", "") === { create: "+", update: "~", replace: "+/-", delete: "-" }[k]).length;
      expect([shownKind("create"), shownKind("update") + retagged, shownKind("replace"), shownKind("delete")]).toEqual([count("create"), count("update"), count("replace"), count("delete")]);

      const md = renderMarkdown([plan]);
      expect(md).toContain(counts);
      expect(md).toContain(`${notListed} (not listed).`);

      const json = JSON.parse(renderJson([plan]));
      expect(json.projects[0].summary.changes).toMatchObject({ create: count("create"), update: count("update"), retagged, replace: count("replace"), delete: count("delete"), same: count("same") });
      const flagged = json.projects[0].diff.resources.filter((r: { metadata: { onlyRetagged?: boolean } }) => r.metadata.onlyRetagged).length;
      expect(flagged).toBe(retagged);
    }
    // The promotion retags at no cost, and has a tag-only update whose cost moves: listed, not counted.
    expect(promotion.resources.filter(freeRetag).length).toBeGreaterThan(0);
    expect(promotion.resources.some((r) => r.change?.tagsOnly && costMoves(r))).toBe(true);
  });

  test("guardrails: policies (not violations) add up to the number of policies; violations are counted apart", () => {
    const byPolicy = new Map<string, StackPlan["verdicts"][number][]>();
    for (const v of demotion.verdicts) byPolicy.set(v.policy, [...(byPolicy.get(v.policy) ?? []), v]);
    const several = [...byPolicy.values()].filter((vs) => vs.filter((v) => !v.passed).length > 1);
    expect(several.length).toBeGreaterThan(0); // one policy, several violations: the case that used to be over-counted
    const disabled = [...byPolicy.values()].filter((vs) => vs.some((v) => v.enforcementLevel === "disabled")).length;
    const failed = [...byPolicy.values()].filter((vs) => vs.some((v) => !v.passed && v.mandatory)).length;
    const warned = [...byPolicy.values()].filter((vs) => vs.some((v) => !v.passed) && !vs.some((v) => v.mandatory && !v.passed)).length;
    const passed = byPolicy.size - disabled - failed - warned;
    const mandatory = demotion.verdicts.filter((v) => !v.passed && v.mandatory).length;
    const advisory = demotion.verdicts.filter((v) => !v.passed && !v.mandatory).length;
    expect(disabled).toBe(1);
    expect(mandatory).toBeGreaterThan(failed);
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
    const summary = `Guardrails (${byPolicy.size} policies): ${passed} passed, ${warned} warned${advisory ? ` (${plural(advisory, "advisory violation")})` : ""}, ${failed} failed (${plural(mandatory, "mandatory violation")}), ${disabled} disabled`;
    expect(unwrapped(renderTable([demotion], { width: 80 }))).toContain(summary);
    expect(renderMarkdown([demotion])).toContain(`❌ ${summary}`);
    expect(JSON.parse(renderJson([demotion])).projects[0].metadata.guardrails).toEqual({ policies: byPolicy.size, passed, warned, failed, disabled, violations: { advisory, mandatory } });
  });
});

describe("a cost that moves without an input change says why", () => {
  test("each such row carries a reason read from its cost lines", () => {
    for (const plan of [promotion, growth, demotion]) {
      const moved = plan.resources.filter((r) => noInputChange(r) && costMoves(r) && r.before && r.after);
      for (const r of moved) expect({ name: r.name, reason: r.costReason }).toEqual({ name: r.name, reason: expect.stringMatching(/^(usage|free tier): /) });
      // Rows whose inputs change, or whose cost does not, need none.
      for (const r of plan.resources.filter((x) => !moved.includes(x))) expect({ name: r.name, reason: r.costReason }).toEqual({ name: r.name, reason: undefined });
    }
    expect(growth.resources.filter((r) => r.costReason).length).toBeGreaterThan(1);
  });

  test("usage that grows with the milestone: the load balancer's LCU-hours, before → after", () => {
    const alb = growth.resources.find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")!;
    expect(alb.change?.tagsOnly).toBe(true);
    const lcu = (side: "before" | "after") => alb[side]!.costComponents.find((c) => c.unit === "LCU-hours")!.monthlyQuantity!;
    const m = /^usage: ([\d.]+) → ([\d.]+) LCU-hours \(Load balancer capacity units\)$/.exec(alb.costReason ?? "");
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeCloseTo(lcu("before"), -1);
    expect(Number(m![2])).toBeCloseTo(lcu("after"), -1);
    expect(lcu("after")).toBeGreaterThan(lcu("before"));
  });

  test("a free allowance now used by other resources: which ones", () => {
    const moved = promotion.resources.find((r) => r.change?.tagsOnly && costMoves(r) && r.costReason?.startsWith("free tier: "))!;
    expect(moved).toBeDefined();
    const free = (r: Row, side: "before" | "after") => (r[side]?.costComponents ?? []).filter((c) => c.freeTier).reduce((n, c) => n + (c.monthlyQuantity ?? 0), 0);
    expect(free(moved, "after")).toBeLessThan(free(moved, "before"));
    const m = /^free tier: (\d+) → (\d+) (.+) covered here \(the account's first (\d+) \3 now cover (.+)\)$/.exec(moved.costReason!);
    expect(m).not.toBeNull();
    expect([Number(m![1]), Number(m![2])]).toEqual([free(moved, "before"), free(moved, "after")]);
    // The resources it names are ones whose covered share grew.
    const named = m![5].replace(/ and \d+ more$/, "").split(/, | and /);
    for (const name of named) expect(promotion.resources.some((r) => r.name === name && free(r, "after") > free(r, "before"))).toBe(true);
  });

  test("in all three formats: a note under the row, a column of the PR comment, a field of the JSON", () => {
    for (const plan of [promotion, growth]) {
      const table = renderTable([plan], { width: 100 });
      const md = renderMarkdown([plan]);
      const diff = JSON.parse(renderJson([plan])).projects[0].diff.resources as { name: string; metadata: { costReason?: string } }[];
      expect(plan.resources.filter((x) => x.costReason).length).toBeGreaterThan(0);
      for (const r of plan.resources.filter((x) => x.costReason)) {
        // The row, then (below it, before the next resource) the note.
        const lines = table.split("\n");
        const row = lines.findIndex((l) => l.includes(`│ ${r.name} `) && l.includes(signed(r.monthlyDelta)));
        expect(row).toBeGreaterThan(0);
        const below = unwrapped(lines.slice(row + 1, row + 8).map((l) => l.replace(/^│ {3}/, "").replace(/ *│$/, "")).join("\n"));
        expect(below).toContain(`↳ ${r.costReason}`);
        expect(md).toMatch(new RegExp(`\\| ${r.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^|]* \\|[^\n]*\\| ${r.costReason!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\|$`, "m"));
        expect(diff.find((d) => d.name === r.urn)!.metadata.costReason).toBe(r.costReason);
      }
    }
  });
});

describe("the account-wide line says what it is", () => {
  test("its group and its row, in the table, the PR comment and the JSON", () => {
    const egress = demotion.resources.find(isAccountLine)!;
    expect(egress.type).toBe("cost:aws/dataTransfer:DataTransfer");
    for (const width of [120, 80, 40]) {
      const flat = unwrapped(renderTable([demotion], { width }).split("\n").map((l) => l.replace(/^│ {3}/, "").replace(/ *│$/, "")).join("\n"));
      expect(flat).toContain(`↳ ${EGRESS}`);
    }
    expect(renderTable([demotion], { width: 120 })).toMatch(new RegExp(`^│ ${ACCOUNT_GROUP.replace(/[()]/g, "\\$&")} +│`, "m"));
    expect(renderTable([alone], { width: 100 })).toContain(EGRESS); // planned alone too
    const md = renderMarkdown([demotion]);
    expect(md).toContain(`| ${ACCOUNT_GROUP} | cost only | data-transfer (${EGRESS}) |`);
    expect(md).toMatch(new RegExp(`^\\| ${ACCOUNT_GROUP.replace(/[()]/g, "\\$&")} \\| \\$`, "m")); // the cost table's row
    const project = JSON.parse(renderJson([demotion])).projects[0];
    for (const list of [project.pastBreakdown.resources, project.diff.resources]) {
      expect(list.find((r: { name: string }) => r.name === egress.urn).metadata).toMatchObject({ synthetic: true, description: EGRESS });
    }
    expect(project.breakdown.resources.filter((r: { metadata: { synthetic?: boolean } }) => r.metadata.synthetic).every((r: { metadata: { description?: string } }) => r.metadata.description === EGRESS)).toBe(true);
  });
});

describe("a plan of hundreds of resources", () => {
  test("is one table: every row listed once, one top and one bottom border, every line as wide as the header", () => {
    // The demotion's rows 20 times over: hundreds of rows, more than one slice of 200 (see table.ts).
    const rows = demotion.resources.flatMap((r, i) => Array.from({ length: 20 }, (_, k) => ({ ...r, urn: `${r.urn}-${k}`, name: `${r.name.slice(0, 12)}-${i}-${k}` })));
    const text = renderTable([{ ...demotion, resources: rows }], { width: 100 });
    const lines = text.split("\n");
    const top = lines.findIndex((l) => l.startsWith("┌"));
    const bottom = lines.findIndex((l) => l.startsWith("└"));
    expect(lines.filter((l) => /^[┌└]/.test(l))).toHaveLength(2);
    expect(lines.slice(top, bottom + 1).map(columnsOf).filter((w) => w !== columnsOf(lines[top]))).toEqual([]);
    // Between the header's rule and the bottom border, only rows: no rule where slices meet.
    const rule = lines.findIndex((l, i) => i > top && l.startsWith("├"));
    expect(lines.slice(rule + 1, bottom).filter((l) => !l.startsWith("│"))).toEqual([]);
    const nameColumn = headerOf(text).indexOf("Name");
    const names = resourceRows(text).map((cells) => cells[nameColumn]);
    expect(names.length).toBeGreaterThan(400); // three slices at least
    expect(names.sort()).toEqual(listed({ ...demotion, resources: rows }).map((r) => r.name).sort());
  });
});

describe("the README's example", () => {
  test("every line of it is a line the table prints at 80 columns (`COLUMNS=80 npm run plan -- --stack prod`)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    const start = readme.indexOf("```text\ncutlist/prod: m1 → m2\n");
    expect(start).toBeGreaterThanOrEqual(0);
    const example = readme.slice(start + "```text\n".length, readme.indexOf("```", start + 8)).split("\n").filter(Boolean);
    const printed = new Set(renderTable([promotion], { width: 80 }).split("\n"));
    // When costs or policies change, regenerate the example from that command's output.
    expect(example.filter((line) => !printed.has(line))).toEqual([]);
    expect(example.length).toBeGreaterThan(20);
  });
});
