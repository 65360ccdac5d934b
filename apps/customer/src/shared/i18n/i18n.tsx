import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { KEY_PREFIX, readJson, writeJson } from '../storage';
import { ko, type Messages } from './ko';

/** The languages the tablet speaks (its UI and, where the store translated it, the menu). */
export const LANGUAGES = ['ko', 'en', 'ja', 'zh'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Each language's own name: what the switch shows (flags are not languages). */
export const LANGUAGE_NAMES: Record<Lang, string> = { ko: '한국어', en: 'English', ja: '日本語', zh: '中文' };

// Korean ships in the first script; the other catalogs are loaded when a guest picks them (the tablet's
// initial JS budget, scripts/size.mjs).
const LOADERS: Record<Exclude<Lang, 'ko'>, () => Promise<Messages>> = {
  en: () => import('./en').then((m) => m.en),
  ja: () => import('./ja').then((m) => m.ja),
  zh: () => import('./zh').then((m) => m.zh),
};
const loaded = new Map<Lang, Messages>([['ko', ko]]);

/** The catalog of `lang`, loaded once. */
export async function loadMessages(lang: Lang): Promise<Messages> {
  const hit = loaded.get(lang);
  if (hit) return hit;
  const messages = await LOADERS[lang as Exclude<Lang, 'ko'>]();
  loaded.set(lang, messages);
  return messages;
}

const LANG_KEY = `${KEY_PREFIX}lang`;
const isLang = (v: unknown): v is Lang => LANGUAGES.includes(v as Lang);

interface I18n {
  t: Messages;
  /** The language shown (a chosen one shows once its catalog has loaded). */
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ t: ko, lang: 'ko', setLang: () => undefined });

/** Provides the dictionary of the chosen language (Korean unless the device chose another). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<{ lang: Lang; t: Messages }>(() => {
    const saved = readJson(LANG_KEY);
    const lang = isLang(saved) ? saved : 'ko';
    const t = loaded.get(lang);
    return t ? { lang, t } : { lang: 'ko', t: ko };
  });
  // The last language asked for: a slow catalog must not win over a later choice.
  const wanted = useRef<Lang>(shown.lang);
  const setLang = useCallback((next: Lang) => {
    wanted.current = next;
    writeJson(LANG_KEY, next);
    void loadMessages(next).then(
      (t) => {
        if (wanted.current === next) setShown({ lang: next, t });
      },
      () => undefined, // offline before the catalog was cached: stay in the current language
    );
  }, []);
  // A language saved by an earlier run is loaded after the first paint (Korean until then).
  useEffect(() => {
    const saved = readJson(LANG_KEY);
    if (isLang(saved) && saved !== 'ko' && !loaded.has(saved)) setLang(saved);
  }, [setLang]);
  useEffect(() => {
    document.documentElement.lang = shown.lang;
    document.title = shown.t.appName;
  }, [shown]);
  const value = useMemo(() => ({ t: shown.t, lang: shown.lang, setLang }), [shown, setLang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

/** The store's default language on this tablet: its first menu language the tablet speaks, else Korean. */
export function storeDefaultLang(menuLanguages: readonly string[]): Lang {
  return menuLanguages.find((l): l is Lang => isLang(l)) ?? 'ko';
}

/** The current dictionary and language switch. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
