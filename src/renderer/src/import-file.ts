/**
 * Files in and out of the import page: the chosen roster is read in the browser and sent as
 * base64 (the contract is "bytes in", the same for Electron and a plain browser); the error
 * workbook comes back as base64 and is saved through a download link.
 */
import { MAX_IMPORT_FILE_BYTES } from '../../shared/schemas/import.schema';

export { MAX_IMPORT_FILE_BYTES };

/**
 * Bytes → base64. Encoded a slice at a time (a multiple of 3 bytes, so the pieces join without
 * padding in the middle): spreading 40 MB into one `String.fromCharCode` call would overflow the stack.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 3 * 8192;
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const slice = bytes.subarray(start, Math.min(start + CHUNK, bytes.length));
    let binary = '';
    for (let i = 0; i < slice.length; i++) binary += String.fromCharCode(slice[i]!);
    parts.push(btoa(binary));
  }
  return parts.join('');
}

/** base64 → bytes (for the error workbook). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Human size in Chinese units: "1.2 MB", "850 KB". */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${bytes} 字节`;
}

/** The largest file the import takes, as the clerk reads it: "40 MB". */
export const MAX_IMPORT_FILE_TEXT = `${Math.floor(MAX_IMPORT_FILE_BYTES / 1024 / 1024)} MB`;

/** A refusal found before anything is read or sent; null when the file may go to 预检. */
export function fileRefusal(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `“${file.name}”是空文件，请重新选择`;
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    return `“${file.name}”有 ${formatFileSize(file.size)}，超过 ${MAX_IMPORT_FILE_TEXT} 的上限；请按行政村分成几个文件分别导入`;
  }
  return null;
}

function readWithFileReader(file: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** Reads a chosen file as base64. Throws only when the browser cannot read it (moved, locked, no permission). */
export async function fileToBase64(file: Blob): Promise<string> {
  const buffer = typeof file.arrayBuffer === 'function' ? await file.arrayBuffer() : await readWithFileReader(file);
  return bytesToBase64(new Uint8Array(buffer));
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves a base64 file through an `<a download>` click, as a browser and Electron both allow. */
export function downloadBase64(fileName: string, base64: string, type = XLSX_TYPE): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The recognised fields, named as the clerk knows them (the import's field keys → Chinese). */
export const IMPORT_FIELD_LABELS: Record<string, string> = {
  householdNo: '户编号',
  village: '行政村',
  group: '自然村（组）',
  headName: '户主姓名',
  headIdNumber: '户主证件号码',
  familySize: '家庭人口数',
  householdPhone: '户联系电话',
  bankName: '开户银行',
  bankAccount: '银行卡号',
  identificationStandard: '识别标准',
  attribute: '贫困户属性',
  status: '户状态',
  monitoringCategory: '监测对象类别',
  riskEliminated: '风险是否消除',
  mainCause: '主要致贫原因',
  otherCauses: '其他致贫原因',
  identifiedAt: '识别时间',
  name: '姓名',
  sex: '性别',
  birthDate: '出生日期',
  documentType: '证件类型',
  idNumber: '证件号码',
  relationship: '与户主关系',
  ethnicity: '民族',
  politicalStatus: '政治面貌',
  education: '文化程度',
  inSchool: '在校生状况',
  outOfSchoolReason: '失学或辍学原因',
  health: '健康状况',
  labour: '劳动技能',
  workMonths: '务工时间（月）',
  memberPhone: '成员联系电话',
  seriousIllnessInsurance: '大病保险',
  residentMedicalInsurance: '城乡居民基本医疗保险',
  employeeMedicalInsurance: '城镇职工基本医疗保险',
  residentPension: '城乡居民基本养老保险',
  dibao: '低保',
  tekun: '特困供养',
};

export const importFieldLabel = (field: string): string => IMPORT_FIELD_LABELS[field] ?? field;
