// vite.config.js — builds the web application into web/dist, which
// scripts/embed-web.sh turns into C for the junheng binary (see the
// Makefile).  Hashed file names under /assets/ (served with a long cache
// lifetime); no inline script anywhere (the server's CSP is
// script-src 'self'), so the module preload polyfill, which Vite would
// inline, is off.  Vitest's configuration is here too.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    modulePreload: { polyfill: false },
    // One vendor chunk for the UI kit and one for the charts, so that a
    // change in a page does not change their hashes (long-cached).
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender'))
            return 'echarts';
          if (id.includes('node_modules/'))
            return 'vendor';
        },
      },
    },
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite` for development against a running junheng serve.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'node',
    include: ['src/__tests__/**/*.test.js'],
    env: { TZ: 'Asia/Shanghai' },
  },
});
