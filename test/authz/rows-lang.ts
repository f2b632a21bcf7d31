/** Matrix rows of issue 12's language and Open311 items: the county's Open311 settings. */
import { get, put, type Row } from './rows.js';

export const LANG_ROWS: Row[] = [
  {
    route: 'GET /api/v1/open311/settings',
    make: () => get('/open311/settings'),
    in: { '*': 403, admin: 200, anonymous: 401 },
  },
  {
    route: 'PUT /api/v1/open311/settings',
    make: () => put('/open311/settings', { testUrl: 'https://test.example.org/open311/v2' }),
    in: { '*': 403, admin: 200, anonymous: 401 },
  },
];
