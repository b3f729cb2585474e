import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { EndpointService } from '../../modules/endpoint-service';
import { blocksOf, synthModule } from '../synth-module';

function synth(allowedAccountIds: string[]) {
  return synthModule((scope, provider) => {
    new EndpointService(scope, 'EndpointService', { provider, name: 'privapi-service', networkLoadBalancerArns: ['arn:nlb'], allowedAccountIds, supportedRegions: ['ap-northeast-1'] });
  });
}

describe('EndpointService', () => {
  it('fronts the NLB and admits exactly the listed account roots', () => {
    const { json, parsed } = synth(['222222222222', '333333333333']);
    expect(json).toHaveResourceWithProperties(VpcEndpointService, {
      network_load_balancer_arns: ['arn:nlb'],
      acceptance_required: false,
      allowed_principals: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::333333333333:root'],
      provider: 'aws.test',
    });
    expect(parsed.resource.aws_vpc_endpoint_service_allowed_principal).toBeUndefined();
  });

  it('lists an account once when two customers share it', () => {
    const [service] = blocksOf(synth(['333333333333', '222222222222', '333333333333']).parsed, 'aws_vpc_endpoint_service');
    expect(service.allowed_principals).toEqual(['arn:aws:iam::222222222222:root', 'arn:aws:iam::333333333333:root']);
  });

  it('admits nobody when no account is listed (never "*")', () => {
    const [service] = blocksOf(synth([]).parsed, 'aws_vpc_endpoint_service');
    expect(service.allowed_principals).toEqual([]);
  });
});

describe('EndpointService: the AZs of the NLB', () => {
  it('adds the service alone, with no provisioner: enabling a new AZ is EndpointServiceAzEnabler\'s', () => {
    const { parsed } = synth(['222222222222']);
    expect(Object.keys(parsed.resource)).toEqual(['aws_vpc_endpoint_service']);
    const [service] = blocksOf(parsed, 'aws_vpc_endpoint_service');
    expect(service.provisioner).toBeUndefined();
  });
});

describe('EndpointService: consumer regions', () => {
  function regionsOf(supportedRegions: string[]) {
    return synthModule((scope, provider) => {
      new EndpointService(scope, 'EndpointService', { provider, name: 'privapi-service', networkLoadBalancerArns: ['arn:nlb'], allowedAccountIds: ['222222222222'], supportedRegions });
    }).parsed.resource.aws_vpc_endpoint_service;
  }

  it('lists each region once, sorted, whatever the order and repeats of the consumers', () => {
    const [service] = Object.values(regionsOf(['ap-northeast-1', 'us-east-1', 'ap-northeast-1', 'eu-west-1'])) as any[];
    expect(service.supported_regions).toEqual(['ap-northeast-1', 'eu-west-1', 'us-east-1']);
  });

  it('sets the list even with the service\'s own region only, so removing a region is planned', () => {
    const [service] = Object.values(regionsOf(['ap-northeast-1'])) as any[];
    expect(service.supported_regions).toEqual(['ap-northeast-1']);
  });
});
