import type { Me } from '../types.js';
import { DisclosureDetailScreen } from './DisclosureDetail.js';
import { DisclosureList } from './DisclosureList.js';

/** '/disclosures' (the three tabs), '/disclosures/<id>' (one disclosure with its questions). */
export function DisclosuresRoutes({ parts, me }: { parts: string[]; me: Me }) {
  const id = Number(parts[1]);
  if (parts[1] && Number.isInteger(id) && id > 0) return <DisclosureDetailScreen key={id} id={id} me={me} />;
  return <DisclosureList me={me} />;
}
