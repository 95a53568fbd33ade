import type { Purpose } from '../../engine/facts';

/** Words (split on `-_./: `) in names, tags and labels that say what the machines are for. */
const SERVING_WORDS = new Set(['serve', 'serving', 'server', 'inference', 'infer', 'endpoint', 'endpoints', 'predict', 'predictor', 'vllm', 'triton', 'tritonserver', 'tgi', 'llm-serving', 'sglang', 'nim']);
const TRAINING_WORDS = new Set(['train', 'training', 'trainer', 'finetune', 'finetuning', 'pretrain', 'pretraining', 'sft']);
const FINE_TUNE = /fine[-_ ]?tun(e|ing)/i;

export interface PurposeInput {
  /** Set when the resource type says it (a SageMaker endpoint serves). */
  fixed?: { value: Purpose; hint: string };
  /** Names first (resource name, `name`, `node_group_name`), then tag and label keys/values. */
  texts: { what: string; text: string }[];
}

/** Training or inference from the resource type, then the first name, tag or label that says so. */
export function classifyPurpose(input: PurposeInput): { value: Purpose; hints: string[] } {
  if (input.fixed) return { value: input.fixed.value, hints: [input.fixed.hint] };
  for (const { what, text } of input.texts) {
    const lower = text.toLowerCase();
    const words = lower.split(/[-_./:\s]+/).filter(Boolean);
    if (words.some((w) => SERVING_WORDS.has(w))) return { value: 'inference', hints: [`${what} "${text}" says it serves`] };
    if (words.some((w) => TRAINING_WORDS.has(w)) || FINE_TUNE.test(lower)) return { value: 'training', hints: [`${what} "${text}" says it trains`] };
  }
  return { value: 'unknown', hints: ['no name, tag or label says training or inference'] };
}
