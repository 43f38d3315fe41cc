export { messageBoardService, MESSAGE_BOARD_SDL, type MessageBoardServiceOptions } from './service';
export { messageBoardAdapter } from './client';
export { mapPost } from './mapping';
export { startMessageBoardSimulator, postOf, type MessageBoardSimulatorOptions } from './simulator';
export { messageBoardSettings } from './config';
export type { LegacyPost, PostPage } from './legacyPost';
