import type { Db } from '../../platform/db/database.js';
import { GridIndex } from '../../platform/geo/grid-index.js';

/**
 * Point -> grid for this server instance: an in-memory index over every grid
 * polygon. Grid changes bump `grid_index_version` in the same transaction, and
 * the locator rebuilds when it sees a newer version (checked at most once per
 * `checkEveryMs`), so instances and the CLI importer stay in step.
 */
export class GridLocator {
  private index: GridIndex | null = null;
  private version = -1;
  private checkedAt = 0;
  private building: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly checkEveryMs = 2000,
  ) {}

  async locate(lng: number, lat: number): Promise<string | null> {
    await this.ensureFresh();
    return this.index ? this.index.locate(lng, lat) : null;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  /** Forget the cached version so the next lookup reloads (after a local import). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async ensureFresh(): Promise<void> {
    if (Date.now() - this.checkedAt < this.checkEveryMs && this.index) return;
    this.building ??= this.reloadIfChanged().finally(() => {
      this.building = null;
    });
    await this.building;
  }

  private async reloadIfChanged(): Promise<void> {
    const row = await this.db.selectFrom('grid_index_version').select('version').executeTakeFirstOrThrow();
    this.checkedAt = Date.now();
    if (row.version === this.version && this.index) return;
    const grids = await this.db
      .selectFrom('region')
      .select(['code', 'geometry'])
      .where('level', '=', 'grid')
      .where('geometry', 'is not', null)
      .execute();
    this.index = GridIndex.build(grids.map((g) => ({ code: g.code, polygon: g.geometry as never })));
    this.version = row.version;
  }
}
