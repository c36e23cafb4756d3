/**
 * `cutlist:usage`: a stack's own usage assumptions for the plan's estimate, checked with the
 * rest of the stack config and applied by the plan.
 */
import { DEFAULT_USAGE_ASSUMPTIONS } from "../../stacks/usageAssumptions";
import { usageFor } from "../../plan/plan";
import { parseStackConfig } from "../../stacks/config";
import { ConfigError } from "../../stacks/problems";
import { record } from "../helpers";

const BASE = { "aws:region": "us-east-1", "cutlist:milestone": "m3", "cutlist:alertEmail": "oncall@example.com" };

function problems(usage: unknown): string[] {
  try {
    parseStackConfig({ ...BASE, "cutlist:usage": JSON.stringify(usage) }, { project: "cutlist", stack: "prod" });
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
}

test("accepts known assumptions and keeps them on the stack config", () => {
  const cfg = parseStackConfig({ ...BASE, "cutlist:usage": JSON.stringify({ busy_hour_load_fraction: 0.5, average_response_kb: 8 }) }, { project: "cutlist", stack: "prod" });
  expect(cfg.usage).toEqual({ busy_hour_load_fraction: 0.5, average_response_kb: 8 });
});

test.each([
  ["an unknown key, with a suggestion", { busy_hour_load_fractoin: 0.5 }, /cutlist:usage\.busy_hour_load_fractoin: unknown usage assumption; did you mean "busy_hour_load_fraction"\?/],
  ["a share above 1", { static_request_share: 1.5 }, /cutlist:usage\.static_request_share: 1\.5 is not allowed: must be a number from 0 to 1 \(default 0\.3\)/],
  ["a negative number", { average_response_kb: -4 }, /cutlist:usage\.average_response_kb: -4 is not allowed: must be a number from 0 to 100000 \(default 4\)/],
  ["a number too large to be a workload (1e308 overflowed the estimate)", { average_response_kb: 1e308 }, /cutlist:usage\.average_response_kb: 1e\+308 is not allowed: must be a number from 0 to 100000 \(default 4\)/],
  ["zero requests per connection (a divisor)", { requests_per_connection: 0 }, /cutlist:usage\.requests_per_connection: 0 is not allowed: must be a number from 1 to 1000000 \(default 10\)/],
  ["a string", { log_bytes_per_request: "100" }, /cutlist:usage\.log_bytes_per_request: "100" is not allowed: must be a number from 0 to 1000000/],
  ["more than 24 hours", { busy_hours_per_day: 20 }, /cutlist:usage: busy_hours_per_day \(20\) \+ quiet_hours_per_day \(6\) is 26, more than the 24 hours of a day/],
  ["a list", [1, 2], /cutlist:usage: \[1,2\] is not allowed: must be a mapping of usage assumptions/],
])("rejects %s, naming the key", (_name, usage, message) => {
  const found = problems(usage);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(message);
});

test("the plan prices with the stack's assumptions: twice the busy-hour load, twice the requests", async () => {
  const plain = usageFor(await record("prod", "m3"), "cutlist");
  const doubled = usageFor(await record("prod", "m3", { "cutlist:usage": JSON.stringify({ busy_hour_load_fraction: 2 * DEFAULT_USAGE_ASSUMPTIONS.busy_hour_load_fraction }) }), "cutlist");
  expect(doubled.derived.monthly_requests).toBe(2 * plain.derived.monthly_requests);
});
