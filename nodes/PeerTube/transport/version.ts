import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PeerTubeContext } from './index';
import { peerTubeApiRequest, unknownRouteErrors } from './index';

/** `[major, minor, patch]`; unknown parts are 0. */
export type Version = [number, number, number];

export function parseVersion(text: unknown): Version | undefined {
	const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(String(text ?? '').trim());
	if (!match) return undefined;
	return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

export function atLeast(version: Version, minimum: Version): boolean {
	for (let i = 0; i < 3; i++) {
		if (version[i] !== minimum[i]) return version[i] > minimum[i];
	}
	return true;
}

export interface InstanceInfo {
	/** as the instance says it, e.g. "6.3.0" */
	serverVersion: string;
	version: Version;
	/** the whole public config (`GET /api/v1/config`) */
	config: IDataObject;
}

// One read of /api/v1/config per execution context (all items of an execution share it).
const infos = new WeakMap<object, Promise<InstanceInfo>>();

/** The instance's public config and version, read once per execution. */
export async function instanceInfo(this: PeerTubeContext, itemIndex?: number): Promise<InstanceInfo> {
	let pending = infos.get(this);
	if (!pending) {
		pending = (async () => {
			const config = await peerTubeApiRequest.call(this, 'GET', '/config', { itemIndex });
			const serverVersion = String(config.serverVersion ?? '');
			const version = parseVersion(serverVersion);
			if (!version) {
				throw new NodeOperationError(
					this.getNode(),
					`The instance did not say which PeerTube version it runs (/api/v1/config has no serverVersion): check the Instance URL in the credential`,
					{ itemIndex },
				);
			}
			return { serverVersion, version, config };
		})();
		infos.set(this, pending);
		// a failed read is not cached: the next item may try again
		pending.catch(() => infos.delete(this));
	}
	return await pending;
}

/**
 * Fails with a message naming the feature and the version it needs, e.g.
 * "Comment approval needs PeerTube 6.2 or newer; this instance runs 6.0.3".
 */
export async function requireVersion(
	this: PeerTubeContext,
	minimum: Version,
	feature: string,
	itemIndex?: number,
): Promise<InstanceInfo> {
	const info = await instanceInfo.call(this, itemIndex);
	if (!atLeast(info.version, minimum)) {
		const needed = minimum[2] ? minimum.join('.') : `${minimum[0]}.${minimum[1]}`;
		throw new NodeOperationError(
			this.getNode(),
			`${feature} needs PeerTube ${needed} or newer; this instance runs ${info.serverVersion}`,
			{ itemIndex },
		);
	}
	return info;
}

/**
 * PeerTube answers any /api/v1 path that matches no route with 400 and an empty body (the API
 * router's catch-all), never 404: a route probe must recognise that answer.
 */
export function isUnknownRouteAnswer(error: unknown): boolean {
	return error instanceof Error && unknownRouteErrors.has(error);
}
