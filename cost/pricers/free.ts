/**
 * Types that cost nothing by themselves, each with the reason. Anything neither here nor in
 * the pricer registry is reported "not priced", never silently free.
 */

export const FREE_TYPES: Readonly<Record<string, string>> = {
  // Networking
  "aws:ec2/vpc:Vpc": "VPCs are free",
  "aws:ec2/subnet:Subnet": "Subnets are free",
  "aws:ec2/routeTable:RouteTable": "Route tables are free",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "Route table associations are free",
  "aws:ec2/route:Route": "Routes are free (traffic through a NAT gateway is billed on the gateway)",
  "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation": "Route table associations are free",
  "aws:ec2/internetGateway:InternetGateway": "Internet gateways are free (data transfer is billed separately)",
  "aws:ec2/securityGroup:SecurityGroup": "Security groups are free",
  "aws:ec2/securityGroupRule:SecurityGroupRule": "Security group rules are free",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "Security group rules are free",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "Security group rules are free",
  // IAM
  "aws:iam/role:Role": "IAM is free",
  "aws:iam/rolePolicy:RolePolicy": "IAM is free",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "IAM is free",
  "aws:iam/policy:Policy": "IAM is free",
  "aws:iam/instanceProfile:InstanceProfile": "IAM is free",
  "aws:iam/serviceLinkedRole:ServiceLinkedRole": "IAM is free",
  // Notifications
  "aws:sns/topic:Topic": "SNS topics are free; the first 1,000 e-mail deliveries a month are free (alerts stay far below)",
  "aws:sns/topicSubscription:TopicSubscription": "Subscriptions are free; deliveries are billed per message beyond the free tier",
  "aws:sns/topicPolicy:TopicPolicy": "Policies are free",
  // Load balancing and scaling (billed on the load balancer and the group)
  "aws:lb/targetGroup:TargetGroup": "Target groups are free (capacity is billed as LCUs on the load balancer)",
  "aws:lb/listener:Listener": "Listeners are free (rule evaluations count towards the load balancer's LCUs)",
  "aws:lb/listenerRule:ListenerRule": "Listener rules are free (rule evaluations count towards the load balancer's LCUs)",
  "aws:lb/targetGroupAttachment:TargetGroupAttachment": "Attachments are free",
  "aws:autoscaling/policy:Policy": "Scaling policies are free (their alarms are managed by AWS at no charge)",
  "aws:autoscaling/attachment:Attachment": "Attachments are free",
  "aws:autoscaling/lifecycleHook:LifecycleHook": "Lifecycle hooks are free",
  // Cache configuration
  "aws:elasticache/subnetGroup:SubnetGroup": "Subnet groups are free",
  "aws:elasticache/parameterGroup:ParameterGroup": "Parameter groups are free",
  // Random values live in the state only
  "random:index/randomPassword:RandomPassword": "Generated locally; no cloud resource",
  "random:index/randomString:RandomString": "Generated locally; no cloud resource",
  "random:index/randomId:RandomId": "Generated locally; no cloud resource",
  "random:index/randomPet:RandomPet": "Generated locally; no cloud resource",
  "random:index/randomInteger:RandomInteger": "Generated locally; no cloud resource",
  // S3 bucket sub-resources (storage and requests are billed on the bucket)
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "Bucket configuration is free",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "Bucket configuration is free",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "SSE-S3 encryption is free",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": "SSE-S3 encryption is free",
  "aws:s3/bucketVersioning:BucketVersioning": "Versioning is free (noncurrent versions count as storage on the bucket)",
  "aws:s3/bucketVersioningV2:BucketVersioningV2": "Versioning is free (noncurrent versions count as storage on the bucket)",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": "Lifecycle rules are free (transitions are billed as requests)",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": "Lifecycle rules are free (transitions are billed as requests)",
  "aws:s3/bucketPolicy:BucketPolicy": "Bucket policies are free",
  "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration": "Bucket configuration is free",
  "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2": "Bucket configuration is free",
  // SQS configuration
  "aws:sqs/queuePolicy:QueuePolicy": "Queue policies are free",
  "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": "Redrive settings are free",
  "aws:sqs/redrivePolicy:RedrivePolicy": "Redrive settings are free",
  // CloudFront configuration (traffic is billed on the distribution)
  "aws:cloudfront/originAccessControl:OriginAccessControl": "Origin access control is free",
  "aws:cloudfront/cachePolicy:CachePolicy": "Cache policies are free",
  "aws:cloudfront/originRequestPolicy:OriginRequestPolicy": "Origin request policies are free",
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": "Response headers policies are free",
  // Certificates and DNS records
  "aws:acm/certificate:Certificate": "Public ACM certificates are free",
  "aws:acm/certificateValidation:CertificateValidation": "Validation is free",
  // Systems Manager
  "aws:ssm/document:Document": "SSM documents are free; an Automation run bills its steps ($0.002 per basic step, no free tier for accounts new to Automation since 2025-08-14): the cache failover drill's 3 steps cost under a cent a run",
  // Pulumi's own resources
  "pulumi:pulumi:Stack": "The stack itself",
};

/** Why a type is free, or undefined. Component resources (not custom) cost nothing themselves. */
export function freeReason(type: string, custom: boolean): string | undefined {
  if (FREE_TYPES[type]) return FREE_TYPES[type];
  if (type.startsWith("pulumi:providers:")) return "Provider configuration";
  if (type.startsWith("cutlist:")) return "Component: its children are priced";
  if (!custom) return "Component resource: its children are priced";
  return undefined;
}
