import { z } from 'zod';
import { TRANSLATION_LANGUAGES } from './constants.js';

// Menu texts in several languages (SPEC 14): categories, items, option groups and options carry
// `translations: {en?: {name, description?}, ja?: …, zh?: …}` next to their Korean fields. A translation
// needs a name and has the Korean field's limits; Korean itself is the text, never a translation.

export type TranslationLanguage = (typeof TRANSLATION_LANGUAGES)[number];

/** One language's text of a menu entry. */
export interface TranslatedText {
  name: string;
  description?: string;
}
export type Translations = Partial<Record<TranslationLanguage, TranslatedText>>;

/**
 * The request schema of a `translations` object whose names follow `name` (and descriptions
 * `description`; without it, a description is not accepted). Unknown language codes are refused (422).
 */
export function translationsOf(name: z.ZodType<string>, description?: z.ZodType<string>) {
  const text = description
    ? z.strictObject({ name, description: description.optional() })
    : z.strictObject({ name });
  return z
    .strictObject({ en: text.optional(), ja: text.optional(), zh: text.optional() })
    .meta({ description: 'Texts in the other menu languages; each replaces the Korean field it names' });
}

const ResponseText = z.object({ name: z.string(), description: z.string().optional() });
/** A `translations` object as responses carry it. */
export const Translations = z
  .object({ en: ResponseText.optional(), ja: ResponseText.optional(), zh: ResponseText.optional() })
  .meta({ id: 'Translations' });
/** Names only (categories, option groups, options). */
export const NameTranslations = z.object({
  en: z.object({ name: z.string() }).optional(),
  ja: z.object({ name: z.string() }).optional(),
  zh: z.object({ name: z.string() }).optional(),
});

/** Parses a stored `translations` column (JSON, NULL = none) without trusting it: bad entries drop out. */
export function parseTranslations(stored: string | null | undefined): Translations {
  if (!stored) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Translations = {};
  for (const lang of TRANSLATION_LANGUAGES) {
    const t = (raw as Record<string, unknown>)[lang];
    if (typeof t !== 'object' || t === null) continue;
    const { name, description } = t as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') continue;
    out[lang] = typeof description === 'string' && description !== '' ? { name, description } : { name };
  }
  return out;
}

/** The stored form of a `translations` object: NULL when it holds no language. */
export function storedTranslations(t: Translations | undefined): string | null {
  if (!t) return null;
  const kept: Translations = {};
  for (const lang of TRANSLATION_LANGUAGES) {
    const v = t[lang];
    if (v) kept[lang] = v.description ? { name: v.name, description: v.description } : { name: v.name };
  }
  return Object.keys(kept).length === 0 ? null : JSON.stringify(kept);
}
