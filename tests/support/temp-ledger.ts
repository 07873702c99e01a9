import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiInput, ApiMethod, ApiOutput } from '../../src/shared/api';
import type { Result } from '../../src/shared/result';
import { createLedger, dispatch, type Ledger } from '../../src/main/core';

/** A ledger on a real SQLite file in a fresh temp folder. */
export function tempLedger(options: { now?: () => Date } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-test-'));
  const dbPath = join(dir, 'ledger.sqlite');
  const ledger = createLedger({ dbPath, ...options });
  const call = <M extends ApiMethod>(method: M, input: ApiInput<M>) => dispatch(ledger, method, input) as Result<ApiOutput<M>>;
  const must = <M extends ApiMethod>(method: M, input: ApiInput<M>): ApiOutput<M> => {
    const r = call(method, input);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.message}`);
    return r.data;
  };
  return {
    dir,
    dbPath,
    ledger: ledger as Ledger,
    call,
    must,
    cleanup() {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small synthetic household; IDs are computed, not anyone's. */
export function sampleHousehold(villageId: number, overrides: Record<string, unknown> = {}) {
  return {
    villageId,
    status: 'LIFTED_HOUSEHOLD',
    attribute: 'GENERAL',
    mainCause: '01',
    members: [
      { name: '张三', idNumber: '110101198001019998', relationship: '01' },
      { name: '李秀英', idNumber: idFor('110101', '19820315', 2), relationship: '02' },
      { name: '张小明', idNumber: idFor('110101', '20080611', 3), relationship: '03' },
    ],
    ...overrides,
  };
}

/** Builds a valid 18-digit number for an area, birth date and sequence (odd = male). */
export function idFor(area: string, birth: string, sequence: number): string {
  const first17 = `${area}${birth}${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}
