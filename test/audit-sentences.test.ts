import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../src/modules/cases/states.js';
import { DISPUTE_ACTIONS } from '../src/modules/disputes/states.js';
import { ERRAND_ACTIONS } from '../src/modules/errands/states.js';
import { PETITION_ACTIONS } from '../src/modules/petitions/states.js';
import { WISH_ACTIONS } from '../src/modules/wishes/states.js';
import { ArrivalEvent, ResidentEventBody } from '../src/modules/people/archive-schemas.js';
import { ACTION_PHRASES, ENTITY_NAMES } from '../src/modules/audit/actions.js';
import { auditSentence } from '../src/modules/audit/sentence.js';

const ROOT = 'src/modules';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

const writers = sources(ROOT)
  .map((p) => ({ p, text: readFileSync(p, 'utf8') }))
  .filter((f) => /recordAudit\(|auditCte\(|revealSearch\(|from '\.\.\/workflow\/index\.js'/.test(f.text));

describe('audit sentences', () => {
  it('every literal action the code writes has a sentence in both languages', () => {
    const literal = writers.flatMap((f) =>
      [...f.text.matchAll(/action: '([a-z0-9_]+\.[a-z0-9_]+)'/g)].map((m) => ({ action: m[1]!, file: f.p })),
    );
    expect(literal.length).toBeGreaterThan(60);
    const missing = literal.filter((l) => !ACTION_PHRASES[l.action]);
    expect(missing).toEqual([]);
  });

  it('every templated action (workflow steps, resident events, enterprise help) has a sentence', () => {
    const templated = writers.flatMap((f) =>
      [...f.text.matchAll(/action: `([a-z_0-9]+)\.\$\{/g)].map((m) => m[1]!),
    );
    // each template family the code writes is enumerated here; a new family fails this line
    expect(new Set(templated)).toEqual(
      new Set(['case', 'disclosure', 'enterprise', 'in_service', 'resident', 'wish']),
    );
    const residentEvents = [
      ...ArrivalEvent.options,
      ...ResidentEventBody.options.map((o) => o.shape.type.value),
      ...['imported', 'merged', 'moved', 'opened', 'updated'],
    ];
    const all = [
      ...ACTIONS.map((a) => `case.${a}`),
      ...['report', 'overdue', 'auto_escalate', 'approve_delay', 'reject_delay'].map((a) => `case.${a}`),
      ...DISPUTE_ACTIONS.map((a) => `dispute.${a}`),
      ...ERRAND_ACTIONS.map((a) => `errand.${a}`),
      ...PETITION_ACTIONS.map((a) => `petition.${a}`),
      ...WISH_ACTIONS.map((a) => `wish.${a}`),
      'wish.submit',
      ...['created', 'edit', 'publish', 'withdraw'].map((a) => `disclosure.${a}`),
      ...['correct', 'reject', 'withdraw'].map((a) => `correction.${a}`),
      ...residentEvents.map((e) => `resident.${e}`),
      ...['visit', 'problem'].map((k) => `enterprise.${k}`),
      'campaign.close',
      ...['complete', 'not_applicable', 'relocate'].map((a) => `campaign_target.${a}`),
      'emergency_event.close',
      'emergency_check.report',
      ...['approve', 'reject'].map((d) => `in_service.${d}`),
    ];
    expect(all.filter((a) => !ACTION_PHRASES[a])).toEqual([]);
  });

  it('every entity type the code writes is named', () => {
    const types = writers.flatMap((f) =>
      [...f.text.matchAll(/entityType: '([a-z0-9_]+)'/g)].map((m) => m[1]!),
    );
    expect(types.filter((t) => !ENTITY_NAMES[t])).toEqual([]);
  });

  it('reads as a sentence with the reason masked, never a code or JSON', () => {
    const s = auditSentence({
      at: new Date('2026-12-06T11:45:00Z'),
      actorName: '张三',
      action: 'resident.reveal',
      entityType: 'resident',
      entityId: '12',
      reason: '核实低保 电话13812345678',
    });
    expect(s.zh).toBe('张三 于 2026-12-06 19:45 查看了 居民 #12 的身份证号，事由：核实低保 电话138****5678');
    expect(s.en).toBe(
      '张三 viewed the ID number of resident #12 on 6 Dec 2026, 19:45; reason: 核实低保 电话138****5678',
    );
    expect(s.zh).not.toMatch(/resident\.reveal|[{}]/);
  });
});
