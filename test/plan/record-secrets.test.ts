/**
 * Encrypted (`secure:`) stack config of a program that is not ours, nested in structured config
 * too: the program sees the "[secret]" placeholder, the recording holds nothing else, and no
 * plan output (nor what the program prints) shows the ciphertext. Fixture:
 * test/fixtures/hostile-secret.
 */
import * as path from "path";
import { recordStack } from "../../plan/record";
import { main } from "../../plan/cli";
import { inProcess, type Run } from "./cli-harness";

const DIR = path.join("test", "fixtures", "hostile-secret");
const CIPHERTEXTS = ["Y2lwaGVydGV4dC1vbmU=", "QVBJLVRPS0VOLUNJUEhFUlRFWFQ=", "Y2lwaGVydGV4dC10d28=", "REItUEFTU1dPUkQtQ0lQSEVSVEVYVA=="];

test("the recording holds the placeholder where the stack file has a secret, at any depth", async () => {
  const rec = await recordStack({ dir: path.resolve(__dirname, "../..", DIR), stack: "dev" });
  const text = JSON.stringify(rec);
  for (const c of CIPHERTEXTS) expect(text).not.toContain(c);
  expect(JSON.parse(rec.config["hostile-secret:database"])).toEqual({ user: "app", password: "[secret]" });
  expect(rec.config["hostile-secret:apiToken"]).toBe("[secret]");
  expect(rec.resources.map((r) => [r.name, r.inputs.value])).toEqual([["database-password", "[secret]"], ["api-token", "[secret]"]]);
}, 120_000);

test("no output of the plan shows a ciphertext, in any format, nor does what the program prints", async () => {
  // The plan CLI's main in this process (the program still runs in its own child), JSON first:
  // the later formats reuse its recording, so only the first run shows what the program prints.
  const runs: Run[] = [];
  for (const format of ["json", "table", "markdown"]) runs.push(await inProcess(main, ["--program", DIR, "--stack", "dev", "--format", format]));
  for (const run of runs) {
    expect(run.code).toBe(0); // planned
    for (const c of CIPHERTEXTS) expect(run.stdout + run.stderr).not.toContain(c);
  }
  // What the program prints goes to stderr, never into the plan on stdout.
  expect(runs[0].stderr).toContain("database password: [secret]");
  expect(() => JSON.parse(runs[0].stdout)).not.toThrow();
}, 300_000);
