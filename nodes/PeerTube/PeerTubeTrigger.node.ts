import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { simplifyVideo } from './helpers/simplify';
import { instanceBaseUrl, peerTubeApiRequest } from './transport';
import { EVENT_LABELS, properties, setupEvent } from './trigger/events';
import type { EventSetup } from './trigger/events';
import { baseline, mostRecent, pollSince, readState, writeState } from './trigger/poll';

function output(setup: EventSetup, items: IDataObject[], baseUrl: string): INodeExecutionData[] {
	return items.map((item) => ({ json: setup.simplify ? simplifyVideo(item, baseUrl) : item }));
}

export class PeerTubeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PeerTube Trigger',
		name: 'peerTubeTrigger',
		icon: { light: 'file:../../icons/peertube-trigger.svg', dark: 'file:../../icons/peertube-trigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		// the event's label (Title Case), not its value
		subtitle: `={{ ${JSON.stringify(EVENT_LABELS)}[$parameter["event"]] ?? $parameter["event"] }}`,
		description: 'Starts the workflow when a PeerTube instance has new videos, comments, notifications, failed jobs, abuse reports or registration requests',
		defaults: { name: 'PeerTube Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'peerTubeApi', required: true }],
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const setup = await setupEvent.call(this);
		const baseUrl = await instanceBaseUrl.call(this);

		if (this.getMode() === 'manual') {
			// Fetch Test Event: the most recent matching item, without touching the stored state
			const item = await mostRecent.call(this, setup.spec);
			if (!item) {
				throw new NodeOperationError(
					this.getNode(),
					`No ${EVENT_LABELS[setup.event]} event found on this PeerTube instance yet`,
					{ description: 'Create one on PeerTube (or wait for one), then fetch again; once the workflow is active, the trigger starts from what exists at activation and emits what comes after' },
				);
			}
			return [output(setup, [item], baseUrl)];
		}

		const staticData = this.getWorkflowStaticData('node');
		const key = JSON.stringify({ ...setup.key, instance: baseUrl });
		const state = readState(staticData, key);
		if (!state) {
			// first poll after activation (or after the event changed): only a baseline
			const outcome = await baseline.call(this, setup.spec, key);
			writeState(staticData, outcome.state);
			return null;
		}

		const outcome = await pollSince.call(this, setup.spec, state);
		if (outcome.truncated) {
			this.logger.warn(
				`PeerTube Trigger: more new items than one poll reads (${outcome.requests} pages); the oldest of them were skipped. Poll more often.`,
			);
		}
		if (setup.markAsRead && outcome.items.length) {
			const ids = outcome.items.map((item) => Number(item.id)).filter((id) => Number.isInteger(id));
			// before the state is written: if marking fails, the poll fails and nothing is lost
			await peerTubeApiRequest.call(this, 'POST', '/users/me/notifications/read', { body: { ids } });
		}
		writeState(staticData, outcome.state);
		if (!outcome.items.length) return null;
		return [output(setup, outcome.items, baseUrl)];
	}
}
