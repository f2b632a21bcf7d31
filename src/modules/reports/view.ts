import type { z } from 'zod';
import type { KeptReport, listReports } from './repository.js';
import type { ReportOut, ReportSummary } from './schemas.js';
import type { Kind } from './spec.js';

type Row = Awaited<ReturnType<typeof listReports>>['rows'][number];

const day = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export function toSummary(r: Row): z.infer<typeof ReportSummary> {
  return {
    id: Number(r.id),
    kind: r.kind as Kind,
    regionCode: r.region_code,
    regionName: r.region_name,
    periodFrom: day(r.period_from),
    periodTo: day(r.period_to),
    scheduled: r.scheduled,
    generatedAt: r.generated_at.toISOString(),
    generatedBy: r.generated_by_name,
  };
}

export function toReport(r: KeptReport): z.infer<typeof ReportOut> {
  const figures = r.figures as Pick<z.infer<typeof ReportOut>, 'values' | 'byRegion'>;
  return {
    ...toSummary(r),
    trail: r.trail,
    values: figures.values,
    byRegion: figures.byRegion,
    lists: r.lists as z.infer<typeof ReportOut>['lists'],
  };
}
