/**
 * Where a list's publicity objections go: the points evaluation's (about a household) and the
 * cadres' red/black list's (about a cadre) share the dialogs and the table; only the methods,
 * the schema and the name of the field they are about differ.
 */
import type { CadreListRound } from '../../../shared/domain/cadre-assessment.types';
import type { EvaluationRound, WorkflowRound } from '../../../shared/domain/incentive.types';
import type { Result } from '../../../shared/result';
import { cadreObjectionInput, cadreObjectionResolveInput } from '../../../shared/schemas/cadre-assessment.schema';
import { objectionInput, objectionResolveInput } from '../../../shared/schemas/incentive.schema';
import type { z } from '../../../shared/schemas/zod';
import { ledger } from '../api';

/** What the clerk fills in 登记异议. */
export interface ObjectionForm {
  aboutId: number | null;
  text: string;
  raisedOn: string;
}

export interface ObjectionDoor<R extends WorkflowRound> {
  /** The field the objection is about, in the input and in the core's issues: householdId, cadreId. */
  aboutPath: string;
  /** The method's own schema, so the clerk sees its wording before anything is sent. */
  schema: z.ZodType;
  draft(form: ObjectionForm): unknown;
  raise(input: unknown): Promise<Result<R>>;
  resolveSchema: z.ZodType;
  resolve(input: unknown): Promise<Result<R>>;
  /** Whom (or what) a registered objection is about; null: the list as a whole. */
  aboutIdOf(objection: R['objections'][number]): number | null;
}

/** Builds a door whose schemas and methods are checked against each other here, once. */
function door<R extends WorkflowRound, S extends z.ZodType, T extends z.ZodType>(d: {
  aboutPath: string;
  schema: S;
  draft: (form: ObjectionForm) => z.input<S>;
  raise: (input: z.output<S>) => Promise<Result<R>>;
  resolveSchema: T;
  resolve: (input: z.output<T>) => Promise<Result<R>>;
  aboutIdOf: (objection: R['objections'][number]) => number | null;
}): ObjectionDoor<R> {
  return {
    ...d,
    raise: (input) => d.raise(input as z.output<S>),
    resolve: (input) => d.resolve(input as z.output<T>),
  };
}

export const evaluationObjections = (month: string, villageId: number): ObjectionDoor<EvaluationRound> =>
  door({
    aboutPath: 'householdId',
    schema: objectionInput,
    draft: (f) => ({ month, villageId, householdId: f.aboutId, text: f.text, raisedOn: f.raisedOn }),
    raise: (input) => ledger['round:objection'](input),
    resolveSchema: objectionResolveInput,
    resolve: (input) => ledger['round:resolveObjection'](input),
    aboutIdOf: (o) => o.householdId,
  });

export const cadreListObjections = (month: string): ObjectionDoor<CadreListRound> =>
  door({
    aboutPath: 'cadreId',
    schema: cadreObjectionInput,
    draft: (f) => ({ month, cadreId: f.aboutId, text: f.text, raisedOn: f.raisedOn }),
    raise: (input) => ledger['cadreList:objection'](input),
    resolveSchema: cadreObjectionResolveInput,
    resolve: (input) => ledger['cadreList:resolveObjection'](input),
    aboutIdOf: (o) => o.cadreId,
  });
