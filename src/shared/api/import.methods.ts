export const IMPORT_METHODS = ['import:preview'] as const;
