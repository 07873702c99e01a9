/**
 * 干部考核 on screen: the cadres' red/black list's workflow steps, what a listing is called, which
 * consequences go with which list and which one a listing starts from, and the rule the adjust
 * dialog checks before sending (a decision other than the proposal names its reason and approver).
 */
import { cadreRole } from '../../../shared/domain/assistance.codes';
import { BLACK_CONSEQUENCES, cadreConsequence, cadreListLabel, RED_CONSEQUENCES } from '../../../shared/domain/cadre-assessment.codes';
import type { CadreListKind } from '../../../shared/domain/cadre-assessment.types';
import { labelOf } from '../../../shared/domain/code-table';
import type { FieldIssue } from '../../../shared/result';
import { workflowSteps } from './round-flow';

export const CADRE_MEETING = '考核评议';

export const CADRE_ROUND_STEPS = workflowSteps(CADRE_MEETING, {
  draft: '按考核标准生成草稿，逐人核定',
  reviewed: '乡镇考核评议会议审定，记下会议日期',
  publicised: '在乡镇政务公开栏公示，期间可提出异议',
  final: '定稿后印发通报，红黑榜不再修改',
});

export { cadreListLabel };

/** Element Plus tag type: red for the red list, dark grey for the black one. */
export function cadreListTagType(list: CadreListKind | null): 'danger' | 'info' {
  return list === 'RED' ? 'danger' : 'info';
}

export function cadreRoleLabel(role: string): string {
  return labelOf(cadreRole, role);
}

export function consequenceLabel(code: string | null): string {
  return labelOf(cadreConsequence, code);
}

/** The consequences a list allows: commendations for red, a talk and stronger for black, none off the lists. */
export function consequencesFor(list: CadreListKind | null): { code: string; label: string }[] {
  const codes = list === 'RED' ? RED_CONSEQUENCES : list === 'BLACK' ? BLACK_CONSEQUENCES : [];
  return codes.map((code) => ({ code, label: consequenceLabel(code) }));
}

/** Where a listing starts: 通报表扬 for red, 约谈 for black, 诫勉谈话 for a second black month running. */
export function defaultConsequence(list: CadreListKind | null, consecutiveBlack: boolean): string | null {
  if (list === 'RED') return 'COMMEND';
  if (list === 'BLACK') return consecutiveBlack ? 'ADMONISH' : 'TALK';
  return null;
}

/** A decision other than the proposal needs a reason and who approved it (the core refuses it otherwise). */
export function adjustIssues(form: { list: CadreListKind | null; reason: string; approver: string }, proposed: CadreListKind | null): FieldIssue[] {
  if (form.list === proposed) return [];
  const issues: FieldIssue[] = [];
  const what = `结果（${cadreListLabel(form.list)}）与建议（${cadreListLabel(proposed)}）不同`;
  if (!form.reason.trim()) issues.push({ path: 'reason', message: `${what}，请写明调整理由` });
  if (!form.approver.trim()) issues.push({ path: 'approver', message: `${what}，请填写审批人` });
  return issues;
}

