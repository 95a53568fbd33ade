import OpenAI from 'openai';

const client = new OpenAI({ maxRetries: 1_000_000 });

/** Tags a ticket, trying again until the API answers. */
export async function classify(ticket: string) {
  while (true) {
    try {
      const res = await client.chat.completions.create({
        model: 'gpt-4.1-mini',
        max_completion_tokens: 20,
        messages: [{ role: 'user', content: `Tag this ticket as billing, bug or question: ${ticket}` }],
      });
      return res.choices[0].message.content;
    } catch (error) {
      console.warn('classify failed, retrying', error);
    }
  }
}
