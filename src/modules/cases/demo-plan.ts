/**
 * What a year of reports looks like in a county of the north-east (the demo's 铁岭县):
 * garbage, roads, parking and neighbours all year; snow, ice and heating in winter;
 * standing water, blocked drains and flood hazards in the rainy summer; straw burning
 * after the autumn harvest and again before spring ploughing. Weights per month (1–12).
 */
type Season = readonly [code: string, rural: number, community: number, months?: readonly number[]];

const WINTER = [11, 12, 1, 2, 3] as const;
const SUMMER = [6, 7, 8] as const;

export const CATEGORY_WEIGHTS: readonly Season[] = [
  // all year
  ['G0401', 14, 2], // 农村垃圾
  ['E0102', 3, 12], // 暴露垃圾
  ['E0103', 3, 4], // 积存垃圾渣土
  ['P0202', 8, 0], // 农村道路损毁
  ['P0201', 1, 5], // 路面破损
  ['P0103', 3, 6], // 路灯
  ['P0101', 1, 4], // 井盖
  ['E0502', 1, 7], // 占道经营
  ['E0504', 1, 7], // 机动车乱停放
  ['E0506', 4, 3], // 乱堆物堆料
  ['E0101', 3, 3], // 私搭乱建
  ['G0101', 6, 5], // 邻里纠纷
  ['G0103', 4, 0], // 土地承包纠纷
  ['G0105', 0, 4], // 物业纠纷
  ['G0301', 4, 3], // 困难救助
  ['G0303', 3, 3], // 养老服务
  ['G0203', 2, 1], // 危房
  ['E0601', 1, 4], // 噪声扰民
  ['G0403', 3, 0, [5, 6, 7, 8, 9]], // 畜禽粪污, when it smells
  // winter
  ['E0407', 10, 14, [12, 1, 2]], // 道路积雪结冰
  ['E0407', 4, 6, [11, 3]],
  ['G0307', 3, 12, [11, 12, 1, 2, 3]], // 供暖问题
  ['E0402', 2, 3, [12, 1, 2]], // 自来水管爆裂 (frozen pipes)
  ['G0201', 3, 3, WINTER], // 消防隐患 (stoves, heaters)
  // summer, the rainy season
  ['E0406', 6, 10, SUMMER], // 道路积水
  ['E0404', 2, 8, SUMMER], // 下水道堵塞或破损
  ['G0205', 8, 2, [6, 7, 8, 9]], // 防汛隐患
  ['G0404', 5, 1, [5, 6, 7, 8, 9]], // 河道垃圾
  ['E0508', 0, 5, [5, 6, 7, 8, 9]], // 露天烧烤
  // straw burning after the harvest and before ploughing
  ['G0402', 16, 0, [10, 11]],
  ['G0402', 6, 0, [3, 4]],
];

/** Reports per day relative to the year's mean: more in the rainy summer and the snowy winter. */
export const MONTH_FACTOR = [0, 1.15, 1.0, 0.95, 0.9, 0.95, 1.1, 1.25, 1.15, 0.95, 1.0, 1.0, 1.1];

/** The category mix of a month for a rural or community grid: [code, cumulative weight][]. */
export function categoryTable(month: number, kind: 'rural' | 'community'): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let sum = 0;
  for (const [code, rural, community, months] of CATEGORY_WEIGHTS) {
    if (months && !months.includes(month)) continue;
    const w = kind === 'rural' ? rural : community;
    if (w <= 0) continue;
    sum += w;
    out.push([code, sum]);
  }
  return out;
}

/** What reporters write, per category (a generic sentence for the rest). */
const WORDS: Record<string, readonly string[]> = {
  G0401: ['村口垃圾堆放多日无人清运', '路边垃圾池已满，气味大', '沟渠里倒了生活垃圾'],
  E0102: ['小区门口垃圾桶满溢', '楼道口堆着装修垃圾'],
  P0202: ['村路塌了一个大坑，车过不去', '雨后村路冲毁一段'],
  P0103: ['路灯不亮好几天了', '路灯杆歪斜'],
  E0504: ['车辆堵住消防通道', '小区门口乱停车'],
  G0101: ['邻居占用公共通道，双方争执', '两户因滴水檐吵架'],
  E0407: ['路面结冰，老人出行摔倒', '积雪未清，公交站台难走', '坡道结冰车辆打滑'],
  G0307: ['暖气不热，室温只有十几度', '供暖管道漏水'],
  E0402: ['水管冻裂，路面冒水结冰'],
  E0406: ['下雨后路口积水没过脚踝', '涵洞积水，车辆无法通行'],
  E0404: ['下水井堵塞，污水漫到路上'],
  G0205: ['河堤有渗水点', '排水沟被堵，雨季怕淹地'],
  G0402: ['地里有人焚烧秸秆，浓烟很大', '傍晚有烧秸秆的火点'],
  G0404: ['河道里漂着垃圾'],
};

export function wordsFor(code: string, categoryName: string, r: number): string {
  const list = WORDS[code];
  return list ? (list[Math.floor(r * list.length)] ?? list[0]!) : `发现${categoryName}问题，请尽快处理`;
}
