/**
 * Crash safety, township-sized (slow: about four minutes on two cores): the CLI killed (SIGKILL)
 * while importing a 20,000-household roster (about 67,000 people) into a registry, and while
 * closing a month of a 50,000-household township, at every kill point of
 * `tests/support/crash-suite.ts`; after every kill the file passes SQLite's integrity check and
 * holds either none or all of the command's changes. `CRASH_RUNS` sets the runs at each
 * time-based kill point (1 by default; a held point is deterministic and runs once).
 */
import { availableParallelism } from 'node:os';
import { crashSuite } from '../support/crash-suite';

crashSuite({
  title: 'crash safety',
  existingHouseholds: 300,
  rosterHouseholds: 20_000,
  closeHouseholds: 50_000,
  runs: Number(process.env.CRASH_RUNS ?? 1),
  width: Math.min(4, availableParallelism()),
  timeoutMs: 900_000,
});
