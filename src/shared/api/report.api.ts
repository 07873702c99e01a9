import type { Dashboard, MonthClose, MonthlyReport, ReportFile } from '../domain/report.types';
import { dashboardQuery, monthCloseInput, monthReopenInput, reportQuery } from '../schemas/report.schema';
import { z } from '../schemas/zod';
import { read, write } from './method';

export const reportApi = {
  'report:monthly': read<MonthlyReport>()(reportQuery, '某月的巩固脱贫成果月报（已结账的月份取结账时的快照，未结账的取当前数据）'),
  'report:xlsx': read<ReportFile>()(reportQuery, '月报 Excel（每张表一个工作表，带签章栏和打印设置）'),
  'report:pdf': read<ReportFile>()(reportQuery, '月报 PDF（A4 横向，页码，签章栏）'),
  'month:list': read<MonthClose[]>()(z.object({}).strict(), '各月结账记录（含重新打开的原因）'),
  'month:close': write<MonthClose>()(monthCloseInput, '月末结账：冻结该月的数字和所依据的农户数据'),
  'month:reopen': write<MonthClose>()(monthReopenInput, '重新打开已结账的月份（须写明原因，原快照保留）'),
  'dashboard:get': read<Dashboard>()(dashboardQuery, '首页：本月计数和图表数据'),
};
