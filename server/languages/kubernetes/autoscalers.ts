import * as path from 'node:path';
import type { Anchor } from '../../engine/facts';
import type { ProjectView } from '../extractor';
import { parseYamlStream, type YamlStream } from '../yaml/parse';
import { YamlReader } from '../yaml/reader';

/** An HPA or KEDA ScaledObject and the workload it scales. */
export interface Autoscaler {
  kind: 'HorizontalPodAutoscaler' | 'ScaledObject';
  targetKind: string;
  targetName: string;
  namespace: string | null;
  min: number | null;
  max: number | null;
  /** In this file only: the autoscaler's spec, for edits. */
  anchor?: Anchor;
  /** Where it was found, for hints. */
  where: string;
}

const AUTOSCALER_TEXT = /\bkind:\s*["']?(HorizontalPodAutoscaler|ScaledObject)\b/;

/** Autoscalers declared in a parsed stream. */
export function autoscalersIn(stream: YamlStream, where: string, withAnchors: boolean): Autoscaler[] {
  const out: Autoscaler[] = [];
  for (const document of stream.documents) {
    if (document.rejected) continue;
    const reader = new YamlReader(document.doc);
    const roots = reader.str(reader.get(reader.map(document.doc.contents), 'kind')) === 'List'
      ? reader.items(reader.get(reader.map(document.doc.contents), 'items'))
      : [document.doc.contents];
    for (const root of roots) {
      const object = reader.map(root);
      const kind = reader.str(reader.get(object, 'kind'));
      if (kind !== 'HorizontalPodAutoscaler' && kind !== 'ScaledObject') continue;
      const spec = reader.mapAt(object, 'spec');
      const target = reader.mapAt(spec, 'scaleTargetRef');
      const targetName = reader.str(reader.get(target, 'name'));
      if (!targetName) continue;
      const hpa = kind === 'HorizontalPodAutoscaler';
      out.push({
        kind,
        // KEDA's scaleTargetRef.kind defaults to Deployment; an HPA always names it.
        targetKind: reader.str(reader.get(target, 'kind')) ?? 'Deployment',
        targetName,
        namespace: reader.str(reader.at(object, 'metadata', 'namespace')) ?? null,
        // HPA minReplicas defaults to 1; KEDA's minReplicaCount to 0 and maxReplicaCount to 100.
        min: reader.num(reader.get(spec, hpa ? 'minReplicas' : 'minReplicaCount')) ?? (hpa ? 1 : 0),
        max: reader.num(reader.get(spec, hpa ? 'maxReplicas' : 'maxReplicaCount')) ?? (hpa ? null : 100),
        anchor: withAnchors ? reader.anchor(spec, 'map') : undefined,
        where,
      });
    }
  }
  return out;
}

/** Autoscalers in the other YAML files of the manifest's folder (`kubectl apply -f dir/` applies them together). */
export function autoscalersBeside(filePath: string, project: ProjectView): Autoscaler[] {
  const dir = path.dirname(filePath);
  const out: Autoscaler[] = [];
  for (const file of project.listDir(dir)) {
    if (file === filePath || !/\.ya?ml$/i.test(file)) continue;
    const text = project.readText(file);
    if (!text || !AUTOSCALER_TEXT.test(text)) continue;
    out.push(...cachedAutoscalers(file, text));
  }
  return out;
}

/** Each manifest of a folder reads the same siblings: parse each sibling text once. */
const siblingCache = new Map<string, { text: string; autoscalers: Autoscaler[] }>();
const SIBLING_CACHE_SIZE = 256;

function cachedAutoscalers(file: string, text: string): Autoscaler[] {
  const hit = siblingCache.get(file);
  if (hit && hit.text === text) return hit.autoscalers;
  const autoscalers = autoscalersIn(parseYamlStream(text), path.basename(file), false);
  if (siblingCache.size >= SIBLING_CACHE_SIZE) siblingCache.delete(siblingCache.keys().next().value!);
  siblingCache.set(file, { text, autoscalers });
  return autoscalers;
}

/** The autoscaler that targets a workload, matched by kind, name and (when both say) namespace. */
export function autoscalerFor(autoscalers: readonly Autoscaler[], kind: string, name: string, namespace: string | null): Autoscaler | undefined {
  return autoscalers.find(
    (a) => a.targetName === name && a.targetKind === kind && (a.namespace === null || namespace === null || a.namespace === namespace),
  );
}
