/** Monthly reports: the figures and the month closes answer at once; the files are written asynchronously. */
export const REPORT_METHODS = ['report:monthly', 'month:list', 'month:close', 'month:reopen', 'dashboard:get'] as const;
export const REPORT_FILE_METHODS = ['report:xlsx', 'report:pdf'] as const;

export type ReportMethod = (typeof REPORT_METHODS)[number] | (typeof REPORT_FILE_METHODS)[number];
