import OpenAI from 'openai';

const openai = new OpenAI();

/** Routes a ticket with the team's fine-tuned classifier. */
export async function route(ticket: string) {
  const res = await openai.chat.completions.create({
    model: 'ft:gpt-4o-mini-2024-07-18:acme:triage:9fKq2',
    max_completion_tokens: 5,
    messages: [{ role: 'user', content: ticket }],
  });
  return res.choices[0].message.content;
}
