/**
 * Excel export in the layout the county's system reads: the national member export (47 columns,
 * one row per person, household columns repeated). Every cell is text, so IDs, household numbers
 * and phones keep every digit; the workbook is streamed, so 50,000 households stay within memory.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ApiParsed } from '../../../shared/api';
import {
  documentType, education, ethnicity, health, identificationStandard, inSchool, labelOf, labour, outOfSchoolReason, politicalStatus, relationship, sex,
} from '../../../shared/domain';
import type { AreaDeps } from '../area';
import type { Db } from '../db/connection';

/** The national member export's header row, in its order (see the formats shipped with the project). */
export const NATIONAL_MEMBER_HEADERS = [
  '省', '市', '县', '乡', '村', '户编号', '人口编号', '姓名', '性别', '出生日期', '证件类型', '证件号码', '民族', '户联系电话', '成员联系电话', '年度',
  '与户主关系', '文化程度', '在校生状况', '劳动技能', '务工时间（月）', '健康状况', '政治面貌', '务工企业名称', '是否享受低保',
  '是否参加城镇职工基本养老保险', '是否参加大病保险', '是否参加新型农村合作医疗（城乡居民基本医疗保险）', '是否参加城乡居民基本养老保险',
  '失学或辍学原因', '是否会讲普通话', '是否参加商业补充医疗保险', '是否国外务工', '产业分类', '是否接受大病医疗救助', '是否接受其他健康扶贫',
  '公益性岗位类型', '公益性岗位(月数)', '就业渠道', '残疾类别', '务工所在地', '户主姓名', '户主证件号码', '是否参加城镇职工基本医疗保险',
  '是否特困供养人员', '残疾证办证年度', '识别标准',
] as const;

interface MemberExportRow {
  village_name: string; household_no: string; household_phone: string | null; identification_standard: string; head_name: string;
  head_id_number: string | null; person_no: string | null; name: string; sex: string; birth_date: string; document_type: string;
  id_number: string; ethnicity: string; phone: string | null; relationship: string; education: string | null; in_school: string | null;
  labour: string | null; work_months: number | null; health: string; political_status: string | null; dibao: number;
  serious_illness_insurance: number; resident_medical_insurance: number; resident_pension: number; out_of_school_reason: string | null;
  employee_medical_insurance: number; tekun: number;
}

const yes = (v: number) => (v === 1 ? '是' : '否');

export function createExportService({ db, audit, places, now }: AreaDeps) {
  const rows = (database: Db) =>
    database.prepare(
      `SELECT v.name AS village_name, h.household_no, h.phone AS household_phone, h.identification_standard, h.head_name, h.head_id_number,
              m.person_no, m.name, m.sex, m.birth_date, m.document_type, m.id_number, m.ethnicity, m.phone, m.relationship, m.education,
              m.in_school, m.labour, m.work_months, m.health, m.political_status, m.dibao, m.serious_illness_insurance,
              m.resident_medical_insurance, m.resident_pension, m.out_of_school_reason, m.employee_medical_insurance, m.tekun
       FROM members m JOIN households h ON h.id = m.household_id JOIN villages v ON v.id = h.village_id
       WHERE h.deleted_at IS NULL AND m.deleted_at IS NULL AND m.left_on IS NULL AND (@villageId IS NULL OR h.village_id = @villageId)
       ORDER BY h.village_id, h.group_id, h.household_no, m.sort, m.id`,
    );
  const statement = rows(db);

  return {
    async nationalMembers(input: ApiParsed<'export:nationalMembers'>): Promise<{ fileName: string; contentBase64: string; rows: number }> {
      const settings = places.getSettings();
      const year = String(now().getFullYear());
      const chunks: Buffer[] = [];
      const sink = new PassThrough();
      sink.on('data', (c: Buffer) => chunks.push(c));
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
      const sheet = workbook.addWorksheet('成员信息', { views: [{ state: 'frozen', ySplit: 1 }] });
      // Values are written as strings, which Excel keeps as text; a per-cell text format would
      // add nothing for them and triples the time exceljs takes to stream 150,000 rows.
      sheet.columns = NATIONAL_MEMBER_HEADERS.map((header) => ({ header, width: header.length > 6 ? 18 : 12 }));
      let count = 0;
      for (const r of statement.iterate({ villageId: input.villageId ?? null }) as IterableIterator<MemberExportRow>) {
        const values: Record<(typeof NATIONAL_MEMBER_HEADERS)[number], string> = {
          省: settings?.provinceName ?? '', 市: settings?.cityName ?? '', 县: settings?.countyName ?? '', 乡: settings?.townshipName ?? '', 村: r.village_name,
          户编号: r.household_no, 人口编号: r.person_no ?? '', 姓名: r.name, 性别: labelOf(sex, r.sex), 出生日期: r.birth_date,
          证件类型: labelOf(documentType, r.document_type), 证件号码: r.id_number, 民族: labelOf(ethnicity, r.ethnicity),
          户联系电话: r.household_phone ?? '', 成员联系电话: r.phone ?? '', 年度: year, 与户主关系: labelOf(relationship, r.relationship),
          文化程度: labelOf(education, r.education), 在校生状况: labelOf(inSchool, r.in_school), 劳动技能: labelOf(labour, r.labour),
          '务工时间（月）': r.work_months === null ? '' : String(r.work_months), 健康状况: r.health.split(',').map((h) => labelOf(health, h)).join(','),
          政治面貌: labelOf(politicalStatus, r.political_status), 务工企业名称: '', 是否享受低保: yes(r.dibao), 是否参加城镇职工基本养老保险: '',
          是否参加大病保险: yes(r.serious_illness_insurance), '是否参加新型农村合作医疗（城乡居民基本医疗保险）': yes(r.resident_medical_insurance),
          是否参加城乡居民基本养老保险: yes(r.resident_pension), 失学或辍学原因: labelOf(outOfSchoolReason, r.out_of_school_reason),
          是否会讲普通话: '', 是否参加商业补充医疗保险: '', 是否国外务工: '', 产业分类: '', 是否接受大病医疗救助: '', 是否接受其他健康扶贫: '',
          公益性岗位类型: '', '公益性岗位(月数)': '', 就业渠道: '', 残疾类别: '', 务工所在地: '', 户主姓名: r.head_name,
          户主证件号码: r.head_id_number ?? '', 是否参加城镇职工基本医疗保险: yes(r.employee_medical_insurance), 是否特困供养人员: yes(r.tekun),
          残疾证办证年度: '', 识别标准: labelOf(identificationStandard, r.identification_standard),
        };
        sheet.addRow(NATIONAL_MEMBER_HEADERS.map((h) => values[h] || null)).commit();
        count++;
      }
      sheet.commit();
      await workbook.commit();
      const fileName = `${settings?.townshipName ?? '乡镇'}成员信息-${now().toISOString().slice(0, 10)}.xlsx`;
      db.transaction(() => audit.record({ action: 'create', entity: 'export', entityId: null, summary: `导出成员信息（国家系统格式）：${count} 人，文件“${fileName}”` }))();
      return { fileName, contentBase64: Buffer.concat(chunks).toString('base64'), rows: count };
    },
  };
}
