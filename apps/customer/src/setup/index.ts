export { SetupScreen } from './SetupScreen';
export { SettingsDialog } from './SettingsDialog';
export { useHiddenGesture } from './use-hidden-gesture';
