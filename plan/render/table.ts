/**
 * Terminal rendering: per stack a table grouped by component (change, type, name, monthly
 * cost before → after, delta), stateful deletes/replaces highlighted, a note under each row
 * whose cost moves without an input change, then the totals against the seed's band, and the
 * guardrails. Everything fits the given width: columns abbreviate, truncate and drop in a
 * fixed order (least needed first), messages wrap with an indent, and below the narrowest
 * table the rows become a list. Pure: colours only when asked.
 */
import Table from "cli-table3";
import pc from "picocolors";
import { sub, sum, usd } from "../../model/money";
import { bandStatus, type ResourceCostDelta, type StackPlan } from "../plan";
import { accountLine, bandText, byComponent, countsText, dangerous, guardrailSummary, KIND_SYMBOL, notListedText, regionComparisonText, shortType, shownRows, sideCost, signedUsd, transition } from "./format";
import { clauses, DEFAULT_WIDTH, MIN_WIDTH, truncate, visibleWidth, wrap } from "./width";

export interface TableOptions {
  /** ANSI colours (the CLI turns them on for a TTY or FORCE_COLOR). */
  readonly color?: boolean;
  /** Columns every line must fit in (plan/render/width.ts `outputWidth`); default 100, at least 20. */
  readonly width?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

type Col = "change" | "type" | "name" | "before" | "after" | "delta" | "monthly" | "worst";

/** One way of laying the table out; `fitLayout` takes the first that fits. */
interface Layout {
  readonly cols: readonly Col[];
  /** "~ update" or "~". */
  readonly change: "full" | "symbol";
  /** "aws:ec2:SecurityGroup" or "SecurityGroup". */
  readonly type: "full" | "resource";
  /** "Monthly before" or "Before". */
  readonly shortHeads: boolean;
  /** Type and name may be cut (with an ellipsis) down to their minimum widths. */
  readonly shrink: boolean;
}

/** Narrowest type and name columns (cut with an ellipsis); names give way to 20 before types are cut hard. */
const TYPE_MIN = 10;
const NAME_SOFT_MIN = 20;
const NAME_MIN = 10;

/**
 * Layouts from the full table down to change, name and delta; each step gives up the least
 * needed detail first: long headings, the type's provider and module, the change's word,
 * the end of long types and names, then the cost before, the type, the cost after.
 */
function layouts(single: boolean): Layout[] {
  if (single) {
    const full = { change: "full", type: "full", shortHeads: false, shrink: false, cols: ["type", "name", "monthly", "worst"] } as const;
    return [
      full,
      { ...full, type: "resource" },
      { ...full, type: "resource", shortHeads: true, shrink: true },
      { ...full, type: "resource", shortHeads: true, shrink: true, cols: ["type", "name", "monthly"] },
      { ...full, type: "resource", shortHeads: true, shrink: true, cols: ["name", "monthly"] },
    ];
  }
  const full = { change: "full", type: "full", shortHeads: false, shrink: false, cols: ["change", "type", "name", "before", "after", "delta"] } as const;
  const tight = { ...full, change: "symbol", type: "resource", shortHeads: true, shrink: true } as const;
  return [
    full,
    { ...full, shortHeads: true },
    { ...full, shortHeads: true, type: "resource" },
    { ...full, shortHeads: true, type: "resource", change: "symbol" },
    tight,
    { ...tight, cols: ["change", "type", "name", "after", "delta"] },
    { ...tight, cols: ["change", "name", "after", "delta"] },
    { ...tight, cols: ["change", "name", "delta"] },
  ];
}

/** A component: all its rows (for its sums) and those listed. */
interface Group {
  readonly component: string;
  readonly rows: readonly ResourceCostDelta[];
  readonly shown: readonly ResourceCostDelta[];
}

const LABEL_COLS: ReadonlySet<Col> = new Set(["change", "type", "name"]);
const RIGHT_ALIGNED: ReadonlySet<Col> = new Set(["before", "after", "delta", "monthly", "worst"]);

function head(col: Col, layout: Layout): string {
  const s = layout.shortHeads;
  const heads: Record<Col, string> = {
    change: "Change", type: "Type", name: "Name", delta: "Delta", monthly: "Monthly",
    before: s ? "Before" : "Monthly before", after: s ? "After" : "Monthly after", worst: s ? "Worst" : "Worst case",
  };
  return heads[col];
}

/** "+ create", "+/- replace (stateful!)", or their symbols "+", "+/-!"; nothing for an unchanged row. */
function changeText(row: ResourceCostDelta, layout: Layout): string {
  if (row.kind === "same") return "";
  if (layout.change === "symbol") return `${KIND_SYMBOL[row.kind]}${dangerous(row) ? "!" : ""}`;
  return `${KIND_SYMBOL[row.kind]} ${row.kind}${dangerous(row) ? " (stateful!)" : ""}`;
}

function typeText(row: ResourceCostDelta, layout: Layout): string {
  const t = shortType(row.type);
  return layout.type === "resource" ? t.slice(t.lastIndexOf(":") + 1) || t : t;
}

function worstText(row: ResourceCostDelta): string {
  return row.after?.priced === "priced" && row.worstCaseAfter !== row.monthlyAfter ? usd(row.worstCaseAfter) : "";
}

/** A resource row's cell, as plain text. */
function cellText(row: ResourceCostDelta, col: Col, layout: Layout): string {
  switch (col) {
    case "change": return changeText(row, layout);
    case "type": return typeText(row, layout);
    case "name": return row.name;
    case "before": return sideCost(row, "before");
    case "after": case "monthly": return sideCost(row, "after");
    case "delta": return signedUsd(row.monthlyDelta);
    case "worst": return worstText(row);
  }
}

/** A component's sums in its title row. */
function groupCell(rows: readonly ResourceCostDelta[], col: Col): string {
  const before = sum(rows.map((r) => r.monthlyBefore));
  const after = sum(rows.map((r) => r.monthlyAfter));
  switch (col) {
    case "before": return usd(before);
    case "after": case "monthly": return usd(after);
    case "delta": return signedUsd(sub(after, before));
    case "worst": return usd(sum(rows.map((r) => r.worstCaseAfter)));
    default: return "";
  }
}

function paintDelta(text: string, n: number, c: Colors): string {
  return n > 0 ? c.red(text) : n < 0 ? c.green(text) : c.dim(text);
}

function paintCell(row: ResourceCostDelta, col: Col, text: string, c: Colors): string {
  if (col === "delta") return paintDelta(text, row.monthlyDelta, c);
  if (col === "name") return dangerous(row) ? c.bold(c.red(text)) : text;
  if (col !== "change") return text;
  switch (row.kind) {
    case "create": return c.green(text);
    case "update": return c.yellow(text);
    case "replace": return dangerous(row) ? c.bold(c.red(text)) : c.magenta(text);
    case "delete": return dangerous(row) ? c.bold(c.red(text)) : c.red(text);
    default: return text;
  }
}

/** What a row's note says: what an account-wide line is, and why its cost moves. */
function rowNotes(row: ResourceCostDelta): string[] {
  return [accountLine(row), row.costReason].filter((n): n is string => Boolean(n));
}

/** Columns' content widths for a layout within `width`, or undefined when it cannot fit. */
function fitLayout(layout: Layout, groups: readonly Group[], width: number): Record<Col, number> | undefined {
  const w = {} as Record<Col, number>;
  for (const col of layout.cols) {
    w[col] = visibleWidth(head(col, layout));
    for (const g of groups) {
      w[col] = Math.max(w[col], visibleWidth(groupCell(g.rows, col)));
      for (const r of g.shown) w[col] = Math.max(w[col], visibleWidth(cellText(r, col, layout)));
    }
  }
  // Each column adds a space either side and a border; one more border closes the row.
  const total = () => layout.cols.reduce((n, col) => n + w[col] + 3, 1);
  if (total() <= width) return w;
  if (!layout.shrink) return undefined;
  for (const [col, min] of [["name", NAME_SOFT_MIN], ["type", TYPE_MIN], ["name", NAME_MIN]] as const) {
    if (!layout.cols.includes(col)) continue;
    const cut = Math.min(total() - width, w[col] - min);
    if (cut > 0) w[col] -= cut;
  }
  return total() <= width ? w : undefined;
}

function renderTableLayout(groups: readonly Group[], layout: Layout, w: Record<Col, number>, c: Colors): string {
  const cols = layout.cols;
  const rows: Table.HorizontalTableRow[] = [];
  const labels = cols.filter((col) => LABEL_COLS.has(col));
  const labelWidth = labels.reduce((n, col) => n + w[col] + 3, -3);
  const noteWidth = cols.reduce((n, col) => n + w[col] + 3, -3);
  for (const g of groups) {
    const title = c.cyan(c.bold(truncate(g.component, labelWidth)));
    const costCells = cols.filter((col) => !LABEL_COLS.has(col)).map((col) => {
      const text = groupCell(g.rows, col);
      return col === "delta" ? paintDelta(text, sub(sum(g.rows.map((r) => r.monthlyAfter)), sum(g.rows.map((r) => r.monthlyBefore))), c) : c.dim(text);
    });
    rows.push([{ colSpan: labels.length, content: title }, ...costCells]);
    for (const r of g.shown) {
      rows.push(cols.map((col) => paintCell(r, col, truncate(cellText(r, col, layout), w[col]), c)));
      for (const note of rowNotes(r)) rows.push([{ colSpan: cols.length, content: c.dim(wrap(note, noteWidth, "  ↳ ", "    ").join("\n")) }]);
    }
  }
  // cli-table3 lays a table out in time quadratic in its rows (a program with 10,000 resources
  // took 3 s): lay out slices of rows and join them. Rows are compact (no lines between them),
  // so the joined text is the one table: each slice but the first loses its top border, each
  // but the last its bottom border.
  const options = {
    style: { head: [], border: [], compact: true, "padding-left": 1, "padding-right": 1 },
    colWidths: cols.map((col) => w[col] + 2),
    colAligns: cols.map((col) => (RIGHT_ALIGNED.has(col) ? "right" : "left") as "right" | "left"),
  };
  const slices: string[][] = [];
  for (let i = 0; i === 0 || i < rows.length; i += ROWS_PER_SLICE) {
    const table = new Table({ ...options, head: i === 0 ? cols.map((col) => c.bold(truncate(head(col, layout), w[col]))) : [] });
    table.push(...rows.slice(i, i + ROWS_PER_SLICE));
    slices.push(table.toString().split("\n"));
  }
  return slices.map((lines, i) => lines.slice(i === 0 ? 0 : 1, i === slices.length - 1 ? lines.length : -1)).flat().join("\n");
}

/** Rows laid out at once (see renderTableLayout). */
const ROWS_PER_SLICE = 200;

/** Narrower than any table: one wrapped line per component and per row. */
function renderList(groups: readonly Group[], single: boolean, width: number, c: Colors): string {
  const lines: string[] = [];
  const layout = layouts(single)[0];
  for (const g of groups) {
    const cost = single ? groupCell(g.rows, "monthly") : `${groupCell(g.rows, "before")} → ${groupCell(g.rows, "after")} (${groupCell(g.rows, "delta")})`;
    lines.push(...wrap(`${g.component}: ${cost}`, width, "", "  ").map((l) => c.cyan(c.bold(l))));
    for (const r of g.shown) {
      const change = single ? "" : `${changeText(r, { ...layout, change: "symbol" }) || "="} `;
      const cost = single ? sideCost(r, "after") : `${sideCost(r, "before")} → ${sideCost(r, "after")} (${signedUsd(r.monthlyDelta)})`;
      lines.push(...wrap(`${change}${r.name}: ${cost}`, width, "  ", "    ").map((l) => (dangerous(r) ? c.bold(c.red(l)) : l)));
      for (const note of rowNotes(r)) lines.push(...wrap(note, width, "    ↳ ", "      ").map((l) => c.dim(l)));
    }
  }
  return lines.join("\n");
}

const LEGEND = "+ create, ~ update, - delete, +/- replace, ! stateful (data at risk)";

/** The rows' block: the widest table layout that fits, else the list. */
function renderRows(plan: StackPlan, width: number, c: Colors): string[] {
  // Every component's title row (its sums add up to the totals), and the rows worth listing.
  const groups = byComponent(plan.resources).map(([component, rows]) => ({ component, rows, shown: plan.single ? rows : shownRows(rows) }));
  for (const layout of layouts(plan.single)) {
    const w = fitLayout(layout, groups, width);
    if (!w) continue;
    const out = [renderTableLayout(groups, layout, w, c)];
    if (!plan.single && layout.change === "symbol") out.push(...wrap(LEGEND, width, "", "  ").map((l) => c.dim(l)));
    return out;
  }
  return [renderList(groups, plan.single, width, c)];
}

/** "Total monthly: expected …; worst case …; seed band …", one clause a line when narrow. */
function totalLines(plan: StackPlan, width: number, c: Colors): string[] {
  const b = plan.baseEstimate;
  const e = plan.estimate;
  const expected = plan.single ? usd(e.totalMonthlyCost) : `${usd(b.totalMonthlyCost)} → ${usd(e.totalMonthlyCost)} (${signedUsd(plan.totalMonthlyDelta)})`;
  const worst = plan.single ? usd(e.totalWorstCaseMonthlyCost) : `${usd(b.totalWorstCaseMonthlyCost)} → ${usd(e.totalWorstCaseMonthlyCost)} (${signedUsd(plan.totalWorstCaseDelta)})`;
  const parts = [`Total monthly: expected ${expected}`, `worst case ${worst}`];
  let band: { text: string; ok: boolean } | undefined;
  if (plan.band && plan.milestone) {
    const status = bandStatus(e.totalMonthlyCost, plan.band);
    band = { text: `seed band ${plan.milestone} ${bandText(plan.band)}: ${status}`, ok: status === "within" };
    parts.push(band.text);
  }
  return clauses(parts, width).map((line) => {
    if (!band || !line.includes(band.text)) return c.bold(line);
    const [pre, post] = line.split(band.text);
    return `${c.bold(pre)}${band.ok ? c.green(band.text) : c.red(band.text)}${c.bold(post)}`;
  });
}

/** Guardrails: the summary, then failures, warnings, passes and disabled policies, wrapped. */
function guardrailLines(plan: StackPlan, width: number, c: Colors): string[] {
  if (!plan.verdicts.length) return [];
  const lines: string[] = [];
  const failed = plan.verdicts.filter((v) => !v.passed);
  const summary = wrap(guardrailSummary(plan), width, "", "  ");
  const anyMandatory = failed.some((v) => v.mandatory);
  lines.push(...summary.map((l) => (anyMandatory ? c.bold(c.red(l)) : c.green(l))));
  // Failures before warnings: what blocks the change first.
  for (const v of [...failed.filter((x) => x.mandatory), ...failed.filter((x) => !x.mandatory)]) {
    const where = v.resourceName ? ` [${v.resourceName}]` : "";
    const text = wrap(`${v.mandatory ? "FAIL" : "warn"} ${v.policy}${where}: ${v.message}`, width, "", "  ");
    lines.push(...text.map((l) => (v.mandatory ? c.bold(c.red(l)) : c.yellow(l))));
  }
  const passed = plan.verdicts.filter((v) => v.passed && v.enforcementLevel !== "disabled").map((v) => `${v.policy}${v.message.startsWith("Not applicable") ? " (n/a)" : ""}`);
  if (passed.length) lines.push(...wrap(`pass: ${passed.join(", ")}`, width, "", "  ").map((l) => c.dim(l)));
  const disabled = [...new Set(plan.verdicts.filter((v) => v.enforcementLevel === "disabled").map((v) => v.policy))];
  if (disabled.length) lines.push(...wrap(`disabled: ${disabled.join(", ")}`, width, "", "  ").map((l) => c.dim(l)));
  return lines;
}

/**
 * One stack, in a reviewer's reading order: what changes and what it costs (the rows, the
 * data at risk, the totals and what they leave out), then notes, then the guardrails.
 */
function renderStack(plan: StackPlan, width: number, c: Colors): string {
  const lines: string[] = [];
  const title = `${plan.project}/${plan.stack}: ${transition(plan)}`;
  const header = plan.single ? wrap(title, width, "", "  ") : clauses([title, `(${countsText(plan)})`], width, "  ");
  lines.push(...header.map((l) => c.bold(l)));
  lines.push(...renderRows(plan, width, c));
  const notListed = plan.single ? undefined : notListedText(plan);
  if (notListed) lines.push(...wrap(notListed, width, "~ ", "  ").map((l) => c.dim(l)));
  const dangers = plan.resources.filter(dangerous);
  if (dangers.length) {
    lines.push(...wrap(`Data at risk: ${dangers.map((r) => `${r.kind} ${r.name} (${r.type})`).join(", ")}`, width, "", "  ").map((l) => c.bold(c.red(l))));
  }
  lines.push(...totalLines(plan, width, c));
  if (plan.compareRegion) lines.push(...wrap(regionComparisonText(plan.compareRegion), width, "", "  "));
  if (plan.resources.some((r) => r.hasUnknownUsage)) lines.push(...wrap("* plus usage-based costs with no usage figure", width, "", "  ").map((l) => c.dim(l)));
  const notPriced = plan.estimate.notPriced;
  if (notPriced.length) {
    lines.push(...wrap(`Not priced (${notPriced.length}): ${notPriced.map((n) => `${n.name} (${n.type})`).join(", ")}`, width, "", "  ").map((l) => c.yellow(l)));
  }
  for (const note of plan.notes) lines.push(...wrap(note, width, "note: ", "  ").map((l) => c.dim(l)));
  lines.push(...guardrailLines(plan, width, c));
  return lines.join("\n");
}

/** All plans, one block each, every line within `options.width` columns. */
export function renderTable(plans: readonly StackPlan[], options: TableOptions = {}): string {
  const c = pc.createColors(Boolean(options.color));
  const asked = options.width !== undefined && Number.isFinite(options.width) ? Math.floor(options.width) : DEFAULT_WIDTH;
  const width = Math.max(MIN_WIDTH, asked);
  return `${plans.map((p) => renderStack(p, width, c)).join("\n\n")}\n`;
}
