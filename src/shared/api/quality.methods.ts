/** 数据质量检查: the run writes its findings at once (≤ 3 s at 50,000 households); the workbook is a written file. */
export const QUALITY_METHODS = ['quality:rules', 'quality:run', 'quality:summary', 'quality:findings', 'quality:acknowledge', 'quality:unacknowledge'] as const;
export const QUALITY_FILE_METHODS = ['quality:workbook'] as const;

export type QualityMethod = (typeof QUALITY_METHODS)[number] | (typeof QUALITY_FILE_METHODS)[number];
