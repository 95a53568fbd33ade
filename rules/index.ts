import type { Rule } from '../server/engine/rule';
import expensiveGpuForInference from './expensive-gpu-for-inference';
import frontierModelDefault from './frontier-model-default';
import gpuWithoutAutoscaling from './gpu-without-autoscaling';
import llmCallInLoop from './llm-call-in-loop';
import missingCostTags from './missing-cost-tags';
import missingMaxTokens from './missing-max-tokens';
import missingPromptCache from './missing-prompt-cache';
import onDemandGpuTraining from './on-demand-gpu-training';
import overBudget from './over-budget';
import oversizedPrompt from './oversized-prompt';
import unboundedRetry from './unbounded-retry';
import unpricedModel from './unpriced-model';

/** Every rule, imported by name so bundlers see them. A test checks this list against rules/, docs/rules/ and test/rules/. */
export const rules: readonly Rule[] = [
  expensiveGpuForInference,
  frontierModelDefault,
  gpuWithoutAutoscaling,
  llmCallInLoop,
  missingCostTags,
  missingMaxTokens,
  missingPromptCache,
  onDemandGpuTraining,
  overBudget,
  oversizedPrompt,
  unboundedRetry,
  unpricedModel,
];

