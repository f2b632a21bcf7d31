import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_URL,
  CC_ROLES,
  KIND_PREFIX,
  loadCatalogue,
  validateCatalogue,
  type Catalogue,
} from './catalogue.js';

/** A fresh, mutable copy of the shipped file as plain JSON. */
function raw(): Catalogue {
  return JSON.parse(readFileSync(CATALOGUE_URL, 'utf8')) as Catalogue;
}

/** Mutates a deep copy of the shipped catalogue and returns the validation error message. */
function problemsAfter(mutate: (c: Catalogue) => void): string {
  const copy = structuredClone(raw());
  mutate(copy);
  try {
    validateCatalogue(copy);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the broken catalogue to be rejected');
}

function category(c: Catalogue, code: string) {
  const found = c.categories.find((x) => x.code === code);
  if (!found) throw new Error(`no category ${code}`);
  return found;
}

describe('shipped catalogue', () => {
  const catalogue = loadCatalogue();

  it('loads and is big enough', () => {
    expect(catalogue.categories.length).toBeGreaterThanOrEqual(45);
    for (const kind of ['component', 'event', 'governance'] as const) {
      expect(catalogue.categories.some((c) => c.kind === kind)).toBe(true);
    }
    expect(catalogue.departments.county.length).toBeGreaterThanOrEqual(12);
    expect(catalogue.departments.county.length).toBeLessThanOrEqual(20);
    expect(catalogue.departments.township.length).toBeGreaterThanOrEqual(6);
    expect(catalogue.departments.township.length).toBeLessThanOrEqual(10);
  });

  it('has the seed case category 路面破损 handled by the township urban management office', () => {
    const c = catalogue.categories.find((x) => x.name === '路面破损');
    expect(c).toBeDefined();
    expect(c?.kind).toBe('component');
    expect(c?.departments.township).toBe('urban_management_office');
    expect(c?.keywords).toContain('人行道');
  });

  it('copies only departments or the centre roles on escalation', () => {
    const codes = new Set(
      [...catalogue.departments.county, ...catalogue.departments.township].map((d) => d.code),
    );
    for (const r of catalogue.escalationRules) {
      for (const cc of r.cc) expect(codes.has(cc) || (CC_ROLES as readonly string[]).includes(cc)).toBe(true);
    }
    expect(codes.has('township_centre')).toBe(false);
  });

  it('has the generic three-tier rules', () => {
    const generic = catalogue.escalationRules.filter((r) => r.categoryCode === null && r.urgency === null);
    expect(generic.map((r) => `${r.fromTier}>${r.toTier}`).sort()).toEqual([
      'township>county',
      'village>township',
    ]);
  });

  it('gives every category 0-3 attributes and realistic deadlines', () => {
    for (const c of catalogue.categories) {
      expect(c.attributes.length).toBeLessThanOrEqual(3);
      expect(c.code.startsWith(KIND_PREFIX[c.kind])).toBe(true);
    }
    expect(category(catalogue, 'E0406').deadlines.township.unit).toBe('hour');
  });
});

describe('validateCatalogue rejects', () => {
  it('a schema violation (bad deadline unit, unknown field)', () => {
    const msg = problemsAfter((c) => {
      (category(c, 'P0201').deadlines.village as { unit: string }).unit = 'fortnight';
      (c as unknown as Record<string, unknown>).extra = 1;
    });
    expect(msg).toMatch(/categories\.\d+\.deadlines\.village\.unit/);
    expect(msg).toMatch(/extra/);
  });

  it('a bad category code format and an unknown urgency', () => {
    const msg = problemsAfter((c) => {
      category(c, 'P0201').code = 'X0201';
      (c.escalationRules[0] as { urgency: string | null }).urgency = 'whenever';
    });
    expect(msg).toMatch(/code must be P\/E\/G/);
    expect(msg).toMatch(/escalationRules\.0\.urgency/);
  });

  it('duplicate category codes', () => {
    expect(problemsAfter((c) => (category(c, 'P0202').code = 'P0201'))).toMatch(/duplicate code P0201/);
  });

  it('duplicate category names', () => {
    expect(problemsAfter((c) => (category(c, 'P0202').name = '路面破损'))).toMatch(/duplicate name 路面破损/);
  });

  it('a code prefix that does not match the kind', () => {
    expect(problemsAfter((c) => (category(c, 'P0201').kind = 'event'))).toMatch(
      /P0201: code must start with E/,
    );
  });

  it('a code whose digits do not match the major code', () => {
    const msg = problemsAfter((c) => {
      const cat = category(c, 'G0101');
      cat.code = 'G0999';
    });
    expect(msg).toMatch(/G0999: code digits 1-2 must equal majorCode 01/);
  });

  it('a major code with two names', () => {
    expect(problemsAfter((c) => (category(c, 'P0202').majorName = '道路'))).toMatch(
      /major component 02 is named 道路/,
    );
  });

  it('a major name with two codes', () => {
    const msg = problemsAfter((c) => {
      const cat = category(c, 'P0301');
      cat.majorName = '道路交通';
      cat.majorNameEn = 'Roads and traffic';
    });
    expect(msg).toMatch(/major 道路交通 has code 03 but 02/);
  });

  it('an unknown township department', () => {
    expect(problemsAfter((c) => (category(c, 'P0201').departments.township = 'no_such_office'))).toMatch(
      /P0201: unknown township department no_such_office/,
    );
  });

  it('a county department used at township tier', () => {
    expect(problemsAfter((c) => (category(c, 'P0201').departments.township = 'county_transport'))).toMatch(
      /unknown township department county_transport/,
    );
  });

  it('an unknown county department', () => {
    expect(problemsAfter((c) => (category(c, 'P0201').departments.county = 'county_space_agency'))).toMatch(
      /P0201: unknown county department county_space_agency/,
    );
  });

  it('duplicate department codes and a code at both tiers', () => {
    const msg = problemsAfter((c) => {
      const first = c.departments.county[0];
      if (!first) throw new Error('no county department');
      c.departments.county.push({ ...first });
      c.departments.township.push({ code: 'county_transport', name: '交通办', nameEn: 'Transport office' });
    });
    expect(msg).toMatch(/departments\.county: duplicate code county_governance_centre/);
    expect(msg).toMatch(/county_transport is both a county and a township department/);
  });

  it('a department code that is an account role', () => {
    expect(
      problemsAfter((c) =>
        c.departments.township.push({ code: 'township_centre', name: '指挥中心', nameEn: 'Centre' }),
      ),
    ).toMatch(/township_centre is reserved for the account role/);
  });

  it('an escalation rule naming an unknown category', () => {
    expect(
      problemsAfter((c) =>
        c.escalationRules.push({
          categoryCode: 'E9999',
          urgency: null,
          fromTier: 'village',
          toTier: 'county',
          cc: [],
          note: '',
        }),
      ),
    ).toMatch(/escalationRules\[\d+\]: unknown category E9999/);
  });

  it('an escalation rule copying an unknown department', () => {
    expect(problemsAfter((c) => c.escalationRules[0]?.cc.push('ghost_office'))).toMatch(
      /escalationRules\[0\]: unknown cc department or role ghost_office/,
    );
  });

  it('an escalation rule that does not go up', () => {
    const msg = problemsAfter((c) => {
      const r = c.escalationRules[0];
      if (!r) throw new Error('no rule');
      r.fromTier = 'county';
      r.toTier = 'township';
    });
    expect(msg).toMatch(/escalationRules\[0\]: toTier township must be above fromTier county/);
  });

  it('two escalation rules with the same match', () => {
    const msg = problemsAfter((c) => {
      const r = c.escalationRules[0];
      if (!r) throw new Error('no rule');
      c.escalationRules.push({ ...r, cc: [] });
    });
    expect(msg).toMatch(/another rule already matches category any, urgency any from village/);
  });

  it('duplicate attribute codes within a category', () => {
    const msg = problemsAfter((c) => {
      const attrs = category(c, 'P0201').attributes;
      const first = attrs[0];
      if (!first) throw new Error('no attribute');
      attrs[1] = { ...first, order: 2 };
    });
    expect(msg).toMatch(/P0201: duplicate attribute code blocks_traffic/);
  });

  it('allows the same attribute code in different categories', () => {
    const c = raw();
    expect(
      c.categories.filter((x) => x.attributes.some((a) => a.code === 'blocks_traffic')).length,
    ).toBeGreaterThan(1);
    expect(() => validateCatalogue(c)).not.toThrow();
  });

  it('a list attribute with fewer than 2 values', () => {
    const msg = problemsAfter((c) => {
      const a = category(c, 'P0201').attributes[0];
      if (!a) throw new Error('no attribute');
      a.values = [{ key: 'yes', name: '是' }];
    });
    expect(msg).toMatch(/P0201: attribute blocks_traffic \(singlevaluelist\) needs at least 2 values/);
  });

  it('a multivaluelist attribute without values', () => {
    const msg = problemsAfter((c) => {
      const a = category(c, 'P0103').attributes.find((x) => x.datatype === 'multivaluelist');
      if (!a) throw new Error('no multivaluelist attribute');
      delete a.values;
    });
    expect(msg).toMatch(/P0103: attribute fault \(multivaluelist\) needs at least 2 values/);
  });

  it('values on a non-list attribute and duplicate value keys', () => {
    const msg = problemsAfter((c) => {
      const [list, number] = category(c, 'P0201').attributes.filter((_, i) => i === 0 || i === 2);
      if (!list?.values || !number) throw new Error('unexpected P0201 attributes');
      list.values.push({ key: 'yes', name: '是的' });
      number.values = [
        { key: 'a', name: 'A' },
        { key: 'b', name: 'B' },
      ];
    });
    expect(msg).toMatch(/attribute blocks_traffic has duplicate value key yes/);
    expect(msg).toMatch(/attribute area_sqm \(number\) must not have values/);
  });

  it('a "sameday" deadline with an amount other than 1', () => {
    expect(
      problemsAfter((c) => (category(c, 'P0201').deadlines.village = { amount: 2, unit: 'sameday' })),
    ).toMatch(/P0201: village deadline "sameday" must have amount 1/);
  });

  it('more than 3 attributes', () => {
    const msg = problemsAfter((c) => {
      const cat = category(c, 'P0201');
      cat.attributes.push({
        code: 'fourth',
        datatype: 'text',
        required: false,
        order: 4,
        description: '备注',
        descriptionEn: 'Notes',
      });
    });
    expect(msg).toMatch(/categories\.\d+\.attributes/);
  });

  it('lists every problem at once', () => {
    const msg = problemsAfter((c) => {
      category(c, 'P0201').departments.county = 'nope_one';
      category(c, 'P0202').departments.county = 'nope_two';
    });
    expect(msg).toMatch(/nope_one/);
    expect(msg).toMatch(/nope_two/);
  });
});
