import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { playlistLocator, playlistPath } from '../../helpers/locators';
import { readSimplify, simplifyProperty } from '../../helpers/simplify';
import { readPlaylist } from './common';

const properties: INodeProperties[] = [playlistLocator(), simplifyProperty('playlist')];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = playlistPath.call(this, i);
	return [{ json: await readPlaylist.call(this, i, path, notFound, readSimplify.call(this, i)) }];
}
