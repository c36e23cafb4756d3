/**
 * Network security: no security group admits the internet beyond the public web ports, only
 * the entry point admits it at all, and the VPC's default group admits none of it. "The
 * internet" is any spelling of it (../cidr.ts): 0.0.0.0/0, ::/0, their halves, ranges that
 * together cover every address.
 */
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { aws } from "../aws";
import { worldRanges } from "../cidr";
import { asArray, asNumber, asObject, configOf, plain, T, truthy, validateTyped, type ConfigSchema } from "../util";
import { registerPolicy } from "../registry";

export interface IngressConfig {
  readonly publicPorts: number[];
}

const INGRESS_SCHEMA: ConfigSchema = {
  properties: {
    publicPorts: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [80, 443], description: "TCP ports the entry point may open to the internet (0.0.0.0/0, ::/0 or ranges as wide)." },
  },
};

/** One ingress permission, normalised from the three ways AWS resources declare one. */
interface Ingress {
  readonly protocol?: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: string[];
  /** The ranges through which it admits the internet (see ../cidr.ts); empty if none. */
  readonly world: string[];
}

type Permission = Omit<Ingress, "world">;

const strings = (...lists: unknown[]): string[] => lists.flatMap((l) => asArray(l)).filter((c): c is string => typeof c === "string");
const protocolOf = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));

/**
 * The permissions with the internet ranges of each: the ranges of all permissions of one
 * resource for the same protocol and ports count together, so halves split over two inline
 * rules are seen as the whole.
 */
function withWorld(permissions: readonly Permission[]): Ingress[] {
  const key = (p: Permission) => `${p.protocol}|${p.fromPort}|${p.toPort}`;
  return permissions.map((p) => {
    const together = permissions.filter((q) => key(q) === key(p)).flatMap((q) => q.cidrs);
    const world = worldRanges(together);
    return { ...p, world: p.cidrs.filter((c) => world.includes(c)) };
  });
}

/** The inline `ingress` blocks of a security group (or the VPC's default group). */
function inlineIngress(props: Record<string, unknown>): Ingress[] {
  return withWorld(
    asArray(props.ingress).map((r) => {
      const o = asObject(r) ?? {};
      return { protocol: protocolOf(o.protocol), fromPort: asNumber(o.fromPort), toPort: asNumber(o.toPort), cidrs: strings(o.cidrBlocks, o.ipv6CidrBlocks) };
    }),
  );
}

function ingressOf(type: string, props: Record<string, unknown>): Ingress[] {
  if (type === T.securityGroup) return inlineIngress(props);
  if (type === T.securityGroupRule) {
    if (props.type !== "ingress") return [];
    return withWorld([{ protocol: protocolOf(props.protocol), fromPort: asNumber(props.fromPort), toPort: asNumber(props.toPort), cidrs: strings(props.cidrBlocks, props.ipv6CidrBlocks) }]);
  }
  if (type === T.ingressRule) {
    const cidrs = [props.cidrIpv4, props.cidrIpv6].filter((c): c is string => typeof c === "string");
    return withWorld([{ protocol: protocolOf(props.ipProtocol), fromPort: asNumber(props.fromPort), toPort: asNumber(props.toPort), cidrs }]);
  }
  return [];
}

function isTcp(protocol: string | undefined): boolean {
  return protocol === "tcp" || protocol === "6";
}

/** The world-facing permissions of a rule set that go beyond the public TCP ports. */
function tooOpen(rules: readonly Ingress[], publicPorts: readonly number[]): Ingress[] {
  return rules.filter((r) => {
    if (r.world.length === 0) return false;
    if (r.protocol === undefined) return false; // unknown
    if (!isTcp(r.protocol)) return true; // all traffic, UDP, ICMP…
    if (r.fromPort === undefined || r.toPort === undefined) return false; // unknown
    for (let p = r.fromPort; p <= r.toPort; p++) if (!publicPorts.includes(p)) return true;
    return false;
  });
}

function describeIngress(r: Ingress): string {
  const proto = r.protocol === "-1" ? "all traffic" : r.protocol;
  const ports = r.protocol === "-1" ? "" : r.fromPort === r.toPort ? ` port ${r.fromPort}` : ` ports ${r.fromPort}-${r.toPort}`;
  return `${proto}${ports} from ${r.world.join(" and ")}`;
}

export const securityGroupIngress: ResourceValidationPolicy = registerPolicy("security", {
  name: "security-group-ingress",
  description: "No security group (or standalone ingress rule) admits the internet (0.0.0.0/0, ::/0, or ranges as wide, such as their halves) except on the public web ports (TCP 80 and 443 by default).",
  enforcementLevel: "mandatory",
  configSchema: INGRESS_SCHEMA,
  validateResource: (args, report) => {
    if (args.type !== T.securityGroup && args.type !== T.securityGroupRule && args.type !== T.ingressRule) {
      args.notApplicable("not a security group or ingress rule");
    }
    const cfg = configOf<IngressConfig>(INGRESS_SCHEMA, args);
    for (const r of tooOpen(ingressOf(args.type, plain(args.props)), cfg.publicPorts)) {
      report(`Admit the internet to ${args.name} only on TCP ports ${cfg.publicPorts.join(", ")}; it admits ${describeIngress(r)}.`);
    }
  },
});

/** Security groups that admit the world on some port, with the rule resources that open them. */
function worldOpenGroups(resources: readonly PolicyResource[]): Map<string, PolicyResource> {
  const open = new Map<string, PolicyResource>();
  for (const r of resources) {
    const rules = ingressOf(r.type, plain(r.props));
    if (!rules.some((i) => i.world.length > 0)) continue;
    if (r.type === T.securityGroup) open.set(r.urn, r);
    else {
      // A standalone rule's group: the one its securityGroupId comes from (a source group is another input).
      const target = r.propertyDependencies?.securityGroupId;
      for (const d of target?.length ? target : r.dependencies) if (d.type === T.securityGroup) open.set(d.urn, d);
    }
  }
  return open;
}

function hasPublicIp(r: PolicyResource): boolean {
  const props = plain<Record<string, unknown>>(r.props);
  if (r.type === T.launchTemplate) return asArray(props.networkInterfaces).some((n) => truthy(asObject(n)?.associatePublicIpAddress) === true);
  if (r.type === T.instance) return truthy(props.associatePublicIpAddress) === true;
  return false;
}

export const publicIngressEntryPointOnly: StackValidationPolicy = registerPolicy("security", {
  name: "public-ingress-entry-point-only",
  description: "Only the entry point admits the internet: the security groups of internet-facing load balancers, or — in a stack without one — of instances with a public IP. Any other group open to the internet is a violation.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const open = worldOpenGroups(args.resources);
    if (open.size === 0) args.notApplicable("no security group admits the internet");
    const lbs = args.resources.filter((r) => (r.type === T.lb || r.type === T.albLb) && plain<Record<string, unknown>>(r.props).internal !== true);
    const fronts = lbs.length > 0 ? lbs : args.resources.filter(hasPublicIp);
    const entry = new Set(fronts.flatMap((f) => f.dependencies.filter((d) => d.type === T.securityGroup).map((d) => d.urn)));
    const what = lbs.length > 0 ? `the internet-facing load balancer ${lbs.map((l) => l.name).join(", ")}` : fronts.length > 0 ? `the public instances (${fronts.map((f) => f.name).join(", ")})` : "no entry point";
    for (const [urn, sg] of open) {
      if (!entry.has(urn)) report(`Admit the internet only at the entry point (${what}); security group ${sg.name} is open to the internet but does not front it.`, urn);
    }
  },
});

export const defaultSecurityGroupClosed: ResourceValidationPolicy = registerPolicy("security", {
  name: "default-security-group-closed",
  description: "The VPC's default security group (aws.ec2.DefaultSecurityGroup) admits nothing from the internet on any port: resources land in it whenever a group is left out.",
  enforcementLevel: "mandatory",
  validateResource: validateTyped(aws.ec2.DefaultSecurityGroup, (sg, args, report) => {
    for (const r of inlineIngress(sg)) {
      if (r.world.length > 0) report(`Remove the ingress from the internet from default security group ${args.name} (admit only the group itself, or nothing); it admits ${describeIngress(r)}.`);
    }
  }),
});
