import { defineProject } from 'vitest/config';

// Component tests of the customer app (happy-dom); part of `npm test`.
export default defineProject({
  test: {
    name: 'customer',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    passWithNoTests: true,
  },
});
