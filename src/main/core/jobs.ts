/**
 * Long work as jobs: started, polled, cancelled. The core is single-threaded, so a job gives the
 * event loop back every few hundred rows; that is when progress polls are answered and a cancel
 * is noticed. A job that writes holds the registry: other writes are refused until it finishes,
 * because they would otherwise land inside its open transaction.
 */
import { randomUUID } from 'node:crypto';
import type { JobState, JobView } from '../../shared/domain/job.types';
import { LedgerError } from '../../shared/result';
import { failureOf } from './dispatch';

export class JobCancelled extends Error {
  constructor() {
    super('任务已取消');
  }
}

export interface JobContext {
  /** Starts a step; total is null while unknown. */
  phase(name: string, total: number | null): void;
  /** Records progress and, every so often, lets the event loop run; throws JobCancelled once cancelled. */
  step(done: number): Promise<void>;
  /** Claims the registry for writing (refusing if another job holds it); released when the job ends. */
  holdWrites(): void;
  /** The job's writes are committed: from here on a cancel is too late and is ignored. */
  committed(): void;
}

interface JobRecord {
  view: JobView;
  cancelRequested: boolean;
  /** False once the job has committed what it writes. */
  cancellable: boolean;
  /** Settles when the job has finished, however it finished. */
  settled: Promise<void>;
}

/** Finished jobs are kept this long for the caller to collect their result. */
const KEEP_FINISHED_MS = 30 * 60 * 1000;
/** How often a job lets the event loop run: often enough for a poll every ~300 ms, rare enough to cost nothing. */
const YIELD_EVERY_MS = 50;

export function createJobs(now: () => Date) {
  const jobs = new Map<string, JobRecord>();
  let writer: JobRecord | null = null;

  function prune(): void {
    const limit = now().getTime() - KEEP_FINISHED_MS;
    for (const [id, job] of jobs) {
      if (job.view.finishedAt && Date.parse(job.view.finishedAt) < limit) jobs.delete(id);
    }
  }

  function finish(job: JobRecord, state: JobState, patch: Partial<JobView>): void {
    Object.assign(job.view, patch, { state, finishedAt: now().toISOString() });
    if (writer === job) writer = null;
  }

  function mustGet(id: string): JobRecord {
    const job = jobs.get(id);
    if (!job) throw new LedgerError('NOT_FOUND', '没有这个后台任务，可能已完成很久或程序已重新启动');
    return job;
  }

  return {
    start<R>(kind: string, title: string, run: (ctx: JobContext) => Promise<R>): string {
      prune();
      const id = randomUUID();
      let settle!: () => void;
      const job: JobRecord = {
        view: { id, kind, title, state: 'running', phase: '准备', done: 0, total: null, startedAt: now().toISOString(), finishedAt: null, result: null, error: null },
        cancelRequested: false,
        cancellable: true,
        settled: new Promise<void>((resolve) => (settle = resolve)),
      };
      jobs.set(id, job);
      let lastYield = Date.now();
      const ctx: JobContext = {
        phase(name, total) {
          Object.assign(job.view, { phase: name, total, done: 0 });
        },
        async step(done) {
          job.view.done = done;
          if (Date.now() - lastYield < YIELD_EVERY_MS) return;
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
          if (job.cancelRequested && job.cancellable) throw new JobCancelled();
        },
        holdWrites() {
          if (writer && writer !== job) throw new LedgerError('CONFLICT', `“${writer.view.title}”正在写入台账，请等它完成后再试`);
          writer = job;
        },
        committed() {
          job.cancellable = false;
          if (writer === job) writer = null;
        },
      };
      // Started on the next turn, so the caller has the id before any work is done.
      setImmediate(() => {
        run(ctx)
          .then(
            (result) => finish(job, 'done', { result }),
            (e: unknown) => {
              if (e instanceof JobCancelled) return finish(job, 'cancelled', {});
              const failure = failureOf(e);
              finish(job, 'failed', { error: failure.ok ? null : { code: failure.error.code, message: failure.error.message } });
            },
          )
          .finally(settle);
      });
      return id;
    },

    get(id: string): JobView {
      return { ...mustGet(id).view };
    },

    async wait(id: string): Promise<JobView> {
      const job = mustGet(id);
      await job.settled;
      return { ...job.view };
    },

    cancel(id: string): JobView {
      const job = mustGet(id);
      if (job.view.state === 'running' && job.cancellable) job.cancelRequested = true;
      return { ...job.view };
    },

    /** Why a write must wait, or null when none is under way. */
    writeBlocker(): string | null {
      return writer ? `“${writer.view.title}”正在写入台账（${writer.view.phase}），请等它完成后再保存` : null;
    },
  };
}
export type Jobs = ReturnType<typeof createJobs>;
