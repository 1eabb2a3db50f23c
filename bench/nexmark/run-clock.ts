/**
 * When this thread's Nexmark source first polled, so a job can report its own processing span
 * (first source poll → end of input at the checksum): worker start-up, module import and event
 * generation fall outside it. One clock per thread; every job build resets it.
 */
export const runClock = { start: 0 };

/** Milliseconds since this thread's source first polled (0 if it never did). */
export const sinceFirstPoll = (): number => (runClock.start === 0 ? 0 : performance.now() - runClock.start);
