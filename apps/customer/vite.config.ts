import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves dist/ at `/`; in development Vite proxies the API so the app stays same-origin.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', target: 'es2022', assetsInlineLimit: 0 },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8000', '/uploads': 'http://127.0.0.1:8000' },
  },
  preview: { host: '127.0.0.1' },
});
