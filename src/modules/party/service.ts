import type { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repository.js';
import type { MemberItem, OrgItem, OrgKind, Summary } from './schemas.js';

type Org = z.infer<typeof OrgItem>;
type Member = z.infer<typeof MemberItem>;
type MemberRow = Awaited<ReturnType<typeof repo.listMembers>>['items'][number];

export const toMember = (m: MemberRow): Member => ({
  id: m.id,
  name: m.name,
  gender: m.gender as Member['gender'],
  joinedOn: m.joined_on,
  orgId: m.org_id,
  orgName: m.org_name,
  // where a member lives is the viewer's to see only inside their subtree
  gridCode: m.home_in_scope ? m.grid_code : null,
  gridName: m.home_in_scope ? m.grid_name : null,
  linkedHouseholds: m.linked,
});

/**
 * The organisations of a scope with member counts, the totals summed up the
 * parent chain. A parent outside the scope (the county committee seen from a
 * township) is answered as null, so the caller's roots are plain to see.
 */
export async function orgsInScope(db: DbOrTx, scope: repo.Scope, closed = false): Promise<Org[]> {
  const [rows, counts] = await Promise.all([
    repo.listOrgs(db, scope, closed),
    repo.memberCountsByOrg(db, scope),
  ]);
  const direct = new Map(counts.map((c) => [c.org_id, c.n]));
  const orgs = new Map<number, Org>();
  for (const r of rows) {
    const n = direct.get(r.id) ?? 0;
    orgs.set(r.id, {
      id: r.id,
      parentId: r.parent_id,
      kind: r.kind as z.infer<typeof OrgKind>,
      name: r.name,
      regionCode: r.region_code,
      regionName: r.region_name,
      memberCount: n,
      totalMemberCount: n,
      childCount: 0,
      closedOn: r.closed_on,
    });
  }
  const list = [...orgs.values()];
  for (const o of list) if (o.parentId !== null && !orgs.has(o.parentId)) o.parentId = null;
  // children before parents (post-order from the roots): an organisation made or moved later may sit
  // under a parent listed after it, so the region order alone does not give the sum
  const kids = new Map<number, Org[]>();
  for (const o of list) if (o.parentId !== null) kids.set(o.parentId, [...(kids.get(o.parentId) ?? []), o]);
  const order: Org[] = [];
  const stack: Array<[Org, boolean]> = list.filter((o) => o.parentId === null).map((o) => [o, false]);
  while (stack.length) {
    const [o, done] = stack.pop() as [Org, boolean];
    if (done) order.push(o);
    else stack.push([o, true], ...(kids.get(o.id) ?? []).map((k): [Org, boolean] => [k, false]));
  }
  for (const o of order) {
    const parent = o.parentId === null ? undefined : orgs.get(o.parentId);
    if (!parent) continue;
    parent.totalMemberCount += o.totalMemberCount;
    parent.childCount += 1;
  }
  return list;
}

/** Ids of an organisation and everything below it, by the parent links. */
function subtreeIds(orgs: Org[], rootId: number): number[] {
  const kids = new Map<number, number[]>();
  for (const o of orgs)
    if (o.parentId !== null) kids.set(o.parentId, [...(kids.get(o.parentId) ?? []), o.id]);
  const out: number[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop() as number;
    out.push(id);
    stack.push(...(kids.get(id) ?? []));
  }
  return out;
}

export async function orgDetail(
  db: DbOrTx,
  scope: repo.Scope,
  id: number,
  q: { members: 'direct' | 'all'; limit: number; offset: number },
) {
  const found = await repo.findOrg(db, scope, id);
  if (!found) throw new AppError('NOT_FOUND');
  const sub = { countyCode: scope.countyCode, path: found.region_path };
  const orgs = await orgsInScope(db, sub, found.closed_on !== null);
  const self = orgs.find((o) => o.id === id);
  if (!self) throw new AppError('NOT_FOUND');
  // the parent is named only when the caller may see it
  const parent = found.parent_id === null ? undefined : await repo.findOrg(db, scope, found.parent_id);
  const ids = q.members === 'direct' ? [id] : subtreeIds(orgs, id);
  const members = await repo.listMembers(db, scope, ids, q.limit, q.offset);
  return {
    ...self,
    parentId: parent ? parent.id : null,
    parentName: parent?.name ?? null,
    children: orgs.filter((o) => o.parentId === id),
    members: members.items.map(toMember),
    membersTotal: members.total,
  };
}

/**
 * A member of the viewer's subtree by home or by organisation; the phone (masked) and the linked
 * households only inside the viewer's subtree.
 */
export async function memberDetail(db: DbOrTx, scope: repo.Scope, id: number) {
  const m = await repo.findMember(db, scope, id);
  if (!m) throw new AppError('NOT_FOUND');
  const households = await repo.linkedHouseholds(db, scope, id);
  return {
    ...toMember(m),
    phone: m.home_in_scope ? m.phone_masked : null,
    leftOn: m.left_on,
    leftTo: m.left_to,
    centralHousehold: m.central_household,
    households: households.map((h) => ({
      id: h.id,
      address: h.address,
      gridName: h.grid_name,
      memberCount: h.member_count,
      careTags: h.care_tags,
    })),
  };
}

export async function summary(db: DbOrTx, scope: repo.Scope): Promise<z.infer<typeof Summary>> {
  const code = scope.path.split('.').pop() as string;
  const [region, kinds, members, households, grids] = await Promise.all([
    repo.regionName(db, code),
    repo.orgCountsByKind(db, scope),
    repo.memberTotals(db, scope),
    repo.linkedHouseholdTotal(db, scope),
    repo.gridCoverage(db, scope),
  ]);
  if (!region) throw new AppError('NOT_FOUND');
  const kind = (k: z.infer<typeof OrgKind>) => kinds.find((r) => r.kind === k)?.n ?? 0;
  return {
    regionCode: code,
    regionName: region.name,
    countyCommittees: kind('county_committee'),
    townshipCommittees: kind('township_committee'),
    communityCommittees: kind('community_committee'),
    branches: kind('branch'),
    gridBranches: kind('grid_branch'),
    gridGroups: kind('grid_group'),
    members: members.members,
    centralHouseholds: members.central,
    membersWithLinkedHouseholds: members.linked,
    linkedHouseholds: households.n,
    gridsWithGroup: grids.covered,
    grids: grids.grids,
  };
}
