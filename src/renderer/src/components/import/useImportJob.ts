/**
 * The import page's job: `import:start` run through useJob. A dry run (预检) nobody will look at
 * is stopped when the page goes away; a real import is left to finish (it is one transaction
 * either way, and a cancelled import is rolled back as a whole).
 */
import type { ImportPreview, ImportResult } from '../../../../shared/domain/import.types';
import type { ApiInput } from '../../../../shared/api';
import { ledger } from '../../api';
import { useJob } from '../../composables/useJob';

export { JOB_POLL_MS, type JobOutcome } from '../../composables/useJob';

export type ImportStart = ApiInput<'import:start'>;

export function isImportResult(value: ImportPreview | ImportResult): value is ImportResult {
  return 'created' in value;
}

export function useImportJob() {
  const task = useJob<ImportStart, ImportPreview | ImportResult>({
    start: (input) => ledger['import:start'](input),
    stopOnLeave: (input) => input.commit !== true,
    startingPhase: '正在把文件交给台账',
    failedMessage: '任务失败，台账未改动',
    noResultMessage: '任务已结束，但没有返回结果，请重新选择文件再试',
  });
  /** Starts a check or an import; the first phase is the page reading the chosen file. */
  const run = (input: ImportStart | (() => Promise<ImportStart>), firstPhase = '正在读取所选文件') => task.run(input, firstPhase);
  return { ...task, run };
}
