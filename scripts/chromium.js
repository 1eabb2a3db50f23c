import { accessSync, constants } from 'node:fs';

/** Where a Chromium may be installed; CHROMIUM_PATH (if set) wins. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/**
 * Flags for the test browser: no sandbox (containers, root), and nothing that phones home or
 * updates itself during a run.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false; // not there, or not executable: try the next candidate
  }
}

/**
 * The Chromium binary to test with, or null. An explicit CHROMIUM_PATH is returned as is, so a
 * wrong one fails loudly instead of silently falling back.
 */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return CHROMIUM_CANDIDATES.find(isExecutable) ?? null;
}
