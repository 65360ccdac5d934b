export { BoardPage } from './BoardPage';
export { ConnectionIndicator } from './ConnectionIndicator';
export { LiveBoardProvider, useLiveBoard, type LiveEvent } from './live-board';
export { SoundBlockedBanner, SoundToggle } from './SoundControl';
export { useOrderAlerts } from './use-order-alerts';
export { pendingCount } from './board-state';
