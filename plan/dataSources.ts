/**
 * Offline answers for the provider functions (data sources) programs call at preview time.
 * A real preview reads them from the account; here each common one gets a result of the real
 * shape (ids in AWS's formats, derived from the arguments so two lookups differ), so code that
 * reads `zones.names[0]`, `org.roots[0].id` or `vpc.id` goes on and the resources built from
 * them are recorded. Values an account alone could know (a parameter's value, a key's id) are
 * Pulumi's unknown, as a preview shows values it cannot know.
 *
 * Tokens are those of @pulumi/aws (v7; v5/v6 spellings where programs still use them).
 * Functions not listed here are answered by the recorder as wholly unknown (see record.ts).
 */
import { createHash } from "crypto";
import { unknown } from "@pulumi/pulumi/output";
import { policyDocument } from "./policyDocument";

type Json = Record<string, unknown>;

/** The fake account every answer belongs to. */
export const PREVIEW_ACCOUNT = "123456789012";

/** `n` hex digits derived from the arguments: stable per lookup, different between lookups. */
function hex(seed: unknown, n: number): string {
  return createHash("sha256").update(JSON.stringify(seed ?? null)).digest("hex").slice(0, n);
}

/**
 * The region part of AWS zone ids (`use1-az1`, `euw1-az2`, `apse2-az1`): the country code,
 * the direction's initials and the number.
 */
function zoneIdPrefix(region: string): string {
  const m = /^([a-z]+)-([a-z]+)-(\d+)$/.exec(region);
  if (!m) return region;
  const direction: Record<string, string> = { north: "n", south: "s", east: "e", west: "w", central: "c", northeast: "ne", northwest: "nw", southeast: "se", southwest: "sw" };
  return `${m[1]}${direction[m[2]] ?? m[2][0]}${m[3]}`;
}

const zones = (region: string) => ["a", "b", "c"].map((z) => `${region}${z}`);
const zoneIds = (region: string) => [1, 2, 3].map((n) => `${zoneIdPrefix(region)}-az${n}`);

/**
 * The account that writes ELB access logs, per region (AWS, "Enable access logs for your
 * Application Load Balancer", docs.aws.amazon.com/elasticloadbalancing/latest/application/
 * enable-access-logging.html, read 2026-11-30); the data source returns its root ARN.
 */
const ELB_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980", "us-west-2": "797873946194",
  "ca-central-1": "985666609251", "sa-east-1": "507241528517",
  "eu-central-1": "054676820928", "eu-west-1": "156460612806", "eu-west-2": "652711504416", "eu-west-3": "009996457667", "eu-north-1": "897822967062",
  "ap-east-1": "754344448648", "ap-northeast-1": "582318560864", "ap-northeast-2": "600734575887", "ap-northeast-3": "383597477331",
  "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266", "ap-south-1": "718504428378", "me-south-1": "076674570225",
};

/** The value of an argument filter (`filters: [{ name, values }]`), if given. */
function filterValue(args: Json, name: string): string | undefined {
  const filters = Array.isArray(args.filters) ? (args.filters as Json[]) : Array.isArray(args.filter) ? (args.filter as Json[]) : [];
  const f = filters.find((x) => x.name === name);
  return Array.isArray(f?.values) ? String(f!.values[0]) : undefined;
}

function ami(args: Json, region: string): Json {
  const id = `ami-0${hex(args, 16)}`;
  const arch = filterValue(args, "architecture") ?? (/arm64|graviton|aarch64/i.test(JSON.stringify(args)) ? "arm64" : "x86_64");
  const name = filterValue(args, "name")?.replace(/\*/g, "preview") ?? `preview-image-${hex(args, 6)}`;
  return {
    id, imageId: id, arn: `arn:aws:ec2:${region}::image/${id}`, name, architecture: arch,
    ownerId: Array.isArray(args.owners) && args.owners.length ? String(args.owners[0]) : "137112412989",
    imageOwnerAlias: "amazon", imageLocation: `amazon/${name}`, description: name, platformDetails: "Linux/UNIX",
    rootDeviceName: "/dev/xvda", rootDeviceType: "ebs", rootSnapshotId: `snap-0${hex([args, "snap"], 16)}`,
    virtualizationType: "hvm", hypervisor: "xen", enaSupport: true, state: "available", public: true,
    creationDate: "2026-01-01T00:00:00.000Z", usageOperation: "RunInstances", tags: {},
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volume_size: "8", volume_type: "gp3", encrypted: "false", delete_on_termination: "true" }, noDevice: "", virtualName: "" }],
    mostRecent: args.mostRecent ?? false,
  };
}

function vpc(args: Json, region: string): Json {
  const id = typeof args.id === "string" ? args.id : `vpc-0${hex(args, 16)}`;
  const isDefault = args.default === true || Object.keys(args).every((k) => args[k] === undefined);
  const cidr = typeof args.cidrBlock === "string" ? args.cidrBlock : isDefault ? "172.31.0.0/16" : "10.0.0.0/16";
  return {
    id, arn: `arn:aws:ec2:${region}:${PREVIEW_ACCOUNT}:vpc/${id}`, cidrBlock: cidr, default: isDefault, state: "available",
    ownerId: PREVIEW_ACCOUNT, instanceTenancy: "default", enableDnsSupport: true, enableDnsHostnames: isDefault,
    mainRouteTableId: `rtb-0${hex([id, "rtb"], 16)}`, dhcpOptionsId: `dopt-0${hex([id, "dopt"], 16)}`,
    cidrBlockAssociations: [{ associationId: `vpc-cidr-assoc-0${hex([id, "assoc"], 16)}`, cidrBlock: cidr, state: "associated" }],
    ipv6AssociationId: "", ipv6CidrBlock: "", tags: (args.tags as Json) ?? {},
  };
}

function subnetIds(args: Json, region: string): string[] {
  return zones(region).map((z) => `subnet-0${hex([args, z], 16)}`);
}

function subnet(args: Json, region: string): Json {
  const zone = typeof args.availabilityZone === "string" ? args.availabilityZone : `${region}a`;
  const id = typeof args.id === "string" ? args.id : `subnet-0${hex(args, 16)}`;
  const vpcId = typeof args.vpcId === "string" ? args.vpcId : `vpc-0${hex({ default: true }, 16)}`;
  return {
    id, arn: `arn:aws:ec2:${region}:${PREVIEW_ACCOUNT}:subnet/${id}`, vpcId, availabilityZone: zone,
    availabilityZoneId: zoneIds(region)[Math.max(0, zones(region).indexOf(zone))], cidrBlock: typeof args.cidrBlock === "string" ? args.cidrBlock : "172.31.0.0/20",
    defaultForAz: args.defaultForAz ?? true, mapPublicIpOnLaunch: true, assignIpv6AddressOnCreation: false,
    availableIpAddressCount: 4091, state: "available", ownerId: PREVIEW_ACCOUNT, tags: (args.tags as Json) ?? {},
    ipv6CidrBlock: "", ipv6CidrBlockAssociationId: "", outpostArn: "", customerOwnedIpv4Pool: "", enableDns64: false,
    enableResourceNameDnsARecordOnLaunch: false, enableResourceNameDnsAaaaRecordOnLaunch: false, ipv6Native: false,
    mapCustomerOwnedIpOnLaunch: false, privateDnsHostnameTypeOnLaunch: "ip-name",
  };
}

function securityGroup(args: Json, region: string): Json {
  const id = typeof args.id === "string" ? args.id : `sg-0${hex(args, 16)}`;
  return {
    id, arn: `arn:aws:ec2:${region}:${PREVIEW_ACCOUNT}:security-group/${id}`, name: typeof args.name === "string" ? args.name : "default",
    description: "default VPC security group", vpcId: typeof args.vpcId === "string" ? args.vpcId : `vpc-0${hex({ default: true }, 16)}`,
    tags: (args.tags as Json) ?? {},
  };
}

function hostedZone(args: Json): Json {
  const name = typeof args.name === "string" ? args.name.replace(/\.$/, "") : "example.com";
  const zoneId = typeof args.zoneId === "string" ? args.zoneId : `Z${hex(args, 20).toUpperCase()}`;
  return {
    id: zoneId, zoneId, name, arn: `arn:aws:route53:::hostedzone/${zoneId}`, privateZone: args.privateZone ?? false,
    callerReference: hex([args, "ref"], 12), comment: "", resourceRecordSetCount: 2, tags: (args.tags as Json) ?? {},
    nameServers: [`ns-1.awsdns-01.org`, `ns-2.awsdns-02.co.uk`, `ns-3.awsdns-03.com`, `ns-4.awsdns-04.net`],
    primaryNameServer: "ns-1.awsdns-01.org", linkedServiceDescription: "", linkedServicePrincipal: "", vpcId: args.vpcId ?? "",
  };
}

function ssmParameter(args: Json, region: string): Json {
  const name = String(args.name ?? "");
  // AWS's public parameters of current AMI ids (/aws/service/…/image_id, …/ami-…): an AMI id.
  const isAmi = /^\/aws\/service\/.*(ami|image)/i.test(name);
  const amiId = `ami-0${hex(name, 16)}`;
  // ECS's `…/recommended` parameter holds a JSON object about the image.
  const value = !isAmi ? unknown : /\/recommended$/.test(name) ? JSON.stringify({ image_id: amiId, image_name: "preview-ecs-optimized", os: "Amazon Linux 2", ecs_runtime_version: "Docker version 25", ecs_agent_version: "1.90.0" }) : amiId;
  return {
    id: name, name, arn: `arn:aws:ssm:${region}:${PREVIEW_ACCOUNT}:parameter${name.startsWith("/") ? "" : "/"}${name}`,
    type: "String", value, insecureValue: value, version: 1, withDecryption: args.withDecryption ?? true,
  };
}

function organization(): Json {
  const orgId = `o-${hex("org", 10)}`;
  const master = { id: PREVIEW_ACCOUNT, arn: `arn:aws:organizations::${PREVIEW_ACCOUNT}:account/${orgId}/${PREVIEW_ACCOUNT}`, email: "preview@example.com", name: "management", status: "ACTIVE" };
  return {
    id: orgId, arn: `arn:aws:organizations::${PREVIEW_ACCOUNT}:organization/${orgId}`, featureSet: "ALL",
    masterAccountId: PREVIEW_ACCOUNT, masterAccountArn: master.arn, masterAccountEmail: master.email, masterAccountName: master.name,
    roots: [{ id: `r-${hex("root", 4)}`, arn: `arn:aws:organizations::${PREVIEW_ACCOUNT}:root/${orgId}/r-${hex("root", 4)}`, name: "Root", policyTypes: [] }],
    accounts: [master], nonMasterAccounts: [], awsServiceAccessPrincipals: [], enabledPolicyTypes: [],
  };
}

function uuid(seed: unknown): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Answers by token; each gets the call's arguments and the stack's region. */
const ANSWERS: Readonly<Record<string, (args: Json, region: string) => Json>> = {
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_, region) => ({ id: region, names: zones(region), zoneIds: zoneIds(region), groupNames: [region] }),
  "aws:index/getAvailabilityZone:getAvailabilityZone": (args, region) => {
    const name = typeof args.name === "string" ? args.name : `${region}a`;
    const i = Math.max(0, zones(region).indexOf(name));
    return { id: name, name, zoneId: zoneIds(region)[i], region, nameSuffix: name.slice(region.length), state: "available", groupName: region, networkBorderGroup: region, optInStatus: "opt-in-not-required", zoneType: "availability-zone" };
  },
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({ id: PREVIEW_ACCOUNT, accountId: PREVIEW_ACCOUNT, arn: `arn:aws:iam::${PREVIEW_ACCOUNT}:user/preview`, userId: "AIDPREVIEW" }),
  "aws:index/getRegion:getRegion": (_, region) => ({ id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region }),
  "aws:index/getPartition:getPartition": () => ({ id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" }),
  "aws:iam/getSessionContext:getSessionContext": (args) => ({ id: String(args.arn ?? ""), arn: String(args.arn ?? ""), issuerArn: String(args.arn ?? ""), issuerId: "AROAPREVIEW", issuerName: "preview", sessionName: "" }),
  "aws:ec2/getAmi:getAmi": ami,
  "aws:index/getAmi:getAmi": ami,
  "aws:ec2/getAmiIds:getAmiIds": (args, region) => ({ id: region, ids: [ami(args, region).id] }),
  "aws:ec2/getVpc:getVpc": vpc,
  "aws:ec2/getVpcs:getVpcs": (args, region) => ({ id: region, ids: [vpc(args, region).id] }),
  "aws:ec2/getSubnet:getSubnet": subnet,
  "aws:ec2/getSubnets:getSubnets": (args, region) => ({ id: region, ids: subnetIds(args, region) }),
  "aws:ec2/getSubnetIds:getSubnetIds": (args, region) => ({ id: String(args.vpcId ?? region), vpcId: args.vpcId, ids: subnetIds(args, region) }),
  "aws:ec2/getSecurityGroup:getSecurityGroup": securityGroup,
  "aws:ec2/getSecurityGroups:getSecurityGroups": (args, region) => {
    const sg = securityGroup(args, region);
    return { id: region, ids: [sg.id], arns: [sg.arn], vpcIds: [sg.vpcId] };
  },
  "aws:iam/getPolicyDocument:getPolicyDocument": (args) => policyDocument(args),
  "aws:elb/getServiceAccount:getServiceAccount": (args, region) => {
    const r = typeof args.region === "string" ? args.region : region;
    const account = ELB_ACCOUNTS[r] ?? ELB_ACCOUNTS["us-east-1"];
    return { id: account, arn: `arn:aws:iam::${account}:root`, region: r };
  },
  "aws:elasticloadbalancing/getServiceAccount:getServiceAccount": (args, region) => ANSWERS["aws:elb/getServiceAccount:getServiceAccount"](args, region),
  "aws:route53/getZone:getZone": (args) => hostedZone(args),
  "aws:acm/getCertificate:getCertificate": (args, region) => {
    const arn = `arn:aws:acm:${region}:${PREVIEW_ACCOUNT}:certificate/${uuid(args)}`;
    return { id: arn, arn, domain: args.domain, status: "ISSUED", statuses: args.statuses, keyTypes: args.keyTypes, types: args.types, mostRecent: args.mostRecent ?? false, certificate: unknown, certificateChain: unknown, tags: {} };
  },
  "aws:organizations/getOrganization:getOrganization": () => organization(),
  "aws:ssm/getParameter:getParameter": ssmParameter,
  "aws:kms/getAlias:getAlias": (args, region) => {
    const name = String(args.name ?? "alias/preview");
    const keyId = uuid(name);
    return { id: `arn:aws:kms:${region}:${PREVIEW_ACCOUNT}:${name}`, arn: `arn:aws:kms:${region}:${PREVIEW_ACCOUNT}:${name}`, name, targetKeyId: keyId, targetKeyArn: `arn:aws:kms:${region}:${PREVIEW_ACCOUNT}:key/${keyId}` };
  },
};

/** True when the recorder has an answer of the real shape for this provider function. */
export function answers(token: string): boolean {
  return Object.prototype.hasOwnProperty.call(ANSWERS, token);
}

/** The answer for a call, or undefined when the token is not one the recorder knows. */
export function answerInvoke(token: string, args: Json, region: string): Json | undefined {
  return answers(token) ? ANSWERS[token](args ?? {}, region) : undefined;
}
