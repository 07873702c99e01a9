export const IMPORT_METHODS = ['import:preview', 'import:commit'] as const;
