/** ElastiCache security: encryption at rest and in transit. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { aws } from "../aws";
import { isUnknown, show, truthy, validateTyped } from "../util";
import { registerPolicy } from "../registry";

export const elasticacheEncrypted: ResourceValidationPolicy = registerPolicy("security", {
  name: "elasticache-encrypted",
  description: "ElastiCache replication groups encrypt at rest and in transit; standalone cache clusters in transit. Both default to off.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateTyped(aws.elasticache.ReplicationGroup, (rg, args, report) => {
      const props = rg;
      for (const key of ["atRestEncryptionEnabled", "transitEncryptionEnabled"] as const) {
        if (isUnknown(props, key)) continue;
        if (truthy(props[key]) !== true) report(`Set ${key} to true on replication group ${args.name}; it is ${props[key] === undefined ? "not set (default false)" : show(props[key])}.`);
      }
    }),
    validateTyped(aws.elasticache.Cluster, (cluster, args, report) => {
      const props = cluster;
      if ("replicationGroupId" in props) args.notApplicable("a member of a replication group, which is checked instead");
      if (isUnknown(props, "transitEncryptionEnabled")) return;
      if (truthy(props.transitEncryptionEnabled) !== true) {
        report(`Set transitEncryptionEnabled to true on cache cluster ${args.name}; it is ${props.transitEncryptionEnabled === undefined ? "not set (default false)" : show(props.transitEncryptionEnabled)}.`);
      }
    }),
  ],
});
