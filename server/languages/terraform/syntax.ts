import type { Range } from '../../engine/facts';

/**
 * A small typed model of an HCL file, read once from the tree-sitter tree so the tree can be
 * freed at once (it lives in wasm memory). Every range is in UTF-16 offsets of the file text.
 */

export type HAccess = { kind: 'attr'; name: string } | { kind: 'index'; index: HExpr } | { kind: 'splat' };

export interface HObjectEntry {
  /** The key as a string when it is a bare name or a plain string; null when computed (`(var.k) = …`). */
  key: string | null;
  keyRange: Range;
  value: HExpr;
  range: Range;
}

export type HExpr =
  | { kind: 'literal'; value: string | number | boolean | null; range: Range }
  /** A quoted or heredoc string with interpolations; directives (`%{ }`) show as `other` parts. */
  | { kind: 'template'; parts: (string | HExpr)[]; range: Range }
  | { kind: 'tuple'; items: HExpr[]; range: Range }
  | { kind: 'object'; entries: HObjectEntry[]; range: Range }
  /** `var.x`, `local.tags["a"]`, `aws_launch_template.gpu.id`, `each.value.size`. */
  | { kind: 'ref'; root: string; path: HAccess[]; range: Range }
  | { kind: 'call'; name: string; args: HExpr[]; range: Range }
  | { kind: 'conditional'; test: HExpr; then: HExpr; otherwise: HExpr; range: Range }
  | { kind: 'binary'; op: string; left: HExpr; right: HExpr; range: Range }
  | { kind: 'unary'; op: string; operand: HExpr; range: Range }
  /** An accessor on something other than a name: `merge(a, b).x`, `(local.m)[0]`. */
  | { kind: 'access'; base: HExpr; path: HAccess[]; range: Range }
  /** `for` expressions, splats, directives and anything read only for its range. */
  | { kind: 'other'; what: string; range: Range };

export interface HAttribute {
  kind: 'attribute';
  name: string;
  nameRange: Range;
  value: HExpr;
  range: Range;
}

export interface HBlock {
  kind: 'block';
  type: string;
  typeRange: Range;
  labels: string[];
  labelRanges: Range[];
  body: HEntry[];
  range: Range;
  /** Offsets of the braces. */
  open: number;
  close: number;
}

export type HEntry = HAttribute | HBlock;

export namespace HBlock {
  export function attribute(block: { body: HEntry[] }, name: string): HAttribute | undefined {
    return block.body.find((e): e is HAttribute => e.kind === 'attribute' && e.name === name);
  }

  export function blocks(block: { body: HEntry[] }, type: string): HBlock[] {
    return block.body.filter((e): e is HBlock => e.kind === 'block' && e.type === type);
  }

  export function block(block: { body: HEntry[] }, type: string): HBlock | undefined {
    return blocks(block, type)[0];
  }

  /** Every block at any depth, outermost first. */
  export function* walk(body: readonly HEntry[]): Generator<HBlock> {
    for (const entry of body) {
      if (entry.kind !== 'block') continue;
      yield entry;
      yield* walk(entry.body);
    }
  }
}

export namespace HExpr {
  /** Every expression inside `expr` (itself included), depth first. */
  export function* walk(expr: HExpr): Generator<HExpr> {
    yield expr;
    switch (expr.kind) {
      case 'template':
        for (const p of expr.parts) if (typeof p !== 'string') yield* walk(p);
        break;
      case 'tuple':
        for (const i of expr.items) yield* walk(i);
        break;
      case 'object':
        for (const e of expr.entries) yield* walk(e.value);
        break;
      case 'call':
        for (const a of expr.args) yield* walk(a);
        break;
      case 'conditional':
        yield* walk(expr.test);
        yield* walk(expr.then);
        yield* walk(expr.otherwise);
        break;
      case 'binary':
        yield* walk(expr.left);
        yield* walk(expr.right);
        break;
      case 'unary':
        yield* walk(expr.operand);
        break;
      case 'access':
        yield* walk(expr.base);
        break;
      case 'ref':
        for (const a of expr.path) if (a.kind === 'index') yield* walk(a.index);
        break;
    }
  }

  /** Every expression in a block's attributes, nested blocks included. */
  export function* inBody(body: readonly HEntry[]): Generator<HExpr> {
    for (const entry of body) {
      if (entry.kind === 'attribute') yield* walk(entry.value);
      else yield* inBody(entry.body);
    }
  }

  /** `aws_launch_template.gpu.id` → `gpu` when `expr` refers to a resource of `type`. */
  export function resourceName(expr: HExpr | undefined, type: string): string | undefined {
    if (!expr) return undefined;
    for (const e of walk(expr)) {
      if (e.kind === 'ref' && e.root === type && e.path[0]?.kind === 'attr') return e.path[0].name;
    }
    return undefined;
  }
}

export interface HFile {
  path: string;
  text: string;
  body: HEntry[];
}
