import { AppError } from '../../platform/errors.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/**
 * 四议两公开: the six steps in their order, and the quorum and majority of the two votes
 * (docs/meetings.md gives the sources):
 * - 党员大会审议: at least 2/3 of the branch's members present, more than half of those present in favour;
 * - 村民会议 (村民委员会组织法 §22): more than half of the adult villagers, or the representatives of at
 *   least 2/3 of the households, present; more than half of those present in favour;
 * - 村民代表会议 (§26): at least 2/3 of the representatives present; more than half of those present in favour.
 * A meeting short of its quorum decides nothing (409, nothing recorded); a vote without a majority
 * rejects the matter.
 */
export const MATTER_STATES = [
  'proposed',
  'discussed',
  'reviewed',
  'decided',
  'resolution_published',
  'result_published',
  'rejected',
] as const;
export type MatterState = (typeof MATTER_STATES)[number];

export const MATTER_ACTIONS = [
  'discuss',
  'review',
  'decide',
  'publish_resolution',
  'publish_result',
] as const;
export type MatterAction = (typeof MATTER_ACTIONS)[number];

/** The state each action is taken from and the one it leaves when it passes. */
export const STEP: Record<MatterAction, { from: MatterState; to: MatterState }> = {
  discuss: { from: 'proposed', to: 'discussed' },
  review: { from: 'discussed', to: 'reviewed' },
  decide: { from: 'reviewed', to: 'decided' },
  publish_resolution: { from: 'decided', to: 'resolution_published' },
  publish_result: { from: 'resolution_published', to: 'result_published' },
};

export type Vote = { total: number; present: number; inFavour: number };

const figuresInvalid = (detail: string, detailEn: string) =>
  new AppError('MATTER_FIGURES_INVALID', { detail, detailEn });

function checkFigures(v: Vote): void {
  if (v.present > v.total) throw figuresInvalid('到会人数多于应到人数', 'more present than members');
  if (v.inFavour > v.present) throw figuresInvalid('赞成人数多于到会人数', 'more in favour than present');
}

const quorumNotMet = (detail: string, detailEn: string) =>
  new AppError('MATTER_QUORUM_NOT_MET', { detail, detailEn });

/** More than half of those present (a tie is no majority). */
export const majority = (v: Pick<Vote, 'present' | 'inFavour'>) => v.inFavour * 2 > v.present;

/** 党员大会: ≥ 2/3 of the branch present; passes with more than half of those present. */
export function partyMeetingPasses(v: Vote): boolean {
  checkFigures(v);
  if (v.total === 0) throw new AppError('MATTER_NO_BRANCH');
  if (v.present * 3 < v.total * 2)
    throw quorumNotMet(
      `党员大会须有三分之二以上党员到会（应到${v.total}人，至少${Math.ceil((v.total * 2) / 3)}人）`,
      `at least 2/3 of the ${v.total} members must be present`,
    );
  return majority(v);
}

/** 村民会议 (§22): > 1/2 of the adult villagers or ≥ 2/3 of the households present; > 1/2 of those present in favour. */
export function villagersMeetingPasses(
  v: Vote & { households: number; householdsPresent: number | null },
): boolean {
  checkFigures(v);
  if (v.householdsPresent !== null && v.householdsPresent > v.households)
    throw figuresInvalid('到会户数多于本村户数', 'more households present than the village has');
  const byAdults = v.present * 2 > v.total;
  const byHouseholds = v.householdsPresent !== null && v.householdsPresent * 3 >= v.households * 2;
  if (!byAdults && !byHouseholds)
    throw quorumNotMet(
      `村民会议须有本村十八周岁以上村民过半数（${v.total}人中多于${Math.floor(v.total / 2)}人）或三分之二以上户的代表参加`,
      'more than half of the adult villagers, or representatives of 2/3 of the households, must attend',
    );
  return majority(v);
}

/** 村民代表会议 (§26): ≥ 2/3 of the representatives present; > 1/2 of those present in favour. */
export function representativesMeetingPasses(v: Vote): boolean {
  checkFigures(v);
  if (v.total === 0 || v.present * 3 < v.total * 2)
    throw quorumNotMet(
      `村民代表会议须有三分之二以上组成人员参加（${v.total}人中至少${Math.ceil((v.total * 2) / 3)}人）`,
      'at least 2/3 of the representatives must attend',
    );
  return majority(v);
}
