/** Command-centre strings of the city centre (全市响应), Chinese first. Merged into i18n.ts. */
export const CITY_M = {
  'menu.city': ['全市专项任务', 'City campaigns'],
  'city.launch': ['发起全市专项任务', 'Launch a city campaign'],
  'city.counties': ['各县完成情况', 'Coverage by county'],
  'city.county': ['县（市、区）', 'County'],
  'city.pickRegions': [
    '限定范围（不选则为全市；展开县可选乡镇）',
    'Limit to (none: the whole city; open a county for its townships)',
  ],
  'city.previewTotal': ['按此规则全市共 {n} 个对象', '{n} targets in the city by this rule'],
  'city.launched': [
    '已发起，{n} 个对象已下发到 {c} 个县的网格',
    'Launched: {n} targets sent to the grids of {c} counties',
  ],
  'city.countsOnly': [
    '市级只看各级数量，不看对象姓名；名单由各县按网格跟进。',
    'The city sees counts by region only, never names; counties follow their lists by grid.',
  ],
  'city.closed': ['全市任务已结束，漏项 {n} 个', 'Closed: {n} missed across the city'],
  'city.missedBy': ['各县漏项', 'Missed by county'],
  'city.fromCity': ['市级任务', 'From the city'],
  'city.fromCityNote': [
    '这是市级专项任务在本县的部分，由市里结束。',
    'This is the county’s part of a city campaign; the city closes it.',
  ],
} as const;
