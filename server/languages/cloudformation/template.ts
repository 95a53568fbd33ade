import { isMap, isScalar, isSeq } from 'yaml';
import type { ResourceField } from '../../engine/facts';
import type { Value } from '../../engine/edits';
import { keyName, type Node, type YAMLMap, type YamlReader } from '../yaml/reader';

/** CloudFormation's short-form intrinsic functions, accepted as YAML tags. */
export const INTRINSIC_TAGS = [
  'Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'Equals', 'And', 'Or', 'Not',
  'Condition', 'ImportValue', 'GetAZs', 'Transform', 'ToJsonString', 'Length',
].map((name) => `!${name}`);

export interface Resource {
  logicalId: string;
  keyNode: Node;
  type: string;
  map: YAMLMap;
  properties?: YAMLMap;
}

/** A value as deployed with the template's defaults, and the literal that holds it (for edits). */
export interface Resolved {
  value: string | null;
  /** The literal that says it: the property's own scalar, or an unconstrained parameter's `Default`. */
  literal?: Node;
  /** Set when the value came from a parameter's default. */
  parameter?: string;
  /** Why the value is unknown, when it is. */
  unknown?: string;
}

/** The intrinsic function a node calls (`Ref`, `Fn::Sub`…) and its argument, for both the tag and the `{Fn::X: …}` form. */
export function intrinsic(reader: YamlReader, node: Node | undefined): { name: string; arg: Node | undefined } | undefined {
  const tag = (node as { tag?: string } | undefined)?.tag;
  if (tag && INTRINSIC_TAGS.includes(tag)) return { name: tag.slice(1), arg: node };
  const map = reader.map(node);
  if (!map || map.items.length !== 1) return undefined;
  const key = keyName(map.items[0].key);
  if (!key || !(key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'))) return undefined;
  return { name: key.replace(/^Fn::/, ''), arg: reader.deref(map.items[0].value) };
}

/** Reads a template's parameters, mappings and resources, and resolves values through them. */
export class Template {
  readonly resources: Resource[] = [];
  private readonly parameters: YAMLMap | undefined;
  private readonly mappings: YAMLMap | undefined;

  constructor(
    readonly reader: YamlReader,
    readonly root: YAMLMap,
  ) {
    this.parameters = reader.mapAt(root, 'Parameters');
    this.mappings = reader.mapAt(root, 'Mappings');
    for (const entry of reader.entries(reader.get(root, 'Resources'))) {
      const map = reader.map(entry.value);
      const type = reader.str(reader.get(map, 'Type'));
      if (map && type) this.resources.push({ logicalId: entry.key, keyNode: entry.keyNode, type, map, properties: reader.mapAt(map, 'Properties') });
    }
  }

  resource(logicalId: string | undefined): Resource | undefined {
    return logicalId ? this.resources.find((r) => r.logicalId === logicalId) : undefined;
  }

  /** The logical id a `!Ref X` or `!GetAtt X.Attr` points to. */
  target(node: Node | undefined): string | undefined {
    const call = intrinsic(this.reader, node);
    if (!call) return undefined;
    if (call.name === 'Ref') return this.reader.str(call.arg);
    if (call.name === 'GetAtt') return this.reader.str(call.arg)?.split('.')[0] ?? this.reader.str(this.reader.items(call.arg)[0]);
    return undefined;
  }

  resolve(node: Node | undefined, depth = 0): Resolved {
    const { reader } = this;
    if (!node) return { value: null, unknown: 'not set' };
    if (depth > 8) return { value: null, unknown: 'nested too deep' };
    const call = intrinsic(reader, node);
    if (!call) {
      const value = reader.str(node);
      return value === undefined ? { value: null, unknown: 'not a single value' } : { value, literal: isScalar(node) ? node : undefined };
    }
    switch (call.name) {
      case 'Ref':
        return this.ref(reader.str(call.arg), depth);
      case 'Sub':
        return this.sub(call.arg, depth);
      case 'FindInMap': {
        const [map, top, second] = reader.items(call.arg).map((k) => this.resolve(k, depth + 1).value);
        const found = map && top && second ? reader.at(this.mappings, map, top, second) : undefined;
        return found ? { ...this.resolve(found, depth + 1), parameter: undefined } : { value: null, unknown: `!FindInMap ${[map, top, second].join('.')} not found` };
      }
      case 'Join': {
        const [delimiter, list] = reader.items(call.arg);
        const parts = reader.items(list).map((p) => this.resolve(p, depth + 1));
        const missing = parts.find((p) => p.value === null);
        return missing ? { value: null, unknown: missing.unknown } : { value: parts.map((p) => p.value).join(reader.str(delimiter) ?? '') };
      }
      case 'Select': {
        const [index, list] = reader.items(call.arg);
        const item = reader.items(list)[reader.num(index) ?? -1];
        return item ? { ...this.resolve(item, depth + 1), literal: undefined } : { value: null, unknown: '!Select of a computed list' };
      }
      case 'If':
        return { value: null, unknown: `depends on condition ${reader.str(reader.items(call.arg)[0]) ?? '?'}` };
      default:
        return { value: null, unknown: `computed by Fn::${call.name}` };
    }
  }

  /** A list property: a YAML list of values, or a CommaDelimitedList parameter's default. */
  resolveList(node: Node | undefined): Resolved[] {
    if (!node) return [];
    if (isSeq(this.reader.deref(node)) && !intrinsic(this.reader, node)) return this.reader.items(node).map((item) => this.resolve(item));
    const single = this.resolve(node);
    if (single.value === null) return [single];
    return single.value.split(',').map((v) => ({ value: v.trim(), parameter: single.parameter, literal: single.value!.includes(',') ? undefined : single.literal }));
  }

  num(node: Node | undefined): number | null {
    const { value } = this.resolve(node);
    return value !== null && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : null;
  }

  /**
   * How to set `key` of `holder` to `value`: in place when it is written there as a literal
   * (or absent), through the parameter's `Default` when it comes from a parameter that allows
   * the value, and not at all when it is computed.
   */
  field(holder: YAMLMap | undefined, key: string, value: Value, current = holder ? this.reader.get(holder, key.split('.')[0]) : undefined): ResourceField | undefined {
    const { reader } = this;
    if (!holder) return undefined;
    const call = intrinsic(reader, current);
    if (!call) {
      const anchor = reader.anchor(holder, 'map');
      return anchor ? { anchor, key, value } : undefined;
    }
    if (call.name !== 'Ref') return undefined;
    const name = reader.str(call.arg);
    const parameter = name ? reader.mapAt(this.parameters, name) : undefined;
    if (!parameter || !this.allows(parameter, value)) return undefined;
    const anchor = reader.anchor(parameter, 'map');
    return anchor ? { anchor, key: 'Default', value } : undefined;
  }

  private allows(parameter: YAMLMap, value: Value): boolean {
    const { reader } = this;
    const allowed = reader.items(reader.get(parameter, 'AllowedValues')).map((v) => reader.str(v));
    if (allowed.length && !allowed.includes(String(value))) return false;
    const min = reader.num(reader.get(parameter, 'MinValue'));
    const max = reader.num(reader.get(parameter, 'MaxValue'));
    if (typeof value === 'number' && ((min !== undefined && value < min) || (max !== undefined && value > max))) return false;
    return !reader.get(parameter, 'AllowedPattern');
  }

  private ref(name: string | undefined, depth: number): Resolved {
    if (!name) return { value: null, unknown: 'empty !Ref' };
    if (name.startsWith('AWS::')) return { value: null, unknown: `pseudo parameter ${name}` };
    const parameter = this.reader.mapAt(this.parameters, name);
    if (!parameter) return { value: null, unknown: this.resource(name) ? `the id of resource ${name}` : `!Ref ${name} is not a parameter` };
    const defaultNode = this.reader.get(parameter, 'Default');
    if (!defaultNode) return { value: null, unknown: `parameter ${name} has no default`, parameter: name };
    const resolved = this.resolve(defaultNode, depth + 1);
    const constrained = Boolean(this.reader.get(parameter, 'AllowedValues') || this.reader.get(parameter, 'AllowedPattern'));
    return { ...resolved, parameter: name, literal: constrained ? undefined : resolved.literal };
  }

  private sub(arg: Node | undefined, depth: number): Resolved {
    const { reader } = this;
    const parts = isSeq(arg) ? reader.items(arg) : [arg];
    const template = reader.str(parts[0]);
    if (template === undefined) return { value: null, unknown: '!Sub of a computed string' };
    const variables = isMap(parts[1]) ? reader.map(parts[1]) : undefined;
    let unknown: string | undefined;
    const value = template.replace(/\$\{(!?)([^}]+)\}/g, (whole, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      const local = reader.get(variables, name);
      const resolved = local ? this.resolve(local, depth + 1) : this.ref(name, depth + 1);
      if (resolved.value === null) unknown ??= resolved.unknown;
      return resolved.value ?? whole;
    });
    return unknown ? { value: null, unknown } : { value };
  }
}
