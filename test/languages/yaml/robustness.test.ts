import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloudformationExtractor } from '../../../server/languages/cloudformation';
import { kubernetesExtractor } from '../../../server/languages/kubernetes';
import type { Extractor } from '../../../server/languages/extractor';
import { projectWith } from './support';

const examples = path.join(__dirname, '..', '..', '..', 'examples', 'infra');

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Truncations, deleted spans and swapped-in indicator characters of a text. */
function mutations(text: string, count: number, seed: number): string[] {
  const next = random(seed);
  const out: string[] = [];
  const noise = [':', '-', '[', '{', '}', ']', '&a', '*a', '!Ref', '|', '\t', '"', "'", '#', '\n  ', '<<: *a\n'];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * text.length);
    const kind = i % 3;
    if (kind === 0) out.push(text.slice(0, at));
    else if (kind === 1) out.push(text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 40))));
    else out.push(text.slice(0, at) + noise[Math.floor(next() * noise.length)] + text.slice(at));
  }
  return out;
}

function check(extractor: Extractor, file: string, text: string): void {
  const options = { wrappers: [], project: projectWith(file) };
  for (const variant of mutations(text, 150, text.length)) {
    try {
      const result = extractor.extract({ path: file, text: variant }, options);
      for (const fact of result.facts) {
        assert.ok(fact.range.start >= 0 && fact.range.end <= variant.length && fact.range.start <= fact.range.end, 'fact range inside the text');
      }
    } catch (error) {
      assert.fail(`${extractor.id} threw on a mutation of ${path.basename(file)}: ${(error as Error).stack}\n---\n${variant}`);
    }
  }
}

describe('yaml extractors never throw on broken input', () => {
  for (const name of fs.readdirSync(path.join(examples, 'kubernetes')).filter((f) => f.endsWith('.yaml'))) {
    it(`kubernetes: mutations of ${name}`, () => check(kubernetesExtractor, `/project/k8s/${name}`, fs.readFileSync(path.join(examples, 'kubernetes', name), 'utf8')));
  }
  for (const name of fs.readdirSync(path.join(examples, 'cloudformation')).filter((f) => /\.(yaml|json)$/.test(f))) {
    it(`cloudformation: mutations of ${name}`, () =>
      check(cloudformationExtractor, `/project/cfn/${name}`, fs.readFileSync(path.join(examples, 'cloudformation', name), 'utf8')));
  }
});
