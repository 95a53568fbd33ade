import type { ExtractOptions, Extractor } from './extractor';
import { pythonExtractor } from './python';
import { typescriptExtractor } from './typescript';
import { terraformExtractor } from './terraform';
import { cloudformationExtractor } from './cloudformation';
import { kubernetesExtractor } from './kubernetes';

/** Every extractor, in the order they claim files (the first whose path and prefilter match wins). */
export const extractors: readonly Extractor[] = [typescriptExtractor, pythonExtractor, terraformExtractor, cloudformationExtractor, kubernetesExtractor];

/** Loads every extractor's parsers (wasm grammars); call once before linting. */
export async function initExtractors(): Promise<void> {
  await Promise.all(extractors.map((e) => e.init?.()));
}

/** Whether any extractor could handle this path (used to pick files before reading them). */
export function isCandidatePath(path: string): boolean {
  return extractors.some((e) => e.handlesPath(path));
}

/** The extractor for a file, or undefined when no extractor handles it or its text cannot hold a fact. */
export function extractorFor(path: string, text: string, options: ExtractOptions): Extractor | undefined {
  return extractors.find((e) => e.handlesPath(path) && e.mightContainFacts(text, options));
}
