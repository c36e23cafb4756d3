/** Data-safety policies: a passing and a failing case each (see cases/safety.ts). */
import { statefulChangeNeedsAllowDataLoss } from "../../plan/guardrails/planPolicies";
import { SAFETY_CASES } from "./cases/safety";
import { bucketSet, describeCases, runPlanPolicy } from "./util";

describeCases(SAFETY_CASES);

test("--allow-data-loss turns the delete into an advisory verdict, still shown", async () => {
  const out = await runPlanPolicy(statefulChangeNeedsAllowDataLoss, { base: bucketSet(), head: [], allowDataLoss: true });
  expect(out.violations).toEqual([expect.stringMatching(/^Accepting data loss \(--allow-data-loss\): the plan would delete Bucket storage-files/)]);
  expect(out.levels).toEqual(["advisory"]);
});
