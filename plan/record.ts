/**
 * The recorder: runs a Pulumi program for one stack configuration under Pulumi's mock runtime
 * in preview mode and returns every resource it registers (type, name, parent, inputs,
 * options). Nothing leaves the machine: no engine, no cloud, no credentials. Our own program
 * runs in this process; any other program runs in a child process of its own
 * (record-foreign.ts), so one that never settles, exits or crashes cannot take the plan with it.
 *
 * Preview semantics as the real engine has them: a resource's outputs are its known inputs,
 * and everything the cloud computes (ids, ARNs, DNS names) is unknown, so it appears as
 * `undefined` in the inputs of the resources that use it.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "@pulumi/pulumi/output";
import type { Recording, ResourceRecord } from "../model/records";
import { ProjectError, readProject, readStackConfig, SECRET_PLACEHOLDER, type ProjectInfo } from "./stackFiles";
import { answerInvoke, answers } from "./dataSources";
import { answerUnknownInvokes } from "./unknownInvokes";
import { ProgramError } from "./programError";
import { recordInChild, DEFAULT_TIMEOUT_SECONDS } from "./record-foreign";
import { REPO_ROOT } from "./root";

/** Signature key Pulumi's wire format marks secrets with (`{sig: SECRET_SIG, value}`). */
const SECRET_SIG = pulumi.runtime.specialSigKey;
const SECRET_VALUE = pulumi.runtime.specialSecretSig;

/**
 * Replaces preview-unknown values with undefined and known secrets with a placeholder, so no
 * plan output ever shows one.
 */
function known(value: unknown): unknown {
  if (isUnknown(value)) return undefined;
  // A resource passed to a remote component arrives as a reference, which the SDK rebuilds into
  // a Resource object: its id or URN is what the engine would see, and at preview it is unknown.
  if (pulumi.Resource.isInstance(value) || pulumi.Output.isInstance(value)) return undefined;
  if (value && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIG] === SECRET_VALUE) {
    const inner = known((value as { value: unknown }).value);
    return inner === undefined ? undefined : SECRET_PLACEHOLDER;
  }
  if (Array.isArray(value)) return value.map(known);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = known(v);
    return out;
  }
  return value;
}

/** The explicit provider a registration names, as a full URN; none for a default provider. */
function providerOf(ref: string, fullUrn: ReadonlyMap<string, { urn: string }>): { provider?: string } {
  if (!ref) return {};
  const urn = ref.slice(0, ref.lastIndexOf("::"));
  if (/::pulumi:providers:[^:]+::default(_[0-9_]+)?$/.test(urn)) return {};
  return { provider: fullUrn.get(urn)?.urn ?? urn };
}

/** The inputs that depend on other resources (input key → full URNs); nothing when none does. */
function propertyDependenciesOf(req: Record<string, (...args: any[]) => any>, fullUrn: ReadonlyMap<string, { urn: string }>): { propertyDependencies?: Record<string, string[]> } {
  const out: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps: { getUrnsList(): string[] }, key: string) => {
    const urns = deps.getUrnsList().map((d) => fullUrn.get(d)?.urn ?? d);
    if (urns.length) out[key] = urns;
  });
  return Object.keys(out).length ? { propertyDependencies: out } : {};
}

export interface RunOptions {
  readonly project: string;
  readonly stack: string;
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys?: readonly string[];
  /**
   * Provider functions the recorder does not know: throw (default, for our own program, which
   * must not call one unnoticed) or answer them as unknown and say so in the recording's notes.
   */
  readonly strictInvokes?: boolean;
  /** A program directory whose own `@pulumi/pulumi` must resolve to ours while it runs. */
  readonly sdkFor?: string;
  /** Called with each resource as it is registered (the child streams them to the plan). */
  readonly onResource?: (record: ResourceRecord) => void;
  /**
   * Keep stack traces while the program runs, so its errors can name their file and line
   * (default false: our own program runs faster without them).
   */
  readonly keepStacks?: boolean;
}

const SERIALIZER = require.resolve("@pulumi/pulumi/runtime/closure/serializeClosure");

/**
 * Makes the SDK's closure serializer (which `pulumi.dynamic.Resource` requires lazily) return
 * an empty function text until the returned restore function runs.
 */
function stubProviderSerializer(): () => void {
  const stub = async () => ({ text: "", containsSecrets: false });
  const loaded = require.cache[SERIALIZER];
  if (loaded) {
    const real = loaded.exports.serializeFunction;
    loaded.exports.serializeFunction = stub;
    return () => { loaded.exports.serializeFunction = real; };
  }
  require.cache[SERIALIZER] = { id: SERIALIZER, filename: SERIALIZER, loaded: true, exports: { serializeFunction: stub } } as unknown as NodeJS.Module;
  return () => { delete require.cache[SERIALIZER]; };
}

/**
 * Turns off the SDK's per-promise debugging aid until the returned restore function runs. For
 * its leak report at exit it gives every internal promise (dozens per resource: one per output
 * property and step) an id, a label, a stack trace, a set entry and two more promises; at
 * 10,000 resources that was a third of a recording's time and memory. A recording needs no leak
 * report: the child names the registrations still waiting itself (record-worker.ts).
 */
function plainPromises(): () => void {
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: (p: Promise<unknown>, ctx: unknown) => Promise<unknown> };
  const real = debuggable.debuggablePromise;
  debuggable.debuggablePromise = (p) => p;
  return () => { debuggable.debuggablePromise = real; };
}

/**
 * Makes the SDK create a resource's output properties when the program first reads them, until
 * the returned restore function runs. The SDK makes an Output for every property of a resource
 * the moment it is constructed (~30 per AWS resource, ~4 KB each, each waiting on the
 * registration): a program that declares 10,000 resources in a loop held 1.3 GB of them before
 * the first registration, though it reads a handful. Each property is made by the SDK's own
 * code on first read, and resolved with what its registration answered (now or later), so a
 * program sees the same Outputs. Before the SDK serialises a function (a Lambda callback),
 * which captures resources with all their properties, every property is made, so it finds
 * the resources as they would be without this.
 */
function outputsOnFirstRead(): () => void {
  const rpc = require("@pulumi/pulumi/runtime/rpc") as { transferProperties: TransferProperties };
  const runtime = require("@pulumi/pulumi/runtime") as Record<"serializeFunction" | "serializeFunctionAsync", (...args: unknown[]) => unknown>;
  const real = rpc.transferProperties;
  const serializers = { serializeFunction: runtime.serializeFunction, serializeFunctionAsync: runtime.serializeFunctionAsync };
  const made = new Set<LazyOutputs>();
  rpc.transferProperties = (onto, label, props) => {
    // The SDK asks for the resource's explicit dependencies next, in this same call.
    gate.next = true;
    const lazy: LazyOutputs = { onto, label, props, real, resolvers: {}, answers: {} };
    lazies.set(onto, lazy);
    made.add(lazy);
    const resolvers: Record<string, Resolver> = {};
    for (const k of Object.keys(props)) {
      if (k === "id" || k === "urn") continue;
      // The SDK's own check (a resource class that declares a property twice).
      if (Object.prototype.hasOwnProperty.call(onto, k)) throw new Error(`Property '${k}' is already initialized on target '${label}`);
      resolvers[k] = (...args) => {
        const resolve = lazy.resolvers[k];
        if (resolve) resolve(...args);
        else lazy.answers[k] ??= args;
      };
      Object.defineProperty(onto, k, accessorFor(k));
    }
    return resolvers;
  };
  for (const name of ["serializeFunction", "serializeFunctionAsync"] as const) {
    runtime[name] = (...args) => {
      for (const lazy of made) makeAll(lazy);
      made.clear();
      return serializers[name](...args);
    };
  }
  return () => {
    rpc.transferProperties = real;
    Object.assign(runtime, serializers);
  };
}

type Resolver = (...args: unknown[]) => void;
type TransferProperties = (onto: object, label: string, props: Record<string, unknown>) => Record<string, Resolver>;

/** A resource's output properties not read yet, and the answers they will be resolved with. */
interface LazyOutputs {
  readonly onto: object;
  readonly label: string;
  readonly props: Record<string, unknown>;
  readonly real: TransferProperties;
  /** The SDK's resolvers of the properties made so far. */
  readonly resolvers: Record<string, Resolver>;
  /** What the registration answered for properties not made yet. */
  readonly answers: Record<string, unknown[]>;
}

/** Each resource's lazy state, out of its own properties (a function serialiser walks those). */
const lazies = new WeakMap<object, LazyOutputs>();

/** The lazy state of the resource `self` is (or inherits from). */
function lazyOf(self: object): LazyOutputs {
  for (let o: object | null = self; o; o = Object.getPrototypeOf(o)) {
    const lazy = lazies.get(o);
    if (lazy) return lazy;
  }
  throw new Error("internal error: a lazy output property outside its resource");
}

/** Makes property `k` of the resource now, with the SDK's own code; returns it. */
function make(lazy: LazyOutputs, k: string): unknown {
  const onto = lazy.onto as Record<string, unknown>;
  delete onto[k];
  const resolve = lazy.real(onto, lazy.label, { [k]: lazy.props[k] })[k];
  lazy.resolvers[k] = resolve;
  const answer = lazy.answers[k];
  if (answer) {
    delete lazy.answers[k];
    resolve(...answer);
  }
  return onto[k];
}

/** Makes every property of the resource not made yet. */
function makeAll(lazy: LazyOutputs): void {
  for (const k of Object.keys(lazy.props)) {
    if (Object.getOwnPropertyDescriptor(lazy.onto, k)?.get === accessors.get(k)?.get) make(lazy, k);
  }
}

/** One getter and setter per property name, shared by every resource (no closures per resource). */
const accessors = new Map<string, PropertyDescriptor>();

function accessorFor(k: string): PropertyDescriptor {
  let accessor = accessors.get(k);
  if (accessor) return accessor;
  accessor = {
    enumerable: true,
    configurable: true,
    get(this: object) {
      return make(lazyOf(this), k);
    },
    set(this: object, value: unknown) {
      Object.defineProperty(lazyOf(this).onto, k, { value, writable: true, enumerable: true, configurable: true });
    },
  };
  accessors.set(k, accessor);
  return accessor;
}

/** The registrations let through the gate in one turn of the event loop. */
const REGISTRATIONS_PER_TURN = 250;

/** See registrationsInTurns. */
const gate = { next: false, passed: 0, waiting: [] as (() => void)[], turnEnds: false };

/** A new turn: the registrations waiting go through, up to the turn's share. */
function newTurn(): void {
  gate.turnEnds = false;
  gate.passed = 0;
  for (const pass of gate.waiting.splice(0, REGISTRATIONS_PER_TURN)) {
    gate.passed++;
    pass();
  }
  if (gate.waiting.length > 0) endTurnSoon();
}

function endTurnSoon(): void {
  if (gate.turnEnds) return;
  gate.turnEnds = true;
  setImmediate(newTurn);
}

/**
 * Lets every registration waiting at the gate through now, and resolves once they have
 * reached the recorder (as far as they can): a program that stopped early is reported with
 * everything it declared before.
 */
export function flushRegistrations(): Promise<void> {
  for (const pass of gate.waiting.splice(0)) pass();
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Lets custom resources' registrations proceed a few hundred per turn of the event loop, in
 * the order the program declared them, until the returned restore function runs. The SDK
 * registers each resource through a dozen promise steps; a program that declares 10,000 in a
 * loop had every one at each step at once, so each step's objects outlived a young-generation
 * collection and were copied, then promoted (most of a recording's time went to the
 * collector). A turn ends once every promise that can settle has: a registration waiting for
 * another resource waits as before, and the next turn lets more through, so nothing waits on
 * the gate for long and none forever.
 */
function registrationsInTurns(): () => void {
  const dependsOn = require("@pulumi/pulumi/runtime/dependsOn") as { gatherExplicitDependencies: (deps: unknown) => Promise<unknown> };
  const real = dependsOn.gatherExplicitDependencies;
  // Each recording starts a turn of its own, whatever ran before it in this process.
  gate.passed = 0;
  dependsOn.gatherExplicitDependencies = (deps) => {
    // Only the first call of a custom resource's registration (flagged in transferProperties) waits.
    if (!gate.next) return real(deps);
    gate.next = false;
    endTurnSoon();
    if (gate.passed < REGISTRATIONS_PER_TURN && gate.waiting.length === 0) {
      gate.passed++;
      return real(deps);
    }
    return new Promise<void>((resolve) => gate.waiting.push(resolve)).then(() => real(deps));
  };
  return () => {
    dependsOn.gatherExplicitDependencies = real;
    gate.next = false;
  };
}

/**
 * Runs `program` under mocks with the given config and returns what it registered.
 * Runs are queued, one at a time (the Pulumi runtime is process-global), so callers may
 * start several at once.
 */
export function recordProgram(opts: RunOptions, program: () => unknown): Promise<Recording> {
  const run = recordings.then(() => (opts.sdkFor === undefined ? recordOne(opts, program) : withOurSdk(opts.sdkFor, () => recordOne(opts, program))));
  recordings = run.catch(() => undefined);
  return run;
}

/** The runs in flight, in order: the Pulumi runtime and its mocks are process-global. */
let recordings: Promise<unknown> = Promise.resolve();

/** "aws:foo/getBar:getBar ×2, aws:baz/getQux:getQux": the tokens answered as unknown. */
function tokenCounts(tokens: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, n]) => (n > 1 ? `${t} ×${n}` : t)).join(", ");
}

async function recordOne(opts: RunOptions, program: () => unknown): Promise<Recording> {
  const region = opts.config["aws:region"] ?? "us-east-1";
  const resources: ResourceRecord[] = [];
  const strict = opts.strictInvokes ?? true;
  const unknownInvokes: string[] = [];

  await pulumi.runtime.setMocks({
    call: ({ token, inputs }) => {
      const result = answerInvoke(token, inputs as Record<string, unknown>, region);
      if (result !== undefined) return result;
      if (strict) throw new Error(`Mock not implemented: ${token}`);
      // Reached only past the invoke functions (answerUnknownInvokes), e.g. a provider's method.
      unknownInvokes.push(token);
      return {};
    },
    // Preview: known inputs flow on as outputs; ids and computed attributes stay unknown.
    newResource: ({ inputs, custom }) => ({ id: undefined, state: custom ? inputs : {} }),
  }, opts.project, opts.stack, true);
  pulumi.runtime.setAllConfig({ ...opts.config }, [...(opts.secretKeys ?? [])]);

  // The mock monitor does not pass parents or options to `newResource`, and its URNs name only
  // the immediate parent's type: read the request and build the engine's full URNs instead.
  type Req = Record<string, () => unknown>;
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: Req, cb: unknown): unknown;
    newUrn(parent: string, type: string, name: string): string;
  };
  const register = monitor.registerResource.bind(monitor);
  const fullUrn = new Map<string, { urn: string; typeChain: string; component?: string }>();
  const registered = new Set<string>();
  const duplicates: { type: string; name: string; urn: string }[] = [];
  monitor.registerResource = (req: Req, cb: unknown) => {
    const mockParent = req.getParent() as string;
    const type = req.getType() as string;
    const name = req.getName() as string;
    const parent = mockParent ? fullUrn.get(mockParent) : undefined;
    const typeChain = parent ? `${parent.typeChain}$${type}` : type;
    const urn = `urn:pulumi:${opts.stack}::${opts.project}::${typeChain}::${name}`;
    // The engine refuses a second registration of one URN ("Duplicate resource URN").
    if (registered.has(urn)) {
      duplicates.push({ type, name, urn });
      return register(req, cb);
    }
    registered.add(urn);
    // The top-level component a resource sits under: `cutlist:app:App` → "app".
    const component = parent ? parent.component : req.getCustom() ? undefined : type.split(":")[1];
    fullUrn.set(monitor.newUrn(mockParent, type, name), { urn, typeChain, component });
    const inputs = known(pulumi.runtime.deserializeProperties(req.getObject() as never)) as Record<string, unknown>;
    delete inputs.__provider; // a dynamic provider's serialised code
    const record: ResourceRecord = {
      urn,
      type,
      name,
      parent: parent?.urn,
      custom: req.getCustom() as boolean,
      inputs,
      protect: Boolean(req.getProtect()),
      retainOnDelete: Boolean(req.getRetainondelete()),
      deleteBeforeReplace: Boolean(req.getDeletebeforereplace()),
      ignoreChanges: req.getIgnorechangesList() as string[],
      replaceOnChanges: req.getReplaceonchangesList() as string[],
      additionalSecretOutputs: req.getAdditionalsecretoutputsList() as string[],
      // A provider reference is "<urn>::<id>"; the default provider's URN names `pulumi:providers:<pkg>::default…`.
      ...providerOf(req.getProvider() as string, fullUrn),
      dependencies: (req.getDependenciesList() as string[]).map((d) => fullUrn.get(d)?.urn ?? d),
      ...propertyDependenciesOf(req, fullUrn),
      component,
      // A remote component's children are created by its provider plugin, out of our sight.
      ...(req.getRemote() ? { remote: true } : {}),
    };
    resources.push(record);
    opts.onResource?.(record);
    return register(req, cb);
  };

  // A dynamic provider's code is serialised into its `__provider` input, which the recording
  // drops: skip the work (~0.4 s for the Neon providers). test/neon checks they serialise.
  const restoreSerializer = stubProviderSerializer();
  // Functions the recorder cannot answer give an unknown result (strict runs throw instead).
  const restoreInvokes = strict ? () => undefined : answerUnknownInvokes(answers, (token) => unknownInvokes.push(token));
  // The SDK captures a full stack trace per resource (for source positions) and per internal
  // promise (for leak reports); under ts-node each is source-mapped, which was ~80 % of a
  // recording's time. The plan needs neither, so both are off while the program runs; a
  // foreign program keeps the traces of its errors, which name its file and line.
  const resourceClass = pulumi.Resource as unknown as { callsites: () => unknown[] };
  const callsites = resourceClass.callsites;
  const stackTraceLimit = Error.stackTraceLimit;
  resourceClass.callsites = () => [];
  const restoreDebuggable = plainPromises();
  const restoreOutputs = outputsOnFirstRead();
  const restoreGate = registrationsInTurns();
  if (!opts.keepStacks) Error.stackTraceLimit = 0;
  try {
    await program();
  } finally {
    // Wait until every registration (including those inside applies) has been answered.
    try {
      await pulumi.runtime.disconnect();
    } finally {
      resourceClass.callsites = callsites;
      Error.stackTraceLimit = stackTraceLimit;
      restoreDebuggable();
      restoreOutputs();
      restoreGate();
      restoreInvokes();
      restoreSerializer();
    }
  }
  if (duplicates.length > 0) {
    const d = duplicates[0];
    throw new ProgramError(`${d.type} "${d.name}" is declared twice (${d.urn}); a resource's type and name must be unique in its parent, the engine refuses the program ("Duplicate resource URN")${duplicates.length > 1 ? `; ${duplicates.length - 1} more duplicate(s)` : ""}`);
  }
  const notes = unknownInvokes.length === 0 ? [] : [
    `${unknownInvokes.length} provider function call(s) the offline recorder cannot answer were taken as unknown (${tokenCounts(unknownInvokes)}): ` +
      "inputs built from them are unknown, and resources a program creates per item of their results are missing",
  ];
  return { project: opts.project, stack: opts.stack, config: { ...opts.config }, resources, ...(notes.length ? { notes } : {}) };
}

export interface RecordStackOptions {
  /** Program directory; default: this repository. */
  readonly dir?: string;
  readonly stack: string;
  /** Plan at another milestone than the stack file names (sets `<project>:milestone`). */
  readonly milestone?: string;
  /** Extra config values on top of the stack file (`namespace:key` → string). */
  readonly config?: Readonly<Record<string, string>>;
  /** Seconds another program may run before it is stopped (default DEFAULT_TIMEOUT_SECONDS). */
  readonly timeoutSeconds?: number;
}

const OUR_DIR = REPO_ROOT;
/** Our program's entry point, as a project's Pulumi.yaml `main` resolves to it. */
const OUR_MAIN = path.join(REPO_ROOT, "stacks", "index.ts");

/**
 * Records a stack of a program directory. Our own program runs here, through `defineStack`
 * with its config checked first (a `ConfigError` propagates); any other program runs in a
 * child process (a `ProgramError` when it fails, exits, or outlives its time).
 */
export async function recordStack(options: RecordStackOptions): Promise<Recording> {
  const project = readProject(options.dir ?? OUR_DIR);
  const { config, secretKeys } = readStackConfig(project, options.stack);
  if (options.milestone !== undefined) config[`${project.name}:milestone`] = options.milestone;
  Object.assign(config, options.config ?? {});
  const run = { project: project.name, stack: options.stack, config, secretKeys };

  // Our program: this repository, or another project directory whose entry is our program
  // (a stack file kept elsewhere); it runs here and its ConfigError names the key.
  if (project.dir === OUR_DIR || project.main === OUR_MAIN) {
    // Checked before the mocks start, so a bad config declares nothing.
    const { parseStackConfig } = await import("../stacks/config");
    const { defineStack } = await import("../stacks/program");
    const cfg = parseStackConfig(config, { project: project.name, stack: options.stack });
    return recordProgram(run, () => defineStack(cfg));
  }
  if (!project.main) throw new ProjectError(`${project.dir}: no program entry (Pulumi.yaml "main", or index.ts / index.js)`);
  return recordInChild(project, run, options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
}

/**
 * The mocks live in this process's copy of @pulumi/pulumi. A program directory with its own
 * node_modules would load a second copy that never heard of them (and would look for an
 * engine), so while it is recorded, its files (and its packages') `require("@pulumi/pulumi…")`
 * resolve to ours.
 */
export async function withOurSdk<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const loader = require("module") as { _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string };
  const original = loader._resolveFilename;
  const inside = dir + path.sep;
  loader._resolveFilename = function (this: unknown, request, parent, ...rest) {
    if (/^@pulumi\/pulumi(\/|$)/.test(request) && parent?.filename?.startsWith(inside)) return require.resolve(request);
    try {
      return original.call(this, request, parent, ...rest);
    } catch (e) {
      // An ES-module TypeScript program imports its own files as "./x.js", which tsc maps to
      // x.ts; compiled to CommonJS here, the .ts file is what exists.
      const fromProgram = parent?.filename?.startsWith(inside) && !parent.filename.includes(`${path.sep}node_modules${path.sep}`);
      if (fromProgram && /^\.\.?\/.*\.[cm]?js$/.test(request)) {
        try {
          return original.call(this, request.replace(/\.([cm]?)js$/, ".$1ts"), parent, ...rest);
        } catch {
          // not a TypeScript file either: the original error stands
        }
      }
      throw e;
    }
  };
  try {
    return await run();
  } finally {
    loader._resolveFilename = original;
  }
}

/** Loads a foreign program's entry module with its own files taken from disk again. */
export function loadFresh(project: ProjectInfo): unknown {
  if (!project.main) throw new ProjectError(`${project.dir}: no program entry (Pulumi.yaml "main", or index.ts / index.js)`);
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(project.dir + path.sep) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[key];
  }
  // The entry itself may live outside the directory (an absolute `main`): it must run again too.
  delete require.cache[project.main];
  // Started from the compiled dist/ tree nothing compiles TypeScript yet: Pulumi's nodejs
  // runtime runs .ts programs through ts-node, and so do we.
  if (/\.[cm]?ts$/.test(project.main) && !require.extensions[".ts"]) {
    // A program in an ES-module package ("type": "module") is compiled to CommonJS too, as
    // Pulumi's ts-node runtime does: its imports of ES-only packages load through Node's require(esm).
    (require("ts-node") as typeof import("ts-node")).register({ transpileOnly: true, skipProject: true, compilerOptions: { module: "commonjs", target: "ES2022", esModuleInterop: true }, moduleTypes: { "**/*": "cjs" } });
  }
  // Pulumi also accepts a module that exports a (possibly async) function as the program.
  const mod = require(project.main) as unknown;
  const fn = typeof mod === "function" ? mod : (mod as { default?: unknown } | null)?.default;
  return typeof fn === "function" ? (fn as () => unknown)() : mod;
}
