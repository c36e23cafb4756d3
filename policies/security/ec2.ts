/** EC2 security: instances, spot requests, launch templates and launch configurations require IMDSv2; EBS volumes are encrypted. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asObject, isMissing, isUnknown, show, truthy, validateTyped, type ReportViolation } from "../util";
import { aws } from "../aws";
import { registerPolicy } from "../registry";

function checkImds(what: string, metadataOptions: Record<string, unknown> | undefined, props: Record<string, unknown>, report: ReportViolation): void {
  if (isUnknown(props, "metadataOptions")) return;
  const tokens = metadataOptions?.httpTokens;
  if (isUnknown(metadataOptions, "httpTokens")) return;
  if (metadataOptions?.httpEndpoint === "disabled") return; // no metadata service at all
  if (tokens !== "required") {
    report(`Set metadataOptions.httpTokens to "required" (IMDSv2) on ${what}; it is ${tokens === undefined ? 'not set (the default is "optional")' : show(tokens)}.`);
  }
}

export const ec2ImdsV2Required: ResourceValidationPolicy = registerPolicy("security", {
  name: "ec2-imdsv2-required",
  description: "EC2 launch templates, launch configurations, instances and spot instance requests require IMDSv2 session tokens (metadataOptions.httpTokens = \"required\"); the provider's default is \"optional\".",
  enforcementLevel: "mandatory",
  validateResource: [
    validateTyped(aws.ec2.LaunchTemplate, (lt, args, report) => checkImds(`launch template ${args.name}`, asObject(lt.metadataOptions), lt, report)),
    validateTyped(aws.ec2.Instance, (i, args, report) => checkImds(`instance ${args.name}`, asObject(i.metadataOptions), i, report)),
    validateTyped(aws.ec2.LaunchConfiguration, (lc, args, report) => checkImds(`launch configuration ${args.name}`, asObject(lc.metadataOptions), lc, report)),
    validateTyped(aws.ec2.SpotInstanceRequest, (sir, args, report) => checkImds(`spot instance request ${args.name}`, asObject(sir.metadataOptions), sir, report)),
  ],
});

/** One EBS volume declaration: encrypted must be true; missing means unencrypted. */
function checkEncrypted(where: string, ebs: Record<string, unknown>, report: ReportViolation): void {
  if (isUnknown(ebs, "encrypted")) return;
  if (truthy(ebs.encrypted) !== true) {
    report(`Set encrypted to true on ${where}; it is ${ebs.encrypted === undefined ? "not set (unencrypted unless the account enables EBS encryption by default)" : show(ebs.encrypted)}.`);
  }
}

export const ebsEncrypted: ResourceValidationPolicy = registerPolicy("security", {
  name: "ebs-encrypted",
  description: "EBS volumes are encrypted: launch template block devices, instance root and extra block devices, and standalone volumes.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateTyped(aws.ec2.LaunchTemplate, (lt, args, report) => {
      if (isMissing(lt as object, "blockDeviceMappings")) {
        report(`Declare the root volume of launch template ${args.name} in blockDeviceMappings with ebs.encrypted true; none is declared, so the image's unencrypted default applies.`);
        return;
      }
      asArray(lt.blockDeviceMappings).forEach((m, i) => {
        const ebs = asObject(asObject(m)?.ebs);
        if (ebs) checkEncrypted(`${args.name} blockDeviceMappings[${i}].ebs (${show(asObject(m)?.deviceName)})`, ebs, report);
      });
    }),
    validateTyped(aws.ec2.Instance, (instance, args, report) => {
      const props = instance;
      if (isMissing(props, "rootBlockDevice")) {
        report(`Declare rootBlockDevice with encrypted true on instance ${args.name}; it is not set, so the image's unencrypted default applies.`);
      } else {
        const root = asObject(instance.rootBlockDevice);
        if (root) checkEncrypted(`${args.name} rootBlockDevice`, root, report);
      }
      asArray(instance.ebsBlockDevices).forEach((d, i) => {
        const ebs = asObject(d);
        if (ebs) checkEncrypted(`${args.name} ebsBlockDevices[${i}]`, ebs, report);
      });
    }),
    validateTyped(aws.ebs.Volume, (volume, args, report) => checkEncrypted(`volume ${args.name}`, volume, report)),
  ],
});
