import * as assert from 'node:assert/strict';
import type { Anchor, ComputeResource } from '../../../server/engine/facts';
import { TextEdit } from '../../../server/engine/edits';
import { applyAndParse, extract, loadGrammar, only } from './support';

const at = (text: string, snippet: string, kind: Anchor['kind'] = 'map'): Anchor => {
  const start = text.indexOf(snippet);
  assert.ok(start >= 0, `no ${snippet}`);
  return { range: { start, end: start + snippet.length }, kind };
};

/** Applies a fact's field through the file's own edits, re-parses, and checks applying it again changes nothing. */
function applyField(text: string, pick: (f: ComputeResource) => { anchor: Anchor; key: string; value: unknown } | undefined, name?: string): string {
  const of = (code: string) => (name ? (extract(code).facts as ComputeResource[]).find((f) => f.name === name)! : only(code));
  const field = pick(of(text));
  assert.ok(field, 'the fact has no such field');
  const edits = extract(text).edits.setArgument(field.anchor, field.key, field.value as never);
  const out = applyAndParse(text, edits);
  const field2 = pick(of(out))!;
  assert.deepEqual(extract(out).edits.setArgument(field2.anchor, field2.key, field2.value as never), [], 'applying the field twice changes the file');
  return out;
}

describe('terraform edits', () => {
  loadGrammar();

  describe('setArgument and addKey', () => {
    it('adds an attribute, aligned with the arguments above it', () => {
      const text = `resource "aws_eks_node_group" "gpu" {
  node_group_name = "gpu"
  instance_types  = ["g5.xlarge"]

  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 2
  }
}
`;
      const out = applyField(text, (f) => f.spotField);
      assert.equal(out, text.replace('  }\n}', '  }\n  capacity_type = "SPOT"\n}'));
      assert.equal(only(out).purchase, 'spot');
      const scaled = applyField(text, (f) => f.autoscalingField);
      assert.equal(scaled, text.replace('min_size     = 2', 'min_size     = 0'));
      assert.equal(only(scaled).autoscaling.present, true);
    });

    it('pads a new key to the aligned = of the run it joins', () => {
      const text = `resource "aws_eks_node_group" "gpu" {
  node_group_name = "gpu"
  instance_types  = ["g5.xlarge"]
}
`;
      const out = applyField(text, (f) => f.spotField);
      assert.equal(out, text.replace('["g5.xlarge"]\n', '["g5.xlarge"]\n  capacity_type   = "SPOT"\n'));
    });

    it('creates nested blocks where the provider schema has blocks', () => {
      const text = `resource "aws_instance" "gpu" {
  ami           = "ami-1"
  instance_type = "g5.xlarge"
}
`;
      const out = applyField(text, (f) => f.spotField);
      assert.equal(out, text.replace('"g5.xlarge"\n', '"g5.xlarge"\n  instance_market_options {\n    market_type = "spot"\n  }\n'));
      assert.equal(only(out).purchase, 'spot');
    });

    it('merges an object value into an existing block and adds the GKE autoscaling block', () => {
      const vm = `resource "google_compute_instance" "vm" {
  machine_type = "n1-standard-4"
  guest_accelerator {
    type  = "nvidia-tesla-t4"
    count = 1
  }
  scheduling {
    on_host_maintenance = "TERMINATE"
    automatic_restart   = true
  }
}
`;
      const out = applyField(vm, (f) => f.spotField);
      assert.equal(out, vm.replace('automatic_restart   = true\n', 'automatic_restart   = false\n    provisioning_model  = "SPOT"\n    preemptible         = true\n'));
      assert.equal(only(out).purchase, 'spot');

      const pool = `resource "google_container_node_pool" "gpu" {
  node_count = 2
  node_config {
    machine_type = "g2-standard-8"
    guest_accelerator {
      type  = "nvidia-l4"
      count = 1
    }
  }
}
`;
      const scaled = applyField(pool, (f) => f.autoscalingField);
      assert.equal(scaled, pool.replace('    }\n  }\n}', '    }\n  }\n  autoscaling {\n    min_node_count = 0\n    max_node_count = 2\n  }\n}'));
      assert.equal(only(scaled).autoscaling.present, true);
      const spot = applyField(pool, (f) => f.spotField);
      assert.match(spot, /guest_accelerator \{\n      type  = "nvidia-l4"\n      count = 1\n    \}\n    spot = true\n  \}/);
    });

    it('writes the partners Terraform requires: Azure eviction policy, AKS bounds', () => {
      const vm = `resource "azurerm_linux_virtual_machine" "vm" {
  name = "gpu"
  size = "Standard_NC6s_v3"
}
`;
      // Valid as written; `terraform fmt` realigns a run the new keys are too long for.
      assert.equal(applyField(vm, (f) => f.spotField), vm.replace('"Standard_NC6s_v3"\n', '"Standard_NC6s_v3"\n  priority = "Spot"\n  eviction_policy = "Deallocate"\n'));

      const pool = `resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name       = "gpu"
  vm_size    = "Standard_NC6s_v3"
  node_count = 2
}
`;
      const out = applyField(pool, (f) => f.autoscalingField);
      assert.equal(out, pool.replace('node_count = 2\n', 'node_count = 2\n  auto_scaling_enabled = true\n  min_count = 0\n  max_count = 2\n'));
      assert.deepEqual({ ...only(out).autoscaling, anchor: undefined }, { present: true, min: 0, max: 2, anchor: undefined });

      const v3 = pool.replace('node_count = 2\n', 'node_count = 2\n  enable_auto_scaling = true\n  min_count = 1\n  max_count = 4\n');
      assert.equal(applyField(v3, (f) => f.autoscalingField), v3.replace('min_count = 1', 'min_count = 0'));
    });

    it('adds keys to module objects, one per line, keeping trailing commas', () => {
      const text = `module "eks" {
  source = "terraform-aws-modules/eks/aws"
  eks_managed_node_groups = {
    gpu = {
      instance_types = ["p4d.24xlarge"],
      min_size       = 1,
    }
    small = { instance_types = ["g4dn.xlarge"] }
  }
}
`;
      const out = applyField(text, (f) => f.spotField, 'module.eks.eks_managed_node_groups["gpu"]');
      assert.equal(out, text.replace('min_size       = 1,\n', 'min_size       = 1,\n      capacity_type  = "SPOT",\n'));
      const facts = extract(text).facts as ComputeResource[];
      const small = facts.find((f) => f.name.endsWith('["small"]'))!;
      const edits = extract(text).edits.setArgument(small.spotField!.anchor, 'capacity_type', 'SPOT');
      assert.equal(applyAndParse(text, edits), text.replace('{ instance_types = ["g4dn.xlarge"] }', '{ instance_types = ["g4dn.xlarge"], capacity_type = "SPOT" }'));
    });

    it('spreads a one-line block over lines (HCL allows one argument on a one-line block)', () => {
      const text = `resource "aws_eks_node_group" "gpu" {
  instance_types = ["g5.xlarge"]
  scaling_config { min_size = 2 }
}
`;
      const edits = extract(text).edits.setArgument(at(text, 'scaling_config { min_size = 2 }'), 'max_size', 4);
      assert.equal(applyAndParse(text, edits), text.replace('scaling_config { min_size = 2 }', 'scaling_config {\n    min_size = 2\n    max_size = 4\n  }'));
    });

    it('addKey keeps an existing value; a path through a non-object gives no edit', () => {
      const text = `resource "aws_eks_node_group" "gpu" {
  capacity_type = "ON_DEMAND"
  scaling_config = var.scaling
}
`;
      const { edits } = extract(text);
      const block = at(text, text.slice(0, -1));
      assert.deepEqual(edits.addKey(block, 'capacity_type', 'SPOT'), []);
      assert.deepEqual(edits.setArgument(block, 'scaling_config.min_size', 0), []);
      assert.deepEqual(edits.setArgument({ range: { start: 0, end: 3 }, kind: 'map' }, 'x', 1), [], 'not a block or object');
    });
  });

  describe('replaceLiteral', () => {
    it('renders HCL strings with escapes, numbers, lists and objects', () => {
      const text = 'resource "aws_instance" "x" {\n  instance_type = "p5.48xlarge"\n}\n';
      const { edits } = extract(text);
      const anchor = at(text, '"p5.48xlarge"', 'value');
      assert.equal(TextEdit.apply(text, edits.replaceLiteral(anchor, 'g6e.xlarge')), text.replace('p5.48xlarge', 'g6e.xlarge'));
      assert.equal(edits.replaceLiteral(anchor, 'say "${x}"\n')[0].text, '"say \\"$${x}\\"\\n"');
      assert.equal(edits.replaceLiteral(anchor, ['a', 2, true, null])[0].text, '["a", 2, true, null]');
      assert.equal(edits.replaceLiteral(anchor, { a: 1, 'b.c': 'd' })[0].text, '{ a = 1, "b.c" = "d" }');
      assert.deepEqual(edits.replaceLiteral(anchor, 'p5.48xlarge'), [], 'same value: no edit');
    });
  });

  describe('addTags', () => {
    const tags = { team: 'search', 'cost-center': '42' };

    it('merges into a tags map, quoting keys that are not plain names', () => {
      const text = 'resource "aws_instance" "x" {\n  instance_type = "g5.xlarge"\n  tags = {\n    Name = "x"\n  }\n}\n';
      const fact = only(text);
      const out = applyAndParse(text, extract(text).edits.addTags(fact.tags.anchor!, tags));
      assert.equal(out, text.replace('Name = "x"\n', 'Name = "x"\n    team = "search"\n    "cost-center" = "42"\n'));
      assert.deepEqual(only(out).tags.own, { Name: 'x', team: 'search', 'cost-center': '42' });
      assert.deepEqual(extract(out).edits.addTags(only(out).tags.anchor!, tags), [], 'present tags are not added twice');
    });

    it('adds a tags map, or labels / resource_labels where the resource type uses them', () => {
      const aws = 'resource "aws_instance" "x" {\n  instance_type = "g5.xlarge"\n}\n';
      assert.equal(applyAndParse(aws, extract(aws).edits.addTags(only(aws).tags.anchor!, { team: 'a' })), aws.replace('"g5.xlarge"\n', '"g5.xlarge"\n  tags = { team = "a" }\n'));
      const gce = 'resource "google_compute_instance" "x" {\n  machine_type = "a2-highgpu-1g"\n}\n';
      assert.equal(applyAndParse(gce, extract(gce).edits.addTags(only(gce).tags.anchor!, { team: 'a' })), gce.replace('"a2-highgpu-1g"\n', '"a2-highgpu-1g"\n  labels = { team = "a" }\n'));
      const gke = 'resource "google_container_node_pool" "x" {\n  node_config {\n    machine_type = "a2-highgpu-1g"\n  }\n}\n';
      const out = applyAndParse(gke, extract(gke).edits.addTags(only(gke).tags.anchor!, { team: 'a' }));
      assert.equal(out, gke.replace('"a2-highgpu-1g"\n', '"a2-highgpu-1g"\n    resource_labels = { team = "a" }\n'));
      assert.deepEqual(only(out).tags.own, { team: 'a' });
    });

    it('wraps tags written as an expression in merge(), or adds to a merge() without a literal', () => {
      const text = 'locals {\n  tags = { env = "prod" }\n}\nresource "aws_instance" "x" {\n  instance_type = "g5.xlarge"\n  tags          = local.tags\n}\n';
      const out = applyAndParse(text, extract(text).edits.addTags(only(text).tags.anchor!, { team: 'a' }));
      assert.equal(out, text.replace('= local.tags', '= merge(local.tags, { team = "a" })'));
      assert.deepEqual(only(out).tags.own, { team: 'a' });
      const merged = text.replace('= local.tags', '= merge(local.tags, local.tags)');
      assert.equal(applyAndParse(merged, extract(merged).edits.addTags(only(merged).tags.anchor!, { team: 'a' })), text.replace('= local.tags', '= merge(local.tags, local.tags, { team = "a" })'));
    });

    it('adds tag blocks to an autoscaling group', () => {
      const text = `resource "aws_launch_template" "gpu" {
  instance_type = "g5.xlarge"
}
resource "aws_autoscaling_group" "x" {
  min_size = 1
  max_size = 2
  launch_template {
    id = aws_launch_template.gpu.id
  }
  tag {
    key                 = "Name"
    value               = "x"
    propagate_at_launch = true
  }
}
`;
      const out = applyAndParse(text, extract(text).edits.addTags(only(text).tags.anchor!, { Name: 'y', team: 'a' }));
      assert.equal(out, text.replace('  }\n}\n', '  }\n  tag {\n    key                 = "team"\n    value               = "a"\n    propagate_at_launch = true\n  }\n}\n'));
      assert.deepEqual(only(out).tags.own, { Name: 'x', team: 'a' });
    });
  });
});
