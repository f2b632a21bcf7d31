import type { Me } from '../types.js';
import { DueList } from './DueList.js';
import { HouseholdScreen } from './HouseholdScreen.js';

/** '#/visits': households due a visit; '#/households/12': one household and its visit form. */
export function VisitsRoutes({ parts, me }: { parts: string[]; me: Me }) {
  const id = parts[0] === 'households' ? Number(parts[1]) : NaN;
  if (Number.isInteger(id) && id > 0) return <HouseholdScreen key={id} me={me} id={id} />;
  return <DueList me={me} />;
}
