export { createLedger, type Ledger, type LedgerOptions } from './ledger';
export { dispatch, dispatchAsync } from './dispatch';
