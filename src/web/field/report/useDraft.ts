import { useCallback, useEffect, useRef, useState } from 'react';
import { dropDraft, loadDraft, saveDraft, type Draft } from '../offline/db.js';

export function emptyDraft(key: string): Draft {
  return {
    key,
    savedAt: 0,
    category: null,
    answers: {},
    description: '',
    spot: null,
    useMyGrid: false,
    photos: [],
  };
}

/** Anything the person typed or picked (a location found by the phone alone does not count). */
export function hasContent(d: Draft): boolean {
  return !!(d.category || d.description.trim() || d.photos.length || Object.keys(d.answers).length);
}

/**
 * The report form's content, kept in IndexedDB while typing (photos as Blobs),
 * so a reload, a crash or a dead battery loses nothing.
 */
export function useDraft(key: string) {
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(key));
  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState(false);
  const [generation, setGeneration] = useState(0);
  const dirty = useRef(false);
  const latest = useRef(draft);

  useEffect(() => {
    let live = true;
    setReady(false);
    loadDraft(key)
      .catch(() => undefined)
      .then((d) => {
        if (!live) return;
        const next = d ?? emptyDraft(key);
        latest.current = next;
        setDraft(next);
        setRestored(!!d && hasContent(d));
        setReady(true);
      });
    return () => {
      live = false;
    };
  }, [key]);

  // save shortly after each change, and at once when the page is hidden
  useEffect(() => {
    if (!ready || !dirty.current) return;
    const id = setTimeout(() => void persist(), 400);
    return () => clearTimeout(id);
  }, [draft, ready]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void persist();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      void persist();
    };
  }, []);

  async function persist(): Promise<void> {
    if (!dirty.current) return;
    dirty.current = false;
    const d = latest.current;
    if (hasContent(d) || d.spot) await saveDraft({ ...d, savedAt: Date.now() }).catch(() => undefined);
  }

  const update = useCallback((fn: (d: Draft) => Draft) => {
    dirty.current = true;
    setDraft((d) => {
      const next = fn(d);
      latest.current = next;
      return next;
    });
  }, []);

  const reset = useCallback(async () => {
    dirty.current = false;
    const next = emptyDraft(key);
    latest.current = next;
    setDraft(next);
    setRestored(false);
    setGeneration((g) => g + 1);
    await dropDraft(key).catch(() => undefined);
  }, [key]);

  /** `generation` changes on reset: the form's parts start afresh (e.g. locate again) */
  return { draft, update, reset, ready, restored, generation };
}
