import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

// Component tests of the customer app (happy-dom); part of `npm test`.
export default defineProject({
  plugins: [react()],
  test: {
    name: 'customer',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
