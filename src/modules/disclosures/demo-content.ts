import { shanghaiMonth, type FinanceLine, type Kind } from './rules.js';

/** One demo disclosure, before it is tied to a village and an account. */
export type DemoDisclosure = {
  kind: Kind;
  period: string | null;
  major: boolean;
  title: string;
  body: string;
  financeLines: FinanceLine[];
  /** null: still a draft */
  publishedAt: Date | null;
};

const pad = (n: number) => String(n).padStart(2, '0');
const QN = ['一', '二', '三', '四'];

/** A Shanghai wall-clock time, never later than `now` (a demo loaded on the 1st at dawn stays in the past). */
function at(now: Date, year: number, month: number, day: number, hour = 10): Date {
  const t = new Date(Date.UTC(year, month - 1, day, hour - 8));
  return t < now ? t : new Date(now.getTime() - 60_000);
}

/** Month `back` months before (year, month), 1-based months. */
function monthsBack(year: number, month: number, back: number): { y: number; m: number } {
  const i = year * 12 + (month - 1) - back;
  return { y: Math.floor(i / 12), m: (i % 12) + 1 };
}

/** Believable, varied, deterministic amounts: a village's month differs from the next. */
const vary = (base: number, seed: number) =>
  Math.round(base * (0.8 + ((seed * 7919) % 41) / 100)) + ((seed * 37) % 100) / 100;

function financeLines(y: number, m: number): FinanceLine[] {
  const s = y * 12 + m;
  const lines: FinanceLine[] = [
    { item: '村集体经济收入（鱼塘、厂房租金）', income: vary(18000, s), expense: 0 },
    { item: '上级转移支付（村级组织运转经费）', income: vary(12500, s + 1), expense: 0 },
    { item: '村干部报酬', income: 0, expense: vary(9600, s + 2) },
    { item: '办公经费（水电、办公用品）', income: 0, expense: vary(1800, s + 3) },
    { item: '环境卫生保洁', income: 0, expense: vary(2400, s + 4) },
  ];
  // land contracting fees come in after the spring ploughing; road repairs before the freeze
  if (m === 3 || m === 4) lines.splice(1, 0, { item: '土地承包费', income: vary(46000, s + 5), expense: 0 });
  if (m >= 6 && m <= 10)
    lines.push({ item: '道路维修（二组至村部水泥路）', income: 0, expense: vary(23000, s + 6) });
  return lines;
}

function financeMonth(village: string, y: number, m: number, publishedAt: Date): DemoDisclosure {
  const lines = financeLines(y, m);
  return {
    kind: 'finance',
    period: `${y}-${pad(m)}`,
    major: false,
    title: `${y}年${m}月财务收支公开`,
    body: `${village}${y}年${m}月财务收支情况如下，已经村务监督委员会审核。如有疑问，可在下方提问或到村部查阅凭证。`,
    financeLines: lines,
    publishedAt,
  };
}

function villageQuarter(village: string, y: number, q: number, publishedAt: Date): DemoDisclosure[] {
  const p = `${y}-Q${q}`;
  const name = `${y}年第${QN[q - 1]}季度`;
  return [
    {
      title: `${name}低保评议结果公示`,
      body: `经村民代表会议评议，${village}本季度新纳入低保2户3人，退出1户1人（家庭收入已超过标准）。公示期7天，对结果有异议的可向村务监督委员会或镇民政办反映。`,
    },
    {
      title: `${name}惠农补贴发放情况`,
      body: `本季度耕地地力保护补贴、玉米生产者补贴已通过“一卡通”发放到户，共发放312户，合计47.6万元。各户可持存折查询，发现金额不符请到村部核对。`,
    },
    {
      title: `${name}村级工程项目进展`,
      body: `村西排水沟清淤工程已完工，由镇农业综合服务中心验收合格；村部至三组路灯安装工程完成80%，预计下月完工。工程合同、预算和验收单在村部备查。`,
    },
  ].map((t) => ({ kind: 'village' as const, period: p, major: false, financeLines: [], publishedAt, ...t }));
}

function partyQuarter(y: number, q: number, publishedAt: Date): DemoDisclosure[] {
  const p = `${y}-Q${q}`;
  const name = `${y}年第${QN[q - 1]}季度`;
  return [
    {
      title: `${name}党费收缴情况`,
      body: '本季度应交党费党员41名，已全部按时足额交纳，合计2,460元，已上缴镇党委。',
    },
    {
      title: `${name}党员发展情况`,
      body: '经支部委员会研究，拟将1名入党积极分子列为发展对象，公示期5个工作日。对公示对象有意见的，可向村党支部或镇党委组织办反映。',
    },
  ].map((t) => ({ kind: 'party' as const, period: p, major: false, financeLines: [], publishedAt, ...t }));
}

/**
 * A village's demo disclosures as of `now`: six months of finances, two quarters
 * of village and party affairs, this month's theme party day, one major matter
 * decided by 四议两公开, and a draft. `behind` leaves this month's finance out,
 * so the §30 board has a village to flag.
 */
export function demoDisclosures(village: string, now: Date, behind: boolean): DemoDisclosure[] {
  const { year, month, quarter } = shanghaiMonth(now);
  const out: DemoDisclosure[] = [];
  for (let back = behind ? 7 : 6; back >= (behind ? 2 : 1); back--) {
    const p = monthsBack(year, month, back);
    const pub = monthsBack(year, month, back - 1);
    out.push(financeMonth(village, p.y, p.m, at(now, pub.y, pub.m, 5)));
  }
  for (let back = 2; back >= 1; back--) {
    const qi = year * 4 + (quarter - 1) - back;
    const qy = Math.floor(qi / 4);
    const qq = (qi % 4) + 1;
    const pub = monthsBack(qy, qq * 3, -1); // the first month of the next quarter
    out.push(
      ...villageQuarter(village, qy, qq, at(now, pub.y, pub.m, 6)),
      ...partyQuarter(qy, qq, at(now, pub.y, pub.m, 8)),
    );
  }
  out.push({
    kind: 'party',
    period: `${year}-${pad(month)}`,
    major: false,
    title: `${month}月主题党日活动`,
    body: '本月主题党日内容：集中学习党的二十届四中全会精神，党员为孤寡老人清扫院落，开展“党员联系户”走访。应到41人，实到37人，4人请假已补学。',
    financeLines: [],
    publishedAt: at(now, year, month, 3),
  });
  const major = monthsBack(year, month, 1);
  out.push({
    kind: 'village',
    period: null,
    major: true,
    title: '村道硬化工程决议及实施结果公开（四议两公开）',
    body: [
      '一、党支部提议：硬化二组至村部道路1.2公里，预算38万元，其中申请上级“一事一议”奖补26万元。',
      '二、两委会议商议：两委成员7人全部到会，一致同意提交党员大会审议。',
      '三、党员大会审议：应到41人，实到35人，同意33人，超过半数通过。',
      '四、村民代表会议决议：应到28人，实到25人，同意24人，决议通过。',
      '五、实施结果：工程经公开比选由县内施工企业承建，已完工并经镇里验收，决算36.8万元。',
    ].join('\n'),
    financeLines: [],
    publishedAt: at(now, major.y, major.m, 20),
  });
  out.push({
    kind: 'party',
    period: `${year}-Q${quarter}`,
    major: false,
    title: `${year}年第${QN[quarter - 1]}季度党费收缴情况`,
    body: '本季度党费正在收缴，截至目前已交38人。',
    financeLines: [],
    publishedAt: null,
  });
  return out;
}
