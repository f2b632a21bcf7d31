import type { CaseAction } from '../types.js';

/** What each action's modal asks for. `reason` is a required note. */
export type Field =
  | 'note'
  | 'reason'
  | 'department'
  | 'photo'
  | 'evidence'
  | 'verdict'
  | 'delay'
  | 'approve'
  | 'duplicate'
  | 'evaluation';
export type Spec = { fields: Field[]; kind?: 'primary' | 'danger' };

export const SPECS: Record<CaseAction, Spec> = {
  file: { fields: ['note'], kind: 'primary' },
  reject: { fields: ['reason'], kind: 'danger' },
  cancel: { fields: ['note'], kind: 'danger' },
  merge: { fields: ['duplicate', 'note'] },
  handle_on_spot: { fields: ['photo', 'note'], kind: 'primary' },
  escalate: { fields: ['reason'] },
  dispatch: { fields: ['department', 'note'], kind: 'primary' },
  accept: { fields: ['note'], kind: 'primary' },
  return: { fields: ['reason'], kind: 'danger' },
  handle: { fields: ['photo', 'note'], kind: 'primary' },
  close: { fields: ['note'], kind: 'primary' },
  // 现场核查: the grid's own worker, whether on the phone or at a desk, when the API lists it
  verify: { fields: ['verdict', 'evidence', 'note'], kind: 'primary' },
  rework: { fields: ['reason'], kind: 'danger' },
  evaluate: { fields: ['evaluation', 'note'] },
  reopen: { fields: ['reason'] },
  request_delay: { fields: ['delay', 'reason'] },
  decide_delay: { fields: ['approve', 'note'] },
  suspend: { fields: ['reason'] },
  resume: { fields: ['note'] },
  supervise: { fields: ['note'] },
  expedite: { fields: ['note'] },
};

/** Buttons in workflow order: the forward moves first, flags and refusals after. */
export const ORDER: CaseAction[] = [
  'file',
  'dispatch',
  'accept',
  'handle',
  'handle_on_spot',
  'verify',
  'close',
  'escalate',
  'decide_delay',
  'request_delay',
  'rework',
  'return',
  'reject',
  'merge',
  'suspend',
  'resume',
  'supervise',
  'expedite',
  'evaluate',
  'reopen',
  'cancel',
];

/** The region that holds a case at a tier: township = the grid code's first 9 digits, county = 6. */
export function holderAt(gridCode: string, tier: 'township' | 'county'): string {
  return gridCode.slice(0, tier === 'township' ? 9 : 6);
}
