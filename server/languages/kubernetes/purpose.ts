import type { Purpose } from '../../engine/facts';

/** Model servers: an image or command naming one of these serves inference. */
const SERVING_IMAGE = /(^|[/_.:-])(vllm|vllm-openai|text-generation-inference|tgi|tritonserver|triton|tensorrt-llm|trtllm|ollama|sglang|lmdeploy|llama\.?cpp|nim|kserve|torchserve|huggingfaceserver|tei|text-embeddings-inference)([/_.:-]|$)/i;
const SERVING_COMMAND = /vllm\.entrypoints|\bvllm serve\b|text-generation-launcher|tritonserver|\bollama serve\b|sglang\.launch_server|torchserve|\bserve run\b/i;
const TRAINING_COMMAND = /\btorchrun\b|torch\.distributed\.(run|launch)|\baccelerate launch\b|\bdeepspeed\b|\btrain[\w-]*\.py\b|fine[-_]?tun[\w-]*\.py\b|\bpretrain[\w-]*\.py\b|\bllamafactory-cli train\b|\baxolotl\b/i;
const TRAINING_IMAGE = /(^|[/_.:-])(train|training|trainer|finetune|fine-tune|pytorch-mnist|deepspeed|megatron|nemo|axolotl)([/_.:-]|$)/i;

/** Words in names and labels (split on `-_./`) that say what a workload is for. */
const SERVING_WORDS = new Set(['serve', 'serving', 'server', 'inference', 'infer', 'predictor', 'predict', 'endpoint', 'llm-server']);
const TRAINING_WORDS = new Set(['train', 'training', 'trainer', 'finetune', 'finetuning', 'fine-tune', 'pretrain', 'pretraining', 'sft', 'dpo', 'rlhf']);

export interface PurposeInput {
  kind: string;
  names: string[];
  labels: Record<string, string>;
  images: string[];
  commands: string[];
}

/** Kinds whose purpose is their kind. */
const KIND_PURPOSE: Record<string, { value: Purpose; hint: string }> = {
  InferenceService: { value: 'inference', hint: 'KServe InferenceService serves a model' },
  RayService: { value: 'inference', hint: 'RayService runs Ray Serve' },
  PyTorchJob: { value: 'training', hint: 'Kubeflow PyTorchJob trains a model' },
  TFJob: { value: 'training', hint: 'Kubeflow TFJob trains a model' },
  MPIJob: { value: 'training', hint: 'Kubeflow MPIJob runs distributed training' },
  XGBoostJob: { value: 'training', hint: 'Kubeflow XGBoostJob trains a model' },
  PaddleJob: { value: 'training', hint: 'Kubeflow PaddleJob trains a model' },
  JAXJob: { value: 'training', hint: 'Kubeflow JAXJob trains a model' },
  TrainJob: { value: 'training', hint: 'Kubeflow TrainJob trains a model' },
};

function words(text: string): string[] {
  const lower = text.toLowerCase();
  return [lower, ...lower.split(/[-_./:\s]+/)].filter(Boolean);
}

/**
 * Training or inference, from the strongest evidence first: the kind, the model server or
 * launcher in the image and command, then words in names and labels. Unknown otherwise, with
 * the hints that were weighed.
 */
export function classifyPurpose(input: PurposeInput): { value: Purpose; hints: string[] } {
  const known = KIND_PURPOSE[input.kind];
  if (known) return { value: known.value, hints: [known.hint] };

  const servingImage = input.images.find((i) => SERVING_IMAGE.test(i));
  if (servingImage) return { value: 'inference', hints: [`image ${servingImage} is a model server`] };
  const servingCommand = input.commands.find((c) => SERVING_COMMAND.test(c));
  if (servingCommand) return { value: 'inference', hints: [`command runs a model server (${servingCommand.trim().slice(0, 60)})`] };
  const trainingCommand = input.commands.find((c) => TRAINING_COMMAND.test(c));
  if (trainingCommand) return { value: 'training', hints: [`command launches training (${trainingCommand.trim().slice(0, 60)})`] };
  const trainingImage = input.images.find((i) => TRAINING_IMAGE.test(i));
  if (trainingImage) return { value: 'training', hints: [`image ${trainingImage} looks like a training image`] };

  const texts = [...input.names, ...Object.entries(input.labels).flatMap(([k, v]) => [`${k}`, v])];
  for (const text of texts) {
    const w = words(text);
    if (w.some((x) => SERVING_WORDS.has(x))) return { value: 'inference', hints: [`"${text}" says it serves`] };
    if (w.some((x) => TRAINING_WORDS.has(x))) return { value: 'training', hints: [`"${text}" says it trains`] };
  }
  if (input.kind === 'RayJob') return { value: 'unknown', hints: ['RayJob: no training entrypoint, image or name found'] };
  return { value: 'unknown', hints: ['no model server, training launcher or telling name found'] };
}
