import type { Me } from '../types.js';
import { AddResident } from './AddResident.js';
import { MoveIn } from './MoveIn.js';
import { MyData } from './MyData.js';
import { Feedback } from './Feedback.js';

/** '#/move-in', '#/households/12/add/birth|move_in', '#/my-data', '#/feedback'. */
export function RegistersRoutes({ parts, me, onClosed }: { parts: string[]; me: Me; onClosed: () => void }) {
  if (parts[0] === 'feedback') return <Feedback />;
  if (parts[0] === 'my-data') return <MyData onClosed={onClosed} />;
  if (parts[0] === 'households' && parts[2] === 'add')
    return <AddResident householdId={Number(parts[1])} event={parts[3] === 'birth' ? 'birth' : 'move_in'} />;
  return <MoveIn me={me} />;
}
