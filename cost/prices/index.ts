/**
 * Typed access to the price files beside this module. Every block in the JSON carries its
 * source and retrieval/publication date; this module only reads them (never /work/shared).
 */
import ec2 from "./aws-ec2.json";
import elasticache from "./aws-elasticache.json";
import network from "./aws-network.json";
import serverless from "./aws-serverless.json";
import services from "./aws-services.json";
import neon from "./neon.json";
import databases from "./aws-databases.json";

export const PRICES = {
  ec2: ec2.instances.prices as Readonly<Record<string, number>>,
  ebs: ec2.ebs,
  publicIpv4: ec2.public_ipv4,
  dataTransfer: ec2.data_transfer_out,
  elasticache: {
    redis: elasticache.redis.prices as Readonly<Record<string, number>>,
    valkey: elasticache.valkey.prices as Readonly<Record<string, number>>,
    backupGbMonth: elasticache.backup_storage.gb_month,
    /** ElastiCache Serverless, us-east-1: GB-hour stored (with a per-cache minimum) and per 1M ECPUs, by engine. */
    serverless: databases.elasticache_serverless["us-east-1"],
  },
  alb: services.alb,
  cloudfront: services.cloudfront,
  cloudfrontFlatRate: network.cloudfront_flat_rate_plans,
  s3: services.s3,
  sqs: services.sqs,
  cloudwatch: services.cloudwatch,
  natGateway: services.nat_gateway,
  fis: services.fis,
  neon: neon.plans,
  /** AWS Budgets and the Cost Explorer API. */
  costManagement: network.cost_management,
  kms: serverless.kms["us-east-1"],
} as const;

/** Where each price block comes from, for reports and the README. */
export const PRICE_SOURCES: Readonly<Record<string, { source: string; retrieved: string }>> = {
  ec2: ec2.instances,
  ebs: ec2.ebs,
  publicIpv4: ec2.public_ipv4,
  dataTransfer: ec2.data_transfer_out,
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
  natGateway: services.nat_gateway,
  fis: services.fis,
  neon,
  costManagement: network.cost_management,
  kms: serverless.kms["us-east-1"],
};

/** EC2 on-demand Linux price per instance-hour, or undefined when the type is not in our file. */
export function ec2HourlyPrice(instanceType: string): number | undefined {
  return PRICES.ec2[instanceType];
}

/** ElastiCache node-hour price for the engine (memcached lists at the Redis OSS price). */
export function elasticacheHourlyPrice(engine: string, nodeType: string): number | undefined {
  const table = engine === "valkey" ? PRICES.elasticache.valkey : PRICES.elasticache.redis;
  return table[nodeType];
}
