/**
 * The AWS regions a stack may name in `aws:region`: the commercial partition (`aws`), AWS
 * GovCloud (US) (`aws-us-gov`) and China (`aws-cn`). Source: the partitions aws, aws-us-gov
 * and aws-cn of botocore 1.43.11's `botocore/data/endpoints.json` (read May 2026); the
 * `Region` enum of @pulumi/aws 7.48 (`types/enums/index.d.ts`) lists the same. Left out on
 * purpose: the isolated partitions (aws-iso*) and the European Sovereign Cloud (aws-eusc,
 * eusc-de-east-1), which this program has never been planned for.
 * A region AWS opens later is added here, with the date of the source.
 */
export const AWS_REGIONS: readonly string[] = [
  // aws (commercial)
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  // aws-us-gov (AWS GovCloud (US))
  "us-gov-east-1",
  "us-gov-west-1",
  // aws-cn (China)
  "cn-north-1",
  "cn-northwest-1",
];
