/**
 * The engine's placeholders for values not known during a preview. They are part of the
 * resource-provider wire protocol (`UnknownStringValue` etc. in the Pulumi SDKs): a dynamic
 * provider's `check`/`diff` and a policy pack's props may carry them where an Output of
 * another resource is not resolved yet.
 */

/** The placeholder of an unknown string (the one dynamic providers see most). */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every placeholder, by the kind of value it stands for. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  UNKNOWN_STRING, // string
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** True for a value the engine does not know yet. */
export function isUnknownValue(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}
