/**
 * The hard problems the seeds' deliberation halls took up (J11, 鞍山铁西区: "20+ meetings solved 30+
 * hard problems — old water pipes of a derelict building, gas installation losses …").
 */
export const PROBLEMS = [
  '老旧楼房自来水管道老化漏水',
  '燃气入户安装损耗费用分摊',
  '小区路灯损坏夜间出行不便',
  '楼道堆放杂物存在消防隐患',
  '无物业小区垃圾清运不及时',
  '化粪池堵塞污水外溢',
  '电动自行车充电难',
  '小区停车位紧张乱停车',
  '屋面防水失效顶层漏雨',
  '单元门禁损坏',
  '外卖快递车辆乱停乱放',
  '广场舞噪音扰民',
  '供暖温度不达标',
  '村道破损雨天积水',
  '农田灌溉渠淤堵',
  '空置房屋安全隐患',
  '流浪犬伤人隐患',
  '独居老人就餐难',
] as const;

/** Who sits at the table: property managers, stations, new-economy organisations, residents, 5+5+N. */
export const PARTICIPANTS = [
  ['party_member', '网格党小组党员代表'],
  ['property_manager', '物业服务企业负责人'],
  ['station', '党群服务站站长'],
  ['new_economy_org', '快递外卖网点负责人'],
  ['resident', '居民代表王大爷'],
  ['resident', '居民代表李阿姨'],
  ['team_member', '村民议事会成员'],
  ['village_cadre', '村(社区)两委委员'],
] as const;

export const MAJOR_MATTER = {
  title: '村集体闲置厂房对外出租',
  proposal:
    '村集体原砖厂闲置厂房约1200平方米，党支部提议公开招租，租期五年，租金收入纳入村集体经济，用于村内道路维护和困难户帮扶。',
  discuss: '两委会议一致同意提交党员大会审议，招租底价按评估价确定，租金按年公开。',
  resolution:
    '同意将村集体闲置厂房公开招租，租期五年，底价每年6万元，租金全部纳入村集体账户，专款用于道路维护和困难户帮扶。',
  result: '经公开招租，本村一家农产品加工合作社以每年6.8万元中标，合同已签订，首年租金已入村集体账户。',
} as const;
