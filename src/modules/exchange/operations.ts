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

/**
 * Events a subscriber may choose: cases (the trigger of migration 0174), campaigns and emergencies
 * (migration 0200: triggers for declared and closed, the progress sweep at most once a minute).
 */
export const EVENTS = [
  'case.created',
  'case.state_changed',
  'case.closed',
  'campaign.progress',
  'campaign.closed',
  'emergency.declared',
  'emergency.progress',
  'emergency.closed',
] as const;
export type ExchangeEvent = (typeof EVENTS)[number];
export const ExchangeEvent = z.enum(EVENTS);
