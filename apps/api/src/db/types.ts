import type { Generated, Insertable, Selectable } from 'kysely';

/** Timestamps are epoch milliseconds (BIGINT) on every dialect: no time-zone or driver type drift. */
type Millis = number;

export interface StoresTable {
  id: Generated<number>;
  identifier: string;
  name: string;
  time_zone: string;
  /** Last event id handed out for this store; bumping it also serialises the store's writes. */
  event_seq: Generated<number>;
  menu_version: Generated<number>;
  created_at: Millis;
  /** JSON array of strings; NULL: the default call reasons. */
  call_reasons: string | null;
  /** JSON array of strings; NULL: none. */
  request_chips: string | null;
  /** Comma-separated language codes, `ko` first; NULL: Korean only. */
  menu_languages: string | null;
  /** NULL: off (0). */
  idle_timeout_seconds: number | null;
  /** Kitchen display: a ticket turns amber after this many minutes; NULL: the default (10). */
  kitchen_amber_minutes: number | null;
  /** Kitchen display: a ticket turns red after this many minutes; NULL: the default (20). */
  kitchen_red_minutes: number | null;
}

export interface AdminsTable {
  id: Generated<number>;
  store_id: number;
  username: string;
  password_hash: string;
  created_at: Millis;
  /** `owner` or `staff` (ADMIN_ROLES); defaults to owner. */
  role: Generated<string>;
  /** Bumped by a password or role change: tokens carrying an older version are refused. */
  token_version: Generated<number>;
}

export interface DiningTablesTable {
  id: Generated<number>;
  store_id: number;
  number: number;
  /** Equals `number` while the table lives, NULL once deleted: keeps numbers unique among live tables. */
  live_number: number | null;
  password_hash: string;
  token_version: Generated<number>;
  session_id: number | null;
  created_at: Millis;
  updated_at: Millis;
  deleted_at: Millis | null;
}

export interface TableSessionsTable {
  id: Generated<number>;
  store_id: number;
  table_id: number;
  opened_at: Millis;
  completed_at: Millis | null;
  total_amount: number | null;
  /** The session it was merged into (SPEC 12; since 0007): emptied and closed by the merge. */
  merged_into: Generated<number | null>;
}

export interface CategoriesTable {
  id: Generated<number>;
  store_id: number;
  name: string;
  /** Equals `name` while live, NULL once deleted (unique among live categories). */
  live_name: string | null;
  display_order: number;
  created_at: Millis;
  deleted_at: Millis | null;
  /** JSON `{en?: {name, description?}, ja?, zh?}` (SPEC 14); NULL: no translations. */
  translations: string | null;
}

export interface MenuItemsTable {
  id: Generated<number>;
  store_id: number;
  category_id: number;
  name: string;
  price: number;
  description: string;
  image_key: string | null;
  sold_out: number;
  display_order: number;
  created_at: Millis;
  updated_at: Millis;
  deleted_at: Millis | null;
  /** JSON `{en?: {name, description?}, ja?, zh?}` (SPEC 14); NULL: no translations. */
  translations: string | null;
}

export interface OptionGroupsTable {
  id: Generated<number>;
  store_id: number;
  /** Unique in the store; groups are deleted for good (orders keep their own snapshot). */
  name: string;
  min_select: number;
  max_select: number;
  created_at: Millis;
  updated_at: Millis;
  /** JSON `{en?: {name, description?}, ja?, zh?}` (SPEC 14); NULL: no translations. */
  translations: string | null;
}

export interface MenuOptionsTable {
  id: Generated<number>;
  store_id: number;
  group_id: number;
  name: string;
  price_delta: number;
  sold_out: number;
  display_order: number;
  /** JSON `{en?: {name, description?}, ja?, zh?}` (SPEC 14); NULL: no translations. */
  translations: string | null;
}

/** Which option groups a menu item offers, in `position` order. */
export interface MenuItemOptionGroupsTable {
  menu_item_id: number;
  group_id: number;
  store_id: number;
  position: number;
}

export interface ImagesTable {
  store_id: number;
  image_key: string;
  width: number;
  height: number;
  bytes: number;
  created_at: Millis;
}

export interface OrdersTable {
  id: Generated<number>;
  store_id: number;
  table_id: number;
  table_number: number;
  session_id: number;
  order_date: string;
  seq: number;
  order_number: string;
  status: string;
  note: string;
  total_amount: number;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Millis;
  updated_at: Millis;
  completed_at: Millis | null;
  deleted_at: Millis | null;
}

export interface OrderItemsTable {
  id: Generated<number>;
  order_id: number;
  line_no: number;
  menu_item_id: number;
  name: string;
  unit_price: number;
  quantity: number;
  subtotal: number;
  /** JSON `[{groupName, name, priceDelta}]` of the chosen options; NULL for none (and older lines). */
  options_json: string | null;
  /** How many of the line staff cancelled (since 0007); `quantity` and `subtotal` are what remains. */
  cancelled_quantity: Generated<number>;
}

export interface OrderCountersTable {
  store_id: number;
  order_date: string;
  last_seq: number;
}

export interface EventsTable {
  store_id: number;
  id: number;
  type: string;
  table_id: number | null;
  /** The source table of `table.moved` / `table.merged` (since 0007): its stream carries the event too. */
  other_table_id: Generated<number | null>;
  payload: string;
  created_at: Millis;
}

export interface CallsTable {
  id: Generated<number>;
  store_id: number;
  table_id: number;
  table_number: number;
  /** JSON array of the reasons chosen (snapshots of the store's list at that moment). */
  reasons: string;
  message: string | null;
  status: string;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Millis;
  acknowledged_at: Millis | null;
  closed_at: Millis | null;
}

export interface LoginFailuresTable {
  scope_key: string;
  fail_count: number;
  window_started_at: Millis;
  locked_until: Millis | null;
}

export interface DeviceCredentialsTable {
  id: Generated<number>;
  store_id: number;
  table_id: number;
  /** The table's token version when issued: valid only while the table still has it. */
  token_version: number;
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  secret_hash: string;
  /** The credential this one replaced (rotation), or null for one issued by a password login. */
  parent_id: number | null;
  created_at: Millis;
  /** When it was used and replaced; it stays valid for a grace period after. */
  replaced_at: Millis | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  store_id: number;
  /** `order`, `session` (checkout), `menu_item`, `category` or `table`. */
  subject: string;
  subject_id: number;
  action: string;
  /** The account (null should it be unknown); its username is kept as text in `username`. */
  admin_id: number | null;
  username: string;
  created_at: Millis;
}

export interface PrintersTable {
  id: Generated<number>;
  store_id: number;
  name: string;
  host: string;
  port: number;
  role: string;
  category_ids: string;
  paper_width: number;
  enabled: number;
  failing_since: number | null;
  last_error: string | null;
  created_at: number;
}

export interface PrintJobsTable {
  id: Generated<number>;
  store_id: number;
  printer_id: number;
  order_id: number | null;
  kind: string;
  state: string;
  ticket: string;
  attempts: number;
  next_attempt_at: number;
  claimed_by: string | null;
  claimed_at: number | null;
  maybe_printed: number;
  created_at: number;
  sent_at: number | null;
}

/** Sales summaries (SPEC 13, since 0010): see modules/reports/sales-ledger.ts. */
export interface SalesHoursTable {
  store_id: number;
  local_date: string;
  hour: number;
  orders: number;
  revenue: number;
  cancelled: number;
}

export interface SalesItemsTable {
  store_id: number;
  local_date: string;
  menu_item_id: number;
  quantity: number;
  revenue: number;
}

export interface SalesSessionsTable {
  store_id: number;
  local_date: string;
  session_id: number;
  table_number: number;
  orders: number;
  revenue: number;
}

export interface Database {
  stores: StoresTable;
  admins: AdminsTable;
  dining_tables: DiningTablesTable;
  table_sessions: TableSessionsTable;
  categories: CategoriesTable;
  menu_items: MenuItemsTable;
  option_groups: OptionGroupsTable;
  menu_options: MenuOptionsTable;
  menu_item_option_groups: MenuItemOptionGroupsTable;
  images: ImagesTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_counters: OrderCountersTable;
  events: EventsTable;
  calls: CallsTable;
  login_failures: LoginFailuresTable;
  device_credentials: DeviceCredentialsTable;
  audit_log: AuditLogTable;
  printers: PrintersTable;
  print_jobs: PrintJobsTable;
  sales_hours: SalesHoursTable;
  sales_items: SalesItemsTable;
  sales_sessions: SalesSessionsTable;
}

/** Rows as a query returns them (repositories select the columns they need: `Pick<…Row, …>`). */
export type StoreRow = Selectable<StoresTable>;
export type AdminRow = Selectable<AdminsTable>;
export type DiningTableRow = Selectable<DiningTablesTable>;
export type MenuItemRow = Selectable<MenuItemsTable>;
export type OptionGroupRow = Selectable<OptionGroupsTable>;
export type MenuOptionRow = Selectable<MenuOptionsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type OrderItemRow = Selectable<OrderItemsTable>;
export type DeviceCredentialRow = Selectable<DeviceCredentialsTable>;
export type CallRow = Selectable<CallsTable>;
/** Rows as an insert takes them (generated columns optional). */
export type NewImage = Insertable<ImagesTable>;
export type NewOrder = Insertable<OrdersTable>;
export type NewCall = Insertable<CallsTable>;
export type PrinterRow = Selectable<PrintersTable>;
export type PrintJobRow = Selectable<PrintJobsTable>;
