export { BoardPage } from './BoardPage';
export { ConnectionIndicator } from './ConnectionIndicator';
export { LiveBoardProvider, useLiveBoard, type LiveEvent, type StreamListener } from './live-board';
export { SoundBlockedBanner, SoundToggle } from './SoundControl';
export { useAlerts } from './use-alerts';
export { openCalls, pendingCount } from './board-state';
export { useUpdateOrderStatus } from './api/update-order-status';
export { getDashboard } from './api/get-dashboard';
