import { NoticeBar } from 'antd-mobile';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { ok } from '../net.js';
import { useLive } from '../messages/live.js';
import { go } from '../router.js';
import type { Me } from '../types.js';
import { useFetch } from '../useFetch.js';

/** The alert banner on the home screen while an emergency over my grid is declared. */
export function EmergencyBanner({ me }: { me: Me }) {
  // a declaration or closing over my grid arrives live (its notice): the banner follows at once
  const { tick } = useLive();
  const mine = useFetch(
    me.abilities.includes('emergency.respond') ? `emergency.mine.${me.username}` : null,
    () => ok(api.GET('/api/v1/emergency-checks/mine')),
    [tick],
  );
  const events = mine.data?.events ?? [];
  if (events.length === 0) return null;
  return (
    <div data-testid="emg-banner" onClick={() => go('/emergency')} style={{ cursor: 'pointer' }}>
      {events.map((e) => (
        <NoticeBar key={e.id} color="error" content={t('emgBanner', { title: e.title })} />
      ))}
    </div>
  );
}
