import * as assert from 'node:assert/strict';
import type { ProjectView } from '../../../server/languages/extractor';
import { typescriptExtractor } from '../../../server/languages/typescript';
import { calls, summary, textAt } from './support';

const files: Record<string, string> = {
  '/project/src/llm.ts': `import OpenAI from 'openai';
import { ChatAnthropic } from '@langchain/anthropic';
import { openai } from '@ai-sdk/openai';

export const client = new OpenAI({ maxRetries: 2 });
export const DEFAULT_MODEL = process.env.LLM_MODEL ?? 'gpt-4o-mini';
export const MODELS = { fast: 'gpt-4.1-nano', smart: 'o3' };
export const llm = new ChatAnthropic({ model: 'claude-3-5-haiku-latest' });
export const fast = openai('gpt-4o-mini');
const internal = new OpenAI();
export { internal as backup };
export default client;
`,
  '/project/src/index.ts': `export * from './llm';\nexport { client as primary } from './llm';\n`,
  '/project/src/fake.ts': `export const client = { chat: { completions: { create: (x: unknown) => x } } };\nexport const MODEL = 42;\n`,
  '/project/src/broken.ts': `export const client = new (;\n`,
  '/project/src/loop-a.ts': `export { client } from './loop-b';\n`,
  '/project/src/loop-b.ts': `export { client } from './loop-a';\n`,
  // Barrels: over look-alikes only, over the real client, and a client imported then exported again.
  '/project/src/barrel-fake.ts': `export * from './fake';\nexport { MODEL as model } from './fake';\n`,
  '/project/src/barrel.ts': `export * from './barrel-fake';\nexport * from './index';\n`,
  '/project/src/wrap.ts': `export * from './fake';\nimport { client as c } from './llm';\nexport const client = c;\n`,
  // A chain of barrels: the file that makes the client is three files down from deep-1, one too many to follow.
  '/project/src/deep-1.ts': `export * from './deep-2';\n`,
  '/project/src/deep-2.ts': `export * from './deep-3';\n`,
  '/project/src/deep-3.ts': `export * from './llm';\n`,
};
const project: ProjectView = { listDir: () => [], readText: (file) => files[file] };
const extractAt = (path: string, code: string) => calls(code, { path, project });

describe('typescript extractor: clients and models made in another file of the project', () => {
  it('follows named, default, renamed, ESM `.js` and re-exported imports to the file that makes the client', () => {
    const code = `import { client, backup } from './llm.js';
import def from './llm';
import { primary } from './index';
import * as lib from './index';
await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
await def.responses.create({ model: 'gpt-5', input: 'x' });
await backup.chat.completions.create({ model: 'gpt-4o', messages: [] });
await primary.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
await lib.client.chat.completions.create({ model: 'gpt-4o', messages: [] });
`;
    const found = extractAt('/project/src/app.ts', code);
    assert.deepEqual(found.map((c) => [textAt(code, c.calleeRange), c.sdk, c.api]), [
      ['client.chat.completions.create', 'openai', 'chat'],
      ['def.responses.create', 'openai', 'responses'],
      ['backup.chat.completions.create', 'openai', 'chat'],
      ['primary.embeddings.create', 'openai', 'embeddings'],
      ['lib.client.chat.completions.create', 'openai', 'chat'],
    ]);
    // The other file's nodes never reach this file's facts: its client options (maxRetries) stay there.
    assert.deepEqual(found[0].retry, []);
  });

  it('reads exported model constants (env defaults, object members) without an anchor in the other file', () => {
    const code = `import { client, DEFAULT_MODEL, MODELS } from './llm';
import * as lib from './index';
await client.chat.completions.create({ model: DEFAULT_MODEL, messages: [] });
await client.chat.completions.create({ model: MODELS.fast, messages: [] });
await client.chat.completions.create({ model: lib.MODELS.smart, messages: [] });
await client.chat.completions.create({ model: process.env.OVERRIDE ?? MODELS.smart, messages: [] });
`;
    assert.deepEqual(extractAt('/project/src/app.ts', code).map((c) => c.model), [
      { value: 'gpt-4o-mini', source: 'env-default', envVar: 'LLM_MODEL' },
      { value: 'gpt-4.1-nano', source: 'constant' },
      { value: 'o3', source: 'constant' },
      { value: 'o3', source: 'env-default', envVar: 'OVERRIDE' },
    ]);
  });

  it('a LangChain model and an AI SDK model made in another file carry their model id', () => {
    const code = `import { llm, fast } from '../src/llm';
import { generateText } from 'ai';
await llm.invoke('hello');
await generateText({ model: fast, prompt: 'p' });
`;
    assert.deepEqual(extractAt('/project/lib/worker.ts', code).map(summary), [
      'anthropic @langchain/anthropic chat claude-3-5-haiku-latest(constant)',
      'openai ai generate gpt-4o-mini(constant)',
    ]);
    // Where the exported LangChain model is built and not invoked, it is not counted a second time.
    assert.deepEqual(extractAt('/project/src/llm.ts', files['/project/src/llm.ts']), []);
  });

  it('a look-alike, a file that does not parse, a missing file and an import cycle give no call and no crash', () => {
    const code = `import { client as fake, MODEL } from './fake';
import { client as broken } from './broken';
import { client as missing } from './missing';
import { client as cyclic } from './loop-a';
fake.chat.completions.create({ model: MODEL, messages: [] });
broken.chat.completions.create({ model: 'gpt-4o', messages: [] });
missing.chat.completions.create({ model: 'gpt-4o', messages: [] });
cyclic.chat.completions.create({ model: 'gpt-4o', messages: [] });
`;
    assert.deepEqual(extractAt('/project/src/app.ts', code), []);
  });

  it('the prefilter lets through a file that imports a project file and makes an SDK-shaped call', () => {
    const options = { wrappers: [], project };
    assert.ok(typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text: `import { client } from './llm';\nclient.chat.completions.create({});\n` }, options));
    assert.ok(typescriptExtractor.mightContainFacts({ path: '/project/src/jobs/app.ts', text: `import { fast } from '../llm';\nawait generateText({ model: fast });\n` }, options));
    assert.ok(!typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text: `import { format } from './util';\nformat(x);\n` }, options));
    assert.ok(!typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text: `import express from 'express';\napp.listen(3000);\n` }, options));
  });

  it('the prefilter wants the whole path of an SDK method, not just its last name, called on the imported name', () => {
    const options = { wrappers: [], project };
    assert.ok(typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text: `import * as llm from './llm';\nllm.openai.responses.parse({});\n` }, options));
    assert.ok(typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text: `import { model } from './llm';\nawait model.invoke('hi');\n` }, options));
    assert.ok(typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text: `import { client } from './llm';\nclient.chat?.completions.create({});\n` }, options));
    // Generated schema code: `.parse(` ends chat.completions.parse, but `Request$schema.parse` is no SDK path.
    assert.ok(!typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text: `import * as components from './models';\ncomponents.Request$outboundSchema.parse(value);\n` }, options));
    // The SDK-shaped call is on a name that is not imported from the project.
    assert.ok(!typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text: `import { helper } from './util';\nclient.chat.completions.create({});\n` }, options));
  });

  it('the prefilter stops a file whose project imports could not hand out a client or model', () => {
    const claims = (text: string, path = '/project/src/app.ts') => typescriptExtractor.mightContainFacts({ path, text }, { wrappers: [], project });
    const call = 'client.chat.completions.create({});\n';
    // The module imports no SDK and passes nothing on: a look-alike, as in an SDK's own tests.
    assert.ok(!claims(`import { client } from './fake';\n${call}`));
    assert.ok(!claims(`const { client } = require('./fake');\n${call}`));
    assert.ok(!claims(`import { client } from './missing';\n${call}`));
    // The module never says the name and passes on nothing with `export *`.
    assert.ok(!claims(`import { absent as client } from './llm';\n${call}`));
    // A module that imports an SDK, or re-exports one that may: parsed.
    assert.ok(claims(`import { client } from './llm';\n${call}`));
    assert.ok(claims(`const { client: other } = require('./llm');\nother.chat.completions.create({});\n`));
    assert.ok(claims(`import { primary as client } from './index';\n${call}`));
    assert.ok(claims(`import * as client from './fake';\nimport * as lib from '../src/index.js';\n${call}`));
    // Any import counts, not only the one called: a model from './llm' may be what the call is given.
    assert.ok(claims(`import { client } from './fake';\nimport { MODELS } from './llm';\n${call}`));
  });

  it('the prefilter follows a barrel to the files it passes on, as far as the resolver would', () => {
    const claims = (text: string) => typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text }, { wrappers: [], project });
    const call = 'client.chat.completions.create({});\n';
    // It passes on only look-alikes: nothing behind it imports an SDK.
    assert.ok(!claims(`import { client } from './barrel-fake';\n${call}`));
    // It passes on (through another barrel) the file that makes the client, or imports the client itself.
    assert.ok(claims(`import { client } from './barrel';\n${call}`));
    assert.ok(claims(`import { client } from './wrap';\n${call}`));
    assert.ok(claims(`import { client } from './deep-2';\n${call}`));
    assert.ok(!claims(`import { client } from './deep-1';\n${call}`));
    // What the prefilter says is what the extractor finds.
    assert.equal(extractAt('/project/src/app.ts', `import { client } from './deep-2';\n${call}`).length, 1);
    assert.deepEqual(extractAt('/project/src/app.ts', `import { client } from './deep-1';\n${call}`), []);
    assert.equal(extractAt('/project/src/app.ts', `import { client } from './wrap';\n${call}`).length, 1);
  });

  // (A client renamed in a local first, `const c = lib.client`, is not followed: the call must be on the imported name.)
  it('a file the prefilter stops never held a call: every import style against every module', () => {
    const modules = ['./llm', './index', './fake', './broken', './missing', './loop-a', '../src/llm.js', './barrel-fake', './barrel', './wrap', './deep-1', './deep-2'];
    const imports = [
      (m: string) => `import { client } from '${m}';`,
      (m: string) => `import client from '${m}';`,
      (m: string) => `import { backup as client } from '${m}';`,
      (m: string) => `import * as lib from '${m}';`,
      (m: string) => `const { client } = require('${m}');`,
      (m: string) => `import { fast } from '${m}';\nimport { generateText } from './ai-helpers';`,
    ];
    const bodies = ['await client.chat.completions.create({ model: \'gpt-4o\', messages: [] });', 'await lib.client.responses.create({ model: \'gpt-5\', input: \'x\' });', 'await generateText({ model: fast, prompt: \'p\' });'];
    let stopped = 0;
    let found = 0;
    for (const module of modules) {
      for (const imported of imports) {
        for (const body of bodies) {
          const code = `${imported(module)}\n${body}\n`;
          const facts = extractAt('/project/src/app.ts', code);
          found += facts.length;
          if (typescriptExtractor.mightContainFacts({ path: '/project/src/app.ts', text: code }, { wrappers: [], project })) continue;
          stopped++;
          assert.deepEqual(facts, [], `stopped, yet it holds a call:\n${code}`);
        }
      }
    }
    // Both sides are exercised: files stopped, and calls found in files let through.
    assert.ok(stopped >= 140, `only ${stopped} stopped`);
    assert.ok(found >= 20, `only ${found} calls found`);
  });
});
