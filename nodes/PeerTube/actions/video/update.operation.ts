import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { COMMENTS_POLICY_OPTIONS, PRIVACY_OPTIONS } from '../../helpers/constants';
import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { videoOutput, videoSimplifyProperty } from '../../helpers/simplify';
import { buildMultipart, readVideoImages, type VideoImage, splitList, toUtcIso, workflowTimeZone } from '../../helpers/video';
import { peerTubeApiRequest, peerTubeApiRequestAllItems } from '../../transport';
import { atLeast, instanceInfo, requireVersion } from '../../transport/version';

const properties: INodeProperties[] = [
	videoIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; everything else on the video stays as it is',
		options: [
			{
				displayName: 'Category Name or ID',
				name: 'category',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCategories' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Channel Name or ID',
				name: 'channelId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getMyChannels' },
				default: '',
				description:
					'Move the video to another of your channels. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Comments Policy',
				name: 'commentsPolicy',
				type: 'options',
				options: COMMENTS_POLICY_OPTIONS,
				default: 1,
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Video description (3 to 10000 characters, Markdown)',
			},
			{
				displayName: 'Download Enabled',
				name: 'downloadEnabled',
				type: 'boolean',
				default: true,
				description: 'Whether viewers may download the video',
			},
			{
				displayName: 'Language Name or ID',
				name: 'language',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getLanguages' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Licence Name or ID',
				name: 'licence',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getLicences' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Video title (3 to 120 characters)',
			},
			{
				displayName: 'NSFW',
				name: 'nsfw',
				type: 'boolean',
				default: false,
				description: 'Whether the video is marked as sensitive content',
			},
			{
				displayName: 'Originally Published At',
				name: 'originallyPublishedAt',
				type: 'dateTime',
				default: '',
				description:
					"When the video was first published elsewhere. Without an offset, the time is in the workflow's time zone (workflow settings; else the n8n instance's).",
			},
			{
				displayName: 'Preview Binary Field',
				name: 'previewBinaryProperty',
				type: 'string',
				default: 'data',
				description: 'Name of the input binary field holding the preview image (JPEG, PNG or WebP)',
			},
			{
				displayName: 'Privacy',
				name: 'privacy',
				type: 'options',
				options: PRIVACY_OPTIONS,
				default: 1,
			},
			{
				displayName: 'Scheduled Privacy',
				name: 'scheduleUpdatePrivacy',
				type: 'options',
				options: PRIVACY_OPTIONS.filter((option) => [1, 2, 4].includes(option.value as number)),
				default: 1,
				description: 'Privacy the video switches to at Scheduled Update At',
			},
			{
				displayName: 'Scheduled Update At',
				name: 'scheduleUpdateAt',
				type: 'dateTime',
				default: '',
				description:
					"When PeerTube switches the video to Scheduled Privacy (must be in the future). Without an offset, the time is in the workflow's time zone.",
			},
			{
				displayName: 'Support',
				name: 'support',
				type: 'string',
				default: '',
				description: 'Text telling viewers how to support you (3 to 1000 characters)',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. music, live',
				description: 'Comma-separated, 1 to 5 tags of 2 to 30 characters. Replaces all tags of the video.',
			},
			{
				displayName: 'Thumbnail Binary Field',
				name: 'thumbnailBinaryProperty',
				type: 'string',
				default: 'data',
				description: 'Name of the input binary field holding the thumbnail image (JPEG, PNG or WebP)',
			},
			{
				displayName: 'Video Passwords',
				name: 'videoPasswords',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Comma-separated passwords (2 to 99 characters each) for a Password Protected video. Left out on a video that is already password-protected, its current passwords are kept.',
			},
			{
				displayName: 'Wait Transcoding',
				name: 'waitTranscoding',
				type: 'boolean',
				default: false,
				description: 'Whether to publish the video only once transcoding is done',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Read Back Video',
				name: 'readBack',
				type: 'boolean',
				default: true,
				description:
					'Whether to read the video again after the update and output it as it is now (one more request per item). Off: one request per item, and the output only holds the video ID and updated: true.',
			},
		],
	},
	videoSimplifyProperty(
		'video',
		"Whether to return a simplified version of the video read back (the main fields, see the documentation) instead of PeerTube's full object. No effect with Read Back Video off.",
	),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['update'] } }, properties);


function lengthBetween(value: unknown, min: number, max: number): boolean {
	const length = String(value).length;
	return length >= min && length <= max;
}

/**
 * Checks every field the way PeerTube would, so that a bad value never reaches the instance.
 * Dates without an offset are read in `timeZone` (the workflow's), never in the host's.
 */
export function buildUpdateBody(fields: IDataObject, fail: (message: string) => never, now = Date.now(), timeZone = 'UTC'): IDataObject {
	const isoDate = (value: unknown) => toUtcIso(value, timeZone);
	const body: IDataObject = {};
	if (fields.name !== undefined) {
		const name = String(fields.name).trim();
		if (!lengthBetween(name, 3, 120)) fail(`Name must be 3 to 120 characters long (it has ${name.length})`);
		body.name = name;
	}
	if (fields.description !== undefined) {
		if (!lengthBetween(fields.description, 3, 10000)) fail('Description must be 3 to 10000 characters long');
		body.description = String(fields.description);
	}
	if (fields.support !== undefined) {
		if (!lengthBetween(fields.support, 3, 1000)) fail('Support must be 3 to 1000 characters long');
		body.support = String(fields.support);
	}
	if (fields.tags !== undefined) {
		const tags = splitList(fields.tags);
		if (tags.length < 1 || tags.length > 5) fail(`Tags must hold 1 to 5 comma-separated tags (got ${tags.length})`);
		const bad = tags.find((tag) => !lengthBetween(tag, 2, 30));
		if (bad !== undefined) fail(`Tags: "${bad}" must be 2 to 30 characters long: shorten or remove it`);
		body.tags = tags;
	}
	const passwords = fields.videoPasswords === undefined ? undefined : splitList(fields.videoPasswords);
	if (fields.privacy !== undefined) {
		const privacy = Number(fields.privacy);
		if (![1, 2, 3, 4, 5].includes(privacy)) {
			fail(`Privacy "${fields.privacy}" is unknown: use 1 (public), 2 (unlisted), 3 (private), 4 (internal) or 5 (password protected)`);
		}
		body.privacy = privacy;
		if (privacy === 5) {
			if (!passwords?.length) fail('Privacy "Password Protected" needs Video Passwords: add at least one password');
		}
	}
	if (passwords !== undefined) {
		if (body.privacy !== 5) fail('Video Passwords only apply with Privacy set to "Password Protected": set Privacy too, or remove Video Passwords');
		// PeerTube: at least 2 and fewer than 100 characters
		if (passwords.some((password) => !lengthBetween(password, 2, 99))) fail('Video Passwords: each password must be 2 to 99 characters long');
		if (new Set(passwords).size !== passwords.length) fail('Video Passwords: the same password is given twice');
		body.videoPasswords = passwords;
	}
	for (const key of ['category', 'licence'] as const) {
		if (fields[key] === undefined || fields[key] === '') continue;
		const id = Number(fields[key]);
		if (!Number.isInteger(id) || id < 1) fail(`${key === 'category' ? 'Category' : 'Licence'} must be a numeric ID (got "${fields[key]}")`);
		body[key] = id;
	}
	if (fields.language !== undefined && fields.language !== '') {
		const language = String(fields.language).trim();
		if (!/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$/.test(language)) fail(`Language "${language}" is not a language code such as en or fr`);
		body.language = language;
	}
	if (fields.commentsPolicy !== undefined) {
		const policy = Number(fields.commentsPolicy);
		if (![1, 2, 3].includes(policy)) fail(`Comments Policy "${fields.commentsPolicy}" is unknown: use 1 (enabled), 2 (disabled) or 3 (requires approval)`);
		body.commentsPolicy = policy;
	}
	for (const [key, label] of [
		['nsfw', 'NSFW'],
		['downloadEnabled', 'Download Enabled'],
		['waitTranscoding', 'Wait Transcoding'],
	] as const) {
		if (fields[key] === undefined) continue;
		if (typeof fields[key] !== 'boolean') fail(`${label} must be true or false (got "${String(fields[key])}"): turn the switch on or off, or give a boolean expression`);
		body[key] = fields[key];
	}
	if (fields.originallyPublishedAt !== undefined && fields.originallyPublishedAt !== '') {
		const date = isoDate(fields.originallyPublishedAt);
		if (!date) fail(`Originally Published At "${String(fields.originallyPublishedAt)}" is not a date: use e.g. 2030-01-01T12:00:00 (workflow time zone) or 2030-01-01T12:00:00Z`);
		body.originallyPublishedAt = date;
	}
	if (fields.channelId !== undefined && fields.channelId !== '') {
		const channelId = Number(fields.channelId);
		if (!Number.isInteger(channelId) || channelId < 1) fail(`Channel must be a numeric channel ID (got "${fields.channelId}")`);
		body.channelId = channelId;
	}
	if (fields.scheduleUpdateAt !== undefined && fields.scheduleUpdateAt !== '') {
		const updateAt = isoDate(fields.scheduleUpdateAt);
		if (!updateAt) fail(`Scheduled Update At "${String(fields.scheduleUpdateAt)}" is not a date: use e.g. 2030-01-01T12:00:00 (workflow time zone) or 2030-01-01T12:00:00Z`);
		if (Date.parse(updateAt) <= now) fail('Scheduled Update At must be in the future');
		const privacy = Number(fields.scheduleUpdatePrivacy ?? 1);
		if (![1, 2, 4].includes(privacy)) fail(`Scheduled Privacy "${String(fields.scheduleUpdatePrivacy)}" is not allowed: use 1 (public), 2 (unlisted) or 4 (internal)`);
		body.scheduleUpdate = { updateAt, privacy };
	} else if (fields.scheduleUpdatePrivacy !== undefined) {
		fail('Scheduled Privacy needs Scheduled Update At: add the date, or remove Scheduled Privacy');
	}
	return body;
}

const PASSWORDS_MISSING = /Video passwords are missing/i;


/** Comments Policy for the instance's version: `commentsEnabled` before 6.2 (PeerTube 8 dropped it). Import uses it too. */
export async function adaptToVersion(this: IExecuteFunctions, body: IDataObject, i: number): Promise<void> {
	if (body.commentsPolicy === undefined) return;
	const info = await instanceInfo.call(this, i);
	if (atLeast(info.version, [6, 2, 0])) return;
	if (body.commentsPolicy === 3) await requireVersion.call(this, [6, 2, 0], 'Comments Policy "Requires Approval"', i);
	body.commentsEnabled = body.commentsPolicy === 1;
	delete body.commentsPolicy;
}

/** The video's current passwords (owner only), or an error saying exactly why they can't be read. */
async function currentPasswords(this: IExecuteFunctions, path: string, i: number): Promise<string[]> {
	const why = (reason: string) =>
		new NodeOperationError(
			this.getNode(),
			`This video is password-protected, and PeerTube requires its passwords with every change; the node tried to resend the current ones but ${reason}. Add Privacy "Password Protected" and Video Passwords to Update Fields, or use a credential of the video's owner`,
			{ itemIndex: i },
		);
	let entries: IDataObject[];
	try {
		entries = await peerTubeApiRequestAllItems.call(this, `${path}/passwords`, {}, undefined, { itemIndex: i });
	} catch (error) {
		const status = error instanceof NodeApiError ? error.httpCode : undefined;
		if (status === '403') throw why("could not read them: only the video's owner may (HTTP 403)");
		throw why(`could not read them (${status ? `HTTP ${status}` : (error as Error).message})`);
	}
	const passwords = entries.map((entry) => entry.password).filter((password): password is string => typeof password === 'string' && password !== '');
	if (passwords.length === 0) throw why('PeerTube listed none');
	return passwords;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = (message: string): never => {
		throw new NodeOperationError(this.getNode(), message, { itemIndex: i });
	};
	const { path, notFound: videoNotFound } = videoPath.call(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const { thumbnailBinaryProperty, previewBinaryProperty, ...values } = fields;
	// n8n's convention: a date without an offset is in the workflow's time zone (else the instance's)
	const body = buildUpdateBody(values, fail, Date.now(), workflowTimeZone(this, i));

	const files: VideoImage[] = [];
	files.push(...(await readVideoImages(this, i, { thumbnailBinaryProperty, previewBinaryProperty }, fail)));
	if (Object.keys(body).length === 0 && files.length === 0) {
		fail('Update Fields is empty: add at least one field to change');
	}
	if (options.readBack !== undefined && typeof options.readBack !== 'boolean') fail('Read Back Video must be true or false: turn the switch on or off, or give a boolean expression');
	await adaptToVersion.call(this, body, i);

	const errorMessages = {
		404: videoNotFound,
		403: "PeerTube refused the update: the credential's account does not own this video (and is not a moderator): use a credential of the video's owner or of a moderator",
	};
	const put = async (payload: IDataObject) => {
		if (files.length) {
			// images need multipart; everything else travels as JSON
			const multipart = buildMultipart(payload, files);
			await peerTubeApiRequest.call(this, 'PUT', path, {
				body: multipart.body,
				headers: { 'content-type': multipart.contentType },
				itemIndex: i,
				errorMessages,
			});
		} else {
			await peerTubeApiRequest.call(this, 'PUT', path, { body: payload, itemIndex: i, errorMessages });
		}
	};
	try {
		await put(body);
	} catch (error) {
		// PeerTube refuses any change of a password-protected video that does not carry its
		// passwords again ("Video passwords are missing."): resend the current ones, so that only
		// what the user set changes
		const refusedForPasswords =
			error instanceof NodeApiError && error.httpCode === '400' && PASSWORDS_MISSING.test(`${error.message} ${error.description ?? ''}`);
		if (!refusedForPasswords || body.videoPasswords !== undefined) {
			throw error instanceof NodeOperationError || error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error);
		}
		const videoPasswords = await currentPasswords.call(this, path, i);
		await put({ ...body, videoPasswords });
	}

	const id = decodeURIComponent(path.split('/').pop() ?? '');
	if (options.readBack === false) {
		return [{ json: { id: /^\d+$/.test(id) ? Number(id) : id, updated: true } }];
	}
	// PeerTube answers 204 with no body: read the video back so the output shows its new state
	const video = await peerTubeApiRequest.call(this, 'GET', path, { itemIndex: i, errorMessages });
	const [output] = await videoOutput.call(this, i, [video]);
	return [{ json: output }];
}
