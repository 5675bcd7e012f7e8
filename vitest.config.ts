import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // expect.poll waits at most 1 s by default: a page that takes longer on a loaded machine is slow, not wrong
    // (CI: the palette's hits came after more than 1 s while another suite ran). An upper bound, not a timing.
    expect: { poll: { timeout: 15_000 } },
    // Servers and browsers are real: keep the two cores from being oversubscribed.
    maxWorkers: 2,
    env: { LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: 'off' },
    globalSetup: ['tests/helpers/globalSetup.ts'],
  },
});
