/**
 * The rows of the lists officials work with (issue 11): each list's Excel export. Exporters: village,
 * township and county centres, administrators (403 to the others); a region outside the caller is
 * 404 for everyone signed in, except for the cadre and enterprise registers, which (like their lists)
 * answer 403 to a role without the right before looking at the place. "out" is 盘山县 (another county).
 */
import { get, type Row } from './rows.js';

const exporters = { '*': 403, county: 200, township: 200, village: 200, admin: 200, anonymous: 401 };
const outside = { '*': 404, anonymous: 401 };
/** people.export: the village, township and county centres (administrators keep no archive). */
/** cadres.export / enterprises.export: the centres and the party organisers who keep the register. */
const registerExporters = { '*': 403, county: 200, township: 200, village: 200, party: 200, anonymous: 401 };
/** the registers refuse a role without the right first (403, as their lists do); 404 outside for the rest */
const registerOutside = { '*': 403, county: 404, township: 404, village: 404, party: 404, anonymous: 401 };
const peopleExporters = { '*': 403, county: 200, township: 200, village: 200, anonymous: 401 };
/** petitions.export: the right first (403), then the place (404 outside) */
const peopleOutside = { '*': 403, county: 404, township: 404, village: 404, anonymous: 401 };
/** whistles.export: the right first (403 to the rest), then the place (404 outside) */
const exportersOutside = { '*': 403, county: 404, township: 404, village: 404, admin: 404, anonymous: 401 };

export const LIST_ROWS: Row[] = [
  {
    route: 'GET /api/v1/wishes/export.xlsx',
    make: (fx, w) => get(`/wishes/export.xlsx?within=${fx[w].grid}`),
    in: exporters,
    out: outside,
  },
  {
    route: 'GET /api/v1/errands/export.xlsx',
    make: (fx, w) => get(`/errands/export.xlsx?within=${fx[w].grid}`),
    in: exporters,
    out: outside,
  },
  {
    route: 'GET /api/v1/disputes/export.xlsx',
    make: (fx, w) => get(`/disputes/export.xlsx?within=${fx[w].grid}`),
    in: exporters,
    out: outside,
  },
  {
    route: 'GET /api/v1/households/list.xlsx',
    make: (fx, w) => get(`/households/list.xlsx?within=${fx[w].grid}&sort=-members`),
    in: peopleExporters,
    out: outside,
  },
  {
    route: 'GET /api/v1/residents/export.xlsx',
    make: (fx, w) => get(`/residents/export.xlsx?within=${fx[w].grid}&sort=birthDate`),
    in: peopleExporters,
    out: outside,
  },
  {
    route: 'GET /api/v1/cadres/export.xlsx',
    make: (fx, w) => get(`/cadres/export.xlsx?within=${fx[w].village}&sort=-birthYear`),
    in: registerExporters,
    out: registerOutside,
  },
  {
    route: 'GET /api/v1/enterprises/export.xlsx',
    make: (fx, w) => get(`/enterprises/export.xlsx?within=${fx[w].grid}&sort=creditCode`),
    in: registerExporters,
    out: registerOutside,
  },
  {
    route: 'GET /api/v1/disclosures/export.xlsx',
    make: (fx, w) => get(`/disclosures/export.xlsx?within=${fx[w].village}&sort=-publishedAt`),
    in: registerExporters,
    out: registerOutside,
  },
  {
    route: 'GET /api/v1/petitions/export.xlsx',
    make: (fx, w) => get(`/petitions/export.xlsx?within=${fx[w].village}&sort=number`),
    in: peopleExporters,
    out: peopleOutside,
  },
  {
    // visits.export: the centres that keep the archive (households' addresses and needs), not the admin
    route: 'GET /api/v1/visits/export.xlsx',
    make: (fx, w) => get(`/visits/export.xlsx?within=${fx[w].grid}&sort=-visitedAt`),
    in: peopleExporters,
    out: peopleOutside,
  },
  {
    // meetings.export: the centres, party organisers and administrators; the right first, then the place
    route: 'GET /api/v1/meetings/export.xlsx',
    make: (fx, w) => get(`/meetings/export.xlsx?within=${fx[w].village}&sort=-heldOn`),
    in: { ...exporters, party: 200 },
    out: { ...exportersOutside, party: 404 },
  },
  {
    // stations.export: the village, township and county centres; the right first, then the place
    route: 'GET /api/v1/station-loans/export.xlsx',
    make: (fx, w) => get(`/station-loans/export.xlsx?within=${fx[w].village}&sort=-lentAt`),
    in: peopleExporters,
    out: peopleOutside,
  },
  {
    // inservice.export: the centres and party organisers (as they read the list); the right first, then the place
    route: 'GET /api/v1/in-service/registrations/export.xlsx',
    make: (fx, w) => get(`/in-service/registrations/export.xlsx?within=${fx[w].village}&sort=-createdAt`),
    in: registerExporters,
    out: registerOutside,
  },
  {
    // points.export: the village, township and county centres; the right first, then the place
    route: 'GET /api/v1/points/ledger/export.xlsx',
    make: (fx, w) => get(`/points/ledger/export.xlsx?within=${fx[w].village}&sort=-at`),
    in: peopleExporters,
    out: peopleOutside,
  },
  {
    // teams.export: the centres and party organisers; the right first, then the place
    route: 'GET /api/v1/teams/export.xlsx',
    make: (fx, w) => get(`/teams/export.xlsx?within=${fx[w].village}&sort=-members`),
    in: registerExporters,
    out: registerOutside,
  },
  {
    route: 'GET /api/v1/whistles/export.xlsx',
    make: (fx, w) => get(`/whistles/export.xlsx?within=${fx[w].village}&sort=dueAt`),
    in: exporters,
    out: exportersOutside,
  },
];
