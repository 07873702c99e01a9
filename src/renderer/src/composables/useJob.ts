/**
 * Runs one background job the way the contract asks: a start method (`import:start`,
 * `card:start`) answers with a job number at once, then `job:get` is polled until the job is no
 * longer running; `job:cancel` asks it to stop.
 *
 * One job at a time per page: the view disables everything that would start a second one.
 */
import { onBeforeUnmount, ref, shallowRef } from 'vue';
import type { JobView } from '../../../shared/domain/job.types';
import type { Result } from '../../../shared/result';
import { ledger } from '../api';

/** How often the page asks for progress while a job runs. */
export const JOB_POLL_MS = 300;

export type JobOutcome<R> =
  /** The job finished; `result` is what it produced. */
  | { state: 'done'; result: R }
  /** Refused or failed. */
  | { state: 'failed'; message: string }
  /** Progress could not be read any more: the job's own outcome is unknown. */
  | { state: 'lost'; message: string }
  | { state: 'cancelled' }
  /** The page went away before the job ended. */
  | { state: 'abandoned' };

export interface JobOptions<I> {
  /** Asks the core to start the job; answers with its number. */
  start: (input: I) => Promise<Result<{ jobId: string }>>;
  /** Whether a job started with `input` is stopped when the page goes away (default: yes). */
  stopOnLeave?: (input: I) => boolean;
  /** What the progress bar says while the start request is on its way. */
  startingPhase?: string;
  /** Shown when the core reports a failure without a message. */
  failedMessage?: string;
  /** Shown when a job ends as done but carries no result. */
  noResultMessage?: string;
}

interface Session {
  jobId: string | null;
  stopOnLeave: boolean;
  cancelRequested: boolean;
  disposed: boolean;
  /** Ends the current wait between two polls early (after 取消, or when the page goes away). */
  wake: (() => void) | null;
}

/**
 * `R` is the result of the method `start` calls: `job:get` answers any job, and the one polled
 * here is the one `start` began, so its result is of that method.
 */
export function useJob<I, R>(options: JobOptions<I>) {
  /** The latest progress the core reported; null until the first `job:get` answers. */
  const job = shallowRef<JobView<R> | null>(null);
  const running = ref(false);
  const cancelling = ref(false);
  /** What the page itself is doing before the core has a job (reading a file, sending it). */
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

  async function poll(session: Session, jobId: string): Promise<JobOutcome<R>> {
    for (;;) {
      if (session.disposed) return { state: 'abandoned' };
      const answer = await ledger['job:get']({ jobId });
      if (session.disposed) return { state: 'abandoned' };
      if (!answer.ok) return { state: 'lost', message: answer.error.message };
      const view = answer.data as JobView<R>;
      job.value = view;
      switch (view.state) {
        case 'running':
          await sleep(session, JOB_POLL_MS);
          continue;
        case 'done':
          return view.result ? { state: 'done', result: view.result } : { state: 'failed', message: options.noResultMessage ?? '任务已结束，但没有返回结果，请重试' };
        case 'failed':
          return { state: 'failed', message: view.error?.message ?? options.failedMessage ?? '任务失败' };
        case 'cancelled':
          return { state: 'cancelled' };
      }
    }
  }

  /**
   * Starts a job and waits for its end. `input` may be a loader (reading a chosen file), run
   * under the same progress bar; a loader's thrown message is the failure shown to the clerk.
   */
  async function run(input: I | (() => Promise<I>), firstPhase = ''): Promise<JobOutcome<R>> {
    const session: Session = { jobId: null, stopOnLeave: true, cancelRequested: false, disposed: false, wake: null };
    current = session;
    job.value = null;
    running.value = true;
    cancelling.value = false;
    localPhase.value = firstPhase || options.startingPhase || '';
    try {
      let payload: I;
      try {
        payload = typeof input === 'function' ? await (input as () => Promise<I>)() : input;
      } catch (e) {
        return { state: 'failed', message: e instanceof Error ? e.message : String(e) };
      }
      session.stopOnLeave = options.stopOnLeave?.(payload) ?? true;
      if (session.disposed) return { state: 'abandoned' };
      if (session.cancelRequested) return { state: 'cancelled' };
      if (options.startingPhase) localPhase.value = options.startingPhase;
      const started = await options.start(payload);
      if (!started.ok) return { state: 'failed', message: started.error.message };
      session.jobId = started.data.jobId;
      if (session.cancelRequested || (session.disposed && session.stopOnLeave)) void sendCancel(session);
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
    if (session.stopOnLeave && session.jobId) void ledger['job:cancel']({ jobId: session.jobId });
  });

  return { job, running, cancelling, localPhase, run, cancel };
}
