import type { Me } from '../types.js';

// SKELETON(helper): the screens of this area; `parts` is the hash path split on '/', e.g. ['points', '12'].
export function PointsRoutes(_props: { parts: string[]; me: Me }) {
  return null;
}
