/**
 * Runs a PeerTube node given as n8n stores it in a workflow JSON (with its `typeVersion`) through
 * n8n-core's WorkflowExecute, like test/helpers/n8n.cts's runNode does for version 1 nodes.
 * (runNode builds its node with typeVersion 1; this runs any version.)
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type { INode, INodeExecutionData, INodeListSearchResult, INodeType, IRun, IWorkflowExecuteAdditionalData, NodeParameterValueType } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { baseAdditionalData, type CredentialStore, NODE_TYPE, nodeTypes, type RunResult } from '../../../../helpers/n8n.cjs';

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: Record<string, unknown>;
}

/** A saved workflow with one PeerTube node of the given version, as n8n exports it. */
export function workflowJson(typeVersion: number, parameters: Record<string, NodeParameterValueType>, credentialId = 'cred-1'): WorkflowJson {
	return {
		name: `PeerTube v${typeVersion}`,
		nodes: [
			{
				parameters: structuredClone(parameters) as INode['parameters'],
				id: 'a1b2c3d4-0000-4000-8000-000000000001',
				name: 'PeerTube',
				type: NODE_TYPE,
				typeVersion,
				position: [220, 0],
				credentials: { peerTubeApi: { id: credentialId, name: 'PeerTube account' } },
			},
		],
		connections: {},
	};
}

/**
 * Calls a list search method of the node (a resource locator's From List) in n8n-core's
 * LoadOptionsContext, as the editor does for a version 2 node with these parameters.
 */
export async function listSearch(
	method: string,
	store: CredentialStore,
	parameters: Record<string, NodeParameterValueType>,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const node = workflowJson(2, parameters).nodes[0];
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new LoadOptionsContext(workflow, node, baseAdditionalData(store) as unknown as IWorkflowExecuteAdditionalData, 'parameters.videoId');
	const methods = (nodeTypes.getByNameAndVersion(NODE_TYPE, 2) as INodeType).methods!.listSearch!;
	return await methods[method].call(context, filter, paginationToken);
}

/** Executes the workflow's PeerTube node with these input items; returns its output like runNode. */
export async function runWorkflowJson(
	json: WorkflowJson,
	store: CredentialStore,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
): Promise<RunResult> {
	const saved = structuredClone(json);
	const node = saved.nodes.find((n) => n.type === NODE_TYPE)!;
	if (options.continueOnFail) node.onError = 'continueRegularOutput';
	const workflow = new Workflow({
		id: 'wf-json',
		nodes: saved.nodes,
		connections: saved.connections as never,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-json', {
		id: 'wf-json',
		name: saved.name ?? 'json',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: saved.nodes,
		connections: {},
		settings: {},
		activeVersionId: null,
	} as never);
	const additionalData = { ...baseAdditionalData(store), hooks, executionId: 'exec-json' } as unknown as IWorkflowExecuteAdditionalData;
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode(node.name)!, data: { main: [options.items ?? [{ json: {} }]] }, source: null }],
		},
	});
	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	} catch (error) {
		return { items: [], error: error as RunResult['error'], run: undefined as unknown as IRun };
	}
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'];
	return { items, error, run };
}

/** A version 2 run (the Video field is a resource locator). */
export async function runV2(
	parameters: Record<string, NodeParameterValueType>,
	store: CredentialStore,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
): Promise<RunResult> {
	return await runWorkflowJson(workflowJson(2, parameters), store, options);
}

export const byList = (value: string) => ({ __rl: true, mode: 'list', value });
export const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
