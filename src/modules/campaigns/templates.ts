import type { ChecklistInput, RuleInput } from './schemas.js';

export type TemplateSeed = {
  key: string;
  title: string;
  description: string;
  rule: RuleInput;
  checklist: ChecklistInput;
  days: number;
};

const yes = (key: string, label: string, required = true) => ({
  key,
  label,
  type: 'boolean' as const,
  required,
});

/** The recurring campaigns every county starts with (issue 13); a county may add its own rows. */
export const TEMPLATES: TemplateSeed[] = [
  {
    key: 'pension_certification',
    title: '养老金领取资格认证',
    description: '60岁以上养老金领取人员生存认证，不漏一人、不重一人',
    rule: { subject: 'resident', minAge: 60, careTags: ['pensioner-60'], regions: [] },
    checklist: {
      fields: [
        yes('certified', '已完成认证'),
        {
          key: 'method',
          label: '认证方式',
          type: 'choice',
          required: true,
          options: ['人脸识别', '上门核验', '社保窗口'],
        },
      ],
      photo: 'optional',
    },
    days: 30,
  },
  {
    key: 'elderly_vaccination',
    title: '老年人疫苗接种随访',
    description: '65岁以上老年人疫苗接种情况随访',
    rule: { subject: 'resident', minAge: 65, careTags: [], regions: [] },
    checklist: {
      fields: [
        yes('vaccinated', '已接种'),
        { key: 'doses', label: '剂次', type: 'number', required: false },
        yes('adverse', '有不良反应', false),
      ],
      photo: 'none',
    },
    days: 30,
  },
  {
    key: 'flood_season',
    title: '汛期弱势群体安全排查',
    description: '汛前对孤寡、残疾、留守儿童、困难家庭逐户排查房屋与转移预案',
    rule: {
      subject: 'household',
      careTags: ['elderly-alone', 'disabled', 'left-behind-child', 'poverty'],
      regions: [],
    },
    checklist: {
      fields: [
        yes('house_safe', '房屋安全'),
        yes('evacuation_plan', '落实转移责任人'),
        yes('contact_ok', '联系方式畅通'),
      ],
      photo: 'optional',
    },
    days: 14,
  },
  {
    key: 'winter_heating',
    title: '冬季取暖安全检查',
    description: '入冬前对孤寡、低保、困难、残疾家庭检查取暖与一氧化碳防护',
    rule: {
      subject: 'household',
      careTags: ['elderly-alone', 'minimum-living', 'poverty', 'disabled'],
      regions: [],
    },
    checklist: {
      fields: [
        {
          key: 'heating',
          label: '取暖方式',
          type: 'choice',
          required: true,
          options: ['集中供暖', '燃煤', '电取暖', '其他'],
        },
        yes('chimney_ok', '烟道通畅'),
        yes('co_alarm', '安装一氧化碳报警器', false),
      ],
      photo: 'optional',
    },
    days: 30,
  },
];
