import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** PeerTube's UserNotificationType values (one list for the node and the trigger). */
export { NOTIFICATION_TYPE_OPTIONS } from '../../helpers/constants';

/**
 * A channel handle `name@host` (a leading `@`, as PeerTube shows handles, is dropped), checked
 * as PeerTube checks it (exactly one `@`, a host after it) so that nothing is sent when it would be refused.
 */
export function readChannelHandle(this: IExecuteFunctions, i: number): string {
	const raw = String(this.getNodeParameter('channelHandle', i, '') ?? '').trim();
	const handle = raw.startsWith('@') ? raw.slice(1) : raw;
	if (handle === '') {
		throw new NodeOperationError(this.getNode(), 'Channel Handle is empty: enter the channel as name@host, e.g. blender_channel@video.blender.org', {
			itemIndex: i,
		});
	}
	const parts = handle.split('@');
	if (parts.length !== 2 || parts[0] === '' || !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(parts[1])) {
		throw new NodeOperationError(
			this.getNode(),
			`Channel Handle "${raw}" is not name@host: use the channel's name, one @ and the host of its instance, e.g. blender_channel@video.blender.org`,
			{ itemIndex: i },
		);
	}
	return handle;
}
