import * as assert from 'node:assert/strict';
import { extract, loadGrammar, only, resources, textAt } from './support';

describe('terraform extractor: AWS instances, launch templates, autoscaling and EKS node groups', () => {
  loadGrammar();

  describe('aws_instance', () => {
    const main = `provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = {
      team = "research"
    }
  }
}

resource "aws_instance" "trainer" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "p5.48xlarge"
  count         = 2

  instance_market_options {
    market_type = "spot"
  }

  tags = {
    Name = "llm-pretraining"
  }
}
`;

    it('reads the type, GPUs from the catalog, count as instances, spot and tags', () => {
      const fact = only(main);
      assert.equal(fact.name, 'aws_instance.trainer');
      assert.equal(textAt(main, fact.nameRange), '"aws_instance" "trainer"');
      assert.equal(fact.cloud, 'aws');
      assert.equal(fact.computeKind, 'vm');
      assert.deepEqual(fact.instanceType?.value, 'p5.48xlarge');
      assert.equal(textAt(main, fact.instanceType?.anchor?.range), '"p5.48xlarge"');
      assert.deepEqual(fact.gpu, { model: 'H100', count: 8 });
      assert.deepEqual(fact.replicas, { desired: 2, min: null, max: null });
      assert.equal(fact.purchase, 'spot');
      assert.deepEqual(fact.tags.own, { Name: 'llm-pretraining' });
      assert.deepEqual(fact.tags.inherited, { team: 'research' });
      assert.deepEqual(fact.purpose, { value: 'training', hints: ['name "trainer" says it trains'] });
      assert.equal(fact.autoscaling.present, false);
    });

    it('is on-demand without market options, and offers the spot market block', () => {
      const text = main.replace(/\n  instance_market_options \{\n    market_type = "spot"\n  \}\n/, '');
      const fact = only(text);
      assert.equal(fact.purchase, 'on-demand');
      assert.equal(fact.spotField?.key, 'instance_market_options.market_type');
      assert.equal(fact.spotField?.value, 'spot');
      assert.equal(textAt(text, fact.spotField?.anchor.range)?.startsWith('resource "aws_instance" "trainer" {'), true);
    });

    it('is not a fact on a CPU instance type', () => {
      assert.deepEqual(resources(main.replace('p5.48xlarge', 'm5.xlarge')), []);
    });
  });

  describe('aws_launch_template and aws_autoscaling_group', () => {
    const main = `resource "aws_launch_template" "gpu" {
  name_prefix   = "inference-"
  instance_type = "g6e.xlarge"

  tag_specifications {
    resource_type = "instance"
    tags = {
      team = "serving"
    }
  }
}

resource "aws_autoscaling_group" "inference" {
  name             = "tgi-inference"
  min_size         = 2
  max_size         = 2
  desired_capacity = 2

  launch_template {
    id      = aws_launch_template.gpu.id
    version = "$Latest"
  }

  tag {
    key                 = "Name"
    value               = "tgi"
    propagate_at_launch = true
  }
}
`;

    it("prices the group with its launch template's instance type, and the template is not counted twice", () => {
      const fact = only(main);
      assert.equal(fact.name, 'aws_autoscaling_group.inference');
      assert.equal(fact.computeKind, 'autoscaling-group');
      assert.equal(fact.instanceType?.value, 'g6e.xlarge');
      assert.equal(textAt(main, fact.instanceType?.anchor?.range), '"g6e.xlarge"');
      assert.deepEqual(fact.gpu, { model: 'L40S', count: 1 });
      assert.deepEqual(fact.replicas, { desired: 2, min: 2, max: 2 });
      assert.equal(fact.autoscaling.present, false);
      assert.deepEqual(fact.autoscalingField && { key: fact.autoscalingField.key, value: fact.autoscalingField.value }, { key: 'min_size', value: 0 });
      assert.deepEqual(fact.tags.own, { Name: 'tgi' });
      assert.deepEqual(fact.tags.inherited, { team: 'serving' });
      assert.equal(fact.purpose.value, 'inference');
      assert.equal(fact.purchase, 'on-demand');
      // The spot switch goes in the launch template, in this same file.
      assert.equal(fact.spotField?.key, 'instance_market_options.market_type');
      assert.ok(textAt(main, fact.spotField?.anchor.range)?.startsWith('resource "aws_launch_template" "gpu"'));
    });

    it('reads a template in another file of the module', () => {
      const [template, group] = main.split('\n\nresource "aws_autoscaling_group"');
      const fact = only({ 'main.tf': `resource "aws_autoscaling_group"${group}`, 'templates.tf': template });
      assert.equal(fact.instanceType?.value, 'g6e.xlarge');
      assert.equal(fact.instanceType?.anchor, undefined, 'a literal in another file is not edited from here');
      assert.equal(fact.spotField, undefined);
    });

    it('reads mixed instances policies: the first override and an all-spot distribution', () => {
      const text = `resource "aws_launch_template" "gpu" {
  instance_type = "g5.xlarge"
}

resource "aws_autoscaling_group" "batch" {
  min_size = 0
  max_size = 8

  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 0
      on_demand_percentage_above_base_capacity = 0
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.gpu.id
      }
      override {
        instance_type = "g5.12xlarge"
      }
    }
  }
}
`;
      const fact = only(text);
      assert.equal(fact.instanceType?.value, 'g5.12xlarge');
      assert.deepEqual(fact.gpu, { model: 'A10G', count: 4 });
      assert.equal(fact.purchase, 'spot');
      assert.deepEqual(fact.autoscaling, { present: true, min: 0, max: 8, anchor: fact.autoscaling.anchor });
      assert.equal(fact.replicas.desired, 0);
    });

    it('counts a launch template no group uses on its own', () => {
      const fact = only(main.split('\n\nresource "aws_autoscaling_group"')[0]);
      assert.equal(fact.name, 'aws_launch_template.gpu');
      assert.equal(fact.computeKind, 'launch-template');
      assert.deepEqual(fact.tags.inherited, { team: 'serving' });
      assert.deepEqual(fact.replicas, { desired: null, min: null, max: null });
    });
  });

  describe('aws_eks_node_group', () => {
    const main = `resource "aws_eks_node_group" "gpu" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "gpu-workers"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.subnet_ids
  ami_type        = "AL2_x86_64_GPU"
  instance_types  = ["g5.2xlarge", "g5.4xlarge"]
  capacity_type   = "ON_DEMAND"

  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 2
  }

  labels = {
    "nvidia.com/gpu.present" = "true"
    workload                 = "finetune"
  }
}
`;

    it('reads the first instance type, capacity type, scaling config and labels', () => {
      const fact = only(main);
      assert.equal(fact.computeKind, 'node-group');
      assert.equal(fact.instanceType?.value, 'g5.2xlarge');
      assert.equal(textAt(main, fact.instanceType?.anchor?.range), '"g5.2xlarge"');
      assert.deepEqual(fact.gpu, { model: 'A10G', count: 1 });
      assert.equal(fact.purchase, 'on-demand');
      assert.equal(textAt(main, fact.purchaseAnchor?.range), '"ON_DEMAND"');
      assert.deepEqual(fact.replicas, { desired: 2, min: 2, max: 2 });
      assert.equal(fact.autoscaling.present, false);
      assert.match(textAt(main, fact.autoscaling.anchor?.range) ?? '', /^scaling_config \{/);
      assert.deepEqual(fact.purpose, { value: 'training', hints: ['label workload "finetune" says it trains'] });
      assert.deepEqual({ key: fact.spotField?.key, value: fact.spotField?.value }, { key: 'capacity_type', value: 'SPOT' });
      assert.deepEqual({ key: fact.autoscalingField?.key, value: fact.autoscalingField?.value }, { key: 'scaling_config.min_size', value: 0 });
    });

    it('reads SPOT and capacity blocks', () => {
      assert.equal(only(main.replace('"ON_DEMAND"', '"SPOT"')).purchase, 'spot');
      assert.equal(only(main.replace('"ON_DEMAND"', '"CAPACITY_BLOCK"')).purchase, 'reserved');
    });

    it('takes the instance type from its launch template', () => {
      const text = `resource "aws_launch_template" "gpu" {
  instance_type = "p4d.24xlarge"
}

resource "aws_eks_node_group" "train" {
  node_group_name = "train"
  launch_template {
    name    = aws_launch_template.gpu.name
    version = aws_launch_template.gpu.latest_version
  }
  scaling_config {
    desired_size = 1
    min_size     = 0
    max_size     = 4
  }
}
`;
      const fact = only(text);
      assert.equal(fact.name, 'aws_eks_node_group.train');
      assert.deepEqual(fact.gpu, { model: 'A100-40', count: 8 });
      assert.equal(fact.autoscaling.present, true);
    });

    it('leaves a note when the instance type is not known here', () => {
      const result = extract(main.replace('["g5.2xlarge", "g5.4xlarge"]', 'var.instance_types'));
      assert.deepEqual(result.facts, []);
      assert.deepEqual(result.notes, ['aws_eks_node_group.gpu: machine type not known here, not checked for GPUs']);
    });
  });
});
