import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../modules/accounts/roles.js';
import { abilitiesOf, ROLE_TABLE } from './abilities.js';

const MODULES = join(import.meta.dirname, '..', 'modules');

const actor = (role: Actor['role']) => ({ role }) as Actor;

describe('the composed role table', () => {
  it('holds every module’s abilities, none defined by two modules', async () => {
    let total = 0;
    for (const m of readdirSync(MODULES)) {
      const file = join(MODULES, m, 'abilities.ts');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const name = /export const (\w+_ABILITIES)\b/.exec(text)?.[1];
      expect(name, `${m}/abilities.ts exports a <X>_ABILITIES table`).toBeDefined();
      const table = ((await import(file)) as Record<string, Record<string, unknown>>)[name!]!;
      for (const [ability, roles] of Object.entries(table)) {
        expect(ROLE_TABLE, `${m}: ${ability}`).toHaveProperty([ability], roles);
      }
      total += Object.keys(table).length;
    }
    expect(Object.keys(ROLE_TABLE)).toHaveLength(total);
  });

  it('gives each role its abilities and nothing else', () => {
    expect(abilitiesOf(actor('admin'))).toContain('accounts.manage');
    expect(abilitiesOf(actor('resident'))).not.toContain('accounts.manage');
    expect(abilitiesOf(actor('resident'))).toContain('grids.locate');
    expect(abilitiesOf(actor('resident'))).not.toContain('people.read');
  });
});
