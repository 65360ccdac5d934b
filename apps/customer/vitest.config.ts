import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

// Component tests of the customer app (happy-dom); part of `npm test`.
export default defineProject({
  plugins: [react()],
  test: {
    name: 'customer',
    environment: 'happy-dom',
    // No test here replaces modules (vi.mock): files share one happy-dom and one React per worker.
    isolate: false,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
