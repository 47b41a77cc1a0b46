import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { channelLocator, locatorValue, parseChannelRef, resolveChannelId, instanceHost } from '../../helpers/locators';
import { videoOutput, videoSimplifyProperty } from '../../helpers/simplify';
import { buildMultipart, readVideoImages, workflowTimeZone } from '../../helpers/video';
import { peerTubeApiRequest } from '../../transport';
import type { UploadFile } from '../../transport/upload';
import { bufferFile, chunkSizeFor, resumableUpload, streamFile } from '../../transport/upload';
import { atLeast, instanceInfo, requireVersion } from '../../transport/version';
import { buildUpdateBody, description as updateDescription } from './update.operation';

/** The metadata fields Upload shares with Update (same names, same checks). */
const SHARED_FIELDS = [
	'category',
	'commentsPolicy',
	'description',
	'downloadEnabled',
	'language',
	'licence',
	'nsfw',
	'originallyPublishedAt',
	'previewBinaryProperty',
	'privacy',
	'scheduleUpdateAt',
	'scheduleUpdatePrivacy',
	'support',
	'tags',
	'thumbnailBinaryProperty',
	'videoPasswords',
	'waitTranscoding',
];

const updateFields = updateDescription.find((property) => property.name === 'updateFields');
const metadataOptions = ((updateFields?.options ?? []) as INodeProperties[]).filter((option) => SHARED_FIELDS.includes(option.name));

export const binaryPropertyProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field holding the video file',
	description: 'Name of the binary field of the input item that holds the video file',
};

/** Wait Until Published and its limit, shared by Upload and Replace File. */
export const waitOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: 'With Wait Until Published: how long to wait before failing',
		},
		{
			displayName: 'Wait Until Published',
			name: 'waitUntilPublished',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until PeerTube has processed the video and it can be watched (or has failed). The output then shows the final state.',
		},
	],
};

const properties: INodeProperties[] = [
	binaryPropertyProperty,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Leave empty to use the file name',
		description: 'Video title (3 to 120 characters). Empty: the file name without its extension.',
	},
	channelLocator({
		required: false,
		description: 'The channel to publish in: pick one of yours, paste its page URL, or give its handle or numeric ID. Empty: your first channel.',
		list: 'mine',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: metadataOptions,
	},
	waitOptions,
	videoSimplifyProperty('video'),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['upload'] } }, properties);


/** MIME types for files n8n labels as generic binary, by extension (PeerTube checks the type). */
const VIDEO_TYPES: Record<string, string> = {
	'.mp4': 'video/mp4',
	'.m4v': 'video/mp4',
	'.webm': 'video/webm',
	'.ogv': 'video/ogg',
	'.ogg': 'video/ogg',
	'.mkv': 'video/x-matroska',
	'.mov': 'video/quicktime',
	'.qt': 'video/quicktime',
	'.avi': 'video/x-msvideo',
	'.wmv': 'video/x-ms-wmv',
	'.flv': 'video/x-flv',
	'.mpg': 'video/mpeg',
	'.mpeg': 'video/mpeg',
	'.3gp': 'video/3gpp',
	'.mts': 'video/mp2t',
	'.m2ts': 'video/mp2t',
	'.ts': 'video/mp2t',
	'.mp3': 'audio/mpeg',
	'.wav': 'audio/wav',
	'.flac': 'audio/flac',
	'.m4a': 'audio/mp4',
};

/** PeerTube states after which a video will not become watchable by waiting. */
const FAILED_STATES: Record<number, string> = {
	7: 'Transcoding failed',
	8: 'Move to external storage failed',
	11: 'Move to file system failed',
	12: 'Import failed',
};

function extensionOf(fileName: string): string {
	const match = /(\.[^./\\]+)$/.exec(fileName);
	return match ? match[1].toLowerCase() : '';
}

export interface InputVideoFile {
	file: UploadFile;
	property: string;
}

/**
 * The video file of an input item, ready for the upload engine: streamed where n8n keeps binary
 * data outside the item (filesystem, S3), sliced from memory where it is already there (default).
 */
export async function inputVideoFile(this: IExecuteFunctions, i: number, fail: (message: string) => never): Promise<InputVideoFile> {
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim();
	if (!property) fail('Input Binary Field is empty: give the name of the binary field holding the video (usually "data")');
	const binary = this.getInputData()[i]?.binary?.[property] as IBinaryData | undefined;
	if (!binary) {
		const names = Object.keys(this.getInputData()[i]?.binary ?? {});
		fail(
			`The input item has no binary field "${property}"${names.length ? ` (it has: ${names.join(', ')})` : ' (it has no binary data at all)'}: set Input Binary Field, or add the file with a node before (e.g. HTTP Request or Read/Write Files from Disk)`,
		);
	}
	let fileName = String(binary!.fileName ?? '').trim();
	let mimeType = String(binary!.mimeType ?? '').split(';')[0].trim().toLowerCase();
	const extension = extensionOf(fileName);
	if ((!mimeType || mimeType === 'application/octet-stream') && VIDEO_TYPES[extension]) mimeType = VIDEO_TYPES[extension];
	if (!mimeType) mimeType = 'application/octet-stream';
	if (!fileName) fileName = `video${Object.entries(VIDEO_TYPES).find(([, type]) => type === mimeType)?.[0] ?? ''}`;

	let file: UploadFile;
	if (binary!.id) {
		const id = binary!.id;
		let size = typeof (binary as { bytes?: unknown }).bytes === 'number' ? Number((binary as { bytes?: number }).bytes) : NaN;
		if (!Number.isFinite(size)) size = Number((await this.helpers.getBinaryMetadata(id)).fileSize);
		// filesystem mode reads the file with a read stream: every piece is its own Buffer
		const fromFile = /^filesystem(-v2)?:/.test(id);
		file = streamFile(size, fileName, mimeType, async (readSize) => (await this.helpers.getBinaryStream(id, readSize)) as AsyncIterable<Buffer>, fromFile);
	} else {
		// default mode: n8n already holds the file in memory; slicing it costs nothing more
		const data = await this.helpers.getBinaryDataBuffer(i, property);
		file = bufferFile(data, fileName, mimeType);
	}
	if (!Number.isFinite(file.size)) fail(`Could not tell the size of the binary field "${property}": read the file again with the node before`);
	if (file.size === 0) fail(`The binary field "${property}" is empty (0 bytes): there is no video to upload; check Input Binary Field`);
	return { file, property };
}

/** The instance's accepted file extensions, checked before sending a byte. */
export function checkExtension(config: IDataObject, file: UploadFile, fail: (message: string) => never): void {
	const extensions = ((config.video as IDataObject | undefined)?.file as IDataObject | undefined)?.extensions;
	const extension = extensionOf(file.fileName);
	if (!Array.isArray(extensions) || extensions.length === 0 || !extension) return;
	const accepted = extensions.map((entry) => String(entry).toLowerCase());
	if (!accepted.includes(extension)) {
		fail(
			`This PeerTube instance does not accept ${extension} files ("${file.fileName}"); it accepts ${accepted.join(', ')}. Convert the video first, or fix the file name if it is wrong`,
		);
	}
}

function sizeText(bytes: number): string {
	if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
	if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
	return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The account's quota (total and daily), checked against the file before sending a byte. */
export async function checkQuota(this: IExecuteFunctions, me: IDataObject, file: UploadFile, i: number, fail: (message: string) => never): Promise<void> {
	const quota = Number(me.videoQuota ?? -1);
	const daily = Number(me.videoQuotaDaily ?? -1);
	if (!(quota >= 0) && !(daily >= 0)) return;
	let used = me.videoQuotaUsed;
	let usedDaily = me.videoQuotaUsedDaily;
	if (used === undefined || usedDaily === undefined) {
		const answer = await peerTubeApiRequest.call(this, 'GET', '/users/me/video-quota-used', { itemIndex: i });
		used = answer.videoQuotaUsed;
		usedDaily = answer.videoQuotaUsedDaily;
	}
	// PeerTube counts a new upload as its size (transcoding may take more later)
	if (quota >= 0 && Number(used ?? 0) + file.size > quota) {
		fail(
			`The video quota of the PeerTube account is exhausted: "${file.fileName}" is ${sizeText(file.size)}, and ${sizeText(Math.max(0, quota - Number(used ?? 0)))} of the ${sizeText(quota)} quota are left. Free space by deleting videos, or ask the instance's administrator for a larger quota`,
		);
	}
	if (daily >= 0 && Number(usedDaily ?? 0) + file.size > daily) {
		fail(
			`The daily video quota of the PeerTube account is exhausted: "${file.fileName}" is ${sizeText(file.size)}, and ${sizeText(Math.max(0, daily - Number(usedDaily ?? 0)))} of the ${sizeText(daily)} daily quota are left. Retry tomorrow, or ask the instance's administrator for a larger quota`,
		);
	}
}

/** Thumbnail / preview images from the item's binary properties, checked like Update does. */

function isWatchable(video: IDataObject): boolean {
	const state = Number((video.state as IDataObject | undefined)?.id);
	if (state !== 1) return false;
	const files = Array.isArray(video.files) ? video.files : [];
	const playlists = Array.isArray(video.streamingPlaylists) ? (video.streamingPlaylists as IDataObject[]) : [];
	return files.length > 0 || playlists.some((playlist) => Array.isArray(playlist.files) && playlist.files.length > 0);
}

/**
 * Reads the video back; with Wait Until Published, polls it (backoff 2 s → 30 s, every request
 * paced under the rate limit) until it can be watched, fails, or Max Wait runs out.
 */
export async function readBackVideo(this: IExecuteFunctions, id: string | number, i: number, options: IDataObject): Promise<IDataObject> {
	const path = `/videos/${encodeURIComponent(String(id))}`;
	const read = async () => await peerTubeApiRequest.call(this, 'GET', path, { itemIndex: i });
	let video = await read();
	if (options.waitUntilPublished !== true) return video;
	const maxMinutes = Number(options.maxWaitMinutes ?? 60);
	if (!Number.isFinite(maxMinutes) || maxMinutes <= 0) {
		throw new NodeOperationError(this.getNode(), `Max Wait (Minutes) must be a positive number (got ${options.maxWaitMinutes})`, { itemIndex: i });
	}
	const deadline = Date.now() + maxMinutes * 60_000;
	let delay = 2000;
	for (;;) {
		const state = Number((video.state as IDataObject | undefined)?.id);
		if (isWatchable(video)) return video;
		if (FAILED_STATES[state]) {
			throw new NodeApiError(this.getNode(), video as JsonObject, {
				message: `PeerTube could not publish video ${String(video.uuid ?? id)}: ${String((video.state as IDataObject | undefined)?.label ?? FAILED_STATES[state])} (state ${state})`,
				description: 'The file was uploaded, but PeerTube could not process it. Check the instance\'s jobs, or replace the file.',
				itemIndex: i,
			});
		}
		if (Date.now() + delay > deadline) {
			throw new NodeOperationError(
				this.getNode(),
				`Video ${String(video.uuid ?? id)} is still "${String((video.state as IDataObject | undefined)?.label ?? state)}" after ${maxMinutes} minutes: raise Max Wait (Minutes), or turn off Wait Until Published and check it later`,
				{ itemIndex: i },
			);
		}
		await sleep(delay);
		delay = Math.min(delay * 2, 30_000);
		video = await read();
	}
}

/** Comments Policy for the instance's version: `commentsEnabled` before 6.2 (PeerTube 8 dropped it). */
async function adaptToVersion(this: IExecuteFunctions, body: IDataObject, version: [number, number, number], i: number): Promise<void> {
	if (body.commentsPolicy === undefined || atLeast(version, [6, 2, 0])) return;
	if (body.commentsPolicy === 3) await requireVersion.call(this, [6, 2, 0], 'Comments Policy "Requires Approval"', i);
	body.commentsEnabled = body.commentsPolicy === 1;
	delete body.commentsPolicy;
}

/** The channel to upload to: the locator's, or the account's first channel when empty. */
async function channelIdFor(this: IExecuteFunctions, i: number, me: IDataObject, fail: (message: string) => never): Promise<number> {
	const channels = Array.isArray(me.videoChannels) ? (me.videoChannels as IDataObject[]) : [];
	const { value } = locatorValue(this.getNodeParameter('channel', i, ''));
	if (value === '') {
		if (!channels.length) fail('The PeerTube account has no channel to publish in: create a channel first, or pick another credential');
		return Number(channels[0].id);
	}
	const ref = parseChannelRef(value, await instanceHost.call(this));
	if (!ref) fail(`Channel "${value}" is not a channel handle (name or name@host), channel page URL or numeric ID`);
	if ('id' in ref!) {
		if (!channels.some((channel) => Number(channel.id) === ref.id)) {
			fail(`Channel ID ${ref.id} is not one of your channels (${channels.map((c) => `${String(c.name)} = ${String(c.id)}`).join(', ') || 'you have none'}): pick one from the list`);
		}
		return ref.id;
	}
	const own = channels.find((channel) => String(channel.name).toLowerCase() === ref!.handle.toLowerCase());
	if (own) return Number(own.id);
	// another account's channel, or a typo: ask the instance (404 → a message naming Channel)
	return await resolveChannelId.call(this, i);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = (message: string): never => {
		throw new NodeOperationError(this.getNode(), message, { itemIndex: i });
	};
	const { file } = await inputVideoFile.call(this, i, fail);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const { thumbnailBinaryProperty, previewBinaryProperty, ...values } = fields;
	const timeZone = workflowTimeZone(this, i);
	let name = String(this.getNodeParameter('name', i, '') ?? '').trim();
	const fromFile = name === '';
	if (fromFile) name = file.fileName.replace(/\.[^.]+$/, '').trim();
	const body = buildUpdateBody({ ...values, name }, (message: string): never => {
		if (fromFile && message.startsWith('Name')) fail(`${message}: the file name "${file.fileName}" gives no usable title; set Name`);
		return fail(message);
	}, Date.now(), timeZone);
	const images = await readVideoImages(this, i, { thumbnailBinaryProperty, previewBinaryProperty }, fail);

	// before a byte is sent: the instance's accepted types, the account's quota and channel
	const info = await instanceInfo.call(this, i);
	checkExtension(info.config, file, fail);
	await adaptToVersion.call(this, body, info.version, i);
	const me = await peerTubeApiRequest.call(this, 'GET', '/users/me', { itemIndex: i });
	await checkQuota.call(this, me, file, i, fail);
	body.channelId = await channelIdFor.call(this, i, me, fail);
	body.filename = file.fileName;

	const { body: answer } = await resumableUpload.call(this, {
		endpoint: '/videos/upload-resumable',
		file,
		chunkSize: chunkSizeFor(info.config),
		metadata: body,
		images,
		buildMultipart: (payload, files) => buildMultipart(payload, files),
		itemIndex: i,
		initErrorMessages: {
			403: `PeerTube refused the upload to channel ${String(body.channelId)}: the credential's account cannot publish in it (or uploads are disabled for it). Pick one of your own channels in Channel`,
		},
		recoverAfterLostAnswer: async () => {
			// the last chunk arrived but its answer was lost: the newest video with this name is ours
			const mine = await peerTubeApiRequest.call(this, 'GET', '/users/me/videos', { qs: { sort: '-createdAt', count: 5 }, itemIndex: i });
			const found = (Array.isArray(mine.data) ? (mine.data as IDataObject[]) : []).find((video) => video.name === body.name);
			return found ? { video: { id: found.id, uuid: found.uuid, shortUUID: found.shortUUID } } : undefined;
		},
	});
	const created = (answer.video ?? {}) as IDataObject;
	const id = created.uuid ?? created.id;
	if (id === undefined) {
		throw new NodeApiError(this.getNode(), answer as JsonObject, {
			message: 'PeerTube finished the upload but did not say which video it created: look for it in your videos (Video → Get Many, Source My Videos) before uploading it again',
			itemIndex: i,
		});
	}
	const video = await readBackVideo.call(this, id as string | number, i, options);
	const [output] = await videoOutput.call(this, i, [video]);
	return [{ json: output }];
}
