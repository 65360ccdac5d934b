// The tablet app's modules that the fault suite runs in Node (its outbox and API client, see
// outbox-tablets.ts) name the browser's Storage and window in their storage helpers. Node has neither:
// these declarations let the tests project typecheck them without the whole DOM library, whose stream
// types disagree with Node's. At run time the helpers see no window and use the storage they are given.
interface Storage {
  readonly length: number;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
}
// eslint-disable-next-line no-var -- a global declaration must be a var to be one
declare var window: { localStorage: Storage } | undefined;
