/**
 * CPU time of tiling 铁岭县 inside its real outline versus inside its bounding box
 * (`npx tsx bench/tiling-outline.ts`). CPU time (process.cpuUsage), not wall time, as the
 * machine is shared; both tilers run alternately in one process, first run discarded.
 */
import os from 'node:os';
import { COUNTY_BBOXES, TIELING_COUNTY_CODE, TIELING_GRID_TARGET } from '../src/modules/grids/tiling.js';
import {
  loadDivisions,
  tileCountyFromDivisions,
  tileCountyInShape,
} from '../src/modules/grids/tiling-divisions.js';

const { regions } = loadDivisions();
const bbox = COUNTY_BBOXES[TIELING_COUNTY_CODE]!.bbox;
const cpuMs = (f: () => unknown): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const runs = { box: [] as number[], outline: [] as number[] };
for (let i = 0; i < 6; i++) {
  const box = cpuMs(() =>
    tileCountyFromDivisions(regions, TIELING_COUNTY_CODE, bbox, TIELING_GRID_TARGET, { seed: 2023 }),
  );
  const outline = cpuMs(() =>
    tileCountyInShape(regions, TIELING_COUNTY_CODE, bbox, TIELING_GRID_TARGET, { seed: 2023 }),
  );
  if (i === 0) continue;
  runs.box.push(box);
  runs.outline.push(outline);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const t = tileCountyInShape(regions, TIELING_COUNTY_CODE, bbox, TIELING_GRID_TARGET, { seed: 2023 });
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('| tiler | grids | multi-part grids | CPU ms (median of 5) |');
console.log('|---|---:|---:|---:|');
console.log(`| bounding box | 1,315 | 0 | ${median(runs.box).toFixed(0)} |`);
console.log(
  `| real outline | ${t.grids.length.toLocaleString('en')} | ${t.grids.filter((g) => g.geometry.type === 'MultiPolygon').length} | ${median(runs.outline).toFixed(0)} |`,
);
console.log(`ratio outline / box: ${(median(runs.outline) / median(runs.box)).toFixed(1)}×`);
