import * as assert from 'node:assert/strict';
import { loadGrammar, only, resources, textAt } from './support';

const endpoint = `resource "aws_sagemaker_endpoint_configuration" "llm" {
  name = "llama-endpoint-config"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = aws_sagemaker_model.llama.name
    instance_type          = "ml.p5.48xlarge"
    initial_instance_count = 1
  }

  tags = {
    team = "assistants"
  }
}

resource "aws_sagemaker_endpoint" "llm" {
  name                 = "llama-endpoint"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.llm.name
}
`;

describe('terraform extractor: SageMaker endpoints and notebooks', () => {
  loadGrammar();

  it('reads a production variant: ml instance type, its EC2 GPUs, count, inference purpose', () => {
    const fact = only(endpoint);
    assert.equal(fact.name, 'aws_sagemaker_endpoint_configuration.llm');
    assert.equal(fact.computeKind, 'managed-endpoint');
    assert.equal(fact.instanceType?.value, 'ml.p5.48xlarge');
    assert.equal(textAt(endpoint, fact.instanceType?.anchor?.range), '"ml.p5.48xlarge"');
    assert.deepEqual(fact.gpu, { model: 'H100', count: 8 });
    assert.deepEqual(fact.replicas, { desired: 1, min: null, max: null });
    assert.deepEqual(fact.purpose, { value: 'inference', hints: ['a SageMaker endpoint serves a model'] });
    assert.equal(fact.purchase, 'on-demand');
    assert.equal(fact.spotField, undefined, 'SageMaker endpoints have no spot capacity');
    assert.equal(fact.autoscaling.present, false);
    assert.deepEqual(fact.tags.own, { team: 'assistants' });
  });

  it('finds Application Auto Scaling on the endpoint variant', () => {
    const scaling = `
resource "aws_appautoscaling_target" "llm" {
  service_namespace  = "sagemaker"
  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"
  resource_id        = "endpoint/\${aws_sagemaker_endpoint.llm.name}/variant/AllTraffic"
  min_capacity       = 1
  max_capacity       = 4
}
`;
    const fact = only({ 'main.tf': endpoint, 'scaling.tf': scaling });
    assert.deepEqual(fact.autoscaling, { present: true, min: 1, max: 4 });
    assert.deepEqual(fact.replicas, { desired: 1, min: 1, max: 4 });
    const otherVariant = scaling.replace('variant/AllTraffic', 'variant/Canary');
    assert.equal(only({ 'main.tf': endpoint, 'scaling.tf': otherVariant }).autoscaling.present, false);
  });

  it('gives one fact per instance variant and skips serverless ones', () => {
    const text = `resource "aws_sagemaker_endpoint_configuration" "ab" {
  production_variants {
    variant_name           = "blue"
    instance_type          = "ml.g5.2xlarge"
    initial_instance_count = 2
  }
  production_variants {
    variant_name           = "green"
    instance_type          = "ml.g6.xlarge"
    initial_instance_count = 1
  }
  production_variants {
    variant_name = "cheap"
    serverless_config {
      max_concurrency   = 5
      memory_size_in_mb = 4096
    }
  }
}
`;
    const facts = resources(text);
    assert.deepEqual(facts.map((f) => [f.name, f.gpu?.model, f.replicas.desired]), [
      ['aws_sagemaker_endpoint_configuration.ab (variant blue)', 'A10G', 2],
      ['aws_sagemaker_endpoint_configuration.ab (variant green)', 'L4', 1],
    ]);
    assert.equal(textAt(text, facts[1].nameRange), 'production_variants');
  });

  it('reads a notebook instance, purpose from its name', () => {
    const text = `resource "aws_sagemaker_notebook_instance" "finetune" {
  name          = "llm-finetune-notebook"
  role_arn      = aws_iam_role.sagemaker.arn
  instance_type = "ml.g5.xlarge"
}
`;
    const fact = only(text);
    assert.equal(fact.computeKind, 'notebook');
    assert.deepEqual(fact.gpu, { model: 'A10G', count: 1 });
    assert.equal(fact.purpose.value, 'training');
    assert.equal(fact.tags.anchor?.kind, 'map');
    assert.deepEqual(resources(text.replace('ml.g5.xlarge', 'ml.t3.medium')), []);
  });
});
