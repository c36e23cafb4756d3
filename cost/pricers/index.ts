/** The pricer registry, keyed by Pulumi type token. */
import type { Pricer } from "../types";
import { autoscalingGroupPricer } from "./autoscalingGroup";
import { budgetPricer } from "./budget";
import { cacheClusterPricer } from "./elasticacheCluster";
import { cloudfrontFunctionPricer } from "./cloudfrontFunction";
import { compositeAlarmPricer } from "./cloudwatchCompositeAlarm";
import { dashboardPricer } from "./cloudwatchDashboard";
import { logGroupPricer } from "./cloudwatchLogGroup";
import { logMetricFilterPricer } from "./cloudwatchLogMetricFilter";
import { metricAlarmPricer } from "./cloudwatchMetricAlarm";
import { distributionPricer } from "./cloudfront";
import { eipPricer } from "./eip";
import { replicationGroupPricer } from "./elasticache";
import { serverlessCachePricer } from "./elasticacheServerless";
import { experimentTemplatePricer } from "./fis";
import { instancePricer } from "./instance";
import { launchTemplatePricer } from "./launchTemplate";
import { albLoadBalancerPricer, loadBalancerPricer } from "./lb";
import { natGatewayPricer } from "./natGateway";
import { neonEndpointPricer } from "./neonEndpoint";
import { neonProjectPricer } from "./neonProject";
import { bucketPricer, bucketV2Pricer } from "./s3";
import { queuePricer } from "./sqs";
import { lambdaFunctionPricer } from "./lambdaFunction";
import { provisionedConcurrencyPricer } from "./lambdaProvisionedConcurrency";
import { restApiPricer } from "./apiGatewayRestApi";
import { apiStagePricer } from "./apiGatewayStage";
import { apiV2Pricer } from "./apiGatewayV2Api";
import { stateMachinePricer } from "./sfnStateMachine";
import { topicPricer } from "./snsTopic";
import { secretPricer } from "./secretsManagerSecret";
import { kmsExternalKeyPricer, kmsKeyPricer, kmsReplicaKeyPricer } from "./kmsKey";
import { kinesisStreamPricer } from "./kinesisStream";
import { eventBusPricer } from "./eventBus";
import { dynamodbTablePricer } from "./dynamodbTable";
import { rdsInstancePricer } from "./rdsInstance";
import { rdsClusterPricer } from "./rdsCluster";
import { clusterInstancePricer } from "./rdsClusterInstance";
import { memorydbClusterPricer } from "./memorydbCluster";
import { redshiftClusterPricer } from "./redshiftCluster";
import { elasticsearchDomainPricer, opensearchDomainPricer } from "./opensearchDomain";
import { ecsServicePricer } from "./ecsService";
import { eksClusterPricer } from "./eksCluster";
import { eksNodeGroupPricer } from "./eksNodeGroup";
import { ebsVolumePricer } from "./ebsVolume";
import { ebsSnapshotCopyPricer, ebsSnapshotPricer, fastSnapshotRestorePricer } from "./ebsSnapshot";
import { ecrRepositoryPricer } from "./ecrRepository";
import { efsFileSystemPricer } from "./efsFileSystem";
import { route53ZonePricer } from "./route53Zone";
import { route53RecordPricer } from "./route53Record";
import { healthCheckPricer } from "./route53HealthCheck";
import { vpcEndpointPricer } from "./vpcEndpoint";
import { transitGatewayAttachmentPricer } from "./transitGatewayAttachment";
import { ssmParameterPricer } from "./ssmParameter";

const ALL: readonly Pricer<any, any>[] = [
  launchTemplatePricer,
  autoscalingGroupPricer,
  instancePricer,
  loadBalancerPricer,
  albLoadBalancerPricer,
  replicationGroupPricer,
  cacheClusterPricer,
  serverlessCachePricer,
  distributionPricer,
  cloudfrontFunctionPricer,
  bucketPricer,
  bucketV2Pricer,
  queuePricer,
  metricAlarmPricer,
  compositeAlarmPricer,
  dashboardPricer,
  logGroupPricer,
  logMetricFilterPricer,
  natGatewayPricer,
  eipPricer,
  experimentTemplatePricer,
  budgetPricer,
  neonProjectPricer,
  neonEndpointPricer,
  // serverless and messaging
  lambdaFunctionPricer,
  provisionedConcurrencyPricer,
  restApiPricer,
  apiStagePricer,
  apiV2Pricer,
  stateMachinePricer,
  topicPricer,
  eventBusPricer,
  kinesisStreamPricer,
  secretPricer,
  kmsKeyPricer,
  kmsReplicaKeyPricer,
  kmsExternalKeyPricer,
  // databases
  dynamodbTablePricer,
  rdsInstancePricer,
  rdsClusterPricer,
  clusterInstancePricer,
  memorydbClusterPricer,
  redshiftClusterPricer,
  opensearchDomainPricer,
  elasticsearchDomainPricer,
  // containers, block and file storage
  ecsServicePricer,
  eksClusterPricer,
  eksNodeGroupPricer,
  ebsVolumePricer,
  ebsSnapshotPricer,
  ebsSnapshotCopyPricer,
  fastSnapshotRestorePricer,
  ecrRepositoryPricer,
  efsFileSystemPricer,
  // network
  route53ZonePricer,
  route53RecordPricer,
  healthCheckPricer,
  vpcEndpointPricer,
  transitGatewayAttachmentPricer,
  ssmParameterPricer,
];

export const PRICERS: ReadonlyMap<string, Pricer<any, any>> = new Map(ALL.map((p) => [p.type, p]));
