import { describe, expect, it } from 'vitest';
import {
  DEFAULT_JOB_SETTINGS,
  DEFAULT_JOB_TEXT,
  formatJobSettings,
  parseJobSettings,
} from '../../../src/client/job-settings.ts';

describe('parseJobSettings', () => {
  it('parses the default example back to the default settings', () => {
    expect(parseJobSettings(DEFAULT_JOB_TEXT)).toEqual({ ok: true, settings: DEFAULT_JOB_SETTINGS });
    expect(formatJobSettings(DEFAULT_JOB_SETTINGS)).toBe(DEFAULT_JOB_TEXT);
  });

  it('fills missing fields with the defaults', () => {
    expect(parseJobSettings('{"events": 1000, "seed": 3}')).toEqual({
      ok: true,
      settings: { ...DEFAULT_JOB_SETTINGS, events: 1000, seed: 3 },
    });
  });

  it('names the field and the rule when a value is wrong', () => {
    expect(parseJobSettings('{"keys": 0}')).toEqual({
      ok: false,
      error: '"keys" must be between 1 and 64, got 0.',
    });
    expect(parseJobSettings('{"events": 2.5}')).toEqual({
      ok: false,
      error: '"events" must be an integer, got 2.5.',
    });
    expect(parseJobSettings('{"parallelism": 9}')).toEqual({
      ok: false,
      error: '"parallelism" must be between 1 and 8, got 9.',
    });
    expect(parseJobSettings('{"windowMs": "1s"}')).toEqual({
      ok: false,
      error: '"windowMs" must be an integer, got "1s".',
    });
  });

  it('rejects unknown fields, unknown jobs, non-objects and broken JSON', () => {
    expect(parseJobSettings('{"evnets": 5}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Unknown field "evnets"/),
    });
    expect(parseJobSettings('{"job": "wordcount"}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Unknown job "wordcount"/),
    });
    expect(parseJobSettings('[1]')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/must be a JSON object/),
    });
    expect(parseJobSettings('{"events": }')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The job is not valid JSON/),
    });
  });
});
