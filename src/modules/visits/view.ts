import type { z } from 'zod';
import { photoLinks } from '../photos/index.js';
import type { DueItem, VisitItem, VISIT_KINDS, VISIT_OUTCOMES } from './schemas.js';
import type { VisitRow } from './repository.js';
import type { listDue } from './due-repository.js';

type DueRow = Awaited<ReturnType<typeof listDue>>['items'][number];

export const toVisitItem = (v: VisitRow): z.infer<typeof VisitItem> => ({
  id: v.id,
  householdId: v.household_id,
  address: v.address,
  gridCode: v.grid_code,
  gridName: v.grid_name,
  workerName: v.worker_name,
  visitedAt: v.visited_at.toISOString(),
  kind: v.kind as (typeof VISIT_KINDS)[number],
  outcome: v.outcome as (typeof VISIT_OUTCOMES)[number],
  needs: v.needs,
  notes: v.notes,
  caseId: v.case_id,
  caseNumber: v.case_number,
  photos: v.photo_ids.map(photoLinks),
});

export const toDueItem = (h: DueRow): z.infer<typeof DueItem> => ({
  id: h.id,
  gridCode: h.grid_code,
  gridName: h.grid_name,
  address: h.address,
  memberCount: h.member_count,
  careTags: h.care_tags,
  lastVisitAt: h.last_visit_at?.toISOString() ?? null,
  dueAt: h.visit_due_at?.toISOString() ?? null,
  overdueDays: h.overdue_days,
});
