import type { Me } from '../types.js';

// SKELETON(helper): the screens of this area; `parts` is the hash path split on '/', e.g. ['wishes', '12'].
export function WishesRoutes(_props: { parts: string[]; me: Me }) {
  return null;
}
