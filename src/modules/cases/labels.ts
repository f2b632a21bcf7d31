/** Chinese names of the case codes, for what leaves the screen (Excel exports, printed reports). */
export const STATE_ZH: Record<string, string> = {
  reported: '待受理',
  filed: '已立案',
  dispatched: '已派遣',
  accepted: '处置中',
  handled: '待核查',
  closed: '已结案',
  suspended: '挂账',
  not_filed: '不予立案',
  cancelled: '已撤销',
  merged: '已合并',
};
export const TIER_ZH: Record<string, string> = { village: '村级', township: '镇级', county: '县级' };
export const URGENCY_ZH: Record<string, string> = { normal: '一般', urgent: '紧急', emergency: '特急' };
export const SOURCE_ZH: Record<string, string> = {
  resident_app: '随手拍',
  patrol: '网格巡查',
  hotline: '热线',
  petition: '信访',
  enterprise: '企业诉求',
  grassroots_request: '吹哨报到',
  campaign: '专项行动',
  open311: 'Open311',
};
export const EVALUATION_ZH: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};
export const zh = (names: Record<string, string>, code: string | null) => (code ? (names[code] ?? code) : '');
