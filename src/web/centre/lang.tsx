import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { currentLang, setLang as storeLang } from '../shared/api.js';
import type { Vars } from '../shared/icu.js';
import { labelOf, translate, type Key, type Lang } from './i18n.js';

type LangValue = {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: Key, vars?: Vars) => string;
  /** name of an API code, e.g. label('state', 'filed') → 已立案 */
  label: (prefix: string, value: string | null | undefined) => string;
};

const LangContext = createContext<LangValue | null>(null);

/** dayjs (antd's date pickers) follows the language: month and week-day names. */
const dayjsLocale = (l: Lang) => dayjs.locale(l === 'zh' ? 'zh-cn' : 'en');

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setState] = useState<Lang>(() => {
    const l = currentLang();
    dayjsLocale(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    storeLang(l);
    dayjsLocale(l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(l, 'app.docTitle');
    setState(l);
  }, []);
  const value = useMemo<LangValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      label: (prefix, v) => labelOf(lang, prefix, v),
    }),
    [lang, setLang],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangValue {
  const v = useContext(LangContext);
  if (!v) throw new Error('useLang outside LangProvider');
  return v;
}
