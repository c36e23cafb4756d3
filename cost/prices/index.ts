/**
 * Typed access to the price files beside this module. Every block in the JSON carries its
 * source and retrieval/publication date; this module only reads them (never /work/shared).
 *
 * Prices are looked up by region. A region the cited data does not cover answers undefined,
 * and the pricer then says "no price for <region>": a price is never borrowed from another
 * region. Blocks that hold only us-east-1 figures answer for us-east-1 alone.
 */
import ec2 from "./aws-ec2.json";
import ec2Regions from "./aws-ec2-regions.json";
import elasticache from "./aws-elasticache.json";
import services from "./aws-services.json";
import serverless from "./aws-serverless.json";
import databases from "./aws-databases.json";
import containers from "./aws-containers.json";
import network from "./aws-network.json";
import efsBackup from "./aws-efs-backup.json";
import neon from "./neon.json";

/** The region assumed when neither a provider nor the stack config names one. */
export const DEFAULT_REGION = "us-east-1";

export interface Tier {
  /** Upper bound of the tier in units (cumulative); null = no bound. */
  readonly upTo: number | null;
  readonly price: number;
}

/** The entry for `region` of a map keyed by region code, or undefined when the data has none. */
function inRegion<T>(byRegion: Readonly<Record<string, T>>, region: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(byRegion, region) ? byRegion[region] : undefined;
}

/** A block whose source gives us-east-1 prices only. */
function usEast1Only<T>(block: T, region: string): T | undefined {
  return region === "us-east-1" ? block : undefined;
}

/**
 * A region of the commercial AWS partition (not China, GovCloud or the isolated partitions),
 * for prices AWS publishes as the same in every commercial region (public IPv4, FIS).
 */
export function isCommercialRegion(region: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) && !/^(cn|us-gov|us-iso[a-z]?)-/.test(region);
}

/**
 * Prices that do not depend on the resource's region: CloudFront (priced at its US/Europe
 * edge rates; see the distribution pricer) and Neon. Everything regional is read through the
 * functions below, which take the region.
 */
export const PRICES = {
  cloudfront: services.cloudfront,
  /** CloudFront flat-rate plans: a monthly fee per distribution, global. */
  cloudfrontFlatRate: network.cloudfront_flat_rate_plans,
  neon: neon.plans,
  /** AWS Budgets and the Cost Explorer API: global services, billed per account. */
  costManagement: network.cost_management,
} as const;

/** Where each price block comes from, for reports and the README. */
export const PRICE_SOURCES: Readonly<Record<string, { source: string; retrieved: string }>> = {
  ec2: ec2Regions.ec2_on_demand["us-east-1"],
  ebs: ec2Regions.ebs["us-east-1"],
  publicIpv4: ec2Regions.public_ipv4.all_commercial_regions,
  dataTransfer: ec2Regions.data_transfer_out,
  elasticacheRedis: elasticache.redis,
  elasticacheValkey: elasticache.valkey,
  elasticacheBackup: elasticache.backup_storage,
  elasticacheServerless: databases.elasticache_serverless["us-east-1"],
  alb: services.alb,
  cloudfront: services.cloudfront,
  cloudfrontFlatRate: network.cloudfront_flat_rate_plans,
  s3: services.s3,
  sqs: services.sqs,
  cloudwatch: services.cloudwatch,
  natGateway: ec2Regions.nat_gateway["us-east-1"],
  fis: services.fis,
  lambda: serverless.lambda["us-east-1"],
  lambdaByRegion: serverless.lambda.by_region,
  apiGateway: serverless.api_gateway["us-east-1"],
  stepFunctions: serverless.step_functions["us-east-1"],
  stepFunctionsByRegion: serverless.step_functions.standard_by_region,
  sns: serverless.sns["us-east-1"],
  eventbridge: serverless.eventbridge["us-east-1"],
  kinesis: serverless.kinesis_data_streams["us-east-1"],
  secretsManager: serverless.secrets_manager["us-east-1"],
  kms: serverless.kms["us-east-1"],
  dynamodb: databases.dynamodb["us-east-1"],
  rdsPostgres: databases.rds["us-east-1"].postgres,
  rdsMysql: databases.rds["us-east-1"].mysql,
  rdsStorage: databases.rds["us-east-1"].storage,
  auroraInstances: databases.aurora["us-east-1"].instances,
  auroraServerlessV2: databases.aurora["us-east-1"].serverless_v2,
  auroraStorage: databases.aurora["us-east-1"].storage,
  memorydb: databases.memorydb["us-west-2"],
  redshift: databases.redshift["us-east-1"],
  opensearch: databases.opensearch["us-east-1"].instances,
  opensearchStorage: databases.opensearch["us-east-1"].storage,
  fargate: containers.fargate["us-east-1"],
  eks: containers.eks["us-east-1"],
  ecr: containers.ecr["us-east-1"],
  route53: network.route53.global,
  vpcEndpoints: network.vpc_endpoints["us-east-1"],
  transitGateway: network.transit_gateway["us-east-1"],
  efs: efsBackup.efs["us-east-1"],
  neon,
  costManagement: network.cost_management,
};

// ---- EC2 and its neighbours (aws-ec2-regions.json; the older aws-ec2.json holds the same us-east-1 figures)

/** EC2 on-demand Linux prices per instance-hour in `region`, by instance type. */
export function ec2Prices(region: string): Readonly<Record<string, number>> | undefined {
  return inRegion(ec2Regions.ec2_on_demand as Record<string, { prices: Record<string, number> }>, region)?.prices;
}

/** EC2 on-demand Linux price per instance-hour, or undefined when the region or type is not in our data. */
export function ec2HourlyPrice(instanceType: string, region = DEFAULT_REGION): number | undefined {
  return ec2Prices(region)?.[instanceType];
}

export type EbsPrices = (typeof ec2Regions.ebs)["us-east-1"];

export function ebsPrices(region: string): EbsPrices | undefined {
  return inRegion(ec2Regions.ebs, region);
}

/** Per address-hour; one price for every commercial region. */
export function publicIpv4Hourly(region: string): number | undefined {
  return isCommercialRegion(region) ? ec2Regions.public_ipv4.all_commercial_regions.hour : undefined;
}

export function natGatewayPrices(region: string): { hour: number; gb_processed: number } | undefined {
  return inRegion(ec2Regions.nat_gateway, region);
}

export type AlbPrices = typeof services.alb;

/** ALB hour and LCU prices, with the LCU dimensions (aws-services.json; us-east-1). */
export function albPrices(region: string): AlbPrices | undefined {
  return usEast1Only(services.alb, region);
}

export interface DataTransferOutPrices {
  /** Internet egress tiers per month; a tier the source did not price ends the list. */
  readonly internetTiers: readonly Tier[];
  /** True when the last tier is open-ended (the source priced every tier). */
  readonly complete: boolean;
  readonly freeGbPerMonth: number;
}

/** Internet egress from a region: first 10 TB, next 40 TB, next 100 TB, over 150 TB. */
export function dataTransferOutPrices(region: string): DataTransferOutPrices | undefined {
  const r = inRegion(ec2Regions.data_transfer_out.regions as Record<string, Record<string, number | undefined>>, region);
  if (!r || r.internet_first_10tb_gb === undefined) return undefined;
  const bounds: [string, number | null][] = [["internet_first_10tb_gb", 10240], ["internet_next_40tb_gb", 51200], ["internet_next_100tb_gb", 153600], ["internet_over_150tb_gb", null]];
  const tiers: Tier[] = [];
  for (const [key, upTo] of bounds) {
    const price = r[key];
    if (price === undefined) break;
    tiers.push({ upTo, price });
  }
  return { internetTiers: tiers, complete: tiers[tiers.length - 1].upTo === null, freeGbPerMonth: ec2.data_transfer_out.free_gb_per_month };
}

// ---- services whose price files hold us-east-1 only (aws-services.json, aws-elasticache.json)

/** ElastiCache node-hour price for the engine (memcached lists at the Redis OSS price); us-east-1. */
export function elasticacheHourlyPrice(engine: string, nodeType: string, region = DEFAULT_REGION): number | undefined {
  if (region !== elasticache.region) return undefined;
  const table: Readonly<Record<string, number>> = engine === "valkey" ? elasticache.valkey.prices : elasticache.redis.prices;
  return table[nodeType];
}

export type ElasticacheServerlessPrices = (typeof databases.elasticache_serverless)["us-east-1"];

/** ElastiCache Serverless: GB-hour stored (with a per-cache minimum) and per 1M ECPUs, by engine. */
export function elasticacheServerlessPrices(region: string): ElasticacheServerlessPrices | undefined {
  return inRegion(databases.elasticache_serverless as Record<string, ElasticacheServerlessPrices>, region);
}

export function elasticacheBackupGbMonth(region: string): number | undefined {
  return region === elasticache.region ? elasticache.backup_storage.gb_month : undefined;
}

export function s3Prices(region: string): typeof services.s3 | undefined {
  return usEast1Only(services.s3, region);
}

export function sqsPrices(region: string): typeof services.sqs | undefined {
  return usEast1Only(services.sqs, region);
}

export function cloudwatchPrices(region: string): typeof services.cloudwatch | undefined {
  return usEast1Only(services.cloudwatch, region);
}

/** FIS bills the same per action-minute in every commercial region (GovCloud differs). */
export function fisPrices(region: string): typeof services.fis | undefined {
  return isCommercialRegion(region) ? services.fis : undefined;
}

// ---- serverless (aws-serverless.json)

export type Architecture = "x86_64" | "arm64";

export interface LambdaPrices {
  readonly requests1m: number;
  readonly durationTiers: Readonly<Record<Architecture, readonly Tier[]>>;
  /** False outside us-east-1: only the first duration tier is sourced there (one open tier). */
  readonly tiersSourced: boolean;
  /** First-tier breakpoints in us-east-1, to say when a volume would reach a cheaper tier. */
  readonly firstTierGbSeconds: Readonly<Record<Architecture, number>>;
  /** Provisioned concurrency and the duration it serves, per GB-second; undefined where not sourced. */
  readonly provisioned: Readonly<Partial<Record<Architecture, { concurrency: number; duration: number }>>>;
  readonly ephemeralGbSecondOver512Mb: number;
  /** Account-wide, every region together. */
  readonly freeRequests: number;
  readonly freeGbSeconds: number;
}

export function lambdaPrices(region: string): LambdaPrices | undefined {
  const full = serverless.lambda["us-east-1"];
  const firstTierGbSeconds = { x86_64: full.duration_x86_tiers_gb_seconds[0].upTo!, arm64: full.duration_arm64_tiers_gb_seconds[0].upTo! };
  const free = { freeRequests: full.free_requests_per_month, freeGbSeconds: full.free_gb_seconds_per_month, firstTierGbSeconds };
  if (region === "us-east-1") {
    return {
      requests1m: full.requests_1m,
      durationTiers: { x86_64: full.duration_x86_tiers_gb_seconds, arm64: full.duration_arm64_tiers_gb_seconds },
      tiersSourced: true,
      provisioned: {
        x86_64: { concurrency: full.provisioned_concurrency_x86_gb_second, duration: full.provisioned_duration_x86_gb_second },
        arm64: { concurrency: full.provisioned_concurrency_arm64_gb_second, duration: full.provisioned_duration_arm64_gb_second },
      },
      ephemeralGbSecondOver512Mb: full.ephemeral_storage_gb_second_over_512mb,
      ...free,
    };
  }
  const r = inRegion(serverless.lambda.by_region.regions, region);
  if (!r) return undefined;
  return {
    requests1m: r.requests_1m,
    durationTiers: { x86_64: [{ upTo: null, price: r.duration_x86_gb_second_first_tier }], arm64: [{ upTo: null, price: r.duration_arm64_gb_second_first_tier }] },
    tiersSourced: false,
    // The regional table's provisioned figures are the x86 rate codes; arm64 is not sourced there.
    provisioned: { x86_64: { concurrency: r.provisioned_concurrency_gb_second, duration: r.provisioned_duration_gb_second } },
    ephemeralGbSecondOver512Mb: r.ephemeral_storage_gb_second_over_512mb,
    ...free,
  };
}

export type ApiGatewayPrices = (typeof serverless.api_gateway)["us-east-1"];

export function apiGatewayPrices(region: string): ApiGatewayPrices | undefined {
  return inRegion(serverless.api_gateway, region);
}

export interface StepFunctionsPrices {
  /** Per 1,000 state transitions; undefined where not sourced. */
  readonly standard1kTransitions?: number;
  readonly standardFreeTransitions: number;
  /** Express workflows: us-east-1 only. */
  readonly express?: { readonly requests1m: number; readonly durationTiersGbHours: readonly Tier[] };
}

export function stepFunctionsPrices(region: string): StepFunctionsPrices | undefined {
  const full = serverless.step_functions["us-east-1"];
  const standard = inRegion(serverless.step_functions.standard_by_region.regions as Record<string, number>, region);
  const express = region === "us-east-1" ? { requests1m: full.express_1m_requests, durationTiersGbHours: full.express_duration_tiers_gb_hours } : undefined;
  if (standard === undefined && express === undefined) return undefined;
  return { standard1kTransitions: standard, standardFreeTransitions: full.standard_free_transitions_per_month, express };
}

/** SNS: every field in us-east-1; eu-west-1 holds only the publish prices (missing fields are unsourced). */
export type SnsPrices = Partial<(typeof serverless.sns)["us-east-1"]>;

export function snsPrices(region: string): SnsPrices | undefined {
  const block = inRegion(serverless.sns as Record<string, SnsPrices>, region);
  if (!block) return undefined;
  // The free allowances are account-wide (the eu-west-1 golden's "API requests (over 1M)" shows the same 1M).
  const us = serverless.sns["us-east-1"];
  return { ...block, free_publish_requests_per_month: us.free_publish_requests_per_month, free_http_deliveries_per_month: us.free_http_deliveries_per_month, free_email_deliveries_per_month: us.free_email_deliveries_per_month };
}

export type EventBridgePrices = (typeof serverless.eventbridge)["us-east-1"];

export function eventBridgePrices(region: string): EventBridgePrices | undefined {
  return inRegion(serverless.eventbridge, region);
}

export type KinesisPrices = (typeof serverless.kinesis_data_streams)["us-east-1"];

/** us-east-1; the cited golden prices us-east-2 streams at the same rates, so us-east-2 is covered too. */
export function kinesisPrices(region: string): KinesisPrices | undefined {
  return region === "us-east-1" || region === "us-east-2" ? serverless.kinesis_data_streams["us-east-1"] : undefined;
}

export function secretsManagerPrices(region: string): (typeof serverless.secrets_manager)["us-east-1"] | undefined {
  return inRegion(serverless.secrets_manager, region);
}

export function kmsPrices(region: string): (typeof serverless.kms)["us-east-1"] | undefined {
  return inRegion(serverless.kms, region);
}

// ---- databases (aws-databases.json)

export type DynamodbPrices = (typeof databases.dynamodb)["us-east-1"];

/**
 * DynamoDB throughput and storage. The block's golden priced a us-east-2 table and its
 * region_note records that us-east-1 and us-east-2 list the same rates: both are covered.
 */
export function dynamodbPrices(region: string): DynamodbPrices | undefined {
  return region === "us-east-1" || region === "us-east-2" ? databases.dynamodb["us-east-1"] : undefined;
}

/** Replicated writes into a global-table replica, at the replica region's price. */
export function dynamodbReplicaPrices(region: string): { replicated_write_1m: number; replicated_wcu_hour: number } | undefined {
  const { note: _note, ...regions } = databases.dynamodb["us-east-1"].global_tables_replicated;
  return inRegion(regions, region);
}

export type RdsStoragePrices = (typeof databases.rds)["us-east-1"]["storage"];

export interface RdsPrices {
  /** Single-AZ instance-hour price for the engine and class, or undefined when not sourced. */
  instanceHour(engine: string, instanceClass: string): number | undefined;
  /** A listed Multi-AZ price where the source gives one (it can differ from 2 × Single-AZ). */
  multiAzInstanceHour(engine: string, instanceClass: string): number | undefined;
  readonly multiAz: { readonly instance_multiplier: number; readonly storage_multiplier: number };
  readonly storage: RdsStoragePrices;
}

/** The MariaDB class whose price the cited golden lists (equal to MySQL's). */
const MARIADB_SOURCED = new Set(["db.t3.large"]);

export function rdsPrices(region: string): RdsPrices | undefined {
  const rds = inRegion(databases.rds, region);
  if (!rds) return undefined;
  const table = (engine: string): Readonly<Record<string, number>> | undefined =>
    engine === "postgres" ? rds.postgres.prices : engine === "mysql" ? rds.mysql.prices : undefined;
  return {
    instanceHour(engine, instanceClass) {
      if (engine === "mariadb") return MARIADB_SOURCED.has(instanceClass) ? rds.mysql.prices[instanceClass as keyof typeof rds.mysql.prices] : undefined;
      return table(engine)?.[instanceClass];
    },
    multiAzInstanceHour(engine, instanceClass) {
      return engine === "mysql" ? (rds.mysql.multi_az_prices as Record<string, number>)[instanceClass] : undefined;
    },
    multiAz: rds.multi_az_rule,
    storage: rds.storage,
  };
}

export interface AuroraPrices {
  /** Aurora Standard instance-hour (MySQL- and PostgreSQL-compatible); undefined where not sourced. */
  readonly instances?: Readonly<Record<string, number>>;
  readonly ioOptimizedInstanceMultiplier?: number;
  readonly serverlessV2?: { readonly acu_hour: number; readonly acu_hour_io_optimized: number };
  /** Storage, I/O and backup: us-east-1 and sa-east-1. */
  readonly storage?: Partial<(typeof databases.aurora)["us-east-1"]["storage"]>;
}

export function auroraPrices(region: string): AuroraPrices | undefined {
  type Block = {
    instances?: { prices: Record<string, number>; io_optimized_instance_multiplier: number };
    serverless_v2?: { acu_hour: number; acu_hour_io_optimized: number };
    storage?: Partial<(typeof databases.aurora)["us-east-1"]["storage"]>;
  };
  const a = inRegion(databases.aurora as Record<string, Block>, region);
  if (!a) return undefined;
  return {
    instances: a.instances?.prices,
    ioOptimizedInstanceMultiplier: a.instances?.io_optimized_instance_multiplier,
    serverlessV2: a.serverless_v2,
    storage: a.storage,
  };
}

export interface MemorydbPrices {
  readonly prices: Readonly<Record<string, number>>;
  /** The source calls its figures approximate. */
  readonly quality: string;
}

export function memorydbPrices(region: string): MemorydbPrices | undefined {
  return inRegion(databases.memorydb, region);
}

export type RedshiftPrices = (typeof databases.redshift)["us-east-1"];

export function redshiftPrices(region: string): RedshiftPrices | undefined {
  return inRegion(databases.redshift, region);
}

export interface OpensearchPrices {
  readonly instances: Readonly<Record<string, number>>;
  readonly storage: (typeof databases.opensearch)["us-east-1"]["storage"];
}

export function opensearchPrices(region: string): OpensearchPrices | undefined {
  const o = inRegion(databases.opensearch, region);
  return o ? { instances: o.instances.prices, storage: o.storage } : undefined;
}

// ---- containers (aws-containers.json)

export type FargatePrices = (typeof containers.fargate)["us-east-1"];

export function fargatePrices(region: string): FargatePrices | undefined {
  return inRegion(containers.fargate, region);
}

export function eksPrices(region: string): (typeof containers.eks)["us-east-1"] | undefined {
  return inRegion(containers.eks, region);
}

export function ecrPrices(region: string): (typeof containers.ecr)["us-east-1"] | undefined {
  return inRegion(containers.ecr, region);
}

// ---- network (aws-network.json) and EFS (aws-efs-backup.json)

/** Route 53 is a global service: one price list whatever the provider's region. */
export const ROUTE53 = network.route53.global;

export type VpcEndpointPrices = (typeof network.vpc_endpoints)["us-east-1"];

export function vpcEndpointPrices(region: string): VpcEndpointPrices | undefined {
  return inRegion(network.vpc_endpoints, region);
}

export function transitGatewayPrices(region: string): { attachment_hour: number; gb_processed: number } | undefined {
  return inRegion(network.transit_gateway, region);
}

export type EfsPrices = (typeof efsBackup.efs)["us-east-1"];

export function efsPrices(region: string): EfsPrices | undefined {
  return inRegion(efsBackup.efs, region);
}
