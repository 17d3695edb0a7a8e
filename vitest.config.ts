import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    testTimeout: 60_000,
    // The corpus and CLI tests read many files; two workers match the CI machine's two cores.
    maxWorkers: 2,
  },
});
