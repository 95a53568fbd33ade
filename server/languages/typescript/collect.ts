import type { TSESTree } from '@typescript-eslint/types';
import { T, type Node } from './ast';
import { Bindings } from './bindings';

export type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * What the one traversal of a file gathers, in document order: names for the resolver, the calls
 * to classify, object literals for edits, and the counts that give the quote style.
 */
export class Collection {
  readonly bindings = new Bindings();
  readonly objects: TSESTree.ObjectExpression[] = [];
  readonly calls: CallNode[] = [];
  readonly quotes = { "'": 0, '"': 0 };

  /** Whether `add` records anything for this node: the incremental path keeps only these per statement. */
  static wants(node: Node): boolean {
    return node.type === T.ObjectExpression || node.type === T.CallExpression || node.type === T.NewExpression || isQuotedString(node) || Bindings.wants(node);
  }

  /** Called for every node, parents before children, with parent pointers set. */
  add(node: Node): void {
    this.bindings.collect(node);
    if (node.type === T.ObjectExpression) this.objects.push(node);
    else if (node.type === T.CallExpression || node.type === T.NewExpression) this.calls.push(node);
    else if (isQuotedString(node)) this.quotes[node.raw[0] as "'" | '"']++;
  }
}

function isQuotedString(node: Node): node is TSESTree.StringLiteral {
  return node.type === T.Literal && typeof node.value === 'string' && (node.raw[0] === "'" || node.raw[0] === '"');
}
