/// <reference types="vite/client" />

// Kept free of top-level imports so it stays a global script: the Window augmentation then merges without `declare global`.

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface Window {
  /** Exposed by the Electron preload; absent when the renderer is served over the HTTP door. */
  ledger?: import('../../shared/api').LedgerClient;
}
