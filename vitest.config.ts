import { defineConfig } from 'vitest/config';

// `contracts`: the shared package's own tests (the SSE parser, the live-stream client, the event
// guards), in Node (npm test). `api`: every API suite on SQLite (npm test). `services`: the same suites
// on the local MariaDB, plus suites that need Redis or Nginx (npm run test:services). `e2e`: Playwright
// journeys in Debian Chromium against the built apps (npm run test:e2e). The apps' component tests run
// in `npm test`. `faults` and `security` (npm run test:faults / test:security): tests/, against
// processes they start themselves; both rewrite docs/RELIABILITY.md from their measured figures when
// they end.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'contracts',
          include: ['packages/contracts/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.test.ts', 'apps/api/test/**/*.test.ts'],
          exclude: ['**/*.services.test.ts'],
          env: { TEST_DB: 'sqlite' },
          // Suites build their own app and database: no module state is shared between files, so
          // workers are reused instead of re-importing Fastify, Kysely and sharp for every file.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'services',
          include: ['apps/api/src/**/*.test.ts', 'apps/api/test/**/*.test.ts'],
          exclude: ['**/*.unit.test.ts'],
          env: { TEST_DB: 'mysql' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'rollback',
          include: ['e2e/rollback/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          globalSetup: ['tests/support/report-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          globalSetup: ['tests/support/report-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      'apps/customer/vitest.config.ts',
      'apps/admin/vitest.config.ts',
    ],
  },
});
