/** Where a consumer in another Region than the service may be: AWS PrivateLink cross-Region connectivity. */

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

/**
 * Regions of the `aws` partition, as AWS's "AWS Region billing codes" page listed them on 2026-12-06:
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html
 * The product writes `arn:aws:` ARNs, so the other partitions (GovCloud `us-gov-*`, China `cn-*`, the European
 * Sovereign Cloud) are not in it. A Region AWS opens later is refused until it is added here.
 */
export const AWS_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;
