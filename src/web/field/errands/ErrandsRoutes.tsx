import type { Me } from '../types.js';

// SKELETON(helper): the screens of this area; `parts` is the hash path split on '/', e.g. ['errands', '12'].
export function ErrandsRoutes(_props: { parts: string[]; me: Me }) {
  return null;
}
