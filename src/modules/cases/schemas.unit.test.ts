import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CASE_ACTION_BODIES } from './schemas.js';
import { ACTIONS, TRANSITIONS } from './states.js';

/** Unit tier (pure, no database): each action's body asks for what its transition needs, no more. */
describe('case action bodies', () => {
  const fields = (action: (typeof ACTIONS)[number]) =>
    CASE_ACTION_BODIES[action].shape as Record<string, z.ZodType>;
  const required = (action: (typeof ACTIONS)[number], field: string) =>
    fields(action)[field]?.safeParse(undefined).success === false;

  it.each(ACTIONS)('%s: a reason and an after-photo exactly when the transition needs them', (action) => {
    const t = TRANSITIONS[action];
    expect(required(action, 'note')).toBe('reasonRequired' in t && t.reasonRequired === true);
    expect(required(action, 'photoIds')).toBe('afterPhotoRequired' in t && t.afterPhotoRequired === true);
    expect(CASE_ACTION_BODIES[action].safeParse({}).success).toBe(
      Object.values(fields(action)).every((f) => f.safeParse(undefined).success),
    );
  });

  it('dispatch needs a department, merge a case, evaluate a rating, decide_delay a decision', () => {
    expect(CASE_ACTION_BODIES.dispatch.safeParse({ departmentId: 3 }).success).toBe(true);
    expect(CASE_ACTION_BODIES.dispatch.safeParse({}).success).toBe(false);
    expect(CASE_ACTION_BODIES.merge.safeParse({}).success).toBe(false);
    expect(CASE_ACTION_BODIES.evaluate.safeParse({ evaluation: 'great' }).success).toBe(false);
    expect(CASE_ACTION_BODIES.decide_delay.safeParse({ approve: false }).success).toBe(true);
    expect(CASE_ACTION_BODIES.reject.safeParse({ note: '   ' }).success).toBe(false);
    expect(CASE_ACTION_BODIES.request_delay.safeParse({ note: '缺材料' }).success).toBe(false);
  });
});
