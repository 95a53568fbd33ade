import type { Anchor } from '../../engine/facts';
import type { Value } from '../../engine/edits';
import type { YamlEditor } from '../yaml/edits';
import type { YAMLMap } from '../yaml/reader';
import { intrinsic, type Template } from './template';

export interface ResourceTags {
  own: Record<string, string>;
  anchor?: Anchor;
}

/** A value written for a tag whose value the template computes (`!Sub '${AWS::StackName}'`). */
const COMPUTED = '(computed)';

/**
 * `Tags: [{Key, Value}]` lists (EC2, Auto Scaling, SageMaker). New tags are appended with the
 * fields the type requires (`PropagateAtLaunch` on an Auto Scaling group), or a list is created.
 */
export function listTags(t: Template, editor: YamlEditor, holder: YAMLMap | undefined, extra: Record<string, Value> = {}): ResourceTags {
  const { reader } = t;
  if (!holder) return { own: {} };
  const node = reader.get(holder, 'Tags');
  const own: Record<string, string> = {};
  for (const item of reader.items(node)) {
    const key = t.resolve(reader.get(reader.map(item), 'Key')).value;
    if (key) own[key] = t.resolve(reader.get(reader.map(item), 'Value')).value ?? COMPUTED;
  }
  if (node && reader.seq(node) && !intrinsic(reader, node)) {
    const anchor = reader.anchor(node, 'map');
    if (anchor) editor.keyedList(anchor, { keyField: 'Key', valueField: 'Value', extra });
    return { own, anchor };
  }
  if (node) return { own };
  const anchor = reader.anchor(holder, 'map');
  if (anchor) editor.tagWriter(anchor, (tags) => editor.setIn(holder, ['Tags'], Object.entries(tags).map(([Key, Value]) => ({ Key, Value, ...extra })), false));
  return { own, anchor };
}

/** `Tags: {key: value}` maps (EKS node groups). */
export function mapTags(t: Template, editor: YamlEditor, holder: YAMLMap | undefined): ResourceTags {
  const { reader } = t;
  if (!holder) return { own: {} };
  const node = reader.get(holder, 'Tags');
  const own: Record<string, string> = {};
  for (const entry of reader.entries(node)) own[entry.key] = t.resolve(entry.value).value ?? COMPUTED;
  const map = node && !intrinsic(reader, node) ? reader.map(node) : undefined;
  if (map) {
    const anchor = reader.anchor(map, 'map');
    if (anchor) editor.flatMap(anchor);
    return { own, anchor };
  }
  if (node) return { own };
  const anchor = reader.anchor(holder, 'map');
  if (anchor) editor.tagWriter(anchor, (tags) => editor.setIn(holder, ['Tags'], tags, false));
  return { own, anchor };
}

/** A launch template tags its instances through `TagSpecifications` with `ResourceType: instance`. */
export function launchTemplateTags(t: Template, editor: YamlEditor, data: YAMLMap | undefined): ResourceTags {
  const { reader } = t;
  if (!data) return { own: {} };
  const specsNode = reader.get(data, 'TagSpecifications');
  const forInstances = reader.items(specsNode).flatMap((s) => reader.map(s) ?? []).find((s) => reader.str(reader.get(s, 'ResourceType')) === 'instance');
  if (forInstances) return listTags(t, editor, forInstances);
  const specs = reader.seq(specsNode);
  const holder = specs ?? (specsNode ? undefined : data);
  const anchor = holder ? reader.anchor(holder, 'map') : undefined;
  if (anchor) {
    const spec = (tags: Record<string, string>): Value => ({ ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });
    editor.tagWriter(anchor, (tags) => (specs ? editor.append(specs, [spec(tags)]) : editor.setIn(data, ['TagSpecifications'], [spec(tags)], false)));
  }
  return { own: {}, anchor };
}
