/**
 * One registry of facts per resource type, read by every folder that needs them: whether a
 * type holds data (the diff's stateful flag and the data-safety guardrails), whether it takes
 * tags (the program's tag transformation and the tag guardrail), whether AWS bills it at all
 * (the estimator's "free" answer), and which inputs force a replacement (the diff).
 *
 * A type missing here is not assumed safe: the diff reports a changed input of an unlisted
 * type as an update whose replacement is unknown, and the estimator says "not priced".
 */

import { tagsOf } from "./read";

/** Type tokens the code refers to by name. */
export const TYPE = {
  // EC2, Auto Scaling, load balancing
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  eip: "aws:ec2/eip:Eip",
  natGateway: "aws:ec2/natGateway:NatGateway",
  instance: "aws:ec2/instance:Instance",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  ebsVolume: "aws:ebs/volume:Volume",
  ebsSnapshot: "aws:ebs/snapshot:Snapshot",
  asg: "aws:autoscaling/group:Group",
  asgPolicy: "aws:autoscaling/policy:Policy",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  albLb: "aws:alb/loadBalancer:LoadBalancer",
  lbListener: "aws:lb/listener:Listener",
  albListener: "aws:alb/listener:Listener",
  // Storage and data
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  directoryBucket: "aws:s3/directoryBucket:DirectoryBucket",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketSse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketSseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  cacheCluster: "aws:elasticache/cluster:Cluster",
  serverlessCache: "aws:elasticache/serverlessCache:ServerlessCache",
  queue: "aws:sqs/queue:Queue",
  // CDN, monitoring, drills
  distribution: "aws:cloudfront/distribution:Distribution",
  cloudfrontFunction: "aws:cloudfront/function:Function",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  compositeAlarm: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  experimentTemplate: "aws:fis/experimentTemplate:ExperimentTemplate",
  // Alerting and cost guardrails
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  kmsKey: "aws:kms/key:Key",
  budget: "aws:budgets/budget:Budget",
  anomalyMonitor: "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
  anomalySubscription: "aws:costexplorer/anomalySubscription:AnomalySubscription",
  // Neon, through the project's dynamic providers (components/neon)
  neonProject: "pulumi-nodejs:dynamic/neon:Project",
  neonEndpoint: "pulumi-nodejs:dynamic/neon:Endpoint",
  neonDatabase: "cutlist:neon:Database",
  stack: "pulumi:pulumi:Stack",
} as const;

export interface ResourceTypeFacts {
  /** Deleting or replacing it loses data (the guardrails hold such a change). */
  readonly stateful?: true;
  /** Takes a `tags` map ("map") or, as Auto Scaling groups do, a list of `{key, value, propagateAtLaunch}` ("list"). */
  readonly tags?: "map" | "list";
  /** AWS (or whoever runs it) bills nothing for the resource itself: why. */
  readonly free?: string;
  /**
   * Inputs the provider cannot change in place (its schema's "forces replacement"); top-level
   * keys, a change anywhere beneath one counts; ["*"] = every input.
   */
  readonly replaceOn?: readonly string[];
}

const IAM = "IAM is free";
const BUCKET_CONFIG = "Bucket configuration is free";

/** The registry. Keep each fact beside its type; cite a reason for every "free". */
export const RESOURCE_TYPES: Readonly<Record<string, ResourceTypeFacts>> = {
  // ---- networking
  [TYPE.vpc]: { tags: "map", free: "VPCs are free", replaceOn: ["cidrBlock", "instanceTenancy"] },
  [TYPE.subnet]: { tags: "map", free: "Subnets are free", replaceOn: ["vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId"] },
  "aws:ec2/routeTable:RouteTable": { tags: "map", free: "Route tables are free", replaceOn: ["vpcId"] },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": { free: "Route table associations are free", replaceOn: ["subnetId", "gatewayId"] },
  "aws:ec2/route:Route": { free: "Routes are free (traffic through a NAT gateway is billed on the gateway)", replaceOn: ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock"] },
  "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation": { free: "Route table associations are free" },
  "aws:ec2/internetGateway:InternetGateway": { tags: "map", free: "Internet gateways are free (data transfer is billed separately)", replaceOn: [] },
  "aws:ec2/networkAcl:NetworkAcl": { free: "Network ACLs are free" },
  "aws:ec2/networkAclRule:NetworkAclRule": { free: "Network ACL rules are free" },
  "aws:ec2/networkAclAssociation:NetworkAclAssociation": { free: "Network ACL associations are free" },
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": { free: "Network ACLs are free" },
  "aws:ec2/defaultRouteTable:DefaultRouteTable": { free: "Route tables are free" },
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": { free: "Security groups are free" },
  "aws:ec2/defaultVpc:DefaultVpc": { free: "VPCs are free" },
  "aws:ec2/defaultSubnet:DefaultSubnet": { free: "Subnets are free" },
  "aws:ec2/vpcDhcpOptions:VpcDhcpOptions": { free: "DHCP option sets are free" },
  "aws:ec2/vpcDhcpOptionsAssociation:VpcDhcpOptionsAssociation": { free: "DHCP option sets are free" },
  "aws:ec2/defaultVpcDhcpOptions:DefaultVpcDhcpOptions": { free: "DHCP option sets are free" },
  "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation": { free: "Secondary CIDR blocks are free" },
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": { free: "A peering connection itself is free (data crossing AZs or regions is billed as data transfer)" },
  "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": { free: "A peering connection itself is free (data crossing AZs or regions is billed as data transfer)" },
  "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions": { free: "Peering options are free" },
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": { free: "Egress-only internet gateways are free (IPv6 data out is billed as data transfer)" },
  "aws:ec2/keyPair:KeyPair": { free: "Key pairs are free" },
  "aws:ec2/placementGroup:PlacementGroup": { free: "Placement groups are free" },
  "aws:ec2/eipAssociation:EipAssociation": { free: "Associations are free (the address is billed on the Elastic IP)" },
  "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation": { free: "Route table associations are free" },
  "aws:ec2/vpcEndpointSubnetAssociation:VpcEndpointSubnetAssociation": { free: "Billed on the endpoint, as one more AZ-hour" },
  "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": { free: "Endpoint policies are free" },
  "aws:ec2transitgateway/transitGateway:TransitGateway": { free: "A transit gateway is billed per attachment (on its attachments)" },
  "aws:ec2transitgateway/routeTable:RouteTable": { free: "Transit gateway route tables are free" },
  "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": { free: "Transit gateway route table associations are free" },
  "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": { free: "Transit gateway route propagation is free" },
  "aws:ec2transitgateway/route:Route": { free: "Transit gateway routes are free" },
  [TYPE.securityGroup]: { tags: "map", free: "Security groups are free", replaceOn: ["name", "namePrefix", "description", "vpcId"] },
  [TYPE.securityGroupRule]: { free: "Security group rules are free" },
  [TYPE.ingressRule]: { free: "Security group rules are free" },
  [TYPE.egressRule]: { free: "Security group rules are free" },
  [TYPE.eip]: { tags: "map", replaceOn: ["domain", "address"] },
  [TYPE.natGateway]: { tags: "map", replaceOn: ["allocationId", "subnetId", "connectivityType"] },
  // ---- compute
  [TYPE.instance]: { tags: "map", replaceOn: ["ami", "availabilityZone", "subnetId", "keyName", "privateIp", "tenancy"] },
  [TYPE.launchTemplate]: { tags: "map", replaceOn: ["name", "namePrefix"] },
  [TYPE.ebsVolume]: { tags: "map", stateful: true },
  [TYPE.ebsSnapshot]: { tags: "map", stateful: true },
  [TYPE.asg]: { tags: "list", replaceOn: ["name", "namePrefix"] },
  [TYPE.asgPolicy]: { free: "Scaling policies are free (their alarms are managed by AWS at no charge)", replaceOn: ["name", "autoscalingGroupName"] },
  "aws:autoscaling/attachment:Attachment": { free: "Attachments are free" },
  "aws:autoscaling/lifecycleHook:LifecycleHook": { free: "Lifecycle hooks are free" },
  "aws:appautoscaling/target:Target": { free: "Application Auto Scaling is free" },
  "aws:appautoscaling/policy:Policy": { free: "Application Auto Scaling is free (its alarms are managed by AWS at no charge)" },
  "aws:appautoscaling/scheduledAction:ScheduledAction": { free: "Application Auto Scaling is free" },
  "aws:autoscaling/schedule:Schedule": { free: "Scheduled actions are free" },
  "aws:autoscaling/notification:Notification": { free: "Notifications are free (SNS deliveries are billed on the topic)" },
  // ---- containers (tasks are billed on the ECS service or the instances they run on; EKS on the cluster and node groups)
  "aws:ecs/cluster:Cluster": { free: "ECS clusters are free (their tasks are billed on Fargate services or the instances they run on)" },
  "aws:ecs/taskDefinition:TaskDefinition": { free: "Task definitions are free (their tasks are billed on the service that runs them)" },
  "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": { free: "Capacity provider settings are free" },
  "aws:ecs/capacityProvider:CapacityProvider": { free: "Capacity providers are free (the Auto Scaling group behind one is billed)" },
  "aws:ecs/accountSettingDefault:AccountSettingDefault": { free: "Account settings are free" },
  "aws:eks/addon:Addon": { free: "EKS add-ons are free (they run on the cluster's nodes; marketplace add-ons may bill separately)" },
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": { free: "Pod identity associations are free" },
  "aws:eks/accessEntry:AccessEntry": { free: "Access entries are free" },
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": { free: "Access policy associations are free" },
  "aws:eks/identityProviderConfig:IdentityProviderConfig": { free: "Identity provider configuration is free" },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": { free: "Lifecycle policies are free" },
  "aws:ecr/repositoryPolicy:RepositoryPolicy": { free: "Repository policies are free" },
  "aws:ecr/registryPolicy:RegistryPolicy": { free: "Registry policies are free" },
  "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": { free: "Pull-through cache rules are free (cached images are storage in the repositories they create)" },
  "aws:ecr/replicationConfiguration:ReplicationConfiguration": { free: "Replication settings are free (replicated images are storage in the destination repositories)" },
  "aws:efs/mountTarget:MountTarget": { free: "Mount targets are free" },
  "aws:efs/accessPoint:AccessPoint": { free: "Access points are free" },
  "aws:efs/fileSystemPolicy:FileSystemPolicy": { free: "File system policies are free" },
  // ---- IAM
  "aws:iam/role:Role": { tags: "map", free: IAM, replaceOn: ["name", "namePrefix", "path"] },
  "aws:iam/rolePolicy:RolePolicy": { free: IAM, replaceOn: ["name", "namePrefix", "role"] },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { free: IAM, replaceOn: ["role", "policyArn"] },
  "aws:iam/policy:Policy": { free: IAM },
  "aws:iam/instanceProfile:InstanceProfile": { tags: "map", free: IAM, replaceOn: ["name", "namePrefix", "path"] },
  "aws:iam/serviceLinkedRole:ServiceLinkedRole": { free: IAM },
  "aws:iam/user:User": { free: IAM },
  "aws:iam/group:Group": { free: IAM },
  "aws:iam/groupMembership:GroupMembership": { free: IAM },
  "aws:iam/userGroupMembership:UserGroupMembership": { free: IAM },
  "aws:iam/userPolicy:UserPolicy": { free: IAM },
  "aws:iam/groupPolicy:GroupPolicy": { free: IAM },
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": { free: IAM },
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { free: IAM },
  "aws:iam/policyAttachment:PolicyAttachment": { free: IAM },
  "aws:iam/accessKey:AccessKey": { free: IAM },
  "aws:iam/userLoginProfile:UserLoginProfile": { free: IAM },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": { free: IAM },
  "aws:iam/samlProvider:SamlProvider": { free: IAM },
  "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": { free: IAM },
  "aws:iam/accountAlias:AccountAlias": { free: IAM },
  // ---- load balancing (capacity is billed as LCUs on the load balancer)
  [TYPE.lb]: { tags: "map", replaceOn: ["name", "namePrefix", "internal", "loadBalancerType"] },
  [TYPE.albLb]: { tags: "map", replaceOn: ["name", "namePrefix", "internal", "loadBalancerType"] },
  "aws:lb/targetGroup:TargetGroup": { tags: "map", free: "Target groups are free (capacity is billed as LCUs on the load balancer)", replaceOn: ["name", "namePrefix", "port", "protocol", "vpcId", "targetType", "protocolVersion"] },
  "aws:alb/targetGroup:TargetGroup": { tags: "map", free: "Target groups are free (capacity is billed as LCUs on the load balancer)", replaceOn: ["name", "namePrefix", "port", "protocol", "vpcId", "targetType", "protocolVersion"] },
  [TYPE.lbListener]: { tags: "map", free: "Listeners are free (rule evaluations count towards the load balancer's LCUs)", replaceOn: ["loadBalancerArn"] },
  [TYPE.albListener]: { tags: "map", free: "Listeners are free (rule evaluations count towards the load balancer's LCUs)", replaceOn: ["loadBalancerArn"] },
  "aws:lb/listenerRule:ListenerRule": { free: "Listener rules are free (rule evaluations count towards the load balancer's LCUs)" },
  "aws:lb/targetGroupAttachment:TargetGroupAttachment": { free: "Attachments are free" },
  // ---- caches
  "aws:elasticache/subnetGroup:SubnetGroup": { tags: "map", free: "Subnet groups are free", replaceOn: ["name"] },
  "aws:elasticache/parameterGroup:ParameterGroup": { free: "Parameter groups are free" },
  "aws:elasticache/user:User": { tags: "map", free: "ElastiCache RBAC users are free" },
  "aws:elasticache/userGroup:UserGroup": { tags: "map", free: "ElastiCache RBAC user groups are free" },
  [TYPE.replicationGroup]: {
    tags: "map",
    stateful: true,
    replaceOn: ["replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId", "subnetGroupName", "port", "snapshotArns", "snapshotName", "dataTieringEnabled", "preferredCacheClusterAzs", "networkType"],
  },
  [TYPE.cacheCluster]: { tags: "map", stateful: true },
  [TYPE.serverlessCache]: { tags: "map", stateful: true, replaceOn: ["name", "engine", "kmsKeyId", "subnetIds"] },
  "aws:memorydb/cluster:Cluster": { tags: "map", stateful: true },
  // ---- S3 (storage and requests are billed on the bucket)
  [TYPE.bucket]: { tags: "map", stateful: true, replaceOn: ["bucket", "bucketPrefix", "objectLockEnabled"] },
  [TYPE.bucketV2]: { tags: "map", stateful: true, replaceOn: ["bucket", "bucketPrefix", "objectLockEnabled"] },
  [TYPE.directoryBucket]: { tags: "map", stateful: true },
  [TYPE.bucketPublicAccessBlock]: { free: BUCKET_CONFIG, replaceOn: ["bucket"] },
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { free: BUCKET_CONFIG, replaceOn: ["bucket"] },
  [TYPE.bucketSse]: { free: "SSE-S3 encryption is free", replaceOn: ["bucket", "expectedBucketOwner"] },
  [TYPE.bucketSseV2]: { free: "SSE-S3 encryption is free" },
  "aws:s3/bucketVersioning:BucketVersioning": { free: "Versioning is free (noncurrent versions count as storage on the bucket)", replaceOn: ["bucket", "expectedBucketOwner"] },
  "aws:s3/bucketVersioningV2:BucketVersioningV2": { free: "Versioning is free (noncurrent versions count as storage on the bucket)" },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": { free: "Lifecycle rules are free (transitions are billed as requests)", replaceOn: ["bucket", "expectedBucketOwner"] },
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": { free: "Lifecycle rules are free (transitions are billed as requests)" },
  [TYPE.bucketPolicy]: { free: "Bucket policies are free", replaceOn: ["bucket"] },
  "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration": { free: BUCKET_CONFIG },
  "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2": { free: BUCKET_CONFIG },
  "aws:s3/bucketNotification:BucketNotification": { free: "Event notifications are free (their deliveries are billed on the topic, queue or function)" },
  "aws:s3/bucketObject:BucketObject": { free: "Objects are free to declare: their storage and requests are billed on the bucket (its storage_gb usage)" },
  "aws:s3/bucketObjectv2:BucketObjectv2": { free: "Objects are free to declare: their storage and requests are billed on the bucket (its storage_gb usage)" },
  "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration": { free: BUCKET_CONFIG },
  "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2": { free: BUCKET_CONFIG },
  "aws:s3/bucketAcl:BucketAcl": { free: BUCKET_CONFIG },
  "aws:s3/bucketAclV2:BucketAclV2": { free: BUCKET_CONFIG },
  "aws:s3/bucketLogging:BucketLogging": { free: "Server access logging is free (the log objects are storage in the target bucket)" },
  "aws:s3/bucketLoggingV2:BucketLoggingV2": { free: "Server access logging is free (the log objects are storage in the target bucket)" },
  "aws:s3/bucketRequestPaymentConfiguration:BucketRequestPaymentConfiguration": { free: BUCKET_CONFIG },
  "aws:s3/bucketRequestPaymentConfigurationV2:BucketRequestPaymentConfigurationV2": { free: BUCKET_CONFIG },
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": { free: "Replication rules are free (replicated storage, requests and transfer are billed on the buckets)" },
  // ---- databases and other data stores (priced or not, they hold data)
  "aws:rds/instance:Instance": { tags: "map", stateful: true },
  "aws:rds/cluster:Cluster": { tags: "map", stateful: true },
  "aws:rds/globalCluster:GlobalCluster": { stateful: true },
  "aws:dynamodb/table:Table": { tags: "map", stateful: true },
  "aws:dynamodb/globalTable:GlobalTable": { stateful: true },
  "aws:efs/fileSystem:FileSystem": { tags: "map", stateful: true },
  "aws:docdb/cluster:Cluster": { tags: "map", stateful: true },
  "aws:neptune/cluster:Cluster": { tags: "map", stateful: true },
  "aws:redshift/cluster:Cluster": { tags: "map", stateful: true },
  "aws:opensearch/domain:Domain": { tags: "map", stateful: true },
  "aws:kinesis/stream:Stream": { tags: "map", stateful: true },
  "aws:backup/vault:Vault": { tags: "map", stateful: true },
  "aws:lambda/function:Function": { tags: "map" },
  // database configuration AWS does not bill (capacity, storage and backups are billed on the database)
  "aws:rds/subnetGroup:SubnetGroup": { free: "DB subnet groups are free" },
  "aws:rds/parameterGroup:ParameterGroup": { free: "DB parameter groups are free" },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": { free: "DB cluster parameter groups are free" },
  "aws:rds/optionGroup:OptionGroup": { free: "Option groups are free (an option that runs software, e.g. Oracle OEM, is billed on the instance)" },
  "aws:rds/roleAssociation:RoleAssociation": { free: "IAM role associations are free" },
  "aws:rds/clusterRoleAssociation:ClusterRoleAssociation": { free: "IAM role associations are free" },
  "aws:dynamodb/tableItem:TableItem": { free: "Items are free to declare (their storage and writes are billed on the table)" },
  "aws:dynamodb/resourcePolicy:ResourcePolicy": { free: "Resource policies are free" },
  "aws:dynamodb/tag:Tag": { free: "Tags are free" },
  "aws:redshift/subnetGroup:SubnetGroup": { free: "Cluster subnet groups are free" },
  "aws:redshift/parameterGroup:ParameterGroup": { free: "Parameter groups are free" },
  "aws:memorydb/subnetGroup:SubnetGroup": { free: "Subnet groups are free" },
  "aws:memorydb/parameterGroup:ParameterGroup": { free: "Parameter groups are free" },
  "aws:memorydb/user:User": { free: "Users are free" },
  "aws:memorydb/acl:Acl": { free: "ACLs are free" },
  "aws:opensearch/domainPolicy:DomainPolicy": { free: "Access policies are free" },
  "aws:elasticsearch/domainPolicy:DomainPolicy": { free: "Access policies are free" },
  // ---- queues and notifications
  [TYPE.queue]: { tags: "map", stateful: true, replaceOn: ["name", "namePrefix", "fifoQueue"] },
  "aws:sqs/queuePolicy:QueuePolicy": { free: "Queue policies are free" },
  "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": { free: "Redrive settings are free", replaceOn: ["queueUrl"] },
  "aws:sqs/redrivePolicy:RedrivePolicy": { free: "Redrive settings are free" },
  "aws:sns/topic:Topic": { tags: "map", replaceOn: ["name", "namePrefix", "fifoTopic"] },
  "aws:sns/topicSubscription:TopicSubscription": { free: "Subscriptions are free; deliveries are billed per message beyond the free tier", replaceOn: ["topic", "protocol", "endpoint"] },
  [TYPE.topicPolicy]: { free: "Policies are free", replaceOn: ["arn"] },
  // ---- Lambda (invocations, duration and provisioned concurrency are billed on the function and its config)
  "aws:lambda/permission:Permission": { free: "Lambda permissions are free" },
  "aws:lambda/eventSourceMapping:EventSourceMapping": { free: "Event source mappings are free (the invocations they make are billed on the function)" },
  "aws:lambda/layerVersion:LayerVersion": { free: "Layers are free (their code counts towards the account's 75 GB of free Lambda code storage)" },
  "aws:lambda/layerVersionPermission:LayerVersionPermission": { free: "Lambda permissions are free" },
  "aws:lambda/functionUrl:FunctionUrl": { free: "Function URLs are free (their requests are billed as the function's invocations)" },
  "aws:lambda/alias:Alias": { free: "Aliases are free" },
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": { free: "Invoke configuration is free" },
  // ---- API Gateway (requests are billed on the REST or HTTP/WebSocket API; a REST stage's cache on the stage)
  "aws:apigateway/resource:Resource": { free: "API Gateway resources are free (requests are billed on the REST API)" },
  "aws:apigateway/method:Method": { free: "Methods are free (requests are billed on the REST API)" },
  "aws:apigateway/methodResponse:MethodResponse": { free: "Method responses are free" },
  "aws:apigateway/methodSettings:MethodSettings": { free: "Method settings are free (a stage's cache is billed on the stage)" },
  "aws:apigateway/integration:Integration": { free: "Integrations are free (requests are billed on the REST API)" },
  "aws:apigateway/integrationResponse:IntegrationResponse": { free: "Integration responses are free" },
  "aws:apigateway/deployment:Deployment": { free: "Deployments are free" },
  "aws:apigateway/model:Model": { free: "Models are free" },
  "aws:apigateway/authorizer:Authorizer": { free: "Authorizers are free (a Lambda authorizer's invocations are billed on the function)" },
  "aws:apigateway/requestValidator:RequestValidator": { free: "Request validators are free" },
  "aws:apigateway/response:Response": { free: "Gateway responses are free" },
  "aws:apigateway/restApiPolicy:RestApiPolicy": { free: "Resource policies are free" },
  "aws:apigateway/account:Account": { free: "Account settings are free" },
  "aws:apigateway/apiKey:ApiKey": { free: "API keys are free" },
  "aws:apigateway/usagePlan:UsagePlan": { free: "Usage plans are free" },
  "aws:apigateway/usagePlanKey:UsagePlanKey": { free: "Usage plan keys are free" },
  "aws:apigateway/basePathMapping:BasePathMapping": { free: "Base path mappings are free" },
  "aws:apigateway/domainName:DomainName": { free: "Custom domain names are free (their ACM certificate is free)" },
  "aws:apigatewayv2/route:Route": { free: "Routes are free (requests are billed on the API)" },
  "aws:apigatewayv2/routeResponse:RouteResponse": { free: "Route responses are free" },
  "aws:apigatewayv2/integration:Integration": { free: "Integrations are free (requests are billed on the API)" },
  "aws:apigatewayv2/integrationResponse:IntegrationResponse": { free: "Integration responses are free" },
  "aws:apigatewayv2/stage:Stage": { free: "HTTP and WebSocket API stages are free (requests are billed on the API)" },
  "aws:apigatewayv2/deployment:Deployment": { free: "Deployments are free" },
  "aws:apigatewayv2/authorizer:Authorizer": { free: "Authorizers are free (a Lambda authorizer's invocations are billed on the function)" },
  "aws:apigatewayv2/model:Model": { free: "Models are free" },
  "aws:apigatewayv2/domainName:DomainName": { free: "Custom domain names are free (their ACM certificate is free)" },
  "aws:apigatewayv2/apiMapping:ApiMapping": { free: "API mappings are free" },
  "aws:apigatewayv2/vpcLink:VpcLink": { free: "VPC links for HTTP APIs are free (the load balancer behind them is billed)" },
  // ---- EventBridge (custom events are billed on the bus that receives them)
  "aws:cloudwatch/eventRule:EventRule": { free: "Rules are free: events AWS services send to the default bus cost nothing; custom events are billed on the bus they are published to" },
  "aws:cloudwatch/eventTarget:EventTarget": { free: "Targets are free (what they invoke is billed on that resource)" },
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy": { free: "Bus policies are free" },
  "aws:cloudwatch/eventPermission:EventPermission": { free: "Bus permissions are free" },
  // ---- Secrets, keys, parameters
  "aws:secretsmanager/secretVersion:SecretVersion": { free: "Secret versions are included in the secret's monthly price" },
  "aws:secretsmanager/secretPolicy:SecretPolicy": { free: "Secret policies are free" },
  "aws:secretsmanager/secretRotation:SecretRotation": { free: "Rotation is free (the rotation function's invocations are billed on the function)" },
  "aws:kms/alias:Alias": { free: "Key aliases are free" },
  "aws:kms/grant:Grant": { free: "Grants are free" },
  "aws:kms/keyPolicy:KeyPolicy": { free: "Key policies are free" },
  // ---- Kinesis and Step Functions pieces
  "aws:kinesis/streamConsumer:StreamConsumer": { free: "Consumer registration is free (enhanced fan-out is billed on the stream)" },
  "aws:kinesis/resourcePolicy:ResourcePolicy": { free: "Resource policies are free" },
  "aws:sfn/alias:Alias": { free: "State machine aliases are free" },
  // ---- CloudFront (traffic is billed on the distribution)
  [TYPE.distribution]: { tags: "map", replaceOn: [] },
  [TYPE.cloudfrontFunction]: { replaceOn: ["name"] },
  "aws:cloudfront/originAccessControl:OriginAccessControl": { free: "Origin access control is free", replaceOn: [] },
  "aws:cloudfront/cachePolicy:CachePolicy": { free: "Cache policies are free", replaceOn: [] },
  "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": { free: "Origin request policies are free" },
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": { free: "Response headers policies are free", replaceOn: [] },
  // ---- monitoring and drills
  [TYPE.metricAlarm]: { tags: "map", replaceOn: ["name"] },
  [TYPE.compositeAlarm]: { tags: "map", replaceOn: ["alarmName"] },
  [TYPE.logGroup]: { tags: "map", replaceOn: ["name", "namePrefix", "kmsKeyId"] },
  [TYPE.dashboard]: { replaceOn: ["dashboardName"] },
  [TYPE.experimentTemplate]: { tags: "map", replaceOn: [] },
  "aws:cloudwatch/logStream:LogStream": { free: "Log streams are free (their data is billed on the log group)" },
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": { free: "Subscription filters are free (the destination's deliveries are billed there)" },
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": { free: "Resource policies are free" },
  "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy": { free: "Destination policies are free" },
  "aws:route53/zoneAssociation:ZoneAssociation": { free: "Associating a VPC with a private zone is free" },
  "aws:route53/delegationSet:DelegationSet": { free: "Reusable delegation sets are free" },
  "aws:appsync/apiKey:ApiKey": { free: "API keys are free (queries are billed on the GraphQL API)" },
  "aws:appsync/dataSource:DataSource": { free: "Data sources are free (queries are billed on the GraphQL API, the source's own use on it)" },
  "aws:appsync/resolver:Resolver": { free: "Resolvers are free (queries are billed on the GraphQL API)" },
  "aws:appsync/function:Function": { free: "Pipeline functions are free (queries are billed on the GraphQL API)" },
  "aws:glue/connection:Connection": { free: "Glue connections are free (jobs and crawlers that use them are billed per DPU-hour)" },
  "aws:glue/trigger:Trigger": { free: "Glue triggers are free (the jobs and crawlers they start are billed per DPU-hour)" },
  "aws:athena/namedQuery:NamedQuery": { free: "Saved queries are free (a query is billed per TB it scans when it runs)" },
  "aws:athena/workgroup:Workgroup": { free: "Workgroups are free (queries are billed per TB scanned)" },
  "aws:organizations/policy:Policy": { free: "AWS Organizations is free" },
  "aws:organizations/policyAttachment:PolicyAttachment": { free: "AWS Organizations is free" },
  "pulumi:pulumi:StackReference": { free: "Reads another stack's outputs; no cloud resource" },
  "aws:ssm/document:Document": {
    tags: "map",
    free: "SSM documents are free; an Automation run bills its steps ($0.002 per basic step, no free tier for accounts new to Automation since 2025-08-14): the cache failover drill's 3 steps cost under a cent a run",
  },
  // ---- cost guardrails and the keys alerts are encrypted with
  // Deleting a KMS key destroys every ciphertext under it: stateful by type. A key that only
  // encrypts messages in flight (the alerts topic's) is tagged data-class=rebuildable.
  [TYPE.kmsKey]: { tags: "map", stateful: true, replaceOn: ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"] },
  // Budgets are billed per budget-day beyond the account's first two (cost/pricers/budget.ts).
  [TYPE.budget]: { tags: "map", replaceOn: ["name", "namePrefix", "accountId"] },
  // Cost Anomaly Detection has no charge: awsnegotiations.com "AWS Cost Anomaly Detection Setup"
  // (2026-05: "free; there is no per-monitor or per-alert charge") and dev.classmethod.jp
  // (2026-04-11: "included in Cost Explorer … without additional charges") agree.
  [TYPE.anomalyMonitor]: { tags: "map", free: "Cost Anomaly Detection is free (no per-monitor or per-alert charge)", replaceOn: ["monitorType", "monitorDimension", "monitorSpecification"] },
  [TYPE.anomalySubscription]: { tags: "map", free: "Cost Anomaly Detection is free (alerts to SNS are billed as SNS deliveries)", replaceOn: ["name"] },
  // ---- certificates
  "aws:acm/certificate:Certificate": { free: "Public ACM certificates are free" },
  "aws:acm/certificateValidation:CertificateValidation": { free: "Validation is free" },
  // ---- generated locally, kept in the state only (every input is create-only)
  "random:index/randomPassword:RandomPassword": { free: "Generated locally; no cloud resource", replaceOn: ["*"] },
  "random:index/randomString:RandomString": { free: "Generated locally; no cloud resource", replaceOn: ["*"] },
  "random:index/randomId:RandomId": { free: "Generated locally; no cloud resource", replaceOn: ["*"] },
  "random:index/randomPet:RandomPet": { free: "Generated locally; no cloud resource", replaceOn: ["*"] },
  "random:index/randomInteger:RandomInteger": { free: "Generated locally; no cloud resource", replaceOn: ["*"] },
  // ---- Neon: the project's provider replaces on these (components/neon); the project holds the data
  [TYPE.neonProject]: { stateful: true, replaceOn: ["region", "pgVersion", "orgId", "databaseName", "roleName"] },
  [TYPE.neonEndpoint]: { replaceOn: ["type", "branchId", "projectId"] },
  [TYPE.stack]: { free: "The stack itself" },
};

/** Facts of a type (empty when the registry does not know it). */
export function factsOf(type: string): ResourceTypeFacts {
  return RESOURCE_TYPES[type] ?? {};
}

/** Does a resource of this type hold data that deleting or replacing it would lose? */
export function isStatefulType(type: string): boolean {
  return factsOf(type).stateful === true;
}

/**
 * The tag that marks a resource whose content every deploy rebuilds (static assets, a cache
 * without snapshots): losing it loses nothing, so it does not count as holding data.
 */
export const REBUILDABLE_TAG = { key: "data-class", value: "rebuildable" } as const;

/** True when `inputs` carry the `key=value` tag (e.g. "data-class=rebuildable"). */
export function hasTag(inputs: Record<string, unknown> | undefined, keyValue: string): boolean {
  const [key, ...rest] = keyValue.split("=");
  return inputs !== undefined && tagsOf(inputs)?.[key] === rest.join("=");
}

/** Does this resource hold data that deleting or replacing it would lose? Stateful type, not tagged rebuildable. */
export function holdsData(type: string, inputs: Record<string, unknown>, exemptTag = `${REBUILDABLE_TAG.key}=${REBUILDABLE_TAG.value}`): boolean {
  return isStatefulType(type) && !hasTag(inputs, exemptTag);
}

/** How the type takes tags, if it does. */
export function tagShape(type: string): "map" | "list" | undefined {
  return factsOf(type).tags;
}

/**
 * Why a resource costs nothing by itself, or undefined when it may be billed. Components
 * (not custom) cost nothing themselves; their children are priced.
 */
export function freeReason(type: string, custom: boolean): string | undefined {
  const free = factsOf(type).free;
  if (free) return free;
  if (type.startsWith("pulumi:providers:")) return "Provider configuration";
  if (!custom) return "Component resource: its children are priced";
  return undefined;
}

/** Inputs whose change forces a replacement, or undefined when the registry does not know the type. */
export function replaceOnChange(type: string): readonly string[] | undefined {
  return factsOf(type).replaceOn;
}
