/**
 * Contact cards (精准帮扶联系卡): their settings, the preview and the PDF job. Cards are printed
 * from the registry as it stands; nothing in it changes, so printing never holds the registry.
 */
import type { ApiParsed } from '../../../shared/api';
import { DEFAULT_CARD_SETTINGS, buildContactCard } from '../../../shared/cards/contact-card';
import { CARD_GEOMETRY } from '../../../shared/cards/card-fit';
import type { CardPreview, CardSettings, CardsPdf, ContactCard } from '../../../shared/domain/card.types';
import type { CardPdfQuery } from '../../../shared/schemas/card.schema';
import { LedgerError } from '../../../shared/result';
import type { AreaDeps } from '../area';
import type { createExportSource } from '../io/export-source';
import { renderCardsPdf } from '../io/pdf/cards-pdf';
import type { JobContext, createJobs } from '../jobs';
import type { CardPlace, CardSourceReader } from './card-source';
import { createSettingsRows } from '../settings-rows';

const SETTINGS_KEY = 'cards';
/** Households read per query while cards are gathered; progress is reported after each chunk. */
const CHUNK = 200;

const LAYOUT_NAMES = { a4: 'A4每页1张', 'a4-2up': 'A4每页2张', a5: 'A5每页1张' } as const;

export interface CardsDeps extends AreaDeps {
  source: CardSourceReader;
  households: Pick<ReturnType<typeof createExportSource>, 'householdIds'>;
  jobs: ReturnType<typeof createJobs>;
  fontsDir: () => string;
}

export function createCardsService({ db, audit, places, now, source, households, jobs, fontsDir }: CardsDeps) {
  const settingsRows = createSettingsRows(db);

  function settings(): CardSettings {
    const stored = settingsRows.get(SETTINGS_KEY);
    return stored ? { ...DEFAULT_CARD_SETTINGS, ...(JSON.parse(stored) as Partial<CardSettings>) } : DEFAULT_CARD_SETTINGS;
  }

  function place(): CardPlace {
    const township = places.getSettings();
    if (!township) throw new LedgerError('VALIDATION', '请先在“设置”中填写乡（镇）名称，联系卡的标题和地址要用到它');
    return { countyName: township.countyName, townshipName: township.townshipName };
  }

  const today = () => now().toISOString().slice(0, 10);

  /** The cards of these households, in the order given. */
  function cardsOf(ids: readonly number[], year: number, cardSettings = settings(), day = today()): ContactCard[] {
    return source.read(ids, place(), year, day).map((s) => buildContactCard(s, cardSettings, year, day));
  }

  function chosen(q: Omit<ApiParsed<'card:preview'>, 'limit'>): number[] {
    // The roster export's selection, so cards come in the same order as the list: village, group, 户编号.
    return households.householdIds({ ...q, layout: 'template' });
  }

  async function pdf(q: CardPdfQuery, ctx?: JobContext): Promise<CardsPdf> {
    const year = q.year ?? now().getFullYear();
    place(); // a township without its name cannot title a card: say so before anything else
    const ids = chosen(q);
    if (ids.length === 0) throw new LedgerError('VALIDATION', '没有符合条件的农户，请调整筛选条件或勾选农户后再生成');
    ctx?.phase('整理卡片内容', ids.length);
    const cards: ContactCard[] = [];
    const cardSettings = settings();
    const day = today();
    for (let i = 0; i < ids.length; i += CHUNK) {
      cards.push(...cardsOf(ids.slice(i, i + CHUNK), year, cardSettings, day));
      await ctx?.step(Math.min(i + CHUNK, ids.length));
    }
    ctx?.phase('排版并写入 PDF', cards.length);
    const { buffer, pages } = await renderCardsPdf(cards, q.layout, fontsDir(), (done) => ctx?.step(done) ?? Promise.resolve());
    const expected = Math.ceil(cards.length / CARD_GEOMETRY[q.layout].cardsPerPage);
    if (pages !== expected) {
      // The fitting is meant to make this impossible; if it ever happens the clerk must not get misaligned cards.
      throw new LedgerError('INTERNAL', `联系卡排版异常：${cards.length} 张卡片应占 ${expected} 页，实际 ${pages} 页，请把此提示告诉技术支持`);
    }
    const village = q.villageId === undefined ? undefined : places.listVillages().find((v) => v.id === q.villageId)?.name;
    const scope = q.householdIds ? `勾选${cards.length}户` : (village ?? `${cards.length}户`);
    return {
      fileName: `精准帮扶联系卡_${scope}_${LAYOUT_NAMES[q.layout]}_${today()}.pdf`,
      contentBase64: buffer.toString('base64'),
      cards: cards.length,
      pages,
      bytes: buffer.length,
    };
  }

  return {
    settings,
    updateSettings: db.transaction((input: ApiParsed<'cardSettings:update'>): CardSettings => {
      const before = settings();
      const after: CardSettings = { ...input, footerNote: input.footerNote ?? DEFAULT_CARD_SETTINGS.footerNote };
      settingsRows.put(SETTINGS_KEY, JSON.stringify(after));
      audit.record({ action: 'update', entity: 'settings', entityId: null, summary: '联系卡设置', before, after });
      return after;
    }),
    preview(q: ApiParsed<'card:preview'>): CardPreview {
      const ids = chosen(q);
      return { total: ids.length, cards: cardsOf(ids.slice(0, q.limit), q.year ?? now().getFullYear()) };
    },
    start(q: CardPdfQuery): { jobId: string } {
      return { jobId: jobs.start('card:pdf', `生成联系卡（${LAYOUT_NAMES[q.layout]}）`, (ctx) => pdf(q, ctx)) };
    },
    async pdfNow(q: CardPdfQuery): Promise<CardsPdf> {
      const { jobId } = this.start(q);
      const job = await jobs.wait(jobId);
      if (job.state === 'done' && job.result) return job.result as CardsPdf;
      throw new LedgerError((job.error?.code as 'INTERNAL' | undefined) ?? 'INTERNAL', job.error?.message ?? '生成联系卡失败');
    },
  };
}
