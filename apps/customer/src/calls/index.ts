export { CallSheet } from './CallSheet';
export { CallStatusNotice, StaffCallButton } from './StaffCallButton';
export { applyCallEvent } from './call-events';
export { callsQueryKey } from './get-calls';
