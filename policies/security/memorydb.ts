/** MemoryDB security: clusters keep TLS on. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { aws } from "../aws";
import { show, truthy, validateTyped } from "../util";
import { registerPolicy } from "../registry";

export const memorydbTlsEnabled: ResourceValidationPolicy = registerPolicy("security", {
  name: "memorydb-tls-enabled",
  description: "MemoryDB clusters encrypt in transit (tlsEnabled, default true); turning TLS off also forces the open-access ACL, so any client in the network can read and write.",
  enforcementLevel: "mandatory",
  validateResource: validateTyped(aws.memorydb.Cluster, (cluster, args, report) => {
    // Left out or unknown: the default (true) or not judged.
    if (cluster.tlsEnabled !== undefined && truthy(cluster.tlsEnabled) !== true) {
      report(`Set tlsEnabled to true on MemoryDB cluster ${args.name}; it is ${show(cluster.tlsEnabled)}.`);
    }
  }),
});
