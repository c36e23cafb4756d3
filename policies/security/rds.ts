/**
 * RDS and Aurora security: storage encrypted, no database reachable from the internet.
 *
 * Provider defaults (@pulumi/aws 7.x argument docs): aws.rds.Instance `storageEncrypted`
 * false; aws.rds.Cluster `storageEncrypted` false, except with `engineMode: "serverless"`,
 * which is always encrypted; `publiclyAccessible` false on instances and cluster instances.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { aws } from "../aws";
import { isUnknown, show, truthy, validateTyped, type ReportViolation } from "../util";
import { registerPolicy } from "../registry";

/** Inputs that make a database take its encryption from elsewhere (a source, a snapshot, a global cluster). */
const INHERITS: Record<string, string[]> = {
  instance: ["replicateSourceDb", "snapshotIdentifier", "restoreToPointInTime"],
  cluster: ["replicationSourceIdentifier", "snapshotIdentifier", "restoreToPointInTime", "globalClusterIdentifier"],
};

function checkStorageEncrypted(what: string, props: Record<string, unknown>, inherits: readonly string[], defaultEncrypted: boolean | undefined, report: ReportViolation): void {
  if (isUnknown(props, "storageEncrypted")) return;
  const value = props.storageEncrypted;
  if (value === undefined) {
    // Left out: a copy keeps its source's encryption; otherwise the default decides.
    if (inherits.some((k) => k in props)) return;
    if (defaultEncrypted !== false) return; // encrypted by default, or the default is unknown
  }
  if (truthy(value) !== true) {
    report(`Set storageEncrypted to true on ${what}; it is ${value === undefined ? "not set (default false)" : show(value)}.`);
  }
}

export const rdsStorageEncrypted: ResourceValidationPolicy = registerPolicy("security", {
  name: "rds-storage-encrypted",
  description: "RDS instances and Aurora/RDS clusters encrypt their storage (storageEncrypted true); the provider's default is false, except for Aurora Serverless v1 (engineMode \"serverless\"), which is always encrypted. Replicas, restores and global-cluster members keep their source's encryption and are not judged.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateTyped(aws.rds.Instance, (db, args, report) => checkStorageEncrypted(`DB instance ${args.name}`, db, INHERITS.instance, false, report)),
    validateTyped(aws.rds.Cluster, (cluster, args, report) => {
      const defaultEncrypted = isUnknown(cluster, "engineMode") ? undefined : cluster.engineMode === "serverless";
      checkStorageEncrypted(`DB cluster ${args.name}`, cluster, INHERITS.cluster, defaultEncrypted, report);
    }),
  ],
});

function checkPrivate(what: string, props: Record<string, unknown>, report: ReportViolation): void {
  if (truthy(props.publiclyAccessible) === true) {
    report(`Set publiclyAccessible to false on ${what} and reach it from inside the VPC; it is ${show(props.publiclyAccessible)}, which gives it a public address.`);
  }
}

export const rdsNotPubliclyAccessible: ResourceValidationPolicy = registerPolicy("security", {
  name: "rds-not-publicly-accessible",
  description: "RDS instances and Aurora cluster instances are not publicly accessible (publiclyAccessible false, the provider's default): a public database is one security group rule away from the internet.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateTyped(aws.rds.Instance, (db, args, report) => checkPrivate(`DB instance ${args.name}`, db, report)),
    validateTyped(aws.rds.ClusterInstance, (db, args, report) => checkPrivate(`cluster instance ${args.name}`, db, report)),
  ],
});
