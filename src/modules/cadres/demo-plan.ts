/**
 * The demo's cadres of a county, planned so that the county's statistics are exactly the
 * figures seed 004 reports for 盘山县 (J16): two-committee members of average age 40.8, 72.7 %
 * with college education, 一肩挑 in 96.7 % of villages and 100 % of communities, 895 reserve
 * cadres, 147 first secretaries in post. Pure and deterministic (a seeded generator).
 */
export const J16_TARGETS = {
  averageAge: 40.8,
  collegePercent: 72.7,
  oneShoulderVillagePercent: 96.7,
  oneShoulderCommunityPercent: 100,
  reserve: 895,
  firstSecretaries: 147,
  /** 清原: mentors for 20 new secretaries, from 4 secretaries' workshops */
  menteeSecretaries: 20,
  mentors: 4,
} as const;

export type Unit = { code: string; kind: 'village' | 'community' };
export type PlannedCadre = {
  regionCode: string;
  name: string;
  gender: 'male' | 'female';
  age: number;
  education: string;
  posts: string[];
  reserve: boolean;
  unit: string | null;
};
export type Plan = {
  cadres: PlannedCadre[];
  /** index into cadres, village code, sending unit, kind, start offset in days before today, ended */
  postings: { cadre: number; village: string; unit: string; kind: string; years: number; ended: boolean }[];
  pairs: { mentor: number; mentee: number }[];
  /** reserve cadres' indexes (each gets training records) */
  reserves: number[];
};

const MEMBERS_PER_UNIT = 6;
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '玉兰',
  '志强',
  '海燕',
  '红梅',
  '国庆',
  '春生',
  '立新',
];
export const SENDING_UNITS = [
  ['县委组织部', 'party_government'],
  ['县农业农村局', 'economic'],
  ['县财政局', 'economic'],
  ['县科技局', 'technology'],
  ['县农业技术推广中心', 'technology'],
  ['县委政法委', 'legal'],
  ['县司法局', 'legal'],
  ['县公安局', 'legal'],
  ['县发展和改革局', 'economic'],
  ['县委宣传部', 'party_government'],
  ['县民政局', 'party_government'],
  ['县水利局', 'technology'],
] as const;

/** mulberry32: a small seeded generator, so the demo is the same on every load. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (n: number, of: number) => Math.round((n * 1000) / of) / 10;

/** The largest count ≤ n of secretaries and the 一肩挑 among them that round to `percent`. */
export function oneShoulderSplit(n: number, percent: number): { secretaries: number; oneShoulder: number } {
  for (let s = n; s > 0; s--) {
    const k = Math.round((s * percent) / 100);
    if (pct(k, s) === percent) return { secretaries: s, oneShoulder: k };
  }
  throw new Error(`no split of ${n} gives ${percent}%`);
}

export function planCadres(units: Unit[], seed: number): Plan {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const name = () => `${pick([...SURNAMES])}${pick(GIVEN)}`;
  const villages = units.filter((u) => u.kind === 'village');
  const communities = units.filter((u) => u.kind === 'community');
  const v = oneShoulderSplit(villages.length, J16_TARGETS.oneShoulderVillagePercent);
  const cadres: PlannedCadre[] = [];
  const secretaryOf = new Map<string, number>();
  const add = (c: Omit<PlannedCadre, 'name' | 'gender' | 'education' | 'reserve' | 'unit'>) => {
    cadres.push({
      ...c,
      name: name(),
      gender: rnd() < 0.7 ? 'male' : 'female',
      education: '',
      reserve: false,
      unit: null,
    });
    return cadres.length - 1;
  };
  // the two committees: a secretary (also director where 一肩挑), a deputy, a director where the
  // secretary is not one, and committee members; a village without a secretary (vacant) has a director
  villages.forEach((u, i) => {
    const hasSecretary = i < v.secretaries;
    const one = i < v.oneShoulder;
    const posts: string[][] = hasSecretary
      ? one
        ? [['secretary', 'director'], ['deputy_secretary'], ['deputy_director']]
        : [['secretary'], ['director'], ['deputy_secretary']]
      : [['director'], ['deputy_secretary'], ['deputy_director']];
    posts.forEach((p, j) => {
      const at = add({ regionCode: u.code, age: 30 + Math.floor(rnd() * 26), posts: p });
      if (j === 0 && hasSecretary) secretaryOf.set(u.code, at);
    });
    for (let j = posts.length; j < MEMBERS_PER_UNIT; j++)
      add({ regionCode: u.code, age: 26 + Math.floor(rnd() * 32), posts: ['member'] });
  });
  for (const u of communities) {
    secretaryOf.set(
      u.code,
      add({ regionCode: u.code, age: 35 + Math.floor(rnd() * 18), posts: ['secretary', 'director'] }),
    );
    add({ regionCode: u.code, age: 30 + Math.floor(rnd() * 20), posts: ['deputy_secretary'] });
    for (let j = 2; j < MEMBERS_PER_UNIT; j++)
      add({ regionCode: u.code, age: 25 + Math.floor(rnd() * 28), posts: ['member'] });
  }
  fitAgeAndEducation(cadres, rnd);

  // 后备干部: spread over the villages and communities, young, most with college education
  const reserves: number[] = [];
  for (let i = 0; i < J16_TARGETS.reserve; i++) {
    const u = units[i % units.length]!;
    cadres.push({
      regionCode: u.code,
      name: name(),
      gender: rnd() < 0.55 ? 'male' : 'female',
      age: 24 + Math.floor(rnd() * 12),
      education: rnd() < 0.8 ? pick(['college', 'bachelor']) : 'senior',
      posts: [],
      reserve: true,
      unit: null,
    });
    reserves.push(cadres.length - 1);
  }

  // 第一书记: cadres of county organs sent to villages (the ones in post, and an earlier term ended)
  const postings: Plan['postings'] = [];
  const county = units[0]!.code.slice(0, 6);
  const sendTo = [...villages, ...communities];
  const send = (village: string, ended: boolean) => {
    const [unit, kind] = pick(SENDING_UNITS);
    cadres.push({
      regionCode: county,
      name: name(),
      gender: rnd() < 0.75 ? 'male' : 'female',
      age: 28 + Math.floor(rnd() * 20),
      education: pick(['bachelor', 'bachelor', 'postgraduate', 'college']),
      posts: [],
      reserve: false,
      unit,
    });
    postings.push({ cadre: cadres.length - 1, village, unit, kind, years: ended ? 3 : 1, ended });
  };
  for (let i = 0; i < J16_TARGETS.firstSecretaries; i++) send(sendTo[i % sendTo.length]!.code, false);
  for (let i = 0; i < 40; i++) send(sendTo[(i * 3) % sendTo.length]!.code, true);

  // 导师帮带: 4 experienced secretaries, each with 5 new ones
  const secs = [...secretaryOf.values()];
  const pairs: Plan['pairs'] = [];
  for (let i = 0; i < J16_TARGETS.menteeSecretaries; i++)
    pairs.push({ mentor: secs[i % J16_TARGETS.mentors]!, mentee: secs[J16_TARGETS.mentors + i]! });
  return { cadres, postings, pairs, reserves };
}

/**
 * Nudges the two-committee members' ages until their sum is the target average's (exact to one
 * decimal), and gives college education to exactly the target share of them.
 */
function fitAgeAndEducation(members: PlannedCadre[], rnd: () => number) {
  const m = members.length;
  const target = Math.round(J16_TARGETS.averageAge * m);
  let diff = target - members.reduce((s, c) => s + c.age, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % m) {
    const c = members[i]!;
    const step = diff > 0 && c.age < 60 ? 1 : diff < 0 && c.age > 25 ? -1 : 0;
    c.age += step;
    diff -= step;
  }
  const college = Math.round((J16_TARGETS.collegePercent / 100) * m);
  if (
    pct(college, m) !== J16_TARGETS.collegePercent ||
    Math.round((target * 10) / m) / 10 !== J16_TARGETS.averageAge
  )
    throw new Error(`the demo's ${m} committee members cannot reproduce the J16 figures`);
  const order = members.map((_, i) => i);
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  order.forEach((idx, n) => {
    members[idx]!.education =
      n < college
        ? (['college', 'bachelor', 'college', 'postgraduate'] as const)[n % 4]!
        : (['senior', 'vocational', 'junior'] as const)[n % 3]!;
  });
}
