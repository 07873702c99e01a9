import type { z } from '../schemas/zod';

export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  /** Chinese description, shown by `ledger methods`. */
  title: string;
  /** Whether the method changes data (audited; refused on a read-only connection later). */
  writes: boolean;
  /** Largest request this method accepts, in bytes; files travel as base64 and need more than forms. */
  maxPayloadBytes?: number;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

export const read = <O>() => <I extends z.ZodType>(input: I, title: string): MethodDef<I, O> => ({ input, title, writes: false });
export const write = <O>() => <I extends z.ZodType>(input: I, title: string): MethodDef<I, O> => ({ input, title, writes: true });

/** A method that receives a file: same as `read`/`write`, with room for the file's bytes. */
export const fileMethod = <O>(writes: boolean, maxPayloadBytes: number) => <I extends z.ZodType>(input: I, title: string): MethodDef<I, O> => ({ input, title, writes, maxPayloadBytes });
