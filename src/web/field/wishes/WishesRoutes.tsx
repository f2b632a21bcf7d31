import type { Me } from '../types.js';
import { MakeWish } from './MakeWish.js';
import { WishDetailScreen } from './WishDetail.js';
import { WishList } from './WishList.js';

/** '/wishes' (list), '/wishes/new' (make a wish), '/wishes/<id>' (one wish). */
export function WishesRoutes({ parts, me }: { parts: string[]; me: Me }) {
  if (parts[1] === 'new' && me.abilities.includes('wishes.request')) return <MakeWish me={me} />;
  const id = Number(parts[1]);
  if (parts[1] && Number.isInteger(id) && id > 0) return <WishDetailScreen key={id} id={id} me={me} />;
  return <WishList me={me} />;
}
