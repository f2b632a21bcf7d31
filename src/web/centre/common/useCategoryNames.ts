import { useEffect, useState } from 'react';
import { useLang } from '../lang.js';
import { loadCategories } from './data.js';

/** A category's name in the current language (the API names cases' categories in Chinese). */
export function useCategoryName(): (code: string, zh: string) => string {
  const { lang } = useLang();
  const [en, setEn] = useState<Record<string, string>>({});
  useEffect(() => {
    if (lang === 'en' && !Object.keys(en).length)
      void loadCategories().then(
        (cs) => setEn(Object.fromEntries(cs.map((c) => [c.code, c.nameEn]))),
        () => undefined,
      );
  }, [lang, en]);
  return (code, zh) => (lang === 'en' ? (en[code] ?? zh) : zh);
}
