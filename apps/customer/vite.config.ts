import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { prefetchMenuScript } from './src/menu/menu-prefetch';

/**
 * Writes the menu bootstrap (src/menu/menu-prefetch.ts) into index.html as an inline script, first in
 * <head> after the charset, so it runs before any stylesheet could hold it up. The API and Nginx allow it
 * by its SHA-256 in their Content-Security-Policy: change it and the hash in deploy/nginx changes too
 * (tests/security/headers-cors.test.ts says which hash to write).
 */
function menuBootstrap(): Plugin {
  return {
    name: 'table-order-menu-bootstrap',
    transformIndexHtml(html) {
      const marker = '<meta charset="utf-8" />';
      if (!html.includes(marker)) throw new Error(`index.html must start its <head> with ${marker}`);
      return html.replace(marker, `${marker}\n    <script>${prefetchMenuScript()}</script>`);
    },
  };
}

// The API serves dist/ at `/`; in development Vite proxies the API so the app stays same-origin.
export default defineConfig({
  base: '/',
  plugins: [react(), menuBootstrap()],
  build: { outDir: 'dist', target: 'es2022', assetsInlineLimit: 0 },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8000', '/uploads': 'http://127.0.0.1:8000' },
  },
  preview: { host: '127.0.0.1' },
});
