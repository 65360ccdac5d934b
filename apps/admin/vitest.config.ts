import { defineProject } from 'vitest/config';

// Component tests of the admin app (happy-dom); part of `npm test`.
export default defineProject({
  test: {
    name: 'admin',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
