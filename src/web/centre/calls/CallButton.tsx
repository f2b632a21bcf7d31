import { AudioOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { errorText } from '../../shared/api.js';
import { placeCall } from '../../shared/call-engine.js';
import { useLang } from '../lang.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { currentCall, setCurrentCall } from './store.js';

export type CallAbout =
  { type: 'case' | 'household' | 'campaign_target' | 'dispute'; id: number } | { type: 'grid'; code: string };

/**
 * Call the grid worker of what is on screen (a case, a household, a campaign target, a grid on
 * the map), or the village for a dispute's mediation; with the calls about it in the log.
 */
export function CallButton({ about, calleeId }: { about: CallAbout; calleeId?: number }) {
  const { t, lang } = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  if (!can('calls.place')) return null;
  const start = async (media: 'voice' | 'video') => {
    const busy = currentCall();
    if (busy && busy.status.phase !== 'ended') return;
    try {
      setCurrentCall(await placeCall({ media, about, calleeId }));
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };
  const log = 'id' in about ? `/calls?aboutType=${about.type}&aboutId=${about.id}` : '/calls';
  return (
    <Space.Compact size="small">
      <Button icon={<VideoCameraOutlined />} data-testid="call-video" onClick={() => void start('video')}>
        {t('call.video')}
      </Button>
      <Button icon={<AudioOutlined />} data-testid="call-voice" onClick={() => void start('voice')}>
        {t('call.voice')}
      </Button>
      {can('calls.read') && <Button onClick={() => navigate(log)}>{t('call.log')}</Button>}
    </Space.Compact>
  );
}
