/** The recorder's public behaviour beyond what the program and diff tests cover. */
import { record } from "../helpers";

test("recordings started together are queued: each equals the same recording made alone", async () => {
  const together = await Promise.all([record("prod", "m2"), record("dev", "m4"), record("prod", "m3")]);
  const alone = [await record("prod", "m2"), await record("dev", "m4"), await record("prod", "m3")];
  expect(together.map((r) => r.resources.map((x) => x.urn))).toEqual(alone.map((r) => r.resources.map((x) => x.urn)));
  expect(together.map((r) => r.resources.map((x) => x.inputs))).toEqual(alone.map((r) => r.resources.map((x) => x.inputs)));
});
