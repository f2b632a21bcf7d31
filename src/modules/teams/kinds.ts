/**
 * 5+5+N (J7, seed 000): in every village five councils, five roles and N local self-governing groups.
 * The five and five are fixed; a village adds its own groups.
 */
export const TEAM_KINDS = ['council', 'role', 'group'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const FIVE_COUNCILS = [
  { code: 'villagers_council', name: '村民议事会', duty: '议村内大事，协商村务' },
  { code: 'dispute_mediation', name: '纠纷调解会', duty: '调解邻里、家庭、土地等矛盾纠纷' },
  { code: 'moral_review', name: '道德评议会', duty: '评议好人好事与不良风气' },
  { code: 'weddings_funerals', name: '红白理事会', duty: '移风易俗，操办红白事有章可循' },
  { code: 'anti_drug_gambling', name: '禁毒禁赌会', duty: '宣传教育，劝阻涉毒涉赌' },
] as const;

export const FIVE_ROLES = [
  { code: 'rule_of_law_secretary', name: '法治副书记', duty: '派出所民警兼任，普法与法治指导' },
  { code: 'legal_adviser', name: '法律顾问', duty: '律师、法律工作者提供法律咨询' },
  { code: 'youth_counsellor', name: '青心疏导师', duty: '心理疏导，关爱青少年与留守儿童' },
  { code: 'sisters_mediation', name: '姐妹调解团', duty: '妇女骨干调解婚姻家庭纠纷' },
  { code: 'village_sages', name: '乡贤参事会', duty: '乡贤能人参事议事、化解矛盾' },
] as const;

/** Teams whose members mediate disputes (the default choice of mediators). */
export const MEDIATING_CODES = [
  'dispute_mediation',
  'sisters_mediation',
  'legal_adviser',
  'rule_of_law_secretary',
  'village_sages',
] as const;
