import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ComputeResource, Range, ResourceField } from '../../../server/engine/facts';
import { TextEdit, type Value } from '../../../server/engine/edits';
import type { ExtractResult, Extractor, ProjectView } from '../../../server/languages/extractor';
import { cloudformationExtractor } from '../../../server/languages/cloudformation';
import { kubernetesExtractor } from '../../../server/languages/kubernetes';

export const K8S_FILE = '/project/k8s/workload.yaml';
export const CFN_FILE = '/project/cfn/template.yaml';

/** A project of in-memory files beside `file` (paths relative to its folder). */
export function projectWith(file: string, files: Record<string, string> = {}): ProjectView {
  const dir = path.dirname(file);
  const all = new Map(Object.entries(files).map(([name, text]) => [path.join(dir, name), text]));
  return { listDir: (d) => (d === dir ? [file, ...all.keys()] : []), readText: (f) => all.get(f) };
}

export function extractWith(extractor: Extractor, text: string, file: string, files?: Record<string, string>): ExtractResult {
  const options = { wrappers: [], project: projectWith(file, files) };
  assert.ok(extractor.mightContainFacts({ path: file, text }, options), `${extractor.id} does not claim the text`);
  return extractor.extract({ path: file, text }, options);
}

export const extractK8s = (text: string, files?: Record<string, string>, file = K8S_FILE) => extractWith(kubernetesExtractor, text, file, files);
export const extractCfn = (text: string, file = CFN_FILE) => extractWith(cloudformationExtractor, text, file);

export function resources(result: ExtractResult): ComputeResource[] {
  assert.deepEqual(result.errors, [], 'extraction errors');
  return result.facts.filter((f): f is ComputeResource => f.kind === 'ComputeResource');
}

/** The one fact of a clean extraction. */
export function only(result: ExtractResult): ComputeResource {
  const facts = resources(result);
  assert.equal(facts.length, 1, `expected one fact, got ${facts.map((f) => f.name).join(', ')}`);
  return facts[0];
}

export const textAt = (text: string, range: Range | undefined) => (range ? text.slice(range.start, range.end) : undefined);

/** Applies edits, then checks the result still extracts without errors; returns the new text. */
export function applyAndReparse(extractor: Extractor, text: string, edits: TextEdit[], file: string): string {
  assert.ok(edits.length > 0, 'no edits');
  const output = TextEdit.apply(text, edits);
  const options = { wrappers: [], project: projectWith(file) };
  const again = extractor.extract({ path: file, text: output }, options);
  assert.deepEqual(again.errors, [], `the edited text does not parse:\n${output}`);
  return output;
}

/** Writes a resource field (spot, autoscaling) with the extraction's own edits. */
export function writeField(result: ExtractResult, field: ResourceField | undefined): TextEdit[] {
  assert.ok(field, 'no field');
  return result.edits.setArgument(field.anchor, field.key, field.value as Value);
}
