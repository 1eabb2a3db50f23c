import type { Placement } from './placement.ts';
import type { ConsumerEnd, LocalChannelPlan, ProducerEnd } from './protocol.ts';

/** Each worker's channel ends of one attempt. */
export interface WorkerChannels {
  readonly producers: ProducerEnd[];
  readonly consumers: ConsumerEnd[];
  readonly locals: LocalChannelPlan[];
}

/**
 * Opens the data plane of one attempt: one MessageChannel per channel whose subtasks run in
 * different workers (each end goes to its subtask's worker, transferred with the deploy), and a
 * local plan for the channels inside one worker.
 *
 * @example const perWorker = wireChannels(placement); perWorker[0].producers[0].port.postMessage(...);
 */
export function wireChannels(placement: Placement): WorkerChannels[] {
  const out: WorkerChannels[] = Array.from({ length: placement.numWorkers }, () => ({
    producers: [],
    consumers: [],
    locals: [],
  }));
  for (const c of placement.channels) {
    if (c.producerWorker === c.consumerWorker) {
      out[c.producerWorker].locals.push({ producer: c.producer, consumer: c.consumer, name: c.name });
      continue;
    }
    const { port1, port2 } = new MessageChannel();
    out[c.producerWorker].producers.push({ ...c.producer, name: c.name, port: port1 });
    out[c.consumerWorker].consumers.push({ ...c.consumer, name: c.name, port: port2 });
  }
  return out;
}
