import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { channelLocator, resolveChannelHandle } from '../../helpers/locators';
import { readSimplify, simplifyProperty } from '../../helpers/simplify';
import { readChannel } from './common';

const properties: INodeProperties[] = [
	channelLocator({ list: 'instance', description: 'The channel: pick it from the list, paste its page URL, or give its handle (name or name@host)' }),
	simplifyProperty('channel'),
];

export const description = updateDisplayOptions({ show: { resource: ['channel'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const handle = await resolveChannelHandle.call(this, i);
	return [{ json: await readChannel.call(this, i, handle, readSimplify.call(this, i)) }];
}
