import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readLimit } from '../../helpers/descriptions';
import { readSimplify } from '../../helpers/simplify';
import { instanceBaseUrl, peerTubeApiRequestAllItems } from '../../transport';

export const searchTermProperty: INodeProperties = {
	displayName: 'Search Term',
	name: 'search',
	type: 'string',
	default: '',
	placeholder: 'e.g. blender',
	description:
		'Words to look for; a URL or a name@host handle looks up that one remote object (which the instance fetches for logged-in users)',
};

/** Sort of the channel and playlist searches (PeerTube sorts both by the same keys). */
export const nameSortProperty: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'options',
	options: [
		{ name: 'Best Match', value: '-match' },
		{ name: 'Display Name', value: 'displayName' },
		{ name: 'Newest First', value: '-createdAt' },
	],
	default: '-match',
};

export const searchTargetProperty: INodeProperties = {
	displayName: 'Search Target',
	name: 'searchTarget',
	type: 'options',
	options: [
		{ name: 'Instance Default', value: '', description: 'Whatever the administrator made the default' },
		{ name: 'This Instance', value: 'local', description: 'What this instance knows (its own and followed content)' },
		{
			name: 'Search Index',
			value: 'search-index',
			description: 'The search index the instance is configured with (e.g. SepiaSearch), if its administrator enabled one',
		},
	],
	default: '',
};

/** A comma-separated list (or an array from an expression) as trimmed, non-empty strings. */
export function listParameter(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((p) => String(p).trim()).filter((p) => p !== '');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_UUID = /^[1-9A-HJ-NP-Za-km-z]{20,22}$/;

/** `uuids` (UUIDs or short UUIDs, up to 100), checked before sending. */
export function readUuids(this: IExecuteFunctions, i: number, value: unknown): string[] | undefined {
	const uuids = listParameter(value);
	if (uuids.length === 0) return undefined;
	const bad = uuids.filter((u) => !UUID.test(u) && !SHORT_UUID.test(u));
	if (bad.length) {
		throw new NodeOperationError(this.getNode(), `UUIDs must be UUIDs or short UUIDs, separated by commas: "${bad.join('", "')}" is not`, { itemIndex: i });
	}
	if (uuids.length > 100) {
		throw new NodeOperationError(this.getNode(), `UUIDs has ${uuids.length} entries; PeerTube accepts at most 100`, { itemIndex: i });
	}
	return uuids;
}

/** A host filter: `host[:port]` only. */
export function readHost(this: IExecuteFunctions, i: number, value: unknown): string | undefined {
	const host = String(value ?? '').trim();
	if (host === '') return undefined;
	if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host)) {
		throw new NodeOperationError(this.getNode(), `Host "${host}" is not a host name: give only the host, e.g. video.blender.org (no https://, no path)`, {
			itemIndex: i,
		});
	}
	return host;
}

export const SEARCH_INDEX_DISABLED =
	'This instance has no search index enabled, so Search Target "Search Index" is refused: use "This Instance" or "Instance Default" (an administrator enables the index under search.search_index in the configuration)';

/**
 * Runs a search list with Return All / Limit (pages of 100; the search index may report a total
 * larger than what it lets a client page through: paging also stops at the first empty page).
 */
export async function runSearch(
	this: IExecuteFunctions,
	i: number,
	endpoint: string,
	qs: IDataObject,
	simplifyItem: (item: IDataObject, baseUrl?: string) => IDataObject,
): Promise<IDataObject[]> {
	const limit = readLimit.call(this, i);
	const simplify = readSimplify.call(this, i);
	const searchTarget = this.getNodeParameter('searchTarget', i, '') as string;
	if (searchTarget && !['local', 'search-index'].includes(searchTarget)) {
		throw new NodeOperationError(this.getNode(), `Search Target "${searchTarget}" is unknown: use local or search-index`, { itemIndex: i });
	}
	if (searchTarget) qs.searchTarget = searchTarget;
	let items: IDataObject[];
	try {
		items = await peerTubeApiRequestAllItems.call(this, endpoint, qs, limit, { itemIndex: i });
	} catch (error) {
		// PeerTube refuses `searchTarget=search-index` (400, invalid param) when its index is off
		if (searchTarget === 'search-index' && error instanceof NodeApiError && error.httpCode === '400' && /searchTarget/.test(String(error.description ?? ''))) {
			throw new NodeOperationError(this.getNode(), SEARCH_INDEX_DISABLED, { itemIndex: i });
		}
		// both hand back the error as it is when it already is one of them
		if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error, { itemIndex: i });
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	if (!simplify) return items;
	const base = await instanceBaseUrl.call(this);
	return items.map((item) => simplifyItem(item, base));
}
