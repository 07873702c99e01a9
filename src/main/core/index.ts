export { createLedger, type Ledger, type LedgerOptions } from './ledger';
export { dispatch } from './dispatch';
