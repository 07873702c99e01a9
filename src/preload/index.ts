import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/api-methods';

// Exactly the contract's methods, each on its own channel; no generic invoke is exposed.
const ledger = Object.freeze(
  Object.fromEntries(API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(ipcChannel(method), input)])),
);

contextBridge.exposeInMainWorld('ledger', ledger);
