import type { ExportFile, ExportLogEntry, ExportLogHouseholds } from '../domain/export.types';
import type { Page } from '../domain/registry.types';
import { exportRef, exportRegisterQuery, exportRosterInput } from '../schemas/export.schema';
import { z } from '../schemas/zod';
import { read, write } from './method';

export const exportApi = {
  // A write: besides the file, it records who exported which households in the export register.
  'export:roster': write<ExportFile>()(
    exportRosterInput,
    '导出花名册（国家系统户表 53 列、成员表 47 列、2022 年已脱贫人口名单或本系统导入模板格式；全部、按筛选条件或勾选的农户）',
  ),
  'import:template': read<{ fileName: string; contentBase64: string }>()(z.object({}).strict(), '下载花名册导入模板（每列附填写说明）'),
  'export:register': read<Page<ExportLogEntry>>()(exportRegisterQuery, '导出登记：谁在何时以何种格式导出了多少户'),
  'export:registerHouseholds': read<ExportLogHouseholds>()(exportRef, '导出登记中某次导出所含农户的编号'),
};
