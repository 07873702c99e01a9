import { describe, expect, it } from 'vitest';
import { allowedEvents, applyStatusEvent, type StatusEventKind, type StatusState } from '../../src/shared/rules/status-machine';

const s = (status: string, monitoringCategory: string | null = null, riskState: string | null = null): StatusState => ({ status, monitoringCategory, riskState });
const ALL: StatusEventKind[] = ['PLAN_EXIT', 'CANCEL_PLAN', 'EXIT', 'POLICY_END', 'RETURN', 'TRANSITION', 'START_MONITORING', 'ELIMINATE_RISK', 'REMOVE'];

/** The whole machine as a table: state, month, and exactly the changes open to it. */
const TABLE: [StatusState, string, StatusEventKind[]][] = [
  [s('NOT_LIFTED'), '2018-06', ['PLAN_EXIT', 'REMOVE']],
  [s('PRE_LIFTED'), '2018-06', ['CANCEL_PLAN', 'EXIT', 'REMOVE']],
  [s('LIFTED_POLICY'), '2018-06', ['POLICY_END', 'RETURN', 'REMOVE']],
  [s('LIFTED_NO_POLICY'), '2018-06', ['RETURN', 'REMOVE']],
  [s('RETURNED'), '2018-06', ['PLAN_EXIT', 'EXIT', 'REMOVE']],
  [s('REMOVED'), '2018-06', []],
  [s('LIFTED_POLICY'), '2021-01', ['POLICY_END', 'TRANSITION', 'REMOVE']],
  [s('NOT_LIFTED'), '2021-01', ['TRANSITION', 'REMOVE']],
  [s('LIFTED_HOUSEHOLD'), '2022-06', ['POLICY_END', 'START_MONITORING', 'REMOVE']],
  [s('LIFTED_HOUSEHOLD_NO_POLICY'), '2022-06', ['START_MONITORING', 'REMOVE']],
  [s('ORDINARY'), '2022-06', ['START_MONITORING', 'REMOVE']],
  [s('LIFTED_HOUSEHOLD', 'UNSTABLE', 'ACTIVE'), '2022-06', ['POLICY_END', 'ELIMINATE_RISK', 'REMOVE']],
  [s('ORDINARY', 'MARGINAL', 'ELIMINATED_ASSISTED'), '2022-06', ['START_MONITORING', 'REMOVE']],
];

describe('status state machine', () => {
  it.each(TABLE)('%o in %s allows exactly the listed changes, and refuses every other with the allowed list', (state, month, allowed) => {
    expect(allowedEvents(state, month).sort()).toEqual([...allowed].sort());
    for (const kind of ALL) {
      const r = applyStatusEvent(state, { kind, month, monitoringCategory: state.status === 'ORDINARY' ? 'MARGINAL' : 'UNSTABLE', eliminationMethod: 'ASSISTED' });
      expect(r.ok, `${state.status} ${kind}`).toBe(allowed.includes(kind));
      if (!r.ok) expect(r.message).toMatch(allowed.length ? /可办理：/ : /没有可办理的变更/);
    }
  });

  it('walks a household through both eras', () => {
    let state: StatusState | null = null;
    const steps: [StatusEventKind | 'REGISTER', string, Partial<Parameters<typeof applyStatusEvent>[1]>, string][] = [
      ['REGISTER', '2015-03', { initial: s('NOT_LIFTED') }, 'NOT_LIFTED'],
      ['PLAN_EXIT', '2017-06', {}, 'PRE_LIFTED'],
      ['EXIT', '2017-12', {}, 'LIFTED_POLICY'],
      ['RETURN', '2018-05', {}, 'RETURNED'],
      ['EXIT', '2018-12', {}, 'LIFTED_POLICY'],
      ['TRANSITION', '2021-01', {}, 'LIFTED_HOUSEHOLD'],
      ['START_MONITORING', '2022-04', { monitoringCategory: 'UNSTABLE' }, 'LIFTED_HOUSEHOLD'],
      ['ELIMINATE_RISK', '2023-02', { eliminationMethod: 'NATURAL' }, 'LIFTED_HOUSEHOLD'],
    ];
    for (const [kind, month, extra, expected] of steps) {
      const r = applyStatusEvent(state, { kind, month, ...extra } as Parameters<typeof applyStatusEvent>[1]);
      if (!r.ok) throw new Error(r.message);
      state = r.state;
      expect(state.status).toBe(expected);
    }
    expect(state).toEqual(s('LIFTED_HOUSEHOLD', 'UNSTABLE', 'ELIMINATED_NATURAL'));
  });

  it('explains refusals in Chinese', () => {
    const r = applyStatusEvent(s('NOT_LIFTED'), { kind: 'EXIT', month: '2018-06' });
    expect(r).toEqual({ ok: false, message: '当前为“未脱贫”，2018-06 不能办理“脱贫退出”；可办理：列为预脱贫、清退（识别不准）' });
    const marginal = applyStatusEvent(s('LIFTED_HOUSEHOLD'), { kind: 'START_MONITORING', month: '2022-06', monitoringCategory: 'MARGINAL' });
    expect(marginal.ok === false && marginal.message).toContain('“边缘易致贫户”只能是一般农户');
    const noMethod = applyStatusEvent(s('ORDINARY', 'MARGINAL', 'ACTIVE'), { kind: 'ELIMINATE_RISK', month: '2022-06' });
    expect(noMethod.ok === false && noMethod.message).toBe('风险消除请选择消除方式（帮扶消除或自然消除）');
    expect(applyStatusEvent(s('ORDINARY'), { kind: 'REMOVE', month: '2022-13' })).toEqual({ ok: false, message: '变更月份应为“年-月”，如 2021-03' });
  });
});
