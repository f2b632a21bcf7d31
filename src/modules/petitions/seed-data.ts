/**
 * The windows of 铁岭县's petition supermarket as seed 000 tells it: "5家单位的常驻窗口，5家单位的周驻窗口，
 * 还有17家单位的月驻窗口，其他单位随叫随到". Units with a department code are the county's departments
 * (their accounts staff the window); the others are member units of the petition joint conference.
 */
export type SeedWindow = {
  unit: string;
  department?: string;
  schedule: 'permanent' | 'weekly' | 'monthly' | 'on_call';
  weekday?: number;
  monthDay?: number;
};

const W = (unit: string, department?: string) => ({ unit, department });

export const TIELING_WINDOWS: SeedWindow[] = [
  ...[
    W('县社会治理综合服务中心', 'county_governance_centre'),
    W('县信访局', 'county_petitions'),
    W('县司法局', 'county_justice'),
    W('县人力资源和社会保障局', 'county_human_resources_social_security'),
    W('县自然资源局', 'county_natural_resources'),
  ].map((w) => ({ ...w, schedule: 'permanent' as const })),
  ...[
    W('县住房和城乡建设局', 'county_housing_urban_rural'),
    W('县农业农村局', 'county_agriculture_rural'),
    W('县民政局', 'county_civil_affairs'),
    W('县公安局', 'county_public_security'),
    W('县市场监督管理局', 'county_market_regulation'),
  ].map((w, i) => ({ ...w, schedule: 'weekly' as const, weekday: i + 1 })),
  ...[
    W('县城市管理综合行政执法局', 'county_urban_management'),
    W('县交通运输局', 'county_transport'),
    W('县水利局', 'county_water_resources'),
    W('县应急管理局', 'county_emergency'),
    W('市生态环境局县分局', 'county_ecology_environment'),
    W('县卫生健康局', 'county_health'),
    W('国网县供电公司', 'county_power_supply'),
    W('县自来水公司', 'county_water_supply'),
    W('县人民法院'),
    W('县人民检察院'),
    W('县教育局'),
    W('县财政局'),
    W('县总工会'),
    W('县妇联'),
    W('团县委'),
    W('县残联'),
    W('县退役军人事务局'),
  ].map((w, i) => ({ ...w, schedule: 'monthly' as const, monthDay: (i % 28) + 1 })),
  ...[
    W('县消防救援大队', 'county_fire_rescue'),
    W('县医疗保障局'),
    W('县林业和草原局'),
    W('县税务局'),
    W('县住房公积金管理中心'),
  ].map((w) => ({ ...w, schedule: 'on_call' as const })),
];

/** Matters people bring (synthetic, after the kinds the seeds name). */
export const MATTERS = [
  '拖欠工资三个月未发，要求用人单位支付',
  '宅基地边界与邻居有争议，要求重新确权',
  '土地承包经营权流转合同到期后租金未付',
  '养老保险缴费年限认定有误，要求核实',
  '低保申请未获批准，对评议结果有异议',
  '村道硬化后排水不畅，雨天积水进院',
  '征地补偿款分配不公，要求公开分配方案',
  '邻居养殖场异味扰民，多次协商无果',
  '房屋漏水，开发商保修期内拒不维修',
  '医疗费用报销比例有疑问，要求解释',
  '企业改制时身份置换补偿未落实',
  '农村危房改造补助未到位',
  '供暖温度不达标，物业不予处理',
  '子女不履行赡养义务，老人生活困难',
];
export const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN = [
  '建国',
  '秀兰',
  '玉珍',
  '志强',
  '桂芳',
  '国庆',
  '淑华',
  '长海',
  '凤英',
  '德胜',
  '丽娟',
  '海军',
  '春生',
  '秀云',
];
