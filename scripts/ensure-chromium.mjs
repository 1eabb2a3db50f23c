#!/usr/bin/env node
// Makes sure a Chromium is installed for the end-to-end tests (Playwright never downloads one).
// Found: prints its path. Missing: installs Debian's `chromium` when running as root with apt-get;
// otherwise stops and says exactly what to install.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.js';

const found = findChromium();
if (found) {
  if (process.env.CHROMIUM_PATH && !existsSync(found)) {
    console.error(`CHROMIUM_PATH is set to ${found}, which does not exist. Fix or unset CHROMIUM_PATH.`);
    process.exit(1);
  }
  console.log(`Chromium for the e2e tests: ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('No Chromium found; installing Debian’s chromium package (apt-get install -y chromium)…');
  execSync('apt-get update && apt-get install -y chromium', { stdio: 'inherit' });
  const installed = findChromium();
  if (installed) {
    console.log(`Chromium for the e2e tests: ${installed}`);
    process.exit(0);
  }
  console.error('apt-get finished but no Chromium binary was found at /usr/bin/chromium.');
  process.exit(1);
}

console.error(
  [
    'No Chromium found for the end-to-end tests.',
    'Install it:  sudo apt-get update && sudo apt-get install -y chromium   (Debian/Ubuntu)',
    'or point CHROMIUM_PATH at a Chromium or Chrome binary, e.g. CHROMIUM_PATH=/usr/bin/google-chrome npm test',
  ].join('\n'),
);
process.exit(1);
