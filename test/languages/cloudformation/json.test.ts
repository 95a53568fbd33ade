import * as assert from 'node:assert/strict';
import { cloudformationExtractor } from '../../../server/languages/cloudformation';
import { applyAndReparse, extractCfn, only, resources, textAt, writeField } from '../yaml/support';

const JSON_FILE = '/project/cfn/stack.json';

// Shaped after eksctl-generated templates: a managed node group with a launch template, as JSON.
const template = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "CapacityType": {"Type": "String", "Default": "ON_DEMAND", "AllowedValues": ["ON_DEMAND", "SPOT"]}
  },
  "Resources": {
    "LaunchTemplate": {
      "Type": "AWS::EC2::LaunchTemplate",
      "Properties": {
        "LaunchTemplateData": {
          "InstanceType": "p4de.24xlarge"
        }
      }
    },
    "ManagedNodeGroup": {
      "Type": "AWS::EKS::Nodegroup",
      "Properties": {
        "AmiType": "AL2_x86_64_GPU",
        "CapacityType": {"Ref": "CapacityType"},
        "ClusterName": "llm",
        "LaunchTemplate": {"Id": {"Ref": "LaunchTemplate"}},
        "NodeRole": {"Fn::GetAtt": ["NodeInstanceRole", "Arn"]},
        "ScalingConfig": {"DesiredSize": 1, "MaxSize": 1, "MinSize": 1}
      }
    },
    "Notebook": {
      "Type": "AWS::EC2::Instance",
      "Properties": {
        "InstanceType": "g6.xlarge",
        "Tags": [
          {"Key": "Name", "Value": "notebook"}
        ]
      }
    }
  }
}
`;

describe('cloudformation: JSON templates', () => {
  it('reads long-form intrinsics ({"Ref": …}) and the node group’s launch template', () => {
    const [nodeGroup, instance] = resources(extractCfn(template, JSON_FILE));
    assert.deepEqual([nodeGroup.name, nodeGroup.instanceType?.value, nodeGroup.gpu?.model, nodeGroup.gpu?.count], ['ManagedNodeGroup', 'p4de.24xlarge', 'A100-80', 8]);
    assert.equal(textAt(template, nodeGroup.nameRange), '"ManagedNodeGroup"');
    assert.equal(textAt(template, nodeGroup.instanceType?.anchor?.range), '"p4de.24xlarge"');
    assert.equal(nodeGroup.purchase, 'on-demand');
    assert.deepEqual([instance.name, instance.gpu?.model], ['Notebook', 'L4']);
  });

  it('switches to spot through the parameter that allows it', () => {
    const result = extractCfn(template, JSON_FILE);
    const [nodeGroup] = resources(result);
    assert.equal(nodeGroup.spotField?.key, 'Default');
    const output = applyAndReparse(cloudformationExtractor, template, writeField(result, nodeGroup.spotField), JSON_FILE);
    assert.equal(output, template.replace('"Default": "ON_DEMAND"', '"Default": "SPOT"'));
    assert.doesNotThrow(() => JSON.parse(output));
    assert.equal(resources(extractCfn(output, JSON_FILE))[0].purchase, 'spot');
  });

  it('writes tags and a scaling minimum as JSON that still parses', () => {
    const result = extractCfn(template, JSON_FILE);
    const [nodeGroup, instance] = resources(result);
    const output = applyAndReparse(
      cloudformationExtractor,
      template,
      [...result.edits.addTags(instance.tags.anchor!, { team: 'ml' }), ...result.edits.addTags(nodeGroup.tags.anchor!, { team: 'ml' }), ...writeField(result, nodeGroup.autoscalingField)],
      JSON_FILE,
    );
    const parsed = JSON.parse(output);
    assert.deepEqual(parsed.Resources.Notebook.Properties.Tags, [{ Key: 'Name', Value: 'notebook' }, { Key: 'team', Value: 'ml' }]);
    assert.deepEqual(parsed.Resources.ManagedNodeGroup.Properties.Tags, { team: 'ml' });
    assert.deepEqual(parsed.Resources.ManagedNodeGroup.Properties.ScalingConfig, { DesiredSize: 1, MaxSize: 1, MinSize: 0 });
    assert.match(output, /\{"Key": "Name", "Value": "notebook"\},\n {10}\{"Key": "team", "Value": "ml"\}\n/);
    const [after] = resources(extractCfn(output, JSON_FILE));
    assert.deepEqual([after.tags.own, after.autoscaling.min], [{ team: 'ml' }, 0]);
  });

  it('an unused launch template is priced on its own, with a hint', () => {
    const text = JSON.stringify({ Resources: { Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { InstanceType: 'g6e.xlarge' } } } } }, null, 2);
    const fact = only(extractCfn(text, JSON_FILE));
    assert.deepEqual([fact.computeKind, fact.gpu?.model], ['launch-template', 'L40S']);
    assert.ok(fact.purpose.hints.some((h) => /not used by a group/.test(h)));
  });
});
