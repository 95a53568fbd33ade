import type { ExtractOptions, Extractor } from './extractor';
import { pythonExtractor } from './python';
import { typescriptExtractor } from './typescript';
import { terraformExtractor } from './terraform';
import { cloudformationExtractor } from './cloudformation';
import { kubernetesExtractor } from './kubernetes';

/** Every extractor, in the order they claim files (the first whose path and prefilter match wins). */
export const extractors: readonly Extractor[] = [typescriptExtractor, pythonExtractor, terraformExtractor, cloudformationExtractor, kubernetesExtractor];

/**
 * Loads extractors' parsers (wasm grammars) before linting: every one, or only those that handle
 * one of `paths` (a TypeScript-only scan never compiles the Python and Terraform grammars). Loads once.
 */
export async function initExtractors(paths?: readonly string[]): Promise<void> {
  const wanted = paths ? extractors.filter((e) => paths.some((p) => e.handlesPath(p))) : extractors;
  await Promise.all(wanted.map((e) => e.init?.()));
}

/** Whether any extractor could handle this path (used to pick files before reading them). */
export function isCandidatePath(path: string): boolean {
  return extractors.some((e) => e.handlesPath(path));
}

/**
 * Files changed on disk (any file when `changed` is not given): extractors that keep answers about
 * other project files and handle one of them drop those answers. True when any did (documents
 * that import them should be analysed again).
 */
export function forgetProjectFiles(changed?: readonly string[]): boolean {
  const affected = extractors.filter((e) => e.forgetProjectFiles && (!changed || changed.some((file) => e.handlesPath(file))));
  for (const extractor of affected) extractor.forgetProjectFiles!();
  return affected.length > 0;
}

/** The extractor for a file, or undefined when no extractor handles it or its text cannot hold a fact. */
export function extractorFor(path: string, text: string, options: ExtractOptions): Extractor | undefined {
  return extractors.find((e) => e.handlesPath(path) && e.mightContainFacts({ path, text }, options));
}
