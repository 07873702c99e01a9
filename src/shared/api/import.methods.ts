export const IMPORT_METHODS = ['import:preview', 'import:commit', 'import:start', 'job:get', 'job:cancel'] as const;
