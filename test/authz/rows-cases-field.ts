/**
 * Rows of the case routes the field app added (issue 12); spread into MATRIX in matrix.ts, which
 * checks them against its `Row` type (not imported here: that would make an import cycle).
 */
import type { Fixtures, Where } from './fixtures.js';

export const CASE_FIELD_ROWS = [
  {
    route: 'POST /api/v1/cases/{id}/reveal-contact',
    make: (fx: Fixtures, w: Where) => ({
      method: 'POST',
      url: `/cases/${fx[w].caseId}/reveal-contact`,
      payload: { reason: '联系上报人核实位置' },
    }),
    // staff who hold cases at a tier; others who see the case (admin, party, its reporter) 403;
    // departments do not see a case before it is dispatched to them (404)
    in: {
      '*': 403,
      county: 200,
      township: 200,
      village: 200,
      gridworker: 200,
      parttime: 200,
      department: 404,
      'township-cgb': 404,
      anonymous: 401,
    },
    out: { '*': 404, anonymous: 401 },
  },
];
