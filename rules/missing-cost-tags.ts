import { z } from 'zod';
import type { ComputeResource, LlmCall } from '../server/engine/facts';
import { defineRule } from '../server/engine/rule';
import { monthlyText } from './support/cost';

export default defineRule({
  id: 'missing-cost-tags',
  meta: {
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixKind: 'fix',
    docs: {
      summary: 'A cloud resource, Kubernetes workload or (when the team asks for it) an LLM request carries none of the team’s required cost tags.',
      remediation: 'Add the required tags or labels (from config `required_tags` / `teams.<team>.tags`) so the spend shows up under the right team.',
    },
    messages: {
      resource: '{{name}} (≈ {{monthly}}) is missing the cost tag{{plural}} {{tags}}{{where}}: its spend cannot be attributed.',
      request: 'LLM request (≈ {{monthly}}) carries no {{key}} with {{tags}}: its spend cannot be attributed to a team.',
      addTags: 'Add {{tags}}',
    },
    options: z
      .object({
        /** Tags to require in addition to the config's `required_tags`. */
        tags: z.array(z.string()).default([]),
      })
      .strict(),
  },
  create(context) {
    const required = [...new Set([...context.policy.requiredTags, ...context.options.tags])];
    /** Tag values to write: from config, the file's team for `team`; none when a value is unknown. */
    const values = (missing: string[]) => {
      const out: Record<string, string> = {};
      for (const key of missing) {
        const value = context.policy.tagValues[key] ?? (key === 'team' ? context.policy.team : null);
        if (!value) return null;
        out[key] = value;
      }
      return out;
    };
    const monthly = (fact: LlmCall | ComputeResource) => monthlyText(context.estimate(fact));
    return {
      ComputeResource(resource) {
        // A module whose tags come from its caller (a variable without a default) may be tagged there.
        if (resource.tags.unresolved) return;
        const { own, inherited, places } = resource.tags;
        const present = (tag: string) => tag in inherited || (places ? places.every((p) => tag in p.tags) : tag in own);
        const missing = required.filter((tag) => !present(tag));
        if (!missing.length) return;
        const tags = values(missing);
        // Labels on the workload alone do not reach its pods, which is what cost tools attribute.
        const partly = places?.filter((p) => missing.some((tag) => !(tag in p.tags))) ?? [];
        const where = places && partly.length < places.length ? ` on ${partly.map((p) => p.where).join(' and ')}` : '';
        context.report({
          messageId: 'resource',
          data: { name: resource.name, monthly: monthly(resource), plural: missing.length === 1 ? '' : 's', tags: missing.join(', '), where },
          range: resource.nameRange,
          fact: resource,
          fix: tags && resource.tags.anchor ? { messageId: 'addTags', data: { tags: missing.join(', ') }, edits: context.edits.addTags(resource.tags.anchor, tags) } : undefined,
        });
      },
      LlmCall(call) {
        if (!context.policy.requireRequestMetadata || !call.metadataKey) return;
        const present = new Set(call.metadata?.keys ?? []);
        const missing = required.filter((tag) => !present.has(tag));
        if (!missing.length) return;
        const tags = values(missing);
        const key = call.metadataKey.slice(call.metadataKey.lastIndexOf('.') + 1);
        const edits = !tags
          ? []
          : call.metadata
            ? context.edits.addTags({ range: call.metadata.range, kind: 'map' }, tags)
            : call.options
              ? context.edits.setArgument(call.options, call.metadataKey, tags)
              : [];
        context.report({
          messageId: 'request',
          data: { monthly: monthly(call), key, tags: missing.join(', ') },
          range: call.calleeRange,
          fact: call,
          fix: { messageId: 'addTags', data: { tags: missing.join(', ') }, edits },
        });
      },
    };
  },
});
