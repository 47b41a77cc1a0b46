import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { peerTubeApiRequestAllItems } from '../../transport';
import { myAccountName } from '../channel/common';

export const syncIdProperty: INodeProperties = {
	displayName: 'Channel Sync ID',
	name: 'syncId',
	type: 'number',
	required: true,
	default: 0,
	description: 'The numeric ID of the channel synchronisation (see Channel Sync → Get Many)',
};

export function readSyncId(this: IExecuteFunctions, i: number): number {
	const raw = this.getNodeParameter('syncId', i, 0) as unknown;
	const id = Number(raw);
	if (!Number.isInteger(id) || id < 1) {
		throw new NodeOperationError(this.getNode(), `Channel Sync ID must be a whole number of at least 1 (got "${String(raw)}")`, { itemIndex: i });
	}
	return id;
}

export const SYNC_DISABLED =
	'Channel synchronisation is disabled on this PeerTube instance: an administrator can enable it in Administration → Configuration → Basic → Import ("Synchronize channels", import.video_channel_synchronization.enabled in production.yaml; it needs HTTP import enabled too)';

export const HTTP_IMPORT_DISABLED =
	'Importing videos is disabled on this PeerTube instance (HTTP import is off): an administrator can enable it in Administration → Configuration → Basic → Import (import.videos.http.enabled in production.yaml)';

/** The detail PeerTube sent with an error (kept in the NodeApiError's description/message). */
export function peerTubeDetail(error: unknown): string {
	if (!(error instanceof NodeApiError)) return '';
	return `${error.message} ${error.description ?? ''}`;
}

/** The credential's channel syncs, paged (`GET /accounts/{me}/video-channel-syncs`). */
export async function listMySyncs(this: IExecuteFunctions, i: number, limit: number | undefined, qs: IDataObject = {}): Promise<IDataObject[]> {
	const account = await myAccountName.call(this, i);
	return await peerTubeApiRequestAllItems.call(this, `/accounts/${encodeURIComponent(account)}/video-channel-syncs`, qs, limit, { itemIndex: i });
}

/**
 * Runs a request and, when PeerTube answers 403 with a detail matching `pattern`, replaces the
 * generic message by `message` (which says what is off and who can change it).
 */
export async function withForbiddenMessage(this: IExecuteFunctions, i: number, request: Promise<IDataObject>, pattern: RegExp, message: string): Promise<IDataObject> {
	const outcome = await request.then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
	if (outcome.ok) return outcome.value;
	const failure = outcome.error;
	if (failure instanceof NodeApiError && failure.httpCode === '403' && pattern.test(peerTubeDetail(failure))) {
		throw new NodeApiError(this.getNode(), {}, { message, httpCode: '403', itemIndex: i });
	}
	throw failure;
}
