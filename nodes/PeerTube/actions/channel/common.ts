import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplifyChannel } from '../../helpers/simplify';
import { instanceBaseUrl, peerTubeApiRequest } from '../../transport';

/** PeerTube's rule for actor names (`isUserUsernameValid`): lowercase letters, digits, `_`, `.`, `-`. */
export const CHANNEL_NAME_REGEX = /^[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?$/;

export function failer(ctx: IExecuteFunctions, i: number): (message: string) => never {
	return (message: string): never => {
		throw new NodeOperationError(ctx.getNode(), message, { itemIndex: i });
	};
}

export function checkChannelName(name: string, fail: (message: string) => never): void {
	if (name.length < 1 || name.length > 50) fail(`Name must be 1 to 50 characters long (it has ${name.length})`);
	if (!CHANNEL_NAME_REGEX.test(name)) {
		fail(`Name "${name}" is not allowed: use lowercase letters, digits and _ (also . and - inside the name), e.g. my_channel`);
	}
}

/** Checks the editable fields the way PeerTube's validators do; only the given ones go in the body. */
export function channelFields(fields: IDataObject, fail: (message: string) => never): IDataObject {
	const body: IDataObject = {};
	if (fields.displayName !== undefined) {
		const displayName = String(fields.displayName).trim();
		if (displayName.length < 1 || displayName.length > 120) fail(`Display Name must be 1 to 120 characters long (it has ${displayName.length})`);
		body.displayName = displayName;
	}
	for (const [key, label] of [
		['description', 'Description'],
		['support', 'Support'],
	] as const) {
		if (fields[key] === undefined) continue;
		const text = String(fields[key]);
		if (text.length < 3 || text.length > 1000) fail(`${label} must be 3 to 1000 characters long (it has ${text.length})`);
		body[key] = text;
	}
	return body;
}

export function notFoundMessage(handle: string): string {
	return `There is no channel "${handle}" on this PeerTube instance: check Channel`;
}

export const NOT_YOURS =
	"PeerTube refused: the credential's account does not own this channel (or it belongs to another instance), and only its owner or a moderator with the right to manage any channel may change it. Use a credential of the channel's owner, or pick one of your channels";

/** `GET /video-channels/{handle}`, simplified or not. */
export async function readChannel(this: IExecuteFunctions, i: number, handle: string, simplify: boolean): Promise<IDataObject> {
	const channel = await peerTubeApiRequest.call(this, 'GET', `/video-channels/${encodeURIComponent(handle)}`, {
		itemIndex: i,
		errorMessages: { 404: notFoundMessage(handle) },
	});
	return simplify ? simplifyChannel(channel, await instanceBaseUrl.call(this)) : channel;
}

/** The credential's account name (`GET /users/me`). */
export async function myAccountName(this: IExecuteFunctions, i: number): Promise<string> {
	const me = await peerTubeApiRequest.call(this, 'GET', '/users/me', { itemIndex: i });
	return String((me.account as IDataObject | undefined)?.name ?? me.username);
}
