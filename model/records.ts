/**
 * What the recorder captures of one program run: every resource the program registers, as
 * the Pulumi engine would see it at preview time. Cost, diff and policies read only this.
 */

/** One registered resource (custom or component). */
export interface ResourceRecord {
  /** Pulumi URN, e.g. `urn:pulumi:prod::cutlist::cutlist:app:App$aws:lb/loadBalancer:LoadBalancer::app-alb`. */
  readonly urn: string;
  /** Type token, e.g. `aws:lb/loadBalancer:LoadBalancer`, `pulumi-nodejs:dynamic/neon:Project`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Parent URN; undefined for resources directly under the stack. */
  readonly parent?: string;
  /** True for provider-managed resources, false for components. */
  readonly custom: boolean;
  /**
   * Inputs as the program declared them. Values not known at preview time (outputs of
   * other resources) are `undefined`; secrets are unwrapped to their plain value.
   */
  readonly inputs: Record<string, unknown>;
  /** Resource options that matter for review and safety. */
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: readonly string[];
  readonly replaceOnChanges: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  /**
   * URN of the explicit provider resource the resource was given (`provider:` option, or
   * inherited from its parent's `providers`), e.g. an `aws.Provider` for another region;
   * undefined for the default provider, which takes the stack's config (`aws:region`).
   */
  readonly provider?: string;
  /** URNs this resource depends on (explicit `dependsOn` plus input dependencies). */
  readonly dependencies: readonly string[];
  /**
   * Which inputs the dependencies came through (input key → URNs), as the engine's
   * `propertyDependencies`: tells a bucket policy's `bucket` from the buckets its text names.
   * Absent when no input depends on another resource (or the source does not say).
   */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  /** The top-level component this resource belongs to (e.g. "app", "cache"); undefined at top level. */
  readonly component?: string;
  /**
   * Registered as a remote (multi-language) component, e.g. `awsx:ec2:Vpc`: a provider plugin
   * creates its children, so a program run under mocks never sees them. Such a component is
   * priced through the children plan/remoteComponents.ts expands it into; one left without
   * children is "not priced", never free. Engine states (preview JSON, stack exports) hold the
   * children themselves and never set it.
   */
  readonly remote?: boolean;
}

/** The result of running one program for one stack configuration. */
export interface Recording {
  readonly project: string;
  readonly stack: string;
  /** Config the program ran with (`namespace:key` → string, as Pulumi passes it). */
  readonly config: Readonly<Record<string, string>>;
  readonly resources: readonly ResourceRecord[];
  /** What the plan should say about how complete the recording is (e.g. data sources taken as unknown). */
  readonly notes?: readonly string[];
}
