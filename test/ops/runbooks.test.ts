/**
 * docs/runbooks/ against the code, so the pages cannot drift:
 * - one page per drill in `DRILL_IDS`, and no page (or link, or template lookup) for a drill
 *   that does not exist;
 * - each drill page's front matter and alarm table against the catalog (`MILESTONES`,
 *   `DRILLS`, `drillsFor`) and against the FIS templates the program really declares (the
 *   prod stack recorded under Pulumi mocks at m1..m4): milestones, FIS actions, template Name
 *   tag, target selection, stop-condition alarms, fault minutes;
 * - every `cutlist-<stack>-…` name a page mentions is a name the program declares;
 * - restore.md's retention and RPO tables against `recoveryPlan` and the declared settings
 *   (Neon history, cache snapshot retention, S3 noncurrent-version expiry), its RTO, and its
 *   demotion table against the offline plan of each demotion.
 */
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { planStack } from "../../plan/plan";
import { recordStack } from "../../plan/record";
import type { Recording, ResourceRecord } from "../../model/records";
import { DRILLS, DRILL_IDS } from "../../components/drillsSpec";
import { drillsFor } from "../../stacks/drills";
import { MILESTONE_IDS, MILESTONES, type MilestoneId } from "../../stacks/milestones";
import { RTO_MINUTES, recoveryPlan, type RecoveryItem } from "../../stacks/recovery";
import { ALARM_KEYS } from "../../components/observabilitySpec";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, "docs", "runbooks");
const STACK = "prod";
const FIS = "aws:fis/experimentTemplate:ExperimentTemplate";

const pages = fs.readdirSync(DIR).filter((f) => f.endsWith(".md")).sort();
const read = (f: string) => fs.readFileSync(path.join(DIR, f), "utf8");

interface FrontMatter {
  drill: string;
  title: string;
  milestones: string[];
  fis_actions: string[];
  template: string;
  target: { resource_type: string; selection: string; tags?: string[]; automation_document?: string };
  stop_conditions: string[];
}

function frontMatter(text: string): FrontMatter | undefined {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  return m ? (YAML.parse(m[1]) as FrontMatter) : undefined;
}

/** `cutlist-<stack>-key` as the pages write alarm and resource names. */
const named = (key: string) => `cutlist-<stack>-${key}`;

/** Rows of the first markdown table after `heading` (header and separator dropped). */
function table(text: string, heading: string): string[][] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const first = lines.findIndex((l, i) => i > start && l.trim().startsWith("|"));
  const rows: string[][] = [];
  for (let i = first; i < lines.length && lines[i].trim().startsWith("|"); i++) {
    rows.push(lines[i].trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim()));
  }
  return rows.slice(2);
}

/** Rows of the table whose header row starts with `| <first> |`. */
function tableByHeader(text: string, first: string): string[][] {
  const lines = text.split("\n").map((l) => l.trim());
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  if (start < 0) throw new Error(`no table starting with ${first}`);
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith("|"); i++) {
    rows.push(lines[i].replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim()));
  }
  return rows;
}

const recordings = new Map<MilestoneId, Recording>();
/** The node-based caches a stack may choose instead of the catalog's serverless one (their drills' names). */
const nodeVariants: Recording[] = [];
beforeAll(async () => {
  for (const m of MILESTONE_IDS) recordings.set(m, await recordStack({ stack: STACK, milestone: m }));
  const nodes = (drill: string) => ({ "cutlist:overrides": JSON.stringify({ cache: { deployment: "nodes" }, resilience: { drills: ["terminate-app-instance", "stress-app-cpu", drill] } }) });
  nodeVariants.push(await recordStack({ stack: STACK, milestone: "m3", config: nodes("failover-cache-primary") }));
  nodeVariants.push(await recordStack({ stack: STACK, milestone: "m4", config: nodes("interrupt-cache-az") }));
}, 120_000);

const templatesAt = (m: MilestoneId) => recordings.get(m)!.resources.filter((r) => r.type === FIS);
const templateFor = (m: MilestoneId, id: string) => templatesAt(m).find((r) => (r.inputs.tags as Record<string, string>)?.drill === id);

/** Every `cutlist-<stack>-…` name the program declares at some milestone (catalog or node-based cache), as its suffix. */
function declaredNames(): Set<string> {
  const prefix = `cutlist-${STACK}-`;
  const names = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === "string" && v.startsWith(prefix)) names.add(v.slice(prefix.length));
  };
  for (const rec of [...recordings.values(), ...nodeVariants]) {
    for (const r of rec.resources) {
      for (const key of ["name", "alarmName", "replicationGroupId", "bucket"]) visit(r.inputs[key]);
      visit((r.inputs.tags as Record<string, string> | undefined)?.Name);
    }
  }
  return names;
}

describe("one runbook per drill, none for a drill that does not exist", () => {
  test("every drill in code has docs/runbooks/<id>.md, and every drill page is a drill in code", () => {
    expect(DRILL_IDS.length).toBeGreaterThan(0);
    for (const id of DRILL_IDS) expect(pages).toContain(`${id}.md`);
    const drillPages = pages.filter((f) => frontMatter(read(f))?.drill !== undefined);
    for (const f of drillPages) {
      const fm = frontMatter(read(f))!;
      expect({ page: f, drill: fm.drill, known: (DRILL_IDS as readonly string[]).includes(fm.drill) }).toEqual({ page: f, drill: f.replace(/\.md$/, ""), known: true });
    }
    // Anything else is one of the two non-drill pages.
    expect(pages.filter((f) => !drillPages.includes(f)).sort()).toEqual(["README.md", "restore.md"]);
  });

  test("every link between runbooks resolves; every template lookup names the page's own drill", () => {
    for (const f of pages) {
      const text = read(f);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)) {
        expect({ page: f, link: target, exists: fs.existsSync(path.join(DIR, target)) }).toEqual({ page: f, link: target, exists: true });
      }
      const own = frontMatter(text)?.drill;
      for (const [, id] of text.matchAll(/tags\.Name=='cutlist-\$\{STACK\}-([a-z0-9-]+)'/g)) {
        expect({ page: f, lookup: id }).toEqual({ page: f, lookup: own });
      }
      for (const [, id] of text.matchAll(/--tags "drill=([a-z0-9-]+),/g)) expect({ page: f, tag: id }).toEqual({ page: f, tag: own });
    }
  });

  test("the index lists exactly the drills, at the milestones that declare them", () => {
    const rows = tableByHeader(read("README.md"), "Drill");
    const index = rows.map((r) => [/^\[([a-z0-9-]+)\]\(\1\.md\)$/.exec(r[0])?.[1], ...r.slice(1)]);
    expect(index).toEqual(DRILL_IDS.map((id) => [id, ...MILESTONE_IDS.map((m) => (MILESTONES[m].resilience.drills.includes(id) ? "✓" : ""))]));
  });

  test("every cutlist-<stack>-… name in the runbooks is one the program declares", () => {
    const declared = declaredNames();
    // Sanity: the alarms, templates, the Neon project and the failover document are among them.
    expect([...declared]).toEqual(expect.arrayContaining([ALARM_KEYS.fastBurnLong, ALARM_KEYS.incident, "terminate-app-instance", "db", "cache-failover"]));
    for (const f of pages) {
      for (const [, suffix] of read(f).matchAll(/cutlist-(?:<stack>|\$\{STACK\}|prod|dev)-([a-z0-9][a-z0-9-]*[a-z0-9])/g)) {
        expect({ page: f, name: suffix, declared: declared.has(suffix) }).toEqual({ page: f, name: suffix, declared: true });
      }
    }
  });
});

describe.each([...DRILL_IDS])("%s.md matches the code", (id) => {
  const text = () => read(`${id}.md`);
  const fm = () => frontMatter(text())!;
  const at = () => MILESTONE_IDS.filter((m) => MILESTONES[m].resilience.drills.includes(id));

  test("title, milestones and FIS actions: catalog, drillsFor and the declared templates agree with the page", () => {
    expect(fm().title).toBe(DRILLS[id].title);
    expect(text()).toContain(`\n# Drill: ${DRILLS[id].title}\n`);
    expect(fm().milestones).toEqual(at());
    // The program declares the template exactly where the catalog says.
    expect(MILESTONE_IDS.filter((m) => templateFor(m, id) !== undefined)).toEqual(at());
    expect(fm().fis_actions).toEqual([...DRILLS[id].actionIds]);
    for (const m of at()) {
      const actions = (templateFor(m, id)!.inputs.actions as { actionId: string }[]).map((a) => a.actionId);
      expect(actions).toEqual(fm().fis_actions);
    }
    expect(text()).toContain(`**Pass criteria** (from \`components/drillsSpec.ts\`): ${DRILLS[id].passCriteria}\n`);
  });

  test("the template is found by its Name tag and aims where the page says", () => {
    expect(fm().template).toBe(named(id));
    expect(text()).toContain(`tags.Name=='cutlist-\${STACK}-${id}'`);
    expect(text()).toContain("aws fis start-experiment --experiment-template-id \"$TEMPLATE\"");
    expect(text()).toContain("aws fis stop-experiment --id \"$EXPERIMENT\"");
    for (const m of at()) {
      const t = templateFor(m, id)!;
      expect((t.inputs.tags as Record<string, string>).Name).toBe(`cutlist-${STACK}-${id}`);
      const targets = (t.inputs.targets ?? []) as { resourceType: string; selectionMode: string; resourceTags: { key: string; value: string }[] }[];
      if (fm().target.resource_type === "none") {
        expect(targets).toEqual([]);
        const doc = (t.inputs.actions as { parameters?: { key: string; value?: string }[] }[])[0].parameters?.find((p) => p.key === "documentArn")?.value;
        expect(doc).toMatch(new RegExp(`:document/${fm().target.automation_document!.replace("cutlist-<stack>-", `cutlist-${STACK}-`)}$`));
      } else {
        expect(targets.map((x) => [x.resourceType, x.selectionMode])).toEqual([[fm().target.resource_type, fm().target.selection]]);
        const tags = targets[0].resourceTags.map((x) => (x.key === "component" ? `component=${x.value}` : x.key));
        expect(tags).toEqual(fm().target.tags);
      }
    }
  });

  test("stop conditions: the page's alarms are drillsFor's, and the declared template depends on exactly those alarms", () => {
    for (const m of at()) {
      const drill = drillsFor(MILESTONES[m]).find((d) => d.id === id)!;
      expect(fm().stop_conditions).toEqual(drill.stopAlarms.map(named));
      const rec = recordings.get(m)!;
      // MetricAlarm names itself with `name`, CompositeAlarm with `alarmName`.
      const alarms = rec.resources.filter((r) => r.type.startsWith("aws:cloudwatch/") && r.type.endsWith("Alarm"));
      const alarmsByUrn = new Map(alarms.map((r) => [r.urn, (r.inputs.alarmName ?? r.inputs.name) as string]));
      const t = templateFor(m, id)!;
      const stopAlarms = t.dependencies.map((u) => alarmsByUrn.get(u)).filter((n): n is string => n !== undefined).sort();
      expect(stopAlarms).toEqual(drill.stopAlarms.map((k) => `cutlist-${STACK}-${k}`).sort());
      expect((t.inputs.stopConditions as unknown[]).length).toBe(drill.stopAlarms.length);
    }
  });

  test("the expected-alarms table: fault minutes, causes that may alarm and pages that must stay quiet, per milestone", () => {
    const rows = table(text(), "## Expected alarms");
    const list = (keys: readonly string[]) => (keys.length ? keys.map((k) => `\`${named(k)}\``).join(", ") : "none");
    expect(rows).toEqual(at().map((m) => {
      const d = drillsFor(MILESTONES[m]).find((x) => x.id === id)!;
      return [m, d.faultMinutes ? `${d.faultMinutes} min` : "one-shot", list(d.mayAlarm), list(d.mustStayQuiet)];
    }));
    // Timed faults: the declared action runs for the minutes the table says.
    for (const m of at()) {
      const d = drillsFor(MILESTONES[m]).find((x) => x.id === id)!;
      const params = (templateFor(m, id)!.inputs.actions as { parameters?: { key: string; value?: string }[] }[])[0].parameters ?? [];
      const duration = params.find((p) => p.key === "duration")?.value;
      expect({ m, duration }).toEqual({ m, duration: d.faultMinutes ? `PT${d.faultMinutes}M` : undefined });
    }
  });
});

describe("restore.md matches the code", () => {
  const text = () => read("restore.md");
  const plans = () => MILESTONE_IDS.map((m) => recoveryPlan(MILESTONES[m]));
  const item = (m: number, id: string): RecoveryItem | undefined => plans()[m].items.find((i) => i.id === id);
  const ITEMS = ["database", "cache", "user-files", "static-assets"];

  test("the retention table is recoveryPlan's, per milestone", () => {
    const rows = tableByHeader(text(), "Data").slice(0, ITEMS.length);
    const cell = (i?: RecoveryItem) => (!i ? "—" : !i.backedUp ? "none" : `${i.retentionHours} h`);
    expect(rows).toEqual(ITEMS.map((id) => [`\`${id}\``, ...MILESTONE_IDS.map((_, m) => cell(item(m, id)))]));
    // And recoveryPlan has no store the page leaves out.
    for (const p of plans()) for (const i of p.items) expect(ITEMS).toContain(i.id);
  });

  test("the RPO table is recoveryPlan's; the RTO is RTO_MINUTES", () => {
    const lines = text().split("\n");
    const second = lines.findIndex((l, i) => l.startsWith("| Data |") && lines.slice(0, i).some((x) => x.startsWith("| Data |")));
    const rows = tableByHeader(lines.slice(second).join("\n"), "Data");
    const cell = (i?: RecoveryItem) => (!i ? "—" : i.rpoMinutes === null ? "not kept" : i.rpoMinutes === 0 ? "0" : i.rpoMinutes % 60 === 0 ? `${i.rpoMinutes / 60} h` : `${i.rpoMinutes} min`);
    expect(rows).toEqual(ITEMS.map((id) => [`\`${id}\``, ...MILESTONE_IDS.map((_, m) => cell(item(m, id)))]));
    expect(text()).toContain(`**RTO: ${RTO_MINUTES} minutes**`);
  });

  test("the retention the page promises is what the program declares (Neon history, cache snapshots, S3 version expiry)", () => {
    MILESTONE_IDS.forEach((m, i) => {
      const rec = recordings.get(m)!;
      const one = (pick: (r: ResourceRecord) => boolean) => {
        const found = rec.resources.filter(pick);
        expect(found.length).toBeLessThanOrEqual(1);
        return found[0];
      };
      const db = one((r) => r.type === "pulumi-nodejs:dynamic/neon:Project")!;
      expect({ m, hours: (db.inputs.historyRetentionSeconds as number) / 3600 }).toEqual({ m, hours: item(i, "database")!.retentionHours });

      const cache = one((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup" || r.type === "aws:elasticache/serverlessCache:ServerlessCache");
      expect({ m, hours: ((cache?.inputs.snapshotRetentionLimit as number | undefined) ?? 0) * 24 }).toEqual({ m, hours: item(i, "cache")!.retentionHours });

      const noncurrentDays = (component: string) => {
        const lc = one((r) => r.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration" && r.component === component);
        const rule = (lc?.inputs.rules as { noncurrentVersionExpiration?: { noncurrentDays: number } }[] | undefined)?.find((x) => x.noncurrentVersionExpiration);
        return rule ? rule.noncurrentVersionExpiration!.noncurrentDays : undefined;
      };
      const files = item(i, "user-files")!;
      expect({ m, hours: files.backedUp ? (noncurrentDays("storage") ?? 0) * 24 : 0 }).toEqual({ m, hours: files.retentionHours });
      const assets = item(i, "static-assets");
      expect({ m, hours: noncurrentDays("cdn") === undefined ? undefined : noncurrentDays("cdn")! * 24 }).toEqual({ m, hours: assets?.retentionHours });
    });
  });

  test("the demotion table lists what each demotion of prod deletes or replaces, from the offline plan", async () => {
    const rows = tableByHeader(text(), "Demotion");
    const expected: string[][] = [];
    for (let i = 1; i < MILESTONE_IDS.length; i++) {
      const [to, from] = [MILESTONE_IDS[i - 1], MILESTONE_IDS[i]];
      const plan = await planStack({ stack: STACK, baseMilestone: from, milestone: to });
      const lost = plan.resources.filter((r) => r.stateful && (r.kind === "delete" || r.kind === "replace")).sort((a, b) => a.name.localeCompare(b.name));
      expected.push([`${from} → ${to}`, lost.length ? lost.map((r) => `\`${r.name}\` (${r.kind}${r.change?.before?.protect ? ", protected" : ""})`).join(", ") : "none"]);
    }
    expect(rows).toEqual(expected);
  }, 60_000);

  test("it covers the three restores and the promotion rollback, with the commands the tools accept", () => {
    const t = text();
    for (const h of ["## Neon point-in-time restore", "## Cache snapshots", "## S3 object versions (user files, m4)", "## Roll back a promotion", "## Expected alarms during a restore"]) expect(t).toContain(`\n${h}\n`);
    expect(t).toContain("neonctl branches restore main \"^self@${AT}\"");
    expect(t).toContain("--preserve-under-name");
    expect(t).toContain("aws elasticache describe-snapshots --replication-group-id \"cutlist-${STACK}\"");
    expect(t).toContain("aws s3api list-object-versions");
    expect(t).toContain("npm run promote -- --stack prod --to m2");
    expect(t).toContain("git revert");
    // The stack output the S3 restore reads exists.
    expect(fs.readFileSync(path.join(ROOT, "stacks", "index.ts"), "utf8")).toMatch(/export const filesBucket\b/);
    // The promote tool accepts --to (both directions).
    expect(fs.readFileSync(path.join(ROOT, "plan", "promote-cli.ts"), "utf8")).toMatch(/\.option\("--to <m>"/);
  });
});
