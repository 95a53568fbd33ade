import * as assert from 'node:assert/strict';
import { cloudformationExtractor } from '../../../server/languages/cloudformation';
import { CFN_FILE, applyAndReparse, extractCfn, only, resources, textAt, writeField } from '../yaml/support';

// Shaped after the amazon-eks-nodegroup.yaml self-managed node group template: an Auto Scaling
// group launched from a launch template whose instance type is a parameter.
const selfManaged = `AWSTemplateFormatVersion: "2010-09-09"
Description: Amazon EKS - GPU node group
Parameters:
  NodeInstanceType:
    Type: String
    Default: g4dn.xlarge
    AllowedValues: [g4dn.xlarge, g4dn.2xlarge, g5.xlarge]
  NodeAutoScalingGroupMinSize:
    Type: Number
    Default: 1
  NodeAutoScalingGroupMaxSize:
    Type: Number
    Default: 4
  NodeAutoScalingGroupDesiredCapacity:
    Type: Number
    Default: 3
Resources:
  NodeLaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0123456789abcdef0
        InstanceType: !Ref NodeInstanceType
  NodeGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      DesiredCapacity: !Ref NodeAutoScalingGroupDesiredCapacity
      MinSize: !Ref NodeAutoScalingGroupMinSize
      MaxSize: !Ref NodeAutoScalingGroupMaxSize
      LaunchTemplate:
        LaunchTemplateId: !Ref NodeLaunchTemplate
        Version: !GetAtt NodeLaunchTemplate.LatestVersionNumber
      Tags:
        - Key: !Sub kubernetes.io/cluster/\${AWS::StackName}
          Value: owned
          PropagateAtLaunch: true
        - Key: Name
          Value: gpu-node
          PropagateAtLaunch: true
`;

const nodegroup = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ClusterName: {Type: String, Default: ml}
Resources:
  TrainingNodes:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: !Ref ClusterName
      NodegroupName: !Sub "\${ClusterName}-training"
      AmiType: AL2_x86_64_GPU
      CapacityType: ON_DEMAND
      InstanceTypes:
        - g5.12xlarge
      ScalingConfig:
        MinSize: 2
        MaxSize: 2
        DesiredSize: 2
      NodeRole: !GetAtt NodeRole.Arn
      Subnets: !Split [",", !ImportValue PrivateSubnets]
      Tags:
        project: llm
`;

describe('cloudformation: resources', () => {
  it('Auto Scaling group from a launch template: parameter defaults, scaling bounds, the template priced once', () => {
    const fact = only(extractCfn(selfManaged));
    assert.equal(fact.name, 'NodeGroup');
    assert.equal(textAt(selfManaged, fact.nameRange), 'NodeGroup');
    assert.deepEqual([fact.cloud, fact.computeKind, fact.resourceType], ['aws', 'autoscaling-group', 'AWS::AutoScaling::AutoScalingGroup']);
    assert.deepEqual(fact.instanceType, { value: 'g4dn.xlarge' }, 'no anchor: the parameter only allows some values');
    assert.deepEqual(fact.gpu, { model: 'T4', count: 1 });
    assert.deepEqual(fact.replicas, { desired: 3, min: 1, max: 4 });
    assert.deepEqual([fact.autoscaling.present, fact.autoscaling.min, fact.autoscaling.max], [true, 1, 4]);
    assert.equal(fact.purchase, 'on-demand');
    assert.deepEqual(fact.tags.own, { Name: 'gpu-node' }, 'a computed key is not a tag name');
    assert.ok(fact.purpose.hints.some((h) => /parameter NodeInstanceType/.test(h)));
  });

  it('its spot field goes into the launch template; its autoscaling field into the parameter default', () => {
    const result = extractCfn(selfManaged);
    const fact = only(result);
    assert.deepEqual([fact.spotField?.key, fact.autoscalingField?.key], ['InstanceMarketOptions.MarketType', 'Default']);
    let output = applyAndReparse(cloudformationExtractor, selfManaged, writeField(result, fact.spotField), CFN_FILE);
    assert.match(output, /InstanceType: !Ref NodeInstanceType\n {8}InstanceMarketOptions:\n {10}MarketType: spot\n/);
    const spot = extractCfn(output);
    assert.equal(only(spot).purchase, 'spot');
    output = applyAndReparse(cloudformationExtractor, output, writeField(spot, only(spot).autoscalingField), CFN_FILE);
    assert.match(output, /NodeAutoScalingGroupMinSize:\n {4}Type: Number\n {4}Default: 0\n/);
    assert.deepEqual(only(extractCfn(output)).autoscaling.min, 0);
  });

  it('adds tags to a Key/Value list with PropagateAtLaunch', () => {
    const result = extractCfn(selfManaged);
    const output = applyAndReparse(cloudformationExtractor, selfManaged, result.edits.addTags(only(result).tags.anchor!, { team: 'ml' }), CFN_FILE);
    assert.ok(output.endsWith('          Value: gpu-node\n          PropagateAtLaunch: true\n        - Key: team\n          Value: ml\n          PropagateAtLaunch: true\n'));
  });

  it('EKS managed node group: instance types, capacity type, fixed scaling, tag map', () => {
    const result = extractCfn(nodegroup);
    const fact = only(result);
    assert.deepEqual([fact.computeKind, fact.instanceType?.value, fact.gpu?.model, fact.gpu?.count], ['node-group', 'g5.12xlarge', 'A10G', 4]);
    assert.equal(textAt(nodegroup, fact.instanceType?.anchor?.range), 'g5.12xlarge');
    assert.deepEqual(fact.replicas, { desired: 2, min: 2, max: 2 });
    assert.equal(fact.autoscaling.present, false);
    assert.equal(fact.purchase, 'on-demand');
    assert.equal(textAt(nodegroup, fact.purchaseAnchor?.range), 'ON_DEMAND');
    assert.equal(fact.purpose.value, 'training', 'from its node group name');
    assert.deepEqual(fact.tags.own, { project: 'llm' });

    let output = applyAndReparse(cloudformationExtractor, nodegroup, writeField(result, fact.spotField), CFN_FILE);
    assert.equal(output, nodegroup.replace('CapacityType: ON_DEMAND', 'CapacityType: SPOT'));
    output = applyAndReparse(cloudformationExtractor, nodegroup, writeField(result, fact.autoscalingField), CFN_FILE);
    assert.equal(output, nodegroup.replace('MinSize: 2', 'MinSize: 0'));
    output = applyAndReparse(cloudformationExtractor, nodegroup, result.edits.addTags(fact.tags.anchor!, { 'kubernetes.io/team': 'ml' }), CFN_FILE);
    assert.equal(output, nodegroup.replace('        project: llm\n', '        project: llm\n        kubernetes.io/team: ml\n'));
  });

  it('EC2 instance: !FindInMap through a parameter, a new Tags list, a spot market option', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: prod}
Mappings:
  Sizes:
    prod: {Type: p5.48xlarge}
    dev: {Type: g6.xlarge}
Resources:
  Trainer:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abc
      InstanceType: !FindInMap [Sizes, !Ref Env, Type]
`;
    const result = extractCfn(text);
    const fact = only(result);
    assert.deepEqual([fact.computeKind, fact.instanceType?.value, fact.gpu?.model, fact.gpu?.count, fact.replicas.desired], ['vm', 'p5.48xlarge', 'H100', 8, 1]);
    assert.equal(textAt(text, fact.instanceType?.anchor?.range), 'p5.48xlarge');
    let output = applyAndReparse(cloudformationExtractor, text, result.edits.addTags(fact.tags.anchor!, { team: 'ml' }), CFN_FILE);
    assert.ok(output.endsWith('      InstanceType: !FindInMap [Sizes, !Ref Env, Type]\n      Tags:\n        - Key: team\n          Value: ml\n'));
    assert.deepEqual(only(extractCfn(output)).tags.own, { team: 'ml' });
    output = applyAndReparse(cloudformationExtractor, text, writeField(result, fact.spotField), CFN_FILE);
    assert.equal(only(extractCfn(output)).purchase, 'spot');
  });

  it('Auto Scaling group with a mixed instances policy: overrides and the on-demand share', () => {
    const text = `Resources:
  Inference:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "0"
      MaxSize: "6"
      MixedInstancesPolicy:
        InstancesDistribution:
          OnDemandPercentageAboveBaseCapacity: 100
        LaunchTemplate:
          LaunchTemplateSpecification: {LaunchTemplateName: gpu-lt, Version: "1"}
          Overrides:
            - InstanceType: g5.xlarge
            - InstanceType: g5.2xlarge
`;
    const result = extractCfn(text);
    const fact = only(result);
    assert.deepEqual([fact.instanceType?.value, fact.purchase, fact.replicas.desired, fact.autoscaling.present], ['g5.xlarge', 'on-demand', 0, true]);
    assert.equal(fact.autoscalingField, undefined, 'already reaches zero');
    const output = applyAndReparse(cloudformationExtractor, text, writeField(result, fact.spotField), CFN_FILE);
    assert.equal(output, text.replace('OnDemandPercentageAboveBaseCapacity: 100', 'OnDemandPercentageAboveBaseCapacity: 0'));
    assert.equal(only(extractCfn(output)).purchase, 'spot');
  });

  it('SageMaker endpoint config: one fact per GPU variant, autoscaled by a scalable target', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  LlmEndpointConfig:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:
        - VariantName: AllTraffic
          ModelName: !GetAtt Model.ModelName
          InstanceType: ml.g5.2xlarge
          InitialInstanceCount: 2
        - VariantName: Shadow
          ModelName: !GetAtt Model.ModelName
          InstanceType: ml.m5.large
          InitialInstanceCount: 1
      Tags:
        - {Key: team, Value: search}
  Scaling:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Properties:
      ServiceNamespace: sagemaker
      ScalableDimension: sagemaker:variant:DesiredInstanceCount
      ResourceId: !Join ["/", [endpoint, !GetAtt Endpoint.EndpointName, variant, AllTraffic]]
      MinCapacity: 1
      MaxCapacity: 4
`;
    const fact = only(extractCfn(text));
    assert.deepEqual([fact.name, fact.computeKind, fact.instanceType?.value, fact.gpu?.model], ['LlmEndpointConfig/AllTraffic', 'managed-endpoint', 'ml.g5.2xlarge', 'A10G']);
    assert.equal(textAt(text, fact.nameRange), 'AllTraffic');
    assert.equal(textAt(text, fact.range)?.split('\n')[0], 'VariantName: AllTraffic');
    assert.equal(fact.purpose.value, 'inference');
    assert.deepEqual(fact.replicas, { desired: 2, min: 1, max: 4 });
    assert.equal(fact.autoscaling.present, true);
    assert.deepEqual(fact.tags.own, { team: 'search' });
  });

  it('SageMaker notebook instance', () => {
    const fact = only(extractCfn('Resources:\n  Lab:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      InstanceType: ml.p3.2xlarge\n      RoleArn: arn\n'));
    assert.deepEqual([fact.computeKind, fact.gpu?.model, fact.gpu?.count], ['notebook', 'V100', 1]);
  });

  it('CPU instances are no fact; an instance type behind a condition is noted, not priced', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  Big: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties: {InstanceType: t3.large}
  Maybe:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: !If [Big, p4d.24xlarge, g5.xlarge]
`;
    const result = extractCfn(text);
    assert.deepEqual(resources(result), []);
    assert.deepEqual(result.notes, ['Maybe: instance type unknown (depends on condition Big): not priced']);
  });

  it('a malformed template gives an error with a position and no crash', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Gpu:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: [g5.xlarge\n';
    const result = cloudformationExtractor.extract({ path: CFN_FILE, text }, { wrappers: [], project: { listDir: () => [], readText: () => undefined } });
    assert.ok(result.errors.length > 0);
    assert.ok(result.errors[0].range && result.errors[0].range.start >= text.indexOf('[g5'));
  });
});
