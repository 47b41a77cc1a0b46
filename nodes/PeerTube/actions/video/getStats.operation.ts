import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { dateParameter } from '../../helpers/video';
import { peerTubeApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	videoIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only count views from this moment on',
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only count views up to this moment',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['getStats'] } }, properties);


export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound } = videoPath.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const qs: IDataObject = {};
	const startDate = dateParameter(this, i, 'Start Date', options.startDate);
	const endDate = dateParameter(this, i, 'End Date', options.endDate);
	if (startDate && endDate && startDate > endDate) {
		throw new NodeOperationError(this.getNode(), `Start Date (${startDate}) is after End Date (${endDate}): swap them`, { itemIndex: i });
	}
	if (startDate) qs.startDate = startDate;
	if (endDate) qs.endDate = endDate;
	const stats = await peerTubeApiRequest.call(this, 'GET', `${path}/stats/overall`, {
		qs,
		itemIndex: i,
		errorMessages: {
			403: 'Only the video\'s owner (or an administrator or moderator) can read its statistics: use their credential',
			404: notFound,
		},
	});
	return [{ json: stats }];
}
