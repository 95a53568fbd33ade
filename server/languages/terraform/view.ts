import type { Anchor, Range } from '../../engine/facts';
import type { Evaluator, Frame } from './evaluate';
import { HBlock, type HExpr } from './syntax';
import { Val } from './values';

/**
 * One keyed container read the same way whether it is a block (`scaling_config { … }` on a
 * resource) or an object value (`scaling_config = { … }`, a module's node-group map entry), so
 * resource readers work for providers' blocks and modules' objects alike.
 */
export interface View {
  value(key: string): Val | undefined;
  /** A nested block, or an object-valued key (the first item of a list of objects). */
  child(key: string): View | undefined;
  /** Every nested block of a type (dynamic blocks' content included), or the objects of a list-valued key. */
  children(key: string): View[];
  has(key: string): boolean;
  /** The expression written for a key, when it is in the linted file (to place edits around it). */
  source(key: string): HExpr | undefined;
  /** Where keys can be added (a block or object literal in the file being linted). */
  anchor?: Anchor;
  range?: Range;
}

export function blockView(block: HBlock, evaluator: Evaluator, frame: Frame): View {
  const here = frame.direct && frame.file === evaluator.current;
  const view: View = {
    value(key) {
      const attribute = HBlock.attribute(block, key);
      return attribute ? evaluator.evaluate(attribute.value, frame) : undefined;
    },
    child(key) {
      return view.children(key)[0];
    },
    children(key) {
      const nested = HBlock.blocks(block, key).map((b) => blockView(b, evaluator, frame));
      for (const dynamic of HBlock.blocks(block, 'dynamic')) {
        const content = dynamic.labels[0] === key ? HBlock.block(dynamic, 'content') : undefined;
        if (!content) continue;
        // The iterator's values vary per item: bind it as unknown so references do not read as after-apply values.
        const iterator = iteratorName(dynamic, key, evaluator, frame);
        const names = new Map(frame.names ?? []);
        names.set(iterator, { key: Val.unknown(`${iterator}.key varies per item`), value: Val.unknown(`${iterator}.value varies per item`) });
        nested.push(blockView(content, evaluator, { ...frame, names }));
      }
      if (nested.length) return nested;
      const val = view.value(key);
      return valueViews(val);
    },
    has(key) {
      return Boolean(HBlock.attribute(block, key) || HBlock.block(block, key) || HBlock.blocks(block, 'dynamic').some((d) => d.labels[0] === key));
    },
    source: (key) => (here ? HBlock.attribute(block, key)?.value : undefined),
    anchor: here ? { range: block.range, kind: 'map' } : undefined,
    range: block.range,
  };
  return view;
}

function iteratorName(dynamic: HBlock, key: string, evaluator: Evaluator, frame: Frame): string {
  const iterator = HBlock.attribute(dynamic, 'iterator');
  return (iterator && Val.str(evaluator.evaluate(iterator.value, frame))) || (iterator?.value.kind === 'ref' ? iterator.value.root : key);
}

function valueViews(val: Val | undefined): View[] {
  if (val?.kind === 'object') return [objectView(val)];
  if (val?.kind === 'list') return val.items.filter((i) => i.kind === 'object').map(objectView);
  return [];
}

export function objectView(val: Val): View {
  const entries = val.kind === 'object' ? val.entries : new Map<string, Val>();
  return {
    value: (key) => entries.get(key),
    child: (key) => valueViews(entries.get(key))[0],
    children: (key) => valueViews(entries.get(key)),
    has: (key) => entries.has(key),
    source: (key) => (val.kind === 'object' ? val.src?.entries.find((e) => e.key === key)?.value : undefined),
    anchor: val.at ? { range: val.at, kind: 'map' } : undefined,
    range: val.at,
  };
}

/** A literal's anchor for `replaceLiteral`, when it is written in the linted file. */
export function valueAnchor(val: Val | undefined): Anchor | undefined {
  return val?.at ? { range: val.at, kind: 'value' } : undefined;
}
