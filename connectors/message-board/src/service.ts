import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelSdl, channelService, type ChannelServiceModule, type Intake, type SimulatorFaults, type SimulatedPace, pacedScenario, type SourceSettings } from '@huying/connector-kit';
import { messageBoardAdapter } from './client';
import { messageBoardSettings } from './config';
import type { LegacyPost } from './legacyPost';
import { startMessageBoardSimulator } from './simulator';

export const MESSAGE_BOARD_SDL = channelSdl({
  nativeField: 'boardPost',
  nativeType: 'BoardPost',
  nativeSdl: readFileSync(join(__dirname, 'messageBoard.graphql'), 'utf8'),
  description: 'The message-board post this report came from.',
});

export interface MessageBoardServiceOptions {
  simulate?: boolean;
  seed?: number;
  faults?: SimulatorFaults;
  /** The simulated city's history and pace (default: the simulator's own, a day of backlog). */
  pace?: SimulatedPace;
  source?: Partial<SourceSettings>;
  intake?: Intake;
}

/** The message-board connector subgraph: pulls posts, adds `Report.boardPost`. */
export function messageBoardService(options: MessageBoardServiceOptions = {}): ChannelServiceModule<LegacyPost> {
  const source = { ...messageBoardSettings.source, ...options.source };
  return channelService({
    name: 'message-board',
    schema: 'message_board',
    sdl: MESSAGE_BOARD_SDL,
    adapter: messageBoardAdapter({ pageSize: source.pageSize }),
    nativeField: 'boardPost',
    source,
    intake: options.intake,
    simulator: options.simulate
      ? (clock) => startMessageBoardSimulator({ clock, ...pacedScenario(clock, options.pace), seed: options.seed ?? messageBoardSettings.simulatorSeed, faults: options.faults })
      : undefined,
  });
}
