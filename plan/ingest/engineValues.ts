/**
 * Property values as the engine serializes them into states (`pulumi stack export`, the
 * states of `pulumi preview --json`), turned into what the recorder writes: unknown values
 * `undefined`, secrets the placeholder "[secret]", resource references their id, and the
 * engine's and the Terraform bridge's internal keys dropped.
 *
 * The encodings (checked 2026-11-30):
 * - unknown: the string "04da6b54-80e4-46f7-96ec-b56ff0331ba9" (`computedValuePlaceholder`,
 *   pulumi/pulumi pkg/resource/stack/deployment.go @ 02327a04dd7d169a5759decd986ef43e12edfcdd).
 * - special objects carry the key "4dabf18193072939515e22adb298388d" (`SigKey`) whose value
 *   names the kind (sdk/go/common/resource/properties.go @ 3d2e31289aba2065853d06024a3da9adfc013202):
 *   secret "1b47061264138c4ac30d75fd1eb44270" with `ciphertext` or (exported with
 *   --show-secrets) `plaintext`; resource reference "5cf8f73096256a8f31e491e813e4eb8e" with
 *   `urn` and, for custom resources, `id`; output value "d0e6a833031e9bbcd3f4e8bde6ca49a4" with
 *   `value` (absent when unknown) and `secret`; asset and archive (kept as they are).
 * - a preview's states have secrets already printed as "[secret]" (pkg/backend/display/json.go
 *   `stateForJSONOutput`).
 * - keys starting with "__" are internal (`IsInternalPropertyKey`, properties.go), e.g. a
 *   dynamic provider's `__provider`; the Terraform bridge lists in `__defaults` the keys it
 *   filled from the provider schema's defaults (auto-names included), which the program never
 *   declared (pulumi/pulumi-terraform-bridge pkg/reservedkeys/keys.go, PR #2989, 2025-04).
 */
import { isUnknownValue } from "../../model/unknown";
import { SECRET_PLACEHOLDER } from "../stackFiles";
import { describe, type JsonPath } from "./jsonFile";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SIG = {
  secret: "1b47061264138c4ac30d75fd1eb44270",
  resourceReference: "5cf8f73096256a8f31e491e813e4eb8e",
  outputValue: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
  asset: "c44067f5952c0a294b673a41bacd8c17",
  archive: "0def7320c3a5731c473e5ecbe6d01bc7",
} as const;

/** The Terraform bridge's list of defaulted keys. */
const DEFAULTS_KEY = "__defaults";

/** One serialized value, decoded. Throws (naming the path) on a signature the engine does not write. */
export function decodeValue(v: unknown, at: JsonPath): unknown {
  if (typeof v === "string") return isUnknownValue(v) ? undefined : v;
  if (Array.isArray(v)) return v.map((x, i) => decodeValue(x, at.index(i)));
  if (v === null || typeof v !== "object") return v;
  const obj = v as Record<string, unknown>;
  if (SIG_KEY in obj) return decodeSpecial(obj, at);
  return decodeObject(obj, at);
}

/** An object's properties, without internal keys and without the keys a provider defaulted. */
export function decodeObject(obj: Record<string, unknown>, at: JsonPath): Record<string, unknown> {
  const defaulted = new Set(Array.isArray(obj[DEFAULTS_KEY]) ? (obj[DEFAULTS_KEY] as unknown[]).filter((k): k is string => typeof k === "string") : []);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(obj)) {
    if (k.startsWith("__") || defaulted.has(k)) continue;
    out[k] = decodeValue(x, at.key(k));
  }
  return out;
}

function decodeSpecial(obj: Record<string, unknown>, at: JsonPath): unknown {
  const sig = obj[SIG_KEY];
  switch (sig) {
    case SIG.secret:
      return SECRET_PLACEHOLDER;
    case SIG.resourceReference: {
      // A custom resource is referred to by its id, a component by its URN (the SDKs do the same).
      const ref = "id" in obj ? obj.id : obj.urn;
      return typeof ref === "string" && !isUnknownValue(ref) ? ref : undefined;
    }
    case SIG.outputValue: {
      if (!("value" in obj)) return undefined;
      const value = decodeValue(obj.value, at.key("value"));
      return obj.secret === true && value !== undefined ? SECRET_PLACEHOLDER : value;
    }
    case SIG.asset:
    case SIG.archive:
      return obj;
    default:
      throw at.fail(`unrecognized signature ${describe(sig)} in property map (the engine writes secrets, resource references, output values, assets and archives)`);
  }
}
