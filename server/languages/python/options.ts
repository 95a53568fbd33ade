import { field, named, type PyNode } from './ast';
import type { Keyed, Resolver } from './resolve';
import { literalString } from './strings';

/** One option: `max_tokens=1024`, `"max_tokens": 1024`, or a positional argument read by name. */
export interface Entry {
  key: string;
  value: PyNode;
  /** The keyword argument, dict pair or positional argument. */
  node: PyNode;
  /** The argument list or dict it sits in. */
  container: PyNode;
}

const MAX_DEPTH = 8;

/** Reads keyword options, through `**splats`, nested config objects and names. */
export class Options {
  /** Entries per container and positional mapping: the same options are read for many keys. */
  private readonly cache = new Map<PyNode, Map<string, Entry[]>>();

  constructor(private readonly resolver: Resolver) {}

  entries(keyed: Keyed, depth = 0): Entry[] {
    const mapping = keyed.positional ? JSON.stringify(keyed.positional) : '';
    let byMapping = this.cache.get(keyed.node);
    if (!byMapping) this.cache.set(keyed.node, (byMapping = new Map()));
    let out = byMapping.get(mapping);
    if (!out) {
      out = this.read(keyed, depth);
      byMapping.set(mapping, out);
    }
    return out;
  }

  private read(keyed: Keyed, depth: number): Entry[] {
    const out: Entry[] = [];
    if (depth > MAX_DEPTH) return out;
    let index = 0;
    const positional = keyed.positional ? Object.entries(keyed.positional) : [];
    for (const child of named(keyed.node)) {
      if (child.type === 'keyword_argument') {
        const name = field(child, 'name');
        const value = field(child, 'value');
        if (name && value) out.push({ key: this.resolver.src(name), value, node: child, container: keyed.node });
      } else if (child.type === 'pair') {
        const key = field(child, 'key');
        const value = field(child, 'value');
        const name = key ? literalString(key, this.resolver.text) : undefined;
        if (name !== undefined && value) out.push({ key: name, value, node: child, container: keyed.node });
      } else if (child.type === 'dictionary_splat') {
        const inner = child.children[0] ? this.resolver.keyed(child.children[0]) : undefined;
        if (inner && inner.node !== keyed.node) out.push(...this.entries(inner, depth + 1));
      } else if (keyed.node.type === 'argument_list' && child.type !== 'list_splat') {
        const key = positional.find(([, at]) => at === index)?.[0];
        if (key) out.push({ key, value: child, node: child, container: keyed.node });
        index++;
      }
    }
    return out;
  }

  get(keyed: Keyed, key: string): Entry | undefined {
    let found: Entry | undefined;
    for (const entry of this.entries(keyed)) if (entry.key === key) found = entry;
    return found;
  }

  /** A dot path (`config.max_output_tokens`) through nested dicts and config calls. */
  path(keyed: Keyed, path: string): Entry | undefined {
    const [head, ...rest] = path.split('.');
    const entry = this.get(keyed, head);
    if (!entry || !rest.length) return entry;
    const inner = this.resolver.keyed(entry.value);
    return inner ? this.path(inner, rest.join('.')) : undefined;
  }

  /** The first of `keys` set in the first source that has one. */
  find(sources: readonly Keyed[], keys: readonly string[]): { key: string; entry: Entry } | undefined {
    for (const source of sources) {
      for (const key of keys) {
        const entry = this.path(source, key);
        if (entry) return { key, entry };
      }
    }
    return undefined;
  }

  /** The keys of a dict or keyword call (metadata, tags). */
  keys(node: PyNode): string[] | undefined {
    const keyed = this.resolver.keyed(node);
    return keyed ? this.entries(keyed).map((e) => e.key) : undefined;
  }
}
