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
    assert.ok(typescriptExtractor.mightContainFacts(`import { client } from './llm';\nclient.chat.completions.create({});\n`, options));
    assert.ok(typescriptExtractor.mightContainFacts(`import { fast } from '../llm';\nawait generateText({ model: fast });\n`, options));
    assert.ok(!typescriptExtractor.mightContainFacts(`import { format } from './util';\nformat(x);\n`, options));
    assert.ok(!typescriptExtractor.mightContainFacts(`import express from 'express';\napp.listen(3000);\n`, options));
  });

  it('the prefilter wants the whole path of an SDK method, not just its last name, called on the imported name', () => {
    const options = { wrappers: [], project };
    assert.ok(typescriptExtractor.mightContainFacts(`import * as llm from './llm';\nllm.openai.responses.parse({});\n`, options));
    assert.ok(typescriptExtractor.mightContainFacts(`import { model } from './llm';\nawait model.invoke('hi');\n`, options));
    assert.ok(typescriptExtractor.mightContainFacts(`import { client } from './llm';\nclient.chat?.completions.create({});\n`, options));
    // Generated schema code: `.parse(` ends chat.completions.parse, but `Request$schema.parse` is no SDK path.
    assert.ok(!typescriptExtractor.mightContainFacts(`import * as components from './models';\ncomponents.Request$outboundSchema.parse(value);\n`, options));
    // The SDK-shaped call is on a name that is not imported from the project.
    assert.ok(!typescriptExtractor.mightContainFacts(`import { helper } from './util';\nclient.chat.completions.create({});\n`, options));
  });
});
