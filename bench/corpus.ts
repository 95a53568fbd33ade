import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The real corpus: the sources that npm packages of LLM SDKs (and the apps built on them) ship,
 * fetched once with `npm pack` and kept under node_modules/.cache; generated Terraform and
 * Kubernetes files beside them. No network once cached.
 */
export const PACKAGES = [
  'openai@7.55.0',
  '@anthropic-ai/sdk@1.10.0',
  'ai@7.0.173',
  '@ai-sdk/openai@4.0.118',
  '@langchain/core@1.2.13',
  '@langchain/openai@1.6.0',
  '@langchain/anthropic@1.5.11',
  'langchain@1.5.14',
  'llamaindex@0.12.1',
  '@llamaindex/core@0.6.23',
  '@llamaindex/openai@0.4.23',
  '@google/genai@3.1.0',
  '@mistralai/mistralai@2.7.0',
  'cohere-ai@8.1.0',
  // Python shipped in an npm package: gyp's sources.
  'node-gyp@13.1.0',
];

export const CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'costlint-bench');

const JS_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;
const PY_FILE = /\.py$/i;
/** Minified bundles are not source anyone lints; over this size a file is a bundle. */
const MAX_BYTES = 512 * 1024;
/** Folder names the linters skip by default; renamed so every tool sees the same files. */
const SKIPPED_BY_LINTERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.next', 'venv', '.venv', '__pycache__', '.git']);

export interface Corpus {
  /** Root folder holding `js/`, `py/` and `infra/`. */
  root: string;
  /** TS/JS files only: what ESLint, oxlint and Biome are compared on. */
  jsDir: string;
  counts: { js: number; py: number; infra: number; lines: number; bytes: number };
  packages: string[];
}

/** Builds (or reuses) the corpus from the npm packages. Throws when a package is neither cached nor fetchable. */
export function realCorpus(log: (line: string) => void): Corpus {
  const root = path.join(CACHE_DIR, 'corpus');
  const stamp = path.join(root, '.complete');
  const wanted = PACKAGES.join('\n');
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== wanted) {
    const tarballs = path.join(CACHE_DIR, 'tarballs');
    fs.mkdirSync(tarballs, { recursive: true });
    fs.rmSync(root, { recursive: true, force: true });
    for (const spec of PACKAGES) {
      const tarball = fetchTarball(spec, tarballs, log);
      unpackSources(tarball, path.join(root, spec.slice(0, spec.lastIndexOf('@')).replace('/', '__')));
    }
    // Python files go under py/, the rest under js/, so each tool can be pointed at its share.
    splitByLanguage(root);
    writeInfra(path.join(root, 'infra'), 60);
    fs.writeFileSync(stamp, wanted);
  }
  return describe(root, PACKAGES);
}

/** A tiny corpus for the smoke test: the bundled examples plus generated files. No network. */
export function smokeCorpus(dir: string, examples: string): Corpus {
  fs.rmSync(dir, { recursive: true, force: true });
  const jsDir = path.join(dir, 'js');
  for (const file of walk(examples)) {
    const rel = path.relative(examples, file);
    const target = JS_FILE.test(file) && !DECLARATION.test(file) ? path.join(jsDir, rel) : PY_FILE.test(file) ? path.join(dir, 'py', rel) : undefined;
    if (!target) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.mkdirSync(jsDir, { recursive: true });
  fs.writeFileSync(path.join(jsDir, 'generated.ts'), generatedTypeScript(200));
  writeInfra(path.join(dir, 'infra'), 4);
  fs.writeFileSync(path.join(dir, '.complete'), 'smoke');
  return describe(dir, ['examples/']);
}

/** `times` copies of a corpus side by side (hard links: same bytes, no extra disk). */
export function scaledCorpus(corpus: Corpus, times: number): string {
  if (times === 1) return corpus.root;
  const dir = `${corpus.root}-x${times}`;
  const stamp = path.join(dir, '.complete');
  const wanted = fs.readFileSync(path.join(corpus.root, '.complete'), 'utf8');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < times; i++) linkTree(corpus.root, path.join(dir, `copy${i}`));
  fs.writeFileSync(stamp, wanted);
  return dir;
}

function fetchTarball(spec: string, dir: string, log: (line: string) => void): string {
  const name = spec.slice(0, spec.lastIndexOf('@')).replace(/^@/, '').replace('/', '-');
  const file = path.join(dir, `${name}-${spec.slice(spec.lastIndexOf('@') + 1)}.tgz`);
  if (fs.existsSync(file)) return file;
  log(`fetching ${spec} (once; cached in ${path.relative(process.cwd(), dir)})`);
  const npm = spawnSync('npm', ['pack', spec, '--pack-destination', dir, '--silent'], { encoding: 'utf8' });
  if (npm.status !== 0 || !fs.existsSync(file)) throw new Error(`npm pack ${spec} failed: ${npm.stderr || npm.stdout}`);
  return file;
}

function unpackSources(tarball: string, target: string): void {
  const scratch = `${target}.unpack`;
  fs.mkdirSync(scratch, { recursive: true });
  const tar = spawnSync('tar', ['-xzf', tarball, '-C', scratch], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`cannot unpack ${tarball}: ${tar.stderr}`);
  for (const file of authoredSources(scratch)) {
    const rel = path
      .relative(scratch, file)
      .split(path.sep)
      .map((segment, i, all) => (i < all.length - 1 && SKIPPED_BY_LINTERS.has(segment) ? `${segment}_` : segment))
      .join(path.sep);
    const out = path.join(target, rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.renameSync(file, out);
  }
  fs.rmSync(scratch, { recursive: true, force: true });
}

/**
 * The files a package's authors wrote, once: its `src/` TypeScript when it ships one, otherwise
 * its build with one copy per module (a `.cjs`/`.mjs` twin of a `.js` file is dropped).
 */
function authoredSources(dir: string): string[] {
  const files = [...walk(dir)].filter((file) => ((JS_FILE.test(file) && !DECLARATION.test(file) && !/\.min\.js$/.test(file)) || PY_FILE.test(file)) && fs.statSync(file).size <= MAX_BYTES);
  const src = path.join(dir, 'package', 'src') + path.sep;
  if (files.some((file) => file.startsWith(src) && /\.tsx?$/.test(file))) return files.filter((file) => file.startsWith(src));
  const all = new Set(files);
  return files.filter((file) => !/\.[cm]js$/.test(file) || !all.has(file.replace(/\.[cm]js$/, '.js')));
}

function splitByLanguage(root: string): void {
  for (const file of walk(root)) {
    const rel = path.relative(root, file);
    const out = path.join(root, PY_FILE.test(file) ? 'py' : 'js', rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.renameSync(file, out);
  }
  for (const entry of fs.readdirSync(root)) if (entry !== 'js' && entry !== 'py') fs.rmSync(path.join(root, entry), { recursive: true, force: true });
}

function describe(root: string, packages: string[]): Corpus {
  const counts = { js: 0, py: 0, infra: 0, lines: 0, bytes: 0 };
  for (const file of walk(root)) {
    const rel = path.relative(root, file);
    if (rel.startsWith('.')) continue;
    const kind = rel.startsWith(`js${path.sep}`) ? 'js' : rel.startsWith(`py${path.sep}`) ? 'py' : 'infra';
    counts[kind]++;
    const text = fs.readFileSync(file, 'utf8');
    counts.bytes += Buffer.byteLength(text);
    counts.lines += text.split('\n').length;
  }
  return { root, jsDir: path.join(root, 'js'), counts, packages };
}

function* walk(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

function linkTree(from: string, to: string): void {
  for (const file of walk(from)) {
    const rel = path.relative(from, file);
    if (rel.startsWith('.')) continue;
    fs.mkdirSync(path.dirname(path.join(to, rel)), { recursive: true });
    fs.linkSync(file, path.join(to, rel));
  }
}

/** Terraform GPU node pools and Kubernetes GPU workloads, `count` of each, deterministic. */
function writeInfra(dir: string, count: number): void {
  const instances = ['p4d.24xlarge', 'g5.xlarge', 'g6.2xlarge', 'p5.48xlarge', 'm7i.large'];
  const gpus = ['nvidia-tesla-a100', 'nvidia-l4', 'nvidia-h100-80gb', 'nvidia-tesla-t4'];
  fs.mkdirSync(path.join(dir, 'terraform'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'kubernetes'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const instance = instances[i % instances.length];
    fs.writeFileSync(
      path.join(dir, 'terraform', `pool-${i}.tf`),
      `resource "aws_eks_node_group" "gpu_${i}" {
  cluster_name    = "ml-${i % 3}"
  node_group_name = "gpu-${i}"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-node"
  subnet_ids      = ["subnet-${i}"]
  instance_types  = ["${instance}"]
  capacity_type   = "${i % 2 ? 'SPOT' : 'ON_DEMAND'}"
  scaling_config {
    desired_size = ${1 + (i % 4)}
    min_size     = ${i % 3 ? 1 : 0}
    max_size     = ${2 + (i % 5)}
  }
  labels = { purpose = "${i % 2 ? 'inference' : 'training'}" }
}

resource "aws_instance" "worker_${i}" {
  ami           = "ami-0abcdef${i}"
  instance_type = "${instances[(i + 2) % instances.length]}"
  tags = { Name = "worker-${i}" }
}
`,
    );
    const gpu = gpus[i % gpus.length];
    fs.writeFileSync(
      path.join(dir, 'kubernetes', `serving-${i}.yaml`),
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: model-${i}
  labels: { app: model-${i} }
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels: { app: model-${i} }
  template:
    metadata:
      labels: { app: model-${i} }
    spec:
      nodeSelector:
        cloud.google.com/gke-accelerator: ${gpu}
      containers:
        - name: server
          image: ghcr.io/example/server:${i}
          resources:
            limits:
              nvidia.com/gpu: ${1 + (i % 2)}
---
apiVersion: v1
kind: Service
metadata:
  name: model-${i}
spec:
  selector: { app: model-${i} }
  ports: [{ port: 80, targetPort: 8080 }]
`,
    );
  }
}

/**
 * A TypeScript file of about `lines` lines that uses the OpenAI and Anthropic SDKs the way an
 * app does: most code is ordinary, a few functions call the models, some in loops.
 */
export function generatedTypeScript(lines: number): string {
  const out: string[] = [
    `import OpenAI from 'openai';`,
    `import Anthropic from '@anthropic-ai/sdk';`,
    ``,
    `const openai = new OpenAI();`,
    `const anthropic = new Anthropic({ maxRetries: 3 });`,
    `const SYSTEM = 'You are a helpful assistant that answers questions about invoices, orders and refunds.';`,
    ``,
  ];
  for (let i = 0; out.length < lines; i++) {
    if (i % 10 === 3) {
      out.push(
        `export async function summarize${i}(items: string[]): Promise<string[]> {`,
        `  const results: string[] = [];`,
        `  for (const item of items) {`,
        `    const response = await openai.chat.completions.create({`,
        `      model: 'gpt-5',`,
        `      messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: item }],`,
        `    });`,
        `    results.push(response.choices[0].message.content ?? '');`,
        `  }`,
        `  return results;`,
        `}`,
        ``,
      );
    } else if (i % 10 === 7) {
      out.push(
        `export async function classify${i}(text: string) {`,
        `  const message = await anthropic.messages.create({`,
        `    model: 'claude-sonnet-4-5',`,
        `    max_tokens: 256,`,
        `    messages: [{ role: 'user', content: \`Classify: \${text}\` }],`,
        `  });`,
        `  return message.content;`,
        `}`,
        ``,
      );
    } else {
      out.push(
        `interface Order${i} { id: string; total: number; lines: { sku: string; qty: number; price: number }[] }`,
        ``,
        `export function totalOf${i}(order: Order${i}): number {`,
        `  let sum = 0;`,
        `  for (const line of order.lines) {`,
        `    if (line.qty <= 0) continue;`,
        `    sum += line.qty * line.price;`,
        `  }`,
        `  return Math.round(sum * 100) / 100 + ${i};`,
        `}`,
        ``,
        `export const describe${i} = (order: Order${i}) => \`order \${order.id}: \${order.lines.length} lines, \${totalOf${i}(order).toFixed(2)}\`;`,
        ``,
      );
    }
  }
  return out.join('\n') + '\n';
}
