import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { channelLocator, locatorValue, resolveChannelId } from '../../helpers/locators';
import { videoOutput, videoSimplifyProperty } from '../../helpers/simplify';
import { buildMultipart, readVideoImages, workflowTimeZone } from '../../helpers/video';
import { peerTubeApiRequest } from '../../transport';
import { requireVersion } from '../../transport/version';
import * as update from './update.operation';

// The metadata fields are Update's (same names, same checks), except Channel, which has its own field here
const updateFields = update.description.find((property) => property.name === 'updateFields');
const metadataOptions = ((updateFields?.options ?? []) as INodeProperties[]).filter((option) => option.name !== 'channelId');

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'URL', value: 'url', description: 'The instance downloads the video from this address (a file or a page of a site PeerTube knows)' },
			{ name: 'Magnet URI', value: 'magnet', description: 'The instance downloads the video with BitTorrent' },
			{ name: 'Torrent File', value: 'torrent', description: 'A .torrent file from a binary field of the input item' },
		],
		default: 'url',
	},
	{
		displayName: 'Target URL',
		name: 'targetUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.org/videos/talk.mp4',
		description: 'Public http(s) address the PeerTube instance fetches the video from (not an address only n8n can reach)',
		displayOptions: { show: { source: ['url'] } },
	},
	{
		displayName: 'Magnet URI',
		name: 'magnetUri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. magnet:?xt=urn:btih:...',
		displayOptions: { show: { source: ['magnet'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'torrentBinaryProperty',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the .torrent file',
		description: 'Name of the binary field of the input item that holds the .torrent file (at most 200 KB)',
		displayOptions: { show: { source: ['torrent'] } },
	},
	channelLocator({
		required: false,
		description: 'The channel to publish in: pick one of yours, paste its page URL, or give its handle or numeric ID. Empty: your first channel.',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The video\'s metadata; Name defaults to the title PeerTube finds in the source',
		options: ([
			...metadataOptions,
			{
				displayName: 'Generate Transcription',
				name: 'generateTranscription',
				type: 'boolean',
				default: true,
				description: 'Whether PeerTube transcribes the video into a caption once imported (PeerTube 6.2 or newer, when transcription is enabled)',
			},
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Wait Until Finished',
				name: 'waitUntilFinished',
				type: 'boolean',
				default: false,
				description: 'Whether to wait until PeerTube has finished the import (or it failed) before the node outputs it',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'waitTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 600,
				description: 'How long to wait for the import at most; it goes on on PeerTube afterwards',
				displayOptions: { show: { waitUntilFinished: [true] } },
			},
		],
	},
	videoSimplifyProperty(
		'video',
		"Whether to return the import's video in a simplified version (the main fields, see the documentation) instead of PeerTube's full object; the import's own fields stay as they are",
	),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['import'] } }, properties);

/** VideoImportState: 1 pending, 6 processing are still running; 2 success; 3 failed, 4 rejected, 5 cancelled. */
const RUNNING_STATES = [1, 6];
const TORRENT_MAX_BYTES = 200 * 1024;
/** Pause between two looks at the import: grows from 1 s to 30 s (well inside 50 requests per 10 s). */
export const POLL_DELAYS_MS = [1000, 2000, 3000, 5000, 8000, 13000, 21000, 30000];

function mapCreateError(ctx: IExecuteFunctions, error: unknown, i: number): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const text = `${error.message}\n${error.description ?? ''}`;
	let message: string | undefined;
	if (error.httpCode === '409' && /HTTP import/i.test(text)) {
		message = 'Importing from a URL is disabled on this PeerTube instance (import.videos.http.enabled): an administrator must enable it, or download the file and use Video → Upload';
	} else if (error.httpCode === '409' && /torrent|magnet/i.test(text)) {
		message = 'Importing from a torrent or magnet URI is disabled on this PeerTube instance (import.videos.torrent.enabled): an administrator must enable it, or use another source';
	} else if (error.httpCode === '403' && /unicast/i.test(text)) {
		message = 'PeerTube refused to fetch Target URL: its host is a private or local address, and PeerTube only imports from public addresses. Use an address the instance can reach on the internet, or Video → Upload';
	}
	if (!message) return error;
	return new NodeApiError(ctx.getNode(), {} as JsonObject, { message, httpCode: error.httpCode ?? undefined, itemIndex: i });
}

/** The import as PeerTube lists it now (`GET /users/me/videos/imports`, newest first). */
async function readImport(this: IExecuteFunctions, id: number, i: number): Promise<IDataObject | undefined> {
	let start = 0;
	for (let page = 0; page < 5; page++) {
		// `id` filters from PeerTube 8 on; older versions ignore it, so look for the id in the page
		const list = await peerTubeApiRequest.call(this, 'GET', '/users/me/videos/imports', {
			qs: { id, start, count: 20, sort: '-createdAt' },
			itemIndex: i,
		});
		const data = Array.isArray(list.data) ? (list.data as IDataObject[]) : [];
		const found = data.find((entry) => Number(entry.id) === id);
		if (found) return found;
		start += data.length;
		if (data.length === 0 || start >= Number(list.total ?? 0)) break;
	}
	return undefined;
}

function stateOf(videoImport: IDataObject): { id: number; label: string } {
	const state = (videoImport.state ?? {}) as IDataObject;
	return { id: Number(state.id), label: String(state.label ?? state.id) };
}

async function waitForImport(this: IExecuteFunctions, created: IDataObject, timeoutSeconds: number, i: number): Promise<IDataObject> {
	const id = Number(created.id);
	const deadline = Date.now() + timeoutSeconds * 1000;
	let current = created;
	for (let attempt = 0; RUNNING_STATES.includes(stateOf(current).id); attempt++) {
		const delay = POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)];
		const left = deadline - Date.now();
		if (left <= 0) {
			throw new NodeOperationError(
				this.getNode(),
				`The import ${id} did not finish within ${timeoutSeconds} s (PeerTube says: ${stateOf(current).label}). It goes on on PeerTube: raise Max Wait, or look at it later (My Library → Imports)`,
				{ itemIndex: i },
			);
		}
		await sleep(Math.min(delay, left));
		const found = await readImport.call(this, id, i);
		if (!found) {
			throw new NodeOperationError(this.getNode(), `The import ${id} is no longer listed on PeerTube: it was deleted while n8n waited for it`, { itemIndex: i });
		}
		current = found;
	}
	const state = stateOf(current);
	if (state.id !== 2) {
		const reason = typeof current.error === 'string' && current.error ? `: ${current.error}` : '';
		throw new NodeOperationError(this.getNode(), `The import ${id} ended as "${state.label}" on PeerTube${reason}`, {
			itemIndex: i,
			description: 'The video stays on PeerTube in its "to import" or "import failed" state: check the source, then retry the import or delete the video',
		});
	}
	return current;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = (message: string): never => {
		throw new NodeOperationError(this.getNode(), message, { itemIndex: i });
	};
	const source = this.getNodeParameter('source', i) as string;
	const fields = { ...(this.getNodeParameter('additionalFields', i, {}) as IDataObject) };
	const options = this.getNodeParameter('options', i, {}) as { waitUntilFinished?: boolean; waitTimeout?: number };
	const { thumbnailBinaryProperty, previewBinaryProperty, generateTranscription, ...values } = fields;
	// dates without an offset are in the workflow's time zone, as in Update and Upload
	const body: IDataObject = update.buildUpdateBody(values, fail, Date.now(), workflowTimeZone(this, i));

	const files: Array<{ field: string; fileName: string; mimeType: string; data: Buffer }> = [];
	if (source === 'url') {
		const targetUrl = String(this.getNodeParameter('targetUrl', i, '') ?? '').trim();
		if (!targetUrl) fail('Target URL is empty: give the http(s) address of the video to import');
		let url: URL | undefined;
		try {
			url = new URL(targetUrl);
		} catch {
			url = undefined;
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) fail(`Target URL "${targetUrl}" is not an http(s) address: give the full address, starting with https:// or http://`);
		if (targetUrl.length > 2000) fail(`Target URL is ${targetUrl.length} characters long; PeerTube accepts at most 2000`);
		body.targetUrl = targetUrl;
	} else if (source === 'magnet') {
		const magnetUri = String(this.getNodeParameter('magnetUri', i, '') ?? '').trim();
		if (!magnetUri) fail('Magnet URI is empty: give the magnet:? link of the video');
		if (!/^magnet:\?/i.test(magnetUri)) fail(`Magnet URI must start with "magnet:?" (got "${magnetUri.slice(0, 40)}")`);
		body.magnetUri = magnetUri;
	} else if (source === 'torrent') {
		const property = String(this.getNodeParameter('torrentBinaryProperty', i, 'data') ?? '').trim();
		if (!property) fail('Input Binary Field is empty: give the name of the binary field holding the .torrent file');
		const binary = this.getInputData()[i]?.binary?.[property];
		if (!binary) fail(`Input Binary Field "${property}" does not exist on the input item: check the name, or read the .torrent file with a node before`);
		const fileName = String(binary!.fileName ?? '');
		const mimeType = String(binary!.mimeType ?? '').toLowerCase();
		if (!/\.torrent$/i.test(fileName) && mimeType !== 'application/x-bittorrent') {
			fail(`The torrent file must be a .torrent file; "${fileName || property}" is ${mimeType || 'of unknown type'}: check Input Binary Field`);
		}
		const data = await this.helpers.getBinaryDataBuffer(i, property);
		if (data.length === 0) fail(`The torrent file "${fileName || property}" is empty (0 bytes): check Input Binary Field, or read the file again with the node before`);
		if (data.length > TORRENT_MAX_BYTES) fail(`The torrent file is ${data.length} bytes; PeerTube accepts at most ${TORRENT_MAX_BYTES} bytes (200 KB)`);
		files.push({ field: 'torrentfile', fileName: /\.torrent$/i.test(fileName) ? fileName : 'video.torrent', mimeType: 'application/x-bittorrent', data });
	} else {
		fail(`Source "${source}" is unknown: use url, magnet or torrent`);
	}

	files.push(...(await readVideoImages(this, i, { thumbnailBinaryProperty, previewBinaryProperty }, fail)));
	if (options.waitUntilFinished === true) {
		const timeout = Number(options.waitTimeout ?? 600);
		if (!Number.isFinite(timeout) || timeout < 1) fail(`Max Wait (Seconds) must be at least 1 (got ${options.waitTimeout})`);
	}

	if (generateTranscription !== undefined) {
		if (typeof generateTranscription !== 'boolean') fail('Generate Transcription must be true or false: turn the switch on or off, or give a boolean expression');
		if (generateTranscription === true) await requireVersion.call(this, [6, 2, 0], 'Generate Transcription on import', i);
		body.generateTranscription = generateTranscription;
	}

	// Comments Policy: `commentsEnabled` before 6.2 (those versions ignore commentsPolicy), as Update does
	await update.adaptToVersion.call(this, body, i);

	// the channel: the locator's, or the account's first channel when it is left empty
	if (locatorValue(this.getNodeParameter('channel', i, '')).value === '') {
		const me = await peerTubeApiRequest.call(this, 'GET', '/users/me', { itemIndex: i });
		const channels = Array.isArray(me.videoChannels) ? (me.videoChannels as IDataObject[]) : [];
		if (!channels.length) fail('The PeerTube account has no channel to publish in: create a channel first, or pick another credential');
		body.channelId = Number(channels[0].id);
	} else {
		body.channelId = await resolveChannelId.call(this, i);
	}

	let created: IDataObject;
	try {
		if (files.length) {
			const multipart = buildMultipart(body, files);
			created = await peerTubeApiRequest.call(this, 'POST', '/videos/imports', {
				body: multipart.body,
				headers: { 'content-type': multipart.contentType },
				itemIndex: i,
			});
		} else {
			created = await peerTubeApiRequest.call(this, 'POST', '/videos/imports', { body, itemIndex: i });
		}
	} catch (error) {
		throw mapCreateError(this, error, i);
	}
	const videoImport = options.waitUntilFinished === true ? await waitForImport.call(this, created, Number(options.waitTimeout ?? 600), i) : created;
	return [{ json: await simplifyImport.call(this, i, videoImport) }];
}

/** The import as output: with Simplify, its `video` (when there is one) is simplified, the rest as PeerTube sent it. */
async function simplifyImport(this: IExecuteFunctions, i: number, videoImport: IDataObject): Promise<IDataObject> {
	const video = videoImport.video;
	if (video === null || typeof video !== 'object' || Array.isArray(video)) return videoImport;
	const [output] = await videoOutput.call(this, i, [video as IDataObject]);
	return output === video ? videoImport : { ...videoImport, video: output };
}
