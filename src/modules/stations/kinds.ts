/** 党群服务中心 (a township's or community's centre) or 网格驿站/便民服务站 (a station in a village or grid). */
export const STATION_KINDS = ['centre', 'station'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** The services a station offers (J9, seed 000: 本溪县's centre). */
export const SERVICES = {
  elderly_care: ['养老服务', 'Elderly care'],
  legal_aid: ['法律援助', 'Legal aid'],
  family_education: ['家庭教育', 'Family education'],
  medical_check: ['健康体检', 'Medical checks'],
  employment: ['就业服务', 'Employment'],
  party_service: ['党员服务', 'Party members’ service'],
  mediation: ['调解说事', 'Mediation'],
  proxy_errands: ['代办服务', 'Proxy errands'],
  culture: ['文体活动', 'Culture and sport'],
  youth: ['青少年服务', 'Children and youth'],
  disability: ['助残服务', 'Disability support'],
  lending: ['便民借用', 'Lending of daily items'],
} as const satisfies Record<string, readonly [string, string]>;
export type Service = keyof typeof SERVICES;
export const SERVICE_CODES = Object.keys(SERVICES) as [Service, ...Service[]];

/** The ~20 kinds of items a convenience station lends (J12, seed 004). */
export const ITEM_KINDS = {
  medicine_kit: ['医药箱', 'Medicine kit'],
  torch: ['手电筒', 'Torch'],
  umbrella: ['雨伞', 'Umbrella'],
  sewing_kit: ['针线包', 'Sewing kit'],
  masks: ['口罩', 'Masks'],
  wheelchair: ['轮椅', 'Wheelchair'],
  crutches: ['拐杖', 'Crutches'],
  walker: ['助行器', 'Walker'],
  blood_pressure_meter: ['血压计', 'Blood pressure meter'],
  thermometer: ['体温计', 'Thermometer'],
  reading_glasses: ['老花镜', 'Reading glasses'],
  magnifier: ['放大镜', 'Magnifier'],
  toolbox: ['工具箱', 'Toolbox'],
  ladder: ['梯子', 'Ladder'],
  pump: ['打气筒', 'Tyre pump'],
  phone_charger: ['充电宝', 'Power bank'],
  raincoat: ['雨衣', 'Raincoat'],
  cart: ['手推车', 'Hand cart'],
  folding_chair: ['折叠椅', 'Folding chair'],
  scale: ['电子秤', 'Scale'],
} as const satisfies Record<string, readonly [string, string]>;
export type ItemKind = keyof typeof ITEM_KINDS;
export const ITEM_KIND_CODES = Object.keys(ITEM_KINDS) as [ItemKind, ...ItemKind[]];

export const LOAN_STATES = ['lent', 'returned', 'lost'] as const;
export type LoanState = (typeof LOAN_STATES)[number];
