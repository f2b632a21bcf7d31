/**
 * "Settings changed for county X": use cases that change a county's settings call
 * `countySettingsChanged` after their transaction commits; caches keyed by county
 * (the working calendar, report intake's categories and rules) subscribe with
 * `onCountySettingsChanged` and drop that county's entries. In-process only: each
 * server instance hears its own changes (caches elsewhere expire on their own).
 */
export type CountySetting =
  | 'deadlines'
  | 'calendar'
  | 'escalation_rules'
  | 'points_rules'
  | 'visit_policy'
  | 'service_items'
  | 'departments';

export type SettingsListener = (countyCode: string, setting: CountySetting) => void;

const listeners = new Set<SettingsListener>();

/** Subscribes; answers the function that unsubscribes. */
export function onCountySettingsChanged(listener: SettingsListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every subscriber that `setting` of `countyCode` changed (call after commit). */
export function countySettingsChanged(countyCode: string, setting: CountySetting): void {
  for (const l of listeners) {
    try {
      l(countyCode, setting);
    } catch {
      // a failing cache must not fail the administrator's change, which is committed
    }
  }
}
