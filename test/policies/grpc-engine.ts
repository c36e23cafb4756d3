/**
 * The engine's side of the analyzer protocol, for the end-to-end test of the policy pack.
 *
 * `pulumi preview --policy-pack <dir>` with a Node.js pack does this (pulumi/pulumi,
 * `pkg/resource/plugin/analyzer_plugin.go` and `pkg/resource/analyzer/config.go`):
 *   1. runs the `pulumi-analyzer-policy` shim in <dir>, which resolves
 *      `@pulumi/pulumi/cmd/run-policy-pack` from there and runs it with Node:
 *      `node run-policy-pack <engine address> .` (plus `-key=value` per PulumiPolicy.yaml
 *      runtime option), with PULUMI_CONFIG (the stack's config as JSON) and
 *      PULUMI_NODEJS_PROJECT / _STACK / _ORGANIZATION / _DRY_RUN in the environment;
 *   2. reads the gRPC port from the first line of the process's stdout; later lines are
 *      shown to the user;
 *   3. calls Handshake (UNIMPLEMENTED is fine: older packs), ConfigureStack, GetAnalyzerInfo;
 *   4. reconciles the policy config — each policy's schema defaults, then the pack's
 *      initial config, then `--policy-pack-config <file>` (`"all"` first) — validates every
 *      policy's properties against its `configSchema` and sends the result with Configure;
 *   5. calls Analyze for each resource as it is registered, AnalyzeStack once at the end.
 *
 * run-policy-pack drops the engine address (argv._.shift()) and the engine does not set
 * PULUMI_NODEJS_ENGINE for packs, so a Node pack never calls back: its log lines go to
 * stdout/stderr. The address passed here is therefore only a placeholder.
 */
import { ChildProcess, spawn } from "child_process";
import { createRequire } from "module";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import * as YAML from "yaml";
import type * as GrpcJs from "@grpc/grpc-js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

// The generated stubs check messages with `instanceof` and credentials come from grpc-js: load
// both through @pulumi/pulumi's own resolution so they are the very instances the stubs use.
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof GrpcJs;
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as typeof StructPb;
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as typeof EmptyPb;

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

const LEVELS: Record<pb.EnforcementLevel, EnforcementLevel> = {
  [pb.EnforcementLevel.ADVISORY]: "advisory",
  [pb.EnforcementLevel.MANDATORY]: "mandatory",
  [pb.EnforcementLevel.REMEDIATE]: "remediate",
  [pb.EnforcementLevel.DISABLED]: "disabled",
};
const LEVEL_CODES = Object.fromEntries(Object.entries(LEVELS).map(([code, name]) => [name, Number(code)])) as Record<EnforcementLevel, pb.EnforcementLevel>;

/** The value the engine sends for an input not known until apply (an output of another resource). */
export const UNKNOWN = unknownValue;

/** A secret as the engine marshals it (KeepSecrets): the pack sees the plain value. */
export function secret(value: unknown): Record<string, unknown> {
  return { [specialSigKey]: specialSecretSig, value };
}

/** One resource as the engine describes it to Analyze / AnalyzeStack. */
export interface AnalyzedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Inputs; `undefined` anywhere (not known at preview) is sent as the unknown sentinel. */
  readonly properties: Record<string, unknown>;
  readonly parent?: string;
  readonly dependencies?: readonly string[];
  readonly protect?: boolean;
  readonly deleteBeforeReplace?: boolean;
  readonly ignoreChanges?: readonly string[];
  readonly additionalSecretOutputs?: readonly string[];
  readonly provider?: { readonly urn: string; readonly type: string; readonly name: string; readonly properties: Record<string, unknown> };
}

export interface Diagnostic {
  readonly policyName: string;
  readonly policyPackName: string;
  readonly policyPackVersion: string;
  readonly description: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn: string;
}

export interface AnalyzeResult {
  readonly diagnostics: Diagnostic[];
  readonly notApplicable: { readonly policyName: string; readonly reason: string }[];
}

export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly type: "resource" | "stack" | "unknown";
  readonly configSchema?: { readonly properties: Record<string, Record<string, unknown>>; readonly required: string[] };
}

export interface AnalyzerInfo {
  readonly name: string;
  readonly version: string;
  readonly supportsConfig: boolean;
  readonly policies: PolicyInfo[];
  readonly initialConfig: PolicyPackConfig;
}

/** Reconciled config of one policy, as sent with Configure. */
export interface PolicyConfig {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

/** The contents of a `--policy-pack-config` file: a level, or an object with an optional level. */
export type PolicyPackConfigFile = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;
type PolicyPackConfig = Record<string, { enforcementLevel?: EnforcementLevel; properties?: Record<string, unknown> }>;

/** Invalid policy config, reported per policy as the CLI does before any resource is analyzed. */
export class PolicyConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`policy pack configuration is invalid:\n  ${problems.join("\n  ")}`);
  }
}

export interface LaunchOptions {
  readonly project: string;
  readonly stack: string;
  readonly organization?: string;
  /** The stack's config, `namespace:key` → string, as the CLI passes it in PULUMI_CONFIG. */
  readonly config?: Readonly<Record<string, string>>;
  readonly secretKeys?: readonly string[];
  readonly dryRun?: boolean;
  /** How long the pack may take to print its port (ts-node compiles it first). */
  readonly startTimeoutMs?: number;
}

/** A policy pack running as its own process, spoken to as the engine speaks to it. */
export class PolicyPackProcess {
  private readonly client: AnalyzerClient;

  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
    readonly port: number,
    /** Milliseconds from spawn to the port on stdout: Node start + ts-node compiling the pack. */
    readonly startupMs: number,
    private readonly output: { stdout: string; stderr: string },
    private readonly options: LaunchOptions,
  ) {
    this.client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  /** Starts the pack in `dir` exactly as the CLI's `pulumi-analyzer-policy` shim does. */
  static async launch(dir: string, options: LaunchOptions): Promise<PolicyPackProcess> {
    const packDir = path.resolve(dir);
    const runtimeArgs = policyRuntimeArgs(packDir);
    // The shim runs `require.resolve('@pulumi/pulumi/cmd/run-policy-pack')` with cwd = the pack.
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(options.config ?? {}),
      PULUMI_NODEJS_PROJECT: options.project,
      PULUMI_NODEJS_STACK: options.stack,
      PULUMI_NODEJS_DRY_RUN: String(options.dryRun ?? true),
      PULUMI_PROJECT: options.project,
      PULUMI_STACK: options.stack,
      PULUMI_DRY_RUN: String(options.dryRun ?? true),
      ...(options.organization ? { PULUMI_NODEJS_ORGANIZATION: options.organization, PULUMI_ORGANIZATION: options.organization } : {}),
    };
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [runner, ENGINE_PLACEHOLDER, ".", ...runtimeArgs], {
      cwd: packDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = { stdout: "", stderr: "" };
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (output.stderr += d));
    child.stdout!.setEncoding("utf8");

    const timeoutMs = options.startTimeoutMs ?? 90_000;
    const port = await new Promise<number>((resolve, reject) => {
      let firstLine: string | undefined;
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(new Error(`policy pack ${packDir} ${why}\n--- stdout ---\n${output.stdout}\n--- stderr ---\n${output.stderr}`));
      };
      const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);
      child.once("error", (e) => fail(`could not start: ${e.message}`));
      child.once("exit", (code, signal) => {
        if (firstLine === undefined) fail(`exited (code ${code}, signal ${signal}) before printing its port`);
      });
      child.stdout!.on("data", (d: string) => {
        output.stdout += d;
        const nl = output.stdout.indexOf("\n");
        if (firstLine !== undefined || nl < 0) return;
        firstLine = output.stdout.slice(0, nl).trim();
        clearTimeout(timer);
        // The engine reads the whole first line as the port: anything else printed first breaks it.
        if (!/^\d+$/.test(firstLine)) return fail(`printed ${JSON.stringify(firstLine)} where the engine expects its port`);
        resolve(Number(firstLine));
      });
    });
    const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
    return new PolicyPackProcess(packDir, child, port, startupMs, output, options);
  }

  get stdout(): string {
    return this.output.stdout;
  }
  get stderr(): string {
    return this.output.stderr;
  }
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private call<Req, Res>(method: string, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + 30_000);
      const fn = (this.client as unknown as Record<string, Function>)[method];
      fn.call(this.client, request, new grpc.Metadata(), { deadline }, (err: GrpcJs.ServiceError | null, res: Res) => {
        if (err) reject(Object.assign(new Error(`${method}: ${err.details || err.message}\n--- pack stderr ---\n${this.output.stderr}`), { code: err.code }));
        else resolve(res);
      });
    });
  }

  /** Handshake; returns false when the pack predates it (UNIMPLEMENTED), which the engine tolerates. */
  async handshake(): Promise<boolean> {
    const req = new pb.AnalyzerHandshakeRequest();
    req.setEngineAddress(ENGINE_PLACEHOLDER);
    req.setRootDirectory(this.dir);
    req.setProgramDirectory(this.dir);
    try {
      await this.call("handshake", req);
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === grpc.status.UNIMPLEMENTED) return false;
      throw e;
    }
  }

  async configureStack(tags: Record<string, string> = {}): Promise<void> {
    const o = this.options;
    const req = new pb.AnalyzerStackConfigureRequest();
    req.setStack(o.stack);
    req.setProject(o.project);
    req.setOrganization(o.organization ?? "");
    req.setDryRun(o.dryRun ?? true);
    for (const [k, v] of Object.entries(o.config ?? {})) req.getConfigMap().set(k, v);
    req.setConfigSecretKeysList([...(o.secretKeys ?? [])]);
    for (const [k, v] of Object.entries(tags)) req.getTagsMap().set(k, v);
    await this.call("configureStack", req);
  }

  async getAnalyzerInfo(): Promise<AnalyzerInfo> {
    const res = await this.call<EmptyPb.Empty, pb.AnalyzerInfo>("getAnalyzerInfo", new Empty());
    const initialConfig: PolicyPackConfig = {};
    res.getInitialconfigMap().forEach((v, k) => {
      initialConfig[k] = { enforcementLevel: LEVELS[v.getEnforcementlevel()], properties: v.getProperties()?.toJavaScript() };
    });
    return {
      name: res.getName(),
      version: res.getVersion(),
      supportsConfig: res.getSupportsconfig(),
      initialConfig,
      policies: res.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: LEVELS[p.getEnforcementlevel()],
          type: p.getPolicyType() === pb.PolicyType.POLICY_TYPE_RESOURCE ? "resource" : p.getPolicyType() === pb.PolicyType.POLICY_TYPE_STACK ? "stack" : "unknown",
          ...(schema
            ? { configSchema: { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>, required: schema.getRequiredList() } }
            : {}),
        };
      }),
    };
  }

  /**
   * What the engine does with `--policy-pack-config`: reconcile it with the schema defaults and
   * the pack's initial config, validate it (throws PolicyConfigError), send it with Configure.
   * Returns the config sent. Configure replaces the pack's whole config each time.
   */
  async configure(info: AnalyzerInfo, file: PolicyPackConfigFile = {}): Promise<Record<string, PolicyConfig>> {
    const config = reconcilePolicyPackConfig(info, parsePolicyPackConfigFile(file));
    const req = new pb.ConfigureAnalyzerRequest();
    for (const [name, c] of Object.entries(config)) {
      // analyzer.Configure refuses the whole config over one entry without a valid level: a key
      // the pack does not know (no default level) that the file gives no "enforcementLevel".
      if (!VALID_LEVELS.includes(c.enforcementLevel)) {
        throw new Error(`configuring policy pack "${info.name}" at "${this.dir}": invalid enforcement level ${JSON.stringify(c.enforcementLevel ?? "")} (policy "${name}")`);
      }
      const pc = new pb.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_CODES[c.enforcementLevel]);
      pc.setProperties(Struct.fromJavaScript(c.properties as never)); // the engine always sends a Struct
      req.getPolicyconfigMap().set(name, pc);
    }
    await this.call("configure", req);
    return config;
  }

  async analyze(r: AnalyzedResource): Promise<AnalyzeResult> {
    const req = new pb.AnalyzeRequest();
    req.setUrn(r.urn);
    req.setType(r.type);
    req.setName(r.name);
    req.setProperties(toStruct(r.properties));
    req.setOptions(resourceOptions(r));
    if (r.provider) req.setProvider(providerResource(r.provider));
    return toResult(await this.call<pb.AnalyzeRequest, pb.AnalyzeResponse>("analyze", req));
  }

  async analyzeStack(resources: readonly AnalyzedResource[]): Promise<AnalyzeResult> {
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList(
      resources.map((r) => {
        const ar = new pb.AnalyzerResource();
        ar.setUrn(r.urn);
        ar.setType(r.type);
        ar.setName(r.name);
        ar.setProperties(toStruct(r.properties));
        ar.setOptions(resourceOptions(r));
        if (r.provider) ar.setProvider(providerResource(r.provider));
        if (r.parent) ar.setParent(r.parent);
        ar.setDependenciesList([...(r.dependencies ?? [])]);
        return ar;
      }),
    );
    return toResult(await this.call<pb.AnalyzeStackRequest, pb.AnalyzeResponse>("analyzeStack", req));
  }

  /** Closes the connection and ends the process (SIGTERM, then SIGKILL after 2 s). */
  async stop(): Promise<void> {
    this.client.close();
    if (!this.running) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => this.child.kill("SIGKILL"), 2_000);
      this.child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      this.child.kill("SIGTERM");
    });
  }
}

const ENGINE_PLACEHOLDER = "127.0.0.1:0";

/** `-key=value` per PulumiPolicy.yaml runtime option, as the engine appends them. */
function policyRuntimeArgs(packDir: string): string[] {
  const file = path.join(packDir, "PulumiPolicy.yaml");
  if (!fs.existsSync(file)) throw new Error(`${packDir}: no PulumiPolicy.yaml (the CLI refuses such a --policy-pack)`);
  const doc = (YAML.parse(fs.readFileSync(file, "utf8")) ?? {}) as { runtime?: string | { name?: string; options?: Record<string, unknown> } };
  const runtime = typeof doc.runtime === "string" ? { name: doc.runtime } : doc.runtime ?? {};
  if (runtime.name !== "nodejs") throw new Error(`${file}: runtime ${JSON.stringify(runtime.name)}; this harness runs nodejs packs`);
  return Object.entries(runtime.options ?? {})
    .map(([k, v]) => [k, v === undefined || v === null ? "" : String(v)])
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `-${k}=${v}`);
}

/** JSON-like value with `undefined` (unknown at preview) replaced by the engine's sentinel. */
function marshal(value: unknown): unknown {
  if (value === undefined) return UNKNOWN;
  if (Array.isArray(value)) return value.map(marshal);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, marshal(v)]));
  return value;
}

function toStruct(props: Record<string, unknown>): StructPb.Struct {
  return Struct.fromJavaScript(marshal(props) as never);
}

function resourceOptions(r: AnalyzedResource): pb.AnalyzerResourceOptions {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(r.protect ?? false);
  o.setIgnorechangesList([...(r.ignoreChanges ?? [])]);
  o.setAdditionalsecretoutputsList([...(r.additionalSecretOutputs ?? [])]);
  if (r.deleteBeforeReplace !== undefined) {
    o.setDeletebeforereplace(r.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(true);
  }
  if (r.parent) o.setParent(r.parent);
  o.setCustomtimeouts(new pb.AnalyzerResourceOptions.CustomTimeouts());
  return o;
}

function providerResource(p: NonNullable<AnalyzedResource["provider"]>): pb.AnalyzerProviderResource {
  const pr = new pb.AnalyzerProviderResource();
  pr.setUrn(p.urn);
  pr.setType(p.type);
  pr.setName(p.name);
  pr.setProperties(toStruct(p.properties));
  return pr;
}

function toResult(res: pb.AnalyzeResponse): AnalyzeResult {
  return {
    diagnostics: res.getDiagnosticsList().map((d) => ({
      policyName: d.getPolicyname(),
      policyPackName: d.getPolicypackname(),
      policyPackVersion: d.getPolicypackversion(),
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()],
      urn: d.getUrn(),
    })),
    notApplicable: res.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
  };
}

const VALID_LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The CLI's parsePolicyPackConfig: a level string or an object whose enforcementLevel is lifted out. */
export function parsePolicyPackConfigFile(file: PolicyPackConfigFile): PolicyPackConfig {
  const out: PolicyPackConfig = {};
  for (const [name, value] of Object.entries(file)) {
    let enforcementLevel: EnforcementLevel | undefined;
    let properties: Record<string, unknown> | undefined;
    if (typeof value === "string") {
      enforcementLevel = value;
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      const { enforcementLevel: el, ...rest } = value;
      enforcementLevel = el;
      if (Object.keys(rest).length > 0) properties = rest;
    } else {
      throw new PolicyConfigError([`parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`]);
    }
    if (enforcementLevel !== undefined && !VALID_LEVELS.includes(enforcementLevel)) {
      throw new PolicyConfigError([`parsing enforcement level for "${name}": "${enforcementLevel}" is not a valid enforcement level`]);
    }
    if (enforcementLevel === undefined && properties === undefined) continue;
    out[name] = { enforcementLevel, properties };
  }
  return out;
}

/** The CLI's ReconcilePolicyPackConfig: schema defaults < initial config < given config, then validated. */
export function reconcilePolicyPackConfig(info: AnalyzerInfo, given: PolicyPackConfig): Record<string, PolicyConfig> {
  const result: Record<string, PolicyConfig> = {};
  for (const p of info.policies) {
    const defaults: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) if ("default" in s) defaults[k] = s.default;
    result[p.name] = { enforcementLevel: p.enforcementLevel, properties: defaults };
  }
  const apply = (config: PolicyPackConfig) => {
    const all = config.all?.enforcementLevel;
    if (all) for (const k of Object.keys(result)) result[k] = { ...result[k], enforcementLevel: all };
    for (const [name, c] of Object.entries(config)) {
      // A name the pack does not declare starts with no level ("" in the CLI) and no defaults.
      const current = result[name] ?? { enforcementLevel: undefined as unknown as EnforcementLevel, properties: {} };
      result[name] = {
        enforcementLevel: c.enforcementLevel ?? current.enforcementLevel,
        properties: { ...current.properties, ...(c.properties ?? {}) },
      };
    }
  };
  apply(info.initialConfig);
  apply(given);
  // "all" and names the pack does not declare stay in the map (validated by nobody) and are
  // sent with Configure; the pack ignores names it does not know.
  const problems: string[] = [];
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const p of info.policies) {
    if (!p.configSchema) continue;
    const schema = {
      type: "object",
      ...(Object.keys(p.configSchema.properties).length > 0 ? { properties: p.configSchema.properties } : {}),
      ...(p.configSchema.required.length > 0 ? { required: p.configSchema.required } : {}),
    };
    const validate = ajv.compile(schema);
    if (!validate(result[p.name].properties)) {
      for (const e of validate.errors ?? []) problems.push(`${p.name}: ${e.instancePath ? `${e.instancePath.slice(1)}: ` : ""}${e.message}`);
    }
  }
  if (problems.length > 0) throw new PolicyConfigError(problems);
  return result;
}
