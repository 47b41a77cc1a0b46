/**
 * Real n8n binary data for tests: n8n-core's BinaryDataService, in `default` mode (the file is
 * base64 in the item) or `filesystem` mode (the file is on disk, the item holds an id), exactly
 * as n8n stores what an HTTP Request or Read File node produced.
 */
import { createHash, randomBytes } from 'crypto';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

export type BinaryMode = 'default' | 'filesystem';

let initialised: Promise<BinaryDataService> | undefined;

/** n8n-core's service, with its filesystem store in a temporary folder. */
export async function binaryDataService(): Promise<BinaryDataService> {
	initialised ??= (async () => {
		const service = Container.get(BinaryDataService);
		await service.init();
		return service;
	})();
	return await initialised;
}

/** Stores bytes as n8n would in this mode and returns the item's binary entry. */
export async function storeBinary(
	mode: BinaryMode,
	data: Buffer,
	meta: { fileName: string; mimeType: string },
	location = { workflowId: 'wf-test', executionId: 'exec-test' },
): Promise<IBinaryData> {
	const service = await binaryDataService();
	const internal = service as unknown as { mode: string };
	const previous = internal.mode;
	internal.mode = mode === 'filesystem' ? 'filesystem-v2' : 'default';
	try {
		const binary: IBinaryData = { data: '', mimeType: meta.mimeType, fileName: meta.fileName };
		return await service.store({ type: 'execution', ...location } as never, data, binary);
	} finally {
		internal.mode = previous;
	}
}

/** An input item holding a video (random bytes) in `data`, and the bytes' sha256. */
export async function videoItem(
	mode: BinaryMode,
	size: number,
	meta: { fileName?: string; mimeType?: string } = {},
	extra: Record<string, IBinaryData> = {},
): Promise<{ item: INodeExecutionData; sha256: string; bytes: Buffer }> {
	const bytes = randomBytes(size);
	const binary = await storeBinary(mode, bytes, { fileName: meta.fileName ?? 'holiday clip.mp4', mimeType: meta.mimeType ?? 'video/mp4' });
	return { item: { json: {}, binary: { data: binary, ...extra } }, sha256: sha256(bytes), bytes };
}

export function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** A small PNG-looking image for thumbnail / preview fields. */
export async function imageBinary(mode: BinaryMode, fileName = 'thumb.png'): Promise<IBinaryData> {
	const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(200)]);
	return await storeBinary(mode, png, { fileName, mimeType: 'image/png' });
}
