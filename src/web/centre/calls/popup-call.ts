import { message } from 'antd';
import { errorText } from '../../shared/api.js';
import { placeCall } from '../../shared/call-engine.js';
import type { CallAbout } from './CallButton.js';
import { currentCall, setCurrentCall } from './store.js';

/**
 * Call buttons inside a map popup (plain DOM, as Leaflet's popups are): video and voice to the
 * grid worker of what the popup shows (a case, a grid) or to one worker (`calleeId`). The call
 * opens in the dock like CallButton's. Only for callers who may place calls (`calls.place`).
 */
export function appendCallButtons(
  box: HTMLElement,
  target: { about: CallAbout; calleeId?: number },
  text: { video: string; voice: string },
): void {
  const row = document.createElement('div');
  row.style.cssText = 'display:flex;gap:6px;margin-top:6px';
  for (const media of ['video', 'voice'] as const) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'ant-btn ant-btn-default ant-btn-sm';
    b.textContent = media === 'video' ? text.video : text.voice;
    b.dataset.testid = `popup-call-${media}`;
    b.addEventListener('click', (e) => {
      e.preventDefault();
      const busy = currentCall();
      if (busy && busy.status.phase !== 'ended') return;
      placeCall({ media, ...target }).then(setCurrentCall, (err: unknown) => message.error(errorText(err)));
    });
    row.append(b);
  }
  box.append(row);
}
