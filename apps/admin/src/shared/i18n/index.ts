export { I18nProvider, useI18n, translator, fill, type Lang, type Translate } from './i18n';
export type { MessageKey } from './ko';
