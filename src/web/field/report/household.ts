import { useEffect, useState } from 'react';
import { api } from '../../shared/api.js';
import { t } from '../i18n.js';
import { ok, timeout } from '../net.js';
import type { Draft } from '../offline/db.js';
import type { Me } from '../types.js';
import { householdCacheKey } from '../visits/HouseholdScreen.js';
import type { HouseholdDetail } from '../visits/types.js';

/**
 * A report started from a household on a visit: the form starts from the
 * household — its grid and address as the place, a first line of the
 * description. Works offline from the copy the household screen kept.
 * Answers an error text when the household cannot be found.
 */
export function useHouseholdPrefill(
  me: Me,
  householdId: number | undefined,
  ready: boolean,
  draft: Draft,
  update: (fn: (d: Draft) => Draft) => void,
): string | null {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!householdId || !ready || draft.household?.id === householdId) return;
    let live = true;
    void loadHousehold(me, householdId).then((h) => {
      if (!live) return;
      if (!h) return setError(t('visitsHouseholdMissing'));
      update((d) => ({
        ...d,
        household: { id: h.id, gridCode: h.gridCode, address: h.address },
        description: d.description.trim() ? d.description : t('visitsReportPrefill'),
        useMyGrid: false,
        spot: null,
      }));
    });
    return () => {
      live = false;
    };
  }, [householdId, ready]);
  return error;
}

async function loadHousehold(me: Me, id: number): Promise<HouseholdDetail | null> {
  try {
    return await ok(
      api.GET('/api/v1/households/{id}', { params: { path: { id } }, signal: timeout(15_000) }),
    );
  } catch {
    try {
      return JSON.parse(
        localStorage.getItem(`wangge.field.cache.${householdCacheKey(me, id)}`) ?? 'null',
      ) as HouseholdDetail | null;
    } catch {
      return null;
    }
  }
}
