import { Button, Toast } from 'antd-mobile';
import { useRef, useState } from 'react';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { failText, ok } from '../net.js';
import type { Me } from '../types.js';
import { useFetch } from '../useFetch.js';

/** '#/lessons': 云党课 — a member opens an online lesson, its media plays from the API, and the watching is recorded. */
export function LessonsScreen({ me }: { me: Me }) {
  const list = useFetch(
    `lessons.${me.username}`,
    () => ok(api.GET('/api/v1/party-lessons', { params: { query: { format: 'online' } } })),
    [],
  );
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <div className="page" data-testid="lessons-screen">
      <div className="page-title">{t('lesTitle')}</div>
      {list.data && list.data.items.length === 0 && <div className="muted">{t('lesNone')}</div>}
      {(list.data?.items ?? []).map((l) => (
        <div key={l.id} className="card" style={{ margin: '8px 0' }} data-testid={`lesson-${l.id}`}>
          <button
            type="button"
            style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
            onClick={() => setOpenId(openId === l.id ? null : l.id)}
          >
            <strong>{l.topic}</strong>
            <div className="muted">
              {l.speaker} · {l.minutes}′
            </div>
          </button>
          {openId === l.id && <LessonCard id={l.id} topic={l.topic} kind={l.media?.kind ?? null} />}
        </div>
      ))}
    </div>
  );
}

function LessonCard({ id, topic, kind }: { id: number; topic: string; kind: 'video' | 'slides' | null }) {
  const opened = useRef(Date.now());
  const [watch, setWatch] = useState<{ seconds: number; furthestPct: number } | null>(null);
  const src = `/api/v1/party-lessons/${id}/media`;
  const record = async () => {
    const seconds = Math.min(600, Math.max(1, Math.round((Date.now() - opened.current) / 1000)));
    try {
      const w = await ok(
        api.POST('/api/v1/party-lessons/{id}/watch', {
          params: { path: { id } },
          body: { seconds, positionPct: 100 },
        }),
      );
      opened.current = Date.now();
      setWatch(w);
    } catch (e) {
      Toast.show({ content: failText(e) });
    }
  };
  return (
    <div style={{ marginTop: 8 }}>
      {kind === null ? (
        <div className="muted">{t('lesNoMedia')}</div>
      ) : kind === 'video' ? (
        <video data-testid="lesson-media" src={src} controls style={{ width: '100%' }} />
      ) : (
        // the CSP allows no frames: PDF slides open in the browser's own viewer
        <a data-testid="lesson-media" href={src} target="_blank" rel="noreferrer">
          {topic}
        </a>
      )}
      <Button block color="primary" data-testid="lesson-watch" onClick={record}>
        {t('lesWatch')}
      </Button>
      {watch && (
        <div className="muted" data-testid="lesson-watched">
          {t('lesWatched', { s: watch.seconds, p: watch.furthestPct })}
        </div>
      )}
    </div>
  );
}
