import type { WishStatus } from './states.js';

type Claim = {
  by: string;
  name: string;
  kind: 'party_org' | 'paired_unit' | 'deputy' | 'in_service_member' | 'cadre';
  note?: string;
};
export type YearSpec = {
  status: WishStatus;
  by: string;
  beneficiary: string;
  kind: 'elderly_alone' | 'left_behind_child' | 'sick' | 'disabled' | 'poverty' | 'other';
  title: string;
  detail: string;
  claims?: Claim[];
  reason?: string;
  fulfil?: string;
  thanks?: string;
};

/** What people wish for as the seasons turn in the north-east: warmth in winter, school things in August. */
const SEASON: Array<
  [months: number[], kind: YearSpec['kind'], beneficiary: string, title: string, detail: string]
> = [
  [[11, 12, 1, 2], 'elderly_alone', '王奶奶', '一床厚棉被过冬', '屋里冷，被子太薄。'],
  [[11, 12, 1, 2], 'poverty', '张大爷', '一个电暖气', '冬天取暖困难。'],
  [[12, 1, 2], 'left_behind_child', '小刚', '一双保暖棉鞋', '父母在外打工，鞋子小了。'],
  [[1, 2], 'elderly_alone', '李奶奶', '春节一起包顿饺子', '老伴走了，过年一个人。'],
  [[3, 4, 5], 'poverty', '赵大叔', '几袋春耕的种子和化肥', '家里困难，春耕缺农资。'],
  [[3, 4, 5, 6], 'sick', '孙爷爷', '一个血压计', '需要每天量血压。'],
  [[6, 7, 8], 'elderly_alone', '刘奶奶', '一台电风扇', '夏天屋里闷热。'],
  [[6, 7, 8], 'disabled', '周大哥', '一副新拐杖', '旧拐杖坏了。'],
  [[8, 9], 'left_behind_child', '小丽', '一个新书包和文具', '九月开学了。'],
  [[8, 9], 'left_behind_child', '小明', '一套课外书', '孩子喜欢读书。'],
  [[9, 10, 11], 'elderly_alone', '陈爷爷', '帮忙收秋菜', '一个人腿脚不便，白菜还在地里。'],
  [[10, 11], 'sick', '吴奶奶', '一副老花镜', '看药盒上的字很吃力。'],
];

const CLAIMERS: Claim[] = [
  { by: 'party', name: '县委组织部机关党支部', kind: 'party_org' },
  { by: 'department', name: '县住建局', kind: 'paired_unit', note: '局机关党员捐款购买' },
  { by: 'county', name: '县人大代表 王建国', kind: 'deputy' },
];

/**
 * The demo village's micro-wishes of the past year (before the story of the last weeks): three a
 * month with the season's wishes, most fulfilled and thanked, some only fulfilled, a few rejected
 * or withdrawn; `month(k)` is the calendar month of the k-th wish (oldest first).
 */
export function yearOfWishes(month: (k: number) => number, count: number): YearSpec[] {
  const out: YearSpec[] = [];
  for (let k = 0; k < count; k++) {
    const m = month(k);
    const fits = SEASON.filter(([months]) => months.includes(m));
    const [, kind, beneficiary, title, detail] = fits[k % fits.length] ?? SEASON[0]!;
    const roll = (k * 37) % 20;
    const claim = CLAIMERS[k % CLAIMERS.length]!;
    const by = k % 3 === 0 ? 'resident' : 'gridworker';
    if (roll === 0)
      out.push({ status: 'rejected', by, beneficiary, kind, title, detail, reason: '已由民政救助解决。' });
    else if (roll === 1) out.push({ status: 'withdrawn', by, beneficiary, kind, title, detail });
    else if (roll < 5)
      out.push({
        status: 'fulfilled',
        by,
        beneficiary,
        kind,
        title,
        detail,
        claims: [claim],
        fulfil: '已送到家中。',
      });
    else
      out.push({
        status: 'closed',
        by,
        beneficiary,
        kind,
        title,
        detail,
        claims: [claim],
        fulfil: '已送到家中。',
        thanks: '谢谢党员同志们！',
      });
  }
  return out;
}
