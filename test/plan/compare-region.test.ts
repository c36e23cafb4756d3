/**
 * `--compare-region`: the head priced as if deployed in another region, never at another
 * region's rates: what the cited data does not cover there is listed, not counted.
 */
import { main } from "../../plan/cli";
import { inProcess } from "./cli-harness";

const SAMPLE = "test/fixtures/sample-program";
const json = async (...args: string[]) => {
  const run = await inProcess(main, ["--program", SAMPLE, "--stack", "dev", "--format", "json", ...args]);
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout).projects[0].metadata.compareRegion;
};

test("the same region: the same total, nothing missing", async () => {
  expect(await json("--compare-region", "us-east-1")).toEqual({
    region: "us-east-1", comparedWith: "us-east-1", totalMonthlyCost: "11.882", totalWorstCaseMonthlyCost: "11.882", diffTotalMonthlyCost: "0", notPricedThere: [],
  });
});

test("a region the EC2, S3 and SQS prices do not cover: each resource listed as not priced there, none priced at us-east-1's rate", async () => {
  const c = await json("--compare-region", "eu-west-1");
  expect(c).toMatchObject({ region: "eu-west-1", comparedWith: "us-east-1", totalMonthlyCost: "0", diffTotalMonthlyCost: "-11.882" });
  expect(c.notPricedThere.map((r: { name: string }) => r.name).sort()).toEqual(["jobs", "uploads", "web"]);
});

test("the table says it under the totals; a region AWS does not have is exit 2 with a did-you-mean", async () => {
  const table = await inProcess(main, ["--program", SAMPLE, "--stack", "dev", "--compare-region", "eu-west-1"], undefined, "200");
  expect(table.stdout).toMatch(/^In eu-west-1 \(--compare-region\): expected \$0\.00, -\$11\.88 against us-east-1; worst case \$0\.00; 3 resources priced in us-east-1 have no price data for eu-west-1, not counted: /m);
  const bad = await inProcess(main, ["--program", SAMPLE, "--stack", "dev", "--compare-region", "eu-west-9"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/^plan: --compare-region: "eu-west-9" is not allowed: must be an AWS region such as "eu-west-1" \(did you mean "eu-west-\d"\?\)$/m);
});
