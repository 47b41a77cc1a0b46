import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as job from './actions/job/Job.resource';
import { router } from './actions/router';
import * as video from './actions/video/Video.resource';
import { loadOptions } from './methods';

export class PeerTube implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PeerTube',
		name: 'peerTube',
		icon: { light: 'file:../../icons/peertube.svg', dark: 'file:../../icons/peertube.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage videos and watch the jobs of a PeerTube instance',
		defaults: { name: 'PeerTube' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'peerTubeApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Job', value: 'job' },
					{ name: 'Video', value: 'video' },
				],
				default: 'video',
			},
			...video.description,
			...job.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
