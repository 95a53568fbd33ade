import * as assert from 'node:assert/strict';
import { extract, loadGrammar, only, resources, textAt } from './support';

const node = (extra = '') => `resource "aws_eks_node_group" "gpu" {
  node_group_name = "gpu"
  instance_types  = [var.instance_type]
${extra}
  scaling_config {
    desired_size = var.nodes
    min_size     = var.nodes
    max_size     = var.nodes
  }
}
`;

const variables = `variable "instance_type" {
  type    = string
  default = "g5.xlarge"
}

variable "nodes" {
  type    = number
  default = 2
}
`;

describe('terraform extractor: module context (variables, locals, tfvars, count, providers)', () => {
  loadGrammar();

  it('resolves variables from their defaults in another file', () => {
    const fact = only({ 'main.tf': node(), 'variables.tf': variables });
    assert.equal(fact.instanceType?.value, 'g5.xlarge');
    assert.deepEqual(fact.replicas, { desired: 2, min: 2, max: 2 });
  });

  it('lets terraform.tfvars, then *.auto.tfvars, override defaults', () => {
    const files = { 'main.tf': node(), 'variables.tf': variables, 'terraform.tfvars': 'instance_type = "g6e.xlarge"\nnodes = 3\n' };
    assert.equal(only(files).instanceType?.value, 'g6e.xlarge');
    assert.equal(only({ ...files, 'gpu.auto.tfvars': 'instance_type = "p5.48xlarge"\n' }).instanceType?.value, 'p5.48xlarge');
    assert.deepEqual(only({ ...files, 'gpu.auto.tfvars': 'instance_type = "p5.48xlarge"\n' }).replicas.desired, 3);
  });

  it('is not a fact when a variable has no default (nothing known to price)', () => {
    const result = extract({ 'main.tf': node(), 'variables.tf': 'variable "instance_type" {}\n' });
    assert.deepEqual(result.facts, []);
    assert.equal(result.notes.length, 1);
  });

  it('resolves locals across files, through conditionals and lookups', () => {
    const files = {
      'locals.tf': `locals {
  env        = "prod"
  gpu_by_env = { prod = "p4de.24xlarge", dev = "g5.xlarge" }
  gpu_type   = lookup(local.gpu_by_env, local.env, "g5.xlarge")
  big        = local.env == "prod" ? true : false
}
`,
      'main.tf': `resource "aws_instance" "x" {
  instance_type = local.big ? local.gpu_type : "g4dn.xlarge"
}
`,
    };
    const fact = only(files);
    assert.equal(fact.instanceType?.value, 'p4de.24xlarge');
    assert.deepEqual(fact.gpu, { model: 'A100-80', count: 8 });
  });

  it('does not loop on locals that refer to themselves', () => {
    const text = `locals {
  a = local.b
  b = local.a
}
resource "aws_instance" "x" {
  instance_type = local.a
}
`;
    assert.deepEqual(resources(text), []);
  });

  it('evaluates each local once, however often it is referred to', () => {
    const chain = Array.from({ length: 40 }, (_, i) => `  t${i + 1} = merge(local.t${i}, local.t${i}, { k${i} = "v" })`).join('\n');
    const text = `locals {\n  t0 = { team = "a" }\n${chain}\n}\nresource "aws_instance" "x" {\n  instance_type = "g5.xlarge"\n  tags          = local.t30\n}\n`;
    const started = Date.now();
    const fact = only(text);
    assert.ok(Date.now() - started < 2000, 'evaluation is not exponential');
    assert.equal(fact.tags.inherited.team, 'a');
    assert.equal(Object.keys(fact.tags.inherited).length, 31);
  });

  it('reads count: literal, from a variable, conditional, and 0 as disabled', () => {
    const instance = (count: string) => `resource "aws_instance" "x" {\n  count         = ${count}\n  instance_type = "g5.xlarge"\n}\n`;
    assert.equal(only(instance('3')).replicas.desired, 3);
    assert.equal(only({ 'main.tf': instance('var.n * 2'), 'v.tf': 'variable "n" {\n  default = 2\n}\n' }).replicas.desired, 4);
    assert.equal(only({ 'main.tf': instance('var.enabled ? 1 : 0'), 'v.tf': 'variable "enabled" {\n  default = true\n}\n' }).replicas.desired, 1);
    assert.deepEqual(resources({ 'main.tf': instance('var.enabled ? 1 : 0'), 'v.tf': 'variable "enabled" {\n  default = false\n}\n' }), []);
    const unknown = extract(instance('length(data.aws_subnets.all.ids)'));
    assert.equal((unknown.facts[0] as { replicas: { desired: number } }).replicas.desired, 1);
    assert.deepEqual(unknown.notes, ['aws_instance.x: count not known here, read as one instance']);
  });

  it('reads a for_each that does not vary the body as replicas', () => {
    const text = `resource "aws_instance" "x" {
  for_each      = toset(["a", "b", "c"])
  instance_type = "g5.xlarge"
}
`;
    assert.equal(only(text).replicas.desired, 3);
  });

  it('takes default_tags from the provider the resource uses, by alias', () => {
    const providers = `provider "aws" {
  default_tags {
    tags = { team = "default" }
  }
}

provider "aws" {
  alias = "ml"
  default_tags {
    tags = { team = "ml", cost_center = "42" }
  }
}
`;
    const text = `resource "aws_instance" "x" {
  provider      = aws.ml
  instance_type = "g5.xlarge"
}
`;
    assert.deepEqual(only({ 'main.tf': text, 'providers.tf': providers }).tags.inherited, { team: 'ml', cost_center: '42' });
    assert.deepEqual(only({ 'main.tf': text.replace('  provider      = aws.ml\n', ''), 'providers.tf': providers }).tags.inherited, { team: 'default' });
  });

  it('splits merge(local.tags, { … }) into inherited and own tags, anchored at the literal', () => {
    const text = `locals {
  tags = { team = "search", env = "prod" }
}
resource "aws_instance" "x" {
  instance_type = "g5.xlarge"
  tags = merge(local.tags, {
    Name = "gpu-box"
    env  = "staging"
  })
}
`;
    const fact = only(text);
    assert.deepEqual(fact.tags.own, { Name: 'gpu-box', env: 'staging' });
    assert.deepEqual(fact.tags.inherited, { team: 'search' });
    assert.equal(fact.tags.anchor?.kind, 'map');
    assert.match(textAt(text, fact.tags.anchor?.range) ?? '', /^\{\n    Name = "gpu-box"/);
    assert.equal(fact.tags.unresolved, undefined);
  });

  it('marks tags that come from a variable without default as unresolved', () => {
    const text = `variable "tags" {
  type = map(string)
}
resource "aws_instance" "x" {
  instance_type = "g5.xlarge"
  tags          = merge(var.tags, { Name = "x" })
}
`;
    const fact = only(text);
    assert.equal(fact.tags.unresolved, true);
    assert.deepEqual(fact.tags.own, { Name: 'x' });
  });

  it('sees a sibling file change (an edited buffer) on the next run', () => {
    assert.equal(only({ 'main.tf': node(), 'variables.tf': variables }).instanceType?.value, 'g5.xlarge');
    assert.equal(only({ 'main.tf': node(), 'variables.tf': variables.replace('g5.xlarge', 'g6.xlarge') }).instanceType?.value, 'g6.xlarge');
  });
});
