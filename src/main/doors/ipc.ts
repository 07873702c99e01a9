import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { API_METHODS, ipcChannel } from '../../shared/api-methods';
import { fail, type Result } from '../../shared/result';
import { dispatchAsync, type Ledger } from '../core';
import { payloadLimit, payloadProblem } from './limits';

/** Only our own page may call: the bundled renderer (file://) or the dev server in development. */
export type SenderCheck = (frame: WebFrameMain | null) => boolean;

/**
 * One `ipcMain.handle` channel per contract method. The renderer is untrusted input: the
 * sender frame is checked and the payload is size-limited and validated like any other door.
 */
export function registerIpcDoor(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, ledger: Ledger, isTrustedSender: SenderCheck): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame)) return fail('VALIDATION', '拒绝来自未知页面的请求');
      // The renderer sends `{}` for no input; anything but a plain, bounded JSON object is refused here.
      const problem = payloadProblem(input === undefined ? {} : input, payloadLimit(method));
      if (problem) return fail('VALIDATION', problem);
      return dispatchAsync(ledger, method, input);
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
