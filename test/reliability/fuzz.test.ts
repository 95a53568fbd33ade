import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { initExtractors } from '../../server/languages';
import { ROOT, assertOneClearError, assertRangesInside, filesUnder, fixToFixpoint, lintText, tally } from './support';

/**
 * Property-based fuzzing of the engine (`lintSource`, what `lintPaths` calls per file): real
 * files from examples/ mutated (truncated, bytes flipped, tokens deleted, noise inserted),
 * random text, and generated valid programs whose fixes must re-parse and settle. Fixed seeds
 * and bounded runs keep failures reproducible and the suite short.
 */

const SEED = 20261123;
const examples = path.join(ROOT, 'examples');

/** Real files, each linted under its own path so the right extractor claims it. */
const realFiles = filesUnder(examples, /\.(ts|py|tf|yaml|json)$/).filter((f) => !f.endsWith('.costlint.yaml'));

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'delete-tokens'; at: number; count: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate-line'; at: number };

/** Characters and snippets that matter to at least one of the grammars. */
const NOISE = ['{', '}', '(', ')', '[', ']', ':', ',', ';', '"', "'", '`', '${', '"""', '#', '//', '/*', '\\', '\t', '\r\n', '\n  ', '- ', '&a ', '*a', '<<: *a\n', '!Ref ', '|\n', '=', '=>', 'async ', 'await ', 'for x in y:\n', 'while (true) ', '\u0000', '\ufeff', '\ud800', '😀', 'max_tokens', 'model:', 'resource "aws_instance" "x" {'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('delete-tokens' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...NOISE), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'flip': {
      // A flipped byte of the UTF-8 file, decoded the way files are read (invalid bytes become U+FFFD).
      const bytes = Buffer.from(text, 'utf8');
      if (!bytes.length) return text;
      bytes[m.at % bytes.length] ^= m.mask;
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    }
    case 'delete-tokens': {
      const tokens = text.match(/\w+|\s+|[^\w\s]/g) ?? [];
      if (!tokens.length) return text;
      const at = m.at % tokens.length;
      return [...tokens.slice(0, at), ...tokens.slice(at + m.count)].join('');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'duplicate-line': {
      const lines = text.split('\n');
      const at = m.at % lines.length;
      return [...lines.slice(0, at + 1), lines[at], ...lines.slice(at + 1)].join('\n');
    }
  }
}

/** The property every input must hold: no throw, ranges inside the text, one clear error when broken, fixes that re-parse and settle. */
function holds(file: string, text: string): void {
  tally.inputsFuzzed++;
  let report;
  try {
    report = lintText(file, text);
  } catch (error) {
    assert.fail(`the engine threw on ${path.basename(file)}: ${(error as Error).stack}\n--- input\n${text}`);
  }
  assertRangesInside(report, text);
  if (report.errors.length) assertOneClearError(report, text);
  else fixToFixpoint(file, text, report);
}

/** A generated valid file (LF, or CRLF when asked) parses, and its fixes re-parse, settle and keep its line ends; an uncapped call gets its cap. */
function fixesSettle(file: string, lf: string, p: { crlf: boolean; capped?: boolean }): void {
  const text = p.crlf ? lf.replace(/\n/g, '\r\n') : lf;
  const report = lintText(file, text);
  assert.deepEqual(report.errors, [], `generated code parses:\n${text}`);
  tally.inputsFuzzed++;
  const fixed = fixToFixpoint(file, text, report);
  if (p.crlf) assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/, 'fixes keep CRLF line ends');
  if (p.capped === false) assert.notEqual(fixed, text, 'the uncapped call got its cap');
}

const params = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

describe('reliability: fuzzing the engine', function () {
  this.timeout(120_000);
  before(() => initExtractors());

  for (const file of realFiles) {
    const name = path.relative(examples, file);
    it(`mutations of examples/${name} never throw`, () => {
      const text = fs.readFileSync(file, 'utf8');
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => holds(file, mutations.reduce(mutate, text))),
        params(60),
      );
    });
  }

  /** Token soup per language: random sequences of the words its extractor looks for. */
  const vocabularies: Record<string, string[]> = {
    '/project/src/app.ts': ["import OpenAI from 'openai';", 'new OpenAI()', 'client.chat.completions.create(', '{', '}', '(', ')', 'model:', "'gpt-5'", 'max_tokens: 10', 'for (const x of xs)', 'while (true)', 'await', 'const c =', ',', ';', '\n', '`${x}`', '...spread', 'messages: [', ']'],
    '/project/src/app.js': ["const Anthropic = require('@anthropic-ai/sdk');", 'new Anthropic()', 'a.messages.create(', '{', '}', '(', ')', 'model:', '"claude-opus-4-1"', 'for (;;)', ',', '\n', 'system:', '[', ']'],
    '/project/app.py': ['from openai import OpenAI', 'import anthropic', 'client = OpenAI()', 'client.responses.create(', 'model=', '"gpt-5"', 'max_output_tokens=5', '(', ')', ':', '\n', '    ', 'for x in xs:', 'while True:', '@retry()', 'def f():', '"""', ',', 'input=', 'messages=['],
    '/project/infra/main.tf': ['resource "aws_instance" "gpu" {', 'resource "google_container_node_pool" "p" {', '}', '{', 'instance_type = "p5.48xlarge"', 'spot = true', 'tags = {', 'count = 3', 'var.x', '"${var.y}"', '\n', 'module "eks" {', 'for_each = {}', '[', ']', '=', '#'],
    '/project/k8s/deploy.yaml': ['apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  replicas: 4', '  template:', '    spec:', '      containers:', '      - name: x', '        resources:', '          limits:', '            nvidia.com/gpu: 8', '---', '&a', '*a', '<<:', '\n', '  ', '- ', 'nodeSelector:', '"', "'"],
    '/project/cfn/template.yaml': ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  Gpu:', '    Type: AWS::EC2::Instance', '    Properties:', '      InstanceType: p4d.24xlarge', '!Ref X', '!Sub "${A}"', 'Tags:', '- Key: team', '\n', '  ', '{', '}', '[', ']'],
  };
  for (const [file, words] of Object.entries(vocabularies)) {
    it(`token soup and random text in ${path.extname(file)} never throw`, () => {
      const soup = fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((parts) => parts.join(' '));
      const random = fc.string({ unit: 'binary', maxLength: 400 });
      fc.assert(fc.property(fc.oneof(soup, random), (text) => holds(file, text)), params(150));
    });
  }

  describe('generated valid programs: every fix re-parses and a second pass changes nothing', () => {
    const model = fc.constantFrom('gpt-5', 'gpt-4o', 'gpt-4o-mini', 'claude-opus-4-1', 'claude-3-5-haiku-latest', 'o3', 'unknown-model-x');
    const prompt = fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => s.replace(/[\\'"`$\n\r{}]/g, ' '));
    const crlf = fc.boolean();

    it('TypeScript: OpenAI and Anthropic calls, in and out of loops', () => {
      const program = fc.record({ model, prompt, inLoop: fc.boolean(), capped: fc.boolean(), anthropic: fc.boolean(), crlf, indent: fc.constantFrom('  ', '    ', '\t') });
      fc.assert(
        fc.property(program, (p) => {
          const call = p.anthropic
            ? `anthropic.messages.create({ model: '${p.model}', ${p.capped ? 'max_tokens: 300, ' : ''}messages: [{ role: 'user', content: '${p.prompt}' }] })`
            : `openai.chat.completions.create({\n${p.indent}${p.indent}model: '${p.model}',\n${p.indent}${p.indent}messages: [{ role: 'user', content: \`${p.prompt} \${item}\` }],${p.capped ? `\n${p.indent}${p.indent}max_tokens: 300,` : ''}\n${p.indent}})`;
          const lines = [
            "import OpenAI from 'openai';",
            "import Anthropic from '@anthropic-ai/sdk';",
            'const openai = new OpenAI();',
            'const anthropic = new Anthropic();',
            'export async function run(items: string[]) {',
            p.inLoop ? `${p.indent}for (const item of items) {\n${p.indent}${p.indent}await ${call};\n${p.indent}}` : `${p.indent}const item = items[0];\n${p.indent}return ${call};`,
            '}',
            '',
          ];
          fixesSettle('/project/src/app.ts', lines.join('\n'), p);
        }),
        params(120),
      );
    });

    it('Python: OpenAI and Anthropic calls, in and out of loops', () => {
      const program = fc.record({ model, prompt, inLoop: fc.boolean(), capped: fc.boolean(), anthropic: fc.boolean(), crlf });
      fc.assert(
        fc.property(program, (p) => {
          const call = p.anthropic
            ? `client.messages.create(model="${p.model}", ${p.capped ? 'max_tokens=300, ' : ''}messages=[{"role": "user", "content": f"${p.prompt} {item}"}])`
            : `client.chat.completions.create(\n            model="${p.model}",\n            messages=[{"role": "user", "content": f"${p.prompt} {item}"}],${p.capped ? '\n            max_tokens=300,' : ''}\n        )`;
          const lines = [
            p.anthropic ? 'import anthropic' : 'from openai import OpenAI',
            p.anthropic ? 'client = anthropic.Anthropic()' : 'client = OpenAI()',
            '',
            'def run(items):',
            p.inLoop ? `    for item in items:\n        ${call}` : `    item = items[0]\n    return ${call}`,
            '',
          ];
          fixesSettle('/project/app.py', lines.join('\n'), p);
        }),
        params(120),
      );
    });

    const gpu = fc.constantFrom('p5.48xlarge', 'p4d.24xlarge', 'g5.xlarge', 'g6.12xlarge', 'm5.large');
    const tags = fc.dictionary(fc.constantFrom('team', 'env', 'owner'), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { maxKeys: 3 });

    it('Terraform: GPU instances with and without tags', () => {
      fc.assert(
        fc.property(fc.record({ type: gpu, tags, spot: fc.boolean(), count: fc.integer({ min: 0, max: 8 }), crlf }), (p) => {
          const tagBlock = Object.keys(p.tags).length ? `  tags = {\n${Object.entries(p.tags).map(([k, v]) => `    ${k} = "${v}"`).join('\n')}\n  }\n` : '';
          const spot = p.spot ? '  instance_market_options {\n    market_type = "spot"\n  }\n' : '';
          fixesSettle('/project/infra/main.tf', `resource "aws_instance" "trainer" {\n  ami           = "ami-123"\n  instance_type = "${p.type}"\n  count         = ${p.count}\n${spot}${tagBlock}}\n`, p);
        }),
        params(100),
      );
    });

    it('Kubernetes: GPU Deployments with and without labels', () => {
      fc.assert(
        fc.property(fc.record({ gpus: fc.integer({ min: 1, max: 8 }), replicas: fc.integer({ min: 0, max: 6 }), labels: tags, flow: fc.boolean(), crlf }), (p) => {
          const labels = Object.entries(p.labels);
          const labelText = p.flow
            ? `  labels: {${labels.map(([k, v]) => `${k}: ${v}`).join(', ')}}\n`
            : labels.length
              ? `  labels:\n${labels.map(([k, v]) => `    ${k}: ${v}`).join('\n')}\n`
              : '';
          const text = [
            'apiVersion: apps/v1',
            'kind: Deployment',
            'metadata:',
            '  name: llm',
            `${labelText}spec:`,
            `  replicas: ${p.replicas}`,
            '  template:',
            '    spec:',
            '      containers:',
            '        - name: vllm',
            '          image: vllm/vllm-openai',
            '          resources:',
            '            limits:',
            `              nvidia.com/gpu: ${p.gpus}`,
            '      nodeSelector:',
            '        cloud.google.com/gke-accelerator: nvidia-h100-80gb',
            '',
          ]
            .join('\n')
            .replace(/\n\n/g, '\n');
          fixesSettle('/project/k8s/deploy.yaml', text, p);
        }),
        params(100),
      );
    });
  });
});
