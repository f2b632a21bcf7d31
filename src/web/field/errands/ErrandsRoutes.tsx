import type { Me } from '../types.js';
import { AskErrand } from './AskErrand.js';
import { ErrandDetailScreen } from './ErrandDetail.js';
import { ErrandList } from './ErrandList.js';

/** '/errands' (list), '/errands/new' (ask for help), '/errands/<id>' (one errand). */
export function ErrandsRoutes({ parts, me }: { parts: string[]; me: Me }) {
  if (parts[1] === 'new' && me.abilities.includes('errands.request')) return <AskErrand me={me} />;
  const id = Number(parts[1]);
  if (parts[1] && Number.isInteger(id) && id > 0) return <ErrandDetailScreen key={id} id={id} me={me} />;
  return <ErrandList me={me} />;
}
