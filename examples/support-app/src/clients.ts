import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

// One client per provider, shared by the whole app.
export const openai = new OpenAI();
export const anthropic = new Anthropic({ maxRetries: Infinity });
