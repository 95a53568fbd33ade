import type { DynamicSource, PromptRole } from '../../engine/facts';
import { field, named, rangeOf, unwrap, type PyNode } from './ast';
import type { PromptReader } from './prompt';
import { HISTORY_NAMES, isStringExpression, roleOf } from './prompt-kinds';
import { valueAnchor } from './values';

/**
 * A LangChain prompt template piped into a model (`prompt | llm`) is the prompt it sends:
 * `from_messages([("system", "…"), ("human", "{question}")])` or `from_template("…")`, each
 * `{variable}` a dynamic part.
 */
export function readTemplate(reader: PromptReader, call: PyNode): void {
  const callee = field(call, 'function');
  const method = callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
  const arg = named(field(call, 'arguments') ?? call)[0];
  if (!method || !arg) return;
  if (reader.resolver.src(method) === 'from_template') {
    templateText(reader, arg.type === 'keyword_argument' ? (field(arg, 'value') ?? arg) : arg, 'user');
    reader.message++;
    return;
  }
  const list = reader.resolver.initializer(unwrap(arg)) ?? unwrap(arg);
  if (list.type !== 'list' && list.type !== 'tuple') return reader.pushDynamic(arg, 'user', 'history');
  for (const element of named(list)) {
    templateMessage(reader, unwrap(element));
    reader.message++;
  }
}

function templateMessage(reader: PromptReader, element: PyNode): void {
  const { values, resolver } = reader;
  if (element.type === 'tuple' && named(element).length === 2) {
    const [first, second] = named(element);
    const role = values.string(first)?.value;
    if (role === 'placeholder') {
      const name = values.string(second)?.value;
      reader.parts.push({ kind: 'dynamic', role: 'user', source: 'history', expression: name ?? values.source(second), range: rangeOf(second), message: reader.message });
      return;
    }
    return templateText(reader, second, roleOf(role) ?? 'user');
  }
  if (element.type === 'call') {
    const callee = field(element, 'function');
    const last = callee?.type === 'attribute' ? field(callee, 'attribute') : callee;
    const name = last ? resolver.src(last) : '';
    const owner = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
    if (name === 'MessagesPlaceholder') return reader.pushDynamic(element, 'user', 'history');
    if (name === 'from_template' && owner) {
      // `SystemMessagePromptTemplate.from_template("…")`: the role is in the class name.
      const role = roleOf(/^(\w*?)Message/.exec(resolver.src(owner).split('.').pop() ?? '')?.[1].toLowerCase()) ?? 'user';
      const text = named(field(element, 'arguments') ?? element)[0];
      if (text) templateText(reader, text, role);
      return;
    }
    const message = reader.messageCall(element, 'user');
    if (message) return reader.content(message.content, message.role);
  }
  if (isStringExpression(element, resolver)) return templateText(reader, element, 'user');
  reader.pushDynamic(element, 'user', 'history');
}

/** Template text: static pieces, and each `{variable}` as a dynamic part. */
function templateText(reader: PromptReader, node: PyNode, role: PromptRole): void {
  const known = reader.values.string(node);
  if (!known) return reader.text(node, role);
  const anchor = valueAnchor(unwrap(node));
  const range = rangeOf(known.literal);
  const message = reader.message;
  const pattern = /\{\{|\}\}|\{([A-Za-z_][\w.]*)\}/g;
  let text = '';
  let last = 0;
  for (let match = pattern.exec(known.value); match; match = pattern.exec(known.value)) {
    text += known.value.slice(last, match.index);
    last = match.index + match[0].length;
    if (!match[1]) {
      text += match[0][0];
      continue;
    }
    if (text) reader.parts.push({ kind: 'static', role, text, range, message, cacheMarked: false, anchor });
    text = '';
    const source: DynamicSource = HISTORY_NAMES.test(match[1]) ? 'history' : 'variable';
    reader.parts.push({ kind: 'dynamic', role, source, expression: `{${match[1]}}`, range, message });
  }
  text += known.value.slice(last);
  if (text) reader.parts.push({ kind: 'static', role, text, range, message, cacheMarked: false, anchor });
}
