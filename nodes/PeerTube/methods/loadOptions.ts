import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { peerTubeApiRequest } from '../transport';

/** PeerTube serves its label lists as `{ id: label }` maps. */
async function labelMap(this: ILoadOptionsFunctions, endpoint: string): Promise<INodePropertyOptions[]> {
	const map = (await peerTubeApiRequest.call(this, 'GET', endpoint)) as Record<string, unknown>;
	return Object.entries(map ?? {})
		.map(([id, label]) => ({ name: String(label), value: /^\d+$/.test(id) ? Number(id) : id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getCategories(this: ILoadOptionsFunctions) {
	return await labelMap.call(this, '/videos/categories');
}

export async function getLicences(this: ILoadOptionsFunctions) {
	return await labelMap.call(this, '/videos/licences');
}

export async function getLanguages(this: ILoadOptionsFunctions) {
	return await labelMap.call(this, '/videos/languages');
}

/** Channels the credential's account owns: the only ones a video can be moved to. */
export async function getMyChannels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const me = await peerTubeApiRequest.call(this, 'GET', '/users/me');
	const channels = Array.isArray(me.videoChannels) ? (me.videoChannels as IDataObject[]) : [];
	return channels.map((channel) => ({
		name: String(channel.displayName ?? channel.name),
		value: Number(channel.id),
		description: String(channel.name ?? ''),
	}));
}
