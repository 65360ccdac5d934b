export { I18nProvider, translator, useI18n, type Lang, type Translate } from './i18n';
export type { MessageKey } from './ko';
