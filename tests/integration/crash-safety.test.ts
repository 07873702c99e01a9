/**
 * Crash safety, small (about 30 s): the CLI killed (SIGKILL) inside a 2,000-household import and
 * a 5,000-household month close, at the points that matter most, then the file reopened and
 * judged. The township-sized version, at every kill point, is `tests/fuzz/crash-safety.test.ts`.
 * See `tests/support/crash-suite.ts`.
 */
import { crashSuite } from '../support/crash-suite';

crashSuite({
  title: 'crash safety (small)',
  existingHouseholds: 100,
  rosterHouseholds: 2_000,
  closeHouseholds: 5_000,
  runs: 1,
  width: 2,
  only: [
    'write: 50%',
    'commit: held just before COMMIT',
    'commit: WAL half-way through COMMIT',
    'commit: held just after COMMIT',
    'close: building the snapshot',
    'close: held just before COMMIT',
    'close: held just after COMMIT',
  ],
  timeoutMs: 120_000,
});
