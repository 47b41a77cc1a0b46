/**
 * Runs the PeerTube Trigger's `poll()` through n8n-core's real PollContext (request helpers,
 * httpRequestWithAuthentication with the credential's preAuthentication/authenticate, static data)
 * and n8n-core's TriggersAndPollers.runPollFunction, as n8n's active-workflow manager does for each
 * poll. The node's static data lives in `staticData` across polls, as n8n keeps it for an active
 * workflow. It is handed to the node as the live object (no copy, no staging): whatever the node
 * writes during a failed poll would stay, so tests see exactly what the node does.
 */
import { PollContext, TriggersAndPollers } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { PeerTubeTrigger } from '../../nodes/PeerTube/PeerTubeTrigger.node';
import { type CredentialStore, TestCredentialsHelper } from './n8n.cjs';

export const TRIGGER_TYPE = 'n8n-nodes-peertube.peerTubeTrigger';

const triggerType = new PeerTubeTrigger();

const nodeTypes: INodeTypes = {
	getByName: () => triggerType as unknown as INodeType | IVersionedNodeType,
	getByNameAndVersion: (_name: string, version?: number) => NodeHelpers.getVersionedNodeType(triggerType as unknown as INodeType, version),
	getKnownTypes: () => ({ [TRIGGER_TYPE]: { className: 'PeerTubeTrigger', sourcePath: '' } }),
} as unknown as INodeTypes;

export interface PollResult {
	/** what the poll returned: null when nothing new (n8n then starts no execution) */
	items: INodeExecutionData[] | null;
	error?: Error & { description?: string | null; httpCode?: string | null };
}

export class TriggerHarness {
	/** the node's static data, as n8n stores it for the workflow between polls */
	staticData: IDataObject = {};
	private readonly pollers = new TriggersAndPollers();

	constructor(
		private parameters: Record<string, NodeParameterValueType>,
		private readonly store: CredentialStore,
		private readonly credentialId = 'cred-1',
	) {}

	setParameters(parameters: Record<string, NodeParameterValueType>): void {
		this.parameters = parameters;
	}

	private node(): INode {
		return {
			id: 'peertube-trigger',
			name: 'PeerTube Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: structuredClone(this.parameters) as INode['parameters'],
			credentials: { peerTubeApi: { id: this.credentialId, name: 'PeerTube account' } },
		};
	}

	/** One poll: `trigger` as an active workflow polls, `manual` as Fetch Test Event does. */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollResult> {
		const node = this.node();
		// n8n fills the defaults of parameters left out, as when a workflow is loaded
		node.parameters = NodeHelpers.getNodeParameters(triggerType.description.properties, node.parameters, true, false, node, triggerType.description) as INode['parameters'];
		const workflow = new Workflow({
			id: 'wf-trigger',
			nodes: [node],
			connections: {},
			active: mode === 'trigger',
			nodeTypes,
			settings: { executionOrder: 'v1' },
		});
		const additionalData = {
			credentialsHelper: new TestCredentialsHelper(this.store),
			variables: {},
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			userId: 'user-test',
			setExecutionStatus: () => undefined,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			() => undefined,
			() => undefined,
			undefined,
			undefined,
			() => this.staticData,
		);
		try {
			const response = await this.pollers.runPollFunction(workflow, node, context);
			return { items: response ? response[0] : null };
		} catch (error) {
			return { items: null, error: error as PollResult['error'] };
		}
	}
}

export const names = (result: PollResult, field = 'name'): unknown[] => (result.items ?? []).map((item) => item.json[field]);
