import type { ComputeResource } from '../../engine/facts';
import type { SourceFile } from '../../engine/source-file';
import { defaultCatalog } from '../../../pricing/catalog';
import type { ExtractResult, Extractor } from '../extractor';
import { createYamlEditor } from '../yaml/edits';
import { parseYamlStream } from '../yaml/parse';
import { YamlReader } from '../yaml/reader';
import { passthroughTags } from '../yaml/tags';
import { eksNodegroup, sageMakerEndpointConfig, sageMakerNotebook, scalableTargets } from './managed';
import { autoScalingGroup, ec2Instance, launchTemplate, launchTemplateOf, type Context } from './resources';
import { INTRINSIC_TAGS, Template } from './template';

const COMPUTE_TYPES = ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::EKS::Nodegroup', 'AWS::SageMaker::EndpointConfig', 'AWS::SageMaker::NotebookInstance'];
const TEMPLATE_TEXT = /\bAWSTemplateFormatVersion\b|["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::/;
const COMPUTE_TEXT = new RegExp(COMPUTE_TYPES.join('|'));
const customTags = passthroughTags(INTRINSIC_TAGS);

export const cloudformationExtractor: Extractor = {
  id: 'cloudformation',
  comments: { line: '#' },
  handlesPath: (file) => /\.(ya?ml|json|template)$/i.test(file),
  mightContainFacts: ({ text }) => TEMPLATE_TEXT.test(text) && COMPUTE_TEXT.test(text),
  extract: extractCloudFormation,
};

export function extractCloudFormation(file: SourceFile): ExtractResult {
  const json = /^\uFEFF?\s*\{/.test(file.text);
  const stream = parseYamlStream(file.text, { customTags });
  const editor = createYamlEditor(stream, { json });
  const errors = stream.documents.flatMap((d) => d.errors);
  const facts: ComputeResource[] = [];
  const notes: string[] = [];
  if (stream.documents.length > 1) notes.push('a CloudFormation template is one document: only the first was read');
  const document = stream.documents[0];
  const reader = document && !document.rejected ? new YamlReader(document.doc) : undefined;
  const root = reader?.map(document.doc.contents);
  if (reader && root) {
    const ctx: Context = { t: new Template(reader, root), editor, catalog: defaultCatalog(), text: file.text, notes };
    const targets = scalableTargets(ctx);
    const usedTemplates = new Set(
      ctx.t.resources.flatMap((r) => {
        const props = r.properties;
        const specs = [reader.mapAt(props, 'LaunchTemplate'), reader.mapAt(props, 'MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification')];
        return specs.flatMap((spec) => launchTemplateOf(ctx, spec)?.logicalId ?? []);
      }),
    );
    for (const resource of ctx.t.resources) {
      switch (resource.type) {
        case 'AWS::EC2::Instance':
          facts.push(...optional(ec2Instance(ctx, resource)));
          break;
        case 'AWS::EC2::LaunchTemplate':
          // A template used by a group or instance here is priced there, once.
          if (!usedTemplates.has(resource.logicalId)) facts.push(...optional(launchTemplate(ctx, resource)));
          break;
        case 'AWS::AutoScaling::AutoScalingGroup':
          facts.push(...optional(autoScalingGroup(ctx, resource)));
          break;
        case 'AWS::EKS::Nodegroup':
          facts.push(...optional(eksNodegroup(ctx, resource)));
          break;
        case 'AWS::SageMaker::EndpointConfig':
          facts.push(...sageMakerEndpointConfig(ctx, resource, targets));
          break;
        case 'AWS::SageMaker::NotebookInstance':
          facts.push(...optional(sageMakerNotebook(ctx, resource)));
          break;
      }
    }
  }
  return { facts: facts.sort((a, b) => a.range.start - b.range.start), comments: stream.comments, errors, edits: editor, notes };
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
