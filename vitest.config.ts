import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Servers and browsers are real: keep the two cores from being oversubscribed.
    maxWorkers: 2,
    env: { LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: 'off' },
    globalSetup: ['tests/helpers/globalSetup.ts'],
  },
});
