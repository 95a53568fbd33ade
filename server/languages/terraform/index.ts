import type { ComputeResource } from '../../engine/facts';
import { noSyntaxEdits } from '../../engine/edits';
import { describeFailure } from '../../engine/failure';
import type { SourceFile } from '../../engine/source-file';
import { defaultCatalog } from '../../../pricing/catalog';
import type { ExtractOptions, ExtractResult, Extractor } from '../extractor';
import { loadGrammar, parserFor } from '../tree-sitter';
import { readAutoscalingGroup, readAwsInstance, readEksNodeGroup, readLaunchTemplate } from './aws';
import { readClusterNodePool, readKubernetesCluster, readVirtualMachine } from './azure';
import { instancesOf } from './common';
import { hclEdits, type TagStyle } from './edits';
import { isEksModule, readEksModule } from './eks-module';
import { isGkeModule, readGkeModule } from './gke-module';
import { Evaluator } from './evaluate';
import { readComputeInstance, readNodePool } from './gcp';
import { TerraformModule, topBlocks } from './module';
import { readHcl } from './read-tree';
import { toFact, type Instance, type ReadContext, type Reading } from './reading';
import { readEndpointConfiguration, readNotebookInstance } from './sagemaker';
import { HExpr } from './syntax';
import { Val } from './values';

/** Resource types that can run GPUs, and their readers. */
const READERS: Record<string, (inst: Instance, ctx: ReadContext) => Reading[]> = {
  aws_instance: readAwsInstance,
  aws_launch_template: readLaunchTemplate,
  aws_autoscaling_group: readAutoscalingGroup,
  aws_eks_node_group: readEksNodeGroup,
  aws_sagemaker_endpoint_configuration: readEndpointConfiguration,
  aws_sagemaker_notebook_instance: readNotebookInstance,
  google_compute_instance: readComputeInstance,
  google_container_node_pool: readNodePool,
  azurerm_linux_virtual_machine: readVirtualMachine,
  azurerm_windows_virtual_machine: readVirtualMachine,
  azurerm_kubernetes_cluster: readKubernetesCluster,
  azurerm_kubernetes_cluster_node_pool: readClusterNodePool,
};

const PREFILTER = new RegExp(`"(${Object.keys(READERS).join('|')})"|eks_managed_node_groups|self_managed_node_groups|managed_node_groups|-managed-node-group|terraform-google-modules/kubernetes-engine`);

export const terraformExtractor: Extractor = {
  id: 'terraform',
  comments: { line: '#', block: ['/*', '*/'] },
  handlesPath: (path) => /\.(tf|tofu)$/i.test(path),
  mightContainFacts: ({ text }) => PREFILTER.test(text),
  init: async () => {
    await loadGrammar('terraform');
  },
  extract: extractTerraform,
};

export function extractTerraform(source: SourceFile, options: ExtractOptions): ExtractResult {
  const parser = parserFor('terraform');
  if (!parser) return { facts: [], comments: [], errors: [{ message: 'the Terraform grammar is not loaded' }], edits: noSyntaxEdits, notes: [] };
  try {
    return extract(source, options, parser);
  } catch (error) {
    // A reader bug must not take the run down: report it as this file's error.
    return { facts: [], comments: [], errors: [{ message: `cannot read the file: ${describeFailure(error)}`, range: { start: 0, end: 0 } }], edits: noSyntaxEdits, notes: [] };
  }
}

function extract(source: SourceFile, options: ExtractOptions, parser: NonNullable<ReturnType<typeof parserFor>>): ExtractResult {
  const { file, errors, comments } = readHcl(parser, source.path, source.text);
  const module = TerraformModule.load(parser, file, options.project);
  const tagStyles = new Map<string, TagStyle>();
  const ctx: ReadContext = { module, evaluator: new Evaluator(module, file.path), catalog: defaultCatalog(), notes: [], tagStyles };
  const usedTemplates = templatesInUse(module);
  const facts: ComputeResource[] = [];
  for (const block of topBlocks(file)) {
    let instances: Instance[] = [];
    let read: ((inst: Instance, ctx: ReadContext) => Reading[]) | undefined;
    if (block.type === 'resource' && block.labels.length >= 2) {
      read = READERS[block.labels[0]];
      if (!read || (block.labels[0] === 'aws_launch_template' && usedTemplates.has(block.labels[1]))) continue;
      instances = instancesOf(block, file.path, ctx);
    } else if (block.type === 'module' && block.labels[0]) {
      const sourceAttr = block.body.find((e) => e.kind === 'attribute' && e.name === 'source');
      const source = sourceAttr?.kind === 'attribute' ? Val.str(ctx.evaluator.evaluate(sourceAttr.value, ctx.evaluator.frame(file.path))) : undefined;
      read = isEksModule(source) ? readEksModule : isGkeModule(source) ? readGkeModule : undefined;
      if (!read) continue;
      instances = instancesOf(block, file.path, ctx, 'module', `module.${block.labels[0]}`);
    }
    for (const instance of read ? instances : []) {
      for (const reading of read!(instance, ctx)) {
        const fact = toFact(reading, ctx.catalog, instance.multiplier);
        if (fact) facts.push(fact);
        else if (!reading.instanceType && !reading.accelerators.length) ctx.notes.push(`${reading.name}: machine type not known here, not checked for GPUs`);
      }
    }
  }
  return {
    facts: facts.sort((a, b) => a.range.start - b.range.start),
    comments,
    errors: dedupe(errors),
    edits: hclEdits(file, tagStyles),
    notes: ctx.notes,
  };
}

/** Launch templates some group or instance of the module launches: their cost is counted there. */
function templatesInUse(module: TerraformModule): Set<string> {
  const used = new Set<string>();
  for (const file of module.files) {
    for (const block of topBlocks(file)) {
      if ((block.type !== 'resource' && block.type !== 'module') || block.labels[0] === 'aws_launch_template') continue;
      for (const expr of HExpr.inBody(block.body)) {
        if (expr.kind === 'ref' && expr.root === 'aws_launch_template' && expr.path[0]?.kind === 'attr') used.add(expr.path[0].name);
      }
    }
  }
  return used;
}

function dedupe(errors: ExtractResult['errors']): ExtractResult['errors'] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.range?.start}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
