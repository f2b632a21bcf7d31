import { useEffect, useState } from 'react';
import { loadCategories } from '../common/data.js';
import { useLang } from '../lang.js';
import type { Category } from '../types.js';

type AttrDef = {
  code: string;
  description?: string;
  descriptionEn?: string;
  values?: { key: string; name: string }[];
};

/** The category's extra questions and the reporter's answers, by their names (not codes). */
export function Attributes({
  categoryCode,
  answers,
}: {
  categoryCode: string;
  answers: Record<string, unknown>;
}) {
  const { lang } = useLang();
  const [cat, setCat] = useState<Category | undefined>();
  useEffect(() => {
    void loadCategories().then(
      (cs) => setCat(cs.find((c) => c.code === categoryCode)),
      () => undefined,
    );
  }, [categoryCode]);
  const defs = (cat?.attributes as AttrDef[] | undefined) ?? [];
  const parts = Object.entries(answers).map(([k, v]) => {
    const d = defs.find((x) => x.code === k);
    const name = (lang === 'en' ? d?.descriptionEn : d?.description) ?? k;
    const values = (Array.isArray(v) ? v : [v]).map(
      (x) => d?.values?.find((o) => o.key === x)?.name ?? String(x),
    );
    return `${name}${lang === 'zh' ? '：' : ': '}${values.join(lang === 'zh' ? '、' : ', ')}`;
  });
  return <>{parts.join(lang === 'zh' ? '；' : '; ')}</>;
}
