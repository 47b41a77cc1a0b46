/**
 * The version matrix: each operation's main scenario, and each trigger event, against the stand-in
 * playing each PeerTube line the node supports (scenarios in versions.scenarios.cts). Where an
 * operation needs a newer PeerTube, the older lines must fail with the message naming the version
 * needed, and send nothing but reads (no write request reaches the instance).
 */
import { resetPacing } from '../nodes/PeerTube/transport/pacing';
import { ADMIN, credentialData, type Instance, run, startInstance, storeWith, USER } from './helpers/fixture.cjs';
import { TriggerHarness } from './helpers/poll.cjs';
import { apiRequests, scenarios, triggerScenarios, versionAtLeast } from './versions.scenarios.cjs';

const VERSIONS = ['6.0.3', '6.3.0', '7.1.0', '8.2.1', '9.0.0'] as const;

const MODERATOR = { username: 'mod', password: 'M0derator-pass-phrase', role: 'moderator' as const };
const ACCOUNTS = { admin: ADMIN, user: USER, moderator: MODERATOR };

/** The message of the version gate, e.g. "… needs PeerTube 6.2 or newer; this instance runs 6.0.3". */
const versionMessage = (since: [number, number], version: string) =>
	new RegExp(`needs PeerTube ${since.join('\\.')} or newer; this instance runs ${version.replace(/\./g, '\\.')}$`);

const older = (version: string, since: [number, number] | undefined): since is [number, number] =>
	since !== undefined && !versionAtLeast(version, since[0], since[1]);

describe.each(VERSIONS)('PeerTube %s', (version) => {
	let instance: Instance;

	beforeEach(async () => {
		instance = await startInstance({ serverVersion: version });
	});
	afterEach(async () => {
		await instance.server.close();
		resetPacing();
	});

	describe('PeerTube node', () => {
		it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
			const { parameters, items, check, expectError } = await scenario.prepare(instance.server, version);
			const store = storeWith(credentialData(instance.server, ACCOUNTS[scenario.as ?? 'user']));
			instance.server.clearRequests();
			const result = await run(parameters, store, { items });
			if (older(version, scenario.since)) {
				expect(result.error?.message).toMatch(versionMessage(scenario.since, version));
				expect(apiRequests(instance.server).filter((r) => r.method !== 'GET')).toEqual([]);
				return;
			}
			if (!expectError) expect(result.error?.message).toBeUndefined();
			check(result);
		});
	});

	describe('PeerTube Trigger', () => {
		it.each(triggerScenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
			if (scenario.as === 'moderator') instance.server.addUser(MODERATOR);
			const { parameters, act, check } = scenario.prepare(instance.server, version);
			const harness = new TriggerHarness(parameters as never, storeWith(credentialData(instance.server, ACCOUNTS[scenario.as ?? 'user'])));
			instance.server.clearRequests();
			const baseline = await harness.poll();
			if (older(version, scenario.since)) {
				expect(baseline.error?.message).toMatch(versionMessage(scenario.since, version));
				// only the version read: no list was polled, no state kept
				expect(apiRequests(instance.server)).toEqual([]);
				expect(harness.staticData).toEqual({});
				return;
			}
			expect(baseline.error?.message).toBeUndefined();
			expect(baseline.items).toBeNull();
			act();
			const result = await harness.poll();
			expect(result.error?.message).toBeUndefined();
			check(result);
		});
	});
});
