/**
 * Every API route module of the stand-in, one per PeerTube resource (as the node is split).
 * Order matters only where two patterns could match the same path: the first wins
 * (e.g. /videos/upload-resumable and /videos/imports before /videos/:id).
 */
import type { Route } from '../http.cjs';
import { abuseRoutes } from './abuses.cjs';
import { accountRoutes } from './accounts.cjs';
import { captionRoutes } from './captions.cjs';
import { channelSyncRoutes } from './channelSyncs.cjs';
import { channelRoutes } from './channels.cjs';
import { commentRoutes } from './comments.cjs';
import { configRoutes } from './config.cjs';
import { importRoutes } from './imports.cjs';
import { instanceRoutes } from './instance.cjs';
import { jobRoutes } from './jobs.cjs';
import { notificationRoutes } from './notifications.cjs';
import { oauthRoutes } from './oauth.cjs';
import { ratingRoutes } from './ratings.cjs';
import { registrationRoutes } from './registrations.cjs';
import { replaceFileRoutes } from './replaceFile.cjs';
import { searchRoutes } from './search.cjs';
import { subscriptionRoutes } from './subscriptions.cjs';
import { uploadRoutes } from './uploads.cjs';
import { userRoutes } from './users.cjs';
import { videoRoutes } from './videos.cjs';
import { playlistRoutes } from './playlists.cjs';

export const API_ROUTES: Route[] = [
	...configRoutes,
	...oauthRoutes,
	...registrationRoutes,
	...userRoutes,
	...uploadRoutes,
	...replaceFileRoutes,
	...importRoutes,
	...searchRoutes,
	...playlistRoutes,
	...channelSyncRoutes,
	...channelRoutes,
	...accountRoutes,
	...jobRoutes,
	...abuseRoutes,
	...commentRoutes,
	...notificationRoutes,
	...ratingRoutes,
	...subscriptionRoutes,
	...instanceRoutes,
	...captionRoutes,
	// Keep last: /videos/:id would match the fixed /videos/... paths above.
	...videoRoutes,
];
