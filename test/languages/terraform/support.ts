import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ComputeResource } from '../../../server/engine/facts';
import { TextEdit } from '../../../server/engine/edits';
import type { ExtractResult, ProjectView } from '../../../server/languages/extractor';
import { initExtractors } from '../../../server/languages';
import { terraformExtractor } from '../../../server/languages/terraform';

export const DIR = '/project/infra';

/** A module folder held in memory: file name → text. */
export function projectOf(files: Record<string, string>, dir = DIR): ProjectView {
  const all = new Map(Object.entries(files).map(([name, text]) => [path.join(dir, name), text]));
  return { listDir: (d) => [...all.keys()].filter((f) => path.dirname(f) === d), readText: (f) => all.get(f) };
}

export function loadGrammar(): void {
  before(() => initExtractors());
}

/** Extracts `main.tf` (or `file`) of a module whose files are `files`. */
export function extract(files: Record<string, string> | string, file = 'main.tf'): ExtractResult {
  const all = typeof files === 'string' ? { [file]: files } : files;
  return terraformExtractor.extract({ path: path.join(DIR, file), text: all[file] }, { wrappers: [], project: projectOf(all) });
}

/** The facts of a module file, asserting it parsed cleanly. */
export function resources(files: Record<string, string> | string, file = 'main.tf'): ComputeResource[] {
  const result = extract(files, file);
  assert.deepEqual(result.errors, [], 'the module does not parse');
  return result.facts as ComputeResource[];
}

export function only(files: Record<string, string> | string, file = 'main.tf'): ComputeResource {
  const facts = resources(files, file);
  assert.equal(facts.length, 1, `expected one resource, got ${facts.map((f) => f.name).join(', ')}`);
  return facts[0];
}

/** The source text a range covers. */
export function textAt(text: string, range: { start: number; end: number } | undefined): string | undefined {
  return range && text.slice(range.start, range.end);
}

/** Applies edits, asserts the result parses without errors, and returns it. */
export function applyAndParse(text: string, edits: readonly TextEdit[], file = 'main.tf'): string {
  assert.ok(edits.length > 0, 'expected edits');
  const out = TextEdit.apply(text, edits);
  const again = extract({ [file]: out }, file);
  assert.deepEqual(again.errors, [], `the edited file does not parse:\n${out}`);
  return out;
}
