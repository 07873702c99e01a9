import type { CardPreview, CardSettings, CardsPdf } from '../domain/card.types';
import { cardPdfInput, cardPreviewInput, cardSettingsInput } from '../schemas/card.schema';
import { z } from '../schemas/zod';
import { read, write } from './method';

export const cardApi = {
  'card:preview': read<CardPreview>()(cardPreviewInput, '联系卡预览：所选农户的前几张卡片及总户数'),
  // Reads only: the cards are printed from the registry, nothing in it changes.
  'card:start': read<{ jobId: string }>()(cardPdfInput, '生成精准帮扶联系卡 PDF（后台任务，用 job:get 查看进度）'),
  'card:pdf': read<CardsPdf>()(cardPdfInput, '生成精准帮扶联系卡 PDF 并等待完成（A4 每页一张、A4 每页两张或 A5；全部、按筛选条件或勾选的农户）'),
  'cardSettings:get': read<CardSettings>()(z.object({}).strict(), '联系卡设置'),
  'cardSettings:update': write<CardSettings>()(cardSettingsInput, '修改联系卡设置（标题、乡镇联系人、户电话印法）'),
};
