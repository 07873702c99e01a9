import { afterEach, describe, expect, it } from 'vitest';
import GuaranteesTab from '../../src/renderer/src/components/guarantees/GuaranteesTab.vue';
import type { GuaranteeReport } from '../../src/shared/domain/dynamic.types';
import { $, byTest, check, click } from './dom';
import { installFakeLedger, mountWithApp, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

const REPORT: GuaranteeReport = {
  householdId: 3,
  asOf: '2025-06-30',
  survey: { houseGrade: '02', waterSafe: true, waterHard: true, recordedOn: '2025-03-02', note: null },
  indicators: [
    { key: 'foodClothing', title: '不愁吃、不愁穿', light: 'ok', detail: '2024 年人均纯收入 8200.00 元，不低于2024 年省定标准防返贫监测范围 7500.00 元' },
    { key: 'education', title: '义务教育有保障', light: 'problem', detail: '适龄未在校且无原因：张小明' },
    { key: 'medical', title: '基本医疗有保障', light: 'unknown', detail: '尚未核查' },
    { key: 'housing', title: '住房安全有保障', light: 'problem', detail: '2025-03-02 核查：危房C级' },
    { key: 'water', title: '饮水安全有保障', light: 'check', detail: '2025-03-02 核查：饮水安全，但取水困难' },
  ],
};

/** happy-dom may keep a colour as written or normalise it to rgb(); either way it is the same colour. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

async function openTab(fake = installFakeLedger({ 'guarantee:get': () => ({ ok: true, data: REPORT }) })) {
  const mounted = await mountWithApp(GuaranteesTab, { props: { householdId: 3 } });
  await settle();
  return { ...mounted, fake };
}

describe('GuaranteesTab: five lights in the right colours, with the reason under each', () => {
  it.each([
    ['foodClothing', 'ok', '#67c23a', '有保障'],
    ['education', 'problem', '#f56c6c', '存在问题'],
    ['medical', 'unknown', '#909399', '无法判断'],
    ['housing', 'problem', '#f56c6c', '存在问题'],
    ['water', 'check', '#e6a23c', '请核实'],
  ])('%s is %s: lamp %s, “%s”', async (key, light, colour, verdict) => {
    await openTab();
    const card = $(byTest(`guarantee-light-${key}`));
    const lamp = card.querySelector<HTMLElement>(byTest('guarantee-lamp'))!;

    expect(card.dataset.light).toBe(light);
    expect(card.classList).toContain(`light-${light}`);
    expect([colour, rgb(colour)]).toContain(lamp.style.backgroundColor);
    expect(card.textContent).toContain(verdict);
    expect(card.querySelector(byTest('guarantee-detail'))!.textContent).toBe(REPORT.indicators.find((i) => i.key === key)!.detail);
  });

  it('starts the survey form from the last survey and saves the clerk’s answers', async () => {
    const fake = installFakeLedger({
      'guarantee:get': () => ({ ok: true, data: REPORT }),
      'guarantee:save': () => ({ ok: true, data: REPORT }),
    });
    await openTab(fake);

    await check('guarantee-waterHard-no');
    await click('guarantee-save');

    expect(fake['guarantee:save']).toHaveBeenCalledTimes(1);
    expect(fake['guarantee:save'].mock.calls[0]![0]).toMatchObject({ householdId: 3, houseGrade: '02', waterSafe: true, waterHard: false });
  });
});
