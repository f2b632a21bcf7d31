import { useCallback, useEffect, useRef, useState } from 'react';
import { dropVisitDraft, loadVisitDraft, saveVisitDraft, type VisitDraft } from '../offline/db.js';

export function emptyVisit(key: string, householdId: number, address: string): VisitDraft {
  return {
    key,
    savedAt: 0,
    householdId,
    address,
    kind: 'routine',
    outcome: null,
    needs: [],
    notes: '',
    photos: [],
  };
}

const written = (d: VisitDraft) => !!(d.outcome || d.notes.trim() || d.needs.length || d.photos.length);

/**
 * The visit form of one household, kept in IndexedDB while typing (photos as
 * Blobs): a reload, a trip to the report screen or a dead battery loses nothing.
 */
export function useVisitDraft(key: string, householdId: number, address: string) {
  const [draft, setDraft] = useState<VisitDraft>(() => emptyVisit(key, householdId, address));
  const [ready, setReady] = useState(false);
  const latest = useRef(draft);

  useEffect(() => {
    let live = true;
    setReady(false);
    loadVisitDraft(key)
      .catch(() => undefined)
      .then((d) => {
        if (!live) return;
        const next = d ?? emptyVisit(key, householdId, address);
        latest.current = next;
        setDraft(next);
        setReady(true);
      });
    return () => {
      live = false;
    };
  }, [key]);

  const update = useCallback(
    (fn: (d: VisitDraft) => VisitDraft) => {
      const next = fn(latest.current);
      latest.current = next;
      setDraft(next);
      // saved at once: the form is short, and the person may leave for the report screen any moment
      void (written(next) ? saveVisitDraft({ ...next, savedAt: Date.now() }) : dropVisitDraft(key)).catch(
        () => undefined,
      );
    },
    [key],
  );

  const reset = useCallback(async () => {
    const next = emptyVisit(key, householdId, address);
    latest.current = next;
    setDraft(next);
    await dropVisitDraft(key).catch(() => undefined);
  }, [key, householdId, address]);

  return { draft, update, reset, ready };
}
