import {
  deleteTopic,
  listTopics,
  previewTopic,
  type TopicInfo,
  type TopicRecordView,
} from '../../client/index.ts';
import { errorText } from '../checkpoints/savepoint-actions.ts';

/** Records a topic preview shows. @example previewTopic(name, PREVIEW_ROWS) */
export const PREVIEW_ROWS = 20;

/**
 * The Data page's topics: the listing, reloaded after each change, and one topic's preview.
 *
 * @example
 * await topics.refresh(); // topics.items
 * await topics.showPreview('orders'); // topics.preview.rows
 */
export class TopicList {
  items = $state.raw<TopicInfo[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  preview = $state.raw<{ topic: string; rows: TopicRecordView[] } | null>(null);

  async refresh(): Promise<void> {
    try {
      this.items = await listTopics();
      this.error = null;
    } catch (e) {
      this.error = `Could not list the topics: ${errorText(e)}`;
    } finally {
      this.loaded = true;
    }
  }

  async showPreview(name: string): Promise<void> {
    try {
      this.preview = { topic: name, rows: await previewTopic(name, PREVIEW_ROWS) };
    } catch (e) {
      this.error = `Could not read topic "${name}": ${errorText(e)}`;
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await deleteTopic(name);
      if (this.preview?.topic === name) this.preview = null;
    } catch (e) {
      this.error = `Could not delete topic "${name}": ${errorText(e)}`;
    }
    await this.refresh();
  }
}

/** The Data page's topic state. @example topics.refresh() */
export const topics = new TopicList();

/**
 * Retention from two optional form fields (empty: unlimited); throws naming a bad field.
 *
 * @example
 * retentionFrom('1000', ''); // { maxRecords: 1000 }
 */
export function retentionFrom(maxRecords: string | number, maxAgeMinutes: string | number) {
  const retention: { maxRecords?: number; maxAgeMs?: number } = {};
  if (String(maxRecords).trim() !== '') {
    const n = Number(maxRecords);
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`Retention: max records must be a whole number ≥ 1 (or empty), got ${maxRecords}`);
    retention.maxRecords = n;
  }
  if (String(maxAgeMinutes).trim() !== '') {
    const m = Number(maxAgeMinutes);
    if (!(m > 0))
      throw new RangeError(
        `Retention: max age must be a positive number of minutes (or empty), got ${maxAgeMinutes}`,
      );
    retention.maxAgeMs = m * 60_000;
  }
  return retention;
}
