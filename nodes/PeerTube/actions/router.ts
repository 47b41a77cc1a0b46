import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as job from './job/Job.resource';
import * as video from './video/Video.resource';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	video: { get: video.get.execute, getAll: video.getAll.execute, update: video.update.execute },
	job: { getAll: job.getAll.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const run = operations[resource]?.[operation];
		try {
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, { itemIndex: i });
			}
			const results = await run.call(this, i);
			returnData.push(...this.helpers.constructExecutionMetaData(results, { itemData: { item: i } }));
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: nodeError.message, description: nodeError.description ?? null },
					pairedItem: { item: i },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return [returnData];
}
