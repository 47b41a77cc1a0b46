import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { channelLocator, resolveChannelHandle } from '../../helpers/locators';
import { buildMultipart } from '../../helpers/video';
import { peerTubeApiRequest } from '../../transport';
import { NOT_YOURS, failer, notFoundMessage } from './common';

// PeerTube's MIMETYPES.IMAGE (6.x to 8.x)
const IMAGE_TYPES = ['image/png', 'image/jpg', 'image/jpeg', 'image/webp'];

export function imageProperties(kind: 'avatar' | 'banner'): INodeProperties[] {
	return [
		channelLocator(),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field holding the image',
			description: `The ${kind === 'avatar' ? 'avatar (square works best)' : 'banner (wide, e.g. 1920×317)'} as a PNG, JPEG or WebP image of at most 4 MB (8 MB from PeerTube 7.1)`,
		},
	];
}

/** `POST /video-channels/{handle}/{avatar|banner}/pick` with the image as `avatarfile` / `bannerfile`. */
export async function setImage(this: IExecuteFunctions, i: number, kind: 'avatar' | 'banner'): Promise<INodeExecutionData[]> {
	const fail = failer(this, i);
	const property = String(this.getNodeParameter('binaryPropertyName', i, '')).trim();
	if (!property) fail('Input Binary Field is empty: give the name of the binary field holding the image');
	const binary = this.getInputData()[i]?.binary?.[property];
	if (!binary) fail(`Input Binary Field "${property}" does not exist on the input item: check the name, or add the image with a node before`);
	const mimeType = String(binary!.mimeType ?? '').toLowerCase();
	if (!IMAGE_TYPES.includes(mimeType)) {
		fail(`The ${kind} must be a PNG, JPEG or WebP image (the binary field "${property}" is ${mimeType || 'of unknown type'})`);
	}
	const handle = await resolveChannelHandle.call(this, i);
	const data = await this.helpers.getBinaryDataBuffer(i, property);
	const field = `${kind}file`;
	const multipart = buildMultipart({}, [{ field, fileName: binary!.fileName ?? `${kind}.${mimeType.split('/')[1]}`, mimeType, data }]);
	const answer = await peerTubeApiRequest.call(this, 'POST', `/video-channels/${encodeURIComponent(handle)}/${kind}/pick`, {
		body: multipart.body,
		headers: { 'content-type': multipart.contentType },
		itemIndex: i,
		errorMessages: { 404: notFoundMessage(handle), 403: NOT_YOURS },
	});
	const images = kind === 'avatar' ? answer.avatars : answer.banners;
	return [{ json: { channel: handle, [kind === 'avatar' ? 'avatars' : 'banners']: images ?? [] } }];
}
