import * as assert from 'node:assert/strict';
import { extract, loadGrammar, only, textAt } from './support';
import { terraformExtractor } from '../../../server/languages/terraform';

describe('terraform extractor: syntax, ranges and broken files', () => {
  loadGrammar();

  it('claims .tf and .tofu files that mention a GPU-capable resource', () => {
    assert.equal(terraformExtractor.handlesPath('/x/main.tf'), true);
    assert.equal(terraformExtractor.handlesPath('/x/main.tofu'), true);
    assert.equal(terraformExtractor.handlesPath('/x/terraform.tfvars'), false);
    const options = { wrappers: [], project: { listDir: () => [], readText: () => undefined } };
    assert.equal(terraformExtractor.mightContainFacts({ path: '/infra/main.tf', text: 'resource "aws_s3_bucket" "b" {}' }, options), false);
    assert.equal(terraformExtractor.mightContainFacts({ path: '/infra/main.tf', text: 'resource "aws_eks_node_group" "b" {}' }, options), true);
    assert.equal(terraformExtractor.mightContainFacts({ path: '/infra/main.tf', text: '  eks_managed_node_groups = {}' }, options), true);
  });

  it('gives ranges in UTF-16 code units after non-ASCII text and emoji', () => {
    const text = `# Équipe ML 🚀🚀 — nœuds GPU
resource "aws_instance" "gpu" {
  tags          = { Name = "modèle-😀" }
  instance_type = "g5.xlarge"
}
`;
    const fact = only(text);
    assert.equal(textAt(text, fact.instanceType?.anchor?.range), '"g5.xlarge"');
    assert.equal(textAt(text, fact.nameRange), '"aws_instance" "gpu"');
    assert.deepEqual(fact.tags.own, { Name: 'modèle-😀' });
    assert.equal(fact.range.end, text.length - 1);
  });

  it('returns comments without their markers', () => {
    const result = extract(`# hash\n// slashes\n/* block */\nresource "aws_instance" "x" {\n  instance_type = "g5.xlarge" # trailing\n}\n`);
    assert.deepEqual(result.comments.map((c) => c.text), [' hash', ' slashes', ' block ', ' trailing']);
  });

  it('reads escapes and interpolations in strings', () => {
    const text = `locals {
  family = "g5"
}
resource "aws_instance" "x" {
  instance_type = "\${local.family}.xlarge"
  tags = { Note = "say \\"hi\\" $\${literal}" }
}
`;
    const fact = only(text);
    assert.equal(fact.instanceType?.value, 'g5.xlarge');
    assert.equal(fact.instanceType?.anchor, undefined, 'a template is not a literal to replace');
    assert.deepEqual(fact.tags.own, { Note: 'say "hi" ${literal}' });
  });

  it('reports broken HCL with a range and still reads the resources around it', () => {
    const text = `resource "aws_instance" "broken" {
  instance_type = "p5.48xlarge"
  ami = 
}

resource "aws_instance" "fine" {
  instance_type = "g5.xlarge"
}
`;
    const result = extract(text);
    assert.ok(result.errors.length > 0);
    for (const error of result.errors) {
      assert.match(error.message, /^HCL syntax error/);
      assert.ok(error.range && error.range.start >= 0 && error.range.end <= text.length);
    }
    const names = result.facts.map((f) => (f.kind === 'ComputeResource' ? f.name : ''));
    assert.ok(names.includes('aws_instance.fine'), `facts: ${names.join(', ')}`);
  });

  it('reports an unclosed block', () => {
    const result = extract('resource "aws_instance" "x" {\n  instance_type = "g5.xlarge"\n');
    assert.deepEqual(result.errors.map((e) => e.message), ['HCL syntax error: missing "}"']);
  });

  it('never throws on garbage', () => {
    const samples = ['}}}{{{', 'resource "aws_instance" {{ = = "', '\u0000\u0001binary\uffff', '"unterminated', 'resource "aws_eks_node_group" "x" { scaling_config { min_size = [ }', '<<EOT\nno end'];
    for (const text of samples) {
      const result = extract(`${text}\n`);
      assert.ok(Array.isArray(result.facts));
      assert.ok(Array.isArray(result.errors));
    }
  });
});
