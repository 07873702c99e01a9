/** Largest request any door accepts; import files will get their own, larger door later. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
export const MAX_PAYLOAD_TEXT = '1 MB';
