import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * A small worker_threads pool for large scans: the main thread hands out batches of file
 * indexes on demand (fast workers take more), and results land at their index, so the output
 * order is the input order whatever finishes first.
 */

const MARK = 'costlint-lint-worker';
/** Files per message: large enough to amortise messaging, small enough to balance the load. */
const BATCH = 24;

interface Batch {
  items: { index: number; file: string }[];
}
interface Done<R> {
  results: { index: number; result: R }[];
}

/** True inside a pool worker (the same bundle, started by `runPool`). */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as { mark?: string } | null)?.mark === MARK;
}

/** The input the main thread gave this worker. */
export function poolInput<I>(): I {
  return (workerData as { input: I }).input;
}

/** Worker side: answer each batch with `handle`'s results. `init` runs once before the first batch. */
export function servePool<R>(init: () => Promise<void>, handle: (file: string) => R): void {
  const port = parentPort;
  if (!port) return;
  const ready = init();
  port.on('message', (batch: Batch | 'close') => {
    if (batch === 'close') {
      port.close();
      return;
    }
    void ready.then(() => {
      const done: Done<R> = { results: batch.items.map(({ index, file }) => ({ index, result: handle(file) })) };
      port.postMessage(done);
    });
  });
}

/** Main side: runs `files` through `threads` workers started from `script`; `onResult` sees each as it lands. */
export function runPool<I, R>(script: string, files: readonly string[], input: I, threads: number, onResult?: (done: number) => void): Promise<R[]> {
  const results = new Array<R>(files.length);
  let next = 0;
  let done = 0;
  return new Promise<R[]>((resolve, reject) => {
    const workers: Worker[] = [];
    const fail = (error: Error) => {
      for (const w of workers) void w.terminate();
      reject(error);
    };
    const feed = (worker: Worker) => {
      if (next >= files.length) {
        worker.postMessage('close');
        return;
      }
      const items = files.slice(next, next + BATCH).map((file, i) => ({ index: next + i, file }));
      next += items.length;
      worker.postMessage({ items } satisfies Batch);
    };
    for (let i = 0; i < Math.min(threads, Math.ceil(files.length / BATCH)); i++) {
      const worker = new Worker(script, { workerData: { mark: MARK, input } });
      workers.push(worker);
      worker.on('message', (message: Done<R>) => {
        for (const { index, result } of message.results) results[index] = result;
        done += message.results.length;
        onResult?.(done);
        if (done === files.length) {
          for (const w of workers) w.postMessage('close');
          resolve(results);
        } else feed(worker);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0 && done < files.length) fail(new Error(`a lint worker exited with code ${code}`));
      });
      feed(worker);
    }
    if (!workers.length) resolve(results);
  });
}
