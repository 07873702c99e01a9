import type { QualityRun } from './quality.types';
import type { JobView } from './job.types';

export interface ImportProblem {
  /** 1-based sheet row, as Excel shows it. */
  row: number;
  /** Column letter, when one cell is to blame. */
  column: string | null;
  message: string;
}

/**
 * How the file is laid out: one row per person (national member export, the 2022 list, our
 * template) or one row per household (the national household export, which carries the head only).
 */
export type ImportLayout = 'person' | 'household';

/** What a dry run found, before anything is written. */
export interface ImportPreview {
  fileName: string;
  sheetName: string | null;
  encoding: string | null;
  layout: ImportLayout;
  /** 1-based row of the header. */
  headerRow: number;
  /** Recognised columns: field → the header text the file used. */
  columns: Record<string, string>;
  unknownColumns: { header: string; column: string }[];
  duplicateColumns: { header: string; column: string }[];
  /**
   * The file has no 户类型 column (the national exports have none) and names households the
   * registry does not have: they are registered with the status chosen for the import.
   */
  needsDefaultStatus: boolean;
  households: number;
  people: number;
  /** Households the registry does not have yet (matched by 户编号, else by the head's ID). */
  newHouseholds: number;
  /** Households the registry has, which the file changes. */
  updatedHouseholds: number;
  /** Households the registry has, exactly as the file says. */
  unchangedHouseholds: number;
  rejectedRows: number;
  /** Things the clerk should know that reject nothing, in Chinese. */
  notices: string[];
  /** The first problems, in row order (all of them go to the error workbook on commit). */
  problems: ImportProblem[];
}

/** What a committed import did. */
export interface ImportResult {
  fileName: string;
  created: number;
  updated: number;
  unchanged: number;
  /** People added to the registry (new households' members and members joining known households). */
  people: number;
  rejectedRows: number;
  notices: string[];
  problems: ImportProblem[];
  /** The registry as it was just before this import, in the backups folder. */
  backupFile: string | null;
  /** The rejected rows, highlighted, with a reason column; null when every row was taken. */
  errorWorkbook: { fileName: string; contentBase64: string } | null;
  /** The data-quality check run right after the commit; null when it could not run (said in a notice). */
  quality: QualityRun | null;
}

export type ImportJob = JobView<ImportPreview | ImportResult>;
