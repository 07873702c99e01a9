import { z } from '../schemas/zod';
import { read } from './method';

export const exportApi = {
  'export:nationalMembers': read<{ fileName: string; contentBase64: string; rows: number }>()(
    z.object({ villageId: z.number().int().positive().optional() }),
    '导出成员信息（国家系统成员表格式，47 列）',
  ),
  'import:template': read<{ fileName: string; contentBase64: string }>()(z.object({}).strict(), '下载花名册导入模板（每列附填写说明）'),
};
