import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

const root = dirname(fileURLToPath(import.meta.url));

const shared = { '@shared': resolve(root, 'src/shared') };

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      // better-sqlite3 is a native addon: it stays a runtime require, never bundled.
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(root, 'src/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: { rollupOptions: { input: { index: resolve(root, 'src/preload/index.ts') } } },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    resolve: { alias: { ...shared, '@renderer': resolve(root, 'src/renderer/src') } },
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'src/renderer/index.html') },
      chunkSizeWarningLimit: 2000,
    },
  },
});
