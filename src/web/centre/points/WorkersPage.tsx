import type { Route } from '../router.js';

// SKELETON(helper): replace with the real screen.
export function WorkersPage(_props: { route: Route }) {
  return null;
}
