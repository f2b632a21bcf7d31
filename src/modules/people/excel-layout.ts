/** The sheet layout officials use for a village's or township's households (一户一档花名册). */
export const SHEET = '户籍档案';
export const COLUMNS = [
  { key: 'householdId', header: '户编号', width: 10 },
  { key: 'gridCode', header: '网格', width: 18 },
  { key: 'gridName', header: '网格名称', width: 16 },
  { key: 'unit', header: '楼栋单元/村民小组', width: 16 },
  { key: 'address', header: '门牌', width: 28 },
  { key: 'residentId', header: '居民编号', width: 10 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'relation', header: '与户主关系', width: 10 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'birthDate', header: '出生日期', width: 12 },
  { key: 'idNumber', header: '身份证号', width: 22 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'careTags', header: '关爱标签', width: 20 },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];
/** Columns an import may leave out (the others are refused as missing). */
export const OPTIONAL_COLUMNS: readonly ColumnKey[] = ['gridName', 'unit', 'careTags'];

export const RELATION_ZH = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
} as const;
export const GENDER_ZH = { male: '男', female: '女' } as const;
export const CARE_TAG_ZH = {
  poverty: '困难户',
  'minimum-living': '低保',
  'elderly-alone': '孤寡老人',
  'bereaved-parent': '失独',
  disabled: '残疾',
  'left-behind-child': '留守儿童',
  'pensioner-60': '60岁以上养老金领取',
  bedridden: '卧床',
} as const;

export const fromZh = <T extends Record<string, string>>(table: T, zh: string): keyof T | undefined =>
  (Object.keys(table) as (keyof T)[]).find((k) => table[k] === zh);
