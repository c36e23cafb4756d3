/**
 * Programs that misbehave, planned through the plan CLI (the program in its child process):
 * whatever the program does, the plan ends with one message naming what happened, where in the
 * program, and what was recorded before; exit 2, never a hang, a silent exit or a stack trace.
 * Fixtures: test/fixtures/hostile-*. The runs are made once; the assertions share them.
 */
import * as path from "path";
import { main } from "../../plan/cli";
import { ROOT, inProcess, runEntry, type Run } from "./cli-harness";

const fixture = (name: string) => path.join("test", "fixtures", `hostile-${name}`);
const ARGS = (name: string, ...more: string[]) => ["--program", fixture(name), "--stack", "dev", "--format", "json", ...more];
const abs = (name: string, file: string) => path.join(ROOT, fixture(name), file);

/** One line on stderr, no stack trace, nothing on stdout. */
function expectOneMessage(run: Run): string {
  expect(run.stdout).toBe("");
  expect(run.stderr).not.toMatch(/\n\s+at /);
  const lines = run.stderr.trimEnd().split("\n");
  return lines[lines.length - 1];
}

let runs: Record<"hang" | "pending" | "exit" | "thrown" | "rejected" | "duplicate" | "cwd", Run>;

beforeAll(async () => {
  // Real processes where the process is the point (a hang, process.exit); the rest through the
  // CLI's main in this process, one after another: the program runs in its own child either way.
  const hang = runEntry("plan/cli.ts", ARGS("hang", "--timeout", "5"));
  const exit = runEntry("plan/cli.ts", ARGS("exit"));
  const [pending, thrown, rejected, duplicate, cwd] = [
    await inProcess(main, ARGS("pending")),
    await inProcess(main, ARGS("throw")),
    await inProcess(main, ARGS("reject")),
    await inProcess(main, ARGS("duplicate")),
    await inProcess(main, ARGS("cwd")),
  ];
  runs = { hang: await hang, pending, exit: await exit, thrown, rejected, duplicate, cwd };
}, 600_000);

test("a program that never settles (a timer keeps it alive) is stopped after --timeout: exit 2, what was recorded", () => {
  expect(runs.hang.code).toBe(2);
  // The clock starts once the child has loaded our SDK: 5 s is the program's own time, and it
  // declares its one resource at once (a few ms of CPU, so even a starved child makes it).
  expect(expectOneMessage(runs.hang)).toMatch(/hostile-hang \(stack "dev"\): timed out after 5 s \(--timeout 5\) and was stopped; 1 resource was recorded before it stopped: aws:sqs\/queue:Queue "before"$/);
});

test("a program waiting on a promise nothing resolves: exit 2 naming what waits for what", () => {
  expect(runs.pending.code).toBe(2);
  expect(expectOneMessage(runs.pending)).toMatch(
    /the program never finished: .*aws:sqs\/queue:Queue "waiting" waits for its input "delaySeconds"; 1 resource was recorded before it stopped: aws:sqs\/queue:Queue "before"$/,
  );
});

test("a program calling process.exit(0): exit 2 with its file and line", () => {
  expect(runs.exit.code).toBe(2);
  expect(expectOneMessage(runs.exit)).toContain(`the program ended the process before it finished at ${abs("exit", "index.js")}:5:9: it called process.exit(0); 1 resource was recorded`);
});

test("a TypeScript program that throws: exit 2 with the .ts file and line (source-mapped), not an internal error", () => {
  expect(runs.thrown.code).toBe(2);
  const message = expectOneMessage(runs.thrown);
  expect(message).toContain(`the program failed at ${abs("throw", "index.ts")}:9:`);
  expect(message).toMatch(/: settings are missing; 1 resource was recorded before it stopped: aws:sqs\/queue:Queue "before"$/);
  expect(runs.thrown.stderr).not.toMatch(/internal error/);
});

test("a promise the program leaves rejected: exit 2 with its file and line, never a bare exit 1", () => {
  expect(runs.rejected.code).toBe(2);
  expect(expectOneMessage(runs.rejected)).toContain(`a promise of the program rejected and nothing handled it at ${abs("reject", "index.ts")}:10:`);
  expect(runs.rejected.stderr).toMatch(/no size in the table; 1 resource was recorded/);
});

test("the same resource declared twice: exit 2 naming its type and name, as the engine refuses it", () => {
  expect(runs.duplicate.code).toBe(2);
  expect(expectOneMessage(runs.duplicate)).toMatch(/aws:sqs\/queue:Queue "jobs" is declared twice .*"Duplicate resource URN"/);
});

test("a program runs in its own directory: a relative path names the file beside it", () => {
  // Planned (exit 0: another program's untagged queue is not held to our tag keys).
  expect(runs.cwd.code).toBe(0);
  const names = (JSON.parse(runs.cwd.stdout).projects[0].breakdown.resources as { name: string }[]).map((r) => r.name);
  expect(names).toContain("urn:pulumi:dev::hostile-cwd::aws:sqs/queue:Queue::queue-from-readme");
});

test.each([["0"], ["-3"], ["soon"], [""], ["1e9"]])("--timeout %j is refused: exit 2 saying what is allowed", async (value) => {
  const run = await inProcess(main, ["--program", fixture("cwd"), "--stack", "dev", "--timeout", value]);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(`plan: --timeout: ${JSON.stringify(value)} is not allowed: must be a number of seconds greater than 0 and at most 86400 (default 120)\n`);
});
