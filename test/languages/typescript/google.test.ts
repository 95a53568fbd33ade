import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, summary, textAt } from './support';

describe('typescript extractor: google', () => {
  it('@google/genai: generateContent with config cap, labels and a system instruction', () => {
    const code = `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });
const response = await ai.models.generateContent({
  model: 'gemini-2.5-flash',
  contents: 'Why is the sky blue?',
  config: { maxOutputTokens: 500, systemInstruction: 'You are a cat.', labels: { team: 'web' } },
});
`;
    const call = only(code);
    assert.equal(summary(call), 'google @google/genai generate gemini-2.5-flash(literal)');
    assert.deepEqual(call.outputCap, { key: 'config.maxOutputTokens', value: 500, range: at(code, '500') });
    assert.deepEqual(call.metadata?.keys, ['team']);
    assert.deepEqual(promptOf(call), ['static system #0 "You are a cat."', 'static user #0 "Why is the sky blue?"']);
  });

  it('@google/genai: streaming, embeddings, and a chat made once then sent messages', () => {
    const code = `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
ai.models.generateContentStream({ model: 'gemini-2.5-pro', contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
ai.models.embedContent({ model: 'gemini-embedding-001', contents: 'What is the meaning of life?' });
const chat = ai.chats.create({ model: 'gemini-2.5-flash', config: { maxOutputTokens: 64 } });
await chat.sendMessage({ message: 'I have 2 dogs in my house.' });
`;
    const [stream, embed, send] = calls(code);
    assert.deepEqual([stream.streaming, promptOf(stream)], [true, ['static user #0 "Hello"']]);
    assert.deepEqual([embed.api, embed.model.value], ['embeddings', 'gemini-embedding-001']);
    assert.equal(summary(send), 'google @google/genai generate gemini-2.5-flash(literal)');
    assert.equal(send.outputCap?.value, 64);
    assert.deepEqual(promptOf(send), ['static user #0 "I have 2 dogs in my house."']);
  });

  it('@google/generative-ai: a model handle, and a chat that keeps the model’s options and history', () => {
    const code = `import { GoogleGenerativeAI } from '@google/generative-ai';
const genAI = new GoogleGenerativeAI(process.env.API_KEY!);
const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash', generationConfig: { maxOutputTokens: 100 } });
const result = await model.generateContent('Write a story about a magic backpack.');
const chat = model.startChat({ history: [{ role: 'user', parts: [{ text: 'Hello' }] }, { role: 'model', parts: [{ text: 'Great to meet you.' }] }] });
await chat.sendMessage(msg);
`;
    const [generate, send] = calls(code);
    assert.equal(textAt(code, generate.calleeRange), 'model.generateContent');
    assert.equal(summary(generate), 'google @google/generative-ai generate gemini-1.5-flash(literal)');
    assert.deepEqual(generate.outputCap, { key: 'generationConfig.maxOutputTokens', value: 100, range: at(code, '100') });
    assert.deepEqual(promptOf(generate), ['static user #0 "Write a story about a magic backpack."']);
    assert.equal(summary(send), 'google @google/generative-ai generate gemini-1.5-flash(literal)');
    assert.equal(send.outputCap?.value, 100);
    assert.deepEqual(promptOf(send), ['static user #0 "Hello"', 'static assistant #1 "Great to meet you."', 'dynamic user #2 variable msg']);
  });
});
