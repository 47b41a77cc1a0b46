import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import { locatorValue, resolveChannelId } from '../../helpers/locators';
import { simplifyPlaylist } from '../../helpers/simplify';
import { buildMultipart } from '../../helpers/video';
import { instanceBaseUrl, peerTubeApiRequest } from '../../transport';

export const PLAYLIST_PRIVACY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Public', value: 1, description: 'Listed and visible to everyone; needs a channel' },
	{ name: 'Unlisted', value: 2, description: 'Visible to whoever has the link; needs a channel' },
	{ name: 'Private', value: 3, description: 'Visible only to you' },
];

const PRIVACY_NAMES: Record<number, string> = { 1: 'Public', 2: 'Unlisted', 3: 'Private' };

// PeerTube's CONSTRAINTS_FIELDS.VIDEO_PLAYLISTS.IMAGE.EXTNAME: .jpg / .jpeg only
const THUMBNAIL_TYPES = ['image/jpeg', 'image/jpg'];

export const WATCH_LATER_NOTE = 'Watch Later is a special playlist: PeerTube does not let it be updated or deleted';

/** Checks displayName / description / privacy as PeerTube's validators do. */
export function playlistFields(fields: IDataObject, fail: (message: string) => never): IDataObject {
	const body: IDataObject = {};
	if (fields.displayName !== undefined) {
		const displayName = String(fields.displayName).trim();
		if (displayName.length < 1 || displayName.length > 120) fail(`Display Name must be 1 to 120 characters long (it has ${displayName.length})`);
		body.displayName = displayName;
	}
	if (fields.description !== undefined) {
		const text = String(fields.description);
		if (text.length < 3 || text.length > 1000) fail(`Description must be 3 to 1000 characters long (it has ${text.length})`);
		body.description = text;
	}
	if (fields.privacy !== undefined) {
		const privacy = Number(fields.privacy);
		if (!PRIVACY_NAMES[privacy]) fail(`Privacy "${String(fields.privacy)}" is unknown: use 1 (public), 2 (unlisted) or 3 (private)`);
		body.privacy = privacy;
	}
	return body;
}

export function privacyName(privacy: number): string {
	return PRIVACY_NAMES[privacy] ?? String(privacy);
}

/** Whether an optional channel locator holds something. */
export function hasChannel(this: IExecuteFunctions, i: number, name: string): boolean {
	return locatorValue(this.getNodeParameter(name, i, '')).value !== '';
}

export async function optionalChannelId(this: IExecuteFunctions, i: number, name: string): Promise<number | undefined> {
	if (!hasChannel.call(this, i, name)) return undefined;
	return await resolveChannelId.call(this, i, name, 'Channel');
}

/** The thumbnail file of a binary property, checked (JPEG only, as PeerTube's playlist validator). */
export async function readThumbnail(
	this: IExecuteFunctions,
	i: number,
	property: string,
	fail: (message: string) => never,
): Promise<{ field: string; fileName: string; mimeType: string; data: Buffer }> {
	const name = property.trim();
	if (!name) fail('Thumbnail Binary Field is empty: give the name of the binary field holding the image');
	const binary = this.getInputData()[i]?.binary?.[name];
	if (!binary) fail(`Thumbnail Binary Field "${name}" does not exist on the input item: check the name, or add the image with a node before`);
	const mimeType = String(binary!.mimeType ?? '').toLowerCase();
	if (!THUMBNAIL_TYPES.includes(mimeType)) fail(`A playlist thumbnail must be a JPEG image (the binary field "${name}" is ${mimeType || 'of unknown type'})`);
	const data = await this.helpers.getBinaryDataBuffer(i, name);
	return { field: 'thumbnailfile', fileName: binary!.fileName ?? 'thumbnail.jpg', mimeType: 'image/jpeg', data };
}

/** JSON, or multipart when a thumbnail goes along. */
export function playlistRequestBody(
	body: IDataObject,
	thumbnail: { field: string; fileName: string; mimeType: string; data: Buffer } | undefined,
): { body: IDataObject | Buffer; headers?: IDataObject } {
	if (!thumbnail) return { body };
	const multipart = buildMultipart(body, [thumbnail]);
	return { body: multipart.body, headers: { 'content-type': multipart.contentType } };
}

export async function readPlaylist(this: IExecuteFunctions, i: number, path: string, notFound: string, simplify: boolean): Promise<IDataObject> {
	const playlist = await peerTubeApiRequest.call(this, 'GET', path, {
		itemIndex: i,
		errorMessages: { 404: notFound, 403: PRIVATE_PLAYLIST },
	});
	return simplify ? simplifyPlaylist(playlist, await instanceBaseUrl.call(this)) : playlist;
}

export const NOT_YOURS =
	"PeerTube refused: the credential's account does not own this playlist (or it belongs to another instance). Use a credential of the playlist's owner, or pick one of your playlists";

export const PRIVATE_PLAYLIST = "This playlist is private and the credential's account does not own it: use a credential of its owner, or pick one of your playlists";
