export interface ImportProblem {
  /** 1-based sheet row, as Excel shows it. */
  row: number;
  /** Column letter, when one cell is to blame. */
  column: string | null;
  message: string;
}

/** What a dry run found, before anything is written. */
export interface ImportPreview {
  fileName: string;
  sheetName: string | null;
  encoding: string | null;
  /** 1-based row of the header. */
  headerRow: number;
  /** Recognised columns: field → the header text the file used. */
  columns: Record<string, string>;
  unknownColumns: { header: string; column: string }[];
  duplicateColumns: { header: string; column: string }[];
  households: number;
  people: number;
  /** Households the registry does not have yet, and households it has (matched by 户编号 or the head's ID). */
  newHouseholds: number;
  existingHouseholds: number;
  rejectedRows: number;
  /** The first problems, in row order (all of them go to the error workbook on commit). */
  problems: ImportProblem[];
}

/** What a committed import did. Existing households are matched and left as they are for now. */
export interface ImportResult {
  fileName: string;
  created: number;
  people: number;
  /** Households already in the registry (by 户编号 or the head's ID): not changed by this import. */
  skippedExisting: number;
  rejectedRows: number;
  problems: ImportProblem[];
  /** The rejected rows, highlighted, with a reason column; null when every row was taken. */
  errorWorkbook: { fileName: string; contentBase64: string } | null;
}
