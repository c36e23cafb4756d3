/** Cost-allocation tags on every taggable resource: our keys on our stacks, configured keys elsewhere. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { REQUIRED_TAG_KEYS } from "../../stacks/tags";
import { configOf, isUnknown, plain, tagsOf, type ConfigSchema } from "../util";
import { foreignReason, isOurs } from "../ours";
import { registerPolicy } from "../registry";
import { tagShape } from "../../model/resourceTypes";

export interface RequiredTagsConfig {
  readonly requiredKeys?: string[];
}

// No schema default: whether requiredKeys was configured is what applies the policy to another program.
const TAGS_SCHEMA: ConfigSchema = {
  properties: {
    requiredKeys: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description: `Tag keys every taggable AWS resource must carry with a non-empty value. Default: ${REQUIRED_TAG_KEYS.join(", ")} on this repository's stacks, and no check on other programs unless set.`,
    },
  },
};

export const requiredTags: ResourceValidationPolicy = registerPolicy("security", {
  name: "required-tags",
  description: "Every taggable AWS resource carries the cost-allocation tags (project, stack, milestone, component on this repository's stacks; the configured requiredKeys on any program) with non-empty values.",
  enforcementLevel: "mandatory",
  configSchema: TAGS_SCHEMA,
  validateResource: (args, report) => {
    if (tagShape(args.type) === undefined) args.notApplicable("not a taggable type");
    const cfg = configOf<RequiredTagsConfig>(TAGS_SCHEMA, args);
    if (cfg.requiredKeys === undefined && !isOurs(args.urn)) args.notApplicable(foreignReason(args.urn, "required-tags", ["requiredKeys"]));
    const required = cfg.requiredKeys ?? [...REQUIRED_TAG_KEYS];
    const props = plain<Record<string, unknown>>(args.props);
    if (isUnknown(props, "tags")) return;
    const tags = tagsOf(props) ?? {};
    // A key whose value is unknown (an Output) is present; a missing or empty one is not.
    const absent = required.filter((k) => !(k in tags) || tags[k] === "");
    if (absent.length) {
      const have = Object.keys(tags);
      report(`Tag ${args.name} with ${absent.join(", ")}; it has ${have.length ? have.join(", ") : "no tags"}.`);
    }
  },
});
