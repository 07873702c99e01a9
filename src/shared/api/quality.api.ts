import type { QualityFinding, QualityRuleInfo, QualitySummary } from '../domain/quality.types';
import type { Page } from '../domain/registry.types';
import type { ReportFile } from '../domain/report.types';
import { qualityAcknowledgeInput, qualityFindingsQuery, qualityRunInput, qualityUnacknowledgeInput, qualityWorkbookInput } from '../schemas/quality.schema';
import { z } from '../schemas/zod';
import { read, write } from './method';

export const qualityApi = {
  'quality:rules': read<QualityRuleInfo[]>()(z.object({}).strict(), '数据质量检查规则（编号、名称、说明、严重程度）'),
  'quality:run': write<QualitySummary>()(qualityRunInput, '运行全部数据质量检查，保存疑点（指定户时只重新检查这一户）'),
  'quality:summary': read<QualitySummary>()(z.object({}).strict(), '最近一次检查的结果：各规则的疑点数'),
  'quality:findings': read<Page<QualityFinding>>()(qualityFindingsQuery, '疑点明细（按规则、村、户筛选）'),
  'quality:acknowledge': write<QualityFinding>()(qualityAcknowledgeInput, '把疑点标记为“已核实无误”（数据变动后重新提示）'),
  'quality:unacknowledge': write<{ id: number }>()(qualityUnacknowledgeInput, '撤销“已核实无误”标记'),
  'quality:workbook': read<ReportFile>()(qualityWorkbookInput, '疑点数据工作簿：汇总表和每条规则一张明细表'),
};
