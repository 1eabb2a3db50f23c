// The page of the Chromium storage test: runs the checks in a Web Worker (no DOM) while this window
// holds a second handle on the same log topic, to see the worker's append through BroadcastChannel.
import { IndexedDbLogTopic } from '../../../../../../src/engine/connectors/log/indexed-db-log-topic.ts';

async function runChecks(): Promise<Record<string, unknown>> {
  const worker = new Worker(new URL('./storage-worker.ts', import.meta.url), { type: 'module' });
  const fromWorker = new Promise<Record<string, unknown>>((resolve, reject) => {
    worker.onmessage = (e) => (e.data.ready ? undefined : resolve(e.data));
    worker.onerror = (e) => reject(new Error(e.message));
  });
  const topic = new IndexedDbLogTopic<number>('shared', { dbName: 'chromium-log' });
  await topic.create({ partitions: 2 });
  const woke = topic.nextAppend().then(() => 'woken by the worker');
  worker.postMessage('go');
  const result = await fromWorker;
  worker.terminate();
  return { ...result, windowSawAppend: await woke, windowEndOffsets: await topic.endOffsets() };
}

Object.assign(window, { runChecks });
