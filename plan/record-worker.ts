/**
 * The child process that records one program that is not ours (started by record-foreign.ts,
 * its job in the environment). It runs the program under our mocks, sends each resource to
 * the plan as it is registered, then one last message: done, or how the program failed and
 * where. Whatever the program does (throw, reject, call process.exit, wait forever), this
 * process reports it and exits; the plan kills it when it outlives its time.
 */
import * as pulumi from "@pulumi/pulumi";
import { flushRegistrations, loadFresh, recordProgram } from "./record";
import { JOB_ENV, type ChildJob, type ChildMessage, type Failure } from "./record-foreign";
import { ProgramError, programPosition } from "./programError";

const job = JSON.parse(process.env[JOB_ENV] ?? "null") as ChildJob;
delete process.env[JOB_ENV];

const exit = process.exit.bind(process);
let finished = false;

/** Sends a message; a value structured clone refuses (a function in an input) is dropped first. */
function send(message: ChildMessage, then?: () => void): void {
  const done = then ? () => then() : undefined;
  try {
    process.send!(message, undefined, {}, done);
  } catch {
    process.send!(JSON.parse(JSON.stringify(message)) as ChildMessage, undefined, {}, done);
  }
}

/** Reports how the program stopped (the first report wins) and ends this process. */
function fail(how: Failure, message: string, stack?: string): void {
  if (finished) return;
  finished = true;
  // What the program declared before it stopped is recorded first (some may wait at the gate).
  void flushRegistrations().then(() => send({ kind: "failed", how, message, where: programPosition(stack, job.dirs) }, () => exit(1)));
}

/** An error's message: a RunError's whole (Pulumi's message for users), any other's first line. */
const text = (e: unknown): string =>
  pulumi.RunError.isInstance(e) ? e.message : (e instanceof Error ? e.message || e.name : String(e)).split("\n")[0];
const stackOf = (e: unknown): string | undefined => (e instanceof Error ? e.stack : undefined);

interface PendingRegistration { type?: string; name?: string; label?: string; phase?: string; inputProperty?: string }
/** The SDK's record of registrations still waiting (internal: not in its typings). */
const state = require("@pulumi/pulumi/runtime/state") as { getPendingResourceRegistrations?: () => Map<unknown, PendingRegistration> };

/** What the resources still waiting are waiting for, as Pulumi tracks it. */
function pendingRegistrations(): string {
  const pending = [...(state.getPendingResourceRegistrations?.().values() ?? [])];
  const waits = pending.slice(0, 5).map((r) => {
    const what = r.name && r.type ? `${r.type} "${r.name}"` : r.label ?? "a resource";
    const on = r.phase === "inputs" && r.inputProperty ? `its input "${r.inputProperty}"` : r.phase === "parent" ? "its parent" : r.phase === "inputs" ? "its inputs" : "its dependencies";
    return `${what} waits for ${on}`;
  });
  if (waits.length === 0) return "it waits on a promise nothing will resolve";
  return `it waits on promises nothing will resolve: ${waits.join(", ")}${pending.length > 5 ? `, and ${pending.length - 5} more` : ""}`;
}

// Positions in the program's errors need frames; the SDK's own per-promise traces stay off (record.ts).
Error.stackTraceLimit = 50;
process.on("uncaughtException", (e) => fail("threw", text(e), stackOf(e)));
process.on("unhandledRejection", (e) => fail("rejected", text(e), stackOf(e)));
// Node ran out of work while the program still waits: nothing will ever resolve it.
process.on("beforeExit", () => fail("pending", pendingRegistrations()));
process.exit = ((code?: number | string | null) => {
  const at = new Error();
  fail("exited", `it called process.exit(${code ?? ""})`, at.stack);
  // Stop the code that called it; this process ends once the report is sent.
  throw new ProgramError("process.exit called by the program");
}) as typeof process.exit;
// The plan went away (killed, Ctrl-C): do not live on after it. Unref'd, so it keeps nothing alive.
setInterval(() => { if (!process.connected) exit(1); }, 1000).unref();

send({ kind: "started" });
recordProgram(
  { ...job.run, strictInvokes: false, sdkFor: job.project.dir, keepStacks: true, onResource: (record) => send({ kind: "resource", record }) },
  () => loadFresh(job.project),
).then(
  (rec) => {
    // The mock monitor answers without I/O, so the recording can end in the same turn as a
    // promise of the program rejects: let Node report such rejections first.
    setImmediate(() => setImmediate(() => {
      if (finished) return;
      finished = true;
      // Pulumi's leak report at exit would only repeat what the recording already says.
      process.removeAllListeners("exit");
      send({ kind: "done", notes: rec.notes ?? [] }, () => exit(0));
    }));
  },
  (e) => fail(e instanceof ProgramError ? "invalid" : "threw", e instanceof ProgramError ? e.message : text(e), stackOf(e)),
);
