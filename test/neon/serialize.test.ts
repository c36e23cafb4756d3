/**
 * `pulumi up` ships each dynamic provider to the engine as serialised code; the offline
 * recorder skips that step for speed, so this checks it here: both providers serialise, take
 * no secret from their closure, and carry the Neon client they call.
 */
import * as pulumi from "@pulumi/pulumi";
import { neonEndpointProvider } from "../../components/neon/endpoint";
import { neonProjectProvider } from "../../components/neon/project";

describe("Neon dynamic providers serialise for the engine", () => {
  it.each([
    ["project", neonProjectProvider],
    ["endpoint", neonEndpointProvider],
  ])("the %s provider", async (_name, provider) => {
    const closure = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false });
    expect(closure.containsSecrets).toBe(false);
    expect(closure.text).toContain("createApiClient");
    for (const method of ["check", "diff", "create", "read", "update", "delete"]) expect(closure.text).toContain(method);
  }, 30_000);
});
