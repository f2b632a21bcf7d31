import { describe, expect, it } from 'vitest';
import {
  majority,
  partyMeetingPasses,
  representativesMeetingPasses,
  STEP,
  MATTER_ACTIONS,
  villagersMeetingPasses,
} from './rules.js';

const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('四议两公开 quorum and majority', () => {
  it('party members’ meeting: at least 2/3 present, more than half of those present in favour', () => {
    expect(partyMeetingPasses({ total: 30, present: 20, inFavour: 11 })).toBe(true);
    expect(partyMeetingPasses({ total: 30, present: 20, inFavour: 10 })).toBe(false); // a tie is no majority
    expect(code(() => partyMeetingPasses({ total: 30, present: 19, inFavour: 19 }))).toBe(
      'MATTER_QUORUM_NOT_MET',
    );
    expect(partyMeetingPasses({ total: 31, present: 21, inFavour: 21 })).toBe(true); // 21 ≥ 20.67
    expect(code(() => partyMeetingPasses({ total: 31, present: 20, inFavour: 20 }))).toBe(
      'MATTER_QUORUM_NOT_MET',
    );
    expect(code(() => partyMeetingPasses({ total: 0, present: 0, inFavour: 0 }))).toBe('MATTER_NO_BRANCH');
  });

  it('figures that cannot be: 400', () => {
    expect(code(() => partyMeetingPasses({ total: 10, present: 11, inFavour: 1 }))).toBe(
      'MATTER_FIGURES_INVALID',
    );
    expect(code(() => representativesMeetingPasses({ total: 10, present: 8, inFavour: 9 }))).toBe(
      'MATTER_FIGURES_INVALID',
    );
  });

  it('villagers’ meeting (§22): more than half of the adults, or 2/3 of the households', () => {
    const base = { total: 1000, households: 300, householdsPresent: null, inFavour: 400 };
    expect(villagersMeetingPasses({ ...base, present: 501, inFavour: 250 })).toBe(false); // quorum yes, no majority
    expect(villagersMeetingPasses({ ...base, present: 501, inFavour: 251 })).toBe(true);
    expect(code(() => villagersMeetingPasses({ ...base, present: 500, inFavour: 300 }))).toBe(
      'MATTER_QUORUM_NOT_MET',
    );
    // 200 households of 300 represented is 2/3: quorum although few adults came
    expect(villagersMeetingPasses({ ...base, present: 210, householdsPresent: 200, inFavour: 106 })).toBe(
      true,
    );
    expect(
      code(() => villagersMeetingPasses({ ...base, present: 210, householdsPresent: 199, inFavour: 150 })),
    ).toBe('MATTER_QUORUM_NOT_MET');
    expect(
      code(() => villagersMeetingPasses({ ...base, present: 210, householdsPresent: 301, inFavour: 150 })),
    ).toBe('MATTER_FIGURES_INVALID');
  });

  it('representatives’ meeting (§26): at least 2/3 present, more than half in favour', () => {
    expect(representativesMeetingPasses({ total: 45, present: 30, inFavour: 16 })).toBe(true);
    expect(representativesMeetingPasses({ total: 45, present: 30, inFavour: 15 })).toBe(false);
    expect(code(() => representativesMeetingPasses({ total: 45, present: 29, inFavour: 29 }))).toBe(
      'MATTER_QUORUM_NOT_MET',
    );
    expect(code(() => representativesMeetingPasses({ total: 0, present: 0, inFavour: 0 }))).toBe(
      'MATTER_QUORUM_NOT_MET',
    );
  });

  it('majority is strict', () => {
    expect(majority({ present: 2, inFavour: 1 })).toBe(false);
    expect(majority({ present: 3, inFavour: 2 })).toBe(true);
  });

  it('the steps form one chain from proposed to the published result', () => {
    let state = 'proposed';
    for (const a of MATTER_ACTIONS) {
      expect(STEP[a].from).toBe(state);
      state = STEP[a].to;
    }
    expect(state).toBe('result_published');
  });
});
