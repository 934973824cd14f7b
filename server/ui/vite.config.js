// Builds the dashboard into the server's classpath folder "ui", which Micronaut serves at /ui
// (micronaut.router.static-resources.ui in application.yml). `npm run dev` serves it on :5173
// and proxies the API to a server on :8080.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/ui/',
  build: {
    outDir: '../target/classes/ui',
    emptyOutDir: true,
    chunkSizeWarningLimit: 200,
  },
  server: {
    proxy: { '/v1': 'http://localhost:8080', '/health': 'http://localhost:8080' },
  },
});
