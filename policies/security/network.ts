/** Network security: no security group admits the internet beyond the public web ports, and only the entry point admits it at all. */
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { asArray, asNumber, asObject, configOf, plain, T, truthy, type ConfigSchema } from "../util";
import { registerPolicy } from "../registry";

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

export interface IngressConfig {
  readonly publicPorts: number[];
}

const INGRESS_SCHEMA: ConfigSchema = {
  properties: {
    publicPorts: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [80, 443], description: "TCP ports the entry point may open to 0.0.0.0/0 and ::/0." },
  },
};

/** One ingress permission, normalised from the three ways AWS resources declare one. */
interface Ingress {
  readonly protocol?: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: string[];
}

function ingressOf(type: string, props: Record<string, unknown>): Ingress[] {
  if (type === T.securityGroup) {
    return asArray(props.ingress).map((r) => {
      const o = asObject(r) ?? {};
      return { protocol: o.protocol === undefined ? undefined : String(o.protocol), fromPort: asNumber(o.fromPort), toPort: asNumber(o.toPort), cidrs: [...asArray(o.cidrBlocks), ...asArray(o.ipv6CidrBlocks)].filter((c): c is string => typeof c === "string") };
    });
  }
  if (type === T.securityGroupRule) {
    if (props.type !== "ingress") return [];
    return [{ protocol: props.protocol === undefined ? undefined : String(props.protocol), fromPort: asNumber(props.fromPort), toPort: asNumber(props.toPort), cidrs: [...asArray(props.cidrBlocks), ...asArray(props.ipv6CidrBlocks)].filter((c): c is string => typeof c === "string") }];
  }
  if (type === T.ingressRule) {
    const cidrs = [props.cidrIpv4, props.cidrIpv6].filter((c): c is string => typeof c === "string");
    return [{ protocol: props.ipProtocol === undefined ? undefined : String(props.ipProtocol), fromPort: asNumber(props.fromPort), toPort: asNumber(props.toPort), cidrs }];
  }
  return [];
}

function isTcp(protocol: string | undefined): boolean {
  return protocol === "tcp" || protocol === "6";
}

/** The world-facing permissions of a rule set that go beyond the public TCP ports. */
function tooOpen(rules: readonly Ingress[], publicPorts: readonly number[]): Ingress[] {
  return rules.filter((r) => {
    if (!r.cidrs.some((c) => WORLD.has(c))) return false;
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
  return `${proto}${ports} from ${r.cidrs.filter((c) => WORLD.has(c)).join(" and ")}`;
}

export const securityGroupIngress: ResourceValidationPolicy = registerPolicy("security", {
  name: "security-group-ingress",
  description: "No security group (or standalone ingress rule) admits 0.0.0.0/0 or ::/0 except on the public web ports (TCP 80 and 443 by default).",
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
    if (!rules.some((i) => i.cidrs.some((c) => WORLD.has(c)))) continue;
    if (r.type === T.securityGroup) open.set(r.urn, r);
    else for (const d of r.dependencies) if (d.type === T.securityGroup) open.set(d.urn, d);
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
  description: "Only the entry point admits the internet: the security groups of internet-facing load balancers, or — in a stack without one — of instances with a public IP. Any other group open to 0.0.0.0/0 is a violation.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const open = worldOpenGroups(args.resources);
    if (open.size === 0) args.notApplicable("no security group admits the internet");
    const lbs = args.resources.filter((r) => (r.type === T.lb || r.type === T.albLb) && plain<Record<string, unknown>>(r.props).internal !== true);
    const fronts = lbs.length > 0 ? lbs : args.resources.filter(hasPublicIp);
    const entry = new Set(fronts.flatMap((f) => f.dependencies.filter((d) => d.type === T.securityGroup).map((d) => d.urn)));
    const what = lbs.length > 0 ? `the internet-facing load balancer ${lbs.map((l) => l.name).join(", ")}` : fronts.length > 0 ? `the public instances (${fronts.map((f) => f.name).join(", ")})` : "no entry point";
    for (const [urn, sg] of open) {
      if (!entry.has(urn)) report(`Admit the internet only at the entry point (${what}); security group ${sg.name} is open to 0.0.0.0/0 but does not front it.`, urn);
    }
  },
});
