import { z } from 'zod';

/** What a system account may be granted; anything not granted answers 403 (deny by default). */
export const OPERATIONS = [
  'cases.create',
  'cases.read',
  'changes.read',
  'households.import',
  'enterprises.import',
  'webhooks.manage',
] as const;
export type Operation = (typeof OPERATIONS)[number];
export const Operation = z.enum(OPERATIONS);

/** Events a subscriber may choose (written by the trigger of migration 0174). */
export const EVENTS = ['case.created', 'case.state_changed', 'case.closed'] as const;
export type ExchangeEvent = (typeof EVENTS)[number];
export const ExchangeEvent = z.enum(EVENTS);
