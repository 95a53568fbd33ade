import type { TSESTree } from '@typescript-eslint/types';
import type { LlmCall, LoopInfo, Provider, RetryPolicy } from '../../engine/facts';
import { noSyntaxEdits } from '../../engine/edits';
import { describeFailure } from '../../engine/failure';
import type { SourceFile } from '../../engine/source-file';
import type { Comment, ExtractOptions, ExtractResult, Extractor, ProjectView, WrapperSignature } from '../extractor';
import { T, ancestors, enclosingFunction, functionName, isFunction, keyName, memberChain, property, rangeOf, unwrap, type Node } from './ast';
import type { Bindings } from './bindings';
import { buildCall, clientRetry, type CallShape } from './calls';
import { Collection } from './collect';
import { typescriptEdits } from './edits';
import { enclosingLoop, feedsOnItsOwnResult, retryLoop } from './flow';
import { parseWithMemory, type Parsed } from './incremental';
import { Modules, forgetModules } from './modules';
import { parseOptionsFor, parser, type ParseOptions } from './parser';
import { Resolver, type Sym } from './resolve';
import {
  AI_SDK_CAP_KEYS,
  AI_SDK_FUNCTIONS,
  AI_SDK_MODULE,
  BEDROCK_COMMANDS,
  BEDROCK_CONVERSE,
  BEDROCK_MODULE,
  RETRY_LIBRARIES,
  SDK_METHOD_PATHS,
  QUOTED_SDK_MODULE,
  SDK_IMPORT,
  escapeRegExp,
  type ClientSpec,
  type MethodSpec,
} from './sdks';
import { Values } from './values';

/** An SDK's name in quotes anywhere: a quick test that most files fail, before the exact one below. */
const SDK_NAMED = new RegExp(QUOTED_SDK_MODULE);
/**
 * What a file imports from its own project (`import { client, llm as model } from './llm'`,
 * `import llm from '../llm'`, `import * as ai from './ai'`, `const { client } = require('./llm')`):
 * groups 1–3 and 5–6 bind names, 4 and 7 are the module.
 */
const PROJECT_IMPORTS = /\bimport\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\s*['"](\.\.?\/[^'"\n]*)['"]|\b(?:const|let|var)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*require\(\s*['"](\.\.?\/[^'"\n]*)['"]/g;
/** The AI SDK's own functions (`generateText(`): distinctive enough to pass with any project import. */
const AI_SDK_CALL = new RegExp(`\\b(?:${Object.keys(AI_SDK_FUNCTIONS).join('|')})\\(`);
/** An SDK method's whole path called (`.chat.completions.create(`, `.invoke(`): `.Request$schema.parse(` ends in `parse` but no SDK's path. */
const SDK_METHOD_CALL = new RegExp(`\\??\\.(?:${SDK_METHOD_PATHS.map((p) => p.split('.').map(escapeRegExp).join('\\??\\.')).join('|')})\\(`, 'g');
const CHAIN_CHAR = /[\w$.?]/;

/** The names SDK method paths are called on (`llm` in `llm.client.chat.completions.create(`). */
function sdkCallRoots(text: string): Set<string> {
  const roots = new Set<string>();
  for (const m of text.matchAll(SDK_METHOD_CALL)) {
    let start = m.index;
    while (start > 0 && CHAIN_CHAR.test(text[start - 1])) start--;
    const root = /^[\w$]+/.exec(text.slice(start, m.index + 1));
    if (root) roots.add(root[0]);
  }
  return roots;
}

/**
 * A call shaped like an SDK's (`client.chat.completions.create(`, `model.invoke(`) on a name the
 * file imports from its own project, or an AI SDK function (`generateText(`) beside such an import,
 * and a project module imported that could hand out a client or model: one that imports an SDK or
 * passes on another file's exports, the test the resolver makes before it parses a module. Any
 * import counts there, not only the one called (a model may come from another). Other files (most
 * of a codebase: relative imports and `.create(` are everywhere; an SDK's own tests call its client
 * made in the package) are never parsed. The call shapes are looked for first: they are rarest.
 */
function callsAnImportedClient(file: SourceFile, project: ProjectView): boolean {
  const aiSdkCall = AI_SDK_CALL.test(file.text);
  const roots = aiSdkCall ? new Set<string>() : sdkCallRoots(file.text);
  if (!aiSdkCall && !roots.size) return false;
  const imports = projectImports(file.text);
  if (!imports.some(({ local }) => aiSdkCall || roots.has(local))) return false;
  const modules = new Modules(file.path, project);
  return imports.some(({ module, name }) => modules.mayHoldSdkValue(module, name));
}

/** Each name a file imports from its own project: the local name, the export (undefined: the whole module, as a namespace) and the module. */
function projectImports(text: string): { local: string; name?: string; module: string }[] {
  const found: { local: string; name?: string; module: string }[] = [];
  for (const m of text.matchAll(PROJECT_IMPORTS)) {
    const module = m[4] ?? m[7];
    if (m[1]) found.push({ local: m[1], name: 'default', module });
    for (const local of [m[3], m[5]]) if (local) found.push({ local, module });
    for (const list of [m[2], m[6]]) {
      // `client as llm`, `type Client`, `client: llm` (a destructured require): export first, local name last.
      for (const part of list?.split(',') ?? []) {
        const [name, local = name] = part.trim().replace(/^type\s+/, '').split(/\s+as\s+|\s*:\s*/);
        if (name) found.push({ local, name, module });
      }
    }
  }
  return found;
}

export const typescriptExtractor: Extractor = {
  id: 'typescript',
  comments: { line: '//', block: ['/*', '*/'] },
  handlesPath: (path) => /\.[cm]?[jt]sx?$/i.test(path) && !/\.d\.[cm]?ts$/i.test(path),
  mightContainFacts: (file, options) =>
    (SDK_NAMED.test(file.text) && SDK_IMPORT.test(file.text)) || options.wrappers.some((w) => file.text.includes(lastName(w.name))) || callsAnImportedClient(file, options.project),
  extract: extractTypeScript,
  forgetProjectFiles: forgetModules,
};

function lastName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

export function extractTypeScript(file: SourceFile, options: ExtractOptions): ExtractResult {
  // Comments matter only for costlint directives; collecting them walks every token (a fifth of the parse).
  const parseOptions = parseOptionsFor(file.path, file.text.includes('costlint'));
  let parsed: Parsed;
  try {
    parsed = options.memory ? parseWithMemory(file.text, parseOptions, options.memory, parser().parse, parser().simpleTraverse) : parseOnce(file.text, parseOptions);
  } catch (error) {
    const e = error as { index?: number };
    const at = typeof e.index === 'number' ? e.index : 0;
    return { facts: [], comments: [], errors: [{ message: `cannot parse: ${describeFailure(error)}`, range: { start: at, end: at } }], edits: noSyntaxEdits, notes: [] };
  }
  const { ast, collection } = parsed;
  const { bindings, objects, calls, quotes } = collection;

  const resolver = new Resolver(bindings, new Modules(file.path, options.project));
  const values = new Values(resolver, file.text);
  const facts: LlmCall[] = [];
  const invokedHandles = new Set<Node>();
  const langchainHandles = new Map<Node, ClientSpec>();

  for (const node of calls) {
    const shape = classify(node, resolver, values, options.wrappers, invokedHandles, langchainHandles);
    if (shape) facts.push(buildCall(shape, values, resolver));
  }
  // A LangChain model built but never invoked in this file still names the model it will bill.
  for (const [origin, spec] of langchainHandles) {
    if (invokedHandles.has(origin) || origin.type !== T.NewExpression || isExported(origin, bindings)) continue;
    const shape = fromHandle(origin, origin.callee, { kind: 'handle', spec, options: resolver.objectLiteral(origin.arguments[0]), origin, path: [] }, { api: 'chat', request: 'handle' }, values);
    facts.push(buildCall(shape, values, resolver));
  }

  const sites = callSitesByName(calls);
  for (const fact of facts) {
    const node = nodeAtRange(calls, fact.range);
    if (!node) continue;
    const loop = enclosingLoop(node, file.text) ?? viaCaller(node, sites, (site) => enclosingLoop(site, file.text));
    const loopRetry = retryLoop(node, file.text) ?? viaCaller(node, sites, (site) => retryLoop(site, file.text), true);
    // A loop that retries the call until it succeeds runs it once per attempt, not once per item;
    // one whose call reads its own last answer runs turn after turn. Neither can be batched.
    fact.loop = loop && (loopRetry?.range.start === loop.range.start || feedsOnItsOwnResult(node)) ? { ...loop, perItem: false } : loop;
    fact.retry = [...fact.retry, ...(loopRetry ? [loopRetry] : []), ...libraryRetry(node, resolver, values)];
  }

  const comments: Comment[] = (ast.comments ?? []).map((c) => ({ text: c.value, range: rangeOf(c) }));
  return { facts: facts.sort((a, b) => a.range.start - b.range.start), comments, errors: [], edits: typescriptEdits(file.text, objects, quotes['"'] > quotes["'"] ? '"' : "'"), notes: [] };
}

function parseOnce(text: string, options: ParseOptions): Parsed {
  const ast = parser().parse(text, options);
  const collection = new Collection();
  parser().simpleTraverse(ast, { enter: (node) => collection.add(node) }, true);
  return { ast, collection };
}

function classify(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  resolver: Resolver,
  values: Values,
  wrappers: readonly WrapperSignature[],
  invoked: Set<Node>,
  langchain: Map<Node, ClientSpec>,
): CallShape | undefined {
  if (node.type === T.NewExpression) {
    const sym = resolver.resolve(node.callee);
    if (sym?.kind === 'export' && sym.module === BEDROCK_MODULE && BEDROCK_COMMANDS[sym.name]) return bedrockShape(node, BEDROCK_COMMANDS[sym.name], resolver, values);
    const made = resolver.resolve(node);
    if (made?.kind === 'handle' && made.spec.id.startsWith('langchain')) langchain.set(node, made.spec);
    return undefined;
  }
  const wrapper = wrappers.find((w) => calleeName(node.callee) === w.name || calleeName(node.callee)?.endsWith(`.${w.name}`));
  if (wrapper) return wrapperShape(node, wrapper, resolver, values);
  const sym = resolver.resolve(node.callee);
  if (!sym) return undefined;
  if (sym.kind === 'export' && sym.module === AI_SDK_MODULE) {
    const name = sym.name === '*' || sym.name === 'default' ? sym.path[0] : sym.path.length ? undefined : sym.name;
    const spec = name ? AI_SDK_FUNCTIONS[name] : undefined;
    return spec ? aiSdkShape(node, spec, resolver, values) : undefined;
  }
  if (sym.kind !== 'handle') return undefined;
  const method = sym.spec.methods[sym.path.join('.')];
  if (!method) return undefined;
  if (sym.origin) invoked.add(sym.origin);
  return fromHandle(node, node.callee, sym, method, values);
}

function fromHandle(node: TSESTree.CallExpression | TSESTree.NewExpression, callee: Node, sym: Extract<Sym, { kind: 'handle' }>, method: MethodSpec, values: Values): CallShape {
  const { spec } = sym;
  const arg0 = node.arguments[0] as Node | undefined;
  const request = method.request === 'handle' ? undefined : arg0 && unwrap(arg0).type === T.ObjectExpression ? (unwrap(arg0) as TSESTree.ObjectExpression) : undefined;
  const requestObject = request ?? (method.request !== 'handle' && arg0 ? values.resolver.objectLiteral(arg0) : undefined);
  const requestOptions = node.arguments[1] && unwrap(node.arguments[1]).type === T.ObjectExpression ? (unwrap(node.arguments[1]) as TSESTree.ObjectExpression) : undefined;
  return {
    node,
    callee,
    provider: spec.provider,
    sdk: spec.sdk,
    api: method.api,
    request: requestObject,
    fallbackModel: sym.foreignModel,
    handleOptions: method.request === 'arg0' ? undefined : sym.options,
    inheritedOptions: method.request === 'arg0' ? undefined : sym.inherited,
    // `chat.sendMessage({ message })` is read as the request; `chat.sendMessage(text)` as the prompt itself.
    promptArg: method.request === 'arg0+handle' ? (requestObject ? undefined : arg0) : method.promptArg !== undefined ? (node.arguments[method.promptArg] as Node | undefined) : undefined,
    modelKeys: spec.modelKeys,
    capKeys: method.capKeys ?? spec.capKeys,
    metadataKey: spec.metadataKey,
    cacheSupport: spec.cacheSupport,
    streaming: Boolean(method.streaming),
    batch: Boolean(method.batch),
    retry: [...clientRetry(sym.options, spec.retryKey, values), ...clientRetry(requestOptions, spec.retryKey, values)],
  };
}

function bedrockShape(node: TSESTree.NewExpression, method: MethodSpec, resolver: Resolver, values: Values): CallShape {
  let request = resolver.objectLiteral(node.arguments[0]);
  let capKeys = BEDROCK_CONVERSE.capKeys;
  let model = values.model(request ? property(request, 'modelId')?.value : undefined);
  if (method.api === 'invoke' && request) {
    // InvokeModel sends the provider's own JSON body: read it from `JSON.stringify({ … })`.
    const body = property(request, 'body')?.value;
    const payload = body && unwrap(body).type === T.CallExpression ? (unwrap(body) as TSESTree.CallExpression).arguments[0] : undefined;
    request = resolver.objectLiteral(payload as Node | undefined);
    capKeys = ['max_tokens', 'max_gen_len', 'maxTokens', 'max_new_tokens', 'textGenerationConfig.maxTokenCount'];
  }
  return {
    node,
    callee: node.callee,
    provider: 'bedrock',
    sdk: BEDROCK_MODULE,
    api: method.api,
    request,
    model,
    modelKeys: BEDROCK_CONVERSE.modelKeys,
    capKeys,
    metadataKey: method.api === 'converse' ? BEDROCK_CONVERSE.metadataKey : null,
    cacheSupport: 'explicit',
    streaming: Boolean(method.streaming),
    batch: false,
    retry: [],
  };
}

function aiSdkShape(node: TSESTree.CallExpression, method: MethodSpec, resolver: Resolver, values: Values): CallShape {
  const request = resolver.objectLiteral(node.arguments[0]);
  const modelNode = request ? property(request, 'model')?.value : undefined;
  const sym = modelNode ? resolver.resolve(modelNode) : undefined;
  let provider: Provider = 'unknown';
  let model = values.model(modelNode);
  if (sym?.kind === 'ai-model') {
    provider = sym.provider;
    model = sym.idNode ? values.model(sym.idNode) : sym.foreignModel;
  }
  if (provider === 'unknown' && model.value?.includes('/')) provider = gatewayProvider(model.value.split('/')[0]);
  return {
    node,
    callee: node.callee,
    provider,
    sdk: AI_SDK_MODULE,
    api: method.api,
    request,
    model,
    modelKeys: [],
    capKeys: AI_SDK_CAP_KEYS,
    metadataKey: null,
    cacheSupport: provider === 'anthropic' || provider === 'bedrock' ? 'explicit' : 'automatic',
    streaming: Boolean(method.streaming),
    batch: false,
    retry: clientRetry(request, 'maxRetries', values),
  };
}

function gatewayProvider(prefix: string): Provider {
  const known: Record<string, Provider> = { openai: 'openai', anthropic: 'anthropic', google: 'google', bedrock: 'bedrock', mistral: 'mistral', cohere: 'cohere', deepseek: 'deepseek', xai: 'xai' };
  return known[prefix] ?? 'unknown';
}

/** A call through one of the team's own wrappers (config `wrappers`), read like a direct SDK call. */
function wrapperShape(node: TSESTree.CallExpression, wrapper: WrapperSignature, resolver: Resolver, values: Values): CallShape {
  const pick = (at: number | string | undefined): Node | undefined => {
    if (at === undefined) return undefined;
    if (typeof at === 'number') return node.arguments[at] as Node | undefined;
    const options = resolver.objectLiteral(node.arguments[wrapper.options ?? node.arguments.length - 1]);
    return options ? property(options, at)?.value : undefined;
  };
  const options = wrapper.options !== undefined ? resolver.objectLiteral(node.arguments[wrapper.options]) : undefined;
  const model = values.model(pick(wrapper.model));
  const provider = (wrapper.provider as Provider | undefined) ?? (model.value?.includes('/') ? gatewayProvider(model.value.split('/')[0]) : 'unknown');
  return {
    node,
    callee: node.callee,
    provider,
    sdk: `wrapper:${wrapper.name}`,
    api: 'chat',
    request: options,
    promptArg: pick(wrapper.prompt),
    model,
    modelKeys: [],
    capKeys: ['max_tokens', 'maxTokens', 'max_output_tokens', 'maxOutputTokens'],
    metadataKey: null,
    cacheSupport: provider === 'anthropic' || provider === 'bedrock' ? 'explicit' : 'automatic',
    streaming: false,
    batch: false,
    retry: [],
  };
}

/** `export const llm = new ChatOpenAI(…)`: the files that import it make (and count) its calls. */
function isExported(node: Node, bindings: Bindings): boolean {
  const declarator = node.parent;
  return declarator?.type === T.VariableDeclarator && declarator.id.type === T.Identifier && bindings.exportedNames.has(declarator.id.name);
}

function calleeName(callee: Node): string | undefined {
  const chain = memberChain(callee);
  if (!chain) return undefined;
  const root = chain.root.type === T.Identifier ? chain.root.name : chain.root.type === T.ThisExpression ? 'this' : undefined;
  return root === undefined ? undefined : [root, ...chain.path].join('.');
}

function nodeAtRange(calls: readonly Node[], range: { start: number; end: number }): Node | undefined {
  return calls.find((c) => c.range[0] === range.start && c.range[1] === range.end);
}

/** Call sites of each function name in the file (`summarize(x)`, `this.summarize(x)`). */
function callSitesByName(calls: readonly Node[]): Map<string, Node[]> {
  const sites = new Map<string, Node[]>();
  for (const call of calls) {
    if (call.type !== T.CallExpression) continue;
    const callee = unwrap(call.callee);
    const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? keyName(callee.property) : undefined;
    if (!name) continue;
    const list = sites.get(name) ?? [];
    list.push(call);
    sites.set(name, list);
  }
  return sites;
}

/** One level up: the loop or retry loop around a call of the function that contains `node`. */
function viaCaller<R extends LoopInfo | RetryPolicy>(node: Node, sites: Map<string, Node[]>, find: (site: Node) => R | null, named = false): R | null {
  const fn = enclosingFunction(node);
  const name = fn ? functionName(fn) : undefined;
  if (!fn || !name) return null;
  for (const site of sites.get(name) ?? []) {
    if (isInside(site, fn)) continue;
    const found = find(site);
    if (found) return named ? { ...found, via: name } : found;
  }
  return null;
}

function isInside(node: Node, container: Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** `pRetry(() => call(), { retries: Infinity })`, `retry(fn, { forever: true })`. */
function libraryRetry(node: Node, resolver: Resolver, values: Values): RetryPolicy[] {
  for (const a of ancestors(node)) {
    if (!isFunction(a)) continue;
    const call = a.parent;
    if (!call || call.type !== T.CallExpression || call.arguments[0] !== a) continue;
    const sym = resolver.resolve(call.callee);
    if (sym?.kind !== 'export') continue;
    const library = RETRY_LIBRARIES[sym.module];
    if (!library || !library.names.includes(sym.name)) continue;
    const options = resolver.objectLiteral(call.arguments[1]);
    const bound = options ? property(options, library.boundKey) : undefined;
    const forever = library.forever && options ? property(options, library.forever) : undefined;
    const retries = bound ? values.number(bound.value) : library.defaultRetries;
    const endless = (forever?.value.type === T.Literal && forever.value.value === true) || retries === Infinity;
    return [
      {
        kind: 'library',
        maxAttempts: endless || retries === undefined ? null : retries + 1,
        unbounded: endless,
        range: rangeOf(call.callee),
        anchor: options ? { range: rangeOf(options), kind: 'map' } : undefined,
        boundKey: library.boundKey,
      },
    ];
  }
  return [];
}
