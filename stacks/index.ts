/**
 * Pulumi entry point (`main` in Pulumi.yaml). A bad config fails here, before any resource is
 * declared, with every problem listed and no stack trace (RunError).
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, type StackConfig } from "./config";
import { ConfigError } from "./problems";
import { defineStack } from "./program";

function config(): StackConfig {
  try {
    return loadStackConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
    throw e;
  }
}

const outputs = defineStack(config());
export const milestone = outputs.milestone;
export const url = outputs.url;
export const alertTopicArn = outputs.alertTopicArn;
export const cacheEndpoint = outputs.cacheEndpoint;
export const cacheAuthToken = outputs.cacheAuthToken;
export const queueUrl = outputs.queueUrl;
export const filesBucket = outputs.filesBucket;
export const databaseUrl = outputs.databaseUrl;
export const drillTemplateIds = outputs.drillTemplateIds;
