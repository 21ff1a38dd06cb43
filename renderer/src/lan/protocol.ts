/** The LAN protocol's types as the pages use them: shared/contract/lan-api.ts is the one source (types only, so zod stays out of a phone's bundle). */
export type {
  CastAck,
  DeskMember,
  DeskSignedIn,
  DeskState,
  DeskSummary,
  TerminalPoll,
  TerminalState,
} from '../../../shared/contract/lan-api';
export type { CastBallot } from '../../../shared/contract/poll-types';
