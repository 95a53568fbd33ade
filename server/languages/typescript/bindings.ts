import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { T, keyName, unwrap, type Node } from './ast';

/** A local name bound to a module export (`'default'`, `'*'` for namespaces and CJS modules, or the export name). */
export interface ImportBinding {
  module: string;
  name: string;
}

/**
 * A file's names, collected in the single traversal: imports and requires, variable
 * initialisers, functions, class fields (`this.client`), and typed parameters. Scopes are
 * merged: shadowing is rare in the code this reads, and a wrong merge only loses a fact.
 */
export class Bindings {
  readonly imports = new Map<string, ImportBinding>();
  readonly values = new Map<string, Node>();
  readonly members = new Map<string, Node>();
  readonly functions = new Map<string, Node>();
  /** Parameters declared with a type annotation naming an imported class (`client: OpenAI`). */
  readonly typedParams = new Map<string, ImportBinding>();
  /** Every parameter by name: the function and position, so a call site's argument can stand for it. */
  readonly params = new Map<string, { fn: Node; index: number; fallback?: Node }[]>();
  /** Names exported under another name (`export { client as llm }`) or from another module (`export { x } from './y'`). */
  readonly exportAliases = new Map<string, string>();
  readonly reexports = new Map<string, ImportBinding>();
  defaultExport: Node | undefined;
  /** Local names other files can import. */
  readonly exportedNames = new Set<string>();
  /** Call expressions by the name they call (`summarize(…)`, `this.summarize(…)`). */
  readonly callSites = new Map<string, TSESTree.CallExpression[]>();

  /** Whether `collect` records anything for a node of this kind (the same cases as its switch). */
  static wants(node: Node): boolean {
    return node.type === T.Identifier ? Boolean(node.typeAnnotation) : COLLECTED.has(node.type);
  }

  /** Records what a node binds; called for every node during the traversal. */
  collect(node: Node): void {
    switch (node.type) {
      case T.ImportDeclaration:
        this.collectImport(node);
        break;
      case T.ExportNamedDeclaration:
        this.collectExports(node);
        break;
      case T.ExportAllDeclaration:
        if (!node.exported) this.reexports.set(`*${this.reexports.size}`, { module: node.source.value, name: '*' });
        break;
      case T.ExportDefaultDeclaration:
        this.defaultExport = node.declaration;
        if (node.declaration.type === T.Identifier) this.exportedNames.add(node.declaration.name);
        break;
      case T.VariableDeclarator:
        if (node.init) this.collectDeclarator(node.id, node.init);
        break;
      case T.FunctionDeclaration:
        if (node.id) this.functions.set(node.id.name, node);
        this.collectParams(node);
        break;
      case T.FunctionExpression:
      case T.ArrowFunctionExpression:
        this.collectParams(node);
        break;
      case T.CallExpression: {
        const callee = unwrap(node.callee);
        const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? keyName(callee.property) : undefined;
        if (name) {
          const sites = this.callSites.get(name);
          if (sites) sites.push(node);
          else this.callSites.set(name, [node]);
        }
        break;
      }
      case T.AssignmentExpression: {
        const target = node.left;
        if (target.type === T.MemberExpression && target.object.type === T.ThisExpression) {
          const name = keyName(target.property);
          if (name) this.members.set(name, node.right);
        } else if (target.type === T.Identifier && !this.values.has(target.name)) {
          this.values.set(target.name, node.right);
        }
        break;
      }
      case T.PropertyDefinition: {
        const name = keyName(node.key);
        if (name && node.value) this.members.set(name, node.value);
        if (name && node.typeAnnotation) this.collectTypedName(name, node.typeAnnotation, this.members);
        break;
      }
      case T.Identifier:
        if (node.typeAnnotation && node.parent && isParameterPosition(node)) this.collectTypedName(node.name, node.typeAnnotation);
        break;
      case T.TSParameterProperty:
        if (node.parameter.type === T.Identifier && node.parameter.typeAnnotation) {
          this.collectTypedName(node.parameter.name, node.parameter.typeAnnotation, this.members);
        }
        break;
      default:
        break;
    }
  }

  private collectParams(fn: TSESTree.FunctionLike): void {
    fn.params.forEach((raw, index) => {
      const param = raw.type === T.TSParameterProperty ? raw.parameter : raw;
      const id = param.type === T.AssignmentPattern ? param.left : param;
      if (id.type !== T.Identifier) return;
      // `client = new OpenAI()` as a default: the client the function uses when none is passed.
      const fallback = param.type === T.AssignmentPattern ? param.right : undefined;
      const entry = { fn, index, fallback };
      const entries = this.params.get(id.name);
      if (entries) entries.push(entry);
      else this.params.set(id.name, [entry]);
    });
  }

  private collectExports(node: TSESTree.ExportNamedDeclaration): void {
    if (node.exportKind === 'type') return;
    if (node.declaration?.type === T.VariableDeclaration) {
      for (const d of node.declaration.declarations) if (d.id.type === T.Identifier) this.exportedNames.add(d.id.name);
    }
    for (const s of node.specifiers) {
      const local = keyName(s.local);
      const exported = keyName(s.exported);
      if (!local || !exported) continue;
      if (node.source) this.reexports.set(exported, { module: node.source.value, name: local });
      else {
        this.exportedNames.add(local);
        if (local !== exported) this.exportAliases.set(exported, local);
      }
    }
  }

  private collectImport(node: TSESTree.ImportDeclaration): void {
    if (node.importKind === 'type') return;
    const module = node.source.value;
    for (const s of node.specifiers) {
      if (s.type === T.ImportDefaultSpecifier) this.imports.set(s.local.name, { module, name: 'default' });
      else if (s.type === T.ImportNamespaceSpecifier) this.imports.set(s.local.name, { module, name: '*' });
      else this.imports.set(s.local.name, { module, name: keyName(s.imported) ?? s.local.name });
    }
  }

  private collectDeclarator(id: TSESTree.BindingName, init: Node): void {
    const module = requiredModule(init);
    if (module) {
      const value = unwrap(init);
      const member = value.type === T.MemberExpression ? keyName(value.property) : undefined;
      if (id.type === T.Identifier) this.imports.set(id.name, { module, name: member ?? '*' });
      else if (id.type === T.ObjectPattern) {
        for (const p of id.properties) {
          if (p.type === T.Property && p.value.type === T.Identifier) this.imports.set(p.value.name, { module, name: keyName(p.key) ?? p.value.name });
        }
      }
      return;
    }
    if (id.type === T.Identifier) this.values.set(id.name, init);
  }

  private collectTypedName(name: string, annotation: TSESTree.TSTypeAnnotation, into?: Map<string, Node>): void {
    const type = annotation.typeAnnotation;
    if (type.type !== T.TSTypeReference) return;
    const typeName = type.typeName;
    let binding: ImportBinding | undefined;
    if (typeName.type === T.Identifier) binding = this.imports.get(typeName.name);
    else if (typeName.type === T.TSQualifiedName && typeName.left.type === T.Identifier) {
      const ns = this.imports.get(typeName.left.name);
      if (ns) binding = { module: ns.module, name: typeName.right.name };
    }
    if (!binding) return;
    if (into) {
      if (!into.has(name)) this.typedParams.set(`this.${name}`, binding);
    } else this.typedParams.set(name, binding);
  }
}

const COLLECTED: ReadonlySet<string> = new Set([
  T.ImportDeclaration,
  T.ExportNamedDeclaration,
  T.ExportAllDeclaration,
  T.ExportDefaultDeclaration,
  T.VariableDeclarator,
  T.FunctionDeclaration,
  T.FunctionExpression,
  T.ArrowFunctionExpression,
  T.CallExpression,
  T.AssignmentExpression,
  T.PropertyDefinition,
  T.TSParameterProperty,
]);

function isParameterPosition(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === T.FunctionDeclaration || parent.type === T.FunctionExpression || parent.type === T.ArrowFunctionExpression) {
    return (parent.params as Node[]).includes(node);
  }
  return parent.type === T.AssignmentPattern && parent.left === node;
}

/** `require('x')`, `require('x').y`, `await import('x')`: the module name. */
export function requiredModule(node: Node): string | undefined {
  let value = unwrap(node);
  if (value.type === T.MemberExpression) value = unwrap(value.object);
  if (value.type === T.ImportExpression && value.source.type === T.Literal && typeof value.source.value === 'string') return value.source.value;
  if (
    value.type === T.CallExpression &&
    value.callee.type === T.Identifier &&
    value.callee.name === 'require' &&
    value.arguments[0]?.type === T.Literal &&
    typeof value.arguments[0].value === 'string'
  ) {
    return value.arguments[0].value;
  }
  return undefined;
}
