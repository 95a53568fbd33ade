import * as fs from 'node:fs';
import { openai } from './clients';
import OpenAI from 'openai';

const client = new OpenAI();
const MODEL = process.env.DIGEST_MODEL ?? 'gpt-5';

/** Summarises every ticket of the day, one request per ticket. */
export async function nightlyDigest(tickets: { id: string; body: string }[]) {
  const summaries: string[] = [];
  for (const ticket of tickets) {
    const res = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Summarise the support ticket in two sentences.' },
        { role: 'user', content: ticket.body },
      ],
    });
    summaries.push(res.choices[0].message.content ?? '');
  }
  return summaries;
}

/** Reviews the whole runbook against a question. */
export async function reviewRunbook(question: string) {
  const runbook = fs.readFileSync('docs/runbook.md', 'utf8');
  // costlint-usage monthly_calls=500
  return client.responses.create({
    model: 'gpt-5-mini',
    max_output_tokens: 800,
    input: `Runbook:\n${runbook}\n\nQuestion: ${question}`,
  });
}

void openai;
