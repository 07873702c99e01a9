export const EXPORT_METHODS = ['export:nationalMembers'] as const;
