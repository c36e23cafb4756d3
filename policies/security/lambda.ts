/** Lambda security: function URLs authenticate their callers. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { aws } from "../aws";
import { show, validateTyped } from "../util";
import { registerPolicy } from "../registry";

export const lambdaFunctionUrlAuth: ResourceValidationPolicy = registerPolicy("security", {
  name: "lambda-function-url-auth",
  description: "Lambda function URLs require IAM authentication (authorizationType \"AWS_IAM\"): with \"NONE\" anyone on the internet can invoke the function, and every invocation is billed to you. Put a public endpoint behind API Gateway or CloudFront instead.",
  enforcementLevel: "mandatory",
  validateResource: validateTyped(aws.lambda.FunctionUrl, (url, args, report) => {
    if (url.authorizationType === "NONE") {
      report(`Set authorizationType to "AWS_IAM" on function URL ${args.name}; it is ${show(url.authorizationType)}, so anyone on the internet can invoke the function.`);
    }
  }),
});
