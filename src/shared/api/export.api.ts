import { z } from '../schemas/zod';
import { read } from './method';

export const exportApi = {
  'export:nationalMembers': read<{ fileName: string; contentBase64: string; rows: number }>()(
    z.object({ villageId: z.number().int().positive().optional() }),
    '导出成员信息（国家系统成员表格式，47 列）',
  ),
};
