import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built dashboard at /admin/ (apps/api/src/app.ts); `npm run dev` proxies the API.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    host: '127.0.0.1',
    port: 5174,
    proxy: {
      '/api': 'http://127.0.0.1:8000',
      '/uploads': 'http://127.0.0.1:8000',
    },
  },
});
