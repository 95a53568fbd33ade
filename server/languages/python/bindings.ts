import { ancestors, field, named, operator, unwrap, type PyNode } from './ast';

/** What a name is bound to in one scope. */
export type Binding =
  /** `import openai`, `from openai import OpenAI as O`: the dotted name it stands for. */
  | { kind: 'import'; qualified: string; at: number }
  /** `x = value`, `with value as x`, `(x := value)`. */
  | { kind: 'value'; value: PyNode; at: number }
  /** A function parameter: its default, its annotation, its place in the signature. */
  | { kind: 'param'; fn: PyNode; index: number; name: string; value?: PyNode; annotation?: PyNode; at: number }
  | { kind: 'def'; node: PyNode; at: number }
  /** Bound by something the extractor does not follow (a loop target, unpacking, `except … as e`). */
  | { kind: 'opaque'; at: number };

const SCOPE_TYPES = new Set(['module', 'function_definition', 'lambda', 'class_definition']);
const MUTATORS = new Set(['append', 'extend', 'insert', '__iadd__']);

/**
 * A file's names, per scope (module, function, lambda, class body), collected in one walk:
 * imports, assignments, parameters, definitions, `self.x = …` members and class attributes.
 * Python's own lookup rule applies: a method does not see its class body's names.
 */
export class Bindings {
  private readonly scopes = new Map<PyNode, Map<string, Binding[]>>();
  /** Per class: `self.x = …` in its methods and attributes assigned in its body. */
  readonly members = new Map<PyNode, Map<string, Binding[]>>();
  readonly classes = new Map<string, PyNode>();
  /** Names of lists that grow after they are built (`messages.append(…)`, `history += …`). */
  readonly mutated = new Set<string>();
  readonly calls: PyNode[] = [];
  readonly quotes = { "'": 0, '"': 0 };

  constructor(
    readonly root: PyNode,
    private readonly text: string,
  ) {
    const stack: PyNode[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      this.collect(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }

  src(node: PyNode): string {
    return this.text.slice(node.start, node.end);
  }

  /** The binding a name has where `at` uses it, following Python's scope chain. */
  lookup(name: string, at: PyNode): Binding | undefined {
    let first = true;
    for (const scope of scopeChain(at)) {
      // A class body's names are visible in the body itself, not in its methods.
      if (scope.type === 'class_definition' && !first) continue;
      first = false;
      const list = this.scopes.get(scope)?.get(name);
      if (list?.length) return pick(list, at, isDirectlyIn(at, scope));
    }
    return undefined;
  }

  /** A module-level name, as another module importing it sees it. */
  moduleBinding(name: string): Binding | undefined {
    const list = this.scopes.get(this.root)?.get(name);
    return list?.[list.length - 1];
  }

  /** `self.name` inside a class's methods: the value assigned to it anywhere in the class. */
  member(name: string, at: PyNode): Binding | undefined {
    const cls = enclosingClass(at);
    const list = cls ? this.members.get(cls)?.get(name) : undefined;
    if (list?.length) return pick(list, at, false);
    return undefined;
  }

  /** `ClassName.attribute` for a class of this file. */
  classAttribute(className: string, name: string, at: PyNode): Binding | undefined {
    const cls = this.classes.get(className);
    const list = cls ? this.members.get(cls)?.get(name) : undefined;
    return list?.length ? pick(list, at, false) : undefined;
  }

  private bind(scope: PyNode, name: string, binding: Binding): void {
    let names = this.scopes.get(scope);
    if (!names) this.scopes.set(scope, (names = new Map()));
    const list = names.get(name) ?? [];
    list.push(binding);
    names.set(name, list);
  }

  private bindMember(cls: PyNode, name: string, binding: Binding): void {
    let names = this.members.get(cls);
    if (!names) this.members.set(cls, (names = new Map()));
    const list = names.get(name) ?? [];
    list.push(binding);
    names.set(name, list);
  }

  private collect(node: PyNode): void {
    switch (node.type) {
      case 'call':
        this.calls.push(node);
        this.collectMutation(node);
        break;
      case 'string_start': {
        const quote = this.text[node.end - 1];
        if (quote === '"' || quote === "'") this.quotes[quote]++;
        break;
      }
      case 'import_statement':
        for (const item of named(node)) this.collectImport(node, item, '');
        break;
      case 'import_from_statement':
        this.collectFromImport(node);
        break;
      case 'assignment':
        this.collectAssignment(node);
        break;
      case 'augmented_assignment': {
        const left = field(node, 'left');
        if (left?.type === 'identifier' && operator(node) === '+=') this.mutated.add(this.src(left));
        break;
      }
      case 'named_expression': {
        const name = field(node, 'name');
        const value = field(node, 'value');
        if (name && value) this.bind(scopeOf(node), this.src(name), { kind: 'value', value, at: node.start });
        break;
      }
      case 'with_item':
        this.collectWithItem(node);
        break;
      case 'for_statement':
      case 'for_in_clause':
        this.bindTargets(field(node, 'left'), scopeOf(node), node.start);
        break;
      case 'function_definition':
        this.collectFunction(node);
        break;
      case 'lambda':
        this.collectParameters(node, field(node, 'parameters'));
        break;
      case 'class_definition': {
        const name = field(node, 'name');
        if (name) {
          this.classes.set(this.src(name), node);
          this.bind(scopeOf(node), this.src(name), { kind: 'def', node, at: node.start });
        }
        break;
      }
      default:
        break;
    }
  }

  private collectImport(statement: PyNode, item: PyNode, prefix: string): void {
    const scope = scopeOf(statement);
    if (item.type === 'aliased_import') {
      const name = field(item, 'name');
      const alias = field(item, 'alias');
      if (name && alias) this.bind(scope, this.src(alias), { kind: 'import', qualified: prefix + this.src(name), at: statement.start });
    } else if (item.type === 'dotted_name') {
      const dotted = this.src(item);
      // `import google.generativeai` binds `google`; `from x import y` binds `y` to `x.y`.
      const local = prefix ? dotted : dotted.split('.')[0];
      this.bind(scope, local, { kind: 'import', qualified: prefix ? prefix + dotted : local, at: statement.start });
    }
  }

  private collectFromImport(node: PyNode): void {
    const module = field(node, 'module_name');
    if (!module || (module.type !== 'dotted_name' && module.type !== 'relative_import')) return;
    // `from . import clients` → `.clients`; `from .clients import claude` → `.clients.claude`.
    const text = this.src(module);
    const prefix = text.endsWith('.') ? text : `${text}.`;
    for (const item of node.children) if (item.field === 'name') this.collectImport(node, item, prefix);
  }

  private collectAssignment(node: PyNode): void {
    let value = field(node, 'right');
    // `a = b = value`: every target gets the innermost value.
    while (value?.type === 'assignment') value = field(value, 'right');
    const left = field(node, 'left');
    if (!left) return;
    if (!value) {
      // `client: OpenAI` in a class body declares a typed attribute.
      const annotation = field(node, 'type');
      const cls = node.parent?.parent?.parent;
      if (annotation && left.type === 'identifier' && cls?.type === 'class_definition' && node.parent?.parent === field(cls, 'body')) {
        this.bindMember(cls, this.src(left), { kind: 'param', fn: cls, index: -1, name: this.src(left), annotation, at: node.start });
      }
      return;
    }
    this.assign(left, value, node);
    const annotation = field(node, 'type');
    if (annotation && left.type === 'attribute') this.assignMember(left, value, node, annotation);
  }

  private assign(target: PyNode, value: PyNode, statement: PyNode): void {
    const scope = scopeOf(statement);
    if (target.type === 'identifier') {
      const name = this.src(target);
      this.bind(scope, name, { kind: 'value', value, at: statement.start });
      if (scope.type === 'class_definition') this.bindMember(scope, name, { kind: 'value', value, at: statement.start });
      return;
    }
    if (target.type === 'attribute') return this.assignMember(target, value, statement);
    if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'tuple') {
      const targets = named(target);
      const values = value.type === 'expression_list' || value.type === 'tuple' ? named(value) : [];
      targets.forEach((t, i) => (values.length === targets.length ? this.assign(t, values[i], statement) : this.bindTargets(t, scope, statement.start)));
    }
  }

  private assignMember(target: PyNode, value: PyNode, statement: PyNode, annotation?: PyNode): void {
    const object = field(target, 'object');
    const name = field(target, 'attribute');
    if (!object || !name || object.type !== 'identifier' || this.src(object) !== 'self') return;
    const cls = enclosingClass(statement);
    if (!cls) return;
    this.bindMember(cls, this.src(name), { kind: 'value', value, at: statement.start });
    if (annotation) this.bindMember(cls, this.src(name), { kind: 'param', fn: cls, index: -1, name: this.src(name), annotation, at: statement.start });
  }

  private collectWithItem(node: PyNode): void {
    const pattern = field(node, 'value');
    if (pattern?.type !== 'as_pattern') return;
    const value = named(pattern)[0];
    const alias = field(pattern, 'alias');
    const target = alias ? named(alias)[0] : undefined;
    if (value && target?.type === 'identifier') this.bind(scopeOf(node), this.src(target), { kind: 'value', value, at: node.start });
  }

  private bindTargets(target: PyNode | undefined, scope: PyNode, at: number): void {
    if (!target) return;
    if (target.type === 'identifier') this.bind(scope, this.src(target), { kind: 'opaque', at });
    else for (const child of named(target)) this.bindTargets(child, scope, at);
  }

  private collectFunction(node: PyNode): void {
    const name = field(node, 'name');
    if (name) {
      const text = this.src(name);
      this.bind(scopeOf(node), text, { kind: 'def', node, at: node.start });
    }
    this.collectParameters(node, field(node, 'parameters'));
  }

  private collectParameters(fn: PyNode, parameters: PyNode | undefined): void {
    if (!parameters) return;
    named(parameters).forEach((param, index) => {
      const id = param.type === 'identifier' ? param : (field(param, 'name') ?? named(param).find((c) => c.type === 'identifier'));
      if (!id || id.type !== 'identifier') return;
      const name = this.src(id);
      const value = param.type === 'default_parameter' || param.type === 'typed_default_parameter' ? field(param, 'value') : undefined;
      const annotation = field(param, 'type');
      this.bind(fn, name, { kind: 'param', fn, index, name, value, annotation, at: fn.start });
    });
  }

  private collectMutation(call: PyNode): void {
    const callee = field(call, 'function');
    if (callee?.type !== 'attribute') return;
    const object = field(callee, 'object');
    const method = field(callee, 'attribute');
    if (object?.type === 'identifier' && method && MUTATORS.has(this.src(method))) this.mutated.add(this.src(object));
  }
}

/** The binding that holds at `at`: the last one before it in the same scope, else the last one made. */
function pick(list: Binding[], at: PyNode, sameScope: boolean): Binding {
  if (sameScope) {
    let before: Binding | undefined;
    for (const b of list) if (b.at <= at.start) before = b;
    if (before) return before;
  }
  return list[list.length - 1];
}

export function scopeOf(node: PyNode): PyNode {
  for (const a of ancestors(node)) if (SCOPE_TYPES.has(a.type)) return a;
  return node;
}

function* scopeChain(node: PyNode): Generator<PyNode> {
  for (const a of ancestors(unwrap(node))) if (SCOPE_TYPES.has(a.type)) yield a;
}

function isDirectlyIn(node: PyNode, scope: PyNode): boolean {
  return scopeOf(node) === scope;
}

export function enclosingClass(node: PyNode): PyNode | undefined {
  for (const a of ancestors(node)) if (a.type === 'class_definition') return a;
  return undefined;
}
