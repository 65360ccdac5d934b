import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { ko, type MessageKey } from './ko';

export type Lang = 'ko' | 'en';
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const LANG_KEY = 'table-order.admin.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { ko, en };

/** Fills `{name}` placeholders of a message. */
function fill(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A translate function for one language (also usable outside React, e.g. in tests). */
export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  return (key, vars) => fill(dict[key], vars);
}

interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ lang: 'ko', t: translator('ko'), setLang: () => undefined });

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

/** Korean by default; the choice is kept in localStorage and mirrored on `<html lang>`. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = dictionaries[lang]['app.title'];
  }, [lang]);
  const value = useMemo(() => ({ lang, t: translator(lang), setLang }), [lang, setLang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

/** The current language, its translate function and the switch. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
