/**
 * The case category catalogue (事件/诉求分类): GB/T 30428.2-shaped components (P) and events (E)
 * plus the county's social-governance extension (G), the departments that handle them at
 * township and county tier, and the default three-tier escalation table (三级联动).
 *
 * The data lives in ./data/catalogue.json; `loadCatalogue()` reads and validates it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const TIERS = ['village', 'township', 'county'] as const;
export const TierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof TierSchema>;

export const KindSchema = z.enum(['component', 'event', 'governance']);
export type Kind = z.infer<typeof KindSchema>;

/** Code letter of each kind: P = 部件 component, E = 事件 event, G = 社会治理 governance. */
export const KIND_PREFIX: Readonly<Record<Kind, string>> = { component: 'P', event: 'E', governance: 'G' };

export const UrgencySchema = z.enum(['normal', 'urgent', 'emergency']);
export type Urgency = z.infer<typeof UrgencySchema>;

/**
 * Account roles an escalation rule may copy besides department codes: the dispatch centre of
 * the case's township or county (see escalation.ts). Department codes must not take these names.
 */
export const CC_ROLES = ['township_centre', 'county_centre'] as const;

/** Same pattern as department.code in the database. */
const DEPARTMENT_CODE = /^[a-z][a-z0-9_]{1,59}$/;
const nonEmpty = z.string().trim().min(1);

export const DeadlineSchema = z.strictObject({
  amount: z.number().int().positive(),
  unit: z.enum(['sameday', 'workhour', 'workday', 'hour', 'day']),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

export const ATTRIBUTE_LIST_TYPES = ['singlevaluelist', 'multivaluelist'] as const;

/** An Open311 GeoReport v2 service-definition attribute (an extra question on the report form). */
export const AttributeSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  datatype: z.enum(['string', 'number', 'datetime', 'text', ...ATTRIBUTE_LIST_TYPES]),
  required: z.boolean(),
  order: z.number().int().positive(),
  description: nonEmpty,
  descriptionEn: nonEmpty,
  values: z.array(z.strictObject({ key: nonEmpty, name: nonEmpty })).optional(),
});
export type Attribute = z.infer<typeof AttributeSchema>;

export const CategorySchema = z.strictObject({
  code: z.string().regex(/^[PEG][0-9]{4}$/, 'code must be P/E/G followed by 4 digits'),
  kind: KindSchema,
  majorCode: z.string().regex(/^[0-9]{2}$/),
  majorName: nonEmpty,
  majorNameEn: nonEmpty,
  name: nonEmpty,
  nameEn: nonEmpty,
  keywords: z.array(nonEmpty).min(1),
  filingCriteria: nonEmpty,
  closingCriteria: nonEmpty,
  /** Department code responsible at each tier; the village tier is the village committee itself. */
  departments: z.strictObject({ township: nonEmpty, county: nonEmpty }),
  deadlines: z.strictObject({ village: DeadlineSchema, township: DeadlineSchema, county: DeadlineSchema }),
  attributes: z.array(AttributeSchema).max(3),
});
export type Category = z.infer<typeof CategorySchema>;

export const DepartmentSchema = z.strictObject({
  code: z.string().regex(DEPARTMENT_CODE),
  name: nonEmpty,
  nameEn: nonEmpty,
});
export type Department = z.infer<typeof DepartmentSchema>;

/** One row of the 三级联动 table; null categoryCode / urgency match any. */
export const EscalationRuleSchema = z.strictObject({
  categoryCode: z.string().nullable(),
  urgency: UrgencySchema.nullable(),
  fromTier: TierSchema,
  toTier: TierSchema,
  /** Department codes (county or township tier) or CC_ROLES copied on the escalation. */
  cc: z.array(nonEmpty),
  note: z.string(),
});
export type EscalationRule = z.infer<typeof EscalationRuleSchema>;

export const CatalogueSchema = z.strictObject({
  source: nonEmpty,
  categories: z.array(CategorySchema).min(1),
  departments: z.strictObject({
    county: z.array(DepartmentSchema).min(1),
    township: z.array(DepartmentSchema).min(1),
  }),
  escalationRules: z.array(EscalationRuleSchema),
});
export type Catalogue = z.infer<typeof CatalogueSchema>;

export const CATALOGUE_URL = new URL('./data/catalogue.json', import.meta.url);

const tierRank = (tier: Tier): number => TIERS.indexOf(tier);

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** Cross-record checks the schema cannot express. Returns one message per problem. */
function catalogueProblems(cat: Catalogue): string[] {
  const problems: string[] = [];

  // Departments: unique codes, and no code at both tiers (cc lists mix tiers).
  const countyDepts = new Set(cat.departments.county.map((d) => d.code));
  const townshipDepts = new Set(cat.departments.township.map((d) => d.code));
  for (const tier of ['county', 'township'] as const) {
    for (const code of duplicates(cat.departments[tier].map((d) => d.code))) {
      problems.push(`departments.${tier}: duplicate code ${code}`);
    }
  }
  for (const code of countyDepts) {
    if (townshipDepts.has(code))
      problems.push(`departments: ${code} is both a county and a township department`);
  }
  const ccRoles = new Set<string>(CC_ROLES);
  for (const code of [...countyDepts, ...townshipDepts]) {
    if (ccRoles.has(code))
      problems.push(`departments: ${code} is reserved for the account role of that name`);
  }

  // Categories.
  for (const code of duplicates(cat.categories.map((c) => c.code)))
    problems.push(`categories: duplicate code ${code}`);
  for (const name of duplicates(cat.categories.map((c) => c.name)))
    problems.push(`categories: duplicate name ${name}`);

  const majorNames = new Map<string, { code: string; name: string; nameEn: string }>();
  const majorCodes = new Map<string, { code: string; majorCode: string }>();
  for (const c of cat.categories) {
    const at = `category ${c.code}`;
    if (c.code[0] !== KIND_PREFIX[c.kind]) {
      problems.push(`${at}: code must start with ${KIND_PREFIX[c.kind]} for kind ${c.kind}`);
    }
    if (c.code.slice(1, 3) !== c.majorCode)
      problems.push(`${at}: code digits 1-2 must equal majorCode ${c.majorCode}`);

    const byCode = majorNames.get(`${c.kind}:${c.majorCode}`);
    if (!byCode)
      majorNames.set(`${c.kind}:${c.majorCode}`, { code: c.code, name: c.majorName, nameEn: c.majorNameEn });
    else if (byCode.name !== c.majorName || byCode.nameEn !== c.majorNameEn) {
      problems.push(
        `${at}: major ${c.kind} ${c.majorCode} is named ${c.majorName}/${c.majorNameEn} but ${byCode.name}/${byCode.nameEn} in ${byCode.code}`,
      );
    }
    const byName = majorCodes.get(`${c.kind}:${c.majorName}`);
    if (!byName) majorCodes.set(`${c.kind}:${c.majorName}`, { code: c.code, majorCode: c.majorCode });
    else if (byName.majorCode !== c.majorCode) {
      problems.push(
        `${at}: major ${c.majorName} has code ${c.majorCode} but ${byName.majorCode} in ${byName.code}`,
      );
    }

    if (!townshipDepts.has(c.departments.township)) {
      problems.push(`${at}: unknown township department ${c.departments.township}`);
    }
    if (!countyDepts.has(c.departments.county))
      problems.push(`${at}: unknown county department ${c.departments.county}`);

    for (const tier of TIERS) {
      const d = c.deadlines[tier];
      if (d.unit === 'sameday' && d.amount !== 1)
        problems.push(`${at}: ${tier} deadline "sameday" must have amount 1`);
    }

    for (const code of duplicates(c.attributes.map((a) => a.code)))
      problems.push(`${at}: duplicate attribute code ${code}`);
    for (const a of c.attributes) {
      const isList = (ATTRIBUTE_LIST_TYPES as readonly string[]).includes(a.datatype);
      const values = a.values ?? [];
      if (isList && values.length < 2)
        problems.push(`${at}: attribute ${a.code} (${a.datatype}) needs at least 2 values`);
      if (!isList && a.values !== undefined)
        problems.push(`${at}: attribute ${a.code} (${a.datatype}) must not have values`);
      for (const key of duplicates(values.map((v) => v.key))) {
        problems.push(`${at}: attribute ${a.code} has duplicate value key ${key}`);
      }
    }
  }

  // Escalation rules.
  const categoryCodes = new Set(cat.categories.map((c) => c.code));
  const ruleKeys = new Set<string>();
  cat.escalationRules.forEach((r, i) => {
    const at = `escalationRules[${i}]`;
    if (r.categoryCode !== null && !categoryCodes.has(r.categoryCode)) {
      problems.push(`${at}: unknown category ${r.categoryCode}`);
    }
    if (tierRank(r.toTier) <= tierRank(r.fromTier))
      problems.push(`${at}: toTier ${r.toTier} must be above fromTier ${r.fromTier}`);
    for (const code of r.cc) {
      if (!countyDepts.has(code) && !townshipDepts.has(code) && !ccRoles.has(code)) {
        problems.push(`${at}: unknown cc department or role ${code}`);
      }
    }
    const key = `${r.categoryCode ?? '*'}|${r.urgency ?? '*'}|${r.fromTier}`;
    if (ruleKeys.has(key)) {
      problems.push(
        `${at}: another rule already matches category ${r.categoryCode ?? 'any'}, urgency ${r.urgency ?? 'any'} from ${r.fromTier}`,
      );
    }
    ruleKeys.add(key);
  });

  return problems;
}

/** Validates a parsed catalogue; throws an Error listing every problem found. */
export function validateCatalogue(data: unknown): Catalogue {
  const parsed = CatalogueSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid category catalogue:\n- ${lines.join('\n- ')}`);
  }
  const problems = catalogueProblems(parsed.data);
  if (problems.length > 0) throw new Error(`invalid category catalogue:\n- ${problems.join('\n- ')}`);
  return parsed.data;
}

/** Reads and validates the catalogue (default: the shipped data/catalogue.json). */
export function loadCatalogue(url: URL = CATALOGUE_URL): Catalogue {
  return validateCatalogue(JSON.parse(readFileSync(url, 'utf8')));
}
