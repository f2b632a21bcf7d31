import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, registerErrors, registeredErrors } from '../platform/errors.js';
import { ERROR_CATALOGUE } from './catalogue.js';

const SRC = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'web' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('the composed error catalogue', () => {
  it('holds exactly the codes registered by platform and the modules', () => {
    expect([...registeredErrors().keys()].sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const [code, entry] of registeredErrors()) {
      expect(ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE]).toEqual(entry);
    }
  });

  it('lists every module that has an errors.ts', async () => {
    const modules = join(SRC, 'modules');
    for (const m of readdirSync(modules)) {
      const file = join(modules, m, 'errors.ts');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const name = /export const (\w+_ERRORS)\b/.exec(text)?.[1];
      expect(name, `${m}/errors.ts exports a <X>_ERRORS table`).toBeDefined();
      const table = ((await import(file)) as Record<string, object>)[name!]!;
      for (const code of Object.keys(table)) expect(ERROR_CATALOGUE, `${m}: ${code}`).toHaveProperty(code);
    }
  });

  it('knows every code the code base throws', () => {
    const thrown = new Map<string, string>();
    for (const file of sourceFiles(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/AppError\(\s*'([A-Z][A-Z0-9_]*)'/g)) {
        thrown.set(m[1]!, relative(SRC, file));
      }
    }
    expect(thrown.size).toBeGreaterThan(20);
    const unknown = [...thrown].filter(([code]) => !(code in ERROR_CATALOGUE));
    expect(unknown).toEqual([]);
  });

  it('has every module file that throws its module’s codes load them (unit tests without the server)', () => {
    const modules = join(SRC, 'modules');
    const missing: string[] = [];
    for (const m of readdirSync(modules)) {
      let table: string;
      try {
        table = readFileSync(join(modules, m, 'errors.ts'), 'utf8');
      } catch {
        continue;
      }
      const codes = [...table.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((c) => c[1]!);
      if (codes.length === 0) continue;
      const throws = new RegExp(`AppError\\(\\s*'(${codes.join('|')})'`);
      for (const file of sourceFiles(join(modules, m))) {
        if (file.endsWith('.test.ts') || file.endsWith('errors.ts')) continue;
        const text = readFileSync(file, 'utf8');
        if (throws.test(text) && !/(from |import )'\.\/errors\.js'/.test(text))
          missing.push(relative(SRC, file));
      }
    }
    expect(missing, "import './errors.js' in these files").toEqual([]);
  });

  it('resolves a module code to its status and both messages', () => {
    const err = new AppError('WISH_HAS_CLAIMS', { detail: '张三', detailEn: 'Zhang San' });
    expect(err.status).toBe(409);
    expect(err.messageZh).toBe('已有人认领，不能撤回：张三');
    expect(err.messageEn).toMatch(/claimed.*: Zhang San$/);
    expect(err.message).toBe('WISH_HAS_CLAIMS: Zhang San');
  });

  it('refuses a code defined twice with different meanings', () => {
    expect(() => registerErrors({ NOT_FOUND: [400, '不同', 'different'] })).toThrow(/defined twice/);
    expect(() => registerErrors({ NOT_FOUND: ERROR_CATALOGUE.NOT_FOUND })).not.toThrow();
  });
});
