import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { buildMultipart } from '../../helpers/video';
import { peerTubeApiRequest } from '../../transport';
import { languageProperty, readLanguage } from './shared';

const properties: INodeProperties[] = [
	videoIdProperty,
	languageProperty,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the caption file (.vtt or .srt)',
		description: 'Name of the binary field of the input item that holds the WebVTT (.vtt) or SubRip (.srt) file',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['videoCaption'], operation: ['upload'] } }, properties);

/** PeerTube's limit for a caption file (CONSTRAINTS_FIELDS.VIDEO_CAPTIONS.CAPTION_FILE). */
export const CAPTION_MAX_BYTES = 20 * 1024 * 1024;

/** The MIME type PeerTube accepts for this caption file, from its extension or its declared type. */
function captionMimeType(fileName: string, mimeType: string): string | undefined {
	const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
	if (extension === 'vtt') return 'text/vtt';
	if (extension === 'srt') return 'application/x-subrip';
	if (extension === undefined || extension === 'txt') {
		if (mimeType === 'text/vtt') return 'text/vtt';
		if (mimeType === 'application/x-subrip' || mimeType === 'application/srt') return 'application/x-subrip';
	}
	return undefined;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = (message: string): never => {
		throw new NodeOperationError(this.getNode(), message, { itemIndex: i });
	};
	const { path, notFound } = videoPath.call(this, i);
	const language = readLanguage.call(this, i);
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim();
	if (!property) fail('Input Binary Field is empty: give the name of the binary field holding the caption file');
	const binary = this.getInputData()[i]?.binary?.[property];
	if (!binary) fail(`Input Binary Field "${property}" does not exist on the input item: check the name, or read the caption file with a node before`);
	const fileName = String(binary!.fileName ?? '');
	const declared = String(binary!.mimeType ?? '').toLowerCase().split(';')[0].trim();
	const mimeType = captionMimeType(fileName, declared);
	if (!mimeType) {
		fail(`The caption file must be WebVTT (.vtt) or SubRip (.srt); "${fileName || property}" is ${declared || 'of unknown type'}: convert it, or check Input Binary Field`);
	}
	const data = await this.helpers.getBinaryDataBuffer(i, property);
	if (data.length === 0) fail(`The caption file "${fileName || property}" is empty (0 bytes): check Input Binary Field`);
	if (data.length > CAPTION_MAX_BYTES) fail(`The caption file is ${data.length} bytes; PeerTube accepts at most ${CAPTION_MAX_BYTES} bytes (20 MB)`);

	const extension = mimeType === 'text/vtt' ? 'vtt' : 'srt';
	const safeName = fileName && /\.(vtt|srt)$/i.test(fileName) ? fileName : `${language}.${extension}`;
	const multipart = buildMultipart({}, [{ field: 'captionfile', fileName: safeName, mimeType: mimeType!, data }]);
	await peerTubeApiRequest.call(this, 'PUT', `${path}/captions/${encodeURIComponent(language)}`, {
		body: multipart.body,
		headers: { 'content-type': multipart.contentType },
		itemIndex: i,
		errorMessages: {
			404: notFound,
			403: "PeerTube refused to add the caption: the credential's account does not own this video (and is not a moderator): use a credential of the video's owner or of a moderator",
		},
	});
	// PeerTube answers 204: read the captions back so the output shows the caption as stored
	const page = await peerTubeApiRequest.call(this, 'GET', `${path}/captions`, { itemIndex: i, errorMessages: { 404: notFound } });
	const captions = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
	const stored = captions.find((caption) => (caption.language as IDataObject | undefined)?.id === language);
	return [{ json: stored ?? { language: { id: language } } }];
}
