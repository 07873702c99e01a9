/**
 * Runs one import job the way the contract asks: `import:start` answers with a job number at once,
 * then `job:get` is polled until the job is no longer running; `job:cancel` asks it to stop
 * (a cancelled import is rolled back as a whole, so the registry is unchanged).
 *
 * One job at a time per page: the view disables everything that would start a second one.
 */
import { onBeforeUnmount, ref, shallowRef } from 'vue';
import type { ImportJob, ImportPreview, ImportResult } from '../../../../shared/domain/import.types';
import type { ApiInput } from '../../../../shared/api';
import { ledger } from '../../api';

/** How often the page asks for progress while a job runs. */
export const JOB_POLL_MS = 300;

export type ImportStart = ApiInput<'import:start'>;

export type JobOutcome<R> =
  /** The job finished; `result` is what it produced. */
  | { state: 'done'; result: R }
  /** Refused or failed: nothing was written (a failed import rolls back). */
  | { state: 'failed'; message: string }
  /** Progress could not be read any more: the job's own outcome is unknown. */
  | { state: 'lost'; message: string }
  | { state: 'cancelled' }
  /** The page went away before the job ended. */
  | { state: 'abandoned' };

interface Session {
  commit: boolean;
  jobId: string | null;
  cancelRequested: boolean;
  disposed: boolean;
  /** Ends the current wait between two polls early (after 取消, or when the page goes away). */
  wake: (() => void) | null;
}

export function isImportResult(value: ImportPreview | ImportResult): value is ImportResult {
  return 'created' in value;
}

export function useImportJob() {
  /** The latest progress the core reported; null until the first `job:get` answers. */
  const job = shallowRef<ImportJob | null>(null);
  const running = ref(false);
  const cancelling = ref(false);
  /** What the page itself is doing before the core has a job (reading the file, sending it). */
  const localPhase = ref('');
  let current: Session | null = null;

  function sleep(session: Session, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        session.wake = null;
        resolve();
      }
      session.wake = done;
    });
  }

  async function sendCancel(session: Session): Promise<void> {
    if (!session.jobId) return; // asked before the job existed: run() cancels it as soon as it does
    const answer = await ledger['job:cancel']({ jobId: session.jobId });
    if (!answer.ok && current === session) {
      // Usually the job ended first; polling shows how. Otherwise the clerk may press 取消 again.
      session.cancelRequested = false;
      cancelling.value = false;
    }
    // Poll at once rather than after the rest of the wait.
    session.wake?.();
  }

  async function poll(session: Session, jobId: string): Promise<JobOutcome<ImportPreview | ImportResult>> {
    for (;;) {
      if (session.disposed) return { state: 'abandoned' };
      const answer = await ledger['job:get']({ jobId });
      if (session.disposed) return { state: 'abandoned' };
      if (!answer.ok) return { state: 'lost', message: answer.error.message };
      job.value = answer.data;
      const view = answer.data;
      switch (view.state) {
        case 'running':
          await sleep(session, JOB_POLL_MS);
          continue;
        case 'done':
          return view.result ? { state: 'done', result: view.result } : { state: 'failed', message: '任务已结束，但没有返回结果，请重新选择文件再试' };
        case 'failed':
          return { state: 'failed', message: view.error?.message ?? '任务失败，台账未改动' };
        case 'cancelled':
          return { state: 'cancelled' };
      }
    }
  }

  /**
   * Starts a job and waits for its end. `input` may be a loader (reading the chosen file), run
   * under the same progress bar; a loader's thrown message is the failure shown to the clerk.
   */
  async function run(
    input: ImportStart | (() => Promise<ImportStart>),
    firstPhase = '正在读取所选文件',
  ): Promise<JobOutcome<ImportPreview | ImportResult>> {
    const session: Session = { commit: false, jobId: null, cancelRequested: false, disposed: false, wake: null };
    current = session;
    job.value = null;
    running.value = true;
    cancelling.value = false;
    localPhase.value = firstPhase;
    try {
      let payload: ImportStart;
      try {
        payload = typeof input === 'function' ? await input() : input;
      } catch (e) {
        return { state: 'failed', message: e instanceof Error ? e.message : String(e) };
      }
      session.commit = payload.commit === true;
      if (session.disposed) return { state: 'abandoned' };
      if (session.cancelRequested) return { state: 'cancelled' };
      localPhase.value = '正在把文件交给台账';
      const started = await ledger['import:start'](payload);
      if (!started.ok) return { state: 'failed', message: started.error.message };
      session.jobId = started.data.jobId;
      if (session.cancelRequested || (session.disposed && !session.commit)) void sendCancel(session);
      return await poll(session, session.jobId);
    } finally {
      if (current === session) {
        current = null;
        running.value = false;
        cancelling.value = false;
      }
    }
  }

  /** 取消: asks the core to stop the running job; `run` then reports how it ended. */
  function cancel(): void {
    const session = current;
    if (!session || session.cancelRequested) return;
    session.cancelRequested = true;
    cancelling.value = true;
    void sendCancel(session);
  }

  onBeforeUnmount(() => {
    const session = current;
    if (!session) return;
    session.disposed = true;
    session.wake?.();
    // A dry run nobody will look at is stopped; a real import is left to finish (it is one transaction either way).
    if (!session.commit && session.jobId) void ledger['job:cancel']({ jobId: session.jobId });
  });

  return { job, running, cancelling, localPhase, run, cancel };
}
