import type { LlmCall, LoopInfo, RetryPolicy } from '../../engine/facts';
import { noSyntaxEdits } from '../../engine/edits';
import type { SourceFile } from '../../engine/source-file';
import type { ExtractOptions, ExtractResult, Extractor } from '../extractor';
import { loadGrammar, parserFor } from '../tree-sitter';
import { enclosingFunction, field, functionName, isInside, named, parsePython, type ParsedPython, type PyNode } from './ast';
import { Bindings } from './bindings';
import { buildCall, type CallShape } from './calls';
import { Classifier } from './classify';
import { pythonEdits } from './edits';
import { Flow } from './flow';
import { Modules } from './modules';
import { Options } from './options';
import { Resolver } from './resolve';
import { Retries } from './retries';
import { SDK_CALL, SDK_IMPORT } from './sdks';
import { Values } from './values';

export const pythonExtractor: Extractor = {
  id: 'python',
  comments: { line: '#' },
  handlesPath: (path) => /\.pyw?$/i.test(path),
  mightContainFacts: ({ text }, options) =>
    SDK_IMPORT.test(text) || SDK_CALL.test(text) || options.wrappers.some((w) => text.includes(w.name.slice(w.name.lastIndexOf('.') + 1))),
  init: async () => {
    await loadGrammar('python');
  },
  extract: extractPython,
};

const empty = (message: string): ExtractResult => ({ facts: [], comments: [], errors: [{ message }], edits: noSyntaxEdits, notes: [] });

export function extractPython(file: SourceFile, options: ExtractOptions): ExtractResult {
  const parser = parserFor('python');
  if (!parser) return empty('the Python grammar is not loaded: call initExtractors() before linting');
  let parsed: ParsedPython | undefined;
  try {
    parsed = parsePython(parser, file.text);
  } catch (error) {
    return empty(`cannot parse: ${(error as Error).message}`);
  }
  if (!parsed) return empty('cannot parse: the parser returned no tree');

  const bindings = new Bindings(parsed.root, file.text);
  const resolver = new Resolver(bindings, file.text, new Modules(file.path, options.project));
  const values = new Values(resolver);
  const keyed = new Options(resolver);
  const retries = new Retries(resolver, values, keyed);
  const flow = new Flow(resolver, values);
  const classifier = new Classifier(resolver, values, keyed, retries, options.wrappers);

  const notes: string[] = [];
  // A construct the extractor does not expect loses that one call, never the file.
  const guard = <T>(node: PyNode, work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      notes.push(`a call at offset ${node.start} could not be read: ${(error as Error).message}`);
      return undefined;
    }
  };
  const shapes: CallShape[] = [];
  for (const call of bindings.calls) {
    const shape = guard(call, () => classifier.shape(call));
    if (shape) shapes.push(shape);
  }
  for (const [origin, handle] of classifier.langchain) {
    const shape = guard(origin, () => classifier.constructedOnly(origin, handle));
    if (shape) shapes.push(shape);
  }

  const facts: LlmCall[] = [];
  for (const shape of shapes) {
    const fact = guard(shape.node, () => withFlow(buildCall(shape, values, resolver, keyed), shape.node, resolver, flow, retries));
    if (fact) facts.push(fact);
  }

  return {
    facts: facts.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end),
    comments: parsed.comments,
    errors: parsed.errors,
    edits: pythonEdits(parsed.root, file.text, resolver, keyed, bindings.quotes["'"] > bindings.quotes['"'] ? "'" : '"'),
    notes,
  };
}

/** The loop a call runs in and the retry policies around it. */
function withFlow(fact: LlmCall, node: PyNode, resolver: Resolver, flow: Flow, retries: Retries): LlmCall {
  const loop = flow.enclosingLoop(node) ?? viaCaller(node, resolver, (site) => flow.enclosingLoop(site)) ?? mapped(node, resolver, flow);
  const loopRetry = flow.retryLoop(node) ?? viaCaller(node, resolver, (site) => flow.retryLoop(site), true);
  const retrying = retries.retryingLoop(node);
  // A loop that retries the call until it succeeds runs it once per attempt, not once per item;
  // one whose call reads its own last answer runs turn after turn. Neither can be batched.
  const retried = loop && (loopRetry?.range.start === loop.range.start || retrying.some((r) => r.loopStart === loop.range.start));
  fact.loop = loop && (retried || flow.feedsOnItsOwnResult(node)) ? { ...loop, perItem: false } : loop;
  fact.retry = [...fact.retry, ...(loopRetry ? [loopRetry] : []), ...retrying.map((r) => r.policy), ...decoratorRetries(node, resolver, retries)];
  return fact;
}

/** The named function that contains a node, and its name. */
function namedFunction(node: PyNode, resolver: Resolver): { fn: PyNode; name: string } | undefined {
  const fn = enclosingFunction(node);
  const name = fn ? functionName(fn, resolver.text) : undefined;
  return fn && name ? { fn, name } : undefined;
}

/** One level up: the loop or retry loop around a call, in this file, of the function that contains `node`. */
function viaCaller<R extends LoopInfo | RetryPolicy>(node: PyNode, resolver: Resolver, find: (site: PyNode) => R | null, named = false): R | null {
  const owner = namedFunction(node, resolver);
  if (!owner) return null;
  for (const site of resolver.callSites(owner.name)) {
    if (isInside(site, owner.fn)) continue;
    const found = find(site);
    if (found) return named ? { ...found, via: owner.name } : found;
  }
  return null;
}

/** `map(summarize, tickets)`, `executor.map(self.summarize, tickets)`: the function runs per item. */
function mapped(node: PyNode, resolver: Resolver, flow: Flow): LoopInfo | null {
  const owner = namedFunction(node, resolver);
  if (!owner) return null;
  for (const call of resolver.callSites('map').concat(resolver.callSites('imap'), resolver.callSites('imap_unordered'), resolver.callSites('starmap'))) {
    const first = named(field(call, 'arguments') ?? call)[0];
    const ref = first?.type === 'attribute' ? field(first, 'attribute') : first;
    if (ref?.type !== 'identifier' || resolver.src(ref) !== owner.name || isInside(call, owner.fn)) continue;
    const loop = flow.mapCall(call);
    if (loop) return loop;
  }
  return null;
}

/** Retry decorators on the function holding the call, or on a function of this file that calls it. */
function decoratorRetries(node: PyNode, resolver: Resolver, retries: Retries): RetryPolicy[] {
  const owner = namedFunction(node, resolver);
  if (!owner) return [];
  const own = retries.decorators(owner.fn);
  if (own.length) return own;
  for (const site of resolver.callSites(owner.name)) {
    if (isInside(site, owner.fn)) continue;
    const caller = enclosingFunction(site);
    const found = caller?.type === 'function_definition' ? retries.decorators(caller) : [];
    if (found.length) return found.map((policy) => ({ ...policy, via: owner.name }));
  }
  return [];
}
