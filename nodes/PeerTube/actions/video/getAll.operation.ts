import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { PRIVACY_OPTIONS, VIDEO_INCLUDE_OPTIONS, VIDEO_SORT_OPTIONS } from '../../helpers/constants';
import { isRemoteHandle, parseHandle, splitList } from '../../helpers/video';
import { readLimit, returnAllOrLimit, SINCE_VERSION_2 } from '../../helpers/descriptions';
import { videoOutput, videoSimplifyProperty } from '../../helpers/simplify';
import { instanceBaseUrl, peerTubeApiRequest, peerTubeApiRequestAllItems } from '../../transport';

/*
 * Which filters each list route of PeerTube honours (read from PeerTube's server code, 6.0–8.2):
 * - /videos, /video-channels/{handle}/videos, /accounts/{handle}/videos and
 *   /users/me/subscriptions/videos all run `commonVideosFiltersValidator` and pass
 *   `pickCommonVideoQuery(req.query)` to the list: search, sort, category, language, tags, NSFW,
 *   local only, live only, privacy and include (the last two for moderators).
 * - /users/me/videos (`getUserVideos` + `usersVideosValidator` in 6.x) reads only paging, sort,
 *   `search`, `isLive` and `channelId` (one of the user's channels); later versions
 *   (`listMyVideos`) still accept these, so the node offers exactly them for My Videos.
 */
const SOURCES_WITH_COMMON_FILTERS = ['instance', 'channel', 'account', 'subscriptions'];
const MY_VIDEOS_FILTERS = ['search', 'sort', 'isLive', 'channelId'];
const FILTER_LABELS: Record<string, string> = {
	search: 'Search',
	sort: 'Sort',
	isLive: 'Live Only',
	channelId: 'Channel',
	categoryOneOf: 'Category',
	languageOneOf: 'Language',
	tagsOneOf: 'Tags (One Of)',
	tagsAllOf: 'Tags (All Of)',
	isLocal: 'Local Only',
	nsfw: 'NSFW',
	privacyOneOf: 'Privacy',
	include: 'Include',
};
const SOURCE_LABELS: Record<string, string> = {
	instance: 'Instance',
	channel: 'Channel',
	account: 'Account',
	myVideos: 'My Videos',
	subscriptions: 'My Subscriptions',
};
const commonOnly = { displayOptions: { show: { '/source': SOURCES_WITH_COMMON_FILTERS } } };
const DEFAULT_SORT = '-publishedAt';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Account', value: 'account', description: 'Videos of one account, across its channels' },
			{ name: 'Channel', value: 'channel', description: 'Videos of one channel' },
			{ name: 'Instance', value: 'instance', description: 'Public videos known to the instance (local and federated)' },
			{ name: 'My Subscriptions', value: 'subscriptions', description: 'Videos of the channels the credential\'s account subscribes to' },
			{ name: 'My Videos', value: 'myVideos', description: "The credential's own videos, of every privacy" },
		],
		default: 'instance',
		description: 'Where to list videos from',
	},
	{
		displayName: 'Channel Handle',
		name: 'channelHandle',
		type: 'string',
		// not `required`: n8n would then refuse every run whose Source is an expression; the node
		// says "Channel Handle is empty" itself

		default: '',
		placeholder: 'e.g. my_channel or my_channel@videos.example.org',
		description: 'Channel name, name@host for a channel of another instance, or the channel page URL (on another instance too)',
		displayOptions: { show: { source: ['channel'] } },
	},
	{
		displayName: 'Account Name',
		name: 'accountName',
		type: 'string',

		default: '',
		placeholder: 'e.g. alice or alice@videos.example.org',
		description: 'Account name, name@host for an account of another instance, or the account page URL (on another instance too)',
		displayOptions: { show: { source: ['account'] } },
	},
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only the filters the chosen source can apply are offered (My Videos: Search, Live Only, Channel). Sort applies to every source.',
		options: [
			{
				displayName: 'Category Names or IDs',
				name: 'categoryOneOf',
				...commonOnly,
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCategories' },
				default: [],
				description:
					'Only videos in one of these categories. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Channel Name or ID',
				name: 'channelId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getMyChannels' },
				default: '',
				displayOptions: { show: { '/source': ['myVideos'] } },
				description:
					'Only videos of this one of your channels. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Include',
				name: 'include',
				...commonOnly,
				type: 'multiOptions',
				options: VIDEO_INCLUDE_OPTIONS,
				default: [],
				description: 'Also list videos normally hidden (needs an administrator or moderator account)',
			},
			{
				displayName: 'Language Names or IDs',
				name: 'languageOneOf',
				...commonOnly,
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getLanguages' },
				default: [],
				description:
					'Only videos in one of these languages. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Live Only',
				name: 'isLive',
				type: 'boolean',
				default: false,
				description: 'Whether to list only live streams',
			},
			{
				displayName: 'Local Only',
				name: 'isLocal',
				...commonOnly,
				type: 'boolean',
				default: false,
				description: 'Whether to list only videos published on this instance (not federated ones)',
			},
			{
				displayName: 'NSFW',
				name: 'nsfw',
				...commonOnly,
				type: 'options',
				options: [
					{ name: 'Both', value: 'both' },
					{ name: 'Only NSFW', value: 'true' },
					{ name: 'Exclude NSFW', value: 'false' },
				],
				default: 'both',
				description: 'Which videos to list by their sensitive-content (NSFW) mark',
			},
			{
				displayName: 'Privacy',
				name: 'privacyOneOf',
				...commonOnly,
				type: 'multiOptions',
				options: PRIVACY_OPTIONS,
				default: [],
				description: 'Only videos with one of these privacies (other than public needs an administrator or moderator account)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only videos whose name matches this text',
			},
			{
				// version 1 only: from version 2 on, Sort is its own parameter below Filters
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: VIDEO_SORT_OPTIONS,
				default: DEFAULT_SORT,
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Tags (All Of)',
				name: 'tagsAllOf',
				...commonOnly,
				type: 'string',
				default: '',
				placeholder: 'e.g. music, live',
				description: 'Comma-separated tags; only videos having all of them',
			},
			{
				displayName: 'Tags (One Of)',
				name: 'tagsOneOf',
				...commonOnly,
				type: 'string',
				default: '',
				placeholder: 'e.g. music, live',
				description: 'Comma-separated tags (up to 5); only videos having at least one of them',
			},
		],
	},
	{
		// n8n's guideline: sorting in its own parameter, below the filters (version 1 has it in Filters)
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: VIDEO_SORT_OPTIONS,
		default: DEFAULT_SORT,
		description: 'The order PeerTube lists the videos in',
		displayOptions: { show: { '@version': [SINCE_VERSION_2] } },
	},
	videoSimplifyProperty('videos'),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['getAll'] } }, properties);

interface ListTarget {
	endpoint: string;
	source: string;
	/** the channel or account, for channel and account lists */
	actor?: { kind: 'channel' | 'account'; handle: string; field: string };
}

async function listTarget(this: IExecuteFunctions, i: number): Promise<ListTarget> {
	const source = this.getNodeParameter('source', i) as string;
	if (source === 'instance') return { endpoint: '/videos', source };
	if (source === 'myVideos') return { endpoint: '/users/me/videos', source };
	if (source === 'subscriptions') return { endpoint: '/users/me/subscriptions/videos', source };
	if (source !== 'channel' && source !== 'account') {
		throw new NodeOperationError(
			this.getNode(),
			`Source "${source}" is unknown: use instance, channel, account, myVideos or subscriptions`,
			{ itemIndex: i },
		);
	}
	const kind = source;
	const field = kind === 'channel' ? 'Channel Handle' : 'Account Name';
	const value = String(this.getNodeParameter(kind === 'channel' ? 'channelHandle' : 'accountName', i, '') ?? '');
	// a page URL on the credential's own host names a local actor; on another host, a remote one
	const instanceHost = new URL(await instanceBaseUrl.call(this)).host;
	const handle = parseHandle(value, kind, instanceHost);
	if (!handle) {
		throw new NodeOperationError(
			this.getNode(),
			value.trim() === ''
				? `${field} is empty: enter the ${kind} name (e.g. ${kind === 'channel' ? 'my_channel' : 'alice'})`
				: `${field} "${value}" is not a ${kind} name, name@host or ${kind} page URL`,
			{ itemIndex: i },
		);
	}
	const path = kind === 'channel' ? 'video-channels' : 'accounts';
	return { endpoint: `/${path}/${encodeURIComponent(handle)}/videos`, source, actor: { kind, handle, field } };
}

function isSet(value: unknown): boolean {
	if (value === undefined || value === null || value === '' || value === false) return false;
	if (Array.isArray(value)) return value.length > 0;
	return true;
}

/**
 * The message for the first filter that `source`'s route would ignore, if any. The editor never
 * shows such a filter, but with Source set by an expression every filter can be filled in.
 */
export function filterNotApplying(source: string, filters: IDataObject): string | undefined {
	const allowed = source === 'myVideos' ? MY_VIDEOS_FILTERS : Object.keys(FILTER_LABELS).filter((key) => key !== 'channelId');
	for (const [key, value] of Object.entries(filters)) {
		if (key === 'nsfw' && value === 'both') continue;
		if (!isSet(value) || allowed.includes(key)) continue;
		const label = FILTER_LABELS[key] ?? key;
		const hint =
			key === 'channelId'
				? 'it only applies to My Videos; use Source "Channel" to list another channel'
				: `PeerTube's list for that source ignores it (My Videos can filter by Search, Sort, Live Only and Channel)`;
		return `Filter "${label}" does not apply to Source "${SOURCE_LABELS[source] ?? source}": ${hint}. Remove the filter or change the source`;
	}
	return undefined;
}

function listQuery(this: IExecuteFunctions, i: number, source: string): IDataObject {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const notApplying = filterNotApplying(source, filters);
	if (notApplying) throw new NodeOperationError(this.getNode(), notApplying, { itemIndex: i });
	const qs: IDataObject = {};
	if (filters.search) qs.search = String(filters.search);
	// version 1 reads Sort from Filters (unset: PeerTube's default order); version 2 has its own Sort
	const sort = this.getNode().typeVersion >= 2 ? this.getNodeParameter('sort', i, DEFAULT_SORT) : filters.sort;
	if (sort) qs.sort = sort;
	for (const key of ['categoryOneOf', 'languageOneOf', 'privacyOneOf'] as const) {
		const values = filters[key];
		if (Array.isArray(values) && values.length) qs[key] = values;
	}
	for (const key of ['tagsOneOf', 'tagsAllOf'] as const) {
		const tags = splitList(filters[key]);
		if (key === 'tagsOneOf' && tags.length > 5) {
			throw new NodeOperationError(this.getNode(), `Tags (One Of) has ${tags.length} tags: PeerTube accepts at most 5`, {
				itemIndex: i,
			});
		}
		if (tags.length) qs[key] = tags;
	}
	if (filters.isLocal === true) qs.isLocal = true;
	if (filters.isLive === true) qs.isLive = true;
	if (filters.nsfw === 'true' || filters.nsfw === 'false') qs.nsfw = filters.nsfw;
	const include = filters.include;
	if (Array.isArray(include) && include.length) {
		qs.include = include.reduce((flags: number, flag) => flags | Number(flag), 0);
	}
	if (isSet(filters.channelId)) {
		const channelId = Number(filters.channelId);
		if (!Number.isInteger(channelId) || channelId < 1) {
			throw new NodeOperationError(this.getNode(), `Channel must be a numeric channel ID (got "${filters.channelId}")`, { itemIndex: i });
		}
		qs.channelId = channelId;
	}
	return qs;
}

/** Errors from the transport are node errors already; anything else becomes one. */
function asNodeError(ctx: IExecuteFunctions, error: unknown): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error);
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const target = await listTarget.call(this, i);
	const qs = listQuery.call(this, i, target.source);
	const limit = readLimit.call(this, i);
	const list = async () => await peerTubeApiRequestAllItems.call(this, target.endpoint, qs, limit, { itemIndex: i });
	const actor = target.actor;
	let videos: IDataObject[];
	try {
		videos = await list();
	} catch (error) {
		if (!actor || !isNotFound(error)) throw asNodeError(this, error);
		const missing = `There is no ${actor.kind} "${actor.handle}" on this PeerTube instance`;
		if (!isRemoteHandle(actor.handle)) {
			throw new NodeOperationError(this.getNode(), `${missing}: check ${actor.field}`, { itemIndex: i });
		}
		// An instance only knows remote actors it has met. Its search, for a logged-in user,
		// fetches a full handle from the other instance (a channel; an account handle makes it
		// fetch the account too, even though a channel search then lists nothing): then retry once.
		const host = actor.handle.split('@')[1];
		try {
			await peerTubeApiRequest.call(this, 'GET', '/search/video-channels', { qs: { search: actor.handle }, itemIndex: i });
		} catch {
			// the retry below says what matters: whether the list can be read now
		}
		try {
			videos = await list();
		} catch (retryError) {
			if (!isNotFound(retryError)) throw asNodeError(this, retryError);
			throw new NodeOperationError(
				this.getNode(),
				`${missing}, and the instance could not fetch it from ${host} (the node asked it to, through its search): check ${actor.field}, and that ${host} is up and federates with this instance`,
				{ itemIndex: i },
			);
		}
	}
	return (await videoOutput.call(this, i, videos)).map((video) => ({ json: video }));
}
