/**
 * `awsx:lb:ApplicationLoadBalancer` and `awsx:lb:NetworkLoadBalancer` → the load balancer,
 * its default target group, its listeners and (application only) its default security
 * group, from the args and awsx's defaults: pulumi/pulumi-awsx at
 * e60adf3cf01f3ac03cc6bc846cdd0df320afed23 (2026-08-20), `awsx/lb/applicationLoadBalancer.ts`
 * and `awsx/lb/networkLoadBalancer.ts`.
 */
import type { ResourceRecord } from "../../model/records";
import { Children, UNKNOWN } from "./children";
import { CannotExpand, listArg, objectArg, without, type Expansion } from "./expander";

const T = {
  lb: "aws:lb/loadBalancer:LoadBalancer",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  listener: "aws:lb/listener:Listener",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
} as const;

/** The component's own args; the rest go to `aws.lb.LoadBalancer` as they are. */
const OWN_ARGS = ["subnetIds", "subnets", "defaultTargetGroup", "defaultTargetGroupPort", "defaultSecurityGroup", "listener", "listeners"];

/** The security group awsx opens by default (applicationLoadBalancer.ts, marked "TO-DO … review"). */
const OPEN_SECURITY_GROUP = {
  ingress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
  egress: [{ fromPort: 0, toPort: 65535, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
};

interface Placement {
  /** `subnets` of the load balancer: the ids given, one unknown id per subnet resource given, or unknown (the default VPC's public subnets). */
  readonly subnets?: { subnets: unknown };
  /** Said when the subnets (so the zones billed for public addresses) are not known. */
  readonly note?: string;
}

/** Where the load balancer goes: exactly one of subnetIds, subnets, subnetMappings, or the default VPC. */
function placement(args: Record<string, unknown>): Placement {
  const given = ["subnetIds", "subnets", "subnetMappings"].filter((k) => k in args);
  if (given.length > 1) throw new CannotExpand("awsx rejects it: only one of [subnets], [subnetIds] or [subnetMappings] can be specified");
  if ("subnets" in args) {
    const subnets = listArg(args, "subnets")!;
    return { subnets: { subnets: subnets.map(() => UNKNOWN) } };
  }
  if ("subnetIds" in args) return { subnets: { subnets: args.subnetIds } };
  if ("subnetMappings" in args) return {};
  // No placement: awsx takes the default VPC's public subnets, which only AWS knows.
  return { subnets: { subnets: UNKNOWN }, note: "no subnets given: awsx uses the default VPC's public subnets (one per zone), so the zones billed for public IPv4 addresses are the pricer's assumption" };
}

function checkOneOf(args: Record<string, unknown>, a: string, b: string): void {
  if (a in args && b in args) throw new CannotExpand(`awsx rejects it: only one of ${a} and ${b} can be provided`);
}

/** A listener's port and protocol, one derived from the other (applicationLoadBalancer.ts `getListenerProtocol`). */
function listenerProtocol(listener: Record<string, unknown> | undefined, defaultPort?: unknown): Record<string, unknown> | undefined {
  if (listener) {
    const { port, protocol } = listener;
    if (port !== undefined && protocol !== undefined) return { port, protocol };
    if (port !== undefined) return { port, protocol: port === 443 ? "HTTPS" : typeof port === "number" ? "HTTP" : UNKNOWN };
    if (protocol !== undefined) return { protocol, port: protocol === "HTTPS" ? 443 : typeof protocol === "string" ? 80 : UNKNOWN };
    if ("port" in listener || "protocol" in listener) return { port: UNKNOWN, protocol: UNKNOWN };
  }
  return { port: defaultPort ?? 80, protocol: "HTTP" };
}

/**
 * The default target group's and lone listener's protocol (applicationLoadBalancer.ts
 * `getDefaultProtocol`): from `listener`; with `listeners`, from the first unless there is
 * exactly one (then none); else port `defaultTargetGroupPort ?? 80`, HTTP.
 */
function defaultProtocol(args: Record<string, unknown>, listener: Record<string, unknown> | undefined, listeners: unknown[] | undefined): Record<string, unknown> | undefined {
  let from = listener;
  if (listeners) {
    if (listeners.length === 1) return undefined;
    from = listeners[0] as Record<string, unknown> | undefined;
  }
  return listenerProtocol(from, args.defaultTargetGroupPort);
}

function listenersOf(args: Record<string, unknown>): { listener?: Record<string, unknown>; listeners?: Record<string, unknown>[] } {
  checkOneOf(args, "listener", "listeners");
  const listener = objectArg(args, "listener");
  const listeners = listArg(args, "listeners");
  listeners?.forEach((l, i) => {
    if (!l || typeof l !== "object" || Array.isArray(l)) throw new CannotExpand(`listeners[${i}] is not an object`);
  });
  return { listener, listeners: listeners as Record<string, unknown>[] | undefined };
}

/** What both load balancers start from: their args (checked), placement, listeners and children. */
function loadBalancerStart(component: ResourceRecord) {
  const args = component.inputs;
  const where = placement(args);
  const { listener, listeners } = listenersOf(args);
  checkOneOf(args, "defaultTargetGroup", "defaultTargetGroupPort");
  return { args, name: component.name, where, listener, listeners, out: new Children(component) };
}

export function expandAwsxApplicationLoadBalancer(component: ResourceRecord): Expansion {
  const { args, name, where, listener, listeners, out } = loadBalancerStart(component);
  const lbArgs: Record<string, unknown> = { ...without(args, OWN_ARGS), ...where.subnets };

  let securityGroup: ResourceRecord | undefined;
  const sgOptions = objectArg(args, "defaultSecurityGroup");
  if (!("securityGroups" in args) && sgOptions?.skip !== true) {
    if (sgOptions && "args" in sgOptions && "securityGroupId" in sgOptions) throw new CannotExpand("awsx rejects it: only one of defaultSecurityGroup args or securityGroupId can be specified");
    if (sgOptions && "securityGroupId" in sgOptions) {
      lbArgs.securityGroups = [sgOptions.securityGroupId];
    } else {
      const sgArgs = sgOptions && "args" in sgOptions ? sgOptions.args : { vpcId: UNKNOWN, ...OPEN_SECURITY_GROUP };
      if (!sgArgs || typeof sgArgs !== "object") throw new CannotExpand("defaultSecurityGroup.args is not an object");
      securityGroup = out.add(component, T.securityGroup, name, sgArgs as Record<string, unknown>);
      lbArgs.securityGroups = [UNKNOWN];
    }
  }
  // "this is an application loadbalancer so we set this explicitly".
  lbArgs.loadBalancerType = "application";
  const lb = out.add(component, T.lb, name, lbArgs, { dependsOn: securityGroup ? [securityGroup] : [] });

  const protocol = defaultProtocol(args, listener, listeners);
  const defaultTargetGroup = objectArg(args, "defaultTargetGroup");
  const targetGroup = out.add(component, T.targetGroup, name, { vpcId: UNKNOWN, targetType: "ip", ...protocol, ...defaultTargetGroup });
  const defaultActions = [{ type: "forward", targetGroupArn: UNKNOWN }];
  const dependsOn = [lb, targetGroup];
  if (listeners) {
    listeners.forEach((l, i) => out.add(component, T.listener, `${name}-${i}`, { defaultActions, ...listenerProtocol(l), ...l, loadBalancerArn: UNKNOWN }, { dependsOn }));
  } else {
    out.add(component, T.listener, `${name}-0`, { defaultActions, ...protocol, ...listener, loadBalancerArn: UNKNOWN }, { dependsOn });
  }
  const n = listeners?.length ?? 1;
  return { children: out.records, summary: `load balancer, ${securityGroup ? "a default security group open to the internet, " : ""}a default target group, ${n} listener${n === 1 ? "" : "s"}${where.note ? `; ${where.note}` : ""}` };
}

export function expandAwsxNetworkLoadBalancer(component: ResourceRecord): Expansion {
  const { args, name, where, listener, listeners, out } = loadBalancerStart(component);
  // "enableHttp2 is not valid in NLB", "idleTimeout is not valid in NLB": awsx sets both.
  const lb = out.add(component, T.lb, name, { ...without(args, OWN_ARGS), ...where.subnets, loadBalancerType: "network", enableHttp2: false, idleTimeout: 0 });
  const defaultTargetGroup = objectArg(args, "defaultTargetGroup");
  const targetGroup = out.add(component, T.targetGroup, name, { vpcId: UNKNOWN, protocol: "TCP", port: args.defaultTargetGroupPort ?? 80, ...defaultTargetGroup });
  const defaultActions = [{ type: "forward", targetGroupArn: UNKNOWN }];
  const dependsOn = [lb, targetGroup];
  const all = listeners ?? [listener ?? {}];
  all.forEach((l, i) => out.add(component, T.listener, `${name}-${i}`, { defaultActions, protocol: "TCP", port: 80, ...l, loadBalancerArn: UNKNOWN }, { dependsOn }));
  return { children: out.records, summary: `network load balancer, a default target group (TCP), ${all.length} listener${all.length === 1 ? "" : "s"}${where.note ? `; ${where.note}` : ""}` };
}
