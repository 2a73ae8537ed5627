// API wiring: the parts the API is built from, the union of what its capabilities ask for. Tests and the local server
// choose real or in-memory parts here; createApp (app.ts) wires the capabilities to each other.
import type { CpdLogRepository } from '#functions/cpd/log.repository.ts';
import type { FeedbackRepository } from '#functions/cpd/feedback.repository.ts';
import type { EventsDeps } from '#functions/events/deps.ts';
import type { RsvpsDeps } from '#functions/rsvps/deps.ts';
import type { NetworksDeps } from '#functions/networks/deps.ts';
import type { MeDeps } from '#functions/me/deps.ts';
import type { ModerationDeps } from '#functions/moderation/deps.ts';
import type { FollowsDeps } from '#functions/follows/deps.ts';
import type { MessagesDeps } from '#functions/messages/deps.ts';
import type { Logger } from '#functions/core/log.ts';
import type { StillComingDeps } from '#functions/attendance/still-coming.ts';
import type { CheckInDeps } from '#functions/attendance/check-in-deps.ts';

/** Everything but the links between capabilities, which createApp makes. */
export type AppDeps = Omit<EventsDeps, 'fillFreedPlaces'> & RsvpsDeps & NetworksDeps & MeDeps & ModerationDeps & FollowsDeps & Pick<MessagesDeps, 'attendeeClaims'> & Pick<CheckInDeps, 'checkIns' | 'codeAttempts'> & Pick<StillComingDeps, 'stillComing'> & { cpdLog: CpdLogRepository; feedback: FeedbackRepository; logger: Logger };
