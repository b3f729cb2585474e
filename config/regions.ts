/** Regions of consumers (issue 17): AWS PrivateLink cross-Region connectivity. */

/**
 * Regions where AWS launched cross-Region connectivity for endpoint services (both the service's and the consumer's
 * Region must offer it), as the launch announcement lists them:
 * https://aws.amazon.com/about-aws/whats-new/2024/11/aws-privatelink-across-region-connectivity/
 * AWS may have added Regions since: add them here once its PrivateLink guide lists them.
 */
export const CROSS_REGION_PRIVATELINK_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
] as const;

/**
 * "Cross-Region access is not supported for the following Availability Zones: use1-az3, usw1-az2, apne1-az3,
 * apne2-az2, and apne2-az4." https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html#endpoint-service-cross-region
 */
export const NO_REMOTE_ACCESS_AZ_IDS = ['use1-az3', 'usw1-az2', 'apne1-az3', 'apne2-az2', 'apne2-az4'] as const;
