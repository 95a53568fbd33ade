import type { Anchor, Range } from '../../engine/facts';
import type { SyntaxEdits, TextEdit, Value } from '../../engine/edits';
import { renderEntry, renderValue, isPlainObject } from './render';
import { companionsOf } from './schema';
import { HBlock, HExpr, type HFile } from './syntax';
import { indentUnit, insertEntries, type Container, type NewEntry } from './layout';

/** How to add tags at a block that has no tag map yet: a map attribute, or AWS autoscaling `tag { … }` blocks. */
export type TagStyle = { kind: 'attribute'; key: string } | { kind: 'tag-blocks' };

const keyOf = (range: Range) => `${range.start}:${range.end}`;

/** Edits planned by one primitive: replacements, and new entries gathered per container so each gets one insertion. */
class Plan {
  failed = false;
  readonly replacements: TextEdit[] = [];
  readonly inserts = new Map<string, { container: Container; entries: NewEntry[] }>();

  insert(container: Container, entry: NewEntry): void {
    const key = keyOf(container.node.range);
    const pending = this.inserts.get(key) ?? { container, entries: [] };
    const same = entry.key === 'tag' ? -1 : pending.entries.findIndex((e) => e.key === entry.key);
    if (same >= 0) pending.entries[same] = entry;
    else pending.entries.push(entry);
    this.inserts.set(key, pending);
  }
}

/**
 * Edit primitives for HCL. Keys go in blocks or objects; a dotted key creates what is missing on
 * the way, as a nested block where the provider schema has one and as an object otherwise.
 */
export function hclEdits(file: HFile, tagStyles: ReadonlyMap<string, TagStyle>): SyntaxEdits {
  const { text } = file;
  const unit = indentUnit(text);
  const containers = new Map<string, Container>();
  const calls = new Map<string, Extract<HExpr, { kind: 'call' }>>();
  for (const entry of file.body) {
    if (entry.kind !== 'block') continue;
    const resourceType = entry.type === 'resource' ? entry.labels[0] : entry.type === 'module' ? 'module' : undefined;
    for (const block of [entry, ...HBlock.walk(entry.body)]) containers.set(keyOf(block.range), { kind: 'block', node: block, resourceType });
    for (const expr of HExpr.inBody(entry.body)) {
      if (expr.kind === 'object') containers.set(keyOf(expr.range), { kind: 'object', node: expr, resourceType });
      else if (expr.kind === 'call') calls.set(keyOf(expr.range), expr);
    }
  }
  const containerAt = (target: Anchor) => (target.kind === 'map' ? containers.get(keyOf(target.range)) : undefined);

  const finish = (plan: Plan): TextEdit[] => {
    if (plan.failed) return [];
    const inserts = [...plan.inserts.values()].map(({ container, entries }) => insertEntries(text, container, entries, unit));
    return [...plan.replacements, ...inserts];
  };

  const set = (plan: Plan, container: Container, path: string[], value: Value, replace: boolean): void => {
    const [head, ...rest] = path;
    if (container.kind === 'block') {
      const attribute = HBlock.attribute(container.node, head);
      const nested = HBlock.block(container.node, head);
      if (attribute) setExisting(plan, container, attribute.value, rest, value, replace);
      else if (nested) {
        const inner: Container = { kind: 'block', node: nested, resourceType: container.resourceType };
        if (rest.length) set(plan, inner, rest, value, replace);
        else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) set(plan, inner, [k], v, replace);
        else plan.failed = true;
      } else if (HBlock.blocks(container.node, 'dynamic').some((d) => d.labels[0] === head)) plan.failed = true;
      else plan.insert(container, { key: head, lines: renderEntry(container.resourceType, head, nest(rest, value), text, unit) });
      if (!rest.length && (replace || (!attribute && !nested))) companions(plan, container, head, value);
      return;
    }
    const entry = container.node.entries.find((e) => e.key === head);
    if (entry) setExisting(plan, container, entry.value, rest, value, replace);
    else plan.insert(container, { key: head, lines: renderEntry(undefined, head, nest(rest, value), text, unit) });
  };

  const setExisting = (plan: Plan, container: Container, expr: HExpr, rest: string[], value: Value, replace: boolean): void => {
    if (rest.length) {
      if (expr.kind === 'object') set(plan, { kind: 'object', node: expr, resourceType: container.resourceType }, rest, value, replace);
      else plan.failed = true;
      return;
    }
    if (!replace) return;
    if (isPlainObject(value) && expr.kind === 'object') {
      for (const [k, v] of Object.entries(value)) set(plan, { kind: 'object', node: expr, resourceType: container.resourceType }, [k], v, replace);
      return;
    }
    const rendered = renderValue(value, text);
    if (text.slice(expr.range.start, expr.range.end) !== rendered) plan.replacements.push({ range: expr.range, text: rendered });
  };

  /** Settings Terraform rejects alone get their partners (Azure Spot's eviction policy, AKS bounds). */
  const companions = (plan: Plan, container: Container, key: string, value: Value): void => {
    if (container.kind !== 'block') return;
    const current = (name: string) => {
      const expr = HBlock.attribute(container.node, name)?.value;
      return expr?.kind === 'literal' && typeof expr.value === 'number' ? expr.value : undefined;
    };
    for (const companion of companionsOf(container.resourceType, key, value)) {
      if (companion.onlyIfAbsent && HBlock.attribute(container.node, companion.key)) continue;
      set(plan, container, [companion.key], companion.value(current), true);
    }
  };

  const addTags = (target: Anchor, tags: Record<string, string>): TextEdit[] => {
    const plan = new Plan();
    const container = containerAt(target);
    if (!container) return target.kind === 'value' ? wrapTags(target.range, tags) : [];
    const style = tagStyles.get(keyOf(container.node.range));
    if (container.kind === 'object' && style?.kind !== 'attribute') {
      // The anchor is the tag map itself.
      for (const [k, v] of Object.entries(tags)) if (!container.node.entries.some((e) => e.key === k)) plan.insert(container, { key: k, lines: renderEntry(undefined, k, v, text, unit) });
      return finish(plan);
    }
    if (container.kind === 'object' && style?.kind === 'attribute') {
      // A module's node-group object without tags: give it a `tags` map.
      plan.insert(container, { key: style.key, lines: renderEntry(undefined, style.key, tags, text, unit) });
      return finish(plan);
    }
    if (container.kind !== 'block') return [];
    if (style?.kind === 'tag-blocks') {
      const present = new Set(HBlock.blocks(container.node, 'tag').map((b) => HBlock.attribute(b, 'key')?.value).map((e) => (e?.kind === 'literal' ? String(e.value) : '')));
      for (const [k, v] of Object.entries(tags)) {
        if (!present.has(k)) plan.insert(container, { key: 'tag', lines: renderEntry('aws_autoscaling_group', 'tag', { key: k, value: v, propagate_at_launch: true }, text, unit) });
      }
      return finish(plan);
    }
    const key = style?.key ?? 'tags';
    const existing = HBlock.attribute(container.node, key)?.value;
    if (!existing) {
      plan.insert(container, { key, lines: renderEntry(undefined, key, tags, text, unit) });
      return finish(plan);
    }
    if (existing.kind === 'object') return addTags({ range: existing.range, kind: 'map' }, tags);
    return wrapTags(existing.range, tags);
  };

  /** Tags written as an expression (`local.tags`, `merge(…)`): merge the new ones in. */
  const wrapTags = (range: Range, tags: Record<string, string>): TextEdit[] => {
    if (!Object.keys(tags).length) return [];
    const added = renderValue(tags, text);
    const call = calls.get(keyOf(range));
    if (call?.name === 'merge') {
      const close = text.lastIndexOf(')', range.end);
      return close > range.start ? [{ range: { start: close, end: close }, text: `${call.args.length ? ', ' : ''}${added}` }] : [];
    }
    return [{ range, text: `merge(${text.slice(range.start, range.end)}, ${added})` }];
  };

  return {
    setArgument(target, key, value) {
      const container = containerAt(target);
      if (!container) return [];
      const plan = new Plan();
      set(plan, container, key.split('.'), value, true);
      return finish(plan);
    },
    addKey(target, key, value) {
      const container = containerAt(target);
      if (!container) return [];
      const plan = new Plan();
      set(plan, container, key.split('.'), value, false);
      return finish(plan);
    },
    replaceLiteral(target, value) {
      const rendered = renderValue(value, text);
      return text.slice(target.range.start, target.range.end) === rendered ? [] : [{ range: target.range, text: rendered }];
    },
    addTags,
  };
}

function nest(rest: readonly string[], value: Value): Value {
  return rest.reduceRight<Value>((inner, key) => ({ [key]: inner }), value);
}
