import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/** The slow suites (hostile-input fuzzing of the import, crash safety): `npm run test:fuzz`, and .ci/run; not `npm test`. */
export default defineConfig({
  resolve: { alias: { '@shared': resolve(root, 'src/shared') } },
  test: {
    name: 'fuzz',
    environment: 'node',
    include: ['tests/fuzz/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One file at a time: each measures its own memory and time.
    fileParallelism: false,
  },
});
