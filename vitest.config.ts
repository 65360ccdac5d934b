import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Test files of an app that replace modules with `vi.mock`: they run in a fresh module graph each
 * (`isolate: true`); the app's other files share one happy-dom and one React per worker, which is most
 * of the component tests' start-up time.
 */
function mockingTests(appRoot: string): string[] {
  return readdirSync(join(appRoot, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => join('src', f))
    .filter((f) => readFileSync(join(appRoot, f), 'utf8').includes('vi.mock('));
}

/** An app's component tests as two projects: `name` shares workers, `name-mocks` isolates vi.mock users. */
function appProjects(name: string, appRoot: string, extra: { setupFiles?: string[] } = {}) {
  const mocking = mockingTests(appRoot);
  const base = { root: appRoot, environment: 'happy-dom', ...extra };
  return [
    { test: { ...base, name, include: ['src/**/*.test.{ts,tsx}'], exclude: mocking, isolate: false } },
    ...(mocking.length > 0 ? [{ test: { ...base, name: `${name}-mocks`, include: mocking } }] : []),
  ];
}

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
      ...appProjects('admin', 'apps/admin'),
    ],
  },
});
