/**
 * aws:dynamodb/table:Table — provisioned capacity (WCU and RCU by the hour) or on-demand
 * request units from usage, storage, point-in-time recovery when enabled, streams reads when
 * a stream is on, and the replicated writes of global-table replicas (at each replica region's
 * price). Backups and restores appear when usage names them.
 */
import type { ResourceRecord } from "../../model/records";
import { bool, list, num, obj, str } from "../../model/read";
import { mul } from "../../model/money";
import { HOURS_PER_MONTH } from "../../model/usage";
import { fixedLine, joinNotes, noPriceFor, per, unknownQuantityLine, usageLine } from "../lines";
import { dynamodbPrices, dynamodbReplicaPrices } from "../prices";
import type { CostComponent, MapContext, Pricer } from "../types";

export interface DynamodbTableInput {
  readonly region: string;
  /** "PROVISIONED" (the provider default) or "PAY_PER_REQUEST". */
  readonly billingMode: string;
  readonly readCapacity?: number;
  readonly writeCapacity?: number;
  readonly pitr: boolean;
  readonly streams: boolean;
  /** STANDARD (the default) or STANDARD_INFREQUENT_ACCESS. */
  readonly tableClass: string;
  /** Global-table replica regions; undefined entries are unknown at preview. */
  readonly replicaRegions: readonly (string | undefined)[];
}

export function mapDynamodbTable(record: ResourceRecord, ctx: MapContext): DynamodbTableInput {
  const inputs = record.inputs;
  return {
    region: ctx.regionOf(record),
    billingMode: str(inputs.billingMode) ?? "PROVISIONED",
    readCapacity: num(inputs.readCapacity),
    writeCapacity: num(inputs.writeCapacity),
    pitr: bool(obj(inputs.pointInTimeRecovery)?.enabled) ?? false,
    streams: bool(inputs.streamEnabled) ?? false,
    tableClass: str(inputs.tableClass) ?? "STANDARD",
    replicaRegions: list(inputs.replicas).map((r) => str(obj(r)?.regionName)),
  };
}

/** The usage keys this pricer reads (Infracost's usage-file names), with their units. */
export const DYNAMODB_TABLE_USAGE = {
  monthly_write_request_units: "write request units a month (on-demand; also the replicated writes of each replica)",
  monthly_read_request_units: "read request units a month (on-demand)",
  storage_gb: "GB stored",
  pitr_backup_storage_gb: "GB of point-in-time recovery backups",
  on_demand_backup_storage_gb: "GB of on-demand backups",
  monthly_data_restored_gb: "GB restored a month",
  monthly_streams_read_request_units: "stream read request units a month",
} as const;

export const dynamodbTablePricer: Pricer<DynamodbTableInput, typeof DYNAMODB_TABLE_USAGE> = {
  type: "aws:dynamodb/table:Table",
  usageSchema: DYNAMODB_TABLE_USAGE,
  map: mapDynamodbTable,
  price(input, usage) {
    const p = dynamodbPrices(input.region);
    if (!p) return noPriceFor(input.region);
    if (input.tableClass !== "STANDARD") return noPriceFor(input.region, `${input.tableClass} table class`);
    const provisioned = input.billingMode !== "PAY_PER_REQUEST";
    const capacity = (name: string, unit: string, units: number | undefined, price: number): CostComponent =>
      units === undefined ? unknownQuantityLine(name, unit, price, "capacity not known at preview") : fixedLine(name, unit, mul(units, HOURS_PER_MONTH), price);
    const lines: CostComponent[] = provisioned
      ? [
          capacity("Write capacity unit (WCU)", "WCU-hours", input.writeCapacity, p.provisioned_wcu_hour),
          capacity("Read capacity unit (RCU)", "RCU-hours", input.readCapacity, p.provisioned_rcu_hour),
        ]
      : [
          usageLine("Write request unit (WRU)", "1M WRUs", per(usage.monthly_write_request_units, 1_000_000), p.on_demand_write_1m),
          usageLine("Read request unit (RRU)", "1M RRUs", per(usage.monthly_read_request_units, 1_000_000), p.on_demand_read_1m),
        ];
    for (const replica of input.replicaRegions) {
      if (replica === undefined) return { status: "not-priced", costComponents: [], note: "a replica's region is not known at preview" };
      const rp = dynamodbReplicaPrices(replica);
      if (!rp) return noPriceFor(replica, "global table replicated writes");
      lines.push(
        provisioned
          ? capacity(`Replicated write capacity unit (rWCU, ${replica})`, "rWCU-hours", input.writeCapacity, rp.replicated_wcu_hour)
          : usageLine(`Replicated write request unit (rWRU, ${replica})`, "1M rWRUs", per(usage.monthly_write_request_units, 1_000_000), rp.replicated_write_1m),
      );
    }
    lines.push(usageLine("Data storage", "GB", usage.storage_gb, p.storage_gb_month));
    if (input.pitr) lines.push(usageLine("Point-In-Time Recovery (PITR) backup storage", "GB", usage.pitr_backup_storage_gb, p.pitr_gb_month));
    if (usage.on_demand_backup_storage_gb !== undefined) lines.push(usageLine("On-demand backup storage", "GB", usage.on_demand_backup_storage_gb, p.on_demand_backup_gb_month));
    if (usage.monthly_data_restored_gb !== undefined) lines.push(usageLine("Table data restored", "GB", usage.monthly_data_restored_gb, p.restore_gb));
    if (input.streams) lines.push(usageLine("Streams read request unit (sRRU)", "1M sRRUs", per(usage.monthly_streams_read_request_units, 1_000_000), p.streams_read_request_units_1m));
    return {
      costComponents: lines,
      note: joinNotes(
        provisioned ? undefined : "on-demand",
        input.replicaRegions.length ? "replicas' own storage and reads are billed in their regions and not included" : undefined,
      ),
    };
  },
};
