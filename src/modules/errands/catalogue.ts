/**
 * A county's default catalogue of service items (清单制, J12–J13): small errands a
 * grid worker runs for a villager (微代办) and public services a village proxy
 * point carries through to the township or county (全程代办). Administrators edit
 * it afterwards; these are only the defaults inserted when a county has none.
 * Guides are written for elderly villagers: what happens, in plain words.
 */
export type DefaultServiceItem = {
  code: string;
  kind: 'errand' | 'proxy';
  nameZh: string;
  nameEn: string;
  guideZh: string;
  guideEn: string;
  materials: string[];
  handledAt: 'village' | 'township' | 'county';
  promiseDays: number;
};

const errand = (
  code: string,
  nameZh: string,
  nameEn: string,
  guideZh: string,
  guideEn: string,
  materials: string[],
  promiseDays = 1,
): DefaultServiceItem => ({
  code,
  kind: 'errand',
  nameZh,
  nameEn,
  guideZh,
  guideEn,
  materials,
  handledAt: 'village',
  promiseDays,
});

const proxy = (
  code: string,
  nameZh: string,
  nameEn: string,
  guideZh: string,
  guideEn: string,
  materials: string[],
  handledAt: 'village' | 'township' | 'county',
  promiseDays: number,
): DefaultServiceItem => ({
  code,
  kind: 'proxy',
  nameZh,
  nameEn,
  guideZh,
  guideEn,
  materials,
  handledAt,
  promiseDays,
});

export const DEFAULT_SERVICE_ITEMS: DefaultServiceItem[] = [
  errand(
    'pay_power',
    '代缴电费',
    'Pay the electricity bill',
    '告诉网格员户号和要缴的金额，网格员替您缴上，把缴费凭证拍照给您。',
    'Tell the grid worker your account number and the amount; they pay it and send you a photo of the receipt.',
    ['电费户号', '缴费金额（现金或转账）'],
  ),
  errand(
    'pay_water',
    '代缴水费',
    'Pay the water bill',
    '告诉网格员户号和金额，缴完后把凭证交给您。',
    'Give the grid worker your account number and the amount; you get the receipt afterwards.',
    ['水费户号', '缴费金额'],
  ),
  errand(
    'pay_gas',
    '代缴燃气费',
    'Pay the gas bill',
    '网格员替您在营业厅或网上充值燃气费。',
    'The grid worker tops up your gas account at the office or online.',
    ['燃气卡或户号', '缴费金额'],
  ),
  errand(
    'power_restore',
    '欠费复电',
    'Restore power after an arrears cut-off',
    '因欠费停电的，网格员帮您补缴电费并联系供电所尽快恢复供电。',
    'If your power was cut for unpaid bills, the grid worker pays the arrears and asks the power station to reconnect you.',
    ['电费户号', '欠缴金额'],
    1,
  ),
  errand(
    'parcel_pickup',
    '代取快递',
    'Collect a parcel',
    '把取件码告诉网格员，网格员从驿站取回送到您家。',
    'Tell the grid worker the pickup code; they bring the parcel to your door.',
    ['取件码或快递单号'],
  ),
  errand(
    'buy_medicine',
    '代购药品',
    'Buy medicine',
    '写清药名和数量，处方药需要处方，网格员买好送到家。',
    'Write down the medicine and quantity (prescription drugs need the prescription); it is delivered to your home.',
    ['药名和数量', '处方（处方药）', '药费'],
  ),
  errand(
    'buy_goods',
    '代买生活用品',
    'Buy daily necessities',
    '米面油、日用品等，写清要买什么，网格员买好送到家。',
    'Rice, flour, oil, household goods: list what you need and it is brought to you.',
    ['购物清单', '费用'],
  ),
  errand(
    'top_up_phone',
    '代缴话费',
    'Top up a mobile phone',
    '告诉网格员手机号和金额，替您充值。',
    'Tell the grid worker the number and the amount; they top it up.',
    ['手机号', '充值金额'],
  ),
  proxy(
    'medical_insurance',
    '城乡居民医保参保缴费',
    'Rural and urban residents’ medical insurance contribution',
    '村代办点帮您登记参保并缴费，缴费后可在手机上查到。',
    'The village proxy point enrols you and pays the contribution; you can check it on the phone afterwards.',
    ['身份证', '户口簿', '缴费金额'],
    'village',
    1,
  ),
  proxy(
    'pension_certification',
    '养老保险待遇资格认证',
    'Pension survival certification',
    '行动不便的老人，网格员上门用手机帮您完成“刷脸”认证，养老金不停发。',
    'For elderly people who cannot travel, the grid worker comes to your home and completes the face check on a phone so your pension keeps coming.',
    ['身份证', '本人在场'],
    'village',
    1,
  ),
  proxy(
    'elderly_allowance',
    '高龄津贴申领',
    'Old-age allowance application',
    '80周岁以上老人可领高龄津贴，村里收齐材料报乡镇审核，县里发放。',
    'People aged 80 and over receive an allowance; the village collects the papers, the township checks them, the county pays.',
    ['身份证', '户口簿', '银行卡或存折'],
    'county',
    15,
  ),
  proxy(
    'disability_card',
    '残疾人证申领',
    'Disability certificate application',
    '村里帮您填表并预约县里指定医院评定，证件办好后送到村里。',
    'The village helps fill in the form and books the assessment at the county’s designated hospital; the certificate is brought back to the village.',
    ['身份证', '户口簿', '近期2寸照片', '病历或诊断证明'],
    'county',
    20,
  ),
  proxy(
    'minimum_living',
    '低保申请',
    'Minimum living allowance application',
    '村里入户了解情况、帮您填写申请，报乡镇审核、县民政局审批，结果会公示。',
    'The village visits, helps you apply and sends it to the township for checking and to the county civil-affairs bureau for approval; the result is published.',
    ['身份证', '户口簿', '家庭收入情况说明', '病历或残疾证（如有）'],
    'county',
    30,
  ),
  proxy(
    'temporary_relief',
    '临时救助申请',
    'Temporary relief application',
    '遇到急事难事（重病、火灾等）生活困难的，村里帮您申请临时救助，急难的先行救助。',
    'If an emergency (serious illness, fire …) leaves you in hardship, the village applies for relief; urgent cases are helped first.',
    ['身份证', '户口簿', '困难情况证明（如医院票据）'],
    'township',
    10,
  ),
  proxy(
    'newborn_registration',
    '新生儿落户',
    'Newborn household registration',
    '村里帮您把材料送到派出所办理新生儿落户，户口簿办好后带回。',
    'The village takes the papers to the police station to register the newborn and brings the household register back.',
    ['出生医学证明', '父母身份证', '户口簿', '结婚证'],
    'township',
    5,
  ),
  proxy(
    'id_card_renewal',
    '身份证换领',
    'ID card renewal',
    '证件到期或损坏的，村里帮您预约派出所办理，行动不便的可申请上门采集。',
    'If your ID card expired or is damaged, the village books the police station; people who cannot travel may ask for a home visit.',
    ['旧身份证', '户口簿'],
    'township',
    20,
  ),
  proxy(
    'old_age_pension_enrol',
    '城乡居民养老保险参保登记',
    'Residents’ pension scheme enrolment',
    '村代办点帮您登记参加城乡居民养老保险并选择缴费档次。',
    'The village proxy point enrols you in the residents’ pension scheme and helps choose a contribution level.',
    ['身份证', '户口簿'],
    'village',
    1,
  ),
  proxy(
    'farmland_subsidy',
    '耕地地力保护补贴申领',
    'Farmland protection subsidy',
    '村里核对您家承包地面积并上报乡镇，补贴直接打到“一卡通”。',
    'The village checks your contracted land area and reports it to the township; the subsidy goes to your benefits card.',
    ['身份证', '土地承包经营权证', '惠农一卡通'],
    'township',
    15,
  ),
];
