import type { JobSettings } from './protocol.ts';

/**
 * The Workbench's ready-made example: 120,000 events over 60 s of event time, 8 keys, 1 s windows,
 * paced at 40,000 events/s (about 3 s) on 2 parallel subtasks per operator.
 */
export const DEFAULT_JOB_SETTINGS: JobSettings = {
  job: 'tumbling-count',
  events: 120_000,
  keys: 8,
  seed: 42,
  startTime: Date.UTC(2025, 0, 1),
  eventsPerSecond: 2000,
  windowMs: 1000,
  maxRate: 40_000,
  batchSize: 4096,
  parallelism: 2,
};

/** The default example as the editor shows it. */
export const DEFAULT_JOB_TEXT = formatJobSettings(DEFAULT_JOB_SETTINGS);

/** Settings as editor text (JSON, two-space indent). */
export function formatJobSettings(settings: JobSettings): string {
  return JSON.stringify(settings, null, 2);
}

export type ParseResult = { ok: true; settings: JobSettings } | { ok: false; error: string };

interface Rule {
  min: number;
  max: number;
  integer: boolean;
}

const RULES: Record<Exclude<keyof JobSettings, 'job'>, Rule> = {
  events: { min: 1, max: 50_000_000, integer: true },
  keys: { min: 1, max: 64, integer: true },
  seed: { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true },
  startTime: { min: 0, max: 8.64e15, integer: true },
  eventsPerSecond: { min: 1, max: 10_000_000, integer: false },
  windowMs: { min: 1, max: 86_400_000, integer: true },
  maxRate: { min: 0, max: 1e9, integer: false },
  batchSize: { min: 64, max: 65_536, integer: true },
  parallelism: { min: 1, max: 8, integer: true },
};

/**
 * Parses and checks the editor text. Errors name the field (or the JSON position) and the fix.
 *
 * @example
 * ```ts
 * const result = parseJobSettings('{"events": 1000}');
 * if (result.ok) client.run(result.settings);
 * ```
 */
export function parseJobSettings(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The job is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: 'The job must be a JSON object such as {"job": "tumbling-count", "events": 1000}.',
    };
  }
  const input = raw as Record<string, unknown>;
  const job = input.job ?? 'tumbling-count';
  if (job !== 'tumbling-count') {
    return { ok: false, error: `Unknown job "${String(job)}": the only job for now is "tumbling-count".` };
  }
  const known = new Set(['job', ...Object.keys(RULES)]);
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    return { ok: false, error: `Unknown field "${unknown[0]}"; known fields: ${[...known].join(', ')}.` };
  }
  const settings: JobSettings = { ...DEFAULT_JOB_SETTINGS };
  for (const [field, rule] of Object.entries(RULES) as [keyof typeof RULES, Rule][]) {
    const value = input[field] ?? DEFAULT_JOB_SETTINGS[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
      return {
        ok: false,
        error: `"${field}" must be ${rule.integer ? 'an integer' : 'a number'}, got ${JSON.stringify(value)}.`,
      };
    }
    if (value < rule.min || value > rule.max) {
      return { ok: false, error: `"${field}" must be between ${rule.min} and ${rule.max}, got ${value}.` };
    }
    settings[field] = value;
  }
  return { ok: true, settings };
}
