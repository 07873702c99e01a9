export const EXPORT_METHODS = ['export:nationalMembers', 'import:template'] as const;
