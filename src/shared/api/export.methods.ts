/** Methods that write a file: they answer asynchronously (see AsyncMethod in api.ts). */
export const EXPORT_METHODS = ['export:roster', 'import:template'] as const;
/** The export register is read at once, like any list. */
export const EXPORT_REGISTER_METHODS = ['export:register', 'export:registerHouseholds'] as const;
