/**
 * Long work (a large import) runs as a job: the caller starts it, polls its progress and may
 * cancel it. Polling works the same through IPC, HTTP and the CLI, so no door needs push events.
 */
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView<R = unknown> {
  id: string;
  /** The method the job performs, e.g. 'import:commit'. */
  kind: string;
  /** What the clerk started, in Chinese: 导入“花名册.xlsx”. */
  title: string;
  state: JobState;
  /** The step under way, in Chinese: 读取文件, 逐行核对, 写入台账, 生成未导入行. */
  phase: string;
  /** Units done and expected in this phase (rows or households); total is null while unknown. */
  done: number;
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  result: R | null;
  error: { code: string; message: string } | null;
}

/** Any job as `job:get` answers it; its `kind` says which result it carries. */
export type LedgerJob = JobView<import('./import.types').ImportPreview | import('./import.types').ImportResult | import('./card.types').CardsPdf>;
