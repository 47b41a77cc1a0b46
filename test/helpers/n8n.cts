/**
 * Runs the PeerTube node through n8n-core's real execution engine (WorkflowExecute, execution
 * context, request helpers, httpRequestWithAuthentication). The only piece written here is what
 * n8n's server provides and its packages don't export: the credentials store and helper, made to
 * behave like n8n's (defaults applied on decrypt, generic auth expressions resolved,
 * preAuthentication when the expirable field is empty or after a 401, declared fields persisted).
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { PeerTubeApi } from '../../credentials/PeerTubeApi.credentials';
import { PeerTube } from '../../nodes/PeerTube/PeerTube.node';

export const NODE_TYPE = 'n8n-nodes-peertube.peerTube';

const credentialTypes: Record<string, ICredentialType> = { peerTubeApi: new PeerTubeApi() };

/** What n8n's database holds for each credential (decrypted), by id. */
export class CredentialStore {
	private readonly data = new Map<string, ICredentialDataDecryptedObject>();

	/** preAuthentication calls, as n8n's server would make them */
	preAuthenticationCalls = 0;

	set(id: string, data: ICredentialDataDecryptedObject): void {
		this.data.set(id, { ...data });
	}

	get(id: string): ICredentialDataDecryptedObject {
		const value = this.data.get(id);
		if (!value) throw new Error(`no credential ${id} in the test store`);
		return { ...value };
	}

	update(id: string, data: ICredentialDataDecryptedObject): void {
		this.data.set(id, { ...this.get(id), ...data });
	}
}

function credentialType(name: string): ICredentialType {
	const type = credentialTypes[name];
	if (!type) throw new Error(`unknown credential type ${name}`);
	return type;
}

function expirableProperty(type: ICredentialType): INodeProperties | undefined {
	return type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: CredentialStore) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialType(type).properties;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const data = this.store.get(nodeCredentials.id!);
		return {
			id: nodeCredentials.id ?? undefined,
			name: nodeCredentials.name,
			type,
			data: undefined,
			getData: () => data,
			getDataToSave: () => ({ id: nodeCredentials.id, name: nodeCredentials.name, type, data: '' }),
			setData: () => undefined,
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		// like n8n: declared defaults fill what the stored data lacks (an empty token is '', not undefined)
		const stored = this.store.get(nodeCredentials.id!);
		const withDefaults = NodeHelpers.getNodeParameters(
			credentialType(type).properties,
			stored as never,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		return { ...stored, ...withDefaults };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const auth = credentialType(typeName).authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions as IHttpRequestOptions);
		if (!auth || auth.type !== 'generic') return requestOptions as IHttpRequestOptions;
		const resolve = (value: unknown) => {
			if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
			return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as never, undefined, '');
		};
		const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [outerKey, entries] of Object.entries(auth.properties as Record<string, Record<string, unknown>>)) {
			options[outerKey] = { ...(options[outerKey] ?? {}) };
			for (const [key, value] of Object.entries(entries)) {
				options[outerKey][String(resolve(key))] = resolve(value);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialType(typeName);
		const expirable = expirableProperty(type);
		if (!expirable || !type.preAuthentication) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.store.preAuthenticationCalls++;
		const output = (await type.preAuthentication.call(helpers, credentials)) as IDataObject;
		if (output[expirable.name] === undefined) return undefined;
		// n8n saves every returned field that the type declares, encrypted, on the credential
		const declared = new Set(type.properties.map((p) => p.name));
		const toSave: ICredentialDataDecryptedObject = {};
		for (const [key, value] of Object.entries(output)) if (declared.has(key)) toSave[key] = value as never;
		const id = node.credentials?.[typeName]?.id;
		if (id) this.store.update(id, toSave);
		return output as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialType(typeName);
		if (!type.preAuthentication) return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject) {
		this.store.update(nodeCredentials.id!, data);
	}

	async updateCredentialsOauthTokenData() {}
}

const nodeType = new PeerTube();

export const nodeTypes: INodeTypes = {
	getByName: () => nodeType as unknown as INodeType | IVersionedNodeType,
	getByNameAndVersion: (_name: string, version?: number) =>
		NodeHelpers.getVersionedNodeType(nodeType as unknown as INodeType, version),
	getKnownTypes: () => ({ [NODE_TYPE]: { className: 'PeerTube', sourcePath: '' } }),
} as unknown as INodeTypes;

/** A fresh node each time: n8n fills defaults into the parameters it is given. */
function peerTubeNode(parameters: Record<string, NodeParameterValueType>, credentialId: string): INode {
	return {
		id: 'peertube-node',
		name: 'PeerTube',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: structuredClone(parameters) as INode['parameters'],
		credentials: { peerTubeApi: { id: credentialId, name: 'PeerTube account' } },
	};
}

/** What n8n's server hands to an execution (the credentials helper over the test store). */
export function baseAdditionalData(store: CredentialStore) {
	return {
		credentialsHelper: new TestCredentialsHelper(store),
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
	};
}

/** Calls one of the node's load-options methods in n8n-core's LoadOptionsContext, as the editor does. */
export async function loadOptions(method: string, store: CredentialStore, credentialId = 'cred-1'): Promise<INodePropertyOptions[]> {
	const node = peerTubeNode({ resource: 'video', operation: 'update' }, credentialId);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = baseAdditionalData(store) as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.updateFields');
	const fn = nodeType.methods.loadOptions[method as keyof typeof nodeType.methods.loadOptions];
	return await fn.call(context);
}

export interface RunOptions {
	store: CredentialStore;
	credentialId?: string;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** the workflow's time zone setting (n8n: Workflow settings → Timezone); unset = n8n's default */
	timezone?: string;
	/** node type version (default 1) */
	typeVersion?: number;
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: Error & { description?: string | null; httpCode?: string | null };
	run: IRun;
}

/** Executes one PeerTube node with these parameters and input items, as n8n would. */
export async function runNode(parameters: Record<string, NodeParameterValueType>, options: RunOptions): Promise<RunResult> {
	const credentialId = options.credentialId ?? 'cred-1';
	const node = peerTubeNode(parameters, credentialId);
	if (options.typeVersion !== undefined) node.typeVersion = options.typeVersion;
	if (options.continueOnFail) node.onError = 'continueRegularOutput';
	const workflow = new Workflow({
		id: 'wf-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1', ...(options.timezone ? { timezone: options.timezone } : {}) },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-test', {
		id: 'wf-test',
		name: 'test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
		settings: {},
		activeVersionId: null,
	} as never);
	const additionalData = {
		...baseAdditionalData(options.store),
		hooks,
		executionId: 'exec-test',
	} as unknown as IWorkflowExecuteAdditionalData;
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [options.items ?? [{ json: {} }]] }, source: null }],
		},
	});
	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	} catch (error) {
		// n8n refuses to start a node with issues (e.g. a required parameter left empty)
		return { items: [], error: error as RunResult['error'], run: undefined as unknown as IRun };
	}
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'];
	return { items, error, run };
}

/** One line n8n's logger was given (LoggerProxy), with its metadata serialized. */
export interface LoggedLine {
	level: string;
	text: string;
}

/**
 * Routes n8n's LoggerProxy (what n8n-core and n8n-workflow log through; n8n's server writes it to
 * the console and log files at N8N_LOG_LEVEL) into an array, at every level down to debug.
 * Returns the lines and a function that detaches it.
 */
export function captureN8nLogs(): { lines: LoggedLine[]; stop: () => void } {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { LoggerProxy } = require('n8n-workflow') as typeof import('n8n-workflow');
	const lines: LoggedLine[] = [];
	const seen = new WeakSet<object>();
	const serialize = (value: unknown): string => {
		try {
			return JSON.stringify(value, (_key, entry: unknown) => {
				if (entry instanceof Error) return { name: entry.name, message: entry.message, stack: entry.stack, ...(entry as object) };
				if (entry !== null && typeof entry === 'object') {
					if (seen.has(entry)) return '[seen]';
					seen.add(entry);
				}
				return entry;
			});
		} catch {
			return String(value);
		}
	};
	const log = (level: string) => (message: string, meta?: unknown) => {
		lines.push({ level, text: `${message} ${meta === undefined ? '' : serialize(meta)}` });
	};
	const logger = { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
	// n8n-core's own Logger (@n8n/backend-common, what n8n's server configures with N8N_LOG_LEVEL)
	// re-points LoggerProxy at itself when first created: create it now, and capture its calls too,
	// whatever the level set for the tests
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require('@n8n/di') as { Container: { get: (type: unknown) => Record<string, unknown> } };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger } = require('@n8n/backend-common') as { Logger: unknown };
	const coreLogger = Container.get(Logger);
	const originals: Record<string, unknown> = {};
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		originals[level] = coreLogger[level];
		coreLogger[level] = log(level);
	}
	const scopedOriginal = coreLogger.scoped;
	coreLogger.scoped = () => coreLogger;
	LoggerProxy.init({ ...logger, scoped: () => logger } as never);
	return {
		lines,
		stop: () => {
			Object.assign(coreLogger, originals, { scoped: scopedOriginal });
			LoggerProxy.init({ error() {}, warn() {}, info() {}, debug() {}, scoped() { return this; } } as never);
		},
	};
}
