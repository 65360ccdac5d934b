import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { KEY_PREFIX, readJson, writeJson } from '../storage';
import { en } from './en';
import { ko, type Messages } from './ko';

export type Lang = 'ko' | 'en';
const DICTIONARIES: Record<Lang, Messages> = { ko, en };
const LANG_KEY = `${KEY_PREFIX}lang`;

interface I18n {
  t: Messages;
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ t: ko, lang: 'ko', setLang: () => undefined });

/** Provides the dictionary of the chosen language (Korean unless the device chose English). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (readJson(LANG_KEY) === 'en' ? 'en' : 'ko'));
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    writeJson(LANG_KEY, next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = DICTIONARIES[lang].appName;
  }, [lang]);
  const value = useMemo(() => ({ t: DICTIONARIES[lang], lang, setLang }), [lang, setLang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

/** The store's default language on this tablet: its first menu language the tablet speaks, else Korean. */
export function storeDefaultLang(menuLanguages: readonly string[]): Lang {
  return menuLanguages.find((l): l is Lang => Object.hasOwn(DICTIONARIES, l)) ?? 'ko';
}

/** The current dictionary and language switch. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
