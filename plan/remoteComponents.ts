/**
 * Remote components, expanded. A program recorded under mocks registers a remote component
 * (awsx v2+: `awsx:ec2:Vpc`, `awsx:lb:ApplicationLoadBalancer`, …) but never sees what its
 * provider creates, so a default `awsx.ec2.Vpc` (three NAT gateways) would plan as $0.00.
 * This puts back the children awsx's provider would register, from the component's args and
 * awsx's documented defaults (plan/remote/awsx*.ts), under the component's URN.
 *
 * Applied to a recording after it is made, and only to remote components without children:
 * engine states (`--preview-json`, `--state`) already hold the real children and carry no
 * remote flag, so nothing is expanded twice. A remote component left unexpanded (an unknown
 * type, args unknown at preview, a configuration awsx itself rejects) stays in the recording
 * and is priced as "not priced: contents unknown", never as free.
 */
import type { Recording, ResourceRecord } from "../model/records";
import { opaqueRemoteComponents } from "../model/remote";
import { expandAwsxEcrRepository } from "./remote/awsxEcr";
import { expandAwsxEc2Service, expandAwsxEc2TaskDefinition, expandAwsxFargateService, expandAwsxFargateTaskDefinition } from "./remote/awsxEcs";
import { expandAwsxApplicationLoadBalancer, expandAwsxNetworkLoadBalancer } from "./remote/awsxLb";
import { expandAwsxVpc } from "./remote/awsxVpc";
import { CannotExpand, type Expander } from "./remote/expander";

/** The remote component types this plan can expand, by type token. */
export const EXPANDERS: ReadonlyMap<string, Expander> = new Map<string, Expander>([
  ["awsx:ec2:Vpc", expandAwsxVpc],
  ["awsx:lb:ApplicationLoadBalancer", expandAwsxApplicationLoadBalancer],
  ["awsx:lb:NetworkLoadBalancer", expandAwsxNetworkLoadBalancer],
  ["awsx:ecs:FargateService", expandAwsxFargateService],
  ["awsx:ecs:EC2Service", expandAwsxEc2Service],
  ["awsx:ecs:FargateTaskDefinition", expandAwsxFargateTaskDefinition],
  ["awsx:ecs:EC2TaskDefinition", expandAwsxEc2TaskDefinition],
  ["awsx:ecr:Repository", expandAwsxEcrRepository],
]);

export interface ExpandedRecording {
  readonly recording: Recording;
  /** One line per remote component: what it was expanded into, or why it was not. */
  readonly notes: readonly string[];
}

/** The recording with every expandable remote component's children after it (a new recording; the input is not changed). */
export function expandRemoteComponents(recording: Recording): ExpandedRecording {
  const opaque = opaqueRemoteComponents(recording.resources);
  if (opaque.size === 0) return { recording, notes: [] };
  const region = recording.config["aws:region"] ?? "us-east-1";
  const notes: string[] = [];
  const resources: ResourceRecord[] = [];
  for (const record of recording.resources) {
    resources.push(record);
    if (!opaque.has(record.urn)) continue;
    const expand = EXPANDERS.get(record.type);
    if (!expand) {
      notes.push(`${record.type} ${record.name}: a remote component this plan cannot expand: not priced (its contents are unknown)`);
      continue;
    }
    try {
      const result = expand(record, { region });
      resources.push(...result.children);
      const custom = result.children.filter((c) => c.custom).length;
      notes.push(`${record.type} ${record.name}: priced as the ${custom} resources awsx creates for it: ${result.summary}`);
    } catch (e) {
      if (!(e instanceof CannotExpand)) throw e;
      notes.push(`${record.type} ${record.name}: not priced: ${e.message}`);
    }
  }
  return { recording: { ...recording, resources }, notes };
}
